//! Reading and writing rows. Functions take a `Connection` (a `Transaction`
//! derefs to one) so the service decides what goes into one transaction.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::domain::{
    Account, AccountId, Attempt, CapId, CardInfo, CountryCode, Expiry, Fact, Funding, Method,
    MethodDetails, MethodId, MethodStatus, Network, NewAccount, Outcome, PaypalInfo, Provider,
    Region, Tier, TxnId,
};

use super::Result;

impl ToSql for AccountId {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.0.into())
    }
}

impl FromSql for AccountId {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        i64::column_result(v).map(AccountId)
    }
}

impl ToSql for MethodId {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.0.into())
    }
}

impl FromSql for MethodId {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        i64::column_result(v).map(MethodId)
    }
}

impl ToSql for TxnId {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.0.into())
    }
}

impl ToSql for CapId {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.0.into())
    }
}

/// A column holding one of a fixed set of ids.
fn choice<T>(v: Option<String>, parse: impl Fn(&str) -> Option<T>) -> FromSqlResult<Option<T>> {
    match v {
        None => Ok(None),
        Some(s) => parse(&s)
            .map(Some)
            .ok_or_else(|| FromSqlError::Other(format!("unexpected value {s:?}").into())),
    }
}

fn required<T>(v: FromSqlResult<Option<T>>, what: &str) -> FromSqlResult<T> {
    v?.ok_or_else(|| FromSqlError::Other(format!("{what} is missing").into()))
}

fn conversion(idx: usize, e: FromSqlError) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
}

fn time(s: &str) -> FromSqlResult<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).map_err(|e| FromSqlError::Other(Box::new(e)))
}

fn country(s: Option<String>) -> FromSqlResult<Option<CountryCode>> {
    choice(s, |c| CountryCode::parse("country", c).ok())
}

const ACCOUNT_COLUMNS: &str = "id, provider, label, region, country, tier, holder, \
     passport_expiry, outstanding_bills, created_at, archived_at";

fn account_row(r: &Row<'_>) -> rusqlite::Result<Account> {
    let provider: String = r.get(1)?;
    let region: Option<String> = r.get(3)?;
    let tier: String = r.get(5)?;
    let passport: Option<String> = r.get(7)?;
    let created: String = r.get(9)?;
    let archived: Option<String> = r.get(10)?;
    Ok(Account {
        id: r.get(0)?,
        provider: required(
            choice(Some(provider), |s| Provider::parse(s).ok()),
            "provider",
        )
        .map_err(|e| conversion(1, e))?,
        label: r.get(2)?,
        region: choice(region, |s| Region::parse(s).ok()).map_err(|e| conversion(3, e))?,
        country: country(r.get(4)?).map_err(|e| conversion(4, e))?,
        tier: required(choice(Some(tier), |s| Tier::parse(s).ok()), "tier")
            .map_err(|e| conversion(5, e))?,
        holder: r.get(6)?,
        passport_expiry: choice(passport, |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .map_err(|e| conversion(7, e))?,
        outstanding_bills: r.get(8)?,
        created_at: time(&created).map_err(|e| conversion(9, e))?,
        archived_at: archived
            .map(|a| time(&a))
            .transpose()
            .map_err(|e| conversion(10, e))?,
    })
}

pub fn insert_account(
    c: &Connection,
    a: &NewAccount,
    created_at: DateTime<FixedOffset>,
) -> Result<AccountId> {
    c.execute(
        "INSERT INTO account (provider, label, region, country, tier, holder, passport_expiry,
                              outstanding_bills, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            a.provider.id(),
            a.label,
            a.region.map(Region::id),
            a.country.as_ref().map(CountryCode::as_str),
            a.tier.id(),
            a.holder,
            a.passport_expiry.map(|d| d.format("%Y-%m-%d").to_string()),
            a.outstanding_bills,
            created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        ],
    )?;
    Ok(AccountId(c.last_insert_rowid()))
}

/// Replace an account's fields (its id and creation time stay).
pub fn update_account(c: &Connection, id: AccountId, a: &NewAccount) -> Result<()> {
    c.execute(
        "UPDATE account SET provider = ?2, label = ?3, region = ?4, country = ?5, tier = ?6,
             holder = ?7, passport_expiry = ?8, outstanding_bills = ?9
         WHERE id = ?1",
        params![
            id,
            a.provider.id(),
            a.label,
            a.region.map(Region::id),
            a.country.as_ref().map(CountryCode::as_str),
            a.tier.id(),
            a.holder,
            a.passport_expiry.map(|d| d.format("%Y-%m-%d").to_string()),
            a.outstanding_bills,
        ],
    )?;
    Ok(())
}

