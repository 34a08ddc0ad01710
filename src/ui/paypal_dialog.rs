//! "Link PayPal…": email, country of registration, funding source, and whether
//! it will bind on this account, as it is typed.

use eframe::egui::{self, Grid, Id};

use super::anyway::ask_anyway_ui;
use super::command::Command;
use super::form::{self, choice_row_ui, text_row_ui};
use super::verdict::result_ui;
use crate::domain::lifecycle::Refusal;
use crate::domain::{AccountId, MethodStatus, PaypalDraft};
use crate::wallet::ProviderResult;

pub struct PaypalDialog {
    pub account: AccountId,
    pub account_label: String,
    pub draft: PaypalDraft,
    pub error: Option<String>,
    /// The verdict for the draft as it was when last checked (see `needs_check`):
    /// `None` until the country can be read.
    pub report: Option<(PaypalDraft, Result<Option<ProviderResult>, String>)>,
    /// A `block` verdict refused the draft as it was: "Link anyway?" is asked.
    pub ask_anyway: Option<(PaypalDraft, Refusal)>,
    /// The email field gets the keyboard focus when the dialog opens.
    focused: bool,
}

impl PaypalDialog {
    pub fn new(account: AccountId, account_label: String) -> Self {
        PaypalDialog {
            account,
            account_label,
            draft: PaypalDraft::default(),
            error: None,
            report: None,
            ask_anyway: None,
            focused: false,
        }
    }

    /// Whether the verdict is stale: the draft changed since it was computed.
    pub fn needs_check(&self) -> bool {
        self.report.as_ref().is_none_or(|(d, _)| *d != self.draft)
    }

    fn verdict_ui(&self, ui: &mut egui::Ui) {
        ui.heading("Will it bind?");
        match self.report.as_ref().map(|(_, r)| r) {
            None | Some(Ok(None)) => {
                ui.label("Type the country it is registered in to see whether it will bind");
            }
            Some(Err(e)) => {
                ui.label(egui::RichText::new(e).color(form::error(ui)));
            }
            Some(Ok(Some(r))) => result_ui(ui, r),
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        form::Dialog::new(Id::unique("add_paypal_dialog"), [900.0, 340.0]).show(ctx, |ui| {
            // The form on the left stays put; the verdict, which grows and
            // shrinks as it is typed, has its own column.
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(440.0);
                    self.form_ui(ui, commands);
                });
                ui.add_space(16.0);
                ui.vertical(|ui| {
                    ui.set_width(400.0);
                    egui::ScrollArea::vertical()
                        .id_salt("paypal_dialog_verdict")
                        .max_height(290.0)
                        .scroll_bar_visibility(
                            egui::scroll_area::ScrollBarVisibility::AlwaysVisible,
                        )
                        .show(ui, |ui| self.verdict_ui(ui));
                });
            });
        });
    }

    fn form_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.heading("Link PayPal");
        ui.label(format!("To {}", self.account_label));
        ui.add_space(8.0);
        let errors = self.draft.validate(self.account).err().unwrap_or_default();
        let first_frame = !std::mem::replace(&mut self.focused, true);
        let d = &mut self.draft;
        Grid::new("paypal_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let email = text_row_ui(
                    ui,
                    "Email",
                    &mut d.email,
                    "the PayPal login",
                    errors.get("email"),
                );
                if first_frame {
                    email.request_focus();
                }
                text_row_ui(
                    ui,
                    "Country",
                    &mut d.country,
                    "where it is registered, e.g. US",
                    errors.get("country"),
                );
                let l = ui.label("Funding source");
                ui.checkbox(&mut d.funding_source, "A card or bank account is attached")
                    .labelled_by(l.id);
                ui.end_row();
                let statuses: Vec<(&str, &str)> = MethodStatus::ON_ADD
                    .iter()
                    .map(|s| (s.id(), s.name()))
                    .collect();
                choice_row_ui(ui, "Status", &mut d.status, &statuses);
            });
        match self.ask_anyway.as_ref().filter(|(d, _)| *d == self.draft) {
            Some((_, r)) => match ask_anyway_ui(ui, r, "Link") {
                Some(true) => {
                    commands.push(Command::AddPaypal(self.account, self.draft.clone(), true));
                }
                Some(false) => self.ask_anyway = None,
                None => {}
            },
            None => match form::footer_ui(ui, self.error.as_deref(), &errors, "Link PayPal") {
                Some(true) => {
                    commands.push(Command::AddPaypal(self.account, self.draft.clone(), false));
                }
                Some(false) => commands.push(Command::CloseDialog),
                None => {}
            },
        }
    }
}
