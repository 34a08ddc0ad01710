//! The limit books: the limits, fees and notes an account is judged by, as shipped
//! under `assets/limits/` or edited by the user.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::account::{Provider, Tier};
use crate::domain::calendar::Window;
use crate::domain::field::FieldError;
use crate::domain::money::Currency;
use crate::domain::txn::{Destination, TxType};

/// One limit of a book, as shipped (one dated entry of a layer).
#[derive(Debug, Clone, PartialEq)]
pub struct LimitSpec {
    /// The layer this entry belongs to; entries of one key are dated versions.
    pub key: String,
    pub rule: String,
    pub name: String,
    pub providers: Vec<Provider>,
    pub tier: Option<Tier>,
    pub window: Window,
    pub currency: Currency,
    pub max: Decimal,
    /// Payments under this are flagged (Q2's USD 1.4).
    pub min: Option<Decimal>,
    /// Empty: every type.
    pub types: Vec<TxType>,
    /// Empty: every destination.
    pub to: Vec<Destination>,
    /// Counts the person's payments on every account it applies to (Q3).
    pub per_person: bool,
    /// FX-exempt payments (tuition, Q3) do not count.
    pub skips_exempt: bool,
    pub source: String,
    pub effective: NaiveDate,
    pub until: Option<NaiveDate>,
    pub inference: bool,
}

/// A fee rule (Q5).
#[derive(Debug, Clone, PartialEq)]
pub struct FeeSpec {
    pub rule: String,
    pub name: String,
    pub providers: Vec<Provider>,
    pub to: Vec<Destination>,
    /// Applies only to cards issued outside the Chinese mainland.
    pub foreign_cards_only: bool,
    pub percent: Decimal,
    /// Free up to and including this amount (in `currency`).
    pub free_up_to: Option<Decimal>,
    /// Charged on the part above this amount; a user setting replaces it.
    pub above: Option<Decimal>,
    pub currency: Currency,
    pub source: String,
    pub inference: bool,
}

/// A fact shown with a pre-check that is no limit and no fee (Q5 conversion, Q7).
#[derive(Debug, Clone, PartialEq)]
pub struct NoteSpec {
    pub rule: String,
    pub providers: Vec<Provider>,
    pub text: String,
    pub source: String,
}

/// A set of limits and fees the user can choose for an account.
#[derive(Debug, Clone, PartialEq)]
pub struct LimitBook {
    pub id: String,
    pub name: String,
    pub file: String,
    pub limits: Vec<LimitSpec>,
    pub fees: Vec<FeeSpec>,
    pub notes: Vec<NoteSpec>,
}

/// The books shipped in the binary.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "assets/limits/standard.json",
        include_str!("../../../assets/limits/standard.json"),
    ),
    (
        "assets/limits/alternative.json",
        include_str!("../../../assets/limits/alternative.json"),
    ),
];

/// Every limit book; the first is the default. Read from their files in `file.rs`,
/// which never yields an empty list.
#[derive(Debug, Clone, PartialEq)]
pub struct LimitBooks(pub(super) Vec<LimitBook>);

impl LimitBooks {
    pub fn all(&self) -> &[LimitBook] {
        &self.0
    }

    pub fn default_id(&self) -> &str {
        &self.0[0].id
    }

    /// The book of that id, or the default one.
    pub fn get(&self, id: &str) -> &LimitBook {
        self.0.iter().find(|b| b.id == id).unwrap_or(&self.0[0])
    }

    pub fn parse_id(&self, field: &'static str, s: &str) -> Result<String, FieldError> {
        let s = s.trim();
        if self.0.iter().any(|b| b.id == s) {
            Ok(s.to_owned())
        } else {
            let ids: Vec<&str> = self.0.iter().map(|b| b.id.as_str()).collect();
            Err(FieldError::new(
                field,
                format!("must be one of {}, not {s:?}", ids.join(", ")),
            ))
        }
    }
}

/// The currencies limits are kept in; every payment is converted into each (Q6).
pub const LIMIT_CURRENCIES: [Currency; 2] = [Currency::USD, Currency::CNY];
