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
    let model = checked.result.as_deref().map(|(model, _)| model);
    let findings: Vec<_> = match model {
        Some(model) => checked.findings().iter().map(|f| f.to_diagnostic(model)).collect(),
        None => Vec::new(),
    };
    all.extend(findings.iter().cloned());
    match args.format {
        Format::Json => output::print_stdout(&to_json(&checked.sources, &all)),
        Format::Human => {
            output::print_diagnostics(&checked.sources, &checked.diagnostics, color);
            let options = TerminalOptions { color, ascii: false };
            // Findings in reading order: the most severe, then the most at
            // stake, first.
            for d in &findings {
                eprint!("{}", render_terminal(&checked.sources, d, options));
            }
            let per_gap: Vec<String> = Gap::ALL
                .into_iter()
                .map(|gap| (gap, findings.iter().filter(|d| d.gap == Some(gap.id())).count()))
                .filter(|(_, n)| *n > 0)
                .map(|(gap, n)| format!("{} {n}", gap.id()))
                .collect();
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
