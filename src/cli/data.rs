//! `backup`, `restore`, `backups` and `check`: the data's safety on the command line.

use std::path::PathBuf;

use clap::Subcommand;

use super::Failure;
use crate::Wallet;

/// Commands of their own at the top level (`walletdesk backup FILE`).
#[derive(Debug, Subcommand)]
pub enum DataCmd {
    /// Write a consistent copy of the database to FILE (SQLite online backup; no card numbers: they stay in the secret store)
    Backup {
        /// Where to write the copy (replaced only once the copy is complete)
        file: PathBuf,
    },
    /// Replace the database's contents with a backup: FILE is checked first, and the current contents are kept in the backups folder
    Restore {
        /// A backup of this database (from `walletdesk backup` or the backups folder)
        file: PathBuf,
    },
    /// List the automatic backups (made before migrations, imports and restores, and once a day), newest first
    Backups,
    /// Check the database (integrity_check) and that every live card's number is in the secret store
    Check,
}

/// Run one of the data-safety commands; returns what to print.
pub fn run(w: &mut Wallet, command: &DataCmd, json: bool) -> Result<String, Failure> {
    match command {
        DataCmd::Backup { file } => {
            w.backup(file)?;
            Ok(if json {
                format!(
                    "{}\n",
                    serde_json::json!({"backup": file.display().to_string()})
                )
            } else {
                format!(
                    "Backed up {} to {} (card numbers are not in backups: they stay in the secret store)\n",
                    w.path().display(),
                    file.display()
                )
            })
        }
        DataCmd::Restore { file } => {
            let r = w.restore(file)?;
            Ok(if json {
                format!(
                    "{}\n",
                    serde_json::json!({
                        "restored": r.from.display().to_string(),
                        "kept_aside": r.kept_aside.display().to_string(),
                        "accounts": r.info.accounts,
                        "transactions": r.info.transactions,
                        "numbers_missing": r.numbers_missing.iter().map(|m| m.0).collect::<Vec<_>>(),
                    })
                )
            } else {
                let mut out = format!(
                    "Restored {} ({}, {}). The database as it was is kept in {}\n",
                    r.from.display(),
                    super::output::count(r.info.accounts, "account", "accounts"),
                    super::output::count(r.info.transactions, "payment", "payments"),
                    r.kept_aside.display()
                );
                if !r.numbers_missing.is_empty() {
                    out.push_str(&format!(
                        "{} not in the secret store: re-enter each with `walletdesk card set-number ID` or remove the method (see walletdesk method list)\n",
                        super::output::count(r.numbers_missing.len(), "card number is", "card numbers are"),
                    ));
                }
                out
            })
        }
        DataCmd::Backups => {
            let list = w.backups();
            Ok(if json {
                format!(
                    "{}\n",
                    serde_json::Value::Array(
                        list.iter()
                            .map(|b| serde_json::json!({"file": b.path.display().to_string(), "at": b.at.to_rfc3339(), "reason": b.reason}))
                            .collect()
                    )
                )
            } else if list.is_empty() {
                "No automatic backups yet\n".into()
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|b| {
                        vec![
                            b.at.format("%Y-%m-%d %H:%M UTC").to_string(),
                            b.reason.clone(),
                            b.path.display().to_string(),
                        ]
                    })
                    .collect();
                super::output::table(&["made", "why", "file"], &rows)
            })
        }
        DataCmd::Check => {
            let report = w.start_checks(std::time::Duration::from_secs(600), true)?;
            if let Some(problem) = report.damaged {
                return Err(Failure::from(crate::wallet::Error::Store(
                    crate::store::Error::Damaged {
                        path: w.path().to_owned(),
                        problem,
                        backup: report.latest_backup,
                    },
                )));
            }
            let missing = report.numbers_missing.len();
            Ok(if json {
                format!(
                    "{}\n",
                    serde_json::json!({"integrity": "ok", "numbers_missing": report.numbers_missing.iter().map(|m| m.0).collect::<Vec<_>>(), "numbers_deleted": report.numbers_deleted})
                )
            } else {
                let mut out = format!("{}: integrity ok\n", w.path().display());
                if w.vault().is_available() {
                    out.push_str(&format!(
                        "Secret store: {}; {} deleted (no live method held them)\n",
                        if missing == 0 {
                            "every live card's number is there".to_owned()
                        } else {
                            format!(
                                "{} missing — re-enter {} (walletdesk card set-number ID) or remove the {}",
                                super::output::count(missing, "number", "numbers"),
                                if missing == 1 { "it" } else { "them" },
                                if missing == 1 { "method" } else { "methods" },
                            )
                        },
                        super::output::count(report.numbers_deleted, "number", "numbers"),
                    ));
                } else {
                    out.push_str("Secret store: not available, numbers not checked\n");
                }
                out
            })
        }
    }
}
