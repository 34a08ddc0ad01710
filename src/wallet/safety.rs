//! Keeping the data safe: the start-up checks (integrity, daily backup, the
//! keyring and the database in step), backups and restore, the window's lock,
//! and files written whole (exports).

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::service::{Error, Result, Wallet};
use crate::domain::{AccountId, FieldError, MethodId};
use crate::store::{self, BackupFile, BackupInfo, BackupReason};
use crate::vault;

/// What the start-up checks found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StartReport {
    /// `PRAGMA quick_check` finished within its time (false: not finished in time).
    pub integrity_checked: bool,
    /// Why writes are refused: the database is damaged.
    pub damaged: Option<String>,
    /// The newest backup, offered when the database is damaged.
    pub latest_backup: Option<PathBuf>,
    /// The daily backup made now, if one was due.
    pub daily_backup: Option<PathBuf>,
    /// The secrets check: live cards whose number is not in the secret store.
    pub numbers_missing: Vec<MethodId>,
    /// Numbers deleted because no live method holds them.
    pub numbers_deleted: usize,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub from: PathBuf,
    pub info: BackupInfo,
    /// The database as it was before, kept in the backups folder.
    pub kept_aside: PathBuf,
    pub numbers_missing: Vec<MethodId>,
}

/// What the secrets check found and mended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecretsCheck {
    pub missing: Vec<MethodId>,
    pub deleted: usize,
}

fn file_error(field: &'static str, e: store::Error) -> Error {
    FieldError::new(field, e.to_string()).into()
}

impl Wallet {
    /// The checks on start. The window (`full`) always runs `PRAGMA quick_check`
    /// within `budget` and looks up every card's number; a command runs the check
    /// once a day, before the daily backup (so a damaged file never pushes good
    /// backups out of the rotation). A failure stops writes and names the latest
    /// backup.
    pub fn start_checks(&mut self, budget: Duration, full: bool) -> Result<StartReport> {
        let mut report = StartReport::default();
        let now = self.clock.now().to_utc();
        let backup_due = !store::has_backup_on(self.store.path(), now.date_naive())
            && !self.accounts()?.is_empty();
        if full || backup_due {
            match self.store.quick_check(budget) {
                Ok(done) => report.integrity_checked = done,
                Err(store::Error::Damaged {
                    problem, backup, ..
                }) => {
                    report.damaged = Some(problem);
                    report.latest_backup = backup;
                    return Ok(report);
                }
                Err(e) => return Err(e.into()),
            }
        }
        // The window's check may run out of time (a large database); its
        // daily backup then waits for the rest of the check (see
        // `start_integrity_check`), so a damaged copy never pushes a good one out.
        if backup_due && (report.integrity_checked || !full) {
            report.daily_backup = Some(self.store.auto_backup(BackupReason::Daily, now)?);
        }
        if full && self.vault.is_available() {
            let check = self.check_secrets()?;
            report.numbers_missing = check.missing;
            report.numbers_deleted = check.deleted;
        }
        Ok(report)
    }

    /// Why writes are refused, if the integrity check failed.
    pub fn damaged(&self) -> Option<&str> {
        self.store.damaged()
    }

    /// The integrity check the start left unfinished (a large database), run
    /// to its end on its own connection: `Some(problem)` when it finds damage;
    /// when it passes, the day's backup is made if it is due.
    /// The window starts it after its first frame and, on damage, calls
    /// [`Wallet::found_damaged`].
    pub fn start_integrity_check(&self) -> super::Job<Option<String>> {
        super::Job::start(
            "Checking the database",
            self.path().to_owned(),
            self.clock,
            |w, _, _| match w.store.quick_check(Duration::from_secs(24 * 3600)) {
                Ok(_) => {
                    // The daily backup the start left for after the check.
                    let now = w.clock.now().to_utc();
                    if !store::has_backup_on(w.store.path(), now.date_naive())
                        && !w.accounts()?.is_empty()
                    {
                        w.store.auto_backup(BackupReason::Daily, now)?;
                    }
                    Ok(super::Finished::Done(None))
                }
                Err(store::Error::Damaged { problem, .. }) => {
                    Ok(super::Finished::Done(Some(problem)))
                }
                Err(e) => Err(e.into()),
            },
        )
    }

    /// Damage found by [`Wallet::start_integrity_check`]: writes are refused
    /// from now on, as after a failed check on start. Returns the report the
    /// window shows (the problem and the latest backup).
    pub fn found_damaged(&mut self, problem: String) -> StartReport {
        self.store.mark_damaged(problem.clone());
        StartReport {
            integrity_checked: true,
            damaged: Some(problem),
            latest_backup: store::latest_backup(self.store.path()),
            ..StartReport::default()
        }
    }

    /// A backup before a change that writes much (an import).
    pub(crate) fn backup_before(&self, reason: BackupReason) -> Result<PathBuf> {
        Ok(self.store.auto_backup(reason, self.clock.now().to_utc())?)
    }

    /// A backup before a change that may write nothing: kept by
    /// [`store::PendingBackup::keep`] once something is written, else removed.
    pub(crate) fn pending_backup(&self, reason: BackupReason) -> Result<store::PendingBackup> {
        Ok(self
            .store
            .pending_backup(reason, self.clock.now().to_utc())?)
    }

