//! Around the views: the banners (damaged database, no secret store, cards
//! expiring), the view tabs, the status bar and the notice line.

use std::path::Path;

use eframe::egui::{self, RichText, Ui};

use super::command::{Command, View};
use super::form;
use super::palette::{Palette, Tone};
use crate::domain::Method;
use crate::domain::lifecycle::ExpiryReminder;
use crate::vault::{self, Vault};
use crate::wallet::StartReport;

/// A one-line message at the top of the central panel.
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// The last action's message, with a button to dismiss it.
pub fn notice_ui(ui: &mut Ui, notice: Option<&Notice>, commands: &mut Vec<Command>) {
    let Some(n) = notice else {
        return;
    };
    ui.horizontal(|ui| {
        let color = if n.is_error {
            form::error(ui)
        } else {
            form::ok(ui)
        };
        ui.label(RichText::new(&n.text).color(color));
        if ui.small_button("✕").on_hover_text("Dismiss").clicked() {
            commands.push(Command::DismissNotice);
        }
    });
    ui.separator();
}

/// A damaged database: writes are refused; the latest backup is offered.
pub fn damaged_ui(ui: &mut Ui, start: &StartReport, commands: &mut Vec<Command>) {
    let Some(problem) = &start.damaged else {
        return;
    };
    let (fill, ink) = Palette::of_ui(ui).banner(Tone::Error);
    egui::Panel::top("damaged_database")
        .frame(egui::Frame::new().fill(fill).inner_margin(8.0))
        .show(ui, |ui| {
            ui.label(
                RichText::new("The database is damaged: walletdesk will not write to it")
                    .strong()
                    .color(ink),
            );
            ui.label(RichText::new(problem).color(ink));
            ui.horizontal(|ui| match &start.latest_backup {
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
                            .color(ink),
                    );
                }
            });
        });
}

/// No secret store: what that means and how to fix it.
pub fn no_secret_store_ui(ui: &mut Ui, status: &vault::Status) {
    let vault::Status::Unavailable { reason, fix } = status else {
        return;
    };
    let (fill, ink) = Palette::of_ui(ui).banner(Tone::Error);
    egui::Panel::top("no_secret_store")
        .frame(egui::Frame::new().fill(fill).inner_margin(8.0))
        .show(ui, |ui| {
            ui.label(
                RichText::new("No secret store: card numbers cannot be saved or shown")
                    .strong()
                    .color(ink),
            );
            ui.label(RichText::new(reason.to_string()).color(ink));
            ui.label(RichText::new(format!("How to fix: {fix}")).color(ink));
            ui.label(
                RichText::new("Your accounts and masked cards are listed as usual; no number is ever written anywhere else instead")
                    .small()
                    .color(ink),
            );
        });
}

/// The four views.
pub fn nav_ui(ui: &mut Ui, current: View, commands: &mut Vec<Command>) {
    egui::Panel::top("nav").show(ui, |ui| {
        ui.horizontal(|ui| {
            for view in View::ALL {
                if ui.selectable_label(current == view, view.name()).clicked() && current != view {
                    commands.push(Command::ShowView(view));
                }
            }
        });
    });
}

/// "2 cards expire soon": this month or within 60 days, across accounts.
pub fn reminders_ui(ui: &mut Ui, reminders: &[(Method, String, ExpiryReminder)]) {
    if reminders.is_empty() {
        return;
    }
    egui::Panel::top("expiry_reminders").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!(
                    "{} card{} expire{} soon:",
                    reminders.len(),
                    if reminders.len() == 1 { "" } else { "s" },
                    if reminders.len() == 1 { "s" } else { "" }
                ))
                .color(form::warn(ui))
                .strong(),
            );
            for (m, label, r) in reminders {
                let when = match r {
                    ExpiryReminder::ThisMonth => "this month".to_owned(),
                    ExpiryReminder::WithinDays(d) => {
                        format!("in {}", crate::words::count(*d, "day", "days"))
                    }
                };
                ui.label(format!("{} ({label}) {when}", m.title()));
            }
        });
    });
}

/// The database and the secret store in use, and "Backups…".
pub fn status_bar_ui(ui: &mut Ui, database: &Path, vault: &Vault, commands: &mut Vec<Command>) {
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
            ui.label(database.display().to_string());
            ui.separator();
            ui.label(RichText::new("Secret store").weak());
            let store = vault.describe();
            if vault.is_available() {
                ui.label(store);
            } else {
                ui.label(RichText::new(store).color(form::error(ui)));
            }
        });
    });
}

/// While a file is dragged over the window: where dropping it goes.
pub fn drop_hint_ui(ctx: &egui::Context, account: Option<&str>) {
    if ctx.input(|i| i.raw.hovered_files.is_empty()) {
        return;
    }
    let text = match account {
        Some(label) => format!("Drop the file to import its payments into {label}"),
        None => "Add an account first: a file is imported into an account".to_owned(),
    };
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop_hint"),
    ));
    let rect = ctx.content_rect();
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(170));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::FontId::proportional(20.0),
        egui::Color32::WHITE,
    );
}
