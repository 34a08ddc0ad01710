//! The menu bar (File, Edit, View, Help) and the keyboard shortcuts: one table
//! of actions, each with its shortcut, drawn beside its menu item with
//! `ctx.format_shortcut` (⌘ on macOS, Ctrl elsewhere) and caught anywhere in the
//! window by the same table, so a menu item and its shortcut always agree.

use eframe::egui::{self, Button, Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::command::{Command, View, ZoomStep};
use crate::wallet::Theme;

/// Everything the menus offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Import,
    Export,
    BackUp,
    Restore,
    Settings,
    Quit,
    AddAccount,
    AddCard,
    LinkPaypal,
    RecordPayment,
    CheckPayment,
    CheckCard,
    View(View),
    ShowArchived,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Shortcuts,
    About,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

/// Every action with a shortcut. Those with Shift come first: a shortcut
/// without Shift also matches the key pressed with it.
pub const SHORTCUTS: &[(Action, KeyboardShortcut)] = &[
    (Action::AddAccount, KeyboardShortcut::new(CMD_SHIFT, Key::N)),
    (Action::LinkPaypal, KeyboardShortcut::new(CMD_SHIFT, Key::P)),
    (Action::CheckCard, KeyboardShortcut::new(CMD_SHIFT, Key::K)),
    (
        Action::ShowArchived,
        KeyboardShortcut::new(CMD_SHIFT, Key::A),
    ),
    (Action::Import, KeyboardShortcut::new(CMD, Key::I)),
    (Action::Export, KeyboardShortcut::new(CMD, Key::E)),
    (Action::BackUp, KeyboardShortcut::new(CMD, Key::B)),
    (Action::Settings, KeyboardShortcut::new(CMD, Key::Comma)),
    (Action::Quit, KeyboardShortcut::new(CMD, Key::Q)),
    (Action::AddCard, KeyboardShortcut::new(CMD, Key::N)),
    (Action::RecordPayment, KeyboardShortcut::new(CMD, Key::R)),
    (Action::CheckPayment, KeyboardShortcut::new(CMD, Key::K)),
    (
        Action::View(View::Accounts),
        KeyboardShortcut::new(CMD, Key::Num1),
    ),
    (
        Action::View(View::Limits),
        KeyboardShortcut::new(CMD, Key::Num2),
    ),
    (
        Action::View(View::Transactions),
        KeyboardShortcut::new(CMD, Key::Num3),
    ),
    (
        Action::View(View::Matrix),
        KeyboardShortcut::new(CMD, Key::Num4),
    ),
    (Action::ZoomIn, egui::gui_zoom::kb_shortcuts::ZOOM_IN),
    (
        Action::ZoomIn,
        egui::gui_zoom::kb_shortcuts::ZOOM_IN_SECONDARY,
    ),
    (Action::ZoomOut, egui::gui_zoom::kb_shortcuts::ZOOM_OUT),
    (Action::ZoomReset, egui::gui_zoom::kb_shortcuts::ZOOM_RESET),
    (
        Action::Shortcuts,
        KeyboardShortcut::new(Modifiers::NONE, Key::F1),
    ),
];

/// The first (shown) shortcut of an action.
pub fn shortcut(action: Action) -> Option<KeyboardShortcut> {
    SHORTCUTS
        .iter()
        .find(|(a, _)| *a == action)
        .map(|(_, s)| *s)
}

impl Action {
    /// The menu item's words.
    pub fn label(self) -> &'static str {
        match self {
            Action::Import => "Import…",
            Action::Export => "Export…",
            Action::BackUp => "Back up…",
            Action::Restore => "Restore…",
            Action::Settings => "Settings…",
            Action::Quit => "Quit",
            Action::AddAccount => "Add account…",
            Action::AddCard => "Add card…",
            Action::LinkPaypal => "Link PayPal…",
            Action::RecordPayment => "Record payment…",
            Action::CheckPayment => "Check a payment…",
            Action::CheckCard => "Check a card…",
            Action::View(v) => v.name(),
            Action::ShowArchived => "Show archived",
            Action::ZoomIn => "Zoom in",
            Action::ZoomOut => "Zoom out",
            Action::ZoomReset => "Actual size",
            Action::Shortcuts => "Keyboard shortcuts",
            Action::About => "About walletdesk",
        }
    }

    /// What the action asks of the window.
    pub fn command(self, state: &MenuState) -> Command {
        match self {
            Action::Import => Command::OpenImport,
            Action::Export => Command::OpenExport,
            Action::BackUp | Action::Restore => Command::OpenBackups,
            Action::Settings => Command::OpenSettings,
            Action::Quit => Command::Quit,
            Action::AddAccount => Command::OpenAddAccount,
            Action::AddCard => Command::OpenAddCard,
            Action::LinkPaypal => Command::OpenAddPaypal,
            Action::RecordPayment => Command::OpenRecord,
            Action::CheckPayment => Command::OpenPrecheck,
            Action::CheckCard => Command::OpenCheckCard,
            Action::View(v) => Command::ShowView(v),
            Action::ShowArchived => Command::ShowArchived(!state.show_archived),
            Action::ZoomIn => Command::Zoom(ZoomStep::In),
            Action::ZoomOut => Command::Zoom(ZoomStep::Out),
            Action::ZoomReset => Command::Zoom(ZoomStep::Reset),
            Action::Shortcuts => Command::OpenShortcuts,
            Action::About => Command::OpenAbout,
        }
    }

    /// Why the action cannot be taken now, or `None` when it can.
    pub fn unavailable(self, state: &MenuState) -> Option<&'static str> {
        let needs_account = matches!(
            self,
            Action::Import
                | Action::Export
                | Action::AddCard
                | Action::LinkPaypal
                | Action::RecordPayment
                | Action::CheckPayment
                | Action::View(_)
        );
        if needs_account && !state.has_account {
            return Some("Add an account first");
        }
        if self == Action::AddCard && !state.vault_available {
            return Some("No secret store: card numbers cannot be kept");
        }
        None
    }

    /// Whether the shortcut works while a dialog is open: only what leaves it
    /// untouched (a new dialog would replace it and lose what was typed).
    fn works_over_dialogs(self) -> bool {
        matches!(
            self,
            Action::Quit | Action::ZoomIn | Action::ZoomOut | Action::ZoomReset
        )
    }
}

