//! The service's binding checks on a real temporary database: AC8 through the
//! keyed fingerprint, the matrix, and the schema upgrade that added attempts.
#![allow(clippy::unwrap_used)]

mod common;

use common::{card, clock, temp_wallet};
use rusqlite::Connection;
use walletdesk::domain::risk::Level;
use walletdesk::domain::{AccountDraft, Outcome, PaypalDraft, Provider};
use walletdesk::store::{self, Store};
use walletdesk::vault::Vault;
use walletdesk::wallet::Basis;

fn cloud(label: &str) -> AccountDraft {
    AccountDraft {
        provider: "alibaba-cloud".into(),
        label: label.into(),
        region: "OTHER".into(),
        tier: "verified".into(),
        ..AccountDraft::default()
    }
}

fn good_card(number: &str) -> walletdesk::domain::CardDraft {
    let mut c = card(number);
    c.intl = "yes".into();
    c.three_ds = "yes".into();
    c.balance_ok = "yes".into();
    c
}

#[test]
fn ac8_the_same_card_on_another_cloud_account_blocks_by_fingerprint() {
    let mut t = temp_wallet(Vault::memory());
    let a = t.wallet.add_account(&cloud("Cloud A")).unwrap();
    let b = t.wallet.add_account(&cloud("Cloud B")).unwrap();
    t.wallet
        .add_card(a, &good_card("4111 1111 1111 1111"))
        .unwrap();

    let report = t
        .wallet
        .check_card(
            &good_card("4111-1111-1111-1111"),
            &Basis::Account(b),
            &[Provider::AlibabaCloud],
        )
        .unwrap();
    let r = &report.results[0];
    assert_eq!(r.against, "Cloud B");
    assert_eq!(r.assessment.verdict, Level::Block);
    let ac8 = r.assessment.flags.iter().find(|f| f.rule == "AC8").unwrap();
    assert!(ac8.remedy.contains("Cloud A"), "{}", ac8.remedy);

    // Against its own account the card is fine; another card on B is fine too.
    let own = t
        .wallet
        .check_card(
            &good_card("4111111111111111"),
            &Basis::Account(a),
            &[Provider::AlibabaCloud],
        )
        .unwrap();
    assert_eq!(own.results[0].assessment.verdict, Level::Ok);
    let other = t
        .wallet
        .check_card(
            &good_card("5555555555554444"),
            &Basis::Account(b),
            &[Provider::AlibabaCloud],
        )
        .unwrap();
    assert_eq!(other.results[0].assessment.verdict, Level::Ok);

    // Linking it to B is refused with AC8 (a block) unless the person insists.
    let refused = t
        .wallet
        .add_card(b, &good_card("4111111111111111"))
        .unwrap_err();
    assert!(
        matches!(&refused, walletdesk::wallet::Error::Refused(r) if r.rule == "AC8"),
        "{refused}"
    );
    // Linking it to B anyway: both stored methods now show AC8.
    let m2 = t
        .wallet
        .add_card_anyway(b, &good_card("4111111111111111"))
        .unwrap();
    let m = t.wallet.method(m2).unwrap();
    assert_eq!(t.wallet.verdict(&m).unwrap(), Some(Level::Block));
}

#[test]
fn the_same_paypal_account_on_two_cloud_accounts_raises_ac8() {
    let mut t = temp_wallet(Vault::memory());
    let a = t.wallet.add_account(&cloud("Cloud A")).unwrap();
    let b = t.wallet.add_account(&cloud("Cloud B")).unwrap();
    let pp = PaypalDraft {
        email: "Me@Example.com".into(),
        country: "US".into(),
        ..PaypalDraft::default()
    };
    let m1 = t.wallet.add_paypal(a, &pp).unwrap();
    assert_eq!(
        t.wallet.verdict(&t.wallet.method(m1).unwrap()).unwrap(),
        Some(Level::Ok)
    );
    let mut lower = pp.clone();
    lower.email = "me@example.com".into();
    assert!(t.wallet.add_paypal(b, &lower).is_err(), "AC8 refuses it");
    let m2 = t.wallet.add_paypal_anyway(b, &lower).unwrap();
    assert_eq!(
        t.wallet.verdict(&t.wallet.method(m2).unwrap()).unwrap(),
        Some(Level::Block)
    );
}

#[test]
fn the_matrix_has_one_cell_per_method_and_provider_and_says_what_it_assumed() {
    let mut t = temp_wallet(Vault::memory());
    t.wallet.load_demo(0).unwrap();
    let rows = t.wallet.matrix().unwrap();
    assert_eq!(rows.len(), 7);
    for r in &rows {
        let providers: Vec<Provider> = r.cells.iter().map(|c| c.provider).collect();
        assert_eq!(providers, Provider::ALL);
        // Its own provider is judged against its own account.
        let own = r
            .cells
            .iter()
            .find(|c| c.provider == r.account.provider)
            .unwrap();
        assert_eq!(own.against, r.account.label);
    }
    // PayPal is only judged where it can be linked.
    let paypal = rows.iter().find(|r| r.method.card().is_none()).unwrap();
    assert!(
        paypal
            .cells
            .iter()
            .filter(|c| c.assessment.applicable)
            .all(|c| c.provider == Provider::AlibabaCloud)
    );
}

