//! Chinese text (支付宝, merchant names) must render as characters, not boxes:
//! egui's built-in fonts have no CJK glyphs, so the system's fonts are asked for
//! any character they lack (`crate::system_fonts`).

use eframe::egui;

/// Install the system font provider: a missing glyph is looked up on demand.
pub fn add_system_fonts(ctx: &egui::Context) {
    ctx.add_font_provider(crate::system_fonts::provider());
}
