//! Import: a spreadsheet's rows (CSV) into content files.
//!
//! Pure: it reads the CSV bytes and the project files that exist, and
//! returns a plan (files to create or change, with their new text) and
//! every row or cell it could not use. The command decides what to write.
//!
//! Columns are matched by header, with the names PMOs use (Project Name,
//! Department, SRO, Whole Life Cost (£m), Delivery Confidence Assessment…)
//! or an explicit mapping. Ids are slugs of titles, so a re-import finds
//! the same files; it changes only the fields it imports and never the body.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

/// A field of a project that a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// `title`, and from it the id.
    Title,
    /// `owner` (project manager).
    Owner,
    /// `sponsor` (senior responsible owner).
    Sponsor,
    /// `team`: a team id made from the name (teams are created too).
    Team,
    /// `status`.
    Status,
    /// `rag`.
    Rag,
    /// `start`.
    Start,
    /// `end`.
    End,
    /// `budget`.
    Budget,
    /// `spent`.
    Spent,
    /// `fte`.
    Fte,
    /// `objectives`: ids separated by `;` or `,`.
    Objectives,
    /// The Markdown body of a new file.
    Description,
}

impl Field {
    /// Every field, in the order keys are written in a new file (as in
    /// docs/content-format.md).
    const ALL: [Field; 13] = [
        Field::Title,
        Field::Owner,
        Field::Sponsor,
        Field::Team,
        Field::Status,
        Field::Rag,
        Field::Start,
        Field::End,
        Field::Budget,
        Field::Spent,
        Field::Fte,
        Field::Objectives,
        Field::Description,
    ];

    /// Its key in front matter (and in `--map`).
    pub fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Owner => "owner",
            Field::Sponsor => "sponsor",
            Field::Team => "team",
            Field::Status => "status",
            Field::Rag => "rag",
            Field::Start => "start",
            Field::End => "end",
            Field::Budget => "budget",
            Field::Spent => "spent",
            Field::Fte => "fte",
            Field::Objectives => "objectives",
            Field::Description => "description",
        }
    }

    /// Header names (normalised) that mean this field.
    fn names(self) -> &'static [&'static str] {
        match self {
            Field::Title => &["title", "project", "project name", "name", "project title", "programme name"],
            Field::Owner => &["owner", "project manager", "pm", "manager", "lead", "project lead"],
            Field::Sponsor => &["sponsor", "sro", "senior responsible owner", "executive sponsor"],
            Field::Team => &["team", "department", "dept", "directorate", "business unit", "division"],
            Field::Status => &["status", "project status", "stage", "phase"],
            Field::Rag => &[
                "rag",
                "rag status",
                "delivery confidence assessment",
                "ipa delivery confidence assessment",
                "dca",
                "confidence",
            ],
            Field::Start => &["start", "start date", "project start date", "baseline start date"],
            Field::End => &["end", "end date", "finish", "finish date", "completion date", "project end date"],
            Field::Budget => &["budget", "whole life cost", "wlc", "total budget", "cost", "total cost"],
            Field::Spent => &["spent", "spend", "actual spend", "spend to date", "actuals"],
            Field::Fte => &["fte", "headcount", "people"],
            Field::Objectives => &["objective", "objectives", "strategic objective", "strategic objectives"],
            Field::Description => &["description", "summary", "project description", "aims", "purpose"],
        }
    }

    fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// An explicit column mapping: `Header=field`, `Header=field*factor`, or
/// `Header=` to skip the column.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// The column's header, as written.
    pub header: String,
    /// The field, or `None` to ignore the column.
    pub field: Option<Field>,
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
                (key.trim(), factor)
            }
            None => (target.trim(), 1.0),
        };
        let field = if key.is_empty() {
            None
        } else {
            let known: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
            Some(
                Field::from_key(key)
                    .ok_or_else(|| format!("`{key}` is not a field; use one of: {}", known.join(", ")))?,
            )
        };
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
}

/// A team that exists.
#[derive(Debug, Clone)]
pub struct Team {
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
    /// Teams.
    pub teams: Vec<Team>,
    /// Objective ids.
    pub objectives: Vec<String>,
}

