//! An objective's page.

use super::*;

/// `objectives/<id>.html`.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveView {
    /// The row (title, progress, health, …).
    pub objective: ObjectiveRow,
    /// Perspective.
    pub perspective: Option<&'static str>,
    /// Priority served.
    pub priority: Option<Link>,
    /// Parent objective.
    pub parent: Option<Link>,
    /// Objectives cascading from it.
    pub children: Vec<ObjectiveRow>,
    /// Key results.
    pub key_results: Vec<KeyResultView>,
    /// Projects contributing (open and closed).
    pub projects: Vec<ProjectRow>,
    /// Projects not listed (a page lists at most [`SHOWN`]).
    pub projects_more: usize,
    /// Budget of open work serving it, shared by link strength.
    pub budget: String,
    /// FTE of open work serving it, shared by link strength.
    pub fte: String,
    /// Findings about it.
    pub findings: Vec<FindingView>,
    /// Key-result bullet chart.
    pub bullets: LazyChart,
    /// One trend chart per key result with check-in values.
    pub trends: Vec<LazyChart>,
    /// How it ended, once closed.
    pub close: Option<CloseView>,
    /// Objectives of earlier periods it carries on.
    pub carried_from: Vec<Link>,
    /// Its period's page.
    pub period_page: Option<Link>,
    /// How forecasts are made, when any key result has one.
    pub forecast_method: Option<&'static str>,
    /// Body HTML (sanitised).
    pub body: String,
    /// Where it is defined.
    pub source: String,
}

/// An objective's close on its page.
#[derive(Debug, Clone, Serialize)]
pub struct CloseView {
    /// Outcome and score.
    pub outcome: OutcomeView,
    /// What was learnt.
    pub learnings: Option<String>,
    /// The objective that carries it on.
    pub carried_to: Option<Link>,
    /// When it was closed ("10 October 2026").
    pub date: Option<String>,
}

/// A key result on its objective's page.
#[derive(Debug, Clone, Serialize)]
pub struct KeyResultView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// outcome or activity.
    pub kind: &'static str,
    /// Owner.
    pub owner: Option<String>,
    /// Baseline with unit.
    pub start: Option<String>,
    /// Target with unit.
    pub target: Option<String>,
    /// Latest value with unit.
    pub current: Option<String>,
    /// Progress, whole percent.
    pub progress: Option<u32>,
    /// Expected, whole percent.
    pub expected: Option<u32>,
    /// Verdict.
    pub health: HealthView,
    /// Confidence, whole percent.
    pub confidence: Option<u32>,
    /// How confidence moved over the check-ins ("▼ 20 pts since 2026-10-02").
    pub confidence_trend: Option<String>,
    /// Check-in values, newest first.
    pub history: Vec<HistoryPoint>,
    /// Where its check-ins point by the period's end.
    pub forecast: Option<ForecastView>,
}

/// A key result's forecast, in words.
#[derive(Debug, Clone, Serialize)]
pub struct ForecastView {
    /// The value forecast, with unit.
    pub value: String,
    /// The day it is for ("31 Dec").
    pub by: String,
    /// Whether it meets the target.
    pub reaches: bool,
}

impl ForecastView {
    /// The forecast rounded to the precision the key result is written in
    /// (a forecast of 26.73 days for a measure kept in whole days is 27).
    pub(crate) fn new(f: &crate::analyse::progress::Forecast, kr: &crate::model::KeyResult, currency: &str) -> Self {
        ForecastView {
            value: with_unit(Self::rounded(f, kr), kr.unit.as_deref(), currency),
            by: f.by.format("%-d %b").to_string(),
            reaches: f.reaches(),
        }
    }

    /// The forecast's value at the precision its key result is written in,
    /// for every place that shows it (pages, packs, trend charts).
    pub(crate) fn rounded(f: &crate::analyse::progress::Forecast, kr: &crate::model::KeyResult) -> f64 {
        let decimals = [kr.start, kr.target, kr.current].into_iter().flatten().map(decimals).max().unwrap_or(0);
        let scale = 10f64.powi(decimals as i32);
        (f.value * scale).round() / scale
    }
}

/// How many decimals a value is written with, at most two.
fn decimals(value: f64) -> usize {
    (0..2)
        .find(|d| {
            let scale = 10f64.powi(*d as i32);
            ((value * scale).round() - value * scale).abs() < 1e-6
        })
        .unwrap_or(2)
}

