//! "Add account…" and "Edit account…": provider, label, region, tier, holder,
//! passport expiry. An edit keeps the provider (it decides every rule).

use eframe::egui::{self, Grid, Id};

use super::command::Command;
use super::form::{self, choice_row_ui, text_row_ui};
use crate::domain::{Account, AccountDraft, AccountId, Provider, Region, Tier};

/// What the user did with the dialog this frame.
#[derive(Default)]
pub struct AccountDialog {
    /// The account being edited; `None` adds a new one.
    pub editing: Option<AccountId>,
    pub draft: AccountDraft,
    /// The service's refusal of the last submit (the dialog stays open, nothing lost).
    pub error: Option<String>,
    /// The label field gets the keyboard focus when the dialog opens.
    focused: bool,
}

impl AccountDialog {
    /// "Edit account…": the form filled in from the account.
    pub fn edit(account: &Account) -> Self {
        AccountDialog {
            editing: Some(account.id),
            draft: account.to_draft(),
            ..AccountDialog::default()
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        form::Dialog::new(Id::unique("add_account_dialog"), [540.0, 450.0]).show(ctx, |ui| {
            let (heading, intro, submit) = match self.editing {
                None => (
                    "Add account",
                    "A wallet or console you link cards to",
                    "Add account",
                ),
                Some(_) => (
                    "Edit account",
                    "A change of verification or passport changes every verdict",
                    "Save changes",
                ),
            };
            ui.heading(heading);
            ui.label(intro);
            ui.add_space(8.0);
            let errors = self.draft.validate().err().unwrap_or_default();
            let first_frame = !std::mem::replace(&mut self.focused, true);
            let d = &mut self.draft;
            Grid::new("account_form")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let providers: Vec<(&str, &str)> =
                        Provider::ALL.iter().map(|p| (p.id(), p.name())).collect();
                    if self.editing.is_none() {
                        choice_row_ui(ui, "Provider", &mut d.provider, &providers);
                    } else {
                        ui.label("Provider");
                        let name = Provider::parse(&d.provider).map_or("", Provider::name);
                        ui.label(name).on_hover_text(
                            "The provider decides every rule: add a new account for another one",
                        );
                        ui.end_row();
                    }
                    let label_field = text_row_ui(
                        ui,
                        "Label",
                        &mut d.label,
                        "e.g. 支付宝 (US phone)",
                        errors.get("label"),
                    );
                    if first_frame {
                        label_field.request_focus();
                    }
                    let needs_region =
                        Provider::parse(&d.provider).is_ok_and(Provider::needs_region);
                    let mut regions: Vec<(&str, &str)> =
                        Region::ALL.iter().map(|r| (r.id(), r.id())).collect();
                    if !needs_region {
                        regions.insert(0, ("", "Not set"));
                    }
                    choice_row_ui(ui, "Region", &mut d.region, &regions);
                    text_row_ui(
                        ui,
                        "Country",
                        &mut d.country,
                        "two letters, e.g. US",
                        errors.get("country"),
                    );
                    let tiers: Vec<(&str, &str)> =
                        Tier::ALL.iter().map(|t| (t.id(), t.name())).collect();
                    choice_row_ui(ui, "Verification", &mut d.tier, &tiers);
                    text_row_ui(
                        ui,
                        "Holder name",
                        &mut d.holder,
                        "as on the passport",
                        errors.get("holder"),
                    );
                    text_row_ui(
                        ui,
                        "Passport expiry",
                        &mut d.passport_expiry,
                        "YYYY-MM-DD",
                        errors.get("passport-expiry"),
                    );
                    // Always there (Alibaba Cloud only), so the buttons never move.
                    let l = ui.label("Bills");
                    ui.add_enabled(
                        needs_region,
                        egui::Checkbox::new(
                            &mut d.outstanding_bills,
                            "Running resources or outstanding bills",
                        ),
                    )
                    .labelled_by(l.id)
                    .on_disabled_hover_text("Alibaba Cloud accounts only (L5)");
                    ui.end_row();
                });
            match form::footer_ui(ui, self.error.as_deref(), &errors, submit) {
                Some(true) => commands.push(match self.editing {
                    None => Command::AddAccount(self.draft.clone()),
                    Some(id) => Command::EditAccount(id, self.draft.clone()),
                }),
                Some(false) => commands.push(Command::CloseDialog),
                None => {}
            }
        });
    }
}