/// A project file that exists, for re-imports.
#[derive(Debug, Clone)]
pub struct Existing {
    /// Its path from the site root.
    pub path: String,
    /// Its text.
    pub text: String,
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
    /// The CSV row (1-based, the header is row 1), or 0 for a team file.
    pub row: usize,
    /// The fields that change, for a summary.
    pub fields: Vec<&'static str>,
}

/// Something the import could not use, or chose for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The CSV row (1-based, the header is row 1).
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
    /// Files to create or change; unchanged files are left out.
    pub changes: Vec<Change>,
    /// Rows whose files would not change.
    pub unchanged: usize,
    /// Rows and cells that could not be used, and notes.
    pub problems: Vec<Problem>,
}

/// Why a file cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not CSV.
    #[error("not a readable CSV file: {0}")]
    Csv(String),
    /// No column gives the projects' titles.
    #[error(
        "no column gives the project names (looked for a header such as `Project Name` or `Title`); name it with --map \"Your header=title\""
    )]
    NoTitle,
}

/// Text from a CSV file's bytes: UTF-8 (with or without a byte-order mark),
/// else Windows-1252 (what Excel writes on Windows), which covers Latin-1.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn windows_1252(b: u8) -> char {
    // 0x80–0x9F differ from Latin-1; five of them are unassigned.
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// A header as compared: lower case, words only, units in brackets cut.
fn normalise(header: &str) -> String {
    let cut = header.split(['(', '[']).next().unwrap_or(header);
    cut.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The factor a unit in a header implies: `(£m)` is millions, `(£k)` thousands.
fn unit_factor(header: &str) -> f64 {
    let lower = header.to_lowercase();
    let unit = lower.split(['(', '[']).nth(1).unwrap_or("");
    let unit = unit.trim_end_matches([')', ']']).trim();
    match unit.trim_start_matches(['£', '$', '€']) {
        "m" | "mn" | "million" | "millions" => 1e6,
        "bn" | "b" | "billion" => 1e9,
        "k" | "000" | "000s" | "thousands" => 1e3,
        _ => 1.0,
    }
}

/// A project id from a title: lower-case ASCII words joined by hyphens.
pub fn id_of(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn title_case(title: &str) -> String {
    let has_lower = title.chars().any(char::is_lowercase);
    if has_lower {
        return title.to_string();
    }
    title
        .split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) if word.len() > 3 || !matches!(word, "OF" | "AND" | "THE" | "FOR" | "TO" | "IN") => {
                    first.to_string() + &chars.as_str().to_lowercase()
                }
                Some(_) => word.to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A number from a cell: currency symbols, thousands separators, `m`/`k`/`bn`
/// suffixes and accounting negatives are understood; a range gives its
/// midpoint. Also says whether the cell carried its own unit (`£2.5m`),
/// which then wins over the column's.
fn number(cell: &str) -> Result<(f64, bool, Option<String>), String> {
    let text = cell.trim();
    if text.contains('%') {
        return Err(format!("`{text}` is a percentage, not an amount"));
    }
    let range = text.split_once(" - ").or_else(|| text.split_once(" to ")).or_else(|| {
        // `10-20`, but not a negative number.
        text.char_indices()
            .skip(1)
            .find(|(_, c)| *c == '-' || *c == '–')
            .map(|(i, c)| (&text[..i], &text[i + c.len_utf8()..]))
    });
    if let Some((low, high)) = range
        && let (Ok((low, low_unit)), Ok((high, high_unit))) = (single_number(low), single_number(high))
    {
        // `10-20k`: the high end's unit applies to both.
        let low = if high_unit != 1.0 && low_unit == 1.0 { low * high_unit } else { low };
        let note = format!("the range `{text}` was taken as its midpoint");
        return Ok((round((low + high) / 2.0), high_unit != 1.0, Some(note)));
    }
    single_number(text).map(|(n, unit)| (round(n), unit != 1.0, None))
}

/// To the cent, so `£2.01m` is 2010000, not 2009999.9999999998.
fn round(n: f64) -> f64 {
    (n * 100.0).round() / 100.0
}

/// A number and the unit its suffix gave (1 without one).
fn single_number(cell: &str) -> Result<(f64, f64), String> {
    let mut text = cell.trim().to_lowercase();
    let negative = text.starts_with('(') && text.ends_with(')');
    text = text.trim_matches(['(', ')']).to_string();
    text.retain(|c| !matches!(c, '£' | '$' | '€' | ',' | ' ' | '\u{a0}'));
    let (digits, unit) = if let Some(d) = text.strip_suffix("bn") {
        (d, 1e9)
    } else if let Some(d) = text.strip_suffix('m') {
        (d, 1e6)
    } else if let Some(d) = text.strip_suffix('k') {
        (d, 1e3)
    } else {
        (text.as_str(), 1.0)
    };
    let value = digits.parse::<f64>().map_err(|_| format!("`{}` is not a number", cell.trim()))?;
    if !value.is_finite() {
        return Err(format!("`{}` is not a number", cell.trim()));
    }
    Ok((if negative { -value } else { value } * unit, unit))
}

/// A date from a cell: ISO (`2026-03-31`), UK (`31/03/2026`, `31.03.2026`),
/// or written out (`31 Mar 2026`, `March 2026`: the first of the month).
fn date(cell: &str) -> Result<NaiveDate, String> {
    let text = cell.trim();
    let found = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d %b %Y", "%d %B %Y", "%Y/%m/%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
        .or_else(|| {
            ["%b %Y", "%B %Y", "%m/%Y"]
                .iter()
                .find_map(|format| NaiveDate::parse_from_str(&format!("1 {text}"), &format!("%d {format}")).ok())
        });
    match found {
        // `31/03/26` reads as the year 26: ask for four digits.
        Some(d) if (1900..=9999).contains(&chrono::Datelike::year(&d)) => Ok(d),
        Some(_) => Err(format!("`{text}` has no four-digit year; write 2026-03-31 or 31/03/2026")),
        None => Err(format!("`{text}` is not a date; write 2026-03-31 or 31/03/2026")),
    }
}

/// A RAG from a cell: any case; a two-colour rating takes its first colour
/// (`Amber/Red` → amber); ratings that are not colours give none.
fn rag(cell: &str) -> Result<Option<&'static str>, String> {
    let lower = cell.trim().to_lowercase();
    let first = lower.split(['/', '-', ' ']).find(|w| !w.is_empty()).unwrap_or("");
    match first {
        "green" | "g" => Ok(Some("green")),
        "amber" | "a" | "yellow" => Ok(Some("amber")),
        "red" | "r" => Ok(Some("red")),
        "exempt" | "reset" | "n" | "na" | "tbc" | "none" | "" => Ok(None),
        _ => Err(format!("`{}` is not a RAG rating (green, amber or red)", cell.trim())),
    }
}

fn status(cell: &str) -> Result<&'static str, String> {
    let lower = normalise(cell);
    let status = match lower.as_str() {
        "active" | "in progress" | "live" | "delivery" | "in delivery" | "open" | "ongoing" | "running" => "active",
        "proposed" | "pipeline" | "planned" | "idea" | "draft" | "pre approval" | "not started" | "approved" => {
            "proposed"
        }
        "paused" | "on hold" | "hold" | "suspended" => "paused",
        "done" | "complete" | "completed" | "closed" | "delivered" | "finished" => "done",
        "cancelled" | "canceled" | "stopped" | "terminated" | "withdrawn" => "cancelled",
        _ => return Err(format!("`{}` is not a status; use proposed, active, paused, done or cancelled", cell.trim())),
    };
    Ok(status)
}

