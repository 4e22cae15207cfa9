//! Analyse: the model and a date in, findings, progress and alignment out.
//!
//! Pure functions only: no clock (the as-of date is an argument), no I/O.
//! Everything a page or pack shows about health and alignment is computed
//! here once, so the site, the packs and `check` can never disagree.

pub mod close;
pub mod compare;
mod feedback;
mod focus;
mod follow_up;
mod governance;
pub mod graph;
pub mod portfolio;
pub mod progress;
pub mod rules;
pub mod similarity;
pub mod stake;
mod translation;
mod visibility;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

pub use portfolio::{Portfolio, Proposal, RankedProject};
pub use progress::Health;
pub use rules::{Gap, RULES, Rule};
pub use stake::{Owner, Role, Stake};

use crate::diag::{Diagnostic, Location, Severity};
use crate::model::{Ix, Model, Objective, ObjectiveLink, Period, Priority, Programme, Project, Review, Team, Waiver};

/// When an objective's period falls, relative to the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Timing {
    /// Already over.
    Past,
    /// The period the site is about (or no period at all).
    Current,
    /// Not started yet.
    Future,
}

/// Why a project counts as unaligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Misalignment {
    /// It names no objective at all.
    NoObjectives,
    /// Every objective it names belongs to a past period.
    OnlyPastObjectives,
}

/// Progress of one key result.
#[derive(Debug, PartialEq, Clone, Serialize)]
pub struct KeyResultAnalysis {
    /// 0–1, if measurable.
    pub progress: Option<f64>,
    /// Where progress should be by now, 0–1.
    pub expected: Option<f64>,
    /// Verdict.
    pub health: Health,
    /// Change in confidence from the first to the latest check-in.
    pub confidence_trend: Option<f64>,
    /// Where its check-ins point by the end of its period.
    pub forecast: Option<progress::Forecast>,
}

/// What the analysis says about one objective.
#[derive(Debug, PartialEq, Clone)]
pub struct ObjectiveAnalysis {
    /// Its key results, in order.
    pub key_results: Vec<KeyResultAnalysis>,
    /// Mean key-result progress.
    pub progress: Option<f64>,
    /// Share of its period elapsed.
    pub expected: Option<f64>,
    /// Verdict.
    pub health: Health,
    /// The priority it serves through the cascade.
    pub priority: Option<Ix<Priority>>,
    /// Open projects contributing to it directly.
    pub projects: Vec<Ix<Project>>,
    /// Objectives that name it as `parent`.
    pub children: Vec<Ix<Objective>>,
    /// Objectives of earlier periods that it carries on (their `carried_to`).
    pub carried_from: Vec<Ix<Objective>>,
    /// Past, current or future.
    pub timing: Timing,
    /// Whether open work moves it or an objective below it.
    pub supported: bool,
    /// Budget of open projects serving it directly, shared by strength.
    pub budget: f64,
    /// FTE of open projects serving it directly, shared by strength.
    pub fte: f64,
}

/// What the analysis says about one project.
#[derive(Debug, PartialEq, Clone)]
pub struct ProjectAnalysis {
    /// Priorities it serves, through its objectives.
    pub priorities: Vec<Ix<Priority>>,
    /// Why it is unaligned, if it is (only open projects are judged).
    pub misalignment: Option<Misalignment>,
    /// How its money divides between the live objectives it serves (those
    /// of the current or a future period that trace to a priority), by the
    /// strength of each link. Empty for closed or unaligned work.
    pub shares: Vec<Share>,
    /// It will not deliver: cancelled, paused, or proposed for stopping.
    pub stopping: bool,
    /// The dependency loop it is caught in, as an index into
    /// [`Analysis::dependency_loops`].
    pub dependency_loop: Option<usize>,
}

/// A fraction of a project's budget and FTE that serves one objective.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share {
    /// The objective served.
    pub objective: Ix<Objective>,
    /// The priority it traces to.
    pub priority: Ix<Priority>,
    /// Fraction of the project, 0–1; a project's shares add up to 1.
    pub fraction: f64,
}

