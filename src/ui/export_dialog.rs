//! "Export CSV…": where to write the account's payments.

use eframe::egui::{self, Id, TextEdit};

use super::command::Command;
use super::form;

pub struct ExportDialog {
    pub path: String,
    pub error: Option<String>,
}

pub fn export_dialog_ui(ctx: &egui::Context, d: &mut ExportDialog, commands: &mut Vec<Command>) {
    let ExportDialog { path, error } = d;
    form::Dialog::new(Id::unique("export_dialog"), [560.0, 140.0]).show(ctx, |ui| {
        ui.heading("Export payments (CSV)");
        ui.horizontal(|ui| {
            let l = ui.label("Save to");
            ui.add(TextEdit::singleline(path).desired_width(400.0))
                .labelled_by(l.id);
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
