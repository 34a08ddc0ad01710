//! The built binary against a temporary database: output, JSON and exit codes
//! as `shared/CLI.md` gives them.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{db_files, file_contains};

const NOW: &str = "2026-11-21T12:00:00+08:00";

fn walletdesk(db: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_walletdesk"));
    cmd.arg("--db").arg(db);
    if !args.contains(&"--now") {
        cmd.args(["--now", NOW]);
    }
    cmd.args(args)
        .env("WALLETDESK_SECRET_STORE", "memory")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    {
        let mut pipe = child.stdin.take().unwrap();
        if let Some(s) = stdin {
            pipe.write_all(s.as_bytes()).unwrap();
        }
    }
    child.wait_with_output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn err(o: &Output, code: i32) -> String {
    assert_eq!(
        o.status.code(),
        Some(code),
        "stdout: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8(o.stderr.clone()).unwrap()
}

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
        ],
        Some("3530-1113-3330-0000\n"),
    ));
    assert_eq!(card, "1\n");
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
    assert!(accounts.contains("alibaba-cloud"), "{accounts}");

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
    assert!(e.contains("provider:"), "{e}");
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
        .execute_batch("CREATE TABLE x (y); PRAGMA user_version = 42;")
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
