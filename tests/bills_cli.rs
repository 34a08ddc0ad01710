//! Issue 12: importing Alipay and WeChat Pay CSV bills through the built binary
//! (fixtures in tests/data, made up; card numbers are test numbers).
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{err, ok, walletdesk};
use serde_json::Value;

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

fn json_of(o: &std::process::Output) -> Value {
    serde_json::from_str(&ok(o)).unwrap()
}

fn account(db: &Path, provider: &str) {
    ok(&walletdesk(
        db,
        &[
            "account",
            "add",
            "--provider",
            provider,
            "--label",
            "bills",
            "--tier",
            "verified",
            "--passport-expiry",
            "2030-05-01",
        ],
        None,
    ));
}

fn card(db: &Path, account: &str, number: &str) {
    ok(&walletdesk(
        db,
        &[
            "card",
            "add",
            "--account",
            account,
            "--expiry",
            "12/30",
            "--holder",
            "TEST USER",
            "--status",
            "active",
            "--anyway",
        ],
        Some(number),
    ));
}

/// Account 1 (Alipay) with one card ending 7449; account 2 (Alipay) with two;
/// account 3 (WeChat Pay) with one.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    account(&db, "alipay");
    card(&db, "1", "4000000000067449");
    account(&db, "alipay");
    card(&db, "2", "4111110000097449");
    card(&db, "2", "5555550000067449");
    account(&db, "wechat-pay");
    card(&db, "3", "5200000000017449");
    ok(&walletdesk(
        &db,
        &["rate", "set", "USD", "CNY", "7.2", "--date", "2026-01-01"],
        None,
    ));
    (dir, db)
}

fn import(db: &Path, file: &str, account: &str, extra: &[&str]) -> Value {
    let mut args = vec!["--json", "tx", "import", file, "--account", account];
    args.extend_from_slice(extra);
    json_of(&walletdesk(db, &args, None))
}

fn lines(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["line"].as_u64().unwrap())
        .collect()
}

