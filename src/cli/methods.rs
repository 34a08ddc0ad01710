//! `walletdesk card …`, `paypal …`, `method …` and `check-card`: linked methods,
//! their verdicts and their lives.

use std::io::{BufRead, IsTerminal, Write};

use clap::{Args, Subcommand};
use zeroize::Zeroizing;

use super::values::{NewStatus, ProviderChoice, ReportedStatus, YesNo};
use super::{ACCOUNT_HELP, Failure, METHOD_HELP, done, id_or_empty, output};
use crate::domain::account::parse_date;
use crate::domain::risk::Target;
use crate::domain::{
    AccountId, CardDraft, Fact, FieldError, Funding, MethodId, Outcome, PaypalDraft, Provider,
    Region, Tier, optional_text,
};
use crate::wallet::{self, Basis, Wallet};

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

pub(super) fn check_card(w: &Wallet, c: &CheckCardArgs, json: bool) -> Result<String, Failure> {
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

/// `walletdesk card …`.
pub fn card(w: &mut Wallet, c: &CardCmd, json: bool) -> Result<String, Failure> {
    match c {
        CardCmd::Add(c) => {
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
                w,
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
            Ok(new_method(w, id, json))
        }
        CardCmd::SetNumber { method } => {
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
    }
}

/// `walletdesk paypal …`.
pub fn paypal(w: &mut Wallet, c: &PaypalCmd, json: bool) -> Result<String, Failure> {
    match c {
        PaypalCmd::Add(p) => {
            let add = if p.anyway {
                Wallet::add_paypal_anyway
            } else {
                Wallet::add_paypal
            };
            let id = add(
                w,
                AccountId(p.account),
                &PaypalDraft {
                    email: p.email.clone(),
                    country: p.country.clone(),
                    funding_source: p.funding_source.yes(),
                    status: p.status.status().id().to_owned(),
                },
            )?;
            Ok(new_method(w, id, json))
        }
    }
}

/// `walletdesk method …`.
pub fn method(w: &mut Wallet, c: &MethodCmd, json: bool) -> Result<String, Failure> {
    match c {
        MethodCmd::List { account, all } => {
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
        MethodCmd::Attempt {
            method,
            outcome,
            error,
        } => {
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
        MethodCmd::Default { method } => {
            w.make_default(MethodId(*method))?;
            let m = w.method(MethodId(*method))?;
            Ok(done(
                json,
                *method,
                &format!("{} is now the default", m.title()),
            ))
        }
        MethodCmd::Remove {
            method,
            new_default,
        } => {
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
        MethodCmd::SetStatus {
            method,
            status,
            reason,
        } => {
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
    }
}
