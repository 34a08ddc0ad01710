#![no_main]
//! Amounts, rates, dates and times, then a conversion of what was accepted:
//! values within the documented bounds, or a field error; never a panic.
use libfuzzer_sys::fuzz_target;
use walletdesk::domain::money::{self, Currency};

fuzz_target!(|input: (&str, &str, &str)| {
    let (amount, rate, date) = input;
    let a = money::parse_amount("amount", amount, Currency::CNY);
    let r = money::parse_rate("rate", rate);
    if let (Ok(a), Ok(r)) = (a, r) {
        let _ = money::convert_amount("amount", a, r, Currency::USD);
    }
    let _ = walletdesk::domain::account::parse_date("date", date);
    let _ = walletdesk::domain::txn::parse_at("at", date, chrono_tz::Asia::Shanghai);
});
