//! "Delete…" a payment: what it was, and a confirmation.

use eframe::egui::{self, Id, RichText};

use super::form;

use super::command::Command;
use crate::domain::TxnId;

pub struct DeleteTxnDialog {
    pub id: TxnId,
    /// The payment in a sentence.
    pub text: String,
}

pub fn delete_txn_dialog_ui(ctx: &egui::Context, d: &DeleteTxnDialog, commands: &mut Vec<Command>) {
    let DeleteTxnDialog { id, text } = d;
    form::Dialog::new(Id::unique("delete_txn_dialog"), [440.0, 100.0]).show(ctx, |ui| {
        ui.heading("Delete payment?");
        ui.label(text);
        ui.label(RichText::new("The limits count it no more. This cannot be undone.").weak());
        ui.horizontal(|ui| {
            if ui.button("Delete payment").clicked() {
                commands.push(Command::ConfirmDelete(*id));
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                commands.push(Command::CloseDialog);
            }
        });
    });
}
