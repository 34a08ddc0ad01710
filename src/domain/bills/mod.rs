//! The providers' own bill exports (Alipay, WeChat Pay CSV; docs/bills.md):
//! which format a file is, and what walletdesk makes of each row (rules B1–B3, B5).
//! Pure: bytes and strings in, decisions out; time is Beijing time as the files say.

pub mod map;
pub mod mapping;
pub mod packed;

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use rust_decimal::Decimal;

use super::calendar::from_local;
use super::field::FieldError;
use super::ids::MethodId;
use super::money::{Currency, parse_amount};
use super::txn::{Destination, NewTxn, TxType};
use map::{BillMap, KindRule};
pub use packed::{Packaging, Password};

/// walletdesk's own CSV header (docs/cli.md).
pub const WALLETDESK_HEADER: [&str; 9] = [
    "at",
    "amount",
    "currency",
    "type",
    "to",
    "method",
    "counterparty",
    "note",
    "fx_exempt",
];

/// How many bytes detection looks at: the preambles are about 24 lines.
pub const HEAD_BYTES: usize = 64 * 1024;

/// A wallet whose bills walletdesk reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BillProvider {
    Alipay,
    Wechat,
}

impl BillProvider {
    /// Stored with each imported row (B4: duplicates are per provider).
    pub fn id(self) -> &'static str {
        match self {
            BillProvider::Alipay => "alipay",
            BillProvider::Wechat => "wechat-pay",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            BillProvider::Alipay => "Alipay",
            BillProvider::Wechat => "WeChat Pay",
        }
    }
}

/// The `--format` a person asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormatChoice {
    #[default]
    Auto,
    Walletdesk,
    Alipay,
    Wechat,
}

impl FormatChoice {
    pub const ALL: [FormatChoice; 4] = [
        FormatChoice::Auto,
        FormatChoice::Walletdesk,
        FormatChoice::Alipay,
        FormatChoice::Wechat,
    ];

    /// As the window's format list shows it.
    pub fn label(self) -> &'static str {
        match self {
            FormatChoice::Auto => "Detect from the content",
            FormatChoice::Walletdesk => "walletdesk's own CSV",
            FormatChoice::Alipay => "Alipay bill",
            FormatChoice::Wechat => "WeChat Pay bill",
        }
    }
}

/// How the file's text is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    /// GBK / GB18030, as Alipay exports.
    Gbk,
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Gbk => "GBK",
        }
    }
}

/// The column of each field a bill row is read from (found by header name).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Columns {
    pub time: usize,
    pub amount: usize,
    pub direction: usize,
    pub status: usize,
    pub counterparty: Option<usize>,
    pub item: Option<usize>,
    pub method: Option<usize>,
    pub kind: Option<usize>,
    pub order_no: Option<usize>,
    pub merchant_no: Option<usize>,
    pub note: Option<usize>,
}

/// What a file was read as.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    Walletdesk,
    Bill {
        provider: BillProvider,
        /// Which header: "header of 2023-02", "older header".
        version: &'static str,
        encoding: TextEncoding,
        /// The header's line (1-based); rows follow it.
        header_line: u64,
        columns: Columns,
        /// The header's names as the file spells them (for messages).
        names: Names,
    },
}

/// The header names of the fields, as this file spells them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    pub time: &'static str,
    pub amount: &'static str,
    pub direction: &'static str,
    pub status: &'static str,
    pub method: &'static str,
    pub order_no: &'static str,
    pub merchant_no: &'static str,
}

impl Detected {
    /// "Alipay CSV (header of 2023-02, GBK)".
    pub fn describe(&self) -> String {
        match self {
            Detected::Walletdesk => "walletdesk CSV".into(),
            Detected::Bill {
                provider,
                version,
                encoding,
                ..
            } => format!("{} CSV ({version}, {})", provider.name(), encoding.name()),
        }
    }
}

