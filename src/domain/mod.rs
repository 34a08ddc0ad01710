//! Pure rules and types: no egui, no SQLite, no keyring, no clock.
//!
//! Rule ids in comments (C1, L1, …) are those of `shared/DOMAIN.md`.

pub mod account;
pub mod card;
pub mod lifecycle;
pub mod limits;
pub mod method;
pub mod money;
pub mod profile;
pub mod risk;
pub mod txn;

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

/// A required free-text field: trimmed, not empty, not absurdly long, one line.
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

/// An optional free-text field: empty is `None`.
pub fn optional_text(
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
}
