//! Chinese text (支付宝, merchant names) must render as characters, not boxes:
//! egui's built-in fonts have no CJK glyphs, so a system CJK font is added as a
//! fallback when one is installed (Debian/Ubuntu: `fonts-noto-cjk` or
//! `fonts-wqy-microhei`).

use eframe::egui::{self, FontData, FontFamily};
use eframe::epaint::text::{FontInsert, FontPriority, InsertFontFamily};

/// Add a system CJK font (read by `crate::system_fonts`) as the last fallback
/// of both families. Returns its path.
pub fn add_cjk_font(ctx: &egui::Context) -> Option<&'static str> {
    let (path, bytes, index) = crate::system_fonts::read_cjk_font()?;
    let mut data = FontData::from_owned(bytes);
    data.index = index;
    ctx.add_font(FontInsert::new(
        "cjk",
        data,
        vec![
            InsertFontFamily {
                family: FontFamily::Proportional,
                priority: FontPriority::Lowest,
            },
            InsertFontFamily {
                family: FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
    Some(path)
}
