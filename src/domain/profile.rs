//! Provider profiles: which binding rules apply to a provider, at what level, with
//! which parameters (supported networks per region, funding types, countries),
//! each with its source file and effective date. Data, not code: shipped under
//! `assets/providers/`, parsed and validated at start. A malformed profile is an
//! error naming the file, the key and the problem.
//!
//! Parsing works on `serde_json::Value` so each error can name its exact key path.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::account::{Provider, Region};
use super::card::Network;
use super::field::CountryCode;
use super::method::Funding;
use super::rules::{BINDING_RULES, Level};

/// Every binding-rule id the engine knows, in its order.
pub fn rule_ids() -> impl Iterator<Item = &'static str> {
    BINDING_RULES.iter().copied()
}

/// A profile that could not be used: which file, which key, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {key}: {problem}")]
pub struct ProfileError {
    pub file: String,
    pub key: String,
    pub problem: String,
}

/// One rule as a provider applies it.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSpec {
    pub id: &'static str,
    /// The level when the rule's condition holds.
    pub level: Level,
    /// The level when a fact the rule needs is `unknown` (AC5, AC6, AC7).
    pub unknown_level: Option<Level>,
    /// A second level: AC6 outside the required regions, AH1 elsewhere, A3 for
    /// the same names in another order, AC9 without a funding source.
    pub other_level: Option<Level>,
    pub source: String,
    pub effective: NaiveDate,
    /// No source states it (an *inference*).
    pub inference: bool,
    pub countries: Vec<CountryCode>,
    pub funding: Vec<Funding>,
    pub networks: Vec<Network>,
    pub networks_by_region: BTreeMap<Region, Vec<Network>>,
    pub paypal_regions: Vec<Region>,
    pub regions: Vec<Region>,
    pub days: Option<u32>,
    pub count: Option<u32>,
    pub hours: Option<u32>,
    pub surname_first: bool,
}

/// What walletdesk knows about binding to one provider.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub provider: Provider,
    pub file: String,
    pub source: String,
    pub effective: NaiveDate,
    /// In the order of `rule_ids()`.
    pub rules: Vec<RuleSpec>,
    /// Whether PayPal accounts can be linked at all (only the rules of a provider
    /// that takes PayPal judge a PayPal account).
    pub accepts_paypal: bool,
}

impl Profile {
    pub fn rule(&self, id: &str) -> Option<&RuleSpec> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// The profiles of all four providers.
#[derive(Debug, Clone, PartialEq)]
pub struct Profiles(Vec<Profile>);

/// The profiles shipped in the binary (`assets/providers/`).
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "assets/providers/alipay.json",
        include_str!("../../assets/providers/alipay.json"),
    ),
    (
        "assets/providers/alipay-hk.json",
        include_str!("../../assets/providers/alipay-hk.json"),
    ),
    (
        "assets/providers/wechat-pay.json",
        include_str!("../../assets/providers/wechat-pay.json"),
    ),
    (
        "assets/providers/alibaba-cloud.json",
        include_str!("../../assets/providers/alibaba-cloud.json"),
    ),
];

impl Profiles {
    /// Parse and validate a set of (file name, JSON text); every provider must be there once.
    pub fn parse(files: &[(&str, &str)]) -> Result<Profiles, ProfileError> {
        let mut out: Vec<Profile> = Vec::new();
        for (file, text) in files {
            let p = parse_profile(file, text)?;
            if let Some(other) = out.iter().find(|o| o.provider == p.provider) {
                return Err(ProfileError {
                    file: (*file).to_owned(),
                    key: "provider".into(),
                    problem: format!("{} is already described by {}", p.provider.id(), other.file),
                });
            }
            out.push(p);
        }
        for provider in Provider::ALL {
            if !out.iter().any(|p| p.provider == provider) {
                return Err(ProfileError {
                    file: "assets/providers/".into(),
                    key: "provider".into(),
                    problem: format!("no profile for {}", provider.id()),
                });
            }
        }
        out.sort_by_key(|p| p.provider);
        Ok(Profiles(out))
    }

