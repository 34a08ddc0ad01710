//! Transactions and their per-day totals.
//!
//! `day_total` is kept in step with `txn` by the functions here, always inside
//! the caller's transaction: a quota figure sums at most a year of day rows.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row, params};
use rust_decimal::Decimal;

use crate::domain::limits::{Destination, TxType};
use crate::domain::money::{Converted, Currency};
use crate::domain::txn::{NewTxn, Txn};
use crate::domain::{AccountId, MethodId, TxnId};

use super::Result;

pub(super) fn bad(idx: usize, what: &str, v: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        rusqlite::types::Type::Text,
        format!("unexpected {what} {v:?}").into(),
    )
}

pub(super) fn dec(r: &Row<'_>, idx: usize) -> rusqlite::Result<Decimal> {
    let s: String = r.get(idx)?;
    s.parse().map_err(|_| bad(idx, "decimal", &s))
}

pub(super) fn ccy(r: &Row<'_>, idx: usize) -> rusqlite::Result<Currency> {
    let s: String = r.get(idx)?;
    Currency::parse("currency", &s).map_err(|_| bad(idx, "currency", &s))
}

fn opt_day(r: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let s: Option<String> = r.get(idx)?;
    s.map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| bad(idx, "date", &s)))
        .transpose()
}

/// Cents of an amount already rounded to a two-digit currency.
/// Checked: an amount too large for cents is an error, never a wrapped number.
pub fn cents(amount: Decimal) -> Result<i64> {
    use rust_decimal::prelude::ToPrimitive;
    amount
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|d| d.trunc().to_i64())
        .ok_or_else(|| {
            super::Error::Sql(rusqlite::Error::ToSqlConversionFailure(
                format!("{amount} is too large to store in cents").into(),
            ))
        })
}

pub fn from_cents(c: i64) -> Decimal {
    Decimal::new(c, 2)
}

// ---- transactions ---------------------------------------------------------------

pub(super) const TXN_COLUMNS: &str = "id, account_id, at, amount, currency, type, dest, method_id, \
    counterparty, note, fx_exempt, usd_cents, usd_rate, usd_rate_day, cny_cents, cny_rate, cny_rate_day, is_refund";

pub(super) fn txn_row(r: &Row<'_>) -> rusqlite::Result<Txn> {
    let at: String = r.get(2)?;
    let at = DateTime::parse_from_rfc3339(&at).map_err(|_| bad(2, "time", &at))?;
    let ty: String = r.get(5)?;
    let to: String = r.get(6)?;
    Ok(Txn {
        id: TxnId(r.get(0)?),
        account_id: AccountId(r.get(1)?),
        new: NewTxn {
            at,
            amount: dec(r, 3)?,
            currency: ccy(r, 4)?,
            ty: TxType::from_id(&ty).ok_or_else(|| bad(5, "type", &ty))?,
            to: Destination::from_id(&to).ok_or_else(|| bad(6, "destination", &to))?,
            method: r.get::<_, Option<i64>>(7)?.map(MethodId),
            counterparty: r.get(8)?,
            note: r.get(9)?,
            fx_exempt: r.get(10)?,
        },
        converted: vec![
            Converted {
                currency: Currency::USD,
                amount: from_cents(r.get(11)?),
                rate: dec(r, 12)?,
                rate_date: opt_day(r, 13)?,
            },
            Converted {
                currency: Currency::CNY,
                amount: from_cents(r.get(14)?),
                rate: dec(r, 15)?,
                rate_date: opt_day(r, 16)?,
            },
        ],
        refund: r.get(17)?,
    })
}

pub(super) fn conv(t: &[Converted], c: Currency) -> Converted {
    t.iter()
        .copied()
        .find(|x| x.currency == c)
        .unwrap_or(Converted {
            currency: c,
            amount: Decimal::ZERO,
            rate: Decimal::ZERO,
            rate_date: None,
        })
}

