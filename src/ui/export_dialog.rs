//! "Export CSV…": where to write the account's payments.

use eframe::egui::{self, Id, TextEdit};

use std::path::PathBuf;

use super::command::Command;
use super::form;
use crate::wallet::Job;

pub struct ExportDialog {
    pub path: String,
    pub error: Option<String>,
    /// The system's file dialog, open in the background.
    pub chooser: Option<Job<PathBuf>>,
}

pub fn export_dialog_ui(ctx: &egui::Context, d: &mut ExportDialog, commands: &mut Vec<Command>) {
    let ExportDialog {
        path,
        error,
        chooser,
    } = d;
    form::Dialog::new(Id::unique("export_dialog"), [560.0, 140.0]).show(ctx, |ui| {
        ui.heading("Export payments (CSV)");
        ui.horizontal(|ui| {
            let l = ui.label("Save to");
            ui.add(TextEdit::singleline(path).desired_width(330.0))
                .labelled_by(l.id);
            if ui
                .add_enabled(chooser.is_none(), egui::Button::new("Choose…"))
                .on_hover_text("The system's file dialog")
                .clicked()
            {
                commands.push(Command::ChooseExportFile);
            }
        });
        form::message_block_ui(ui, 2, error.as_deref());
        ui.horizontal(|ui| {
            if ui.button("Export").clicked() {
                commands.push(Command::Export(path.clone()));
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                commands.push(Command::CloseDialog);
            }
        });
    });
}
