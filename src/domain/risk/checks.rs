//! The binding-risk rules (docs/rules.md), one small function each, in their order.
//! Each looks at one [`Input`] and raises at most one [`Flag`]; whether it applies,
//! at which level and with which parameters is the provider's profile.

use chrono::Duration;

use super::input::{Flag, Input};
use crate::domain::account::{Region, Tier};
use crate::domain::card::Network;
use crate::domain::field::CountryCode;
use crate::domain::method::{Fact, Funding};
use crate::domain::rules::Level;

type Rule = fn(&Input<'_>) -> Option<Flag>;

/// Rule ids and their functions, in the catalogue's order (`rules::BINDING_RULES`).
pub const RULES: &[(&str, Rule)] = &[
    ("C1", c1),
    ("C2", c2),
    ("C3", c3),
    ("C4", c4),
    ("C5", c5),
    ("A1", a1),
    ("A2", a2),
    ("A3", a3),
    ("A4", a4),
    ("AC1", ac1),
    ("AC2", ac2),
    ("AC3", ac3),
    ("AC4", ac4),
    ("AC5", ac5),
    ("AC6", ac6),
    ("AC7", ac7),
    ("AC8", ac8),
    ("AC9", ac9),
    ("AL1", al1),
    ("AL2", al2),
    ("AL3", al3),
    ("AL4", al4),
    ("AL5", al5),
    ("AL6", al6),
    ("AH1", ah1),
    ("WX1", wx1),
    ("WX2", wx2),
    ("WX3", wx3),
];

// ---- All providers -------------------------------------------------------

/// C1: the number fails the Luhn check.
fn c1(i: &Input<'_>) -> Option<Flag> {
    let c = i.card()?;
    if c.luhn || c.length == 0 {
        return None;
    }
    match c.network() {
        Some(n) if !n.requires_luhn() => i.flag(
            Level::Warn.min(i.spec.level),
            format!("The number fails the Luhn check; some {} numbers have no check digit, so it may still be right", n.name()),
            "Check the digits against the card before you try",
        ),
        _ => i.flag(
            i.spec.level,
            "The number fails the Luhn check, so it will be rejected as mistyped",
            "Check the digits against the card and type it again",
        ),
    }
}

/// C2: no known network, or a length the network does not use.
fn c2(i: &Input<'_>) -> Option<Flag> {
    let c = i.card()?;
    let Some(n) = c.network() else {
        return i.flag(
            i.spec.level,
            "The number matches no known card network, so it cannot be bound",
            "Check the first digits against the card",
        );
    };
    if n.lengths().contains(&c.length) {
        return None;
    }
    i.flag(
        i.spec.level,
        format!(
            "{} numbers have {} digits; this one has {}",
            n.name(),
            n.lengths_text(),
            c.length
        ),
        "Check for a missing or extra digit",
    )
}

/// C3: the card has expired.
fn c3(i: &Input<'_>) -> Option<Flag> {
    let e = i.card()?.expiry?;
    e.is_expired(i.now.date_naive()).then_some(())?;
    i.flag(
        i.spec.level,
        format!("The card expired at the end of {e}, so it will be refused"),
        "Use the renewed card your bank sent, or another card",
    )
}

/// C4: the card expires in the current month.
fn c4(i: &Input<'_>) -> Option<Flag> {
    let e = i.card()?.expiry?;
    let today = i.now.date_naive();
    if !e.is_this_month(today) || e.is_expired(today) {
        return None;
    }
    if i.spec.level == Level::Block {
        i.flag(
            i.spec.level,
            format!(
                "{} refuses cards that expire in the current month ({e})",
                i.provider()
            ),
            "Use the renewed card, or another card valid past this month",
        )
    } else {
        i.flag(
            i.spec.level,
            format!("The card expires this month ({e}); it may bind but stops working at the end of the month"),
            "Link the renewed card as soon as it arrives",
        )
    }
}

/// C5: the card expires within the profile's number of days (*inference*).
fn c5(i: &Input<'_>) -> Option<Flag> {
    let e = i.card()?.expiry?;
    let today = i.now.date_naive();
    let days = i64::from(i.spec.days?);
    if e.is_expired(today) || e.is_this_month(today) || (e.last_day() - today).num_days() > days {
        return None;
    }
    i.flag(
        i.spec.level,
        format!("The card expires on {}, within {days} days", e.last_day()),
        "Plan to link its replacement before then",
    )
}

/// A1: the account is not real-name verified.
fn a1(i: &Input<'_>) -> Option<Flag> {
    (i.target.tier == Tier::Unverified).then_some(())?;
    if i.spec.level == Level::Block {
        i.flag(
            i.spec.level,
            format!(
                "{} binds cards only after real-name verification, and this account is unverified",
                i.provider()
            ),
            "Complete real-name verification with your passport in the app first",
        )
    } else {
        i.flag(
            i.spec.level,
            format!("{} may ask for identity verification at payment time; this account is not verified", i.provider()),
            "Complete identity verification in the console before you rely on this method",
        )
    }
}

/// A2: the passport has expired, or its expiry is not known.
fn a2(i: &Input<'_>) -> Option<Flag> {
    let today = i.now.date_naive();
    match i.target.passport_expiry {
        Some(d) if d >= today => None,
        Some(d) => i.flag(
            i.spec.level,
            format!("The passport on this account expired on {d}; an expired document hard-blocks international cards"),
            "Update the passport details in the app (Account, User Protection) to match your current passport",
        ),
        None => i.flag(
            i.spec.level,
            "The passport expiry is not recorded; an expired document status hard-blocks international cards",
            "Record the passport expiry on this account, and check it matches the app exactly",
        ),
    }
}

/// Names for comparison: upper case, punctuation to spaces, split on spaces.
pub fn name_tokens(name: &str) -> Vec<String> {
    name.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .to_uppercase()
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

/// A3: the cardholder's name is not the account holder's.
fn a3(i: &Input<'_>) -> Option<Flag> {
    let card_name = i.card()?.holder.as_deref()?;
    let account_name = i.target.holder.as_deref()?;
    let (a, b) = (name_tokens(card_name), name_tokens(account_name));
    if a.is_empty() || b.is_empty() || a == b || a.concat() == b.concat() {
        return None;
    }
    let (mut sa, mut sb) = (a.clone(), b.clone());
    sa.sort();
    sb.sort();
    if sa == sb {
        let level = i.spec.other_level.unwrap_or(Level::Info);
        return if i.spec.surname_first {
            i.flag(
                level,
                format!("The names match in another order ({card_name} / {account_name}); {} shows names surname first", i.provider()),
                "Nothing to change; expect to see the surname first",
            )
        } else {
            i.flag(
                level,
                format!("The names match in another order ({card_name} / {account_name})"),
                "Usually fine; type the name exactly as printed on the card",
            )
        };
    }
    i.flag(
        i.spec.level,
        format!("The cardholder ({card_name}) is not the account holder ({account_name})"),
        "Use a card in the account holder's name, or correct the holder to match the passport",
    )
}

/// A4: too many failed attempts recently.
fn a4(i: &Input<'_>) -> Option<Flag> {
    let hours = i.spec.hours?;
    let count = i.spec.count?;
    let since = i.now - Duration::hours(i64::from(hours));
    let n = i
        .history
        .failed_attempts
        .iter()
        .filter(|t| **t > since && **t <= i.now)
        .count();
    (n >= usize::try_from(count).unwrap_or(usize::MAX)).then_some(())?;
    i.flag(
        i.spec.level,
        format!("{n} failed attempts to bind this to {} in the last {hours} hours; more may lock it temporarily", i.provider()),
        "Stop retrying for a day, and call your bank before the next try",
    )
}

// ---- Alibaba Cloud (003) --------------------------------------------------

/// AC1: a card with only a UnionPay logo.
fn ac1(i: &Input<'_>) -> Option<Flag> {
    (i.card()?.network()? == Network::UnionPay).then_some(())?;
    i.flag(
        i.spec.level,
        "Alibaba Cloud does not accept cards with only a UnionPay logo",
        "Use a card with a Visa, Mastercard, American Express or JCB logo",
    )
}

/// AC2: prepaid, virtual or gift cards cannot pass the pre-authorization.
fn ac2(i: &Input<'_>) -> Option<Flag> {
    let f = i.card()?.funding?;
    i.spec.funding.contains(&f).then_some(())?;
    i.flag(
        i.spec.level,
        format!(
            "A {} card cannot pass the USD 1.00 pre-authorization",
            f.id()
        ),
        "Use a regular credit or debit card",
    )
}

/// AC3: issued in the Chinese mainland.
fn ac3(i: &Input<'_>) -> Option<Flag> {
    let c = i.card()?;
    c.issued_in(&i.spec.countries)?.then_some(())?;
    i.flag(
        i.spec.level,
        "Cards issued in the Chinese mainland are not accepted on the international site",
        "Use a card issued outside the Chinese mainland",
    )
}

/// AC4: the network (or PayPal) is not supported in the account's region.
fn ac4(i: &Input<'_>) -> Option<Flag> {
    let region = i.target.region?;
    if i.paypal().is_some() {
        if i.spec.paypal_regions.contains(&region) {
            return None;
        }
        return i.flag(
            i.spec.level,
            format!(
                "Accounts registered in the region {} cannot pay with PayPal",
                region.id()
            ),
            "Link a Visa or Mastercard card instead",
        );
    }
    let n = i.card()?.network()?;
    let accepted = i.spec.networks_by_region.get(&region)?;
    if accepted.contains(&n) {
        return None;
    }
    let names: Vec<&str> = accepted.iter().map(|n| n.name()).collect();
    i.flag(
        i.spec.level,
        format!(
            "Accounts registered in the region {} do not accept {} cards",
            region.id(),
            n.name()
        ),
        format!("Use a {} card instead", join_or(&names)),
    )
}

/// AC5: international and online payments disabled (or not known).
fn ac5(i: &Input<'_>) -> Option<Flag> {
    match i.card()?.intl {
        Fact::Yes => None,
        Fact::No => i.flag(
            i.spec.level,
            "International and online payments are off on this card, so the pre-authorization will be declined",
            "Ask your bank to enable international and online payments first",
        ),
        Fact::Unknown => i.flag(
            i.spec.unknown_level?,
            "It is not known whether international and online payments are enabled; if not, the pre-authorization is declined",
            "Check in your banking app that international and online payments are on",
        ),
    }
}

/// AC6: 3-D Secure not enabled: required at linking in some regions.
fn ac6(i: &Input<'_>) -> Option<Flag> {
    let required = i.target.region.is_some_and(|r| i.spec.regions.contains(&r));
    match i.card()?.three_ds {
        Fact::Yes => None,
        Fact::No if required => i.flag(
            i.spec.level,
            format!(
                "Accounts registered in the region {} must pass 3-D Secure when linking, and this card has none",
                i.target.region.map_or("", Region::id)
            ),
            "Ask your bank to enable 3-D Secure, or use a card that has it",
        ),
        Fact::No => i.flag(
            i.spec.other_level?,
            "This card has no 3-D Secure; when Alibaba Cloud asks for it, linking or paying fails",
            "Ask your bank to enable 3-D Secure, or use a card that has it",
        ),
        Fact::Unknown => i.flag(
            i.spec.unknown_level?,
            "It is not known whether 3-D Secure is enabled; some regions require it at linking",
            "Check with your bank that 3-D Secure is enabled",
        ),
    }
}

/// AC7: not enough balance for the USD 1.00 pre-authorization.
fn ac7(i: &Input<'_>) -> Option<Flag> {
    match i.card()?.balance_ok {
        Fact::Yes => None,
        Fact::No => i.flag(
            i.spec.level,
            "The card cannot cover the USD 1.00 pre-authorization hold",
            "Top up, or use a card with at least USD 1.00 available",
        ),
        Fact::Unknown => i.flag(
            i.spec.unknown_level?,
            "Linking places a USD 1.00 hold, released by the issuer within 1 to 5 business days",
            "Make sure at least USD 1.00 is available",
        ),
    }
}

/// AC8: the same card or PayPal account is linked to another Alibaba Cloud account.
fn ac8(i: &Input<'_>) -> Option<Flag> {
    let other = i.history.linked_elsewhere.first()?;
    i.flag(
        i.spec.level,
        format!("This is already linked to another {} account here ({other}); each links to one account only", i.provider()),
        format!("Unlink it from {other} first (a deactivated account in its silent period counts too)"),
    )
}

/// AC9: PayPal registered in the Chinese mainland, or without a funding source.
fn ac9(i: &Input<'_>) -> Option<Flag> {
    let p = i.paypal()?;
    if i.spec.countries.contains(&p.country) {
        return i.flag(
            i.spec.level,
            "PayPal accounts registered in the Chinese mainland are not accepted",
            "Use a PayPal account registered outside the Chinese mainland",
        );
    }
    if p.funding_source {
        return None;
    }
    i.flag(
        i.spec.other_level?,
        "This PayPal account has no funding source; PayPal may ask for one during linking",
        "Add a card or bank account to PayPal first",
    )
}

// ---- Alipay (000, 001, 002) ----------------------------------------------

/// AL1: a credit card issued outside the Chinese mainland and Hong Kong.
fn al1(i: &Input<'_>) -> Option<Flag> {
    let c = i.card()?;
    (c.funding? == Funding::Credit && !c.issued_in(&i.spec.countries)?).then_some(())?;
    i.flag(
        i.spec.level,
        "Most credit cards issued outside the Chinese mainland and Hong Kong can no longer be bound to Alipay directly",
        "Use a card from a licensed Hong Kong bank, a regional edition such as Alipay HK, or a mainland debit card",
    )
}

/// AL2: a card from a (licensed) Hong Kong bank.
fn al2(i: &Input<'_>) -> Option<Flag> {
    i.card()?.issued_in(&i.spec.countries)?.then_some(())?;
    i.flag(
        i.spec.level,
        "Cards from licensed Hong Kong banks are the most likely to pass",
        "Go ahead",
    )
}

/// AL3: a prepaid or virtual card.
fn al3(i: &Input<'_>) -> Option<Flag> {
    let f = i.card()?.funding?;
    i.spec.funding.contains(&f).then_some(())?;
    i.flag(
        i.spec.level,
        format!(
            "{} cards sometimes bind (some users report Wise cards working), often not",
            capitalise(f.id())
        ),
        "Try it, and keep another card ready",
    )
}

/// AL4: no 3-D Secure.
fn al4(i: &Input<'_>) -> Option<Flag> {
    (i.card()?.three_ds == Fact::No).then_some(())?;
    i.flag(
        i.spec.level,
        "This card has no 3-D Secure, so Alipay will likely refuse it (common with debit cards of small regional banks)",
        "Ask your bank to enable 3-D Secure, or use another card",
    )
}

/// AL5: international payments not enabled.
fn al5(i: &Input<'_>) -> Option<Flag> {
    (i.card()?.intl == Fact::No).then_some(())?;
    i.flag(
        i.spec.level,
        "International payments are off on this card, so the bank will decline Alipay",
        "Ask your bank to allow international payments and whitelist \"Alipay/Ant Group\"",
    )
}

/// AL6: a mainland debit card.
fn al6(i: &Input<'_>) -> Option<Flag> {
    let c = i.card()?;
    (c.funding? == Funding::Debit && c.issued_in(&i.spec.countries)?).then_some(())?;
    i.flag(
        i.spec.level,
        "Mainland debit cards bind without errors and pay no foreign-card fee",
        "Go ahead",
    )
}

// ---- Alipay HK (001) ------------------------------------------------------

/// AH1: issued in Hong Kong (info), elsewhere (high).
fn ah1(i: &Input<'_>) -> Option<Flag> {
    let c = i.card()?;
    if c.issued_in(&i.spec.countries)? {
        i.flag(
            i.spec.other_level?,
            "Alipay HK binds cards issued in Hong Kong",
            "Go ahead",
        )
    } else {
        i.flag(
            i.spec.level,
            format!(
                "Alipay HK is meant for cards issued in Hong Kong; a card issued in {} is likely to be refused",
                c.issuer_country.as_ref().map_or("another country", CountryCode::as_str)
            ),
            "Use a card from a Hong Kong bank, or the Alipay edition of the card's own region",
        )
    }
}

// ---- WeChat Pay (004) -----------------------------------------------------

/// WX1: issued outside the Chinese mainland.
fn wx1(i: &Input<'_>) -> Option<Flag> {
    (!i.card()?.issued_in(&i.spec.countries)?).then_some(())?;
    i.flag(
        i.spec.level,
        "It may link, but payments are often refused as \"card not supported for payment\", and top-up and transfers need a Chinese bank account",
        "Keep a Chinese bank card, or another wallet, for payments",
    )
}

/// WX2: a foreign debit card.
fn wx2(i: &Input<'_>) -> Option<Flag> {
    let c = i.card()?;
    (c.funding? == Funding::Debit && !c.issued_in(&i.spec.countries)?).then_some(())?;
    i.flag(
        i.spec.level,
        "WeChat Pay takes foreign credit cards only (2018 conditions); this debit card is likely to be refused",
        "Use a credit card",
    )
}

/// WX3: a network WeChat Pay does not take.
fn wx3(i: &Input<'_>) -> Option<Flag> {
    let n = i.card()?.network()?;
    if i.spec.networks.contains(&n) {
        return None;
    }
    let names: Vec<&str> = i.spec.networks.iter().map(|n| n.name()).collect();
    i.flag(
        i.spec.level,
        format!("WeChat Pay does not accept {} cards", n.name()),
        format!("Use a {} card", join_or(&names)),
    )
}

/// "A, B or C".
fn join_or(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
