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
struct Decoded<R> {
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
    fn new(inner: R, enc: TextEncoding) -> Self {
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

/// A decoded text's lines, one at a time into a reused string: the first
/// `skip` lines passed over, and how far the reading is sent every 4,096 lines.
pub(super) struct TextLines<R> {
    rdr: BufReader<Decoded<R>>,
    text: String,
    line: u64,
    skip: u64,
}

impl<R: Read> TextLines<R> {
    pub(super) fn new(input: R, enc: TextEncoding, skip: u64) -> Self {
        TextLines {
            rdr: BufReader::with_capacity(64 * 1024, Decoded::new(input, enc)),
            text: String::new(),
            line: 0,
            skip,
        }
    }

    /// The next line and its number. `None` at the end, after a read error
    /// (sent to `out` as the line's error), when `cancel` is set, or when the
    /// other side has stopped listening.
    pub(super) fn next(
        &mut self,
        out: &mut Batches<'_>,
        cancel: &AtomicBool,
    ) -> Option<(u64, &str)> {
        loop {
            self.text.clear();
            match self.rdr.read_line(&mut self.text) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    out.put(Line::Bad {
                        line: self.line + 1,
                        field: "file",
                        message: format!("file: could not be read: {e}"),
                    });
                    return None;
                }
            }
            self.line += 1;
            if self.line.is_multiple_of(4096)
                && (cancel.load(Ordering::Relaxed)
                    || !out.put(Line::At(self.rdr.get_ref().consumed)))
            {
                return None;
            }
            if self.line > self.skip {
                return Some((self.line, &self.text));
            }
        }
    }

    /// The number of the last line read.
    pub(super) fn last(&self) -> u64 {
        self.line
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
    let mut lines = TextLines::new(input, b.encoding, b.header_line);
    let need = width(&b.columns);
    // B4's identities seen, and the line each was first seen on.
    let mut seen = FirstLines::default();
    let mut fields = Vec::new();
    while let Some((line, text)) = lines.next(&mut out, cancel) {
        let Some(item) = bill_line(cx, b, line, text, need, &mut seen, &mut fields) else {
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
