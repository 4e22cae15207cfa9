//! The analysed data as files for spreadsheets and BI tools: CSV per
//! record kind and one JSON document, written under `data/` in the site
//! and by `throughline export`. docs/data.md describes every field.
//!
//! The JSON layout is versioned (`schema_version`); a field is never
//! renamed or removed without bumping it (fields may be added). CSV
//! columns match the JSON fields; lists are joined with `;`.

use std::borrow::Cow;

use serde::Serialize;

use super::context::Context;
use super::memo::{Fingerprint, fingerprint};
use super::reads::{AnalysisReads, ModelReads};
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
    pub programme: Option<String>,
    /// The budget first approved, before approved changes.
    pub original_budget: Option<f64>,
    /// The end first planned, where a change records it.
    pub original_end: Option<String>,
    /// Approved changes that moved cost or end.
    pub rebaselines: usize,
    /// Milestones, and of which missed.
    pub milestones: usize,
    pub milestones_missed: usize,
}

/// A programme with the roll-up of its projects.
#[derive(Debug, Serialize)]
pub struct ProgrammeRecord {
    pub id: String,
    pub title: String,
    pub owner: Option<String>,
    pub sponsor: Option<String>,
    pub team: Option<String>,
    pub status: &'static str,
    pub rag: Option<&'static str>,
    pub start: Option<String>,
    pub end: Option<String>,
    /// Objective ids it serves, `;`-separated.
    pub objectives: String,
    pub projects: usize,
    pub open_projects: usize,
    /// Sums over its projects.
    pub budget: Option<f64>,
    pub spent: Option<f64>,
    pub fte: f64,
    /// Open projects reporting red or amber/red.
    pub red_or_amber_red: usize,
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
    /// achieved, partly, missed or dropped, once closed.
    pub outcome: Option<&'static str>,
    /// The final score, 0–1.
    pub score: Option<f64>,
    /// Id of the objective that carries it on.
    pub carried_to: Option<String>,
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
    /// The value forecast for the period's last day, while it runs.
    pub forecast: Option<f64>,
    /// Whether the forecast meets the target.
    pub forecast_reaches: Option<bool>,
}

/// A decision recorded at a review.
#[derive(Debug, Serialize)]
pub struct DecisionRecord {
    pub review: String,
    pub review_date: Option<String>,
    pub review_kind: &'static str,
    pub project: Option<String>,
    pub title: Option<String>,
    pub decision: &'static str,
    pub rationale: Option<String>,
    pub objective: Option<String>,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub status: &'static str,
}

/// An action set at a review.
#[derive(Debug, Serialize)]
pub struct ActionRecord {
    pub review: String,
    pub review_date: Option<String>,
    pub review_kind: &'static str,
    pub title: String,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub status: &'static str,
    /// Open past its due date on the as-of date.
    pub overdue: bool,
    pub project: Option<String>,
    pub objective: Option<String>,
}

/// One thing that moved between a review and the one it is compared with.
#[derive(Debug, Serialize)]
pub struct ChangeRecord {
    pub review: String,
    pub review_kind: &'static str,
    /// The review compared with; empty for the first of its kind.
    pub compared_with: Option<String>,
    pub since: String,
    pub until: String,
    /// `status`, `key-result`, `verdict`, `new-finding` or `resolved-finding`.
    pub change: &'static str,
    /// The project, objective or rule it is about.
    pub subject: String,
    /// The key result's id, for a key-result move.
    pub key_result: Option<String>,
    /// The project's or key result's title, or the finding's message.
    pub title: String,
    pub was: Option<String>,
    pub now: Option<String>,
    /// Now less then, for a key result.
    pub delta: Option<f64>,
    /// Whether the move is towards the target or a better status.
    pub better: Option<bool>,
}

/// An open project's line in the ranked portfolio.
#[derive(Debug, Serialize)]
pub struct PortfolioRecord {
    pub rank: usize,
    pub id: String,
    pub title: String,
    pub team: Option<String>,
    pub score: Option<f64>,
    /// What it has still to spend (budget less spent).
    pub remaining: f64,
    /// What it and every higher-ranked project have still to spend.
    pub cumulative: f64,
    /// Whether it fits within `[scoring] capacity` (empty without one).
    pub within_capacity: Option<bool>,
    pub proposal: &'static str,
    pub proposal_reason: String,
    /// The latest decision recorded in a review.
    pub decision: Option<&'static str>,
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
    /// Its place in the reading order, from 1.
    pub rank: usize,
    /// Who should act; empty for the PMO.
    pub owner: Option<String>,
    /// project-owner, sponsor, objective-owner, priority-owner, team-lead,
    /// chair or pmo.
    pub owner_role: &'static str,
    /// Money still to spend on the work it is about.
    pub at_stake_money: Option<f64>,
    /// FTE on the work it is about.
    pub at_stake_fte: Option<f64>,
    /// The edit to the content that fixes it, for the author.
    pub fix: Option<String>,
}

