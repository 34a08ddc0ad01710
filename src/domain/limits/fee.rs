//! What a payment costs (Q5), and which method to pay it with.

use rust_decimal::Decimal;

use super::book::LimitBook;
use crate::domain::account::Provider;
use crate::domain::ids::MethodId;
use crate::domain::money::{Currency, money};
use crate::domain::rules::Level;
use crate::domain::txn::Destination;

/// The fee a payment costs (Q5), in the fee rule's currency and the payment's.
#[derive(Debug, Clone, PartialEq)]
pub struct Fee {
    pub rule: String,
    pub name: String,
    pub amount: Decimal,
    pub currency: Currency,
    pub in_payment_currency: Decimal,
    pub payment_currency: Currency,
    pub source: String,
    pub explanation: String,
}

impl Fee {
    /// "CNY 90.00", or "CNY 90.00 = USD 12.50" when paying in another currency.
    pub fn amounts(&self) -> String {
        if self.currency == self.payment_currency {
            money(self.amount, self.currency)
        } else {
            format!(
                "{} = {}",
                money(self.amount, self.currency),
                money(self.in_payment_currency, self.payment_currency)
            )
        }
    }
}

/// The fee of a payment of `amount` (`amount_in_fee_currency` converted) with a
/// method (`foreign_card`: a card issued outside the mainland, or of unknown
/// issuer). `above_setting` replaces the book's threshold for bank transfers.
#[allow(clippy::too_many_arguments)]
pub fn fee(
    book: &LimitBook,
    provider: Provider,
    to: Destination,
    foreign_card: bool,
    amount: Decimal,
    payment_currency: Currency,
    amount_in: &dyn Fn(Currency) -> Option<Decimal>,
    above_setting: Option<Decimal>,
) -> Option<Fee> {
    let spec = book.fees.iter().find(|f| {
        f.providers.contains(&provider)
            && (f.to.is_empty() || f.to.contains(&to))
            && (!f.foreign_cards_only || foreign_card)
    })?;
    let in_fee = amount_in(spec.currency)?;
    let hundred = Decimal::ONE_HUNDRED;
    let (base_fee, base_pay, explanation) = if let Some(free) = spec.free_up_to {
        if in_fee <= free {
            (
                Decimal::ZERO,
                Decimal::ZERO,
                format!("free up to {}", money(free, spec.currency)),
            )
        } else {
            (
                in_fee,
                amount,
                format!("{}% above {}", spec.percent, money(free, spec.currency)),
            )
        }
    } else if let Some(above) = above_setting.or(spec.above) {
        let part = in_fee.checked_sub(above)?.max(Decimal::ZERO);
        let share = if in_fee.is_zero() {
            Decimal::ZERO
        } else {
            part.checked_div(in_fee)?
        };
        (
            part,
            amount.checked_mul(share)?,
            format!(
                "{}% of the part above {}",
                spec.percent,
                money(above, spec.currency)
            ),
        )
    } else {
        (in_fee, amount, format!("{}%", spec.percent))
    };
    Some(Fee {
        rule: spec.rule.clone(),
        name: spec.name.clone(),
        amount: spec
            .currency
            .round(base_fee.checked_mul(spec.percent)?.checked_div(hundred)?),
        currency: spec.currency,
        in_payment_currency: payment_currency
            .round(base_pay.checked_mul(spec.percent)?.checked_div(hundred)?),
        payment_currency,
        source: spec.source.clone(),
        explanation,
    })
}

/// A method the pre-check could pay with.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: MethodId,
    pub title: String,
    pub fits: bool,
    pub fee: Decimal,
    pub verdict: Level,
}

/// The method that fits every limit, with the lowest fee, then the best binding
/// verdict; and why.
pub fn recommend(cands: &[Candidate], fee_currency: Currency) -> Option<(MethodId, String)> {
    let best = cands
        .iter()
        .filter(|c| c.fits)
        .min_by(|a, b| a.fee.cmp(&b.fee).then(a.verdict.cmp(&b.verdict)))?;
    let others = cands.iter().filter(|c| c.id != best.id).count();
    let mut why = format!(
        "{}: fits every limit, fee {}, binding verdict {}",
        best.title,
        money(best.fee, fee_currency),
        best.verdict.id()
    );
    if others > 0 {
        why.push_str(&format!(
            " (lowest fee, then best verdict, of {} active methods)",
            others + 1
        ));
    }
    Some((best.id, why))
}
