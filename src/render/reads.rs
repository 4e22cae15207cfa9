//! What each page's data reads of the model and analysis, so that a watch
//! session can tell that a page cannot have changed without building its
//! data at all.
//!
//! Page code reaches the model and analysis only through [`ModelReads`]
//! and [`AnalysisReads`]. Their accessors note each thing read (a project,
//! an objective's analysis, the findings about a team) in the recorder of
//! the page being built; anything reached another way (a whole list, a
//! setting) goes through `Deref` and is noted as [`Read::Everything`]. So
//! a page's list of reads is complete by construction: at worst coarser
//! than needed, never missing a read.
//!
//! After an edit, [`Changes`] compares the new model and analysis with the
//! last build's, thing by thing. A page none of whose reads changed is the
//! page already on disk. Values the views compute (the projects serving an
//! objective, a file name and line) are noted with a digest of the value
//! read, and are checked by computing them again.

use std::cell::RefCell;
use std::collections::HashSet;
use std::ops::Deref;

use rayon::prelude::*;

use super::memo::Fingerprint;
use crate::analyse::{Analysis, Finding, ObjectiveAnalysis, PriorityAnalysis, ProjectAnalysis, Subject, TeamAnalysis};
use crate::diag::FileId;
use crate::model::{Checkin, Ix, Model, Objective, Priority, Programme, Project, Review, Team};

/// One thing a page's data was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Read {
    /// A project in the model (but its description) and its analysis.
    Project(u32),
    /// A project's description.
    ProjectBody(u32),
    /// An objective and its analysis.
    Objective(u32),
    /// A priority and its analysis.
    Priority(u32),
    /// A team and its analysis.
    Team(u32),
    /// A check-in.
    Checkin(u32),
    /// A review.
    Review(u32),
    /// The findings about one subject.
    Findings(Subject),
    /// How many things of one kind there are.
    Count(Listed),
    /// A part of the analysis about the whole portfolio.
    Analysis(Part),
    /// A value the views compute, with the digest of what it was.
    Value(Probe, Fingerprint),
    /// Something read as a whole: the page is made again after any change.
    Everything,
}

/// The kinds of things a page may list all of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Listed {
    /// Projects.
    Projects,
    /// Objectives.
    Objectives,
    /// Priorities.
    Priorities,
    /// Teams.
    Teams,
    /// Check-ins.
    Checkins,
    /// Reviews.
    Reviews,
}

/// The parts of the analysis about the whole portfolio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// Open projects that serve no current objective.
    Unaligned,
    /// Current objectives nothing moves.
    Unsupported,
    /// How much open work is aligned.
    Coverage,
    /// The ranked portfolio.
    Portfolio,
    /// Every finding.
    Findings,
}

impl Part {
    const ALL: [Part; 5] = [Part::Unaligned, Part::Unsupported, Part::Coverage, Part::Portfolio, Part::Findings];

    fn same(self, old: &Analysis, new: &Analysis) -> bool {
        match self {
            Part::Unaligned => old.unaligned == new.unaligned,
            Part::Unsupported => old.unsupported == new.unsupported,
            Part::Coverage => old.coverage == new.coverage,
            Part::Portfolio => old.portfolio == new.portfolio,
            Part::Findings => old.findings == new.findings,
        }
    }
}

/// A value computed from the model, checked by computing it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Probe {
    /// The projects serving an objective.
    Linked(u32),
    /// The projects depending on a project.
    Dependents(u32),
    /// What a check-in reported.
    Reported(u32),
    /// The file name and line of a place in a content file.
    Source(FileId, usize),
    /// A project's line in the ranked portfolio.
    Ranked(u32),
}

thread_local! {
    /// The reads of the page being built on this thread, if any is.
    static RECORDER: RefCell<Option<Vec<Read>>> = const { RefCell::new(None) };
}

/// Notes a read for the page being built on this thread (if any: outside
/// [`recording`], reading costs one check).
pub fn record(read: Read) {
    record_with(|| read);
}

/// Notes a computed value read, with its digest (made only while a page
/// is being recorded).
pub fn record_value(probe: Probe, value: impl FnOnce() -> Fingerprint) {
    record_with(|| Read::Value(probe, value()));
}

fn record_with(read: impl FnOnce() -> Read) {
    RECORDER.with(|r| {
        if let Some(reads) = r.borrow_mut().as_mut() {
            reads.push(read());
        }
    });
}

