//! The real app driven through egui_kittest's AccessKit queries, on a temporary
//! database and the mock secret store: what the user sees, and what the database holds.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use common::gui::{harness, is_disabled, type_into};

use common::{add_alipay, card, temp_wallet};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use walletdesk::Wallet;
use walletdesk::ui::WalletApp;
use walletdesk::vault::Vault;

use eframe::egui;

/// Open "Add card…" and type the number, expiry and cardholder.
fn fill_card_dialog(h: &mut Harness<'_, WalletApp>, number: &str, expiry: &str, holder: &str) {
    h.get_by_label("Add card…").click();
    h.run();
    type_into(h, "Card number", number);
    type_into(h, "Expiry", expiry);
    type_into(h, "Cardholder", holder);
}

#[test]
fn first_run_offers_to_add_an_account_and_the_dialog_adds_it() {
    let t = temp_wallet(Vault::memory());
    let mut h = harness(t.wallet);
    h.run();
    h.get_by_label_contains("Keep your linked cards");
    h.get_by_label("Load demo data");
    h.get_by_label("Add your first account…").click();
    h.run();

    assert!(is_disabled(&h, "Add account"), "nothing typed yet");
    type_into(&mut h, "Label", "My 支付宝");
    type_into(&mut h, "Holder name", "JOHN SMITH");
    h.get_by_label("Verified").click();
    h.run();
    assert!(!is_disabled(&h, "Add account"));
    h.get_by_role_and_label(Role::Button, "Add account").click();
    h.run();

    let accounts = h.state().wallet().accounts().unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].label, "My 支付宝");
    assert_eq!(accounts[0].holder.as_deref(), Some("JOHN SMITH"));
    assert_eq!(accounts[0].tier.id(), "verified");
    assert!(
        h.query_all_by_label("My 支付宝").count() >= 1,
        "shown in the window"
    );
    h.get_by_label_contains("No cards or PayPal accounts are linked");
}

#[test]
fn alibaba_cloud_needs_a_region_before_add_is_enabled() {
    let t = temp_wallet(Vault::memory());
    let mut h = harness(t.wallet);
    h.run();
    h.get_by_label("Add account…").click();
    h.run();
    h.get_by_label("Alibaba Cloud").click();
    h.run();
    type_into(&mut h, "Label", "Cloud");
    assert!(is_disabled(&h, "Add account"));
    h.get_by_label_contains("region: required for Alibaba Cloud");
    h.get_by_label("EU").click();
    h.run();
    assert!(!is_disabled(&h, "Add account"));
}

#[test]
fn typing_a_card_number_adds_the_card_and_the_table_shows_it_masked() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    let mut h = harness(t.wallet);
    h.run();
    h.get_by_label("Add card…").click();
    h.run();

    type_into(&mut h, "Card number", "4111 1111 1111 1111");
    h.get_by_label("Network: Visa");
    assert!(
        is_disabled(&h, "Add card"),
        "expiry and holder still missing"
    );
    type_into(&mut h, "Expiry", "09/28");
    type_into(&mut h, "Cardholder", "JOHN SMITH");
    assert!(!is_disabled(&h, "Add card"));
    h.get_by_role_and_label(Role::Button, "Add card").click();
    h.run();

    h.get_by_label("•••• 1111");
    h.get_by_label("★");
    assert!(
        h.query_by_label("4111 1111 1111 1111").is_none(),
        "not shown in full"
    );
    let methods = h.state().wallet().methods(a, false).unwrap();
    assert_eq!(methods.len(), 1);
    assert_eq!(methods[0].card().unwrap().last4, "1111");
    assert!(methods[0].is_default);
}

