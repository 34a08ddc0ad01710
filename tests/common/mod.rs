//! Helpers shared by the integration tests: a wallet on a real temporary file.
#![allow(dead_code, clippy::unwrap_used)]

pub mod gui;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::AtomicBool;

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

/// The clock of the command-line tests (`--now`).
pub const NOW: &str = "2026-11-21T12:00:00+08:00";

/// The built binary on `db` at `NOW` (unless the args give `--now`), with the
/// in-memory secret store and piped standard streams.
pub fn walletdesk_command(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_walletdesk"));
    cmd.arg("--db").arg(db);
    if !args.contains(&"--now") {
        cmd.args(["--now", NOW]);
    }
    cmd.args(args)
        .env("WALLETDESK_SECRET_STORE", "memory")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Run a command to the end, feeding `stdin`.
pub fn run_command(mut cmd: Command, stdin: Option<&str>) -> Output {
    let mut child = cmd.spawn().unwrap();
    {
        let mut pipe = child.stdin.take().unwrap();
        if let Some(s) = stdin {
            pipe.write_all(s.as_bytes()).unwrap();
        }
    }
    child.wait_with_output().unwrap()
}

/// `walletdesk` with these args and standard input, run to the end.
pub fn walletdesk(db: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    run_command(walletdesk_command(db, args), stdin)
}

/// Standard output of a run that must succeed.
pub fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Standard error of a run that must exit with `code`.
pub fn err(o: &Output, code: i32) -> String {
    assert_eq!(
        o.status.code(),
        Some(code),
        "stdout: {} stderr: {}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// What importing `text` into account `a` would do.
pub fn preview(w: &Wallet, a: AccountId, text: &str) -> walletdesk::wallet::ImportPreview {
    match w
        .import_preview(
            a,
            text.as_bytes(),
            text.len() as u64,
            &mut |_| {},
            &AtomicBool::new(false),
        )
        .unwrap()
    {
        walletdesk::wallet::Finished::Done(p) => p,
        walletdesk::wallet::Finished::Cancelled => panic!("cancelled"),
    }
}

/// Garbage over a page in the middle of a closed database file (its WAL
/// checkpointed); returns the file's bytes as written.
pub fn damage_middle_page(db: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap();
    let pages = bytes.len() / 4096;
    assert!(pages > 20, "{pages} pages");
    let mid = pages / 2 * 4096;
    for (i, b) in bytes[mid..mid + 4096].iter_mut().enumerate() {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(db, &bytes).unwrap();
    bytes
}

/// A USD/CNY rate of 7.2 from `date` (imports convert with it).
pub fn add_usd_cny(w: &mut Wallet, date: &str) {
    w.add_rate(&walletdesk::wallet::RateDraft {
        from: "USD".into(),
        to: "CNY".into(),
        rate: "7.2".into(),
        date: date.into(),
    })
    .unwrap();
}

/// A wallet with one Alipay account and a USD/CNY rate since 2020.
pub fn wallet_with_rate() -> (TempWallet, AccountId) {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    add_usd_cny(&mut t.wallet, "2020-01-01");
    (t, a)
}

/// The preview of `file` for account `a`, read by the import job.
pub fn preview_file(w: &Wallet, a: AccountId, file: &Path) -> walletdesk::wallet::ImportPreview {
    match w.start_import_preview(a, file).wait(&mut |_| {}).unwrap() {
        walletdesk::wallet::Finished::Done(p) => p,
        walletdesk::wallet::Finished::Cancelled => panic!("cancelled"),
    }
}

/// How many payments account `a` holds.
pub fn txn_total(w: &Wallet, a: AccountId) -> u64 {
    w.txn_count(&walletdesk::store::TxnFilter {
        account: Some(a),
        ..walletdesk::store::TxnFilter::default()
    })
    .unwrap()
}

/// `tx import` of `file` into account `a` (read and written in one job), as
/// its format is detected.
pub fn import_file(w: &Wallet, a: AccountId, file: &Path) -> walletdesk::wallet::ImportPreview {
    let job = w.start_import(a, file, walletdesk::domain::bills::FormatChoice::Auto, None);
    match job.wait(&mut |_| {}).unwrap() {
        walletdesk::wallet::Finished::Done(p) => p,
        walletdesk::wallet::Finished::Cancelled => panic!("cancelled"),
    }
}
