//! The rule catalogue a person can read (`walletdesk rules`, docs/rules.md): every
//! rule id of [`rules`](super::rules), what it checks and what to do about it, and
//! — read from the shipped data, not retyped — which providers apply it, at which
//! level, with which parameters and from which source (provider profiles), or
//! which limits, fees and notes cite it (limit books).

use super::account::{Provider, Region};
use super::card::Network;
use super::field::CountryCode;
use super::limits::{FeeSpec, LimitBooks, LimitSpec, NoteSpec};
use super::method::Funding;
use super::profile::{Profiles, RuleSpec};
use super::rules::{BINDING_RULES, LIFECYCLE_RULES, LIMIT_RULES, Level};

/// The part of the catalogue a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Binding,
    Lifecycle,
    Limits,
}

impl Group {
    pub const ALL: [Group; 3] = [Group::Binding, Group::Lifecycle, Group::Limits];

    pub fn id(self) -> &'static str {
        match self {
            Group::Binding => "binding",
            Group::Lifecycle => "lifecycle",
            Group::Limits => "limits",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Group::Binding => "Will this method bind?",
            Group::Lifecycle => "Default and removable methods",
            Group::Limits => "Limits, fees and conversions",
        }
    }
}

/// What a rule is about, in words: the one place besides the data that describes it.
struct Doc {
    id: &'static str,
    checks: &'static str,
    remedy: &'static str,
    /// When a profile's `other_level` applies instead of `level`.
    other_case: Option<&'static str>,
    /// The source of a rule that no data file cites (L1–L7, Q6).
    source: Option<&'static str>,
}

const fn doc(id: &'static str, checks: &'static str, remedy: &'static str) -> Doc {
    Doc {
        id,
        checks,
        remedy,
        other_case: None,
        source: None,
    }
}

const fn with_other(d: Doc, other_case: &'static str) -> Doc {
    Doc {
        other_case: Some(other_case),
        ..d
    }
}

const fn with_source(d: Doc, source: &'static str) -> Doc {
    Doc {
        source: Some(source),
        ..d
    }
}

const ALIBABA_CLOUD_DOC: &str = "003_0647db2b27c843d7.txt";

