//! A bill that comes packed (docs/bills.md): the password-protected zip a wallet
//! e-mails, and WeChat Pay's XLSX. Both are opened in memory — nothing is written
//! to disk — and become the bytes of a CSV, read as any other (B1–B5 alike).

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use zip::ZipArchive;
use zip::result::ZipError;

use crate::domain::FieldError;
use crate::domain::bills::packed::{
    self, MAX_UNPACKED, csv_field, datetime_text, is_bill_entry, is_xlsx_entry, number_text,
};
use crate::domain::bills::{Packaging, Password};
use crate::words;

/// The bill's CSV bytes and how it was packed.
#[derive(Debug)]
pub(super) struct Unpacked {
    pub bytes: Vec<u8>,
    pub packaging: Packaging,
}

fn file_error(message: impl Into<String>) -> FieldError {
    FieldError::new("file", message)
}

fn password_error(message: impl Into<String>) -> FieldError {
    FieldError::new("password", message)
}

/// `data` is a whole zip (it starts with `PK\x03\x04`): an XLSX, or a zip around
/// one CSV or XLSX bill, protected by `password` or not.
pub(super) fn unpack(data: Vec<u8>, password: Option<&Password>) -> Result<Unpacked, FieldError> {
    let mut archive = ZipArchive::new(Cursor::new(data))
        .map_err(|e| file_error(words::zip_unreadable(&e.to_string())))?;
    if archive
        .file_names()
        .any(|n| n.is_ok_and(|n| is_xlsx_entry(&n)))
    {
        let data = archive.into_inner().into_inner();
        return Ok(Unpacked {
            bytes: xlsx_to_csv(data)?,
            packaging: Packaging {
                xlsx: true,
                ..Packaging::default()
            },
        });
    }
    let mut bills = Vec::new();
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| file_error(words::zip_unreadable(&e.to_string())))?;
        let name = entry
            .name()
            .map(std::borrow::Cow::into_owned)
            .unwrap_or_default();
        if is_bill_entry(&name) {
            bills.push((i, name, entry.encrypted(), entry.size()));
        }
    }
    let (index, encrypted, size) = match bills.as_slice() {
        [] => return Err(file_error(words::zip_no_bill())),
        [(i, _, enc, size)] => (*i, *enc, *size),
        many => {
            let names: Vec<String> = many.iter().map(|b| b.1.clone()).collect();
            return Err(file_error(words::zip_many_bills(&names)));
        }
    };
    if size > MAX_UNPACKED {
        return Err(file_error(words::bill_too_large(MAX_UNPACKED)));
    }
    let opened = match (encrypted, password) {
        (true, None) => return Err(password_error(words::zip_password_missing())),
        (true, Some(p)) => archive.by_index_decrypt(index, p.as_bytes()),
        (false, _) => archive.by_index(index),
    };
    let entry = opened.map_err(|e| match e {
        ZipError::InvalidPassword => password_error(words::zip_password_wrong()),
        ZipError::UnsupportedArchive(m) if m == ZipError::PASSWORD_REQUIRED => {
            password_error(words::zip_password_missing())
        }
        e => file_error(words::zip_unreadable(&e.to_string())),
    })?;
    let mut bytes = Vec::new();
    // The declared size may lie: the cap holds whatever the entry really holds.
    if let Err(e) = entry.take(MAX_UNPACKED + 1).read_to_end(&mut bytes) {
        return Err(if encrypted {
            password_error(words::zip_password_wrong_or_damaged(&e.to_string()))
        } else {
            file_error(words::zip_unreadable(&e.to_string()))
        });
    }
    if bytes.len() as u64 > MAX_UNPACKED {
        return Err(file_error(words::bill_too_large(MAX_UNPACKED)));
    }
    let xlsx = packed::is_zip(&bytes);
    let bytes = if xlsx { xlsx_to_csv(bytes)? } else { bytes };
    Ok(Unpacked {
        bytes,
        packaging: Packaging {
            zipped: true,
            encrypted,
            xlsx,
        },
    })
}

/// The first sheet of an XLSX as UTF-8 CSV text: a line per row (line N is the
/// sheet's row N, so messages name the row Excel shows), numbers as plain decimals,
/// date cells as `YYYY-MM-DD HH:MM:SS`.
fn xlsx_to_csv(data: Vec<u8>) -> Result<Vec<u8>, FieldError> {
    let unreadable = |e: calamine::XlsxError| file_error(words::xlsx_unreadable(&e.to_string()));
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(data)).map_err(unreadable)?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| file_error(words::xlsx_no_sheet()))?
        .map_err(unreadable)?;
    let mut out = String::new();
    let Some((row0, col0)) = range.start() else {
        return Ok(Vec::new());
    };
    for _ in 0..row0 {
        out.push('\n');
    }
    let lead = ",".repeat(col0 as usize);
    for row in range.rows() {
        out.push_str(&lead);
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&csv_field(&cell_text(cell)));
        }
        out.push('\n');
    }
    Ok(out.into_bytes())
}

/// A cell as the CSV bill would write it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
            datetime_text(y, mo, d, h, mi, s, ms).unwrap_or_else(|| number_text(dt.as_f64()))
        }
        Data::DateTime(dt) => number_text(dt.as_f64()),
        Data::DateTimeIso(s) => {
            let s = s.replacen('T', " ", 1);
            s.split_once('.')
                .map_or(s.clone(), |(whole, _)| whole.to_owned())
        }
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_zip_after_all() {
        let e = unpack(b"PK\x03\x04 and then nothing".to_vec(), None).unwrap_err();
        assert_eq!(e.field, "file");
        assert!(e.message.contains("not a zip"), "{e}");
    }

    #[test]
    fn cells() {
        assert_eq!(cell_text(&Data::Float(28.16)), "28.16");
        assert_eq!(cell_text(&Data::Int(8)), "8");
        assert_eq!(
            cell_text(&Data::DateTimeIso("2026-04-01T08:00:00.000".into())),
            "2026-04-01 08:00:00"
        );
        let dt = calamine::ExcelDateTime::new(
            46_113.333_333_333_336,
            calamine::ExcelDateTimeType::DateTime,
            false,
        );
        assert_eq!(cell_text(&Data::DateTime(dt)), "2026-04-01 08:00:00");
    }
}
