//! What an imported bill's rows carry (migration 7): the provider and its order
//! number, and the B4 duplicate checks and B5 refund links that read them.

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::txn::NewTxn;
use crate::domain::{AccountId, TxnId};

use super::Result;

/// B4: a row (a payment, or a refund when `refund`) of the same account, provider,
/// order number, time and amount exists.
pub fn bill_exists(
    c: &Connection,
    account: AccountId,
    provider: &str,
    order_no: &str,
    t: &NewTxn,
    refund: bool,
) -> Result<bool> {
    // `is_refund` is written into the SQL, not bound: compared with a
    // parameter, it matches the WHERE of the partial index `txn_refunds`, and
    // SQLite then prepares the statement again each time that parameter is
    // bound (two thirds of a bill import's time, measured).
    let mut st = c.prepare_cached(if refund {
        "SELECT 1 FROM txn WHERE account_id = ?1 AND provider = ?2 AND order_no = ?3
         AND at_utc = ?4 AND amount = ?5 AND currency = ?6 AND is_refund = 1 LIMIT 1"
    } else {
        "SELECT 1 FROM txn WHERE account_id = ?1 AND provider = ?2 AND order_no = ?3
         AND at_utc = ?4 AND amount = ?5 AND currency = ?6 AND is_refund = 0 LIMIT 1"
    })?;
    Ok(st
        .query_row(
            params![
                account,
                provider,
                order_no,
                t.at.timestamp(),
                t.amount.to_string(),
                t.currency.as_str(),
            ],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The provider's order number of an imported row (`None` for others).
pub fn txn_order_no(c: &Connection, id: TxnId) -> Result<Option<String>> {
    Ok(c.prepare_cached("SELECT order_no FROM txn WHERE id = ?1")?
        .query_row(params![id], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten())
}

/// A row of this account and provider carries this order number (B5: a refund's payment).
pub fn order_recorded(
    c: &Connection,
    account: AccountId,
    provider: &str,
    order_no: &str,
) -> Result<bool> {
    Ok(c.prepare_cached(
        "SELECT 1 FROM txn WHERE account_id = ?1 AND provider = ?2 AND order_no = ?3
         AND is_refund = 0 LIMIT 1",
    )?
    .query_row(params![account, provider, order_no], |_| Ok(()))
    .optional()?
    .is_some())
}
