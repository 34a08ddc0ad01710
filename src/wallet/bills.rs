//! Importing a provider's bill (Alipay, WeChat Pay CSV): the file is decoded as it
//! streams (GBK or UTF-8), each row goes through B1–B3/B5 (domain::bills), and the
//! recorded rows join the same preview → write job as walletdesk's own CSV (B4
//! re-checked inside the writing transaction).

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::sync::atomic::{AtomicBool, Ordering};

use super::csv::Finished;
use super::preview::{ImportPreview, ImportRow, Origin, RefundRow};
use super::rates::DayRates;
use super::service::{Result, Wallet};
use crate::domain::bills::{
    self, CardRef, Columns, Detected, Outcome, TextEncoding, clean, split_line,
};
use crate::domain::limits::local_day;
use crate::domain::money::Currency;
use crate::domain::{AccountId, MethodDetails};
use crate::store;
use crate::words;

/// Text decoded to UTF-8 as it is read (GBK/GB18030, or UTF-8 with its BOM removed).
pub(super) struct Decoded<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    inbuf: Vec<u8>,
    out: Vec<u8>,
    out_pos: usize,
    finished: bool,
    /// Bytes of the file read so far (for progress).
    pub consumed: u64,
}

impl<R: Read> Decoded<R> {
    pub(super) fn new(inner: R, enc: TextEncoding) -> Self {
        let decoder = match enc {
            TextEncoding::Gbk => encoding_rs::GB18030.new_decoder_without_bom_handling(),
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => encoding_rs::UTF_8.new_decoder(),
        };
        Decoded {
            inner,
            decoder,
            inbuf: vec![0; 32 * 1024],
            out: Vec::new(),
            out_pos: 0,
            finished: false,
            consumed: 0,
        }
    }
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.out_pos == self.out.len() {
            if self.finished {
                return Ok(0);
            }
            let n = self.inner.read(&mut self.inbuf)?;
            self.consumed += n as u64;
            let last = n == 0;
            let need = self.decoder.max_utf8_buffer_length(n).unwrap_or(n * 3 + 16);
            self.out.clear();
            self.out.resize(need, 0);
            self.out_pos = 0;
            let (_, read, written, _) =
                self.decoder
                    .decode_to_utf8(&self.inbuf[..n], &mut self.out, last);
            debug_assert_eq!(read, n, "the output had room for all of the input");
            self.out.truncate(written);
            self.finished = last;
        }
        let k = buf.len().min(self.out.len() - self.out_pos);
        buf[..k].copy_from_slice(&self.out[self.out_pos..self.out_pos + k]);
        self.out_pos += k;
        Ok(k)
    }
}

