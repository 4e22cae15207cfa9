//! Prioritisation: a weighted score per project, a ranking, the capacity
//! cut line, what falls out if capacity shrinks, and a proposed continue /
//! reshape / stop list with a reason for each line.

use serde::Serialize;

use std::collections::HashSet;

use super::{Analysis, Subject};
use crate::model::{Decision, Ix, Model, Project, Status};

/// A proposed call on a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Proposal {
    /// Keep going.
    Continue,
    /// Keep going, changed.
    Reshape,
    /// Stop, or do not start.
    Stop,
}

impl Proposal {
    /// The word shown to readers.
    pub fn as_str(self) -> &'static str {
        match self {
            Proposal::Continue => "continue",
            Proposal::Reshape => "reshape",
            Proposal::Stop => "stop",
        }
    }
}

/// One line of the ranked portfolio.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedProject {
    /// The project.
    pub project: Ix<Project>,
    /// 1-based rank.
    pub rank: usize,
    /// Weighted score on the criteria's scale; `None` if unscored.
    pub score: Option<f64>,
    /// What this and every higher-ranked project have still to spend.
    pub cumulative: f64,
    /// Whether it fits within the capacity.
    pub above_line: bool,
    /// The proposed call.
    pub proposal: Proposal,
    /// Why.
    pub reason: String,
    /// The latest decision recorded in a review, if any.
    pub decided: Option<Decision>,
}

/// What a smaller capacity would cut.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Capacity as a share of today's (0.9, 0.8).
    pub factor: f64,
    /// The capacity that would leave.
    pub capacity: f64,
    /// Projects that would fall below the line, beyond those already below.
    pub newly_cut: Vec<Ix<Project>>,
}

/// The ranked portfolio.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Portfolio {
    /// Open projects, best first.
    pub ranked: Vec<RankedProject>,
    /// Budget available (`[scoring] capacity`), if set.
    pub capacity: Option<f64>,
    /// What all ranked projects have still to spend.
    pub demand: f64,
    /// Capacity cut by 10% and 20%.
    pub scenarios: Vec<Scenario>,
    /// Position in `ranked` of each project (by project index).
    positions: Vec<Option<usize>>,
}

impl Portfolio {
    /// The ranked line of a project, if it is open.
    pub fn entry(&self, project: Ix<Project>) -> Option<&RankedProject> {
        self.positions.get(project.index()).copied().flatten().map(|i| &self.ranked[i])
    }
}

/// Weighted mean of a project's scores; unscored criteria count as zero,
/// so a project cannot rank high by leaving criteria blank.
pub fn score(model: &Model, project: &Project) -> Option<f64> {
    let criteria = &model.organisation.scoring.criteria;
    if project.scores.is_empty() || criteria.is_empty() {
        return None;
    }
    let total: f64 = criteria.iter().map(|c| c.weight).sum();
    if total <= 0.0 {
        return None;
    }
    // Unscored counts as zero whichever end is good: leaving a risk score
    // blank must not make a project look safe.
    let counted = |c: &crate::model::Criterion| project.scores.get(&c.id).map_or(0.0, |s| c.better.counted(*s));
    Some(criteria.iter().map(|c| c.weight * counted(c)).sum::<f64>() / total)
}

/// What a project has still to spend: budget less spent, never negative.
pub fn remaining(project: &Project) -> f64 {
    (project.budget.unwrap_or(0.0) - project.spent.unwrap_or(0.0)).max(0.0)
}

fn cut(ranked: &[(Ix<Project>, f64)], capacity: f64) -> Vec<Ix<Project>> {
    let mut cumulative = 0.0;
    ranked
        .iter()
        .filter(|(_, budget)| {
            cumulative += budget;
            cumulative > capacity
        })
        .map(|(p, _)| *p)
        .collect()
}

