//! Import: a spreadsheet's rows (CSV, or a workbook's sheet) into content
//! files.
//!
//! Pure: it reads the spreadsheet and the files that exist, and returns a
//! plan (files to create or change, with their new text) and every row or
//! cell it could not use. The command decides what to write.
//!
//! Columns are matched by header, with the names PMOs use (Project Name,
//! Department, SRO, Whole Life Cost (£m), Key Result, Baseline, RAG…) or an
//! explicit mapping. Ids are slugs of titles, so a re-import finds the same
//! files; it changes only the fields it imports and never a body.

use std::collections::HashMap;

mod cells;
mod checkins;
mod edit;
mod key_results;
mod objectives;
mod projects;
mod sheet;
pub mod workbook;

pub use cells::{decode, id_of};

/// What a spreadsheet holds, one per row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Projects (and the teams they name).
    Projects,
    /// Objectives (and the teams they name).
    Objectives,
    /// Key results, into the objectives' files.
    KeyResults,
    /// Check-in updates (a key result's value or a project's RAG), one
    /// check-in file per date.
    Checkins,
}

impl Kind {
    /// What one row is, for messages ("project", "key result").
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Projects => "project",
            Kind::Objectives => "objective",
            Kind::KeyResults => "key result",
            Kind::Checkins => "check-in update",
        }
    }

    /// The fields a column can fill, in the order they are written.
    pub fn fields(self) -> Vec<&'static str> {
        self.specs().iter().map(|f| f.key).collect()
    }

    fn specs(self) -> &'static [sheet::FieldSpec] {
        match self {
            Kind::Projects => projects::FIELDS,
            Kind::Objectives => objectives::FIELDS,
            Kind::KeyResults => key_results::FIELDS,
            Kind::Checkins => checkins::FIELDS,
        }
    }

    /// The field whose column marks the header row and which every row needs.
    fn key(self) -> &'static str {
        match self {
            Kind::Projects | Kind::Objectives | Kind::KeyResults => "title",
            Kind::Checkins => "date",
        }
    }
}

/// An explicit column mapping: `Header=field`, `Header=field*factor`, or
/// `Header=` to skip the column.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// The column's header, as written.
    pub header: String,
    /// The field's key, or `None` to ignore the column (checked against
    /// the kind imported when the import runs).
    pub field: Option<String>,
    /// What numbers in the column are multiplied by.
    pub factor: f64,
}

impl std::str::FromStr for Mapping {
    type Err = String;

    fn from_str(text: &str) -> Result<Mapping, String> {
        let (header, target) =
            text.rsplit_once('=').ok_or_else(|| format!("`{text}` is not `Header=field` (or `Header=field*1000`)"))?;
        let (key, factor) = match target.split_once('*') {
            Some((key, factor)) => {
                let factor = factor.trim().parse::<f64>().map_err(|_| format!("`{factor}` is not a number"))?;
                if !factor.is_finite() || factor == 0.0 {
                    return Err(format!("`{factor}` cannot multiply a column; use a number such as 1000000"));
                }
                (key.trim(), factor)
            }
            None => (target.trim(), 1.0),
        };
        let field = (!key.is_empty()).then(|| key.to_string());
        Ok(Mapping { header: header.trim().to_string(), field, factor })
    }
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Explicit mappings, before the automatic ones.
    pub mappings: Vec<Mapping>,
    /// Turn titles in capitals into title case.
    pub title_case: bool,
    /// The day of the import: the date of a re-baseline the sheet shows
    /// for a project without a start date.
    pub today: Option<chrono::NaiveDate>,
}

/// A thing of the site a cell can name by id or by title.
#[derive(Debug, Clone)]
pub struct Known {
    /// Its id.
    pub id: String,
    /// Its title, as a spreadsheet may name it.
    pub title: String,
}

/// What the site holds already.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Project files, by id in lower case.
    pub projects: HashMap<String, Existing>,
    /// Objective files, by id in lower case.
    pub objectives: HashMap<String, Existing>,
    /// Check-in files, by id (the date).
    pub checkins: HashMap<String, Existing>,
    /// Teams.
    pub teams: Vec<Known>,
    /// Programmes.
    pub programmes: Vec<Known>,
    /// Priorities.
    pub priorities: Vec<Known>,
    /// Period ids organisation.toml lists.
    pub periods: Vec<String>,
}

