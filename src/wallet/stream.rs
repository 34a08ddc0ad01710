//! An import read as a stream: a second thread reads the file (walletdesk's own
//! CSV, a provider's bill: `bills`, or any CSV through a mapping: `mapping`) and
//! checks each line, while the calling thread converts each payment, looks for
//! repeats and either counts it for the preview (a large file's first rows kept
//! for its table) or writes it at once, in the caller's transaction. Memory stays
//! flat whatever the file's size: what is kept per row is a 64-bit key for the
//! in-file duplicate check (with the line first seen, for a bill or a mapped
//! CSV), and a bill's refunds, which are few.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{SyncSender, sync_channel};

use chrono::NaiveDate;

use chrono_tz::Tz;
use rusqlite::Connection;

use super::bills::BillCx;
use super::csv::{CSV_HEADER, Finished, Hashed, LfLines};
use super::preview::{ImportPreview, ImportRow, Origin, RefundRow, RowEdit};
use super::rates::DayRates;
use super::service::{Result, Wallet};
use crate::domain::AccountId;
use crate::domain::MethodId;
use crate::domain::bills::Detected;
use crate::domain::bills::mapping::CsvMapping;
use crate::domain::limits::local_day;
use crate::domain::txn::{NewTxn, TxnDraft};
use crate::store::{self, Bulk, Stored};
use crate::words;

/// What a reading needs to know of the wallet, taken before it starts (a
/// writing reading holds the write transaction).
pub(super) struct Context {
    pub account: AccountId,
    pub tz: Tz,
    pub now: chrono::DateTime<chrono::FixedOffset>,
    /// The account's methods, archived too: a line may name any of them.
    pub methods: HashSet<MethodId>,
    /// A provider's bill: how to read its rows.
    pub bill: Option<BillCx>,
    /// Any other CSV, read through this column mapping. Neither: walletdesk's own CSV.
    pub mapping: Option<CsvMapping>,
    /// Payments kept in the preview's `rows`: `None` keeps all (a file that
    /// cannot be read again: a zip's or an XLSX's).
    pub keep_rows: Option<usize>,
}

/// What the reading does with each good line.
pub(super) enum Pass<'a, 'c> {
    /// Count it, keep the first rows: nothing is written.
    Preview,
    /// Write it (the person's exclusions and changes applied by line). A
    /// bill's refunds are only collected: they are written after every payment.
    Write {
        bulk: &'a mut Bulk<'c>,
        edits: &'a BTreeMap<u64, RowEdit>,
        excluded: &'a BTreeSet<u64>,
    },
}

/// A payment's identity for the duplicate check (time, amount as written,
/// currency, counterparty), as 64 bits. A writing reading checks two equal keys
/// against the table before it skips a row as a repeat; a preview trusts them
/// (two different payments share a key with odds of about n²/2⁶⁵).
fn key_of(t: &NewTxn) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    t.at.timestamp().hash(&mut h);
    t.amount.mantissa().hash(&mut h);
    t.amount.scale().hash(&mut h);
    t.currency.as_str().hash(&mut h);
    t.counterparty.hash(&mut h);
    h.finish()
}

/// B4's identity of a bill's row, as 64 bits: a payment with an order number
/// by that number, its time and amount; a refund by its own order number (or
/// none), time and amount; a row without an order number as [`key_of`].
fn bill_key(t: &NewTxn, order_no: Option<&str>, refund: bool) -> u64 {
    if order_no.is_none() && !refund {
        return key_of(t);
    }
    let mut h = std::hash::DefaultHasher::new();
    refund.hash(&mut h);
    order_no.unwrap_or("").hash(&mut h);
    t.at.timestamp().hash(&mut h);
    t.amount.mantissa().hash(&mut h);
    t.amount.scale().hash(&mut h);
    h.finish()
}

/// An order number as 64 bits (a refund's payment, looked for among the file's).
fn order_key(order_no: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    order_no.hash(&mut h);
    h.finish()
}

/// Keys seen: [`key_of`]'s hashes, hashed again cheaply.
pub(super) type Keys = HashSet<u64, store::QuickHash>;

