//! The command line: the same service as the window, for scripts and tests.
//!
//! Names, flags, exit codes and JSON fields follow the CLI contract (docs/cli.md).

mod data;
mod limits;
mod output;
mod rules;
mod txns;
mod values;

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use clap::{Args, Parser, Subcommand};
use zeroize::Zeroizing;

use crate::domain::account::parse_date;
use crate::domain::lifecycle::{Plan, Refusal, Step};
use crate::domain::risk::Target;
use crate::domain::{
    AccountDraft, AccountId, AccountPatch, CardDraft, Fact, FieldError, Funding, MethodId, Outcome,
    PaypalDraft, Provider, Region, Tier, optional_text,
};
use crate::vault::Vault;
use crate::wallet::{self, Basis, Clock, Wallet};
use values::{NewStatus, ProviderChoice, ReportedStatus, YesNo};

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
    /// Settings: time-zone, bank-fee-threshold, backups-kept
    #[command(subcommand)]
    Setting(limits::SettingCmd),
    #[command(flatten)]
    Data(data::DataCmd),
    /// The rules walletdesk checks: what each checks, which providers apply it, at which level, what to do, and its source
    Rules(rules::RulesArgs),
}

/// The help line of every `--account` flag.
pub(crate) const ACCOUNT_HELP: &str = "The account's id (see `walletdesk account list`)";

/// The help line of every method id.
pub(crate) const METHOD_HELP: &str = "The method's id (see `walletdesk method list --account ID`)";

#[derive(Debug, Args)]
pub struct CheckCardArgs {
    /// The provider to judge the card for, or all of them
    #[arg(long)]
    provider: ProviderChoice,
    /// Judge against this stored account (its provider, region, tier, holder, passport); see `walletdesk account list`
    #[arg(long, value_name = "ID", conflicts_with_all = ["region", "tier", "account_holder", "passport_expiry"])]
    account: Option<i64>,
    /// Without --account: the account's region of registration (Alibaba Cloud)
    #[arg(long, ignore_case = true)]
    region: Option<Region>,
    /// Without --account: the account's verification tier
    #[arg(long, default_value = "verified")]
    tier: Tier,
    /// Without --account: the account holder's name as on the passport
    #[arg(long, value_name = "NAME")]
    account_holder: Option<String>,
    /// Without --account: the passport's expiry date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    passport_expiry: Option<String>,
    /// The card's expiry (MM/YY)
    #[arg(long, value_name = "MM/YY")]
    expiry: String,
    /// The cardholder's name as on the card
    #[arg(long, value_name = "NAME")]
    holder: Option<String>,
    #[command(flatten)]
    facts: CardFacts,
}

/// What the person knows of a card, shared by `card add` and `check-card`.
#[derive(Debug, Args)]
pub struct CardFacts {
    /// What kind of card it is (not known when left out)
    #[arg(long)]
    funding: Option<Funding>,
    /// Where the card was issued (two letters, e.g. US, HK, CN)
    #[arg(long, value_name = "CC")]
    issuer_country: Option<String>,
    /// International and online payments enabled
    #[arg(long, default_value = "unknown")]
    intl: Fact,
    /// 3-D Secure enabled
    #[arg(long, default_value = "unknown")]
    three_ds: Fact,
    /// A balance of at least USD 1.00 (for the pre-authorization)
    #[arg(long, default_value = "unknown")]
    balance_ok: Fact,
}

impl CardFacts {
    fn funding(&self) -> String {
        id_or_empty(self.funding, Funding::id)
    }

    fn issuer_country(&self) -> String {
        self.issuer_country.clone().unwrap_or_default()
    }
}

/// The id of an optional choice, or "" when it is not given (the drafts' "none").
fn id_or_empty<T>(v: Option<T>, id: impl Fn(T) -> &'static str) -> String {
    v.map(id).unwrap_or_default().to_owned()
}

#[derive(Debug, Subcommand)]
pub enum AccountCmd {
    /// Add an account; prints its id
    Add(AccountAddArgs),
    /// List the accounts
    List {
        /// Include removed (archived) accounts
        #[arg(long)]
        all: bool,
    },
    /// Change an account: only the flags given change
    Edit(AccountEditArgs),
    /// Remove (archive) an account: it leaves the lists, its payments stay and
    /// still count towards the FX quota; refused while it has live methods (L8)
    Remove {
        /// The account's id (see `walletdesk account list`)
        id: i64,
    },
    /// Bring a removed (archived) account back into the lists
    Restore {
        /// The account's id (see `walletdesk account list --all`)
        id: i64,
    },
}