/// Money and people per priority.
#[derive(Debug, PartialEq, Clone)]
pub struct PriorityAnalysis {
    /// Objectives serving it (any level of the cascade), current period.
    pub objectives: Vec<Ix<Objective>>,
    /// Open projects serving it.
    pub projects: Vec<Ix<Project>>,
    /// Budget of open projects, shared by contribution strength.
    pub budget: f64,
    /// FTE of open projects, shared the same way.
    pub fte: f64,
    /// `budget` as a share of all open budget.
    pub budget_share: Option<f64>,
    /// `fte` as a share of all open FTE.
    pub fte_share: Option<f64>,
}

/// Load and commitments per team.
#[derive(Debug, PartialEq, Clone)]
pub struct TeamAnalysis {
    /// Objectives the team owns in the current period.
    pub objectives: Vec<Ix<Objective>>,
    /// Open projects the team delivers.
    pub projects: Vec<Ix<Project>>,
    /// FTE of its active projects.
    pub load_fte: f64,
}

/// How much open work traces to current strategy.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Coverage {
    /// Open projects.
    pub projects: usize,
    /// Of which aligned.
    pub aligned_projects: usize,
    /// Budget of open projects.
    pub budget: f64,
    /// Of which aligned.
    pub aligned_budget: f64,
    /// FTE of open projects.
    pub fte: f64,
    /// Of which aligned.
    pub aligned_fte: f64,
}

impl Coverage {
    /// Aligned share of open budget, if there is any budget.
    pub fn budget_share(&self) -> Option<f64> {
        (self.budget > 0.0).then(|| self.aligned_budget / self.budget)
    }
}

/// A finding: a rule that fired on a subject.
#[derive(Debug, PartialEq, Clone)]
pub struct Finding {
    /// The rule.
    pub rule: &'static Rule,
    /// Its severity here: the rule's default or the one set in `[rules]`.
    pub severity: Severity,
    /// What it is about.
    pub subject: Subject,
    /// Where that is defined.
    pub location: Location,
    /// A plain-English sentence a board member understands.
    pub message: String,
    /// What to do about it, in plain words for a board.
    pub action: String,
    /// The edit to the content that fixes it (which key, in which file),
    /// for the author; `None` when the action says it all.
    pub fix: Option<String>,
    /// Other places involved (the other duplicate, the rest of a cycle).
    pub related: Vec<(Location, String)>,
    /// The waiver that accepts it, if any: shown, never hidden.
    pub waiver: Option<Waiver>,
    /// The money and people of the work it is about.
    pub at_stake: Stake,
    /// Who should act on it.
    pub owner: Owner,
    /// Its place in the reading order, from 1: severity, then what is at
    /// stake.
    pub rank: usize,
    /// For a finding about a practice (one rule firing on most subjects for
    /// one reason): the finding on each subject, shown on its own page.
    pub parts: Vec<Finding>,
}

impl Finding {
    /// A finding of `rule` at its default severity.
    pub fn new(
        rule: &'static Rule,
        subject: Subject,
        location: Location,
        message: String,
        action: impl Into<String>,
    ) -> Self {
        Finding {
            rule,
            severity: rule.severity,
            subject,
            location,
            message,
            action: action.into(),
            fix: None,
            related: Vec::new(),
            waiver: None,
            at_stake: Stake::default(),
            owner: Owner { name: None, role: Role::Pmo },
            rank: 0,
            parts: Vec::new(),
        }
    }

    /// Gathers the findings of one rule on many subjects into this finding
    /// about the practice behind them.
    pub fn with_parts(mut self, parts: Vec<Finding>) -> Self {
        self.parts = parts;
        self
    }

    /// Names who should act, where it is not the subject's owner.
    pub fn with_owner(mut self, owner: Owner) -> Self {
        self.owner = owner;
        self
    }

