//! View structs: the plain, serialisable data each template receives.
//!
//! One struct per page kind, built from the model and the analysis with
//! every number already formatted, so templates only lay things out and a
//! theme author can read what is available here. The fields are the
//! template context documented for themes.

mod alignment;
mod charts;
mod checkin;
mod gaps;
mod home;
mod lists;
mod objective;
mod pack;
mod paging;
mod period;
mod portfolio;
mod priority;
mod programme;
mod project;
mod review;
mod search;
mod since;
mod team;

pub use alignment::*;
pub use checkin::*;
pub use gaps::*;
pub use home::*;
pub use lists::*;
pub use objective::*;
pub use pack::*;
pub use paging::*;
pub use period::*;
pub use portfolio::*;
pub use priority::*;
pub use programme::*;
pub use project::*;
pub use review::*;
pub use search::*;
pub use since::*;
pub use team::*;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

pub(crate) use super::context::{
    Context, checkin_url, objective_url, priority_url, programme_url, project_url, review_url, team_url,
};
use super::format::{capitalised, money, number, percent, with_unit};
use super::memo::{Fingerprint, fingerprint};
use crate::analyse::{Finding, Health, Misalignment, Subject, Timing};
use crate::charts::{
    BulletRow, Chart, DepLink, DepNode, IntentRow, LinkKind, MapPoint, MatrixData, MoneyLeaf, RoadmapMilestone,
    RoadmapRow, StatusCount, TrendData, TrendPoint, alignment_matrix, dependency_graph, intent_vs_reality,
    key_result_trend, okr_bullets, portfolio_map, roadmap, status_over_time, where_the_money_goes,
};
use crate::model::{Ix, Objective, ObjectiveLink, Perspective, Priority, Project, Team};

/// A chart drawn only when its page is laid out. Drawing is the dearest
/// part of an objective's view, and a session fingerprints every page on
/// each rebuild: for that (a serialiser that is not human readable) the
/// chart stands in as a digest of what it is drawn from, so charts of
/// unchanged pages are never drawn. For templates it is the [`Chart`].
#[derive(Clone)]
pub struct LazyChart {
    inputs: Fingerprint,
    draw: Arc<dyn Fn() -> Chart + Send + Sync>,
}

impl LazyChart {
    /// A chart `draw` makes from `inputs` (and the theme's chart style,
    /// which every page's fingerprint already covers).
    pub fn new<T>(inputs: T, draw: impl Fn(&T) -> Chart + Send + Sync + 'static) -> Self
    where
        T: Serialize + Send + Sync + 'static,
    {
        LazyChart { inputs: fingerprint(&inputs), draw: Arc::new(move || draw(&inputs)) }
    }

    /// The chart itself.
    pub fn draw(&self) -> Chart {
        (self.draw)()
    }
}

impl Serialize for LazyChart {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            self.draw().serialize(serializer)
        } else {
            serializer.serialize_u128(self.inputs)
        }
    }
}

impl std::fmt::Debug for LazyChart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyChart").field("inputs", &self.inputs).finish_non_exhaustive()
    }
}

/// Site-wide values, available on every page as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// `[site] title`.
    pub title: String,
    /// The organisation's name.
    pub organisation: String,
    /// The vision statement.
    pub vision: Option<String>,
    /// The mission statement.
    pub mission: Option<String>,
    /// `[site] description`.
    pub description: Option<String>,
    /// The date the analysis is as of (YYYY-MM-DD).
    pub as_of: String,
    /// The current period's title.
    pub period: String,
    /// The currency code.
    pub currency: String,
    /// The program version, for the footer.
    pub version: &'static str,
    /// Whether the site has programmes (and so a Programmes page).
    pub programmes: bool,
}

/// Per-page values, available as `page`.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// The page title.
    pub title: String,
    /// Prefix that leads from this page to the site root (`""` or `"../"`);
    /// every link is `{{ page.root }}{{ thing.url }}` so the site works from
    /// any folder, a sub-path or `file://`.
    pub root: String,
    /// The navigation section the page belongs to (`home`, `projects`, …).
    pub section: &'static str,
    /// Breadcrumbs from the vision down to the parent of this page.
    pub crumbs: Vec<Link>,
}

/// A link to a page, relative to the site root.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Link {
    /// Link text.
    pub title: String,
    /// Path from the site root (`projects/crm.html`).
    pub url: String,
}

