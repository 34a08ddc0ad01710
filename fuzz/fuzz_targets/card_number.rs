#![no_main]
//! Card numbers as typed: normalised, parsed, masked; never a panic.
use libfuzzer_sys::fuzz_target;
use walletdesk::domain::card::{CardNumber, normalize_number};

fuzz_target!(|s: &str| {
    if let Ok(d) = normalize_number(s) {
        let _ = CardNumber::parse(&d);
    }
});
