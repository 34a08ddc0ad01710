//! The built binary against a temporary database: output, JSON and exit codes
//! as the CLI contract (docs/cli.md) gives them.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use std::path::Path;

use std::process::{Command, Output, Stdio};

use common::{NOW, db_files, err, file_contains, ok, walletdesk};

#[test]
fn add_an_account_and_a_card_then_list_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    let id = ok(&walletdesk(
        &db,
        &[
            "account",
            "add",
            "--provider",
            "alibaba-cloud",
            "--label",
            "Cloud US",
            "--region",
            "US",
        ],
        None,
    ));
    assert_eq!(id, "1\n");
    let json = ok(&walletdesk(
        &db,
        &[
            "--json",
            "account",
            "add",
            "--provider",
            "alipay",
            "--label",
            "支付宝",
            "--tier",
            "verified",
        ],
        None,
    ));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&json).unwrap(),
        serde_json::json!({"id": 2})
    );

    let card = ok(&walletdesk(
        &db,
        &[
            "card",
            "add",
            "--account",
            "1",
            "--expiry",
            "12/29",
            "--holder",
            "JOHN SMITH",
            "--status",
            "active",
            // AC4: a US account takes no JCB; the person says it did bind.
            "--anyway",
        ],
        Some("3530-1113-3330-0000\n"),
    ));
    assert_eq!(card, "1\n", "the new id alone on standard output");
    ok(&walletdesk(
        &db,
        &[
            "paypal",
            "add",
            "--account",
            "1",
            "--email",
            "j@example.com",
            "--country",
            "US",
        ],
        None,
    ));

    let list: serde_json::Value = serde_json::from_str(&ok(&walletdesk(
        &db,
        &["--json", "method", "list", "--account", "1"],
        None,
    )))
    .unwrap();
    let m = &list[0];
    assert_eq!(m["id"], 1);
    assert_eq!(m["kind"], "card");
    assert_eq!(m["network"], "jcb");
    assert_eq!(m["masked"], "353011******0000");
    assert_eq!(m["holder"], "JOHN SMITH");
    assert_eq!(m["expiry"], "12/29");
    assert_eq!(m["status"], "active");
    assert_eq!(m["default"], true);
    assert!(m.get("verdict").is_some());
    assert_eq!(list[1]["kind"], "paypal");
    assert_eq!(list[1]["status"], "pending");
    assert_eq!(list[1]["default"], false);

    let table = ok(&walletdesk(
        &db,
        &["method", "list", "--account", "1"],
        None,
    ));
    assert!(table.contains("•••• 0000"), "{table}");
    assert!(table.contains("★"), "{table}");
    let accounts = ok(&walletdesk(&db, &["account", "list"], None));
    assert!(accounts.contains("支付宝"), "{accounts}");
    assert!(
        accounts.contains("Alibaba Cloud"),
        "the provider in words: {accounts}"
    );

    for f in db_files(&db) {
        assert!(!file_contains(&f, "3530111333300000"), "{}", f.display());
    }
}

#[test]
fn bad_input_exits_2_naming_the_field_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    ok(&walletdesk(
        &db,
        &["account", "add", "--provider", "alipay", "--label", "A"],
        None,
    ));

    let e = err(
        &walletdesk(
            &db,
            &["account", "add", "--provider", "paypal", "--label", "B"],
            None,
        ),
        2,
    );
    // Refused by the flag's list of values (issue 11: choices are clap values).
    assert!(e.contains("--provider"), "{e}");
    let e = err(
        &walletdesk(
            &db,
            &[
                "card",
                "add",
                "--account",
                "1",
                "--expiry",
                "09/28",
                "--holder",
                "J",
            ],
            Some("4111 1111 1111 1112\n"),
        ),
        2,
    );
    assert!(e.contains("number:") && e.contains("Luhn"), "{e}");
    assert!(
        !e.contains("4111 1111 1111 1112") && !e.contains("4111111111111112"),
        "{e}"
    );
    let e = err(
        &walletdesk(
            &db,
            &[
                "card",
                "add",
                "--account",
                "1",
                "--expiry",
                "13/28",
                "--holder",
                "J",
            ],
            Some("4111111111111111\n"),
        ),
        2,
    );
    assert!(e.contains("expiry:"), "{e}");
    let e = err(
        &walletdesk(
            &db,
            &[
                "card",
                "add",
                "--account",
                "1",
                "--expiry",
                "10/26",
                "--holder",
                "J",
            ],
            Some("4111111111111111\n"),
        ),
        2,
    );
    assert!(e.contains("expired") && e.contains("C3"), "{e}");
    let e = err(
        &walletdesk(
            &db,
            &[
                "card",
                "add",
                "--account",
                "7",
                "--expiry",
                "09/28",
                "--holder",
                "J",
            ],
            Some("4111111111111111\n"),
        ),
        2,
    );
    assert!(e.contains("account:"), "{e}");
    let e = err(
        &walletdesk(&db, &["--now", "yesterday", "account", "list"], None),
        2,
    );
    assert!(e.contains("RFC 3339"), "{e}");

    let list = ok(&walletdesk(
        &db,
        &["--json", "method", "list", "--account", "1"],
        None,
    ));
    assert_eq!(list.trim(), "[]");
}