/// Ranks open projects and proposes a decision for each.
pub fn portfolio(model: &Model, analysis: &Analysis) -> Portfolio {
    let mut open: Vec<(Ix<Project>, Option<f64>)> = model
        .project_ixs()
        .filter(|p| model.project(*p).status.is_open())
        .map(|p| (p, score(model, model.project(p))))
        .collect();
    // Best score first; unscored last; ties by smaller budget, then file order.
    open.sort_by(|(a, sa), (b, sb)| {
        let key = |s: &Option<f64>| s.unwrap_or(f64::NEG_INFINITY);
        key(sb)
            .total_cmp(&key(sa))
            .then_with(|| model.project(*a).budget.unwrap_or(0.0).total_cmp(&model.project(*b).budget.unwrap_or(0.0)))
            .then_with(|| a.cmp(b))
    });
    let capacity = model.organisation.scoring.capacity;
    // Capacity is money still available, so it is set against what open
    // work has still to spend: spent money is gone whatever is decided now.
    let budgets: Vec<(Ix<Project>, f64)> = open.iter().map(|(p, _)| (*p, remaining(model.project(*p)))).collect();
    let below: HashSet<Ix<Project>> = capacity.map(|c| cut(&budgets, c)).unwrap_or_default().into_iter().collect();
    let lookups = Lookups::new(model, analysis, &below);
    let decided = |p: Ix<Project>| {
        model
            .reviews
            .iter()
            .rev()
            .find_map(|r| r.decisions.iter().rev().find(|d| d.project == Some(p)).map(|d| d.decision))
    };
    let mut cumulative = 0.0;
    let ranked: Vec<RankedProject> = open
        .iter()
        .enumerate()
        .map(|(i, (p, score))| {
            cumulative += remaining(model.project(*p));
            let above_line = !below.contains(p);
            let (proposal, reason) = propose(model, &lookups, *p, i + 1);
            RankedProject {
                project: *p,
                rank: i + 1,
                score: *score,
                cumulative,
                above_line,
                proposal,
                reason,
                decided: decided(*p),
            }
        })
        .collect();
    let scenarios = capacity
        .map(|c| {
            [0.9, 0.8]
                .into_iter()
                .map(|factor| Scenario {
                    factor,
                    capacity: c * factor,
                    newly_cut: cut(&budgets, c * factor).into_iter().filter(|p| !below.contains(p)).collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    let mut positions = vec![None; model.projects.len()];
    for (i, r) in ranked.iter().enumerate() {
        positions[r.project.index()] = Some(i);
    }
    Portfolio { ranked, capacity, demand: budgets.iter().map(|(_, b)| b).sum(), scenarios, positions }
}

/// The money a board asks about first: what open work is budgeted, has
/// spent and has still to spend, set against what is available.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Position {
    /// Open projects in all.
    pub projects: usize,
    /// Their budgets added up.
    pub budget: f64,
    /// What they have spent.
    pub spent: f64,
    /// What they have still to spend (each at least zero).
    pub to_spend: f64,
    /// Money available to finish open work, if set.
    pub capacity: Option<f64>,
    /// Open projects that have spent more than their budget.
    pub over_budget: usize,
    /// By how much, added up.
    pub overrun: f64,
    /// Open projects with no budget: the totals leave them out.
    pub unbudgeted: usize,
    /// Open projects below the capacity line.
    pub below_line: usize,
    /// What those have still to spend.
    pub below_line_to_spend: f64,
}

impl Position {
    /// Capacity less what is still to spend: above zero is headroom, below
    /// zero a shortfall. `None` without a capacity.
    pub fn headroom(&self) -> Option<f64> {
        self.capacity.map(|c| c - self.to_spend)
    }
}

/// The financial position of the open portfolio.
pub fn position(model: &Model, portfolio: &Portfolio) -> Position {
    let mut out = Position { capacity: portfolio.capacity, ..Position::default() };
    for p in model.projects.iter().filter(|p| p.status.is_open()) {
        out.projects += 1;
        out.spent += p.spent.unwrap_or(0.0);
        out.to_spend += remaining(p);
        match p.budget {
            Some(budget) => {
                out.budget += budget;
                if let Some(over) = p.spent.map(|s| s - budget).filter(|over| *over > 0.0) {
                    out.over_budget += 1;
                    out.overrun += over;
                }
            }
            None => out.unbudgeted += 1,
        }
    }
    if portfolio.capacity.is_some() {
        for r in portfolio.ranked.iter().filter(|r| !r.above_line) {
            out.below_line += 1;
            out.below_line_to_spend += remaining(model.project(r.project));
        }
    }
    out
}

/// Indexes built once, so proposing stays linear in the portfolio.
struct Lookups<'a> {
    analysis: &'a Analysis,
    below: &'a HashSet<Ix<Project>>,
    /// Projects depending on each project.
    dependents: Vec<Vec<Ix<Project>>>,
}

impl<'a> Lookups<'a> {
    fn new(model: &Model, analysis: &'a Analysis, below: &'a HashSet<Ix<Project>>) -> Self {
        let mut dependents = vec![Vec::new(); model.projects.len()];
        for p in model.project_ixs() {
            for d in &model.project(p).depends_on {
                dependents[d.index()].push(p);
            }
        }
        Lookups { analysis, below, dependents }
    }
}

/// The proposal for one project and the reason, in the board's words.
fn propose(model: &Model, lookups: &Lookups<'_>, ix: Ix<Project>, rank: usize) -> (Proposal, String) {
    let p = model.project(ix);
    let findings = || lookups.analysis.findings_for(Subject::Project(ix));
    let waived_unaligned = findings().any(|f| f.rule.id == "unaligned-project" && f.waiver.is_some());
    if lookups.analysis.project(ix).misalignment.is_some() && !waived_unaligned {
        return (Proposal::Stop, "serves no current objective".into());
    }
    if lookups.below.contains(&ix) {
        // Stopping work that funded projects rely on would stop them too.
        let needed_by: Vec<String> = lookups.dependents[ix.index()]
            .iter()
            .filter(|d| !lookups.below.contains(d) && model.project(**d).status.is_open())
            .map(|d| format!("“{}”", model.project(*d).title))
            .collect();
        if !needed_by.is_empty() {
            return (
                Proposal::Reshape,
                format!(
                    "ranked {rank}, below the capacity line, but {} {} on it: fund a smaller version",
                    needed_by.join(", "),
                    if needed_by.len() == 1 { "depends" } else { "depend" }
                ),
            );
        }
        let verb = if p.status == Status::Proposed { "do not start" } else { "stop or defer" };
        return (Proposal::Stop, format!("ranked {rank}, below the capacity line: {verb}"));
    }
    let troubles: Vec<&str> = findings()
        .filter(|f| f.waiver.is_none())
        .filter_map(|f| match f.rule.id {
            "watermelon" => Some("green status hides stalled outcomes"),
            "over-budget" => Some("over budget"),
            "project-overdue" => Some("past its end date"),
            "blocked-dependency" => Some("depends on stopped work"),
            "late-dependency" => Some("depends on later work"),
            "duplicate-projects" => Some("may duplicate another project"),
            "dependency-cycle" => Some("caught in a dependency loop"),
            _ => None,
        })
        .collect();
    if !troubles.is_empty() {
        return (Proposal::Reshape, troubles.join("; "));
    }
    (Proposal::Continue, format!("ranked {rank}, within capacity"))
}
