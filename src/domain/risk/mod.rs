//! Will this method bind? The binding-risk rules (docs/rules.md), each a small pure
//! function over the card (or PayPal account), the target account, what else is
//! stored (AC8, A4) and the time. Which rules apply to a provider, at which
//! level, with which parameters, is the provider's profile (data).

mod checks;
mod input;

use chrono::{DateTime, FixedOffset};

use crate::domain::account::Provider;
use crate::domain::profile::Profile;

pub use checks::{RULES, name_tokens};
pub use input::{CardSubject, Flag, History, Input, Subject, Target};

pub use crate::domain::rules::Level;

/// The verdict for one method on one provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    pub provider: Provider,
    /// The worst flag's level, or `Ok`.
    pub verdict: Level,
    /// Worst first.
    pub flags: Vec<Flag>,
    /// False when the provider takes no such method at all (PayPal on Alipay).
    pub applicable: bool,
}

/// Judge a method against one provider's profile. Rules whose effective date is
/// after `now` are not yet in force.
pub fn assess(
    subject: &Subject,
    target: &Target,
    history: &History,
    profile: &Profile,
    now: DateTime<FixedOffset>,
) -> Assessment {
    let applicable = !matches!(subject, Subject::Paypal(_)) || profile.accepts_paypal;
    let mut flags = Vec::new();
    if applicable {
        for spec in &profile.rules {
            if spec.effective > now.date_naive() {
                continue;
            }
            let Some((_, rule)) = RULES.iter().find(|(id, _)| *id == spec.id) else {
                continue;
            };
            let input = Input {
                subject,
                target,
                history,
                now,
                spec,
            };
            flags.extend(rule(&input));
        }
    }
    // Worst first; a stable sort keeps the catalogue's order within a level.
    flags.sort_by_key(|f| std::cmp::Reverse(f.level));
    Assessment {
        provider: profile.provider,
        verdict: flags.first().map_or(Level::Ok, |f| f.level),
        flags,
        applicable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::BINDING_RULES;

    #[test]
    fn every_rule_of_the_catalogue_has_its_function_in_order() {
        let ids: Vec<&str> = RULES.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, BINDING_RULES);
    }
}
