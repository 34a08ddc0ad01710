//! What an import would do, before anything is written: the rows to write, the
//! refunds, the rows skipped and why, the errors; and a person's changes to it
//! (a row's type, destination or method, or leaving it out).

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;

use super::service::{Result, Wallet, invalid};
use crate::domain::bills::FormatChoice;
use crate::domain::bills::mapping::CsvMapping;
use crate::domain::limits::{Destination, TxType};
use crate::domain::money::{Converted, Currency};
use crate::domain::txn::NewTxn;
use crate::domain::{AccountId, MethodId};
use crate::words;

/// Where an imported bill's row came from (B4: duplicates are per provider and order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// `alipay`, `wechat-pay`.
    pub provider: &'static str,
    /// The provider's order number, trimmed of tabs and spaces.
    pub order_no: Option<String>,
}

/// A refund found in a bill (B5): listed, not written as a payment.
#[derive(Debug, Clone)]
pub struct RefundRow {
    pub line: u64,
    pub at: DateTime<FixedOffset>,
    /// CNY.
    pub amount: Decimal,
    pub order_no: Option<String>,
    /// The order number of the payment it returns, where the file says.
    pub of: Option<String>,
    /// That payment is recorded (or is in this file).
    pub linked: bool,
    /// The refund's own row to write (B5, Q9: marked, out of the limits' totals).
    pub row: ImportRow,
}
/// One line of an import that will be written.
#[derive(Debug, Clone)]
pub struct ImportRow {
    pub line: u64,
    pub txn: NewTxn,
    pub day: NaiveDate,
    pub converted: Vec<Converted>,
    /// A provider's bill row: its provider and order number.
    pub origin: Option<Origin>,
    /// B3: why no method was set (a balance, no card, two cards with those digits).
    pub method_note: Option<String>,
}

/// What an import would do, before anything is written.
#[derive(Debug, Clone, Default)]
pub struct ImportPreview {
    pub rows: Vec<ImportRow>,
    /// (line, why) of rows already stored or repeated in the file: skipped.
    pub duplicates: Vec<(u64, String)>,
    /// (line, what is wrong): any error means nothing is written.
    pub errors: Vec<(u64, String)>,
    /// Per currency, the total of the rows to write.
    pub totals: Vec<(Currency, Decimal)>,
    /// What the file was read as: "Alipay CSV (header of 2023-02, GBK)".
    pub format: String,
    /// The field each of `errors` is about (same order): a column or `file`, `line`.
    pub error_fields: Vec<String>,
    /// (line, why) of a bill's rows that are not payments (B1): not written.
    pub skipped: Vec<(u64, String)>,
    /// A bill's refunds (B5).
    pub refunds: Vec<RefundRow>,
    /// Lines of `rows` and `refunds` the person chose not to write.
    pub excluded: BTreeSet<u64>,
    /// How many payments the file holds to write: `rows` keeps the first
    /// [`KEPT_ROWS`] of a large file, which is read again to write it.
    pub row_total: usize,
    /// How many duplicates, errors and skipped rows in all (the lists keep the
    /// first [`KEPT_LINES`] of each).
    pub duplicate_total: usize,
    pub error_total: usize,
    pub skipped_total: usize,
    /// Rows kept in `rows`: unlimited unless the file can be read again.
    pub(super) keep_rows: Option<usize>,
    /// Per currency, the total of every row (before the person's exclusions).
    pub(super) base_totals: Vec<(Currency, Decimal)>,
    /// The person's changes by line, for rows written from a second reading.
    pub(super) edits: std::collections::BTreeMap<u64, RowEdit>,
    /// The file, for a second reading (set when `rows` does not hold them all).
    pub(super) source: Option<ImportSource>,
    /// A hash of every byte read, and of every row's, refund's and duplicate's
    /// key, line and chosen method in the file's order: the second reading
    /// must find the same file, read the same way.
    pub(super) fingerprint: u64,
    /// Rows written, when the reading also wrote (`tx import`).
    pub written: Option<usize>,
    /// How the file was read, for a second reading.
    pub(super) read_as: ReadAs,
}