/// Archive an account (L8), or bring it back with `None`.
pub fn set_account_archived(
    c: &Connection,
    id: AccountId,
    at: Option<DateTime<FixedOffset>>,
) -> Result<()> {
    c.execute(
        "UPDATE account SET archived_at = ?2 WHERE id = ?1",
        params![
            id,
            at.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
        ],
    )?;
    Ok(())
}

/// Whether an account has any method or payment (its provider is then fixed).
pub fn account_in_use(c: &Connection, id: AccountId) -> Result<bool> {
    Ok(c.query_row(
        "SELECT EXISTS (SELECT 1 FROM method WHERE account_id = ?1)
             OR EXISTS (SELECT 1 FROM txn WHERE account_id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

pub fn accounts(c: &Connection) -> Result<Vec<Account>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM account ORDER BY id"
    ))?;
    let rows = st.query_map([], account_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn account(c: &Connection, id: AccountId) -> Result<Option<Account>> {
    Ok(c.query_row(
        &format!("SELECT {ACCOUNT_COLUMNS} FROM account WHERE id = ?1"),
        [id],
        account_row,
    )
    .optional()?)
}

const METHOD_COLUMNS: &str = "id, account_id, kind, status, is_default, status_reason, created_at, \
     network, first6, last4, number_length, expiry_month, expiry_year, holder, funding, \
     issuer_country, bank, intl_enabled, three_ds, balance_ok, email, paypal_country, \
     funding_source, number_missing";

fn fact(v: Option<String>, idx: usize) -> rusqlite::Result<Fact> {
    required(choice(v, Fact::from_id), "fact").map_err(|e| conversion(idx, e))
}

fn method_row(r: &Row<'_>) -> rusqlite::Result<Method> {
    let kind: String = r.get(2)?;
    let status: String = r.get(3)?;
    let created: String = r.get(6)?;
    let details = if kind == "card" {
        let network: Option<String> = r.get(7)?;
        let length: i64 = r.get(10)?;
        let month: u32 = r.get(11)?;
        let year: i32 = r.get(12)?;
        MethodDetails::Card(CardInfo {
            network: required(choice(network, Network::from_id), "network")
                .map_err(|e| conversion(7, e))?,
            first6: r.get(8)?,
            last4: r.get(9)?,
            length: usize::try_from(length).unwrap_or(0),
            expiry: Expiry { year, month },
            holder: r.get(13)?,
            funding: choice(r.get(14)?, Funding::from_id).map_err(|e| conversion(14, e))?,
            issuer_country: country(r.get(15)?).map_err(|e| conversion(15, e))?,
            bank: r.get(16)?,
            intl_enabled: fact(r.get(17)?, 17)?,
            three_ds: fact(r.get(18)?, 18)?,
            balance_ok: fact(r.get(19)?, 19)?,
        })
    } else {
        MethodDetails::Paypal(PaypalInfo {
            email: r.get(20)?,
            country: required(country(r.get(21)?), "country").map_err(|e| conversion(21, e))?,
            funding_source: r.get(22)?,
        })
    };
    Ok(Method {
        id: r.get(0)?,
        account_id: r.get(1)?,
        status: required(choice(Some(status), MethodStatus::from_id), "status")
            .map_err(|e| conversion(3, e))?,
        is_default: r.get(4)?,
        status_reason: r.get(5)?,
        created_at: time(&created).map_err(|e| conversion(6, e))?,
        details,
        number_missing: r.get(23)?,
    })
}

/// The methods of an account, oldest first; `removed` ones only when asked.
pub fn methods(c: &Connection, account: AccountId, include_removed: bool) -> Result<Vec<Method>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {METHOD_COLUMNS} FROM method
         WHERE account_id = ?1 AND (?2 OR status <> 'removed') ORDER BY id"
    ))?;
    let rows = st.query_map(params![account, include_removed], method_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn method(c: &Connection, id: MethodId) -> Result<Option<Method>> {
    Ok(c.query_row(
        &format!("SELECT {METHOD_COLUMNS} FROM method WHERE id = ?1"),
        [id],
        method_row,
    )
    .optional()?)
}

pub fn has_default(c: &Connection, account: AccountId) -> Result<bool> {
    Ok(c.query_row(
        "SELECT 1 FROM method WHERE account_id = ?1 AND is_default = 1",
        [account],
        |_| Ok(()),
    )
    .optional()?
    .is_some())
}

/// A method of this account holding the same card (by keyed fingerprint), not removed.
pub fn method_with_fingerprint(
    c: &Connection,
    account: AccountId,
    fingerprint: &str,
) -> Result<Option<MethodId>> {
    Ok(c.query_row(
        "SELECT id FROM method WHERE account_id = ?1 AND fingerprint = ?2
               AND status <> 'removed' ORDER BY id LIMIT 1",
        params![account, fingerprint],
        |r| r.get(0),
    )
    .optional()?)
}

/// The common columns of a new method row.
pub struct MethodRow<'a> {
    pub account: AccountId,
    pub status: MethodStatus,
    pub is_default: bool,
    pub created_at: DateTime<FixedOffset>,
    pub details: &'a MethodDetails,
    /// Cards only: the keyed fingerprint of the number.
    pub fingerprint: Option<&'a str>,
}

fn utc(t: DateTime<FixedOffset>) -> String {
    t.to_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub fn insert_method(c: &Connection, m: &MethodRow<'_>) -> Result<MethodId> {
    let created = m
        .created_at
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    // The USD 1.00 hold is placed when a method is linked and still pending.
    let preauth = (m.status == MethodStatus::Pending).then(|| utc(m.created_at));
    match m.details {
        MethodDetails::Card(card) => {
            c.execute(
                "INSERT INTO method (account_id, kind, status, is_default, created_at,
                    network, first6, last4, number_length, fingerprint, expiry_month, expiry_year,
                    holder, funding, issuer_country, bank, intl_enabled, three_ds, balance_ok,
                    preauth_at)
                 VALUES (?1, 'card', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
                         ?15, ?16, ?17, ?18, ?19)",
                params![
                    m.account,
                    m.status.id(),
                    m.is_default,
                    created,
                    card.network.id(),
                    card.first6,
                    card.last4,
                    i64::try_from(card.length).unwrap_or(0),
                    m.fingerprint,
                    card.expiry.month,
                    card.expiry.year,
                    card.holder,
                    card.funding.map(Funding::id),
                    card.issuer_country.as_ref().map(CountryCode::as_str),
                    card.bank,
                    card.intl_enabled.id(),
                    card.three_ds.id(),
                    card.balance_ok.id(),
                    preauth,
                ],
            )?;
        }
        MethodDetails::Paypal(p) => {
            c.execute(
                "INSERT INTO method (account_id, kind, status, is_default, created_at,
                    email, paypal_country, funding_source, preauth_at)
                 VALUES (?1, 'paypal', ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    m.account,
                    m.status.id(),
                    m.is_default,
                    created,
                    p.email,
                    p.country.as_str(),
                    p.funding_source,
                    preauth,
                ],
            )?;
        }
    }
    Ok(MethodId(c.last_insert_rowid()))
}

