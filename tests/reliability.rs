//! Nothing lost, nothing leaked (service level, real files): the keyring and the
//! database agree after a crash, backups and restore, damaged files, the
//! window's lock, imports that race, and exports that never destroy.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use common::{add_alipay, card, clock, db_files, file_contains, preview, temp_wallet};
use keyring_core::mock;
use rusqlite::Connection;
use walletdesk::domain::MethodId;
use walletdesk::store::{self, Store};
use walletdesk::vault::{self, Vault};
use walletdesk::wallet::Finished;
use walletdesk::{Wallet, domain::AccountId};
use zeroize::Zeroizing;

fn mock_vault() -> Vault {
    Vault::with_store(mock::Store::new().unwrap(), "mock")
}

fn reopen(path: &Path, vault: &Vault) -> Wallet {
    Wallet::open(path, vault.clone(), clock()).unwrap()
}

fn journals(db: &Path) -> Vec<PathBuf> {
    store::leftover_journals(db)
        .unwrap()
        .into_iter()
        .map(|(p, _)| p)
        .collect()
}

/// A crash after the number was written and before the row committed leaves a
/// number with no method and the journal that names it: the next start deletes
/// the number.
#[test]
fn a_number_left_by_a_crashed_add_is_deleted_at_the_next_start() {
    let vault = mock_vault();
    let mut t = temp_wallet(vault.clone());
    let a = add_alipay(&mut t.wallet);
    let id = t.wallet.add_card(a, &card("4111111111111111")).unwrap();
    let db = t.path();
    let orphan = vault::method_key(t.wallet.database_id(), MethodId(id.0 + 1));
    drop(t.wallet);
    // What the dead process left: the journal line, then the number, no row.
    let mut j = store::SecretJournal::new(&db);
    j.record(&orphan).unwrap();
    j.keep_for_repair();
    drop(j);
    vault.set(&orphan, "5555555555554444").unwrap();
    assert_eq!(journals(&db).len(), 1);

    let w = reopen(&db, &vault);
    assert_eq!(
        vault.get(&orphan).unwrap(),
        None,
        "the orphan number is gone"
    );
    assert!(journals(&db).is_empty(), "the journal is gone");
    // The committed card keeps its number.
    assert_eq!(w.reveal_number(id).unwrap().expose(), "4111111111111111");
}

/// A journal naming a live card whose number is not there (lost outside
/// walletdesk, or by an older version's crash) marks the card, never silently.
#[test]
fn a_live_card_without_its_number_is_marked_and_can_get_it_back() {
    let vault = mock_vault();
    let mut t = temp_wallet(vault.clone());
    let a = add_alipay(&mut t.wallet);
    let id = t.wallet.add_card(a, &card("4111111111111111")).unwrap();
    let key = vault::method_key(t.wallet.database_id(), id);
    vault.delete(&key).unwrap();

    let check = t.wallet.check_secrets().unwrap();
    assert_eq!(check.missing, vec![id]);
    let m = t.wallet.method(id).unwrap();
    assert!(m.number_missing);
    assert!(t.wallet.reveal_number(id).is_err());

    // Another card's number is refused; the right one clears the mark.
    let wrong = t
        .wallet
        .set_number(id, &Zeroizing::new("5555555555554444".into()))
        .unwrap_err();
    assert_eq!(wrong.exit_code(), 2);
    assert!(wrong.to_string().contains("number"), "{wrong}");
    t.wallet
        .set_number(id, &Zeroizing::new("4111 1111 1111 1111".into()))
        .unwrap();
    assert!(!t.wallet.method(id).unwrap().number_missing);
    assert_eq!(
        t.wallet.reveal_number(id).unwrap().expose(),
        "4111111111111111"
    );
    assert!(t.wallet.check_secrets().unwrap().missing.is_empty());
}