#[test]
fn a_check_for_a_provider_with_no_account_here_says_what_it_assumed() {
    let mut t = temp_wallet(Vault::memory());
    let a = common::add_alipay(&mut t.wallet);
    let r = t
        .wallet
        .check_card(
            &good_card("4111111111111111"),
            &Basis::Account(a),
            &[Provider::AlibabaCloud],
        )
        .unwrap();
    assert!(
        r.results[0]
            .against
            .contains("no Alibaba Cloud account here"),
        "{}",
        r.results[0].against
    );
    assert!(r.results[0].against.contains("region OTHER assumed"));
}

#[test]
fn attempts_are_logged_newest_first_and_refused_for_unknown_methods() {
    let mut t = temp_wallet(Vault::memory());
    let a = common::add_alipay(&mut t.wallet);
    let m = t
        .wallet
        .add_card(a, &good_card("4111111111111111"))
        .unwrap();
    t.wallet
        .record_attempt(m, Outcome::Failed, "card not supported")
        .unwrap();
    t.wallet.record_attempt(m, Outcome::Ok, "").unwrap();
    let log = t.wallet.attempts(m).unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[1].error.as_deref(), Some("card not supported"));
    assert_eq!(log[0].provider, Provider::Alipay);
    let e = t
        .wallet
        .record_attempt(walletdesk::domain::MethodId(99), Outcome::Ok, "")
        .unwrap_err();
    assert_eq!(e.exit_code(), 2);
}

#[test]
fn a_version_1_database_is_upgraded_in_place_keeping_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite");
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(store::migration_steps()[0]).unwrap();
        c.execute_batch(
            "INSERT INTO account (provider, label, tier, created_at)
             VALUES ('alipay', 'Old', 'verified', '2025-01-01T00:00:00+08:00');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    let v: i64 = s
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, store::schema_version());
    assert_eq!(store::accounts(s.conn()).unwrap()[0].label, "Old");
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM bind_attempt", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
    drop(s);
    let w = walletdesk::Wallet::open(&path, Vault::memory(), clock()).unwrap();
    assert_eq!(w.accounts().unwrap().len(), 1);
}

/// The preview's row changes (the window's import table): checked by the
/// service, applied to the totals, and written as changed.
#[test]
fn a_preview_row_changed_or_left_out_is_written_as_the_person_chose() {
    use std::sync::atomic::AtomicBool;
    use walletdesk::domain::limits::{Destination, TxType};
    use walletdesk::domain::txn_filter::TxnFilter;
    use walletdesk::wallet::{Finished, RowChange};

    let mut t = temp_wallet(Vault::memory());
    let a = common::add_alipay(&mut t.wallet);
    let other = common::add_alipay(&mut t.wallet);
    let elsewhere = t.wallet.add_card(other, &card("4111111111111111")).unwrap();
    t.wallet
        .add_rate(&walletdesk::wallet::RateDraft {
            from: "USD".into(),
            to: "CNY".into(),
            rate: "7.2".into(),
            date: "2026-01-01".into(),
        })
        .unwrap();
    let csv = "at,amount,currency,type,to,method,counterparty,note,fx_exempt\n\
               2026-11-02T09:30:00+08:00,120.50,CNY,goods,merchant,,Shop A,,false\n\
               2026-11-03T19:00:00+08:00,80,CNY,services,merchant,,Shop B,,false\n";
    let cancel = AtomicBool::new(false);
    let Finished::Done(mut p) = t
        .wallet
        .import_preview(a, csv.as_bytes(), csv.len() as u64, &mut |_| {}, &cancel)
        .unwrap()
    else {
        panic!("cancelled")
    };
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.totals[0].1.to_string(), "200.50");
    // A method of another account, a line that is not there: refused, nothing changed.
    let e = t
        .wallet
        .import_change(a, &mut p, 2, RowChange::Method(Some(elsewhere)))
        .unwrap_err();
    assert!(e.to_string().contains("not linked to this account"), "{e}");
    assert!(
        t.wallet
            .import_change(a, &mut p, 9, RowChange::Include(false))
            .is_err()
    );
    assert_eq!(p.rows[0].txn.method, None);
    // Line 2 becomes a personal transfer; line 3 is left out, and the total follows.
    t.wallet
        .import_change(a, &mut p, 2, RowChange::Type(TxType::Personal))
        .unwrap();
    t.wallet
        .import_change(a, &mut p, 2, RowChange::To(Destination::AlipayAccount))
        .unwrap();
    t.wallet
        .import_change(a, &mut p, 3, RowChange::Include(false))
        .unwrap();
    assert_eq!(p.totals[0].1.to_string(), "120.50");
    assert_eq!(p.chosen_count(), 1);
    let Finished::Done(n) = t.wallet.import_commit(a, &p, &mut |_| {}, &cancel).unwrap() else {
        panic!("cancelled")
    };
    assert_eq!(n, 1);
    let rows = t
        .wallet
        .txn_page(
            &TxnFilter {
                account: Some(a),
                ..TxnFilter::default()
            },
            0,
            10,
        )
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].new.ty, TxType::Personal);
    assert_eq!(rows[0].new.to, Destination::AlipayAccount);
}
