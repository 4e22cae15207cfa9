//! The model: the organisation's strategy and portfolio as typed, resolved,
//! immutable data.
//!
//! Raw front matter becomes these structs in one pass ([`build`]) that
//! checks every value and resolves every reference to a typed index, so no
//! later stage looks anything up by string or meets a dangling id. Every
//! thing keeps the [`Location`] it came from, so findings can point back at
//! the file and line.

pub(crate) mod build;
mod checks;
mod period;

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

pub use build::build;
pub use period::{Period, parse_period_id};

use crate::analyse::rules::Rule;
use crate::diag::{Location, Severity};
use crate::load::{Body, RawHtml};

/// An accepted finding: one rule, for one item, with a reason.
#[derive(Debug, PartialEq, Clone)]
pub struct Waiver {
    /// The rule waived.
    pub rule: &'static Rule,
    /// Why it is accepted (shown beside the finding).
    pub reason: String,
    /// The waiver lapses after this date.
    pub until: Option<NaiveDate>,
    /// Where it is written.
    pub location: Location,
}

/// A typed index into one of the model's lists: `Ix<Project>` can only
/// index projects, so mixing up kinds is a compile error.
pub struct Ix<T> {
    raw: u32,
    kind: PhantomData<fn() -> T>,
}

impl<T> Ix<T> {
    /// The index of the `i`-th item.
    pub fn new(i: usize) -> Self {
        Ix { raw: u32::try_from(i).expect("fewer than 4 billion items"), kind: PhantomData }
    }

    /// The position in the list.
    pub fn index(self) -> usize {
        self.raw as usize
    }
}

impl<T> Clone for Ix<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Ix<T> {}
impl<T> PartialEq for Ix<T> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}
impl<T> Eq for Ix<T> {}
impl<T> PartialOrd for Ix<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Ix<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.raw.cmp(&other.raw)
    }
}
impl<T> std::hash::Hash for Ix<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.raw.hash(state);
    }
}
impl<T> fmt::Debug for Ix<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.raw)
    }
}

/// The whole site's content, resolved.
#[derive(Debug, Clone)]
pub struct Model {
    /// Name, vision, settings, scoring and limits.
    pub organisation: Organisation,
    /// Periods listed in organisation.toml or named by content, by start date.
    pub periods: Vec<Period>,
    /// Strategic priorities, in display order.
    pub priorities: Vec<Priority>,
    /// Objectives, in path order.
    pub objectives: Vec<Objective>,
    /// Projects, in path order.
    pub projects: Vec<Project>,
    /// Each project's description, parallel to `projects`: kept apart so
    /// that what shows a project's fields but not its description (lists,
    /// charts, the data downloads) is seen not to change when only the
    /// description does.
    pub project_bodies: Vec<Arc<Body>>,
    /// Teams, in id order.
    pub teams: Vec<Team>,
    /// Programmes, in file order.
    pub programmes: Vec<Programme>,
    /// Check-ins, oldest first.
    pub checkins: Vec<Checkin>,
    /// Reviews, oldest first.
    pub reviews: Vec<Review>,
    /// Where each content file comes in path order, for sorting what is
    /// located in files (file ids do not sort like paths).
    pub file_order: std::collections::HashMap<crate::diag::FileId, usize>,
}

/// The latest check-in by date wins over the values written in the files.
pub(crate) fn latest_wins(objectives: &mut [Objective], projects: &mut [Project]) {
    for objective in objectives.iter_mut() {
        for kr in &mut objective.key_results {
            kr.current = kr.history.last().map(|last| last.value).or(kr.written.value);
            kr.confidence = kr.history.last().and_then(|last| last.confidence).or(kr.written.confidence);
        }
    }
    for project in projects.iter_mut() {
        project.rag = project.rag_history.last().map(|last| last.rag).or(project.written_rag);
    }
}

impl Model {
    /// The portfolio as it stood on `cut_off`, for the pack of `review`:
    /// check-ins after it left out, and the decisions and actions of
    /// later reviews. What has no dated history (budgets, spend, status)
    /// stays as the files say today.
    pub fn as_of(&self, cut_off: NaiveDate, review: usize) -> Model {
        let mut model = self.clone();
        model.checkins.retain(|c| c.date <= cut_off);
        for objective in &mut model.objectives {
            for kr in &mut objective.key_results {
                kr.history.retain(|h| h.date <= cut_off);
            }
            if objective.close.as_ref().and_then(|c| c.date).is_some_and(|d| d > cut_off) {
                objective.close = None;
            }
        }
        for project in &mut model.projects {
            project.rag_history.retain(|h| h.date <= cut_off);
        }
        latest_wins(&mut model.objectives, &mut model.projects);
        // Before its period began, a key result nobody had reported stood
        // at its baseline, not at today's value.
        let periods = &model.periods;
        for objective in &mut model.objectives {
            let future = objective.period.is_some_and(|p| periods[p.index()].start > cut_off);
            for kr in objective.key_results.iter_mut().filter(|kr| future && kr.history.is_empty()) {
                kr.current = kr.start.or(kr.current);
            }
        }
        // The period then: the one the review is about, else the one the
        // cut-off falls in (an explicit `current_period` is about today).
        let explicit = model.organisation.current_period.filter(|p| model.periods[p.index()].contains(cut_off));
        model.organisation.current_period = model.reviews.get(review).and_then(|r| r.period).or(explicit);
        for (i, r) in model.reviews.iter_mut().enumerate() {
            if i != review && r.date.is_some_and(|d| d > cut_off) {
                r.decisions.clear();
                r.actions.clear();
            }
        }
        model
    }

