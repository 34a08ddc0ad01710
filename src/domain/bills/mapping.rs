//! Any other CSV (a bank's statement): which column holds what, saved by name
//! (`--format mapping:NAME`). Pure: a mapping is checked field by field, and one
//! split line becomes a payment, a skipped row, or an error naming the field.
//! Anchors: GnuCash's and HomeBank's CSV import assistants.

use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::clean;
use crate::domain::calendar::from_local;
use crate::domain::field::{FieldError, FieldErrors};
use crate::domain::money::{Currency, parse_amount};
use crate::domain::text::optional_text;

/// The date formats offered first (any chrono format string is accepted).
pub const DATE_PRESETS: [&str; 6] = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%d.%m.%Y %H:%M",
];

/// The most characters a mapping's name may have.
pub const NAME_MAX: usize = 60;

/// A column, chosen by its header name where the file has one (so a re-ordered
/// export still maps), else by its position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ColumnRef {
    /// The header's name for it; empty when chosen by number.
    #[serde(default)]
    pub name: String,
    /// 0-based position: used when the file has no header or no name was given.
    pub index: usize,
}

impl ColumnRef {
    pub fn named(name: &str, index: usize) -> ColumnRef {
        ColumnRef {
            name: name.to_owned(),
            index,
        }
    }
    pub fn at(index: usize) -> ColumnRef {
        ColumnRef {
            name: String::new(),
            index,
        }
    }
    /// "“Betrag”" or "column 3", as people read it.
    pub fn describe(&self) -> String {
        if self.name.is_empty() {
            format!("column {}", self.index + 1)
        } else {
            format!("“{}”", self.name)
        }
    }
}

/// Where a row's currency comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CurrencySource {
    Column(ColumnRef),
    /// One currency for every row (an ISO 4217 code).
    Fixed(#[serde(with = "currency_code")] Currency),
}

mod currency_code {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::domain::money::Currency;

    pub fn serialize<S: Serializer>(c: &Currency, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(c.as_str())
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Currency, D::Error> {
        let s = String::deserialize(d)?;
        Currency::parse("currency", &s).map_err(serde::de::Error::custom)
    }
}

/// Which sign is money out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MoneyOut {
    /// `-12,50` is a payment (most banks).
    #[default]
    Negative,
    /// `12,50` is a payment (a card's statement).
    Positive,
}

impl MoneyOut {
    pub const ALL: [MoneyOut; 2] = [MoneyOut::Negative, MoneyOut::Positive];
    pub fn id(self) -> &'static str {
        match self {
            MoneyOut::Negative => "negative",
            MoneyOut::Positive => "positive",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            MoneyOut::Negative => "negative amounts (−12.50) are money out",
            MoneyOut::Positive => "positive amounts (12.50) are money out",
        }
    }
}

/// How to read a bank's CSV: saved by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvMapping {
    pub name: String,
    pub time: ColumnRef,
    pub amount: ColumnRef,
    pub currency: CurrencySource,
    #[serde(default)]
    pub counterparty: Option<ColumnRef>,
    #[serde(default)]
    pub note: Option<ColumnRef>,
    /// A chrono format string: `%d.%m.%Y`; a date alone is midnight.
    pub date_format: String,
    /// `12,50` rather than `12.50` (and `1.234,50` with thousands).
    #[serde(default)]
    pub decimal_comma: bool,
    #[serde(default)]
    pub money_out: MoneyOut,
    /// Lines before the header (a bank's preamble).
    #[serde(default)]
    pub skip_lines: usize,
    /// The first line (after `skip_lines`) names the columns.
    pub has_header: bool,
}

impl Default for CsvMapping {
    fn default() -> Self {
        CsvMapping {
            name: String::new(),
            time: ColumnRef::at(0),
            amount: ColumnRef::at(1),
            currency: CurrencySource::Fixed(Currency::CNY),
            counterparty: None,
            note: None,
            date_format: DATE_PRESETS[0].to_owned(),
            decimal_comma: false,
            money_out: MoneyOut::Negative,
            skip_lines: 0,
            has_header: true,
        }
    }
}

