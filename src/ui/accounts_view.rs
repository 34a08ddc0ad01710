//! The Accounts view: the accounts on the left, the selected one's facts,
//! actions and methods, or the first-run page when there is none.

use eframe::egui::{self, RichText, Ui};

use super::command::Command;
use super::methods::{Revealed, TableView, methods_table_ui};
use super::palette::{Palette, Tone};
use crate::domain::{Account, MethodId, Tier};
use crate::wallet::AccountScreen;

/// The accounts, on the left: select one, or add one.
pub fn accounts_panel_ui(ui: &mut Ui, screen: &AccountScreen, commands: &mut Vec<Command>) {
    egui::Panel::left("accounts")
        .resizable(true)
        .default_size(250.0)
        .show(ui, |ui| {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.heading("Accounts");
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button("Add account…")
                        .on_hover_text("Add a wallet or console (Ctrl+Shift+N)")
                        .clicked()
                    {
                        commands.push(Command::OpenAddAccount);
                    }
                });
            });
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                for a in &screen.accounts {
                    let selected = Some(a.id) == screen.selected;
                    let r = ui
                        .push_id(a.id.0, |ui| {
                            ui.vertical(|ui| {
                                let mut label = RichText::new(&a.label).strong();
                                if a.archived_at.is_some() {
                                    label = label.weak().italics();
                                }
                                let r = ui.selectable_label(selected, label);
                                ui.horizontal(|ui| {
                                    ui.label(RichText::new(a.provider.name()).small().weak());
                                    tier_badge_ui(ui, a.tier);
                                });
                                r
                            })
                            .inner
                        })
                        .inner;
                    if r.clicked() {
                        commands.push(Command::SelectAccount(a.id));
                    }
                    ui.add_space(4.0);
                }
            });
        });
}

/// No account yet: what walletdesk is for, and the first step.
pub fn empty_state_ui(ui: &mut Ui, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.2);
        ui.heading("Keep your linked cards in one place");
        ui.add_space(8.0);
        ui.label(
            "walletdesk keeps the cards and PayPal accounts you link to Alipay, Alipay HK, \
             WeChat Pay and Alibaba Cloud on this computer, with the full numbers in your OS keyring",
        );
        ui.label("Start by adding the account you link cards to");
        ui.add_space(12.0);
        if ui.button(RichText::new("Add your first account…").size(16.0)).clicked() {
            commands.push(Command::OpenAddAccount);
        }
        ui.add_space(4.0);
        // A card can be judged before any account exists: nothing is stored.
        if ui
            .button("Check a card…")
            .on_hover_text("Will it bind to Alipay, WeChat Pay, Alibaba Cloud? No account needed; nothing is stored")
            .clicked()
        {
            commands.push(Command::OpenCheckCard);
        }
        ui.add_space(4.0);
        // Offered only here, on an empty database: samples are not mixed into
        // a person's own accounts.
        if ui.button("Load demo data").clicked() {
            commands.push(Command::LoadDemo);
        }
        ui.add(egui::Label::new(RichText::new(crate::words::DEMO_OFFER).weak()).wrap());
    });
}

/// Every account was removed (archived): say so, and offer to show them.
pub fn only_archived_ui(ui: &mut Ui, archived: usize, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.2);
        ui.heading(format!(
            "{} removed; no account is in use",
            crate::words::count(archived, "account was", "accounts were")
        ));
        ui.add_space(8.0);
        if ui.button("Show removed accounts").clicked() {
            commands.push(Command::ShowArchived(true));
        }
        if ui.button("Add account…").clicked() {
            commands.push(Command::OpenAddAccount);
        }
    });
}

/// What the Accounts view needs besides the service's screen.
pub struct AccountView<'a> {
    pub screen: &'a AccountScreen,
    pub show_archived: bool,
    pub vault_available: bool,
    pub selected_method: Option<MethodId>,
    pub revealed: Option<&'a Revealed>,
    pub reveal_secs: u32,
}

