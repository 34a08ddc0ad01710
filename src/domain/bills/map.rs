//! The data that says what a bill's categories, types and statuses mean (B1, B2):
//! `assets/bills/*.json`, each entry with its source or "inference", checked when
//! walletdesk starts; an error names the file and the key.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::{BillProvider, SkipReason};
use crate::domain::profile::ProfileError;
use crate::domain::txn::{Destination, TxType};

/// What a category (Alipay `交易分类`) or type (WeChat `交易类型`) makes of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KindRule {
    Record {
        ty: TxType,
        to: Destination,
        /// A withdrawal to a bank card: recorded even when neither in nor out.
        withdrawal: bool,
    },
    Skip(SkipReason),
}

/// One provider's mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillMap {
    pub done_statuses: Vec<String>,
    pub closed_statuses: Vec<String>,
    pub withdrawal_words: Vec<String>,
    pub kinds: BTreeMap<String, KindRule>,
    pub default: KindRule,
}

impl BillMap {
    pub fn kind(&self, name: &str) -> &KindRule {
        self.kinds.get(name).unwrap_or(&self.default)
    }
}

pub const ALIPAY: (&str, &str) = (
    "assets/bills/alipay.json",
    include_str!("../../../assets/bills/alipay.json"),
);
pub const WECHAT: (&str, &str) = (
    "assets/bills/wechat-pay.json",
    include_str!("../../../assets/bills/wechat-pay.json"),
);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    notes_for_maintainers: Option<String>,
    done_statuses: Values,
    closed_statuses: Values,
    withdrawal_words: Values,
    kinds: BTreeMap<String, Entry>,
    default: Entry,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Values {
    values: Vec<String>,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(default, rename = "type")]
    ty: Option<String>,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    withdrawal: bool,
    #[serde(default)]
    skip: Option<String>,
    source: String,
}

/// Parse and check a mapping file.
pub fn parse(file: &str, text: &str) -> Result<BillMap, ProfileError> {
    let err = |key: String, problem: String| ProfileError {
        file: file.to_owned(),
        key,
        problem,
    };
    let de = &mut serde_json::Deserializer::from_str(text);
    let raw: File = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let key = if path == "." { "(file)".into() } else { path };
        err(key, e.into_inner().to_string())
    })?;
    let _ = raw.notes_for_maintainers;
    for (key, v) in [
        ("done_statuses", &raw.done_statuses),
        ("closed_statuses", &raw.closed_statuses),
        ("withdrawal_words", &raw.withdrawal_words),
    ] {
        if v.source.trim().is_empty() {
            return Err(err(
                format!("{key}.source"),
                "must name a source or say inference".into(),
            ));
        }
    }
    let entry = |key: String, e: &Entry| -> Result<KindRule, ProfileError> {
        if e.source.trim().is_empty() {
            return Err(err(
                format!("{key}.source"),
                "must name a source or say inference".into(),
            ));
        }
        match (&e.skip, &e.ty) {
            (Some(s), None) => SkipReason::from_id(s).map(KindRule::Skip).ok_or_else(|| {
                err(
                    format!("{key}.skip"),
                    format!("{s:?} is not one of own-move, fund, top-up, repayment"),
                )
            }),
            (None, Some(t)) => {
                let ty = TxType::from_id(t).ok_or_else(|| {
                    err(
                        format!("{key}.type"),
                        format!("{t:?} is not one of personal, goods, services"),
                    )
                })?;
                let to = match &e.to {
                    None => Destination::Merchant,
                    Some(d) => Destination::from_id(d).ok_or_else(|| {
                        err(
                            format!("{key}.to"),
                            format!("{d:?} is not one of merchant, alipay-account, bank-account"),
                        )
                    })?,
                };
                Ok(KindRule::Record {
                    ty,
                    to,
                    withdrawal: e.withdrawal,
                })
            }
            _ => Err(err(key, "give either type (and to) or skip".into())),
        }
    };
    let mut kinds = BTreeMap::new();
    for (name, e) in &raw.kinds {
        kinds.insert(name.clone(), entry(format!("kinds.{name}"), e)?);
    }
    Ok(BillMap {
        done_statuses: raw.done_statuses.values,
        closed_statuses: raw.closed_statuses.values,
        withdrawal_words: raw.withdrawal_words.values,
        kinds,
        default: entry("default".into(), &raw.default)?,
    })
}

static SHIPPED: LazyLock<Result<(BillMap, BillMap), ProfileError>> =
    LazyLock::new(|| Ok((parse(ALIPAY.0, ALIPAY.1)?, parse(WECHAT.0, WECHAT.1)?)));

/// The shipped mapping of a provider's bills; a broken file is an error naming it.
pub fn built_in(p: BillProvider) -> Result<&'static BillMap, ProfileError> {
    match &*SHIPPED {
        Ok((a, w)) => Ok(match p {
            BillProvider::Alipay => a,
            BillProvider::Wechat => w,
        }),
        Err(e) => Err(e.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_maps_parse() {
        let a = built_in(BillProvider::Alipay).unwrap();
        assert_eq!(
            a.kind("转账红包"),
            &KindRule::Record {
                ty: TxType::Personal,
                to: Destination::AlipayAccount,
                withdrawal: false
            }
        );
        let w = built_in(BillProvider::Wechat).unwrap();
        assert_eq!(w.kind("零钱充值"), &KindRule::Skip(SkipReason::TopUp));
    }

    #[test]
    fn a_bad_entry_names_file_and_key() {
        let text = ALIPAY.1.replace(
            r#""type": "services", "source": "inference"}"#,
            r#""type": "servis", "source": "inference"}"#,
        );
        let e = parse("x.json", &text).unwrap_err();
        assert_eq!(e.file, "x.json");
        assert!(
            e.key.starts_with("kinds.") && e.key.ends_with(".type"),
            "{e:?}"
        );
        let e = parse(
            "x.json",
            &ALIPAY
                .1
                .replace(r#""source": "inference"}"#, r#""source": " "}"#),
        )
        .unwrap_err();
        assert!(e.key.ends_with(".source"), "{e:?}");
    }
}
