//! The exchange rates conversions use (Q6): one rate per pair and day.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use rust_decimal::Decimal;

use super::Result;
use super::txns::{bad, ccy, dec};
use crate::domain::money::Currency;

pub fn set_rate(
    c: &Connection,
    from: Currency,
    to: Currency,
    day: NaiveDate,
    rate: Decimal,
) -> Result<()> {
    c.execute(
        "INSERT INTO rate (from_ccy, to_ccy, day, rate) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (from_ccy, to_ccy, day) DO UPDATE SET rate = excluded.rate",
        params![
            from.as_str(),
            to.as_str(),
            day.to_string(),
            rate.to_string()
        ],
    )?;
    Ok(())
}

/// The latest rate of the pair on or before `day`.
pub fn latest_rate(
    c: &Connection,
    from: Currency,
    to: Currency,
    day: NaiveDate,
) -> Result<Option<(NaiveDate, Decimal)>> {
    let mut st = c.prepare_cached(
        "SELECT day, rate FROM rate WHERE from_ccy = ?1 AND to_ccy = ?2 AND day <= ?3
         ORDER BY day DESC LIMIT 1",
    )?;
    Ok(st
        .query_row(params![from.as_str(), to.as_str(), day.to_string()], |r| {
            let d: String = r.get(0)?;
            let d = NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| bad(0, "date", &d))?;
            Ok((d, dec(r, 1)?))
        })
        .optional()?)
}

/// Delete one dated rate; false when there was none.
pub fn delete_rate(c: &Connection, from: Currency, to: Currency, day: NaiveDate) -> Result<bool> {
    Ok(c.execute(
        "DELETE FROM rate WHERE from_ccy = ?1 AND to_ccy = ?2 AND day = ?3",
        params![from.as_str(), to.as_str(), day.to_string()],
    )? > 0)
}

/// Every rate, newest first.
pub fn rates(c: &Connection) -> Result<Vec<crate::domain::money::Rate>> {
    let mut st = c.prepare(
        "SELECT from_ccy, to_ccy, day, rate FROM rate ORDER BY day DESC, from_ccy, to_ccy",
    )?;
    let rows = st.query_map([], |r| {
        let d: String = r.get(2)?;
        Ok(crate::domain::money::Rate {
            from: ccy(r, 0)?,
            to: ccy(r, 1)?,
            date: NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| bad(2, "date", &d))?,
            rate: dec(r, 3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
