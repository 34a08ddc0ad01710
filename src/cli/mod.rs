//! The command line: the same service as the window, for scripts and tests.
//!
//! Names, flags, exit codes and JSON fields follow `shared/CLI.md`.

mod data;
mod limits;
mod output;
mod txns;

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use clap::{Args, Parser, Subcommand};
use zeroize::Zeroizing;

use crate::domain::account::parse_date;
use crate::domain::lifecycle::{Plan, Refusal, Step};
use crate::domain::risk::Target;
use crate::domain::{
    AccountDraft, AccountId, AccountPatch, CardDraft, FieldError, MethodId, Outcome, PaypalDraft,
    Provider, Region, Tier, optional_text,
};
use crate::vault::Vault;
use crate::wallet::{self, Basis, Clock, Wallet};

/// Environment variable that selects the secret store: `os` (default) or
/// `memory` (nothing kept after exit; for tests and trying things out).
pub const SECRET_STORE_ENV: &str = "WALLETDESK_SECRET_STORE";

#[derive(Debug, Parser)]
#[command(
    name = "walletdesk",
    version,
    about = "Keep the cards and PayPal accounts linked to Alipay, WeChat Pay and Alibaba Cloud on your own machine",
    long_about = "With no command, opens the desktop window. With a command, does the same work without a window.\n\nCard numbers are read from standard input, never from an argument."
)]
pub struct Cli {
    /// The database file (default: walletdesk.sqlite in the platform data folder)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)
    #[arg(long, global = true, value_name = "RFC3339", value_parser = parse_now)]
    pub now: Option<DateTime<FixedOffset>>,
    /// Machine-readable output
    #[arg(long, global = true)]
    pub json: bool,
    /// With no command: open the window on a fresh temporary database with demo data
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_now(s: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(s)
        .map_err(|e| format!("use RFC 3339, e.g. 2026-03-01T12:00:00+08:00 ({e})"))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add sample accounts, cards and a PayPal account to an empty database (`--demo` opens a throw-away one)
    Demo {
        /// Also generate this many payments over the last 15 months (and their rates)
        #[arg(long)]
        transactions: Option<u64>,
    },
    /// Payment accounts (Alipay, Alipay HK, WeChat Pay, Alibaba Cloud)
    #[command(subcommand)]
    Account(AccountCmd),
    /// Cards
    #[command(subcommand)]
    Card(CardCmd),
    /// PayPal accounts
    #[command(subcommand)]
    Paypal(PaypalCmd),
    /// Linked methods of an account
    #[command(subcommand)]
    Method(MethodCmd),
    /// Will this card bind? The number is read from standard input and not stored
    CheckCard(CheckCardArgs),
    /// Exchange rates (Q6): the table conversions use
    #[command(subcommand)]
    Rate(txns::RateCmd),
    /// Payments: add, edit, delete, list, import and export (CSV)
    #[command(subcommand)]
    Tx(txns::TxCmd),
    /// Every limit in force on an account: used, remaining, when it resets
    Quota {
        #[arg(long)]
        account: i64,
    },
    /// Would a payment go through? Limits broken, fee, and the method to use
    Precheck(limits::PrecheckArgs),
    /// Limit books, your figures and your own caps
    #[command(subcommand)]
    Limit(limits::LimitCmd),
    /// Settings: time-zone, bank-fee-threshold, backups-kept
    #[command(subcommand)]
    Setting(limits::SettingCmd),
    #[command(flatten)]
    Data(data::DataCmd),
}

#[derive(Debug, Args)]
pub struct CheckCardArgs {
    /// alipay, alipay-hk, wechat-pay, alibaba-cloud, or all
    #[arg(long)]
    provider: String,
    /// Judge against this stored account (its provider, region, tier, holder, passport)
    #[arg(long, conflicts_with_all = ["region", "tier", "account_holder", "passport_expiry"])]
    account: Option<i64>,
    /// Without --account: the account's region (US, EU, EUROPE-NON-EU, MY, OTHER)
    #[arg(long)]
    region: Option<String>,
    /// Without --account: unverified or verified
    #[arg(long, default_value = "verified")]
    tier: String,
    /// Without --account: the account holder's name as on the passport
    #[arg(long)]
    account_holder: Option<String>,
    /// Without --account: YYYY-MM-DD
    #[arg(long)]
    passport_expiry: Option<String>,
    /// MM/YY
    #[arg(long)]
    expiry: String,
    /// The cardholder's name as on the card
    #[arg(long, default_value = "")]
    holder: String,
    #[command(flatten)]
    facts: CardFacts,
}

/// What the person knows of a card, shared by `card add` and `check-card`.
#[derive(Debug, Args)]
pub struct CardFacts {
    /// credit, debit, prepaid, virtual or gift
    #[arg(long, default_value = "")]
    funding: String,
    /// Where the card was issued (two letters)
    #[arg(long, default_value = "")]
    issuer_country: String,
    /// International and online payments enabled: yes, no or unknown
    #[arg(long, default_value = "unknown")]
    intl: String,
    /// 3-D Secure enabled: yes, no or unknown
    #[arg(long, default_value = "unknown")]
    three_ds: String,
    /// Balance of at least USD 1.00: yes, no or unknown
    #[arg(long, default_value = "unknown")]
    balance_ok: String,
}

#[derive(Debug, Subcommand)]
pub enum AccountCmd {
    /// Add an account; prints its id
    Add(AccountAddArgs),
    /// List the accounts
    List,
    /// Change an account: only the flags given change
    Edit(AccountEditArgs),
}

#[derive(Debug, Args)]
pub struct AccountEditArgs {
    /// The account's id
    id: i64,
    /// alipay, alipay-hk, wechat-pay or alibaba-cloud (only while it has no methods or payments)
    #[arg(long)]
    provider: Option<String>,
    #[arg(long)]
    label: Option<String>,
    /// US, EU, EUROPE-NON-EU, MY or OTHER
    #[arg(long)]
    region: Option<String>,
    /// Country of registration (two letters)
    #[arg(long)]
    country: Option<String>,
    /// unverified or verified
    #[arg(long)]
    tier: Option<String>,
    /// The holder's name as on the passport
    #[arg(long)]
    holder: Option<String>,
    /// YYYY-MM-DD
    #[arg(long)]
    passport_expiry: Option<String>,
    /// yes or no: running resources, outstanding or overdue bills (Alibaba Cloud)
    #[arg(long, value_parser = ["yes", "no"])]
    outstanding_bills: Option<String>,
}

#[derive(Debug, Args)]
pub struct AccountAddArgs {
    /// alipay, alipay-hk, wechat-pay or alibaba-cloud
    #[arg(long)]
    provider: String,
    #[arg(long)]
    label: String,
    /// US, EU, EUROPE-NON-EU, MY or OTHER (required for alibaba-cloud)
    #[arg(long, default_value = "")]
    region: String,
    /// Country of registration (two letters)
    #[arg(long, default_value = "")]
    country: String,
    /// unverified or verified
    #[arg(long, default_value = "unverified")]
    tier: String,
    /// The holder's name as on the passport
    #[arg(long, default_value = "")]
    holder: String,
    /// YYYY-MM-DD
    #[arg(long, default_value = "")]
    passport_expiry: String,
    /// yes or no: running resources, outstanding or overdue bills (Alibaba Cloud)
    #[arg(long, default_value = "no", value_parser = ["yes", "no"])]
    outstanding_bills: String,
}

// Parsed once per run: the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum CardCmd {
    /// Add a card; the number is read from standard input; prints the new id
    Add(CardAddArgs),
    /// Put a card's number back into the secret store (read from standard input; it must be the same card)
    SetNumber {
        /// The card's method id
        method: i64,
    },
}

