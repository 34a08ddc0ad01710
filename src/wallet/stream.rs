//! walletdesk's own CSV read as a stream: each line is checked, converted and
//! either counted for the preview (a large file's first rows kept for its table)
//! or written at once, in the caller's transaction. Memory stays flat whatever
//! the file's size: what is kept per row is an 8-byte key for the in-file
//! duplicate check.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{SyncSender, sync_channel};

use chrono::NaiveDate;

use chrono_tz::Tz;
use rusqlite::Connection;

use super::csv::{CSV_HEADER, Finished, LfLines};
use super::preview::{ImportPreview, ImportRow, ImportSource, KEPT_ROWS, RowEdit};
use super::rates::DayRates;
use super::service::{Result, Wallet};
use crate::domain::AccountId;
use crate::domain::MethodId;
use crate::domain::bills::{self, Detected, FormatChoice, Password};
use crate::domain::limits::local_day;
use crate::domain::txn::{NewTxn, TxnDraft};
use crate::store::{self, Bulk, Stored};

/// What a reading needs to know of the wallet, taken before it starts (a
/// writing reading holds the write transaction).
pub(super) struct Context {
    pub account: AccountId,
    pub tz: Tz,
    pub now: chrono::DateTime<chrono::FixedOffset>,
    /// The account's methods, archived too: a line may name any of them.
    pub methods: HashSet<MethodId>,
}

/// What the reading does with each good line.
pub(super) enum Pass<'a, 'c> {
    /// Count it, keep the first rows: nothing is written.
    Preview,
    /// Write it (the person's exclusions and changes applied by line).
    Write {
        bulk: &'a mut Bulk<'c>,
        edits: &'a BTreeMap<u64, RowEdit>,
        excluded: &'a BTreeSet<u64>,
    },
}

/// A payment's identity for the duplicate check (time, amount as written,
/// currency, counterparty), as 64 bits. Two keys that are equal here are
/// checked against the table before a row is skipped as a repeat, so a
/// collision can never drop a payment.
fn key_of(t: &NewTxn) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    t.at.timestamp().hash(&mut h);
    t.amount.mantissa().hash(&mut h);
    t.amount.scale().hash(&mut h);
    t.currency.as_str().hash(&mut h);
    t.counterparty.hash(&mut h);
    h.finish()
}

/// Keys seen: [`key_of`]'s hashes, hashed again cheaply.
type Keys = HashSet<u64, store::QuickHash>;

/// What the reading thread makes of the file, in its order.
enum Line {
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
    },
    /// A line that cannot be imported: the field and what is wrong with it.
    Bad {
        line: u64,
        field: &'static str,
        message: String,
    },
    /// How far into the file the reading is (bytes), every 4,096 lines.
    At(u64),
}

/// Lines sent to the writing side at a time.
const BATCH: usize = 1024;

/// The reading side: parse and check each line of `input`, send what it makes
/// of them in batches. Stops at the end, at a wrong header, when `cancel` is
/// set, or when the other side stops listening.
fn parse_lines(cx: &Context, input: impl Read, send: &SyncSender<Vec<Line>>, cancel: &AtomicBool) {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(256 * 1024)
        .from_reader(LfLines::new(input));
    let mut batch = Vec::with_capacity(BATCH);
    let put = |batch: &mut Vec<Line>, item: Line| {
        batch.push(item);
        batch.len() < BATCH
            || send
                .send(std::mem::replace(batch, Vec::with_capacity(BATCH)))
                .is_ok()
    };
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
                if !put(&mut batch, bad(line, "file", format!("not valid CSV: {e}"))) || io {
                    break;
                }
                continue;
            }
        }
        let line = record.position().map_or(0, csv::Position::line);
        lines += 1;
        if lines.is_multiple_of(4096)
            && (cancel.load(Ordering::Relaxed) || !put(&mut batch, Line::At(rdr.position().byte())))
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
                put(&mut batch, bad(line, "header", message));
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
                crate::words::count(record.len(), "column", "columns"),
                CSV_HEADER.len(),
                CSV_HEADER.join(",")
            );
            bad(line, "line", message)
        };
        if !put(&mut batch, item) {
            return;
        }
    }
    if !header_done {
        let message = format!(
            "the file is empty; the first line must be {}",
            CSV_HEADER.join(",")
        );
        batch.push(bad(1, "file", message));
    }
    let _ = send.send(batch);
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
    }
}

