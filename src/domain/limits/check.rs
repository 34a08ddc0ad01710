//! What a payment would break, and which minimums it falls under, given what is
//! used of each layer so far.

use rust_decimal::Decimal;

use super::layers::{Layer, LimitStatus};
use crate::domain::calendar::Window;
use crate::domain::ids::MethodId;
use crate::domain::money::{Currency, money};
use crate::domain::txn::{Destination, TxType, Txn};

/// A limit a payment would break: the status before and the total after.
#[derive(Debug, Clone, PartialEq)]
pub struct Break {
    pub status: LimitStatus,
    /// Used after the payment (for `single`: the payment itself).
    pub after: Decimal,
    /// How far over the limit.
    pub over: Decimal,
}

impl Break {
    /// "Q1 Verified account, per payment: USD 5,566.77 after this payment, USD 566.77 over USD 5,000.00"
    pub fn describe(&self) -> String {
        let l = &self.status.layer;
        format!(
            "{} {}: {} after this payment, {} over {}",
            l.rule,
            l.name,
            money(self.after, l.currency),
            money(self.over, l.currency),
            money(l.max, l.currency)
        )
    }
}

/// The payment a pre-check is asked about, converted into every limit currency.
#[derive(Debug, Clone)]
pub struct Proposed {
    pub amounts: Vec<(Currency, Decimal)>,
    pub ty: TxType,
    pub to: Destination,
    pub method: Option<MethodId>,
    pub exempt: bool,
}

impl Proposed {
    /// A recorded payment, as the limits see it.
    pub fn recorded(t: &Txn) -> Proposed {
        Proposed {
            amounts: t.converted.iter().map(|c| (c.currency, c.amount)).collect(),
            ty: t.new.ty,
            to: t.new.to,
            method: t.new.method,
            exempt: t.new.fx_exempt,
        }
    }

    pub fn amount_in(&self, c: Currency) -> Option<Decimal> {
        self.amounts.iter().find(|(k, _)| *k == c).map(|(_, a)| *a)
    }
}

/// Which layers the payment would break (equal to the limit is allowed, a cent over is not).
pub fn breaks(statuses: &[LimitStatus], p: &Proposed) -> Vec<Break> {
    statuses
        .iter()
        .filter(|s| s.layer.counts(p.ty, p.to, p.method, p.exempt))
        .filter_map(|s| {
            let amount = p.amount_in(s.layer.currency)?;
            // Checked: a sum beyond what a decimal holds breaks every limit.
            let after = if s.layer.window == Window::Single {
                amount
            } else {
                s.used.checked_add(amount).unwrap_or(Decimal::MAX)
            };
            (after > s.layer.max).then(|| Break {
                status: s.clone(),
                after,
                over: after.checked_sub(s.layer.max).unwrap_or(Decimal::MAX),
            })
        })
        .collect()
}

/// Payments under a layer's minimum (Q2: USD 1.4).
pub fn under_minimum<'a>(statuses: &'a [LimitStatus], p: &Proposed) -> Vec<&'a Layer> {
    statuses
        .iter()
        .map(|s| &s.layer)
        .filter(|l| l.counts(p.ty, p.to, p.method, p.exempt))
        .filter(|l| {
            l.min
                .zip(p.amount_in(l.currency))
                .is_some_and(|(min, a)| a < min)
        })
        .collect()
}
