//! A project's page.

use super::review::written_date;
use super::*;
use crate::model::{Milestone, MilestoneState};

/// `projects/<id>.html`.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectView {
    /// The row (title, status, team, budget, …).
    pub project: ProjectRow,
    /// Sponsor.
    pub sponsor: Option<String>,
    /// Whether it serves its programme's objectives, naming none itself.
    pub serves_programme: bool,
    /// Start date.
    pub start: Option<String>,
    /// Spent, formatted.
    pub spent: Option<String>,
    /// Spent as a share of budget, whole percent.
    pub spent_share: Option<u32>,
    /// The PMO's proposed decision.
    pub decision: Option<&'static str>,
    /// Each way the project traces up: [vision, priority, objective…].
    pub traces: Vec<Vec<Link>>,
    /// Beside each trace, how the project says it moves that objective.
    pub reasons: Vec<Option<String>>,
    /// Projects it depends on.
    pub depends_on: Vec<ProjectRow>,
    /// Projects depending on it.
    pub dependents: Vec<ProjectRow>,
    /// The seven questions.
    pub hypothesis: Vec<Answer>,
    /// Benefits.
    pub benefits: Vec<BenefitView>,
    /// Milestones in plan order (by planned date, undated last).
    pub milestones: Vec<MilestoneView>,
    /// The original baseline against the current one; none without changes.
    pub baseline: Option<BaselineView>,
    /// Change control, oldest first.
    pub changes: Vec<ChangeView>,
    /// Scores by criterion.
    pub scores: Vec<(String, String)>,
    /// RAG updates, newest first.
    pub history: Vec<HistoryPoint>,
    /// Findings about it.
    pub findings: Vec<FindingView>,
    /// Body HTML (sanitised).
    pub body: String,
    /// Where it is defined.
    pub source: String,
}

/// A benefit on its project's page.
#[derive(Debug, Clone, Serialize)]
pub struct BenefitView {
    /// Title.
    pub title: String,
    /// Metric.
    pub metric: Option<String>,
    /// Planned.
    pub planned: Option<String>,
    /// Realised.
    pub realised: Option<String>,
    /// Due date.
    pub due: Option<String>,
    /// Reviewed date.
    pub reviewed: Option<String>,
}

/// A milestone on its project's page, its state in words so the table
/// reads the same on paper as on screen.
#[derive(Debug, Clone, Serialize)]
pub struct MilestoneView {
    /// Title.
    pub title: String,
    /// Planned date, written out.
    pub planned: Option<String>,
    /// "Reached 12 August 2026, 12 days late", "Missed…", "Not yet due" or "Not dated".
    pub state: String,
    /// `done`, `missed` or `open`: the class that marks the row.
    pub kind: &'static str,
}

/// The original baseline against the current one, in words a board reads.
#[derive(Debug, Clone, Serialize)]
pub struct BaselineView {
    /// The budget first approved.
    pub original_budget: Option<String>,
    /// The budget now.
    pub budget: Option<String>,
    /// How far the budget has moved ("+£250k, +71%").
    pub budget_variance: Option<String>,
    /// The end first planned, where a change records it.
    pub original_end: Option<String>,
    /// The end now.
    pub end: Option<String>,
    /// How far the end has moved ("+90 days").
    pub end_variance: Option<String>,
    /// Approved changes that moved cost or end.
    pub rebaselines: usize,
}

/// One change of a project's change control.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// When it was decided, written out.
    pub date: String,
    /// What changed.
    pub title: String,
    /// `approved`, `proposed` or `rejected`.
    pub status: &'static str,
    /// The change to the budget ("+£150k", "−£20k").
    pub budget: Option<String>,
    /// The new end date, written out.
    pub end: Option<String>,
    /// The objective it strengthens.
    pub objective: Option<Link>,
    /// Why.
    pub rationale: Option<String>,
    /// Approved, adding cost or delay, and naming no objective.
    pub unassessed: bool,
}

fn signed_money(amount: f64, currency: &str) -> String {
    format!("{}{}", if amount < 0.0 { "−" } else { "+" }, money(amount.abs(), currency))
}

impl BenefitView {
    pub(crate) fn new(b: &crate::model::Benefit) -> Self {
        BenefitView {
            title: b.title.clone(),
            metric: b.metric.clone(),
            planned: b.planned.map(number),
            realised: b.realised.map(number),
            due: b.due.map(|d| d.to_string()),
            reviewed: b.reviewed.map(|d| d.to_string()),
        }
    }
}

impl BaselineView {
    /// The project's original baseline against its current one; none for
    /// a project without change control.
    pub(crate) fn of(cx: &Context<'_>, p: &Project) -> Option<Self> {
        if p.changes.is_empty() {
            return None;
        }
        let currency = cx.currency;
        let b = p.baseline();
        let budget_variance = match (p.budget, b.original_budget) {
            (Some(now), Some(original)) if now != original => Some(match original > 0.0 {
                true => format!(
                    "{}, {}{}",
                    signed_money(now - original, currency),
                    if now >= original { "+" } else { "−" },
                    percent(((now - original) / original).abs())
                ),
                false => signed_money(now - original, currency),
            }),
            _ => None,
        };
        let end_variance = match (p.end, b.original_end) {
            (Some(now), Some(original)) if now != original => {
                let days = (now - original).num_days();
                Some(format!("{}{} days", if days >= 0 { "+" } else { "−" }, days.abs()))
            }
            _ => None,
        };
        Some(BaselineView {
            original_budget: b.original_budget.map(|v| money(v, currency)),
            budget: p.budget.map(|v| money(v, currency)),
            budget_variance,
            original_end: b.original_end.map(written_date),
            end: p.end.map(written_date),
            end_variance,
            rebaselines: b.rebaselines,
        })
    }
}

