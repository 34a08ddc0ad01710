//! Any other CSV (a bank's statement) through a column mapping saved by name:
//! `walletdesk mapping add|list|remove` and `tx import --format mapping:NAME`,
//! through the built binary on a real temporary database (fixture made up).
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use std::path::{Path, PathBuf};

use common::{err, ok, walletdesk};
use serde_json::Value;

fn statement() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/bank-statement.csv")
        .to_str()
        .unwrap()
        .to_owned()
}

fn json_of(o: &std::process::Output) -> Value {
    serde_json::from_str(&ok(o)).unwrap()
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    ok(&walletdesk(
        &db,
        &[
            "account",
            "add",
            "--provider",
            "alipay",
            "--label",
            "bank",
            "--tier",
            "verified",
            "--passport-expiry",
            "2030-05-01",
        ],
        None,
    ));
    for (from, rate) in [("USD", "7.2"), ("EUR", "7.8")] {
        ok(&walletdesk(
            &db,
            &["rate", "set", from, "CNY", rate, "--date", "2026-01-01"],
            None,
        ));
    }
    (dir, db)
}

/// The mapping of tests/data/bank-statement.csv, by its header's names.
fn add_bank_mapping(db: &Path) -> String {
    ok(&walletdesk(
        db,
        &[
            "mapping",
            "add",
            "my bank",
            "--time",
            "Booking date",
            "--amount",
            "Amount",
            "--currency-col",
            "Currency",
            "--counterparty",
            "Payee",
            "--note",
            "Purpose",
            "--date-format",
            "%d.%m.%Y",
            "--decimal-comma",
        ],
        None,
    ))
}

fn import(db: &Path, file: &str, extra: &[&str]) -> Value {
    let mut args = vec![
        "--json",
        "tx",
        "import",
        file,
        "--account",
        "1",
        "--format",
        "mapping:my bank",
    ];
    args.extend_from_slice(extra);
    json_of(&walletdesk(db, &args, None))
}

fn lines(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["line"].as_u64().unwrap())
        .collect()
}