#[test]
fn an_invalid_number_keeps_add_disabled_and_says_why() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    let mut h = harness(t.wallet);
    h.run();
    fill_card_dialog(&mut h, "4111 1111 1111 1112", "09/28", "JOHN SMITH");
    assert!(is_disabled(&h, "Add card"));
    assert!(h.query_all_by_label_contains("Luhn").count() >= 1);
    // Enter does not submit an invalid form either.
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.state().wallet().methods(a, true).unwrap().is_empty());
    // Escape closes the dialog, nothing added.
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        h.query_by_role_and_label(Role::TextInput, "Card number")
            .is_none()
    );
    assert!(h.state().wallet().methods(a, true).unwrap().is_empty());
}

#[test]
fn an_expired_card_is_refused_inline() {
    let mut t = temp_wallet(Vault::memory());
    add_alipay(&mut t.wallet);
    let mut h = harness(t.wallet);
    h.run();
    fill_card_dialog(&mut h, "5555 5555 5555 4444", "10/26", "JOHN SMITH");
    assert!(is_disabled(&h, "Add card"));
    assert!(
        h.query_all_by_label_contains("expired at the end of 10/26")
            .count()
            >= 1
    );
}

#[test]
fn a_duplicate_card_is_refused_in_the_dialog_with_nothing_lost() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    t.wallet.add_card(a, &card("4111111111111111")).unwrap();
    let mut h = harness(t.wallet);
    h.run();
    fill_card_dialog(&mut h, "4111111111111111", "09/28", "JOHN SMITH");
    h.get_by_role_and_label(Role::Button, "Add card").click();
    h.run();
    assert!(h.query_all_by_label_contains("already linked").count() >= 1);
    // The dialog is still open with what was typed.
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Cardholder")
            .value()
            .as_deref(),
        Some("JOHN SMITH")
    );
    assert_eq!(h.state().wallet().methods(a, true).unwrap().len(), 1);
}

#[test]
fn reveal_shows_the_full_number_and_copy_puts_it_on_the_clipboard() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    t.wallet.add_card(a, &card("4111111111111111")).unwrap();
    let mut h = harness(t.wallet);
    h.run();
    h.get_by_label("Reveal").click();
    h.run();
    h.get_by_label("4111 1111 1111 1111");
    h.get_by_label_contains("hides in");
    h.get_by_label("Hide").click();
    h.run();
    assert!(h.query_by_label("4111 1111 1111 1111").is_none());
    h.get_by_label("•••• 1111");

    h.get_by_label("Copy").click();
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .any(|c| matches!(c, egui::OutputCommand::CopyText(s) if s == "4111111111111111"));
    assert!(copied, "{:?}", h.output().platform_output.commands);
    h.run();
    h.get_by_label_contains("clipboard is cleared in 30 seconds");
}

/// Tell the app the window's focus and minimised state, as eframe does.
fn set_window(h: &mut Harness<'_, WalletApp>, focused: bool, minimized: bool) {
    let input = h.input_mut();
    input.focused = focused;
    let root = input.viewports.get_mut(&egui::ViewportId::ROOT).unwrap();
    root.focused = Some(focused);
    root.minimized = Some(minimized);
    h.event(egui::Event::WindowFocused(focused));
    h.run();
}

#[test]
fn a_revealed_number_is_masked_when_the_window_loses_focus_or_is_minimised() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    t.wallet.add_card(a, &card("4111111111111111")).unwrap();
    let mut h = harness(t.wallet);
    // A window that never had focus (a bare X server) still shows what was asked for.
    set_window(&mut h, false, false);
    h.get_by_label("Reveal").click();
    h.run();
    h.get_by_label("4111 1111 1111 1111");
    h.get_by_label("Hide").click();
    h.run();

    set_window(&mut h, true, false);
    h.get_by_label("Reveal").click();
    h.run();
    h.get_by_label("4111 1111 1111 1111");
    set_window(&mut h, false, false);
    assert!(h.query_by_label("4111 1111 1111 1111").is_none());
    h.get_by_label("•••• 1111");

    set_window(&mut h, true, false);
    h.get_by_label("Reveal").click();
    h.run();
    h.get_by_label("4111 1111 1111 1111");
    set_window(&mut h, true, true);
    set_window(&mut h, true, false);
    assert!(h.query_by_label("4111 1111 1111 1111").is_none());
    h.get_by_label("•••• 1111");
}

