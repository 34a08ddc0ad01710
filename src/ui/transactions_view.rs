//! "Transactions": a filtered list read from the service a page at a time
//! (only the rows on screen are drawn), with its filters and actions.

use std::collections::HashMap;

use eframe::egui::{self, RichText, TextEdit, Ui};
use egui_extras::{Column, TableBuilder};

use super::command::Command;
use super::form;
use crate::domain::TxnId;
use crate::domain::calendar::rfc3339_in;
use crate::domain::limits::{DEFAULT_TIME_ZONE, Proposed, TxType, local_day, under_minimum};
use crate::domain::money::{Currency, format_amount, money};
use crate::domain::txn::{Txn, TxnTotals};
use crate::domain::txn_filter::{FILTER_TEXT_MAX, TxnFilter};
use crate::wallet::{LimitsScreen, Listed, Lister};
use crate::words;

/// Rows read from the service at a time.
pub const PAGE: u64 = 100;
/// Pages kept; older ones are dropped and read again when scrolled back to.
const KEEP_PAGES: usize = 24;

/// The list: its filter, how many rows match, and the pages read so far. Pages
/// the table asks for are read between frames (`wanted`), never while drawing.
#[derive(Default)]
pub struct TxnList {
    pub filter: TxnFilter,
    pub from_text: String,
    pub until_text: String,
    /// What is wrong with the filter as typed.
    pub error: Option<String>,
    pub total: u64,
    /// The matching rows added up by the service (the line above the table).
    pub totals: TxnTotals,
    /// The filter the table was last drawn for: another one starts at the top,
    /// where the newest matches are.
    drawn_for: Option<TxnFilter>,
    pages: HashMap<u64, Vec<Txn>>,
    /// Pages the table wanted in the last frame and has not got yet.
    wanted: Vec<u64>,
    pub selected_txn: Option<TxnId>,
    /// The service's worker that counts and reads off the window's thread.
    pub lister: Option<Lister>,
    /// When (in the window's time, seconds) the filter as typed is counted:
    /// typing waits for a pause of [`SEARCH_PAUSE`].
    pub due: Option<f64>,
    /// Counting the current filter's rows: the table says "Searching…" until
    /// its first page is in, then shows that page while the count is read.
    pub searching: bool,
    /// The current filter's first page is in (before its count, when searching).
    first_in: bool,
    /// Counted, not yet added up: the rows show, the totals line waits.
    pub adding_up: bool,
    /// The totals, when they are in before the count.
    added: Option<TxnTotals>,
    /// Pages asked of the worker and not yet answered.
    asked: Vec<u64>,
}

/// The pause in typing after which the filter is counted.
pub const SEARCH_PAUSE: f64 = 0.15;

impl TxnList {
    /// Count again at `at` (the window's time): now, or after a pause in typing.
    pub fn recount_at(&mut self, at: f64) {
        self.due = Some(at);
        self.searching = true;
        self.first_in = false;
    }

