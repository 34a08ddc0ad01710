//! Default and removable methods (L1–L7, docs/rules.md): which status changes are
//! allowed, what blocks making a method default or removing it, and the plan
//! that unblocks it. Pure: the service passes the account's methods and the time.

use std::fmt;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

use super::field::FieldError;
use super::ids::MethodId;
use super::method::{Method, MethodStatus};
use super::risk::{Assessment, Flag};
use super::rules::Level;

/// The status changes a person may make (`method set-status`). `expired` comes
/// from the clock and `removed` from removal; nothing leaves `expired` or `removed`.
pub const USER_TRANSITIONS: &[(MethodStatus, MethodStatus)] = &[
    // The pre-authorization succeeded: the provider shows it Active.
    (MethodStatus::Pending, MethodStatus::Active),
    // Binding failed (keep the reason).
    (MethodStatus::Pending, MethodStatus::Failed),
    // Linked again successfully after a failure.
    (MethodStatus::Failed, MethodStatus::Active),
    // The provider stopped accepting it.
    (MethodStatus::Active, MethodStatus::Failed),
];

/// Days ahead an expiry is announced (the same 60 days as C5, an *inference*).
pub const EXPIRY_REMINDER_DAYS: i64 = 60;

/// The USD 1.00 hold: its refund starts within 24 hours and may take up to 30
/// days to appear (003).
pub const REFUND_START_HOURS: i64 = 24;
pub const REFUND_APPEARS_DAYS: i64 = 30;

/// One step of a plan that unblocks an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The app can do it: make this method the default.
    MakeDefault { method: MethodId, title: String },
    /// The app can do it: remove (archive) this method.
    Remove { method: MethodId, title: String },
    /// Only the person can do it, outside walletdesk.
    Outside(String),
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::MakeDefault { title, .. } => write!(f, "set {title} as default"),
            Step::Remove { title, .. } => write!(f, "remove {title}"),
            Step::Outside(s) => f.write_str(s),
        }
    }
}

/// A way through: steps in order. A refusal may offer several (L6: one per
/// active method that could become the default).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan(pub Vec<Step>);

impl Plan {
    /// Whether the app can carry out every step.
    pub fn is_doable(&self) -> bool {
        !self.0.is_empty() && self.0.iter().all(|s| !matches!(s, Step::Outside(_)))
    }
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let steps: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        let text = steps.join(", then ");
        let mut c = text.chars();
        match c.next() {
            Some(first) => write!(f, "{}{}", first.to_uppercase(), c.as_str()),
            None => Ok(()),
        }
    }
}

/// An action refused by a rule: which, why in a sentence, and the ways through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub rule: &'static str,
    pub message: String,
    /// Alternative plans; empty when there is nothing to do but wait.
    pub plans: Vec<Plan>,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.rule, self.message)
    }
}

/// What a removal will do besides archiving the method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Removal {
    /// L6: the method that becomes the default in the same step.
    pub new_default: Option<MethodId>,
}

fn others(methods: &[Method], id: MethodId) -> impl Iterator<Item = &Method> {
    methods
        .iter()
        .filter(move |m| m.id != id && m.status != MethodStatus::Removed)
}

fn find(methods: &[Method], id: MethodId) -> Result<&Method, FieldError> {
    methods.iter().find(|m| m.id == id).ok_or_else(|| {
        FieldError::new("method", format!("there is no method {id} on this account"))
    })
}

