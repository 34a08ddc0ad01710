//! The main window. `logic` refreshes what the service hands over (screens, live
//! answers in dialogs, list pages, job results) between frames; `ui` draws the
//! panels, which push `Command`s; `command_handling` carries them out after
//! drawing. Nothing here runs SQL, reads files or starts threads.

mod command_handling;
mod dialogs;
mod keyboard;
mod secrets;
mod spending_commands;
mod window;

pub use window::{Remembered, RememberedFilter};

use eframe::egui::{self, Ui};

use self::dialogs::Dialog;
use self::secrets::Secrets;
use super::about_window::{About, about_window_ui};
use super::accounts_view::{self, AccountView};
use super::chrome::{self, Notice};
use super::command::{Command, View};
use super::limits_view::{self, LimitsState};
use super::matrix::matrix_ui;
use super::menu::{self, menu_bar_ui};
use super::method_detail::{AttemptForm, method_detail_ui};
use super::transactions_view::{TxnList, transactions_ui};
use crate::Wallet;
use crate::domain::{AccountId, MethodId, Provider};
use crate::wallet::{AccountScreen, MatrixRow, MethodScreen, Settings, StartReport, Theme};
use crate::words;

pub struct WalletApp {
    wallet: Wallet,
    /// The accounts, the selected one's methods and the reminders (the service's).
    screen: AccountScreen,
    /// The account asked for; the screen says which one is shown.
    selected: Option<AccountId>,
    show_archived: bool,
    view: View,
    detail: Option<MethodScreen>,
    attempt_form: AttemptForm,
    matrix: Vec<MatrixRow>,
    matrix_cell: Option<(MethodId, Provider)>,
    limits: LimitsState,
    txns: TxnList,
    dialog: Option<Dialog>,
    secrets: Secrets,
    notice: Option<Notice>,
    /// The day the data was last judged on; a new day re-runs expiry.
    today: chrono::NaiveDate,
    /// What the checks on start found (damage, missing numbers).
    start: StartReport,
    /// The integrity check the start left unfinished, running to its end.
    integrity: Option<crate::wallet::Job<Option<String>>>,
    /// Every setting, as the service last gave them.
    settings: Settings,
    /// The theme and zoom applied to the context (applied again when they change).
    look: Option<(Theme, u32)>,
    /// Help → About, while open.
    about: Option<About>,
    /// Help → Keyboard shortcuts, while open.
    shortcuts_open: bool,
    /// Where eframe keeps what the window remembers.
    state_dir: Option<std::path::PathBuf>,
    /// The window's time (seconds) at the start of this frame.
    now: f64,
}

impl WalletApp {
    pub fn new(wallet: Wallet) -> Self {
        let settings = wallet.settings();
        let mut app = WalletApp {
            wallet,
            screen: AccountScreen::default(),
            selected: None,
            show_archived: false,
            view: View::Accounts,
            detail: None,
            attempt_form: AttemptForm::default(),
            matrix: Vec::new(),
            matrix_cell: None,
            limits: LimitsState::default(),
            txns: TxnList::default(),
            dialog: None,
            secrets: Secrets::default(),
            notice: None,
            today: chrono::NaiveDate::MIN,
            start: StartReport::default(),
            integrity: None,
            settings,
            look: None,
            about: None,
            shortcuts_open: false,
            state_dir: None,
            now: 0.0,
        };
        app.secrets.set_shown_secs(app.settings.reveal_seconds);
        app.reload();
        app
    }

    /// The window after the checks on start: a damaged database is announced
    /// with its latest backup; missing card numbers are counted.
    pub fn with_start_report(mut self, report: StartReport) -> Self {
        if !report.numbers_missing.is_empty() {
            self.error(words::numbers_missing(report.numbers_missing.len()));
        }
        // A large database's check did not finish before the first frame: it
        // goes on off the window's thread; damage found stops writes then.
        if !report.integrity_checked && report.damaged.is_none() {
            self.integrity = Some(self.wallet.start_integrity_check());
        }
        self.start = report;
        self
    }

    /// The unfinished start check's result, once it is in.
    fn poll_integrity(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.integrity else {
            return;
        };
        let Some(result) = job.poll() else {
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
            return;
        };
        self.integrity = None;
        match result {
            Ok(crate::wallet::Finished::Done(Some(problem))) => {
                self.start = self.wallet.found_damaged(problem);
                self.allow_indexing();
            }
            Ok(_) => {
                self.start.integrity_checked = true;
                self.allow_indexing();
            }
            Err(e) => self.error(words::integrity_check_failed(&e.to_string())),
        }
    }

