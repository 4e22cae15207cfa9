//! `throughline check`

use clap::{Args, ValueEnum};
use throughline::analyse::Gap;
use throughline::diag::{Diagnostics, Severity, TerminalOptions, render_terminal, to_json};

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
        Format::Json => output::print_stdout(&to_json(&checked.sources, &all)),
        Format::Human => {
            output::print_diagnostics(&checked.sources, &checked.diagnostics, color);
            let options = TerminalOptions { color, ascii: false };
            let mut per_gap = Vec::new();
            for gap in Gap::ALL {
                let findings: Vec<_> = checked.findings().iter().filter(|f| f.rule.gap == gap).collect();
                if findings.is_empty() {
                    continue;
                }
                eprintln!("── {} ({}): {}\n", gap.title(), findings.len(), gap.explanation());
                for f in &findings {
                    eprint!("{}", render_terminal(&checked.sources, &f.to_diagnostic(), options));
                }
                per_gap.push(format!("{} {}", gap.id(), findings.len()));
            }
            let verdict = if all.has_errors() { "check failed" } else { "check passed" };
            let waived = checked.findings().iter().filter(|f| f.waiver.is_some()).count();
            let findings = match (per_gap.is_empty(), waived) {
                (true, _) => String::new(),
                (false, 0) => format!("; findings by gap: {}", per_gap.join(", ")),
                (false, w) => format!("; findings by gap: {} ({w} waived)", per_gap.join(", ")),
            };
            eprintln!("{verdict}: {}{findings}", output::counts(&all));
        }
    }
    let fails = all.has_errors() || (args.deny == Some(Deny::Warnings) && all.count(Severity::Warning) > 0);
    if fails { Exit::Content } else { Exit::Ok }
}
