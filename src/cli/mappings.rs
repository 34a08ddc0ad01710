//! `walletdesk mapping`: column mappings of other CSVs (a bank's statement),
//! saved by name for `tx import --format mapping:NAME`.

use clap::Subcommand;
use serde_json::json;

use super::Failure;
use crate::domain::bills::mapping::{ColumnRef, CsvMapping, CurrencySource, MoneyOut};
use crate::domain::money::Currency;
use crate::domain::{FieldError, FieldErrors};
use crate::wallet::{Error, Wallet};
use crate::words;

#[derive(Debug, Subcommand)]
pub enum MappingCmd {
    /// The saved mappings
    List,
    /// Save a mapping (replacing one of the same name). COL is a header name or a 1-based column number
    Add {
        /// The mapping's name (`--format mapping:NAME`)
        name: String,
        /// The column of the date or time of each row
        #[arg(long, value_name = "COL")]
        time: String,
        /// The column of the signed amount
        #[arg(long, value_name = "COL")]
        amount: String,
        /// The column of each row's currency code
        #[arg(long, value_name = "COL", conflicts_with = "currency")]
        currency_col: Option<String>,
        /// One currency for every row (ISO 4217 code, e.g. EUR)
        #[arg(long, value_name = "CODE")]
        currency: Option<String>,
        /// The column of the payee
        #[arg(long, value_name = "COL")]
        counterparty: Option<String>,
        /// The column of the description
        #[arg(long, value_name = "COL")]
        note: Option<String>,
        /// How the time column is written (chrono format: %d.%m.%Y, %Y-%m-%d %H:%M:%S, %m/%d/%Y, …)
        #[arg(long, value_name = "FMT", default_value = "%Y-%m-%d %H:%M:%S")]
        date_format: String,
        /// Amounts are written 1.234,50 (a decimal comma)
        #[arg(long)]
        decimal_comma: bool,
        /// Which sign is money out
        #[arg(long, value_enum, default_value_t = MoneyOut::Negative)]
        money_out: MoneyOut,
        /// Lines before the header (a bank's preamble)
        #[arg(long, value_name = "N", default_value_t = 0)]
        skip_lines: usize,
        /// The file has no header line: give every COL as a number
        #[arg(long)]
        no_header: bool,
    },
    /// Forget a saved mapping
    Remove {
        /// The mapping's name
        name: String,
    },
}

/// A COL flag: a 1-based number, or a header name.
fn column(field: &'static str, s: &str) -> Result<ColumnRef, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(FieldError::new(
            field,
            "give a header name or a column number",
        ));
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return match s.parse::<usize>() {
            Ok(n) if n >= 1 => Ok(ColumnRef::at(n - 1)),
            _ => Err(FieldError::new(
                field,
                format!("{s:?}: columns are numbered from 1"),
            )),
        };
    }
    Ok(ColumnRef::named(s, 0))
}

pub fn mapping(w: &mut Wallet, cmd: &MappingCmd, json: bool) -> Result<String, Failure> {
    match cmd {
        MappingCmd::List => {
            let all = w.mappings()?;
            Ok(if json {
                format!("{}\n", json!({ "mappings": all }))
            } else if all.is_empty() {
                "No mappings saved: `walletdesk mapping add NAME --time COL --amount COL …`\n"
                    .into()
            } else {
                all.iter()
                    .map(|m| format!("{}\n", words::mapping_line(m)))
                    .collect()
            })
        }
        MappingCmd::Add {
            name,
            time,
            amount,
            currency_col,
            currency,
            counterparty,
            note,
            date_format,
            decimal_comma,
            money_out,
            skip_lines,
            no_header,
        } => {
            let mut errs = FieldErrors::default();
            let time = errs.take(column("time", time));
            let amount = errs.take(column("amount", amount));
            let currency = match (currency_col, currency) {
                (Some(c), _) => errs.take(column("currency-col", c).map(CurrencySource::Column)),
                (None, Some(code)) => {
                    errs.take(Currency::parse("currency", code).map(CurrencySource::Fixed))
                }
                (None, None) => {
                    errs.push(FieldError::new(
                        "currency",
                        "give --currency-col COL (a column of codes) or --currency CODE (one for every row)",
                    ));
                    None
                }
            };
            let counterparty = counterparty
                .as_deref()
                .and_then(|c| errs.take(column("counterparty", c)));
            let note = note.as_deref().and_then(|c| errs.take(column("note", c)));
            let (Some(time), Some(amount), Some(currency)) = (time, amount, currency) else {
                return Err(Error::Invalid(errs).into());
            };
            if !errs.is_empty() {
                return Err(Error::Invalid(errs).into());
            }
            let m = CsvMapping {
                name: name.clone(),
                time,
                amount,
                currency,
                counterparty,
                note,
                date_format: date_format.clone(),
                decimal_comma: *decimal_comma,
                money_out: *money_out,
                skip_lines: *skip_lines,
                has_header: !*no_header,
            };
            w.save_mapping(&m)?;
            Ok(if json {
                format!("{}\n", json!({ "saved": name.trim() }))
            } else {
                format!("{}\n", words::mapping_saved(name))
            })
        }
        MappingCmd::Remove { name } => {
            w.delete_mapping(name)?;
            Ok(if json {
                format!("{}\n", json!({ "removed": name.trim() }))
            } else {
                format!("{}\n", words::mapping_removed(name))
            })
        }
    }
}
