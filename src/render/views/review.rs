//! Reviews: the list, a page for each, and their decisions.

use super::*;
use crate::model::FollowUp;

/// A review in a list or on its page.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    /// Link to its page.
    pub link: Link,
    /// Meeting date.
    pub date: Option<String>,
    /// Period under review.
    pub period: Option<String>,
    /// Audience.
    pub audience: Option<String>,
    /// Chair.
    pub chair: Option<String>,
    /// `board`, `portfolio` or `strategy`.
    pub kind: &'static str,
    /// Its pack's data cut-off, written out ("25 November 2026").
    pub cut_off: String,
    /// When the site knows of check-ins, decisions or actions after that
    /// cut-off, a sentence saying so (never in the pack itself, which is
    /// made as of its cut-off and so knows of none).
    pub newer: Option<String>,
    /// Decisions.
    pub decisions: Vec<DecisionView>,
    /// Actions it set.
    pub actions: Vec<ActionView>,
    /// The previous review of the same kind, if any.
    pub previous: Option<Link>,
    /// The actions the previous review of its kind set, with what happened
    /// to each.
    pub followed_up: Vec<ActionView>,
    /// On the review's own page, what moved since the last review, as its
    /// pack shows it but listed whole; `null` inside the pack (whose
    /// summary has it).
    pub since: Option<SinceView>,
    /// Findings about it.
    pub findings: Vec<FindingView>,
    /// Its HTML board pack, from the site root.
    pub pack: String,
    /// Its PDF board pack, from the site root, when PDFs are built.
    pub pdf: Option<String>,
    /// Narrative HTML.
    pub body: String,
    /// Where it is defined.
    pub source: String,
}

/// An action a review set, and where it stands.
#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    /// What is to be done.
    pub title: String,
    /// Who does it.
    pub owner: Option<String>,
    /// By when, `YYYY-MM-DD`.
    pub due: Option<String>,
    /// `done`, `open`, `overdue` (open past its due date) or `dropped`.
    pub state: &'static str,
    /// The project it is about.
    pub project: Option<Link>,
    /// The objective it is about.
    pub objective: Option<Link>,
}

impl ActionView {
    fn new(cx: &Context<'_>, a: &crate::model::ReviewAction) -> ActionView {
        let state = match a.status {
            FollowUp::Done => "done",
            FollowUp::Dropped => "dropped",
            FollowUp::Open if a.due.is_some_and(|due| due < cx.analysis.as_of()) => "overdue",
            FollowUp::Open => "open",
        };
        ActionView {
            title: a.title.clone(),
            owner: a.owner.clone(),
            due: a.due.map(|d| d.to_string()),
            state,
            project: a.project.map(|p| cx.project_link(p)),
            objective: a.objective.map(|o| cx.objective_link(o)),
        }
    }
}

/// The latest review of the same kind before the `i`-th.
pub(crate) fn previous_of_kind(cx: &Context<'_>, i: usize) -> Option<usize> {
    // Which review came before depends on every review's kind and date.
    for j in 0..cx.model.review_count() {
        cx.model.review(j);
    }
    cx.model.0.previous_of_kind(i)
}

/// A decision on a review page.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionView {
    /// The project, if it is about one.
    pub project: Option<ProjectRow>,
    /// What it is about: the project's title, or the decision's own.
    pub about: String,
    /// continue, reshape, stop, start or defer.
    pub decision: &'static str,
    /// Why.
    pub rationale: Option<String>,
    /// The objective it serves.
    pub objective: Option<Link>,
    /// Who carries it out.
    pub owner: Option<String>,
    /// By when, `YYYY-MM-DD`.
    pub due: Option<String>,
    /// open, done or dropped.
    pub status: &'static str,
    /// What the analysis proposes for it.
    pub proposal: Option<&'static str>,
}

impl DecisionView {
    /// A decision as review pages and packs show it.
    pub(crate) fn new(cx: &Context<'_>, d: &crate::model::ReviewDecision) -> DecisionView {
        DecisionView {
            project: d.project.map(|p| ProjectRow::new(cx, p)),
            about: d.title.clone().or_else(|| d.project.map(|p| cx.model.project(p).title.clone())).unwrap_or_default(),
            decision: d.decision.as_str(),
            rationale: d.rationale.clone(),
            objective: d.objective.map(|o| cx.objective_link(o)),
            owner: d.owner.clone(),
            due: d.due.map(|d| d.to_string()),
            status: d.status.as_str(),
            proposal: d.project.and_then(|p| cx.proposal(p)),
        }
    }
}

/// `reviews/log.html`: every decision and action of every review, newest
/// review first, so the board sees what it decided and what came of it.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionLog {
    /// Decisions, with the review that took them.
    pub decisions: Vec<Logged<DecisionView>>,
    /// Actions, with the review that set them.
    pub actions: Vec<Logged<ActionView>>,
    /// Decisions still open.
    pub open_decisions: usize,
    /// Actions still open (overdue ones included).
    pub open_actions: usize,
    /// Actions open past their due date.
    pub overdue_actions: usize,
}

/// A decision or action with the review it came from.
#[derive(Debug, Clone, Serialize)]
pub struct Logged<T> {
    /// The review.
    pub review: Link,
    /// Its date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The decision or action.
    pub item: T,
    /// For an open decision on a project, the later review that took it
    /// (decided the project other than by deferring again).
    pub taken_at: Option<Link>,
}

