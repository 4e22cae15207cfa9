//! JSON Schemas of the content format, for editors and linters: completion,
//! descriptions and errors while typing, in any editor with a TOML
//! language server (such as Taplo, behind VS Code's Even Better TOML).
//!
//! Each schema is made from the same key lists the loader checks unknown
//! keys against and the same allowed values the model stage checks, so a
//! schema cannot offer a key or value throughline would refuse; a unit test
//! keeps every key of every front-matter table described here.

use serde_json::{Map, Value, json};

use crate::model::build::{
    CADENCES, CHANGE_STATUSES, DECISIONS, DIRECTIONS, FOLLOW_UPS, KR_KINDS, ORIENTATIONS, OUTCOMES, PAPERS,
    PERSPECTIVES, RAGS, REVIEW_DECISIONS, REVIEW_KINDS, STATUSES, STRENGTHS,
};

/// Where the schemas say they live.
const BASE: &str = "https://throughline.dev/schemas/";

/// The shape of one value.
enum Ty {
    Text,
    /// A non-negative number.
    Amount,
    /// A whole number of at least 1.
    Count,
    /// A percentage, 0 to 100.
    Percent,
    /// A number from 0 to 1.
    Fraction,
    Number,
    Date,
    Id,
    Ids,
    Choice(Vec<&'static str>),
    Table(Vec<Field>),
    Tables(Vec<Field>),
    Map(Box<Ty>),
    /// A table with exactly these keys, each of one shape.
    Keys(Vec<&'static str>, Box<Ty>),
    List(Box<Ty>),
    /// An objective link: an id, or a table.
    IdOrTable(Vec<Field>),
}

/// One key of a table.
struct Field {
    key: &'static str,
    ty: Ty,
    about: &'static str,
}

fn f(key: &'static str, ty: Ty, about: &'static str) -> Field {
    Field { key, ty, about }
}

fn words<E>(choices: &[(&'static str, E)]) -> Ty {
    Ty::Choice(choices.iter().map(|(w, _)| *w).collect())
}

fn value(ty: &Ty) -> Value {
    match ty {
        Ty::Text => json!({ "type": "string" }),
        Ty::Amount => json!({ "type": "number", "minimum": 0 }),
        Ty::Count => json!({ "type": "integer", "minimum": 1 }),
        Ty::Percent => json!({ "type": "number", "minimum": 0, "maximum": 100 }),
        Ty::Fraction => json!({ "type": "number", "minimum": 0, "maximum": 1 }),
        Ty::Number => json!({ "type": "number" }),
        // TOML dates reach JSON Schema validators as strings.
        Ty::Date => json!({ "type": "string", "format": "date" }),
        Ty::Id => json!({ "type": "string", "minLength": 1 }),
        Ty::Ids => json!({ "type": "array", "items": { "type": "string" } }),
        Ty::Choice(words) => json!({ "enum": words }),
        Ty::Table(fields) => table(fields),
        Ty::Tables(fields) => json!({ "type": "array", "items": table(fields) }),
        Ty::Map(of) => json!({ "type": "object", "additionalProperties": value(of) }),
        Ty::Keys(keys, of) => {
            let properties: Map<String, Value> = keys.iter().map(|k| (k.to_string(), value(of))).collect();
            json!({ "type": "object", "properties": properties, "additionalProperties": false })
        }
        Ty::List(of) => json!({ "type": "array", "items": value(of) }),
        Ty::IdOrTable(fields) => json!({ "anyOf": [{ "type": "string" }, table(fields)] }),
    }
}

fn table(fields: &[Field]) -> Value {
    let mut properties = Map::new();
    for field in fields {
        let mut v = value(&field.ty);
        v["description"] = Value::String(field.about.to_string());
        properties.insert(field.key.to_string(), v);
    }
    json!({ "type": "object", "properties": properties, "additionalProperties": false })
}

fn waivers() -> Field {
    f(
        "waivers",
        Ty::Tables(vec![
            f("rule", Ty::Text, "the id of the rule whose finding is accepted (see docs/rules.md)"),
            f("reason", Ty::Text, "why it is accepted; shown beside the finding"),
            f("until", Ty::Date, "when the waiver lapses and the finding returns"),
        ]),
        "analysis findings accepted for this item, each with a reason",
    )
}

/// One kind of content file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `content/organisation.toml`.
    Organisation,
    /// `content/teams/<id>.toml`.
    Team,
    /// Front matter of `content/priorities/<id>.md`.
    Priority,
    /// Front matter of `content/objectives/**/<id>.md`.
    Objective,
    /// Front matter of `content/projects/**/<id>.md`.
    Project,
    /// Front matter of `content/programmes/<id>.md`.
    Programme,
    /// `content/checkins/<date>.toml`.
    Checkin,
    /// Front matter of `content/reviews/<id>.md`.
    Review,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 8] = [
        Kind::Organisation,
        Kind::Team,
        Kind::Priority,
        Kind::Objective,
        Kind::Programme,
        Kind::Project,
        Kind::Checkin,
        Kind::Review,
    ];

    /// The schema's file name (`project.schema.json`).
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }

    /// The kind with this name (`project`).
    pub fn named(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Its name on the command line and in file names.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Organisation => "organisation",
            Kind::Team => "team",
            Kind::Priority => "priority",
            Kind::Objective => "objective",
            Kind::Project => "project",
            Kind::Programme => "programme",
            Kind::Checkin => "checkin",
            Kind::Review => "review",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Kind::Organisation => "content/organisation.toml",
            Kind::Team => "A team: content/teams/<id>.toml",
            Kind::Priority => "A strategic priority: front matter of content/priorities/<id>.md",
            Kind::Objective => "An objective with key results: front matter of content/objectives/**/<id>.md",
            Kind::Project => "A project: front matter of content/projects/**/<id>.md",
            Kind::Programme => "A programme of projects: front matter of content/programmes/<id>.md",
            Kind::Checkin => "A check-in: content/checkins/<date>.toml",
            Kind::Review => "A governance review: front matter of content/reviews/<id>.md",
        }
    }