#[derive(Debug, Args)]
pub struct CardAddArgs {
    #[arg(long)]
    account: i64,
    /// MM/YY
    #[arg(long)]
    expiry: String,
    /// The cardholder's name as on the card
    #[arg(long)]
    holder: String,
    #[arg(long, default_value = "")]
    bank: String,
    #[command(flatten)]
    facts: CardFacts,
    /// pending (default) or active (already linked and verified)
    #[arg(long, default_value = "pending")]
    status: String,
}

#[derive(Debug, Subcommand)]
pub enum PaypalCmd {
    /// Link a PayPal account; prints the new id
    Add(PaypalAddArgs),
}

#[derive(Debug, Args)]
pub struct PaypalAddArgs {
    #[arg(long)]
    account: i64,
    #[arg(long)]
    email: String,
    /// Where the PayPal account is registered (two letters)
    #[arg(long)]
    country: String,
    /// yes or no: a card or bank account is attached to it
    #[arg(long, default_value = "yes", value_parser = ["yes", "no"])]
    funding_source: String,
    #[arg(long, default_value = "pending")]
    status: String,
}

#[derive(Debug, Subcommand)]
pub enum MethodCmd {
    /// List an account's methods
    List {
        #[arg(long)]
        account: i64,
        /// Include removed (archived) methods
        #[arg(long)]
        all: bool,
    },
    /// Make a method its account's default (it must be active: L2)
    Default { method: i64 },
    /// Remove (archive) a method: history stays, its number leaves the keyring
    Remove {
        method: i64,
        /// When removing an expired default while others are active (L6): the new default
        #[arg(long)]
        new_default: Option<i64>,
    },
    /// Report a method's status: active once verified, failed with a reason
    SetStatus {
        method: i64,
        #[arg(value_parser = ["active", "failed"])]
        status: String,
        /// Why binding failed (kept with the method)
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Record how an attempt to bind a method went (three failures in 24 h raise A4)
    Attempt {
        method: i64,
        /// ok or failed
        #[arg(long, value_parser = ["ok", "failed"])]
        outcome: String,
        /// The error the provider showed
        #[arg(long, default_value = "")]
        error: String,
    },
}

/// The default database: `walletdesk.sqlite` in the platform data folder.
pub fn default_db_path() -> Result<PathBuf, String> {
    directories::ProjectDirs::from("", "", "walletdesk")
        .map(|d| d.data_dir().join("walletdesk.sqlite"))
        .ok_or_else(|| "no home folder found for the default database; pass --db PATH".into())
}

/// The secret store chosen by `WALLETDESK_SECRET_STORE`.
pub fn vault_from_env() -> Vault {
    match std::env::var(SECRET_STORE_ENV).as_deref() {
        Ok("memory") => Vault::memory(),
        _ => Vault::os(),
    }
}

/// An error the CLI prints, with its exit code.
pub struct Failure {
    pub code: u8,
    pub message: String,
}

/// The commands that carry out a plan, where the CLI can.
fn plan_commands(plan: &Plan) -> Option<String> {
    if !plan.is_doable() {
        return None;
    }
    let cmds: Vec<String> = match plan.0.as_slice() {
        // L6: remove the expired default and name the new one in the same step.
        [
            Step::Remove { method, .. },
            Step::MakeDefault { method: new, .. },
        ] => {
            vec![format!(
                "walletdesk method remove {method} --new-default {new}"
            )]
        }
        steps => steps
            .iter()
            .map(|s| match s {
                Step::MakeDefault { method, .. } => format!("walletdesk method default {method}"),
                Step::Remove { method, .. } => format!("walletdesk method remove {method}"),
                Step::Outside(_) => String::new(),
            })
            .collect(),
    };
    Some(cmds.join(" && "))
}

/// A refusal for people: the rule and reason, then each way through.
fn refusal_text(r: &Refusal) -> String {
    let mut out = r.to_string();
    for plan in &r.plans {
        out.push_str(&format!("\nway through: {plan}"));
        if let Some(cmds) = plan_commands(plan) {
            out.push_str(&format!("\n  {cmds}"));
        }
    }
    out
}

impl From<wallet::Error> for Failure {
    fn from(e: wallet::Error) -> Self {
        let message = match &e {
            wallet::Error::Invalid(errs) => errs
                .0
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
            wallet::Error::Refused(r) => refusal_text(r),
            other => other.to_string(),
        };
        Failure {
            code: e.exit_code(),
            message,
        }
    }
}

/// How long the daily integrity check may take when a command is the first of
/// the day; a check that runs out of time is simply not finished.
const CLI_CHECK_BUDGET: std::time::Duration = std::time::Duration::from_secs(10);

fn say_waiting() {
    eprintln!("waiting for another walletdesk process to finish writing to the database…");
}

fn open(cli: &Cli) -> Result<Wallet, Failure> {
    let path = match &cli.db {
        Some(p) => p.clone(),
        None => default_db_path().map_err(|message| Failure { code: 3, message })?,
    };
    let clock = cli.now.map_or(Clock::System, Clock::Fixed);
    crate::store::on_write_wait(say_waiting);
    let mut w = Wallet::open(&path, vault_from_env(), clock)?;
    let report = w.start_checks(CLI_CHECK_BUDGET, false)?;
    if let Some(problem) = &report.damaged {
        eprintln!(
            "warning: {}",
            crate::store::Error::Damaged {
                path: path.clone(),
                problem: problem.clone(),
                backup: report.latest_backup.clone(),
            }
        );
    }
    Ok(w)
}

/// Read the card number: one line of standard input.
fn read_number() -> Result<Zeroizing<String>, Failure> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Card number (not echoed to history; press Enter): ");
        let _ = std::io::stderr().flush();
    }
    let mut line = Zeroizing::new(String::new());
    stdin.lock().read_line(&mut line).map_err(|e| Failure {
        code: 2,
        message: format!("number: could not read standard input: {e}"),
    })?;
    let trimmed = Zeroizing::new(line.trim_end_matches(['\r', '\n']).to_owned());
    Ok(trimmed)
}

