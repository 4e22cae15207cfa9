//! Raw front matter exactly as users write it, before any checking.
//!
//! These structs mirror the content format field by field. Everything that
//! needs validating later keeps its span (`Spanned`), and fields a user may
//! leave out are `Option`, so that the model stage can report every missing
//! or wrong value at once instead of stopping at the first. Enumerations and
//! dates stay as raw TOML values here; the model stage checks them and
//! lists the allowed values in its diagnostics.
//!
//! Each struct also lists its keys (`KEYS`) for unknown-key suggestions; a
//! unit test keeps those lists in step with the fields.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// A string field with its span.
pub type Text = Option<Spanned<String>>;
/// A number field with its span (TOML integers are accepted as numbers).
pub type Number = Option<Spanned<f64>>;
/// A date field, as any TOML value: the model checks it is a plain date.
pub type Date = Option<Spanned<toml::Value>>;

/// `content/organisation.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawOrganisation {
    pub name: Text,
    pub vision: Text,
    pub mission: Text,
    pub currency: Text,
    pub current_period: Text,
    #[serde(default)]
    pub site: RawSite,
    #[serde(default)]
    pub periods: Vec<RawPeriod>,
    #[serde(default)]
    pub scoring: RawScoring,
    #[serde(default)]
    pub limits: RawLimits,
    #[serde(default)]
    pub teams: Vec<RawInlineTeam>,
    /// Severity per rule id: off, info, warning, error.
    #[serde(default)]
    pub rules: BTreeMap<String, Spanned<String>>,
    /// Board-pack defaults.
    #[serde(default)]
    pub packs: RawPacks,
    /// How often the organisation meets.
    #[serde(default)]
    pub rhythm: RawRhythm,
}

/// `[rhythm]` in organisation.toml: how often check-ins and reviews
/// happen, each `weekly` … `yearly`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawRhythm {
    pub checkins: Text,
    pub portfolio_review: Text,
    pub strategy_review: Text,
}

impl RawRhythm {
    pub const KEYS: &[&str] = &["checkins", "portfolio_review", "strategy_review"];
}

/// `[packs]` in organisation.toml: the page every board pack is set on,
/// unless a review says otherwise.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawPacks {
    /// `a4` or `letter`.
    pub paper: Text,
    /// `landscape` or `portrait`.
    pub orientation: Text,
}

impl RawPacks {
    pub const KEYS: &[&str] = &["paper", "orientation"];
}

impl RawOrganisation {
    pub const KEYS: &[&str] = &[
        "name",
        "vision",
        "mission",
        "currency",
        "current_period",
        "site",
        "periods",
        "scoring",
        "limits",
        "teams",
        "rules",
        "packs",
        "rhythm",
    ];
}

/// `[[waivers]]`: accepting one analysis finding for one item, with a reason.
#[derive(Debug, Clone, Deserialize)]
pub struct RawWaiver {
    pub rule: Text,
    pub reason: Text,
    pub until: Date,
}

impl RawWaiver {
    pub const KEYS: &[&str] = &["rule", "reason", "until"];
}

/// The `waivers` field every waivable kind has.
pub type Waivers = Vec<Spanned<RawWaiver>>;

/// `[site]` in organisation.toml.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawSite {
    pub title: Text,
    pub description: Text,
    pub base_url: Text,
    pub theme: Text,
    /// What to do with raw HTML in Markdown: sanitise, escape or trust.
    pub raw_html: Text,
}

impl RawSite {
    pub const KEYS: &[&str] = &["title", "description", "base_url", "theme", "raw_html"];
}

/// `[[periods]]` in organisation.toml.
#[derive(Debug, Clone, Deserialize)]
pub struct RawPeriod {
    pub id: Text,
    pub title: Text,
    pub start: Date,
    pub end: Date,
}

impl RawPeriod {
    pub const KEYS: &[&str] = &["id", "title", "start", "end"];
}

/// `[scoring]` in organisation.toml.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawScoring {
    pub capacity: Number,
    #[serde(default)]
    pub criteria: Vec<RawCriterion>,
}

impl RawScoring {
    pub const KEYS: &[&str] = &["capacity", "criteria"];
}

