//! Bringing a file in through the window (issue 12): a file dropped onto the
//! window is previewed for the shown account and written on Import.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use std::path::PathBuf;

use common::gui::{drop_file, harness, run_until};
use common::{add_alipay, add_usd_cny, temp_wallet};
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use walletdesk::domain::txn_filter::TxnFilter;
use walletdesk::ui::WalletApp;
use walletdesk::vault::Vault;

#[test]
fn a_file_dropped_onto_the_window_is_previewed_and_imported_into_the_shown_account() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    add_usd_cny(&mut t.wallet, "2026-01-01");
    let file = t.dir.path().join("november.csv");
    std::fs::write(
        &file,
        "at,amount,currency,type,to,method,counterparty,note,fx_exempt\n\
         2026-11-02T09:30:00+08:00,120.50,CNY,goods,merchant,,Shop A,,false\n\
         2026-11-03T19:00:00+08:00,80,CNY,services,merchant,,Shop B,,false\n",
    )
    .unwrap();
    let mut h = harness(t.wallet);
    h.run();
    drop_file(&mut h, &file);
    // The import dialog opens with the file, and reads it at once.
    h.get_by_label("Import payments");
    run_until(&mut h, "the preview", |h| {
        h.query_by_label_contains("2 rows to import").is_some()
    });
    h.get_by_role_and_label(Role::Button, "Import 2 rows")
        .click();
    h.step();
    run_until(&mut h, "the write", |h| {
        h.query_by_label("Import payments").is_none()
    });
    let filter = TxnFilter {
        account: Some(a),
        ..TxnFilter::default()
    };
    assert_eq!(h.state().wallet().txn_count(&filter).unwrap(), 2);
    // The list is counted and read again off the window's thread.
    h.run();
    h.get_by_label_contains("Shop A");
}

#[test]
fn a_file_dropped_while_another_dialog_is_open_is_not_imported_and_says_why() {
    let mut t = temp_wallet(Vault::memory());
    add_alipay(&mut t.wallet);
    let file = t.dir.path().join("x.csv");
    std::fs::write(&file, "at,amount\n").unwrap();
    let mut h = harness(t.wallet);
    h.run();
    h.get_by_label("Link PayPal…").click();
    h.run();
    drop_file(&mut h, &file);
    h.get_by_label_contains("Close the open dialog first, then drop");
    assert!(h.query_by_label("Import payments").is_none());
}

/// The Alipay bill of March (tests/data): line 26 is CNY 28.16 by the card
/// ending 7449, line 31 CNY 150.00 by a card not linked here, line 32 a
/// refund of line 26; lines 28–30 are not payments.
fn alipay_bill() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/alipay-2023.utf8-bom.csv")
}

#[test]
fn a_dropped_bill_shows_what_each_row_becomes_and_a_changed_row_is_written_as_changed() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    let card = t
        .wallet
        .add_card(a, &common::card("4111111111117449"))
        .unwrap();
    add_usd_cny(&mut t.wallet, "2026-01-01");
    let mut h = harness(t.wallet);
    h.run();
    let bars = |h: &Harness<'_, WalletApp>| -> Vec<String> {
        h.query_all_by_role(Role::ProgressIndicator)
            .map(|n| format!("{n:?}"))
            .collect()
    };
    h.get_by_label("Limits").click();
    h.run();
    let before = bars(&h);
    assert!(!before.is_empty());
    drop_file(&mut h, &alipay_bill());
    run_until(&mut h, "the preview", |h| {
        h.query_by_label_contains("5 rows to import").is_some()
    });
    // What the file was read as, and each part of the preview with its count.
    h.get_by_label_contains("Read as Alipay CSV");
    h.get_by_label("Payments (5)");
    h.get_by_label("Refunds (1)");
    h.get_by_label("Not payments (3)");
    // B3: the card ending 7449 is matched; the one ending 9876 is not linked.
    let method = h.get_by_label("Method of line 26");
    assert!(format!("{method:?}").contains("7449"), "{method:?}");
    // The person calls line 26 a personal expense and leaves line 31 out.
    h.get_by_label("Type of line 26").click();
    h.run();
    h.get_by_label("Personal expenses").click();
    h.run();
    h.get_by_label("Write line 31").click();
    h.run();
    h.get_by_label_contains("1 row left out by you");
    h.get_by_label("Not payments (3)").click();
    h.run();
    h.get_by_label_contains("line 29: skipped: a fund purchase or redemption");

    h.get_by_role_and_label(Role::Button, "Import 5 rows")
        .click();
    h.step();
    run_until(&mut h, "the write", |h| {
        h.query_by_label("Import payments").is_none()
    });
    let rows = h
        .state()
        .wallet()
        .txn_page(
            &TxnFilter {
                account: Some(a),
                ..TxnFilter::default()
            },
            0,
            100,
        )
        .unwrap();
    // Four payments and the refund; line 31's CNY 150.00 is not among them.
    assert_eq!(rows.len(), 5, "{rows:#?}");
    assert!(!rows.iter().any(|t| t.new.amount.to_string() == "150.00"));
    let lunch = rows
        .iter()
        .find(|t| !t.refund && t.new.amount.to_string() == "28.16")
        .unwrap();
    assert_eq!(lunch.new.ty, walletdesk::domain::limits::TxType::Personal);
    assert_eq!(lunch.new.method, Some(card));
    assert!(
        rows.iter()
            .any(|t| t.refund && t.new.amount.to_string() == "28.16")
    );
    // The refund is listed as one (once the list is read again), and the Limits
    // view shows it beside the used figure.
    h.run();
    h.get_by_label("Refund");
    h.get_by_label("Limits").click();
    h.run();
    assert_ne!(bars(&h), before, "no limit's bar moved");
    assert!(
        h.query_all_by_label_contains("of it refunded").count() >= 1,
        "no limit shows the refund beside its used figure"
    );
}