/// A content file that exists, for re-imports.
#[derive(Debug, Clone, Default)]
pub struct Existing {
    /// Its id (the file stem), as written.
    pub id: String,
    /// Its path from the site root.
    pub path: String,
    /// Its text.
    pub text: String,
    /// Its title, if it has one.
    pub title: Option<String>,
    /// Whether its bytes are not UTF-8 (`text` is then a lossy copy): such
    /// a file is never rewritten, so no byte of it is lost.
    pub not_utf8: bool,
}

/// One file to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Path from the site root.
    pub path: String,
    /// What is there now (`None` for a new file).
    pub before: Option<String>,
    /// What it becomes.
    pub after: String,
    /// The CSV row (1-based, as the spreadsheet numbers it) of the first
    /// row behind it, or 0 for a team file.
    pub row: usize,
    /// The fields that change, for a summary.
    pub fields: Vec<&'static str>,
    /// How many rows it holds (key results of one objective, updates of
    /// one check-in).
    pub rows: usize,
    /// Whether it replaces values the file has, rather than only adding
    /// keys or entries: only `--force` does that.
    pub replaces: bool,
    /// What changes in a file that exists, a line each
    /// (`budget: 11800000000 → 12000000000`).
    pub lines: Vec<String>,
}

/// Something the import could not use, or chose for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The CSV row (1-based, as the spreadsheet numbers it).
    pub row: usize,
    /// The column (1-based), if one cell is at fault.
    pub column: Option<usize>,
    /// What is wrong or what was done.
    pub message: String,
    /// Whether the row was skipped (else the cell was left out, or it is a note).
    pub skipped: bool,
}

/// The outcome of reading a CSV file.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The headers, as written.
    pub headers: Vec<String>,
    /// How each column was understood (`Whole Life Cost (£m)` → `budget × 1000000`).
    pub columns: Vec<String>,
    /// The field each column fills, if any.
    pub fields: Vec<Option<&'static str>>,
    /// Files to create or change; unchanged files are left out.
    pub changes: Vec<Change>,
    /// Rows whose files would not change.
    pub unchanged: usize,
    /// Rows and cells that could not be used, and notes.
    pub problems: Vec<Problem>,
}

impl Plan {
    fn problem(&mut self, row: usize, column: Option<usize>, message: impl Into<String>, skipped: bool) {
        self.problems.push(Problem { row, column, message: message.into(), skipped });
    }

    /// The outcome of editing a file (or making one, when `before` is
    /// `None`) for the rows numbered `rows`.
    fn edited(
        &mut self,
        path: &str,
        before: Option<&str>,
        rows: &[usize],
        edit: Result<(String, edit::Edited), String>,
    ) {
        match edit {
            Ok((after, edited)) if Some(after.as_str()) != before => {
                // A file of entries counts the entries that changed; a file
                // per row, its row.
                let changed = if edited.entries > 0 { edited.entries } else { rows.len().min(1) };
                self.unchanged += rows.len().saturating_sub(changed);
                self.changes.push(Change {
                    path: path.to_string(),
                    before: before.map(str::to_string),
                    after,
                    row: rows.first().copied().unwrap_or(0),
                    fields: edited.fields,
                    rows: changed,
                    replaces: edited.replaced,
                    lines: if before.is_some() { edited.lines } else { Vec::new() },
                });
            }
            Ok(_) => self.unchanged += rows.len(),
            Err(message) => {
                for row in rows {
                    self.problem(*row, None, format!("`{path}` cannot be updated: {message}"), true);
                }
            }
        }
    }

    /// A cell left out, with why.
    fn left_out(&mut self, row: usize, column: usize, key: &str, message: &str) {
        self.problem(row, Some(column), format!("{message}; `{key}` left out"), false);
    }
}

/// Why a file cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not CSV.
    #[error("not a readable CSV file: {0}")]
    Csv(String),
    /// Not a workbook calamine can read.
    #[error("not a readable workbook: {0}")]
    Workbook(String),
    /// `--sheet` names no sheet of the workbook.
    #[error("the workbook has no sheet `{name}`; its sheets are {}", sheets.join(", "))]
    NoSheet {
        /// The name asked for.
        name: String,
        /// The sheets there are.
        sheets: Vec<String>,
    },
    /// No column gives the field every row needs.
    #[error("no column gives {}; name it with --map \"Your header={key}\"", what_names(key))]
    NoKeyColumn {
        /// The field.
        key: &'static str,
    },
    /// A mapping names a field the kind does not have.
    #[error("`{field}` is not a field here; {known}")]
    UnknownField {
        /// The field named.
        field: String,
        /// A suggestion, and the fields there are.
        known: String,
    },
}

