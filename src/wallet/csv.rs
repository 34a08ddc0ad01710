//! walletdesk's own CSV (the CLI contract, docs/cli.md): read an import into a preview, write
//! it in one transaction, export an account.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use super::preview::{ImportPreview, KEPT_ROWS, ReadAs};
use super::service::{Error, Result, Wallet};
use super::stream::{Pass, read_stream};
use crate::domain::AccountId;
use crate::domain::bills::{self, Detected, FormatChoice, Packaging, Password};
use crate::store;

/// The CSV header of `tx import` / `tx export` (docs/cli.md).
pub const CSV_HEADER: [&str; 9] = bills::WALLETDESK_HEADER;

/// How a long run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finished<T> {
    Done(T),
    Cancelled,
}

impl<T> Finished<T> {
    /// What `f` makes of a run that was done; a cancelled one stays cancelled.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Finished<U> {
        match self {
            Finished::Done(t) => Finished::Done(f(t)),
            Finished::Cancelled => Finished::Cancelled,
        }
    }
}

/// Reads CRLF line ends as LF, so the CSV reader's line numbers are the file's
/// (it counts a CRLF's `\n` as the start of the next record).
pub(super) struct LfLines<R> {
    inner: R,
    /// A `\r` at the end of the last chunk, not yet known to precede `\n`.
    held_cr: bool,
}

impl<R: Read> LfLines<R> {
    pub(super) fn new(inner: R) -> Self {
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
        // Most files have no CR at all (`contains` is a memchr): nothing to move.
        let first_cr = if buf[..len].contains(&b'\r') {
            buf[..len].iter().position(|b| *b == b'\r').unwrap_or(len)
        } else {
            len
        };
        let mut out = first_cr;
        for i in first_cr..len {
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

/// Hashes every byte read through it, however the reads are cut: a second
/// reading of a file must find the very bytes its preview read (a same-length,
/// same-time edit of one field is a changed file). 64 bits at a time; any one
/// word changed changes the hash (each step is a bijection of the state).
pub(super) struct Hashed<R> {
    inner: R,
    hash: u64,
    word: u64,
    filled: u32,
}

const MIX: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl<R: Read> Hashed<R> {
    pub(super) fn new(inner: R) -> Self {
        Hashed {
            inner,
            hash: 0,
            word: 0,
            filled: 0,
        }
    }

    fn mix(&mut self, w: u64) {
        self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(MIX);
    }

    fn push(&mut self, b: u8) {
        self.word |= u64::from(b) << (8 * self.filled);
        self.filled += 1;
        if self.filled == 8 {
            let w = std::mem::take(&mut self.word);
            self.mix(w);
            self.filled = 0;
        }
    }

    /// The hash of every byte read (and of how many were left over).
    pub(super) fn finish(mut self) -> u64 {
        let tail = self.word ^ (u64::from(self.filled) << 59);
        self.mix(tail);
        self.hash
    }
}

impl<R: Read> Read for Hashed<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut bytes = &buf[..n];
        while self.filled != 0 && !bytes.is_empty() {
            self.push(bytes[0]);
            bytes = &bytes[1..];
        }
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut b = [0; 8];
            b.copy_from_slice(w);
            self.mix(u64::from_le_bytes(b));
        }
        for &b in words.remainder() {
            self.push(b);
        }
        Ok(n)
    }
}

/// A file opened for an import: what it was found to be, and its text from
/// the first byte (unpacked, for a zip or an XLSX).
pub(super) struct Opened<'a> {
    pub detected: Detected,
    pub input: Box<dyn Read + Send + 'a>,
    pub total_bytes: u64,
    /// A zip's or an XLSX's, read in memory.
    pub packaging: Option<Packaging>,
}

/// How opening a file for an import went (a value that lives for a moment).
#[allow(clippy::large_enum_variant)]
pub(super) enum Opening<'a> {
    Ready(Opened<'a>),
    /// It cannot be read as `format`: a preview that says why.
    Failed(ImportPreview),
    Cancelled,
}

impl<'a> Opening<'a> {
    /// The opened file, or how the import ends without reading it (a value
    /// returned at once, so its size does not matter).
    #[allow(clippy::result_large_err)]
    pub(super) fn ready(self) -> std::result::Result<Opened<'a>, Finished<ImportPreview>> {
        match self {
            Opening::Ready(o) => Ok(o),
            Opening::Failed(p) => Err(Finished::Done(p)),
            Opening::Cancelled => Err(Finished::Cancelled),
        }
    }
}

