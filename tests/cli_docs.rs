//! The command line explains itself: every flag's help, the choices of each flag,
//! `rules` (and docs/rules.md generated from it), sources by their titles, and the
//! exit code of a pre-check that would be refused.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use std::path::Path;

use clap::CommandFactory;
use common::{err, ok, walletdesk};
use serde_json::Value;
use walletdesk::cli::Cli;

const AC_DOC_TITLE: &str = "Expenses and Costs: Introduction to payment methods — Alibaba Cloud Document Center, updated 2026-01-12";
const BIYAPAY_TITLE: &str = "Registering Alipay with a US phone number: steps, limits and fees — BiyaPay blog guide, undated (read 2026)";

/// Every subcommand, as "walletdesk account add", with its clap command.
fn commands(cmd: &clap::Command, path: &str, out: &mut Vec<(String, clap::Command)>) {
    out.push((path.to_owned(), cmd.clone()));
    for sub in cmd.get_subcommands() {
        commands(sub, &format!("{path} {}", sub.get_name()), out);
    }
}

#[test]
fn every_flag_and_argument_of_every_command_says_what_it_is_and_none_defaults_to_nothing() {
    let mut all = Vec::new();
    commands(&Cli::command(), "walletdesk", &mut all);
    assert!(all.len() > 30, "{}", all.len());
    let mut missing = Vec::new();
    for (path, mut cmd) in all {
        if cmd.get_name() == "help" {
            continue;
        }
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path}: {id} has no help line"));
            }
            if arg.get_default_values().iter().any(|v| v.is_empty()) {
                missing.push(format!("{path}: {id} defaults to \"\""));
            }
        }
        let help = cmd.render_long_help().to_string();
        if help.contains("[default: ]") || help.contains("[default: \"\"]") {
            missing.push(format!("{path}: --help shows an empty default"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

fn help_of(args: &[&str]) -> String {
    let mut a = args.to_vec();
    a.push("--help");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_walletdesk"))
        .args(&a)
        .output()
        .unwrap();
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn help_lists_the_values_of_each_choice_and_describes_the_account() {
    let help = help_of(&["account", "add"]);
    for v in ["alipay-hk", "alibaba-cloud", "EUROPE-NON-EU", "unverified"] {
        assert!(help.contains(v), "{v} missing from:\n{help}");
    }
    let help = help_of(&["card", "add"]);
    assert!(help.contains("The account's id (see `walletdesk account list`)"));
    for v in ["prepaid", "unknown", "pending", "active"] {
        assert!(help.contains(v), "{v} missing from:\n{help}");
    }
    let help = help_of(&["tx", "add"]);
    for v in ["alipay-account", "bank-account", "services"] {
        assert!(help.contains(v), "{v} missing from:\n{help}");
    }
    let help = help_of(&["limit", "cap"]);
    assert!(help.contains("--account <ID>"), "{help}");
    assert!(help.contains("month"), "{help}");
}

fn db(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join("w.sqlite")
}

fn add_account(db: &Path, args: &[&str]) -> String {
    let mut a = vec!["account", "add"];
    a.extend_from_slice(args);
    ok(&walletdesk(db, &a, None)).trim().to_owned()
}

#[test]
fn a_value_that_is_not_one_of_the_choices_exits_2_naming_the_flag_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    let e = err(
        &walletdesk(
            &db,
            &["account", "add", "--provider", "paypal", "--label", "x"],
            None,
        ),
        2,
    );
    assert!(e.contains("--provider"), "{e}");
    assert!(e.contains("alibaba-cloud"), "the choices are listed: {e}");
    assert_eq!(
        ok(&walletdesk(&db, &["--json", "account", "list"], None)),
        "[]\n"
    );

    let a = add_account(&db, &["--provider", "alipay", "--label", "A"]);
    let e = err(
        &walletdesk(
            &db,
            &[
                "tx",
                "add",
                "--account",
                &a,
                "--amount",
                "10",
                "--currency",
                "CNY",
                "--type",
                "food",
            ],
            None,
        ),
        2,
    );
    assert!(e.contains("--type"), "{e}");
    let e = err(
        &walletdesk(&db, &["method", "attempt", "1", "--outcome", "maybe"], None),
        2,
    );
    assert!(e.contains("--outcome"), "{e}");
    // A region in lower case is still understood, as before.
    add_account(
        &db,
        &[
            "--provider",
            "alibaba-cloud",
            "--label",
            "C",
            "--region",
            "us",
        ],
    );
}

#[test]
fn check_card_still_takes_provider_all() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(&walletdesk(
        &db(&dir),
        &[
            "--json",
            "check-card",
            "--provider",
            "all",
            "--region",
            "US",
            "--expiry",
            "12/28",
        ],
        Some("3530 1113 3330 0000\n"),
    ));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["results"].as_array().unwrap().len(), 4);
}

#[test]
fn limit_commands_take_the_account_as_a_flag_like_every_other_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    let a = add_account(
        &db,
        &["--provider", "alipay", "--label", "A", "--tier", "verified"],
    );
    let cap = ok(&walletdesk(
        &db,
        &[
            "limit",
            "cap",
            "--account",
            &a,
            "--name",
            "Card issuer",
            "--window",
            "month",
            "--currency",
            "CNY",
            "--amount",
            "20000",
        ],
        None,
    ));
    assert_eq!(cap.trim(), "1");
    ok(&walletdesk(
        &db,
        &["limit", "book", "--account", &a, "alternative"],
        None,
    ));
    ok(&walletdesk(
        &db,
        &["limit", "set", "--account", &a, "basic-year", "150000"],
        None,
    ));
    ok(&walletdesk(
        &db,
        &["limit", "clear", "--account", &a, "basic-year"],
        None,
    ));
    // The old positional form is refused as bad input.
    err(
        &walletdesk(
            &db,
            &[
                "limit",
                "cap",
                &a,
                "--name",
                "x",
                "--window",
                "day",
                "--currency",
                "CNY",
                "--amount",
                "1",
            ],
            None,
        ),
        2,
    );
}

