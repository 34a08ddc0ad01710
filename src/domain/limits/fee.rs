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
            // Q5, decided: above the free amount the percentage is of the
            // whole payment, not of the part above it (Alipay charges 3 % of a
            // payment over CNY 200 on its full amount).
            (
                in_fee,
                amount,
                format!(
                    "{}% of the whole payment, as it is over {}",
                    spec.percent,
                    money(free, spec.currency)
                ),
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
    /// What paying with it costs, in the fee rule's currency (zero: none).
    pub fee: Decimal,
    /// The fee itself, with its rule, when paying with it costs one.
    pub charge: Option<Fee>,
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
        "{}: fits every limit, {}, binding verdict: {}",
        best.title,
        if best.fee.is_zero() {
            "no fee".to_owned()
        } else {
            format!("fee {}", money(best.fee, fee_currency))
        },
        best.verdict.verdict_text()
    );
    if others > 0 {
        why.push_str(&format!(
            " (lowest fee, then best verdict, of {} active methods)",
            others + 1
        ));
    }
    Some((best.id, why))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::limits::book::FeeSpec;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn spec(name: &str, providers: &[Provider], to: &[Destination], percent: &str) -> FeeSpec {
        FeeSpec {
            rule: "Q5".into(),
            name: name.into(),
            providers: providers.to_vec(),
            to: to.to_vec(),
            foreign_cards_only: false,
            percent: d(percent),
            free_up_to: None,
            above: None,
            currency: Currency::CNY,
            source: "002_183fd45066fc9c13.txt".into(),
            inference: false,
        }
    }

    /// The Q5 fees as `assets/limits/standard.json` ships them.
    fn book() -> LimitBook {
        let foreign_card = FeeSpec {
            foreign_cards_only: true,
            free_up_to: Some(d("200")),
            ..spec(
                "Alipay payment with a foreign card",
                &[Provider::Alipay],
                &[Destination::Merchant],
                "3",
            )
        };
        let bank_transfer = FeeSpec {
            above: Some(d("0")),
            inference: true,
            ..spec(
                "Alipay transfer to a bank account",
                &[Provider::Alipay],
                &[Destination::BankAccount],
                "0.1",
            )
        };
        let alibaba_cloud = FeeSpec {
            currency: Currency::USD,
            ..spec(
                "Alibaba Cloud: no service fee",
                &[Provider::AlibabaCloud],
                &[],
                "0",
            )
        };
        LimitBook {
            id: "standard".into(),
            name: "Standard".into(),
            file: "assets/limits/standard.json".into(),
            limits: Vec::new(),
            fees: vec![foreign_card, bank_transfer, alibaba_cloud],
            notes: Vec::new(),
        }
    }

    /// A payment of CNY `cny`, made in CNY.
    fn in_cny(cny: &str) -> impl Fn(Currency) -> Option<Decimal> {
        let cny = d(cny);
        move |c| (c == Currency::CNY).then_some(cny)
    }

    #[test]
    fn a_foreign_card_pays_nothing_up_to_cny_200() {
        // Q5: Alipay with a foreign card, payments up to CNY 200 free.
        let amount_in = in_cny("200");
        let f = fee(
            &book(),
            Provider::Alipay,
            Destination::Merchant,
            true,
            d("200"),
            Currency::CNY,
            &amount_in,
            None,
        )
        .unwrap();
        assert_eq!(f.rule, "Q5");
        assert_eq!(f.name, "Alipay payment with a foreign card");
        assert_eq!(f.amount, d("0"));
        assert_eq!(f.in_payment_currency, d("0"));
        assert_eq!(f.explanation, "free up to CNY 200.00");
        assert_eq!(f.amounts(), "CNY 0.00");
    }

    #[test]
    fn above_cny_200_a_foreign_card_pays_3_percent() {
        // CNY 3,000 paid in CNY: CNY 90.00.
        let amount_in = in_cny("3000");
        let f = fee(
            &book(),
            Provider::Alipay,
            Destination::Merchant,
            true,
            d("3000"),
            Currency::CNY,
            &amount_in,
            None,
        )
        .unwrap();
        assert_eq!(f.amount, d("90.00"));
        assert_eq!(f.currency, Currency::CNY);
        assert_eq!(f.in_payment_currency, d("90.00"));
        assert_eq!(
            f.explanation,
            "3% of the whole payment, as it is over CNY 200.00"
        );
        assert_eq!(f.amounts(), "CNY 90.00");

        // The same payment made in USD (USD 415 = CNY 3,000): 3 % of each, rounded to the cent.
        let amount_in = |c| match c {
            Currency::CNY => Some(d("3000")),
            Currency::USD => Some(d("415")),
            _ => None,
        };
        let f = fee(
            &book(),
            Provider::Alipay,
            Destination::Merchant,
            true,
            d("415"),
            Currency::USD,
            &amount_in,
            None,
        )
        .unwrap();
        assert_eq!(f.amount, d("90.00"));
        assert_eq!(f.in_payment_currency, d("12.45"));
        assert_eq!(f.payment_currency, Currency::USD);
        assert_eq!(f.amounts(), "CNY 90.00 = USD 12.45");

        // A cent over the threshold is charged on the whole payment.
        let amount_in = in_cny("200.01");
        let f = fee(
            &book(),
            Provider::Alipay,
            Destination::Merchant,
            true,
            d("200.01"),
            Currency::CNY,
            &amount_in,
            None,
        )
        .unwrap();
        assert_eq!(f.amount, d("6.00"));
    }

    #[test]
    fn only_the_fee_of_the_provider_destination_and_card_applies() {
        let amount_in = in_cny("3000");
        let fee_of = |provider, to, foreign_card| {
            fee(
                &book(),
                provider,
                to,
                foreign_card,
                d("3000"),
                Currency::CNY,
                &amount_in,
                None,
            )
        };
        // A mainland card pays no foreign-card fee.
        assert_eq!(fee_of(Provider::Alipay, Destination::Merchant, false), None);
        // No Q5 fee for sending to another Alipay account, nor for WeChat Pay.
        assert_eq!(
            fee_of(Provider::Alipay, Destination::AlipayAccount, true),
            None
        );
        assert_eq!(
            fee_of(Provider::WechatPay, Destination::Merchant, true),
            None
        );
        // Alibaba Cloud: no service fee, whatever the card.
        let amount_in = |c| (c == Currency::USD).then(|| d("415"));
        let f = fee(
            &book(),
            Provider::AlibabaCloud,
            Destination::Merchant,
            true,
            d("415"),
            Currency::USD,
            &amount_in,
            None,
        )
        .unwrap();
        assert_eq!(f.name, "Alibaba Cloud: no service fee");
        assert_eq!(f.amount, d("0"));
        assert_eq!(f.explanation, "0%");
    }

    #[test]
    fn a_bank_transfer_pays_on_the_part_above_the_threshold() {
        // Q5: 0.1 % above a threshold; the book's is CNY 0, the user's setting replaces it.
        let amount_in = in_cny("3000");
        let transfer = |above_setting| {
            fee(
                &book(),
                Provider::Alipay,
                Destination::BankAccount,
                false,
                d("3000"),
                Currency::CNY,
                &amount_in,
                above_setting,
            )
            .unwrap()
        };
        let f = transfer(None);
        assert_eq!(f.name, "Alipay transfer to a bank account");
        assert_eq!(f.amount, d("3.00"));
        assert_eq!(f.explanation, "0.1% of the part above CNY 0.00");
        let f = transfer(Some(d("1000")));
        assert_eq!(f.amount, d("2.00"));
        assert_eq!(f.in_payment_currency, d("2.00"));
        assert_eq!(f.explanation, "0.1% of the part above CNY 1,000.00");
        // Under the threshold: nothing.
        assert_eq!(transfer(Some(d("5000"))).amount, d("0"));

        // Paid in USD (USD 415 = CNY 3,000): two thirds of it is above CNY 1,000.
        let amount_in = |c| match c {
            Currency::CNY => Some(d("3000")),
            Currency::USD => Some(d("415")),
            _ => None,
        };
        let f = fee(
            &book(),
            Provider::Alipay,
            Destination::BankAccount,
            false,
            d("415"),
            Currency::USD,
            &amount_in,
            Some(d("1000")),
        )
        .unwrap();
        assert_eq!(f.amount, d("2.00"));
        assert_eq!(f.in_payment_currency, d("0.28"));
    }

    #[test]
    fn without_a_rate_into_the_fee_currency_there_is_no_figure() {
        let usd_only = |c| (c == Currency::USD).then(|| d("415"));
        let f = fee(
            &book(),
            Provider::Alipay,
            Destination::Merchant,
            true,
            d("415"),
            Currency::USD,
            &usd_only,
            None,
        );
        assert_eq!(f, None);
    }

    fn candidate(id: i64, fits: bool, fee: &str, verdict: Level) -> Candidate {
        Candidate {
            id: MethodId(id),
            title: format!("Card {id}"),
            fits,
            fee: d(fee),
            charge: None,
            verdict,
        }
    }

    #[test]
    fn recommend_picks_the_cheapest_method_that_breaks_nothing() {
        let cands = [
            // The cheapest breaks a limit.
            candidate(1, false, "0", Level::Ok),
            candidate(2, true, "90", Level::Ok),
            candidate(3, true, "6", Level::Warn),
        ];
        let (id, why) = recommend(&cands, Currency::CNY).unwrap();
        assert_eq!(id, MethodId(3));
        assert_eq!(
            why,
            "Card 3: fits every limit, fee CNY 6.00, binding verdict: may fail \
             (lowest fee, then best verdict, of 3 active methods)"
        );
    }

    #[test]
    fn recommend_breaks_a_fee_tie_by_the_better_verdict() {
        let cands = [
            candidate(1, true, "0", Level::High),
            candidate(2, true, "0", Level::Info),
            candidate(3, true, "0", Level::Warn),
        ];
        assert_eq!(recommend(&cands, Currency::CNY).unwrap().0, MethodId(2));
        // A lower fee still wins over a better verdict.
        let cands = [
            candidate(1, true, "0.01", Level::Ok),
            candidate(2, true, "0", Level::High),
        ];
        assert_eq!(recommend(&cands, Currency::CNY).unwrap().0, MethodId(2));
    }

    #[test]
    fn recommend_nothing_when_every_method_breaks_a_limit() {
        let cands = [
            candidate(1, false, "0", Level::Ok),
            candidate(2, false, "6", Level::Ok),
        ];
        assert_eq!(recommend(&cands, Currency::CNY), None);
        assert_eq!(recommend(&[], Currency::CNY), None);
    }

    #[test]
    fn a_lone_method_is_recommended_without_a_comparison() {
        let cands = [candidate(7, true, "6", Level::Ok)];
        assert_eq!(
            recommend(&cands, Currency::USD),
            Some((
                MethodId(7),
                "Card 7: fits every limit, fee USD 6.00, binding verdict: binds".to_owned()
            ))
        );
    }
}
