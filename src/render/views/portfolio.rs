//! The ranked portfolio: the capacity line, the map and the stop list.

use super::*;

/// `portfolio.html`.
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioView {
    /// Capacity, formatted, if set.
    pub capacity: Option<String>,
    /// Still to spend by all ranked work.
    pub demand: String,
    /// Demand minus capacity, if positive.
    pub overcommitted: Option<String>,
    /// Ranked open projects.
    pub rows: Vec<PortfolioRow>,
    /// Capacity scenarios.
    pub scenarios: Vec<ScenarioView>,
    /// Rows proposed for stopping.
    pub stop: Vec<PortfolioRow>,
    /// Rows proposed for reshaping.
    pub reshape: Vec<PortfolioRow>,
    /// Whether any project has scores.
    pub scored: bool,
    /// Score against cost, with the capacity line.
    pub map: Chart,
}

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
    /// Projects that would fall below the line too.
    pub cut: Vec<Link>,
}

impl PortfolioView {
    pub(crate) fn new(cx: &Context<'_>) -> Self {
        let portfolio = &cx.analysis.portfolio();
        let rows = portfolio_rows(cx);
        PortfolioView {
            capacity: portfolio.capacity.map(|c| money(c, cx.currency)),
            demand: money(portfolio.demand, cx.currency),
            overcommitted: portfolio
                .capacity
                .filter(|c| portfolio.demand > *c)
                .map(|c| money(portfolio.demand - c, cx.currency)),
            scenarios: portfolio
                .scenarios
                .iter()
                .map(|s| ScenarioView {
                    label: format!("{} of capacity ({})", percent(s.factor), money(s.capacity, cx.currency)),
                    cut: s.newly_cut.iter().map(|p| cx.project_link(*p)).collect(),
                })
                .collect(),
            stop: rows.iter().filter(|r| r.proposal == "stop").cloned().collect(),
            reshape: rows.iter().filter(|r| r.proposal == "reshape").cloned().collect(),
            scored: portfolio.ranked.iter().any(|r| r.score.is_some()),
            map: charts::map(cx),
            rows,
        }
    }
}

/// The ranked portfolio as rows, for the Portfolio page and the home
/// page's stop list.
pub(crate) fn portfolio_rows(cx: &Context<'_>) -> Vec<PortfolioRow> {
    let portfolio = &cx.analysis.portfolio();
    portfolio
        .ranked
        .iter()
        .enumerate()
        .map(|(i, r)| PortfolioRow {
            rank: r.rank,
            project: ProjectRow::new(cx, r.project),
            score: r.score.map(|s| format!("{s:.1}")),
            cumulative: money(r.cumulative, cx.currency),
            above_line: r.above_line,
            line_before: portfolio.capacity.is_some()
                && !r.above_line
                && (i == 0 || portfolio.ranked[i - 1].above_line),
            proposal: r.proposal.as_str(),
            reason: r.reason.clone(),
            pmo: cx.model.project(r.project).decision.map(|d| d.as_str()),
            decided: r.decided.map(|d| d.as_str()),
        })
        .collect()
}
