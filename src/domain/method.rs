//! Linked payment methods: cards and PayPal accounts, their facts and statuses.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use zeroize::Zeroizing;

use super::card::{self, CardNumber, Expiry, Network};
use super::field::{CountryCode, FieldError, FieldErrors, optional_country, parse_choice};
use super::ids::{AccountId, MethodId};
use super::text::{optional_text, required_text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MethodKind {
    Card,
    Paypal,
}

impl MethodKind {
    pub fn id(self) -> &'static str {
        match self {
            MethodKind::Card => "card",
            MethodKind::Paypal => "paypal",
        }
    }
}

/// Lifecycle of a linked method (L1–L7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MethodStatus {
    /// Pre-authorization under way (the USD 1.00 hold).
    Pending,
    Active,
    Failed,
    Expired,
    /// Archived: history kept, secret deleted.
    Removed,
}

impl MethodStatus {
    pub const ALL: [MethodStatus; 5] = [
        MethodStatus::Pending,
        MethodStatus::Active,
        MethodStatus::Failed,
        MethodStatus::Expired,
        MethodStatus::Removed,
    ];

    /// What a new method may start as: `pending` unless already linked and verified.
    pub const ON_ADD: [MethodStatus; 2] = [MethodStatus::Pending, MethodStatus::Active];

    pub fn id(self) -> &'static str {
        match self {
            MethodStatus::Pending => "pending",
            MethodStatus::Active => "active",
            MethodStatus::Failed => "failed",
            MethodStatus::Expired => "expired",
            MethodStatus::Removed => "removed",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            MethodStatus::Pending => "Pending",
            MethodStatus::Active => "Active",
            MethodStatus::Failed => "Failed",
            MethodStatus::Expired => "Expired",
            MethodStatus::Removed => "Removed",
        }
    }

    pub fn from_id(id: &str) -> Option<MethodStatus> {
        MethodStatus::ALL.into_iter().find(|s| s.id() == id)
    }

    fn parse_on_add(input: &str) -> Result<MethodStatus, FieldError> {
        parse_choice("status", input, &MethodStatus::ON_ADD, MethodStatus::id)
    }
}

/// How a card is funded (AC2, AL3, WX2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Funding {
    Credit,
    Debit,
    Prepaid,
    Virtual,
    Gift,
}

impl Funding {
    pub const ALL: [Funding; 5] = [
        Funding::Credit,
        Funding::Debit,
        Funding::Prepaid,
        Funding::Virtual,
        Funding::Gift,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Funding::Credit => "credit",
            Funding::Debit => "debit",
            Funding::Prepaid => "prepaid",
            Funding::Virtual => "virtual",
            Funding::Gift => "gift",
        }
    }

    pub fn from_id(id: &str) -> Option<Funding> {
        Funding::ALL.into_iter().find(|f| f.id() == id)
    }
}

/// A fact about a card the user may not know yet (AC5–AC7, AL4, AL5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Fact {
    Yes,
    No,
    #[default]
    Unknown,
}

impl Fact {
    pub const ALL: [Fact; 3] = [Fact::Yes, Fact::No, Fact::Unknown];

    pub fn id(self) -> &'static str {
        match self {
            Fact::Yes => "yes",
            Fact::No => "no",
            Fact::Unknown => "unknown",
        }
    }

    pub fn from_id(id: &str) -> Option<Fact> {
        Fact::ALL.into_iter().find(|f| f.id() == id)
    }

    fn parse(field: &'static str, input: &str) -> Result<Fact, FieldError> {
        if input.trim().is_empty() {
            return Ok(Fact::Unknown);
        }
        parse_choice(field, input, &Fact::ALL, Fact::id)
    }
}

/// What the database keeps of a card: never the full number.
#[derive(Debug, Clone, PartialEq)]
pub struct CardInfo {
    pub network: Network,
    pub first6: String,
    pub last4: String,
    pub length: usize,
    pub expiry: Expiry,
    pub holder: String,
    pub funding: Option<Funding>,
    pub issuer_country: Option<CountryCode>,
    pub bank: Option<String>,
    pub intl_enabled: Fact,
    pub three_ds: Fact,
    pub balance_ok: Fact,
}