    /// Replace the profile of the same provider (a user's edited copy).
    pub fn with_override(mut self, p: Profile) -> Profiles {
        self.0.retain(|o| o.provider != p.provider);
        self.0.push(p);
        self.0.sort_by_key(|p| p.provider);
        self
    }

    /// The built-in profiles. They are checked by the test suite, so this fails
    /// only on a broken build.
    pub fn built_in() -> Result<Profiles, ProfileError> {
        Profiles::parse(BUILT_IN)
    }

    pub fn get(&self, provider: Provider) -> &Profile {
        // `parse` guarantees one profile per provider.
        self.0
            .iter()
            .find(|p| p.provider == provider)
            .unwrap_or(&self.0[0])
    }

    pub fn all(&self) -> &[Profile] {
        &self.0
    }
}

struct Ctx<'a> {
    file: &'a str,
}

impl Ctx<'_> {
    fn err(&self, key: &str, problem: impl fmt::Display) -> ProfileError {
        ProfileError {
            file: self.file.to_owned(),
            key: key.to_owned(),
            problem: problem.to_string(),
        }
    }

    fn str<'v>(
        &self,
        obj: &'v Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Result<&'v str, ProfileError> {
        match obj.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
            Some(_) => Err(self.err(path, "must be a non-empty string")),
            None => Err(self.err(path, "is missing")),
        }
    }

    fn date(
        &self,
        obj: &Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Result<NaiveDate, ProfileError> {
        let s = self.str(obj, key, path)?;
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| self.err(path, format!("{s:?} is not a date like 2026-01-12")))
    }

    fn level(&self, v: &Value, path: &str) -> Result<Level, ProfileError> {
        v.as_str()
            .and_then(Level::from_id)
            .filter(|l| *l != Level::Ok)
            .ok_or_else(|| self.err(path, format!("{v} is not one of info, warn, high, block")))
    }

    fn list<T>(
        &self,
        v: &Value,
        path: &str,
        what: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<Vec<T>, ProfileError> {
        let arr = v
            .as_array()
            .ok_or_else(|| self.err(path, format!("must be a list of {what}")))?;
        arr.iter()
            .enumerate()
            .map(|(i, item)| {
                item.as_str().and_then(&parse).ok_or_else(|| {
                    self.err(
                        &format!("{path}[{i}]"),
                        format!("{item} is not a known {what}"),
                    )
                })
            })
            .collect()
    }

    fn count(&self, v: &Value, path: &str) -> Result<u32, ProfileError> {
        v.as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| *n > 0)
            .ok_or_else(|| self.err(path, format!("{v} is not a positive whole number")))
    }
}

/// Parse and validate one profile file.
pub fn parse_profile(file: &str, text: &str) -> Result<Profile, ProfileError> {
    let cx = Ctx { file };
    let root: Value =
        serde_json::from_str(text).map_err(|e| cx.err("(file)", format!("not valid JSON: {e}")))?;
    let obj = root
        .as_object()
        .ok_or_else(|| cx.err("(file)", "must be a JSON object"))?;
    for key in obj.keys() {
        if ![
            "provider",
            "name",
            "source",
            "effective",
            "notes",
            "accepts_paypal",
            "rules",
        ]
        .contains(&key.as_str())
        {
            return Err(cx.err(key, "unknown key"));
        }
    }
    let provider_id = cx.str(obj, "provider", "provider")?;
    let provider = Provider::parse(provider_id).map_err(|_| {
        cx.err(
            "provider",
            format!("{provider_id:?} is not alipay, alipay-hk, wechat-pay or alibaba-cloud"),
        )
    })?;
    let source = cx.str(obj, "source", "source")?.to_owned();
    let effective = cx.date(obj, "effective", "effective")?;
    let accepts_paypal = match obj.get("accepts_paypal") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(cx.err("accepts_paypal", "must be true or false")),
    };
    let rules_obj = obj
        .get("rules")
        .and_then(Value::as_object)
        .ok_or_else(|| cx.err("rules", "must be an object of rule ids"))?;
    let mut rules = Vec::new();
    for (id, spec) in rules_obj {
        let Some(id) = rule_ids().find(|r| r == id) else {
            return Err(cx.err(
                &format!("rules.{id}"),
                "unknown rule id (see `walletdesk rules`)",
            ));
        };
        rules.push(parse_rule(&cx, id, spec, &source, effective)?);
    }
    rules.sort_by_key(|r| rule_ids().position(|id| id == r.id));
    Ok(Profile {
        provider,
        file: file.to_owned(),
        source,
        effective,
        rules,
        accepts_paypal,
    })
}

