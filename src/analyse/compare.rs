//! Since the last review: what moved between two states of the portfolio.
//!
//! A board reads a pack against the one before it. Both states are made
//! from the same files (the earlier with later check-ins left out, see
//! `Model::as_of`), so a thing has the same index in both and is compared
//! by it. What has no dated history (budgets, spend) is the same in both,
//! and the views say so rather than inventing a past.

use std::collections::BTreeSet;

use super::{Analysis, Health, Subject, Timing};
use crate::model::{Direction, Ix, Model, Objective, Project, Rag};

/// What changed between `then` and `now`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    /// Projects whose status changed, worst now first.
    pub statuses: Vec<StatusMove>,
    /// Key results of current objectives whose value moved.
    pub key_results: Vec<KeyResultMove>,
    /// Current objectives whose verdict changed.
    pub verdicts: Vec<VerdictMove>,
    /// Findings open now that were not then (indices into `now.findings`).
    pub new_findings: Vec<usize>,
    /// Findings open then that are not now (indices into `then.findings`).
    pub resolved: Vec<usize>,
    /// Findings open then and still open now.
    pub still_open: usize,
}

/// A project's status then and now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StatusMove {
    /// The project.
    pub project: Ix<Project>,
    /// Its status then (`None`: not reported yet).
    pub was: Option<Rag>,
    /// Its status now.
    pub now: Option<Rag>,
}

/// A key result's value then and now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeyResultMove {
    /// Its objective.
    pub objective: Ix<Objective>,
    /// Its place among the objective's key results.
    pub index: usize,
    /// Its value then.
    pub was: Option<f64>,
    /// Its value now.
    pub now: Option<f64>,
    /// Whether the move is towards the target (`None`: no move to judge).
    pub better: Option<bool>,
}

/// An objective's verdict then and now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VerdictMove {
    /// The objective.
    pub objective: Ix<Objective>,
    /// Its verdict then.
    pub was: Health,
    /// Its verdict now.
    pub now: Health,
}

