//! "Limits": a bar per limit in force, the binding layer, this year's spending
//! against the annual limit with a forecast, the FX quota across accounts, your
//! own caps and figures, the rate table, and the payment pre-check dialog.

use chrono::Datelike;
use eframe::egui::{self, Color32, Grid, Id, Modal, ProgressBar, RichText, TextEdit, Ui};
use egui_plot::{HLine, Legend, Line, LineStyle, Plot, PlotPoints, VLine};
use rust_decimal::prelude::ToPrimitive;

use super::form::{self, ERROR, OK, WARN};
use super::spending::{Act, PrecheckDialog, RateForm, SpendDialog, Spending};
use crate::domain::limits::{LimitStatus, Origin, TxType, Window};
use crate::domain::money::Rate;
use crate::domain::money::{Currency, money};
use crate::domain::risk::Level;
use crate::wallet::{CapDraft, Precheck, Wallet, YearSeries};

fn bar_color(s: &LimitStatus) -> Color32 {
    match s.level() {
        Level::Block => ERROR,
        Level::Warn => WARN,
        _ => OK,
    }
}

fn percent(s: &LimitStatus) -> u32 {
    (s.fraction() * 100.0).floor().clamp(0.0, 9999.0) as u32
}

/// One limit: name, bar, figures, reset time, source.
fn status_row_ui(ui: &mut Ui, s: &LimitStatus, binding: bool, acts: &mut Vec<Act>) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(&s.layer.rule).strong())
            .on_hover_text(format!(
                "Source: {}{}{}",
                s.layer.source,
                if s.layer.effective > chrono::NaiveDate::MIN {
                    format!(", in force from {}", s.layer.effective)
                } else {
                    String::new()
                },
                if s.layer.inference {
                    " (effective date inferred)"
                } else {
                    ""
                }
            ));
        ui.label(&s.layer.name);
        if binding {
            ui.label(
                RichText::new(" binds ")
                    .color(Color32::WHITE)
                    .background_color(Color32::from_rgb(0x35, 0x5c, 0xa8)),
            )
            .on_hover_text("The least headroom of the limits every payment counts toward");
        }
        match s.layer.origin {
            Origin::Overridden => {
                ui.label(
                    RichText::new(format!(
                        "your figure (published {})",
                        money(s.layer.published_max.unwrap_or_default(), s.layer.currency)
                    ))
                    .weak(),
                );
            }
            Origin::Own => {
                ui.label(RichText::new("your cap").weak());
            }
            Origin::Published => {}
        }
    });
    if s.layer.window == Window::Single {
        ui.label(format!(
            "At most {} per payment",
            money(s.layer.max, s.layer.currency)
        ));
    } else {
        let used = format!(
            "{} of {} used, {} left",
            money(s.used, s.layer.currency),
            money(s.layer.max, s.layer.currency),
            money(s.remaining, s.layer.currency)
        );
        ui.add(
            ProgressBar::new(s.fraction().clamp(0.0, 1.0))
                .fill(bar_color(s))
                .desired_width(ui.available_width().min(560.0))
                .text(format!("{} %", percent(s))),
        );
        ui.horizontal_wrapped(|ui| {
            ui.label(used);
            if let Some(r) = s.resets_at {
                ui.label(RichText::new(format!("resets {}", r.format("%Y-%m-%d %H:%M"))).weak());
            }
        });
        match s.level() {
            Level::Block => {
                ui.label(
                    RichText::new(format!("{} {}: limit reached", s.layer.rule, s.layer.name))
                        .color(ERROR),
                );
            }
            Level::Warn => {
                ui.label(
                    RichText::new(format!(
                        "{} {}: {} % used",
                        s.layer.rule,
                        s.layer.name,
                        percent(s)
                    ))
                    .color(WARN),
                );
            }
            _ => {}
        }
    }
    ui.horizontal(|ui| match s.layer.origin {
        Origin::Own => {
            if let Some(id) = Spending::cap_id(s)
                && ui.small_button("Remove cap").clicked()
            {
                acts.push(Act::RemoveCap(id));
            }
        }
        _ => {
            if ui
                .small_button("Set my figure…")
                .on_hover_text("Replace the published figure for this account")
                .clicked()
            {
                acts.push(Act::OpenOverride(s.layer.key.clone()));
            }
        }
    });
    ui.add_space(6.0);
}

