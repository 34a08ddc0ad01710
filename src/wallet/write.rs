//! Writing an import, in one transaction after a backup (kept only when
//! something was written): a preview's rows
//! (`import_commit`), or a file read and written in the same pass (`tx import`,
//! and a large file's second reading, which must find the file previewed).

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;

use super::csv::{Finished, Opened, Opening, open_import};
use super::preview::{ImportPreview, ImportSource, KEPT_ROWS, Origin, ReadAs, RefundRow};
use super::service::{Error, Result, Wallet, invalid};
use super::stream::{Context, Pass, read_stream};
use crate::domain::AccountId;
use crate::domain::bills::mapping::CsvMapping;
use crate::domain::bills::{FormatChoice, Password};
use crate::store::{self, Bulk};

/// Why a second reading refused to write: the file is not the one previewed.
fn changed(path: &std::path::Path) -> Error {
    invalid(
        "file",
        format!(
            "{} changed since it was read; nothing was written. Read it again",
            path.display()
        ),
    )
}

/// Write a bill's refunds (B5), after its payments so each finds the payment
/// it returns; one stored since (the same provider, order number, time and
/// amount) is not written again. Returns how many were written.
fn write_refunds<'r>(
    tx: &Connection,
    account: AccountId,
    refunds: impl Iterator<Item = &'r RefundRow>,
    now: DateTime<FixedOffset>,
) -> Result<usize> {
    let mut written = 0;
    for f in refunds {
        let Some(o) = &f.row.origin else { continue };
        let exists = match &o.order_no {
            Some(no) => store::bill_exists(tx, account, o.provider, no, &f.row.txn, true)?,
            None => store::txn_exists(tx, account, &f.row.txn)?,
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
            tx,
            account,
            &f.row.txn,
            f.row.day,
            &f.row.converted,
            now,
            &of,
        )?;
        written += 1;
    }
    Ok(written)
}

