//! `import projects`: one project file per row, under its team's folder.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;

use super::cells::{amount_value, date, date_value, number, period_end, rag, round, status};
use super::checkins::{Day, Entry};
use super::edit::{self, Values};
use super::sheet::{FieldSpec, SheetRow, column_of};
use super::{Ids, NewProgrammes, NewTeams, Options, Plan, Site, existing, find, id_of, title};

/// The fields, in the order a new file lists them (as in the docs).
pub(super) const FIELDS: &[FieldSpec] = &[
    FieldSpec { key: "title", names: &["title", "project", "project name", "name", "project title"] },
    FieldSpec {
        key: "id",
        names: &[
            "id",
            "project id",
            "project_id",
            "reference",
            "ref",
            "project reference",
            "project code",
            "project ref",
        ],
    },
    FieldSpec { key: "owner", names: &["owner", "project manager", "pm", "manager", "lead", "project lead"] },
    FieldSpec { key: "sponsor", names: &["sponsor", "sro", "senior responsible owner", "executive sponsor"] },
    FieldSpec { key: "team", names: &["team", "department", "dept", "directorate", "business unit", "division"] },
    FieldSpec {
        key: "programme",
        names: &["programme", "program", "programme name", "investment", "portfolio", "programme id"],
    },
    FieldSpec { key: "status", names: &["status", "project status", "stage", "phase"] },
    FieldSpec {
        key: "rag",
        names: &[
            "rag",
            "rag status",
            "delivery confidence assessment",
            "ipa delivery confidence assessment",
            "dca",
            "confidence",
        ],
    },
    FieldSpec { key: "start", names: &["start", "start date", "project start date", "baseline start date"] },
    FieldSpec {
        key: "end",
        names: &["end", "end date", "finish", "finish date", "completion date", "project end date"],
    },
    FieldSpec { key: "budget", names: &["budget", "whole life cost", "wlc", "total budget", "cost", "total cost"] },
    FieldSpec { key: "spent", names: &["spent", "spend", "actual spend", "spend to date", "actuals"] },
    FieldSpec { key: "fte", names: &["fte", "headcount", "people"] },
    FieldSpec { key: "objectives", names: &["objective", "objectives", "strategic objective", "strategic objectives"] },
    FieldSpec {
        key: "original_budget",
        names: &[
            "original budget",
            "baseline budget",
            "original whole life cost",
            "baseline whole life cost",
            "baseline wlc",
            "original wlc",
        ],
    },
    FieldSpec {
        key: "baseline_end",
        names: &["baseline end", "baseline end date", "original end", "original end date", "baseline completion date"],
    },
    FieldSpec {
        key: "period",
        names: &[
            "period",
            "year",
            "quarter",
            "reporting period",
            "reporting date",
            "reporting year",
            "financial year",
            "fy",
            "report date",
        ],
    },
    FieldSpec { key: "description", names: &["description", "summary", "project description", "aims", "purpose"] },
];

