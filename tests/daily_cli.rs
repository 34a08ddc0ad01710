//! The command line as a new user tripped over it (issue 11): removing an
//! account, links that can never work, `--anyway`, the verdict of `card add`,
//! check-card's account, the removal plan in one step, the fee of a method.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use std::path::Path;

use common::{err, ok, walletdesk};

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    walletdesk(db, args, None)
}

fn card(db: &Path, account: &str, number: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "card",
        "add",
        "--account",
        account,
        "--expiry",
        "12/29",
        "--holder",
        "JOHN SMITH",
    ];
    args.extend_from_slice(extra);
    walletdesk(db, &args, Some(&format!("{number}\n")))
}

fn cloud(db: &Path, label: &str, region: &str) -> String {
    ok(&run(
        db,
        &[
            "account",
            "add",
            "--provider",
            "alibaba-cloud",
            "--label",
            label,
            "--region",
            region,
            "--tier",
            "verified",
        ],
    ))
    .trim()
    .to_owned()
}

fn alipay(db: &Path) -> String {
    ok(&run(
        db,
        &[
            "account",
            "add",
            "--provider",
            "alipay",
            "--label",
            "支付宝",
            "--tier",
            "verified",
            "--holder",
            "JOHN SMITH",
            "--passport-expiry",
            "2030-05-01",
        ],
    ))
    .trim()
    .to_owned()
}

fn method_count(db: &Path, account: &str) -> usize {
    let out = ok(&run(
        db,
        &["--json", "method", "list", "--account", account, "--all"],
    ));
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn account_remove_is_refused_while_it_has_live_methods_then_archives_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    let a = cloud(&db, "Cloud old", "US");
    ok(&card(&db, &a, "4111111111111111", &[]));

    let e = err(&run(&db, &["account", "remove", &a]), 1);
    assert!(e.contains("L8"), "{e}");
    assert!(e.contains("still has a live method"), "{e}");
    assert!(
        e.contains("walletdesk method remove 1"),
        "the way through: {e}"
    );

    ok(&run(&db, &["method", "remove", "1"]));
    let out = ok(&run(&db, &["account", "remove", &a]));
    assert!(out.contains("archived"), "{out}");
    let list = ok(&run(&db, &["account", "list"]));
    assert!(!list.contains("Cloud old"), "{list}");
    let all = ok(&run(&db, &["account", "list", "--all"]));
    assert!(all.contains("Cloud old (removed)"), "{all}");
    // A removed account takes no new method; restore brings it back.
    let e = err(&card(&db, &a, "5555555555554444", &[]), 2);
    assert!(e.contains("was removed"), "{e}");
    // Nor payments: it must be restored first.
    let e = err(
        &run(
            &db,
            &[
                "tx",
                "add",
                "--account",
                &a,
                "--amount",
                "5",
                "--currency",
                "USD",
                "--type",
                "goods",
            ],
        ),
        2,
    );
    assert!(e.contains("walletdesk account restore"), "{e}");
    ok(&run(&db, &["account", "restore", &a]));
    assert!(ok(&run(&db, &["account", "list"])).contains("Cloud old"));
    // Unknown account: bad input.
    err(&run(&db, &["account", "remove", "99"]), 2);
}

#[test]
fn paypal_on_alipay_is_refused_with_k1_and_nothing_is_linked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    let a = alipay(&db);
    let args = [
        "paypal",
        "add",
        "--account",
        &a,
        "--email",
        "me@example.com",
        "--country",
        "US",
    ];
    let e = err(&run(&db, &args), 1);
    assert!(
        e.contains("K1: Alipay does not take this kind of method"),
        "{e}"
    );
    // Not even with --anyway: it can never work.
    let mut anyway = args.to_vec();
    anyway.push("--anyway");
    err(&run(&db, &anyway), 1);
    assert_eq!(method_count(&db, &a), 0);
}

#[test]
fn a_block_verdict_is_refused_unless_anyway_and_the_verdict_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    let us = cloud(&db, "Cloud US", "US");
    let eu = cloud(&db, "Cloud EU", "EU");

    // A JCB on a US account: AC4.
    let e = err(&card(&db, &us, "3530111333300000", &[]), 1);
    assert!(e.contains("AC4"), "{e}");
    assert!(e.contains("--anyway"), "{e}");
    assert_eq!(method_count(&db, &us), 0);
    let o = card(&db, &us, "3530111333300000", &["--anyway"]);
    assert_eq!(ok(&o), "1\n", "the id alone on standard output");
    let said = String::from_utf8(o.stderr).unwrap();
    assert!(said.contains("will fail"), "{said}");
    assert!(said.contains("AC4"), "{said}");

    // PayPal on an EU account: AC4 too.
    let pp = [
        "paypal",
        "add",
        "--account",
        &eu,
        "--email",
        "me@example.com",
        "--country",
        "US",
    ];
    let e = err(&run(&db, &pp), 1);
    assert!(e.contains("AC4"), "{e}");
    let mut anyway = pp.to_vec();
    anyway.push("--anyway");
    ok(&run(&db, &anyway));
    assert_eq!(method_count(&db, &eu), 1);
}

