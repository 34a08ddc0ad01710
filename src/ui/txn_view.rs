//! "Transactions": a filtered list read from SQLite a page at a time (only the
//! rows on screen are drawn), the record/edit dialog, delete with confirmation,
//! and CSV import (preview, progress, cancel) and export.

use eframe::egui::{self, Grid, Id, Modal, ProgressBar, RichText, TextEdit, Ui};
use egui_extras::{Column, TableBuilder};

use super::form::{self, ERROR, OK, WARN};
use super::spending::{Act, SpendDialog, Spending, TxnDialog};
use crate::domain::limits::{Destination, Proposed, TxType, local_day, under_minimum};
use crate::domain::money::{Currency, format_amount, money};
use crate::wallet::Wallet;

pub fn transactions_ui(ui: &mut Ui, w: &Wallet, sp: &mut Spending, acts: &mut Vec<Act>) {
    let label = sp
        .quota
        .as_ref()
        .map(|q| q.account.label.clone())
        .unwrap_or_default();
    sp.notice_ui(ui);
    ui.heading(format!("Transactions — {label}"));
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Record payment…")
            .on_hover_text("Ctrl+R")
            .clicked()
        {
            acts.push(Act::OpenRecord);
        }
        if ui.button("Import CSV…").clicked() {
            acts.push(Act::OpenImport);
        }
        if ui.button("Export CSV…").clicked() {
            acts.push(Act::OpenExport);
        }
    });
    // Filters: any change counts the rows again.
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Search");
        changed |= ui
            .add(
                TextEdit::singleline(&mut sp.filter.text)
                    .char_limit(crate::store::FILTER_TEXT_MAX)
                    .hint_text("counterparty or note")
                    .desired_width(160.0),
            )
            .labelled_by(l.id)
            .changed();
        let ty = sp.filter.ty.map_or("Any type", TxType::label);
        let combo_label = ui.label("Type");
        egui::ComboBox::from_id_salt("filter_type")
            .selected_text(ty)
            .show_ui(ui, |ui| {
                changed |= ui
                    .selectable_value(&mut sp.filter.ty, None, "Any type")
                    .changed();
                for t in TxType::ALL {
                    changed |= ui
                        .selectable_value(&mut sp.filter.ty, Some(*t), t.label())
                        .changed();
                }
            })
            .response
            .labelled_by(combo_label.id);
        let method = sp
            .filter
            .method
            .map_or_else(|| "Any method".to_owned(), |m| sp.method_name(m));
        let methods: Vec<(crate::domain::MethodId, String)> =
            sp.methods.iter().map(|m| (m.id, m.title())).collect();
        let combo_label = ui.label("Method");
        egui::ComboBox::from_id_salt("filter_method")
            .selected_text(method)
            .show_ui(ui, |ui| {
                changed |= ui
                    .selectable_value(&mut sp.filter.method, None, "Any method")
                    .changed();
                for (id, t) in &methods {
                    changed |= ui
                        .selectable_value(&mut sp.filter.method, Some(*id), t)
                        .changed();
                }
            })
            .response
            .labelled_by(combo_label.id);
        let l = ui.label("From");
        changed |= ui
            .add(
                TextEdit::singleline(&mut sp.from_text)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(104.0),
            )
            .labelled_by(l.id)
            .changed();
        let l = ui.label("Until");
        changed |= ui
            .add(
                TextEdit::singleline(&mut sp.until_text)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(104.0),
            )
            .labelled_by(l.id)
            .changed();
    });
    if changed {
        acts.push(Act::FilterChanged);
    }
    if let Some(e) = &sp.filter_error {
        ui.label(RichText::new(e).color(ERROR));
    }
    ui.label(RichText::new(format!("{} payments", sp.total)).weak());
    let tz = sp.time_zone();
    let total = usize::try_from(sp.total).unwrap_or(usize::MAX);
    let text_height = egui::TextStyle::Body.resolve(ui.style()).size + 8.0;
    TableBuilder::new(ui)
        .id_salt("txn_table")
        .striped(true)
        .resizable(false)
        .auto_shrink([false, false])
        .column(Column::exact(118.0))
        .column(Column::exact(112.0))
        .column(Column::exact(80.0))
        .column(Column::exact(108.0))
        .column(Column::exact(118.0))
        .column(Column::remainder().at_least(120.0).clip(true))
        .column(Column::exact(136.0))
        .header(22.0, |mut h| {
            for title in [
                "When (Beijing)",
                "Amount",
                "In USD",
                "Type",
                "To",
                "Counterparty",
                "",
            ] {
                h.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(text_height, total, |mut row| {
                let index = row.index() as u64;
                let Some(t) = sp.row(w, index).cloned() else {
                    row.col(|ui| {
                        ui.label("…");
                    });
                    return;
                };
                row.set_selected(sp.selected_txn == Some(t.id));
                row.col(|ui| {
                    let local = t.new.at.with_timezone(&tz);
                    ui.label(local.format("%Y-%m-%d %H:%M").to_string())
                        .on_hover_text(format!(
                            "{} (day {})",
                            t.new.at.to_rfc3339(),
                            local_day(t.new.at, tz)
                        ));
                });
                row.col(|ui| {
                    ui.label(money(t.new.amount, t.new.currency));
                });
                row.col(|ui| {
                    let usd = t.in_currency(Currency::USD).unwrap_or_default();
                    let r = ui.label(format_amount(usd, Currency::USD));
                    if let Some(c) = t.converted.iter().find(|c| c.currency == Currency::USD)
                        && t.new.currency != Currency::USD
                    {
                        r.on_hover_text(format!(
                            "rate {}{} (kept with the payment)",
                            c.rate,
                            c.rate_date.map(|d| format!(" of {d}")).unwrap_or_default()
                        ));
                    }
                });
                row.col(|ui| {
                    ui.horizontal(|ui| {
                        ui.label(t.new.ty.id());
                        if t.new.fx_exempt {
                            ui.label(RichText::new("exempt").weak())
                                .on_hover_text("Not counted toward the FX quota (Q3)");
                        }
                    });
                });
                row.col(|ui| {
                    ui.horizontal(|ui| {
                        ui.label(t.new.to.id());
                        let statuses = sp.quota.as_ref().map_or(&[][..], |q| &q.statuses);
                        if let Some(l) = under_minimum(statuses, &Proposed::recorded(&t)).first() {
                            ui.label(RichText::new(&l.rule).color(WARN))
                                .on_hover_text(format!(
                                    "Under the minimum of {}: {}",
                                    l.title(),
                                    l.min.map(|m| money(m, l.currency)).unwrap_or_default()
                                ));
                        }
                    });
                });
                row.col(|ui| {
                    let mut text = t.new.counterparty.clone();
                    if let Some(m) = t.new.method {
                        text = format!("{text} · {}", sp.method_name(m));
                    }
                    let r = ui.label(text);
                    if !t.new.note.is_empty() {
                        r.on_hover_text(&t.new.note);
                    }
                });
                row.col(|ui| {
                    ui.horizontal(|ui| {
                        if ui.small_button("Edit…").clicked() {
                            acts.push(Act::OpenEdit(t.id));
                        }
                        if ui.small_button("Delete…").clicked() {
                            acts.push(Act::AskDelete(t.id));
                        }
                    });
                });
            });
        });
}