#[test]
fn rate_list_has_a_header_a_person_reads_as_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    ok(&walletdesk(
        &db,
        &["rate", "set", "USD", "CNY", "7.18", "--date", "2026-11-01"],
        None,
    ));
    let out = ok(&walletdesk(&db, &["rate", "list"], None));
    let header = out.lines().next().unwrap();
    // It read "from        =": a bare "from" over the dates and "=" over the rates.
    assert!(header.starts_with("valid from"), "{out}");
    assert!(!header.trim_end().ends_with('='), "{out}");
    assert!(header.contains("is worth"), "{out}");
}

/// An unverified Alipay account: USD 500 a payment (Q1).
fn unverified_alipay(db: &Path) -> String {
    ok(&walletdesk(
        db,
        &["rate", "set", "USD", "CNY", "7.18", "--date", "2026-01-01"],
        None,
    ));
    add_account(db, &["--provider", "alipay", "--label", "A"])
}

fn precheck(db: &Path, a: &str, amount: &str, json: bool) -> std::process::Output {
    let mut args = vec![
        "precheck",
        "--account",
        a,
        "--amount",
        amount,
        "--currency",
        "USD",
        "--type",
        "goods",
    ];
    if json {
        args.insert(0, "--json");
    }
    walletdesk(db, &args, None)
}

#[test]
fn a_precheck_that_would_be_refused_exits_1_with_its_answer_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    let a = unverified_alipay(&db);

    let o = precheck(&db, &a, "600", false);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("Would be refused"), "{out}");
    assert!(out.contains("Breaks ") && out.contains("(Q1)"), "{out}");
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    let o = precheck(&db, &a, "600", true);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["allowed"], false);
    assert_eq!(v["breaks"][0]["rule"], "Q1");

    // With a card that can pay (L7), USD 400 goes through: exit 0.
    ok(&walletdesk(
        &db,
        &[
            "card",
            "add",
            "--account",
            &a,
            "--expiry",
            "09/28",
            "--holder",
            "JOHN SMITH",
            "--status",
            "active",
            // A1: the account is not verified; the card is said to be linked all the same.
            "--anyway",
        ],
        Some("4111 1111 1111 1111\n"),
    ));
    let o = precheck(&db, &a, "400", true);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["allowed"], true);

    // Bad input is still exit 2, naming the field.
    let e = err(&precheck(&db, &a, "lots", false), 2);
    assert!(e.contains("amount"), "{e}");
}

