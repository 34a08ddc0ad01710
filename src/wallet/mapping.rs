//! Any other CSV (a bank's statement) read through a column mapping saved by
//! name: save, list, forget; a file read with one as a stream, into the same
//! preview → write job as the other formats (B4 by time, amount and
//! counterparty, re-checked in the writing transaction); the first lines of a
//! file for the mapping screen.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use super::bills::TextLines;
use super::csv::Finished;
use super::jobs::Job;
use super::preview::{ImportPreview, ImportSource, KEPT_ROWS, ReadAs};
use super::service::{Result, Wallet, invalid};
use super::stream::{Batches, Context, FirstLines, Line, Pass, read_stream};
use crate::domain::bills::mapping::{CsvMapping, MappedRow, Resolved};
use crate::domain::bills::{self, Detected, TextEncoding, clean, split_line, split_line_into};
use crate::domain::txn::{Destination, NewTxn, TxType};
use crate::domain::{AccountId, FieldError};
use crate::store;
use crate::words;

/// How many lines of a file the mapping screen is shown.
pub const SAMPLE_LINES: usize = 40;

/// The first lines of a file, split into fields, for the mapping screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvSample {
    pub encoding: Option<TextEncoding>,
    /// Up to [`SAMPLE_LINES`] lines, as split (fields not trimmed).
    pub lines: Vec<Vec<String>>,
}

impl CsvSample {
    /// Read the first lines of `input` (at most 64 KiB of it).
    pub fn read(mut input: impl Read) -> std::io::Result<CsvSample> {
        let mut head = Vec::new();
        (&mut input)
            .take(bills::HEAD_BYTES as u64)
            .read_to_end(&mut head)?;
        let enc = bills::sniff_encoding(&head);
        let text = bills::decode_head(&head, enc);
        let lines = text.lines().take(SAMPLE_LINES).map(split_line).collect();
        Ok(CsvSample {
            encoding: Some(enc),
            lines,
        })
    }
}

fn spec_of(name: &str, spec: &str) -> Result<CsvMapping> {
    serde_json::from_str(spec).map_err(|e| {
        invalid(
            "mapping",
            format!("the saved mapping “{name}” cannot be read ({e}); save it again"),
        )
    })
}

impl Wallet {
    /// Save a mapping under its name (replacing one of that name): one transaction.
    pub fn save_mapping(&mut self, mapping: &CsvMapping) -> Result<()> {
        mapping.validate().map_err(super::service::Error::Invalid)?;
        let mut m = mapping.clone();
        m.name = m.name.trim().to_owned();
        m.date_format = m.date_format.trim().to_owned();
        let spec = serde_json::to_string(&m)
            .map_err(|e| invalid("mapping", format!("cannot be saved: {e}")))?;
        let now = self.clock.now().to_rfc3339();
        let tx = self.store.transaction()?;
        store::save_mapping(&tx, &m.name, &spec, &now)?;
        tx.commit()?;
        Ok(())
    }

    /// Every saved mapping, by name.
    pub fn mappings(&self) -> Result<Vec<CsvMapping>> {
        store::mappings(self.store.conn())?
            .iter()
            .map(|(n, s)| spec_of(n, s))
            .collect()
    }

    /// The mapping saved as `name`; an error (field `format`) when there is none.
    pub fn mapping(&self, name: &str) -> Result<CsvMapping> {
        match store::mapping(self.store.conn(), name.trim())? {
            Some(s) => spec_of(name, &s),
            None => Err(invalid("format", words::no_mapping(name))),
        }
    }

    /// Forget the mapping `name` (an error when there is none): one transaction.
    pub fn delete_mapping(&mut self, name: &str) -> Result<()> {
        let tx = self.store.transaction()?;
        if !store::delete_mapping(&tx, name.trim())? {
            return Err(invalid("name", words::no_mapping(name)));
        }
        tx.commit()?;
        Ok(())
    }