/// Removal commits first and deletes the number after: when the keyring fails
/// then, the method is removed, the error says the number goes at the next
/// start, and the next start deletes it.
#[test]
fn a_removal_whose_number_cannot_be_deleted_is_finished_at_the_next_start() {
    let vault = mock_vault();
    let mut t = temp_wallet(vault.clone());
    let a = add_alipay(&mut t.wallet);
    t.wallet.add_card(a, &card("5555555555554444")).unwrap();
    let id = t.wallet.add_card(a, &card("4111111111111111")).unwrap();
    let key = vault::method_key(t.wallet.database_id(), id);
    let entry = vault.raw_entry(&key).unwrap();
    let cred: &mock::Cred = entry.as_any().downcast_ref().unwrap();
    cred.set_error(keyring_core::Error::NoStorageAccess("locked".into()));

    let e = t.wallet.remove_method(id, None).unwrap_err();
    assert!(e.to_string().contains("next start"), "{e}");
    assert_eq!(
        t.wallet.method(id).unwrap().status,
        walletdesk::domain::MethodStatus::Removed
    );
    let db = t.path();
    assert_eq!(journals(&db).len(), 1, "kept for the repair");
    drop(t.wallet);

    reopen(&db, &vault);
    assert_eq!(vault.get(&key).unwrap(), None);
    assert!(journals(&db).is_empty());
}

#[test]
fn an_ordinary_add_and_remove_leave_no_journal() {
    let vault = mock_vault();
    let mut t = temp_wallet(vault.clone());
    let a = add_alipay(&mut t.wallet);
    t.wallet.add_card(a, &card("5555555555554444")).unwrap();
    let id = t.wallet.add_card(a, &card("4111111111111111")).unwrap();
    t.wallet.remove_method(id, None).unwrap();
    // A refused duplicate rolls back and removes its journal too.
    assert!(t.wallet.add_card(a, &card("5555555555554444")).is_err());
    assert!(journals(&t.path()).is_empty());
}

// ---- backups and restore ------------------------------------------------------------

#[test]
fn backup_then_change_then_restore_brings_the_data_back() {
    let vault = mock_vault();
    let mut t = temp_wallet(vault.clone());
    let a = add_alipay(&mut t.wallet);
    let id = t.wallet.add_card(a, &card("4111111111111111")).unwrap();
    let copy = t.dir.path().join("copy.sqlite");
    t.wallet.backup(&copy).unwrap();
    // The copy opens on its own: no -wal beside it, and no card number in it.
    assert!(!db_files(&copy)[1].exists());
    assert!(!file_contains(&copy, "4111111111111111"));

    t.wallet
        .add_account(&walletdesk::domain::AccountDraft {
            label: "Added after the backup".into(),
            ..common::alipay()
        })
        .unwrap();
    assert_eq!(t.wallet.accounts().unwrap().len(), 2);

    let r = t.wallet.restore(&copy).unwrap();
    assert_eq!(r.info.accounts, 1);
    assert_eq!(t.wallet.accounts().unwrap().len(), 1);
    assert!(
        r.numbers_missing.is_empty(),
        "the number is still in the keyring"
    );
    assert_eq!(
        t.wallet.reveal_number(id).unwrap().expose(),
        "4111111111111111"
    );
    // What was there before is kept aside, and restores back.
    assert!(r.kept_aside.exists());
    t.wallet.restore(&r.kept_aside).unwrap();
    assert_eq!(t.wallet.accounts().unwrap().len(), 2);
}

#[test]
fn restoring_junk_another_database_or_the_open_one_is_refused_and_changes_nothing() {
    let mut t = temp_wallet(Vault::memory());
    add_alipay(&mut t.wallet);
    let before = t.wallet.accounts().unwrap();

    let junk = t.dir.path().join("junk.sqlite");
    std::fs::write(&junk, b"not a backup at all, just some text".repeat(10)).unwrap();
    let e = t.wallet.restore(&junk).unwrap_err();
    assert_eq!(e.exit_code(), 2, "{e}");
    assert!(e.to_string().contains("not a walletdesk database"), "{e}");

    let other_dir = tempfile::tempdir().unwrap();
    let mut other =
        Wallet::open(&other_dir.path().join("o.sqlite"), Vault::memory(), clock()).unwrap();
    add_alipay(&mut other);
    let other_copy = t.dir.path().join("other.sqlite");
    other.backup(&other_copy).unwrap();
    let e = t.wallet.restore(&other_copy).unwrap_err();
    assert!(e.to_string().contains("another walletdesk database"), "{e}");

    let e = t.wallet.restore(&t.path()).unwrap_err();
    assert!(e.to_string().contains("open database itself"), "{e}");
    assert_eq!(t.wallet.accounts().unwrap(), before);
    assert!(
        t.wallet.backups().is_empty(),
        "nothing was kept aside: nothing changed"
    );
}