/// What a provider's bill or a mapped CSV says of a row beyond its payment:
/// its B4 identity's parts, and the line it first appeared on.
pub(super) struct RowFacts {
    /// The provider's order number.
    pub order_no: Option<String>,
    /// B5: a refund, with the order number of the payment it returns where known.
    pub refund_of: Option<Option<String>>,
    /// B3: why no method was set.
    pub method_note: Option<String>,
    /// The first line with the same B4 identity, when `repeated`.
    pub first: u64,
}

/// What the reading thread makes of the file, in its order.
pub(super) enum Line {
    /// A good line: its payment, its time's text as stored, its day in the
    /// limits' zone, its duplicate key, and whether an earlier line had the
    /// same key.
    Row {
        line: u64,
        txn: NewTxn,
        at: String,
        day: NaiveDate,
        key: u64,
        repeated: bool,
        bill: Option<RowFacts>,
    },
    /// A line that cannot be imported: the field and what is wrong with it.
    Bad {
        line: u64,
        field: &'static str,
        message: String,
    },
    /// A bill's row that is not a payment (B1), and why.
    Skipped { line: u64, why: String },
    /// How far into the file the reading is (bytes), every 4,096 lines.
    At(u64),
}

/// B4 identities seen in a file ([`bill_key`]), and the line each was first seen on.
pub(super) type FirstLines = std::collections::HashMap<u64, u64, store::QuickHash>;

impl Line {
    /// A payment of a bill or a mapped CSV (or a bill's refund, with the order
    /// number of the payment it returns): its B4 key, and the line the file
    /// first had it on.
    pub(super) fn listed(
        cx: &Context,
        line: u64,
        txn: NewTxn,
        order_no: Option<String>,
        refund_of: Option<Option<String>>,
        method_note: Option<String>,
        seen: &mut FirstLines,
    ) -> Line {
        let key = bill_key(&txn, order_no.as_deref(), refund_of.is_some());
        let first = *seen.entry(key).or_insert(line);
        Line::Row {
            line,
            at: txn.at.to_rfc3339(),
            day: local_day(txn.at, cx.tz),
            key,
            repeated: first != line,
            txn,
            bill: Some(RowFacts {
                order_no,
                refund_of,
                method_note,
                first,
            }),
        }
    }
}

/// Lines sent to the writing side at a time.
const BATCH: usize = 1024;

/// The reading side's end of the channel: lines go in batches.
pub(super) struct Batches<'a> {
    batch: Vec<Line>,
    send: &'a SyncSender<Vec<Line>>,
}

impl<'a> Batches<'a> {
    pub fn new(send: &'a SyncSender<Vec<Line>>) -> Self {
        Batches {
            batch: Vec::with_capacity(BATCH),
            send,
        }
    }

    /// Add a line; `false` when the writing side has stopped listening.
    pub fn put(&mut self, item: Line) -> bool {
        self.batch.push(item);
        self.batch.len() < BATCH
            || self
                .send
                .send(std::mem::replace(
                    &mut self.batch,
                    Vec::with_capacity(BATCH),
                ))
                .is_ok()
    }

    /// Send what is left.
    pub fn end(self) {
        let _ = self.send.send(self.batch);
    }
}