/// Runs `build` and returns what it read, sorted and without repeats.
/// Page code runs on one thread per page (it starts no parallel work of
/// its own), so a thread-local recorder sees every read.
pub fn recording<T>(build: impl FnOnce() -> T) -> (T, Box<[Read]>) {
    /// Puts back the recorder of an enclosing page, even if `build` panics.
    struct Restore(Option<Vec<Read>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take();
            RECORDER.with(|r| *r.borrow_mut() = outer);
        }
    }
    let restore = Restore(RECORDER.with(|r| r.borrow_mut().replace(Vec::new())));
    let value = build();
    let mut reads = RECORDER.with(|r| r.borrow_mut().take()).unwrap_or_default();
    drop(restore);
    reads.sort_unstable();
    reads.dedup();
    if reads.contains(&Read::Everything) {
        reads = vec![Read::Everything];
    }
    (value, reads.into_boxed_slice())
}

/// [`recording`] when `wanted` (in a session); otherwise just `build`.
pub fn recording_if<T>(wanted: bool, build: impl FnOnce() -> T) -> (T, Option<Box<[Read]>>) {
    if wanted {
        let (value, reads) = recording(build);
        (value, Some(reads))
    } else {
        (build(), None)
    }
}

fn raw<T>(ix: Ix<T>) -> u32 {
    ix.index() as u32
}

/// The model as page code sees it: each project, objective, priority,
/// team, check-in or review read is noted; anything else is reached
/// through `Deref` and noted as reading everything.
#[derive(Clone, Copy)]
pub struct ModelReads<'a>(pub(crate) &'a Model);

impl<'a> ModelReads<'a> {
    /// A project.
    pub fn project(self, ix: Ix<Project>) -> &'a Project {
        record(Read::Project(raw(ix)));
        self.0.project(ix)
    }
    /// A project's description.
    pub fn project_body(self, ix: Ix<Project>) -> &'a crate::load::markdown::Body {
        record(Read::ProjectBody(raw(ix)));
        self.0.project_body(ix)
    }
    /// An objective.
    pub fn objective(self, ix: Ix<Objective>) -> &'a Objective {
        record(Read::Objective(raw(ix)));
        self.0.objective(ix)
    }
    /// A priority.
    pub fn priority(self, ix: Ix<Priority>) -> &'a Priority {
        record(Read::Priority(raw(ix)));
        self.0.priority(ix)
    }
    /// A programme: not noted, as any change to programmes makes every
    /// page again (see [`Changes::between`]).
    pub fn programme(self, ix: Ix<Programme>) -> &'a Programme {
        self.0.programme(ix)
    }
    /// Every programme's index (not noted, as for [`Self::programme`]).
    pub fn programme_ixs(self) -> impl Iterator<Item = Ix<Programme>> {
        (0..self.0.programmes.len()).map(Ix::new)
    }
    /// A team.
    pub fn team(self, ix: Ix<Team>) -> &'a Team {
        record(Read::Team(raw(ix)));
        self.0.team(ix)
    }
    /// The `i`-th check-in.
    pub fn checkin(self, i: usize) -> &'a Checkin {
        record(Read::Checkin(i as u32));
        &self.0.checkins[i]
    }
    /// The `i`-th review.
    pub fn review(self, i: usize) -> &'a Review {
        record(Read::Review(i as u32));
        &self.0.reviews[i]
    }
    /// How many check-ins there are.
    pub fn checkin_count(self) -> usize {
        record(Read::Count(Listed::Checkins));
        self.0.checkins.len()
    }
    /// How many projects there are.
    pub fn project_count(self) -> usize {
        record(Read::Count(Listed::Projects));
        self.0.projects.len()
    }
    /// How many objectives there are.
    pub fn objective_count(self) -> usize {
        record(Read::Count(Listed::Objectives));
        self.0.objectives.len()
    }
    /// Every team's index.
    pub fn team_ixs(self) -> impl Iterator<Item = Ix<Team>> {
        record(Read::Count(Listed::Teams));
        (0..self.0.teams.len()).map(Ix::new)
    }
    /// Every project's index.
    pub fn project_ixs(self) -> impl Iterator<Item = Ix<Project>> {
        record(Read::Count(Listed::Projects));
        (0..self.0.projects.len()).map(Ix::new)
    }
    /// Every objective's index.
    pub fn objective_ixs(self) -> impl Iterator<Item = Ix<Objective>> {
        record(Read::Count(Listed::Objectives));
        (0..self.0.objectives.len()).map(Ix::new)
    }
    /// Every priority's index.
    pub fn priority_ixs(self) -> impl Iterator<Item = Ix<Priority>> {
        record(Read::Count(Listed::Priorities));
        (0..self.0.priorities.len()).map(Ix::new)
    }
    /// How many reviews there are.
    pub fn review_count(self) -> usize {
        record(Read::Count(Listed::Reviews));
        self.0.reviews.len()
    }
    /// The organisation's settings. Not noted: a change to them makes
    /// every page again (see [`Changes`]).
    pub fn organisation(self) -> &'a crate::model::Organisation {
        &self.0.organisation
    }
    /// A period. Not noted: a change to the periods makes every page again.
    pub fn period(self, ix: Ix<crate::model::Period>) -> &'a crate::model::Period {
        self.0.period(ix)
    }
    /// An objective's cascade from the top (see [`Model::cascade`]): it
    /// follows the links of the objectives in it, so it reads each.
    pub fn cascade(self, ix: Ix<Objective>) -> Vec<Ix<Objective>> {
        let chain = self.0.cascade(ix);
        for o in &chain {
            record(Read::Objective(raw(*o)));
        }
        chain
    }
    /// A project's weighted score. It reads the project and the scoring
    /// settings, which are part of the organisation: a change there makes
    /// every page again (see [`Changes`]).
    pub fn score(self, ix: Ix<Project>) -> Option<f64> {
        crate::analyse::portfolio::score(self.0, self.project(ix))
    }
    /// The whole model, for code that reads more than one thing: noted as
    /// reading everything.
    pub fn whole(self) -> &'a Model {
        record(Read::Everything);
        self.0
    }
}

