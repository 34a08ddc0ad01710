//! Reading the bills as the wallets send them, through the built binary: WeChat
//! Pay's XLSX, the e-mailed password-protected zip (ZipCrypto and AES), and an
//! Alipay CSV re-saved by Excel. The fixtures are built here from
//! tests/data/wechat.csv (made up; card numbers are test numbers).
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use common::{err, ok, walletdesk};
use serde_json::Value;
use zip::write::SimpleFileOptions;
use zip::{AesMode, CompressionMethod, ZipWriter};

const PASSWORD: &str = "s3cret-pw";

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn json_of(o: &std::process::Output) -> Value {
    serde_json::from_str(&ok(o)).unwrap()
}

/// Account 1 (WeChat Pay) with a card ending 7449; account 2 (Alipay) likewise.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    for provider in ["wechat-pay", "alipay"] {
        ok(&walletdesk(
            &db,
            &[
                "account",
                "add",
                "--provider",
                provider,
                "--label",
                "bills",
                "--tier",
                "verified",
                "--passport-expiry",
                "2030-05-01",
            ],
            None,
        ));
    }
    for (account, number) in [("1", "5200000000017449"), ("2", "4000000000067449")] {
        ok(&walletdesk(
            &db,
            &[
                "card",
                "add",
                "--account",
                account,
                "--expiry",
                "12/30",
                "--holder",
                "TEST USER",
                "--status",
                "active",
                "--anyway",
            ],
            Some(number),
        ));
    }
    ok(&walletdesk(
        &db,
        &["rate", "set", "USD", "CNY", "7.2", "--date", "2026-01-01"],
        None,
    ));
    (dir, db)
}

fn import(db: &Path, file: &Path, account: &str, extra: &[&str], stdin: Option<&str>) -> Value {
    let mut args = vec![
        "--json",
        "tx",
        "import",
        file.to_str().unwrap(),
        "--account",
        account,
    ];
    args.extend_from_slice(extra);
    json_of(&walletdesk(db, &args, stdin))
}

fn listed(db: &Path, account: &str) -> Value {
    json_of(&walletdesk(
        db,
        &["--json", "tx", "list", "--account", account],
        None,
    ))
}

fn lines(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["line"].as_u64().unwrap())
        .collect()
}

// ---- fixtures --------------------------------------------------------------------

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn column(i: usize) -> char {
    char::from(b'A' + u8::try_from(i).unwrap())
}

/// Excel's serial number of a Beijing wall-clock time (1900 date system).
fn serial(at: &str) -> f64 {
    let t = chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M:%S").unwrap();
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    #[allow(clippy::cast_precision_loss)]
    let secs = (t - epoch).num_seconds() as f64;
    secs / 86_400.0
}

