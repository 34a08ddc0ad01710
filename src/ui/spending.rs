//! The "Limits" and "Transactions" views: state, and the actions the app
//! carries out through the service after drawing.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};

use crate::domain::limits::{LimitStatus, Origin};
use crate::domain::money::Rate;
use crate::domain::txn::{Txn, TxnDraft};
use crate::domain::{AccountId, Method};
use crate::store::TxnFilter;
use crate::vault::Vault;
use crate::wallet::{CapDraft, Finished, ImportPreview, PrecheckDraft, Quota, Wallet, YearSeries};

/// Rows fetched from SQLite at a time for the transactions table.
pub const PAGE: u64 = 100;
/// Pages kept; older ones are dropped and read again when scrolled back to.
const KEEP_PAGES: usize = 24;

/// Something the user asked for in these views.
#[derive(Debug, Clone)]
pub enum Act {
    OpenRecord,
    OpenEdit(i64),
    SaveTxn(Option<i64>, TxnDraft),
    AskDelete(i64),
    ConfirmDelete(i64),
    OpenPrecheck,
    /// Record the payment the pre-check was asked about.
    RecordChecked(PrecheckDraft),
    OpenOverride(String),
    SaveOverride(String, Option<String>),
    AddCap(CapDraft),
    RemoveCap(i64),
    SetBook(String),
    AddRate(RateForm),
    FilterChanged,
    OpenImport,
    StartPreview(String),
    StartImport,
    CancelImport,
    OpenExport,
    Export(String),
    Close,
}

/// The rate form on the Limits view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RateForm {
    pub from: String,
    pub to: String,
    pub rate: String,
    pub date: String,
}

pub struct TxnDialog {
    pub editing: Option<i64>,
    pub draft: TxnDraft,
    pub error: Option<String>,
    /// The conversion preview of the last draft looked at, and that draft.
    pub preview: Option<(TxnDraft, Result<String, String>)>,
    pub focused: bool,
}

impl TxnDialog {
    pub fn new(editing: Option<i64>, draft: TxnDraft) -> Box<TxnDialog> {
        Box::new(TxnDialog {
            editing,
            draft,
            error: None,
            preview: None,
            focused: false,
        })
    }
}

pub struct PrecheckDialog {
    pub draft: PrecheckDraft,
    pub result: Option<(PrecheckDraft, Result<crate::wallet::Precheck, String>)>,
    pub focused: bool,
}

/// A long import running on its own thread and database connection.
pub struct Job {
    pub stage: &'static str,
    pub progress: Arc<std::sync::Mutex<f32>>,
    pub cancel: Arc<AtomicBool>,
    pub done: Receiver<JobResult>,
}

pub enum JobResult {
    Preview(Result<Finished<ImportPreview>, String>),
    Written(Result<Finished<usize>, String>),
}

pub struct ImportDialog {
    pub path: String,
    pub preview: Option<ImportPreview>,
    pub job: Option<Job>,
    pub error: Option<String>,
}

pub enum SpendDialog {
    Txn(Box<TxnDialog>),
    Delete {
        id: i64,
        text: String,
    },
    Precheck(Box<PrecheckDialog>),
    Override {
        key: String,
        name: String,
        amount: String,
        published: String,
        error: Option<String>,
    },
    Import(Box<ImportDialog>),
    Export {
        path: String,
        error: Option<String>,
    },
}

#[derive(Default)]
pub struct Spending {
    pub account: Option<AccountId>,
    pub quota: Option<Quota>,
    pub fx: Vec<LimitStatus>,
    pub series: Option<YearSeries>,
    pub rates: Vec<Rate>,
    pub methods: Vec<Method>,
    pub books: Vec<(String, String)>,
    pub load_error: Option<String>,
    // The transactions view.
    pub filter: TxnFilter,
    pub from_text: String,
    pub until_text: String,
    pub filter_error: Option<String>,
    pub total: u64,
    pub pages: HashMap<u64, Vec<Txn>>,
    pub selected_txn: Option<i64>,
    // Forms and dialogs.
    pub rate_form: RateForm,
    pub cap_form: CapDraft,
    pub dialog: Option<SpendDialog>,
    /// A message for the views: (text, is_error).
    pub notice: Option<(String, bool)>,
}