/// Run one command; returns what to print on success.
pub fn run(cli: &Cli, command: &Command) -> Result<String, Failure> {
    let mut w = open(cli)?;
    let json = cli.json;
    match command {
        Command::Demo { transactions } => {
            let (ids, n) = w.load_demo(transactions.unwrap_or(0))?;
            Ok(if json {
                output::json_ids(&ids)
            } else {
                format!(
                    "{} to {}\n",
                    crate::words::demo_added(ids.len(), n),
                    w.path().display()
                )
            })
        }
        Command::Rate(c) => txns::rate(&mut w, c, json),
        Command::Tx(c) => txns::tx(&mut w, c, json),
        Command::Quota { account } => limits::quota(&w, *account, json),
        Command::Precheck(a) => limits::precheck(&w, a, json),
        Command::Limit(c) => limits::limit(&mut w, c, json),
        Command::Setting(c) => limits::setting(&mut w, c, json),
        Command::Account(AccountCmd::Add(a)) => {
            let id = w.add_account(&AccountDraft {
                provider: a.provider.clone(),
                label: a.label.clone(),
                region: a.region.clone(),
                country: a.country.clone(),
                tier: a.tier.clone(),
                holder: a.holder.clone(),
                passport_expiry: a.passport_expiry.clone(),
                outstanding_bills: a.outstanding_bills == "yes",
            })?;
            Ok(output::new_id(id.0, json))
        }
        Command::Account(AccountCmd::Edit(a)) => {
            let id = AccountId(a.id);
            w.edit_account(
                id,
                &AccountPatch {
                    provider: a.provider.clone(),
                    label: a.label.clone(),
                    region: a.region.clone(),
                    country: a.country.clone(),
                    tier: a.tier.clone(),
                    holder: a.holder.clone(),
                    passport_expiry: a.passport_expiry.clone(),
                    outstanding_bills: a.outstanding_bills.as_deref().map(|v| v == "yes"),
                },
            )?;
            let account = w.account(id)?;
            Ok(if json {
                output::accounts_json(&[account])
            } else {
                format!("Changed account {id}: {}\n", account.label)
            })
        }
        Command::Data(c) => data::run(&mut w, c, json),
        Command::Account(AccountCmd::List) => {
            let accounts = w.accounts()?;
            Ok(if json {
                output::accounts_json(&accounts)
            } else {
                output::accounts_table(&accounts)
            })
        }
        Command::Card(CardCmd::Add(c)) => {
            let account = AccountId(c.account);
            // Check the account before asking for a number.
            w.account(account)?;
            let number = read_number()?;
            let id = w.add_card(
                account,
                &CardDraft {
                    number,
                    expiry: c.expiry.clone(),
                    holder: c.holder.clone(),
                    funding: c.facts.funding.clone(),
                    issuer_country: c.facts.issuer_country.clone(),
                    bank: c.bank.clone(),
                    intl: c.facts.intl.clone(),
                    three_ds: c.facts.three_ds.clone(),
                    balance_ok: c.facts.balance_ok.clone(),
                    status: c.status.clone(),
                },
            )?;
            Ok(output::new_id(id.0, json))
        }
        Command::Card(CardCmd::SetNumber { method }) => {
            let id = MethodId(*method);
            w.method(id)?;
            let number = read_number()?;
            w.set_number(id, &number)?;
            Ok(done(
                json,
                *method,
                &format!(
                    "The number of {} is in the secret store again",
                    w.method(id)?.title()
                ),
            ))
        }
        Command::Paypal(PaypalCmd::Add(p)) => {
            let id = w.add_paypal(
                AccountId(p.account),
                &PaypalDraft {
                    email: p.email.clone(),
                    country: p.country.clone(),
                    funding_source: p.funding_source == "yes",
                    status: p.status.clone(),
                },
            )?;
            Ok(output::new_id(id.0, json))
        }
        Command::Method(MethodCmd::List { account, all }) => {
            let methods = w.methods(AccountId(*account), *all)?;
            let verdicts = methods
                .iter()
                .map(|m| w.verdict(m))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(if json {
                output::methods_json(&methods, &verdicts)
            } else {
                output::methods_table(&methods, &verdicts)
            })
        }
        Command::Method(MethodCmd::Attempt {
            method,
            outcome,
            error,
        }) => {
            let outcome = Outcome::from_id(outcome).unwrap_or(Outcome::Failed);
            w.record_attempt(MethodId(*method), outcome, error)?;
            Ok(if json {
                format!(
                    "{}\n",
                    serde_json::json!({"method": method, "outcome": outcome.id()})
                )
            } else {
                format!("Recorded: {} attempt for method {method}\n", outcome.id())
            })
        }
        Command::CheckCard(c) => check_card(&w, c, json),
        Command::Method(MethodCmd::Default { method }) => {
            w.make_default(MethodId(*method))?;
            let m = w.method(MethodId(*method))?;
            Ok(done(
                json,
                *method,
                &format!("{} is now the default", m.title()),
            ))
        }
        Command::Method(MethodCmd::Remove {
            method,
            new_default,
        }) => {
            w.remove_method(MethodId(*method), new_default.map(MethodId))?;
            let m = w.method(MethodId(*method))?;
            let mut text = format!("{} removed: archived", m.title());
            if m.card().is_some() {
                text.push_str(", its number deleted from the secret store");
            }
            if let Some(n) = new_default {
                text.push_str(&format!(
                    "; {} is now the default",
                    w.method(MethodId(*n))?.title()
                ));
            }
            Ok(done(json, *method, &text))
        }
        Command::Method(MethodCmd::SetStatus {
            method,
            status,
            reason,
        }) => {
            let to = crate::domain::MethodStatus::from_id(status)
                .unwrap_or(crate::domain::MethodStatus::Failed);
            let became_default = w.set_status(MethodId(*method), to, reason)?;
            let m = w.method(MethodId(*method))?;
            let mut text = format!("{} is now {}", m.title(), to.id());
            if became_default {
                text.push_str(" and the default (L1: the account had none)");
            }
            Ok(done(json, *method, &text))
        }
    }
}

