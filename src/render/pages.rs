//! Every kind of page the site has, each stated once: where its pages go,
//! which template lays them out, their title, section and breadcrumbs, and
//! the view they are built from.
//!
//! Adding a page kind is adding one [`PageKind`] to [`PAGES`] and its
//! template to the theme: the renderer, the watch session and the link
//! checks in the tests all work from this list. A kind may have many pages
//! (one per project, or one per page of a long list); `count` says how
//! many and `path` names each without building it, so a watch session can
//! decide to keep a page before any of its data is made.
//!
//! Files that are not laid out by a template (the PDF packs, the data
//! downloads, the search index) are [`super::files`].

use super::context::Context;
use super::memo::{Fingerprint, fingerprint};
use super::views::*;
use crate::model::Ix;

/// One kind of page.
pub struct PageKind {
    /// What the kind is called, in errors and timings.
    pub name: &'static str,
    /// The template that lays its pages out.
    pub template: &'static str,
    /// The navigation section its pages belong to (`home`, `projects`, …).
    pub section: &'static str,
    /// How many pages of this kind the site has.
    pub count: fn(&Context<'_>) -> usize,
    /// The path of its `i`-th page from the site root.
    pub path: fn(&Context<'_>, usize) -> String,
    /// The title of its `i`-th page.
    pub title: fn(&Context<'_>, usize) -> String,
    /// The breadcrumbs of its `i`-th page, from the vision down to its parent.
    pub crumbs: fn(&Context<'_>, usize) -> Vec<Link>,
    /// The data its template gets as `data`.
    pub view: for<'a> fn(&Context<'a>, usize) -> View<'a>,
    /// How links on its pages reach the site root.
    pub root: Root,
}

/// How a page's links reach the site root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    /// Relative to where the page is (`../` per folder), so the site works
    /// from any folder, a sub-path or `file://`.
    Relative,
    /// The site's `base_url` when it is set: the not-found page is served
    /// for missing pages at any depth.
    Site,
}

impl PageKind {
    /// The values every template gets as `page` for the `i`-th page.
    pub fn meta(&self, cx: &Context<'_>, i: usize, path: &str) -> PageMeta {
        let root = match self.root {
            Root::Relative => "../".repeat(path.matches('/').count()),
            Root::Site => match &cx.model.organisation().site.base_url {
                Some(url) => format!("{}/", url.trim_end_matches('/')),
                None => String::new(),
            },
        };
        PageMeta { title: (self.title)(cx, i), root, section: self.section, crumbs: (self.crumbs)(cx, i) }
    }
}

/// A page's data for its template, of whatever view type the kind has.
pub struct View<'a>(Box<dyn Erased + 'a>);

impl<'a> View<'a> {
    /// Wraps a view.
    pub fn of(view: impl serde::Serialize + Send + 'a) -> Self {
        View(Box::new(view))
    }
    /// The view as template data.
    pub fn value(&self) -> tera::Value {
        self.0.value()
    }
    /// The digest of the view's data (see [`super::memo`]).
    pub fn fingerprint(&self) -> Fingerprint {
        self.0.fingerprint()
    }
}

trait Erased: Send {
    fn value(&self) -> tera::Value;
    fn fingerprint(&self) -> Fingerprint;
}

impl<T: serde::Serialize + Send> Erased for T {
    fn value(&self) -> tera::Value {
        tera::Value::from_serializable(self)
    }
    fn fingerprint(&self) -> Fingerprint {
        fingerprint(self)
    }
}

/// Page data with a single field, `name`.
fn field<'a, T: serde::Serialize + Send + 'a>(name: &'static str, value: T) -> View<'a> {
    View::of(std::collections::BTreeMap::from([(name, value)]))
}

fn one(_: &Context<'_>) -> usize {
    1
}
fn home(cx: &Context<'_>, _: usize) -> Vec<Link> {
    vec![cx.home_crumb()]
}
fn top(_: &Context<'_>, _: usize) -> Vec<Link> {
    Vec::new()
}
/// A list's title, with the page number after the first page.
fn page_title(title: &str, page: usize, items: usize) -> String {
    match page {
        0 => title.to_string(),
        _ => format!("{title}, page {} of {}", page + 1, Paging::count(items)),
    }
}
fn link(title: &str, url: &str) -> Link {
    Link { title: title.into(), url: url.into() }
}

/// Every page kind, the pages about the whole portfolio first: they are
/// the largest, and rendering starts them first so that no core is left
/// with one of them at the end.
pub static PAGES: &[PageKind] = &[
    PageKind {
        name: "home",
        template: "index.html",
        section: "home",
        count: one,
        path: |_, _| "index.html".into(),
        title: |cx, _| cx.model.organisation().site.title.clone(),
        crumbs: top,
        view: |cx, _| View::of(HomeView::new(cx)),
        root: Root::Relative,
    },
    PageKind {
        name: "gaps",
        template: "gaps.html",
        section: "gaps",
        count: one,
        path: |_, _| "gaps.html".into(),
        title: |_, _| "Gaps".into(),
        crumbs: home,
        view: |cx, _| View::of(GapsView::new(cx)),
        root: Root::Relative,
    },
    PageKind {
        name: "gap",
        template: "gap.html",
        section: "gaps",
        count: |cx| paged_gaps(cx).iter().map(|(_, n)| Paging::count(*n)).sum(),
        path: |cx, i| {
            let (gap, page, _) = gap_page(cx, i);
            let (first, rest) = gap_pages(gap);
            Paging { first: &first, rest: &rest }.path(page)
        },
        title: |cx, i| {
            let (gap, page, n) = gap_page(cx, i);
            page_title(gap.title(), page, n)
        },
        crumbs: |cx, _| vec![cx.home_crumb(), link("Gaps", "gaps.html")],
        view: |cx, i| View::of(GapPage::new(cx, i)),
        root: Root::Relative,
    },
    PageKind {
        name: "portfolio",
        template: "portfolio.html",
        section: "portfolio",
        count: |cx| Paging::count(cx.analysis.analysis.portfolio.ranked.len()),
        path: |_, i| PORTFOLIO_PAGES.path(i),
        title: |cx, i| page_title("Portfolio", i, cx.analysis.analysis.portfolio.ranked.len()),
        crumbs: home,
        view: |cx, i| View::of(PortfolioView::new(cx, i)),
        root: Root::Relative,
    },
    PageKind {
        name: "projects",
        template: "projects.html",
        section: "projects",
        count: |cx| Paging::count(cx.model.0.projects.len()),
        path: |_, i| PROJECT_PAGES.path(i),
        title: |cx, i| page_title("Projects", i, cx.model.0.projects.len()),
        crumbs: home,
        view: |cx, i| View::of(ProjectList::new(cx, i)),
        root: Root::Relative,
    },
    PageKind {
        name: "alignment",
        template: "alignment.html",
        section: "alignment",
        count: one,
        path: |_, _| "alignment.html".into(),
        title: |_, _| "Alignment".into(),
        crumbs: home,
        view: |cx, _| View::of(AlignmentView::new(cx)),
        root: Root::Relative,
    },
    PageKind {
        name: "unaligned",
        template: "unaligned.html",
        section: "unaligned",
        count: |cx| Paging::count(cx.analysis.analysis.unaligned.len()),
        path: |_, i| UNALIGNED_PAGES.path(i),
        title: |cx, i| page_title("Unaligned work", i, cx.analysis.analysis.unaligned.len()),
        crumbs: home,
        view: |cx, i| View::of(UnalignedView::new(cx, i)),
        root: Root::Relative,
    },
    PageKind {
        name: "roadmap",
        template: "roadmap.html",
        section: "roadmap",
        count: one,
        path: |_, _| "roadmap.html".into(),
        title: |_, _| "Roadmap".into(),
        crumbs: home,
        view: |cx, _| field("chart", roadmap_chart(cx)),
        root: Root::Relative,
    },
    PageKind {
        name: "dependencies",
        template: "dependencies.html",
        section: "roadmap",
        count: one,
        path: |_, _| "dependencies.html".into(),
        title: |_, _| "Dependencies".into(),
        crumbs: |cx, _| vec![cx.home_crumb(), link("Roadmap", "roadmap.html")],
        view: |cx, _| field("chart", dependency_chart(cx)),
        root: Root::Relative,
    },
    PageKind {
        name: "rules",
        template: "rules.html",
        section: "gaps",
        count: one,
        path: |_, _| "rules.html".into(),
        title: |_, _| "Analysis rules".into(),
        crumbs: |cx, _| vec![cx.home_crumb(), link("Gaps", "gaps.html")],
        view: |cx, _| field("groups", rules(cx)),
        root: Root::Relative,
    },
    PageKind {
        name: "check-ins",
        template: "checkins.html",
        section: "checkins",
        count: one,
        path: |_, _| "checkins.html".into(),
        title: |_, _| "Check-ins".into(),
        crumbs: home,
        view: |cx, _| field("checkins", checkins(cx)),
        root: Root::Relative,
    },
    PageKind {
        name: "reviews",
        template: "reviews.html",
        section: "reviews",
        count: one,
        path: |_, _| "reviews/index.html".into(),
        title: |_, _| "Reviews".into(),
        crumbs: home,
        view: |cx, _| field("reviews", reviews(cx)),
        root: Root::Relative,
    },
    PageKind {
        name: "decision log",
        template: "decision_log.html",
        section: "reviews",
        count: one,
        path: |_, _| DECISION_LOG.into(),
        title: |_, _| "Decision and action log".into(),
        crumbs: |cx, _| vec![cx.home_crumb(), link("Reviews", "reviews/index.html")],
        view: |cx, _| View::of(DecisionLog::new(cx)),
        root: Root::Relative,
    },
    PageKind {
        name: "priorities",
        template: "priorities.html",
        section: "priorities",
        count: one,
        path: |_, _| "priorities/index.html".into(),
        title: |_, _| "Priorities".into(),
        crumbs: home,
        view: |cx, _| field("priorities", priority_cards(cx)),
        root: Root::Relative,
    },
    PageKind {
        name: "objectives",
        template: "objectives.html",
        section: "objectives",
        count: |cx| Paging::count(cx.model.0.objectives.len()),
        path: |_, i| OBJECTIVE_PAGES.path(i),
        title: |cx, i| page_title("Objectives", i, cx.model.0.objectives.len()),
        crumbs: home,
        view: |cx, i| View::of(ObjectiveList::new(cx, i)),
        root: Root::Relative,
    },
    PageKind {
        name: "teams",
        template: "teams.html",
        section: "teams",
        count: |cx| Paging::count(cx.model.0.teams.len()),
        path: |_, i| TEAM_PAGES.path(i),
        title: |cx, i| page_title("Teams", i, cx.model.0.teams.len()),
        crumbs: home,
        view: |cx, i| View::of(TeamList::new(cx, i)),
        root: Root::Relative,
    },
    PageKind {
        name: "programmes",
        template: "programmes.html",
        section: "programmes",
        count: |cx| usize::from(!cx.model.0.programmes.is_empty()),
        path: |_, _| PROGRAMMES_PAGE.into(),
        title: |_, _| "Programmes".into(),
        crumbs: home,
        view: |cx, _| View::of(ProgrammeList::new(cx)),
        root: Root::Relative,
    },
    PageKind {
        name: "search",
        template: "search.html",
        section: "search",
        count: one,
        path: |_, _| "search.html".into(),
        title: |_, _| "Search".into(),
        crumbs: home,
        view: |_, _| View::of(serde_json::json!({})),
        root: Root::Relative,
    },
    PageKind {
        name: "downloads",
        template: "downloads.html",
        section: "downloads",
        count: one,
        path: |_, _| "downloads.html".into(),
        title: |_, _| "Downloads".into(),
        crumbs: home,
        view: |_, _| field("schema_version", super::export::SCHEMA_VERSION),
        root: Root::Relative,
    },
    PageKind {
        name: "not found",
        template: "404.html",
        section: "none",
        count: one,
        path: |_, _| "404.html".into(),
        title: |_, _| "Page not found".into(),
        crumbs: top,
        view: |_, _| View::of(serde_json::json!({})),
        root: Root::Site,
    },
    PageKind {
        name: "pack",
        template: "pack.html",
        section: "reviews",
        count: |cx| cx.model.0.reviews.len(),
        path: |cx, i| super::pack::page_path(&cx.model.0.reviews[i].id),
        title: |cx, i| cx.model.review(i).title.clone(),
        crumbs: |cx, i| {
            let r = cx.model.review(i);
            vec![
                cx.home_crumb(),
                link("Reviews", "reviews/index.html"),
                Link { title: r.title.clone(), url: review_url(r) },
            ]
        },
        view: |cx, i| View::of(PackView::new(cx, i)),
        root: Root::Relative,
    },
    PageKind {
        name: "review",
        template: "review.html",
        section: "reviews",
        count: |cx| cx.model.0.reviews.len(),
        path: |cx, i| review_url(&cx.model.0.reviews[i]),
        title: |cx, i| cx.model.review(i).title.clone(),
        crumbs: |cx, _| vec![cx.home_crumb(), link("Reviews", "reviews/index.html")],
        view: |cx, i| View::of(ReviewView::page(cx, i)),
        root: Root::Relative,
    },
    PageKind {
        name: "check-in",
        template: "checkin.html",
        section: "checkins",
        count: |cx| cx.model.0.checkins.len(),
        path: |cx, i| checkin_url(&cx.model.0.checkins[i]),
        title: |cx, i| format!("Check-in of {}", cx.model.checkin(i).date),
        crumbs: |cx, _| vec![cx.home_crumb(), link("Check-ins", "checkins.html")],
        view: |cx, i| View::of(CheckinView::new(cx, i)),
        root: Root::Relative,
    },
    PageKind {
        name: "priority",
        template: "priority.html",
        section: "priorities",
        count: |cx| cx.model.0.priorities.len(),
        path: |cx, i| priority_url(cx.model.0.priority(Ix::new(i))),
        title: |cx, i| cx.model.priority(Ix::new(i)).title.clone(),
        crumbs: |cx, _| vec![cx.home_crumb(), link("Priorities", "priorities/index.html")],
        view: |cx, i| View::of(PriorityView::new(cx, Ix::new(i))),
        root: Root::Relative,
    },
    PageKind {
        name: "objective",
        template: "objective.html",
        section: "objectives",
        count: |cx| cx.model.0.objectives.len(),
        path: |cx, i| objective_url(cx.model.0.objective(Ix::new(i))),
        title: |cx, i| cx.model.objective(Ix::new(i)).title.clone(),
        crumbs: |cx, i| objective_crumbs(cx, Ix::new(i)),
        view: |cx, i| View::of(ObjectiveView::new(cx, Ix::new(i))),
        root: Root::Relative,
    },
    PageKind {
        name: "period",
        template: "period.html",
        section: "objectives",
        count: |cx| cx.model.0.periods.len(),
        path: |cx, i| period_url(&cx.model.0.periods[i]),
        title: |cx, i| cx.model.period(Ix::new(i)).title.clone(),
        crumbs: |cx, _| vec![cx.home_crumb(), link("Objectives", "objectives/index.html")],
        view: |cx, i| View::of(PeriodView::new(cx, Ix::new(i))),
        root: Root::Relative,
    },
    PageKind {
        name: "project",
        template: "project.html",
        section: "projects",
        count: |cx| cx.model.0.projects.len(),
        path: |cx, i| project_url(cx.model.0.project(Ix::new(i))),
        title: |cx, i| cx.model.project(Ix::new(i)).title.clone(),
        crumbs: |cx, i| project_crumbs(cx, Ix::new(i)),
        view: |cx, i| View::of(ProjectView::new(cx, Ix::new(i))),
        root: Root::Relative,
    },
    PageKind {
        name: "programme",
        template: "programme.html",
        section: "programmes",
        count: |cx| cx.model.0.programmes.len(),
        path: |cx, i| programme_url(cx.model.0.programme(Ix::new(i))),
        title: |cx, i| cx.model.programme(Ix::new(i)).title.clone(),
        crumbs: |cx, _| vec![cx.home_crumb(), link("Programmes", PROGRAMMES_PAGE)],
        view: |cx, i| View::of(ProgrammeView::new(cx, Ix::new(i))),
        root: Root::Relative,
    },
    PageKind {
        name: "team",
        template: "team.html",
        section: "teams",
        count: |cx| cx.model.0.teams.len(),
        path: |cx, i| team_url(cx.model.0.team(Ix::new(i))),
        title: |cx, i| cx.model.team(Ix::new(i)).title.clone(),
        crumbs: |cx, i| team_crumbs(cx, Ix::new(i)),
        view: |cx, i| View::of(TeamView::new(cx, Ix::new(i))),
        root: Root::Relative,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Two kinds must never claim the same path: one page would silently
    /// replace the other.
    #[test]
    fn no_two_pages_share_a_path() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let checked = crate::check(root, chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        let (model, analysis) = checked.result.as_deref().unwrap();
        let style = crate::render::Theme::builtin().chart_style().unwrap();
        let cx = Context::new(model, analysis, &checked.sources, style);
        let mut paths = std::collections::HashSet::new();
        for kind in PAGES {
            for i in 0..(kind.count)(&cx) {
                let path = (kind.path)(&cx, i);
                assert!(paths.insert(path.clone()), "{path} is claimed twice");
            }
        }
        assert!(paths.len() > 50);
    }
}
