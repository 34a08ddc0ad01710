//! Many payments written in one transaction (an import): one prepared insert,
//! the day totals added up in memory and written once per day touched, and the
//! duplicate check skipped for times the account holds nothing around.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Statement, params};

use crate::domain::AccountId;
use crate::domain::money::{Converted, Currency};
use crate::domain::txn::NewTxn;

use super::Result;
use super::txns::{DAY_TOTAL_ADD, TXN_EXISTS, cents};

/// A day total's key: the `day_total` primary key less the account.
type DayKey = (NaiveDate, &'static str, &'static str, bool, i64);

/// Whether an account already holds a payment (same time, amount, currency and
/// counterparty), asked of many payments in a row.
pub struct Stored<'c> {
    account: AccountId,
    exists: Statement<'c>,
    /// The oldest and newest `at_utc` the account held at the start: a payment
    /// outside it cannot already be stored (no query needed).
    range: Option<(i64, i64)>,
}

/// Writes payments into one account inside the caller's transaction. Call
/// [`Bulk::finish`] before committing: until then the day totals are in memory.
pub struct Bulk<'c> {
    account: AccountId,
    insert: Statement<'c>,
    days: HashMap<DayKey, (i64, i64, i64)>,
    created_at: String,
    conn: &'c Connection,
}

/// A number's text without a fresh allocation per call.
fn text_of(buf: &mut String, v: impl std::fmt::Display) -> &str {
    use std::fmt::Write;
    buf.clear();
    let _ = write!(buf, "{v}");
    buf
}

impl<'c> Stored<'c> {
    pub fn new(c: &'c Connection, account: AccountId) -> Result<Self> {
        let range = c
            .query_row(
                "SELECT min(at_utc), max(at_utc) FROM txn WHERE account_id = ?1",
                [account],
                |r| Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, Option<i64>>(1)?)),
            )
            .optional()?
            .and_then(|(a, b)| Some((a?, b?)));
        Ok(Stored {
            account,
            exists: c.prepare(TXN_EXISTS)?,
            range,
        })
    }

    /// The account holds this payment. `written_since`: it may have been written
    /// since the start (an earlier line of the same file), so the table is asked
    /// whatever its time.
    pub fn holds(&mut self, t: &NewTxn, written_since: bool) -> Result<bool> {
        let at = t.at.timestamp();
        let inside = self.range.is_some_and(|(a, b)| a <= at && at <= b);
        if !inside && !written_since {
            return Ok(false);
        }
        let mut amount = String::new();
        Ok(self
            .exists
            .query_row(
                params![
                    self.account,
                    at,
                    text_of(&mut amount, t.amount),
                    t.currency.as_str(),
                    t.counterparty
                ],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }
}

impl<'c> Bulk<'c> {
    /// While the bulk lives, the `txn` table's CHECK constraints are not
    /// evaluated: each row's values come from typed fields that cannot break
    /// them (a `TxType`, a `Destination`, a `Currency`, a `NaiveDate`, cents of a
    /// validated amount), and the `type IN (…)`/`dest IN (…)` checks build a
    /// temporary b-tree per row (a fifth of an import's time, measured).
    /// Foreign keys and NOT NULL are still enforced; dropping the bulk turns the
    /// checks back on.
    pub fn new(c: &'c Connection, account: AccountId, now: DateTime<FixedOffset>) -> Result<Self> {
        c.pragma_update(None, "ignore_check_constraints", true)?;
        Ok(Bulk {
            account,
            insert: c.prepare(
                "INSERT INTO txn (account_id, at, at_utc, day, amount, currency, type, dest,
                     method_id, counterparty, note, fx_exempt, usd_cents, usd_rate, usd_rate_day,
                     cny_cents, cny_rate, cny_rate_day, created_at, provider, order_no)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                     ?17, ?18, ?19, ?20, ?21)",
            )?,
            days: HashMap::new(),
            created_at: now.to_rfc3339(),
            conn: c,
        })
    }

    /// Insert one payment (counted in the limits), with a bill's provider and
    /// order number where it came from one.
    pub fn insert(
        &mut self,
        t: &NewTxn,
        day: NaiveDate,
        converted: &[Converted],
        origin: Option<(&str, Option<&str>)>,
    ) -> Result<()> {
        let usd = super::txns::conv(converted, Currency::USD);
        let cny = super::txns::conv(converted, Currency::CNY);
        let (usd_cents, cny_cents) = (cents(usd.amount)?, cents(cny.amount)?);
        let (mut amount, mut usd_rate, mut cny_rate) =
            (String::new(), String::new(), String::new());
        let day_text = day.format("%Y-%m-%d").to_string();
        self.insert.execute(params![
            self.account,
            t.at.to_rfc3339(),
            t.at.timestamp(),
            day_text,
            text_of(&mut amount, t.amount),
            t.currency.as_str(),
            t.ty.id(),
            t.to.id(),
            t.method,
            t.counterparty,
            t.note,
            t.fx_exempt,
            usd_cents,
            text_of(&mut usd_rate, usd.rate),
            usd.rate_date.map(|d| d.to_string()),
            cny_cents,
            text_of(&mut cny_rate, cny.rate),
            cny.rate_date.map(|d| d.to_string()),
            self.created_at,
            origin.map(|o| o.0),
            origin.and_then(|o| o.1),
        ])?;
        let key = (
            day,
            t.ty.id(),
            t.to.id(),
            t.fx_exempt,
            t.method.map_or(0, |m| m.0),
        );
        let sum = self.days.entry(key).or_insert((0, 0, 0));
        sum.0 += usd_cents;
        sum.1 += cny_cents;
        sum.2 += 1;
        Ok(())
    }

    /// Add the payments written to their days' totals: one write per day touched.
    pub fn finish(self) -> Result<()> {
        self.conn
            .pragma_update(None, "ignore_check_constraints", false)?;
        let mut st = self.conn.prepare_cached(DAY_TOTAL_ADD)?;
        for ((day, ty, to, fx_exempt, method), (usd, cny, count)) in &self.days {
            st.execute(params![
                self.account,
                day.to_string(),
                ty,
                to,
                fx_exempt,
                method,
                usd,
                cny,
                count
            ])?;
        }
        Ok(())
    }
}

impl Drop for Bulk<'_> {
    fn drop(&mut self) {
        // Also on an error or a cancel: the connection checks again.
        let _ = self
            .conn
            .pragma_update(None, "ignore_check_constraints", false);
    }
}
