//! `rate` and `tx`: the exchange-rate table and the payments (record, change,
//! list, import, export).

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::limits::PaymentFlags;
use super::values::{FormatArg, parse_format};
use chrono_tz::Tz;

use super::{ACCOUNT_HELP, Failure, Printed};
use crate::domain::calendar::rfc3339_in;
use crate::domain::limits::{Destination, TxType};
use crate::domain::money::{Currency, money};
use crate::domain::txn::{Txn, TxnDraft, TxnPatch};
use crate::domain::txn_filter::TxnFilter;
use crate::domain::{AccountId, TxnId};
use crate::wallet::{Finished, ImportPreview, Password, Wallet};
use crate::words;
use zeroize::Zeroizing;

#[derive(Debug, Subcommand)]
pub enum RateCmd {
    /// Record an exchange rate: 1 FROM = RATE TO, from DATE (default today)
    Set {
        /// The currency converted from (ISO 4217), e.g. USD
        from: String,
        /// The currency converted to (ISO 4217), e.g. CNY
        to: String,
        /// How many TO one FROM is worth, a decimal with '.', e.g. 7.18
        rate: String,
        /// The first day the rate applies (YYYY-MM-DD; default today)
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// List the rate table, newest first
    List,
    /// Delete the FROM→TO rate of one date (payments keep the rate they were recorded with)
    Delete {
        /// The currency converted from (ISO 4217), e.g. USD
        from: String,
        /// The currency converted to (ISO 4217), e.g. CNY
        to: String,
        /// The day the rate applies from (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        date: String,
    },
}

/// A transaction's fields, as flags.
#[derive(Debug, Args)]
pub struct TxFields {
    #[command(flatten)]
    payment: PaymentFlags,
    /// The method that paid (see `walletdesk method list --account ID`)
    #[arg(long, value_name = "METHOD_ID")]
    method: Option<i64>,
    /// When: RFC 3339, YYYY-MM-DD HH:MM on the clock of the `time-zone` setting (Beijing time by default), or a date alone (midnight there); default now
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Who was paid, e.g. a shop's name
    #[arg(long, value_name = "TEXT")]
    counterparty: Option<String>,
    /// A note of your own
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Tuition with proof: does not count toward the FX quota (Q3)
    #[arg(long)]
    fx_exempt: bool,
}

impl TxFields {
    fn draft(&self) -> TxnDraft {
        TxnDraft {
            at: self.at.clone().unwrap_or_default(),
            amount: self.payment.amount.clone(),
            currency: self.payment.currency.clone(),
            ty: self.payment.ty.id().to_owned(),
            to: self.payment.to_id(),
            method: self.method.map(|m| m.to_string()).unwrap_or_default(),
            counterparty: self.counterparty.clone().unwrap_or_default(),
            note: self.note.clone().unwrap_or_default(),
            fx_exempt: self.fx_exempt.to_string(),
        }
    }
}

/// `tx edit`: every field optional; what is not given stays as it is.
#[derive(Debug, Args)]
pub struct TxEditArgs {
    /// The payment's id (see `walletdesk tx list --account ID`)
    id: i64,
    /// The amount, a decimal with '.', e.g. 1234.50
    #[arg(long, value_name = "DECIMAL")]
    amount: Option<String>,
    /// The currency (ISO 4217), e.g. CNY, USD, HKD
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,
    /// What the payment is for (Q2)
    #[arg(long = "type", value_name = "TYPE")]
    ty: Option<TxType>,
    /// Where the money goes (Q2)
    #[arg(long)]
    to: Option<Destination>,
    /// The method that paid (see `walletdesk method list --account ID`; "" for none)
    #[arg(long, value_name = "METHOD_ID")]
    method: Option<String>,
    /// When: RFC 3339, YYYY-MM-DD HH:MM on the clock of the `time-zone` setting, or a date alone (midnight there)
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Who was paid ("" for nobody)
    #[arg(long, value_name = "TEXT")]
    counterparty: Option<String>,
    /// A note of your own ("" for none)
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Tuition with proof, outside the FX quota (Q3): true or false; the flag alone means true
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_parser = ["true", "false"])]
    fx_exempt: Option<String>,
}

