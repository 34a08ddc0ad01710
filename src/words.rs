//! The sentences a person reads, worded once for the window and the command
//! line alike: what a pre-check found, a conversion, a fee, an import's
//! summary, the FX quota, how a time zone is named, and a source by its title.

use std::path::Path;

use chrono_tz::Tz;

use crate::domain::calendar;
use crate::domain::limits::{Break, Candidate, Fee, Layer, LimitStatus, NoteSpec};
use crate::domain::money::{Converted, Currency, Rate, money};
use crate::domain::sources::Source;
use crate::domain::txn::{Txn, TxnTotals};
use crate::wallet::{ImportPreview, Precheck};

/// How many of a thing: "1 payment", "2 payments".
pub fn count<N: TryInto<i64>>(n: N, one: &str, many: &str) -> String {
    let n: i64 = n.try_into().unwrap_or(i64::MAX);
    format!("{n} {}", if n == 1 { one } else { many })
}

// ---- time ----------------------------------------------------------------------

/// The name of the configured time zone, as people say it.
pub fn zone_name(tz: Tz) -> String {
    match tz {
        chrono_tz::Asia::Shanghai => "Beijing time".into(),
        chrono_tz::Asia::Hong_Kong => "Hong Kong time".into(),
        _ => tz.name().into(),
    }
}

/// The heading of a column of times: "When (Beijing time)".
pub fn when_heading(tz: Tz) -> String {
    format!("When ({})", zone_name(tz))
}

/// A moment, to the minute, in the configured zone: every list, dialog and the
/// command line's text show a time so (the record form accepts it back).
pub fn time(at: chrono::DateTime<chrono::FixedOffset>, tz: Tz) -> String {
    calendar::minute(at, tz)
}

/// The record form's hint for its time field.
pub const TIME_HINT: &str = "now, or 2026-03-01 14:30, or 2026-03-01";

// ---- money ---------------------------------------------------------------------

/// A converted amount and the rate it used (Q6): "= USD 1,000.00 (rate 0.139 of 2026-03-01)".
pub fn conversion(c: &Converted) -> String {
    format!(
        "= {} (rate {}{})",
        money(c.amount, c.currency),
        c.rate,
        c.rate_date.map(|d| format!(" of {d}")).unwrap_or_default()
    )
}

/// "1 USD = 7.18 CNY from 2026-03-01".
pub fn rate(r: &Rate) -> String {
    format!("1 {} = {} {} from {}", r.from, r.rate, r.to, r.date)
}

/// A payment in a sentence: "CNY 36.00 to DiDi on 2026-03-01 14:30 (Beijing time)".
pub fn payment(t: &Txn, tz: Tz) -> String {
    format!(
        "{} to {} on {} ({})",
        money(t.new.amount, t.new.currency),
        if t.new.counterparty.is_empty() {
            t.new.to.label()
        } else {
            &t.new.counterparty
        },
        time(t.new.at, tz),
        zone_name(tz)
    )
}

/// "3 payments", "1 payment".
pub fn payments(n: u64) -> String {
    count(n, "payment", "payments")
}

/// The filtered rows added up, each currency on its own, then in USD at the rates
/// each payment was recorded with (Q6): "3 payments totalling CNY 1,234.00 +
/// HKD 50.00 = USD 178.00".
pub fn txn_totals(t: &TxnTotals) -> String {
    if t.count == 0 {
        return payments(0);
    }
    let parts: Vec<String> = t.by_currency.iter().map(|(c, a)| money(*a, *c)).collect();
    let mut s = format!("{} totalling {}", payments(t.count), parts.join(" + "));
    if t.by_currency.iter().any(|(c, _)| *c != Currency::USD) {
        s.push_str(&format!(" = {}", money(t.usd, Currency::USD)));
    }
    s
}

/// L7 and the lifecycle: a method the "Paid with" list leaves out, and why.
pub fn not_offered(title: &str, why: &str) -> String {
    format!("{title} is not offered: {why}")
}

/// Removed methods are counted, not listed, under the "Paid with" list.
pub fn removed_not_offered(n: usize) -> String {
    format!(
        "{} not offered",
        count(n, "removed method is", "removed methods are")
    )
}

// ---- the sample data -----------------------------------------------------------

/// What "Load demo data" adds, said before it does.
pub const DEMO_OFFER: &str = "Adds 4 sample accounts (Alipay, Alipay HK, WeChat Pay and \
    Alibaba Cloud) with 6 test cards and a PayPal account to this database, to try walletdesk \
    with. To look around without changing your database, start walletdesk --demo instead: it \
    opens a throw-away copy";

/// The sample data goes only into an empty database.
pub const DEMO_REFUSED: &str = "this database already has accounts, and the sample data is \
    added only to an empty one; to look around without touching it, run walletdesk --demo \
    (a throw-away database with sample data)";

