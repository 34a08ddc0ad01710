//! The main window: accounts on the left, the selected account's methods in the
//! middle, a status bar, and the dialogs. Drawing produces `Command`s; `apply`
//! carries them out through the service once per frame, after drawing.

use std::time::{Duration, Instant};

use eframe::egui::{self, Color32, RichText, Ui};
use zeroize::Zeroizing;

use super::account_dialog::{self, AccountDialog};
use super::backup_dialog::BackupDialog;
use super::card_dialog::{self, CardDialog};
use super::clipboard::SecretClipboard;
use super::form;
use super::matrix::matrix_ui;
use super::method_detail::{AttemptForm, Detail, method_detail_ui};
use super::methods::{Revealed, RowRules, TableView, methods_table_ui};
use super::paypal_dialog::{self, PaypalDialog};
use super::remove_dialog::RemoveDialog;
use super::spending::{Act, SpendDialog, Spending};
use super::{limits_view, txn_view};
use crate::Wallet;
use crate::domain::lifecycle::ExpiryReminder;
use crate::domain::risk::Level;
use crate::domain::{
    Account, AccountDraft, AccountId, CardDraft, Method, MethodId, PaypalDraft, Tier,
};
use crate::domain::{MethodStatus, Outcome, Provider};
use crate::vault;
use crate::wallet::{Basis, MatrixRow, StartReport};

/// How long a revealed number stays visible, and a copied one on the clipboard.
pub const SECRET_SHOWN_SECS: f64 = 30.0;

/// Something the user asked for, carried out after drawing.
#[must_use]
#[derive(Debug)]
pub enum Command {
    SelectAccount(AccountId),
    OpenAddAccount,
    OpenAddCard,
    OpenAddPaypal,
    CloseDialog,
    AddAccount(AccountDraft),
    AddCard(AccountId, CardDraft),
    AddPaypal(AccountId, PaypalDraft),
    Reveal(MethodId),
    Hide,
    Copy(MethodId),
    LoadDemo,
    /// Show a method's flags and attempts below the table.
    SelectMethod(MethodId),
    CloseDetail,
    RecordAttempt(MethodId, Outcome, String),
    ShowView(View),
    /// A cell of the "Will it bind?" matrix.
    SelectCell(MethodId, Provider),
    MakeDefault(MethodId),
    /// Start "Remove…": confirmation, or the refusal and its plan.
    OpenRemove(MethodId),
    /// Remove, with the new default when L6 asks for one.
    ConfirmRemove(MethodId, Option<MethodId>),
    /// The planner's step: make the first the default, then look at removing the second again.
    PlanMakeDefault(MethodId, MethodId),
    SetStatus(MethodId, MethodStatus, String),
    OpenMarkFailed(MethodId),
    ShowArchived(bool),
    /// The Limits and Transactions views.
    Spend(Act),
    OpenBackups,
    BackupTo(std::path::PathBuf),
    /// Confirmed: replace the open database's contents with this backup.
    Restore(std::path::PathBuf),
}

/// The views of the central panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Accounts,
    Limits,
    Transactions,
    Matrix,
}

enum Dialog {
    Account(AccountDialog),
    Card(Box<CardDialog>),
    Paypal(PaypalDialog),
    Remove(RemoveDialog),
    Backup(BackupDialog),
    MarkFailed {
        method: MethodId,
        title: String,
        reason: String,
    },
}

struct Shown {
    method: MethodId,
    grouped: Zeroizing<String>,
    until: f64,
}

struct Copied {
    digits: Zeroizing<String>,
    /// The wall clock, not egui's: egui's time stands still while the window is
    /// minimised, and the clipboard must be cleared all the same.
    until: Instant,
}

/// A one-line message at the top of the central panel.
struct Notice {
    text: String,
    is_error: bool,
}

