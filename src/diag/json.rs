//! Diagnostics as JSON for CI and editors: a documented, versioned contract.
//!
//! ```json
//! { "version": 1,
//!   "summary": { "errors": 1, "warnings": 0, "infos": 0 },
//!   "diagnostics": [ { "severity": "error", "code": "unknown-reference",
//!       "message": "…", "file": "content/projects/x.md", "line": 4, "column": 14,
//!       "end_line": 4, "end_column": 22, "help": "…", "notes": [],
//!       "labels": [ { "file": "…", "line": 1, "column": 1, "end_line": 1,
//!                     "end_column": 5, "message": "…" } ] } ] }
//! ```
//! Lines and columns are 1-based; columns count characters; `end_*` point
//! just past the span. Analysis findings come after the content's own
//! diagnostics, in rank order, and also carry `gap` (translation,
//! visibility, feedback, focus or governance), `rule`, `subject`
//! (`{ kind, id }`), `owner` (`{ name, role }`), `at_stake`
//! (`{ money, fte }`) and `rank`; a waived finding has severity `info` and
//! a note starting `waived:`. docs/data.md documents every field. `file`, `line` and friends are `null` for a problem
//! that is not in any file.

use serde::Serialize;

use super::{Diagnostic, Diagnostics, Location, Severity, SourceMap};

/// Version of the JSON layout; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    summary: Summary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct Position {
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    message: &'a str,
    #[serde(flatten)]
    position: Position,
    label: Option<&'a str>,
    help: Option<&'a str>,
    notes: &'a [String],
    labels: Vec<JsonLabel<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gap: Option<&'a str>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    finding: Option<&'a super::FindingFacts>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    #[serde(flatten)]
    position: Position,
    message: &'a str,
}

fn position(sources: &SourceMap, location: Option<&Location>) -> Position {
    match location {
        // A place in a file the map does not have (the organisation file of
        // a site without one) is shown without a position.
        None => Position { file: None, line: None, column: None, end_line: None, end_column: None },
        Some(loc) if sources.try_get(loc.file).is_none() => {
            Position { file: None, line: None, column: None, end_line: None, end_column: None }
        }
        Some(loc) => {
            let file = sources.get(loc.file);
            let (line, column) = file.line_column(loc.span.start);
            let (end_line, end_column) = file.line_column(loc.span.end);
            Position {
                file: Some(file.path.to_string_lossy().replace('\\', "/")),
                line: Some(line),
                column: Some(column),
                end_line: Some(end_line),
                end_column: Some(end_column),
            }
        }
    }
}

fn json_diagnostic<'a>(sources: &SourceMap, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        severity: d.severity,
        code: d.code,
        message: &d.message,
        position: position(sources, d.location.as_ref()),
        label: d.label.as_deref(),
        help: d.help.as_deref(),
        notes: &d.notes,
        labels: d
            .labels
            .iter()
            .map(|l| JsonLabel { position: position(sources, Some(&l.location)), message: &l.message })
            .collect(),
        gap: d.gap,
        finding: d.finding.as_ref(),
    }
}

/// The whole report as pretty-printed JSON.
pub fn to_json(sources: &SourceMap, diagnostics: &Diagnostics) -> String {
    let report = Report {
        version: JSON_VERSION,
        summary: Summary {
            errors: diagnostics.count(Severity::Error),
            warnings: diagnostics.count(Severity::Warning),
            infos: diagnostics.count(Severity::Info),
        },
        diagnostics: diagnostics.iter().map(|d| json_diagnostic(sources, d)).collect(),
    };
    serde_json::to_string_pretty(&report).expect("diagnostics always serialise")
}

#[cfg(test)]
mod tests {
    /// A site without organisation.toml has findings located in a file
    /// that is not there: they are reported without a position, not a panic.
    #[test]
    fn a_place_in_a_file_that_is_not_there_has_no_position() {
        let project = "+++\ntitle = \"Lonely\"\nstatus = \"active\"\n+++\n";
        let checked = crate::check_texts(
            &[("content/projects/lonely.md", project)],
            chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        );
        let json = super::to_json(&checked.sources, &checked.diagnostics);
        assert!(json.contains("\"version\": 1"), "{json}");
        if let Some((model, analysis)) = checked.result.as_deref() {
            let data = crate::render::export::data_set(model, analysis, &checked.sources);
            assert!(!data.json().is_empty());
        }
    }
}
