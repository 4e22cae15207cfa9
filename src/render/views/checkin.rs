//! Check-ins: the list and a page for each.

use super::*;

/// A check-in in brief.
#[derive(Debug, Clone, Serialize)]
pub struct CheckinSummary {
    /// Its date.
    pub date: String,
    /// Its author.
    pub author: Option<String>,
    /// Key results updated.
    pub key_results: usize,
    /// Projects updated.
    pub projects: usize,
    /// Projects whose reported status changed in it (on the check-ins
    /// page, the first few).
    pub changes: Vec<ProjectUpdateView>,
    /// Changed statuses not in `changes`.
    pub changes_more: usize,
    /// Its id (file name), also its anchor on the check-ins page.
    pub id: String,
    /// Its own page.
    pub url: String,
}

/// One check-in on the check-ins timeline.
#[derive(Debug, Clone, Serialize)]
pub struct CheckinView {
    /// Id (file stem), used as the anchor.
    pub id: String,
    /// Date.
    pub date: String,
    /// Author.
    pub author: Option<String>,
    /// Key-result values reported.
    pub key_results: Vec<KeyResultUpdateView>,
    /// Project statuses reported.
    pub projects: Vec<ProjectUpdateView>,
    /// Projects whose status changed.
    pub changes: usize,
    /// How many key-result updates it reported.
    pub key_results_count: usize,
    /// How many project updates it reported.
    pub projects_count: usize,
    /// Key-result updates not listed (a page lists at most [`CHECKIN_ROWS`]).
    pub key_results_more: usize,
    /// Project updates not listed (changed statuses are listed first).
    pub projects_more: usize,
    /// Where it is defined.
    pub source: String,
    /// The check-in before it.
    pub previous: Option<Link>,
    /// The check-in after it.
    pub next: Option<Link>,
}

/// A key-result value reported in a check-in.
#[derive(Debug, Clone, Serialize)]
pub struct KeyResultUpdateView {
    /// The objective.
    pub objective: Link,
    /// The key result's title.
    pub title: String,
    /// Value with unit.
    pub value: String,
    /// Confidence, whole percent.
    pub confidence: Option<u32>,
    /// Note.
    pub note: Option<String>,
}

/// A project status reported in a check-in.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectUpdateView {
    /// The project.
    pub project: Link,
    /// green, amber or red.
    pub rag: &'static str,
    /// The status reported before, if it changed.
    pub was: Option<&'static str>,
    /// Note.
    pub note: Option<String>,
}

impl CheckinSummary {
    /// Check-in `i` in a list: counts, and the statuses that changed (up
    /// to `limit`).
    pub(crate) fn new(cx: &Context<'_>, i: usize, limit: usize) -> CheckinSummary {
        let c = cx.model.checkin(i);
        let reported = cx.reported(i);
        let mut changes: Vec<ProjectUpdateView> = reported
            .projects
            .iter()
            .map(|&(p, h)| ProjectUpdateView::new(cx, p, h))
            .filter(|u| u.was.is_some())
            .collect();
        let changed = changes.len();
        changes.truncate(limit);
        CheckinSummary {
            date: c.date.to_string(),
            author: c.author.clone(),
            key_results: reported.key_results.len(),
            projects: reported.projects.len(),
            changes_more: changed - changes.len(),
            changes,
            id: c.id.clone(),
            url: checkin_url(c),
        }
    }
}

impl CheckinView {
    pub(crate) fn new(cx: &Context<'_>, i: usize) -> Self {
        let c = cx.model.checkin(i);
        let (mut key_results, mut projects) = updates(cx, i);
        let changes = projects.iter().filter(|p| p.was.is_some()).count();
        let (key_results_count, projects_count) = (key_results.len(), projects.len());
        // Changed statuses first; a check-in of thousands lists a few
        // hundred (each project's page has its whole history).
        projects.sort_by_key(|p| p.was.is_none());
        projects.truncate(CHECKIN_ROWS);
        key_results.truncate(CHECKIN_ROWS);
        let link = |c: &crate::model::Checkin| Link { title: c.date.to_string(), url: checkin_url(c) };
        CheckinView {
            id: c.id.clone(),
            date: c.date.to_string(),
            author: c.author.clone(),
            changes,
            key_results_more: key_results_count - key_results.len(),
            projects_more: projects_count - projects.len(),
            key_results_count,
            projects_count,
            key_results,
            projects,
            source: cx.source(&c.location),
            previous: i.checked_sub(1).map(|j| link(cx.model.checkin(j))),
            next: (i + 1 < cx.model.checkin_count()).then(|| link(cx.model.checkin(i + 1))),
        }
    }
}

impl ProjectUpdateView {
    pub(crate) fn new(cx: &Context<'_>, p: Ix<Project>, h: usize) -> ProjectUpdateView {
        let history = &cx.model.project(p).rag_history;
        let entry = &history[h];
        let before = h.checked_sub(1).map(|k| history[k].rag);
        ProjectUpdateView {
            project: cx.project_link(p),
            rag: entry.rag.as_str(),
            was: before.filter(|b| *b != entry.rag).map(|b| b.as_str()),
            note: entry.note.clone(),
        }
    }
}

/// What each check-in reported, by check-in index, in one pass over all
/// histories: key-result values, and project statuses with the
/// previous status where it changed.
/// The key-result and project updates check-in `i` reported.
pub(crate) fn updates(cx: &Context<'_>, i: usize) -> (Vec<KeyResultUpdateView>, Vec<ProjectUpdateView>) {
    let m = cx.model;
    let reported = cx.reported(i);
    let key_results = reported
        .key_results
        .iter()
        .map(|&(o, k, h)| {
            let kr = &m.objective(o).key_results[k];
            let entry = &kr.history[h];
            KeyResultUpdateView {
                objective: cx.objective_link(o),
                title: kr.title.clone(),
                value: with_unit(entry.value, kr.unit.as_deref(), cx.currency),
                confidence: entry.confidence.map(pct),
                note: entry.note.clone(),
            }
        })
        .collect();
    let projects = reported.projects.iter().map(|&(p, h)| ProjectUpdateView::new(cx, p, h)).collect();
    (key_results, projects)
}

pub(crate) fn checkins(cx: &Context<'_>) -> Vec<CheckinSummary> {
    let checkins: Vec<CheckinSummary> =
        (0..cx.model.checkin_count()).rev().map(|i| CheckinSummary::new(cx, i, CHECKIN_CHANGES)).collect();
    checkins
}