/// The encoding of a file from its first bytes: a UTF-8 BOM, valid UTF-8, or GBK.
pub fn sniff_encoding(head: &[u8]) -> TextEncoding {
    if head.starts_with(b"\xEF\xBB\xBF") {
        return TextEncoding::Utf8Bom;
    }
    match std::str::from_utf8(head) {
        Ok(_) => TextEncoding::Utf8,
        // Cut off in the middle of a character at the end of the head: still UTF-8.
        Err(e) if e.error_len().is_none() => TextEncoding::Utf8,
        Err(_) => TextEncoding::Gbk,
    }
}

/// The text of the first bytes, decoded.
pub fn decode_head(head: &[u8], enc: TextEncoding) -> String {
    match enc {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => {
            let (s, _) = encoding_rs::UTF_8.decode_with_bom_removal(head);
            s.into_owned()
        }
        TextEncoding::Gbk => encoding_rs::GB18030
            .decode_without_bom_handling(head)
            .0
            .into_owned(),
    }
}

/// Split one CSV line into fields ("…" quotes with "" inside). Fields are not trimmed.
pub fn split_line(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    split_line_into(line, &mut out);
    out
}

/// As [`split_line`], into `out`, whose strings are reused (no allocation per
/// field once they are long enough).
pub fn split_line_into(line: &str, out: &mut Vec<String>) {
    fn start(out: &mut Vec<String>, n: usize) {
        match out.get_mut(n) {
            Some(f) => f.clear(),
            None => out.push(String::new()),
        }
    }
    let line = line.trim_end_matches(['\r', '\n']);
    let mut n = 0;
    start(out, 0);
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                out[n].push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => {
                n += 1;
                start(out, n);
            }
            c => out[n].push(c),
        }
    }
    out.truncate(n + 1);
}