    /// Adds the author's edit, which may name keys and values.
    pub fn with_fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    /// Sets what is at stake where the subject's own figures would mislead
    /// (a finding about many subjects, say).
    pub fn with_stake(mut self, stake: Stake) -> Self {
        self.at_stake = stake;
        self
    }

    /// Adds a related place.
    pub fn with_related(mut self, location: Location, label: impl Into<String>) -> Self {
        self.related.push((location, label.into()));
        self
    }

    /// The severity that counts for exit codes: a waived finding is info.
    pub fn effective_severity(&self) -> Severity {
        if self.waiver.is_some() { Severity::Info } else { self.severity }
    }

    /// The finding as a diagnostic, for `check`.
    pub fn to_diagnostic(&self, model: &Model) -> Diagnostic {
        let currency = &model.organisation.currency;
        let mut d = Diagnostic::new(self.effective_severity(), self.rule.id, self.message.clone())
            .at_location(self.location.clone())
            .with_help(self.fix.clone().unwrap_or_else(|| self.action.clone()))
            .with_note(match self.at_stake.describe(currency) {
                Some(stake) => format!("rank {} · at stake: {stake} · owner: {}", self.rank, self.owner.describe()),
                None => format!("rank {} · owner: {}", self.rank, self.owner.describe()),
            })
            .with_note(format!(
                "{}: {}",
                self.rule.gap.title().to_lowercase(),
                self.rule.gap.explanation().to_lowercase().trim_end_matches('.')
            ));
        for (location, label) in &self.related {
            d = d.with_secondary(location.clone(), label.clone());
        }
        if let Some(w) = &self.waiver {
            d = d.with_secondary(w.location.clone(), "waived here").with_note(format!("waived: {}", w.reason));
        }
        d.gap = Some(self.rule.gap.id());
        d.finding = Some(crate::diag::FindingFacts {
            rule: self.rule.id,
            subject: self.subject.reference(model),
            owner: crate::diag::OwnerRef { name: self.owner.name.clone(), role: self.owner.role.id() },
            at_stake: crate::diag::StakeRef { money: self.at_stake.money, fte: self.at_stake.fte },
            rank: self.rank,
            subjects: self.parts.iter().map(|p| p.subject.reference(model)).collect(),
            at_stake_words: self.at_stake.describe(currency),
        });
        d
    }
}

impl Subject {
    /// The subject's kind and id, for the JSON report.
    pub fn reference(self, model: &Model) -> crate::diag::SubjectRef {
        let (kind, id) = match self {
            Subject::Organisation => ("organisation", None),
            Subject::Project(ix) => ("project", Some(model.project(ix).id.clone())),
            Subject::Objective(ix) => ("objective", Some(model.objective(ix).id.clone())),
            Subject::Priority(ix) => ("priority", Some(model.priority(ix).id.clone())),
            Subject::Team(ix) => ("team", Some(model.team(ix).id.clone())),
            Subject::Programme(ix) => ("programme", Some(model.programme(ix).id.clone())),
            Subject::Review(ix) => ("review", Some(model.reviews[ix.index()].id.clone())),
        };
        crate::diag::SubjectRef { kind, id }
    }
}

/// The thing a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// The organisation as a whole.
    Organisation,
    /// A project.
    Project(Ix<Project>),
    /// An objective.
    Objective(Ix<Objective>),
    /// A priority.
    Priority(Ix<Priority>),
    /// A team.
    Team(Ix<Team>),
    /// A programme.
    Programme(Ix<Programme>),
    /// A review.
    Review(Ix<Review>),
}