impl Deref for ModelReads<'_> {
    type Target = Model;
    fn deref(&self) -> &Model {
        self.whole()
    }
}

/// The analysis as page code sees it (see [`ModelReads`]).
#[derive(Clone, Copy)]
pub struct AnalysisReads<'a> {
    pub(crate) analysis: &'a Analysis,
    pub(crate) model: &'a Model,
}

impl<'a> AnalysisReads<'a> {
    /// A project's analysis.
    pub fn project(self, ix: Ix<Project>) -> &'a ProjectAnalysis {
        record(Read::Project(raw(ix)));
        self.analysis.project(ix)
    }
    /// An objective's analysis.
    pub fn objective(self, ix: Ix<Objective>) -> &'a ObjectiveAnalysis {
        record(Read::Objective(raw(ix)));
        self.analysis.objective(ix)
    }
    /// A priority's analysis.
    pub fn priority(self, ix: Ix<Priority>) -> &'a PriorityAnalysis {
        record(Read::Priority(raw(ix)));
        &self.analysis.priorities[ix.index()]
    }
    /// A team's analysis.
    pub fn team(self, ix: Ix<Team>) -> &'a TeamAnalysis {
        record(Read::Team(raw(ix)));
        &self.analysis.teams[ix.index()]
    }
    /// The findings about one subject.
    pub fn findings_for(self, subject: Subject) -> impl Iterator<Item = &'a Finding> {
        record(Read::Findings(subject));
        self.analysis.findings_for(subject)
    }
    /// The state of a dependency, which reads the two projects.
    pub fn dependency(self, dependency: Ix<Project>, dependent: Ix<Project>) -> crate::analyse::graph::Dependency {
        record(Read::Project(raw(dependency)));
        record(Read::Project(raw(dependent)));
        self.analysis.dependency(self.model, dependency, dependent)
    }
    /// The date the analysis is as of: part of every page's shared values,
    /// so reading it is not noted.
    pub fn as_of(self) -> chrono::NaiveDate {
        self.analysis.as_of
    }
    /// The period treated as current. Not noted: when it changes, every
    /// page is made again.
    pub fn current_period(self) -> Option<&'a crate::model::Period> {
        self.analysis.current_period.as_ref()
    }
    /// Open projects that serve no current objective.
    pub fn unaligned(self) -> &'a [Ix<Project>] {
        record(Read::Analysis(Part::Unaligned));
        &self.analysis.unaligned
    }
    /// Current objectives nothing moves.
    pub fn unsupported(self) -> &'a [Ix<Objective>] {
        record(Read::Analysis(Part::Unsupported));
        &self.analysis.unsupported
    }
    /// How much open work is aligned.
    pub fn coverage(self) -> &'a crate::analyse::Coverage {
        record(Read::Analysis(Part::Coverage));
        &self.analysis.coverage
    }
    /// The ranked portfolio.
    pub fn portfolio(self) -> &'a crate::analyse::portfolio::Portfolio {
        record(Read::Analysis(Part::Portfolio));
        &self.analysis.portfolio
    }
    /// Every finding.
    pub fn findings(self) -> &'a [Finding] {
        record(Read::Analysis(Part::Findings));
        &self.analysis.findings
    }
    /// The whole analysis: noted as reading everything.
    pub fn whole(self) -> &'a Analysis {
        record(Read::Everything);
        self.analysis
    }
}