/// A health verdict.
#[derive(Debug, Clone, Serialize)]
pub struct HealthView {
    /// CSS-friendly: on-track, at-risk, off-track, not-measured.
    pub slug: &'static str,
    /// Words: on track, at risk, …
    pub label: &'static str,
}

/// An objective in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveRow {
    /// Link to its page.
    pub link: Link,
    /// Its period's title.
    pub period: Option<String>,
    /// Owning team.
    pub team: Option<Link>,
    /// Owner.
    pub owner: Option<String>,
    /// Progress, whole percent.
    pub progress: Option<u32>,
    /// Expected progress by now, whole percent.
    pub expected: Option<u32>,
    /// Verdict.
    pub health: HealthView,
    /// Number of key results.
    pub key_results: usize,
    /// Projects linked to it directly, in any status.
    pub projects: usize,
    /// Depth in the cascade (0 for a company objective).
    pub depth: usize,
    /// Budget of open work serving it directly, shared by link strength.
    pub budget: String,
    /// False only for an objective of the current period that no open
    /// project moves, directly or through its cascade.
    pub supported: bool,
    /// How it ended, once closed.
    pub outcome: Option<OutcomeView>,
}

/// What became of a closed objective.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeView {
    /// CSS-friendly: achieved, partly, missed, dropped.
    pub slug: &'static str,
    /// Words: achieved, partly achieved, …
    pub label: &'static str,
    /// The final score, to one decimal ("0.7").
    pub score: Option<String>,
}

impl OutcomeView {
    pub(crate) fn of(close: &crate::model::Close) -> Self {
        OutcomeView { slug: close.outcome.as_str(), label: close.outcome.label(), score: close.score.map(score) }
    }
}

/// A final score as OKR grades are written: 0.7.
pub(crate) fn score(value: f64) -> String {
    format!("{value:.1}")
}

/// A project in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectRow {
    /// Link to its page.
    pub link: Link,
    /// Lifecycle status.
    pub status: &'static str,
    /// Latest RAG, if reported.
    pub rag: Option<&'static str>,
    /// Delivering team.
    pub team: Option<Link>,
    /// The programme it is part of.
    pub programme: Option<Link>,
    /// Owner.
    pub owner: Option<String>,
    /// Budget, formatted.
    pub budget: Option<String>,
    /// Budget as a number, for sorting.
    pub budget_value: f64,
    /// FTE.
    pub fte: Option<String>,
    /// Priorities served.
    pub priorities: Vec<Link>,
    /// Objectives served.
    pub objectives: Vec<Link>,
    /// Weighted portfolio score, formatted.
    pub score: Option<String>,
    /// Planned end.
    pub end: Option<String>,
    /// Why it is unaligned, if it is.
    pub unaligned: Option<&'static str>,
}

/// A priority with its headline numbers.
#[derive(Debug, Clone, Serialize)]
pub struct PriorityCard {
    /// Link to its page.
    pub link: Link,
    /// Owner.
    pub owner: Option<String>,
    /// Perspective.
    pub perspective: Option<&'static str>,
    /// Horizon.
    pub horizon: Option<String>,
    /// Intended share of investment.
    pub weight: Option<String>,
    /// Actual budget of open work serving it.
    pub budget: String,
    /// Actual share of open budget.
    pub budget_share: Option<String>,
    /// Actual share of open FTE.
    pub fte_share: Option<String>,
    /// Actual minus intended share, in percentage points, signed.
    pub drift: Option<String>,
    /// Whether the drift is beyond `drift_tolerance` either way.
    pub drift_large: bool,
    /// Current objectives serving it.
    pub objectives: Vec<ObjectiveRow>,
    /// Top-level objectives not listed (a card lists at most
    /// [`CARD_OBJECTIVES`]; the priority's page has them all).
    pub objectives_more: usize,
    /// Open projects serving it.
    pub projects: usize,
}

/// A team in a list or on its page.
#[derive(Debug, Clone, Serialize)]
pub struct TeamRow {
    /// Link to its page.
    pub link: Link,
    /// Lead.
    pub lead: Option<String>,
    /// Capacity, FTE.
    pub capacity: Option<String>,
    /// Load of active projects, FTE.
    pub load: String,
    /// Load as a share of capacity, whole percent.
    pub load_share: Option<u32>,
    /// Whether load exceeds capacity.
    pub over: bool,
    /// Current objectives owned.
    pub objectives: usize,
    /// Open projects delivered.
    pub projects: usize,
}