const DOCS: &[Doc] = &[
    // Binding risk, all providers.
    doc(
        "C1",
        "The card number fails the Luhn check: it is mistyped",
        "Check the digits against the card and type it again",
    ),
    doc(
        "C2",
        "The number matches no known card network, or has a length its network does not use",
        "Check the first digits and the number of digits against the card",
    ),
    doc(
        "C3",
        "The card has expired",
        "Use the renewed card your bank sent, or another card",
    ),
    doc(
        "C4",
        "The card expires in the current month",
        "Use the renewed card, or another card valid past this month",
    ),
    doc(
        "C5",
        "The card expires within the next few weeks",
        "Plan to link its replacement before then",
    ),
    doc(
        "A1",
        "The account is not real-name verified",
        "Complete real-name verification with your passport first",
    ),
    doc(
        "A2",
        "The passport on the account has expired, or its expiry is not recorded",
        "Update the passport details in the app, and record the expiry on the account",
    ),
    with_other(
        doc(
            "A3",
            "The cardholder's name is not the account holder's (case, spaces and punctuation aside)",
            "Use a card in the account holder's name, or correct the holder's name to match the passport",
        ),
        "the same names in another order",
    ),
    doc(
        "A4",
        "Several attempts to bind the method failed recently",
        "Stop retrying for a day, to avoid a temporary security lock, and call your bank first",
    ),
    // Alibaba Cloud.
    doc(
        "AC1",
        "A card with only a UnionPay logo",
        "Use a Visa, Mastercard, American Express or JCB card",
    ),
    doc(
        "AC2",
        "A prepaid, virtual or gift card: it cannot pass the USD 1.00 pre-authorization",
        "Use a regular credit or debit card",
    ),
    doc(
        "AC3",
        "A card issued in the Chinese mainland, on the international site",
        "Use a card issued outside the Chinese mainland",
    ),
    doc(
        "AC4",
        "The card's network, or PayPal, is not accepted in the account's region",
        "Use a network the account's region accepts",
    ),
    doc(
        "AC5",
        "International and online payments are off on the card",
        "Ask your bank to enable international and online payments first",
    ),
    with_other(
        doc(
            "AC6",
            "The card has no 3-D Secure, which some regions require at linking",
            "Ask your bank to enable 3-D Secure, or use a card that has it",
        ),
        "a card in a region that does not require it",
    ),
    doc(
        "AC7",
        "The card cannot cover the USD 1.00 pre-authorization hold",
        "Make sure at least USD 1.00 is available",
    ),
    doc(
        "AC8",
        "The same card or PayPal account is linked to another Alibaba Cloud account here",
        "Unlink it from the other account first: each links to one account only",
    ),
    with_other(
        doc(
            "AC9",
            "A PayPal account registered in the Chinese mainland",
            "Use a PayPal account registered elsewhere, with a card or bank account attached",
        ),
        "a PayPal account without a funding source",
    ),
    // Alipay.
    doc(
        "AL1",
        "A credit card issued outside the Chinese mainland and Hong Kong: most can no longer be bound directly",
        "Use a card from a licensed Hong Kong bank, a regional edition such as Alipay HK, or a mainland debit card",
    ),
    doc(
        "AL2",
        "A card from a licensed Hong Kong bank: the most likely to pass",
        "Go ahead",
    ),
    doc(
        "AL3",
        "A prepaid or virtual card: some (such as Wise) worked for some users",
        "Try it, and keep another card ready",
    ),
    doc(
        "AL4",
        "The card has no 3-D Secure (common with debit cards of small regional banks)",
        "Ask your bank to enable 3-D Secure, or use another card",
    ),
    doc(
        "AL5",
        "International payments are off on the card",
        "Ask your bank to allow international payments and whitelist \"Alipay/Ant Group\"",
    ),
    doc(
        "AL6",
        "A mainland debit card: no errors, no foreign-card fee",
        "Go ahead",
    ),
    // Alipay HK.
    with_other(
        doc(
            "AH1",
            "A card issued outside Hong Kong",
            "Use a card from a Hong Kong bank, or the Alipay edition of the card's own region",
        ),
        "a card issued in Hong Kong",
    ),
    // WeChat Pay.
    doc(
        "WX1",
        "A card issued outside the Chinese mainland: it may link, but payments are often refused, and top-up and transfers need a Chinese bank account",
        "Keep a Chinese bank card, or another wallet, for payments",
    ),
    doc(
        "WX2",
        "A foreign debit card: WeChat Pay takes foreign credit cards only",
        "Use a credit card",
    ),
    doc(
        "WX3",
        "A card network WeChat Pay does not take",
        "Use a card of a network it takes",
    ),
    // Default and removable methods.
    with_source(
        doc(
            "L1",
            "A method linked to an account with no default becomes its default, even while pending",
            "Nothing to do: make another method the default once it is active",
        ),
        ALIBABA_CLOUD_DOC,
    ),
    with_source(
        doc(
            "L2",
            "Only an active method can be made the default",
            "Wait until the method is verified (active), then make it the default",
        ),
        ALIBABA_CLOUD_DOC,
    ),
    with_source(
        doc(
            "L3",
            "While an account has more than one method, its default cannot be removed unless it has expired",
            "Make another active method the default first, then remove this one",
        ),
        ALIBABA_CLOUD_DOC,
    ),
    with_source(
        doc(
            "L4",
            "An expired or non-default method can be removed",
            "Nothing to do",
        ),
        ALIBABA_CLOUD_DOC,
    ),
    with_source(
        doc(
            "L5",
            "The only active method cannot be removed while the account has running resources, outstanding bills or overdue payments",
            "Settle the bills or release the resources in the provider's console, or link and verify another method first",
        ),
        ALIBABA_CLOUD_DOC,
    ),
    with_source(
        doc(
            "L6",
            "An account has at most one default, and exactly one while it has an active method; when the default expires or fails, walletdesk says so and never picks a new one silently",
            "Choose the new default yourself, in the same step as removing the expired one",
        ),
        ALIBABA_CLOUD_DOC,
    ),
    with_source(
        doc(
            "L7",
            "A method that is not verified (pending or failed) cannot pay",
            "Wait for verification, or pay with an active method",
        ),
        ALIBABA_CLOUD_DOC,
    ),
    with_source(
        doc(
            "L8",
            "An account is removed (archived) only once none of its methods is live; its payments stay and still count towards the limits they fall under",
            "Remove its methods first (each by its own rules, L3 to L6), then the account",
        ),
        "walletdesk",
    ),
    with_source(
        doc(
            "K1",
            "A kind of method the provider does not take at all (PayPal on Alipay, Alipay HK or WeChat Pay) is refused before it is stored; a method that will fail (a block verdict) is refused unless you add it anyway",
            "Link a card instead; for a block verdict, add it anyway only if it did bind",
        ),
        "walletdesk",
    ),
    // Limits and quota.
    doc(
        "Q1",
        "Alipay's limits by verification tier: per payment and per year",
        "Complete real-name verification for the higher limits, or wait for the window to reset",
    ),
    doc(
        "Q2",
        "Alipay's verified limits by where the money goes and what it is for: a day, a year, and a minimum per payment",
        "Spread the payments over several days, or wait for the window to reset",
    ),
    doc(
        "Q3",
        "Foreign nationals' FX quota, per person across Alipay and WeChat Pay: per payment and per calendar year; tuition with proof may be exempt",
        "Mark tuition with proof as FX-exempt; otherwise wait for the new year",
    ),
    doc(
        "Q4",
        "Other published figures, shipped as the alternative book an account can switch to",
        "Switch an account to the alternative book if your account behaves that way",
    ),
    doc(
        "Q5",
        "Fees: a foreign card on Alipay, bank transfers, currency conversion",
        "Pay with the method the pre-check recommends (lowest fee that fits every limit)",
    ),
    with_source(
        doc(
            "Q6",
            "An amount in another currency converts with your rate table; the rate used is kept with the payment",
            "Record the rate of the day with `walletdesk rate set` before payments in another currency",
        ),
        "walletdesk",
    ),
    doc(
        "Q7",
        "Alibaba Cloud pay-as-you-go: when a card or PayPal is charged",
        "Nothing to do: keep the method's balance above the threshold",
    ),
    doc(
        "Q8",
        "Limits change over time: a payment is judged by the limit in force on its day",
        "Nothing to do: older payments keep the limits of their day",
    ),
];

