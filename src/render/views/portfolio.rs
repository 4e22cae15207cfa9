//! The ranked portfolio: the capacity line, the map and the stop list.

use super::*;

/// `portfolio.html` and the pages after it: the summary (on the first
/// page only), then the ranked portfolio a page at a time.
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioView {
    /// Capacity, formatted, if set.
    pub capacity: Option<String>,
    /// Still to spend by all ranked work.
    pub demand: String,
    /// Demand minus capacity, if positive.
    pub overcommitted: Option<String>,
    /// The ranked open projects on this page.
    pub rows: Vec<PortfolioRow>,
    /// Where this page is among the ranked portfolio's pages.
    pub pager: Pager,
    /// Capacity scenarios (first page only).
    pub scenarios: Vec<ScenarioView>,
    /// Rows proposed for stopping, highest ranked first, at most
    /// [`PROPOSALS_SHOWN`] (first page only).
    pub stop: Vec<PortfolioRow>,
    /// How many are proposed for stopping in all.
    pub stop_count: usize,
    /// Rows proposed for reshaping, as `stop`.
    pub reshape: Vec<PortfolioRow>,
    /// How many are proposed for reshaping in all.
    pub reshape_count: usize,
    /// Whether any project has scores.
    pub scored: bool,
    /// Score against cost, with the capacity line (first page only).
    pub map: Option<Chart>,
    /// What the map leaves out, if it leaves out any.
    pub map_note: Option<String>,
    /// Open projects moved off their original baseline, at most
    /// [`PROPOSALS_SHOWN`] (first page only).
    pub rebaselined: Vec<Rebaselined>,
    /// How many are re-baselined in all.
    pub rebaselined_count: usize,
}

/// How many projects a list of proposals shows on a summary; the ranked
/// portfolio has them all.
pub const PROPOSALS_SHOWN: usize = 25;

/// How many projects the portfolio map draws at most: those with the most
/// still to spend.
pub const MAP_POINTS: usize = 300;

/// A line of the ranked portfolio.
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioRow {
    /// 1-based rank.
    pub rank: usize,
    /// The project.
    pub project: ProjectRow,
    /// Weighted score, formatted; `None` if unscored.
    pub score: Option<String>,
    /// Still to spend by this and all higher-ranked projects.
    pub cumulative: String,
    /// Within capacity.
    pub above_line: bool,
    /// Whether the capacity line falls right before this row.
    pub line_before: bool,
    /// Proposed: continue, reshape or stop.
    pub proposal: &'static str,
    /// Why.
    pub reason: String,
    /// The PMO's recorded proposal in the project file, if any.
    pub pmo: Option<&'static str>,
    /// The latest decision recorded in a review, if any.
    pub decided: Option<&'static str>,
}

/// What a smaller capacity would cut.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioView {
    /// "90% of capacity (£8.6m)"
    pub label: String,
    /// Projects that would fall below the line too, at most
    /// [`PROPOSALS_SHOWN`].
    pub cut: Vec<Link>,
    /// Those not listed.
    pub more: usize,
}

impl PortfolioView {
    pub(crate) fn new(cx: &Context<'_>, page: usize) -> Self {
        let portfolio = &cx.analysis.portfolio();
        let total = portfolio.ranked.len();
        let first = page == 0;
        let proposed = |proposal: &str| -> (Vec<PortfolioRow>, usize) {
            let ranks: Vec<usize> = (0..total).filter(|i| portfolio.ranked[*i].proposal.as_str() == proposal).collect();
            let rows = if first {
                ranks.iter().take(PROPOSALS_SHOWN).map(|i| portfolio_row(cx, *i)).collect()
            } else {
                Vec::new()
            };
            (rows, ranks.len())
        };
        let (stop, stop_count) = proposed("stop");
        let (reshape, reshape_count) = proposed("reshape");
        let (map, map_note) = if first { charts::map(cx) } else { (None, None) };
        let rebaselined = if first { super::pack::rebaselined(cx) } else { Vec::new() };
        PortfolioView {
            capacity: portfolio.capacity.map(|c| money(c, cx.currency)),
            demand: money(portfolio.demand, cx.currency),
            overcommitted: portfolio
                .capacity
                .filter(|c| portfolio.demand > *c)
                .map(|c| money(portfolio.demand - c, cx.currency)),
            scenarios: match first {
                false => Vec::new(),
                true => portfolio
                    .scenarios
                    .iter()
                    .map(|s| ScenarioView {
                        label: format!("{} of capacity ({})", percent(s.factor), money(s.capacity, cx.currency)),
                        cut: s.newly_cut.iter().take(PROPOSALS_SHOWN).map(|p| cx.project_link(*p)).collect(),
                        more: s.newly_cut.len().saturating_sub(PROPOSALS_SHOWN),
                    })
                    .collect(),
            },
            stop,
            stop_count,
            reshape,
            reshape_count,
            scored: portfolio.ranked.iter().any(|r| r.score.is_some()),
            map,
            map_note,
            rebaselined_count: if first { rebaselined.len() } else { 0 },
            rebaselined: rebaselined.into_iter().take(PROPOSALS_SHOWN).collect(),
            rows: Paging::range(page, total).map(|i| portfolio_row(cx, i)).collect(),
            pager: PORTFOLIO_PAGES.pager(page, total),
        }
    }
}

/// The project at rank index `i` as a row of the ranked portfolio.
pub(crate) fn portfolio_row(cx: &Context<'_>, i: usize) -> PortfolioRow {
    let portfolio = &cx.analysis.portfolio();
    let r = &portfolio.ranked[i];
    PortfolioRow {
        rank: r.rank,
        project: ProjectRow::new(cx, r.project),
        score: r.score.map(|s| format!("{s:.1}")),
        cumulative: money(r.cumulative, cx.currency),
        above_line: r.above_line,
        line_before: portfolio.capacity.is_some() && !r.above_line && (i == 0 || portfolio.ranked[i - 1].above_line),
        proposal: r.proposal.as_str(),
        reason: r.reason.clone(),
        pmo: cx.model.project(r.project).decision.map(|d| d.as_str()),
        decided: r.decided.map(|d| d.as_str()),
    }
}

/// The rows of the ranked portfolio that `wanted` picks, at most `limit`,
/// and how many it picks in all.
pub(crate) fn portfolio_rows(
    cx: &Context<'_>,
    wanted: impl Fn(&crate::analyse::portfolio::RankedProject) -> bool,
    limit: usize,
) -> (Vec<PortfolioRow>, usize) {
    let portfolio = &cx.analysis.portfolio();
    let picked: Vec<usize> = (0..portfolio.ranked.len()).filter(|i| wanted(&portfolio.ranked[*i])).collect();
    let rows = picked.iter().take(limit).map(|i| portfolio_row(cx, *i)).collect();
    (rows, picked.len())
}
