//! The reproducers of "nothing lost, nothing leaked", each on the built binary
//! against a real temporary database: what used to destroy data, double it,
//! block readers, panic or leak, and must not any more.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use common::{db_files, err, ok, walletdesk as run, walletdesk_command as command};

/// A database with one Alipay account (id 1) and a USD/CNY rate.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    ok(&run(
        &db,
        &[
            "account",
            "add",
            "--provider",
            "alipay",
            "--label",
            "Main",
            "--tier",
            "verified",
            "--passport-expiry",
            "2030-05-01",
        ],
        None,
    ));
    ok(&run(
        &db,
        &["rate", "set", "USD", "CNY", "7.2", "--date", "2026-01-01"],
        None,
    ));
    (dir, db)
}

fn tx_count(db: &Path) -> u64 {
    let out = ok(&run(
        db,
        &["--json", "tx", "list", "--account", "1", "--limit", "1"],
        None,
    ));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["total"].as_u64().unwrap()
}

#[test]
fn export_onto_the_database_is_refused_and_the_database_keeps_working() {
    let (dir, db) = setup();
    let size = std::fs::metadata(&db).unwrap().len();
    for target in db_files(&db) {
        let e = err(
            &run(
                &db,
                &["tx", "export", target.to_str().unwrap(), "--account", "1"],
                None,
            ),
            2,
        );
        assert!(e.contains("own database"), "{e}");
    }
    assert!(std::fs::metadata(&db).unwrap().len() >= size);
    let list = ok(&run(&db, &["account", "list"], None));
    assert!(list.contains("Main"), "{list}");

    // A refused export (no such account) leaves an existing file as it was.
    let keep = dir.path().join("keep.csv");
    std::fs::write(&keep, "my own notes\n").unwrap();
    let e = err(
        &run(
            &db,
            &["tx", "export", keep.to_str().unwrap(), "--account", "99"],
            None,
        ),
        2,
    );
    assert!(e.contains("account"), "{e}");
    assert_eq!(std::fs::read_to_string(&keep).unwrap(), "my own notes\n");
}

#[test]
fn tx_edit_changes_only_the_fields_given() {
    let (_dir, db) = setup();
    echo_card(&db, "4111111111111111");
    ok(&run(&db, &["method", "set-status", "1", "active"], None));
    let id = ok(&run(
        &db,
        &[
            "tx",
            "add",
            "--account",
            "1",
            "--amount",
            "100",
            "--currency",
            "CNY",
            "--type",
            "goods",
            "--method",
            "1",
            "--at",
            "2026-11-02T09:30:00+08:00",
            "--counterparty",
            "京东",
            "--note",
            "receipt kept",
        ],
        None,
    ));
    let id = id.trim();
    ok(&run(&db, &["tx", "edit", id, "--amount", "125"], None));
    ok(&run(
        &db,
        &["tx", "edit", id, "--currency", "USD", "--type", "services"],
        None,
    ));
    let out = ok(&run(&db, &["--json", "tx", "list", "--account", "1"], None));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let t = &v["transactions"][0];
    assert_eq!(t["amount"], "125");
    assert_eq!(t["currency"], "USD");
    assert_eq!(t["type"], "services");
    assert_eq!(t["at"], "2026-11-02T09:30:00+08:00", "the time stays");
    assert_eq!(t["counterparty"], "京东");
    assert_eq!(t["note"], "receipt kept");
    assert_eq!(t["method"], 1);
    // Nothing given: refused, naming what is missing.
    let e = err(&run(&db, &["tx", "edit", id], None), 2);
    assert!(e.contains("nothing to change"), "{e}");
}

#[test]
fn account_edit_changes_only_the_fields_given() {
    let (_dir, db) = setup();
    ok(&run(
        &db,
        &[
            "account",
            "edit",
            "1",
            "--holder",
            "JOHN SMITH",
            "--passport-expiry",
            "2031-05-20",
        ],
        None,
    ));
    let out = ok(&run(&db, &["--json", "account", "list"], None));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let a = &v[0];
    assert_eq!(a["label"], "Main");
    assert_eq!(a["tier"], "verified");
    assert_eq!(a["holder"], "JOHN SMITH");
    assert_eq!(a["passport_expiry"], "2031-05-20");
    let e = err(
        &run(
            &db,
            &["account", "edit", "1", "--passport-expiry", "+10000-01-01"],
            None,
        ),
        2,
    );
    assert!(e.contains("passport-expiry"), "{e}");
}

