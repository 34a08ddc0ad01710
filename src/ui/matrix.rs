//! "Will it bind?": every stored method against every provider, one verdict per
//! cell; a click shows that pair's flags. The at-a-glance answer to "which card
//! should I try where".

use eframe::egui::{self, RichText, Ui};

use super::command::Command;
use super::verdict::{result_ui, verdict_badge_ui};
use crate::domain::{MethodId, Provider};
use crate::wallet::MatrixRow;

pub fn matrix_ui(
    ui: &mut Ui,
    rows: &[MatrixRow],
    selected: Option<(MethodId, Provider)>,
    commands: &mut Vec<Command>,
) {
    ui.heading("Will it bind?");
    ui.label("Each linked card and PayPal account against each provider: click a cell to see why");
    ui.add_space(6.0);
    if rows.is_empty() {
        ui.label("Nothing is linked yet: add a card to an account first");
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("matrix_scroll")
        .max_height(ui.available_height() * 0.55)
        .show(ui, |ui| {
            egui::Grid::new("binding_matrix")
                .striped(true)
                .spacing([18.0, 6.0])
                .show(ui, |ui| {
                    ui.strong("Method");
                    ui.strong("Linked to");
                    for p in Provider::ALL {
                        ui.strong(p.name());
                    }
                    ui.end_row();
                    for r in rows {
                        ui.label(r.method.title());
                        ui.label(RichText::new(&r.account.label).weak());
                        for c in &r.cells {
                            let verdict = c.assessment.applicable.then_some(c.assessment.verdict);
                            let is_selected = selected == Some((r.method.id, c.provider));
                            let badge = verdict_badge_ui(ui, verdict).on_hover_text(format!(
                                "{} on {} (judged against {})",
                                r.method.title(),
                                c.provider.name(),
                                c.against
                            ));
                            if is_selected {
                                badge.highlight();
                            } else if badge.clicked() {
                                commands.push(Command::SelectCell(r.method.id, c.provider));
                            }
                        }
                        ui.end_row();
                    }
                });
        });
    ui.separator();
    let Some((method, provider)) = selected else {
        ui.label(RichText::new("Select a cell to see its flags").weak());
        return;
    };
    let Some((row, cell)) = rows.iter().find(|r| r.method.id == method).and_then(|r| {
        r.cells
            .iter()
            .find(|c| c.provider == provider)
            .map(|c| (r, c))
    }) else {
        return;
    };
    ui.label(RichText::new(format!("{} ({})", row.method.title(), row.account.label)).strong());
    egui::ScrollArea::vertical()
        .id_salt("matrix_cell_flags")
        .show(ui, |ui| result_ui(ui, cell));
}