/// Record or edit a payment, with the conversion it would be stored with.
pub fn txn_dialog_ui(
    ctx: &egui::Context,
    w: &Wallet,
    tz: chrono_tz::Tz,
    methods: &[(crate::domain::MethodId, String)],
    d: &mut TxnDialog,
    acts: &mut Vec<Act>,
) {
    Modal::new(Id::unique("txn_dialog")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(if d.editing.is_some() {
            "Edit payment"
        } else {
            "Record payment"
        });
        ui.add_space(6.0);
        let errors = d
            .draft
            .validate(w.clock().now(), tz)
            .err()
            .unwrap_or_default();
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
                form::text_row_ui(
                    ui,
                    "When",
                    &mut dr.at,
                    "now, or 2026-03-01T14:30:00+08:00, or 2026-03-01",
                    errors.get("at"),
                );
                let l = ui.label("Paid with");
                let current = if dr.method.is_empty() {
                    "Not recorded".to_owned()
                } else {
                    methods
                        .iter()
                        .find(|(id, _)| id.to_string() == dr.method)
                        .map_or_else(|| dr.method.clone(), |(_, t)| t.clone())
                };
                egui::ComboBox::from_id_salt("txn_method")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut dr.method, String::new(), "Not recorded");
                        for (id, t) in methods {
                            ui.selectable_value(&mut dr.method, id.to_string(), t);
                        }
                    })
                    .response
                    .labelled_by(l.id);
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
        if errors.is_empty()
            && d.preview
                .as_ref()
                .is_none_or(|(asked, _)| *asked != d.draft)
        {
            let r = d
                .draft
                .validate(w.clock().now(), tz)
                .map_err(|e| {
                    e.0.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .and_then(|t| {
                    w.convert(t.amount, t.currency, local_day(t.at, tz))
                        .map_err(|e| e.to_string())
                        .map(|cs| {
                            cs.iter()
                                .filter(|c| c.currency != t.currency)
                                .map(|c| {
                                    format!(
                                        "= {} (rate {}{})",
                                        money(c.amount, c.currency),
                                        c.rate,
                                        c.rate_date.map(|d| format!(" of {d}")).unwrap_or_default()
                                    )
                                })
                                .collect::<Vec<_>>()
                                .join("   ")
                        })
                });
            d.preview = Some((d.draft.clone(), r));
        }
        if errors.is_empty() {
            match d.preview.as_ref().map(|(_, r)| r) {
                Some(Ok(s)) if !s.is_empty() => {
                    ui.label(RichText::new(s).color(OK));
                }
                Some(Err(e)) => {
                    ui.label(RichText::new(e).color(ERROR));
                    ui.label(
                        RichText::new(
                            "Add the rate on the Limits view (Exchange rates), then save.",
                        )
                        .weak(),
                    );
                }
                _ => {}
            }
        }
        let submit = if d.editing.is_some() {
            "Save changes"
        } else {
            "Record"
        };
        match form::footer_ui(ui, d.error.as_deref(), &errors, submit) {
            Some(true) => acts.push(Act::SaveTxn(d.editing, d.draft.clone())),
            Some(false) => acts.push(Act::Close),
            None => {}
        }
    });
}