    /// What is dated after `cut_off`, besides `review`'s own decisions.
    pub fn news_after(&self, cut_off: NaiveDate, review: usize) -> News {
        let later = |d: Option<NaiveDate>| d.is_some_and(|d| d > cut_off);
        News {
            checkins: self.checkins.iter().filter(|c| c.date > cut_off).count(),
            reviews: self
                .reviews
                .iter()
                .enumerate()
                .filter(|(i, r)| *i != review && later(r.date) && !(r.decisions.is_empty() && r.actions.is_empty()))
                .count(),
            closes: self.objectives.iter().filter(|o| later(o.close.as_ref().and_then(|c| c.date))).count(),
        }
    }

    /// Whether anything is dated after `cut_off` (see [`Model::news_after`]):
    /// if not, the portfolio as of then is the one the files describe.
    pub fn has_news_after(&self, cut_off: NaiveDate, review: usize) -> bool {
        self.news_after(cut_off, review) != News::default()
    }

    /// The latest review of the same kind dated before the `i`-th.
    pub fn previous_of_kind(&self, i: usize) -> Option<usize> {
        let (r, date) = (&self.reviews[i], self.reviews[i].date?);
        let earlier =
            |(j, other): &(usize, &Review)| *j != i && other.kind == r.kind && other.date.is_some_and(|d| d < date);
        self.reviews.iter().enumerate().filter(earlier).max_by_key(|(_, other)| other.date).map(|(j, _)| j)
    }

    /// The earliest review of the same kind dated after the `i`-th.
    pub fn next_of_kind(&self, i: usize) -> Option<usize> {
        let (r, date) = (&self.reviews[i], self.reviews[i].date?);
        let later =
            |(j, other): &(usize, &Review)| *j != i && other.kind == r.kind && other.date.is_some_and(|d| d > date);
        self.reviews.iter().enumerate().filter(later).min_by_key(|(_, other)| other.date).map(|(j, _)| j)
    }

    /// The latest review of `kind` held on or before `date`.
    pub fn last_of_kind(&self, kind: ReviewKind, date: NaiveDate) -> Option<usize> {
        let held = |(_, r): &(usize, &Review)| r.kind == kind && r.date.is_some_and(|d| d <= date);
        self.reviews.iter().enumerate().filter(held).max_by_key(|(_, r)| r.date).map(|(j, _)| j)
    }

    /// The first review after the `i`-th that decided `project` other than
    /// by deferring it again: where a deferral was taken.
    pub fn taken_after(&self, i: usize, project: Ix<Project>) -> Option<usize> {
        let date = self.reviews[i].date?;
        let takes = |(_, r): &(usize, &Review)| {
            r.date.is_some_and(|d| d > date)
                && r.decisions.iter().any(|d| d.project == Some(project) && d.decision != Decision::Defer)
        };
        self.reviews.iter().enumerate().filter(takes).min_by_key(|(_, r)| r.date).map(|(j, _)| j)
    }

    /// Where a file comes in path order (files the model does not know of
    /// come last).
    pub fn file_rank(&self, file: crate::diag::FileId) -> usize {
        self.file_order.get(&file).copied().unwrap_or(usize::MAX)
    }
    /// A priority by index.
    pub fn priority(&self, ix: Ix<Priority>) -> &Priority {
        &self.priorities[ix.index()]
    }
    /// An objective by index.
    pub fn objective(&self, ix: Ix<Objective>) -> &Objective {
        &self.objectives[ix.index()]
    }
    /// A project by index.
    pub fn project(&self, ix: Ix<Project>) -> &Project {
        &self.projects[ix.index()]
    }
    /// A project's description.
    pub fn project_body(&self, ix: Ix<Project>) -> &Body {
        &self.project_bodies[ix.index()]
    }
    /// A programme by index.
    pub fn programme(&self, ix: Ix<Programme>) -> &Programme {
        &self.programmes[ix.index()]
    }
    /// Every programme's index.
    pub fn programme_ixs(&self) -> impl Iterator<Item = Ix<Programme>> + '_ {
        (0..self.programmes.len()).map(Ix::new)
    }
    /// A team by index.
    pub fn team(&self, ix: Ix<Team>) -> &Team {
        &self.teams[ix.index()]
    }
    /// A period by index.
    pub fn period(&self, ix: Ix<Period>) -> &Period {
        &self.periods[ix.index()]
    }

    /// Indices of all objectives.
    pub fn objective_ixs(&self) -> impl Iterator<Item = Ix<Objective>> + '_ {
        (0..self.objectives.len()).map(Ix::new)
    }
    /// Indices of all projects.
    pub fn project_ixs(&self) -> impl Iterator<Item = Ix<Project>> + '_ {
        (0..self.projects.len()).map(Ix::new)
    }
    /// Indices of all priorities.
    pub fn priority_ixs(&self) -> impl Iterator<Item = Ix<Priority>> + '_ {
        (0..self.priorities.len()).map(Ix::new)
    }
    /// Indices of all teams.
    pub fn team_ixs(&self) -> impl Iterator<Item = Ix<Team>> + '_ {
        (0..self.teams.len()).map(Ix::new)
    }

    /// The priority an objective serves, following `parent` links up the
    /// cascade. `None` if the chain ends without one.
    pub fn root_priority(&self, objective: Ix<Objective>) -> Option<Ix<Priority>> {
        let mut current = objective;
        // The build rejects cascade loops; the bound is a belt for the braces.
        for _ in 0..=self.objectives.len() {
            match self.objective(current).link {
                Some(ObjectiveLink::Priority(p)) => return Some(p),
                Some(ObjectiveLink::Parent(parent)) => current = parent,
                None => return None,
            }
        }
        None
    }

    /// The objective's cascade from the top: `[company, …, objective]`.
    pub fn cascade(&self, objective: Ix<Objective>) -> Vec<Ix<Objective>> {
        let mut chain = vec![objective];
        let mut current = objective;
        while let Some(ObjectiveLink::Parent(parent)) = self.objective(current).link {
            if chain.contains(&parent) {
                break;
            }
            chain.push(parent);
            current = parent;
        }
        chain.reverse();
        chain
    }
}