    fn fields(self) -> Vec<Field> {
        match self {
            Kind::Organisation => organisation(),
            Kind::Team => team(false),
            Kind::Programme => programme(),
            Kind::Priority => vec![
                f("title", Ty::Text, "the priority's name"),
                f("owner", Ty::Text, "the executive who owns it"),
                f("weight", Ty::Percent, "its share of the strategy, in percent"),
                f("perspective", words(PERSPECTIVES), "balanced-scorecard perspective"),
                f("horizon", Ty::Text, "when it should pay off (free text, such as `2026-2028`)"),
                f("order", Ty::Number, "position in lists; lower first"),
                waivers(),
            ],
            Kind::Objective => vec![
                f("title", Ty::Text, "the objective, as an outcome"),
                f("priority", Ty::Id, "the priority it serves (top-level objectives)"),
                f("parent", Ty::Id, "the objective it contributes to (cascaded objectives)"),
                f("period", Ty::Id, "the period it belongs to (an id from [[periods]])"),
                f("team", Ty::Id, "the owning team"),
                f("owner", Ty::Text, "the person accountable"),
                f("perspective", words(PERSPECTIVES), "balanced-scorecard perspective"),
                f("key_results", Ty::Tables(key_result()), "how progress is measured"),
                f(
                    "close",
                    Ty::Table(vec![
                        f("outcome", words(OUTCOMES), "what became of it"),
                        f("score", Ty::Fraction, "the final grade, 0 to 1"),
                        f("learnings", Ty::Text, "what was learnt"),
                        f("carried_to", Ty::Id, "the objective of a later period that carries it on"),
                        f("date", Ty::Date, "when it was closed"),
                    ]),
                    "the period close: how it ended (objectives of past periods)",
                ),
                waivers(),
            ],
            Kind::Project => project(),
            Kind::Checkin => vec![
                f("date", Ty::Date, "the day of the check-in"),
                f("author", Ty::Text, "who reported it"),
                f(
                    "key_results",
                    Ty::Tables(vec![
                        f("objective", Ty::Id, "the objective"),
                        f("id", Ty::Id, "the key result's id within it"),
                        f("value", Ty::Number, "the value measured"),
                        f("confidence", Ty::Fraction, "confidence of reaching the target, 0 to 1"),
                        f("note", Ty::Text, "what changed"),
                    ]),
                    "key-result values reported",
                ),
                f(
                    "projects",
                    Ty::Tables(vec![
                        f("id", Ty::Id, "the project"),
                        f("rag", words(RAGS), "its status"),
                        f("note", Ty::Text, "why"),
                    ]),
                    "project statuses reported",
                ),
            ],
            Kind::Review => vec![
                f("title", Ty::Text, "the review's name"),
                f("date", Ty::Date, "when it met"),
                f("period", Ty::Id, "the period it reviews"),
                f("audience", Ty::Text, "who it is for (Board, Executive…)"),
                f("chair", Ty::Text, "who chaired it"),
                f(
                    "include",
                    Ty::List(Box::new(Ty::Choice(crate::model::PACK_SECTIONS.to_vec()))),
                    "the board pack's sections, in order",
                ),
                f("paper", words(PAPERS), "the pack's paper, overriding [packs]"),
                f("orientation", words(ORIENTATIONS), "the pack's orientation, overriding [packs]"),
                f("kind", words(REVIEW_KINDS), "what it meets for, matched to [rhythm] (default board)"),
                f(
                    "as_of",
                    Ty::Date,
                    "the pack's data cut-off (default: the earlier of date and the build's as-of date)",
                ),
                f(
                    "decisions",
                    Ty::Tables(vec![
                        f("project", Ty::Id, "the project decided on (required unless title is given)"),
                        f("title", Ty::Text, "what was decided, for a decision not about one project"),
                        f("decision", words(REVIEW_DECISIONS), "what was decided"),
                        f("rationale", Ty::Text, "why"),
                        f("objective", Ty::Id, "the objective it serves"),
                        f("owner", Ty::Text, "who carries it out"),
                        f("due", Ty::Date, "by when"),
                        f("status", words(FOLLOW_UPS), "where it stands (default open for defer, else done)"),
                    ]),
                    "decisions recorded, shown beside what the analysis proposes",
                ),
                f(
                    "actions",
                    Ty::Tables(vec![
                        f("title", Ty::Text, "what is to be done"),
                        f("owner", Ty::Text, "who does it"),
                        f("due", Ty::Date, "by when"),
                        f("status", words(FOLLOW_UPS), "where it stands (default open)"),
                        f("project", Ty::Id, "the project it is about"),
                        f("objective", Ty::Id, "the objective it is about"),
                    ]),
                    "actions the review set, followed up at the next",
                ),
                waivers(),
            ],
        }
    }

