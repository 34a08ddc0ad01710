//! Spending against limits: rates, transactions, quota, the pre-check, import
//! and export. Rules live in `domain::limits`; this file asks the store for
//! totals and applies each change in one database transaction.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use super::{Error, Result, Wallet};
use crate::domain::lifecycle;
use crate::domain::limits::{
    self, Break, Candidate, Cap, DEFAULT_TIME_ZONE, Destination, Fee, Layer, LimitBook, LimitBooks,
    LimitStatus, NoteSpec, Proposed, TxType, Window, local_day,
};
use crate::domain::money::{self, Converted, Currency, Rate};
use crate::domain::risk::Level;
use crate::domain::txn::{NewTxn, Txn, TxnDraft, TxnPatch};
use crate::domain::{
    Account, AccountId, FieldError, FieldErrors, MethodDetails, MethodId, MethodStatus,
    required_text,
};
use crate::store::{self, TxnFilter, UsageQuery};

/// The CSV header of `tx import` / `tx export` (`shared/CLI.md`).
pub const CSV_HEADER: [&str; 9] = [
    "at",
    "amount",
    "currency",
    "type",
    "to",
    "method",
    "counterparty",
    "note",
    "fx_exempt",
];

/// Every limit in force on an account now, with what is used of each.
#[derive(Debug, Clone)]
pub struct Quota {
    pub account: Account,
    pub at: DateTime<FixedOffset>,
    pub book: String,
    pub book_name: String,
    pub time_zone: Tz,
    pub statuses: Vec<LimitStatus>,
    /// The layer with the least headroom (compared in USD).
    pub binding: Option<usize>,
}

/// Cumulative spending this year against the annual limit, with a straight-line
/// forecast.
#[derive(Debug, Clone)]
pub struct YearSeries {
    pub year: i32,
    /// The annual layer it is measured against (the FX quota where one applies).
    pub limit: Option<LimitStatus>,
    /// (day of year, cumulative USD), one point per day with spending.
    pub points: Vec<(NaiveDate, Decimal)>,
    pub today: NaiveDate,
    /// The cumulative total forecast for 31 December at this year's pace so far.
    pub forecast_year_end: Decimal,
    /// The day the limit runs out at this pace, if within the year.
    pub runs_out: Option<NaiveDate>,
}

/// What a payment would do.
#[derive(Debug, Clone)]
pub struct Precheck {
    pub amount: Decimal,
    pub currency: Currency,
    pub ty: TxType,
    pub to: Destination,
    pub converted: Vec<Converted>,
    pub quota: Quota,
    pub breaks: Vec<Break>,
    pub under_minimum: Vec<Layer>,
    pub fee: Option<Fee>,
    pub candidates: Vec<Candidate>,
    pub recommended: Option<(MethodId, String)>,
    pub allowed: bool,
    /// Why nothing can pay, when no method is active (L7).
    pub no_method: Option<String>,
    pub notes: Vec<NoteSpec>,
}

/// The pre-check's questions, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrecheckDraft {
    pub amount: String,
    pub currency: String,
    pub ty: String,
    pub to: String,
}

/// One line of an import that will be written.
#[derive(Debug, Clone)]
pub struct ImportRow {
    pub line: u64,
    pub txn: NewTxn,
    pub day: NaiveDate,
    pub converted: Vec<Converted>,
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
}

/// How a long run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finished<T> {
    Done(T),
    Cancelled,
}

/// An own cap, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CapDraft {
    pub name: String,
    pub window: String,
    pub currency: String,
    pub amount: String,
    pub method: String,
}

/// Reads CRLF line ends as LF, so the CSV reader's line numbers are the file's
/// (it counts a CRLF's `\n` as the start of the next record).
struct LfLines<R> {
    inner: R,
    /// A `\r` at the end of the last chunk, not yet known to precede `\n`.
    held_cr: bool,
}

impl<R: Read> LfLines<R> {
    fn new(inner: R) -> Self {
        LfLines {
            inner,
            held_cr: false,
        }
    }
}

