//! `throughline init`

use std::path::PathBuf;

use clap::Args;

use super::Exit;

/// Arguments of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in (created if missing; must not hold
    /// a content/ folder yet).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
}

/// Runs `init`.
pub fn run(args: InitArgs) -> Exit {
    match throughline::scaffold::init(&args.dir) {
        Ok(files) => {
            println!("created a new site in {} ({files} files)", args.dir.display());
            println!("next: throughline build --root {}", args.dir.display());
            Exit::Ok
        }
        Err(error) => {
            eprintln!("error: {error}");
            Exit::Failure
        }
    }
}