/// wechat.csv as WeChat Pay's XLSX: the same lines on the first sheet, amounts as
/// numbers, the times of the first rows as date cells and the others as text.
fn wechat_xlsx() -> Vec<u8> {
    let csv = std::fs::read_to_string(data("wechat.csv")).unwrap();
    let mut rows = String::new();
    let mut header_seen = false;
    for (n, line) in csv.lines().enumerate() {
        let r = n + 1;
        if line.is_empty() {
            continue;
        }
        rows.push_str(&format!("<row r=\"{r}\">"));
        if line.starts_with("交易时间") {
            header_seen = true;
        }
        let is_row = header_seen && !line.starts_with("交易时间");
        let cells: Vec<&str> = if header_seen {
            line.split(',').collect()
        } else {
            vec![line]
        };
        for (i, cell) in cells.iter().enumerate() {
            let at = format!("{}{r}", column(i));
            if is_row && i == 5 {
                let amount = cell.trim_start_matches('¥');
                rows.push_str(&format!("<c r=\"{at}\"><v>{amount}</v></c>"));
            } else if is_row && i == 0 && r < 20 {
                rows.push_str(&format!(
                    "<c r=\"{at}\" s=\"1\"><v>{}</v></c>",
                    serial(cell)
                ));
            } else {
                rows.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                    xml_escape(cell)
                ));
            }
        }
        rows.push_str("</row>");
    }
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>".to_owned(),
        ),
        (
            "_rels/.rels",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"{pkg}\"><Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
        ),
        (
            "xl/workbook.xml",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{main}\" xmlns:r=\"{rel}\"><sheets><sheet name=\"微信支付账单明细\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"{pkg}\"><Relationship Id=\"rId1\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"{rel}/styles\" Target=\"styles.xml\"/></Relationships>"),
        ),
        (
            "xl/styles.xml",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"{main}\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/></numFmts><fonts count=\"1\"><font/></fonts><fills count=\"1\"><fill/></fills><borders count=\"1\"><border/></borders><cellStyleXfs count=\"1\"><xf/></cellStyleXfs><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>"),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{main}\"><sheetData>{rows}</sheetData></worksheet>"),
        ),
    ];
    let mut w = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, text) in parts {
        w.start_file(name, opts).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// How the e-mailed zip is protected.
#[derive(Clone, Copy)]
enum Crypto {
    Aes,
    ZipCrypto,
}

/// A zip holding `name` with `bytes`, protected by [`PASSWORD`].
fn zipped(name: &str, bytes: &[u8], crypto: Crypto) -> Vec<u8> {
    let mut w = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let opts = match crypto {
        Crypto::Aes => opts.with_aes_encryption(AesMode::Aes256, PASSWORD),
        Crypto::ZipCrypto => {
            use zip::unstable::write::FileOptionsExt as _;
            opts.with_deprecated_encryption(PASSWORD.as_bytes())
                .unwrap()
        }
    };
    w.start_file(name, opts).unwrap();
    w.write_all(bytes).unwrap();
    w.finish().unwrap().into_inner()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

// ---- XLSX ------------------------------------------------------------------------

#[test]
fn a_wechat_xlsx_imports_like_its_csv() {
    let (dir, db) = setup();
    let xlsx = write(dir.path(), "账单.xlsx", &wechat_xlsx());
    let dry = import(&db, &xlsx, "1", &["--dry-run"], None);
    assert_eq!(dry["format"], "WeChat Pay XLSX (header with 交易单号)");
    assert_eq!(dry["errors"].as_array().unwrap().len(), 0, "{dry}");
    assert_eq!(dry["rows"], 4, "{dry}");
    // The sheet's row numbers, as Excel shows them.
    assert_eq!(lines(&dry["skipped"]), vec![21, 22]);
    assert_eq!(dry["totals"][0]["amount"], "161.16");
    assert_eq!(dry["written"], 0);
    assert_eq!(listed(&db, "1")["total"], 0);

    let done = import(&db, &xlsx, "1", &[], None);
    assert_eq!(done["written"], 4, "{done}");
    let list = listed(&db, "1");
    let txs = list["transactions"].as_array().unwrap();
    let milk = txs
        .iter()
        .find(|t| t["order_no"] == "4200000000202604010001")
        .unwrap_or_else(|| panic!("{list}"));
    // A number cell, a date cell: the CSV's amount and time.
    assert_eq!(milk["amount"], "28.16");
    assert_eq!(milk["at"], "2026-04-01T08:00:00+08:00");
    assert_eq!(milk["method"], 1, "B3: the card ending 7449");
    let snack = txs
        .iter()
        .find(|t| t["order_no"] == "10000000000202604020002")
        .unwrap();
    assert_eq!(snack["amount"], "8.00");
    // A date written as text in the sheet reads the same.
    let friend = txs
        .iter()
        .find(|t| t["order_no"] == "1000000000202604030003")
        .unwrap();
    assert_eq!(friend["at"], "2026-04-03T18:00:00+08:00");
}

#[test]
fn the_xlsx_after_the_csv_of_the_same_period_writes_nothing_new() {
    let (dir, db) = setup();
    let csv = import(&db, &data("wechat.csv"), "1", &[], None);
    assert_eq!(csv["written"], 4);
    let xlsx = write(dir.path(), "账单.xlsx", &wechat_xlsx());
    let again = import(&db, &xlsx, "1", &[], None);
    assert_eq!(again["written"], 0, "B4: {again}");
    assert_eq!(again["rows"], 0);
    assert_eq!(lines(&again["duplicates"]), vec![18, 19, 20, 23]);
    assert!(
        again["duplicates"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("already recorded (same WeChat Pay order number, time and amount) (B4)"),
        "{again}"
    );
    assert_eq!(listed(&db, "1")["total"], 4);
}

// ---- the zip ---------------------------------------------------------------------

#[test]
fn a_protected_zip_imports_with_its_password_from_standard_input() {
    let (dir, db) = setup();
    let csv = std::fs::read(data("wechat.csv")).unwrap();
    let aes = write(
        dir.path(),
        "aes.zip",
        &zipped("微信支付账单(20260401-20260430).csv", &csv, Crypto::Aes),
    );
    let line = format!("{PASSWORD}\n");
    let dry = import(&db, &aes, "1", &["--dry-run"], Some(&line));
    assert_eq!(
        dry["format"],
        "WeChat Pay CSV (header with 交易单号, UTF-8), from a password-protected zip"
    );
    assert_eq!(dry["rows"], 4, "{dry}");
    let o = walletdesk(
        &db,
        &["tx", "import", aes.to_str().unwrap(), "--account", "1"],
        Some(&line),
    );
    let text = ok(&o);
    assert!(text.contains("Imported 4 payments"), "{text}");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!text.contains(PASSWORD) && !stderr.contains(PASSWORD));
    assert_eq!(listed(&db, "1")["total"], 4);

    // The XLSX in a ZipCrypto zip, on the Alipay-free account 1 again: all known (B4).
    let legacy = write(
        dir.path(),
        "legacy.zip",
        &zipped("微信支付账单.xlsx", &wechat_xlsx(), Crypto::ZipCrypto),
    );
    let v = import(&db, &legacy, "1", &[], Some(PASSWORD));
    assert_eq!(
        v["format"],
        "WeChat Pay XLSX (header with 交易单号), from a password-protected zip"
    );
    assert_eq!(v["written"], 0, "{v}");
    assert_eq!(v["duplicates"].as_array().unwrap().len(), 4);
}

#[test]
fn a_zip_without_or_with_a_wrong_password_writes_nothing() {
    let (dir, db) = setup();
    let csv = std::fs::read(data("wechat.csv")).unwrap();
    for crypto in [Crypto::Aes, Crypto::ZipCrypto] {
        let zip = write(dir.path(), "bill.zip", &zipped("bill.csv", &csv, crypto));
        let args = ["tx", "import", zip.to_str().unwrap(), "--account", "1"];
        // No password on standard input.
        let e = err(&walletdesk(&db, &args, None), 2);
        assert!(
            e.contains("password: the zip is protected by a password: give it"),
            "{e}"
        );
        assert!(e.contains("nothing was written"), "{e}");
        let mut json = vec!["--json"];
        json.extend_from_slice(&args);
        let o = walletdesk(&db, &json, Some("\n"));
        assert_eq!(o.status.code(), Some(2));
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["errors"][0]["field"], "password", "{v}");
        assert_eq!(v["written"], 0);
        // A wrong one.
        let o = walletdesk(&db, &json, Some("not-it\n"));
        assert_eq!(o.status.code(), Some(2));
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["errors"][0]["field"], "password", "{v}");
        assert!(
            v["errors"][0]["problem"]
                .as_str()
                .unwrap()
                .starts_with("the password does not open this zip"),
            "{v}"
        );
        assert!(!String::from_utf8_lossy(&o.stderr).contains("not-it"));
        assert_eq!(listed(&db, "1")["total"], 0);
    }
}

