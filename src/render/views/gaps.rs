//! The gaps page and the analysis rules page.

use super::*;

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

/// A gap with its findings, on the Gaps page.
#[derive(Debug, Clone, Serialize)]
pub struct GapGroup {
    /// `translation`, `visibility`, …
    pub id: &'static str,
    /// "Translation gap"
    pub title: &'static str,
    /// One sentence on what the gap is.
    pub explanation: &'static str,
    /// Findings in it (waived ones included, marked): all of them, or when
    /// there are more than [`GAP_INLINE`], the first [`GAP_PREVIEW`].
    pub findings: Vec<FindingView>,
    /// How many findings the gap has.
    pub count: usize,
    /// When not all are shown here: the gap's own pages, which list them all.
    pub all: Option<String>,
}

/// A gap with more findings than this is not listed whole on the Gaps
/// page but on pages of its own.
pub const GAP_INLINE: usize = PER_PAGE;

/// How many of such a gap's findings the Gaps page shows.
pub const GAP_PREVIEW: usize = 10;

/// Where a gap's own pages go.
pub fn gap_pages(gap: crate::analyse::Gap) -> (String, String) {
    (format!("gaps/{}.html", gap.id()), format!("gaps/{}/", gap.id()))
}

/// The gaps with pages of their own and how many findings each has, in order.
pub fn paged_gaps(cx: &Context<'_>) -> Vec<(crate::analyse::Gap, usize)> {
    crate::analyse::Gap::ALL
        .into_iter()
        .map(|gap| (gap, cx.analysis.analysis.findings.iter().filter(|f| f.rule.gap == gap).count()))
        .filter(|(_, n)| *n > GAP_INLINE)
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

/// `gaps/<gap>.html` and the pages after it: one gap's findings, every one.
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
        let mut teams = std::collections::BTreeSet::new();
        let mut priorities = std::collections::BTreeSet::new();
        let groups: Vec<GapGroup> = crate::analyse::Gap::ALL
            .into_iter()
            .map(|gap| {
                let all: Vec<&Finding> = cx.analysis.findings().iter().filter(|f| f.rule.gap == gap).collect();
                let shown = if all.len() > GAP_INLINE { GAP_PREVIEW } else { all.len() };
                let findings: Vec<FindingView> = all.iter().take(shown).map(|f| FindingView::new(cx, f)).collect();
                for f in &findings {
                    teams.extend(f.team.clone());
                    priorities.extend(f.priorities.iter().cloned());
                }
                GapGroup {
                    id: gap.id(),
                    title: gap.title(),
                    explanation: gap.explanation(),
                    findings,
                    count: all.len(),
                    all: (all.len() > GAP_INLINE).then(|| gap_pages(gap).0),
                }
            })
            .collect();
        GapsView {
            total: cx.analysis.findings().len(),
            waived: cx.analysis.findings().iter().filter(|f| f.waiver.is_some()).count(),
            groups,
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
