//! Payment accounts: the wallets and consoles a method is linked to.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::field::{CountryCode, FieldError, FieldErrors, optional_country, parse_choice};
use super::ids::AccountId;
use super::text::{optional_text, required_text};

/// Where a method is linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Provider {
    Alipay,
    AlipayHk,
    WechatPay,
    AlibabaCloud,
}

impl Provider {
    pub const ALL: [Provider; 4] = [
        Provider::Alipay,
        Provider::AlipayHk,
        Provider::WechatPay,
        Provider::AlibabaCloud,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Provider::Alipay => "alipay",
            Provider::AlipayHk => "alipay-hk",
            Provider::WechatPay => "wechat-pay",
            Provider::AlibabaCloud => "alibaba-cloud",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Provider::Alipay => "Alipay",
            Provider::AlipayHk => "Alipay HK",
            Provider::WechatPay => "WeChat Pay",
            Provider::AlibabaCloud => "Alibaba Cloud",
        }
    }

    pub fn parse(input: &str) -> Result<Provider, FieldError> {
        parse_choice("provider", input, &Provider::ALL, Provider::id)
    }

    /// Alibaba Cloud sets its card rules by region of registration (AC4, AC6).
    pub fn needs_region(self) -> bool {
        self == Provider::AlibabaCloud
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Alibaba Cloud's regions of registration (AC4, AC6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Region {
    Us,
    Eu,
    EuropeNonEu,
    My,
    Other,
}

impl Region {
    pub const ALL: [Region; 5] = [
        Region::Us,
        Region::Eu,
        Region::EuropeNonEu,
        Region::My,
        Region::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Region::Us => "US",
            Region::Eu => "EU",
            Region::EuropeNonEu => "EUROPE-NON-EU",
            Region::My => "MY",
            Region::Other => "OTHER",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Region::Us => "United States",
            Region::Eu => "European Union",
            Region::EuropeNonEu => "Europe outside the EU",
            Region::My => "Malaysia",
            Region::Other => "Other",
        }
    }

    pub fn parse(input: &str) -> Result<Region, FieldError> {
        parse_choice(
            "region",
            &input.to_ascii_uppercase(),
            &Region::ALL,
            Region::id,
        )
    }
}

/// Real-name verification (A1, Q1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tier {
    Unverified,
    Verified,
}

impl Tier {
    pub const ALL: [Tier; 2] = [Tier::Unverified, Tier::Verified];

    pub fn id(self) -> &'static str {
        match self {
            Tier::Unverified => "unverified",
            Tier::Verified => "verified",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Tier::Unverified => "Unverified",
            Tier::Verified => "Verified",
        }
    }

    pub fn parse(input: &str) -> Result<Tier, FieldError> {
        parse_choice("tier", input, &Tier::ALL, Tier::id)
    }
}

/// A stored account.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: AccountId,
    pub provider: Provider,
    pub label: String,
    pub region: Option<Region>,
    pub country: Option<CountryCode>,
    pub tier: Tier,
    pub holder: Option<String>,
    pub passport_expiry: Option<NaiveDate>,
    /// Alibaba Cloud: running resources, outstanding or overdue bills (L5).
    pub outstanding_bills: bool,
    pub created_at: DateTime<FixedOffset>,
    /// When it was removed (archived, L8); its payments still count.
    pub archived_at: Option<DateTime<FixedOffset>>,
}

/// A checked account, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAccount {
    pub provider: Provider,
    pub label: String,
    pub region: Option<Region>,
    pub country: Option<CountryCode>,
    pub tier: Tier,
    pub holder: Option<String>,
    pub passport_expiry: Option<NaiveDate>,
    pub outstanding_bills: bool,
}

/// The account form as typed, in the window or on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountDraft {
    pub provider: String,
    pub label: String,
    pub region: String,
    pub country: String,
    pub tier: String,
    pub holder: String,
    pub passport_expiry: String,
    pub outstanding_bills: bool,
}

impl Default for AccountDraft {
    fn default() -> Self {
        AccountDraft {
            provider: Provider::Alipay.id().into(),
            label: String::new(),
            region: String::new(),
            country: String::new(),
            tier: Tier::Unverified.id().into(),
            holder: String::new(),
            passport_expiry: String::new(),
            outstanding_bills: false,
        }
    }
}

/// The years walletdesk accepts in any date (a documented rule: dates outside
/// are typing mistakes, and SQLite's date functions stop at 9999).
pub const YEARS: std::ops::RangeInclusive<i32> = 1970..=2199;

/// A date within `YEARS`, or an error naming the field.
pub fn check_year(field: &'static str, d: NaiveDate) -> Result<NaiveDate, FieldError> {
    use chrono::Datelike as _;
    if YEARS.contains(&d.year()) {
        Ok(d)
    } else {
        Err(FieldError::new(
            field,
            format!(
                "the year must be {} to {}, not {}",
                YEARS.start(),
                YEARS.end(),
                d.year()
            ),
        ))
    }
}

