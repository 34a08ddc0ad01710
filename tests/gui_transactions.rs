//! The Transactions view and its dialogs, driven through egui_kittest's AccessKit
//! queries: one time zone in the list, the edit form and the delete confirmation;
//! the total of the filtered rows; right-aligned amounts; a new filter back at the
//! top; words, not codes; "Paid with" offering only methods that can pay; and the
//! sample data offered only on an empty database.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use common::gui::{harness, harness_stepping, type_into};

use common::{add_alipay, card, temp_wallet};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use walletdesk::Wallet;
use walletdesk::domain::txn::TxnDraft;
use walletdesk::domain::{AccountId, TxnId};
use walletdesk::ui::WalletApp;
use walletdesk::vault::Vault;

use eframe::egui;

/// A verified Alipay account with USD→CNY and HKD→CNY rates, prepared, and the
/// window open on its Transactions view.
fn transactions_harness(
    prepare: impl FnOnce(&mut Wallet, AccountId),
) -> (common::TempWallet, Harness<'static, WalletApp>) {
    transactions_harness_stepping(prepare, None)
}

/// As `transactions_harness`, with frames `step_dt` seconds apart.
fn transactions_harness_stepping(
    prepare: impl FnOnce(&mut Wallet, AccountId),
    step_dt: Option<f32>,
) -> (common::TempWallet, Harness<'static, WalletApp>) {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    t.wallet
        .set_rate("USD", "CNY", "7.2", "2026-01-01")
        .unwrap();
    t.wallet
        .set_rate("HKD", "CNY", "0.9", "2026-01-01")
        .unwrap();
    prepare(&mut t.wallet, a);
    let w = Wallet::open(&t.path(), Vault::memory(), common::clock()).unwrap();
    let mut h = match step_dt {
        Some(dt) => harness_stepping(w, dt),
        None => harness(w),
    };
    h.run();
    h.get_by_label("Transactions").click();
    h.run();
    (t, h)
}

fn pay(w: &mut Wallet, a: AccountId, at: &str, amount: &str, currency: &str, cp: &str) -> TxnId {
    w.add_txn(
        a,
        &TxnDraft {
            at: at.into(),
            amount: amount.into(),
            currency: currency.into(),
            ty: "goods".into(),
            counterparty: cp.into(),
            ..Default::default()
        },
    )
    .unwrap()
}

/// Replace what a text field holds with `text`.
fn retype(h: &mut Harness<'_, WalletApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

fn stored_at(h: &Harness<'_, WalletApp>, id: TxnId) -> String {
    h.state().wallet().txn(id).unwrap().new.at.to_rfc3339()
}

#[test]
fn the_list_the_edit_form_and_the_delete_confirmation_show_one_minute_in_beijing_time() {
    let mut id = TxnId(0);
    let (_t, mut h) = transactions_harness(|w, a| {
        id = pay(
            w,
            a,
            "2026-11-21T14:41:48.413967316+00:00",
            "36.00",
            "CNY",
            "DiDi",
        );
    });
    h.get_by_label("When (Beijing time)");
    h.get_by_label("2026-11-21 22:41");

    h.get_by_label("Delete…").click();
    h.run();
    h.get_by_label_contains("CNY 36.00 to DiDi on 2026-11-21 22:41 (Beijing time)");
    h.get_by_label("Cancel").click();
    h.run();

    h.get_by_label("Edit…").click();
    h.run();
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "When")
            .value()
            .as_deref(),
        Some("2026-11-21 22:41")
    );
    h.get_by_label("Beijing time");
    // Another field changed, the time left as shown: the stored instant stays exact.
    type_into(&mut h, "Note", "lunch");
    h.get_by_label("Save changes").click();
    h.run();
    h.get_by_label_contains("Changed payment 1");
    assert_eq!(stored_at(&h, id), "2026-11-21T14:41:48.413967316+00:00");
    assert_eq!(h.state().wallet().txn(id).unwrap().new.note, "lunch");

    // A minute typed on Beijing's clock.
    h.get_by_label("Edit…").click();
    h.run();
    retype(&mut h, "When", "2026-11-21 23:05");
    h.get_by_label("Save changes").click();
    h.run();
    assert_eq!(stored_at(&h, id), "2026-11-21T23:05:00+08:00");
    h.get_by_label("2026-11-21 23:05");

    // A wrong time is named under the field and nothing is saved.
    h.get_by_label("Edit…").click();
    h.run();
    retype(&mut h, "When", "2026-11-21 25:00");
    assert!(
        h.query_all_by_label_contains(
            "at: \"2026-11-21 25:00\" is not a time like 2026-03-01 14:30"
        )
        .count()
            >= 1
    );
    h.get_by_label("Save changes").click();
    h.run();
    assert_eq!(stored_at(&h, id), "2026-11-21T23:05:00+08:00");
}

