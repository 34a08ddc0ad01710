//! Default and removable methods, L1–L7, through the service on a real
//! temporary database and the mock keyring: each rule allowed once and refused
//! once, and a random-walk state machine that checks the invariants after
//! every step.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, Duration, FixedOffset};
use common::{card, db_files, temp_wallet};
use proptest::prelude::*;
use rusqlite::Connection;
use walletdesk::domain::lifecycle::{Step, check_pay};
use walletdesk::domain::{AccountDraft, AccountId, MethodId, MethodStatus, PaypalDraft};
use walletdesk::vault::{self, Vault};
use walletdesk::wallet::Error;
use walletdesk::{Clock, Wallet};

fn account(w: &mut Wallet, bills: bool) -> AccountId {
    w.add_account(&AccountDraft {
        provider: "alibaba-cloud".into(),
        label: "Cloud".into(),
        region: "OTHER".into(),
        tier: "verified".into(),
        outstanding_bills: bills,
        ..AccountDraft::default()
    })
    .unwrap()
}

fn add(w: &mut Wallet, a: AccountId, number: &str, status: &str) -> MethodId {
    let mut c = card(number);
    c.status = status.into();
    // Some test cards will fail on their account (e.g. AC4): added anyway.
    w.add_card_anyway(a, &c).unwrap()
}

fn rule(e: Error) -> &'static str {
    match e {
        Error::Refused(r) => r.rule,
        other => panic!("expected a refusal, got {other}"),
    }
}

fn default_of(w: &Wallet, a: AccountId) -> Option<MethodId> {
    w.methods(a, true)
        .unwrap()
        .iter()
        .find(|m| m.is_default)
        .map(|m| m.id)
}