/// The whole data set: `data/analysis.json`.
#[derive(Debug, Serialize)]
pub struct DataSet {
    pub schema_version: u32,
    pub as_of: String,
    pub organisation: String,
    pub vision: Option<String>,
    pub currency: String,
    pub projects: Vec<ProjectRecord>,
    pub programmes: Vec<ProgrammeRecord>,
    pub objectives: Vec<ObjectiveRecord>,
    pub key_results: Vec<KeyResultRecord>,
    pub findings: Vec<FindingRecord>,
    pub portfolio: Vec<PortfolioRecord>,
    pub decisions: Vec<DecisionRecord>,
    pub actions: Vec<ActionRecord>,
    pub changes: Vec<ChangeRecord>,
}

/// One kind of record, exported on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// Every project.
    Projects,
    /// Every programme.
    Programmes,
    /// Every objective.
    Objectives,
    /// Every key result.
    KeyResults,
    /// Every finding.
    Findings,
    /// Open projects in rank order.
    Portfolio,
    /// Every review's decisions.
    Decisions,
    /// Every review's actions.
    Actions,
    /// What moved since the last review, for every review.
    Changes,
}

impl Table {
    /// Every table, in the order they are written.
    pub const ALL: [Table; 9] = [
        Table::Projects,
        Table::Programmes,
        Table::Objectives,
        Table::KeyResults,
        Table::Findings,
        Table::Portfolio,
        Table::Decisions,
        Table::Actions,
        Table::Changes,
    ];

    /// The table with this name (`key-results`).
    pub fn named(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Its file name without extension (`key-results`).
    pub fn name(self) -> &'static str {
        match self {
            Table::Projects => "projects",
            Table::Programmes => "programmes",
            Table::Objectives => "objectives",
            Table::KeyResults => "key-results",
            Table::Findings => "findings",
            Table::Portfolio => "portfolio",
            Table::Decisions => "decisions",
            Table::Actions => "actions",
            Table::Changes => "review-changes",
        }
    }
}

fn csv_bytes<T: Serialize>(records: &[T]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for r in records {
        writer.serialize(r).expect("records are flat and serialise");
    }
    // A header row even when there are no records.
    let plain = writer.into_inner().expect("writing to memory cannot fail");
    // Then every cell a spreadsheet would take for a formula is defused.
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(plain.as_slice());
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in reader.records() {
        let record = record.expect("what was just written reads back");
        let cells = record.iter().map(|cell| match defuse(cell) {
            Cow::Borrowed(cell) => Cow::Borrowed(cell.as_bytes()),
            Cow::Owned(cell) => Cow::Owned(cell.into_bytes()),
        });
        writer.write_record(cells).expect("writing to memory cannot fail");
    }
    writer.into_inner().expect("writing to memory cannot fail")
}

/// A cell that Excel, LibreOffice or Google Sheets would run as a formula
/// (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`) gets a leading `'`, which they
/// show as text; `throughline import` takes it off again. Negative numbers
/// are left as they are.
pub fn defuse(cell: &str) -> Cow<'_, str> {
    let risky = match cell.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        // A number is a number; `-1+cmd|…` is a formula.
        Some('-') => cell.parse::<f64>().is_err(),
        _ => false,
    };
    if risky { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

fn json_bytes<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("records serialise");
    bytes.push(b'\n');
    bytes
}

impl DataSet {
    /// The whole data set as one JSON document.
    pub fn json(&self) -> Vec<u8> {
        json_bytes(self)
    }