fn check_card(w: &Wallet, c: &CheckCardArgs, json: bool) -> Result<String, Failure> {
    let bad = |e: FieldError| Failure::from(wallet::Error::from(e));
    let providers: Vec<Provider> = if c.provider == "all" {
        Provider::ALL.to_vec()
    } else {
        vec![Provider::parse(&c.provider).map_err(|_| {
            bad(FieldError::new(
                "provider",
                format!(
                    "must be alipay, alipay-hk, wechat-pay, alibaba-cloud or all, not {:?}",
                    c.provider
                ),
            ))
        })?]
    };
    let basis = match c.account {
        Some(id) => Basis::Account(AccountId(id)),
        None => Basis::Described(Target {
            provider: providers[0],
            region: c
                .region
                .as_deref()
                .map(Region::parse)
                .transpose()
                .map_err(bad)?,
            tier: Tier::parse(&c.tier).map_err(bad)?,
            holder: optional_text(
                "account-holder",
                c.account_holder.as_deref().unwrap_or(""),
                100,
            )
            .map_err(bad)?,
            passport_expiry: c
                .passport_expiry
                .as_deref()
                .map(|d| parse_date("passport-expiry", d))
                .transpose()
                .map_err(bad)?,
        }),
    };
    if let Some(id) = c.account {
        w.account(AccountId(id))?;
    }
    let draft = CardDraft {
        number: read_number()?,
        expiry: c.expiry.clone(),
        holder: c.holder.clone(),
        funding: c.facts.funding.clone(),
        issuer_country: c.facts.issuer_country.clone(),
        bank: String::new(),
        intl: c.facts.intl.clone(),
        three_ds: c.facts.three_ds.clone(),
        balance_ok: c.facts.balance_ok.clone(),
        status: "pending".into(),
    };
    let report = w.check_card_input(&draft, &basis, &providers)?;
    Ok(if json {
        output::card_report_json(&report)
    } else {
        output::card_report_text(&report)
    })
}

/// What a successful change prints: a sentence, or `{"id", "status", "default"}`-ish JSON.
fn done(json: bool, method: i64, text: &str) -> String {
    if json {
        format!("{}\n", serde_json::json!({"id": method, "done": text}))
    } else {
        format!("{text}\n")
    }
}
