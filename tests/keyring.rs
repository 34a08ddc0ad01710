//! Against the real OS secret store. Ignored by a plain `cargo test` (a machine
//! may have none); `.ci/run` runs these inside a D-Bus session with an unlocked
//! gnome-keyring: `cargo test -- --ignored`.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{add_alipay, card, db_files, file_contains, temp_wallet};
use walletdesk::domain::MethodId;
use walletdesk::vault::{self, Vault};

#[test]
#[ignore = "needs a running, unlocked Secret Service (see .ci/run)"]
fn a_card_number_round_trips_through_the_real_secret_service() {
    let os = Vault::os();
    assert!(os.is_available(), "secret store: {:?}", os.status());
    let mut t = temp_wallet(os.clone());
    let a = add_alipay(&mut t.wallet);
    let id = t.wallet.add_card(a, &card("4111 1111 1111 1111")).unwrap();
    let key = vault::method_key(t.wallet.database_id(), id);
    // The number is in the keyring under service "walletdesk"...
    assert_eq!(os.get(&key).unwrap().unwrap().as_str(), "4111111111111111");
    assert_eq!(
        t.wallet.reveal_number(id).unwrap().expose(),
        "4111111111111111"
    );
    // ...and nowhere in the database files.
    for f in db_files(&t.path()) {
        assert!(!file_contains(&f, "4111111111111111"), "{}", f.display());
    }
    // A fresh handle on the same keyring reads it back after the wallet is gone.
    drop(t.wallet);
    assert_eq!(
        Vault::os().get(&key).unwrap().unwrap().as_str(),
        "4111111111111111"
    );
    os.delete(&key).unwrap();
    os.delete(&vault::fingerprint_key(key.split('/').next().unwrap()))
        .unwrap();
    assert_eq!(os.get(&key).unwrap(), None);
}

#[test]
#[ignore = "needs a running, unlocked Secret Service (see .ci/run)"]
fn the_cli_stores_the_number_in_the_real_secret_service() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    let run = |args: &[&str], stdin: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_walletdesk"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("WALLETDESK_SECRET_STORE")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(
        &[
            "account",
            "add",
            "--provider",
            "alipay",
            "--label",
            "A",
            "--tier",
            "verified",
            "--passport-expiry",
            "2030-05-01",
        ],
        "",
    );
    let id: i64 = run(
        &[
            "card",
            "add",
            "--account",
            "1",
            "--expiry",
            "09/39",
            "--holder",
            "J",
        ],
        "5555 5555 5555 4444\n",
    )
    .trim()
    .parse()
    .unwrap();
    let database_id: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT value FROM meta WHERE key = 'database_id'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let os = Vault::os();
    let key = vault::method_key(&database_id, MethodId(id));
    assert_eq!(os.get(&key).unwrap().unwrap().as_str(), "5555555555554444");
    os.delete(&key).unwrap();
    os.delete(&vault::fingerprint_key(&database_id)).unwrap();
}

#[test]
#[ignore = "needs a running, unlocked Secret Service (see .ci/run)"]
fn a_fresh_database_can_add_a_card_when_the_keyring_is_reached() {
    // Guards against a store that answers the probe but refuses writes.
    let mut t = temp_wallet(Vault::os());
    let a = add_alipay(&mut t.wallet);
    let id = t.wallet.add_card(a, &card("378282246310005")).unwrap();
    assert_eq!(id, MethodId(1));
    let key = vault::method_key(t.wallet.database_id(), id);
    t.wallet.vault().delete(&key).unwrap();
    t.wallet
        .vault()
        .delete(&vault::fingerprint_key(t.wallet.database_id()))
        .unwrap();
}
