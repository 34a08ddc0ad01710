//! The settings' sentences: what a new time zone would change (shown before it
//! is chosen, in the window and by `setting set time-zone`), and each value.

use crate::wallet::{Setting, Settings, ZoneChange};

use super::{count, zone_name};

/// What choosing the zone does, before it is done.
pub fn zone_change(c: &ZoneChange) -> String {
    let clock = format!(
        "Times will show in {}: it is {} there now ({} in {}).",
        zone_name(c.to),
        c.now_to.format("%H:%M on %Y-%m-%d"),
        c.now_from.format("%H:%M"),
        zone_name(c.from),
    );
    format!("{clock} {}", moved(c, "fall", "falls"))
}

/// What choosing the zone did.
pub fn zone_changed(c: &ZoneChange) -> String {
    format!(
        "Times now show in {}. {}",
        zone_name(c.to),
        moved(c, "fell", "fell")
    )
}

fn moved(c: &ZoneChange, many: &str, one: &str) -> String {
    match (c.payments_moving_day, c.payments_moving_month) {
        _ if c.from == c.to => "It is the zone in use: nothing changes.".into(),
        (0, _) => "No payment falls on another day: every limit stays as it is.".into(),
        (n, 0) => format!(
            "{} {} on another day, so day limits are counted again.",
            count(n, "payment", "payments"),
            if n == 1 { one } else { many },
        ),
        (n, m) => format!(
            "{} {} on another day ({} in another month), so day, month and year limits are counted again.",
            count(n, "payment", "payments"),
            if n == 1 { one } else { many },
            m,
        ),
    }
}

/// A setting's value as a person reads it.
pub fn setting_value(s: &Settings, key: Setting) -> String {
    match key {
        Setting::TimeZone => zone_full_name(s.time_zone),
        Setting::BankFeeThreshold => s.bank_fee_threshold.map_or_else(
            || "not set (the book's figure applies)".into(),
            |t| format!("CNY {t}"),
        ),
        Setting::RevealSeconds => count(s.reveal_seconds, "second", "seconds"),
        Setting::BackupsKept => s.backups_kept.to_string(),
        Setting::Theme => s.theme.key().to_owned(),
        Setting::Zoom => format!("{} %", s.zoom_percent),
    }
}

/// A zone's IANA name, with the name people say when it differs:
/// "Asia/Shanghai (Beijing time)", "Asia/Tokyo".
pub fn zone_full_name(tz: chrono_tz::Tz) -> String {
    let spoken = zone_name(tz);
    if spoken == tz.name() {
        spoken
    } else {
        format!("{} ({spoken})", tz.name())
    }
}
