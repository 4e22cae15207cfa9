//! The registry of analysis rules: each with a stable id, the gap it
//! belongs to, a default severity and user documentation. Findings refer to
//! a rule, so `check`, the site, the JSON and the rules reference all speak
//! of the same things. Severities can be changed (or a rule switched off)
//! under `[rules]` in organisation.toml; a single item can waive a rule.

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
    /// Every gap, in the order reports list them.
    pub const ALL: [Gap; 5] = [Gap::Translation, Gap::Visibility, Gap::Feedback, Gap::Focus, Gap::Governance];

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

    /// The lowercase id used in JSON and filters.
    pub fn id(self) -> &'static str {
        match self {
            Gap::Translation => "translation",
            Gap::Visibility => "visibility",
            Gap::Feedback => "feedback",
            Gap::Focus => "focus",
            Gap::Governance => "governance",
        }
    }

    /// One sentence on what the gap is.
    pub fn explanation(self) -> &'static str {
        match self {
            Gap::Translation => "Strategy that was never turned into measurable outcomes.",
            Gap::Visibility => "Work nobody sees as a whole: unaligned, duplicated, blocked or overloaded.",
            Gap::Feedback => "Nobody checks whether the promised benefits arrived.",
            Gap::Focus => "Too many things at once to do any of them well.",
            Gap::Governance => "Status reports that hide the truth, and work that never stops.",
        }
    }
}

/// An analysis rule, documented for users.
#[derive(Debug, Serialize)]
pub struct Rule {
    /// Stable id, used in output, `[rules]` and waivers.
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

/// Rules are constants with unique ids: one is another if their ids match.
impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        self.id == other.id
    }
}

macro_rules! rules {
    ($($name:ident = $id:literal, $gap:ident, $sev:ident, $summary:literal, $why:literal, $fix:literal;)*) => {
        $(
            #[doc = $summary]
            pub const $name: Rule = Rule {
                id: $id,
                gap: Gap::$gap,
                severity: Severity::$sev,
                summary: $summary,
                why: $why,
                fix: $fix,
            };
        )*
        /// Every rule, in documentation order.
        pub const RULES: &[&Rule] = &[$(&$name),*];
    };
}

