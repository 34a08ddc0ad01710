//! What the window's About shows of this installation, and showing a folder in
//! the desktop's file manager (a process started by the service, not the UI).

use std::path::{Path, PathBuf};

use super::service::{Result, Wallet, invalid};
use crate::store;

/// Where things live and what is in use, for Help → About.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installation {
    pub version: &'static str,
    pub licence: &'static str,
    pub database: PathBuf,
    pub backups: PathBuf,
    pub secret_store: String,
}

impl Wallet {
    pub fn installation(&self) -> Installation {
        Installation {
            version: env!("CARGO_PKG_VERSION"),
            licence: env!("CARGO_PKG_LICENSE"),
            database: self.path().to_owned(),
            backups: store::backups_dir(self.path()),
            secret_store: self.vault().describe(),
        }
    }
}

/// Show `folder` in the file manager (xdg-open, open, explorer). The process is
/// waited for in the background so that it does not linger.
pub fn open_folder(folder: &Path) -> Result<()> {
    if !folder.is_dir() {
        return Err(invalid(
            "folder",
            format!("{} does not exist (yet)", folder.display()),
        ));
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    let mut child = std::process::Command::new(opener)
        .arg(folder)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| {
            invalid(
                "folder",
                format!("could not start {opener} to show {}: {e}", folder.display()),
            )
        })?;
    std::thread::spawn(move || child.wait());
    Ok(())
}
