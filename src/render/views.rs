//! View structs: the plain, serialisable data each template receives.
//!
//! One struct per page kind, built from the model and the analysis with
//! every number already formatted, so templates only lay things out and a
//! theme author can read what is available here. The fields are the
//! template context documented for themes.

use std::sync::Arc;

use serde::Serialize;

use super::memo::{Fingerprint, fingerprint};
use crate::charts::Chart;

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
    /// Whether the drift is large (10 points or more either way).
    pub drift_large: bool,
    /// Current objectives serving it.
    pub objectives: Vec<ObjectiveRow>,
    /// Open projects serving it.
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
}

/// A gap with its findings, on the Gaps page.
#[derive(Debug, Clone, Serialize)]
pub struct GapGroup {
    /// `translation`, `visibility`, …
    pub id: &'static str,
    /// "Translation gap"
    pub title: &'static str,
    /// One sentence on what the gap is.
    pub explanation: &'static str,
    /// Findings in it (waived ones included, marked).
    pub findings: Vec<FindingView>,
}

/// `gaps.html`.
#[derive(Debug, Clone, Serialize)]
pub struct GapsView {
    /// The five gaps, each with its findings.
    pub groups: Vec<GapGroup>,
    /// Findings in all, waived included.
    pub total: usize,
    /// Of which waived.
    pub waived: usize,
    /// Team names that occur, for the filter.
    pub teams: Vec<String>,
    /// Priority titles that occur, for the filter.
    pub priorities: Vec<String>,
}

/// A line of the ranked portfolio.
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioRow {
    /// 1-based rank.
    pub rank: usize,
    /// The project.
    pub project: ProjectRow,
    /// Weighted score, formatted; `None` if unscored.
    pub score: Option<String>,
    /// Still to spend by this and all higher-ranked projects.
    pub cumulative: String,
    /// Within capacity.
    pub above_line: bool,
    /// Whether the capacity line falls right before this row.
    pub line_before: bool,
    /// Proposed: continue, reshape or stop.
    pub proposal: &'static str,
    /// Why.
    pub reason: String,
    /// The PMO's recorded proposal in the project file, if any.
    pub pmo: Option<&'static str>,
    /// The latest decision recorded in a review, if any.
    pub decided: Option<&'static str>,
}

/// What a smaller capacity would cut.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioView {
    /// "90% of capacity (£8.6m)"
    pub label: String,
    /// Projects that would fall below the line too.
    pub cut: Vec<Link>,
}

/// `portfolio.html`.
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioView {
    /// Capacity, formatted, if set.
    pub capacity: Option<String>,
    /// Still to spend by all ranked work.
    pub demand: String,
    /// Demand minus capacity, if positive.
    pub overcommitted: Option<String>,
    /// Ranked open projects.
    pub rows: Vec<PortfolioRow>,
    /// Capacity scenarios.
    pub scenarios: Vec<ScenarioView>,
    /// Rows proposed for stopping.
    pub stop: Vec<PortfolioRow>,
    /// Rows proposed for reshaping.
    pub reshape: Vec<PortfolioRow>,
    /// Whether any project has scores.
    pub scored: bool,
    /// Score against cost, with the capacity line.
    pub map: Chart,
}

/// A rule on the rules reference page.
#[derive(Debug, Clone, Serialize)]
pub struct RuleView {
    /// Id.
    pub id: &'static str,
    /// Severity here (after `[rules]`), or "off".
    pub severity: &'static str,
    /// What it looks for.
    pub summary: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// How to fix it.
    pub fix: &'static str,
    /// Findings of it in this site.
    pub count: usize,
}

/// A gap and its rules, on the rules reference page.
#[derive(Debug, Clone, Serialize)]
pub struct RuleGroup {
    /// "Visibility gap"
    pub title: &'static str,
    /// What the gap is.
    pub explanation: &'static str,
    /// Its rules.
    pub rules: Vec<RuleView>,
}

/// A headline number.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// The number, formatted.
    pub value: String,
    /// What it counts.
    pub label: String,
    /// A short qualifier.
    pub note: Option<String>,
    /// good, warn or bad: how to read it.
    pub tone: &'static str,
}