/// Everything the analysis found.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The date the analysis is as of.
    pub as_of: NaiveDate,
    /// The period the analysis treats as current.
    pub current_period: Option<Period>,
    /// Per objective, parallel to `model.objectives`.
    pub objectives: Vec<ObjectiveAnalysis>,
    /// Per project, parallel to `model.projects`.
    pub projects: Vec<ProjectAnalysis>,
    /// Per priority, parallel to `model.priorities`.
    pub priorities: Vec<PriorityAnalysis>,
    /// Per team, parallel to `model.teams`.
    pub teams: Vec<TeamAnalysis>,
    /// Open projects that trace to no current objective.
    pub unaligned: Vec<Ix<Project>>,
    /// Current objectives nothing moves.
    pub unsupported: Vec<Ix<Objective>>,
    /// Alignment of open work.
    pub coverage: Coverage,
    /// Ranked portfolio, capacity cut line and proposed decisions.
    pub portfolio: Portfolio,
    /// Findings in reading order (see [`Finding::rank`]).
    pub findings: Vec<Finding>,
    /// Loops in the dependency graph.
    pub dependency_loops: Vec<graph::Loop>,
    /// Positions in `findings` by subject, so every page and every line of
    /// the portfolio finds its own findings without scanning them all.
    /// A part of a grouped finding is `(finding, Some(part))`.
    by_subject: HashMap<Subject, Vec<(usize, Option<usize>)>>,
}

impl Analysis {
    /// The analysis of an objective.
    pub fn objective(&self, ix: Ix<Objective>) -> &ObjectiveAnalysis {
        &self.objectives[ix.index()]
    }
    /// The analysis of a project.
    pub fn project(&self, ix: Ix<Project>) -> &ProjectAnalysis {
        &self.projects[ix.index()]
    }
    /// The state of a dependency: `dependent` depends on `dependency`.
    pub fn dependency(&self, model: &Model, dependency: Ix<Project>, dependent: Ix<Project>) -> graph::Dependency {
        let (a, b) = (self.project(dependency), self.project(dependent));
        if a.dependency_loop.is_some() && a.dependency_loop == b.dependency_loop {
            graph::Dependency::Loop
        } else if a.stopping {
            graph::Dependency::Blocked
        } else if graph::finishes_late(model, dependency, dependent) {
            graph::Dependency::Late
        } else {
            graph::Dependency::Fine
        }
    }

    /// Findings about one subject, in report order.
    pub fn findings_for(&self, subject: Subject) -> impl Iterator<Item = &Finding> {
        self.by_subject.get(&subject).into_iter().flatten().map(|(i, part)| match part {
            None => &self.findings[*i],
            Some(j) => &self.findings[*i].parts[*j],
        })
    }
}

/// The period treated as current: the one set in organisation.toml, else
/// the shortest period holding `as_of`, else the calendar quarter.
pub fn current_period(model: &Model, as_of: NaiveDate) -> Period {
    if let Some(ix) = model.organisation.current_period {
        return model.period(ix).clone();
    }
    model
        .periods
        .iter()
        .filter(|p| p.contains(as_of))
        .min_by_key(|p| ((p.end - p.start).num_days(), p.id.clone()))
        .cloned()
        .unwrap_or_else(|| Period::quarter_of(as_of))
}

fn timing(model: &Model, objective: &Objective, current: &Period) -> Timing {
    let Some(ix) = objective.period else {
        return Timing::Current;
    };
    let period = model.period(ix);
    if period.id == current.id || (period.start <= current.end && period.end >= current.start) {
        Timing::Current
    } else if period.end < current.start {
        Timing::Past
    } else {
        Timing::Future
    }
}