#[test]
fn without_a_secret_store_the_window_lists_data_but_cannot_add_cards() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    t.wallet.add_card(a, &card("4111111111111111")).unwrap();
    let path = t.path();
    drop(t.wallet);
    let wallet = Wallet::open(
        &path,
        Vault::unavailable("Failed to connect to the D-Bus session bus"),
        common::clock(),
    )
    .unwrap();
    let mut h = harness(wallet);
    h.run();
    h.get_by_label_contains("No secret store");
    h.get_by_label_contains("gnome-keyring");
    h.get_by_label("•••• 1111");
    assert!(is_disabled(&h, "Add card…"));
    assert!(is_disabled(&h, "Reveal"));
    // PayPal needs no secret store.
    assert!(!is_disabled(&h, "Link PayPal…"));
    drop(t.dir);
}

#[test]
fn load_demo_data_from_the_empty_state() {
    let t = temp_wallet(Vault::memory());
    let mut h = harness(t.wallet);
    h.run();
    h.get_by_label("Load demo data").click();
    h.run();
    assert_eq!(h.state().wallet().accounts().unwrap().len(), 4);
    assert!(h.query_all_by_label_contains("WeChat Pay 微信支付").count() >= 1);
    // Keyboard: arrow down selects the next account.
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.get_by_label("•••• 0005");
}

#[test]
fn link_paypal_from_the_window() {
    let mut t = temp_wallet(Vault::memory());
    // Alibaba Cloud takes PayPal (Alipay does not: K1, see gui_accounts.rs).
    let a = us_cloud(&mut t.wallet);
    let mut h = harness(t.wallet);
    h.run();
    h.get_by_label("Link PayPal…").click();
    h.run();
    type_into(&mut h, "Email", "me@example");
    assert!(is_disabled(&h, "Link PayPal"));
    type_into(&mut h, "Email", ".com");
    type_into(&mut h, "Country", "US");
    h.get_by_role_and_label(Role::Button, "Link PayPal").click();
    h.run();
    h.get_by_label("me@example.com");
    assert_eq!(h.state().wallet().methods(a, false).unwrap().len(), 1);
}

#[test]
fn the_card_dialog_is_usable_from_the_keyboard_alone() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    let mut h = harness(t.wallet);
    h.run();
    // Ctrl+N opens "Add card…" with the number field focused: typing goes there.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Card number")
            .is_focused()
    );
    h.get_by_role_and_label(Role::TextInput, "Card number")
        .type_text("5555 5555 5555 4444");
    h.run();
    type_into(&mut h, "Expiry", "12/30");
    type_into(&mut h, "Cardholder", "JOHN SMITH");
    // Enter submits a valid form.
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("•••• 4444");
    assert_eq!(h.state().wallet().methods(a, false).unwrap().len(), 1);
}

#[test]
fn a_keyring_failure_is_shown_in_the_dialog_and_nothing_is_saved() {
    let vault = Vault::with_store(keyring_core::mock::Store::new().unwrap(), "mock");
    let mut t = temp_wallet(vault);
    let a = add_alipay(&mut t.wallet);
    let key =
        walletdesk::vault::method_key(t.wallet.database_id(), walletdesk::domain::MethodId(1));
    let entry = t.wallet.vault().raw_entry(&key).unwrap();
    let cred: &keyring_core::mock::Cred = entry.as_any().downcast_ref().unwrap();
    cred.set_error(keyring_core::Error::NoStorageAccess(
        "the login keyring is locked".into(),
    ));

    let mut h = harness(t.wallet);
    h.run();
    fill_card_dialog(&mut h, "4111 1111 1111 1111", "09/28", "JOHN SMITH");
    h.get_by_role_and_label(Role::Button, "Add card").click();
    h.run();
    assert!(
        h.query_all_by_label_contains("login keyring is locked")
            .count()
            >= 1
    );
    assert!(h.state().wallet().methods(a, true).unwrap().is_empty());
    // Still open, still filled in: pressing Add again succeeds now the store answers.
    h.get_by_role_and_label(Role::Button, "Add card").click();
    h.run();
    h.get_by_label("•••• 1111");
    assert_eq!(h.state().wallet().methods(a, true).unwrap().len(), 1);
}

