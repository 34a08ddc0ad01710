//! Free text (labels, names, notes, reasons): one line, not too long, and never a
//! card number.

use super::card;
use super::field::{FieldError, single_line};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