/// A finding on a page.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// Rule id.
    pub rule: &'static str,
    /// Gap title.
    pub gap: &'static str,
    /// error, warning or info.
    pub severity: &'static str,
    /// The sentence.
    pub message: String,
    /// What to do.
    pub action: String,
    /// Where to fix it (`content/projects/x.md:3`).
    pub source: String,
    /// The gap's id, for filtering (`visibility`).
    pub gap_id: &'static str,
    /// What it is about, with a link (none for the organisation).
    pub subject: Option<Link>,
    /// The reason it was accepted, if a waiver covers it.
    pub waiver: Option<String>,
    /// Team of the subject, for filtering.
    pub team: Option<String>,
    /// Priorities the subject serves, for filtering.
    pub priorities: Vec<String>,
    /// The author's edit that fixes it (may name keys), if any.
    pub fix: Option<String>,
    /// Who should act: "Dana Cole (project owner)", or "The PMO".
    pub owner: String,
    /// The money and people involved, in words, if known.
    pub at_stake: Option<String>,
    /// The open spend at stake alone, short ("£2.3m"), for a column.
    pub stake_money: Option<String>,
    /// The people at stake alone ("1.6 FTE", "9.5 FTE over capacity").
    pub stake_fte: Option<String>,
    /// Its place in the reading order, from 1.
    pub rank: usize,
    /// For a finding about a practice: the subjects it covers (the first
    /// [`SHOWN`]), and how many more.
    pub subjects: Vec<Link>,
    /// Subjects beyond those listed.
    pub subjects_more: usize,
}

impl SiteView {
    /// The values every page shares.
    pub fn new(cx: &Context<'_>) -> SiteView {
        let o = cx.model.organisation();
        SiteView {
            title: o.site.title.clone(),
            organisation: o.name.clone(),
            vision: o.vision.clone(),
            mission: o.mission.clone(),
            description: o.site.description.clone(),
            as_of: cx.analysis.as_of().to_string(),
            period: cx.analysis.current_period().map(|p| p.title.clone()).unwrap_or_default(),
            currency: o.currency.clone(),
            version: env!("CARGO_PKG_VERSION"),
            programmes: !cx.model.0.programmes.is_empty(),
        }
    }
}

impl ObjectiveRow {
    pub(crate) fn new(cx: &Context<'_>, ix: Ix<Objective>) -> ObjectiveRow {
        let o = cx.model.objective(ix);
        let a = cx.analysis.objective(ix);
        ObjectiveRow {
            link: cx.objective_link(ix),
            period: o.period.map(|p| cx.model.period(p).title.clone()),
            team: o.team.map(|t| cx.team_link(t)),
            owner: o.owner.clone(),
            progress: a.progress.map(pct),
            expected: a.expected.map(pct),
            health: health_view(a.health),
            key_results: o.key_results.len(),
            projects: cx.linked(ix).len(),
            depth: cx.model.cascade(ix).len() - 1,
            budget: money(a.budget, cx.currency),
            // Only a current objective can lack support; past ones are history.
            supported: a.supported || a.timing != Timing::Current,
            outcome: o.close.as_ref().map(OutcomeView::of),
        }
    }
}

impl ProjectRow {
    pub(crate) fn new(cx: &Context<'_>, ix: Ix<Project>) -> ProjectRow {
        let p = cx.model.project(ix);
        let a = cx.analysis.project(ix);
        ProjectRow {
            link: cx.project_link(ix),
            status: p.status.as_str(),
            rag: p.rag.map(|r| r.as_str()),
            team: p.team.map(|t| cx.team_link(t)),
            programme: p.programme.map(|g| cx.programme_link(g)),
            owner: p.owner.clone(),
            budget: p.budget.map(|b| money(b, cx.currency)),
            budget_value: p.budget.unwrap_or(0.0),
            fte: p.fte.map(number),
            priorities: a.priorities.iter().map(|pr| cx.priority_link(*pr)).collect(),
            objectives: p.contributions.iter().map(|c| cx.objective_link(c.objective)).collect(),
            score: cx.model.score(ix).map(|s| format!("{s:.1}")),
            end: p.end.map(|d| d.to_string()),
            unaligned: a.misalignment.map(|m| match m {
                Misalignment::NoObjectives => "serves no objective",
                Misalignment::OnlyPastObjectives => "serves only past objectives",
            }),
        }
    }
}

