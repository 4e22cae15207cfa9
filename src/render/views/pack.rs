//! The board pack of one review as plain data: what the HTML pack and the
//! PDF pack are both rendered from, so the two never disagree.

use chrono::{Datelike, NaiveDate};

use super::*;
use crate::model::{PACK_SECTIONS, PageSetup};

/// A priority on strategy on a page.
#[derive(Debug, Clone, Serialize)]
pub struct StrategyRow {
    /// The priority, its objectives cut to a few.
    pub card: PriorityCard,
    /// Objectives not listed.
    pub more: usize,
}

/// A date as numbers.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct DateParts {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

/// One section of a pack, in the order the review asks for.
#[derive(Debug, Clone, Serialize)]
pub struct PackSection {
    /// `cover`, `narrative`, `summary`, … (see [`PACK_SECTIONS`]).
    pub id: &'static str,
    /// Its heading.
    pub title: &'static str,
}

/// The numbers a board reads first.
#[derive(Debug, Clone, Serialize)]
pub struct PackSummary {
    /// Headline figures, as on the home page.
    pub figures: Vec<Figure>,
    /// Current objectives by verdict.
    pub objectives: HealthCounts,
    /// Open findings per gap.
    pub gaps: Vec<GapCount>,
    /// The open findings to read first, in rank order.
    pub top: Vec<FindingView>,
    /// What moved since the previous review of the same kind (or the start
    /// of the period).
    pub since: SinceView,
    /// What the board is asked to decide at this meeting, at most
    /// [`FRONT_LIST`]: decisions deferred to it first, then the others it
    /// recorded, then the analysis's proposals no review has ruled on.
    pub decide: Vec<Ask>,
    /// Asks not listed (the decisions section has them all).
    pub decide_more: usize,
    /// The financial position of open work.
    pub money: MoneyView,
    /// Open projects reporting red, the most still to spend first, at most
    /// [`FRONT_LIST`], each with its latest note: the path back to green.
    pub red: Vec<PathToGreen>,
    /// Red projects not listed.
    pub red_more: usize,
}

/// One decision the board is asked to take.
#[derive(Debug, Clone, Serialize)]
pub struct Ask {
    /// `deferred`, `stop`, `reshape`, or `brought` (a decision this review
    /// took that nothing proposed).
    pub kind: &'static str,
    /// What it is about: the project's title, or the decision's.
    pub about: String,
    /// The project it is about, if any.
    pub project: Option<Link>,
    /// What is asked, in a few words: "Deferred at …", "Stop or do not start".
    pub ask: String,
    /// Why: the deferral's rationale, or the analysis's reason.
    pub why: String,
    /// What the project has still to spend.
    pub to_spend: Option<String>,
    /// Who brings it: the decision's owner, else the project's sponsor,
    /// else its owner.
    pub owner: Option<String>,
    /// What this meeting decided, once recorded.
    pub decided: Option<&'static str>,
}

/// The money of open work against what is available.
#[derive(Debug, Clone, Serialize)]
pub struct MoneyView {
    /// Open projects.
    pub projects: usize,
    /// Their budgets, formatted.
    pub budget: String,
    /// Spent so far.
    pub spent: String,
    /// Still to spend.
    pub to_spend: String,
    /// Money available to finish open work, if set.
    pub capacity: Option<String>,
    /// How far capacity exceeds (or falls short of) what is still to
    /// spend, unsigned; `null` without a capacity.
    pub headroom: Option<String>,
    /// Whether open work needs more than capacity.
    pub short: bool,
    /// Open projects over budget.
    pub over_budget: usize,
    /// By how much, together.
    pub overrun: String,
    /// Open projects with no budget, left out of the totals.
    pub unbudgeted: usize,
    /// Open projects below the capacity line.
    pub below_line: usize,
    /// What they have still to spend.
    pub below_line_to_spend: String,
}

impl MoneyView {
    fn new(cx: &Context<'_>) -> MoneyView {
        let p = crate::analyse::portfolio::position(cx.model.0, cx.analysis.portfolio());
        let m = |v: f64| money(v, cx.currency);
        MoneyView {
            projects: p.projects,
            budget: m(p.budget),
            spent: m(p.spent),
            to_spend: m(p.to_spend),
            capacity: p.capacity.map(m),
            headroom: p.headroom().map(|h| m(h.abs())),
            short: p.headroom().is_some_and(|h| h < 0.0),
            over_budget: p.over_budget,
            overrun: m(p.overrun),
            unbudgeted: p.unbudgeted,
            below_line: p.below_line,
            below_line_to_spend: m(p.below_line_to_spend),
        }
    }
}

