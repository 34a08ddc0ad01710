//! The year so far at a straight-line pace: where spending ends on 31 December,
//! and the day an annual limit runs out. Plain values in, plain values out.

use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::money::Currency;

/// The year so far, cumulative, and what its pace says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forecast {
    /// (day, cumulative amount), one point per day with spending.
    pub points: Vec<(NaiveDate, Decimal)>,
    /// The cumulative total on 31 December at this year's pace so far.
    pub year_end: Decimal,
    /// The day the limit runs out at this pace (already past when reached),
    /// if within the year.
    pub runs_out: Option<NaiveDate>,
}

/// `daily` is each day's spending this year up to `today`, in day order; `limit`
/// the annual limit in the same currency (USD amounts, rounded to cents).
pub fn year_forecast(
    daily: impl IntoIterator<Item = (NaiveDate, Decimal)>,
    today: NaiveDate,
    limit: Option<Decimal>,
) -> Forecast {
    let first = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let end = NaiveDate::from_ymd_opt(today.year() + 1, 1, 1).unwrap_or(today);
    let mut total = Decimal::ZERO;
    let points: Vec<(NaiveDate, Decimal)> = daily
        .into_iter()
        .map(|(d, v)| {
            total = total.saturating_add(v);
            (d, total)
        })
        .collect();
    let elapsed = Decimal::from((today - first).num_days() + 1);
    let days_in_year = Decimal::from((end - first).num_days());
    let pace = total.checked_div(elapsed).unwrap_or(Decimal::ZERO);
    let year_end = Currency::USD.round(pace.saturating_mul(days_in_year));
    let runs_out = limit.and_then(|max| {
        if total >= max {
            return points.iter().find(|(_, v)| *v >= max).map(|(d, _)| *d);
        }
        let days = (max - total).checked_div(pace)?.ceil().to_i64()?;
        let day = today.checked_add_signed(Duration::try_days(days)?)?;
        (day < end).then_some(day)
    });
    Forecast {
        points,
        year_end,
        runs_out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn points_add_up_day_by_day() {
        let f = year_forecast(
            [(day(1, 2), dec("10")), (day(1, 5), dec("5.5"))],
            day(1, 10),
            None,
        );
        assert_eq!(
            f.points,
            vec![(day(1, 2), dec("10")), (day(1, 5), dec("15.5"))]
        );
    }

    #[test]
    fn year_end_follows_the_pace_so_far() {
        // USD 100 over the first 10 days: 10 a day, 365 days in 2026.
        let f = year_forecast([(day(1, 1), dec("100"))], day(1, 10), None);
        assert_eq!(f.year_end, dec("3650"));
        assert_eq!(f.runs_out, None, "no limit, no day it runs out");
    }

    #[test]
    fn the_limit_runs_out_on_the_day_the_pace_reaches_it() {
        // 10 a day; 100 spent by 10 January; 50,000 is reached 4,990 days later: not this year.
        let slow = year_forecast([(day(1, 1), dec("100"))], day(1, 10), Some(dec("50000")));
        assert_eq!(slow.runs_out, None);
        // 1,000 a day; 10,000 by 10 January; 50,000 is 40 days later: 19 February.
        let fast = year_forecast([(day(1, 1), dec("10000"))], day(1, 10), Some(dec("50000")));
        assert_eq!(fast.runs_out, Some(day(2, 19)));
    }

    #[test]
    fn a_limit_already_reached_names_the_day_it_was_reached() {
        let f = year_forecast(
            [
                (day(3, 1), dec("30000")),
                (day(4, 1), dec("25000")),
                (day(5, 1), dec("1")),
            ],
            day(6, 1),
            Some(dec("50000")),
        );
        assert_eq!(f.runs_out, Some(day(4, 1)));
    }

    #[test]
    fn nothing_spent_forecasts_nothing() {
        let f = year_forecast([], day(7, 1), Some(dec("50000")));
        assert_eq!(f.year_end, Decimal::ZERO);
        assert_eq!(f.runs_out, None);
        assert!(f.points.is_empty());
    }
}
