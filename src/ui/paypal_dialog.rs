//! "Link PayPal…": email, country of registration, funding source.

use eframe::egui::{self, Grid, Id};

use super::command::Command;
use super::form::{self, choice_row_ui, text_row_ui};
use crate::domain::{AccountId, MethodStatus, PaypalDraft};

pub struct PaypalDialog {
    pub account: AccountId,
    pub account_label: String,
    pub draft: PaypalDraft,
    pub error: Option<String>,
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
            focused: false,
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        form::Dialog::new(Id::unique("add_paypal_dialog"), [460.0, 260.0]).show(ctx, |ui| {
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
            match form::footer_ui(ui, self.error.as_deref(), &errors, "Link PayPal") {
                Some(true) => commands.push(Command::AddPaypal(self.account, self.draft.clone())),
                Some(false) => commands.push(Command::CloseDialog),
                None => {}
            }
        });
    }
}