#[test]
fn automatic_backups_rotate_and_come_before_imports_and_migrations() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    t.wallet.set_setting("backups-kept", "2").unwrap();
    t.wallet
        .set_rate("USD", "CNY", "7.2", "2026-01-01")
        .unwrap();
    for i in 0..3 {
        let csv = format!(
            "at,amount,currency,type,to,method,counterparty,note,fx_exempt\n\
             2026-11-01,10,CNY,goods,merchant,,Shop {i},,\n"
        );
        let p = preview(&t.wallet, a, &csv);
        t.wallet
            .import_commit(a, &p, &mut |_| {}, &AtomicBool::new(false))
            .unwrap();
    }
    let kept = t.wallet.backups();
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(kept.iter().all(|b| b.reason == "before-import"));
    assert!(!file_contains(&kept[0].path, "4111111111111111"));

    // A database of an older schema is backed up before it is migrated.
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("v1.sqlite");
    {
        let c = Connection::open(&old).unwrap();
        c.execute_batch(store::migration_steps()[0]).unwrap();
        c.execute_batch("PRAGMA user_version = 1;").unwrap();
    }
    Store::open(&old).unwrap();
    let b = store::list_backups(&old);
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].reason, "before-migration");
    let v: i64 = Connection::open(&b[0].path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1, "the backup is the database as it was");
}

#[test]
fn the_daily_backup_is_made_once_a_day_and_only_with_data() {
    let mut t = temp_wallet(Vault::memory());
    let r = t
        .wallet
        .start_checks(std::time::Duration::from_secs(5), false)
        .unwrap();
    assert_eq!(r.daily_backup, None, "an empty database needs no backup");
    add_alipay(&mut t.wallet);
    let r = t
        .wallet
        .start_checks(std::time::Duration::from_secs(5), false)
        .unwrap();
    assert!(r.integrity_checked, "checked before the daily backup");
    assert!(r.daily_backup.is_some());
    let r = t
        .wallet
        .start_checks(std::time::Duration::from_secs(5), false)
        .unwrap();
    assert_eq!(r.daily_backup, None, "one a day");
    assert!(!r.integrity_checked, "a command checks once a day");
    let r = t
        .wallet
        .start_checks(std::time::Duration::from_secs(5), true)
        .unwrap();
    assert!(r.integrity_checked, "the window checks at every start");
}

// ---- damaged and foreign files ----------------------------------------------------

#[test]
fn a_damaged_page_is_found_on_start_and_stops_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    {
        let mut w = Wallet::open(&db, Vault::memory(), clock()).unwrap();
        w.load_demo(5_000).unwrap();
        w.start_checks(std::time::Duration::from_secs(5), false)
            .unwrap();
    }
    // Garbage over a page in the middle of the file (the WAL was checkpointed on close).
    let bytes = common::damage_middle_page(&db);

    let mut w = Wallet::open(&db, Vault::memory(), clock()).unwrap();
    let r = w
        .start_checks(std::time::Duration::from_secs(30), true)
        .unwrap();
    assert!(r.damaged.is_some(), "{r:?}");
    let backup = r.latest_backup.expect("the daily backup is offered");
    let e = w.add_account(&common::alipay()).unwrap_err();
    assert_eq!(e.exit_code(), 3);
    assert!(e.to_string().contains("damaged"), "{e}");
    assert!(e.to_string().contains(&backup.display().to_string()), "{e}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "not a byte written");

    // Restoring the offered backup mends it.
    w.restore(&backup).unwrap();
    assert_eq!(w.damaged(), None);
    w.add_account(&common::alipay()).unwrap();
    let r = w
        .start_checks(std::time::Duration::from_secs(30), true)
        .unwrap();
    assert_eq!(r.damaged, None);
}

#[test]
fn another_programs_database_is_refused_byte_for_byte_with_no_wal() {
    let dir = tempfile::tempdir().unwrap();
    for (name, sql) in [
        (
            "plain.db",
            "CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('mine');",
        ),
        (
            "app.db",
            "CREATE TABLE t (x); PRAGMA application_id = 1234; PRAGMA user_version = 3;",
        ),
        (
            "wal.db",
            "PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);",
        ),
    ] {
        let path = dir.path().join(name);
        Connection::open(&path).unwrap().execute_batch(sql).unwrap();
        let before = std::fs::read(&path).unwrap();
        let e = Wallet::open(&path, Vault::memory(), clock()).unwrap_err();
        assert_eq!(e.exit_code(), 3, "{name}");
        assert!(
            e.to_string().contains("not a walletdesk database"),
            "{name}: {e}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before, "{name}");
        for f in &db_files(&path)[1..] {
            assert!(!f.exists(), "{name}: {} was created", f.display());
        }
    }
    let folder = dir.path().join("folder.sqlite");
    std::fs::create_dir(&folder).unwrap();
    let e = Wallet::open(&folder, Vault::memory(), clock()).unwrap_err();
    assert!(e.to_string().contains("folder"), "{e}");
}

#[test]
fn a_database_from_before_the_application_id_is_still_ours() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.sqlite");
    {
        let c = Connection::open(&path).unwrap();
        for step in &store::migration_steps()[..4] {
            c.execute_batch(step).unwrap();
        }
        c.execute_batch("PRAGMA user_version = 4;").unwrap();
    }
    let s = Store::open(&path).unwrap();
    let app: i32 = s
        .conn()
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app, store::APPLICATION_ID);
}

