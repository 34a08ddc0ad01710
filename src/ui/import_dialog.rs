//! "Import…": a file (walletdesk's own CSV or a provider's bill) read into a
//! preview of what each row becomes (B1–B5), where the person can change a row's
//! type, destination or method, or leave it out; then written in one
//! transaction, all chosen rows or none. The service runs the jobs and applies
//! the changes; the window polls between frames and draws.

use eframe::egui::{self, Id, ProgressBar, RichText, TextEdit, Ui};
use egui_extras::{Column, TableBuilder};

use super::command::Command;
use super::form::{self, Reserve};
use crate::domain::bills::FormatChoice;
use crate::domain::limits::{Destination, TxType};
use crate::domain::money::money;
use crate::domain::txn::cannot_pay;
use crate::domain::{Method, MethodId};
use crate::wallet::{ImportPreview, ImportRow, Job, RowChange};
use crate::words;
use chrono_tz::Tz;
use std::path::PathBuf;

#[derive(Default)]
pub struct ImportDialog {
    pub path: String,
    /// How to read the file (detected unless the person says).
    pub format: FormatChoice,
    pub preview: Option<ImportPreview>,
    pub job: Option<ImportRun>,
    pub error: Option<String>,
    /// The system's file dialog, open in the background.
    pub chooser: Option<Job<PathBuf>>,
    /// The part of the preview shown.
    pub section: Section,
    /// The file field has had the keyboard once (on opening).
    focused: bool,
    /// A protected zip's password, as typed (wiped when the dialog goes).
    pub password: zeroize::Zeroizing<String>,
}

/// The preview's parts, one shown at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    #[default]
    Payments,
    Refunds,
    NotPayments,
    Duplicates,
    Errors,
}

/// The import's running job: reading the file, or writing its rows.
pub enum ImportRun {
    Reading(Job<ImportPreview>),
    Writing(Job<usize>),
}

impl ImportRun {
    fn label_and_progress(&self) -> (&'static str, f32) {
        match self {
            ImportRun::Reading(j) => (j.label(), j.progress()),
            ImportRun::Writing(j) => (j.label(), j.progress()),
        }
    }

    pub fn cancel(&self) {
        match self {
            ImportRun::Reading(j) => j.cancel(),
            ImportRun::Writing(j) => j.cancel(),
        }
    }
}

/// `methods`: the account's, for the "Paid with" picker (B3).
pub fn import_dialog_ui(
    ctx: &egui::Context,
    methods: &[Method],
    tz: Tz,
    d: &mut ImportDialog,
    commands: &mut Vec<Command>,
) {
    form::Dialog::new(Id::unique("import_dialog"), [960.0, 580.0]).show(ctx, |ui| {
        ui.heading("Import payments");
        ui.label(
            RichText::new(
                "walletdesk's own CSV, or the bill Alipay or WeChat Pay e-mails you. \
                 Nothing is written until you press Import, and then all chosen rows or none.",
            )
            .weak(),
        );
        let running = d.job.is_some();
        file_row_ui(ui, d, running, commands);
        // The progress, the message and the preview each have their room: the
        // buttons below stay where they are.
        let room = Reserve::lines(ui, 2);
        if let Some(job) = &d.job {
            let (label, f) = job.label_and_progress();
            ui.add(
                ProgressBar::new(f)
                    .show_percentage()
                    .text(format!("{label} {:.0} %", f * 100.0)),
            );
            if ui.button("Cancel import").clicked() {
                commands.push(Command::CancelImport);
            }
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        room.end(ui);
        form::message_block_ui(ui, 2, d.error.as_deref());
        if d.preview
            .as_ref()
            .is_some_and(ImportPreview::needs_password)
        {
            password_row_ui(ui, d, running, commands);
        }
        let room = Reserve::height(ui, 340.0);
        if let Some(p) = &d.preview {
            preview_ui(ui, methods, tz, p, &mut d.section, running, commands);
            super::mapping_dialog::offer_mapping_ui(ui, Some(p), &d.path, commands);
        }
        room.end(ui);
        ui.separator();
        ui.horizontal(|ui| {
            let n = d
                .preview
                .as_ref()
                .filter(|p| p.errors.is_empty())
                .map(ImportPreview::chosen_count);
            if ui
                .add_enabled_ui(!running && n.is_some_and(|n| n > 0), |ui| {
                    ui.add_sized(
                        [160.0, ui.spacing().interact_size.y],
                        egui::Button::new(words::import_rows(n.unwrap_or(0))),
                    )
                })
                .inner
                .clicked()
            {
                commands.push(Command::StartImport);
            }
            if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                commands.push(Command::CloseDialog);
            }
        });
    });
}

