//! The file format of a limit book (`assets/limits/*.json`, or the user's own),
//! read strictly: an unknown key or a bad value is an error naming the file and the
//! key path.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::book::{
    BUILT_IN, FeeSpec, LIMIT_CURRENCIES, LimitBook, LimitBooks, LimitSpec, NoteSpec,
};
use crate::domain::account::{Provider, Tier};
use crate::domain::calendar::Window;
use crate::domain::money::Currency;
use crate::domain::profile::ProfileError;
use crate::domain::rules::LIMIT_RULES;
use crate::domain::txn::{Destination, TxType};

/// Reading the books from their files (what a `LimitBooks` answers is in `book.rs`).
impl LimitBooks {
    pub fn built_in() -> Result<LimitBooks, ProfileError> {
        LimitBooks::parse(BUILT_IN)
    }

    /// Parse the files in order; a book may extend one parsed before it.
    pub fn parse(files: &[(&str, &str)]) -> Result<LimitBooks, ProfileError> {
        let mut books: Vec<LimitBook> = Vec::new();
        for (file, text) in files {
            let book = parse_book(file, text, &books)?;
            books.retain(|b| b.id != book.id);
            books.push(book);
        }
        if books.is_empty() {
            return Err(ProfileError {
                file: "assets/limits/".into(),
                key: "(files)".into(),
                problem: "no limit book".into(),
            });
        }
        Ok(LimitBooks(books))
    }

