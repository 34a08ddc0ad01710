//! Long work on its own thread and its own connection to the same database:
//! start, progress, cancel, result. The window polls a job between frames; the
//! command line waits on it with a progress bar. Both use this code.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Duration;

use super::csv::Finished;
use super::preview::{ImportPreview, ImportSource};
use super::service::{Clock, Error, Result, Wallet};
use crate::domain::bills::{FormatChoice, Password};
use crate::domain::{AccountId, FieldError};
use crate::vault::Vault;

/// Long work running on its own thread: its progress, a way to stop it, and
/// its result once it ends. `T` is what it makes when it finishes.
#[derive(Debug)]
pub struct Job<T> {
    /// What it is doing, for a progress line ("Reading", "Writing").
    label: &'static str,
    /// The share done, as the bits of an `f32`.
    progress: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    done: Receiver<Result<Finished<T>>>,
}

impl<T: Send + 'static> Job<T> {
    /// Run `work` on a new thread with its own `Wallet` over the database at `db`.
    pub(super) fn start(
        label: &'static str,
        db: PathBuf,
        clock: Clock,
        work: impl FnOnce(&mut Wallet, &mut dyn FnMut(f32), &AtomicBool) -> Result<Finished<T>>
        + Send
        + 'static,
    ) -> Job<T> {
        let progress = Arc::new(AtomicU32::new(0f32.to_bits()));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, done) = mpsc::channel();
        let (p, c) = (progress.clone(), cancel.clone());
        std::thread::spawn(move || {
            let mut report = |f: f32| p.store(f.to_bits(), Ordering::Relaxed);
            // Its own connection: the caller's stays free for reading meanwhile.
            let outcome = Wallet::open(&db, Vault::unavailable("not needed"), clock)
                .and_then(|mut w| work(&mut w, &mut report, &c));
            // The receiver may be gone (the window closed the dialog): nothing to tell.
            let _ = tx.send(outcome);
        });
        Job {
            label,
            progress,
            cancel,
            done,
        }
    }
}

impl<T: Send + 'static> Job<T> {
    /// Run `work` on a new thread that needs no database (the file dialog).
    pub(super) fn detached(
        label: &'static str,
        work: impl FnOnce() -> Result<Finished<T>> + Send + 'static,
    ) -> Job<T> {
        let progress = Arc::new(AtomicU32::new(0f32.to_bits()));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, done) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(work());
        });
        Job {
            label,
            progress,
            cancel,
            done,
        }
    }
}

impl<T> Job<T> {
    pub fn label(&self) -> &'static str {
        self.label
    }

    /// The share done, 0.0 to 1.0.
    pub fn progress(&self) -> f32 {
        f32::from_bits(self.progress.load(Ordering::Relaxed))
    }

    /// Ask the job to stop; its result then says `Cancelled` and nothing is written.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The result once the job has ended; `None` while it runs.
    pub fn poll(&self) -> Option<Result<Finished<T>>> {
        match self.done.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(lost())),
        }
    }

    /// Wait for the result, calling `tick` with the progress now and then.
    pub fn wait(self, tick: &mut dyn FnMut(f32)) -> Result<Finished<T>> {
        loop {
            match self.done.recv_timeout(Duration::from_millis(50)) {
                Ok(r) => {
                    tick(self.progress());
                    return r;
                }
                Err(mpsc::RecvTimeoutError::Timeout) => tick(self.progress()),
                Err(mpsc::RecvTimeoutError::Disconnected) => return Err(lost()),
            }
        }
    }
}

/// The thread ended without a word (it panicked): said as a failure.
fn lost() -> Error {
    FieldError::new("job", "it stopped unexpectedly; nothing was written").into()
}

impl<T> Drop for Job<T> {
    /// A job nobody waits for any more stops (a preview read for nothing, or a
    /// write that rolls back).
    fn drop(&mut self) {
        self.cancel();
    }
}

impl Wallet {
    /// Read `file` into a preview of what importing it into `account` would do.
    pub fn start_import_preview(&self, account: AccountId, file: &Path) -> Job<ImportPreview> {
        self.start_import_preview_as(account, file, FormatChoice::Auto)
    }