/// A field as the exports pad it: spaces, tabs (order numbers) and a BOM trimmed.
pub fn clean(f: &str) -> &str {
    f.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

fn find(fields: &[String], names: &[&'static str]) -> Option<(usize, &'static str)> {
    names
        .iter()
        .find_map(|n| fields.iter().position(|f| clean(f) == *n).map(|i| (i, *n)))
}

/// The columns of a bill header, by name; `None` when a required one is missing.
fn bill_columns(
    provider: BillProvider,
    fields: &[String],
) -> Option<(Columns, Names, &'static str)> {
    let (time, n_time) = find(fields, &["交易时间", "交易创建时间", "付款时间"])?;
    let (amount, n_amount) = find(fields, &["金额", "金额(元)", "金额（元）"])?;
    let (direction, n_direction) = find(fields, &["收/支"])?;
    let (status, n_status) = find(fields, &["交易状态", "当前状态"])?;
    let order = find(fields, &["交易订单号", "交易单号", "交易号"]);
    let method = find(fields, &["收/付款方式", "支付方式"]);
    let merchant = find(fields, &["商家订单号", "商户单号", "商户订单号"]);
    let kind_names: &[&'static str] = match provider {
        BillProvider::Alipay => &["交易分类", "类型"],
        BillProvider::Wechat => &["交易类型"],
    };
    let kind = find(fields, kind_names);
    let version = match provider {
        BillProvider::Alipay if kind.is_some_and(|k| k.1 == "交易分类") && method.is_some() => {
            "header of 2023-02"
        }
        BillProvider::Alipay => "older header",
        BillProvider::Wechat => "header with 交易单号",
    };
    let columns = Columns {
        time,
        amount,
        direction,
        status,
        counterparty: find(fields, &["交易对方"]).map(|x| x.0),
        item: find(fields, &["商品说明", "商品", "商品名称"]).map(|x| x.0),
        method: method.map(|x| x.0),
        kind: kind.map(|x| x.0),
        order_no: order.map(|x| x.0),
        merchant_no: merchant.map(|x| x.0),
        note: find(fields, &["备注"]).map(|x| x.0),
    };
    let names = Names {
        time: n_time,
        amount: n_amount,
        direction: n_direction,
        status: n_status,
        method: method.map_or("收/付款方式", |x| x.1),
        order_no: order.map_or("交易订单号", |x| x.1),
        merchant_no: merchant.map_or("商家订单号", |x| x.1),
    };
    Some((columns, names, version))
}

fn looks_like(provider: BillProvider, fields: &[String]) -> bool {
    let has = |n: &str| fields.iter().any(|f| clean(f) == n);
    match provider {
        BillProvider::Wechat => has("交易时间") && has("交易类型") && has("当前状态"),
        BillProvider::Alipay => {
            (has("交易时间") || has("交易创建时间")) && has("交易状态") && has("交易对方")
        }
    }
}

/// Which format the file is, from its first bytes (up to [`HEAD_BYTES`]).
pub fn detect(head: &[u8], choice: FormatChoice) -> Result<Detected, FieldError> {
    let enc = sniff_encoding(head);
    let text = decode_head(head, enc);
    let first = text.lines().next().unwrap_or("");
    let own = split_line(first)
        .iter()
        .map(|f| clean(f).to_owned())
        .collect::<Vec<_>>()
        == WALLETDESK_HEADER;
    let wanted: &[BillProvider] = match choice {
        FormatChoice::Walletdesk => return Ok(Detected::Walletdesk),
        FormatChoice::Auto if own => return Ok(Detected::Walletdesk),
        FormatChoice::Auto => &[BillProvider::Alipay, BillProvider::Wechat],
        FormatChoice::Alipay => &[BillProvider::Alipay],
        FormatChoice::Wechat => &[BillProvider::Wechat],
    };
    for (i, line) in text.lines().enumerate().take(200) {
        let fields = split_line(line);
        for &p in wanted {
            if !looks_like(p, &fields) {
                continue;
            }
            let (columns, names, version) = bill_columns(p, &fields).ok_or_else(|| {
                FieldError::new(
                    "file",
                    format!(
                        "line {}: this {} header lacks one of 交易时间, 金额, 收/支 and the status column",
                        i + 1,
                        p.name()
                    ),
                )
            })?;
            return Ok(Detected::Bill {
                provider: p,
                version,
                encoding: enc,
                header_line: (i + 1) as u64,
                columns,
                names,
            });
        }
    }
    Err(FieldError::new(
        "file",
        match choice {
            FormatChoice::Alipay => "no Alipay bill header (交易时间,交易分类,交易对方,…,交易状态,…) in the first lines: is this an Alipay CSV export?".to_owned(),
            FormatChoice::Wechat => "no WeChat Pay bill header (交易时间,交易类型,交易对方,…,当前状态,…) in the first lines: is this a WeChat Pay CSV export?".to_owned(),
            _ => format!(
                "not a file walletdesk can read: neither its own CSV (header {}) nor an Alipay or WeChat Pay bill; another CSV (a bank's) is read through a mapping of its columns: Map its columns… in the window, or `walletdesk mapping add`",
                WALLETDESK_HEADER.join(",")
            ),
        },
    ))
}

// ---- rows ------------------------------------------------------------------------

/// Why a row is not recorded (B1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    Income,
    OwnMove,
    Fund,
    TopUp,
    Repayment,
    Closed(String),
    /// A payment in a state that is neither done nor escrow.
    NotDone(String),
}

impl SkipReason {
    pub fn from_id(s: &str) -> Option<SkipReason> {
        Some(match s {
            "own-move" => SkipReason::OwnMove,
            "fund" => SkipReason::Fund,
            "top-up" => SkipReason::TopUp,
            "repayment" => SkipReason::Repayment,
            _ => return None,
        })
    }
}

/// Which method paid (B3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MethodMatch {
    Card(MethodId),
    /// Nothing named (empty or `/`).
    NotNamed,
    /// The wallet's own balance (余额, 零钱, 花呗, …): no method.
    Balance(String),
    /// A card with these last four digits, not linked to this account.
    NoCard(String, String),
    /// Two or more (the count) linked cards end in these digits: the person picks.
    Tie(String, String, usize),
    /// A name walletdesk cannot read as a card.
    Unknown(String),
}

