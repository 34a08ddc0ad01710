//! Spending against limits on a real database file: windows in Beijing time,
//! exact limits, stored conversions, FX exemption, dated limits, the pre-check,
//! and the per-day totals against a plain recomputation.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::AtomicBool;

use chrono::{DateTime, FixedOffset};
use common::{add_alipay, card, clock, preview, temp_wallet};
use proptest::prelude::*;
use rust_decimal::Decimal;
use walletdesk::domain::limits::{Origin, Window};
use walletdesk::domain::money::Currency;
use walletdesk::domain::txn::TxnDraft;
use walletdesk::domain::{AccountDraft, AccountId};
use walletdesk::vault::Vault;
use walletdesk::wallet::{CapDraft, Finished, PrecheckDraft, Quota};
use walletdesk::{Clock, Wallet};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn pay(at: &str, amount: &str, currency: &str, ty: &str) -> TxnDraft {
    TxnDraft {
        at: at.into(),
        amount: amount.into(),
        currency: currency.into(),
        ty: ty.into(),
        ..TxnDraft::default()
    }
}

fn limit<'a>(q: &'a Quota, key: &str) -> &'a walletdesk::domain::limits::LimitStatus {
    q.statuses
        .iter()
        .find(|s| s.layer.key == key)
        .unwrap_or_else(|| panic!("no layer {key}"))
}

fn wallet_with_rates() -> (common::TempWallet, AccountId) {
    let mut tw = temp_wallet(Vault::memory());
    let a = add_alipay(&mut tw.wallet);
    tw.wallet
        .set_rate("USD", "CNY", "7.2", "2026-01-01")
        .unwrap();
    (tw, a)
}

#[test]
fn a_second_before_and_at_midnight_beijing_fall_in_different_days() {
    let (mut tw, a) = wallet_with_rates();
    let w = &mut tw.wallet;
    // A custom daily cap makes the day window visible.
    w.add_cap(
        a,
        &CapDraft {
            name: "my daily".into(),
            window: "day".into(),
            currency: "USD".into(),
            amount: "100".into(),
            method: String::new(),
        },
    )
    .unwrap();
    w.add_txn(a, &pay("2026-03-01T23:59:59+08:00", "10", "USD", "goods"))
        .unwrap();
    w.add_txn(a, &pay("2026-03-02T00:00:00+08:00", "20", "USD", "goods"))
        .unwrap();
    // Both are 2026-03-01 in UTC.
    let q1 = w.quota_at(a, t("2026-03-01T23:59:59+08:00")).unwrap();
    let q2 = w.quota_at(a, t("2026-03-02T00:00:00+08:00")).unwrap();
    assert_eq!(limit(&q1, "cap-1").used, d("10.00"));
    assert_eq!(limit(&q2, "cap-1").used, d("20.00"));
    assert_eq!(
        limit(&q1, "cap-1").resets_at.unwrap(),
        t("2026-03-02T00:00:00+08:00")
    );
    // The same instants written in UTC land in the same Beijing days.
    w.add_txn(a, &pay("2026-03-01T15:59:59Z", "1", "USD", "goods"))
        .unwrap();
    let q1 = w.quota_at(a, t("2026-03-01T12:00:00+08:00")).unwrap();
    assert_eq!(limit(&q1, "cap-1").used, d("11.00"));
}

