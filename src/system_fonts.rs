//! The system's CJK font, found and read from disk for the window (egui's
//! built-in fonts have no CJK glyphs). Debian/Ubuntu: `fonts-noto-cjk` or
//! `fonts-wqy-microhei`.

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

/// The first CJK font found, read: (path, bytes, face index).
pub fn read_cjk_font() -> Option<(&'static str, Vec<u8>, u32)> {
    let (path, index) = find_cjk_font()?;
    let bytes = std::fs::read(path).ok()?;
    Some((path, bytes, index))
}