pub(super) fn plan(rows: &[SheetRow], options: &Options, site: &Site, plan: &mut Plan) {
    // One row per project per reporting period: the latest period makes
    // the file, and every period a dated check-in.
    let panel = column_of(plan, "period").map(|_| Panel::of(rows, options, plan));
    let rows: Vec<&SheetRow> = match &panel {
        Some(p) => rows.iter().filter(|r| p.latest.contains(&r.number)).collect(),
        None => rows.iter().collect(),
    };
    let mut placed: HashMap<usize, String> = HashMap::new();
    let mut ids = Ids::default();
    let mut teams = NewTeams::default();
    let mut programmes = NewProgrammes::default();
    for row in rows {
        let Some((title, title_column)) = title(row, options, "project", plan) else { continue };
        // The sheet's own id, where it has one, so re-imports line up
        // whatever the titles become; else one made from the title.
        let given = row.get("id").map(|cell| (id_of(cell.text), cell));
        let id = match &given {
            Some((id, cell)) if !id.is_empty() => ids.claim(id, row.number, cell.column, plan),
            Some((_, cell)) => {
                plan.problem(
                    row.number,
                    Some(cell.column),
                    format!("`{}` gives no usable id; the name gives it", cell.text),
                    false,
                );
                ids.give(&title, row.number, title_column, plan)
            }
            None => ids.give(&title, row.number, title_column, plan),
        };
        let Some(id) = id else { continue };
        let mut values: Values = vec![("title", title.as_str().into())];
        for spec in &FIELDS[1..FIELDS.len() - 2] {
            let Some(cell) = row.get(spec.key) else { continue };
            let mut note = None;
            let value: Result<Option<toml_edit::Value>, String> = match spec.key {
                "owner" | "sponsor" => Ok(Some(cell.text.into())),
                "team" => teams.team(cell.text, site).map(|t| Some(t.into())),
                "programme" => programmes.programme(cell.text, site).map(|g| Some(g.into())),
                "id" => continue,
                "status" => status(cell.text).map(|s| Some(s.into())),
                "rag" => rag(cell.text).map(|r| r.map(Into::into)),
                "start" | "end" | "baseline_end" => date(cell.text).map(|d| Some(date_value(d))),
                "objectives" => Ok(objectives(cell.text, site, row.number, cell.column, plan)),
                _ => number(cell.text).and_then(|(n, own_unit, range)| {
                    note = range;
                    let n = if own_unit { n } else { round(n * cell.factor) };
                    if n < 0.0 { Err(format!("`{}` is negative", cell.text)) } else { Ok(Some(amount_value(n))) }
                }),
            };
            match value {
                Ok(Some(v)) => values.push((spec.key, v)),
                Ok(None) => {}
                Err(message) => plan.left_out(row.number, cell.column, spec.key, &message),
            }
            if let Some(message) = note {
                plan.problem(row.number, Some(cell.column), message, false);
            }
        }
        let when = |key| values.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string());
        if let (Some(start), Some(end)) = (when("start"), when("end"))
            && end < start
        {
            let column = column_of(plan, "end");
            plan.problem(row.number, column, "the end date is before the start date; `end` left out", false);
            values.retain(|(k, _)| *k != "end");
        }
        let rebaseline = rebaseline(&mut values, options, row.number, plan);
        let file = match given {
            // A site imported before by title still has its files: found
            // by title when no file has the id.
            Some(_) => {
                site.projects.get(&id.to_lowercase()).or_else(|| existing(&site.projects, &id_of(&title), &title))
            }
            None => existing(&site.projects, &id, &title),
        };
        placed.insert(row.number, file.map_or_else(|| id.clone(), |f| f.id.clone()));
        match file {
            Some(file) => {
                let edit = edit::markdown(&file.text, |doc| {
                    let mut edited = edit::set(doc.as_table_mut(), &values);
                    if let Some(change) = &rebaseline {
                        let change = less_other_changes(change, doc);
                        if change.iter().any(|(k, _)| matches!(*k, "budget" | "end")) {
                            edited.and(edit::upsert(doc, "changes", BASELINE_CHANGE, is_baseline_change, &change));
                        }
                    }
                    edited
                });
                plan.edited(&file.path, Some(&file.text), &[row.number], edit);
            }
            None => {
                let folder = match values.iter().find(|(k, _)| *k == "team").and_then(|(_, v)| v.as_str()) {
                    Some(team) => format!("content/projects/{team}/"),
                    None => "content/projects/".to_string(),
                };
                let mut doc = toml_edit::DocumentMut::from(edit::table(&values));
                let mut fields = values.iter().map(|(k, _)| *k).collect::<Vec<_>>();
                if let Some(change) = &rebaseline {
                    edit::upsert(&mut doc, "changes", BASELINE_CHANGE, is_baseline_change, change);
                    fields.push("changes");
                }
                let after = edit::new_markdown(&doc, row.get("description").map(|c| c.text));
                let fields = edit::Edited { fields, ..Default::default() };
                plan.edited(&format!("{folder}{id}.md"), None, &[row.number], Ok((after, fields)));
            }
        }
    }
    teams.write(plan);
    programmes.write(plan);
    if let Some(panel) = panel {
        panel.write(&placed, site, plan);
    }
}

/// The title of the change an import records for a baseline the sheet
/// shows moved.
const BASELINE_CHANGE: &str = "Re-baselined before import";

