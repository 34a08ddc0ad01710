//! Quota figures with a million transactions: from the per-day totals (what
//! walletdesk does) side by side with adding up every row (what it must not do).
//! The transactions view's reads are in `benches/list.rs`.
//!
//! `cargo bench --bench quota` (the first run builds a 1,000,000-row database in
//! `target/bench/`, about a minute; later runs reuse it).

mod common;

use common::{ROWS, clock, database};
use criterion::{Criterion, criterion_group, criterion_main};
use walletdesk::Wallet;
use walletdesk::domain::AccountId;
use walletdesk::store::TxnFilter;
use walletdesk::vault::Vault;

fn bench(c: &mut Criterion) {
    let path = database();
    let w = Wallet::open(&path, Vault::memory(), clock()).expect("open");
    let account = AccountId(1);
    let filter = TxnFilter {
        account: Some(account),
        ..TxnFilter::default()
    };
    let rows = w.txn_count(&filter).expect("count");
    eprintln!("account 1 holds {rows} of {ROWS} transactions");

    let raw = rusqlite::Connection::open(&path).expect("open raw");
    let mut g = c.benchmark_group(format!("quota of an account with {rows} transactions"));
    g.bench_function("walletdesk: every limit, from day totals", |b| {
        b.iter(|| w.quota(account).expect("quota"));
    });
    g.bench_function("one yearly total, from day totals", |b| {
        b.iter(|| {
            raw.query_row(
                "SELECT sum(usd_cents) FROM day_total WHERE account_id = 1 AND day >= '2026-01-01' AND day < '2027-01-01'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .expect("sum")
        });
    });
    g.bench_function("one yearly total, adding up every row (not used)", |b| {
        b.iter(|| {
            raw.query_row(
                "SELECT sum(usd_cents) FROM txn WHERE account_id = 1 AND day >= '2026-01-01' AND day < '2027-01-01'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .expect("sum")
        });
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::quick();
    targets = bench
}
criterion_main!(benches);
