//! Limits and quota (DOMAIN.md Q1–Q8): transaction kinds, calendar windows in a
//! time zone, the limit books shipped under `assets/limits/`, the layers in force
//! for an account, and what a payment would break.
//!
//! No I/O here: usage totals come from the store, the time is an argument.

use std::fmt;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::money::{Currency, money};
use super::profile::ProfileError;
use super::risk::Level;
use super::{Account, FieldError, MethodId, Provider, Tier, parse_choice};

macro_rules! choice_enum {
    ($(#[$m:meta])* $name:ident { $($v:ident = $id:literal / $label:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($v),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            pub fn id(self) -> &'static str {
                match self { $($name::$v => $id),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$v => $label),+ }
            }

            pub fn from_id(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.id() == s)
            }

            pub fn parse(field: &'static str, s: &str) -> Result<$name, FieldError> {
                parse_choice(field, s, Self::ALL, $name::id)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}

choice_enum!(
    /// What a payment is for (Q2's rows).
    TxType {
        Personal = "personal" / "Personal expenses",
        Goods = "goods" / "Purchasing goods",
        Services = "services" / "Purchasing services",
    }
);

choice_enum!(
    /// Where the money goes (Q2's columns).
    Destination {
        Merchant = "merchant" / "Merchant",
        AlipayAccount = "alipay-account" / "Another Alipay account",
        BankAccount = "bank-account" / "Bank account",
    }
);

choice_enum!(
    /// The span a limit adds up over (calendar windows in the limits' time zone).
    Window {
        Single = "single" / "per payment",
        Day = "day" / "a day",
        Week = "week" / "a week",
        Month = "month" / "a month",
        Year = "year" / "a year",
    }
);

/// The default time zone of the windows (DOMAIN.md: Beijing time, *inference*).
pub const DEFAULT_TIME_ZONE: Tz = chrono_tz::Asia::Shanghai;

/// Parse a time-zone setting such as `Asia/Shanghai`.
pub fn parse_time_zone(field: &'static str, s: &str) -> Result<Tz, FieldError> {
    s.trim().parse::<Tz>().map_err(|_| {
        FieldError::new(
            field,
            format!("{s:?} is not an IANA time zone such as Asia/Shanghai"),
        )
    })
}

/// The calendar day an instant falls on in `tz`: the key of the day totals.
pub fn local_day(at: DateTime<FixedOffset>, tz: Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// A window's days `[first, end)` and the instant it resets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: NaiveDate,
    pub end: NaiveDate,
    pub resets_at: DateTime<FixedOffset>,
}

/// Midnight of `day` in `tz` (the first instant of the day where midnight is skipped).
pub fn midnight(day: NaiveDate, tz: Tz) -> DateTime<FixedOffset> {
    let naive = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    match tz.from_local_datetime(&naive).earliest() {
        Some(t) => t.fixed_offset(),
        // A zone that skips midnight: the first valid instant an hour later.
        None => tz
            .from_local_datetime(&(naive + Duration::hours(1)))
            .earliest()
            .map_or_else(|| naive.and_utc().fixed_offset(), |t| t.fixed_offset()),
    }
}

