//! The `throughline` command: parse arguments, run a command, map the
//! outcome to an exit code (0 ok, 1 problems in content, 2 failure).

mod cli;

use std::process::ExitCode;

use clap::Parser;

// A build allocates and frees millions of small strings and values across
// threads (views, template values, charts); mimalloc handles that pattern
// far better than the system allocator (watch rebuilds at 10,000 projects
// spent a third of their time in glibc's malloc and free).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    ExitCode::from(cli::run(args) as u8)
}