fn echo_card(db: &Path, number: &str) -> String {
    ok(&run(
        db,
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
            "--funding",
            "credit",
        ],
        Some(&format!("{number}\n")),
    ))
}

fn write_csv(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join("payments.csv");
    let mut s = String::from("at,amount,currency,type,to,method,counterparty,note,fx_exempt\n");
    for i in 0..rows {
        s.push_str(&format!(
            "2026-{:02}-{:02}T10:{:02}:00+08:00,{}.50,CNY,goods,merchant,,Shop {i},,\n",
            1 + i % 10,
            1 + i % 28,
            i % 60,
            10 + i
        ));
    }
    std::fs::write(&path, s).unwrap();
    path
}

#[test]
fn two_imports_of_one_file_at_once_write_every_row_once() {
    let (dir, db) = setup();
    let csv = write_csv(dir.path(), 400);
    for round in 0..4 {
        let spawn = || {
            command(
                &db,
                &["tx", "import", csv.to_str().unwrap(), "--account", "1"],
            )
            .spawn()
            .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        ok(&a);
        ok(&b);
        assert_eq!(tx_count(&db), 400, "round {round}");
    }
}

#[test]
fn readers_are_not_blocked_by_a_writer_and_a_second_writer_waits_and_says_so() {
    let (_dir, db) = setup();
    // Another process holding the write lock, as a long import does.
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    holder
        .execute(
            "INSERT INTO meta (key, value) VALUES ('test.hold', '1')",
            [],
        )
        .unwrap();

    let started = Instant::now();
    ok(&run(&db, &["account", "list"], None));
    ok(&run(&db, &["quota", "--account", "1"], None));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "readers waited {:?}",
        started.elapsed()
    );

    // A writer waits; the lock is released after 2 s and the write goes through.
    let writer = command(
        &db,
        &[
            "tx",
            "add",
            "--account",
            "1",
            "--amount",
            "5",
            "--currency",
            "CNY",
            "--type",
            "goods",
        ],
    )
    .spawn()
    .unwrap();
    std::thread::sleep(Duration::from_secs(2));
    holder.execute_batch("COMMIT").unwrap();
    let out = writer.wait_with_output().unwrap();
    ok(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("waiting for another walletdesk"),
        "{stderr}"
    );
    assert_eq!(tx_count(&db), 1);
}