impl Deref for AnalysisReads<'_> {
    type Target = Analysis;
    fn deref(&self) -> &Analysis {
        self.whole()
    }
}

/// What changed between two builds' models and analyses, thing by thing.
///
/// Things are matched by id, not by position: a file added or removed
/// moves every later thing of its kind along the list, but the things
/// themselves did not change. Reads name things by position in the build
/// that recorded them, so a kept output's reads are [renumbered](Changes::renumber)
/// for the next build.
#[derive(Debug, Default)]
pub struct Changes {
    /// Nothing can be trusted to be as it was (no last build, or the
    /// organisation, periods or as-of date changed).
    everything: bool,
    /// The kinds whose number changed.
    counts: Vec<Listed>,
    projects: Kind,
    project_bodies: Vec<bool>,
    objectives: Kind,
    priorities: Kind,
    teams: Kind,
    checkins: Kind,
    reviews: Kind,
    /// The subjects (as the last build numbered them) whose findings differ.
    findings: HashSet<Subject>,
    parts: Vec<Part>,
    /// Whether some thing moved along its list.
    shifted: bool,
}

/// One kind of thing across two builds, by the last build's positions.
#[derive(Debug, Default)]
struct Kind {
    /// Where each thing is now, if it is still there.
    now: Vec<Option<u32>>,
    /// Where each thing of this build was in the last, if it was there.
    before: Vec<Option<u32>>,
    /// Whether each thing changed (or is gone).
    changed: Vec<bool>,
}

impl Kind {
    /// Matches `old` and `new` by id; `same(i, j)` says whether the old
    /// `i`-th and the new `j`-th are alike.
    fn between<T: Sync>(
        old: &[T],
        new: &[T],
        id: impl Fn(&T) -> &str + Sync,
        same: impl Fn(usize, usize) -> bool + Sync,
    ) -> Kind {
        let place: std::collections::HashMap<&str, u32> =
            new.iter().enumerate().map(|(j, t)| (id(t), j as u32)).collect();
        let now: Vec<Option<u32>> = old.iter().map(|t| place.get(id(t)).copied()).collect();
        let mut before = vec![None; new.len()];
        for (i, j) in now.iter().enumerate() {
            if let Some(j) = j {
                before[*j as usize] = Some(i as u32);
            }
        }
        let changed = now.par_iter().enumerate().map(|(i, j)| j.is_none_or(|j| !same(i, j as usize))).collect();
        Kind { now, before, changed }
    }

    /// Whether every thing kept its position.
    fn in_place(&self) -> bool {
        self.now.len() == self.before.len() && self.now.iter().enumerate().all(|(i, j)| *j == Some(i as u32))
    }

    fn changed(&self, i: u32) -> bool {
        self.changed.get(i as usize).copied().unwrap_or(true)
    }

    fn now(&self, i: u32) -> Option<u32> {
        self.now.get(i as usize).copied().flatten()
    }
}

fn same_finding(a: &Finding, b: &Finding) -> bool {
    // The subject is the key the two were matched by.
    Finding { subject: b.subject, ..a.clone() } == *b
}

impl Changes {
    /// Everything changed: no page is reused.
    pub fn everything() -> Self {
        Changes { everything: true, ..Changes::default() }
    }

