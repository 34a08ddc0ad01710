//! Backups through SQLite's online backup API (never a file copy of a live
//! database): `walletdesk backup FILE`, `restore FILE`, and the automatic
//! rotating copies in `backups/` beside the database — before a migration, an
//! import or a restore, and once a day on start. Backups hold no card numbers:
//! those live in the secret store only.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Timelike as _, Utc};
use rusqlite::Connection;
use rusqlite::backup::Backup;

use super::{
    APPLICATION_ID, Error, Result, Store, classify, has_walletdesk_tables, journal::sync_folder,
    open_immutable, read_header, schema_version,
};

/// How many automatic backups are kept unless the setting says otherwise.
pub const DEFAULT_BACKUPS_KEPT: usize = 10;

/// Why an automatic backup was made; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupReason {
    Daily,
    BeforeMigration,
    BeforeImport,
    BeforeRestore,
}

impl BackupReason {
    pub fn id(self) -> &'static str {
        match self {
            BackupReason::Daily => "daily",
            BackupReason::BeforeMigration => "before-migration",
            BackupReason::BeforeImport => "before-import",
            BackupReason::BeforeRestore => "before-restore",
        }
    }
}

/// `backups/` beside the database.
pub fn backups_dir(db: &Path) -> PathBuf {
    match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join("backups"),
        _ => PathBuf::from("backups"),
    }
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map_or_else(|| "walletdesk".into(), |s| s.to_string_lossy().into_owned())
}

/// The `backups-kept` setting (at least one).
pub fn backups_kept(c: &Connection) -> usize {
    super::setting(c, "backups-kept")
        .ok()
        .flatten()
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(DEFAULT_BACKUPS_KEPT)
        .max(1)
}

/// One automatic backup on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    /// When it was made (UTC), from its name.
    pub at: DateTime<Utc>,
    pub reason: String,
}

/// The automatic backups of `db`, newest first.
pub fn list_backups(db: &Path) -> Vec<BackupFile> {
    let prefix = format!("{}-", stem(db));
    let Ok(entries) = std::fs::read_dir(backups_dir(db)) else {
        return Vec::new();
    };
    let mut out: Vec<((DateTime<Utc>, u32), BackupFile)> = entries
        .filter_map(std::result::Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix)?.strip_suffix(".sqlite")?;
            // 20261121T120000Z-daily, or 20261121T120000Z.2-daily for the
            // second one made in the same second.
            let (stamp, reason) = rest.split_once('-')?;
            let (time, n) = stamp.split_once('.').unwrap_or((stamp, "1"));
            let at = chrono::NaiveDateTime::parse_from_str(time, "%Y%m%dT%H%M%SZ")
                .ok()?
                .and_utc();
            let file = BackupFile {
                path: e.path(),
                at,
                reason: reason.to_owned(),
            };
            Some(((at, n.parse().ok()?), file))
        })
        .collect();
    out.sort_by_key(|b| std::cmp::Reverse(b.0));
    out.into_iter().map(|(_, b)| b).collect()
}

/// The newest automatic backup, if any.
pub fn latest_backup(db: &Path) -> Option<PathBuf> {
    list_backups(db).into_iter().next().map(|b| b.path)
}

/// Whether an automatic backup was made on `day` (UTC).
pub fn has_backup_on(db: &Path, day: NaiveDate) -> bool {
    list_backups(db).iter().any(|b| b.at.date_naive() == day)
}

