//! Card numbers: digits, networks by IIN prefix, lengths, Luhn, expiry and masking.
//!
//! Everything here is pure: the clock comes in as an argument.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use zeroize::Zeroizing;

use super::field::FieldError;

/// A card network, as told by the number's prefix (C2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Network {
    Visa,
    Mastercard,
    Amex,
    Jcb,
    UnionPay,
    Discover,
    Diners,
}

impl Network {
    pub const ALL: [Network; 7] = [
        Network::Visa,
        Network::Mastercard,
        Network::Amex,
        Network::Jcb,
        Network::UnionPay,
        Network::Discover,
        Network::Diners,
    ];

    /// The stable id used in the database, the CLI and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Network::Visa => "visa",
            Network::Mastercard => "mastercard",
            Network::Amex => "amex",
            Network::Jcb => "jcb",
            Network::UnionPay => "unionpay",
            Network::Discover => "discover",
            Network::Diners => "diners",
        }
    }

    pub fn from_id(id: &str) -> Option<Network> {
        Network::ALL.into_iter().find(|n| n.id() == id)
    }

    /// The name people know the network by.
    pub fn name(self) -> &'static str {
        match self {
            Network::Visa => "Visa",
            Network::Mastercard => "Mastercard",
            Network::Amex => "American Express",
            Network::Jcb => "JCB",
            Network::UnionPay => "UnionPay",
            Network::Discover => "Discover",
            Network::Diners => "Diners Club",
        }
    }

    /// Number lengths the network issues (C2).
    pub fn lengths(self) -> &'static [usize] {
        match self {
            Network::Visa => &[13, 16, 19],
            Network::Mastercard => &[16],
            Network::Amex => &[15],
            Network::Jcb | Network::UnionPay | Network::Discover => &[16, 17, 18, 19],
            Network::Diners => &[14, 15, 16, 17, 18, 19],
        }
    }

    /// UnionPay issues some numbers without a Luhn check digit; for it a failed
    /// check is a warning, not a block (as card-validator treats it).
    pub fn requires_luhn(self) -> bool {
        self != Network::UnionPay
    }

    pub fn lengths_text(self) -> String {
        let l = self.lengths();
        let (first, last) = (l[0], l[l.len() - 1]);
        if l.len() == 1 {
            format!("{first}")
        } else if l.len() == usize::from(u8::try_from(last - first).unwrap_or(0)) + 1 {
            format!("{first} to {last}")
        } else {
            // "13, 16 or 19"
            let all: Vec<String> = l.iter().map(ToString::to_string).collect();
            let (last, rest) = all
                .split_last()
                .map_or(("", &[][..]), |(l, r)| (l.as_str(), r));
            format!("{} or {last}", rest.join(", "))
        }
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One row of the IIN table: numbers whose first `digits` digits lie in `low..=high`.
#[derive(Debug, Clone, Copy)]
pub struct IinRange {
    pub low: u32,
    pub high: u32,
    pub digits: usize,
    pub network: Network,
}

const fn iin(low: u32, high: u32, digits: usize, network: Network) -> IinRange {
    IinRange {
        low,
        high,
        digits,
        network,
    }
}

/// The IIN table of the networks (C2). 622126–622925 is listed for Discover
/// as well as inside UnionPay's `62`: the overlap the domain tells us to report.
pub const IIN_TABLE: &[IinRange] = &[
    iin(4, 4, 1, Network::Visa),
    iin(51, 55, 2, Network::Mastercard),
    iin(2221, 2720, 4, Network::Mastercard),
    iin(34, 34, 2, Network::Amex),
    iin(37, 37, 2, Network::Amex),
    iin(3528, 3589, 4, Network::Jcb),
    iin(62, 62, 2, Network::UnionPay),
    iin(81, 81, 2, Network::UnionPay),
    iin(6011, 6011, 4, Network::Discover),
    iin(644, 649, 3, Network::Discover),
    iin(65, 65, 2, Network::Discover),
    iin(622_126, 622_925, 6, Network::Discover),
    iin(300, 305, 3, Network::Diners),
    iin(36, 36, 2, Network::Diners),
    iin(38, 39, 2, Network::Diners),
];

/// What the prefix says: every network whose range matches, most specific first.
///
/// An empty list means no known network (yet, while the user is still typing).
pub fn networks_for(digits: &str) -> Vec<Network> {
    let mut hits: Vec<&IinRange> = IIN_TABLE
        .iter()
        .filter(|r| {
            digits.len() >= r.digits
                && digits[..r.digits]
                    .parse::<u32>()
                    .is_ok_and(|p| (r.low..=r.high).contains(&p))
        })
        .collect();
    // Most specific (longest) prefix first; ties keep table order.
    hits.sort_by_key(|r| std::cmp::Reverse(r.digits));
    let mut out = Vec::new();
    for r in hits {
        if !out.contains(&r.network) {
            out.push(r.network);
        }
    }
    out
}

/// The Luhn (mod 10) check over a string of ASCII digits.
pub fn luhn_ok(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let d2 = d * 2;
                if d2 > 9 { d2 - 9 } else { d2 }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Does free text hold what looks like a card number: a run of 12 to 19 digits,
/// written together or in groups split by single spaces or dashes, that passes the
/// Luhn check? Card numbers belong in the secret store only, so the text validators
/// refuse such text rather than write it to the database.
pub fn contains_card_number(text: &str) -> bool {
    let mut groups: Vec<&str> = Vec::new();
    let mut start = None;
    let mut after_separator = false;
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit() {
            start.get_or_insert(i);
            after_separator = false;
            continue;
        }
        if let Some(s) = start.take() {
            groups.push(&text[s..i]);
        }
        if (c == ' ' || c == '-') && !groups.is_empty() && !after_separator {
            after_separator = true;
        } else {
            // Anything else, or a second separator in a row, ends the run.
            if run_holds_card_number(&groups) {
                return true;
            }
            groups.clear();
            after_separator = false;
        }
    }
    if let Some(s) = start {
        groups.push(&text[s..]);
    }
    run_holds_card_number(&groups)
}

/// The digit groups of one run: the whole run when it is short enough to be a card
/// number; when it is longer (a date or another number written just before or after
/// one, "2026-03-01 4111 1111 1111 1111"), every stretch of neighbouring groups that
/// is long enough.
fn run_holds_card_number(groups: &[&str]) -> bool {
    const DIGITS: std::ops::RangeInclusive<usize> = 12..=19;
    let total: usize = groups.iter().map(|g| g.len()).sum();
    if total <= *DIGITS.end() {
        return DIGITS.contains(&total) && luhn_ok(&Zeroizing::new(groups.concat()));
    }
    (0..groups.len()).any(|first| {
        let mut digits = Zeroizing::new(String::new());
        for g in &groups[first..] {
            digits.push_str(g);
            if digits.len() > *DIGITS.end() {
                return false;
            }
            if DIGITS.contains(&digits.len()) && luhn_ok(&digits) {
                return true;
            }
        }
        false
    })
}

/// Strip the spaces and dashes people type between digit groups.
///
/// Returns the digits, or the field error if anything else is in the input.
pub fn normalize_number(input: &str) -> Result<Zeroizing<String>, FieldError> {
    let mut digits = Zeroizing::new(String::with_capacity(input.len()));
    for c in input.trim().chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' => {}
            _ => {
                return Err(FieldError::new(
                    "number",
                    "only digits, spaces and dashes are allowed",
                ));
            }
        }
    }
    Ok(digits)
}