/// A dump of both tables, to prove a refusal changed nothing.
fn dump(path: &std::path::Path) -> Vec<String> {
    let c = Connection::open(path).unwrap();
    let mut st = c
        .prepare("SELECT id, status, is_default, ifnull(status_reason, '') FROM method ORDER BY id")
        .unwrap();
    st.query_map([], |r| {
        Ok(format!(
            "{}:{}:{}:{}",
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn l1_the_first_method_becomes_default_even_while_pending() {
    let mut t = temp_wallet(Vault::memory());
    let a = account(&mut t.wallet, false);
    let first = add(&mut t.wallet, a, "4111111111111111", "pending");
    let second = add(&mut t.wallet, a, "5555555555554444", "active");
    assert_eq!(default_of(&t.wallet, a), Some(first));
    assert!(!t.wallet.method(second).unwrap().is_default);
}

#[test]
fn l2_only_an_active_method_can_be_made_default() {
    let mut t = temp_wallet(Vault::memory());
    let a = account(&mut t.wallet, false);
    add(&mut t.wallet, a, "4111111111111111", "active");
    let pending = add(&mut t.wallet, a, "5555555555554444", "pending");
    let before = dump(&t.path());
    let e = t.wallet.make_default(pending).unwrap_err();
    assert_eq!(e.exit_code(), 1);
    assert_eq!(rule(e), "L2");
    assert_eq!(dump(&t.path()), before);
    t.wallet
        .set_status(pending, MethodStatus::Active, "")
        .unwrap();
    t.wallet.make_default(pending).unwrap();
    assert_eq!(default_of(&t.wallet, a), Some(pending));
}

#[test]
fn l3_the_default_stays_while_others_exist_and_the_plan_names_the_way() {
    let mut t = temp_wallet(Vault::memory());
    let a = account(&mut t.wallet, false);
    let d = add(&mut t.wallet, a, "4111111111111111", "active");
    let other = add(&mut t.wallet, a, "5555555555554444", "active");
    let before = dump(&t.path());
    let Error::Refused(r) = t.wallet.remove_method(d, None).unwrap_err() else {
        panic!()
    };
    assert_eq!(r.rule, "L3");
    assert_eq!(dump(&t.path()), before);
    let plan = &r.plans[0];
    assert!(plan.is_doable());
    assert!(matches!(plan.0[0], Step::MakeDefault { method, .. } if method == other));
    assert!(matches!(plan.0[1], Step::Remove { method, .. } if method == d));
    assert!(
        plan.to_string()
            .starts_with("Set Mastercard •••• 4444 as default, then remove Visa •••• 1111"),
        "{plan}"
    );
    // Following the plan works.
    t.wallet.make_default(other).unwrap();
    t.wallet.remove_method(d, None).unwrap();
    assert_eq!(t.wallet.method(d).unwrap().status, MethodStatus::Removed);
    // The only method, even the default, can go.
    t.wallet.remove_method(other, None).unwrap();
    assert_eq!(default_of(&t.wallet, a), None);
}

#[test]
fn l4_an_expired_default_or_any_non_default_can_be_removed() {
    let mut t = temp_wallet(Vault::memory());
    let a = account(&mut t.wallet, false);
    let mut c = card("4111111111111111");
    c.expiry = "12/26".into();
    let d = t.wallet.add_card(a, &c).unwrap();
    let pending = add(&mut t.wallet, a, "5555555555554444", "pending");
    t.wallet.remove_method(pending, None).unwrap();
    // The clock passes the expiry month: the default expires and can go (no other active).
    add(&mut t.wallet, a, "378282246310005", "pending");
    t.wallet.set_clock(Clock::Fixed(
        DateTime::parse_from_rfc3339("2027-01-01T09:00:00+08:00").unwrap(),
    ));
    assert_eq!(t.wallet.expire_due().unwrap(), vec![d]);
    assert_eq!(t.wallet.method(d).unwrap().status, MethodStatus::Expired);
    assert!(
        t.wallet.method(d).unwrap().is_default,
        "never replaced silently (L6)"
    );
    t.wallet.remove_method(d, None).unwrap();
    let key = vault::method_key(t.wallet.database_id(), d);
    assert_eq!(
        t.wallet.vault().get(&key).unwrap(),
        None,
        "its number left the keyring"
    );
}

#[test]
fn l5_the_only_active_method_stays_while_bills_are_outstanding() {
    let mut t = temp_wallet(Vault::memory());
    let a = account(&mut t.wallet, true);
    let only = add(&mut t.wallet, a, "4111111111111111", "active");
    let e = t.wallet.remove_method(only, None).unwrap_err();
    let Error::Refused(r) = &e else { panic!() };
    assert_eq!(r.rule, "L5");
    assert!(
        !r.plans[0].is_doable(),
        "the person must act outside the app"
    );
    // With a second active method it can go (after switching the default: L3).
    let second = add(&mut t.wallet, a, "5555555555554444", "active");
    t.wallet.make_default(second).unwrap();
    t.wallet.remove_method(only, None).unwrap();
    // Without bills the only active method could go.
    let mut t = temp_wallet(Vault::memory());
    let a = account(&mut t.wallet, false);
    let only = add(&mut t.wallet, a, "4111111111111111", "active");
    t.wallet.remove_method(only, None).unwrap();
}

#[test]
fn l6_removing_an_expired_default_asks_for_the_new_default_in_the_same_step() {
    let mut t = temp_wallet(Vault::memory());
    let a = account(&mut t.wallet, false);
    let mut c = card("4111111111111111");
    c.expiry = "12/26".into();
    c.status = "active".into();
    let d = t.wallet.add_card(a, &c).unwrap();
    let x = add(&mut t.wallet, a, "5555555555554444", "active");
    let y = add(&mut t.wallet, a, "378282246310005", "active");
    t.wallet.set_clock(Clock::Fixed(
        DateTime::parse_from_rfc3339("2027-01-02T09:00:00+08:00").unwrap(),
    ));
    t.wallet.expire_due().unwrap();
    let before = dump(&t.path());
    let Error::Refused(r) = t.wallet.remove_method(d, None).unwrap_err() else {
        panic!()
    };
    assert_eq!(r.rule, "L6");
    assert_eq!(r.plans.len(), 2, "one choice per active method");
    assert_eq!(dump(&t.path()), before);
    // Choosing something that is not another active method is bad input.
    assert_eq!(
        t.wallet.remove_method(d, Some(d)).unwrap_err().exit_code(),
        2
    );
    t.wallet.remove_method(d, Some(y)).unwrap();
    assert_eq!(default_of(&t.wallet, a), Some(y));
    assert!(!t.wallet.method(x).unwrap().is_default);
}

#[test]
fn l6_a_failed_default_is_reported_not_replaced_and_l1_fills_an_empty_default() {
    let mut t = temp_wallet(Vault::memory());
    let a = account(&mut t.wallet, false);
    let d = add(&mut t.wallet, a, "4111111111111111", "active");
    let x = add(&mut t.wallet, a, "5555555555554444", "active");
    t.wallet
        .set_status(d, MethodStatus::Failed, "card blocked by the bank")
        .unwrap();
    assert_eq!(default_of(&t.wallet, a), Some(d), "never picks silently");
    assert_eq!(
        t.wallet.method(d).unwrap().status_reason.as_deref(),
        Some("card blocked by the bank")
    );
    t.wallet.make_default(x).unwrap();
    // An account whose default was removed gets one again when a method turns active.
    let b = account(&mut t.wallet, false);
    let only = add(&mut t.wallet, b, "378282246310005", "pending");
    let p2 = add(&mut t.wallet, b, "3530111333300000", "pending");
    t.wallet.set_status(only, MethodStatus::Failed, "").unwrap();
    t.wallet.remove_method(p2, None).unwrap();
    t.wallet.remove_method(only, None).unwrap();
    let p3 = add(&mut t.wallet, b, "6011111111111117", "pending");
    assert_eq!(default_of(&t.wallet, b), Some(p3), "L1 on linking");
    assert!(t.wallet.set_status(p3, MethodStatus::Active, "").is_ok());
}

#[test]
fn l1_l6_a_method_turning_active_on_an_account_without_default_becomes_it() {
    let mut t = temp_wallet(Vault::memory());
    let a = account(&mut t.wallet, false);
    let mut c = card("4111111111111111");
    c.expiry = "12/26".into();
    let d = t.wallet.add_card(a, &c).unwrap();
    let x = add(&mut t.wallet, a, "5555555555554444", "pending");
    t.wallet.set_clock(Clock::Fixed(
        DateTime::parse_from_rfc3339("2027-01-05T09:00:00+08:00").unwrap(),
    ));
    t.wallet.expire_due().unwrap();
    // The expired default goes; nothing else is active, so no default is chosen.
    t.wallet.remove_method(d, None).unwrap();
    assert_eq!(default_of(&t.wallet, a), None);
    // When X is verified it becomes the default, so L6 holds again.
    assert!(t.wallet.set_status(x, MethodStatus::Active, "").unwrap());
    assert_eq!(default_of(&t.wallet, a), Some(x));
}

#[test]
fn l7_only_a_verified_method_can_pay() {
    let mut t = temp_wallet(Vault::memory());
    let a = account(&mut t.wallet, false);
    let m = add(&mut t.wallet, a, "4111111111111111", "pending");
    let r = check_pay(&t.wallet.method(m).unwrap()).unwrap_err();
    assert_eq!(r.rule, "L7");
    t.wallet.set_status(m, MethodStatus::Active, "").unwrap();
    assert!(check_pay(&t.wallet.method(m).unwrap()).is_ok());
}

#[test]
fn status_changes_follow_the_transition_table() {
    let mut t = temp_wallet(Vault::memory());
    let a = account(&mut t.wallet, false);
    let m = add(&mut t.wallet, a, "4111111111111111", "pending");
    assert_eq!(
        t.wallet
            .set_status(m, MethodStatus::Pending, "")
            .unwrap_err()
            .exit_code(),
        2
    );
    t.wallet
        .set_status(m, MethodStatus::Failed, "3-D Secure failed")
        .unwrap();
    t.wallet.set_status(m, MethodStatus::Active, "").unwrap();
    assert_eq!(t.wallet.method(m).unwrap().status_reason, None);
    assert_eq!(
        t.wallet
            .set_status(m, MethodStatus::Expired, "")
            .unwrap_err()
            .exit_code(),
        2
    );
}

#[test]
fn the_pre_authorization_refund_is_tracked_and_flagged_after_30_days() {
    let mut t = temp_wallet(Vault::memory());
    let a = account(&mut t.wallet, false);
    let m = add(&mut t.wallet, a, "4111111111111111", "pending");
    let p = t.wallet.preauth(m).unwrap().unwrap();
    assert_eq!(p.refund_starts_by - p.placed_at, Duration::hours(24));
    assert_eq!(p.refund_expected_by - p.placed_at, Duration::days(30));
    assert!(!p.overdue);
    let later: DateTime<FixedOffset> = p.placed_at + Duration::days(30);
    t.wallet.set_clock(Clock::Fixed(later));
    assert!(t.wallet.preauth(m).unwrap().unwrap().overdue);
    t.wallet.set_status(m, MethodStatus::Active, "").unwrap();
    assert_eq!(t.wallet.preauth(m).unwrap(), None);
    let active = add(&mut t.wallet, a, "5555555555554444", "active");
    assert_eq!(t.wallet.preauth(active).unwrap(), None);
}

#[test]
fn reminders_for_this_month_and_the_next_60_days() {
    let mut t = temp_wallet(Vault::memory());
    let a = account(&mut t.wallet, false);
    for (n, e) in [
        ("4111111111111111", "11/26"),
        ("5555555555554444", "12/26"),
        ("378282246310005", "01/27"),
    ] {
        let mut c = card(n);
        c.expiry = e.into();
        // C4 blocks the one expiring this month on Alibaba Cloud: added anyway.
        t.wallet.add_card_anyway(a, &c).unwrap();
    }
    let r = t.wallet.reminders().unwrap();
    let last4: Vec<&str> = r
        .iter()
        .map(|(m, _, _)| m.card().unwrap().last4.as_str())
        .collect();
    assert_eq!(last4, ["1111", "4444"], "01/27 ends in 71 days, beyond 60");
}

#[test]
fn removing_a_paypal_account_archives_it() {
    let mut t = temp_wallet(Vault::memory());
    let a = account(&mut t.wallet, false);
    let m = t
        .wallet
        .add_paypal(
            a,
            &PaypalDraft {
                email: "a@b.com".into(),
                country: "US".into(),
                ..Default::default()
            },
        )
        .unwrap();
    t.wallet.remove_method(m, None).unwrap();
    assert_eq!(t.wallet.methods(a, false).unwrap().len(), 0);
    assert_eq!(t.wallet.methods(a, true).unwrap().len(), 1, "history kept");
}

#[derive(Debug, Clone)]
enum Op {
    Add { account: usize, status: bool },
    Activate(usize),
    Fail(usize),
    MakeDefault(usize),
    Remove(usize, Option<usize>),
    Days(i64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..2usize, any::<bool>()).prop_map(|(account, status)| Op::Add { account, status }),
        (0..6usize).prop_map(Op::Activate),
        (0..6usize).prop_map(Op::Fail),
        (0..6usize).prop_map(Op::MakeDefault),
        ((0..6usize), proptest::option::of(0..6usize)).prop_map(|(m, n)| Op::Remove(m, n)),
        (20..150i64).prop_map(Op::Days),
    ]
}

/// Card numbers with valid check digits, one per possible method.
fn numbers() -> Vec<String> {
    (0..40u64)
        .map(|i| {
            let body = format!("41111111{:07}", i);
            (0..10)
                .map(|d| format!("{body}{d}"))
                .find(|n| walletdesk::domain::card::luhn_ok(n))
                .unwrap()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Random add / activate / fail / expire (the clock moves) / make default /
    /// remove over three accounts. After every step: at most one default per
    /// account and exactly one while it has an active method (L6), no removed
    /// default, a refusal changed nothing, and no keyring entry for a removed method.
    #[test]
    fn lifecycle_invariants_hold_after_every_step(ops in proptest::collection::vec(op(), 1..40)) {
        let store = keyring_core::mock::Store::new().unwrap();
        let mut t = temp_wallet(Vault::with_store(store, "mock"));
        let accounts: Vec<AccountId> = (0..2).map(|i| account(&mut t.wallet, i == 0)).collect();
        let numbers = numbers();
        let numbers = &numbers;
        let mut methods: Vec<MethodId> = Vec::new();
        let mut now = DateTime::parse_from_rfc3339("2026-11-21T12:00:00+08:00").unwrap();
        for (i, op) in ops.iter().enumerate() {
            let pick = |k: usize| methods.get(k % methods.len().max(1)).copied();
            let before = dump(&t.path());
            let result = match op {
                Op::Add { account, status } => {
                    let mut c = card(&numbers[i % numbers.len()]);
                    c.expiry = ["12/26", "03/27", "09/28"][i % 3].into();
                    c.status = if *status { "active" } else { "pending" }.into();
                    match t.wallet.add_card(accounts[*account], &c) {
                        Ok(id) => { methods.push(id); Ok(()) }
                        Err(e) => Err(e),
                    }
                }
                Op::Activate(k) => match pick(*k) {
                    Some(m) => t.wallet.set_status(m, MethodStatus::Active, "").map(drop),
                    None => Ok(()),
                },
                Op::Fail(k) => match pick(*k) {
                    Some(m) => t.wallet.set_status(m, MethodStatus::Failed, "declined").map(drop),
                    None => Ok(()),
                },
                Op::MakeDefault(k) => match pick(*k) {
                    Some(m) => t.wallet.make_default(m),
                    None => Ok(()),
                },
                Op::Remove(k, n) => match pick(*k) {
                    Some(m) => t.wallet.remove_method(m, n.and_then(pick)),
                    None => Ok(()),
                },
                Op::Days(d) => {
                    now += Duration::days(*d);
                    t.wallet.set_clock(Clock::Fixed(now));
                    t.wallet.expire_due().map(drop)
                }
            };
            if let Err(e) = &result {
                prop_assert!(matches!(e.exit_code(), 1 | 2), "{e}");
                prop_assert_eq!(&dump(&t.path()), &before, "a refusal changed the database: {}", e);
            }
            for a in &accounts {
                let all = t.wallet.methods(*a, true).unwrap();
                let defaults = all.iter().filter(|m| m.is_default).count();
                prop_assert!(defaults <= 1);
                if all.iter().any(|m| m.status == MethodStatus::Active) {
                    prop_assert_eq!(defaults, 1, "an account with an active method has a default");
                }
                for m in &all {
                    prop_assert!(!(m.is_default && m.status == MethodStatus::Removed));
                    let key = vault::method_key(t.wallet.database_id(), m.id);
                    let held = t.wallet.vault().get(&key).unwrap().is_some();
                    prop_assert_eq!(held, m.status != MethodStatus::Removed, "keyring entry of {:?}", m.status);
                }
            }
        }
        for f in db_files(&t.path()) {
            prop_assert!(!common::file_contains(&f, &numbers[0]));
        }
    }
}