/// The columns of one file, found: positions in its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub time: usize,
    pub amount: usize,
    pub currency: Result<usize, Currency>,
    pub counterparty: Option<usize>,
    pub note: Option<usize>,
}

impl Resolved {
    /// How many fields a row needs.
    pub fn width(&self) -> usize {
        [
            Some(self.time),
            Some(self.amount),
            self.currency.ok(),
            self.counterparty,
            self.note,
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0)
            + 1
    }
}

/// A row read through a mapping, to be recorded (as `goods` to a `merchant`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappedTxn {
    pub at: DateTime<FixedOffset>,
    /// Positive: the money that went out.
    pub amount: Decimal,
    pub currency: Currency,
    pub counterparty: String,
    pub note: String,
}

/// Why a mapped row is not recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MappedSkip {
    MoneyIn,
    Zero,
}

/// What a mapping makes of one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MappedRow {
    Record(MappedTxn),
    Skip(MappedSkip),
}

/// Whether `fmt` is a chrono format that reads at least a date.
pub fn check_date_format(field: &'static str, fmt: &str) -> Result<(), FieldError> {
    if fmt.trim().is_empty() {
        return Err(FieldError::new(
            field,
            "required: a format such as %d.%m.%Y or %Y-%m-%d %H:%M:%S",
        ));
    }
    if StrftimeItems::new(fmt).any(|i| matches!(i, Item::Error)) {
        return Err(FieldError::new(
            field,
            format!("{fmt:?} is not a date format (use %Y, %m, %d, %H, %M, %S, …)"),
        ));
    }
    // A sample written with the format must read back as a date.
    let sample = NaiveDate::from_ymd_opt(2026, 3, 14)
        .and_then(|d| d.and_hms_opt(15, 9, 26))
        .unwrap_or_default();
    let text = sample.format(fmt).to_string();
    if parse_time_naive(&text, fmt).is_none() {
        return Err(FieldError::new(
            field,
            format!("{fmt:?} does not say the year, month and day (e.g. %d.%m.%Y)"),
        ));
    }
    Ok(())
}

fn parse_time_naive(s: &str, fmt: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, fmt).ok().or_else(|| {
        NaiveDate::parse_from_str(s, fmt)
            .ok()
            .map(|d| d.and_time(NaiveTime::MIN))
    })
}

