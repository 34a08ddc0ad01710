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

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::account::Provider;
    use crate::domain::limits::layers::Origin;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// A published layer every payment counts toward.
    fn layer(rule: &str, window: Window, currency: Currency, max: &str) -> Layer {
        Layer {
            key: format!("{rule}-{window}"),
            rule: rule.into(),
            name: format!("test, {}", window.label()),
            window,
            currency,
            max: d(max),
            min: None,
            types: Vec::new(),
            to: Vec::new(),
            per_person: false,
            providers: vec![Provider::Alipay],
            skips_exempt: false,
            method: None,
            cap: None,
            source: "000_72fd90b31019d570.txt".into(),
            effective: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
            inference: false,
            origin: Origin::Published,
            published_max: None,
        }
    }

    fn status(layer: Layer, used: &str) -> LimitStatus {
        LimitStatus::new(layer, d(used), None)
    }

    /// A goods payment to a merchant, with no method, in USD only.
    fn pay_usd(amount: &str) -> Proposed {
        Proposed {
            amounts: vec![(Currency::USD, d(amount))],
            ty: TxType::Goods,
            to: Destination::Merchant,
            method: None,
            exempt: false,
        }
    }

    #[test]
    fn a_payment_over_a_layer_breaks_it_by_the_excess() {
        // Q3: USD 50,000 a year, USD 48,000 used, so USD 2,000 left.
        let year = status(layer("Q3", Window::Year, Currency::USD, "50000"), "48000");
        assert_eq!(year.remaining, d("2000"));
        let b = breaks(std::slice::from_ref(&year), &pay_usd("2500"));
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].status, year);
        assert_eq!(b[0].status.remaining, d("2000"));
        assert_eq!(b[0].after, d("50500"));
        assert_eq!(b[0].over, d("500"));
        assert_eq!(
            b[0].describe(),
            "Q3 test, a year: USD 50,500.00 after this payment, USD 500.00 over USD 50,000.00"
        );
    }

    #[test]
    fn a_payment_exactly_at_the_limit_does_not_break_it_and_a_cent_more_does() {
        let year = [status(
            layer("Q3", Window::Year, Currency::USD, "50000"),
            "48000",
        )];
        assert!(breaks(&year, &pay_usd("2000")).is_empty());
        assert!(breaks(&year, &pay_usd("2000.00")).is_empty());
        let b = breaks(&year, &pay_usd("2000.01"));
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].after, d("50000.01"));
        assert_eq!(b[0].over, d("0.01"));
    }

    #[test]
    fn a_single_payment_limit_judges_the_payment_alone() {
        // Q1 verified: USD 5,000 a payment, whatever was paid before.
        let single = [status(
            layer("Q1", Window::Single, Currency::USD, "5000"),
            "4900",
        )];
        assert!(breaks(&single, &pay_usd("5000")).is_empty());
        let b = breaks(&single, &pay_usd("5566.77"));
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].after, d("5566.77"));
        assert_eq!(b[0].over, d("566.77"));
    }

    #[test]
    fn only_the_layers_a_payment_counts_toward_can_break() {
        // Q2: to another Alipay account, USD 2,800 a day; USD 2,700 used.
        let mut to_alipay = layer("Q2", Window::Day, Currency::USD, "2800");
        to_alipay.to = vec![Destination::AlipayAccount];
        // Q2: personal expenses, USD 84,000 a year, all used.
        let mut personal = layer("Q2", Window::Year, Currency::USD, "84000");
        personal.types = vec![TxType::Personal];
        // Q3 skips FX-exempt payments (tuition); all used.
        let mut fx = layer("Q3", Window::Year, Currency::USD, "50000");
        fx.skips_exempt = true;
        // The user's own cap on method 1; all used.
        let mut cap = layer("own", Window::Month, Currency::USD, "1000");
        cap.method = Some(MethodId(1));
        let statuses = [
            status(to_alipay, "2700"),
            status(personal, "84000"),
            status(fx, "50000"),
            status(cap, "1000"),
        ];
        let rules = |p: &Proposed| -> Vec<String> {
            breaks(&statuses, p)
                .iter()
                .map(|b| b.status.layer.key.clone())
                .collect()
        };

        // Goods to a merchant, exempt, by method 2: none of them counts it.
        let exempt = Proposed {
            exempt: true,
            method: Some(MethodId(2)),
            ..pay_usd("500")
        };
        assert!(rules(&exempt).is_empty());
        // Each difference brings one layer in.
        let to_alipay_account = Proposed {
            to: Destination::AlipayAccount,
            ..exempt.clone()
        };
        assert_eq!(rules(&to_alipay_account), ["Q2-day"]);
        let personal_expense = Proposed {
            ty: TxType::Personal,
            ..exempt.clone()
        };
        assert_eq!(rules(&personal_expense), ["Q2-year"]);
        let not_exempt = Proposed {
            exempt: false,
            ..exempt.clone()
        };
        assert_eq!(rules(&not_exempt), ["Q3-year"]);
        let by_method_1 = Proposed {
            method: Some(MethodId(1)),
            ..exempt
        };
        assert_eq!(rules(&by_method_1), ["own-month"]);
    }

    #[test]
    fn a_layer_is_judged_in_its_own_currency() {
        // CNY 50,000 a month, CNY 49,000 used; USD 200 is CNY 1,450 at the stored rate (Q6).
        let month = [status(
            layer("Q8", Window::Month, Currency::CNY, "50000"),
            "49000",
        )];
        let both = Proposed {
            amounts: vec![(Currency::USD, d("200")), (Currency::CNY, d("1450"))],
            ..pay_usd("200")
        };
        let b = breaks(&month, &both);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].after, d("50450"));
        assert_eq!(b[0].over, d("450"));
        // Without an amount in the layer's currency the layer cannot be judged.
        assert!(breaks(&month, &pay_usd("200")).is_empty());
    }

    #[test]
    fn a_total_beyond_what_a_decimal_holds_breaks_the_limit() {
        let year = [LimitStatus::new(
            layer("Q3", Window::Year, Currency::USD, "50000"),
            Decimal::MAX,
            None,
        )];
        let b = breaks(&year, &pay_usd("1"));
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].after, Decimal::MAX);
    }

    #[test]
    fn payments_under_a_layers_minimum_are_flagged() {
        // Q2: sending to another Alipay account, at least USD 1.4.
        let mut to_alipay = layer("Q2", Window::Day, Currency::USD, "2800");
        to_alipay.to = vec![Destination::AlipayAccount];
        to_alipay.min = Some(d("1.4"));
        let no_minimum = layer("Q3", Window::Year, Currency::USD, "50000");
        let statuses = [status(to_alipay.clone(), "0"), status(no_minimum, "0")];
        let send = |amount: &str| Proposed {
            to: Destination::AlipayAccount,
            ..pay_usd(amount)
        };

        assert_eq!(under_minimum(&statuses, &send("1.39")), [&to_alipay]);
        assert_eq!(under_minimum(&statuses, &send("0.01")), [&to_alipay]);
        // Exactly the minimum, or more, is fine.
        assert!(under_minimum(&statuses, &send("1.4")).is_empty());
        assert!(under_minimum(&statuses, &send("1.40")).is_empty());
        assert!(under_minimum(&statuses, &send("2800")).is_empty());
        // A merchant payment does not count toward the transfer layer.
        assert!(under_minimum(&statuses, &pay_usd("1.39")).is_empty());
        // No USD amount: the minimum cannot be judged.
        let cny_only = Proposed {
            amounts: vec![(Currency::CNY, d("5"))],
            ..send("1")
        };
        assert!(under_minimum(&statuses, &cny_only).is_empty());
    }
}