/// A project reporting red, and what its team says will bring it back.
#[derive(Debug, Clone, Serialize)]
pub struct PathToGreen {
    /// The project.
    pub project: ProjectRow,
    /// Since when it has reported red, written out.
    pub since: Option<String>,
    /// The latest note on its status.
    pub note: Option<String>,
    /// When that note was written, written out.
    pub noted: Option<String>,
    /// What it has still to spend.
    pub to_spend: Option<String>,
}

/// Current objectives by verdict.
#[derive(Debug, Clone, Default, Serialize)]
pub struct HealthCounts {
    /// All current objectives.
    pub total: usize,
    /// On track.
    pub on_track: usize,
    /// At risk.
    pub at_risk: usize,
    /// Off track.
    pub off_track: usize,
    /// Not measured yet.
    pub not_measured: usize,
}

/// A priority's current objectives, with their key results as bullets.
#[derive(Debug, Clone, Serialize)]
pub struct ScorecardGroup {
    /// The priority ("Not linked to a priority" for objectives linked to none).
    pub priority: Link,
    /// Its current objectives as table rows, worst first, at most
    /// [`LIST_LIMIT`].
    pub rows: Vec<ObjectiveRow>,
    /// Objectives not listed.
    pub rows_more: usize,
    /// The same objectives with their key results, for the compact table.
    pub table: Vec<ScorecardRow>,
    /// The few objectives shown with their charts, those most behind first
    /// (in the pack's appendix).
    pub objectives: Vec<ScorecardObjective>,
}

/// An objective and its key results in the scorecard table.
#[derive(Debug, Clone, Serialize)]
pub struct ScorecardRow {
    /// The objective.
    pub objective: ObjectiveRow,
    /// Its key results.
    pub key_results: Vec<ScorecardKeyResult>,
}

/// One key result in the scorecard table.
#[derive(Debug, Clone, Serialize)]
pub struct ScorecardKeyResult {
    /// Title.
    pub title: String,
    /// Baseline, with unit.
    pub start: Option<String>,
    /// Latest value, with unit.
    pub now: Option<String>,
    /// Target, with unit.
    pub target: Option<String>,
    /// Where its check-ins point by the period's end.
    pub forecast: Option<ForecastView>,
    /// The latest move: ↑, ↓ or → (nothing reported to compare).
    pub arrow: &'static str,
    /// better, worse or unknown.
    pub tone: &'static str,
    /// Verdict.
    pub health: HealthView,
}

impl ScorecardRow {
    fn new(cx: &Context<'_>, ix: Ix<Objective>) -> Self {
        let o = cx.model.objective(ix);
        let a = cx.analysis.objective(ix);
        let key_results = o
            .key_results
            .iter()
            .zip(&a.key_results)
            .map(|(kr, ka)| {
                let value = |v: Option<f64>| v.map(|v| with_unit(v, kr.unit.as_deref(), cx.currency));
                // The latest move: the last check-in against the one before
                // it, or against the baseline.
                let latest = kr.history.last().map(|h| h.value);
                let before = kr.history.iter().rev().nth(1).map(|h| h.value).or(kr.start);
                let (arrow, tone) = match latest.zip(before) {
                    Some((now, was)) if now != was => {
                        let up = now > was;
                        let better = up == (kr.direction == crate::model::Direction::Increase);
                        (if up { "↑" } else { "↓" }, if better { "better" } else { "worse" })
                    }
                    Some(_) => ("→", "unknown"),
                    None => ("–", "unknown"),
                };
                ScorecardKeyResult {
                    title: kr.title.clone(),
                    start: value(kr.start),
                    now: value(kr.current),
                    target: value(kr.target),
                    forecast: ka.forecast.as_ref().map(|f| ForecastView::new(f, kr, cx.currency)),
                    arrow,
                    tone,
                    health: health_view(ka.health),
                }
            })
            .collect();
        ScorecardRow { objective: ObjectiveRow::new(cx, ix), key_results }
    }
}

/// One objective on the scorecard.
#[derive(Debug, Clone, Serialize)]
pub struct ScorecardObjective {
    /// The objective.
    pub row: ObjectiveRow,
    /// Its key results against target and against the calendar.
    pub bullets: Chart,
    /// Trends of its key results, shown when it is not on track.
    pub trends: Vec<Chart>,
}

