//! Small form widgets shared by the dialogs: a label linked to its input (so
//! screen readers and tests find it by name), the field's error below it, and
//! rows of choices.

use eframe::egui::{self, Color32, Response, RichText, TextEdit, Ui};

use crate::domain::{FieldError, FieldErrors};

pub const ERROR: Color32 = Color32::from_rgb(0xd0, 0x3a, 0x3a);
pub const WARN: Color32 = Color32::from_rgb(0xc8, 0x8a, 0x10);
pub const OK: Color32 = Color32::from_rgb(0x2e, 0x9e, 0x5b);

/// A labelled one-line text input in a two-column grid, with its error shown
/// once the user has typed something into it.
pub fn text_row_ui(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    hint: &str,
    error: Option<&FieldError>,
) -> Response {
    let label_response = ui.label(label);
    let response = ui
        .vertical(|ui| {
            let r = ui
                .add(
                    TextEdit::singleline(value)
                        .hint_text(hint)
                        .desired_width(280.0),
                )
                .labelled_by(label_response.id);
            if let Some(e) = error.filter(|_| !value.trim().is_empty()) {
                ui.label(RichText::new(&e.message).color(ERROR));
            }
            r
        })
        .inner;
    ui.end_row();
    response
}

/// A labelled row of mutually exclusive choices (`id`, shown name). Each
/// choice is a button named by its own text, reachable with Tab and Space. Each
/// choice is a button named by its own text, reachable with Tab and Space.
pub fn choice_row_ui(ui: &mut Ui, label: &str, value: &mut String, options: &[(&str, &str)]) {
    ui.label(label);
    ui.horizontal_wrapped(|ui| {
        for (id, name) in options {
            let selected = value == id;
            let r = ui.selectable_label(selected, *name);
            if r.clicked() {
                *value = (*id).to_owned();
            }
        }
    });
    ui.end_row();
}

/// The foot of every form dialog: the service's refusal of the last submit, the
/// submit button (disabled until `errors` is empty, with the first error beside
/// it), Cancel, and the keyboard: Enter submits a valid form, Escape cancels.
/// Returns `Some(true)` to submit, `Some(false)` to cancel.
pub fn footer_ui(
    ui: &mut Ui,
    error: Option<&str>,
    errors: &FieldErrors,
    submit: &str,
) -> Option<bool> {
    if let Some(e) = error {
        ui.label(RichText::new(e).color(ERROR));
    }
    ui.separator();
    let valid = errors.is_empty();
    let mut outcome = None;
    ui.horizontal(|ui| {
        if ui.add_enabled(valid, egui::Button::new(submit)).clicked() {
            outcome = Some(true);
        }
        if ui.button("Cancel").clicked() {
            outcome = Some(false);
        }
        if let Some(e) = errors.first() {
            ui.label(RichText::new(e.to_string()).color(ERROR));
        }
    });
    outcome.or_else(|| submit_or_cancel(ui, valid))
}

/// Enter submits, Escape cancels: the keyboard path through every dialog.
fn submit_or_cancel(ui: &Ui, can_submit: bool) -> Option<bool> {
    ui.input(|i| {
        if i.key_pressed(egui::Key::Escape) {
            Some(false)
        } else if can_submit && i.key_pressed(egui::Key::Enter) {
            Some(true)
        } else {
            None
        }
    })
}
