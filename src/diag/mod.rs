//! Diagnostics: every problem in content, and every analysis finding, as data.
//!
//! A [`Diagnostic`] points at an absolute byte range in a file held by the
//! [`SourceMap`]; lines and columns are computed only when a diagnostic is
//! shown, so spans stay cheap and exact while they travel through the
//! pipeline. Stages push diagnostics into a [`Diagnostics`] sink and keep
//! going, so a user sees every problem of a build at once.

mod json;
mod source;
mod suggest;
mod terminal;

use std::ops::Range;

pub use json::to_json;
pub use source::{FileId, SourceFile, SourceMap};
pub use suggest::{did_you_mean, suggestion_help};
pub use terminal::{TerminalOptions, render_terminal};

/// How bad a problem is; decides the exit code of `check` and `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something worth knowing that needs no action.
    Info,
    /// Content that works but is probably wrong, or an analysis finding.
    Warning,
    /// Content that cannot be turned into a site until it is fixed.
    Error,
}

impl Severity {
    /// The lowercase word used in terminal and JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in a source file: the file and an absolute byte range in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    /// The file, as registered in the [`SourceMap`].
    pub file: FileId,
    /// Absolute byte range in the file's text (may be empty).
    pub span: Range<usize>,
}

impl Location {
    /// A location at `span` in `file`.
    pub fn new(file: FileId, span: Range<usize>) -> Self {
        Location { file, span }
    }

    /// The start of a file, for problems that concern the file as a whole.
    pub fn file_start(file: FileId) -> Self {
        Location { file, span: 0..0 }
    }
}

/// A secondary pointer, such as "first defined here" for a duplicate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where the label points.
    pub location: Location,
    /// What the label says about that place.
    pub message: String,
}

/// One problem, with everything a user needs to act on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error, warning or info.
    pub severity: Severity,
    /// A stable, documented code (`unknown-key`, `unaligned-project`, …) for
    /// filtering in CI and for linking to the docs.
    pub code: &'static str,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// Where it is wrong; `None` only for problems with no file at all.
    pub location: Option<Location>,
    /// What the primary span label says, if anything beyond the message.
    pub label: Option<String>,
    /// Other places that explain the problem.
    pub labels: Vec<Label>,
    /// How to fix it, as a statement.
    pub help: Option<String>,
    /// Extra facts (the allowed values, the cycle, …).
    pub notes: Vec<String>,
    /// For analysis findings: the alignment gap (`translation`, …).
    pub gap: Option<&'static str>,
    /// For analysis findings: what a CI job or a dashboard needs to route
    /// and rank one.
    pub finding: Option<FindingFacts>,
}

/// The facts about an analysis finding that `check --format json` adds to
/// its diagnostic (documented in docs/data.md).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FindingFacts {
    /// The rule's id (the diagnostic's `code` too).
    pub rule: &'static str,
    /// What it is about.
    pub subject: SubjectRef,
    /// Who should act.
    pub owner: OwnerRef,
    /// The money and people of the work it is about; `null` where unknown.
    pub at_stake: StakeRef,
    /// Its place in the reading order, from 1.
    pub rank: usize,
    /// For a finding about a practice: every subject it covers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<SubjectRef>,
    /// What is at stake in words ("£2m of open spend and 9.5 FTE"), for
    /// terminal output; the JSON has the numbers.
    #[serde(skip)]
    pub at_stake_words: Option<String>,
}

/// A thing in the content: its kind and its id (`null` for the
/// organisation).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SubjectRef {
    /// `organisation`, `project`, `objective`, `priority`, `team` or `review`.
    pub kind: &'static str,
    /// Its id: the file stem.
    pub id: Option<String>,
}

/// A person in a role; `name` is `null` for the PMO.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OwnerRef {
    /// As the content gives it.
    pub name: Option<String>,
    /// `project-owner`, `sponsor`, `objective-owner`, `priority-owner`,
    /// `team-lead`, `chair` or `pmo`.
    pub role: &'static str,
}

/// Money still to spend and FTE.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct StakeRef {
    /// In the organisation's currency.
    pub money: Option<f64>,
    /// Full-time equivalents.
    pub fte: Option<f64>,
}

impl Diagnostic {
    /// An error with a code and message and nothing else yet.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A warning with a code and message and nothing else yet.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    /// A diagnostic of any severity.
    pub fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            location: None,
            label: None,
            labels: Vec::new(),
            help: None,
            notes: Vec::new(),
            gap: None,
            finding: None,
        }
    }

    /// Points the diagnostic at `span` in `file`.
    pub fn at(mut self, file: FileId, span: Range<usize>) -> Self {
        self.location = Some(Location::new(file, span));
        self
    }

    /// Points the diagnostic at a location.
    pub fn at_location(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Sets the text shown under the primary span.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a secondary label.
    pub fn with_secondary(mut self, location: Location, message: impl Into<String>) -> Self {
        self.labels.push(Label { location, message: message.into() });
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the help text if there is one.
    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

/// The sink every stage pushes into; counted once at the end.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty sink.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records many.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    /// How many diagnostics have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// Whether anything blocks the build.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// All diagnostics, in the order [`Diagnostics::sort`] left them.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Whether the sink is empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Orders errors first, then by file and position, so output is
    /// deterministic whatever order parallel stages finished in.
    pub fn sort(&mut self, sources: &SourceMap) {
        self.items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                let (path, start) = match &d.location {
                    Some(l) => (sources.try_get(l.file).map(|f| f.path.clone()), l.span.start),
                    None => (None, 0),
                };
                (std::cmp::Reverse(d.severity), path, start)
            };
            key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
        });
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}