fn is_baseline_change(t: &toml_edit::Table) -> bool {
    edit::text_of(t, "title") == Some(BASELINE_CHANGE)
}

/// The import's change, its budget less what the file's other approved
/// changes already add: together they lead back to the sheet's original
/// budget, counted once.
fn less_other_changes(change: &Values, doc: &toml_edit::DocumentMut) -> Values {
    let approved =
        |t: &toml_edit::Table| !is_baseline_change(t) && edit::text_of(t, "status").is_none_or(|s| s == "approved");
    let amount = |v: &toml_edit::Item| v.as_float().or_else(|| v.as_integer().map(|i| i as f64));
    let others: f64 = doc
        .get("changes")
        .and_then(toml_edit::Item::as_array_of_tables)
        .map(|tables| tables.iter().filter(|t| approved(t)).filter_map(|t| t.get("budget").and_then(amount)).sum())
        .unwrap_or(0.0);
    let mut change = change.clone();
    if let Some(at) = change.iter().position(|(k, _)| *k == "budget") {
        let whole = change[at].1.as_float().or_else(|| change[at].1.as_integer().map(|i| i as f64)).unwrap_or(0.0);
        match whole - others {
            rest if rest.abs() < 0.5 => {
                change.remove(at);
            }
            rest => change[at].1 = amount_value(rest),
        }
    }
    change
}

/// Takes the original budget and baseline end out of a row's values and,
/// where they differ from the current budget and end, gives the
/// `[[changes]]` entry that leads from the one to the other (dated at the
/// project's start, else the day of the import).
fn rebaseline(values: &mut Values, options: &Options, row: usize, plan: &mut Plan) -> Option<Values> {
    let mut take = |key: &str| {
        let at = values.iter().position(|(k, _)| *k == key)?;
        Some(values.remove(at).1)
    };
    let (original, baseline_end) = (take("original_budget"), take("baseline_end"));
    let get = |key: &str| values.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone());
    let amount = |v: &toml_edit::Value| v.as_float().or_else(|| v.as_integer().map(|i| i as f64));
    let mut change: Values = Vec::new();
    if let (Some(was), Some(now)) = (original.as_ref().and_then(amount), get("budget").as_ref().and_then(amount))
        && (now - was).abs() >= 0.5
    {
        change.push(("budget", amount_value(now - was)));
    }
    if let (Some(was), Some(now)) = (baseline_end, get("end"))
        && was.to_string() != now.to_string()
    {
        change.push(("end", now));
        change.push(("previous_end", was));
    }
    if change.is_empty() {
        return None;
    }
    let Some(date) = get("start").or_else(|| options.today.map(date_value)) else {
        let column = column_of(plan, "original_budget").or_else(|| column_of(plan, "baseline_end"));
        plan.problem(
            row,
            column,
            "the baseline moved, but the row has no start date to date the change by; give it a start",
            false,
        );
        return None;
    };
    let mut entry: Values = vec![("date", date), ("title", BASELINE_CHANGE.into())];
    entry.extend(change);
    Some(entry)
}

/// The periods of a sheet with one row per project per period.
struct Panel<'r> {
    /// Rows whose values make the project files: each project's latest.
    latest: HashSet<usize>,
    /// Each project's rows, oldest period first: (end of period, row).
    histories: Vec<Vec<(NaiveDate, &'r SheetRow)>>,
}

