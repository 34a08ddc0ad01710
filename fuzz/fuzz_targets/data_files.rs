#![no_main]
//! Provider profiles and limit books as a person may edit them: an error naming
//! the file and the key, never a panic.
use libfuzzer_sys::fuzz_target;
use walletdesk::domain::limits::LimitBooks;
use walletdesk::domain::profile::parse_profile;

fuzz_target!(|s: &str| {
    let _ = parse_profile("providers/fuzz.json", s);
    if let Ok(books) = LimitBooks::built_in() {
        let _ = books.with_files(&[("limits/fuzz.json", s)]);
    }
});
