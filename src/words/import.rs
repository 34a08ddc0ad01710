//! The sentences of an import: its summary, each row's decision (B1–B5), a
//! bill's zip and XLSX, and the column mappings of other CSVs.

use super::*;

// ---- import and export ---------------------------------------------------------

/// "3 rows to import, CNY 120.00 in all; 1 duplicate skipped; 0 errors".
pub fn import_summary(p: &ImportPreview) -> String {
    let totals: Vec<String> = p.totals.iter().map(|(c, a)| money(*a, *c)).collect();
    format!(
        "{} to import{}; {} skipped; {}",
        count(p.chosen_payments(), "row", "rows"),
        if totals.is_empty() {
            String::new()
        } else {
            format!(", {} in all", totals.join(" + "))
        },
        count(p.duplicate_total, "duplicate", "duplicates"),
        count(p.error_total, "error", "errors")
    ) + &bill_summary(p)
}

/// A bill's rows that are not payments and its refunds, when there are any:
/// "; 3 rows not payments (B1); 1 refund (B5)".
fn bill_summary(p: &ImportPreview) -> String {
    let mut s = String::new();
    if p.skipped_total > 0 {
        s.push_str(&format!(
            "; {} not payments (B1)",
            count(p.skipped_total, "row", "rows")
        ));
    }
    if !p.refunds.is_empty() {
        s.push_str(&format!(
            "; {} (B5)",
            count(p.chosen_refunds().count(), "refund", "refunds")
        ));
    }
    if !p.excluded.is_empty() {
        s.push_str(&format!(
            "; {} left out by you",
            count(p.excluded.len(), "row", "rows")
        ));
    }
    s
}

/// A payment with no method recorded, in the method pickers.
pub const NOT_RECORDED: &str = "Not recorded";

/// A refund's row in the Transactions list, in place of its type.
pub const REFUND: &str = "Refund";

/// What a refund does to the limits (Q9), as the list's and the preview's hover say it.
pub fn refund_explained() -> String {
    "Money returned for an earlier payment (B5). It gives no headroom back: the \
     limits count the payment in full, and show the refund beside the used figure (Q9)"
        .into()
}

/// A refund's amount, as money coming back: "+CNY 80.00".
pub fn refund_amount(amount: Decimal, currency: Currency) -> String {
    format!("+{}", money(amount, currency))
}

/// The errors an import lists no more of: "… and 1 more error".
/// Under a long preview list: "The first 10,000 of 1,000,000 are listed; every
/// one is counted above."
pub fn listed_first(listed: usize, all: usize) -> String {
    format!(
        "The first {} of {} are listed; every one is counted above.",
        grouped(Decimal::from(listed)),
        grouped(Decimal::from(all))
    )
}

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

/// B1: why a bill's row is not recorded.
pub fn bill_skip(r: &SkipReason) -> String {
    match r {
        SkipReason::Income => "money in, not a payment (B1)".into(),
        SkipReason::OwnMove => "a move between your own balances, neither in nor out (B1)".into(),
        SkipReason::Fund => "a fund purchase or redemption (B1)".into(),
        SkipReason::TopUp => "a top-up of your balance (B1)".into(),
        SkipReason::Repayment => "a credit card or credit repayment (B1)".into(),
        SkipReason::Closed(s) => format!("closed ({s}): no money moved (B1)"),
        SkipReason::NotDone(s) => {
            format!(
                "status {s}: not a done or escrow payment, so no money is known to have left (B1)"
            )
        }
    }
}

/// B3: what became of the bill's payment method, when it is not a matched card.
pub fn bill_method(m: &MethodMatch) -> Option<String> {
    match m {
        MethodMatch::Card(_) | MethodMatch::NotNamed => None,
        MethodMatch::Balance(s) => Some(format!("paid from {s}: no method (B3)")),
        MethodMatch::NoCard(s, d) => Some(format!(
            "{s}: no card of this account ends in {d}; no method (B3)"
        )),
        MethodMatch::Tie(_, d, n) => Some(format!(
            "{} cards end in {d}: pick one (B3)",
            number_word(*n)
        )),
        MethodMatch::Unknown(s) => Some(format!(
            "{s}: not a card walletdesk can match; no method (B3)"
        )),
    }
}

fn number_word(n: usize) -> String {
    match n {
        2 => "two".into(),
        3 => "three".into(),
        4 => "four".into(),
        n => n.to_string(),
    }
}

/// B5: a refund in a bill: recorded as a refund, never as headroom given back (Q9).
pub fn bill_refund(amount: Decimal, of: Option<&str>, linked: bool) -> String {
    let m = money(amount, Currency::CNY);
    match (of, linked) {
        (Some(o), true) => format!("refund of {m} for order {o} (B5)"),
        (Some(o), false) => {
            format!("refund of {m} for order {o}, whose payment is not recorded (B5)")
        }
        (None, _) => format!("refund of {m} (B5)"),
    }
}

/// "Read as Alipay CSV (header of 2023-02, GBK)".
pub fn import_format(described: &str) -> String {
    format!("Read as {described}")
}

pub fn import_skipped(line: u64, why: &str) -> String {
    format!("line {line}: skipped: {why}")
}

