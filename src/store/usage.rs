//! What a limit has used in a window: sums of the per-day totals (and, for
//! Q9, of the refunds' own rows), and the year chart's days.

use chrono::NaiveDate;
use rusqlite::{Connection, params, params_from_iter};

use crate::domain::limits::{Destination, TxType};
use crate::domain::{AccountId, MethodId};

use super::Result;
use super::txns::bad;

/// What a layer adds up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageQuery<'a> {
    pub accounts: &'a [AccountId],
    pub first: NaiveDate,
    /// Exclusive.
    pub end: NaiveDate,
    pub types: &'a [TxType],
    pub to: &'a [Destination],
    pub skip_exempt: bool,
    pub method: Option<MethodId>,
}

/// The layer's total in USD and CNY cents, from the day totals.
pub fn usage(c: &Connection, q: &UsageQuery<'_>) -> Result<(i64, i64)> {
    usage_from(c, q, "day_total WHERE")
}

/// What of a layer's window came back as refunds (Q9), in USD and CNY cents:
/// the refunds' own rows, which the day totals leave out.
pub fn refunded(c: &Connection, q: &UsageQuery<'_>) -> Result<(i64, i64)> {
    usage_from(c, q, "txn WHERE is_refund = 1 AND")
}

fn usage_from(c: &Connection, q: &UsageQuery<'_>, from: &str) -> Result<(i64, i64)> {
    use rusqlite::types::Value;
    let mut p: Vec<Value> = vec![
        Value::Text(q.first.to_string()),
        Value::Text(q.end.to_string()),
    ];
    let mut sql = format!(
        "SELECT coalesce(sum(usd_cents), 0), coalesce(sum(cny_cents), 0) FROM {from}
         day >= ?1 AND day < ?2"
    );
    let list = |sql: &mut String, p: &mut Vec<Value>, col: &str, vals: Vec<Value>| {
        if vals.is_empty() {
            return;
        }
        let marks: Vec<String> = vals
            .iter()
            .enumerate()
            .map(|(i, _)| format!("?{}", p.len() + i + 1))
            .collect();
        sql.push_str(&format!(" AND {col} IN ({})", marks.join(", ")));
        p.extend(vals);
    };
    list(
        &mut sql,
        &mut p,
        "account_id",
        q.accounts.iter().map(|a| Value::Integer(a.0)).collect(),
    );
    list(
        &mut sql,
        &mut p,
        "type",
        q.types.iter().map(|t| Value::Text(t.id().into())).collect(),
    );
    list(
        &mut sql,
        &mut p,
        "dest",
        q.to.iter().map(|t| Value::Text(t.id().into())).collect(),
    );
    if q.skip_exempt {
        sql.push_str(" AND fx_exempt = 0");
    }
    if let Some(m) = q.method {
        sql.push_str(&format!(" AND method_id = ?{}", p.len() + 1));
        p.push(Value::Integer(m.0));
    }
    let mut st = c.prepare_cached(&sql)?;
    Ok(st.query_row(params_from_iter(p), |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Per-day USD totals of accounts over `[first, end)` (the year chart).
pub fn daily_usd(
    c: &Connection,
    accounts: &[AccountId],
    first: NaiveDate,
    end: NaiveDate,
    skip_exempt: bool,
) -> Result<Vec<(NaiveDate, i64)>> {
    let mut out = Vec::new();
    for a in accounts {
        let mut st = c.prepare_cached(
            "SELECT day, sum(usd_cents) FROM day_total WHERE account_id = ?1 AND day >= ?2 AND day < ?3
             AND (?4 = 0 OR fx_exempt = 0) GROUP BY day ORDER BY day",
        )?;
        let rows = st.query_map(
            params![a, first.to_string(), end.to_string(), skip_exempt],
            |r| {
                let d: String = r.get(0)?;
                Ok((
                    NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| bad(0, "date", &d))?,
                    r.get(1)?,
                ))
            },
        )?;
        for r in rows {
            out.push(r?);
        }
    }
    out.sort_by_key(|(d, _)| *d);
    let mut merged: Vec<(NaiveDate, i64)> = Vec::new();
    for (d, v) in out {
        match merged.last_mut() {
            Some((ld, lv)) if *ld == d => *lv += v,
            _ => merged.push((d, v)),
        }
    }
    Ok(merged)
}
