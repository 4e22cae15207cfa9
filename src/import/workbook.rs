//! Excel and OpenDocument workbooks as rows of text, the way a CSV file
//! would give them: one sheet, its rows numbered and its columns placed as
//! the spreadsheet shows them, dates written as ISO dates.

use std::io::Cursor;

use calamine::{Data, DataType, Reader, open_workbook_auto_from_rs};

use super::ImportError;

/// File extensions read as workbooks rather than CSV.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// A sheet's rows: (row number as the spreadsheet shows it, cells from
/// column A).
pub type Rows = Vec<(usize, Vec<String>)>;

/// Reads one sheet of a workbook: `sheet` by name (any case), else the
/// first. Empty rows are left out; their numbers are kept by the others.
pub fn read(bytes: Vec<u8>, sheet: Option<&str>) -> Result<Rows, ImportError> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| ImportError::Workbook(e.to_string()))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names.iter().find(|n| n.eq_ignore_ascii_case(wanted.trim())).cloned().ok_or_else(|| {
            ImportError::NoSheet { name: wanted.to_string(), sheets: names.iter().map(|n| format!("`{n}`")).collect() }
        })?,
        None => names.first().cloned().ok_or_else(|| ImportError::Workbook("the workbook has no sheets".into()))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| ImportError::Workbook(e.to_string()))?;
    let Some((top, left)) = range.start() else { return Ok(Vec::new()) };
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let mut cells: Vec<String> = vec![String::new(); left as usize];
        cells.extend(row.iter().map(text));
        if cells.iter().any(|c| !c.trim().is_empty()) {
            rows.push((top as usize + i + 1, cells));
        }
    }
    Ok(rows)
}

/// A cell as the text a CSV export of it would hold.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        // Whole numbers without a decimal point: 12000000, not 12000000.0.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(_) | Data::DateTimeIso(_) => match cell.as_date() {
            Some(day) => day.format("%Y-%m-%d").to_string(),
            None => cell.to_string(),
        },
        Data::DurationIso(s) => s.clone(),
    }
}