/// Portfolio health: status over time and the work that slipped.
#[derive(Debug, Clone, Serialize)]
pub struct PackHealth {
    /// RAG counts over the check-ins.
    pub status: Chart,
    /// Open projects that have spent more than their budget, most over first.
    pub over_budget: Vec<OverBudget>,
    /// Over-budget projects not listed.
    pub over_budget_more: usize,
    /// Open projects past their planned end, longest overdue first.
    pub overdue: Vec<ProjectRow>,
    /// Overdue projects not listed.
    pub overdue_more: usize,
    /// Open projects re-baselined, the most grown against their original
    /// budget first: the overruns a moved baseline hides.
    pub rebaselined: Vec<Rebaselined>,
    /// Re-baselined projects not listed.
    pub rebaselined_more: usize,
    /// Every programme with the roll-up of its projects.
    pub programmes: Vec<ProgrammeRow>,
}

/// A project against its original baseline.
#[derive(Debug, Clone, Serialize)]
pub struct Rebaselined {
    /// The project.
    pub project: ProjectRow,
    /// Its baseline, original and now.
    pub baseline: BaselineView,
}

/// Open projects moved off their original baseline, the largest budget
/// growth first, then the longest delay.
pub(crate) fn rebaselined(cx: &Context<'_>) -> Vec<Rebaselined> {
    let mut moved: Vec<(f64, i64, Ix<Project>)> = cx
        .model
        .project_ixs()
        .filter_map(|ix| {
            let p = cx.model.project(ix);
            let b = p.baseline();
            if !p.status.is_open() || b.rebaselines == 0 {
                return None;
            }
            let grown = p.budget.zip(b.original_budget).map_or(0.0, |(now, was)| now - was);
            let later = p.end.zip(b.original_end).map_or(0, |(now, was)| (now - was).num_days());
            Some((grown, later, ix))
        })
        .collect();
    moved.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    moved
        .into_iter()
        .filter_map(|(_, _, ix)| {
            let baseline = BaselineView::of(cx, cx.model.project(ix))?;
            Some(Rebaselined { project: ProjectRow::new(cx, ix), baseline })
        })
        .collect()
}

/// A project over its budget.
#[derive(Debug, Clone, Serialize)]
pub struct OverBudget {
    /// The project.
    pub project: ProjectRow,
    /// Spent so far, formatted.
    pub spent: String,
    /// By how much it is over, formatted.
    pub over: String,
}

/// The alignment charts.
#[derive(Debug, Clone, Serialize)]
pub struct PackAlignment {
    /// Where the money goes.
    pub money: Chart,
    /// Intended vs actual share per priority.
    pub intent: Chart,
    /// Priorities × teams.
    pub matrix: Chart,
}

/// The pack's gaps section: one ranked list across the five gaps, the
/// most severe and the most at stake first, then the count of each gap.
#[derive(Debug, Clone, Serialize)]
pub struct PackGaps {
    /// The first [`PACK_BRIEFING`] open findings in rank order.
    pub findings: Vec<PackFinding>,
    /// Open findings in all.
    pub open: usize,
    /// Of which warnings (errors included).
    pub warnings: usize,
    /// Of which notes.
    pub notes: usize,
    /// Each gap with its counts.
    pub by_gap: Vec<GapCount>,
}

/// A finding with who should act on it.
#[derive(Debug, Clone, Serialize)]
pub struct PackFinding {
    /// The finding.
    pub finding: FindingView,
    /// Who should act (the same as the finding's; kept for themes).
    pub owner: Option<String>,
}

impl PackFinding {
    fn new(cx: &Context<'_>, f: &Finding) -> PackFinding {
        let finding = FindingView::new(cx, f);
        PackFinding { owner: Some(finding.owner.clone()), finding }
    }
}

/// What the board is asked to decide.
#[derive(Debug, Clone, Serialize)]
pub struct PackDecisions {
    /// Decisions brought to this meeting: those earlier reviews deferred
    /// and left open, with what this review decided on each, if anything.
    pub sought: Vec<SoughtDecision>,
    /// Decisions recorded in the review.
    pub recorded: Vec<DecisionView>,
    /// Proposed for stopping or not starting, in rank order.
    pub stop: Vec<PortfolioRow>,
    /// Stop proposals not listed.
    pub stop_more: usize,
    /// Proposed for reshaping.
    pub reshape: Vec<PortfolioRow>,
    /// Reshape proposals not listed.
    pub reshape_more: usize,
    /// Open work below the capacity line.
    pub below_line: Vec<PortfolioRow>,
    /// Work below the line not listed.
    pub below_line_more: usize,
    /// Capacity, formatted, if set.
    pub capacity: Option<String>,
    /// What open work still has to spend.
    pub demand: String,
}

/// A decision an earlier review deferred to this one.
#[derive(Debug, Clone, Serialize)]
pub struct SoughtDecision {
    /// The deferred decision.
    pub item: DecisionView,
    /// The review that deferred it.
    pub from: Link,
    /// What this review decided on the same project, if it did.
    pub decided: Option<&'static str>,
}