/// One project as read from a row.
#[derive(Default)]
struct Row {
    values: BTreeMap<Field, toml_edit::Value>,
    description: Option<String>,
}

/// Reads a CSV file's bytes into a plan against what the site holds.
pub fn plan_projects(csv_bytes: &[u8], options: &Options, site: &Site) -> Result<Plan, ImportError> {
    let (existing, teams, objectives) = (&site.projects, &site.teams, &site.objectives);
    let text = decode(csv_bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(text.as_bytes());
    let mut records = Vec::new();
    for record in reader.records() {
        records.push(record.map_err(|e| ImportError::Csv(e.to_string())));
    }
    // The header is the first row (of the first ten) that names the
    // projects: exported reports often start with a title and a blank row.
    let names_projects = |cell: &str| {
        let explicit = options.mappings.iter().find(|m| m.header.eq_ignore_ascii_case(cell.trim()));
        match explicit {
            Some(m) => m.field == Some(Field::Title),
            None => Field::Title.names().contains(&normalise(cell).as_str()),
        }
    };
    let header_index = records
        .iter()
        .take(10)
        .position(|r| r.as_ref().is_ok_and(|r| r.iter().any(names_projects)))
        .ok_or(ImportError::NoTitle)?;
    let headers: Vec<String> = match &records[header_index] {
        Ok(record) => record.iter().map(str::to_string).collect(),
        Err(ImportError::Csv(e)) => return Err(ImportError::Csv(e.clone())),
        Err(_) => return Err(ImportError::NoTitle),
    };
    // Which field each column fills, and by what factor.
    let mut plan = Plan { headers: headers.clone(), ..Plan::default() };
    let mut columns: Vec<Option<(Field, f64)>> = vec![None; headers.len()];
    let explicit = |header: &str| options.mappings.iter().find(|m| m.header.eq_ignore_ascii_case(header.trim()));
    // Fields mapped explicitly are not guessed for other columns.
    let mut taken: Vec<Field> = headers.iter().filter_map(|h| explicit(h).and_then(|m| m.field)).collect();
    for (i, header) in headers.iter().enumerate() {
        let choice = match explicit(header) {
            Some(m) => m.field.map(|f| (f, m.factor)),
            None => {
                let name = normalise(header);
                let guess = Field::ALL.into_iter().find(|f| f.names().contains(&name.as_str()) && !taken.contains(f));
                guess.map(|f| (f, unit_factor(header)))
            }
        };
        if let Some((field, factor)) = choice {
            taken.push(field);
            let scale = if factor != 1.0 { format!(" × {factor}") } else { String::new() };
            plan.columns.push(format!("{header} → {}{scale}", field.key()));
        } else {
            plan.columns.push(format!("{header} → (not imported)"));
        }
        columns[i] = choice;
    }
    let Some(title_column) = columns.iter().position(|c| matches!(c, Some((Field::Title, _)))) else {
        return Err(ImportError::NoTitle);
    };
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut new_teams: BTreeMap<String, String> = BTreeMap::new();
    if header_index > 0 {
        plan.problems.push(Problem {
            row: header_index + 1,
            column: None,
            message: format!("row {} holds the column names; the rows above it are not imported", header_index + 1),
            skipped: false,
        });
    }
    for (index, record) in records.into_iter().enumerate().skip(header_index + 1) {
        let row_number = index + 1;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                plan.problems.push(Problem { row: row_number, column: None, message: e.to_string(), skipped: true });
                continue;
            }
        };
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if record.len() != headers.len() {
            plan.problems.push(Problem {
                row: row_number,
                column: None,
                message: format!(
                    "the row has {} cells but there are {} columns; a comma in a cell that is not quoted shifts the cells after it",
                    record.len(),
                    headers.len()
                ),
                skipped: false,
            });
        }
        let raw_title = record.get(title_column).unwrap_or("").trim();
        if raw_title.is_empty() {
            plan.problems.push(Problem {
                row: row_number,
                column: Some(title_column + 1),
                message: "the project has no name".into(),
                skipped: true,
            });
            continue;
        }
        let title = if options.title_case { title_case(raw_title) } else { raw_title.to_string() };
        let base = id_of(&title);
        if base.is_empty() {
            plan.problems.push(Problem {
                row: row_number,
                column: Some(title_column + 1),
                message: format!("`{title}` gives no usable id (no letters or digits)"),
                skipped: true,
            });
            continue;
        }
        let id = match ids.get(&base) {
            None => base.clone(),
            Some(first) => {
                let mut n = 2;
                while ids.contains_key(&format!("{base}-{n}")) {
                    n += 1;
                }
                let id = format!("{base}-{n}");
                plan.problems.push(Problem {
                    row: row_number,
                    column: Some(title_column + 1),
                    message: format!("row {first} has the same name; this one gets the id `{id}`"),
                    skipped: false,
                });
                id
            }
        };
        ids.insert(id.clone(), row_number);
        let mut row = Row::default();
        row.values.insert(Field::Title, title.clone().into());
        for (i, cell) in record.iter().enumerate() {
            let Some(Some((field, factor))) = columns.get(i).copied() else { continue };
            let cell = cell.trim();
            if cell.is_empty() || field == Field::Title {
                continue;
            }
            let mut note = None;
            let value: Result<Option<toml_edit::Value>, String> = match field {
                Field::Title => unreachable!("handled above"),
                Field::Owner | Field::Sponsor => Ok(Some(cell.into())),
                Field::Team => {
                    let known = teams
                        .iter()
                        .find(|t| t.title.eq_ignore_ascii_case(cell) || t.id.eq_ignore_ascii_case(&id_of(cell)));
                    match known {
                        Some(team) => Ok(Some(team.id.clone().into())),
                        None if id_of(cell).is_empty() => Err(format!("`{cell}` gives no usable team id")),
                        None => {
                            let team = id_of(cell);
                            new_teams.entry(team.clone()).or_insert_with(|| cell.to_string());
                            Ok(Some(team.into()))
                        }
                    }
                }
                Field::Status => status(cell).map(|s| Some(s.into())),
                Field::Rag => rag(cell).map(|r| r.map(Into::into)),
                Field::Start | Field::End => date(cell)
                    .map(|d| Some(d.to_string().parse::<toml_edit::Datetime>().expect("ISO dates parse").into())),
                Field::Budget | Field::Spent | Field::Fte => number(cell).and_then(|(n, own_unit, range)| {
                    note = range;
                    let n = if own_unit { n } else { round(n * factor) };
                    if n < 0.0 {
                        return Err(format!("`{cell}` is negative"));
                    }
                    Ok(Some(if n.fract() == 0.0 && n.abs() < 9e15 { (n as i64).into() } else { n.into() }))
                }),
                Field::Objectives => {
                    let (known, unknown): (Vec<&str>, Vec<&str>) = cell
                        .split([';', ','])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .partition(|id| objectives.iter().any(|o| o == id));
                    if !unknown.is_empty() {
                        let named: Vec<String> = unknown.iter().map(|u| format!("`{u}`")).collect();
                        plan.problems.push(Problem {
                            row: row_number,
                            column: Some(i + 1),
                            message: format!(
                                "no objective has the id {}; write objective ids (file names in content/objectives/)",
                                named.join(", ")
                            ),
                            skipped: false,
                        });
                    }
                    Ok((!known.is_empty()).then(|| known.into_iter().collect::<toml_edit::Array>().into()))
                }
                Field::Description => {
                    row.description = Some(cell.to_string());
                    Ok(None)
                }
            };
            match value {
                Ok(Some(v)) => {
                    row.values.insert(field, v);
                }
                Ok(None) => {}
                Err(message) => plan.problems.push(Problem {
                    row: row_number,
                    column: Some(i + 1),
                    message: format!("{message}; `{}` left out", field.key()),
                    skipped: false,
                }),
            }
            if let Some(message) = note {
                plan.problems.push(Problem { row: row_number, column: Some(i + 1), message, skipped: false });
            }
        }
        if let (Some(start), Some(end)) = (row.values.get(&Field::Start), row.values.get(&Field::End))
            && end.to_string() < start.to_string()
        {
            let column = columns.iter().position(|c| matches!(c, Some((Field::End, _)))).map(|c| c + 1);
            plan.problems.push(Problem {
                row: row_number,
                column,
                message: "the end date is before the start date; `end` left out".into(),
                skipped: false,
            });
            row.values.remove(&Field::End);
        }
        match existing.get(&id.to_lowercase()) {
            Some(file) => match update(&file.text, &row) {
                Ok((after, fields)) if after != file.text => plan.changes.push(Change {
                    path: file.path.clone(),
                    before: Some(file.text.clone()),
                    after,
                    row: row_number,
                    fields,
                }),
                Ok(_) => plan.unchanged += 1,
                Err(message) => plan.problems.push(Problem {
                    row: row_number,
                    column: None,
                    message: format!("`{}` cannot be updated: {message}", file.path),
                    skipped: true,
                }),
            },
            None => {
                let folder = match row.values.get(&Field::Team).and_then(|v| v.as_str()) {
                    Some(team) => format!("content/projects/{team}/"),
                    None => "content/projects/".to_string(),
                };
                let (after, fields) = create(&row);
                plan.changes.push(Change {
                    path: format!("{folder}{id}.md"),
                    before: None,
                    after,
                    row: row_number,
                    fields,
                });
            }
        }
    }
    for (id, name) in new_teams {
        let mut doc = toml_edit::DocumentMut::new();
        doc["title"] = toml_edit::value(name);
        plan.changes.push(Change {
            path: format!("content/teams/{id}.toml"),
            before: None,
            after: doc.to_string(),
            row: 0,
            fields: vec!["title"],
        });
    }
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

