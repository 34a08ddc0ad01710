//! "Remove account…": what removing (archiving) an account does, or, while it
//! still has live methods, the rule (L8) and a button per method to remove it.

use eframe::egui::{self, Id, RichText};

use super::command::Command;
use super::form;
use crate::domain::AccountId;
use crate::domain::lifecycle::{Refusal, Step};

pub struct RemoveAccountDialog {
    pub account: AccountId,
    pub label: String,
    /// What the service said when the dialog opened.
    pub check: Result<(), Refusal>,
    pub error: Option<String>,
}

impl RemoveAccountDialog {
    pub fn ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        form::Dialog::new(Id::unique("remove_account_dialog"), [540.0, 300.0]).show(ctx, |ui| {
            ui.heading(format!("Remove {}", self.label));
            ui.add_space(6.0);
            match &self.check {
                Ok(()) => {
                    ui.label(format!(
                        "{} will be archived: it leaves the list of accounts. Its payments stay \
                         in the history and still count towards the limits they fall under",
                        self.label
                    ));
                    ui.label("\"Show archived\" shows it again, with a button to bring it back");
                }
                Err(r) => {
                    ui.label(RichText::new("Not yet").strong().color(form::error(ui)))
                        .on_hover_text(format!("Rule {}", r.rule));
                    ui.label(&r.message);
                    ui.add_space(6.0);
                    for plan in &r.plans {
                        for step in &plan.0 {
                            if let Step::Remove { method, title } = step {
                                if ui.button(format!("Remove {title}…")).clicked() {
                                    commands.push(Command::OpenRemove(*method));
                                }
                            } else {
                                ui.label(step.to_string());
                            }
                        }
                    }
                    ui.label(RichText::new(format!("Rule {}", r.rule)).small().weak());
                }
            }
            form::message_block_ui(ui, 2, self.error.as_deref());
            ui.separator();
            ui.horizontal(|ui| {
                if self.check.is_ok() && ui.button("Remove account").clicked() {
                    commands.push(Command::ConfirmRemoveAccount(self.account));
                }
                let close = if self.check.is_ok() {
                    "Cancel"
                } else {
                    "Close"
                };
                if ui.button(close).clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    commands.push(Command::CloseDialog);
                }
            });
        });
    }
}