/// What the menus need to know of the window.
#[derive(Debug, Clone, Copy)]
pub struct MenuState {
    pub has_account: bool,
    pub vault_available: bool,
    pub show_archived: bool,
    pub dialog_open: bool,
    pub view: View,
    pub theme: Theme,
}

/// The menu bar at the top of the window.
pub fn menu_bar_ui(ui: &mut Ui, state: &MenuState, commands: &mut Vec<Command>) {
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for a in [Action::Import, Action::Export] {
                    item_ui(ui, a, state, commands);
                }
                ui.separator();
                for a in [Action::BackUp, Action::Restore] {
                    item_ui(ui, a, state, commands);
                }
                ui.separator();
                item_ui(ui, Action::Settings, state, commands);
                ui.separator();
                item_ui(ui, Action::Quit, state, commands);
            });
            ui.menu_button("Edit", |ui| {
                item_ui(ui, Action::AddAccount, state, commands);
                item_ui(ui, Action::AddCard, state, commands);
                item_ui(ui, Action::LinkPaypal, state, commands);
                ui.separator();
                item_ui(ui, Action::RecordPayment, state, commands);
                item_ui(ui, Action::CheckPayment, state, commands);
                item_ui(ui, Action::CheckCard, state, commands);
            });
            ui.menu_button("View", |ui| {
                for v in View::ALL {
                    item_ui(ui, Action::View(v), state, commands);
                }
                ui.separator();
                item_ui(ui, Action::ShowArchived, state, commands);
                ui.separator();
                for a in [Action::ZoomIn, Action::ZoomOut, Action::ZoomReset] {
                    item_ui(ui, a, state, commands);
                }
                ui.separator();
                ui.menu_button("Theme", |ui| {
                    for t in Theme::ALL {
                        if ui.radio(state.theme == t, t.label()).clicked() {
                            commands.push(Command::SetTheme(t));
                            ui.close();
                        }
                    }
                });
            });
            ui.menu_button("Help", |ui| {
                item_ui(ui, Action::Shortcuts, state, commands);
                item_ui(ui, Action::About, state, commands);
            });
        });
    });
}

/// One menu item: its words, its shortcut beside it, greyed out with the reason
/// on hover when it cannot be taken now; a tick for the current view and "Show archived".
fn item_ui(ui: &mut Ui, action: Action, state: &MenuState, commands: &mut Vec<Command>) {
    let checked = match action {
        Action::View(v) => Some(v == state.view),
        Action::ShowArchived => Some(state.show_archived),
        _ => None,
    };
    let label = match checked {
        Some(true) => format!("✔ {}", action.label()),
        Some(false) => format!("    {}", action.label()),
        None => action.label().to_owned(),
    };
    let mut button = Button::new(label);
    if let Some(s) = shortcut(action) {
        button = button.shortcut_text(RichText::new(ui.ctx().format_shortcut(&s)).weak());
    }
    let why = action.unavailable(state);
    let response = ui.add_enabled(why.is_none(), button);
    let response = match why {
        Some(w) => response.on_disabled_hover_text(w),
        None => response,
    };
    if response.clicked() {
        commands.push(action.command(state));
        ui.close();
    }
}

/// The shortcuts pressed this frame, as commands (consumed, so a text field
/// does not also see them). Works from every view; over a dialog only the
/// ones that leave it as it is.
pub fn shortcut_commands(ctx: &egui::Context, state: &MenuState, commands: &mut Vec<Command>) {
    for (action, s) in SHORTCUTS {
        if state.dialog_open && !action.works_over_dialogs() {
            continue;
        }
        if action.unavailable(state).is_some() {
            continue;
        }
        if ctx.input_mut(|i| i.consume_shortcut(s)) {
            commands.push(action.command(state));
        }
    }
}

/// Help → Keyboard shortcuts: the same table, as the menus show it.
pub fn shortcuts_window_ui(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts_table")
                .num_columns(2)
                .spacing([24.0, 4.0])
                .striped(true)
                .show(ui, |ui| {
                    let mut seen = Vec::new();
                    for (action, s) in SHORTCUTS {
                        if seen.contains(action) {
                            continue;
                        }
                        seen.push(*action);
                        ui.label(action.label().trim_end_matches('…'));
                        ui.label(RichText::new(ctx.format_shortcut(s)).monospace());
                        ui.end_row();
                    }
                    for (what, keys) in [
                        ("Previous / next account", "↑ / ↓"),
                        ("Remove the selected method", "Delete"),
                        ("Close a dialog", "Esc"),
                    ] {
                        ui.label(what);
                        ui.label(RichText::new(keys).monospace());
                        ui.end_row();
                    }
                });
        });
}
