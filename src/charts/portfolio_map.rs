//! Portfolio map: strategic score against what each project has still to
//! spend, bubble size its budget, shape its reported status, with the
//! capacity line and quadrant labels.

use plotters::prelude::*;

use super::{Chart, ChartStyle, DataTable, finish};
use crate::format::money;

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
    /// Reported RAG word, if any.
    pub rag: Option<&'static str>,
    /// Within capacity.
    pub above_line: bool,
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
                    p.name.clone(),
                    format!("{:.1}", p.score),
                    money(p.cost, currency),
                    money(p.budget, currency),
                    p.rag.unwrap_or("—").to_string(),
                    if p.above_line { "yes" } else { "no" }.to_string(),
                ]
            })
            .collect(),
        more: 0,
    };
    let description = "Each project is placed by its weighted score (across) and what it has still to spend (up); larger marks have larger budgets; a circle is green, a triangle amber, a square red, a hollow circle unreported; the dashed line is the lowest score that still fits within capacity.".to_string();
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
    let mut svg = String::new();
    let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(&mut svg, (style.width, 440)).into_drawing_area();
        root.draw(&Text::new(
            "● green   ▲ amber   ■ red   ○ not reported · size: budget · faded: below the capacity line",
            (16, 10),
            style.font(style.font_size - 1).color(&style.text),
        ))?;
        let mut chart = ChartBuilder::on(&root)
            .margin(16)
            .margin_top(34)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d(0f64..max_score, 0f64..max_cost)?;
        let mut mesh = chart.configure_mesh();
        style.mesh(&mut mesh);
        mesh.x_labels(6)
            .y_labels(6)
            .x_desc("weighted score (higher is better)")
            .y_desc("still to spend")
            .y_label_formatter(&|v| money(*v, currency))
            .x_label_formatter(&|v| format!("{v:.0}"))
            .draw()?;
        chart.draw_series(std::iter::once(PathElement::new(
            [(mid_score, 0.0), (mid_score, max_cost)],
            style.grid.stroke_width(2),
        )))?;
        chart.draw_series(std::iter::once(PathElement::new(
            [(0.0, mid_cost), (max_score, mid_cost)],
            style.grid.stroke_width(2),
        )))?;
        let quadrant = |x: f64, y: f64, text: &str| -> Result<(), Box<dyn std::error::Error + '_>> {
            let (px, py) = chart.backend_coord(&(x, y));
            root.draw(&Text::new(text.to_string(), (px, py), style.font(style.font_size - 1).color(&style.muted)))?;
            Ok(())
        };
        quadrant(max_score * 0.80, max_cost * 0.99, "strategic bets")?;
        quadrant(max_score * 0.80, max_cost * 0.06, "quick wins")?;
        quadrant(max_score * 0.02, max_cost * 0.99, "money pits")?;
        quadrant(max_score * 0.02, max_cost * 0.06, "fill-ins")?;
        if cut.is_finite() && !points.iter().all(|p| p.above_line) {
            chart.draw_series(DashedLineSeries::new([(cut, 0.0), (cut, max_cost)], 6, 4, style.bad.stroke_width(2)))?;
            let (px, py) = chart.backend_coord(&(cut, max_cost));
            root.draw(&Text::new(
                "capacity line",
                (px + 4, py + 4),
                style.font(style.font_size - 1).color(&style.bad),
            ))?;
        }
        for p in &shown {
            let r = (4.0 + 16.0 * (p.budget / max_budget).sqrt()) as i32;
            let at = (p.score, p.cost);
            let colour = match p.rag {
                Some("green") => style.good,
                Some("amber") => style.warn,
                Some("red") => style.bad,
                _ => style.neutral,
            };
            let fill = colour.mix(if p.above_line { 0.75 } else { 0.35 });
            let (px, py) = chart.backend_coord(&at);
            match p.rag {
                Some("amber") => {
                    root.draw(&Polygon::new(vec![(px, py - r), (px - r, py + r), (px + r, py + r)], fill.filled()))?
                }
                Some("red") => root.draw(&Rectangle::new([(px - r, py - r), (px + r, py + r)], fill.filled()))?,
                Some("green") => root.draw(&Circle::new((px, py), r, fill.filled()))?,
                _ => root.draw(&Circle::new((px, py), r, colour.stroke_width(2)))?,
            }
        }
        root.present()?;
        Ok(())
    })();
    if drawn.is_err() {
        return Chart::empty(ID, &title, "The chart could not be drawn.");
    }
    Chart { id: ID.into(), svg: finish(svg, ID, &title, &description, &[]), title, description, empty: None, table }
}
