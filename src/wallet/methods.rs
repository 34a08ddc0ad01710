//! Linked methods and their secrets: add a card (the number to the vault, the
//! rest to SQLite, both or neither), link PayPal, reveal, put a number back.

use super::service::{Error, Result, Wallet};
use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::checks::{Basis, ProviderResult};
use crate::domain::card::normalize_number;
use crate::domain::lifecycle;
use crate::domain::{
    AccountId, CardDraft, CardNumber, FieldError, Method, MethodDetails, MethodId, MethodStatus,
    PaypalDraft, Provider,
};
use crate::store::{self, MethodRow};
use crate::vault::{self, Vault};

type HmacSha256 = Hmac<Sha256>;

impl Wallet {
    /// The account's methods, oldest first; archived (`removed`) ones when asked.
    pub fn methods(&self, account: AccountId, include_removed: bool) -> Result<Vec<Method>> {
        self.account(account)?;
        Ok(store::methods(self.store.conn(), account, include_removed)?)
    }

    pub fn method(&self, id: MethodId) -> Result<Method> {
        store::method(self.store.conn(), id)?
            .ok_or_else(|| FieldError::new("method", format!("there is no method {id}")).into())
    }

    /// The keyed fingerprint of a number: finds the same card again without storing it.
    pub(crate) fn fingerprint(&self, number: &CardNumber) -> Result<String> {
        let key = match self.fingerprint_key.get() {
            Some(k) => k,
            None => {
                let key = self.load_or_create_fingerprint_key()?;
                self.fingerprint_key.get_or_init(|| key)
            }
        };
        let mut mac = HmacSha256::new_from_slice(key.as_bytes())
            .map_err(|_| vault::Error::Failed("the fingerprint key is unusable".into()))?;
        mac.update(number.expose().as_bytes());
        Ok(to_hex(&mac.finalize().into_bytes()))
    }

    fn load_or_create_fingerprint_key(&self) -> Result<Zeroizing<String>> {
        let key_name = vault::fingerprint_key(self.store.database_id());
        if let Some(k) = self.vault.get(&key_name)? {
            return Ok(k);
        }
        let mut bytes = Zeroizing::new([0u8; 32]);
        getrandom::fill(bytes.as_mut()).map_err(|e| {
            vault::Error::Failed(format!("no randomness for the fingerprint key: {e}"))
        })?;
        let hex = Zeroizing::new(to_hex(bytes.as_ref()));
        self.vault.set(&key_name, &hex)?;
        Ok(hex)
    }

    /// Add a card: the number to the vault, the rest to the database, both or
    /// neither. A card whose verdict on the account is `block` is refused (see
    /// `lifecycle::check_link`); `add_card_anyway` adds it all the same.
    pub fn add_card(&mut self, account: AccountId, draft: &CardDraft) -> Result<MethodId> {
        self.add_card_with(account, draft, false)
    }

    /// Add a card the rules say will fail: the person knows it did bind.
    pub fn add_card_anyway(&mut self, account: AccountId, draft: &CardDraft) -> Result<MethodId> {
        self.add_card_with(account, draft, true)
    }

    fn add_card_with(
        &mut self,
        account: AccountId,
        draft: &CardDraft,
        anyway: bool,
    ) -> Result<MethodId> {
        if let vault::Status::Unavailable { reason, fix } = self.vault.status() {
            return Err(vault::Error::Unavailable {
                reason: reason.clone(),
                fix: fix.clone(),
            }
            .into());
        }
        self.account(account)?;
        let card = draft
            .validate(account, self.clock.today())
            .map_err(Error::Invalid)?;
        let fingerprint = self.fingerprint(&card.number)?;
        let title = format!("{} {}", card.info.network.name(), card.info.masked());
        self.link_check(&title, account, anyway, |w, basis, provider| {
            Ok(w.check_card(draft, basis, &[provider])?.results)
        })?;
        let details = MethodDetails::Card(card.info);
        self.insert_with_secret(
            account,
            card.status,
            &details,
            Some((&fingerprint, &card.number)),
        )
    }

