//! "Since the last review": a review's pack set against the previous review
//! of its kind, or for the first, against the start of its period.

use super::*;
use crate::analyse::compare::{Comparison, compare};
use crate::model::{Model, Rag};

/// What moved since the last review, for the pack and the review's page.
#[derive(Debug, Clone, Serialize)]
pub struct SinceView {
    /// The review compared with, if there is one of the same kind.
    pub previous: Option<Link>,
    /// The date compared with, written out ("30 September 2026").
    pub since: String,
    /// The date compared to (the pack's cut-off), written out.
    pub until: String,
    /// Projects whose status changed, worst now first (in the pack, at
    /// most [`PACK_SINCE`]).
    pub statuses: Vec<StatusChange>,
    /// Status changes not listed.
    pub statuses_more: usize,
    /// Key results that moved, those moving away from their target first
    /// (in the pack, at most [`PACK_SINCE`]).
    pub key_results: Vec<KeyResultChange>,
    /// Moves not listed.
    pub key_results_more: usize,
    /// Objectives whose verdict changed.
    pub verdicts: Vec<VerdictChange>,
    /// New open findings, in rank order, at most [`SINCE_FINDINGS`].
    pub new_findings: Vec<FindingView>,
    /// How many findings are new.
    pub new_count: usize,
    /// The messages of findings resolved since, in the order they were
    /// ranked then, at most [`SINCE_FINDINGS`].
    pub resolved: Vec<String>,
    /// How many findings were resolved.
    pub resolved_count: usize,
    /// Findings open then and still open.
    pub still_open: usize,
}

/// A project's status then and now.
#[derive(Debug, Clone, Serialize)]
pub struct StatusChange {
    /// The project.
    pub project: ProjectRow,
    /// Its status then, or `null` when it had not yet reported.
    pub was: Option<&'static str>,
    /// Its status now.
    pub now: &'static str,
}

/// A key result's move.
#[derive(Debug, Clone, Serialize)]
pub struct KeyResultChange {
    /// Its objective.
    pub objective: Link,
    /// The key result's title.
    pub title: String,
    /// Its value then, with its unit, or `null` when unknown.
    pub was: Option<String>,
    /// Its value now, with its unit.
    pub now: Option<String>,
    /// The size of the move with its sign and unit ("+12", "−3 days").
    pub change: Option<String>,
    /// ↑ or ↓: the direction the number moved.
    pub arrow: &'static str,
    /// `better`, `worse` or `unknown`: towards the target or away.
    pub tone: &'static str,
}

/// An objective's verdict then and now.
#[derive(Debug, Clone, Serialize)]
pub struct VerdictChange {
    /// The objective.
    pub objective: Link,
    /// Then.
    pub was: HealthView,
    /// Now.
    pub now: HealthView,
}

/// How many new and resolved findings are named: the rest are counted.
pub const SINCE_FINDINGS: usize = 4;

impl SinceView {
    /// The `i`-th review's comparison, with `cx` the portfolio as of its
    /// cut-off, listing at most `limit` status changes and key results.
    pub(crate) fn new(cx: &Context<'_>, i: usize, limit: usize) -> SinceView {
        // Made from other models than the one a watch session compares.
        crate::render::reads::record(crate::render::reads::Read::Everything);
        let model: &Model = cx.model.0;
        let earlier = cx.earlier(i);
        let (since, until, previous) = (earlier.since, earlier.until, earlier.previous);
        let (then_model, then_analysis) = (&earlier.model, &earlier.analysis);
        let c: Comparison = compare((then_model, then_analysis), (model, cx.analysis.analysis));
        let (statuses, statuses_more) = cap(c.statuses.clone(), limit);
        let statuses = statuses
            .into_iter()
            .map(|m| StatusChange {
                project: ProjectRow::new(cx, m.project),
                was: m.was.map(Rag::as_str),
                now: m.now.map_or("", Rag::as_str),
            })
            .collect();
        let mut moves = c.key_results.clone();
        // Falls first, then rises.
        moves.sort_by_key(|m| (m.better != Some(false), m.objective, m.index));
        let (moves, key_results_more) = cap(moves, limit);
        let key_results = moves
            .into_iter()
            .map(|m| {
                let kr = &cx.model.objective(m.objective).key_results[m.index];
                let unit = kr.unit.as_deref();
                let value = |v: f64| with_unit(v, unit, cx.currency);
                let change = m.was.zip(m.now).map(|(a, b)| {
                    let d = b - a;
                    let sign = if d < 0.0 { "−" } else { "+" };
                    // A move between percentages is in points.
                    match unit {
                        Some("%") => format!("{sign}{} pts", number(d.abs())),
                        _ => format!("{sign}{}", value(d.abs())),
                    }
                });
                let arrow = match m.was.zip(m.now) {
                    Some((a, b)) if b < a => "↓",
                    _ => "↑",
                };
                KeyResultChange {
                    objective: cx.objective_link(m.objective),
                    title: kr.title.clone(),
                    was: m.was.map(value),
                    now: m.now.map(value),
                    change,
                    arrow,
                    tone: match m.better {
                        Some(true) => "better",
                        Some(false) => "worse",
                        None => "unknown",
                    },
                }
            })
            .collect();
        let verdicts = c
            .verdicts
            .iter()
            .map(|v| VerdictChange {
                objective: cx.objective_link(v.objective),
                was: health_view(v.was),
                now: health_view(v.now),
            })
            .collect();
        let findings = cx.analysis.findings();
        SinceView {
            previous: previous.map(|j| {
                let p = cx.model.review(j);
                Link { title: p.title.clone(), url: review_url(p) }
            }),
            since: written_date(since),
            until: written_date(until),
            statuses,
            statuses_more,
            key_results,
            key_results_more,
            verdicts,
            new_findings: c
                .new_findings
                .iter()
                .take(SINCE_FINDINGS)
                .map(|f| FindingView::new(cx, &findings[*f]))
                .collect(),
            new_count: c.new_findings.len(),
            resolved: c
                .resolved
                .iter()
                .take(SINCE_FINDINGS)
                .map(|f| crate::format::capitalised(&then_analysis.findings[*f].message))
                .collect(),
            resolved_count: c.resolved.len(),
            still_open: c.still_open,
        }
    }
}