impl TxEditArgs {
    fn patch(&self) -> TxnPatch {
        TxnPatch {
            at: self.at.clone(),
            amount: self.amount.clone(),
            currency: self.currency.clone(),
            ty: self.ty.map(|t| t.id().to_owned()),
            to: self.to.map(|d| d.id().to_owned()),
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
        #[arg(long, value_name = "ID", help = ACCOUNT_HELP)]
        account: i64,
        #[command(flatten)]
        fields: TxFields,
    },
    /// Change a payment: only the flags given change (converted again with the rates of its date)
    Edit(TxEditArgs),
    /// Delete a payment
    Delete {
        /// The payment's id (see `walletdesk tx list --account ID`)
        id: i64,
    },
    /// List payments, newest first
    List {
        #[arg(long, value_name = "ID", help = ACCOUNT_HELP)]
        account: i64,
        /// Only payments of this type
        #[arg(long = "type", value_name = "TYPE")]
        ty: Option<TxType>,
        /// Only payments made with this method (see `walletdesk method list --account ID`)
        #[arg(long, value_name = "METHOD_ID")]
        method: Option<i64>,
        /// First day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// Only payments with this text in the counterparty or note
        #[arg(long)]
        text: Option<String>,
        /// How many payments to show
        #[arg(long, default_value_t = 50)]
        limit: u64,
        /// How many of the newest payments to skip
        #[arg(long, default_value_t = 0)]
        offset: u64,
    },
    /// Import a CSV (walletdesk's own: at,amount,currency,type,to,method,counterparty,note,fx_exempt; an Alipay or WeChat Pay bill: CSV, XLSX, or the e-mailed zip, whose password is read from standard input; or any other CSV through a saved mapping): all rows or none
    Import {
        /// The file to read: CSV, XLSX, or a zip holding one
        file: PathBuf,
        #[arg(long, value_name = "ID", help = ACCOUNT_HELP)]
        account: i64,
        /// How to read the file: auto (detected from its header), walletdesk, alipay, wechat, or mapping:NAME (a column mapping saved with `walletdesk mapping add`)
        #[arg(long, value_name = "FORMAT", value_parser = parse_format, default_value = "auto")]
        format: FormatArg,
        /// Show what would be imported and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Export an account's payments as CSV (imports back to the same rows)
    Export {
        /// The CSV file to write (replaced only once it is complete)
        file: PathBuf,
        #[arg(long, value_name = "ID", help = ACCOUNT_HELP)]
        account: i64,
    },
}

/// A payment in JSON: the codes of its type and destination, its time as RFC 3339
/// with the offset of the configured zone.
fn txn_json(t: &Txn, tz: Tz) -> Value {
    let d = t.new.to_draft();
    json!({
        "id": t.id.0, "account": t.account_id.0, "at": rfc3339_in(t.new.at, tz), "amount": d.amount, "currency": d.currency,
        "type": d.ty, "to": d.to, "method": t.new.method.map(|m| m.0), "counterparty": d.counterparty,
        "note": d.note, "fx_exempt": t.new.fx_exempt,
        "converted": t.converted.iter().map(|c| json!({
            "currency": c.currency.as_str(), "amount": c.amount.to_string(),
            "rate": c.rate.to_string(), "rate_date": c.rate_date.map(|d| d.to_string()),
        })).collect::<Vec<_>>(),
    })
}

fn preview_text(p: &ImportPreview) -> String {
    let mut out = String::new();
    if !p.format.is_empty() {
        out.push_str(&format!("{}\n", words::import_format(&p.format)));
    }
    out.push_str(&format!("{}\n", words::import_summary(p)));
    for (line, why) in p.errors.iter().take(50) {
        out.push_str(&format!("{}\n", words::import_error(*line, why)));
    }
    if p.error_total > 50 {
        out.push_str(&format!("{}\n", words::more_errors(p.error_total - 50)));
    }
    for (line, why) in p.duplicates.iter().take(20) {
        out.push_str(&format!("{}\n", words::import_duplicate(*line, why)));
    }
    for (line, why) in p.skipped.iter().take(20) {
        out.push_str(&format!("{}\n", words::import_skipped(*line, why)));
    }
    for r in p.refunds.iter().take(20) {
        let why = words::bill_refund(r.amount, r.of.as_deref(), r.linked);
        out.push_str(&format!("{}\n", words::import_skipped(r.line, &why)));
    }
    for r in p.rows.iter().take(50) {
        if let Some(note) = &r.method_note {
            out.push_str(&format!("{}\n", words::import_error(r.line, note)));
        }
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
            let r = w.set_rate(from, to, rate, date.as_deref().unwrap_or_default())?;
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
                            words::rate_value(r.from, r.to, r.rate),
                        ]
                    })
                    .collect();
                super::output::table(&["valid from", "amount", "is worth"], &rows)
            })
        }
    }
}

