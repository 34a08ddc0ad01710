//! Money: ISO 4217 currencies, exact decimal amounts, and the user's exchange
//! rates (Q6). Never floating point.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use super::field::FieldError;

/// Active ISO 4217 codes. A code outside this list is a typo, not a currency.
const ISO_4217: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND \
BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB \
EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY \
KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR \
MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF \
SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS \
UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG";

/// Currencies without a minor unit (amounts are whole numbers).
const NO_MINOR: &str = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
/// Currencies with three decimals.
const THREE_MINOR: &str = "BHD IQD JOD KWD LYD OMR TND";

/// An ISO 4217 currency code, upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    pub const USD: Currency = Currency(*b"USD");
    pub const CNY: Currency = Currency(*b"CNY");

    pub fn parse(field: &'static str, input: &str) -> Result<Currency, FieldError> {
        // No allocation and byte compares: this runs for every row of an import.
        let code = match input.trim().as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_alphabetic) => {
                Some(Currency([a, b, c].map(|x| x.to_ascii_uppercase())))
            }
            _ => None,
        };
        if let Some(code) = code.filter(|c| c.is_in(ISO_4217)) {
            Ok(code)
        } else {
            Err(FieldError::new(
                field,
                format!("{input:?} is not an ISO 4217 currency code such as CNY, USD or HKD"),
            ))
        }
    }

    /// In a list of codes each followed by one space (the last need not be).
    fn is_in(self, list: &str) -> bool {
        list.as_bytes().chunks(4).any(|c| c[..3] == self.0)
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII upper-case letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// Digits after the decimal point of the currency's minor unit.
    pub fn minor_digits(self) -> u32 {
        if self.is_in(NO_MINOR) {
            0
        } else if self.is_in(THREE_MINOR) {
            3
        } else {
            2
        }
    }

    /// Round to the minor unit, half away from zero, written with all its digits
    /// (216 → 216.00).
    pub fn round(self, amount: Decimal) -> Decimal {
        let mut d = amount
            .round_dp_with_strategy(self.minor_digits(), RoundingStrategy::MidpointAwayFromZero);
        d.rescale(self.minor_digits());
        d
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A positive amount in `currency`, with no more decimals than its minor unit.
pub fn parse_amount(
    field: &'static str,
    input: &str,
    currency: Currency,
) -> Result<Decimal, FieldError> {
    let s = input.trim();
    let bad = || {
        FieldError::new(
            field,
            format!("{s:?} is not an amount: write digits with an optional '.' such as 1234.50"),
        )
    };
    if s.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    if !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') || s.starts_with('.') {
        return Err(bad());
    }
    let d: Decimal = s.parse().map_err(|_| bad())?;
    if d <= Decimal::ZERO {
        return Err(FieldError::new(field, "must be more than zero"));
    }
    if d.scale() > currency.minor_digits() {
        return Err(FieldError::new(
            field,
            format!(
                "{currency} has {} decimal places; {s} has more",
                currency.minor_digits()
            ),
        ));
    }
    if d > AMOUNT_MAX {
        return Err(FieldError::new(
            field,
            format!(
                "is too large: at most {}",
                format_amount(AMOUNT_MAX, currency)
            ),
        ));
    }
    Ok(d)
}

/// The rates walletdesk accepts (a documented rule): 1 unit of one currency is
/// worth between 0.000001 and 1,000,000 units of another, with at most 12
/// decimals. Wider rates are typing mistakes, and would overflow the exact
/// arithmetic of conversions.
pub const RATE_MIN: Decimal = Decimal::from_parts(1, 0, 0, false, 6);
pub const RATE_MAX: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// A positive exchange rate: 1 `from` = `rate` `to`.
pub fn parse_rate(field: &'static str, input: &str) -> Result<Decimal, FieldError> {
    let s = input.trim();
    let d: Decimal = s
        .parse()
        .map_err(|_| FieldError::new(field, format!("{s:?} is not a decimal number")))?;
    if d <= Decimal::ZERO {
        return Err(FieldError::new(field, "must be more than zero"));
    }
    let d = d.normalize();
    if d < RATE_MIN || d > RATE_MAX {
        return Err(FieldError::new(
            field,
            format!("must be between {RATE_MIN} and {RATE_MAX}, not {s}"),
        ));
    }
    if d.scale() > 12 {
        return Err(FieldError::new(field, "at most 12 decimals"));
    }
    Ok(d)
}

/// The largest amount walletdesk converts or stores in any currency: beyond it
/// sums of cents could overflow.
pub const AMOUNT_MAX: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// `amount` × `rate` rounded to `target`'s minor unit, or an error naming the
/// amount when the result is beyond `AMOUNT_MAX` (checked arithmetic, never a panic).
pub fn convert_amount(
    field: &'static str,
    amount: Decimal,
    rate: Decimal,
    target: Currency,
) -> Result<Decimal, FieldError> {
    let too_large = || {
        FieldError::new(
            field,
            format!(
                "is too large: more than {target} {} once converted",
                format_amount(AMOUNT_MAX, target)
            ),
        )
    };
    let v = amount.checked_mul(rate).ok_or_else(too_large)?;
    if v > AMOUNT_MAX {
        return Err(too_large());
    }
    Ok(target.round(v))
}

/// One dated rate of the user's rate table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub from: Currency,
    pub to: Currency,
    pub date: NaiveDate,
    pub rate: Decimal,
}

