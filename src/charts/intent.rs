//! Intent vs reality: each priority's intended share of investment against
//! its actual share of open budget and FTE, sorted by the size of the drift.

use plotters::prelude::*;

use super::key::{Key, Mark};
use super::{Chart, ChartStyle, DataTable, UNALIGNED, draw_label, finish};

/// One priority.
#[derive(Debug, Clone, PartialEq)]
pub struct IntentRow {
    /// Priority title.
    pub name: String,
    /// Intended share, percent (0–100).
    pub intended: Option<f64>,
    /// Actual share of open budget, percent.
    pub budget: f64,
    /// Actual share of open FTE, percent.
    pub fte: f64,
}

/// Rows beyond this are summed into "Other".
pub const MAX_ROWS: usize = 12;

fn pct(v: f64) -> String {
    format!("{v:.0}%")
}

/// Draws the chart; `unaligned` is the share of open budget serving no
/// current objective (shown as its own row so the total adds up).
pub fn intent_vs_reality(rows: &[IntentRow], unaligned: Option<f64>, style: &ChartStyle) -> Chart {
    const ID: &str = "intent-vs-reality";
    if rows.is_empty() {
        return Chart::empty(ID, "Intent vs reality", "There are no priorities to compare spend with.");
    }
    let mut rows: Vec<IntentRow> = rows.to_vec();
    let drift = |r: &IntentRow| r.intended.map_or(0.0, |i| r.budget - i);
    rows.sort_by(|a, b| drift(b).abs().total_cmp(&drift(a).abs()).then_with(|| a.name.cmp(&b.name)));
    if rows.len() > MAX_ROWS {
        let rest = rows.split_off(MAX_ROWS - 1);
        rows.push(IntentRow {
            name: format!("Other ({} priorities)", rest.len()),
            intended: Some(rest.iter().filter_map(|r| r.intended).sum()),
            budget: rest.iter().map(|r| r.budget).sum(),
            fte: rest.iter().map(|r| r.fte).sum(),
        });
    }
    if let Some(u) = unaligned.filter(|u| *u > 0.0) {
        rows.push(IntentRow { name: UNALIGNED.into(), intended: Some(0.0), budget: u, fte: 0.0 });
    }
    let worst = rows
        .iter()
        .filter(|r| r.intended.is_some() && r.name != UNALIGNED)
        .min_by(|a, b| drift(a).total_cmp(&drift(b)));
    let title = match worst {
        Some(w) if drift(w) <= -5.0 => format!(
            "{} gets {} of open spend against an intended {}",
            w.name,
            pct(w.budget),
            pct(w.intended.unwrap_or(0.0))
        ),
        Some(_) => "Spend follows the intended weights within 5 points".to_string(),
        None => "Actual share of open spend by priority (no intended weights set)".to_string(),
    };
    let description = format!(
        "Bars per priority: intended share of investment, actual share of open budget and of open FTE, in percent. {}",
        rows.iter()
            .map(|r| format!(
                "{}: intended {}, budget {}, FTE {}",
                r.name,
                r.intended.map_or("not set".into(), pct),
                pct(r.budget),
                pct(r.fte)
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let table = DataTable {
        headers: vec![
            "Priority".into(),
            "Intended".into(),
            "Share of budget".into(),
            "Share of FTE".into(),
            "Drift (budget)".into(),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.name.clone(),
                    r.intended.map_or("—".into(), pct),
                    pct(r.budget),
                    pct(r.fte),
                    r.intended.map_or("—".into(), |i| format!("{:+.0} pts", r.budget - i)),
                ]
            })
            .collect(),
        more: 0,
    };
    let mut labels = Vec::new();
    let mut svg = String::new();
    let row_h = 46u32;
    let height = 70 + row_h * rows.len() as u32 + 40;
    let max_x = rows.iter().flat_map(|r| [r.intended.unwrap_or(0.0), r.budget, r.fte]).fold(10.0f64, f64::max) * 1.15;
    let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(&mut svg, (style.width, height)).into_drawing_area();
        let n = rows.len() as f64;
        let mut chart = ChartBuilder::on(&root)
            .margin_top(44)
            .margin_right(24)
            .margin_left(8)
            .x_label_area_size(36)
            .y_label_area_size(LABEL_AREA)
            .build_cartesian_2d(0f64..max_x, 0f64..n)?;
        let mut mesh = chart.configure_mesh();
        style.mesh(&mut mesh);
        mesh.disable_y_mesh()
            .y_labels(0)
            .x_labels(6)
            .x_label_formatter(&|v| format!("{v:.0}%"))
            .x_desc("share, %")
            .draw()?;
        let bars = [(0.12, 0.36, style.neutral), (0.38, 0.62, style.primary), (0.64, 0.88, style.secondary)];
        for (i, r) in rows.iter().enumerate() {
            let top = n - i as f64;
            let values = [r.intended, Some(r.budget), Some(r.fte)];
            for ((from, to, colour), value) in bars.iter().zip(values) {
                let Some(v) = value else { continue };
                let (y0, y1) = (top - to, top - from);
                chart.draw_series(std::iter::once(Rectangle::new([(0.0, y0), (v, y1)], colour.filled())))?;
                let (px, py) = chart.backend_coord(&(v, (y0 + y1) / 2.0));
                root.draw(&Text::new(pct(v), (px + 4, py - 6), style.font(style.font_size - 2).color(&style.text)))?;
            }
            let (_, py) = chart.backend_coord(&(0.0, top - 0.5));
            let bold = drift(r).abs() >= 10.0;
            let weight = if bold { FontStyle::Bold } else { FontStyle::Normal };
            let font = style.font(style.font_size).style(weight).color(&style.text);
            // Bold runs wider than the regular widths measured.
            let room = if bold { LABEL_ROOM * 0.9 } else { LABEL_ROOM };
            draw_label(&root, style, &r.name, (14, py), room, 2, font, &mut labels)?;
        }
        // The key, with the same colours as the bars.
        let key = [("intended", style.neutral), ("actual: budget", style.primary), ("actual: FTE", style.secondary)];
        Key::new(key.map(|(label, colour)| (label.to_string(), Mark::Swatch(colour))).to_vec(), style)
            .draw(&root, style, 6)?;
        root.present()?;
        Ok(())
    })();
    if drawn.is_err() {
        return Chart::empty(ID, &title, "The chart could not be drawn.");
    }
    Chart { id: ID.into(), svg: finish(svg, ID, &title, &description, &labels), title, description, empty: None, table }
}

/// The width of the priority names' column, and the room a name has in it.
const LABEL_AREA: u32 = 210;
const LABEL_ROOM: f64 = LABEL_AREA as f64 - 14.0 - 10.0;
