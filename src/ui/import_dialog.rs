//! "Import CSV…": a file read into a preview (progress, cancel), then written
//! in one transaction, all rows or none. The service runs the job; the window
//! polls it between frames.

use eframe::egui::{self, Id, ProgressBar, RichText, TextEdit};

use super::command::Command;
use super::form::{self, ERROR, Reserve, WARN};
use crate::wallet::{ImportPreview, Job};
use crate::words;
use std::path::PathBuf;

#[derive(Default)]
pub struct ImportDialog {
    pub path: String,
    pub preview: Option<ImportPreview>,
    pub job: Option<ImportRun>,
    pub error: Option<String>,
    /// The system's file dialog, open in the background.
    pub chooser: Option<Job<PathBuf>>,
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

pub fn import_dialog_ui(ctx: &egui::Context, d: &mut ImportDialog, commands: &mut Vec<Command>) {
    form::Dialog::new(Id::unique("import_dialog"), [640.0, 480.0]).show(ctx, |ui| {
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
                commands.push(Command::StartPreview(d.path.trim().to_owned()));
            }
            if ui
                .add_enabled(!running && d.chooser.is_none(), egui::Button::new("Choose file…"))
                .on_hover_text("The system's file dialog; you can also drop a file onto the window")
                .clicked()
            {
                commands.push(Command::ChooseImportFile);
            }
        });
        // The progress, the message and the preview each have their room: the
        // buttons below stay where they are.
        let room = Reserve::lines(ui, 2);
        if let Some(job) = &d.job {
            let (label, f) = job.label_and_progress();
            ui.add(ProgressBar::new(f).show_percentage().text(format!("{label} {:.0} %", f * 100.0)));
            if ui.button("Cancel import").clicked() {
                commands.push(Command::CancelImport);
            }
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        room.end(ui);
        form::message_block_ui(ui, 2, d.error.as_deref());
        let room = Reserve::height(ui, 200.0 + 3.0 * ui.spacing().interact_size.y);
        if let Some(p) = &d.preview {
            ui.label(words::import_summary(p));
            if !p.errors.is_empty() || !p.duplicates.is_empty() {
                egui::ScrollArea::vertical().max_height(200.0).show(ui, |ui| {
                    for (line, e) in p.errors.iter().take(200) {
                        ui.label(RichText::new(words::import_error(*line, e)).color(ERROR));
                    }
                    for (line, why) in p.duplicates.iter().take(100) {
                        ui.label(RichText::new(words::import_duplicate(*line, why)).color(WARN));
                    }
                });
            }
            super::mapping_dialog::offer_mapping_ui(ui, Some(p), &d.path, commands);
            if !p.errors.is_empty() {
                ui.label(RichText::new("Fix the lines above and preview again: nothing is written while any line is wrong.").color(ERROR));
            }
        }
        room.end(ui);
        ui.separator();
        ui.horizontal(|ui| {
            let n = d.preview.as_ref().filter(|p| p.errors.is_empty()).map(|p| p.rows.len());
            if ui
                .add_enabled_ui(!running && n.is_some_and(|n| n > 0), |ui| {
                    ui.add_sized([160.0, ui.spacing().interact_size.y], egui::Button::new(words::import_rows(n.unwrap_or(0))))
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
