//! Alignment matrix: priorities against teams, each cell shaded by the
//! open budget a team spends on a priority. Empty rows and columns are the
//! gaps and are called out in words.

use plotters::prelude::*;

use super::{Chart, ChartStyle, DataTable, draw_label, finish};

/// The matrix's data.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixData {
    /// Row names (priorities).
    pub rows: Vec<String>,
    /// Column names (teams).
    pub columns: Vec<String>,
    /// `cells[row][column]`: amount.
    pub cells: Vec<Vec<f64>>,
}

/// Columns beyond this are summed into "other teams".
pub const MAX_COLUMNS: usize = 10;

/// Draws the matrix; `format` turns an amount into text.
pub fn alignment_matrix(data: &MatrixData, format: &dyn Fn(f64) -> String, style: &ChartStyle) -> Chart {
    const ID: &str = "alignment-matrix";
    if data.rows.is_empty() || data.columns.is_empty() {
        return Chart::empty(ID, "Alignment matrix", "It needs priorities and teams, and projects linking them.");
    }
    // Keep the biggest teams; sum the rest.
    let mut order: Vec<usize> = (0..data.columns.len()).collect();
    let column_total = |c: usize| data.rows.iter().enumerate().map(|(r, _)| data.cells[r][c]).sum::<f64>();
    order.sort_by(|a, b| {
        column_total(*b).total_cmp(&column_total(*a)).then_with(|| data.columns[*a].cmp(&data.columns[*b]))
    });
    let mut columns: Vec<String> = order.iter().take(MAX_COLUMNS).map(|c| data.columns[*c].clone()).collect();
    let mut cells: Vec<Vec<f64>> =
        data.cells.iter().map(|row| order.iter().take(MAX_COLUMNS).map(|c| row[*c]).collect()).collect();
    if order.len() > MAX_COLUMNS {
        columns.push(format!("{} other teams", order.len() - MAX_COLUMNS));
        for (r, row) in cells.iter_mut().enumerate() {
            row.push(order[MAX_COLUMNS..].iter().map(|c| data.cells[r][*c]).sum());
        }
    }
    let empty_rows: Vec<&str> =
        data.rows.iter().zip(&cells).filter(|(_, r)| r.iter().all(|v| *v <= 0.0)).map(|(n, _)| n.as_str()).collect();
    let empty_columns: Vec<&str> = columns
        .iter()
        .enumerate()
        .filter(|(c, _)| cells.iter().all(|r| r[*c] <= 0.0))
        .map(|(_, n)| n.as_str())
        .collect();
    let title = match (empty_rows.as_slice(), empty_columns.len()) {
        ([], 0) => "Every priority has a team working on it".to_string(),
        ([one], _) => format!("No team works on {one}"),
        (many, _) if !many.is_empty() => format!("{} priorities have no team working on them", many.len()),
        _ if empty_columns.len() == 1 => format!("{} works on no priority", empty_columns[0]),
        _ => format!("{} teams work on no priority", empty_columns.len()),
    };
    let max = cells.iter().flatten().fold(0.0f64, |m, v| m.max(*v)).max(1e-9);
    let mut table = DataTable {
        headers: std::iter::once("Priority".to_string()).chain(columns.iter().cloned()).collect(),
        rows: Vec::new(),
        more: 0,
    };
    for (name, row) in data.rows.iter().zip(&cells) {
        table.rows.push(
            std::iter::once(name.clone())
                .chain(row.iter().map(|v| if *v > 0.0 { format(*v) } else { "—".into() }))
                .collect(),
        );
    }
    let description = format!(
        "Open budget by priority (rows) and delivering team (columns). {}{}",
        if empty_rows.is_empty() {
            String::new()
        } else {
            format!("Priorities with no work: {}. ", empty_rows.join(", "))
        },
        if empty_columns.is_empty() {
            String::new()
        } else {
            format!("Teams serving no priority: {}.", empty_columns.join(", "))
        }
    );
    let label_w = 200i32;
    let cell_w = ((style.width as i32 - label_w - 20) / columns.len() as i32).clamp(40, 120);
    let cell_h = 40i32;
    let header_h = 160i32;
    let width = (label_w + cell_w * columns.len() as i32 + 20) as u32;
    let height = (header_h + cell_h * data.rows.len() as i32 + 40) as u32;
    let mut labels = Vec::new();
    let mut svg = String::new();
    let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        for (c, name) in columns.iter().enumerate() {
            let x = label_w + c as i32 * cell_w + cell_w / 2;
            // Read upwards, in two lines when the cell is wide enough.
            let size = super::drawn_size(f64::from(style.font_size - 1));
            let line_h = (size * 1.25).round() as i32;
            let lines = if cell_w >= 2 * line_h + 8 { 2 } else { 1 };
            let fitted = style.metrics.fit(name, f64::from(header_h - 16), size, lines);
            if fitted.cut {
                labels.push((fitted.lines.last().cloned().unwrap_or_default(), name.clone()));
            }
            let empty = empty_columns.contains(&name.as_str());
            let font = style.font(style.font_size - 1).transform(FontTransform::Rotate270).color(if empty {
                &style.bad
            } else {
                &style.text
            });
            let n = fitted.lines.len() as i32;
            for (k, line) in fitted.lines.into_iter().enumerate() {
                let at = x - 6 - (n - 1) * line_h / 2 + k as i32 * line_h;
                root.draw(&Text::new(line, (at, header_h - 6), font.clone()))?;
            }
        }
        for (r, name) in data.rows.iter().enumerate() {
            let y = header_h + r as i32 * cell_h;
            let empty = empty_rows.contains(&name.as_str());
            let colour = if empty { &style.bad } else { &style.text };
            let label = if empty { format!("{name} ▲") } else { name.clone() };
            let font = style.font(style.font_size).color(colour);
            draw_label(&root, style, &label, (6, y + cell_h / 2), f64::from(label_w - 16), 2, font, &mut labels)?;
            for (c, value) in cells[r].iter().enumerate() {
                let x = label_w + c as i32 * cell_w;
                if *value > 0.0 {
                    let strength = 0.15 + 0.85 * (value / max);
                    root.draw(&Rectangle::new(
                        [(x + 1, y + 1), (x + cell_w - 1, y + cell_h - 1)],
                        style.primary.mix(strength).filled(),
                    ))?;
                    let text_colour = if strength > 0.55 { WHITE } else { style.text };
                    root.draw(&Text::new(
                        format(*value),
                        (x + 5, y + 13),
                        style.font(style.font_size - 2).color(&text_colour),
                    ))?;
                } else {
                    root.draw(&Rectangle::new(
                        [(x + 1, y + 1), (x + cell_w - 1, y + cell_h - 1)],
                        style.grid.stroke_width(1),
                    ))?;
                }
            }
        }
        root.draw(&Text::new(
            "▲ in red: a priority no team works on, or a team serving no priority",
            (6, height as i32 - 24),
            style.font(style.font_size - 2).color(&style.muted),
        ))?;
        root.present()?;
        Ok(())
    })();
    if drawn.is_err() {
        return Chart::empty(ID, &title, "The chart could not be drawn.");
    }
    Chart { id: ID.into(), svg: finish(svg, ID, &title, &description, &labels), title, description, empty: None, table }
}