impl Spending {
    /// Read what the views show for `account` again (after any change).
    pub fn reload(&mut self, w: &Wallet, account: Option<AccountId>) {
        if self.account != account {
            self.filter = TxnFilter::default();
            self.from_text.clear();
            self.until_text.clear();
            self.selected_txn = None;
        }
        self.account = account;
        self.books = w
            .books()
            .all()
            .iter()
            .map(|b| (b.id.clone(), b.name.clone()))
            .collect();
        self.load_error = None;
        let Some(a) = account else {
            self.quota = None;
            self.series = None;
            return;
        };
        let loaded = (|| {
            Ok::<_, crate::wallet::Error>((
                w.quota(a)?,
                w.fx_summary()?,
                w.year_series(a)?,
                w.rates()?,
                w.methods(a, true)?,
            ))
        })();
        match loaded {
            Ok((q, fx, s, r, m)) => {
                self.quota = Some(q);
                self.fx = fx;
                self.series = Some(s);
                self.rates = r;
                self.methods = m;
            }
            Err(e) => self.load_error = Some(format!("Could not read the limits: {e}")),
        }
        self.filter.account = Some(a);
        self.refresh_list(w);
    }

    /// Count the filtered rows again and drop the cached pages.
    pub fn refresh_list(&mut self, w: &Wallet) {
        self.pages.clear();
        self.total = w.txn_count(&self.filter).unwrap_or(0);
    }

    /// The row at `index` of the filtered list, reading its page when needed.
    pub fn row(&mut self, w: &Wallet, index: u64) -> Option<&Txn> {
        let page = index / PAGE;
        if !self.pages.contains_key(&page) {
            if self.pages.len() >= KEEP_PAGES {
                // Keep the pages nearest the one asked for.
                let mut keys: Vec<u64> = self.pages.keys().copied().collect();
                keys.sort_by_key(|k| k.abs_diff(page));
                for k in keys.into_iter().skip(KEEP_PAGES / 2) {
                    self.pages.remove(&k);
                }
            }
            let rows = w
                .txn_page_of(&self.filter, page * PAGE, PAGE, self.total)
                .unwrap_or_default();
            self.pages.insert(page, rows);
        }
        self.pages
            .get(&page)
            .and_then(|p| p.get(usize::try_from(index % PAGE).ok()?))
    }

