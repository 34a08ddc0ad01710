//! Sample data for `--demo` and `walletdesk demo`, read from `assets/demo.json`.
//!
//! Expiry dates are relative to today so the sample never goes stale.

use chrono::{Datelike, Months, NaiveDate};
use serde::Deserialize;
use zeroize::Zeroizing;

use crate::domain::{AccountDraft, CardDraft, PaypalDraft};

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
