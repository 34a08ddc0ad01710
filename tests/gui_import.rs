//! Bringing a file in through the window (issue 12): a file dropped onto the
//! window is previewed for the shown account and written on Import.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::gui::harness;
use common::{add_alipay, temp_wallet};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use walletdesk::domain::txn_filter::TxnFilter;
use walletdesk::ui::WalletApp;
use walletdesk::vault::Vault;

use eframe::egui;

/// A file as the platform hands a drop to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Run frames until `done` holds (the import's jobs run on their own thread).
fn run_until(
    h: &mut Harness<'_, WalletApp>,
    what: &str,
    done: impl Fn(&Harness<'_, WalletApp>) -> bool,
) {
    for _ in 0..400 {
        h.step();
        if done(h) {
            h.step();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let tree = format!("{:?}", h.root());
    let tree: String = tree
        .split("value: \"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" | ");
    panic!("{what} never happened; the window: {tree}");
}

fn drop_file(h: &mut Harness<'_, WalletApp>, path: &Path) {
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_owned())));
    h.run();
}

#[test]
fn a_file_dropped_onto_the_window_is_previewed_and_imported_into_the_shown_account() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    t.wallet
        .add_rate(&walletdesk::wallet::RateDraft {
            from: "USD".into(),
            to: "CNY".into(),
            rate: "7.2".into(),
            date: "2026-01-01".into(),
        })
        .unwrap();
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
    h.get_by_label("Import payments (CSV)");
    run_until(&mut h, "the preview", |h| {
        h.query_by_label_contains("2 rows to import").is_some()
    });
    h.get_by_role_and_label(Role::Button, "Import 2 rows")
        .click();
    h.step();
    run_until(&mut h, "the write", |h| {
        h.query_by_label("Import payments (CSV)").is_none()
    });
    let filter = TxnFilter {
        account: Some(a),
        ..TxnFilter::default()
    };
    assert_eq!(h.state().wallet().txn_count(&filter).unwrap(), 2);
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
    assert!(h.query_by_label("Import payments (CSV)").is_none());
}
