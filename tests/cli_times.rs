//! The built binary: one time zone in every time `tx` shows and reads, the total
//! of the filtered rows, words instead of codes in the text, the sample data only
//! for an empty database, and sample payments that make sense.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::{err, ok, walletdesk};
use serde_json::Value;

fn json_of(o: &std::process::Output) -> Value {
    serde_json::from_str(&ok(o)).unwrap()
}

/// A verified Alipay account (id 1) with USD→CNY and HKD→CNY rates.
fn alipay_with_rates(db: &Path) {
    ok(&walletdesk(
        db,
        &[
            "account",
            "add",
            "--provider",
            "alipay",
            "--label",
            "main",
            "--tier",
            "verified",
            "--holder",
            "JOHN SMITH",
            "--passport-expiry",
            "2030-05-01",
        ],
        None,
    ));
    ok(&walletdesk(
        db,
        &["rate", "set", "USD", "CNY", "7.2", "--date", "2026-01-01"],
        None,
    ));
    ok(&walletdesk(
        db,
        &["rate", "set", "HKD", "CNY", "0.9", "--date", "2026-01-01"],
        None,
    ));
}

fn add(db: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["tx", "add", "--account", "1"];
    args.extend_from_slice(extra);
    walletdesk(db, &args, None)
}

fn list_json(db: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["--json", "tx", "list", "--account", "1"];
    args.extend_from_slice(extra);
    json_of(&walletdesk(db, &args, None))
}

#[test]
fn tx_list_shows_every_time_in_the_configured_zone_and_json_gives_its_offset() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    alipay_with_rates(&db);
    // Stored as typed, in UTC with nanoseconds.
    ok(&add(
        &db,
        &[
            "--amount",
            "36",
            "--currency",
            "CNY",
            "--type",
            "goods",
            "--at",
            "2026-11-21T14:41:48.413967316+00:00",
            "--counterparty",
            "DiDi",
        ],
    ));
    let text = ok(&walletdesk(&db, &["tx", "list", "--account", "1"], None));
    assert!(text.contains("at (Beijing time)"), "{text}");
    assert!(text.contains("2026-11-21 22:41"), "{text}");
    assert!(!text.contains("14:41"), "{text}");
    let list = list_json(&db, &[]);
    assert_eq!(
        list["transactions"][0]["at"],
        "2026-11-21T22:41:48.413967316+08:00"
    );
    // Another zone in the setting: the same moment on its clock, with its offset.
    ok(&walletdesk(
        &db,
        &["setting", "set", "time-zone", "Europe/Berlin"],
        None,
    ));
    let text = ok(&walletdesk(&db, &["tx", "list", "--account", "1"], None));
    assert!(text.contains("at (Europe/Berlin)"), "{text}");
    assert!(text.contains("2026-11-21 15:41"), "{text}");
    assert_eq!(
        list_json(&db, &[])["transactions"][0]["at"],
        "2026-11-21T15:41:48.413967316+01:00"
    );
}

#[test]
fn tx_add_and_edit_read_a_minute_on_the_clock_of_the_configured_zone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    alipay_with_rates(&db);
    let id = ok(&add(
        &db,
        &[
            "--amount",
            "36",
            "--currency",
            "CNY",
            "--type",
            "goods",
            "--at",
            "2026-11-21 22:41",
        ],
    ));
    let id = id.trim();
    assert_eq!(
        list_json(&db, &[])["transactions"][0]["at"],
        "2026-11-21T22:41:00+08:00"
    );
    ok(&walletdesk(
        &db,
        &["tx", "edit", id, "--at", "2026-11-20 08:05"],
        None,
    ));
    assert_eq!(
        list_json(&db, &[])["transactions"][0]["at"],
        "2026-11-20T08:05:00+08:00"
    );
    // RFC 3339 and a date alone still work.
    ok(&walletdesk(
        &db,
        &["tx", "edit", id, "--at", "2026-11-19T10:00:00+02:00"],
        None,
    ));
    assert_eq!(
        list_json(&db, &[])["transactions"][0]["at"],
        "2026-11-19T16:00:00+08:00"
    );
    ok(&walletdesk(
        &db,
        &["tx", "edit", id, "--at", "2026-11-18"],
        None,
    ));
    assert_eq!(
        list_json(&db, &[])["transactions"][0]["at"],
        "2026-11-18T00:00:00+08:00"
    );
    // Wrong input: exit 2, the field named, nothing changed.
    for bad in ["2026-11-21 25:00", "yesterday", "21/11/2026 10:00"] {
        let e = err(
            &add(
                &db,
                &[
                    "--amount",
                    "1",
                    "--currency",
                    "CNY",
                    "--type",
                    "goods",
                    "--at",
                    bad,
                ],
            ),
            2,
        );
        assert!(e.contains("at: "), "{e}");
        assert!(e.contains("2026-03-01 14:30"), "{e}");
        let e = err(&walletdesk(&db, &["tx", "edit", id, "--at", bad], None), 2);
        assert!(e.contains("at: "), "{e}");
    }
    let list = list_json(&db, &[]);
    assert_eq!(list["total"], 1);
    assert_eq!(list["transactions"][0]["at"], "2026-11-18T00:00:00+08:00");
    // In a zone with daylight saving, a time its clocks skip is refused.
    ok(&walletdesk(
        &db,
        &["setting", "set", "time-zone", "Europe/Berlin"],
        None,
    ));
    let e = err(
        &add(
            &db,
            &[
                "--amount",
                "1",
                "--currency",
                "CNY",
                "--type",
                "goods",
                "--at",
                "2026-03-29 02:30",
            ],
        ),
        2,
    );
    assert!(e.contains("does not exist in Europe/Berlin"), "{e}");
    ok(&add(
        &db,
        &[
            "--amount",
            "1",
            "--currency",
            "CNY",
            "--type",
            "goods",
            "--at",
            "2026-07-01 14:30",
        ],
    ));
    assert_eq!(
        list_json(&db, &[])["transactions"][1]["at"],
        "2026-07-01T14:30:00+02:00"
    );
}

