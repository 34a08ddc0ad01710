//! A binding flag in the window: the words first, the rule id in small print
//! beside them, and the source by its title (a link where its address is known),
//! its file name in small print after it.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use common::gui::harness;

use common::{card, clock};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use walletdesk::Wallet;
use walletdesk::domain::{AccountDraft, AccountId};
use walletdesk::ui::WalletApp;
use walletdesk::vault::Vault;

use eframe::egui;

const AC_DOC_SOURCE: &str = "Source: Expenses and Costs: Introduction to payment methods — Alibaba Cloud Document Center, updated 2026-01-12";

fn us_cloud(w: &mut Wallet) -> AccountId {
    w.add_account(&AccountDraft {
        provider: "alibaba-cloud".into(),
        label: "Cloud US".into(),
        region: "US".into(),
        tier: "verified".into(),
        holder: "JOHN SMITH".into(),
        ..Default::default()
    })
    .unwrap()
}

/// A JCB card on a US Alibaba Cloud account (AC4 blocks it), its details open.
fn jcb_details(w: Wallet) -> Harness<'static, WalletApp> {
    let mut w = w;
    let a = us_cloud(&mut w);
    w.add_card_anyway(a, &card("3530111333300000")).unwrap();
    let mut h = harness(w);
    h.run();
    h.get_by_label("will fail").click();
    h.run();
    h
}

#[test]
fn a_flag_shows_its_words_first_and_its_rule_id_in_small_print() {
    let dir = tempfile::tempdir().unwrap();
    let w = Wallet::open(&dir.path().join("w.sqlite"), Vault::memory(), clock()).unwrap();
    let h = jcb_details(w);
    let message = h.get_by_label("Accounts registered in the region US do not accept JCB cards");
    let rule = h.get_by_label("AC4");
    // On one line, the words before the id.
    assert!(rule.rect().left() > message.rect().right() - 1.0);
    assert!((rule.rect().center().y - message.rect().center().y).abs() < 12.0);

    // The source by its title, then its file name in smaller print.
    let title = h.get_all_by_label(AC_DOC_SOURCE).next().unwrap();
    let file = h
        .get_all_by_label("003_0647db2b27c843d7.txt")
        .next()
        .unwrap();
    assert!(file.rect().left() > title.rect().left());
    assert!(
        h.query_all_by_label_contains("Source 003_0647db2b27c843d7.txt")
            .next()
            .is_none(),
        "no longer 'Source <file name>'"
    );
}

#[test]
fn a_source_with_a_known_address_is_a_link() {
    // A user's copy of the Alibaba Cloud profile that cites the Q8 notice for AC4.
    let dir = tempfile::tempdir().unwrap();
    let providers = dir.path().join("providers");
    std::fs::create_dir(&providers).unwrap();
    let shipped = include_str!("../assets/providers/alibaba-cloud.json");
    let mine = shipped.replace(
        r#""AC4": {
      "level": "block","#,
        r#""AC4": {
      "level": "block", "source": "english.www.gov.cn-2024-03","#,
    );
    assert_ne!(mine, shipped, "the profile's AC4 entry changed shape");
    std::fs::write(providers.join("alibaba-cloud.json"), mine).unwrap();
    let w = Wallet::open(&dir.path().join("w.sqlite"), Vault::memory(), clock()).unwrap();
    let h = jcb_details(w);
    let link = h.get_by_role_and_label(
        Role::Link,
        "Source: PBoC: Alipay and Tenpay raise foreigners' caps to USD 5,000 / 50,000 — english.www.gov.cn, 2024-03",
    );
    assert!(link.rect().width() > 0.0);
    // The other flags' source has no address: plain text.
    assert!(
        h.query_by_role_and_label(Role::Link, AC_DOC_SOURCE)
            .is_none()
    );
    h.get_all_by_label(AC_DOC_SOURCE).next().unwrap();
}
