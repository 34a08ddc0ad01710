//! What the CLI prints: aligned tables for people, JSON for scripts.

use chrono::SecondsFormat;
use serde_json::{Value, json};

use crate::domain::risk::{Flag, Level};
use crate::domain::{Account, AccountId, Method, MethodDetails};
use crate::wallet::{CardReport, ProviderResult};

pub fn new_id(id: i64, json: bool) -> String {
    if json {
        format!("{}\n", json!({ "id": id }))
    } else {
        format!("{id}\n")
    }
}

pub fn json_ids(ids: &[AccountId]) -> String {
    let ids: Vec<i64> = ids.iter().map(|i| i.0).collect();
    format!("{}\n", json!({ "accounts": ids }))
}

/// Terminal columns a string takes: East Asian wide characters take two.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match u32::from(c) {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// Columns padded to their widest cell, in terminal columns so 支付宝 lines up.
pub(super) fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(width(c));
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            if i + 1 == cells.len() {
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(w - width(c) + 2));
            }
        }
        s.trim_end().to_owned() + "\n"
    };
    let mut out = line(header.to_vec());
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
    }
    out
}

/// Like `table`, with the columns numbered in `right` aligned right (amounts).
pub(super) fn table_right(header: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(width(c));
        }
    }
    let line = |cells: &[&str]| {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(w - width(c));
            if right.contains(&i) {
                s.push_str(&pad);
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&pad);
            }
            s.push_str("  ");
        }
        s.trim_end().to_owned() + "\n"
    };
    let mut out = line(header);
    for r in rows {
        out.push_str(&line(&r.iter().map(String::as_str).collect::<Vec<_>>()));
    }
    out
}

pub fn accounts_table(accounts: &[Account]) -> String {
    if accounts.is_empty() {
        return "No accounts yet. Add one with: walletdesk account add --provider alipay --label NAME\n"
            .into();
    }
    let rows: Vec<Vec<String>> = accounts
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                a.provider.name().into(),
                if a.archived_at.is_some() {
                    format!("{} (removed)", a.label)
                } else {
                    a.label.clone()
                },
                a.region.map(|r| r.id().to_owned()).unwrap_or_default(),
                a.country
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                a.tier.id().into(),
                a.holder.clone().unwrap_or_default(),
            ]
        })
        .collect();
    table(
        &[
            "ID", "PROVIDER", "LABEL", "REGION", "COUNTRY", "TIER", "HOLDER",
        ],
        &rows,
    )
}

pub fn accounts_json(accounts: &[Account]) -> String {
    let list: Vec<Value> = accounts
        .iter()
        .map(|a| {
            json!({
                "id": a.id.0,
                "provider": a.provider.id(),
                "label": a.label,
                "region": a.region.map(super::super::domain::account::Region::id),
                "country": a.country.as_ref().map(super::super::domain::CountryCode::as_str),
                "tier": a.tier.id(),
                "holder": a.holder,
                "passport_expiry": a.passport_expiry.map(|d| d.to_string()),
                "outstanding_bills": a.outstanding_bills,
                "created_at": a.created_at.to_rfc3339_opts(SecondsFormat::Secs, false),
                "removed": a.archived_at.is_some(),
            })
        })
        .collect();
    format!("{}\n", Value::Array(list))
}

/// "1 account", "2 accounts".
pub use crate::words::count;

pub fn methods_table(methods: &[Method], verdicts: &[Option<Level>]) -> String {
    if methods.is_empty() {
        return "No methods linked to this account yet.\n".into();
    }
    let rows: Vec<Vec<String>> = methods
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let (network, expiry, holder) = match &m.details {
                MethodDetails::Card(c) => (
                    c.network.name().to_owned(),
                    c.expiry.to_string(),
                    c.holder.clone(),
                ),
                MethodDetails::Paypal(p) => ("PayPal".into(), String::new(), p.country.to_string()),
            };
            vec![
                m.id.to_string(),
                m.kind().id().into(),
                network,
                m.masked(),
                holder,
                expiry,
                if m.number_missing {
                    format!("{} ({})", m.status.id(), crate::domain::NUMBER_MISSING)
                } else {
                    m.status.id().into()
                },
                if m.is_default {
                    "★ default".into()
                } else {
                    String::new()
                },
                verdicts
                    .get(i)
                    .copied()
                    .flatten()
                    .map_or("n/a", Level::verdict_text)
                    .to_owned(),
            ]
        })
        .collect();
    table(
        &[
            "ID", "KIND", "NETWORK", "NUMBER", "HOLDER", "EXPIRY", "STATUS", "DEFAULT", "BINDING",
        ],
        &rows,
    )
}

