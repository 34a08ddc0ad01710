//! Any other CSV through the window: a file in no known format offers "Map its
//! columns…"; the mapping screen picks columns, shows the first rows as they
//! would be recorded, saves the mapping by name, and imports with it.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use std::path::Path;

use common::gui::{click, drop_file, harness, run_until, type_into};
use common::{add_alipay, temp_wallet};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use walletdesk::domain::txn_filter::TxnFilter;
use walletdesk::ui::WalletApp;
use walletdesk::vault::Vault;

use eframe::egui;

const STATEMENT: &str = "Date,Beneficiary,Details,Amount,Currency\n\
02.03.2026,Bakery Lindqvist,Bread,\"-12,50\",EUR\n\
03.03.2026,Employer Kestrel,Salary,\"2.450,00\",EUR\n\
04.03.2026,Bookshop Amsel,Novel,\"-23,90\",EUR\n";

fn open_mapping(h: &mut Harness<'_, WalletApp>, file: &Path) {
    drop_file(h, file);
    run_until(h, "the unknown format", |h| {
        h.query_by_label("Map its columns…").is_some()
    });
    h.get_by_role_and_label(Role::Button, "Map its columns…")
        .click();
    h.step();
    run_until(h, "the file's columns", |h| {
        h.query_by_role_and_label(Role::ComboBox, "Time column")
            .is_some()
    });
}

fn pick(h: &mut Harness<'_, WalletApp>, combo: &str, option: &str) {
    h.get_by_role_and_label(Role::ComboBox, combo).click();
    h.run();
    h.get_by_label(option).click();
    h.run();
}

#[test]
fn an_unknown_csv_is_mapped_previewed_and_saved_by_name() {
    let mut t = temp_wallet(Vault::memory());
    add_alipay(&mut t.wallet);
    let file = t.dir.path().join("statement.csv");
    std::fs::write(&file, STATEMENT).unwrap();
    let mut h = harness(t.wallet);
    h.run();
    open_mapping(&mut h, &file);
    // Guessed from the header and rows: the date format, the decimal comma.
    h.get_by_label("Map the columns of a CSV");
    assert!(h.query_by_label_contains("Bakery Lindqvist").is_none());
    // The counterparty is in a column of an unusual name: picked by hand.
    pick(&mut h, "Counterparty column", "Beneficiary");
    h.get_by_label("Bakery Lindqvist");
    h.get_by_label("EUR 12.50");
    h.get_by_label("skipped: money in");
    h.get_by_label("Bookshop Amsel");
    // Without a name it cannot be saved; the name field says so.
    assert!(common::gui::is_disabled(&h, "Save mapping"));
    h.get_by_label_contains("name: required");
    type_into(&mut h, "Mapping name", "Savings bank");
    assert!(!common::gui::is_disabled(&h, "Save mapping"));
    click(&mut h, "Save mapping");
    h.get_by_label_contains("Saved the mapping “Savings bank”");
    let saved = h.state().wallet().mappings().unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].name, "Savings bank");
    assert_eq!(
        saved[0].counterparty.as_ref().map(|c| c.name.as_str()),
        Some("Beneficiary")
    );
    assert!(saved[0].decimal_comma);
    assert_eq!(saved[0].date_format, "%d.%m.%Y");
}

#[test]
fn save_and_import_writes_the_money_out_and_a_bad_amount_is_shown_on_its_row() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    for (from, rate) in [("USD", "7.2"), ("EUR", "7.8")] {
        t.wallet
            .add_rate(&walletdesk::wallet::RateDraft {
                from: from.into(),
                to: "CNY".into(),
                rate: rate.into(),
                date: "2026-01-01".into(),
            })
            .unwrap();
    }
    let file = t.dir.path().join("statement.csv");
    std::fs::write(&file, STATEMENT).unwrap();
    let mut h = harness(t.wallet);
    h.run();
    open_mapping(&mut h, &file);
    // Read as a decimal point, the amounts are not amounts: each row says so.
    h.get_by_label("Decimal comma (1.234,50)").click();
    h.run();
    h.get_by_label_contains("amount: \"-12,50\" is not an amount");
    h.get_by_label("Decimal comma (1.234,50)").click();
    h.run();
    type_into(&mut h, "Mapping name", "Savings bank");
    // The file is read on its own thread (the window repaints meanwhile): step.
    h.get_by_role_and_label(Role::Button, "Save and import")
        .click();
    h.step();
    run_until(&mut h, "the preview", |h| {
        h.query_by_label_contains("2 rows to import").is_some()
    });
    h.get_by_role_and_label(Role::Button, "Import 2 rows")
        .click();
    h.step();
    // The write runs as a job: the dialog closes and says so when it is done.
    run_until(&mut h, "the write", |h| {
        h.query_by_label_contains("Imported").is_some()
    });
    let filter = TxnFilter {
        account: Some(a),
        ..TxnFilter::default()
    };
    assert_eq!(h.state().wallet().txn_count(&filter).unwrap(), 2);
}