    /// The JSON Schema, as a JSON value.
    pub fn schema(self) -> Value {
        let mut schema = table(&self.fields());
        let object = schema.as_object_mut().expect("a table is an object");
        object.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
        object.insert("$id".into(), json!(format!("{BASE}{}", self.file_name())));
        object.insert("title".into(), json!(self.title()));
        schema
    }
}

fn team(inline: bool) -> Vec<Field> {
    let mut fields = Vec::new();
    if inline {
        fields.push(f("id", Ty::Id, "the team's id, used by objectives and projects"));
    }
    fields.extend([
        f("title", Ty::Text, "the team's name"),
        f("lead", Ty::Text, "who leads it"),
        f("capacity_fte", Ty::Amount, "people available, in full-time equivalents"),
        f("parent", Ty::Id, "the team it belongs to"),
    ]);
    if !inline {
        fields.push(waivers());
    }
    fields
}

fn key_result() -> Vec<Field> {
    vec![
        f("id", Ty::Id, "its id within the objective (check-ins use it)"),
        f("title", Ty::Text, "what is measured"),
        f("start", Ty::Number, "the baseline"),
        f("target", Ty::Number, "the target"),
        f("current", Ty::Number, "the value now, if no check-in reports it"),
        f("unit", Ty::Text, "the unit (`%`, `days`, `£m`…)"),
        f("direction", words(DIRECTIONS), "whether up or down is better (default: from start and target)"),
        f("kind", words(KR_KINDS), "an outcome, or an activity (work done, not results)"),
        f("owner", Ty::Text, "the person accountable"),
        f("confidence", Ty::Fraction, "confidence of reaching the target, 0 to 1"),
        f("metric", Ty::Id, "what is measured, shared by key results measuring the same thing"),
    ]
}

