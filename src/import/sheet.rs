//! A CSV file as rows of named cells: the header row found, each column
//! matched to a field, rows numbered as the spreadsheet shows them.

use super::cells::{decode, normalise, unit_factor};
use super::{ImportError, Options, Plan, Problem};

/// A field a column can fill, and the headers that mean it.
pub(super) struct FieldSpec {
    /// Its key in front matter (and in `--map`).
    pub key: &'static str,
    /// Header names (normalised) that mean it.
    pub names: &'static [&'static str],
}

/// One row's cells that belong to a field (blank cells left out).
pub(super) struct SheetRow {
    /// The row as the spreadsheet numbers it (the first row is 1).
    pub number: usize,
    /// (field key, column (1-based), the cell trimmed, the column's factor).
    cells: Vec<(&'static str, usize, String, f64)>,
}

/// A cell of a row: where it is and what it holds.
#[derive(Clone, Copy)]
pub(super) struct Cell<'a> {
    /// 1-based column.
    pub column: usize,
    /// The text, trimmed.
    pub text: &'a str,
    /// What numbers in the column are multiplied by.
    pub factor: f64,
}

impl SheetRow {
    /// The cell filling `key`, if it is not blank.
    pub fn get(&self, key: &str) -> Option<Cell<'_>> {
        self.cells.iter().find(|c| c.0 == key).map(|(_, column, text, factor)| Cell {
            column: *column,
            text,
            factor: *factor,
        })
    }
}

/// A row as read: its number as the spreadsheet shows it, and its cells
/// (or why they could not be read).
pub(super) type Record = (usize, Result<Vec<String>, String>);

/// A CSV file's rows, each with the row number a spreadsheet shows.
pub(super) fn csv_records(bytes: &[u8]) -> Vec<Record> {
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(text.as_bytes());
    // Each record with the row number a spreadsheet shows: the csv reader
    // passes over empty lines, which are rows all the same.
    let mut records = Vec::new();
    let mut last: Option<(usize, u64, usize)> = None; // (row, start byte, line breaks inside)
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string());
        let start = match &record {
            // The reader's position is where it began reading, before the
            // empty lines it passed over.
            Ok(r) => {
                let at = r.position().map_or(0, |p| p.byte()) as usize;
                let rest = text.get(at..).unwrap_or("");
                (at + rest.len() - rest.trim_start_matches(['\r', '\n']).len()) as u64
            }
            Err(_) => last.map_or(0, |l| l.1),
        };
        let row = match last {
            None => 1 + line_breaks(&text[..start as usize]),
            Some((row, previous, inside)) => {
                let between = line_breaks(&text[previous as usize..start as usize]);
                row + between.saturating_sub(inside).max(1)
            }
        };
        let inside = record.as_ref().map_or(0, |r| r.iter().map(line_breaks).sum());
        last = Some((row, start, inside));
        records.push((row, record.map(|r| r.iter().map(str::to_string).collect())));
    }
    records
}

/// Reads the rows: the header is the first row (of the first ten)
/// with a column for `key` (a report often starts with a title and a blank
/// row). Fills in the plan's headers, columns and row-level problems.
pub(super) fn read(
    records: Vec<Record>,
    options: &Options,
    fields: &'static [FieldSpec],
    key: &'static str,
    plan: &mut Plan,
) -> Result<Vec<SheetRow>, ImportError> {
    for mapping in &options.mappings {
        if let Some(field) = &mapping.field
            && !fields.iter().any(|f| f.key == field)
        {
            let known: Vec<&str> = fields.iter().map(|f| f.key).collect();
            let known = match crate::diag::did_you_mean(field, known.iter().copied()) {
                Some(close) => format!("did you mean `{close}`? The fields are: {}", known.join(", ")),
                None => format!("use one of: {}", known.join(", ")),
            };
            return Err(ImportError::UnknownField { field: field.clone(), known });
        }
    }
    let explicit = |header: &str| options.mappings.iter().find(|m| m.header.eq_ignore_ascii_case(header.trim()));
    let names_key = |cell: &str| match explicit(cell) {
        Some(m) => m.field.as_deref() == Some(key),
        None => fields.iter().any(|f| f.key == key && f.names.contains(&normalise(cell).as_str())),
    };
    let header_index = records
        .iter()
        .take(10)
        .position(|(_, r)| r.as_ref().is_ok_and(|r| r.iter().any(|c| names_key(c))))
        .ok_or(ImportError::NoKeyColumn { key })?;
    let header_row = records[header_index].0;
    let headers: Vec<String> = match &records[header_index].1 {
        Ok(record) => record.clone(),
        Err(error) => return Err(ImportError::Csv(error.clone())),
    };
    // Which field each column fills, and by what factor. Fields mapped
    // explicitly are not guessed for other columns.
    plan.headers = headers.clone();
    let mut taken: Vec<&str> = headers.iter().filter_map(|h| explicit(h).and_then(|m| m.field.as_deref())).collect();
    let mut columns: Vec<Option<(&'static str, f64)>> = Vec::new();
    for header in &headers {
        let choice = match explicit(header) {
            Some(m) => m.field.as_deref().and_then(|k| fields.iter().find(|f| f.key == k)).map(|f| (f.key, m.factor)),
            None => {
                let name = normalise(header);
                let guess = fields.iter().find(|f| f.names.contains(&name.as_str()) && !taken.contains(&f.key));
                guess.map(|f| (f.key, unit_factor(header)))
            }
        };
        match choice {
            Some((field, factor)) => {
                taken.push(field);
                let scale = if factor != 1.0 { format!(" × {factor}") } else { String::new() };
                plan.columns.push(format!("{header} → {field}{scale}"));
            }
            None => plan.columns.push(format!("{header} → (not imported)")),
        }
        columns.push(choice);
        plan.fields.push(choice.map(|(field, _)| field));
    }
    if header_index > 0 {
        plan.problems.push(Problem {
            row: header_row,
            column: None,
            message: format!("row {header_row} holds the column names; the rows above it are not imported"),
            skipped: false,
        });
    }
    let mut rows = Vec::new();
    for (number, record) in records.into_iter().skip(header_index + 1) {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                plan.problems.push(Problem { row: number, column: None, message: e.to_string(), skipped: true });
                continue;
            }
        };
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if record.len() != headers.len() {
            plan.problems.push(Problem {
                row: number,
                column: None,
                message: format!(
                    "the row has {} cells but there are {} columns; a comma in a cell that is not quoted shifts the cells after it",
                    record.len(),
                    headers.len()
                ),
                skipped: false,
            });
        }
        let cells = record
            .iter()
            .enumerate()
            .filter_map(|(i, cell)| {
                let (field, factor) = columns.get(i).copied().flatten()?;
                // A cell defused against formulas on export (`'=…`) is read as written.
                let cell = cell.trim();
                let cell = cell
                    .strip_prefix('\'')
                    .filter(|rest| rest.starts_with(['=', '+', '-', '@', '\t', '\r']))
                    .unwrap_or(cell);
                (!cell.is_empty()).then(|| (field, i + 1, cell.to_string(), factor))
            })
            .collect();
        rows.push(SheetRow { number, cells });
    }
    Ok(rows)
}

fn line_breaks(text: &str) -> usize {
    text.matches('\n').count()
}

/// The column (1-based) that fills `key`, for problems about a field as a
/// whole.
pub(super) fn column_of(plan: &Plan, key: &str) -> Option<usize> {
    plan.fields.iter().position(|f| *f == Some(key)).map(|c| c + 1)
}