/// The window containing `at`; `None` for `single`, which is no span of time.
pub fn span(window: Window, at: DateTime<FixedOffset>, tz: Tz) -> Option<Span> {
    let day = local_day(at, tz);
    let (first, end) = match window {
        Window::Single => return None,
        Window::Day => (day, day.succ_opt()?),
        Window::Week => {
            let first = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
            (first, first + Duration::days(7))
        }
        Window::Month => {
            let first = day.with_day(1)?;
            let end = if day.month() == 12 {
                NaiveDate::from_ymd_opt(day.year() + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(day.year(), day.month() + 1, 1)?
            };
            (first, end)
        }
        Window::Year => (
            NaiveDate::from_ymd_opt(day.year(), 1, 1)?,
            NaiveDate::from_ymd_opt(day.year() + 1, 1, 1)?,
        ),
    };
    Some(Span {
        first,
        end,
        resets_at: midnight(end, tz),
    })
}

/// One limit of a book, as shipped (one dated entry of a layer).
#[derive(Debug, Clone, PartialEq)]
pub struct LimitSpec {
    /// The layer this entry belongs to; entries of one key are dated versions.
    pub key: String,
    pub rule: String,
    pub name: String,
    pub providers: Vec<Provider>,
    pub tier: Option<Tier>,
    pub window: Window,
    pub currency: Currency,
    pub max: Decimal,
    /// Payments under this are flagged (Q2's USD 1.4).
    pub min: Option<Decimal>,
    /// Empty: every type.
    pub types: Vec<TxType>,
    /// Empty: every destination.
    pub to: Vec<Destination>,
    /// Counts the person's payments on every account it applies to (Q3).
    pub per_person: bool,
    /// FX-exempt payments (tuition, Q3) do not count.
    pub skips_exempt: bool,
    pub source: String,
    pub effective: NaiveDate,
    pub until: Option<NaiveDate>,
    pub inference: bool,
}

/// A fee rule (Q5).
#[derive(Debug, Clone, PartialEq)]
pub struct FeeSpec {
    pub rule: String,
    pub name: String,
    pub providers: Vec<Provider>,
    pub to: Vec<Destination>,
    /// Applies only to cards issued outside the Chinese mainland.
    pub foreign_cards_only: bool,
    pub percent: Decimal,
    /// Free up to and including this amount (in `currency`).
    pub free_up_to: Option<Decimal>,
    /// Charged on the part above this amount; a user setting replaces it.
    pub above: Option<Decimal>,
    pub currency: Currency,
    pub source: String,
    pub inference: bool,
}

/// A fact shown with a pre-check that is no limit and no fee (Q5 conversion, Q7).
#[derive(Debug, Clone, PartialEq)]
pub struct NoteSpec {
    pub rule: String,
    pub providers: Vec<Provider>,
    pub text: String,
    pub source: String,
}

/// A set of limits and fees the user can choose for an account.
#[derive(Debug, Clone, PartialEq)]
pub struct LimitBook {
    pub id: String,
    pub name: String,
    pub file: String,
    pub limits: Vec<LimitSpec>,
    pub fees: Vec<FeeSpec>,
    pub notes: Vec<NoteSpec>,
}

/// The books shipped in the binary.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "assets/limits/standard.json",
        include_str!("../../assets/limits/standard.json"),
    ),
    (
        "assets/limits/alternative.json",
        include_str!("../../assets/limits/alternative.json"),
    ),
];

/// Every limit book; the first is the default.
#[derive(Debug, Clone, PartialEq)]
pub struct LimitBooks(Vec<LimitBook>);

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

    pub fn all(&self) -> &[LimitBook] {
        &self.0
    }

    pub fn default_id(&self) -> &str {
        &self.0[0].id
    }

    /// The book of that id, or the default one.
    pub fn get(&self, id: &str) -> &LimitBook {
        self.0.iter().find(|b| b.id == id).unwrap_or(&self.0[0])
    }

    pub fn parse_id(&self, field: &'static str, s: &str) -> Result<String, FieldError> {
        let s = s.trim();
        if self.0.iter().any(|b| b.id == s) {
            Ok(s.to_owned())
        } else {
            let ids: Vec<&str> = self.0.iter().map(|b| b.id.as_str()).collect();
            Err(FieldError::new(
                field,
                format!("must be one of {}, not {s:?}", ids.join(", ")),
            ))
        }
    }
}

// ---- the file format ---------------------------------------------------------

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
        if RULES.contains(&s) {
            Ok(s.to_owned())
        } else {
            Err(self.err(
                key,
                format!("{s:?} is not a limit rule of DOMAIN.md (Q1–Q8)"),
            ))
        }
    }
}

/// The rule ids a limit book may cite.
pub const RULES: &[&str] = &["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8"];

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

// ---- layers in force ---------------------------------------------------------

/// Where a layer's figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// As shipped in the limit book.
    Published,
    /// The book's layer with the user's figure for this account.
    Overridden,
    /// The user's own cap.
    Own,
}

/// One limit in force for an account at an instant.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub key: String,
    pub rule: String,
    pub name: String,
    pub window: Window,
    pub currency: Currency,
    pub max: Decimal,
    pub min: Option<Decimal>,
    pub types: Vec<TxType>,
    pub to: Vec<Destination>,
    pub per_person: bool,
    /// The providers whose accounts a per-person layer adds up.
    pub providers: Vec<Provider>,
    pub skips_exempt: bool,
    /// An own cap on one method's payments.
    pub method: Option<MethodId>,
    pub source: String,
    pub effective: NaiveDate,
    pub inference: bool,
    pub origin: Origin,
    /// The shipped figure an override replaced.
    pub published_max: Option<Decimal>,
}

impl Layer {
    /// Whether a payment of this type, destination and method counts toward it.
    pub fn counts(
        &self,
        ty: TxType,
        to: Destination,
        method: Option<MethodId>,
        exempt: bool,
    ) -> bool {
        (self.types.is_empty() || self.types.contains(&ty))
            && (self.to.is_empty() || self.to.contains(&to))
            && (self.method.is_none() || self.method == method)
            && !(self.skips_exempt && exempt)
    }