#[test]
fn a_newer_database_exits_3_and_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("future.sqlite");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "CREATE TABLE x (y); PRAGMA user_version = 42; PRAGMA application_id = 1464093489;",
        )
        .unwrap();
    let before = std::fs::read(&db).unwrap();
    let e = err(&walletdesk(&db, &["account", "list"], None), 3);
    assert!(e.contains("newer walletdesk"), "{e}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn without_a_secret_store_card_add_exits_3_and_says_how_to_fix_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    ok(&walletdesk(
        &db,
        &["account", "add", "--provider", "alipay", "--label", "A"],
        None,
    ));
    let out = Command::new(env!("CARGO_BIN_EXE_walletdesk"))
        .args(["--db", db.to_str().unwrap(), "--now", NOW])
        .args([
            "card",
            "add",
            "--account",
            "1",
            "--expiry",
            "09/28",
            "--holder",
            "J",
        ])
        .env_remove("WALLETDESK_SECRET_STORE")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/walletdesk-test-bus",
        )
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let e = err(&out, 3);
    assert!(e.contains("secret store is not available"), "{e}");
    assert!(e.contains("gnome-keyring"), "{e}");
    let list = ok(&walletdesk(
        &db,
        &["--json", "method", "list", "--account", "1"],
        None,
    ));
    assert_eq!(list.trim(), "[]");
}

#[test]
fn demo_fills_the_given_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    let out = ok(&walletdesk(&db, &["demo"], None));
    assert!(out.contains("4 sample accounts"), "{out}");
    let accounts: serde_json::Value =
        serde_json::from_str(&ok(&walletdesk(&db, &["--json", "account", "list"], None))).unwrap();
    assert_eq!(accounts.as_array().unwrap().len(), 4);
    assert_eq!(accounts[0]["provider"], "alipay");
}

fn check_card_json(db: &Path, args: &[&str], number: &str) -> serde_json::Value {
    let mut all = vec!["--json", "check-card"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(&walletdesk(db, &all, Some(&format!("{number}\n"))))).unwrap()
}

fn rule_ids(result: &serde_json::Value) -> Vec<String> {
    result["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn check_card_answers_for_every_provider_with_rule_ids_and_sources() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    let v = check_card_json(
        &db,
        &[
            "--provider",
            "all",
            "--region",
            "US",
            "--tier",
            "verified",
            "--account-holder",
            "JOHN SMITH",
            "--passport-expiry",
            "2030-01-01",
            "--expiry",
            "12/28",
            "--holder",
            "John Smith",
            "--funding",
            "credit",
            "--issuer-country",
            "US",
            "--intl",
            "yes",
            "--three-ds",
            "yes",
            "--balance-ok",
            "yes",
        ],
        "3530 1113 3330 0000",
    );
    assert_eq!(v["card"]["network"], "jcb");
    assert_eq!(v["card"]["candidates"], serde_json::json!(["jcb"]));
    assert_eq!(v["card"]["luhn"], true);
    assert_eq!(v["card"]["masked"], "353011******0000");
    let results = v["results"].as_array().unwrap();
    let providers: Vec<&str> = results
        .iter()
        .map(|r| r["provider"].as_str().unwrap())
        .collect();
    assert_eq!(
        providers,
        ["alipay", "alipay-hk", "wechat-pay", "alibaba-cloud"]
    );
    let by = |p: &str| results.iter().find(|r| r["provider"] == p).unwrap();
    assert_eq!(by("alibaba-cloud")["verdict"], "block");
    assert_eq!(rule_ids(by("alibaba-cloud")), ["AC4"]);
    let ac4 = &by("alibaba-cloud")["flags"][0];
    assert_eq!(ac4["level"], "block");
    assert_eq!(ac4["source"], "003_0647db2b27c843d7.txt");
    assert!(ac4["remedy"].as_str().unwrap().contains("Visa"));
    assert_eq!(rule_ids(by("alipay")), ["AL1"]);
    assert_eq!(by("alipay")["verdict"], "high");
    assert_eq!(rule_ids(by("alipay-hk")), ["AH1"]);
    assert_eq!(rule_ids(by("wechat-pay")), ["WX1"]);
    // The number is in no file.
    for f in db_files(&db) {
        assert!(!file_contains(&f, "3530111333300000"));
    }
}

