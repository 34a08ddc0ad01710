//! Reading the transactions list: what a filter matches, counted and added up,
//! and its pages, newest first. A page deep in the list starts from a [`PageMarks`]
//! key (keyset paging on `(at_utc, id)`), so no page walks more than a step of the
//! index.

use rusqlite::{Connection, params_from_iter};
use rust_decimal::Decimal;

use crate::domain::txn::{Txn, TxnTotals};

use super::Result;
use super::txns::{TXN_COLUMNS, ccy, from_cents, txn_row};

pub use crate::domain::txn_filter::{FILTER_TEXT_MAX, TxnFilter};

/// The shortest search the trigram index answers; a shorter one is a `LIKE` scan.
pub const INDEXED_TEXT_MIN: usize = 3;

impl TxnFilter {
    /// The filter as a WHERE clause, walked in time order through the
    /// `(account_id, at_utc, id)` index (pages and marks).
    fn clause(&self) -> (String, Vec<rusqlite::types::Value>) {
        self.clause_as(false)
    }

    /// With `by_matches`, a search read from the trigram index's matches
    /// rather than by walking the account's rows (counts and totals: few
    /// matches are then a few lookups, not a walk of every row).
    fn clause_as(&self, by_matches: bool) -> (String, Vec<rusqlite::types::Value>) {
        use rusqlite::types::Value;
        let text = self.text.trim();
        let indexed = text.chars().count() >= INDEXED_TEXT_MIN;
        // `+` keeps SQLite off the account's index, so it reads the matches.
        let plus = if by_matches && indexed { "+" } else { "" };
        let mut w = vec!["1 = 1".to_owned()];
        let mut p: Vec<Value> = Vec::new();
        if let Some(a) = self.account {
            w.push(format!("{plus}account_id = ?{}", p.len() + 1));
            p.push(Value::Integer(a.0));
        }
        if let Some(m) = self.method {
            w.push(format!("method_id = ?{}", p.len() + 1));
            p.push(Value::Integer(m.0));
        }
        if let Some(t) = self.ty {
            w.push(format!("type = ?{}", p.len() + 1));
            p.push(Value::Text(t.id().into()));
        }
        if let Some(d) = self.from {
            w.push(format!("day >= ?{}", p.len() + 1));
            p.push(Value::Text(d.to_string()));
        }
        if let Some(d) = self.until {
            w.push(format!("day <= ?{}", p.len() + 1));
            p.push(Value::Text(d.to_string()));
        }
        if !text.is_empty() {
            let like = format!(
                "%{}%",
                text.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            let scan = "(counterparty LIKE ?{n} ESCAPE '\\' OR note LIKE ?{n} ESCAPE '\\')";
            if indexed {
                // Rows up to `txn_text_upto` are in the index; later ones (a
                // recent import the list's worker has not indexed yet) are scanned.
                w.push(format!(
                    "id IN (SELECT rowid FROM txn_text WHERE txn_text MATCH ?{m}
                            UNION ALL
                            SELECT id FROM txn WHERE id > (SELECT id FROM txn_text_upto)
                                AND {})",
                    scan.replace("{n}", &(p.len() + 2).to_string()),
                    m = p.len() + 1,
                ));
                // The index folds the case of every letter, LIKE only of ASCII:
                // its matches are candidates, and LIKE decides, as for rows not
                // yet indexed.
                w.push(scan.replace("{n}", &(p.len() + 2).to_string()));
                p.push(Value::Text(format!("\"{}\"", text.replace('"', "\"\""))));
            } else {
                w.push(scan.replace("{n}", &(p.len() + 1).to_string()));
            }
            p.push(Value::Text(like));
        }
        (w.join(" AND "), p)
    }
}

