//! Governance: status that hides the truth, and work that never stops.

use super::rules::*;
use super::{Cx, Finding, Subject, Timing};
use crate::format::{money, percent};
use crate::model::{ChangeStatus, Decision, Ix, Objective, Project, Rag, Status};

/// Spending may run this far (as a share of budget) ahead of the share of
/// the schedule elapsed before it counts as burning ahead of progress.
pub const BURN_SLACK: f64 = 0.25;

pub(super) fn check(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    for ix in cx.model.objective_ixs() {
        overconfident(cx, ix, out);
    }
    for ix in cx.model.project_ixs() {
        watermelon(cx, ix, out);
        budget(cx, ix, out);
        hypothesis(cx, ix, out);
        changes(cx, ix, out);
    }
    reviews(cx, out);
}

/// Measured progress and expectation of what a project serves: the key
/// results it names, else its objectives; current objectives only.
pub(crate) fn measured(cx: &Cx<'_>, ix: Ix<Project>) -> Option<(f64, f64)> {
    let mut pairs = Vec::new();
    for c in &cx.model.project(ix).contributions {
        let a = cx.analysis.objective(c.objective);
        if a.timing != Timing::Current {
            continue;
        }
        let pair = match c.key_result {
            Some(k) => a.key_results.get(k).and_then(|kr| kr.progress.zip(kr.expected)),
            None => a.progress.zip(a.expected),
        };
        pairs.extend(pair);
    }
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    Some((pairs.iter().map(|p| p.0).sum::<f64>() / n, pairs.iter().map(|p| p.1).sum::<f64>() / n))
}

/// Work the portfolio proposes to stop that the latest review deciding on it
/// kept going. Runs once the portfolio is ranked, which needs the other
/// findings.
pub(super) fn kept_against_evidence(cx: &Cx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for ranked in &cx.analysis.portfolio.ranked {
        if ranked.proposal != super::Proposal::Stop || ranked.decided != Some(Decision::Continue) {
            continue;
        }
        let ix = ranked.project;
        let p = cx.model.project(ix);
        // The latest review that decided on it.
        let Some((review, decision)) = cx
            .model
            .reviews
            .iter()
            .filter_map(|r| r.decisions.iter().find(|d| d.project == Some(ix)).map(|d| (r, d)))
            .max_by_key(|(r, _)| r.date)
        else {
            continue;
        };
        let sponsor = match &p.sponsor {
            Some(s) => format!("; its sponsor is {s}"),
            None => "; it names no sponsor".to_string(),
        };
        let reason = match &decision.rationale {
            Some(r) => format!(". The reason recorded: “{}”", r.trim().trim_end_matches('.')),
            None => ". No reason was recorded".to_string(),
        };
        let mut f = cx
            .finding(
                &KEPT_AGAINST_EVIDENCE,
                Subject::Project(ix),
                format!(
                    "“{}” was {} at “{}” although the analysis proposes to stop it ({}){sponsor}{reason}",
                    p.title,
                    if p.status == Status::Proposed { "approved to start" } else { "kept going" },
                    review.title,
                    ranked.reason
                ),
                "agree what evidence would end it and revisit it at the next review, or stop it",
            )
            .with_related(review.location.clone(), "decided here");
        if let Some(sponsor) = &p.sponsor {
            f = f.with_owner(super::Owner { name: Some(sponsor.clone()), role: super::Role::Sponsor });
        }
        out.push(f);
    }
    out
}

/// Confidence of this much or more is a claim that the target will be met.
pub const CONFIDENT: f64 = 0.7;

