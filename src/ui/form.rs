//! Small form widgets shared by the dialogs: the dialog frame itself (a fixed
//! size), a label linked to its input (so screen readers and tests find it by
//! name), the field's error below it in space kept for it, and rows of choices.
//!
//! Nothing in a dialog moves while a person types or when an error appears: the
//! dialog keeps its size (what does not fit scrolls), a field's error line and
//! the footer's message line are always there, empty or not, and a part that
//! comes and goes (a conversion, a result) is given its room with `Reserve`.

use eframe::egui::{
    self, Align, Color32, Id, Label, Layout, Modal, ModalResponse, Response, RichText, ScrollArea,
    Sense, TextEdit, TextStyle, Ui, UiBuilder, vec2,
};

use super::palette::{Palette, Tone};
use crate::domain::{FieldError, FieldErrors};

/// Error text in this theme's colour.
pub fn error(ui: &Ui) -> Color32 {
    Palette::of_ui(ui).text(Tone::Error)
}

/// Warning text in this theme's colour.
pub fn warn(ui: &Ui) -> Color32 {
    Palette::of_ui(ui).text(Tone::Warn)
}

/// "Done", "it bound" text in this theme's colour.
pub fn ok(ui: &Ui) -> Color32 {
    Palette::of_ui(ui).text(Tone::Ok)
}

/// A dialog of a fixed size (`[width, height]`, smaller only when the window is):
/// it does not grow or shrink as fields fill or errors come and go, so a click
/// lands where the person aimed. What does not fit scrolls inside it; the scroll
/// bar is always there, so it never appears (and repaints) as the content grows.
/// Used as `Dialog::new(Id::unique("…"), [w, h]).show(ctx, |ui| …)`, like `Modal`.
pub struct Dialog {
    id: Id,
    size: [f32; 2],
}

impl Dialog {
    pub fn new(id: Id, size: [f32; 2]) -> Dialog {
        Dialog { id, size }
    }

    pub fn show<R>(
        self,
        ctx: &egui::Context,
        add_contents: impl FnOnce(&mut Ui) -> R,
    ) -> ModalResponse<R> {
        let Dialog { id, size } = self;
        let screen = ctx.content_rect();
        let width = size[0].min(screen.width() - 48.0).max(240.0);
        let height = size[1].min(screen.height() - 48.0).max(80.0);
        Modal::new(id).show(ctx, |ui| {
            ui.set_width(width);
            ui.set_height(height);
            ScrollArea::vertical()
                .id_salt(id.with("scroll"))
                .auto_shrink([false, false])
                .min_scrolled_height(height)
                .max_height(height)
                .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
                .show(ui, add_contents)
                .inner
        })
    }
}

/// Room kept for lines that come and go (a conversion, an answer, a message), so
/// that what is below them stays put: `let room = Reserve::lines(ui, 2);`, draw
/// them, then `room.end(ui)` pads up to the reserved height.
#[must_use]
pub struct Reserve {
    top: f32,
    height: f32,
}

impl Reserve {
    /// Room for `n` lines of body text or controls.
    pub fn lines(ui: &Ui, n: u8) -> Reserve {
        let line = ui
            .text_style_height(&TextStyle::Body)
            .max(ui.spacing().interact_size.y)
            + ui.spacing().item_spacing.y;
        Reserve::height(ui, f32::from(n) * line)
    }

    /// Room of a given height in points.
    pub fn height(ui: &Ui, height: f32) -> Reserve {
        Reserve {
            top: ui.cursor().min.y,
            height,
        }
    }

    /// Pad to the reserved height (nothing when the lines took more).
    pub fn end(self, ui: &mut Ui) {
        let used = ui.cursor().min.y - self.top;
        if used < self.height {
            ui.add_space(self.height - used);
        }
    }
}

/// One line of `width` that is always there: the message in red when there is
/// one (cut short with "…" if too long, whole on hover), else empty.
pub fn error_line_ui(ui: &mut Ui, width: f32, message: Option<&str>) {
    let height = ui.text_style_height(&TextStyle::Small);
    let (rect, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    if let Some(m) = message {
        // A child of the kept rect: what it holds never moves the parent's cursor.
        let mut line = ui.new_child(
            UiBuilder::new()
                .max_rect(rect)
                .layout(Layout::left_to_right(Align::Center)),
        );
        line.add(Label::new(RichText::new(m).small().color(error(ui))).truncate())
            .on_hover_text(m);
    }
}

/// A block of `lines` lines of body text that is always there, holding the
/// message in red when there is one (clipped beyond its lines).
pub fn message_block_ui(ui: &mut Ui, lines: u8, message: Option<&str>) {
    let height = f32::from(lines) * ui.text_style_height(&TextStyle::Body);
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::hover());
    if let Some(m) = message {
        let mut block = ui.new_child(UiBuilder::new().max_rect(rect));
        block.set_clip_rect(rect.intersect(block.clip_rect()));
        block.label(RichText::new(m).color(error(ui)));
    }
}

/// A labelled one-line text input in a two-column grid, with its error below it
/// (once the user has typed something into it) in a line kept for it.
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
            let shown = error.filter(|_| !value.trim().is_empty());
            error_line_ui(ui, 280.0, shown.map(|e| e.message.as_str()));
            r
        })
        .inner;
    ui.end_row();
    response
}

/// A labelled row of mutually exclusive choices (`id`, shown name). Each
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

/// The foot of every form dialog: the service's refusal of the last submit (in
/// two lines kept for it), the submit button (disabled until `errors` is empty,
/// with the first error beside it), Cancel, and the keyboard: Enter submits a
/// valid form, Escape cancels. Returns `Some(true)` to submit, `Some(false)` to cancel.
pub fn footer_ui(
    ui: &mut Ui,
    error: Option<&str>,
    errors: &FieldErrors,
    submit: &str,
) -> Option<bool> {
    message_block_ui(ui, 2, error);
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
            let e = e.to_string();
            ui.add(Label::new(RichText::new(&e).color(self::error(ui))).truncate())
                .on_hover_text(e);
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
