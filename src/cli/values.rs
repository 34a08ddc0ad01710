//! The domain's choices as clap values: `--help` lists them, and a value that is
//! not one is refused by clap (exit 2, naming the flag) before anything runs. The
//! ids are the domain's own (`id()`), so the flags keep the values of the CLI
//! contract (docs/cli.md); the domain itself knows nothing of clap.

use clap::ValueEnum;
use clap::builder::PossibleValue;

use crate::domain::bills::mapping::MoneyOut;
use crate::domain::limits::{Destination, TxType, Window};
use crate::domain::{Fact, Funding, MethodStatus, Outcome, Provider, Region, Tier};
use crate::wallet::Setting;

/// `impl ValueEnum` for a domain enum with `ALL` and `id()`; `help` words a value
/// for `--help` where the domain has a name for it.
macro_rules! value_enum {
    ($ty:ty, $help:expr) => {
        impl ValueEnum for $ty {
            fn value_variants<'a>() -> &'a [Self] {
                const ALL: &[$ty] = &<$ty>::ALL;
                ALL
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                let help: Option<&'static str> = ($help)(*self);
                let value = PossibleValue::new(self.id());
                Some(match help {
                    Some(h) => value.help(h),
                    None => value,
                })
            }
        }
    };
}

value_enum!(Provider, |p: Provider| Some(p.name()));
value_enum!(Region, |r: Region| Some(r.name()));
value_enum!(Tier, |t: Tier| Some(match t {
    Tier::Unverified => "not real-name verified",
    Tier::Verified => "real-name verified with a passport",
}));
value_enum!(Funding, |_| None);
value_enum!(Fact, |_| None);
value_enum!(Outcome, |o: Outcome| Some(match o {
    Outcome::Ok => "it bound",
    Outcome::Failed => "the provider refused it",
}));
value_enum!(TxType, |t: TxType| Some(t.label()));
value_enum!(Destination, |d: Destination| Some(d.label()));
value_enum!(Window, |w: Window| Some(w.label()));
value_enum!(MoneyOut, |m: MoneyOut| Some(m.label()));

impl ValueEnum for Setting {
    fn value_variants<'a>() -> &'a [Self] {
        &Setting::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.key()).help(self.help()))
    }
}

/// The statuses a new method may start in: `pending` until the provider has
/// verified it, or `active` when it already has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewStatus {
    /// Linking is under way (the default)
    Pending,
    /// Already linked and verified
    Active,
}

impl NewStatus {
    pub fn status(self) -> MethodStatus {
        match self {
            NewStatus::Pending => MethodStatus::Pending,
            NewStatus::Active => MethodStatus::Active,
        }
    }
}

/// The statuses a person reports for a method (`method set-status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportedStatus {
    /// The provider shows it active: the pre-authorization succeeded
    Active,
    /// Binding failed (say why with --reason)
    Failed,
}

impl ReportedStatus {
    pub fn status(self) -> MethodStatus {
        match self {
            ReportedStatus::Active => MethodStatus::Active,
            ReportedStatus::Failed => MethodStatus::Failed,
        }
    }
}

/// A yes/no answer (`--outstanding-bills`, `--funding-source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum YesNo {
    Yes,
    No,
}

impl YesNo {
    pub fn yes(self) -> bool {
        self == YesNo::Yes
    }
}

/// One provider, or every one (`check-card --provider`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderChoice {
    All,
    One(Provider),
}

impl ProviderChoice {
    pub fn providers(self) -> Vec<Provider> {
        match self {
            ProviderChoice::All => Provider::ALL.to_vec(),
            ProviderChoice::One(p) => vec![p],
        }
    }
}

impl ValueEnum for ProviderChoice {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            ProviderChoice::One(Provider::Alipay),
            ProviderChoice::One(Provider::AlipayHk),
            ProviderChoice::One(Provider::WechatPay),
            ProviderChoice::One(Provider::AlibabaCloud),
            ProviderChoice::All,
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        match self {
            ProviderChoice::All => Some(PossibleValue::new("all").help("every provider")),
            ProviderChoice::One(p) => p.to_possible_value(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_domain_value_is_offered_by_its_id() {
        let ids = |v: &[PossibleValue]| {
            v.iter()
                .map(|p| p.get_name().to_owned())
                .collect::<Vec<_>>()
        };
        let values = |all: Vec<Option<PossibleValue>>| -> Vec<PossibleValue> {
            all.into_iter().flatten().collect()
        };
        assert_eq!(
            ids(&values(
                Provider::value_variants()
                    .iter()
                    .map(ValueEnum::to_possible_value)
                    .collect()
            )),
            ["alipay", "alipay-hk", "wechat-pay", "alibaba-cloud"]
        );
        assert_eq!(
            ids(&values(
                Region::value_variants()
                    .iter()
                    .map(ValueEnum::to_possible_value)
                    .collect()
            )),
            ["US", "EU", "EUROPE-NON-EU", "MY", "OTHER"]
        );
        assert_eq!(
            ProviderChoice::from_str("all", false),
            Ok(ProviderChoice::All)
        );
        assert_eq!(
            ProviderChoice::from_str("wechat-pay", false),
            Ok(ProviderChoice::One(Provider::WechatPay))
        );
        assert_eq!(
            Destination::from_str("alipay-account", false),
            Ok(Destination::AlipayAccount)
        );
    }
}

/// How `tx import` reads its file (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ImportFormat {
    /// Detected from the file's header (the default)
    #[default]
    Auto,
    /// walletdesk's own CSV (at,amount,currency,...)
    Walletdesk,
    /// Alipay's CSV bill (GBK or UTF-8)
    Alipay,
    /// WeChat Pay's CSV bill
    Wechat,
}

impl ImportFormat {
    pub fn choice(self) -> crate::domain::bills::FormatChoice {
        use crate::domain::bills::FormatChoice;
        match self {
            ImportFormat::Auto => FormatChoice::Auto,
            ImportFormat::Walletdesk => FormatChoice::Walletdesk,
            ImportFormat::Alipay => FormatChoice::Alipay,
            ImportFormat::Wechat => FormatChoice::Wechat,
        }
    }
}

/// `--format` of `tx import`: one of the formats walletdesk knows, or a column
/// mapping saved by name (`mapping:NAME`, see `walletdesk mapping`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatArg {
    Known(ImportFormat),
    Mapping(String),
}

impl Default for FormatArg {
    fn default() -> Self {
        FormatArg::Known(ImportFormat::Auto)
    }
}

/// Read `--format`: auto, walletdesk, alipay, wechat or mapping:NAME.
pub fn parse_format(s: &str) -> Result<FormatArg, String> {
    if let Some(name) = s.strip_prefix("mapping:") {
        if name.trim().is_empty() {
            return Err("mapping:NAME needs the mapping's name (`walletdesk mapping list`)".into());
        }
        return Ok(FormatArg::Mapping(name.trim().to_owned()));
    }
    ImportFormat::from_str(s, false)
        .map(FormatArg::Known)
        .map_err(|_| {
            format!("{s:?} is not a format: use auto, walletdesk, alipay, wechat or mapping:NAME")
        })
}
