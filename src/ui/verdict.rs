//! How a binding verdict looks: a coloured badge, and the flags behind it, worst
//! first, each in words with its rule id in small print, what to do, and where
//! the rule comes from (the document's title).

use eframe::egui::{self, Color32, Response, RichText, Ui};

use super::palette::{Palette, Tone};
use crate::domain::risk::{Flag, Level};
use crate::domain::sources;
use crate::wallet::ProviderResult;
use crate::words;

/// What a verdict's level says, as a colour's tone.
pub fn tone(level: Level) -> Tone {
    match level {
        Level::Ok => Tone::Ok,
        Level::Info => Tone::Info,
        Level::Warn => Tone::Warn,
        Level::High => Tone::High,
        Level::Block => Tone::Error,
    }
}

/// A verdict's text colour in this theme.
pub fn level_color(ui: &Ui, level: Level) -> Color32 {
    Palette::of_ui(ui).text(tone(level))
}

/// A verdict as a small clickable badge ("will fail", red). `None`: not applicable.
pub fn verdict_badge_ui(ui: &mut Ui, verdict: Option<Level>) -> Response {
    let (text, tone) = match verdict {
        Some(l) => (l.verdict_text(), tone(l)),
        None => ("n/a", Tone::Neutral),
    };
    let (fill, ink) = Palette::of_ui(ui).badge(tone);
    ui.add(
        egui::Button::new(RichText::new(text).color(ink).small())
            .fill(fill)
            .corner_radius(4.0),
    )
}

/// The flags of one verdict, worst first.
pub fn flags_ui(ui: &mut Ui, flags: &[Flag]) {
    if flags.is_empty() {
        ui.label(RichText::new("No rule stands in the way").color(level_color(ui, Level::Ok)));
        return;
    }
    for f in flags {
        ui.horizontal_wrapped(|ui| {
            let (fill, ink) = Palette::of_ui(ui).badge(tone(f.level));
            ui.label(
                RichText::new(format!(" {} ", f.level.id()))
                    .small()
                    .color(ink)
                    .background_color(fill),
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
                    level_color(ui, r.assessment.verdict),
                )
            } else {
                ("n/a", Palette::of_ui(ui).text(Tone::Neutral))
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
