//! Pure rules and types: no egui, no SQLite, no keyring, no clock.
//!
//! Rule ids in comments (C1, L1, …) are those of `shared/DOMAIN.md`.

pub mod account;
pub mod card;
pub mod forecast;
pub mod lifecycle;
pub mod limits;
pub mod method;
pub mod money;
pub mod profile;
pub mod risk;
pub mod txn;
pub mod txn_filter;

use std::fmt;

pub use account::{Account, AccountDraft, AccountPatch, NewAccount, Provider, Region, Tier};
pub use card::{CardNumber, Expiry, Network};
pub use method::{
    Attempt, CardDraft, CardInfo, Fact, Funding, Method, MethodDetails, MethodKind, MethodStatus,
    NUMBER_MISSING, NewCard, NewPaypal, Outcome, PaypalDraft, PaypalInfo,
};

/// What is wrong with one field of the user's input: shown inline in the window and
/// printed by the CLI (exit 2). Never carries a card number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        FieldError {
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for FieldError {}

/// Every field error of a form at once, in the order the fields are shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    /// Record the error of a parse, keeping its value if it succeeded.
    pub fn take<T>(&mut self, r: Result<T, FieldError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    pub fn get(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }

    pub fn first(&self) -> Option<&FieldError> {
        self.0.first()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

macro_rules! id_type {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// A payment account's row id.
    AccountId
);
id_type!(
    /// A linked payment method's row id.
    MethodId
);

/// An ISO 3166-1 alpha-2 country code, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CountryCode(String);

impl CountryCode {
    pub fn parse(field: &'static str, input: &str) -> Result<CountryCode, FieldError> {
        let s = input.trim().to_ascii_uppercase();
        if s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(CountryCode(s))
        } else {
            Err(FieldError::new(
                field,
                format!("use a two-letter country code such as US, HK or CN, not {input:?}"),
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Issued in the Chinese mainland (AC3, AL6, WX1).
    pub fn is_mainland_china(&self) -> bool {
        self.0 == "CN"
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An optional country: empty input is `None`, anything else must be a code.
pub fn optional_country(
    field: &'static str,
    input: &str,
) -> Result<Option<CountryCode>, FieldError> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        CountryCode::parse(field, input).map(Some)
    }
}

/// Why a free-text field holding a card number is refused. Names no digits: an
/// error is shown and printed, and the number must not travel with it.
pub const CARD_NUMBER_IN_TEXT: &str =
    "looks like a card number; walletdesk keeps card numbers only in the secret store — remove it";

/// A required free-text field: trimmed, not empty, not absurdly long, one line, and
/// no card number in it.
pub fn required_text(
    field: &'static str,
    input: &str,
    max_chars: usize,
) -> Result<String, FieldError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    optional_text(field, s, max_chars).map(Option::unwrap_or_default)
}

/// An optional free-text field: empty is `None`. Every label, name, note and reason
/// passes through here, so this is where a card number typed into one is stopped
/// before it reaches the database.
pub fn optional_text(
    field: &'static str,
    input: &str,
    max_chars: usize,
) -> Result<Option<String>, FieldError> {
    let text = single_line(field, input, max_chars)?;
    if text.as_deref().is_some_and(card::contains_card_number) {
        return Err(FieldError::new(field, CARD_NUMBER_IN_TEXT));
    }
    Ok(text)
}

/// Trimmed, not absurdly long, one line; empty is `None`. For fields with a format
/// of their own (an email address) that are not free text.
fn single_line(
    field: &'static str,
    input: &str,
    max_chars: usize,
) -> Result<Option<String>, FieldError> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.chars().count() > max_chars {
        return Err(FieldError::new(
            field,
            format!("at most {max_chars} characters"),
        ));
    }
    if s.chars().any(char::is_control) {
        return Err(FieldError::new(field, "must be a single line of text"));
    }
    Ok(Some(s.to_owned()))
}

/// Parse one of a fixed set of ids, naming the choices when it is none of them.
pub fn parse_choice<T: Copy>(
    field: &'static str,
    input: &str,
    all: &[T],
    id: impl Fn(T) -> &'static str,
) -> Result<T, FieldError> {
    let s = input.trim();
    all.iter().copied().find(|v| id(*v) == s).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|v| id(*v)).collect();
        FieldError::new(
            field,
            format!("must be one of {}, not {s:?}", names.join(", ")),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes() {
        assert_eq!(
            CountryCode::parse("country", " hk ").unwrap().as_str(),
            "HK"
        );
        let e = CountryCode::parse("country", "USA").unwrap_err();
        assert_eq!(e.field, "country");
        assert!(e.message.contains("two-letter"));
        assert!(CountryCode::parse("country", "U1").is_err());
        assert_eq!(optional_country("country", "  ").unwrap(), None);
    }

    #[test]
    fn text_fields() {
        assert_eq!(
            required_text("label", "  ", 10).unwrap_err().message,
            "required"
        );
        assert_eq!(required_text("label", " 支付宝 ", 10).unwrap(), "支付宝");
        assert!(required_text("label", "abcdefghijk", 10).is_err());
        assert!(required_text("label", "a\nb", 10).is_err());
        assert_eq!(optional_text("bank", "", 10).unwrap(), None);
    }

    #[test]
    fn a_card_number_in_free_text_is_refused_without_repeating_it() {
        for text in [
            "paid with 4111 1111 1111 1111",
            "4111-1111-1111-1111",
            "card:4111111111111111, exp 09/28",
            "Amex 3782 822463 10005",
            // A date just before it does not hide it.
            "2026-03-01 4111 1111 1111 1111",
        ] {
            let e = optional_text("note", text, 500).unwrap_err();
            assert_eq!(e.field, "note");
            assert_eq!(e.message, CARD_NUMBER_IN_TEXT);
            let shown = e.to_string();
            assert!(
                shown.starts_with("note: looks like a card number"),
                "{shown}"
            );
            assert!(
                !shown.contains("1111") && !shown.contains("10005"),
                "{shown}"
            );
        }
        let e = required_text("label", "4111 1111 1111 1111", 80).unwrap_err();
        assert_eq!(e.field, "label");
        assert_eq!(e.message, CARD_NUMBER_IN_TEXT);
    }

    #[test]
    fn ordinary_text_with_digits_is_kept() {
        for text in [
            // Luhn fails: a mistyped number, or any other 16 digits.
            "4111 1111 1111 1112",
            "4111111111111112",
            // Shorter than 12 digits.
            "order 41111111113",
            "call +86 138 1234 5679",
            "2026-03-01",
            "2026-03-01T14:30:00+08:00",
            // Two separators in a row end a run: two dates, not one number.
            "2026-01-01 - 2026-03-01",
            "CNY 3,000.00 on 2026-03-01",
        ] {
            assert_eq!(
                optional_text("note", text, 500).unwrap().as_deref(),
                Some(text),
                "{text}"
            );
        }
        // Luhn-valid, but 20 digits in one piece is not a card number.
        assert!(card::luhn_ok("41111111111111111115"));
        assert!(optional_text("note", "41111111111111111115", 500).is_ok());
    }

    #[test]
    fn an_email_address_is_not_free_text() {
        // 13 digits that pass Luhn, as an address made of a phone number might.
        assert!(card::luhn_ok("8613812345678"));
        let draft = PaypalDraft {
            email: "8613812345678@example.com".into(),
            country: "CN".into(),
            ..PaypalDraft::default()
        };
        assert!(draft.validate(AccountId(1)).is_ok());
    }
}