    /// Counts every payment of the account: no type, destination or method of its own.
    pub fn counts_every_payment(&self) -> bool {
        self.types.is_empty() && self.to.is_empty() && self.method.is_none()
    }

    /// "Q1 · Verified, a year · USD 50,000.00"
    pub fn title(&self) -> String {
        format!("{} {}", self.rule, self.name)
    }
}

/// The user's own cap on an account (e.g. "my card's issuer allows CNY 20,000 a month").
#[derive(Debug, Clone, PartialEq)]
pub struct Cap {
    pub id: i64,
    pub account_id: super::AccountId,
    pub name: String,
    pub window: Window,
    pub currency: Currency,
    pub amount: Decimal,
    pub method: Option<MethodId>,
}

/// The currencies limits are kept in; every payment is converted into each (Q6).
pub const LIMIT_CURRENCIES: [Currency; 2] = [Currency::USD, Currency::CNY];

/// The entry of each key in force at `at` for this account, with the user's
/// overrides and own caps applied.
pub fn layers_in_force(
    book: &LimitBook,
    account: &Account,
    at: DateTime<FixedOffset>,
    tz: Tz,
    overrides: &[(String, Decimal)],
    caps: &[Cap],
) -> Vec<Layer> {
    let day = local_day(at, tz);
    let mut out: Vec<Layer> = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    for l in &book.limits {
        if !keys.contains(&l.key.as_str()) {
            keys.push(&l.key);
        }
    }
    for key in keys {
        let current = book
            .limits
            .iter()
            .filter(|l| l.key == key)
            .filter(|l| l.providers.contains(&account.provider))
            .filter(|l| l.tier.is_none_or(|t| t == account.tier))
            .filter(|l| l.effective <= day && l.until.is_none_or(|u| day < u))
            .max_by_key(|l| l.effective);
        let Some(l) = current else { continue };
        let over = overrides.iter().find(|(k, _)| k == key).map(|(_, v)| *v);
        out.push(Layer {
            key: l.key.clone(),
            rule: l.rule.clone(),
            name: l.name.clone(),
            window: l.window,
            currency: l.currency,
            max: over.unwrap_or(l.max),
            min: l.min,
            types: l.types.clone(),
            to: l.to.clone(),
            per_person: l.per_person,
            providers: l.providers.clone(),
            skips_exempt: l.skips_exempt,
            method: None,
            source: l.source.clone(),
            effective: l.effective,
            inference: l.inference,
            origin: if over.is_some() {
                Origin::Overridden
            } else {
                Origin::Published
            },
            published_max: over.map(|_| l.max),
        });
    }
    for c in caps {
        out.push(Layer {
            key: format!("cap-{}", c.id),
            rule: "own".into(),
            name: c.name.clone(),
            window: c.window,
            currency: c.currency,
            max: c.amount,
            min: None,
            types: Vec::new(),
            to: Vec::new(),
            per_person: false,
            providers: vec![account.provider],
            skips_exempt: false,
            method: c.method,
            source: "your own cap".into(),
            effective: NaiveDate::MIN,
            inference: false,
            origin: Origin::Own,
            published_max: None,
        });
    }
    out
}

/// A layer with what has been used of it in its current window.
#[derive(Debug, Clone, PartialEq)]
pub struct LimitStatus {
    pub layer: Layer,
    pub used: Decimal,
    pub remaining: Decimal,
    /// `None` for `single`.
    pub resets_at: Option<DateTime<FixedOffset>>,
}

impl LimitStatus {
    pub fn new(layer: Layer, used: Decimal, span: Option<Span>) -> LimitStatus {
        let remaining = layer.max.saturating_sub(used).max(Decimal::ZERO);
        LimitStatus {
            layer,
            used,
            remaining,
            resets_at: span.map(|s| s.resets_at),
        }
    }

    /// used / limit, 0.0 to 1.0 and beyond (for bars only; figures stay decimal).
    pub fn fraction(&self) -> f32 {
        use rust_decimal::prelude::ToPrimitive;
        if self.layer.max.is_zero() {
            return 1.0;
        }
        self.used
            .checked_div(self.layer.max)
            .and_then(|f| f.to_f32())
            .unwrap_or(f32::MAX)
    }

    /// Amber from 80 %, red from 100 %.
    pub fn level(&self) -> Level {
        let eighty = self.layer.max * Decimal::new(8, 1);
        if self.used >= self.layer.max {
            Level::Block
        } else if self.used >= eighty {
            Level::Warn
        } else {
            Level::Ok
        }
    }
}