    /// Compares the last build's model and analysis with this build's.
    pub fn between(old: (&Model, &Analysis), new: (&Model, &Analysis)) -> Self {
        let ((om, oa), (nm, na)) = (old, new);
        if om.organisation != nm.organisation
            || om.periods != nm.periods
            || oa.as_of != na.as_of
            || oa.current_period != na.current_period
        {
            return Changes::everything();
        }
        // Programmes are few and shape many pages (their own, the lists,
        // every page of their projects): any change to one makes every
        // page again, and pages read them without noting it.
        let programme_ids = |m: &Model, g: &crate::model::Programme| -> Vec<String> {
            g.projects.iter().map(|p| m.project(*p).id.clone()).collect()
        };
        let same_programmes = om.programmes.len() == nm.programmes.len()
            && om.programmes.iter().zip(&nm.programmes).all(|(a, b)| {
                crate::model::Programme { projects: b.projects.clone(), ..a.clone() } == *b
                    && programme_ids(om, a) == programme_ids(nm, b)
            });
        if !same_programmes {
            return Changes::everything();
        }
        let counts = [
            (Listed::Projects, om.projects.len(), nm.projects.len()),
            (Listed::Objectives, om.objectives.len(), nm.objectives.len()),
            (Listed::Priorities, om.priorities.len(), nm.priorities.len()),
            (Listed::Teams, om.teams.len(), nm.teams.len()),
            (Listed::Checkins, om.checkins.len(), nm.checkins.len()),
            (Listed::Reviews, om.reviews.len(), nm.reviews.len()),
        ];
        // Analyses name projects by position: when projects moved along
        // the list, compare them as the last build numbered them.
        let place: std::collections::HashMap<&str, usize> =
            nm.projects.iter().enumerate().map(|(j, p)| (p.id.as_str(), j)).collect();
        let moved =
            om.projects.len() != nm.projects.len() || om.projects.iter().zip(&nm.projects).any(|(a, b)| a.id != b.id);
        let now = |list: &[Ix<Project>]| -> Option<Vec<Ix<Project>>> {
            list.iter().map(|p| place.get(om.projects[p.index()].id.as_str()).map(|j| Ix::new(*j))).collect()
        };
        let same_projects = |old: &[Ix<Project>], new: &[Ix<Project>]| match moved {
            false => old == new,
            true => now(old).is_some_and(|old| old == new),
        };
        let projects = Kind::between(
            &om.projects,
            &nm.projects,
            |p| &p.id,
            |i, j| {
                let (a, b) = (&om.projects[i], &nm.projects[j]);
                let model = match moved {
                    false => a == b,
                    true => {
                        same_projects(&a.depends_on, &b.depends_on)
                            && crate::model::Project { depends_on: b.depends_on.clone(), ..a.clone() } == *b
                    }
                };
                model && oa.projects[i] == na.projects[j]
            },
        );
        let project_bodies = (0..om.projects.len())
            .map(|i| projects.now(i as u32).is_none_or(|j| om.project_bodies[i] != nm.project_bodies[j as usize]))
            .collect();
        let mut changes = Changes {
            everything: false,
            counts: counts.iter().filter(|(_, a, b)| a != b).map(|(kind, _, _)| *kind).collect(),
            project_bodies,
            objectives: Kind::between(
                &om.objectives,
                &nm.objectives,
                |o| &o.id,
                |i, j| {
                    let (a, b) = (&oa.objectives[i], &na.objectives[j]);
                    om.objectives[i] == nm.objectives[j]
                        && same_projects(&a.projects, &b.projects)
                        && crate::analyse::ObjectiveAnalysis { projects: b.projects.clone(), ..a.clone() } == *b
                },
            ),
            priorities: Kind::between(
                &om.priorities,
                &nm.priorities,
                |p| &p.id,
                |i, j| {
                    let (a, b) = (&oa.priorities[i], &na.priorities[j]);
                    om.priorities[i] == nm.priorities[j]
                        && same_projects(&a.projects, &b.projects)
                        && crate::analyse::PriorityAnalysis { projects: b.projects.clone(), ..a.clone() } == *b
                },
            ),
            teams: Kind::between(
                &om.teams,
                &nm.teams,
                |t| &t.id,
                |i, j| {
                    let (a, b) = (&oa.teams[i], &na.teams[j]);
                    om.teams[i] == nm.teams[j]
                        && same_projects(&a.projects, &b.projects)
                        && crate::analyse::TeamAnalysis { projects: b.projects.clone(), ..a.clone() } == *b
                },
            ),
            checkins: Kind::between(&om.checkins, &nm.checkins, |c| &c.id, |i, j| om.checkins[i] == nm.checkins[j]),
            reviews: Kind::between(&om.reviews, &nm.reviews, |r| &r.id, |i, j| om.reviews[i] == nm.reviews[j]),
            projects,
            findings: HashSet::new(),
            parts: Part::ALL.into_iter().filter(|part| !part.same(oa, na)).collect(),
            shifted: false,
        };
        changes.shifted = !changes.kinds().iter().all(|kind| kind.in_place());
        // A list read by position (a page of a list) changes when its things
        // moved along, even if their number did not (a file renamed).
        let listed = [
            Listed::Projects,
            Listed::Objectives,
            Listed::Priorities,
            Listed::Teams,
            Listed::Checkins,
            Listed::Reviews,
        ];
        let moved: Vec<Listed> =
            listed.into_iter().zip(changes.kinds()).filter(|(_, kind)| !kind.in_place()).map(|(l, _)| l).collect();
        for listed in moved {
            if !changes.counts.contains(&listed) {
                changes.counts.push(listed);
            }
        }
        changes.findings = changes.findings_differ(oa, na);
        changes
    }