#[test]
fn week_month_and_year_windows_reset_at_beijing_midnight() {
    let (mut tw, a) = wallet_with_rates();
    let w = &mut tw.wallet;
    for (window, amount) in [("week", "1000"), ("month", "1000"), ("year", "1000")] {
        w.add_cap(
            a,
            &CapDraft {
                name: format!("my {window}"),
                window: window.into(),
                currency: "USD".into(),
                amount: amount.into(),
                method: String::new(),
            },
        )
        .unwrap();
    }
    // Sunday 8 March 23:30 and Monday 9 March 00:10 Beijing time.
    w.add_txn(a, &pay("2026-03-08T23:30:00+08:00", "5", "USD", "goods"))
        .unwrap();
    w.add_txn(a, &pay("2026-03-09T00:10:00+08:00", "7", "USD", "goods"))
        .unwrap();
    // 31 Dec 16:30 UTC is 1 Jan 00:30 in Beijing: next month, next year.
    w.add_txn(a, &pay("2026-12-31T16:30:00Z", "9", "USD", "goods"))
        .unwrap();
    let q = w.quota_at(a, t("2026-03-09T12:00:00+08:00")).unwrap();
    assert_eq!(limit(&q, "cap-1").used, d("7.00"), "the new ISO week");
    assert_eq!(limit(&q, "cap-2").used, d("12.00"), "March");
    let q = w.quota_at(a, t("2027-01-01T08:00:00+08:00")).unwrap();
    assert_eq!(limit(&q, "cap-2").used, d("9.00"), "January 2027");
    assert_eq!(limit(&q, "cap-3").used, d("9.00"), "2027");
    let q = w.quota_at(a, t("2026-12-31T23:00:00+08:00")).unwrap();
    assert_eq!(limit(&q, "cap-3").used, d("12.00"), "2026");
    assert_eq!(
        limit(&q, "cap-3").resets_at.unwrap(),
        t("2027-01-01T00:00:00+08:00")
    );
}

#[test]
fn equal_to_the_limit_is_allowed_and_a_cent_over_is_not() {
    let (mut tw, a) = wallet_with_rates();
    let w = &mut tw.wallet;
    w.add_card(a, &{
        let mut c = card("4111 1111 1111 1111");
        c.status = "active".into();
        c
    })
    .unwrap();
    // Verified Alipay: USD 2,800 a day to another Alipay account (Q2).
    w.add_txn(
        a,
        &TxnDraft {
            to: "alipay-account".into(),
            ..pay("2026-11-21T09:00:00+08:00", "2000", "USD", "personal")
        },
    )
    .unwrap();
    let ask = |amount: &str| PrecheckDraft {
        amount: amount.into(),
        currency: "USD".into(),
        ty: "personal".into(),
        to: "alipay-account".into(),
    };
    let p = w.precheck(a, &ask("800.00")).unwrap();
    assert!(p.allowed, "{:?}", p.breaks);
    let p = w.precheck(a, &ask("800.01")).unwrap();
    assert!(!p.allowed);
    assert_eq!(p.breaks.len(), 1);
    assert_eq!(p.breaks[0].status.layer.rule, "Q2");
    assert_eq!(p.breaks[0].over, d("0.01"));
    assert_eq!(p.breaks[0].after, d("2800.01"));
    // Under USD 1.4 is flagged (Q2), not refused.
    let p = w.precheck(a, &ask("1.39")).unwrap();
    assert!(p.under_minimum.iter().any(|l| l.rule == "Q2"));
    let p = w.precheck(a, &ask("1.40")).unwrap();
    assert!(p.under_minimum.is_empty());
}

#[test]
fn a_stored_conversion_does_not_move_when_the_rate_table_changes() {
    let (mut tw, a) = wallet_with_rates();
    let w = &mut tw.wallet;
    let id = w
        .add_txn(a, &pay("2026-06-01T12:00:00+08:00", "720", "CNY", "goods"))
        .unwrap();
    let before = w.quota_at(a, t("2026-06-02T12:00:00+08:00")).unwrap();
    assert_eq!(limit(&before, "verified-year").used, d("100.00"));
    // A new rate for the same period, and a later one.
    w.set_rate("USD", "CNY", "6.0", "2026-01-01").unwrap();
    w.set_rate("USD", "CNY", "8.0", "2026-05-01").unwrap();
    let tx = w.txn(id).unwrap();
    assert_eq!(tx.in_currency(Currency::USD), Some(d("100.00")));
    let usd = tx
        .converted
        .iter()
        .find(|c| c.currency == Currency::USD)
        .unwrap();
    assert_eq!(usd.rate_date.unwrap().to_string(), "2026-01-01");
    let after = w.quota_at(a, t("2026-06-02T12:00:00+08:00")).unwrap();
    assert_eq!(limit(&after, "verified-year").used, d("100.00"));
    // A new payment uses the latest rate on or before its date.
    w.add_txn(a, &pay("2026-06-01T13:00:00+08:00", "80", "CNY", "goods"))
        .unwrap();
    let q = w.quota_at(a, t("2026-06-02T12:00:00+08:00")).unwrap();
    assert_eq!(limit(&q, "verified-year").used, d("110.00"));
}

