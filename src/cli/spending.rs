//! `rate`, `tx`, `quota`, `precheck`, `limit` and `setting`: spending against limits.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::Failure;
use crate::domain::AccountId;
use crate::domain::limits::{Break, LimitStatus, Origin, TxType};
use crate::domain::money::money;
use crate::domain::txn::{Txn, TxnDraft, TxnPatch};
use crate::domain::txn_filter::TxnFilter;
use crate::wallet::{
    CapDraft, Finished, ImportOutcome, ImportPreview, Precheck, PrecheckDraft, Quota, Wallet,
};
use crate::words;

#[derive(Debug, Subcommand)]
pub enum RateCmd {
    /// Record an exchange rate: 1 FROM = RATE TO, from DATE (default today)
    Set {
        from: String,
        to: String,
        rate: String,
        /// YYYY-MM-DD
        #[arg(long, default_value = "")]
        date: String,
    },
    /// List the rate table, newest first
    List,
    /// Delete the FROM→TO rate of one date (payments keep the rate they were recorded with)
    Delete {
        from: String,
        to: String,
        /// YYYY-MM-DD
        #[arg(long)]
        date: String,
    },
}

/// What a payment is, shared by `tx add|edit` and `precheck`.
#[derive(Debug, Args)]
pub struct PaymentFlags {
    /// A decimal with '.', e.g. 1234.50
    #[arg(long)]
    amount: String,
    /// ISO 4217, e.g. CNY, USD, HKD
    #[arg(long)]
    currency: String,
    /// personal, goods or services
    #[arg(long = "type")]
    ty: String,
    /// merchant (default), alipay-account or bank-account
    #[arg(long, default_value = "")]
    to: String,
}

/// A transaction's fields, as flags.
#[derive(Debug, Args)]
pub struct TxFields {
    #[command(flatten)]
    payment: PaymentFlags,
    /// The method that paid
    #[arg(long, default_value = "")]
    method: String,
    /// RFC 3339, or a date alone (midnight in the `time-zone` setting, Beijing time by default); default now
    #[arg(long, default_value = "")]
    at: String,
    #[arg(long, default_value = "")]
    counterparty: String,
    #[arg(long, default_value = "")]
    note: String,
    /// Tuition with proof: does not count toward the FX quota (Q3)
    #[arg(long)]
    fx_exempt: bool,
}

impl TxFields {
    fn draft(&self) -> TxnDraft {
        TxnDraft {
            at: self.at.clone(),
            amount: self.payment.amount.clone(),
            currency: self.payment.currency.clone(),
            ty: self.payment.ty.clone(),
            to: self.payment.to.clone(),
            method: self.method.clone(),
            counterparty: self.counterparty.clone(),
            note: self.note.clone(),
            fx_exempt: self.fx_exempt.to_string(),
        }
    }
}

/// `tx edit`: every field optional; what is not given stays as it is.
#[derive(Debug, Args)]
pub struct TxEditArgs {
    /// The payment's id
    id: i64,
    /// A decimal with '.', e.g. 1234.50
    #[arg(long)]
    amount: Option<String>,
    /// ISO 4217, e.g. CNY, USD, HKD
    #[arg(long)]
    currency: Option<String>,
    /// personal, goods or services
    #[arg(long = "type")]
    ty: Option<String>,
    /// merchant, alipay-account or bank-account
    #[arg(long)]
    to: Option<String>,
    /// The method that paid ("" for none)
    #[arg(long)]
    method: Option<String>,
    /// RFC 3339, or a date alone (midnight in the configured time zone)
    #[arg(long)]
    at: Option<String>,
    #[arg(long)]
    counterparty: Option<String>,
    #[arg(long)]
    note: Option<String>,
    /// true or false: tuition with proof, outside the FX quota (Q3); the flag alone means true
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_parser = ["true", "false"])]
    fx_exempt: Option<String>,
}