pub fn limits_ui(ui: &mut Ui, sp: &mut Spending, acts: &mut Vec<Act>) {
    sp.notice_ui(ui);
    let Some(q) = &sp.quota else {
        if let Some(e) = &sp.load_error {
            ui.label(RichText::new(e).color(ERROR));
        }
        return;
    };
    ui.heading(format!("Limits — {}", q.account.label));
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Check a payment…")
            .on_hover_text("Would it go through, with which method, at what fee? (Ctrl+K)")
            .clicked()
        {
            acts.push(Act::OpenPrecheck);
        }
        if ui
            .button("Record payment…")
            .on_hover_text("Ctrl+R")
            .clicked()
        {
            acts.push(Act::OpenRecord);
        }
        let current = &q.book;
        let name = sp
            .books
            .iter()
            .find(|(id, _)| id == current)
            .map_or(current.clone(), |(_, n)| n.clone());
        let combo_label = ui.label("Limit book");
        egui::ComboBox::from_id_salt("limit_book")
            .selected_text(name)
            .show_ui(ui, |ui| {
                for (id, n) in &sp.books {
                    if ui.selectable_label(id == current, n).clicked() && id != current {
                        acts.push(Act::SetBook(id.clone()));
                    }
                }
            })
            .response
            .labelled_by(combo_label.id);
        ui.label(RichText::new(format!("windows in {}", q.time_zone.name())).weak());
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("limits_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if let Some(b) = q.binding.and_then(|i| q.statuses.get(i)) {
                ui.label(
                    RichText::new(format!(
                        "You can spend {} more before {} {} binds (resets {})",
                        money(b.remaining, b.layer.currency),
                        b.layer.rule,
                        b.layer.name,
                        b.resets_at
                            .map(|t| t.format("%Y-%m-%d").to_string())
                            .unwrap_or_default()
                    ))
                    .strong(),
                );
                ui.add_space(6.0);
            }
            if q.statuses.is_empty() {
                ui.label(format!(
                    "No published limits apply to {} accounts; add your own cap below.",
                    q.account.provider.name()
                ));
            }
            ui.columns(2, |cols| {
                let (left, right) = cols.split_at_mut(1);
                let left = &mut left[0];
                let right = &mut right[0];
                for (i, s) in q.statuses.iter().enumerate() {
                    status_row_ui(left, s, q.binding == Some(i), acts);
                }
                chart_ui(right, sp.series.as_ref());
                right.add_space(8.0);
                fx_ui(right, &sp.fx);
                right.add_space(8.0);
                cap_form_ui(right, &mut sp.cap_form, &sp.methods, acts);
                right.add_space(8.0);
                rates_ui(right, &mut sp.rate_form, &sp.rates, acts);
            });
        });
}