/// Can `id` become the default of the account whose methods are `methods`?
pub fn check_make_default(
    methods: &[Method],
    id: MethodId,
) -> Result<Result<(), Refusal>, FieldError> {
    let m = find(methods, id)?;
    if m.is_default {
        return Err(FieldError::new(
            "method",
            format!("{} is already the default", m.title()),
        ));
    }
    if m.status == MethodStatus::Active {
        return Ok(Ok(()));
    }
    // L2: only an active method can be made default.
    let outside = match m.status {
        MethodStatus::Pending => {
            "Wait for the USD 1.00 pre-authorization to succeed, mark it verified, then make it the default"
        }
        MethodStatus::Failed => "Link it again successfully and mark it verified first",
        MethodStatus::Expired => {
            "Link the renewed card instead: an expired card cannot be the default"
        }
        MethodStatus::Removed => "It is archived: link it again as a new method",
        MethodStatus::Active => "",
    };
    Ok(Err(Refusal {
        rule: "L2",
        message: format!(
            "only an active method can be made the default, and {} is {}",
            m.title(),
            m.status.id()
        ),
        plans: vec![Plan(vec![Step::Outside(outside.into())])],
    }))
}

/// Can `id` be removed (archived)? `outstanding_bills` is the account's flag (L5);
/// `new_default` is the person's choice when L6 asks for one.
pub fn check_remove(
    methods: &[Method],
    outstanding_bills: bool,
    id: MethodId,
    new_default: Option<MethodId>,
) -> Result<Result<Removal, Refusal>, FieldError> {
    let m = find(methods, id)?;
    if m.status == MethodStatus::Removed {
        return Err(FieldError::new(
            "method",
            format!("{} is already removed", m.title()),
        ));
    }
    let rest: Vec<&Method> = others(methods, id).collect();
    let active_rest: Vec<&Method> = rest
        .iter()
        .copied()
        .filter(|o| o.status == MethodStatus::Active)
        .collect();
    if let Some(n) = new_default
        && !active_rest.iter().any(|o| o.id == n)
    {
        return Err(FieldError::new(
            "new-default",
            format!("method {n} is not another active method of this account"),
        ));
    }

    // L5: the only active method stays while bills are outstanding.
    if outstanding_bills && m.status == MethodStatus::Active && active_rest.is_empty() {
        return Ok(Err(Refusal {
            rule: "L5",
            message: format!(
                "{} is the only active method, and the account has running resources or outstanding bills",
                m.title()
            ),
            plans: vec![Plan(vec![
                Step::Outside("Add another method and wait until it is verified (active), or settle the bills and release the running resources".into()),
                Step::Remove { method: id, title: m.title() },
            ])],
        }));
    }
    if !m.is_default {
        // L4: a non-default method can be removed.
        return Ok(Ok(Removal { new_default: None }));
    }
    if m.status != MethodStatus::Expired {
        if rest.is_empty() {
            // The only method: nothing else to be the default.
            return Ok(Ok(Removal { new_default: None }));
        }
        // L3: while there are other methods, the default stays unless it expired.
        // With another active method named, the plan is carried out in one
        // step: it becomes the default, then this (no longer the default) goes (L4).
        if let Some(n) = new_default {
            return Ok(Ok(Removal {
                new_default: Some(n),
            }));
        }
        let plans = if active_rest.is_empty() {
            vec![Plan(vec![
                Step::Outside("Verify another method first (it must be active)".into()),
                Step::Outside("set it as default".into()),
                Step::Remove {
                    method: id,
                    title: m.title(),
                },
            ])]
        } else {
            active_rest
                .iter()
                .map(|o| {
                    Plan(vec![
                        Step::MakeDefault {
                            method: o.id,
                            title: o.title(),
                        },
                        Step::Remove {
                            method: id,
                            title: m.title(),
                        },
                    ])
                })
                .collect()
        };
        return Ok(Err(Refusal {
            rule: "L3",
            message: format!(
                "{} is the default and the account has other methods: set another default first",
                m.title()
            ),
            plans,
        }));
    }
    // L4: an expired default can go. L6: if others are active, one becomes the
    // default in the same step, chosen by the person.
    if active_rest.is_empty() {
        return Ok(Ok(Removal { new_default: None }));
    }
    match new_default {
        Some(n) => Ok(Ok(Removal {
            new_default: Some(n),
        })),
        None => Ok(Err(Refusal {
            rule: "L6",
            message: format!(
                "{} is the expired default and other methods are active: choose the new default in the same step",
                m.title()
            ),
            plans: active_rest
                .iter()
                .map(|o| {
                    Plan(vec![
                        Step::Remove {
                            method: id,
                            title: m.title(),
                        },
                        Step::MakeDefault {
                            method: o.id,
                            title: o.title(),
                        },
                    ])
                })
                .collect(),
        })),
    }
}