impl CardInfo {
    /// `•••• 1234`
    pub fn masked(&self) -> String {
        card::mask_short(&self.last4)
    }

    /// `411111******1111`
    pub fn masked_full(&self) -> String {
        card::mask_full(&self.first6, &self.last4, self.length)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaypalInfo {
    pub email: String,
    pub country: CountryCode,
    pub funding_source: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum MethodDetails {
    Card(CardInfo),
    Paypal(PaypalInfo),
}

/// Said wherever a live card's number is not in the secret store.
pub const NUMBER_MISSING: &str = "number missing — re-enter it or remove the method";

/// A stored method, as the window and the CLI show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Method {
    pub id: MethodId,
    pub account_id: AccountId,
    pub status: MethodStatus,
    pub is_default: bool,
    pub status_reason: Option<String>,
    pub created_at: DateTime<FixedOffset>,
    pub details: MethodDetails,
    /// A live card whose number is not in the secret store (deleted outside
    /// walletdesk, or lost in a crash): re-enter it or remove the method.
    pub number_missing: bool,
}

impl Method {
    pub fn kind(&self) -> MethodKind {
        match self.details {
            MethodDetails::Card(_) => MethodKind::Card,
            MethodDetails::Paypal(_) => MethodKind::Paypal,
        }
    }

    pub fn card(&self) -> Option<&CardInfo> {
        match &self.details {
            MethodDetails::Card(c) => Some(c),
            MethodDetails::Paypal(_) => None,
        }
    }

    /// Short name for lists and messages: `Visa •••• 1111`, `PayPal a@b.com`.
    pub fn title(&self) -> String {
        match &self.details {
            MethodDetails::Card(c) => format!("{} {}", c.network.name(), c.masked()),
            MethodDetails::Paypal(p) => format!("PayPal {}", p.email),
        }
    }

    /// What the table shows in the number column.
    pub fn masked(&self) -> String {
        match &self.details {
            MethodDetails::Card(c) => c.masked(),
            MethodDetails::Paypal(p) => p.email.clone(),
        }
    }
}

/// How a bind attempt went (recorded by the user, read by A4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    Ok,
    Failed,
}

impl Outcome {
    pub const ALL: [Outcome; 2] = [Outcome::Ok, Outcome::Failed];

    pub fn id(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Failed => "failed",
        }
    }

    pub fn from_id(id: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.id() == id)
    }
}

/// One try at binding a method to its provider.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    pub method: MethodId,
    pub provider: super::account::Provider,
    pub at: DateTime<FixedOffset>,
    pub outcome: Outcome,
    pub error: Option<String>,
}

/// A checked card, ready for the vault and the database.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCard {
    pub account: AccountId,
    pub number: CardNumber,
    pub info: CardInfo,
    pub status: MethodStatus,
}

/// The card form as typed. The number is zeroized when the draft is dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct CardDraft {
    pub number: Zeroizing<String>,
    pub expiry: String,
    pub holder: String,
    /// Empty: not known.
    pub funding: String,
    pub issuer_country: String,
    pub bank: String,
    pub intl: String,
    pub three_ds: String,
    pub balance_ok: String,
    pub status: String,
}

impl fmt::Debug for CardDraft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardDraft")
            .field("number", &"redacted")
            .field("expiry", &self.expiry)
            .field("holder", &self.holder)
            .field("funding", &self.funding)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl Default for CardDraft {
    fn default() -> Self {
        CardDraft {
            number: Zeroizing::new(String::new()),
            expiry: String::new(),
            holder: String::new(),
            funding: String::new(),
            issuer_country: String::new(),
            bank: String::new(),
            intl: Fact::Unknown.id().into(),
            three_ds: Fact::Unknown.id().into(),
            balance_ok: Fact::Unknown.id().into(),
            status: MethodStatus::Pending.id().into(),
        }
    }
}

