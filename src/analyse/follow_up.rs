//! Follow-up: what reviews decided and asked for, and whether it happened.
//!
//! Reviews are an operating rhythm; the feedback gap is that nobody looks
//! back. Each decision and action carries an owner, a due date and a
//! status, and these rules read them against the calendar and against the
//! next review of the same kind.

use super::rules::*;
use super::{Cx, Finding, Owner, Role, Subject};
use crate::model::{Decision, FollowUp, Ix, Objective, Project, ReviewKind};

pub(super) fn check(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    rhythm(cx, out);
    let reviews = &cx.model.reviews;
    for (i, review) in reviews.iter().enumerate() {
        let next =
            cx.model.next_of_kind(i).map(|j| (j, &reviews[j])).filter(|(_, r)| r.date.is_some_and(|d| d <= cx.as_of));
        for action in &review.actions {
            if action.status != FollowUp::Open {
                continue;
            }
            let about = subject(i, action.project, action.objective);
            if let Some(due) = action.due.filter(|due| *due < cx.as_of) {
                let late = (cx.as_of - due).num_days();
                let mut f = cx
                    .finding(
                        &ACTION_OVERDUE,
                        about,
                        format!(
                            "“{}”, set at “{}”{}, was due on {due} and is still open, {late} day{} late",
                            action.title,
                            review.title,
                            for_whom(&action.owner),
                            if late == 1 { "" } else { "s" }
                        ),
                        "ask for it to be done now, or agree a new date or drop it openly at the next review",
                    )
                    .with_fix("set the action's `status` to \"done\" or \"dropped\", or give it a new `due` date");
                f.location = action.location.clone();
                out.push(owned_by(f, &action.owner));
            }
            if let Some((_, later)) = next {
                let mut f = cx
                    .finding(
                        &DECISION_STALLED,
                        about,
                        format!(
                            "The action “{}”, set at “{}”, was still open when “{}” met",
                            action.title, review.title, later.title
                        ),
                        "report what happened to it at the next review, and close it or set a date the board accepts",
                    )
                    .with_fix("set the action's `status` to \"done\" or \"dropped\" once it is settled");
                f.location = action.location.clone();
                out.push(owned_by(f, &action.owner));
            }
        }
        let Some((j, later)) = next else { continue };
        for decision in review.decisions.iter().filter(|d| d.status == FollowUp::Open) {
            // A later review deciding on the same project takes it, unless
            // it defers it again.
            let taken_later = decision.project.and_then(|p| {
                reviews[j..]
                    .iter()
                    .filter(|r| r.kind == review.kind && r.date.is_some_and(|d| d <= cx.as_of))
                    .find_map(|r| r.decisions.iter().find(|d| d.project == Some(p)).map(|d| (r, d)))
            });
            let about = subject(i, decision.project, decision.objective);
            let what = decision
                .title
                .clone()
                .or_else(|| decision.project.map(|p| format!("the decision on “{}”", cx.model.project(p).title)))
                .unwrap_or_default();
            let message = match taken_later {
                Some((_, d)) if d.decision != Decision::Defer => continue,
                Some((r, _)) => {
                    format!(
                        "{} was deferred at “{}” and again at “{}”",
                        crate::format::capitalised(&what),
                        review.title,
                        r.title
                    )
                }
                None => format!(
                    "{} was left open at “{}” and not taken when “{}” met",
                    crate::format::capitalised(&what),
                    review.title,
                    later.title
                ),
            };
            let mut f = cx
                .finding(
                    &DECISION_STALLED,
                    about,
                    message,
                    "take the decision at the next review, or say what it waits for",
                )
                .with_fix(
                    "record the decision taken in the later review's `[[decisions]]`, or set this one's `status`",
                );
            f.location = decision.location.clone();
            out.push(owned_by(f, &decision.owner));
        }
    }
}

/// Reviews of each kind `[rhythm]` sets, against their cadence.
fn rhythm(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let rhythm = &cx.model.organisation.rhythm;
    for kind in [ReviewKind::Portfolio, ReviewKind::Strategy] {
        let Some(cadence) = rhythm.of(kind) else { continue };
        let last = cx.model.last_of_kind(kind, cx.as_of).map(|i| (i, &cx.model.reviews[i]));
        let mut f = match last {
            Some((i, r)) => {
                let date = r.date.unwrap_or(cx.as_of);
                let age = (cx.as_of - date).num_days();
                if age <= cadence.allowed_days() {
                    continue;
                }
                cx.finding(
                    &REVIEW_OVERDUE,
                    Subject::Review(Ix::new(i)),
                    format!(
                        "The last {} review, “{}”, met on {date}, {age} days ago; the rhythm is {}",
                        kind.as_str(),
                        r.title,
                        cadence.as_str()
                    ),
                    "hold the next review, or agree the rhythm the organisation can keep",
                )
            }
            None => cx.finding(
                &REVIEW_OVERDUE,
                Subject::Organisation,
                format!("No {} review is on record, though the rhythm is {}", kind.as_str(), cadence.as_str()),
                "hold the first review and record it, or agree the rhythm the organisation can keep",
            ),
        };
        if let Some(location) = rhythm.location_of(kind)
            && last.is_none()
        {
            f.location = location.clone();
        }
        out.push(f.with_fix(format!(
            "add the review under `content/reviews/` with `kind = \"{}\"`, or change `{}_review` under `[rhythm]`",
            kind.as_str(),
            kind.as_str()
        )));
    }
}

/// What a decision or action is about: its project, else its objective,
/// else the review that set it.
fn subject(review: usize, project: Option<Ix<Project>>, objective: Option<Ix<Objective>>) -> Subject {
    project.map(Subject::Project).or(objective.map(Subject::Objective)).unwrap_or(Subject::Review(Ix::new(review)))
}

fn for_whom(owner: &Option<String>) -> String {
    owner.as_ref().map(|o| format!(" for {o}")).unwrap_or_default()
}

/// The person given the action answers for it; else the subject's owner.
fn owned_by(f: Finding, owner: &Option<String>) -> Finding {
    match owner {
        Some(name) => f.with_owner(Owner { name: Some(name.clone()), role: Role::ActionOwner }),
        None => f,
    }
}
