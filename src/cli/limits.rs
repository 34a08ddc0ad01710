//! `quota`, `precheck`, `limit` and `setting`: spending against the limits.

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::{ACCOUNT_HELP, Failure, Printed};
use crate::domain::AccountId;
use crate::domain::limits::{Break, Destination, LimitStatus, Origin, TxType, Window};
use crate::domain::money::money;
use crate::wallet::{CapDraft, Precheck, PrecheckDraft, Quota, Setting, Wallet};
use crate::words;

/// What a payment is, shared by `tx add|edit` and `precheck`.
#[derive(Debug, Args)]
pub struct PaymentFlags {
    /// The amount, a decimal with '.', e.g. 1234.50
    #[arg(long, value_name = "DECIMAL")]
    pub(super) amount: String,
    /// The currency (ISO 4217), e.g. CNY, USD, HKD
    #[arg(long, value_name = "CODE")]
    pub(super) currency: String,
    /// What the payment is for (Q2)
    #[arg(long = "type", value_name = "TYPE")]
    pub(super) ty: TxType,
    /// Where the money goes (Q2; merchant when left out)
    #[arg(long)]
    pub(super) to: Option<Destination>,
}

impl PaymentFlags {
    /// The destination's id, or "" for the default (merchant).
    pub(super) fn to_id(&self) -> String {
        self.to.map(Destination::id).unwrap_or_default().to_owned()
    }
}

#[derive(Debug, Subcommand)]
pub enum LimitCmd {
    /// Use another limit book for an account: standard, or alternative (Q4's figures)
    Book {
        #[arg(long, value_name = "ID", help = ACCOUNT_HELP)]
        account: i64,
        /// The book's id: standard, alternative, or one of your own (limits/ beside the database)
        book: String,
    },
    /// Replace a published figure for one account (see `quota` for the keys)
    Set {
        #[arg(long, value_name = "ID", help = ACCOUNT_HELP)]
        account: i64,
        /// The limit's key, as `walletdesk quota` lists it, e.g. verified-year
        key: String,
        /// Your figure, in the limit's currency (a decimal with '.')
        amount: String,
    },
    /// Go back to the published figure
    Clear {
        #[arg(long, value_name = "ID", help = ACCOUNT_HELP)]
        account: i64,
        /// The limit's key, as `walletdesk quota` lists it, e.g. verified-year
        key: String,
    },
    /// Add your own cap, e.g. --account 1 --name "Card issuer" --window month --currency CNY --amount 20000
    Cap {
        #[arg(long, value_name = "ID", help = ACCOUNT_HELP)]
        account: i64,
        /// What the cap is, e.g. "Card issuer"
        #[arg(long, value_name = "TEXT")]
        name: String,
        /// The span the cap adds up over
        #[arg(long)]
        window: Window,
        /// The cap's currency: USD or CNY
        #[arg(long, value_name = "CODE")]
        currency: String,
        /// The cap, a decimal with '.'
        #[arg(long, value_name = "DECIMAL")]
        amount: String,
        /// Only this method's payments count (see `walletdesk method list --account ID`)
        #[arg(long, value_name = "METHOD_ID")]
        method: Option<i64>,
    },
    /// Remove one of your caps
    RemoveCap {
        /// The cap's id (as `walletdesk limit cap` printed it; `walletdesk quota` lists your caps)
        cap: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum SettingCmd {
    /// Change a setting
    Set {
        /// The setting
        key: Setting,
        /// time-zone: an IANA name such as Asia/Shanghai (the default) or Europe/London; bank-fee-threshold: CNY; reveal-seconds: 5 to 600 (default 30); backups-kept: a count (default 10); theme: system, light or dark; zoom: 50 to 300 (percent)
        value: String,
    },
    /// Show the settings
    Show,
}

#[derive(Debug, Args)]
pub struct PrecheckArgs {
    #[arg(long, value_name = "ID", help = ACCOUNT_HELP)]
    account: i64,
    #[command(flatten)]
    payment: PaymentFlags,
}

fn limit_json(s: &LimitStatus, binding: bool) -> Value {
    json!({
        "rule": s.layer.rule,
        "key": s.layer.key,
        "name": s.layer.name,
        "window": s.layer.window.id(),
        "currency": s.layer.currency.as_str(),
        "limit": s.layer.max.to_string(),
        "used": s.used.to_string(),
        "refunded": s.refunded.to_string(),
        "remaining": s.remaining.to_string(),
        "resets_at": s.resets_at.map(|t| t.to_rfc3339()),
        "source": s.layer.source,
        "source_title": words::source(&s.layer.source),
        "effective": s.layer.effective.to_string(),
        "origin": match s.layer.origin {
            Origin::Published => "published",
            Origin::Overridden => "overridden",
            Origin::Own => "own",
        },
        "binding": binding,
        "level": s.level().id(),
    })
}

fn quota_json(q: &Quota) -> Value {
    json!({
        "account": q.account.id.0,
        "at": q.at.to_rfc3339(),
        "book": q.book,
        "time_zone": q.time_zone.name(),
        "limits": q.statuses.iter().enumerate()
            .map(|(i, s)| limit_json(s, q.binding == Some(i))).collect::<Vec<_>>(),
    })
}

fn quota_text(q: &Quota, fx: &[LimitStatus]) -> String {
    let mut out = format!(
        "{} ({}): {}, {}\n",
        q.account.label,
        q.account.provider.name(),
        q.book_name,
        words::windows_in(q.time_zone)
    );
    if q.statuses.is_empty() {
        out.push_str("No published limits apply; add your own with `walletdesk limit cap`.\n");
    }
    // The limit reached first leads; rule ids and keys (for `limit set`) come last.
    let rows: Vec<Vec<String>> = q
        .shown()
        .map(|(first, s)| {
            vec![
                s.layer.name.clone(),
                money(s.layer.max, s.layer.currency),
                format!(
                    "{}{}",
                    money(s.used, s.layer.currency),
                    words::refunded_beside(s)
                ),
                money(s.remaining, s.layer.currency),
                s.resets_at.map_or_else(
                    || "each payment".into(),
                    |t| t.format("%Y-%m-%d %H:%M %:z").to_string(),
                ),
                match (first, s.level().id()) {
                    (true, "ok") => words::REACHED_FIRST.into(),
                    (true, l) => format!("{}, {l}", words::REACHED_FIRST),
                    (false, "ok") => String::new(),
                    (false, l) => l.into(),
                },
                s.layer.rule.clone(),
                s.layer.key.clone(),
            ]
        })
        .collect();
    if !rows.is_empty() {
        out.push_str(&super::output::table_right(
            &["limit", "of", "used", "left", "resets", "", "rule", "key"],
            &rows,
            &[1, 2, 3],
        ));
    }
    if let Some(b) = q.binding.and_then(|i| q.statuses.get(i)) {
        out.push_str(&format!("{}\n", words::binding(b)));
    }
    let mut year = fx
        .iter()
        .filter(|s| s.layer.window != crate::domain::limits::Window::Single)
        .peekable();
    if let Some(first) = year.peek() {
        out.push_str(&format!("{}\n", words::fx_heading(&first.layer)));
    }
    for s in year {
        out.push_str(&format!("  {}\n", words::fx_line(s)));
    }
    out.push_str(&sources_text(q.statuses.iter().map(|s| &s.layer)));
    out
}

/// "Sources:" and each source of these limits once, by its title.
fn sources_text<'a>(layers: impl Iterator<Item = &'a crate::domain::limits::Layer>) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for l in layers {
        if !seen.contains(&l.source.as_str()) {
            seen.push(&l.source);
        }
    }
    if seen.is_empty() {
        return String::new();
    }
    let mut out = "Sources:\n".to_owned();
    for source in seen {
        out.push_str(&format!("  {}\n", words::source(source)));
    }
    out
}

