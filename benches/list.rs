//! The Transactions view's reads at a million payments in one account: the
//! count and totals line, a text search, and a page anywhere in the list, read
//! by offset (the old way) and from the page marks (keyset paging, what the
//! list's worker does).
//!
//! `cargo bench --bench list` (the first run builds the 1,000,000-row database in
//! `target/bench/`, shared with `benches/quota.rs`).

mod common;

use common::{ROWS, clock, database};
use criterion::{Criterion, criterion_group, criterion_main};
use walletdesk::Wallet;
use walletdesk::domain::AccountId;
use walletdesk::store::TxnFilter;
use walletdesk::vault::Vault;

/// The rows a page of the window's table holds (`ui::PAGE`).
const PAGE: u64 = 100;

fn bench(c: &mut Criterion) {
    let path = database();
    let w = Wallet::open(&path, Vault::memory(), clock()).expect("open");
    let filter = TxnFilter {
        account: Some(AccountId(1)),
        ..TxnFilter::default()
    };
    let rows = w.txn_count(&filter).expect("count");
    eprintln!("account 1 holds {rows} of {ROWS} transactions");

    let mut g = c.benchmark_group(format!("transactions view, {rows} rows"));
    g.bench_function("count and totals, the account's list", |b| {
        b.iter(|| w.txn_totals(&filter).expect("totals"));
    });
    g.bench_function("page marks: read once per filter", |b| {
        b.iter(|| w.page_marks(&filter).expect("marks"));
    });
    let marks = w.page_marks(&filter).expect("marks");
    g.bench_function("a page at the top", |b| {
        b.iter(|| w.txn_page(&filter, 0, PAGE).expect("page"));
    });
    g.bench_function("a page in the middle, by offset (before)", |b| {
        b.iter(|| w.txn_page_of(&filter, rows / 2, PAGE, rows).expect("page"));
    });
    g.bench_function("a page in the middle, from the marks", |b| {
        b.iter(|| {
            w.txn_page_marked(&filter, &marks, rows / 2 + 517, PAGE, rows)
                .expect("page")
        });
    });
    g.bench_function("a page at the bottom, from the marks", |b| {
        b.iter(|| {
            w.txn_page_marked(&filter, &marks, rows - PAGE, PAGE, rows)
                .expect("page")
        });
    });
    g.finish();

    // Searches: a word in one row in seven (a common merchant) and one in a
    // handful of rows.
    // The rows are indexed for search first (once; the window's worker does
    // it while idle after an import).
    let started = std::time::Instant::now();
    w.index_text(u64::MAX).expect("index");
    eprintln!("indexed for text search in {:?}", started.elapsed());
    let mut g = c.benchmark_group(format!("text search, {rows} rows"));
    g.sample_size(10);
    for (name, text) in [
        ("a common word (Luckin)", "Luckin"),
        ("a rare word (Landlord)", "Landlord"),
        ("two letters (not indexed: a scan)", "Lu"),
    ] {
        let f = TxnFilter {
            text: text.into(),
            ..filter.clone()
        };
        // What the table shows first: the newest page (with the count, for
        // a rare word); then the count; the totals line last, on its own worker.
        g.bench_function(format!("{name}: the first answer, the newest page"), |b| {
            b.iter(|| w.txn_first_page(&f, PAGE).expect("page"));
        });
        g.bench_function(format!("{name}: the count"), |b| {
            b.iter(|| w.txn_count(&f).expect("count"));
        });
        g.bench_function(format!("{name}: count and totals"), |b| {
            b.iter(|| w.txn_totals(&f).expect("totals"));
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::quick();
    targets = bench
}
criterion_main!(benches);