fn chart_ui(ui: &mut Ui, series: Option<&YearSeries>) {
    let Some(s) = series else {
        return;
    };
    ui.strong(format!("{} so far, in USD", s.year));
    let day = |d: chrono::NaiveDate| f64::from(d.ordinal());
    let to_f = |v: rust_decimal::Decimal| v.to_f64().unwrap_or(0.0);
    let mut pts: Vec<[f64; 2]> = vec![[0.0, 0.0]];
    pts.extend(s.points.iter().map(|(d, v)| [day(*d), to_f(*v)]));
    let total = s
        .points
        .last()
        .map_or(rust_decimal::Decimal::ZERO, |(_, v)| *v);
    let year_end =
        f64::from(chrono::NaiveDate::from_ymd_opt(s.year, 12, 31).map_or(365, |d| d.ordinal()));
    let forecast = vec![
        [day(s.today), to_f(total)],
        [year_end, to_f(s.forecast_year_end)],
    ];
    let limit = s.limit.as_ref().map(|l| to_f(l.layer.max));
    let year = s.year;
    Plot::new("year_plot")
        .height(220.0)
        .legend(Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_x(0.0)
        .include_x(year_end)
        .include_y(0.0)
        .include_y(limit.unwrap_or(0.0) * 1.05)
        .x_axis_formatter(move |m, _| {
            let d = chrono::NaiveDate::from_yo_opt(year, (m.value.max(1.0) as u32).min(365));
            d.map(|d| d.format("%b").to_string()).unwrap_or_default()
        })
        .show(ui, |p| {
            p.line(
                Line::new("spent", PlotPoints::new(pts))
                    .color(OK)
                    .width(2.0),
            );
            p.line(
                Line::new("at this pace", PlotPoints::new(forecast))
                    .color(WARN)
                    .style(LineStyle::Dashed { length: 8.0 }),
            );
            if let Some(l) = limit {
                p.hline(HLine::new("annual limit", l).color(ERROR));
            }
            if let Some(d) = s.runs_out {
                p.vline(VLine::new("runs out", day(d)).color(ERROR));
            }
        });
    let Some(l) = &s.limit else {
        ui.label("No annual limit in USD applies to this account");
        return;
    };
    ui.label(format!(
        "{} spent of {} ({} {}); at this pace {} by 31 December",
        money(total, Currency::USD),
        money(l.layer.max, l.layer.currency),
        l.layer.rule,
        l.layer.name,
        money(s.forecast_year_end, Currency::USD)
    ));
    match s.runs_out {
        Some(d) if d <= s.today => {
            ui.label(RichText::new(format!("The annual limit ran out on {d}")).color(ERROR));
        }
        Some(d) => {
            ui.label(
                RichText::new(format!("At this pace the annual limit runs out on {d}")).color(WARN),
            );
        }
        None => {
            ui.label(RichText::new("At this pace the annual limit lasts the year").color(OK));
        }
    }
}

fn fx_ui(ui: &mut Ui, fx: &[LimitStatus]) {
    let year: Vec<&LimitStatus> = fx
        .iter()
        .filter(|s| s.layer.window != Window::Single)
        .collect();
    if year.is_empty() {
        return;
    }
    ui.strong("All accounts: the FX quota is per person");
    for s in year {
        ui.add(
            ProgressBar::new(s.fraction().clamp(0.0, 1.0))
                .fill(bar_color(s))
                .desired_width(ui.available_width().min(420.0))
                .text(format!("{} %", percent(s))),
        );
        ui.label(format!(
            "{} {}: {} of {} used across your wallets",
            s.layer.rule,
            s.layer.name,
            money(s.used, s.layer.currency),
            money(s.layer.max, s.layer.currency)
        ));
    }
}

fn cap_form_ui(
    ui: &mut Ui,
    f: &mut CapDraft,
    methods: &[crate::domain::Method],
    acts: &mut Vec<Act>,
) {
    ui.strong("Add your own cap");
    ui.label(RichText::new("e.g. your card's issuer allows CNY 20,000 a month").weak());
    Grid::new("cap_form").num_columns(2).show(ui, |ui| {
        let l = ui.label("Cap name");
        ui.add(TextEdit::singleline(&mut f.name).desired_width(180.0))
            .labelled_by(l.id);
        ui.end_row();
        form::choice_row_ui(
            ui,
            "Window",
            &mut f.window,
            &[
                ("day", "Day"),
                ("week", "Week"),
                ("month", "Month"),
                ("year", "Year"),
                ("single", "Per payment"),
            ],
        );
        form::choice_row_ui(
            ui,
            "Cap currency",
            &mut f.currency,
            &[("CNY", "CNY"), ("USD", "USD")],
        );
        let l = ui.label("Cap amount");
        ui.add(TextEdit::singleline(&mut f.amount).desired_width(120.0))
            .labelled_by(l.id);
        ui.end_row();
        let l = ui.label("Only method");
        let title = if f.method.is_empty() {
            "Any method".to_owned()
        } else {
            f.method
                .parse::<i64>()
                .map(|n| {
                    methods
                        .iter()
                        .find(|m| m.id.0 == n)
                        .map_or_else(|| n.to_string(), crate::domain::Method::title)
                })
                .unwrap_or_default()
        };
        egui::ComboBox::from_id_salt("cap_method")
            .selected_text(title)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.method, String::new(), "Any method");
                for m in methods {
                    ui.selectable_value(&mut f.method, m.id.to_string(), m.title());
                }
            })
            .response
            .labelled_by(l.id);
        ui.end_row();
    });
    if ui.button("Add cap").clicked() {
        acts.push(Act::AddCap(f.clone()));
    }
}

