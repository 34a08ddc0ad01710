//! `walletdesk completions SHELL` and `walletdesk man`, run on the built binary,
//! and the copies the .deb installs from `packaging/` kept in step with them.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use common::{err, ok, walletdesk};

fn run(args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite");
    let o = walletdesk(&db, args, None);
    // Generating text needs no database: none is created.
    assert!(!db.exists(), "{args:?} created a database");
    o
}

#[test]
fn each_shell_gets_a_script_that_knows_the_commands_and_their_flags() {
    for (shell, marker) in [
        ("bash", "complete -F _walletdesk"),
        ("zsh", "#compdef walletdesk"),
        ("fish", "complete -c walletdesk"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[walletdesk]"),
    ] {
        let script = ok(&run(&["completions", shell]));
        assert!(script.contains(marker), "{shell}: no {marker:?}");
        for word in [
            "check-card",
            "precheck",
            "account",
            "dry-run",
            "alibaba-cloud",
        ] {
            assert!(script.contains(word), "{shell}: {word} is not completed");
        }
    }
}

#[test]
fn an_unknown_shell_is_refused_naming_the_ones_there_are() {
    let e = err(&run(&["completions", "nushell"]), 2);
    assert!(e.contains("nushell"), "{e}");
    assert!(e.contains("bash, elvish, fish, powershell, zsh"), "{e}");
}

#[test]
fn the_man_page_is_roff_with_every_command_and_its_flags() {
    let page = ok(&run(&["man"]));
    assert!(
        page.starts_with(".ie") || page.contains(".TH walletdesk 1"),
        "{}",
        &page[..200]
    );
    assert!(page.contains(".TH walletdesk 1"));
    for heading in [
        "walletdesk tx import",
        "walletdesk card add",
        "walletdesk setting set",
        "walletdesk check\\-card",
        "walletdesk completions",
    ] {
        assert!(
            page.contains(&format!(".SS \"{heading}\"")),
            "no section {heading}"
        );
    }
    assert!(
        page.contains("\\fB\\-\\-dry\\-run\\fR"),
        "tx import's --dry-run"
    );
    // No line may start with a dot that is not a roff request.
    for line in page.lines().filter(|l| l.starts_with('.')) {
        let request = line.split_whitespace().next().unwrap();
        assert!(
            [
                ".TH", ".SH", ".SS", ".TP", ".PP", ".IP", ".RS", ".RE", ".ie", ".el", ".br", ".nf",
                ".fi", ".B", ".I"
            ]
            .contains(&request),
            "stray roff line: {line}"
        );
    }
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let mut cmd =
        common::walletdesk_command(std::path::Path::new("/nonexistent/w.sqlite"), &["man"]);
    let mut child = cmd.spawn().unwrap();
    drop(child.stdout.take()); // the reader goes away at once, as with `| head -1`
    let o = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(o.status.success(), "{:?} {stderr}", o.status);
}

/// The files the .deb installs are what the binary prints today.
#[test]
fn the_packaged_completions_and_man_page_match_the_cli() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (file, args) in [
        (
            "packaging/completions/walletdesk.bash",
            &["completions", "bash"][..],
        ),
        (
            "packaging/completions/_walletdesk",
            &["completions", "zsh"][..],
        ),
        (
            "packaging/completions/walletdesk.fish",
            &["completions", "fish"][..],
        ),
        ("packaging/walletdesk.1", &["man"][..]),
    ] {
        let printed = ok(&run(args));
        let kept = std::fs::read_to_string(root.join(file)).unwrap();
        assert!(
            kept == printed,
            "{file} is out of date: run `cargo run -- {} > {file}`",
            args.join(" ")
        );
    }
}