/// `index.html`: strategy on a page.
#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    /// Headline figures.
    pub figures: Vec<Figure>,
    /// Priorities with their objectives.
    pub priorities: Vec<PriorityCard>,
    /// Unaligned open work (most expensive first).
    pub unaligned: Vec<ProjectRow>,
    /// Current objectives nothing moves.
    pub unsupported: Vec<ObjectiveRow>,
    /// The latest check-in, if any.
    pub latest_checkin: Option<CheckinSummary>,
    /// Intent vs reality, and status over time.
    pub charts: Vec<Chart>,
    /// Open (unwaived) findings in each gap.
    pub gaps: Vec<GapCount>,
    /// Open work the analysis proposes to stop or not start: what the board
    /// is asked to decide first.
    pub stop: Vec<PortfolioRow>,
}

/// How many open findings a gap holds, for the home page.
#[derive(Debug, Clone, Serialize)]
pub struct GapCount {
    /// `translation`, `visibility`, … (the Gaps page anchors `#gap-<id>`).
    pub id: &'static str,
    /// "Translation gap"
    pub title: &'static str,
    /// Findings not waived.
    pub open: usize,
}

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

/// A key result on its objective's page.
#[derive(Debug, Clone, Serialize)]
pub struct KeyResultView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// outcome or activity.
    pub kind: &'static str,
    /// Owner.
    pub owner: Option<String>,
    /// Baseline with unit.
    pub start: Option<String>,
    /// Target with unit.
    pub target: Option<String>,
    /// Latest value with unit.
    pub current: Option<String>,
    /// Progress, whole percent.
    pub progress: Option<u32>,
    /// Expected, whole percent.
    pub expected: Option<u32>,
    /// Verdict.
    pub health: HealthView,
    /// Confidence, whole percent.
    pub confidence: Option<u32>,
    /// How confidence moved over the check-ins ("▼ 20 pts since 2026-10-02").
    pub confidence_trend: Option<String>,
    /// Check-in values, newest first.
    pub history: Vec<HistoryPoint>,
}

/// One dated update.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryPoint {
    /// Date.
    pub date: String,
    /// Value or RAG, formatted.
    pub value: String,
    /// Confidence, whole percent.
    pub confidence: Option<u32>,
    /// Note.
    pub note: Option<String>,
}

/// `objectives/<id>.html`.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveView {
    /// The row (title, progress, health, …).
    pub objective: ObjectiveRow,
    /// Perspective.
    pub perspective: Option<&'static str>,
    /// Priority served.
    pub priority: Option<Link>,
    /// Parent objective.
    pub parent: Option<Link>,
    /// Objectives cascading from it.
    pub children: Vec<ObjectiveRow>,
    /// Key results.
    pub key_results: Vec<KeyResultView>,
    /// Projects contributing (open and closed).
    pub projects: Vec<ProjectRow>,
    /// Budget of open work serving it, shared by link strength.
    pub budget: String,
    /// FTE of open work serving it, shared by link strength.
    pub fte: String,
    /// Findings about it.
    pub findings: Vec<FindingView>,
    /// Key-result bullet chart.
    pub bullets: LazyChart,
    /// One trend chart per key result with check-in values.
    pub trends: Vec<LazyChart>,
    /// Body HTML (sanitised).
    pub body: String,
    /// Where it is defined.
    pub source: String,
}

/// A benefit on its project's page.
#[derive(Debug, Clone, Serialize)]
pub struct BenefitView {
    /// Title.
    pub title: String,
    /// Metric.
    pub metric: Option<String>,
    /// Planned.
    pub planned: Option<String>,
    /// Realised.
    pub realised: Option<String>,
    /// Due date.
    pub due: Option<String>,
    /// Reviewed date.
    pub reviewed: Option<String>,
}

/// One answer of the execution hypothesis.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// The question's label.
    pub question: &'static str,
    /// The answer, if given.
    pub answer: Option<String>,
}

