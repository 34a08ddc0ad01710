//! Edit → Check a card… (and the first-run window's "Check a card"): will this
//! card bind to Alipay, Alipay HK, WeChat Pay and Alibaba Cloud, and why not,
//! with no account needed and nothing stored. The number lives in this dialog
//! only and is forgotten when it closes.

use eframe::egui::{self, Grid, Id, RichText, ScrollArea};

use super::card_dialog::{forget_field, number_input_ui};
use super::command::Command;
use super::form::{self, choice_row_ui, text_row_ui};
use super::verdict::result_ui;
use crate::domain::card::normalize_number;
use crate::domain::{CardDraft, Fact, Region, Tier};
use crate::wallet::CardReport;

/// The number input's id, so its text and undo history can be wiped on close.
pub fn number_field_id() -> Id {
    Id::unique("check_card_number")
}

/// Forget everything egui kept of the number field (text, undo history).
pub fn forget_number_field(ctx: &egui::Context) {
    forget_field(ctx, number_field_id());
}

/// What was asked: the card, the region and the tier.
type Asked = (CardDraft, String, String);

pub struct CheckCardDialog {
    pub draft: CardDraft,
    /// Where the account would be ("" = not sure), and whether it is verified.
    pub region: String,
    pub tier: String,
    /// The verdicts for what was typed when last asked (see `needs_check`).
    pub report: Option<(Asked, Result<CardReport, String>)>,
    focused: bool,
}

impl Default for CheckCardDialog {
    fn default() -> Self {
        CheckCardDialog {
            draft: CardDraft::default(),
            region: String::new(),
            // Most people checking a card have verified their account; A1 is
            // one click away.
            tier: Tier::Verified.id().to_owned(),
            report: None,
            focused: false,
        }
    }
}

impl CheckCardDialog {
    fn asked(&self) -> Asked {
        (self.draft.clone(), self.region.clone(), self.tier.clone())
    }

    /// Whether what is typed changed since the verdicts were worked out.
    pub fn needs_check(&self) -> bool {
        self.report.as_ref().is_none_or(|(a, _)| *a != self.asked())
    }

    /// Keep the service's verdicts for what is typed now.
    pub fn set_report(&mut self, report: Result<CardReport, String>) {
        self.report = Some((self.asked(), report));
    }

    /// The region and tier chosen, as the service takes them.
    pub fn target(&self) -> (Option<Region>, Tier) {
        let region = Region::ALL.into_iter().find(|r| r.id() == self.region);
        let tier = Tier::ALL
            .into_iter()
            .find(|t| t.id() == self.tier)
            .unwrap_or(Tier::Unverified);
        (region, tier)
    }

    pub fn ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        form::Dialog::new(Id::unique("check_card_dialog"), [980.0, 600.0]).show(ctx, |ui| {
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(460.0);
                    ui.heading("Check a card");
                    ui.label("Will it bind? Nothing is stored, and no account is needed");
                    ui.add_space(8.0);
                    self.form_ui(ui);
                    ui.add_space(8.0);
                    ui.label(
                        RichText::new("The number is forgotten when this closes; walletdesk never asks for the security code")
                            .small()
                            .weak(),
                    );
                    ui.add_space(8.0);
                    if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                        commands.push(Command::CloseDialog);
                    }
                });
                ui.add_space(16.0);
                ui.vertical(|ui| {
                    ui.set_width(460.0);
                    self.verdicts_ui(ui);
                });
            });
        });
    }

    fn form_ui(&mut self, ui: &mut egui::Ui) {
        let first_frame = !std::mem::replace(&mut self.focused, true);
        Grid::new("check_card_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                number_input_ui(
                    ui,
                    &mut self.draft.number,
                    number_field_id(),
                    260.0,
                    first_frame,
                );
                ui.end_row();
                text_row_ui(
                    ui,
                    "Expiry",
                    &mut self.draft.expiry,
                    "MM/YY (optional)",
                    None,
                );
                text_row_ui(
                    ui,
                    "Issuer country",
                    &mut self.draft.issuer_country,
                    "two letters, e.g. HK (optional)",
                    None,
                );
                let facts: Vec<(&str, &str)> = Fact::ALL.iter().map(|f| (f.id(), f.id())).collect();
                choice_row_ui(ui, "International payments", &mut self.draft.intl, &facts);
                choice_row_ui(ui, "3-D Secure", &mut self.draft.three_ds, &facts);
                let mut regions: Vec<(&str, &str)> = vec![("", "Not sure")];
                regions.extend(Region::ALL.iter().map(|r| (r.id(), r.name())));
                choice_row_ui(
                    ui,
                    "Your Alibaba Cloud account's region",
                    &mut self.region,
                    &regions,
                );
                let tiers: Vec<(&str, &str)> =
                    Tier::ALL.iter().map(|t| (t.id(), t.name())).collect();
                choice_row_ui(ui, "Your account", &mut self.tier, &tiers);
            });
    }

    fn verdicts_ui(&self, ui: &mut egui::Ui) {
        ui.heading("Will it bind?");
        let digits = normalize_number(&self.draft.number).map_or(0, |d| d.len());
        if digits < 6 {
            ui.label(
                "Type the card number to see, for each provider, whether it will bind and why not",
            );
            return;
        }
        match self.report.as_ref().map(|(_, r)| r) {
            None => {}
            Some(Err(e)) => {
                ui.label(RichText::new(e).color(form::error(ui)));
            }
            Some(Ok(report)) => {
                ScrollArea::vertical()
                    .id_salt("check_card_verdicts")
                    .max_height(500.0)
                    .show(ui, |ui| {
                        for r in &report.results {
                            result_ui(ui, r);
                            ui.separator();
                        }
                    });
            }
        }
    }
}
