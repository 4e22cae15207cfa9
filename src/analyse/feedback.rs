//! Feedback gap: nobody checks whether the promised benefits arrived.

use super::rules::*;
use super::{Cx, Finding, Subject, Timing};
use crate::format::{number, percent};
use crate::model::{Ix, Project, Status};

pub(super) fn check(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    for ix in cx.model.project_ixs() {
        done_without_benefits(cx, ix, out);
        benefits(cx, ix, out);
    }
    stale(cx, out);
    unclosed(cx, out);
}

/// Objectives of a period that ended `close_within_days` ago, not closed.
fn unclosed(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let within = i64::from(cx.model.organisation.limits.close_within_days);
    for (i, o) in cx.model.objectives.iter().enumerate() {
        let Some(period) = o.period.map(|p| cx.model.period(p)) else { continue };
        let since = (cx.as_of - period.end).num_days();
        if o.close.is_some() || since <= within {
            continue;
        }
        out.push(
            cx.finding(
                &OBJECTIVE_NOT_CLOSED,
                Subject::Objective(Ix::new(i)),
                format!(
                    "“{}” belongs to {}, which ended on {}, {since} days ago, and nobody has recorded whether it was achieved",
                    o.title, period.title, period.end
                ),
                "close it: record the outcome, a final score and what was learnt, and where the work carries on",
            )
            .with_fix("add `[close]` with `outcome`, `score` and `learnings` to the objective's file"),
        );
    }
}

fn done_without_benefits(cx: &Cx<'_>, ix: Ix<Project>, out: &mut Vec<Finding>) {
    let p = cx.model.project(ix);
    if p.status == Status::Done && p.benefits.is_empty() {
        out.push(cx.finding(
            &DONE_WITHOUT_BENEFITS,
            Subject::Project(ix),
            format!("“{}” is done but lists no benefits, so nobody can check whether it paid off", p.title),
            "record the benefits it was approved for, with planned values and due dates",
        ));
    }
}

fn benefits(cx: &Cx<'_>, ix: Ix<Project>, out: &mut Vec<Finding>) {
    let p = cx.model.project(ix);
    if p.status == Status::Cancelled {
        return;
    }
    for b in &p.benefits {
        if let Some(due) = b.due
            && due < cx.as_of
            && b.reviewed.is_none()
        {
            out.push(
                cx.finding(
                    &BENEFIT_NOT_REVIEWED,
                    Subject::Project(ix),
                    format!(
                        "the benefit “{}” of “{}” was due on {due}, {} days ago, and has never been reviewed",
                        b.title,
                        p.title,
                        (cx.as_of - due).num_days()
                    ),
                    "measure the benefit, then record what was realised and when it was reviewed",
                )
                .with_fix("record the benefit's `realised` value and its `reviewed` date")
                .with_related(b.location.clone(), "this benefit"),
            );
        }
        if let (Some(planned), Some(realised)) = (b.planned, b.realised)
            && realised < planned
            && planned > 0.0
        {
            let unit = b.metric.as_deref().map(|m| format!(" ({m})")).unwrap_or_default();
            out.push(
                cx.finding(
                    &BENEFIT_SHORTFALL,
                    Subject::Project(ix),
                    format!(
                        "“{}” of “{}” realised {} against {} planned{unit}: a shortfall of {} ({})",
                        b.title,
                        p.title,
                        number(realised),
                        number(planned),
                        number(planned - realised),
                        percent((planned - realised) / planned)
                    ),
                    "record why it fell short and what that means for similar projects",
                )
                .with_related(b.location.clone(), "this benefit"),
            );
        }
    }
}

/// Who a practice finding is about: "active projects" that "have not
/// reported their status", and what to do.
struct Silence {
    things: &'static str,
    silent: &'static str,
    action: &'static str,
}

const SILENT_PROJECTS: Silence = Silence {
    things: "active projects",
    silent: "have not reported their status",
    action: "make a status report part of every check-in for every active project, starting with those with most at stake",
};

const SILENT_OBJECTIVES: Silence = Silence {
    things: "current objectives",
    silent: "have key results nobody has reported",
    action: "make the latest value of every key result part of every check-in, starting with the objectives with most at stake",
};

/// One finding about the check-in practice when most of what could report
/// is silent, else the finding on each.
fn practice_or_each(cx: &Cx<'_>, silent: Vec<Finding>, of: usize, days: i64, what: &Silence) -> Vec<Finding> {
    if !super::is_practice(silent.len(), of) {
        return silent;
    }
    let mut practice = cx.finding(
        &STALE_CHECKIN,
        Subject::Organisation,
        format!("{} of {of} {} {} for more than {days} days", silent.len(), what.things, what.silent),
        what.action,
    );
    for f in silent.iter().take(10) {
        practice = practice.with_related(f.location.clone(), "not reported");
    }
    vec![practice.with_parts(silent)]
}

fn stale(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    // A site that does not use check-ins is not stale; it is silent.
    if cx.model.checkins.is_empty() {
        return;
    }
    // The rhythm, where it is set, says how often check-ins happen.
    let organisation = &cx.model.organisation;
    let days =
        organisation.rhythm.checkins.map_or(i64::from(organisation.limits.stale_checkin_days), |c| c.allowed_days());
    let first_checkin = cx.model.checkins[0].date;
    let mut silent = Vec::new();
    let mut active = 0;
    for ix in cx.model.project_ixs() {
        let p = cx.model.project(ix);
        if p.status != Status::Active {
            continue;
        }
        active += 1;
        let since = p.rag_history.last().map(|h| h.date);
        // Work that started recently has not had the chance to report.
        let started = p.start.unwrap_or(first_checkin).max(first_checkin);
        let quiet_since = since.unwrap_or(started);
        let quiet = (cx.as_of - quiet_since).num_days();
        if quiet > days {
            let message = match since {
                Some(d) => format!("“{}” last reported its status on {d}, {quiet} days ago", p.title),
                None => format!("“{}” has not reported its status in any check-in", p.title),
            };
            silent.push(cx.finding(
                &STALE_CHECKIN,
                Subject::Project(ix),
                message,
                "add the project to the next check-in",
            ));
        }
    }
    out.extend(practice_or_each(cx, silent, active, days, &SILENT_PROJECTS));
    let (mut measurable, mut silent) = (0, Vec::new());
    for ix in cx.model.objective_ixs() {
        let a = cx.analysis.objective(ix);
        if a.timing != Timing::Current {
            continue;
        }
        let o = cx.model.objective(ix);
        let period_start = o.period.map(|p| cx.model.period(p).start).unwrap_or(first_checkin).max(first_checkin);
        let mut measured_here = false;
        let stale: Vec<String> = o
            .key_results
            .iter()
            // A key result that cannot be measured is reported as such, not as stale.
            .filter(|kr| kr.start.is_some() && kr.target.is_some())
            .inspect(|_| measured_here = true)
            .filter(|kr| {
                let last = kr.history.last().map_or(period_start, |h| h.date);
                (cx.as_of - last).num_days() > days
            })
            .map(|kr| format!("“{}”", kr.title))
            .collect();
        measurable += usize::from(measured_here);
        if !stale.is_empty() {
            silent.push(cx.finding(
                &STALE_CHECKIN,
                Subject::Objective(ix),
                format!(
                    "{} of “{}” {} had no check-in for more than {days} days",
                    stale.join(", "),
                    o.title,
                    if stale.len() == 1 { "has" } else { "have" }
                ),
                "report the latest values in the next check-in",
            ));
        }
    }
    out.extend(practice_or_each(cx, silent, measurable, days, &SILENT_OBJECTIVES));
}
