//! The window's side of "nothing lost": Backups… (back up, restore with a
//! confirmation), the damaged-database banner, and cards whose number is
//! missing — driven through egui_kittest's AccessKit queries on real files.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use common::{add_alipay, card, temp_wallet};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use walletdesk::Wallet;
use walletdesk::ui::WalletApp;
use walletdesk::vault::{self, Vault};
use walletdesk::wallet::StartReport;

use eframe::egui;

fn harness(wallet: Wallet, start: StartReport) -> Harness<'static, WalletApp> {
    let mut b = Harness::builder().with_size(egui::vec2(1100.0, 720.0));
    if walletdesk::ui::cjk_font_name().is_none() {
        b = b.allow_missing_glyphs();
    }
    b.build_eframe(move |cc| {
        walletdesk::ui::setup(&cc.egui_ctx);
        WalletApp::new(wallet)
            .without_system_clipboard()
            .with_start_report(start)
    })
}

#[test]
fn backups_dialog_backs_up_and_restores_after_confirmation() {
    let mut t = temp_wallet(Vault::memory());
    add_alipay(&mut t.wallet);
    // The daily backup: one account.
    t.wallet
        .start_checks(std::time::Duration::from_secs(5), false)
        .unwrap();
    t.wallet
        .add_account(&walletdesk::domain::AccountDraft {
            label: "Second".into(),
            ..common::alipay()
        })
        .unwrap();
    let target = t.dir.path().join("w.backup.sqlite");
    let mut h = harness(t.wallet, StartReport::default());
    h.run();

    h.get_by_label("Backups…").click();
    h.run();
    h.get_by_label_contains("never the full card numbers");
    // The field suggests a file beside the database.
    h.get_by_role_and_label(Role::TextInput, "Back up to");
    h.get_by_role_and_label(Role::Button, "Back up").click();
    h.run();
    assert!(target.exists(), "the backup file was written");
    h.get_by_label_contains("Backed up to");

    // Restore the daily backup: asked first, then done.
    h.get_by_label("Restore…").click();
    h.run();
    h.get_by_label("Restore this backup?");
    assert_eq!(
        h.state().wallet().accounts().unwrap().len(),
        2,
        "not before confirming"
    );
    h.get_by_role_and_label(Role::Button, "Restore").click();
    h.run();
    assert_eq!(h.state().wallet().accounts().unwrap().len(), 1);
    h.get_by_label_contains("kept in");
}

#[test]
fn a_damaged_database_is_announced_with_its_latest_backup() {
    let t = temp_wallet(Vault::memory());
    let backup = t.dir.path().join("backups/w-20261121T040000Z-daily.sqlite");
    let start = StartReport {
        damaged: Some("Page 12: btreeInitPage() returns error code 11".into()),
        latest_backup: Some(backup.clone()),
        ..StartReport::default()
    };
    let mut h = harness(t.wallet, start);
    h.run();
    h.get_by_label("The database is damaged: walletdesk will not write to it");
    h.get_by_label_contains("btreeInitPage");
    h.get_by_label_contains("Restore the latest backup").click();
    h.run();
    h.get_by_label("Backups");
}

#[test]
fn a_card_whose_number_is_missing_is_marked_in_the_table() {
    let vault = Vault::memory();
    let mut t = temp_wallet(vault.clone());
    let a = add_alipay(&mut t.wallet);
    let id = t.wallet.add_card(a, &card("4111111111111111")).unwrap();
    vault
        .delete(&vault::method_key(t.wallet.database_id(), id))
        .unwrap();
    let report = t
        .wallet
        .start_checks(std::time::Duration::from_secs(5), true)
        .unwrap();
    assert_eq!(report.numbers_missing, vec![id]);
    let mut h = harness(t.wallet, report);
    h.run();
    h.get_by_label("number missing");
    h.get_by_label_contains("1 card number is not in the secret store");
}

#[test]
fn damage_the_start_check_had_no_time_for_is_found_after_the_first_frame() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    {
        let mut w = Wallet::open(&db, Vault::memory(), common::clock()).unwrap();
        w.load_demo(5_000).unwrap();
        w.start_checks(std::time::Duration::from_secs(5), false)
            .unwrap();
    }
    let bytes = common::damage_middle_page(&db);
    let mut w = Wallet::open(&db, Vault::memory(), common::clock()).unwrap();
    // No time at all: the check stops before it reaches the damaged page.
    let report = w.start_checks(std::time::Duration::ZERO, true).unwrap();
    assert!(
        !report.integrity_checked && report.damaged.is_none(),
        "{report:?}"
    );

    let wal = db.with_extension("sqlite-wal");
    let wal_len = || std::fs::metadata(&wal).map_or(0, |m| m.len());
    // What opening wrote before the window (not the window's doing).
    let wal_before = wal_len();
    let mut h = harness(w, report);
    let started = std::time::Instant::now();
    while h.state().wallet().damaged().is_none() {
        assert!(started.elapsed().as_secs() < 60, "the check never ended");
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run();
    h.get_by_label("The database is damaged: walletdesk will not write to it");
    h.get_by_label_contains("Restore the latest backup");
    let e = h
        .state_mut()
        .wallet_mut()
        .add_account(&common::alipay())
        .unwrap_err();
    assert!(e.to_string().contains("damaged"), "{e}");
    // The window and its workers wrote nothing: not to the file, not to its WAL.
    assert_eq!(wal_len(), wal_before, "the WAL grew");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "not a byte written");
}

#[test]
fn a_start_check_cut_short_leaves_the_daily_backup_to_the_rest_of_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    let mut w = Wallet::open(&db, Vault::memory(), common::clock()).unwrap();
    w.load_demo(2_000).unwrap();
    let backups = || walletdesk::store::latest_backup(&db);
    assert_eq!(backups(), None);
    let report = w.start_checks(std::time::Duration::ZERO, true).unwrap();
    assert!(!report.integrity_checked, "{report:?}");
    assert_eq!(report.daily_backup, None, "not before the check has passed");
    assert_eq!(backups(), None);
    let done = w.start_integrity_check().wait(&mut |_| {}).unwrap();
    assert!(matches!(done, walletdesk::wallet::Finished::Done(None)));
    assert!(backups().is_some(), "made once the check passed");
}