/// The same file, whether or not `b` exists yet.
fn same_file(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| -> Option<PathBuf> {
        if let Ok(c) = p.canonicalize() {
            return Some(c);
        }
        let parent = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.canonicalize().ok()?,
            _ => std::env::current_dir().ok()?,
        };
        Some(parent.join(p.file_name()?))
    };
    match (canon(a), canon(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// Refuse to write onto the database, its `-wal`/`-shm`, its lock or journals.
pub fn refuse_database_files(db: &Path, target: &Path) -> Result<()> {
    let mut own = vec![db.to_owned(), super::lock_path(db)];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut s = db.as_os_str().to_owned();
        s.push(suffix);
        own.push(PathBuf::from(s));
    }
    if own.iter().any(|p| same_file(p, target)) {
        return Err(Error::File {
            path: target.to_owned(),
            problem: "is walletdesk's own database (or one of its files); choose another file"
                .into(),
        });
    }
    if target.is_dir() {
        return Err(Error::File {
            path: target.to_owned(),
            problem: "is a folder; give a file name".into(),
        });
    }
    Ok(())
}

/// Write `dest` whole or not at all: `write` fills a temporary file in the same
/// folder, which then replaces `dest` by a rename. On any error `dest` is as it was.
pub fn write_whole(dest: &Path, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let io = |e: std::io::Error| Error::File {
        path: dest.to_owned(),
        problem: e.to_string(),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".walletdesk-")
        .suffix(".partial")
        .tempfile_in(&dir)
        .map_err(io)?;
    write(tmp.path())?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(dest).map_err(|e| io(e.error))?;
    sync_folder(dest);
    Ok(())
}

/// A consistent copy of the open database into `dest` (a rollback-journal file
/// that opens on its own, with no `-wal` beside it).
pub fn backup_to(conn: &Connection, db: &Path, dest: &Path) -> Result<()> {
    refuse_database_files(db, dest)?;
    write_whole(dest, |tmp| {
        {
            let mut out = Connection::open(tmp).map_err(|e| classify(tmp, e))?;
            {
                let b = Backup::new(conn, &mut out).map_err(|e| classify(db, e))?;
                b.run_to_completion(1024, Duration::ZERO, None)
                    .map_err(|e| classify(db, e))?;
            }
            out.pragma_update(None, "journal_mode", "DELETE")
                .map_err(|e| classify(tmp, e))?;
        }
        Ok(())
    })
}

/// An automatic backup into `backups/`, then the oldest beyond `keep` removed.
pub fn auto_backup(
    conn: &Connection,
    db: &Path,
    reason: BackupReason,
    keep: usize,
    now: DateTime<Utc>,
) -> Result<PathBuf> {
    let dest = make_backup(conn, db, reason, now)?;
    prune(db, keep);
    Ok(dest)
}

/// An automatic backup into `backups/`, named by its time and reason.
fn make_backup(
    conn: &Connection,
    db: &Path,
    reason: BackupReason,
    now: DateTime<Utc>,
) -> Result<PathBuf> {
    let dir = backups_dir(db);
    std::fs::create_dir_all(&dir).map_err(|e| Error::File {
        path: dir.clone(),
        problem: format!("cannot create the backups folder: {e}"),
    })?;
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let name = |n: u32| {
        let seq = if n == 1 {
            String::new()
        } else {
            format!(".{n}")
        };
        format!("{}-{stamp}{seq}-{}.sqlite", stem(db), reason.id())
    };
    // Two in one second (a fixed clock, a quick import) are numbered in order.
    let second = now.with_nanosecond(0).unwrap_or(now);
    let same_second = list_backups(db).iter().filter(|b| b.at == second).count();
    let mut n = u32::try_from(same_second).unwrap_or(u32::MAX - 1) + 1;
    // The name is taken by creating it: two processes backing up in the same
    // second never write (or later remove) the same file.
    let dest = loop {
        let dest = dir.join(name(n));
        match std::fs::File::create_new(&dest) {
            Ok(_) => break dest,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
            Err(e) => {
                return Err(Error::File {
                    path: dest,
                    problem: format!("cannot create the backup: {e}"),
                });
            }
        }
    };
    if let Err(e) = backup_to(conn, db, &dest) {
        let _ = std::fs::remove_file(&dest);
        return Err(e);
    }
    Ok(dest)
}

/// Remove the automatic backups beyond the newest `keep`.
fn prune(db: &Path, keep: usize) {
    for old in list_backups(db).into_iter().skip(keep.max(1)) {
        let _ = std::fs::remove_file(old.path);
    }
}

/// An automatic backup made before a change that may turn out to write
/// nothing (an import whose every row is already recorded): [`PendingBackup::keep`]
/// keeps it, and only then are the oldest beyond the limit removed; dropped
/// unkept, it is removed, so a change that wrote nothing rotates no older
/// backup out.
#[derive(Debug)]
pub struct PendingBackup {
    path: Option<PathBuf>,
    db: PathBuf,
    keep: usize,
}

impl PendingBackup {
    /// The database changed: keep the backup, drop the oldest beyond the limit.
    pub fn keep(mut self) -> PathBuf {
        prune(&self.db, self.keep);
        self.path.take().unwrap_or_default()
    }
}

impl Drop for PendingBackup {
    fn drop(&mut self) {
        if let Some(p) = self.path.take() {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// What a backup file holds, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    pub database_id: String,
    pub schema_version: i64,
    pub accounts: i64,
    pub transactions: i64,
}

/// Check a file before restoring it: a walletdesk database this program can
/// read, passing `PRAGMA integrity_check`. Opened without locks or journal
/// files, so nothing is written beside it.
pub fn check_backup(file: &Path) -> Result<BackupInfo> {
    let not_db = |why: &str| Error::NotADatabase {
        path: file.to_owned(),
        why: why.into(),
    };
    let Some(header) = read_header(file)? else {
        return Err(Error::File {
            path: file.to_owned(),
            problem: "there is no such file".into(),
        });
    };
    if header.application_id != APPLICATION_ID && header.application_id != 0 {
        return Err(not_db("it belongs to another program"));
    }
    if header.user_version > schema_version() {
        return Err(Error::TooNew {
            path: file.to_owned(),
            found: header.user_version,
            known: schema_version(),
        });
    }
    let c = open_immutable(file)?;
    let damaged = |problem: String| Error::Damaged {
        path: file.to_owned(),
        problem,
        backup: None,
    };
    let lines: Vec<String> = c
        .prepare("PRAGMA integrity_check(5)")
        .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| damaged(e.to_string()))?;
    if lines != ["ok"] {
        return Err(damaged(lines.join("; ")));
    }
    if !has_walletdesk_tables(&c).map_err(|e| classify(file, e))? {
        return Err(not_db("it has no walletdesk tables"));
    }
    let one = |sql: &str| -> Result<i64> {
        c.query_row(sql, [], |r| r.get(0))
            .map_err(|e| classify(file, e))
    };
    let database_id: String = c
        .query_row(
            "SELECT value FROM meta WHERE key = 'database_id'",
            [],
            |r| r.get(0),
        )
        .map_err(|_| not_db("it has no database id"))?;
    let transactions = if header.user_version >= 4 {
        one("SELECT count(*) FROM txn")?
    } else {
        0
    };
    Ok(BackupInfo {
        database_id,
        schema_version: header.user_version,
        accounts: one("SELECT count(*) FROM account")?,
        transactions,
    })
}

impl Store {
    /// `backup_to` for this database.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        backup_to(&self.conn, &self.path, dest)
    }

    /// An automatic backup of this database.
    pub fn auto_backup(&self, reason: BackupReason, now: DateTime<Utc>) -> Result<PathBuf> {
        auto_backup(
            &self.conn,
            &self.path,
            reason,
            backups_kept(&self.conn),
            now,
        )
    }

    /// An automatic backup of this database that is kept only if the change
    /// after it writes something (see [`PendingBackup`]).
    pub fn pending_backup(
        &self,
        reason: BackupReason,
        now: DateTime<Utc>,
    ) -> Result<PendingBackup> {
        Ok(PendingBackup {
            path: Some(make_backup(&self.conn, &self.path, reason, now)?),
            db: self.path.clone(),
            keep: backups_kept(&self.conn),
        })
    }

    /// Replace this database's contents with a checked backup's (the caller made
    /// a backup of the current contents first), then migrate it if it is older.
    pub fn restore_from(&mut self, file: &Path) -> Result<()> {
        let src = open_immutable(file)?;
        {
            let b = Backup::new(&src, &mut self.conn).map_err(|e| classify(&self.path, e))?;
            b.run_to_completion(1024, Duration::from_millis(10), None)
                .map_err(|e| classify(&self.path, e))?;
        }
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version < schema_version() {
            Store::migrate(&mut self.conn, &self.path)?;
        }
        self.database_id = self.conn.query_row(
            "SELECT value FROM meta WHERE key = 'database_id'",
            [],
            |r| r.get(0),
        )?;
        self.damaged = None;
        Ok(())
    }
}
