//! Recorded payments (transactions): what the user types, checked; what a payment
//! is for and where the money goes.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use super::calendar::{from_local, midnight, minute};
use super::field::{FieldError, FieldErrors, choice_enum};
use super::ids::{AccountId, MethodId, TxnId};
use super::method::MethodStatus;
use super::money::{Converted, Currency, parse_amount};
use super::text::optional_text;

choice_enum!(
    /// What a payment is for (Q2's rows).
    TxType {
        Personal = "personal" / "Personal expenses",
        Goods = "goods" / "Purchasing goods",
        Services = "services" / "Purchasing services",
    }
);

choice_enum!(
    /// Where the money goes (Q2's columns).
    Destination {
        Merchant = "merchant" / "Merchant",
        AlipayAccount = "alipay-account" / "Another Alipay account",
        BankAccount = "bank-account" / "Bank account",
    }
);

/// A transaction as typed (window form, CLI flags, one CSV line).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TxnDraft {
    /// RFC 3339, `YYYY-MM-DD HH:MM` in the configured time zone, or a date alone
    /// (midnight there); empty: now.
    pub at: String,
    pub amount: String,
    pub currency: String,
    pub ty: String,
    /// Empty: `merchant`.
    pub to: String,
    /// A method id, or empty.
    pub method: String,
    pub counterparty: String,
    pub note: String,
    /// `true`, `false` or empty.
    pub fx_exempt: String,
}

/// A checked transaction, ready to convert and store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTxn {
    pub at: DateTime<FixedOffset>,
    pub amount: Decimal,
    pub currency: Currency,
    pub ty: TxType,
    pub to: Destination,
    pub method: Option<MethodId>,
    pub counterparty: String,
    pub note: String,
    pub fx_exempt: bool,
}

/// A stored transaction with the conversions it was recorded with (Q6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Txn {
    pub id: TxnId,
    pub account_id: AccountId,
    pub new: NewTxn,
    /// In each limit currency (USD, CNY).
    pub converted: Vec<Converted>,
    /// A refund of a payment (B5, Q9): listed, but no payment in the limits' totals.
    pub refund: bool,
}

impl Txn {
    pub fn in_currency(&self, c: Currency) -> Option<Decimal> {
        self.converted
            .iter()
            .find(|x| x.currency == c)
            .map(|x| x.amount)
    }
}

/// The payments a filter matches, added up: per currency as recorded, and in
/// USD at the rates each was recorded with (Q6).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TxnTotals {
    /// Rows matched, refunds included.
    pub count: u64,
    /// Of `count`, the refunds (B5): listed, left out of the sums.
    pub refunds: u64,
    /// Each currency the payments were made in, in code order.
    pub by_currency: Vec<(Currency, Decimal)>,
    pub usd: Decimal,
}

/// Parse a time: RFC 3339; `YYYY-MM-DD HH:MM` (seconds allowed, `T` or a space
/// between) on the clock of `tz`; or `YYYY-MM-DD` meaning midnight in `tz`.
pub fn parse_at(field: &'static str, s: &str, tz: Tz) -> Result<DateTime<FixedOffset>, FieldError> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        super::account::check_year(field, t.date_naive())?;
        return Ok(t);
    }
    let local = [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok());
    if let Some(naive) = local {
        super::account::check_year(field, naive.date())?;
        return from_local(naive, tz).ok_or_else(|| {
            FieldError::new(
                field,
                format!("{s} does not exist in {}: the clocks skip it", tz.name()),
            )
        });
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(midnight(super::account::check_year(field, d)?, tz));
    }
    Err(FieldError::new(
        field,
        format!(
            "{s:?} is not a time like 2026-03-01 14:30 ({}), 2026-03-01T14:30:00+08:00 or a date like 2026-03-01",
            tz.name()
        ),
    ))
}

/// L7 and the lifecycle: why a method of this status is not offered to pay with;
/// `None` for an active method, the only kind that can pay.
pub fn cannot_pay(status: MethodStatus) -> Option<&'static str> {
    match status {
        MethodStatus::Active => None,
        MethodStatus::Pending => Some("pending verification (L7)"),
        MethodStatus::Failed => Some("its binding failed (L7)"),
        MethodStatus::Expired => Some("expired"),
        MethodStatus::Removed => Some("removed"),
    }
}