impl PriorityCard {
    pub(crate) fn new(cx: &Context<'_>, ix: Ix<Priority>) -> PriorityCard {
        let p = cx.model.priority(ix);
        let a = cx.analysis.priority(ix);
        let drift = match (p.weight, a.budget_share) {
            (Some(w), Some(s)) => Some(s * 100.0 - w),
            _ => None,
        };
        let top_level: Vec<Ix<Objective>> = a
            .objectives
            .iter()
            .copied()
            .filter(|o| cx.model.objective(*o).link == Some(ObjectiveLink::Priority(ix)))
            .collect();
        PriorityCard {
            link: cx.priority_link(ix),
            owner: p.owner.clone(),
            perspective: perspective(p.perspective),
            horizon: p.horizon.clone(),
            weight: p.weight.map(|w| format!("{}%", number(w))),
            budget: money(a.budget, cx.currency),
            budget_share: a.budget_share.map(percent),
            fte_share: a.fte_share.map(percent),
            drift: drift.map(|d| format!("{}{:.0} pts", if d >= 0.0 { "+" } else { "−" }, d.abs())),
            drift_large: drift.is_some_and(|d| d.abs() > cx.model.organisation().limits.drift_tolerance),
            objectives: top_level.iter().take(CARD_OBJECTIVES).map(|o| ObjectiveRow::new(cx, *o)).collect(),
            objectives_more: top_level.len().saturating_sub(CARD_OBJECTIVES),
            projects: a.projects.len(),
        }
    }
}

impl TeamRow {
    pub(crate) fn new(cx: &Context<'_>, ix: Ix<Team>) -> TeamRow {
        let t = cx.model.team(ix);
        let a = cx.analysis.team(ix);
        let share = t.capacity_fte.filter(|c| *c > 0.0).map(|c| a.load_fte / c);
        TeamRow {
            link: cx.team_link(ix),
            lead: t.lead.clone(),
            capacity: t.capacity_fte.map(number),
            load: number(a.load_fte),
            load_share: share.map(pct),
            over: share.is_some_and(|s| s > 1.0),
            objectives: a.objectives.len(),
            projects: a.projects.len(),
        }
    }
}

impl FindingView {
    pub(crate) fn new(cx: &Context<'_>, f: &Finding) -> FindingView {
        let subject = subject_link(cx, f.subject);
        let (team, priorities) = match f.subject {
            Subject::Project(p) => (cx.model.project(p).team, cx.analysis.project(p).priorities.clone()),
            Subject::Objective(o) => {
                (cx.model.objective(o).team, cx.analysis.objective(o).priority.into_iter().collect())
            }
            Subject::Priority(p) => (None, vec![p]),
            Subject::Team(t) => (Some(t), Vec::new()),
            Subject::Programme(g) => (cx.model.programme(g).team, Vec::new()),
            Subject::Organisation | Subject::Review(_) => (None, Vec::new()),
        };
        FindingView {
            rule: f.rule.id,
            gap: f.rule.gap.title(),
            gap_id: f.rule.gap.id(),
            severity: f.effective_severity().as_str(),
            // Board text reads as sentences.
            message: capitalised(&f.message),
            action: capitalised(&f.action),
            fix: f.fix.clone(),
            source: cx.source(&f.location),
            subject,
            waiver: f.waiver.as_ref().map(|w| w.reason.clone()),
            team: team.map(|t| cx.model.team(t).title.clone()),
            priorities: priorities.into_iter().map(|p| cx.model.priority(p).title.clone()).collect(),
            owner: capitalised(&f.owner.describe()),
            at_stake: f.at_stake.describe(cx.currency),
            stake_money: f.at_stake.money_words(cx.currency),
            stake_fte: f.at_stake.people(),
            rank: f.rank,
            subjects: f.parts.iter().take(SHOWN).filter_map(|p| subject_link(cx, p.subject)).collect(),
            subjects_more: f.parts.len().saturating_sub(SHOWN),
        }
    }

    /// The first `n` open findings in reading order, one per subject (its
    /// page has the rest): what a board should hear about first.
    pub(crate) fn top(cx: &Context<'_>, n: usize) -> Vec<FindingView> {
        let mut seen = std::collections::HashSet::new();
        cx.analysis
            .findings()
            .iter()
            .filter(|f| f.waiver.is_none() && (f.subject == Subject::Organisation || seen.insert(f.subject)))
            .take(n)
            .map(|f| FindingView::new(cx, f))
            .collect()
    }