fn us_cloud(w: &mut Wallet) -> walletdesk::domain::AccountId {
    w.add_account(&walletdesk::domain::AccountDraft {
        provider: "alibaba-cloud".into(),
        label: "Cloud US".into(),
        region: "US".into(),
        tier: "verified".into(),
        holder: "JOHN SMITH".into(),
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn typing_a_jcb_number_for_a_us_cloud_account_shows_ac4_before_adding() {
    let mut t = temp_wallet(Vault::memory());
    let a = us_cloud(&mut t.wallet);
    let mut h = harness(t.wallet);
    h.run();
    h.get_by_label("Add card…").click();
    h.run();
    h.get_by_label_contains("Type the card number to see whether it will bind");
    type_into(&mut h, "Card number", "3530 1113 3330 0000");
    // The verdict is there while typing, before Add is pressed.
    h.get_by_label_contains("do not accept JCB cards");
    h.get_by_label_contains("Use a Visa, Mastercard or American Express card instead");
    h.get_by_label("AC4");
    assert!(h.query_all_by_label("will fail").count() >= 1);
    assert!(
        h.query_all_by_label_contains("003_0647db2b27c843d7.txt")
            .count()
            >= 1
    );
    // The other providers in one row.
    h.get_by_label("WeChat Pay:");
    h.get_by_label("Alipay HK:");
    // A Visa instead: the AC4 block goes away.
    h.get_by_role_and_label(Role::TextInput, "Card number")
        .focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, "Card number")
        .type_text("4111 1111 1111 1111");
    h.run();
    assert!(h.query_by_label("AC4").is_none());
    assert!(
        h.state().wallet().methods(a, true).unwrap().is_empty(),
        "nothing added by looking"
    );
}

#[test]
fn the_matrix_shows_one_cell_per_method_and_provider_and_explains_a_cell() {
    let t = temp_wallet(Vault::memory());
    let mut h = harness(t.wallet);
    h.run();
    h.get_by_label("Load demo data").click();
    h.run();
    h.get_by_label("Will it bind?").click();
    h.run();
    let methods = h.state().wallet().matrix().unwrap().len();
    assert_eq!(methods, 7);
    let cells = [
        "binds",
        "binds, with a note",
        "may fail",
        "likely to fail",
        "will fail",
        "n/a",
    ]
    .iter()
    .map(|l| h.query_all_by_label(l).count())
    .sum::<usize>();
    assert_eq!(cells, methods * 4);
    h.get_by_label("Select a cell to see its flags");
    // The JCB on the US cloud account, Alibaba Cloud column: AC4.
    h.get_all_by_label("will fail").nth(3).unwrap().click();
    h.run();
    assert!(h.query_by_label("Select a cell to see its flags").is_none());
}

#[test]
fn three_failed_attempts_recorded_in_the_window_raise_a4() {
    let mut t = temp_wallet(Vault::memory());
    let a = us_cloud(&mut t.wallet);
    let mut c = card("4111111111111111");
    c.intl = "yes".into();
    c.three_ds = "yes".into();
    c.balance_ok = "yes".into();
    let m = t.wallet.add_card(a, &c).unwrap();
    let mut h = harness(t.wallet);
    h.run();
    h.get_by_label("binds").click();
    h.run();
    h.get_by_label("None recorded");
    for i in 0..3 {
        type_into(&mut h, "Error shown", "card not supported");
        h.get_by_label("Record attempt").click();
        h.run();
        assert_eq!(h.state().wallet().attempts(m).unwrap().len(), i + 1);
    }
    h.get_by_label("A4");
    h.get_by_label_contains("3 failed attempts");
    assert!(
        h.query_all_by_label("likely to fail").count() >= 1,
        "the table's badge changed too"
    );
}

fn two_active_cards(
    w: &mut Wallet,
) -> (
    walletdesk::domain::AccountId,
    walletdesk::domain::MethodId,
    walletdesk::domain::MethodId,
) {
    let a = add_alipay(w);
    let mut c1 = card("4111111111111111");
    c1.status = "active".into();
    let d = w.add_card(a, &c1).unwrap();
    let mut c2 = card("5555555555554444");
    c2.status = "active".into();
    let other = w.add_card(a, &c2).unwrap();
    (a, d, other)
}

#[test]
fn removing_the_default_is_refused_with_l3_and_the_plan_makes_it_possible_in_two_clicks() {
    let mut t = temp_wallet(Vault::memory());
    let (a, d, other) = two_active_cards(&mut t.wallet);
    let mut h = harness(t.wallet);
    h.run();
    // Remove… on the default (the first row).
    h.get_all_by_label("Remove…").next().unwrap().click();
    h.run();
    h.get_by_label("Not yet");
    h.get_by_label("Rule L3");
    h.get_by_label_contains("is the default and the account has other methods");
    // Click 1: the plan's button. Nothing changes before the confirmation
    // (issue 11: the planner used to make the other card the default at once).
    h.get_by_label("Set Mastercard •••• 4444 as default, then remove Visa •••• 1111…")
        .click();
    h.run();
    assert!(!h.state().wallet().method(other).unwrap().is_default);
    h.get_by_label("Mastercard •••• 4444 becomes the default");
    h.get_by_label("This cannot be undone");
    // Click 2: remove.
    h.get_by_role_and_label(Role::Button, "Remove").click();
    h.run();
    let m = h.state().wallet().method(d).unwrap();
    assert_eq!(m.status, walletdesk::domain::MethodStatus::Removed);
    assert!(h.state().wallet().method(other).unwrap().is_default);
    assert!(
        h.query_by_label("•••• 1111").is_none(),
        "archived rows are hidden"
    );
    assert_eq!(h.state().wallet().methods(a, false).unwrap().len(), 1);
    // "Show archived" brings it back, marked Removed.
    h.get_by_label("Show archived").click();
    h.run();
    h.get_by_label("•••• 1111");
    h.get_by_label("Removed");
}

#[test]
fn make_default_is_disabled_with_the_rule_for_a_pending_method_and_delete_starts_remove() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    let mut c = card("4111111111111111");
    c.status = "active".into();
    t.wallet.add_card(a, &c).unwrap();
    let pending = t.wallet.add_card(a, &card("5555555555554444")).unwrap();
    let mut h = harness(t.wallet);
    h.run();
    assert!(
        is_disabled(&h, "Make default"),
        "L2: the pending card cannot be made default"
    );
    // Select the pending card (its Binding badge), mark it verified: Make default is enabled.
    h.get_all_by_label("likely to fail").nth(1).unwrap().click();
    h.run();
    h.get_by_label("Mark verified").click();
    h.run();
    assert!(!is_disabled(&h, "Make default"));
    h.get_by_label("Make default").click();
    h.run();
    assert!(h.state().wallet().method(pending).unwrap().is_default);
    // Delete on the selected method opens "Remove…".
    h.key_press(egui::Key::Delete);
    h.run();
    h.get_by_label("Remove Mastercard •••• 4444");
}

#[test]
fn the_expiry_reminder_appears_when_the_clock_passes_into_the_expiry_month() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    let mut c = card("4111111111111111");
    c.expiry = "03/27".into();
    t.wallet.add_card(a, &c).unwrap();
    let mut h = harness(t.wallet);
    h.run();
    assert!(
        h.query_by_label_contains("expire soon").is_none(),
        "03/27 is months away"
    );
    h.state_mut()
        .wallet_mut()
        .set_clock(walletdesk::Clock::Fixed(
            chrono::DateTime::parse_from_rfc3339("2027-03-02T09:00:00+08:00").unwrap(),
        ));
    h.run();
    h.get_by_label_contains("1 card expires soon");
    h.get_by_label_contains("this month");
    // And after the month it is marked expired, with the default warning (L6).
    h.state_mut()
        .wallet_mut()
        .set_clock(walletdesk::Clock::Fixed(
            chrono::DateTime::parse_from_rfc3339("2027-04-01T09:00:00+08:00").unwrap(),
        ));
    h.run();
    h.get_by_label("Expired");
    h.get_by_label_contains("The default Visa •••• 1111 is expired");
}