    /// Link a PayPal account (no secret to keep). Refused where the provider
    /// takes no PayPal (K1), and on a `block` verdict unless `add_paypal_anyway`.
    pub fn add_paypal(&mut self, account: AccountId, draft: &PaypalDraft) -> Result<MethodId> {
        self.add_paypal_with(account, draft, false)
    }

    /// Link a PayPal account the rules say will fail: the person knows it did bind.
    pub fn add_paypal_anyway(
        &mut self,
        account: AccountId,
        draft: &PaypalDraft,
    ) -> Result<MethodId> {
        self.add_paypal_with(account, draft, true)
    }

    fn add_paypal_with(
        &mut self,
        account: AccountId,
        draft: &PaypalDraft,
        anyway: bool,
    ) -> Result<MethodId> {
        self.account(account)?;
        let p = draft.validate(account).map_err(Error::Invalid)?;
        let title = format!("PayPal {}", p.info.email);
        self.link_check(&title, account, anyway, |w, basis, _| {
            Ok(vec![w.check_paypal(&p.info, basis)?])
        })?;
        let details = MethodDetails::Paypal(p.info);
        self.insert_with_secret(account, p.status, &details, None)
    }

    /// K1 and `block` before linking (`lifecycle::check_link`), on the account's
    /// own provider; `judge` gives the verdicts for the new method. An archived
    /// account takes no new methods.
    fn link_check(
        &self,
        title: &str,
        account: AccountId,
        anyway: bool,
        judge: impl FnOnce(&Self, &Basis, Provider) -> Result<Vec<ProviderResult>>,
    ) -> Result<()> {
        let a = self.live_account(account)?;
        let results = judge(self, &Basis::Account(account), a.provider)?;
        if let Some(r) = results.iter().find(|r| r.provider == a.provider) {
            lifecycle::check_link(title, &r.assessment, anyway).map_err(Error::Refused)?;
        }
        Ok(())
    }

    /// One transaction: the insert, the vault write, the commit; or none of them.
    fn insert_with_secret(
        &mut self,
        account: AccountId,
        status: MethodStatus,
        details: &MethodDetails,
        card: Option<(&str, &CardNumber)>,
    ) -> Result<MethodId> {
        let now = self.clock.now();
        let database_id = self.store.database_id().to_owned();
        let db = self.store.path().to_owned();
        let tx = self.store.transaction()?;
        let mut secrets = PendingSecrets::new(&self.vault, &db);
        let id = insert_method(
            &tx,
            &mut secrets,
            &database_id,
            now,
            account,
            status,
            details,
            card,
        )?;
        tx.commit()?;
        secrets.keep();
        Ok(id)
    }

    /// Put a card's number back into the secret store (after it went missing
    /// there). It must be the same card: its keyed fingerprint must match.
    pub fn set_number(&mut self, id: MethodId, number: &Zeroizing<String>) -> Result<()> {
        let m = self.method(id)?;
        if m.card().is_none() || m.status == MethodStatus::Removed {
            return Err(
                FieldError::new("method", format!("{} is not a linked card", m.title())).into(),
            );
        }
        let digits = normalize_number(number).map_err(Error::from)?;
        let card = CardNumber::parse(&digits).map_err(Error::from)?;
        let fingerprint = self.fingerprint(&card)?;
        if store::method_fingerprint(self.store.conn(), id)?.as_deref()
            != Some(fingerprint.as_str())
        {
            return Err(
                FieldError::new("number", format!("is not the number of {}", m.title())).into(),
            );
        }
        let key = vault::method_key(self.store.database_id(), id);
        let db = self.store.path().to_owned();
        let tx = self.store.transaction()?;
        let mut secrets = PendingSecrets::new(&self.vault, &db);
        secrets.set(key, card.expose())?;
        store::set_number_missing(&tx, id, false)?;
        tx.commit()?;
        secrets.keep();
        Ok(())
    }

