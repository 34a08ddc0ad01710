//! The Limits view and the dialogs, driven through egui_kittest's AccessKit
//! queries (issue 11): which accounts each figure adds up, the limit reached
//! first, bars that tell the truth at 0 % and far over 100 %, words instead of
//! rule ids, rates to a sensible precision, right-aligned figures, and dialogs
//! in which nothing moves while a person types or an error appears.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use common::gui::{harness_sized, type_into};

use common::{add_alipay, temp_wallet};
use eframe::egui;
use egui::accesskit::Role;
use egui::epaint::Shape;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use walletdesk::Wallet;
use walletdesk::domain::txn::TxnDraft;
use walletdesk::domain::{AccountDraft, AccountId};
use walletdesk::ui::WalletApp;
use walletdesk::vault::Vault;
use walletdesk::wallet::CapDraft;

/// Tall enough to show the whole Limits view.
fn harness(wallet: Wallet) -> Harness<'static, WalletApp> {
    harness_sized(wallet, egui::vec2(1200.0, 1500.0))
}

/// A payment of `amount` `currency` on the day before the tests' clock.
fn pay(w: &mut Wallet, a: AccountId, amount: &str, currency: &str) {
    w.add_txn(
        a,
        &TxnDraft {
            at: "2026-11-20T10:00:00+08:00".into(),
            amount: amount.into(),
            currency: currency.into(),
            ty: "goods".into(),
            ..Default::default()
        },
    )
    .unwrap();
}

fn wechat(w: &mut Wallet) -> AccountId {
    w.add_account(&AccountDraft {
        provider: "wechat-pay".into(),
        label: "WeChat".into(),
        ..common::alipay()
    })
    .unwrap()
}

