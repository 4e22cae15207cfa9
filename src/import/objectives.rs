//! `import objectives`: one objective file per row, in content/objectives/.
//! Key results come with `import key-results`; a re-import leaves the
//! `[[key_results]]` of a file as they are.

use super::cells::{choice, period};
use super::edit::{self, Values};
use super::sheet::{FieldSpec, SheetRow};
use super::{Existing, Ids, NewTeams, Options, Plan, Site, existing, find, title};

/// The fields, in the order a new file lists them (as in the docs).
pub(super) const FIELDS: &[FieldSpec] = &[
    FieldSpec { key: "title", names: &["title", "objective", "objective name", "objective title", "name", "goal"] },
    FieldSpec { key: "priority", names: &["priority", "strategic priority", "pillar", "theme", "strategic theme"] },
    FieldSpec { key: "parent", names: &["parent", "parent objective", "contributes to", "supports"] },
    FieldSpec { key: "period", names: &["period", "quarter", "cycle", "timeframe", "okr period"] },
    FieldSpec { key: "team", names: &["team", "department", "dept", "directorate", "business unit", "division"] },
    FieldSpec { key: "owner", names: &["owner", "lead", "accountable", "objective owner"] },
    FieldSpec { key: "perspective", names: &["perspective", "bsc perspective", "balanced scorecard perspective"] },
    FieldSpec { key: "description", names: &["description", "summary", "why", "rationale"] },
];

/// The balanced-scorecard perspectives and the words people use for them.
const PERSPECTIVES: &[(&str, &[&str])] = &[
    ("financial", &["finance", "financial perspective"]),
    ("customer", &["customers", "patient", "patients", "citizen", "citizens", "customer perspective"]),
    ("internal", &["internal process", "internal processes", "process", "processes"]),
    ("learning", &["learning and growth", "learning growth", "people", "learning & growth"]),
];

pub(super) fn plan(rows: &[SheetRow], options: &Options, site: &Site, plan: &mut Plan) {
    // Every row's id first, so a row can name a parent further down.
    let mut ids = Ids::default();
    // A row about an objective that exists takes that file's id.
    let mut named: Vec<Option<(String, String, Option<&Existing>)>> = Vec::new();
    for row in rows {
        let entry = title(row, options, "objective", plan).and_then(|(title, column)| {
            let id = ids.give(&title, row.number, column, plan)?;
            let file = existing(&site.objectives, &id, &title);
            Some((file.map_or(id, |f| f.id.clone()), title, file))
        });
        named.push(entry);
    }
    let in_sheet: Vec<(&str, &str)> =
        named.iter().flatten().map(|(id, title, _)| (id.as_str(), title.as_str())).collect();
    let present = || site.objectives.values().map(|o| (o.id.as_str(), o.title.as_deref().unwrap_or(&o.id)));
    let mut teams = NewTeams::default();
    for (row, entry) in rows.iter().zip(&named) {
        let Some((id, title, file)) = entry else { continue };
        let mut values: Values = vec![("title", title.as_str().into())];
        for spec in &FIELDS[1..FIELDS.len() - 1] {
            let Some(cell) = row.get(spec.key) else { continue };
            let value = match spec.key {
                "priority" => find(site.priorities.iter().map(|p| (p.id.as_str(), p.title.as_str())), cell.text)
                    .map(str::to_string)
                    .ok_or_else(|| {
                        format!("no priority has the id or title `{}`; priorities are not imported", cell.text)
                    }),
                "parent" => match find(in_sheet.iter().copied().chain(present()), cell.text) {
                    Some(parent) if parent == id => Err("an objective cannot be its own parent".to_string()),
                    Some(parent) => Ok(parent.to_string()),
                    None => Err(format!("no objective has the id or title `{}`", cell.text)),
                },
                "period" => period(cell.text, &site.periods),
                "team" => teams.team(cell.text, site),
                "perspective" => choice(cell.text, PERSPECTIVES, "perspective").map(str::to_string),
                _ => Ok(cell.text.to_string()),
            };
            match value {
                Ok(v) => values.push((spec.key, v.into())),
                Err(message) => plan.left_out(row.number, cell.column, spec.key, &message),
            }
        }
        if values.iter().any(|(k, _)| *k == "parent") && values.iter().any(|(k, _)| *k == "priority") {
            let column = row.get("priority").map(|c| c.column);
            plan.problem(
                row.number,
                column,
                "an objective under a parent takes the parent's priority; `priority` left out",
                false,
            );
            values.retain(|(k, _)| *k != "priority");
        }
        match file {
            Some(file) => {
                let edit = edit::markdown(&file.text, |doc| edit::set(doc.as_table_mut(), &values));
                plan.edited(&file.path, Some(&file.text), &[row.number], edit);
            }
            None => {
                let doc = toml_edit::DocumentMut::from(edit::table(&values));
                let after = edit::new_markdown(&doc, row.get("description").map(|c| c.text));
                let fields = edit::Edited { fields: values.iter().map(|(k, _)| *k).collect(), ..Default::default() };
                plan.edited(&format!("content/objectives/{id}.md"), None, &[row.number], Ok((after, fields)));
            }
        }
    }
    teams.write(plan);
}