#[test]
fn an_alipay_gbk_bill_imports_with_its_skips_refund_and_methods() {
    let (_d, db) = setup();
    let gbk = data("alipay-2023.gbk.csv");
    let dry = import(&db, &gbk, "1", &["--dry-run"]);
    assert_eq!(dry["format"], "Alipay CSV (header of 2023-02, GBK)");
    assert_eq!(dry["rows"], 5);
    assert_eq!(dry["written"], 0);
    assert_eq!(lines(&dry["skipped"]), vec![28, 29, 30]);
    let reasons: Vec<&str> = dry["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons[0].contains("money in") && reasons[0].contains("B1"),
        "{reasons:?}"
    );
    assert!(reasons[1].contains("fund"), "{reasons:?}");
    assert!(reasons[2].contains("closed (交易关闭)"), "{reasons:?}");
    assert_eq!(lines(&dry["refunds"]), vec![32]);
    assert_eq!(dry["refunds"][0]["of"], "2026030122001400000000000001");
    assert_eq!(dry["refunds"][0]["linked"], true);
    assert_eq!(dry["totals"][0]["currency"], "CNY");
    assert_eq!(dry["totals"][0]["amount"], "390.66");
    assert_eq!(dry["errors"].as_array().unwrap().len(), 0);

    let done = import(&db, &gbk, "1", &[]);
    assert_eq!(done["written"], 6, "5 payments and a refund");
    let list = json_of(&walletdesk(
        &db,
        &["--json", "tx", "list", "--account", "1"],
        None,
    ));
    let txs = list["transactions"].as_array().unwrap();
    let by_order = |o: &str| {
        txs.iter()
            .find(|t| t["order_no"] == o && t["refund"] == false)
            .unwrap_or_else(|| panic!("no {o} in {list}"))
    };
    // B3: the card ending 7449 on this account; balance and an unknown card: none.
    let lunch = by_order("2026030122001400000000000001");
    assert_eq!(lunch["method"], 1);
    assert_eq!(lunch["amount"], "28.16");
    assert_eq!(lunch["type"], "goods");
    assert_eq!(lunch["at"], "2026-03-01T12:30:05+08:00");
    let tissues = by_order("2026030222001400000000000002");
    assert_eq!(tissues["method"], Value::Null);
    assert_eq!(
        tissues["at"], "2026-03-02T09:15:00+08:00",
        "no seconds in the file"
    );
    assert_eq!(
        by_order("2026030622001400000000000006")["method"],
        Value::Null
    );
    let transfer = by_order("2026030822001400000000000008");
    assert_eq!(transfer["type"], "personal");
    assert_eq!(transfer["to"], "alipay-account");
    assert_eq!(
        by_order("2026030922001400000000000009")["to"],
        "bank-account"
    );
    // B5: the refund is its own row, marked and linked to its payment; the totals
    // and the limits count the gross (Q9).
    let refund = txs.iter().find(|t| t["refund"] == true).unwrap();
    assert_eq!(refund["refund_of"], lunch["id"]);
    assert_eq!(refund["amount"], "28.16");
    assert_eq!(lunch["refund"], false);
    assert_eq!(list["total"], 6);
    assert_eq!(list["totals"][0]["amount"], "390.66");
    let quota = ok(&walletdesk(
        &db,
        &["--json", "quota", "--account", "1"],
        None,
    ));
    assert!(
        quota.contains("\"used\":\"54.26\""),
        "USD of the payments alone: {quota}"
    );
    assert!(
        !quota.contains("58.17"),
        "the refund gives no headroom back: {quota}"
    );
    // Deleting the refund leaves the payment's figures as they were.
    let rid = refund["id"].to_string();
    ok(&walletdesk(&db, &["tx", "delete", &rid], None));
    let after = ok(&walletdesk(
        &db,
        &["--json", "quota", "--account", "1"],
        None,
    ));
    // Only the refund beside the used figures goes (Q9).
    let figures = |q: &str| -> Vec<(Value, Value, Value)> {
        let v: Value = serde_json::from_str(q).unwrap();
        v["limits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| (l["key"].clone(), l["used"].clone(), l["remaining"].clone()))
            .collect()
    };
    assert_eq!(figures(&after), figures(&quota));
    assert!(quota.contains("\"refunded\":\"3.91\""), "{quota}");
    assert!(!after.contains("\"refunded\":\"3.91\""), "{after}");
}

#[test]
fn reimports_the_bom_copy_and_an_overlapping_export_write_only_new_rows() {
    let (_d, db) = setup();
    assert_eq!(
        import(&db, &data("alipay-2023.gbk.csv"), "1", &[])["written"],
        6
    );
    // The same file again: nothing new.
    let again = import(&db, &data("alipay-2023.gbk.csv"), "1", &[]);
    assert_eq!(again["written"], 0);
    assert_eq!(again["duplicates"].as_array().unwrap().len(), 6);
    assert!(
        again["duplicates"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("same Alipay order number, time and amount"),
        "{again}"
    );
    // A UTF-8 copy with a BOM of the GBK file: the same payments (B4).
    let bom = import(&db, &data("alipay-2023.utf8-bom.csv"), "1", &[]);
    assert_eq!(
        bom["format"],
        "Alipay CSV (header of 2023-02, UTF-8 with BOM)"
    );
    assert_eq!(bom["written"], 0);
    assert_eq!(bom["duplicates"].as_array().unwrap().len(), 6);
    // A later export overlapping the first: only its new row.
    let later = import(&db, &data("alipay-2023-later.gbk.csv"), "1", &[]);
    assert_eq!(later["rows"], 1);
    assert_eq!(later["written"], 1);
    // An edited imported row keeps its order number: still a duplicate.
    ok(&walletdesk(
        &db,
        &["tx", "edit", "1", "--note", "edited"],
        None,
    ));
    let again = import(&db, &data("alipay-2023.gbk.csv"), "1", &[]);
    assert_eq!(again["written"], 0, "{again}");
    let list = json_of(&walletdesk(
        &db,
        &["--json", "tx", "list", "--account", "1"],
        None,
    ));
    assert_eq!(list["total"], 7, "6 payments and a refund");
}

#[test]
fn two_cards_with_the_same_last_four_are_not_guessed() {
    let (_d, db) = setup();
    let dry = import(&db, &data("alipay-2023.gbk.csv"), "2", &["--dry-run"]);
    let notes = dry["methods"].as_array().unwrap();
    let at = |line: u64| {
        notes
            .iter()
            .find(|n| n["line"] == line)
            .map(|n| n["reason"].as_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    assert!(
        at(26).contains("two cards end in 7449: pick one"),
        "{notes:?}"
    );
    assert!(
        at(31).contains("no card of this account ends in 9876"),
        "{notes:?}"
    );
    assert!(at(27).contains("余额"), "{notes:?}");
    // Text output says the same.
    let text = ok(&walletdesk(
        &db,
        &[
            "tx",
            "import",
            &data("alipay-2023.gbk.csv"),
            "--account",
            "2",
            "--dry-run",
        ],
        None,
    ));
    assert!(
        text.contains("Read as Alipay CSV (header of 2023-02, GBK)"),
        "{text}"
    );
    assert!(
        text.contains("line 26: two cards end in 7449: pick one"),
        "{text}"
    );
    assert!(text.contains("line 28: skipped: money in"), "{text}");
    assert!(
        text.contains("3 rows not payments (B1); 1 refund (B5)"),
        "{text}"
    );
}

#[test]
fn a_wechat_bill_imports() {
    let (_d, db) = setup();
    let v = import(&db, &data("wechat.csv"), "3", &[]);
    assert_eq!(v["format"], "WeChat Pay CSV (header with 交易单号, UTF-8)");
    assert_eq!(v["written"], 4, "{v}");
    assert_eq!(lines(&v["skipped"]), vec![21, 22]);
    assert_eq!(v["totals"][0]["amount"], "161.16");
    let list = json_of(&walletdesk(
        &db,
        &["--json", "tx", "list", "--account", "3"],
        None,
    ));
    let txs = list["transactions"].as_array().unwrap();
    let milk = txs
        .iter()
        .find(|t| t["order_no"] == "4200000000202604010001")
        .unwrap();
    assert_eq!(milk["method"], 4);
    assert_eq!(milk["amount"], "28.16");
    // The order number ending in spaces is trimmed.
    assert!(
        txs.iter()
            .any(|t| t["order_no"] == "10000000000202604020002")
    );
    assert_eq!(import(&db, &data("wechat.csv"), "3", &[])["written"], 0);
}

#[test]
fn formats_unknown_files_and_bad_rows_are_said() {
    let (dir, db) = setup();
    let other = dir.path().join("other.csv");
    std::fs::write(&other, "name,price\nx,1\n").unwrap();
    let e = err(
        &walletdesk(
            &db,
            &["tx", "import", other.to_str().unwrap(), "--account", "1"],
            None,
        ),
        2,
    );
    assert!(e.contains("not a file walletdesk can read"), "{e}");
    // Asked for WeChat Pay, given Alipay: said, nothing written.
    let e = err(
        &walletdesk(
            &db,
            &[
                "tx",
                "import",
                &data("alipay-2023.gbk.csv"),
                "--account",
                "1",
                "--format",
                "wechat",
            ],
            None,
        ),
        2,
    );
    assert!(e.contains("WeChat Pay"), "{e}");
    // A row re-saved by Excel: the line and the field, nothing written.
    let text = std::fs::read_to_string(data("wechat.csv"))
        .unwrap()
        .replace("2026-04-03 18:00:00", "2026/4/3 18:00");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, text).unwrap();
    let o = walletdesk(
        &db,
        &["tx", "import", bad.to_str().unwrap(), "--account", "3"],
        None,
    );
    let e = err(&o, 2);
    assert!(e.contains("line 20: 交易时间"), "{e}");
    assert!(e.contains("Excel"), "{e}");
    let list = json_of(&walletdesk(
        &db,
        &["--json", "tx", "list", "--account", "3"],
        None,
    ));
    assert_eq!(list["total"], 0);
    // With --json, the report is on standard output (exit 2): line, field, problem.
    let o = walletdesk(
        &db,
        &[
            "--json",
            "tx",
            "import",
            bad.to_str().unwrap(),
            "--account",
            "3",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["written"], 0);
    assert_eq!(v["errors"][0]["line"], 20);
    assert_eq!(v["errors"][0]["field"], "交易时间");
    assert!(
        v["errors"][0]["problem"]
            .as_str()
            .unwrap()
            .starts_with("\"2026/4/3 18:00\" is not"),
        "{v}"
    );
}

#[test]
fn a_refund_is_listed_as_one_and_shown_beside_the_used_figure_not_as_headroom() {
    let (_dir, db) = setup();
    import(&db, &data("alipay-2023.utf8-bom.csv"), "1", &[]);
    // Q9: the year's used figure counts the payment in full; the refund is beside it.
    let q = json_of(&walletdesk(
        &db,
        &["quota", "--account", "1", "--json"],
        None,
    ));
    let year = q["limits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["key"] == "verified-year")
        .unwrap();
    assert_eq!(year["used"], "54.26", "{year}");
    assert_eq!(year["refunded"], "3.91", "{year}");
    let text = ok(&walletdesk(&db, &["quota", "--account", "1"], None));
    assert!(text.contains("USD 3.91 of it refunded"), "{text}");
    let list = ok(&walletdesk(&db, &["tx", "list", "--account", "1"], None));
    assert!(list.contains("+CNY 28.16"), "{list}");
    assert!(list.contains("Refund"), "{list}");
    assert!(
        list.contains("5 payments totalling CNY 390.66 = USD 54.26, and 1 refund"),
        "{list}"
    );
}