/// One appendix page: a priority in full.
#[derive(Debug, Clone, Serialize)]
pub struct PackPriority {
    /// Its card.
    pub card: PriorityCard,
    /// Its description as HTML.
    pub html: String,
    /// Its description as Typst markup.
    pub typst: String,
    /// Its current objectives, worst first.
    pub objectives: Vec<ObjectiveRow>,
    /// Objectives not listed.
    pub objectives_more: usize,
    /// Its open projects, largest budget first.
    pub projects: Vec<ProjectRow>,
    /// Projects not listed.
    pub projects_more: usize,
}

/// A review's board pack.
#[derive(Debug, Clone, Serialize)]
pub struct PackView {
    /// The review's id: the pack is `reviews/<id>/index.html` and
    /// `reviews/<id>/<id>.pdf`.
    pub id: String,
    /// The review.
    pub review: ReviewView,
    /// The narrative as Typst markup.
    pub narrative_typst: String,
    /// The organisation's name.
    pub organisation: String,
    /// The vision.
    pub vision: Option<String>,
    /// The pack's data cut-off: the date its analysis is as of.
    pub as_of: String,
    /// The same date in parts, for the PDF's metadata.
    pub as_of_date: DateParts,
    /// The meeting date, or the as-of date, written out ("25 November 2026").
    pub dated: String,
    /// Paper and orientation.
    pub page: PageSetup,
    /// The sections, in order.
    pub sections: Vec<PackSection>,
    /// Executive summary.
    pub summary: PackSummary,
    /// Strategy on a page: each priority with at most
    /// [`STRATEGY_OBJECTIVES`] of its objectives.
    pub priorities: Vec<StrategyRow>,
    /// Intent vs reality, for strategy on a page; none when the pack has
    /// an alignment section, which shows the same chart larger.
    pub strategy_chart: Option<Chart>,
    /// OKR scorecard by priority.
    pub scorecard: Vec<ScorecardGroup>,
    /// How the scorecard's forecasts are made.
    pub forecast_method: &'static str,
    /// Whether the pack ends with the appendix (the scorecard's charts).
    pub has_appendix: bool,
    /// Portfolio health.
    pub health: PackHealth,
    /// Alignment charts.
    pub alignment: PackAlignment,
    /// The ranked findings.
    pub gaps: PackGaps,
    /// Decisions required.
    pub decisions: PackDecisions,
    /// One page per priority.
    pub appendix: Vec<PackPriority>,
}

impl PackView {
    /// The board pack of the `i`-th review, made from the portfolio as of
    /// its cut-off.
    pub fn new(cx: &Context<'_>, i: usize) -> PackView {
        match cx.frozen(i) {
            Some(frozen) => {
                // Made from another model than the one a watch session
                // compares: made again after any edit (the finished files
                // are still reused when their data has not changed).
                crate::render::reads::record(crate::render::reads::Read::Everything);
                PackView::of(&cx.over(&frozen), i)
            }
            None => PackView::of(cx, i),
        }
    }

    /// The date its data is as of: what the PDF is dated.
    pub fn cut_off(&self) -> chrono::NaiveDate {
        let d = &self.as_of_date;
        chrono::NaiveDate::from_ymd_opt(d.year, d.month, d.day).unwrap_or_default()
    }

    fn of(cx: &Context<'_>, i: usize) -> PackView {
        let r = cx.model.review(i);
        let ids: Vec<&str> =
            if r.include.is_empty() { PACK_SECTIONS.to_vec() } else { r.include.iter().map(String::as_str).collect() };
        let sections: Vec<PackSection> = ids
            .into_iter()
            .filter_map(|id| PACK_SECTIONS.iter().find(|s| **s == id))
            .map(|id| PackSection { id, title: section_title(id) })
            .collect();
        let has_appendix = sections.iter().any(|s| s.id == "appendix");
        // The alignment section shows the same chart larger.
        let has_alignment = sections.iter().any(|s| s.id == "alignment");
        let dated = r.date.unwrap_or(cx.analysis.as_of()).format("%-d %B %Y").to_string();
        PackView {
            id: r.id.clone(),
            review: ReviewView::new(cx, i),
            narrative_typst: r.body.typst.clone().unwrap_or_default(),
            organisation: cx.model.organisation().name.clone(),
            vision: cx.model.organisation().vision.clone(),
            as_of: cx.analysis.as_of().to_string(),
            as_of_date: DateParts {
                year: cx.analysis.as_of().year(),
                month: cx.analysis.as_of().month(),
                day: cx.analysis.as_of().day(),
            },
            dated,
            page: r.page,
            sections,
            summary: pack_summary(cx, i),
            priorities: cx
                .model
                .priority_ixs()
                .map(|p| {
                    let mut card = PriorityCard::new(cx, p);
                    let (objectives, more) = cap(std::mem::take(&mut card.objectives), STRATEGY_OBJECTIVES);
                    card.objectives = objectives;
                    let more = more + card.objectives_more;
                    StrategyRow { card, more }
                })
                .collect(),
            strategy_chart: (!has_alignment).then(|| charts::intent(cx).renamed("strategy-intent")),
            scorecard: scorecard(cx),
            forecast_method: crate::analyse::progress::FORECAST_METHOD.trim_end_matches('.'),
            has_appendix,
            health: pack_health(cx),
            alignment: PackAlignment {
                money: charts::money_chart(cx),
                intent: charts::intent(cx),
                matrix: charts::matrix(cx),
            },
            gaps: pack_gaps(cx),
            decisions: pack_decisions(cx, i),
            appendix: cx.model.priority_ixs().map(|p| pack_priority(cx, p)).collect(),
        }
    }
}

