//! The gaps page and the analysis rules page.

use super::*;

/// `gaps.html`: the findings as a ranked briefing, the most severe and
/// the most at stake first, whatever gap they belong to.
#[derive(Debug, Clone, Serialize)]
pub struct GapsView {
    /// The first [`PER_PAGE`] findings in rank order (open ones first,
    /// then those waived with a reason).
    pub findings: Vec<FindingView>,
    /// Findings not listed here; each gap's own page lists them all.
    pub more: usize,
    /// The five gaps with their counts and pages.
    pub gaps: Vec<GapCount>,
    /// Findings in all, waived included.
    pub total: usize,
    /// Open findings of error severity.
    pub errors: usize,
    /// Open warnings.
    pub warnings: usize,
    /// Open notes.
    pub notes: usize,
    /// Waived with a reason.
    pub waived: usize,
    /// Team names that occur, for the filter.
    pub teams: Vec<String>,
    /// Priority titles that occur, for the filter.
    pub priorities: Vec<String>,
}

/// Where a gap's own pages go.
pub fn gap_pages(gap: crate::analyse::Gap) -> (String, String) {
    (format!("gaps/{}.html", gap.id()), format!("gaps/{}/", gap.id()))
}

/// The gaps with findings, each with a page of its own, and how many
/// findings each has, in order.
pub fn paged_gaps(cx: &Context<'_>) -> Vec<(crate::analyse::Gap, usize)> {
    crate::analyse::Gap::ALL
        .into_iter()
        .map(|gap| (gap, cx.analysis.analysis.findings.iter().filter(|f| f.rule.gap == gap).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Which gap, and which of its pages, the `i`-th gap page is.
pub fn gap_page(cx: &Context<'_>, mut i: usize) -> (crate::analyse::Gap, usize, usize) {
    for (gap, n) in paged_gaps(cx) {
        let pages = Paging::count(n);
        if i < pages {
            return (gap, i, n);
        }
        i -= pages;
    }
    unreachable!("gap page {i} is past the last")
}

/// `gaps/<gap>.html` and the pages after it: one gap's findings, every
/// one, in the order of the briefing.
#[derive(Debug, Clone, Serialize)]
pub struct GapPage {
    /// The gap's id.
    pub id: &'static str,
    /// Its title.
    pub title: &'static str,
    /// What it is.
    pub explanation: &'static str,
    /// The findings on this page.
    pub findings: Vec<FindingView>,
    /// Where this page is among the gap's pages.
    pub pager: Pager,
}

impl GapPage {
    pub(crate) fn new(cx: &Context<'_>, i: usize) -> Self {
        let (gap, page, n) = gap_page(cx, i);
        let range = Paging::range(page, n);
        let findings = cx
            .analysis
            .findings()
            .iter()
            .filter(|f| f.rule.gap == gap)
            .skip(range.start)
            .take(range.len())
            .map(|f| FindingView::new(cx, f))
            .collect();
        let (first, rest) = gap_pages(gap);
        let pager = Paging { first: &first, rest: &rest }.pager(page, n);
        GapPage { id: gap.id(), title: gap.title(), explanation: gap.explanation(), findings, pager }
    }
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

impl GapsView {
    pub(crate) fn new(cx: &Context<'_>) -> Self {
        let all = cx.analysis.findings();
        let findings: Vec<FindingView> = all.iter().take(PER_PAGE).map(|f| FindingView::new(cx, f)).collect();
        let mut teams = std::collections::BTreeSet::new();
        let mut priorities = std::collections::BTreeSet::new();
        for f in &findings {
            teams.extend(f.team.clone());
            priorities.extend(f.priorities.iter().cloned());
        }
        let open = |severity: crate::diag::Severity| {
            all.iter().filter(|f| f.waiver.is_none() && f.severity == severity).count()
        };
        GapsView {
            more: all.len() - findings.len(),
            findings,
            gaps: gap_counts(cx),
            total: all.len(),
            errors: open(crate::diag::Severity::Error),
            warnings: open(crate::diag::Severity::Warning),
            notes: open(crate::diag::Severity::Info),
            waived: all.iter().filter(|f| f.waiver.is_some()).count(),
            teams: teams.into_iter().collect(),
            priorities: priorities.into_iter().collect(),
        }
    }
}

pub(crate) fn rules(cx: &Context<'_>) -> Vec<RuleGroup> {
    let levels = &cx.model.organisation().rule_levels;
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
                    count: cx.analysis.findings().iter().filter(|f| f.rule.id == r.id).count(),
                })
                .collect(),
        })
        .collect();
    groups
}