fn rates_ui(ui: &mut Ui, f: &mut RateForm, rates: &[Rate], acts: &mut Vec<Act>) {
    egui::CollapsingHeader::new(format!("Exchange rates ({})", rates.len()))
        .id_salt("rates")
        .show(ui, |ui| {
            ui.label(
                RichText::new(
                    "Payments convert with the latest rate on or before their date (Q6); the rate used is kept with each payment.",
                )
                .weak(),
            );
            ui.horizontal(|ui| {
                ui.label("1");
                ui.add(TextEdit::singleline(&mut f.from).hint_text("USD").desired_width(44.0));
                ui.label("=");
                ui.add(TextEdit::singleline(&mut f.rate).hint_text("7.18").desired_width(70.0));
                ui.add(TextEdit::singleline(&mut f.to).hint_text("CNY").desired_width(44.0));
                ui.label("from");
                ui.add(TextEdit::singleline(&mut f.date).hint_text("today").desired_width(90.0));
                if ui.button("Add rate").clicked() {
                    acts.push(Act::AddRate(f.clone()));
                }
            });
            for r in rates.iter().take(40) {
                ui.label(format!("{}  1 {} = {} {}", r.date, r.from, r.rate, r.to));
            }
        });
}

/// The pre-check dialog: asks, and answers as the user types.
pub fn precheck_dialog_ui(
    ctx: &egui::Context,
    w: &Wallet,
    account: crate::domain::AccountId,
    d: &mut PrecheckDialog,
    acts: &mut Vec<Act>,
) {
    Modal::new(Id::unique("precheck_dialog")).show(ctx, |ui| {
        ui.set_width(640.0);
        ui.heading("Check a payment");
        ui.label("Which limits would it break, what would it cost, and which method should pay?");
        ui.add_space(6.0);
        let first = !std::mem::replace(&mut d.focused, true);
        Grid::new("precheck_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let l = ui.label("Amount");
                let r = ui
                    .add(
                        TextEdit::singleline(&mut d.draft.amount)
                            .hint_text("3000.00")
                            .desired_width(160.0),
                    )
                    .labelled_by(l.id);
                if first {
                    r.request_focus();
                }
                ui.end_row();
                let l = ui.label("Currency");
                ui.add(TextEdit::singleline(&mut d.draft.currency).desired_width(60.0))
                    .labelled_by(l.id);
                ui.end_row();
                let types: Vec<(&str, &str)> =
                    TxType::ALL.iter().map(|t| (t.id(), t.label())).collect();
                form::choice_row_ui(ui, "Type", &mut d.draft.ty, &types);
                let dests: Vec<(&str, &str)> = crate::domain::limits::Destination::ALL
                    .iter()
                    .map(|t| (t.id(), t.label()))
                    .collect();
                form::choice_row_ui(ui, "To", &mut d.draft.to, &dests);
            });
        if d.result.as_ref().is_none_or(|(asked, _)| *asked != d.draft) {
            let r = if d.draft.amount.trim().is_empty() {
                Err(String::new())
            } else {
                w.precheck(account, &d.draft).map_err(|e| e.to_string())
            };
            d.result = Some((d.draft.clone(), r));
        }
        ui.separator();
        match d.result.as_ref().map(|(_, r)| r) {
            Some(Ok(p)) => precheck_result_ui(ui, p),
            Some(Err(e)) if !e.is_empty() => {
                ui.label(RichText::new(e).color(ERROR));
            }
            _ => {
                ui.label(RichText::new("Type an amount").weak());
            }
        }
        ui.separator();
        ui.horizontal(|ui| {
            let can_record = matches!(d.result.as_ref().map(|(_, r)| r), Some(Ok(_)));
            if ui
                .add_enabled(can_record, egui::Button::new("Record this payment…"))
                .clicked()
            {
                acts.push(Act::RecordChecked(d.draft.clone()));
            }
            if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                acts.push(Act::Close);
            }
        });
    });
}

