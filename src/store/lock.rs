//! The window's advisory lock: one window per database. A second window is
//! refused with the pid of the first; a lock left by a crash is simply free
//! (the operating system releases it with the process).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

use super::{Error, Result};

/// `<database>.lock`, beside the database.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(".lock");
    PathBuf::from(s)
}

/// Held by the window for as long as it is open.
#[derive(Debug)]
pub struct WindowLock {
    _file: File,
}

impl WindowLock {
    /// Take the lock, or say which process holds it.
    pub fn acquire(db: &Path) -> Result<WindowLock> {
        let path = lock_path(db);
        let io = |e: std::io::Error| Error::File {
            path: path.clone(),
            problem: format!("cannot use the lock file: {e}"),
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(Error::InUse {
                    path: db.to_owned(),
                    pid: read_pid(&mut file),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        write!(file, "{}", std::process::id()).map_err(io)?;
        file.flush().map_err(io)?;
        Ok(WindowLock { _file: file })
    }
}

fn read_pid(file: &mut File) -> Option<u32> {
    let mut s = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.read_to_string(&mut s).ok()?;
    s.trim().parse().ok()
}

/// The pid of the window holding `db`, if one does.
pub fn window_holder(db: &Path) -> Option<u32> {
    let mut file = File::open(lock_path(db)).ok()?;
    match file.try_lock_shared() {
        Ok(()) => None,
        Err(_) => read_pid(&mut file),
    }
}
