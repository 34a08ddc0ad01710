//! Accounts: the wallets and consoles cards are linked to.

use super::service::{Error, Result, Wallet};
use crate::domain::{Account, AccountDraft, AccountId, AccountPatch, FieldError};
use crate::store;

impl Wallet {
    pub fn accounts(&self) -> Result<Vec<Account>> {
        Ok(store::accounts(self.store.conn())?)
    }

    pub fn account(&self, id: AccountId) -> Result<Account> {
        store::account(self.store.conn(), id)?
            .ok_or_else(|| FieldError::new("account", format!("there is no account {id}")).into())
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
}
