//! `walletdesk account …`: the wallets and consoles cards are linked to.

use clap::{Args, Subcommand};

use super::values::YesNo;
use super::{Failure, done, id_or_empty, output};
use crate::domain::{AccountDraft, AccountId, AccountPatch, Provider, Region, Tier};
use crate::wallet::Wallet;

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

/// `walletdesk account …`.
pub fn account(w: &mut Wallet, c: &AccountCmd, json: bool) -> Result<String, Failure> {
    match c {
        AccountCmd::Add(a) => {
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
        AccountCmd::Edit(a) => {
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
        AccountCmd::Remove { id } => {
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
        AccountCmd::Restore { id } => {
            let id = AccountId(*id);
            w.restore_account(id)?;
            let a = w.account(id)?;
            Ok(done(
                json,
                id.0,
                &format!("Account {id} ({}) is back in the lists", a.label),
            ))
        }
        AccountCmd::List { all } => {
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
    }
}
