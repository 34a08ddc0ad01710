//! SQLite: open, pragmas, migrations and queries. Knows rows, not widgets.
//!
//! Opening is one obvious place, and it looks before it touches: the file's
//! header is read as plain bytes first, so a folder, an empty file, another
//! program's database (`PRAGMA application_id`) or one written by a newer
//! walletdesk is refused without a byte written and without `-wal`/`-shm` files.
//! Then pragmas (WAL, foreign keys, `synchronous=FULL`); the schema version is
//! read without a lock, and only a database that needs migrating takes the write
//! lock (after a backup of it).

mod backup;
mod bills;
mod bulk;
mod journal;
mod limit_settings;
mod list;
mod lock;
mod mappings;
mod meta;
mod migrations;
mod rates;
mod rows;
mod txns;
mod usage;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

pub use backup::*;
pub use bills::*;
pub use bulk::{Bulk, QuickHash, Stored};
pub use journal::*;
pub use limit_settings::*;
pub use list::*;
pub use lock::*;
pub use mappings::*;
pub use meta::*;
pub use rates::*;
pub use rows::*;
pub use txns::*;
pub use usage::*;

/// `PRAGMA application_id` of every walletdesk database ("WDK1").
pub const APPLICATION_ID: i32 = 0x5744_4b31;

/// How long a writer waits for another process's write transaction to end.
const WRITE_WAIT: Duration = Duration::from_secs(30);
/// After this long, the waiting is said (through the notice hook).
const WAIT_NOTICE_AFTER: Duration = Duration::from_secs(1);

/// Errors of the storage layer. Messages name the file, never a card number.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "{path} was written by a newer walletdesk (schema version {found}; this program knows up to {known}); it was left untouched: update walletdesk to open it"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "{path} is busy: another walletdesk process{} has been writing to it for {} seconds; try again when it has finished",
        holder.map(|p| format!(" (pid {p})")).unwrap_or_default(),
        WRITE_WAIT.as_secs()
    )]
    Locked { path: PathBuf, holder: Option<u32> },
    #[error(
        "{path} is open in walletdesk{}: close that window first (two windows on one database are refused)",
        pid.map(|p| format!(" (pid {p})")).unwrap_or_default()
    )]
    InUse { path: PathBuf, pid: Option<u32> },
    #[error("{path} is not a walletdesk database ({why}); it was left untouched")]
    NotADatabase { path: PathBuf, why: String },
    #[error(
        "{path} is damaged ({problem}); walletdesk will not write to it.{}",
        backup.as_ref().map_or_else(
            || " No backup was found: copy the file somewhere safe before trying anything".to_owned(),
            |b| format!(" The latest backup is {}: walletdesk restore {}", b.display(), b.display())
        )
    )]
    Damaged {
        path: PathBuf,
        problem: String,
        backup: Option<PathBuf>,
    },
    #[error("cannot open {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("{path}: {problem}")]
    File { path: PathBuf, problem: String },
    #[error("database error: {0}")]
    Sql(rusqlite::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Sql(e)
    }
}

/// The migration steps, for tests that build an older database on a real file.
pub fn migration_steps() -> &'static [&'static str] {
    migrations::STEPS
}

/// The schema version this program writes.
pub fn schema_version() -> i64 {
    i64::try_from(migrations::STEPS.len()).unwrap_or(i64::MAX)
}

/// Called once per process when a writer has waited a second for another
/// process's write transaction (the command line says so on standard error).
static WAIT_NOTICE: OnceLock<fn()> = OnceLock::new();
static WAIT_NOTICED: AtomicBool = AtomicBool::new(false);

/// Set what to do when a write has to wait for another process.
pub fn on_write_wait(notice: fn()) {
    let _ = WAIT_NOTICE.set(notice);
}

/// SQLite's busy handler: wait (in 20 ms steps) up to `WRITE_WAIT`, and say so
/// after a second.
fn busy_wait(count: i32) -> bool {
    const STEP: Duration = Duration::from_millis(20);
    let waited = STEP * u32::try_from(count).unwrap_or(0);
    if waited >= WAIT_NOTICE_AFTER
        && !WAIT_NOTICED.swap(true, Ordering::Relaxed)
        && let Some(f) = WAIT_NOTICE.get()
    {
        f();
    }
    if waited >= WRITE_WAIT {
        return false;
    }
    std::thread::sleep(STEP);
    true
}

/// An open walletdesk database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    database_id: String,
    /// Set when the integrity check failed: every write is refused.
    damaged: Option<String>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn classify(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Locked {
            path: path.to_owned(),
            holder: window_holder(path),
        },
        Some(ErrorCode::NotADatabase) => Error::NotADatabase {
            path: path.to_owned(),
            why: "SQLite does not recognise it".into(),
        },
        Some(ErrorCode::DatabaseCorrupt) => Error::Damaged {
            path: path.to_owned(),
            problem: e.to_string(),
            backup: latest_backup(path),
        },
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::ReadOnly) => {
            Error::Open {
                path: path.to_owned(),
                source: Box::new(e),
            }
        }
        _ => Error::Sql(e),
    }
}

