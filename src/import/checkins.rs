//! `import checkins`: a sheet of updates in long form, one row per update:
//! a date, then a key result's new value (objective, key result, value,
//! confidence) or a project's RAG, with a note. Rows of one date make one
//! check-in file, `content/checkins/<date>.toml`; a re-import updates the
//! entries it names and leaves the others.

use std::collections::BTreeMap;

use super::cells::{amount_value, confidence, date, date_value, plain_number, rag, round};
use super::edit::{self, Values};
use super::sheet::{Cell, FieldSpec, SheetRow};
use super::{Plan, Site, find};

/// The fields, in the order an entry lists them (as in the docs).
pub(super) const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        key: "date",
        names: &["date", "check in date", "checkin date", "check in", "as of", "reporting date", "week ending"],
    },
    FieldSpec { key: "author", names: &["author", "reported by", "by", "submitted by"] },
    FieldSpec { key: "objective", names: &["objective", "objective id", "objective name", "objective title"] },
    FieldSpec { key: "key_result", names: &["key result", "kr", "key result id", "kr id", "measure", "metric"] },
    FieldSpec { key: "value", names: &["value", "actual", "current", "result", "current value"] },
    FieldSpec { key: "confidence", names: &["confidence", "confidence level"] },
    FieldSpec { key: "project", names: &["project", "project name", "project id", "project title"] },
    FieldSpec {
        key: "rag",
        names: &["rag", "rag status", "status", "delivery confidence assessment", "dca", "project rag"],
    },
    FieldSpec { key: "note", names: &["note", "notes", "comment", "comments", "commentary", "update"] },
];