/// A linked card of the account: its id and last four digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardRef {
    pub id: MethodId,
    pub last4: String,
}

/// B3: `交通银行信用卡(7449)` → the one linked card ending in 7449.
pub fn match_method(named: &str, cards: &[CardRef]) -> MethodMatch {
    let s = clean(named);
    if s.is_empty() || s == "/" {
        return MethodMatch::NotNamed;
    }
    let digits = s
        .strip_suffix(')')
        .or_else(|| s.strip_suffix('）'))
        .and_then(|r| r.rsplit_once(['(', '（']))
        .map(|(_, d)| d)
        .filter(|d| d.len() == 4 && d.bytes().all(|b| b.is_ascii_digit()));
    let Some(d) = digits else {
        let balances = ["余额", "余额宝", "零钱", "零钱通", "花呗", "账户余额"];
        return if balances.iter().any(|b| s.starts_with(b)) {
            MethodMatch::Balance(s.to_owned())
        } else {
            MethodMatch::Unknown(s.to_owned())
        };
    };
    let found: Vec<&CardRef> = cards.iter().filter(|c| c.last4 == d).collect();
    match found.as_slice() {
        [one] => MethodMatch::Card(one.id),
        [] => MethodMatch::NoCard(s.to_owned(), d.to_owned()),
        many => MethodMatch::Tie(s.to_owned(), d.to_owned(), many.len()),
    }
}

/// A bill row walletdesk records (or a refund).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillTxn {
    pub at: DateTime<FixedOffset>,
    /// CNY.
    pub amount: Decimal,
    pub ty: TxType,
    pub to: Destination,
    pub method: MethodMatch,
    pub counterparty: String,
    pub note: String,
    /// The provider's order number, trimmed; `None` when the row has none.
    pub order_no: Option<String>,
}

impl BillTxn {
    /// The payment it records (CNY, the method only when a card matched) and
    /// the provider's order number.
    pub fn split(self) -> (NewTxn, Option<String>) {
        let t = NewTxn {
            at: self.at,
            amount: self.amount,
            currency: Currency::CNY,
            ty: self.ty,
            to: self.to,
            method: match self.method {
                MethodMatch::Card(id) => Some(id),
                _ => None,
            },
            counterparty: self.counterparty,
            note: self.note,
            fx_exempt: false,
        };
        (t, self.order_no)
    }
}

/// What walletdesk makes of one bill row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Record(BillTxn),
    Skip(SkipReason),
    /// B5: a refund, with the order number of the payment it returns where known.
    Refund {
        txn: BillTxn,
        of: Option<String>,
    },
}

/// `2023-02-03 12:30:00` exactly (every digit there), read without a format
/// string: the common case, on every row of a bill.
fn plain_time(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    if b.len() != 19
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b' '
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let date =
        chrono::NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)?;
    date.and_hms_opt(num(11..13)?, num(14..16)?, num(17..19)?)
}

/// Read a time as the bills write it, in Beijing time; seconds may be missing.
fn bill_time(
    provider: BillProvider,
    field: &'static str,
    s: &str,
) -> Result<DateTime<FixedOffset>, FieldError> {
    let naive = plain_time(s).or_else(|| {
        ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    });
    match naive {
        Some(n) => from_local(n, chrono_tz::Asia::Shanghai)
            .ok_or_else(|| FieldError::new(field, format!("{s:?} is not a time in Beijing"))),
        None if packed::excel_time(s) => Err(FieldError::new(
            field,
            packed::excel_time_problem(s, provider),
        )),
        None => Err(FieldError::new(
            field,
            format!("{s:?} is not a time like 2023-02-03 12:30:00"),
        )),
    }
}

