//! "Add card…": the number with live network, length and Luhn feedback, expiry,
//! holder, and what the user knows of the card. No CVV field, ever.

use chrono::NaiveDate;
use eframe::egui::{self, Grid, Id, RichText, TextEdit};

use super::anyway::ask_anyway_ui;
use super::command::Command;
use super::form::{self, choice_row_ui, text_row_ui};
use super::verdict::{compact_row_ui, flags_ui, verdict_badge_ui};
use crate::domain::card::{check_number, normalize_number};
use crate::domain::lifecycle::Refusal;
use crate::domain::{AccountId, CardDraft, Fact, Funding, MethodStatus, Provider};
use crate::wallet::CardReport;

/// The number input's id, so its undo history can be wiped when the dialog closes.
pub fn number_field_id() -> Id {
    Id::unique("card_dialog_number")
}

/// Forget everything egui kept of the number field (text, undo history).
pub fn forget_number_field(ctx: &egui::Context) {
    forget_field(ctx, number_field_id());
}

/// Forget everything egui kept of a text field with this id.
pub fn forget_field(ctx: &egui::Context, id: Id) {
    ctx.data_mut(|d| d.remove::<egui::text_edit::TextEditState>(id));
}

/// A card number's input, labelled, with the keyboard on the dialog's first frame.
pub fn number_input_ui(
    ui: &mut egui::Ui,
    number: &mut String,
    id: Id,
    width: f32,
    first_frame: bool,
) -> egui::Response {
    let label = ui.label("Card number");
    let field = ui
        .add(
            TextEdit::singleline(number)
                .id(id)
                .hint_text("digits; spaces and dashes are fine")
                .char_limit(32)
                .desired_width(width),
        )
        .labelled_by(label.id);
    if first_frame {
        field.request_focus();
    }
    field
}

pub struct CardDialog {
    pub account: AccountId,
    pub account_label: String,
    pub provider: Provider,
    pub draft: CardDraft,
    pub error: Option<String>,
    /// The verdicts for the draft as it was when last checked (see `needs_check`).
    pub report: Option<(CardDraft, Result<CardReport, String>)>,
    /// A `block` verdict refused the draft as it was: "Add anyway?" is asked.
    pub ask_anyway: Option<(CardDraft, Refusal)>,
    /// The number field gets the keyboard focus when the dialog opens.
    focused: bool,
}

impl CardDialog {
    pub fn new(account: AccountId, account_label: String, provider: Provider) -> Self {
        CardDialog {
            account,
            account_label,
            provider,
            draft: CardDraft::default(),
            error: None,
            report: None,
            ask_anyway: None,
            focused: false,
        }
    }

    /// Whether the verdicts are stale: the draft changed since they were computed.
    pub fn needs_check(&self) -> bool {
        self.report.as_ref().is_none_or(|(d, _)| *d != self.draft)
    }

