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

/// A fast hasher for the small keys an import looks up on every row (the
/// step of rustc's FxHash: rotate, xor, multiply). The keys come from the
/// person's own file, so no one can choose them to make the table slow.
#[derive(Default, Clone, Copy)]
pub struct QuickHasher(u64);

impl QuickHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for QuickHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u64(&mut self, word: u64) {
        self.add(word);
    }
}

/// Maps and sets keyed with [`QuickHasher`].
pub type QuickHash = std::hash::BuildHasherDefault<QuickHasher>;

/// Whether an account already holds a payment (same time, amount, currency and
/// counterparty), asked of many payments in a row.
pub struct Stored<'c> {
    account: AccountId,
    exists: Statement<'c>,
    /// The oldest and newest `at_utc` the account held at the start: a payment
    /// outside it cannot already be stored (no query needed).
    range: Option<(i64, i64)>,
    conn: &'c Connection,
}

/// Writes payments into one account inside the caller's transaction. Call
/// [`Bulk::finish`] before committing: until then the day totals are in memory.
pub struct Bulk<'c> {
    account: AccountId,
    insert: Statement<'c>,
    days: HashMap<DayKey, (i64, i64, i64), QuickHash>,
    texts: Texts,
    /// The search index's insert trigger (its SQL), set aside while the bulk
    /// writes: see [`Bulk::new`].
    trigger: Option<String>,
    conn: &'c Connection,
}

/// A number's text without a fresh allocation per call.
fn text_of(buf: &mut String, v: impl std::fmt::Display) -> &str {
    use std::fmt::Write;
    buf.clear();
    let _ = write!(buf, "{v}");
    buf
}

/// The value last bound to one parameter of the insert. SQLite keeps a
/// parameter's value from one row to the next, so a value that has not changed
/// (an import's rows come a day at a time, at that day's rates) is not
/// written out and bound again.
struct Bound<K> {
    key: Option<K>,
    text: String,
}

impl<K> Default for Bound<K> {
    fn default() -> Self {
        Bound {
            key: None,
            text: String::new(),
        }
    }
}

impl<K: PartialEq + Copy> Bound<K> {
    /// Bind `value`'s text (`None`: NULL) to parameter `index` unless it is
    /// bound already; `key` must tell apart values whose texts differ.
    fn bind(
        &mut self,
        st: &mut Statement<'_>,
        index: usize,
        key: K,
        value: Option<&dyn std::fmt::Display>,
    ) -> Result<()> {
        if self.key == Some(key) {
            return Ok(());
        }
        self.key = None;
        match value {
            Some(v) => st.raw_bind_parameter(index, text_of(&mut self.text, v))?,
            None => st.raw_bind_parameter(index, rusqlite::types::Null)?,
        }
        self.key = Some(key);
        Ok(())
    }
}

/// A value to bind as its text, `None` as NULL.
fn shown(value: Option<&NaiveDate>) -> Option<&dyn std::fmt::Display> {
    value.map(|d| d as &dyn std::fmt::Display)
}

