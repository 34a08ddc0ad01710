//! The pre-check: which limits a payment would break, its fee (Q5), and the
//! method to pay with.

use rust_decimal::Decimal;

use super::quota::Quota;
use super::service::{Error, Result, Wallet};
use crate::domain::lifecycle;
use crate::domain::limits::{
    self, Break, Candidate, Destination, Fee, Layer, NoteSpec, Proposed, TxType, local_day,
};
use crate::domain::money::{self, Converted, Currency};
use crate::domain::risk::Level;
use crate::domain::{AccountId, FieldErrors, MethodDetails, MethodId};

/// What a payment would do.
#[derive(Debug, Clone)]
pub struct Precheck {
    pub amount: Decimal,
    pub currency: Currency,
    pub ty: TxType,
    pub to: Destination,
    pub converted: Vec<Converted>,
    pub quota: Quota,
    pub breaks: Vec<Break>,
    pub under_minimum: Vec<Layer>,
    pub fee: Option<Fee>,
    pub candidates: Vec<Candidate>,
    pub recommended: Option<(MethodId, String)>,
    pub allowed: bool,
    /// Why nothing can pay, when no method is active (L7).
    pub no_method: Option<String>,
    pub notes: Vec<NoteSpec>,
}

/// The pre-check's questions, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrecheckDraft {
    pub amount: String,
    pub currency: String,
    pub ty: String,
    pub to: String,
}

/// Paying with a card issued outside the mainland, or of unknown issuer (Q5).
fn foreign_card(m: &crate::domain::Method) -> bool {
    match &m.details {
        MethodDetails::Card(c) => !c
            .issuer_country
            .as_ref()
            .is_some_and(crate::domain::CountryCode::is_mainland_china),
        MethodDetails::Paypal(_) => false,
    }
}

impl Wallet {
    /// Which limits a payment would break, its fee, and the method to pay with.
    pub fn precheck(&self, account: AccountId, d: &PrecheckDraft) -> Result<Precheck> {
        self.live_account(account)?;
        let quota = self.quota(account)?;
        let mut errs = FieldErrors::default();
        let currency = errs.take(Currency::parse("currency", &d.currency));
        let amount = currency.and_then(|c| errs.take(money::parse_amount("amount", &d.amount, c)));
        let ty = errs.take(TxType::parse("type", &d.ty));
        let to = if d.to.trim().is_empty() {
            Some(Destination::Merchant)
        } else {
            errs.take(Destination::parse("to", &d.to))
        };
        let (Some(currency), Some(amount), Some(ty), Some(to)) = (currency, amount, ty, to) else {
            return Err(Error::Invalid(errs));
        };
        let today = local_day(quota.at, quota.time_zone);
        let converted = self.convert(amount, currency, today)?;
        let proposed = |method: Option<MethodId>| Proposed {
            amounts: converted.iter().map(|c| (c.currency, c.amount)).collect(),
            ty,
            to,
            method,
            exempt: false,
        };
        let book = self.book_of(account)?;
        let provider = quota.account.provider;
        let amount_in = |c: Currency| {
            if c == currency {
                Some(amount)
            } else {
                converted.iter().find(|x| x.currency == c).map(|x| x.amount)
            }
        };
        let threshold = self.bank_fee_threshold();
        let fee_for = |foreign: bool| {
            limits::fee(
                book, provider, to, foreign, amount, currency, &amount_in, threshold,
            )
        };
        let mut candidates = Vec::new();
        let methods = self.methods(account, false)?;
        for m in &methods {
            if lifecycle::check_pay(m).is_err() {
                continue;
            }
            let charge = fee_for(foreign_card(m));
            candidates.push(Candidate {
                id: m.id,
                title: m.title(),
                fits: limits::breaks(&quota.statuses, &proposed(Some(m.id))).is_empty(),
                fee: charge.as_ref().map_or(Decimal::ZERO, |f| f.amount),
                charge,
                verdict: self.verdict(m)?.unwrap_or(Level::Ok),
            });
        }
        let fee_currency = book
            .fees
            .iter()
            .find(|f| f.providers.contains(&provider))
            .map_or(Currency::CNY, |f| f.currency);
        let recommended = limits::recommend(&candidates, fee_currency);
        let chosen = recommended.as_ref().map(|(id, _)| *id);
        let breaks = limits::breaks(&quota.statuses, &proposed(chosen));
        let under_minimum = limits::under_minimum(&quota.statuses, &proposed(chosen))
            .into_iter()
            .cloned()
            .collect();
        // A fee belongs to a method (Q5): the recommended one's, or none; the
        // candidates carry their own.
        let fee = chosen
            .and_then(|id| candidates.iter().find(|c| c.id == id))
            .and_then(|c| c.charge.clone());
        let no_method = candidates.is_empty().then(|| {
            format!(
                "L7: {} has no active method to pay with; verify one first",
                quota.account.label
            )
        });
        let notes = book
            .notes
            .iter()
            .filter(|n| n.providers.contains(&provider))
            .cloned()
            .collect();
        Ok(Precheck {
            amount,
            currency,
            ty,
            to,
            converted,
            allowed: breaks.is_empty() && chosen.is_some(),
            breaks,
            under_minimum,
            fee,
            candidates,
            recommended,
            no_method,
            notes,
            quota,
        })
    }
}