/// Where the decision and action log is.
pub const DECISION_LOG: &str = "reviews/log.html";

impl DecisionLog {
    pub(crate) fn new(cx: &Context<'_>) -> Self {
        let mut decisions = Vec::new();
        let mut actions = Vec::new();
        for i in (0..cx.model.review_count()).rev() {
            let r = cx.model.review(i);
            let review = Link { title: r.title.clone(), url: review_url(r) };
            let date = r.date.map(|d| d.to_string());
            for d in &r.decisions {
                let taken_at =
                    (d.status == FollowUp::Open).then_some(d.project).flatten().and_then(|p| taken_later(cx, i, p));
                let item = DecisionView::new(cx, d);
                decisions.push(Logged { review: review.clone(), date: date.clone(), item, taken_at });
            }
            for a in &r.actions {
                let item = ActionView::new(cx, a);
                actions.push(Logged { review: review.clone(), date: date.clone(), item, taken_at: None });
            }
        }
        DecisionLog {
            open_decisions: decisions.iter().filter(|d| d.item.status == "open" && d.taken_at.is_none()).count(),
            open_actions: actions.iter().filter(|a| matches!(a.item.state, "open" | "overdue")).count(),
            overdue_actions: actions.iter().filter(|a| a.item.state == "overdue").count(),
            decisions,
            actions,
        }
    }
}

/// Where a deferral on `project` at the `i`-th review was taken.
fn taken_later(cx: &Context<'_>, i: usize, project: Ix<crate::model::Project>) -> Option<Link> {
    // Which review took it depends on every review's date and decisions.
    for j in 0..cx.model.review_count() {
        cx.model.review(j);
    }
    let r = cx.model.review(cx.model.0.taken_after(i, project)?);
    Some(Link { title: r.title.clone(), url: review_url(r) })
}

impl ReviewView {
    pub(crate) fn new(cx: &Context<'_>, i: usize) -> ReviewView {
        let r = cx.model.review(i);
        let cut_off = r.cut_off(cx.analysis.as_of());
        let previous = previous_of_kind(cx, i);
        ReviewView {
            link: Link { title: r.title.clone(), url: review_url(r) },
            date: r.date.map(|d| d.to_string()),
            period: r.period.map(|p| cx.model.period(p).title.clone()),
            audience: r.audience.clone(),
            chair: r.chair.clone(),
            kind: r.kind.as_str(),
            cut_off: written_date(cut_off),
            newer: None,
            decisions: r.decisions.iter().map(|d| DecisionView::new(cx, d)).collect(),
            actions: r.actions.iter().map(|a| ActionView::new(cx, a)).collect(),
            previous: previous.map(|j| {
                let p = cx.model.review(j);
                Link { title: p.title.clone(), url: review_url(p) }
            }),
            followed_up: previous
                .map(|j| cx.model.review(j).actions.iter().map(|a| ActionView::new(cx, a)).collect())
                .unwrap_or_default(),
            since: None,
            findings: FindingView::about(cx, Subject::Review(Ix::new(i))),
            pack: format!("{}index.html", crate::render::pack::folder(&r.id)),
            pdf: cx.pdf.then(|| format!("{}{}.pdf", crate::render::pack::folder(&r.id), r.id)),
            body: r.body.html.clone(),
            source: cx.source(&r.location),
        }
    }
}

impl ReviewView {
    /// The review's page: the review, with what moved since the last one
    /// as its pack has it.
    pub(crate) fn page(cx: &Context<'_>, i: usize) -> ReviewView {
        let mut view = ReviewView::new(cx, i);
        let cut_off = cx.model.review(i).cut_off(cx.analysis.as_of());
        view.newer = newer(cx, cut_off, i);
        view.since = Some(match cx.frozen(i) {
            Some(frozen) => SinceView::new(&cx.over(&frozen), i, usize::MAX),
            None => SinceView::new(cx, i, usize::MAX),
        });
        view
    }
}

/// "25 November 2026".
pub(crate) fn written_date(date: chrono::NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// What the site knows that a pack cut off on `cut_off` does not.
/// Only on the review's own page, which reads everything already.
fn newer(cx: &Context<'_>, cut_off: chrono::NaiveDate, own: usize) -> Option<String> {
    let news = cx.model.0.news_after(cut_off, own);
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut parts = Vec::new();
    if news.checkins > 0 {
        parts.push(format!("{} later check-in{}", news.checkins, plural(news.checkins)));
    }
    if news.reviews > 0 {
        parts.push(format!("the decisions of {} later review{}", news.reviews, plural(news.reviews)));
    }
    if news.closes > 0 {
        parts.push(format!("{} objective{} closed since", news.closes, plural(news.closes)));
    }
    if parts.is_empty() {
        return None;
    }
    let news = parts;
    Some(format!(
        "The pack shows the portfolio as it stood on {}. The site is as of {} and includes {}.",
        written_date(cut_off),
        written_date(cx.analysis.as_of()),
        crate::format::and_list(&news)
    ))
}

pub(crate) fn reviews(cx: &Context<'_>) -> Vec<ReviewView> {
    let reviews: Vec<ReviewView> = (0..cx.model.review_count()).rev().map(|i| ReviewView::new(cx, i)).collect();
    reviews
}