/// Of the layers every payment counts toward (no type, destination or method of
/// their own; not `single`), the one with the least headroom, compared in USD with
/// `to_usd` (a layer whose currency has no rate is left out).
pub fn binding(
    statuses: &[LimitStatus],
    to_usd: &dyn Fn(Currency) -> Option<Decimal>,
) -> Option<usize> {
    statuses
        .iter()
        .enumerate()
        .filter(|(_, s)| s.layer.window != Window::Single)
        .filter(|(_, s)| s.layer.counts_every_payment())
        .filter_map(|(i, s)| Some((i, s.remaining.checked_mul(to_usd(s.layer.currency)?)?)))
        .min_by(|a, b| a.1.cmp(&b.1))
        .map(|(i, _)| i)
}

/// A limit a payment would break: the status before and the total after.
#[derive(Debug, Clone, PartialEq)]
pub struct Break {
    pub status: LimitStatus,
    /// Used after the payment (for `single`: the payment itself).
    pub after: Decimal,
    /// How far over the limit.
    pub over: Decimal,
}

impl Break {
    /// "Q1 Verified account, per payment: USD 5,566.77 after this payment, USD 566.77 over USD 5,000.00"
    pub fn describe(&self) -> String {
        let l = &self.status.layer;
        format!(
            "{} {}: {} after this payment, {} over {}",
            l.rule,
            l.name,
            money(self.after, l.currency),
            money(self.over, l.currency),
            money(l.max, l.currency)
        )
    }
}

/// The payment a pre-check is asked about, converted into every limit currency.
#[derive(Debug, Clone)]
pub struct Proposed {
    pub amounts: Vec<(Currency, Decimal)>,
    pub ty: TxType,
    pub to: Destination,
    pub method: Option<MethodId>,
    pub exempt: bool,
}

impl Proposed {
    /// A recorded payment, as the limits see it.
    pub fn recorded(t: &super::txn::Txn) -> Proposed {
        Proposed {
            amounts: t.converted.iter().map(|c| (c.currency, c.amount)).collect(),
            ty: t.new.ty,
            to: t.new.to,
            method: t.new.method,
            exempt: t.new.fx_exempt,
        }
    }

    pub fn amount_in(&self, c: Currency) -> Option<Decimal> {
        self.amounts.iter().find(|(k, _)| *k == c).map(|(_, a)| *a)
    }
}

/// Which layers the payment would break (equal to the limit is allowed, a cent over is not).
pub fn breaks(statuses: &[LimitStatus], p: &Proposed) -> Vec<Break> {
    statuses
        .iter()
        .filter(|s| s.layer.counts(p.ty, p.to, p.method, p.exempt))
        .filter_map(|s| {
            let amount = p.amount_in(s.layer.currency)?;
            // Checked: a sum beyond what a decimal holds breaks every limit.
            let after = if s.layer.window == Window::Single {
                amount
            } else {
                s.used.checked_add(amount).unwrap_or(Decimal::MAX)
            };
            (after > s.layer.max).then(|| Break {
                status: s.clone(),
                after,
                over: after.checked_sub(s.layer.max).unwrap_or(Decimal::MAX),
            })
        })
        .collect()
}

/// Payments under a layer's minimum (Q2: USD 1.4).
pub fn under_minimum<'a>(statuses: &'a [LimitStatus], p: &Proposed) -> Vec<&'a Layer> {
    statuses
        .iter()
        .map(|s| &s.layer)
        .filter(|l| l.counts(p.ty, p.to, p.method, p.exempt))
        .filter(|l| {
            l.min
                .zip(p.amount_in(l.currency))
                .is_some_and(|(min, a)| a < min)
        })
        .collect()
}

/// The fee a payment costs (Q5), in the fee rule's currency and the payment's.
#[derive(Debug, Clone, PartialEq)]
pub struct Fee {
    pub rule: String,
    pub name: String,
    pub amount: Decimal,
    pub currency: Currency,
    pub in_payment_currency: Decimal,
    pub payment_currency: Currency,
    pub source: String,
    pub explanation: String,
}

impl Fee {
    /// "CNY 90.00", or "CNY 90.00 = USD 12.50" when paying in another currency.
    pub fn amounts(&self) -> String {
        if self.currency == self.payment_currency {
            money(self.amount, self.currency)
        } else {
            format!(
                "{} = {}",
                money(self.amount, self.currency),
                money(self.in_payment_currency, self.payment_currency)
            )
        }
    }
}