/// Read walletdesk's own CSV (docs/cli.md) from `input`. A second thread
/// parses and checks the lines while this one converts, looks for repeats and
/// writes (both halves take about as long).
pub(super) fn read_walletdesk(
    conn: &Connection,
    cx: &Context,
    input: impl Read + Send,
    total_bytes: u64,
    mut pass: Pass<'_, '_>,
    progress: &mut dyn FnMut(f32),
    cancel: &AtomicBool,
) -> Result<Finished<ImportPreview>> {
    let mut out = ImportPreview {
        format: Detected::Walletdesk.describe(),
        keep_rows: Some(KEPT_ROWS),
        written: matches!(pass, Pass::Write { .. }).then_some(0),
        ..ImportPreview::default()
    };
    let mut stored = Stored::new(conn, cx.account)?;
    // Keys of lines left out by the person: a later repeat of one is still a repeat.
    let mut left_out = Keys::default();
    let mut rates = DayRates::default();
    std::thread::scope(|scope| {
        let (send, lines) = sync_channel(4);
        std::thread::Builder::new()
            .name("import-read".into())
            .spawn_scoped(scope, move || parse_lines(cx, input, &send, cancel))
            .map_err(|e| {
                super::service::invalid(
                    "file",
                    format!("could not be read: the system gave no thread to read it ({e})"),
                )
            })?;
        // Returning early drops `lines`: the reading thread stops at its next send.
        for item in lines.iter().flatten() {
            let (line, mut t, at, day, key, repeated) = match item {
                Line::Row {
                    line,
                    txn,
                    at,
                    day,
                    key,
                    repeated,
                } => (line, txn, at, day, key, repeated),
                Line::Bad {
                    line,
                    field,
                    message,
                } => {
                    out.push_error(line, field, message);
                    continue;
                }
                Line::At(byte) => {
                    if cancel.load(Ordering::Relaxed) {
                        return Ok(Finished::Cancelled);
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
                    out.push_error(line, field, e);
                    continue;
                }
            };
            out.fingerprint = out.fingerprint.wrapping_add(key);
            // Only a writing reading can tell a repeat for sure (the earlier line is
            // in the table by now); a preview trusts the 64-bit key.
            let writing = matches!(pass, Pass::Write { .. });
            if repeated && (!writing || left_out.contains(&key) || stored.holds(&t, true)?) {
                out.add_duplicate(line, "repeats an earlier line of the file".into());
                continue;
            }
            if !repeated && stored.holds(&t, false)? {
                out.add_duplicate(
                    line,
                    "already recorded (same time, amount and counterparty)".into(),
                );
                continue;
            }
            if let Pass::Write {
                bulk,
                edits,
                excluded,
            } = &mut pass
                && out.error_total == 0
            {
                if excluded.contains(&line) {
                    left_out.insert(key);
                } else {
                    if let Some(e) = edits.get(&line) {
                        e.apply(&mut t); // the type, destination or method: not the time
                    }
                    bulk.insert_at(&t, &at, day, &converted, None)?;
                    out.written = out.written.map(|n| n + 1);
                }
            }
            out.add_row(ImportRow::plain(line, t, day, converted))?;
        }
        if cancel.load(Ordering::Relaxed) {
            return Ok(Finished::Cancelled);
        }
        progress(1.0);
        Ok(Finished::Done(out))
    })
}

/// Why a second reading refused to write: the file is not the one previewed.
fn changed(path: &std::path::Path) -> super::service::Error {
    super::service::invalid(
        "file",
        format!(
            "{} changed since it was read; nothing was written. Read it again",
            path.display()
        ),
    )
}

impl Wallet {
    pub(super) fn stream_context(&self, account: AccountId) -> Result<Context> {
        Ok(Context {
            account,
            tz: self.time_zone(),
            now: self.clock.now(),
            methods: self.methods(account, true)?.iter().map(|m| m.id).collect(),
        })
    }

    /// Read walletdesk's own CSV and write it in the same pass, in one
    /// transaction: committed only when no line has an error (then nothing is
    /// written, and the returned preview lists the errors). With `previewed`, the
    /// person's exclusions and changes apply, and the file must be the one that
    /// preview read.
    pub(super) fn write_walletdesk(
        &mut self,
        account: AccountId,
        input: impl Read + Send,
        total_bytes: u64,
        previewed: Option<(&ImportPreview, &std::path::Path)>,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<ImportPreview>> {
        let cx = self.stream_context(account)?;
        let now = self.clock.now();
        let no_edits = BTreeMap::new();
        let no_exclusions = BTreeSet::new();
        let (edits, excluded) = previewed.map_or((&no_edits, &no_exclusions), |(p, _)| {
            (&p.edits, &p.excluded)
        });
        let tx = self.store.transaction()?;
        let mut bulk = Bulk::new(&tx, account, now)?;
        let pass = Pass::Write {
            bulk: &mut bulk,
            edits,
            excluded,
        };
        // Dropping `tx` without commit rolls every row back.
        let Finished::Done(out) =
            read_walletdesk(&tx, &cx, input, total_bytes, pass, progress, cancel)?
        else {
            return Ok(Finished::Cancelled);
        };
        if out.error_total > 0 {
            return Ok(Finished::Done(out));
        }
        if let Some((p, path)) = previewed
            && (p.fingerprint != out.fingerprint
                || p.row_total + p.duplicate_total != out.row_total + out.duplicate_total)
        {
            return Err(changed(path));
        }
        bulk.finish()?;
        tx.commit()?;
        Ok(Finished::Done(out))
    }

    /// Write a preview whose rows were not all kept (a large walletdesk CSV):
    /// its file is read again, and must be the same file.
    pub(super) fn write_again(
        &mut self,
        account: AccountId,
        preview: &ImportPreview,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<usize>> {
        let Some(source) = &preview.source else {
            return Err(super::service::invalid(
                "file",
                "this preview holds only part of its file, and does not say which file",
            ));
        };
        let path = &source.path;
        let (input, now) = ImportSource::open(path)?;
        if (now.len, now.modified) != (source.len, source.modified) {
            return Err(changed(path));
        }
        self.backup_before(store::BackupReason::BeforeImport)?;
        let out = self.write_walletdesk(
            account,
            input,
            source.len,
            Some((preview, path)),
            progress,
            cancel,
        )?;
        Ok(match out {
            Finished::Done(p) if p.error_total > 0 => return Err(changed(path)),
            Finished::Done(p) => Finished::Done(p.written.unwrap_or(0)),
            Finished::Cancelled => Finished::Cancelled,
        })
    }

    /// Import a file in one go (`tx import`): walletdesk's own CSV is read and
    /// written in a single pass (memory stays flat whatever its size); a bill or
    /// a zip is previewed and then written. Either way one transaction, and
    /// nothing written when a line has an error (the preview lists them).
    #[allow(clippy::too_many_arguments)]
    pub fn import_file(
        &mut self,
        account: AccountId,
        format: FormatChoice,
        mut input: impl Read + Send,
        total_bytes: u64,
        password: Option<&Password>,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<ImportPreview>> {
        self.live_account(account)?;
        let mut head = Vec::with_capacity(bills::HEAD_BYTES);
        let read = (&mut input)
            .take(bills::HEAD_BYTES as u64)
            .read_to_end(&mut head);
        let input = std::io::Cursor::new(head.clone()).chain(input);
        let packed = bills::packed::is_zip(&head) || bills::packed::is_ole(&head);
        let blank = head.iter().all(u8::is_ascii_whitespace);
        let own = read.is_ok()
            && !packed
            && !blank
            && match format {
                FormatChoice::Walletdesk => true,
                FormatChoice::Auto => {
                    matches!(bills::detect(&head, format), Ok(Detected::Walletdesk))
                }
                _ => false,
            };
        if own {
            self.backup_before(store::BackupReason::BeforeImport)?;
            return self.write_walletdesk(account, input, total_bytes, None, progress, cancel);
        }
        let Finished::Done(mut p) = self.import_preview_with(
            account,
            format,
            input,
            total_bytes,
            password,
            progress,
            cancel,
        )?
        else {
            return Ok(Finished::Cancelled);
        };
        if p.error_total > 0 {
            return Ok(Finished::Done(p));
        }
        match self.import_commit(account, &p, progress, cancel)? {
            Finished::Done(n) => p.written = Some(n),
            Finished::Cancelled => return Ok(Finished::Cancelled),
        }
        Ok(Finished::Done(p))
    }
}