    /// Read a CSV through `mapping` (saved or not) into a preview; writes nothing.
    /// Money out is recorded as `goods` to a `merchant`; money in is skipped. A
    /// large file's first rows are kept: [`Wallet::start_mapped_preview`] sets
    /// `source`, so that the write reads the file again.
    pub fn mapped_preview(
        &self,
        account: AccountId,
        mapping: &CsvMapping,
        input: impl Read + Send,
        total_bytes: u64,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<ImportPreview>> {
        self.live_account(account)?;
        if let Some(out) = unusable(mapping) {
            return Ok(Finished::Done(out));
        }
        let cx = self.mapped_context(account, mapping, Some(KEPT_ROWS))?;
        let read = read_stream(
            self.store.conn(),
            &cx,
            input,
            total_bytes,
            Pass::Preview,
            progress,
            cancel,
        )?;
        Ok(read.map(|mut p| {
            p.read_as = ReadAs::Mapping(Box::new(mapping.clone()));
            p
        }))
    }

    /// `tx import --format mapping:NAME`: `file` read through the saved
    /// mapping and written in the same pass, on its own thread (see
    /// [`Wallet::import_mapped`]).
    pub fn start_import_mapped(
        &self,
        account: AccountId,
        file: &Path,
        name: &str,
    ) -> Result<Job<ImportPreview>> {
        let mapping = self.mapping(name)?;
        let file = file.to_owned();
        Ok(Job::start(
            "Importing",
            self.path().to_owned(),
            self.clock,
            move |w, progress, cancel| {
                let (input, source) = ImportSource::open(&file)?;
                w.import_mapped(account, &mapping, input, source.len, progress, cancel)
            },
        ))
    }

    /// What a reading through `mapping` needs (see [`Wallet::stream_context`]).
    pub(super) fn mapped_context(
        &self,
        account: AccountId,
        mapping: &CsvMapping,
        keep_rows: Option<usize>,
    ) -> Result<Context> {
        let mut cx = self.stream_context(account, &Detected::Walletdesk, keep_rows)?;
        cx.mapping = Some(mapping.clone());
        Ok(cx)
    }

    /// Read `file` through `mapping` (saved or not) into a preview, on its own thread.
    pub fn start_mapped_preview(
        &self,
        account: AccountId,
        file: &Path,
        mapping: CsvMapping,
    ) -> Job<ImportPreview> {
        let file = file.to_owned();
        Job::start(
            "Reading",
            self.path().to_owned(),
            self.clock,
            move |w, progress, cancel| {
                let (input, source) = ImportSource::open(&file)?;
                let read =
                    w.mapped_preview(account, &mapping, input, source.len, progress, cancel)?;
                // A large file is read again when it is written.
                Ok(match read {
                    Finished::Done(mut p) if !p.holds_all() => {
                        p.source = Some(source);
                        Finished::Done(p)
                    }
                    other => other,
                })
            },
        )
    }

    /// Read `file` through the mapping saved as `name` (`--format mapping:NAME`).
    /// An unknown name is an error (field `format`) before the job starts.
    pub fn start_import_preview_mapped(
        &self,
        account: AccountId,
        file: &Path,
        name: &str,
    ) -> Result<Job<ImportPreview>> {
        let mapping = self.mapping(name)?;
        Ok(self.start_mapped_preview(account, file, mapping))
    }
}

/// A mapping that cannot read a file: a preview of its errors, on line 1.
pub(super) fn unusable(mapping: &CsvMapping) -> Option<ImportPreview> {
    let errs = mapping.validate().err()?;
    let mut out = ImportPreview {
        format: words::mapped_format(&mapping.name),
        ..ImportPreview::default()
    };
    for e in errs.0 {
        out.push_error(1, e.field, e.to_string());
    }
    Some(out)
}

/// The first lines of `file` for the mapping screen, read on their own thread.
pub fn start_csv_sample(file: &Path) -> Job<CsvSample> {
    let file = file.to_owned();
    Job::detached("Reading", move || {
        let f = std::fs::File::open(&file)
            .map_err(|e| FieldError::new("file", format!("{}: {e}", file.display())))?;
        let s = CsvSample::read(f)
            .map_err(|e| FieldError::new("file", format!("{}: {e}", file.display())))?;
        Ok(Finished::Done(s))
    })
}

/// The reading side for a CSV read through `mapping`: decode (the encoding
/// told from its first bytes), split, and read each line as the mapping says
/// (the columns found in its header, when it has one). Stops at the end, at a
/// read error or a header without the mapping's columns, when `cancel` is set,
/// or when the other side stops listening.
pub(super) fn parse_mapped_lines(
    cx: &Context,
    mapping: &CsvMapping,
    mut input: impl Read,
    mut out: Batches<'_>,
    cancel: &AtomicBool,
) {
    let bad = |line: u64, field: &'static str, message: String| Line::Bad {
        line,
        field,
        message,
    };
    let mut head = Vec::with_capacity(bills::HEAD_BYTES);
    if let Err(e) = (&mut input)
        .take(bills::HEAD_BYTES as u64)
        .read_to_end(&mut head)
    {
        out.put(bad(1, "file", format!("file: could not be read: {e}")));
        return out.end();
    }
    let enc = bills::sniff_encoding(&head);
    let input = std::io::Cursor::new(head).chain(input);
    let mut lines = TextLines::new(input, enc, mapping.skip_lines as u64);
    let mut cols = if mapping.has_header {
        None
    } else {
        match mapping.resolve(None) {
            Ok(c) => Some(c),
            Err(errs) => {
                for e in errs.0 {
                    out.put(bad(1, e.field, e.to_string()));
                }
                return out.end();
            }
        }
    };
    let mut fields = Vec::new();
    // B4's identities seen, and the line each was first seen on.
    let mut seen = FirstLines::default();
    while let Some((line_no, text)) = lines.next(&mut out, cancel) {
        split_line_into(text, &mut fields);
        if fields.iter().all(|f| clean(f).is_empty()) {
            continue;
        }
        let Some(c) = &cols else {
            match mapping.resolve(Some(&fields)) {
                Ok(c) => cols = Some(c),
                Err(errs) => {
                    for e in errs.0 {
                        out.put(bad(line_no, e.field, e.to_string()));
                    }
                    break;
                }
            }
            continue;
        };
        let item = mapped_line(cx, mapping, c, line_no, &fields, &mut seen);
        if !out.put(item) {
            return;
        }
    }
    if cols.is_none() {
        let message = "file: no header line to read the columns from".to_owned();
        out.put(bad(lines.last().max(1), "file", message));
    }
    out.end();
}