/// The conversion a transaction was recorded with (Q6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Converted {
    pub currency: Currency,
    /// Rounded to the currency's minor unit.
    pub amount: Decimal,
    /// 1 unit of the transaction's currency = `rate` units of `currency`.
    pub rate: Decimal,
    /// The date of the rate used (`None` when no conversion was needed).
    pub rate_date: Option<NaiveDate>,
}

impl Converted {
    /// Another amount of the same currency at this conversion's rate.
    pub fn scaled(&self, field: &'static str, amount: Decimal) -> Result<Converted, FieldError> {
        Ok(Converted {
            amount: convert_amount(field, amount, self.rate, self.currency)?,
            ..*self
        })
    }
}

/// How to turn `from` into `to` on `date` from the rates known on or before it:
/// the pair itself, its inverse, or through USD or CNY. `rates` returns the latest
/// rate of a pair on or before the date.
pub fn conversion(
    from: Currency,
    to: Currency,
    date: NaiveDate,
    rates: &dyn Fn(Currency, Currency) -> Option<(NaiveDate, Decimal)>,
) -> Result<(Decimal, Option<NaiveDate>), MissingRate> {
    if from == to {
        return Ok((Decimal::ONE, None));
    }
    let direct = |a: Currency, b: Currency| -> Option<(NaiveDate, Decimal)> {
        let fwd = rates(a, b);
        let inv = rates(b, a).and_then(|(d, r)| Some((d, Decimal::ONE.checked_div(r)?)));
        match (fwd, inv) {
            (Some(f), Some(i)) => Some(if i.0 > f.0 { i } else { f }),
            (f, i) => f.or(i),
        }
    };
    if let Some((d, r)) = direct(from, to) {
        return Ok((r.round_dp(12).normalize(), Some(d)));
    }
    for via in [Currency::USD, Currency::CNY] {
        if via == from || via == to {
            continue;
        }
        if let (Some((d1, r1)), Some((d2, r2))) = (direct(from, via), direct(via, to)) {
            let rate = r1.checked_mul(r2).ok_or(MissingRate { from, to, date })?;
            return Ok((rate.round_dp(12).normalize(), Some(d1.min(d2))));
        }
    }
    Err(MissingRate { from, to, date })
}

/// No rate converts one currency into another on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "no exchange rate {from}→{to} on or before {date} (nor its inverse, nor through USD or CNY); \
     add one: walletdesk rate set {from} {to} RATE --date {date}"
)]
pub struct MissingRate {
    pub from: Currency,
    pub to: Currency,
    pub date: NaiveDate,
}