/// The fee of a payment of `amount` (`amount_in_fee_currency` converted) with a
/// method (`foreign_card`: a card issued outside the mainland, or of unknown
/// issuer). `above_setting` replaces the book's threshold for bank transfers.
#[allow(clippy::too_many_arguments)]
pub fn fee(
    book: &LimitBook,
    provider: Provider,
    to: Destination,
    foreign_card: bool,
    amount: Decimal,
    payment_currency: Currency,
    amount_in: &dyn Fn(Currency) -> Option<Decimal>,
    above_setting: Option<Decimal>,
) -> Option<Fee> {
    let spec = book.fees.iter().find(|f| {
        f.providers.contains(&provider)
            && (f.to.is_empty() || f.to.contains(&to))
            && (!f.foreign_cards_only || foreign_card)
    })?;
    let in_fee = amount_in(spec.currency)?;
    let hundred = Decimal::ONE_HUNDRED;
    let (base_fee, base_pay, explanation) = if let Some(free) = spec.free_up_to {
        if in_fee <= free {
            (
                Decimal::ZERO,
                Decimal::ZERO,
                format!("free up to {}", money(free, spec.currency)),
            )
        } else {
            (
                in_fee,
                amount,
                format!("{}% above {}", spec.percent, money(free, spec.currency)),
            )
        }
    } else if let Some(above) = above_setting.or(spec.above) {
        let part = in_fee.checked_sub(above)?.max(Decimal::ZERO);
        let share = if in_fee.is_zero() {
            Decimal::ZERO
        } else {
            part.checked_div(in_fee)?
        };
        (
            part,
            amount.checked_mul(share)?,
            format!(
                "{}% of the part above {}",
                spec.percent,
                money(above, spec.currency)
            ),
        )
    } else {
        (in_fee, amount, format!("{}%", spec.percent))
    };
    Some(Fee {
        rule: spec.rule.clone(),
        name: spec.name.clone(),
        amount: spec
            .currency
            .round(base_fee.checked_mul(spec.percent)?.checked_div(hundred)?),
        currency: spec.currency,
        in_payment_currency: payment_currency
            .round(base_pay.checked_mul(spec.percent)?.checked_div(hundred)?),
        payment_currency,
        source: spec.source.clone(),
        explanation,
    })
}

/// A method the pre-check could pay with.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: MethodId,
    pub title: String,
    pub fits: bool,
    pub fee: Decimal,
    pub verdict: Level,
}

/// The method that fits every limit, with the lowest fee, then the best binding
/// verdict; and why.
pub fn recommend(cands: &[Candidate], fee_currency: Currency) -> Option<(MethodId, String)> {
    let best = cands
        .iter()
        .filter(|c| c.fits)
        .min_by(|a, b| a.fee.cmp(&b.fee).then(a.verdict.cmp(&b.verdict)))?;
    let others = cands.iter().filter(|c| c.id != best.id).count();
    let mut why = format!(
        "{}: fits every limit, fee {}, binding verdict {}",
        best.title,
        money(best.fee, fee_currency),
        best.verdict.id()
    );
    if others > 0 {
        why.push_str(&format!(
            " (lowest fee, then best verdict, of {} active methods)",
            others + 1
        ));
    }
    Some((best.id, why))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn beijing_days_differ_from_utc_days() {
        let tz = DEFAULT_TIME_ZONE;
        // 23:59:59 and 00:00:00 Beijing time: the same UTC date, two local days.
        let a = t("2026-03-01T23:59:59+08:00");
        let b = t("2026-03-02T00:00:00+08:00");
        assert_eq!(a.naive_utc().date(), b.naive_utc().date());
        assert_ne!(local_day(a, tz), local_day(b, tz));
        let s = span(Window::Day, a, tz).unwrap();
        assert_eq!(s.resets_at, b);
    }

    #[test]
    fn iso_weeks_months_years() {
        let tz = DEFAULT_TIME_ZONE;
        // Sunday 2026-03-08 belongs to the week of Monday 2026-03-02.
        let s = span(Window::Week, t("2026-03-08T23:00:00+08:00"), tz).unwrap();
        assert_eq!(s.first, NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
        assert_eq!(s.resets_at, t("2026-03-09T00:00:00+08:00"));
        let s = span(Window::Month, t("2026-12-31T16:30:00Z"), tz).unwrap();
        // 16:30 UTC on 31 Dec is 00:30 on 1 Jan in Beijing.
        assert_eq!(s.first, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        let s = span(Window::Year, t("2026-06-01T00:00:00+08:00"), tz).unwrap();
        assert_eq!(s.resets_at, t("2027-01-01T00:00:00+08:00"));
        assert_eq!(s.resets_at.hour(), 0);
        assert!(span(Window::Single, t("2026-06-01T00:00:00+08:00"), tz).is_none());
    }

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
