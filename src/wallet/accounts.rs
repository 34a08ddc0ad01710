//! Accounts: the wallets and consoles cards are linked to.

use super::service::{Error, Result, Wallet};
use crate::domain::lifecycle::{self, Refusal};
use crate::domain::{Account, AccountDraft, AccountId, AccountPatch, FieldError};
use crate::store;

impl Wallet {
    /// Every account, removed (archived) ones too: their payments still count.
    pub fn accounts(&self) -> Result<Vec<Account>> {
        Ok(store::accounts(self.store.conn())?)
    }

    pub fn account(&self, id: AccountId) -> Result<Account> {
        store::account(self.store.conn(), id)?
            .ok_or_else(|| FieldError::new("account", format!("there is no account {id}")).into())
    }

    /// An account that is not removed: a removed (archived) one takes no new
    /// payments, methods, caps or figures until it is restored (L8).
    pub(super) fn live_account(&self, id: AccountId) -> Result<Account> {
        let a = self.account(id)?;
        if a.archived_at.is_some() {
            return Err(FieldError::new(
                "account",
                format!(
                    "{} (account {id}) was removed; bring it back first with \"Restore account\" (walletdesk account restore {id})",
                    a.label
                ),
            )
            .into());
        }
        Ok(a)
    }

    /// Add an account.
    pub fn add_account(&mut self, draft: &AccountDraft) -> Result<AccountId> {
        let new = draft.validate().map_err(Error::Invalid)?;
        let now = self.clock.now();
        let tx = self.store.transaction()?;
        let id = store::insert_account(&tx, &new, now)?;
        tx.commit()?;
        Ok(id)
    }

    /// Change only the given fields of an account. Its provider can change only
    /// while it has no methods and no payments.
    pub fn edit_account(&mut self, id: AccountId, patch: &AccountPatch) -> Result<()> {
        if patch.is_empty() {
            return Err(FieldError::new(
                "account",
                "nothing to change: give at least one field (e.g. --tier verified)",
            )
            .into());
        }
        let old = self.account(id)?;
        let new = patch
            .apply(&old.to_draft())
            .validate()
            .map_err(Error::Invalid)?;
        let tx = self.store.transaction()?;
        if new.provider != old.provider && store::account_in_use(&tx, id)? {
            return Err(FieldError::new(
                "provider",
                format!(
                    "{} has methods or payments: its provider stays {}; add a new account instead",
                    old.label,
                    old.provider.name()
                ),
            )
            .into());
        }
        store::update_account(&tx, id, &new)?;
        tx.commit()?;
        Ok(())
    }

    /// Whether the account can be removed now, and if not why and how (L8).
    pub fn account_removal_check(&self, id: AccountId) -> Result<std::result::Result<(), Refusal>> {
        let a = self.account(id)?;
        if a.archived_at.is_some() {
            return Err(
                FieldError::new("account", format!("{} is already removed", a.label)).into(),
            );
        }
        let methods = store::methods(self.store.conn(), id, false)?;
        Ok(lifecycle::check_remove_account(&a.label, &methods))
    }

    /// Remove (archive) an account with no live methods (L8): it leaves the
    /// lists; its payments stay, and still count towards the FX quota (Q3).
    pub fn remove_account(&mut self, id: AccountId) -> Result<()> {
        self.account_removal_check(id)?.map_err(Error::Refused)?;
        let now = self.clock.now();
        let tx = self.store.transaction()?;
        store::set_account_archived(&tx, id, Some(now))?;
        tx.commit()?;
        Ok(())
    }

    /// Bring a removed (archived) account back into the lists.
    pub fn restore_account(&mut self, id: AccountId) -> Result<()> {
        let a = self.account(id)?;
        if a.archived_at.is_none() {
            return Err(FieldError::new("account", format!("{} is not removed", a.label)).into());
        }
        let tx = self.store.transaction()?;
        store::set_account_archived(&tx, id, None)?;
        tx.commit()?;
        Ok(())
    }
}