/// One prioritisation criterion.
#[derive(Debug, Clone, Deserialize)]
pub struct RawCriterion {
    pub id: Text,
    pub title: Text,
    pub weight: Number,
    pub better: Text,
}

impl RawCriterion {
    pub const KEYS: &[&str] = &["id", "title", "weight", "better"];
}

/// `[limits]` in organisation.toml.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawLimits {
    pub max_priorities: Number,
    pub max_objectives_per_team: Number,
    pub max_key_results: Number,
    pub stale_checkin_days: Number,
    pub watermelon_tolerance: Number,
    pub drift_tolerance: Number,
    pub confidence_tolerance: Number,
    pub close_within_days: Number,
    pub rebaseline_tolerance: Number,
}

impl RawLimits {
    pub const KEYS: &[&str] = &[
        "max_priorities",
        "max_objectives_per_team",
        "max_key_results",
        "stale_checkin_days",
        "watermelon_tolerance",
        "drift_tolerance",
        "confidence_tolerance",
        "close_within_days",
        "rebaseline_tolerance",
    ];
}

/// A team declared as `[[teams]]` in organisation.toml (with an `id`).
#[derive(Debug, Clone, Deserialize)]
pub struct RawInlineTeam {
    pub id: Text,
    pub title: Text,
    pub lead: Text,
    pub capacity_fte: Number,
    pub parent: Text,
}

impl RawInlineTeam {
    pub const KEYS: &[&str] = &["id", "title", "lead", "capacity_fte", "parent"];
}

/// `content/teams/<id>.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct RawTeam {
    pub title: Text,
    pub lead: Text,
    pub capacity_fte: Number,
    pub parent: Text,
    #[serde(default)]
    pub waivers: Waivers,
}

impl RawTeam {
    pub const KEYS: &[&str] = &["title", "lead", "capacity_fte", "parent", "waivers"];
}

/// Front matter of `content/priorities/<id>.md`.
#[derive(Debug, Clone, Deserialize)]
pub struct RawPriority {
    pub title: Text,
    pub owner: Text,
    pub weight: Number,
    pub perspective: Text,
    pub horizon: Text,
    pub order: Number,
    #[serde(default)]
    pub waivers: Waivers,
}

impl RawPriority {
    pub const KEYS: &[&str] = &["title", "owner", "weight", "perspective", "horizon", "order", "waivers"];
}

/// Front matter of `content/objectives/**/<id>.md`.
#[derive(Debug, Clone, Deserialize)]
pub struct RawObjective {
    pub title: Text,
    pub priority: Text,
    pub parent: Text,
    pub period: Text,
    pub team: Text,
    pub owner: Text,
    pub perspective: Text,
    #[serde(default)]
    pub key_results: Vec<Spanned<RawKeyResult>>,
    /// How it ended, once its period is over.
    pub close: Option<Spanned<RawClose>>,
    #[serde(default)]
    pub waivers: Waivers,
}

impl RawObjective {
    pub const KEYS: &[&str] =
        &["title", "priority", "parent", "period", "team", "owner", "perspective", "key_results", "close", "waivers"];
}

/// `[close]` of an objective: the period-close record.
#[derive(Debug, Clone, Deserialize)]
pub struct RawClose {
    pub outcome: Text,
    pub score: Number,
    pub learnings: Text,
    pub carried_to: Text,
    /// When it was closed.
    pub date: Date,
}

impl RawClose {
    pub const KEYS: &[&str] = &["outcome", "score", "learnings", "carried_to", "date"];
}

/// `[[key_results]]` of an objective.
#[derive(Debug, Clone, Deserialize)]
pub struct RawKeyResult {
    pub id: Text,
    pub title: Text,
    pub start: Number,
    pub target: Number,
    pub current: Number,
    pub unit: Text,
    pub direction: Text,
    pub kind: Text,
    pub owner: Text,
    pub confidence: Number,
    pub metric: Text,
}

impl RawKeyResult {
    pub const KEYS: &[&str] =
        &["id", "title", "start", "target", "current", "unit", "direction", "kind", "owner", "confidence", "metric"];
}

