//! Any other CSV (a bank's statement) read through a column mapping saved by
//! name: save, list, forget; a file read with one into the same preview → write
//! job as the other formats (B4 by time, amount and counterparty, re-checked in
//! the writing transaction); the first lines of a file for the mapping screen.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use super::bills::Decoded;
use super::csv::Finished;
use super::jobs::Job;
use super::preview::{ImportPreview, ImportRow};
use super::rates::DayRates;
use super::service::{Result, Wallet, invalid};
use crate::domain::bills::mapping::{CsvMapping, MappedRow};
use crate::domain::bills::{self, TextEncoding, clean, split_line};
use crate::domain::limits::local_day;
use crate::domain::money::Currency;
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
    /// Money out is recorded as `goods` to a `merchant`; money in is skipped.
    #[allow(clippy::too_many_lines)]
    pub fn mapped_preview(
        &self,
        account: AccountId,
        mapping: &CsvMapping,
        mut input: impl Read,
        total_bytes: u64,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<ImportPreview>> {
        self.live_account(account)?;
        let mut out = ImportPreview {
            format: words::mapped_format(&mapping.name),
            ..ImportPreview::default()
        };
        if let Err(errs) = mapping.validate() {
            for e in errs.0 {
                out.push_error(1, e.field, e.to_string());
            }
            return Ok(Finished::Done(out));
        }
        let mut head = Vec::with_capacity(bills::HEAD_BYTES);
        if let Err(e) = (&mut input)
            .take(bills::HEAD_BYTES as u64)
            .read_to_end(&mut head)
        {
            out.push_error(1, "file", format!("file: could not be read: {e}"));
            return Ok(Finished::Done(out));
        }
        let enc = bills::sniff_encoding(&head);
        let mut rdr = BufReader::with_capacity(
            64 * 1024,
            Decoded::new(std::io::Cursor::new(head).chain(input), enc),
        );
        let tz = self.time_zone();
        let now = self.clock.now();
        let skip = mapping.skip_lines as u64;
        let mut cols = if mapping.has_header {
            None
        } else {
            match mapping.resolve(None) {
                Ok(c) => Some(c),
                Err(errs) => {
                    for e in errs.0 {
                        out.push_error(1, e.field, e.to_string());
                    }
                    return Ok(Finished::Done(out));
                }
            }
        };
        let mut line_no = 0u64;
        let mut text = String::new();
        let mut seen: HashMap<(i64, String, Currency, String), u64> = HashMap::new();
        let mut rates = DayRates::default();
        loop {
            text.clear();
            match rdr.read_line(&mut text) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    out.push_error(line_no + 1, "file", format!("file: could not be read: {e}"));
                    break;
                }
            }
            line_no += 1;
            if line_no <= skip {
                continue;
            }
            if line_no.is_multiple_of(2048) {
                if cancel.load(Ordering::Relaxed) {
                    return Ok(Finished::Cancelled);
                }
                if total_bytes > 0 {
                    #[allow(clippy::cast_precision_loss)]
                    progress(rdr.get_ref().consumed as f32 / total_bytes as f32);
                }
            }
            let fields = split_line(&text);
            if fields.iter().all(|f| clean(f).is_empty()) {
                continue;
            }
            let Some(c) = &cols else {
                match mapping.resolve(Some(&fields)) {
                    Ok(c) => cols = Some(c),
                    Err(errs) => {
                        for e in errs.0 {
                            out.push_error(line_no, e.field, e.to_string());
                        }
                        break;
                    }
                }
                continue;
            };
            if fields.len() < c.width() {
                out.push_error(
                    line_no,
                    "line",
                    format!(
                        "line: {}; the mapping reads up to column {}",
                        words::count(fields.len(), "column", "columns"),
                        c.width()
                    ),
                );
                continue;
            }
            let m = match mapping.read_row(c, &fields, tz) {
                Err(e) => {
                    out.push_error(line_no, e.field, e.to_string());
                    continue;
                }
                Ok(MappedRow::Skip(why)) => {
                    out.add_skipped(line_no, words::mapped_skip(why));
                    continue;
                }
                Ok(MappedRow::Record(m)) => m,
            };
            if m.at > now {
                out.push_error(
                    line_no,
                    "time",
                    format!("time: {} is in the future", m.at.to_rfc3339()),
                );
                continue;
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
            let day = local_day(t.at, tz);
            let converted = match rates.convert(self.store.conn(), t.amount, t.currency, day) {
                Ok(c) => c,
                Err((field, e)) => {
                    out.push_error(line_no, field, e);
                    continue;
                }
            };
            let key = (
                t.at.timestamp(),
                t.amount.to_string(),
                t.currency,
                t.counterparty.clone(),
            );
            if let Some(first) = seen.insert(key, line_no) {
                out.add_duplicate(line_no, words::bill_repeats(first));
                continue;
            }
            if store::txn_exists(self.store.conn(), account, &t)? {
                out.add_duplicate(line_no, words::bill_recorded("", false));
                continue;
            }
            out.add_row(ImportRow::plain(line_no, t, day, converted))?;
        }
        if cols.is_none() {
            out.push_error(
                line_no.max(1),
                "file",
                "file: no header line to read the columns from".to_owned(),
            );
        }
        progress(1.0);
        Ok(Finished::Done(out))
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
                let f = std::fs::File::open(&file)
                    .map_err(|e| FieldError::new("file", format!("{}: {e}", file.display())))?;
                let size = f.metadata().map(|m| m.len()).unwrap_or(0);
                w.mapped_preview(
                    account,
                    &mapping,
                    std::io::BufReader::new(f),
                    size,
                    progress,
                    cancel,
                )
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
