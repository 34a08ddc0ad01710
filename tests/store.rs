//! The store on real temporary files: round trips, migration, refusal of a newer
//! file, the one-default index, and no full card number in any byte written.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use common::{add_alipay, card, clock, db_files, file_contains, temp_wallet};
use rusqlite::Connection;
use walletdesk::Wallet;
use walletdesk::domain::{
    AccountDraft, Fact, MethodStatus, Network, PaypalDraft, Provider, Region,
};
use walletdesk::store::{self, Store};
use walletdesk::vault::Vault;
use walletdesk::wallet::Error;

#[test]
fn what_is_written_is_there_after_closing_and_reopening() {
    let t = temp_wallet(Vault::memory());
    let path = t.path();
    let vault = t.wallet.vault().clone();
    let mut w = t.wallet;
    let cloud = w
        .add_account(&AccountDraft {
            provider: "alibaba-cloud".into(),
            label: "Cloud EU".into(),
            region: "EU".into(),
            country: "de".into(),
            outstanding_bills: true,
            ..AccountDraft::default()
        })
        .unwrap();
    let mut c = card("3530 1113 3330 0000");
    c.three_ds = "no".into();
    c.status = "active".into();
    c.bank = "JCB Co.".into();
    let m1 = w.add_card_anyway(cloud, &c).unwrap();
    let m2 = w
        .add_paypal_anyway(
            cloud,
            &PaypalDraft {
                email: "me@example.com".into(),
                country: "US".into(),
                funding_source: false,
                status: "pending".into(),
            },
        )
        .unwrap();
    drop(w);

    let w = Wallet::open(&path, vault, clock()).unwrap();
    let accounts = w.accounts().unwrap();
    assert_eq!(accounts.len(), 1);
    let a = &accounts[0];
    assert_eq!(a.provider, Provider::AlibabaCloud);
    assert_eq!(a.label, "Cloud EU");
    assert_eq!(a.region, Some(Region::Eu));
    assert_eq!(a.country.as_ref().unwrap().as_str(), "DE");
    assert!(a.outstanding_bills);
    let methods = w.methods(cloud, false).unwrap();
    assert_eq!(methods.len(), 2);
    let card = methods[0].card().unwrap();
    assert_eq!(methods[0].id, m1);
    assert_eq!(card.network, Network::Jcb);
    assert_eq!(card.masked(), "•••• 0000");
    assert_eq!(card.masked_full(), "353011******0000");
    assert_eq!(card.expiry.to_string(), "09/28");
    assert_eq!(card.three_ds, Fact::No);
    assert_eq!(card.bank.as_deref(), Some("JCB Co."));
    assert_eq!(methods[0].status, MethodStatus::Active);
    // L1: the first method linked becomes the default; the second does not.
    assert!(methods[0].is_default);
    assert_eq!(methods[1].id, m2);
    assert!(!methods[1].is_default);
    assert_eq!(methods[1].masked(), "me@example.com");
    // The number is still in the vault under this database's key.
    assert_eq!(w.reveal_number(m1).unwrap().expose(), "3530111333300000");
}

#[test]
fn an_empty_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.sqlite");
    std::fs::write(&path, b"").unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, store::Error::NotADatabase { .. }), "{err}");
    assert!(err.to_string().contains("empty file"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap().len(), 0);
    for f in &db_files(&path)[1..] {
        assert!(!f.exists(), "{} was created", f.display());
    }
}

#[test]
fn a_new_database_appears_whole_and_a_killed_creation_leaves_no_trace() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    // What a creation killed half-way leaves: its scratch file and journal.
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for name in ["new.sqlite-new-1-2", "new.sqlite-new-1-2-journal"] {
        let f = std::fs::File::create(dir.path().join(name)).unwrap();
        f.set_modified(old).unwrap();
    }
    drop(Store::open(&path).unwrap());
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("-new-"))
        .collect();
    left.sort();
    assert_eq!(left, Vec::<String>::new(), "scratch files left");
    // Opened again, it is the same database with every table, not a new one.
    let s = Store::open(&path).unwrap();
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM account", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

#[test]
fn a_new_database_gets_the_current_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    let s = Store::open(&path).unwrap();
    let app: i32 = s
        .conn()
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app, store::APPLICATION_ID);
    let v: i64 = s
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, store::schema_version());
    let mode: String = s
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = s
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    assert_eq!(s.database_id().len(), 32);
    drop(s);
    // Opening again changes nothing and keeps the database id.
    let id = Store::open(&path).unwrap().database_id().to_owned();
    assert_eq!(Store::open(&path).unwrap().database_id(), id);
}

#[test]
fn a_missing_folder_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/walletdesk.sqlite");
    Store::open(&path).unwrap();
    assert!(path.is_file());
}