pub fn tx(w: &mut Wallet, cmd: &TxCmd, json: bool) -> Result<String, Failure> {
    match cmd {
        TxCmd::Add { account, fields } => {
            let id = w.add_txn(AccountId(*account), &fields.draft())?;
            Ok(super::output::new_id(id.0, json))
        }
        TxCmd::Edit(e) => {
            let id = &e.id;
            w.patch_txn(TxnId(*id), &e.patch())?;
            Ok(if json {
                format!("{}\n", json!({"id": id}))
            } else {
                format!("{}\n", words::txn_changed(TxnId(*id)))
            })
        }
        TxCmd::Delete { id } => {
            w.delete_txn(TxnId(*id))?;
            Ok(if json {
                format!("{}\n", json!({"id": id, "deleted": true}))
            } else {
                format!("{}\n", words::txn_deleted(TxnId(*id)))
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
                ty: *ty,
                from: day("from", from).map_err(crate::wallet::Error::from)?,
                until: day("until", until).map_err(crate::wallet::Error::from)?,
                text: text.clone().unwrap_or_default(),
            };
            w.account(AccountId(*account))?;
            if filter.text.trim().chars().count() >= crate::store::INDEXED_TEXT_MIN {
                // Index rows written since the last search (the window does this
                // while idle). Only a speed-up: unindexed rows are scanned, so a
                // failure here (a locked database) changes no answer.
                let _ = w.index_text(u64::MAX);
            }
            let totals = w.txn_totals(&filter)?;
            let tz = w.time_zone();
            let page = w.txn_page_of(&filter, *offset, *limit, totals.count)?;
            Ok(if json {
                format!(
                    "{}\n",
                    json!({
                        "total": totals.count, "offset": offset,
                        "totals": totals.by_currency.iter().map(|(c, a)| json!({"currency": c.as_str(), "amount": a.to_string()})).collect::<Vec<_>>(),
                        "total_usd": totals.usd.to_string(),
                        "transactions": page.iter().map(|t| {
                            let mut j = txn_json(t, tz);
                            j["order_no"] = json!(w.txn_order_no(t.id).ok().flatten());
                            let refund = w.txn_refund_of(t.id).ok().flatten();
                            j["refund"] = json!(refund.is_some());
                            j["refund_of"] = json!(refund.flatten().map(|p| p.0));
                            j
                        }).collect::<Vec<_>>(),
                    })
                )
            } else {
                let rows: Vec<Vec<String>> = page
                    .iter()
                    .map(|t| {
                        vec![
                            t.id.to_string(),
                            words::time(t.new.at, tz),
                            if t.refund {
                                words::refund_amount(t.new.amount, t.new.currency)
                            } else {
                                money(t.new.amount, t.new.currency)
                            },
                            t.in_currency(Currency::USD)
                                .map(|a| money(a, Currency::USD))
                                .unwrap_or_default(),
                            if t.refund {
                                words::REFUND
                            } else {
                                t.new.ty.label()
                            }
                            .into(),
                            t.new.to.label().into(),
                            t.new.method.map(|m| m.to_string()).unwrap_or_default(),
                            t.new.counterparty.clone(),
                        ]
                    })
                    .collect();
                let mut header = vec![
                    "id".to_owned(),
                    format!("at ({})", words::zone_name(tz)),
                    "amount".into(),
                    "in USD".into(),
                    "type".into(),
                    "to".into(),
                    "method".into(),
                    "counterparty".into(),
                ];
                let mut rows = rows;
                for col in [2, 3] {
                    align_right(&mut header, &mut rows, col);
                }
                let header: Vec<&str> = header.iter().map(String::as_str).collect();
                let mut out = super::output::table(&header, &rows);
                out.push_str(&format!("{} of {} shown\n", page.len(), totals.count));
                out.push_str(&format!("{}\n", words::txn_totals(&totals)));
                out
            })
        }
        TxCmd::Import { .. } => {
            // `run` answers imports through `import` (an error report is printed with exit 2).
            let p = import(w, cmd, json)?;
            if p.code == 0 {
                Ok(p.text)
            } else {
                Err(Failure {
                    code: p.code,
                    message: p.text,
                })
            }
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

/// `tx import`: read and written in one pass (with `--dry-run`, read only). With errors
/// nothing is written: exit 2, the report on standard error, or with `--json`
/// the JSON summary (its `errors` by line and field) on standard output.
pub fn import(w: &mut Wallet, cmd: &TxCmd, json: bool) -> Result<Printed, Failure> {
    let TxCmd::Import {
        file,
        account,
        format,
        dry_run,
    } = cmd
    else {
        return tx(w, cmd, json).map(Printed::from);
    };
    let account = AccountId(*account);
    w.account(account)?;
    // A dry run reads; an import reads and writes in one job, in a single
    // pass whatever the file's size.
    let write = !*dry_run;
    let read = |w: &Wallet, password: Option<Password>| {
        let (job, label) = match format {
            FormatArg::Known(f) if write => (
                w.start_import(account, file, f.choice(), password),
                "importing",
            ),
            FormatArg::Known(f) => (
                w.start_import_preview_with(account, file, f.choice(), password),
                "reading",
            ),
            FormatArg::Mapping(name) if write => {
                (w.start_import_mapped(account, file, name)?, "importing")
            }
            FormatArg::Mapping(name) => (
                w.start_import_preview_mapped(account, file, name)?,
                "reading",
            ),
        };
        match job.wait(&mut progress_bar(label))? {
            Finished::Done(p) => Ok(p),
            Finished::Cancelled => cancelled(),
        }
    };
    let mut preview = read(w, None)?;
    // A protected zip: its password from standard input (never an argument), then
    // read again; no password given leaves the preview's password error.
    if preview.needs_password()
        && let Some(password) = read_password(file)?
    {
        preview = read(w, Some(password))?;
    }
    let text = preview_text(&preview);
    let mut summary = preview_json(&preview);
    if preview.error_total > 0 {
        if json {
            return Ok(Printed {
                text: format!("{summary}\n"),
                code: 2,
            });
        }
        return Err(Failure {
            code: 2,
            message: format!("{text}nothing was written"),
        });
    }
    if *dry_run {
        return Ok(Printed::from(if json {
            format!("{summary}\n")
        } else {
            text
        }));
    }
    let rows = preview.row_total + preview.refunds.len();
    let n = preview.written.unwrap_or(0);
    summary["written"] = json!(n);
    Ok(Printed::from(if json {
        format!("{summary}\n")
    } else {
        format!("{text}{}\n", words::imported(n, rows.saturating_sub(n)))
    }))
}

/// A zip's password: one line of standard input, its line end stripped; `None`
/// when empty. On a terminal a prompt comes first (on standard error).
fn read_password(file: &Path) -> Result<Option<Password>, Failure> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("{}", words::password_prompt(file));
        let _ = std::io::stderr().flush();
    }
    let mut line = Zeroizing::new(String::new());
    stdin.lock().read_line(&mut line).map_err(|e| Failure {
        code: 2,
        message: format!("password: could not read standard input: {e}"),
    })?;
    Ok(Password::new(line.trim_end_matches(['\r', '\n'])))
}

/// Pad a column of amounts (ASCII) on the left so that their digits line up.
fn align_right(header: &mut [String], rows: &mut [Vec<String>], col: usize) {
    let width = rows
        .iter()
        .filter_map(|r| r.get(col))
        .chain(header.get(col))
        .map(String::len)
        .max()
        .unwrap_or(0);
    for cell in rows
        .iter_mut()
        .filter_map(|r| r.get_mut(col))
        .chain(header.get_mut(col))
    {
        *cell = format!("{cell:>width$}");
    }
}

/// The CLI never sets its cancel flag (Ctrl+C ends the process, and the open
/// database transaction with it).
fn cancelled<T>() -> Result<T, Failure> {
    Err(Failure {
        code: 1,
        message: "cancelled; nothing was written".into(),
    })
}

/// What an import would do (and, once written, did: `written` is filled in then).
fn preview_json(p: &ImportPreview) -> Value {
    json!({
        "rows": p.row_total,
        "written": p.written.unwrap_or(0),
        "duplicate_count": p.duplicate_total,
        "error_count": p.error_total,
        "totals": p.totals.iter().map(|(c, a)| json!({"currency": c.as_str(), "amount": a.to_string()})).collect::<Vec<_>>(),
        "duplicates": p.duplicates.iter().map(|(l, w)| json!({"line": l, "reason": w})).collect::<Vec<_>>(),
        "errors": p.errors.iter().enumerate().map(|(i, (l, w))| {
            let (field, problem) = p.error_parts(i);
            json!({"line": l, "field": field, "problem": problem, "error": w})
        }).collect::<Vec<_>>(),
        "format": p.format,
        "skipped": p.skipped.iter().map(|(l, w)| json!({"line": l, "reason": w})).collect::<Vec<_>>(),
        "refunds": p.refunds.iter().map(|r| json!({
            "line": r.line, "at": r.at.to_rfc3339(), "amount": r.amount.to_string(), "currency": "CNY",
            "order_no": r.order_no, "of": r.of, "linked": r.linked,
            "reason": words::bill_refund(r.amount, r.of.as_deref(), r.linked),
        })).collect::<Vec<_>>(),
        "methods": p.rows.iter().filter_map(|r| r.method_note.as_ref().map(|n| json!({"line": r.line, "reason": n}))).collect::<Vec<_>>(),
    })
}