/// `projects/<id>.html`.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectView {
    /// The row (title, status, team, budget, …).
    pub project: ProjectRow,
    /// Sponsor.
    pub sponsor: Option<String>,
    /// Start date.
    pub start: Option<String>,
    /// Spent, formatted.
    pub spent: Option<String>,
    /// Spent as a share of budget, whole percent.
    pub spent_share: Option<u32>,
    /// The PMO's proposed decision.
    pub decision: Option<&'static str>,
    /// Each way the project traces up: [vision, priority, objective…].
    pub traces: Vec<Vec<Link>>,
    /// Projects it depends on.
    pub depends_on: Vec<ProjectRow>,
    /// Projects depending on it.
    pub dependents: Vec<ProjectRow>,
    /// The seven questions.
    pub hypothesis: Vec<Answer>,
    /// Benefits.
    pub benefits: Vec<BenefitView>,
    /// Scores by criterion.
    pub scores: Vec<(String, String)>,
    /// RAG updates, newest first.
    pub history: Vec<HistoryPoint>,
    /// Findings about it.
    pub findings: Vec<FindingView>,
    /// Body HTML (sanitised).
    pub body: String,
    /// Where it is defined.
    pub source: String,
}

/// `priorities/<id>.html`.
#[derive(Debug, Clone, Serialize)]
pub struct PriorityView {
    /// The card.
    pub priority: PriorityCard,
    /// Every current objective serving it, in cascade order.
    pub objectives: Vec<ObjectiveRow>,
    /// Open projects serving it.
    pub projects: Vec<ProjectRow>,
    /// Findings about it.
    pub findings: Vec<FindingView>,
    /// Body HTML.
    pub body: String,
    /// Where it is defined.
    pub source: String,
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

/// `unaligned.html`.
#[derive(Debug, Clone, Serialize)]
pub struct UnalignedView {
    /// Open projects tracing to no current objective.
    pub projects: Vec<ProjectRow>,
    /// Their combined budget.
    pub budget: String,
    /// Their share of open budget.
    pub budget_share: Option<String>,
    /// Current objectives nothing moves.
    pub unsupported: Vec<ObjectiveRow>,
}

/// A group of objectives under a heading.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveGroup {
    /// The heading (a period).
    pub title: String,
    /// Whether this is the current period.
    pub current: bool,
    /// The objectives, in cascade order.
    pub objectives: Vec<ObjectiveRow>,
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
    /// Where it is defined.
    pub source: String,
    /// The check-in before it.
    pub previous: Option<Link>,
    /// The check-in after it.
    pub next: Option<Link>,
}

/// A decision on a review page.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionView {
    /// The project.
    pub project: ProjectRow,
    /// continue, reshape or stop.
    pub decision: &'static str,
    /// Why.
    pub rationale: Option<String>,
    /// What the analysis proposes for it.
    pub proposal: Option<&'static str>,
}

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
    /// Decisions.
    pub decisions: Vec<DecisionView>,
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

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// A fingerprint takes a lazy chart's inputs without drawing it; the
    /// templates get the drawing.
    #[test]
    fn a_lazy_chart_is_drawn_only_for_the_templates() {
        static DRAWN: AtomicUsize = AtomicUsize::new(0);
        let lazy = |title: &str| {
            LazyChart::new(title.to_string(), |title| {
                DRAWN.fetch_add(1, Ordering::SeqCst);
                Chart::empty("trend", title, "No values yet.")
            })
        };
        assert_eq!(fingerprint(&lazy("Cut waits")), fingerprint(&lazy("Cut waits")));
        assert_ne!(fingerprint(&lazy("Cut waits")), fingerprint(&lazy("Cut queues")));
        assert_eq!(DRAWN.load(Ordering::SeqCst), 0, "fingerprints draw nothing");
        let for_templates = serde_json::to_value(lazy("Cut waits")).unwrap();
        assert_eq!(for_templates, serde_json::to_value(Chart::empty("trend", "Cut waits", "No values yet.")).unwrap());
        assert_eq!(DRAWN.load(Ordering::SeqCst), 1);
    }
}
