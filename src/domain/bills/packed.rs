//! What a bill may come wrapped in (docs/bills.md): the password-protected zip a
//! wallet e-mails, WeChat Pay's XLSX, and the traces Excel leaves in a re-saved CSV.
//! Pure: the service opens the containers; these are the facts and the text.

use std::fmt;

use zeroize::Zeroizing;

use super::{BillProvider, Detected};

/// The password of a bill's zip: never printed (`Debug` shows `Password(***)`),
/// wiped from memory when dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(Zeroizing<String>);

impl Password {
    /// A password as typed; `None` when it is empty (no password given).
    pub fn new(text: impl Into<String>) -> Option<Password> {
        let text = Zeroizing::new(text.into());
        (!text.is_empty()).then_some(Password(text))
    }

    /// The bytes a zip is decrypted with.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// A zip archive (an XLSX is one too) starts with a local file header.
pub fn is_zip(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04")
}

/// An OLE compound file: an old `.xls`, or an XLSX Excel itself encrypted with a
/// password (not the wallet's zip): walletdesk reads neither.
pub fn is_ole(head: &[u8]) -> bool {
    head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// A zip holding this entry name is an XLSX workbook, not a wrapper.
pub fn is_xlsx_entry(name: &str) -> bool {
    name == "xl/workbook.xml"
}

/// Which entry of a wrapper zip is the bill: a CSV or XLSX file (not a folder,
/// not macOS's `__MACOSX/` resource copies).
pub fn is_bill_entry(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    !lower.ends_with('/')
        && !lower.starts_with("__macosx/")
        && (lower.ends_with(".csv") || lower.ends_with(".xlsx"))
}

/// The largest bill walletdesk reads out of a zip into memory.
pub const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// How the bill reached the parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Packaging {
    /// Read out of a zip.
    pub zipped: bool,
    /// The zip was protected by a password.
    pub encrypted: bool,
    /// The first sheet of an XLSX, turned into CSV text.
    pub xlsx: bool,
}

impl Detected {
    /// "WeChat Pay XLSX (header with 交易单号), from a password-protected zip".
    pub fn describe_packed(&self, p: Packaging) -> String {
        let base = match (self, p.xlsx) {
            (
                Detected::Bill {
                    provider, version, ..
                },
                true,
            ) => format!("{} XLSX ({version})", provider.name()),
            (Detected::Walletdesk, true) => "walletdesk CSV columns in an XLSX".into(),
            (d, false) => d.describe(),
        };
        match (p.zipped, p.encrypted) {
            (false, _) => base,
            (true, true) => format!("{base}, from a password-protected zip"),
            (true, false) => format!("{base}, from a zip"),
        }
    }
}

// ---- a sheet as CSV text -----------------------------------------------------------

/// One CSV field: quoted when it holds a comma or a quote; line breaks inside a
/// cell become spaces (the bill reader reads a row per line).
pub fn csv_field(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    if one_line.contains([',', '"']) {
        format!("\"{}\"", one_line.replace('"', "\"\""))
    } else {
        one_line
    }
}

/// A number cell as a plain decimal: `28.16` (never `28.159999…`), `8`; a number too
/// large to be exact (an order number Excel stored as a number) as Excel shows it,
/// `1.2E+27`, so that it is reported rather than taken for digits.
pub fn number_text(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    if v.abs() >= 1e15 {
        let s = format!("{v:E}");
        return match s.split_once('E') {
            Some((m, e)) if !e.starts_with('-') => format!("{m}E+{e}"),
            _ => s,
        };
    }
    // The shortest text that reads back as the same number; a value computed in a
    // sheet (0.1 + 0.2) is cut at 9 decimals, beyond any currency's.
    let s = v.to_string();
    match s.split_once('.') {
        Some((_, frac)) if frac.len() > 9 => {
            let r = format!("{v:.9}");
            r.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
        _ => s,
    }
}

/// A date/time cell's parts as the bills write times: `2026-04-01 08:00:00`
/// (milliseconds rounded to the nearest second); `None` for impossible parts.
pub fn datetime_text(y: u16, mo: u8, d: u8, h: u8, mi: u8, s: u8, ms: u16) -> Option<String> {
    let date = chrono::NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(d))?;
    let mut at = date.and_hms_opt(u32::from(h), u32::from(mi), u32::from(s))?;
    if ms >= 500 {
        at += chrono::TimeDelta::seconds(1);
    }
    Some(at.format("%Y-%m-%d %H:%M:%S").to_string())
}

// ---- what Excel leaves behind ----------------------------------------------------

/// A number in Excel's scientific notation (`1.2E+27`, `4.20000E+27`): an order
/// number whose digits Excel dropped when the file was re-saved.
pub fn excel_number(s: &str) -> bool {
    let Some((mantissa, exp)) = s.split_once(['E', 'e']) else {
        return false;
    };
    let exp = exp.strip_prefix('+').unwrap_or(exp);
    !mantissa.is_empty()
        && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && mantissa.bytes().any(|b| b.is_ascii_digit())
        && !exp.is_empty()
        && exp.bytes().all(|b| b.is_ascii_digit())
}

/// A time as Excel rewrites it on saving: slashes (`2023/2/5 9:07`, `2/5/2023 9:07`)
/// or one-digit months, days and hours (`2023-2-5 9:07`).
pub fn excel_time(s: &str) -> bool {
    let Some(date) = s.split_whitespace().next() else {
        return false;
    };
    if date.contains('/') {
        return date.bytes().all(|b| b.is_ascii_digit() || b == b'/');
    }
    let parts: Vec<&str> = date.split('-').collect();
    parts.len() == 3
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && parts.iter().skip(1).any(|p| p.len() == 1)
}

/// The row error for an order number Excel turned into a number.
pub fn excel_number_problem(value: &str, provider: BillProvider) -> String {
    format!(
        "{value} is an order number Excel turned into a number; export the bill again from {}, don't re-save it in Excel",
        provider.name()
    )
}

/// The row error for a time Excel may have reformatted.
pub fn excel_time_problem(value: &str, provider: BillProvider) -> String {
    format!(
        "{value:?} is not a time like 2023-02-03 12:30:00: Excel may have reformatted it; export the bill again from {}, don't re-save it in Excel",
        provider.name()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_is_never_shown() {
        let p = Password::new("s3cret").expect("not empty");
        assert_eq!(format!("{p:?}"), "Password(***)");
        assert_eq!(format!("{:?}", Some(p.clone())), "Some(Password(***))");
        assert_eq!(p.as_bytes(), b"s3cret");
        assert!(Password::new("").is_none());
    }

    #[test]
    fn containers() {
        assert!(is_zip(b"PK\x03\x04rest"));
        assert!(!is_zip(b"PK"));
        assert!(!is_zip("交易时间".as_bytes()));
        assert!(is_ole(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"));
        assert!(!is_ole(b"PK\x03\x04"));
        assert!(is_xlsx_entry("xl/workbook.xml"));
        assert!(is_bill_entry("微信支付账单(20260401-20260430).csv"));
        assert!(is_bill_entry("bill.XLSX"));
        assert!(!is_bill_entry("__MACOSX/._bill.csv"));
        assert!(!is_bill_entry("folder/"));
        assert!(!is_bill_entry("readme.txt"));
    }

    #[test]
    fn cells_as_csv_text() {
        assert_eq!(number_text(28.16), "28.16");
        assert_eq!(number_text(8.0), "8");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(28.159_999_999_999_997), "28.16");
        assert_eq!(number_text(1.2e27), "1.2E+27");
        assert_eq!(
            number_text(4_200_000_000_202_604_000.0),
            "4.200000000202604E+18"
        );
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "two lines");
        assert_eq!(csv_field("4200000000\t"), "4200000000\t");
        assert_eq!(
            datetime_text(2026, 4, 1, 8, 0, 59, 600).as_deref(),
            Some("2026-04-01 08:01:00")
        );
        assert_eq!(
            datetime_text(2026, 4, 1, 8, 0, 0, 0).as_deref(),
            Some("2026-04-01 08:00:00")
        );
        assert_eq!(datetime_text(2026, 2, 30, 8, 0, 0, 0), None);
    }

    #[test]
    fn excel_traces() {
        assert!(excel_number("1.2E+27"));
        assert!(excel_number("2.02603E+27"));
        assert!(excel_number("4E+18"));
        assert!(!excel_number("2026030122001400000000000001"));
        assert!(!excel_number("T200001"));
        assert!(!excel_number("E+27"));
        assert!(!excel_number("M0001E"));
        assert!(excel_time("2023/2/5 9:07"));
        assert!(excel_time("2/5/2023 9:07"));
        assert!(excel_time("2023-2-5 9:07"));
        assert!(!excel_time("2023-02-05 09:07:00"));
        assert!(!excel_time("yesterday"));
        assert_eq!(
            excel_number_problem("1.2E+27", BillProvider::Alipay),
            "1.2E+27 is an order number Excel turned into a number; export the bill again from Alipay, don't re-save it in Excel"
        );
        assert!(
            excel_time_problem("2023/2/5 9:07", BillProvider::Wechat)
                .contains("Excel may have reformatted it; export the bill again from WeChat Pay")
        );
    }

    #[test]
    fn packed_descriptions() {
        let d = super::super::detect(
            "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\n"
                .as_bytes(),
            super::super::FormatChoice::Auto,
        )
        .expect("a WeChat header");
        let xlsx = Packaging {
            xlsx: true,
            ..Packaging::default()
        };
        assert_eq!(
            d.describe_packed(xlsx),
            "WeChat Pay XLSX (header with 交易单号)"
        );
        let zipped = Packaging {
            zipped: true,
            encrypted: true,
            xlsx: false,
        };
        assert_eq!(
            d.describe_packed(zipped),
            "WeChat Pay CSV (header with 交易单号, UTF-8), from a password-protected zip"
        );
        assert_eq!(d.describe_packed(Packaging::default()), d.describe());
    }
}