    /// Carry out an action; returns whether the data changed (the app reloads).
    pub fn apply(&mut self, w: &mut Wallet, act: Act) -> bool {
        let Some(account) = self.account else {
            return false;
        };
        match act {
            Act::OpenRecord => {
                self.dialog = Some(SpendDialog::Txn(TxnDialog::new(
                    None,
                    TxnDraft {
                        currency: "CNY".into(),
                        ty: "goods".into(),
                        to: "merchant".into(),
                        ..TxnDraft::default()
                    },
                )));
                false
            }
            Act::RecordChecked(p) => {
                self.dialog = Some(SpendDialog::Txn(TxnDialog::new(
                    None,
                    TxnDraft {
                        amount: p.amount,
                        currency: p.currency,
                        ty: p.ty,
                        to: if p.to.is_empty() {
                            "merchant".into()
                        } else {
                            p.to
                        },
                        ..TxnDraft::default()
                    },
                )));
                false
            }
            Act::OpenEdit(id) => {
                match w.txn(id) {
                    Ok(t) => {
                        self.dialog =
                            Some(SpendDialog::Txn(TxnDialog::new(Some(id), t.new.to_draft())));
                    }
                    Err(e) => self.notice = Some((e.to_string(), true)),
                }
                false
            }
            Act::SaveTxn(editing, draft) => {
                let r = match editing {
                    Some(id) => w.edit_txn(id, &draft).map(|()| id),
                    None => w.add_txn(account, &draft),
                };
                match r {
                    Ok(id) => {
                        self.dialog = None;
                        self.selected_txn = Some(id);
                        self.notice = Some((
                            if editing.is_some() {
                                format!("Changed payment {id}")
                            } else {
                                format!("Recorded payment {id}")
                            },
                            false,
                        ));
                        true
                    }
                    Err(e) => {
                        if let Some(SpendDialog::Txn(d)) = &mut self.dialog {
                            d.error = Some(e.to_string());
                        }
                        false
                    }
                }
            }
            Act::AskDelete(id) => {
                match w.txn(id) {
                    Ok(t) => {
                        self.dialog = Some(SpendDialog::Delete {
                            id,
                            text: format!(
                                "{} {} to {} on {}",
                                t.new.currency,
                                crate::domain::money::format_amount(t.new.amount, t.new.currency),
                                if t.new.counterparty.is_empty() {
                                    t.new.to.label().to_owned()
                                } else {
                                    t.new.counterparty.clone()
                                },
                                t.new.at.format("%Y-%m-%d %H:%M")
                            ),
                        });
                    }
                    Err(e) => self.notice = Some((e.to_string(), true)),
                }
                false
            }
            Act::ConfirmDelete(id) => {
                self.dialog = None;
                match w.delete_txn(id) {
                    Ok(()) => {
                        self.notice = Some((format!("Deleted payment {id}"), false));
                        self.selected_txn = None;
                        true
                    }
                    Err(e) => {
                        self.notice = Some((e.to_string(), true));
                        false
                    }
                }
            }
            Act::OpenPrecheck => {
                self.dialog = Some(SpendDialog::Precheck(Box::new(PrecheckDialog {
                    draft: PrecheckDraft {
                        amount: String::new(),
                        currency: "CNY".into(),
                        ty: "goods".into(),
                        to: "merchant".into(),
                    },
                    result: None,
                    focused: false,
                })));
                false
            }
            Act::OpenOverride(key) => {
                if let Some(s) = self
                    .quota
                    .as_ref()
                    .and_then(|q| q.statuses.iter().find(|s| s.layer.key == key))
                {
                    self.dialog = Some(SpendDialog::Override {
                        key,
                        name: s.layer.title(),
                        amount: s.layer.max.to_string(),
                        published: s.layer.published_max.unwrap_or(s.layer.max).to_string(),
                        error: None,
                    });
                }
                false
            }
            Act::SaveOverride(key, amount) => {
                match w.set_override(account, &key, amount.as_deref()) {
                    Ok(()) => {
                        self.dialog = None;
                        true
                    }
                    Err(e) => {
                        if let Some(SpendDialog::Override { error, .. }) = &mut self.dialog {
                            *error = Some(e.to_string());
                        }
                        false
                    }
                }
            }
            Act::AddCap(d) => match w.add_cap(account, &d) {
                Ok(_) => {
                    self.cap_form = CapDraft::default();
                    self.notice = Some((format!("Added your cap {:?}", d.name), false));
                    true
                }
                Err(e) => {
                    self.notice = Some((format!("Cap not added: {e}"), true));
                    false
                }
            },
            Act::RemoveCap(id) => match w.remove_cap(id) {
                Ok(()) => true,
                Err(e) => {
                    self.notice = Some((e.to_string(), true));
                    false
                }
            },
            Act::SetBook(b) => match w.set_limit_book(account, &b) {
                Ok(()) => true,
                Err(e) => {
                    self.notice = Some((e.to_string(), true));
                    false
                }
            },
            Act::AddRate(f) => match w.set_rate(&f.from, &f.to, &f.rate, &f.date) {
                Ok(r) => {
                    self.notice = Some((
                        format!("1 {} = {} {} from {}", r.from, r.rate, r.to, r.date),
                        false,
                    ));
                    self.rate_form = RateForm::default();
                    true
                }
                Err(e) => {
                    self.notice = Some((format!("Rate not added: {e}"), true));
                    false
                }
            },
            Act::FilterChanged => {
                let mut err = None;
                for (text, slot, field) in [
                    (&self.from_text, &mut self.filter.from, "from"),
                    (&self.until_text, &mut self.filter.until, "until"),
                ] {
                    *slot = if text.trim().is_empty() {
                        None
                    } else {
                        match crate::domain::account::parse_date(field, text) {
                            Ok(d) => Some(d),
                            Err(e) => {
                                err = Some(e.to_string());
                                None
                            }
                        }
                    };
                }
                self.filter_error = err;
                self.refresh_list(w);
                false
            }
            Act::OpenImport => {
                self.dialog = Some(SpendDialog::Import(Box::new(ImportDialog {
                    path: String::new(),
                    preview: None,
                    job: None,
                    error: None,
                })));
                false
            }
            Act::StartPreview(path) => {
                self.start_job(w, account, Some(path));
                false
            }
            Act::StartImport => {
                self.start_job(w, account, None);
                false
            }
            Act::CancelImport => {
                if let Some(SpendDialog::Import(d)) = &self.dialog
                    && let Some(j) = &d.job
                {
                    j.cancel.store(true, Ordering::Relaxed);
                }
                false
            }
            Act::OpenExport => {
                let label = self
                    .quota
                    .as_ref()
                    .map(|q| q.account.id.to_string())
                    .unwrap_or_default();
                let dir = std::env::var_os("HOME")
                    .map(std::path::PathBuf::from)
                    .unwrap_or_default();
                self.dialog = Some(SpendDialog::Export {
                    path: dir
                        .join(format!("walletdesk-account-{label}.csv"))
                        .display()
                        .to_string(),
                    error: None,
                });
                false
            }
            Act::Export(path) => {
                let r = std::fs::File::create(&path)
                    .map_err(|e| format!("{path}: {e}"))
                    .and_then(|f| {
                        w.export_csv(account, std::io::BufWriter::new(f))
                            .map_err(|e| e.to_string())
                    });
                match r {
                    Ok(n) => {
                        self.dialog = None;
                        self.notice = Some((format!("Exported {n} payments to {path}"), false));
                    }
                    Err(e) => {
                        if let Some(SpendDialog::Export { error, .. }) = &mut self.dialog {
                            *error = Some(e);
                        }
                    }
                }
                false
            }
            Act::Close => {
                if let Some(SpendDialog::Import(d)) = &self.dialog
                    && let Some(j) = &d.job
                {
                    j.cancel.store(true, Ordering::Relaxed);
                }
                self.dialog = None;
                false
            }
        }
    }

