//! Where every command is carried out: one service call each, then the screens
//! are asked for again and the outcome said in the notice or the dialog.

use std::path::PathBuf;

use eframe::egui;

use super::WalletApp;
use super::dialogs::Dialog;
use crate::domain::txn::TxnDraft;
use crate::domain::{AccountId, AccountPatch, MethodId};
use crate::ui::account_dialog::AccountDialog;
use crate::ui::backup_dialog::BackupDialog;
use crate::ui::card_dialog::{self, CardDialog};
use crate::ui::command::{Command, View};
use crate::ui::delete_txn_dialog::DeleteTxnDialog;
use crate::ui::export_dialog::ExportDialog;
use crate::ui::import_dialog::ImportRun;
use crate::ui::mark_failed_dialog::MarkFailedDialog;
use crate::ui::method_detail::AttemptForm;
use crate::ui::override_dialog::OverrideDialog;
use crate::ui::paypal_dialog::PaypalDialog;
use crate::ui::precheck_dialog::PrecheckDialog;
use crate::ui::remove_account_dialog::RemoveAccountDialog;
use crate::ui::remove_dialog::RemoveDialog;
use crate::ui::txn_dialog::TxnDialog;
use crate::wallet::{FileChoice, PrecheckDraft, choose_file};
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

    /// The commands of the Limits and Transactions views, on the shown account.
    fn apply_spending(&mut self, account: AccountId, command: Command) {
        let now = self.wallet.clock().now();
        let tz = self.wallet.time_zone();
        match command {
            Command::OpenRecord => {
                let draft = TxnDraft {
                    currency: "CNY".into(),
                    ty: "goods".into(),
                    to: "merchant".into(),
                    ..TxnDraft::default()
                };
                self.dialog = Some(Dialog::Txn(TxnDialog::new(None, draft, now, tz)));
            }
            Command::RecordChecked(p) => self.record_checked(p),
            Command::OpenEdit(id) => match self.wallet.txn(id) {
                Ok(t) => {
                    let draft = t.new.to_form(tz);
                    self.dialog = Some(Dialog::Txn(TxnDialog::new(Some(id), draft, now, tz)));
                }
                Err(e) => self.error(e.to_string()),
            },
            Command::RecordTxn(draft) => match self.wallet.add_txn(account, &draft) {
                Ok(id) => self.txn_saved(id, words::txn_recorded(id)),
                Err(e) => self.dialog_error(e.to_string()),
            },
            Command::ChangeTxn(id, patch) => match self.wallet.patch_txn(id, &patch) {
                Ok(()) => self.txn_saved(id, words::txn_changed(id)),
                Err(e) => self.dialog_error(e.to_string()),
            },
            Command::AskDelete(id) => match self.wallet.txn(id) {
                Ok(t) => {
                    self.dialog = Some(Dialog::DeleteTxn(DeleteTxnDialog {
                        id,
                        text: words::payment(&t, tz),
                    }));
                }
                Err(e) => self.error(e.to_string()),
            },
            Command::ConfirmDelete(id) => {
                self.dialog = None;
                match self.wallet.delete_txn(id) {
                    Ok(()) => {
                        self.txns.selected_txn = None;
                        self.reload();
                        self.info(words::txn_deleted(id));
                    }
                    Err(e) => self.error(e.to_string()),
                }
            }
            Command::OpenPrecheck => self.dialog = Some(Dialog::Precheck(PrecheckDialog::new())),
            Command::OpenOverride(key) => {
                let status = self
                    .limits
                    .screen
                    .as_ref()
                    .and_then(|s| s.quota.statuses.iter().find(|s| s.layer.key == key));
                if let Some(s) = status {
                    self.dialog = Some(Dialog::Override(OverrideDialog {
                        name: s.layer.name.clone(),
                        rule: s.layer.rule.clone(),
                        amount: s.layer.max.to_string(),
                        published: crate::domain::money::money(
                            s.layer.published_max.unwrap_or(s.layer.max),
                            s.layer.currency,
                        ),
                        error: None,
                        key,
                    }));
                }
            }
            Command::SaveOverride(key, amount) => {
                match self.wallet.set_override(account, &key, amount.as_deref()) {
                    Ok(()) => {
                        self.dialog = None;
                        self.reload();
                    }
                    Err(e) => self.dialog_error(e.to_string()),
                }
            }
            Command::SetBook(b) => match self.wallet.set_limit_book(account, &b) {
                Ok(()) => self.reload(),
                Err(e) => self.error(e.to_string()),
            },
            Command::AddCap(d) => match self.wallet.add_cap(account, &d) {
                Ok(_) => {
                    self.limits.cap_form = crate::wallet::CapDraft::default();
                    self.reload();
                    self.info(format!("Added your cap {:?}", d.name));
                }
                Err(e) => self.error(format!("Cap not added: {e}")),
            },
            Command::RemoveCap(id) => match self.wallet.remove_cap(id) {
                Ok(()) => self.reload(),
                Err(e) => self.error(e.to_string()),
            },
            Command::AddRate(d) => match self.wallet.add_rate(&d) {
                Ok(r) => {
                    self.limits.rate_form = crate::wallet::RateDraft::default();
                    self.reload();
                    self.info(words::rate(&r));
                }
                Err(e) => self.error(format!("Rate not added: {e}")),
            },
            Command::FilterChanged => self.filter_changed(),
            Command::ClearFilters => {
                let account = self.txns.filter.account;
                self.txns = crate::ui::transactions_view::TxnList::default();
                self.txns.filter.account = account;
                self.filter_changed();
            }
            Command::OpenImport => {
                self.dialog = Some(Dialog::Import(Box::default()));
            }
            Command::StartPreview(path) => {
                if let Some(Dialog::Import(d)) = &mut self.dialog {
                    // A zip's password goes to the job once; the field is emptied.
                    let password = crate::wallet::Password::new(std::mem::take(&mut *d.password));
                    let job = self.wallet.start_import_preview_with(
                        account,
                        std::path::Path::new(&path),
                        d.format,
                        password,
                    );
                    d.error = None;
                    d.preview = None;
                    d.section = crate::ui::import_dialog::Section::default();
                    d.job = Some(ImportRun::Reading(job));
                }
            }
            Command::ChangeImportRow(line, change) => {
                if let Some(Dialog::Import(d)) = &mut self.dialog
                    && let Some(p) = &mut d.preview
                {
                    d.error = self
                        .wallet
                        .import_change(account, p, line, change)
                        .err()
                        .map(|e| e.to_string());
                }
            }
            Command::StartImport => {
                if let Some(Dialog::Import(d)) = &mut self.dialog
                    && let Some(p) = d.preview.clone()
                {
                    d.error = None;
                    d.job = Some(ImportRun::Writing(
                        self.wallet.start_import_write(account, p),
                    ));
                }
            }
            Command::CancelImport => {
                if let Some(Dialog::Import(d)) = &self.dialog
                    && let Some(j) = &d.job
                {
                    j.cancel();
                }
            }
            Command::OpenExport => {
                let path = self.wallet.suggested_export_path(account);
                self.dialog = Some(Dialog::Export(ExportDialog {
                    path: path.display().to_string(),
                    error: None,
                    chooser: None,
                }));
            }
            Command::OpenMapping(path) => {
                let job = crate::wallet::start_csv_sample(std::path::Path::new(&path));
                let saved = self.wallet.mappings().unwrap_or_default();
                self.dialog = Some(Dialog::Mapping(Box::new(
                    crate::ui::mapping_dialog::MappingDialog::new(
                        path,
                        self.wallet.time_zone(),
                        job,
                        saved,
                    ),
                )));
            }
            Command::SaveMapping(m, and_import) => self.save_mapping(account, &m, and_import),
            Command::ChooseImportFile => {
                if let Some(Dialog::Import(d)) = &mut self.dialog {
                    d.error = None;
                    d.chooser = Some(choose_file(FileChoice::Open {
                        title: "Import payments",
                        extensions: &["csv", "xlsx", "zip"],
                    }));
                }
            }
            Command::ChooseExportFile => {
                if let Some(Dialog::Export(d)) = &mut self.dialog {
                    d.error = None;
                    d.chooser = Some(choose_file(FileChoice::Save {
                        title: "Export payments",
                        suggested: PathBuf::from(d.path.trim()),
                    }));
                }
            }
            Command::DroppedFile(path) => {
                let busy = match &self.dialog {
                    None => false,
                    Some(Dialog::Import(d)) => d.job.is_some(),
                    Some(_) => true,
                };
                if busy {
                    self.error(format!(
                        "Close the open dialog first, then drop {} again",
                        path.display()
                    ));
                } else {
                    self.view = View::Transactions;
                    let mut d = Box::<crate::ui::import_dialog::ImportDialog>::default();
                    d.path = path.display().to_string();
                    self.dialog = Some(Dialog::Import(d));
                    self.apply_spending(account, Command::StartPreview(path.display().to_string()));
                }
            }
            Command::Export(path) => {
                let path = PathBuf::from(path.trim());
                match self.wallet.export_csv_file(account, &path) {
                    Ok(n) => {
                        self.dialog = None;
                        self.info(words::exported(n, &path));
                    }
                    Err(e) => self.dialog_error(e.to_string()),
                }
            }
            other => self.error(format!("{other:?} is not handled here")),
        }
    }

    /// Close the open dialog: a running import is cancelled (dropping its job
    /// does), a typed card number is wiped from egui's memory.
    fn close_dialog(&mut self, ctx: &egui::Context) {
        self.dialog = None;
        card_dialog::forget_number_field(ctx);
        crate::ui::check_card_dialog::forget_number_field(ctx);
    }

    /// A CSV mapping saved (one transaction); with `and_import`, the file is
    /// read with it into the import dialog's preview.
    fn save_mapping(
        &mut self,
        account: crate::domain::AccountId,
        m: &crate::domain::bills::mapping::CsvMapping,
        and_import: bool,
    ) {
        let Some(Dialog::Mapping(d)) = &self.dialog else {
            return;
        };
        let path = d.path.clone();
        if let Err(e) = self.wallet.save_mapping(m) {
            self.dialog_error(e.to_string());
            return;
        }
        if and_import {
            let job =
                self.wallet
                    .start_mapped_preview(account, std::path::Path::new(&path), m.clone());
            let mut d = Box::<crate::ui::import_dialog::ImportDialog>::default();
            d.path = path;
            d.job = Some(ImportRun::Reading(job));
            self.dialog = Some(Dialog::Import(d));
        } else {
            self.dialog = None;
            self.info(words::mapping_saved(&m.name));
        }
    }

    /// A payment recorded or changed: the dialog closes, its row is selected.
    fn txn_saved(&mut self, id: crate::domain::TxnId, text: String) {
        self.dialog = None;
        self.txns.selected_txn = Some(id);
        self.reload();
        self.info(text);
    }

    /// "Record this payment…" from the pre-check: the form filled in with it.
    fn record_checked(&mut self, p: PrecheckDraft) {
        let draft = TxnDraft {
            amount: p.amount,
            currency: p.currency,
            ty: p.ty,
            to: if p.to.is_empty() {
                "merchant".into()
            } else {
                p.to
            },
            ..TxnDraft::default()
        };
        let (now, tz) = (self.wallet.clock().now(), self.wallet.time_zone());
        self.dialog = Some(Dialog::Txn(TxnDialog::new(None, draft, now, tz)));
    }

    /// The list's filters as typed: the dates are read, then the rows counted.
    pub(super) fn filter_changed(&mut self) {
        let mut err = None;
        let l = &mut self.txns;
        for (text, slot, field) in [
            (&l.from_text, &mut l.filter.from, "from"),
            (&l.until_text, &mut l.filter.until, "until"),
        ] {
            *slot = if text.trim().is_empty() {
                None
            } else {
                match crate::domain::account::parse_date(field, text) {
                    Ok(d) => Some(d),
                    Err(e) => {
                        err = Some(e.to_string());
                        None
                    }
                }
            };
        }
        l.error = err;
        self.count_txns();
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
