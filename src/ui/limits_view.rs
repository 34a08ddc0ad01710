//! "Limits": a bar per limit in force, the binding layer, this year's spending
//! against the annual limit with a forecast, the FX quota across accounts, your
//! own caps and figures, the rate table, and the payment pre-check dialog.

use chrono::Datelike;
use eframe::egui::{
    self, Color32, Grid, Rect, Response, RichText, Role, Sense, TextEdit, Ui, WidgetInfo, vec2,
};
use egui_plot::{HLine, Line, LineStyle, Plot, PlotPoints, VLine};
use rust_decimal::prelude::ToPrimitive;

use super::command::Command;
use super::form;
use super::palette::{Palette, Tone};
use crate::domain::limits::{LimitStatus, Origin, Window};
use crate::domain::money::{Rate, money};
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

fn bar_color(ui: &Ui, s: &LimitStatus) -> Color32 {
    Palette::of_ui(ui).bar(match s.level() {
        Level::Block => Tone::Error,
        Level::Warn => Tone::Warn,
        _ => Tone::Ok,
    })
}

/// A limit's bar: empty at 0 %, full from 100 %, with the real share used
/// written on it ("34 %", "265× the limit"); its rule and source on hover.
fn limit_bar_ui(ui: &mut Ui, s: &LimitStatus, width: f32) -> Response {
    let text = words::share_used(s);
    let height = ui.spacing().interact_size.y;
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    response.widget_info(|| {
        let mut info = WidgetInfo::labeled(
            Role::ProgressIndicator,
            true,
            format!("{}: {text}", s.layer.name),
        );
        info.value = Some(f64::from(s.fraction().clamp(0.0, 1.0)) * 100.0);
        info
    });
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        // Square-ish corners: a few percent reads as the start of a bar, not a dot.
        let radius = 4.0;
        painter.rect_filled(rect, radius, ui.visuals().extreme_bg_color);
        let filled = rect.width() * s.fraction().clamp(0.0, 1.0);
        // Nothing used, nothing drawn: a 0 % bar is an empty bar.
        if s.used > rust_decimal::Decimal::ZERO && filled > 0.0 {
            let fill = Rect::from_min_size(rect.min, vec2(filled.max(3.0), height));
            painter.rect_filled(fill, radius.min(fill.width() / 2.0), bar_color(ui, s));
        }
        // The figure sits on the fill when it fits there, else just after it.
        let galley = painter.layout_no_wrap(
            text.clone(),
            egui::TextStyle::Body.resolve(ui.style()),
            ui.visuals().strong_text_color(),
        );
        let x = if filled >= galley.size().x + 16.0 {
            8.0
        } else {
            filled + 6.0
        };
        let pos = rect.left_center() + vec2(x, -galley.size().y / 2.0);
        painter.galley(pos, galley, ui.visuals().strong_text_color());
    }
    response.on_hover_text(words::limit_source(&s.layer))
}

/// One limit: its name, whether it is reached first, the bar, the figures and
/// what they add up, when it resets; the rule id small, its source on hover.
fn status_row_ui(
    ui: &mut Ui,
    sc: &LimitsScreen,
    s: &LimitStatus,
    first: bool,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&s.layer.name).strong());
        if first {
            let (fill, text) = Palette::of_ui(ui).badge(Tone::Info);
            egui::Frame::new()
                .fill(fill)
                .inner_margin(egui::Margin::symmetric(4, 0))
                .corner_radius(3)
                .show(ui, |ui| {
                    ui.label(RichText::new(words::REACHED_FIRST).color(text))
                        .on_hover_text(words::REACHED_FIRST_HINT);
                });
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
                let only = s
                    .layer
                    .method
                    .map(|m| format!(", {} only", sc.method_name(m)))
                    .unwrap_or_default();
                ui.label(RichText::new(format!("your cap{only}")).weak());
            }
            Origin::Published => {}
        }
        // A published limit's rule id, small, with its source on hover; your own
        // cap is said to be yours above.
        if s.layer.origin != Origin::Own {
            ui.label(RichText::new(&s.layer.rule).small().weak())
                .on_hover_text(words::limit_source(&s.layer));
        }
    });
    if s.layer.window == Window::Single {
        ui.label(words::per_payment(&s.layer));
    } else {
        limit_bar_ui(ui, s, ui.available_width().min(560.0));
        ui.horizontal_wrapped(|ui| {
            ui.label(words::used_of(s));
            if let Some(r) = s.resets_at {
                ui.label(RichText::new(format!("resets {}", r.format("%Y-%m-%d %H:%M"))).weak());
            }
        });
        if let Some(w) = words::limit_warning(s) {
            let color = if s.level() == Level::Block {
                form::error(ui)
            } else {
                form::warn(ui)
            };
            ui.label(RichText::new(w).color(color));
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
            ui.label(RichText::new(e).color(form::error(ui)));
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
        let combo_label = ui.label("Limit book");
        egui::ComboBox::from_id_salt("limit_book")
            .selected_text(&q.book_name)
            .show_ui(ui, |ui| {
                for (id, n) in &sc.books {
                    if ui.selectable_label(*id == q.book, n).clicked() && *id != q.book {
                        commands.push(Command::SetBook(id.clone()));
                    }
                }
            })
            .response
            .labelled_by(combo_label.id);
        ui.label(RichText::new(words::windows_in(q.time_zone)).weak());
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
                ui.label(words::no_published_limits(q.account.provider));
            }
            ui.columns(2, |cols| {
                let (left, right) = cols.split_at_mut(1);
                // Not justified: a justified column stretches the spaces of wrapped text.
                left[0].vertical(|ui| {
                    for (first, s) in q.shown() {
                        status_row_ui(ui, sc, s, first, commands);
                    }
                });
                right[0].vertical(|ui| {
                    chart_ui(ui, &sc.series);
                    ui.add_space(8.0);
                    // The person's FX quota, unless this account's own list has it.
                    let fx: Vec<LimitStatus> = sc
                        .fx
                        .iter()
                        .filter(|f| !q.statuses.iter().any(|s| s.layer.key == f.layer.key))
                        .cloned()
                        .collect();
                    fx_ui(ui, &fx);
                    ui.add_space(8.0);
                    cap_form_ui(ui, &mut st.cap_form, &sc.methods, commands);
                    ui.add_space(8.0);
                    rates_ui(ui, &mut st.rate_form, &sc.rates, commands);
                });
            });
        });
}

