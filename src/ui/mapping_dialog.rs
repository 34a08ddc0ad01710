//! "Map its columns…": any other CSV (a bank's statement) read through a mapping
//! the person makes here — which column is the time, amount, currency (or one
//! fixed currency), counterparty and note; the date format; decimal comma; which
//! sign is money out — with a live preview of the first rows as they would be
//! recorded, saved by name. The first lines of the file come from a service job;
//! this screen draws and sends commands (no file I/O, no SQL).

use chrono_tz::Tz;
use eframe::egui::{self, Id, RichText, TextEdit};

use super::command::Command;
use super::form;
use crate::domain::bills::clean;
use crate::domain::bills::mapping::{
    self, ColumnRef, CsvMapping, CurrencySource, DATE_PRESETS, MappedRow, MoneyOut,
};
use crate::domain::money::{Currency, money};
use crate::domain::{FieldError, FieldErrors};
use crate::wallet::{CsvSample, Finished, ImportPreview, Job};
use crate::words;

/// How many rows the live preview shows.
const PREVIEW_ROWS: usize = 12;

pub struct MappingDialog {
    pub path: String,
    pub tz: Tz,
    /// Reading the first lines of the file.
    pub job: Option<Job<CsvSample>>,
    pub sample: Option<CsvSample>,
    /// Saved mappings to start from.
    pub saved: Vec<CsvMapping>,
    pub name: String,
    pub time: usize,
    pub amount: usize,
    /// `None`: one fixed currency for every row.
    pub currency_col: Option<usize>,
    pub fixed_currency: String,
    pub counterparty: Option<usize>,
    pub note: Option<usize>,
    pub date_format: String,
    pub decimal_comma: bool,
    pub money_out: MoneyOut,
    pub has_header: bool,
    pub skip_lines: usize,
    pub error: Option<String>,
}

impl MappingDialog {
    pub fn new(path: String, tz: Tz, job: Job<CsvSample>, saved: Vec<CsvMapping>) -> Self {
        MappingDialog {
            path,
            tz,
            job: Some(job),
            sample: None,
            saved,
            name: String::new(),
            time: 0,
            amount: 1,
            currency_col: None,
            fixed_currency: "CNY".into(),
            counterparty: None,
            note: None,
            date_format: DATE_PRESETS[0].into(),
            decimal_comma: false,
            money_out: MoneyOut::Negative,
            has_header: true,
            skip_lines: 0,
            error: None,
        }
    }

    /// The file's first lines have come: the form starts from a guess.
    fn sampled(&mut self, s: CsvSample) {
        self.sample = Some(s);
        let (header, rows) = self.header_and_rows();
        let g = mapping::guess(&header, &rows);
        self.load(&g);
    }

    /// Fill the form from a mapping (a guess, or a saved one).
    fn load(&mut self, m: &CsvMapping) {
        let header = self.header_and_rows().0;
        let find = |c: &ColumnRef| {
            header
                .iter()
                .position(|h| !c.name.is_empty() && clean(h) == c.name)
                .unwrap_or(c.index)
        };
        if !m.name.is_empty() {
            self.name.clone_from(&m.name);
        }
        self.time = find(&m.time);
        self.amount = find(&m.amount);
        match &m.currency {
            CurrencySource::Column(c) => self.currency_col = Some(find(c)),
            CurrencySource::Fixed(c) => {
                self.currency_col = None;
                self.fixed_currency = c.to_string();
            }
        }
        self.counterparty = m.counterparty.as_ref().map(find);
        self.note = m.note.as_ref().map(find);
        self.date_format.clone_from(&m.date_format);
        self.decimal_comma = m.decimal_comma;
        self.money_out = m.money_out;
        self.has_header = m.has_header;
        self.skip_lines = m.skip_lines;
    }

    /// The header's names (or "column N") and the data rows of the sample.
    fn header_and_rows(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let lines: &[Vec<String>] = self.sample.as_ref().map_or(&[], |s| &s.lines);
        let lines: Vec<&Vec<String>> = lines
            .iter()
            .skip(self.skip_lines)
            .filter(|l| !l.iter().all(|f| clean(f).is_empty()))
            .collect();
        let width = lines.iter().map(|l| l.len()).max().unwrap_or(0);
        let (header, rows) = match (self.has_header, lines.split_first()) {
            (true, Some((h, rest))) => ((*h).clone(), rest.to_vec()),
            (_, _) => (
                (1..=width).map(|i| format!("column {i}")).collect(),
                lines.clone(),
            ),
        };
        (header, rows.into_iter().cloned().collect())
    }

    fn column(&self, header: &[String], i: usize) -> ColumnRef {
        if self.has_header {
            ColumnRef::named(header.get(i).map_or("", |h| clean(h)), i)
        } else {
            ColumnRef::at(i)
        }
    }