/// What came after a date: check-ins, reviews that decided or asked for
/// something, and objectives closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct News {
    /// Check-ins.
    pub checkins: usize,
    /// Reviews with decisions or actions.
    pub reviews: usize,
    /// Objectives closed.
    pub closes: usize,
}

/// organisation.toml, checked and with defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Organisation {
    /// The organisation's name.
    pub name: String,
    /// The vision everything traces up to.
    pub vision: Option<String>,
    /// The mission statement.
    pub mission: Option<String>,
    /// ISO currency code for every money amount (default GBP).
    pub currency: String,
    /// The period the site is about, if set explicitly.
    pub current_period: Option<Ix<Period>>,
    /// Site settings.
    pub site: SiteSettings,
    /// Prioritisation criteria and capacity.
    pub scoring: Scoring,
    /// Focus rules used by the analysis.
    pub limits: Limits,
    /// Rule severities set under `[rules]`; `None` switches a rule off.
    pub rule_levels: BTreeMap<&'static str, Option<Severity>>,
    /// The page board packs are set on, unless a review says otherwise.
    pub packs: PageSetup,
    /// How often check-ins and reviews are meant to happen.
    pub rhythm: Rhythm,
    /// Where organisation.toml is.
    pub location: Location,
}

/// `[site]`.
#[derive(Debug, PartialEq, Clone, Serialize)]
pub struct SiteSettings {
    /// Title of the site (defaults to the organisation's name).
    pub title: String,
    /// A sentence describing the site.
    pub description: Option<String>,
    /// Absolute URL the site is published at; links stay relative anyway.
    pub base_url: Option<String>,
    /// The theme folder name under `themes/` (default `default`).
    pub theme: String,
    /// How raw HTML in Markdown bodies was treated (bodies are rendered as
    /// they load; this records the setting for the site's templates).
    pub raw_html: RawHtml,
}

/// `[scoring]`.
#[derive(Debug, PartialEq, Clone, Default)]
pub struct Scoring {
    /// Budget available for the portfolio, in the organisation's currency.
    pub capacity: Option<f64>,
    /// The criteria projects are scored against.
    pub criteria: Vec<Criterion>,
}

/// A prioritisation criterion with its weight.
#[derive(Debug, PartialEq, Clone)]
pub struct Criterion {
    /// Id used in projects' `scores`.
    pub id: String,
    /// Human title.
    pub title: String,
    /// Relative weight.
    pub weight: f64,
    /// Whether a high score is good (`higher`, the default) or a low one
    /// (`lower`: risk, cost, complexity).
    pub better: Better,
}

/// Which end of a criterion's 1–5 scale is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    /// 5 is best (strategic fit, benefit).
    #[default]
    Higher,
    /// 1 is best (risk, cost, complexity).
    Lower,
}

impl Better {
    /// The words allowed in files.
    pub const CHOICES: &[(&'static str, Better)] = &[("higher", Better::Higher), ("lower", Better::Lower)];

    /// A score as it counts towards the ranking, where higher is always
    /// better: on a lower-is-better criterion 1 counts as 5 and 5 as 1.
    pub fn counted(self, score: f64) -> f64 {
        match self {
            Better::Higher => score,
            Better::Lower => (SCORE_MAX + SCORE_MIN - score).clamp(SCORE_MIN, SCORE_MAX),
        }
    }
}

/// The scale projects are scored on.
pub const SCORE_MIN: f64 = 1.0;
/// See [`SCORE_MIN`].
pub const SCORE_MAX: f64 = 5.0;

/// `[limits]`: the focus rules, with their documented defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Most priorities an organisation can pursue at once.
    pub max_priorities: usize,
    /// Most objectives one team should hold in a period.
    pub max_objectives_per_team: usize,
    /// Most key results per objective.
    pub max_key_results: usize,
    /// Days without a check-in before work counts as stale.
    pub stale_checkin_days: u32,
    /// How far (0–1) measured progress may trail the expectation before a
    /// green status counts as hiding the truth.
    pub watermelon_tolerance: f64,
    /// Percentage points a priority's actual share of open spend (or FTE)
    /// may differ from its intended `weight` before it counts as drift.
    pub drift_tolerance: f64,
    /// How far (0–1) a key result reported with confidence of 0.7 or more
    /// may trail the calendar before the confidence counts as misplaced.
    pub confidence_tolerance: f64,
    /// Days after a period ends by which its objectives should be closed.
    pub close_within_days: u32,
    /// How far (as a share) a project's budget may grow past its original
    /// baseline before the growth is reported (rule `rebaselined`).
    pub rebaseline_tolerance: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_priorities: 5,
            max_objectives_per_team: 3,
            max_key_results: 5,
            stale_checkin_days: 14,
            watermelon_tolerance: 0.15,
            drift_tolerance: 10.0,
            confidence_tolerance: 0.25,
            close_within_days: 21,
            rebaseline_tolerance: 0.2,
        }
    }
}

