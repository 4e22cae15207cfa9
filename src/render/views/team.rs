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
    /// Open projects.
    pub projects: Vec<ProjectRow>,
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
            objectives: a.objectives.iter().map(|o| ObjectiveRow::new(cx, *o)).collect(),
            projects: a.projects.iter().map(|p| ProjectRow::new(cx, *p)).collect(),
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
