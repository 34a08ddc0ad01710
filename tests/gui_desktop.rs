//! The desktop app around the views, driven through egui_kittest: the menus and
//! their shortcuts, Settings read back by the CLI, the theme switch, state
//! remembered on a second start, About, "Check a card" before any account, and
//! the empty Transactions view.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use std::collections::HashMap;

use common::gui::{click, harness, type_into};
use common::{add_alipay, ok, temp_wallet, walletdesk};
use eframe::egui::{self, Key, Modifiers};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use walletdesk::ui::{Palette, Tone, WalletApp, contrast};
use walletdesk::vault::Vault;

const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

/// Open a menu of the bar and click one of its items.
fn menu(h: &mut Harness<'_, WalletApp>, menu: &str, item: &str) {
    h.get_by_role_and_label(Role::Button, menu).click();
    h.run();
    // A menu item comes before a button of the same words (its label adds the shortcut).
    h.query_all_by_label_contains(item).next().unwrap().click();
    h.run();
}

#[test]
fn a_menu_item_and_its_shortcut_do_the_same_thing() {
    let mut t = temp_wallet(Vault::memory());
    add_alipay(&mut t.wallet);
    let mut h = harness(t.wallet);
    h.run();

    // Edit → Add account… shows the shortcut it has, and opens the dialog.
    h.get_by_role_and_label(Role::Button, "Edit").click();
    h.run();
    let shortcut = h
        .ctx
        .format_shortcut(&egui::KeyboardShortcut::new(CMD_SHIFT, Key::N));
    let label = format!("Add account… {shortcut}");
    h.get_by_label(&label).click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Label");
    click(&mut h, "Cancel");
    assert!(
        h.query_by_role_and_label(Role::TextInput, "Label")
            .is_none(),
        "closed"
    );

    // The shortcut, from the Limits view: the same dialog.
    menu(&mut h, "View", "Limits");
    h.get_by_label_contains("Limits — ");
    h.key_press_modifiers(CMD_SHIFT, Key::N);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Label");
    click(&mut h, "Cancel");

    // View → Transactions and Ctrl+3 land on the same view; Ctrl+1 goes back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run();
    assert!(h.query_by_label_contains("Transactions — ").is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run();
    h.get_by_label_contains("Transactions — ");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run();
    menu(&mut h, "View", "Transactions");
    h.get_by_label_contains("Transactions — ");

    // Record payment: menu and Ctrl+R open the same form.
    menu(&mut h, "Edit", "Record payment…");
    h.get_by_role_and_label(Role::TextInput, "Amount");
    click(&mut h, "Cancel");
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Amount");
}

#[test]
fn zoom_from_the_keyboard_is_kept_as_the_setting() {
    let mut t = temp_wallet(Vault::memory());
    add_alipay(&mut t.wallet);
    let mut h = harness(t.wallet);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    h.run();
    assert_eq!(h.state().wallet().settings().zoom_percent, 110);
    assert!((h.ctx.zoom_factor() - 1.1).abs() < 0.001);
    menu(&mut h, "View", "Actual size");
    h.run();
    assert_eq!(h.state().wallet().settings().zoom_percent, 100);
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 0.001);
}

#[test]
fn a_setting_changed_in_the_window_is_what_the_cli_reads() {
    let mut t = temp_wallet(Vault::memory());
    add_alipay(&mut t.wallet);
    let db = t.path();
    let mut h = harness(t.wallet);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    h.run();
    h.get_by_label("Settings");

    // A new zone: what it changes is shown before anything is saved.
    type_into(&mut h, "Find a zone", "Tokyo");
    h.get_by_label("Asia/Tokyo").click();
    h.run();
    h.run();
    h.get_by_label_contains("Times will show in Asia/Tokyo");
    let before = ok(&walletdesk(&db, &["setting", "show", "--json"], None));
    assert!(
        before.contains("\"time-zone\":\"Asia/Shanghai\""),
        "{before}"
    );

    let field = "Automatic backups kept";
    h.get_by_role_and_label(Role::TextInput, field).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, field)
        .type_text("7");
    h.run();
    h.get_by_label("Dark").click();
    h.run();
    click(&mut h, "Save 3 changes");
    h.get_by_label_contains("Times now show in Asia/Tokyo");

    let after: serde_json::Value =
        serde_json::from_str(&ok(&walletdesk(&db, &["setting", "show", "--json"], None))).unwrap();
    assert_eq!(after["time-zone"], "Asia/Tokyo");
    assert_eq!(after["backups-kept"], 7);
    assert_eq!(after["theme"], "dark");
}

#[test]
fn a_bad_setting_is_refused_naming_it_and_nothing_is_saved() {
    let mut t = temp_wallet(Vault::memory());
    add_alipay(&mut t.wallet);
    let mut h = harness(t.wallet);
    h.run();
    menu(&mut h, "File", "Settings…");
    let field = "Show a revealed or copied number for (seconds)";
    h.get_by_role_and_label(Role::TextInput, field).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, field)
        .type_text("2");
    h.run();
    h.get_by_label("Light").click();
    h.run();
    click(&mut h, "Save 2 changes");
    h.get_by_label_contains("reveal-seconds: \"2\" is not a whole number from 5 to 600");
    let s = h.state().wallet().settings();
    assert_eq!(s.reveal_seconds, 30);
    assert_eq!(
        s.theme.key(),
        "system",
        "all or nothing: the theme was not saved either"
    );
}

