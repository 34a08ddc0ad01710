//! Settings kept in the database, read by the window and the CLI alike: the time
//! zone of the limit windows, the bank-transfer fee threshold (Q5), how long a
//! revealed or copied number stays, how many automatic backups are kept, the
//! window's theme and zoom.

use chrono_tz::Tz;
use rust_decimal::Decimal;

use super::service::{Result, Wallet, invalid};
use crate::domain::limits::{self, DEFAULT_TIME_ZONE, local_day};
use crate::domain::money::{self, Currency};
use crate::store;

/// A setting a person can change (`walletdesk setting set KEY VALUE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// The time zone of the limit windows and of every time shown.
    TimeZone,
    /// Q5: bank transfers above this many CNY pay a fee.
    BankFeeThreshold,
    /// How many seconds a revealed number stays shown, and a copied one on the clipboard.
    RevealSeconds,
    /// How many automatic backups are kept in `backups/`.
    BackupsKept,
    /// The window's colours: the system's, light or dark.
    Theme,
    /// The window's zoom, in percent.
    Zoom,
}

/// The window's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the desktop's light or dark preference.
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn key(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The name in the window's menus.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "As the system",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    fn parse(s: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.key() == s.trim())
    }
}

/// How long a revealed number is shown unless set otherwise.
pub const DEFAULT_REVEAL_SECONDS: u32 = 30;
/// The range of `reveal-seconds`.
pub const REVEAL_SECONDS: std::ops::RangeInclusive<u32> = 5..=600;
/// The range of `zoom`, in percent; each step of Zoom in/out is `ZOOM_STEP`.
pub const ZOOM_PERCENT: std::ops::RangeInclusive<u32> = 50..=300;
pub const ZOOM_STEP: u32 = 10;

/// Every setting's value, as the window's Settings and `setting show` list them.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub time_zone: Tz,
    pub bank_fee_threshold: Option<Decimal>,
    pub reveal_seconds: u32,
    pub backups_kept: usize,
    pub theme: Theme,
    pub zoom_percent: u32,
}

/// What a new time zone would change, shown before it is chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneChange {
    pub from: Tz,
    pub to: Tz,
    /// The time now, in the old and the new zone ("14:41" → "15:41").
    pub now_from: chrono::DateTime<Tz>,
    pub now_to: chrono::DateTime<Tz>,
    /// Payments whose calendar day is another in the new zone (day limits move).
    pub payments_moving_day: u64,
    /// Of those, the ones that land in another month (month and year limits move).
    pub payments_moving_month: u64,
}

impl Setting {
    pub const ALL: [Setting; 6] = [
        Setting::TimeZone,
        Setting::BankFeeThreshold,
        Setting::RevealSeconds,
        Setting::BackupsKept,
        Setting::Theme,
        Setting::Zoom,
    ];

    /// The key on the command line and in the database.
    pub fn key(self) -> &'static str {
        match self {
            Setting::TimeZone => "time-zone",
            Setting::BankFeeThreshold => "bank-fee-threshold",
            Setting::RevealSeconds => "reveal-seconds",
            Setting::BackupsKept => "backups-kept",
            Setting::Theme => "theme",
            Setting::Zoom => "zoom",
        }
    }

    /// What the setting is, in a sentence (`--help`, the window's Settings).
    pub fn help(self) -> &'static str {
        match self {
            Setting::TimeZone => "the time zone of the limit windows and of every time shown",
            Setting::BankFeeThreshold => "bank transfers above this many CNY pay a fee (Q5)",
            Setting::RevealSeconds => {
                "how many seconds a revealed card number stays shown, and a copied one on the clipboard (5 to 600)"
            }
            Setting::BackupsKept => "how many automatic backups are kept",
            Setting::Theme => "the window's colours: system, light or dark",
            Setting::Zoom => "the window's zoom in percent (50 to 300)",
        }
    }

    pub fn parse(key: &str) -> Result<Setting> {
        Setting::ALL
            .into_iter()
            .find(|s| s.key() == key.trim())
            .ok_or_else(|| {
                let keys: Vec<&str> = Setting::ALL.iter().map(|s| s.key()).collect();
                invalid(
                    "setting",
                    format!("{key:?} is not a setting: use {}", keys.join(", ")),
                )
            })
    }
}

impl Wallet {
    fn setting(&self, s: Setting) -> Option<String> {
        store::setting(self.store.conn(), s.key()).ok().flatten()
    }

    /// The time zone of the limit windows (a setting; Beijing time by default).
    pub fn time_zone(&self) -> Tz {
        self.setting(Setting::TimeZone)
            .and_then(|s| s.parse().ok())
            .unwrap_or(DEFAULT_TIME_ZONE)
    }

