//! The selected account's methods: network, masked number, holder, expiry,
//! status, a ★ on the default, and Reveal / Copy for cards.

use eframe::egui::{self, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::command::Command;
use super::form;
use super::verdict::verdict_badge_ui;
use crate::domain::lifecycle::ExpiryReminder;
use crate::domain::{Method, MethodDetails, MethodId, MethodStatus};
use crate::wallet::MethodLine;

/// A number shown in full for a while.
pub struct Revealed {
    pub method: MethodId,
    pub grouped: zeroize::Zeroizing<String>,
    pub seconds_left: u64,
}

fn status_text(ui: &Ui, status: MethodStatus) -> RichText {
    let t = RichText::new(status.name());
    match status {
        MethodStatus::Active => t.color(form::ok(ui)),
        MethodStatus::Pending => t.color(form::warn(ui)),
        MethodStatus::Failed | MethodStatus::Expired => t.color(form::error(ui)),
        MethodStatus::Removed => t.weak(),
    }
}

/// What the table shows beside each method.
pub struct TableView<'a> {
    /// Each method with its verdict and what L2–L5 say about it (the service's).
    pub lines: &'a [MethodLine],
    pub selected: Option<MethodId>,
    pub revealed: Option<&'a Revealed>,
    pub vault_available: bool,
    /// How long a revealed or copied number stays (the `reveal-seconds` setting).
    pub reveal_secs: u32,
}

pub fn methods_table_ui(ui: &mut Ui, view: &TableView<'_>, commands: &mut Vec<Command>) {
    let TableView {
        lines,
        selected,
        revealed,
        vault_available,
        reveal_secs,
    } = *view;
    // Narrow windows scroll sideways rather than hide the actions.
    egui::ScrollArea::horizontal()
        .id_salt("methods_table_scroll")
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("methods_table")
                .striped(true)
                .sense(egui::Sense::click())
                .max_scroll_height(240.0)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::exact(22.0))
                .column(Column::auto())
                .column(Column::auto().at_least(150.0))
                .column(Column::auto().clip(true).at_most(160.0))
                .column(Column::auto())
                .column(Column::auto())
                .column(Column::auto())
                .column(Column::auto().at_least(150.0))
                .header(24.0, |mut h| {
                    for title in [
                        "", "Network", "Number", "Holder", "Expiry", "Status", "Binding", "",
                    ] {
                        h.col(|ui| {
                            ui.strong(title);
                        });
                    }
                })
                .body(|mut body| {
                    for line in lines {
                        let m = &line.method;
                        body.row(26.0, |mut row| {
                            row.set_selected(selected == Some(m.id));
                            row.col(|ui| {
                                if m.is_default {
                                    ui.label(RichText::new("★").color(form::warn(ui)))
                                        .on_hover_text("Default method of this account");
                                }
                            });
                            let shown = revealed.filter(|r| r.method == m.id);
                            match &m.details {
                                MethodDetails::Card(c) => {
                                    row.col(|ui| {
                                        ui.label(c.network.name());
                                    });
                                    row.col(|ui| {
                                        match shown {
                                            Some(r) => ui.monospace(r.grouped.as_str()),
                                            None => ui.monospace(c.masked()),
                                        };
                                        if m.status != MethodStatus::Removed {
                                            secret_buttons_ui(
                                                ui,
                                                m,
                                                shown,
                                                (vault_available, reveal_secs),
                                                commands,
                                            );
                                        }
                                    });
                                    row.col(|ui| {
                                        ui.label(&c.holder);
                                    });
                                    row.col(|ui| match line.reminder {
                                        Some(r) => {
                                            let hint = match r {
                                                ExpiryReminder::ThisMonth => {
                                                    "Expires this month".to_owned()
                                                }
                                                ExpiryReminder::WithinDays(d) => {
                                                    format!(
                                                        "Expires in {}",
                                                        crate::words::count(d, "day", "days")
                                                    )
                                                }
                                            };
                                            ui.label(
                                                RichText::new(format!("{} (soon)", c.expiry))
                                                    .color(form::warn(ui)),
                                            )
                                            .on_hover_text(hint);
                                        }
                                        None => {
                                            ui.label(c.expiry.to_string());
                                        }
                                    });
                                }
                                MethodDetails::Paypal(p) => {
                                    row.col(|ui| {
                                        ui.label("PayPal");
                                    });
                                    row.col(|ui| {
                                        ui.label(&p.email);
                                    });
                                    row.col(|ui| {
                                        ui.label(format!("registered in {}", p.country));
                                    });
                                    row.col(|_| {});
                                }
                            }
                            row.col(|ui| {
                                ui.label(status_text(ui, m.status));
                                if m.number_missing {
                                    ui.label(
                                        RichText::new("number missing")
                                            .small()
                                            .color(super::form::error(ui)),
                                    )
                                    .on_hover_text(crate::domain::NUMBER_MISSING);
                                }
                            });
                            row.col(|ui| {
                                let verdict = line.verdict;
                                if verdict_badge_ui(ui, verdict)
                                    .on_hover_text(format!("Why? Show the flags of {}", m.title()))
                                    .clicked()
                                {
                                    commands.push(Command::SelectMethod(m.id));
                                }
                            });
                            row.col(|ui| {
                                if m.status == MethodStatus::Removed {
                                    return;
                                }
                                {
                                    let r = line;
                                    if !m.is_default {
                                        let b = ui.add_enabled(
                                            r.make_default.is_ok(),
                                            egui::Button::new("Make default").small(),
                                        );
                                        let b = match &r.make_default {
                                            Ok(()) => b.on_hover_text(format!(
                                                "Make {} the default",
                                                m.title()
                                            )),
                                            Err(why) => b.on_disabled_hover_text(why.as_str()),
                                        };
                                        if b.clicked() {
                                            commands.push(Command::MakeDefault(m.id));
                                        }
                                    }
                                    let remove = ui.add(egui::Button::new("Remove…").small());
                                    let remove = match &r.remove_hint {
                                        Some(h) => remove.on_hover_text(h.as_str()),
                                        None => remove.on_hover_text("Archive it (Delete)"),
                                    };
                                    if remove.clicked() {
                                        commands.push(Command::OpenRemove(m.id));
                                    }
                                }
                            });
                            if row.response().clicked() {
                                commands.push(Command::SelectMethod(m.id));
                            }
                        });
                    }
                });
        });
}