#[test]
fn a_newer_database_is_refused_and_left_byte_for_byte_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite");
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "CREATE TABLE future (x); INSERT INTO future VALUES (1); PRAGMA user_version = 99; PRAGMA application_id = 1464093489;",
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, store::Error::TooNew { found: 99, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("newer walletdesk"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!db_files(&path)[1].exists(), "no -wal was created");
    // Through the service it is an environment error: exit code 3.
    let e = Wallet::open(&path, Vault::memory(), clock()).unwrap_err();
    assert_eq!(e.exit_code(), 3);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.sqlite");
    let text =
        b"these are my notes, not a database, but long enough to look like a header....".repeat(20);
    std::fs::write(&path, &text).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, store::Error::NotADatabase { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), text);
}

#[test]
fn the_database_allows_one_default_per_account_and_no_removed_default() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    t.wallet.add_card(a, &card("4111111111111111")).unwrap();
    t.wallet.add_card(a, &card("5555555555554444")).unwrap();
    let c = Connection::open(t.path()).unwrap();
    let second_default = c.execute("UPDATE method SET is_default = 1 WHERE id = 2", []);
    let msg = second_default.unwrap_err().to_string();
    assert!(msg.contains("UNIQUE"), "{msg}");
    let removed_default = c.execute("UPDATE method SET status = 'removed' WHERE id = 1", []);
    assert!(removed_default.unwrap_err().to_string().contains("CHECK"));
    // Bad enum values are refused by the schema too.
    let bad = c.execute("UPDATE method SET status = 'gone' WHERE id = 2", []);
    assert!(bad.unwrap_err().to_string().contains("CHECK"));
    let methods = t.wallet.methods(a, true).unwrap();
    assert_eq!(methods.iter().filter(|m| m.is_default).count(), 1);
}

#[test]
fn the_same_card_twice_on_one_account_is_refused_and_changes_nothing() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    t.wallet.add_card(a, &card("4111111111111111")).unwrap();
    let e = t
        .wallet
        .add_card(a, &card("4111-1111-1111-1111"))
        .unwrap_err();
    assert_eq!(e.exit_code(), 2);
    let Error::Invalid(errs) = &e else {
        panic!("{e}")
    };
    assert_eq!(errs.first().unwrap().field, "number");
    assert!(e.to_string().contains("already linked"), "{e}");
    assert!(!e.to_string().contains("4111111111111111"));
    assert_eq!(t.wallet.methods(a, true).unwrap().len(), 1);
    // Another account may hold the same card (AC8 is about Alibaba Cloud, later).
    let b = add_alipay(&mut t.wallet);
    t.wallet.add_card(b, &card("4111111111111111")).unwrap();
}

#[test]
fn no_full_card_number_is_in_the_database_or_its_wal() {
    let mut t = temp_wallet(Vault::memory());
    // The sample data goes only into an empty database: first.
    t.wallet.load_demo(0).unwrap();
    let a = add_alipay(&mut t.wallet);
    let numbers = [
        "4111111111111111",
        "5555555555554444",
        "378282246310005",
        "3530111333300000",
        "6200000000000005",
        "6011111111111117",
        "36227206271667",
    ];
    for n in numbers {
        t.wallet.add_card(a, &card(n)).unwrap();
    }
    let files = db_files(&t.path());
    assert!(
        files[1].metadata().unwrap().len() > 0,
        "the WAL holds the recent writes"
    );
    for f in &files {
        for n in numbers {
            assert!(!file_contains(f, n), "{} holds {n}", f.display());
            // Nor the hidden middle digits, where they are distinctive enough
            // (a run like 11111111 can occur in any page's bytes).
            let middle = &n[6..n.len() - 4];
            let distinct = middle
                .chars()
                .collect::<std::collections::HashSet<_>>()
                .len();
            if distinct >= 3 {
                assert!(
                    !file_contains(f, middle),
                    "{} holds the middle of {n}",
                    f.display()
                );
            }
        }
    }
    // The masked parts are there, so the scan is looking at the right bytes.
    assert!(files.iter().any(|f| file_contains(f, "411111")));
}

#[test]
fn demo_data_loads_in_one_go() {
    let mut t = temp_wallet(Vault::memory());
    let ids = t.wallet.load_demo(0).unwrap().0;
    assert_eq!(ids.len(), 4);
    let all: usize = ids
        .iter()
        .map(|a| t.wallet.methods(*a, true).unwrap().len())
        .sum();
    assert_eq!(all, 7);
    // Every account with methods has exactly one default (L1).
    for a in ids {
        let m = t.wallet.methods(a, false).unwrap();
        assert_eq!(m.iter().filter(|m| m.is_default).count(), 1);
    }
}