/// How an import's file is read: as a format (detected, or the one the person
/// chose), or through a column mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ReadAs {
    Format(FormatChoice),
    Mapping(Box<CsvMapping>),
}

impl Default for ReadAs {
    fn default() -> Self {
        ReadAs::Format(FormatChoice::Auto)
    }
}

/// A large file read again when it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSource {
    pub path: std::path::PathBuf,
    pub len: u64,
    pub modified: Option<std::time::SystemTime>,
}

impl ImportSource {
    /// Open `path` to read an import from, buffered, with what identifies the
    /// file (its length and time) for a second reading.
    pub(super) fn open(path: &std::path::Path) -> Result<(impl std::io::Read, ImportSource)> {
        let file = std::fs::File::open(path)
            .map_err(|e| invalid("file", format!("{}: {e}", path.display())))?;
        let meta = file.metadata().ok();
        let source = ImportSource {
            path: path.to_owned(),
            len: meta.as_ref().map_or(0, std::fs::Metadata::len),
            modified: meta.and_then(|m| m.modified().ok()),
        };
        Ok((std::io::BufReader::with_capacity(256 * 1024, file), source))
    }
}

/// A person's change to a row, by line, applied when the file is read again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowEdit {
    pub ty: Option<TxType>,
    pub to: Option<Destination>,
    pub method: Option<Option<MethodId>>,
}

impl RowEdit {
    pub fn apply(&self, t: &mut NewTxn) {
        if let Some(ty) = self.ty {
            t.ty = ty;
        }
        if let Some(to) = self.to {
            t.to = to;
        }
        if let Some(m) = self.method {
            t.method = m;
        }
    }
}

/// Rows of a large file kept for the preview's table (the rest are
/// counted, and read again from the file when written).
pub const KEPT_ROWS: usize = 10_000;
/// Duplicates, errors and skipped rows listed (all are counted).
pub const KEPT_LINES: usize = 1_000;

fn add_to(to: &mut Vec<(Currency, Decimal)>, c: Currency, a: Decimal, sign: bool) -> Result<()> {
    match to.iter_mut().find(|(k, _)| *k == c) {
        Some((_, sum)) => {
            let next = if sign {
                sum.checked_add(a)
            } else {
                sum.checked_sub(a)
            };
            *sum = next.ok_or_else(|| invalid("amount", "the total is too large to add up"))?;
        }
        None => to.push((c, if sign { a } else { -a })),
    }
    Ok(())
}

/// A person's change to one row of a preview before it is written: B2's type and
/// destination, B3's method, or whether the row is written at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowChange {
    Type(TxType),
    To(Destination),
    Method(Option<MethodId>),
    Include(bool),
}

impl ImportPreview {
    /// The payments that will be written (the person's exclusions left out).
    pub fn chosen_rows(&self) -> impl Iterator<Item = &ImportRow> {
        self.rows
            .iter()
            .filter(|r| !self.excluded.contains(&r.line))
    }

    /// The refunds that will be written.
    pub fn chosen_refunds(&self) -> impl Iterator<Item = &RefundRow> {
        self.refunds
            .iter()
            .filter(|r| !self.excluded.contains(&r.line))
    }

    /// How many payments will be written (the person's exclusions left out).
    pub fn chosen_payments(&self) -> usize {
        let left_out = self.rows.iter().filter(|r| self.excluded.contains(&r.line));
        self.row_total.saturating_sub(left_out.count())
    }

    /// How many rows (payments and refunds) will be written.
    pub fn chosen_count(&self) -> usize {
        self.chosen_payments() + self.chosen_refunds().count()
    }

    /// `rows` holds every payment to write (the file need not be read again).
    pub fn holds_all(&self) -> bool {
        self.rows.len() == self.row_total
    }

    /// A payment to write: counted and added to the totals, kept while there is room.
    pub(super) fn add_row(&mut self, row: ImportRow) -> Result<()> {
        add_to(
            &mut self.base_totals,
            row.txn.currency,
            row.txn.amount,
            true,
        )?;
        add_to(&mut self.totals, row.txn.currency, row.txn.amount, true)?;
        self.row_total += 1;
        if self.keep_rows.is_none_or(|k| self.rows.len() < k) {
            self.rows.push(row);
        }
        Ok(())
    }