impl CardDraft {
    /// Every problem with the form, or the card to store. `today` decides "expired".
    /// Empty is "not known".
    fn parse_funding(&self) -> Result<Option<Funding>, FieldError> {
        if self.funding.trim().is_empty() {
            return Ok(None);
        }
        parse_choice("funding", &self.funding, &Funding::ALL, Funding::id).map(Some)
    }

    /// Bad input among what a binding check reads (`check-card`): an expiry that
    /// is not MM/YY, an unknown funding type or country, a fact that is not
    /// yes/no/unknown. The number and an expired date are not errors there: they
    /// are verdicts (C1, C2, C3).
    pub fn fact_errors(&self) -> FieldErrors {
        let mut errs = FieldErrors::default();
        errs.take(Expiry::parse(&self.expiry));
        errs.take(optional_text("holder", &self.holder, 100));
        errs.take(self.parse_funding());
        errs.take(optional_country("issuer-country", &self.issuer_country));
        errs.take(Fact::parse("intl", &self.intl));
        errs.take(Fact::parse("three-ds", &self.three_ds));
        errs.take(Fact::parse("balance-ok", &self.balance_ok));
        errs
    }

    pub fn validate(&self, account: AccountId, today: NaiveDate) -> Result<NewCard, FieldErrors> {
        let mut errs = FieldErrors::default();
        let number = errs.take(CardNumber::parse(&self.number));
        let expiry = errs.take(Expiry::parse(&self.expiry).and_then(|e| {
            if e.is_expired(today) {
                // C3: an expired card cannot be linked anywhere.
                Err(FieldError::new(
                    "expiry",
                    format!("this card expired at the end of {e} (C3)"),
                ))
            } else {
                Ok(e)
            }
        }));
        let holder = errs.take(required_text("holder", &self.holder, 100));
        let funding = errs.take(self.parse_funding()).flatten();
        let issuer_country = errs
            .take(optional_country("issuer-country", &self.issuer_country))
            .flatten();
        let bank = errs.take(optional_text("bank", &self.bank, 100)).flatten();
        let intl = errs.take(Fact::parse("intl", &self.intl));
        let three_ds = errs.take(Fact::parse("three-ds", &self.three_ds));
        let balance_ok = errs.take(Fact::parse("balance-ok", &self.balance_ok));
        let status = errs.take(MethodStatus::parse_on_add(&self.status));
        match (number, expiry, holder, intl, three_ds, balance_ok, status) {
            (
                Some(number),
                Some(expiry),
                Some(holder),
                Some(intl_enabled),
                Some(three_ds),
                Some(balance_ok),
                Some(status),
            ) if errs.is_empty() => Ok(NewCard {
                account,
                info: CardInfo {
                    network: number.network(),
                    first6: number.first6().to_owned(),
                    last4: number.last4().to_owned(),
                    length: number.len(),
                    expiry,
                    holder,
                    funding,
                    issuer_country,
                    bank,
                    intl_enabled,
                    three_ds,
                    balance_ok,
                },
                number,
                status,
            }),
            _ => Err(errs),
        }
    }
}

/// A checked PayPal account.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPaypal {
    pub account: AccountId,
    pub info: PaypalInfo,
    pub status: MethodStatus,
}

/// The PayPal form as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaypalDraft {
    pub email: String,
    pub country: String,
    pub funding_source: bool,
    pub status: String,
}

impl Default for PaypalDraft {
    fn default() -> Self {
        PaypalDraft {
            email: String::new(),
            country: String::new(),
            funding_source: true,
            status: MethodStatus::Pending.id().into(),
        }
    }
}

/// A plausible address: one `@`, something on both sides, a dot in the domain.
fn parse_email(input: &str) -> Result<String, FieldError> {
    // Not free text: an address made of a phone number may pass Luhn by chance.
    let Some(s) = super::field::single_line("email", input, 254)? else {
        return Err(FieldError::new("email", "required"));
    };
    let ok = match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.contains(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        Ok(s)
    } else {
        Err(FieldError::new(
            "email",
            format!("{s:?} is not an email address"),
        ))
    }
}