/// The reading side for walletdesk's own CSV: parse and check each line of
/// `input`. Stops at the end, at a wrong header, when `cancel` is set, or when
/// the other side stops listening.
fn parse_lines(cx: &Context, input: impl Read, mut out: Batches<'_>, cancel: &AtomicBool) {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(256 * 1024)
        .from_reader(LfLines::new(input));
    let bad = |line: u64, field: &'static str, message: String| Line::Bad {
        line,
        field,
        message,
    };
    let mut record = csv::StringRecord::new();
    let mut draft = TxnDraft::default();
    let mut seen = Keys::default();
    let mut header_done = false;
    let mut lines: u64 = 0;
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                let io = matches!(e.kind(), csv::ErrorKind::Io(_));
                if !out.put(bad(line, "file", format!("not valid CSV: {e}"))) || io {
                    break;
                }
                continue;
            }
        }
        let line = record.position().map_or(0, csv::Position::line);
        lines += 1;
        if lines.is_multiple_of(4096)
            && (cancel.load(Ordering::Relaxed) || !out.put(Line::At(rdr.position().byte())))
        {
            return;
        }
        if !header_done {
            header_done = true;
            let fields: Vec<String> = record
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    if i == 0 {
                        f.trim_start_matches('\u{feff}').trim().to_owned()
                    } else {
                        f.trim().to_owned()
                    }
                })
                .collect();
            if fields != CSV_HEADER {
                let message = format!(
                    "the header must be {} (found {})",
                    CSV_HEADER.join(","),
                    fields.join(",")
                );
                out.put(bad(line, "header", message));
                break;
            }
            continue;
        }
        if record.len() == 1 && record.get(0).is_some_and(|f| f.trim().is_empty()) {
            continue;
        }
        let item = if record.len() == CSV_HEADER.len() {
            parse_line(cx, line, &record, &mut draft, &mut seen)
        } else {
            let message = format!(
                "{}; expected {} ({})",
                words::count(record.len(), "column", "columns"),
                CSV_HEADER.len(),
                CSV_HEADER.join(",")
            );
            bad(line, "line", message)
        };
        if !out.put(item) {
            return;
        }
    }
    if !header_done {
        let message = format!(
            "the file is empty; the first line must be {}",
            CSV_HEADER.join(",")
        );
        out.put(bad(1, "file", message));
    }
    out.end();
}

/// One line of the right width: its payment, or what is wrong with it.
fn parse_line(
    cx: &Context,
    line: u64,
    record: &csv::StringRecord,
    draft: &mut TxnDraft,
    seen: &mut Keys,
) -> Line {
    // The draft's strings are reused: no allocation per field and row.
    let d = draft;
    let fields = [
        &mut d.at,
        &mut d.amount,
        &mut d.currency,
        &mut d.ty,
        &mut d.to,
        &mut d.method,
        &mut d.counterparty,
        &mut d.note,
        &mut d.fx_exempt,
    ];
    for (i, field) in fields.into_iter().enumerate() {
        field.clear();
        field.push_str(record.get(i).unwrap_or(""));
    }
    let bad = |field: &'static str, message: String| Line::Bad {
        line,
        field,
        message,
    };
    if d.at.trim().is_empty() {
        return bad("at", "at: required".into());
    }
    let txn = match d.validate(cx.now, cx.tz) {
        Ok(t) => t,
        Err(e) => {
            let msg: Vec<String> = e.0.iter().map(ToString::to_string).collect();
            return bad(e.0.first().map_or("line", |f| f.field), msg.join("; "));
        }
    };
    if let Some(m) = txn.method
        && !cx.methods.contains(&m)
    {
        return bad(
            "method",
            format!("method: {m} is no method of this account"),
        );
    }
    let key = key_of(&txn);
    Line::Row {
        line,
        at: txn.at.to_rfc3339(),
        day: local_day(txn.at, cx.tz),
        key,
        repeated: !seen.insert(key),
        txn,
        bill: None,
    }
}

/// The writing side's view of what is already stored.
struct Checks<'c> {
    stored: Stored<'c>,
    /// Keys of lines left out by the person: a later repeat of one is still a repeat.
    left_out: Keys,
    /// Only a writing reading can tell a repeat for sure (the earlier line is
    /// in the table by now); a preview trusts the 64-bit key.
    writing: bool,
}