/// A current key result reported confidently while it trails the calendar.
fn overconfident(cx: &Cx<'_>, ix: Ix<Objective>, out: &mut Vec<Finding>) {
    let a = cx.analysis.objective(ix);
    if a.timing != Timing::Current {
        return;
    }
    let o = cx.model.objective(ix);
    let tolerance = cx.model.organisation.limits.confidence_tolerance;
    for (kr, ka) in o.key_results.iter().zip(&a.key_results) {
        let (Some(confidence), Some(progress), Some(expected)) = (kr.confidence, ka.progress, ka.expected) else {
            continue;
        };
        if confidence >= CONFIDENT && expected - progress > tolerance {
            out.push(
                cx.finding(
                    &OVERCONFIDENT_KEY_RESULT,
                    Subject::Objective(ix),
                    format!(
                        "the key result “{}” of “{}” is reported with {} confidence, but it is {} of the way to target when {} was expected by now",
                        kr.title,
                        o.title,
                        percent(confidence),
                        percent(progress),
                        percent(expected)
                    ),
                    "ask the owner what has to be true to reach the target, then lower the confidence or change the plan",
                )
                .with_related(kr.location.clone(), "this key result"),
            );
        }
    }
}

fn watermelon(cx: &Cx<'_>, ix: Ix<Project>, out: &mut Vec<Finding>) {
    let p = cx.model.project(ix);
    if p.status != Status::Active || !p.rag.is_some_and(Rag::is_good) {
        return;
    }
    let tolerance = cx.model.organisation.limits.watermelon_tolerance;
    if let Some((progress, expected)) = measured(cx, ix)
        && expected - progress > tolerance
    {
        out.push(cx.finding(&WATERMELON, Subject::Project(ix),
            format!(
                "“{}” reports {}, but the key results it serves are {} of the way to target when {} was expected by now",
                p.title,
                p.rag.map_or("green", Rag::label),
                percent(progress),
                percent(expected)
            ),
            "re-rate the project honestly, or explain in the next check-in how the outcomes will catch up",
        ));
    }
}

fn budget(cx: &Cx<'_>, ix: Ix<Project>, out: &mut Vec<Finding>) {
    let p = cx.model.project(ix);
    let (Some(budget), Some(spent)) = (p.budget, p.spent) else {
        return;
    };
    if p.status == Status::Cancelled || budget <= 0.0 {
        return;
    }
    let currency = &cx.model.organisation.currency;
    if spent > budget {
        out.push(cx.finding(
            &OVER_BUDGET,
            Subject::Project(ix),
            format!(
                "“{}” has spent {} against a budget of {}: {} over ({})",
                p.title,
                money(spent, currency),
                money(budget, currency),
                money(spent - budget, currency),
                percent(spent / budget - 1.0)
            ),
            "ask the sponsor to re-approve the budget, cut the scope, or stop",
        ));
        return;
    }
    if p.status != Status::Active {
        return;
    }
    if let (Some(start), Some(end)) = (p.start, p.end) {
        let total = (end - start).num_days().max(1) as f64;
        let elapsed = ((cx.as_of - start).num_days() as f64 / total).clamp(0.0, 1.0);
        let burn = spent / budget;
        if burn - elapsed > BURN_SLACK {
            out.push(cx.finding(
                &OVER_BUDGET,
                Subject::Project(ix),
                format!(
                    "“{}” has spent {} of its budget with {} of its schedule gone",
                    p.title,
                    percent(burn),
                    percent(elapsed)
                ),
                "check the forecast with the project before the money runs out",
            ));
        }
    }
}

fn hypothesis(cx: &Cx<'_>, ix: Ix<Project>, out: &mut Vec<Finding>) {
    let p = cx.model.project(ix);
    if !matches!(p.status, Status::Active | Status::Proposed) {
        return;
    }
    let missing: Vec<&str> =
        p.hypothesis.answers().iter().filter(|(_, _, a)| a.is_none()).map(|(_, label, _)| *label).collect();
    if missing.is_empty() {
        return;
    }
    let message = if missing.len() == 7 {
        format!("“{}” has no execution hypothesis: none of the seven questions is answered", p.title)
    } else {
        format!(
            "“{}” leaves {} of seven hypothesis questions unanswered: {}",
            p.title,
            missing.len(),
            missing.join(", ").to_lowercase()
        )
    };
    out.push(
        cx.finding(
            &INCOMPLETE_HYPOTHESIS,
            Subject::Project(ix),
            message,
            "answer the missing questions of the project's case",
        )
        .with_fix("answer the missing questions under `[hypothesis]`"),
    );
}