/// How often something is meant to happen, under `[rhythm]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cadence {
    /// Every week.
    Weekly,
    /// Every two weeks.
    Fortnightly,
    /// Every month.
    Monthly,
    /// Every three months.
    Quarterly,
    /// Every six months.
    HalfYearly,
    /// Every year.
    Yearly,
}

impl Cadence {
    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Weekly => "weekly",
            Cadence::Fortnightly => "fortnightly",
            Cadence::Monthly => "monthly",
            Cadence::Quarterly => "quarterly",
            Cadence::HalfYearly => "half-yearly",
            Cadence::Yearly => "yearly",
        }
    }

    /// The days between two meetings.
    pub fn days(self) -> i64 {
        match self {
            Cadence::Weekly => 7,
            Cadence::Fortnightly => 14,
            Cadence::Monthly => 31,
            Cadence::Quarterly => 92,
            Cadence::HalfYearly => 183,
            Cadence::Yearly => 366,
        }
    }

    /// How long after the last one the next is late: the cadence and a
    /// quarter of it again, so a meeting moved by a few days is not late.
    pub fn allowed_days(self) -> i64 {
        self.days() + self.days() / 4
    }
}

/// `[rhythm]`: the organisation's operating rhythm; `None` is not judged.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rhythm {
    /// Check-ins.
    pub checkins: Option<Cadence>,
    /// Portfolio reviews (reviews of `kind = "portfolio"`).
    pub portfolio_review: Option<Cadence>,
    /// Strategy reviews (`kind = "strategy"`).
    pub strategy_review: Option<Cadence>,
    /// Where each review cadence is set, so a finding about it points there.
    pub review_locations: Vec<(ReviewKind, Location)>,
}

impl Rhythm {
    /// The cadence set for reviews of a kind (board reviews have none).
    pub fn of(&self, kind: ReviewKind) -> Option<Cadence> {
        match kind {
            ReviewKind::Portfolio => self.portfolio_review,
            ReviewKind::Strategy => self.strategy_review,
            ReviewKind::Board => None,
        }
    }

    /// Where the cadence of a kind of review is set, if it is.
    pub fn location_of(&self, kind: ReviewKind) -> Option<&Location> {
        self.review_locations.iter().find(|(k, _)| *k == kind).map(|(_, l)| l)
    }
}

/// Balanced-scorecard perspective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Perspective {
    /// Financial.
    Financial,
    /// Customer.
    Customer,
    /// Internal process.
    Internal,
    /// Learning and growth.
    Learning,
}

/// A strategic priority.
#[derive(Debug, Clone, PartialEq)]
pub struct Priority {
    /// Id (file stem).
    pub id: String,
    /// Title.
    pub title: String,
    /// Accountable person.
    pub owner: Option<String>,
    /// Intended share of investment, in percent.
    pub weight: Option<f64>,
    /// Scorecard perspective.
    pub perspective: Option<Perspective>,
    /// Time horizon, free text.
    pub horizon: Option<String>,
    /// Display order.
    pub order: Option<i64>,
    /// Narrative.
    pub body: Arc<Body>,
    /// Findings accepted for it.
    pub waivers: Vec<Waiver>,
    /// Where it is defined.
    pub location: Location,
}

/// How an objective connects upward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectiveLink {
    /// Directly to a priority.
    Priority(Ix<Priority>),
    /// Through a parent objective (a cascade).
    Parent(Ix<Objective>),
}

/// An objective with its key results.
#[derive(Debug, Clone, PartialEq)]
pub struct Objective {
    /// Id (file stem).
    pub id: String,
    /// Title.
    pub title: String,
    /// Upward link, if any.
    pub link: Option<ObjectiveLink>,
    /// The period it belongs to; `None` means it is always current.
    pub period: Option<Ix<Period>>,
    /// Owning team.
    pub team: Option<Ix<Team>>,
    /// Accountable person.
    pub owner: Option<String>,
    /// Scorecard perspective.
    pub perspective: Option<Perspective>,
    /// Key results.
    pub key_results: Vec<KeyResult>,
    /// How it ended, once closed (`[close]`).
    pub close: Option<Close>,
    /// Context.
    pub body: Arc<Body>,
    /// Findings accepted for it.
    pub waivers: Vec<Waiver>,
    /// Where it is defined.
    pub location: Location,
}

