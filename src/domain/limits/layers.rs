//! The layers in force for an account at an instant (the book's entry of each key
//! then in force, the user's overrides and own caps), and how much of each is used.

use chrono::{DateTime, FixedOffset, NaiveDate};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use super::book::LimitBook;
use crate::domain::account::{Account, Provider};
use crate::domain::calendar::{Span, Window, local_day};
use crate::domain::ids::{AccountId, CapId, MethodId};
use crate::domain::money::Currency;
use crate::domain::rules::Level;
use crate::domain::txn::{Destination, TxType};

/// Where a layer's figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// As shipped in the limit book.
    Published,
    /// The book's layer with the user's figure for this account.
    Overridden,
    /// The user's own cap.
    Own,
}

/// One limit in force for an account at an instant.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub key: String,
    pub rule: String,
    pub name: String,
    pub window: Window,
    pub currency: Currency,
    pub max: Decimal,
    pub min: Option<Decimal>,
    pub types: Vec<TxType>,
    pub to: Vec<Destination>,
    pub per_person: bool,
    /// The providers whose accounts a per-person layer adds up.
    pub providers: Vec<Provider>,
    pub skips_exempt: bool,
    /// An own cap on one method's payments.
    pub method: Option<MethodId>,
    /// The person's own cap this layer is (`Origin::Own`).
    pub cap: Option<CapId>,
    pub source: String,
    pub effective: NaiveDate,
    pub inference: bool,
    pub origin: Origin,
    /// The shipped figure an override replaced.
    pub published_max: Option<Decimal>,
}

impl Layer {
    /// Whether a payment of this type, destination and method counts toward it.
    pub fn counts(
        &self,
        ty: TxType,
        to: Destination,
        method: Option<MethodId>,
        exempt: bool,
    ) -> bool {
        (self.types.is_empty() || self.types.contains(&ty))
            && (self.to.is_empty() || self.to.contains(&to))
            && (self.method.is_none() || self.method == method)
            && !(self.skips_exempt && exempt)
    }

    /// Counts every payment of the account: no type, destination or method of its own.
    pub fn counts_every_payment(&self) -> bool {
        self.types.is_empty() && self.to.is_empty() && self.method.is_none()
    }

    /// "Q1 · Verified, a year · USD 50,000.00"
    pub fn title(&self) -> String {
        format!("{} {}", self.rule, self.name)
    }
}

/// The user's own cap on an account (e.g. "my card's issuer allows CNY 20,000 a month").
#[derive(Debug, Clone, PartialEq)]
pub struct Cap {
    pub id: CapId,
    pub account_id: AccountId,
    pub name: String,
    pub window: Window,
    pub currency: Currency,
    pub amount: Decimal,
    pub method: Option<MethodId>,
}

/// The entry of each key in force at `at` for this account, with the user's
/// overrides and own caps applied.
pub fn layers_in_force(
    book: &LimitBook,
    account: &Account,
    at: DateTime<FixedOffset>,
    tz: Tz,
    overrides: &[(String, Decimal)],
    caps: &[Cap],
) -> Vec<Layer> {
    let day = local_day(at, tz);
    let mut out: Vec<Layer> = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    for l in &book.limits {
        if !keys.contains(&l.key.as_str()) {
            keys.push(&l.key);
        }
    }
    for key in keys {
        let current = book
            .limits
            .iter()
            .filter(|l| l.key == key)
            .filter(|l| l.providers.contains(&account.provider))
            .filter(|l| l.tier.is_none_or(|t| t == account.tier))
            .filter(|l| l.effective <= day && l.until.is_none_or(|u| day < u))
            .max_by_key(|l| l.effective);
        let Some(l) = current else { continue };
        let over = overrides.iter().find(|(k, _)| k == key).map(|(_, v)| *v);
        out.push(Layer {
            key: l.key.clone(),
            rule: l.rule.clone(),
            name: l.name.clone(),
            window: l.window,
            currency: l.currency,
            max: over.unwrap_or(l.max),
            min: l.min,
            types: l.types.clone(),
            to: l.to.clone(),
            per_person: l.per_person,
            providers: l.providers.clone(),
            skips_exempt: l.skips_exempt,
            method: None,
            cap: None,
            source: l.source.clone(),
            effective: l.effective,
            inference: l.inference,
            origin: if over.is_some() {
                Origin::Overridden
            } else {
                Origin::Published
            },
            published_max: over.map(|_| l.max),
        });
    }
    for c in caps {
        out.push(Layer {
            key: format!("cap-{}", c.id),
            rule: "own".into(),
            name: c.name.clone(),
            window: c.window,
            currency: c.currency,
            max: c.amount,
            min: None,
            types: Vec::new(),
            to: Vec::new(),
            per_person: false,
            providers: vec![account.provider],
            skips_exempt: false,
            method: c.method,
            cap: Some(c.id),
            source: "your own cap".into(),
            effective: NaiveDate::MIN,
            inference: false,
            origin: Origin::Own,
            published_max: None,
        });
    }
    out
}

/// A layer with what has been used of it in its current window.
#[derive(Debug, Clone, PartialEq)]
pub struct LimitStatus {
    pub layer: Layer,
    pub used: Decimal,
    pub remaining: Decimal,
    /// Of `used`, what came back as refunds in the same window (Q9: shown
    /// beside the used figure; it gives no headroom back).
    pub refunded: Decimal,
    /// `None` for `single`.
    pub resets_at: Option<DateTime<FixedOffset>>,
}

impl LimitStatus {
    pub fn new(layer: Layer, used: Decimal, span: Option<Span>) -> LimitStatus {
        let remaining = layer.max.saturating_sub(used).max(Decimal::ZERO);
        LimitStatus {
            layer,
            used,
            remaining,
            refunded: Decimal::ZERO,
            resets_at: span.map(|s| s.resets_at),
        }
    }

    /// used / limit, 0.0 to 1.0 and beyond (for bars only; figures stay decimal).
    pub fn fraction(&self) -> f32 {
        use rust_decimal::prelude::ToPrimitive;
        if self.layer.max.is_zero() {
            return 1.0;
        }
        self.used
            .checked_div(self.layer.max)
            .and_then(|f| f.to_f32())
            .unwrap_or(f32::MAX)
    }

    /// Amber from 80 %, red from 100 %.
    pub fn level(&self) -> Level {
        let eighty = self.layer.max * Decimal::new(8, 1);
        if self.used >= self.layer.max {
            Level::Block
        } else if self.used >= eighty {
            Level::Warn
        } else {
            Level::Ok
        }
    }
}

/// Of the layers every payment counts toward (no type, destination or method of
/// their own; not `single`), the one with the least headroom, compared in USD with
/// `to_usd` (a layer whose currency has no rate is left out).
pub fn binding(
    statuses: &[LimitStatus],
    to_usd: &dyn Fn(Currency) -> Option<Decimal>,
) -> Option<usize> {
    statuses
        .iter()
        .enumerate()
        .filter(|(_, s)| s.layer.window != Window::Single)
        .filter(|(_, s)| s.layer.counts_every_payment())
        .filter_map(|(i, s)| Some((i, s.remaining.checked_mul(to_usd(s.layer.currency)?)?)))
        .min_by(|a, b| a.1.cmp(&b.1))
        .map(|(i, _)| i)
}
