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
use crate::domain::{
    Account, AccountDraft, AccountId, CardDraft, MethodId, MethodStatus, PaypalDraft,
};
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

/// A kind of payment a person makes, with what it is for, where the money goes
/// and what it plausibly costs, so that the sample reads true: coffee is a few
/// yuan of goods at a merchant, rent is a personal payment to a bank account.
struct Kind {
    counterparty: &'static str,
    ty: TxType,
    to: Destination,
    /// The cheapest and dearest it comes to, in minor units (cents, fen).
    min: i64,
    max: i64,
    /// Amounts are multiples of this many minor units (metro fares are whole yuan).
    step: i64,
    /// How often, relative to the other kinds of its wallet.
    weight: u64,
    /// Tuition with proof (Q3).
    fx_exempt: bool,
}

const fn kind(
    counterparty: &'static str,
    ty: TxType,
    to: Destination,
    (min, max, step): (i64, i64, i64),
    weight: u64,
) -> Kind {
    Kind {
        counterparty,
        ty,
        to,
        min,
        max,
        step,
        weight,
        fx_exempt: false,
    }
}

use Destination::{AlipayAccount, BankAccount, Merchant};
use TxType::{Goods, Personal, Services};

/// A mainland wallet in CNY: everyday spending and transfers to friends (the
/// rent, the phone and tuition come on their dates: `ON_DATES`).
const MAINLAND: &[Kind] = &[
    kind(
        "瑞幸咖啡 Luckin Coffee",
        Goods,
        Merchant,
        (990, 3_500, 10),
        120,
    ),
    kind("全家 FamilyMart", Goods, Merchant, (600, 6_000, 10), 90),
    kind(
        "美团外卖 Meituan",
        Goods,
        Merchant,
        (2_500, 12_000, 10),
        110,
    ),
    kind("盒马鲜生 Hema", Goods, Merchant, (4_000, 40_000, 10), 70),
    kind("淘宝 Taobao", Goods, Merchant, (1_900, 80_000, 100), 60),
    kind("京东 JD.com", Goods, Merchant, (5_900, 699_900, 100), 25),
    kind("滴滴出行 DiDi", Services, Merchant, (1_200, 9_500, 10), 100),
    kind("Shanghai Metro", Services, Merchant, (300, 900, 100), 110),
    kind(
        "海底捞 Haidilao",
        Services,
        Merchant,
        (18_000, 65_000, 100),
        30,
    ),
    kind(
        "携程 Trip.com",
        Services,
        Merchant,
        (35_000, 380_000, 100),
        18,
    ),
    kind(
        "Friend: 王伟",
        Personal,
        AlipayAccount,
        (3_000, 30_000, 100),
        30,
    ),
];

/// Payments of the verified Alipay account that come on a date: the kind, the
/// day of the month, and the months (none: every month).
const ON_DATES: &[(Kind, u32, &[u32])] = &[
    (
        kind(
            "Landlord (rent)",
            Personal,
            BankAccount,
            (780_000, 780_000, 100),
            0,
        ),
        1,
        &[],
    ),
    (
        kind(
            "中国移动 China Mobile",
            Services,
            Merchant,
            (10_000, 10_000, 100),
            0,
        ),
        8,
        &[],
    ),
    (
        Kind {
            fx_exempt: true,
            ..kind(
                "University tuition",
                Services,
                Merchant,
                (2_600_000, 2_600_000, 100),
                0,
            )
        },
        20,
        &[2, 9],
    ),
];

/// An unverified WeChat Pay wallet in CNY: small everyday payments only.
const WECHAT: &[Kind] = &[
    kind(
        "瑞幸咖啡 Luckin Coffee",
        Goods,
        Merchant,
        (990, 3_500, 10),
        120,
    ),
    kind("全家 FamilyMart", Goods, Merchant, (600, 6_000, 10), 90),
    kind("美团外卖 Meituan", Goods, Merchant, (2_500, 12_000, 10), 80),
    kind("滴滴出行 DiDi", Services, Merchant, (1_200, 9_500, 10), 60),
    kind(
        "Friend: 王伟",
        Personal,
        AlipayAccount,
        (3_000, 20_000, 100),
        15,
    ),
];

/// AlipayHK, in HKD.
const HONG_KONG: &[Kind] = &[
    kind("7-Eleven 香港", Goods, Merchant, (800, 8_000, 10), 100),
    kind("百佳 PARKnSHOP", Goods, Merchant, (5_000, 60_000, 10), 60),
    kind("HKTVmall", Goods, Merchant, (8_000, 150_000, 100), 25),
    kind("港鐵 MTR", Services, Merchant, (500, 4_500, 10), 100),
    kind(
        "大家樂 Café de Coral",
        Services,
        Merchant,
        (4_000, 12_000, 10),
        60,
    ),
    kind(
        "Friend: 陳小明",
        Personal,
        AlipayAccount,
        (10_000, 50_000, 100),
        15,
    ),
];

/// Alibaba Cloud, in USD: the monthly bills of a small site.
const CLOUD: &[Kind] = &[
    kind(
        "Alibaba Cloud: ECS instance",
        Services,
        Merchant,
        (800, 16_000, 1),
        50,
    ),
    kind(
        "Alibaba Cloud: OSS storage",
        Services,
        Merchant,
        (100, 2_500, 1),
        30,
    ),
    kind(
        "Alibaba Cloud: domain renewal",
        Services,
        Merchant,
        (1_000, 4_000, 1),
        5,
    ),
];

