//! An account's limit book, its own figures for published limits, and its caps.

use rusqlite::{Connection, params};
use rust_decimal::Decimal;

use super::Result;
use super::txns::{bad, ccy, dec};
use crate::domain::limits::{Cap, Window};
use crate::domain::{AccountId, CapId, MethodId};

pub fn limit_book(c: &Connection, account: AccountId) -> Result<String> {
    Ok(c.query_row(
        "SELECT limit_book FROM account WHERE id = ?1",
        [account],
        |r| r.get(0),
    )?)
}

pub fn set_limit_book(c: &Connection, account: AccountId, book: &str) -> Result<()> {
    c.execute(
        "UPDATE account SET limit_book = ?2 WHERE id = ?1",
        params![account, book],
    )?;
    Ok(())
}

pub fn overrides(c: &Connection, account: AccountId) -> Result<Vec<(String, Decimal)>> {
    let mut st = c.prepare_cached(
        "SELECT key, amount FROM limit_override WHERE account_id = ?1 ORDER BY key",
    )?;
    let rows = st.query_map([account], |r| Ok((r.get(0)?, dec(r, 1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn set_override(
    c: &Connection,
    account: AccountId,
    key: &str,
    amount: Option<Decimal>,
) -> Result<()> {
    match amount {
        Some(a) => c.execute(
            "INSERT INTO limit_override (account_id, key, amount) VALUES (?1, ?2, ?3)
             ON CONFLICT (account_id, key) DO UPDATE SET amount = excluded.amount",
            params![account, key, a.to_string()],
        )?,
        None => c.execute(
            "DELETE FROM limit_override WHERE account_id = ?1 AND key = ?2",
            params![account, key],
        )?,
    };
    Ok(())
}

pub fn caps(c: &Connection, account: AccountId) -> Result<Vec<Cap>> {
    let mut st = c.prepare_cached(
        "SELECT id, account_id, name, window, currency, amount, method_id FROM cap WHERE account_id = ?1 ORDER BY id",
    )?;
    let rows = st.query_map([account], |r| {
        let w: String = r.get(3)?;
        Ok(Cap {
            id: CapId(r.get(0)?),
            account_id: AccountId(r.get(1)?),
            name: r.get(2)?,
            window: Window::from_id(&w).ok_or_else(|| bad(3, "window", &w))?,
            currency: ccy(r, 4)?,
            amount: dec(r, 5)?,
            method: r.get::<_, Option<i64>>(6)?.map(MethodId),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_cap(c: &Connection, cap: &Cap) -> Result<CapId> {
    c.execute(
        "INSERT INTO cap (account_id, name, window, currency, amount, method_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![cap.account_id, cap.name, cap.window.id(), cap.currency.as_str(), cap.amount.to_string(), cap.method],
    )?;
    Ok(CapId(c.last_insert_rowid()))
}

pub fn delete_cap(c: &Connection, id: CapId) -> Result<bool> {
    Ok(c.execute("DELETE FROM cap WHERE id = ?1", [id.0])? > 0)
}