fn parse_rule(
    cx: &Ctx<'_>,
    id: &'static str,
    spec: &Value,
    default_source: &str,
    default_effective: NaiveDate,
) -> Result<RuleSpec, ProfileError> {
    let path = format!("rules.{id}");
    let obj = spec
        .as_object()
        .ok_or_else(|| cx.err(&path, "must be an object"))?;
    let key = |k: &str| format!("{path}.{k}");
    let mut r = RuleSpec {
        id,
        level: cx.level(
            obj.get("level")
                .ok_or_else(|| cx.err(&key("level"), "is missing"))?,
            &key("level"),
        )?,
        unknown_level: None,
        other_level: None,
        source: match obj.get("source") {
            Some(_) => cx.str(obj, "source", &key("source"))?.to_owned(),
            None => default_source.to_owned(),
        },
        effective: match obj.get("effective") {
            Some(_) => cx.date(obj, "effective", &key("effective"))?,
            None => default_effective,
        },
        inference: false,
        countries: Vec::new(),
        funding: Vec::new(),
        networks: Vec::new(),
        networks_by_region: BTreeMap::new(),
        paypal_regions: Vec::new(),
        regions: Vec::new(),
        days: None,
        count: None,
        hours: None,
        surname_first: false,
    };
    for (k, v) in obj {
        let p = key(k);
        match k.as_str() {
            "level" | "source" | "effective" | "note" => {}
            "inference" => {
                r.inference = v
                    .as_bool()
                    .ok_or_else(|| cx.err(&p, "must be true or false"))?;
            }
            "surname_first" => {
                r.surname_first = v
                    .as_bool()
                    .ok_or_else(|| cx.err(&p, "must be true or false"))?;
            }
            "unknown_level" => r.unknown_level = Some(cx.level(v, &p)?),
            "other_level" => r.other_level = Some(cx.level(v, &p)?),
            "countries" => {
                r.countries = cx.list(v, &p, "two-letter country code", |s| {
                    CountryCode::parse("country", s).ok()
                })?;
            }
            "funding" => r.funding = cx.list(v, &p, "funding type", Funding::from_id)?,
            "networks" => match v {
                Value::Object(by_region) => {
                    for (region, list) in by_region {
                        let reg = Region::parse(region).map_err(|_| {
                            cx.err(
                                &format!("{p}.{region}"),
                                "is not a region (US, EU, EUROPE-NON-EU, MY, OTHER)",
                            )
                        })?;
                        let nets =
                            cx.list(list, &format!("{p}.{region}"), "network", Network::from_id)?;
                        r.networks_by_region.insert(reg, nets);
                    }
                }
                _ => r.networks = cx.list(v, &p, "network", Network::from_id)?,
            },
            "paypal_regions" => {
                r.paypal_regions = cx.list(v, &p, "region", |s| Region::parse(s).ok())?;
            }
            "regions" => r.regions = cx.list(v, &p, "region", |s| Region::parse(s).ok())?,
            "days" => r.days = Some(cx.count(v, &p)?),
            "count" => r.count = Some(cx.count(v, &p)?),
            "hours" => r.hours = Some(cx.count(v, &p)?),
            _ => return Err(cx.err(&p, "unknown key")),
        }
    }
    require(cx, &r, &path)?;
    Ok(r)
}