pub(crate) fn current_objectives<'c>(cx: &'c Context<'_>) -> impl Iterator<Item = Ix<Objective>> + 'c {
    cx.model.objective_ixs().filter(|o| cx.analysis.objective(*o).timing == Timing::Current)
}

pub(crate) fn pack_summary(cx: &Context<'_>, i: usize) -> PackSummary {
    let (decide, decide_more) = cap(asks(cx, i), FRONT_LIST);
    let (red, red_more) = cap(red_work(cx), FRONT_LIST);
    let mut objectives = HealthCounts::default();
    for o in current_objectives(cx) {
        objectives.total += 1;
        match cx.analysis.objective(o).health {
            Health::OnTrack => objectives.on_track += 1,
            Health::AtRisk => objectives.at_risk += 1,
            Health::OffTrack => objectives.off_track += 1,
            Health::NotMeasured => objectives.not_measured += 1,
        }
    }
    PackSummary {
        figures: headline_figures(cx),
        objectives,
        gaps: gap_counts(cx),
        top: FindingView::top(cx, PACK_TOP_ISSUES),
        since: SinceView::new(cx, i, PACK_SINCE),
        decide,
        decide_more,
        money: MoneyView::new(cx),
        red,
        red_more,
    }
}

/// What the `i`-th review is asked to decide: what earlier reviews
/// deferred to it, then what it decided on anything else, then what the
/// analysis proposes that no review has ruled on. Before the meeting the
/// list is the agenda; after it, the record of what became of each ask.
fn asks(cx: &Context<'_>, i: usize) -> Vec<Ask> {
    use crate::analyse::portfolio::Proposal;
    let this = cx.model.review(i);
    let to_spend = |p: Ix<Project>| still_to_spend(cx, cx.model.project(p));
    let accountable = |p: Ix<Project>| {
        let p = cx.model.project(p);
        p.sponsor.clone().or_else(|| p.owner.clone())
    };
    let proposal = |p: Ix<Project>| cx.analysis.portfolio().entry(p).filter(|r| r.proposal != Proposal::Continue);
    let asked_for = |r: &crate::analyse::portfolio::RankedProject| match r.proposal {
        Proposal::Stop => "Stop, or do not start".to_string(),
        _ => "Reshape".to_string(),
    };
    let mut out: Vec<Ask> = Vec::new();
    let mut asked = std::collections::HashSet::new();
    for (p, s) in sought(cx, i) {
        if !asked.insert(p) {
            continue;
        }
        out.push(Ask {
            kind: "deferred",
            about: cx.model.project(p).title.clone(),
            project: Some(cx.project_link(p)),
            ask: format!("Deferred at {}", s.from.title),
            why: s.item.rationale.clone().unwrap_or_default(),
            to_spend: to_spend(p),
            owner: s.item.owner.clone().or_else(|| accountable(p)),
            decided: s.decided,
        });
    }
    for d in &this.decisions {
        if d.project.is_some_and(|p| !asked.insert(p)) {
            continue;
        }
        let proposed = d.project.and_then(proposal);
        out.push(Ask {
            kind: proposed.map_or("brought", |r| r.proposal.as_str()),
            about: d.project.map_or_else(|| d.title.clone().unwrap_or_default(), |p| cx.model.project(p).title.clone()),
            project: d.project.map(|p| cx.project_link(p)),
            ask: proposed.map_or_else(|| "Brought to the meeting".to_string(), asked_for),
            why: proposed
                .map(|r| crate::format::capitalised(&r.reason))
                .or_else(|| d.rationale.clone())
                .unwrap_or_default(),
            to_spend: d.project.and_then(to_spend),
            owner: d.owner.clone().or_else(|| d.project.and_then(accountable)),
            decided: Some(d.decision.as_str()),
        });
    }
    // Proposals no earlier review has ruled on: a project a past review
    // chose to continue is not brought back every month.
    let ruled_before = |p: Ix<Project>| {
        (0..cx.model.review_count()).filter(|j| *j != i).any(|j| {
            let r = cx.model.review(j);
            r.date.zip(this.date).is_some_and(|(d, this)| d < this) && r.decisions.iter().any(|d| d.project == Some(p))
        })
    };
    for wanted in [Proposal::Stop, Proposal::Reshape] {
        for r in cx.analysis.portfolio().ranked.iter().filter(|r| r.proposal == wanted) {
            if asked.contains(&r.project) || ruled_before(r.project) {
                continue;
            }
            asked.insert(r.project);
            out.push(Ask {
                kind: wanted.as_str(),
                about: cx.model.project(r.project).title.clone(),
                project: Some(cx.project_link(r.project)),
                ask: asked_for(r),
                why: crate::format::capitalised(&r.reason),
                to_spend: to_spend(r.project),
                owner: accountable(r.project),
                decided: None,
            });
        }
    }
    out
}