impl TxEditArgs {
    fn patch(&self) -> TxnPatch {
        TxnPatch {
            at: self.at.clone(),
            amount: self.amount.clone(),
            currency: self.currency.clone(),
            ty: self.ty.clone(),
            to: self.to.clone(),
            method: self.method.clone(),
            counterparty: self.counterparty.clone(),
            note: self.note.clone(),
            fx_exempt: self.fx_exempt.clone(),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum TxCmd {
    /// Record a payment; prints its id
    Add {
        #[arg(long)]
        account: i64,
        #[command(flatten)]
        fields: TxFields,
    },
    /// Change a payment: only the flags given change (converted again with the rates of its date)
    Edit(TxEditArgs),
    /// Delete a payment
    Delete { id: i64 },
    /// List payments, newest first
    List {
        #[arg(long)]
        account: i64,
        /// personal, goods or services
        #[arg(long = "type")]
        ty: Option<String>,
        #[arg(long)]
        method: Option<i64>,
        /// First day (YYYY-MM-DD)
        #[arg(long)]
        from: Option<String>,
        /// Last day (YYYY-MM-DD)
        #[arg(long)]
        until: Option<String>,
        /// Text in the counterparty or note
        #[arg(long, default_value = "")]
        text: String,
        #[arg(long, default_value_t = 50)]
        limit: u64,
        #[arg(long, default_value_t = 0)]
        offset: u64,
    },
    /// Import a CSV (at,amount,currency,type,to,method,counterparty,note,fx_exempt): all rows or none
    Import {
        file: PathBuf,
        #[arg(long)]
        account: i64,
        /// Show what would be imported and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Export an account's payments as CSV (imports back to the same rows)
    Export {
        file: PathBuf,
        #[arg(long)]
        account: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum LimitCmd {
    /// Use another limit book for an account: standard, or alternative (Q4's figures)
    Book { account: i64, book: String },
    /// Replace a published figure for one account (see `quota` for the keys)
    Set {
        account: i64,
        key: String,
        amount: String,
    },
    /// Go back to the published figure
    Clear { account: i64, key: String },
    /// Add your own cap, e.g. --name "Card issuer" --window month --currency CNY --amount 20000
    Cap {
        account: i64,
        #[arg(long)]
        name: String,
        /// single, day, week, month or year
        #[arg(long)]
        window: String,
        /// USD or CNY
        #[arg(long)]
        currency: String,
        #[arg(long)]
        amount: String,
        /// Only this method's payments count
        #[arg(long, default_value = "")]
        method: String,
    },
    /// Remove one of your caps
    RemoveCap { cap: i64 },
}

#[derive(Debug, Subcommand)]
pub enum SettingCmd {
    /// time-zone (IANA, default Asia/Shanghai), bank-fee-threshold (CNY) or backups-kept (how many automatic backups, default 10)
    Set { key: String, value: String },
    /// Show the settings
    Show,
}

#[derive(Debug, Args)]
pub struct PrecheckArgs {
    #[arg(long)]
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
        "remaining": s.remaining.to_string(),
        "resets_at": s.resets_at.map(|t| t.to_rfc3339()),
        "source": s.layer.source,
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
        "{} ({}): limits of the {} book, windows in {}\n",
        q.account.label,
        q.account.provider.name(),
        q.book,
        q.time_zone.name()
    );
    if q.statuses.is_empty() {
        out.push_str("No published limits apply; add your own with `walletdesk limit cap`.\n");
    }
    let rows: Vec<Vec<String>> = q
        .statuses
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                s.layer.rule.clone(),
                s.layer.key.clone(),
                s.layer.name.clone(),
                money(s.layer.max, s.layer.currency),
                money(s.used, s.layer.currency),
                money(s.remaining, s.layer.currency),
                s.resets_at.map_or_else(
                    || "each payment".into(),
                    |t| t.format("%Y-%m-%d %H:%M %:z").to_string(),
                ),
                match (q.binding == Some(i), s.level().id()) {
                    (true, "ok") => "binds".into(),
                    (true, l) => format!("binds, {l}"),
                    (false, "ok") => String::new(),
                    (false, l) => l.into(),
                },
            ]
        })
        .collect();
    if !rows.is_empty() {
        out.push_str(&super::output::table(
            &[
                "rule",
                "key",
                "limit",
                "of",
                "used",
                "remaining",
                "resets",
                "",
            ],
            &rows,
        ));
    }
    if let Some(b) = q.binding.and_then(|i| q.statuses.get(i)) {
        out.push_str(&format!("{}\n", words::binding(b)));
    }
    for s in fx {
        if s.layer.window != crate::domain::limits::Window::Single {
            out.push_str(&format!("All accounts: {}\n", words::fx_line(s)));
        }
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
        })),
        "recommended_method": p.recommended.as_ref().map(|(id, _)| id.0),
        "reason": p.recommended.as_ref().map(|(_, r)| r.clone()).or_else(|| p.no_method.clone()),
        "notes": p.notes.iter().map(|n| json!({"rule": n.rule, "text": n.text, "source": n.source})).collect::<Vec<_>>(),
    })
}