pub struct WalletApp {
    wallet: Wallet,
    accounts: Vec<Account>,
    selected: Option<AccountId>,
    methods: Vec<Method>,
    /// Each method's verdict on its own account, computed when the data changes.
    verdicts: Vec<Option<Level>>,
    detail: Option<Detail>,
    attempt_form: AttemptForm,
    view: View,
    matrix: Vec<MatrixRow>,
    matrix_cell: Option<(MethodId, Provider)>,
    /// What L2–L5 say about each row, computed with the verdicts.
    row_rules: Vec<RowRules>,
    show_archived: bool,
    /// Cards expiring this month or within 60 days, across all accounts.
    reminders: Vec<(Method, String, ExpiryReminder)>,
    /// L6: the selected account's expired or failed default, and the active methods.
    default_to_replace: Option<(Method, Vec<Method>)>,
    /// The day the data was last judged on; a new day re-runs expiry.
    today: chrono::NaiveDate,
    dialog: Option<Dialog>,
    shown: Option<Shown>,
    copied: Option<Copied>,
    clipboard: SecretClipboard,
    /// Whether the window had focus at the last look: losing it masks a revealed number.
    window_focused: bool,
    notice: Option<Notice>,
    /// The Limits and Transactions views.
    spending: Spending,
    /// What the checks on start found (damage, missing numbers).
    start: StartReport,
}

impl WalletApp {
    pub fn new(wallet: Wallet) -> Self {
        let mut app = WalletApp {
            wallet,
            accounts: Vec::new(),
            selected: None,
            methods: Vec::new(),
            verdicts: Vec::new(),
            detail: None,
            attempt_form: AttemptForm::default(),
            view: View::Accounts,
            matrix: Vec::new(),
            matrix_cell: None,
            row_rules: Vec::new(),
            show_archived: false,
            reminders: Vec::new(),
            default_to_replace: None,
            today: chrono::NaiveDate::MIN,
            dialog: None,
            shown: None,
            copied: None,
            clipboard: SecretClipboard::System(None),
            window_focused: true,
            notice: None,
            spending: Spending::default(),
            start: StartReport::default(),
        };
        app.reload();
        app
    }

    /// The window after the checks on start: a damaged database is announced
    /// with its latest backup; missing card numbers are counted.
    pub fn with_start_report(mut self, report: StartReport) -> Self {
        if !report.numbers_missing.is_empty() {
            let n = report.numbers_missing.len();
            self.error(format!(
                "{n} card number{} not in the secret store: {}",
                if n == 1 { " is" } else { "s are" },
                crate::domain::NUMBER_MISSING
            ));
        }
        self.start = report;
        self
    }

    /// Copy hands numbers to egui's output instead of the system clipboard: for
    /// tests, so that nothing reaches the desktop's clipboard.
    #[must_use]
    pub fn without_system_clipboard(mut self) -> Self {
        self.clipboard = SecretClipboard::EguiOnly;
        self
    }

    /// The service, for tests that check what the database holds.
    pub fn wallet(&self) -> &Wallet {
        &self.wallet
    }

    /// The service, for tests that move its clock.
    pub fn wallet_mut(&mut self) -> &mut Wallet {
        &mut self.wallet
    }

    /// On a new day: cards whose month ended become expired, reminders move.
    fn on_day_change(&mut self) {
        let today = self.wallet.clock().today();
        if today == self.today {
            return;
        }
        self.today = today;
        match self.wallet.expire_due() {
            Ok(expired) if !expired.is_empty() => {
                self.info(format!(
                    "{} card(s) expired and are marked so",
                    expired.len()
                ));
            }
            Ok(_) => {}
            Err(e) => self.error(format!("Could not mark expired cards: {e}")),
        }
        self.reload();
    }

    /// Re-read accounts and the selected account's methods (after a change, not per frame).
    fn reload(&mut self) {
        match self.wallet.accounts() {
            Ok(a) => self.accounts = a,
            Err(e) => self.error(format!("Could not read the accounts: {e}")),
        }
        if !self
            .selected
            .is_some_and(|s| self.accounts.iter().any(|a| a.id == s))
        {
            self.selected = self.accounts.first().map(|a| a.id);
        }
        self.methods = match self.selected {
            Some(id) => self
                .wallet
                .methods(id, self.show_archived)
                .unwrap_or_else(|e| {
                    self.notice = Some(Notice {
                        text: format!("Could not read the methods: {e}"),
                        is_error: true,
                    });
                    Vec::new()
                }),
            None => Vec::new(),
        };
        let verdicts: Result<Vec<_>, _> = self
            .methods
            .iter()
            .map(|m| self.wallet.verdict(m))
            .collect();
        self.verdicts = verdicts.unwrap_or_else(|e| {
            self.notice = Some(Notice {
                text: format!("Could not judge the methods: {e}"),
                is_error: true,
            });
            Vec::new()
        });
        self.reminders = self.wallet.reminders().unwrap_or_default();
        self.default_to_replace = match self.selected {
            Some(a) => self.wallet.default_to_replace(a).unwrap_or_default(),
            None => None,
        };
        self.row_rules = self
            .methods
            .iter()
            .map(|m| RowRules {
                make_default: match self.wallet.default_check(m.id) {
                    Ok(Ok(())) => Ok(()),
                    Ok(Err(r)) => Err(r.to_string()),
                    Err(e) => Err(e.to_string()),
                },
                remove_hint: match self.wallet.removal_check(m.id, None) {
                    Ok(Err(r)) => Some(format!("{r}; the dialog shows the way through")),
                    _ => None,
                },
                reminder: self
                    .reminders
                    .iter()
                    .find(|(r, _, _)| r.id == m.id)
                    .map(|(_, _, r)| *r),
            })
            .collect();
        if let Some(id) = self.detail.as_ref().map(|d| d.method) {
            self.load_detail(id);
        }
        if self.view == View::Matrix {
            self.load_matrix();
        }
        self.spending.reload(&self.wallet, self.selected);
    }