/// What a project has still to spend, formatted; `None` when nothing.
fn still_to_spend(cx: &Context<'_>, p: &Project) -> Option<String> {
    let left = crate::analyse::portfolio::remaining(p);
    (left > 0.0).then(|| money(left, cx.currency))
}

/// Open projects reporting red, the most still to spend first.
fn red_work(cx: &Context<'_>) -> Vec<PathToGreen> {
    use crate::analyse::portfolio::remaining;
    let mut red: Vec<Ix<Project>> = cx
        .model
        .project_ixs()
        .filter(|p| {
            let p = cx.model.project(*p);
            p.status.is_open() && p.rag.is_some_and(crate::model::Rag::is_serious)
        })
        .collect();
    red.sort_by(|a, b| {
        let left = |p: &Ix<Project>| remaining(cx.model.project(*p));
        left(b).total_cmp(&left(a)).then_with(|| a.cmp(b))
    });
    red.into_iter()
        .map(|ix| {
            let p = cx.model.project(ix);
            let note = p.latest_note();
            PathToGreen {
                project: ProjectRow::new(cx, ix),
                since: p.status_since().map(written_date),
                note: note.map(|(n, _)| n.to_string()),
                noted: note.map(|(_, d)| written_date(d)),
                to_spend: still_to_spend(cx, p),
            }
        })
        .collect()
}

pub(crate) fn scorecard(cx: &Context<'_>) -> Vec<ScorecardGroup> {
    let mut groups: Vec<(Link, Vec<Ix<Objective>>)> = cx
        .model
        .priority_ixs()
        .map(|p| {
            let objectives = current_objectives(cx).filter(|o| cx.analysis.objective(*o).priority == Some(p)).collect();
            (cx.priority_link(p), objectives)
        })
        .collect();
    groups.push((
        Link { title: "Not linked to a priority".into(), url: "objectives/index.html".into() },
        current_objectives(cx).filter(|o| cx.analysis.objective(*o).priority.is_none()).collect(),
    ));
    let mut groups: Vec<(Link, Vec<Ix<Objective>>)> =
        groups.into_iter().filter(|(_, objectives)| !objectives.is_empty()).collect();
    for (_, objectives) in &mut groups {
        objectives.sort_by_key(|o| urgency(cx.analysis.objective(*o).health));
    }
    // Charts are shared out a round at a time (each priority's most behind
    // objective first), so every priority has some and the pack has at most
    // PACK_CHARTED however many priorities there are.
    let mut charts = vec![0; groups.len()];
    let mut left = PACK_CHARTED;
    for round in 0..CHARTED_OBJECTIVES {
        for (g, (_, objectives)) in groups.iter().enumerate() {
            if left > 0 && round < objectives.len() {
                charts[g] += 1;
                left -= 1;
            }
        }
    }
    groups
        .into_iter()
        .zip(charts)
        .map(|((priority, objectives), charted)| {
            let charted = objectives.iter().take(charted).map(|o| scorecard_objective(cx, *o)).collect();
            let rows = objectives.iter().take(LIST_LIMIT).map(|o| ObjectiveRow::new(cx, *o)).collect();
            let table = objectives.iter().take(LIST_LIMIT).map(|o| ScorecardRow::new(cx, *o)).collect();
            let rows_more = objectives.len().saturating_sub(LIST_LIMIT);
            ScorecardGroup { priority, rows, rows_more, table, objectives: charted }
        })
        .collect()
}