    /// Between frames, at the window's time `now`: ask for what is due, take
    /// what the worker found (a stale generation's answers are dropped). Returns
    /// whether more is to come (the window paints again to collect it).
    pub fn step(&mut self, now: f64) -> bool {
        let Some(mut lister) = self.lister.take() else {
            return false;
        };
        if self.due.is_some_and(|d| now >= d) {
            self.due = None;
            // A new filter's newest rows come first. The same filter read again
            // (after an edit) keeps its place in the table: its count comes
            // first, and the pages after.
            let fresh = self.drawn_for.as_ref() != Some(&self.filter);
            lister.ask_totals(&self.filter, if fresh { PAGE } else { 0 });
            self.asked.clear();
            if fresh {
                self.pages.clear();
            }
            self.first_in = false;
            self.added = None;
        }
        let current = lister.generation();
        for answer in lister.poll() {
            match answer {
                Listed::Page(g, 0, Ok(rows))
                    if g == current && self.due.is_none() && self.searching =>
                {
                    // The newest rows, before the count: the table shows them.
                    // A page that is not full is every match: counted.
                    self.total = rows.len() as u64;
                    if self.total < PAGE {
                        self.searching = false;
                        self.adding_up = self.total > 0;
                        self.totals = TxnTotals::default();
                    }
                    self.put_page(0, rows);
                    self.first_in = true;
                }
                Listed::Count(g, r) if g == current && self.due.is_none() && self.searching => {
                    self.searching = false;
                    self.total = r.unwrap_or_default();
                    self.adding_up = self.total > 0;
                    self.totals = TxnTotals::default();
                    if !self.first_in {
                        self.pages.clear();
                    }
                    self.asked.clear();
                }
                Listed::Totals(g, r) if g == current && self.due.is_none() => {
                    self.added = Some(r.unwrap_or_default());
                }
                Listed::Page(g, page, rows) if g == current && !self.searching => {
                    self.asked.retain(|p| *p != page);
                    self.put_page(page, rows.unwrap_or_default());
                }
                _ => {}
            }
        }
        if !self.searching
            && let Some(t) = self.added.take()
        {
            self.totals = t;
            self.adding_up = false;
        }
        if !self.searching {
            for page in std::mem::take(&mut self.wanted) {
                if !self.asked.contains(&page) && !self.pages.contains_key(&page) {
                    self.asked.push(page);
                    lister.ask_page(&self.filter, page, PAGE, self.total);
                }
            }
        }
        self.lister = Some(lister);
        self.due.is_some() || self.searching || self.adding_up || !self.asked.is_empty()
    }

    /// The row at `index` of the filtered list, if its page has been read;
    /// otherwise the page is asked for.
    fn row(&mut self, index: u64) -> Option<&Txn> {
        let page = index / PAGE;
        if !self.pages.contains_key(&page) {
            if !self.wanted.contains(&page) {
                self.wanted.push(page);
            }
            return None;
        }
        self.pages
            .get(&page)
            .and_then(|p| p.get(usize::try_from(index % PAGE).ok()?))
    }

    /// A page read by the service; the pages farthest from it are dropped.
    pub fn put_page(&mut self, page: u64, rows: Vec<Txn>) {
        if self.pages.len() >= KEEP_PAGES {
            let mut keys: Vec<u64> = self.pages.keys().copied().collect();
            keys.sort_by_key(|k| k.abs_diff(page));
            for k in keys.into_iter().skip(KEEP_PAGES / 2) {
                self.pages.remove(&k);
            }
        }
        self.pages.insert(page, rows);
    }

    /// Whether the table is waiting for pages or a count.
    pub fn is_waiting(&self) -> bool {
        !self.wanted.is_empty() || !self.asked.is_empty() || self.searching
    }
}

/// No rows: on an unfiltered list, what to do to get some; on a filtered one,
/// that nothing matches, and the way back.
fn empty_ui(ui: &mut Ui, sp: &TxnList, commands: &mut Vec<Command>) {
    let f = &sp.filter;
    let filtered = !f.text.is_empty()
        || f.ty.is_some()
        || f.method.is_some()
        || !sp.from_text.trim().is_empty()
        || !sp.until_text.trim().is_empty();
    ui.add_space(24.0);
    ui.vertical_centered(|ui| {
        if filtered {
            ui.heading("No payment matches these filters");
            if ui.button("Clear the filters").clicked() {
                commands.push(Command::ClearFilters);
            }
            return;
        }
        ui.heading("No payments yet");
        ui.label(
            "Payments count against the account's limits and the yearly FX quota. Bring them in one of three ways:",
        );
        ui.add_space(8.0);
        let key = |a| {
            super::menu::shortcut(a)
                .map(|s| format!(" ({})", ui.ctx().format_shortcut(&s)))
                .unwrap_or_default()
        };
        let record = key(super::menu::Action::RecordPayment);
        let import = key(super::menu::Action::Import);
        if ui.button(format!("Record a payment…{record}")).clicked() {
            commands.push(Command::OpenRecord);
        }
        if ui
            .button(format!("Import an Alipay or WeChat Pay bill…{import}"))
            .clicked()
        {
            commands.push(Command::OpenImport);
        }
        ui.label(
            RichText::new("or drop the bill (CSV, XLSX, or the e-mailed zip) onto this window")
                .weak(),
        );
    });
}

