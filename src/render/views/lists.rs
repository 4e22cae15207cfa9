//! The pages listing every thing of a kind, and unaligned work.

use super::*;

/// `unaligned.html`.
#[derive(Debug, Clone, Serialize)]
pub struct UnalignedView {
    /// Open projects tracing to no current objective, on this page.
    pub projects: Vec<ProjectRow>,
    /// Where this page is among the list's pages.
    pub pager: Pager,
    /// Their combined budget.
    pub budget: String,
    /// Their share of open budget.
    pub budget_share: Option<String>,
    /// Current objectives nothing moves, at most [`SHOWN`] (first page only).
    pub unsupported: Vec<ObjectiveRow>,
    /// How many current objectives nothing moves.
    pub unsupported_count: usize,
}

/// A group of objectives under a heading.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveGroup {
    /// The heading (a period).
    pub title: String,
    /// Whether this is the current period.
    pub current: bool,
    /// The period's page.
    pub url: Option<String>,
    /// The objectives, in cascade order.
    pub objectives: Vec<ObjectiveRow>,
}

impl UnalignedView {
    pub(crate) fn new(cx: &Context<'_>, page: usize) -> Self {
        let a = cx.analysis;
        let budget: f64 = a.unaligned().iter().filter_map(|p| cx.model.project(*p).budget).sum();
        let unaligned = cx.unaligned_sorted();
        let shown = if page == 0 { SHOWN } else { 0 };
        UnalignedView {
            projects: unaligned[Paging::range(page, unaligned.len())].iter().map(|p| ProjectRow::new(cx, *p)).collect(),
            pager: UNALIGNED_PAGES.pager(page, unaligned.len()),
            unsupported_count: a.unsupported().len(),
            budget: money(budget, cx.currency),
            budget_share: (a.coverage().budget > 0.0).then(|| percent(budget / a.coverage().budget)),
            unsupported: a.unsupported().iter().take(shown).map(|o| ObjectiveRow::new(cx, *o)).collect(),
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
    /// Every programme's title, for the filter (none: no filter).
    pub programmes: Vec<String>,
    /// Every priority's title, for the priority filter.
    pub priorities: Vec<String>,
    /// When the list has more than one page: the script with every
    /// project, which the list's sorting and filters then work over.
    pub rows: Option<&'static str>,
}

/// The projects list's script data (when the list has more than one page).
pub const PROJECT_ROWS: &str = "projects/rows.js";

impl ProjectList {
    pub(crate) fn new(cx: &Context<'_>, page: usize) -> Self {
        let m = cx.model;
        let total = m.project_count();
        let range = Paging::range(page, total);
        ProjectList {
            projects: range.map(|p| ProjectRow::new(cx, Ix::new(p))).collect(),
            pager: PROJECT_PAGES.pager(page, total),
            rows: (Paging::count(total) > 1).then_some(PROJECT_ROWS),
            teams: m.team_ixs().map(|t| m.team(t).title.clone()).collect(),
            programmes: m.programme_ixs().map(|g| m.programme(g).title.clone()).collect(),
            priorities: m.priority_ixs().map(|p| m.priority(p).title.clone()).collect(),
        }
    }
}

/// Every priority as a card.
pub(crate) fn priority_cards(cx: &Context<'_>) -> Vec<PriorityCard> {
    cx.model.priority_ixs().map(|p| PriorityCard::new(cx, p)).collect()
}

/// `teams/index.html` and the pages after it.
#[derive(Debug, Clone, Serialize)]
pub struct TeamList {
    /// The teams on this page, in file order.
    pub teams: Vec<TeamRow>,
    /// Where this page is among the list's pages.
    pub pager: Pager,
}

/// The teams list.
pub const TEAM_PAGES: Paging<'static> = Paging { first: "teams/index.html", rest: "teams/list/" };

impl TeamList {
    pub(crate) fn new(cx: &Context<'_>, page: usize) -> Self {
        let total = cx.model.team_ixs().count();
        let teams = Paging::range(page, total).map(|t| TeamRow::new(cx, Ix::new(t))).collect();
        TeamList { teams, pager: TEAM_PAGES.pager(page, total) }
    }
}

/// `objectives/index.html` and the pages after it: objectives grouped by
/// period, newest first, in cascade order, a page at a time (a period's
/// group may run over several pages).
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveList {
    /// The groups on this page, with the objectives of each on this page.
    pub groups: Vec<ObjectiveGroup>,
    /// Where this page is among the list's pages.
    pub pager: Pager,
}

/// The objectives list.
pub const OBJECTIVE_PAGES: Paging<'static> = Paging { first: "objectives/index.html", rest: "objectives/list/" };

impl ObjectiveList {
    pub(crate) fn new(cx: &Context<'_>, page: usize) -> Self {
        let groups = objective_order(cx);
        let total: usize = groups.iter().map(|(_, _, _, members)| members.len()).sum();
        let range = Paging::range(page, total);
        let mut seen = 0;
        let mut shown = Vec::new();
        for (title, url, current, members) in groups {
            let (start, end) = (seen, seen + members.len());
            seen = end;
            let (from, to) = (range.start.max(start), range.end.min(end));
            if from < to {
                let objectives = members[from - start..to - start].iter().map(|o| ObjectiveRow::new(cx, *o)).collect();
                shown.push(ObjectiveGroup { title, current, url: url.clone(), objectives });
            }
        }
        ObjectiveList { groups: shown, pager: OBJECTIVE_PAGES.pager(page, total) }
    }
}

/// Objectives grouped by period, newest first; cascade order inside.
type Group = (String, Option<String>, bool, Vec<Ix<Objective>>);

fn objective_order(cx: &Context<'_>) -> Vec<Group> {
    let m = cx.model;
    type Key = (Option<chrono::NaiveDate>, String, Option<String>);
    let mut by_period: BTreeMap<Key, Vec<Ix<Objective>>> = BTreeMap::new();
    for ix in m.objective_ixs() {
        let key = match m.objective(ix).period {
            Some(p) => (Some(m.period(p).start), m.period(p).title.clone(), Some(period_url(m.period(p)))),
            None => (None, "No period".to_string(), None),
        };
        by_period.entry(key).or_default().push(ix);
    }
    by_period
        .into_iter()
        .rev()
        .map(|((_, title, url), members)| {
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
            (title, url, current, cx.cascade_order(roots, &in_group))
        })
        .collect()
}

/// One project as the projects list's script sees it, with short keys: the
/// list sorts and filters the whole portfolio from these when it has more
/// than one page (see `table.js`).
#[derive(Debug, Clone, Serialize)]
pub struct ProjectRecordRow {
    /// Title.
    pub t: String,
    /// URL from the site root.
    pub u: String,
    /// Status.
    pub s: &'static str,
    /// RAG, or "".
    pub r: &'static str,
    /// Team title and URL, or "".
    pub m: (String, String),
    /// Programme title and URL, or "".
    pub g: (String, String),
    /// Owner, or "".
    pub o: String,
    /// Budget, as a number for sorting and formatted.
    pub b: (f64, String),
    /// Score, formatted, or "".
    pub c: String,
    /// Planned end, or "".
    pub e: String,
    /// Why it is unaligned, or "".
    pub x: &'static str,
    /// Priorities served: title and URL.
    pub p: Vec<(String, String)>,
    /// Objectives served: title and URL.
    pub j: Vec<(String, String)>,
}

/// Every project as a row for the projects list's script.
pub fn project_records(cx: &Context<'_>) -> Vec<ProjectRecordRow> {
    let pair = |l: Link| (l.title, l.url);
    cx.model
        .project_ixs()
        .map(|ix| {
            let row = ProjectRow::new(cx, ix);
            ProjectRecordRow {
                t: row.link.title,
                u: row.link.url,
                s: row.status,
                r: row.rag.unwrap_or(""),
                m: row.team.map(pair).unwrap_or_default(),
                g: row.programme.map(pair).unwrap_or_default(),
                o: row.owner.unwrap_or_default(),
                b: (row.budget_value, row.budget.unwrap_or_default()),
                c: row.score.unwrap_or_default(),
                e: row.end.unwrap_or_default(),
                x: row.unaligned.unwrap_or(""),
                p: row.priorities.into_iter().map(pair).collect(),
                j: row.objectives.into_iter().map(pair).collect(),
            }
        })
        .collect()
}