pub(crate) fn scorecard_objective(cx: &Context<'_>, o: Ix<Objective>) -> ScorecardObjective {
    let id = &cx.model.objective(o).id;
    let bullets = charts::bullets(cx, o, &format!("kr-bullets-{id}")).draw();
    let attention = matches!(cx.analysis.objective(o).health, Health::AtRisk | Health::OffTrack);
    let trends = if attention {
        charts::trends(cx, o, &format!("{id}-"), Some(PACK_TREND_WIDTH)).iter().map(LazyChart::draw).collect()
    } else {
        Vec::new()
    };
    ScorecardObjective { row: ObjectiveRow::new(cx, o), bullets, trends }
}

pub(crate) fn pack_health(cx: &Context<'_>) -> PackHealth {
    let as_of = cx.analysis.as_of();
    let open: Vec<Ix<Project>> = cx.model.project_ixs().filter(|p| cx.model.project(*p).status.is_open()).collect();
    let mut over: Vec<(f64, Ix<Project>)> = open
        .iter()
        .filter_map(|p| {
            let project = cx.model.project(*p);
            let (budget, spent) = (project.budget?, project.spent?);
            (spent > budget).then_some((spent - budget, *p))
        })
        .collect();
    over.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let (over, over_budget_more) = cap(over, LIST_LIMIT);
    let over_budget = over
        .into_iter()
        .map(|(by, p)| OverBudget {
            project: ProjectRow::new(cx, p),
            spent: money(cx.model.project(p).spent.unwrap_or_default(), cx.currency),
            over: money(by, cx.currency),
        })
        .collect();
    let mut late: Vec<(NaiveDate, Ix<Project>)> =
        open.iter().filter_map(|p| cx.model.project(*p).end.filter(|end| *end < as_of).map(|end| (end, *p))).collect();
    late.sort();
    let (late, overdue_more) = cap(late, LIST_LIMIT);
    let overdue = late.into_iter().map(|(_, p)| ProjectRow::new(cx, p)).collect();
    let (rebaselined, rebaselined_more) = cap(rebaselined(cx), LIST_LIMIT);
    PackHealth {
        status: charts::status(cx),
        over_budget,
        over_budget_more,
        overdue,
        overdue_more,
        rebaselined,
        rebaselined_more,
        programmes: cx.model.programme_ixs().map(|g| ProgrammeRow::new(cx, g)).collect(),
    }
}

pub(crate) fn pack_gaps(cx: &Context<'_>) -> PackGaps {
    // In rank order: the most severe, then the most at stake.
    let open: Vec<&Finding> = cx.analysis.findings().iter().filter(|f| f.waiver.is_none()).collect();
    let notes = open.iter().filter(|f| f.severity == crate::diag::Severity::Info).count();
    PackGaps {
        findings: open.iter().take(PACK_BRIEFING).map(|f| PackFinding::new(cx, f)).collect(),
        open: open.len(),
        warnings: open.len() - notes,
        notes,
        by_gap: gap_counts(cx),
    }
}

/// Decisions deferred by earlier reviews and still open at the `i`-th.
fn sought(cx: &Context<'_>, i: usize) -> Vec<(Ix<Project>, SoughtDecision)> {
    use crate::model::{Decision, FollowUp};
    let this = cx.model.review(i);
    let Some(date) = this.date else { return Vec::new() };
    let mut out = Vec::new();
    for j in 0..cx.model.review_count() {
        let r = cx.model.review(j);
        if j == i || r.date.is_none_or(|d| d >= date) {
            continue;
        }
        for d in r.decisions.iter().filter(|d| d.decision == Decision::Defer && d.status == FollowUp::Open) {
            let Some(project) = d.project else { continue };
            // Taken at a review between the two: no longer sought.
            if cx.model.0.taken_after(j, project).is_some_and(|k| cx.model.review(k).date.is_some_and(|d| d < date)) {
                continue;
            }
            out.push((
                project,
                SoughtDecision {
                    item: DecisionView::new(cx, d),
                    from: Link { title: r.title.clone(), url: review_url(r) },
                    decided: this.decisions.iter().find(|x| x.project == Some(project)).map(|x| x.decision.as_str()),
                },
            ));
        }
    }
    out
}

pub(crate) fn pack_decisions(cx: &Context<'_>, i: usize) -> PackDecisions {
    let portfolio = &cx.analysis.portfolio();
    let listed = |wanted: &dyn Fn(&crate::analyse::portfolio::RankedProject) -> bool| {
        let (rows, count) = portfolio_rows(cx, wanted, LIST_LIMIT);
        let more = count - rows.len();
        (rows, more)
    };
    let (stop, stop_more) = listed(&|r| r.proposal.as_str() == "stop");
    let (reshape, reshape_more) = listed(&|r| r.proposal.as_str() == "reshape");
    let (below_line, below_line_more) = listed(&|r| !r.above_line && portfolio.capacity.is_some());
    PackDecisions {
        sought: sought(cx, i).into_iter().map(|(_, s)| s).collect(),
        recorded: ReviewView::new(cx, i).decisions,
        stop,
        stop_more,
        reshape,
        reshape_more,
        below_line,
        below_line_more,
        capacity: portfolio.capacity.map(|c| money(c, cx.currency)),
        demand: money(portfolio.demand, cx.currency),
    }
}