/// B4: a bill's row that repeats an earlier line of the same file.
pub fn bill_repeats(first: u64) -> String {
    format!("repeats line {first} of the file (B4)")
}

/// B4: a bill's row already stored.
pub fn bill_recorded(provider: &str, by_order: bool) -> String {
    if by_order {
        format!("already recorded (same {provider} order number, time and amount) (B4)")
    } else {
        "already recorded (same time, amount and counterparty) (B4)".into()
    }
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

// ---- a bill's zip and XLSX ------------------------------------------------------

/// A protected zip read without a password.
pub fn zip_password_missing() -> &'static str {
    "the zip is protected by a password: give it (the window asks; the CLI reads it from standard input)"
}

/// A password that does not decrypt the zip.
pub fn zip_password_wrong() -> &'static str {
    "the password does not open this zip"
}

/// The same, when the entry failed only while being read (ZipCrypto accepts about
/// one wrong password in 256 at first, then the checksum fails).
pub fn zip_password_wrong_or_damaged(detail: &str) -> String {
    format!("{} (or the zip is damaged: {detail})", zip_password_wrong())
}

/// A file that starts like a zip but cannot be opened as one.
pub fn zip_unreadable(detail: &str) -> String {
    format!(
        "not a zip walletdesk can open ({detail}): is it complete? Save it again from the e-mail"
    )
}

/// A zip with no bill in it.
pub fn zip_no_bill() -> &'static str {
    "the zip holds no CSV or XLSX bill"
}

/// A zip with several bills: which one is meant is not guessed.
pub fn zip_many_bills(names: &[String]) -> String {
    format!(
        "the zip holds {} ({}); unpack the one to import",
        count(names.len(), "bill", "bills"),
        names.join(", ")
    )
}

/// A bill larger than walletdesk reads into memory.
pub fn bill_too_large(limit: u64) -> String {
    format!(
        "larger than {} MB: walletdesk reads a zipped or XLSX bill in memory; export a shorter period",
        limit / (1024 * 1024)
    )
}

/// An XLSX calamine cannot read.
pub fn xlsx_unreadable(detail: &str) -> String {
    format!("not an XLSX walletdesk can read ({detail})")
}

/// An old `.xls`, or a workbook Excel encrypted itself.
pub fn excel_protected() -> &'static str {
    "an old .xls, or an Excel file protected by Excel's own password: walletdesk reads neither; save it in Excel as XLSX or CSV without a password, or import the bill as the wallet sent it"
}

/// An XLSX without a first sheet.
pub fn xlsx_no_sheet() -> &'static str {
    "the XLSX has no sheet"
}

/// The prompt `tx import` writes to a terminal before reading a zip's password.
pub fn password_prompt(file: &Path) -> String {
    format!("Password for {}: ", file.display())
}

// ---- CSV mappings (any other CSV: a bank's statement) ---------------------------

/// What a file read through a mapping was read as.
pub fn mapped_format(name: &str) -> String {
    format!("CSV mapped by “{}”", name.trim())
}

/// `--format mapping:NAME` with no such mapping.
pub fn no_mapping(name: &str) -> String {
    format!(
        "no mapping named {}; `walletdesk mapping list`",
        name.trim()
    )
}

/// Why a row read through a mapping is not recorded.
pub fn mapped_skip(why: crate::domain::bills::mapping::MappedSkip) -> String {
    use crate::domain::bills::mapping::MappedSkip;
    match why {
        MappedSkip::MoneyIn => "money in".into(),
        MappedSkip::Zero => "an amount of zero: no money moved".into(),
    }
}

/// After saving a mapping.
pub fn mapping_saved(name: &str) -> String {
    format!(
        "Saved the mapping “{}”: import with --format mapping:{}",
        name.trim(),
        name.trim()
    )
}

/// After forgetting a mapping.
pub fn mapping_removed(name: &str) -> String {
    format!("Removed the mapping “{}”", name.trim())
}

/// The file the import dialog could not read: offer to map its columns.
pub fn unknown_format_hint() -> &'static str {
    "Not a format walletdesk knows: map its columns (a bank's statement) and save the mapping for next time."
}

/// One saved mapping, in a line: "bank: time “Datum”, amount “Betrag” (decimal comma, negative is money out), EUR".
pub fn mapping_line(m: &crate::domain::bills::mapping::CsvMapping) -> String {
    use crate::domain::bills::mapping::CurrencySource;
    let currency = match &m.currency {
        CurrencySource::Column(c) => format!("currency {}", c.describe()),
        CurrencySource::Fixed(c) => format!("all in {c}"),
    };
    let mut parts = vec![
        format!("time {} ({})", m.time.describe(), m.date_format),
        format!("amount {}", m.amount.describe()),
        currency,
    ];
    if let Some(c) = &m.counterparty {
        parts.push(format!("counterparty {}", c.describe()));
    }
    if let Some(c) = &m.note {
        parts.push(format!("note {}", c.describe()));
    }
    if m.decimal_comma {
        parts.push("decimal comma".into());
    }
    parts.push(format!("{} is money out", m.money_out.id()));
    format!("{}: {}", m.name, parts.join(", "))
}