/// Adds one row's figures to its day's totals (the key's row made when missing).
pub(super) const DAY_TOTAL_ADD: &str = "INSERT INTO day_total (account_id, day, type, dest, fx_exempt, method_id, usd_cents, cny_cents, count)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
     ON CONFLICT (account_id, day, type, dest, fx_exempt, method_id) DO UPDATE SET
         usd_cents = usd_cents + excluded.usd_cents,
         cny_cents = cny_cents + excluded.cny_cents,
         count = count + excluded.count";

/// A payment of the account with the same time, amount, currency and counterparty.
pub(super) const TXN_EXISTS: &str =
    "SELECT 1 FROM txn WHERE account_id = ?1 AND at_utc = ?2 AND amount = ?3
     AND currency = ?4 AND counterparty = ?5 LIMIT 1";

/// Add (`sign` 1) or take away (`sign` -1) one transaction from its day's totals.
fn bump(
    c: &Connection,
    account: AccountId,
    day: NaiveDate,
    t: &NewTxn,
    usd: i64,
    cny: i64,
    sign: i64,
) -> Result<()> {
    let method = t.method.map_or(0, |m| m.0);
    let mut st = c.prepare_cached(DAY_TOTAL_ADD)?;
    if sign > 0 {
        st.execute(params![
            account,
            day.to_string(),
            t.ty.id(),
            t.to.id(),
            t.fx_exempt,
            method,
            usd,
            cny,
            1
        ])?;
    } else {
        let mut upd = c.prepare_cached(
            "UPDATE day_total SET usd_cents = usd_cents - ?7, cny_cents = cny_cents - ?8, count = count - 1
             WHERE account_id = ?1 AND day = ?2 AND type = ?3 AND dest = ?4 AND fx_exempt = ?5
               AND method_id = ?6 AND count > 1",
        )?;
        let n = upd.execute(params![
            account,
            day.to_string(),
            t.ty.id(),
            t.to.id(),
            t.fx_exempt,
            method,
            usd,
            cny
        ])?;
        if n == 0 {
            c.prepare_cached(
                "DELETE FROM day_total WHERE account_id = ?1 AND day = ?2 AND type = ?3 AND dest = ?4
                 AND fx_exempt = ?5 AND method_id = ?6",
            )?
            .execute(params![account, day.to_string(), t.ty.id(), t.to.id(), t.fx_exempt, method])?;
        }
    }
    Ok(())
}

/// Insert a transaction and add it to its day's totals.
pub fn insert_txn(
    c: &Connection,
    account: AccountId,
    t: &NewTxn,
    day: NaiveDate,
    converted: &[Converted],
    now: DateTime<FixedOffset>,
) -> Result<TxnId> {
    insert_row(c, account, t, day, converted, now, true)
}

/// Where a refund came from and what it returns (B5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundOf<'a> {
    pub provider: &'a str,
    pub order_no: Option<&'a str>,
    /// The order number of the payment it returns.
    pub of_order: Option<&'a str>,
}

/// Insert a refund (B5, Q9): its own row, marked, linked to the payment of the
/// same provider and order number where one is stored; it stays out of the day's
/// totals, so it gives no headroom back (the limits count the gross).
pub fn insert_refund(
    c: &Connection,
    account: AccountId,
    t: &NewTxn,
    day: NaiveDate,
    converted: &[Converted],
    now: DateTime<FixedOffset>,
    of: &RefundOf<'_>,
) -> Result<TxnId> {
    let id = insert_row(c, account, t, day, converted, now, false)?;
    let payment: Option<i64> = match of.of_order {
        Some(o) => c
            .prepare_cached(
                "SELECT id FROM txn WHERE account_id = ?1 AND provider = ?2 AND order_no = ?3
                 AND is_refund = 0 ORDER BY at_utc, id LIMIT 1",
            )?
            .query_row(params![account, of.provider, o], |r| r.get(0))
            .optional()?,
        None => None,
    };
    c.prepare_cached(
        "UPDATE txn SET is_refund = 1, provider = ?2, order_no = ?3, refund_of = ?4,
             refund_of_order = ?5 WHERE id = ?1",
    )?
    .execute(params![id, of.provider, of.order_no, payment, of.of_order])?;
    Ok(id)
}

