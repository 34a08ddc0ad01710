//! The sentences a person reads, worded once for the window and the command
//! line alike: what a pre-check found, a conversion, a fee, an import's
//! summary, the FX quota, how a time zone is named, and a source by its title.

use std::path::Path;

use chrono_tz::Tz;

use crate::domain::limits::{Break, Candidate, Fee, Layer, LimitStatus, NoteSpec};
use crate::domain::money::{Converted, Rate, money};
use crate::domain::sources::Source;
use crate::domain::txn::Txn;
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

/// A moment, to the minute, in the configured zone.
pub fn time(at: chrono::DateTime<chrono::FixedOffset>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

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

/// "3 rows to import (CNY 120.00); 2 duplicates skipped; 0 errors".
pub fn import_summary(p: &ImportPreview) -> String {
    let totals: Vec<String> = p.totals.iter().map(|(c, a)| money(*a, *c)).collect();
    format!(
        "{} rows to import{}; {} duplicates skipped; {} errors",
        p.rows.len(),
        if totals.is_empty() {
            String::new()
        } else {
            format!(" ({})", totals.join(", "))
        },
        p.duplicates.len(),
        p.errors.len()
    )
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