    /// The subjects (by the last build's numbering) whose findings differ.
    fn findings_differ(&self, old: &Analysis, new: &Analysis) -> HashSet<Subject> {
        if old.findings == new.findings && !self.shifted {
            return HashSet::new();
        }
        let mut subjects: HashSet<Subject> = old.findings.iter().map(|f| f.subject).collect();
        subjects.extend(new.findings.iter().filter_map(|f| self.subject_before(f.subject)));
        subjects
            .into_iter()
            .filter(|s| match self.subject_now(*s) {
                None => true,
                Some(now) => {
                    let (mut a, mut b) = (old.findings_for(*s), new.findings_for(now));
                    loop {
                        match (a.next(), b.next()) {
                            (None, None) => break false,
                            (Some(x), Some(y)) if same_finding(x, y) => continue,
                            _ => break true,
                        }
                    }
                }
            })
            .collect()
    }

    fn kinds(&self) -> [&Kind; 6] {
        [&self.projects, &self.objectives, &self.priorities, &self.teams, &self.checkins, &self.reviews]
    }

    /// A subject as this build numbers it, if it is still there.
    fn subject_now(&self, subject: Subject) -> Option<Subject> {
        Some(match subject {
            Subject::Organisation => Subject::Organisation,
            Subject::Project(p) => Subject::Project(Ix::new(self.projects.now(p.index() as u32)? as usize)),
            Subject::Objective(o) => Subject::Objective(Ix::new(self.objectives.now(o.index() as u32)? as usize)),
            Subject::Priority(p) => Subject::Priority(Ix::new(self.priorities.now(p.index() as u32)? as usize)),
            Subject::Team(t) => Subject::Team(Ix::new(self.teams.now(t.index() as u32)? as usize)),
            // Programmes are the same in both builds, or nothing is kept.
            Subject::Programme(g) => Subject::Programme(g),
            Subject::Review(r) => Subject::Review(Ix::new(self.reviews.now(r.index() as u32)? as usize)),
        })
    }

    /// A subject of this build as the last build numbered it, if it was
    /// there.
    fn subject_before(&self, subject: Subject) -> Option<Subject> {
        let before = |kind: &Kind, j: usize| kind.before.get(j).copied().flatten().map(|i| i as usize);
        Some(match subject {
            Subject::Organisation => Subject::Organisation,
            Subject::Project(p) => Subject::Project(Ix::new(before(&self.projects, p.index())?)),
            Subject::Objective(o) => Subject::Objective(Ix::new(before(&self.objectives, o.index())?)),
            Subject::Priority(p) => Subject::Priority(Ix::new(before(&self.priorities, p.index())?)),
            Subject::Team(t) => Subject::Team(Ix::new(before(&self.teams, t.index())?)),
            Subject::Programme(g) => Subject::Programme(g),
            Subject::Review(r) => Subject::Review(Ix::new(before(&self.reviews, r.index())?)),
        })
    }

    /// Whether nothing at all changed.
    pub fn is_empty(&self) -> bool {
        let any = |flags: &[bool]| flags.iter().any(|f| *f);
        !self.everything
            && self.counts.is_empty()
            && self.findings.is_empty()
            && self.parts.is_empty()
            && !self.shifted
            && !any(&self.project_bodies)
            && !self.kinds().iter().any(|kind| any(&kind.changed))
    }

    /// A probe as this build numbers it, if what it is about is still there.
    pub fn probe_now(&self, probe: Probe) -> Option<Probe> {
        Some(match probe {
            Probe::Linked(o) => Probe::Linked(self.objectives.now(o)?),
            Probe::Dependents(p) => Probe::Dependents(self.projects.now(p)?),
            Probe::Reported(c) => Probe::Reported(self.checkins.now(c)?),
            Probe::Ranked(p) => Probe::Ranked(self.projects.now(p)?),
            Probe::Source(file, at) => Probe::Source(file, at),
        })
    }

