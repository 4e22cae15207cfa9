//! Focus: too much at once.

use std::collections::BTreeMap;

use super::rules::*;
use super::{Cx, Finding, Subject, Timing};
use crate::model::{Ix, Team};

pub(super) fn check(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    too_many_priorities(cx, out);
    team_overload(cx, out);
    objectives(cx, out);
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