pub fn methods_json(methods: &[Method], verdicts: &[Option<Level>]) -> String {
    let list: Vec<Value> = methods
        .iter()
        .zip(verdicts)
        .map(|(m, verdict)| {
            let mut v = json!({
                "id": m.id.0,
                "kind": m.kind().id(),
                "status": m.status.id(),
                "default": m.is_default,
                "number_missing": m.number_missing,
                // On its own account; null where the provider takes no such method.
                "verdict": verdict.map(Level::id),
                "created_at": m.created_at.to_rfc3339_opts(SecondsFormat::Secs, false),
            });
            match &m.details {
                MethodDetails::Card(c) => {
                    v["network"] = json!(c.network.id());
                    v["masked"] = json!(c.masked_full());
                    v["holder"] = json!(c.holder);
                    v["expiry"] = json!(c.expiry.to_string());
                    v["funding"] = json!(c.funding.map(super::super::domain::method::Funding::id));
                    v["issuer_country"] = json!(
                        c.issuer_country
                            .as_ref()
                            .map(super::super::domain::CountryCode::as_str)
                    );
                    v["bank"] = json!(c.bank);
                    v["intl"] = json!(c.intl_enabled.id());
                    v["three_ds"] = json!(c.three_ds.id());
                    v["balance_ok"] = json!(c.balance_ok.id());
                }
                MethodDetails::Paypal(p) => {
                    v["network"] = json!("paypal");
                    v["masked"] = json!(p.email);
                    v["holder"] = Value::Null;
                    v["expiry"] = Value::Null;
                    v["email"] = json!(p.email);
                    v["country"] = json!(p.country.as_str());
                    v["funding_source"] = json!(p.funding_source);
                }
            }
            v
        })
        .collect();
    format!("{}\n", Value::Array(list))
}

fn flag_json(f: &Flag) -> Value {
    json!({
        "rule": f.rule,
        "level": f.level.id(),
        "message": f.message,
        "remedy": f.remedy,
        "source": f.source,
        "source_title": crate::words::source(&f.source),
        "inference": f.inference,
    })
}

/// One provider's verdict in JSON, as `check-card --json` gives it.
fn result_json(p: &ProviderResult) -> Value {
    json!({
        "provider": p.provider.id(),
        "verdict": p.assessment.verdict.id(),
        "applicable": p.assessment.applicable,
        "against": p.against,
        "flags": p.assessment.flags.iter().map(flag_json).collect::<Vec<_>>(),
    })
}

/// What `card add` and `paypal add` print: the new id alone on standard output
/// (scripts read it), the verdict on the account for people on standard error;
/// with `--json` one object with both.
pub fn new_method(id: i64, verdict: Option<&ProviderResult>, json: bool) -> (String, String) {
    if json {
        let v = json!({ "id": id, "result": verdict.map(result_json) });
        return (format!("{v}\n"), String::new());
    }
    let mut said = String::new();
    if let Some(p) = verdict {
        provider_result_text(&mut said, p);
    }
    (format!("{id}\n"), said)
}

/// `check-card --json`, in the shape of the CLI contract (docs/cli.md).
pub fn card_report_json(r: &CardReport) -> String {
    let results: Vec<Value> = r.results.iter().map(result_json).collect();
    let v = json!({
        "card": {
            "network": r.candidates.first().map(|n| n.id()),
            "candidates": r.candidates.iter().map(|n| n.id()).collect::<Vec<_>>(),
            "luhn": r.luhn,
            "masked": r.masked,
        },
        "results": results,
    });
    format!("{v}\n")
}

/// `check-card` for people: the card, then each provider's verdict and flags.
pub fn card_report_text(r: &CardReport) -> String {
    let mut out = String::new();
    let network = match r.candidates.as_slice() {
        [] => "unknown network".to_owned(),
        [one] => one.name().to_owned(),
        [first, rest @ ..] => format!(
            "{} (or {})",
            first.name(),
            rest.iter().map(|n| n.name()).collect::<Vec<_>>().join(", ")
        ),
    };
    out.push_str(&format!(
        "Card: {network} {}{}\n",
        r.masked.as_deref().unwrap_or(""),
        if r.luhn {
            ""
        } else {
            " (fails the Luhn check)"
        }
    ));
    for p in &r.results {
        out.push('\n');
        provider_result_text(&mut out, p);
    }
    out
}

/// One provider's verdict for people: the verdict line, then each flag.
fn provider_result_text(out: &mut String, p: &ProviderResult) {
    {
        let verdict = if p.assessment.applicable {
            format!(
                "{} ({})",
                p.assessment.verdict.verdict_text(),
                p.assessment.verdict.id()
            )
        } else {
            "not applicable".to_owned()
        };
        out.push_str(&format!(
            "{}: {verdict}  [{}]\n",
            p.provider.name(),
            p.against
        ));
        for f in &p.assessment.flags {
            out.push_str(&format!(
                "  {:<4} {:<5} {}\n",
                f.rule,
                f.level.id(),
                f.message
            ));
            out.push_str(&format!("             → {}\n", f.remedy));
            out.push_str(&format!(
                "             {}\n",
                crate::words::source_line(&f.source, f.inference)
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("支付宝"), 6);
        let t = table(
            &["A", "B"],
            &[
                vec!["支付宝".into(), "x".into()],
                vec!["ab".into(), "y".into()],
            ],
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[1], "支付宝  x");
        assert_eq!(lines[2], "ab      y");
    }
}
