//! Settings kept in the database: the time zone of the limit windows, the
//! bank-transfer fee threshold (Q5), how many automatic backups are kept.

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
    /// How many automatic backups are kept in `backups/`.
    BackupsKept,
}

impl Setting {
    pub const ALL: [Setting; 3] = [
        Setting::TimeZone,
        Setting::BankFeeThreshold,
        Setting::BackupsKept,
    ];

    /// The key on the command line and in the database.
    pub fn key(self) -> &'static str {
        match self {
            Setting::TimeZone => "time-zone",
            Setting::BankFeeThreshold => "bank-fee-threshold",
            Setting::BackupsKept => "backups-kept",
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

    /// Change a setting by its key (`time-zone`, `bank-fee-threshold`, `backups-kept`).
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.set(Setting::parse(key)?, value)
    }

    /// Change a setting in one transaction. A new time zone re-keys every
    /// payment's day and the day totals.
    pub fn set(&mut self, setting: Setting, value: &str) -> Result<()> {
        let key = setting.key();
        let stored = match setting {
            Setting::TimeZone => {
                let tz = limits::parse_time_zone(key, value)?;
                let tx = self.store.transaction()?;
                store::set_setting(&tx, key, tz.name())?;
                store::rebuild_days(&tx, &|t| local_day(t, tz))?;
                tx.commit()?;
                return Ok(());
            }
            Setting::BankFeeThreshold => {
                let v = money::parse_amount(key, value, Currency::CNY).or_else(|e| {
                    if value.trim() == "0" {
                        Ok(Decimal::ZERO)
                    } else {
                        Err(e)
                    }
                })?;
                v.to_string()
            }
            Setting::BackupsKept => value
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=1000).contains(n))
                .ok_or_else(|| invalid(key, "a whole number from 1 to 1000"))?
                .to_string(),
        };
        let tx = self.store.transaction()?;
        store::set_setting(&tx, key, &stored)?;
        tx.commit()?;
        Ok(())
    }
}