fn precheck_result_ui(ui: &mut Ui, p: &Precheck) {
    let (text, color) = if p.allowed {
        ("Goes through", OK)
    } else {
        ("Would be refused", ERROR)
    };
    ui.label(RichText::new(text).strong().color(color));
    for c in &p.converted {
        if c.currency != p.currency {
            ui.label(
                RichText::new(format!(
                    "= {} at {}{}",
                    money(c.amount, c.currency),
                    c.rate,
                    c.rate_date
                        .map(|d| format!(" (rate of {d})"))
                        .unwrap_or_default()
                ))
                .weak(),
            );
        }
    }
    for b in &p.breaks {
        ui.label(RichText::new(format!("Breaks {}", b.describe())).color(ERROR));
    }
    for l in &p.under_minimum {
        if let Some(min) = l.min {
            ui.label(
                RichText::new(format!(
                    "{} {}: under the minimum of {}",
                    l.rule,
                    l.name,
                    money(min, l.currency)
                ))
                .color(WARN),
            );
        }
    }
    if let Some(f) = &p.fee {
        ui.label(format!(
            "Fee {}: {} — {}, {}",
            f.rule,
            f.amounts(),
            f.name,
            f.explanation
        ))
        .on_hover_text(format!("Source: {}", f.source));
    }
    match (&p.recommended, &p.no_method) {
        (Some((_, why)), _) => {
            ui.label(RichText::new(format!("Pay with {why}")).strong());
        }
        (None, Some(why)) => {
            ui.label(RichText::new(why).color(ERROR));
        }
        (None, None) => {
            ui.label(
                RichText::new("No active method can pay this within every limit").color(ERROR),
            );
        }
    }
    for c in &p.candidates {
        if p.recommended.as_ref().is_some_and(|(id, _)| *id == c.id) {
            continue;
        }
        ui.label(
            RichText::new(format!(
                "{}: {}, fee {}, binding verdict {}",
                c.title,
                if c.fits {
                    "fits"
                } else if p.breaks.is_empty() {
                    "breaks a cap you set on it"
                } else {
                    "breaks the limits above"
                },
                p.fee
                    .as_ref()
                    .map_or_else(|| c.fee.to_string(), |f| money(c.fee, f.currency)),
                c.verdict.id()
            ))
            .weak(),
        );
    }
    for n in &p.notes {
        ui.label(RichText::new(format!("{}: {}", n.rule, n.text)).weak())
            .on_hover_text(format!("Source: {}", n.source));
    }
}

/// "Set my figure…": replace a published figure for this account.
pub fn override_dialog_ui(ctx: &egui::Context, dialog: &mut SpendDialog, acts: &mut Vec<Act>) {
    let SpendDialog::Override {
        key,
        name,
        amount,
        published,
        error,
    } = dialog
    else {
        return;
    };
    Modal::new(Id::unique("override_dialog")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading("Your figure for this limit");
        ui.label(name.as_str());
        ui.label(RichText::new(format!("Published: {published}")).weak());
        ui.horizontal(|ui| {
            let l = ui.label("Figure");
            ui.add(TextEdit::singleline(amount).desired_width(140.0))
                .labelled_by(l.id);
        });
        if let Some(e) = error {
            ui.label(RichText::new(e.as_str()).color(ERROR));
        }
        ui.horizontal(|ui| {
            if ui.button("Save figure").clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                acts.push(Act::SaveOverride(key.clone(), Some(amount.clone())));
            }
            if ui.button("Back to published").clicked() {
                acts.push(Act::SaveOverride(key.clone(), None));
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                acts.push(Act::Close);
            }
        });
    });
}
