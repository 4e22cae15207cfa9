//! The `throughline` command: parse arguments, run a command, map the
//! outcome to an exit code (0 ok, 1 problems in content, 2 failure).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    ExitCode::from(cli::run(args) as u8)
}