impl Checks<'_> {
    /// Why a row is skipped as a repeat of an earlier line or as already
    /// recorded (B4 for a bill's or a mapped CSV's), if it is.
    fn duplicate(
        &mut self,
        cx: &Context,
        out: &ImportPreview,
        t: &NewTxn,
        key: u64,
        repeated: bool,
        bill: Option<&RowFacts>,
    ) -> Result<Option<String>> {
        // After an error nothing more is written, so the table cannot confirm a
        // repeat: the key is trusted, as in a preview.
        let writing = self.writing && out.error_total == 0;
        let order = bill.and_then(|b| b.order_no.as_deref());
        let refund = bill.is_some_and(|b| b.refund_of.is_some());
        let provider = cx.bill.as_ref().map(|c| c.provider);
        let mut table = |written_since: bool| match (order, provider) {
            (Some(o), Some(p)) => self.stored.holds_bill(p.id(), o, t, refund, written_since),
            _ => self.stored.holds(t, written_since),
        };
        let repeat = if !repeated {
            false
        } else if refund {
            // Every refund is kept: compared exactly, they need no table.
            out.refunds
                .iter()
                .any(|r| r.order_no.as_deref() == order && r.at == t.at && r.amount == t.amount)
        } else {
            !writing || self.left_out.contains(&key) || table(true)?
        };
        if repeat {
            return Ok(Some(bill.map_or_else(
                || "repeats an earlier line of the file".into(),
                |b| words::bill_repeats(b.first),
            )));
        }
        // A repeated key that is no repeat: a writing reading has asked the table.
        let asked = repeated && writing && !refund;
        Ok((!asked && table(false)?).then(|| match bill {
            None => "already recorded (same time, amount and counterparty)".into(),
            Some(_) => {
                let name = provider.map_or("", |p| p.name());
                words::bill_recorded(name, order.is_some())
            }
        }))
    }
}