/// Compares two states of one portfolio, `then` earlier than `now`.
pub fn compare(then: (&Model, &Analysis), now: (&Model, &Analysis)) -> Comparison {
    let (then_model, then_analysis) = then;
    let (model, analysis) = now;
    let mut statuses: Vec<StatusMove> = (0..model.projects.len().min(then_model.projects.len()))
        .map(Ix::new)
        .filter(|p| model.project(*p).status.is_open())
        .map(|p| StatusMove { project: p, was: then_model.project(p).rag, now: model.project(p).rag })
        .filter(|m| m.was != m.now && m.now.is_some())
        .collect();
    // Worst now first, then the biggest fall.
    statuses.sort_by(|a, b| b.now.cmp(&a.now).then_with(|| a.was.cmp(&b.was)).then_with(|| a.project.cmp(&b.project)));

    let current: Vec<Ix<Objective>> =
        model.objective_ixs().filter(|o| analysis.objective(*o).timing == Timing::Current).collect();
    let mut key_results = Vec::new();
    let mut verdicts = Vec::new();
    for &o in current.iter().filter(|o| o.index() < then_model.objectives.len()) {
        let (was, now) = (then_analysis.objective(o).health, analysis.objective(o).health);
        // An objective whose period had not begun had no verdict to change.
        if was != now && then_analysis.objective(o).timing == Timing::Current {
            verdicts.push(VerdictMove { objective: o, was, now });
        }
        let (old, new) = (&then_model.objective(o).key_results, &model.objective(o).key_results);
        for (index, (kr_then, kr)) in old.iter().zip(new).enumerate() {
            if kr_then.current == kr.current {
                continue;
            }
            let better = kr_then.current.zip(kr.current).map(|(a, b)| match kr.direction {
                Direction::Increase => b > a,
                Direction::Decrease => b < a,
            });
            key_results.push(KeyResultMove { objective: o, index, was: kr_then.current, now: kr.current, better });
        }
    }

    let key = |f: &super::Finding| (f.rule.id, f.subject);
    let open_then: BTreeSet<(&str, Subject)> =
        then_analysis.findings.iter().filter(|f| f.waiver.is_none()).map(key).collect();
    let open_now: BTreeSet<(&str, Subject)> =
        analysis.findings.iter().filter(|f| f.waiver.is_none()).map(key).collect();
    let new_findings = (0..analysis.findings.len())
        .filter(|i| analysis.findings[*i].waiver.is_none() && !open_then.contains(&key(&analysis.findings[*i])))
        .collect();
    let resolved = (0..then_analysis.findings.len())
        .filter(|i| {
            let f = &then_analysis.findings[*i];
            f.waiver.is_none() && !open_now.contains(&key(f))
        })
        .collect();
    Comparison {
        statuses,
        key_results,
        verdicts,
        new_findings,
        resolved,
        still_open: open_then.intersection(&open_now).count(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::analyse::analyse;
    use crate::diag::Diagnostics;
    use crate::load::load_texts;

    fn model(files: &[(&str, &str)]) -> Model {
        let mut diags = Diagnostics::new();
        let m = crate::model::build(&load_texts(files), &mut diags);
        assert!(!diags.has_errors(), "{diags:?}");
        m
    }

    #[test]
    fn the_moves_between_two_dates_are_named() {
        let org = "name = \"Acme\"\ncurrent_period = \"2026-Q4\"\n";
        let priority = "+++\ntitle = \"Grow\"\n+++\n";
        let objective = "+++\ntitle = \"More customers\"\npriority = \"grow\"\nperiod = \"2026-Q4\"\nowner = \"Ann\"\n[[key_results]]\nid = \"n\"\ntitle = \"Customers\"\nstart = 0\ntarget = 100\ncurrent = 0\n+++\n";
        let project = "+++\ntitle = \"A\"\nstatus = \"active\"\nowner = \"Bo\"\nobjectives = [\"more\"]\n+++\n";
        let checkin = |date: &str, value: u32, rag: &str| {
            format!(
                "date = {date}\n[[key_results]]\nobjective = \"more\"\nid = \"n\"\nvalue = {value}\n[[projects]]\nid = \"a\"\nrag = \"{rag}\"\n"
            )
        };
        let (october, november) = (checkin("2026-10-09", 2, "green"), checkin("2026-11-13", 60, "amber"));
        let m = model(&[
            ("content/organisation.toml", org),
            ("content/priorities/grow.md", priority),
            ("content/objectives/more.md", objective),
            ("content/projects/a.md", project),
            ("content/checkins/oct.toml", &october),
            ("content/checkins/nov.toml", &november),
        ]);
        let (then_date, now_date) =
            (NaiveDate::from_ymd_opt(2026, 10, 15).unwrap(), NaiveDate::from_ymd_opt(2026, 11, 15).unwrap());
        let then = m.as_of(then_date, 0);
        let (then_analysis, now_analysis) = (analyse(&then, then_date), analyse(&m, now_date));
        let c = compare((&then, &then_analysis), (&m, &now_analysis));
        assert_eq!(c.statuses, [StatusMove { project: Ix::new(0), was: Some(Rag::Green), now: Some(Rag::Amber) }]);
        assert_eq!(
            c.key_results,
            [KeyResultMove { objective: Ix::new(0), index: 0, was: Some(2.0), now: Some(60.0), better: Some(true) }]
        );
        // 2% in mid-October was behind; 60% in mid-November is ahead.
        assert_eq!(c.verdicts.len(), 1, "{:?}", c.verdicts);
        assert_ne!(c.verdicts[0].was, c.verdicts[0].now);
        // The same state compared with itself: nothing moved.
        let same = compare((&m, &now_analysis), (&m, &now_analysis));
        assert!(same.statuses.is_empty() && same.key_results.is_empty() && same.verdicts.is_empty());
        assert!(same.new_findings.is_empty() && same.resolved.is_empty());
        assert_eq!(same.still_open, now_analysis.findings.iter().filter(|f| f.waiver.is_none()).count());
    }
}