/// Changes to a payment: `None` keeps the field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TxnPatch {
    pub at: Option<String>,
    pub amount: Option<String>,
    pub currency: Option<String>,
    pub ty: Option<String>,
    pub to: Option<String>,
    pub method: Option<String>,
    pub counterparty: Option<String>,
    pub note: Option<String>,
    pub fx_exempt: Option<String>,
}

impl TxnPatch {
    pub fn is_empty(&self) -> bool {
        *self == TxnPatch::default()
    }

    /// The fields changed from `shown` to `typed` (an edit form): what was left
    /// as shown keeps its stored value, e.g. a time's seconds.
    pub fn between(shown: &TxnDraft, typed: &TxnDraft) -> TxnPatch {
        let diff = |a: &String, b: &String| (a != b).then(|| b.clone());
        TxnPatch {
            at: diff(&shown.at, &typed.at),
            amount: diff(&shown.amount, &typed.amount),
            currency: diff(&shown.currency, &typed.currency),
            ty: diff(&shown.ty, &typed.ty),
            to: diff(&shown.to, &typed.to),
            method: diff(&shown.method, &typed.method),
            counterparty: diff(&shown.counterparty, &typed.counterparty),
            note: diff(&shown.note, &typed.note),
            fx_exempt: diff(&shown.fx_exempt, &typed.fx_exempt),
        }
    }

    /// The payment's form with the given fields replaced.
    pub fn apply(&self, d: &TxnDraft) -> TxnDraft {
        let pick = |new: &Option<String>, old: &String| new.clone().unwrap_or_else(|| old.clone());
        TxnDraft {
            at: pick(&self.at, &d.at),
            amount: pick(&self.amount, &d.amount),
            currency: pick(&self.currency, &d.currency),
            ty: pick(&self.ty, &d.ty),
            to: pick(&self.to, &d.to),
            method: pick(&self.method, &d.method),
            counterparty: pick(&self.counterparty, &d.counterparty),
            note: pick(&self.note, &d.note),
            fx_exempt: pick(&self.fx_exempt, &d.fx_exempt),
        }
    }
}

impl TxnDraft {
    /// Check every field; `now` fills an empty time.
    pub fn validate(&self, now: DateTime<FixedOffset>, tz: Tz) -> Result<NewTxn, FieldErrors> {
        let mut errs = FieldErrors::default();
        let at = if self.at.trim().is_empty() {
            Some(now)
        } else {
            errs.take(parse_at("at", &self.at, tz))
        };
        let currency = errs.take(Currency::parse("currency", &self.currency));
        let amount = match currency {
            Some(c) => errs.take(parse_amount("amount", &self.amount, c)),
            None => None,
        };
        let ty = errs.take(TxType::parse("type", &self.ty));
        let to = if self.to.trim().is_empty() {
            Some(Destination::Merchant)
        } else {
            errs.take(Destination::parse("to", &self.to))
        };
        let method = match self.method.trim() {
            "" => Some(None),
            s => errs.take(
                s.parse::<i64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .map(|n| Some(MethodId(n)))
                    .ok_or_else(|| FieldError::new("method", format!("{s:?} is not a method id"))),
            ),
        };
        let counterparty = errs.take(optional_text("counterparty", &self.counterparty, 120));
        let note = errs.take(optional_text("note", &self.note, 500));
        let fx_exempt = match self.fx_exempt.trim() {
            "" | "false" => Some(false),
            "true" => Some(true),
            s => {
                errs.push(FieldError::new(
                    "fx_exempt",
                    format!("must be true, false or empty, not {s:?}"),
                ));
                None
            }
        };
        match (
            at,
            amount,
            currency,
            ty,
            to,
            method,
            counterparty,
            note,
            fx_exempt,
        ) {
            (
                Some(at),
                Some(amount),
                Some(currency),
                Some(ty),
                Some(to),
                Some(method),
                Some(counterparty),
                Some(note),
                Some(fx_exempt),
            ) if errs.is_empty() => Ok(NewTxn {
                at,
                amount,
                currency,
                ty,
                to,
                method,
                counterparty: counterparty.unwrap_or_default(),
                note: note.unwrap_or_default(),
                fx_exempt,
            }),
            _ => Err(errs),
        }
    }
}

impl NewTxn {
    /// The draft that gives this transaction back (edit form, CSV line).
    pub fn to_draft(&self) -> TxnDraft {
        TxnDraft {
            at: self.at.to_rfc3339(),
            amount: self.amount.to_string(),
            currency: self.currency.to_string(),
            ty: self.ty.id().into(),
            to: self.to.id().into(),
            method: self.method.map(|m| m.to_string()).unwrap_or_default(),
            counterparty: self.counterparty.clone(),
            note: self.note.clone(),
            fx_exempt: self.fx_exempt.to_string(),
        }
    }

