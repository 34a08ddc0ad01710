//! Where Copy puts a card number: the system clipboard, offered as a password so
//! clipboard managers leave it out of their history, and taken off again when its
//! time is up or the app exits.

use eframe::egui;

/// The clipboard a copied number goes to.
pub enum SecretClipboard {
    /// The system clipboard, opened on the first copy. On Linux the copying process
    /// serves the clipboard's content, so the handle is kept for the life of the
    /// window rather than opened per copy.
    System(Option<arboard::Clipboard>),
    /// egui's clipboard output only, so that nothing reaches the desktop's clipboard
    /// (tests read the copied text from the frame's output).
    EguiOnly,
}

impl SecretClipboard {
    /// Put `digits` on the clipboard, marked as a password. Fails when the system
    /// clipboard cannot be reached: a copy walletdesk could neither mark nor clear
    /// is not made.
    pub fn copy(&mut self, ctx: &egui::Context, digits: &str) -> Result<(), arboard::Error> {
        match self {
            SecretClipboard::System(slot) => set_password(open(slot)?, digits),
            SecretClipboard::EguiOnly => {
                ctx.copy_text(digits.to_owned());
                Ok(())
            }
        }
    }

    /// Clear the clipboard if it still holds `digits` (the user may have copied
    /// something else since; that is left alone).
    pub fn clear_if_holding(&mut self, digits: &str) {
        let SecretClipboard::System(slot) = self else {
            return;
        };
        if let Ok(cb) = open(slot)
            && cb.get_text().is_ok_and(|t| t.trim() == digits)
        {
            let _ = cb.clear();
        }
    }
}

/// The system clipboard, opened now if it was not yet.
fn open(slot: &mut Option<arboard::Clipboard>) -> Result<&mut arboard::Clipboard, arboard::Error> {
    let cb = match slot.take() {
        Some(cb) => cb,
        None => arboard::Clipboard::new()?,
    };
    Ok(slot.insert(cb))
}

/// Set the text with the platform's "do not keep this" marks.
fn set_password(cb: &mut arboard::Clipboard, text: &str) -> Result<(), arboard::Error> {
    let set = cb.set();
    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
    ))]
    let set = {
        use arboard::SetExtLinux;
        // The `x-kde-passwordManagerHint` target: clipboard managers skip it, and
        // arboard does not hand it to the clipboard manager when walletdesk exits.
        set.exclude_from_history()
    };
    #[cfg(target_os = "macos")]
    let set = {
        use arboard::SetExtApple;
        set.exclude_from_history()
    };
    #[cfg(windows)]
    let set = {
        use arboard::SetExtWindows;
        // Covers clipboard history and the cloud clipboard (arboard advises not to
        // add the other two exclusions on top of it).
        set.exclude_from_monitoring()
    };
    set.text(text)
}