fn what_names(key: &str) -> String {
    match key {
        "date" => "the check-in dates (looked for a header such as `Date` or `Check-in Date`)".into(),
        _ => "the names (looked for a header such as `Title`, `Project Name`, `Objective` or `Key Result`)".into(),
    }
}

/// What is imported: a CSV file's bytes, or the rows of a workbook's sheet
/// (see [`workbook::read`]).
pub enum Input<'a> {
    /// CSV, in any common encoding.
    Csv(&'a [u8]),
    /// A sheet's rows, numbered as the spreadsheet numbers them.
    Rows(workbook::Rows),
}

/// Reads a spreadsheet into a plan against what the site holds.
pub fn plan(kind: Kind, input: Input<'_>, options: &Options, site: &Site) -> Result<Plan, ImportError> {
    let mut plan = Plan::default();
    let records = match input {
        Input::Csv(bytes) => sheet::csv_records(bytes),
        Input::Rows(rows) => rows.into_iter().map(|(n, cells)| (n, Ok(cells))).collect(),
    };
    let rows = sheet::read(records, options, kind.specs(), kind.key(), &mut plan)?;
    match kind {
        Kind::Projects => projects::plan(&rows, options, site, &mut plan),
        Kind::Objectives => objectives::plan(&rows, options, site, &mut plan),
        Kind::KeyResults => key_results::plan(&rows, options, site, &mut plan),
        Kind::Checkins => checkins::plan(&rows, site, &mut plan),
    }
    // A file that is not UTF-8 would lose its bytes if rewritten.
    let not_text: std::collections::HashSet<&str> = [&site.projects, &site.objectives, &site.checkins]
        .into_iter()
        .flat_map(|files| files.values())
        .filter(|f| f.not_utf8)
        .map(|f| f.path.as_str())
        .collect();
    let (kept, untouchable): (Vec<Change>, Vec<Change>) = std::mem::take(&mut plan.changes)
        .into_iter()
        .partition(|c| c.before.is_none() || !not_text.contains(c.path.as_str()));
    plan.changes = kept;
    for change in untouchable {
        let message = format!(
            "`{}` is not UTF-8 text, so it is left as it is; save it as UTF-8 (in most editors: Save with Encoding › UTF-8) and import again",
            change.path
        );
        plan.problem(change.row, None, message, true);
    }
    // In sheet order (some kinds look at every row before the first).
    plan.problems.sort_by_key(|p| (p.row, p.column));
    Ok(plan)
}