/// The selected account: its facts, its actions and its methods.
pub fn account_ui(
    ui: &mut Ui,
    account: &Account,
    v: &AccountView<'_>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading(&account.label);
        tier_badge_ui(ui, account.tier);
        if account.archived_at.is_some() {
            ui.label(RichText::new("Removed (archived)").weak());
        }
    });
    let mut facts = vec![account.provider.name().to_owned()];
    if let Some(r) = account.region {
        facts.push(format!("region {}", r.id()));
    }
    if let Some(c) = &account.country {
        facts.push(format!("country {c}"));
    }
    if let Some(h) = &account.holder {
        facts.push(format!("holder {h}"));
    }
    if let Some(p) = account.passport_expiry {
        facts.push(format!("passport expires {p}"));
    }
    if account.outstanding_bills {
        facts.push("outstanding bills".into());
    }
    ui.label(RichText::new(facts.join(" · ")).weak());
    ui.add_space(6.0);
    let vault_ok = v.vault_available;
    ui.horizontal(|ui| {
        let add_card = ui
            .add_enabled(vault_ok, egui::Button::new("Add card…"))
            .on_hover_text("Add a card to this account (Ctrl+N)")
            .on_disabled_hover_text("No secret store is available to keep the card number");
        if add_card.clicked() {
            commands.push(Command::OpenAddCard);
        }
        if ui.button("Link PayPal…").clicked() {
            commands.push(Command::OpenAddPaypal);
        }
        if ui
            .button("Edit account…")
            .on_hover_text("Verification, passport, holder, label, region")
            .clicked()
        {
            commands.push(Command::OpenEditAccount(account.id));
        }
        if account.archived_at.is_some() {
            if ui
                .button("Restore account")
                .on_hover_text("Bring this removed account back into the list")
                .clicked()
            {
                commands.push(Command::RestoreAccount(account.id));
            }
        } else if ui
            .button("Remove account…")
            .on_hover_text("Archive it: its payments stay and still count")
            .clicked()
        {
            commands.push(Command::OpenRemoveAccount(account.id));
        }
        let mut archived = v.show_archived;
        if ui
            .checkbox(&mut archived, "Show archived")
            .on_hover_text("Removed accounts and methods stay as history")
            .changed()
        {
            commands.push(Command::ShowArchived(archived));
        }
    });
    // L6: an expired or failed default is said, and the active methods offered.
    if let Some((d, active)) = &v.screen.default_to_replace {
        let (fill, ink) = Palette::of_ui(ui).banner(Tone::Warn);
        egui::Frame::new()
            .fill(fill)
            .inner_margin(6.0)
            .show(ui, |ui| {
                ui.label(
                    RichText::new(format!(
                        "The default {} is {}: choose the new default",
                        d.title(),
                        d.status.id()
                    ))
                    .color(ink),
                );
                ui.horizontal_wrapped(|ui| {
                    if active.is_empty() {
                        ui.label("No other method is active yet: verify one first");
                    }
                    for a in active {
                        if ui
                            .button(format!("Make {} the default", a.title()))
                            .clicked()
                        {
                            commands.push(Command::MakeDefault(a.id));
                        }
                    }
                });
            });
    }
    ui.add_space(6.0);
    if v.screen.methods.is_empty() {
        ui.label(format!(
            "No cards or PayPal accounts are linked to {} yet",
            account.label
        ));
        return;
    }
    methods_table_ui(
        ui,
        &TableView {
            lines: &v.screen.methods,
            selected: v.selected_method,
            revealed: v.revealed,
            vault_available: vault_ok,
            reveal_secs: v.reveal_secs,
        },
        commands,
    );
}

fn tier_badge_ui(ui: &mut Ui, tier: Tier) {
    let (tone, text) = match tier {
        Tier::Verified => (Tone::Ok, "Verified"),
        Tier::Unverified => (Tone::Warn, "Unverified"),
    };
    let (fill, ink) = Palette::of_ui(ui).badge(tone);
    egui::Frame::new()
        .fill(fill)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(5, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(text).small().color(ink));
        });
}