/// A verified Alipay account with a USD→CNY rate, the Limits view open.
fn limits_harness(
    prepare: impl FnOnce(&mut Wallet, walletdesk::domain::AccountId),
) -> (common::TempWallet, Harness<'static, WalletApp>) {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    t.wallet
        .set_rate("USD", "CNY", "7.2", "2026-01-01")
        .unwrap();
    prepare(&mut t.wallet, a);
    let w = Wallet::open(&t.path(), Vault::memory(), common::clock()).unwrap();
    let mut h = harness(w);
    h.run();
    h.get_by_label("Limits").click();
    h.run();
    (t, h)
}

#[test]
fn recording_a_payment_moves_the_bar() {
    let (_t, mut h) = limits_harness(|_, _| {});
    assert_eq!(
        h.query_all_by_label_contains("USD 0.00 of USD 84,000.00 used, USD 84,000.00 left")
            .count(),
        2,
        "personal expenses and goods"
    );
    h.get_by_label("Record payment…").click();
    h.run();
    type_into(&mut h, "Amount", "7200");
    type_into(&mut h, "Counterparty", "京东 JD.com");
    // The conversion it will be kept with is shown before saving.
    h.get_by_label_contains("= USD 1,000.00");
    h.get_by_role_and_label(Role::Button, "Record").click();
    h.run();
    h.get_by_label_contains("Recorded payment 1");
    h.get_by_label_contains("USD 1,000.00 of USD 84,000.00 used, USD 83,000.00 left");
    assert_eq!(
        h.query_all_by_label_contains("USD 0.00 of USD 84,000.00 used, USD 84,000.00 left")
            .count(),
        1,
        "personal expenses did not move: a goods payment"
    );
    let q = h
        .state()
        .wallet()
        .quota(walletdesk::domain::AccountId(1))
        .unwrap();
    let goods = q
        .statuses
        .iter()
        .find(|s| s.layer.key == "goods-year")
        .unwrap();
    assert_eq!(goods.used.to_string(), "1000.00");
}

