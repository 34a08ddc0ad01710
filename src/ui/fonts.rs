//! Chinese text (支付宝, merchant names) must render as characters, not boxes:
//! egui's built-in fonts have no CJK glyphs, so a system CJK font is added as a
//! fallback when one is installed (Debian/Ubuntu: `fonts-noto-cjk` or
//! `fonts-wqy-microhei`).

use eframe::egui::{self, FontData, FontFamily};
use eframe::epaint::text::{FontInsert, FontPriority, InsertFontFamily};

/// Known CJK font files and the face index of their Simplified Chinese face.
const CANDIDATES: &[(&str, u32)] = &[
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    (
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        2,
    ),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    (
        "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
        0,
    ),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    (
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        0,
    ),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("/System/Library/Fonts/STHeiti Light.ttc", 0),
    ("C:\\Windows\\Fonts\\msyh.ttc", 0),
    ("C:\\Windows\\Fonts\\simsun.ttc", 0),
];

/// The first CJK font found on this system, if any.
pub fn find_cjk_font() -> Option<(&'static str, u32)> {
    CANDIDATES
        .iter()
        .copied()
        .find(|(path, _)| std::path::Path::new(path).is_file())
}

/// Add a system CJK font as the last fallback of both families. Returns its path.
pub fn add_cjk_font(ctx: &egui::Context) -> Option<&'static str> {
    let (path, index) = find_cjk_font()?;
    let bytes = std::fs::read(path).ok()?;
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