rules! {
    OBJECTIVE_WITHOUT_KEY_RESULTS = "objective-without-key-results", Translation, Warning,
        "An objective of the current period has no key results.",
        "Without key results nobody can tell whether the objective is being met; it stays a slogan.",
        "Add two to five `[[key_results]]` with a baseline (`start`) and a `target`.";
    KEY_RESULT_NOT_MEASURABLE = "key-result-not-measurable", Translation, Warning,
        "A key result of a current objective has no numeric target or no baseline.",
        "Progress is the distance travelled from baseline to target; without both numbers it cannot be measured or compared with the calendar.",
        "Give the key result a `start` (where it was when the period began) and a `target`.";
    ACTIVITY_ONLY_KEY_RESULTS = "activity-only-key-results", Translation, Warning,
        "Every key result of a current objective measures activity, not outcome.",
        "Counting work done (workshops held, systems delivered) says nothing about whether anything changed for patients, customers or staff.",
        "Replace at least one activity with the outcome it is meant to produce, and mark it `kind = \"outcome\"`.";
    OBJECTIVE_NOT_LINKED = "objective-not-linked", Translation, Warning,
        "An objective names neither a priority nor a parent objective.",
        "An objective that does not trace to a priority cannot be weighed against the strategy; it competes for money on its own terms.",
        "Add `priority = \"…\"` for a company objective, or `parent = \"…\"` for a team objective in a cascade.";
    UNEXPLAINED_ALIGNMENT = "unexplained-alignment", Translation, Info,
        "An open project links to a current objective without saying how it moves it (no `why` on the link). When at least five links, and more than half of all links of open work, give no reason, the practice is the problem: one finding about it, owned by the PMO, lists the projects.",
        "A link nobody can explain is a label, not alignment: can teams say how their work supports the strategy?",
        "Give each link one sentence on how the project moves the objective: `objectives = [{ id = \"…\", why = \"…\" }]`.";
    PRIORITY_WITHOUT_OBJECTIVES = "priority-without-objectives", Translation, Warning,
        "A strategic priority has no objective in the current period.",
        "A priority nobody has set an objective for this period is not being pursued, whatever the strategy document says.",
        "Set at least one objective for the priority this period, or retire the priority openly.";
    UNALIGNED_PROJECT = "unaligned-project", Visibility, Warning,
        "A proposed, active or paused project contributes to no objective of the current or a future period.",
        "Work that serves no current objective spends money and people on something the strategy does not ask for, and nobody sees it when priorities are weighed.",
        "Link the project to the objective it serves (`objectives = [\"…\"]`), or propose it for deferral or cancellation.";
    UNSUPPORTED_OBJECTIVE = "unsupported-objective", Visibility, Warning,
        "An objective of the current period has no open project contributing to it or to any objective cascading from it.",
        "An objective nobody is working on is a wish: it will be reported off track at the end of the period with no one having been asked to move it.",
        "Link the projects that move it, start one, or drop the objective and say so.";
    DUPLICATE_PROJECTS = "duplicate-projects", Visibility, Warning,
        "Two open projects serve the same objective and have similar titles and descriptions.",
        "Duplicated work splits budget and people, and the two teams rarely know of each other.",
        "Compare the two projects and merge them, or say in each why both are needed.";
    BLOCKED_DEPENDENCY = "blocked-dependency", Visibility, Warning,
        "An open project depends on a project that is cancelled, paused, or proposed for stopping.",
        "A project cannot deliver what it relies on another project for when that project has stopped.",
        "Re-plan the dependent project, restart the dependency, or find another way to get what it provided.";
    DEPENDENCY_CYCLE = "dependency-cycle", Visibility, Error,
        "Projects depend on each other in a loop.",
        "In a dependency loop each project waits for another; none can finish first.",
        "Break the loop: decide which project really comes first and remove it from the other's `depends_on`.";
    LATE_DEPENDENCY = "late-dependency", Visibility, Warning,
        "An open project depends on a project that is planned to finish after it.",
        "A project due before what it depends on will either slip or deliver without it.",
        "Align the dates: bring the dependency forward or move the dependent project's `end`.";
    RESOURCE_DRIFT = "resource-drift", Visibility, Warning,
        "A priority's actual share of open spend (or of FTE) differs from its intended `weight` by more than `drift_tolerance` points, either way.",
        "Budget and headcount stay attached to historical commitments: a strategy that says one thing while the money says another is not being executed.",
        "Move money and people toward the priorities short of their intended share (stop or shrink work elsewhere), or change the intended weights if the strategy has changed.";
    TEAM_OVER_CAPACITY = "team-over-capacity", Visibility, Warning,
        "The FTE of a team's active projects is more than its `capacity_fte`.",
        "An over-committed team delivers everything late; which work slips is decided by accident rather than by priority.",
        "Pause or defer the lowest-ranked work of the team, or add capacity.";
    PROJECT_OVERDUE = "project-overdue", Visibility, Warning,
        "A project is past its end date and not done.",
        "An overdue project keeps consuming money and people nobody planned for, and often hides a failed delivery.",
        "Agree a new `end` date with the sponsor, close the project, or escalate it.";
    PROGRAMME_UNALIGNED = "programme-unaligned", Visibility, Warning,
        "An open programme has open projects, and none of them serves an objective of the current or a future period (through its own `objectives` or the programme's).",
        "A programme is where money is committed in bulk: when none of its work serves the current strategy, the whole budget line is spent on something the strategy no longer asks for.",
        "Name the current objectives the programme serves in its `objectives`, or propose the programme for closure.";
    OFF_PROGRAMME = "off-programme", Visibility, Info,
        "An open project of a programme names objectives of its own, and none of them is one of the programme's objectives or in their cascade.",
        "A project that serves different goals from its programme is either in the wrong programme or pulling it off course; it is allowed, and worth a look.",
        "Move the project to the programme whose objectives it serves, add the objective to the programme, or leave out the project's own `objectives` so it serves the programme's.";
    MILESTONE_MISSED = "milestone-missed", Visibility, Warning,
        "An open project has a milestone past its planned `date` and not `done`. One finding per project lists them all.",
        "A missed milestone is the earliest hard evidence that a plan is slipping, long before the end date is.",
        "Record the `done` date if the milestone was reached; otherwise agree a new date with the sponsor and say what the slip does to the end date.";
    DONE_WITHOUT_BENEFITS = "done-without-benefits", Feedback, Warning,
        "A finished project lists no benefits.",
        "If nobody wrote down what a project was for, nobody can check whether it worked.",
        "Add the `[[benefits]]` the project was approved for, with `planned` values and `due` dates.";
    BENEFIT_NOT_REVIEWED = "benefit-not-reviewed", Feedback, Warning,
        "A benefit is past its due date and has never been reviewed.",
        "Benefits nobody checks are assumed to have arrived; the portfolio never learns which kinds of project pay off.",
        "Measure the benefit, record `realised` and the `reviewed` date.";
    BENEFIT_SHORTFALL = "benefit-shortfall", Feedback, Warning,
        "A reviewed benefit was realised below plan.",
        "A shortfall is the clearest lesson a portfolio gets: the case for similar work should be discounted.",
        "Record why the benefit fell short and what it means for similar projects; decide whether to act on the gap.";
    STALE_CHECKIN = "stale-checkin", Feedback, Warning,
        "An active project or a current key result has had no check-in for longer than `stale_checkin_days`. When at least five active projects, and more than half of them, are silent (or five current objectives, and more than half, have key results nobody reports), the practice is the problem: one finding about the check-ins, owned by the PMO, lists them all (each page still shows its own part).",
        "Status that nobody has updated is a guess; problems surface only when it is too late to act.",
        "Add the project or key result to the next check-in in `content/checkins/`.";
    TOO_MANY_PRIORITIES = "too-many-priorities", Focus, Warning,
        "The organisation has more strategic priorities than `max_priorities`.",
        "When everything is a priority, nothing is: money and attention spread too thin to move any of them.",
        "Merge or retire priorities until no more than the limit remain.";
    TEAM_OBJECTIVE_OVERLOAD = "team-objective-overload", Focus, Warning,
        "A team holds more objectives in a period than `max_objectives_per_team`.",
        "A team with many objectives makes progress on none of them.",
        "Hand objectives to other teams, merge them, or defer some to a later period.";
    CONFLICTING_GOALS = "conflicting-goals", Focus, Warning,
        "Current key results of different objectives share a `metric` but pull it in opposite directions, or aim it at different targets in different teams.",
        "Teams that chase opposite ends of one measure cancel each other out, and competing targets for one number mean nobody knows which to believe.",
        "Agree one direction and one target for the metric, owned by one objective; the others support it or measure something else.";
    TOO_MANY_KEY_RESULTS = "too-many-key-results", Focus, Warning,
        "An objective has more key results than `max_key_results`.",
        "Long lists of key results dilute attention and usually mix outcomes with tasks.",
        "Keep the few key results that best show the outcome; move the rest to project plans.";
    OBJECTIVE_WITHOUT_OWNER = "objective-without-owner", Focus, Warning,
        "An objective of the current period has no single named owner.",
        "What everybody owns, nobody owns: progress needs one accountable person.",
        "Name one person as `owner` of the objective.";
    WATERMELON = "watermelon", Governance, Warning,
        "A project reports green while the key results it serves are measurably behind the calendar.",
        "Green outside, red inside: a status that hides stalled outcomes keeps leadership from acting while there is still time.",
        "Re-rate the project honestly, or explain in the next check-in why the outcomes will catch up.";
    REBASELINED = "rebaselined", Governance, Warning,
        "An open project has been re-baselined more than once (approved `[[changes]]` to its budget or end), or its budget has grown past its original baseline by more than `rebaseline_tolerance` (default 20%).",
        "Re-baselining can mask cost overruns: against a baseline moved every quarter, a project is always on budget.",
        "Report the project against its original baseline as well as the current one, and ask what the changes bought.";
    CHANGE_NOT_ASSESSED = "change-not-assessed", Governance, Warning,
        "An approved change adds cost or delay to a project and names no `objective` it strengthens.",
        "Every scope change should be assessed against the strategic objective it supports; otherwise scope grows for its own sake.",
        "Name the objective the change strengthens in its `objective`, or reconsider the change.";
    OVERCONFIDENT_KEY_RESULT = "overconfident-key-result", Governance, Warning,
        "A key result is reported with confidence of 70% or more while its progress trails the calendar by more than `confidence_tolerance`.",
        "Confidence that ignores the numbers is the key-result-level watermelon: the board hears \"on course\" until the quarter is lost.",
        "Ask the owner what has to be true to reach the target; then lower the confidence, change the plan, or record the evidence for it in the next check-in.";
    KEPT_AGAINST_EVIDENCE = "kept-against-evidence", Governance, Warning,
        "A review decided to continue work that the analysis proposes to stop: it serves no current objective, or it ranks below the capacity line with nothing funded depending on it.",
        "Work that survives against the evidence usually survives because someone senior sponsors it; the board should see who, and the reason it accepted.",
        "Record in the review's decision what evidence would end the work, and revisit it at the next review; or stop it.";
    REVIEW_OVERDUE = "review-overdue", Feedback, Warning,
        "`[rhythm]` sets how often portfolio or strategy reviews meet, and the last review of that kind is older than the cadence allows (the cadence and a quarter of it again), or none has been held.",
        "Alignment is an operating rhythm: when the review that looks back does not happen, nobody checks whether the work still serves the strategy.",
        "Hold the review and add its file under `content/reviews/` with `kind` set, or change the cadence under `[rhythm]` to the one the organisation keeps.";
    OBJECTIVE_NOT_CLOSED = "objective-not-closed", Feedback, Warning,
        "An objective's period ended more than `close_within_days` ago (default 21) and the objective has no `[close]`: nobody has recorded whether it was achieved, its final score or what was learnt.",
        "A period that is never closed teaches nothing: the next plan repeats the last one's bets without knowing which paid off.",
        "Add `[close]` to the objective with its `outcome` (achieved, partly, missed or dropped), a final `score` and `learnings`; name the objective that carries it on with `carried_to`.";
    ACTION_OVERDUE = "action-overdue", Governance, Warning,
        "An action a review set is still open after its due date.",
        "An action nobody follows up is a decision that quietly did not happen; the board should hear that before it decides anything new.",
        "Do it and set `status = \"done\"`, drop it openly (`status = \"dropped\"`), or agree a new `due` date at the next review.";
    DECISION_STALLED = "decision-stalled", Governance, Warning,
        "A decision or action has been carried past the next review of its kind: an open decision or action still open when the next review met, or the same project deferred at two reviews in a row.",
        "Where decisions stall for more than one review cycle, the portfolio drifts while everyone waits; the board should take the decision or say why not.",
        "Take the decision at the next review and record it, or close the action (`status = \"done\"` or `\"dropped\"`).";
    OVER_BUDGET = "over-budget", Governance, Warning,
        "A project has spent more than its budget, or is spending ahead of its schedule.",
        "Spend that outruns the plan is either unapproved work or an early warning of an overrun.",
        "Ask the sponsor for a decision: a re-approved budget, a smaller scope, or a stop.";
    REVIEW_WITHOUT_STOP = "review-without-stop", Governance, Warning,
        "A review starts new work and stops none.",
        "A new priority without a stop decision is just extra load: capacity does not grow because a board approved more.",
        "For each project started, name what stops or shrinks to make room, and record it in the review's `[[decisions]]`.";
    INCOMPLETE_HYPOTHESIS = "incomplete-hypothesis", Governance, Warning,
        "An active or proposed project leaves questions of its execution hypothesis unanswered.",
        "A project that cannot say whom it serves, what will change and when it is done cannot be steered or stopped on evidence.",
        "Answer the missing questions under `[hypothesis]` in the project's file.";
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// Every rule id, for suggestions.
pub fn ids() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|r| r.id)
}