/// K1: the provider takes no method of this kind; nothing gets round it.
pub const KIND_NOT_TAKEN: &str = "K1";

impl Refusal {
    /// For a refusal of `check_link`: whether the person may add the method
    /// anyway (a `block` verdict), or not at all (K1).
    pub fn allows_adding_anyway(&self) -> bool {
        self.rule != KIND_NOT_TAKEN
    }
}

/// K1 and the `block` verdict, before a method is linked: a kind of method the
/// provider does not take at all is refused (PayPal on Alipay); a method that
/// will fail (`block`) is refused unless the person says to add it anyway (it
/// may have bound after all). `title` names the method, `assessment` is its
/// verdict on the account's own provider.
pub fn check_link(title: &str, assessment: &Assessment, anyway: bool) -> Result<(), Refusal> {
    let provider = assessment.provider.name();
    if !assessment.applicable {
        return Err(Refusal {
            rule: KIND_NOT_TAKEN,
            message: format!("{provider} does not take this kind of method ({title})"),
            plans: vec![Plan(vec![Step::Outside(format!(
                "Link a card to {provider} instead"
            ))])],
        });
    }
    if anyway || assessment.verdict != Level::Block {
        return Ok(());
    }
    let blocks: Vec<&Flag> = assessment
        .flags
        .iter()
        .filter(|f| f.level == Level::Block)
        .collect();
    let rule = blocks.first().map_or("C1", |f| f.rule);
    let why: Vec<String> = blocks
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if i == 0 {
                f.message.clone()
            } else {
                format!("also {}: {}", f.rule, f.message)
            }
        })
        .collect();
    // Every block must be solved, in no particular order: one step.
    let mut remedies: Vec<&str> = blocks
        .iter()
        .map(|f| f.remedy.as_str())
        .filter(|r| !r.is_empty())
        .collect();
    remedies.dedup();
    let steps = vec![Step::Outside(remedies.join("; "))];
    Err(Refusal {
        rule,
        message: format!("{title} will fail on {provider}: {}", why.join("; ")),
        plans: vec![
            Plan(steps),
            Plan(vec![Step::Outside(
                "If it did bind after all, add it anyway (on the command line: --anyway)".into(),
            )]),
        ],
    })
}

/// L8 (walletdesk's own): an account is removed (archived) only once none of
/// its methods is live; each method goes by its own rules (L3–L6) first.
pub fn check_remove_account(label: &str, methods: &[Method]) -> Result<(), Refusal> {
    let live: Vec<&Method> = methods
        .iter()
        .filter(|m| m.status != MethodStatus::Removed)
        .collect();
    if live.is_empty() {
        return Ok(());
    }
    // Non-defaults first: the default can go last without L3 standing in the way.
    let mut order = live.clone();
    order.sort_by_key(|m| m.is_default);
    Err(Refusal {
        rule: "L8",
        message: format!(
            "{label} still has {}: remove {} first",
            match live.len() {
                1 => "a live method".to_owned(),
                n => format!("{n} live methods"),
            },
            if live.len() == 1 { "it" } else { "them" }
        ),
        plans: vec![Plan(
            order
                .iter()
                .map(|m| Step::Remove {
                    method: m.id,
                    title: m.title(),
                })
                .collect(),
        )],
    })
}

