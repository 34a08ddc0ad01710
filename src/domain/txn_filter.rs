//! Which payments a list shows: one account, optionally narrowed. The store
//! turns it into SQL; the window and the command line fill it in.

use chrono::NaiveDate;

use super::txn::TxType;
use super::{AccountId, MethodId};

/// The longest search text (longer ones are refused: a LIKE pattern that long
/// is a mistake, and SQLite refuses it).
pub const FILTER_TEXT_MAX: usize = 200;

/// What the transactions list shows: one account, optionally narrowed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TxnFilter {
    pub account: Option<AccountId>,
    pub method: Option<MethodId>,
    pub ty: Option<TxType>,
    /// Days in the limits' time zone, both ends included.
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Matches counterparty or note, case-insensitively for ASCII.
    pub text: String,
}