/// An amount with its sign, as banks write it: `-12,50`, `1.234,50`, `(12.50)`,
/// `12.50-`, `€ -3,00`. Thousands separators must group three digits.
pub fn parse_signed(s: &str, decimal_comma: bool) -> Option<Decimal> {
    let mut t: String = s
        .trim()
        .trim_matches(|c: char| "€$£¥￥".contains(c) || c.is_whitespace())
        .replace('\u{2212}', "-");
    let mut negative = false;
    if t.starts_with('(') && t.ends_with(')') {
        negative = true;
        t = t[1..t.len() - 1].trim().to_owned();
    }
    if let Some(r) = t.strip_prefix('-') {
        negative = !negative;
        t = r.trim_start().to_owned();
    } else if let Some(r) = t.strip_prefix('+') {
        t = r.trim_start().to_owned();
    } else if let Some(r) = t.strip_suffix('-') {
        negative = !negative;
        t = r.trim_end().to_owned();
    }
    let t = t.trim_matches(|c: char| "€$£¥￥".contains(c) || c.is_whitespace());
    let (dec, group) = if decimal_comma {
        (',', '.')
    } else {
        ('.', ',')
    };
    let mut parts = t.split(dec);
    let int = parts.next()?;
    let frac = parts.next();
    if parts.next().is_some() {
        return None;
    }
    if let Some(f) = frac
        && (f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let groups: Vec<&str> = int.split([group, ' ', '\u{a0}', '\'']).collect();
    let ok_groups = match groups.as_slice() {
        [one] => !one.is_empty() && one.bytes().all(|b| b.is_ascii_digit()),
        [first, rest @ ..] => {
            (1..=3).contains(&first.len())
                && first.bytes().all(|b| b.is_ascii_digit())
                && rest
                    .iter()
                    .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
        }
        [] => false,
    };
    if !ok_groups {
        return None;
    }
    let digits = groups.concat();
    let text = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    let d: Decimal = text.parse().ok()?;
    Some(if negative { -d } else { d })
}

impl CsvMapping {
    /// Every problem of the mapping at once, each naming its field.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::default();
        let name = self.name.trim();
        if name.is_empty() {
            errs.push(FieldError::new(
                "name",
                "required: a name to find it by next time",
            ));
        } else if name.chars().count() > NAME_MAX {
            errs.push(FieldError::new(
                "name",
                format!("at most {NAME_MAX} characters"),
            ));
        } else if name.chars().any(char::is_control) {
            errs.push(FieldError::new("name", "one line of text, please"));
        }
        if let Err(e) = check_date_format("date-format", &self.date_format) {
            errs.push(e);
        }
        let mut used: Vec<(&'static str, &ColumnRef)> = vec![("time", &self.time)];
        used.push(("amount", &self.amount));
        if let CurrencySource::Column(c) = &self.currency {
            used.push(("currency", c));
        }
        if let Some(c) = &self.counterparty {
            used.push(("counterparty", c));
        }
        if let Some(c) = &self.note {
            used.push(("note", c));
        }
        for (i, (field, c)) in used.iter().enumerate() {
            if !self.has_header && !c.name.is_empty() {
                errs.push(FieldError::new(
                    field,
                    format!(
                        "{} is a column name, but the file has no header: give its number",
                        c.describe()
                    ),
                ));
            }
            if let Some((other, _)) = used[..i].iter().find(|(_, o)| o == c) {
                errs.push(FieldError::new(
                    field,
                    format!("{} is already the {other} column", c.describe()),
                ));
            }
        }
        if errs.is_empty() { Ok(()) } else { Err(errs) }
    }

    /// The columns in a file with this header (`None`: the file has none).
    pub fn resolve(&self, header: Option<&[String]>) -> Result<Resolved, FieldErrors> {
        let mut errs = FieldErrors::default();
        let mut find = |field: &'static str, c: &ColumnRef| -> Option<usize> {
            match header {
                Some(h) if !c.name.is_empty() => {
                    let found = h.iter().position(|f| clean(f) == c.name.trim());
                    if found.is_none() {
                        let names: Vec<&str> = h.iter().map(|f| clean(f)).collect();
                        errs.push(FieldError::new(
                            field,
                            format!(
                                "no column named “{}” in the header ({})",
                                c.name,
                                names.join(", ")
                            ),
                        ));
                    }
                    found
                }
                _ => Some(c.index),
            }
        };
        let time = find("time", &self.time);
        let amount = find("amount", &self.amount);
        let currency = match &self.currency {
            CurrencySource::Column(c) => find("currency", c).map(Ok),
            CurrencySource::Fixed(cur) => Some(Err(*cur)),
        };
        let counterparty = self.counterparty.as_ref().map(|c| find("counterparty", c));
        let note = self.note.as_ref().map(|c| find("note", c));
        match (time, amount, currency) {
            (Some(time), Some(amount), Some(currency)) if errs.is_empty() => Ok(Resolved {
                time,
                amount,
                currency,
                counterparty: counterparty.flatten(),
                note: note.flatten(),
            }),
            _ => Err(errs),
        }
    }

    /// One line (split into fields) read through the mapping; times are in `tz`.
    pub fn read_row(
        &self,
        cols: &Resolved,
        fields: &[String],
        tz: Tz,
    ) -> Result<MappedRow, FieldError> {
        let get = |i: usize| fields.get(i).map_or("", |f| clean(f));
        let time_text = get(cols.time);
        if time_text.is_empty() {
            return Err(FieldError::new("time", "empty"));
        }
        let naive = parse_time_naive(time_text, self.date_format.trim()).ok_or_else(|| {
            FieldError::new(
                "time",
                format!(
                    "{time_text:?} is not a time in the format {}",
                    self.date_format.trim()
                ),
            )
        })?;
        let at = from_local(naive, tz).ok_or_else(|| {
            FieldError::new("time", format!("{time_text:?} does not exist in {tz}"))
        })?;
        let amount_text = get(cols.amount);
        let signed = parse_signed(amount_text, self.decimal_comma).ok_or_else(|| {
            FieldError::new(
                "amount",
                format!(
                    "{amount_text:?} is not an amount{}",
                    if self.decimal_comma {
                        " (with a decimal comma: -1.234,50)"
                    } else {
                        " (with a decimal point: -1,234.50)"
                    }
                ),
            )
        })?;
        if signed.is_zero() {
            return Ok(MappedRow::Skip(MappedSkip::Zero));
        }
        let out = match self.money_out {
            MoneyOut::Negative => signed.is_sign_negative(),
            MoneyOut::Positive => signed.is_sign_positive(),
        };
        if !out {
            return Ok(MappedRow::Skip(MappedSkip::MoneyIn));
        }
        let currency = match cols.currency {
            Ok(i) => {
                let c = get(i);
                if c.is_empty() {
                    return Err(FieldError::new("currency", "empty"));
                }
                Currency::parse("currency", c)?
            }
            Err(c) => c,
        };
        let amount = parse_amount("amount", &signed.abs().to_string(), currency)?;
        let text = |field: &'static str, col: Option<usize>, max: usize| {
            let s = col.map_or("", get);
            optional_text(field, s, max).map(Option::unwrap_or_default)
        };
        Ok(MappedRow::Record(MappedTxn {
            at,
            amount,
            currency,
            counterparty: text("counterparty", cols.counterparty, 120)?,
            note: text("note", cols.note, 500)?,
        }))
    }
}