fn precheck_text(p: &Precheck) -> String {
    let mut out = format!(
        "{} ({}, to {}) on {}: {}\n",
        money(p.amount, p.currency),
        p.ty.id(),
        p.to.id(),
        p.quota.account.label,
        words::precheck_outcome(p)
    );
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    for c in p.converted.iter().filter(|c| c.currency != p.currency) {
        line(format!("  {}", words::conversion(c)));
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
        line(format!("{} (source {})", words::fee(f), f.source));
    }
    match words::pay_with(p) {
        Ok(s) | Err(s) => line(s),
    }
    for n in &p.notes {
        line(format!("Note {} ({})", words::note(n), n.source));
    }
    out
}

fn txn_json(t: &Txn) -> Value {
    let d = t.new.to_draft();
    json!({
        "id": t.id, "account": t.account_id.0, "at": d.at, "amount": d.amount, "currency": d.currency,
        "type": d.ty, "to": d.to, "method": t.new.method.map(|m| m.0), "counterparty": d.counterparty,
        "note": d.note, "fx_exempt": t.new.fx_exempt,
        "converted": t.converted.iter().map(|c| json!({
            "currency": c.currency.as_str(), "amount": c.amount.to_string(),
            "rate": c.rate.to_string(), "rate_date": c.rate_date.map(|d| d.to_string()),
        })).collect::<Vec<_>>(),
    })
}

fn preview_text(p: &ImportPreview) -> String {
    let mut out = format!("{}\n", words::import_summary(p));
    for (line, why) in p.errors.iter().take(50) {
        out.push_str(&format!("{}\n", words::import_error(*line, why)));
    }
    if p.errors.len() > 50 {
        out.push_str(&format!("… and {} more errors\n", p.errors.len() - 50));
    }
    for (line, why) in p.duplicates.iter().take(20) {
        out.push_str(&format!("{}\n", words::import_duplicate(*line, why)));
    }
    out
}

/// A progress line on a terminal's standard error (nothing when redirected).
fn progress_bar(label: &'static str) -> impl FnMut(f32) {
    let tty = std::io::stderr().is_terminal();
    let mut last = -1i32;
    move |f: f32| {
        #[allow(clippy::cast_possible_truncation)]
        let pct = (f * 100.0) as i32;
        if tty && pct != last {
            last = pct;
            let filled = usize::try_from(pct / 5).unwrap_or(0).min(20);
            eprint!(
                "\r{label} [{}{}] {pct:3}%",
                "#".repeat(filled),
                " ".repeat(20 - filled)
            );
            if pct >= 100 {
                eprintln!();
            }
            let _ = std::io::stderr().flush();
        }
    }
}