/// Scratch files of a creation that a killed process left behind (a creation
/// takes milliseconds, so one older than a minute is nobody's).
fn remove_stale_scratch(folder: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(60));
        if stale && entry.file_name().to_string_lossy().starts_with(prefix) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// What the first 100 bytes of an existing file say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub user_version: i64,
    pub application_id: i32,
}

/// Read a database file's header as plain bytes: nothing is opened through
/// SQLite, so nothing can be written. `Ok(None)`: there is no file.
pub fn read_header(path: &Path) -> Result<Option<Header>> {
    let not_db = |why: &str| Error::NotADatabase {
        path: path.to_owned(),
        why: why.into(),
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Error::Open {
                path: path.to_owned(),
                source: Box::new(e),
            });
        }
    };
    if meta.is_dir() {
        return Err(not_db("it is a folder"));
    }
    if meta.len() == 0 {
        return Err(not_db(
            "it is an empty file; delete it or choose another --db to start a new database",
        ));
    }
    let mut head = [0u8; 100];
    let mut f = std::fs::File::open(path).map_err(|e| Error::Open {
        path: path.to_owned(),
        source: Box::new(e),
    })?;
    let mut read = 0;
    while read < head.len() {
        match f.read(&mut head[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => {
                return Err(Error::Open {
                    path: path.to_owned(),
                    source: Box::new(e),
                });
            }
        }
    }
    if read < head.len() || &head[..16] != b"SQLite format 3\0" {
        return Err(not_db("it is not an SQLite database"));
    }
    let be = |at: usize| [head[at], head[at + 1], head[at + 2], head[at + 3]];
    Ok(Some(Header {
        user_version: i64::from(u32::from_be_bytes(be(60))),
        application_id: i32::from_be_bytes(be(68)),
    }))
}

/// Open a database file for reading only, without locks or journal files
/// (`immutable`): for looking at a file that is not open for writing.
pub fn open_immutable(path: &Path) -> Result<Connection> {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            '%' => uri.push_str("%25"),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    Connection::open_with_flags(
        &uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify(path, e))
}

/// Whether a connection shows walletdesk's own tables.
fn has_walletdesk_tables(c: &Connection) -> rusqlite::Result<bool> {
    let n: i64 = c.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('meta', 'account', 'method')",
        [],
        |r| r.get(0),
    )?;
    Ok(n == 3)
}

fn table_count(c: &Connection) -> rusqlite::Result<i64> {
    c.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )
}

/// Refuse what is not a walletdesk database this program can open, from the
/// header alone (and, for a database from before `application_id`, a look
/// through an immutable connection).
fn check_existing(path: &Path, header: Header) -> Result<()> {
    let known = schema_version();
    let foreign = |why: String| Error::NotADatabase {
        path: path.to_owned(),
        why,
    };
    match header.application_id {
        APPLICATION_ID => {}
        0 => {
            // Written before walletdesk set its application id, or by another program.
            let c = open_immutable(path)?;
            let ours = has_walletdesk_tables(&c).map_err(|e| classify(path, e))?;
            let tables = table_count(&c).map_err(|e| classify(path, e))?;
            if !ours && tables > 0 {
                return Err(foreign(format!(
                    "it holds {tables} table{} of another program",
                    if tables == 1 { "" } else { "s" }
                )));
            }
        }
        other => {
            return Err(foreign(format!(
                "it belongs to another program (application id {other:#x})"
            )));
        }
    }
    if header.user_version > known {
        return Err(Error::TooNew {
            path: path.to_owned(),
            found: header.user_version,
            known,
        });
    }
    Ok(())
}

