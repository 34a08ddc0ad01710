//! walletdesk's own CSV (the CLI contract, docs/cli.md): read an import into a preview, write
//! it in one transaction, export an account.

use std::collections::HashSet;

use chrono::NaiveDate;
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use super::preview::{ImportPreview, ImportRow, Origin};
use super::service::{Error, Result, Wallet, invalid};
use crate::domain::bills::{self, Detected, FormatChoice, Password};
use crate::domain::limits::local_day;
use crate::domain::money::{Converted, Currency};
use crate::domain::txn::TxnDraft;
use crate::domain::{AccountId, MethodId};
use crate::store;

/// The CSV header of `tx import` / `tx export` (docs/cli.md).
pub const CSV_HEADER: [&str; 9] = bills::WALLETDESK_HEADER;

/// How a long run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finished<T> {
    Done(T),
    Cancelled,
}

/// Reads CRLF line ends as LF, so the CSV reader's line numbers are the file's
/// (it counts a CRLF's `\n` as the start of the next record).
struct LfLines<R> {
    inner: R,
    /// A `\r` at the end of the last chunk, not yet known to precede `\n`.
    held_cr: bool,
}

impl<R: Read> LfLines<R> {
    fn new(inner: R) -> Self {
        LfLines {
            inner,
            held_cr: false,
        }
    }
}

impl<R: Read> Read for LfLines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.len() < 2 {
            return self.inner.read(buf);
        }
        let start = usize::from(self.held_cr);
        if self.held_cr {
            buf[0] = b'\r';
        }
        let n = self.inner.read(&mut buf[start..])?;
        let mut len = start + n;
        self.held_cr = false;
        if n > 0 && buf[len - 1] == b'\r' {
            self.held_cr = true;
            len -= 1;
        }
        let mut out = 0;
        for i in 0..len {
            let next_is_lf = buf.get(i + 1).is_some_and(|b| *b == b'\n') && i + 1 < len;
            if buf[i] == b'\r' && next_is_lf {
                continue;
            }
            buf[out] = buf[i];
            out += 1;
        }
        if out == 0 && self.held_cr && n == 0 {
            // End of input after a lone CR: give it back.
            self.held_cr = false;
            buf[0] = b'\r';
            return Ok(1);
        }
        if out == 0 && n > 0 {
            // Only a held CR this time: read on.
            return self.read(buf);
        }
        Ok(out)
    }
}

