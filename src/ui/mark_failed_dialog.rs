//! "Mark failed…": why binding failed, kept with the method.

use eframe::egui;

use super::command::Command;
use super::form;
use crate::domain::{MethodId, MethodStatus};

pub struct MarkFailedDialog {
    pub method: MethodId,
    pub title: String,
    pub reason: String,
}

pub fn mark_failed_dialog_ui(
    ctx: &egui::Context,
    d: &mut MarkFailedDialog,
    commands: &mut Vec<Command>,
) {
    form::Dialog::new(egui::Id::unique("mark_failed_dialog"), [440.0, 130.0]).show(ctx, |ui| {
        ui.heading(format!("Mark {} failed", d.title));
        let l = ui.label("Reason");
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut d.reason)
                    .hint_text("what the provider said")
                    .desired_width(380.0),
            )
            .labelled_by(l.id);
        if !r.has_focus() && d.reason.is_empty() {
            r.request_focus();
        }
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button("Mark failed").clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                commands.push(Command::SetStatus(
                    d.method,
                    MethodStatus::Failed,
                    d.reason.clone(),
                ));
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                commands.push(Command::CloseDialog);
            }
        });
    });
}