pub fn rate(w: &mut Wallet, cmd: &RateCmd, json: bool) -> Result<String, Failure> {
    match cmd {
        RateCmd::Set {
            from,
            to,
            rate,
            date,
        } => {
            let r = w.set_rate(from, to, rate, date)?;
            Ok(if json {
                format!(
                    "{}\n",
                    json!({"from": r.from.as_str(), "to": r.to.as_str(), "rate": r.rate.to_string(), "date": r.date.to_string()})
                )
            } else {
                format!("{}\n", words::rate(&r))
            })
        }
        RateCmd::Delete { from, to, date } => {
            w.delete_rate(from, to, date)?;
            Ok(if json {
                format!("{}\n", json!({"deleted": true}))
            } else {
                format!("Deleted the {from}→{to} rate of {date}\n")
            })
        }
        RateCmd::List => {
            let rates = w.rates()?;
            Ok(if json {
                format!(
                    "{}\n",
                    Value::Array(
                        rates
                            .iter()
                            .map(|r| json!({"from": r.from.as_str(), "to": r.to.as_str(), "rate": r.rate.to_string(), "date": r.date.to_string()}))
                            .collect()
                    )
                )
            } else {
                let rows: Vec<Vec<String>> = rates
                    .iter()
                    .map(|r| {
                        vec![
                            r.date.to_string(),
                            format!("1 {}", r.from),
                            format!("{} {}", r.rate, r.to),
                        ]
                    })
                    .collect();
                super::output::table(&["from", "", "="], &rows)
            })
        }
    }
}

pub fn tx(w: &mut Wallet, cmd: &TxCmd, json: bool) -> Result<String, Failure> {
    match cmd {
        TxCmd::Add { account, fields } => {
            let id = w.add_txn(AccountId(*account), &fields.draft())?;
            Ok(super::output::new_id(id, json))
        }
        TxCmd::Edit(e) => {
            let id = &e.id;
            w.patch_txn(*id, &e.patch())?;
            Ok(if json {
                format!("{}\n", json!({"id": id}))
            } else {
                format!("Changed transaction {id}\n")
            })
        }
        TxCmd::Delete { id } => {
            w.delete_txn(*id)?;
            Ok(if json {
                format!("{}\n", json!({"id": id, "deleted": true}))
            } else {
                format!("Deleted transaction {id}\n")
            })
        }
        TxCmd::List {
            account,
            ty,
            method,
            from,
            until,
            text,
            limit,
            offset,
        } => {
            let day = |f: &'static str, s: &Option<String>| {
                s.as_deref()
                    .map(|s| crate::domain::account::parse_date(f, s))
                    .transpose()
            };
            let filter = TxnFilter {
                account: Some(AccountId(*account)),
                method: method.map(crate::domain::MethodId),
                ty: ty
                    .as_deref()
                    .map(|t| TxType::parse("type", t))
                    .transpose()
                    .map_err(crate::wallet::Error::from)?,
                from: day("from", from).map_err(crate::wallet::Error::from)?,
                until: day("until", until).map_err(crate::wallet::Error::from)?,
                text: text.clone(),
            };
            w.account(AccountId(*account))?;
            let total = w.txn_count(&filter)?;
            let tz = w.time_zone();
            let page = w.txn_page(&filter, *offset, *limit)?;
            Ok(if json {
                format!(
                    "{}\n",
                    json!({"total": total, "offset": offset, "transactions": page.iter().map(txn_json).collect::<Vec<_>>()})
                )
            } else {
                let rows: Vec<Vec<String>> = page
                    .iter()
                    .map(|t| {
                        vec![
                            t.id.to_string(),
                            words::time(t.new.at, tz),
                            money(t.new.amount, t.new.currency),
                            t.in_currency(crate::domain::money::Currency::USD)
                                .map(|a| money(a, crate::domain::money::Currency::USD))
                                .unwrap_or_default(),
                            t.new.ty.id().into(),
                            t.new.to.id().into(),
                            t.new.method.map(|m| m.to_string()).unwrap_or_default(),
                            t.new.counterparty.clone(),
                        ]
                    })
                    .collect();
                let at = format!("at ({})", words::zone_name(tz));
                let mut out = super::output::table(
                    &[
                        "id",
                        &at,
                        "amount",
                        "in USD",
                        "type",
                        "to",
                        "method",
                        "counterparty",
                    ],
                    &rows,
                );
                out.push_str(&format!("{} of {total} shown\n", page.len()));
                out
            })
        }
        TxCmd::Import {
            file,
            account,
            dry_run,
        } => {
            let account = AccountId(*account);
            w.account(account)?;
            let preview = match w
                .start_import_preview(account, file)
                .wait(&mut progress_bar("reading"))
            {
                ImportOutcome::Preview(r) => match r? {
                    Finished::Done(p) => p,
                    Finished::Cancelled => cancelled()?,
                },
                ImportOutcome::Written(_) => unreachable_outcome()?,
            };
            let text = preview_text(&preview);
            if !preview.errors.is_empty() {
                return Err(Failure {
                    code: 2,
                    message: format!("{text}nothing was written"),
                });
            }
            if *dry_run {
                return Ok(if json {
                    preview_json(&preview, 0)
                } else {
                    text
                });
            }
            let rows = preview.rows.len();
            let job = w.start_import_write(account, preview.clone());
            let n = match job.wait(&mut progress_bar("writing")) {
                ImportOutcome::Written(r) => match r? {
                    Finished::Done(n) => n,
                    Finished::Cancelled => cancelled()?,
                },
                ImportOutcome::Preview(_) => unreachable_outcome()?,
            };
            Ok(if json {
                preview_json(&preview, n)
            } else {
                format!("{text}{}\n", words::imported(n, rows.saturating_sub(n)))
            })
        }
        TxCmd::Export { file, account } => {
            let n = w.export_csv_file(AccountId(*account), file)?;
            Ok(if json {
                format!(
                    "{}\n",
                    json!({"exported": n, "file": file.display().to_string()})
                )
            } else {
                format!("{}\n", words::exported(n, file))
            })
        }
    }
}