#[test]
fn check_card_reports_a_mistyped_number_as_a_verdict_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    let v = check_card_json(
        &db,
        &["--provider", "wechat-pay", "--expiry", "12/28"],
        "4111 1111 1111 1112",
    );
    assert_eq!(v["card"]["luhn"], false);
    assert_eq!(v["results"][0]["verdict"], "block");
    assert!(rule_ids(&v["results"][0]).contains(&"C1".to_owned()));
    // Bad facts are bad input, exit 2, naming the field.
    let e = err(
        &walletdesk(
            &db,
            &[
                "check-card",
                "--provider",
                "alipay",
                "--expiry",
                "12/28",
                "--intl",
                "maybe",
            ],
            Some("4111111111111111\n"),
        ),
        2,
    );
    assert!(e.contains("--intl"), "{e}");
    let e = err(
        &walletdesk(
            &db,
            &["check-card", "--provider", "paypal", "--expiry", "12/28"],
            Some("4111111111111111\n"),
        ),
        2,
    );
    assert!(e.contains("--provider"), "{e}");
}

#[test]
fn failed_attempts_raise_a4_and_a_second_cloud_account_raises_ac8() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    let add = |label: &str| {
        ok(&walletdesk(
            &db,
            &[
                "account",
                "add",
                "--provider",
                "alibaba-cloud",
                "--label",
                label,
                "--region",
                "OTHER",
                "--tier",
                "verified",
            ],
            None,
        ))
    };
    add("Cloud A");
    add("Cloud B");
    let card = |account: &str| {
        ok(&walletdesk(
            &db,
            &[
                "card",
                "add",
                "--account",
                account,
                "--expiry",
                "12/28",
                "--holder",
                "J",
                "--intl",
                "yes",
                "--three-ds",
                "yes",
                "--balance-ok",
                "yes",
            ],
            Some("4111 1111 1111 1111\n"),
        ))
    };
    assert_eq!(card("1"), "1\n");
    let args = [
        "--provider",
        "alibaba-cloud",
        "--account",
        "2",
        "--expiry",
        "12/28",
        "--intl",
        "yes",
        "--three-ds",
        "yes",
        "--balance-ok",
        "yes",
    ];
    // With the memory store the fingerprint key lives only as long as one process,
    // so AC8 (which needs the same key) is proven in-process in tests/wallet.rs.
    let v = check_card_json(&db, &args, "4111 1111 1111 1111");
    assert_eq!(v["results"][0]["against"], "Cloud B");

    for _ in 0..2 {
        ok(&walletdesk(
            &db,
            &[
                "method",
                "attempt",
                "1",
                "--outcome",
                "failed",
                "--error",
                "card not supported",
            ],
            None,
        ));
    }
    let list: serde_json::Value = serde_json::from_str(&ok(&walletdesk(
        &db,
        &["--json", "method", "list", "--account", "1"],
        None,
    )))
    .unwrap();
    assert_eq!(list[0]["verdict"], "ok");
    ok(&walletdesk(
        &db,
        &["method", "attempt", "1", "--outcome", "failed"],
        None,
    ));
    let list: serde_json::Value = serde_json::from_str(&ok(&walletdesk(
        &db,
        &["--json", "method", "list", "--account", "1"],
        None,
    )))
    .unwrap();
    assert_eq!(list[0]["verdict"], "high", "three failures in 24 h: A4");
    // A day later they no longer count.
    let later: serde_json::Value = serde_json::from_str(&ok(&walletdesk(
        &db,
        &[
            "--now",
            "2026-11-22T13:00:00+08:00",
            "--json",
            "method",
            "list",
            "--account",
            "1",
        ],
        None,
    )))
    .unwrap();
    assert_eq!(later[0]["verdict"], "ok");
    let e = err(
        &walletdesk(&db, &["method", "attempt", "9", "--outcome", "ok"], None),
        2,
    );
    assert!(e.contains("method:"), "{e}");
}

