//! The site's pages: views built from the model and analysis, one per page.

use std::collections::BTreeMap;

mod pack;
pub use pack::PackView;

use super::format::{money, number, percent, with_unit};
use super::memo::{Fingerprint, Made, Previous, digest, fingerprint};
use super::reads::{AnalysisReads, ModelReads, Probe, record_value};
use super::views::*;
use crate::analyse::{Analysis, Finding, Health, Misalignment, Subject, Timing};
use crate::charts::{
    BulletRow, Chart, ChartStyle, DepLink, DepNode, IntentRow, LinkKind, MapPoint, MatrixData, MoneyLeaf, RoadmapRow,
    StatusCount, TrendData, TrendPoint, alignment_matrix, dependency_graph, intent_vs_reality, key_result_trend,
    okr_bullets, portfolio_map, roadmap, status_over_time, where_the_money_goes,
};
use crate::diag::{FileId, Location, SourceMap};
use crate::model::{Ix, Model, Objective, ObjectiveLink, Perspective, Priority, Project, Rag, Team};

/// The paths of the pages about the whole site, by the number of their
/// [`PageJob::Site`] job.
const WHOLE_SITE_PAGES: [&str; 13] = [
    "index.html",
    "unaligned.html",
    "alignment.html",
    "gaps.html",
    "portfolio.html",
    "rules.html",
    "roadmap.html",
    "dependencies.html",
    "checkins.html",
    "reviews/index.html",
    "404.html",
    "search.html",
    "downloads.html",
];

/// A page to build, named rather than built.
#[derive(Debug, Clone, Copy)]
pub enum PageJob {
    /// One of the whole-site pages.
    Site(usize),
    /// The list of all priorities, objectives, projects or teams.
    List(List),
    /// A review's page.
    Review(usize),
    /// A check-in's page.
    Checkin(usize),
    /// A priority's page.
    Priority(Ix<Priority>),
    /// An objective's page.
    Objective(Ix<Objective>),
    /// A project's page.
    Project(Ix<Project>),
    /// A team's page.
    Team(Ix<Team>),
}

/// The pages listing every thing of a kind.
#[derive(Debug, Clone, Copy)]
pub enum List {
    /// `priorities/index.html`.
    Priorities,
    /// `objectives/index.html`.
    Objectives,
    /// `projects/index.html`.
    Projects,
    /// `teams/index.html`.
    Teams,
}

/// A page to render: its output path, template, metadata and data.
pub struct Page {
    /// Output path from the site root.
    pub path: String,
    /// Template name.
    pub template: &'static str,
    /// Page metadata.
    pub meta: PageMeta,
    /// The page's data for the template, or word that the page is what
    /// the last build made.
    pub content: Content,
    /// What the page is made of (template, metadata and data), when the
    /// views remember a last build: a page whose fingerprint did not change
    /// since then need not be laid out again.
    pub fingerprint: Option<Fingerprint>,
}

/// What a page is laid out from.
pub enum Content {
    /// The page's data, as `data` in the template.
    Data(tera::Value),
    /// Made from the same data as in the last build, so the page on disk
    /// is current: its data is not converted for the templates at all.
    Unchanged(Made),
}

/// Where one check-in's updates sit in the model.
#[derive(Default, Clone, Hash)]
struct Reported {
    key_results: Vec<(Ix<Objective>, usize, usize)>,
    projects: Vec<(Ix<Project>, usize)>,
}

/// How many characters of a thing's text the search index holds.
const SEARCH_TEXT: usize = 300;

/// One entry of the search index, with short keys: the index of a large
/// portfolio runs to megabytes.
#[derive(serde::Serialize)]
pub struct SearchEntry<'e> {
    /// Title.
    t: &'e str,
    /// Kind.
    k: &'static str,
    /// URL from the site root.
    u: String,
    /// Owner.
    o: &'e str,
    /// Team.
    m: &'e str,
    /// The start of the text.
    x: &'e str,
}

/// The search index as a script (a script, not JSON, so that it loads
/// from `file://` where browsers refuse to fetch files).
pub fn search_index(entries: &[SearchEntry<'_>]) -> String {
    // `</` cannot end the script early: JSON escapes it as `<\/`.
    let json = serde_json::to_string(entries).expect("entries serialise").replace("</", "<\\/");
    format!("window.THROUGHLINE_SEARCH = {json};\n")
}

/// `file:line` of a place, if the file is there.
fn file_line(sources: &SourceMap, file: FileId, at: usize) -> Option<String> {
    let file = sources.try_get(file)?;
    let (line, _) = file.line_column(at);
    Some(format!("{}:{line}", file.path.display()))
}

/// The digest of `file:line` of a place, as a page that shows it reads it.
fn source_digest(sources: &SourceMap, file: FileId, at: usize) -> Fingerprint {
    digest(file_line(sources, file, at).unwrap_or_default().as_str())
}

/// `file:line` of a place, noted as read by the page being built: an edit
/// can move a line without changing the thing defined there.
fn record_source(sources: &SourceMap, location: &Location) -> String {
    let source = file_line(sources, location.file, location.span.start).unwrap_or_default();
    record_value(Probe::Source(location.file, location.span.start), || digest(source.as_str()));
    source
}

/// Notes that `file:line` of a place was read, for what shows it in a
/// form of its own (the data downloads); nothing is made unless a page
/// is being recorded.
pub(crate) fn note_source(sources: &SourceMap, location: &Location) {
    let (file, at) = (location.file, location.span.start);
    record_value(Probe::Source(file, at), || source_digest(sources, file, at));
}

/// How many status changes a check-in's entry on the check-ins page lists
/// (its own page lists them all).
const CHECKIN_CHANGES: usize = 12;

/// Builds views for every page; shared lookups live here.
pub struct Views<'a> {
    /// Read through [`ModelReads`] and [`AnalysisReads`], so that what each
    /// page reads is noted (see [`super::reads`]).
    model: ModelReads<'a>,
    analysis: AnalysisReads<'a>,
    sources: &'a SourceMap,
    currency: &'a str,
    /// Projects linked to each objective, in any status.
    linked: Vec<Vec<Ix<Project>>>,
    /// Projects depending on each project.
    dependents: Vec<Vec<Ix<Project>>>,
    /// What each check-in reported: (objective, key result, history entry)
    /// and (project, history entry) positions.
    reported: Vec<Reported>,
    /// How charts look.
    style: ChartStyle,
    /// Whether packs have a PDF to link to.
    pdf: bool,
    /// The last build, when pages carry fingerprints (in a session).
    previous: Option<Previous<'a>>,
}

/// Path from the site root to a thing's page.
pub fn project_url(p: &Project) -> String {
    format!("projects/{}.html", p.id)
}
/// Path from the site root to an objective's page.
pub fn objective_url(o: &Objective) -> String {
    format!("objectives/{}.html", o.id)
}
/// Path from the site root to a priority's page.
pub fn priority_url(p: &Priority) -> String {
    format!("priorities/{}.html", p.id)
}
/// Path from the site root to a review's page.
pub fn review_url(r: &crate::model::Review) -> String {
    format!("reviews/{}.html", r.id)
}
/// Path from the site root to a check-in's page.
pub fn checkin_url(c: &crate::model::Checkin) -> String {
    format!("checkins/{}.html", c.id)
}
/// Path from the site root to a team's page.
pub fn team_url(t: &Team) -> String {
    format!("teams/{}.html", t.id)
}

fn pct(share: f64) -> u32 {
    (share.clamp(0.0, 10.0) * 100.0).round() as u32
}

fn health_view(h: Health) -> HealthView {
    HealthView { slug: h.slug(), label: h.label() }
}

fn perspective(p: Option<Perspective>) -> Option<&'static str> {
    p.map(|p| match p {
        Perspective::Financial => "Financial",
        Perspective::Customer => "Customer",
        Perspective::Internal => "Internal process",
        Perspective::Learning => "Learning & growth",
    })
}