/// Parse an ISO date `YYYY-MM-DD` (years 1970 to 2199).
pub fn parse_date(field: &'static str, input: &str) -> Result<NaiveDate, FieldError> {
    let d = NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").map_err(|_| {
        FieldError::new(
            field,
            format!("use a date like 2031-05-20, not {:?}", input.trim()),
        )
    })?;
    check_year(field, d)
}

impl Account {
    /// The account as its form would show it (edits start from this).
    pub fn to_draft(&self) -> AccountDraft {
        AccountDraft {
            provider: self.provider.id().into(),
            label: self.label.clone(),
            region: self.region.map(Region::id).unwrap_or_default().into(),
            country: self
                .country
                .as_ref()
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default(),
            tier: self.tier.id().into(),
            holder: self.holder.clone().unwrap_or_default(),
            passport_expiry: self
                .passport_expiry
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            outstanding_bills: self.outstanding_bills,
        }
    }
}

/// Changes to an account: `None` keeps the field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountPatch {
    pub provider: Option<String>,
    pub label: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub tier: Option<String>,
    pub holder: Option<String>,
    pub passport_expiry: Option<String>,
    pub outstanding_bills: Option<bool>,
}

impl AccountPatch {
    pub fn is_empty(&self) -> bool {
        *self == AccountPatch::default()
    }

    /// The whole form as edited in the window: every field but the provider.
    pub fn from_form(d: &AccountDraft) -> AccountPatch {
        AccountPatch {
            provider: None,
            label: Some(d.label.clone()),
            region: Some(d.region.clone()),
            country: Some(d.country.clone()),
            tier: Some(d.tier.clone()),
            holder: Some(d.holder.clone()),
            passport_expiry: Some(d.passport_expiry.clone()),
            outstanding_bills: Some(d.outstanding_bills),
        }
    }

    /// The form with the given fields replaced.
    pub fn apply(&self, d: &AccountDraft) -> AccountDraft {
        let pick = |new: &Option<String>, old: &String| new.clone().unwrap_or_else(|| old.clone());
        AccountDraft {
            provider: pick(&self.provider, &d.provider),
            label: pick(&self.label, &d.label),
            region: pick(&self.region, &d.region),
            country: pick(&self.country, &d.country),
            tier: pick(&self.tier, &d.tier),
            holder: pick(&self.holder, &d.holder),
            passport_expiry: pick(&self.passport_expiry, &d.passport_expiry),
            outstanding_bills: self.outstanding_bills.unwrap_or(d.outstanding_bills),
        }
    }
}

impl AccountDraft {
    /// Every problem with the form, field by field, or the account to store.
    pub fn validate(&self) -> Result<NewAccount, FieldErrors> {
        let mut errs = FieldErrors::default();
        let provider = errs.take(Provider::parse(&self.provider));
        let label = errs.take(required_text("label", &self.label, 80));
        let region = if self.region.trim().is_empty() {
            if provider.is_some_and(Provider::needs_region) {
                errs.push(FieldError::new(
                    "region",
                    "required for Alibaba Cloud accounts: US, EU, EUROPE-NON-EU, MY or OTHER",
                ));
            }
            None
        } else {
            errs.take(Region::parse(&self.region))
        };
        let country = errs
            .take(optional_country("country", &self.country))
            .flatten();
        let tier = errs.take(Tier::parse(&self.tier));
        let holder = errs
            .take(optional_text("holder", &self.holder, 100))
            .flatten();
        let passport_expiry = if self.passport_expiry.trim().is_empty() {
            None
        } else {
            errs.take(parse_date("passport-expiry", &self.passport_expiry))
        };
        match (provider, label, tier) {
            (Some(provider), Some(label), Some(tier)) if errs.is_empty() => Ok(NewAccount {
                provider,
                label,
                region,
                country,
                tier,
                holder,
                passport_expiry,
                outstanding_bills: self.outstanding_bills,
            }),
            _ => Err(errs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minimal_alipay_account_is_valid() {
        let d = AccountDraft {
            label: "My Alipay".into(),
            ..AccountDraft::default()
        };
        let a = d.validate().unwrap();
        assert_eq!(a.provider, Provider::Alipay);
        assert_eq!(a.tier, Tier::Unverified);
        assert_eq!(a.region, None);
    }

    #[test]
    fn alibaba_cloud_needs_a_region() {
        let mut d = AccountDraft {
            provider: "alibaba-cloud".into(),
            label: "Cloud".into(),
            ..AccountDraft::default()
        };
        let e = d.validate().unwrap_err();
        assert_eq!(e.first().unwrap().field, "region");
        d.region = "europe-non-eu".into();
        assert_eq!(d.validate().unwrap().region, Some(Region::EuropeNonEu));
    }

    #[test]
    fn every_bad_field_is_named() {
        let d = AccountDraft {
            provider: "paypal".into(),
            label: " ".into(),
            region: "MARS".into(),
            country: "USA".into(),
            tier: "gold".into(),
            holder: String::new(),
            passport_expiry: "31/12/2030".into(),
            outstanding_bills: false,
        };
        let e = d.validate().unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "provider",
                "label",
                "region",
                "country",
                "tier",
                "passport-expiry"
            ]
        );
        assert!(e.get("provider").unwrap().message.contains("alipay-hk"));
    }
}