/// Read an import from `input` as `cx` says (docs/cli.md, a bill, a mapped
/// CSV). A second
/// thread parses and checks the lines while this one converts, looks for
/// repeats and writes (both halves take about as long).
pub(super) fn read_stream(
    conn: &Connection,
    cx: &Context,
    input: impl Read + Send,
    total_bytes: u64,
    mut pass: Pass<'_, '_>,
    progress: &mut dyn FnMut(f32),
    cancel: &AtomicBool,
) -> Result<Finished<ImportPreview>> {
    let format = match (&cx.bill, &cx.mapping) {
        (Some(b), _) => b.described.clone(),
        (None, Some(m)) => words::mapped_format(&m.name),
        (None, None) => Detected::Walletdesk.describe(),
    };
    let writing = matches!(pass, Pass::Write { .. });
    let mut out = ImportPreview {
        format,
        keep_rows: cx.keep_rows,
        written: writing.then_some(0),
        ..ImportPreview::default()
    };
    let mut checks = Checks {
        stored: Stored::new(conn, cx.account)?,
        left_out: Keys::default(),
        writing,
    };
    // Order numbers of the file's payments, for its refunds (B5).
    let mut paid = Keys::default();
    let mut rates = DayRates::default();
    let done = std::thread::scope(|scope| -> Result<bool> {
        let (send, lines) = sync_channel(4);
        let reader = std::thread::Builder::new()
            .name("import-read".into())
            .spawn_scoped(scope, move || {
                let batches = Batches::new(&send);
                let mut input = Hashed::new(input);
                match (&cx.bill, &cx.mapping) {
                    (Some(b), _) => {
                        super::bills::parse_bill_lines(cx, b, &mut input, batches, cancel);
                    }
                    (None, Some(m)) => {
                        super::mapping::parse_mapped_lines(cx, m, &mut input, batches, cancel);
                    }
                    (None, None) => parse_lines(cx, &mut input, batches, cancel),
                }
                input.finish()
            })
            .map_err(|e| {
                super::service::invalid(
                    "file",
                    format!("could not be read: the system gave no thread to read it ({e})"),
                )
            })?;
        // Returning early drops `lines`: the reading thread stops at its next send.
        for item in lines.iter().flatten() {
            let (line, mut t, at, day, key, repeated, bill) = match item {
                Line::Row {
                    line,
                    txn,
                    at,
                    day,
                    key,
                    repeated,
                    bill,
                } => (line, txn, at, day, key, repeated, bill),
                Line::Bad {
                    line,
                    field,
                    message,
                } => {
                    out.push_error(line, field, message);
                    continue;
                }
                Line::Skipped { line, why } => {
                    out.add_skipped(line, why);
                    continue;
                }
                Line::At(byte) => {
                    if cancel.load(Ordering::Relaxed) {
                        return Ok(false);
                    }
                    if total_bytes > 0 {
                        #[allow(clippy::cast_precision_loss)]
                        progress(byte as f32 / total_bytes as f32);
                    }
                    continue;
                }
            };
            let converted = match rates.convert(conn, t.amount, t.currency, day) {
                Ok(c) => c,
                Err((field, e)) => {
                    let field = cx.bill.as_ref().map_or(field, |b| b.names.amount);
                    out.push_error(line, field, e);
                    continue;
                }
            };
            // What each line became, in the file's order: a card added since
            // the preview makes B3 choose another method.
            let method = t.method.map_or(0, |m| m.0.cast_unsigned());
            out.fingerprint =
                (out.fingerprint.rotate_left(5) ^ key ^ line ^ method.rotate_left(32))
                    .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
            if let Some(why) = checks.duplicate(cx, &out, &t, key, repeated, bill.as_ref())? {
                out.add_duplicate(line, why);
                continue;
            }
            let origin = cx.bill.as_ref().map(|c| Origin {
                provider: c.provider.id(),
                order_no: bill.as_ref().and_then(|b| b.order_no.clone()),
            });
            let (refund_of, method_note) =
                bill.map_or((None, None), |b| (b.refund_of, b.method_note));
            if let Some(of) = refund_of {
                let row = ImportRow {
                    line,
                    txn: t,
                    day,
                    converted,
                    origin,
                    method_note: None,
                };
                out.refunds.push(RefundRow {
                    line,
                    at: row.txn.at,
                    amount: row.txn.amount,
                    order_no: row.origin.as_ref().and_then(|o| o.order_no.clone()),
                    of,
                    linked: false,
                    row,
                });
                continue;
            }
            if let Some(o) = origin.as_ref().and_then(|o| o.order_no.as_deref()) {
                paid.insert(order_key(o));
            }
            if let Pass::Write {
                bulk,
                edits,
                excluded,
            } = &mut pass
                && out.error_total == 0
            {
                if excluded.contains(&line) {
                    checks.left_out.insert(key);
                } else {
                    if let Some(e) = edits.get(&line) {
                        e.apply(&mut t); // the type, destination or method: not the time
                    }
                    let origin = origin.as_ref().map(|o| (o.provider, o.order_no.as_deref()));
                    bulk.insert_at(&t, &at, day, &converted, origin)?;
                    out.written = out.written.map(|n| n + 1);
                }
            }
            out.add_row(ImportRow {
                line,
                txn: t,
                day,
                converted,
                origin,
                method_note,
            })?;
        }
        // Every byte read, too: a second reading must find the very file previewed.
        let bytes = reader.join().map_err(|_| {
            super::service::invalid("file", "could not be read: its reading stopped short")
        })?;
        out.fingerprint ^= bytes;
        Ok(!cancel.load(Ordering::Relaxed))
    })?;
    if !done {
        return Ok(Finished::Cancelled);
    }
    if let Some(b) = &cx.bill {
        link_refunds(conn, cx.account, b.provider.id(), &paid, &mut out.refunds)?;
    }
    progress(1.0);
    Ok(Finished::Done(out))
}

/// B5: a refund is linked when the payment it returns is in the file or stored.
fn link_refunds(
    conn: &Connection,
    account: AccountId,
    provider: &str,
    paid: &Keys,
    refunds: &mut [RefundRow],
) -> Result<()> {
    for r in refunds {
        r.linked = match &r.of {
            Some(o) => {
                paid.contains(&order_key(o)) || store::order_recorded(conn, account, provider, o)?
            }
            None => false,
        };
    }
    Ok(())
}

impl Wallet {
    /// What a reading of `detected` needs: the zone and clock, the account's
    /// methods (and, for a bill, its cards and the provider's mapping).
    pub(super) fn stream_context(
        &self,
        account: AccountId,
        detected: &Detected,
        keep_rows: Option<usize>,
    ) -> Result<Context> {
        let bill = match detected {
            Detected::Walletdesk => None,
            Detected::Bill { .. } => Some(BillCx::new(detected, &self.methods(account, false)?)?),
        };
        Ok(Context {
            account,
            tz: self.time_zone(),
            now: self.clock.now(),
            methods: self.methods(account, true)?.iter().map(|m| m.id).collect(),
            bill,
            mapping: None,
            keep_rows,
        })
    }
}