/// What is bound to the insert and may stay bound for the next row.
#[derive(Default)]
struct Texts {
    amount: String,
    currency: Bound<Currency>,
    ty: Bound<&'static str>,
    to: Bound<&'static str>,
    day: Bound<NaiveDate>,
    // A rate's key is its exact representation: 1.0 and 1.00 are equal
    // decimals with different texts.
    usd_rate: Bound<[u8; 16]>,
    cny_rate: Bound<[u8; 16]>,
    usd_rate_day: Bound<Option<NaiveDate>>,
    cny_rate_day: Bound<Option<NaiveDate>>,
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
            conn: c,
        })
    }

    /// The account holds this payment. `written_since`: it may have been written
    /// since the start (an earlier line of the same file), so the table is asked
    /// whatever its time.
    pub fn holds(&mut self, t: &NewTxn, written_since: bool) -> Result<bool> {
        if !written_since && !self.inside(t) {
            return Ok(false);
        }
        let at = t.at.timestamp();
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

    /// B4: the account holds this row of a bill (a payment, or a refund when
    /// `refund`): same provider, order number, time and amount.
    /// `written_since` as for [`Stored::holds`].
    pub fn holds_bill(
        &mut self,
        provider: &str,
        order_no: &str,
        t: &NewTxn,
        refund: bool,
        written_since: bool,
    ) -> Result<bool> {
        if !written_since && !self.inside(t) {
            return Ok(false);
        }
        super::bills::bill_exists(self.conn, self.account, provider, order_no, t, refund)
    }

    /// `t` falls between the oldest and newest payment held at the start.
    fn inside(&self, t: &NewTxn) -> bool {
        let at = t.at.timestamp();
        self.range.is_some_and(|(a, b)| a <= at && at <= b)
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
    ///
    /// The search index's insert trigger (`txn_text_add`) is dropped in the
    /// caller's transaction and created again by [`Bulk::finish`] (or on drop):
    /// it only indexes a row at or below the index's mark, and new rows come
    /// after every row, so after the mark once it is brought down to the last
    /// row. Asking it per row was a sixth of the inserts' time.
    pub fn new(c: &'c Connection, account: AccountId, now: DateTime<FixedOffset>) -> Result<Self> {
        c.execute(
            "UPDATE txn_text_upto SET id = (SELECT coalesce(max(id), 0) FROM txn)
             WHERE id > (SELECT coalesce(max(id), 0) FROM txn)",
            [],
        )?;
        let trigger: Option<String> = c
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'txn_text_add'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if trigger.is_some() {
            c.execute_batch("DROP TRIGGER txn_text_add")?;
        }
        let mut insert = c.prepare(
            "INSERT INTO txn (account_id, at, at_utc, day, amount, currency, type, dest,
                 method_id, counterparty, note, fx_exempt, usd_cents, usd_rate, usd_rate_day,
                 cny_cents, cny_rate, cny_rate_day, created_at, provider, order_no)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 ?17, ?18, ?19, ?20, ?21)",
        )?;
        // The same for every row: bound once.
        insert.raw_bind_parameter(1, account)?;
        insert.raw_bind_parameter(19, now.to_rfc3339())?;
        // Last: from here on a `Bulk` exists, whose drop turns the checks back on.
        c.pragma_update(None, "ignore_check_constraints", true)?;
        Ok(Bulk {
            texts: Texts::default(),
            trigger,
            account,
            insert,
            days: HashMap::default(),
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
        self.insert_at(t, &t.at.to_rfc3339(), day, converted, origin)
    }

    /// As [`Bulk::insert`], with `t.at`'s RFC 3339 text already written (by a
    /// thread that reads the file while this one writes).
    pub fn insert_at(
        &mut self,
        t: &NewTxn,
        at: &str,
        day: NaiveDate,
        converted: &[Converted],
        origin: Option<(&str, Option<&str>)>,
    ) -> Result<()> {
        debug_assert_eq!(at, t.at.to_rfc3339());
        let usd = super::txns::conv(converted, Currency::USD);
        let cny = super::txns::conv(converted, Currency::CNY);
        let (usd_cents, cny_cents) = (cents(usd.amount)?, cents(cny.amount)?);
        let (st, x) = (&mut self.insert, &mut self.texts);
        st.raw_bind_parameter(2, at)?;
        st.raw_bind_parameter(3, t.at.timestamp())?;
        x.day.bind(st, 4, day, Some(&day))?;
        st.raw_bind_parameter(5, text_of(&mut x.amount, t.amount))?;
        x.currency
            .bind(st, 6, t.currency, Some(&t.currency.as_str()))?;
        x.ty.bind(st, 7, t.ty.id(), Some(&t.ty.id()))?;
        x.to.bind(st, 8, t.to.id(), Some(&t.to.id()))?;
        st.raw_bind_parameter(9, t.method)?;
        st.raw_bind_parameter(10, &t.counterparty)?;
        st.raw_bind_parameter(11, &t.note)?;
        st.raw_bind_parameter(12, t.fx_exempt)?;
        st.raw_bind_parameter(13, usd_cents)?;
        let usd_rate = usd.rate.serialize();
        x.usd_rate.bind(st, 14, usd_rate, Some(&usd.rate))?;
        x.usd_rate_day
            .bind(st, 15, usd.rate_date, shown(usd.rate_date.as_ref()))?;
        st.raw_bind_parameter(16, cny_cents)?;
        x.cny_rate
            .bind(st, 17, cny.rate.serialize(), Some(&cny.rate))?;
        x.cny_rate_day
            .bind(st, 18, cny.rate_date, shown(cny.rate_date.as_ref()))?;
        st.raw_bind_parameter(20, origin.map(|o| o.0))?;
        st.raw_bind_parameter(21, origin.and_then(|o| o.1))?;
        st.raw_execute()?;
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
    pub fn finish(mut self) -> Result<()> {
        self.conn
            .pragma_update(None, "ignore_check_constraints", false)?;
        if let Some(sql) = self.trigger.take() {
            self.conn.execute_batch(&sql)?;
        }
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
        // Also on an error or a cancel: the connection checks again, and the
        // trigger is back (a rollback would bring it back too).
        let _ = self
            .conn
            .pragma_update(None, "ignore_check_constraints", false);
        if let Some(sql) = self.trigger.take() {
            let _ = self.conn.execute_batch(&sql);
        }
    }
}
