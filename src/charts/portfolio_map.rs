//! Portfolio map: strategic score against what each project has still to
//! spend, bubble size its budget, shape its reported status, with the
//! capacity line and quadrant labels.

use plotters::prelude::*;

use super::key::{Key, Mark, Shape, draw_shape, rag_mark};
use super::{Chart, ChartStyle, DataTable, finish};
use crate::format::money;
use crate::model::Rag;

/// One open project.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPoint {
    /// Project title.
    pub name: String,
    /// Weighted score.
    pub score: f64,
    /// Still to spend.
    pub cost: f64,
    /// Whole budget (bubble size).
    pub budget: f64,
    /// Reported status, if any.
    pub rag: Option<Rag>,
    /// Within capacity.
    pub above_line: bool,
    /// Its place in the ranked portfolio: the number beside its mark.
    pub rank: usize,
}

/// Projects beyond this many are left off the map (the lowest budgets);
/// the table keeps them all.
pub const MAX_POINTS: usize = 400;

/// Draws the map. `currency` formats the axis.
pub fn portfolio_map(points: &[MapPoint], currency: &str, style: &ChartStyle) -> Chart {
    const ID: &str = "portfolio-map";
    if points.is_empty() {
        return Chart::empty(
            ID,
            "Portfolio map",
            "No open project has scores: add `scores` to projects to place them.",
        );
    }
    let below: Vec<&MapPoint> = points.iter().filter(|p| !p.above_line).collect();
    let title = if below.is_empty() {
        format!("All {} scored projects fit within capacity", points.len())
    } else {
        format!(
            "{} projects below the capacity line have {} still to spend",
            below.len(),
            money(below.iter().map(|p| p.cost).sum(), currency)
        )
    };
    let table = DataTable {
        headers: vec![
            "No.".into(),
            "Project".into(),
            "Score".into(),
            "Still to spend".into(),
            "Budget".into(),
            "RAG".into(),
            "Within capacity".into(),
        ],
        rows: points
            .iter()
            .map(|p| {
                vec![
                    p.rank.to_string(),
                    p.name.clone(),
                    format!("{:.1}", p.score),
                    money(p.cost, currency),
                    money(p.budget, currency),
                    p.rag.map_or("—", Rag::label).to_string(),
                    if p.above_line { "yes" } else { "no" }.to_string(),
                ]
            })
            .collect(),
        more: 0,
    };
    let description = "Each project is placed by its weighted score (across) and what it has still to spend (up); larger marks have larger budgets; a circle is green, a triangle amber, a square red, a hollow circle unreported; the dashed line is the lowest score that still fits within capacity; the number beside a mark is the project's rank, keyed in the table.".to_string();
    let mut shown: Vec<&MapPoint> = points.iter().collect();
    shown.sort_by(|a, b| b.budget.total_cmp(&a.budget).then_with(|| a.name.cmp(&b.name)));
    shown.truncate(MAX_POINTS);
    let max_score = points.iter().map(|p| p.score).fold(1.0f64, f64::max).ceil().max(5.0) + 0.4;
    let max_cost = points.iter().map(|p| p.cost).fold(1.0f64, f64::max) * 1.25;
    let max_budget = points.iter().map(|p| p.budget).fold(1.0f64, f64::max);
    let cut = points.iter().filter(|p| p.above_line).map(|p| p.score).fold(f64::NAN, f64::min);
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (mid_score, mid_cost) =
        (median(points.iter().map(|p| p.score).collect()), median(points.iter().map(|p| p.cost).collect()));
    // The key names only the ratings on the map.
    let mut entries: Vec<(String, Mark)> = Rag::ALL
        .into_iter()
        .filter(|r| shown.iter().any(|p| p.rag == Some(*r)))
        .map(|r| {
            let (shape, colour) = rag_mark(style, r);
            (r.label().to_string(), Mark::Shape(shape, colour, true))
        })
        .collect();
    if shown.iter().any(|p| p.rag.is_none()) {
        entries.push(("not reported".into(), Mark::Shape(Shape::Circle, style.neutral, false)));
    }
    entries.push(("size: budget".into(), Mark::Words));
    if shown.iter().any(|p| !p.above_line) {
        entries.push(("faded: below the capacity line".into(), Mark::Words));
    }
    let key = Key::new(entries, style);
    let mut svg = String::new();
    let mut unnumbered: Vec<usize> = Vec::new();
    let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(&mut svg, (style.width, 420 + key.height as u32)).into_drawing_area();
        key.draw(&root, style, 0)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(16)
            .margin_top(14 + key.height as u32)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d(0f64..max_score, -max_cost * 0.1..max_cost)?;
        let mut mesh = chart.configure_mesh();
        style.mesh(&mut mesh);
        mesh.x_labels(6)
            .y_labels(6)
            .x_desc("weighted score (higher is better)")
            .y_desc("still to spend")
            .y_label_formatter(&|v| if *v < 0.0 { String::new() } else { money(*v, currency) })
            .x_label_formatter(&|v| format!("{v:.0}"))
            .draw()?;
        chart.draw_series(std::iter::once(PathElement::new(
            [(mid_score, -max_cost * 0.1), (mid_score, max_cost)],
            style.grid.stroke_width(2),
        )))?;
        chart.draw_series(std::iter::once(PathElement::new(
            [(0.0, mid_cost), (max_score, mid_cost)],
            style.grid.stroke_width(2),
        )))?;
        // Marks first, then the words around them: the capacity line's
        // label, the quadrants' names and each mark's rank go where they
        // cover no mark and no other words.
        let (left, top) = chart.backend_coord(&(0.0, max_cost));
        let (right, bottom) = chart.backend_coord(&(max_score, -max_cost * 0.1));
        let plot = Box2 { x0: left + 2, y0: top + 2, x1: right - 2, y1: bottom - 2 };
        let mut taken: Vec<Box2> = Vec::new();
        let mut marks = Vec::new();
        for p in &shown {
            let r = (4.0 + 16.0 * (p.budget / max_budget).sqrt()) as i32;
            let (px, py) = chart.backend_coord(&(p.score, p.cost));
            taken.push(Box2 { x0: px - r, y0: py - r, x1: px + r, y1: py + r });
            marks.push((*p, px, py, r));
        }
        for &(p, px, py, r) in &marks {
            match p.rag {
                Some(rag) => {
                    let (shape, colour) = rag_mark(style, rag);
                    let fill = colour.mix(if p.above_line { 0.75 } else { 0.35 });
                    draw_shape(&root, shape, (px, py), r, fill, true)?;
                }
                None => draw_shape(&root, Shape::Circle, (px, py), r, style.neutral, false)?,
            }
        }
        let size = f64::from(style.font_size - 1);
        let line_h = (size * 1.2).ceil() as i32;
        let measure = |text: &str| style.metrics.width(text, size).ceil() as i32;
        if cut.is_finite() && !points.iter().all(|p| p.above_line) {
            chart.draw_series(DashedLineSeries::new(
                [(cut, -max_cost * 0.1), (cut, max_cost)],
                6,
                4,
                style.bad.stroke_width(2),
            ))?;
            let (px, _) = chart.backend_coord(&(cut, max_cost));
            let w = measure("capacity line");
            let candidates = [
                (px + 4, top + 4),
                (px - w - 4, top + 4),
                (px + 4, bottom - line_h - 4),
                (px - w - 4, bottom - line_h - 4),
            ];
            if let Some(at) = place(&candidates, w, line_h, &plot, &mut taken) {
                root.draw(&Text::new("capacity line", at, style.font(style.font_size - 1).color(&style.bad)))?;
            }
        }
        let (mx, my) = chart.backend_coord(&(mid_score, mid_cost));
        for (text, right_side, upper) in [
            ("strategic bets", true, true),
            ("money pits", false, true),
            ("quick wins", true, false),
            ("fill-ins", false, false),
        ] {
            let w = measure(text);
            // The quadrant's corners, outer ones first.
            let xs = if right_side { [right - w - 6, mx + 6] } else { [left + 6, mx - w - 6] };
            let ys = if upper { [top + 4, my - line_h - 4] } else { [bottom - line_h - 4, my + 4] };
            let candidates = [(xs[0], ys[0]), (xs[1], ys[0]), (xs[0], ys[1]), (xs[1], ys[1])];
            if let Some(at) = place(&candidates, w, line_h, &plot, &mut taken) {
                root.draw(&Text::new(text, at, style.font(style.font_size - 1).color(&style.muted)))?;
            }
        }
        let number_font = style.font(style.font_size - 1).color(&style.text);
        for &(p, px, py, r) in &marks {
            let text = p.rank.to_string();
            let w = measure(&text);
            let h = line_h;
            let candidates = [
                (px + r + 2, py - h / 2),
                (px - r - 2 - w, py - h / 2),
                (px - w / 2, py - r - h),
                (px - w / 2, py + r + 1),
                (px + r, py - r - h + 2),
                (px - r - w, py - r - h + 2),
                (px + r, py + r - 2),
                (px - r - w, py + r - 2),
            ];
            if let Some(at) = place(&candidates, w, h, &plot, &mut taken) {
                root.draw(&Text::new(text, at, number_font.clone()))?;
            } else {
                unnumbered.push(p.rank);
            }
        }
        root.present()?;
        Ok(())
    })();
    if drawn.is_err() {
        return Chart::empty(ID, &title, "The chart could not be drawn.");
    }
    let mut table = table;
    if !unnumbered.is_empty() {
        // Marks too crowded to number are named in the table instead.
        table.headers.push("On the map".into());
        for row in &mut table.rows {
            let rank: usize = row[0].parse().unwrap_or(0);
            row.push(if unnumbered.contains(&rank) { "unnumbered: crowded" } else { "numbered" }.into());
        }
    }
    let mut chart = Chart {
        id: ID.into(),
        svg: finish(svg, ID, &title, &description, &[]),
        title,
        description,
        empty: None,
        table,
    };
    if !unnumbered.is_empty() {
        chart.description.push_str(&format!(" {} marks are too crowded to number.", unnumbered.len()));
    }
    chart
}

/// A rectangle of the drawing, in pixels.
#[derive(Debug, Clone, Copy)]
struct Box2 {
    x0: i32,
    y0: i32,
    x1: i32,
    y1: i32,
}

impl Box2 {
    fn overlaps(&self, other: &Box2) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    fn inside(&self, outer: &Box2) -> bool {
        self.x0 >= outer.x0 && self.x1 <= outer.x1 && self.y0 >= outer.y0 && self.y1 <= outer.y1
    }
}

/// The first of `candidates` (top left corners) where a `w` × `h` label
/// stays inside `plot` and covers nothing `taken`; it is then taken.
fn place(candidates: &[(i32, i32)], w: i32, h: i32, plot: &Box2, taken: &mut Vec<Box2>) -> Option<(i32, i32)> {
    let at = candidates.iter().copied().find(|&(x, y)| {
        let b = Box2 { x0: x, y0: y, x1: x + w, y1: y + h };
        b.inside(plot) && !taken.iter().any(|t| t.overlaps(&b))
    })?;
    taken.push(Box2 { x0: at.0, y0: at.1, x1: at.0 + w, y1: at.1 + h });
    Some(at)
}
