//! "Remove…": confirmation of what removal does, or, when a rule refuses it, the
//! rule and the plan that makes it possible, as buttons where the app can do
//! the steps (L3: set another default first; L6: choose the new default).

use eframe::egui::{self, Id, RichText};

use super::command::Command;
use super::form;
use crate::domain::MethodId;
use crate::domain::lifecycle::{Refusal, Removal, Step};

pub struct RemoveDialog {
    pub method: MethodId,
    pub title: String,
    pub is_card: bool,
    /// What the service said; after a plan was chosen, what confirming does.
    pub check: Result<Removal, Refusal>,
    /// The method a chosen plan makes the default (nothing changes before "Remove").
    pub new_default_title: Option<String>,
    pub error: Option<String>,
}

impl RemoveDialog {
    pub fn ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        form::Dialog::new(Id::unique("remove_dialog"), [540.0, 320.0]).show(ctx, |ui| {
            ui.heading(format!("Remove {}", self.title));
            ui.add_space(6.0);
            match &self.check {
                Ok(removal) => {
                    if let (Some(_), Some(t)) = (removal.new_default, &self.new_default_title) {
                        ui.label(format!("{t} becomes the default"));
                    }
                    ui.label(format!(
                        "{} will be archived: it leaves the list, its history stays{}",
                        self.title,
                        if self.is_card {
                            ", and its full number is deleted from the secret store"
                        } else {
                            ""
                        }
                    ));
                    ui.label(RichText::new("This cannot be undone").strong());
                }
                Err(r) => refusal_ui(ui, self.method, r, commands),
            }
            form::message_block_ui(ui, 2, self.error.as_deref());
            ui.separator();
            ui.horizontal(|ui| {
                if let Ok(removal) = &self.check
                    && ui.button("Remove").clicked()
                {
                    // Both steps of a plan happen here, in one transaction, or not at all.
                    commands.push(Command::ConfirmRemove(self.method, removal.new_default));
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

/// Why removal is refused, and each way through.
fn refusal_ui(ui: &mut egui::Ui, method: MethodId, r: &Refusal, commands: &mut Vec<Command>) {
    // Words first; the rule's id in small print.
    ui.label(RichText::new("Not yet").strong().color(form::error(ui)));
    ui.label(&r.message);
    ui.label(RichText::new(format!("Rule {}", r.rule)).small().weak());
    ui.add_space(6.0);
    for plan in &r.plans {
        if !plan.is_doable() {
            ui.label(RichText::new("What you can do").strong());
            for step in &plan.0 {
                ui.label(format!("• {}", capitalise(&step.to_string())));
            }
            continue;
        }
        match plan.0.as_slice() {
            // L6: remove and name the new default in one step.
            [
                Step::Remove { .. },
                Step::MakeDefault { method: new, title },
            ] => {
                if ui
                    .button(format!("Remove and make {title} the default"))
                    .clicked()
                {
                    commands.push(Command::ConfirmRemove(method, Some(*new)));
                }
            }
            // L3: make another method the default, then remove: asked for
            // confirmation first, both done in one step.
            [Step::MakeDefault { method: new, .. }, Step::Remove { .. }] => {
                if ui.button(format!("{plan}…")).clicked() {
                    commands.push(Command::PlanRemove(method, *new));
                }
            }
            _ => {
                ui.label(plan.to_string());
            }
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
