#![no_main]
//! Card expiry dates (MM/YY, MM/YYYY): a date in 2000-2199 or a field error.
use libfuzzer_sys::fuzz_target;
use walletdesk::domain::card::Expiry;

fuzz_target!(|s: &str| {
    if let Ok(e) = Expiry::parse(s) {
        assert!((2000..=2199).contains(&e.year));
    }
});