#[test]
fn tx_list_ends_with_the_total_of_every_filtered_row_not_just_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    alipay_with_rates(&db);
    for (amount, currency, ty, at) in [
        ("36.00", "CNY", "goods", "2026-11-01 10:00"),
        ("1234.50", "CNY", "goods", "2026-11-02 10:00"),
        ("50", "HKD", "goods", "2026-11-03 10:00"),
        ("7200", "CNY", "services", "2026-11-04 10:00"),
    ] {
        ok(&add(
            &db,
            &[
                "--amount",
                amount,
                "--currency",
                currency,
                "--type",
                ty,
                "--at",
                at,
            ],
        ));
    }
    // Goods: CNY 1,270.50 (USD 176.46) and HKD 50 = CNY 45 (USD 6.25).
    let text = ok(&walletdesk(
        &db,
        &[
            "tx",
            "list",
            "--account",
            "1",
            "--type",
            "goods",
            "--limit",
            "1",
        ],
        None,
    ));
    let last = text.lines().last().unwrap();
    assert_eq!(
        last, "3 payments totalling CNY 1,270.50 + HKD 50.00 = USD 182.71",
        "{text}"
    );
    assert!(text.contains("1 of 3 shown"), "{text}");
    let list = list_json(&db, &["--type", "goods", "--limit", "1"]);
    assert_eq!(list["total"], 3);
    assert_eq!(list["total_usd"], "182.71");
    assert_eq!(
        list["totals"],
        serde_json::json!([
            {"currency": "CNY", "amount": "1270.50"},
            {"currency": "HKD", "amount": "50.00"},
        ])
    );
    // A single payment is one payment.
    let text = ok(&walletdesk(
        &db,
        &["tx", "list", "--account", "1", "--type", "services"],
        None,
    ));
    assert_eq!(
        text.lines().last().unwrap(),
        "1 payment totalling CNY 7,200.00 = USD 1,000.00"
    );
}

#[test]
fn tx_list_text_says_types_and_destinations_in_words_and_aligns_amounts_right() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    alipay_with_rates(&db);
    ok(&add(
        &db,
        &[
            "--amount",
            "7800",
            "--currency",
            "CNY",
            "--type",
            "personal",
            "--to",
            "bank-account",
            "--at",
            "2026-11-01 10:00",
            "--counterparty",
            "Landlord",
        ],
    ));
    ok(&add(
        &db,
        &[
            "--amount",
            "9.90",
            "--currency",
            "CNY",
            "--type",
            "goods",
            "--at",
            "2026-11-02 10:00",
            "--counterparty",
            "Luckin",
        ],
    ));
    let text = ok(&walletdesk(&db, &["tx", "list", "--account", "1"], None));
    for words in [
        "Personal expenses",
        "Bank account",
        "Purchasing goods",
        "Merchant",
    ] {
        assert!(text.contains(words), "{words}: {text}");
    }
    for code in ["bank-account", " personal ", "merchant"] {
        assert!(!text.contains(code), "{code}: {text}");
    }
    // The amounts end in the same column.
    let ends: Vec<usize> = text
        .lines()
        .filter(|l| !l.contains("totalling"))
        .filter_map(|l| {
            let start = l.find("CNY ")? + 4;
            Some(start + l[start..].find(' ')?)
        })
        .collect();
    assert_eq!(ends.len(), 2, "{text}");
    assert_eq!(ends[0], ends[1], "{text}");
    // JSON keeps the codes.
    let list = list_json(&db, &[]);
    assert_eq!(list["transactions"][1]["to"], "bank-account");
    assert_eq!(list["transactions"][1]["type"], "personal");
}