/// An objective's period-close record: what became of it, for the
/// feedback loop (did the strategy's bets pay off, what was learnt).
#[derive(Debug, Clone, PartialEq)]
pub struct Close {
    /// What became of it.
    pub outcome: Outcome,
    /// The final grade, 0–1.
    pub score: Option<f64>,
    /// What was learnt.
    pub learnings: Option<String>,
    /// The objective that carries it on in a later period.
    pub carried_to: Option<Ix<Objective>>,
    /// When it was closed; a pack dated earlier does not show it.
    pub date: Option<NaiveDate>,
    /// Where `[close]` is.
    pub location: Location,
}

/// What became of an objective at the end of its period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Achieved in full.
    Achieved,
    /// Partly achieved.
    Partly,
    /// Not achieved.
    Missed,
    /// Given up before the end, on purpose.
    Dropped,
}

impl Outcome {
    /// Every outcome, in the order reports count them.
    pub const ALL: [Outcome; 4] = [Outcome::Achieved, Outcome::Partly, Outcome::Missed, Outcome::Dropped];

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Achieved => "achieved",
            Outcome::Partly => "partly",
            Outcome::Missed => "missed",
            Outcome::Dropped => "dropped",
        }
    }

    /// The words shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Achieved => "achieved",
            Outcome::Partly => "partly achieved",
            Outcome::Missed => "missed",
            Outcome::Dropped => "dropped",
        }
    }
}

/// Whether a key result improves by going up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher is better.
    Increase,
    /// Lower is better.
    Decrease,
}

/// Whether a key result measures an outcome or mere activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyResultKind {
    /// A change in the world (preferred).
    Outcome,
    /// Output delivered (a weaker measure).
    Activity,
}

/// A key result.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyResult {
    /// Id, unique within its objective.
    pub id: String,
    /// Title.
    pub title: String,
    /// Baseline.
    pub start: Option<f64>,
    /// Target.
    pub target: Option<f64>,
    /// Latest value: the latest check-in's, else the file's `current`.
    pub current: Option<f64>,
    /// Unit label.
    pub unit: Option<String>,
    /// Improvement direction (given, or inferred from start → target).
    pub direction: Direction,
    /// Outcome or activity.
    pub kind: KeyResultKind,
    /// Accountable person.
    pub owner: Option<String>,
    /// Latest confidence (0–1): the latest check-in's, else the file's.
    pub confidence: Option<f64>,
    /// What is measured (`agency-spend`), shared by key results that measure
    /// the same thing in different objectives or teams.
    pub metric: Option<String>,
    /// What the file itself says, before any check-in.
    pub written: Written,
    /// Check-in values, oldest first.
    pub history: Vec<KeyResultPoint>,
    /// Where it is defined.
    pub location: Location,
}

/// A key result's value and confidence as its file gives them: what it
/// shows when no check-in has reported it (by the date in question).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Written {
    /// `current`.
    pub value: Option<f64>,
    /// `confidence`.
    pub confidence: Option<f64>,
}

/// One check-in value of a key result.
#[derive(Debug, PartialEq, Clone)]
pub struct KeyResultPoint {
    /// The check-in it came from.
    pub checkin: Ix<Checkin>,
    /// Its date.
    pub date: NaiveDate,
    /// The value reported.
    pub value: f64,
    /// The confidence reported.
    pub confidence: Option<f64>,
    /// The note.
    pub note: Option<String>,
}

/// Lifecycle status of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not started; awaiting approval.
    Proposed,
    /// Under way.
    Active,
    /// Stopped for now.
    Paused,
    /// Finished.
    Done,
    /// Stopped for good.
    Cancelled,
}

impl Status {
    /// Every status, in lifecycle order.
    pub const ALL: [Status; 5] = [Status::Proposed, Status::Active, Status::Paused, Status::Done, Status::Cancelled];

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Active => "active",
            Status::Paused => "paused",
            Status::Done => "done",
            Status::Cancelled => "cancelled",
        }
    }

    /// Whether the project still consumes or will consume capacity.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Proposed | Status::Active | Status::Paused)
    }
}

/// Reported status: red, amber or green, or the five points of the UK
/// Delivery Confidence Assessment (amber/green and amber/red between).
/// Ordered best first, so a rise is a worsening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rag {
    /// On track.
    Green,
    /// Probably on track, with risks to watch (the five-point scale).
    AmberGreen,
    /// At risk.
    Amber,
    /// In doubt: major risks on several fronts (the five-point scale).
    AmberRed,
    /// In trouble.
    Red,
}

impl Rag {
    /// Every rating, best first: the order status changes are judged by.
    pub const ALL: [Rag; 5] = [Rag::Green, Rag::AmberGreen, Rag::Amber, Rag::AmberRed, Rag::Red];

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Rag::Green => "green",
            Rag::AmberGreen => "amber-green",
            Rag::Amber => "amber",
            Rag::AmberRed => "amber-red",
            Rag::Red => "red",
        }
    }

    /// The rating as a board writes it ("amber/red").
    pub fn label(self) -> &'static str {
        match self {
            Rag::AmberGreen => "amber/green",
            Rag::AmberRed => "amber/red",
            other => other.as_str(),
        }
    }

    /// Whether a board should see it by name with its path back to green.
    pub fn is_serious(self) -> bool {
        self == Rag::Red
    }

    /// Whether it says the work is going well (green or amber/green): the
    /// ratings a watermelon hides behind.
    pub fn is_good(self) -> bool {
        self <= Rag::AmberGreen
    }
}

