//! An Alipay bill larger than the preview keeps is streamed like walletdesk's own
//! CSV: the preview counts every row and lists the first ones, a refund finds
//! its payment further down the file (bills list the newest first), the write
//! reads the file again with the person's changes and refuses a changed file,
//! and `tx import` reads and writes in one pass, all rows or none.
#![allow(clippy::unwrap_used)]

mod common;

use std::fmt::Write as _;
use std::path::Path;

use common::*;
use walletdesk::domain::limits::TxType;
use walletdesk::store::TxnFilter;
use walletdesk::wallet::{Finished, KEPT_ROWS, RowChange};

/// The sample bill's text up to and with its header line, and how many lines that is.
fn bill_head() -> (String, u64) {
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/alipay-2023.utf8-bom.csv"),
    )
    .unwrap();
    let start = sample.find("交易时间,").unwrap();
    let end = start + sample[start..].find('\n').unwrap() + 1;
    let head = sample[..end].to_owned();
    let lines = head.matches('\n').count() as u64;
    (head, lines)
}

/// A row of an Alipay bill: a payment of `yuan` on order `order`, or its refund.
fn bill_row(s: &mut String, at: &str, yuan: usize, order: usize, refund: bool) {
    let (kind, item, direction, status) = if refund {
        ("退款", "退款-午餐套餐", "不计收支", "退款成功")
    } else {
        ("餐饮美食", "午餐套餐", "支出", "交易成功")
    };
    writeln!(
        s,
        "{at},{kind}        ,示例餐厅 {}       ,            ,{item}        ,{direction}          ,{yuan}.00       ,余额          ,{status}        ,2025{order:020}\t,T{order}\t    ,            ,",
        order % 50,
    )
    .unwrap();
}

/// A bill listing, newest first: a refund of the oldest payment, `n` payments a
/// minute apart (order numbers n-1 down to 0), and a repeat of the newest one.
/// Returns the text and the line of the first payment.
fn big_bill(n: usize) -> (String, u64) {
    let (mut s, head) = bill_head();
    let start =
        chrono::NaiveDateTime::parse_from_str("2025-01-01 08:00:00", "%Y-%m-%d %H:%M:%S").unwrap();
    let at = |i: usize| {
        (start + chrono::Duration::minutes(i64::try_from(i).unwrap()))
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    };
    bill_row(&mut s, &at(n + 10), 1, 0, true);
    for i in (0..n).rev() {
        bill_row(&mut s, &at(i), 1 + i % 300, i, false);
    }
    bill_row(&mut s, &at(n - 1), 1 + (n - 1) % 300, n - 1, false);
    (s, head + 2)
}

#[test]
fn a_large_bill_is_previewed_in_part_and_written_from_a_second_reading() {
    let (t, a) = wallet_with_rate();
    let n = KEPT_ROWS + 300;
    let (text, first) = big_bill(n);
    let file = t.dir.path().join("alipay.csv");
    std::fs::write(&file, &text).unwrap();

    let mut p = preview_file(&t.wallet, a, &file);
    assert_eq!(p.error_total, 0, "{:?}", p.errors.first());
    assert!(p.format.starts_with("Alipay CSV"), "{}", p.format);
    assert_eq!(p.row_total, n);
    assert_eq!(p.rows.len(), KEPT_ROWS, "the table's rows, not the file's");
    assert!(!p.holds_all());
    // The refund on the first row finds its payment, the file's last but one.
    assert_eq!(p.refunds.len(), 1);
    assert_eq!(p.refunds[0].line, first - 1);
    assert!(p.refunds[0].linked, "its payment is further down the file");
    // The newest payment listed twice: the second is a repeat of the first (B4).
    assert_eq!(p.duplicate_total, 1);
    let last = first + n as u64;
    assert_eq!(
        p.duplicates,
        vec![(last, format!("repeats line {first} of the file (B4)"))]
    );

    // A file changed after its preview is not written, even when its length and
    // time are the same: two payments swap lines, or a payment far past the
    // listed rows gets another item of the same length.
    let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
    let mut swapped: Vec<&str> = text.split_inclusive('\n').collect();
    let at = usize::try_from(first).unwrap() - 1;
    swapped.swap(at, at + 1);
    let mut renamed: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    let far = at + KEPT_ROWS + 100;
    renamed[far] = renamed[far].replace("午餐套餐", "晚餐套餐");
    assert_eq!(renamed.concat().len(), text.len());
    for edited in [swapped.concat(), renamed.concat()] {
        std::fs::write(&file, edited).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        let changed = t
            .wallet
            .start_import_write(a, p.clone())
            .wait(&mut |_| {})
            .unwrap_err()
            .to_string();
        assert!(changed.contains("changed since it was read"), "{changed}");
        assert_eq!(txn_total(&t.wallet, a), 0);
    }
    std::fs::write(&file, &text).unwrap();
    p = preview_file(&t.wallet, a, &file);

    // The person leaves the newest payment out and makes the next a personal transfer.
    t.wallet
        .import_change(a, &mut p, first, RowChange::Include(false))
        .unwrap();
    t.wallet
        .import_change(a, &mut p, first + 1, RowChange::Type(TxType::Personal))
        .unwrap();
    let Finished::Done(written) = t.wallet.start_import_write(a, p).wait(&mut |_| {}).unwrap()
    else {
        panic!("cancelled")
    };
    assert_eq!(written, n - 1 + 1, "every payment but one, and the refund");
    assert_eq!(txn_total(&t.wallet, a), u64::try_from(n).unwrap());
    let newest = t
        .wallet
        .txn_page(
            &TxnFilter {
                account: Some(a),
                ..TxnFilter::default()
            },
            0,
            2,
        )
        .unwrap();
    assert!(
        newest[0].new.amount.to_string() == "1.00",
        "the refund is the newest"
    );
    assert_eq!(
        newest[1].new.ty,
        TxType::Personal,
        "the second line changed"
    );
    assert_eq!(
        newest[1].new.amount.to_string(),
        format!("{}.00", 1 + (n - 2) % 300)
    );

    // The same file again: only the left-out payment is new; the other
    // payments, the refund and the last line's repeat are duplicates.
    let again = preview_file(&t.wallet, a, &file);
    assert_eq!(again.row_total, 1);
    assert_eq!(again.rows[0].line, first);
    assert!(again.refunds.is_empty());
    assert_eq!(again.duplicate_total, (n - 1) + 1 + 1);
}

