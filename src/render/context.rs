//! What every view is built from: the model and analysis behind their
//! recording accessors (see [`super::reads`]), the lookups many pages
//! share, and the links between pages.
//!
//! Views take a [`Context`] and nothing else, so what a page shows is
//! exactly what it read through here. Lookups computed once for the whole
//! site (the projects serving each objective, say) are read through
//! methods that note their value, so a watch session can tell when a page
//! that showed one must be made again.

use super::memo::{Fingerprint, digest};
use super::reads::{AnalysisReads, ModelReads, Probe, record_value};
use super::views::Link;
use crate::analyse::Analysis;
use crate::charts::ChartStyle;
use crate::diag::{FileId, Location, SourceMap};
use crate::model::{Checkin, Ix, Model, Objective, Priority, Programme, Project, Review, Team};

/// Where one check-in's updates sit in the model.
#[derive(Default, Clone)]
pub struct Reported {
    /// (objective, key result, history entry) positions.
    pub key_results: Vec<(Ix<Objective>, usize, usize)>,
    /// (project, history entry) positions.
    pub projects: Vec<(Ix<Project>, usize)>,
}

/// The model, the analysis and the lookups views are built from.
pub struct Context<'a> {
    /// The model, read through accessors that note what each page reads.
    pub model: ModelReads<'a>,
    /// The analysis, likewise.
    pub analysis: AnalysisReads<'a>,
    /// Every file read, for `file:line` of a thing.
    pub sources: &'a SourceMap,
    /// The organisation's currency code.
    pub currency: &'a str,
    /// How charts look.
    pub style: ChartStyle,
    /// Whether packs have a PDF to link to.
    pub pdf: bool,
    linked: Vec<Vec<Ix<Project>>>,
    dependents: Vec<Vec<Ix<Project>>>,
    reported: Vec<Reported>,
    /// Each review's portfolio as of its pack's cut-off, made once when a
    /// pack first needs it; `None` where that is the portfolio of today.
    frozen: Vec<std::sync::OnceLock<Option<std::sync::Arc<Frozen>>>>,
    /// Each review's point of comparison, made once when first needed and
    /// shared with the contexts of frozen packs (it is the same from both).
    earlier: std::sync::Arc<Vec<std::sync::OnceLock<std::sync::Arc<Earlier>>>>,
}

/// What a review is compared with: the previous review of its kind as of
/// that review's cut-off, or for the first of its kind, the start of its
/// period.
pub struct Earlier {
    /// The date compared with.
    pub since: chrono::NaiveDate,
    /// The review's own cut-off, the date compared to.
    pub until: chrono::NaiveDate,
    /// The previous review of the same kind, if any.
    pub previous: Option<usize>,
    /// The model as of `since`.
    pub model: Model,
    /// Its analysis.
    pub analysis: Analysis,
}

/// The model and analysis as they stood on a past date.
pub struct Frozen {
    /// The model with later check-ins, decisions and actions left out.
    pub model: Model,
    /// Its analysis as of that date.
    pub analysis: Analysis,
}

/// Path from the site root to a project's page.
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
pub fn review_url(r: &Review) -> String {
    format!("reviews/{}.html", r.id)
}
/// Path from the site root to a check-in's page.
pub fn checkin_url(c: &Checkin) -> String {
    format!("checkins/{}.html", c.id)
}
/// Path from the site root to a team's page.
pub fn team_url(t: &Team) -> String {
    format!("teams/{}.html", t.id)
}

