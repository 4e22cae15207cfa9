//! The alignment, roadmap and dependency pages: where the money goes and how work connects.

use super::*;

/// `alignment.html`: where the money and people go, from the vision down.
#[derive(Debug, Clone, Serialize)]
pub struct AlignmentView {
    /// Open budget from the vision through priorities to objectives.
    pub money: Chart,
    /// The same for FTE.
    pub fte: Chart,
    /// Intended against actual share per priority.
    pub intent: Chart,
    /// Priorities × teams.
    pub matrix: Chart,
    /// Open projects tracing to no current objective.
    pub unaligned_count: usize,
    /// Their budget, formatted.
    pub unaligned_budget: String,
}

impl AlignmentView {
    pub(crate) fn new(cx: &Context<'_>) -> Self {
        let budget = charts::money_chart(cx);
        let fte = where_the_money_goes(
            "money-fte",
            &charts::money_leaves(cx, &|p| p.fte.unwrap_or(0.0)),
            "open FTE",
            &|v| format!("{} FTE", number(v)),
            &cx.style,
        );
        let unaligned_budget: f64 = cx.analysis.unaligned().iter().filter_map(|p| cx.model.project(*p).budget).sum();
        AlignmentView {
            money: budget,
            fte,
            intent: charts::intent(cx),
            matrix: charts::matrix(cx),
            unaligned_count: cx.analysis.unaligned().len(),
            unaligned_budget: money(unaligned_budget, cx.currency),
        }
    }
}

pub(crate) fn roadmap_chart(cx: &Context<'_>) -> Chart {
    let rows: Vec<RoadmapRow> =
        cx.model
            .project_ixs()
            .filter_map(|ix| {
                let p = cx.model.project(ix);
                let (start, end) = (p.start?, p.end?);
                if !p.status.is_open() {
                    return None;
                }
                let group =
                    cx.analysis.project(ix).priorities.first().map_or_else(
                        || crate::charts::UNALIGNED.to_string(),
                        |pr| cx.model.priority(*pr).title.clone(),
                    );
                Some(RoadmapRow {
                    group,
                    name: p.title.clone(),
                    start,
                    end,
                    overdue: end < cx.analysis.as_of(),
                    status: p.status.as_str(),
                    rag: p.rag,
                    milestones: p
                        .milestones
                        .iter()
                        .filter_map(|m| {
                            let state = m.state(cx.analysis.as_of());
                            Some(RoadmapMilestone { title: m.title.clone(), date: m.date?, state })
                        })
                        .collect(),
                })
            })
            .collect();
    let titles: Vec<&str> = cx.model.priority_ixs().map(|p| cx.model.priority(p).title.as_str()).collect();
    let order = |g: &str| titles.iter().position(|t| *t == g).unwrap_or(usize::MAX);
    let mut rows = rows;
    rows.sort_by_key(|r| order(&r.group));
    roadmap(&rows, cx.analysis.as_of(), &cx.style).with_table_limit(TABLE_ROWS)
}

pub(crate) fn dependency_chart(cx: &Context<'_>) -> Chart {
    use crate::analyse::graph::Dependency;
    let m = cx.model;
    let mut raw_links = Vec::new();
    for ix in m.project_ixs().filter(|p| m.project(*p).status.is_open()) {
        for d in &m.project(ix).depends_on {
            let kind = match cx.analysis.dependency(*d, ix) {
                Dependency::Loop => LinkKind::Cycle,
                Dependency::Blocked => LinkKind::Blocked,
                Dependency::Late => LinkKind::Late,
                Dependency::Fine => LinkKind::Normal,
            };
            raw_links.push((*d, ix, kind));
        }
    }
    // Troubled links first, so they survive the chart's node limit.
    raw_links.sort_by_key(|(d, p, k)| (*k == LinkKind::Normal, *d, *p));
    let mut position: std::collections::HashMap<Ix<Project>, usize> = std::collections::HashMap::new();
    let mut nodes: Vec<DepNode> = Vec::new();
    for x in raw_links.iter().flat_map(|(d, p, _)| [*d, *p]) {
        position.entry(x).or_insert_with(|| {
            nodes.push(DepNode {
                name: m.project(x).title.clone(),
                status: m.project(x).status.as_str(),
                stopped: cx.analysis.project(x).stopping,
            });
            nodes.len() - 1
        });
    }
    let links: Vec<DepLink> = raw_links
        .iter()
        .map(|(d, p, k)| DepLink { dependency: position[d], dependent: position[p], kind: *k })
        .collect();
    dependency_graph(&nodes, &links, &cx.style).with_table_limit(TABLE_ROWS)
}