/// The chart's series, named in the legend below it.
const SPENT: &str = "spent";
const AT_THIS_PACE: &str = "at this pace";
const ANNUAL_LIMIT: &str = "annual limit";
const RUNS_OUT: &str = "runs out";

fn chart_ui(ui: &mut Ui, s: &YearSeries) {
    ui.strong(words::year_heading(
        s.year,
        s.limit.as_ref().map(|l| &l.layer),
    ));
    let day = |d: chrono::NaiveDate| f64::from(d.ordinal());
    let to_f = |v: rust_decimal::Decimal| v.to_f64().unwrap_or(0.0);
    let mut pts: Vec<[f64; 2]> = vec![[0.0, 0.0]];
    pts.extend(s.points.iter().map(|(d, v)| [day(*d), to_f(*v)]));
    let total = s
        .points
        .last()
        .map_or(rust_decimal::Decimal::ZERO, |(_, v)| *v);
    // The line runs to today, where the forecast starts, even on a day without spending.
    if s.points.last().is_some_and(|(d, _)| *d < s.today) {
        pts.push([day(s.today), to_f(total)]);
    }
    let year_end =
        f64::from(chrono::NaiveDate::from_ymd_opt(s.year, 12, 31).map_or(365, |d| d.ordinal()));
    let forecast = vec![
        [day(s.today), to_f(total)],
        [year_end, to_f(s.forecast_year_end)],
    ];
    let limit = s.limit.as_ref().map(|l| to_f(l.layer.max));
    let year = s.year;
    let (spent, pace, ceiling) = (form::ok(ui), form::warn(ui), form::error(ui));
    let plot = Plot::new("year_plot")
        .height(220.0)
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
                Line::new(SPENT, PlotPoints::new(pts))
                    .color(spent)
                    .width(2.0),
            );
            p.line(
                Line::new(AT_THIS_PACE, PlotPoints::new(forecast))
                    .color(pace)
                    .style(LineStyle::Dashed { length: 8.0 }),
            );
            if let Some(l) = limit {
                p.hline(HLine::new(ANNUAL_LIMIT, l).color(ceiling));
            }
            if let Some(d) = s.runs_out {
                p.vline(VLine::new(RUNS_OUT, day(d)).color(ceiling));
            }
        });
    plot.response
        .widget_info(|| WidgetInfo::labeled(Role::Figure, true, "Spending this year"));
    // The legend sits under the chart, where it covers no line.
    ui.horizontal_wrapped(|ui| {
        legend_entry_ui(ui, form::ok(ui), false, SPENT);
        legend_entry_ui(ui, form::warn(ui), true, AT_THIS_PACE);
        if limit.is_some() {
            legend_entry_ui(ui, form::error(ui), false, ANNUAL_LIMIT);
        }
        if s.runs_out.is_some() {
            legend_entry_ui(ui, form::error(ui), false, RUNS_OUT);
        }
    });
    let Some(l) = &s.limit else {
        ui.label(words::NO_ANNUAL_LIMIT);
        return;
    };
    ui.label(words::year_summary(total, &l.layer, s.forecast_year_end));
    let color = match s.runs_out {
        Some(d) if d <= s.today => form::error(ui),
        Some(_) => form::warn(ui),
        None => form::ok(ui),
    };
    ui.label(RichText::new(words::runs_out(s.runs_out, s.today)).color(color));
}