pub fn transactions_ui(
    ui: &mut Ui,
    sp: &mut TxnList,
    limits: Option<&LimitsScreen>,
    commands: &mut Vec<Command>,
) {
    let label = limits
        .map(|l| l.quota.account.label.clone())
        .unwrap_or_default();
    ui.heading(format!("Transactions — {label}"));
    ui.horizontal_wrapped(|ui| {
        let record = super::menu::shortcut(super::menu::Action::RecordPayment)
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default();
        if ui.button("Record payment…").on_hover_text(record).clicked() {
            commands.push(Command::OpenRecord);
        }
        if ui.button("Import…")
            .on_hover_text("walletdesk's own CSV, or an Alipay or WeChat Pay bill; or drop the file onto the window").clicked() {
            commands.push(Command::OpenImport);
        }
        if ui.button("Export CSV…").clicked() {
            commands.push(Command::OpenExport);
        }
    });
    // Filters: any change counts the rows again.
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Search");
        changed |= ui
            .add(
                TextEdit::singleline(&mut sp.filter.text)
                    .char_limit(FILTER_TEXT_MAX)
                    .hint_text("counterparty or note")
                    .desired_width(160.0),
            )
            .labelled_by(l.id)
            .changed();
        let ty = sp.filter.ty.map_or("Any type", TxType::label);
        let combo_label = ui.label("Type");
        egui::ComboBox::from_id_salt("filter_type")
            .selected_text(ty)
            .show_ui(ui, |ui| {
                changed |= ui
                    .selectable_value(&mut sp.filter.ty, None, "Any type")
                    .changed();
                for t in TxType::ALL {
                    changed |= ui
                        .selectable_value(&mut sp.filter.ty, Some(*t), t.label())
                        .changed();
                }
            })
            .response
            .labelled_by(combo_label.id);
        let method = sp
            .filter
            .method
            .map_or_else(|| "Any method".to_owned(), |m| method_name(limits, m));
        let methods: Vec<(crate::domain::MethodId, String)> = limits
            .map(|l| l.methods.iter().map(|m| (m.id, m.title())).collect())
            .unwrap_or_default();
        let combo_label = ui.label("Method");
        egui::ComboBox::from_id_salt("filter_method")
            .selected_text(method)
            .show_ui(ui, |ui| {
                changed |= ui
                    .selectable_value(&mut sp.filter.method, None, "Any method")
                    .changed();
                for (id, t) in &methods {
                    changed |= ui
                        .selectable_value(&mut sp.filter.method, Some(*id), t)
                        .changed();
                }
            })
            .response
            .labelled_by(combo_label.id);
        let l = ui.label("From");
        changed |= ui
            .add(
                TextEdit::singleline(&mut sp.from_text)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(104.0),
            )
            .labelled_by(l.id)
            .changed();
        let l = ui.label("Until");
        changed |= ui
            .add(
                TextEdit::singleline(&mut sp.until_text)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(104.0),
            )
            .labelled_by(l.id)
            .changed();
    });
    if changed {
        commands.push(Command::FilterChanged);
    }
    if let Some(e) = &sp.error {
        ui.label(RichText::new(e).color(form::error(ui)));
    }
    if sp.searching && !sp.first_in {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(RichText::new(words::SEARCHING).strong());
        });
        return;
    }
    if sp.searching {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(RichText::new(words::txn_counting(sp.total)).strong());
        });
    } else if sp.adding_up {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(RichText::new(words::txn_adding_up(sp.total)).strong());
        });
    } else {
        ui.label(RichText::new(words::txn_totals(&sp.totals)).strong());
    }
    if sp.total == 0 && !sp.is_waiting() {
        empty_ui(ui, sp, commands);
        return;
    }
    let tz = limits.map_or(DEFAULT_TIME_ZONE, |l| l.quota.time_zone);
    let statuses = limits.map_or(&[][..], |l| &l.quota.statuses[..]);
    let when = words::when_heading(tz);
    let total = usize::try_from(sp.total).unwrap_or(usize::MAX);
    let text_height = egui::TextStyle::Body.resolve(ui.style()).size + 8.0;
    let mut table = TableBuilder::new(ui)
        .id_salt("txn_table")
        .striped(true)
        .resizable(false)
        .auto_shrink([false, false])
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(126.0))
        .column(Column::exact(96.0))
        .column(Column::exact(64.0))
        .column(Column::exact(118.0))
        .column(Column::exact(142.0))
        .column(Column::remainder().at_least(90.0).clip(true))
        .column(Column::exact(132.0));
    // Another filter (or account): back to the top, where the newest matches are.
    if sp.drawn_for.as_ref() != Some(&sp.filter) {
        sp.drawn_for = Some(sp.filter.clone());
        table = table.vertical_scroll_offset(0.0);
    }
    table
        .header(22.0, |mut h| {
            for (title, right) in [
                (when.as_str(), false),
                ("Amount", true),
                ("In USD", true),
                ("Type", false),
                ("To", false),
                ("Counterparty", false),
                ("", false),
            ] {
                h.col(|ui| {
                    if right {
                        right_aligned_ui(ui, |ui| {
                            ui.strong(title);
                        });
                    } else {
                        ui.strong(title);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(text_height, total, |mut row| {
                let index = row.index() as u64;
                let Some(t) = sp.row(index).cloned() else {
                    row.col(|ui| {
                        ui.label("…");
                    });
                    return;
                };
                row.set_selected(sp.selected_txn == Some(t.id));
                row.col(|ui| {
                    ui.label(words::time(t.new.at, tz)).on_hover_text(format!(
                        "{}, counted on {}",
                        rfc3339_in(t.new.at, tz),
                        local_day(t.new.at, tz)
                    ));
                });
                row.col(|ui| {
                    right_aligned_ui(ui, |ui| {
                        if t.refund {
                            ui.label(words::refund_amount(t.new.amount, t.new.currency));
                        } else {
                            ui.label(money(t.new.amount, t.new.currency));
                        }
                    });
                });
                row.col(|ui| {
                    right_aligned_ui(ui, |ui| {
                        let usd = t.in_currency(Currency::USD).unwrap_or_default();
                        let r = ui.label(format_amount(usd, Currency::USD));
                        if let Some(c) = t.converted.iter().find(|c| c.currency == Currency::USD)
                            && t.new.currency != Currency::USD
                        {
                            r.on_hover_text(format!(
                                "rate {}{}, kept with the payment",
                                c.rate,
                                c.rate_date.map(|d| format!(" of {d}")).unwrap_or_default()
                            ));
                        }
                    });
                });
                row.col(|ui| {
                    ui.horizontal(|ui| {
                        if t.refund {
                            ui.label(RichText::new(words::REFUND).strong())
                                .on_hover_text(words::refund_explained());
                        } else {
                            ui.label(t.new.ty.label());
                        }
                        if t.new.fx_exempt {
                            ui.label(RichText::new("exempt").weak())
                                .on_hover_text("Not counted toward the FX quota (Q3)");
                        }
                    });
                });
                row.col(|ui| {
                    ui.horizontal(|ui| {
                        ui.label(t.new.to.label());
                        if let Some(l) = under_minimum(statuses, &Proposed::recorded(&t)).first() {
                            ui.label(RichText::new(&l.rule).color(form::warn(ui)))
                                .on_hover_text(format!(
                                    "Under the minimum of {}: {}",
                                    l.title(),
                                    l.min.map(|m| money(m, l.currency)).unwrap_or_default()
                                ));
                        }
                    });
                });
                row.col(|ui| {
                    let mut text = t.new.counterparty.clone();
                    if let Some(m) = t.new.method {
                        text = format!("{text} · {}", method_name(limits, m));
                    }
                    let r = ui.label(text);
                    if !t.new.note.is_empty() {
                        r.on_hover_text(&t.new.note);
                    }
                });
                row.col(|ui| {
                    ui.horizontal(|ui| {
                        if ui.small_button("Edit…").clicked() {
                            commands.push(Command::OpenEdit(t.id));
                        }
                        if ui.small_button("Delete…").clicked() {
                            commands.push(Command::AskDelete(t.id));
                        }
                    });
                });
            });
        });
}

/// A table cell's contents against its right edge (amounts line up by their digits).
fn right_aligned_ui(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), add);
}

fn method_name(limits: Option<&LimitsScreen>, id: crate::domain::MethodId) -> String {
    limits.map_or_else(|| format!("method {id}"), |l| l.method_name(id))
}
