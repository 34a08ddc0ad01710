//! A revealed number on screen and a copied one on the clipboard: each for a
//! while only. A revealed number is masked again when its time is up or the
//! window loses focus or is minimised; a copied one is taken off the clipboard.

use std::time::{Duration, Instant};

use eframe::egui;
use zeroize::Zeroizing;

use crate::domain::{CardNumber, MethodId};
use crate::ui::clipboard::SecretClipboard;
use crate::ui::methods::Revealed;

struct Shown {
    method: MethodId,
    grouped: Zeroizing<String>,
    until: f64,
}

struct Copied {
    digits: Zeroizing<String>,
    /// The wall clock, not egui's: egui's time stands still while the window is
    /// minimised, and the clipboard must be cleared all the same.
    until: Instant,
}

pub struct Secrets {
    shown: Option<Shown>,
    copied: Option<Copied>,
    clipboard: SecretClipboard,
    /// Whether the window had focus at the last look: losing it masks a revealed number.
    window_focused: bool,
    /// How long a revealed number stays visible, and a copied one on the
    /// clipboard (the `reveal-seconds` setting).
    shown_secs: f64,
}

impl Default for Secrets {
    fn default() -> Self {
        Secrets {
            shown: None,
            copied: None,
            clipboard: SecretClipboard::System(None),
            window_focused: true,
            shown_secs: f64::from(crate::wallet::DEFAULT_REVEAL_SECONDS),
        }
    }
}

impl Secrets {
    pub fn set_shown_secs(&mut self, secs: u32) {
        self.shown_secs = f64::from(secs);
    }

    pub fn shown_secs(&self) -> u32 {
        self.shown_secs as u32
    }

    pub fn use_egui_clipboard(&mut self) {
        self.clipboard = SecretClipboard::EguiOnly;
    }

    pub fn show(&mut self, method: MethodId, number: &CardNumber, now: f64) {
        self.shown = Some(Shown {
            method,
            grouped: number.grouped(),
            until: now + self.shown_secs,
        });
    }

    pub fn hide(&mut self) {
        self.shown = None;
    }

    /// The number shown now, with its countdown.
    pub fn revealed(&self, now: f64) -> Option<Revealed> {
        self.shown.as_ref().map(|s| Revealed {
            method: s.method,
            grouped: s.grouped.clone(),
            seconds_left: (s.until - now).max(0.0).ceil() as u64,
        })
    }

    /// Copy the number to the clipboard as a password, for `shown_secs`.
    pub fn copy(&mut self, ctx: &egui::Context, number: &CardNumber) -> Result<(), String> {
        self.clipboard
            .copy(ctx, number.expose())
            .map_err(|e| e.to_string())?;
        self.copied = Some(Copied {
            digits: Zeroizing::new(number.expose().to_owned()),
            until: Instant::now() + Duration::from_secs_f64(self.shown_secs),
        });
        Ok(())
    }

    /// Take a copied number off the clipboard now (the window closes).
    pub fn clear_clipboard(&mut self) {
        if let Some(c) = self.copied.take() {
            self.clipboard.clear_if_holding(&c.digits);
        }
    }

    /// Mask a revealed number when its time is up or the window loses focus or is
    /// minimised, and clear a copied one when its time is up. Runs in `logic`,
    /// which eframe calls while the window is hidden too.
    pub fn expire(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let (focused, minimized) = ctx.input(|i| (i.viewport().focused, i.viewport().minimized));
        // A loss of focus, not its absence: a window that never had it (a bare X
        // server) still shows what was asked for, until its time is up.
        let lost_focus = self.window_focused && focused == Some(false);
        self.window_focused = focused != Some(false);
        if lost_focus
            || minimized == Some(true)
            || self.shown.as_ref().is_some_and(|s| now >= s.until)
        {
            self.shown = None;
        }
        let wall = Instant::now();
        if let Some(c) = self.copied.take_if(|c| wall >= c.until) {
            self.clipboard.clear_if_holding(&c.digits);
        }
        let next_secs = [
            self.shown.as_ref().map(|s| s.until - now),
            self.copied
                .as_ref()
                .map(|c| c.until.saturating_duration_since(wall).as_secs_f64()),
        ]
        .into_iter()
        .flatten()
        .fold(f64::INFINITY, f64::min);
        if next_secs.is_finite() {
            // Tick once a second for the countdown.
            ctx.request_repaint_after(Duration::from_secs_f64(next_secs.clamp(0.05, 1.0)));
        }
    }
}
