//! The charts several pages share, drawn from the context.

use super::*;

/// Where the open budget goes, from the vision down.
pub(crate) fn money_chart(cx: &Context<'_>) -> Chart {
    let currency = cx.currency.to_string();
    where_the_money_goes(
        "money-budget",
        &charts::money_leaves(cx, &|p| p.budget.unwrap_or(0.0)),
        "open budget",
        &move |v| money(v, &currency),
        &cx.style,
    )
}

pub(crate) fn intent(cx: &Context<'_>) -> Chart {
    let rows: Vec<IntentRow> = cx
        .model
        .priority_ixs()
        .map(|p| {
            let a = &cx.analysis.priority(p);
            IntentRow {
                name: cx.model.priority(p).title.clone(),
                intended: cx.model.priority(p).weight,
                budget: a.budget_share.unwrap_or(0.0) * 100.0,
                fte: a.fte_share.unwrap_or(0.0) * 100.0,
            }
        })
        .collect();
    let c = &cx.analysis.coverage();
    let unaligned = (c.budget > 0.0).then(|| (c.budget - c.aligned_budget) / c.budget * 100.0);
    intent_vs_reality(&rows, unaligned, &cx.style)
}

pub(crate) fn status(cx: &Context<'_>) -> Chart {
    let m = cx.model;
    let checkins: Vec<chrono::NaiveDate> = (0..m.checkin_count()).map(|i| m.checkin(i).date).collect();
    let mut counts: Vec<StatusCount> = checkins.iter().map(|&date| StatusCount::new(date)).collect();
    // Both lists run oldest first: one pass over each project's history
    // finds its status at every check-in.
    for ix in m.project_ixs() {
        let history = &m.project(ix).rag_history;
        let mut seen = 0;
        for count in &mut counts {
            while seen < history.len() && history[seen].date <= count.date {
                seen += 1;
            }
            if let Some(h) = seen.checked_sub(1) {
                count.counts[history[h].rag as usize] += 1;
            }
        }
    }
    status_over_time(&counts, &cx.style)
}

/// An objective's key results as bullets; `id` must be unique on the page.
pub(crate) fn bullets(cx: &Context<'_>, ix: Ix<Objective>, id: &str) -> LazyChart {
    let o = cx.model.objective(ix);
    let rows: Vec<BulletRow> = o
        .key_results
        .iter()
        .zip(&cx.analysis.objective(ix).key_results)
        .map(|(kr, ka)| BulletRow {
            name: kr.title.clone(),
            progress: ka.progress,
            expected: ka.expected,
            health: ka.health.slug(),
            label: ka.health.label(),
        })
        .collect();
    let style = cx.style.clone();
    LazyChart::new((id.to_string(), rows), move |(id, rows)| okr_bullets(id, rows, &style))
}

/// A trend chart per key result with history, with ids `<prefix>trend-<key result>`,
/// drawn `width` pixels wide (the pack sets two side by side).
pub(crate) fn trends(cx: &Context<'_>, ix: Ix<Objective>, prefix: &str, width: Option<u32>) -> Vec<LazyChart> {
    let o = cx.model.objective(ix);
    let period = o.period.map(|p| (cx.model.period(p).start, cx.model.period(p).end));
    let mut style = cx.style.clone();
    if let Some(width) = width {
        style.width = width;
    }
    o.key_results
        .iter()
        .zip(&cx.analysis.objective(ix).key_results)
        .filter(|(kr, _)| !kr.history.is_empty())
        .map(|(kr, ka)| {
            let data = TrendData {
                name: kr.title.clone(),
                unit: kr.unit.clone(),
                start: kr.start,
                target: kr.target,
                period,
                points: kr
                    .history
                    .iter()
                    .map(|h| TrendPoint { date: h.date, value: h.value, confidence: h.confidence })
                    .collect(),
                forecast: ka.forecast.map(|f| (f.by, super::objective::ForecastView::rounded(&f, kr))),
            };
            let style = style.clone();
            let id = format!("{prefix}trend-{}", kr.id);
            LazyChart::new((id, data), move |(id, data)| key_result_trend(id, data, &style))
        })
        .collect()
}

pub(crate) fn map(cx: &Context<'_>) -> (Option<Chart>, Option<String>) {
    let mut points: Vec<MapPoint> = cx
        .analysis
        .portfolio()
        .ranked
        .iter()
        .filter_map(|r| {
            let p = cx.model.project(r.project);
            Some(MapPoint {
                name: p.title.clone(),
                score: r.score?,
                cost: crate::analyse::portfolio::remaining(p),
                budget: p.budget.unwrap_or(0.0),
                rag: p.rag,
                above_line: r.above_line,
                rank: r.rank,
            })
        })
        .collect();
    let scored = points.len();
    let note = (scored > MAP_POINTS).then(|| {
        format!("The {MAP_POINTS} projects with most still to spend, of {scored} scored; the ranked portfolio lists them all.")
    });
    if scored > MAP_POINTS {
        // Largest first, ties in rank order (the sort is stable).
        points.sort_by(|a, b| b.cost.total_cmp(&a.cost));
        points.truncate(MAP_POINTS);
    }
    (Some(portfolio_map(&points, cx.currency, &cx.style)), note)
}

/// Open budget (or FTE) per priority and top-level objective.
pub(crate) fn money_leaves(cx: &Context<'_>, amount: &dyn Fn(&Project) -> f64) -> Vec<MoneyLeaf> {
    let mut leaves = Vec::new();
    for ix in cx.model.project_ixs() {
        let p = cx.model.project(ix);
        let value = amount(p);
        if !p.status.is_open() || value <= 0.0 {
            continue;
        }
        let shares = &cx.analysis.project(ix).shares;
        if shares.is_empty() {
            leaves.push(MoneyLeaf { priority: None, objective: None, amount: value });
        }
        for share in shares {
            let top = cx.model.cascade(share.objective)[0];
            leaves.push(MoneyLeaf {
                priority: Some(cx.model.priority(share.priority).title.clone()),
                objective: Some(cx.model.objective(top).title.clone()),
                amount: value * share.fraction,
            });
        }
    }
    leaves
}

pub(crate) fn matrix(cx: &Context<'_>) -> Chart {
    let m = cx.model;
    let rows: Vec<String> = m.priority_ixs().map(|p| m.priority(p).title.clone()).collect();
    let mut columns: Vec<String> = m.team_ixs().map(|t| m.team(t).title.clone()).collect();
    let no_team = columns.len();
    columns.push("No team".into());
    let mut cells = vec![vec![0.0; columns.len()]; rows.len()];
    for ix in cx.model.project_ixs() {
        let p = cx.model.project(ix);
        if !p.status.is_open() {
            continue;
        }
        let column = p.team.map_or(no_team, |t| t.index());
        for share in &cx.analysis.project(ix).shares {
            cells[share.priority.index()][column] += p.budget.unwrap_or(0.0) * share.fraction;
        }
    }
    if cells.iter().all(|r| r[no_team] == 0.0) {
        columns.pop();
        for r in &mut cells {
            r.pop();
        }
    }
    let currency = cx.currency.to_string();
    alignment_matrix(&MatrixData { rows, columns, cells }, &move |v| money(v, &currency), &cx.style)
}
