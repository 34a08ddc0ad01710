//! The sample data: accounts and methods of `assets/demo.json`, and generated
//! payments (`crate::demo` makes them; this writes them in one transaction).

use super::methods::{PendingSecrets, insert_method};
use super::rates::convert_with;
use super::service::{Error, Result, Wallet};
use crate::domain::{AccountId, FieldError, MethodDetails};
use crate::store;

/// The `meta` key that marks a database holding the sample data.
const DEMO_MARK: &str = "demo_loaded";

impl Wallet {
    /// Add the sample accounts and methods of `assets/demo.json` and `transactions`
    /// generated payments (with the rates they need), all in one transaction.
    /// Refused on a database that already has accounts (use `walletdesk --demo`
    /// for a throw-away one).
    pub fn load_demo(&mut self, transactions: u64) -> Result<(Vec<AccountId>, u64)> {
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
        let tz = self.time_zone();
        let db = self.store.path().to_owned();
        let tx = self.store.transaction()?;
        // Samples mixed into a person's own accounts could not be told apart
        // from them again: only an empty database takes them.
        if !store::accounts(&tx)?.is_empty() || store::meta(&tx, DEMO_MARK)?.is_some() {
            return Err(FieldError::new("demo", crate::words::DEMO_REFUSED).into());
        }
        let mut secrets = PendingSecrets::new(&self.vault, &db);
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
        let written = crate::demo::transactions(&tx, transactions, tz, now, &convert_with)?;
        store::set_meta(&tx, DEMO_MARK, &now.to_rfc3339())?;
        tx.commit()?;
        secrets.keep();
        Ok((ids, written))
    }

    /// Generate `n` payments over the last 15 months across the accounts (and
    /// the rates they need) in one transaction (the benchmark's data).
    pub fn load_demo_transactions(&mut self, n: u64) -> Result<u64> {
        let tz = self.time_zone();
        let now = self.clock.now();
        let tx = self.store.transaction()?;
        let written = crate::demo::transactions(&tx, n, tz, now, &convert_with)?;
        tx.commit()?;
        Ok(written)
    }
}