#[test]
fn a_missing_rate_names_the_pair_and_records_nothing() {
    let (mut tw, a) = wallet_with_rates();
    let w = &mut tw.wallet;
    let e = w
        .add_txn(a, &pay("2026-06-01T12:00:00+08:00", "100", "EUR", "goods"))
        .unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().contains("EUR→USD"), "{e}");
    // A rate dated after the payment does not count either.
    w.set_rate("EUR", "USD", "1.1", "2026-07-01").unwrap();
    assert!(
        w.add_txn(a, &pay("2026-06-01T12:00:00+08:00", "100", "EUR", "goods"))
            .is_err()
    );
    let all = walletdesk::store::TxnFilter {
        account: Some(a),
        ..Default::default()
    };
    assert_eq!(w.txn_count(&all).unwrap(), 0);
    // Through USD once EUR→USD is known: EUR 100 = USD 110 = CNY 792.
    w.add_txn(a, &pay("2026-07-02T12:00:00+08:00", "100", "EUR", "goods"))
        .unwrap();
    let q = w.quota_at(a, t("2026-07-02T12:00:00+08:00")).unwrap();
    assert_eq!(limit(&q, "verified-year").used, d("110.00"));
}

#[test]
fn fx_exempt_is_left_out_of_q3_but_counts_for_the_account() {
    let (mut tw, a) = wallet_with_rates();
    let w = &mut tw.wallet;
    w.add_txn(
        a,
        &TxnDraft {
            fx_exempt: "true".into(),
            ..pay("2026-09-01T10:00:00+08:00", "4000", "USD", "services")
        },
    )
    .unwrap();
    w.add_txn(a, &pay("2026-09-02T10:00:00+08:00", "100", "USD", "goods"))
        .unwrap();
    let q = Wallet::quota(w, a).unwrap();
    assert_eq!(limit(&q, "fx-year").used, d("100.00"));
    assert_eq!(limit(&q, "verified-year").used, d("4100.00"));
    assert_eq!(limit(&q, "services-year").used, d("4000.00"));
}

#[test]
fn the_fx_quota_is_per_person_across_wallets() {
    let (mut tw, a) = wallet_with_rates();
    let w = &mut tw.wallet;
    let wx = w
        .add_account(&AccountDraft {
            provider: "wechat-pay".into(),
            label: "微信".into(),
            tier: "verified".into(),
            ..AccountDraft::default()
        })
        .unwrap();
    w.add_txn(a, &pay("2026-05-01T10:00:00+08:00", "300", "USD", "goods"))
        .unwrap();
    w.add_txn(wx, &pay("2026-05-02T10:00:00+08:00", "720", "CNY", "goods"))
        .unwrap();
    let q = Wallet::quota(w, a).unwrap();
    assert_eq!(limit(&q, "fx-year").used, d("400.00"));
    assert_eq!(limit(&q, "verified-year").used, d("300.00"));
    let fx = w.fx_summary().unwrap();
    let year = fx.iter().find(|s| s.layer.window == Window::Year).unwrap();
    assert_eq!(year.used, d("400.00"));
}

#[test]
fn the_limit_in_force_switches_on_its_effective_date() {
    let (mut tw, a) = wallet_with_rates();
    let w = &mut tw.wallet;
    let before = w.quota_at(a, t("2024-02-29T23:59:59+08:00")).unwrap();
    assert_eq!(limit(&before, "fx-year").layer.max, d("10000"));
    assert_eq!(limit(&before, "fx-year").layer.rule, "Q8");
    assert_eq!(limit(&before, "verified-single").layer.max, d("1000"));
    let after = w.quota_at(a, t("2024-03-01T00:00:00+08:00")).unwrap();
    assert_eq!(limit(&after, "fx-year").layer.max, d("50000"));
    assert_eq!(limit(&after, "fx-year").layer.rule, "Q3");
    // WeChat Pay's CNY caps end on the same day.
    let wx = w
        .add_account(&AccountDraft {
            provider: "wechat-pay".into(),
            label: "微信".into(),
            tier: "verified".into(),
            ..AccountDraft::default()
        })
        .unwrap();
    let q = w.quota_at(wx, t("2024-01-15T12:00:00+08:00")).unwrap();
    assert_eq!(
        limit(&q, "wechat-foreign-card-month").layer.currency,
        Currency::CNY
    );
    let q = w.quota_at(wx, t("2024-03-15T12:00:00+08:00")).unwrap();
    assert!(
        !q.statuses
            .iter()
            .any(|s| s.layer.key == "wechat-foreign-card-month")
    );
}