/// Page data with a single field, `name`: serialised as it stands, with
/// no detour through a JSON value (which, for a list of ten thousand rows,
/// cost more than laying the page out).
struct Field<'a, T>(&'static str, &'a T);

impl<T: serde::Serialize> serde::Serialize for Field<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.0, self.1)?;
        map.end()
    }
}

impl<'a> Views<'a> {
    /// Views over a model and its analysis.
    pub fn new(model: &'a Model, analysis: &'a Analysis, sources: &'a SourceMap, style: ChartStyle) -> Self {
        let mut linked = vec![Vec::new(); model.objectives.len()];
        let mut dependents = vec![Vec::new(); model.projects.len()];
        for p in model.project_ixs() {
            for c in &model.project(p).contributions {
                if !linked[c.objective.index()].contains(&p) {
                    linked[c.objective.index()].push(p);
                }
            }
            for d in &model.project(p).depends_on {
                dependents[d.index()].push(p);
            }
        }
        let mut reported = vec![Reported::default(); model.checkins.len()];
        for o in model.objective_ixs() {
            for (k, kr) in model.objective(o).key_results.iter().enumerate() {
                for (h, entry) in kr.history.iter().enumerate() {
                    reported[entry.checkin.index()].key_results.push((o, k, h));
                }
            }
        }
        for p in model.project_ixs() {
            for (h, entry) in model.project(p).rag_history.iter().enumerate() {
                reported[entry.checkin.index()].projects.push((p, h));
            }
        }
        Views {
            model: ModelReads(model),
            analysis: AnalysisReads { analysis, model },
            sources,
            currency: &model.organisation.currency,
            linked,
            dependents,
            reported,
            style,
            pdf: false,
            previous: None,
        }
    }

    /// Says whether each review's pack has a PDF, so pages link to it.
    pub fn with_pdf(mut self, pdf: bool) -> Self {
        self.pdf = pdf;
        self
    }

    /// Gives every page a fingerprint of what it is made of, so a session
    /// can skip laying out pages that did not change since `previous`.
    pub(crate) fn remembering(mut self, previous: Previous<'a>) -> Self {
        self.previous = Some(previous);
        self
    }

    /// A page from its parts; `data` is converted for the templates once,
    /// and not at all when the page is unchanged since the last build.
    fn page(&self, path: String, template: &'static str, meta: PageMeta, data: &impl serde::Serialize) -> Page {
        let fingerprint = self.previous.map(|_| fingerprint(&(template, &meta, data)));
        let unchanged = self.previous.zip(fingerprint).and_then(|(previous, from)| previous.unchanged(&path, from));
        let content = match unchanged {
            Some(made) => Content::Unchanged(made),
            None => Content::Data(tera::Value::from_serializable(data)),
        };
        Page { path, template, meta, content, fingerprint }
    }

    /// The HTML board pack of a review.
    pub fn pack_page(&self, pack: &PackView) -> Page {
        self.page(
            super::pack::page_path(&pack.id),
            "pack.html",
            self.meta(
                pack.review.link.title.clone(),
                "../../",
                "reviews",
                vec![
                    self.home_crumb(),
                    Link { title: "Reviews".into(), url: "reviews/index.html".into() },
                    pack.review.link.clone(),
                ],
            ),
            pack,
        )
    }

    /// The values every page shares.
    pub fn site(&self) -> SiteView {
        let o = self.model.organisation();
        SiteView {
            title: o.site.title.clone(),
            organisation: o.name.clone(),
            vision: o.vision.clone(),
            mission: o.mission.clone(),
            description: o.site.description.clone(),
            as_of: self.analysis.as_of().to_string(),
            period: self.analysis.current_period().map(|p| p.title.clone()).unwrap_or_default(),
            currency: o.currency.clone(),
            version: env!("CARGO_PKG_VERSION"),
        }
    }

    fn source(&self, location: &Location) -> String {
        record_source(self.sources, location)
    }

    /// The read model and analysis, for other products of the same data.
    pub(crate) fn reads(&self) -> (ModelReads<'a>, AnalysisReads<'a>) {
        (self.model, self.analysis)
    }

    /// The projects serving an objective, in any status.
    fn linked(&self, ix: Ix<Objective>) -> &[Ix<Project>] {
        let linked = &self.linked[ix.index()];
        record_value(Probe::Linked(ix.index() as u32), || digest(linked));
        linked
    }

    /// The projects depending on a project.
    fn dependents(&self, ix: Ix<Project>) -> &[Ix<Project>] {
        let dependents = &self.dependents[ix.index()];
        record_value(Probe::Dependents(ix.index() as u32), || digest(dependents));
        dependents
    }

    /// What check-in `i` reported.
    fn reported(&self, i: usize) -> &Reported {
        let reported = &self.reported[i];
        record_value(Probe::Reported(i as u32), || digest(reported));
        reported
    }

