//! What an import would do, before anything is written: the rows to write, the
//! refunds, the rows skipped and why, the errors; and a person's changes to it
//! (a row's type, destination or method, or leaving it out).

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;

use super::service::{Result, Wallet, invalid};
use crate::domain::limits::{Destination, TxType};
use crate::domain::money::{Converted, Currency};
use crate::domain::txn::NewTxn;
use crate::domain::{AccountId, MethodId};
use crate::words;

/// Where an imported bill's row came from (B4: duplicates are per provider and order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// `alipay`, `wechat-pay`.
    pub provider: &'static str,
    /// The provider's order number, trimmed of tabs and spaces.
    pub order_no: Option<String>,
}

/// A refund found in a bill (B5): listed, not written as a payment.
#[derive(Debug, Clone)]
pub struct RefundRow {
    pub line: u64,
    pub at: DateTime<FixedOffset>,
    /// CNY.
    pub amount: Decimal,
    pub order_no: Option<String>,
    /// The order number of the payment it returns, where the file says.
    pub of: Option<String>,
    /// That payment is recorded (or is in this file).
    pub linked: bool,
    /// The refund's own row to write (B5, Q9: marked, out of the limits' totals).
    pub row: ImportRow,
}
/// One line of an import that will be written.
#[derive(Debug, Clone)]
pub struct ImportRow {
    pub line: u64,
    pub txn: NewTxn,
    pub day: NaiveDate,
    pub converted: Vec<Converted>,
    /// A provider's bill row: its provider and order number.
    pub origin: Option<Origin>,
    /// B3: why no method was set (a balance, no card, two cards with those digits).
    pub method_note: Option<String>,
}

/// What an import would do, before anything is written.
#[derive(Debug, Clone, Default)]
pub struct ImportPreview {
    pub rows: Vec<ImportRow>,
    /// (line, why) of rows already stored or repeated in the file: skipped.
    pub duplicates: Vec<(u64, String)>,
    /// (line, what is wrong): any error means nothing is written.
    pub errors: Vec<(u64, String)>,
    /// Per currency, the total of the rows to write.
    pub totals: Vec<(Currency, Decimal)>,
    /// What the file was read as: "Alipay CSV (header of 2023-02, GBK)".
    pub format: String,
    /// The field each of `errors` is about (same order): a column or `file`, `line`.
    pub error_fields: Vec<String>,
    /// (line, why) of a bill's rows that are not payments (B1): not written.
    pub skipped: Vec<(u64, String)>,
    /// A bill's refunds (B5).
    pub refunds: Vec<RefundRow>,
    /// Lines of `rows` and `refunds` the person chose not to write.
    pub excluded: BTreeSet<u64>,
}

/// A person's change to one row of a preview before it is written: B2's type and
/// destination, B3's method, or whether the row is written at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowChange {
    Type(TxType),
    To(Destination),
    Method(Option<MethodId>),
    Include(bool),
}

impl ImportPreview {
    /// The payments that will be written (the person's exclusions left out).
    pub fn chosen_rows(&self) -> impl Iterator<Item = &ImportRow> {
        self.rows
            .iter()
            .filter(|r| !self.excluded.contains(&r.line))
    }

    /// The refunds that will be written.
    pub fn chosen_refunds(&self) -> impl Iterator<Item = &RefundRow> {
        self.refunds
            .iter()
            .filter(|r| !self.excluded.contains(&r.line))
    }

    /// How many rows (payments and refunds) will be written.
    pub fn chosen_count(&self) -> usize {
        self.chosen_rows().count() + self.chosen_refunds().count()
    }

    /// Per currency, the total of the chosen payments, and of the chosen refunds.
    fn recount(&mut self) -> Result<()> {
        fn add(to: &mut Vec<(Currency, Decimal)>, c: Currency, a: Decimal) -> Result<()> {
            match to.iter_mut().find(|(k, _)| *k == c) {
                Some((_, sum)) => {
                    *sum = sum
                        .checked_add(a)
                        .ok_or_else(|| invalid("amount", "the total is too large to add up"))?;
                }
                None => to.push((c, a)),
            }
            Ok(())
        }
        let mut totals = Vec::new();
        for r in self.chosen_rows() {
            add(&mut totals, r.txn.currency, r.txn.amount)?;
        }
        self.totals = totals;
        Ok(())
    }

    /// An error about `field` at `line`; `message` as people read it.
    pub(super) fn push_error(&mut self, line: u64, field: &str, message: String) {
        self.errors.push((line, message));
        self.error_fields.push(field.to_owned());
    }

    /// The file is a protected zip and the password is missing or wrong: the
    /// window shows a password field and reads it again with
    /// [`Wallet::start_import_preview_with`].
    pub fn needs_password(&self) -> bool {
        self.error_fields.iter().any(|f| f == "password")
    }

    /// The field and the problem of error `i` (the message without its field prefix).
    pub fn error_parts(&self, i: usize) -> (&str, &str) {
        let field = self.error_fields.get(i).map_or("file", String::as_str);
        let msg = self.errors.get(i).map_or("", |e| e.1.as_str());
        let problem = msg
            .strip_prefix(field)
            .and_then(|m| m.strip_prefix(": "))
            .unwrap_or(msg);
        (field, problem)
    }
}

impl Wallet {
    /// Change one row of `preview` before it is written (the window's preview
    /// table): its type, destination or method, or whether it is written. A
    /// method must be one of this account's that can pay; the totals follow.
    pub fn import_change(
        &self,
        account: AccountId,
        preview: &mut ImportPreview,
        line: u64,
        change: RowChange,
    ) -> Result<()> {
        let is_refund = preview.refunds.iter().any(|r| r.line == line);
        let row = preview.rows.iter_mut().find(|r| r.line == line);
        if row.is_none() && !is_refund {
            return Err(invalid(
                "line",
                format!("line {line} is not a row this import would write"),
            ));
        }
        match (change, row) {
            (RowChange::Include(yes), _) => {
                if yes {
                    preview.excluded.remove(&line);
                } else {
                    preview.excluded.insert(line);
                }
            }
            (_, None) => {
                return Err(invalid(
                    "line",
                    format!("line {line} is a refund: it can be left out, not changed"),
                ));
            }
            (RowChange::Type(ty), Some(r)) => r.txn.ty = ty,
            (RowChange::To(to), Some(r)) => r.txn.to = to,
            (RowChange::Method(None), Some(r)) => {
                r.txn.method = None;
                r.method_note = None;
            }
            (RowChange::Method(Some(id)), Some(r)) => {
                let usable = self
                    .methods(account, false)?
                    .into_iter()
                    .find(|m| m.id == id)
                    .ok_or_else(|| {
                        invalid(
                            "method",
                            format!("method {id} is not linked to this account"),
                        )
                    })?;
                if let Some(why) = crate::domain::txn::cannot_pay(usable.status) {
                    return Err(invalid("method", words::not_offered(&usable.title(), why)));
                }
                r.txn.method = Some(id);
                r.method_note = None;
            }
        }
        preview.recount()
    }
}