impl Store {
    /// Open (creating it if there is no file) and, where needed, migrate the
    /// database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let known = schema_version();
        match read_header(path)? {
            Some(h) => check_existing(path, h)?,
            None => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| Error::Open {
                        path: path.to_owned(),
                        source: Box::new(e),
                    })?;
                }
                Self::create_whole(path)?;
            }
        }

        let mut conn = Connection::open(path).map_err(|e| classify(path, e))?;
        conn.busy_handler(Some(busy_wait))?;
        let setup = |c: &Connection| -> rusqlite::Result<()> {
            c.pragma_update(None, "foreign_keys", "ON")?;
            c.pragma_update(None, "synchronous", "FULL")?;
            Ok(())
        };
        setup(&conn).map_err(|e| classify(path, e))?;
        // Read without a lock: a database that is up to date is never written on open.
        let current: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| classify(path, e))?;
        if current > known {
            return Err(Error::TooNew {
                path: path.to_owned(),
                found: current,
                known,
            });
        }
        if current == 0 && table_count(&conn).map_err(|e| classify(path, e))? > 0 {
            return Err(Error::NotADatabase {
                path: path.to_owned(),
                why: "it holds the tables of another program".into(),
            });
        }
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .map_err(|e| classify(path, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            // A new file, or a backup opened with --db: once, readers never block writers after.
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(|e| classify(path, e))?;
        }
        if current < known {
            if current > 0 {
                // A copy of the database as it was, before a single step runs.
                let keep = backups_kept(&conn);
                backup::auto_backup(
                    &conn,
                    path,
                    BackupReason::BeforeMigration,
                    keep,
                    chrono::Utc::now(),
                )?;
            }
            Self::migrate(&mut conn, path)?;
        }
        let database_id = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'database_id'",
                [],
                |r| r.get(0),
            )
            .map_err(|e| classify(path, e))?;
        Ok(Store {
            conn,
            path: path.to_owned(),
            database_id,
            damaged: None,
        })
    }

    /// A new database comes into being whole: its schema is written to a file
    /// beside it, which is then linked into place. A process killed half-way
    /// leaves no file at `path` (only a scratch file, removed by a later start),
    /// never an empty one that the next start would have to refuse.
    fn create_whole(path: &Path) -> Result<()> {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        let prefix = format!(
            "{}-new-",
            path.file_name()
                .map_or_else(|| "walletdesk".into(), |n| n.to_string_lossy())
        );
        remove_stale_scratch(&folder, &prefix);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let scratch = folder.join(format!("{prefix}{}-{nanos}", std::process::id()));
        let io = |e: std::io::Error| Error::Open {
            path: path.to_owned(),
            source: Box::new(e),
        };
        let written = (|| -> Result<()> {
            // The default rollback journal: once closed, the scratch file is one file.
            let mut conn = Connection::open(&scratch).map_err(|e| classify(path, e))?;
            conn.pragma_update(None, "synchronous", "FULL")?;
            Self::migrate(&mut conn, path)?;
            conn.close().map_err(|(_, e)| classify(path, e))?;
            match std::fs::hard_link(&scratch, path) {
                Ok(()) => Ok(()),
                // Another process created it meanwhile: open theirs.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
                // A file system without hard links: rename, unless it appeared.
                Err(_) if !path.exists() => std::fs::rename(&scratch, path).map_err(io),
                Err(_) => Ok(()),
            }
        })();
        let _ = std::fs::remove_file(&scratch);
        #[cfg(unix)]
        if let Ok(dir) = std::fs::File::open(&folder) {
            let _ = dir.sync_all();
        }
        written
    }

    fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| classify(path, e))?;
        // Read again under the lock: another process may have migrated meanwhile.
        let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = schema_version();
        if current > known {
            return Err(Error::TooNew {
                path: path.to_owned(),
                found: current,
                known,
            });
        }
        for step in migrations::STEPS
            .iter()
            .skip(usize::try_from(current).unwrap_or(0))
        {
            tx.execute_batch(step)?;
        }
        if current < known {
            tx.pragma_update(None, "user_version", known)?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        tx.commit().map_err(|e| classify(path, e))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The random id of this database file; keys its secrets in the vault.
    pub fn database_id(&self) -> &str {
        &self.database_id
    }

    /// For reads outside a transaction.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// One user action = one transaction. Dropped without `commit`, it rolls back.
    /// Refused while the database is known to be damaged.
    pub fn transaction(&mut self) -> Result<Tx<'_>> {
        if let Some(problem) = &self.damaged {
            return Err(Error::Damaged {
                path: self.path.clone(),
                problem: problem.clone(),
                backup: latest_backup(&self.path),
            });
        }
        let Store { conn, path, .. } = self;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| classify(path, e))?;
        Ok(Tx { tx, path })
    }

    /// `PRAGMA quick_check`, stopped after `budget`: `Ok(true)` when it passed,
    /// `Ok(false)` when it ran out of time. A failure marks the store damaged
    /// (writes refused) and is returned as `Error::Damaged`.
    pub fn quick_check(&mut self, budget: Duration) -> Result<bool> {
        let started = Instant::now();
        let deadline = started + budget;
        self.conn
            .progress_handler(10_000, Some(move || Instant::now() > deadline))?;
        let result: rusqlite::Result<Vec<String>> = self
            .conn
            .prepare("PRAGMA quick_check(5)")
            .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect());
        self.conn.progress_handler(0, None::<fn() -> bool>)?;
        let problem = match result {
            Ok(lines) if lines.len() == 1 && lines[0] == "ok" => return Ok(true),
            Ok(lines) => lines.join("; "),
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::OperationInterrupted) => {
                return Ok(false);
            }
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::DatabaseCorrupt) => e.to_string(),
            Err(e) => return Err(classify(&self.path, e)),
        };
        self.damaged = Some(problem.clone());
        Err(Error::Damaged {
            path: self.path.clone(),
            problem,
            backup: latest_backup(&self.path),
        })
    }

    /// Why writes are refused, when the integrity check failed.
    /// Refuse writes from now on: a check on another connection found damage.
    pub fn mark_damaged(&mut self, problem: String) {
        self.damaged = Some(problem);
    }

    pub fn damaged(&self) -> Option<&str> {
        self.damaged.as_deref()
    }
}

/// A write transaction that knows its file, so a failed commit says which one.
pub struct Tx<'a> {
    tx: Transaction<'a>,
    path: &'a Path,
}

impl Tx<'_> {
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        self.tx.commit().map_err(|e| classify(path, e))
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}