fn file_row_ui(ui: &mut Ui, d: &mut ImportDialog, running: bool, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let l = ui.label("File");
        let field = ui
            .add_enabled(
                !running,
                TextEdit::singleline(&mut d.path)
                    .hint_text("/home/you/alipay_record.csv")
                    .desired_width(360.0),
            )
            .labelled_by(l.id);
        if !d.focused {
            d.focused = true;
            field.request_focus();
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui
            .add_enabled(
                !running && d.chooser.is_none(),
                egui::Button::new("Choose file…"),
            )
            .on_hover_text("The system's file dialog; you can also drop a file onto the window")
            .clicked()
        {
            commands.push(Command::ChooseImportFile);
        }
        let l = ui.label("Read as");
        let before = d.format;
        ui.add_enabled_ui(!running, |ui| {
            egui::ComboBox::from_id_salt("import_format")
                .selected_text(d.format.label())
                .show_ui(ui, |ui| {
                    for f in FormatChoice::ALL {
                        ui.selectable_value(&mut d.format, f, f.label());
                    }
                })
                .response
                .labelled_by(l.id);
        });
        let path = d.path.trim();
        if ui
            .add_enabled(!running && !path.is_empty(), egui::Button::new("Preview"))
            .clicked()
            || (!running && entered && !path.is_empty())
            || (d.format != before && !path.is_empty())
        {
            commands.push(Command::StartPreview(path.to_owned()));
        }
    });
}

/// The e-mailed zip's password: typed here, handed to the reading job, never shown.
fn password_row_ui(ui: &mut Ui, d: &mut ImportDialog, running: bool, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let l = ui.label("Password of the zip");
        let field = ui
            .add_enabled(
                !running,
                TextEdit::singleline(&mut *d.password)
                    .password(true)
                    .desired_width(220.0),
            )
            .labelled_by(l.id);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let path = d.path.trim();
        if (ui
            .add_enabled(
                !running && !d.password.is_empty(),
                egui::Button::new("Open the zip"),
            )
            .clicked()
            || (entered && !running && !d.password.is_empty()))
            && !path.is_empty()
        {
            commands.push(Command::StartPreview(path.to_owned()));
        }
        ui.label(RichText::new("The password the wallet's e-mail gave; it is not kept").weak());
    });
}

fn preview_ui(
    ui: &mut Ui,
    methods: &[Method],
    tz: Tz,
    p: &ImportPreview,
    section: &mut Section,
    running: bool,
    commands: &mut Vec<Command>,
) {
    if !p.format.is_empty() {
        ui.label(RichText::new(words::import_format(&p.format)).strong());
    }
    ui.label(words::import_summary(p));
    ui.horizontal(|ui| {
        for (s, n, name) in [
            (Section::Payments, p.row_total, "Payments"),
            (Section::Refunds, p.refunds.len(), "Refunds"),
            (Section::NotPayments, p.skipped_total, "Not payments"),
            (Section::Duplicates, p.duplicate_total, "Duplicates"),
            (Section::Errors, p.error_total, "Errors"),
        ] {
            if n > 0 || s == Section::Payments {
                ui.selectable_value(section, s, format!("{name} ({n})"));
            }
        }
    });
    // An import with errors opens on them: they are what stops it.
    if !p.errors.is_empty() && *section == Section::Payments && p.rows.is_empty() {
        *section = Section::Errors;
    }
    match *section {
        Section::Payments => payments_ui(ui, methods, tz, p, running, commands),
        Section::Refunds => refunds_ui(ui, tz, p, running, commands),
        Section::NotPayments => lines_ui(ui, &p.skipped, None, words::import_skipped),
        Section::Duplicates => lines_ui(
            ui,
            &p.duplicates,
            Some(form::warn(ui)),
            words::import_duplicate,
        ),
        Section::Errors => {
            lines_ui(ui, &p.errors, Some(form::error(ui)), words::import_error);
        }
    }
    // A large file: its first rows are listed, all are counted (and written).
    let (listed, all) = match *section {
        Section::Payments => (p.rows.len(), p.row_total),
        Section::Refunds => (p.refunds.len(), p.refunds.len()),
        Section::NotPayments => (p.skipped.len(), p.skipped_total),
        Section::Duplicates => (p.duplicates.len(), p.duplicate_total),
        Section::Errors => (p.errors.len(), p.error_total),
    };
    if listed < all {
        ui.weak(words::listed_first(listed, all));
    }
    if !p.errors.is_empty() {
        ui.label(
            RichText::new(
                "Fix the lines with errors and preview again: nothing is written while any line is wrong.",
            )
            .color(form::error(ui)),
        );
    }
}

