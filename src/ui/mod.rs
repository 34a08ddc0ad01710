//! The desktop window (egui). One file per screen or dialog; each draws what the
//! service handed over and pushes `command::Command`s, which `app` carries out
//! through the service after drawing. No SQL, file I/O or threads here.

mod account_dialog;
mod accounts_view;
mod anyway;
mod app;
mod backup_dialog;
mod card_dialog;
mod chrome;
mod clipboard;
mod command;
mod delete_txn_dialog;
mod export_dialog;
mod fonts;
mod form;
mod import_dialog;
mod limits_view;
mod mapping_dialog;
mod mark_failed_dialog;
mod matrix;
mod method_detail;
mod methods;
mod override_dialog;
mod palette;
mod paypal_dialog;
mod precheck_dialog;
mod remove_account_dialog;
mod remove_dialog;
mod transactions_view;
mod txn_dialog;
mod verdict;

pub use crate::system_fonts::find_cjk_font;
pub use app::WalletApp;
pub use palette::{Palette, Tone, contrast};

use crate::Wallet;
use eframe::egui;

/// What the context needs before the first frame: a CJK font when the system has one.
pub fn setup(ctx: &egui::Context) {
    fonts::add_cjk_font(ctx);
}

/// Open the window and run until it is closed.
pub fn run(wallet: Wallet, start: crate::wallet::StartReport) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("walletdesk")
            .with_app_id("walletdesk")
            .with_inner_size([1100.0, 680.0])
            .with_min_inner_size([720.0, 420.0]),
        ..Default::default()
    };
    eframe::run_native(
        "walletdesk",
        options,
        Box::new(move |cc| {
            setup(&cc.egui_ctx);
            Ok(Box::new(WalletApp::new(wallet).with_start_report(start)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