fn break_json(b: &Break) -> Value {
    let mut v = limit_json(&b.status, false);
    v["after"] = json!(b.after.to_string());
    v["over"] = json!(b.over.to_string());
    v
}

fn precheck_json(p: &Precheck) -> Value {
    json!({
        "allowed": p.allowed,
        "amount": p.amount.to_string(),
        "currency": p.currency.as_str(),
        "converted": p.converted.iter().map(|c| json!({
            "currency": c.currency.as_str(), "amount": c.amount.to_string(),
            "rate": c.rate.to_string(), "rate_date": c.rate_date.map(|d| d.to_string()),
        })).collect::<Vec<_>>(),
        "breaks": p.breaks.iter().map(break_json).collect::<Vec<_>>(),
        "under_minimum": p.under_minimum.iter().map(|l| json!({
            "rule": l.rule, "key": l.key, "name": l.name,
            "min": l.min.map(|m| m.to_string()), "currency": l.currency.as_str(),
        })).collect::<Vec<_>>(),
        "fee": p.fee.as_ref().map(|f| json!({
            "amount": f.amount.to_string(), "currency": f.currency.as_str(), "rule": f.rule,
            "in_payment_currency": {"amount": f.in_payment_currency.to_string(), "currency": f.payment_currency.as_str()},
            "name": f.name, "explanation": f.explanation, "source": f.source,
            "source_title": words::source(&f.source),
        })),
        "recommended_method": p.recommended.as_ref().map(|(id, _)| id.0),
        "reason": p.recommended.as_ref().map(|(_, r)| r.clone()).or_else(|| p.no_method.clone()),
        "notes": p.notes.iter().map(|n| json!({
            "rule": n.rule, "text": n.text, "source": n.source, "source_title": words::source(&n.source),
        })).collect::<Vec<_>>(),
    })
}