/// A list of (line, why): the rows that are not payments, the duplicates, the errors.
fn lines_ui(
    ui: &mut Ui,
    lines: &[(u64, String)],
    color: Option<egui::Color32>,
    word: fn(u64, &str) -> String,
) {
    let h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    egui::ScrollArea::vertical()
        .max_height(260.0)
        .auto_shrink([false, true])
        .show_rows(ui, h, lines.len(), |ui, range| {
            for (line, why) in &lines[range] {
                let t = RichText::new(word(*line, why));
                ui.label(match color {
                    Some(c) => t.color(c),
                    None => t,
                });
            }
        });
}

/// The payments to be written, each with what it is recorded as and a way to
/// change it or leave it out.
fn payments_ui(
    ui: &mut Ui,
    methods: &[Method],
    tz: Tz,
    p: &ImportPreview,
    running: bool,
    commands: &mut Vec<Command>,
) {
    // Offered: the methods that can pay; any method is named by its title.
    let titles: Vec<(MethodId, String, bool)> = methods
        .iter()
        .map(|m| (m.id, m.title(), cannot_pay(m.status).is_none()))
        .collect();
    let h = ui.spacing().interact_size.y + 4.0;
    ui.add_enabled_ui(!running, |ui| {
        TableBuilder::new(ui)
            .id_salt("import_rows")
            .striped(true)
            .resizable(false)
            .auto_shrink([false, true])
            .max_scroll_height(260.0)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(56.0))
            .column(Column::exact(118.0))
            .column(Column::remainder().at_least(120.0).clip(true))
            .column(Column::exact(110.0))
            .column(Column::exact(150.0))
            .column(Column::exact(160.0))
            .column(Column::exact(170.0))
            .column(Column::exact(60.0))
            .header(22.0, |mut hd| {
                for title in [
                    "Line",
                    "When",
                    "Counterparty",
                    "Amount",
                    "Type",
                    "To",
                    "Paid with",
                    "Write",
                ] {
                    hd.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(h, p.rows.len(), |mut row| {
                    let Some(r) = p.rows.get(row.index()) else {
                        return;
                    };
                    let included = !p.excluded.contains(&r.line);
                    row.col(|ui| {
                        ui.label(r.line.to_string());
                    });
                    row.col(|ui| {
                        ui.label(words::time(r.txn.at, tz));
                    });
                    row.col(|ui| {
                        let c = ui.label(&r.txn.counterparty);
                        if !r.txn.note.is_empty() {
                            c.on_hover_text(&r.txn.note);
                        }
                    });
                    row.col(|ui| {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            let t = RichText::new(money(r.txn.amount, r.txn.currency));
                            ui.label(if included {
                                t
                            } else {
                                t.strikethrough().weak()
                            });
                        });
                    });
                    row.col(|ui| type_ui(ui, r, commands));
                    row.col(|ui| dest_ui(ui, r, commands));
                    row.col(|ui| method_ui(ui, r, &titles, commands));
                    row.col(|ui| {
                        let mut on = included;
                        let c = ui.checkbox(&mut on, "");
                        c.widget_info(|| {
                            egui::WidgetInfo::selected(
                                egui::Role::CheckBox,
                                true,
                                on,
                                format!("Write line {}", r.line),
                            )
                        });
                        if on != included {
                            commands.push(Command::ChangeImportRow(r.line, RowChange::Include(on)));
                        }
                    });
                });
            });
    });
}

