//! Helpers for the window tests: the real app in egui_kittest, driven through
//! its AccessKit labels.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    harness_built(wallet, size, None)
}

/// `harness` whose frames are `step_dt` seconds apart (kittest's default is 0.25 s).
pub fn harness_stepping(wallet: Wallet, step_dt: f32) -> Harness<'static, WalletApp> {
    harness_built(wallet, egui::vec2(1100.0, 720.0), Some(step_dt))
}

fn harness_built(
    wallet: Wallet,
    size: egui::Vec2,
    step_dt: Option<f32>,
) -> Harness<'static, WalletApp> {
    // The transactions list is counted and read by the service's worker: the
    // window paints again until its answers are in, which may take more frames
    // than kittest's default of 4.
    let mut b = Harness::builder().with_size(size).with_max_steps(5_000);
    if let Some(dt) = step_dt {
        b = b.with_step_dt(dt);
    }
    if walletdesk::ui::cjk_font_name().is_none() {
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

/// A file as the platform hands a drop to egui.
#[derive(Debug)]
pub struct Dropped(pub PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Drop `path` onto the window.
pub fn drop_file(h: &mut Harness<'_, WalletApp>, path: &Path) {
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_owned())));
    h.run();
}

/// Run frames until `done` holds (jobs run on their own thread); on a timeout
/// the panic lists what the window shows.
pub fn run_until(
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