#[derive(Debug, Args)]
pub struct AccountEditArgs {
    /// The account's id (see `walletdesk account list`)
    id: i64,
    /// The provider (only while the account has no methods or payments)
    #[arg(long)]
    provider: Option<Provider>,
    /// A name for the account, e.g. "Cloud US"
    #[arg(long, value_name = "TEXT")]
    label: Option<String>,
    /// The region of registration (Alibaba Cloud)
    #[arg(long, ignore_case = true)]
    region: Option<Region>,
    /// Country of registration (two letters)
    #[arg(long, value_name = "CC")]
    country: Option<String>,
    /// The verification tier
    #[arg(long)]
    tier: Option<Tier>,
    /// The holder's name as on the passport
    #[arg(long, value_name = "NAME")]
    holder: Option<String>,
    /// The passport's expiry date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    passport_expiry: Option<String>,
    /// Running resources, outstanding or overdue bills (Alibaba Cloud, L5)
    #[arg(long)]
    outstanding_bills: Option<YesNo>,
}

#[derive(Debug, Args)]
pub struct AccountAddArgs {
    /// The provider the account is with
    #[arg(long)]
    provider: Provider,
    /// A name for the account, e.g. "Cloud US"
    #[arg(long, value_name = "TEXT")]
    label: String,
    /// The region of registration (required for alibaba-cloud)
    #[arg(long, ignore_case = true)]
    region: Option<Region>,
    /// Country of registration (two letters)
    #[arg(long, value_name = "CC")]
    country: Option<String>,
    /// The verification tier
    #[arg(long, default_value = "unverified")]
    tier: Tier,
    /// The holder's name as on the passport
    #[arg(long, value_name = "NAME")]
    holder: Option<String>,
    /// The passport's expiry date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    passport_expiry: Option<String>,
    /// Running resources, outstanding or overdue bills (Alibaba Cloud, L5)
    #[arg(long, default_value = "no")]
    outstanding_bills: YesNo,
}

// Parsed once per run: the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum CardCmd {
    /// Add a card; the number is read from standard input; prints the new id
    Add(CardAddArgs),
    /// Put a card's number back into the secret store (read from standard input; it must be the same card)
    SetNumber {
        /// The card's method id (see `walletdesk method list --account ID`)
        method: i64,
    },
}

#[derive(Debug, Args)]
pub struct CardAddArgs {
    #[arg(long, value_name = "ID", help = ACCOUNT_HELP)]
    account: i64,
    /// The card's expiry (MM/YY)
    #[arg(long, value_name = "MM/YY")]
    expiry: String,
    /// The cardholder's name as on the card
    #[arg(long, value_name = "NAME")]
    holder: String,
    /// The issuing bank's name
    #[arg(long, value_name = "NAME")]
    bank: Option<String>,
    #[command(flatten)]
    facts: CardFacts,
    /// pending until the provider has verified it, or active when it already has
    #[arg(long, default_value = "pending")]
    status: NewStatus,
    /// Add it even though the rules say it will fail (a `block` verdict): you know it did bind
    #[arg(long)]
    anyway: bool,
}

#[derive(Debug, Subcommand)]
pub enum PaypalCmd {
    /// Link a PayPal account; prints the new id
    Add(PaypalAddArgs),
}

#[derive(Debug, Args)]
pub struct PaypalAddArgs {
    #[arg(long, value_name = "ID", help = ACCOUNT_HELP)]
    account: i64,
    /// The PayPal account's email address
    #[arg(long)]
    email: String,
    /// Where the PayPal account is registered (two letters)
    #[arg(long, value_name = "CC")]
    country: String,
    /// A card or bank account is attached to it (AC9)
    #[arg(long, default_value = "yes")]
    funding_source: YesNo,
    /// pending until the provider has verified it, or active when it already has
    #[arg(long, default_value = "pending")]
    status: NewStatus,
    /// Link it even though the rules say it will fail (a `block` verdict): you know it did bind
    #[arg(long)]
    anyway: bool,
}