fn type_ui(ui: &mut Ui, r: &ImportRow, commands: &mut Vec<Command>) {
    let mut ty = r.txn.ty;
    let c = egui::ComboBox::from_id_salt(("import_type", r.line))
        .width(140.0)
        .selected_text(ty.label())
        .show_ui(ui, |ui| {
            for &t in TxType::ALL {
                ui.selectable_value(&mut ty, t, t.label());
            }
        });
    named(&c.response, format!("Type of line {}", r.line), ty.label());
    if ty != r.txn.ty {
        commands.push(Command::ChangeImportRow(r.line, RowChange::Type(ty)));
    }
}

fn dest_ui(ui: &mut Ui, r: &ImportRow, commands: &mut Vec<Command>) {
    let mut to = r.txn.to;
    let c = egui::ComboBox::from_id_salt(("import_to", r.line))
        .width(150.0)
        .selected_text(to.label())
        .show_ui(ui, |ui| {
            for &t in Destination::ALL {
                ui.selectable_value(&mut to, t, t.label());
            }
        });
    named(
        &c.response,
        format!("Destination of line {}", r.line),
        to.label(),
    );
    if to != r.txn.to {
        commands.push(Command::ChangeImportRow(r.line, RowChange::To(to)));
    }
}

fn method_ui(
    ui: &mut Ui,
    r: &ImportRow,
    titles: &[(MethodId, String, bool)],
    commands: &mut Vec<Command>,
) {
    let mut m = r.txn.method;
    let title = |m: Option<MethodId>| {
        m.map_or_else(
            || words::NOT_RECORDED.to_owned(),
            |id| {
                titles
                    .iter()
                    .find(|(u, _, _)| *u == id)
                    .map_or_else(|| format!("method {id}"), |(_, t, _)| t.clone())
            },
        )
    };
    let shown = title(m);
    ui.horizontal(|ui| {
        let c = egui::ComboBox::from_id_salt(("import_method", r.line))
            .width(140.0)
            .selected_text(&shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut m, None, words::NOT_RECORDED);
                for (id, t, _) in titles.iter().filter(|(_, _, can)| *can) {
                    ui.selectable_value(&mut m, Some(*id), t);
                }
            });
        named(&c.response, format!("Method of line {}", r.line), &shown);
        if let Some(note) = &r.method_note {
            ui.label(RichText::new("?").color(form::warn(ui)))
                .on_hover_text(note);
        }
    });
    if m != r.txn.method {
        commands.push(Command::ChangeImportRow(r.line, RowChange::Method(m)));
    }
}

/// A table cell's picker, named for screen readers and tests ("Type of line 5").
fn named(r: &egui::Response, name: String, value: &str) {
    let value = value.to_owned();
    r.widget_info(move || {
        let mut info = egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &name);
        info.current_text_value = Some(value.clone());
        info
    });
}

/// The refunds (B5, Q9): written as refunds, linked to their payment where the
/// file says which; each can be left out.
fn refunds_ui(ui: &mut Ui, tz: Tz, p: &ImportPreview, running: bool, commands: &mut Vec<Command>) {
    ui.label(RichText::new(words::refund_explained()).weak());
    let h = ui.spacing().interact_size.y + 2.0;
    ui.add_enabled_ui(!running, |ui| {
        egui::ScrollArea::vertical()
            .max_height(220.0)
            .auto_shrink([false, true])
            .show_rows(ui, h, p.refunds.len(), |ui, range| {
                for f in &p.refunds[range] {
                    ui.horizontal(|ui| {
                        let mut on = !p.excluded.contains(&f.line);
                        let before = on;
                        ui.checkbox(&mut on, format!("Write line {}", f.line));
                        ui.label(words::time(f.at, tz));
                        ui.label(words::bill_refund(f.amount, f.of.as_deref(), f.linked));
                        if on != before {
                            commands.push(Command::ChangeImportRow(f.line, RowChange::Include(on)));
                        }
                    });
                }
            });
    });
}
