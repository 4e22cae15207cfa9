//! The pages listing every thing of a kind, and unaligned work.

use super::*;

/// `unaligned.html`.
#[derive(Debug, Clone, Serialize)]
pub struct UnalignedView {
    /// Open projects tracing to no current objective.
    pub projects: Vec<ProjectRow>,
    /// Their combined budget.
    pub budget: String,
    /// Their share of open budget.
    pub budget_share: Option<String>,
    /// Current objectives nothing moves.
    pub unsupported: Vec<ObjectiveRow>,
}

/// A group of objectives under a heading.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveGroup {
    /// The heading (a period).
    pub title: String,
    /// Whether this is the current period.
    pub current: bool,
    /// The objectives, in cascade order.
    pub objectives: Vec<ObjectiveRow>,
}

impl UnalignedView {
    pub(crate) fn new(cx: &Context<'_>) -> Self {
        let a = cx.analysis;
        let budget: f64 = a.unaligned().iter().filter_map(|p| cx.model.project(*p).budget).sum();
        UnalignedView {
            projects: cx.unaligned_sorted().into_iter().map(|p| ProjectRow::new(cx, p)).collect(),
            budget: money(budget, cx.currency),
            budget_share: (a.coverage().budget > 0.0).then(|| percent(budget / a.coverage().budget)),
            unsupported: a.unsupported().iter().map(|o| ObjectiveRow::new(cx, *o)).collect(),
        }
    }
}

/// `projects/index.html` and the pages after it: every project, a page
/// at a time, with what the filters offer.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectList {
    /// The projects on this page, in file order.
    pub projects: Vec<ProjectRow>,
    /// Where this page is among the list's pages.
    pub pager: Pager,
    /// Every team's title, for the team filter.
    pub teams: Vec<String>,
    /// Every priority's title, for the priority filter.
    pub priorities: Vec<String>,
}

impl ProjectList {
    pub(crate) fn new(cx: &Context<'_>, page: usize) -> Self {
        let m = cx.model;
        let total = m.project_count();
        let range = Paging::range(page, total);
        ProjectList {
            projects: range.map(|p| ProjectRow::new(cx, Ix::new(p))).collect(),
            pager: PROJECT_PAGES.pager(page, total),
            teams: m.team_ixs().map(|t| m.team(t).title.clone()).collect(),
            priorities: m.priority_ixs().map(|p| m.priority(p).title.clone()).collect(),
        }
    }
}

/// Every priority as a card.
pub(crate) fn priority_cards(cx: &Context<'_>) -> Vec<PriorityCard> {
    cx.model.priority_ixs().map(|p| PriorityCard::new(cx, p)).collect()
}

/// Every team as a row.
pub(crate) fn team_rows(cx: &Context<'_>) -> Vec<TeamRow> {
    cx.model.team_ixs().map(|t| TeamRow::new(cx, t)).collect()
}

/// Objectives grouped by period, newest first; cascade order inside.
pub(crate) fn objective_groups(cx: &Context<'_>) -> Vec<ObjectiveGroup> {
    let m = cx.model;
    let mut by_period: BTreeMap<(Option<chrono::NaiveDate>, String), Vec<Ix<Objective>>> = BTreeMap::new();
    for ix in m.objective_ixs() {
        let key = match m.objective(ix).period {
            Some(p) => (Some(m.period(p).start), m.period(p).title.clone()),
            None => (None, "No period".to_string()),
        };
        by_period.entry(key).or_default().push(ix);
    }
    by_period
        .into_iter()
        .rev()
        .map(|((_, title), members)| {
            let current = members.first().is_some_and(|o| cx.analysis.objective(*o).timing == Timing::Current);
            let mut member = vec![false; m.objective_count()];
            for o in &members {
                member[o.index()] = true;
            }
            let in_group = |o: Ix<Objective>| member[o.index()];
            let roots: Vec<Ix<Objective>> = members
                .iter()
                .copied()
                .filter(|o| match m.objective(*o).link {
                    Some(ObjectiveLink::Parent(p)) => !in_group(p),
                    _ => true,
                })
                .collect();
            let ordered = cx.cascade_order(roots, &in_group);
            ObjectiveGroup {
                title,
                current,
                objectives: ordered.into_iter().map(|o| ObjectiveRow::new(cx, o)).collect(),
            }
        })
        .collect()
}