/// A full card number, digits only, checked. Held zeroized; its `Debug` shows none of it.
#[derive(Clone, PartialEq, Eq)]
pub struct CardNumber {
    digits: Zeroizing<String>,
    network: Network,
    candidates: Vec<Network>,
    luhn: bool,
}

impl fmt::Debug for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CardNumber({}, redacted)", self.network.id())
    }
}

/// What the number says so far, for inline feedback while the user types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberCheck {
    /// Candidate networks, most specific first (empty: unknown so far).
    pub candidates: Vec<Network>,
    pub length: usize,
    pub luhn: bool,
    /// Why the number cannot be saved, if it cannot.
    pub error: Option<FieldError>,
    /// Something the user should know even though the number can be saved.
    pub warning: Option<String>,
}

impl NumberCheck {
    pub fn network(&self) -> Option<Network> {
        self.candidates.first().copied()
    }
}

/// Check a typed number: digits, network (C2), length (C2), Luhn (C1).
pub fn check_number(input: &str) -> NumberCheck {
    let digits = match normalize_number(input) {
        Ok(d) => d,
        Err(e) => {
            return NumberCheck {
                candidates: Vec::new(),
                length: 0,
                luhn: false,
                error: Some(e),
                warning: None,
            };
        }
    };
    let candidates = networks_for(&digits);
    let length = digits.len();
    let luhn = luhn_ok(&digits);
    let mut warning = None;
    let error = if digits.is_empty() {
        Some(FieldError::new("number", "required"))
    } else if let Some(&network) = candidates.first() {
        if !network.lengths().contains(&length) {
            Some(FieldError::new(
                "number",
                format!(
                    "{} numbers have {} digits; this one has {length} (C2)",
                    network.name(),
                    network.lengths_text()
                ),
            ))
        } else if !luhn && network.requires_luhn() {
            Some(FieldError::new(
                "number",
                "fails the Luhn check: a digit is probably mistyped (C1)",
            ))
        } else {
            if !luhn {
                warning = Some(format!(
                    "fails the Luhn check; some {} numbers have no check digit, so it is allowed (C1)",
                    network.name()
                ));
            }
            None
        }
    } else {
        Some(FieldError::new(
            "number",
            "no known card network starts like this (C2)",
        ))
    };
    if error.is_none() && candidates.len() > 1 {
        let names: Vec<&str> = candidates.iter().map(|n| n.name()).collect();
        warning = Some(format!(
            "this prefix belongs to {}; treated as {}",
            names.join(" and "),
            names[0]
        ));
    }
    NumberCheck {
        candidates,
        length,
        luhn,
        error,
        warning,
    }
}