/// Group digits for people: 50000 → "50,000.00" with the currency's decimals.
pub fn format_amount(amount: Decimal, currency: Currency) -> String {
    let digits = currency.minor_digits();
    let rounded = currency.round(amount);
    let s = format!("{:.*}", digits as usize, rounded.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// "USD 50,000.00".
pub fn money(amount: Decimal, currency: Currency) -> String {
    format!("{currency} {}", format_amount(amount, currency))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn currency_codes() {
        // Each list is codes joined by single spaces: the byte compares rely on it.
        for list in [ISO_4217, NO_MINOR, THREE_MINOR] {
            assert_eq!(list.len() % 4, 3, "{list}");
            for code in list.split(' ') {
                assert!(code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()));
            }
        }
        for code in ISO_4217.split(' ') {
            assert_eq!(Currency::parse("c", code).unwrap().as_str(), code);
        }
        assert_eq!(Currency::parse("c", " hkd ").unwrap(), Currency(*b"HKD"));
        for bad in ["", "US", "USDT", "XXQ", "ÜSD", "U D", "12A"] {
            let e = Currency::parse("currency", bad).unwrap_err();
            assert_eq!(e.field, "currency", "{bad}");
        }
        assert_eq!(Currency(*b"JPY").minor_digits(), 0);
        assert_eq!(Currency(*b"KWD").minor_digits(), 3);
        assert_eq!(Currency(*b"EUR").minor_digits(), 2);
    }

    #[test]
    fn currencies() {
        assert_eq!(Currency::parse("currency", " usd").unwrap(), Currency::USD);
        assert!(Currency::parse("currency", "XYZ").is_err());
        assert!(Currency::parse("currency", "US").is_err());
        assert_eq!(Currency::parse("c", "JPY").unwrap().minor_digits(), 0);
        assert_eq!(Currency::CNY.minor_digits(), 2);
    }

    #[test]
    fn amounts() {
        assert_eq!(
            parse_amount("amount", "10.50", Currency::USD).unwrap(),
            d("10.50")
        );
        assert!(parse_amount("amount", "10.505", Currency::USD).is_err());
        let jpy = Currency::parse("c", "JPY").unwrap();
        assert!(parse_amount("amount", "100.5", jpy).is_err());
        assert!(parse_amount("amount", "-1", Currency::USD).is_err());
        assert!(parse_amount("amount", "0", Currency::USD).is_err());
        assert!(parse_amount("amount", "1,000", Currency::USD).is_err());
        assert!(parse_amount("amount", "1e3", Currency::USD).is_err());
        assert_eq!(
            parse_amount("amount", "", Currency::USD)
                .unwrap_err()
                .message,
            "required"
        );
    }

    #[test]
    fn conversions() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let eur = Currency::parse("c", "EUR").unwrap();
        let table = |a: Currency, b: Currency| match (a.as_str(), b.as_str()) {
            ("USD", "CNY") => Some((date, d("7.2"))),
            ("EUR", "USD") => Some((date, d("1.1"))),
            _ => None,
        };
        assert_eq!(
            conversion(Currency::USD, Currency::CNY, date, &table)
                .unwrap()
                .0,
            d("7.2")
        );
        let (inv, _) = conversion(Currency::CNY, Currency::USD, date, &table).unwrap();
        assert_eq!(inv, d("0.138888888889"));
        assert_eq!(
            conversion(eur, Currency::CNY, date, &table).unwrap().0,
            d("7.92")
        );
        let hkd = Currency::parse("c", "HKD").unwrap();
        let e = conversion(hkd, Currency::USD, date, &table).unwrap_err();
        assert!(e.to_string().contains("HKD→USD"));
    }

    #[test]
    fn formatting() {
        assert_eq!(money(d("50000"), Currency::USD), "USD 50,000.00");
        assert_eq!(format_amount(d("1234.5"), Currency::CNY), "1,234.50");
        assert_eq!(format_amount(d("-0.004"), Currency::CNY), "0.00");
        assert_eq!(format_amount(d("999"), Currency::USD), "999.00");
    }
}
