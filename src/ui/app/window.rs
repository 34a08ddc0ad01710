//! The window's own commands (menus, settings, theme and zoom, About, Quit)
//! and what it remembers between runs through eframe's storage: the view,
//! the account, "Show archived" and the transactions filter, for this database
//! only. Never a secret: no number, no revealed state, no dialog's contents.

use std::path::PathBuf;

use eframe::egui;
use serde::{Deserialize, Serialize};

use super::WalletApp;
use super::dialogs::Dialog;
use crate::domain::{AccountId, MethodId};
use crate::ui::about_window::About;
use crate::ui::check_card_dialog::CheckCardDialog;
use crate::ui::command::{Command, View, ZoomStep};
use crate::ui::menu::MenuState;
use crate::ui::settings_dialog::SettingsDialog;
use crate::wallet::{Setting, Theme, ZOOM_PERCENT, ZOOM_STEP};
use crate::words;

/// The key of the remembered state in eframe's storage.
pub(super) const STORAGE_KEY: &str = "walletdesk.window";

/// What the window remembers between runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Remembered {
    /// The database it was for: another database starts fresh.
    pub database: PathBuf,
    pub view: View,
    pub account: Option<i64>,
    pub show_archived: bool,
    pub filter: RememberedFilter,
}

/// The transactions filter as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RememberedFilter {
    pub text: String,
    pub ty: Option<String>,
    pub method: Option<i64>,
    pub from: String,
    pub until: String,
}

impl WalletApp {
    /// Where eframe keeps the window's state (shown in About).
    #[must_use]
    pub fn with_state_dir(mut self, dir: Option<PathBuf>) -> Self {
        self.state_dir = dir;
        self
    }

    /// The state to remember now.
    pub fn remembered(&self) -> Remembered {
        let f = &self.txns.filter;
        Remembered {
            database: self.wallet.path().to_owned(),
            view: self.view,
            account: self.selected.map(|a| a.0),
            show_archived: self.show_archived,
            filter: RememberedFilter {
                text: f.text.clone(),
                ty: f.ty.map(|t| t.id().to_owned()),
                method: f.method.map(|m| m.0),
                from: self.txns.from_text.clone(),
                until: self.txns.until_text.clone(),
            },
        }
    }

    /// Start where the last run on this database stopped (eframe's storage).
    #[must_use]
    pub fn restored_from(mut self, storage: Option<&dyn eframe::Storage>) -> Self {
        let Some(r) = storage.and_then(|s| eframe::get_value::<Remembered>(s, STORAGE_KEY)) else {
            return self;
        };
        if r.database != self.wallet.path() {
            return self;
        }
        self.show_archived = r.show_archived;
        self.selected = r.account.map(AccountId);
        self.reload();
        // An account that is gone leaves the first one shown, unfiltered.
        if self.selected.map(|a| a.0) == r.account && self.selected.is_some() {
            self.view = r.view;
            let f = &mut self.txns.filter;
            f.text = r.filter.text;
            f.ty = r
                .filter
                .ty
                .and_then(|t| crate::domain::txn::TxType::parse("type", &t).ok());
            f.method = r.filter.method.map(MethodId);
            self.txns.from_text = r.filter.from;
            self.txns.until_text = r.filter.until;
            self.filter_changed();
            if self.view == View::Matrix {
                self.load_matrix();
            }
        }
        self
    }

    /// What the menus need to know.
    pub(super) fn menu_state(&self) -> MenuState {
        MenuState {
            has_account: self.selected.is_some(),
            vault_available: self.wallet.vault().is_available(),
            show_archived: self.show_archived,
            dialog_open: self.dialog.is_some(),
            view: self.view,
            theme: self.settings.theme,
        }
    }

    /// The theme and zoom of the settings, applied when they change.
    pub(super) fn apply_look(&mut self, ctx: &egui::Context) {
        let look = (self.settings.theme, self.settings.zoom_percent);
        if self.look == Some(look) {
            return;
        }
        self.look = Some(look);
        ctx.set_theme(match look.0 {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        });
        ctx.set_zoom_factor(look.1 as f32 / 100.0);
    }

    fn save_settings(&mut self, changes: &[(Setting, String)]) -> bool {
        let zone = changes
            .iter()
            .find(|(s, _)| *s == Setting::TimeZone)
            .and_then(|(_, v)| v.parse().ok())
            .and_then(|tz| self.wallet.zone_change(tz).ok());
        match self.wallet.set_all(changes) {
            Ok(()) => {
                self.settings = self.wallet.settings();
                self.secrets.set_shown_secs(self.settings.reveal_seconds);
                self.info(match zone {
                    Some(z) => words::zone_changed(&z),
                    None => format!(
                        "Saved {}",
                        words::count(changes.len(), "setting", "settings")
                    ),
                });
                self.reload();
                true
            }
            Err(e) => {
                self.dialog_error(e.to_string());
                false
            }
        }
    }

    pub(super) fn apply_window(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenSettings => {
                self.settings = self.wallet.settings();
                self.dialog = Some(Dialog::Settings(Box::new(SettingsDialog::new(
                    &self.settings,
                ))));
            }
            Command::SaveSettings(changes) => {
                if self.save_settings(&changes) {
                    self.dialog = None;
                }
            }
            Command::SetTheme(t) => {
                // The window's new colours say it: no notice.
                if self.save_settings(&[(Setting::Theme, t.key().to_owned())]) {
                    self.notice = None;
                }
            }
            Command::Zoom(step) => {
                let now = self.settings.zoom_percent;
                let z = match step {
                    ZoomStep::In => now + ZOOM_STEP,
                    ZoomStep::Out => now.saturating_sub(ZOOM_STEP),
                    ZoomStep::Reset => 100,
                }
                .clamp(*ZOOM_PERCENT.start(), *ZOOM_PERCENT.end());
                if z != now && self.wallet.set(Setting::Zoom, &z.to_string()).is_ok() {
                    self.settings.zoom_percent = z;
                }
            }
            Command::OpenCheckCard => {
                self.dialog = Some(Dialog::CheckCard(Box::<CheckCardDialog>::default()));
            }
            Command::OpenShortcuts => self.shortcuts_open = true,
            Command::OpenAbout => {
                self.about = Some(About {
                    installation: self.wallet.installation(),
                    window_state: self.state_dir.clone(),
                    cjk_font: crate::system_fonts::cjk_font_name(),
                });
            }
            Command::OpenFolder(dir) => {
                if let Err(e) = crate::wallet::open_folder(&dir) {
                    self.error(e.to_string());
                }
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            other => self.error(format!("{other:?} is not a window command")),
        }
    }
}
