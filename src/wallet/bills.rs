//! Reading a provider's bill (Alipay, WeChat Pay CSV) as a stream: the file is
//! decoded as it is read (GBK or UTF-8), each row goes through B1–B3/B5
//! (domain::bills), and what it makes of each line goes to the same writing
//! side as walletdesk's own CSV (`stream`: B4 there, against the table).

use std::io::{BufRead, BufReader, Read};
use std::sync::atomic::{AtomicBool, Ordering};

use super::service::Result;
use super::stream::{Batches, Context, FirstLines, Line};
use crate::domain::bills::{
    self, BillProvider, CardRef, Columns, Detected, Names, Outcome, TextEncoding, clean,
    split_line_into,
};
use crate::domain::{Method, MethodDetails};
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

/// How to read one provider's bill, from its header.
pub(super) struct BillCx {
    pub provider: BillProvider,
    /// "Alipay CSV (header of 2023-02, GBK)".
    pub described: String,
    pub names: Names,
    encoding: TextEncoding,
    header_line: u64,
    columns: Columns,
    map: &'static bills::map::BillMap,
    /// The account's cards, for B3.
    cards: Vec<CardRef>,
}

impl BillCx {
    /// `detected` must be a bill; `methods` are the account's (not removed).
    pub(super) fn new(detected: &Detected, methods: &[Method]) -> Result<Self> {
        let Detected::Bill {
            provider,
            encoding,
            header_line,
            columns,
            names,
            ..
        } = detected
        else {
            unreachable!("walletdesk's own CSV has no bill to read");
        };
        let cards = methods
            .iter()
            .filter_map(|m| match &m.details {
                MethodDetails::Card(c) => Some(CardRef {
                    id: m.id,
                    last4: c.last4.clone(),
                }),
                MethodDetails::Paypal(_) => None,
            })
            .collect();
        Ok(BillCx {
            provider: *provider,
            described: detected.describe(),
            names: names.clone(),
            encoding: *encoding,
            header_line: *header_line,
            columns: columns.clone(),
            map: bills::map::built_in(*provider)?,
            cards,
        })
    }
}

/// The reading side for a bill: decode, split and classify each line of
/// `input` (the whole file, its header too). Stops at the end, at a read
/// error, when `cancel` is set, or when the other side stops listening.
pub(super) fn parse_bill_lines(
    cx: &Context,
    b: &BillCx,
    input: impl Read,
    mut out: Batches<'_>,
    cancel: &AtomicBool,
) {
    let mut rdr = BufReader::with_capacity(64 * 1024, Decoded::new(input, b.encoding));
    let need = width(&b.columns);
    let mut line_no = 0u64;
    let mut text = String::new();
    // B4's identities seen, and the line each was first seen on.
    let mut seen = FirstLines::default();
    let mut fields = Vec::new();
    loop {
        text.clear();
        match rdr.read_line(&mut text) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                let message = format!("file: could not be read: {e}");
                out.put(Line::Bad {
                    line: line_no + 1,
                    field: "file",
                    message,
                });
                break;
            }
        }
        line_no += 1;
        if line_no <= b.header_line {
            continue;
        }
        if line_no.is_multiple_of(4096)
            && (cancel.load(Ordering::Relaxed) || !out.put(Line::At(rdr.get_ref().consumed)))
        {
            return;
        }
        let Some(item) = bill_line(cx, b, line_no, &text, need, &mut seen, &mut fields) else {
            continue;
        };
        if !out.put(item) {
            return;
        }
    }
    out.end();
}

/// What one line of a bill is: a payment or a refund, a row skipped (B1), an
/// error; `None` for a blank line or the text after the table.
fn bill_line(
    cx: &Context,
    b: &BillCx,
    line: u64,
    text: &str,
    need: usize,
    seen: &mut FirstLines,
    fields: &mut Vec<String>,
) -> Option<Line> {
    split_line_into(text, fields);
    let fields = &fields[..];
    if fields.iter().all(|f| clean(f).is_empty()) {
        return None;
    }
    // Text after the table (a dashed line, an export note): not a row.
    if fields.len() == 1 || clean(&fields[0]).starts_with("---") {
        return None;
    }
    if fields.len() < need {
        let message = format!(
            "{}; the header has {}",
            words::count(fields.len(), "column", "columns"),
            need
        );
        return Some(Line::Bad {
            line,
            field: "line",
            message,
        });
    }
    let (txn, refund_of) =
        match bills::classify(b.provider, &b.columns, &b.names, b.map, &b.cards, fields) {
            Err(e) => {
                return Some(Line::Bad {
                    line,
                    field: e.field,
                    message: e.to_string(),
                });
            }
            Ok(Outcome::Skip(r)) => {
                return Some(Line::Skipped {
                    line,
                    why: words::bill_skip(&r),
                });
            }
            Ok(Outcome::Refund { txn, of }) => (txn, Some(of)),
            Ok(Outcome::Record(t)) => (t, None),
        };
    let method_note = match refund_of {
        Some(_) => None,
        None => words::bill_method(&txn.method),
    };
    let (t, order_no) = txn.split();
    Some(Line::listed(
        cx,
        line,
        t,
        order_no,
        refund_of,
        method_note,
        seen,
    ))
}