/// Reveal (or Hide, with the countdown) and Copy, beside a card's number.
fn secret_buttons_ui(
    ui: &mut Ui,
    m: &Method,
    shown: Option<&Revealed>,
    (vault_available, secs): (bool, u32),
    commands: &mut Vec<Command>,
) {
    let for_secs = crate::words::count(secs, "second", "seconds");
    let title = m.title();
    let unavailable = "No secret store: the number cannot be read";
    if let Some(r) = shown {
        if ui
            .add(egui::Button::new("Hide").small())
            .on_hover_text(format!("Mask {title} again"))
            .clicked()
        {
            commands.push(Command::Hide);
        }
        ui.label(
            RichText::new(format!("hides in {} s", r.seconds_left))
                .small()
                .weak(),
        );
    } else {
        let reveal = ui
            .add_enabled(vault_available, egui::Button::new("Reveal").small())
            .on_hover_text(format!("Show the full number of {title} for {for_secs}"))
            .on_disabled_hover_text(unavailable);
        if reveal.clicked() {
            commands.push(Command::Reveal(m.id));
        }
    }
    let copy = ui
        .add_enabled(vault_available, egui::Button::new("Copy").small())
        .on_hover_text(format!(
            "Copy the full number; the clipboard is cleared after {for_secs}"
        ))
        .on_disabled_hover_text(unavailable);
    if copy.clicked() {
        commands.push(Command::Copy(m.id));
    }
}