#[test]
fn rules_lists_every_rule_with_its_level_remedy_and_source_by_title() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    let out = ok(&walletdesk(&db, &["rules"], None));
    for id in walletdesk::domain::rules::BINDING_RULES
        .iter()
        .chain(walletdesk::domain::rules::LIFECYCLE_RULES)
        .chain(walletdesk::domain::rules::LIMIT_RULES)
    {
        assert!(
            out.lines().any(|l| l.starts_with(&format!("{id} "))),
            "{id} missing"
        );
    }
    assert!(out.contains("Alibaba Cloud: block"), "{out}");
    assert!(out.contains(&format!("Source: {AC_DOC_TITLE}")), "{out}");
    assert!(out.contains("What to do: "), "{out}");
    assert!(!out.contains(".txt"), "sources by title, not file name");
    assert!(!out.contains("DOMAIN.md"));
    assert!(!db.exists(), "the catalogue needs no database");

    let v: Value = serde_json::from_str(&ok(&walletdesk(&db, &["--json", "rules"], None))).unwrap();
    let ac4 = v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "AC4")
        .unwrap();
    assert_eq!(ac4["group"], "binding");
    assert_eq!(ac4["applies"][0]["providers"][0], "alibaba-cloud");
    assert_eq!(ac4["applies"][0]["level"], "block");
    assert_eq!(ac4["applies"][0]["source"], "003_0647db2b27c843d7.txt");
    assert_eq!(ac4["applies"][0]["source_title"], AC_DOC_TITLE);
    let q8 = v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "Q8")
        .unwrap();
    assert!(q8["limits"].as_array().unwrap().len() >= 4);
    let sources = v["sources"].as_array().unwrap();
    let gov = sources
        .iter()
        .find(|s| s["publisher"] == "english.www.gov.cn")
        .unwrap();
    assert!(
        gov["url"]
            .as_str()
            .unwrap()
            .starts_with("https://english.www.gov.cn")
    );
}

#[test]
fn docs_rules_md_is_what_the_generator_prints() {
    let dir = tempfile::tempdir().unwrap();
    let generated = ok(&walletdesk(&db(&dir), &["rules", "--markdown"], None));
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let shipped = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        shipped == generated,
        "docs/rules.md is out of date with the rule catalogue and the data under assets/: \
         regenerate it with `cargo run -- rules --markdown > docs/rules.md`"
    );
    assert!(generated.contains("### AC4 — "));
    assert!(generated.contains("(https://english.www.gov.cn/)"));
}

#[test]
fn the_readme_and_the_code_point_to_docs_a_clone_has() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.contains("(docs/rules.md)"),
        "README links docs/rules.md"
    );
    assert!(readme.contains("(docs/cli.md)"), "README links docs/cli.md");
    assert!(root.join("docs/cli.md").is_file());
    let mut stale = Vec::new();
    let mut stack = vec![root.join("src"), root.join("assets"), root.join("tests")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .is_some_and(|x| x == "rs" || x == "json" || x == "md")
            {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                // This file names the old paths to look for them.
                if p.ends_with("tests/cli_docs.rs") {
                    continue;
                }
                for old in ["shared/", "DOMAIN.md", "CLI.md"] {
                    if text.contains(old) {
                        stale.push(format!("{} mentions {old}", p.display()));
                    }
                }
            }
        }
    }
    for old in ["shared/", "DOMAIN.md", "CLI.md"] {
        if readme.contains(old) {
            stale.push(format!("README.md mentions {old}"));
        }
    }
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

// ---- sources by their titles ------------------------------------------------------

#[test]
fn check_card_names_sources_by_title_and_json_keeps_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    let args = [
        "check-card",
        "--provider",
        "alibaba-cloud",
        "--region",
        "US",
        "--expiry",
        "12/28",
    ];
    let out = ok(&walletdesk(&db, &args, Some("3530 1113 3330 0000\n")));
    assert!(out.contains(&format!("Source: {AC_DOC_TITLE}")), "{out}");
    assert!(!out.contains("003_0647db2b27c843d7.txt"), "{out}");
    assert!(!out.contains("DOMAIN.md"), "{out}");

    let mut json_args = vec!["--json"];
    json_args.extend_from_slice(&args);
    let v: Value = serde_json::from_str(&ok(&walletdesk(
        &db,
        &json_args,
        Some("3530 1113 3330 0000\n"),
    )))
    .unwrap();
    let ac4 = v["results"][0]["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "AC4")
        .unwrap();
    assert_eq!(ac4["source"], "003_0647db2b27c843d7.txt");
    assert_eq!(ac4["source_title"], AC_DOC_TITLE);
}

#[test]
fn quota_and_precheck_name_their_sources_by_title() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    let a = unverified_alipay(&db);
    let out = ok(&walletdesk(&db, &["quota", "--account", &a], None));
    assert!(out.contains("Sources:"), "{out}");
    assert!(out.contains(BIYAPAY_TITLE), "{out}");
    assert!(!out.contains(".txt"), "{out}");
    let v: Value = serde_json::from_str(&ok(&walletdesk(
        &db,
        &["--json", "quota", "--account", &a],
        None,
    )))
    .unwrap();
    assert_eq!(v["limits"][0]["source"], "000_72fd90b31019d570.txt");
    assert_eq!(v["limits"][0]["source_title"], BIYAPAY_TITLE);

    let o = precheck(&db, &a, "100", false);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(!out.contains(".txt"), "{out}");
    assert!(out.contains("Source: "), "{out}");
}