fn create(row: &Row) -> (String, Vec<&'static str>) {
    let mut doc = toml_edit::DocumentMut::new();
    let mut fields = Vec::new();
    for field in Field::ALL {
        if let Some(value) = row.values.get(&field) {
            doc[field.key()] = toml_edit::Item::Value(value.clone());
            fields.push(field.key());
        }
    }
    let body = row.description.as_deref().map(|d| format!("\n{d}\n")).unwrap_or_default();
    (format!("+++\n{doc}+++\n{body}"), fields)
}

/// Whether two TOML values are the same value, however they are written
/// (`1_200` and `1200`, `'a'` and `"a"`, comments around them).
fn same_value(a: &toml_edit::Value, b: &toml_edit::Value) -> bool {
    use toml_edit::Value as V;
    match (a, b) {
        (V::String(x), V::String(y)) => x.value() == y.value(),
        (V::Integer(x), V::Integer(y)) => x.value() == y.value(),
        (V::Integer(_) | V::Float(_), V::Integer(_) | V::Float(_)) => {
            let num = |v: &V| v.as_float().or_else(|| v.as_integer().map(|n| n as f64));
            num(a) == num(b)
        }
        (V::Datetime(x), V::Datetime(y)) => x.value() == y.value(),
        (V::Boolean(x), V::Boolean(y)) => x.value() == y.value(),
        (V::Array(x), V::Array(y)) => x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| same_value(a, b)),
        _ => false,
    }
}