    /// As [`Wallet::start_import_preview`], read as `format` (walletdesk's own CSV,
    /// an Alipay or a WeChat Pay bill; auto: detected).
    pub fn start_import_preview_as(
        &self,
        account: AccountId,
        file: &Path,
        format: FormatChoice,
    ) -> Job<ImportPreview> {
        self.start_import_preview_with(account, file, format, None)
    }

    /// As [`Wallet::start_import_preview_as`], a zip opened with `password` (the
    /// e-mailed bill): when the preview says [`ImportPreview::needs_password`], ask
    /// for it and start again with it. The zip is read in memory, never unpacked
    /// to disk.
    pub fn start_import_preview_with(
        &self,
        account: AccountId,
        file: &Path,
        format: FormatChoice,
        password: Option<Password>,
    ) -> Job<ImportPreview> {
        let file = file.to_owned();
        Job::start(
            "Reading",
            self.path().to_owned(),
            self.clock,
            move |w, progress, cancel| {
                let (input, source) = ImportSource::open(&file)?;
                let read = w.import_preview_with(
                    account,
                    format,
                    input,
                    source.len,
                    password.as_ref(),
                    progress,
                    cancel,
                )?;
                // A large file is read again when it is written.
                Ok(match read {
                    Finished::Done(mut p) if !p.holds_all() => {
                        p.source = Some(source);
                        Finished::Done(p)
                    }
                    other => other,
                })
            },
        )
    }

    /// Import `file` in one job (`tx import`): see [`Wallet::import_file`].
    pub fn start_import(
        &self,
        account: AccountId,
        file: &Path,
        format: FormatChoice,
        password: Option<Password>,
    ) -> Job<ImportPreview> {
        let file = file.to_owned();
        Job::start(
            "Importing",
            self.path().to_owned(),
            self.clock,
            move |w, progress, cancel| {
                let (input, source) = ImportSource::open(&file)?;
                w.import_file(
                    account,
                    format,
                    input,
                    source.len,
                    password.as_ref(),
                    progress,
                    cancel,
                )
            },
        )
    }

    /// Write a preview's rows into `account`: all or none.
    pub fn start_import_write(&self, account: AccountId, preview: ImportPreview) -> Job<usize> {
        Job::start(
            "Writing",
            self.path().to_owned(),
            self.clock,
            move |w, progress, cancel| w.import_commit(account, &preview, progress, cancel),
        )
    }
}

/// What the system's file dialog is asked for.
#[derive(Debug, Clone)]
pub enum FileChoice {
    /// A file to read, with the extensions offered first (e.g. `["csv"]`).
    Open {
        title: &'static str,
        extensions: &'static [&'static str],
    },
    /// Where to write, starting from a suggested path.
    Save {
        title: &'static str,
        suggested: PathBuf,
    },
}

/// How soon a dialog that returns nothing is taken for one that never opened
/// (no desktop portal), rather than for a person who pressed Cancel.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);

/// Ask the system's file dialog, in the background: `Done(path)`, or
/// `Cancelled` when the person closes it. Where no dialog can open (no XDG
/// desktop portal on Linux), an error says to type the path instead.
pub fn choose_file(choice: FileChoice) -> Job<PathBuf> {
    Job::detached("Choosing", move || {
        let started = std::time::Instant::now();
        let picked = match &choice {
            FileChoice::Open { title, extensions } => {
                let dialog = rfd::AsyncFileDialog::new()
                    .set_title(*title)
                    .add_filter("CSV", extensions)
                    .add_filter("All files", &["*"]);
                pollster::block_on(dialog.pick_file())
            }
            FileChoice::Save { title, suggested } => {
                let mut dialog = rfd::AsyncFileDialog::new().set_title(*title);
                if let Some(dir) = suggested.parent() {
                    dialog = dialog.set_directory(dir);
                }
                if let Some(name) = suggested.file_name() {
                    dialog = dialog.set_file_name(name.to_string_lossy());
                }
                pollster::block_on(dialog.save_file())
            }
        };
        match picked {
            Some(f) => Ok(Finished::Done(f.path().to_owned())),
            None if started.elapsed() < NO_DIALOG_WITHIN => Err(FieldError::new(
                "file",
                "no file dialog could be opened on this desktop (on Linux it needs the XDG desktop portal); type the path instead",
            )
            .into()),
            None => Ok(Finished::Cancelled),
        }
    })
}
