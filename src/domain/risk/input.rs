//! What a binding rule sees (the method, the account it is to be linked to, what
//! else is stored, the time and the provider's spec of the rule), and the flag it
//! raises.

use chrono::{DateTime, FixedOffset};

use crate::domain::account::{Provider, Region, Tier};
use crate::domain::card::{self, Expiry, Network};
use crate::domain::field::{CountryCode, optional_country};
use crate::domain::method::{CardDraft, CardInfo, Fact, Funding, PaypalInfo};
use crate::domain::profile::RuleSpec;
use crate::domain::rules::Level;
use crate::domain::text::optional_text;

/// One reason a method may not bind, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub rule: &'static str,
    pub level: Level,
    /// What will happen, in one plain sentence.
    pub message: String,
    /// What to do instead, in one plain sentence.
    pub remedy: String,
    /// The source document the rule comes from.
    pub source: String,
    /// No source states it: an *inference*.
    pub inference: bool,
}

/// What the rules look at in a card. Never the number itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardSubject {
    /// Candidate networks, most specific first; empty when none is known.
    pub candidates: Vec<Network>,
    pub length: usize,
    pub luhn: bool,
    pub expiry: Option<Expiry>,
    pub holder: Option<String>,
    pub funding: Option<Funding>,
    pub issuer_country: Option<CountryCode>,
    pub intl: Fact,
    pub three_ds: Fact,
    pub balance_ok: Fact,
}

impl CardSubject {
    /// A stored card: its number passed the checks when it was added.
    pub fn from_info(c: &CardInfo, candidates: Vec<Network>) -> CardSubject {
        CardSubject {
            candidates: if candidates.is_empty() {
                vec![c.network]
            } else {
                candidates
            },
            length: c.length,
            luhn: true,
            expiry: Some(c.expiry),
            holder: Some(c.holder.clone()),
            funding: c.funding,
            issuer_country: c.issuer_country.clone(),
            intl: c.intl_enabled,
            three_ds: c.three_ds,
            balance_ok: c.balance_ok,
        }
    }

    /// A card as typed so far: what cannot be read yet is simply not known.
    pub fn from_draft(d: &CardDraft) -> CardSubject {
        let check = card::check_number(&d.number);
        CardSubject {
            candidates: check.candidates,
            length: check.length,
            luhn: check.luhn,
            expiry: Expiry::parse(&d.expiry).ok(),
            holder: optional_text("holder", &d.holder, 100).ok().flatten(),
            funding: Funding::from_id(d.funding.trim()),
            issuer_country: optional_country("issuer-country", &d.issuer_country)
                .ok()
                .flatten(),
            intl: Fact::from_id(d.intl.trim()).unwrap_or_default(),
            three_ds: Fact::from_id(d.three_ds.trim()).unwrap_or_default(),
            balance_ok: Fact::from_id(d.balance_ok.trim()).unwrap_or_default(),
        }
    }

    pub fn network(&self) -> Option<Network> {
        self.candidates.first().copied()
    }

    pub(super) fn issued_in(&self, countries: &[CountryCode]) -> Option<bool> {
        self.issuer_country.as_ref().map(|c| countries.contains(c))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Card(CardSubject),
    Paypal(PaypalInfo),
}

/// The account a method is to be linked to (real, or described on the command line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub provider: Provider,
    pub region: Option<Region>,
    pub tier: Tier,
    pub holder: Option<String>,
    pub passport_expiry: Option<chrono::NaiveDate>,
}

/// What else is stored that a rule needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Labels of other accounts of the target's provider holding the same card or
    /// PayPal account (AC8).
    pub linked_elsewhere: Vec<String>,
    /// Failed bind attempts of this method on the target's provider (A4).
    pub failed_attempts: Vec<DateTime<FixedOffset>>,
}

/// Everything one rule sees.
pub struct Input<'a> {
    pub subject: &'a Subject,
    pub target: &'a Target,
    pub history: &'a History,
    pub now: DateTime<FixedOffset>,
    pub spec: &'a RuleSpec,
}

impl Input<'_> {
    pub(super) fn card(&self) -> Option<&CardSubject> {
        match self.subject {
            Subject::Card(c) => Some(c),
            Subject::Paypal(_) => None,
        }
    }

    pub(super) fn paypal(&self) -> Option<&PaypalInfo> {
        match self.subject {
            Subject::Paypal(p) => Some(p),
            Subject::Card(_) => None,
        }
    }

    pub(super) fn flag(
        &self,
        level: Level,
        message: impl Into<String>,
        remedy: impl Into<String>,
    ) -> Option<Flag> {
        Some(Flag {
            rule: self.spec.id,
            level,
            message: message.into(),
            remedy: remedy.into(),
            source: self.spec.source.clone(),
            inference: self.spec.inference,
        })
    }

    pub(super) fn provider(&self) -> &'static str {
        self.target.provider.name()
    }
}
