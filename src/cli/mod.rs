//! The command line: the same service as the window, for scripts and tests.
//!
//! Names, flags, exit codes and JSON fields follow the CLI contract (docs/cli.md).

mod accounts;
mod data;
mod generated;
mod limits;
mod mappings;
mod methods;
mod output;
mod rules;
mod txns;
mod values;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use clap::{Parser, Subcommand};

use crate::domain::lifecycle::{Plan, Refusal, Step};
use crate::vault::Vault;
use crate::wallet::{self, Clock, Wallet};
use accounts::AccountCmd;
use methods::{CardCmd, CheckCardArgs, MethodCmd, PaypalCmd};

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
        #[arg(long, value_name = "N")]
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
    /// Column mappings of other CSVs (a bank's statement), saved by name for `tx import --format mapping:NAME`
    #[command(subcommand)]
    Mapping(mappings::MappingCmd),
    /// Payments: add, edit, delete, list, import and export (CSV)
    #[command(subcommand)]
    Tx(txns::TxCmd),
    /// Every limit in force on an account: used, remaining, when it resets
    Quota {
        #[arg(long, value_name = "ID", help = ACCOUNT_HELP)]
        account: i64,
    },
    /// Would a payment go through? Limits broken, fee, and the method to use (exit 1 when it would be refused)
    Precheck(limits::PrecheckArgs),
    /// Limit books, your figures and your own caps
    #[command(subcommand)]
    Limit(limits::LimitCmd),
    /// Settings, shared with the window's Settings: time-zone, bank-fee-threshold, reveal-seconds, backups-kept, theme, zoom
    #[command(subcommand)]
    Setting(limits::SettingCmd),
    #[command(flatten)]
    Data(data::DataCmd),
    /// The rules walletdesk checks: what each checks, which providers apply it, at which level, what to do, and its source
    Rules(rules::RulesArgs),
    /// Print the shell completion script, e.g. `walletdesk completions bash > ~/.local/share/bash-completion/completions/walletdesk`
    Completions(generated::CompletionsArgs),
    /// Print the man page (roff), e.g. `walletdesk man | man -l -`
    Man,
}

/// The help line of every `--account` flag.
pub(crate) const ACCOUNT_HELP: &str = "The account's id (see `walletdesk account list`)";

/// The help line of every method id.
pub(crate) const METHOD_HELP: &str = "The method's id (see `walletdesk method list --account ID`)";

/// The id of an optional choice, or "" when it is not given (the drafts' "none").
pub(super) fn id_or_empty<T>(v: Option<T>, id: impl Fn(T) -> &'static str) -> String {
    v.map(id).unwrap_or_default().to_owned()
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
        // L6: remove the expired default and name the new one in the same step;
        // L3: make another the default, then remove, in one transaction.
        [
            Step::Remove { method, .. },
            Step::MakeDefault { method: new, .. },
        ]
        | [
            Step::MakeDefault { method: new, .. },
            Step::Remove { method, .. },
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

/// What a command prints on standard output, and its exit code: 0, or 1 when
/// the answer itself is "no" (a pre-check of a payment that would be refused).
#[derive(Debug)]
pub struct Printed {
    pub text: String,
    pub code: u8,
}

impl From<String> for Printed {
    fn from(text: String) -> Self {
        Printed { text, code: 0 }
    }
}

/// Run one command; returns what to print and the exit code.
pub fn run(cli: &Cli, command: &Command) -> Result<Printed, Failure> {
    if let Command::Rules(a) = command {
        // The catalogue is the shipped data: it needs no database.
        return rules::run(a, cli.json).map(Printed::from);
    }
    match command {
        Command::Completions(a) => return generated::completions(a.shell).map(Printed::from),
        Command::Man => return generated::man().map(Printed::from),
        _ => {}
    }
    let mut w = open(cli)?;
    let json = cli.json;
    let text = match command {
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
        Command::Mapping(c) => mappings::mapping(&mut w, c, json),
        // An import's error report is printed as usual (with --json), with exit 2.
        Command::Tx(c @ txns::TxCmd::Import { .. }) => return txns::import(&mut w, c, json),
        Command::Tx(c) => txns::tx(&mut w, c, json),
        Command::Quota { account } => limits::quota(&w, *account, json),
        // "Would be refused" is an answer: printed as usual, with exit 1.
        Command::Precheck(a) => return limits::precheck(&w, a, json),
        // Answered above, before a database is opened.
        Command::Rules(a) => rules::run(a, json),
        Command::Completions(a) => generated::completions(a.shell),
        Command::Man => generated::man(),
        Command::Limit(c) => limits::limit(&mut w, c, json),
        Command::Setting(c) => limits::setting(&mut w, c, json),
        Command::Data(c) => data::run(&mut w, c, json),
        Command::Account(c) => accounts::account(&mut w, c, json),
        Command::Card(c) => methods::card(&mut w, c, json),
        Command::Paypal(c) => methods::paypal(&mut w, c, json),
        Command::Method(c) => methods::method(&mut w, c, json),
        Command::CheckCard(c) => methods::check_card(&w, c, json),
    }?;
    Ok(Printed::from(text))
}

/// What a successful change prints: a sentence, or `{"id", "status", "default"}`-ish JSON.
pub(super) fn done(json: bool, method: i64, text: &str) -> String {
    if json {
        format!("{}\n", serde_json::json!({"id": method, "done": text}))
    } else {
        format!("{text}\n")
    }
}