pub fn txn_count(c: &Connection, f: &TxnFilter) -> Result<u64> {
    let (w, p) = f.clause_as(true);
    let n: i64 = c.query_row(
        &format!("SELECT count(*) FROM txn WHERE {w}"),
        params_from_iter(p),
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// The rows a filter matches, added up in SQL (never by summing pages).
///
/// An amount is stored as decimal text with at most three decimals (the widest
/// minor unit) and at most `AMOUNT_MAX` = 10⁹, so `round(amount * 1000)` is its
/// exact number of thousandths: under 2⁵³, a double holds it exactly. The USD
/// figure is the sum of the stored conversions, in cents.
pub fn txn_totals(c: &Connection, f: &TxnFilter) -> Result<TxnTotals> {
    let (w, p) = f.clause_as(true);
    let mut st = c.prepare_cached(&format!(
        "SELECT currency, count(*),
             sum(CASE WHEN is_refund = 0 THEN CAST(round(amount * 1000) AS INTEGER) ELSE 0 END),
             sum(CASE WHEN is_refund = 0 THEN usd_cents ELSE 0 END),
             sum(is_refund)
         FROM txn WHERE {w} GROUP BY currency ORDER BY currency"
    ))?;
    let mut totals = TxnTotals::default();
    let rows = st.query_map(params_from_iter(p), |r| {
        Ok((
            ccy(r, 0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, i64>(4)?,
        ))
    })?;
    for row in rows {
        let (currency, n, mills, usd, refunds) = row?;
        totals.count += u64::try_from(n).unwrap_or(0);
        totals.refunds += u64::try_from(refunds).unwrap_or(0);
        totals
            .by_currency
            .push((currency, currency.round(Decimal::new(mills, 3))));
        totals.usd += from_cents(usd);
    }
    Ok(totals)
}

/// One page, newest first, of a list of `total` rows: a page in the older half is
/// read from the other end, so no page walks more than half the index.
pub fn txn_page_of(
    c: &Connection,
    f: &TxnFilter,
    offset: u64,
    limit: u64,
    total: u64,
) -> Result<Vec<Txn>> {
    if offset <= total / 2 || offset >= total {
        return txn_page(c, f, offset, limit);
    }
    let end = offset.saturating_add(limit).min(total);
    page(c, f, total - end, end - offset, "ASC")
}

/// The first page (the newest `size` rows) of a new filter, and its count
/// when that page holds every match. A search's few matches are counted in a
/// few lookups and read by the index (a rare word need not walk the list);
/// otherwise the page walks the time index until it is full (a common word
/// fills it at once), and the caller counts after.
pub fn txn_first_page(c: &Connection, f: &TxnFilter, size: u64) -> Result<(Vec<Txn>, Option<u64>)> {
    let limit = i64::try_from(size).unwrap_or(i64::MAX);
    if f.text.trim().chars().count() >= INDEXED_TEXT_MIN {
        let (w, mut p) = f.clause_as(true);
        let n = p.len();
        p.push(rusqlite::types::Value::Integer(limit.saturating_add(1)));
        let few: i64 = c.query_row(
            &format!(
                "SELECT count(*) FROM (SELECT 1 FROM txn WHERE {w} LIMIT ?{})",
                n + 1
            ),
            params_from_iter(p.iter()),
            |r| r.get(0),
        )?;
        if few <= limit {
            p.pop();
            p.push(rusqlite::types::Value::Integer(limit));
            let mut st = c.prepare_cached(&format!(
                "SELECT {TXN_COLUMNS} FROM txn WHERE {w} ORDER BY at_utc DESC, id DESC LIMIT ?{}",
                n + 1
            ))?;
            let rows: Vec<Txn> = st
                .query_map(params_from_iter(p), txn_row)?
                .collect::<rusqlite::Result<_>>()?;
            // Another connection may write between the two reads: then the
            // count is left to the caller.
            let n = rows.len() as u64;
            let counted = i64::try_from(n).is_ok_and(|n| n == few);
            return Ok((rows, counted.then_some(n)));
        }
    }
    let rows = txn_page(c, f, 0, size)?;
    let known = (rows.len() as u64) < size;
    let n = rows.len() as u64;
    Ok((rows, known.then_some(n)))
}

/// One page, newest first.
pub fn txn_page(c: &Connection, f: &TxnFilter, offset: u64, limit: u64) -> Result<Vec<Txn>> {
    page(c, f, offset, limit, "DESC")
}

/// `limit` rows after skipping `offset` in time order `dir` (ASC from the oldest,
/// DESC from the newest), returned newest first. The offset is walked in the
/// (account_id, at_utc, id) index alone; only the page's rows are read from the table.
fn page(c: &Connection, f: &TxnFilter, offset: u64, limit: u64, dir: &str) -> Result<Vec<Txn>> {
    let (w, mut p) = f.clause();
    let n = p.len();
    p.push(rusqlite::types::Value::Integer(
        i64::try_from(limit).unwrap_or(i64::MAX),
    ));
    p.push(rusqlite::types::Value::Integer(
        i64::try_from(offset).unwrap_or(i64::MAX),
    ));
    let mut st = c.prepare_cached(&format!(
        "SELECT {TXN_COLUMNS} FROM txn WHERE id IN (
             SELECT id FROM txn WHERE {w} ORDER BY at_utc {dir}, id {dir} LIMIT ?{} OFFSET ?{})
         ORDER BY at_utc DESC, id DESC",
        n + 1,
        n + 2
    ))?;
    let rows = st.query_map(params_from_iter(p), txn_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Rows between two [`PageMarks`] keys.
pub const MARK_STEP: u64 = 1024;

/// The `(at_utc, id)` key of every [`MARK_STEP`]-th row of a filter's list,
/// newest first: the key at index `i` is the row at offset `i * MARK_STEP`.
/// Read once per filter (one walk of the index); a page anywhere then starts
/// from the mark at or before it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMarks {
    keys: Vec<(i64, i64)>,
    /// The database as the marks were read: any write since (by this connection
    /// or another) makes them stale.
    version: (i64, u64),
}

impl PageMarks {
    /// How many rows the marks cover (a multiple of the step, rounded up).
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Whether nothing has been written to the database since they were read.
    pub fn is_current(&self, c: &Connection) -> Result<bool> {
        Ok(version(c)? == self.version)
    }
}

/// Changes on any connection: SQLite's `data_version` counts other
/// connections' commits, `total_changes` this one's rows.
fn version(c: &Connection) -> Result<(i64, u64)> {
    let data: i64 = c.query_row("PRAGMA data_version", [], |r| r.get(0))?;
    Ok((data, c.total_changes()))
}

/// The marks of `f`'s list.
pub fn page_marks(c: &Connection, f: &TxnFilter) -> Result<PageMarks> {
    let version = version(c)?;
    let (w, p) = f.clause();
    let mut st = c.prepare_cached(&format!(
        "SELECT at_utc, id FROM txn WHERE {w} ORDER BY at_utc DESC, id DESC"
    ))?;
    let mut rows = st.query(params_from_iter(p))?;
    let mut keys = Vec::new();
    let mut n: u64 = 0;
    while let Some(r) = rows.next()? {
        if n.is_multiple_of(MARK_STEP) {
            keys.push((r.get(0)?, r.get(1)?));
        }
        n += 1;
    }
    Ok(PageMarks { keys, version })
}

/// `limit` rows from `offset`, newest first, starting from the mark at or
/// before `offset` (keyset paging): at most [`MARK_STEP`] rows are skipped.
/// With no mark that far, or marks read before a write since, it walks from
/// the nearest end of a list of `total` rows.
pub fn txn_page_marked(
    c: &Connection,
    f: &TxnFilter,
    marks: &PageMarks,
    offset: u64,
    limit: u64,
    total: u64,
) -> Result<Vec<Txn>> {
    let i = offset / MARK_STEP;
    let mark = usize::try_from(i).ok().and_then(|i| marks.keys.get(i));
    let Some(&(at, id)) = mark.filter(|_| marks.is_current(c).unwrap_or(false)) else {
        return txn_page_of(c, f, offset, limit, total);
    };
    let (w, mut p) = f.clause();
    let n = p.len();
    for v in [
        at,
        id,
        i64::try_from(limit).unwrap_or(i64::MAX),
        i64::try_from(offset - i * MARK_STEP).unwrap_or(i64::MAX),
    ] {
        p.push(rusqlite::types::Value::Integer(v));
    }
    let mut st = c.prepare_cached(&format!(
        "SELECT {TXN_COLUMNS} FROM txn WHERE id IN (
             SELECT id FROM txn WHERE {w} AND (at_utc, id) <= (?{}, ?{})
             ORDER BY at_utc DESC, id DESC LIMIT ?{} OFFSET ?{})
         ORDER BY at_utc DESC, id DESC",
        n + 1,
        n + 2,
        n + 3,
        n + 4
    ))?;
    let rows = st.query_map(params_from_iter(p), txn_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Index up to `rows` more transactions for text search, in one transaction;
/// returns how many are left to index. Searches are right at any point: rows
/// not yet indexed are scanned. With `wait`, it waits for another writer as
/// every write does (the command line); without, a busy database is an error
/// at once (the list's worker, which tries again later). `marks` current before
/// are kept current: the index is not the list.
pub fn index_text(
    c: &Connection,
    rows: u64,
    wait: bool,
    marks: Option<&mut PageMarks>,
) -> Result<u64> {
    // Nothing to index: no write lock asked for.
    let upto: i64 = c.query_row("SELECT id FROM txn_text_upto", [], |r| r.get(0))?;
    let last: Option<i64> = c.query_row("SELECT max(id) FROM txn", [], |r| r.get(0))?;
    if last.is_none_or(|l| l <= upto) {
        return Ok(0);
    }
    if !wait {
        c.busy_handler(None)?;
    }
    let begun = rusqlite::Transaction::new_unchecked(c, rusqlite::TransactionBehavior::Immediate);
    if !wait {
        c.busy_handler(Some(super::busy_wait))?;
    }
    let tx = begun?;
    let current = match &marks {
        Some(m) => m.is_current(&tx)?,
        None => false,
    };
    let upto: i64 = tx.query_row("SELECT id FROM txn_text_upto", [], |r| r.get(0))?;
    let to: Option<i64> = tx.query_row(
        "SELECT max(id) FROM (SELECT id FROM txn WHERE id > ?1 ORDER BY id LIMIT ?2)",
        [upto, i64::try_from(rows).unwrap_or(i64::MAX)],
        |r| r.get(0),
    )?;
    let Some(to) = to else {
        return Ok(0);
    };
    tx.execute(
        "INSERT INTO txn_text (rowid, counterparty, note)
         SELECT id, counterparty, note FROM txn WHERE id > ?1 AND id <= ?2",
        [upto, to],
    )?;
    tx.execute("UPDATE txn_text_upto SET id = ?1", [to])?;
    let left: i64 = tx.query_row("SELECT count(*) FROM txn WHERE id > ?1", [to], |r| r.get(0))?;
    // Read while the write lock is held: no other commit can come between.
    let after = version(&tx)?;
    tx.commit()?;
    if let Some(m) = marks
        && current
    {
        m.version = after;
    }
    Ok(u64::try_from(left).unwrap_or(0))
}
