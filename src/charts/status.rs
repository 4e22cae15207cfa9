//! Status over time: how many projects reported green, amber and red at
//! each check-in, stacked, so drift shows.

use chrono::NaiveDate;
use plotters::prelude::*;

use super::key::{Key, Mark, Shape};
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
    let day = |d: NaiveDate| d.format("%-d %b %Y").to_string();
    let (from, to) = (day(first.date), day(last.date));
    let title = if last.red > first.red {
        format!("Red projects rose from {} to {} between {from} and {to}", first.red, last.red)
    } else if last.red < first.red {
        format!("Red projects fell from {} to {} between {from} and {to}", first.red, last.red)
    } else if last.red == 1 {
        format!("1 project red on {to}, as on {from}")
    } else {
        format!("{} projects red on {to}, as on {from}", last.red)
    };
    let table = DataTable {
        headers: vec!["Date".into(), "Green".into(), "Amber".into(), "Red".into()],
        rows: counts
            .iter()
            .map(|c| vec![day(c.date), c.green.to_string(), c.amber.to_string(), c.red.to_string()])
            .collect(),
        more: 0,
    };
    let description = format!(
        "Stacked bars of projects by reported status at each check-in: {}",
        counts
            .iter()
            .map(|c| format!("{}: {} green, {} amber, {} red", day(c.date), c.green, c.amber, c.red))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let max = counts.iter().map(|c| c.green + c.amber + c.red).max().unwrap_or(1).max(1) as f64;
    let n = counts.len() as f64;
    let key = Key::new(
        vec![
            ("green".to_string(), Mark::Shape(Shape::Circle, style.good, true)),
            ("amber".to_string(), Mark::Shape(Shape::Triangle, style.warn, true)),
            ("red (top of each bar)".to_string(), Mark::Shape(Shape::Square, style.bad, true)),
        ],
        style,
    );
    let mut svg = String::new();
    let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(&mut svg, (style.width, 280 + key.height as u32)).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin(14)
            .margin_top(20 + key.height as u32)
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
                let half = style.metrics.width(&dates[i], super::drawn_size(f64::from(style.font_size - 2))) / 2.0;
                root.draw(&Text::new(
                    dates[i].clone(),
                    (px - half.round() as i32, py + 8),
                    style.font(style.font_size - 2).color(&style.muted),
                ))?;
            }
        }
        key.draw(&root, style, 0)?;
        root.present()?;
        Ok(())
    })();
    if drawn.is_err() {
        return Chart::empty(ID, &title, "The chart could not be drawn.");
    }
    Chart { id: ID.into(), svg: finish(svg, ID, &title, &description, &[]), title, description, empty: None, table }
}
