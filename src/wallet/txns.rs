//! Payments: record, change, delete, and read a filtered list a page at a time.

use chrono::NaiveDate;

use super::service::{Error, Result, Wallet, invalid};
use crate::domain::lifecycle;
use crate::domain::limits::local_day;
use crate::domain::money::{Converted, Currency};
use crate::domain::txn::{NewTxn, Txn, TxnDraft, TxnPatch, TxnTotals};
use crate::domain::{AccountId, MethodStatus, TxnId};
use crate::store::{self, TxnFilter};

/// A search text within `FILTER_TEXT_MAX` characters.
fn check_filter(filter: &TxnFilter) -> Result<()> {
    if filter.text.chars().count() > store::FILTER_TEXT_MAX {
        return Err(invalid(
            "text",
            format!("at most {} characters", store::FILTER_TEXT_MAX),
        ));
    }
    Ok(())
}

impl Wallet {
    /// A refund row (B5): `Some(the payment it returns, if linked)`; `None` for a payment.
    pub fn txn_refund_of(
        &self,
        id: crate::domain::TxnId,
    ) -> Result<Option<Option<crate::domain::TxnId>>> {
        Ok(crate::store::refund_of(self.store.conn(), id)?)
    }

    /// The provider's order number of an imported bill row (`None` for others).
    pub fn txn_order_no(&self, id: crate::domain::TxnId) -> Result<Option<String>> {
        Ok(crate::store::txn_order_no(self.store.conn(), id)?)
    }

    fn check_txn(
        &self,
        account: AccountId,
        draft: &TxnDraft,
    ) -> Result<(NewTxn, NaiveDate, Vec<Converted>)> {
        self.live_account(account)?;
        let tz = self.time_zone();
        let t = draft
            .validate(self.clock.now(), tz)
            .map_err(Error::Invalid)?;
        if let Some(m) = t.method {
            let method = self.method(m)?;
            if method.account_id != account {
                return Err(invalid(
                    "method",
                    format!("method {m} belongs to another account"),
                ));
            }
            // L7: a method that never became active has never paid.
            if matches!(method.status, MethodStatus::Pending | MethodStatus::Failed) {
                lifecycle::check_pay(&method)?;
            }
        }
        let day = local_day(t.at, tz);
        let converted = self.convert(t.amount, t.currency, day)?;
        Ok((t, day, converted))
    }

    /// What a payment as typed would be stored with: its currency, and its
    /// amount in every limit currency with the rates of its date (Q6).
    pub fn draft_conversion(&self, draft: &TxnDraft) -> Result<(Currency, Vec<Converted>)> {
        let tz = self.time_zone();
        let t = draft
            .validate(self.clock.now(), tz)
            .map_err(Error::Invalid)?;
        Ok((
            t.currency,
            self.convert(t.amount, t.currency, local_day(t.at, tz))?,
        ))
    }

    /// Record a payment; its amount in USD and CNY and the rates used are kept.
    pub fn add_txn(&mut self, account: AccountId, draft: &TxnDraft) -> Result<TxnId> {
        let (t, day, converted) = self.check_txn(account, draft)?;
        let now = self.clock.now();
        let tx = self.store.transaction()?;
        let id = store::insert_txn(&tx, account, &t, day, &converted, now)?;
        tx.commit()?;
        Ok(id)
    }