    /// The mapping as the form says it, or what is wrong, field by field.
    pub fn mapping(&self) -> Result<CsvMapping, FieldErrors> {
        let header = self.header_and_rows().0;
        let currency = match self.currency_col {
            Some(i) => CurrencySource::Column(self.column(&header, i)),
            None => match Currency::parse("currency", &self.fixed_currency) {
                Ok(c) => CurrencySource::Fixed(c),
                Err(e) => return Err(FieldErrors(vec![e])),
            },
        };
        let m = CsvMapping {
            name: self.name.trim().to_owned(),
            time: self.column(&header, self.time),
            amount: self.column(&header, self.amount),
            currency,
            counterparty: self.counterparty.map(|i| self.column(&header, i)),
            note: self.note.map(|i| self.column(&header, i)),
            date_format: self.date_format.trim().to_owned(),
            decimal_comma: self.decimal_comma,
            money_out: self.money_out,
            skip_lines: self.skip_lines,
            has_header: self.has_header,
        };
        m.validate().map(|()| m)
    }

    /// The first rows as they would be recorded: (line of the file, what it becomes).
    fn preview(&self, m: &CsvMapping) -> Vec<(usize, Result<MappedRow, FieldError>)> {
        let (header, rows) = self.header_and_rows();
        let cols = match m.resolve(self.has_header.then_some(&header[..])) {
            Ok(c) => c,
            Err(e) => {
                return e.0.into_iter().map(|e| (0, Err(e))).take(1).collect();
            }
        };
        let first = self.skip_lines + usize::from(self.has_header) + 1;
        rows.iter()
            .take(PREVIEW_ROWS)
            .enumerate()
            .map(|(i, r)| (first + i, m.read_row(&cols, r, self.tz)))
            .collect()
    }

    fn poll(&mut self) {
        let Some(job) = &self.job else { return };
        let Some(r) = job.poll() else { return };
        self.job = None;
        match r {
            Ok(Finished::Done(s)) => self.sampled(s),
            Ok(Finished::Cancelled) => self.error = Some("Cancelled; nothing was read".into()),
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        self.poll();
        if self.job.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        form::Dialog::new(Id::unique("mapping_dialog"), [760.0, 620.0]).show(ctx, |ui| {
            ui.heading("Map the columns of a CSV");
            ui.label(RichText::new(&self.path).weak());
            if self.job.is_some() {
                ui.spinner();
            }
            if self.sample.is_some() {
                self.form_ui(ui, commands);
            } else {
                form::message_block_ui(ui, 2, self.error.as_deref());
            }
            ui.separator();
            if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                commands.push(Command::CloseDialog);
            }
        });
    }