#[test]
fn the_theme_switch_changes_the_colours_and_both_stay_readable() {
    let mut t = temp_wallet(Vault::memory());
    add_alipay(&mut t.wallet);
    let mut h = harness(t.wallet);
    h.run();
    let mut badges = Vec::new();
    for (name, dark) in [("Dark", true), ("Light", false)] {
        h.get_by_role_and_label(Role::Button, "View").click();
        h.run();
        h.get_by_label("Theme").hover();
        h.run();
        h.get_by_label(name).click();
        h.run();
        h.run();
        let visuals = h.ctx.global_style().visuals.clone();
        assert_eq!(visuals.dark_mode, dark, "{name}");
        assert_eq!(
            h.state().wallet().settings().theme.key(),
            name.to_lowercase()
        );
        let p = Palette::of(&visuals);
        for tone in Tone::ALL {
            let (fill, text) = p.badge(tone);
            assert!(contrast(fill, text) >= 4.5, "{name} {tone:?} badge");
            assert!(
                contrast(p.text(tone), visuals.panel_fill) >= 4.5,
                "{name} {tone:?} text"
            );
        }
        badges.push(p.badge(Tone::Error));
    }
    assert_ne!(badges[0], badges[1], "the verdict badges differ per theme");
}

/// eframe's storage, in memory.
#[derive(Default)]
struct Stored(HashMap<String, String>);

impl eframe::Storage for Stored {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn the_view_account_and_filter_are_restored_on_a_second_start_and_no_secret_is_stored() {
    let mut t = temp_wallet(Vault::memory());
    add_alipay(&mut t.wallet);
    let second = t
        .wallet
        .add_account(&walletdesk::domain::AccountDraft {
            label: "Second".into(),
            ..common::alipay()
        })
        .unwrap();
    let number = "4111111111111111";
    t.wallet.add_card(second, &common::card(number)).unwrap();
    let path = t.path();
    let mut storage = Stored::default();
    {
        let mut h = harness(t.wallet);
        h.run();
        h.get_by_label("Second").click();
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
        h.run();
        type_into(&mut h, "Search", "coffee");
        eframe::App::save(h.state_mut(), &mut storage);
    }
    let saved: String = storage.0.values().cloned().collect();
    assert!(saved.contains("coffee"), "{saved}");
    assert!(
        !saved.contains(number) && !saved.contains("1111"),
        "{saved}"
    );

    let wallet = walletdesk::Wallet::open(&path, Vault::memory(), common::clock()).unwrap();
    let mut b = Harness::builder().with_size(egui::vec2(1100.0, 720.0));
    if walletdesk::ui::cjk_font_name().is_none() {
        b = b.allow_missing_glyphs();
    }
    let mut h = b.build_eframe(move |cc| {
        walletdesk::ui::setup(&cc.egui_ctx);
        WalletApp::new(wallet)
            .without_system_clipboard()
            .restored_from(Some(&storage))
    });
    h.run();
    h.get_by_label_contains("Transactions — Second");
    let search = h.get_by_role_and_label(Role::TextInput, "Search");
    assert_eq!(search.value().as_deref(), Some("coffee"));
    h.get_by_label_contains("No payment matches these filters");
}

#[test]
fn check_a_card_works_before_any_account_exists_and_stores_nothing() {
    let t = temp_wallet(Vault::memory());
    let mut h = harness(t.wallet);
    h.run();
    click(&mut h, "Check a card…");
    type_into(&mut h, "Card number", "3530 1113 3330 0000");
    h.run();
    for provider in ["Alipay", "WeChat Pay", "Alibaba Cloud"] {
        assert!(
            h.query_all_by_label(provider).count() >= 1,
            "{provider} judged"
        );
    }
    click(&mut h, "Close");
    let w = h.state().wallet();
    assert!(w.accounts().unwrap().is_empty(), "no account was made");
}

#[test]
fn the_empty_transactions_view_says_how_to_bring_payments_in() {
    let mut t = temp_wallet(Vault::memory());
    add_alipay(&mut t.wallet);
    let mut h = harness(t.wallet);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run();
    h.get_by_label("No payments yet");
    h.get_by_label_contains("drop the bill");
    h.get_by_label_contains("Import an Alipay or WeChat Pay bill…")
        .click();
    h.run();
    h.get_by_label_contains("Import payments");
}

#[test]
fn about_says_where_everything_lives() {
    let mut t = temp_wallet(Vault::memory());
    add_alipay(&mut t.wallet);
    let db = t.path();
    let mut h = harness(t.wallet);
    h.run();
    menu(&mut h, "Help", "About walletdesk");
    h.get_by_label_contains(&format!("walletdesk {}", env!("CARGO_PKG_VERSION")));
    // In the status bar and in About.
    assert_eq!(h.query_all_by_label(&db.display().to_string()).count(), 2);
    h.get_by_label("MIT OR Apache-2.0");
    assert_eq!(h.query_all_by_label_contains("in-memory").count(), 2);
    assert!(h.query_all_by_label("Open folder").count() >= 2);
}
