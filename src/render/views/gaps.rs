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
    /// Findings in it (waived ones included, marked).
    pub findings: Vec<FindingView>,
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
                let findings: Vec<FindingView> = cx
                    .analysis
                    .findings()
                    .iter()
                    .filter(|f| f.rule.gap == gap)
                    .map(|f| FindingView::new(cx, f))
                    .collect();
                for f in &findings {
                    teams.extend(f.team.clone());
                    priorities.extend(f.priorities.iter().cloned());
                }
                GapGroup { id: gap.id(), title: gap.title(), explanation: gap.explanation(), findings }
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
