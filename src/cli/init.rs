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
    /// Start empty: a commented organisation.toml and empty content folders,
    /// no example content (then `throughline import` a spreadsheet).
    #[arg(long)]
    blank: bool,
}

/// Runs `init`.
pub fn run(args: InitArgs) -> Exit {
    use throughline::scaffold::{Start, init};
    let start = if args.blank { Start::Blank } else { Start::Example };
    match init(&args.dir, start) {
        Ok(files) if start == Start::Blank => {
            let dir = args.dir.display();
            println!(
                "created a blank site in {dir} ({files} file{}, and empty content folders)",
                if files == 1 { "" } else { "s" }
            );
            println!("next: edit {dir}/content/organisation.toml, then bring in your portfolio:");
            println!("  throughline import projects your-portfolio.csv --root {dir}");
            println!("  throughline build --root {dir}");
            Exit::Ok
        }
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
