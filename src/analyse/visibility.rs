//! Visibility gap: work nobody sees as a whole.

use super::graph::{self, Dependency};
use super::rules::*;
use super::similarity::likely_duplicates;
use super::{Cx, Finding, Misalignment, Subject};
use crate::format::{and_list, number, percent};
use crate::model::{Ix, Milestone, Programme, Project, Status};

pub(super) fn check(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    unaligned(cx, out);
    unsupported(cx, out);
    duplicates(cx, out);
    blocked_dependencies(cx, out);
    cycles(cx, out);
    late_dependencies(cx, out);
    over_capacity(cx, out);
    overdue(cx, out);
    missed_milestones(cx, out);
    programmes(cx, out);
    resource_drift(cx, out);
}

/// A priority whose share of open spend or FTE has drifted from the share
/// it was meant to get, by more than `drift_tolerance` points either way.
fn resource_drift(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let tolerance = cx.model.organisation.limits.drift_tolerance;
    for ix in cx.model.priority_ixs() {
        let p = cx.model.priority(ix);
        let a = &cx.analysis.priorities[ix.index()];
        let Some(weight) = p.weight else { continue };
        let drift = |share: Option<f64>| share.map(|s| s * 100.0 - weight).filter(|d| d.abs() > tolerance);
        let (budget, fte) = (drift(a.budget_share), drift(a.fte_share));
        // The larger of the two drifts leads the sentence.
        let lead = match (budget, fte) {
            (Some(b), Some(f)) if f.abs() > b.abs() => "people",
            (None, Some(_)) => "people",
            (Some(_), _) => "money",
            (None, None) => continue,
        };
        let points = |d: f64| format!("{:.0} points {}", d.abs(), if d < 0.0 { "short" } else { "over" });
        let shares = format!(
            "{} of open spend and {} of open FTE",
            a.budget_share.map_or_else(|| "none".to_string(), crate::format::percent),
            a.fte_share.map_or_else(|| "none".to_string(), crate::format::percent),
        );
        let by = match lead {
            "people" => points(fte.unwrap_or_default()),
            _ => points(budget.unwrap_or_default()),
        };
        out.push(cx.finding(
            &RESOURCE_DRIFT,
            Subject::Priority(ix),
            format!(
                "“{}” is meant to get {}% of the investment but has {shares}: {by} in {lead}",
                p.title,
                crate::format::number(weight)
            ),
            if budget.or(fte).is_some_and(|d| d < 0.0) {
                "move money and people to it from work that serves other priorities, or lower its intended share if the strategy has changed"
            } else {
                "stop or shrink some of its work to free money and people for the priorities short of their share, or raise its intended share if the strategy has changed"
            },
        ));
    }
}

fn unaligned(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    for ix in &cx.analysis.unaligned {
        let p = cx.model.project(*ix);
        let (message, action) = match cx.analysis.project(*ix).misalignment {
            Some(Misalignment::OnlyPastObjectives) => (
                format!("“{}” is still {} but only serves objectives of past periods", p.title, p.status.as_str()),
                "link it to a current objective, or propose it for closure",
            ),
            _ => (
                format!("“{}” is {} but contributes to no objective", p.title, p.status.as_str()),
                "link it to the objective it serves, or make it a candidate for deferral or cancellation",
            ),
        };
        out.push(cx.finding(&UNALIGNED_PROJECT, Subject::Project(*ix), message, action));
    }
}

fn unsupported(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    for ix in &cx.analysis.unsupported {
        let o = cx.model.objective(*ix);
        out.push(cx.finding(
            &UNSUPPORTED_OBJECTIVE,
            Subject::Objective(*ix),
            format!("no open project moves the objective “{}”", o.title),
            "link the projects that serve it, start one, or drop the objective",
        ));
    }
}

