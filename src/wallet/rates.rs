//! Exchange rates: the table payments convert with (Q6).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::service::{Error, Result, Wallet, invalid};
use crate::domain::FieldErrors;
use crate::domain::limits::{self, local_day};
use crate::domain::money::{self, Converted, Currency, Rate};
use crate::store;

/// A rate as typed: 1 `from` = `rate` `to` from `date` (empty: today).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RateDraft {
    pub from: String,
    pub to: String,
    pub rate: String,
    pub date: String,
}

/// `amount` in every limit currency with the rates on or before `day` (Q6).
pub(crate) fn convert_with(
    conn: &rusqlite::Connection,
    amount: Decimal,
    currency: Currency,
    day: NaiveDate,
) -> Result<Vec<Converted>> {
    let lookup = |a: Currency, b: Currency| store::latest_rate(conn, a, b, day).ok().flatten();
    limits::LIMIT_CURRENCIES
        .iter()
        .map(|&target| {
            let (rate, rate_date) = money::conversion(currency, target, day, &lookup)
                .map_err(|e| invalid("currency", e.to_string()))?;
            Ok(Converted {
                currency: target,
                amount: money::convert_amount("amount", amount, rate, target)?,
                rate,
                rate_date,
            })
        })
        .collect()
}

/// An import's conversions, the rates looked up once per currency and day:
/// later amounts of that day are scaled from the first one's (Q6).
#[derive(Debug, Default)]
pub(crate) struct DayRates(std::collections::HashMap<(Currency, NaiveDate), Vec<Converted>>);

impl DayRates {
    /// `amount` in every limit currency, as [`convert_with`]; an error names
    /// its field: `currency` (no rate that day), `amount` (out of range).
    pub(crate) fn convert(
        &mut self,
        conn: &rusqlite::Connection,
        amount: Decimal,
        currency: Currency,
        day: NaiveDate,
    ) -> std::result::Result<Vec<Converted>, (&'static str, String)> {
        if let Some(per_unit) = self.0.get(&(currency, day)) {
            return per_unit
                .iter()
                .map(|c| c.scaled("amount", amount))
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(|e| ("amount", e.to_string()));
        }
        let c =
            convert_with(conn, amount, currency, day).map_err(|e| ("currency", e.to_string()))?;
        self.0.insert((currency, day), c.clone());
        Ok(c)
    }
}

impl Wallet {
    /// Record 1 `from` = `rate` `to` from `date` (default: today).
    pub fn set_rate(&mut self, from: &str, to: &str, rate: &str, date: &str) -> Result<Rate> {
        let mut errs = FieldErrors::default();
        let from = errs.take(Currency::parse("from", from));
        let to = errs.take(Currency::parse("to", to));
        let rate = errs.take(money::parse_rate("rate", rate));
        let date = if date.trim().is_empty() {
            Some(local_day(self.clock.now(), self.time_zone()))
        } else {
            errs.take(crate::domain::account::parse_date("date", date))
        };
        let (Some(from), Some(to), Some(rate), Some(date)) = (from, to, rate, date) else {
            return Err(Error::Invalid(errs));
        };
        if from == to {
            return Err(invalid("to", "must differ from the first currency"));
        }
        let tx = self.store.transaction()?;
        store::set_rate(&tx, from, to, date, rate)?;
        tx.commit()?;
        Ok(Rate {
            from,
            to,
            date,
            rate,
        })
    }

    /// Delete the rate of one pair on one date (payments keep the rate they were
    /// recorded with: Q6).
    pub fn delete_rate(&mut self, from: &str, to: &str, date: &str) -> Result<()> {
        let mut errs = FieldErrors::default();
        let from = errs.take(Currency::parse("from", from));
        let to = errs.take(Currency::parse("to", to));
        let date = errs.take(crate::domain::account::parse_date("date", date));
        let (Some(from), Some(to), Some(date)) = (from, to, date) else {
            return Err(Error::Invalid(errs));
        };
        let tx = self.store.transaction()?;
        if !store::delete_rate(&tx, from, to, date)? {
            return Err(invalid(
                "date",
                format!("there is no {from}→{to} rate on {date}"),
            ));
        }
        tx.commit()?;
        Ok(())
    }

    /// Record a rate as typed in the window.
    pub fn add_rate(&mut self, d: &RateDraft) -> Result<Rate> {
        self.set_rate(&d.from, &d.to, &d.rate, &d.date)
    }

    pub fn rates(&self) -> Result<Vec<Rate>> {
        Ok(store::rates(self.store.conn())?)
    }

    /// `amount` in every limit currency with the rates on or before `day` (Q6).
    pub fn convert(
        &self,
        amount: Decimal,
        currency: Currency,
        day: NaiveDate,
    ) -> Result<Vec<Converted>> {
        convert_with(self.store.conn(), amount, currency, day)
    }
}