impl Wallet {
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
        if !preview.holds_all() {
            return self.write_again(account, preview, progress, cancel);
        }
        let now = self.clock.now();
        let n = preview.chosen_count();
        if n == 0 {
            progress(1.0);
            return Ok(Finished::Done(0));
        }
        let backup = self.pending_backup(store::BackupReason::BeforeImport)?;
        let tx = self.store.transaction()?;
        let mut bulk = store::Bulk::new(&tx, account, now)?;
        let mut stored = store::Stored::new(&tx, account)?;
        let mut written = 0;
        for (i, r) in preview.chosen_rows().enumerate() {
            if i % 4096 == 0 {
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
                _ => stored.holds(&r.txn, false)?,
            };
            if exists {
                continue;
            }
            let origin = r
                .origin
                .as_ref()
                .map(|o| (o.provider, o.order_no.as_deref()));
            bulk.insert(&r.txn, r.day, &r.converted, origin)?;
            written += 1;
        }
        bulk.finish()?;
        drop(stored);
        // Refunds after the payments, so each finds the payment it returns (B5).
        written += write_refunds(&tx, account, preview.chosen_refunds(), now)?;
        tx.commit()?;
        if written > 0 {
            backup.keep();
        }
        progress(1.0);
        Ok(Finished::Done(written))
    }

    /// Read a file (`cx` says how) and write it in the same pass, in one
    /// transaction: committed only when no line has an error (then nothing is
    /// written, and the returned preview lists the errors). A bill's refunds are
    /// written after its payments. With `previewed`, the person's exclusions and
    /// changes apply, and the file must be the one that preview read.
    /// `described`: what the file was read as, when not `cx`'s format (a zip's).
    #[allow(clippy::too_many_arguments)]
    fn write_stream(
        &mut self,
        cx: &Context,
        input: impl Read + Send,
        total_bytes: u64,
        described: Option<String>,
        previewed: Option<(&ImportPreview, &std::path::Path)>,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<ImportPreview>> {
        let account = cx.account;
        let now = self.clock.now();
        let none = ImportPreview::default();
        let chosen = previewed.map_or(&none, |(p, _)| p);
        // Removed again unless something is written (a bill imported twice).
        let backup = self.pending_backup(store::BackupReason::BeforeImport)?;
        let tx = self.store.transaction()?;
        let mut bulk = Bulk::new(&tx, account, now)?;
        let pass = Pass::Write {
            bulk: &mut bulk,
            edits: &chosen.edits,
            excluded: &chosen.excluded,
        };
        // Dropping `tx` without commit rolls every row back.
        let read = read_stream(&tx, cx, input, total_bytes, pass, progress, cancel)?;
        let Finished::Done(mut out) = read else {
            return Ok(Finished::Cancelled);
        };
        if let Some(d) = described {
            out.format = d;
        }
        if out.error_total > 0 {
            out.written = Some(0); // the rows written before the first error are rolled back
            return Ok(Finished::Done(out));
        }
        let lines =
            |p: &ImportPreview| p.row_total + p.duplicate_total + p.refunds.len() + p.skipped_total;
        if let Some((p, path)) = previewed
            && (p.fingerprint != out.fingerprint || lines(p) != lines(&out))
        {
            return Err(changed(path));
        }
        bulk.finish()?;
        let refunds = out
            .refunds
            .iter()
            .filter(|r| !chosen.excluded.contains(&r.line));
        let n = write_refunds(&tx, account, refunds, now)?;
        out.written = out.written.map(|w| w + n);
        tx.commit()?;
        if out.written.is_some_and(|w| w > 0) {
            backup.keep();
        }
        Ok(Finished::Done(out))
    }

    /// Write an opened file in one pass (see [`Wallet::write_stream`]).
    fn write_opened(
        &mut self,
        account: AccountId,
        opened: Opened<'_>,
        previewed: Option<(&ImportPreview, &std::path::Path)>,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<ImportPreview>> {
        let cx = self.stream_context(account, &opened.detected, Some(KEPT_ROWS))?;
        let described = opened.packaging.map(|p| opened.detected.describe_packed(p));
        let Opened {
            input, total_bytes, ..
        } = opened;
        self.write_stream(
            &cx,
            input,
            total_bytes,
            described,
            previewed,
            progress,
            cancel,
        )
    }

    /// Write a preview whose rows were not all kept (a large file): its file
    /// is read again, and must be the same file.
    pub(super) fn write_again(
        &mut self,
        account: AccountId,
        preview: &ImportPreview,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<usize>> {
        let Some(source) = &preview.source else {
            return Err(invalid(
                "file",
                "this preview holds only part of its file, and does not say which file",
            ));
        };
        let path = &source.path;
        let (input, now) = ImportSource::open(path)?;
        if (now.len, now.modified) != (source.len, source.modified) {
            return Err(changed(path));
        }
        let previewed = Some((preview, path.as_path()));
        let out = match &preview.read_as {
            ReadAs::Format(format) => {
                let opened = match open_import(*format, input, source.len, None, cancel) {
                    Opening::Ready(o) => o,
                    Opening::Failed(_) => return Err(changed(path)),
                    Opening::Cancelled => return Ok(Finished::Cancelled),
                };
                self.write_opened(account, opened, previewed, progress, cancel)?
            }
            ReadAs::Mapping(m) => {
                let cx = self.mapped_context(account, m, Some(KEPT_ROWS))?;
                self.write_stream(&cx, input, source.len, None, previewed, progress, cancel)?
            }
        };
        Ok(match out {
            Finished::Done(p) if p.error_total > 0 => return Err(changed(path)),
            Finished::Done(p) => Finished::Done(p.written.unwrap_or(0)),
            Finished::Cancelled => Finished::Cancelled,
        })
    }

    /// Import a file in one go (`tx import`): read and written in a single
    /// pass, walletdesk's own CSV or a bill (memory stays flat whatever its
    /// size; a zip's or an XLSX's bill is unpacked in memory). One transaction,
    /// and nothing written when a line has an error (the preview lists them).
    #[allow(clippy::too_many_arguments)]
    pub fn import_file(
        &mut self,
        account: AccountId,
        format: FormatChoice,
        input: impl Read + Send,
        total_bytes: u64,
        password: Option<&Password>,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<ImportPreview>> {
        self.live_account(account)?;
        let opened = match open_import(format, input, total_bytes, password, cancel).ready() {
            Ok(o) => o,
            Err(end) => return Ok(end),
        };
        self.write_opened(account, opened, None, progress, cancel)
    }

    /// Import a CSV through `mapping` in one go (`tx import --format
    /// mapping:NAME`), as [`Wallet::import_file`]: read and written in a
    /// single pass, all rows or none.
    pub fn import_mapped(
        &mut self,
        account: AccountId,
        mapping: &CsvMapping,
        input: impl Read + Send,
        total_bytes: u64,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<ImportPreview>> {
        self.live_account(account)?;
        if let Some(out) = super::mapping::unusable(mapping) {
            return Ok(Finished::Done(out));
        }
        let cx = self.mapped_context(account, mapping, Some(KEPT_ROWS))?;
        self.write_stream(&cx, input, total_bytes, None, None, progress, cancel)
    }
}