#[test]
fn a_malformed_user_profile_stops_with_file_key_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    std::fs::create_dir(dir.path().join("providers")).unwrap();
    let good = include_str!("../assets/providers/alibaba-cloud.json");
    let bad = good.replace(
        r#""MY": ["visa", "mastercard"]"#,
        r#""MY": ["visa", "mastercrad"]"#,
    );
    assert_ne!(good, bad);
    std::fs::write(dir.path().join("providers/alibaba-cloud.json"), bad).unwrap();
    let e = err(&walletdesk(&db, &["account", "list"], None), 3);
    assert!(e.contains("providers/alibaba-cloud.json"), "{e}");
    assert!(e.contains("rules.AC4.networks.MY[1]"), "{e}");
    assert!(e.contains("\"mastercrad\" is not a known network"), "{e}");

    // A valid edited copy is used: JCB allowed in MY.
    let edited = good.replace(
        r#""MY": ["visa", "mastercard"]"#,
        r#""MY": ["visa", "mastercard", "jcb"]"#,
    );
    std::fs::write(dir.path().join("providers/alibaba-cloud.json"), edited).unwrap();
    let v = check_card_json(
        &db,
        &[
            "--provider",
            "alibaba-cloud",
            "--region",
            "MY",
            "--expiry",
            "12/28",
        ],
        "3530111333300000",
    );
    assert!(!rule_ids(&v["results"][0]).contains(&"AC4".to_owned()));
}

fn json_of(o: &Output) -> serde_json::Value {
    serde_json::from_str(&ok(o)).unwrap()
}

fn verified_alipay(db: &Path) {
    ok(&walletdesk(
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
}

#[test]
fn quota_json_has_the_contract_fields_and_exact_decimal_strings() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    verified_alipay(&db);
    let id = ok(&walletdesk(
        &db,
        &[
            "tx",
            "add",
            "--account",
            "1",
            "--amount",
            "1234.50",
            "--currency",
            "USD",
            "--type",
            "goods",
            "--at",
            "2026-11-20T10:00:00+08:00",
            "--counterparty",
            "JD",
        ],
        None,
    ));
    assert_eq!(id, "1\n");
    let q = json_of(&walletdesk(
        &db,
        &["--json", "quota", "--account", "1"],
        None,
    ));
    assert_eq!(q["account"], 1);
    assert_eq!(q["at"], NOW);
    let year = q["limits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["key"] == "verified-year")
        .unwrap();
    assert_eq!(year["rule"], "Q1");
    assert_eq!(year["window"], "year");
    assert_eq!(year["currency"], "USD");
    assert_eq!(year["limit"], "50000");
    assert_eq!(year["used"], "1234.50");
    assert_eq!(year["remaining"], "48765.50");
    assert_eq!(year["resets_at"], "2027-01-01T00:00:00+08:00");
    let text = ok(&walletdesk(&db, &["quota", "--account", "1"], None));
    assert!(text.contains("USD 48,765.50"), "{text}");
}

#[test]
fn a_card_number_in_a_note_exits_2_naming_the_note_and_is_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    verified_alipay(&db);
    let e = err(
        &walletdesk(
            &db,
            &[
                "tx",
                "add",
                "--account",
                "1",
                "--amount",
                "30",
                "--currency",
                "CNY",
                "--type",
                "goods",
                "--note",
                "4111 1111 1111 1111",
            ],
            None,
        ),
        2,
    );
    assert!(e.contains("note: looks like a card number"), "{e}");
    assert!(!e.contains("4111"), "{e}");
    for f in db_files(&db) {
        assert!(!file_contains(&f, "4111111111111111"), "{}", f.display());
        assert!(!file_contains(&f, "4111 1111 1111 1111"), "{}", f.display());
    }
    // The same note with a digit changed fails Luhn: an ordinary note, kept.
    ok(&walletdesk(
        &db,
        &[
            "tx",
            "add",
            "--account",
            "1",
            "--amount",
            "30",
            "--currency",
            "CNY",
            "--type",
            "goods",
            "--note",
            "4111 1111 1111 1112",
        ],
        None,
    ));
}

#[test]
fn precheck_names_the_broken_limit_and_the_fee_in_both_currencies() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    verified_alipay(&db);
    ok(&walletdesk(
        &db,
        &[
            "card",
            "add",
            "--account",
            "1",
            "--expiry",
            "09/28",
            "--holder",
            "JOHN SMITH",
            "--issuer-country",
            "US",
            "--status",
            "active",
        ],
        Some("4111 1111 1111 1111\n"),
    ));
    // Would be refused: the answer on stdout, exit 1 (issue 11).
    let refused = walletdesk(
        &db,
        &[
            "--json",
            "precheck",
            "--account",
            "1",
            "--amount",
            "36000.08",
            "--currency",
            "CNY",
            "--type",
            "goods",
        ],
        None,
    );
    assert_eq!(refused.status.code(), Some(1));
    let p: serde_json::Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!(p["allowed"], false);
    let rules: Vec<&str> = p["breaks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        ["verified-single", "fx-single"],
        "CNY 36,000.08 = USD 5,000.01, a cent over: {p}"
    );
    let b = &p["breaks"][0];
    assert_eq!(b["after"], "5000.01");
    assert_eq!(b["over"], "0.01");
    let p = json_of(&walletdesk(
        &db,
        &[
            "--json",
            "precheck",
            "--account",
            "1",
            "--amount",
            "1000",
            "--currency",
            "USD",
            "--type",
            "goods",
        ],
        None,
    ));
    assert_eq!(p["allowed"], true);
    assert_eq!(p["recommended_method"], 1);
    assert_eq!(p["fee"]["rule"], "Q5");
    assert_eq!(p["fee"]["currency"], "CNY");
    assert_eq!(p["fee"]["amount"], "216.00", "3 % of CNY 7,200");
    assert_eq!(p["fee"]["in_payment_currency"]["amount"], "30.00");
    assert_eq!(p["fee"]["in_payment_currency"]["currency"], "USD");
}