impl CardNumber {
    /// Parse a typed number; the error names the field and what is wrong.
    pub fn parse(input: &str) -> Result<CardNumber, FieldError> {
        let check = check_number(input);
        if let Some(e) = check.error {
            return Err(e);
        }
        let digits = normalize_number(input)?;
        let network = check
            .candidates
            .first()
            .copied()
            .ok_or_else(|| FieldError::new("number", "no known card network (C2)"))?;
        Ok(CardNumber {
            digits,
            network,
            candidates: check.candidates,
            luhn: check.luhn,
        })
    }

    /// The digits. Callers hand them only to the vault, the fingerprint and the clipboard.
    pub fn expose(&self) -> &str {
        &self.digits
    }

    pub fn network(&self) -> Network {
        self.network
    }

    pub fn candidates(&self) -> &[Network] {
        &self.candidates
    }

    pub fn luhn(&self) -> bool {
        self.luhn
    }

    pub fn first6(&self) -> &str {
        &self.digits[..6]
    }

    pub fn last4(&self) -> &str {
        &self.digits[self.digits.len() - 4..]
    }

    pub fn len(&self) -> usize {
        self.digits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.digits.is_empty()
    }

    /// Grouped for reading back: `4111 1111 1111 1111`, Amex `3782 822463 10005`.
    pub fn grouped(&self) -> Zeroizing<String> {
        let groups: &[usize] = if self.network == Network::Amex && self.len() == 15 {
            &[4, 6, 5]
        } else {
            &[4, 4, 4, 4, 4]
        };
        let mut out = Zeroizing::new(String::with_capacity(24));
        let mut rest: &str = &self.digits;
        for &g in groups {
            if rest.is_empty() {
                break;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            let n = g.min(rest.len());
            out.push_str(&rest[..n]);
            rest = &rest[n..];
        }
        out
    }
}

/// `•••• 1234`: how a stored card is shown in lists.
pub fn mask_short(last4: &str) -> String {
    format!("•••• {last4}")
}

/// `353011******0000`: first 6, last 4, the rest starred (the CLI's `masked`).
pub fn mask_full(first6: &str, last4: &str, length: usize) -> String {
    let stars = length.saturating_sub(first6.len() + last4.len());
    format!("{first6}{}{last4}", "*".repeat(stars))
}

/// A card's expiry month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Expiry {
    pub year: i32,
    pub month: u32,
}