/// The parameters each rule cannot do without.
fn require(cx: &Ctx<'_>, r: &RuleSpec, path: &str) -> Result<(), ProfileError> {
    let missing = |k: &str| Err(cx.err(&format!("{path}.{k}"), "is missing: this rule needs it"));
    match r.id {
        "C5" if r.days.is_none() => missing("days"),
        "A4" if r.count.is_none() => missing("count"),
        "A4" if r.hours.is_none() => missing("hours"),
        "AC2" | "AL3" if r.funding.is_empty() => missing("funding"),
        "AC3" | "AC9" | "AL1" | "AL2" | "AL6" | "AH1" | "WX1" | "WX2" if r.countries.is_empty() => {
            missing("countries")
        }
        "WX3" if r.networks.is_empty() => missing("networks"),
        "AC4" => {
            for region in Region::ALL {
                if !r.networks_by_region.contains_key(&region) {
                    return Err(cx.err(
                        &format!("{path}.networks.{}", region.id()),
                        "is missing: list the networks accepted in every region",
                    ));
                }
            }
            Ok(())
        }
        "AC5" | "AC6" | "AC7" if r.unknown_level.is_none() => missing("unknown_level"),
        "AC6" | "AC9" | "AH1" | "A3" if r.other_level.is_none() => missing("other_level"),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_profiles_load() {
        let p = Profiles::built_in().unwrap();
        assert_eq!(p.all().len(), 4);
        let ac = p.get(Provider::AlibabaCloud);
        assert!(ac.accepts_paypal);
        let ac4 = ac.rule("AC4").unwrap();
        assert_eq!(ac4.source, "003_0647db2b27c843d7.txt");
        assert_eq!(ac4.networks_by_region[&Region::Other].len(), 4);
        assert!(p.get(Provider::Alipay).rule("AC4").is_none());
    }

    fn one(text: &str) -> ProfileError {
        parse_profile("assets/providers/x.json", text).unwrap_err()
    }

    #[test]
    fn malformed_profiles_name_file_key_and_problem() {
        let e = one("{");
        assert_eq!(e.file, "assets/providers/x.json");
        assert!(e.problem.contains("not valid JSON"), "{e}");

        let base = r#""provider": "alibaba-cloud", "source": "003.txt", "effective": "2026-01-12""#;
        let e = one(&format!(
            r#"{{{base}, "rules": {{"AC4": {{"level": "block", "networks": {{"US": ["visa", "visa2"]}}}}}}}}"#
        ));
        assert_eq!(e.key, "rules.AC4.networks.US[1]");
        assert!(
            e.problem.contains("\"visa2\" is not a known network"),
            "{e}"
        );

        let e = one(&format!(
            r#"{{{base}, "rules": {{"AC4": {{"level": "block", "networks": {{"US": ["visa"]}}}}}}}}"#
        ));
        assert_eq!(e.key, "rules.AC4.networks.EU");

        let e = one(&format!(
            r#"{{{base}, "rules": {{"C4": {{"level": "fatal"}}}}}}"#
        ));
        assert_eq!(e.key, "rules.C4.level");
        assert!(e.problem.contains("info, warn, high, block"));

        let e = one(&format!(
            r#"{{{base}, "rules": {{"ZZ9": {{"level": "warn"}}}}}}"#
        ));
        assert_eq!(e.key, "rules.ZZ9");

        let e =
            one(r#"{"provider": "paypal", "source": "x", "effective": "2026-01-12", "rules": {}}"#);
        assert_eq!(e.key, "provider");

        let e = one(&format!(r#"{{{base}, "rules": {{}}, "colour": "red"}}"#));
        assert_eq!(e.key, "colour");

        let e =
            one(r#"{"provider": "alipay", "source": "x", "effective": "12/01/2026", "rules": {}}"#);
        assert_eq!(e.key, "effective");

        let e = one(&format!(
            r#"{{{base}, "rules": {{"C5": {{"level": "warn"}}}}}}"#
        ));
        assert_eq!(e.key, "rules.C5.days");
        assert_eq!(
            e.to_string(),
            "assets/providers/x.json: rules.C5.days: is missing: this rule needs it"
        );
    }

    #[test]
    fn every_provider_needs_exactly_one_profile() {
        let mut files: Vec<(&str, &str)> = BUILT_IN.to_vec();
        files.pop();
        let e = Profiles::parse(&files).unwrap_err();
        assert!(e.problem.contains("no profile for alibaba-cloud"), "{e}");
        let mut files: Vec<(&str, &str)> = BUILT_IN.to_vec();
        files.push(("again.json", BUILT_IN[0].1));
        let e = Profiles::parse(&files).unwrap_err();
        assert_eq!(e.file, "again.json");
    }
}
