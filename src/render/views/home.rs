//! The home page: the vision, headline figures and every priority.

use super::*;

/// How many unaligned projects and unsupported objectives the home page
/// lists; the unaligned work page has the rest.
pub const HOME_ROWS: usize = 8;

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
    /// How many current objectives nothing moves.
    pub unsupported_count: usize,
    /// How many open projects serve no current objective.
    pub unaligned_count: usize,
    /// The latest check-in, if any.
    pub latest_checkin: Option<CheckinSummary>,
    /// Intent vs reality, and status over time.
    pub charts: Vec<Chart>,
    /// Open (unwaived) findings in each gap.
    pub gaps: Vec<GapCount>,
    /// The open findings to read first, in rank order.
    pub top: Vec<FindingView>,
    /// Open work the analysis proposes to stop or not start: what the board
    /// is asked to decide first.
    pub stop: Vec<PortfolioRow>,
    /// The operating rhythm `[rhythm]` sets: last and next of each kind.
    pub rhythm: Vec<RhythmRow>,
}

/// One beat of the operating rhythm: check-ins, or reviews of a kind.
#[derive(Debug, Clone, Serialize)]
pub struct RhythmRow {
    /// "Check-ins", "Portfolio reviews", "Strategy reviews".
    pub what: &'static str,
    /// The cadence: weekly … yearly.
    pub cadence: &'static str,
    /// The last one: its page and date.
    pub last: Option<Link>,
    /// When the last one was ("25 November 2026").
    pub last_date: Option<String>,
    /// When the next one is due: the last one plus the cadence.
    pub next: Option<String>,
    /// Whether it is later than the cadence allows (the rules' grace of a
    /// quarter of the cadence included), or none was ever held.
    pub late: bool,
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

/// How many findings a gap holds, for the home page, the Gaps page and
/// the pack, with the page that lists them.
#[derive(Debug, Clone, Serialize)]
pub struct GapCount {
    /// `translation`, `visibility`, …
    pub id: &'static str,
    /// "Translation gap"
    pub title: &'static str,
    /// What the gap is.
    pub explanation: &'static str,
    /// Findings not waived.
    pub open: usize,
    /// Findings, waived ones included.
    pub count: usize,
    /// The gap's own page (`gaps/<id>.html`), when it has findings.
    pub url: Option<String>,
}

impl HomeView {
    pub(crate) fn new(cx: &Context<'_>) -> Self {
        let a = cx.analysis;
        let figures = headline_figures(cx);
        let latest_checkin = cx.model.checkin_count().checked_sub(1).map(|i| CheckinSummary::new(cx, i, usize::MAX));
        HomeView {
            figures,
            priorities: cx.model.priority_ixs().map(|p| PriorityCard::new(cx, p)).collect(),
            unaligned: cx.unaligned_sorted().into_iter().take(HOME_ROWS).map(|p| ProjectRow::new(cx, p)).collect(),
            unsupported: a.unsupported().iter().take(HOME_ROWS).map(|o| ObjectiveRow::new(cx, *o)).collect(),
            unsupported_count: a.unsupported().len(),
            unaligned_count: a.unaligned().len(),
            latest_checkin,
            charts: vec![charts::intent(cx), charts::status(cx)],
            gaps: gap_counts(cx),
            top: FindingView::top(cx, TOP_ISSUES),
            stop: portfolio_rows(cx, |r| r.proposal.as_str() == "stop", PROPOSALS_SHOWN).0,
            rhythm: rhythm(cx),
        }
    }
}

/// Last and next of each beat `[rhythm]` sets, as the home page shows them.
fn rhythm(cx: &Context<'_>) -> Vec<RhythmRow> {
    use crate::model::ReviewKind;
    let set = &cx.model.organisation().rhythm;
    let as_of = cx.analysis.as_of();
    let row = |what, cadence: crate::model::Cadence, last: Option<(Link, chrono::NaiveDate)>| {
        let next = last.as_ref().map(|(_, d)| *d + chrono::Duration::days(cadence.days()));
        RhythmRow {
            what,
            cadence: cadence.as_str(),
            late: last.as_ref().is_none_or(|(_, d)| (as_of - *d).num_days() > cadence.allowed_days()),
            last_date: last.as_ref().map(|(_, d)| written_date(*d)),
            last: last.map(|(l, _)| l),
            next: next.map(written_date),
        }
    };
    let mut rows = Vec::new();
    if let Some(cadence) = set.checkins {
        let last = (0..cx.model.checkin_count()).rev().map(|i| cx.model.checkin(i)).find(|c| c.date <= as_of);
        rows.push(row(
            "Check-ins",
            cadence,
            last.map(|c| (Link { title: c.date.to_string(), url: crate::render::context::checkin_url(c) }, c.date)),
        ));
    }
    for (kind, what) in [(ReviewKind::Portfolio, "Portfolio reviews"), (ReviewKind::Strategy, "Strategy reviews")] {
        let Some(cadence) = set.of(kind) else { continue };
        // Which review was last depends on every review's kind and date.
        for i in 0..cx.model.review_count() {
            cx.model.review(i);
        }
        let last = cx.model.0.last_of_kind(kind, as_of).map(|i| cx.model.review(i));
        rows.push(row(
            what,
            cadence,
            last.and_then(|r| {
                Some((Link { title: r.title.clone(), url: crate::render::context::review_url(r) }, r.date?))
            }),
        ));
    }
    rows
}

/// The headline figures of the home page and the pack's summary.
pub(crate) fn headline_figures(cx: &Context<'_>) -> Vec<Figure> {
    let a = cx.analysis;
    let current: Vec<Ix<Objective>> =
        cx.model.objective_ixs().filter(|o| a.objective(*o).timing == Timing::Current).collect();
    let on_track = current.iter().filter(|o| a.objective(**o).health == Health::OnTrack).count();
    let off_track = current.iter().filter(|o| a.objective(**o).health == Health::OffTrack).count();
    let aligned_share = a.coverage().budget_share();
    let mut figures = vec![
        Figure {
            value: aligned_share.map_or_else(|| "–".into(), percent),
            label: "of open budget traces to current objectives".into(),
            note: Some(format!(
                "{} of {}",
                money(a.coverage().aligned_budget, cx.currency),
                money(a.coverage().budget, cx.currency)
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

/// Open findings in each gap.
pub(crate) fn gap_counts(cx: &Context<'_>) -> Vec<GapCount> {
    crate::analyse::Gap::ALL
        .into_iter()
        .map(|gap| {
            let findings = || cx.analysis.findings().iter().filter(move |f| f.rule.gap == gap);
            let count = findings().count();
            GapCount {
                id: gap.id(),
                title: gap.title(),
                explanation: gap.explanation(),
                open: findings().filter(|f| f.waiver.is_none()).count(),
                count,
                url: (count > 0).then(|| super::gaps::gap_pages(gap).0),
            }
        })
        .collect()
}