    /// One table as a JSON array.
    pub fn table_json(&self, table: Table) -> Vec<u8> {
        match table {
            Table::Projects => json_bytes(&self.projects),
            Table::Programmes => json_bytes(&self.programmes),
            Table::Objectives => json_bytes(&self.objectives),
            Table::KeyResults => json_bytes(&self.key_results),
            Table::Findings => json_bytes(&self.findings),
            Table::Portfolio => json_bytes(&self.portfolio),
            Table::Decisions => json_bytes(&self.decisions),
            Table::Actions => json_bytes(&self.actions),
            Table::Changes => json_bytes(&self.changes),
        }
    }

    /// One table as CSV, with a header row even when it is empty.
    pub fn csv(&self, table: Table) -> Vec<u8> {
        match table {
            Table::Projects => csv_bytes(&self.projects),
            Table::Programmes => csv_bytes(&self.programmes),
            Table::Objectives => csv_bytes(&self.objectives),
            Table::KeyResults => csv_bytes(&self.key_results),
            Table::Findings => csv_bytes(&self.findings),
            Table::Portfolio => csv_bytes(&self.portfolio),
            Table::Decisions => csv_bytes(&self.decisions),
            Table::Actions => csv_bytes(&self.actions),
            Table::Changes => csv_bytes(&self.changes),
        }
    }

    /// One file of `data/`.
    pub fn bytes(&self, file: DataFile) -> Vec<u8> {
        match file {
            DataFile::Analysis => self.json(),
            DataFile::Csv(table) => self.csv(table),
        }
    }

    /// The digest of the records each file of `data/` is made from, in
    /// [`DataFile::ALL`] order: a session writes a file again only when
    /// its records changed, and most edits (a description, a date in a
    /// body) change none.
    pub fn fingerprints(&self) -> [Fingerprint; 10] {
        let tables = Table::ALL.map(|t| match t {
            Table::Projects => fingerprint(&self.projects),
            Table::Programmes => fingerprint(&self.programmes),
            Table::Objectives => fingerprint(&self.objectives),
            Table::KeyResults => fingerprint(&self.key_results),
            Table::Findings => fingerprint(&self.findings),
            Table::Portfolio => fingerprint(&self.portfolio),
            Table::Decisions => fingerprint(&self.decisions),
            Table::Actions => fingerprint(&self.actions),
            Table::Changes => fingerprint(&self.changes),
        });
        let header = (self.schema_version, &self.as_of, &self.organisation, &self.vision, &self.currency);
        let analysis = fingerprint(&(header, tables));
        let [a, b, c, d, e, f, g, h, i] = tables;
        [analysis, a, b, c, d, e, f, g, h, i]
    }
}

/// A file of the site's `data/` folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFile {
    /// `data/analysis.json`: every table and the site's own values.
    Analysis,
    /// `data/<table>.csv`.
    Csv(Table),
}

impl DataFile {
    /// Every file, in the order they are listed.
    pub const ALL: [DataFile; 10] = [
        DataFile::Analysis,
        DataFile::Csv(Table::Projects),
        DataFile::Csv(Table::Programmes),
        DataFile::Csv(Table::Objectives),
        DataFile::Csv(Table::KeyResults),
        DataFile::Csv(Table::Findings),
        DataFile::Csv(Table::Portfolio),
        DataFile::Csv(Table::Decisions),
        DataFile::Csv(Table::Actions),
        DataFile::Csv(Table::Changes),
    ];

    /// Its path from the output folder.
    pub fn path(self) -> String {
        match self {
            DataFile::Analysis => "data/analysis.json".into(),
            DataFile::Csv(table) => format!("data/{}.csv", table.name()),
        }
    }
}

/// The model and its analysis as flat records.
pub fn data_set(model: &Model, analysis: &Analysis, sources: &SourceMap) -> DataSet {
    let cx = Context::new(model, analysis, sources, crate::charts::ChartStyle::default());
    let changes = changes(&cx);
    records(ModelReads(model), AnalysisReads { analysis, model }, sources, changes)
}

