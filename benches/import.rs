//! Import speed: walletdesk's own CSV (one pass: read and write) and an Alipay
//! bill (read, then write), into a fresh database each time. The files are
//! generated, seeded, under `target/bench/` on the first run.
//!
//! `cargo bench --bench import` (`IMPORT_ROWS=1000000` for the million-row
//! figure of BENCHMARKS.md; the default, 100,000, keeps a run near a minute).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::DateTime;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use walletdesk::domain::bills::FormatChoice;
use walletdesk::domain::{AccountDraft, AccountId};
use walletdesk::vault::Vault;
use walletdesk::wallet::Finished;
use walletdesk::{Clock, Wallet};

fn rows() -> usize {
    std::env::var("IMPORT_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

fn clock() -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-21T12:00:00+08:00").expect("a valid time"))
}

fn dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&d).expect("target/bench");
    d
}

/// A small deterministic generator (no dependency): xorshift64*.
struct Seeded(u64);
impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

const SHOPS: [&str; 8] = [
    "Luckin Coffee",
    "Hema Fresh",
    "Didi",
    "China Railway 12306",
    "Meituan",
    "FamilyMart",
    "Taobao seller",
    "Airbnb",
];

/// walletdesk's own CSV: `n` payments over two years, in time order.
fn own_csv(n: usize) -> PathBuf {
    let path = dir().join(format!("import-own-{n}.csv"));
    if path.exists() {
        return path;
    }
    let mut r = Seeded(0x5eed);
    let start = DateTime::parse_from_rfc3339("2024-11-21T00:00:00+08:00").expect("time");
    let step = (2 * 365 * 86_400) / i64::try_from(n).expect("rows");
    let mut s = String::from("at,amount,currency,type,to,method,counterparty,note,fx_exempt\n");
    for i in 0..n {
        let at = start + chrono::Duration::seconds(step * i64::try_from(i).expect("i"));
        let cents = 100 + r.next() % 50_000;
        let shop = SHOPS[usize::try_from(r.next() % 8).expect("index")];
        let _ = writeln!(
            s,
            "{},{}.{:02},CNY,goods,merchant,,{shop} #{},order {i},false",
            at.to_rfc3339(),
            cents / 100,
            cents % 100,
            r.next() % 1000
        );
    }
    write(&path, s.as_bytes());
    path
}

/// An Alipay CSV bill (UTF-8, the 2023 header) of `n` payments.
fn alipay_bill(n: usize) -> PathBuf {
    let path = dir().join(format!("import-alipay-{n}.csv"));
    if path.exists() {
        return path;
    }
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/alipay-2023.utf8-bom.csv"),
    )
    .expect("the sample bill");
    let head_end = sample.find("交易时间,").expect("the sample's header");
    let header_end = head_end + sample[head_end..].find('\n').expect("header line") + 1;
    let mut s = sample[..header_end].to_owned();
    let mut r = Seeded(0xa11);
    let start = DateTime::parse_from_rfc3339("2024-11-21T00:00:00+08:00").expect("time");
    let step = (2 * 365 * 86_400) / i64::try_from(n).expect("rows");
    for i in 0..n {
        let at = start + chrono::Duration::seconds(step * i64::try_from(i).expect("i"));
        let cents = 100 + r.next() % 50_000;
        let _ = writeln!(
            s,
            "{},餐饮美食        ,示例餐厅 {}       ,            ,午餐套餐        ,支出          ,{}.{:02}       ,余额          ,交易成功        ,{}\t,T{i}\t    ,            ,",
            at.format("%Y-%m-%d %H:%M:%S"),
            r.next() % 1000,
            cents / 100,
            cents % 100,
            20_240_000_000_000_000_000_000_000_u128 + i as u128
        );
    }
    write(&path, s.as_bytes());
    path
}

fn write(path: &Path, bytes: &[u8]) {
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, bytes).expect("write the bench file");
    std::fs::rename(&tmp, path).expect("rename");
}

/// A fresh database with one verified Alipay account.
fn fresh(dir: &Path) -> (Wallet, AccountId) {
    let db = dir.join("w.sqlite");
    let _ = std::fs::remove_file(&db);
    let mut w = Wallet::open(&db, Vault::memory(), clock()).expect("open");
    let a = w
        .add_account(&AccountDraft {
            provider: "alipay".into(),
            label: "Alipay".into(),
            tier: "verified".into(),
            ..AccountDraft::default()
        })
        .expect("account");
    w.set_rate("USD", "CNY", "7.2", "2020-01-01")
        .expect("a rate");
    (w, a)
}

fn import(w: &mut Wallet, a: AccountId, file: &Path) -> usize {
    let f = std::fs::File::open(file).expect("open the file");
    let size = f.metadata().expect("size").len();
    let input = std::io::BufReader::with_capacity(256 * 1024, f);
    let cancel = std::sync::atomic::AtomicBool::new(false);
    match w
        .import_file(
            a,
            FormatChoice::Auto,
            input,
            size,
            None,
            &mut |_| {},
            &cancel,
        )
        .expect("import")
    {
        Finished::Done(p) => {
            assert_eq!(p.error_total, 0, "{:?}", p.errors.first());
            p.written.expect("written")
        }
        Finished::Cancelled => unreachable!("never cancelled"),
    }
}

fn bench(c: &mut Criterion) {
    let n = rows();
    let scratch = tempfile::tempdir().expect("scratch folder");
    let mut g = c.benchmark_group(format!("import {n} rows into a fresh database"));
    g.sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Elements(n as u64));
    for (name, file) in [
        ("walletdesk CSV", own_csv(n)),
        ("Alipay bill (CSV)", alipay_bill(n)),
    ] {
        g.bench_function(name, |b| {
            b.iter_batched(
                || fresh(scratch.path()),
                |(mut w, a)| assert_eq!(import(&mut w, a, &file), n),
                criterion::BatchSize::PerIteration,
            );
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