pub fn delete_dialog_ui(ctx: &egui::Context, id: i64, text: &str, acts: &mut Vec<Act>) {
    Modal::new(Id::unique("delete_txn_dialog")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading("Delete payment?");
        ui.label(text);
        ui.label(RichText::new("The limits count it no more. This cannot be undone.").weak());
        ui.horizontal(|ui| {
            if ui.button("Delete payment").clicked() {
                acts.push(Act::ConfirmDelete(id));
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                acts.push(Act::Close);
            }
        });
    });
}

pub fn import_dialog_ui(ctx: &egui::Context, dialog: &mut SpendDialog, acts: &mut Vec<Act>) {
    let SpendDialog::Import(d) = dialog else {
        return;
    };
    Modal::new(Id::unique("import_dialog")).show(ctx, |ui| {
        ui.set_width(620.0);
        ui.heading("Import payments (CSV)");
        ui.label(RichText::new("at,amount,currency,type,to,method,counterparty,note,fx_exempt — nothing is written until you confirm, and then all rows or none").weak());
        let running = d.job.is_some();
        ui.horizontal(|ui| {
            let l = ui.label("File");
            ui.add_enabled(
                !running,
                TextEdit::singleline(&mut d.path).hint_text("/home/you/payments.csv").desired_width(380.0),
            )
            .labelled_by(l.id);
            if ui
                .add_enabled(!running && !d.path.trim().is_empty(), egui::Button::new("Preview"))
                .clicked()
            {
                acts.push(Act::StartPreview(d.path.trim().to_owned()));
            }
        });
        if let Some(job) = &d.job {
            let f = job.progress.lock().map(|g| *g).unwrap_or(0.0);
            ui.add(ProgressBar::new(f).show_percentage().text(format!("{} {:.0} %", job.stage, f * 100.0)));
            if ui.button("Cancel import").clicked() {
                acts.push(Act::CancelImport);
            }
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        if let Some(e) = &d.error {
            ui.label(RichText::new(e).color(ERROR));
        }
        if let Some(p) = &d.preview {
            let totals: Vec<String> = p.totals.iter().map(|(c, a)| money(*a, *c)).collect();
            ui.label(format!(
                "{} rows to import{}; {} duplicates skipped; {} errors",
                p.rows.len(),
                if totals.is_empty() { String::new() } else { format!(" ({})", totals.join(", ")) },
                p.duplicates.len(),
                p.errors.len()
            ));
            if !p.errors.is_empty() || !p.duplicates.is_empty() {
                egui::ScrollArea::vertical().max_height(200.0).show(ui, |ui| {
                    for (line, e) in p.errors.iter().take(200) {
                        ui.label(RichText::new(format!("line {line}: {e}")).color(ERROR));
                    }
                    for (line, why) in p.duplicates.iter().take(100) {
                        ui.label(RichText::new(format!("line {line}: duplicate, skipped ({why})")).color(WARN));
                    }
                });
            }
            if !p.errors.is_empty() {
                ui.label(RichText::new("Fix the lines above and preview again: nothing is written while any line is wrong.").color(ERROR));
            }
        }
        ui.separator();
        ui.horizontal(|ui| {
            let n = d.preview.as_ref().filter(|p| p.errors.is_empty()).map(|p| p.rows.len());
            if ui
                .add_enabled(!running && n.is_some_and(|n| n > 0), egui::Button::new(format!("Import {} rows", n.unwrap_or(0))))
                .clicked()
            {
                acts.push(Act::StartImport);
            }
            if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                acts.push(Act::Close);
            }
        });
    });
}

pub fn export_dialog_ui(ctx: &egui::Context, dialog: &mut SpendDialog, acts: &mut Vec<Act>) {
    let SpendDialog::Export { path, error } = dialog else {
        return;
    };
    Modal::new(Id::unique("export_dialog")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading("Export payments (CSV)");
        ui.horizontal(|ui| {
            let l = ui.label("Save to");
            ui.add(TextEdit::singleline(path).desired_width(400.0))
                .labelled_by(l.id);
        });
        if let Some(e) = error {
            ui.label(RichText::new(e.as_str()).color(ERROR));
        }
        ui.horizontal(|ui| {
            if ui.button("Export").clicked() {
                acts.push(Act::Export(path.clone()));
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                acts.push(Act::Close);
            }
        });
    });
}