/// Paper sizes a board pack can be set on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

/// Which way up a pack's pages are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    /// Wider than tall: charts and tables read best this way.
    #[default]
    Landscape,
    /// Taller than wide.
    Portrait,
}

/// Paper and orientation of a pack.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PageSetup {
    /// Paper size.
    pub paper: Paper,
    /// Orientation.
    pub orientation: Orientation,
}

/// A continue / reshape / stop call on a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// Keep going as planned.
    Continue,
    /// Keep going, changed.
    Reshape,
    /// Stop.
    Stop,
    /// Start proposed work.
    Start,
    /// Decide later: a decision carried to a later review.
    Defer,
}

impl Decision {
    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Continue => "continue",
            Decision::Reshape => "reshape",
            Decision::Stop => "stop",
            Decision::Start => "start",
            Decision::Defer => "defer",
        }
    }
}

/// Where a decision or an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FollowUp {
    /// Still to be done (or, for a deferred decision, still to be taken).
    Open,
    /// Done.
    Done,
    /// Given up, on purpose.
    Dropped,
}

impl FollowUp {
    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            FollowUp::Open => "open",
            FollowUp::Done => "done",
            FollowUp::Dropped => "dropped",
        }
    }
}

/// What a review meets for, matched to the organisation's `[rhythm]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewKind {
    /// The board's review of the portfolio.
    Board,
    /// The regular portfolio review.
    Portfolio,
    /// The strategy review.
    Strategy,
}

impl ReviewKind {
    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewKind::Board => "board",
            ReviewKind::Portfolio => "portfolio",
            ReviewKind::Strategy => "strategy",
        }
    }
}

/// How strongly a project moves an objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    /// The project is a main driver.
    Strong,
    /// A real but partial contribution.
    Moderate,
    /// A side effect.
    Weak,
}

impl Strength {
    /// The weight used to share a project's budget between its objectives.
    pub fn weight(self) -> f64 {
        match self {
            Strength::Strong => 3.0,
            Strength::Moderate => 2.0,
            Strength::Weak => 1.0,
        }
    }
}

/// A project's link to an objective.
#[derive(Debug, PartialEq, Clone)]
pub struct Contribution {
    /// The objective.
    pub objective: Ix<Objective>,
    /// The key result it moves, by position in the objective, if named.
    pub key_result: Option<usize>,
    /// How strongly.
    pub strength: Strength,
    /// One sentence on how the project moves the objective, if given.
    pub why: Option<String>,
}

/// The seven-question execution hypothesis.
#[derive(Debug, PartialEq, Clone, Default, Serialize)]
pub struct Hypothesis {
    /// Why the project exists.
    pub purpose: Option<String>,
    /// Who benefits.
    pub beneficiaries: Option<String>,
    /// What changes when it succeeds.
    pub outcomes: Option<String>,
    /// Limits it must respect.
    pub constraints: Option<String>,
    /// What could go wrong.
    pub risks: Option<String>,
    /// What it relies on.
    pub dependencies: Option<String>,
    /// When it is finished.
    pub definition_of_done: Option<String>,
}

impl Hypothesis {
    /// The seven questions as (key, label, answer), in order.
    pub fn answers(&self) -> [(&'static str, &'static str, Option<&str>); 7] {
        [
            ("purpose", "Purpose", self.purpose.as_deref()),
            ("beneficiaries", "Beneficiaries", self.beneficiaries.as_deref()),
            ("outcomes", "Outcomes", self.outcomes.as_deref()),
            ("constraints", "Constraints", self.constraints.as_deref()),
            ("risks", "Risks", self.risks.as_deref()),
            ("dependencies", "Dependencies", self.dependencies.as_deref()),
            ("definition_of_done", "Definition of done", self.definition_of_done.as_deref()),
        ]
    }
}

/// A benefit a project promised.
#[derive(Debug, PartialEq, Clone)]
pub struct Benefit {
    /// What it is.
    pub title: String,
    /// How it is measured.
    pub metric: Option<String>,
    /// Planned value.
    pub planned: Option<f64>,
    /// Realised value so far.
    pub realised: Option<f64>,
    /// When it should have arrived.
    pub due: Option<NaiveDate>,
    /// When someone last checked.
    pub reviewed: Option<NaiveDate>,
    /// Where it is defined.
    pub location: Location,
}

/// A dated step a project promised: the roadmap marks it and a board asks
/// about the ones that slipped.
#[derive(Debug, PartialEq, Clone)]
pub struct Milestone {
    /// What is reached.
    pub title: String,
    /// When it is planned.
    pub date: Option<NaiveDate>,
    /// When it was reached; `None` while it is not.
    pub done: Option<NaiveDate>,
    /// Where it is defined.
    pub location: Location,
}

impl Milestone {
    /// Past its planned date and not reached by `today`.
    pub fn missed(&self, today: NaiveDate) -> bool {
        self.done.is_none() && self.date.is_some_and(|d| d < today)
    }

    /// Where it stands on `today`: the one reading the page, the roadmap
    /// and the analysis share.
    pub fn state(&self, today: NaiveDate) -> MilestoneState {
        match self.done {
            Some(_) => MilestoneState::Done,
            None if self.missed(today) => MilestoneState::Missed,
            None => MilestoneState::Open,
        }
    }
}