#[test]
fn a_bank_statement_imports_through_a_saved_mapping_and_a_second_import_writes_nothing() {
    let (dir, db) = setup();
    let said = add_bank_mapping(&db);
    assert!(said.contains("mapping:my bank"), "{said}");
    let list = json_of(&walletdesk(&db, &["--json", "mapping", "list"], None));
    assert_eq!(list["mappings"][0]["name"], "my bank");
    assert_eq!(list["mappings"][0]["amount"]["name"], "Amount");
    let text = ok(&walletdesk(&db, &["mapping", "list"], None));
    assert!(
        text.contains("my bank: time “Booking date” (%d.%m.%Y)"),
        "{text}"
    );

    // The dry run says what would happen, and writes nothing.
    let v = import(&db, &statement(), &["--dry-run"]);
    assert_eq!(v["format"], "CSV mapped by “my bank”");
    assert_eq!(v["rows"], 4);
    assert_eq!(v["written"], 0);
    assert_eq!(v["errors"].as_array().unwrap().len(), 0, "{v}");
    assert_eq!(lines(&v["skipped"]), [3, 6]);
    assert_eq!(v["skipped"][0]["reason"], "money in");
    assert_eq!(v["totals"][0]["currency"], "EUR");
    assert_eq!(v["totals"][0]["amount"], "1097.90");
    assert_eq!(v["refunds"].as_array().unwrap().len(), 0);
    let listed = json_of(&walletdesk(
        &db,
        &["--json", "tx", "list", "--account", "1"],
        None,
    ));
    assert_eq!(listed["total"], 0);

    // Written: the money out, as goods to a merchant, with payee and purpose.
    let v = import(&db, &statement(), &[]);
    assert_eq!(v["written"], 4, "{v}");
    let listed = json_of(&walletdesk(
        &db,
        &["--json", "tx", "list", "--account", "1"],
        None,
    ));
    assert_eq!(listed["total"], 4);
    let rows = listed["transactions"].as_array().unwrap_or_else(|| {
        listed["rows"]
            .as_array()
            .unwrap_or_else(|| panic!("no rows in {listed}"))
    });
    let rail = rows
        .iter()
        .find(|r| r["counterparty"] == "Rail Company Nord")
        .unwrap_or_else(|| panic!("{listed}"));
    assert_eq!(rail["amount"], "1049.00");
    assert_eq!(rail["currency"], "EUR");
    assert_eq!(rail["type"], "goods");
    assert_eq!(rail["to"], "merchant");
    assert_eq!(rail["note"], "Ticket Berlin-Hamburg");
    assert!(
        rail["at"]
            .as_str()
            .unwrap()
            .starts_with("2026-03-06T00:00:00")
    );
    assert!(
        rows.iter()
            .all(|r| r["counterparty"] != "Employer Kestrel GmbH")
    );

    // B4: the same statement again writes nothing; each row says why.
    let v = import(&db, &statement(), &[]);
    assert_eq!(v["written"], 0);
    assert_eq!(lines(&v["duplicates"]), [2, 4, 5, 7]);
    assert!(
        v["duplicates"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("same time, amount and counterparty"),
        "{v}"
    );

    // The next export, its columns in another order: found by name, and the
    // overlapping rows are not doubled.
    let reordered = dir.path().join("april.csv");
    std::fs::write(
        &reordered,
        "Amount,Currency,Payee,Booking date,Purpose\n\
         \"-12,50\",EUR,Bakery Lindqvist,02.03.2026,Bread and rolls\n\
         \"-7,20\",EUR,Café Meise,01.04.2026,Coffee\n",
    )
    .unwrap();
    let v = import(&db, reordered.to_str().unwrap(), &[]);
    assert_eq!(v["written"], 1, "{v}");
    assert_eq!(lines(&v["duplicates"]), [2]);
}

#[test]
fn bad_flags_unknown_mappings_and_bad_rows_are_said_and_nothing_is_written() {
    let (dir, db) = setup();
    // A flag that cannot be: exit 2, the field named, nothing saved.
    let bad = |args: &[&str], field: &str| {
        let mut a = vec!["mapping", "add", "x", "--time", "1", "--amount", "2"];
        a.extend_from_slice(args);
        let e = err(&walletdesk(&db, &a, None), 2);
        assert!(e.contains(&format!("{field}: ")), "{field}: {e}");
    };
    bad(
        &["--currency", "EUR", "--date-format", "%H:%M"],
        "date-format",
    );
    bad(&["--currency", "EURO"], "currency");
    bad(&[], "currency");
    bad(&["--currency", "EUR", "--note", "0"], "note");
    bad(&["--currency", "EUR", "--note", "2"], "note");
    let e = err(
        &walletdesk(
            &db,
            &[
                "mapping",
                "add",
                "x",
                "--time",
                "1",
                "--amount",
                "2",
                "--currency",
                "EUR",
                "--money-out",
                "sideways",
            ],
            None,
        ),
        2,
    );
    assert!(e.contains("--money-out"), "{e}");
    let list = json_of(&walletdesk(&db, &["--json", "mapping", "list"], None));
    assert_eq!(list["mappings"].as_array().unwrap().len(), 0);

    // An unknown mapping: exit 2, and where to look.
    let e = err(
        &walletdesk(
            &db,
            &[
                "tx",
                "import",
                &statement(),
                "--account",
                "1",
                "--format",
                "mapping:nope",
            ],
            None,
        ),
        2,
    );
    assert!(
        e.contains("format: no mapping named nope; `walletdesk mapping list`"),
        "{e}"
    );
    let e = err(
        &walletdesk(
            &db,
            &[
                "tx",
                "import",
                &statement(),
                "--account",
                "1",
                "--format",
                "excel",
            ],
            None,
        ),
        2,
    );
    assert!(e.contains("mapping:NAME"), "{e}");

    // A row whose amount is not one: its line and field, nothing written.
    add_bank_mapping(&db);
    let broken = dir.path().join("broken.csv");
    std::fs::write(
        &broken,
        "Booking date,Payee,Purpose,Amount,Currency\n\
         02.03.2026,Bakery Lindqvist,Bread,\"-12,50\",EUR\n\
         03.03.2026,Bookshop Amsel,Novel,\"12,3,4\",EUR\n\
         2026-03-04,Rail Company Nord,Ticket,\"-9,00\",EUR\n",
    )
    .unwrap();
    let o = walletdesk(
        &db,
        &[
            "--json",
            "tx",
            "import",
            broken.to_str().unwrap(),
            "--account",
            "1",
            "--format",
            "mapping:my bank",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["written"], 0);
    assert_eq!(v["errors"][0]["line"], 3);
    assert_eq!(v["errors"][0]["field"], "amount");
    assert!(
        v["errors"][0]["problem"]
            .as_str()
            .unwrap()
            .starts_with("\"12,3,4\" is not an amount"),
        "{v}"
    );
    assert_eq!(v["errors"][1]["line"], 4);
    assert_eq!(v["errors"][1]["field"], "time");
    let e = err(
        &walletdesk(
            &db,
            &[
                "tx",
                "import",
                broken.to_str().unwrap(),
                "--account",
                "1",
                "--format",
                "mapping:my bank",
            ],
            None,
        ),
        2,
    );
    assert!(
        e.contains("line 3: amount: \"12,3,4\" is not an amount"),
        "{e}"
    );
    let listed = json_of(&walletdesk(
        &db,
        &["--json", "tx", "list", "--account", "1"],
        None,
    ));
    assert_eq!(listed["total"], 0);

    // A file whose header lacks a mapped column: the field and the names found.
    let other = dir.path().join("other.csv");
    std::fs::write(&other, "Date,Amount\n02.03.2026,\"-1,00\"\n").unwrap();
    let e = err(
        &walletdesk(
            &db,
            &[
                "tx",
                "import",
                other.to_str().unwrap(),
                "--account",
                "1",
                "--format",
                "mapping:my bank",
            ],
            None,
        ),
        2,
    );
    assert!(e.contains("time: no column named “Booking date”"), "{e}");

    // Removed: gone from the list; removing it again says so.
    ok(&walletdesk(&db, &["mapping", "remove", "my bank"], None));
    let list = json_of(&walletdesk(&db, &["--json", "mapping", "list"], None));
    assert_eq!(list["mappings"].as_array().unwrap().len(), 0);
    let e = err(&walletdesk(&db, &["mapping", "remove", "my bank"], None), 2);
    assert!(e.contains("no mapping named my bank"), "{e}");
}

/// A statement larger than a preview keeps: the preview lists its first rows,
/// and `tx import` writes every row from a second reading of the file.
#[test]
fn a_statement_larger_than_the_preview_is_written_whole() {
    use std::fmt::Write as _;
    use walletdesk::wallet::{Finished, KEPT_ROWS};
    let (dir, db) = setup();
    add_bank_mapping(&db);
    let n = KEPT_ROWS + 50;
    let mut s = String::from("Booking date,Payee,Purpose,Amount,Currency\n");
    for i in 0..n {
        let (day, month) = (1 + i % 28, 1 + (i / 28) % 10);
        writeln!(
            s,
            "{day:02}.{month:02}.2026,Shop {i},Goods,\"-{},{:02}\",EUR",
            1 + i % 90,
            i % 100
        )
        .unwrap();
    }
    s.push_str("05.03.2026,Employer,Salary,\"2.450,00\",EUR\n"); // money in: skipped
    s.push_str("01.01.2026,Shop 0,Goods,\"-1,00\",EUR\n"); // line 2 again
    let file = dir.path().join("big-statement.csv");
    std::fs::write(&file, &s).unwrap();

    // The preview, through the library: the first rows kept, every row counted.
    {
        let w = walletdesk::Wallet::open(&db, walletdesk::vault::Vault::memory(), common::clock())
            .unwrap();
        let job = w
            .start_import_preview_mapped(walletdesk::domain::AccountId(1), &file, "my bank")
            .unwrap();
        let Finished::Done(p) = job.wait(&mut |_| {}).unwrap() else {
            panic!("cancelled")
        };
        assert_eq!(p.error_total, 0, "{:?}", p.errors.first());
        assert_eq!((p.row_total, p.rows.len()), (n, KEPT_ROWS));
        assert_eq!(p.skipped_total, 1);
    }

    let v = import(&db, file.to_str().unwrap(), &[]);
    assert_eq!(v["error_count"], 0, "{v}");
    assert_eq!(v["written"], n);
    let repeat = u64::try_from(n).unwrap() + 3;
    assert_eq!(lines(&v["duplicates"]), vec![repeat]);
    assert_eq!(
        v["duplicates"][0]["reason"],
        "repeats line 2 of the file (B4)"
    );
    let again = import(&db, file.to_str().unwrap(), &[]);
    assert_eq!(again["written"], 0);
    assert_eq!(again["duplicate_count"], n + 1);
}
