//! Accounts and methods in the window, as a new user tripped over them: edit
//! and remove an account, links that can never work, "Add anyway?", the
//! removal planner, and the details panel.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use common::gui::{click, harness, is_disabled, type_into};
use common::{add_alipay, card, temp_wallet};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use walletdesk::Wallet;
use walletdesk::domain::{AccountDraft, AccountId, MethodStatus, PaypalDraft};
use walletdesk::vault::Vault;

use eframe::egui;

fn cloud(w: &mut Wallet, label: &str, region: &str) -> AccountId {
    w.add_account(&AccountDraft {
        provider: "alibaba-cloud".into(),
        label: label.into(),
        region: region.into(),
        tier: "verified".into(),
        holder: "JOHN SMITH".into(),
        ..Default::default()
    })
    .unwrap()
}

fn paypal(email: &str) -> PaypalDraft {
    PaypalDraft {
        email: email.into(),
        country: "US".into(),
        status: "active".into(),
        ..PaypalDraft::default()
    }
}

#[test]
fn edit_account_makes_it_verified_and_the_verdicts_follow() {
    let mut t = temp_wallet(Vault::memory());
    let a = t
        .wallet
        .add_account(&AccountDraft {
            provider: "alipay".into(),
            label: "支付宝".into(),
            holder: "JOHN SMITH".into(),
            passport_expiry: "2030-05-01".into(),
            ..AccountDraft::default()
        })
        .unwrap();
    // A1: not real-name verified, so the card will fail; it is added anyway.
    let mut c = card("4111111111111111");
    c.issuer_country = "HK".into();
    let m = t.wallet.add_card_anyway(a, &c).unwrap();
    let mut h = harness(t.wallet);
    h.run();
    assert!(h.query_all_by_label("Unverified").count() >= 1);

    click(&mut h, "Edit account…");
    h.get_by_label("Edit account");
    h.get_by_label("Verified").click();
    h.run();
    click(&mut h, "Save changes");

    let w = h.state().wallet();
    assert_eq!(w.account(a).unwrap().tier.id(), "verified");
    let verdict = w.verdict(&w.method(m).unwrap()).unwrap();
    assert_ne!(verdict, Some(walletdesk::domain::risk::Level::Block));
    assert!(h.query_by_label("Edit account").is_none(), "dialog closed");
    assert!(h.query_by_label("Unverified").is_none());
    h.get_by_label_contains("Saved 支付宝");
}

#[test]
fn remove_account_is_refused_while_it_has_a_live_method_and_offers_the_way_through() {
    let mut t = temp_wallet(Vault::memory());
    let first = cloud(&mut t.wallet, "Cloud old", "US");
    let a = add_alipay(&mut t.wallet);
    t.wallet.add_card(first, &card("5555555555554444")).unwrap();
    let mut h = harness(t.wallet);
    h.run();
    // The first account is selected: it has a live card.
    click(&mut h, "Remove account…");
    h.get_by_label("Not yet");
    h.get_by_label_contains("Cloud old still has a live method: remove it first");
    assert!(h.query_by_label("Remove account").is_none());
    // The way through: remove the card, from here.
    click(&mut h, "Remove Mastercard •••• 4444…");
    click(&mut h, "Remove");
    assert!(h.state().wallet().methods(first, false).unwrap().is_empty());

    click(&mut h, "Remove account…");
    h.get_by_label_contains("will be archived");
    click(&mut h, "Remove account");
    let w = h.state().wallet();
    assert!(w.account(first).unwrap().archived_at.is_some());
    assert!(w.account(a).unwrap().archived_at.is_none());
    assert!(
        h.query_by_label("Cloud old").is_none(),
        "a removed account leaves the list"
    );
    // Show archived brings it back into view, and Restore into the list.
    h.get_by_label("Show archived").click();
    h.run();
    h.get_by_label("Cloud old").click();
    h.run();
    click(&mut h, "Restore account");
    assert!(
        h.state()
            .wallet()
            .account(first)
            .unwrap()
            .archived_at
            .is_none()
    );
}

#[test]
fn paypal_on_alipay_is_refused_and_the_dialog_says_so_while_typing() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    let mut h = harness(t.wallet);
    h.run();
    click(&mut h, "Link PayPal…");
    h.get_by_label_contains("Type the country it is registered in");
    type_into(&mut h, "Email", "me@example.com");
    type_into(&mut h, "Country", "US");
    // The live verdict, before anything is pressed.
    h.get_by_label("Alipay does not take this kind of method");
    click(&mut h, "Link PayPal");
    h.get_by_label_contains("K1: Alipay does not take this kind of method");
    assert!(h.query_by_label("Link anyway").is_none(), "no way round K1");
    assert!(h.state().wallet().methods(a, true).unwrap().is_empty());
}

