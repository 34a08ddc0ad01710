//! Property tests over every parser that takes a person's input, and over money
//! arithmetic at the extremes: any input gives a value or a clear field error,
//! never a panic (the `fuzz/` targets run the same parsers for longer).
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use std::sync::atomic::AtomicBool;

use common::{add_alipay, temp_wallet};
use proptest::prelude::*;
use rust_decimal::Decimal;
use walletdesk::domain::card::{CardNumber, Expiry, normalize_number};
use walletdesk::domain::limits::{LimitBooks, parse_time_zone};
use walletdesk::domain::money::{
    self, AMOUNT_MAX, Currency, RATE_MAX, RATE_MIN, convert_amount, parse_amount, parse_rate,
};
use walletdesk::domain::profile::parse_profile;
use walletdesk::domain::txn::parse_at;
use walletdesk::vault::Vault;
use walletdesk::wallet::PrecheckDraft;

/// Text a person (or a fuzzer) might type: digits, signs, exponents, unicode.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[-+0-9.eE, ]{0,40}",
        "[0-9]{1,30}(\\.[0-9]{0,30})?",
        "[+-]?[0-9]{1,6}-[0-9]{1,2}-[0-9]{1,2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2}))?",
        "[0-9]{1,3}/[0-9]{1,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn amounts_parse_within_bounds_or_name_the_field(s in typed()) {
        match parse_amount("amount", &s, Currency::CNY) {
            Ok(d) => prop_assert!(d > Decimal::ZERO && d <= AMOUNT_MAX),
            Err(e) => prop_assert_eq!(e.field, "amount"),
        }
    }

    #[test]
    fn rates_parse_within_bounds_or_name_the_field(s in typed()) {
        match parse_rate("rate", &s) {
            Ok(d) => prop_assert!(d >= RATE_MIN && d <= RATE_MAX),
            Err(e) => prop_assert_eq!(e.field, "rate"),
        }
    }

    #[test]
    fn dates_times_and_expiries_never_panic(s in typed()) {
        if let Ok(d) = walletdesk::domain::account::parse_date("date", &s) {
            prop_assert!(walletdesk::domain::account::YEARS.contains(&chrono::Datelike::year(&d)));
        }
        if let Ok(t) = parse_at("at", &s, chrono_tz::Asia::Shanghai) {
            prop_assert!(walletdesk::domain::account::YEARS.contains(&chrono::Datelike::year(&t)));
        }
        if let Ok(e) = Expiry::parse(&s) {
            prop_assert!((2000..=2199).contains(&e.year));
        }
        let _ = parse_time_zone("time-zone", &s);
    }

    #[test]
    fn card_numbers_never_panic(s in typed()) {
        if let Ok(d) = normalize_number(&s) {
            let _ = CardNumber::parse(&d);
        }
    }

    /// Any accepted amount at any accepted rate converts, or is too large, exactly.
    #[test]
    fn conversions_at_the_extremes_are_checked(
        amount in prop_oneof![Just(AMOUNT_MAX), Just(Decimal::new(1, 2)), (1i64..=100_000_000_000).prop_map(|c| Decimal::new(c, 2))],
        rate in prop_oneof![Just(RATE_MIN), Just(RATE_MAX), (1i64..=1_000_000_000_000).prop_map(|r| Decimal::new(r, 6))],
    ) {
        match convert_amount("amount", amount, rate, Currency::USD) {
            Ok(v) => prop_assert!(v <= AMOUNT_MAX),
            Err(e) => prop_assert_eq!(e.field, "amount"),
        }
        // Through a third currency: two extreme rates multiplied.
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let lookup = |a: Currency, b: Currency| {
            (a != b).then_some((day, rate))
        };
        let hkd = Currency::parse("c", "HKD").unwrap();
        let eur = Currency::parse("c", "EUR").unwrap();
        let _ = money::conversion(hkd, eur, day, &lookup);
    }

    /// A mutated limit book or provider profile is an error naming the file,
    /// never a panic.
    #[test]
    fn mutated_data_files_are_errors_not_panics(pos in 0usize..4000, with in any::<char>()) {
        for (name, text) in [
            ("limits/standard.json", include_str!("../assets/limits/standard.json")),
            ("providers/alipay.json", include_str!("../assets/providers/alipay.json")),
        ] {
            let mut chars: Vec<char> = text.chars().collect();
            let i = pos % chars.len();
            chars[i] = with;
            let mutated: String = chars.into_iter().collect();
            if name.starts_with("limits") {
                if let Err(e) = LimitBooks::built_in().unwrap().with_files(&[(name, &mutated)]) {
                    prop_assert!(e.to_string().contains(name), "{e}");
                }
            } else if let Err(e) = parse_profile(name, &mutated) {
                prop_assert!(e.to_string().contains(name), "{e}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The pre-check, quota and recording at extreme but accepted rates and
    /// amounts: an answer or a field error, never a panic (fee, breaks and the
    /// binding layer all do arithmetic here).
    #[test]
    fn precheck_quota_and_record_at_extreme_rates_never_panic(
        rate in prop_oneof![Just("0.000001"), Just("1000000"), Just("7.2"), Just("0.000123456789")],
        amount in prop_oneof![Just("1000000000"), Just("999999999.99"), Just("0.01"), Just("36000.08")],
        currency in prop_oneof![Just("USD"), Just("CNY"), Just("HKD")],
    ) {
        let mut t = temp_wallet(Vault::memory());
        let a = add_alipay(&mut t.wallet);
        t.wallet.set_rate("USD", "CNY", rate, "2026-01-01").unwrap();
        t.wallet.set_rate("HKD", "USD", rate, "2026-01-01").unwrap();
        let draft = PrecheckDraft {
            amount: amount.into(),
            currency: currency.into(),
            ty: "goods".into(),
            to: String::new(),
        };
        if let Err(e) = t.wallet.precheck(a, &draft) {
            prop_assert_eq!(e.exit_code(), 2, "{}", e);
        }
        let tx = walletdesk::domain::txn::TxnDraft {
            amount: amount.into(),
            currency: currency.into(),
            ty: "goods".into(),
            ..Default::default()
        };
        if let Err(e) = t.wallet.add_txn(a, &tx) {
            prop_assert_eq!(e.exit_code(), 2, "{}", e);
        }
        t.wallet.quota(a).unwrap();
        t.wallet.fx_summary().unwrap();
    }

    /// Any bytes as an import file: a preview with errors by line, never a panic.
    #[test]
    fn any_bytes_as_an_import_file_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let mut t = temp_wallet(Vault::memory());
        let a = add_alipay(&mut t.wallet);
        let mut input = b"at,amount,currency,type,to,method,counterparty,note,fx_exempt\n".to_vec();
        input.extend_from_slice(&bytes);
        let _ = t.wallet.import_preview(a, input.as_slice(), input.len() as u64, &mut |_| {}, &AtomicBool::new(false)).unwrap();
        let _ = t.wallet.import_preview(a, bytes.as_slice(), bytes.len() as u64, &mut |_| {}, &AtomicBool::new(false)).unwrap();
    }
}
