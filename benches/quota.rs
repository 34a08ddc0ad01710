//! Quota figures with a million transactions: from the per-day totals (what
//! walletdesk does) side by side with adding up every row (what it must not do).
//! Also a page of the transactions view, deep in the list.
//!
//! `cargo bench --bench quota` (the first run builds a 1,000,000-row database in
//! `target/bench/`, about a minute; later runs reuse it).

use std::path::PathBuf;

use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};
use walletdesk::domain::{AccountDraft, AccountId};
use walletdesk::store::TxnFilter;
use walletdesk::vault::Vault;
use walletdesk::{Clock, Wallet};

const ROWS: u64 = 1_000_000;

fn clock() -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-21T12:00:00+08:00").expect("a valid time"))
}

fn database() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).expect("target/bench");
    let path = dir.join(format!("quota-one-account-{ROWS}.sqlite"));
    if !path.exists() {
        let tmp = dir.join("building.sqlite");
        let _ = std::fs::remove_file(&tmp);
        let mut w = Wallet::open(&tmp, Vault::memory(), clock()).expect("open");
        // One verified Alipay account holds every row.
        w.add_account(&AccountDraft {
            provider: "alipay".into(),
            label: "支付宝".into(),
            tier: "verified".into(),
            ..AccountDraft::default()
        })
        .expect("account");
        let started = std::time::Instant::now();
        w.load_demo_transactions(ROWS).expect("demo transactions");
        eprintln!("built {ROWS} transactions in {:?}", started.elapsed());
        drop(w);
        std::fs::rename(&tmp, &path).expect("rename");
    }
    path
}

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

    let mut g = c.benchmark_group("transactions view");
    g.bench_function("count with the account filter", |b| {
        b.iter(|| w.txn_count(&filter).expect("count"));
    });
    g.bench_function("a page of 60 rows at the top", |b| {
        b.iter(|| w.txn_page(&filter, 0, 60).expect("page"));
    });
    g.bench_function("a page of 60 rows at the bottom", |b| {
        b.iter(|| {
            w.txn_page_of(&filter, rows.saturating_sub(60), 60, rows)
                .expect("page")
        });
    });
    g.bench_function("a page of 60 rows in the middle (the worst place)", |b| {
        b.iter(|| w.txn_page_of(&filter, rows / 2, 60, rows).expect("page"));
    });
    g.bench_function("a page of 60 rows filtered by text", |b| {
        let f = TxnFilter {
            text: "Luckin".into(),
            ..filter.clone()
        };
        b.iter(|| w.txn_page(&f, 0, 60).expect("page"));
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
