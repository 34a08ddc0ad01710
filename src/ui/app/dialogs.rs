//! The one dialog slot: which dialog is open, drawing it, the live answers the
//! service gives while a person types (worked out between frames), and the
//! import job's result.

use eframe::egui;

use super::WalletApp;
use crate::domain::Provider;
use crate::ui::account_dialog::AccountDialog;
use crate::ui::backup_dialog::BackupDialog;
use crate::ui::card_dialog::CardDialog;
use crate::ui::check_card_dialog::CheckCardDialog;
use crate::ui::command::Command;
use crate::ui::delete_txn_dialog::{DeleteTxnDialog, delete_txn_dialog_ui};
use crate::ui::export_dialog::{ExportDialog, export_dialog_ui};
use crate::ui::import_dialog::{ImportDialog, ImportRun, import_dialog_ui};
use crate::ui::mapping_dialog::MappingDialog;
use crate::ui::mark_failed_dialog::{MarkFailedDialog, mark_failed_dialog_ui};
use crate::ui::override_dialog::{OverrideDialog, override_dialog_ui};
use crate::ui::paypal_dialog::PaypalDialog;
use crate::ui::precheck_dialog::{PrecheckDialog, precheck_dialog_ui};
use crate::ui::remove_account_dialog::RemoveAccountDialog;
use crate::ui::remove_dialog::RemoveDialog;
use crate::ui::settings_dialog::SettingsDialog;
use crate::ui::txn_dialog::{TxnDialog, txn_dialog_ui};
use crate::wallet::{Basis, Finished};
use crate::words;

pub enum Dialog {
    Account(AccountDialog),
    Card(Box<CardDialog>),
    Paypal(Box<PaypalDialog>),
    Remove(RemoveDialog),
    RemoveAccount(RemoveAccountDialog),
    MarkFailed(MarkFailedDialog),
    Backup(BackupDialog),
    Txn(Box<TxnDialog>),
    DeleteTxn(DeleteTxnDialog),
    Precheck(Box<PrecheckDialog>),
    Override(OverrideDialog),
    Import(Box<ImportDialog>),
    Export(ExportDialog),
    Mapping(Box<MappingDialog>),
    Settings(Box<SettingsDialog>),
    CheckCard(Box<CheckCardDialog>),
}

