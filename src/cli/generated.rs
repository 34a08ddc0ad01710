//! Shell completions and the man page, generated from the clap definition so they
//! never drift from the flags (`walletdesk completions SHELL`, `walletdesk man`).
//! The .deb ships copies of both from `packaging/`; a test keeps them in step.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Failure};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
}

/// The completion script for `shell`, as the shell's completion folder wants it.
pub fn completions(shell: Shell) -> Result<String, Failure> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "walletdesk", &mut out);
    text(out)
}

/// The man page (roff), section 1: the overview clap_mangen writes, then a
/// COMMANDS section with every command's usage and flags.
pub fn man() -> Result<String, Failure> {
    let command = Cli::command();
    let mut out = Vec::new();
    // Not `render`: its SUBCOMMANDS section points to one page per command,
    // and this page holds them all.
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(&mut out)
        .and_then(|()| man.render_name_section(&mut out))
        .and_then(|()| man.render_synopsis_section(&mut out))
        .and_then(|()| man.render_description_section(&mut out))
        .and_then(|()| man.render_options_section(&mut out))
        .map_err(|e| Failure {
            code: 3,
            message: format!("could not write the man page: {e}"),
        })?;
    let mut page = text(out)?;
    page.push_str(".SH COMMANDS\n");
    for sub in command.get_subcommands() {
        command_roff(&mut page, "walletdesk", sub);
    }
    Ok(page)
}

/// One command's heading, about, usage and flags; then its own commands.
fn command_roff(page: &mut String, parent: &str, command: &clap::Command) {
    if command.is_hide_set() {
        return;
    }
    let name = format!("{parent} {}", command.get_name());
    page.push_str(&format!(".SS \"{}\"\n", roff(&name)));
    if let Some(about) = command.get_long_about().or(command.get_about()) {
        page.push_str(&format!("{}\n.PP\n", roff(&about.to_string())));
    }
    if command.has_subcommands() {
        for sub in command.get_subcommands() {
            command_roff(page, &name, sub);
        }
        return;
    }
    let usage = command
        .clone()
        .bin_name(&name)
        .render_usage()
        .to_string()
        .replacen("Usage: ", "", 1);
    page.push_str(&format!("\\fB{}\\fR\n", roff(&usage)));
    for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
        let id = arg.get_id().as_str();
        if id == "help" || id == "version" {
            continue;
        }
        let head = match (arg.get_long(), arg.get_value_names()) {
            (Some(long), Some(v)) if arg.get_action().takes_values() => {
                format!("\\fB\\-\\-{}\\fR \\fI{}\\fR", roff(long), roff(&v[0]))
            }
            (Some(long), _) => format!("\\fB\\-\\-{}\\fR", roff(long)),
            (None, Some(v)) => format!("\\fI{}\\fR", roff(&v[0])),
            (None, None) => format!("\\fI{}\\fR", roff(&id.to_uppercase())),
        };
        let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
        page.push_str(&format!(".TP\n{head}\n{}\n", roff(&help)));
    }
}

/// Text as roff: backslashes and hyphens escaped, no line starting with a dot.
fn roff(s: &str) -> String {
    let escaped = s.replace('\\', "\\\\").replace('-', "\\-");
    escaped
        .lines()
        .map(|l| {
            if l.starts_with('.') || l.starts_with('\'') {
                format!("\\&{l}")
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn text(bytes: Vec<u8>) -> Result<String, Failure> {
    String::from_utf8(bytes).map_err(|e| Failure {
        code: 3,
        message: format!("the generated text is not UTF-8: {e}"),
    })
}
