//! The registry of analysis rules: each with a stable id, the gap it
//! belongs to, a default severity and user documentation. Findings refer to
//! a rule, so `check`, the site and the docs all speak of the same things.

use serde::Serialize;

use crate::diag::Severity;

/// The alignment gap a finding belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Gap {
    /// Strategy never turned into measurable outcomes.
    Translation,
    /// Work nobody sees as a whole: duplicated, conflicting, unaligned.
    Visibility,
    /// Nobody checks whether benefits arrived.
    Feedback,
    /// Too much at once.
    Focus,
    /// Status that hides the truth; work that never stops.
    Governance,
}

impl Gap {
    /// The gap's name as shown to readers.
    pub fn title(self) -> &'static str {
        match self {
            Gap::Translation => "Translation gap",
            Gap::Visibility => "Visibility gap",
            Gap::Feedback => "Feedback gap",
            Gap::Focus => "Focus",
            Gap::Governance => "Governance",
        }
    }
}

/// An analysis rule, documented for users.
#[derive(Debug, Serialize)]
pub struct Rule {
    /// Stable id, used in output, config and waivers.
    pub id: &'static str,
    /// The gap it reveals.
    pub gap: Gap,
    /// How loud it is unless configured otherwise.
    pub severity: Severity,
    /// One line: what the rule looks for.
    pub summary: &'static str,
    /// Why it matters, for the rules reference.
    pub why: &'static str,
    /// How to resolve it.
    pub fix: &'static str,
}

/// Open work that traces to no current objective.
pub const UNALIGNED_PROJECT: Rule = Rule {
    id: "unaligned-project",
    gap: Gap::Visibility,
    severity: Severity::Warning,
    summary: "a proposed, active or paused project contributes to no objective of the current or a future period",
    why: "Work that serves no current objective spends money and people on something the strategy does not ask for, and nobody sees it when priorities are weighed.",
    fix: "Link the project to the objective it serves (`objectives = [\"…\"]`), or propose it for deferral or cancellation.",
};

/// A current objective that no open work moves.
pub const UNSUPPORTED_OBJECTIVE: Rule = Rule {
    id: "unsupported-objective",
    gap: Gap::Translation,
    severity: Severity::Warning,
    summary: "an objective of the current period has no open project contributing to it or to any objective cascading from it",
    why: "An objective nobody is working on is a wish: it will be reported as off track at the end of the period with no one having been asked to move it.",
    fix: "Link the projects that move it, start one, or drop the objective and say so.",
};

/// Every rule, in documentation order.
pub const RULES: &[&Rule] = &[&UNALIGNED_PROJECT, &UNSUPPORTED_OBJECTIVE];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_kebab_case() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        assert!(
            ids.iter()
                .all(|id| id.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        );
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        assert!(rule("unaligned-project").is_some());
    }
}