/// Names that usually head each column (lower case; a header name containing one).
const TIME_WORDS: [&str; 7] = ["date", "time", "datum", "buchung", "日期", "时间", "valuta"];
const AMOUNT_WORDS: [&str; 5] = ["amount", "betrag", "sum", "金额", "value"];
const CURRENCY_WORDS: [&str; 4] = ["currency", "währung", "ccy", "币种"];
const COUNTERPARTY_WORDS: [&str; 7] = [
    "payee",
    "counterparty",
    "empfänger",
    "merchant",
    "recipient",
    "对方",
    "name",
];
const NOTE_WORDS: [&str; 7] = [
    "purpose",
    "description",
    "memo",
    "verwendungszweck",
    "reference",
    "note",
    "摘要",
];

fn guess_column(header: &[String], words: &[&str], taken: &[usize]) -> Option<usize> {
    words.iter().find_map(|w| {
        header.iter().enumerate().find_map(|(i, h)| {
            (!taken.contains(&i) && clean(h).to_lowercase().contains(w)).then_some(i)
        })
    })
}

/// A first mapping for a file with this header and these first rows, as the
/// mapping screen opens: columns by their usual names, the date format and the
/// decimal comma that read the rows. The person checks and changes it.
pub fn guess(header: &[String], rows: &[Vec<String>]) -> CsvMapping {
    let mut taken = Vec::new();
    let mut pick = |words: &[&str]| {
        let c = guess_column(header, words, &taken);
        taken.extend(c);
        c
    };
    let time = pick(&TIME_WORDS);
    let amount = pick(&AMOUNT_WORDS);
    let currency = pick(&CURRENCY_WORDS);
    let counterparty = pick(&COUNTERPARTY_WORDS);
    let note = pick(&NOTE_WORDS);
    let col = |i: usize| ColumnRef::named(header.get(i).map_or("", |h| clean(h)), i);
    let values = |c: Option<usize>| -> Vec<&str> {
        c.map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c).map(|f| clean(f)))
                .filter(|f| !f.is_empty())
                .take(10)
                .collect()
        })
        .unwrap_or_default()
    };
    let times = values(time);
    let date_format = DATE_PRESETS
        .iter()
        .find(|f| !times.is_empty() && times.iter().all(|t| parse_time_naive(t, f).is_some()))
        .unwrap_or(&DATE_PRESETS[0]);
    let amounts = values(amount);
    let decimal_comma = !amounts.is_empty()
        && amounts.iter().all(|a| parse_signed(a, true).is_some())
        && amounts.iter().any(|a| parse_signed(a, false).is_none());
    CsvMapping {
        time: col(time.unwrap_or(0)),
        amount: col(amount.unwrap_or(1.min(header.len().saturating_sub(1)))),
        currency: currency.map_or(CurrencySource::Fixed(Currency::CNY), |c| {
            CurrencySource::Column(col(c))
        }),
        counterparty: counterparty.map(col),
        note: note.map(col),
        date_format: (*date_format).to_owned(),
        decimal_comma,
        ..CsvMapping::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bills::split_line;

    fn bank() -> CsvMapping {
        CsvMapping {
            name: "My bank".into(),
            time: ColumnRef::named("Buchungstag", 0),
            amount: ColumnRef::named("Betrag", 3),
            currency: CurrencySource::Column(ColumnRef::named("Währung", 4)),
            counterparty: Some(ColumnRef::named("Empfänger", 1)),
            note: Some(ColumnRef::named("Verwendungszweck", 2)),
            date_format: "%d.%m.%Y".into(),
            decimal_comma: true,
            money_out: MoneyOut::Negative,
            skip_lines: 0,
            has_header: true,
        }
    }

    fn header() -> Vec<String> {
        split_line("Buchungstag,Empfänger,Verwendungszweck,Betrag,Währung")
    }

    #[test]
    fn signed_amounts_as_banks_write_them() {
        let d = |s: &str| s.parse::<Decimal>().ok();
        assert_eq!(parse_signed("-12,50", true), d("-12.50"));
        assert_eq!(parse_signed("1.234,50", true), d("1234.50"));
        assert_eq!(parse_signed("-1,234.50", false), d("-1234.50"));
        assert_eq!(parse_signed("(12.50)", false), d("-12.50"));
        assert_eq!(parse_signed("12.50-", false), d("-12.50"));
        assert_eq!(parse_signed("€ −3,00", true), d("-3.00"));
        assert_eq!(parse_signed("+7", false), d("7"));
        assert_eq!(parse_signed("12,3,4", true), None);
        assert_eq!(parse_signed("12,3,4", false), None);
        assert_eq!(parse_signed("12.50", true), None);
        assert_eq!(parse_signed("", false), None);
        assert_eq!(parse_signed("abc", false), None);
        assert_eq!(parse_signed("1,2", false), None);
    }

    #[test]
    fn a_row_is_a_payment_money_in_or_an_error_naming_the_field() {
        let m = bank();
        let cols = m.resolve(Some(&header())).unwrap();
        let tz = chrono_tz::Europe::Berlin;
        let row = split_line("03.02.2026,Bäckerei Korn,Brötchen,\"-12,50\",EUR");
        let MappedRow::Record(t) = m.read_row(&cols, &row, tz).unwrap() else {
            panic!("not recorded");
        };
        assert_eq!(t.amount.to_string(), "12.50");
        assert_eq!(t.currency.as_str(), "EUR");
        assert_eq!(t.counterparty, "Bäckerei Korn");
        assert_eq!(t.note, "Brötchen");
        assert_eq!(t.at.to_rfc3339(), "2026-02-03T00:00:00+01:00");
        let row = split_line("04.02.2026,Employer,Salary,\"2.000,00\",EUR");
        assert_eq!(
            m.read_row(&cols, &row, tz).unwrap(),
            MappedRow::Skip(MappedSkip::MoneyIn)
        );
        let row = split_line("04.02.2026,X,Y,\"12,3,4\",EUR");
        let e = m.read_row(&cols, &row, tz).unwrap_err();
        assert_eq!(e.field, "amount");
        assert!(
            e.to_string()
                .starts_with("amount: \"12,3,4\" is not an amount"),
            "{e}"
        );
        let row = split_line("2026-02-04,X,Y,\"-1,00\",EUR");
        assert_eq!(m.read_row(&cols, &row, tz).unwrap_err().field, "time");
        let row = split_line("04.02.2026,X,Y,\"-1,00\",EURO");
        assert_eq!(m.read_row(&cols, &row, tz).unwrap_err().field, "currency");
        let row = split_line("04.02.2026,X,Y,\"-1,001\",JPY");
        assert_eq!(m.read_row(&cols, &row, tz).unwrap_err().field, "amount");
    }

    #[test]
    fn columns_are_found_by_name_in_a_reordered_export() {
        let m = bank();
        let h = split_line("Betrag,Währung,Buchungstag,Verwendungszweck,Empfänger");
        let cols = m.resolve(Some(&h)).unwrap();
        assert_eq!((cols.time, cols.amount, cols.currency), (2, 0, Ok(1)));
        let h = split_line("Datum,Betrag,Währung");
        let e = m.resolve(Some(&h)).unwrap_err();
        assert_eq!(e.first().unwrap().field, "time");
        assert!(e.first().unwrap().message.contains("Buchungstag"));
        // Without a header: by position.
        let m = CsvMapping {
            has_header: false,
            time: ColumnRef::at(5),
            ..CsvMapping::default()
        };
        assert_eq!(m.resolve(None).unwrap().time, 5);
    }

    #[test]
    fn a_mapping_is_checked_field_by_field() {
        let mut m = bank();
        assert!(m.validate().is_ok());
        m.name = " ".into();
        m.date_format = "%Q".into();
        m.note = Some(ColumnRef::named("Betrag", 3));
        let e = m.validate().unwrap_err();
        assert!(e.get("name").is_some());
        assert!(e.get("date-format").is_some());
        assert!(e.get("note").unwrap().message.contains("amount"));
        assert!(check_date_format("f", "%H:%M").is_err());
        for p in DATE_PRESETS {
            assert!(check_date_format("f", p).is_ok(), "{p}");
        }
    }

    #[test]
    fn a_first_guess_reads_the_usual_names_and_the_rows() {
        let rows = vec![split_line("03.02.2026,Bäckerei,Brötchen,\"-12,50\",EUR")];
        let m = guess(&header(), &rows);
        assert_eq!(m.time, ColumnRef::named("Buchungstag", 0));
        assert_eq!(m.amount, ColumnRef::named("Betrag", 3));
        assert_eq!(
            m.currency,
            CurrencySource::Column(ColumnRef::named("Währung", 4))
        );
        assert_eq!(m.counterparty, Some(ColumnRef::named("Empfänger", 1)));
        assert_eq!(m.note, Some(ColumnRef::named("Verwendungszweck", 2)));
        assert_eq!(m.date_format, "%d.%m.%Y");
        assert!(m.decimal_comma);
        let m = guess(&split_line("a,b"), &[]);
        assert_eq!((m.time.index, m.amount.index), (0, 1));
        assert!(!m.decimal_comma);
    }

    #[test]
    fn a_mapping_round_trips_through_json() {
        let m = bank();
        let s = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<CsvMapping>(&s).unwrap(), m);
        let fixed = CsvMapping::default();
        let s = serde_json::to_string(&fixed).unwrap();
        assert!(s.contains("\"fixed\":\"CNY\""), "{s}");
        assert_eq!(serde_json::from_str::<CsvMapping>(&s).unwrap(), fixed);
    }
}