    /// Replace or add books from the user's files (parsed after the built-in ones).
    pub fn with_files(self, files: &[(&str, &str)]) -> Result<LimitBooks, ProfileError> {
        let mut books = self.0;
        for (file, text) in files {
            let book = parse_book(file, text, &books)?;
            if let Some(slot) = books.iter_mut().find(|b| b.id == book.id) {
                *slot = book;
            } else {
                books.push(book);
            }
        }
        Ok(LimitBooks(books))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BookFile {
    id: String,
    name: String,
    #[serde(default)]
    notes_for_maintainers: Option<String>,
    /// Start from this book's limits, fees and notes.
    #[serde(default)]
    extends: Option<String>,
    /// Leave out the extended book's limits of these rules.
    #[serde(default)]
    drop_rules: Vec<String>,
    #[serde(default)]
    limits: Vec<LimitFile>,
    #[serde(default)]
    fees: Vec<FeeFile>,
    #[serde(default)]
    notes: Vec<NoteFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LimitFile {
    key: String,
    rule: String,
    name: String,
    providers: Vec<String>,
    #[serde(default)]
    tier: Option<String>,
    window: String,
    currency: String,
    amount: String,
    #[serde(default)]
    min: Option<String>,
    #[serde(default)]
    types: Vec<String>,
    #[serde(default)]
    to: Vec<String>,
    #[serde(default)]
    per_person: bool,
    #[serde(default)]
    skips_exempt: bool,
    source: String,
    effective: String,
    #[serde(default)]
    until: Option<String>,
    #[serde(default)]
    inference: bool,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeeFile {
    rule: String,
    name: String,
    providers: Vec<String>,
    #[serde(default)]
    to: Vec<String>,
    #[serde(default)]
    foreign_cards_only: bool,
    percent: String,
    #[serde(default)]
    free_up_to: Option<String>,
    #[serde(default)]
    above: Option<String>,
    currency: String,
    source: String,
    #[serde(default)]
    inference: bool,
    /// For maintainers: what else the source says.
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteFile {
    rule: String,
    providers: Vec<String>,
    text: String,
    source: String,
}

struct Cx<'a> {
    file: &'a str,
}

impl Cx<'_> {
    fn err(&self, key: impl Into<String>, problem: impl fmt::Display) -> ProfileError {
        ProfileError {
            file: self.file.to_owned(),
            key: key.into(),
            problem: problem.to_string(),
        }
    }

    fn decimal(&self, key: &str, s: &str) -> Result<Decimal, ProfileError> {
        s.parse::<Decimal>()
            .ok()
            .filter(|d| *d >= Decimal::ZERO)
            .ok_or_else(|| {
                self.err(
                    key,
                    format!("{s:?} is not a decimal amount such as \"5000\""),
                )
            })
    }

    fn date(&self, key: &str, s: &str) -> Result<NaiveDate, ProfileError> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| self.err(key, format!("{s:?} is not a date like 2024-03-01")))
    }

    fn currency(&self, key: &str, s: &str) -> Result<Currency, ProfileError> {
        Currency::parse("currency", s).map_err(|e| self.err(key, e.message))
    }

    fn providers(&self, key: &str, list: &[String]) -> Result<Vec<Provider>, ProfileError> {
        if list.is_empty() {
            return Err(self.err(key, "must list at least one provider"));
        }
        list.iter()
            .enumerate()
            .map(|(i, s)| {
                Provider::parse(s).map_err(|_| {
                    self.err(
                        format!("{key}[{i}]"),
                        format!("{s:?} is not alipay, alipay-hk, wechat-pay or alibaba-cloud"),
                    )
                })
            })
            .collect()
    }

    fn choices<T>(
        &self,
        key: &str,
        list: &[String],
        parse: impl Fn(&str) -> Option<T>,
        what: &str,
    ) -> Result<Vec<T>, ProfileError> {
        list.iter()
            .enumerate()
            .map(|(i, s)| {
                parse(s).ok_or_else(|| {
                    self.err(format!("{key}[{i}]"), format!("{s:?} is not a {what}"))
                })
            })
            .collect()
    }

    fn rule(&self, key: &str, s: &str) -> Result<String, ProfileError> {
        if LIMIT_RULES.contains(&s) {
            Ok(s.to_owned())
        } else {
            Err(self.err(
                key,
                format!("{s:?} is not a limit rule (Q1–Q8, see `walletdesk rules`)"),
            ))
        }
    }
}

fn parse_book(file: &str, text: &str, earlier: &[LimitBook]) -> Result<LimitBook, ProfileError> {
    let cx = Cx { file };
    let de = &mut serde_json::Deserializer::from_str(text);
    let raw: BookFile = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        cx.err(if path == "." { "(file)".into() } else { path }, inner)
    })?;
    let _ = raw.notes_for_maintainers;
    let mut book = match &raw.extends {
        Some(base) => {
            let Some(b) = earlier.iter().find(|b| &b.id == base) else {
                return Err(cx.err(
                    "extends",
                    format!("no book {base:?} is loaded before this one"),
                ));
            };
            let mut b = b.clone();
            b.limits.retain(|l| !raw.drop_rules.contains(&l.rule));
            b
        }
        None => LimitBook {
            id: String::new(),
            name: String::new(),
            file: String::new(),
            limits: Vec::new(),
            fees: Vec::new(),
            notes: Vec::new(),
        },
    };
    if raw.id.trim().is_empty() {
        return Err(cx.err("id", "must not be empty"));
    }
    book.id = raw.id;
    book.name = raw.name;
    book.file = file.to_owned();
    for (i, d) in raw.drop_rules.iter().enumerate() {
        cx.rule(&format!("drop_rules[{i}]"), d)?;
    }
    for (i, l) in raw.limits.iter().enumerate() {
        let k = |f: &str| format!("limits[{i}].{f}");
        let window = Window::from_id(&l.window).ok_or_else(|| {
            cx.err(
                k("window"),
                format!("{:?} is not single, day, week, month or year", l.window),
            )
        })?;
        let tier =
            match &l.tier {
                None => None,
                Some(t) => Some(Tier::parse(t).map_err(|_| {
                    cx.err(k("tier"), format!("{t:?} is not unverified or verified"))
                })?),
            };
        let currency = cx.currency(&k("currency"), &l.currency)?;
        if !LIMIT_CURRENCIES.contains(&currency) {
            return Err(cx.err(k("currency"), "limits are kept in USD or CNY"));
        }
        let max = cx.decimal(&k("amount"), &l.amount)?;
        if max.is_zero() {
            return Err(cx.err(k("amount"), "must be more than zero"));
        }
        let effective = cx.date(&k("effective"), &l.effective)?;
        let until = match &l.until {
            None => None,
            Some(u) => {
                let u = cx.date(&k("until"), u)?;
                if u <= effective {
                    return Err(cx.err(k("until"), "must be after effective"));
                }
                Some(u)
            }
        };
        if l.key.trim().is_empty() || l.name.trim().is_empty() || l.source.trim().is_empty() {
            return Err(cx.err(k("key"), "key, name and source must not be empty"));
        }
        let _ = &l.note;
        let spec = LimitSpec {
            key: l.key.clone(),
            rule: cx.rule(&k("rule"), &l.rule)?,
            name: l.name.clone(),
            providers: cx.providers(&k("providers"), &l.providers)?,
            tier,
            window,
            currency,
            max,
            min: l
                .min
                .as_deref()
                .map(|m| cx.decimal(&k("min"), m))
                .transpose()?,
            types: cx.choices(&k("types"), &l.types, TxType::from_id, "transaction type")?,
            to: cx.choices(&k("to"), &l.to, Destination::from_id, "destination")?,
            per_person: l.per_person,
            skips_exempt: l.skips_exempt,
            source: l.source.clone(),
            effective,
            until,
            inference: l.inference,
        };
        if book
            .limits
            .iter()
            .any(|o| o.key == spec.key && o.effective == spec.effective && o.tier == spec.tier)
        {
            return Err(cx.err(
                k("effective"),
                format!("a second entry of {:?} from the same date", spec.key),
            ));
        }
        book.limits.push(spec);
    }
    for (i, f) in raw.fees.iter().enumerate() {
        let k = |x: &str| format!("fees[{i}].{x}");
        let _ = &f.note;
        book.fees.push(FeeSpec {
            rule: cx.rule(&k("rule"), &f.rule)?,
            name: f.name.clone(),
            providers: cx.providers(&k("providers"), &f.providers)?,
            to: cx.choices(&k("to"), &f.to, Destination::from_id, "destination")?,
            foreign_cards_only: f.foreign_cards_only,
            percent: cx.decimal(&k("percent"), &f.percent)?,
            free_up_to: f
                .free_up_to
                .as_deref()
                .map(|m| cx.decimal(&k("free_up_to"), m))
                .transpose()?,
            above: f
                .above
                .as_deref()
                .map(|m| cx.decimal(&k("above"), m))
                .transpose()?,
            currency: cx.currency(&k("currency"), &f.currency)?,
            source: f.source.clone(),
            inference: f.inference,
        });
    }
    for (i, n) in raw.notes.iter().enumerate() {
        let k = |x: &str| format!("notes[{i}].{x}");
        book.notes.push(NoteSpec {
            rule: cx.rule(&k("rule"), &n.rule)?,
            providers: cx.providers(&k("providers"), &n.providers)?,
            text: n.text.clone(),
            source: n.source.clone(),
        });
    }
    Ok(book)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_books_parse() {
        let books = LimitBooks::built_in().unwrap();
        assert_eq!(books.default_id(), "standard");
        let alt = books.get("alternative");
        assert!(alt.limits.iter().any(|l| l.rule == "Q4"));
        assert!(!alt.limits.iter().any(|l| l.rule == "Q1"));
        assert!(alt.limits.iter().any(|l| l.rule == "Q3"));
    }

    #[test]
    fn bad_book_names_file_and_key() {
        let text = r#"{"id":"x","name":"X","limits":[{"key":"a","rule":"Q1","name":"n",
            "providers":["alipay"],"window":"fortnight","currency":"USD","amount":"1",
            "source":"s","effective":"2024-03-01"}]}"#;
        let e = LimitBooks::parse(&[("limits/x.json", text)]).unwrap_err();
        assert_eq!(e.file, "limits/x.json");
        assert_eq!(e.key, "limits[0].window");
        let text = r#"{"id":"x","name":"X","limits":[{"key":"a","rule":"Q1","name":"n",
            "providers":["alipay"],"window":"day","currency":"USD","amount":"1",
            "source":"s","effective":"2024-03-01","colour":"red"}]}"#;
        let e = LimitBooks::parse(&[("limits/x.json", text)]).unwrap_err();
        assert!(e.key.starts_with("limits[0]"), "{e}");
        assert!(e.problem.contains("colour"), "{e}");
    }
}