    /// The decision the portfolio analysis proposes for a project.
    fn proposal(&self, ix: Ix<Project>) -> Option<&'static str> {
        let proposal = self.proposal_now(ix);
        record_value(Probe::Ranked(ix.index() as u32), || digest(&proposal));
        proposal
    }

    fn proposal_now(&self, ix: Ix<Project>) -> Option<&'static str> {
        self.analysis.analysis.portfolio.entry(ix).map(|x| x.proposal.as_str())
    }

    /// The digest of a probe's value now, to compare with the one a page
    /// read last time; `None` if it no longer exists.
    pub(crate) fn probe(&self, probe: Probe) -> Option<Fingerprint> {
        match probe {
            Probe::Linked(i) => self.linked.get(i as usize).map(digest),
            Probe::Dependents(i) => self.dependents.get(i as usize).map(digest),
            Probe::Reported(i) => self.reported.get(i as usize).map(digest),
            Probe::Source(file, at) => Some(source_digest(self.sources, file, at)),
            Probe::Ranked(i) => {
                let ix = Ix::new(i as usize);
                (ix.index() < self.analysis.analysis.projects.len()).then(|| digest(&self.proposal_now(ix)))
            }
        }
    }

    fn home_crumb(&self) -> Link {
        Link { title: "Vision".into(), url: "index.html".into() }
    }

    fn objective_link(&self, ix: Ix<Objective>) -> Link {
        let o = self.model.objective(ix);
        Link { title: o.title.clone(), url: objective_url(o) }
    }
    fn project_link(&self, ix: Ix<Project>) -> Link {
        let p = self.model.project(ix);
        Link { title: p.title.clone(), url: project_url(p) }
    }
    fn priority_link(&self, ix: Ix<Priority>) -> Link {
        let p = self.model.priority(ix);
        Link { title: p.title.clone(), url: priority_url(p) }
    }
    fn team_link(&self, ix: Ix<Team>) -> Link {
        let t = self.model.team(ix);
        Link { title: t.title.clone(), url: team_url(t) }
    }

    fn findings(&self, subject: Subject) -> Vec<FindingView> {
        self.analysis.findings_for(subject).map(|f| self.finding(f)).collect()
    }

    fn finding(&self, f: &Finding) -> FindingView {
        let (subject, team, priorities) = match f.subject {
            Subject::Organisation => (None, None, Vec::new()),
            Subject::Project(p) => {
                (Some(self.project_link(p)), self.model.project(p).team, self.analysis.project(p).priorities.clone())
            }
            Subject::Objective(o) => (
                Some(self.objective_link(o)),
                self.model.objective(o).team,
                self.analysis.objective(o).priority.into_iter().collect(),
            ),
            Subject::Priority(p) => (Some(self.priority_link(p)), None, vec![p]),
            Subject::Team(t) => (Some(self.team_link(t)), Some(t), Vec::new()),
            Subject::Review(_) => (None, None, Vec::new()),
        };
        FindingView {
            rule: f.rule.id,
            gap: f.rule.gap.title(),
            gap_id: f.rule.gap.id(),
            severity: f.effective_severity().as_str(),
            message: f.message.clone(),
            action: f.action.clone(),
            source: self.source(&f.location),
            subject,
            waiver: f.waiver.as_ref().map(|w| w.reason.clone()),
            team: team.map(|t| self.model.team(t).title.clone()),
            priorities: priorities.into_iter().map(|p| self.model.priority(p).title.clone()).collect(),
        }
    }

    fn objective_row(&self, ix: Ix<Objective>) -> ObjectiveRow {
        let o = self.model.objective(ix);
        let a = self.analysis.objective(ix);
        ObjectiveRow {
            link: self.objective_link(ix),
            period: o.period.map(|p| self.model.period(p).title.clone()),
            team: o.team.map(|t| self.team_link(t)),
            owner: o.owner.clone(),
            progress: a.progress.map(pct),
            expected: a.expected.map(pct),
            health: health_view(a.health),
            key_results: o.key_results.len(),
            projects: self.linked(ix).len(),
            depth: self.model.cascade(ix).len() - 1,
            budget: money(a.budget, self.currency),
            // Only a current objective can lack support; past ones are history.
            supported: a.supported || a.timing != Timing::Current,
        }
    }

    fn project_row(&self, ix: Ix<Project>) -> ProjectRow {
        let p = self.model.project(ix);
        let a = self.analysis.project(ix);
        ProjectRow {
            link: self.project_link(ix),
            status: p.status.as_str(),
            rag: p.rag.map(|r| r.as_str()),
            team: p.team.map(|t| self.team_link(t)),
            owner: p.owner.clone(),
            budget: p.budget.map(|b| money(b, self.currency)),
            budget_value: p.budget.unwrap_or(0.0),
            fte: p.fte.map(number),
            priorities: a.priorities.iter().map(|pr| self.priority_link(*pr)).collect(),
            objectives: p.contributions.iter().map(|c| self.objective_link(c.objective)).collect(),
            score: self.model.score(ix).map(|s| format!("{s:.1}")),
            end: p.end.map(|d| d.to_string()),
            unaligned: a.misalignment.map(|m| match m {
                Misalignment::NoObjectives => "serves no objective",
                Misalignment::OnlyPastObjectives => "serves only past objectives",
            }),
        }
    }

    /// Objectives in cascade order: each followed by its children.
    fn cascade_order(
        &self,
        roots: impl IntoIterator<Item = Ix<Objective>>,
        filter: &dyn Fn(Ix<Objective>) -> bool,
    ) -> Vec<Ix<Objective>> {
        fn visit(
            v: &Views<'_>,
            ix: Ix<Objective>,
            filter: &dyn Fn(Ix<Objective>) -> bool,
            seen: &mut [bool],
            out: &mut Vec<Ix<Objective>>,
        ) {
            if std::mem::replace(&mut seen[ix.index()], true) || !filter(ix) {
                return;
            }
            out.push(ix);
            for child in &v.analysis.objective(ix).children {
                visit(v, *child, filter, seen, out);
            }
        }
        // Sized by the list without reading it: the objectives visited are
        // read as they are followed.
        let mut seen = vec![false; self.model.0.objectives.len()];
        let mut out = Vec::new();
        for root in roots {
            visit(self, root, filter, &mut seen, &mut out);
        }
        out
    }

    fn priority_card(&self, ix: Ix<Priority>) -> PriorityCard {
        let p = self.model.priority(ix);
        let a = self.analysis.priority(ix);
        let drift = match (p.weight, a.budget_share) {
            (Some(w), Some(s)) => Some(s * 100.0 - w),
            _ => None,
        };
        let top_level: Vec<Ix<Objective>> = a
            .objectives
            .iter()
            .copied()
            .filter(|o| self.model.objective(*o).link == Some(ObjectiveLink::Priority(ix)))
            .collect();
        PriorityCard {
            link: self.priority_link(ix),
            owner: p.owner.clone(),
            perspective: perspective(p.perspective),
            horizon: p.horizon.clone(),
            weight: p.weight.map(|w| format!("{}%", number(w))),
            budget: money(a.budget, self.currency),
            budget_share: a.budget_share.map(percent),
            fte_share: a.fte_share.map(percent),
            drift: drift.map(|d| format!("{}{:.0} pts", if d >= 0.0 { "+" } else { "−" }, d.abs())),
            drift_large: drift.is_some_and(|d| d.abs() >= 10.0),
            objectives: top_level.iter().map(|o| self.objective_row(*o)).collect(),
            projects: a.projects.len(),
        }
    }

    fn unaligned_sorted(&self) -> Vec<Ix<Project>> {
        let mut list = self.analysis.unaligned().to_vec();
        list.sort_by(|a, b| {
            let budget = |p: &Ix<Project>| self.model.project(*p).budget.unwrap_or(0.0);
            budget(b).total_cmp(&budget(a)).then_with(|| a.cmp(b))
        });
        list
    }

    fn meta(&self, title: String, root: impl Into<String>, section: &'static str, crumbs: Vec<Link>) -> PageMeta {
        PageMeta { title, root: root.into(), section, crumbs }
    }

    /// Every page still to build, cheaply: the renderer builds, lays out
    /// and drops each page's data in turn (in parallel), so a large site
    /// never holds every page's data at once.
    pub fn page_jobs(&self) -> Vec<PageJob> {
        let m = self.model.0;
        let mut jobs: Vec<PageJob> = (0..WHOLE_SITE_PAGES.len()).map(PageJob::Site).collect();
        jobs.extend([List::Priorities, List::Objectives, List::Projects, List::Teams].map(PageJob::List));
        jobs.extend((0..m.reviews.len()).map(PageJob::Review));
        jobs.extend((0..m.checkins.len()).map(PageJob::Checkin));
        jobs.extend(m.priority_ixs().map(PageJob::Priority));
        jobs.extend(m.objective_ixs().map(PageJob::Objective));
        jobs.extend(m.project_ixs().map(PageJob::Project));
        jobs.extend(m.team_ixs().map(PageJob::Team));
        jobs
    }

    /// The path of the page a job makes, found without building the page.
    pub fn job_path(&self, job: PageJob) -> String {
        let m = self.model.0;
        match job {
            PageJob::Site(i) => WHOLE_SITE_PAGES[i].into(),
            PageJob::List(List::Priorities) => "priorities/index.html".into(),
            PageJob::List(List::Objectives) => "objectives/index.html".into(),
            PageJob::List(List::Projects) => "projects/index.html".into(),
            PageJob::List(List::Teams) => "teams/index.html".into(),
            PageJob::Review(i) => review_url(&m.reviews[i]),
            PageJob::Checkin(i) => checkin_url(&m.checkins[i]),
            PageJob::Priority(p) => priority_url(m.priority(p)),
            PageJob::Objective(o) => objective_url(m.objective(o)),
            PageJob::Project(p) => project_url(m.project(p)),
            PageJob::Team(t) => team_url(m.team(t)),
        }
    }

    /// The page a job makes.
    pub fn build_page(&self, job: PageJob) -> Page {
        match job {
            PageJob::Site(i) => self.whole_site_page(i),
            PageJob::List(list) => self.list_page(list),
            PageJob::Review(i) => self.review_page(i),
            PageJob::Checkin(i) => self.checkin_page(i),
            PageJob::Priority(p) => self.priority_page(p),
            PageJob::Objective(o) => self.objective_page(o),
            PageJob::Project(p) => self.project_page(p),
            PageJob::Team(t) => self.team_page(t),
        }
    }

    fn whole_site_page(&self, i: usize) -> Page {
        match i {
            0 => self.home(),
            1 => self.unaligned_page(),
            2 => self.alignment_page(),
            3 => self.gaps_page(),
            4 => self.portfolio_page(),
            5 => self.rules_page(),
            6 => self.roadmap_page(),
            7 => self.dependencies_page(),
            8 => self.checkins_page(),
            9 => self.reviews_page(),
            10 => self.not_found_page(),
            11 => self.page(
                "search.html".into(),
                "search.html",
                self.meta("Search".into(), "", "search", vec![self.home_crumb()]),
                &serde_json::json!({}),
            ),
            _ => self.page(
                "downloads.html".into(),
                "downloads.html",
                self.meta("Downloads".into(), "", "downloads", vec![self.home_crumb()]),
                &serde_json::json!({ "schema_version": super::export::SCHEMA_VERSION }),
            ),
        }
    }

    /// The headline figures of the home page and the pack's summary.
    fn headline_figures(&self) -> Vec<Figure> {
        let a = self.analysis;
        let current: Vec<Ix<Objective>> =
            self.model.objective_ixs().filter(|o| a.objective(*o).timing == Timing::Current).collect();
        let on_track = current.iter().filter(|o| a.objective(**o).health == Health::OnTrack).count();
        let off_track = current.iter().filter(|o| a.objective(**o).health == Health::OffTrack).count();
        let aligned_share = a.coverage().budget_share();
        let mut figures = vec![
            Figure {
                value: aligned_share.map_or_else(|| "–".into(), percent),
                label: "of open budget traces to current objectives".into(),
                note: Some(format!(
                    "{} of {}",
                    money(a.coverage().aligned_budget, self.currency),
                    money(a.coverage().budget, self.currency)
                )),
                tone: match aligned_share {
                    Some(s) if s >= 0.9 => "good",
                    Some(s) if s >= 0.75 => "warn",
                    _ => "bad",
                },
            },
            Figure {
                value: format!("{on_track} of {}", current.len()),
                label: "current objectives on track".into(),
                note: (off_track > 0).then(|| format!("{off_track} off track")),
                tone: if off_track == 0 { "good" } else { "bad" },
            },
            Figure {
                value: a.unaligned().len().to_string(),
                label: "open projects serve no current objective".into(),
                note: Some(format!("of {} open", a.coverage().projects)),
                tone: if a.unaligned().is_empty() { "good" } else { "bad" },
            },
        ];
        if !a.unsupported().is_empty() {
            figures.push(Figure {
                value: a.unsupported().len().to_string(),
                label: "current objectives nobody is working on".into(),
                note: None,
                tone: "warn",
            });
        }
        figures
    }

    fn home(&self) -> Page {
        let a = self.analysis;
        let figures = self.headline_figures();
        let latest_checkin = self.model.checkin_count().checked_sub(1).map(|i| self.checkin_summary(i, usize::MAX));
        let view = HomeView {
            figures,
            priorities: self.model.priority_ixs().map(|p| self.priority_card(p)).collect(),
            unaligned: self.unaligned_sorted().into_iter().take(8).map(|p| self.project_row(p)).collect(),
            unsupported: a.unsupported().iter().map(|o| self.objective_row(*o)).collect(),
            latest_checkin,
            charts: vec![self.intent_chart(), self.status_chart()],
            gaps: self.gap_counts(),
            stop: self.portfolio_rows().into_iter().filter(|r| r.proposal == "stop").collect(),
        };
        self.page(
            "index.html".into(),
            "index.html",
            self.meta(self.model.organisation().site.title.clone(), "", "home", vec![]),
            &view,
        )
    }

    /// Open findings in each gap.
    fn gap_counts(&self) -> Vec<GapCount> {
        crate::analyse::Gap::ALL
            .into_iter()
            .map(|gap| GapCount {
                id: gap.id(),
                title: gap.title(),
                open: self.analysis.findings().iter().filter(|f| f.rule.gap == gap && f.waiver.is_none()).count(),
            })
            .collect()
    }

    /// Where the open budget goes, from the vision down.
    fn money_chart(&self) -> Chart {
        let currency = self.currency.to_string();
        where_the_money_goes(
            "money-budget",
            &self.money_leaves(&|p| p.budget.unwrap_or(0.0)),
            "open budget",
            &move |v| money(v, &currency),
            &self.style,
        )
    }

    fn intent_chart(&self) -> Chart {
        let rows: Vec<IntentRow> = self
            .model
            .priority_ixs()
            .map(|p| {
                let a = &self.analysis.priority(p);
                IntentRow {
                    name: self.model.priority(p).title.clone(),
                    intended: self.model.priority(p).weight,
                    budget: a.budget_share.unwrap_or(0.0) * 100.0,
                    fte: a.fte_share.unwrap_or(0.0) * 100.0,
                }
            })
            .collect();
        let c = &self.analysis.coverage();
        let unaligned = (c.budget > 0.0).then(|| (c.budget - c.aligned_budget) / c.budget * 100.0);
        intent_vs_reality(&rows, unaligned, &self.style)
    }

    fn status_chart(&self) -> Chart {
        let m = self.model;
        let checkins: Vec<chrono::NaiveDate> = (0..m.checkin_count()).map(|i| m.checkin(i).date).collect();
        let mut counts: Vec<StatusCount> =
            checkins.iter().map(|&date| StatusCount { date, green: 0, amber: 0, red: 0 }).collect();
        // Both lists run oldest first: one pass over each project's history
        // finds its status at every check-in.
        for ix in m.project_ixs() {
            let history = &m.project(ix).rag_history;
            let mut seen = 0;
            for count in &mut counts {
                while seen < history.len() && history[seen].date <= count.date {
                    seen += 1;
                }
                match seen.checked_sub(1).map(|h| history[h].rag) {
                    Some(Rag::Green) => count.green += 1,
                    Some(Rag::Amber) => count.amber += 1,
                    Some(Rag::Red) => count.red += 1,
                    None => {}
                }
            }
        }
        status_over_time(&counts, &self.style)
    }

    /// An objective's key results as bullets; `id` must be unique on the page.
    fn bullets(&self, ix: Ix<Objective>, id: &str) -> LazyChart {
        let o = self.model.objective(ix);
        let rows: Vec<BulletRow> = o
            .key_results
            .iter()
            .zip(&self.analysis.objective(ix).key_results)
            .map(|(kr, ka)| BulletRow {
                name: kr.title.clone(),
                progress: ka.progress,
                expected: ka.expected,
                health: ka.health.slug(),
                label: ka.health.label(),
            })
            .collect();
        let style = self.style.clone();
        LazyChart::new((id.to_string(), rows), move |(id, rows)| okr_bullets(id, rows, &style))
    }

    /// A trend chart per key result with history, with ids `<prefix>trend-<key result>`.
    fn trends(&self, ix: Ix<Objective>, prefix: &str) -> Vec<LazyChart> {
        let o = self.model.objective(ix);
        let period = o.period.map(|p| (self.model.period(p).start, self.model.period(p).end));
        o.key_results
            .iter()
            .filter(|kr| !kr.history.is_empty())
            .map(|kr| {
                let data = TrendData {
                    name: kr.title.clone(),
                    unit: kr.unit.clone(),
                    start: kr.start,
                    target: kr.target,
                    period,
                    points: kr
                        .history
                        .iter()
                        .map(|h| TrendPoint { date: h.date, value: h.value, confidence: h.confidence })
                        .collect(),
                };
                let style = self.style.clone();
                let id = format!("{prefix}trend-{}", kr.id);
                LazyChart::new((id, data), move |(id, data)| key_result_trend(id, data, &style))
            })
            .collect()
    }

    fn portfolio_map(&self) -> Chart {
        let points: Vec<MapPoint> = self
            .analysis
            .portfolio()
            .ranked
            .iter()
            .filter_map(|r| {
                let p = self.model.project(r.project);
                Some(MapPoint {
                    name: p.title.clone(),
                    score: r.score?,
                    cost: crate::analyse::portfolio::remaining(p),
                    budget: p.budget.unwrap_or(0.0),
                    rag: p.rag.map(|r| r.as_str()),
                    above_line: r.above_line,
                })
            })
            .collect();
        portfolio_map(&points, self.currency, &self.style)
    }

    /// Open budget (or FTE) per priority and top-level objective.
    fn money_leaves(&self, amount: &dyn Fn(&Project) -> f64) -> Vec<MoneyLeaf> {
        let mut leaves = Vec::new();
        for ix in self.model.project_ixs() {
            let p = self.model.project(ix);
            let value = amount(p);
            if !p.status.is_open() || value <= 0.0 {
                continue;
            }
            let shares = &self.analysis.project(ix).shares;
            if shares.is_empty() {
                leaves.push(MoneyLeaf { priority: None, objective: None, amount: value });
            }
            for share in shares {
                let top = self.model.cascade(share.objective)[0];
                leaves.push(MoneyLeaf {
                    priority: Some(self.model.priority(share.priority).title.clone()),
                    objective: Some(self.model.objective(top).title.clone()),
                    amount: value * share.fraction,
                });
            }
        }
        leaves
    }

    fn matrix(&self) -> Chart {
        let m = self.model;
        let rows: Vec<String> = m.priority_ixs().map(|p| m.priority(p).title.clone()).collect();
        let mut columns: Vec<String> = m.team_ixs().map(|t| m.team(t).title.clone()).collect();
        let no_team = columns.len();
        columns.push("No team".into());
        let mut cells = vec![vec![0.0; columns.len()]; rows.len()];
        for ix in self.model.project_ixs() {
            let p = self.model.project(ix);
            if !p.status.is_open() {
                continue;
            }
            let column = p.team.map_or(no_team, |t| t.index());
            for share in &self.analysis.project(ix).shares {
                cells[share.priority.index()][column] += p.budget.unwrap_or(0.0) * share.fraction;
            }
        }
        if cells.iter().all(|r| r[no_team] == 0.0) {
            columns.pop();
            for r in &mut cells {
                r.pop();
            }
        }
        let currency = self.currency.to_string();
        alignment_matrix(&MatrixData { rows, columns, cells }, &move |v| money(v, &currency), &self.style)
    }

    fn alignment_page(&self) -> Page {
        let budget = self.money_chart();
        let fte = where_the_money_goes(
            "money-fte",
            &self.money_leaves(&|p| p.fte.unwrap_or(0.0)),
            "open FTE",
            &|v| format!("{} FTE", number(v)),
            &self.style,
        );
        let unaligned_budget: f64 =
            self.analysis.unaligned().iter().filter_map(|p| self.model.project(*p).budget).sum();
        #[derive(serde::Serialize)]
        struct Data {
            money: Chart,
            fte: Chart,
            intent: Chart,
            matrix: Chart,
            unaligned_count: usize,
            unaligned_budget: String,
        }
        let data = Data {
            money: budget,
            fte,
            intent: self.intent_chart(),
            matrix: self.matrix(),
            unaligned_count: self.analysis.unaligned().len(),
            unaligned_budget: money(unaligned_budget, self.currency),
        };
        self.page(
            "alignment.html".into(),
            "alignment.html",
            self.meta("Alignment".into(), "", "alignment", vec![self.home_crumb()]),
            &data,
        )
    }

    fn roadmap_page(&self) -> Page {
        let rows: Vec<RoadmapRow> =
            self.model
                .project_ixs()
                .filter_map(|ix| {
                    let p = self.model.project(ix);
                    let (start, end) = (p.start?, p.end?);
                    if !p.status.is_open() {
                        return None;
                    }
                    let group = self.analysis.project(ix).priorities.first().map_or_else(
                        || crate::charts::UNALIGNED.to_string(),
                        |pr| self.model.priority(*pr).title.clone(),
                    );
                    Some(RoadmapRow {
                        group,
                        name: p.title.clone(),
                        start,
                        end,
                        overdue: end < self.analysis.as_of(),
                        status: p.status.as_str(),
                    })
                })
                .collect();
        let titles: Vec<&str> = self.model.priority_ixs().map(|p| self.model.priority(p).title.as_str()).collect();
        let order = |g: &str| titles.iter().position(|t| *t == g).unwrap_or(usize::MAX);
        let mut rows = rows;
        rows.sort_by_key(|r| order(&r.group));
        let chart = roadmap(&rows, self.analysis.as_of(), &self.style);
        self.page(
            "roadmap.html".into(),
            "roadmap.html",
            self.meta("Roadmap".into(), "", "roadmap", vec![self.home_crumb()]),
            &Field("chart", &chart),
        )
    }

    fn dependencies_page(&self) -> Page {
        use crate::analyse::graph::Dependency;
        let m = self.model;
        let mut raw_links = Vec::new();
        for ix in m.project_ixs().filter(|p| m.project(*p).status.is_open()) {
            for d in &m.project(ix).depends_on {
                let kind = match self.analysis.dependency(*d, ix) {
                    Dependency::Loop => LinkKind::Cycle,
                    Dependency::Blocked => LinkKind::Blocked,
                    Dependency::Late => LinkKind::Late,
                    Dependency::Fine => LinkKind::Normal,
                };
                raw_links.push((*d, ix, kind));
            }
        }
        // Troubled links first, so they survive the chart's node limit.
        raw_links.sort_by_key(|(d, p, k)| (*k == LinkKind::Normal, *d, *p));
        let mut position: std::collections::HashMap<Ix<Project>, usize> = std::collections::HashMap::new();
        let mut nodes: Vec<DepNode> = Vec::new();
        for x in raw_links.iter().flat_map(|(d, p, _)| [*d, *p]) {
            position.entry(x).or_insert_with(|| {
                nodes.push(DepNode {
                    name: m.project(x).title.clone(),
                    status: m.project(x).status.as_str(),
                    stopped: self.analysis.project(x).stopping,
                });
                nodes.len() - 1
            });
        }
        let links: Vec<DepLink> = raw_links
            .iter()
            .map(|(d, p, k)| DepLink { dependency: position[d], dependent: position[p], kind: *k })
            .collect();
        let chart = dependency_graph(&nodes, &links, &self.style);
        self.page(
            "dependencies.html".into(),
            "dependencies.html",
            self.meta(
                "Dependencies".into(),
                "",
                "roadmap",
                vec![self.home_crumb(), Link { title: "Roadmap".into(), url: "roadmap.html".into() }],
            ),
            &Field("chart", &chart),
        )
    }

    /// What each check-in reported, by check-in index, in one pass over all
    /// histories: key-result values, and project statuses with the
    /// previous status where it changed.
    /// The key-result and project updates check-in `i` reported.
    fn updates(&self, i: usize) -> (Vec<KeyResultUpdateView>, Vec<ProjectUpdateView>) {
        let m = self.model;
        let reported = self.reported(i);
        let key_results = reported
            .key_results
            .iter()
            .map(|&(o, k, h)| {
                let kr = &m.objective(o).key_results[k];
                let entry = &kr.history[h];
                KeyResultUpdateView {
                    objective: self.objective_link(o),
                    title: kr.title.clone(),
                    value: with_unit(entry.value, kr.unit.as_deref(), self.currency),
                    confidence: entry.confidence.map(pct),
                    note: entry.note.clone(),
                }
            })
            .collect();
        let projects = reported.projects.iter().map(|&(p, h)| self.project_update(p, h)).collect();
        (key_results, projects)
    }

    fn project_update(&self, p: Ix<Project>, h: usize) -> ProjectUpdateView {
        let history = &self.model.project(p).rag_history;
        let entry = &history[h];
        let before = h.checked_sub(1).map(|k| history[k].rag);
        ProjectUpdateView {
            project: self.project_link(p),
            rag: entry.rag.as_str(),
            was: before.filter(|b| *b != entry.rag).map(|b| b.as_str()),
            note: entry.note.clone(),
        }
    }

    /// Check-in `i` in a list: counts, and the statuses that changed (up
    /// to `limit`).
    fn checkin_summary(&self, i: usize, limit: usize) -> CheckinSummary {
        let c = self.model.checkin(i);
        let reported = self.reported(i);
        let mut changes: Vec<ProjectUpdateView> =
            reported.projects.iter().map(|&(p, h)| self.project_update(p, h)).filter(|u| u.was.is_some()).collect();
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

    fn checkins_page(&self) -> Page {
        let checkins: Vec<CheckinSummary> =
            (0..self.model.checkin_count()).rev().map(|i| self.checkin_summary(i, CHECKIN_CHANGES)).collect();
        self.page(
            "checkins.html".into(),
            "checkins.html",
            self.meta("Check-ins".into(), "", "checkins", vec![self.home_crumb()]),
            &Field("checkins", &checkins),
        )
    }

    fn checkin_page(&self, i: usize) -> Page {
        let c = self.model.checkin(i);
        let (key_results, projects) = self.updates(i);
        let link = |c: &crate::model::Checkin| Link { title: c.date.to_string(), url: checkin_url(c) };
        let view = CheckinView {
            id: c.id.clone(),
            date: c.date.to_string(),
            author: c.author.clone(),
            changes: projects.iter().filter(|p| p.was.is_some()).count(),
            key_results,
            projects,
            source: self.source(&c.location),
            previous: i.checked_sub(1).map(|j| link(self.model.checkin(j))),
            next: (i + 1 < self.model.checkin_count()).then(|| link(self.model.checkin(i + 1))),
        };
        self.page(
            checkin_url(c),
            "checkin.html",
            self.meta(
                format!("Check-in of {}", c.date),
                "../",
                "checkins",
                vec![self.home_crumb(), Link { title: "Check-ins".into(), url: "checkins.html".into() }],
            ),
            &view,
        )
    }

    fn review_view(&self, i: usize) -> ReviewView {
        let r = self.model.review(i);
        ReviewView {
            link: Link { title: r.title.clone(), url: review_url(r) },
            date: r.date.map(|d| d.to_string()),
            period: r.period.map(|p| self.model.period(p).title.clone()),
            audience: r.audience.clone(),
            chair: r.chair.clone(),
            decisions: r
                .decisions
                .iter()
                .map(|d| DecisionView {
                    project: self.project_row(d.project),
                    decision: d.decision.as_str(),
                    rationale: d.rationale.clone(),
                    proposal: self.proposal(d.project),
                })
                .collect(),
            findings: self.findings(Subject::Review(Ix::new(i))),
            pack: format!("{}index.html", super::pack::folder(&r.id)),
            pdf: self.pdf.then(|| format!("{}{}.pdf", super::pack::folder(&r.id), r.id)),
            body: r.body.html.clone(),
            source: self.source(&r.location),
        }
    }

    fn reviews_page(&self) -> Page {
        let reviews: Vec<ReviewView> = (0..self.model.review_count()).rev().map(|i| self.review_view(i)).collect();
        self.page(
            "reviews/index.html".into(),
            "reviews.html",
            self.meta("Reviews".into(), "../", "reviews", vec![self.home_crumb()]),
            &Field("reviews", &reviews),
        )
    }

    fn review_page(&self, i: usize) -> Page {
        let view = self.review_view(i);
        self.page(
            review_url(self.model.review(i)),
            "review.html",
            self.meta(
                view.link.title.clone(),
                "../",
                "reviews",
                vec![self.home_crumb(), Link { title: "Reviews".into(), url: "reviews/index.html".into() }],
            ),
            &view,
        )
    }

    /// Served for any missing page, from any depth: links use the site's
    /// `base_url` when it is set, and are relative to the root otherwise.
    fn not_found_page(&self) -> Page {
        let root = match &self.model.organisation().site.base_url {
            Some(url) => format!("{}/", url.trim_end_matches('/')),
            None => String::new(),
        };
        self.page(
            "404.html".into(),
            "404.html",
            self.meta("Page not found".into(), root, "none", vec![]),
            &serde_json::json!({}),
        )
    }

    /// What the search index lists: a few words on every priority,
    /// objective, project, team and review.
    pub fn search_entries(&self) -> Vec<SearchEntry<'a>> {
        let m = self.model.whole();
        let team = |t: Option<Ix<Team>>| t.map_or("", |t| m.team(t).title.as_str());
        let entry = |t: &'a str, k, u, owner: Option<&'a str>, team: &'a str, text: &'a str| SearchEntry {
            t,
            k,
            u,
            o: owner.unwrap_or(""),
            m: team,
            x: text.char_indices().nth(SEARCH_TEXT).map_or(text, |(end, _)| &text[..end]),
        };
        let mut entries = Vec::new();
        entries.extend(
            m.priorities
                .iter()
                .map(|p| entry(&p.title, "priority", priority_url(p), p.owner.as_deref(), "", &p.body.text)),
        );
        entries.extend(
            m.objectives.iter().map(|o| {
                entry(&o.title, "objective", objective_url(o), o.owner.as_deref(), team(o.team), &o.body.text)
            }),
        );
        entries.extend(
            m.projects.iter().zip(&m.project_bodies).map(|(p, body)| {
                entry(&p.title, "project", project_url(p), p.owner.as_deref(), team(p.team), &body.text)
            }),
        );
        entries.extend(m.teams.iter().map(|t| entry(&t.title, "team", team_url(t), t.lead.as_deref(), "", "")));
        entries.extend(
            m.reviews.iter().map(|r| entry(&r.title, "review", review_url(r), r.chair.as_deref(), "", &r.body.text)),
        );
        entries
    }

    fn gaps_page(&self) -> Page {
        let mut teams = std::collections::BTreeSet::new();
        let mut priorities = std::collections::BTreeSet::new();
        let groups: Vec<GapGroup> = crate::analyse::Gap::ALL
            .into_iter()
            .map(|gap| {
                let findings: Vec<FindingView> =
                    self.analysis.findings().iter().filter(|f| f.rule.gap == gap).map(|f| self.finding(f)).collect();
                for f in &findings {
                    teams.extend(f.team.clone());
                    priorities.extend(f.priorities.iter().cloned());
                }
                GapGroup { id: gap.id(), title: gap.title(), explanation: gap.explanation(), findings }
            })
            .collect();
        let view = GapsView {
            total: self.analysis.findings().len(),
            waived: self.analysis.findings().iter().filter(|f| f.waiver.is_some()).count(),
            groups,
            teams: teams.into_iter().collect(),
            priorities: priorities.into_iter().collect(),
        };
        self.page("gaps.html".into(), "gaps.html", self.meta("Gaps".into(), "", "gaps", vec![self.home_crumb()]), &view)
    }

    /// The ranked portfolio as rows, for the Portfolio page and the home
    /// page's stop list.
    fn portfolio_rows(&self) -> Vec<PortfolioRow> {
        let portfolio = &self.analysis.portfolio();
        portfolio
            .ranked
            .iter()
            .enumerate()
            .map(|(i, r)| PortfolioRow {
                rank: r.rank,
                project: self.project_row(r.project),
                score: r.score.map(|s| format!("{s:.1}")),
                cumulative: money(r.cumulative, self.currency),
                above_line: r.above_line,
                line_before: portfolio.capacity.is_some()
                    && !r.above_line
                    && (i == 0 || portfolio.ranked[i - 1].above_line),
                proposal: r.proposal.as_str(),
                reason: r.reason.clone(),
                pmo: self.model.project(r.project).decision.map(|d| d.as_str()),
                decided: r.decided.map(|d| d.as_str()),
            })
            .collect()
    }

    fn portfolio_page(&self) -> Page {
        let portfolio = &self.analysis.portfolio();
        let rows = self.portfolio_rows();
        let view = PortfolioView {
            capacity: portfolio.capacity.map(|c| money(c, self.currency)),
            demand: money(portfolio.demand, self.currency),
            overcommitted: portfolio
                .capacity
                .filter(|c| portfolio.demand > *c)
                .map(|c| money(portfolio.demand - c, self.currency)),
            scenarios: portfolio
                .scenarios
                .iter()
                .map(|s| ScenarioView {
                    label: format!("{} of capacity ({})", percent(s.factor), money(s.capacity, self.currency)),
                    cut: s.newly_cut.iter().map(|p| self.project_link(*p)).collect(),
                })
                .collect(),
            stop: rows.iter().filter(|r| r.proposal == "stop").cloned().collect(),
            reshape: rows.iter().filter(|r| r.proposal == "reshape").cloned().collect(),
            scored: portfolio.ranked.iter().any(|r| r.score.is_some()),
            map: self.portfolio_map(),
            rows,
        };
        self.page(
            "portfolio.html".into(),
            "portfolio.html",
            self.meta("Portfolio".into(), "", "portfolio", vec![self.home_crumb()]),
            &view,
        )
    }

    fn rules_page(&self) -> Page {
        let levels = &self.model.organisation().rule_levels;
        let groups: Vec<RuleGroup> = crate::analyse::Gap::ALL
            .into_iter()
            .map(|gap| RuleGroup {
                title: gap.title(),
                explanation: gap.explanation(),
                rules: crate::analyse::RULES
                    .iter()
                    .filter(|r| r.gap == gap)
                    .map(|r| RuleView {
                        id: r.id,
                        severity: match levels.get(r.id) {
                            Some(None) => "off",
                            Some(Some(s)) => s.as_str(),
                            None => r.severity.as_str(),
                        },
                        summary: r.summary,
                        why: r.why,
                        fix: r.fix,
                        count: self.analysis.findings().iter().filter(|f| f.rule.id == r.id).count(),
                    })
                    .collect(),
            })
            .collect();
        self.page(
            "rules.html".into(),
            "rules.html",
            self.meta(
                "Analysis rules".into(),
                "",
                "gaps",
                vec![self.home_crumb(), Link { title: "Gaps".into(), url: "gaps.html".into() }],
            ),
            &Field("groups", &groups),
        )
    }

    fn unaligned_page(&self) -> Page {
        let a = self.analysis;
        let budget: f64 = a.unaligned().iter().filter_map(|p| self.model.project(*p).budget).sum();
        let view = UnalignedView {
            projects: self.unaligned_sorted().into_iter().map(|p| self.project_row(p)).collect(),
            budget: money(budget, self.currency),
            budget_share: (a.coverage().budget > 0.0).then(|| percent(budget / a.coverage().budget)),
            unsupported: a.unsupported().iter().map(|o| self.objective_row(*o)).collect(),
        };
        self.page(
            "unaligned.html".into(),
            "unaligned.html",
            self.meta("Unaligned work".into(), "", "unaligned", vec![self.home_crumb()]),
            &view,
        )
    }

    /// The list of priorities, objectives, projects or teams.
    fn list_page(&self, list: List) -> Page {
        let m = self.model;
        let home = vec![self.home_crumb()];
        let meta = |title: &str, section| self.meta(title.into(), "../", section, home.clone());
        match list {
            List::Priorities => {
                let priorities: Vec<PriorityCard> = m.priority_ixs().map(|p| self.priority_card(p)).collect();
                #[derive(serde::Serialize)]
                struct Data {
                    priorities: Vec<PriorityCard>,
                }
                self.page(
                    "priorities/index.html".into(),
                    "priorities.html",
                    meta("Priorities", "priorities"),
                    &Data { priorities },
                )
            }
            List::Objectives => {
                #[derive(serde::Serialize)]
                struct Data {
                    groups: Vec<ObjectiveGroup>,
                }
                let groups = self.objective_groups();
                self.page(
                    "objectives/index.html".into(),
                    "objectives.html",
                    meta("Objectives", "objectives"),
                    &Data { groups },
                )
            }
            List::Projects => {
                #[derive(serde::Serialize)]
                struct Data<'a> {
                    projects: Vec<ProjectRow>,
                    teams: Vec<&'a str>,
                    priorities: Vec<&'a str>,
                }
                let data = Data {
                    projects: m.project_ixs().map(|p| self.project_row(p)).collect(),
                    teams: m.team_ixs().map(|t| m.team(t).title.as_str()).collect(),
                    priorities: m.priority_ixs().map(|p| m.priority(p).title.as_str()).collect(),
                };
                self.page("projects/index.html".into(), "projects.html", meta("Projects", "projects"), &data)
            }
            List::Teams => {
                #[derive(serde::Serialize)]
                struct Data {
                    teams: Vec<TeamRow>,
                }
                let teams = m.team_ixs().map(|t| self.team_row(t)).collect();
                self.page("teams/index.html".into(), "teams.html", meta("Teams", "teams"), &Data { teams })
            }
        }
    }

    /// Objectives grouped by period, newest first; cascade order inside.
    fn objective_groups(&self) -> Vec<ObjectiveGroup> {
        let m = self.model;
        let mut by_period: BTreeMap<(Option<chrono::NaiveDate>, String), Vec<Ix<Objective>>> = BTreeMap::new();
        for ix in m.objective_ixs() {
            let key = match m.objective(ix).period {
                Some(p) => (Some(m.period(p).start), m.period(p).title.clone()),
                None => (None, "No period".to_string()),
            };
            by_period.entry(key).or_default().push(ix);
        }
        by_period
            .into_iter()
            .rev()
            .map(|((_, title), members)| {
                let current = members.first().is_some_and(|o| self.analysis.objective(*o).timing == Timing::Current);
                let mut member = vec![false; m.objective_count()];
                for o in &members {
                    member[o.index()] = true;
                }
                let in_group = |o: Ix<Objective>| member[o.index()];
                let roots: Vec<Ix<Objective>> = members
                    .iter()
                    .copied()
                    .filter(|o| match m.objective(*o).link {
                        Some(ObjectiveLink::Parent(p)) => !in_group(p),
                        _ => true,
                    })
                    .collect();
                let ordered = self.cascade_order(roots, &in_group);
                ObjectiveGroup {
                    title,
                    current,
                    objectives: ordered.into_iter().map(|o| self.objective_row(o)).collect(),
                }
            })
            .collect()
    }

    fn priority_page(&self, ix: Ix<Priority>) -> Page {
        let p = self.model.priority(ix);
        let a = self.analysis.priority(ix);
        let roots: Vec<Ix<Objective>> = a
            .objectives
            .iter()
            .copied()
            .filter(|o| self.model.objective(*o).link == Some(ObjectiveLink::Priority(ix)))
            .collect();
        let current = |o: Ix<Objective>| a.objectives.contains(&o);
        let mut projects = a.projects.clone();
        projects.sort_by(|x, y| {
            let b = |p: &Ix<Project>| self.model.project(*p).budget.unwrap_or(0.0);
            b(y).total_cmp(&b(x)).then_with(|| x.cmp(y))
        });
        let view = PriorityView {
            priority: self.priority_card(ix),
            objectives: self.cascade_order(roots, &current).into_iter().map(|o| self.objective_row(o)).collect(),
            projects: projects.into_iter().map(|p| self.project_row(p)).collect(),
            findings: self.findings(Subject::Priority(ix)),
            body: p.body.html.clone(),
            source: self.source(&p.location),
        };
        self.page(
            priority_url(p),
            "priority.html",
            self.meta(
                p.title.clone(),
                "../",
                "priorities",
                vec![self.home_crumb(), Link { title: "Priorities".into(), url: "priorities/index.html".into() }],
            ),
            &view,
        )
    }

    /// Vision → priority → parent objectives, for an objective's page.
    fn objective_crumbs(&self, ix: Ix<Objective>) -> Vec<Link> {
        let mut crumbs = vec![self.home_crumb()];
        if let Some(p) = self.analysis.objective(ix).priority {
            crumbs.push(self.priority_link(p));
        }
        let chain = self.model.cascade(ix);
        crumbs.extend(chain[..chain.len() - 1].iter().map(|o| self.objective_link(*o)));
        crumbs
    }

    fn objective_page(&self, ix: Ix<Objective>) -> Page {
        let o = self.model.objective(ix);
        let a = self.analysis.objective(ix);
        let key_results = o
            .key_results
            .iter()
            .zip(&a.key_results)
            .map(|(kr, ka)| {
                let unit = kr.unit.as_deref();
                let fmt = |v: Option<f64>| v.map(|v| with_unit(v, unit, self.currency));
                KeyResultView {
                    id: kr.id.clone(),
                    title: kr.title.clone(),
                    kind: match kr.kind {
                        crate::model::KeyResultKind::Outcome => "outcome",
                        crate::model::KeyResultKind::Activity => "activity",
                    },
                    owner: kr.owner.clone(),
                    start: fmt(kr.start),
                    target: fmt(kr.target),
                    current: fmt(kr.current),
                    progress: ka.progress.map(pct),
                    expected: ka.expected.map(pct),
                    health: health_view(ka.health),
                    confidence: kr.confidence.map(pct),
                    confidence_trend: ka.confidence_trend.filter(|t| t.abs() >= 0.005).map(|t| {
                        let since = kr
                            .history
                            .iter()
                            .find(|h| h.confidence.is_some())
                            .map(|h| h.date.to_string())
                            .unwrap_or_default();
                        format!("{} {:.0} pts since {since}", if t > 0.0 { "▲" } else { "▼" }, t.abs() * 100.0)
                    }),
                    history: kr
                        .history
                        .iter()
                        .rev()
                        .map(|h| HistoryPoint {
                            date: h.date.to_string(),
                            value: with_unit(h.value, unit, self.currency),
                            confidence: h.confidence.map(pct),
                            note: h.note.clone(),
                        })
                        .collect(),
                }
            })
            .collect();
        let contributing = self.linked(ix).to_vec();
        let view = ObjectiveView {
            objective: self.objective_row(ix),
            perspective: perspective(o.perspective),
            priority: a.priority.map(|p| self.priority_link(p)),
            parent: match o.link {
                Some(ObjectiveLink::Parent(p)) => Some(self.objective_link(p)),
                _ => None,
            },
            children: a.children.iter().map(|c| self.objective_row(*c)).collect(),
            key_results,
            projects: contributing.into_iter().map(|p| self.project_row(p)).collect(),
            budget: money(a.budget, self.currency),
            fte: number(a.fte),
            findings: self.findings(Subject::Objective(ix)),
            bullets: self.bullets(ix, "kr-bullets"),
            trends: self.trends(ix, ""),
            body: o.body.html.clone(),
            source: self.source(&o.location),
        };
        self.page(
            objective_url(o),
            "objective.html",
            self.meta(o.title.clone(), "../", "objectives", self.objective_crumbs(ix)),
            &view,
        )
    }

    fn project_page(&self, ix: Ix<Project>) -> Page {
        let p = self.model.project(ix);
        let vision = Link { title: "Vision".into(), url: "index.html".into() };
        let traces: Vec<Vec<Link>> = p
            .contributions
            .iter()
            .map(|c| {
                let mut trace = vec![vision.clone()];
                if let Some(pr) = self.analysis.objective(c.objective).priority {
                    trace.push(self.priority_link(pr));
                }
                trace.extend(self.model.cascade(c.objective).into_iter().map(|o| self.objective_link(o)));
                trace
            })
            .collect();
        // The breadcrumb follows the first (strongest listed) trace.
        let crumbs = match traces.first() {
            Some(t) => t.clone(),
            None => vec![self.home_crumb(), Link { title: "Unaligned work".into(), url: "unaligned.html".into() }],
        };
        let history = p
            .rag_history
            .iter()
            .rev()
            .map(|h| HistoryPoint {
                date: h.date.to_string(),
                value: h.rag.as_str().into(),
                confidence: None,
                note: h.note.clone(),
            })
            .collect();
        let benefits = p
            .benefits
            .iter()
            .map(|b| BenefitView {
                title: b.title.clone(),
                metric: b.metric.clone(),
                planned: b.planned.map(number),
                realised: b.realised.map(number),
                due: b.due.map(|d| d.to_string()),
                reviewed: b.reviewed.map(|d| d.to_string()),
            })
            .collect();
        let scores = self
            .model
            .organisation()
            .scoring
            .criteria
            .iter()
            .filter_map(|c| p.scores.get(&c.id).map(|s| (c.title.clone(), number(*s))))
            .collect();
        let dependents = self.dependents(ix).iter().copied();
        let view = ProjectView {
            project: self.project_row(ix),
            sponsor: p.sponsor.clone(),
            start: p.start.map(|d| d.to_string()),
            spent: p.spent.map(|s| money(s, self.currency)),
            spent_share: match (p.spent, p.budget) {
                (Some(s), Some(b)) if b > 0.0 => Some(pct(s / b)),
                _ => None,
            },
            decision: p.decision.map(|d| d.as_str()),
            traces,
            depends_on: p.depends_on.iter().map(|d| self.project_row(*d)).collect(),
            dependents: dependents.map(|d| self.project_row(d)).collect(),
            hypothesis: p
                .hypothesis
                .answers()
                .iter()
                .map(|(_, q, a)| Answer { question: q, answer: a.map(str::to_string) })
                .collect(),
            benefits,
            scores,
            history,
            findings: self.findings(Subject::Project(ix)),
            body: self.model.project_body(ix).html.clone(),
            source: self.source(&p.location),
        };
        self.page(project_url(p), "project.html", self.meta(p.title.clone(), "../", "projects", crumbs), &view)
    }

    fn team_row(&self, ix: Ix<Team>) -> TeamRow {
        let t = self.model.team(ix);
        let a = self.analysis.team(ix);
        let share = t.capacity_fte.filter(|c| *c > 0.0).map(|c| a.load_fte / c);
        TeamRow {
            link: self.team_link(ix),
            lead: t.lead.clone(),
            capacity: t.capacity_fte.map(number),
            load: number(a.load_fte),
            load_share: share.map(pct),
            over: share.is_some_and(|s| s > 1.0),
            objectives: a.objectives.len(),
            projects: a.projects.len(),
        }
    }

    fn team_page(&self, ix: Ix<Team>) -> Page {
        let t = self.model.team(ix);
        let a = self.analysis.team(ix);
        let view = TeamView {
            team: self.team_row(ix),
            parent: t.parent.map(|p| self.team_link(p)),
            children: self
                .model
                .team_ixs()
                .filter(|c| self.model.team(*c).parent == Some(ix))
                .map(|c| self.team_link(c))
                .collect(),
            objectives: a.objectives.iter().map(|o| self.objective_row(*o)).collect(),
            projects: a.projects.iter().map(|p| self.project_row(*p)).collect(),
            findings: self.findings(Subject::Team(ix)),
            source: self.source(&t.location),
        };
        let mut crumbs = vec![self.home_crumb(), Link { title: "Teams".into(), url: "teams/index.html".into() }];
        let mut ancestors = Vec::new();
        let mut current = t.parent;
        while let Some(p) = current {
            if ancestors.contains(&p) {
                break;
            }
            ancestors.push(p);
            current = self.model.team(p).parent;
        }
        crumbs.extend(ancestors.into_iter().rev().map(|p| self.team_link(p)));
        self.page(team_url(t), "team.html", self.meta(t.title.clone(), "../", "teams", crumbs), &view)
    }
}
