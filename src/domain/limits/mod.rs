//! Limits and quota (Q1–Q8, docs/rules.md): the limit books shipped under
//! `assets/limits/` and their file format, the layers in force for an account, what
//! a payment would break, and what it costs.
//!
//! No I/O here: usage totals come from the store, the time is an argument.
//!
//! Calendar windows live in `calendar`, and what a payment is for and where it goes
//! in `txn`; they are re-exported here, where they used to be.

mod book;
mod check;
mod fee;
mod file;
mod layers;

pub use book::{BUILT_IN, FeeSpec, LIMIT_CURRENCIES, LimitBook, LimitBooks, LimitSpec, NoteSpec};
pub use check::{Break, Proposed, breaks, under_minimum};
pub use fee::{Candidate, Fee, fee, recommend};
pub use layers::{Cap, Layer, LimitStatus, Origin, binding, layers_in_force};

pub use crate::domain::calendar::{
    DEFAULT_TIME_ZONE, Span, Window, local_day, midnight, parse_time_zone, span,
};
pub use crate::domain::rules::LIMIT_RULES as RULES;
pub use crate::domain::txn::{Destination, TxType};