#[test]
fn a_protected_zip_asks_for_its_password_in_the_window_and_then_previews() {
    use std::io::Write as _;
    use zip::write::SimpleFileOptions;
    let mut t = temp_wallet(Vault::memory());
    add_alipay(&mut t.wallet);
    add_usd_cny(&mut t.wallet, "2026-01-01");
    let bill = std::fs::read(alipay_bill()).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .with_aes_encryption(zip::AesMode::Aes256, "made-up-123");
    w.start_file("alipay_record.csv", opts).unwrap();
    w.write_all(&bill).unwrap();
    let file = t.dir.path().join("bill.zip");
    std::fs::write(&file, w.finish().unwrap().into_inner()).unwrap();

    let mut h = harness(t.wallet);
    h.run();
    drop_file(&mut h, &file);
    run_until(&mut h, "the password question", |h| {
        h.query_by_label("Password of the zip").is_some()
    });
    h.get_by_label_contains("the zip is protected by a password");
    // A wrong password: said, and asked again; nothing to import.
    let type_password = |h: &mut Harness<'_, WalletApp>, text: &str| {
        h.get_by_role_and_label(Role::PasswordInput, "Password of the zip")
            .focus();
        h.run();
        h.get_by_role_and_label(Role::PasswordInput, "Password of the zip")
            .type_text(text);
        h.run();
    };
    type_password(&mut h, "wrong");
    h.get_by_label("Open the zip").click();
    h.step();
    run_until(&mut h, "the refusal", |h| {
        h.query_by_label_contains("the password does not open this zip")
            .is_some()
    });
    assert!(common::gui::is_disabled(&h, "Import 0 rows"));
    type_password(&mut h, "made-up-123");
    h.get_by_label("Open the zip").click();
    h.step();
    run_until(&mut h, "the preview", |h| {
        h.query_by_label_contains("5 rows to import").is_some()
    });
    h.get_by_label_contains("from a password-protected zip");
    // The password is not kept anywhere on screen.
    assert!(!format!("{:?}", h.root()).contains("made-up-123"));
}

/// A bill longer than the preview keeps, dropped onto the window: its first
/// rows are listed, every row is counted, and Import writes them all (the file
/// is read again).
#[test]
fn a_large_dropped_bill_lists_its_first_rows_and_imports_every_row() {
    use std::fmt::Write as _;
    use walletdesk::wallet::KEPT_ROWS;
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    add_usd_cny(&mut t.wallet, "2026-01-01");
    let sample = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/alipay-2023.utf8-bom.csv"),
    )
    .unwrap();
    let start = sample.find("交易时间,").unwrap();
    let mut s = sample[..start + sample[start..].find('\n').unwrap() + 1].to_owned();
    let n = KEPT_ROWS + 20;
    for i in 0..n {
        let (h, m) = (i / 60 % 24, i % 60);
        writeln!(
            s,
            "2026-10-{:02} {h:02}:{m:02}:00,餐饮美食,示例餐厅,,午餐套餐,支出,{}.00,余额,交易成功,2026{i:020}\t,,,",
            1 + i / 1440,
            1 + i % 300
        )
        .unwrap();
    }
    let file = t.dir.path().join("alipay-october.csv");
    std::fs::write(&file, s).unwrap();
    let mut h = harness(t.wallet);
    h.run();
    drop_file(&mut h, &file);
    run_until(&mut h, "the preview", |h| {
        h.query_by_label_contains(&format!("{n} rows to import"))
            .is_some()
    });
    h.get_by_label(&format!("Payments ({n})"));
    h.get_by_label_contains("The first 10,000 of 10,020 are listed");
    h.get_by_role_and_label(Role::Button, &format!("Import {n} rows"))
        .click();
    h.step();
    run_until(&mut h, "the write", |h| {
        h.query_by_label("Import payments").is_none()
    });
    let filter = TxnFilter {
        account: Some(a),
        ..TxnFilter::default()
    };
    assert_eq!(h.state().wallet().txn_count(&filter).unwrap(), n as u64);
}