/// Runs the whole analysis.
pub fn analyse(model: &Model, as_of: NaiveDate) -> Analysis {
    let current = current_period(model, as_of);
    let mut objectives: Vec<ObjectiveAnalysis> = model
        .objectives
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let period = o.period.map(|p| model.period(p));
            let expected = period.map(|p| p.elapsed(as_of));
            let key_results: Vec<KeyResultAnalysis> = o
                .key_results
                .iter()
                .map(|kr| {
                    let progress = progress::key_result_progress(kr);
                    let confidences: Vec<f64> = kr.history.iter().filter_map(|h| h.confidence).collect();
                    KeyResultAnalysis {
                        progress,
                        expected,
                        health: progress::health(progress, expected),
                        confidence_trend: match (confidences.first(), confidences.last()) {
                            (Some(first), Some(last)) if confidences.len() > 1 => Some(last - first),
                            _ => None,
                        },
                        forecast: period.and_then(|p| progress::forecast(kr, p, as_of)),
                    }
                })
                .collect();
            let progress = progress::mean(key_results.iter().map(|k| k.progress));
            ObjectiveAnalysis {
                health: progress::health(progress, expected),
                key_results,
                progress,
                expected,
                priority: model.root_priority(Ix::new(i)),
                projects: Vec::new(),
                children: Vec::new(),
                carried_from: Vec::new(),
                timing: timing(model, o, &current),
                supported: false,
                budget: 0.0,
                fte: 0.0,
            }
        })
        .collect();
    for (i, o) in model.objectives.iter().enumerate() {
        if let Some(ObjectiveLink::Parent(parent)) = o.link {
            objectives[parent.index()].children.push(Ix::new(i));
        }
        if let Some(to) = o.close.as_ref().and_then(|c| c.carried_to) {
            objectives[to.index()].carried_from.push(Ix::new(i));
        }
    }
    let mut projects = Vec::with_capacity(model.projects.len());
    let mut coverage = Coverage::default();
    let mut unaligned = Vec::new();
    let mut priorities: Vec<PriorityAnalysis> = model
        .priorities
        .iter()
        .map(|_| PriorityAnalysis {
            objectives: Vec::new(),
            projects: Vec::new(),
            budget: 0.0,
            fte: 0.0,
            budget_share: None,
            fte_share: None,
        })
        .collect();
    let stopping = graph::stopping(model);
    for (i, p) in model.projects.iter().enumerate() {
        let ix: Ix<Project> = Ix::new(i);
        let open = p.status.is_open();
        let mut serves: Vec<Ix<Priority>> = Vec::new();
        for c in &p.contributions {
            if open {
                objectives[c.objective.index()].projects.push(ix);
            }
            if let Some(pr) = objectives[c.objective.index()].priority
                && !serves.contains(&pr)
            {
                serves.push(pr);
            }
        }
        let live: Vec<(Ix<Objective>, Ix<Priority>, f64)> = p
            .contributions
            .iter()
            .filter(|c| open && objectives[c.objective.index()].timing != Timing::Past)
            .filter_map(|c| objectives[c.objective.index()].priority.map(|pr| (c.objective, pr, c.strength.weight())))
            .collect();
        let live_weight: f64 = live.iter().map(|(_, _, w)| w).sum();
        let shares: Vec<Share> = live
            .into_iter()
            .map(|(objective, priority, w)| Share { objective, priority, fraction: w / live_weight })
            .collect();
        let misalignment = if !open {
            None
        } else if p.contributions.is_empty() {
            Some(Misalignment::NoObjectives)
        } else if p.contributions.iter().all(|c| objectives[c.objective.index()].timing == Timing::Past) {
            Some(Misalignment::OnlyPastObjectives)
        } else {
            None
        };
        if open {
            let budget = p.budget.unwrap_or(0.0);
            let fte = p.fte.unwrap_or(0.0);
            coverage.projects += 1;
            coverage.budget += budget;
            coverage.fte += fte;
            if misalignment.is_none() {
                coverage.aligned_projects += 1;
                coverage.aligned_budget += budget;
                coverage.aligned_fte += fte;
            } else {
                unaligned.push(ix);
            }
            // Objectives get a strength-weighted share of the project.
            let all_weight: f64 = p.contributions.iter().map(|c| c.strength.weight()).sum();
            for c in &p.contributions {
                let share = c.strength.weight() / all_weight;
                let o = &mut objectives[c.objective.index()];
                o.budget += budget * share;
                o.fte += fte * share;
            }
            // Priorities get the shares of live objectives only.
            for share in &shares {
                let a = &mut priorities[share.priority.index()];
                a.budget += budget * share.fraction;
                a.fte += fte * share.fraction;
                if !a.projects.contains(&ix) {
                    a.projects.push(ix);
                }
            }
        }
        projects.push(ProjectAnalysis {
            priorities: serves,
            misalignment,
            shares,
            stopping: stopping[i],
            dependency_loop: None,
        });
    }
    // Support flows up the cascade: an objective is supported if open work
    // moves it or anything below it.
    fn supported(objectives: &[ObjectiveAnalysis], ix: usize, depth: usize) -> bool {
        depth <= objectives.len()
            && (!objectives[ix].projects.is_empty()
                || objectives[ix].children.iter().any(|c| supported(objectives, c.index(), depth + 1)))
    }
    for i in 0..objectives.len() {
        objectives[i].supported = supported(&objectives, i, 0);
    }
    let unsupported: Vec<Ix<Objective>> = (0..objectives.len())
        .filter(|i| objectives[*i].timing == Timing::Current && !objectives[*i].supported)
        .map(Ix::new)
        .collect();
    for (i, o) in objectives.iter().enumerate() {
        if o.timing == Timing::Current
            && let Some(pr) = o.priority
        {
            priorities[pr.index()].objectives.push(Ix::new(i));
        }
    }
    for p in &mut priorities {
        p.budget_share = (coverage.budget > 0.0).then(|| p.budget / coverage.budget);
        p.fte_share = (coverage.fte > 0.0).then(|| p.fte / coverage.fte);
    }
    let teams = model
        .teams
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let team = Some(Ix::new(i));
            TeamAnalysis {
                objectives: (0..model.objectives.len())
                    .filter(|o| model.objectives[*o].team == team && objectives[*o].timing == Timing::Current)
                    .map(Ix::new)
                    .collect(),
                projects: model
                    .project_ixs()
                    .filter(|p| model.project(*p).team == team && model.project(*p).status.is_open())
                    .collect(),
                load_fte: model
                    .projects
                    .iter()
                    .filter(|p| p.team == team && p.status == crate::model::Status::Active)
                    .filter_map(|p| p.fte)
                    .sum(),
            }
        })
        .collect();
    let mut analysis = Analysis {
        as_of,
        current_period: Some(current),
        objectives,
        projects,
        priorities,
        teams,
        unaligned,
        unsupported,
        coverage,
        portfolio: Portfolio::default(),
        dependency_loops: graph::dependency_loops(model),
        findings: Vec::new(),
        by_subject: HashMap::new(),
    };
    for (k, l) in analysis.dependency_loops.iter().enumerate() {
        for p in &l.members {
            analysis.projects[p.index()].dependency_loop = Some(k);
        }
    }
    let raw = raw_findings(model, &analysis);
    analysis.findings = settle(model, &analysis, as_of, raw);
    index_by_subject(&mut analysis);
    analysis.portfolio = portfolio::portfolio(model, &analysis);
    // Findings about the portfolio's proposals need the portfolio.
    let late = governance::kept_against_evidence(&Cx { model, analysis: &analysis, as_of });
    if !late.is_empty() {
        let mut all = std::mem::take(&mut analysis.findings);
        all.extend(settle(model, &analysis, as_of, late));
        stake::rank(&mut all, model);
        number_parts(&mut all);
        analysis.findings = all;
        analysis.by_subject.clear();
        index_by_subject(&mut analysis);
    }
    analysis
}