/// The widest column a row must reach.
fn width(c: &Columns) -> usize {
    [
        Some(c.time),
        Some(c.amount),
        Some(c.direction),
        Some(c.status),
        c.counterparty,
        c.item,
        c.method,
        c.kind,
        c.order_no,
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(0)
        + 1
}

impl Wallet {
    /// Read a bill detected as `detected` (`head` are its first bytes, already read
    /// from `input`) into a preview.
    #[allow(clippy::too_many_arguments, clippy::too_many_lines)]
    pub(super) fn bill_preview(
        &self,
        account: AccountId,
        detected: &Detected,
        head: Vec<u8>,
        input: impl Read,
        total_bytes: u64,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<ImportPreview>> {
        let Detected::Bill {
            provider,
            encoding,
            header_line,
            columns,
            names,
            ..
        } = detected
        else {
            unreachable!("walletdesk's own CSV is read by import_preview");
        };
        let (provider, header_line) = (*provider, *header_line);
        let map = bills::map::built_in(provider)?;
        let tz = self.time_zone();
        let cards: Vec<CardRef> = self
            .methods(account, false)?
            .iter()
            .filter_map(|m| match &m.details {
                MethodDetails::Card(c) => Some(CardRef {
                    id: m.id,
                    last4: c.last4.clone(),
                }),
                MethodDetails::Paypal(_) => None,
            })
            .collect();
        let mut out = ImportPreview {
            format: detected.describe(),
            ..ImportPreview::default()
        };
        let mut rdr = BufReader::with_capacity(
            64 * 1024,
            Decoded::new(std::io::Cursor::new(head).chain(input), *encoding),
        );
        let need = width(columns);
        let mut line_no = 0u64;
        let mut text = String::new();
        let mut seen: HashMap<(String, i64, String), u64> = HashMap::new();
        let mut seen_plain: HashMap<(i64, String, String), u64> = HashMap::new();
        let mut paid_orders: HashSet<String> = HashSet::new();
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
            if line_no <= header_line {
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
            // Text after the table (a dashed line, an export note): not a row.
            if fields.len() == 1 || clean(&fields[0]).starts_with("---") {
                continue;
            }
            if fields.len() < need {
                out.push_error(
                    line_no,
                    "line",
                    format!(
                        "{}; the header has {}",
                        words::count(fields.len(), "column", "columns"),
                        need
                    ),
                );
                continue;
            }
            let (txn, refund_of) =
                match bills::classify(provider, columns, names, map, &cards, &fields) {
                    Err(e) => {
                        out.push_error(line_no, e.field, e.to_string());
                        continue;
                    }
                    Ok(Outcome::Skip(r)) => {
                        out.add_skipped(line_no, words::bill_skip(&r));
                        continue;
                    }
                    Ok(Outcome::Refund { txn, of }) => (txn, Some(of)),
                    Ok(Outcome::Record(b)) => (b, None),
                };
            let method_note = match refund_of {
                Some(_) => None,
                None => words::bill_method(&txn.method),
            };
            let (t, order_no) = txn.split();
            let day = local_day(t.at, tz);
            let converted = match rates.convert(self.store.conn(), t.amount, Currency::CNY, day) {
                Ok(c) => c,
                Err((_, e)) => {
                    out.push_error(line_no, names.amount, e);
                    continue;
                }
            };
            let earlier = match (&refund_of, &order_no) {
                (Some(_), o) => seen.insert(
                    (
                        format!("refund {}", o.as_deref().unwrap_or("")),
                        t.at.timestamp(),
                        t.amount.to_string(),
                    ),
                    line_no,
                ),
                (None, Some(o)) => {
                    seen.insert((o.clone(), t.at.timestamp(), t.amount.to_string()), line_no)
                }
                (None, None) => seen_plain.insert(
                    (
                        t.at.timestamp(),
                        t.amount.to_string(),
                        t.counterparty.clone(),
                    ),
                    line_no,
                ),
            };
            if let Some(first) = earlier {
                out.add_duplicate(line_no, words::bill_repeats(first));
                continue;
            }
            let refund = refund_of.is_some();
            let stored = match &order_no {
                Some(o) => {
                    store::bill_exists(self.store.conn(), account, provider.id(), o, &t, refund)?
                }
                None => store::txn_exists(self.store.conn(), account, &t)?,
            };
            if stored {
                out.add_duplicate(
                    line_no,
                    words::bill_recorded(provider.name(), order_no.is_some()),
                );
                continue;
            }
            let row = ImportRow {
                line: line_no,
                txn: t,
                day,
                converted,
                origin: Some(Origin {
                    provider: provider.id(),
                    order_no: order_no.clone(),
                }),
                method_note,
            };
            match refund_of {
                Some(of) => {
                    let linked = match &of {
                        Some(o) => {
                            paid_orders.contains(o)
                                || store::order_recorded(
                                    self.store.conn(),
                                    account,
                                    provider.id(),
                                    o,
                                )?
                        }
                        None => false,
                    };
                    out.refunds.push(RefundRow {
                        line: line_no,
                        at: row.txn.at,
                        amount: row.txn.amount,
                        order_no,
                        of,
                        linked,
                        row,
                    });
                }
                None => {
                    if let Some(o) = order_no {
                        paid_orders.insert(o);
                    }
                    out.add_row(row)?;
                }
            }
        }
        progress(1.0);
        Ok(Finished::Done(out))
    }
}