/// A job answered with the other stage's outcome: a defect, said as one.
fn unreachable_outcome<T>() -> Result<T, Failure> {
    Err(Failure {
        code: 3,
        message: "import: the job answered for the wrong stage; nothing was written".into(),
    })
}

/// The CLI never sets its cancel flag (Ctrl+C ends the process, and the open
/// database transaction with it).
fn cancelled<T>() -> Result<T, Failure> {
    Err(Failure {
        code: 1,
        message: "cancelled; nothing was written".into(),
    })
}

fn preview_json(p: &ImportPreview, written: usize) -> String {
    format!(
        "{}\n",
        json!({
            "rows": p.rows.len(),
            "written": written,
            "totals": p.totals.iter().map(|(c, a)| json!({"currency": c.as_str(), "amount": a.to_string()})).collect::<Vec<_>>(),
            "duplicates": p.duplicates.iter().map(|(l, w)| json!({"line": l, "reason": w})).collect::<Vec<_>>(),
            "errors": p.errors.iter().map(|(l, w)| json!({"line": l, "error": w})).collect::<Vec<_>>(),
        })
    )
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

pub fn precheck(w: &Wallet, a: &PrecheckArgs, json: bool) -> Result<String, Failure> {
    let p = w.precheck(
        AccountId(a.account),
        &PrecheckDraft {
            amount: a.payment.amount.clone(),
            currency: a.payment.currency.clone(),
            ty: a.payment.ty.clone(),
            to: a.payment.to.clone(),
        },
    )?;
    Ok(if json {
        format!("{}\n", precheck_json(&p))
    } else {
        precheck_text(&p)
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
            Ok(said(format!(
                "Account {account} now uses the {book} limit book\n"
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
                    window: window.clone(),
                    currency: currency.clone(),
                    amount: amount.clone(),
                    method: method.clone(),
                },
            )?;
            Ok(super::output::new_id(id, json))
        }
        LimitCmd::RemoveCap { cap } => {
            w.remove_cap(*cap)?;
            Ok(said(format!("Removed cap {cap}\n")))
        }
    }
}

pub fn setting(w: &mut Wallet, cmd: &SettingCmd, json: bool) -> Result<String, Failure> {
    if let SettingCmd::Set { key, value } = cmd {
        w.set_setting(key, value)?;
    }
    let tz = w.time_zone();
    let threshold = w.bank_fee_threshold();
    let kept = w.backups_kept();
    Ok(if json {
        format!(
            "{}\n",
            json!({"time-zone": tz.name(), "bank-fee-threshold": threshold.map(|t| t.to_string()), "backups-kept": kept})
        )
    } else {
        format!(
            "time-zone           {}\nbank-fee-threshold  {}\nbackups-kept        {kept}\n",
            tz.name(),
            threshold.map_or_else(
                || "not set (the book's figure applies)".into(),
                |t| format!("CNY {t}")
            )
        )
    })
}