#[test]
fn overrides_own_caps_and_the_alternative_book_apply_and_the_lowest_headroom_binds() {
    let (mut tw, a) = wallet_with_rates();
    let w = &mut tw.wallet;
    w.add_txn(a, &pay("2026-11-02T10:00:00+08:00", "7200", "CNY", "goods"))
        .unwrap();
    let q = Wallet::quota(w, a).unwrap();
    let b = &q.statuses[q.binding.unwrap()];
    assert_eq!(b.layer.key, "verified-year");
    // My card issuer allows CNY 20,000 a month: CNY 12,800 left = USD 1,777.78.
    w.add_cap(
        a,
        &CapDraft {
            name: "Card issuer".into(),
            window: "month".into(),
            currency: "CNY".into(),
            amount: "20000".into(),
            method: String::new(),
        },
    )
    .unwrap();
    let q = Wallet::quota(w, a).unwrap();
    let b = &q.statuses[q.binding.unwrap()];
    assert_eq!(b.layer.origin, Origin::Own);
    assert_eq!(b.remaining, d("12800.00"));
    // An override replaces a published figure for this account only.
    w.set_override(a, "verified-year", Some("1500")).unwrap();
    let q = Wallet::quota(w, a).unwrap();
    let s = limit(&q, "verified-year");
    assert_eq!(s.layer.origin, Origin::Overridden);
    assert_eq!(s.remaining, d("500.00"));
    assert_eq!(q.statuses[q.binding.unwrap()].layer.key, "verified-year");
    let e = w.set_override(a, "no-such-key", Some("1")).unwrap_err();
    assert!(e.to_string().contains("verified-year"), "{e}");
    // Q4's figures: another book.
    w.set_limit_book(a, "alternative").unwrap();
    let q = Wallet::quota(w, a).unwrap();
    assert!(q.statuses.iter().any(|s| s.layer.rule == "Q4"));
    assert!(!q.statuses.iter().any(|s| s.layer.rule == "Q1"));
    assert!(w.set_limit_book(a, "lenient").is_err());
}

#[test]
fn the_precheck_recommends_the_cheapest_active_method_and_says_why() {
    let (mut tw, a) = wallet_with_rates();
    let w = &mut tw.wallet;
    let us = w
        .add_card(a, &{
            let mut c = card("4111 1111 1111 1111");
            c.status = "active".into();
            c
        })
        .unwrap();
    let cn = w
        .add_card(a, &{
            let mut c = card("6212 3456 7890 1234 5");
            c.issuer_country = "CN".into();
            c.funding = "debit".into();
            c.status = "active".into();
            c
        })
        .unwrap();
    let _pending = w.add_card(a, &card("5555 5555 5555 4444")).unwrap();
    let p = w
        .precheck(
            a,
            &PrecheckDraft {
                amount: "3000".into(),
                currency: "CNY".into(),
                ty: "goods".into(),
                to: String::new(),
            },
        )
        .unwrap();
    assert!(p.allowed);
    // The pending card cannot pay (L7): two candidates.
    assert_eq!(p.candidates.len(), 2);
    let (id, why) = p.recommended.clone().unwrap();
    assert_eq!(id, cn, "a mainland card pays no foreign-card fee: {why}");
    assert!(why.contains("no fee"), "{why}");
    let us_fee = p.candidates.iter().find(|c| c.id == us).unwrap().fee;
    assert_eq!(us_fee, d("90.00"), "3 % of CNY 3,000 (Q5)");
    // Up to CNY 200 is free with a foreign card.
    let p = w
        .precheck(
            a,
            &PrecheckDraft {
                amount: "200".into(),
                currency: "CNY".into(),
                ty: "goods".into(),
                to: String::new(),
            },
        )
        .unwrap();
    let fee = p.candidates.iter().find(|c| c.id == us).unwrap().fee;
    assert_eq!(fee, Decimal::ZERO);
}

