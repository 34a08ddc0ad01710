//! Helpers shared by the integration tests: a wallet on a real temporary file.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use chrono::DateTime;
use walletdesk::domain::{AccountDraft, AccountId, CardDraft};
use walletdesk::vault::Vault;
use walletdesk::{Clock, Wallet};
use zeroize::Zeroizing;

/// 2026-11-21 noon, Beijing time: the clock every test runs at.
pub fn clock() -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-21T12:00:00+08:00").unwrap())
}

pub struct TempWallet {
    pub dir: tempfile::TempDir,
    pub wallet: Wallet,
}

impl TempWallet {
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("w.sqlite")
    }
}

pub fn temp_wallet(vault: Vault) -> TempWallet {
    let dir = tempfile::tempdir().unwrap();
    let wallet = Wallet::open(&dir.path().join("w.sqlite"), vault, clock()).unwrap();
    TempWallet { dir, wallet }
}

pub fn alipay() -> AccountDraft {
    AccountDraft {
        provider: "alipay".into(),
        label: "支付宝 main".into(),
        tier: "verified".into(),
        holder: "JOHN SMITH".into(),
        passport_expiry: "2030-05-01".into(),
        ..AccountDraft::default()
    }
}

pub fn card(number: &str) -> CardDraft {
    CardDraft {
        number: Zeroizing::new(number.into()),
        expiry: "09/28".into(),
        holder: "JOHN SMITH".into(),
        funding: "credit".into(),
        issuer_country: "US".into(),
        ..CardDraft::default()
    }
}

pub fn add_alipay(w: &mut Wallet) -> AccountId {
    w.add_account(&alipay()).unwrap()
}

/// Does `needle` occur anywhere in the file's bytes? (A missing file holds nothing.)
pub fn file_contains(path: &Path, needle: &str) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// The database file and its WAL and shared-memory companions.
pub fn db_files(db: &Path) -> Vec<PathBuf> {
    let s = db.to_string_lossy();
    vec![
        db.to_owned(),
        PathBuf::from(format!("{s}-wal")),
        PathBuf::from(format!("{s}-shm")),
    ]
}
