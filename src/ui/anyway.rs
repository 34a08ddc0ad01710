//! "Add anyway?": a card or PayPal account whose verdict is `block` is refused
//! by the service; the person may know better (it did bind), so the dialog asks,
//! naming the rule.

use eframe::egui::{self, RichText, Ui};

use super::form;
use crate::domain::lifecycle::Refusal;

/// Returns `Some(true)` to add it anyway, `Some(false)` to go back to the form.
pub fn ask_anyway_ui(ui: &mut Ui, r: &Refusal, add: &str) -> Option<bool> {
    ui.separator();
    let mut outcome = None;
    let panel = egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, form::error(ui)))
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.label(
                RichText::new(format!("{add} anyway?"))
                    .strong()
                    .color(form::error(ui)),
            );
            ui.label(&r.message);
            for plan in r.plans.iter().take(1) {
                for step in &plan.0 {
                    ui.label(format!("• {step}"));
                }
            }
            ui.label("If it did bind after all, you can keep it here anyway");
            ui.label(RichText::new(format!("Rule {}", r.rule)).small().weak());
            ui.horizontal(|ui| {
                if ui.button(format!("{add} anyway")).clicked() {
                    outcome = Some(true);
                }
                if ui.button("Back").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    outcome = Some(false);
                }
            });
        });
    // The question must be seen: the dialog scrolls to it once, when it appears.
    let seen = egui::Id::unique("walletdesk_anyway_seen");
    if !ui.data(|d| d.get_temp::<bool>(seen).unwrap_or(false)) {
        panel.response.scroll_to_me(Some(egui::Align::BOTTOM));
        ui.data_mut(|d| d.insert_temp(seen, true));
    }
    if outcome.is_some() {
        ui.data_mut(|d| d.remove::<bool>(seen));
    }
    outcome
}