/// One dated update.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryPoint {
    /// Date.
    pub date: String,
    /// Value or RAG, formatted.
    pub value: String,
    /// Confidence, whole percent.
    pub confidence: Option<u32>,
    /// Note.
    pub note: Option<String>,
}

impl ObjectiveView {
    pub(crate) fn new(cx: &Context<'_>, ix: Ix<Objective>) -> Self {
        let o = cx.model.objective(ix);
        let a = cx.analysis.objective(ix);
        let key_results = o
            .key_results
            .iter()
            .zip(&a.key_results)
            .map(|(kr, ka)| {
                let unit = kr.unit.as_deref();
                let fmt = |v: Option<f64>| v.map(|v| with_unit(v, unit, cx.currency));
                KeyResultView {
                    id: kr.id.clone(),
                    title: kr.title.clone(),
                    kind: match kr.kind {
                        crate::model::KeyResultKind::Outcome => "outcome",
                        crate::model::KeyResultKind::Activity => "activity",
                    },
                    owner: kr.owner.clone(),
                    start: fmt(kr.start),
                    target: fmt(kr.target),
                    current: fmt(kr.current),
                    progress: ka.progress.map(pct),
                    expected: ka.expected.map(pct),
                    health: health_view(ka.health),
                    confidence: kr.confidence.map(pct),
                    confidence_trend: ka.confidence_trend.filter(|t| t.abs() >= 0.005).map(|t| {
                        let since = kr
                            .history
                            .iter()
                            .find(|h| h.confidence.is_some())
                            .map(|h| h.date.format("%-d %b %Y").to_string())
                            .unwrap_or_default();
                        format!("{} {:.0} pts since {since}", if t > 0.0 { "▲" } else { "▼" }, t.abs() * 100.0)
                    }),
                    history: kr
                        .history
                        .iter()
                        .rev()
                        .map(|h| HistoryPoint {
                            date: h.date.to_string(),
                            value: with_unit(h.value, unit, cx.currency),
                            confidence: h.confidence.map(pct),
                            note: h.note.clone(),
                        })
                        .collect(),
                    forecast: ka.forecast.as_ref().map(|f| ForecastView::new(f, kr, cx.currency)),
                }
            })
            .collect();
        let contributing = cx.linked(ix).to_vec();
        let any_forecast = a.key_results.iter().any(|k| k.forecast.is_some());
        ObjectiveView {
            close: o.close.as_ref().map(|c| CloseView {
                outcome: OutcomeView::of(c),
                learnings: c.learnings.clone(),
                carried_to: c.carried_to.map(|to| cx.objective_link(to)),
                date: c.date.map(written_date),
            }),
            carried_from: a.carried_from.iter().map(|from| cx.objective_link(*from)).collect(),
            period_page: o.period.map(|p| period_link(cx.model.period(p))),
            forecast_method: any_forecast.then_some(crate::analyse::progress::FORECAST_METHOD),
            objective: ObjectiveRow::new(cx, ix),
            perspective: perspective(o.perspective),
            priority: a.priority.map(|p| cx.priority_link(p)),
            parent: match o.link {
                Some(ObjectiveLink::Parent(p)) => Some(cx.objective_link(p)),
                _ => None,
            },
            children: a.children.iter().map(|c| ObjectiveRow::new(cx, *c)).collect(),
            key_results,
            projects: contributing.iter().take(SHOWN).map(|p| ProjectRow::new(cx, *p)).collect(),
            projects_more: contributing.len().saturating_sub(SHOWN),
            budget: money(a.budget, cx.currency),
            fte: number(a.fte),
            findings: FindingView::about(cx, Subject::Objective(ix)),
            bullets: charts::bullets(cx, ix, "kr-bullets"),
            trends: charts::trends(cx, ix, "", None),
            body: o.body.html.clone(),
            source: cx.source(&o.location),
        }
    }
}

/// Vision → priority → parent objectives, for an objective's page.
pub(crate) fn objective_crumbs(cx: &Context<'_>, ix: Ix<Objective>) -> Vec<Link> {
    let mut crumbs = vec![cx.home_crumb()];
    if let Some(p) = cx.analysis.objective(ix).priority {
        crumbs.push(cx.priority_link(p));
    }
    let chain = cx.model.cascade(ix);
    crumbs.extend(chain[..chain.len() - 1].iter().map(|o| cx.objective_link(*o)));
    crumbs
}
