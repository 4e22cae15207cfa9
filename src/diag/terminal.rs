//! Diagnostics as a person reads them in a terminal, rustc style.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::term::{self, Config, Styles, StylesWriter, termcolor};

use super::{Diagnostic, Severity, SourceMap};

/// How to draw diagnostics for a terminal.
#[derive(Debug, Clone, Copy, Default)]
pub struct TerminalOptions {
    /// Emit ANSI colour codes.
    pub color: bool,
    /// Draw with plain ASCII instead of box-drawing characters (for logs
    /// and terminals that mangle Unicode).
    pub ascii: bool,
}

/// Renders one diagnostic with its snippet, labels, help and notes.
pub fn render_terminal(sources: &SourceMap, diagnostic: &Diagnostic, options: TerminalOptions) -> String {
    let mut config = Config::default();
    if options.ascii {
        config.chars = term::Chars::ascii();
    }
    let shortened = without_long_lines(sources, diagnostic);
    let diagnostic = shortened.as_ref().unwrap_or(diagnostic);
    let cs_diag = to_codespan(diagnostic);
    let styles = Styles::default();
    let mut buffer = if options.color { termcolor::Buffer::ansi() } else { termcolor::Buffer::no_color() };
    let mut writer = StylesWriter::new(&mut buffer, &styles);
    // A span outside its file is a bug upstream; fall back to the header so
    // the user still sees the problem rather than nothing.
    if term::emit_to_write_style(&mut writer, &config, sources, &cs_diag).is_err() {
        let header = cs::Diagnostic::new(cs_severity(diagnostic.severity))
            .with_code(diagnostic.code)
            .with_message(&diagnostic.message);
        let mut buffer = termcolor::Buffer::no_color();
        let mut writer = StylesWriter::new(&mut buffer, &styles);
        let _ = term::emit_to_write_style(&mut writer, &config, sources, &header);
        return String::from_utf8_lossy(buffer.as_slice()).into_owned();
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

/// Lines longer than this are not quoted in a snippet: a file of one
/// enormous line (minified, generated, hostile) would flood the terminal.
const LONGEST_QUOTED_LINE: usize = 400;

/// The diagnostic with places on over-long lines given as a note
/// (`at file:line:column`) instead of a snippet; `None` if none is.
fn without_long_lines(sources: &SourceMap, diagnostic: &Diagnostic) -> Option<Diagnostic> {
    let too_long = |location: &super::Location| {
        let file = sources.try_get(location.file)?;
        let line = file.line_index(location.span.start.min(file.text.len()));
        let range = file.line_range(line)?;
        (range.len() > LONGEST_QUOTED_LINE).then(|| {
            let (line, column) = file.line_column(location.span.start);
            let length = file.text.get(range).map_or(0, |l| l.trim_end_matches(['\n', '\r']).chars().count());
            format!("at {}:{line}:{column} (a line of {length} characters, not quoted)", file.path.display())
        })
    };
    let primary = diagnostic.location.as_ref().and_then(too_long);
    let secondary: Vec<Option<String>> = diagnostic.labels.iter().map(|l| too_long(&l.location)).collect();
    if primary.is_none() && secondary.iter().all(Option::is_none) {
        return None;
    }
    let mut short = diagnostic.clone();
    let mut notes = Vec::new();
    if let Some(at) = primary {
        short.location = None;
        notes.push(match short.label.take() {
            Some(label) => format!("{at}: {label}"),
            None => at,
        });
    }
    let mut kept = Vec::new();
    for (label, long) in diagnostic.labels.iter().zip(secondary) {
        match long {
            Some(at) => notes.push(format!("{at}: {}", label.message)),
            None => kept.push(label.clone()),
        }
    }
    short.labels = kept;
    notes.append(&mut short.notes);
    short.notes = notes;
    Some(short)
}

fn cs_severity(severity: Severity) -> cs::Severity {
    match severity {
        Severity::Info => cs::Severity::Note,
        Severity::Warning => cs::Severity::Warning,
        Severity::Error => cs::Severity::Error,
    }
}

fn to_codespan(d: &Diagnostic) -> cs::Diagnostic<super::FileId> {
    let mut labels = Vec::new();
    if let Some(loc) = &d.location {
        let mut label = cs::Label::primary(loc.file, loc.span.clone());
        if let Some(text) = &d.label {
            label = label.with_message(text);
        }
        labels.push(label);
    }
    for l in &d.labels {
        labels.push(cs::Label::secondary(l.location.file, l.location.span.clone()).with_message(&l.message));
    }
    let mut notes: Vec<String> = d.notes.clone();
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    cs::Diagnostic::new(cs_severity(d.severity))
        .with_code(d.code)
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}
