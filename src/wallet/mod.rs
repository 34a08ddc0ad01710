//! The service the window and the command line both call: one method per user
//! action, each a domain check plus one database transaction (and, for card
//! numbers, one vault write that is undone if the row does not commit).

use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, FixedOffset, Local, NaiveDate};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::domain::card::{mask_full, normalize_number};
use crate::domain::lifecycle::{self, ExpiryReminder, Preauth, Refusal, Removal};
use crate::domain::limits::LimitBooks;
use crate::domain::profile::{ProfileError, Profiles, parse_profile};
use crate::domain::risk::{self, Assessment, CardSubject, History, Level, Subject, Target};
use crate::domain::{
    Account, AccountDraft, AccountId, AccountPatch, Attempt, CardDraft, CardNumber, FieldError,
    FieldErrors, Method, MethodDetails, MethodId, MethodStatus, Network, Outcome, PaypalDraft,
    Provider, Region, optional_text,
};
use crate::store::{self, MethodRow, SameMethod, Store};
use crate::vault::{self, Vault};

/// Errors of a user action, each with the exit code `shared/CLI.md` gives it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: names the field and what is wrong (exit 2).
    #[error("{}", display_fields(.0))]
    Invalid(FieldErrors),
    /// Refused by a rule of DOMAIN.md (exit 1), with the ways through.
    #[error("{0}")]
    Refused(Refusal),
    /// The database could not be used (exit 3).
    #[error(transparent)]
    Store(#[from] store::Error),
    /// The secret store could not be used (exit 3).
    #[error(transparent)]
    Vault(#[from] vault::Error),
    /// A provider profile is malformed (exit 3): names the file, key and problem.
    #[error("provider profile {0}")]
    Profile(#[from] ProfileError),
}

fn display_fields(e: &FieldErrors) -> String {
    e.0.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<Refusal> for Error {
    fn from(r: Refusal) -> Self {
        Error::Refused(r)
    }
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
            Error::Refused(_) => 1,
            Error::Invalid(_) => 2,
            Error::Store(_) | Error::Vault(_) | Error::Profile(_) => 3,
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
    profiles: Profiles,
    books: LimitBooks,
    /// The fingerprint key, read from the vault once.
    fingerprint_key: std::cell::OnceCell<Zeroizing<String>>,
    /// Held while the window is open: one window per database.
    window_lock: Option<store::WindowLock>,
}

/// Whom a check is for: a stored account, or one described on the command line.
#[derive(Debug, Clone)]
pub enum Basis {
    Account(AccountId),
    /// The provider field is ignored: each provider asked about is filled in.
    Described(Target),
}

/// One provider's verdict, and which account it was judged against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderResult {
    pub provider: Provider,
    /// The account used, or what was assumed when there is none of that provider.
    pub against: String,
    pub assessment: Assessment,
}

/// `check-card`: what the number says, and the verdict per provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardReport {
    pub candidates: Vec<Network>,
    pub luhn: bool,
    /// First 6 and last 4 with stars, once the number is long enough to mask.
    pub masked: Option<String>,
    pub results: Vec<ProviderResult>,
}

/// A row of the "Will it bind?" matrix: one stored method against every provider.
#[derive(Debug, Clone)]
pub struct MatrixRow {
    pub method: Method,
    pub account: Account,
    pub cells: Vec<ProviderResult>,
}

/// The `*.json` files of a folder beside the database (`providers/`, `limits/`),
/// in name order, as (path, text).
fn user_files(db: &Path, folder: &str) -> Result<Vec<(String, String)>> {
    let Some(dir) = db.parent().map(|d| d.join(folder)).filter(|d| d.is_dir()) else {
        return Ok(Vec::new());
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| store::Error::Open {
            path: dir.clone(),
            source: Box::new(e),
        })?
        .filter_map(std::result::Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let name = f.display().to_string();
        let text = std::fs::read_to_string(&f).map_err(|e| ProfileError {
            file: name.clone(),
            key: "(file)".into(),
            problem: format!("cannot be read: {e}"),
        })?;
        out.push((name, text));
    }
    Ok(out)
}

/// User copies of provider profiles: `providers/*.json` beside the database.
fn load_profiles(db: &Path) -> Result<Profiles> {
    let mut profiles = Profiles::built_in()?;
    for (name, text) in user_files(db, "providers")? {
        profiles = profiles.with_override(parse_profile(&name, &text)?);
    }
    Ok(profiles)
}

/// Limit books: the built-in ones, then `limits/*.json` beside the database.
fn load_books(db: &Path) -> Result<LimitBooks> {
    let files = user_files(db, "limits")?;
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    Ok(LimitBooks::built_in()?.with_files(&refs)?)
}

mod safety;
mod spending;
pub use safety::*;
pub use spending::*;

/// The `meta` key that marks a database holding the sample data.
const DEMO_MARK: &str = "demo_loaded";

type HmacSha256 = Hmac<Sha256>;

impl Wallet {
    /// Open the database; cards whose expiry month has ended become `expired`.
    pub fn open(path: &Path, vault: Vault, clock: Clock) -> Result<Wallet> {
        let profiles = load_profiles(path)?;
        let books = load_books(path)?;
        let mut w = Wallet {
            store: Store::open(path)?,
            vault,
            clock,
            profiles,
            books,
            fingerprint_key: std::cell::OnceCell::new(),
            window_lock: None,
        };
        w.repair_secrets()?;
        w.expire_due()?;
        Ok(w)
    }

    /// Move the clock (the window does when the day changes; tests do).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    pub fn profiles(&self) -> &Profiles {
        &self.profiles
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

    /// The target for each provider: the basis account where it is of that
    /// provider, else the first account of that provider here, else one assumed
    /// from the basis's details (said in `against`).
    fn targets(
        &self,
        basis: &Basis,
        providers: &[Provider],
    ) -> Result<Vec<(Target, Option<AccountId>, String)>> {
        let accounts = self.accounts()?;
        let of = |a: &Account| Target {
            provider: a.provider,
            region: a.region,
            tier: a.tier,
            holder: a.holder.clone(),
            passport_expiry: a.passport_expiry,
        };
        let base = match basis {
            Basis::Account(id) => Some(accounts.iter().find(|a| a.id == *id).ok_or_else(|| {
                Error::from(FieldError::new(
                    "account",
                    format!("there is no account {id}"),
                ))
            })?),
            Basis::Described(_) => None,
        };
        let mut out = Vec::new();
        for &p in providers {
            let (mut target, account, mut against) = match (base, basis) {
                (Some(a), _) if a.provider == p => (of(a), Some(a.id), a.label.clone()),
                (Some(a), _) => match accounts.iter().find(|o| o.provider == p) {
                    Some(o) => (of(o), Some(o.id), o.label.clone()),
                    None => (
                        Target {
                            provider: p,
                            ..of(a)
                        },
                        None,
                        format!(
                            "no {} account here: judged as {} would be",
                            p.name(),
                            a.label
                        ),
                    ),
                },
                (None, Basis::Described(t)) => (
                    Target {
                        provider: p,
                        ..t.clone()
                    },
                    None,
                    "the account described".to_owned(),
                ),
                // An account basis was looked up above, so `base` is set.
                (None, Basis::Account(_)) => continue,
            };
            if p.needs_region() && target.region.is_none() {
                // AC4 and AC6 need a region; say which was assumed.
                target.region = Some(Region::Other);
                against.push_str(" (region OTHER assumed)");
            }
            out.push((target, account, against));
        }
        Ok(out)
    }

    fn history(
        &self,
        same: Option<&SameMethod>,
        target: &Target,
        account: Option<AccountId>,
    ) -> Result<History> {
        let Some(same) = same else {
            return Ok(History::default());
        };
        let c = self.store.conn();
        Ok(History {
            linked_elsewhere: store::accounts_holding(c, same, target.provider, account)?,
            failed_attempts: store::failed_attempt_times(c, same, target.provider)?,
        })
    }

    fn judge(
        &self,
        subject: &Subject,
        same: Option<&SameMethod>,
        basis: &Basis,
        providers: &[Provider],
    ) -> Result<Vec<ProviderResult>> {
        let now = self.clock.now();
        self.targets(basis, providers)?
            .into_iter()
            .map(|(target, account, against)| {
                let history = self.history(same, &target, account)?;
                Ok(ProviderResult {
                    provider: target.provider,
                    against,
                    assessment: risk::assess(
                        subject,
                        &target,
                        &history,
                        self.profiles.get(target.provider),
                        now,
                    ),
                })
            })
            .collect()
    }

    /// Will this card (as typed, not stored) bind? The number is only used to
    /// recognise the same card among the stored ones (AC8, A4).
    pub fn check_card(
        &self,
        draft: &CardDraft,
        basis: &Basis,
        providers: &[Provider],
    ) -> Result<CardReport> {
        let digits = normalize_number(&draft.number).map_err(Error::from)?;
        let subject = CardSubject::from_draft(draft);
        let same = match CardNumber::parse(&digits) {
            Ok(n) if self.vault.is_available() => {
                Some(SameMethod::Fingerprint(self.fingerprint(&n)?))
            }
            _ => None,
        };
        let masked = (digits.len() >= 10)
            .then(|| mask_full(&digits[..6], &digits[digits.len() - 4..], digits.len()));
        Ok(CardReport {
            candidates: subject.candidates.clone(),
            luhn: subject.luhn,
            masked,
            results: self.judge(&Subject::Card(subject), same.as_ref(), basis, providers)?,
        })
    }

    /// `check_card` for input that must be complete (the command line): facts
    /// that cannot be read are bad input, while the window judges a half-typed
    /// draft as it stands.
    pub fn check_card_input(
        &self,
        draft: &CardDraft,
        basis: &Basis,
        providers: &[Provider],
    ) -> Result<CardReport> {
        let errs = draft.fact_errors();
        if !errs.is_empty() {
            return Err(Error::Invalid(errs));
        }
        self.check_card(draft, basis, providers)
    }

    fn method_subject(&self, m: &Method) -> Result<(Subject, Option<SameMethod>)> {
        Ok(match &m.details {
            MethodDetails::Card(c) => {
                // The stored first 6 digits tell the candidates again (IIN prefixes are at most 6).
                let candidates: Vec<Network> = crate::domain::card::networks_for(&c.first6)
                    .into_iter()
                    .filter(|n| n.lengths().contains(&c.length))
                    .collect();
                let same = store::method_fingerprint(self.store.conn(), m.id)?
                    .map(SameMethod::Fingerprint);
                (Subject::Card(CardSubject::from_info(c, candidates)), same)
            }
            MethodDetails::Paypal(p) => (
                Subject::Paypal(p.clone()),
                Some(SameMethod::Email(p.email.clone())),
            ),
        })
    }

    /// A stored method against the given providers (its own account for its own provider).
    pub fn assess_method(
        &self,
        id: MethodId,
        providers: &[Provider],
    ) -> Result<Vec<ProviderResult>> {
        let m = self.method(id)?;
        let (subject, same) = self.method_subject(&m)?;
        self.judge(
            &subject,
            same.as_ref(),
            &Basis::Account(m.account_id),
            providers,
        )
    }

    /// A method's verdict on its own account, or `None` where the provider takes no
    /// such method (PayPal on Alipay).
    pub fn verdict(&self, m: &Method) -> Result<Option<Level>> {
        if m.status == MethodStatus::Removed {
            return Ok(None);
        }
        let account = self.account(m.account_id)?;
        let r = self.assess_method(m.id, &[account.provider])?;
        Ok(r.first()
            .filter(|r| r.assessment.applicable)
            .map(|r| r.assessment.verdict))
    }

    /// Every stored method (not removed) against every provider.
    pub fn matrix(&self) -> Result<Vec<MatrixRow>> {
        let mut rows = Vec::new();
        for account in self.accounts()? {
            for method in store::methods(self.store.conn(), account.id, false)? {
                let cells = self.assess_method(method.id, &Provider::ALL)?;
                rows.push(MatrixRow {
                    method,
                    account: account.clone(),
                    cells,
                });
            }
        }
        Ok(rows)
    }

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

    /// Add the sample accounts and methods of `assets/demo.json` and `transactions`
    /// generated payments (with the rates they need), all in one transaction.
    /// Refused on a database that already has them.
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
        if store::meta(&tx, DEMO_MARK)?.is_some() {
            return Err(FieldError::new(
                "demo",
                "the sample data is already in this database; it is added only once",
            )
            .into());
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
        let written = crate::demo::transactions(&tx, transactions, tz, now)?;
        store::set_meta(&tx, DEMO_MARK, &now.to_rfc3339())?;
        tx.commit()?;
        secrets.keep();
        Ok((ids, written))
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
    fn exit_codes_follow_the_cli_contract() {
        assert_eq!(Error::from(FieldError::new("x", "y")).exit_code(), 2);
        let refused = Error::Refused(Refusal {
            rule: "L3",
            message: "no".into(),
            plans: Vec::new(),
        });
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
