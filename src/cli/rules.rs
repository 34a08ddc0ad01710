//! `rules`: the rule catalogue as shipped — for people, as JSON, and as the
//! Markdown of docs/rules.md (`--markdown`, hidden: the file is generated from it,
//! and a test fails when the two drift).

use clap::Args;
use serde_json::{Value, json};

use super::Failure;
use crate::domain::account::{Provider, Tier};
use crate::domain::catalogue::{Applies, Entry, Group, catalogue};
use crate::domain::limits::{FeeSpec, LimitBooks, LimitSpec, NoteSpec};
use crate::domain::money::money;
use crate::domain::profile::Profiles;
use crate::domain::rules::Level;
use crate::domain::sources::{self, Source};
use crate::wallet;
use crate::words;

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Print docs/rules.md (the catalogue as Markdown)
    #[arg(long, hide = true)]
    markdown: bool,
}

/// The catalogue from the data walletdesk ships (not the copies beside a
/// database: the same list for everyone, as in docs/rules.md).
fn shipped() -> Result<(Vec<Entry>, &'static [Source]), Failure> {
    let data = |e| Failure::from(wallet::Error::Profile(e));
    let profiles = Profiles::built_in().map_err(data)?;
    let books = LimitBooks::built_in().map_err(data)?;
    let sources = sources::built_in().map_err(data)?;
    Ok((catalogue(&profiles, &books), sources.all()))
}

pub fn run(a: &RulesArgs, json: bool) -> Result<String, Failure> {
    let (entries, sources) = shipped()?;
    Ok(if a.markdown {
        markdown(&entries, sources)
    } else if json {
        format!("{}\n", catalogue_json(&entries, sources))
    } else {
        text(&entries)
    })
}

// ---- words shared by the text and the Markdown ----------------------------------

const LEVELS: &str = "Levels of a binding flag, worst first: block (will fail), high (likely to fail), warn (may fail, or binds with a catch), info";

fn provider_names(list: &[Provider]) -> String {
    list.iter().map(|p| p.name()).collect::<Vec<_>>().join(", ")
}

/// "block; info for the same names in another order; warn when not known".
fn levels(e: &Entry, a: &Applies) -> String {
    let mut parts = vec![a.level.id().to_owned()];
    if let Some(o) = a.other_level {
        parts.push(format!(
            "{} for {}",
            o.id(),
            e.other_case.unwrap_or("the rule's other case")
        ));
    }
    if let Some(u) = a.unknown_level {
        parts.push(format!("{} when not known", u.id()));
    }
    parts.join("; ")
}

/// "USD 500.00 per payment" or "CNY 5,000.00 a month".
fn amount(l: &LimitSpec) -> String {
    let mut s = format!("{} {}", money(l.max, l.currency), l.window.label());
    if let Some(min) = l.min {
        s.push_str(&format!(", at least {} a payment", money(min, l.currency)));
    }
    s
}