/// Look at the first bytes of `input` to tell what it is (`format` may say),
/// unpacking a zip (with `password`) or an XLSX in memory.
pub(super) fn open_import<'a>(
    format: FormatChoice,
    mut input: impl Read + Send + 'a,
    total_bytes: u64,
    password: Option<&Password>,
    cancel: &AtomicBool,
) -> Opening<'a> {
    let failed = |field: &str, message: String| {
        let mut out = ImportPreview::default();
        out.push_error(1, field, message);
        Opening::Failed(out)
    };
    let mut head = Vec::with_capacity(bills::HEAD_BYTES);
    if let Err(e) = (&mut input)
        .take(bills::HEAD_BYTES as u64)
        .read_to_end(&mut head)
    {
        return failed("file", format!("file: could not be read: {e}"));
    }
    let mut total_bytes = total_bytes;
    let mut packaging = None;
    let mut input: Box<dyn Read + Send + 'a> = Box::new(input);
    if bills::packed::is_ole(&head) {
        return failed("file", format!("file: {}", crate::words::excel_protected()));
    }
    if bills::packed::is_zip(&head) {
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
            return Opening::Cancelled;
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
    match detected {
        Ok(detected) => Opening::Ready(Opened {
            detected,
            input: Box::new(std::io::Cursor::new(head).chain(input)),
            total_bytes,
            packaging,
        }),
        Err(e) => failed(e.field, e.to_string()),
    }
}

impl Wallet {
    /// Read a CSV (docs/cli.md) and say what importing it would do; writes nothing.
    /// `progress` gets the share of bytes read; `cancel` stops it.
    pub fn import_preview(
        &self,
        account: AccountId,
        input: impl Read + Send,
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
        input: impl Read + Send,
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
        input: impl Read + Send,
        total_bytes: u64,
        password: Option<&Password>,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<ImportPreview>> {
        self.live_account(account)?;
        let o = match open_import(format, input, total_bytes, password, cancel).ready() {
            Ok(o) => o,
            Err(end) => return Ok(end),
        };
        // A file in memory (a zip's, an XLSX's) keeps all its rows: it is not read again.
        let keep = o.packaging.is_none().then_some(KEPT_ROWS);
        let cx = self.stream_context(account, &o.detected, keep)?;
        let conn = self.store.conn();
        let read = read_stream(
            conn,
            &cx,
            o.input,
            o.total_bytes,
            Pass::Preview,
            progress,
            cancel,
        )?;
        Ok(read.map(|mut p| {
            if let Some(packed) = o.packaging {
                p.format = o.detected.describe_packed(packed); // an XLSX, or out of a zip
            }
            p.read_as = ReadAs::Format(format);
            p
        }))
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

#[cfg(test)]
mod tests {
    use super::{Hashed, LfLines};
    use std::io::Read;

    /// Gives at most `step` bytes a read, as a pipe or a slow disk may.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(self.1).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn crlf_becomes_lf_in_any_chunking() {
        let inputs = [
            "a\r\nb\r\n",
            "a\rb\r",
            "\r",
            "\r\n",
            "a\r",
            "\r\r\n\r",
            "no cr\n",
            "",
        ];
        for input in inputs {
            let want = input.replace("\r\n", "\n");
            for step in 1..=4 {
                for buf_len in [2, 3, 64] {
                    let mut lines = LfLines::new(Trickle(input.as_bytes(), step));
                    let mut got = Vec::new();
                    let mut buf = vec![0; buf_len];
                    loop {
                        let n = lines.read(&mut buf).unwrap();
                        if n == 0 {
                            break;
                        }
                        got.extend_from_slice(&buf[..n]);
                    }
                    assert_eq!(
                        String::from_utf8(got).unwrap(),
                        want,
                        "{input:?} {step} {buf_len}"
                    );
                }
            }
        }
    }

    fn hash(bytes: &[u8], step: usize) -> u64 {
        let mut h = Hashed::new(Trickle(bytes, step));
        std::io::copy(&mut h, &mut std::io::sink()).unwrap();
        h.finish()
    }

    #[test]
    fn the_hash_is_of_the_bytes_however_the_reads_are_cut() {
        let text: Vec<u8> = (0..1000u32).flat_map(u32::to_le_bytes).collect();
        let whole = hash(&text, usize::MAX);
        for step in [1, 3, 7, 8, 9, 4096] {
            assert_eq!(hash(&text, step), whole, "reads of {step}");
        }
        for at in [0, 5, 999, 3999] {
            let mut edited = text.clone();
            edited[at] ^= 1;
            assert_ne!(hash(&edited, 7), whole, "byte {at} changed");
        }
        assert_ne!(hash(&text[..3999], 7), whole, "one byte fewer");
        assert_ne!(hash(b"a\0", 1), hash(b"a", 1), "a trailing zero");
    }
}
