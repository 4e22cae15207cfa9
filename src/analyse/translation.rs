//! Translation gap: strategy that never became measurable outcomes.

use super::rules::*;
use super::{Cx, Finding, Subject, Timing};
use crate::model::{Ix, KeyResultKind, Objective};

pub(super) fn check(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    for ix in cx.model.objective_ixs() {
        let timing = cx.analysis.objective(ix).timing;
        if timing == Timing::Past {
            continue;
        }
        not_linked(cx, ix, out);
        if timing == Timing::Current {
            without_key_results(cx, ix, out);
            not_measurable(cx, ix, out);
            activity_only(cx, ix, out);
        }
    }
    priorities_without_objectives(cx, out);
    unexplained(cx, out);
}

/// Links of open work to live objectives that do not say how the work moves
/// the objective: one finding about the practice when most links are
/// silent, else a note on each project.
fn unexplained(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let (mut links, mut silent) = (0, Vec::new());
    for ix in cx.model.project_ixs() {
        let p = cx.model.project(ix);
        if !p.status.is_open() {
            continue;
        }
        let live = |c: &&crate::model::Contribution| cx.analysis.objective(c.objective).timing != Timing::Past;
        let unexplained: Vec<String> = p
            .contributions
            .iter()
            .filter(live)
            .inspect(|_| links += 1)
            .filter(|c| c.why.is_none())
            .map(|c| format!("“{}”", cx.model.objective(c.objective).title))
            .collect();
        if unexplained.is_empty() {
            continue;
        }
        silent.push((
            unexplained.len(),
            cx.finding(
                &UNEXPLAINED_ALIGNMENT,
                Subject::Project(ix),
                format!("“{}” does not say how it moves {}", p.title, unexplained.join(", ")),
                "say in one sentence how the project moves each objective it serves",
            )
            .with_fix("give each entry of `objectives` a `why`: `{ id = \"…\", why = \"…\" }`"),
        ));
    }
    let unexplained_links: usize = silent.iter().map(|(n, _)| n).sum();
    let parts: Vec<Finding> = silent.into_iter().map(|(_, f)| f).collect();
    if !super::is_practice(unexplained_links, links) {
        out.extend(parts);
        return;
    }
    let practice = cx.finding(
        &UNEXPLAINED_ALIGNMENT,
        Subject::Organisation,
        format!(
            "{unexplained_links} of the {links} links between open projects and current objectives give no reason: {} projects do not say how they move the objectives they claim",
            parts.len()
        ),
        "ask every project to say in one sentence how it moves each objective it serves, and challenge the links nobody can explain",
    );
    out.push(practice.with_parts(parts));
}

fn without_key_results(cx: &Cx<'_>, ix: Ix<Objective>, out: &mut Vec<Finding>) {
    let o = cx.model.objective(ix);
    if o.key_results.is_empty() {
        out.push(cx.finding(
            &OBJECTIVE_WITHOUT_KEY_RESULTS,
            Subject::Objective(ix),
            format!("the objective “{}” has no key results, so nobody can tell whether it is being met", o.title),
            "add two to five key results, each with a baseline and a target",
        ));
    }
}

fn not_measurable(cx: &Cx<'_>, ix: Ix<Objective>, out: &mut Vec<Finding>) {
    let o = cx.model.objective(ix);
    for kr in &o.key_results {
        let missing = match (kr.start, kr.target) {
            (Some(_), Some(_)) => continue,
            (None, Some(_)) => "no baseline",
            (Some(_), None) => "no numeric target",
            (None, None) => "neither a baseline nor a numeric target",
        };
        out.push(
            cx.finding(
                &KEY_RESULT_NOT_MEASURABLE,
                Subject::Objective(ix),
                format!(
                    "the key result “{}” of “{}” has {missing}, so its progress cannot be measured",
                    kr.title, o.title
                ),
                "record where it stood when the period began, and the number it should reach",
            )
            .with_fix("give the key result a `start` (its baseline) and a numeric `target`")
            .with_related(kr.location.clone(), "this key result"),
        );
    }
}

fn activity_only(cx: &Cx<'_>, ix: Ix<Objective>, out: &mut Vec<Finding>) {
    let o = cx.model.objective(ix);
    if !o.key_results.is_empty() && o.key_results.iter().all(|k| k.kind == KeyResultKind::Activity) {
        out.push(
            cx.finding(
                &ACTIVITY_ONLY_KEY_RESULTS,
                Subject::Objective(ix),
                format!(
                    "all {} key results of “{}” count activity, none the outcome it should produce",
                    o.key_results.len(),
                    o.title
                ),
                "replace at least one activity with the change it is meant to bring about",
            )
            .with_fix("give a key result that measures a change `kind = \"outcome\"`"),
        );
    }
}

fn not_linked(cx: &Cx<'_>, ix: Ix<Objective>, out: &mut Vec<Finding>) {
    let o = cx.model.objective(ix);
    if o.link.is_none() {
        out.push(
            cx.finding(
                &OBJECTIVE_NOT_LINKED,
                Subject::Objective(ix),
                format!("the objective “{}” is linked to no priority and no parent objective", o.title),
                "link it to the strategic priority it serves, or to the objective it cascades from",
            )
            .with_fix("add `priority = \"…\"`, or `parent = \"…\"` if it cascades from another objective"),
        );
    }
}

fn priorities_without_objectives(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let period = cx.analysis.current_period.as_ref().map_or_else(|| "this period".to_string(), |p| p.title.clone());
    for ix in cx.model.priority_ixs() {
        if cx.analysis.priorities[ix.index()].objectives.is_empty() {
            let p = cx.model.priority(ix);
            out.push(cx.finding(
                &PRIORITY_WITHOUT_OBJECTIVES,
                Subject::Priority(ix),
                format!(
                    "the priority “{}” has no objective for {period}: nothing measures whether it is pursued",
                    p.title
                ),
                "set an objective for it this period, or retire the priority openly",
            ));
        }
    }
}