fn objective_links(about: &'static str) -> Field {
    f(
        "objectives",
        Ty::List(Box::new(Ty::IdOrTable(vec![
            f("id", Ty::Id, "the objective"),
            f("key_result", Ty::Id, "the key result it moves"),
            f("strength", words(STRENGTHS), "how strongly (default: strong)"),
            f("why", Ty::Text, "one sentence on how the work moves the objective"),
        ]))),
        about,
    )
}

fn benefits() -> Field {
    f(
        "benefits",
        Ty::Tables(vec![
            f("title", Ty::Text, "the benefit"),
            f("metric", Ty::Text, "how it is measured"),
            f("planned", Ty::Number, "the value planned"),
            f("realised", Ty::Number, "the value realised so far"),
            f("due", Ty::Date, "when it should be realised"),
            f("reviewed", Ty::Date, "when it was last checked"),
        ]),
        "benefits to track after delivery",
    )
}

fn programme() -> Vec<Field> {
    vec![
        f("title", Ty::Text, "the programme's name"),
        f("owner", Ty::Text, "the senior responsible owner"),
        f("sponsor", Ty::Text, "the executive sponsor"),
        f("team", Ty::Id, "the team that runs it"),
        f("status", words(STATUSES), "where it is in its life"),
        f("rag", words(RAGS), "reported delivery confidence"),
        f("start", Ty::Date, "start date"),
        f("end", Ty::Date, "planned end date"),
        objective_links("the objectives it serves; a project of it that names none serves these"),
        benefits(),
        waivers(),
    ]
}

fn project() -> Vec<Field> {
    vec![
        f("title", Ty::Text, "the project's name"),
        f("owner", Ty::Text, "the project manager or senior responsible owner"),
        f("sponsor", Ty::Text, "the executive sponsor"),
        f("team", Ty::Id, "the delivering team"),
        f("status", words(STATUSES), "where it is in its life"),
        f("rag", words(RAGS), "reported status (check-ins update it)"),
        f("start", Ty::Date, "start date"),
        f("end", Ty::Date, "planned end date"),
        f("budget", Ty::Amount, "whole budget, in the organisation's currency"),
        f("spent", Ty::Amount, "spent so far"),
        f("fte", Ty::Amount, "people on it, in full-time equivalents"),
        objective_links(
            "the objectives it contributes to: ids, or tables { id, key_result, strength, why }; none: its programme's",
        ),
        f("programme", Ty::Id, "the programme it is part of"),
        f("depends_on", Ty::Ids, "projects that must deliver first"),
        f("decision", words(DECISIONS), "the PMO's decision, if made"),
        f("scores", Ty::Map(Box::new(Ty::Amount)), "scores per prioritisation criterion ([scoring] criteria ids)"),
        f(
            "hypothesis",
            Ty::Table(vec![
                f("purpose", Ty::Text, "why the project exists"),
                f("beneficiaries", Ty::Text, "who benefits"),
                f("outcomes", Ty::Text, "what will be different"),
                f("constraints", Ty::Text, "what limits it"),
                f("risks", Ty::Text, "what could stop it"),
                f("dependencies", Ty::Text, "what it needs from others"),
                f("definition_of_done", Ty::Text, "how everyone will know it is finished"),
            ]),
            "the seven-question execution hypothesis",
        ),
        benefits(),
        f(
            "milestones",
            Ty::Tables(vec![
                f("title", Ty::Text, "the step reached (required)"),
                f("date", Ty::Date, "when it is planned"),
                f("done", Ty::Date, "when it was reached; leave out while it is not"),
            ]),
            "dated steps the roadmap marks; one past its date and not done is reported",
        ),
        f(
            "changes",
            Ty::Tables(vec![
                f("date", Ty::Date, "when the change was decided (required)"),
                f("title", Ty::Text, "what changed (required)"),
                f("status", words(CHANGE_STATUSES), "`approved` (the default), `proposed` or `rejected`"),
                f("budget", Ty::Number, "the change to the budget; negative for a saving"),
                f("end", Ty::Date, "the new end date"),
                f("previous_end", Ty::Date, "the end date before this change"),
                f("objective", Ty::Id, "the objective the change strengthens"),
                f("rationale", Ty::Text, "why"),
            ]),
            "change control: the project's budget and end are the current baseline, approved changes lead back to the original",
        ),
        waivers(),
    ]
}