    /// The verdict column: the selected account's provider in full, the others in a row.
    fn verdict_ui(&self, ui: &mut egui::Ui) {
        ui.heading("Will it bind?");
        let digits = normalize_number(&self.draft.number)
            .map(|d| d.len())
            .unwrap_or(0);
        if digits < 6 {
            ui.label("Type the card number to see whether it will bind, and why not");
            return;
        }
        match self.report.as_ref().map(|(_, r)| r) {
            None => {}
            Some(Err(e)) => {
                ui.label(RichText::new(e).color(form::error(ui)));
            }
            Some(Ok(report)) => {
                let (own, others): (Vec<_>, Vec<_>) = report
                    .results
                    .iter()
                    .partition(|r| r.provider == self.provider);
                if let Some(r) = own.first() {
                    ui.horizontal(|ui| {
                        ui.label(format!("{}:", self.account_label));
                        verdict_badge_ui(ui, Some(r.assessment.verdict));
                    });
                    ui.add_space(4.0);
                    egui::ScrollArea::vertical()
                        .max_height(330.0)
                        .id_salt("card_dialog_flags")
                        .show(ui, |ui| flags_ui(ui, &r.assessment.flags));
                }
                ui.separator();
                ui.label(RichText::new("Elsewhere").strong());
                let others: Vec<_> = others.into_iter().cloned().collect();
                compact_row_ui(ui, &others);
            }
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context, today: NaiveDate, commands: &mut Vec<Command>) {
        form::Dialog::new(Id::unique("add_card_dialog"), [960.0, 560.0]).show(ctx, |ui| {
          ui.horizontal_top(|ui| {
           ui.vertical(|ui| {
            ui.set_width(520.0);
            ui.heading("Add card");
            ui.label(format!("To {}", self.account_label));
            ui.add_space(8.0);
            let errors = self.draft.validate(self.account, today).err().unwrap_or_default();
            let check = check_number(&self.draft.number);
            let first_frame = !std::mem::replace(&mut self.focused, true);
            let d = &mut self.draft;
            Grid::new("card_form").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
                let label = ui.label("Card number");
                ui.vertical(|ui| {
let number_field = ui
                        .add(
                            TextEdit::singleline(&mut *d.number)
                                .id(number_field_id())
                                .hint_text("digits; spaces and dashes are fine")
                                .char_limit(32)
                                .desired_width(280.0),
                        )
                        .labelled_by(label.id);
                    if first_frame {
                        number_field.request_focus();
                    }
                    let room = form::Reserve::lines(ui, 2);
                    if !d.number.trim().is_empty() {
                        let network = match check.candidates.as_slice() {
                            [] => RichText::new("Network: not recognised").color(form::error(ui)),
                            [one] => RichText::new(format!("Network: {}", one.name())).color(form::ok(ui)),
                            [first, rest @ ..] => RichText::new(format!(
                                "Network: {} (or {})",
                                first.name(),
                                rest.iter().map(|n| n.name()).collect::<Vec<_>>().join(", ")
                            ))
                            .color(form::warn(ui)),
                        };
                        ui.label(network);
                        if let Some(e) = &check.error {
                            ui.label(RichText::new(&e.message).color(form::error(ui)));
                        } else if let Some(w) = &check.warning {
                            ui.label(RichText::new(w).color(form::warn(ui)).small());
                        }
                    }
                    room.end(ui);
                });
                ui.end_row();
                text_row_ui(ui, "Expiry", &mut d.expiry, "MM/YY", errors.get("expiry"));
                text_row_ui(ui, "Cardholder", &mut d.holder, "name as on the card", errors.get("holder"));
                let mut funding: Vec<(&str, &str)> = vec![("", "Not sure")];
                funding.extend(Funding::ALL.iter().map(|f| (f.id(), f.id())));
                choice_row_ui(ui, "Funding", &mut d.funding, &funding);
                text_row_ui(
                    ui,
                    "Issuer country",
                    &mut d.issuer_country,
                    "two letters, e.g. HK",
                    errors.get("issuer-country"),
                );
                text_row_ui(ui, "Bank", &mut d.bank, "issuing bank", errors.get("bank"));
                let facts: Vec<(&str, &str)> = Fact::ALL.iter().map(|f| (f.id(), f.id())).collect();
                choice_row_ui(ui, "International payments", &mut d.intl, &facts);
                choice_row_ui(ui, "3-D Secure", &mut d.three_ds, &facts);
                choice_row_ui(ui, "Balance ≥ USD 1.00", &mut d.balance_ok, &facts);
                let statuses: Vec<(&str, &str)> =
                    MethodStatus::ON_ADD.iter().map(|s| (s.id(), s.name())).collect();
                choice_row_ui(ui, "Status", &mut d.status, &statuses);
            });
            ui.label(
                RichText::new(
                    "The full number goes to your OS keyring only; walletdesk never asks for the security code",
                )
                .small()
                .weak(),
            );
match self.ask_anyway.as_ref().filter(|(d, _)| *d == self.draft) {
    Some((_, r)) => match ask_anyway_ui(ui, r, "Add") {
        Some(true) => commands.push(Command::AddCard(self.account, Box::new(self.draft.clone()), true)),
        Some(false) => self.ask_anyway = None,
        None => {}
    },
    None => match form::footer_ui(ui, self.error.as_deref(), &errors, "Add card") {
        Some(true) => commands.push(Command::AddCard(self.account, Box::new(self.draft.clone()), false)),
        Some(false) => commands.push(Command::CloseDialog),
        None => {}
    },
}
           });
           ui.add_space(16.0);
           ui.vertical(|ui| {
               ui.set_width(400.0);
               self.verdict_ui(ui);
           });
          });
        });
    }
}
