//! Period close: what became of a period's objectives.
//!
//! The feedback loop of a strategy is the close: which bets paid off,
//! what was learnt, what carried on into the next period. A period's
//! summary counts its objectives by outcome, averages their final scores
//! and says which were carried on, so a board reads a quarter in a line.

use crate::model::{Ix, Model, Objective, Outcome, Period};

/// A period summed up from its objectives' `[close]` records.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PeriodClose {
    /// The period's objectives, in file order.
    pub objectives: Vec<Ix<Objective>>,
    /// How many ended each way, in [`Outcome::ALL`] order.
    pub outcomes: [usize; 4],
    /// Objectives not closed yet.
    pub open: usize,
    /// The mean final score of the closed objectives that give one.
    pub average_score: Option<f64>,
    /// Objectives carried on, with the objective that carries each.
    pub carried: Vec<(Ix<Objective>, Ix<Objective>)>,
}

impl PeriodClose {
    /// How many ended with `outcome`.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.outcomes[Outcome::ALL.iter().position(|o| *o == outcome).expect("every outcome is listed")]
    }

    /// How many are closed.
    pub fn closed(&self) -> usize {
        self.outcomes.iter().sum()
    }
}

/// Sums up `period`'s objectives.
pub fn period_close(model: &Model, period: Ix<Period>) -> PeriodClose {
    let mut summary = PeriodClose::default();
    let mut scores = Vec::new();
    for (i, o) in model.objectives.iter().enumerate().filter(|(_, o)| o.period == Some(period)) {
        let ix = Ix::new(i);
        summary.objectives.push(ix);
        let Some(close) = &o.close else {
            summary.open += 1;
            continue;
        };
        summary.outcomes[Outcome::ALL.iter().position(|x| *x == close.outcome).expect("every outcome is listed")] += 1;
        scores.extend(close.score);
        if let Some(to) = close.carried_to {
            summary.carried.push((ix, to));
        }
    }
    summary.average_score = super::progress::mean(scores.into_iter().map(Some));
    summary
}