#[test]
fn crossing_eighty_percent_shows_the_warning() {
    let (_t, mut h) = limits_harness(|w, a| {
        w.add_cap(
            a,
            &walletdesk::wallet::CapDraft {
                name: "Issuer daily".into(),
                window: "day".into(),
                currency: "USD".into(),
                amount: "100".into(),
                method: String::new(),
            },
        )
        .unwrap();
        w.add_txn(
            a,
            &walletdesk::domain::txn::TxnDraft {
                at: "2026-11-21T09:00:00+08:00".into(),
                amount: "79.99".into(),
                currency: "USD".into(),
                ty: "goods".into(),
                ..Default::default()
            },
        )
        .unwrap();
    });
    assert!(
        h.query_by_label_contains("Issuer daily: 79 % used")
            .is_none()
    );
    assert!(
        h.query_by_label_contains("% used").is_none(),
        "nothing near a limit yet"
    );
    h.get_by_label("Record payment…").click();
    h.run();
    type_into(&mut h, "Amount", "0.08");
    h.get_by_role_and_label(Role::Button, "Record").click();
    h.run();
    // USD 0.01 (CNY 0.08 at 7.2) brings it to USD 80.00: exactly 80 %.
    h.get_by_label_contains("Issuer daily: 80 % used");
}