impl<R: Read> Read for LfLines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.len() < 2 {
            return self.inner.read(buf);
        }
        let start = usize::from(self.held_cr);
        if self.held_cr {
            buf[0] = b'\r';
        }
        let n = self.inner.read(&mut buf[start..])?;
        let mut len = start + n;
        self.held_cr = false;
        if n > 0 && buf[len - 1] == b'\r' {
            self.held_cr = true;
            len -= 1;
        }
        let mut out = 0;
        for i in 0..len {
            let next_is_lf = buf.get(i + 1).is_some_and(|b| *b == b'\n') && i + 1 < len;
            if buf[i] == b'\r' && next_is_lf {
                continue;
            }
            buf[out] = buf[i];
            out += 1;
        }
        if out == 0 && self.held_cr && n == 0 {
            // End of input after a lone CR: give it back.
            self.held_cr = false;
            buf[0] = b'\r';
            return Ok(1);
        }
        if out == 0 && n > 0 {
            // Only a held CR this time: read on.
            return self.read(buf);
        }
        Ok(out)
    }
}

/// Paying with a card issued outside the mainland, or of unknown issuer (Q5).
fn foreign_card(m: &crate::domain::Method) -> bool {
    match &m.details {
        MethodDetails::Card(c) => !c
            .issuer_country
            .as_ref()
            .is_some_and(crate::domain::CountryCode::is_mainland_china),
        MethodDetails::Paypal(_) => false,
    }
}

/// The accounts a layer adds up: the person's accounts of its providers for a
/// per-person layer (Q3), else the account itself.
fn layer_accounts(layer: &Layer, account: AccountId, all: &[Account]) -> Vec<AccountId> {
    if layer.per_person {
        all.iter()
            .filter(|a| layer.providers.contains(&a.provider))
            .map(|a| a.id)
            .collect()
    } else {
        vec![account]
    }
}

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

fn invalid(field: &'static str, message: impl Into<String>) -> Error {
    Error::Invalid(FieldErrors(vec![FieldError::new(field, message)]))
}

/// `amount` in every limit currency with the rates on or before `day` (Q6).
pub(crate) fn convert_with(
    conn: &rusqlite::Connection,
    amount: Decimal,
    currency: Currency,
    day: NaiveDate,
) -> Result<Vec<Converted>> {
    let lookup = |a: Currency, b: Currency| store::latest_rate(conn, a, b, day).ok().flatten();
    limits::LIMIT_CURRENCIES
        .iter()
        .map(|&target| {
            let (rate, rate_date) = money::conversion(currency, target, day, &lookup)
                .map_err(|e| invalid("currency", e.to_string()))?;
            Ok(Converted {
                currency: target,
                amount: money::convert_amount("amount", amount, rate, target)?,
                rate,
                rate_date,
            })
        })
        .collect()
}

impl Wallet {
    pub fn books(&self) -> &LimitBooks {
        &self.books
    }

    /// The time zone of the limit windows (a setting; Beijing time by default).
    pub fn time_zone(&self) -> Tz {
        store::setting(self.store.conn(), "time-zone")
            .ok()
            .flatten()
            .and_then(|s| s.parse().ok())
            .unwrap_or(DEFAULT_TIME_ZONE)
    }

    /// The bank-transfer fee threshold in CNY (Q5: "above a certain amount").
    pub fn bank_fee_threshold(&self) -> Option<Decimal> {
        store::setting(self.store.conn(), "bank-fee-threshold")
            .ok()
            .flatten()
            .and_then(|s| s.parse().ok())
    }

