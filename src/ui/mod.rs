//! The desktop window (egui). One file per screen or dialog; each draws what the
//! service handed over and pushes `command::Command`s, which `app` carries out
//! through the service after drawing. No SQL, file I/O or threads here.

mod about_window;
mod account_dialog;
mod accounts_view;
mod anyway;
mod app;
mod backup_dialog;
mod card_dialog;
mod check_card_dialog;
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
mod menu;
mod method_detail;
mod methods;
mod override_dialog;
mod palette;
mod paypal_dialog;
mod precheck_dialog;
mod remove_account_dialog;
mod remove_dialog;
mod settings_dialog;
mod transactions_view;
mod txn_dialog;
mod verdict;

pub use crate::system_fonts::cjk_font_name;
pub use app::{Remembered, RememberedFilter, WalletApp};
pub use palette::{Palette, Tone, contrast};

use crate::Wallet;
use eframe::egui;

/// What the context needs before the first frame: fonts from the system for
/// what egui's lack; zoom by the View menu's shortcuts only (they save the zoom).
pub fn setup(ctx: &egui::Context) {
    fonts::add_system_fonts(ctx);
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
}

/// The window's icon (rendered from assets/icon.svg).
const ICON_PNG: &[u8] = include_bytes!("../../assets/icons/walletdesk-256.png");

/// Open the window and run until it is closed. `state`: where eframe keeps what
/// the window remembers (size, position, view, filter); `None` for the default
/// folder.
pub fn run(
    wallet: Wallet,
    start: crate::wallet::StartReport,
    state: Option<std::path::PathBuf>,
) -> anyhow::Result<()> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("walletdesk")
        .with_app_id("walletdesk")
        .with_inner_size([1100.0, 680.0])
        .with_min_inner_size([720.0, 420.0]);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let state_dir = state.clone().or_else(|| eframe::storage_dir("walletdesk"));
    let options = eframe::NativeOptions {
        viewport,
        // The system font provider is installed by `setup`, for tests too.
        system_font_fallback: false,
        persistence_path: state,
        ..Default::default()
    };
    eframe::run_native(
        "walletdesk",
        options,
        Box::new(move |cc| {
            setup(&cc.egui_ctx);
            Ok(Box::new(
                WalletApp::new(wallet)
                    .with_start_report(start)
                    .with_state_dir(state_dir)
                    .restored_from(cc.storage),
            ))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