/// "Added 4 sample accounts and 300 payments".
pub fn demo_added(accounts: usize, payments: u64) -> String {
    let mut s = format!(
        "Added {}",
        count(accounts, "sample account", "sample accounts")
    );
    if payments > 0 {
        s.push_str(&format!(" and {}", self::payments(payments)));
    }
    s
}

/// "Recorded payment 12".
pub fn txn_recorded(id: crate::domain::TxnId) -> String {
    format!("Recorded payment {id}")
}

/// "Changed payment 12".
pub fn txn_changed(id: crate::domain::TxnId) -> String {
    format!("Changed payment {id}")
}

/// "Deleted payment 12".
pub fn txn_deleted(id: crate::domain::TxnId) -> String {
    format!("Deleted payment {id}")
}

// ---- limits --------------------------------------------------------------------

/// "USD 1,000.00 of USD 84,000.00 used, USD 83,000.00 left".
pub fn used_of(s: &LimitStatus) -> String {
    format!(
        "{} of {} used, {} left",
        money(s.used, s.layer.currency),
        money(s.layer.max, s.layer.currency),
        money(s.remaining, s.layer.currency)
    )
}

/// The layer that binds first, and what is left of it.
pub fn binding(b: &LimitStatus) -> String {
    format!(
        "You can spend {} more before {} {} binds{}",
        money(b.remaining, b.layer.currency),
        b.layer.rule,
        b.layer.name,
        b.resets_at
            .map(|t| format!(" (resets {})", t.format("%Y-%m-%d")))
            .unwrap_or_default()
    )
}

/// Q3: the person's FX quota, counted across every wallet.
pub fn fx_line(s: &LimitStatus) -> String {
    format!(
        "{} {}: {} of {} used across your wallets",
        s.layer.rule,
        s.layer.name,
        money(s.used, s.layer.currency),
        money(s.layer.max, s.layer.currency)
    )
}

// ---- the pre-check -------------------------------------------------------------

pub fn precheck_outcome(p: &Precheck) -> &'static str {
    if p.allowed {
        "Goes through"
    } else {
        "Would be refused"
    }
}

/// "Breaks Q1 Verified account, per payment: …".
pub fn breaks(b: &Break) -> String {
    format!("Breaks {}", b.describe())
}

/// A payment under a layer's minimum (e.g. Alibaba Cloud's top-up minimum).
pub fn under_minimum(l: &Layer) -> Option<String> {
    l.min.map(|min| {
        format!(
            "{} {}: under the minimum of {}",
            l.rule,
            l.name,
            money(min, l.currency)
        )
    })
}

/// "Fee Q5: CNY 90.00 — name, how it is worked out".
pub fn fee(f: &Fee) -> String {
    format!(
        "Fee {}: {} — {}, {}",
        f.rule,
        f.amounts(),
        f.name,
        f.explanation
    )
}

/// Which method to pay with, or why none can.
pub fn pay_with(p: &Precheck) -> Result<String, String> {
    match (&p.recommended, &p.no_method) {
        (Some((_, why)), _) => Ok(format!("Pay with {why}")),
        (None, Some(why)) => Err(why.clone()),
        (None, None) if !p.breaks.is_empty() => {
            Err("No active method can pay this without breaking the limits above".into())
        }
        (None, None) => Err("No active method can pay this within the caps you set".into()),
    }
}

/// A method that was not chosen, and why: whether it fits, its own fee (Q5)
/// and its binding verdict.
pub fn candidate(p: &Precheck, c: &Candidate) -> String {
    format!(
        "{}: {}, {}, binding verdict: {}",
        c.title,
        if c.fits {
            "fits"
        } else if p.breaks.is_empty() {
            "breaks a cap you set on it"
        } else {
            "breaks the limits above"
        },
        match &c.charge {
            Some(f) if !f.amount.is_zero() => format!("fee {} ({})", f.amounts(), f.rule),
            _ => "no fee".to_owned(),
        },
        c.verdict.verdict_text()
    )
}

/// A provider's note that applies to the payment.
pub fn note(n: &NoteSpec) -> String {
    format!("{}: {}", n.rule, n.text)
}

// ---- sources --------------------------------------------------------------------

/// A cited document as a person should see it: "Title — Publisher, date". A
/// source walletdesk does not know (a user's own profile may cite one) is shown
/// as written.
pub fn source(id: &str) -> String {
    crate::domain::sources::lookup(id).map_or_else(|| id.to_owned(), source_title)
}

/// "Title — Publisher, date".
pub fn source_title(s: &Source) -> String {
    match &s.date {
        Some(date) => format!("{} — {}, {date}", s.title, s.publisher),
        None => format!("{} — {}", s.title, s.publisher),
    }
}