/// A line's sample in its colour (dashed for the forecast), and its name.
fn legend_entry_ui(ui: &mut Ui, color: Color32, dashed: bool, name: &str) {
    let (rect, _) = ui.allocate_exact_size(vec2(22.0, 12.0), Sense::hover());
    let y = rect.center().y;
    let stroke = egui::Stroke::new(2.0, color);
    if dashed {
        let mut x = rect.left();
        while x < rect.right() {
            ui.painter().line_segment(
                [egui::pos2(x, y), egui::pos2((x + 5.0).min(rect.right()), y)],
                stroke,
            );
            x += 8.0;
        }
    } else {
        ui.painter().line_segment(
            [egui::pos2(rect.left(), y), egui::pos2(rect.right(), y)],
            stroke,
        );
    }
    ui.label(name);
    ui.add_space(8.0);
}

/// Q3: the person's FX quota, added up across the accounts it applies to.
fn fx_ui(ui: &mut Ui, fx: &[LimitStatus]) {
    let year: Vec<&LimitStatus> = fx
        .iter()
        .filter(|s| s.layer.window != Window::Single)
        .collect();
    let Some(first) = year.first() else {
        return;
    };
    ui.strong(words::fx_heading(&first.layer));
    for s in year {
        limit_bar_ui(ui, s, ui.available_width().min(420.0));
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
    egui::CollapsingHeader::new(format!(
        "Exchange rates: {}",
        words::count(rates.len(), "rate", "rates")
    ))
    .id_salt("rates")
    .show(ui, |ui| {
        ui.label(RichText::new(words::RATES_EXPLAINED).weak());
        ui.horizontal_wrapped(|ui| {
            ui.label("1");
            ui.add(
                TextEdit::singleline(&mut f.from)
                    .hint_text("USD")
                    .desired_width(44.0),
            );
            ui.label("=");
            ui.add(
                TextEdit::singleline(&mut f.rate)
                    .hint_text("7.18")
                    .desired_width(70.0),
            );
            ui.add(
                TextEdit::singleline(&mut f.to)
                    .hint_text("CNY")
                    .desired_width(44.0),
            );
            ui.label("from");
            ui.add(
                TextEdit::singleline(&mut f.date)
                    .hint_text("today")
                    .desired_width(90.0),
            );
            if ui.button("Add rate").clicked() {
                commands.push(Command::AddRate(f.clone()));
            }
        });
        rate_table_ui(ui, rates);
    });
}

/// The rate table, newest first: the date, the rate and its inverse, figures
/// right-aligned to a sensible precision (the exact stored rate on hover).
fn rate_table_ui(ui: &mut Ui, rates: &[Rate]) {
    const FIGURE_WIDTH: f32 = 90.0;
    Grid::new("rate_table")
        .num_columns(5)
        .striped(true)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new("From").weak());
            ui.label("");
            right_aligned_ui(ui, FIGURE_WIDTH, RichText::new("Rate").weak());
            ui.label("");
            right_aligned_ui(ui, FIGURE_WIDTH, RichText::new("Inverse").weak());
            ui.end_row();
            for r in rates.iter().take(40) {
                ui.label(r.date.to_string());
                ui.label(format!("1 {} =", r.from));
                right_aligned_ui(
                    ui,
                    FIGURE_WIDTH,
                    format!("{} {}", words::rate_figure(r.rate), r.to),
                )
                .on_hover_text(format!("Stored exactly: {}", r.rate));
                ui.label(format!("1 {} =", r.to));
                let inverse = rust_decimal::Decimal::ONE
                    .checked_div(r.rate)
                    .map(|i| format!("{} {}", words::rate_figure(i), r.from))
                    .unwrap_or_default();
                right_aligned_ui(ui, FIGURE_WIDTH, inverse);
                ui.end_row();
            }
        });
}

/// A figure in a table column of `width`, right-aligned: the cell takes exactly
/// `width`, whatever the figure's own width.
fn right_aligned_ui(ui: &mut Ui, width: f32, text: impl Into<egui::WidgetText>) -> Response {
    let (rect, _) =
        ui.allocate_exact_size(vec2(width, ui.spacing().interact_size.y), Sense::hover());
    let mut cell = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::right_to_left(egui::Align::Center)),
    );
    cell.label(text)
}