#[test]
fn record_reads_a_minute_in_the_configured_zone_and_names_it() {
    let (_t, mut h) = transactions_harness(|w, _| {
        w.set_setting("time-zone", "Europe/Berlin").unwrap();
    });
    h.get_by_label("Record payment…").click();
    h.run();
    h.get_by_label("Europe/Berlin");
    type_into(&mut h, "Amount", "36");
    type_into(&mut h, "When", "2026-07-01 14:30");
    h.get_by_role_and_label(Role::Button, "Record").click();
    h.run();
    h.get_by_label_contains("Recorded payment 1");
    assert_eq!(stored_at(&h, TxnId(1)), "2026-07-01T14:30:00+02:00");
    h.get_by_label("When (Europe/Berlin)");
    h.get_by_label("2026-07-01 14:30");
}

#[test]
fn the_total_of_the_filtered_rows_is_shown_and_amounts_are_right_aligned() {
    let (_t, mut h) = transactions_harness(|w, a| {
        pay(w, a, "2026-11-01 10:00", "36.00", "CNY", "DiDi");
        pay(w, a, "2026-11-02 10:00", "1234.50", "CNY", "京东 JD.com");
        pay(w, a, "2026-11-03 10:00", "50", "HKD", "7-Eleven");
    });
    // CNY 1,270.50 = USD 176.46; HKD 50 = CNY 45 = USD 6.25.
    h.get_by_label("3 payments totalling CNY 1,270.50 + HKD 50.00 = USD 182.71");
    let short = h.get_by_label("CNY 36.00").rect();
    let long = h.get_by_label("CNY 1,234.50").rect();
    assert!(
        (short.max.x - long.max.x).abs() < 0.5,
        "right edges {} and {}",
        short.max.x,
        long.max.x
    );
    assert!(
        short.min.x > long.min.x + 5.0,
        "the shorter amount starts further right"
    );
    let usd_short = h.get_by_label("5.00").rect();
    let usd_long = h.get_by_label("171.46").rect();
    assert!((usd_short.max.x - usd_long.max.x).abs() < 0.5);

    type_into(&mut h, "Search", "DiDi");
    h.get_by_label("1 payment totalling CNY 36.00 = USD 5.00");
    type_into(&mut h, "Search", "x");
    h.get_by_label("0 payments");
}

#[test]
fn a_new_filter_starts_at_the_top_where_the_newest_matches_are() {
    let (_t, mut h) = transactions_harness(|w, a| {
        let first = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        // Later rows are later in time: "Shop 299" is the newest.
        for i in 0..300 {
            let at = first + chrono::Duration::hours(i64::from(i) * 20);
            let at = at.format("%Y-%m-%d %H:%M").to_string();
            pay(w, a, &at, "10", "CNY", &format!("Shop {i}"));
        }
    });
    // Each row's USD is rounded as recorded: 300 × USD 1.39.
    h.get_by_label("300 payments totalling CNY 3,000.00 = USD 417.00");
    h.get_by_label("Shop 299");
    for _ in 0..20 {
        let Some(row) = h.query_all_by_label_contains("Shop ").last() else {
            break;
        };
        row.scroll_down();
        // Scrolling smoothly and reading the pages scrolled to take a few frames.
        h.run_steps(10);
    }
    assert!(
        h.query_by_label("Shop 299").is_none(),
        "scrolled away from the newest"
    );
    // "Shop 2" matches 111 rows, the newest of them Shop 299: shown first.
    type_into(&mut h, "Search", "Shop 2");
    h.get_by_label_contains("111 payments");
    h.get_by_label("Shop 299");
}

