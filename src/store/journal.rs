//! The journal of secret operations under way. Before a card number is written
//! to (or deleted from) the secret store, its key is written to a small file
//! beside the database and synced; the file goes when the operation is done. A
//! file left behind means a process died in between: at the next start the
//! service compares each key it names with the database (under the write lock,
//! so no operation is half-way) and repairs the keyring. The files hold keys,
//! never secrets.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::{Error, Result};

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn prefix(db: &Path) -> String {
    let name = db
        .file_name()
        .map_or_else(|| "walletdesk".into(), |n| n.to_string_lossy().into_owned());
    format!("{name}-secrets-")
}

fn folder(db: &Path) -> PathBuf {
    match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// The journal of one operation. Dropped, it removes its file, unless
/// `keep_for_repair` said the keyring may still be out of step.
#[derive(Debug)]
pub struct SecretJournal {
    path: PathBuf,
    file: Option<File>,
    keep: bool,
}

impl SecretJournal {
    pub fn new(db: &Path) -> SecretJournal {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!("{}{}-{nanos}-{n}", prefix(db), std::process::id());
        SecretJournal {
            path: folder(db).join(name),
            file: None,
            keep: false,
        }
    }

    /// Note `key` durably, before the secret store is touched.
    pub fn record(&mut self, key: &str) -> Result<()> {
        let io = |e: std::io::Error| Error::File {
            path: self.path.clone(),
            problem: format!("cannot write the journal of secret operations: {e}"),
        };
        let created = self.file.is_none();
        if created {
            let f = OpenOptions::new()
                .create_new(true)
                .append(true)
                .open(&self.path)
                .map_err(io)?;
            self.file = Some(f);
        }
        let Some(f) = self.file.as_mut() else {
            return Ok(());
        };
        writeln!(f, "{key}").map_err(io)?;
        f.sync_all().map_err(io)?;
        if created {
            sync_folder(&self.path);
        }
        Ok(())
    }

    /// Leave the file for the next start to repair from.
    pub fn keep_for_repair(&mut self) {
        self.keep = true;
    }
}

impl Drop for SecretJournal {
    fn drop(&mut self) {
        if self.file.take().is_some() && !self.keep {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Make a new directory entry durable (Unix; elsewhere the rename/create is enough).
pub(crate) fn sync_folder(file: &Path) {
    #[cfg(unix)]
    if let Some(dir) = file.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = file;
}

/// Journals left by processes that died mid-operation: (file, keys).
pub fn leftover_journals(db: &Path) -> Result<Vec<(PathBuf, Vec<String>)>> {
    let dir = folder(db);
    let prefix = prefix(db);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(Error::File {
                path: dir,
                problem: format!("cannot list the folder: {e}"),
            });
        }
    };
    let mut out = Vec::new();
    for entry in entries.filter_map(std::result::Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(&prefix) {
            continue;
        }
        let path = entry.path();
        // Gone meanwhile: another process finished or repaired it.
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let keys = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        out.push((path, keys));
    }
    out.sort();
    Ok(out)
}

/// Remove a journal once what it names is repaired.
pub fn remove_journal(path: &Path) {
    let _ = std::fs::remove_file(path);
}
