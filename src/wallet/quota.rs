//! The limits in force on an account, what is used of each, the person's FX
//! quota across accounts, the year so far, and the figures a person sets.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use super::service::{Error, Result, Wallet, invalid};
use crate::domain::forecast;
use crate::domain::limits::{
    self, Cap, Layer, LimitBook, LimitBooks, LimitStatus, Window, local_day,
};
use crate::domain::money::{self, Currency};
use crate::domain::{Account, AccountId, CapId, FieldError, FieldErrors, MethodId, required_text};
use crate::store::{self, UsageQuery};

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

impl Quota {
    /// The limits as shown: the one reached first (`true`), then the others in
    /// the book's order.
    pub fn shown(&self) -> impl Iterator<Item = (bool, &LimitStatus)> {
        let first = self.binding.and_then(|i| self.statuses.get(i));
        first.map(|s| (true, s)).into_iter().chain(
            self.statuses
                .iter()
                .enumerate()
                .filter(move |(i, _)| Some(*i) != self.binding)
                .map(|(_, s)| (false, s)),
        )
    }
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

/// An own cap, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CapDraft {
    pub name: String,
    pub window: String,
    pub currency: String,
    pub amount: String,
    pub method: String,
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

impl Wallet {
    pub fn books(&self) -> &LimitBooks {
        &self.books
    }

    pub(crate) fn book_of(&self, account: AccountId) -> Result<&LimitBook> {
        let id = store::limit_book(self.store.conn(), account)?;
        Ok(self.books.get(&id))
    }

    /// Pick the limit book of an account (Q4's figures are the `alternative` book).
    pub fn set_limit_book(&mut self, account: AccountId, book: &str) -> Result<()> {
        self.live_account(account)?;
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
        let acc = self.live_account(account)?;
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
    pub fn add_cap(&mut self, account: AccountId, d: &CapDraft) -> Result<CapId> {
        self.live_account(account)?;
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
                id: CapId(0),
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

    pub fn remove_cap(&mut self, id: CapId) -> Result<()> {
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
        let (used, refunded) = match &span {
            Some(s) => (
                self.used(&layer, account, all, s, store::usage)?,
                self.used(&layer, account, all, s, store::refunded)?,
            ),
            None => (Decimal::ZERO, Decimal::ZERO),
        };
        let mut status = LimitStatus::new(layer, used, span);
        status.refunded = refunded;
        Ok(status)
    }

    /// The used amount of a layer in a window (`store::usage`), or what of it
    /// came back as refunds (`store::refunded`).
    fn used(
        &self,
        layer: &Layer,
        account: AccountId,
        all: &[Account],
        span: &limits::Span,
        sum: fn(&rusqlite::Connection, &UsageQuery<'_>) -> store::Result<(i64, i64)>,
    ) -> Result<Decimal> {
        let accounts = layer_accounts(layer, account, all);
        let (usd, cny) = sum(
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
        let forecast = forecast::year_forecast(
            daily.into_iter().map(|(d, c)| (d, store::from_cents(c))),
            today,
            annual.as_ref().map(|s| s.layer.max),
        );
        Ok(YearSeries {
            year: today.year(),
            limit: annual,
            points: forecast.points,
            today,
            forecast_year_end: forecast.year_end,
            runs_out: forecast.runs_out,
        })
    }
}