fn organisation() -> Vec<Field> {
    let rules = crate::analyse::rules::RULES.iter().map(|r| r.id).collect();
    let levels = Ty::Choice(vec!["off", "info", "warning", "error"]);
    vec![
        f("name", Ty::Text, "the organisation's name"),
        f("vision", Ty::Text, "the vision, at the top of the site"),
        f("mission", Ty::Text, "the mission"),
        f("currency", Ty::Text, "the currency of every amount (ISO code or symbol)"),
        f("current_period", Ty::Id, "the period now under way (an id from [[periods]])"),
        f(
            "site",
            Ty::Table(vec![
                f("title", Ty::Text, "the site's title"),
                f("description", Ty::Text, "one line about the site"),
                f("base_url", Ty::Text, "where the site is published (for links from the 404 page)"),
                f("theme", Ty::Text, "the theme folder under themes/ (default: default)"),
                f(
                    "raw_html",
                    Ty::Choice(crate::load::markdown::RawHtml::CHOICES.iter().map(|(w, _)| *w).collect()),
                    "raw HTML in Markdown: sanitised (default), escaped or trusted",
                ),
            ]),
            "the site's settings",
        ),
        f(
            "periods",
            Ty::Tables(vec![
                f("id", Ty::Id, "the period's id (`2026-q4`)"),
                f("title", Ty::Text, "its name"),
                f("start", Ty::Date, "first day"),
                f("end", Ty::Date, "last day"),
            ]),
            "planning periods",
        ),
        f(
            "scoring",
            Ty::Table(vec![
                f("capacity", Ty::Amount, "budget available to the portfolio: the capacity line"),
                f(
                    "criteria",
                    Ty::Tables(vec![
                        f("id", Ty::Id, "the criterion's id (projects score it under `scores`)"),
                        f("title", Ty::Text, "its name"),
                        f("weight", Ty::Amount, "its weight"),
                        f(
                            "better",
                            words(crate::model::Better::CHOICES),
                            "`higher` (the default) when a high score is good, `lower` for risk or cost",
                        ),
                    ]),
                    "prioritisation criteria",
                ),
            ]),
            "how projects are ranked",
        ),
        f(
            "limits",
            Ty::Table(vec![
                f("max_priorities", Ty::Count, "more priorities than this is a finding"),
                f("max_objectives_per_team", Ty::Count, "more objectives per team than this is a finding"),
                f("max_key_results", Ty::Count, "more key results per objective than this is a finding"),
                f("stale_checkin_days", Ty::Count, "days after which a missing check-in is a finding"),
                f("watermelon_tolerance", Ty::Fraction, "how far behind a green project may be"),
                f(
                    "rebaseline_tolerance",
                    Ty::Amount,
                    "how far (0.2 = 20%) a budget may grow past its original baseline before it is reported",
                ),
                f("drift_tolerance", Ty::Amount, "percentage points a priority's share may drift from its weight"),
                f("confidence_tolerance", Ty::Fraction, "how far behind a confidently reported key result may be"),
                f("close_within_days", Ty::Count, "days after a period ends by which its objectives are closed"),
            ]),
            "thresholds of the analysis",
        ),
        f("teams", Ty::Tables(team(true)), "teams declared here instead of in content/teams/"),
        f("rules", Ty::Keys(rules, Box::new(levels)), "severity per analysis rule id: off, info, warning or error"),
        f(
            "packs",
            Ty::Table(vec![
                f("paper", words(PAPERS), "paper of every board pack"),
                f("orientation", words(ORIENTATIONS), "orientation of every board pack"),
            ]),
            "board-pack defaults",
        ),
        f(
            "rhythm",
            Ty::Table(vec![
                f("checkins", words(CADENCES), "how often check-ins happen (replaces stale_checkin_days)"),
                f("portfolio_review", words(CADENCES), "how often portfolio reviews meet"),
                f("strategy_review", words(CADENCES), "how often strategy reviews meet"),
            ]),
            "the operating rhythm, judged by the analysis",
        ),
    ]
}