#[test]
fn card_add_says_how_the_card_will_fare() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    let us = cloud(&db, "Cloud US", "US");
    // International payments and 3-D Secure unknown: it may fail (AC5, AC6).
    let o = card(&db, &us, "4111111111111111", &[]);
    assert_eq!(ok(&o), "1\n");
    let said = String::from_utf8(o.stderr).unwrap();
    assert!(said.contains("Alibaba Cloud: may fail"), "{said}");
    assert!(said.contains("AC5"), "{said}");

    let o = walletdesk(
        &db,
        &[
            "--json",
            "card",
            "add",
            "--account",
            &us,
            "--expiry",
            "12/29",
            "--holder",
            "JOHN SMITH",
        ],
        Some("5555555555554444\n"),
    );
    let v: serde_json::Value = serde_json::from_str(&ok(&o)).unwrap();
    assert_eq!(v["id"], 2);
    assert_eq!(v["result"]["verdict"], "warn");
    assert_eq!(v["result"]["provider"], "alibaba-cloud");
}

#[test]
fn check_card_against_an_account_of_another_provider_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    let us = cloud(&db, "Cloud US", "US");
    alipay(&db);
    let o = walletdesk(
        &db,
        &[
            "check-card",
            "--provider",
            "alipay",
            "--account",
            &us,
            "--expiry",
            "12/29",
        ],
        Some("4111111111111111\n"),
    );
    let e = err(&o, 2);
    assert!(e.contains("provider"), "{e}");
    assert!(e.contains("is on Alibaba Cloud, not Alipay"), "{e}");
    // Its own provider, or all, are fine.
    let o = walletdesk(
        &db,
        &[
            "check-card",
            "--provider",
            "alibaba-cloud",
            "--account",
            &us,
            "--expiry",
            "12/29",
        ],
        Some("4111111111111111\n"),
    );
    ok(&o);
}

#[test]
fn removing_the_default_names_the_new_one_and_does_both_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    let us = cloud(&db, "Cloud US", "US");
    ok(&card(&db, &us, "4111111111111111", &["--status", "active"]));
    ok(&card(&db, &us, "5555555555554444", &["--status", "active"]));
    let e = err(&run(&db, &["method", "remove", "1"]), 1);
    assert!(e.contains("L3"), "{e}");
    assert!(
        e.contains("walletdesk method remove 1 --new-default 2"),
        "one command does the plan: {e}"
    );
    ok(&run(&db, &["method", "remove", "1", "--new-default", "2"]));
    let list: serde_json::Value = serde_json::from_str(&ok(&run(
        &db,
        &["--json", "method", "list", "--account", &us, "--all"],
    )))
    .unwrap();
    let by_id = |id: i64| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by_id(1)["status"], "removed");
    assert_eq!(by_id(2)["default"], true);
}

#[test]
fn the_fee_belongs_to_a_method_a_mainland_card_pays_no_foreign_card_fee() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    let a = alipay(&db);
    ok(&run(
        &db,
        &["rate", "set", "USD", "CNY", "7.2", "--date", "2026-01-01"],
    ));
    ok(&card(
        &db,
        &a,
        "6222020000000007",
        &[
            "--issuer-country",
            "CN",
            "--funding",
            "debit",
            "--status",
            "active",
        ],
    ));
    let args = [
        "precheck",
        "--account",
        &a,
        "--amount",
        "40000",
        "--currency",
        "CNY",
        "--type",
        "goods",
    ];
    // Refused (Q3: over USD 5,000 at once): exit 1, and no foreign-card fee.
    let o = run(&db, &args);
    assert_eq!(o.status.code(), Some(1), "refused: exit 1");
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(!text.contains("Fee Q5"), "{text}");
    assert!(text.contains("no fee"), "the card's own fee: {text}");
    let mut json = vec!["--json"];
    json.extend_from_slice(&args);
    let o = run(&db, &json);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["allowed"], false);
    assert!(v["fee"].is_null(), "{v}");

    // A foreign card that fits: its fee, 3 % of the whole payment (Q5).
    ok(&card(
        &db,
        &a,
        "4111111111111111",
        &[
            "--issuer-country",
            "HK",
            "--funding",
            "credit",
            "--status",
            "active",
        ],
    ));
    // The mainland card would be recommended (no fee): take it away.
    ok(&run(&db, &["method", "remove", "1", "--new-default", "2"]));
    let o = run(
        &db,
        &[
            "precheck",
            "--account",
            &a,
            "--amount",
            "1000",
            "--currency",
            "CNY",
            "--type",
            "goods",
        ],
    );
    let text = ok(&o);
    assert!(
        text.contains("CNY 30.00") && text.contains("3% of the whole payment"),
        "{text}"
    );
}
