//! The selected method: why it will or won't bind (its own provider in full, the
//! others in a row), its bind attempts, and a form to record one.

use eframe::egui::{self, RichText, Ui};

use super::command::Command;
use super::form::{self, choice_row_ui};
use super::verdict::{compact_row_ui, result_ui};
use crate::domain::{MethodStatus, Outcome};
use crate::wallet::{MethodScreen as Detail, ProviderResult};

/// The "Record attempt" form.
pub struct AttemptForm {
    pub outcome: String,
    pub error: String,
}

impl Default for AttemptForm {
    fn default() -> Self {
        AttemptForm {
            outcome: Outcome::Failed.id().into(),
            error: String::new(),
        }
    }
}

pub fn method_detail_ui(
    ui: &mut Ui,
    d: &Detail,
    form: &mut AttemptForm,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading(&d.title);
        if ui
            .small_button("✕")
            .on_hover_text("Close the details")
            .clicked()
        {
            commands.push(Command::CloseDetail);
        }
        if matches!(d.status, MethodStatus::Pending | MethodStatus::Failed)
            && ui
                .button("Mark verified")
                .on_hover_text("The provider shows it Active: the pre-authorization succeeded")
                .clicked()
        {
            commands.push(Command::SetStatus(
                d.method,
                MethodStatus::Active,
                String::new(),
            ));
        }
        if matches!(d.status, MethodStatus::Pending | MethodStatus::Active)
            && ui.button("Mark failed…").clicked()
        {
            commands.push(Command::OpenMarkFailed(d.method));
        }
    });
    if let Some(reason) = &d.status_reason {
        ui.label(RichText::new(format!("Failed: {reason}")).color(form::error(ui)));
    }
    if let Some(p) = &d.preauth {
        let text = format!(
            "USD 1.00 hold placed {}; the refund starts by {} and should appear by {}",
            p.placed_at.format("%Y-%m-%d"),
            p.refund_starts_by.format("%Y-%m-%d %H:%M"),
            p.refund_expected_by.format("%Y-%m-%d")
        );
        if p.overdue {
            ui.label(
                RichText::new(format!(
                    "{text}. 30 days have passed: check your statement, and ask your bank to release the hold"
                ))
                .color(form::warn(ui)),
            );
        } else {
            ui.label(RichText::new(text).weak());
        }
    }
    ui.columns(2, |cols| {
        let (left, right) = cols.split_at_mut(1);
        let left = &mut left[0];
        let right = &mut right[0];
        egui::ScrollArea::vertical()
            .id_salt("method_detail_flags")
            .show(left, |ui| {
                let (own, others): (Vec<_>, Vec<_>) =
                    d.results.iter().partition(|r| r.provider == d.provider);
                for r in own {
                    result_ui(ui, r);
                }
                ui.separator();
                ui.label(RichText::new("Elsewhere").strong());
                let others: Vec<ProviderResult> = others.into_iter().cloned().collect();
                compact_row_ui(ui, &others);
            });
        attempts_ui(right, d, form, commands);
    });
}

fn attempts_ui(ui: &mut Ui, d: &Detail, form: &mut AttemptForm, commands: &mut Vec<Command>) {
    ui.label(RichText::new(format!("Attempts to bind it to {}", d.provider.name())).strong());
    if d.attempts.is_empty() {
        ui.label(RichText::new("None recorded").weak());
    }
    for a in d.attempts.iter().take(8) {
        ui.horizontal_wrapped(|ui| {
            let (text, color) = match a.outcome {
                Outcome::Ok => ("bound", form::ok(ui)),
                Outcome::Failed => ("failed", form::error(ui)),
            };
            ui.label(RichText::new(text).color(color));
            ui.label(a.at.format("%Y-%m-%d %H:%M").to_string());
            if let Some(e) = &a.error {
                ui.label(RichText::new(format!("“{e}”")).italics());
            }
        });
    }
    if d.status == MethodStatus::Removed {
        return;
    }
    ui.add_space(6.0);
    egui::Grid::new("attempt_form")
        .num_columns(2)
        .show(ui, |ui| {
            choice_row_ui(
                ui,
                "Outcome",
                &mut form.outcome,
                &[("ok", "Bound"), ("failed", "Failed")],
            );
            let l = ui.label("Error shown");
            ui.add(
                egui::TextEdit::singleline(&mut form.error)
                    .hint_text("what the app said, if it failed")
                    .desired_width(220.0),
            )
            .labelled_by(l.id);
            ui.end_row();
        });
    if ui
        .button("Record attempt")
        .on_hover_text("Three failures within 24 hours raise A4: stop retrying")
        .clicked()
    {
        let outcome = Outcome::from_id(&form.outcome).unwrap_or(Outcome::Failed);
        commands.push(Command::RecordAttempt(
            d.method,
            outcome,
            form.error.clone(),
        ));
    }
}
