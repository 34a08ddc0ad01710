//! `walletdesk`: no command opens the window; a command runs without one.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use walletdesk::cli::{self, Cli};
use walletdesk::vault::Vault;
use walletdesk::{Clock, Wallet, ui};

fn main() -> ExitCode {
    let args = Cli::parse();
    let clock = args.now.map_or(Clock::System, Clock::Fixed);
    match &args.command {
        Some(command) => match cli::run(&args, command) {
            Ok(out) => {
                // A closed pipe (`walletdesk man | head`) is not an error worth a panic.
                let mut stdout = std::io::stdout().lock();
                match stdout
                    .write_all(out.text.as_bytes())
                    .and_then(|()| stdout.flush())
                {
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                        eprintln!("error: could not print: {e}");
                        ExitCode::from(3)
                    }
                    _ => ExitCode::from(out.code),
                }
            }
            Err(f) => {
                eprintln!("error: {}", f.message);
                ExitCode::from(f.code)
            }
        },
        None => match open_window(&args, clock) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::from(3)
            }
        },
    }
}

/// How long the integrity check may hold up the window's first frame; a larger
/// database's check goes on in the background once the window is up.
const WINDOW_CHECK_BUDGET: std::time::Duration = std::time::Duration::from_millis(100);

fn open_window(args: &Cli, clock: Clock) -> anyhow::Result<()> {
    if args.demo {
        // A fresh database in a temporary folder and an in-memory secret store:
        // the user's own data and keyring are not touched.
        let dir = tempfile::Builder::new()
            .prefix("walletdesk-demo-")
            .tempdir()?;
        let mut wallet = Wallet::open(&dir.path().join("demo.sqlite"), Vault::memory(), clock)?;
        // About fifteen months of spending: the FX quota near its warning line.
        wallet.load_demo(1_600)?;
        // The demo remembers nothing of the person's own window.
        let state = dir.path().join("window");
        ui::run(
            wallet,
            walletdesk::wallet::StartReport::default(),
            Some(state),
        )?;
        drop(dir);
        return Ok(());
    }
    let path = match &args.db {
        Some(p) => p.clone(),
        None => cli::default_db_path().map_err(anyhow::Error::msg)?,
    };
    let mut wallet = Wallet::open(&path, cli::vault_from_env(), clock)?;
    // One window per database: a second is refused with the first one's pid.
    wallet.lock_for_window()?;
    let start = wallet.start_checks(WINDOW_CHECK_BUDGET, true)?;
    ui::run(wallet, start, None)
}