/// What moved since the last review of its kind, for every review: the
/// comparison its pack and page show, whole.
pub(crate) fn changes(cx: &Context<'_>) -> Vec<ChangeRecord> {
    use crate::analyse::compare::compare;
    // Made from other models than the one a watch session compares.
    super::reads::record(super::reads::Read::Everything);
    let mut out = Vec::new();
    for i in 0..cx.model.review_count() {
        let frozen = cx.frozen(i);
        let (model, analysis) = match &frozen {
            Some(f) => (&f.model, &f.analysis),
            None => (cx.model.0, cx.analysis.analysis),
        };
        let earlier = cx.earlier(i);
        let c = compare((&earlier.model, &earlier.analysis), (model, analysis));
        let r = &model.reviews[i];
        let record = |change, subject: String, title: String| ChangeRecord {
            review: r.id.clone(),
            review_kind: r.kind.as_str(),
            compared_with: earlier.previous.map(|j| model.reviews[j].id.clone()),
            since: earlier.since.to_string(),
            until: earlier.until.to_string(),
            change,
            subject,
            key_result: None,
            title,
            was: None,
            now: None,
            delta: None,
            better: None,
        };
        for m in &c.statuses {
            let p = model.project(m.project);
            out.push(ChangeRecord {
                was: m.was.map(|r| r.as_str().to_string()),
                now: m.now.map(|r| r.as_str().to_string()),
                // A better status is a lower severity.
                better: m.was.zip(m.now).map(|(was, now)| now < was),
                ..record("status", p.id.clone(), p.title.clone())
            });
        }
        for m in &c.key_results {
            let o = model.objective(m.objective);
            let kr = &o.key_results[m.index];
            out.push(ChangeRecord {
                key_result: Some(kr.id.clone()),
                was: m.was.map(|v| v.to_string()),
                now: m.now.map(|v| v.to_string()),
                delta: m.was.zip(m.now).map(|(was, now)| now - was),
                better: m.better,
                ..record("key-result", o.id.clone(), kr.title.clone())
            });
        }
        for m in &c.verdicts {
            let o = model.objective(m.objective);
            out.push(ChangeRecord {
                was: Some(m.was.slug().to_string()),
                now: Some(m.now.slug().to_string()),
                ..record("verdict", o.id.clone(), o.title.clone())
            });
        }
        for f in &c.new_findings {
            let f = &analysis.findings[*f];
            out.push(record("new-finding", f.rule.id.to_string(), crate::format::capitalised(&f.message)));
        }
        for f in &c.resolved {
            let f = &earlier.analysis.findings[*f];
            out.push(record("resolved-finding", f.rule.id.to_string(), crate::format::capitalised(&f.message)));
        }
    }
    out
}

