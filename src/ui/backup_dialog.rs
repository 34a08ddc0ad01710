//! "Backups…": back up to a file, the automatic backups with Restore…, and a
//! confirmation before a restore replaces what is open. Card numbers are not in
//! backups: they stay in the OS keyring (said in the dialog).

use std::path::PathBuf;

use eframe::egui::{self, Id, RichText};

use super::command::Command;
use super::form;
use crate::wallet::BackupFile;

pub struct BackupDialog {
    /// Where "Back up" writes, as typed.
    pub path: String,
    pub backups: Vec<BackupFile>,
    /// The backup a restore is being confirmed for.
    pub confirm: Option<PathBuf>,
    pub error: Option<String>,
    pub done: Option<String>,
}

impl BackupDialog {
    pub fn new(backups: Vec<BackupFile>, suggested: String) -> Self {
        BackupDialog {
            path: suggested,
            backups,
            confirm: None,
            error: None,
            done: None,
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        form::Dialog::new(Id::unique("backup_dialog"), [640.0, 440.0]).show(ctx, |ui| {
            if let Some(file) = self.confirm.clone() {
                self.confirm_ui(ui, &file, commands);
                return;
            }
            ui.heading("Backups");
            ui.label(
                RichText::new(
                    "Backups hold your accounts, cards (masked) and payments, never the full card numbers: those stay in your OS keyring",
                )
                .small(),
            );
            ui.add_space(6.0);
            let l = ui.label("Back up to");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.path)
                        .hint_text("/home/you/walletdesk-backup.sqlite")
                        .desired_width(480.0),
                )
                .labelled_by(l.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Back up").clicked() || enter) && !self.path.trim().is_empty() {
                commands.push(Command::BackupTo(PathBuf::from(self.path.trim())));
            }
            ui.separator();
            ui.label(RichText::new("Automatic backups (before migrations, imports and restores, and once a day)").strong());
            egui::ScrollArea::vertical().max_height(220.0).show(ui, |ui| {
                if self.backups.is_empty() {
                    ui.label(RichText::new("None yet").weak());
                }
                for b in &self.backups {
                    ui.horizontal(|ui| {
                        ui.label(b.at.format("%Y-%m-%d %H:%M UTC").to_string());
                        ui.label(RichText::new(&b.reason).weak());
                        if ui
                            .button("Restore…")
                            .on_hover_text(b.path.display().to_string())
                            .clicked()
                        {
                            self.confirm = Some(b.path.clone());
                        }
                    });
                }
            });
            // Space kept for messages, so buttons do not move.
            ui.add_sized([600.0, 36.0], |ui: &mut egui::Ui| {
                ui.vertical(|ui| {
                    if let Some(e) = &self.error {
                        ui.label(RichText::new(e).color(form::error(ui)));
                    } else if let Some(d) = &self.done {
                        ui.label(d);
                    }
                })
                .response
            });
            ui.separator();
            if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                commands.push(Command::CloseDialog);
            }
        });
    }

    fn confirm_ui(
        &mut self,
        ui: &mut egui::Ui,
        file: &std::path::Path,
        commands: &mut Vec<Command>,
    ) {
        ui.heading("Restore this backup?");
        ui.label(format!(
            "Everything in the open database is replaced by {}",
            file.display()
        ));
        ui.label(
            "What is there now is kept first, as a backup in the same folder: you can restore it again",
        );
        ui.label(
            RichText::new("Card numbers are not in backups: a card whose number is no longer in the keyring is marked")
                .small(),
        );
        form::message_block_ui(ui, 2, self.error.as_deref());
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                commands.push(Command::Restore(file.to_owned()));
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                self.confirm = None;
                self.error = None;
            }
        });
    }
}