    fn load_detail(&mut self, id: MethodId) {
        let loaded = (|| {
            let m = self.wallet.method(id)?;
            let provider = self.wallet.account(m.account_id)?.provider;
            Ok::<_, crate::wallet::Error>(Detail {
                method: id,
                title: m.title(),
                status: m.status,
                status_reason: m.status_reason.clone(),
                preauth: self.wallet.preauth(id)?,
                provider,
                results: self.wallet.assess_method(id, &Provider::ALL)?,
                attempts: self.wallet.attempts(id)?,
            })
        })();
        match loaded {
            Ok(d) => self.detail = Some(d),
            Err(e) => {
                self.detail = None;
                self.error(format!("Could not judge the method: {e}"));
            }
        }
    }

    fn load_matrix(&mut self) {
        match self.wallet.matrix() {
            Ok(m) => self.matrix = m,
            Err(e) => self.error(format!("Could not build the matrix: {e}")),
        }
    }

    fn error(&mut self, text: String) {
        self.notice = Some(Notice {
            text,
            is_error: true,
        });
    }

    fn info(&mut self, text: String) {
        self.notice = Some(Notice {
            text,
            is_error: false,
        });
    }

    fn selected_account(&self) -> Option<&Account> {
        self.selected
            .and_then(|s| self.accounts.iter().find(|a| a.id == s))
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command, now: f64) {
        match command {
            Command::SelectAccount(id) => {
                self.selected = Some(id);
                self.shown = None;
                self.detail = None;
                if self.view == View::Matrix {
                    self.view = View::Accounts;
                }
                self.reload();
            }
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
            Command::Spend(act) => {
                if self.spending.apply(&mut self.wallet, act) {
                    self.reload();
                }
            }
            Command::ShowView(v) => {
                self.view = v;
                if v == View::Matrix {
                    self.load_matrix();
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
            Command::PlanMakeDefault(new, then_remove) => match self.wallet.make_default(new) {
                Ok(()) => {
                    self.reload();
                    self.open_remove(then_remove);
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
            Command::OpenMarkFailed(id) => {
                let title = self.title_of(id);
                self.dialog = Some(Dialog::MarkFailed {
                    method: id,
                    title,
                    reason: String::new(),
                });
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
            Command::BackupTo(path) => {
                let r = self.wallet.backup(&path);
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
            Command::Restore(path) => match self.wallet.restore(&path) {
                Ok(r) => {
                    self.dialog = None;
                    self.start.damaged = None;
                    self.detail = None;
                    self.shown = None;
                    self.reload();
                    let mut text = format!(
                        "Restored {}; what was open before is kept in {}",
                        r.from.display(),
                        r.kept_aside.display()
                    );
                    if !r.numbers_missing.is_empty() {
                        text.push_str(&format!(
                            "; {} card number(s) not in the keyring are marked",
                            r.numbers_missing.len()
                        ));
                    }
                    self.info(text);
                }
                Err(e) => self.dialog_error(e.to_string()),
            },
            Command::ShowArchived(on) => {
                self.show_archived = on;
                self.reload();
            }
            Command::OpenAddAccount => {
                self.dialog = Some(Dialog::Account(AccountDialog::default()));
            }
            Command::OpenAddCard => {
                if let Some(a) = self.selected_account() {
                    self.dialog = Some(Dialog::Card(Box::new(CardDialog::new(
                        a.id,
                        a.label.clone(),
                        a.provider,
                    ))));
                }
            }
            Command::OpenAddPaypal => {
                if let Some(a) = self.selected_account() {
                    self.dialog = Some(Dialog::Paypal(PaypalDialog::new(a.id, a.label.clone())));
                }
            }
            Command::CloseDialog => {
                self.dialog = None;
                card_dialog::forget_number_field(ctx);
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
            Command::AddCard(account, draft) => match self.wallet.add_card(account, &draft) {
                Ok(id) => {
                    self.dialog = None;
                    card_dialog::forget_number_field(ctx);
                    self.reload();
                    let title = self.title_of(id);
                    self.info(format!("Added {title}; its number is in the secret store"));
                }
                Err(e) => self.dialog_error(e.to_string()),
            },
            Command::AddPaypal(account, draft) => match self.wallet.add_paypal(account, &draft) {
                Ok(_) => {
                    self.dialog = None;
                    self.reload();
                    self.info(format!("Linked PayPal {}", draft.email.trim()));
                }
                Err(e) => self.dialog_error(e.to_string()),
            },
            Command::Reveal(id) => match self.wallet.reveal_number(id) {
                Ok(n) => {
                    self.shown = Some(Shown {
                        method: id,
                        grouped: n.grouped(),
                        until: now + SECRET_SHOWN_SECS,
                    });
                }
                Err(e) => self.error(format!("Could not reveal the number: {e}")),
            },
            Command::Hide => self.shown = None,
            Command::Copy(id) => match self.wallet.reveal_number(id) {
                Ok(n) => match self.clipboard.copy(ctx, n.expose()) {
                    Ok(()) => {
                        self.copied = Some(Copied {
                            digits: Zeroizing::new(n.expose().to_owned()),
                            until: Instant::now() + Duration::from_secs_f64(SECRET_SHOWN_SECS),
                        });
                        let title = self.title_of(id);
                        self.info(format!(
                            "Copied the number of {title}; the clipboard is cleared in 30 seconds"
                        ));
                    }
                    Err(e) => self.error(format!("Could not copy the number: {e}")),
                },
                Err(e) => self.error(format!("Could not copy the number: {e}")),
            },
            Command::LoadDemo => match self.wallet.load_demo(0) {
                Ok((ids, _)) => {
                    self.selected = ids.first().copied();
                    self.reload();
                    self.info(format!("Added {} sample accounts", ids.len()));
                }
                Err(e) => self.error(format!("Could not load the demo data: {e}")),
            },
        }
    }

    fn dialog_error(&mut self, text: String) {
        match &mut self.dialog {
            Some(Dialog::Account(d)) => d.error = Some(text),
            Some(Dialog::Card(d)) => d.error = Some(text),
            Some(Dialog::Paypal(d)) => d.error = Some(text),
            Some(Dialog::Remove(d)) => d.error = Some(text),
            Some(Dialog::Backup(d)) => d.error = Some(text),
            Some(Dialog::MarkFailed { .. }) | None => self.error(text),
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
            error: None,
        }));
    }

    /// Mask a revealed number when its time is up or the window loses focus or is
    /// minimised, and clear a copied one when its time is up. Runs in `logic`, which
    /// eframe calls while the window is hidden too.
    fn expire_secrets(&mut self, ctx: &egui::Context, now: f64) {
        let (focused, minimized) = ctx.input(|i| (i.viewport().focused, i.viewport().minimized));
        // A loss of focus, not its absence: a window that never had it (a bare X
        // server) still shows what was asked for, until its time is up.
        let lost_focus = self.window_focused && focused == Some(false);
        self.window_focused = focused != Some(false);
        if lost_focus
            || minimized == Some(true)
            || self.shown.as_ref().is_some_and(|s| now >= s.until)
        {
            self.shown = None;
        }
        let wall = Instant::now();
        if let Some(c) = self.copied.take_if(|c| wall >= c.until) {
            self.clipboard.clear_if_holding(&c.digits);
        }
        let next_secs = [
            self.shown.as_ref().map(|s| s.until - now),
            self.copied
                .as_ref()
                .map(|c| c.until.saturating_duration_since(wall).as_secs_f64()),
        ]
        .into_iter()
        .flatten()
        .fold(f64::INFINITY, f64::min);
        if next_secs.is_finite() {
            // Tick once a second for the countdown.
            ctx.request_repaint_after(Duration::from_secs_f64(next_secs.clamp(0.05, 1.0)));
        }
    }

    fn keyboard(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if self.dialog.is_some()
            || self.spending.dialog.is_some()
            || ctx.egui_wants_keyboard_input()
        {
            return;
        }
        let (check, record) = ctx.input(|i| {
            (
                i.modifiers.command && i.key_pressed(egui::Key::K),
                i.modifiers.command && i.key_pressed(egui::Key::R),
            )
        });
        if self.selected.is_some() && check {
            commands.push(Command::Spend(Act::OpenPrecheck));
        }
        if self.selected.is_some() && record {
            commands.push(Command::Spend(Act::OpenRecord));
        }
        let (up, down, new_card, new_account) = ctx.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowUp),
                i.key_pressed(egui::Key::ArrowDown),
                i.modifiers.command && !i.modifiers.shift && i.key_pressed(egui::Key::N),
                i.modifiers.command && i.modifiers.shift && i.key_pressed(egui::Key::N),
            )
        });
        let pos = self
            .accounts
            .iter()
            .position(|a| Some(a.id) == self.selected);
        if let Some(p) = pos {
            if up && p > 0 {
                commands.push(Command::SelectAccount(self.accounts[p - 1].id));
            }
            if down && p + 1 < self.accounts.len() {
                commands.push(Command::SelectAccount(self.accounts[p + 1].id));
            }
        }
        if ctx.input(|i| i.key_pressed(egui::Key::Delete))
            && let Some(d) = &self.detail
            && d.status != MethodStatus::Removed
        {
            commands.push(Command::OpenRemove(d.method));
        }
        if new_account {
            commands.push(Command::OpenAddAccount);
        } else if new_card && self.selected.is_some() && self.wallet.vault().is_available() {
            commands.push(Command::OpenAddCard);
        }
    }

    /// A damaged database: writes are refused; the latest backup is offered.
    fn damaged_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(problem) = &self.start.damaged else {
            return;
        };
        egui::Panel::top("damaged_database")
            .frame(egui::Frame::new().fill(Color32::from_rgb(0x5a, 0x1e, 0x1e)).inner_margin(8.0))
            .show(ui, |ui| {
                ui.label(
                    RichText::new("The database is damaged: walletdesk will not write to it")
                        .strong()
                        .color(Color32::WHITE),
                );
                ui.label(RichText::new(problem).color(Color32::from_gray(230)));
                ui.horizontal(|ui| match &self.start.latest_backup {
                    Some(b) => {
                        if ui
                            .button(format!("Restore the latest backup ({})…", b.display()))
                            .clicked()
                        {
                            commands.push(Command::OpenBackups);
                        }
                    }
                    None => {
                        ui.label(
                            RichText::new("No backup was found: copy the database file somewhere safe before trying anything")
                                .color(Color32::WHITE),
                        );
                    }
                });
            });
    }