/// [`data_set`], reading through the recording accessors so that a watch
/// session knows what the records were made from.
pub(crate) fn records(
    model: ModelReads<'_>,
    analysis: AnalysisReads<'_>,
    sources: &SourceMap,
    changes: Vec<ChangeRecord>,
) -> DataSet {
    let count = |subject: Subject| analysis.findings_for(subject).count();
    let projects: Vec<ProjectRecord> = model
        .project_ixs()
        .map(|ix| {
            let p = model.project(ix);
            let ranked = analysis.portfolio().entry(ix);
            let baseline = p.baseline();
            ProjectRecord {
                id: p.id.clone(),
                title: p.title.clone(),
                owner: p.owner.clone(),
                sponsor: p.sponsor.clone(),
                team: p.team.map(|t| model.team(t).id.clone()),
                programme: p.programme.map(|g| model.programme(g).id.clone()),
                status: p.status.as_str(),
                rag: p.rag.map(|r| r.as_str()),
                start: p.start.map(|d| d.to_string()),
                end: p.end.map(|d| d.to_string()),
                budget: p.budget,
                spent: p.spent,
                fte: p.fte,
                original_budget: baseline.original_budget,
                original_end: baseline.original_end.map(|d| d.to_string()),
                rebaselines: baseline.rebaselines,
                milestones: p.milestones.len(),
                milestones_missed: p.milestones.iter().filter(|m| m.missed(analysis.as_of())).count(),
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
                within_capacity: ranked.and(analysis.portfolio().capacity).and(ranked.map(|r| r.above_line)),
                proposal: ranked.map(|r| r.proposal.as_str()),
                proposal_reason: ranked.map(|r| r.reason.clone()),
                findings: count(Subject::Project(ix)),
            }
        })
        .collect();
    let programmes: Vec<ProgrammeRecord> = model
        .programme_ixs()
        .map(|ix| {
            let g = model.programme(ix);
            let members: Vec<&crate::model::Project> = g.projects.iter().map(|p| model.project(*p)).collect();
            let sum = |f: fn(&crate::model::Project) -> Option<f64>| {
                members.iter().filter_map(|p| f(p)).fold(None, |s: Option<f64>, x| Some(s.unwrap_or(0.0) + x))
            };
            let open: Vec<&&crate::model::Project> = members.iter().filter(|p| p.status.is_open()).collect();
            ProgrammeRecord {
                id: g.id.clone(),
                title: g.title.clone(),
                owner: g.owner.clone(),
                sponsor: g.sponsor.clone(),
                team: g.team.map(|t| model.team(t).id.clone()),
                status: g.status.as_str(),
                rag: g.rag.map(|r| r.as_str()),
                start: g.start.map(|d| d.to_string()),
                end: g.end.map(|d| d.to_string()),
                objectives: g
                    .contributions
                    .iter()
                    .map(|c| model.objective(c.objective).id.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
                projects: members.len(),
                open_projects: open.len(),
                budget: sum(|p| p.budget),
                spent: sum(|p| p.spent),
                fte: open.iter().filter_map(|p| p.fte).sum(),
                red_or_amber_red: open
                    .iter()
                    .filter(|p| matches!(p.rag, Some(crate::model::Rag::Red | crate::model::Rag::AmberRed)))
                    .count(),
                findings: count(Subject::Programme(ix))
                    + g.projects.iter().map(|p| count(Subject::Project(*p))).sum::<usize>(),
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
                outcome: o.close.as_ref().map(|c| c.outcome.as_str()),
                score: o.close.as_ref().and_then(|c| c.score),
                carried_to: o.close.as_ref().and_then(|c| c.carried_to).map(|to| model.objective(to).id.clone()),
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
                forecast: ka.forecast.map(|f| f.value),
                forecast_reaches: ka.forecast.map(|f| f.reaches()),
            })
        })
        .collect();
    let findings: Vec<FindingRecord> = analysis
        .findings()
        .iter()
        .map(|f| {
            let crate::diag::SubjectRef { kind, id } = f.subject.reference(model.0);
            let file = sources.try_get(f.location.file);
            super::context::note_source(sources, &f.location);
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
                file: file.map(|file| file.path.to_string_lossy().replace('\\', "/")).unwrap_or_default(),
                line: file.map_or(0, |file| file.line_column(f.location.span.start).0),
                rank: f.rank,
                owner: f.owner.name.clone(),
                owner_role: f.owner.role.id(),
                at_stake_money: f.at_stake.money,
                at_stake_fte: f.at_stake.fte,
                fix: f.fix.clone(),
            }
        })
        .collect();
    let portfolio: Vec<PortfolioRecord> = analysis
        .portfolio()
        .ranked
        .iter()
        .map(|r| {
            let p = model.project(r.project);
            PortfolioRecord {
                rank: r.rank,
                id: p.id.clone(),
                title: p.title.clone(),
                team: p.team.map(|t| model.team(t).id.clone()),
                score: r.score,
                remaining: crate::analyse::portfolio::remaining(p),
                cumulative: r.cumulative,
                within_capacity: analysis.portfolio().capacity.map(|_| r.above_line),
                proposal: r.proposal.as_str(),
                proposal_reason: r.reason.clone(),
                decision: r.decided.map(|d| d.as_str()),
            }
        })
        .collect();
    let as_of = analysis.as_of();
    let mut decisions = Vec::new();
    let mut actions = Vec::new();
    for i in 0..model.review_count() {
        let r = model.review(i);
        let review_date = r.date.map(|d| d.to_string());
        for d in &r.decisions {
            decisions.push(DecisionRecord {
                review: r.id.clone(),
                review_date: review_date.clone(),
                review_kind: r.kind.as_str(),
                project: d.project.map(|p| model.project(p).id.clone()),
                title: d.title.clone(),
                decision: d.decision.as_str(),
                rationale: d.rationale.clone(),
                objective: d.objective.map(|o| model.objective(o).id.clone()),
                owner: d.owner.clone(),
                due: d.due.map(|d| d.to_string()),
                status: d.status.as_str(),
            });
        }
        for a in &r.actions {
            actions.push(ActionRecord {
                review: r.id.clone(),
                review_date: review_date.clone(),
                review_kind: r.kind.as_str(),
                title: a.title.clone(),
                owner: a.owner.clone(),
                due: a.due.map(|d| d.to_string()),
                status: a.status.as_str(),
                overdue: a.status == crate::model::FollowUp::Open && a.due.is_some_and(|d| d < as_of),
                project: a.project.map(|p| model.project(p).id.clone()),
                objective: a.objective.map(|o| model.objective(o).id.clone()),
            });
        }
    }
    DataSet {
        decisions,
        actions,
        changes,
        schema_version: SCHEMA_VERSION,
        as_of: analysis.as_of().to_string(),
        organisation: model.organisation().name.clone(),
        vision: model.organisation().vision.clone(),
        currency: model.organisation().currency.clone(),
        projects,
        programmes,
        objectives,
        key_results,
        findings,
        portfolio,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> DataSet {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let checked = crate::check(root, chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        let (model, analysis) = checked.result.as_deref().expect("the example has no errors");
        data_set(model, analysis, &checked.sources)
    }

    /// The part of docs/data.md under a heading.
    fn section<'a>(docs: &'a str, heading: &str) -> &'a str {
        let start = docs.find(&format!("## `{heading}`")).unwrap_or_else(|| panic!("docs/data.md has no {heading}"));
        let rest = &docs[start + 4..];
        &rest[..rest.find("\n## ").unwrap_or(rest.len())]
    }

    #[test]
    fn docs_describe_every_column_and_field() {
        let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/data.md")).unwrap();
        let data = example();
        for table in Table::ALL {
            let csv = String::from_utf8(data.csv(table)).unwrap();
            let header = csv.lines().next().unwrap();
            let described = section(&docs, &format!("{}.csv", table.name()));
            for column in header.split(',') {
                assert!(
                    described.contains(&format!("| `{column}` |")),
                    "docs/data.md: {} lacks `{column}`",
                    table.name()
                );
            }
        }
        let json: serde_json::Value = serde_json::from_slice(&data.json()).unwrap();
        let described = section(&docs, "analysis.json");
        for field in json.as_object().unwrap().keys() {
            assert!(described.contains(&format!("| `{field}` |")), "docs/data.md: analysis.json lacks `{field}`");
        }
    }

    /// A programme's line adds up its projects; a project's line carries
    /// its programme and its original baseline.
    #[test]
    fn programmes_add_up_their_projects_and_projects_keep_their_baseline() {
        let data = example();
        assert_eq!(data.programmes.len(), 2);
        for g in &data.programmes {
            let members: Vec<&ProjectRecord> =
                data.projects.iter().filter(|p| p.programme.as_deref() == Some(g.id.as_str())).collect();
            assert_eq!(g.projects, members.len(), "{}", g.id);
            let budget: f64 = members.iter().filter_map(|p| p.budget).sum();
            assert!((g.budget.unwrap() - budget).abs() < 1e-6, "{}", g.id);
        }
        let warehouse = data.projects.iter().find(|p| p.id == "data-warehouse-modernisation").unwrap();
        assert_eq!(warehouse.original_budget, Some(350_000.0));
        assert_eq!(warehouse.original_end.as_deref(), Some("2026-12-31"));
        assert_eq!(warehouse.rebaselines, 3);
        assert!(data.projects.iter().any(|p| p.milestones_missed > 0), "the example misses a milestone");
    }

    #[test]
    fn the_portfolio_runs_in_rank_order_and_adds_up() {
        let data = example();
        assert!(!data.portfolio.is_empty());
        let mut total = 0.0;
        for (i, line) in data.portfolio.iter().enumerate() {
            assert_eq!(line.rank, i + 1);
            total += line.remaining;
            assert!((line.cumulative - total).abs() < 1e-6, "{}: {} != {total}", line.id, line.cumulative);
            let project = data.projects.iter().find(|p| p.id == line.id).unwrap();
            assert_eq!(project.rank, Some(line.rank), "the projects file agrees");
        }
        let csv = String::from_utf8(data.csv(Table::Portfolio)).unwrap();
        assert_eq!(csv.lines().count(), data.portfolio.len() + 1, "a header and a row per line");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_defused() {
        for (cell, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-cmd", "'-cmd"),
            ("-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"),
            ("-12.5", "-12.5"),
            ("-.5", "-.5"),
            ("Smart meters", "Smart meters"),
            ("", ""),
        ] {
            assert_eq!(defuse(cell), written, "{cell}");
        }
        #[derive(Serialize)]
        struct Row {
            title: &'static str,
            drift: f64,
        }
        let csv = csv_bytes(&[Row { title: "=1+1", drift: -3.0 }]);
        assert_eq!(String::from_utf8(csv).unwrap(), "title,drift\n'=1+1,-3.0\n");
    }
}