/// Every schema, by file name, as pretty JSON.
pub fn all() -> Vec<(String, String)> {
    Kind::ALL
        .iter()
        .map(|k| (k.file_name(), serde_json::to_string_pretty(&k.schema()).expect("schemas serialise") + "\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::raw::*;

    fn keys(schema: &Value, path: &[&str]) -> Vec<String> {
        let mut node = schema;
        for step in path {
            node = &node["properties"][*step];
            if node["type"] == "array" {
                node = &node["items"];
            }
            if let Some(any) = node.get("anyOf") {
                node = &any[1];
            }
        }
        let mut keys: Vec<String> = node["properties"].as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    }

    fn sorted(keys: &[&str]) -> Vec<String> {
        let mut keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        keys.sort();
        keys
    }

    /// Every key the loader accepts is in the schema, and nothing else.
    #[test]
    fn schemas_have_exactly_the_keys_the_loader_accepts() {
        let org = Kind::Organisation.schema();
        assert_eq!(keys(&org, &[]), sorted(RawOrganisation::KEYS));
        assert_eq!(keys(&org, &["site"]), sorted(RawSite::KEYS));
        assert_eq!(keys(&org, &["periods"]), sorted(RawPeriod::KEYS));
        assert_eq!(keys(&org, &["scoring"]), sorted(RawScoring::KEYS));
        assert_eq!(keys(&org, &["scoring", "criteria"]), sorted(RawCriterion::KEYS));
        assert_eq!(keys(&org, &["limits"]), sorted(RawLimits::KEYS));
        assert_eq!(keys(&org, &["teams"]), sorted(RawInlineTeam::KEYS));
        assert_eq!(keys(&org, &["packs"]), sorted(RawPacks::KEYS));
        assert_eq!(keys(&org, &["rhythm"]), sorted(RawRhythm::KEYS));
        assert_eq!(keys(&Kind::Team.schema(), &[]), sorted(RawTeam::KEYS));
        assert_eq!(keys(&Kind::Team.schema(), &["waivers"]), sorted(RawWaiver::KEYS));
        assert_eq!(keys(&Kind::Priority.schema(), &[]), sorted(RawPriority::KEYS));
        let programme = Kind::Programme.schema();
        assert_eq!(keys(&programme, &[]), sorted(RawProgramme::KEYS));
        assert_eq!(keys(&programme, &["objectives"]), sorted(RawObjectiveLinkTable::KEYS));
        assert_eq!(keys(&programme, &["benefits"]), sorted(RawBenefit::KEYS));
        let objective = Kind::Objective.schema();
        assert_eq!(keys(&objective, &[]), sorted(RawObjective::KEYS));
        assert_eq!(keys(&objective, &["key_results"]), sorted(RawKeyResult::KEYS));
        assert_eq!(keys(&objective, &["close"]), sorted(RawClose::KEYS));
        let project = Kind::Project.schema();
        assert_eq!(keys(&project, &[]), sorted(RawProject::KEYS));
        assert_eq!(keys(&project, &["objectives"]), sorted(RawObjectiveLinkTable::KEYS));
        assert_eq!(keys(&project, &["hypothesis"]), sorted(RawHypothesis::KEYS));
        assert_eq!(keys(&project, &["benefits"]), sorted(RawBenefit::KEYS));
        assert_eq!(keys(&project, &["changes"]), sorted(RawChange::KEYS));
        assert_eq!(keys(&project, &["milestones"]), sorted(RawMilestone::KEYS));
        let checkin = Kind::Checkin.schema();
        assert_eq!(keys(&checkin, &[]), sorted(RawCheckin::KEYS));
        assert_eq!(keys(&checkin, &["key_results"]), sorted(RawKeyResultUpdate::KEYS));
        assert_eq!(keys(&checkin, &["projects"]), sorted(RawProjectUpdate::KEYS));
        let review = Kind::Review.schema();
        assert_eq!(keys(&review, &[]), sorted(RawReview::KEYS));
        assert_eq!(keys(&review, &["decisions"]), sorted(RawDecision::KEYS));
        assert_eq!(keys(&review, &["actions"]), sorted(RawAction::KEYS));
    }

    /// Where `value` breaks `schema` (a small validator: the keywords the
    /// schemas above use).
    fn violations(value: &toml::Value, schema: &Value, at: &str, out: &mut Vec<String>) {
        if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
            let fits = options.iter().any(|o| {
                let mut inner = Vec::new();
                violations(value, o, at, &mut inner);
                inner.is_empty()
            });
            if !fits {
                out.push(format!("{at}: matches no alternative"));
            }
            return;
        }
        if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
            if !allowed.iter().any(|a| a.as_str() == value.as_str()) {
                out.push(format!("{at}: {value} is not one of {allowed:?}"));
            }
            return;
        }
        let number = match value {
            toml::Value::Float(x) => Some(*x),
            toml::Value::Integer(n) => Some(*n as f64),
            _ => None,
        };
        if let Some(x) = number {
            let below = schema.get("minimum").and_then(Value::as_f64).is_some_and(|min| x < min);
            let above = schema.get("maximum").and_then(Value::as_f64).is_some_and(|max| x > max);
            if below || above {
                out.push(format!("{at}: {x} is out of range"));
            }
        }
        let ok = match (schema["type"].as_str(), value) {
            (Some("string"), toml::Value::String(text)) => {
                if schema.get("minLength").is_some() && text.is_empty() {
                    out.push(format!("{at}: empty"));
                }
                true
            }
            (Some("string"), toml::Value::Datetime(_)) => schema["format"] == "date",
            (Some("number"), toml::Value::Float(_) | toml::Value::Integer(_)) => true,
            (Some("integer"), toml::Value::Integer(_)) => true,
            (Some("array"), toml::Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    violations(item, &schema["items"], &format!("{at}[{i}]"), out);
                }
                true
            }
            (Some("object"), toml::Value::Table(table)) => {
                for (key, item) in table {
                    let property = schema["properties"].get(key).or_else(|| schema.get("additionalProperties"));
                    match property {
                        Some(Value::Bool(false)) | None => out.push(format!("{at}.{key}: not in the schema")),
                        Some(p) => violations(item, p, &format!("{at}.{key}"), out),
                    }
                }
                true
            }
            _ => false,
        };
        if !ok {
            out.push(format!("{at}: {value} is not a {}", schema["type"]));
        }
    }

    /// Every file of the example site is valid against its schema: an
    /// editor shows no false errors.
    #[test]
    fn the_example_content_fits_the_schemas() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut checked = 0;
        let mut problems = Vec::new();
        let mut stack = vec![content.clone()];
        while let Some(folder) = stack.pop() {
            for entry in std::fs::read_dir(&folder).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let relative = path.strip_prefix(&content).unwrap().to_string_lossy().replace('\\', "/");
                let kind = match relative.split('/').next().unwrap() {
                    "organisation.toml" => Kind::Organisation,
                    "teams" => Kind::Team,
                    "priorities" => Kind::Priority,
                    "objectives" => Kind::Objective,
                    "projects" => Kind::Project,
                    "programmes" => Kind::Programme,
                    "checkins" => Kind::Checkin,
                    "reviews" => Kind::Review,
                    _ => continue,
                };
                let text = std::fs::read_to_string(&path).unwrap();
                let toml_text = if relative.ends_with(".md") { text.split("+++").nth(1).unwrap() } else { &text };
                let value: toml::Value = toml::from_str(toml_text).unwrap();
                violations(&value, &kind.schema(), &relative, &mut problems);
                checked += 1;
            }
        }
        assert!(checked > 70, "the example's files were found ({checked})");
        assert!(problems.is_empty(), "{problems:#?}");
        // And the validator does catch what the build refuses.
        let wrong: toml::Value =
            toml::from_str("title = \"X\"\nstatus = \"actve\"\nbudgte = 3\nfte = -1\nteam = \"\"").unwrap();
        let mut found = Vec::new();
        violations(&wrong, &Kind::Project.schema(), "p", &mut found);
        assert_eq!(found.len(), 4, "{found:?}");
    }

    #[test]
    fn allowed_values_are_the_ones_the_model_accepts() {
        let project = Kind::Project.schema();
        assert_eq!(
            project["properties"]["status"]["enum"],
            json!(["proposed", "active", "paused", "done", "cancelled"])
        );
        assert_eq!(project["properties"]["objectives"]["items"]["anyOf"][0]["type"], "string");
        let org = Kind::Organisation.schema();
        let rules = &org["properties"]["rules"]["properties"];
        assert!(rules.as_object().unwrap().len() >= 10, "every rule id is offered");
        assert_eq!(rules["unaligned-project"]["enum"], json!(["off", "info", "warning", "error"]));
        let review = Kind::Review.schema();
        assert_eq!(review["properties"]["include"]["items"]["enum"][0], "cover");
    }
}
