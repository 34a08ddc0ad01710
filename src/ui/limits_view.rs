//! "Limits": a bar per limit in force, the binding layer, this year's spending
//! against the annual limit with a forecast, the FX quota across accounts, your
//! own caps and figures, the rate table, and the payment pre-check dialog.

use chrono::Datelike;
use eframe::egui::{self, Color32, Grid, ProgressBar, RichText, TextEdit, Ui};
use egui_plot::{HLine, Legend, Line, LineStyle, Plot, PlotPoints, VLine};
use rust_decimal::prelude::ToPrimitive;

use super::command::Command;
use super::form::{self, ERROR, OK, WARN};
use crate::domain::limits::{LimitStatus, Origin, Window};
use crate::domain::money::Rate;
use crate::domain::money::{Currency, money};
use crate::domain::risk::Level;
use crate::wallet::{CapDraft, LimitsScreen, RateDraft, YearSeries};
use crate::words;

/// The Limits view: the service's screen, and the two forms on it.
#[derive(Default)]
pub struct LimitsState {
    pub screen: Option<LimitsScreen>,
    /// Why the screen could not be read.
    pub error: Option<String>,
    pub rate_form: RateDraft,
    pub cap_form: CapDraft,
}

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
fn status_row_ui(ui: &mut Ui, s: &LimitStatus, binding: bool, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(&s.layer.rule).strong())
            .on_hover_text(format!(
                "Source: {}{}{}",
                words::source(&s.layer.source),
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
        let used = words::used_of(s);
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
            if let Some(id) = s.layer.cap
                && ui.small_button("Remove cap").clicked()
            {
                commands.push(Command::RemoveCap(id));
            }
        }
        _ => {
            if ui
                .small_button("Set my figure…")
                .on_hover_text("Replace the published figure for this account")
                .clicked()
            {
                commands.push(Command::OpenOverride(s.layer.key.clone()));
            }
        }
    });
    ui.add_space(6.0);
}

pub fn limits_ui(ui: &mut Ui, st: &mut LimitsState, commands: &mut Vec<Command>) {
    let Some(sc) = &st.screen else {
        if let Some(e) = &st.error {
            ui.label(RichText::new(e).color(ERROR));
        }
        return;
    };
    let q = &sc.quota;
    ui.heading(format!("Limits — {}", q.account.label));
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Check a payment…")
            .on_hover_text("Would it go through, with which method, at what fee? (Ctrl+K)")
            .clicked()
        {
            commands.push(Command::OpenPrecheck);
        }
        if ui
            .button("Record payment…")
            .on_hover_text("Ctrl+R")
            .clicked()
        {
            commands.push(Command::OpenRecord);
        }
        let current = &q.book;
        let name = sc
            .books
            .iter()
            .find(|(id, _)| id == current)
            .map_or(current.clone(), |(_, n)| n.clone());
        let combo_label = ui.label("Limit book");
        egui::ComboBox::from_id_salt("limit_book")
            .selected_text(name)
            .show_ui(ui, |ui| {
                for (id, n) in &sc.books {
                    if ui.selectable_label(id == current, n).clicked() && id != current {
                        commands.push(Command::SetBook(id.clone()));
                    }
                }
            })
            .response
            .labelled_by(combo_label.id);
        ui.label(RichText::new(format!("windows in {}", words::zone_name(q.time_zone))).weak());
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("limits_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if let Some(b) = q.binding.and_then(|i| q.statuses.get(i)) {
                ui.label(RichText::new(words::binding(b)).strong());
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
                    status_row_ui(left, s, q.binding == Some(i), commands);
                }
                chart_ui(right, &sc.series);
                right.add_space(8.0);
                fx_ui(right, &sc.fx);
                right.add_space(8.0);
                cap_form_ui(right, &mut st.cap_form, &sc.methods, commands);
                right.add_space(8.0);
                rates_ui(right, &mut st.rate_form, &sc.rates, commands);
            });
        });
}

fn chart_ui(ui: &mut Ui, s: &YearSeries) {
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
        ui.label(words::fx_line(s));
    }
}

fn cap_form_ui(
    ui: &mut Ui,
    f: &mut CapDraft,
    methods: &[crate::domain::Method],
    commands: &mut Vec<Command>,
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
        commands.push(Command::AddCap(f.clone()));
    }
}

fn rates_ui(ui: &mut Ui, f: &mut RateDraft, rates: &[Rate], commands: &mut Vec<Command>) {
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
                    commands.push(Command::AddRate(f.clone()));
                }
            });
            for r in rates.iter().take(40) {
                ui.label(format!("{}  1 {} = {} {}", r.date, r.from, r.rate, r.to));
            }
        });
}
