//! Focus: too much at once.

use std::collections::BTreeMap;

use super::rules::*;
use super::{Cx, Finding, Subject, Timing};
use crate::model::{Ix, Team};

pub(super) fn check(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    too_many_priorities(cx, out);
    team_overload(cx, out);
    objectives(cx, out);
    conflicting_goals(cx, out);
}

/// Key results of current objectives that measure the same `metric`: in
/// opposite directions (a conflict), or in one direction towards different
/// targets in different teams (competing targets). One finding per metric.
fn conflicting_goals(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    use crate::model::Direction;
    let mut by_metric: BTreeMap<&str, Vec<(Ix<crate::model::Objective>, usize)>> = BTreeMap::new();
    for ix in cx.model.objective_ixs() {
        if cx.analysis.objective(ix).timing != Timing::Current {
            continue;
        }
        for (k, kr) in cx.model.objective(ix).key_results.iter().enumerate() {
            if let Some(metric) = kr.metric.as_deref() {
                by_metric.entry(metric).or_default().push((ix, k));
            }
        }
    }
    let team = |o: Ix<crate::model::Objective>| {
        cx.model.objective(o).team.map_or_else(|| "no team".to_string(), |t| cx.model.team(t).title.clone())
    };
    for (metric, krs) in by_metric {
        // Board text names the measure in words, not as an id.
        let metric = metric.replace(['-', '_'], " ");
        let objectives: std::collections::BTreeSet<_> = krs.iter().map(|(o, _)| *o).collect();
        if objectives.len() < 2 {
            continue;
        }
        let kr = |(o, k): (Ix<crate::model::Objective>, usize)| &cx.model.objective(o).key_results[k];
        let name = |(o, k): (Ix<crate::model::Objective>, usize)| {
            format!("“{}” of “{}” ({})", kr((o, k)).title, cx.model.objective(o).title, team(o))
        };
        let up = krs.iter().copied().find(|e| kr(*e).direction == Direction::Increase);
        let down = krs.iter().copied().find(|e| kr(*e).direction == Direction::Decrease);
        let (subject, message, related) = if let (Some(up), Some(down)) = (up, down) {
            (up.0, format!("{} aims to raise {metric} while {} aims to lower it", name(up), name(down)), vec![down])
        } else {
            // One direction: competing targets when teams aim at different numbers.
            let targets: Vec<((Ix<crate::model::Objective>, usize), f64)> =
                krs.iter().copied().filter_map(|e| kr(e).target.map(|t| (e, t))).collect();
            let teams: std::collections::BTreeSet<String> = targets.iter().map(|(e, _)| team(e.0)).collect();
            let distinct = targets.iter().any(|(_, t)| (t - targets[0].1).abs() > f64::EPSILON);
            if teams.len() < 2 || !distinct {
                continue;
            }
            let listed: Vec<String> =
                targets.iter().map(|(e, t)| format!("{} by {}", crate::format::number(*t), name(*e))).collect();
            (
                targets[0].0.0,
                format!("{} key results aim {metric} at competing targets: {}", targets.len(), listed.join("; ")),
                targets[1..].iter().map(|(e, _)| *e).collect(),
            )
        };
        let mut f = cx.finding(
            &CONFLICTING_GOALS,
            Subject::Objective(subject),
            message,
            "agree one direction and one target for it, owned by one objective, and have the others support it",
        );
        for e in related {
            f = f.with_related(kr(e).location.clone(), "measures the same metric");
        }
        out.push(f);
    }
}

fn too_many_priorities(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let max = cx.model.organisation.limits.max_priorities;
    let n = cx.model.priorities.len();
    if n > max {
        out.push(cx.finding(
            &TOO_MANY_PRIORITIES,
            Subject::Organisation,
            format!("the organisation pursues {n} strategic priorities; focus needs {max} or fewer"),
            "merge or retire priorities until no more than the limit remain",
        ));
    }
}

fn team_overload(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let max = cx.model.organisation.limits.max_objectives_per_team;
    let mut counts: BTreeMap<Ix<Team>, Vec<String>> = BTreeMap::new();
    for ix in cx.model.objective_ixs() {
        let o = cx.model.objective(ix);
        if let Some(team) = o.team
            && cx.analysis.objective(ix).timing == Timing::Current
        {
            counts.entry(team).or_default().push(format!("“{}”", o.title));
        }
    }
    for (team, titles) in counts {
        if titles.len() > max {
            let t = cx.model.team(team);
            out.push(cx.finding(
                &TEAM_OBJECTIVE_OVERLOAD,
                Subject::Team(team),
                format!(
                    "{} holds {} objectives this period (limit {max}): {}",
                    t.title,
                    titles.len(),
                    titles.join(", ")
                ),
                "hand some to other teams, merge them, or defer them to a later period",
            ));
        }
    }
}

/// Whether an owner field names more than one person.
fn several_owners(owner: &str) -> bool {
    let lower = owner.to_lowercase();
    lower.contains(" and ") || owner.contains('&') || owner.contains('/') || owner.contains(',') || owner.contains(';')
}

fn objectives(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let max = cx.model.organisation.limits.max_key_results;
    for ix in cx.model.objective_ixs() {
        if cx.analysis.objective(ix).timing != Timing::Current {
            continue;
        }
        let o = cx.model.objective(ix);
        if o.key_results.len() > max {
            out.push(cx.finding(
                &TOO_MANY_KEY_RESULTS,
                Subject::Objective(ix),
                format!("“{}” has {} key results (limit {max})", o.title, o.key_results.len()),
                "keep the few that best show the outcome; move the rest into project plans",
            ));
        }
        let problem = match o.owner.as_deref() {
            None => Some("has no owner".to_string()),
            Some(owner) if several_owners(owner) => Some(format!("is owned by several people (“{owner}”)")),
            Some(_) => None,
        };
        if let Some(problem) = problem {
            out.push(cx.finding(
                &OBJECTIVE_WITHOUT_OWNER,
                Subject::Objective(ix),
                format!("“{}” {problem}; progress needs one accountable person", o.title),
                "name a single owner",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn several_owners_are_recognised() {
        assert!(super::several_owners("Ann Lee and Bo Li"));
        assert!(super::several_owners("Ann Lee / Bo Li"));
        assert!(!super::several_owners("Dr Ann Lee-Anderson"));
    }
}