/// How providers apply a binding rule: the providers whose profiles agree.
#[derive(Debug, Clone, PartialEq)]
pub struct Applies {
    pub providers: Vec<Provider>,
    pub level: Level,
    /// The level in the rule's other case ([`Entry::other_case`]).
    pub other_level: Option<Level>,
    /// The level when a fact the rule needs is not known.
    pub unknown_level: Option<Level>,
    /// The profile's parameters, e.g. "US: Visa, Mastercard" or "within 60 days".
    pub parameters: Vec<String>,
    pub source: String,
    pub inference: bool,
}

/// One rule of the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: &'static str,
    pub group: Group,
    pub checks: &'static str,
    pub remedy: &'static str,
    pub other_case: Option<&'static str>,
    /// Binding rules: one line per group of providers that apply it alike.
    pub applies: Vec<Applies>,
    /// Limit rules: the limits of the books that cite it, with the books' ids.
    pub limits: Vec<(Vec<String>, LimitSpec)>,
    pub fees: Vec<(Vec<String>, FeeSpec)>,
    pub notes: Vec<(Vec<String>, NoteSpec)>,
    /// A rule no data file cites (L1–L7, Q6): its source.
    pub source: Option<&'static str>,
}

fn doc_of(id: &str) -> Option<&'static Doc> {
    DOCS.iter().find(|d| d.id == id)
}

/// Every rule, binding rules first, each as the shipped data has it.
pub fn catalogue(profiles: &Profiles, books: &LimitBooks) -> Vec<Entry> {
    let groups = [
        (Group::Binding, BINDING_RULES),
        (Group::Lifecycle, LIFECYCLE_RULES),
        (Group::Limits, LIMIT_RULES),
    ];
    let mut out = Vec::new();
    for (group, ids) in groups {
        for id in ids {
            let Some(d) = doc_of(id) else { continue };
            out.push(Entry {
                id: d.id,
                group,
                checks: d.checks,
                remedy: d.remedy,
                other_case: d.other_case,
                applies: applies(profiles, id),
                limits: cited(books, |b| &b.limits, |l| l.rule == *id),
                fees: cited(books, |b| &b.fees, |f| f.rule == *id),
                notes: cited(books, |b| &b.notes, |n| n.rule == *id),
                source: d.source,
            });
        }
    }
    out
}

