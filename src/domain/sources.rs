//! The documents the rules cite, as a person should see them: a title, the
//! publisher and the date, and a link where one is known. Data, shipped as
//! `assets/sources.json` and checked when walletdesk starts; the provider profiles
//! and limit books name a source by its key there (a file name such as
//! `003_0647db2b27c843d7.txt`), which the JSON output keeps as `source`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::profile::ProfileError;

/// One cited document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The key profiles and books cite it by (the seed's file name).
    pub id: String,
    pub title: String,
    pub publisher: String,
    /// As precise as the document is: "2024-03", "updated 2026-01-12", "undated".
    pub date: Option<String>,
    pub url: Option<String>,
}

/// Every source walletdesk ships.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sources(Vec<Source>);

/// The table shipped in the binary.
pub const BUILT_IN: (&str, &str) = (
    "assets/sources.json",
    include_str!("../../assets/sources.json"),
);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    notes_for_maintainers: Option<String>,
    sources: BTreeMap<String, Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    title: String,
    publisher: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

impl Sources {
    /// Parse and check a sources file; an error names the file and the key.
    pub fn parse(file: &str, text: &str) -> Result<Sources, ProfileError> {
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
        let mut out = Vec::new();
        for (id, e) in raw.sources {
            let key = |k: &str| format!("sources.{id}.{k}");
            if id.trim().is_empty() {
                return Err(err(
                    "sources".into(),
                    "a source's key must not be empty".into(),
                ));
            }
            if e.title.trim().is_empty() {
                return Err(err(key("title"), "must not be empty".into()));
            }
            if e.publisher.trim().is_empty() {
                return Err(err(key("publisher"), "must not be empty".into()));
            }
            if e.date.as_deref().is_some_and(|d| d.trim().is_empty()) {
                return Err(err(
                    key("date"),
                    "must not be empty (leave it out instead)".into(),
                ));
            }
            if let Some(url) = &e.url
                && !(url.starts_with("https://") || url.starts_with("http://"))
            {
                return Err(err(
                    key("url"),
                    format!("{url:?} is not a web address starting with https://"),
                ));
            }
            out.push(Source {
                id,
                title: e.title,
                publisher: e.publisher,
                date: e.date,
                url: e.url,
            });
        }
        if out.is_empty() {
            return Err(err("sources".into(), "lists no source".into()));
        }
        Ok(Sources(out))
    }

    pub fn get(&self, id: &str) -> Option<&Source> {
        self.0.iter().find(|s| s.id == id)
    }

    pub fn all(&self) -> &[Source] {
        &self.0
    }
}

static SHIPPED: LazyLock<Result<Sources, ProfileError>> =
    LazyLock::new(|| Sources::parse(BUILT_IN.0, BUILT_IN.1));

/// The shipped table, or why it cannot be used (the service refuses to start
/// then, naming the file and the key).
pub fn built_in() -> Result<&'static Sources, ProfileError> {
    SHIPPED.as_ref().map_err(Clone::clone)
}

/// The shipped source of that key. A profile or book of the user's own may cite
/// a document that is not in the table: it is then shown as written.
pub fn lookup(id: &str) -> Option<&'static Source> {
    SHIPPED.as_ref().ok()?.get(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::limits::LimitBooks;
    use crate::domain::profile::Profiles;

    #[test]
    fn the_shipped_table_loads_with_the_q8_link() {
        let s = built_in().unwrap();
        let q8 = s.get("english.www.gov.cn-2024-03").unwrap();
        assert_eq!(q8.publisher, "english.www.gov.cn");
        assert!(
            q8.url
                .as_deref()
                .unwrap()
                .starts_with("https://english.www.gov.cn")
        );
        assert_eq!(
            s.get("003_0647db2b27c843d7.txt").unwrap().title,
            "Expenses and Costs: Introduction to payment methods"
        );
    }

    #[test]
    fn every_shipped_profile_and_book_cites_a_known_source() {
        let known = |id: &str, at: &str| {
            assert!(
                lookup(id).is_some(),
                "{at} cites {id:?}, not in assets/sources.json"
            );
        };
        for p in Profiles::built_in().unwrap().all() {
            known(&p.source, &p.file);
            for r in &p.rules {
                known(&r.source, &format!("{} {}", p.file, r.id));
            }
        }
        for b in LimitBooks::built_in().unwrap().all() {
            for l in &b.limits {
                known(&l.source, &format!("{} {}", b.file, l.key));
            }
            for f in &b.fees {
                known(&f.source, &format!("{} fee {}", b.file, f.name));
            }
            for n in &b.notes {
                known(&n.source, &format!("{} note {}", b.file, n.rule));
            }
        }
    }

    #[test]
    fn a_bad_table_names_the_file_and_the_key() {
        let e = Sources::parse("assets/sources.json", "{").unwrap_err();
        assert_eq!(e.file, "assets/sources.json");
        let e = Sources::parse(
            "assets/sources.json",
            r#"{"sources": {"a.txt": {"title": "T", "publisher": ""}}}"#,
        )
        .unwrap_err();
        assert_eq!(e.key, "sources.a.txt.publisher");
        let e = Sources::parse(
            "assets/sources.json",
            r#"{"sources": {"a.txt": {"title": "T", "publisher": "P", "url": "gov.cn"}}}"#,
        )
        .unwrap_err();
        assert_eq!(e.key, "sources.a.txt.url");
        let e = Sources::parse(
            "assets/sources.json",
            r#"{"sources": {"a.txt": {"title": "T", "publisher": "P", "colour": "red"}}}"#,
        )
        .unwrap_err();
        assert!(e.key.starts_with("sources.a.txt"), "{e}");
        assert!(e.problem.contains("colour"), "{e}");
    }
}