#[test]
fn paypal_on_an_eu_cloud_account_shows_the_verdict_and_asks_link_anyway() {
    let mut t = temp_wallet(Vault::memory());
    let a = cloud(&mut t.wallet, "Cloud EU", "EU");
    let mut h = harness(t.wallet);
    h.run();
    click(&mut h, "Link PayPal…");
    type_into(&mut h, "Email", "me@example.com");
    type_into(&mut h, "Country", "US");
    h.get_by_label_contains("cannot pay with PayPal");
    assert!(h.query_all_by_label("will fail").count() >= 1);
    click(&mut h, "Link PayPal");
    h.get_by_label("Link anyway?");
    h.get_by_label("Rule AC4");
    assert!(h.state().wallet().methods(a, true).unwrap().is_empty());
    // Back keeps the form; Link anyway links it.
    click(&mut h, "Back");
    assert!(h.query_by_label("Link anyway?").is_none());
    click(&mut h, "Link PayPal");
    click(&mut h, "Link anyway");
    assert_eq!(h.state().wallet().methods(a, true).unwrap().len(), 1);
}

#[test]
fn a_jcb_on_a_us_cloud_account_asks_add_anyway_naming_ac4() {
    let mut t = temp_wallet(Vault::memory());
    let a = cloud(&mut t.wallet, "Cloud US", "US");
    let mut h = harness(t.wallet);
    h.run();
    click(&mut h, "Add card…");
    type_into(&mut h, "Card number", "3530 1113 3330 0000");
    type_into(&mut h, "Expiry", "12/29");
    type_into(&mut h, "Cardholder", "JOHN SMITH");
    assert!(!is_disabled(&h, "Add card"));
    click(&mut h, "Add card");
    h.get_by_label("Add anyway?");
    h.get_by_label("Rule AC4");
    h.get_by_label_contains("will fail on Alibaba Cloud");
    assert!(h.state().wallet().methods(a, true).unwrap().is_empty());
    click(&mut h, "Add anyway");
    let methods = h.state().wallet().methods(a, true).unwrap();
    assert_eq!(methods.len(), 1);
    h.get_by_label("•••• 0000");
}

#[test]
fn the_removal_plan_changes_nothing_until_it_is_confirmed() {
    let mut t = temp_wallet(Vault::memory());
    let a = cloud(&mut t.wallet, "Cloud US", "US");
    let mut visa = card("4111111111111111");
    visa.status = "active".into();
    let v = t.wallet.add_card(a, &visa).unwrap();
    let p = t.wallet.add_paypal(a, &paypal("me@example.com")).unwrap();
    let mut h = harness(t.wallet);
    h.run();
    h.get_all_by_label("Remove…").next().unwrap().click();
    h.run();
    h.get_by_label("Not yet");
    h.get_by_label("Rule L3");
    let plan = "Set PayPal me@example.com as default, then remove Visa •••• 1111…";
    click(&mut h, plan);
    // Shown, not done.
    h.get_by_label("PayPal me@example.com becomes the default");
    let w = h.state().wallet();
    assert!(w.method(v).unwrap().is_default, "nothing changed yet");
    assert!(!w.method(p).unwrap().is_default);
    click(&mut h, "Cancel");
    let w = h.state().wallet();
    assert!(
        w.method(v).unwrap().is_default,
        "Cancel leaves it as it was"
    );
    assert_eq!(w.method(v).unwrap().status, MethodStatus::Active);

    // Again, confirmed: both steps at once.
    h.get_all_by_label("Remove…").next().unwrap().click();
    h.run();
    click(&mut h, plan);
    click(&mut h, "Remove");
    let w = h.state().wallet();
    assert_eq!(w.method(v).unwrap().status, MethodStatus::Removed);
    assert!(w.method(p).unwrap().is_default);
}

#[test]
fn the_details_panel_closes_when_another_account_is_added_or_selected() {
    let mut t = temp_wallet(Vault::memory());
    let a = cloud(&mut t.wallet, "Cloud US", "US");
    t.wallet.add_paypal(a, &paypal("me@example.com")).unwrap();
    let mut h = harness(t.wallet);
    h.run();
    // Open the details of the PayPal account (its verdict badge).
    h.get_by_role_and_label(Role::Button, "binds").click();
    h.run();
    h.get_by_label("Attempts to bind it to Alibaba Cloud");

    // Add another account: the details of the first one's PayPal go.
    click(&mut h, "Add account…");
    type_into(&mut h, "Label", "支付宝 new");
    click(&mut h, "Add account");
    h.get_by_label_contains("No cards or PayPal accounts are linked to 支付宝 new");
    assert!(
        h.query_by_label("Attempts to bind it to Alibaba Cloud")
            .is_none(),
        "no details of another account's method"
    );
    assert!(h.query_by_label("PayPal me@example.com").is_none());

    // Back on the first account, open them, then switch: gone again.
    h.get_by_label("Cloud US").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "binds").click();
    h.run();
    h.get_by_label("Attempts to bind it to Alibaba Cloud");
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert!(
        h.query_by_label("Attempts to bind it to Alibaba Cloud")
            .is_none()
    );
}

#[test]
fn with_every_account_removed_the_window_offers_to_show_them_not_the_first_run_page() {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    let mut h = harness(t.wallet);
    h.run();
    click(&mut h, "Remove account…");
    click(&mut h, "Remove account");
    h.get_by_label("1 account was removed; no account is in use");
    assert!(
        h.query_by_label("Load demo data").is_none(),
        "not the first-run page: the database is not empty"
    );
    click(&mut h, "Show removed accounts");
    click(&mut h, "Restore account");
    assert!(h.state().wallet().account(a).unwrap().archived_at.is_none());
}
