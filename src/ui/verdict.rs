//! How a binding verdict looks: a coloured badge, and the flags behind it, worst
//! first, each in words with its rule id in small print, what to do, and where
//! the rule comes from (the document's title).

use eframe::egui::{self, Color32, Response, RichText, Ui};

use crate::domain::risk::{Flag, Level};
use crate::domain::sources;
use crate::wallet::ProviderResult;
use crate::words;

pub fn level_color(level: Level) -> Color32 {
    match level {
        Level::Ok => Color32::from_rgb(0x2e, 0x9e, 0x5b),
        Level::Info => Color32::from_rgb(0x3a, 0x7b, 0xc8),
        Level::Warn => Color32::from_rgb(0xc8, 0x8a, 0x10),
        Level::High => Color32::from_rgb(0xd8, 0x62, 0x1e),
        Level::Block => Color32::from_rgb(0xd0, 0x3a, 0x3a),
    }
}

/// A verdict as a small clickable badge ("will fail", red). `None`: not applicable.
pub fn verdict_badge_ui(ui: &mut Ui, verdict: Option<Level>) -> Response {
    let (text, fill) = match verdict {
        Some(l) => (l.verdict_text(), level_color(l)),
        None => ("n/a", Color32::from_gray(90)),
    };
    ui.add(
        egui::Button::new(RichText::new(text).color(Color32::WHITE).small())
            .fill(fill)
            .corner_radius(4.0),
    )
}

/// The flags of one verdict, worst first.
pub fn flags_ui(ui: &mut Ui, flags: &[Flag]) {
    if flags.is_empty() {
        ui.label(RichText::new("No rule stands in the way").color(level_color(Level::Ok)));
        return;
    }
    for f in flags {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!(" {} ", f.level.id()))
                    .small()
                    .color(Color32::WHITE)
                    .background_color(level_color(f.level)),
            );
            // The words first; the rule's id stays in small print.
            ui.label(&f.message);
            ui.label(RichText::new(f.rule).small().weak())
                .on_hover_text(format!("Rule {} (see `walletdesk rules`)", f.rule));
        });
        ui.horizontal_wrapped(|ui| {
            ui.add_space(16.0);
            ui.label(RichText::new(format!("→ {}", f.remedy)).italics());
        });
        ui.horizontal_wrapped(|ui| {
            ui.add_space(16.0);
            source_ui(ui, &f.source, f.inference);
        });
        ui.add_space(4.0);
    }
}

/// Where a rule comes from: the document's title (a link where its address is
/// known), then its file name in small print.
pub fn source_ui(ui: &mut Ui, source: &str, inference: bool) {
    let line = words::source_line(source, inference);
    match sources::lookup(source) {
        Some(s) => {
            match &s.url {
                Some(url) => {
                    ui.hyperlink_to(RichText::new(line).small(), url);
                }
                None => {
                    ui.label(RichText::new(line).small());
                }
            }
            ui.label(RichText::new(&s.id).small().weak());
        }
        None => {
            ui.label(RichText::new(line).small());
        }
    }
}

/// "Alipay: likely to fail · WeChat Pay: binds" for the providers in `results`.
pub fn compact_row_ui(ui: &mut Ui, results: &[ProviderResult]) {
    ui.horizontal_wrapped(|ui| {
        for (i, r) in results.iter().enumerate() {
            if i > 0 {
                ui.label(RichText::new("·").weak());
            }
            ui.label(format!("{}:", r.provider.name()));
            let (text, color) = if r.assessment.applicable {
                (
                    r.assessment.verdict.verdict_text(),
                    level_color(r.assessment.verdict),
                )
            } else {
                ("n/a", Color32::GRAY)
            };
            ui.label(RichText::new(text).color(color).strong())
                .on_hover_text(format!("Judged against {}", r.against));
        }
    });
}

/// One provider's verdict with its flags.
pub fn result_ui(ui: &mut Ui, r: &ProviderResult) {
    ui.horizontal(|ui| {
        ui.strong(r.provider.name());
        verdict_badge_ui(ui, r.assessment.applicable.then_some(r.assessment.verdict));
    });
    ui.label(
        RichText::new(format!("Judged against {}", r.against))
            .small()
            .weak(),
    );
    if r.assessment.applicable {
        flags_ui(ui, &r.assessment.flags);
    } else {
        ui.label(format!(
            "{} does not take this kind of method",
            r.provider.name()
        ));
    }
}