    /// The form a person edits: the time to the minute on the clock of `tz`.
    pub fn to_form(&self, tz: Tz) -> TxnDraft {
        TxnDraft {
            at: minute(self.at, tz),
            ..self.to_draft()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::DEFAULT_TIME_ZONE;

    fn draft() -> TxnDraft {
        TxnDraft {
            at: "2026-03-01T12:00:00+08:00".into(),
            amount: "100.00".into(),
            currency: "CNY".into(),
            ty: "goods".into(),
            ..TxnDraft::default()
        }
    }

    #[test]
    fn a_draft_round_trips() {
        let now = DateTime::parse_from_rfc3339("2026-03-02T00:00:00+08:00").unwrap();
        let t = draft().validate(now, DEFAULT_TIME_ZONE).unwrap();
        assert_eq!(t.to, Destination::Merchant);
        assert_eq!(t.to_draft().validate(now, DEFAULT_TIME_ZONE).unwrap(), t);
    }

    #[test]
    fn every_bad_field_is_named() {
        let now = DateTime::parse_from_rfc3339("2026-03-02T00:00:00+08:00").unwrap();
        let d = TxnDraft {
            at: "yesterday".into(),
            amount: "12,5".into(),
            currency: "XXY".into(),
            ty: "food".into(),
            to: "moon".into(),
            method: "x".into(),
            fx_exempt: "maybe".into(),
            ..TxnDraft::default()
        };
        let e = d.validate(now, DEFAULT_TIME_ZONE).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field).collect();
        assert_eq!(
            fields,
            ["at", "currency", "type", "to", "method", "fx_exempt"]
        );
        let d = TxnDraft {
            amount: "12,5".into(),
            ..draft()
        };
        assert_eq!(
            d.validate(now, DEFAULT_TIME_ZONE).unwrap_err().0[0].field,
            "amount"
        );
    }

    #[test]
    fn a_date_alone_is_midnight_in_beijing() {
        let t = parse_at("at", "2026-03-01", DEFAULT_TIME_ZONE).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-03-01T00:00:00+08:00");
    }

    #[test]
    fn a_minute_is_read_on_the_clock_of_the_zone() {
        for s in [
            "2026-03-01 14:30",
            "2026-03-01T14:30",
            " 2026-03-01 14:30:00 ",
        ] {
            let t = parse_at("at", s, DEFAULT_TIME_ZONE).unwrap();
            assert_eq!(t.to_rfc3339(), "2026-03-01T14:30:00+08:00", "{s}");
        }
        let t = parse_at("at", "2026-07-01 14:30", chrono_tz::Europe::Berlin).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-07-01T14:30:00+02:00");
        let e = parse_at("at", "2026-03-29 02:30", chrono_tz::Europe::Berlin).unwrap_err();
        assert!(e.message.contains("does not exist"), "{e}");
        let e = parse_at("at", "2026-03-01 25:00", DEFAULT_TIME_ZONE).unwrap_err();
        assert_eq!(e.field, "at");
        assert!(e.message.contains("2026-03-01 14:30"), "{e}");
        let e = parse_at("at", "1900-03-01 10:00", DEFAULT_TIME_ZONE).unwrap_err();
        assert!(e.message.contains("year"), "{e}");
    }

    #[test]
    fn the_form_shows_the_minute_and_an_untouched_time_stays_exact() {
        let now = DateTime::parse_from_rfc3339("2026-11-22T00:00:00+08:00").unwrap();
        let t = TxnDraft {
            at: "2026-11-21T14:41:48.413967316+00:00".into(),
            ..draft()
        }
        .validate(now, DEFAULT_TIME_ZONE)
        .unwrap();
        let shown = t.to_form(DEFAULT_TIME_ZONE);
        assert_eq!(shown.at, "2026-11-21 22:41");
        let typed = TxnDraft {
            note: "lunch".into(),
            ..shown.clone()
        };
        let patch = TxnPatch::between(&shown, &typed);
        assert_eq!(patch.at, None, "the time was left as shown");
        assert_eq!(patch.note.as_deref(), Some("lunch"));
        let kept = patch
            .apply(&t.to_draft())
            .validate(now, DEFAULT_TIME_ZONE)
            .unwrap();
        assert_eq!(kept.at, t.at);
        assert!(TxnPatch::between(&shown, &shown).is_empty());
    }
}