fn precheck_text(p: &Precheck) -> String {
    let mut out = format!(
        "{} ({}, to: {}) on {}: {}\n",
        money(p.amount, p.currency),
        p.ty.label(),
        p.to.label().to_lowercase(),
        p.quota.account.label,
        words::precheck_outcome(p)
    );
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    for c in p.converted.iter().filter(|c| c.currency != p.currency) {
        line(format!("  {}", words::conversion_from(p.currency, c)));
    }
    for b in &p.breaks {
        line(words::breaks(b));
    }
    for l in &p.under_minimum {
        if let Some(s) = words::under_minimum(l) {
            line(s);
        }
    }
    if let Some(f) = &p.fee {
        line(words::fee(f));
        line(format!("  {}", words::source_line(&f.source, false)));
    }
    match words::pay_with(p) {
        Ok(s) | Err(s) => line(s),
    }
    for c in &p.candidates {
        if p.recommended.as_ref().is_none_or(|(id, _)| *id != c.id) {
            line(format!("  {}", words::candidate(p, c)));
        }
    }
    for n in &p.notes {
        line(format!("Note {}", words::note(n)));
        line(format!("  {}", words::source_line(&n.source, false)));
    }
    out
}

pub fn quota(w: &Wallet, account: i64, json: bool) -> Result<String, Failure> {
    let q = w.quota(AccountId(account))?;
    let fx = w.fx_summary()?;
    Ok(if json {
        let mut v = quota_json(&q);
        v["all_accounts"] = Value::Array(fx.iter().map(|s| limit_json(s, false)).collect());
        format!("{v}\n")
    } else {
        quota_text(&q, &fx)
    })
}

/// The pre-check's answer on standard output; exit 1 when the payment would be
/// refused (the CLI contract), 0 when it goes through.
pub fn precheck(w: &Wallet, a: &PrecheckArgs, json: bool) -> Result<Printed, Failure> {
    let p = w.precheck(
        AccountId(a.account),
        &PrecheckDraft {
            amount: a.payment.amount.clone(),
            currency: a.payment.currency.clone(),
            ty: a.payment.ty.id().to_owned(),
            to: a.payment.to_id(),
        },
    )?;
    let text = if json {
        format!("{}\n", precheck_json(&p))
    } else {
        precheck_text(&p)
    };
    Ok(Printed {
        text,
        code: if p.allowed { 0 } else { 1 },
    })
}

pub fn limit(w: &mut Wallet, cmd: &LimitCmd, json: bool) -> Result<String, Failure> {
    let said = |s: String| {
        if json {
            format!("{}\n", json!({"ok": true}))
        } else {
            s
        }
    };
    match cmd {
        LimitCmd::Book { account, book } => {
            w.set_limit_book(AccountId(*account), book)?;
            let name = &w.books().get(book.trim()).name;
            Ok(said(format!(
                "{}\n",
                words::book_chosen(&format!("Account {account}"), name)
            )))
        }
        LimitCmd::Set {
            account,
            key,
            amount,
        } => {
            w.set_override(AccountId(*account), key, Some(amount))?;
            Ok(said(format!("{key} on account {account}: {amount}\n")))
        }
        LimitCmd::Clear { account, key } => {
            w.set_override(AccountId(*account), key, None)?;
            Ok(said(format!(
                "{key} on account {account}: back to the published figure\n"
            )))
        }
        LimitCmd::Cap {
            account,
            name,
            window,
            currency,
            amount,
            method,
        } => {
            let id = w.add_cap(
                AccountId(*account),
                &CapDraft {
                    name: name.clone(),
                    window: window.id().to_owned(),
                    currency: currency.clone(),
                    amount: amount.clone(),
                    method: method.map(|m| m.to_string()).unwrap_or_default(),
                },
            )?;
            Ok(super::output::new_id(id.0, json))
        }
        LimitCmd::RemoveCap { cap } => {
            w.remove_cap(crate::domain::CapId(*cap))?;
            Ok(said(format!("Removed cap {cap}\n")))
        }
    }
}

pub fn setting(w: &mut Wallet, cmd: &SettingCmd, json: bool) -> Result<String, Failure> {
    let mut said = String::new();
    if let SettingCmd::Set { key, value } = cmd {
        // A new zone: what it changed is said, as the window shows it first.
        let change = match key {
            Setting::TimeZone => {
                let tz = crate::domain::limits::parse_time_zone(key.key(), value)
                    .map_err(crate::wallet::Error::from)?;
                Some(w.zone_change(tz)?)
            }
            _ => None,
        };
        w.set(*key, value)?;
        if let Some(c) = change {
            said = format!("{}\n", words::zone_changed(&c));
        }
    }
    let s = w.settings();
    Ok(if json {
        format!(
            "{}\n",
            json!({
                "time-zone": s.time_zone.name(),
                "bank-fee-threshold": s.bank_fee_threshold.map(|t| t.to_string()),
                "reveal-seconds": s.reveal_seconds,
                "backups-kept": s.backups_kept,
                "theme": s.theme.key(),
                "zoom": s.zoom_percent,
            })
        )
    } else {
        let lines: String = Setting::ALL
            .iter()
            .map(|k| format!("{:<20}{}\n", k.key(), words::setting_value(&s, *k)))
            .collect();
        format!("{said}{lines}")
    })
}
