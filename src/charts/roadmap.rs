//! Roadmap: projects on a timeline grouped by priority, with today's line
//! and overdue work marked.

use chrono::NaiveDate;
use plotters::prelude::*;

use super::{Chart, ChartStyle, DataTable, UNALIGNED, draw_label, finish};

/// One project on the roadmap.
#[derive(Debug, Clone, PartialEq)]
pub struct RoadmapRow {
    /// Group heading (the priority, or "Unaligned work").
    pub group: String,
    /// Project title.
    pub name: String,
    /// Planned start.
    pub start: NaiveDate,
    /// Planned end.
    pub end: NaiveDate,
    /// Past its end and not done.
    pub overdue: bool,
    /// Status word.
    pub status: &'static str,
}

/// The timeline starts at most this many days before today, so one
/// long-running project does not squeeze everything else.
pub const LOOK_BACK_DAYS: u64 = 365;

/// Rows beyond this are listed in the table only.
pub const MAX_ROWS: usize = 80;

/// Draws the roadmap as of `today`.
pub fn roadmap(rows: &[RoadmapRow], today: NaiveDate, style: &ChartStyle) -> Chart {
    const ID: &str = "roadmap";
    if rows.is_empty() {
        return Chart::empty(ID, "Roadmap", "No open project has both a start and an end date.");
    }
    let mut rows: Vec<&RoadmapRow> = rows.iter().collect();
    // Groups in the order given (priority order), unaligned work last.
    let mut groups: Vec<&str> = Vec::new();
    for r in &rows {
        if !groups.contains(&r.group.as_str()) {
            groups.push(&r.group);
        }
    }
    let group_rank = |g: &str| (g == UNALIGNED, groups.iter().position(|x| *x == g));
    rows.sort_by(|a, b| {
        group_rank(&a.group).cmp(&group_rank(&b.group)).then(a.start.cmp(&b.start)).then(a.name.cmp(&b.name))
    });
    let overdue = rows.iter().filter(|r| r.overdue).count();
    let title = if overdue > 0 {
        format!("{overdue} of {} projects on the roadmap are past their end date", rows.len())
    } else {
        format!("{} projects on the roadmap, none past its end date", rows.len())
    };
    let table = DataTable {
        headers: vec!["Group".into(), "Project".into(), "Start".into(), "End".into(), "Status".into()],
        rows: rows
            .iter()
            .map(|r| {
                let status = if r.overdue { format!("{} (overdue)", r.status) } else { r.status.to_string() };
                vec![r.group.clone(), r.name.clone(), r.start.to_string(), r.end.to_string(), status]
            })
            .collect(),
        more: 0,
    };
    let description = format!(
        "Bars from planned start to end for {} projects, grouped by priority; the vertical line is today, {today}; overdue projects are marked ‘overdue’.",
        rows.len()
    );
    let shown: Vec<&RoadmapRow> = rows.iter().take(MAX_ROWS).copied().collect();
    let first = shown
        .iter()
        .map(|r| r.start)
        .min()
        .expect("not empty")
        .min(today)
        .max(today - chrono::Days::new(LOOK_BACK_DAYS));
    let last = shown.iter().map(|r| r.end).max().expect("not empty").max(today);
    let days = |d: NaiveDate| (d - first).num_days().max(0) as f64;
    let span = days(last).max(1.0);
    let mut lines: Vec<(Option<&str>, Option<&RoadmapRow>)> = Vec::new();
    let mut group: Option<&str> = None;
    for r in &shown {
        if group != Some(r.group.as_str()) {
            group = Some(r.group.as_str());
            lines.push((group, None));
        }
        lines.push((None, Some(r)));
    }
    let row_h = 22u32;
    let height = 60 + row_h * lines.len() as u32 + 20;
    let n = lines.len() as f64;
    let mut labels = Vec::new();
    let mut svg = String::new();
    let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(&mut svg, (style.width, height)).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .margin_top(24)
            .x_label_area_size(30)
            .y_label_area_size(LABEL_AREA)
            .build_cartesian_2d(0f64..span, 0f64..n)?;
        let x_label = |v: &f64| (first + chrono::Days::new(v.max(0.0) as u64)).format("%b %Y").to_string();
        let mut mesh = chart.configure_mesh();
        style.mesh(&mut mesh);
        mesh.disable_y_mesh().y_labels(0).x_labels(6).x_label_formatter(&x_label).draw()?;
        for (i, (heading, row)) in lines.iter().enumerate() {
            let top = n - i as f64;
            let (_, py) = chart.backend_coord(&(0.0, top - 0.5));
            if let Some(h) = heading {
                // A row is one line high; bold runs wider than measured.
                let font = style.font(style.font_size).style(FontStyle::Bold).color(&style.text);
                draw_label(&root, style, h, (12, py), (LABEL_AREA - 12 - 10) as f64 * 0.9, 1, font, &mut labels)?;
                continue;
            }
            let Some(r) = row else { continue };
            let font = style.font(style.font_size - 1).color(&style.text);
            draw_label(&root, style, &r.name, (24, py), (LABEL_AREA - 24 - 10) as f64, 1, font, &mut labels)?;
            let colour = if r.overdue {
                style.bad
            } else if r.status == "proposed" {
                style.neutral
            } else {
                style.primary
            };
            chart.draw_series(std::iter::once(Rectangle::new(
                [(days(r.start), top - 0.78), (days(r.end), top - 0.22)],
                colour.filled(),
            )))?;
            if r.overdue {
                let (px, _) = chart.backend_coord(&(days(r.end), 0.0));
                root.draw(&Text::new("overdue", (px + 4, py - 7), style.font(style.font_size - 2).color(&style.bad)))?;
            }
        }
        chart.draw_series(std::iter::once(PathElement::new(
            [(days(today), 0.0), (days(today), n)],
            style.text.stroke_width(2),
        )))?;
        let mut x = 12;
        for (label, colour) in
            [("active or paused", style.primary), ("proposed", style.neutral), ("overdue", style.bad)]
        {
            root.draw(&Rectangle::new([(x, 8), (x + 14, 20)], colour.filled()))?;
            root.draw(&Text::new(label, (x + 20, 7), style.font(style.font_size - 1).color(&style.text)))?;
            x += 40 + 8 * label.len() as i32;
        }
        let (px, _) = chart.backend_coord(&(days(today), n));
        root.draw(&Text::new(
            format!("today {}", today.format("%d %b")),
            (px - 30, 6),
            style.font(style.font_size - 1).color(&style.text),
        ))?;
        root.present()?;
        Ok(())
    })();
    if drawn.is_err() {
        return Chart::empty(ID, &title, "The chart could not be drawn.");
    }
    let mut chart = Chart {
        id: ID.into(),
        svg: finish(svg, ID, &title, &description, &labels),
        title,
        description,
        empty: None,
        table,
    };
    if rows.len() > MAX_ROWS {
        chart.description.push_str(&format!(" The first {MAX_ROWS} of {} are drawn.", rows.len()));
    }
    chart
}

/// The width of the project names' column.
const LABEL_AREA: u32 = 270;
