//! "Set my figure…": replace a published figure for this account.

use eframe::egui::{self, Id, RichText, TextEdit};

use super::command::Command;
use super::form;

pub struct OverrideDialog {
    /// The limit's key in the book.
    pub key: String,
    pub name: String,
    /// The rule id the limit comes from (docs/rules.md), shown small.
    pub rule: String,
    pub amount: String,
    pub published: String,
    pub error: Option<String>,
}

/// "Set my figure…": replace a published figure for this account.
pub fn override_dialog_ui(
    ctx: &egui::Context,
    d: &mut OverrideDialog,
    commands: &mut Vec<Command>,
) {
    let OverrideDialog {
        key,
        name,
        rule,
        amount,
        published,
        error,
    } = d;
    form::Dialog::new(Id::unique("override_dialog"), [480.0, 170.0]).show(ctx, |ui| {
        ui.heading("Your figure for this limit");
        ui.label(name.as_str());
        ui.label(RichText::new(format!("Published: {published}")).weak());
        ui.label(RichText::new(format!("Rule {rule}")).small().weak());
        ui.horizontal(|ui| {
            let l = ui.label("Figure");
            let r = ui
                .add(TextEdit::singleline(amount).desired_width(140.0))
                .labelled_by(l.id);
            // The figure takes the keyboard when the dialog opens.
            if ui.memory(|m| m.focused().is_none()) {
                r.request_focus();
            }
        });
        form::message_block_ui(ui, 2, error.as_deref());
        ui.horizontal(|ui| {
            if ui.button("Save figure").clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                commands.push(Command::SaveOverride(key.clone(), Some(amount.clone())));
            }
            if ui.button("Back to published").clicked() {
                commands.push(Command::SaveOverride(key.clone(), None));
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                commands.push(Command::CloseDialog);
            }
        });
    });
}