/// A CNY amount at two decimals whatever the file wrote (`¥8.00` in a CSV, the
/// number `8` in an XLSX): B4 finds the same payment in either.
fn bill_amount(field: &'static str, s: &str) -> Result<Decimal, FieldError> {
    let s = s.trim_start_matches(['¥', '￥']).replace(',', "");
    let mut d = parse_amount(field, &s, Currency::CNY)?;
    d.rescale(Currency::CNY.minor_digits());
    Ok(d)
}

/// B1–B3, B5 for one row (its fields as split from the line).
pub fn classify(
    provider: BillProvider,
    columns: &Columns,
    names: &Names,
    map: &BillMap,
    cards: &[CardRef],
    fields: &[String],
) -> Result<Outcome, FieldError> {
    let get = |i: usize| fields.get(i).map_or("", |f| clean(f));
    let opt = |i: Option<usize>| i.map_or("", get);
    let direction = get(columns.direction);
    let status = get(columns.status);
    let kind = opt(columns.kind);
    let item = opt(columns.item);
    let order_raw = opt(columns.order_no);
    if packed::excel_number(order_raw) {
        return Err(FieldError::new(
            names.order_no,
            packed::excel_number_problem(order_raw, provider),
        ));
    }
    if let Some(m) = columns.merchant_no.map(get)
        && packed::excel_number(m)
    {
        return Err(FieldError::new(
            names.merchant_no,
            packed::excel_number_problem(m, provider),
        ));
    }
    let order_no = (!order_raw.is_empty() && order_raw != "/").then(|| order_raw.to_owned());
    let at = bill_time(provider, names.time, get(columns.time))?;
    let amount = bill_amount(names.amount, get(columns.amount))?;
    let refund = kind == "退款"
        || item.starts_with("退款-")
        || (provider == BillProvider::Wechat && kind.ends_with("-退款"))
        || (provider == BillProvider::Alipay && status == "退款成功" && direction != "支出");
    let rule = map.kind(kind);
    let txn = |ty: TxType, to: Destination| BillTxn {
        at,
        amount,
        ty,
        to,
        method: match_method(opt(columns.method), cards),
        counterparty: opt(columns.counterparty).to_owned(),
        note: item.to_owned(),
        order_no: order_no.clone(),
    };
    if refund {
        let of = match provider {
            BillProvider::Alipay => order_no.clone(),
            BillProvider::Wechat => {
                let m = opt(columns.merchant_no);
                (!m.is_empty() && m != "/").then(|| m.to_owned())
            }
        };
        return Ok(Outcome::Refund {
            txn: txn(TxType::Goods, Destination::Merchant),
            of,
        });
    }
    if map.closed_statuses.iter().any(|s| s == status) {
        return Ok(Outcome::Skip(SkipReason::Closed(status.to_owned())));
    }
    let withdrawal_word = map
        .withdrawal_words
        .iter()
        .any(|w| item.contains(w.as_str()));
    match (direction, rule) {
        ("收入", _) => Ok(Outcome::Skip(SkipReason::Income)),
        (_, KindRule::Skip(r)) => Ok(Outcome::Skip(r.clone())),
        (
            _,
            KindRule::Record {
                withdrawal: true,
                ty,
                to,
            },
        ) => Ok(Outcome::Record(txn(*ty, *to))),
        ("支出", KindRule::Record { ty, to, .. }) => {
            if map
                .done_statuses
                .iter()
                .any(|s| status == s || status.starts_with(&format!("{s}(")))
            {
                Ok(Outcome::Record(txn(*ty, *to)))
            } else {
                Ok(Outcome::Skip(SkipReason::NotDone(status.to_owned())))
            }
        }
        _ if withdrawal_word => Ok(Outcome::Record(txn(
            TxType::Personal,
            Destination::BankAccount,
        ))),
        ("不计收支" | "/" | "", _) => Ok(Outcome::Skip(SkipReason::OwnMove)),
        (other, _) => Err(FieldError::new(
            names.direction,
            format!("{other:?} is not 支出, 收入, 不计收支 or /"),
        )),
    }
}

#[cfg(test)]
mod tests;