fn duplicates(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let open: Vec<Ix<Project>> = cx.model.project_ixs().filter(|p| cx.model.project(*p).status.is_open()).collect();
    for pair in likely_duplicates(cx.model, &open) {
        let (a, b) = (cx.model.project(pair.first), cx.model.project(pair.second));
        let common: Vec<String> = a
            .contributions
            .iter()
            .filter(|c| b.contributions.iter().any(|d| d.objective == c.objective))
            .map(|c| format!("“{}”", cx.model.objective(c.objective).title))
            .collect();
        let team = |p: &Project| p.team.map_or_else(|| "no team".to_string(), |t| cx.model.team(t).title.clone());
        let message = format!(
            "“{}” ({}) and “{}” ({}) look like the same work: both serve {}, their titles share “{}” and their descriptions are {} alike",
            a.title,
            team(a),
            b.title,
            team(b),
            common.join(" and "),
            pair.shared_words.join("”, “"),
            percent(pair.body_similarity)
        );
        out.push(
            cx.finding(
                &DUPLICATE_PROJECTS,
                Subject::Project(pair.second),
                message,
                "compare the two and merge them, or record in each why both are needed",
            )
            .with_related(a.location.clone(), "looks like this project"),
        );
    }
}

fn blocked_dependencies(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    for ix in cx.model.project_ixs() {
        let p = cx.model.project(ix);
        if !matches!(p.status, Status::Active | Status::Proposed) || cx.analysis.project(ix).stopping {
            continue;
        }
        for dep in &p.depends_on {
            if cx.analysis.dependency(cx.model, *dep, ix) != Dependency::Blocked {
                continue;
            }
            let d = cx.model.project(*dep);
            let state = match d.status {
                Status::Cancelled => "cancelled",
                Status::Paused => "paused",
                _ => "proposed for stopping",
            };
            out.push(
                cx.finding(
                    &BLOCKED_DEPENDENCY,
                    Subject::Project(ix),
                    format!("“{}” depends on “{}”, which is {state}", p.title, d.title),
                    "re-plan it without that dependency, restart the dependency, or stop this project too",
                )
                .with_related(d.location.clone(), format!("{state} here")),
            );
        }
    }
}

fn cycles(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    for cycle in cx.analysis.dependency_loops.iter().map(|l| &l.path) {
        let names: Vec<String> = cycle.iter().map(|p| format!("“{}”", cx.model.project(*p).title)).collect();
        let first = cycle[0];
        let mut f = cx
            .finding(
                &DEPENDENCY_CYCLE,
                Subject::Project(first),
                format!("these projects wait for each other in a loop: {} → {}", names.join(" → "), names[0]),
                "decide which project really comes first, and drop the other's dependency on it",
            )
            .with_fix("remove the project that comes first from the other's `depends_on`");
        for p in &cycle[1..] {
            f = f.with_related(cx.model.project(*p).location.clone(), "part of the loop");
        }
        out.push(f);
    }
}

fn late_dependencies(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    for ix in cx.model.project_ixs() {
        let p = cx.model.project(ix);
        let Some(end) = p.end else { continue };
        if !matches!(p.status, Status::Active | Status::Proposed) {
            continue;
        }
        for dep in &p.depends_on {
            let d = cx.model.project(*dep);
            if let Some(dep_end) = d.end
                && graph::finishes_late(cx.model, *dep, ix)
            {
                out.push(
                    cx.finding(
                        &LATE_DEPENDENCY,
                        Subject::Project(ix),
                        format!(
                            "“{}” is due {end} but depends on “{}”, due {dep_end}, {} days later",
                            p.title,
                            d.title,
                            (dep_end - end).num_days()
                        ),
                        "bring the dependency forward, or move this project's end date",
                    )
                    .with_related(d.location.clone(), format!("due {dep_end}")),
                );
            }
        }
    }
}