    pub(crate) fn about(cx: &Context<'_>, subject: Subject) -> Vec<FindingView> {
        cx.analysis.findings_for(subject).map(|f| FindingView::new(cx, f)).collect()
    }
}

/// A link to a finding's subject, if it has a page.
fn subject_link(cx: &Context<'_>, subject: Subject) -> Option<Link> {
    match subject {
        Subject::Project(p) => Some(cx.project_link(p)),
        Subject::Objective(o) => Some(cx.objective_link(o)),
        Subject::Priority(p) => Some(cx.priority_link(p)),
        Subject::Team(t) => Some(cx.team_link(t)),
        Subject::Programme(g) => Some(cx.programme_link(g)),
        Subject::Organisation | Subject::Review(_) => None,
    }
}

/// How many findings the home page leads with.
pub(crate) const TOP_ISSUES: usize = 5;

/// How many the pack's summary page has room for.
pub(crate) const PACK_TOP_ISSUES: usize = 3;

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

/// How many top-level objectives a priority's card lists.
pub const CARD_OBJECTIVES: usize = 12;

/// How many items a page about one thing lists of a kind (a priority's
/// projects, say); it says how many more there are and where they are.
pub const SHOWN: usize = 100;

/// How many updates of each kind a check-in's page lists at most.
pub const CHECKIN_ROWS: usize = 500;

/// How many rows a chart's data table shows at most.
pub const TABLE_ROWS: usize = 200;

/// The first [`SHOWN`] of a list, and how many it leaves out.
pub(crate) fn first_shown<T>(items: impl IntoIterator<Item = T>) -> (Vec<T>, usize) {
    let mut items = items.into_iter();
    let shown: Vec<T> = items.by_ref().take(SHOWN).collect();
    (shown, items.count())
}

/// The projects list, filtered by one of its filters (the filter is applied
/// by the list's script; without it, the whole list shows).
pub(crate) fn projects_filtered(filter: &str, value: &str) -> String {
    let value = percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC);
    format!("projects/index.html?{filter}={value}")
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

/// The most one shard of a script's data holds, in bytes: a page loads no
/// script larger than 2 MB, however large the portfolio.
pub const SHARD_BYTES: usize = 1_500_000;

/// Data for a page's script, as scripts rather than JSON (so that they
/// load from `file://`, where browsers refuse to fetch files): the file at
/// `manifest` sets `window.<name>` to the list of its shards, and each
/// shard (`<folder><n>.js`) sets its place in `window.<name>_PARTS` to its
/// share of `items`, each under [`SHARD_BYTES`] plus one item.
pub fn sharded_script(manifest: &str, name: &str, folder: &str, items: &[impl Serialize]) -> Vec<(String, String)> {
    let mut shards: Vec<Vec<String>> = vec![Vec::new()];
    let mut size = 0;
    for item in items {
        // `</` cannot end the script early: JSON escapes it as `<\/`.
        let json = serde_json::to_string(item).expect("items serialise").replace("</", "<\\/");
        if size + json.len() > SHARD_BYTES && size > 0 {
            shards.push(Vec::new());
            size = 0;
        }
        size += json.len() + 1;
        shards.last_mut().expect("there is a shard").push(json);
    }
    let paths: Vec<String> = (1..=shards.len()).map(|n| format!("{folder}{n}.js")).collect();
    let list = serde_json::to_string(&paths).expect("paths serialise");
    let mut files = vec![(manifest.to_string(), format!("window.{name} = {list};\n"))];
    for (n, (path, shard)) in paths.iter().zip(shards).enumerate() {
        let parts = format!("window.{name}_PARTS");
        files.push((path.clone(), format!("({parts} = {parts} || [])[{n}] = [{}];\n", shard.join(","))));
    }
    files
}

/// The search index: `search-index.js` names its shards in `search/`
/// (see [`sharded_script`]), which the search page loads.
pub fn search_index(entries: &[SearchEntry<'_>]) -> Vec<(String, String)> {
    sharded_script("search-index.js", "THROUGHLINE_SEARCH", "search/", entries)
}

/// How many status changes a check-in's entry on the check-ins page lists
/// (its own page lists them all).
const CHECKIN_CHANGES: usize = 12;