#[test]
fn changing_the_time_zone_rekeys_the_days() {
    let (mut tw, a) = wallet_with_rates();
    let w = &mut tw.wallet;
    w.add_cap(
        a,
        &CapDraft {
            name: "daily".into(),
            window: "day".into(),
            currency: "USD".into(),
            amount: "100".into(),
            method: String::new(),
        },
    )
    .unwrap();
    // 20:00 UTC on 1 March: 2 March in Beijing, 1 March in London.
    w.add_txn(a, &pay("2026-03-01T20:00:00Z", "10", "USD", "goods"))
        .unwrap();
    let at = t("2026-03-01T21:00:00Z");
    assert_eq!(limit(&w.quota_at(a, at).unwrap(), "cap-1").used, d("10.00"));
    w.set_setting("time-zone", "Europe/London").unwrap();
    assert_eq!(limit(&w.quota_at(a, at).unwrap(), "cap-1").used, d("10.00"));
    let earlier = t("2026-03-01T10:00:00Z");
    assert_eq!(
        limit(&w.quota_at(a, earlier).unwrap(), "cap-1").used,
        d("10.00"),
        "same London day"
    );
    w.set_setting("time-zone", "Asia/Shanghai").unwrap();
    assert_eq!(
        limit(&w.quota_at(a, earlier).unwrap(), "cap-1").used,
        d("0"),
        "a Beijing day earlier"
    );
    assert!(w.set_setting("time-zone", "Mars/Olympus").is_err());
}

#[test]
fn edit_and_delete_keep_the_totals_in_step() {
    let (mut tw, a) = wallet_with_rates();
    let w = &mut tw.wallet;
    let id = w
        .add_txn(a, &pay("2026-11-20T10:00:00+08:00", "100", "USD", "goods"))
        .unwrap();
    w.edit_txn(
        id,
        &pay("2026-11-20T10:00:00+08:00", "250", "USD", "services"),
    )
    .unwrap();
    let q = Wallet::quota(w, a).unwrap();
    assert_eq!(limit(&q, "goods-year").used, d("0"));
    assert_eq!(limit(&q, "services-year").used, d("250.00"));
    assert_eq!(w.txn(id).unwrap().new.amount, d("250"));
    w.delete_txn(id).unwrap();
    let q = Wallet::quota(w, a).unwrap();
    assert_eq!(limit(&q, "verified-year").used, d("0"));
    assert!(w.delete_txn(id).is_err());
}

// ---- import and export ----------------------------------------------------------

const HEADER: &str = "at,amount,currency,type,to,method,counterparty,note,fx_exempt\n";

#[test]
fn malformed_lines_are_named_by_line_and_nothing_is_written() {
    let (mut tw, a) = wallet_with_rates();
    let w = &mut tw.wallet;
    let text = format!(
        "\u{feff}{}\r\n{}\r\n{}\r\n{}\r\n{}\r\n{}\r\n{}\r\n",
        HEADER.trim_end(),
        "2026-03-01T10:00:00+08:00,12.50,CNY,goods,merchant,,瑞幸咖啡,,false",
        "2026-13-01,12.50,CNY,goods,merchant,,x,,",
        "2026-03-02,12;50,CNY,goods,merchant,,x,,",
        "2026-03-02,12.50,CNX,goods,merchant,,x,,",
        "2026-03-02,12.50,CNY,goods,merchant,,x",
        "2026-03-03,1.00,CNY,goods,,,\"Comma, Inc.\",\"a \"\"quoted\"\" note\",true",
    );
    let p = preview(w, a, &text);
    let lines: Vec<u64> = p.errors.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [3, 4, 5, 6], "{:?}", p.errors);
    assert!(p.errors[0].1.starts_with("at:"), "{:?}", p.errors[0]);
    assert!(p.errors[1].1.starts_with("amount:"), "{:?}", p.errors[1]);
    assert!(p.errors[2].1.starts_with("currency:"), "{:?}", p.errors[2]);
    assert!(p.errors[3].1.contains("7 columns"), "{:?}", p.errors[3]);
    assert_eq!(p.rows.len(), 2, "the BOM and CRLF lines are fine");
    let e = w
        .import_commit(a, &p, &mut |_| {}, &AtomicBool::new(false))
        .unwrap_err();
    assert!(e.to_string().contains("line 3"), "{e}");
    let all = walletdesk::store::TxnFilter {
        account: Some(a),
        ..Default::default()
    };
    assert_eq!(w.txn_count(&all).unwrap(), 0);
    // A wrong header is refused at line 1.
    let p = preview(w, a, "date,amount\n2026-03-01,1\n");
    assert_eq!(p.errors[0].0, 1);
}

