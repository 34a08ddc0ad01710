//! The service the window and the command line both call: one method per user
//! action, each a domain check plus one database transaction (and, for card
//! numbers, one vault write that is undone if the row does not commit).
//!
//! One file per role: `service` (errors, clock, opening), `accounts`, `methods`
//! (and their secrets), `checks` (will it bind?), `lifecycle` (L1–L7), `settings`,
//! `rates`, `txns`, `quota`, `precheck`, `csv` (opening an import, its preview,
//! export), `stream` (an import read as a stream on two threads), `bills` and
//! `packed` (reading providers' bills, their zip and XLSX), `write` (writing an
//! import), `jobs` (long
//! work on its own thread), `screens` (what the window shows), `safety` (backups,
//! checks on start), `demo`.

mod accounts;
mod bills;
mod checks;
mod csv;
mod demo;
mod desktop;
mod jobs;
mod lifecycle;
mod lister;
mod mapping;
mod methods;
mod packed;
mod precheck;
mod preview;
mod quota;
mod rates;
mod safety;
mod screens;
mod service;
mod settings;
mod stream;
mod txns;
mod write;
pub use self::service::{Clock, Error, Result, Wallet};
pub use crate::domain::bills::Password;
pub use crate::store::BackupFile;
pub use checks::*;
pub use csv::*;
pub use desktop::{Installation, open_folder};
pub use jobs::{FileChoice, Job, choose_file};
pub use lister::{Listed, Lister};
pub use mapping::{CsvSample, start_csv_sample};
pub use precheck::*;
pub use preview::*;
pub use quota::*;
pub use rates::RateDraft;
pub use safety::*;
pub use screens::*;
pub use settings::{
    DEFAULT_REVEAL_SECONDS, REVEAL_SECONDS, Setting, Settings, Theme, ZOOM_PERCENT, ZOOM_STEP,
    ZoneChange,
};