/// What identifies "the same method" across accounts without its secret: a
/// card's keyed fingerprint, a PayPal account's email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SameMethod {
    Fingerprint(String),
    Email(String),
}

impl SameMethod {
    fn column_and_value(&self) -> (&'static str, &str) {
        match self {
            SameMethod::Fingerprint(f) => ("fingerprint", f),
            SameMethod::Email(e) => ("email", e),
        }
    }
}

pub fn method_fingerprint(c: &Connection, id: MethodId) -> Result<Option<String>> {
    Ok(
        c.query_row("SELECT fingerprint FROM method WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .flatten(),
    )
}

/// Labels of the `provider` accounts other than `except` that hold the same
/// method, not removed (AC8).
pub fn accounts_holding(
    c: &Connection,
    same: &SameMethod,
    provider: Provider,
    except: Option<AccountId>,
) -> Result<Vec<String>> {
    let (column, value) = same.column_and_value();
    let mut st = c.prepare_cached(&format!(
        "SELECT DISTINCT a.label FROM method m JOIN account a ON a.id = m.account_id
         WHERE m.{column} = ?1 COLLATE NOCASE AND a.provider = ?2 AND m.status <> 'removed'
           AND a.id IS NOT ?3
         ORDER BY a.id"
    ))?;
    let rows = st.query_map(params![value, provider.id(), except], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// When the same method failed to bind to `provider`, newest first (A4).
pub fn failed_attempt_times(
    c: &Connection,
    same: &SameMethod,
    provider: Provider,
) -> Result<Vec<DateTime<FixedOffset>>> {
    let (column, value) = same.column_and_value();
    let mut st = c.prepare_cached(&format!(
        "SELECT b.at FROM bind_attempt b JOIN method m ON m.id = b.method_id
         WHERE m.{column} = ?1 COLLATE NOCASE AND b.provider = ?2 AND b.outcome = 'failed'
         ORDER BY b.at DESC LIMIT 100"
    ))?;
    let rows = st.query_map(params![value, provider.id()], |r| r.get::<_, String>(0))?;
    rows.map(|r| {
        let s = r?;
        time(&s).map_err(|e| conversion(0, e).into())
    })
    .collect()
}

pub fn insert_attempt(c: &Connection, a: &Attempt) -> Result<()> {
    c.execute(
        "INSERT INTO bind_attempt (method_id, provider, at, outcome, error) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            a.method,
            a.provider.id(),
            utc(a.at),
            a.outcome.id(),
            a.error,
        ],
    )?;
    Ok(())
}

/// A method's attempts, newest first.
pub fn attempts(c: &Connection, method: MethodId) -> Result<Vec<Attempt>> {
    let mut st = c.prepare_cached(
        "SELECT b.method_id, b.provider, b.at, b.outcome, b.error FROM bind_attempt b
         WHERE b.method_id = ?1 ORDER BY b.at DESC, b.id DESC",
    )?;
    let rows = st.query_map([method], |r| {
        let provider: String = r.get(1)?;
        let at: String = r.get(2)?;
        let outcome: String = r.get(3)?;
        Ok(Attempt {
            method: r.get(0)?,
            provider: required(
                choice(Some(provider), |s| Provider::parse(s).ok()),
                "provider",
            )
            .map_err(|e| conversion(1, e))?,
            at: time(&at).map_err(|e| conversion(2, e))?,
            outcome: required(choice(Some(outcome), Outcome::from_id), "outcome")
                .map_err(|e| conversion(3, e))?,
            error: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// When the pre-authorization hold of a method was placed.
pub fn preauth_at(c: &Connection, id: MethodId) -> Result<Option<DateTime<FixedOffset>>> {
    let s: Option<String> = c
        .query_row("SELECT preauth_at FROM method WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .flatten();
    s.map(|s| time(&s).map_err(|e| conversion(0, e).into()))
        .transpose()
}

/// Change a method's status (and its reason: kept for `failed`, cleared otherwise).
pub fn set_status(
    c: &Connection,
    id: MethodId,
    status: MethodStatus,
    reason: Option<&str>,
) -> Result<()> {
    c.execute(
        "UPDATE method SET status = ?2, status_reason = ?3 WHERE id = ?1",
        params![id, status.id(), reason],
    )?;
    Ok(())
}

/// Make `id` its account's only default (L6: the old one is cleared first, so the
/// partial unique index never sees two).
pub fn set_default(c: &Connection, account: AccountId, id: Option<MethodId>) -> Result<()> {
    c.execute(
        "UPDATE method SET is_default = 0 WHERE account_id = ?1 AND is_default = 1",
        [account],
    )?;
    if let Some(id) = id {
        c.execute(
            "UPDATE method SET is_default = 1 WHERE id = ?1 AND account_id = ?2",
            params![id, account],
        )?;
    }
    Ok(())
}

/// Every method of every account that is not removed (for expiry by the clock).
pub fn live_methods(c: &Connection) -> Result<Vec<Method>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {METHOD_COLUMNS} FROM method WHERE status <> 'removed' ORDER BY id"
    ))?;
    let rows = st.query_map([], method_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Mark (or clear) a live card whose number is not in the secret store.
pub fn set_number_missing(c: &Connection, id: MethodId, missing: bool) -> Result<()> {
    c.execute(
        "UPDATE method SET number_missing = ?2 WHERE id = ?1",
        params![id, missing],
    )?;
    Ok(())
}

/// Every card row: (id, removed?, marked missing?).
pub fn card_rows(c: &Connection) -> Result<Vec<(MethodId, bool, bool)>> {
    let mut st = c.prepare(
        "SELECT id, status = 'removed', number_missing FROM method WHERE kind = 'card' ORDER BY id",
    )?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