    /// Copy hands numbers to egui's output instead of the system clipboard: for
    /// tests, so that nothing reaches the desktop's clipboard.
    #[must_use]
    pub fn without_system_clipboard(mut self) -> Self {
        self.secrets.use_egui_clipboard();
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

    /// Ask the service for every screen again (after a change, not per frame).
    fn reload(&mut self) {
        match self
            .wallet
            .account_screen(self.selected, self.show_archived)
        {
            Ok(s) => self.screen = s,
            Err(e) => self.error(format!("Could not read the accounts: {e}")),
        }
        self.selected = self.screen.selected;
        if self.txns.filter.account != self.selected {
            // Another account: its list starts unfiltered.
            self.txns = TxnList::default();
        }
        // The details panel follows the list: a method of another account
        // (after switching, adding or removing accounts) is closed, not kept.
        if let Some(id) = self.detail.as_ref().map(|d| d.method) {
            if self.screen.methods.iter().any(|l| l.method.id == id) {
                self.load_detail(id);
            } else {
                self.detail = None;
            }
        }
        if self.view == View::Matrix {
            self.load_matrix();
        }
        self.load_spending();
    }

    /// The Limits screen and the count of the transactions list.
    fn load_spending(&mut self) {
        let Some(a) = self.selected else {
            self.limits.screen = None;
            return;
        };
        match self.wallet.limits_screen(a) {
            Ok(s) => {
                self.limits.screen = Some(s);
                self.limits.error = None;
            }
            Err(e) => self.limits.error = Some(format!("Could not read the limits: {e}")),
        }
        self.txns.filter.account = Some(a);
        self.count_txns();
    }

    /// The list's count and total, added up by the service's worker for the
    /// filter (asked at the next frame, answered off the window's thread).
    fn count_txns(&mut self) {
        self.txns.recount_at(self.now);
    }

    fn load_detail(&mut self, id: MethodId) {
        match self.wallet.method_screen(id) {
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

    /// On a new day: cards whose month ended become expired, reminders move.
    fn on_day_change(&mut self) {
        let today = self.wallet.clock().today();
        if today == self.today {
            return;
        }
        self.today = today;
        match self.wallet.expire_due() {
            Ok(expired) if !expired.is_empty() => self.info(words::cards_expired(expired.len())),
            Ok(_) => {}
            Err(e) => self.error(format!("Could not mark expired cards: {e}")),
        }
        self.reload();
    }

    /// The list's worker indexes new rows for search only in a database whose
    /// integrity check has passed (it writes).
    fn allow_indexing(&self) {
        if let Some(l) = &self.txns.lister {
            l.set_indexing(self.start.integrity_checked && self.start.damaged.is_none());
        }
    }

    /// The list's count and the pages the table asked for: asked of the
    /// service's worker, collected as they arrive. Returns whether more is to come.
    fn list_step(&mut self) -> bool {
        if self.txns.lister.is_none() {
            self.txns.lister = Some(self.wallet.lister());
            self.allow_indexing();
        }
        self.txns.step(self.now)
    }

    fn central_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        egui::CentralPanel::default().show(ui, |ui| {
            chrome::notice_ui(ui, self.notice.as_ref(), commands);
            if self.screen.accounts.is_empty() {
                if self.screen.archived > 0 {
                    // Every account was removed: they can still be shown.
                    accounts_view::only_archived_ui(ui, self.screen.archived, commands);
                } else {
                    accounts_view::empty_state_ui(ui, commands);
                }
                return;
            }
            match self.view {
                View::Matrix => matrix_ui(ui, &self.matrix, self.matrix_cell, commands),
                View::Limits => limits_view::limits_ui(ui, &mut self.limits, commands),
                View::Transactions => {
                    transactions_ui(ui, &mut self.txns, self.limits.screen.as_ref(), commands);
                }
                View::Accounts => {
                    let Some(a) = self.screen.account() else {
                        return;
                    };
                    let revealed = self.secrets.revealed(ui.input(|i| i.time));
                    let view = AccountView {
                        screen: &self.screen,
                        show_archived: self.show_archived,
                        vault_available: self.wallet.vault().is_available(),
                        selected_method: self.detail.as_ref().map(|d| d.method),
                        revealed: revealed.as_ref(),
                        reveal_secs: self.settings.reveal_seconds,
                    };
                    accounts_view::account_ui(ui, a, &view, commands);
                    if let Some(d) = &self.detail {
                        ui.separator();
                        method_detail_ui(ui, d, &mut self.attempt_form, commands);
                    }
                }
            }
        });
    }
}

impl eframe::App for WalletApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.now = ctx.input(|i| i.time);
        self.apply_look(ctx);
        self.secrets.expire(ctx);
        self.on_day_change();
        self.poll_integrity(ctx);
        if self.poll_job() {
            self.reload();
        }
        if let Some(c) = self.poll_chooser() {
            self.apply(ctx, c);
        }
        // A file dropped onto the window is imported into the shown account.
        let dropped = ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_owned()));
        if let Some(path) = dropped {
            self.apply(ctx, Command::DroppedFile(path));
        }
        if self.dialog_is_waiting() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        self.refresh_dialog();
        if self.list_step() {
            ctx.request_repaint();
        }
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        let state = self.menu_state();
        menu::shortcut_commands(&ctx, &state, &mut commands);
        self.keyboard(&ctx, &mut commands);
        menu_bar_ui(ui, &state, &mut commands);
        chrome::damaged_ui(ui, &self.start, &mut commands);
        chrome::no_secret_store_ui(ui, self.wallet.vault().status());
        if !self.screen.accounts.is_empty() {
            chrome::nav_ui(ui, self.view, &mut commands);
        }
        chrome::reminders_ui(ui, &self.screen.reminders);
        chrome::status_bar_ui(ui, self.wallet.path(), self.wallet.vault(), &mut commands);
        accounts_view::accounts_panel_ui(ui, &self.screen, &mut commands);
        self.central_ui(ui, &mut commands);
        self.dialog_ui(&ctx, &mut commands);
        if let Some(a) = &self.about {
            let mut open = true;
            about_window_ui(&ctx, a, &mut open, &mut commands);
            if !open {
                self.about = None;
            }
        }
        menu::shortcuts_window_ui(&ctx, &mut self.shortcuts_open);
        chrome::drop_hint_ui(&ctx, self.screen.account().map(|a| a.label.as_str()));
        for c in commands {
            self.apply(&ctx, c);
        }
        // What was drawn from asks for more: a dialog's live answer, list pages.
        if self.txns.is_waiting() || self.dialog_is_stale() {
            ctx.request_repaint();
        }
    }

    /// The view, account and filter, for the next start on this database.
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, window::STORAGE_KEY, &self.remembered());
    }

    /// A copied number does not outlive the window on the clipboard.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.secrets.clear_clipboard();
    }
}
