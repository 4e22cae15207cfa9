//! Shared terminal output: diagnostics and the summary line.

use throughline::diag::{Diagnostics, Severity, SourceMap, TerminalOptions, render_terminal};

/// Prints every diagnostic to stderr.
pub fn print_diagnostics(sources: &SourceMap, diagnostics: &Diagnostics, color: bool) {
    let options = TerminalOptions { color, ascii: false };
    for d in diagnostics.iter() {
        eprint!("{}", render_terminal(sources, d, options));
    }
}

/// "2 errors, 1 warning"
pub fn counts(diagnostics: &Diagnostics) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let errors = diagnostics.count(Severity::Error);
    let warnings = diagnostics.count(Severity::Warning);
    match (errors, warnings) {
        (0, 0) => "no problems".to_string(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

/// Prints to stdout; a closed pipe (`throughline check --format json | head`)
/// ends output quietly instead of panicking.
pub fn print_stdout(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}").and_then(|()| out.flush());
}