/// "Source: Title — Publisher, date", and that no source states it where the
/// rule is an inference.
pub fn source_line(id: &str, inference: bool) -> String {
    if inference {
        format!("Source: {} (inference: no source states it)", source(id))
    } else {
        format!("Source: {}", source(id))
    }
}

// ---- import and export ---------------------------------------------------------

/// "3 rows to import, CNY 120.00 in all; 1 duplicate skipped; 0 errors".
pub fn import_summary(p: &ImportPreview) -> String {
    let totals: Vec<String> = p.totals.iter().map(|(c, a)| money(*a, *c)).collect();
    format!(
        "{} to import{}; {} skipped; {}",
        count(p.rows.len(), "row", "rows"),
        if totals.is_empty() {
            String::new()
        } else {
            format!(", {} in all", totals.join(" + "))
        },
        count(p.duplicates.len(), "duplicate", "duplicates"),
        count(p.errors.len(), "error", "errors")
    )
}

/// The errors an import lists no more of: "… and 1 more error".
pub fn more_errors(n: usize) -> String {
    format!("… and {}", count(n, "more error", "more errors"))
}

/// The import button: "Import 1 row".
pub fn import_rows(n: usize) -> String {
    format!("Import {}", count(n, "row", "rows"))
}

pub fn import_error(line: u64, why: &str) -> String {
    format!("line {line}: {why}")
}

pub fn import_duplicate(line: u64, why: &str) -> String {
    format!("line {line}: duplicate, skipped: {why}")
}

/// After writing: how many, and how many another import wrote meanwhile.
pub fn imported(written: usize, meanwhile: usize) -> String {
    let mut s = format!("Imported {}", count(written, "payment", "payments"));
    if meanwhile > 0 {
        s.push_str(&format!(
            "; {} written meanwhile by another import, skipped",
            count(meanwhile, "row was", "rows were")
        ));
    }
    s
}

pub fn exported(n: usize, file: &Path) -> String {
    format!(
        "Exported {} to {}",
        count(n, "payment", "payments"),
        file.display()
    )
}

// ---- cards ---------------------------------------------------------------------

pub fn numbers_missing(n: usize) -> String {
    format!(
        "{} not in the secret store: {}",
        count(n, "card number is", "card numbers are"),
        crate::domain::NUMBER_MISSING
    )
}

pub fn cards_expired(n: usize) -> String {
    format!(
        "{} expired and {} marked so",
        count(n, "card", "cards"),
        if n == 1 { "is" } else { "are" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(1, "payment", "payments"), "1 payment");
        assert_eq!(count(0, "payment", "payments"), "0 payments");
        assert_eq!(imported(2, 0), "Imported 2 payments");
        assert_eq!(
            imported(1, 1),
            "Imported 1 payment; 1 row was written meanwhile by another import, skipped"
        );
        assert_eq!(cards_expired(1), "1 card expired and is marked so");
        assert_eq!(payments(1), "1 payment");
        assert_eq!(more_errors(1), "… and 1 more error");
        assert_eq!(import_rows(1), "Import 1 row");
        assert_eq!(demo_added(1, 0), "Added 1 sample account");
        assert_eq!(removed_not_offered(1), "1 removed method is not offered");
    }

    #[test]
    fn totals_name_each_currency_and_the_usd_sum() {
        use rust_decimal::Decimal;
        let cny = Currency::parse("c", "CNY").unwrap();
        let hkd = Currency::parse("c", "HKD").unwrap();
        let t = TxnTotals {
            count: 3,
            by_currency: vec![
                (cny, Decimal::new(123_400, 2)),
                (hkd, Decimal::new(5_000, 2)),
            ],
            usd: Decimal::new(17_800, 2),
        };
        assert_eq!(
            txn_totals(&t),
            "3 payments totalling CNY 1,234.00 + HKD 50.00 = USD 178.00"
        );
        let t = TxnTotals {
            count: 1,
            by_currency: vec![(Currency::USD, Decimal::new(1_000, 2))],
            usd: Decimal::new(1_000, 2),
        };
        assert_eq!(txn_totals(&t), "1 payment totalling USD 10.00");
        assert_eq!(txn_totals(&TxnTotals::default()), "0 payments");
    }

    #[test]
    fn a_source_reads_as_title_publisher_and_date() {
        assert_eq!(
            source("003_0647db2b27c843d7.txt"),
            "Expenses and Costs: Introduction to payment methods — Alibaba Cloud Document Center, updated 2026-01-12"
        );
        assert_eq!(source("my bank's letter"), "my bank's letter");
        assert!(source_line("walletdesk", true).ends_with("(inference: no source states it)"));
    }

    #[test]
    fn the_zone_is_named_from_the_setting() {
        assert_eq!(
            when_heading(chrono_tz::Asia::Shanghai),
            "When (Beijing time)"
        );
        assert_eq!(
            when_heading(chrono_tz::Europe::Berlin),
            "When (Europe/Berlin)"
        );
    }
}
