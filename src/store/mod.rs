//! SQLite: open, pragmas, migrations and queries. Knows rows, not widgets.
//!
//! Opening is one obvious place: a read-only look at `user_version` first, so a
//! file written by a newer walletdesk is refused without a single byte changing;
//! then pragmas (WAL, foreign keys, `synchronous=FULL`) and the migration steps in
//! one transaction.

mod migrations;
mod rows;
mod txns;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

pub use rows::*;
pub use txns::*;

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
        "{path} is in use by another walletdesk (the database is locked); close it and try again"
    )]
    Locked { path: PathBuf },
    #[error("{path} is not a walletdesk database, or it is damaged")]
    NotADatabase { path: PathBuf },
    #[error("cannot open {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
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

/// An open walletdesk database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    database_id: String,
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
        },
        Some(ErrorCode::NotADatabase) => Error::NotADatabase {
            path: path.to_owned(),
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

impl Store {
    /// Open (creating it if need be) and migrate the database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let known = schema_version();
        let exists = path.metadata().map(|m| m.len() > 0).unwrap_or(false);
        if exists {
            // Look before touching: read-only, no pragmas, no journal changes.
            let ro = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(|e| classify(path, e))?;
            let found: i64 = ro
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(|e| classify(path, e))?;
            if found > known {
                return Err(Error::TooNew {
                    path: path.to_owned(),
                    found,
                    known,
                });
            }
        } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::Open {
                path: path.to_owned(),
                source: Box::new(e),
            })?;
        }

        let mut conn = Connection::open(path).map_err(|e| classify(path, e))?;
        conn.busy_timeout(Duration::from_secs(2))?;
        let setup = |c: &Connection| -> rusqlite::Result<()> {
            c.pragma_update(None, "journal_mode", "WAL")?;
            c.pragma_update(None, "foreign_keys", "ON")?;
            c.pragma_update(None, "synchronous", "FULL")?;
            Ok(())
        };
        setup(&conn).map_err(|e| classify(path, e))?;
        Self::migrate(&mut conn, path)?;
        let database_id = conn.query_row(
            "SELECT value FROM meta WHERE key = 'database_id'",
            [],
            |r| r.get(0),
        )?;
        Ok(Store {
            conn,
            path: path.to_owned(),
            database_id,
        })
    }

    fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| classify(path, e))?;
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
    pub fn transaction(&mut self) -> Result<Tx<'_>> {
        let Store { conn, path, .. } = self;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| classify(path, e))?;
        Ok(Tx { tx, path })
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
