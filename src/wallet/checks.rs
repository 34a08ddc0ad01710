//! Will it bind? A card as typed, or a stored method, judged against each
//! provider's rules (`domain::risk`), with the history the rules read.

use super::service::{Error, Result, Wallet};
use crate::domain::card::{mask_full, normalize_number};
use crate::domain::risk::{self, Assessment, CardSubject, History, Level, Subject, Target};
use crate::domain::{
    Account, AccountId, CardDraft, CardNumber, CountryCode, FieldError, Method, MethodDetails,
    MethodId, MethodStatus, Network, PaypalDraft, PaypalInfo, Provider, Region,
};
use crate::store::{self, SameMethod};

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

impl Wallet {
    /// The target for each provider: the basis account where it is of that
    /// provider, else the first account of that provider here, else one assumed
    /// from the basis's details (said in `against`).
    fn targets(
        &self,
        basis: &Basis,
        providers: &[Provider],
    ) -> Result<Vec<(Target, Option<AccountId>, String)>> {
        let accounts: Vec<Account> = self
            .accounts()?
            .into_iter()
            .filter(|a| {
                a.archived_at.is_none() || matches!(basis, Basis::Account(id) if *id == a.id)
            })
            .collect();
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

    /// Will this PayPal account (as typed, not stored) bind? The email finds the
    /// same account among the stored ones (AC8).
    pub fn check_paypal(&self, info: &PaypalInfo, basis: &Basis) -> Result<ProviderResult> {
        let provider = match basis {
            Basis::Account(id) => self.account(*id)?.provider,
            Basis::Described(t) => t.provider,
        };
        let same = SameMethod::Email(info.email.clone());
        let mut results = self.judge(
            &Subject::Paypal(info.clone()),
            Some(&same),
            basis,
            &[provider],
        )?;
        results.pop().ok_or_else(|| {
            FieldError::new("account", "there is no account to judge against").into()
        })
    }

    /// The live verdict of the "Link PayPal…" form as typed: `None` until the
    /// country can be read (the email only finds the same account elsewhere).
    pub fn check_paypal_draft(
        &self,
        draft: &PaypalDraft,
        account: AccountId,
    ) -> Result<Option<ProviderResult>> {
        let Ok(country) = CountryCode::parse("country", &draft.country) else {
            return Ok(None);
        };
        let info = PaypalInfo {
            email: draft.email.trim().to_owned(),
            country,
            funding_source: draft.funding_source,
        };
        self.check_paypal(&info, &Basis::Account(account)).map(Some)
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
        for account in self
            .accounts()?
            .into_iter()
            .filter(|a| a.archived_at.is_none())
        {
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
}