/// A rule firing on at least this many subjects, and on more than half of
/// those it could fire on, is about the practice, not the subjects: the
/// board sees one finding that lists them (docs/rules.md says so).
pub(crate) const PRACTICE_AT_LEAST: usize = 5;

/// Whether `firing` of `of` is a practice rather than a few cases.
pub(crate) fn is_practice(firing: usize, of: usize) -> bool {
    firing >= PRACTICE_AT_LEAST && firing * 2 > of
}

/// Lets every page find its own findings, parts of grouped ones included.
fn index_by_subject(analysis: &mut Analysis) {
    for (i, f) in analysis.findings.iter().enumerate() {
        analysis.by_subject.entry(f.subject).or_default().push((i, None));
        for (j, part) in f.parts.iter().enumerate() {
            analysis.by_subject.entry(part.subject).or_default().push((i, Some(j)));
        }
    }
}

/// A grouped finding's parts share its rank and severity.
fn number_parts(findings: &mut [Finding]) {
    for f in findings {
        let (rank, severity) = (f.rank, f.severity);
        for part in &mut f.parts {
            part.rank = rank;
            part.severity = severity;
        }
    }
}

/// What every rule module reads.
pub(crate) struct Cx<'a> {
    pub model: &'a Model,
    pub analysis: &'a Analysis,
    pub as_of: NaiveDate,
}