fn reviews(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    for (i, review) in cx.model.reviews.iter().enumerate() {
        let started: Vec<String> = review
            .decisions
            .iter()
            .filter_map(|d| {
                let p = cx.model.project(d.project?);
                let starts =
                    d.decision == Decision::Start || (d.decision == Decision::Continue && p.status == Status::Proposed);
                starts.then(|| format!("“{}”", p.title))
            })
            .collect();
        let stops = review.decisions.iter().any(|d| d.decision == Decision::Stop);
        if !started.is_empty() && !stops {
            out.push(cx.finding(
                &REVIEW_WITHOUT_STOP,
                Subject::Review(Ix::new(i)),
                format!(
                    "“{}” starts {} but stops nothing: new work without a stop decision is just extra load",
                    review.title,
                    started.join(", ")
                ),
                "name what stops or shrinks to make room, and record it as a decision",
            ));
        }
    }
}

/// Change control: a baseline moved again and again (or grown far past the
/// original), and approved changes that add cost or delay for no objective.
fn changes(cx: &Cx<'_>, ix: Ix<Project>, out: &mut Vec<Finding>) {
    let p = cx.model.project(ix);
    if !p.status.is_open() || p.changes.is_empty() {
        return;
    }
    let baseline = p.baseline();
    let growth = match (p.budget, baseline.original_budget) {
        (Some(now), Some(original)) if original > 0.0 => Some((now - original) / original),
        _ => None,
    };
    let tolerance = cx.model.organisation.limits.rebaseline_tolerance;
    let grown = growth.is_some_and(|g| g > tolerance);
    if baseline.rebaselines > 1 || grown {
        let since = p.changes.iter().find(|c| c.rebaselines()).map(|c| c.date.format("%-d %b %Y").to_string());
        let times = match baseline.rebaselines {
            1 => "once".to_string(),
            2 => "twice".to_string(),
            n => format!("{n} times"),
        };
        let mut message = format!("“{}” has been re-baselined {times}", p.title);
        if let Some(since) = since {
            message.push_str(&format!(" since {since}"));
        }
        if let (Some(now), Some(original), Some(g)) = (p.budget, baseline.original_budget, growth) {
            message.push_str(&format!(
                ": its budget is {} against {} originally ({}{})",
                money(now, &cx.model.organisation.currency),
                money(original, &cx.model.organisation.currency),
                if g >= 0.0 { "+" } else { "−" },
                percent(g.abs())
            ));
        }
        if let (Some(end), Some(original)) = (p.end, baseline.original_end)
            && end > original
        {
            message.push_str(&format!(
                "{} its end has moved from {} to {}",
                if growth.is_some() { ", and" } else { ":" },
                original.format("%-d %b %Y"),
                end.format("%-d %b %Y")
            ));
        }
        out.push(cx.finding(
            &REBASELINED,
            Subject::Project(ix),
            message,
            "report it against the original baseline as well as the current one, and ask what each change bought",
        ));
    }
    for c in p.changes.iter().filter(|c| c.status == ChangeStatus::Approved && c.costs() && c.objective.is_none()) {
        let what = match (c.budget.filter(|b| *b > 0.0), c.end) {
            (Some(b), Some(e)) => format!(
                "adds {} and moves the end to {}",
                money(b, &cx.model.organisation.currency),
                e.format("%-d %b %Y")
            ),
            (Some(b), None) => format!("adds {}", money(b, &cx.model.organisation.currency)),
            (None, Some(e)) => format!("moves the end to {}", e.format("%-d %b %Y")),
            (None, None) => "adds cost".to_string(),
        };
        let mut finding = cx
            .finding(
                &CHANGE_NOT_ASSESSED,
                Subject::Project(ix),
                format!(
                    "The change “{}” to “{}”, approved {}, {what} and names no objective it strengthens",
                    c.title,
                    p.title,
                    c.date.format("%-d %b %Y")
                ),
                "name the objective the change strengthens, or reconsider the change",
            )
            .with_fix("give the change the `objective` it strengthens, or reconsider the change");
        finding.location = c.location.clone();
        out.push(finding);
    }
}