impl<'r> Panel<'r> {
    /// Groups the rows by project: by the id column if the sheet has one
    /// (a row without an id cannot be placed and is reported), else by
    /// name.
    fn of(rows: &'r [SheetRow], options: &Options, plan: &mut Plan) -> Self {
        let by_id = column_of(plan, "id").is_some();
        let mut groups: BTreeMap<String, Vec<(NaiveDate, &'r SheetRow)>> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for row in rows {
            let key = if by_id {
                match row.get("id").map(|c| id_of(c.text)).filter(|id| !id.is_empty()) {
                    Some(id) => id,
                    None => {
                        let column = column_of(plan, "id");
                        plan.problem(row.number, column, "the row has no id, so it cannot be placed in a project's history; give it the project's id", true);
                        continue;
                    }
                }
            } else {
                match row.get("title") {
                    Some(cell) => id_of(&if options.title_case {
                        super::cells::title_case(cell.text)
                    } else {
                        cell.text.to_string()
                    }),
                    None => {
                        let column = column_of(plan, "title");
                        plan.problem(row.number, column, "the project has no name", true);
                        continue;
                    }
                }
            };
            let Some(cell) = row.get("period") else {
                let column = column_of(plan, "period");
                plan.problem(
                    row.number,
                    column,
                    "the row has no period, so it cannot be placed in the project's history",
                    true,
                );
                continue;
            };
            let end = match period_end(cell.text) {
                Ok(end) => end,
                Err(message) => {
                    plan.problem(row.number, Some(cell.column), message, true);
                    continue;
                }
            };
            let group = groups.entry(key.clone()).or_default();
            if let Some((_, first)) = group.iter().find(|(d, _)| *d == end) {
                let message = format!(
                    "row {} reports the same project for the same period; this row is not imported",
                    first.number
                );
                plan.problem(row.number, Some(cell.column), message, true);
                continue;
            }
            if group.is_empty() {
                order.push(key);
            }
            group.push((end, row));
        }
        let mut histories: Vec<Vec<(NaiveDate, &SheetRow)>> = order.iter().filter_map(|k| groups.remove(k)).collect();
        for h in &mut histories {
            h.sort_by_key(|(d, r)| (*d, r.number));
        }
        let latest = histories.iter().filter_map(|h| h.last().map(|(_, r)| r.number)).collect();
        Panel { latest, histories }
    }

    /// A check-in per period end, with each project's status and figures
    /// as that period reported them.
    fn write(self, placed: &HashMap<usize, String>, site: &Site, plan: &mut Plan) {
        let mut days: BTreeMap<String, Day> = BTreeMap::new();
        for history in &self.histories {
            let Some(id) = history.last().and_then(|(_, r)| placed.get(&r.number)) else { continue };
            for (end, row) in history {
                let mut values: Values = vec![("id", id.as_str().into())];
                if let Some(r) = row.get("rag").and_then(|c| rag(c.text).ok().flatten()) {
                    values.push(("rag", r.into()));
                }
                let period = row.get("period").map_or("", |c| c.text);
                let figures: Vec<String> = ["budget", "spent", "fte"]
                    .iter()
                    .filter_map(|key| {
                        let cell = row.get(key)?;
                        let (n, own_unit, _) = number(cell.text).ok()?;
                        let n = if own_unit { n } else { round(n * cell.factor) };
                        Some(format!("{} {}", if *key == "fte" { "FTE" } else { key }, n))
                    })
                    .collect();
                let note = match figures.is_empty() {
                    true => format!("As reported for {period}"),
                    false => format!("As reported for {period}: {}", figures.join(", ")),
                };
                values.push(("note", note.into()));
                let day = days.entry(end.to_string()).or_default();
                day.entries.push(Entry { row: row.number, array: "projects", keys: vec![("id", id.clone())], values });
            }
        }
        // The summary counts projects: a period already on file is not
        // a project unchanged.
        let unchanged = plan.unchanged;
        super::checkins::write(days, site, plan);
        plan.unchanged = unchanged;
    }
}

/// The objectives a cell names (ids or titles, separated by `;` or `,`);
/// names no objective has are reported.
fn objectives(cell: &str, site: &Site, row: usize, column: usize, plan: &mut Plan) -> Option<toml_edit::Value> {
    let known = || site.objectives.values().map(|o| (o.id.as_str(), o.title.as_deref().unwrap_or(&o.id)));
    let mut found = toml_edit::Array::new();
    let mut unknown = Vec::new();
    for name in cell.split([';', ',']).map(str::trim).filter(|s| !s.is_empty()) {
        match find(known(), name) {
            Some(id) => found.push(id),
            None => unknown.push(format!("`{name}`")),
        }
    }
    if !unknown.is_empty() {
        plan.problem(
            row,
            Some(column),
            format!(
                "no objective has the id or title {}; write objective ids (file names in content/objectives/)",
                unknown.join(", ")
            ),
            false,
        );
    }
    (!found.is_empty()).then(|| found.into())
}