/// The site path of a programme's page.
pub fn programme_url(g: &Programme) -> String {
    format!("programmes/{}.html", g.id)
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

/// Notes that `file:line` of a place was read, for what shows it in a form
/// of its own (the data downloads); nothing is made unless a page is being
/// recorded.
pub(crate) fn note_source(sources: &SourceMap, location: &Location) {
    let (file, at) = (location.file, location.span.start);
    record_value(Probe::Source(file, at), || source_digest(sources, file, at));
}

impl<'a> Context<'a> {
    /// The context of a model and its analysis.
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
        Context {
            model: ModelReads(model),
            analysis: AnalysisReads { analysis, model },
            sources,
            currency: &model.organisation.currency,
            style,
            pdf: false,
            linked,
            dependents,
            reported,
            frozen: (0..model.reviews.len()).map(|_| std::sync::OnceLock::new()).collect(),
            earlier: std::sync::Arc::new((0..model.reviews.len()).map(|_| std::sync::OnceLock::new()).collect()),
        }
    }

    /// What the `i`-th review is compared with (see [`Earlier`]).
    pub fn earlier(&self, i: usize) -> std::sync::Arc<Earlier> {
        self.earlier[i]
            .get_or_init(|| {
                let model = self.model.0;
                let r = &model.reviews[i];
                let until = r.cut_off(self.analysis.analysis.as_of);
                let previous = model.previous_of_kind(i);
                let (since, whose) = match previous {
                    Some(j) => (model.reviews[j].cut_off(until), j),
                    None => (r.period.map_or(until, |p| model.period(p).start).min(until), i),
                };
                let then = model.as_of(since, whose);
                let analysis = crate::analyse::analyse(&then, since);
                std::sync::Arc::new(Earlier { since, until, previous, model: then, analysis })
            })
            .clone()
    }

    /// The portfolio as of the `i`-th review's cut-off, when that differs
    /// from today's: its pack is made from it, so that a past meeting's
    /// paper stays as it was when later check-ins arrive.
    pub fn frozen(&self, i: usize) -> Option<std::sync::Arc<Frozen>> {
        let model = self.model.0;
        self.frozen[i]
            .get_or_init(|| {
                let today = self.analysis.analysis.as_of;
                let cut_off = model.reviews[i].cut_off(today);
                if cut_off == today && !model.has_news_after(cut_off, i) {
                    return None;
                }
                let model = model.as_of(cut_off, i);
                let analysis = crate::analyse::analyse(&model, cut_off);
                Some(std::sync::Arc::new(Frozen { model, analysis }))
            })
            .clone()
    }

    /// A context over a frozen portfolio, sharing this one's settings.
    pub fn over<'f>(&self, frozen: &'f Frozen) -> Context<'f>
    where
        'a: 'f,
    {
        let mut cx = Context::new(&frozen.model, &frozen.analysis, self.sources, self.style.clone()).with_pdf(self.pdf);
        cx.earlier = self.earlier.clone();
        cx
    }

    /// Says whether each review's pack has a PDF, so pages link to it.
    pub fn with_pdf(mut self, pdf: bool) -> Self {
        self.pdf = pdf;
        self
    }

    /// `file:line` of a place, noted as read: an edit can move a line
    /// without changing the thing defined there.
    pub fn source(&self, location: &Location) -> String {
        let source = file_line(self.sources, location.file, location.span.start).unwrap_or_default();
        record_value(Probe::Source(location.file, location.span.start), || digest(source.as_str()));
        source
    }

    /// The projects serving an objective, in any status.
    pub fn linked(&self, ix: Ix<Objective>) -> &[Ix<Project>] {
        let linked = &self.linked[ix.index()];
        record_value(Probe::Linked(ix.index() as u32), || self.projects_digest(linked));
        linked
    }

    /// The projects depending on a project.
    pub fn dependents(&self, ix: Ix<Project>) -> &[Ix<Project>] {
        let dependents = &self.dependents[ix.index()];
        record_value(Probe::Dependents(ix.index() as u32), || self.projects_digest(dependents));
        dependents
    }

    /// What check-in `i` reported.
    pub fn reported(&self, i: usize) -> &Reported {
        let reported = &self.reported[i];
        record_value(Probe::Reported(i as u32), || self.reported_digest(reported));
        reported
    }

    /// The digest of a list of projects by their ids, which, unlike their
    /// positions, stay the same when other projects come and go.
    fn projects_digest(&self, projects: &[Ix<Project>]) -> Fingerprint {
        let m = self.model.0;
        digest(&projects.iter().map(|p| m.project(*p).id.as_str()).collect::<Vec<_>>())
    }

    /// The digest of what a check-in reported, by ids (see
    /// [`Context::projects_digest`]).
    fn reported_digest(&self, reported: &Reported) -> Fingerprint {
        let m = self.model.0;
        let key_results: Vec<(&str, usize, usize)> =
            reported.key_results.iter().map(|&(o, k, h)| (m.objective(o).id.as_str(), k, h)).collect();
        let projects: Vec<(&str, usize)> =
            reported.projects.iter().map(|&(p, h)| (m.project(p).id.as_str(), h)).collect();
        digest(&(key_results, projects))
    }

    /// The decision the portfolio analysis proposes for a project.
    pub fn proposal(&self, ix: Ix<Project>) -> Option<&'static str> {
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
            Probe::Linked(i) => self.linked.get(i as usize).map(|l| self.projects_digest(l)),
            Probe::Dependents(i) => self.dependents.get(i as usize).map(|d| self.projects_digest(d)),
            Probe::Reported(i) => self.reported.get(i as usize).map(|r| self.reported_digest(r)),
            Probe::Source(file, at) => Some(source_digest(self.sources, file, at)),
            Probe::Ranked(i) => {
                let ix = Ix::new(i as usize);
                (ix.index() < self.analysis.analysis.projects.len()).then(|| digest(&self.proposal_now(ix)))
            }
        }
    }

    /// The first crumb of every trail.
    pub fn home_crumb(&self) -> Link {
        Link { title: "Vision".into(), url: "index.html".into() }
    }

    /// A link to an objective's page.
    pub fn objective_link(&self, ix: Ix<Objective>) -> Link {
        let o = self.model.objective(ix);
        Link { title: o.title.clone(), url: objective_url(o) }
    }
    /// A link to a project's page.
    pub fn project_link(&self, ix: Ix<Project>) -> Link {
        let p = self.model.project(ix);
        Link { title: p.title.clone(), url: project_url(p) }
    }
    /// A link to a priority's page.
    pub fn priority_link(&self, ix: Ix<Priority>) -> Link {
        let p = self.model.priority(ix);
        Link { title: p.title.clone(), url: priority_url(p) }
    }
    /// A link to a programme's page.
    pub fn programme_link(&self, ix: Ix<Programme>) -> Link {
        let g = self.model.programme(ix);
        Link { title: g.title.clone(), url: programme_url(g) }
    }
    /// A link to a team's page.
    pub fn team_link(&self, ix: Ix<Team>) -> Link {
        let t = self.model.team(ix);
        Link { title: t.title.clone(), url: team_url(t) }
    }

    /// Objectives in cascade order: each followed by its children.
    pub fn cascade_order(
        &self,
        roots: impl IntoIterator<Item = Ix<Objective>>,
        filter: &dyn Fn(Ix<Objective>) -> bool,
    ) -> Vec<Ix<Objective>> {
        fn visit(
            cx: &Context<'_>,
            ix: Ix<Objective>,
            filter: &dyn Fn(Ix<Objective>) -> bool,
            seen: &mut [bool],
            out: &mut Vec<Ix<Objective>>,
        ) {
            if std::mem::replace(&mut seen[ix.index()], true) || !filter(ix) {
                return;
            }
            out.push(ix);
            for child in &cx.analysis.objective(ix).children {
                visit(cx, *child, filter, seen, out);
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

    /// Open projects that serve no current objective, largest budget first.
    pub fn unaligned_sorted(&self) -> Vec<Ix<Project>> {
        let mut list = self.analysis.unaligned().to_vec();
        list.sort_by(|a, b| {
            let budget = |p: &Ix<Project>| self.model.project(*p).budget.unwrap_or(0.0);
            budget(b).total_cmp(&budget(a)).then_with(|| a.cmp(b))
        });
        list
    }
}