/// The rules reference as Markdown: `docs/rules.md` is this text, and a
/// test keeps the file in step with the registry.
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "# Analysis rules\n\n\
         <!-- Generated from src/analyse/rules.rs; a test fails if this file is stale. -->\n\n\
         Each finding of `throughline check` and the site names one of these rules. Change a rule's \
         severity, or switch it off, under `[rules]` in `content/organisation.toml`:\n\n\
         ```toml\n[rules]\nstale-checkin = \"info\"       # off, info, warning or error\nteam-over-capacity = \"error\"\n```\n\n\
         To accept a finding for one item, give that item a waiver with a reason; waived findings are \
         still listed, with the reason, but no longer count as warnings:\n\n\
         ```toml\n[[waivers]]\nrule = \"unaligned-project\"\nreason = \"Statutory maintenance; agreed at the May board\"\nuntil = 2027-03-31             # optional: the waiver lapses after this date\n```\n\n\
         Waivers go in the front matter of projects, programmes, objectives, priorities, teams (their \
         `.toml` file) and reviews.\n\n\
         Findings are ranked: the most severe first, then the most money still to spend on the work \
         they are about, then the most FTE. Each names who should act: the owner the content gives for \
         its subject (a project's owner, else its sponsor, else its team's lead; an objective's or \
         priority's owner; a programme's senior responsible owner; a team's lead; a review's chair), or the PMO.\n",
    );
    for gap in Gap::ALL {
        out.push_str(&format!("\n## {}\n\n{}\n", gap.title(), gap.explanation()));
        for rule in RULES.iter().filter(|r| r.gap == gap) {
            out.push_str(&format!(
                "\n### `{}`\n\n{} *Default: {}.*\n\n**Why it matters.** {}\n\n**How to fix it.** {}\n",
                rule.id,
                rule.summary,
                rule.severity.as_str(),
                rule.why,
                rule.fix
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_kebab_case() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        assert!(ids.iter().all(|id| id.chars().all(|c| c.is_ascii_lowercase() || c == '-')));
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        assert!(rule("unaligned-project").is_some());
    }

    #[test]
    fn the_rules_reference_in_docs_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
        let expected = reference_markdown();
        let actual = std::fs::read_to_string(path).unwrap_or_default();
        if actual != expected {
            if std::env::var_os("UPDATE_DOCS").is_some() {
                std::fs::write(path, &expected).unwrap();
            } else {
                panic!("docs/rules.md is stale: run `UPDATE_DOCS=1 cargo test` to regenerate it");
            }
        }
    }
}
