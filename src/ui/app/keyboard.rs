//! Shortcuts that work anywhere in the window while no dialog is open.

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
        let (check, record) = ctx.input(|i| {
            (
                i.modifiers.command && i.key_pressed(egui::Key::K),
                i.modifiers.command && i.key_pressed(egui::Key::R),
            )
        });
        if selected.is_some() && check {
            commands.push(Command::OpenPrecheck);
        }
        if selected.is_some() && record {
            commands.push(Command::OpenRecord);
        }
        let (up, down, new_card, new_account) = ctx.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowUp),
                i.key_pressed(egui::Key::ArrowDown),
                i.modifiers.command && !i.modifiers.shift && i.key_pressed(egui::Key::N),
                i.modifiers.command && i.modifiers.shift && i.key_pressed(egui::Key::N),
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
        if new_account {
            commands.push(Command::OpenAddAccount);
        } else if new_card && selected.is_some() && self.wallet.vault().is_available() {
            commands.push(Command::OpenAddCard);
        }
    }
}
