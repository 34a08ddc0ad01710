//! The commands of the Limits and Transactions views, carried out on the shown
//! account: payments recorded, changed and deleted, the list's filters, rates,
//! caps and limit figures, imports (preview, row changes, write, mappings) and
//! exports. One service call each, then the screens are asked for again.

use std::path::PathBuf;

use super::WalletApp;
use super::dialogs::Dialog;
use crate::domain::AccountId;
use crate::domain::txn::TxnDraft;
use crate::ui::command::{Command, View};
use crate::ui::delete_txn_dialog::DeleteTxnDialog;
use crate::ui::export_dialog::ExportDialog;
use crate::ui::import_dialog::ImportRun;
use crate::ui::override_dialog::OverrideDialog;
use crate::ui::precheck_dialog::PrecheckDialog;
use crate::ui::txn_dialog::TxnDialog;
use crate::wallet::{FileChoice, PrecheckDraft, choose_file};
use crate::words;

impl WalletApp {
    /// The commands of the Limits and Transactions views, on the shown account.
    pub(super) fn apply_spending(&mut self, account: AccountId, command: Command) {
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
        // Typing waits for a pause before the rows are counted.
        l.recount_at(self.now + crate::ui::transactions_view::SEARCH_PAUSE);
    }
}