/// What one line read through a mapping is: a payment (money out, as `goods`
/// to a `merchant`), a row skipped (money in), or an error.
fn mapped_line(
    cx: &Context,
    mapping: &CsvMapping,
    c: &Resolved,
    line: u64,
    fields: &[String],
    seen: &mut FirstLines,
) -> Line {
    let bad = |field: &'static str, message: String| Line::Bad {
        line,
        field,
        message,
    };
    if fields.len() < c.width() {
        return bad(
            "line",
            format!(
                "line: {}; the mapping reads up to column {}",
                words::count(fields.len(), "column", "columns"),
                c.width()
            ),
        );
    }
    let m = match mapping.read_row(c, fields, cx.tz) {
        Err(e) => return bad(e.field, e.to_string()),
        Ok(MappedRow::Skip(why)) => {
            return Line::Skipped {
                line,
                why: words::mapped_skip(why),
            };
        }
        Ok(MappedRow::Record(m)) => m,
    };
    if m.at > cx.now {
        return bad(
            "time",
            format!("time: {} is in the future", m.at.to_rfc3339()),
        );
    }
    let t = NewTxn {
        at: m.at,
        amount: m.amount,
        currency: m.currency,
        ty: TxType::Goods,
        to: Destination::Merchant,
        method: None,
        counterparty: m.counterparty,
        note: m.note,
        fx_exempt: false,
    };
    Line::listed(cx, line, t, None, None, None, seen)
}