#[test]
fn duplicates_are_reported_and_skipped() {
    let (mut tw, a) = wallet_with_rates();
    let w = &mut tw.wallet;
    w.add_txn(
        a,
        &TxnDraft {
            counterparty: "Luckin".into(),
            ..pay("2026-03-01T10:00:00+08:00", "12.50", "CNY", "goods")
        },
    )
    .unwrap();
    let text = format!(
        "{HEADER}{}\n{}\n{}\n",
        "2026-03-01T10:00:00+08:00,12.50,CNY,goods,merchant,,Luckin,,",
        "2026-03-01T11:00:00+08:00,30.00,CNY,goods,merchant,,DiDi,,",
        "2026-03-01T11:00:00+08:00,30.00,CNY,goods,merchant,,DiDi,,"
    );
    let p = preview(w, a, &text);
    let dup_lines: Vec<u64> = p.duplicates.iter().map(|(l, _)| *l).collect();
    assert_eq!(dup_lines, [2, 4]);
    assert_eq!(p.rows.len(), 1);
    assert_eq!(p.totals, vec![(Currency::CNY, d("30.00"))]);
    let n = w
        .import_commit(a, &p, &mut |_| {}, &AtomicBool::new(false))
        .unwrap();
    assert_eq!(n, Finished::Done(1));
}

#[test]
fn a_cancelled_import_writes_nothing() {
    let (mut tw, a) = wallet_with_rates();
    let w = &mut tw.wallet;
    let text = format!("{HEADER}2026-03-01,1.00,CNY,goods,,,,,\n");
    let p = preview(w, a, &text);
    let r = w
        .import_commit(a, &p, &mut |_| {}, &AtomicBool::new(true))
        .unwrap();
    assert_eq!(r, Finished::Cancelled);
    let all = walletdesk::store::TxnFilter {
        account: Some(a),
        ..Default::default()
    };
    assert_eq!(w.txn_count(&all).unwrap(), 0);
}

#[test]
fn ten_thousand_generated_rows_round_trip_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = Wallet::open(&dir.path().join("a.sqlite"), Vault::memory(), clock()).unwrap();
    let (_, n) = w.load_demo(10_000).unwrap();
    assert_eq!(n, 10_000);
    let accounts = w.accounts().unwrap();
    let mut w2 = Wallet::open(&dir.path().join("b.sqlite"), Vault::memory(), clock()).unwrap();
    w2.load_demo(0).unwrap();
    for r in w.rates().unwrap() {
        w2.set_rate(
            r.from.as_str(),
            r.to.as_str(),
            &r.rate.to_string(),
            &r.date.to_string(),
        )
        .unwrap();
    }
    let mut total = 0;
    for acc in &accounts {
        let mut csv = Vec::new();
        let exported = w.export_csv(acc.id, &mut csv).unwrap();
        total += exported;
        let text = String::from_utf8(csv.clone()).unwrap();
        let p = preview(&w2, acc.id, &text);
        assert!(
            p.errors.is_empty(),
            "{:?}",
            &p.errors[..p.errors.len().min(3)]
        );
        assert!(p.duplicates.is_empty(), "{:?}", p.duplicates.first());
        w2.import_commit(acc.id, &p, &mut |_| {}, &AtomicBool::new(false))
            .unwrap();
        let mut again = Vec::new();
        w2.export_csv(acc.id, &mut again).unwrap();
        assert_eq!(again, csv, "export → import → export is identical");
    }
    assert_eq!(total, 10_000);
    // The same stored conversions, hence the same quota.
    for acc in &accounts {
        let q1 = Wallet::quota(&w, acc.id).unwrap();
        let q2 = Wallet::quota(&w2, acc.id).unwrap();
        let used = |q: &Quota| q.statuses.iter().map(|s| s.used).collect::<Vec<_>>();
        assert_eq!(used(&q1), used(&q2));
    }
}

