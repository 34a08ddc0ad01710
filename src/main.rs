//! `walletdesk`: no command opens the window; a command runs without one.

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
                print!("{out}");
                ExitCode::SUCCESS
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

fn open_window(args: &Cli, clock: Clock) -> anyhow::Result<()> {
    if args.demo {
        // A fresh database in a temporary folder and an in-memory secret store:
        // the user's own data and keyring are not touched.
        let dir = tempfile::Builder::new()
            .prefix("walletdesk-demo-")
            .tempdir()?;
        let mut wallet = Wallet::open(&dir.path().join("demo.sqlite"), Vault::memory(), clock)?;
        wallet.load_demo()?;
        // About fifteen months of spending: the FX quota near its warning line.
        wallet.load_demo_transactions(1_600)?;
        ui::run(wallet)?;
        drop(dir);
        return Ok(());
    }
    let path = match &args.db {
        Some(p) => p.clone(),
        None => cli::default_db_path().map_err(anyhow::Error::msg)?,
    };
    let wallet = Wallet::open(&path, cli::vault_from_env(), clock)?;
    ui::run(wallet)
}