    /// Change a payment (converted again with the rates of its date).
    pub fn edit_txn(&mut self, id: TxnId, draft: &TxnDraft) -> Result<()> {
        let old = self.txn(id)?;
        let (t, day, converted) = self.check_txn(old.account_id, draft)?;
        let now = self.clock.now();
        let tx = self.store.transaction()?;
        store::update_txn(&tx, id, &t, day, &converted, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Change only the given fields of a payment (`tx edit`); the rest stay.
    pub fn patch_txn(&mut self, id: TxnId, patch: &TxnPatch) -> Result<()> {
        if patch.is_empty() {
            return Err(invalid(
                "transaction",
                "nothing to change: give at least one field (e.g. --amount)",
            ));
        }
        let old = self.txn(id)?;
        self.edit_txn(id, &patch.apply(&old.new.to_draft()))
    }

    pub fn delete_txn(&mut self, id: TxnId) -> Result<()> {
        let tx = self.store.transaction()?;
        if !store::delete_txn(&tx, id)? {
            return Err(invalid(
                "transaction",
                format!("there is no transaction {id}"),
            ));
        }
        tx.commit()?;
        Ok(())
    }

    pub fn txn(&self, id: TxnId) -> Result<Txn> {
        store::txn(self.store.conn(), id)?
            .map(|(t, _)| t)
            .ok_or_else(|| invalid("transaction", format!("there is no transaction {id}")))
    }

    pub fn txn_count(&self, filter: &TxnFilter) -> Result<u64> {
        check_filter(filter)?;
        Ok(store::txn_count(self.store.conn(), filter)?)
    }

    /// The filtered rows added up, per currency and in USD (the list's total line).
    pub fn txn_totals(&self, filter: &TxnFilter) -> Result<TxnTotals> {
        check_filter(filter)?;
        Ok(store::txn_totals(self.store.conn(), filter)?)
    }

    /// The newest `size` rows of a new filter, and its count when they are all
    /// (see [`store::txn_first_page`]).
    pub fn txn_first_page(&self, filter: &TxnFilter, size: u64) -> Result<(Vec<Txn>, Option<u64>)> {
        check_filter(filter)?;
        Ok(store::txn_first_page(self.store.conn(), filter, size)?)
    }

    pub fn txn_page(&self, filter: &TxnFilter, offset: u64, limit: u64) -> Result<Vec<Txn>> {
        check_filter(filter)?;
        Ok(store::txn_page(self.store.conn(), filter, offset, limit)?)
    }

    /// Every [`store::MARK_STEP`]-th key of the filter's list: with them, a page
    /// anywhere is read by [`Wallet::txn_page_marked`] without walking to it.
    pub fn page_marks(&self, filter: &TxnFilter) -> Result<store::PageMarks> {
        check_filter(filter)?;
        Ok(store::page_marks(self.store.conn(), filter)?)
    }

    /// Index up to `rows` more transactions for text search (one transaction,
    /// waiting for another writer as any write does); returns how many are
    /// left. Nothing is written to a database known to be damaged.
    pub fn index_text(&self, rows: u64) -> Result<u64> {
        if self.store.damaged().is_some() {
            return Ok(0);
        }
        Ok(store::index_text(self.store.conn(), rows, true, None)?)
    }

    /// [`Wallet::index_text`] for the list's worker while idle: a busy
    /// database is an error at once (it tries again later), and `marks`
    /// current before stay current.
    pub(super) fn index_text_idle(
        &self,
        rows: u64,
        marks: Option<&mut store::PageMarks>,
    ) -> Result<u64> {
        if self.store.damaged().is_some() {
            return Ok(0);
        }
        Ok(store::index_text(self.store.conn(), rows, false, marks)?)
    }

    /// Whether `marks` are still true of the database (nothing written since).
    pub fn page_marks_current(&self, marks: &store::PageMarks) -> bool {
        marks.is_current(self.store.conn()).unwrap_or(false)
    }

    /// A page read from the mark at or before it (keyset paging).
    pub fn txn_page_marked(
        &self,
        filter: &TxnFilter,
        marks: &store::PageMarks,
        offset: u64,
        limit: u64,
        total: u64,
    ) -> Result<Vec<Txn>> {
        check_filter(filter)?;
        Ok(store::txn_page_marked(
            self.store.conn(),
            filter,
            marks,
            offset,
            limit,
            total,
        )?)
    }

    /// A page of a list whose length (`txn_count`) is known: pages in the older
    /// half are read from the far end.
    pub fn txn_page_of(
        &self,
        filter: &TxnFilter,
        offset: u64,
        limit: u64,
        total: u64,
    ) -> Result<Vec<Txn>> {
        check_filter(filter)?;
        Ok(store::txn_page_of(
            self.store.conn(),
            filter,
            offset,
            limit,
            total,
        )?)
    }
}