    /// The full number of a card, from the vault, for Reveal and Copy.
    pub fn reveal_number(&self, id: MethodId) -> Result<CardNumber> {
        let m = self.method(id)?;
        let Some(card) = m.card() else {
            return Err(FieldError::new("method", format!("method {id} is not a card")).into());
        };
        if m.status == MethodStatus::Removed {
            return Err(FieldError::new(
                "method",
                format!("{} was removed; its number is no longer kept", m.title()),
            )
            .into());
        }
        let key = vault::method_key(self.store.database_id(), id);
        let Some(digits) = self.vault.get(&key)? else {
            return Err(vault::Error::Failed(format!(
                "the number of {} {} is not in the secret store (was it deleted outside walletdesk?)",
                card.network.name(),
                card.masked()
            ))
            .into());
        };
        CardNumber::parse(&digits).map_err(|_| {
            vault::Error::Failed(format!(
                "the stored number of {} is not a valid card number",
                card.masked()
            ))
            .into()
        })
    }
}

/// Secrets written during a transaction: deleted again when dropped unless the
/// transaction committed and `keep` was called. So a row that fails to commit
/// never leaves its card number behind in the keyring. Each key is noted in the
/// journal of secret operations before it is written, so a crash before the
/// commit is repaired at the next start.
pub(crate) struct PendingSecrets<'v> {
    vault: &'v Vault,
    keys: Vec<String>,
    journal: store::SecretJournal,
}

impl<'v> PendingSecrets<'v> {
    pub(crate) fn new(vault: &'v Vault, db: &Path) -> Self {
        PendingSecrets {
            vault,
            keys: Vec::new(),
            journal: store::SecretJournal::new(db),
        }
    }

    fn set(&mut self, key: String, secret: &str) -> Result<()> {
        self.journal.record(&key)?;
        self.keys.push(key.clone());
        self.vault.set(&key, secret)?;
        Ok(())
    }

    pub(crate) fn keep(mut self) {
        self.keys.clear();
    }
}

impl Drop for PendingSecrets<'_> {
    fn drop(&mut self) {
        for key in &self.keys {
            // Best effort: the row is gone, so its secret must go too.
            if self.vault.delete(key).is_err() {
                // Left for the next start's repair, which reads the journal.
                self.journal.keep_for_repair();
            }
        }
    }
}

/// Insert one method inside the caller's transaction: duplicate check, L1
/// default, the row, then its secret. An error leaves the transaction to roll back.
#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_method(
    tx: &rusqlite::Connection,
    secrets: &mut PendingSecrets<'_>,
    database_id: &str,
    now: DateTime<FixedOffset>,
    account: AccountId,
    status: MethodStatus,
    details: &MethodDetails,
    card: Option<(&str, &CardNumber)>,
) -> Result<MethodId> {
    if let (Some((fp, _)), MethodDetails::Card(info)) = (card, details)
        && let Some(existing) = store::method_with_fingerprint(tx, account, fp)?
    {
        return Err(FieldError::new(
            "number",
            format!(
                "this card is already linked to this account ({} {}, method {existing})",
                info.network.name(),
                info.masked()
            ),
        )
        .into());
    }
    // L1: a method linked to an account with no default becomes its default,
    // even while it is still pending.
    let is_default = !store::has_default(tx, account)?;
    let id = store::insert_method(
        tx,
        &MethodRow {
            account,
            status,
            is_default,
            created_at: now,
            details,
            fingerprint: card.map(|(fp, _)| fp),
        },
    )?;
    if let Some((_, number)) = card {
        secrets.set(vault::method_key(database_id, id), number.expose())?;
    }
    Ok(id)
}

fn to_hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex() {
        assert_eq!(to_hex(&[0, 15, 255]), "000fff");
    }
}