fn over_capacity(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    for ix in cx.model.team_ixs() {
        let t = cx.model.team(ix);
        let load = cx.analysis.teams[ix.index()].load_fte;
        if let Some(capacity) = t.capacity_fte
            && load > capacity
        {
            let share = if capacity > 0.0 { format!(" ({})", percent(load / capacity)) } else { String::new() };
            out.push(cx.finding(
                &TEAM_OVER_CAPACITY,
                Subject::Team(ix),
                format!(
                    "{}'s active projects need {} FTE against a capacity of {} FTE{share}",
                    t.title,
                    number(load),
                    number(capacity)
                ),
                "pause or defer the team's lowest-ranked work, or add capacity",
            ));
        }
    }
}

fn overdue(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    for ix in cx.model.project_ixs() {
        let p = cx.model.project(ix);
        if let Some(end) = p.end
            && end < cx.as_of
            && p.status.is_open()
        {
            out.push(cx.finding(
                &PROJECT_OVERDUE,
                Subject::Project(ix),
                format!(
                    "“{}” was due to finish on {end}, {} days ago, and is still {}",
                    p.title,
                    (cx.as_of - end).num_days(),
                    p.status.as_str()
                ),
                "agree a new end date with the sponsor, close the project, or escalate it",
            ));
        }
    }
}

fn missed_milestones(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    for ix in cx.model.project_ixs() {
        let p = cx.model.project(ix);
        if !p.status.is_open() {
            continue;
        }
        let missed: Vec<&Milestone> = p.milestones.iter().filter(|m| m.missed(cx.as_of)).collect();
        let Some(first) = missed.first() else { continue };
        let named: Vec<String> = missed
            .iter()
            .filter_map(|m| Some(format!("“{}” (due {})", m.title, m.date?.format("%-d %b %Y"))))
            .collect();
        let message = match named.len() {
            1 => format!("“{}” has missed a milestone: {}", p.title, named[0]),
            n => format!("“{}” has missed {n} milestones: {}", p.title, and_list(&named)),
        };
        let mut finding = cx.finding(
            &MILESTONE_MISSED,
            Subject::Project(ix),
            message,
            "record the date it was reached, or agree a new date and what it does to the end date",
        );
        finding.location = first.location.clone();
        out.push(finding);
    }
}

/// Programmes none of whose open work serves current strategy, and
/// projects that serve other objectives than their programme's.
fn programmes(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let m = cx.model;
    for (i, g) in m.programmes.iter().enumerate() {
        let ix: Ix<Programme> = Ix::new(i);
        let open: Vec<Ix<Project>> = g.projects.iter().copied().filter(|p| m.project(*p).status.is_open()).collect();
        if g.status.is_open() && !open.is_empty() && open.iter().all(|p| cx.analysis.unaligned.contains(p)) {
            let message = match open.len() {
                1 => format!("The programme “{}” has one open project, and it serves no current objective", g.title),
                n => format!("None of the {n} open projects of the programme “{}” serves a current objective", g.title),
            };
            out.push(cx.finding(
                &PROGRAMME_UNALIGNED,
                Subject::Programme(ix),
                message,
                "name the current objectives the programme serves, or propose it for closure",
            ));
        }
        if g.contributions.is_empty() {
            continue;
        }
        // The programme's objectives and everything above and below them.
        let related = |o: Ix<crate::model::Objective>| {
            g.contributions.iter().any(|c| m.cascade(o).contains(&c.objective) || m.cascade(c.objective).contains(&o))
        };
        for &p in &open {
            let project = m.project(p);
            // Unaligned work is reported as such already.
            if project.serves_programme || project.contributions.is_empty() || cx.analysis.unaligned.contains(&p) {
                continue;
            }
            if !project.contributions.iter().any(|c| related(c.objective)) {
                let theirs: Vec<String> =
                    project.contributions.iter().map(|c| format!("“{}”", m.objective(c.objective).title)).collect();
                out.push(cx.finding(
                    &OFF_PROGRAMME,
                    Subject::Project(p),
                    format!(
                        "“{}” is part of the programme “{}” but serves {}, none of the programme's objectives",
                        project.title,
                        g.title,
                        and_list(&theirs)
                    ),
                    "move it to the programme whose objectives it serves, or agree that the programme serves them too",
                ));
            }
        }
    }
}