/// A file with the row's fields set in its front matter; everything else
/// (other fields, comments, line ends, the body) stays as it is.
fn update(text: &str, row: &Row) -> Result<(String, Vec<&'static str>), String> {
    let split =
        crate::load::frontmatter::split(text).map_err(|_| "its `+++` front matter cannot be found".to_string())?;
    let front = &text[split.front_matter.clone()];
    let crlf = front.contains("\r\n");
    let mut doc: toml_edit::DocumentMut = front.parse().map_err(|e: toml_edit::TomlError| e.to_string())?;
    let mut fields = Vec::new();
    for field in Field::ALL {
        let Some(value) = row.values.get(&field) else { continue };
        let old = doc.get(field.key()).and_then(|i| i.as_value());
        if old.is_some_and(|old| same_value(old, value)) {
            continue;
        }
        let mut value = value.clone();
        if let Some(old) = old {
            // Keep the comment after the old value, and its spacing.
            *value.decor_mut() = old.decor().clone();
        }
        doc[field.key()] = toml_edit::Item::Value(value);
        fields.push(field.key());
    }
    if fields.is_empty() {
        return Ok((text.to_string(), fields));
    }
    let mut new_front = doc.to_string();
    if crlf {
        new_front = new_front.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    let (head, tail) = (&text[..split.front_matter.start], &text[split.front_matter.end..]);
    Ok((format!("{head}{new_front}{tail}"), fields))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(csv: &str) -> Plan {
        plan_projects(csv.as_bytes(), &Options::default(), &Site::default()).unwrap()
    }

    #[test]
    fn cells_are_read_the_way_spreadsheets_write_them() {
        assert_eq!(number("£1,234.50").unwrap().0, 1234.5);
        assert_eq!(number("$2.5m").unwrap(), (2_500_000.0, true, None));
        assert_eq!(number("£2.01m").unwrap().0, 2_010_000.0);
        assert_eq!(number("(300)").unwrap().0, -300.0);
        assert_eq!(
            number("10 - 20").unwrap(),
            (15.0, false, Some("the range `10 - 20` was taken as its midpoint".into()))
        );
        assert_eq!(number("10-20k").unwrap().0, 15_000.0);
        assert!(number("tbc").is_err());
        assert!(number("50%").is_err());
        assert!(date("31/03/26").unwrap_err().contains("four-digit year"));
        assert_eq!(date("31/03/2026").unwrap(), NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
        assert_eq!(date("2026-03-31").unwrap(), NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
        assert_eq!(date("1 Apr 2027").unwrap(), NaiveDate::from_ymd_opt(2027, 4, 1).unwrap());
        assert_eq!(date("March 2028").unwrap(), NaiveDate::from_ymd_opt(2028, 3, 1).unwrap());
        assert!(date("soon").is_err());
        assert_eq!(rag("Amber/Red").unwrap(), Some("amber"));
        assert_eq!(rag("GREEN").unwrap(), Some("green"));
        assert_eq!(rag("Exempt").unwrap(), None);
        assert!(rag("purple").is_err());
        assert_eq!(status("In Progress").unwrap(), "active");
        assert_eq!(status("On hold").unwrap(), "paused");
        assert_eq!(id_of("HS2 — Phase 2a (Fradley–Crewe)"), "hs2-phase-2a-fradley-crewe");
        assert_eq!(id_of("Café Réseau"), "cafe-reseau");
        assert_eq!(title_case("NEW HOSPITAL PROGRAMME FOR THE NORTH"), "New Hospital Programme for the North");
        assert_eq!(title_case("Keep Me"), "Keep Me");
        assert_eq!(decode(b"\xEF\xBB\xBFa"), "a");
        assert_eq!((column_letter(1), column_letter(26), column_letter(27)), ("A".into(), "Z".into(), "AA".into()));
        assert_eq!(decode(b"caf\xe9 \x80"), "café €");
    }

    #[test]
    fn headers_are_recognised_with_units() {
        let plan = plan(
            "Project Name,Department,SRO,Whole Life Cost (£m),IPA Delivery Confidence Assessment,Notes\nA,Dept of X,Jo,1.5,Amber,x\n",
        );
        assert_eq!(plan.columns[3], "Whole Life Cost (£m) → budget × 1000000");
        assert_eq!(plan.columns[5], "Notes → (not imported)");
        let file = &plan.changes[0];
        assert_eq!(file.path, "content/projects/dept-of-x/a.md");
        assert!(file.after.contains("budget = 1500000"), "{}", file.after);
        assert!(file.after.contains("sponsor = \"Jo\""));
        assert!(file.after.contains("rag = \"amber\""));
        assert_eq!(plan.changes[1].path, "content/teams/dept-of-x.toml", "the team is created");
    }

    #[test]
    fn bad_cells_are_reported_and_the_rest_imported() {
        let plan = plan("Title,Start Date,Budget,RAG\nA,31/13/2026,12,Green\n,2026-01-01,1,Red\nA,2026-01-01,x,Blue\n");
        let messages: Vec<String> =
            plan.problems.iter().map(|p| format!("{}:{:?}:{}", p.row, p.column, p.message)).collect();
        assert!(messages[0].starts_with("2:Some(2):`31/13/2026` is not a date"), "{messages:?}");
        assert!(messages.iter().any(|m| m.starts_with("3:Some(1):the project has no name")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("row 2 has the same name; this one gets the id `a-2`")));
        assert!(messages.iter().any(|m| m.starts_with("4:Some(3):`x` is not a number")));
        assert!(messages.iter().any(|m| m.starts_with("4:Some(4):`Blue` is not a RAG")));
        assert_eq!(plan.changes.len(), 2, "rows 2 and 4 are imported");
    }

    #[test]
    fn a_reimport_changes_only_its_fields_and_keeps_the_rest() {
        let text = "+++\r\ntitle = 'A'\r\n# kept comment\r\nbudget = 1_000 # approved\r\ndecision = \"stop\"\r\n+++\r\n\r\nHand-written body.\r\n";
        let existing = Existing { path: "content/projects/x/a.md".into(), text: text.into() };
        let site = Site { projects: HashMap::from([("a".to_string(), existing)]), ..Site::default() };
        let same = plan_projects(b"Title,Budget\nA,1000\n", &Options::default(), &site).unwrap();
        assert_eq!((same.changes.len(), same.unchanged), (0, 1), "the same values, however written");
        let changed = plan_projects(b"Title,Budget\nA,1200\n", &Options::default(), &site).unwrap();
        let change = &changed.changes[0];
        assert_eq!(change.fields, ["budget"]);
        assert_eq!(change.after, text.replace("budget = 1_000 # approved", "budget = 1200 # approved"));
    }

    #[test]
    fn teams_are_found_by_title_and_unknown_objectives_reported() {
        let site = Site {
            teams: vec![Team { id: "ho".into(), title: "Home Office".into() }],
            objectives: vec!["secure-borders".into()],
            ..Site::default()
        };
        let csv = b"Title,Department,Objectives,Start,End\nA,HOME OFFICE,secure-borders; Faster visas,2026-01-01,2025-01-01\n";
        let plan = plan_projects(csv, &Options::default(), &site).unwrap();
        let file = &plan.changes[0].after;
        assert!(file.contains("team = \"ho\""), "{file}");
        assert!(file.contains("objectives = [\"secure-borders\"]"), "{file}");
        assert!(!file.contains("end ="), "an end before the start is left out");
        assert_eq!(plan.changes.len(), 1, "no team is created");
        let messages: Vec<&str> = plan.problems.iter().map(|p| p.message.as_str()).collect();
        assert!(messages.iter().any(|m| m.starts_with("no objective has the id `Faster visas`")), "{messages:?}");
        assert!(messages.iter().any(|m| m.starts_with("the end date is before the start date")), "{messages:?}");
    }

    #[test]
    fn title_rows_above_the_header_are_passed_over() {
        let csv =
            "Government Major Projects Portfolio,,\nAnnual report 2024,,\n,,\nProject Name,Department,Budget\nA,X,1\n";
        let plan = plan(csv);
        assert_eq!(plan.columns[0], "Project Name → title");
        assert_eq!(plan.changes[0].row, 5, "rows are numbered as the spreadsheet shows them");
        assert_eq!(plan.problems[0].message, "row 4 holds the column names; the rows above it are not imported");
    }

    #[test]
    fn explicit_mappings_win() {
        let mapping: Mapping = "Cost=budget*1000".parse().unwrap();
        let options = Options { mappings: vec![mapping, "Name=".parse().unwrap()], title_case: true };
        let plan = plan_projects(b"Name,Cost,Scheme\nx,2,BIG SCHEME\n", &options, &Site::default());
        assert!(matches!(plan, Err(ImportError::NoTitle)), "Name is ignored and nothing else names projects");
        let options = Options {
            mappings: vec!["Scheme=title".parse().unwrap(), "Cost=budget*1000".parse().unwrap()],
            title_case: true,
        };
        let plan = plan_projects(b"Name,Cost,Scheme\nx,2,BIG SCHEME\n", &options, &Site::default()).unwrap();
        assert!(plan.changes[0].after.contains("title = \"Big Scheme\""), "{}", plan.changes[0].after);
        assert!(plan.changes[0].after.contains("budget = 2000"));
        assert!("Cost=budgte".parse::<Mapping>().unwrap_err().contains("not a field"));
    }
}