/// Is `from` → `to` a change a person may make?
pub fn check_set_status(m: &Method, to: MethodStatus) -> Result<(), FieldError> {
    if m.status == to {
        return Err(FieldError::new(
            "status",
            format!("{} is already {}", m.title(), to.id()),
        ));
    }
    if USER_TRANSITIONS.contains(&(m.status, to)) {
        return Ok(());
    }
    let why = match m.status {
        MethodStatus::Expired => "an expired card stays expired: link the renewed card",
        MethodStatus::Removed => "a removed method is archived",
        _ => "that change is not one a person makes (expiry follows the clock; removal archives)",
    };
    Err(FieldError::new(
        "status",
        format!(
            "{} cannot go from {} to {}: {why}",
            m.title(),
            m.status.id(),
            to.id()
        ),
    ))
}

/// L7: only a verified (active) method can pay.
pub fn check_pay(m: &Method) -> Result<(), Refusal> {
    if m.status == MethodStatus::Active {
        return Ok(());
    }
    Err(Refusal {
        rule: "L7",
        message: format!(
            "{} is {} and cannot be used for payments",
            m.title(),
            m.status.id()
        ),
        plans: vec![Plan(vec![Step::Outside(
            "Pay with an active method, or wait until this one is verified".into(),
        )])],
    })
}

/// Cards whose expiry month has ended by `today` and are not yet marked expired.
pub fn due_to_expire(methods: &[Method], today: NaiveDate) -> Vec<MethodId> {
    methods
        .iter()
        .filter(|m| !matches!(m.status, MethodStatus::Expired | MethodStatus::Removed))
        .filter(|m| m.card().is_some_and(|c| c.expiry.is_expired(today)))
        .map(|m| m.id)
        .collect()
}

/// How soon a card expires, for reminders: this month, or within 60 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpiryReminder {
    ThisMonth,
    WithinDays(i64),
}

pub fn expiry_reminder(m: &Method, today: NaiveDate) -> Option<ExpiryReminder> {
    if matches!(m.status, MethodStatus::Expired | MethodStatus::Removed) {
        return None;
    }
    let e = m.card()?.expiry;
    if e.is_expired(today) {
        return None;
    }
    if e.is_this_month(today) {
        return Some(ExpiryReminder::ThisMonth);
    }
    let days = (e.last_day() - today).num_days();
    (days <= EXPIRY_REMINDER_DAYS).then_some(ExpiryReminder::WithinDays(days))
}

/// Where the USD 1.00 hold of a pending method stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preauth {
    pub placed_at: DateTime<FixedOffset>,
    /// The refund should have started by then.
    pub refund_starts_by: DateTime<FixedOffset>,
    /// The refund should have appeared by then.
    pub refund_expected_by: DateTime<FixedOffset>,
    /// 30 days have passed and the method is still pending: look into it.
    pub overdue: bool,
}

pub fn preauth(
    m: &Method,
    placed_at: Option<DateTime<FixedOffset>>,
    now: DateTime<FixedOffset>,
) -> Option<Preauth> {
    let placed_at = placed_at?;
    if m.status != MethodStatus::Pending {
        return None;
    }
    let refund_expected_by = placed_at + Duration::days(REFUND_APPEARS_DAYS);
    Some(Preauth {
        placed_at,
        refund_starts_by: placed_at + Duration::hours(REFUND_START_HOURS),
        refund_expected_by,
        overdue: now >= refund_expected_by,
    })
}

/// L6: the account's default when it has expired or failed, so the window can
/// say so and offer the active methods (never picking one silently).
pub fn default_needs_replacing(methods: &[Method]) -> Option<(&Method, Vec<&Method>)> {
    let d = methods.iter().find(|m| {
        m.is_default && matches!(m.status, MethodStatus::Expired | MethodStatus::Failed)
    })?;
    let active: Vec<&Method> = methods
        .iter()
        .filter(|m| m.status == MethodStatus::Active)
        .collect();
    Some((d, active))
}
