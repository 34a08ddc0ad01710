//! The rule ids (listed with their words and data by `walletdesk rules` and in
//! docs/rules.md): how bad a flag or a limit's use is, and the rule ids the
//! shipped data may cite. A leaf: the binding rules (`risk`), the
//! provider profiles (`profile`) and the limits all read it, and it reads none of
//! them.

use std::fmt;

/// How bad a flag is. Ordered: `Ok` < `Info` < `Warn` < `High` < `Block`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Ok,
    Info,
    Warn,
    High,
    Block,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Ok,
        Level::Info,
        Level::Warn,
        Level::High,
        Level::Block,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Level::Ok => "ok",
            Level::Info => "info",
            Level::Warn => "warn",
            Level::High => "high",
            Level::Block => "block",
        }
    }

    pub fn from_id(id: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.id() == id)
    }

    /// What the verdict means for a person.
    pub fn verdict_text(self) -> &'static str {
        match self {
            Level::Ok => "binds",
            Level::Info => "binds, with a note",
            Level::Warn => "may fail",
            Level::High => "likely to fail",
            Level::Block => "will fail",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Every binding-rule id the engine knows, in its order.
/// `risk::RULES` pairs each with its function, in the same order.
pub const BINDING_RULES: &[&str] = &[
    "C1", "C2", "C3", "C4", "C5", "A1", "A2", "A3", "A4", "AC1", "AC2", "AC3", "AC4", "AC5", "AC6",
    "AC7", "AC8", "AC9", "AL1", "AL2", "AL3", "AL4", "AL5", "AL6", "AH1", "WX1", "WX2", "WX3",
];

/// The rule ids a limit book may cite.
pub const LIMIT_RULES: &[&str] = &["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8"];

/// The rules of default and removable methods (`lifecycle`).
pub const LIFECYCLE_RULES: &[&str] = &["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "K1"];