impl Wallet {
    /// Read a CSV (docs/cli.md) and say what importing it would do; writes nothing.
    /// `progress` gets the share of bytes read; `cancel` stops it.
    pub fn import_preview(
        &self,
        account: AccountId,
        input: impl Read,
        total_bytes: u64,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<ImportPreview>> {
        self.import_preview_as(
            account,
            FormatChoice::Auto,
            input,
            total_bytes,
            progress,
            cancel,
        )
    }

    /// As [`Wallet::import_preview`], read as `format`: walletdesk's own CSV, an
    /// Alipay or a WeChat Pay CSV bill (auto: detected from the first bytes).
    pub fn import_preview_as(
        &self,
        account: AccountId,
        format: FormatChoice,
        input: impl Read,
        total_bytes: u64,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<ImportPreview>> {
        self.import_preview_with(account, format, input, total_bytes, None, progress, cancel)
    }

    /// As [`Wallet::import_preview_as`], also reading a bill packed in a zip
    /// (opened with `password` when it is protected) or an XLSX (WeChat Pay's
    /// newer bill), in memory. A protected zip without its password, or with a
    /// wrong one, is an error about the field `password` ([`ImportPreview::needs_password`]).
    #[allow(clippy::too_many_arguments)]
    pub fn import_preview_with(
        &self,
        account: AccountId,
        format: FormatChoice,
        mut input: impl Read,
        total_bytes: u64,
        password: Option<&Password>,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<ImportPreview>> {
        self.live_account(account)?;
        let mut head = Vec::with_capacity(bills::HEAD_BYTES);
        if let Err(e) = (&mut input)
            .take(bills::HEAD_BYTES as u64)
            .read_to_end(&mut head)
        {
            let mut out = ImportPreview::default();
            out.push_error(1, "file", format!("file: could not be read: {e}"));
            return Ok(Finished::Done(out));
        }
        let mut total_bytes = total_bytes;
        let mut packaging = None;
        let mut input: Box<dyn Read + '_> = Box::new(input);
        if bills::packed::is_ole(&head) {
            let mut out = ImportPreview::default();
            out.push_error(
                1,
                "file",
                format!("file: {}", crate::words::excel_protected()),
            );
            return Ok(Finished::Done(out));
        }
        if bills::packed::is_zip(&head) {
            let failed = |field: &str, message: String| {
                let mut out = ImportPreview::default();
                out.push_error(1, field, message);
                Ok(Finished::Done(out))
            };
            let mut data = head;
            let room = (bills::packed::MAX_UNPACKED + 1).saturating_sub(data.len() as u64);
            if let Err(e) = input.take(room).read_to_end(&mut data) {
                return failed("file", format!("file: could not be read: {e}"));
            }
            if data.len() as u64 > bills::packed::MAX_UNPACKED {
                let limit = crate::words::bill_too_large(bills::packed::MAX_UNPACKED);
                return failed("file", format!("file: {limit}"));
            }
            if cancel.load(Ordering::Relaxed) {
                return Ok(Finished::Cancelled);
            }
            let mut unpacked = match super::packed::unpack(data, password) {
                Ok(u) => u,
                Err(e) => return failed(e.field, e.to_string()),
            };
            total_bytes = unpacked.bytes.len() as u64;
            let rest = unpacked
                .bytes
                .split_off(bills::HEAD_BYTES.min(unpacked.bytes.len()));
            head = unpacked.bytes;
            input = Box::new(std::io::Cursor::new(rest));
            packaging = Some(unpacked.packaging);
        }
        // An empty file: walletdesk's own import says what its first line must be.
        let empty = head.iter().all(u8::is_ascii_whitespace);
        let detected = if empty && format == FormatChoice::Auto {
            Ok(Detected::Walletdesk)
        } else {
            bills::detect(&head, format)
        };
        let described = match (&detected, packaging) {
            (Ok(d), Some(p)) => Some(d.describe_packed(p)),
            _ => None,
        };
        let read = match detected {
            Ok(Detected::Walletdesk) => self.walletdesk_preview(
                account,
                std::io::Cursor::new(head).chain(input),
                total_bytes,
                progress,
                cancel,
            ),
            Ok(d) => self.bill_preview(account, &d, head, input, total_bytes, progress, cancel),
            Err(e) => {
                let mut out = ImportPreview::default();
                out.push_error(1, e.field, e.to_string());
                Ok(Finished::Done(out))
            }
        };
        // Say it was an XLSX, or came out of a zip.
        match (read, described) {
            (Ok(Finished::Done(mut p)), Some(d)) => {
                p.format = d;
                Ok(Finished::Done(p))
            }
            (read, _) => read,
        }
    }

    /// walletdesk's own CSV (docs/cli.md).
    #[allow(clippy::too_many_lines)]
    fn walletdesk_preview(
        &self,
        account: AccountId,
        input: impl Read,
        total_bytes: u64,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<ImportPreview>> {
        let tz = self.time_zone();
        let now = self.clock.now();
        let methods: HashSet<MethodId> =
            self.methods(account, true)?.iter().map(|m| m.id).collect();
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(LfLines::new(input));
        let mut out = ImportPreview {
            format: Detected::Walletdesk.describe(),
            ..ImportPreview::default()
        };
        let mut seen: HashSet<(i64, String, String, String)> = HashSet::new();
        let mut rate_cache: std::collections::HashMap<(Currency, NaiveDate), Vec<Converted>> =
            std::collections::HashMap::new();
        let mut record = csv::StringRecord::new();
        let mut header_done = false;
        loop {
            match rdr.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map_or(0, csv::Position::line);
                    out.push_error(line, "file", format!("not valid CSV: {e}"));
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        break;
                    }
                    continue;
                }
            }
            let line = record.position().map_or(0, csv::Position::line);
            if out.rows.len().is_multiple_of(2048) {
                if cancel.load(Ordering::Relaxed) {
                    return Ok(Finished::Cancelled);
                }
                if total_bytes > 0 {
                    #[allow(clippy::cast_precision_loss)]
                    progress(rdr.position().byte() as f32 / total_bytes as f32);
                }
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
                    out.push_error(
                        line,
                        "header",
                        format!(
                            "the header must be {} (found {})",
                            CSV_HEADER.join(","),
                            fields.join(",")
                        ),
                    );
                    break;
                }
                continue;
            }
            if record.len() == 1 && record.get(0).is_some_and(|f| f.trim().is_empty()) {
                continue;
            }
            if record.len() != CSV_HEADER.len() {
                out.push_error(
                    line,
                    "line",
                    format!(
                        "{}; expected {} ({})",
                        crate::words::count(record.len(), "column", "columns"),
                        CSV_HEADER.len(),
                        CSV_HEADER.join(",")
                    ),
                );
                continue;
            }
            let get = |i: usize| record.get(i).unwrap_or("").to_owned();
            let draft = TxnDraft {
                at: get(0),
                amount: get(1),
                currency: get(2),
                ty: get(3),
                to: get(4),
                method: get(5),
                counterparty: get(6),
                note: get(7),
                fx_exempt: get(8),
            };
            if draft.at.trim().is_empty() {
                out.push_error(line, "at", "at: required".into());
                continue;
            }
            let t = match draft.validate(now, tz) {
                Ok(t) => t,
                Err(e) => {
                    let msg: Vec<String> = e.0.iter().map(ToString::to_string).collect();
                    let field = e.0.first().map_or("line", |f| f.field);
                    out.push_error(line, field, msg.join("; "));
                    continue;
                }
            };
            if let Some(m) = t.method
                && !methods.contains(&m)
            {
                out.push_error(
                    line,
                    "method",
                    format!("method: {m} is no method of this account"),
                );
                continue;
            }
            let day = local_day(t.at, tz);
            let converted = match rate_cache.get(&(t.currency, day)) {
                Some(per_unit) => {
                    match per_unit
                        .iter()
                        .map(|c| c.scaled("amount", t.amount))
                        .collect::<std::result::Result<Vec<_>, _>>()
                    {
                        Ok(c) => c,
                        Err(e) => {
                            out.push_error(line, "amount", e.to_string());
                            continue;
                        }
                    }
                }
                None => match self.convert(t.amount, t.currency, day) {
                    Ok(c) => {
                        rate_cache.insert((t.currency, day), c.clone());
                        c
                    }
                    Err(e) => {
                        out.push_error(line, "currency", e.to_string());
                        continue;
                    }
                },
            };
            let key = (
                t.at.timestamp(),
                t.amount.to_string(),
                t.currency.to_string(),
                t.counterparty.clone(),
            );
            if !seen.insert(key) {
                out.duplicates
                    .push((line, "repeats an earlier line of the file".into()));
                continue;
            }
            if store::txn_exists(self.store.conn(), account, &t)? {
                out.duplicates.push((
                    line,
                    "already recorded (same time, amount and counterparty)".into(),
                ));
                continue;
            }
            match out.totals.iter_mut().find(|(c, _)| *c == t.currency) {
                Some((_, sum)) => *sum += t.amount,
                None => out.totals.push((t.currency, t.amount)),
            }
            out.rows.push(ImportRow {
                line,
                txn: t,
                day,
                converted,
                origin: None,
                method_note: None,
            });
        }
        if !header_done {
            out.push_error(
                1,
                "file",
                format!(
                    "the file is empty; the first line must be {}",
                    CSV_HEADER.join(",")
                ),
            );
        }
        progress(1.0);
        Ok(Finished::Done(out))
    }

