//! "Check a payment…": which limits a payment would break, its fee, and the
//! method to pay with, answered as the person types (the service answers
//! between frames).

use eframe::egui::{self, Grid, Id, RichText, TextEdit, Ui};

use super::command::Command;
use super::form;
use crate::domain::limits::{Destination, TxType};
use crate::wallet::{Precheck, PrecheckDraft};
use crate::words;

pub struct PrecheckDialog {
    pub draft: PrecheckDraft,
    /// The service's answer and the draft it answered (refreshed between frames).
    pub result: Option<(PrecheckDraft, Result<Precheck, String>)>,
    pub focused: bool,
}

impl PrecheckDialog {
    pub fn new() -> Box<PrecheckDialog> {
        Box::new(PrecheckDialog {
            draft: PrecheckDraft {
                amount: String::new(),
                currency: "CNY".into(),
                ty: "goods".into(),
                to: "merchant".into(),
            },
            result: None,
            focused: false,
        })
    }

    /// Whether the answer shown is for another draft than the one typed.
    pub fn is_stale(&self) -> bool {
        self.result
            .as_ref()
            .is_none_or(|(asked, _)| *asked != self.draft)
    }
}

/// The pre-check dialog: asks, and answers as the user types.
pub fn precheck_dialog_ui(
    ctx: &egui::Context,
    d: &mut PrecheckDialog,
    commands: &mut Vec<Command>,
) {
    form::Dialog::new(Id::unique("precheck_dialog"), [660.0, 520.0]).show(ctx, |ui| {
        ui.heading("Check a payment");
        ui.label("Which limits would it break, what would it cost, and which method should pay?");
        ui.add_space(6.0);
        let first = !std::mem::replace(&mut d.focused, true);
        Grid::new("precheck_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let l = ui.label("Amount");
                let r = ui
                    .add(
                        TextEdit::singleline(&mut d.draft.amount)
                            .hint_text("3000.00")
                            .desired_width(160.0),
                    )
                    .labelled_by(l.id);
                if first {
                    r.request_focus();
                }
                ui.end_row();
                let l = ui.label("Currency");
                ui.add(TextEdit::singleline(&mut d.draft.currency).desired_width(60.0))
                    .labelled_by(l.id);
                ui.end_row();
                let types: Vec<(&str, &str)> =
                    TxType::ALL.iter().map(|t| (t.id(), t.label())).collect();
                form::choice_row_ui(ui, "Type", &mut d.draft.ty, &types);
                let dests: Vec<(&str, &str)> = Destination::ALL
                    .iter()
                    .map(|t| (t.id(), t.label()))
                    .collect();
                form::choice_row_ui(ui, "To", &mut d.draft.to, &dests);
            });
        ui.separator();
        let room = form::Reserve::lines(ui, 12);
        match d.result.as_ref().map(|(_, r)| r) {
            Some(Ok(p)) => precheck_result_ui(ui, p),
            Some(Err(e)) if !e.is_empty() => {
                ui.label(RichText::new(e).color(form::error(ui)));
            }
            _ => {
                ui.label(RichText::new("Type an amount").weak());
            }
        }
        room.end(ui);
        ui.separator();
        ui.horizontal(|ui| {
            let can_record = matches!(d.result.as_ref().map(|(_, r)| r), Some(Ok(_)));
            if ui
                .add_enabled(can_record, egui::Button::new("Record this payment…"))
                .clicked()
            {
                commands.push(Command::RecordChecked(d.draft.clone()));
            }
            if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                commands.push(Command::CloseDialog);
            }
        });
    });
}

fn precheck_result_ui(ui: &mut Ui, p: &Precheck) {
    let color = if p.allowed {
        form::ok(ui)
    } else {
        form::error(ui)
    };
    ui.label(
        RichText::new(words::precheck_outcome(p))
            .strong()
            .color(color),
    );
    for c in p.converted.iter().filter(|c| c.currency != p.currency) {
        ui.label(RichText::new(words::conversion_from(p.currency, c)).weak());
    }
    for b in &p.breaks {
        ui.label(RichText::new(words::breaks(b)).color(form::error(ui)));
    }
    for l in &p.under_minimum {
        if let Some(s) = words::under_minimum(l) {
            ui.label(RichText::new(s).color(form::warn(ui)));
        }
    }
    if let Some(f) = &p.fee {
        ui.label(words::fee(f))
            .on_hover_text(words::source_line(&f.source, false));
    }
    match words::pay_with(p) {
        Ok(s) => {
            ui.label(RichText::new(s).strong());
        }
        Err(s) => {
            ui.label(RichText::new(s).color(form::error(ui)));
        }
    }
    for c in &p.candidates {
        if p.recommended.as_ref().is_some_and(|(id, _)| *id == c.id) {
            continue;
        }
        ui.label(RichText::new(words::candidate(p, c)).weak());
    }
    for n in &p.notes {
        ui.label(RichText::new(words::note(n)).weak())
            .on_hover_text(words::source_line(&n.source, false));
    }
}