/// Which accounts and payments a limit applies to: "Alipay, verified; goods".
fn scope(l: &LimitSpec) -> String {
    let mut parts = vec![provider_names(&l.providers)];
    if let Some(t) = l.tier {
        parts.push(t.id().to_owned());
    }
    if !l.types.is_empty() {
        parts.push(
            l.types
                .iter()
                .map(|t| lower_first(t.label()))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if !l.to.is_empty() {
        parts.push(format!(
            "to {}",
            l.to.iter()
                .map(|d| lower_first(d.label()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if l.per_person {
        parts.push("per person, across these wallets".into());
    }
    parts.join("; ")
}

/// "from 2024-03-01", "from 2000-01-01 until 2024-03-01"; a date no source gives
/// is said to be inferred.
fn in_force(l: &LimitSpec) -> String {
    let mut s = match l.until {
        Some(u) => format!("from {} until {u}", l.effective),
        None => format!("from {}", l.effective),
    };
    if l.inference {
        s.push_str(" (date inferred)");
    }
    s
}

/// "Personal expenses" in the middle of a sentence: "personal expenses".
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// "3% above CNY 200.00" and where it applies.
fn fee_terms(f: &FeeSpec) -> String {
    let mut s = format!("{}%", f.percent);
    if let Some(free) = f.free_up_to {
        s.push_str(&format!(", free up to {}", money(free, f.currency)));
    }
    if let Some(above) = f.above {
        s.push_str(&format!(
            " of the part above {} (your bank-fee-threshold setting replaces it)",
            money(above, f.currency)
        ));
    }
    s
}

fn fee_scope(f: &FeeSpec) -> String {
    let mut s = provider_names(&f.providers);
    if !f.to.is_empty() {
        s.push_str(&format!(
            ", to {}",
            f.to.iter()
                .map(|d| lower_first(d.label()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if f.foreign_cards_only {
        s.push_str(", cards issued outside the mainland");
    }
    s
}

/// A binding rule's source; "inference" where no source states it.
fn source_cell(id: &str, inference: bool) -> String {
    if inference {
        format!("{} (inference: no source states it)", words::source(id))
    } else {
        words::source(id)
    }
}

/// A fee's source; part of a fee may be inferred (a threshold no source gives).
fn fee_source(f: &FeeSpec) -> String {
    if f.inference {
        format!("{} (partly an inference)", words::source(&f.source))
    } else {
        words::source(&f.source)
    }
}

// ---- for people -----------------------------------------------------------------

fn text(entries: &[Entry]) -> String {
    let mut out = String::new();
    for group in Group::ALL {
        out.push_str(&format!("{}\n", group.title()));
        if group == Group::Binding {
            out.push_str(&format!("{LEVELS}\n"));
        }
        for e in entries.iter().filter(|e| e.group == group) {
            out.push_str(&format!("\n{:<4} {}\n", e.id, e.checks));
            for a in &e.applies {
                let mut line = format!("{}: {}", provider_names(&a.providers), levels(e, a));
                if !a.parameters.is_empty() {
                    line.push_str(&format!(" ({})", a.parameters.join("; ")));
                }
                out.push_str(&format!("     {line}\n"));
                out.push_str(&format!(
                    "       {}\n",
                    words::source_line(&a.source, a.inference)
                ));
            }
            for (books, l) in &e.limits {
                out.push_str(&format!(
                    "     {}: {} ({}; {}; {})\n       {}\n",
                    l.name,
                    amount(l),
                    scope(l),
                    in_force(l),
                    book_list(books),
                    words::source_line(&l.source, false)
                ));
            }
            for (books, f) in &e.fees {
                out.push_str(&format!(
                    "     Fee: {}: {} ({}; {})\n       Source: {}\n",
                    f.name,
                    fee_terms(f),
                    fee_scope(f),
                    book_list(books),
                    fee_source(f)
                ));
            }
            for (_, n) in &e.notes {
                out.push_str(&format!(
                    "     Note: {} ({})\n       {}\n",
                    n.text,
                    provider_names(&n.providers),
                    words::source_line(&n.source, false)
                ));
            }
            if let Some(s) = e.source {
                out.push_str(&format!("     {}\n", words::source_line(s, false)));
            }
            out.push_str(&format!("     What to do: {}\n", e.remedy));
        }
        out.push('\n');
    }
    out.push_str("The same as a document: docs/rules.md\n");
    out
}

fn book_list(books: &[String]) -> String {
    format!(
        "{} {}",
        if books.len() == 1 { "book" } else { "books" },
        books.join(", ")
    )
}

// ---- for scripts ----------------------------------------------------------------

fn source_json(id: &str) -> Value {
    json!({"source": id, "source_title": words::source(id)})
}

fn with_source(mut v: Value, id: &str) -> Value {
    if let (Value::Object(m), Value::Object(s)) = (&mut v, source_json(id)) {
        m.extend(s);
    }
    v
}

fn limit_json(books: &[String], l: &LimitSpec) -> Value {
    with_source(
        json!({
            "books": books,
            "key": l.key,
            "name": l.name,
            "providers": l.providers.iter().map(|p| p.id()).collect::<Vec<_>>(),
            "tier": l.tier.map(Tier::id),
            "window": l.window.id(),
            "currency": l.currency.as_str(),
            "amount": l.max.to_string(),
            "min": l.min.map(|m| m.to_string()),
            "types": l.types.iter().map(|t| t.id()).collect::<Vec<_>>(),
            "to": l.to.iter().map(|d| d.id()).collect::<Vec<_>>(),
            "per_person": l.per_person,
            "effective": l.effective.to_string(),
            "until": l.until.map(|d| d.to_string()),
            "inference": l.inference,
        }),
        &l.source,
    )
}

fn fee_json(books: &[String], f: &FeeSpec) -> Value {
    with_source(
        json!({
            "books": books,
            "name": f.name,
            "providers": f.providers.iter().map(|p| p.id()).collect::<Vec<_>>(),
            "to": f.to.iter().map(|d| d.id()).collect::<Vec<_>>(),
            "foreign_cards_only": f.foreign_cards_only,
            "percent": f.percent.to_string(),
            "free_up_to": f.free_up_to.map(|m| m.to_string()),
            "above": f.above.map(|m| m.to_string()),
            "currency": f.currency.as_str(),
            "inference": f.inference,
        }),
        &f.source,
    )
}

fn note_json(books: &[String], n: &NoteSpec) -> Value {
    with_source(
        json!({
            "books": books,
            "providers": n.providers.iter().map(|p| p.id()).collect::<Vec<_>>(),
            "text": n.text,
        }),
        &n.source,
    )
}

fn catalogue_json(entries: &[Entry], sources: &[Source]) -> Value {
    let rules: Vec<Value> = entries
        .iter()
        .map(|e| {
            let mut v = json!({
                "id": e.id,
                "group": e.group.id(),
                "checks": e.checks,
                "remedy": e.remedy,
                "other_case": e.other_case,
                "applies": e.applies.iter().map(|a| with_source(json!({
                    "providers": a.providers.iter().map(|p| p.id()).collect::<Vec<_>>(),
                    "level": a.level.id(),
                    "other_level": a.other_level.map(Level::id),
                    "unknown_level": a.unknown_level.map(Level::id),
                    "parameters": a.parameters,
                    "inference": a.inference,
                }), &a.source)).collect::<Vec<_>>(),
                "limits": e.limits.iter().map(|(b, l)| limit_json(b, l)).collect::<Vec<_>>(),
                "fees": e.fees.iter().map(|(b, f)| fee_json(b, f)).collect::<Vec<_>>(),
                "notes": e.notes.iter().map(|(b, n)| note_json(b, n)).collect::<Vec<_>>(),
            });
            if let Some(s) = e.source {
                v = with_source(v, s);
            }
            v
        })
        .collect();
    json!({
        "rules": rules,
        "sources": sources.iter().map(|s| json!({
            "source": s.id,
            "title": s.title,
            "publisher": s.publisher,
            "date": s.date,
            "url": s.url,
            "source_title": words::source_title(s),
        })).collect::<Vec<_>>(),
    })
}

// ---- docs/rules.md --------------------------------------------------------------

/// A table cell: no line breaks, no unescaped column bars.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn row(cells: &[String]) -> String {
    format!(
        "| {} |\n",
        cells
            .iter()
            .map(|c| cell(c))
            .collect::<Vec<_>>()
            .join(" | ")
    )
}

fn head(cells: &[&str]) -> String {
    format!(
        "| {} |\n|{}\n",
        cells.join(" | "),
        "---|".repeat(cells.len())
    )
}

fn markdown(entries: &[Entry], sources: &[Source]) -> String {
    let mut out = String::from(
        "# The rules walletdesk checks\n\n\
         <!-- Generated by `walletdesk rules --markdown` from the data walletdesk ships \
         (assets/providers, assets/limits, assets/sources.json). Do not edit by hand: \
         run `cargo run -- rules --markdown > docs/rules.md`. -->\n\n\
         Every rule walletdesk checks: what it checks, which providers apply it and how \
         strictly, what to do, and the document it comes from. The window and the command \
         line name a rule by its id (`AC4`, `L3`, `Q1`, …). `walletdesk rules` prints the \
         same list (`--json` for scripts).\n\n",
    );
    for group in Group::ALL {
        out.push_str(&format!("## {}\n\n", group.title()));
        if group == Group::Binding {
            out.push_str(&format!("{LEVELS}.\n\n"));
        }
        for e in entries.iter().filter(|e| e.group == group) {
            out.push_str(&format!("### {} — {}\n\n", e.id, e.checks));
            if !e.applies.is_empty() {
                out.push_str(&head(&["providers", "level", "parameters", "source"]));
                for a in &e.applies {
                    out.push_str(&row(&[
                        provider_names(&a.providers),
                        levels(e, a),
                        a.parameters.join("; "),
                        source_cell(&a.source, a.inference),
                    ]));
                }
                out.push('\n');
            }
            if !e.limits.is_empty() {
                out.push_str(&head(&[
                    "limit",
                    "amount",
                    "applies to",
                    "in force",
                    "books",
                    "source",
                ]));
                for (books, l) in &e.limits {
                    out.push_str(&row(&[
                        l.name.clone(),
                        amount(l),
                        scope(l),
                        in_force(l),
                        books.join(", "),
                        words::source(&l.source),
                    ]));
                }
                out.push('\n');
            }
            if !e.fees.is_empty() {
                out.push_str(&head(&["fee", "charged", "applies to", "books", "source"]));
                for (books, f) in &e.fees {
                    out.push_str(&row(&[
                        f.name.clone(),
                        fee_terms(f),
                        fee_scope(f),
                        books.join(", "),
                        fee_source(f),
                    ]));
                }
                out.push('\n');
            }
            for (_, n) in &e.notes {
                out.push_str(&format!(
                    "- {} ({}). Source: {}\n",
                    n.text,
                    provider_names(&n.providers),
                    words::source(&n.source)
                ));
            }
            if !e.notes.is_empty() {
                out.push('\n');
            }
            if let Some(s) = e.source {
                out.push_str(&format!("Source: {}\n\n", words::source(s)));
            }
            out.push_str(&format!("What to do: {}\n\n", e.remedy));
        }
    }
    out.push_str("## Sources\n\n");
    out.push_str(&head(&["key", "title", "publisher", "date"]));
    for s in sources {
        let title = match &s.url {
            Some(url) => format!("[{}]({url})", s.title),
            None => s.title.clone(),
        };
        out.push_str(&row(&[
            format!("`{}`", s.id),
            title,
            s.publisher.clone(),
            s.date.clone().unwrap_or_default(),
        ]));
    }
    out
}
