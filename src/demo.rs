//! Sample data for `--demo` and `walletdesk demo`, read from `assets/demo.json`.
//!
//! Expiry dates are relative to today so the sample never goes stale.

use chrono::{Datelike, Months, NaiveDate};
use serde::Deserialize;
use zeroize::Zeroizing;

use chrono::{DateTime, Duration, FixedOffset};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use crate::domain::limits::{self, Destination, TxType, local_day};
use crate::domain::money::{Converted, Currency};
use crate::domain::txn::NewTxn;
use crate::domain::{Account, AccountDraft, CardDraft, MethodId, MethodStatus, PaypalDraft};
use crate::store;

const DEMO_JSON: &str = include_str!("../assets/demo.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[allow(dead_code)]
    source: String,
    accounts: Vec<DemoAccountRaw>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoAccountRaw {
    provider: String,
    label: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    country: String,
    tier: String,
    #[serde(default)]
    holder: String,
    passport_expiry_in_months: Option<u32>,
    #[serde(default)]
    outstanding_bills: bool,
    cards: Vec<DemoCardRaw>,
    paypal: Vec<DemoPaypalRaw>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoCardRaw {
    number: String,
    expires_in_months: u32,
    holder: String,
    funding: String,
    issuer_country: String,
    bank: String,
    intl: String,
    three_ds: String,
    balance_ok: String,
    status: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoPaypalRaw {
    email: String,
    country: String,
    funding_source: bool,
    status: String,
}

/// One sample account with its methods, as drafts the service validates like any input.
pub struct DemoAccount {
    pub account: AccountDraft,
    pub cards: Vec<CardDraft>,
    pub paypal: Vec<PaypalDraft>,
}

fn months_ahead(today: NaiveDate, months: u32) -> NaiveDate {
    today
        .checked_add_months(Months::new(months))
        .unwrap_or(today)
}

/// The sample, dated from `today`. A malformed asset is a bug caught by tests.
pub fn sample(today: NaiveDate) -> Result<Vec<DemoAccount>, String> {
    let file: File =
        serde_json::from_str(DEMO_JSON).map_err(|e| format!("assets/demo.json: {e}"))?;
    Ok(file
        .accounts
        .into_iter()
        .map(|a| DemoAccount {
            account: AccountDraft {
                provider: a.provider,
                label: a.label,
                region: a.region,
                country: a.country,
                tier: a.tier,
                holder: a.holder,
                passport_expiry: a
                    .passport_expiry_in_months
                    .map(|m| months_ahead(today, m).format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                outstanding_bills: a.outstanding_bills,
            },
            cards: a
                .cards
                .into_iter()
                .map(|c| {
                    let exp = months_ahead(today, c.expires_in_months);
                    CardDraft {
                        number: Zeroizing::new(c.number),
                        expiry: format!("{:02}/{:02}", exp.month(), exp.year() % 100),
                        holder: c.holder,
                        funding: c.funding,
                        issuer_country: c.issuer_country,
                        bank: c.bank,
                        intl: c.intl,
                        three_ds: c.three_ds,
                        balance_ok: c.balance_ok,
                        status: c.status,
                    }
                })
                .collect(),
            paypal: a
                .paypal
                .into_iter()
                .map(|p| PaypalDraft {
                    email: p.email,
                    country: p.country,
                    funding_source: p.funding_source,
                    status: p.status,
                })
                .collect(),
        })
        .collect())
}

/// How an amount of a day converts into the limit currencies (the service's rates, Q6).
pub(crate) type Convert<E> =
    dyn Fn(&rusqlite::Connection, Decimal, Currency, NaiveDate) -> Result<Vec<Converted>, E>;

/// Generate `n` realistic payments over the last 15 months across the
/// accounts (and the rates they need), inside the caller's transaction.
pub(crate) fn transactions<E>(
    tx: &rusqlite::Connection,
    n: u64,
    tz: Tz,
    now: DateTime<FixedOffset>,
    convert: &Convert<E>,
) -> Result<u64, E>
where
    E: From<store::Error> + From<crate::domain::FieldError>,
{
    let accounts = store::accounts(tx)?;
    let today = local_day(now, tz);
    let start = today - Duration::days(455);
    // Monthly rates, a little wobble, so conversions are real.
    let base: [(&str, &str, i64); 3] = [
        ("USD", "CNY", 71_800),
        ("HKD", "CNY", 9_200),
        ("EUR", "USD", 10_850),
    ];
    let mut day = start;
    let mut k = 0i64;
    while day <= today {
        for (from, to, v) in base {
            let r = Decimal::new(v + (k * 37 % 200) - 100, 4);
            let (Ok(f), Ok(t)) = (Currency::parse("from", from), Currency::parse("to", to)) else {
                continue;
            };
            store::set_rate(tx, f, t, day, r)?;
        }
        k += 1;
        day += Duration::days(30);
    }
    let payers: Vec<&Account> = accounts
        .iter()
        .filter(|a| a.provider != crate::domain::Provider::AlibabaCloud)
        .collect();
    let cloud: Vec<&Account> = accounts
        .iter()
        .filter(|a| a.provider == crate::domain::Provider::AlibabaCloud)
        .collect();
    let mut methods = std::collections::HashMap::new();
    for a in &accounts {
        let ms: Vec<MethodId> = store::methods(tx, a.id, false)?
            .into_iter()
            .filter(|m| m.status == MethodStatus::Active)
            .map(|m| m.id)
            .collect();
        methods.insert(a.id, ms);
    }
    let counterparties = [
        "瑞幸咖啡 Luckin Coffee",
        "滴滴出行 DiDi",
        "美团外卖 Meituan",
        "盒马鲜生 Hema",
        "全家 FamilyMart",
        "Shanghai Metro",
        "淘宝 Taobao",
        "京东 JD.com",
        "携程 Trip.com",
        "海底捞 Haidilao",
        "Landlord (rent)",
        "University tuition",
        "中国移动 China Mobile",
        "Friend: 王伟",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let span_secs = (today - start).num_days().max(1) * 86_400;
    let start_at = limits::midnight(start, tz);
    let mut cache: std::collections::HashMap<(Currency, NaiveDate), Vec<Converted>> =
        std::collections::HashMap::new();
    let hkd = Currency::parse("currency", "HKD")?;
    let mut written = 0;
    for i in 0..n {
        let r = rnd();
        let (acc, is_cloud) = if !cloud.is_empty() && r % 10 == 0 {
            (cloud[(r / 10) as usize % cloud.len()], true)
        } else if let Some(a) = payers.get((r / 7) as usize % payers.len().max(1)) {
            (*a, false)
        } else {
            continue;
        };
        #[allow(clippy::cast_possible_wrap)]
        let offset = (rnd() % span_secs as u64) as i64;
        let at = start_at + Duration::seconds(offset);
        let at = at.with_timezone(&tz).fixed_offset();
        let pick = rnd() % 100;
        let (ty, to) = match pick {
            0..=59 => (TxType::Goods, Destination::Merchant),
            60..=84 => (TxType::Services, Destination::Merchant),
            85..=94 => (TxType::Personal, Destination::AlipayAccount),
            _ => (TxType::Personal, Destination::BankAccount),
        };
        let currency = if is_cloud {
            Currency::USD
        } else if acc.provider == crate::domain::Provider::AlipayHk {
            hkd
        } else {
            Currency::CNY
        };
        // Mostly small payments, now and then a large one.
        let size = rnd() % 1000;
        let cents_amount: i64 = match size {
            0..=699 => 500 + (rnd() % 9_500) as i64,
            700..=949 => 10_000 + (rnd() % 90_000) as i64,
            _ => 100_000 + (rnd() % 900_000) as i64,
        };
        let amount = Decimal::new(cents_amount, 2);
        let method = methods
            .get(&acc.id)
            .and_then(|ms| (!ms.is_empty()).then(|| ms[(rnd() as usize) % ms.len()]));
        let cp = counterparties[(rnd() as usize) % counterparties.len()];
        let t = NewTxn {
            at,
            amount,
            currency,
            ty,
            to,
            method,
            counterparty: cp.into(),
            note: if i % 17 == 0 {
                "receipt kept".into()
            } else {
                String::new()
            },
            fx_exempt: cp == "University tuition",
        };
        let day = local_day(at, tz);
        let key = (currency, day);
        let converted = if let Some(c) = cache.get(&key) {
            c.iter()
                .map(|c| c.scaled("amount", amount))
                .collect::<std::result::Result<Vec<_>, _>>()?
        } else {
            let v = convert(tx, amount, currency, day)?;
            cache.insert(key, v.clone());
            v
        };
        store::insert_txn(tx, acc.id, &t, day, &converted, now)?;
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::AccountId;

    #[test]
    fn every_demo_draft_is_valid() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let demo = sample(today).unwrap();
        assert!(demo.len() >= 4);
        for a in &demo {
            a.account.validate().unwrap();
            for c in &a.cards {
                c.validate(AccountId(1), today).unwrap();
            }
            for p in &a.paypal {
                p.validate(AccountId(1)).unwrap();
            }
        }
    }
}