#[test]
fn types_and_destinations_are_words_not_codes() {
    let (_t, h) = transactions_harness(|w, a| {
        w.add_txn(
            a,
            &TxnDraft {
                at: "2026-11-01 10:00".into(),
                amount: "7800".into(),
                currency: "CNY".into(),
                ty: "personal".into(),
                to: "bank-account".into(),
                counterparty: "Landlord".into(),
                ..Default::default()
            },
        )
        .unwrap();
        pay(w, a, "2026-11-02 10:00", "9.90", "CNY", "Luckin");
    });
    h.get_by_label("Personal expenses");
    h.get_by_label("Bank account");
    h.get_by_label("Purchasing goods");
    h.get_by_label("Merchant");
    for code in ["personal", "bank-account", "goods", "merchant"] {
        assert!(h.query_by_label(code).is_none(), "{code}");
    }
}

#[test]
fn paid_with_offers_only_methods_that_can_pay_and_says_why_the_others_are_missing() {
    let (_t, mut h) = transactions_harness(|w, a| {
        let mut visa = card("4111 1111 1111 1111");
        visa.status = "active".into();
        w.add_card(a, &visa).unwrap();
        // New cards are pending: verification under way (L7).
        w.add_card(a, &card("5555 5555 5555 4444")).unwrap();
    });
    h.get_by_label("Record payment…").click();
    h.run();
    h.get_by_label("Mastercard •••• 4444 is not offered: pending verification (L7)");
    h.get_by_role_and_label(Role::ComboBox, "Paid with").click();
    h.run();
    h.get_by_label("Visa •••• 1111");
    assert!(
        h.query_by_label("Mastercard •••• 4444").is_none(),
        "a pending card is not offered"
    );
    h.get_by_label("Visa •••• 1111").click();
    h.run();
    type_into(&mut h, "Amount", "36");
    h.get_by_role_and_label(Role::Button, "Record").click();
    h.run();
    h.get_by_label_contains("Recorded payment 1");
}

#[test]
fn load_demo_data_says_what_it_adds_and_is_offered_only_on_an_empty_database() {
    let t = temp_wallet(Vault::memory());
    let mut h = harness(t.wallet);
    h.run();
    h.get_by_label_contains("Adds 4 sample accounts");
    h.get_by_label_contains("walletdesk --demo");
    h.get_by_label("Load demo data").click();
    h.run();
    h.get_by_label_contains("Added 4 sample accounts");
    assert_eq!(h.state().wallet().accounts().unwrap().len(), 4);
    assert!(h.query_by_label("Load demo data").is_none());
    assert!(
        h.query_by_label_contains("Adds 4 sample accounts")
            .is_none()
    );
}

#[test]
fn typing_in_search_says_searching_and_shows_only_the_last_filters_answer() {
    // Frames 20 ms apart: the keys below come well inside the 150 ms pause.
    let (_t, mut h) = transactions_harness_stepping(
        |w, a| {
            pay(w, a, "2026-11-01 10:00", "36.00", "CNY", "DiDi");
            pay(w, a, "2026-11-02 10:00", "12.00", "CNY", "Luckin");
        },
        Some(0.02),
    );
    h.get_by_label("2 payments totalling CNY 48.00 = USD 6.67");
    // Each key: the count waits for a pause in typing, off the window's thread,
    // and the table says so meanwhile.
    h.get_by_role_and_label(Role::TextInput, "Search").focus();
    h.step();
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text("Lu");
    // The keys arrive (focus may take a frame of its own), the filter changes,
    // and the next frame is drawn while it is counted.
    for _ in 0..6 {
        h.step();
        if h.query_by_label("Searching…").is_some() {
            break;
        }
    }
    h.get_by_label("Searching…");
    assert!(h.query_by_label_contains("payments totalling").is_none());
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text("ckin");
    h.run();
    assert!(h.query_by_label("Searching…").is_none());
    h.get_by_label("1 payment totalling CNY 12.00 = USD 1.67");
    assert!(h.query_by_label("DiDi").is_none());
}
