//! The sentences a person reads, worded once for the window and the command
//! line alike: what a pre-check found, a conversion, a fee, an import's
//! summary, the FX quota, how a time zone is named, and a source by its title.

use std::path::Path;

use chrono_tz::Tz;

use rust_decimal::Decimal;

use crate::domain::Provider;
use crate::domain::bills::{MethodMatch, SkipReason};
use crate::domain::calendar;
use crate::domain::limits::{Break, Candidate, Fee, Layer, LimitStatus, NoteSpec};
use crate::domain::money::{Converted, Currency, Rate, money};
use crate::domain::risk::Level;
use crate::domain::sources::Source;
use crate::domain::txn::{Txn, TxnTotals};
use crate::wallet::{ImportPreview, Precheck};

/// How many of a thing: "1 payment", "2 payments".
pub fn count<N: TryInto<i64>>(n: N, one: &str, many: &str) -> String {
    let n: i64 = n.try_into().unwrap_or(i64::MAX);
    format!("{n} {}", if n == 1 { one } else { many })
}

mod import;
mod settings;
pub use import::*;
pub use settings::*;

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

/// A rate to a sensible precision: four decimals from 0.1 up ("7.1855", "0.1392"),
/// four significant digits below ("0.006944"), trailing zeros dropped ("7.2").
/// Stored rates stay exact; this is only how they are shown.
pub fn rate_figure(rate: Decimal) -> String {
    let away = rust_decimal::RoundingStrategy::MidpointAwayFromZero;
    let shown = if rate.abs() >= Decimal::new(1, 1) {
        rate.round_dp_with_strategy(4, away)
    } else {
        rate.round_sf_with_strategy(4, away).unwrap_or(rate)
    };
    shown.normalize().to_string()
}

/// "1 USD = 7.2 CNY", and for a rate under 1 its inverse, which reads better:
/// "1 CNY = 0.1392 USD (1 USD = 7.1855 CNY)".
pub fn rate_pair(from: Currency, to: Currency, rate: Decimal) -> String {
    format!("1 {from} = {}", rate_value(from, to, rate))
}

/// The right-hand side of `rate_pair`: "7.2 CNY", "0.1392 USD (1 USD = 7.1855 CNY)".
pub fn rate_value(from: Currency, to: Currency, rate: Decimal) -> String {
    let forward = format!("{} {to}", rate_figure(rate));
    match Decimal::ONE.checked_div(rate) {
        Some(inverse) if rate < Decimal::ONE => {
            format!("{forward} (1 {to} = {} {from})", rate_figure(inverse))
        }
        _ => forward,
    }
}

/// A converted amount and the rate it used (Q6): "= USD 1,000.00 (rate 0.1389 of 2026-03-01)".
/// Where the payment's currency is known, `conversion_from` says more.
pub fn conversion(c: &Converted) -> String {
    format!(
        "= {} (rate {}{})",
        money(c.amount, c.currency),
        rate_figure(c.rate),
        c.rate_date.map(|d| format!(" of {d}")).unwrap_or_default()
    )
}

/// A payment in `from` converted (Q6):
/// "= USD 1,000.00 at 1 CNY = 0.1389 USD (1 USD = 7.2 CNY), the rate of 2026-03-01".
pub fn conversion_from(from: Currency, c: &Converted) -> String {
    format!(
        "= {} at {}{}",
        money(c.amount, c.currency),
        rate_pair(from, c.currency, c.rate),
        c.rate_date
            .map(|d| format!(", the rate of {d}"))
            .unwrap_or_default()
    )
}

