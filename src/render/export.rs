//! The analysed data as files for spreadsheets and BI tools: CSV per
//! record kind and one JSON document, written under `data/` in the site.
//!
//! The JSON layout is versioned (`schema_version`); a field is never
//! renamed or removed without bumping it. CSV columns match the JSON
//! fields; lists are joined with `;`.

use serde::Serialize;

use super::OutputFile;
use crate::analyse::{Analysis, Subject};
use crate::diag::SourceMap;
use crate::model::{Model, ObjectiveLink};

/// Version of the `data/analysis.json` layout.
pub const SCHEMA_VERSION: u32 = 1;

/// A project with its analysis.
#[derive(Debug, Serialize)]
pub struct ProjectRecord {
    pub id: String,
    pub title: String,
    pub owner: Option<String>,
    pub sponsor: Option<String>,
    pub team: Option<String>,
    pub status: &'static str,
    pub rag: Option<&'static str>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub budget: Option<f64>,
    pub spent: Option<f64>,
    pub fte: Option<f64>,
    /// Priority ids served, `;`-separated.
    pub priorities: String,
    /// Objective ids served, `;`-separated.
    pub objectives: String,
    /// Whether it serves a current objective (open projects only).
    pub aligned: Option<bool>,
    pub score: Option<f64>,
    pub rank: Option<usize>,
    pub within_capacity: Option<bool>,
    pub proposal: Option<&'static str>,
    pub proposal_reason: Option<String>,
    pub findings: usize,
}

/// An objective with its analysis.
#[derive(Debug, Serialize)]
pub struct ObjectiveRecord {
    pub id: String,
    pub title: String,
    pub period: Option<String>,
    pub team: Option<String>,
    pub owner: Option<String>,
    pub priority: Option<String>,
    pub parent: Option<String>,
    /// Progress 0–1.
    pub progress: Option<f64>,
    /// Expected progress by the as-of date, 0–1.
    pub expected: Option<f64>,
    pub health: &'static str,
    pub open_budget: f64,
    pub open_fte: f64,
    pub findings: usize,
}

/// A key result with its analysis.
#[derive(Debug, Serialize)]
pub struct KeyResultRecord {
    pub objective: String,
    pub id: String,
    pub title: String,
    pub start: Option<f64>,
    pub target: Option<f64>,
    pub current: Option<f64>,
    pub unit: Option<String>,
    pub direction: &'static str,
    pub kind: &'static str,
    pub progress: Option<f64>,
    pub expected: Option<f64>,
    pub health: &'static str,
    pub confidence: Option<f64>,
}

/// A finding.
#[derive(Debug, Serialize)]
pub struct FindingRecord {
    pub rule: &'static str,
    pub gap: &'static str,
    pub severity: &'static str,
    pub waived: bool,
    pub waiver_reason: Option<String>,
    /// project, objective, priority, team, review or organisation.
    pub subject_kind: &'static str,
    pub subject_id: Option<String>,
    pub message: String,
    pub action: String,
    pub file: String,
    pub line: usize,
}

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    as_of: String,
    organisation: &'a str,
    vision: Option<&'a str>,
    currency: &'a str,
    projects: &'a [ProjectRecord],
    objectives: &'a [ObjectiveRecord],
    key_results: &'a [KeyResultRecord],
    findings: &'a [FindingRecord],
}

fn csv<T: Serialize>(path: &str, records: &[T]) -> OutputFile {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for r in records {
        writer.serialize(r).expect("records are flat and serialise");
    }
    // A header row even when there are no records.
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    OutputFile { path: path.to_string(), bytes }
}