/// A change to a project's scope, cost or schedule (`[[changes]]`). The
/// project's `budget` and `end` are the current baseline; approved changes
/// lead back to the original one.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// When it was decided.
    pub date: NaiveDate,
    /// What changed.
    pub title: String,
    /// Proposed, approved or rejected.
    pub status: ChangeStatus,
    /// The change to the budget (negative for a saving).
    pub budget: Option<f64>,
    /// The new end date.
    pub end: Option<NaiveDate>,
    /// The end date before this change.
    pub previous_end: Option<NaiveDate>,
    /// The objective the change strengthens.
    pub objective: Option<Ix<Objective>>,
    /// Why.
    pub rationale: Option<String>,
    /// Where it is written.
    pub location: Location,
}

impl Change {
    /// Whether it moves the baseline: an approved change of cost or end.
    pub fn rebaselines(&self) -> bool {
        self.status == ChangeStatus::Approved && (self.budget.is_some_and(|b| b != 0.0) || self.end.is_some())
    }

    /// Whether it adds cost or delay.
    pub fn costs(&self) -> bool {
        self.budget.is_some_and(|b| b > 0.0) || self.end.is_some_and(|e| self.previous_end.is_none_or(|p| e > p))
    }
}

/// Where a change stands in change control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeStatus {
    /// Asked for, not yet decided.
    Proposed,
    /// Agreed: the baseline moved.
    Approved,
    /// Refused.
    Rejected,
}

impl ChangeStatus {
    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeStatus::Proposed => "proposed",
            ChangeStatus::Approved => "approved",
            ChangeStatus::Rejected => "rejected",
        }
    }
}

/// The original baseline, led back from the current one through approved
/// changes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Baseline {
    /// The budget first approved.
    pub original_budget: Option<f64>,
    /// The end first planned, where a change records it.
    pub original_end: Option<NaiveDate>,
    /// Approved changes that moved cost or end.
    pub rebaselines: usize,
}

impl Project {
    /// The original baseline against the current one.
    pub fn baseline(&self) -> Baseline {
        let approved = || self.changes.iter().filter(|c| c.status == ChangeStatus::Approved);
        let added: f64 = approved().filter_map(|c| c.budget).sum();
        Baseline {
            original_budget: self.budget.map(|b| b - added),
            original_end: approved().find(|c| c.end.is_some()).and_then(|c| c.previous_end),
            rebaselines: self.changes.iter().filter(|c| c.rebaselines()).count(),
        }
    }
}

/// Where a milestone stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneState {
    /// Reached.
    Done,
    /// Past its date and not reached.
    Missed,
    /// Still to come (or not dated).
    Open,
}

/// One check-in RAG update of a project.
#[derive(Debug, PartialEq, Clone)]
pub struct RagPoint {
    /// The check-in it came from.
    pub checkin: Ix<Checkin>,
    /// Its date.
    pub date: NaiveDate,
    /// The status reported.
    pub rag: Rag,
    /// The note.
    pub note: Option<String>,
}

/// A project in the portfolio.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    /// Id (file stem).
    pub id: String,
    /// Title.
    pub title: String,
    /// Project manager or lead.
    pub owner: Option<String>,
    /// Senior sponsor.
    pub sponsor: Option<String>,
    /// Delivering team.
    pub team: Option<Ix<Team>>,
    /// Lifecycle status (default active).
    pub status: Status,
    /// Latest reported RAG: the latest check-in's, else the file's.
    pub rag: Option<Rag>,
    /// Start date.
    pub start: Option<NaiveDate>,
    /// Planned end date.
    pub end: Option<NaiveDate>,
    /// Approved budget.
    pub budget: Option<f64>,
    /// Spent so far.
    pub spent: Option<f64>,
    /// People, in full-time equivalents.
    pub fte: Option<f64>,
    /// Objectives it contributes to: its own, or its programme's when it
    /// names none.
    pub contributions: Vec<Contribution>,
    /// Whether its contributions are its programme's, because it names
    /// no objectives of its own.
    pub serves_programme: bool,
    /// The programme it is part of.
    pub programme: Option<Ix<Programme>>,
    /// Projects it depends on.
    pub depends_on: Vec<Ix<Project>>,
    /// The PMO's proposed decision.
    pub decision: Option<Decision>,
    /// Scores by criterion id.
    pub scores: BTreeMap<String, f64>,
    /// The execution hypothesis.
    pub hypothesis: Hypothesis,
    /// Promised benefits.
    pub benefits: Vec<Benefit>,
    /// Promised steps, in the order the file gives them.
    pub milestones: Vec<Milestone>,
    /// Change control: re-baselines and scope changes, oldest first.
    pub changes: Vec<Change>,
    /// Check-in RAG updates, oldest first.
    pub rag_history: Vec<RagPoint>,
    /// The `rag` the file gives, before any check-in.
    pub written_rag: Option<Rag>,
    /// Findings accepted for it.
    pub waivers: Vec<Waiver>,
    /// Where it is defined.
    pub location: Location,
}

impl Project {
    /// Since when it has reported its current status without a break: the
    /// first check-in of the latest run at that status. `None` when no
    /// check-in has reported it, so only the file says.
    pub fn status_since(&self) -> Option<NaiveDate> {
        let now = self.rag_history.last()?.rag;
        self.rag_history.iter().rev().take_while(|p| p.rag == now).last().map(|p| p.date)
    }

