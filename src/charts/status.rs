//! Status over time: how many projects reported green, amber and red at
//! each check-in, stacked, so drift shows.

use chrono::NaiveDate;
use plotters::prelude::*;

use super::key::{Key, Mark, rag_mark};
use super::{Chart, ChartStyle, DataTable, finish};
use crate::model::Rag;

/// Reported status counts on one date.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusCount {
    /// Check-in date.
    pub date: NaiveDate,
    /// Projects at each rating, in the order of [`Rag::ALL`] (best first).
    pub counts: [usize; 5],
}

impl StatusCount {
    /// No project counted yet.
    pub fn new(date: NaiveDate) -> StatusCount {
        StatusCount { date, counts: [0; 5] }
    }

    /// Projects at `rag`.
    pub fn of(&self, rag: Rag) -> usize {
        self.counts[rag as usize]
    }

    fn total(&self) -> usize {
        self.counts.iter().sum()
    }
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
    let (was, now) = (first.of(Rag::Red), last.of(Rag::Red));
    let title = if now > was {
        format!("Red projects rose from {was} to {now} between {from} and {to}")
    } else if now < was {
        format!("Red projects fell from {was} to {now} between {from} and {to}")
    } else if now == 1 {
        format!("1 project red on {to}, as on {from}")
    } else {
        format!("{now} projects red on {to}, as on {from}")
    };
    // Only the ratings reported: three-colour portfolios see three.
    let used: Vec<Rag> = Rag::ALL.into_iter().filter(|r| counts.iter().any(|c| c.of(*r) > 0)).collect();
    let capital = |rag: Rag| {
        let label = rag.label();
        label[..1].to_uppercase() + &label[1..]
    };
    let table = DataTable {
        headers: std::iter::once("Date".to_string()).chain(used.iter().map(|r| capital(*r))).collect(),
        rows: counts
            .iter()
            .map(|c| std::iter::once(day(c.date)).chain(used.iter().map(|r| c.of(*r).to_string())).collect())
            .collect(),
        more: 0,
    };
    let description = format!(
        "Stacked bars of projects by reported status at each check-in, best at the bottom: {}",
        counts
            .iter()
            .map(|c| {
                let parts: Vec<String> = used.iter().map(|r| format!("{} {}", c.of(*r), r.label())).collect();
                format!("{}: {}", day(c.date), parts.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    );
    let max = counts.iter().map(StatusCount::total).max().unwrap_or(1).max(1) as f64;
    let n = counts.len() as f64;
    let key = Key::new(
        used.iter()
            .map(|r| {
                let (shape, colour) = rag_mark(style, *r);
                let label = if *r == Rag::Red { "red (top of each bar)".to_string() } else { r.label().to_string() };
                (label, Mark::Shape(shape, colour, true))
            })
            .collect(),
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
        let dates: Vec<String> = counts.iter().map(|c| c.date.format("%-d %b").to_string()).collect();
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
            for rag in Rag::ALL {
                let (count, (_, colour)) = (c.of(rag), rag_mark(style, rag));
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
                    let half =
                        style.metrics.width(&count.to_string(), super::drawn_size(f64::from(style.font_size - 2)))
                            / 2.0;
                    root.draw(&Text::new(
                        count.to_string(),
                        (px - half.round() as i32, py - 6),
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