/// The data files of the site.
pub fn data_files(model: &Model, analysis: &Analysis, sources: &SourceMap) -> Vec<OutputFile> {
    let count = |subject: Subject| analysis.findings_for(subject).count();
    let projects: Vec<ProjectRecord> = model
        .project_ixs()
        .map(|ix| {
            let p = model.project(ix);
            let ranked = analysis.portfolio.entry(ix);
            ProjectRecord {
                id: p.id.clone(),
                title: p.title.clone(),
                owner: p.owner.clone(),
                sponsor: p.sponsor.clone(),
                team: p.team.map(|t| model.team(t).id.clone()),
                status: p.status.as_str(),
                rag: p.rag.map(|r| r.as_str()),
                start: p.start.map(|d| d.to_string()),
                end: p.end.map(|d| d.to_string()),
                budget: p.budget,
                spent: p.spent,
                fte: p.fte,
                priorities: analysis
                    .project(ix)
                    .priorities
                    .iter()
                    .map(|pr| model.priority(*pr).id.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
                objectives: p
                    .contributions
                    .iter()
                    .map(|c| model.objective(c.objective).id.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
                aligned: p.status.is_open().then(|| analysis.project(ix).misalignment.is_none()),
                score: ranked.and_then(|r| r.score),
                rank: ranked.map(|r| r.rank),
                within_capacity: ranked.and(analysis.portfolio.capacity).and(ranked.map(|r| r.above_line)),
                proposal: ranked.map(|r| r.proposal.as_str()),
                proposal_reason: ranked.map(|r| r.reason.clone()),
                findings: count(Subject::Project(ix)),
            }
        })
        .collect();
    let objectives: Vec<ObjectiveRecord> = model
        .objective_ixs()
        .map(|ix| {
            let o = model.objective(ix);
            let a = analysis.objective(ix);
            ObjectiveRecord {
                id: o.id.clone(),
                title: o.title.clone(),
                period: o.period.map(|p| model.period(p).id.clone()),
                team: o.team.map(|t| model.team(t).id.clone()),
                owner: o.owner.clone(),
                priority: a.priority.map(|p| model.priority(p).id.clone()),
                parent: match o.link {
                    Some(ObjectiveLink::Parent(p)) => Some(model.objective(p).id.clone()),
                    _ => None,
                },
                progress: a.progress,
                expected: a.expected,
                health: a.health.slug(),
                open_budget: a.budget,
                open_fte: a.fte,
                findings: count(Subject::Objective(ix)),
            }
        })
        .collect();
    let key_results: Vec<KeyResultRecord> = model
        .objective_ixs()
        .flat_map(|ix| {
            let o = model.objective(ix);
            o.key_results.iter().zip(&analysis.objective(ix).key_results).map(move |(kr, ka)| KeyResultRecord {
                objective: o.id.clone(),
                id: kr.id.clone(),
                title: kr.title.clone(),
                start: kr.start,
                target: kr.target,
                current: kr.current,
                unit: kr.unit.clone(),
                direction: match kr.direction {
                    crate::model::Direction::Increase => "increase",
                    crate::model::Direction::Decrease => "decrease",
                },
                kind: match kr.kind {
                    crate::model::KeyResultKind::Outcome => "outcome",
                    crate::model::KeyResultKind::Activity => "activity",
                },
                progress: ka.progress,
                expected: ka.expected,
                health: ka.health.slug(),
                confidence: kr.confidence,
            })
        })
        .collect();
    let findings: Vec<FindingRecord> = analysis
        .findings
        .iter()
        .map(|f| {
            let (kind, id) = match f.subject {
                Subject::Organisation => ("organisation", None),
                Subject::Project(p) => ("project", Some(model.project(p).id.clone())),
                Subject::Objective(o) => ("objective", Some(model.objective(o).id.clone())),
                Subject::Priority(p) => ("priority", Some(model.priority(p).id.clone())),
                Subject::Team(t) => ("team", Some(model.team(t).id.clone())),
                Subject::Review(r) => ("review", Some(model.reviews[r.index()].id.clone())),
            };
            let file = sources.get(f.location.file);
            FindingRecord {
                rule: f.rule.id,
                gap: f.rule.gap.id(),
                severity: f.effective_severity().as_str(),
                waived: f.waiver.is_some(),
                waiver_reason: f.waiver.as_ref().map(|w| w.reason.clone()),
                subject_kind: kind,
                subject_id: id,
                message: f.message.clone(),
                action: f.action.clone(),
                file: file.path.to_string_lossy().replace('\\', "/"),
                line: file.line_column(f.location.span.start).0,
            }
        })
        .collect();
    let document = Document {
        schema_version: SCHEMA_VERSION,
        as_of: analysis.as_of.to_string(),
        organisation: &model.organisation.name,
        vision: model.organisation.vision.as_deref(),
        currency: &model.organisation.currency,
        projects: &projects,
        objectives: &objectives,
        key_results: &key_results,
        findings: &findings,
    };
    vec![
        OutputFile {
            path: "data/analysis.json".into(),
            bytes: serde_json::to_vec_pretty(&document).expect("records serialise"),
        },
        csv("data/projects.csv", &projects),
        csv("data/objectives.csv", &objectives),
        csv("data/key-results.csv", &key_results),
        csv("data/findings.csv", &findings),
    ]
}
