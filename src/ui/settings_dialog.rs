//! File → Settings…: every setting the CLI's `walletdesk setting set` changes,
//! in one form. The time zone is picked from a search-as-you-type list, and
//! what a new zone would change is shown before Save. Save writes every
//! changed value in one transaction, or none.

use chrono_tz::Tz;
use eframe::egui::{self, Grid, Id, RichText, ScrollArea, TextEdit};

use super::command::Command;
use super::form::{self, choice_row_ui, text_row_ui};
use crate::domain::FieldErrors;
use crate::wallet::{Setting, Settings, Theme, ZoneChange};
use crate::words;

/// The zoom presets offered (percent).
const ZOOMS: [u32; 9] = [75, 90, 100, 110, 125, 150, 175, 200, 250];

pub struct SettingsDialog {
    /// The values when the dialog opened: only what differs is saved.
    before: Settings,
    pub zone: Tz,
    pub zone_search: String,
    pub fee_threshold: String,
    pub reveal_seconds: String,
    pub backups_kept: String,
    pub theme: String,
    pub zoom: u32,
    /// What the chosen zone would change, worked out by the service between frames.
    pub zone_change: Option<(Tz, Result<ZoneChange, String>)>,
    pub error: Option<String>,
    /// The zone search gets the keyboard when the dialog opens.
    focused: bool,
}

impl SettingsDialog {
    pub fn new(s: &Settings) -> Self {
        SettingsDialog {
            before: s.clone(),
            zone: s.time_zone,
            zone_search: String::new(),
            fee_threshold: s
                .bank_fee_threshold
                .map(|t| t.to_string())
                .unwrap_or_default(),
            reveal_seconds: s.reveal_seconds.to_string(),
            backups_kept: s.backups_kept.to_string(),
            theme: s.theme.key().to_owned(),
            zoom: s.zoom_percent,
            zone_change: None,
            error: None,
            focused: false,
        }
    }

    /// Whether the zone's consequences are still to be worked out.
    pub fn needs_zone_change(&self) -> bool {
        self.zone != self.before.time_zone
            && self
                .zone_change
                .as_ref()
                .is_none_or(|(z, _)| *z != self.zone)
    }

    /// The settings whose value differs from when the dialog opened.
    pub fn changes(&self) -> Vec<(Setting, String)> {
        let b = &self.before;
        let mut out = Vec::new();
        if self.zone != b.time_zone {
            out.push((Setting::TimeZone, self.zone.name().to_owned()));
        }
        let fee = b
            .bank_fee_threshold
            .map(|t| t.to_string())
            .unwrap_or_default();
        if self.fee_threshold.trim() != fee {
            out.push((Setting::BankFeeThreshold, self.fee_threshold.clone()));
        }
        if self.reveal_seconds.trim() != b.reveal_seconds.to_string() {
            out.push((Setting::RevealSeconds, self.reveal_seconds.clone()));
        }
        if self.backups_kept.trim() != b.backups_kept.to_string() {
            out.push((Setting::BackupsKept, self.backups_kept.clone()));
        }
        if self.theme != b.theme.key() {
            out.push((Setting::Theme, self.theme.clone()));
        }
        if self.zoom != b.zoom_percent {
            out.push((Setting::Zoom, self.zoom.to_string()));
        }
        out
    }

    pub fn ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        form::Dialog::new(Id::unique("settings_dialog"), [640.0, 620.0]).show(ctx, |ui| {
            ui.heading("Settings");
            ui.label(
                RichText::new("Each is also set with `walletdesk setting set KEY VALUE`")
                    .small()
                    .weak(),
            );
            ui.add_space(6.0);
            self.zone_ui(ui);
            ui.add_space(6.0);
            Grid::new("settings_form")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    text_row_ui(
                        ui,
                        "Bank transfer fee above (CNY)",
                        &mut self.fee_threshold,
                        "empty: the limit book's figure (Q5)",
                        None,
                    );
                    text_row_ui(
                        ui,
                        "Show a revealed or copied number for (seconds)",
                        &mut self.reveal_seconds,
                        "5 to 600; 30 by default",
                        None,
                    );
                    text_row_ui(
                        ui,
                        "Automatic backups kept",
                        &mut self.backups_kept,
                        "1 to 1000; 10 by default",
                        None,
                    );
                    let themes: Vec<(&str, &str)> =
                        Theme::ALL.iter().map(|t| (t.key(), t.label())).collect();
                    choice_row_ui(ui, "Theme", &mut self.theme, &themes);
                    let zoom = ui.label("Zoom");
                    egui::ComboBox::from_id_salt("settings_zoom")
                        .selected_text(format!("{} %", self.zoom))
                        .show_ui(ui, |ui| {
                            for z in ZOOMS {
                                ui.selectable_value(&mut self.zoom, z, format!("{z} %"));
                            }
                        })
                        .response
                        .labelled_by(zoom.id);
                    ui.end_row();
                });
            let changes = self.changes();
            let submit = if changes.is_empty() {
                "Save".to_owned()
            } else {
                format!("Save {}", words::count(changes.len(), "change", "changes"))
            };
            match form::footer_ui(ui, self.error.as_deref(), &FieldErrors::default(), &submit) {
                Some(true) if changes.is_empty() => commands.push(Command::CloseDialog),
                Some(true) => commands.push(Command::SaveSettings(changes)),
                Some(false) => commands.push(Command::CloseDialog),
                None => {}
            }
        });
    }

    /// The time zone: the current one, a search field, the matching zones, and
    /// what the chosen one would change.
    fn zone_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label("Time zone of the limit windows and every time shown:");
            ui.strong(words::zone_full_name(self.zone));
        });
        let search = ui.label("Find a zone");
        let field = ui
            .add(
                TextEdit::singleline(&mut self.zone_search)
                    .hint_text("e.g. London, Tokyo, Hong Kong")
                    .desired_width(300.0),
            )
            .labelled_by(search.id);
        if !std::mem::replace(&mut self.focused, true) {
            field.request_focus();
        }
        let needle = self.zone_search.trim().to_lowercase().replace(' ', "_");
        ScrollArea::vertical()
            .id_salt("settings_zones")
            .max_height(150.0)
            .min_scrolled_height(150.0)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for tz in chrono_tz::TZ_VARIANTS {
                    let spoken = words::zone_name(tz).to_lowercase().replace(' ', "_");
                    if !needle.is_empty()
                        && !tz.name().to_lowercase().contains(&needle)
                        && !spoken.contains(&needle)
                    {
                        continue;
                    }
                    if ui.selectable_label(self.zone == tz, tz.name()).clicked() {
                        self.zone = tz;
                    }
                }
            });
        // Two lines kept for what the change does, so nothing below moves.
        let room = form::Reserve::lines(ui, 3);
        if self.zone != self.before.time_zone {
            match self.zone_change.as_ref().filter(|(z, _)| *z == self.zone) {
                Some((_, Ok(c))) => {
                    ui.label(RichText::new(words::zone_change(c)).color(form::warn(ui)));
                }
                Some((_, Err(e))) => {
                    ui.label(RichText::new(e).color(form::error(ui)));
                }
                None => {
                    ui.label(RichText::new("Working out what it changes…").weak());
                }
            }
        }
        room.end(ui);
    }
}