    fn banner_ui(&self, ui: &mut Ui) {
        let vault::Status::Unavailable { reason, fix } = self.wallet.vault().status() else {
            return;
        };
        egui::Panel::top("no_secret_store")
            .frame(egui::Frame::new().fill(Color32::from_rgb(0x5a, 0x1e, 0x1e)).inner_margin(8.0))
            .show(ui, |ui| {
                ui.label(
                    RichText::new("No secret store: card numbers cannot be saved or shown")
                        .strong()
                        .color(Color32::WHITE),
                );
                ui.label(RichText::new(reason.to_string()).color(Color32::from_gray(230)));
                ui.label(RichText::new(format!("How to fix: {fix}")).color(Color32::from_gray(230)));
                ui.label(
                    RichText::new("Your accounts and masked cards are listed as usual; no number is ever written anywhere else instead")
                        .small()
                        .color(Color32::from_gray(210)),
                );
            });
    }

    fn nav_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        if self.accounts.is_empty() {
            return;
        }
        egui::Panel::top("nav").show(ui, |ui| {
            ui.horizontal(|ui| {
                for (view, name) in [
                    (View::Accounts, "Accounts"),
                    (View::Limits, "Limits"),
                    (View::Transactions, "Transactions"),
                    (View::Matrix, "Will it bind?"),
                ] {
                    if ui.selectable_label(self.view == view, name).clicked() && self.view != view {
                        commands.push(Command::ShowView(view));
                    }
                }
            });
        });
    }

    /// "2 cards expire soon": this month or within 60 days, across accounts.
    fn reminders_ui(&self, ui: &mut Ui) {
        if self.reminders.is_empty() {
            return;
        }
        egui::Panel::top("expiry_reminders").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "{} card{} expire{} soon:",
                        self.reminders.len(),
                        if self.reminders.len() == 1 { "" } else { "s" },
                        if self.reminders.len() == 1 { "s" } else { "" }
                    ))
                    .color(form::WARN)
                    .strong(),
                );
                for (m, label, r) in &self.reminders {
                    let when = match r {
                        ExpiryReminder::ThisMonth => "this month".to_owned(),
                        ExpiryReminder::WithinDays(d) => format!("in {d} days"),
                    };
                    ui.label(format!("{} ({label}) {when}", m.title()));
                }
            });
        });
    }

    fn status_bar_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                if ui
                    .small_button("Backups…")
                    .on_hover_text("Back up, or restore an automatic backup")
                    .clicked()
                {
                    commands.push(Command::OpenBackups);
                }
                ui.separator();
                ui.label(RichText::new("Database").weak());
                ui.label(self.wallet.path().display().to_string());
                ui.separator();
                ui.label(RichText::new("Secret store").weak());
                let store = self.wallet.vault().describe();
                if self.wallet.vault().is_available() {
                    ui.label(store);
                } else {
                    ui.label(RichText::new(store).color(form::ERROR));
                }
            });
        });
    }

    fn accounts_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        egui::Panel::left("accounts")
            .resizable(true)
            .default_size(250.0)
            .show(ui, |ui| {
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    ui.heading("Accounts");
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui
                            .button("Add account…")
                            .on_hover_text("Add a wallet or console (Ctrl+Shift+N)")
                            .clicked()
                        {
                            commands.push(Command::OpenAddAccount);
                        }
                    });
                });
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for a in &self.accounts {
                        let selected = Some(a.id) == self.selected;
                        let r = ui
                            .push_id(a.id.0, |ui| {
                                ui.vertical(|ui| {
                                    let r = ui.selectable_label(
                                        selected,
                                        RichText::new(&a.label).strong(),
                                    );
                                    ui.horizontal(|ui| {
                                        ui.label(RichText::new(a.provider.name()).small().weak());
                                        tier_badge_ui(ui, a.tier);
                                    });
                                    r
                                })
                                .inner
                            })
                            .inner;
                        if r.clicked() {
                            commands.push(Command::SelectAccount(a.id));
                        }
                        ui.add_space(4.0);
                    }
                });
            });
    }

    fn empty_state_ui(ui: &mut Ui, commands: &mut Vec<Command>) {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.2);
            ui.heading("Keep your linked cards in one place");
            ui.add_space(8.0);
            ui.label(
                "walletdesk keeps the cards and PayPal accounts you link to Alipay, Alipay HK, \
                 WeChat Pay and Alibaba Cloud on this computer, with the full numbers in your OS keyring",
            );
            ui.label("Start by adding the account you link cards to");
            ui.add_space(12.0);
            if ui.button(RichText::new("Add your first account…").size(16.0)).clicked() {
                commands.push(Command::OpenAddAccount);
            }
            ui.add_space(4.0);
            if ui
                .button("Load demo data")
                .on_hover_text("Add sample accounts and cards to this database")
                .clicked()
            {
                commands.push(Command::LoadDemo);
            }
        });
    }

    fn account_ui(&self, ui: &mut Ui, account: &Account, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            ui.heading(&account.label);
            tier_badge_ui(ui, account.tier);
        });
        let mut facts = vec![account.provider.name().to_owned()];
        if let Some(r) = account.region {
            facts.push(format!("region {}", r.id()));
        }
        if let Some(c) = &account.country {
            facts.push(format!("country {c}"));
        }
        if let Some(h) = &account.holder {
            facts.push(format!("holder {h}"));
        }
        if let Some(p) = account.passport_expiry {
            facts.push(format!("passport expires {p}"));
        }
        if account.outstanding_bills {
            facts.push("outstanding bills".into());
        }
        ui.label(RichText::new(facts.join(" · ")).weak());
        ui.add_space(6.0);
        let vault_ok = self.wallet.vault().is_available();
        ui.horizontal(|ui| {
            let add_card = ui
                .add_enabled(vault_ok, egui::Button::new("Add card…"))
                .on_hover_text("Add a card to this account (Ctrl+N)")
                .on_disabled_hover_text("No secret store is available to keep the card number");
            if add_card.clicked() {
                commands.push(Command::OpenAddCard);
            }
            if ui.button("Link PayPal…").clicked() {
                commands.push(Command::OpenAddPaypal);
            }
            let mut archived = self.show_archived;
            if ui
                .checkbox(&mut archived, "Show archived")
                .on_hover_text("Removed methods stay as history")
                .changed()
            {
                commands.push(Command::ShowArchived(archived));
            }
        });
        // L6: an expired or failed default is said, and the active methods offered.
        if let Some((d, active)) = &self.default_to_replace {
            egui::Frame::new()
                .fill(Color32::from_rgb(0x4a, 0x36, 0x10))
                .inner_margin(6.0)
                .show(ui, |ui| {
                    ui.label(
                        RichText::new(format!(
                            "The default {} is {}: choose the new default",
                            d.title(),
                            d.status.id()
                        ))
                        .color(Color32::WHITE),
                    );
                    ui.horizontal_wrapped(|ui| {
                        if active.is_empty() {
                            ui.label("No other method is active yet: verify one first");
                        }
                        for a in active {
                            if ui
                                .button(format!("Make {} the default", a.title()))
                                .clicked()
                            {
                                commands.push(Command::MakeDefault(a.id));
                            }
                        }
                    });
                });
        }
        ui.add_space(6.0);
        if self.methods.is_empty() {
            ui.label(format!(
                "No cards or PayPal accounts are linked to {} yet",
                account.label
            ));
            return;
        }
        let revealed = self.shown.as_ref().map(|s| Revealed {
            method: s.method,
            grouped: s.grouped.clone(),
            seconds_left: (s.until - ui.input(|i| i.time)).max(0.0).ceil() as u64,
        });
        methods_table_ui(
            ui,
            &TableView {
                rules: &self.row_rules,
                methods: &self.methods,
                verdicts: &self.verdicts,
                selected: self.detail.as_ref().map(|d| d.method),
                revealed: revealed.as_ref(),
                vault_available: vault_ok,
            },
            commands,
        );
    }

    fn central_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(n) = &self.notice {
                let mut dismiss = false;
                ui.horizontal(|ui| {
                    let color = if n.is_error { form::ERROR } else { form::OK };
                    ui.label(RichText::new(&n.text).color(color));
                    dismiss = ui.small_button("✕").on_hover_text("Dismiss").clicked();
                });
                if dismiss {
                    self.notice = None;
                }
                ui.separator();
            }
            if self.accounts.is_empty() {
                Self::empty_state_ui(ui, commands);
            } else if self.view == View::Matrix {
                matrix_ui(ui, &self.matrix, self.matrix_cell, commands);
            } else if self.view == View::Limits {
                let mut acts = Vec::new();
                limits_view::limits_ui(ui, &mut self.spending, &mut acts);
                commands.extend(acts.into_iter().map(Command::Spend));
            } else if self.view == View::Transactions {
                let mut acts = Vec::new();
                txn_view::transactions_ui(ui, &self.wallet, &mut self.spending, &mut acts);
                commands.extend(acts.into_iter().map(Command::Spend));
            } else if let Some(a) = self.selected_account() {
                self.account_ui(ui, a, commands);
                if let Some(d) = &self.detail {
                    ui.separator();
                    method_detail_ui(ui, d, &mut self.attempt_form, commands);
                }
            }
        });
    }

    /// The dialogs of the Limits and Transactions views.
    fn spending_dialog_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let mut acts = Vec::new();
        let methods: Vec<(MethodId, String)> = self
            .spending
            .methods
            .iter()
            .filter(|m| m.status != MethodStatus::Removed)
            .map(|m| (m.id, m.title()))
            .collect();
        let account = self.spending.account;
        let tz = self.spending.time_zone();
        match &mut self.spending.dialog {
            None => {}
            Some(SpendDialog::Txn(d)) => {
                txn_view::txn_dialog_ui(ctx, &self.wallet, tz, &methods, d, &mut acts);
            }
            Some(SpendDialog::Delete { id, text }) => {
                txn_view::delete_dialog_ui(ctx, *id, text, &mut acts);
            }
            Some(SpendDialog::Precheck(d)) => {
                if let Some(a) = account {
                    limits_view::precheck_dialog_ui(ctx, &self.wallet, a, d, &mut acts);
                }
            }
            Some(d @ SpendDialog::Override { .. }) => {
                limits_view::override_dialog_ui(ctx, d, &mut acts);
            }
            Some(d @ SpendDialog::Import(_)) => txn_view::import_dialog_ui(ctx, d, &mut acts),
            Some(d @ SpendDialog::Export { .. }) => txn_view::export_dialog_ui(ctx, d, &mut acts),
        }
        commands.extend(acts.into_iter().map(Command::Spend));
    }

    fn dialog_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let today = self.wallet.clock().today();
        match &mut self.dialog {
            None => {}
            Some(Dialog::Account(d)) => match d.ui(ctx) {
                Some(account_dialog::Outcome::Submit(draft)) => {
                    commands.push(Command::AddAccount(draft));
                }
                Some(account_dialog::Outcome::Cancel) => commands.push(Command::CloseDialog),
                None => {}
            },
            Some(Dialog::Card(d)) => {
                // Re-judge only when the draft changed, not every frame.
                if d.needs_check() {
                    let report = self
                        .wallet
                        .check_card(&d.draft, &Basis::Account(d.account), &Provider::ALL)
                        .map_err(|e| e.to_string());
                    d.report = Some((d.draft.clone(), report));
                }
                match d.ui(ctx, today) {
                    Some(card_dialog::Outcome::Submit(a, draft)) => {
                        commands.push(Command::AddCard(a, *draft));
                    }
                    Some(card_dialog::Outcome::Cancel) => commands.push(Command::CloseDialog),
                    None => {}
                }
            }
            Some(Dialog::Remove(d)) => d.ui(ctx, commands),
            Some(Dialog::Backup(d)) => d.ui(ctx, commands),
            Some(Dialog::MarkFailed {
                method,
                title,
                reason,
            }) => mark_failed_ui(ctx, *method, title, reason, commands),
            Some(Dialog::Paypal(d)) => match d.ui(ctx) {
                Some(paypal_dialog::Outcome::Submit(a, draft)) => {
                    commands.push(Command::AddPaypal(a, draft));
                }
                Some(paypal_dialog::Outcome::Cancel) => commands.push(Command::CloseDialog),
                None => {}
            },
        }
    }
}