/// An account's kinds of payment, its currency, its share of the payments, and
/// whether the dated ones (`ON_DATES`) are paid from it.
fn catalogue(a: &Account, hkd: Currency) -> (&'static [Kind], Currency, u64, bool) {
    use crate::domain::{Provider, Tier};
    match (a.provider, a.tier) {
        (Provider::AlibabaCloud, _) => (CLOUD, Currency::USD, 4, false),
        (Provider::AlipayHk, _) => (HONG_KONG, hkd, 20, false),
        (Provider::WechatPay, _) | (Provider::Alipay, Tier::Unverified) => {
            (WECHAT, Currency::CNY, 16, false)
        }
        (Provider::Alipay, Tier::Verified) => (MAINLAND, Currency::CNY, 60, true),
    }
}

/// Pick by weight: the item whose share of `total` holds `r`.
fn by_weight<T>(items: &[T], weight: impl Fn(&T) -> u64, r: u64) -> Option<&T> {
    let total: u64 = items.iter().map(&weight).sum();
    let mut r = r % total.max(1);
    items.iter().find(|i| {
        let w = weight(i);
        if r < w {
            true
        } else {
            r -= w;
            false
        }
    })
}

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
    let hkd = Currency::parse("currency", "HKD")?;
    let mut wallets = Vec::new();
    for a in &accounts {
        let methods: Vec<MethodId> = store::methods(tx, a.id, false)?
            .into_iter()
            .filter(|m| m.status == MethodStatus::Active)
            .map(|m| m.id)
            .collect();
        let (kinds, currency, share, dated) = catalogue(a, hkd);
        wallets.push((a.id, kinds, currency, share, methods, dated));
    }
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut planned: Vec<(AccountId, &Kind, Currency, DateTime<FixedOffset>)> = Vec::new();
    // The rent, the phone bill and tuition on their dates, at most a fifth of the rows.
    if let Some((account, ..)) = wallets.iter().find(|w| w.5) {
        let mut month = start.with_day(1).unwrap_or(start);
        while month <= today {
            for (k, day, months) in ON_DATES {
                let on = month.with_day(*day).filter(|d| *d >= start && *d <= today);
                if let Some(on) =
                    on.filter(|_| months.is_empty() || months.contains(&month.month()))
                {
                    let at = limits::midnight(on, tz) + Duration::hours(10);
                    planned.push((*account, k, Currency::CNY, at));
                }
            }
            month = month
                .checked_add_months(Months::new(1))
                .unwrap_or(today + Duration::days(1));
        }
        planned.truncate(usize::try_from(n / 5).unwrap_or(usize::MAX));
    }
    let days = u64::try_from((today - start).num_days().max(1)).unwrap_or(1);
    let methods: std::collections::HashMap<AccountId, &Vec<MethodId>> =
        wallets.iter().map(|w| (w.0, &w.4)).collect();
    let mut cache: std::collections::HashMap<(Currency, NaiveDate), Vec<Converted>> =
        std::collections::HashMap::new();
    let mut written = 0;
    for i in 0..n {
        let dated = usize::try_from(i)
            .ok()
            .and_then(|i| planned.get(i))
            .copied();
        let Some((account, k, currency, at)) = dated.or_else(|| {
            // Everyday payments, between 07:00 and 23:00 on the local clock.
            let (account, kinds, currency, ..) = by_weight(&wallets, |w| w.3, rnd())?;
            let k = by_weight(kinds, |k| k.weight, rnd())?;
            #[allow(clippy::cast_possible_wrap)]
            let at = limits::midnight(start, tz)
                + Duration::days((rnd() % days) as i64)
                + Duration::minutes((7 * 60 + rnd() % (16 * 60)) as i64);
            Some((*account, k, *currency, at))
        }) else {
            continue;
        };
        let at = at.with_timezone(&tz).fixed_offset();
        // Mostly near the low end, now and then near the top.
        #[allow(clippy::cast_possible_wrap)]
        let u = (rnd() % 1_000) as i64;
        let raw = k.min + (k.max - k.min) * u * u / 1_000_000;
        let minor = (raw / k.step * k.step).max(k.min);
        let amount = currency.round(Decimal::new(minor, 2));
        let method = methods
            .get(&account)
            .filter(|ms| !ms.is_empty())
            .map(|ms| ms[(rnd() as usize) % ms.len()]);
        let t = NewTxn {
            at,
            amount,
            currency,
            ty: k.ty,
            to: k.to,
            method,
            counterparty: k.counterparty.into(),
            note: if i % 17 == 0 {
                "receipt kept".into()
            } else {
                String::new()
            },
            fx_exempt: k.fx_exempt,
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
        store::insert_txn(tx, account, &t, day, &converted, now)?;
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn the_offer_says_what_the_sample_adds() {
        let demo = sample(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()).unwrap();
        let cards: usize = demo.iter().map(|a| a.cards.len()).sum();
        let paypal: usize = demo.iter().map(|a| a.paypal.len()).sum();
        let offer = crate::words::DEMO_OFFER;
        assert!(offer.contains(&format!("Adds {} sample accounts", demo.len())));
        assert!(offer.contains(&format!("with {cards} test cards")));
        assert_eq!(paypal, 1, "{offer}");
        assert!(offer.contains("and a PayPal account"));
    }
}
