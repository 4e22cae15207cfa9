//! `import key-results`: each row a key result of an objective that
//! exists, written into that objective's `[[key_results]]`. A key result
//! is found again by its id (an `Id` column, else the slug of its title) or
//! its title, so a re-import updates it in place.

use std::collections::BTreeMap;

use super::cells::{choice, confidence, id_of, plain_number, round};
use super::edit::{self, Values};
use super::sheet::{FieldSpec, SheetRow, column_of};
use super::{Existing, Ids, Options, Plan, Site, find, title};

/// The fields, in the order a new key result lists them (as in the docs).
pub(super) const FIELDS: &[FieldSpec] = &[
    FieldSpec { key: "objective", names: &["objective", "objective id", "objective name", "objective title"] },
    FieldSpec { key: "id", names: &["id", "kr id", "key result id"] },
    FieldSpec { key: "title", names: &["title", "key result", "kr", "key result title", "name", "measure", "metric"] },
    FieldSpec { key: "start", names: &["start", "baseline", "from", "start value", "baseline value"] },
    FieldSpec { key: "target", names: &["target", "goal", "to", "target value"] },
    FieldSpec { key: "current", names: &["current", "actual", "latest", "current value", "value"] },
    FieldSpec { key: "unit", names: &["unit", "units", "uom", "unit of measure"] },
    FieldSpec { key: "direction", names: &["direction", "polarity"] },
    FieldSpec { key: "kind", names: &["kind", "type", "key result type"] },
    FieldSpec { key: "owner", names: &["owner", "lead", "kr owner"] },
    FieldSpec { key: "confidence", names: &["confidence", "confidence level"] },
];

const DIRECTIONS: &[(&str, &[&str])] = &[
    ("increase", &["up", "higher", "higher is better", "increasing", "maximise", "maximize"]),
    ("decrease", &["down", "lower", "lower is better", "decreasing", "minimise", "minimize", "reduce"]),
];

const KINDS: &[(&str, &[&str])] =
    &[("outcome", &["result", "impact", "outcomes"]), ("activity", &["output", "task", "milestone", "activities"])];

/// A key result as one row gives it.
struct Row {
    number: usize,
    id: String,
    values: Values,
}

pub(super) fn plan(rows: &[SheetRow], options: &Options, site: &Site, plan: &mut Plan) {
    let objectives = || site.objectives.values().map(|o| (o.id.as_str(), o.title.as_deref().unwrap_or(&o.id)));
    // Key results by objective (id in lower case), in row order.
    let mut by_objective: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    let mut ids: BTreeMap<String, Ids> = BTreeMap::new();
    let mut present: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for row in rows {
        let Some((title, title_column)) = title(row, options, "key result", plan) else { continue };
        let objective = match row.get("objective") {
            Some(cell) => match find(objectives(), cell.text) {
                Some(id) => id.to_lowercase(),
                None => {
                    let message = format!(
                        "no objective has the id or title `{}`; import the objectives first (`throughline import objectives`)",
                        cell.text
                    );
                    plan.problem(row.number, Some(cell.column), message, true);
                    continue;
                }
            },
            None => {
                let column = column_of(plan, "objective");
                plan.problem(row.number, column, "the key result names no objective", true);
                continue;
            }
        };
        let file = &site.objectives[&objective];
        let known = present.entry(objective.clone()).or_insert_with(|| key_results_of(file));
        // The key result this row is: by id, else by title; else a new id.
        let given = row.get("id").map(|c| (id_of(c.text), c.column));
        let same = known.iter().find(|(id, t)| match &given {
            Some((given, _)) => id.eq_ignore_ascii_case(given),
            None => t.eq_ignore_ascii_case(&title) || *id == id_of(&title),
        });
        let (name, column) = given.clone().unwrap_or((title.clone(), title_column));
        let Some(fresh) = ids.entry(objective.clone()).or_default().give(&name, row.number, column, plan) else {
            continue;
        };
        // The first row of a name is the key result the file has; a second
        // row of the same name is another one (and was given `-2`).
        let id = match same {
            Some((existing, _)) if fresh == id_of(&name) => existing.clone(),
            _ => fresh,
        };
        let mut values: Values = vec![("id", id.as_str().into()), ("title", title.into())];
        let mut percent = false;
        for spec in &FIELDS[3..] {
            let Some(cell) = row.get(spec.key) else { continue };
            let value: Result<toml_edit::Value, String> = match spec.key {
                "start" | "target" | "current" => plain_number(cell.text).map(|n| {
                    percent |= cell.text.ends_with('%');
                    super::cells::amount_value(round(n * cell.factor))
                }),
                "direction" => choice(cell.text, DIRECTIONS, "direction").map(Into::into),
                "kind" => choice(cell.text, KINDS, "kind of key result").map(Into::into),
                "confidence" => confidence(cell.text).map(Into::into),
                _ => Ok(cell.text.into()),
            };
            match value {
                Ok(v) => values.push((spec.key, v)),
                Err(message) => plan.left_out(row.number, cell.column, spec.key, &message),
            }
        }
        if percent && row.get("unit").is_none() {
            let at = values.iter().position(|(k, _)| ["direction", "kind", "owner", "confidence"].contains(k));
            values.insert(at.unwrap_or(values.len()), ("unit", "%".into()));
        }
        by_objective.entry(objective).or_default().push(Row { number: row.number, id, values });
    }
    for (objective, rows) in by_objective {
        let file = &site.objectives[&objective];
        let edit = edit::markdown(&file.text, |doc| {
            let mut edited = edit::Edited::default();
            for row in &rows {
                let is = |t: &toml_edit::Table| edit::text_of(t, "id").is_some_and(|id| id == row.id);
                edited.and(edit::upsert(doc, "key_results", &row.id, is, &row.values));
            }
            edited
        });
        let numbers: Vec<usize> = rows.iter().map(|r| r.number).collect();
        plan.edited(&file.path, Some(&file.text), &numbers, edit);
    }
}

/// The (id, title) of each key result a file has.
pub(super) fn key_results_of(file: &Existing) -> Vec<(String, String)> {
    let Ok(split) = crate::load::frontmatter::split(&file.text) else { return Vec::new() };
    let Ok(doc) = file.text[split.front_matter].parse::<toml_edit::DocumentMut>() else { return Vec::new() };
    let Some(tables) = doc.get("key_results").and_then(|k| k.as_array_of_tables()) else { return Vec::new() };
    tables
        .iter()
        .filter_map(|t| {
            let id = edit::text_of(t, "id")?;
            Some((id.to_string(), edit::text_of(t, "title").unwrap_or(id).to_string()))
        })
        .collect()
}
