//! Long work on its own thread and its own connection to the same database:
//! start, progress, cancel, result. The window polls a job between frames; the
//! command line waits on it with a progress bar. Both use this code.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Duration;

use super::csv::{Finished, ImportPreview};
use super::service::{Clock, Result, Wallet};
use crate::domain::{AccountId, FieldError};
use crate::vault::Vault;

/// What an import job is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportStage {
    /// Reading the file into a preview; nothing is written.
    Reading,
    /// Writing the preview's rows in one transaction.
    Writing,
}

impl ImportStage {
    pub fn label(self) -> &'static str {
        match self {
            ImportStage::Reading => "Reading",
            ImportStage::Writing => "Writing",
        }
    }
}

/// How an import job ended.
#[derive(Debug)]
pub enum ImportOutcome {
    Preview(Result<Finished<ImportPreview>>),
    Written(Result<Finished<usize>>),
}

/// A running import: a preview of a file, or the writing of a preview.
#[derive(Debug)]
pub struct ImportJob {
    stage: ImportStage,
    /// The share done, as the bits of an `f32`.
    progress: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    done: Receiver<ImportOutcome>,
}

impl ImportJob {
    fn start(
        stage: ImportStage,
        db: PathBuf,
        clock: Clock,
        work: impl FnOnce(&mut Wallet, &mut dyn FnMut(f32), &AtomicBool) -> ImportOutcome
        + Send
        + 'static,
    ) -> ImportJob {
        let progress = Arc::new(AtomicU32::new(0f32.to_bits()));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, done) = mpsc::channel();
        let (p, c) = (progress.clone(), cancel.clone());
        std::thread::spawn(move || {
            let mut report = |f: f32| p.store(f.to_bits(), Ordering::Relaxed);
            // Its own connection: the caller's stays free for reading meanwhile.
            let outcome = match Wallet::open(&db, Vault::unavailable("not needed"), clock) {
                Ok(mut w) => work(&mut w, &mut report, &c),
                Err(e) => match stage {
                    ImportStage::Reading => ImportOutcome::Preview(Err(e)),
                    ImportStage::Writing => ImportOutcome::Written(Err(e)),
                },
            };
            // The receiver may be gone (the window closed the dialog): nothing to tell.
            let _ = tx.send(outcome);
        });
        ImportJob {
            stage,
            progress,
            cancel,
            done,
        }
    }

    pub fn stage(&self) -> ImportStage {
        self.stage
    }

    /// The share done, 0.0 to 1.0.
    pub fn progress(&self) -> f32 {
        f32::from_bits(self.progress.load(Ordering::Relaxed))
    }

    /// Ask the job to stop; its outcome then says `Cancelled` and nothing is written.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The outcome once the job has ended; `None` while it runs.
    pub fn poll(&self) -> Option<ImportOutcome> {
        match self.done.try_recv() {
            Ok(o) => Some(o),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(self.lost()),
        }
    }

    /// Wait for the outcome, calling `tick` with the progress now and then.
    pub fn wait(self, tick: &mut dyn FnMut(f32)) -> ImportOutcome {
        loop {
            match self.done.recv_timeout(Duration::from_millis(50)) {
                Ok(o) => {
                    tick(self.progress());
                    return o;
                }
                Err(mpsc::RecvTimeoutError::Timeout) => tick(self.progress()),
                Err(mpsc::RecvTimeoutError::Disconnected) => return self.lost(),
            }
        }
    }

    /// The thread ended without a word (it panicked): said as a failure.
    fn lost(&self) -> ImportOutcome {
        let e = FieldError::new(
            "import",
            "the import stopped unexpectedly; nothing was written",
        );
        match self.stage {
            ImportStage::Reading => ImportOutcome::Preview(Err(e.into())),
            ImportStage::Writing => ImportOutcome::Written(Err(e.into())),
        }
    }
}

impl Drop for ImportJob {
    /// A job nobody waits for any more stops (a preview read for nothing, or a
    /// write that rolls back).
    fn drop(&mut self) {
        self.cancel();
    }
}

impl Wallet {
    /// Read `file` into a preview of what importing it into `account` would do.
    pub fn start_import_preview(&self, account: AccountId, file: &Path) -> ImportJob {
        let file = file.to_owned();
        ImportJob::start(
            ImportStage::Reading,
            self.path().to_owned(),
            self.clock,
            move |w, progress, cancel| {
                let r = std::fs::File::open(&file)
                    .map_err(|e| FieldError::new("file", format!("{}: {e}", file.display())).into())
                    .and_then(|f| {
                        let size = f.metadata().map(|m| m.len()).unwrap_or(0);
                        w.import_preview(
                            account,
                            std::io::BufReader::new(f),
                            size,
                            progress,
                            cancel,
                        )
                    });
                ImportOutcome::Preview(r)
            },
        )
    }

    /// Write a preview's rows into `account`: all or none.
    pub fn start_import_write(&self, account: AccountId, preview: ImportPreview) -> ImportJob {
        ImportJob::start(
            ImportStage::Writing,
            self.path().to_owned(),
            self.clock,
            move |w, progress, cancel| {
                ImportOutcome::Written(w.import_commit(account, &preview, progress, cancel))
            },
        )
    }
}