#[test]
fn backup_change_restore_and_junk_refused() {
    let (dir, db) = setup();
    ok(&run(
        &db,
        &[
            "tx",
            "add",
            "--account",
            "1",
            "--amount",
            "10",
            "--currency",
            "CNY",
            "--type",
            "goods",
        ],
        None,
    ));
    let copy = dir.path().join("copy.sqlite");
    let out = ok(&run(&db, &["backup", copy.to_str().unwrap()], None));
    assert!(out.contains("not in backups"), "{out}");
    ok(&run(&db, &["tx", "delete", "1"], None));
    assert_eq!(tx_count(&db), 0);
    let out = ok(&run(&db, &["restore", copy.to_str().unwrap()], None));
    assert!(out.contains("kept in"), "{out}");
    assert_eq!(tx_count(&db), 1);
    let listed = ok(&run(&db, &["backups"], None));
    assert!(listed.contains("before-restore"), "{listed}");

    let junk = dir.path().join("junk.sqlite");
    std::fs::write(&junk, "hello").unwrap();
    let before = std::fs::read(&db).unwrap();
    let e = err(&run(&db, &["restore", junk.to_str().unwrap()], None), 2);
    assert!(e.contains("file"), "{e}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert_eq!(std::fs::read_to_string(&junk).unwrap(), "hello");
}

/// The fuzzer's panics and the database errors that were bad input: each an
/// exit 2 naming the field, with nothing written.
#[test]
fn extreme_and_malformed_input_exits_2_naming_the_field() {
    let (_dir, db) = setup();
    let long = "x".repeat(60_000);
    let cases: Vec<(Vec<&str>, Option<&str>, &str)> = vec![
        (
            vec!["rate", "set", "USD", "CNY", "79228162514264337593543950335"],
            None,
            "rate",
        ),
        (
            vec![
                "rate",
                "set",
                "USD",
                "CNY",
                "0.0000000000000000000000000001",
            ],
            None,
            "rate",
        ),
        (
            vec!["rate", "set", "EUR", "CNY", "7.9", "--date", "+10000-01-01"],
            None,
            "date",
        ),
        (
            vec![
                "tx",
                "add",
                "--account",
                "1",
                "--amount",
                "79228162514264337593543950335",
                "--currency",
                "USD",
                "--type",
                "goods",
            ],
            None,
            "amount",
        ),
        (
            vec![
                "tx",
                "add",
                "--account",
                "1",
                "--amount",
                "999999999",
                "--currency",
                "USD",
                "--type",
                "goods",
            ],
            None,
            "amount",
        ),
        (
            vec![
                "precheck",
                "--account",
                "1",
                "--amount",
                "999999999",
                "--currency",
                "USD",
                "--type",
                "goods",
            ],
            None,
            "amount",
        ),
        (
            vec![
                "tx",
                "add",
                "--account",
                "1",
                "--amount",
                "5",
                "--currency",
                "CNY",
                "--type",
                "goods",
                "--at",
                "+10000-01-01T00:00:00Z",
            ],
            None,
            "at",
        ),
        (
            vec![
                "account",
                "add",
                "--provider",
                "alipay",
                "--label",
                "x",
                "--passport-expiry",
                "+10000-01-01",
            ],
            None,
            "passport-expiry",
        ),
        (
            vec![
                "card",
                "add",
                "--account",
                "1",
                "--expiry",
                "01/9999",
                "--holder",
                "A B",
            ],
            Some("4111111111111111\n"),
            "expiry",
        ),
        (
            vec!["tx", "list", "--account", "1", "--text", &long],
            None,
            "text",
        ),
    ];
    for (args, stdin, field) in cases {
        let e = err(&run(&db, &args, stdin), 2);
        assert!(e.contains(&format!("{field}:")), "{args:?}: {e}");
    }
    assert_eq!(tx_count(&db), 0);
    // The quota still adds up after the refusals (the old panics were here).
    ok(&run(&db, &["quota", "--account", "1"], None));
    ok(&run(
        &db,
        &["rate", "delete", "USD", "CNY", "--date", "2026-01-01"],
        None,
    ));
    let rates = ok(&run(&db, &["--json", "rate", "list"], None));
    assert_eq!(rates.trim(), "[]");
}

#[test]
fn demo_twice_is_refused_and_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    ok(&run(&db, &["demo", "--transactions", "50"], None));
    let e = err(&run(&db, &["demo"], None), 2);
    assert!(e.contains("already"), "{e}");
    let out = ok(&run(&db, &["--json", "account", "list"], None));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 4);
}

/// A scripted session — cards added, an export, a backup, an import, a forced
/// error — and then every file walletdesk wrote and everything it printed is
/// scanned for the full numbers.
#[test]
fn no_full_number_in_any_file_or_output_after_a_session() {
    let (dir, db) = setup();
    let numbers = ["4111111111111111", "5555555555554444", "378282246310005"];
    let mut printed = Vec::new();
    let mut keep = |o: Output| {
        printed.extend_from_slice(&o.stdout);
        printed.extend_from_slice(&o.stderr);
        o
    };
    for n in numbers {
        keep(run(
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
            ],
            Some(&format!("{n}\n")),
        ));
    }
    // A forced error: the same card again.
    keep(run(
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
        ],
        Some("4111 1111 1111 1111\n"),
    ));
    keep(run(
        &db,
        &["--json", "method", "list", "--account", "1"],
        None,
    ));
    keep(run(&db, &["method", "list", "--account", "1"], None));
    let csv = write_csv(dir.path(), 20);
    keep(run(
        &db,
        &["tx", "import", csv.to_str().unwrap(), "--account", "1"],
        None,
    ));
    let out = dir.path().join("out.csv");
    keep(run(
        &db,
        &["tx", "export", out.to_str().unwrap(), "--account", "1"],
        None,
    ));
    let copy = dir.path().join("copy.sqlite");
    keep(run(&db, &["backup", copy.to_str().unwrap()], None));
    keep(run(&db, &["check"], None));
    keep(run(&db, &["method", "remove", "3"], None));

    let mut files = Vec::new();
    let mut stack = vec![dir.path().to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    assert!(files.len() >= 5, "{files:?}");
    for n in numbers {
        let grouped = format!("{} {} {} {}", &n[..4], &n[4..8], &n[8..12], &n[12..]);
        for f in &files {
            let bytes = std::fs::read(f).unwrap();
            for needle in [n, grouped.as_str()] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                    "{needle} in {}",
                    f.display()
                );
            }
        }
        assert!(
            !printed.windows(n.len()).any(|w| w == n.as_bytes()),
            "{n} was printed"
        );
    }
}