impl MilestoneView {
    fn new(m: &Milestone, today: chrono::NaiveDate) -> Self {
        let (state, kind) = match (m.done, m.state(today)) {
            (Some(done), _) => {
                let late = m.date.map_or(0, |planned| (done - planned).num_days());
                let state = match late {
                    1 => format!("Reached {}, a day late", written_date(done)),
                    2.. => format!("Reached {}, {late} days late", written_date(done)),
                    _ => format!("Reached {}", written_date(done)),
                };
                (state, "done")
            }
            (None, MilestoneState::Missed) => ("Missed: not reached by its date".to_string(), "missed"),
            (None, _) if m.date.is_some() => ("Not yet due".to_string(), "open"),
            (None, _) => ("Not dated".to_string(), "open"),
        };
        MilestoneView { title: m.title.clone(), planned: m.date.map(written_date), state, kind }
    }
}

/// One answer of the execution hypothesis.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// The question's label.
    pub question: &'static str,
    /// The answer, if given.
    pub answer: Option<String>,
}

impl ProjectView {
    pub(crate) fn new(cx: &Context<'_>, ix: Ix<Project>) -> Self {
        let p = cx.model.project(ix);
        let traces: Vec<Vec<Link>> = p.contributions.iter().map(|c| trace(cx, c.objective)).collect();
        let history = p
            .rag_history
            .iter()
            .rev()
            .map(|h| HistoryPoint {
                date: h.date.to_string(),
                value: h.rag.as_str().into(),
                confidence: None,
                note: h.note.clone(),
            })
            .collect();
        let benefits = p.benefits.iter().map(BenefitView::new).collect();
        let mut milestones: Vec<&Milestone> = p.milestones.iter().collect();
        milestones.sort_by_key(|m| (m.date.is_none(), m.date));
        let milestones = milestones.into_iter().map(|m| MilestoneView::new(m, cx.analysis.as_of())).collect();
        let currency = cx.currency;
        let baseline = BaselineView::of(cx, p);
        let changes = p
            .changes
            .iter()
            .map(|c| ChangeView {
                date: written_date(c.date),
                title: c.title.clone(),
                status: c.status.as_str(),
                budget: c.budget.filter(|b| *b != 0.0).map(|b| signed_money(b, currency)),
                end: c.end.map(written_date),
                objective: c.objective.map(|o| cx.objective_link(o)),
                rationale: c.rationale.clone(),
                unassessed: c.status == crate::model::ChangeStatus::Approved && c.costs() && c.objective.is_none(),
            })
            .collect();
        let scores = cx
            .model
            .organisation()
            .scoring
            .criteria
            .iter()
            .filter_map(|c| {
                let title = match c.better {
                    crate::model::Better::Higher => c.title.clone(),
                    crate::model::Better::Lower => format!("{} (lower is better)", c.title),
                };
                p.scores.get(&c.id).map(|s| (title, number(*s)))
            })
            .collect();
        let dependents = cx.dependents(ix).iter().copied();
        ProjectView {
            project: ProjectRow::new(cx, ix),
            sponsor: p.sponsor.clone(),
            serves_programme: p.serves_programme,
            start: p.start.map(|d| d.to_string()),
            spent: p.spent.map(|s| money(s, cx.currency)),
            spent_share: match (p.spent, p.budget) {
                (Some(s), Some(b)) if b > 0.0 => Some(pct(s / b)),
                _ => None,
            },
            decision: p.decision.map(|d| d.as_str()),
            traces,
            reasons: p.contributions.iter().map(|c| c.why.clone()).collect(),
            depends_on: p.depends_on.iter().map(|d| ProjectRow::new(cx, *d)).collect(),
            dependents: dependents.map(|d| ProjectRow::new(cx, d)).collect(),
            hypothesis: p
                .hypothesis
                .answers()
                .iter()
                .map(|(_, q, a)| Answer { question: q, answer: a.map(str::to_string) })
                .collect(),
            benefits,
            milestones,
            baseline,
            changes,
            scores,
            history,
            findings: FindingView::about(cx, Subject::Project(ix)),
            body: cx.model.project_body(ix).html.clone(),
            source: cx.source(&p.location),
        }
    }
}

/// How an objective traces up to the vision: vision, priority, then the
/// cascade down to the objective.
pub(crate) fn trace(cx: &Context<'_>, objective: Ix<Objective>) -> Vec<Link> {
    let mut trace = vec![cx.home_crumb()];
    if let Some(pr) = cx.analysis.objective(objective).priority {
        trace.push(cx.priority_link(pr));
    }
    trace.extend(cx.model.cascade(objective).into_iter().map(|o| cx.objective_link(o)));
    trace
}

/// A project's breadcrumbs follow its first (strongest listed) trace, or
/// lead to unaligned work.
pub(crate) fn project_crumbs(cx: &Context<'_>, ix: Ix<Project>) -> Vec<Link> {
    match cx.model.project(ix).contributions.first() {
        Some(c) => trace(cx, c.objective),
        None => vec![cx.home_crumb(), Link { title: "Unaligned work".into(), url: "unaligned.html".into() }],
    }
}