    /// A row already stored or repeated in the file: skipped.
    pub(super) fn add_duplicate(&mut self, line: u64, why: String) {
        self.duplicate_total += 1;
        if self.duplicates.len() < KEPT_LINES {
            self.duplicates.push((line, why));
        }
    }

    /// A bill's row that is not a payment (B1).
    pub(super) fn add_skipped(&mut self, line: u64, why: String) {
        self.skipped_total += 1;
        if self.skipped.len() < KEPT_LINES {
            self.skipped.push((line, why));
        }
    }

    /// Per currency, the total of the chosen payments: every row's, less the
    /// rows left out (always rows of `rows`: only those can be chosen).
    fn recount(&mut self) -> Result<()> {
        let mut totals = self.base_totals.clone();
        for r in self.rows.iter().filter(|r| self.excluded.contains(&r.line)) {
            add_to(&mut totals, r.txn.currency, r.txn.amount, false)?;
        }
        self.totals = totals;
        Ok(())
    }

    /// An error about `field` at `line`; `message` as people read it.
    pub(super) fn push_error(&mut self, line: u64, field: &str, message: String) {
        self.error_total += 1;
        if self.errors.len() >= KEPT_LINES {
            return;
        }
        self.errors.push((line, message));
        self.error_fields.push(field.to_owned());
    }

    /// The file is a protected zip and the password is missing or wrong: the
    /// window shows a password field and reads it again with
    /// [`Wallet::start_import_preview_with`].
    pub fn needs_password(&self) -> bool {
        self.error_fields.iter().any(|f| f == "password")
    }

    /// The field and the problem of error `i` (the message without its field prefix).
    pub fn error_parts(&self, i: usize) -> (&str, &str) {
        let field = self.error_fields.get(i).map_or("file", String::as_str);
        let msg = self.errors.get(i).map_or("", |e| e.1.as_str());
        let problem = msg
            .strip_prefix(field)
            .and_then(|m| m.strip_prefix(": "))
            .unwrap_or(msg);
        (field, problem)
    }
}

impl Wallet {
    /// Change one row of `preview` before it is written (the window's preview
    /// table): its type, destination or method, or whether it is written. A
    /// method must be one of this account's that can pay; the totals follow.
    pub fn import_change(
        &self,
        account: AccountId,
        preview: &mut ImportPreview,
        line: u64,
        change: RowChange,
    ) -> Result<()> {
        let is_refund = preview.refunds.iter().any(|r| r.line == line);
        let row = preview.rows.iter_mut().find(|r| r.line == line);
        if row.is_none() && !is_refund {
            return Err(invalid(
                "line",
                format!("line {line} is not a row this import would write"),
            ));
        }
        match (change, row) {
            (RowChange::Include(yes), _) => {
                if yes {
                    preview.excluded.remove(&line);
                } else {
                    preview.excluded.insert(line);
                }
            }
            (_, None) => {
                return Err(invalid(
                    "line",
                    format!("line {line} is a refund: it can be left out, not changed"),
                ));
            }
            (RowChange::Type(ty), Some(r)) => {
                r.txn.ty = ty;
                preview.edits.entry(line).or_default().ty = Some(ty);
            }
            (RowChange::To(to), Some(r)) => {
                r.txn.to = to;
                preview.edits.entry(line).or_default().to = Some(to);
            }
            (RowChange::Method(None), Some(r)) => {
                r.txn.method = None;
                r.method_note = None;
                preview.edits.entry(line).or_default().method = Some(None);
            }
            (RowChange::Method(Some(id)), Some(r)) => {
                let usable = self
                    .methods(account, false)?
                    .into_iter()
                    .find(|m| m.id == id)
                    .ok_or_else(|| {
                        invalid(
                            "method",
                            format!("method {id} is not linked to this account"),
                        )
                    })?;
                if let Some(why) = crate::domain::txn::cannot_pay(usable.status) {
                    return Err(invalid("method", words::not_offered(&usable.title(), why)));
                }
                r.txn.method = Some(id);
                r.method_note = None;
                preview.edits.entry(line).or_default().method = Some(Some(id));
            }
        }
        preview.recount()
    }
}
