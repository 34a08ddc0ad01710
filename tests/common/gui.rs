//! Helpers for the window tests: the real app in egui_kittest, driven through
//! its AccessKit labels.
#![allow(dead_code, clippy::unwrap_used)]

use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use walletdesk::Wallet;
use walletdesk::ui::WalletApp;

/// The app as `walletdesk` starts it, fonts included. Where the machine has a CJK
/// font (CI installs one) a glyph missing from 支付宝 fails the test; elsewhere
/// missing glyphs are tolerated so `cargo test` passes on any machine.
pub fn harness(wallet: Wallet) -> Harness<'static, WalletApp> {
    harness_sized(wallet, egui::vec2(1100.0, 720.0))
}

/// `harness` in a window of another size.
pub fn harness_sized(wallet: Wallet, size: egui::Vec2) -> Harness<'static, WalletApp> {
    let mut b = Harness::builder().with_size(size);
    if walletdesk::ui::find_cjk_font().is_none() {
        b = b.allow_missing_glyphs();
    }
    b.build_eframe(move |cc| {
        walletdesk::ui::setup(&cc.egui_ctx);
        WalletApp::new(wallet).without_system_clipboard()
    })
}

/// Focus the text field with this label and type into it.
pub fn type_into(h: &mut Harness<'_, WalletApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

pub fn is_disabled(h: &Harness<'_, WalletApp>, label: &str) -> bool {
    h.get_by_role_and_label(Role::Button, label)
        .accesskit_node()
        .is_disabled()
}

/// Click the button with exactly this label and let the app act on it.
pub fn click(h: &mut Harness<'_, WalletApp>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).click();
    h.run();
}
