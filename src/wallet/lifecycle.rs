//! A method's life: bind attempts, status, default and removal (L1–L7),
//! expiry and reminders.

use super::service::{Error, Result, Wallet};
use crate::domain::lifecycle::{self, ExpiryReminder, Preauth, Refusal, Removal};
use crate::domain::{
    AccountId, Attempt, FieldError, Method, MethodId, MethodStatus, Outcome, optional_text,
};
use crate::store;
use crate::vault;

impl Wallet {
    /// Record how an attempt to bind a method to its account's provider went (A4 reads it).
    pub fn record_attempt(&mut self, id: MethodId, outcome: Outcome, error: &str) -> Result<()> {
        let m = self.method(id)?;
        if m.status == MethodStatus::Removed {
            return Err(FieldError::new("method", format!("{} was removed", m.title())).into());
        }
        let error = optional_text("error", error, 500).map_err(Error::from)?;
        let provider = self.account(m.account_id)?.provider;
        let attempt = Attempt {
            method: id,
            provider,
            at: self.clock.now(),
            outcome,
            error,
        };
        let tx = self.store.transaction()?;
        store::insert_attempt(&tx, &attempt)?;
        tx.commit()?;
        Ok(())
    }

    /// A method's bind attempts, newest first.
    pub fn attempts(&self, id: MethodId) -> Result<Vec<Attempt>> {
        self.method(id)?;
        Ok(store::attempts(self.store.conn(), id)?)
    }

    /// Mark cards whose expiry month has ended as `expired` (one transaction).
    /// Returns them, so the window can say so (L6: an expired default is reported,
    /// never replaced silently).
    pub fn expire_due(&mut self) -> Result<Vec<MethodId>> {
        let live = store::live_methods(self.store.conn())?;
        let due = lifecycle::due_to_expire(&live, self.clock.today());
        if due.is_empty() {
            return Ok(due);
        }
        let tx = self.store.transaction()?;
        for id in &due {
            store::set_status(&tx, *id, MethodStatus::Expired, None)?;
        }
        tx.commit()?;
        Ok(due)
    }

    /// Whether `id` could become the default now, and if not why and how (L2).
    pub fn default_check(&self, id: MethodId) -> Result<std::result::Result<(), Refusal>> {
        let m = self.method(id)?;
        let methods = store::methods(self.store.conn(), m.account_id, false)?;
        Ok(lifecycle::check_make_default(&methods, id)?)
    }

    /// Make `id` its account's default (L2), in one transaction.
    pub fn make_default(&mut self, id: MethodId) -> Result<()> {
        self.default_check(id)?.map_err(Error::Refused)?;
        let account = self.method(id)?.account_id;
        let tx = self.store.transaction()?;
        store::set_default(&tx, account, Some(id))?;
        tx.commit()?;
        Ok(())
    }

    /// Whether `id` could be removed now, and if not why and how (L3–L6).
    pub fn removal_check(
        &self,
        id: MethodId,
        new_default: Option<MethodId>,
    ) -> Result<std::result::Result<Removal, Refusal>> {
        let m = self.method(id)?;
        let account = self.account(m.account_id)?;
        let methods = store::methods(self.store.conn(), account.id, false)?;
        Ok(lifecycle::check_remove(
            &methods,
            account.outstanding_bills,
            id,
            new_default,
        )?)
    }

    /// Archive a method: the row stays (history), marked `removed`, its number is
    /// deleted from the keyring. With L6, `new_default` becomes the default in the
    /// same transaction. The removal commits first and the number goes after, with
    /// the key in the journal of secret operations: a crash in between leaves a
    /// number without a live method, which the next start deletes — never a live
    /// method without its number.
    pub fn remove_method(&mut self, id: MethodId, new_default: Option<MethodId>) -> Result<()> {
        let removal = self
            .removal_check(id, new_default)?
            .map_err(Error::Refused)?;
        let m = self.method(id)?;
        let key = vault::method_key(self.store.database_id(), id);
        let mut journal = store::SecretJournal::new(self.store.path());
        let tx = self.store.transaction()?;
        if m.is_default {
            store::set_default(&tx, m.account_id, removal.new_default)?;
        }
        store::set_status(&tx, id, MethodStatus::Removed, None)?;
        if m.card().is_some() {
            journal.record(&key)?;
        }
        tx.commit()?;
        if m.card().is_some()
            && let Err(e) = self.vault.delete(&key)
        {
            journal.keep_for_repair();
            return Err(vault::Error::Failed(format!(
                "{} was removed, but its number could not be deleted from the secret store yet ({e}); walletdesk deletes it at the next start",
                m.title()
            ))
            .into());
        }
        Ok(())
    }

    /// Change a method's status as a person reports it (`active` once verified,
    /// `failed` with a reason). Returns true when it also became the default
    /// because the account had none (L1).
    pub fn set_status(&mut self, id: MethodId, to: MethodStatus, reason: &str) -> Result<bool> {
        let m = self.method(id)?;
        lifecycle::check_set_status(&m, to)?;
        let reason = if to == MethodStatus::Failed {
            optional_text("reason", reason, 300)?
        } else {
            None
        };
        let tx = self.store.transaction()?;
        store::set_status(&tx, id, to, reason.as_deref())?;
        let becomes_default = to == MethodStatus::Active && !store::has_default(&tx, m.account_id)?;
        if becomes_default {
            store::set_default(&tx, m.account_id, Some(id))?;
        }
        tx.commit()?;
        Ok(becomes_default)
    }

    /// The pre-authorization hold of a pending method: when placed, refund dates.
    pub fn preauth(&self, id: MethodId) -> Result<Option<Preauth>> {
        let m = self.method(id)?;
        let placed = store::preauth_at(self.store.conn(), id)?;
        Ok(lifecycle::preauth(&m, placed, self.clock.now()))
    }

    /// L6: the account's default when it has expired or failed, with the active
    /// methods that could replace it (the window offers them; never picks one).
    pub fn default_to_replace(&self, account: AccountId) -> Result<Option<(Method, Vec<Method>)>> {
        let methods = store::methods(self.store.conn(), account, false)?;
        Ok(lifecycle::default_needs_replacing(&methods)
            .map(|(d, active)| (d.clone(), active.into_iter().cloned().collect())))
    }

    /// Cards expiring this month or within 60 days, across all accounts.
    pub fn reminders(&self) -> Result<Vec<(Method, String, ExpiryReminder)>> {
        let today = self.clock.today();
        let mut out = Vec::new();
        for a in self.accounts()? {
            for m in store::methods(self.store.conn(), a.id, false)? {
                if let Some(r) = lifecycle::expiry_reminder(&m, today) {
                    out.push((m, a.label.clone(), r));
                }
            }
        }
        Ok(out)
    }
}