/// A verified Alipay account (id 1) with a USD→CNY rate, the Limits view open.
fn limits_harness(
    prepare: impl FnOnce(&mut Wallet, AccountId),
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

/// Where the topmost widget named exactly `label` is.
fn top_rect(h: &Harness<'_, WalletApp>, label: &str) -> egui::Rect {
    h.query_all_by_label(label)
        .map(|n| n.rect())
        .min_by(|a, b| a.top().total_cmp(&b.top()))
        .unwrap_or_else(|| panic!("no {label:?}"))
}

fn button_rect(h: &Harness<'_, WalletApp>, label: &str) -> egui::Rect {
    h.get_by_role_and_label(Role::Button, label).rect()
}

/// Every filled rectangle painted in the last frame: (where, colour).
fn filled_rects(h: &Harness<'_, WalletApp>) -> Vec<(egui::Rect, egui::Color32)> {
    fn walk(s: &Shape, out: &mut Vec<(egui::Rect, egui::Color32)>) {
        match s {
            Shape::Vec(v) => v.iter().for_each(|s| walk(s, out)),
            Shape::Rect(r) => out.push((r.rect, r.fill)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for c in &h.output().shapes {
        walk(&c.shape, &mut out);
    }
    out
}

// ---- 1. the chart's legend ------------------------------------------------------

#[test]
fn the_chart_legend_sits_under_the_chart_and_covers_none_of_its_lines() {
    let (_t, h) = limits_harness(|w, a| pay(w, a, "3000", "USD"));
    let chart = h.get_by_label("Spending this year").rect();
    for entry in ["spent", "at this pace", "annual limit"] {
        let r = top_rect(&h, entry);
        assert!(
            !r.intersects(chart) && r.top() >= chart.bottom(),
            "{entry:?} at {r:?} is on the chart {chart:?}"
        );
    }
}

// ---- 2. which accounts each figure adds up --------------------------------------

#[test]
fn each_figure_says_which_accounts_it_adds_up() {
    let (_t, mut h) = limits_harness(|w, a| {
        pay(w, a, "16000", "USD");
        let b = wechat(w);
        pay(w, b, "26000", "USD");
        w.add_account(&AccountDraft {
            provider: "alipay-hk".into(),
            label: "HK wallet".into(),
            ..common::alipay()
        })
        .unwrap();
    });
    // The chart follows the FX quota, which adds up both wallets (Q3).
    h.get_by_label("2026 so far in USD, across Alipay + WeChat Pay");
    h.get_by_label_contains(
        "USD 42,000.00 of USD 50,000.00 spent across Alipay + WeChat Pay (Foreign nationals' FX quota, a year)",
    );
    // The account's own yearly limit counts this account only, and says so…
    h.get_by_label_contains(
        "USD 16,000.00 of USD 50,000.00 used, USD 34,000.00 left, on this account",
    );
    // …and the FX quota names the accounts it adds up.
    h.get_by_label_contains(
        "USD 42,000.00 of USD 50,000.00 used, USD 8,000.00 left, across Alipay + WeChat Pay",
    );
    assert!(h.query_by_label_contains("All accounts").is_none());
    assert!(h.query_by_label_contains("across your wallets").is_none());

    // An Alipay HK account is not in the FX quota: the person's quota is shown
    // apart, named by the wallets it adds up.
    h.get_by_label("HK wallet").click();
    h.run();
    h.get_by_label("Limits — HK wallet");
    h.get_by_label("2026 so far in USD, on this account");
    h.get_by_label("Alipay + WeChat Pay together: the FX quota is per person");
    h.get_by_label_contains(
        "Foreign nationals' FX quota, a year: USD 42,000.00 of USD 50,000.00 used, USD 8,000.00 left, across Alipay + WeChat Pay",
    );
}

// ---- 3. the limit reached first, and honest bars --------------------------------

#[test]
fn the_limit_reached_first_comes_first_and_is_not_said_to_bind() {
    let (_t, h) = limits_harness(|w, a| {
        pay(w, a, "1000", "USD");
        let b = wechat(w);
        pay(w, b, "30000", "USD");
    });
    h.get_by_label_contains(
        "The limit you reach first is Foreign nationals' FX quota, a year: USD 19,000.00 left across Alipay + WeChat Pay",
    );
    h.get_by_label("reached first");
    assert!(h.query_by_label_contains("binds").is_none());
    // In the book it is the last limit; on the screen it leads.
    let first = top_rect(&h, "Foreign nationals' FX quota, a year");
    for other in [
        "Verified account, per payment",
        "Verified account, a year",
        "Purchasing goods, a year",
    ] {
        assert!(first.top() < top_rect(&h, other).top(), "{other} above it");
    }
}

#[test]
fn a_limit_with_nothing_used_has_an_empty_bar() {
    let (_t, h) = limits_harness(|_, _| {});
    let bar = h.get_by_role_and_label(
        Role::ProgressIndicator,
        "To another Alipay account, a day: 0 %",
    );
    let r = bar.rect();
    let green = egui::Color32::from_rgb(0x2e, 0x9e, 0x5b);
    let painted: Vec<_> = filled_rects(&h)
        .into_iter()
        .filter(|(rect, fill)| *fill == green && rect.intersects(r.shrink(1.0)))
        .collect();
    assert!(painted.is_empty(), "a 0 % bar is filled: {painted:?}");
}

#[test]
fn a_bar_far_over_its_limit_gives_the_real_figure_not_9999() {
    let (_t, h) = limits_harness(|w, a| {
        w.add_cap(
            a,
            &CapDraft {
                name: "Issuer daily".into(),
                window: "day".into(),
                currency: "USD".into(),
                amount: "1".into(),
                method: String::new(),
            },
        )
        .unwrap();
        w.add_txn(
            a,
            &TxnDraft {
                at: "2026-11-21T09:00:00+08:00".into(),
                amount: "265".into(),
                currency: "USD".into(),
                ty: "goods".into(),
                ..Default::default()
            },
        )
        .unwrap();
    });
    // USD 265 of USD 1: 26,500 %.
    h.get_by_role_and_label(Role::ProgressIndicator, "Issuer daily: 265× the limit");
    h.get_by_label("Issuer daily: USD 264.00 over the limit");
    assert!(h.query_by_label_contains("9999").is_none());
}

// ---- 5. words, with the rule id small or on hover -------------------------------

#[test]
fn the_limits_view_reads_as_words_and_keeps_the_rule_ids_small() {
    let (_t, mut h) = limits_harness(|w, a| pay(w, a, "1000", "USD"));
    let book = h.get_by_role_and_label(Role::ComboBox, "Limit book");
    assert_eq!(book.value().as_deref(), Some("Published limits"));
    assert!(h.query_by_label_contains("000, 002").is_none());
    // No sentence starts with a rule id…
    for id in ["Q1 ", "Q2 ", "Q3 ", "own "] {
        assert!(
            h.query_all_by_label_contains(id).all(|n| !n
                .accesskit_node()
                .label()
                .unwrap_or_default()
                .starts_with(id)),
            "a label starts with {id:?}"
        );
    }
    // …but the id is there, small, and on hover with its source.
    assert!(h.query_all_by_label("Q1").count() >= 2);
    h.get_by_role_and_label(Role::ProgressIndicator, "Verified account, a year: 2 %")
        .hover();
    h.run();
    h.get_by_label_contains("Rule Q1 · source: Registering Alipay with a US phone number");
}

// ---- 6, 7. rates to a sensible precision, figures right-aligned ----------------

#[test]
fn rates_show_a_sensible_precision_with_their_inverse_right_aligned() {
    let (_t, mut h) = limits_harness(|w, _| {
        w.set_rate("CNY", "USD", "0.139169160114", "2026-02-01")
            .unwrap();
        w.set_rate("HKD", "CNY", "0.9255", "2026-02-01").unwrap();
    });
    h.get_by_label("Exchange rates: 3 rates").click();
    h.run();
    // 1 CNY = 0.1392 USD, and the other way 1 USD = 7.1855 CNY.
    let rate = h.get_by_label("0.1392 USD").rect();
    h.get_by_label("7.1855 CNY");
    h.get_by_label("7.2 CNY");
    assert!(h.query_by_label_contains("0.139169160114").is_none());
    // Figures of one column end at the same place, whatever their width.
    let wider = h.get_by_label("0.9255 CNY").rect();
    let short = top_rect(&h, "7.2 CNY");
    assert!(
        (rate.right() - wider.right()).abs() < 0.5,
        "{rate:?} {wider:?}"
    );
    assert!(
        (rate.right() - short.right()).abs() < 0.5,
        "{rate:?} {short:?}"
    );
    assert!(
        short.left() > rate.left() + 1.0,
        "7.2 CNY is narrower: aligned right"
    );
}

#[test]
fn one_rate_is_one_rate() {
    let (_t, h) = limits_harness(|_, _| {});
    h.get_by_label("Exchange rates: 1 rate");
}

#[test]
fn the_conversion_line_shows_the_rate_rounded_and_its_inverse() {
    let (_t, mut h) = limits_harness(|_, _| {});
    h.get_by_label("Record payment…").click();
    h.run();
    type_into(&mut h, "Amount", "7200");
    h.get_by_label_contains(
        "= USD 1,000.00 at 1 CNY = 0.1389 USD (1 USD = 7.2 CNY), the rate of 2026-01-01",
    );
    assert!(h.query_by_label_contains("0.138888888889").is_none());
}

// ---- 4. dialogs that keep their size --------------------------------------------

#[test]
fn an_error_appearing_in_the_account_dialog_moves_nothing() {
    let t = temp_wallet(Vault::memory());
    let mut h = harness(t.wallet);
    h.run();
    h.get_by_label("Add account…").click();
    h.run();
    let fields = ["Holder name", "Passport expiry"];
    let before: Vec<egui::Rect> = fields
        .iter()
        .map(|f| h.get_by_role_and_label(Role::TextInput, f).rect())
        .collect();
    let buttons = (button_rect(&h, "Add account"), button_rect(&h, "Cancel"));
    type_into(&mut h, "Country", "X");
    h.get_by_label_contains("two-letter country code");
    type_into(&mut h, "Label", "A label long enough to type for a while");
    for (f, r) in fields.iter().zip(&before) {
        assert_eq!(
            h.get_by_role_and_label(Role::TextInput, f).rect(),
            *r,
            "{f} moved"
        );
    }
    assert_eq!(
        (button_rect(&h, "Add account"), button_rect(&h, "Cancel")),
        buttons
    );
}

#[test]
fn the_conversion_appearing_in_the_payment_dialog_moves_no_button() {
    let (_t, mut h) = limits_harness(|_, _| {});
    h.get_by_label("Record payment…").click();
    h.run();
    let before = (button_rect(&h, "Record"), button_rect(&h, "Cancel"));
    type_into(&mut h, "Amount", "7200");
    h.get_by_label_contains("= USD 1,000.00");
    assert_eq!(
        (button_rect(&h, "Record"), button_rect(&h, "Cancel")),
        before
    );
    // A mistyped currency: the conversion goes, the field's error comes.
    type_into(&mut h, "Currency", "X");
    h.get_by_label_contains("currency:");
    assert!(h.query_by_label_contains("= USD 1,000.00").is_none());
    assert_eq!(
        (button_rect(&h, "Record"), button_rect(&h, "Cancel")),
        before
    );
}

#[test]
fn the_answer_appearing_in_the_precheck_moves_no_button() {
    let (_t, mut h) = limits_harness(|_, _| {});
    h.get_by_label("Check a payment…").click();
    h.run();
    let before = button_rect(&h, "Close");
    type_into(&mut h, "Amount", "300000");
    h.get_by_label_contains("Would be refused");
    assert_eq!(button_rect(&h, "Close"), before);
}

#[test]
fn a_refused_figure_is_said_in_the_dialog_and_moves_no_button() {
    let (_t, mut h) = limits_harness(|_, _| {});
    h.query_all_by_label("Set my figure…")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label("Your figure for this limit");
    let labels = ["Save figure", "Back to published", "Cancel"];
    let before: Vec<egui::Rect> = labels.iter().map(|l| button_rect(&h, l)).collect();
    type_into(&mut h, "Figure", "abc");
    h.get_by_label("Save figure").click();
    h.run();
    h.get_by_label_contains("amount:");
    let after: Vec<egui::Rect> = labels.iter().map(|l| button_rect(&h, l)).collect();
    assert_eq!(after, before);
}