impl Expiry {
    /// Parse `MM/YY`, `MM/YYYY` or `M/YY` (spaces around the slash allowed).
    pub fn parse(input: &str) -> Result<Expiry, FieldError> {
        let bad = || FieldError::new("expiry", "use MM/YY, for example 09/28");
        let input = input.trim();
        if input.is_empty() {
            return Err(FieldError::new("expiry", "required"));
        }
        let (m, y) = input.split_once('/').ok_or_else(bad)?;
        let (m, y) = (m.trim(), y.trim());
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(m) || !digits(y) || m.len() > 2 || !(y.len() == 2 || y.len() == 4) {
            return Err(bad());
        }
        let month: u32 = m.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(FieldError::new(
                "expiry",
                format!("month must be 01 to 12, not {m}"),
            ));
        }
        let mut year: i32 = y.parse().map_err(|_| bad())?;
        if y.len() == 2 {
            year += 2000;
        }
        if !(2000..=2199).contains(&year) {
            return Err(FieldError::new(
                "expiry",
                format!("the year must be 2000 to 2199, not {year}"),
            ));
        }
        Ok(Expiry { year, month })
    }

    /// The last day the card can be used.
    pub fn last_day(self) -> NaiveDate {
        let (ny, nm) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        NaiveDate::from_ymd_opt(ny, nm, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// Expired after the last day of its month (C3).
    pub fn is_expired(self, today: NaiveDate) -> bool {
        today > self.last_day()
    }

    /// Expires in the month `today` is in (C4).
    pub fn is_this_month(self, today: NaiveDate) -> bool {
        self.year == today.year() && self.month == today.month()
    }
}

impl fmt::Display for Expiry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}", self.month, self.year.rem_euclid(100))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Append the digit that makes `body` pass Luhn.
    fn with_check_digit(body: &str) -> String {
        (0..10)
            .map(|c| format!("{body}{c}"))
            .find(|n| luhn_ok(n))
            .unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn luhn_accepts_known_good_and_rejects_a_changed_digit() {
        assert!(luhn_ok("4111111111111111"));
        assert!(luhn_ok("378282246310005"));
        assert!(luhn_ok("0"));
        assert!(!luhn_ok("4111111111111112"));
        assert!(!luhn_ok("378282246310006"));
        assert!(!luhn_ok(""));
        assert!(!luhn_ok("41x1"));
    }

    #[test]
    fn every_row_of_the_iin_table_is_detected() {
        let cases: &[(&str, Network)] = &[
            ("4111111111111111", Network::Visa),
            ("5105105105105100", Network::Mastercard),
            ("5555555555554444", Network::Mastercard),
            ("2221000000000009", Network::Mastercard),
            ("2720990000000007", Network::Mastercard),
            ("340000000000009", Network::Amex),
            ("378282246310005", Network::Amex),
            ("3528000000000007", Network::Jcb),
            ("3589000000000003", Network::Jcb),
            ("6200000000000005", Network::UnionPay),
            ("8100000000000000", Network::UnionPay),
            ("6011111111111117", Network::Discover),
            ("6440000000000000", Network::Discover),
            ("6490000000000000", Network::Discover),
            ("6500000000000002", Network::Discover),
            ("30000000000004", Network::Diners),
            ("30500000000003", Network::Diners),
            ("36227206271667", Network::Diners),
            ("38000000000006", Network::Diners),
            ("39000000000004", Network::Diners),
        ];
        for (number, network) in cases {
            assert_eq!(
                networks_for(number).first(),
                Some(network),
                "{number} should be {network}"
            );
        }
    }

    #[test]
    fn range_edges_are_exclusive_outside() {
        assert!(networks_for("2220999999999999").is_empty());
        assert!(networks_for("2721000000000000").is_empty());
        assert!(networks_for("3527000000000000").is_empty());
        assert!(networks_for("3590000000000000").is_empty());
        assert!(networks_for("5600000000000000").is_empty());
        assert!(networks_for("3060000000000000").is_empty());
        assert!(networks_for("6430000000000000").is_empty());
    }

    #[test]
    fn overlapping_prefix_reports_both_most_specific_first() {
        assert_eq!(
            networks_for("6221260000000000"),
            vec![Network::Discover, Network::UnionPay]
        );
        assert_eq!(networks_for("6221250000000000"), vec![Network::UnionPay]);
        assert_eq!(networks_for("6229260000000000"), vec![Network::UnionPay]);
        let check = check_number("6221 2600 0000 0000");
        assert!(check.warning.unwrap().contains("Discover and UnionPay"));
    }

    #[test]
    fn lengths_per_network() {
        // Visa 13 and 19 are fine, 15 is not.
        assert!(check_number("4222222222222").error.is_none());
        let visa19 = with_check_digit("411111111111111111");
        assert_eq!(visa19.len(), 19);
        assert!(check_number(&visa19).error.is_none());
        let e = check_number("411111111111116").error.unwrap();
        assert!(e.message.contains("13, 16 or 19"), "{e}");
        // Amex is 15 only.
        let e = check_number("3782822463100050").error.unwrap();
        assert!(
            e.message
                .contains("American Express numbers have 15 digits"),
            "{e}"
        );
        // Mastercard 16 only.
        assert!(check_number("5555555555554444").error.is_none());
        let e = check_number("55555555555544440").error.unwrap();
        assert!(e.message.contains("16 digits"));
        // Diners 14 to 19.
        assert!(check_number("36227206271667").error.is_none());
        let e = check_number("3622720627166").error.unwrap();
        assert!(e.message.contains("14 to 19"), "{e}");
    }

    #[test]
    fn luhn_failure_blocks_but_only_warns_for_unionpay() {
        let e = check_number("4111111111111112").error.unwrap();
        assert_eq!(e.field, "number");
        assert!(e.message.contains("Luhn"));
        let up = check_number("6200000000000006");
        assert!(up.error.is_none());
        assert!(up.warning.unwrap().contains("Luhn"));
    }

    #[test]
    fn spaces_and_dashes_are_stripped_other_characters_refused() {
        let n = CardNumber::parse(" 4111 1111-1111 1111 ").unwrap();
        assert_eq!(n.expose(), "4111111111111111");
        assert_eq!(n.first6(), "411111");
        assert_eq!(n.last4(), "1111");
        let e = CardNumber::parse("4111 1111 1111 111O").unwrap_err();
        assert_eq!(e.field, "number");
        assert!(e.message.contains("only digits"));
        assert_eq!(CardNumber::parse("  ").unwrap_err().message, "required");
        let e = CardNumber::parse("9999999999999995").unwrap_err();
        assert!(e.message.contains("no known card network"));
    }

    #[test]
    fn debug_shows_nothing_of_the_number() {
        let n = CardNumber::parse("4111111111111111").unwrap();
        let shown = format!("{n:?}");
        assert!(!shown.contains("4111"), "{shown}");
        assert!(!shown.contains("1111"), "{shown}");
    }

    #[test]
    fn grouping_for_reading_back() {
        let n = CardNumber::parse("4111111111111111").unwrap();
        assert_eq!(n.grouped().as_str(), "4111 1111 1111 1111");
        let n = CardNumber::parse("378282246310005").unwrap();
        assert_eq!(n.grouped().as_str(), "3782 822463 10005");
    }

    #[test]
    fn masking() {
        assert_eq!(mask_short("1234"), "•••• 1234");
        assert_eq!(mask_full("353011", "0000", 16), "353011******0000");
        assert_eq!(mask_full("378282", "0005", 15), "378282*****0005");
    }

    #[test]
    fn expiry_formats() {
        assert_eq!(
            Expiry::parse("09/28").unwrap(),
            Expiry {
                year: 2028,
                month: 9
            }
        );
        assert_eq!(
            Expiry::parse("09/2028").unwrap(),
            Expiry {
                year: 2028,
                month: 9
            }
        );
        assert_eq!(
            Expiry::parse("9/28").unwrap(),
            Expiry {
                year: 2028,
                month: 9
            }
        );
        assert_eq!(
            Expiry::parse(" 12 / 30 ").unwrap(),
            Expiry {
                year: 2030,
                month: 12
            }
        );
        assert_eq!(Expiry::parse("9/28").unwrap().to_string(), "09/28");
    }

    #[test]
    fn expiry_rejects_bad_months_and_garbage() {
        let e = Expiry::parse("13/28").unwrap_err();
        assert_eq!(e.field, "expiry");
        assert!(e.message.contains("01 to 12"));
        assert!(Expiry::parse("00/28").is_err());
        for bad in [
            "", "1228", "12-28", "ab/cd", "12/", "/28", "12/028", "123/28", "12/28/1",
        ] {
            assert!(Expiry::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn expired_only_after_the_last_day_of_the_month() {
        let e = Expiry::parse("02/28").unwrap();
        assert_eq!(e.last_day(), d(2028, 2, 29));
        assert!(!e.is_expired(d(2028, 2, 29)));
        assert!(e.is_expired(d(2028, 3, 1)));
        let dec = Expiry::parse("12/26").unwrap();
        assert_eq!(dec.last_day(), d(2026, 12, 31));
        assert!(dec.is_this_month(d(2026, 12, 1)));
        assert!(!dec.is_this_month(d(2026, 11, 30)));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever is typed, checking it never panics, and a number that can be
        /// saved has a network whose lengths include its own.
        #[test]
        fn any_input_is_checked_without_panicking(input in "\\PC{0,40}") {
            let c = check_number(&input);
            if c.error.is_none() {
                let n = c.network().unwrap();
                prop_assert!(n.lengths().contains(&c.length));
                prop_assert!(c.luhn || !n.requires_luhn());
            }
        }

        /// Any digit string is refused for Luhn (C1) or network/length (C2), or it
        /// gets a network.
        #[test]
        fn digits_fail_luhn_or_get_a_network(digits in "[0-9]{1,20}") {
            let c = check_number(&digits);
            match &c.error {
                Some(e) => prop_assert!(e.message.contains("(C1)") || e.message.contains("(C2)")),
                None => prop_assert!(c.network().is_some()),
            }
        }

        /// Spaces and dashes anywhere do not change the number.
        #[test]
        fn separators_are_ignored(digits in "[0-9]{12,19}", seps in proptest::collection::vec(prop_oneof![Just(" "), Just("-"), Just("")], 20)) {
            let spaced: String = digits.chars().zip(seps.iter().cycle()).flat_map(|(d, s)| [d.to_string(), (*s).to_owned()]).collect();
            prop_assert_eq!(check_number(&spaced), check_number(&digits));
        }

        /// Every valid expiry prints as MM/YY and parses back to itself.
        #[test]
        fn expiry_round_trips(month in 1u32..=12, year in 2000i32..=2099) {
            let e = Expiry { year, month };
            prop_assert_eq!(Expiry::parse(&e.to_string()).unwrap(), e);
            prop_assert_eq!(Expiry::parse(&format!("{month}/{year}")).unwrap(), e);
        }
    }
}
