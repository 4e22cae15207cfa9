//! A period's page: how its objectives ended, or how they stand.

use super::*;
use crate::analyse::close::period_close;
use crate::model::{Outcome, Period};

/// `periods/<id>.html`.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodView {
    /// "1 July 2026 to 30 September 2026".
    pub dates: String,
    /// past, current or future.
    pub timing: &'static str,
    /// Each outcome with how many objectives ended so.
    pub outcomes: Vec<OutcomeCount>,
    /// Objectives not closed yet.
    pub open: usize,
    /// Closed objectives.
    pub closed: usize,
    /// The mean final score of the closed objectives that give one.
    pub average_score: Option<String>,
    /// The period's objectives.
    pub objectives: Vec<ObjectiveRow>,
    /// What was learnt, objective by objective.
    pub learnings: Vec<Learning>,
    /// Objectives carried on into a later period.
    pub carried: Vec<Carried>,
}

/// One outcome and its count.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeCount {
    /// achieved, partly, …
    pub slug: &'static str,
    /// Words.
    pub label: &'static str,
    /// How many.
    pub count: usize,
}

/// What one objective's close says was learnt.
#[derive(Debug, Clone, Serialize)]
pub struct Learning {
    /// The objective.
    pub objective: Link,
    /// Its learnings.
    pub text: String,
}

/// An objective and the one that carries it on.
#[derive(Debug, Clone, Serialize)]
pub struct Carried {
    /// The closed objective.
    pub from: Link,
    /// The objective that carries it on.
    pub to: Link,
    /// The later objective's period.
    pub period: Option<String>,
}

/// Path from the site root to a period's page.
pub fn period_url(p: &Period) -> String {
    format!("periods/{}.html", p.id)
}

/// A link to a period's page.
pub(crate) fn period_link(p: &Period) -> Link {
    Link { title: p.title.clone(), url: period_url(p) }
}

impl PeriodView {
    pub(crate) fn new(cx: &Context<'_>, ix: Ix<Period>) -> Self {
        let period = cx.model.period(ix);
        // The summary reads every objective's period and close: note each
        // (an edit to any objective builds the page again, not every edit).
        for o in cx.model.objective_ixs() {
            cx.model.objective(o);
        }
        let summary = period_close(cx.model.0, ix);
        let as_of = cx.analysis.as_of();
        let timing = if period.end < as_of {
            "past"
        } else if period.start > as_of {
            "future"
        } else {
            "current"
        };
        let learnings = summary
            .objectives
            .iter()
            .filter_map(|o| {
                let text = cx.model.objective(*o).close.as_ref()?.learnings.clone()?;
                Some(Learning { objective: cx.objective_link(*o), text })
            })
            .collect();
        PeriodView {
            dates: format!("{} to {}", written_date(period.start), written_date(period.end)),
            timing,
            outcomes: Outcome::ALL
                .iter()
                .map(|o| OutcomeCount { slug: o.as_str(), label: o.label(), count: summary.count(*o) })
                .collect(),
            open: summary.open,
            closed: summary.closed(),
            average_score: summary.average_score.map(score),
            objectives: summary.objectives.iter().map(|o| ObjectiveRow::new(cx, *o)).collect(),
            learnings,
            carried: summary
                .carried
                .iter()
                .map(|(from, to)| Carried {
                    from: cx.objective_link(*from),
                    to: cx.objective_link(*to),
                    period: cx.model.objective(*to).period.map(|p| cx.model.period(p).title.clone()),
                })
                .collect(),
        }
    }
}
