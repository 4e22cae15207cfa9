//! Roadmap: projects on a timeline grouped by priority, with today's line
//! and overdue work marked.

use chrono::{Datelike, NaiveDate};
use plotters::prelude::*;

use super::key::{Key, Mark, Shape, draw_shape, rag_mark};
use super::{Chart, ChartStyle, DataTable, UNALIGNED, draw_label, finish};
use crate::model::{MilestoneState, Rag};

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
    /// The status last reported, if any: the bar's colour and shape.
    pub rag: Option<Rag>,
    /// Its milestones that have a planned date.
    pub milestones: Vec<RoadmapMilestone>,
}

/// A milestone drawn on its project's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct RoadmapMilestone {
    /// What is reached.
    pub title: String,
    /// Planned date.
    pub date: NaiveDate,
    /// Reached, missed or still to come.
    pub state: MilestoneState,
}

impl MilestoneState {
    fn word(self) -> &'static str {
        match self {
            MilestoneState::Done => "reached",
            MilestoneState::Missed => "missed",
            MilestoneState::Open => "to come",
        }
    }

    fn mark(self, style: &ChartStyle) -> (Shape, RGBColor, bool) {
        match self {
            MilestoneState::Done => (Shape::Diamond, style.text, true),
            MilestoneState::Open => (Shape::Diamond, style.text, false),
            MilestoneState::Missed => (Shape::Cross, style.text, true),
        }
    }
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
    let missed = rows.iter().filter(|r| r.milestones.iter().any(|m| m.state == MilestoneState::Missed)).count();
    let mut title = if overdue > 0 {
        format!("{overdue} of {} projects on the roadmap are past their end date", rows.len())
    } else {
        format!("{} projects on the roadmap, none past its end date", rows.len())
    };
    match missed {
        0 => {}
        1 => title.push_str("; 1 has missed a milestone"),
        n => title.push_str(&format!("; {n} have missed a milestone")),
    }
    let table = DataTable {
        headers: ["Group", "Project", "Start", "End", "Status", "Reported", "Milestones"].map(String::from).to_vec(),
        rows: rows
            .iter()
            .map(|r| {
                let status = if r.overdue { format!("{} (overdue)", r.status) } else { r.status.to_string() };
                let milestones = r
                    .milestones
                    .iter()
                    .map(|m| format!("{} {} ({})", m.title, m.date.format("%-d %b %Y"), m.state.word()))
                    .collect::<Vec<_>>()
                    .join("; ");
                vec![
                    r.group.clone(),
                    r.name.clone(),
                    r.start.to_string(),
                    r.end.to_string(),
                    status,
                    r.rag.map_or("not reported", Rag::label).to_string(),
                    milestones,
                ]
            })
            .collect(),
        more: 0,
    };
    let description = format!(
        "Bars from planned start to end for {} projects, grouped by priority, coloured and marked by the status last reported (a circle for green, a half-filled circle for amber/green, a triangle for amber, a downward triangle for amber/red, a square for red; grey for none reported; an outline for paused work); diamonds are milestones, filled when reached, hollow when to come, and a cross when missed; the vertical line is today, {today}; overdue projects are marked ‘overdue’.",
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
    let key = Key::new(key_entries(&shown, today, style), style);
    // The names' column is as wide as the longest name needs, within
    // bounds that leave the timeline most of the chart; names that still
    // do not fit take two lines, and every row grows to match.
    let name_size = f64::from(style.font_size - 1);
    let widest = shown.iter().map(|r| style.metrics.width(&r.name, name_size)).fold(0.0, f64::max);
    let max_area = (f64::from(style.width) * 0.42).max(f64::from(MIN_LABEL_AREA));
    let label_area = (widest + f64::from(NAME_X) + 14.0).clamp(f64::from(MIN_LABEL_AREA), max_area).ceil() as u32;
    let room = f64::from(label_area) - f64::from(NAME_X) - 10.0;
    let name_lines = if widest > room { 2 } else { 1 };
    let row_h = if name_lines == 2 { 34i32 } else { 22 };
    // The key, then room for today's label above the plot.
    let plot_top = key.height + 30;
    let axis_h = 40;
    let height = (plot_top + row_h * lines.len() as i32 + axis_h + 10) as u32;
    let n = lines.len() as f64;
    let mut labels = Vec::new();
    let mut svg = String::new();
    let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(&mut svg, (style.width, height)).into_drawing_area();
        key.draw(&root, style, 0)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .margin_right(20)
            .margin_top(plot_top as u32)
            .x_label_area_size(axis_h as u32)
            .y_label_area_size(label_area)
            .build_cartesian_2d(0f64..span, 0f64..n)?;
        let mut mesh = chart.configure_mesh();
        style.mesh(&mut mesh);
        mesh.disable_mesh().x_labels(0).y_labels(0).draw()?;
        // Month ticks, thinned to every second, third, sixth or twelfth
        // month when the months are too narrow for their names.
        let (_, plot_bottom) = chart.backend_coord(&(0.0, 0.0));
        let (_, plot_top_px) = chart.backend_coord(&(0.0, n));
        let tick_size = f64::from(style.font_size - 1);
        let tick_font = style.font(style.font_size - 1).color(&style.muted);
        let px_per_day = chart.backend_coord(&(span, 0.0)).0 as f64 - chart.backend_coord(&(0.0, 0.0)).0 as f64;
        let px_per_day = px_per_day / span;
        let widest = MONTHS.iter().map(|m| style.metrics.width(m, tick_size)).fold(0.0, f64::max);
        let step =
            [1, 2, 3, 6, 12].into_iter().find(|s| f64::from(*s) * 30.4 * px_per_day >= widest + 14.0).unwrap_or(12);
        let mut year_shown = false;
        for month in month_starts(first, last).filter(|m| m.month0() % step == 0) {
            let (px, _) = chart.backend_coord(&(days(month), 0.0));
            root.draw(&PathElement::new([(px, plot_top_px), (px, plot_bottom + 4)], style.grid.stroke_width(1)))?;
            let name = MONTHS[month.month0() as usize];
            let w = style.metrics.width(name, tick_size).ceil() as i32;
            root.draw(&Text::new(name, (px - w / 2, plot_bottom + 7), tick_font.clone()))?;
            if !year_shown || month.month0() == 0 {
                let year = month.format("%Y").to_string();
                let w = style.metrics.width(&year, tick_size).ceil() as i32;
                root.draw(&Text::new(year, (px - w / 2, plot_bottom + 22), tick_font.clone()))?;
                year_shown = true;
            }
        }
        let mut late: Vec<(i32, i32)> = Vec::new();
        for (i, (heading, row)) in lines.iter().enumerate() {
            let top = n - i as f64;
            let (_, py) = chart.backend_coord(&(0.0, top - 0.5));
            if let Some(h) = heading {
                // A row is one line high; bold runs wider than measured.
                let font = style.font(style.font_size).style(FontStyle::Bold).color(&style.text);
                draw_label(&root, style, h, (12, py), (label_area - 12 - 10) as f64 * 0.9, 1, font, &mut labels)?;
                continue;
            }
            let Some(r) = row else { continue };
            let colour = match r.rag {
                Some(rag) => {
                    let (shape, colour) = rag_mark(style, rag);
                    draw_shape(&root, shape, (NAME_X - 12, py), 5, colour, true)?;
                    colour
                }
                None => style.neutral,
            };
            let font = style.font(style.font_size - 1).color(&style.text);
            draw_label(&root, style, &r.name, (NAME_X, py), room, name_lines, font, &mut labels)?;
            let inset = if name_lines == 2 { 0.32 } else { 0.22 };
            let bar = [(days(r.start), top - 1.0 + inset), (days(r.end), top - inset)];
            if r.status == "paused" {
                chart.draw_series(std::iter::once(Rectangle::new(bar, colour.stroke_width(2))))?;
            } else {
                chart.draw_series(std::iter::once(Rectangle::new(bar, colour.filled())))?;
            }
            if r.overdue {
                let (px, _) = chart.backend_coord(&(days(r.end), 0.0));
                late.push((px + 4, py - 7));
            }
            for m in r.milestones.iter().filter(|m| m.date >= first && m.date <= last) {
                let (px, _) = chart.backend_coord(&(days(m.date), 0.0));
                let (shape, colour, filled) = m.state.mark(style);
                // A white ground keeps the mark clear of the bar's colour.
                draw_shape(&root, Shape::Diamond, (px, py), 9, WHITE, true)?;
                draw_shape(&root, shape, (px, py), 6, colour, filled)?;
            }
        }
        let (px, _) = chart.backend_coord(&(days(today), n));
        root.draw(&PathElement::new([(px, plot_top_px - 4), (px, plot_bottom)], style.text.stroke_width(2)))?;
        let today_label = format!("today {}", today.format("%-d %b"));
        let w = style.metrics.width(&today_label, tick_size).ceil() as i32;
        let x = (px - w / 2).clamp(label_area as i32, style.width as i32 - w - 4);
        root.draw(&Text::new(today_label, (x, plot_top_px - 20), tick_font.clone()))?;
        // "overdue" sits where today's line runs: over it, on a white ground.
        let late_size = super::drawn_size(f64::from(style.font_size - 2));
        let late_w = style.metrics.width("overdue", late_size).ceil() as i32;
        for (x, y) in late {
            root.draw(&Rectangle::new(
                [(x - 2, y - 1), (x + late_w + 2, y + late_size.ceil() as i32 + 2)],
                WHITE.filled(),
            ))?;
            root.draw(&Text::new("overdue", (x, y), style.font(style.font_size - 2).color(&style.bad)))?;
        }
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

/// The narrowest the project names' column is drawn.
const MIN_LABEL_AREA: u32 = 200;

/// Where a project's name starts; its status shape sits before it.
const NAME_X: i32 = 34;

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// The first day of every month from `first` to `last`.
fn month_starts(first: NaiveDate, last: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    let start = first.with_day(1).expect("day 1 exists");
    let start = if start < first { start + chrono::Months::new(1) } else { start };
    std::iter::successors(Some(start), |m| Some(*m + chrono::Months::new(1))).take_while(move |m| *m <= last)
}

/// The key: only what the drawn rows use, so a small roadmap has a short one.
fn key_entries(rows: &[&RoadmapRow], today: NaiveDate, style: &ChartStyle) -> Vec<(String, Mark)> {
    let mut entries = Vec::new();
    for rag in Rag::ALL {
        if rows.iter().any(|r| r.rag == Some(rag)) {
            let (shape, colour) = rag_mark(style, rag);
            entries.push((rag.label().to_string(), Mark::Shape(shape, colour, true)));
        }
    }
    if rows.iter().any(|r| r.rag.is_none()) {
        entries.push(("no status reported".into(), Mark::Swatch(style.neutral)));
    }
    if rows.iter().any(|r| r.status == "paused") {
        entries.push(("outline: paused".into(), Mark::Shape(Shape::Square, style.text, false)));
    }
    for state in [MilestoneState::Done, MilestoneState::Open, MilestoneState::Missed] {
        if rows.iter().any(|r| r.milestones.iter().any(|m| m.state == state)) {
            let (shape, colour, filled) = state.mark(style);
            entries.push((format!("milestone {}", state.word()), Mark::Shape(shape, colour, filled)));
        }
    }
    entries.push((format!("today, {}", today.format("%-d %b %Y")), Mark::Solid(style.text, 2)));
    entries
}