/// One entry of a check-in: which array, how it is found, its values.
pub(super) struct Entry {
    pub row: usize,
    pub array: &'static str,
    /// (key, value) pairs that identify it.
    pub keys: Vec<(&'static str, String)>,
    pub values: Values,
}

/// The entries of one check-in date.
#[derive(Default)]
pub(super) struct Day {
    pub author: Option<String>,
    pub entries: Vec<Entry>,
}

pub(super) fn plan(rows: &[SheetRow], site: &Site, plan: &mut Plan) {
    let mut days: BTreeMap<String, Day> = BTreeMap::new();
    for row in rows {
        let Some(date_cell) = row.get("date") else {
            let column = super::sheet::column_of(plan, "date");
            plan.problem(row.number, column, "the update has no date", true);
            continue;
        };
        let day = match date(date_cell.text) {
            Ok(d) => d.to_string(),
            Err(message) => {
                plan.problem(row.number, Some(date_cell.column), message, true);
                continue;
            }
        };
        let note = row.get("note").map(|c| c.text.to_string());
        let mut entries = Vec::new();
        let names_key_result = row.get("objective").is_some() || row.get("key_result").is_some();
        if names_key_result && let Some(entry) = key_result(row, note.as_deref(), site, plan) {
            entries.push(entry);
        }
        if let Some(cell) = row.get("project")
            && let Some(entry) = project(row, cell, note.as_deref(), site, plan)
        {
            entries.push(entry);
        }
        if !names_key_result && row.get("project").is_none() {
            plan.problem(
                row.number,
                None,
                "the row names neither a key result (objective and key result) nor a project",
                true,
            );
            continue;
        }
        if entries.is_empty() {
            continue;
        }
        let day = days.entry(day).or_default();
        if let Some(author) = row.get("author") {
            match &day.author {
                Some(first) if first != author.text => plan.problem(
                    row.number,
                    Some(author.column),
                    format!("the check-in already has the author `{first}`; `{}` left out", author.text),
                    false,
                ),
                _ => day.author = Some(author.text.to_string()),
            }
        }
        day.entries.extend(entries);
    }
    write(days, site, plan);
}

/// A check-in file per date: made, or updated entry by entry.
pub(super) fn write(days: BTreeMap<String, Day>, site: &Site, plan: &mut Plan) {
    for (date, day) in days {
        let existing = site.checkins.get(&date);
        let text = existing.map_or("", |f| f.text.as_str());
        let edit = edit::toml(text, |doc| {
            let mut head: Values = vec![("date", date_value(date.parse().expect("an ISO date")))];
            if let Some(author) = &day.author {
                head.push(("author", author.as_str().into()));
            }
            let mut edited = edit::set(doc.as_table_mut(), &head);
            for entry in &day.entries {
                let is = |t: &toml_edit::Table| entry.keys.iter().all(|(k, v)| edit::text_of(t, k) == Some(v));
                let label: Vec<&str> = entry.keys.iter().map(|(_, v)| v.as_str()).collect();
                edited.and(edit::upsert(doc, entry.array, &label.join(" "), is, &entry.values));
            }
            edited
        });
        let path = existing.map_or_else(|| format!("content/checkins/{date}.toml"), |f| f.path.clone());
        let rows: Vec<usize> = day.entries.iter().map(|e| e.row).collect();
        plan.edited(&path, existing.map(|f| f.text.as_str()), &rows, edit);
    }
}

/// A key result's update from a row, or `None` (with problems).
fn key_result(row: &SheetRow, note: Option<&str>, site: &Site, plan: &mut Plan) -> Option<Entry> {
    let (Some(objective_cell), Some(kr_cell)) = (row.get("objective"), row.get("key_result")) else {
        let column = row.get("objective").or(row.get("key_result")).map(|c| c.column);
        plan.problem(row.number, column, "a key result's update needs both the objective and the key result", false);
        return None;
    };
    let objectives = site.objectives.values().map(|o| (o.id.as_str(), o.title.as_deref().unwrap_or(&o.id)));
    let Some(objective) = find(objectives, objective_cell.text) else {
        let message = format!("no objective has the id or title `{}`; the update is left out", objective_cell.text);
        plan.problem(row.number, Some(objective_cell.column), message, false);
        return None;
    };
    let file = &site.objectives[&objective.to_lowercase()];
    let known = super::key_results::key_results_of(file);
    let Some(kr) = find(known.iter().map(|(id, title)| (id.as_str(), title.as_str())), kr_cell.text) else {
        let ids: Vec<&str> = known.iter().map(|(id, _)| id.as_str()).collect();
        let message = format!(
            "`{objective}` has no key result `{}` (it has: {}); the update is left out",
            kr_cell.text,
            if ids.is_empty() { "none".to_string() } else { ids.join(", ") }
        );
        plan.problem(row.number, Some(kr_cell.column), message, false);
        return None;
    };
    let mut values: Values = vec![("objective", objective.into()), ("id", kr.into())];
    if let Some(cell) = row.get("value") {
        match plain_number(cell.text) {
            Ok(n) => values.push(("value", amount_value(round(n * cell.factor)))),
            Err(message) => plan.left_out(row.number, cell.column, "value", &message),
        }
    }
    if let Some(cell) = row.get("confidence") {
        match confidence(cell.text) {
            Ok(c) => values.push(("confidence", c.into())),
            Err(message) => plan.left_out(row.number, cell.column, "confidence", &message),
        }
    }
    if let Some(note) = note {
        values.push(("note", note.into()));
    }
    if values.len() == 2 {
        plan.problem(
            row.number,
            Some(kr_cell.column),
            "the key result's update has no value, confidence or note",
            false,
        );
        return None;
    }
    let keys = vec![("objective", objective.to_string()), ("id", kr.to_string())];
    Some(Entry { row: row.number, array: "key_results", keys, values })
}

/// A project's update from a row, or `None` (with problems).
fn project(row: &SheetRow, cell: Cell<'_>, note: Option<&str>, site: &Site, plan: &mut Plan) -> Option<Entry> {
    let projects = site.projects.values().map(|p| (p.id.as_str(), p.title.as_deref().unwrap_or(&p.id)));
    let Some(id) = find(projects, cell.text) else {
        let message = format!("no project has the id or title `{}`; the update is left out", cell.text);
        plan.problem(row.number, Some(cell.column), message, false);
        return None;
    };
    let mut values: Values = vec![("id", id.into())];
    if let Some(rag_cell) = row.get("rag") {
        match rag(rag_cell.text) {
            Ok(Some(r)) => values.push(("rag", r.into())),
            Ok(None) => {}
            Err(message) => plan.left_out(row.number, rag_cell.column, "rag", &message),
        }
    }
    if let Some(note) = note {
        values.push(("note", note.into()));
    }
    if values.len() == 1 {
        plan.problem(row.number, Some(cell.column), "the project's update has no RAG or note", false);
        return None;
    }
    Some(Entry { row: row.number, array: "projects", keys: vec![("id", id.to_string())], values })
}