#[test]
fn a_truncated_zip_is_said_plainly() {
    let (dir, db) = setup();
    let csv = std::fs::read(data("wechat.csv")).unwrap();
    let whole = zipped("bill.csv", &csv, Crypto::Aes);
    let cut = write(dir.path(), "cut.zip", &whole[..whole.len() / 2]);
    let o = walletdesk(
        &db,
        &["tx", "import", cut.to_str().unwrap(), "--account", "1"],
        Some(&format!("{PASSWORD}\n")),
    );
    let e = err(&o, 2);
    assert!(e.contains("file: not a zip walletdesk can open"), "{e}");
    assert!(e.contains("nothing was written"), "{e}");
    // A cut XLSX too.
    let xlsx = wechat_xlsx();
    let cut = write(dir.path(), "cut.xlsx", &xlsx[..xlsx.len() - 40]);
    let e = err(
        &walletdesk(
            &db,
            &["tx", "import", cut.to_str().unwrap(), "--account", "1"],
            None,
        ),
        2,
    );
    assert!(e.contains("file: not a zip walletdesk can open"), "{e}");
    // An XLSX Excel encrypted itself (an OLE file): said, not taken for text.
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend_from_slice(&[0; 504]);
    let ole = write(dir.path(), "locked.xlsx", &ole);
    let e = err(
        &walletdesk(
            &db,
            &["tx", "import", ole.to_str().unwrap(), "--account", "1"],
            None,
        ),
        2,
    );
    assert!(
        e.contains("file: an old .xls, or an Excel file protected"),
        "{e}"
    );
    assert_eq!(listed(&db, "1")["total"], 0);
}

// ---- Excel -----------------------------------------------------------------------

#[test]
fn an_alipay_csv_re_saved_by_excel_names_the_line_and_field() {
    let (dir, db) = setup();
    let text = std::fs::read_to_string(data("alipay-2023.utf8-bom.csv")).unwrap();
    let order = "2026030622001400000000000006";
    let line = text.lines().position(|l| l.contains(order)).unwrap() + 1;
    let bad = write(
        dir.path(),
        "re-saved.csv",
        text.replacen(order, "1.2E+27", 1).as_bytes(),
    );
    let args = ["tx", "import", bad.to_str().unwrap(), "--account", "2"];
    let e = err(&walletdesk(&db, &args, None), 2);
    assert!(
        e.contains(&format!(
            "line {line}: 交易订单号: 1.2E+27 is an order number Excel turned into a number; export the bill again from Alipay, don't re-save it in Excel"
        )),
        "{e}"
    );
    assert!(e.contains("nothing was written"), "{e}");
    // A time Excel reformatted: said so.
    let bad = write(
        dir.path(),
        "re-saved-time.csv",
        text.replacen("2026-03-06 20:45:30", "2026/3/6 20:45", 1)
            .as_bytes(),
    );
    let mut json = vec!["--json"];
    json.extend_from_slice(&["tx", "import", bad.to_str().unwrap(), "--account", "2"]);
    let o = walletdesk(&db, &json, None);
    assert_eq!(o.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["errors"][0]["line"], line);
    assert_eq!(v["errors"][0]["field"], "交易时间");
    assert!(
        v["errors"][0]["problem"]
            .as_str()
            .unwrap()
            .contains("Excel may have reformatted it"),
        "{v}"
    );
    assert_eq!(listed(&db, "2")["total"], 0);
}
