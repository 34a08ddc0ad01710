//! The service's core: its error type, its clock, and the `Wallet` over one
//! database and one secret store, opened with the provider files beside it.

use std::path::Path;

use chrono::{DateTime, FixedOffset, Local, NaiveDate};
use zeroize::Zeroizing;

use crate::domain::lifecycle::Refusal;
use crate::domain::limits::LimitBooks;
use crate::domain::profile::{ProfileError, Profiles, parse_profile};
use crate::domain::{FieldError, FieldErrors};
use crate::store::{self, Store};
use crate::vault::{self, Vault};

/// Errors of a user action, each with the exit code the CLI contract (docs/cli.md) gives it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: names the field and what is wrong (exit 2).
    #[error("{}", display_fields(.0))]
    Invalid(FieldErrors),
    /// Refused by a rule (exit 1, see docs/rules.md), with the ways through.
    #[error("{0}")]
    Refused(Refusal),
    /// The database could not be used (exit 3).
    #[error(transparent)]
    Store(#[from] store::Error),
    /// The secret store could not be used (exit 3).
    #[error(transparent)]
    Vault(#[from] vault::Error),
    /// A data file (provider profile, limit book, the sources) is malformed
    /// (exit 3): names the file, key and problem.
    #[error("data file {0}")]
    Profile(#[from] ProfileError),
    /// Writing an export failed part way (exit 3): the system's reason.
    #[error("could not write the export: {0}")]
    Write(#[source] std::io::Error),
}

/// A field error as a user-action error.
pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Error {
    Error::Invalid(FieldErrors(vec![FieldError::new(field, message)]))
}

fn display_fields(e: &FieldErrors) -> String {
    e.0.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<Refusal> for Error {
    fn from(r: Refusal) -> Self {
        Error::Refused(r)
    }
}

impl From<FieldError> for Error {
    fn from(e: FieldError) -> Self {
        Error::Invalid(FieldErrors(vec![e]))
    }
}

impl Error {
    /// The process exit code for this error (the CLI contract, docs/cli.md).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Refused(_) => 1,
            Error::Invalid(_) => 2,
            Error::Store(_) | Error::Vault(_) | Error::Profile(_) | Error::Write(_) => 3,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// Where "now" comes from: the system, or a fixed instant (`--now`, tests).
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(DateTime<FixedOffset>),
}

impl Clock {
    pub fn now(self) -> DateTime<FixedOffset> {
        match self {
            Clock::System => Local::now().fixed_offset(),
            Clock::Fixed(t) => t,
        }
    }

    pub fn today(self) -> NaiveDate {
        self.now().date_naive()
    }
}

/// The walletdesk service over one database and one secret store.
#[derive(Debug)]
pub struct Wallet {
    pub(super) store: Store,
    pub(super) vault: Vault,
    pub(super) clock: Clock,
    pub(super) profiles: Profiles,
    pub(super) books: LimitBooks,
    /// The fingerprint key, read from the vault once.
    pub(super) fingerprint_key: std::cell::OnceCell<Zeroizing<String>>,
    /// Held while the window is open: one window per database.
    pub(super) window_lock: Option<store::WindowLock>,
}
/// The `*.json` files of a folder beside the database (`providers/`, `limits/`),
/// in name order, as (path, text).
fn user_files(db: &Path, folder: &str) -> Result<Vec<(String, String)>> {
    let Some(dir) = db.parent().map(|d| d.join(folder)).filter(|d| d.is_dir()) else {
        return Ok(Vec::new());
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| store::Error::Open {
            path: dir.clone(),
            source: Box::new(e),
        })?
        .filter_map(std::result::Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let name = f.display().to_string();
        let text = std::fs::read_to_string(&f).map_err(|e| ProfileError {
            file: name.clone(),
            key: "(file)".into(),
            problem: format!("cannot be read: {e}"),
        })?;
        out.push((name, text));
    }
    Ok(out)
}

/// User copies of provider profiles: `providers/*.json` beside the database.
fn load_profiles(db: &Path) -> Result<Profiles> {
    let mut profiles = Profiles::built_in()?;
    for (name, text) in user_files(db, "providers")? {
        profiles = profiles.with_override(parse_profile(&name, &text)?);
    }
    Ok(profiles)
}

/// Limit books: the built-in ones, then `limits/*.json` beside the database.
fn load_books(db: &Path) -> Result<LimitBooks> {
    let files = user_files(db, "limits")?;
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    Ok(LimitBooks::built_in()?.with_files(&refs)?)
}

impl Wallet {
    /// Open the database; cards whose expiry month has ended become `expired`.
    pub fn open(path: &Path, vault: Vault, clock: Clock) -> Result<Wallet> {
        // The sources every rule is shown with: a broken table stops here.
        crate::domain::sources::built_in()?;
        // How bills' categories and types are read (B1, B2): a broken file stops here.
        for p in [
            crate::domain::bills::BillProvider::Alipay,
            crate::domain::bills::BillProvider::Wechat,
        ] {
            crate::domain::bills::map::built_in(p)?;
        }
        let profiles = load_profiles(path)?;
        let books = load_books(path)?;
        let mut w = Wallet {
            store: Store::open(path)?,
            vault,
            clock,
            profiles,
            books,
            fingerprint_key: std::cell::OnceCell::new(),
            window_lock: None,
        };
        w.repair_secrets()?;
        w.expire_due()?;
        Ok(w)
    }

    /// Move the clock (the window does when the day changes; tests do).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    pub fn profiles(&self) -> &Profiles {
        &self.profiles
    }

    /// Stops this connection's running query (from another thread).
    pub(crate) fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.store.conn().get_interrupt_handle()
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    pub fn database_id(&self) -> &str {
        self.store.database_id()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_cli_contract() {
        assert_eq!(Error::from(FieldError::new("x", "y")).exit_code(), 2);
        let refused = Error::Refused(Refusal {
            rule: "L3",
            message: "no".into(),
            plans: Vec::new(),
        });
        assert_eq!(refused.exit_code(), 1);
        assert_eq!(refused.to_string(), "L3: no");
        let v: Error = vault::Error::Failed("x".into()).into();
        assert_eq!(v.exit_code(), 3);
    }
}