    /// Change a setting: `time-zone` (re-keys every transaction's day and the
    /// totals, in one transaction) or `bank-fee-threshold`.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        match key {
            "time-zone" => {
                let tz = limits::parse_time_zone("time-zone", value)?;
                let tx = self.store.transaction()?;
                store::set_setting(&tx, key, tz.name())?;
                store::rebuild_days(&tx, &|t| local_day(t, tz))?;
                tx.commit()?;
            }
            "bank-fee-threshold" => {
                let v = money::parse_amount("bank-fee-threshold", value, Currency::CNY).or_else(
                    |e| {
                        if value.trim() == "0" {
                            Ok(Decimal::ZERO)
                        } else {
                            Err(e)
                        }
                    },
                )?;
                let tx = self.store.transaction()?;
                store::set_setting(&tx, key, &v.to_string())?;
                tx.commit()?;
            }
            "backups-kept" => {
                let n: usize = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .ok_or_else(|| invalid("backups-kept", "a whole number from 1 to 1000"))?;
                let tx = self.store.transaction()?;
                store::set_setting(&tx, key, &n.to_string())?;
                tx.commit()?;
            }
            _ => {
                return Err(invalid(
                    "setting",
                    format!(
                        "{key:?} is not a setting: use time-zone, bank-fee-threshold or backups-kept"
                    ),
                ));
            }
        }
        Ok(())
    }

    // ---- rates -------------------------------------------------------------

    /// Record 1 `from` = `rate` `to` from `date` (default: today).
    pub fn set_rate(&mut self, from: &str, to: &str, rate: &str, date: &str) -> Result<Rate> {
        let mut errs = FieldErrors::default();
        let from = errs.take(Currency::parse("from", from));
        let to = errs.take(Currency::parse("to", to));
        let rate = errs.take(money::parse_rate("rate", rate));
        let date = if date.trim().is_empty() {
            Some(local_day(self.clock.now(), self.time_zone()))
        } else {
            errs.take(crate::domain::account::parse_date("date", date))
        };
        let (Some(from), Some(to), Some(rate), Some(date)) = (from, to, rate, date) else {
            return Err(Error::Invalid(errs));
        };
        if from == to {
            return Err(invalid("to", "must differ from the first currency"));
        }
        let tx = self.store.transaction()?;
        store::set_rate(&tx, from, to, date, rate)?;
        tx.commit()?;
        Ok(Rate {
            from,
            to,
            date,
            rate,
        })
    }

    /// Delete the rate of one pair on one date (payments keep the rate they were
    /// recorded with: Q6).
    pub fn delete_rate(&mut self, from: &str, to: &str, date: &str) -> Result<()> {
        let mut errs = FieldErrors::default();
        let from = errs.take(Currency::parse("from", from));
        let to = errs.take(Currency::parse("to", to));
        let date = errs.take(crate::domain::account::parse_date("date", date));
        let (Some(from), Some(to), Some(date)) = (from, to, date) else {
            return Err(Error::Invalid(errs));
        };
        let tx = self.store.transaction()?;
        if !store::delete_rate(&tx, from, to, date)? {
            return Err(invalid(
                "date",
                format!("there is no {from}→{to} rate on {date}"),
            ));
        }
        tx.commit()?;
        Ok(())
    }

    pub fn rates(&self) -> Result<Vec<Rate>> {
        Ok(store::rates(self.store.conn())?)
    }

    /// `amount` in every limit currency with the rates on or before `day` (Q6).
    pub fn convert(
        &self,
        amount: Decimal,
        currency: Currency,
        day: NaiveDate,
    ) -> Result<Vec<Converted>> {
        convert_with(self.store.conn(), amount, currency, day)
    }

    // ---- transactions --------------------------------------------------------

    fn check_txn(
        &self,
        account: AccountId,
        draft: &TxnDraft,
    ) -> Result<(NewTxn, NaiveDate, Vec<Converted>)> {
        self.account(account)?;
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

    /// Record a payment; its amount in USD and CNY and the rates used are kept.
    pub fn add_txn(&mut self, account: AccountId, draft: &TxnDraft) -> Result<i64> {
        let (t, day, converted) = self.check_txn(account, draft)?;
        let now = self.clock.now();
        let tx = self.store.transaction()?;
        let id = store::insert_txn(&tx, account, &t, day, &converted, now)?;
        tx.commit()?;
        Ok(id)
    }

    /// Change a payment (converted again with the rates of its date).
    pub fn edit_txn(&mut self, id: i64, draft: &TxnDraft) -> Result<()> {
        let old = self.txn(id)?;
        let (t, day, converted) = self.check_txn(old.account_id, draft)?;
        let now = self.clock.now();
        let tx = self.store.transaction()?;
        store::update_txn(&tx, id, &t, day, &converted, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Change only the given fields of a payment (`tx edit`); the rest stay.
    pub fn patch_txn(&mut self, id: i64, patch: &TxnPatch) -> Result<()> {
        if patch.is_empty() {
            return Err(invalid(
                "transaction",
                "nothing to change: give at least one field (e.g. --amount)",
            ));
        }
        let old = self.txn(id)?;
        self.edit_txn(id, &patch.apply(&old.new.to_draft()))
    }

    pub fn delete_txn(&mut self, id: i64) -> Result<()> {
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

    pub fn txn(&self, id: i64) -> Result<Txn> {
        store::txn(self.store.conn(), id)?
            .map(|(t, _)| t)
            .ok_or_else(|| invalid("transaction", format!("there is no transaction {id}")))
    }

    pub fn txn_count(&self, filter: &TxnFilter) -> Result<u64> {
        check_filter(filter)?;
        Ok(store::txn_count(self.store.conn(), filter)?)
    }

    pub fn txn_page(&self, filter: &TxnFilter, offset: u64, limit: u64) -> Result<Vec<Txn>> {
        check_filter(filter)?;
        Ok(store::txn_page(self.store.conn(), filter, offset, limit)?)
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

    // ---- limits ----------------------------------------------------------------

    fn book_of(&self, account: AccountId) -> Result<&LimitBook> {
        let id = store::limit_book(self.store.conn(), account)?;
        Ok(self.books.get(&id))
    }

    /// Pick the limit book of an account (Q4's figures are the `alternative` book).
    pub fn set_limit_book(&mut self, account: AccountId, book: &str) -> Result<()> {
        self.account(account)?;
        let id = self.books.parse_id("book", book)?;
        let tx = self.store.transaction()?;
        store::set_limit_book(&tx, account, &id)?;
        tx.commit()?;
        Ok(())
    }

    /// Replace a published figure for this account (`None`: back to the book's).
    pub fn set_override(
        &mut self,
        account: AccountId,
        key: &str,
        amount: Option<&str>,
    ) -> Result<()> {
        let acc = self.account(account)?;
        let book = self.book_of(account)?;
        let Some(spec) = book
            .limits
            .iter()
            .find(|l| l.key == key && l.providers.contains(&acc.provider))
        else {
            let keys: Vec<&str> = book
                .limits
                .iter()
                .filter(|l| l.providers.contains(&acc.provider))
                .map(|l| l.key.as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            return Err(invalid(
                "key",
                format!(
                    "{key:?} is no limit of this account's book; its keys: {}",
                    keys.join(", ")
                ),
            ));
        };
        let value = match amount {
            Some(a) => Some(money::parse_amount("amount", a, spec.currency)?),
            None => None,
        };
        let tx = self.store.transaction()?;
        store::set_override(&tx, account, key, value)?;
        tx.commit()?;
        Ok(())
    }

    /// Add an own cap (e.g. "my card's issuer allows CNY 20,000 a month").
    pub fn add_cap(&mut self, account: AccountId, d: &CapDraft) -> Result<i64> {
        self.account(account)?;
        let mut errs = FieldErrors::default();
        let name = errs.take(required_text("name", &d.name, 80));
        let window = errs.take(Window::parse("window", &d.window));
        let currency = errs.take(Currency::parse("currency", &d.currency).and_then(|c| {
            if limits::LIMIT_CURRENCIES.contains(&c) {
                Ok(c)
            } else {
                Err(FieldError::new("currency", "caps are kept in USD or CNY"))
            }
        }));
        let amount = currency.and_then(|c| errs.take(money::parse_amount("amount", &d.amount, c)));
        let method = match d.method.trim() {
            "" => Some(None),
            s => match s.parse::<i64>() {
                Ok(n) => match self.method(MethodId(n)) {
                    Ok(m) if m.account_id == account => Some(Some(m.id)),
                    _ => {
                        errs.push(FieldError::new(
                            "method",
                            format!("{s} is no method of this account"),
                        ));
                        None
                    }
                },
                Err(_) => {
                    errs.push(FieldError::new(
                        "method",
                        format!("{s:?} is not a method id"),
                    ));
                    None
                }
            },
        };
        let (Some(name), Some(window), Some(currency), Some(amount), Some(method)) =
            (name, window, currency, amount, method)
        else {
            return Err(Error::Invalid(errs));
        };
        let tx = self.store.transaction()?;
        let id = store::insert_cap(
            &tx,
            &Cap {
                id: 0,
                account_id: account,
                name,
                window,
                currency,
                amount,
                method,
            },
        )?;
        tx.commit()?;
        Ok(id)
    }

    pub fn remove_cap(&mut self, id: i64) -> Result<()> {
        let tx = self.store.transaction()?;
        if !store::delete_cap(&tx, id)? {
            return Err(invalid("cap", format!("there is no cap {id}")));
        }
        tx.commit()?;
        Ok(())
    }

    /// A layer with what is used of it in the window containing `at`.
    fn status(
        &self,
        layer: Layer,
        account: AccountId,
        all: &[Account],
        at: DateTime<FixedOffset>,
        tz: Tz,
    ) -> Result<LimitStatus> {
        let span = limits::span(layer.window, at, tz);
        let used = match &span {
            Some(s) => self.used(&layer, account, all, s)?,
            None => Decimal::ZERO,
        };
        Ok(LimitStatus::new(layer, used, span))
    }

    /// The used amount of a layer in a window.
    fn used(
        &self,
        layer: &Layer,
        account: AccountId,
        all: &[Account],
        span: &limits::Span,
    ) -> Result<Decimal> {
        let accounts = layer_accounts(layer, account, all);
        let (usd, cny) = store::usage(
            self.store.conn(),
            &UsageQuery {
                accounts: &accounts,
                first: span.first,
                end: span.end,
                types: &layer.types,
                to: &layer.to,
                skip_exempt: layer.skips_exempt,
                method: layer.method,
            },
        )?;
        Ok(store::from_cents(if layer.currency == Currency::USD {
            usd
        } else {
            cny
        }))
    }

    /// Every limit in force on the account now.
    pub fn quota(&self, account: AccountId) -> Result<Quota> {
        self.quota_at(account, self.clock.now())
    }

    /// Every limit in force on the account at `at`, with its use in the window
    /// containing `at`.
    pub fn quota_at(&self, account: AccountId, at: DateTime<FixedOffset>) -> Result<Quota> {
        let acc = self.account(account)?;
        let all = self.accounts()?;
        let tz = self.time_zone();
        let book = self.book_of(account)?;
        let overrides = store::overrides(self.store.conn(), account)?;
        let caps = store::caps(self.store.conn(), account)?;
        let statuses = limits::layers_in_force(book, &acc, at, tz, &overrides, &caps)
            .into_iter()
            .map(|layer| self.status(layer, account, &all, at, tz))
            .collect::<Result<Vec<_>>>()?;
        let today = local_day(at, tz);
        let binding = limits::binding(&statuses, &|c| self.rate_to_usd(c, today));
        Ok(Quota {
            account: acc,
            at,
            book: book.id.clone(),
            book_name: book.name.clone(),
            time_zone: tz,
            statuses,
            binding,
        })
    }

    fn rate_to_usd(&self, c: Currency, day: NaiveDate) -> Option<Decimal> {
        let conn = self.store.conn();
        let lookup = |a: Currency, b: Currency| store::latest_rate(conn, a, b, day).ok().flatten();
        money::conversion(c, Currency::USD, day, &lookup)
            .ok()
            .map(|(r, _)| r)
    }

    /// The person's FX quota (Q3) across every account it applies to.
    pub fn fx_summary(&self) -> Result<Vec<LimitStatus>> {
        let now = self.clock.now();
        let tz = self.time_zone();
        let all = self.accounts()?;
        let book = self.books.get(self.books.default_id());
        let mut out: Vec<LimitStatus> = Vec::new();
        for holder in &all {
            for layer in limits::layers_in_force(book, holder, now, tz, &[], &[]) {
                if layer.per_person && !out.iter().any(|s| s.layer.key == layer.key) {
                    out.push(self.status(layer, holder.id, &all, now, tz)?);
                }
            }
        }
        Ok(out)
    }

    /// This year's cumulative spending in USD against the annual layer, with the
    /// day the limit runs out at this pace.
    pub fn year_series(&self, account: AccountId) -> Result<YearSeries> {
        let quota = self.quota(account)?;
        let tz = quota.time_zone;
        let today = local_day(quota.at, tz);
        let first = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        let end = NaiveDate::from_ymd_opt(today.year() + 1, 1, 1).unwrap_or(today);
        let annual = quota
            .statuses
            .iter()
            .filter(|s| s.layer.window == Window::Year && s.layer.currency == Currency::USD)
            .filter(|s| s.layer.counts_every_payment())
            // The annual limit with the least left: the one this year runs into.
            .min_by_key(|s| s.remaining)
            .cloned();
        let (accounts, skip_exempt) = match &annual {
            Some(s) => (
                layer_accounts(&s.layer, account, &self.accounts()?),
                s.layer.skips_exempt,
            ),
            None => (vec![account], false),
        };
        let daily = store::daily_usd(
            self.store.conn(),
            &accounts,
            first,
            today.succ_opt().unwrap_or(today),
            skip_exempt,
        )?;
        let mut total = Decimal::ZERO;
        let points: Vec<(NaiveDate, Decimal)> = daily
            .into_iter()
            .map(|(d, c)| {
                total += store::from_cents(c);
                (d, total)
            })
            .collect();
        let elapsed = Decimal::from((today - first).num_days() + 1);
        let days_in_year = Decimal::from((end - first).num_days());
        let pace = total / elapsed;
        let forecast_year_end = Currency::USD.round(pace * days_in_year);
        let runs_out = annual.as_ref().and_then(|s| {
            if total >= s.layer.max {
                return points
                    .iter()
                    .find(|(_, v)| *v >= s.layer.max)
                    .map(|(d, _)| *d);
            }
            if pace.is_zero() {
                return None;
            }
            use rust_decimal::prelude::ToPrimitive;
            let days = ((s.layer.max - total) / pace).ceil().to_i64()?;
            let day = today + Duration::days(days);
            (day < end).then_some(day)
        });
        Ok(YearSeries {
            year: today.year(),
            limit: annual,
            points,
            today,
            forecast_year_end,
            runs_out,
        })
    }

    // ---- the pre-check -------------------------------------------------------------

    /// Which limits a payment would break, its fee, and the method to pay with.
    pub fn precheck(&self, account: AccountId, d: &PrecheckDraft) -> Result<Precheck> {
        let quota = self.quota(account)?;
        let mut errs = FieldErrors::default();
        let currency = errs.take(Currency::parse("currency", &d.currency));
        let amount = currency.and_then(|c| errs.take(money::parse_amount("amount", &d.amount, c)));
        let ty = errs.take(TxType::parse("type", &d.ty));
        let to = if d.to.trim().is_empty() {
            Some(Destination::Merchant)
        } else {
            errs.take(Destination::parse("to", &d.to))
        };
        let (Some(currency), Some(amount), Some(ty), Some(to)) = (currency, amount, ty, to) else {
            return Err(Error::Invalid(errs));
        };
        let today = local_day(quota.at, quota.time_zone);
        let converted = self.convert(amount, currency, today)?;
        let proposed = |method: Option<MethodId>| Proposed {
            amounts: converted.iter().map(|c| (c.currency, c.amount)).collect(),
            ty,
            to,
            method,
            exempt: false,
        };
        let book = self.book_of(account)?;
        let provider = quota.account.provider;
        let amount_in = |c: Currency| {
            if c == currency {
                Some(amount)
            } else {
                converted.iter().find(|x| x.currency == c).map(|x| x.amount)
            }
        };
        let threshold = self.bank_fee_threshold();
        let fee_for = |foreign: bool| {
            limits::fee(
                book, provider, to, foreign, amount, currency, &amount_in, threshold,
            )
        };
        let mut candidates = Vec::new();
        let methods = self.methods(account, false)?;
        for m in &methods {
            if lifecycle::check_pay(m).is_err() {
                continue;
            }
            let foreign = foreign_card(m);
            let fee = fee_for(foreign).map_or(Decimal::ZERO, |f| f.amount);
            candidates.push(Candidate {
                id: m.id,
                title: m.title(),
                fits: limits::breaks(&quota.statuses, &proposed(Some(m.id))).is_empty(),
                fee,
                verdict: self.verdict(m)?.unwrap_or(Level::Ok),
            });
        }
        let fee_currency = book
            .fees
            .iter()
            .find(|f| f.providers.contains(&provider))
            .map_or(Currency::CNY, |f| f.currency);
        let recommended = limits::recommend(&candidates, fee_currency);
        let chosen = recommended.as_ref().map(|(id, _)| *id);
        let breaks = limits::breaks(&quota.statuses, &proposed(chosen));
        let under_minimum = limits::under_minimum(&quota.statuses, &proposed(chosen))
            .into_iter()
            .cloned()
            .collect();
        let fee = match chosen.and_then(|id| methods.iter().find(|m| m.id == id)) {
            Some(m) => fee_for(foreign_card(m)),
            None => fee_for(true),
        };
        let no_method = candidates.is_empty().then(|| {
            format!(
                "L7: {} has no active method to pay with; verify one first",
                quota.account.label
            )
        });
        let notes = book
            .notes
            .iter()
            .filter(|n| n.providers.contains(&provider))
            .cloned()
            .collect();
        Ok(Precheck {
            amount,
            currency,
            ty,
            to,
            converted,
            allowed: breaks.is_empty() && chosen.is_some(),
            breaks,
            under_minimum,
            fee,
            candidates,
            recommended,
            no_method,
            notes,
            quota,
        })
    }

    // ---- import and export -----------------------------------------------------------

    /// Read a CSV (`shared/CLI.md`) and say what importing it would do; writes nothing.
    /// `progress` gets the share of bytes read; `cancel` stops it.
    pub fn import_preview(
        &self,
        account: AccountId,
        input: impl Read,
        total_bytes: u64,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<ImportPreview>> {
        self.account(account)?;
        let tz = self.time_zone();
        let now = self.clock.now();
        let methods: HashSet<MethodId> =
            self.methods(account, true)?.iter().map(|m| m.id).collect();
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(LfLines::new(input));
        let mut out = ImportPreview::default();
        let mut seen: HashSet<(i64, String, String, String)> = HashSet::new();
        let mut rate_cache: std::collections::HashMap<(Currency, NaiveDate), Vec<Converted>> =
            std::collections::HashMap::new();
        let mut record = csv::StringRecord::new();
        let mut header_done = false;
        loop {
            match rdr.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map_or(0, csv::Position::line);
                    out.errors.push((line, format!("not valid CSV: {e}")));
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        break;
                    }
                    continue;
                }
            }
            let line = record.position().map_or(0, csv::Position::line);
            if out.rows.len() % 2048 == 0 {
                if cancel.load(Ordering::Relaxed) {
                    return Ok(Finished::Cancelled);
                }
                if total_bytes > 0 {
                    #[allow(clippy::cast_precision_loss)]
                    progress(rdr.position().byte() as f32 / total_bytes as f32);
                }
            }
            if !header_done {
                header_done = true;
                let fields: Vec<String> = record
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        if i == 0 {
                            f.trim_start_matches('\u{feff}').trim().to_owned()
                        } else {
                            f.trim().to_owned()
                        }
                    })
                    .collect();
                if fields != CSV_HEADER {
                    out.errors.push((
                        line,
                        format!(
                            "the header must be {} (found {})",
                            CSV_HEADER.join(","),
                            fields.join(",")
                        ),
                    ));
                    break;
                }
                continue;
            }
            if record.len() == 1 && record.get(0).is_some_and(|f| f.trim().is_empty()) {
                continue;
            }
            if record.len() != CSV_HEADER.len() {
                out.errors.push((
                    line,
                    format!(
                        "{} columns; expected {} ({})",
                        record.len(),
                        CSV_HEADER.len(),
                        CSV_HEADER.join(",")
                    ),
                ));
                continue;
            }
            let get = |i: usize| record.get(i).unwrap_or("").to_owned();
            let draft = TxnDraft {
                at: get(0),
                amount: get(1),
                currency: get(2),
                ty: get(3),
                to: get(4),
                method: get(5),
                counterparty: get(6),
                note: get(7),
                fx_exempt: get(8),
            };
            if draft.at.trim().is_empty() {
                out.errors.push((line, "at: required".into()));
                continue;
            }
            let t = match draft.validate(now, tz) {
                Ok(t) => t,
                Err(e) => {
                    let msg: Vec<String> = e.0.iter().map(ToString::to_string).collect();
                    out.errors.push((line, msg.join("; ")));
                    continue;
                }
            };
            if let Some(m) = t.method
                && !methods.contains(&m)
            {
                out.errors
                    .push((line, format!("method: {m} is no method of this account")));
                continue;
            }
            let day = local_day(t.at, tz);
            let converted = match rate_cache.get(&(t.currency, day)) {
                Some(per_unit) => {
                    match per_unit
                        .iter()
                        .map(|c| c.scaled("amount", t.amount))
                        .collect::<std::result::Result<Vec<_>, _>>()
                    {
                        Ok(c) => c,
                        Err(e) => {
                            out.errors.push((line, e.to_string()));
                            continue;
                        }
                    }
                }
                None => match self.convert(t.amount, t.currency, day) {
                    Ok(c) => {
                        rate_cache.insert((t.currency, day), c.clone());
                        c
                    }
                    Err(e) => {
                        out.errors.push((line, e.to_string()));
                        continue;
                    }
                },
            };
            let key = (
                t.at.timestamp(),
                t.amount.to_string(),
                t.currency.to_string(),
                t.counterparty.clone(),
            );
            if !seen.insert(key) {
                out.duplicates
                    .push((line, "repeats an earlier line of the file".into()));
                continue;
            }
            if store::txn_exists(self.store.conn(), account, &t)? {
                out.duplicates.push((
                    line,
                    "already recorded (same time, amount and counterparty)".into(),
                ));
                continue;
            }
            match out.totals.iter_mut().find(|(c, _)| *c == t.currency) {
                Some((_, sum)) => *sum += t.amount,
                None => out.totals.push((t.currency, t.amount)),
            }
            out.rows.push(ImportRow {
                line,
                txn: t,
                day,
                converted,
            });
        }
        if !header_done {
            out.errors.push((
                1,
                format!(
                    "the file is empty; the first line must be {}",
                    CSV_HEADER.join(",")
                ),
            ));
        }
        progress(1.0);
        Ok(Finished::Done(out))
    }

    /// Write a preview's rows in one transaction: all or none (after a backup).
    /// Refused while the preview has errors. Returns how many were written: rows
    /// another import wrote since the preview are skipped as duplicates.
    pub fn import_commit(
        &mut self,
        account: AccountId,
        preview: &ImportPreview,
        progress: &mut dyn FnMut(f32),
        cancel: &AtomicBool,
    ) -> Result<Finished<usize>> {
        if let Some((line, e)) = preview.errors.first() {
            return Err(invalid(
                "file",
                format!(
                    "line {line}: {e} ({} errors in all; nothing was written)",
                    preview.errors.len()
                ),
            ));
        }
        let now = self.clock.now();
        let n = preview.rows.len();
        if n > 0 {
            self.backup_before(store::BackupReason::BeforeImport)?;
        }
        let tx = self.store.transaction()?;
        let mut written = 0;
        for (i, r) in preview.rows.iter().enumerate() {
            if i % 2048 == 0 {
                if cancel.load(Ordering::Relaxed) {
                    // Dropping the transaction rolls every row back.
                    return Ok(Finished::Cancelled);
                }
                #[allow(clippy::cast_precision_loss)]
                progress(i as f32 / n.max(1) as f32);
            }
            // Checked again under the write lock: another import of the same
            // rows since the preview must not double them.
            if store::txn_exists(&tx, account, &r.txn)? {
                continue;
            }
            store::insert_txn(&tx, account, &r.txn, r.day, &r.converted, now)?;
            written += 1;
        }
        tx.commit()?;
        progress(1.0);
        Ok(Finished::Done(written))
    }

    /// Write an account's transactions as CSV, oldest first; returns the count.
    pub fn export_csv(&self, account: AccountId, out: impl Write) -> Result<usize> {
        self.account(account)?;
        let mut w = csv::Writer::from_writer(out);
        let io = |e: csv::Error| {
            Error::Store(store::Error::Open {
                path: "export".into(),
                source: Box::new(e),
            })
        };
        w.write_record(CSV_HEADER).map_err(io)?;
        let mut n = 0;
        let mut failure = None;
        store::for_each_txn(self.store.conn(), account, |t| {
            let d = t.new.to_draft();
            let rec = [
                &d.at,
                &d.amount,
                &d.currency,
                &d.ty,
                &d.to,
                &d.method,
                &d.counterparty,
                &d.note,
                &d.fx_exempt,
            ];
            match w.write_record(rec) {
                Ok(()) => {
                    n += 1;
                    true
                }
                Err(e) => {
                    failure = Some(e);
                    false
                }
            }
        })?;
        if let Some(e) = failure {
            return Err(io(e));
        }
        w.flush().map_err(|e| io(e.into()))?;
        Ok(n)
    }

    /// Generate `n` payments over the last 15 months across the accounts (and
    /// the rates they need) in one transaction (the benchmark's data).
    pub fn load_demo_transactions(&mut self, n: u64) -> Result<u64> {
        let tz = self.time_zone();
        let now = self.clock.now();
        let tx = self.store.transaction()?;
        let written = crate::demo::transactions(&tx, n, tz, now)?;
        tx.commit()?;
        Ok(written)
    }
}
