//! Calendar windows in a time zone (the limits, Q1–Q8): the day, ISO
//! week, month and year a limit adds up over, and the instant each resets.
//!
//! No clock here: the instant comes in as an argument.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use super::field::{FieldError, choice_enum};

choice_enum!(
    /// The span a limit adds up over (calendar windows in the limits' time zone).
    Window {
        Single = "single" / "per payment",
        Day = "day" / "a day",
        Week = "week" / "a week",
        Month = "month" / "a month",
        Year = "year" / "a year",
    }
);

/// The default time zone of the windows (Beijing time, an *inference*: the sources
/// give Beijing time for service hours).
pub const DEFAULT_TIME_ZONE: Tz = chrono_tz::Asia::Shanghai;

/// Parse a time-zone setting such as `Asia/Shanghai`.
pub fn parse_time_zone(field: &'static str, s: &str) -> Result<Tz, FieldError> {
    s.trim().parse::<Tz>().map_err(|_| {
        FieldError::new(
            field,
            format!("{s:?} is not an IANA time zone such as Asia/Shanghai"),
        )
    })
}

/// The calendar day an instant falls on in `tz`: the key of the day totals.
pub fn local_day(at: DateTime<FixedOffset>, tz: Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// How every screen and the command line's text show a moment: to the minute, in
/// the configured zone ("2026-03-01 14:30"). The record form accepts it back.
pub const MINUTE_FORMAT: &str = "%Y-%m-%d %H:%M";

/// A moment to the minute in `tz`: the one way a time is shown to a person.
pub fn minute(at: DateTime<FixedOffset>, tz: Tz) -> String {
    at.with_timezone(&tz).format(MINUTE_FORMAT).to_string()
}

/// A moment as RFC 3339 with `tz`'s offset at that moment ("…+08:00"): JSON output.
pub fn rfc3339_in(at: DateTime<FixedOffset>, tz: Tz) -> String {
    at.with_timezone(&tz).fixed_offset().to_rfc3339()
}

/// A wall-clock time in `tz`. A time the clocks skip (a daylight-saving gap) has
/// no instant: `None`. A time they pass twice is the earlier one.
pub fn from_local(naive: NaiveDateTime, tz: Tz) -> Option<DateTime<FixedOffset>> {
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.fixed_offset())
}

/// A window's days `[first, end)` and the instant it resets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: NaiveDate,
    pub end: NaiveDate,
    pub resets_at: DateTime<FixedOffset>,
}

/// Midnight of `day` in `tz` (the first instant of the day where midnight is skipped).
pub fn midnight(day: NaiveDate, tz: Tz) -> DateTime<FixedOffset> {
    let naive = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    match tz.from_local_datetime(&naive).earliest() {
        Some(t) => t.fixed_offset(),
        // A zone that skips midnight: the first valid instant an hour later.
        None => tz
            .from_local_datetime(&(naive + Duration::hours(1)))
            .earliest()
            .map_or_else(|| naive.and_utc().fixed_offset(), |t| t.fixed_offset()),
    }
}

/// The window containing `at`; `None` for `single`, which is no span of time.
pub fn span(window: Window, at: DateTime<FixedOffset>, tz: Tz) -> Option<Span> {
    let day = local_day(at, tz);
    let (first, end) = match window {
        Window::Single => return None,
        Window::Day => (day, day.succ_opt()?),
        Window::Week => {
            let first = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
            (first, first + Duration::days(7))
        }
        Window::Month => {
            let first = day.with_day(1)?;
            let end = if day.month() == 12 {
                NaiveDate::from_ymd_opt(day.year() + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(day.year(), day.month() + 1, 1)?
            };
            (first, end)
        }
        Window::Year => (
            NaiveDate::from_ymd_opt(day.year(), 1, 1)?,
            NaiveDate::from_ymd_opt(day.year() + 1, 1, 1)?,
        ),
    };
    Some(Span {
        first,
        end,
        resets_at: midnight(end, tz),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn beijing_days_differ_from_utc_days() {
        let tz = DEFAULT_TIME_ZONE;
        // 23:59:59 and 00:00:00 Beijing time: the same UTC date, two local days.
        let a = t("2026-03-01T23:59:59+08:00");
        let b = t("2026-03-02T00:00:00+08:00");
        assert_eq!(a.naive_utc().date(), b.naive_utc().date());
        assert_ne!(local_day(a, tz), local_day(b, tz));
        let s = span(Window::Day, a, tz).unwrap();
        assert_eq!(s.resets_at, b);
    }

    #[test]
    fn a_moment_is_shown_to_the_minute_in_the_zone() {
        let at = t("2026-11-21T14:41:48.413967316+00:00");
        assert_eq!(minute(at, DEFAULT_TIME_ZONE), "2026-11-21 22:41");
        assert_eq!(
            rfc3339_in(at, DEFAULT_TIME_ZONE),
            "2026-11-21T22:41:48.413967316+08:00"
        );
        assert_eq!(minute(at, chrono_tz::Europe::Berlin), "2026-11-21 15:41");
    }

    #[test]
    fn a_skipped_wall_clock_time_has_no_instant() {
        let gap = NaiveDate::from_ymd_opt(2026, 3, 29)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        assert_eq!(from_local(gap, chrono_tz::Europe::Berlin), None);
        assert_eq!(
            from_local(gap, DEFAULT_TIME_ZONE),
            Some(t("2026-03-29T02:30:00+08:00"))
        );
    }

    #[test]
    fn iso_weeks_months_years() {
        let tz = DEFAULT_TIME_ZONE;
        // Sunday 2026-03-08 belongs to the week of Monday 2026-03-02.
        let s = span(Window::Week, t("2026-03-08T23:00:00+08:00"), tz).unwrap();
        assert_eq!(s.first, NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
        assert_eq!(s.resets_at, t("2026-03-09T00:00:00+08:00"));
        let s = span(Window::Month, t("2026-12-31T16:30:00Z"), tz).unwrap();
        // 16:30 UTC on 31 Dec is 00:30 on 1 Jan in Beijing.
        assert_eq!(s.first, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        let s = span(Window::Year, t("2026-06-01T00:00:00+08:00"), tz).unwrap();
        assert_eq!(s.resets_at, t("2027-01-01T00:00:00+08:00"));
        assert_eq!(s.resets_at.hour(), 0);
        assert!(span(Window::Single, t("2026-06-01T00:00:00+08:00"), tz).is_none());
    }
}