#[test]
fn tx_import_of_a_bill_writes_in_one_pass_every_row_or_none() {
    let (t, a) = wallet_with_rate();
    let n = KEPT_ROWS + 100;
    let (text, _) = big_bill(n);
    let file = t.dir.path().join("alipay.csv");
    std::fs::write(&file, &text).unwrap();
    // A wrong amount on the first row: nothing written, the line named, and
    // the rest still counted as a preview would (the last line repeats one).
    let (head, rest) = text.split_at(text.find("\n2025").unwrap() + 1);
    let bad = t.dir.path().join("bad.csv");
    let wrong = "2025-06-01 10:00:00,餐饮美食,店,,饭,支出,12.x,余额,交易成功,2025X\t,,,\n";
    std::fs::write(&bad, format!("{head}{wrong}{rest}")).unwrap();
    let p = import_file(&t.wallet, a, &bad);
    assert_eq!(p.error_total, 1, "{:?}", p.errors.first());
    assert_eq!(p.written, Some(0));
    assert_eq!(p.errors[0].0, head.matches('\n').count() as u64 + 1);
    assert_eq!(p.error_parts(0).0, "金额");
    assert_eq!((p.row_total, p.duplicate_total), (n, 1));
    assert_eq!(txn_total(&t.wallet, a), 0, "one bad line writes nothing");

    let p = import_file(&t.wallet, a, &file);
    assert_eq!(p.error_total, 0, "{:?}", p.errors.first());
    assert_eq!(p.written, Some(n + 1), "every payment and the refund");
    assert!(p.refunds[0].linked);
    assert_eq!(txn_total(&t.wallet, a), u64::try_from(n + 1).unwrap());
    // The refund is linked to its payment in the table too (B5).
    let raw = rusqlite::Connection::open(t.path()).unwrap();
    let linked: i64 = raw
        .query_row(
            "SELECT count(*) FROM txn r JOIN txn p ON r.refund_of = p.id
             WHERE r.is_refund = 1 AND p.order_no = r.order_no",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(linked, 1);
    drop(raw);
    // Importing it again writes nothing.
    let p = import_file(&t.wallet, a, &file);
    assert_eq!(p.written, Some(0));
    assert_eq!(p.duplicate_total, n + 2);
}

#[test]
fn a_bill_imported_again_makes_no_backup_and_rotates_none_out() {
    let (mut t, a) = wallet_with_rate();
    t.wallet.set_setting("backups-kept", "2").unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let bill = data.join("alipay-2023.gbk.csv");
    assert!(import_file(&t.wallet, a, &bill).written > Some(0));
    let kept = t.wallet.backups();
    assert_eq!(kept.len(), 1, "the database as it was before the import");

    // Every row already recorded, three times: nothing changed, so no backup
    // is made and none of the older is rotated out.
    for _ in 0..3 {
        assert_eq!(import_file(&t.wallet, a, &bill).written, Some(0));
    }
    // A bill with a bad amount: nothing written, no backup either.
    let (mut bad, _) = bill_head();
    bill_row(&mut bad, "2025-01-01 08:00:00", 5, 1, false);
    let bad = bad.replace("5.00 ", "5.0x ");
    let bad_file = t.dir.path().join("bad.csv");
    std::fs::write(&bad_file, bad).unwrap();
    assert_eq!(import_file(&t.wallet, a, &bad_file).error_total, 1);
    assert_eq!(t.wallet.backups(), kept);

    // A later export with one new row: a backup before it.
    let later_file = data.join("alipay-2023-later.gbk.csv");
    let previewed = preview_file(&t.wallet, a, &later_file);
    assert_eq!(previewed.row_total, 1);
    let later = import_file(&t.wallet, a, &later_file);
    assert_eq!(later.written, Some(1));
    let now = t.wallet.backups();
    assert_eq!(now.len(), 2);
    assert_eq!(now[1], kept[0], "the first backup is still kept");

    // The preview taken before that import, written now: its row was written
    // meanwhile, so nothing is, and the backups stay as they were.
    let written = t
        .wallet
        .start_import_write(a, previewed)
        .wait(&mut |_| {})
        .unwrap();
    assert!(matches!(written, Finished::Done(0)), "{written:?}");
    assert_eq!(t.wallet.backups(), now);
}
