//! Fonts from the system for what egui's built-in fonts lack (Chinese: 支付宝,
//! merchant names): egui's system font provider, which asks the operating
//! system's own fallback (fontconfig, CoreText, DirectWrite) for a font per
//! script, with Simplified Chinese preferred for Han characters. Nothing is
//! looked for by file path, so any distribution's CJK font is found.

use std::sync::Arc;

use eframe::egui::FontFamily;
use eframe::epaint::text::{FallbackRequest, FontProvider};
use egui_system_font_provider::SystemFontProvider;

/// The provider the window installs: Simplified Chinese first for Han.
pub fn provider() -> Arc<SystemFontProvider> {
    Arc::new(SystemFontProvider::new().with_locale(Some("zh-Hans")))
}

/// The family name of the system font that would show Chinese text, if any
/// ("WenQuanYi Micro Hei"): for About, and for tests that need one.
pub fn cjk_font_name() -> Option<String> {
    // Enumerating the system's fonts takes a while: asked once per process.
    static NAME: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    NAME.get_or_init(find_cjk_font_name).clone()
}

fn find_cjk_font_name() -> Option<String> {
    let request = FallbackRequest {
        cluster: "支",
        family: &FontFamily::Proportional,
    };
    let found = provider().font_for(&request)?;
    // The provider names its fonts "system:FAMILY:STYLE:INDEX".
    Some(
        found
            .name
            .strip_prefix("system:")
            .and_then(|rest| rest.split(':').next())
            .unwrap_or(&found.name)
            .to_owned(),
    )
}