#[test]
fn a_second_window_on_the_same_database_is_refused_with_the_first_ones_pid() {
    let mut t = temp_wallet(Vault::memory());
    t.wallet.lock_for_window().unwrap();
    let mut second = reopen(&t.path(), &Vault::memory());
    let e = second.lock_for_window().unwrap_err();
    assert_eq!(e.exit_code(), 3);
    assert!(
        e.to_string()
            .contains(&format!("pid {}", std::process::id())),
        "{e}"
    );
    // Closing the first frees it.
    drop(t.wallet);
    second.lock_for_window().unwrap();
}

// ---- imports and exports ----------------------------------------------------------

/// Two imports previewed before either wrote: the second writes nothing twice,
/// because duplicates are checked again inside the writing transaction.
#[test]
fn two_imports_previewed_at_once_write_each_row_once() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    t.wallet
        .set_rate("USD", "CNY", "7.2", "2026-01-01")
        .unwrap();
    let csv = "at,amount,currency,type,to,method,counterparty,note,fx_exempt\n\
               2026-11-01,10,CNY,goods,merchant,,A,,\n\
               2026-11-02,20,CNY,goods,merchant,,B,,\n";
    let mut other = reopen(&t.path(), &Vault::memory());
    let p1 = preview(&t.wallet, a, csv);
    let p2 = preview(&other, a, csv);
    let n1 = t
        .wallet
        .import_commit(a, &p1, &mut |_| {}, &AtomicBool::new(false))
        .unwrap();
    let n2 = other
        .import_commit(a, &p2, &mut |_| {}, &AtomicBool::new(false))
        .unwrap();
    assert_eq!((n1, n2), (Finished::Done(2), Finished::Done(0)));
    let all = store::TxnFilter {
        account: Some(a),
        ..Default::default()
    };
    assert_eq!(t.wallet.txn_count(&all).unwrap(), 2);
}

#[test]
fn an_export_never_writes_onto_the_database_and_leaves_a_target_whole_on_error() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    let db = t.path();
    for target in db_files(&db) {
        let e = t.wallet.export_csv_file(a, &target).unwrap_err();
        assert_eq!(e.exit_code(), 2, "{e}");
        assert!(e.to_string().contains("own database"), "{e}");
    }
    assert!(std::fs::metadata(&db).unwrap().len() > 0);
    // The database through another name is still the database.
    let e = t
        .wallet
        .export_csv_file(a, &t.dir.path().join(".").join("w.sqlite"))
        .unwrap_err();
    assert!(e.to_string().contains("own database"), "{e}");

    let keep = t.dir.path().join("keep.csv");
    std::fs::write(&keep, "precious\n").unwrap();
    assert!(t.wallet.export_csv_file(AccountId(99), &keep).is_err());
    assert_eq!(std::fs::read_to_string(&keep).unwrap(), "precious\n");
    // A good export replaces it whole, and leaves no temporary file behind.
    assert_eq!(t.wallet.export_csv_file(a, &keep).unwrap(), 0);
    assert!(
        std::fs::read_to_string(&keep)
            .unwrap()
            .starts_with("at,amount")
    );
    let leftovers: Vec<_> = std::fs::read_dir(t.dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn the_demo_is_one_transaction_and_refuses_a_second_run() {
    let mut t = temp_wallet(Vault::memory());
    let (ids, n) = t.wallet.load_demo(300).unwrap();
    assert_eq!((ids.len(), n), (4, 300));
    let e = t.wallet.load_demo(300).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().contains("already"), "{e}");
    assert_eq!(t.wallet.accounts().unwrap().len(), 4);
}
