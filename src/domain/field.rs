//! What the user typed, checked field by field: the error a form shows beside a
//! field, and the small parsers every form shares (country codes, one line of text,
//! one of a fixed set of ids).

use std::fmt;

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

/// Trimmed, not absurdly long, one line; empty is `None`. For fields with a format
/// of their own (an email address) that are not free text.
pub(super) fn single_line(
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

/// An enum of fixed ids with their labels, parsed with [`parse_choice`] (transaction
/// types, destinations, limit windows).
macro_rules! choice_enum {
    ($(#[$m:meta])* $name:ident { $($v:ident = $id:literal / $label:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($v),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            pub fn id(self) -> &'static str {
                match self { $($name::$v => $id),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$v => $label),+ }
            }

            pub fn from_id(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.id() == s)
            }

            pub fn parse(
                field: &'static str,
                s: &str,
            ) -> Result<$name, $crate::domain::field::FieldError> {
                $crate::domain::field::parse_choice(field, s, Self::ALL, $name::id)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}
pub(super) use choice_enum;

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
}
