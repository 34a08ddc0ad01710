//! The keys that are not menu shortcuts (those are in `ui::menu`): ↑/↓ move
//! between accounts and Delete removes the selected method, while no dialog is
//! open and no text field has the keyboard.

use eframe::egui;

use super::WalletApp;
use crate::domain::MethodStatus;
use crate::ui::command::Command;

impl WalletApp {
    pub(super) fn keyboard(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if self.dialog.is_some() || ctx.egui_wants_keyboard_input() {
            return;
        }
        let selected = self.screen.selected;
        let (up, down) = ctx.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowUp),
                i.key_pressed(egui::Key::ArrowDown),
            )
        });
        let accounts = &self.screen.accounts;
        if let Some(p) = accounts.iter().position(|a| Some(a.id) == selected) {
            if up && p > 0 {
                commands.push(Command::SelectAccount(accounts[p - 1].id));
            }
            if down && p + 1 < accounts.len() {
                commands.push(Command::SelectAccount(accounts[p + 1].id));
            }
        }
        if ctx.input(|i| i.key_pressed(egui::Key::Delete))
            && let Some(d) = &self.detail
            && d.status != MethodStatus::Removed
        {
            commands.push(Command::OpenRemove(d.method));
        }
    }
}