/// Front matter of `content/projects/**/<id>.md`.
#[derive(Debug, Clone, Deserialize)]
pub struct RawProject {
    pub title: Text,
    pub owner: Text,
    pub sponsor: Text,
    pub team: Text,
    pub status: Text,
    pub rag: Text,
    pub start: Date,
    pub end: Date,
    pub budget: Number,
    pub spent: Number,
    pub fte: Number,
    pub programme: Text,
    #[serde(default)]
    pub objectives: Vec<Spanned<RawObjectiveLink>>,
    #[serde(default)]
    pub depends_on: Vec<Spanned<String>>,
    pub decision: Text,
    #[serde(default)]
    pub scores: BTreeMap<String, Spanned<f64>>,
    pub hypothesis: Option<RawHypothesis>,
    #[serde(default)]
    pub benefits: Vec<Spanned<RawBenefit>>,
    #[serde(default)]
    pub milestones: Vec<Spanned<RawMilestone>>,
    #[serde(default)]
    pub changes: Vec<Spanned<RawChange>>,
    #[serde(default)]
    pub waivers: Waivers,
}

impl RawProject {
    pub const KEYS: &[&str] = &[
        "title",
        "owner",
        "sponsor",
        "team",
        "status",
        "rag",
        "start",
        "end",
        "budget",
        "spent",
        "fte",
        "programme",
        "objectives",
        "depends_on",
        "decision",
        "scores",
        "hypothesis",
        "benefits",
        "milestones",
        "changes",
        "waivers",
    ];
}

/// `programmes/*.md`: a group of projects run together for one set of
/// benefits, under a senior responsible owner.
#[derive(Debug, Clone, Deserialize)]
pub struct RawProgramme {
    pub title: Text,
    pub owner: Text,
    pub sponsor: Text,
    pub team: Text,
    pub status: Text,
    pub rag: Text,
    pub start: Date,
    pub end: Date,
    #[serde(default)]
    pub objectives: Vec<Spanned<RawObjectiveLink>>,
    #[serde(default)]
    pub benefits: Vec<Spanned<RawBenefit>>,
    #[serde(default)]
    pub waivers: Waivers,
}

impl RawProgramme {
    pub const KEYS: &[&str] =
        &["title", "owner", "sponsor", "team", "status", "rag", "start", "end", "objectives", "benefits", "waivers"];
}

/// A project's link to an objective: a plain id, or a table naming the key
/// result it moves and how strongly.
#[derive(Debug, Clone)]
pub enum RawObjectiveLink {
    /// `objectives = ["grow-nps"]`
    Id(String),
    /// `objectives = [{ id = "grow-nps", key_result = "nps", strength = "weak" }]`
    Detailed(RawObjectiveLinkTable),
}

/// The table form of [`RawObjectiveLink`].
#[derive(Debug, Clone, Deserialize)]
pub struct RawObjectiveLinkTable {
    pub id: Text,
    pub key_result: Text,
    pub strength: Text,
    pub why: Text,
}

impl RawObjectiveLinkTable {
    pub const KEYS: &[&str] = &["id", "key_result", "strength", "why"];
}

impl<'de> Deserialize<'de> for RawObjectiveLink {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LinkVisitor;
        impl<'de> serde::de::Visitor<'de> for LinkVisitor {
            type Value = RawObjectiveLink;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an objective id or a table like { id = \"…\", key_result = \"…\" }")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawObjectiveLink::Id(v.to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                RawObjectiveLinkTable::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(RawObjectiveLink::Detailed)
            }
        }
        deserializer.deserialize_any(LinkVisitor)
    }
}

/// The seven-question execution hypothesis of a project.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawHypothesis {
    pub purpose: Text,
    pub beneficiaries: Text,
    pub outcomes: Text,
    pub constraints: Text,
    pub risks: Text,
    pub dependencies: Text,
    pub definition_of_done: Text,
}

impl RawHypothesis {
    pub const KEYS: &[&str] =
        &["purpose", "beneficiaries", "outcomes", "constraints", "risks", "dependencies", "definition_of_done"];
}

/// `[[benefits]]` of a project.
#[derive(Debug, Clone, Deserialize)]
pub struct RawBenefit {
    pub title: Text,
    pub metric: Text,
    pub planned: Number,
    pub realised: Number,
    pub due: Date,
    pub reviewed: Date,
}

