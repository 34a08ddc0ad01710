//! What each screen of the window shows, built by the service in one go when
//! the data changes; the window keeps it and draws it frame after frame.

use crate::domain::lifecycle::{ExpiryReminder, Preauth};
use crate::domain::limits::LimitStatus;
use crate::domain::money::Rate;
use crate::domain::risk::Level;
use crate::domain::{Account, AccountId, Attempt, Method, MethodId, MethodStatus, Provider};

use super::checks::ProviderResult;
use super::quota::{Quota, YearSeries};
use super::service::{Result, Wallet};

/// The accounts, the selected one's methods with their rules, and reminders.
#[derive(Debug, Clone, Default)]
pub struct AccountScreen {
    pub accounts: Vec<Account>,
    /// The account shown: the one asked for if it still exists, else the first.
    pub selected: Option<AccountId>,
    pub methods: Vec<MethodLine>,
    /// Cards expiring this month or within 60 days, across all accounts:
    /// (card, its account's label, when).
    pub reminders: Vec<(Method, String, ExpiryReminder)>,
    /// L6: the selected account's expired or failed default, and the active methods.
    pub default_to_replace: Option<(Method, Vec<Method>)>,
    /// How many accounts were removed (archived), shown or not.
    pub archived: usize,
}

impl AccountScreen {
    pub fn account(&self) -> Option<&Account> {
        self.selected
            .and_then(|s| self.accounts.iter().find(|a| a.id == s))
    }
}

/// A row of the methods table: the method, its verdict on its own account and
/// what L2–L5 say about making it the default or removing it.
#[derive(Debug, Clone)]
pub struct MethodLine {
    pub method: Method,
    pub verdict: Option<Level>,
    /// L2: whether it could become the default now, and if not why.
    pub make_default: std::result::Result<(), String>,
    /// L3–L5: why "Remove…" will refuse, when it will.
    pub remove_hint: Option<String>,
    pub reminder: Option<ExpiryReminder>,
}

/// A method's flags, hold and attempts, below the table.
#[derive(Debug, Clone)]
pub struct MethodScreen {
    pub method: MethodId,
    pub title: String,
    pub status: MethodStatus,
    pub provider: Provider,
    pub status_reason: Option<String>,
    pub preauth: Option<Preauth>,
    pub results: Vec<ProviderResult>,
    pub attempts: Vec<Attempt>,
}

/// The Limits view of one account.
#[derive(Debug, Clone)]
pub struct LimitsScreen {
    pub quota: Quota,
    /// The person's FX quota across accounts (Q3).
    pub fx: Vec<LimitStatus>,
    pub series: YearSeries,
    pub rates: Vec<Rate>,
    /// The account's methods, archived ones included (for names and the cap form).
    pub methods: Vec<Method>,
    /// Every limit book: (id, name).
    pub books: Vec<(String, String)>,
}

impl LimitsScreen {
    /// A method's title ("Visa •••• 1111"), archived ones included.
    pub fn method_name(&self, id: MethodId) -> String {
        self.methods
            .iter()
            .find(|m| m.id == id)
            .map_or_else(|| format!("method {id}"), Method::title)
    }
}

impl Wallet {
    /// The Accounts screen with `wanted` selected (or the first account).
    pub fn account_screen(
        &self,
        wanted: Option<AccountId>,
        show_archived: bool,
    ) -> Result<AccountScreen> {
        // Removed (archived) accounts only when asked for, after the others.
        let (live, archived): (Vec<Account>, Vec<Account>) = self
            .accounts()?
            .into_iter()
            .partition(|a| a.archived_at.is_none());
        let mut accounts = live;
        let archived_count = archived.len();
        if show_archived {
            accounts.extend(archived);
        }
        let selected = wanted
            .filter(|s| accounts.iter().any(|a| a.id == *s))
            .or_else(|| accounts.first().map(|a| a.id));
        // A reminder or an L6 banner that cannot be worked out is left out
        // rather than hiding the accounts.
        let reminders = self.reminders().unwrap_or_default();
        let (methods, default_to_replace) = match selected {
            Some(a) => (
                self.methods(a, show_archived)?,
                self.default_to_replace(a).unwrap_or_default(),
            ),
            None => (Vec::new(), None),
        };
        let methods = methods
            .into_iter()
            .map(|m| {
                Ok(MethodLine {
                    verdict: self.verdict(&m)?,
                    make_default: match self.default_check(m.id) {
                        Ok(Ok(())) => Ok(()),
                        Ok(Err(r)) => Err(r.to_string()),
                        Err(e) => Err(e.to_string()),
                    },
                    remove_hint: match self.removal_check(m.id, None) {
                        Ok(Err(r)) => Some(format!("{r}; the dialog shows the way through")),
                        _ => None,
                    },
                    reminder: reminders
                        .iter()
                        .find(|(r, _, _)| r.id == m.id)
                        .map(|(_, _, r)| *r),
                    method: m,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(AccountScreen {
            accounts,
            selected,
            methods,
            reminders,
            default_to_replace,
            archived: archived_count,
        })
    }

    /// The details of one method: its verdict everywhere, hold and attempts.
    pub fn method_screen(&self, id: MethodId) -> Result<MethodScreen> {
        let m = self.method(id)?;
        let provider = self.account(m.account_id)?.provider;
        Ok(MethodScreen {
            method: id,
            title: m.title(),
            status: m.status,
            status_reason: m.status_reason.clone(),
            preauth: self.preauth(id)?,
            provider,
            results: self.assess_method(id, &Provider::ALL)?,
            attempts: self.attempts(id)?,
        })
    }

    /// The Limits view of an account.
    pub fn limits_screen(&self, account: AccountId) -> Result<LimitsScreen> {
        Ok(LimitsScreen {
            quota: self.quota(account)?,
            fx: self.fx_summary()?,
            series: self.year_series(account)?,
            rates: self.rates()?,
            methods: self.methods(account, true)?,
            books: self
                .books
                .all()
                .iter()
                .map(|b| (b.id.clone(), b.name.clone()))
                .collect(),
        })
    }
}