#[test]
fn an_import_of_one_row_is_counted_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    alipay_with_rates(&db);
    let csv = dir.path().join("one.csv");
    std::fs::write(
        &csv,
        "at,amount,currency,type,to,method,counterparty,note,fx_exempt\n\
         2026-03-01,10.00,CNY,goods,,,a,,\n",
    )
    .unwrap();
    let path = csv.to_str().unwrap();
    let out = ok(&walletdesk(
        &db,
        &["tx", "import", path, "--account", "1"],
        None,
    ));
    assert!(out.contains("1 row to import"), "{out}");
    assert!(out.contains("Imported 1 payment\n"), "{out}");
    let again = ok(&walletdesk(
        &db,
        &["tx", "import", path, "--account", "1"],
        None,
    ));
    assert!(
        again.contains("0 rows to import; 1 duplicate skipped; 0 errors"),
        "{again}"
    );
}

#[test]
fn demo_refuses_a_database_that_has_accounts_and_points_to_the_throw_away_demo() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    alipay_with_rates(&db);
    let e = err(&walletdesk(&db, &["demo", "--transactions", "20"], None), 2);
    assert!(e.contains("already has accounts"), "{e}");
    assert!(e.contains("walletdesk --demo"), "{e}");
    let accounts = json_of(&walletdesk(&db, &["--json", "account", "list"], None));
    assert_eq!(accounts.as_array().unwrap().len(), 1, "nothing added");
    assert_eq!(list_json(&db, &[])["total"], 0);
}

/// Every sample payment of one counterparty: (type, to, currency, amount, at).
type Sample = HashMap<String, Vec<(String, String, String, f64, String)>>;

fn sample_payments(db: &Path, accounts: usize) -> Sample {
    let mut by: Sample = HashMap::new();
    for a in 1..=accounts {
        let a = a.to_string();
        let list = json_of(&walletdesk(
            db,
            &["--json", "tx", "list", "--account", &a, "--limit", "5000"],
            None,
        ));
        for t in list["transactions"].as_array().unwrap() {
            let s = |k: &str| t[k].as_str().unwrap().to_owned();
            by.entry(s("counterparty")).or_default().push((
                s("type"),
                s("to"),
                s("currency"),
                s("amount").parse().unwrap(),
                s("at"),
            ));
        }
    }
    by
}

#[test]
fn the_sample_payments_make_sense_to_a_person() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    ok(&walletdesk(&db, &["demo", "--transactions", "800"], None));
    let by = sample_payments(&db, 4);
    let each = |name: &str| -> &Vec<(String, String, String, f64, String)> {
        by.iter()
            .find(|(k, _)| k.contains(name))
            .map(|(_, v)| v)
            .unwrap_or_else(|| panic!("no {name} in {:?}", by.keys()))
    };
    // Coffee is a few yuan of goods at a merchant.
    for (ty, to, ccy, amount, _) in each("Luckin") {
        assert_eq!(
            (ty.as_str(), to.as_str(), ccy.as_str()),
            ("goods", "merchant", "CNY")
        );
        assert!(*amount < 40.0, "a CNY {amount} coffee");
    }
    for (ty, to, _, amount, _) in each("Metro") {
        assert_eq!((ty.as_str(), to.as_str()), ("services", "merchant"));
        assert!(*amount <= 10.0, "a CNY {amount} metro ride");
    }
    // The rent is a personal payment to a bank account, once a month.
    let rent = each("rent");
    let mut months: Vec<&str> = rent.iter().map(|r| &r.4[..7]).collect();
    for (ty, to, ..) in rent {
        assert_eq!((ty.as_str(), to.as_str()), ("personal", "bank-account"));
    }
    let n = months.len();
    months.dedup();
    assert_eq!(months.len(), n, "one rent a month");
    assert!(n >= 12, "{n} rents in 15 months");
    // Friends are paid to their Alipay account, as personal expenses.
    for (ty, to, ..) in each("Friend") {
        assert_eq!((ty.as_str(), to.as_str()), ("personal", "alipay-account"));
    }
    // Hong Kong shops in HKD; the cloud bills in USD, as services.
    for (_, _, ccy, ..) in each("7-Eleven") {
        assert_eq!(ccy, "HKD");
    }
    for (ty, _, ccy, ..) in each("Alibaba Cloud") {
        assert_eq!((ty.as_str(), ccy.as_str()), ("services", "USD"));
    }
    // Nobody pays a person or a landlord "goods", and no merchant gets a transfer.
    for (name, rows) in &by {
        for (ty, to, ..) in rows {
            assert_eq!(ty == "personal", to != "merchant", "{name}: {ty} to {to}");
        }
    }
}
