//! Status over time: how many projects reported green, amber and red at
//! each check-in, stacked, so drift shows.

use chrono::NaiveDate;
use plotters::prelude::*;

use super::{Chart, ChartStyle, DataTable, finish};

/// Reported status counts on one date.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusCount {
    /// Check-in date.
    pub date: NaiveDate,
    /// Projects green.
    pub green: usize,
    /// Projects amber.
    pub amber: usize,
    /// Projects red.
    pub red: usize,
}

/// Dates beyond this many are thinned to the latest ones.
pub const MAX_DATES: usize = 26;

/// Draws the stacked bars.
pub fn status_over_time(counts: &[StatusCount], style: &ChartStyle) -> Chart {
    const ID: &str = "status-over-time";
    if counts.is_empty() {
        return Chart::empty(ID, "Status over time", "No check-in has reported a project status yet.");
    }
    let counts = &counts[counts.len().saturating_sub(MAX_DATES)..];
    let (first, last) = (&counts[0], &counts[counts.len() - 1]);
    let title = if last.red > first.red {
        format!("Red projects rose from {} to {} between {} and {}", first.red, last.red, first.date, last.date)
    } else if last.red < first.red {
        format!("Red projects fell from {} to {} between {} and {}", first.red, last.red, first.date, last.date)
    } else {
        format!("{} projects red on {}, as on {}", last.red, last.date, first.date)
    };
    let table = DataTable {
        headers: vec!["Date".into(), "Green".into(), "Amber".into(), "Red".into()],
        rows: counts
            .iter()
            .map(|c| vec![c.date.to_string(), c.green.to_string(), c.amber.to_string(), c.red.to_string()])
            .collect(),
        more: 0,
    };
    let description = format!(
        "Stacked bars of projects by reported status at each check-in: {}",
        counts
            .iter()
            .map(|c| format!("{}: {} green, {} amber, {} red", c.date, c.green, c.amber, c.red))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let max = counts.iter().map(|c| c.green + c.amber + c.red).max().unwrap_or(1).max(1) as f64;
    let n = counts.len() as f64;
    let mut svg = String::new();
    let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(&mut svg, (style.width, 300)).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin(14)
            .margin_top(40)
            .x_label_area_size(30)
            .y_label_area_size(44)
            .build_cartesian_2d(0f64..n, 0f64..max * 1.08)?;
        let dates: Vec<String> = counts.iter().map(|c| c.date.format("%d %b").to_string()).collect();
        let mut mesh = chart.configure_mesh();
        style.mesh(&mut mesh);
        mesh.disable_x_mesh()
            .x_labels(0)
            .y_labels(5)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .y_desc("projects")
            .draw()?;
        let step = (counts.len() / 10).max(1);
        for (i, c) in counts.iter().enumerate() {
            let x = i as f64;
            let mut base = 0.0;
            for (count, colour) in [(c.green, style.good), (c.amber, style.warn), (c.red, style.bad)] {
                if count == 0 {
                    continue;
                }
                let top = base + count as f64;
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x + 0.15, base), (x + 0.85, top)],
                    colour.filled(),
                )))?;
                let (px, py) = chart.backend_coord(&(x + 0.5, (base + top) / 2.0));
                if count as f64 >= max * 0.06 {
                    root.draw(&Text::new(
                        count.to_string(),
                        (px - 4, py - 6),
                        style.font(style.font_size - 2).color(&WHITE),
                    ))?;
                }
                base = top;
            }
            if i % step == 0 || i + 1 == counts.len() {
                let (px, py) = chart.backend_coord(&(x + 0.5, 0.0));
                root.draw(&Text::new(
                    dates[i].clone(),
                    (px - 18, py + 8),
                    style.font(style.font_size - 2).color(&style.muted),
                ))?;
            }
        }
        let mut x = 14;
        for (label, colour) in
            [("● green", style.good), ("▲ amber", style.warn), ("■ red (top of each bar)", style.bad)]
        {
            root.draw(&Rectangle::new([(x, 12), (x + 14, 24)], colour.filled()))?;
            root.draw(&Text::new(label, (x + 20, 11), style.font(style.font_size - 1).color(&style.text)))?;
            x += 40 + 8 * label.chars().count() as i32;
        }
        root.present()?;
        Ok(())
    })();
    if drawn.is_err() {
        return Chart::empty(ID, &title, "The chart could not be drawn.");
    }
    Chart { id: ID.into(), svg: finish(svg, ID, &title, &description, &[]), title, description, empty: None, table }
}
