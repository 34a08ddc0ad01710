//! The service the window and the command line both call: one method per user
//! action, each a domain check plus one database transaction (and, for card
//! numbers, one vault write that is undone if the row does not commit).

use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, FixedOffset, Local, NaiveDate};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::domain::{
    Account, AccountDraft, AccountId, CardDraft, CardNumber, FieldError, FieldErrors, Method,
    MethodDetails, MethodId, MethodStatus, PaypalDraft,
};
use crate::store::{self, MethodRow, Store};
use crate::vault::{self, Vault};

/// Errors of a user action, each with the exit code `shared/CLI.md` gives it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: names the field and what is wrong (exit 2).
    #[error("{}", display_fields(.0))]
    Invalid(FieldErrors),
    /// Refused by a rule of DOMAIN.md (exit 1).
    #[error("{rule}: {message}")]
    Refused { rule: &'static str, message: String },
    /// The database could not be used (exit 3).
    #[error(transparent)]
    Store(#[from] store::Error),
    /// The secret store could not be used (exit 3).
    #[error(transparent)]
    Vault(#[from] vault::Error),
}

fn display_fields(e: &FieldErrors) -> String {
    e.0.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<FieldError> for Error {
    fn from(e: FieldError) -> Self {
        Error::Invalid(FieldErrors(vec![e]))
    }
}

impl Error {
    /// The process exit code for this error (`shared/CLI.md`).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Refused { .. } => 1,
            Error::Invalid(_) => 2,
            Error::Store(_) | Error::Vault(_) => 3,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// Where "now" comes from: the system, or a fixed instant (`--now`, tests).
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(DateTime<FixedOffset>),
}

impl Clock {
    pub fn now(self) -> DateTime<FixedOffset> {
        match self {
            Clock::System => Local::now().fixed_offset(),
            Clock::Fixed(t) => t,
        }
    }

    pub fn today(self) -> NaiveDate {
        self.now().date_naive()
    }
}

/// The walletdesk service over one database and one secret store.
#[derive(Debug)]
pub struct Wallet {
    store: Store,
    vault: Vault,
    clock: Clock,
}

type HmacSha256 = Hmac<Sha256>;

impl Wallet {
    pub fn open(path: &Path, vault: Vault, clock: Clock) -> Result<Wallet> {
        Ok(Wallet {
            store: Store::open(path)?,
            vault,
            clock,
        })
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    pub fn database_id(&self) -> &str {
        self.store.database_id()
    }

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
        let key_name = vault::fingerprint_key(self.store.database_id());
        let key = match self.vault.get(&key_name)? {
            Some(k) => k,
            None => {
                let mut bytes = Zeroizing::new([0u8; 32]);
                getrandom::fill(bytes.as_mut()).map_err(|e| {
                    vault::Error::Failed(format!("no randomness for the fingerprint key: {e}"))
                })?;
                let hex = Zeroizing::new(to_hex(bytes.as_ref()));
                self.vault.set(&key_name, &hex)?;
                hex
            }
        };
        let mut mac = HmacSha256::new_from_slice(key.as_bytes())
            .map_err(|_| vault::Error::Failed("the fingerprint key is unusable".into()))?;
        mac.update(number.expose().as_bytes());
        Ok(to_hex(&mac.finalize().into_bytes()))
    }

    /// Add a card: the number to the vault, the rest to the database, both or neither.
    pub fn add_card(&mut self, account: AccountId, draft: &CardDraft) -> Result<MethodId> {
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
        let details = MethodDetails::Card(card.info);
        self.insert_with_secret(
            account,
            card.status,
            &details,
            Some((&fingerprint, &card.number)),
        )
    }

    /// Add a PayPal account (no secret to keep).
    pub fn add_paypal(&mut self, account: AccountId, draft: &PaypalDraft) -> Result<MethodId> {
        self.account(account)?;
        let p = draft.validate(account).map_err(Error::Invalid)?;
        let details = MethodDetails::Paypal(p.info);
        self.insert_with_secret(account, p.status, &details, None)
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
        let tx = self.store.transaction()?;
        let mut secrets = PendingSecrets::new(&self.vault);
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

    /// Add the sample accounts and methods of `assets/demo.json`, all in one transaction.
    pub fn load_demo(&mut self) -> Result<Vec<AccountId>> {
        let today = self.clock.today();
        let now = self.clock.now();
        let demo = crate::demo::sample(today).map_err(|e| FieldError::new("demo", e))?;
        let mut prepared = Vec::new();
        for a in &demo {
            let account = a.account.validate().map_err(Error::Invalid)?;
            let mut methods = Vec::new();
            for c in &a.cards {
                let card = c.validate(AccountId(0), today).map_err(Error::Invalid)?;
                let fp = if self.vault.is_available() {
                    Some(self.fingerprint(&card.number)?)
                } else {
                    None
                };
                methods.push((
                    card.status,
                    MethodDetails::Card(card.info.clone()),
                    fp,
                    Some(card.number),
                ));
            }
            for p in &a.paypal {
                let p = p.validate(AccountId(0)).map_err(Error::Invalid)?;
                methods.push((p.status, MethodDetails::Paypal(p.info), None, None));
            }
            prepared.push((account, methods));
        }
        let database_id = self.store.database_id().to_owned();
        let tx = self.store.transaction()?;
        let mut secrets = PendingSecrets::new(&self.vault);
        let mut ids = Vec::new();
        for (account, methods) in &prepared {
            let id = store::insert_account(&tx, account, now)?;
            ids.push(id);
            for (status, details, fp, number) in methods {
                // Without a secret store the sample has no cards: numbers go nowhere else.
                let card = match (fp, number) {
                    (Some(fp), Some(n)) => Some((fp.as_str(), n)),
                    (None, Some(_)) => continue,
                    _ => None,
                };
                insert_method(
                    &tx,
                    &mut secrets,
                    &database_id,
                    now,
                    id,
                    *status,
                    details,
                    card,
                )?;
            }
        }
        tx.commit()?;
        secrets.keep();
        Ok(ids)
    }
}

/// Secrets written during a transaction: deleted again when dropped unless the
/// transaction committed and `keep` was called. So a row that fails to commit
/// never leaves its card number behind in the keyring.
pub(crate) struct PendingSecrets<'v> {
    vault: &'v Vault,
    keys: Vec<String>,
}

impl<'v> PendingSecrets<'v> {
    pub(crate) fn new(vault: &'v Vault) -> Self {
        PendingSecrets {
            vault,
            keys: Vec::new(),
        }
    }

    fn set(&mut self, key: String, secret: &str) -> Result<()> {
        self.vault.set(&key, secret)?;
        self.keys.push(key);
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
            let _ = self.vault.delete(key);
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
    fn exit_codes_follow_the_cli_contract() {
        assert_eq!(Error::from(FieldError::new("x", "y")).exit_code(), 2);
        let refused = Error::Refused {
            rule: "L3",
            message: "no".into(),
        };
        assert_eq!(refused.exit_code(), 1);
        assert_eq!(refused.to_string(), "L3: no");
        let v: Error = vault::Error::Failed("x".into()).into();
        assert_eq!(v.exit_code(), 3);
    }

    #[test]
    fn hex() {
        assert_eq!(to_hex(&[0, 15, 255]), "000fff");
    }
}
