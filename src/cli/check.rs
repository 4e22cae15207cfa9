//! `throughline check`

use clap::{Args, ValueEnum};
use throughline::diag::{Diagnostics, Severity, to_json};

use super::{Exit, SiteArgs, output};

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Output format: human-readable diagnostics, or JSON for CI and editors.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings (including analysis findings) as errors for the exit code.
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Option<Deny>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Diagnostics with source snippets, on stderr.
    Human,
    /// One JSON document on stdout (see the README for its layout).
    Json,
}

/// What `--deny` can make fatal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Fail on warnings too.
    Warnings,
}

/// Runs `check`.
pub fn run(args: CheckArgs, color: bool) -> Exit {
    let checked = throughline::check(&args.site.root, args.site.as_of());
    let mut all = Diagnostics::new();
    all.extend(checked.diagnostics.iter().cloned());
    all.extend(checked.findings().iter().map(|f| f.to_diagnostic()));
    match args.format {
        Format::Json => println!("{}", to_json(&checked.sources, &all)),
        Format::Human => {
            output::print_diagnostics(&checked.sources, &all, color);
            let verdict = if all.has_errors() {
                "check failed"
            } else {
                "check passed"
            };
            eprintln!("{verdict}: {}", output::counts(&all));
        }
    }
    let fails =
        all.has_errors() || (args.deny == Some(Deny::Warnings) && all.count(Severity::Warning) > 0);
    if fails { Exit::Content } else { Exit::Ok }
}