/// A column's name as a spreadsheet shows it: 1 is `A`, 27 is `AA`.
pub fn column_letter(column: usize) -> String {
    let mut n = column;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push((b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The thing a cell names, by title or id (any case): a title wins over an
/// id, and among equals the first id in order, so the answer never depends
/// on the order things were listed in.
fn find<'a>(known: impl IntoIterator<Item = (&'a str, &'a str)>, cell: &str) -> Option<&'a str> {
    let slug = id_of(cell);
    known
        .into_iter()
        .filter_map(|(id, title)| {
            let by_title = title.eq_ignore_ascii_case(cell);
            (by_title || id.eq_ignore_ascii_case(cell) || id.eq_ignore_ascii_case(&slug)).then_some((!by_title, id))
        })
        .min()
        .map(|(_, id)| id)
}

/// The file a row is about: for the first row of a name, the file with
/// that title or the id the title gives; a later row of the same name
/// (given `-2`) by its own id.
fn existing<'a>(files: &'a HashMap<String, Existing>, id: &str, title: &str) -> Option<&'a Existing> {
    let by_title = || {
        let known = files.values().map(|f| (f.id.as_str(), f.title.as_deref().unwrap_or(&f.id)));
        files.get(&find(known, title)?.to_lowercase())
    };
    let first = id == id_of(title);
    first.then(by_title).flatten().or_else(|| files.get(&id.to_lowercase()))
}

/// Ids given out in one import: a second row with the same name gets
/// `-2`, and the user is told.
#[derive(Default)]
struct Ids(HashMap<String, usize>);

impl Ids {
    /// The id for a row named `title`, or `None` (with a problem) when the
    /// title gives none.
    fn give(&mut self, title: &str, row: usize, column: usize, plan: &mut Plan) -> Option<String> {
        let base = id_of(title);
        if base.is_empty() {
            plan.problem(row, Some(column), format!("`{title}` gives no usable id (no letters or digits)"), true);
            return None;
        }
        let id = match self.0.get(&base) {
            None => base,
            Some(first) => {
                let n = (2..).find(|n| !self.0.contains_key(&format!("{base}-{n}"))).expect("a free number");
                let id = format!("{base}-{n}");
                plan.problem(
                    row,
                    Some(column),
                    format!("row {first} has the same name; this one gets the id `{id}`"),
                    false,
                );
                id
            }
        };
        self.0.insert(id.clone(), row);
        Some(id)
    }
}

impl Ids {
    /// A sheet's own id for a row: `None` (with a problem, the row
    /// skipped) when an earlier row has it.
    fn claim(&mut self, id: &str, row: usize, column: usize, plan: &mut Plan) -> Option<String> {
        if let Some(first) = self.0.get(id) {
            let message = format!(
                "row {first} has the same id `{id}`; this row is not imported (to import a history, give each row its period in a column such as `Year`)"
            );
            plan.problem(row, Some(column), message, true);
            return None;
        }
        self.0.insert(id.to_string(), row);
        Some(id.to_string())
    }
}

/// A row's title, title-cased if asked; `None` (with a problem) when blank.
fn title(row: &sheet::SheetRow, options: &Options, what: &str, plan: &mut Plan) -> Option<(String, usize)> {
    match row.get("title") {
        Some(cell) => {
            let title = if options.title_case { cells::title_case(cell.text) } else { cell.text.to_string() };
            Some((title, cell.column))
        }
        None => {
            let column = sheet::column_of(plan, "title");
            plan.problem(row.number, column, format!("the {what} has no name"), true);
            None
        }
    }
}

/// Teams named in a sheet that do not exist yet: created as team files.
#[derive(Default)]
struct NewTeams(std::collections::BTreeMap<String, String>);

impl NewTeams {
    /// The team id for a cell: an existing team (by title or id), or a new one.
    fn team(&mut self, cell: &str, site: &Site) -> Result<String, String> {
        if let Some(id) = find(site.teams.iter().map(|t| (t.id.as_str(), t.title.as_str())), cell) {
            return Ok(id.to_string());
        }
        let id = id_of(cell);
        if id.is_empty() {
            return Err(format!("`{cell}` gives no usable team id"));
        }
        self.0.entry(id.clone()).or_insert_with(|| cell.to_string());
        Ok(id)
    }

    /// A file per new team.
    fn write(self, plan: &mut Plan) {
        for (id, name) in self.0 {
            let mut doc = toml_edit::DocumentMut::new();
            doc["title"] = toml_edit::value(name);
            plan.changes.push(Change {
                path: format!("content/teams/{id}.toml"),
                before: None,
                after: doc.to_string(),
                row: 0,
                fields: vec!["title"],
                rows: 0,
                replaces: false,
                lines: Vec::new(),
            });
        }
    }
}

/// Programmes named in one import that the site does not have yet.
#[derive(Default)]
struct NewProgrammes(std::collections::BTreeMap<String, String>);

impl NewProgrammes {
    /// The programme id for a cell: an existing programme (by title or
    /// id), or a new one.
    fn programme(&mut self, cell: &str, site: &Site) -> Result<String, String> {
        if let Some(id) = find(site.programmes.iter().map(|g| (g.id.as_str(), g.title.as_str())), cell) {
            return Ok(id.to_string());
        }
        let id = id_of(cell);
        if id.is_empty() {
            return Err(format!("`{cell}` gives no usable programme id"));
        }
        self.0.entry(id.clone()).or_insert_with(|| cell.to_string());
        Ok(id)
    }

    /// A file per new programme, with its title.
    fn write(self, plan: &mut Plan) {
        for (id, name) in self.0 {
            let doc = edit::table(&vec![("title", name.as_str().into())]);
            let after = edit::new_markdown(&toml_edit::DocumentMut::from(doc), None);
            plan.changes.push(Change {
                path: format!("content/programmes/{id}.md"),
                before: None,
                after,
                row: 0,
                fields: vec!["title"],
                rows: 0,
                replaces: false,
                lines: Vec::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests;