fn applies(profiles: &Profiles, id: &str) -> Vec<Applies> {
    let mut out: Vec<Applies> = Vec::new();
    for p in profiles.all() {
        let Some(spec) = p.rule(id) else { continue };
        let a = Applies {
            providers: vec![p.provider],
            level: spec.level,
            other_level: spec.other_level,
            unknown_level: spec.unknown_level,
            parameters: parameters(spec),
            source: spec.source.clone(),
            inference: spec.inference,
        };
        let alike = out.iter_mut().find(|o| {
            Applies {
                providers: a.providers.clone(),
                ..(*o).clone()
            } == a
        });
        match alike {
            Some(o) => o.providers.push(p.provider),
            None => out.push(a),
        }
    }
    out
}

/// The entries of every book that `cites`, each once with the books that hold it
/// (a book that extends another holds its entries too).
fn cited<T: Clone + PartialEq>(
    books: &LimitBooks,
    items: impl Fn(&super::limits::LimitBook) -> &Vec<T>,
    cites: impl Fn(&T) -> bool,
) -> Vec<(Vec<String>, T)> {
    let mut out: Vec<(Vec<String>, T)> = Vec::new();
    for b in books.all() {
        for item in items(b).iter().filter(|i| cites(i)) {
            match out.iter_mut().find(|(_, o)| o == item) {
                Some((ids, _)) => ids.push(b.id.clone()),
                None => out.push((vec![b.id.clone()], item.clone())),
            }
        }
    }
    out
}

fn names<T: Copy>(list: &[T], name: impl Fn(T) -> &'static str) -> String {
    list.iter().map(|v| name(*v)).collect::<Vec<_>>().join(", ")
}

/// A profile's parameters of a rule, for people.
fn parameters(r: &RuleSpec) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(days) = r.days {
        out.push(format!("within {days} days"));
    }
    if let (Some(count), Some(hours)) = (r.count, r.hours) {
        out.push(format!("{count} failures within {hours} hours"));
    }
    if !r.funding.is_empty() {
        out.push(format!("funding: {}", names(&r.funding, Funding::id)));
    }
    if !r.countries.is_empty() {
        let c: Vec<&str> = r.countries.iter().map(CountryCode::as_str).collect();
        out.push(format!("countries: {}", c.join(", ")));
    }
    if !r.networks.is_empty() {
        out.push(format!("networks: {}", names(&r.networks, Network::name)));
    }
    for (region, nets) in &r.networks_by_region {
        out.push(format!("{}: {}", region.id(), names(nets, Network::name)));
    }
    if !r.paypal_regions.is_empty() {
        out.push(format!(
            "PayPal in {}",
            names(&r.paypal_regions, Region::id)
        ));
    }
    if !r.regions.is_empty() {
        out.push(format!("regions: {}", names(&r.regions, Region::id)));
    }
    if r.surname_first {
        out.push("names shown surname first".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_id_has_its_words_and_no_other() {
        let ids: Vec<&str> = BINDING_RULES
            .iter()
            .chain(LIFECYCLE_RULES)
            .chain(LIMIT_RULES)
            .copied()
            .collect();
        let documented: Vec<&str> = DOCS.iter().map(|d| d.id).collect();
        assert_eq!(documented, ids);
    }

    #[test]
    fn the_catalogue_reads_the_shipped_data() {
        let c = catalogue(
            &Profiles::built_in().unwrap(),
            &LimitBooks::built_in().unwrap(),
        );
        let rule = |id: &str| c.iter().find(|e| e.id == id).unwrap();
        // C4 blocks on Alibaba Cloud (003) and warns elsewhere.
        let c4 = rule("C4");
        assert_eq!(c4.applies.len(), 2, "{c4:?}");
        let ac = c4
            .applies
            .iter()
            .find(|a| a.providers == [Provider::AlibabaCloud])
            .unwrap();
        assert_eq!(ac.level, Level::Block);
        assert_eq!(ac.source, ALIBABA_CLOUD_DOC);
        // AC4's networks by region come from the profile.
        assert!(
            rule("AC4").applies[0]
                .parameters
                .contains(&"MY: Visa, Mastercard".to_owned())
        );
        // Q8's dated limits, and the standard book's entries held by the
        // alternative book too are listed once.
        let q8 = rule("Q8");
        assert!(
            q8.limits
                .iter()
                .any(|(_, l)| l.source == "english.www.gov.cn-2024-03")
        );
        assert!(
            q8.limits
                .iter()
                .all(|(books, _)| books == &["standard", "alternative"])
        );
        assert!(rule("Q5").fees.len() >= 3);
        assert_eq!(rule("L3").source, Some(ALIBABA_CLOUD_DOC));
    }
}
