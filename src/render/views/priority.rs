//! A priority's page.

use super::*;

/// `priorities/<id>.html`.
#[derive(Debug, Clone, Serialize)]
pub struct PriorityView {
    /// The card.
    pub priority: PriorityCard,
    /// Every current objective serving it, in cascade order.
    pub objectives: Vec<ObjectiveRow>,
    /// Objectives not listed (a page lists at most [`SHOWN`]).
    pub objectives_more: usize,
    /// Open projects serving it.
    pub projects: Vec<ProjectRow>,
    /// Projects not listed (a page lists at most [`SHOWN`]).
    pub projects_more: usize,
    /// The projects list filtered to these projects.
    pub projects_all: String,
    /// Findings about it.
    pub findings: Vec<FindingView>,
    /// Body HTML.
    pub body: String,
    /// Where it is defined.
    pub source: String,
}

impl PriorityView {
    pub(crate) fn new(cx: &Context<'_>, ix: Ix<Priority>) -> Self {
        let p = cx.model.priority(ix);
        let a = cx.analysis.priority(ix);
        let roots: Vec<Ix<Objective>> = a
            .objectives
            .iter()
            .copied()
            .filter(|o| cx.model.objective(*o).link == Some(ObjectiveLink::Priority(ix)))
            .collect();
        let current = |o: Ix<Objective>| a.objectives.contains(&o);
        let mut projects = a.projects.clone();
        projects.sort_by(|x, y| {
            let b = |p: &Ix<Project>| cx.model.project(*p).budget.unwrap_or(0.0);
            b(y).total_cmp(&b(x)).then_with(|| x.cmp(y))
        });
        let (objectives, objectives_more) = first_shown(cx.cascade_order(roots, &current));
        let (projects, projects_more) = first_shown(projects);
        PriorityView {
            priority: PriorityCard::new(cx, ix),
            objectives: objectives.into_iter().map(|o| ObjectiveRow::new(cx, o)).collect(),
            objectives_more,
            projects: projects.into_iter().map(|p| ProjectRow::new(cx, p)).collect(),
            projects_more,
            projects_all: projects_filtered("priority", &p.title),
            findings: FindingView::about(cx, Subject::Priority(ix)),
            body: p.body.html.clone(),
            source: cx.source(&p.location),
        }
    }
}