impl PaypalDraft {
    pub fn validate(&self, account: AccountId) -> Result<NewPaypal, FieldErrors> {
        let mut errs = FieldErrors::default();
        let email = errs.take(parse_email(&self.email));
        let country = if self.country.trim().is_empty() {
            errs.push(FieldError::new(
                "country",
                "required: where the PayPal account is registered",
            ));
            None
        } else {
            errs.take(CountryCode::parse("country", &self.country))
        };
        let status = errs.take(MethodStatus::parse_on_add(&self.status));
        match (email, country, status) {
            (Some(email), Some(country), Some(status)) if errs.is_empty() => Ok(NewPaypal {
                account,
                info: PaypalInfo {
                    email,
                    country,
                    funding_source: self.funding_source,
                },
                status,
            }),
            _ => Err(errs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn draft() -> CardDraft {
        CardDraft {
            number: Zeroizing::new("4111 1111 1111 1111".into()),
            expiry: "09/28".into(),
            holder: "JOHN SMITH".into(),
            ..CardDraft::default()
        }
    }

    #[test]
    fn a_good_card_keeps_only_first6_last4() {
        let c = draft().validate(AccountId(1), today()).unwrap();
        assert_eq!(c.info.network, Network::Visa);
        assert_eq!(c.info.first6, "411111");
        assert_eq!(c.info.last4, "1111");
        assert_eq!(c.info.masked_full(), "411111******1111");
        assert_eq!(c.status, MethodStatus::Pending);
        assert_eq!(c.info.intl_enabled, Fact::Unknown);
    }

    #[test]
    fn an_expired_card_is_refused_with_c3_this_month_is_not() {
        let mut d = draft();
        d.expiry = "10/26".into();
        let e = d.validate(AccountId(1), today()).unwrap_err();
        assert_eq!(e.first().unwrap().field, "expiry");
        assert!(e.first().unwrap().message.contains("C3"));
        d.expiry = "11/26".into();
        assert!(d.validate(AccountId(1), today()).is_ok());
    }

    #[test]
    fn draft_debug_hides_the_number() {
        let shown = format!("{:?}", draft());
        assert!(!shown.contains("4111"), "{shown}");
    }

    #[test]
    fn bad_fields_are_named() {
        let d = CardDraft {
            number: Zeroizing::new("4111".into()),
            expiry: "13/28".into(),
            holder: String::new(),
            funding: "charge".into(),
            issuer_country: "United States".into(),
            intl: "maybe".into(),
            status: "removed".into(),
            ..CardDraft::default()
        };
        let e = d.validate(AccountId(1), today()).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "number",
                "expiry",
                "holder",
                "funding",
                "issuer-country",
                "intl",
                "status"
            ]
        );
    }

    #[test]
    fn paypal_needs_an_email_and_country() {
        let d = PaypalDraft {
            email: "me@example.com".into(),
            country: "us".into(),
            ..PaypalDraft::default()
        };
        let p = d.validate(AccountId(1)).unwrap();
        assert_eq!(p.info.country.as_str(), "US");
        for bad in ["", "me", "me@", "@x.com", "me@x", "a b@x.com", "a@b@c.com"] {
            let d = PaypalDraft {
                email: bad.into(),
                country: "US".into(),
                ..PaypalDraft::default()
            };
            assert_eq!(
                d.validate(AccountId(1)).unwrap_err().first().unwrap().field,
                "email",
                "{bad:?}"
            );
        }
    }

    #[test]
    fn an_email_address_is_not_free_text() {
        // 13 digits that pass Luhn, as an address made of a phone number might.
        assert!(card::luhn_ok("8613812345678"));
        let draft = PaypalDraft {
            email: "8613812345678@example.com".into(),
            country: "CN".into(),
            ..PaypalDraft::default()
        };
        assert!(draft.validate(AccountId(1)).is_ok());
    }
}
