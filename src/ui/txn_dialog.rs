//! "Record payment…" and "Edit…": the form, and the conversion the payment
//! would be stored with (worked out by the service between frames).

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use eframe::egui::{self, Grid, Id, RichText};

use super::command::Command;
use super::form;
use crate::domain::limits::{Destination, TxType};
use crate::domain::txn::{TxnDraft, TxnPatch, cannot_pay};
use crate::domain::{FieldError, Method, MethodId, MethodStatus, TxnId};
use crate::words;

pub struct TxnDialog {
    pub editing: Option<TxnId>,
    /// The form as opened: on "Save changes" only the fields changed from it are
    /// sent, so a time left as shown (to the minute) keeps its seconds.
    pub shown: TxnDraft,
    pub draft: TxnDraft,
    pub error: Option<String>,
    /// The conversion line of the last draft looked at, and that draft.
    pub preview: Option<(TxnDraft, Result<String, String>)>,
    pub focused: bool,
    /// What "now" and the day mean to the form's checks (set by the app).
    pub now: DateTime<FixedOffset>,
    pub tz: Tz,
}

impl TxnDialog {
    pub fn new(
        editing: Option<TxnId>,
        draft: TxnDraft,
        now: DateTime<FixedOffset>,
        tz: Tz,
    ) -> Box<TxnDialog> {
        Box::new(TxnDialog {
            editing,
            shown: draft.clone(),
            draft,
            error: None,
            preview: None,
            focused: false,
            now,
            tz,
        })
    }

    /// Whether the conversion shown is for another draft than the one typed.
    pub fn is_stale(&self) -> bool {
        self.preview
            .as_ref()
            .is_none_or(|(asked, _)| *asked != self.draft)
    }
}

/// What "Paid with" offers: the methods that can pay (L7: active ones), and a
/// line for each one left out saying why.
struct PayWith {
    offered: Vec<(MethodId, String)>,
    not_offered: Vec<String>,
}

impl PayWith {
    fn of(methods: &[Method]) -> PayWith {
        let mut offered = Vec::new();
        let mut not_offered = Vec::new();
        let mut removed = 0;
        for m in methods {
            match cannot_pay(m.status) {
                None => offered.push((m.id, m.title())),
                Some(_) if m.status == MethodStatus::Removed => removed += 1,
                Some(why) => not_offered.push(words::not_offered(&m.title(), why)),
            }
        }
        if removed > 0 {
            not_offered.push(words::removed_not_offered(removed));
        }
        PayWith {
            offered,
            not_offered,
        }
    }
}

/// Record or edit a payment, with the conversion it would be stored with.
/// `methods` are the account's, archived ones included (an edited payment may
/// name one that can no longer pay: it is shown, not offered).
pub fn txn_dialog_ui(
    ctx: &egui::Context,
    methods: &[Method],
    d: &mut TxnDialog,
    commands: &mut Vec<Command>,
) {
    let pay_with = PayWith::of(methods);
    let zone = words::zone_name(d.tz);
    form::Dialog::new(Id::unique("txn_dialog"), [580.0, 490.0]).show(ctx, |ui| {
        ui.heading(if d.editing.is_some() {
            "Edit payment"
        } else {
            "Record payment"
        });
        ui.add_space(6.0);
        let errors = d.draft.validate(d.now, d.tz).err().unwrap_or_default();
        let first = !std::mem::replace(&mut d.focused, true);
        let dr = &mut d.draft;
        Grid::new("txn_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let r = form::text_row_ui(
                    ui,
                    "Amount",
                    &mut dr.amount,
                    "1234.50",
                    errors.get("amount"),
                );
                if first {
                    r.request_focus();
                }
                form::text_row_ui(
                    ui,
                    "Currency",
                    &mut dr.currency,
                    "CNY, USD, HKD…",
                    errors.get("currency"),
                );
                let types: Vec<(&str, &str)> =
                    TxType::ALL.iter().map(|t| (t.id(), t.label())).collect();
                form::choice_row_ui(ui, "Type", &mut dr.ty, &types);
                let dests: Vec<(&str, &str)> = Destination::ALL
                    .iter()
                    .map(|t| (t.id(), t.label()))
                    .collect();
                form::choice_row_ui(ui, "To", &mut dr.to, &dests);
                when_row_ui(ui, &mut dr.at, &zone, errors.get("at"));
                let l = ui.label("Paid with");
                let current = if dr.method.is_empty() {
                    words::NOT_RECORDED.to_owned()
                } else {
                    methods
                        .iter()
                        .find(|m| m.id.to_string() == dr.method)
                        .map_or_else(|| dr.method.clone(), Method::title)
                };
                ui.vertical(|ui| {
                    egui::ComboBox::from_id_salt("txn_method")
                        .selected_text(current)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut dr.method, String::new(), words::NOT_RECORDED);
                            for (id, t) in &pay_with.offered {
                                ui.selectable_value(&mut dr.method, id.to_string(), t);
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    for line in &pay_with.not_offered {
                        ui.label(RichText::new(line).weak());
                    }
                });
                ui.end_row();
                form::text_row_ui(
                    ui,
                    "Counterparty",
                    &mut dr.counterparty,
                    "e.g. 瑞幸咖啡",
                    errors.get("counterparty"),
                );
                form::text_row_ui(ui, "Note", &mut dr.note, "", errors.get("note"));
                let l = ui.label("FX quota");
                let mut exempt = dr.fx_exempt == "true";
                if ui
                    .checkbox(&mut exempt, "Exempt (tuition with proof, Q3)")
                    .labelled_by(l.id)
                    .changed()
                {
                    dr.fx_exempt = exempt.to_string();
                }
                ui.end_row();
            });
        // What it will be stored as: the conversion with today's table (Q6).
        let room = form::Reserve::lines(ui, 3);
        if errors.is_empty() {
            match d.preview.as_ref().map(|(_, r)| r) {
                Some(Ok(s)) if !s.is_empty() => {
                    ui.label(RichText::new(s).color(form::ok(ui)));
                }
                Some(Err(e)) => {
                    ui.label(RichText::new(e).color(form::error(ui)));
                    ui.label(
                        RichText::new(
                            "Add the rate on the Limits view (Exchange rates), then save",
                        )
                        .weak(),
                    );
                }
                _ => {}
            }
        }
        room.end(ui);
        let submit = if d.editing.is_some() {
            "Save changes"
        } else {
            "Record"
        };
        match (
            form::footer_ui(ui, d.error.as_deref(), &errors, submit),
            d.editing,
        ) {
            (Some(true), None) => commands.push(Command::RecordTxn(d.draft.clone())),
            (Some(true), Some(id)) => {
                let patch = TxnPatch::between(&d.shown, &d.draft);
                commands.push(if patch.is_empty() {
                    Command::CloseDialog
                } else {
                    Command::ChangeTxn(id, patch)
                });
            }
            (Some(false), _) => commands.push(Command::CloseDialog),
            (None, _) => {}
        }
    });
}

/// "When": the time on the clock of the configured zone, the zone named beside it.
fn when_row_ui(ui: &mut egui::Ui, at: &mut String, zone: &str, error: Option<&FieldError>) {
    let l = ui.label("When");
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(at)
                    .hint_text(words::TIME_HINT)
                    .desired_width(280.0),
            )
            .labelled_by(l.id);
            ui.label(zone);
        });
        if let Some(e) = error.filter(|_| !at.trim().is_empty()) {
            ui.label(RichText::new(&e.message).color(form::error(ui)));
        }
    });
    ui.end_row();
}
