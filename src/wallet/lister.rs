//! The transactions list's reads, off the window's thread: one worker with its
//! own connection counts and adds up a filter's rows and reads the pages the
//! table asks for. Each new filter is a new generation: asks of older ones are
//! dropped unread, a query of an older one still running is interrupted, and
//! its answer (should one arrive) is discarded by the window. While idle it
//! indexes new rows for text search, a chunk at a time.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use rusqlite::InterruptHandle;

use super::service::{Clock, Result, Wallet};
use crate::domain::txn::{Txn, TxnTotals};
use crate::store::{MARK_STEP, PageMarks, TxnFilter};
use crate::vault::Vault;

enum Ask {
    /// Whether the worker may index new rows for search while idle: not
    /// before the database's integrity check has passed.
    Index(bool),
    /// Count a filter's rows; with a page size, read its first page before.
    Count(u64, TxnFilter, u64),
    Page {
        generation: u64,
        filter: TxnFilter,
        page: u64,
        size: u64,
        total: u64,
    },
}

/// What the worker found, for the generation it was asked in.
#[derive(Debug)]
pub enum Listed {
    /// How many rows match: the table can show its pages.
    Count(u64, Result<u64>),
    /// The rows added up (the line above the table).
    Totals(u64, Result<TxnTotals>),
    Page(u64, u64, Result<Vec<Txn>>),
}

/// The window's handle on the workers; dropping it ends them. One counts and
/// reads pages; the other adds up, which takes seconds at a million rows, so
/// the rows show while the totals line waits.
pub struct Lister {
    asks: Sender<Ask>,
    sums: Sender<(u64, TxnFilter)>,
    answers: Receiver<Listed>,
    /// The workers' connections', once they have opened them.
    interrupts: Vec<InterruptHandle>,
    interrupt_rx: Receiver<InterruptHandle>,
    generation: u64,
}

impl std::fmt::Debug for Lister {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lister(generation {})", self.generation)
    }
}

impl Drop for Lister {
    /// The workers end: a query they are running is stopped.
    fn drop(&mut self) {
        self.interrupts.extend(self.interrupt_rx.try_iter());
        for h in &self.interrupts {
            h.interrupt();
        }
    }
}

impl Wallet {
    /// Start the list's worker on its own connection to this database.
    pub fn lister(&self) -> Lister {
        Lister::start(self.path().to_owned(), self.clock)
    }
}

impl Lister {
    fn start(db: PathBuf, clock: Clock) -> Lister {
        let (asks, inbox) = mpsc::channel::<Ask>();
        let (sums, sums_inbox) = mpsc::channel::<(u64, TxnFilter)>();
        let (outbox, answers) = mpsc::channel();
        let (handle_tx, handle_rx) = mpsc::channel();
        let (db2, outbox2, handle_tx2) = (db.clone(), outbox.clone(), handle_tx.clone());
        std::thread::spawn(move || {
            let reply = |a: &Ask, e| match a {
                Ask::Count(g, ..) | Ask::Page { generation: g, .. } => {
                    Some(Listed::Count(*g, Err(e)))
                }
                Ask::Index(_) => None,
            };
            if let Some(w) = open(&db, clock, &handle_tx, &inbox, &outbox, reply) {
                work(&w, &inbox, &outbox);
            }
        });
        std::thread::spawn(move || {
            let reply = |a: &(u64, TxnFilter), e| Some(Listed::Totals(a.0, Err(e)));
            if let Some(w) = open(&db2, clock, &handle_tx2, &sums_inbox, &outbox2, reply) {
                add_up(&w, &sums_inbox, &outbox2);
            }
        });
        Lister {
            asks,
            sums,
            answers,
            interrupts: Vec::new(),
            interrupt_rx: handle_rx,
            generation: 0,
        }
    }

    /// Count `filter`'s rows and add them up (two answers, from two workers):
    /// a new generation, which it returns. With `first_page` rows, the
    /// first page (the newest) is read before the count and answered first: a
    /// common word's rows show before they are counted, and a page that is not
    /// full is the count. Queries of an older generation still running are
    /// stopped.
    pub fn ask_totals(&mut self, filter: &TxnFilter, first_page: u64) -> u64 {
        self.generation += 1;
        self.interrupts.extend(self.interrupt_rx.try_iter());
        for h in &self.interrupts {
            h.interrupt();
        }
        let _ = self
            .asks
            .send(Ask::Count(self.generation, filter.clone(), first_page));
        let _ = self.sums.send((self.generation, filter.clone()));
        self.generation
    }

    /// Read page `page` (of `size` rows, newest first) of the current
    /// generation's list of `total` rows.
    pub fn ask_page(&self, filter: &TxnFilter, page: u64, size: u64, total: u64) {
        let _ = self.asks.send(Ask::Page {
            generation: self.generation,
            filter: filter.clone(),
            page,
            size,
            total,
        });
    }

    /// Let the worker index new rows for search while idle (after the
    /// database's integrity check has passed), or stop it (damage found).
    pub fn set_indexing(&self, allowed: bool) {
        let _ = self.asks.send(Ask::Index(allowed));
    }

    /// The current generation: answers of any other are stale.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The answers that have arrived (never waits).
    pub fn poll(&self) -> Vec<Listed> {
        self.answers.try_iter().collect()
    }
}