    /// The bank-transfer fee threshold in CNY (Q5: "above a certain amount").
    pub fn bank_fee_threshold(&self) -> Option<Decimal> {
        self.setting(Setting::BankFeeThreshold)
            .and_then(|s| s.parse().ok())
    }

    /// How many automatic backups are kept (the `backups-kept` setting).
    pub fn backups_kept(&self) -> usize {
        store::backups_kept(self.store.conn())
    }

    /// How long a revealed number stays shown (`reveal-seconds`, 30 by default).
    pub fn reveal_seconds(&self) -> u32 {
        self.setting(Setting::RevealSeconds)
            .and_then(|s| s.parse().ok())
            .filter(|n| REVEAL_SECONDS.contains(n))
            .unwrap_or(DEFAULT_REVEAL_SECONDS)
    }

    /// Every setting, as stored or by default.
    pub fn settings(&self) -> Settings {
        Settings {
            time_zone: self.time_zone(),
            bank_fee_threshold: self.bank_fee_threshold(),
            reveal_seconds: self.reveal_seconds(),
            backups_kept: self.backups_kept(),
            theme: self
                .setting(Setting::Theme)
                .and_then(|s| Theme::parse(&s))
                .unwrap_or_default(),
            zoom_percent: self
                .setting(Setting::Zoom)
                .and_then(|s| s.parse().ok())
                .filter(|n| ZOOM_PERCENT.contains(n))
                .unwrap_or(100),
        }
    }

    /// What choosing `to` as the time zone would change; nothing is written.
    pub fn zone_change(&self, to: Tz) -> Result<ZoneChange> {
        let from = self.time_zone();
        let now = self.clock().now();
        let (payments_moving_day, payments_moving_month) =
            store::days_moved(self.store.conn(), &|t| local_day(t, to))?;
        Ok(ZoneChange {
            from,
            to,
            now_from: now.with_timezone(&from),
            now_to: now.with_timezone(&to),
            payments_moving_day,
            payments_moving_month,
        })
    }

    /// Change a setting by its key (`time-zone`, `bank-fee-threshold`, `backups-kept`).
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.set(Setting::parse(key)?, value)
    }

    /// Change a setting in one transaction. A new time zone re-keys every
    /// payment's day and the day totals.
    pub fn set(&mut self, setting: Setting, value: &str) -> Result<()> {
        self.set_all(&[(setting, value.to_owned())])
    }

    /// Change several settings (the window's Settings → Save): each value is
    /// checked first, then all are written in one transaction, or none.
    pub fn set_all(&mut self, changes: &[(Setting, String)]) -> Result<()> {
        let stored = changes
            .iter()
            .map(|(s, v)| Ok((*s, stored_value(*s, v)?)))
            .collect::<Result<Vec<_>>>()?;
        let tx = self.store.transaction()?;
        for (setting, value) in &stored {
            store::set_setting(&tx, setting.key(), value)?;
            if *setting == Setting::TimeZone {
                let tz: Tz = value.parse().unwrap_or(DEFAULT_TIME_ZONE);
                store::rebuild_days(&tx, &|t| local_day(t, tz))?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

/// A setting's value as stored, or what is wrong with it (naming the setting).
fn stored_value(setting: Setting, value: &str) -> Result<String> {
    let key = setting.key();
    Ok(match setting {
        Setting::TimeZone => limits::parse_time_zone(key, value)?.name().to_owned(),
        // Empty: not set, the book's figure applies.
        Setting::BankFeeThreshold if value.trim().is_empty() => String::new(),
        Setting::BankFeeThreshold => money::parse_amount(key, value, Currency::CNY)
            .or_else(|e| {
                if value.trim() == "0" {
                    Ok(Decimal::ZERO)
                } else {
                    Err(e)
                }
            })?
            .to_string(),
        Setting::BackupsKept => value
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=1000).contains(n))
            .ok_or_else(|| invalid(key, "a whole number from 1 to 1000"))?
            .to_string(),
        Setting::RevealSeconds => whole(key, value, &REVEAL_SECONDS)?,
        Setting::Zoom => whole(key, value.trim().trim_end_matches('%'), &ZOOM_PERCENT)?,
        Setting::Theme => Theme::parse(value)
            .ok_or_else(|| {
                invalid(
                    key,
                    format!("{value:?} is not a theme: use system, light or dark"),
                )
            })?
            .key()
            .to_owned(),
    })
}

/// A whole number in `range`, as stored.
fn whole(key: &'static str, value: &str, range: &std::ops::RangeInclusive<u32>) -> Result<String> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| range.contains(n))
        .map(|n| n.to_string())
        .ok_or_else(|| {
            invalid(
                key,
                format!(
                    "{value:?} is not a whole number from {} to {}",
                    range.start(),
                    range.end()
                ),
            )
        })
}