#[test]
fn a_bad_import_exits_2_with_line_numbers_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    verified_alipay(&db);
    let csv = dir.path().join("in.csv");
    std::fs::write(
        &csv,
        "at,amount,currency,type,to,method,counterparty,note,fx_exempt\n\
         2026-03-01,10.00,CNY,goods,,,a,,\n\
         2026-03-02,ten,CNY,goods,,,b,,\n",
    )
    .unwrap();
    let e = err(
        &walletdesk(
            &db,
            &["tx", "import", csv.to_str().unwrap(), "--account", "1"],
            None,
        ),
        2,
    );
    assert!(e.contains("line 3: amount"), "{e}");
    assert!(e.contains("nothing was written"), "{e}");
    let list = json_of(&walletdesk(
        &db,
        &["--json", "tx", "list", "--account", "1"],
        None,
    ));
    assert_eq!(list["total"], 0);
    // Fixed, it imports; exported, it reads back the same.
    std::fs::write(
        &csv,
        "at,amount,currency,type,to,method,counterparty,note,fx_exempt\n\
         2026-03-01,10.00,CNY,goods,,,a,,\n\
         2026-03-02,11.00,CNY,goods,,,b,,\n",
    )
    .unwrap();
    let out = ok(&walletdesk(
        &db,
        &["tx", "import", csv.to_str().unwrap(), "--account", "1"],
        None,
    ));
    assert!(out.contains("Imported 2"), "{out}");
    let again = ok(&walletdesk(
        &db,
        &["tx", "import", csv.to_str().unwrap(), "--account", "1"],
        None,
    ));
    assert!(again.contains("2 duplicates skipped"), "{again}");
    let back = dir.path().join("out.csv");
    ok(&walletdesk(
        &db,
        &["tx", "export", back.to_str().unwrap(), "--account", "1"],
        None,
    ));
    let text = std::fs::read_to_string(&back).unwrap();
    assert!(text.starts_with("at,amount,currency,type,to,method,counterparty,note,fx_exempt\n"));
    assert!(
        text.contains("2026-03-01T00:00:00+08:00,10.00,CNY,goods,merchant,,a,,false"),
        "{text}"
    );
}

#[test]
fn a_missing_rate_is_bad_input_naming_the_pair() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    verified_alipay(&db);
    let e = err(
        &walletdesk(
            &db,
            &[
                "tx",
                "add",
                "--account",
                "1",
                "--amount",
                "5",
                "--currency",
                "GBP",
                "--type",
                "goods",
            ],
            None,
        ),
        2,
    );
    assert!(e.contains("GBP→USD"), "{e}");
    assert!(e.contains("walletdesk rate set GBP USD"), "{e}");
}