/// A worker's connection, its interrupt handle sent to the window. If the
/// database will not open, every ask is answered with why, and `None`.
fn open<A>(
    db: &std::path::Path,
    clock: Clock,
    handles: &Sender<InterruptHandle>,
    inbox: &Receiver<A>,
    outbox: &Sender<Listed>,
    reply: impl Fn(&A, super::Error) -> Option<Listed>,
) -> Option<Wallet> {
    match Wallet::open(db, Vault::unavailable("not needed"), clock) {
        Ok(w) => {
            let _ = handles.send(w.interrupt_handle());
            Some(w)
        }
        Err(e) => {
            while let Ok(a) = inbox.recv() {
                let e = super::service::invalid("database", e.to_string());
                if let Some(answer) = reply(&a, e)
                    && outbox.send(answer).is_err()
                {
                    break;
                }
            }
            None
        }
    }
}

/// Add up the newest filter asked for; older asks waiting are dropped.
fn add_up(w: &Wallet, inbox: &Receiver<(u64, TxnFilter)>, outbox: &Sender<Listed>) {
    while let Ok(mut ask) = inbox.recv() {
        ask = inbox.try_iter().last().unwrap_or(ask);
        let (g, f) = ask;
        if outbox.send(Listed::Totals(g, w.txn_totals(&f))).is_err() {
            return;
        }
    }
}

/// Rows indexed for text search at a time while idle (about 0.1 s).
const INDEX_CHUNK: u64 = 20_000;

/// Answer the newest asks first; asks of an older generation than the newest
/// totals ask are dropped unread.
fn work(w: &Wallet, inbox: &Receiver<Ask>, outbox: &Sender<Listed>) {
    let mut queue: Vec<Ask> = Vec::new();
    // The current generation's page marks, read at its first page past the first step.
    let mut marks: Option<(u64, PageMarks)> = None;
    // Indexing new rows for search while idle: allowed by the window once the
    // integrity check has passed; rows may be waiting (checked at start and
    // after each count; an error, such as another writer, stops it till then).
    let mut allowed = false;
    let mut indexing = true;
    loop {
        if queue.is_empty() && allowed && indexing {
            // Idle: index a chunk of new rows for text search (a new ask
            // interrupts it; what was committed stays).
            let m = marks.as_mut().map(|(_, m)| m);
            indexing = matches!(w.index_text_idle(INDEX_CHUNK, m), Ok(left) if left > 0);
            match inbox.try_recv() {
                Ok(a) => queue.push(a),
                Err(TryRecvError::Empty) => continue,
                Err(TryRecvError::Disconnected) => return,
            }
        }
        if queue.is_empty() {
            match inbox.recv() {
                Ok(a) => queue.push(a),
                Err(_) => return,
            }
        }
        loop {
            match inbox.try_recv() {
                Ok(a) => queue.push(a),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return,
            }
        }
        queue.retain(|a| match a {
            Ask::Index(yes) => {
                allowed = *yes;
                indexing = true;
                false
            }
            _ => true,
        });
        let newest = queue
            .iter()
            .filter_map(|a| match a {
                Ask::Count(g, ..) => Some(*g),
                Ask::Page { .. } | Ask::Index(_) => None,
            })
            .max()
            .unwrap_or(0);
        queue.retain(|a| match a {
            Ask::Count(g, ..) => *g == newest,
            Ask::Page { generation, .. } => *generation >= newest,
            Ask::Index(_) => false,
        });
        // The count first: the pages' reads need it.
        let next = queue
            .iter()
            .position(|a| matches!(a, Ask::Count(..)))
            .unwrap_or(0);
        if queue.is_empty() {
            continue;
        }
        let answer = match queue.remove(next) {
            Ask::Index(_) => continue,
            Ask::Count(g, f, first) => {
                indexing = true;
                if first > 0 {
                    match w.txn_first_page(&f, first) {
                        // Interrupted by a newer filter, say: not counted either.
                        Err(e) => Listed::Count(g, Err(e)),
                        Ok((rows, known)) => {
                            if outbox.send(Listed::Page(g, 0, Ok(rows))).is_err() {
                                return;
                            }
                            if let Some(n) = known {
                                // A page that is not full holds every match.
                                Listed::Count(g, Ok(n))
                            } else {
                                // Counted as a next ask: a newer filter asked
                                // meanwhile goes first, and this one is dropped.
                                queue.insert(0, Ask::Count(g, f, 0));
                                continue;
                            }
                        }
                    }
                } else {
                    Listed::Count(g, w.txn_count(&f))
                }
            }
            Ask::Page {
                generation,
                filter,
                page,
                size,
                total,
            } => {
                let offset = page * size;
                let stale = marks
                    .as_ref()
                    .is_none_or(|(g, m)| *g != generation || !w.page_marks_current(m));
                if offset >= MARK_STEP && stale {
                    marks = w.page_marks(&filter).ok().map(|m| (generation, m));
                }
                let rows = match &marks {
                    Some((g, m)) if *g == generation => {
                        w.txn_page_marked(&filter, m, offset, size, total)
                    }
                    _ => w.txn_page_of(&filter, offset, size, total),
                };
                Listed::Page(generation, page, rows)
            }
        };
        if outbox.send(answer).is_err() {
            return;
        }
    }
}