#[test]
fn the_precheck_names_the_limit_a_too_large_payment_breaks() {
    let (_t, mut h) = limits_harness(|w, a| {
        let mut c = card("4111 1111 1111 1111");
        c.status = "active".into();
        w.add_card(a, &c).unwrap();
    });
    h.get_by_label("Check a payment…").click();
    h.run();
    type_into(&mut h, "Amount", "3000");
    h.get_by_label_contains("Goes through");
    h.get_by_label_contains("Pay with Visa •••• 1111");
    h.get_by_label_contains("Fee Q5: CNY 90.00");
    // CNY 300,000 = USD 41,666.67: over the USD 5,000 a payment of Q1 and Q3.
    type_into(&mut h, "Amount", "00");
    h.get_by_label_contains("Would be refused");
    // Words first, the rule id last (issue 11).
    h.get_by_label_contains("Breaks Verified account, per payment: USD 41,666.67");
    h.get_by_label_contains("Breaks Foreign nationals' FX quota, per payment");
}

#[test]
fn a_payment_is_deleted_only_after_confirmation() {
    let (_t, mut h) = limits_harness(|w, a| {
        for (at, cp) in [
            ("2026-11-20T10:00:00+08:00", "瑞幸咖啡"),
            ("2026-11-21T10:00:00+08:00", "DiDi"),
        ] {
            w.add_txn(
                a,
                &walletdesk::domain::txn::TxnDraft {
                    at: at.into(),
                    amount: "36.00".into(),
                    currency: "CNY".into(),
                    ty: "goods".into(),
                    counterparty: cp.into(),
                    ..Default::default()
                },
            )
            .unwrap();
        }
    });
    h.get_by_label("Transactions").click();
    h.run();
    h.get_by_label_contains("2 payments");
    // Newest first: DiDi's row holds the first Delete… button.
    h.query_all_by_label("Delete…").next().unwrap().click();
    h.run();
    h.get_by_label("Delete payment?");
    h.get_by_label_contains("CNY 36.00 to DiDi");
    h.get_by_label("Cancel").click();
    h.run();
    h.get_by_label_contains("2 payments");
    h.query_all_by_label("Delete…").next().unwrap().click();
    h.run();
    h.get_by_label("Delete payment").click();
    h.run();
    h.get_by_label_contains("1 payment totalling");
    h.get_by_label_contains("瑞幸咖啡");
    // The search filter narrows the list.
    type_into(&mut h, "Search", "DiDi");
    h.get_by_label_contains("0 payments");
}

#[test]
fn another_account_shows_its_whole_list_not_the_last_search() {
    let (_t, mut h) = limits_harness(|w, a| {
        let b = w
            .add_account(&walletdesk::domain::AccountDraft {
                label: "Second wallet".into(),
                ..common::alipay()
            })
            .unwrap();
        for (account, cp) in [(a, "DiDi"), (b, "瑞幸咖啡")] {
            w.add_txn(
                account,
                &walletdesk::domain::txn::TxnDraft {
                    at: "2026-11-20T10:00:00+08:00".into(),
                    amount: "36.00".into(),
                    currency: "CNY".into(),
                    ty: "goods".into(),
                    counterparty: cp.into(),
                    ..Default::default()
                },
            )
            .unwrap();
        }
    });
    h.get_by_label("Transactions").click();
    h.run();
    type_into(&mut h, "Search", "DiDi");
    h.get_by_label_contains("1 payment totalling");
    type_into(&mut h, "Search", "x");
    h.get_by_label_contains("0 payments");
    h.get_by_label("Second wallet").click();
    h.run();
    h.get_by_label_contains("瑞幸咖啡");
    h.get_by_label_contains("1 payment totalling");
}