/// "1 CNY = 0.1392 USD (1 USD = 7.1855 CNY) from 2026-03-01".
pub fn rate(r: &Rate) -> String {
    format!("{} from {}", rate_pair(r.from, r.to, r.rate), r.date)
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
    let paid = t.count.saturating_sub(t.refunds);
    let mut s = format!("{} totalling {}", payments(paid), parts.join(" + "));
    if t.by_currency.iter().any(|(c, _)| *c != Currency::USD) {
        s.push_str(&format!(" = {}", money(t.usd, Currency::USD)));
    }
    if t.refunds > 0 {
        s.push_str(&format!(
            ", and {} (not in the total)",
            count(t.refunds, "refund", "refunds")
        ));
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

/// The badge of the limit with the least left of those every payment counts toward.
/// ("Binds" is what a card does on a verdict; a limit is reached.)
pub const REACHED_FIRST: &str = "reached first";

/// Above the transactions table while a filter is counted.
pub const SEARCHING: &str = "Searching…";

/// The integrity check left running after the start could not be finished.
pub fn integrity_check_failed(why: &str) -> String {
    format!("Could not finish checking the database: {why}")
}

/// The list's line while a filter's first page is shown and its rows are counted.
pub fn txn_counting(shown: u64) -> String {
    format!("The newest {shown} shown; counting the rest…")
}

/// The list's line while its rows are counted but not yet added up.
pub fn txn_adding_up(listed: u64) -> String {
    format!("{listed} listed; adding them up…")
}

/// What the badge means, on hover.
pub const REACHED_FIRST_HINT: &str =
    "Of the limits every payment counts toward, this one has the least left";

/// "Alipay + WeChat Pay": the providers whose accounts a per-person limit adds up (Q3).
pub fn together(providers: &[Provider]) -> String {
    providers
        .iter()
        .map(|p| p.name())
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Which payments a limit's figures add up: "on this account", or for the FX
/// quota (Q3) "across Alipay + WeChat Pay".
pub fn counted_on(l: &Layer) -> String {
    if l.per_person {
        format!("across {}", together(&l.providers))
    } else {
        "on this account".into()
    }
}

/// "USD 1,000.00 of USD 84,000.00 used, USD 83,000.00 left, on this account".
pub fn used_of(s: &LimitStatus) -> String {
    format!(
        "{} of {} used{}, {} left, {}",
        money(s.used, s.layer.currency),
        money(s.layer.max, s.layer.currency),
        refunded_beside(s),
        money(s.remaining, s.layer.currency),
        counted_on(&s.layer)
    )
}

/// Q9, beside the used figure: " (USD 80.00 of it refunded)", or nothing.
pub fn refunded_beside(s: &LimitStatus) -> String {
    if s.refunded > Decimal::ZERO {
        format!(" ({} of it refunded)", money(s.refunded, s.layer.currency))
    } else {
        String::new()
    }
}

/// How much of a limit is used, as a bar reads it: "0 %", "34 %", and from ten
/// times the limit on "265× the limit" (never a clamped figure).
pub fn share_used(s: &LimitStatus) -> String {
    let (used, max) = (s.used, s.layer.max);
    if max <= Decimal::ZERO {
        return if used > Decimal::ZERO {
            "over a limit of zero".into()
        } else {
            "0 %".into()
        };
    }
    let Some(ratio) = used.checked_div(max) else {
        return "far over the limit".into();
    };
    match ratio.checked_mul(Decimal::ONE_HUNDRED).map(|p| p.floor()) {
        Some(pct) if pct.is_zero() && used > Decimal::ZERO => "under 1 %".into(),
        Some(pct) if pct < Decimal::ONE_THOUSAND => format!("{pct} %"),
        _ => format!("{}× the limit", grouped(ratio.floor())),
    }
}

/// An integer with thousands separators: 26500 → "26,500".
fn grouped(n: Decimal) -> String {
    let digits = n.abs().trunc().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Said under a limit at 80 % or more: "Issuer daily: 80 % used", "…: limit reached",
/// "…: USD 165.00 over the limit".
pub fn limit_warning(s: &LimitStatus) -> Option<String> {
    let name = &s.layer.name;
    match s.level() {
        Level::Block if s.used > s.layer.max => Some(format!(
            "{name}: {} over the limit",
            money(s.used - s.layer.max, s.layer.currency)
        )),
        Level::Block => Some(format!("{name}: limit reached")),
        Level::Warn => Some(format!("{name}: {} used", share_used(s))),
        _ => None,
    }
}

/// Where a limit comes from, for a tooltip: its rule id, source and date.
pub fn limit_source(l: &Layer) -> String {
    let mut out = format!("Rule {} · source: {}", l.rule, source(&l.source));
    if l.effective > chrono::NaiveDate::MIN {
        out.push_str(&format!(" · in force from {}", l.effective));
        if l.inference {
            out.push_str(" (date inferred)");
        }
    }
    out
}

/// The limit reached first, and what is left of it.
pub fn binding(b: &LimitStatus) -> String {
    let left = if b.remaining > Decimal::ZERO {
        format!("{} left", money(b.remaining, b.layer.currency))
    } else {
        "nothing left".into()
    };
    format!(
        "The limit you reach first is {}: {left} {}{}",
        b.layer.name,
        counted_on(&b.layer),
        b.resets_at
            .map(|t| format!(" (resets {})", t.format("%Y-%m-%d")))
            .unwrap_or_default()
    )
}

/// The heading over the person's FX quota (Q3): "Alipay + WeChat Pay together:
/// the FX quota is per person".
pub fn fx_heading(l: &Layer) -> String {
    format!(
        "{} together: the FX quota is per person",
        together(&l.providers)
    )
}

/// Q3: the person's FX quota, counted across the accounts it adds up.
pub fn fx_line(s: &LimitStatus) -> String {
    format!("{}: {}", s.layer.name, used_of(s))
}

/// "windows in Beijing time": where a day, week, month or year starts.
pub fn windows_in(tz: Tz) -> String {
    format!("windows in {}", zone_name(tz))
}

/// The heading of the spending chart: "2026 so far in USD, across Alipay + WeChat Pay".
pub fn year_heading(year: i32, limit: Option<&Layer>) -> String {
    format!(
        "{year} so far in USD, {}",
        limit.map_or_else(|| "on this account".into(), counted_on)
    )
}

/// Under the chart: what is spent of the annual limit and where this pace ends.
pub fn year_summary(spent: Decimal, limit: &Layer, year_end: Decimal) -> String {
    format!(
        "{} of {} spent {} ({}); at this pace {} by 31 December",
        money(spent, Currency::USD),
        money(limit.max, limit.currency),
        counted_on(limit),
        limit.name,
        money(year_end, Currency::USD)
    )
}

/// When the annual limit runs out at this pace (`None`: it lasts the year).
pub fn runs_out(day: Option<chrono::NaiveDate>, today: chrono::NaiveDate) -> String {
    match day {
        Some(d) if d <= today => format!("The annual limit ran out on {d}"),
        Some(d) => format!("At this pace the annual limit runs out on {d}"),
        None => "At this pace the annual limit lasts the year".into(),
    }
}

/// A per-payment limit: "At most USD 5,000.00 per payment".
pub fn per_payment(l: &Layer) -> String {
    format!("At most {} per payment", money(l.max, l.currency))
}

/// An account no book has limits for (Alipay HK, Alibaba Cloud).
pub fn no_published_limits(p: Provider) -> String {
    format!(
        "No published limits apply to {} accounts; add your own cap below",
        p.name()
    )
}

/// Over the rate table.
pub const RATES_EXPLAINED: &str = "Payments convert with the latest rate on or before their date; the rate used is kept with each payment (Q6)";

pub const NO_ANNUAL_LIMIT: &str = "No annual limit in USD applies to this account";

/// "Account 1 now uses the limit book Other published figures (…)".
pub fn book_chosen(account: &str, book_name: &str) -> String {
    format!("{account} now uses the limit book {book_name}")
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
    let l = &b.status.layer;
    format!(
        "Breaks {}: {} after this payment, {} over {} ({})",
        l.name,
        money(b.after, l.currency),
        money(b.over, l.currency),
        money(l.max, l.currency),
        l.rule
    )
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
    fn refunds_are_counted_apart_from_the_payments_and_their_total() {
        use rust_decimal::Decimal;
        let t = TxnTotals {
            count: 6,
            refunds: 1,
            by_currency: vec![(Currency::CNY, Decimal::new(39_066, 2))],
            usd: Decimal::new(5_426, 2),
        };
        assert_eq!(
            txn_totals(&t),
            "5 payments totalling CNY 390.66 = USD 54.26, and 1 refund (not in the total)"
        );
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
            refunds: 0,
        };
        assert_eq!(
            txn_totals(&t),
            "3 payments totalling CNY 1,234.00 + HKD 50.00 = USD 178.00"
        );
        let t = TxnTotals {
            count: 1,
            by_currency: vec![(Currency::USD, Decimal::new(1_000, 2))],
            usd: Decimal::new(1_000, 2),
            refunds: 0,
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

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn rates_are_shown_to_a_sensible_precision_and_stay_exact_underneath() {
        assert_eq!(rate_figure(d("0.139169160114")), "0.1392");
        assert_eq!(rate_figure(d("7.18551")), "7.1855");
        assert_eq!(rate_figure(d("7.18555")), "7.1856");
        assert_eq!(rate_figure(d("7.2000")), "7.2");
        assert_eq!(rate_figure(d("1380.5")), "1380.5");
        // Under 0.1: four significant digits, never a bare 0.
        assert_eq!(rate_figure(d("0.0069444")), "0.006944");
        assert_eq!(rate_figure(d("0.000001")), "0.000001");
        let (cny, usd) = (Currency::CNY, Currency::USD);
        assert_eq!(
            rate_pair(cny, usd, d("0.139169160114")),
            "1 CNY = 0.1392 USD (1 USD = 7.1855 CNY)"
        );
        // A rate of 1 or more reads well alone.
        assert_eq!(rate_pair(usd, cny, d("7.2")), "1 USD = 7.2 CNY");
        let r = Rate {
            from: cny,
            to: usd,
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            rate: d("0.139169160114"),
        };
        assert_eq!(
            rate(&r),
            "1 CNY = 0.1392 USD (1 USD = 7.1855 CNY) from 2026-03-01"
        );
        let c = Converted {
            currency: usd,
            amount: d("1000.00"),
            rate: d("0.138888888889"),
            rate_date: r.date.pred_opt(),
        };
        assert_eq!(
            conversion_from(cny, &c),
            "= USD 1,000.00 at 1 CNY = 0.1389 USD (1 USD = 7.2 CNY), the rate of 2026-02-28"
        );
        assert_eq!(conversion(&c), "= USD 1,000.00 (rate 0.1389 of 2026-02-28)");
    }

    fn status(max: &str, used: &str, per_person: bool) -> LimitStatus {
        use crate::domain::limits::{Origin, Window};
        let layer = Layer {
            key: "fx-year".into(),
            rule: "Q3".into(),
            name: "Foreign nationals' FX quota, a year".into(),
            window: Window::Year,
            currency: Currency::USD,
            max: d(max),
            min: None,
            types: Vec::new(),
            to: Vec::new(),
            per_person,
            providers: vec![Provider::Alipay, Provider::WechatPay],
            skips_exempt: true,
            method: None,
            cap: None,
            source: "000_72fd90b31019d570.txt".into(),
            effective: chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
            inference: true,
            origin: Origin::Published,
            published_max: None,
        };
        LimitStatus::new(layer, d(used), None)
    }

    #[test]
    fn a_share_used_is_the_real_figure_never_a_clamped_one() {
        assert_eq!(share_used(&status("50000", "0", true)), "0 %");
        assert_eq!(share_used(&status("50000", "1", true)), "under 1 %");
        assert_eq!(share_used(&status("50000", "17055.64", true)), "34 %");
        assert_eq!(share_used(&status("100", "999.99", true)), "999 %");
        // 26,500 %: as many times the limit.
        assert_eq!(share_used(&status("1", "265", true)), "265× the limit");
        assert_eq!(share_used(&status("1", "26500", true)), "26,500× the limit");
        assert_eq!(share_used(&status("0", "0", true)), "0 %");
        assert_eq!(share_used(&status("0", "5", true)), "over a limit of zero");
    }

    #[test]
    fn a_limit_says_which_accounts_it_adds_up_and_when_it_is_reached_first() {
        let fx = status("50000", "42000", true);
        assert_eq!(
            used_of(&fx),
            "USD 42,000.00 of USD 50,000.00 used, USD 8,000.00 left, across Alipay + WeChat Pay"
        );
        assert_eq!(
            fx_heading(&fx.layer),
            "Alipay + WeChat Pay together: the FX quota is per person"
        );
        assert_eq!(
            binding(&fx),
            "The limit you reach first is Foreign nationals' FX quota, a year: USD 8,000.00 left across Alipay + WeChat Pay"
        );
        let own = status("50000", "50000", false);
        assert!(used_of(&own).ends_with(", on this account"));
        assert!(binding(&own).contains(": nothing left on this account"));
        assert_eq!(
            limit_warning(&own).as_deref(),
            Some("Foreign nationals' FX quota, a year: limit reached")
        );
        assert_eq!(
            limit_warning(&status("1", "265", false)).as_deref(),
            Some("Foreign nationals' FX quota, a year: USD 264.00 over the limit")
        );
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