    /// `walletdesk backup FILE`: a consistent copy through SQLite's online backup.
    /// It holds no card numbers: those stay in the secret store.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        self.store
            .backup_to(dest)
            .map_err(|e| file_error("file", e))
    }

    /// The automatic backups, newest first.
    pub fn backups(&self) -> Vec<BackupFile> {
        store::list_backups(self.store.path())
    }

    /// What a backup file holds, after checking it (nothing is written).
    pub fn inspect_backup(&self, file: &Path) -> Result<BackupInfo> {
        if store::refuse_database_files(self.store.path(), file).is_err() {
            return Err(FieldError::new(
                "file",
                format!("{} is the open database itself", file.display()),
            )
            .into());
        }
        let info = store::check_backup(file).map_err(|e| file_error("file", e))?;
        if info.database_id != self.store.database_id() {
            return Err(FieldError::new(
                "file",
                format!(
                    "{} is a backup of another walletdesk database (its card numbers are filed under another id); open it with --db {} instead",
                    file.display(),
                    file.display()
                ),
            )
            .into());
        }
        Ok(info)
    }

    /// `walletdesk restore FILE`: check it, keep the current database aside (an
    /// automatic backup), then replace the contents with the backup's. Card
    /// numbers are not in backups: cards whose number is no longer in the secret
    /// store are marked, and numbers of cards that are not in the backup stay
    /// in the secret store (restore the kept-aside copy to get those cards back).
    pub fn restore(&mut self, file: &Path) -> Result<Restored> {
        let info = self.inspect_backup(file)?;
        // Also when writes are refused (damaged): a restore is the way out, and
        // the damaged contents are kept aside first.
        let kept_aside = self.backup_before(BackupReason::BeforeRestore)?;
        self.store.restore_from(file)?;
        let numbers_missing = if self.vault.is_available() {
            self.check_secrets()?.missing
        } else {
            Vec::new()
        };
        self.expire_due()?;
        Ok(Restored {
            from: file.to_owned(),
            info,
            kept_aside,
            numbers_missing,
        })
    }

    /// The window's lock: a second window on the same database is refused,
    /// naming the first one's pid.
    pub fn lock_for_window(&mut self) -> Result<()> {
        if self.window_lock.is_none() {
            self.window_lock = Some(store::WindowLock::acquire(self.store.path())?);
        }
        Ok(())
    }

    /// Repair what a crash between the keyring and the database left: read the
    /// journals of secret operations left behind, and under the write lock (no
    /// operation can be half-way then) make each key agree with the database —
    /// a number with no live method is deleted, a live card without its number
    /// is marked.
    pub(crate) fn repair_secrets(&mut self) -> Result<usize> {
        let path = self.store.path().to_owned();
        if !self.vault.is_available() || store::leftover_journals(&path)?.is_empty() {
            return Ok(0);
        }
        let prefix = format!("{}/method/", self.store.database_id());
        let tx = self.store.transaction()?;
        let mut repaired = 0;
        for (file, keys) in store::leftover_journals(&path)? {
            for key in keys {
                let Some(id) = key
                    .strip_prefix(&prefix)
                    .and_then(|n| n.parse::<i64>().ok())
                    .map(MethodId)
                else {
                    continue;
                };
                let live_card = store::card_rows(&tx)?
                    .iter()
                    .any(|(m, removed, _)| *m == id && !removed);
                if live_card {
                    if self.vault.get(&key)?.is_none() {
                        store::set_number_missing(&tx, id, true)?;
                        repaired += 1;
                    }
                } else if self.vault.get(&key)?.is_some() {
                    self.vault.delete(&key)?;
                    repaired += 1;
                }
            }
            store::remove_journal(&file);
        }
        tx.commit()?;
        Ok(repaired)
    }

    /// Look up every card's number: a live card without one is marked (and a
    /// mark cleared when it is back); a removed card's number is deleted.
    pub fn check_secrets(&mut self) -> Result<SecretsCheck> {
        let database_id = self.store.database_id().to_owned();
        let mut found = Vec::new();
        for (id, removed, marked) in store::card_rows(self.store.conn())? {
            let key = vault::method_key(&database_id, id);
            let present = self.vault.get(&key)?.is_some();
            found.push((id, removed, marked, present));
        }
        let needs_write = found.iter().any(|&(_, removed, marked, present)| {
            (removed && present) || (!removed && present == marked)
        });
        let mut out = SecretsCheck::default();
        if needs_write {
            let tx = self.store.transaction()?;
            for &(id, removed, marked, present) in &found {
                if removed && present {
                    self.vault.delete(&vault::method_key(&database_id, id))?;
                    out.deleted += 1;
                } else if !removed && present == marked {
                    store::set_number_missing(&tx, id, !present)?;
                }
            }
            tx.commit()?;
        }
        out.missing = found
            .iter()
            .filter(|&&(_, removed, _, present)| !removed && !present)
            .map(|&(id, ..)| id)
            .collect();
        Ok(out)
    }

    /// Write an account's payments as CSV to `dest`, whole or not at all: never
    /// onto the database's own files, and an existing `dest` is replaced only
    /// once the new file is complete.
    pub fn export_csv_file(&self, account: AccountId, dest: &Path) -> Result<usize> {
        self.account(account)?;
        store::refuse_database_files(self.store.path(), dest).map_err(|e| file_error("file", e))?;
        let mut n = 0;
        let mut failure = None;
        store::write_whole(dest, |tmp| {
            let f = std::fs::File::create(tmp).map_err(|e| store::Error::File {
                path: dest.to_owned(),
                problem: e.to_string(),
            })?;
            match self.export_csv(account, std::io::BufWriter::new(f)) {
                Ok(k) => {
                    n = k;
                    Ok(())
                }
                Err(e) => {
                    let problem = e.to_string();
                    failure = Some(e);
                    Err(store::Error::File {
                        path: dest.to_owned(),
                        problem,
                    })
                }
            }
        })
        .map_err(|e| failure.take().unwrap_or_else(|| file_error("file", e)))?;
        Ok(n)
    }
}