/// A refund row: `Some(payment it returns, if linked)`; `None` for a payment.
pub fn refund_of(c: &Connection, id: TxnId) -> Result<Option<Option<TxnId>>> {
    Ok(
        c.prepare_cached("SELECT is_refund, refund_of FROM txn WHERE id = ?1")?
            .query_row(params![id], |r| {
                Ok((r.get::<_, bool>(0)?, r.get::<_, Option<i64>>(1)?))
            })
            .optional()?
            .and_then(|(is, of)| is.then(|| of.map(TxnId))),
    )
}

fn insert_row(
    c: &Connection,
    account: AccountId,
    t: &NewTxn,
    day: NaiveDate,
    converted: &[Converted],
    now: DateTime<FixedOffset>,
    counted: bool,
) -> Result<TxnId> {
    let usd = conv(converted, Currency::USD);
    let cny = conv(converted, Currency::CNY);
    let (usd_cents, cny_cents) = (cents(usd.amount)?, cents(cny.amount)?);
    let mut st = c.prepare_cached(
        "INSERT INTO txn (account_id, at, at_utc, day, amount, currency, type, dest, method_id,
             counterparty, note, fx_exempt, usd_cents, usd_rate, usd_rate_day, cny_cents, cny_rate,
             cny_rate_day, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?;
    st.execute(params![
        account,
        t.at.to_rfc3339(),
        t.at.timestamp(),
        day.to_string(),
        t.amount.to_string(),
        t.currency.as_str(),
        t.ty.id(),
        t.to.id(),
        t.method,
        t.counterparty,
        t.note,
        t.fx_exempt,
        usd_cents,
        usd.rate.to_string(),
        usd.rate_date.map(|d| d.to_string()),
        cny_cents,
        cny.rate.to_string(),
        cny.rate_date.map(|d| d.to_string()),
        now.to_rfc3339(),
    ])?;
    let id = TxnId(c.last_insert_rowid());
    if counted {
        bump(c, account, day, t, usd_cents, cny_cents, 1)?;
    }
    Ok(id)
}

pub fn txn(c: &Connection, id: TxnId) -> Result<Option<(Txn, NaiveDate)>> {
    Ok(c.query_row(
        &format!("SELECT {TXN_COLUMNS}, day FROM txn WHERE id = ?1"),
        [id],
        |r| {
            let d: String = r.get(18)?;
            Ok((
                txn_row(r)?,
                NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| bad(17, "date", &d))?,
            ))
        },
    )
    .optional()?)
}

/// Delete a transaction and take it out of its day's totals.
pub fn delete_txn(c: &Connection, id: TxnId) -> Result<bool> {
    let Some((t, day)) = txn(c, id)? else {
        return Ok(false);
    };
    let usd = cents(t.in_currency(Currency::USD).unwrap_or_default())?;
    let cny = cents(t.in_currency(Currency::CNY).unwrap_or_default())?;
    // A refund was never in the day's totals (Q9).
    if refund_of(c, id)?.is_none() {
        bump(c, t.account_id, day, &t.new, usd, cny, -1)?;
    }
    // Its refunds no longer point at it.
    c.execute("UPDATE txn SET refund_of = NULL WHERE refund_of = ?1", [id])?;
    c.execute("DELETE FROM txn WHERE id = ?1", [id])?;
    Ok(true)
}