impl WalletApp {
    pub(super) fn dialog_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let today = self.wallet.clock().today();
        match &mut self.dialog {
            None => {}
            Some(Dialog::Account(d)) => d.ui(ctx, commands),
            Some(Dialog::Card(d)) => d.ui(ctx, today, commands),
            Some(Dialog::Paypal(d)) => d.ui(ctx, commands),
            Some(Dialog::Remove(d)) => d.ui(ctx, commands),
            Some(Dialog::RemoveAccount(d)) => d.ui(ctx, commands),
            Some(Dialog::MarkFailed(d)) => mark_failed_dialog_ui(ctx, d, commands),
            Some(Dialog::Backup(d)) => d.ui(ctx, commands),
            Some(Dialog::Txn(d)) => {
                let methods = self.limits.screen.as_ref().map_or(&[][..], |s| &s.methods);
                txn_dialog_ui(ctx, methods, d, commands);
            }
            Some(Dialog::DeleteTxn(d)) => delete_txn_dialog_ui(ctx, d, commands),
            Some(Dialog::Precheck(d)) => precheck_dialog_ui(ctx, d, commands),
            Some(Dialog::Override(d)) => override_dialog_ui(ctx, d, commands),
            Some(Dialog::Import(d)) => {
                let methods = self.limits.screen.as_ref().map_or(&[][..], |s| &s.methods);
                import_dialog_ui(ctx, methods, self.wallet.time_zone(), d, commands);
            }
            Some(Dialog::Export(d)) => export_dialog_ui(ctx, d, commands),
            Some(Dialog::Mapping(d)) => d.ui(ctx, commands),
            Some(Dialog::Settings(d)) => d.ui(ctx, commands),
            Some(Dialog::CheckCard(d)) => d.ui(ctx, commands),
        }
    }

    /// A failed action's message, in its dialog when it has a place for one.
    pub(super) fn dialog_error(&mut self, text: String) {
        let slot = match &mut self.dialog {
            Some(Dialog::Account(d)) => &mut d.error,
            Some(Dialog::Card(d)) => &mut d.error,
            Some(Dialog::Paypal(d)) => &mut d.error,
            Some(Dialog::Remove(d)) => &mut d.error,
            Some(Dialog::RemoveAccount(d)) => &mut d.error,
            Some(Dialog::Backup(d)) => &mut d.error,
            Some(Dialog::Txn(d)) => &mut d.error,
            Some(Dialog::Override(d)) => &mut d.error,
            Some(Dialog::Import(d)) => &mut d.error,
            Some(Dialog::Export(d)) => &mut d.error,
            Some(Dialog::Mapping(d)) => &mut d.error,
            Some(Dialog::Settings(d)) => &mut d.error,
            Some(
                Dialog::MarkFailed(_)
                | Dialog::DeleteTxn(_)
                | Dialog::Precheck(_)
                | Dialog::CheckCard(_),
            )
            | None => {
                self.error(text);
                return;
            }
        };
        *slot = Some(text);
    }

    /// Whether a file dialog is open in the background (the window looks for
    /// its answer now and then, without input).
    pub(super) fn dialog_is_waiting(&self) -> bool {
        match &self.dialog {
            Some(Dialog::Import(d)) => d.chooser.is_some(),
            Some(Dialog::Export(d)) => d.chooser.is_some(),
            Some(Dialog::Mapping(d)) => d.job.is_some(),
            _ => false,
        }
    }

    /// Whether the open dialog shows an answer for other input than typed.
    pub(super) fn dialog_is_stale(&self) -> bool {
        match &self.dialog {
            Some(Dialog::Card(d)) => d.needs_check(),
            Some(Dialog::CheckCard(d)) => d.needs_check(),
            Some(Dialog::Settings(d)) => d.needs_zone_change(),
            Some(Dialog::Paypal(d)) => d.needs_check(),
            Some(Dialog::Precheck(d)) => d.is_stale(),
            Some(Dialog::Txn(d)) => d.is_stale(),
            _ => false,
        }
    }

    /// Ask the service again about what is typed in the open dialog, when it changed.
    pub(super) fn refresh_dialog(&mut self) {
        let w = &self.wallet;
        match &mut self.dialog {
            Some(Dialog::Card(d)) if d.needs_check() => {
                let report = w
                    .check_card(&d.draft, &Basis::Account(d.account), &Provider::ALL)
                    .map_err(|e| e.to_string());
                d.report = Some((d.draft.clone(), report));
            }
            Some(Dialog::CheckCard(d)) if d.needs_check() => {
                let (region, tier) = d.target();
                let basis = Basis::Described(crate::domain::risk::Target {
                    provider: Provider::Alipay,
                    region,
                    tier,
                    holder: None,
                    passport_expiry: None,
                });
                let report = w
                    .check_card(&d.draft, &basis, &Provider::ALL)
                    .map_err(|e| e.to_string());
                d.set_report(report);
            }
            Some(Dialog::Settings(d)) if d.needs_zone_change() => {
                d.zone_change = Some((d.zone, w.zone_change(d.zone).map_err(|e| e.to_string())));
            }
            Some(Dialog::Paypal(d)) if d.needs_check() => {
                let report = w
                    .check_paypal_draft(&d.draft, d.account)
                    .map_err(|e| e.to_string());
                d.report = Some((d.draft.clone(), report));
            }
            Some(Dialog::Precheck(d)) if d.is_stale() => {
                let r = match self.selected {
                    _ if d.draft.amount.trim().is_empty() => Err(String::new()),
                    Some(a) => w.precheck(a, &d.draft).map_err(|e| e.to_string()),
                    None => Err(String::new()),
                };
                d.result = Some((d.draft.clone(), r));
            }
            Some(Dialog::Txn(d)) => {
                d.now = w.clock().now();
                if d.is_stale() {
                    // Only a draft that passes the form's checks is converted;
                    // the line is shown only then.
                    let line = if d.draft.validate(d.now, d.tz).is_err() {
                        Ok(String::new())
                    } else {
                        w.draft_conversion(&d.draft)
                            .map(|(currency, cs)| {
                                cs.iter()
                                    .filter(|c| c.currency != currency)
                                    .map(|c| words::conversion_from(currency, c))
                                    .collect::<Vec<_>>()
                                    .join("\n")
                            })
                            .map_err(|e| e.to_string())
                    };
                    d.preview = Some((d.draft.clone(), line));
                }
            }
            _ => {}
        }
    }

    /// Look for the end of a file dialog: the chosen file is previewed at once
    /// (import) or put in the path field (export).
    pub(super) fn poll_chooser(&mut self) -> Option<Command> {
        let (chooser, error) = match &mut self.dialog {
            Some(Dialog::Import(d)) => (&mut d.chooser, &mut d.error),
            Some(Dialog::Export(d)) => (&mut d.chooser, &mut d.error),
            _ => return None,
        };
        let r = chooser.as_ref()?.poll()?;
        *chooser = None;
        match r {
            Ok(Finished::Done(path)) => match &mut self.dialog {
                Some(Dialog::Import(d)) => {
                    d.path = path.display().to_string();
                    Some(Command::StartPreview(d.path.clone()))
                }
                Some(Dialog::Export(d)) => {
                    d.path = path.display().to_string();
                    None
                }
                _ => None,
            },
            Ok(Finished::Cancelled) => None,
            Err(e) => {
                *error = Some(e.to_string());
                None
            }
        }
    }

    /// Look for the end of the import job; returns whether rows were written.
    pub(super) fn poll_job(&mut self) -> bool {
        let Some(Dialog::Import(d)) = &mut self.dialog else {
            return false;
        };
        match &d.job {
            Some(ImportRun::Reading(job)) => {
                let Some(r) = job.poll() else {
                    return false;
                };
                d.job = None;
                match r {
                    Ok(Finished::Done(p)) => d.preview = Some(p),
                    Ok(Finished::Cancelled) => d.error = Some("Cancelled; nothing was read".into()),
                    Err(e) => d.error = Some(e.to_string()),
                }
                false
            }
            Some(ImportRun::Writing(job)) => {
                let Some(r) = job.poll() else {
                    return false;
                };
                d.job = None;
                match r {
                    Ok(Finished::Done(n)) => {
                        let rows = d.preview.as_ref().map_or(n, |p| p.row_total);
                        self.dialog = None;
                        self.info(words::imported(n, rows.saturating_sub(n)));
                        true
                    }
                    Ok(Finished::Cancelled) => {
                        d.error = Some("Cancelled; nothing was written".into());
                        false
                    }
                    Err(e) => {
                        d.error = Some(e.to_string());
                        false
                    }
                }
            }
            None => false,
        }
    }
}