// ---- the property: day totals equal a plain recomputation -------------------------

fn plain_year_total(w: &Wallet, a: AccountId, year: i32, skip_exempt: bool) -> Decimal {
    let filter = walletdesk::store::TxnFilter {
        account: Some(a),
        ..Default::default()
    };
    let n = w.txn_count(&filter).unwrap();
    w.txn_page(&filter, 0, n)
        .unwrap()
        .iter()
        .filter(|t| {
            t.new
                .at
                .with_timezone(&chrono_tz::Asia::Shanghai)
                .format("%Y")
                .to_string()
                == year.to_string()
        })
        .filter(|t| !(skip_exempt && t.new.fx_exempt))
        .map(|t| t.in_currency(Currency::USD).unwrap())
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn day_totals_equal_a_recomputation_over_every_row(
        ops in prop::collection::vec(
            (0i64..(2 * 366 * 24), 1u32..500_000, 0usize..3, any::<bool>(), 0u8..10),
            1..40,
        )
    ) {
        let mut tw = temp_wallet(Vault::memory());
        let w = &mut tw.wallet;
        let a = add_alipay(w);
        w.set_rate("USD", "CNY", "7.1234", "2024-01-01").unwrap();
        let start = t("2025-01-01T00:00:00+08:00");
        let mut ids = Vec::new();
        for (hours, cents, ty, exempt, action) in ops {
            let at = start + chrono::Duration::hours(hours) + chrono::Duration::minutes(59);
            let draft = TxnDraft {
                fx_exempt: exempt.to_string(),
                ..pay(
                    &at.to_rfc3339(),
                    &Decimal::new(i64::from(cents), 2).to_string(),
                    if cents % 2 == 0 { "CNY" } else { "USD" },
                    ["personal", "goods", "services"][ty],
                )
            };
            match (action, ids.last().copied()) {
                (0, Some(id)) => { w.delete_txn(id).unwrap(); ids.pop(); }
                (1, Some(id)) => { w.edit_txn(id, &draft).unwrap(); }
                _ => { ids.push(w.add_txn(a, &draft).unwrap()); }
            }
        }
        for (year, at) in [(2025, "2025-07-01T00:00:00+08:00"), (2026, "2026-07-01T00:00:00+08:00")] {
            w.set_clock(Clock::Fixed(t(at)));
            let q = Wallet::quota(w, a).unwrap();
            prop_assert_eq!(limit(&q, "verified-year").used, plain_year_total(w, a, year, false));
            prop_assert_eq!(limit(&q, "fx-year").used, plain_year_total(w, a, year, true));
        }
    }
}

#[test]
fn pages_read_from_either_end_are_the_same_rows() {
    let (mut tw, a) = wallet_with_rates();
    let w = &mut tw.wallet;
    for i in 0..37 {
        w.add_txn(
            a,
            &pay(
                &format!("2026-03-01T10:{:02}:00+08:00", i % 5),
                &format!("{}.00", i + 1),
                "USD",
                "goods",
            ),
        )
        .unwrap();
    }
    let f = walletdesk::store::TxnFilter {
        account: Some(a),
        ..Default::default()
    };
    let all: Vec<i64> = w
        .txn_page(&f, 0, 100)
        .unwrap()
        .iter()
        .map(|t| t.id.0)
        .collect();
    assert_eq!(all.len(), 37);
    for offset in [0, 10, 18, 19, 30, 35, 36] {
        let page: Vec<i64> = w
            .txn_page_of(&f, offset, 7, 37)
            .unwrap()
            .iter()
            .map(|t| t.id.0)
            .collect();
        let want: Vec<i64> = all.iter().skip(offset as usize).take(7).copied().collect();
        assert_eq!(page, want, "offset {offset}");
    }
}
