//! A team's page.

use super::*;

/// `teams/<id>.html`.
#[derive(Debug, Clone, Serialize)]
pub struct TeamView {
    /// The row.
    pub team: TeamRow,
    /// Parent team.
    pub parent: Option<Link>,
    /// Sub-teams.
    pub children: Vec<Link>,
    /// Current objectives.
    pub objectives: Vec<ObjectiveRow>,
    /// Objectives not listed (a page lists at most [`SHOWN`]).
    pub objectives_more: usize,
    /// Open projects.
    pub projects: Vec<ProjectRow>,
    /// Projects not listed (a page lists at most [`SHOWN`]).
    pub projects_more: usize,
    /// The projects list filtered to these projects.
    pub projects_all: String,
    /// Findings about it.
    pub findings: Vec<FindingView>,
    /// Where it is defined.
    pub source: String,
}

impl TeamView {
    pub(crate) fn new(cx: &Context<'_>, ix: Ix<Team>) -> Self {
        let t = cx.model.team(ix);
        let a = cx.analysis.team(ix);
        TeamView {
            team: TeamRow::new(cx, ix),
            parent: t.parent.map(|p| cx.team_link(p)),
            children: cx
                .model
                .team_ixs()
                .filter(|c| cx.model.team(*c).parent == Some(ix))
                .map(|c| cx.team_link(c))
                .collect(),
            objectives: a.objectives.iter().take(SHOWN).map(|o| ObjectiveRow::new(cx, *o)).collect(),
            objectives_more: a.objectives.len().saturating_sub(SHOWN),
            projects: a.projects.iter().take(SHOWN).map(|p| ProjectRow::new(cx, *p)).collect(),
            projects_more: a.projects.len().saturating_sub(SHOWN),
            projects_all: projects_filtered("team", &t.title),
            findings: FindingView::about(cx, Subject::Team(ix)),
            source: cx.source(&t.location),
        }
    }
}

/// Teams, then the team's parents from the top.
pub(crate) fn team_crumbs(cx: &Context<'_>, ix: Ix<Team>) -> Vec<Link> {
    let t = cx.model.team(ix);
    let mut crumbs = vec![cx.home_crumb(), Link { title: "Teams".into(), url: "teams/index.html".into() }];
    let mut ancestors = Vec::new();
    let mut current = t.parent;
    while let Some(p) = current {
        if ancestors.contains(&p) {
            break;
        }
        ancestors.push(p);
        current = cx.model.team(p).parent;
    }
    crumbs.extend(ancestors.into_iter().rev().map(|p| cx.team_link(p)));
    crumbs
}
