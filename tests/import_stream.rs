//! A walletdesk CSV larger than the preview keeps: the preview counts every row
//! and lists the first ones, the write reads the file again (the person's
//! changes applied by line) and refuses a file changed since; `tx import`
//! reads and writes in one pass, and writes nothing when a line is wrong.
#![allow(clippy::unwrap_used)]

mod common;

use std::fmt::Write as _;

use common::*;
use walletdesk::domain::bills::FormatChoice;
use walletdesk::domain::limits::TxType;
use walletdesk::store::TxnFilter;
use walletdesk::wallet::{Finished, KEPT_ROWS, RowChange};

const HEADER: &str = "at,amount,currency,type,to,method,counterparty,note,fx_exempt\n";

/// `n` payments a minute apart from 2025-01-01, CNY 1.00 up; line `i + 2`
/// is payment `i`.
fn csv(n: usize) -> String {
    let mut s = String::from(HEADER);
    let start = chrono::DateTime::parse_from_rfc3339("2025-01-01T08:00:00+08:00").unwrap();
    for i in 0..n {
        let at = start + chrono::Duration::minutes(i64::try_from(i).unwrap());
        writeln!(
            s,
            "{},{}.00,CNY,goods,merchant,,Shop {},,false",
            at.to_rfc3339(),
            1 + i % 500,
            i % 97
        )
        .unwrap();
    }
    s
}

#[test]
fn a_large_preview_keeps_its_first_rows_and_the_write_reads_the_file_again() {
    let (t, a) = wallet_with_rate();
    let n = KEPT_ROWS + 2_500;
    let file = t.dir.path().join("big.csv");
    std::fs::write(&file, csv(n)).unwrap();

    let mut p = preview_file(&t.wallet, a, &file);
    assert_eq!(p.error_total, 0, "{:?}", p.errors);
    assert_eq!(p.row_total, n);
    assert_eq!(p.rows.len(), KEPT_ROWS, "the table's rows, not the file's");
    assert!(!p.holds_all());
    let summary = walletdesk::words::import_summary(&p);
    assert!(summary.starts_with(&format!("{n} rows")), "{summary}");
    // The person leaves line 2 out and makes line 3 a personal transfer.
    t.wallet
        .import_change(a, &mut p, 2, RowChange::Include(false))
        .unwrap();
    t.wallet
        .import_change(a, &mut p, 3, RowChange::Type(TxType::Personal))
        .unwrap();
    assert_eq!(p.chosen_count(), n - 1);

    let Finished::Done(written) = t.wallet.start_import_write(a, p).wait(&mut |_| {}).unwrap()
    else {
        panic!("cancelled")
    };
    assert_eq!(written, n - 1);
    assert_eq!(txn_total(&t.wallet, a), u64::try_from(n - 1).unwrap());
    let oldest = t
        .wallet
        .txn_page(
            &TxnFilter {
                account: Some(a),
                ..TxnFilter::default()
            },
            u64::try_from(n - 2).unwrap(),
            1,
        )
        .unwrap();
    assert_eq!(oldest[0].new.amount.to_string(), "2.00", "line 2 left out");
    assert_eq!(oldest[0].new.ty, TxType::Personal, "line 3 changed");
    // The day totals count every written payment once, with its amount.
    let raw = rusqlite::Connection::open(t.path()).unwrap();
    let sums = |sql: &str| -> (i64, i64) {
        raw.query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
    };
    assert_eq!(
        sums("SELECT sum(count), sum(cny_cents) FROM day_total"),
        sums("SELECT count(*), sum(cny_cents) FROM txn"),
    );

    // The same file again: every row is a duplicate, nothing written.
    let again = preview_file(&t.wallet, a, &file);
    assert_eq!(again.row_total, 1, "only the left-out line 2 is new");
    assert_eq!(again.duplicate_total, n - 1);
}

#[test]
fn a_file_changed_after_its_preview_is_not_written() {
    let (t, a) = wallet_with_rate();
    let n = KEPT_ROWS + 10;
    let file = t.dir.path().join("big.csv");
    std::fs::write(&file, csv(n)).unwrap();
    let p = preview_file(&t.wallet, a, &file);
    assert!(!p.holds_all());
    // Same length, other content: the amounts of one line change.
    let text = csv(n).replacen(",1.00,CNY", ",9.00,CNY", 1);
    std::fs::write(&file, text).unwrap();
    let e = t
        .wallet
        .start_import_write(a, p)
        .wait(&mut |_| {})
        .unwrap_err();
    assert!(e.to_string().contains("changed since it was read"), "{e}");
    assert_eq!(txn_total(&t.wallet, a), 0, "nothing written");
}

#[test]
fn one_pass_import_writes_every_row_or_none() {
    let (t, a) = wallet_with_rate();
    let n = KEPT_ROWS + 100;
    let file = t.dir.path().join("big.csv");
    let mut text = csv(n);
    // A repeated line is skipped, not doubled.
    let first = text.lines().nth(1).unwrap().to_owned();
    writeln!(text, "{first}").unwrap();
    std::fs::write(&file, &text).unwrap();
    let p = import_file(&t.wallet, a, &file);
    assert_eq!(p.written, Some(n));
    assert_eq!(p.duplicate_total, 1);
    assert_eq!(txn_total(&t.wallet, a), u64::try_from(n).unwrap());

    // A bad amount on the last line: nothing of the file is written.
    let other = t.dir.path().join("bad.csv");
    let mut bad = csv(50).replace("Shop", "Other");
    bad.push_str("2026-01-01T08:00:00+08:00,1x,CNY,goods,merchant,,X,,false\n");
    std::fs::write(&other, &bad).unwrap();
    let p = import_file(&t.wallet, a, &other);
    assert_eq!(p.error_total, 1, "{:?}", p.errors);
    assert!(p.errors[0].1.contains("amount"), "{:?}", p.errors);
    assert_eq!(
        txn_total(&t.wallet, a),
        u64::try_from(n).unwrap(),
        "unchanged"
    );
}

/// The file is read on a second thread while this one writes: errors come in
/// the file's order, and a cancel writes nothing.
#[test]
fn a_large_import_lists_errors_in_line_order_and_a_cancel_writes_nothing() {
    let (mut t, a) = wallet_with_rate();
    let n = 20_000;
    let mut lines: Vec<String> = csv(n).lines().map(str::to_owned).collect();
    // Line numbers are 1-based with the header at 1: payment i is line i + 2.
    for line in [19_001, 7, 12_345, 4_097] {
        lines[line - 1] = lines[line - 1].replace(",CNY,", ",CNQ,");
    }
    let text = lines.join("\n") + "\n";
    let Finished::Done(p) = t
        .wallet
        .import_preview(
            a,
            text.as_bytes(),
            text.len() as u64,
            &mut |_| {},
            &std::sync::atomic::AtomicBool::new(false),
        )
        .unwrap()
    else {
        panic!("cancelled")
    };
    let at: Vec<u64> = p.errors.iter().map(|(line, _)| *line).collect();
    assert_eq!(at, vec![7, 4_097, 12_345, 19_001]);
    assert_eq!(p.row_total, n - 4);

    let good = csv(n);
    let cancelled = t
        .wallet
        .import_file(
            a,
            FormatChoice::Auto,
            good.as_bytes(),
            good.len() as u64,
            None,
            &mut |_| {},
            &std::sync::atomic::AtomicBool::new(true),
        )
        .unwrap();
    assert!(matches!(cancelled, Finished::Cancelled));
    assert_eq!(txn_total(&t.wallet, a), 0, "nothing written");
}