    /// Whether a page with these reads (numbered as the last build numbered
    /// things) may differ from the last build's; `value` computes a probe's
    /// value's digest now (the probe numbered as this build numbers things).
    pub fn touch(&self, reads: &[Read], value: impl Fn(Probe) -> Option<Fingerprint>) -> bool {
        self.everything
            || reads.iter().any(|read| match *read {
                Read::Project(i) => self.projects.changed(i),
                Read::ProjectBody(i) => self.project_bodies.get(i as usize).copied().unwrap_or(true),
                Read::Objective(i) => self.objectives.changed(i),
                Read::Priority(i) => self.priorities.changed(i),
                Read::Team(i) => self.teams.changed(i),
                Read::Checkin(i) => self.checkins.changed(i),
                Read::Review(i) => self.reviews.changed(i),
                Read::Findings(subject) => self.findings.contains(&subject),
                Read::Count(kind) => self.counts.contains(&kind),
                Read::Analysis(part) => self.parts.contains(&part),
                Read::Value(probe, was) => self.probe_now(probe).and_then(&value) != Some(was),
                Read::Everything => true,
            })
    }

    /// The reads of an output kept from the last build, numbered as this
    /// build numbers things (only outputs none of whose reads changed are
    /// kept, so everything they read is still there).
    pub fn renumber(&self, reads: &std::sync::Arc<[Read]>) -> std::sync::Arc<[Read]> {
        if self.everything || !self.shifted {
            return reads.clone();
        }
        let now = |kind: &Kind, i: u32| kind.now(i).unwrap_or(u32::MAX);
        let mut renumbered: Vec<Read> = reads
            .iter()
            .map(|read| match *read {
                Read::Project(i) => Read::Project(now(&self.projects, i)),
                Read::ProjectBody(i) => Read::ProjectBody(now(&self.projects, i)),
                Read::Objective(i) => Read::Objective(now(&self.objectives, i)),
                Read::Priority(i) => Read::Priority(now(&self.priorities, i)),
                Read::Team(i) => Read::Team(now(&self.teams, i)),
                Read::Checkin(i) => Read::Checkin(now(&self.checkins, i)),
                Read::Review(i) => Read::Review(now(&self.reviews, i)),
                Read::Findings(subject) => match self.subject_now(subject) {
                    Some(subject) => Read::Findings(subject),
                    None => Read::Everything,
                },
                Read::Value(probe, was) => match self.probe_now(probe) {
                    Some(probe) => Read::Value(probe, was),
                    None => Read::Everything,
                },
                other => other,
            })
            .collect();
        renumbered.sort_unstable();
        renumbered.dedup();
        renumbered.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> std::sync::Arc<(Model, Analysis)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let checked = crate::check(root, chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        checked.result.expect("the example has no errors")
    }

    #[test]
    fn reads_are_noted_only_while_recording_and_a_whole_read_absorbs_the_rest() {
        let site = example();
        let (model, analysis) = (ModelReads(&site.0), AnalysisReads { analysis: &site.1, model: &site.0 });
        model.project(Ix::new(0));
        let ((), reads) = recording(|| {
            model.project(Ix::new(1));
            analysis.objective(Ix::new(2));
            model.project(Ix::new(1));
        });
        assert_eq!(&*reads, &[Read::Project(1), Read::Objective(2)]);
        let ((), reads) = recording(|| {
            model.project(Ix::new(1));
            let _ = model.projects.len();
        });
        assert_eq!(&*reads, &[Read::Everything], "a list read through Deref reads everything");
    }

    /// A session looks an output's reads up by the path it names before
    /// it is made: that must be the path of its (first) file.
    #[test]
    fn every_output_names_the_path_of_its_file() {
        with_example_renderer(|renderer| {
            let outputs = renderer.outputs();
            assert!(outputs.len() > 50);
            for output in outputs {
                let path = renderer.path(output);
                let finished = renderer.draft(output).finish().unwrap();
                if let Some(first) = finished.files.first() {
                    assert_eq!(path, first.path);
                }
            }
        });
    }

    /// The page about one thing reads that thing and its neighbours, not
    /// the whole portfolio: otherwise every edit would build it again.
    #[test]
    fn pages_about_one_thing_read_only_what_they_show() {
        with_example_renderer(|renderer| {
            let mut recorded = Vec::new();
            for output in renderer.outputs() {
                let path = renderer.path(output);
                let (_, reads) = recording(|| renderer.draft(output));
                recorded.push((path, reads));
            }
            let kinds = ["projects/", "objectives/", "priorities/", "teams/", "checkins/", "reviews/"];
            for kind in kinds {
                assert!(recorded.iter().any(|(path, _)| path.starts_with(kind)), "no {kind} page recorded");
            }
            let whole: Vec<&String> =
                recorded.iter().filter(|(_, reads)| reads.contains(&Read::Everything)).map(|(path, _)| path).collect();
            // Packs, review pages and the data files (with every review's
            // comparison) read past states of the portfolio, models a
            // session does not compare: they are made again each time
            // (their finished files are reused when unchanged).
            assert_eq!(
                whole,
                [
                    "reviews/2026-09-board/index.html",
                    "reviews/2026-11-board/index.html",
                    "reviews/2026-09-board.html",
                    "reviews/2026-11-board.html",
                    "reviews/2026-09-board/2026-09-board.pdf",
                    "reviews/2026-11-board/2026-11-board.pdf",
                    "data/analysis.json",
                    "search-index.js"
                ],
                "only the search index, the data files, the packs and the review pages read everything"
            );
            let project = recorded.iter().find(|(path, _)| path == "projects/cloud-hosting-migration.html").unwrap();
            assert!(project.1.len() < 40, "{:?}", project.1);
        });
    }

    /// Runs `test` with a renderer of the example site.
    fn with_example_renderer(test: impl FnOnce(&crate::render::Renderer<'_>)) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let checked = crate::check(root, chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        let (model, analysis) = checked.result.as_deref().unwrap();
        let theme = crate::render::Theme::builtin();
        let options = crate::render::RenderOptions { pdf: false };
        let renderer = crate::render::Renderer::new(model, analysis, &checked.sources, &theme, options).unwrap();
        test(&renderer);
    }

    #[test]
    fn a_recording_inside_another_keeps_the_outer_one() {
        let site = example();
        let model = ModelReads(&site.0);
        let ((inner, ()), outer) = recording(|| {
            model.team(Ix::new(0));
            let inner = recording(|| model.priority(Ix::new(0))).1;
            model.team(Ix::new(1));
            (inner, ())
        });
        assert_eq!(&*inner, &[Read::Priority(0)]);
        assert_eq!(&*outer, &[Read::Team(0), Read::Team(1)]);
    }

    #[test]
    fn changes_name_exactly_what_differs() {
        let old = example();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let same = crate::check(root, as_of).result.unwrap();
        let unchanged = Changes::between((&old.0, &old.1), (&same.0, &same.1));
        assert!(unchanged.is_empty(), "the same content changes nothing");
        assert!(!unchanged.touch(&[Read::Project(0), Read::Findings(Subject::Organisation)], |_| None));
        assert!(unchanged.touch(&[Read::Everything], |_| None));
        assert!(unchanged.touch(&[Read::Value(Probe::Linked(0), 1)], |_| Some(2)), "a probe that differs");
        assert!(!unchanged.touch(&[Read::Value(Probe::Linked(0), 1)], |_| Some(1)));

        let mut edited = crate::check(root, as_of).result.unwrap();
        let (model, analysis) = std::sync::Arc::get_mut(&mut edited).unwrap();
        model.projects[3].title.push_str(" (renamed)");
        let changes = Changes::between((&old.0, &old.1), (model, analysis));
        assert!(changes.touch(&[Read::Project(3)], |_| None));
        assert!(!changes.touch(&[Read::Project(2), Read::Objective(3)], |_| None));
        assert!(changes.touch(&[Read::Project(u32::MAX)], |_| None), "a thing not there before");

        model.organisation.name.push('!');
        assert!(Changes::between((&old.0, &old.1), (model, analysis)).touch(&[], |_| None));
    }

    /// A file added that sorts before the others moves every later project
    /// along the list: they are matched by id, not position, so none of them
    /// counts as changed, and what kept pages read is renumbered.
    #[test]
    fn a_project_added_before_the_others_changes_none_of_them() {
        let old = example();
        let site = tempfile::tempdir().unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        crate::tests::copy_dir(&root.join("content"), &site.path().join("content"));
        let text = "+++\ntitle = \"A first project\"\nstatus = \"proposed\"\n+++\nNew.\n";
        std::fs::write(site.path().join("content/projects/aaa-first.md"), text).unwrap();
        let new = crate::check(site.path(), chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()).result.unwrap();
        assert_eq!(new.0.projects.len(), old.0.projects.len() + 1);
        let changes = Changes::between((&old.0, &old.1), (&new.0, &new.1));
        for (i, project) in old.0.projects.iter().enumerate() {
            let read = [Read::Project(i as u32), Read::ProjectBody(i as u32)];
            assert!(!changes.touch(&read, |_| None), "{} changed", project.id);
            let renumbered = changes.renumber(&std::sync::Arc::from(&read[..1]));
            let j = new.0.projects.iter().position(|p| p.id == project.id).unwrap();
            assert_eq!(&*renumbered, &[Read::Project(j as u32)]);
        }
        assert!(changes.touch(&[Read::Count(Listed::Projects)], |_| None), "the number of projects changed");
    }
}