#[derive(Debug, Subcommand)]
pub enum MethodCmd {
    /// List an account's methods
    List {
        #[arg(long, value_name = "ID", help = ACCOUNT_HELP)]
        account: i64,
        /// Include removed (archived) methods
        #[arg(long)]
        all: bool,
    },
    /// Make a method its account's default (it must be active: L2)
    Default {
        #[arg(help = METHOD_HELP)]
        method: i64,
    },
    /// Remove (archive) a method: history stays, its number leaves the keyring
    Remove {
        #[arg(help = METHOD_HELP)]
        method: i64,
        /// When removing the default while others are active: the method that becomes the default in the same step (L3, L6)
        #[arg(long, value_name = "METHOD_ID")]
        new_default: Option<i64>,
    },
    /// Report a method's status: active once verified, failed with a reason
    SetStatus {
        #[arg(help = METHOD_HELP)]
        method: i64,
        /// What the provider shows now
        status: ReportedStatus,
        /// Why binding failed (kept with the method)
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Record how an attempt to bind a method went (three failures in 24 h raise A4)
    Attempt {
        #[arg(help = METHOD_HELP)]
        method: i64,
        /// How the attempt went
        #[arg(long)]
        outcome: Outcome,
        /// The error the provider showed
        #[arg(long, value_name = "TEXT")]
        error: Option<String>,
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
        // An import's error report is printed as usual (with --json), with exit 2.
        Command::Tx(c @ txns::TxCmd::Import { .. }) => return txns::import(&mut w, c, json),
        Command::Tx(c) => txns::tx(&mut w, c, json),
        Command::Quota { account } => limits::quota(&w, *account, json),
        // "Would be refused" is an answer: printed as usual, with exit 1.
        Command::Precheck(a) => return limits::precheck(&w, a, json),
        // Answered above, before a database is opened.
        Command::Rules(a) => rules::run(a, json),
        Command::Limit(c) => limits::limit(&mut w, c, json),
        Command::Setting(c) => limits::setting(&mut w, c, json),
        Command::Account(AccountCmd::Add(a)) => {
            let id = w.add_account(&AccountDraft {
                provider: a.provider.id().to_owned(),
                label: a.label.clone(),
                region: id_or_empty(a.region, Region::id),
                country: a.country.clone().unwrap_or_default(),
                tier: a.tier.id().to_owned(),
                holder: a.holder.clone().unwrap_or_default(),
                passport_expiry: a.passport_expiry.clone().unwrap_or_default(),
                outstanding_bills: a.outstanding_bills.yes(),
            })?;
            Ok(output::new_id(id.0, json))
        }
        Command::Account(AccountCmd::Edit(a)) => {
            let id = AccountId(a.id);
            w.edit_account(
                id,
                &AccountPatch {
                    provider: a.provider.map(|p| p.id().to_owned()),
                    label: a.label.clone(),
                    region: a.region.map(|r| r.id().to_owned()),
                    country: a.country.clone(),
                    tier: a.tier.map(|t| t.id().to_owned()),
                    holder: a.holder.clone(),
                    passport_expiry: a.passport_expiry.clone(),
                    outstanding_bills: a.outstanding_bills.map(YesNo::yes),
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
        Command::Account(AccountCmd::Remove { id }) => {
            let id = AccountId(*id);
            w.remove_account(id)?;
            let a = w.account(id)?;
            Ok(done(
                json,
                id.0,
                &format!(
                    "Removed account {id} ({}): archived; its payments stay in the history and still count towards the limits they fall under. Bring it back with: walletdesk account restore {id}",
                    a.label
                ),
            ))
        }
        Command::Account(AccountCmd::Restore { id }) => {
            let id = AccountId(*id);
            w.restore_account(id)?;
            let a = w.account(id)?;
            Ok(done(
                json,
                id.0,
                &format!("Account {id} ({}) is back in the lists", a.label),
            ))
        }
        Command::Account(AccountCmd::List { all }) => {
            let accounts: Vec<_> = w
                .accounts()?
                .into_iter()
                .filter(|a| *all || a.archived_at.is_none())
                .collect();
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
            let add = if c.anyway {
                Wallet::add_card_anyway
            } else {
                Wallet::add_card
            };
            let id = add(
                &mut w,
                account,
                &CardDraft {
                    number,
                    expiry: c.expiry.clone(),
                    holder: c.holder.clone(),
                    funding: c.facts.funding(),
                    issuer_country: c.facts.issuer_country(),
                    bank: c.bank.clone().unwrap_or_default(),
                    intl: c.facts.intl.id().to_owned(),
                    three_ds: c.facts.three_ds.id().to_owned(),
                    balance_ok: c.facts.balance_ok.id().to_owned(),
                    status: c.status.status().id().to_owned(),
                },
            )?;
            Ok(new_method(&w, id, json))
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
            let add = if p.anyway {
                Wallet::add_paypal_anyway
            } else {
                Wallet::add_paypal
            };
            let id = add(
                &mut w,
                AccountId(p.account),
                &PaypalDraft {
                    email: p.email.clone(),
                    country: p.country.clone(),
                    funding_source: p.funding_source.yes(),
                    status: p.status.status().id().to_owned(),
                },
            )?;
            Ok(new_method(&w, id, json))
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
            let outcome = *outcome;
            w.record_attempt(
                MethodId(*method),
                outcome,
                error.as_deref().unwrap_or_default(),
            )?;
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
            let to = status.status();
            let became_default =
                w.set_status(MethodId(*method), to, reason.as_deref().unwrap_or_default())?;
            let m = w.method(MethodId(*method))?;
            let mut text = format!("{} is now {}", m.title(), to.id());
            if became_default {
                text.push_str(" and the default (L1: the account had none)");
            }
            Ok(done(json, *method, &text))
        }
    }?;
    Ok(Printed::from(text))
}

fn check_card(w: &Wallet, c: &CheckCardArgs, json: bool) -> Result<String, Failure> {
    let bad = |e: FieldError| Failure::from(wallet::Error::from(e));
    let providers: Vec<Provider> = c.provider.providers();
    let basis = match c.account {
        Some(id) => Basis::Account(AccountId(id)),
        None => Basis::Described(Target {
            provider: providers[0],
            region: c.region,
            tier: c.tier,
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
        let a = w.account(AccountId(id))?;
        // One provider asked about: it must be the account's own, or the
        // verdict would silently be for another account.
        if let [p] = providers.as_slice()
            && *p != a.provider
        {
            return Err(bad(FieldError::new(
                "provider",
                format!(
                    "account {id} ({}) is on {}, not {}: use --provider {} (or all), or another --account",
                    a.label,
                    a.provider.name(),
                    p.name(),
                    a.provider.id()
                ),
            )));
        }
    }
    let number = read_number()?;
    if number.trim().is_empty() {
        return Err(bad(FieldError::new(
            "number",
            "required: give the card number on standard input (e.g. echo NUMBER | walletdesk check-card …)",
        )));
    }
    let draft = CardDraft {
        number,
        expiry: c.expiry.clone(),
        holder: c.holder.clone().unwrap_or_default(),
        funding: c.facts.funding(),
        issuer_country: c.facts.issuer_country(),
        bank: String::new(),
        intl: c.facts.intl.id().to_owned(),
        three_ds: c.facts.three_ds.id().to_owned(),
        balance_ok: c.facts.balance_ok.id().to_owned(),
        status: "pending".into(),
    };
    let report = w.check_card_input(&draft, &basis, &providers)?;
    Ok(if json {
        output::card_report_json(&report)
    } else {
        output::card_report_text(&report)
    })
}

/// The new method's id on standard output, its verdict on its account said
/// on standard error (a card that will fail is never added without a word).
fn new_method(w: &Wallet, id: MethodId, json: bool) -> String {
    let verdict = w
        .method(id)
        .and_then(|m| w.account(m.account_id))
        .and_then(|a| w.assess_method(id, &[a.provider]))
        .ok()
        .and_then(|mut r| r.pop());
    let (out, said) = output::new_method(id.0, verdict.as_ref(), json);
    eprint!("{said}");
    out
}

/// What a successful change prints: a sentence, or `{"id", "status", "default"}`-ish JSON.
fn done(json: bool, method: i64, text: &str) -> String {
    if json {
        format!("{}\n", serde_json::json!({"id": method, "done": text}))
    } else {
        format!("{text}\n")
    }
}
