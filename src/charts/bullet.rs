//! OKR bullet chart: each key result's progress against where the calendar
//! says it should be, and the target.

use plotters::prelude::*;

use super::{Chart, ChartStyle, DataTable, draw_label, finish};

/// One key result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BulletRow {
    /// Key result title.
    pub name: String,
    /// Progress towards target, 0–1.
    pub progress: Option<f64>,
    /// Where progress should be by now, 0–1.
    pub expected: Option<f64>,
    /// Health slug: on-track, at-risk, off-track, not-measured.
    pub health: &'static str,
    /// Health words: "on track", …
    pub label: &'static str,
}

/// Draws one bullet per key result. `id` keeps several on one page apart.
pub fn okr_bullets(id: &str, rows: &[BulletRow], style: &ChartStyle) -> Chart {
    if rows.is_empty() {
        return Chart::empty(id, "Key results", "This objective has no key results to chart.");
    }
    let behind = rows.iter().filter(|r| matches!(r.health, "at-risk" | "off-track")).count();
    let measured = rows.iter().filter(|r| r.progress.is_some()).count();
    // Once the period is over the calendar expects the target itself.
    let ended = rows.iter().all(|r| r.expected.is_some_and(|e| e >= 1.0));
    let title = match (behind, measured, ended) {
        (_, 0, _) => "None of the key results can be measured yet".to_string(),
        (0, _, false) => "Every measured key result keeps pace with the calendar".to_string(),
        (0, _, true) => "Every measured key result reached its target".to_string(),
        (b, _, false) => format!("{b} of {} key results are behind the calendar", rows.len()),
        (b, _, true) => format!("{b} of {} key results ended short of their target", rows.len()),
    };
    let pct = |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{:.0}%", v * 100.0));
    let description = rows
        .iter()
        .map(|r| format!("{}: {} of target, {} expected by now, {}", r.name, pct(r.progress), pct(r.expected), r.label))
        .collect::<Vec<_>>()
        .join("; ");
    let table = DataTable {
        headers: vec!["Key result".into(), "Progress".into(), "Expected by now".into(), "Status".into()],
        rows: rows
            .iter()
            .map(|r| vec![r.name.clone(), pct(r.progress), pct(r.expected), r.label.to_string()])
            .collect(),
        more: 0,
    };
    let row_h = 40u32;
    let height = 24 + row_h * rows.len() as u32 + 34;
    let mut svg = String::new();
    let mut labels = Vec::new();
    let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(&mut svg, (style.width, height)).into_drawing_area();
        let n = rows.len() as f64;
        let mut chart = ChartBuilder::on(&root)
            .margin_top(16)
            .margin_right(130)
            .margin_left(8)
            .x_label_area_size(30)
            .y_label_area_size(230)
            .build_cartesian_2d(0f64..1.0, 0f64..n)?;
        let mut mesh = chart.configure_mesh();
        style.mesh(&mut mesh);
        mesh.disable_y_mesh().y_labels(0).x_labels(5).x_label_formatter(&|v| format!("{:.0}%", v * 100.0)).draw()?;
        for (i, r) in rows.iter().enumerate() {
            let top = n - i as f64;
            let colour = match r.health {
                "on-track" => style.good,
                "at-risk" => style.warn,
                "off-track" => style.bad,
                _ => style.neutral,
            };
            chart.draw_series(std::iter::once(Rectangle::new(
                [(0.0, top - 0.7), (1.0, top - 0.3)],
                style.grid.filled(),
            )))?;
            if let Some(p) = r.progress {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, top - 0.66), (p, top - 0.34)],
                    colour.filled(),
                )))?;
            }
            if let Some(e) = r.expected {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(e - 0.003, top - 0.82), (e + 0.003, top - 0.18)],
                    style.text.filled(),
                )))?;
            }
            let (_, py) = chart.backend_coord(&(0.0, top - 0.5));
            // The label area less its margins; two lines fit a row.
            let font = style.font(style.font_size).color(&style.text);
            draw_label(&root, style, &r.name, (14, py), 206.0, 2, font, &mut labels)?;
            let (px, _) = chart.backend_coord(&(1.0, 0.0));
            let shape = match r.health {
                "on-track" => "●",
                "at-risk" => "▲",
                "off-track" => "■",
                _ => "○",
            };
            root.draw(&Text::new(
                format!("{shape} {} {}", pct(r.progress), r.label),
                (px + 10, py - 8),
                style.font(style.font_size - 1).color(&style.text),
            ))?;
        }
        root.present()?;
        Ok(())
    })();
    if drawn.is_err() {
        return Chart::empty(id, &title, "The chart could not be drawn.");
    }
    let description = format!("Progress bars to target, with a tick where each should be by now. {description}");
    Chart { id: id.into(), svg: finish(svg, id, &title, &description, &labels), title, description, empty: None, table }
}
