//! `throughline check`

use clap::builder::PossibleValuesParser;
use clap::{Args, ValueEnum};
use throughline::analyse::{Finding, Gap, RULES};
use throughline::diag::{Diagnostic, Diagnostics, Severity, SourceMap, TerminalOptions, render_terminal, to_json};

use super::{Exit, SiteArgs, output};

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Output format: diagnostics with source snippets, one line per
    /// problem, or JSON for CI and editors.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings (including analysis findings) as errors for the exit code.
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Option<Deny>,
    /// Only the findings of this gap (repeat for several). Problems in the
    /// content itself are always shown.
    #[arg(long, value_name = "GAP", value_parser = PossibleValuesParser::new(Gap::ALL.map(|g| g.id())))]
    gap: Vec<String>,
    /// Only the findings of this rule (repeat for several; ids as in
    /// docs/rules.md).
    #[arg(long, value_name = "RULE", value_parser = PossibleValuesParser::new(RULES.iter().map(|r| r.id)))]
    rule: Vec<String>,
    /// Only findings at least this severe (a waived finding counts as info).
    #[arg(long, value_enum, value_name = "LEVEL")]
    min_severity: Option<Level>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Diagnostics with source snippets, on stderr.
    Human,
    /// One line per problem on stdout: place, severity, rule, rank, subject,
    /// owner and what is at stake.
    Compact,
    /// One JSON document on stdout (see docs/data.md for its layout).
    Json,
}

/// What `--deny` can make fatal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Fail on warnings too.
    Warnings,
}

/// Severities, as `--min-severity` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Level {
    /// Everything.
    Info,
    /// Warnings and errors.
    Warning,
    /// Errors only.
    Error,
}

impl Level {
    fn severity(self) -> Severity {
        match self {
            Level::Info => Severity::Info,
            Level::Warning => Severity::Warning,
            Level::Error => Severity::Error,
        }
    }
}

impl CheckArgs {
    /// Whether a finding passes the filters.
    fn wants(&self, f: &Finding) -> bool {
        (self.gap.is_empty() || self.gap.iter().any(|g| g == f.rule.gap.id()))
            && (self.rule.is_empty() || self.rule.iter().any(|r| r == f.rule.id))
            && self.min_severity.is_none_or(|level| f.effective_severity() >= level.severity())
    }
}

/// Runs `check`.
pub fn run(args: CheckArgs, color: bool) -> Exit {
    let checked = throughline::check(&args.site.root, args.site.as_of());
    let content = &checked.diagnostics;
    let findings: Vec<Diagnostic> = match checked.result.as_deref() {
        Some((model, _)) => {
            checked.findings().iter().filter(|f| args.wants(f)).map(|f| f.to_diagnostic(model)).collect()
        }
        None => Vec::new(),
    };
    let mut all = Diagnostics::new();
    all.extend(content.iter().cloned());
    all.extend(findings.iter().cloned());
    match args.format {
        Format::Json => output::print_stdout(&to_json(&checked.sources, &all)),
        Format::Compact => {
            let lines: Vec<String> = all.iter().map(|d| compact(&checked.sources, d)).collect();
            if !lines.is_empty() {
                output::print_stdout(&lines.join("\n"));
            }
            eprintln!("{}", summary(&all, content, &findings, &checked));
        }
        Format::Human => {
            let options = TerminalOptions { color, ascii: false };
            if !content.is_empty() {
                eprintln!("── Problems in the content ({})\n", content.len());
                output::print_diagnostics(&checked.sources, content, color);
            }
            if !findings.is_empty() {
                eprintln!(
                    "── Findings of the analysis ({}), the most severe and the most at stake first\n",
                    findings.len()
                );
                for d in &findings {
                    eprint!("{}", render_terminal(&checked.sources, d, options));
                }
            }
            eprintln!("{}", summary(&all, content, &findings, &checked));
        }
    }
    let fails = all.has_errors() || (args.deny == Some(Deny::Warnings) && all.count(Severity::Warning) > 0);
    if fails { Exit::Content } else { Exit::Ok }
}

/// "check passed; content: no problems; findings: 40 warnings, 5 notes (by
/// gap: …)": the verdict, then the content's own problems and the
/// analysis findings counted apart.
fn summary(
    all: &Diagnostics,
    content: &Diagnostics,
    findings: &[Diagnostic],
    checked: &throughline::Checked,
) -> String {
    let verdict = if all.has_errors() { "check failed" } else { "check passed" };
    let mut out = format!("{verdict}; content: {}", counts(content));
    if checked.result.is_none() {
        out.push_str("; the analysis runs once the content errors are fixed");
        return out;
    }
    let per_gap: Vec<String> = Gap::ALL
        .into_iter()
        .map(|gap| (gap, findings.iter().filter(|d| d.gap == Some(gap.id())).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(gap, n)| format!("{} {n}", gap.id()))
        .collect();
    if per_gap.is_empty() {
        out.push_str("; findings: none");
        return out;
    }
    let mut of_findings = Diagnostics::new();
    of_findings.extend(findings.iter().cloned());
    out.push_str(&format!("; findings: {} (by gap: {})", counts(&of_findings), per_gap.join(", ")));
    let waived = findings.iter().filter(|d| d.notes.iter().any(|n| n.starts_with("waived:"))).count();
    if waived > 0 {
        out.push_str(&format!(", {waived} waived"));
    }
    out
}

/// "2 errors, 40 warnings, 5 notes", naming only what there is.
fn counts(diagnostics: &Diagnostics) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let parts: Vec<String> = [(Severity::Error, "error"), (Severity::Warning, "warning"), (Severity::Info, "note")]
        .into_iter()
        .map(|(severity, word)| (diagnostics.count(severity), word))
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| plural(n, word))
        .collect();
    if parts.is_empty() { "no problems".into() } else { parts.join(", ") }
}

/// One problem on one line, starting with its place so editors and CI
/// logs can jump to it: `file:line:column: severity[code] #rank [subject]
/// message (owner: …; at stake: …)`.
fn compact(sources: &SourceMap, d: &Diagnostic) -> String {
    let place = d
        .location
        .as_ref()
        .and_then(|l| sources.try_get(l.file).map(|f| (f, l.span.start)))
        .map(|(file, start)| {
            let (line, column) = file.line_column(start);
            format!("{}:{line}:{column}", file.path.to_string_lossy().replace('\\', "/"))
        })
        .unwrap_or_else(|| "-".into());
    let severity = if d.severity == Severity::Info { "note" } else { d.severity.as_str() };
    let mut line = format!("{place}: {severity}[{}]", d.code);
    if let Some(f) = &d.finding {
        line.push_str(&format!(" #{}", f.rank));
        match &f.subject.id {
            Some(id) => line.push_str(&format!(" [{} {id}]", f.subject.kind)),
            None => line.push_str(&format!(" [{}]", f.subject.kind)),
        }
    }
    line.push(' ');
    line.push_str(&d.message.replace('\n', " "));
    if let Some(f) = &d.finding {
        let owner = match &f.owner.name {
            Some(name) => format!("{name}, {}", f.owner.role.replace('-', " ")),
            None => "the PMO".into(),
        };
        line.push_str(&format!(" (owner: {owner}"));
        if let Some(stake) = &f.at_stake_words {
            line.push_str(&format!("; at stake: {stake}"));
        }
        line.push(')');
    }
    line
}
