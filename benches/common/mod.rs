//! The benches' shared data: a seeded database of a million payments, built on
//! the first run under `target/bench/` (about a minute) and reused after.
#![allow(dead_code)]

use std::path::PathBuf;

use chrono::DateTime;
use walletdesk::domain::AccountDraft;
use walletdesk::vault::Vault;
use walletdesk::{Clock, Wallet};

pub const ROWS: u64 = 1_000_000;

pub fn clock() -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-21T12:00:00+08:00").expect("a valid time"))
}

pub fn database() -> PathBuf {
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

/// Criterion's settings for the million-row benches: each read takes
/// milliseconds, so 20 samples over 3 s are enough.
pub fn quick() -> criterion::Criterion {
    criterion::Criterion::default()
        .sample_size(20)
        .measurement_time(std::time::Duration::from_secs(3))
}
