#![no_main]
//! Any bytes as a transactions CSV: a preview with errors by line.
use std::sync::atomic::AtomicBool;

use libfuzzer_sys::fuzz_target;
use walletdesk::domain::AccountDraft;
use walletdesk::vault::Vault;
use walletdesk::{Clock, Wallet};

fuzz_target!(|bytes: &[u8]| {
    thread_local! {
        static WALLET: (tempfile::TempDir, std::cell::RefCell<Wallet>) = {
            let dir = tempfile::tempdir().expect("tempdir");
            let mut w = Wallet::open(&dir.path().join("f.sqlite"), Vault::memory(), Clock::System)
                .expect("open");
            w.add_account(&AccountDraft { label: "F".into(), ..AccountDraft::default() })
                .expect("account");
            w.set_rate("USD", "CNY", "7.2", "2020-01-01").expect("rate");
            (dir, std::cell::RefCell::new(w))
        };
    }
    WALLET.with(|(_, w)| {
        let w = w.borrow();
        let a = walletdesk::domain::AccountId(1);
        let mut input = b"at,amount,currency,type,to,method,counterparty,note,fx_exempt\n".to_vec();
        input.extend_from_slice(bytes);
        let _ = w.import_preview(a, input.as_slice(), 0, &mut |_| {}, &AtomicBool::new(false));
    });
});
