//! Every colour the window chooses itself, per theme, from `ui.visuals()`: text
//! in a tone (an error, a warning, "it bound"), badges (a verdict, a tier, the
//! limit reached first) and a limit's bar. Each pair is chosen so that its
//! contrast is at least 4.5:1 (WCAG AA for text) in the light and the dark theme.

use eframe::egui::{Color32, Ui, Visuals};

/// What a colour says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Ok,
    Info,
    Warn,
    High,
    Error,
    /// Not applicable, archived: no judgement.
    Neutral,
}

impl Tone {
    pub const ALL: [Tone; 6] = [
        Tone::Ok,
        Tone::Info,
        Tone::Warn,
        Tone::High,
        Tone::Error,
        Tone::Neutral,
    ];
}

/// The colours of one theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    dark: bool,
}

impl Palette {
    pub fn of(visuals: &Visuals) -> Palette {
        Palette {
            dark: visuals.dark_mode,
        }
    }

    pub fn of_ui(ui: &Ui) -> Palette {
        Palette::of(ui.visuals())
    }

    /// Text in this tone on the panel or a dialog.
    pub fn text(self, tone: Tone) -> Color32 {
        let hex = if self.dark {
            match tone {
                Tone::Ok => 0x5cc98a,
                Tone::Info => 0x6aa8f0,
                Tone::Warn => 0xe6a83a,
                Tone::High => 0xf08a4b,
                Tone::Error => 0xf06a6a,
                Tone::Neutral => 0xa0a0a0,
            }
        } else {
            match tone {
                Tone::Ok => 0x1a7a43,
                Tone::Info => 0x1f5fae,
                Tone::Warn => 0x8a5a00,
                Tone::High => 0xa8430f,
                Tone::Error => 0xb3261e,
                Tone::Neutral => 0x5f5f5f,
            }
        };
        rgb(hex)
    }

    /// A badge: (fill, text). Dark theme: a deep fill with white text; light
    /// theme: a pale tint with dark text of the same hue.
    pub fn badge(self, tone: Tone) -> (Color32, Color32) {
        if self.dark {
            let fill = match tone {
                Tone::Ok => 0x1e7a45,
                Tone::Info => 0x2a5fa8,
                Tone::Warn => 0x8a5a00,
                Tone::High => 0xa4460f,
                Tone::Error => 0xb3261e,
                Tone::Neutral => 0x5a5a5a,
            };
            (rgb(fill), Color32::WHITE)
        } else {
            let (fill, text) = match tone {
                Tone::Ok => (0xd4f0de, 0x14532d),
                Tone::Info => (0xd6e6fa, 0x173f74),
                Tone::Warn => (0xfbe9c4, 0x6b4500),
                Tone::High => (0xfde0cc, 0x7c2d07),
                Tone::Error => (0xfadada, 0x8a1c16),
                Tone::Neutral => (0xe6e6e6, 0x3a3a3a),
            };
            (rgb(fill), rgb(text))
        }
    }

    /// A limit bar's fill, under the figure written in the strong text colour.
    pub fn bar(self, tone: Tone) -> Color32 {
        if self.dark {
            self.badge(tone).0
        } else {
            rgb(match tone {
                Tone::Ok => 0x8fd6aa,
                Tone::Info => 0xa9c8f0,
                Tone::Warn => 0xf2c46b,
                Tone::High => 0xf5a878,
                Tone::Error => 0xf29a9a,
                Tone::Neutral => 0xc8c8c8,
            })
        }
    }

    /// A banner's fill with its text (a damaged database, no secret store).
    pub fn banner(self, tone: Tone) -> (Color32, Color32) {
        self.badge(tone)
    }
}

fn rgb(hex: u32) -> Color32 {
    let [_, r, g, b] = hex.to_be_bytes();
    Color32::from_rgb(r, g, b)
}

/// The WCAG contrast ratio of two opaque colours: 1 (none) to 21 (black on white).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    fn luminance(c: Color32) -> f32 {
        let ch = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(c.r()) + 0.7152 * ch(c.g()) + 0.0722 * ch(c.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every colour the palette gives is readable where it is drawn, in both themes.
    #[test]
    fn every_pair_has_a_contrast_of_at_least_4_5_in_both_themes() {
        for visuals in [Visuals::dark(), Visuals::light()] {
            let p = Palette::of(&visuals);
            for tone in Tone::ALL {
                for bg in [
                    visuals.panel_fill,
                    visuals.window_fill,
                    visuals.extreme_bg_color,
                ] {
                    let c = contrast(p.text(tone), bg);
                    assert!(c >= 4.5, "{tone:?} text on {bg:?}: {c:.2}");
                }
                let (fill, text) = p.badge(tone);
                assert!(contrast(fill, text) >= 4.5, "{tone:?} badge");
                let bar = contrast(p.bar(tone), visuals.strong_text_color());
                assert!(bar >= 4.5, "{tone:?} bar under the figure: {bar:.2}");
            }
        }
    }

    #[test]
    fn the_themes_colour_differently() {
        let (d, l) = (
            Palette::of(&Visuals::dark()),
            Palette::of(&Visuals::light()),
        );
        for tone in Tone::ALL {
            assert_ne!(d.text(tone), l.text(tone));
            assert_ne!(d.badge(tone), l.badge(tone));
        }
    }

    #[test]
    fn contrast_is_the_wcag_ratio() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
    }
}