impl RawBenefit {
    pub const KEYS: &[&str] = &["title", "metric", "planned", "realised", "due", "reviewed"];
}

/// `[[milestones]]` of a project.
#[derive(Debug, Clone, Deserialize)]
pub struct RawMilestone {
    pub title: Text,
    pub date: Date,
    pub done: Date,
}

impl RawMilestone {
    pub const KEYS: &[&str] = &["title", "date", "done"];
}

/// `[[changes]]` of a project: change control and re-baselining.
#[derive(Debug, Clone, Deserialize)]
pub struct RawChange {
    pub date: Date,
    pub title: Text,
    pub status: Text,
    pub budget: Number,
    pub end: Date,
    pub previous_end: Date,
    pub objective: Text,
    pub rationale: Text,
}

impl RawChange {
    pub const KEYS: &[&str] = &["date", "title", "status", "budget", "end", "previous_end", "objective", "rationale"];
}

/// `content/checkins/<name>.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct RawCheckin {
    pub date: Date,
    pub author: Text,
    #[serde(default)]
    pub key_results: Vec<Spanned<RawKeyResultUpdate>>,
    #[serde(default)]
    pub projects: Vec<Spanned<RawProjectUpdate>>,
}

impl RawCheckin {
    pub const KEYS: &[&str] = &["date", "author", "key_results", "projects"];
}

/// `[[key_results]]` of a check-in.
#[derive(Debug, Clone, Deserialize)]
pub struct RawKeyResultUpdate {
    pub objective: Text,
    pub id: Text,
    pub value: Number,
    pub confidence: Number,
    pub note: Text,
}

impl RawKeyResultUpdate {
    pub const KEYS: &[&str] = &["objective", "id", "value", "confidence", "note"];
}

/// `[[projects]]` of a check-in.
#[derive(Debug, Clone, Deserialize)]
pub struct RawProjectUpdate {
    pub id: Text,
    pub rag: Text,
    pub note: Text,
}

impl RawProjectUpdate {
    pub const KEYS: &[&str] = &["id", "rag", "note"];
}

/// Front matter of `content/reviews/<id>.md`.
#[derive(Debug, Clone, Deserialize)]
pub struct RawReview {
    pub title: Text,
    pub date: Date,
    pub period: Text,
    pub audience: Text,
    pub chair: Text,
    pub include: Option<Spanned<Vec<Spanned<String>>>>,
    /// The pack's paper, overriding `[packs]`.
    pub paper: Text,
    /// The pack's orientation, overriding `[packs]`.
    pub orientation: Text,
    /// `board`, `portfolio` or `strategy`, matched to `[rhythm]`.
    pub kind: Text,
    /// The pack's data cut-off.
    pub as_of: Date,
    #[serde(default)]
    pub decisions: Vec<Spanned<RawDecision>>,
    #[serde(default)]
    pub actions: Vec<Spanned<RawAction>>,
    #[serde(default)]
    pub waivers: Waivers,
}

impl RawReview {
    pub const KEYS: &[&str] = &[
        "title",
        "date",
        "period",
        "audience",
        "chair",
        "include",
        "paper",
        "orientation",
        "kind",
        "as_of",
        "decisions",
        "actions",
        "waivers",
    ];
}

/// `[[decisions]]` of a review.
#[derive(Debug, Clone, Deserialize)]
pub struct RawDecision {
    pub project: Text,
    /// What was decided, when it is not about one project.
    pub title: Text,
    pub decision: Text,
    pub rationale: Text,
    pub objective: Text,
    pub owner: Text,
    pub due: Date,
    pub status: Text,
}

impl RawDecision {
    pub const KEYS: &[&str] = &["project", "title", "decision", "rationale", "objective", "owner", "due", "status"];
}

/// `[[actions]]` of a review.
#[derive(Debug, Clone, Deserialize)]
pub struct RawAction {
    pub title: Text,
    pub owner: Text,
    pub due: Date,
    pub status: Text,
    pub project: Text,
    pub objective: Text,
}

impl RawAction {
    pub const KEYS: &[&str] = &["title", "owner", "due", "status", "project", "objective"];
}