    /// Write a preview's rows in one transaction: all or none (after a backup).
    /// Refused while the preview has errors. Returns how many were written: rows
    /// another import wrote since the preview are skipped as duplicates.
    pub fn import_commit(
        &mut self,
        account: AccountId,
        preview: &ImportPreview,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<usize>> {
        if let Some((line, e)) = preview.errors.first() {
            return Err(invalid(
                "file",
                format!(
                    "line {line}: {e} ({} in all; nothing was written)",
                    crate::words::count(preview.errors.len(), "error", "errors")
                ),
            ));
        }
        let now = self.clock.now();
        let n = preview.chosen_count();
        if n > 0 {
            self.backup_before(store::BackupReason::BeforeImport)?;
        }
        let tx = self.store.transaction()?;
        let mut written = 0;
        for (i, r) in preview.chosen_rows().enumerate() {
            if i % 2048 == 0 {
                if cancel.load(Ordering::Relaxed) {
                    // Dropping the transaction rolls every row back.
                    return Ok(Finished::Cancelled);
                }
                #[allow(clippy::cast_precision_loss)]
                progress(i as f32 / n.max(1) as f32);
            }
            // Checked again under the write lock: another import of the same
            // rows since the preview must not double them.
            let exists = match &r.origin {
                Some(Origin {
                    provider,
                    order_no: Some(o),
                }) => store::bill_exists(&tx, account, provider, o, &r.txn, false)?,
                _ => store::txn_exists(&tx, account, &r.txn)?,
            };
            if exists {
                continue;
            }
            let id = store::insert_txn(&tx, account, &r.txn, r.day, &r.converted, now)?;
            if let Some(o) = &r.origin {
                store::set_txn_origin(&tx, id, o.provider, o.order_no.as_deref())?;
            }
            written += 1;
        }
        // Refunds after the payments, so each finds the payment it returns (B5).
        for f in preview.chosen_refunds() {
            let Some(o) = &f.row.origin else { continue };
            let exists = match &o.order_no {
                Some(no) => store::bill_exists(&tx, account, o.provider, no, &f.row.txn, true)?,
                None => store::txn_exists(&tx, account, &f.row.txn)?,
            };
            if exists {
                continue;
            }
            let of = store::RefundOf {
                provider: o.provider,
                order_no: o.order_no.as_deref(),
                of_order: f.of.as_deref(),
            };
            store::insert_refund(
                &tx,
                account,
                &f.row.txn,
                f.row.day,
                &f.row.converted,
                now,
                &of,
            )?;
            written += 1;
        }
        tx.commit()?;
        progress(1.0);
        Ok(Finished::Done(written))
    }

    /// Where an export of `account` goes unless the person says otherwise: the
    /// home folder.
    pub fn suggested_export_path(&self, account: AccountId) -> std::path::PathBuf {
        std::env::var_os("HOME")
            .map(std::path::PathBuf::from)
            .unwrap_or_default()
            .join(format!("walletdesk-account-{account}.csv"))
    }

    /// Write an account's transactions as CSV, oldest first; returns the count.
    pub fn export_csv(&self, account: AccountId, out: impl Write) -> Result<usize> {
        self.account(account)?;
        let mut w = csv::Writer::from_writer(out);
        let io = |e: csv::Error| {
            Error::Write(match e.into_kind() {
                csv::ErrorKind::Io(e) => e,
                other => std::io::Error::other(format!("{other:?}")),
            })
        };
        w.write_record(CSV_HEADER).map_err(io)?;
        let mut n = 0;
        let mut failure = None;
        store::for_each_txn(self.store.conn(), account, |t| {
            let d = t.new.to_draft();
            let rec = [
                &d.at,
                &d.amount,
                &d.currency,
                &d.ty,
                &d.to,
                &d.method,
                &d.counterparty,
                &d.note,
                &d.fx_exempt,
            ];
            match w.write_record(rec) {
                Ok(()) => {
                    n += 1;
                    true
                }
                Err(e) => {
                    failure = Some(e);
                    false
                }
            }
        })?;
        if let Some(e) = failure {
            return Err(io(e));
        }
        w.flush().map_err(|e| io(e.into()))?;
        Ok(n)
    }
}