impl Cx<'_> {
    /// A finding about `subject`, pointing at where the subject is defined.
    pub fn finding(&self, rule: &'static Rule, subject: Subject, message: String, action: &str) -> Finding {
        let m = self.model;
        let location = match subject {
            Subject::Organisation => m.organisation.location.clone(),
            Subject::Project(ix) => m.project(ix).location.clone(),
            Subject::Objective(ix) => m.objective(ix).location.clone(),
            Subject::Priority(ix) => m.priority(ix).location.clone(),
            Subject::Team(ix) => m.team(ix).location.clone(),
            Subject::Programme(ix) => m.programme(ix).location.clone(),
            Subject::Review(ix) => m.reviews[ix.index()].location.clone(),
        };
        Finding::new(rule, subject, location, message, action)
    }
}

fn raw_findings(model: &Model, analysis: &Analysis) -> Vec<Finding> {
    let cx = Cx { model, analysis, as_of: analysis.as_of };
    let mut out = Vec::new();
    translation::check(&cx, &mut out);
    visibility::check(&cx, &mut out);
    feedback::check(&cx, &mut out);
    focus::check(&cx, &mut out);
    governance::check(&cx, &mut out);
    follow_up::check(&cx, &mut out);
    out
}

/// The waivers written on a subject.
pub fn waivers_of(model: &Model, subject: Subject) -> &[Waiver] {
    match subject {
        Subject::Organisation => &[],
        Subject::Project(ix) => &model.project(ix).waivers,
        Subject::Objective(ix) => &model.objective(ix).waivers,
        Subject::Priority(ix) => &model.priority(ix).waivers,
        Subject::Team(ix) => &model.team(ix).waivers,
        Subject::Programme(ix) => &model.programme(ix).waivers,
        Subject::Review(ix) => &model.reviews[ix.index()].waivers,
    }
}

/// Applies `[rules]` (drop switched-off rules, re-grade the rest) and
/// waivers still in force, names what is at stake and who acts, then ranks
/// the findings.
fn settle(model: &Model, analysis: &Analysis, as_of: NaiveDate, raw: Vec<Finding>) -> Vec<Finding> {
    let levels = &model.organisation.rule_levels;
    let mut out: Vec<Finding> = raw
        .into_iter()
        .filter_map(|mut f| {
            if let Some(level) = levels.get(f.rule.id) {
                f.severity = (*level)?;
            }
            settle_one(model, analysis, as_of, &mut f);
            Some(f)
        })
        .collect();
    stake::rank(&mut out, model);
    number_parts(&mut out);
    out
}

/// The waiver, stake and owner of one finding (and of its parts).
fn settle_one(model: &Model, analysis: &Analysis, as_of: NaiveDate, f: &mut Finding) {
    f.waiver = waivers_of(model, f.subject)
        .iter()
        .find(|w| w.rule.id == f.rule.id && w.until.is_none_or(|until| as_of <= until))
        .cloned();
    for part in &mut f.parts {
        settle_one(model, analysis, as_of, part);
    }
    if f.at_stake.is_unknown() {
        f.at_stake = if f.parts.is_empty() {
            stake::stake_of(model, analysis, f.subject)
        } else {
            stake::total(f.parts.iter().map(|p| p.at_stake))
        };
    }
    // A rule may name who acts (the sponsor, say); else the subject's owner.
    if f.owner == (Owner { name: None, role: Role::Pmo }) {
        f.owner = stake::owner_of(model, f.subject);
    }
}

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;