    /// The latest check-in that says something about its status: for work
    /// in trouble, the path back to green a board asks for.
    pub fn latest_note(&self) -> Option<(&str, NaiveDate)> {
        self.rag_history.iter().rev().find_map(|p| p.note.as_deref().map(|n| (n, p.date)))
    }
}

/// A programme: projects run together for one set of benefits, under a
/// senior responsible owner. Its money and people are its projects'.
#[derive(Debug, Clone, PartialEq)]
pub struct Programme {
    /// Id (file stem).
    pub id: String,
    /// Title.
    pub title: String,
    /// Senior responsible owner.
    pub owner: Option<String>,
    /// Senior sponsor.
    pub sponsor: Option<String>,
    /// The team that runs it.
    pub team: Option<Ix<Team>>,
    /// Lifecycle status (default active).
    pub status: Status,
    /// Reported delivery confidence.
    pub rag: Option<Rag>,
    /// Start date.
    pub start: Option<NaiveDate>,
    /// Planned end date.
    pub end: Option<NaiveDate>,
    /// Objectives it serves, and through it every project that names none.
    pub contributions: Vec<Contribution>,
    /// Promised benefits.
    pub benefits: Vec<Benefit>,
    /// Its projects, in file order.
    pub projects: Vec<Ix<Project>>,
    /// The narrative.
    pub body: Arc<Body>,
    /// Findings accepted for it.
    pub waivers: Vec<Waiver>,
    /// Where it is defined.
    pub location: Location,
}

/// A team.
#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    /// Id.
    pub id: String,
    /// Name.
    pub title: String,
    /// Team lead.
    pub lead: Option<String>,
    /// What the team can carry, in FTE.
    pub capacity_fte: Option<f64>,
    /// Parent team.
    pub parent: Option<Ix<Team>>,
    /// Findings accepted for it.
    pub waivers: Vec<Waiver>,
    /// Where it is defined.
    pub location: Location,
}

/// A dated check-in.
#[derive(Debug, Clone, PartialEq)]
pub struct Checkin {
    /// Id (file stem).
    pub id: String,
    /// Date of the check-in.
    pub date: NaiveDate,
    /// Who wrote it.
    pub author: Option<String>,
    /// Where it is defined.
    pub location: Location,
}

/// A decision recorded in a review.
#[derive(Debug, PartialEq, Clone)]
pub struct ReviewDecision {
    /// The project decided on, if it is about one.
    pub project: Option<Ix<Project>>,
    /// What was decided, for a decision not about one project.
    pub title: Option<String>,
    /// The call.
    pub decision: Decision,
    /// Why.
    pub rationale: Option<String>,
    /// The objective it serves.
    pub objective: Option<Ix<Objective>>,
    /// Who carries it out.
    pub owner: Option<String>,
    /// By when.
    pub due: Option<NaiveDate>,
    /// Where it stands: open for a deferral unless said, else done.
    pub status: FollowUp,
    /// Where it is written.
    pub location: Location,
}

/// Something a review asked someone to do.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewAction {
    /// What is to be done.
    pub title: String,
    /// Who does it.
    pub owner: Option<String>,
    /// By when.
    pub due: Option<NaiveDate>,
    /// Where it stands.
    pub status: FollowUp,
    /// The project it is about.
    pub project: Option<Ix<Project>>,
    /// The objective it is about.
    pub objective: Option<Ix<Objective>>,
    /// Where it is written.
    pub location: Location,
}

/// A governance review; each produces a board pack.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// Id (file stem).
    pub id: String,
    /// Title.
    pub title: String,
    /// Date of the meeting.
    pub date: Option<NaiveDate>,
    /// What it meets for.
    pub kind: ReviewKind,
    /// The pack's data cut-off, if the file sets one (see
    /// [`Review::cut_off`]).
    pub as_of: Option<NaiveDate>,
    /// Period under review.
    pub period: Option<Ix<Period>>,
    /// Who it is for.
    pub audience: Option<String>,
    /// Who chairs.
    pub chair: Option<String>,
    /// Pack sections, in order (empty: the default set).
    pub include: Vec<String>,
    /// The pack's page: the review's own `paper` and `orientation` over the
    /// organisation's `[packs]`.
    pub page: PageSetup,
    /// Decisions taken or proposed.
    pub decisions: Vec<ReviewDecision>,
    /// Actions it set.
    pub actions: Vec<ReviewAction>,
    /// The chair's or PMO's narrative.
    pub body: Arc<Body>,
    /// Findings accepted for it.
    pub waivers: Vec<Waiver>,
    /// Where it is defined.
    pub location: Location,
}

impl Review {
    /// The date its pack is as of: its `as_of`, else its meeting date, and
    /// never later than the build's date, so that a past meeting's paper
    /// does not change when later check-ins arrive.
    pub fn cut_off(&self, build: NaiveDate) -> NaiveDate {
        self.as_of.or(self.date).map_or(build, |d| d.min(build))
    }
}

/// The sections a board pack can include, in their default order.
pub const PACK_SECTIONS: &[&str] = &[
    "cover",
    "narrative",
    "summary",
    "scorecard",
    "strategy",
    "portfolio",
    "alignment",
    "gaps",
    "decisions",
    "appendix",
];