/// "Mark failed…": why binding failed, kept with the method.
fn mark_failed_ui(
    ctx: &egui::Context,
    method: MethodId,
    title: &str,
    reason: &mut String,
    commands: &mut Vec<Command>,
) {
    egui::Modal::new(egui::Id::unique("mark_failed_dialog")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading(format!("Mark {title} failed"));
        let l = ui.label("Reason");
        let r = ui
            .add(
                egui::TextEdit::singleline(reason)
                    .hint_text("what the provider said")
                    .desired_width(380.0),
            )
            .labelled_by(l.id);
        if !r.has_focus() && reason.is_empty() {
            r.request_focus();
        }
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button("Mark failed").clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                commands.push(Command::SetStatus(
                    method,
                    MethodStatus::Failed,
                    reason.clone(),
                ));
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                commands.push(Command::CloseDialog);
            }
        });
    });
}

fn tier_badge_ui(ui: &mut Ui, tier: Tier) {
    let (fill, text) = match tier {
        Tier::Verified => (Color32::from_rgb(0x1f, 0x6f, 0x43), "Verified"),
        Tier::Unverified => (Color32::from_rgb(0x8a, 0x5a, 0x00), "Unverified"),
    };
    egui::Frame::new()
        .fill(fill)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(5, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(text).small().color(Color32::WHITE));
        });
}

impl eframe::App for WalletApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        let now = ctx.input(|i| i.time);
        self.expire_secrets(ctx, now);
        self.on_day_change();
        if self.spending.poll_job() {
            self.reload();
        }
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let now = ui.input(|i| i.time);
        let mut commands = Vec::new();
        self.keyboard(&ctx, &mut commands);
        self.damaged_ui(ui, &mut commands);
        self.banner_ui(ui);
        self.nav_ui(ui, &mut commands);
        self.reminders_ui(ui);
        self.status_bar_ui(ui, &mut commands);
        self.accounts_ui(ui, &mut commands);
        self.central_ui(ui, &mut commands);
        self.dialog_ui(&ctx, &mut commands);
        self.spending_dialog_ui(&ctx, &mut commands);
        for c in commands {
            self.apply(&ctx, c, now);
        }
    }

    /// A copied number does not outlive the window on the clipboard.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let Some(c) = self.copied.take() {
            self.clipboard.clear_if_holding(&c.digits);
        }
    }
}