    #[allow(clippy::too_many_lines)]
    fn form_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let header = self.header_and_rows().0;
        if !self.saved.is_empty() {
            let mut chosen = None;
            ui.horizontal(|ui| {
                let l = ui.label("Start from");
                egui::ComboBox::from_id_salt("mapping_saved")
                    .selected_text("a saved mapping…")
                    .show_ui(ui, |ui| {
                        for m in &self.saved {
                            if ui.selectable_label(false, &m.name).clicked() {
                                chosen = Some(m.clone());
                            }
                        }
                    })
                    .response
                    .labelled_by(l.id);
            });
            if let Some(m) = chosen {
                self.load(&m);
            }
        }
        let combo = |ui: &mut egui::Ui, label: &str, value: &mut usize| {
            let l = ui.label(label);
            let shown = header.get(*value).cloned().unwrap_or_default();
            egui::ComboBox::from_id_salt(label)
                .selected_text(clean(&shown).to_owned())
                .show_ui(ui, |ui| {
                    for (i, h) in header.iter().enumerate() {
                        ui.selectable_value(value, i, clean(h));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
        };
        let optional = |ui: &mut egui::Ui, label: &str, value: &mut Option<usize>, none: &str| {
            let l = ui.label(label);
            let shown = value
                .and_then(|i| header.get(i))
                .map_or(none.to_owned(), |h| clean(h).to_owned());
            egui::ComboBox::from_id_salt(label)
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(value, None, none);
                    for (i, h) in header.iter().enumerate() {
                        ui.selectable_value(value, Some(i), clean(h));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
        };
        egui::Grid::new("mapping_form")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                ui.label("Lines");
                ui.horizontal(|ui| {
                    ui.checkbox(&mut self.has_header, "The first line names the columns");
                    let l = ui.label("Lines before it");
                    ui.add(egui::DragValue::new(&mut self.skip_lines).range(0..=30))
                        .labelled_by(l.id);
                });
                ui.end_row();
                combo(ui, "Time column", &mut self.time);
                let l = ui.label("Date format");
                ui.horizontal(|ui| {
                    egui::ComboBox::from_id_salt("mapping_date_presets")
                        .selected_text("Presets")
                        .show_ui(ui, |ui| {
                            for p in DATE_PRESETS {
                                ui.selectable_value(&mut self.date_format, p.to_owned(), p);
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    ui.add(TextEdit::singleline(&mut self.date_format).desired_width(180.0))
                        .labelled_by(l.id);
                });
                ui.end_row();
                combo(ui, "Amount column", &mut self.amount);
                ui.label("Amounts");
                ui.horizontal(|ui| {
                    ui.checkbox(&mut self.decimal_comma, "Decimal comma (1.234,50)");
                    for m in MoneyOut::ALL {
                        ui.radio_value(&mut self.money_out, m, m.label());
                    }
                });
                ui.end_row();
                optional(
                    ui,
                    "Currency column",
                    &mut self.currency_col,
                    "One currency for all rows",
                );
                if self.currency_col.is_none() {
                    let l = ui.label("Currency");
                    ui.add(TextEdit::singleline(&mut self.fixed_currency).desired_width(60.0))
                        .labelled_by(l.id);
                    ui.end_row();
                }
                optional(ui, "Counterparty column", &mut self.counterparty, "None");
                optional(ui, "Note column", &mut self.note, "None");
                let l = ui.label("Mapping name");
                ui.add(
                    TextEdit::singleline(&mut self.name)
                        .hint_text("My bank")
                        .desired_width(240.0),
                )
                .labelled_by(l.id);
                ui.end_row();
            });
        let checked = self.mapping();
        ui.separator();
        ui.label(RichText::new("Preview: the first rows as they would be recorded").strong());
        // The preview reads with whatever name; a missing name is said below.
        let for_preview = checked.clone().or_else(|errs| {
            if errs.0.iter().all(|e| e.field == "name") {
                let mut m = self.unnamed();
                m.name = "-".into();
                Ok(m)
            } else {
                Err(errs)
            }
        });
        match &for_preview {
            Ok(m) => self.preview_ui(ui, m),
            Err(errs) => {
                for e in &errs.0 {
                    ui.label(RichText::new(e.to_string()).color(form::error(ui)));
                }
            }
        }
        ui.separator();
        form::message_block_ui(ui, 2, self.error.as_deref());
        ui.horizontal(|ui| {
            let ok = checked.as_ref().ok();
            if ui
                .add_enabled(ok.is_some(), egui::Button::new("Save mapping"))
                .clicked()
                && let Some(m) = ok
            {
                commands.push(Command::SaveMapping(Box::new(m.clone()), false));
            }
            if ui
                .add_enabled(ok.is_some(), egui::Button::new("Save and import"))
                .clicked()
                && let Some(m) = ok
            {
                commands.push(Command::SaveMapping(Box::new(m.clone()), true));
            }
            if let Err(errs) = &checked
                && let Some(e) = errs.first()
            {
                ui.label(RichText::new(e.to_string()).color(form::error(ui)));
            }
        });
    }

    /// The form's mapping without the checks (for the preview while the name is empty).
    fn unnamed(&self) -> CsvMapping {
        let header = self.header_and_rows().0;
        CsvMapping {
            name: String::new(),
            time: self.column(&header, self.time),
            amount: self.column(&header, self.amount),
            currency: match self.currency_col {
                Some(i) => CurrencySource::Column(self.column(&header, i)),
                None => CurrencySource::Fixed(
                    Currency::parse("currency", &self.fixed_currency).unwrap_or(Currency::CNY),
                ),
            },
            counterparty: self.counterparty.map(|i| self.column(&header, i)),
            note: self.note.map(|i| self.column(&header, i)),
            date_format: self.date_format.trim().to_owned(),
            decimal_comma: self.decimal_comma,
            money_out: self.money_out,
            skip_lines: self.skip_lines,
            has_header: self.has_header,
        }
    }

    fn preview_ui(&self, ui: &mut egui::Ui, m: &CsvMapping) {
        egui::Grid::new("mapping_preview")
            .striped(true)
            .num_columns(5)
            .show(ui, |ui| {
                for h in ["Line", "Time", "Amount", "Counterparty", "Note"] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for (line, row) in self.preview(m) {
                    ui.label(line.to_string());
                    match row {
                        Ok(MappedRow::Record(t)) => {
                            ui.label(crate::domain::calendar::minute(t.at, self.tz));
                            ui.label(money(t.amount, t.currency));
                            ui.label(t.counterparty);
                            ui.label(t.note);
                        }
                        Ok(MappedRow::Skip(why)) => {
                            ui.label(
                                RichText::new(format!("skipped: {}", words::mapped_skip(why)))
                                    .color(form::warn(ui)),
                            );
                        }
                        Err(e) => {
                            ui.label(RichText::new(e.to_string()).color(form::error(ui)));
                        }
                    }
                    ui.end_row();
                }
            });
    }
}

/// In the import dialog: a file in no known format can have its columns mapped.
pub fn offer_mapping_ui(
    ui: &mut egui::Ui,
    preview: Option<&ImportPreview>,
    path: &str,
    commands: &mut Vec<Command>,
) {
    let unknown = preview.is_some_and(|p| {
        p.rows.is_empty()
            && p.error_parts(0).0 == "file"
            && p.errors
                .first()
                .is_some_and(|e| e.1.contains("not a file walletdesk can read"))
    });
    if unknown {
        ui.horizontal(|ui| {
            ui.label(words::unknown_format_hint());
            if ui.button("Map its columns…").clicked() {
                commands.push(Command::OpenMapping(path.trim().to_owned()));
            }
        });
    }
}