pub(crate) fn pack_priority(cx: &Context<'_>, p: Ix<Priority>) -> PackPriority {
    let priority = cx.model.priority(p);
    let mut objectives: Vec<Ix<Objective>> =
        current_objectives(cx).filter(|o| cx.analysis.objective(*o).priority == Some(p)).collect();
    objectives.sort_by_key(|o| urgency(cx.analysis.objective(*o).health));
    let (objectives, objectives_more) = cap(objectives, LIST_LIMIT);
    let mut projects = cx.analysis.priority(p).projects.clone();
    projects.sort_by(|a, b| {
        let budget = |x: &Ix<Project>| cx.model.project(*x).budget.unwrap_or(0.0);
        budget(b).total_cmp(&budget(a)).then_with(|| a.cmp(b))
    });
    let (projects, projects_more) = cap(projects, LIST_LIMIT);
    let mut card = PriorityCard::new(cx, p);
    card.objectives.truncate(STRATEGY_OBJECTIVES);
    PackPriority {
        card,
        html: priority.body.html.clone(),
        typst: priority.body.typst.clone().unwrap_or_default(),
        objectives: objectives.into_iter().map(|o| ObjectiveRow::new(cx, o)).collect(),
        objectives_more,
        projects: projects.into_iter().map(|x| ProjectRow::new(cx, x)).collect(),
        projects_more,
    }
}

impl PackView {
    /// Every chart in the pack, for typesetting them as files.
    pub fn charts(&self) -> Vec<&Chart> {
        let mut out = vec![&self.health.status, &self.alignment.money, &self.alignment.intent, &self.alignment.matrix];
        out.extend(&self.strategy_chart);
        for group in &self.scorecard {
            for o in &group.objectives {
                out.push(&o.bullets);
                out.extend(&o.trends);
            }
        }
        out
    }
}

fn section_title(id: &str) -> &'static str {
    match id {
        "cover" => "Cover",
        "narrative" => "Narrative",
        "summary" => "Executive summary",
        "strategy" => "Strategy on a page",
        "scorecard" => "OKR scorecard",
        "portfolio" => "Portfolio health",
        "alignment" => "Alignment",
        "gaps" => "The gaps",
        "decisions" => "Decisions required",
        _ => "Appendix: key-result charts and priorities",
    }
}

/// The longest list on the pack's front pages (what to decide, red work,
/// status changes, key-result moves): they must fit on two pages.
pub const FRONT_LIST: usize = 5;

/// How many status changes and key-result moves the pack's summary lists,
/// so that what moved fits on one page (the review's page lists them all).
pub const PACK_SINCE: usize = FRONT_LIST;

/// How many findings the pack's gaps section lists: about two pages.
pub const PACK_BRIEFING: usize = 15;

/// The longest list a pack prints: a board reads the top of a list, and the
/// site has the rest. Every cut list says how many it left out.
pub const LIST_LIMIT: usize = 15;

/// Objectives shown per priority on strategy on a page.
pub const STRATEGY_OBJECTIVES: usize = 6;

/// Objectives per priority drawn as charts on the scorecard.
const CHARTED_OBJECTIVES: usize = 4;

/// How wide the pack draws a key result's trend, in pixels. The PDF sets
/// two to a row where the page has room for both at no less than the scale
/// that keeps 11 px chart text at 7 pt (pack.typ's `min-scale`), one to a
/// row where it has not; 560 px gives two on a landscape page.
const PACK_TREND_WIDTH: u32 = 560;

/// Objectives drawn as charts on the scorecard in all: a pack stays a few
/// dozen pages however many priorities there are.
const PACK_CHARTED: usize = 16;

/// The first `limit` items, and how many were left out.
pub(crate) fn cap<T>(mut items: Vec<T>, limit: usize) -> (Vec<T>, usize) {
    let more = items.len().saturating_sub(limit);
    items.truncate(limit);
    (items, more)
}

/// How far behind an objective is, for putting the worst first.
fn urgency(health: Health) -> u8 {
    match health {
        Health::OffTrack => 0,
        Health::AtRisk => 1,
        Health::NotMeasured => 2,
        Health::OnTrack => 3,
    }
}
