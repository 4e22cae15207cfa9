//! `throughline generate` (hidden): a synthetic portfolio for benchmarks.

use std::path::PathBuf;

use clap::Args;

use super::Exit;

/// Arguments of `generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The new site root (must not exist or be empty).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Number of projects; priorities, teams, objectives, check-ins and a
    /// review are sized to match.
    #[arg(long, default_value_t = 1000)]
    projects: usize,
    /// Seed for the synthetic values.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

/// Runs `generate`.
pub fn run(args: GenerateArgs) -> Exit {
    if std::fs::read_dir(&args.dir).is_ok_and(|mut entries| entries.next().is_some()) {
        eprintln!("error: `{}` is not empty; generate into a new folder", args.dir.display());
        return Exit::Failure;
    }
    let files =
        throughline::synthetic::generate(throughline::synthetic::Spec { projects: args.projects, seed: args.seed });
    for (path, text) in &files {
        let target = args.dir.join(path);
        let written =
            target.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&target, text));
        if let Err(error) = written {
            eprintln!("error: cannot write `{}`: {error}", target.display());
            return Exit::Failure;
        }
    }
    eprintln!("generated {} files for {} projects in {}", files.len(), args.projects, args.dir.display());
    Exit::Ok
}
