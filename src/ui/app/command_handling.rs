//! Where every command is carried out: one service call each, then the screens
//! are asked for again and the outcome said in the notice or the dialog. Those of
//! the Limits and Transactions views are in `spending_commands`, the window's own
//! (menus, settings, About) in `window`.

use eframe::egui;

use super::WalletApp;
use super::dialogs::Dialog;
use crate::domain::{AccountId, AccountPatch, MethodId};
use crate::ui::account_dialog::AccountDialog;
use crate::ui::backup_dialog::BackupDialog;
use crate::ui::card_dialog::{self, CardDialog};
use crate::ui::command::{Command, View};
use crate::ui::mark_failed_dialog::MarkFailedDialog;
use crate::ui::method_detail::AttemptForm;
use crate::ui::paypal_dialog::PaypalDialog;
use crate::ui::remove_account_dialog::RemoveAccountDialog;
use crate::ui::remove_dialog::RemoveDialog;
use crate::words;

impl WalletApp {
    pub(super) fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::SelectAccount(id) => {
                self.selected = Some(id);
                self.secrets.hide();
                self.detail = None;
                if self.view == View::Matrix {
                    self.view = View::Accounts;
                }
                self.reload();
            }
            Command::ShowView(v) => {
                self.view = v;
                if v == View::Matrix {
                    self.load_matrix();
                }
            }
            Command::ShowArchived(on) => {
                self.show_archived = on;
                self.reload();
            }
            Command::DismissNotice => self.notice = None,
            Command::CloseDialog => self.close_dialog(ctx),
            Command::OpenAddAccount => {
                self.dialog = Some(Dialog::Account(AccountDialog::default()));
            }
            Command::OpenEditAccount(id) => match self.wallet.account(id) {
                Ok(a) => self.dialog = Some(Dialog::Account(AccountDialog::edit(&a))),
                Err(e) => self.error(e.to_string()),
            },
            Command::EditAccount(id, draft) => {
                match self
                    .wallet
                    .edit_account(id, &AccountPatch::from_form(&draft))
                {
                    Ok(()) => {
                        self.dialog = None;
                        self.reload();
                        self.info(format!("Saved {}", draft.label.trim()));
                    }
                    Err(e) => self.dialog_error(e.to_string()),
                }
            }
            Command::OpenRemoveAccount(id) => self.open_remove_account(id),
            Command::ConfirmRemoveAccount(id) => match self.wallet.remove_account(id) {
                Ok(()) => {
                    let label = self.wallet.account(id).map(|a| a.label).unwrap_or_default();
                    self.dialog = None;
                    self.detail = None;
                    if self.selected == Some(id) && !self.show_archived {
                        self.selected = None;
                    }
                    self.reload();
                    self.info(format!(
                        "Removed {label}: archived; \"Show archived\" brings it back"
                    ));
                }
                Err(e) => self.dialog_error(e.to_string()),
            },
            Command::RestoreAccount(id) => match self.wallet.restore_account(id) {
                Ok(()) => {
                    self.selected = Some(id);
                    self.reload();
                    let label = self.wallet.account(id).map(|a| a.label).unwrap_or_default();
                    self.info(format!("{label} is back in the list"));
                }
                Err(e) => self.error(e.to_string()),
            },
            Command::OpenAddCard => {
                if let Some(a) = self.screen.account() {
                    self.dialog = Some(Dialog::Card(Box::new(CardDialog::new(
                        a.id,
                        a.label.clone(),
                        a.provider,
                    ))));
                }
            }
            Command::OpenAddPaypal => {
                if let Some(a) = self.screen.account() {
                    self.dialog = Some(Dialog::Paypal(Box::new(PaypalDialog::new(
                        a.id,
                        a.label.clone(),
                    ))));
                }
            }
            Command::AddAccount(draft) => match self.wallet.add_account(&draft) {
                Ok(id) => {
                    self.dialog = None;
                    self.selected = Some(id);
                    self.reload();
                    self.info(format!("Added account {}", draft.label.trim()));
                }
                Err(e) => self.dialog_error(e.to_string()),
            },
            Command::AddCard(account, draft, anyway) => match if anyway {
                self.wallet.add_card_anyway(account, &draft)
            } else {
                self.wallet.add_card(account, &draft)
            } {
                Ok(id) => {
                    self.dialog = None;
                    card_dialog::forget_number_field(ctx);
                    self.reload();
                    let title = self.title_of(id);
                    self.info(format!("Added {title}; its number is in the secret store"));
                }
                Err(e) => self.link_refused(e),
            },
            Command::AddPaypal(account, draft, anyway) => match if anyway {
                self.wallet.add_paypal_anyway(account, &draft)
            } else {
                self.wallet.add_paypal(account, &draft)
            } {
                Ok(_) => {
                    self.dialog = None;
                    self.reload();
                    self.info(format!("Linked PayPal {}", draft.email.trim()));
                }
                Err(e) => self.link_refused(e),
            },
            Command::LoadDemo => match self.wallet.load_demo(0) {
                Ok((ids, _)) => {
                    self.selected = ids.first().copied();
                    self.reload();
                    self.info(words::demo_added(ids.len(), 0));
                }
                Err(e) => self.error(format!("Could not load the demo data: {e}")),
            },
            Command::SelectMethod(id) => {
                self.attempt_form = AttemptForm::default();
                self.load_detail(id);
            }
            Command::CloseDetail => self.detail = None,
            Command::RecordAttempt(id, outcome, error) => {
                match self.wallet.record_attempt(id, outcome, &error) {
                    Ok(()) => {
                        self.attempt_form = AttemptForm::default();
                        self.reload();
                        self.load_detail(id);
                        self.info(format!("Recorded a {} attempt", outcome.id()));
                    }
                    Err(e) => self.error(format!("Could not record the attempt: {e}")),
                }
            }
            Command::SelectCell(m, p) => self.matrix_cell = Some((m, p)),
            Command::MakeDefault(id) => match self.wallet.make_default(id) {
                Ok(()) => {
                    self.reload();
                    let title = self.title_of(id);
                    self.info(format!("{title} is now the default"));
                }
                Err(e) => self.error(e.to_string()),
            },
            Command::OpenRemove(id) => self.open_remove(id),
            Command::PlanRemove(id, new) => match self.wallet.removal_check(id, Some(new)) {
                Ok(check) => {
                    let title = self.title_of(new);
                    if let Some(Dialog::Remove(d)) = &mut self.dialog {
                        d.check = check;
                        d.new_default_title = Some(title);
                        d.error = None;
                    }
                }
                Err(e) => self.dialog_error(e.to_string()),
            },
            Command::ConfirmRemove(id, new_default) => {
                let title = self.title_of(id);
                match self.wallet.remove_method(id, new_default) {
                    Ok(()) => {
                        self.dialog = None;
                        if self.detail.as_ref().is_some_and(|d| d.method == id) {
                            self.detail = None;
                        }
                        self.reload();
                        self.info(format!("Removed {title}: archived, see \"Show archived\""));
                    }
                    Err(e) => self.dialog_error(e.to_string()),
                }
            }
            Command::OpenMarkFailed(id) => {
                self.dialog = Some(Dialog::MarkFailed(MarkFailedDialog {
                    method: id,
                    title: self.title_of(id),
                    reason: String::new(),
                }));
            }
            Command::SetStatus(id, status, reason) => {
                match self.wallet.set_status(id, status, &reason) {
                    Ok(became_default) => {
                        self.dialog = None;
                        self.reload();
                        let title = self.title_of(id);
                        let mut text = format!("{title} is now {}", status.id());
                        if became_default {
                            text.push_str(", and the default: the account had none (L1)");
                        }
                        self.info(text);
                    }
                    Err(e) => self.dialog_error(e.to_string()),
                }
            }
            Command::Reveal(id) => match self.wallet.reveal_number(id) {
                Ok(n) => self.secrets.show(id, &n, ctx.input(|i| i.time)),
                Err(e) => self.error(format!("Could not reveal the number: {e}")),
            },
            Command::Hide => self.secrets.hide(),
            Command::Copy(id) => {
                let copied = self
                    .wallet
                    .reveal_number(id)
                    .map_err(|e| e.to_string())
                    .and_then(|n| self.secrets.copy(ctx, &n));
                match copied {
                    Ok(()) => {
                        let title = self.title_of(id);
                        let secs = self.secrets.shown_secs();
                        self.info(format!(
                            "Copied the number of {title}; the clipboard is cleared in {}",
                            words::count(secs, "second", "seconds")
                        ));
                    }
                    Err(e) => self.error(format!("Could not copy the number: {e}")),
                }
            }
            Command::OpenBackups => {
                let suggested = self
                    .wallet
                    .path()
                    .with_extension("backup.sqlite")
                    .display()
                    .to_string();
                self.dialog = Some(Dialog::Backup(BackupDialog::new(
                    self.wallet.backups(),
                    suggested,
                )));
            }
            Command::BackupTo(path) => self.backup_to(&path),
            Command::Restore(path) => self.restore(&path),
            Command::DroppedFile(path) if self.selected.is_none() => self.error(format!(
                "Add an account first: {} is imported into an account",
                path.display()
            )),
            c @ (Command::OpenSettings
            | Command::SaveSettings(_)
            | Command::SetTheme(_)
            | Command::Zoom(_)
            | Command::OpenCheckCard
            | Command::OpenShortcuts
            | Command::OpenAbout
            | Command::OpenFolder(_)
            | Command::Quit) => self.apply_window(ctx, c),
            c => {
                if let Some(account) = self.selected {
                    self.apply_spending(account, c);
                }
            }
        }
    }

    /// Close the open dialog: a running import is cancelled (dropping its job
    /// does), a typed card number is wiped from egui's memory.
    fn close_dialog(&mut self, ctx: &egui::Context) {
        self.dialog = None;
        card_dialog::forget_number_field(ctx);
        crate::ui::check_card_dialog::forget_number_field(ctx);
    }

    fn backup_to(&mut self, path: &std::path::Path) {
        let r = self.wallet.backup(path);
        if let Some(Dialog::Backup(d)) = &mut self.dialog {
            match r {
                Ok(()) => {
                    d.error = None;
                    d.done = Some(format!(
                        "Backed up to {} (no card numbers: they stay in the keyring)",
                        path.display()
                    ));
                }
                Err(e) => {
                    d.done = None;
                    d.error = Some(e.to_string());
                }
            }
        }
    }

    fn restore(&mut self, path: &std::path::Path) {
        match self.wallet.restore(path) {
            Ok(r) => {
                self.dialog = None;
                self.start.damaged = None;
                self.detail = None;
                self.secrets.hide();
                self.reload();
                let mut text = format!(
                    "Restored {}; what was open before is kept in {}",
                    r.from.display(),
                    r.kept_aside.display()
                );
                if !r.numbers_missing.is_empty() {
                    text.push_str(&format!(
                        "; {} not in the keyring marked",
                        words::count(r.numbers_missing.len(), "card number", "card numbers")
                    ));
                }
                self.info(text);
            }
            Err(e) => self.dialog_error(e.to_string()),
        }
    }

    /// A method's name for messages (empty if it has gone).
    fn title_of(&self, id: MethodId) -> String {
        self.wallet
            .method(id)
            .map(|m| m.title())
            .unwrap_or_default()
    }

    /// "Remove…": ask the service what removal would do, then show it.
    fn open_remove(&mut self, id: MethodId) {
        let (m, check) = match (self.wallet.method(id), self.wallet.removal_check(id, None)) {
            (Ok(m), Ok(check)) => (m, check),
            (Err(e), _) | (_, Err(e)) => {
                self.error(e.to_string());
                return;
            }
        };
        self.dialog = Some(Dialog::Remove(RemoveDialog {
            method: id,
            title: m.title(),
            is_card: m.card().is_some(),
            check,
            new_default_title: None,
            error: None,
        }));
    }

    /// A refused card or PayPal: a `block` verdict asks "Add anyway?" in the
    /// dialog; anything else is the dialog's error.
    fn link_refused(&mut self, e: crate::wallet::Error) {
        let refusal = match &e {
            crate::wallet::Error::Refused(r) if r.allows_adding_anyway() => Some(r.clone()),
            _ => None,
        };
        match (&mut self.dialog, refusal) {
            (Some(Dialog::Card(d)), Some(r)) => d.ask_anyway = Some((d.draft.clone(), r)),
            (Some(Dialog::Paypal(d)), Some(r)) => d.ask_anyway = Some((d.draft.clone(), r)),
            _ => self.dialog_error(e.to_string()),
        }
    }

    fn open_remove_account(&mut self, id: AccountId) {
        let (a, check) = match (
            self.wallet.account(id),
            self.wallet.account_removal_check(id),
        ) {
            (Ok(a), Ok(check)) => (a, check),
            (Err(e), _) | (_, Err(e)) => {
                self.error(e.to_string());
                return;
            }
        };
        self.dialog = Some(Dialog::RemoveAccount(RemoveAccountDialog {
            account: id,
            label: a.label,
            check,
            error: None,
        }));
    }
}