/// Replace a transaction's fields, keeping its id.
pub fn update_txn(
    c: &Connection,
    id: TxnId,
    t: &NewTxn,
    day: NaiveDate,
    converted: &[Converted],
    now: DateTime<FixedOffset>,
) -> Result<bool> {
    let Some((old, _)) = txn(c, id)? else {
        return Ok(false);
    };
    // An imported bill row keeps its provider, order number and refund link (B4, B5).
    type Kept = (
        Option<String>,
        Option<String>,
        bool,
        Option<i64>,
        Option<String>,
    );
    let kept: Kept = c.query_row(
        "SELECT provider, order_no, is_refund, refund_of, refund_of_order FROM txn WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    let refunds: Vec<i64> = c
        .prepare("SELECT id FROM txn WHERE refund_of = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    delete_txn(c, id)?;
    let new_id = insert_row(c, old.account_id, t, day, converted, now, !kept.2)?;
    c.execute("UPDATE txn SET id = ?1 WHERE id = ?2", [id, new_id])?;
    c.execute(
        "UPDATE txn SET provider = ?2, order_no = ?3, is_refund = ?4, refund_of = ?5,
             refund_of_order = ?6 WHERE id = ?1",
        params![id, kept.0, kept.1, kept.2, kept.3, kept.4],
    )?;
    for r in refunds {
        c.execute(
            "UPDATE txn SET refund_of = ?1 WHERE id = ?2",
            params![id, r],
        )?;
    }
    Ok(true)
}

/// Every transaction of an account, oldest first (export).
pub fn for_each_txn(
    c: &Connection,
    account: AccountId,
    mut f: impl FnMut(Txn) -> bool,
) -> Result<()> {
    let mut st = c.prepare(&format!(
        "SELECT {TXN_COLUMNS} FROM txn WHERE account_id = ?1 AND is_refund = 0 ORDER BY at_utc, id"
    ))?;
    let mut rows = st.query([account])?;
    while let Some(r) = rows.next()? {
        if !f(txn_row(r)?) {
            break;
        }
    }
    Ok(())
}

/// A transaction with the same account, time, amount and counterparty exists.
pub fn txn_exists(c: &Connection, account: AccountId, t: &NewTxn) -> Result<bool> {
    let mut st = c.prepare_cached(TXN_EXISTS)?;
    Ok(st
        .query_row(
            params![
                account,
                t.at.timestamp(),
                t.amount.to_string(),
                t.currency.as_str(),
                t.counterparty
            ],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Recompute every transaction's day in another time zone and rebuild the totals.
/// How many payments would change day, and month, if their day were `day_of`'s:
/// what a new time zone would move (read only).
pub fn days_moved(
    c: &Connection,
    day_of: &dyn Fn(DateTime<FixedOffset>) -> NaiveDate,
) -> Result<(u64, u64)> {
    let mut st = c.prepare("SELECT at, day FROM txn")?;
    let mut rows = st.query([])?;
    let (mut days, mut months) = (0, 0);
    while let Some(r) = rows.next()? {
        let at: String = r.get(0)?;
        let day: String = r.get(1)?;
        let t = DateTime::parse_from_rfc3339(&at).map_err(|_| bad(1, "time", &at))?;
        let new = day_of(t).to_string();
        if new != day {
            days += 1;
            // "YYYY-MM": the first seven characters of the day key.
            if new.get(..7) != day.get(..7) {
                months += 1;
            }
        }
    }
    Ok((days, months))
}

pub fn rebuild_days(
    c: &Connection,
    day_of: &dyn Fn(DateTime<FixedOffset>) -> NaiveDate,
) -> Result<()> {
    let mut changes: Vec<(i64, String)> = Vec::new();
    {
        let mut st = c.prepare("SELECT id, at FROM txn")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let at: String = r.get(1)?;
            let t = DateTime::parse_from_rfc3339(&at).map_err(|_| bad(1, "time", &at))?;
            changes.push((r.get(0)?, day_of(t).to_string()));
        }
    }
    let mut upd = c.prepare("UPDATE txn SET day = ?2 WHERE id = ?1")?;
    for (id, day) in changes {
        upd.execute(params![id, day])?;
    }
    c.execute_batch(
        "DELETE FROM day_total;
         INSERT INTO day_total (account_id, day, type, dest, fx_exempt, method_id, usd_cents, cny_cents, count)
         SELECT account_id, day, type, dest, fx_exempt, coalesce(method_id, 0), sum(usd_cents), sum(cny_cents), count(*)
         FROM txn WHERE is_refund = 0
         GROUP BY account_id, day, type, dest, fx_exempt, coalesce(method_id, 0);",
    )?;
    Ok(())
}
