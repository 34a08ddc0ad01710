//! Pure rules and types: no egui, no SQLite, no keyring, no clock.
//!
//! Rule ids in comments (C1, L1, …) are those of the rule catalogue (`walletdesk
//! rules`, docs/rules.md).

pub mod account;
pub mod bills;
pub mod calendar;
pub mod card;
pub mod catalogue;
mod field;
pub mod forecast;
mod ids;
pub mod lifecycle;
pub mod limits;
pub mod method;
pub mod money;
pub mod profile;
pub mod risk;
pub mod rules;
pub mod sources;
mod text;
pub mod txn;
pub mod txn_filter;

pub use account::{Account, AccountDraft, AccountPatch, NewAccount, Provider, Region, Tier};
pub use card::{CardNumber, Expiry, Network};
pub use field::{CountryCode, FieldError, FieldErrors, optional_country, parse_choice};
pub use ids::{AccountId, CapId, MethodId, TxnId};
pub use method::{
    Attempt, CardDraft, CardInfo, Fact, Funding, Method, MethodDetails, MethodKind, MethodStatus,
    NUMBER_MISSING, NewCard, NewPaypal, Outcome, PaypalDraft, PaypalInfo,
};
pub use text::{CARD_NUMBER_IN_TEXT, optional_text, required_text};
