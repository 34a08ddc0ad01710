//! `quota`, `limit book`, `rate` and `precheck` as people read them (issue 11):
//! the limit reached first leads and is not said to "bind", the book and the
//! limits are named in words with the rule ids last, the FX quota says which
//! wallets it adds up, and rates show a sensible precision (stored exactly).
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use std::path::Path;

use common::{err, ok, walletdesk};

fn run(db: &Path, args: &[&str]) -> String {
    ok(&walletdesk(db, args, None))
}

/// A verified Alipay account (1) and a WeChat Pay account (2), USD 1 = CNY 7.2.
fn two_wallets(db: &Path) {
    for (provider, label) in [("alipay", "支付宝"), ("wechat-pay", "WeChat")] {
        run(
            db,
            &[
                "account",
                "add",
                "--provider",
                provider,
                "--label",
                label,
                "--tier",
                "verified",
            ],
        );
    }
    run(
        db,
        &["rate", "set", "USD", "CNY", "7.2", "--date", "2026-01-01"],
    );
}

fn pay(db: &Path, account: &str, usd: &str) {
    run(
        db,
        &[
            "tx",
            "add",
            "--account",
            account,
            "--amount",
            usd,
            "--currency",
            "USD",
            "--type",
            "goods",
            "--at",
            "2026-11-20T10:00:00+08:00",
        ],
    );
}

#[test]
fn quota_leads_with_the_limit_reached_first_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    two_wallets(&db);
    pay(&db, "1", "1000");
    pay(&db, "2", "30000");
    let text = run(&db, &["quota", "--account", "1"]);
    let lines: Vec<&str> = text.lines().collect();
    // The book by its name, the windows by their zone's name.
    assert_eq!(
        lines[0], "支付宝 (Alipay): Published limits, windows in Beijing time",
        "{text}"
    );
    // The FX quota is last in the book; here it leads, named in words, its
    // rule id and key (for `limit set`) at the end of the row.
    assert!(lines[1].starts_with("limit "), "{text}");
    let first = lines[2];
    assert!(
        first.starts_with("Foreign nationals' FX quota, a year "),
        "{text}"
    );
    assert!(first.contains("reached first"), "{text}");
    assert!(first.trim_end().ends_with("Q3    fx-year"), "{text}");
    assert!(!text.contains("binds"), "{text}");
    assert!(!text.contains("standard book"), "{text}");
    assert!(text.contains(
        "The limit you reach first is Foreign nationals' FX quota, a year: USD 19,000.00 left across Alipay + WeChat Pay (resets 2027-01-01)"
    ), "{text}");
    // The person's FX quota says which wallets it adds up (Q3).
    assert!(
        text.contains("Alipay + WeChat Pay together: the FX quota is per person"),
        "{text}"
    );
    assert!(
        text.contains(
            "USD 31,000.00 of USD 50,000.00 used, USD 19,000.00 left, across Alipay + WeChat Pay"
        ),
        "{text}"
    );
    assert!(!text.contains("All accounts"), "{text}");
    // Amounts are right-aligned: each figure ends under the end of "left".
    let end = lines[1].find("left").unwrap() + "left".len();
    let rows: Vec<&str> = lines[2..]
        .iter()
        .copied()
        .take_while(|l| !l.starts_with("The limit"))
        .collect();
    assert_eq!(rows.len(), 9, "{text}");
    for row in rows {
        let c: Vec<char> = row.chars().collect();
        assert!(
            c[end - 1].is_ascii_digit() && c[end] == ' ',
            "{row:?} does not end under \"left\""
        );
    }
    // The JSON keeps the rule ids and the book's id for scripts.
    let json = run(&db, &["--json", "quota", "--account", "1"]);
    assert!(json.contains(r#""rule":"Q3""#), "{json}");
    assert!(json.contains(r#""book":"standard""#), "{json}");
}

#[test]
fn limit_book_names_the_book_in_words_and_bad_input_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    two_wallets(&db);
    let said = run(&db, &["limit", "book", "--account", "1", "alternative"]);
    assert_eq!(
        said,
        "Account 1 now uses the limit book Other published figures (lower limits some guides give)\n"
    );
    let text = run(&db, &["quota", "--account", "1"]);
    assert!(
        text.starts_with(
            "支付宝 (Alipay): Other published figures (lower limits some guides give), windows in"
        ),
        "{text}"
    );
    assert!(!text.contains("Q4: 000"), "{text}");
    let e = err(
        &walletdesk(
            &db,
            &["limit", "book", "--account", "1", "Published limits"],
            None,
        ),
        2,
    );
    assert!(
        e.contains("book: must be one of standard, alternative"),
        "{e}"
    );
    let text = run(&db, &["quota", "--account", "1"]);
    assert!(
        text.contains("Other published figures"),
        "unchanged: {text}"
    );
}

#[test]
fn rates_are_shown_to_a_sensible_precision_with_the_inverse_and_stored_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    let said = run(
        &db,
        &[
            "rate",
            "set",
            "CNY",
            "USD",
            "0.139169160114",
            "--date",
            "2026-03-01",
        ],
    );
    assert_eq!(
        said,
        "1 CNY = 0.1392 USD (1 USD = 7.1855 CNY) from 2026-03-01\n"
    );
    run(
        &db,
        &["rate", "set", "USD", "CNY", "7.2", "--date", "2026-01-01"],
    );
    let list = run(&db, &["rate", "list"]);
    assert!(
        list.lines().any(|l| l.starts_with("2026-03-01")
            && l.contains("1 CNY")
            && l.contains("0.1392 USD (1 USD = 7.1855 CNY)")),
        "{list}"
    );
    assert!(
        list.lines()
            .any(|l| l.starts_with("2026-01-01") && l.contains("1 USD") && l.contains("7.2 CNY")),
        "{list}"
    );
    assert!(!list.contains("0.139169160114"), "{list}");
    // Stored exactly: the JSON and the conversions use the full rate.
    let json = run(&db, &["--json", "rate", "list"]);
    assert!(json.contains(r#""rate":"0.139169160114""#), "{json}");
    // Bad input names the field and changes nothing.
    let e = err(
        &walletdesk(&db, &["rate", "set", "CNY", "USD", "0,14"], None),
        2,
    );
    assert!(e.contains("rate:"), "{e}");
    assert_eq!(run(&db, &["rate", "list"]), list);
}

#[test]
fn the_precheck_shows_its_conversion_rounded_with_the_inverse() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    two_wallets(&db);
    // No method can pay yet, so the answer is "refused" (exit 1): read it anyway.
    let o = walletdesk(
        &db,
        &[
            "precheck",
            "--account",
            "1",
            "--amount",
            "7200",
            "--currency",
            "CNY",
            "--type",
            "goods",
        ],
        None,
    );
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.contains(
            "  = USD 1,000.00 at 1 CNY = 0.1389 USD (1 USD = 7.2 CNY), the rate of 2026-01-01\n"
        ),
        "{text}"
    );
    assert!(!text.contains("0.138888888889"), "{text}");
}