    /// Start reading (`path` given) or writing the import on its own thread, with
    /// its own connection to the same database.
    fn start_job(&mut self, w: &Wallet, account: AccountId, path: Option<String>) {
        let Some(SpendDialog::Import(d)) = &mut self.dialog else {
            return;
        };
        let db = w.path().to_owned();
        let clock = w.clock();
        let progress = Arc::new(std::sync::Mutex::new(0.0f32));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        let (p2, c2) = (progress.clone(), cancel.clone());
        let mut report = move |f: f32| {
            if let Ok(mut g) = p2.lock() {
                *g = f;
            }
        };
        d.error = None;
        match path {
            Some(path) => {
                d.preview = None;
                std::thread::spawn(move || {
                    let r = (|| {
                        let f = std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?;
                        let size = f.metadata().map(|m| m.len()).unwrap_or(0);
                        let w = Wallet::open(&db, Vault::unavailable("not needed"), clock)
                            .map_err(|e| e.to_string())?;
                        w.import_preview(
                            account,
                            std::io::BufReader::new(f),
                            size,
                            &mut report,
                            &c2,
                        )
                        .map_err(|e| e.to_string())
                    })();
                    let _ = tx.send(JobResult::Preview(r));
                });
                d.job = Some(Job {
                    stage: "Reading",
                    progress,
                    cancel,
                    done: rx,
                });
            }
            None => {
                let Some(preview) = d.preview.clone() else {
                    return;
                };
                std::thread::spawn(move || {
                    let r = Wallet::open(&db, Vault::unavailable("not needed"), clock)
                        .and_then(|mut w| w.import_commit(account, &preview, &mut report, &c2))
                        .map_err(|e| e.to_string());
                    let _ = tx.send(JobResult::Written(r));
                });
                d.job = Some(Job {
                    stage: "Writing",
                    progress,
                    cancel,
                    done: rx,
                });
            }
        }
    }

    /// Look for a finished import job; returns whether rows were written.
    pub fn poll_job(&mut self) -> bool {
        let Some(SpendDialog::Import(d)) = &mut self.dialog else {
            return false;
        };
        let Some(job) = &d.job else {
            return false;
        };
        let Ok(result) = job.done.try_recv() else {
            return false;
        };
        d.job = None;
        match result {
            JobResult::Preview(Ok(Finished::Done(p))) => d.preview = Some(p),
            JobResult::Preview(Ok(Finished::Cancelled)) => {
                d.error = Some("Cancelled; nothing was read".into());
            }
            JobResult::Preview(Err(e)) | JobResult::Written(Err(e)) => d.error = Some(e),
            JobResult::Written(Ok(Finished::Cancelled)) => {
                d.error = Some("Cancelled; nothing was written".into());
            }
            JobResult::Written(Ok(Finished::Done(n))) => {
                self.dialog = None;
                self.notice = Some((format!("Imported {n} payments"), false));
                return true;
            }
        }
        false
    }

    /// Whether a layer is the account's own cap, and its id.
    pub fn cap_id(s: &LimitStatus) -> Option<i64> {
        (s.layer.origin == Origin::Own)
            .then(|| s.layer.key.strip_prefix("cap-")?.parse().ok())
            .flatten()
    }

    /// The last action's message, with a button to dismiss it.
    pub fn notice_ui(&mut self, ui: &mut eframe::egui::Ui) {
        let Some((text, is_error)) = &self.notice else {
            return;
        };
        let color = if *is_error {
            super::form::ERROR
        } else {
            super::form::OK
        };
        let mut dismiss = false;
        ui.horizontal(|ui| {
            ui.label(eframe::egui::RichText::new(text).color(color));
            dismiss = ui.small_button("✕").on_hover_text("Dismiss").clicked();
        });
        if dismiss {
            self.notice = None;
        }
    }

    /// A method's title ("Visa •••• 1111"), archived ones included.
    pub fn method_name(&self, id: crate::domain::MethodId) -> String {
        self.methods
            .iter()
            .find(|m| m.id == id)
            .map_or_else(|| format!("method {id}"), Method::title)
    }

    /// The time zone of the limit windows, as read with the quota.
    pub fn time_zone(&self) -> chrono_tz::Tz {
        self.quota
            .as_ref()
            .map_or(crate::domain::limits::DEFAULT_TIME_ZONE, |q| q.time_zone)
    }
}
