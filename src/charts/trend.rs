//! Key-result trend: the values reported in check-ins over the period,
//! against the straight path from baseline to target.

use chrono::NaiveDate;
use plotters::prelude::*;

use super::key::{Key, Mark};
use super::{Chart, ChartStyle, DataTable, finish};
use crate::format::number;

/// One reported value.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TrendPoint {
    /// Check-in date.
    pub date: NaiveDate,
    /// Value reported.
    pub value: f64,
    /// Confidence reported, 0–1.
    pub confidence: Option<f64>,
}

/// A key result's history and plan.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TrendData {
    /// Key result title.
    pub name: String,
    /// Unit label.
    pub unit: Option<String>,
    /// Baseline.
    pub start: Option<f64>,
    /// Target.
    pub target: Option<f64>,
    /// The period's first and last day.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// Values, oldest first.
    pub points: Vec<TrendPoint>,
    /// Where the line fitted through the check-ins is heading: the value
    /// expected on the period's last day (see `analyse::progress`), already
    /// rounded as the key result is written.
    pub forecast: Option<(NaiveDate, f64)>,
}

/// A date as a board reads it: `20 Nov 2026`.
fn day(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// Draws the trend. `id` keeps several on one page apart.
pub fn key_result_trend(id: &str, data: &TrendData, style: &ChartStyle) -> Chart {
    let unit =
        data.unit.as_deref().map(|u| if u == "%" { "%".to_string() } else { format!(" {u}") }).unwrap_or_default();
    let show = |v: f64| format!("{}{unit}", number(v));
    if data.points.is_empty() {
        return Chart::empty(id, &data.name, "No check-in has reported a value for this key result yet.");
    }
    let last = data.points.last().expect("not empty");
    let title = match data.target {
        Some(t) => format!("{}: {} on {}, target {}", data.name, show(last.value), day(last.date), show(t)),
        None => format!("{}: {} on {}", data.name, show(last.value), day(last.date)),
    };
    let description = format!(
        "Values reported in check-ins{}: {}",
        data.target.map(|t| format!(", with the straight path to the target of {}", show(t))).unwrap_or_default(),
        data.points.iter().map(|p| format!("{} {}", day(p.date), show(p.value))).collect::<Vec<_>>().join(", ")
    );
    let table = DataTable {
        headers: vec!["Date".into(), "Value".into(), "Confidence".into()],
        rows: data
            .points
            .iter()
            .map(|p| {
                vec![day(p.date), show(p.value), p.confidence.map_or("—".into(), |c| format!("{:.0}%", c * 100.0))]
            })
            .collect(),
        more: 0,
    };
    let (x0, x1) =
        data.period.unwrap_or((data.points[0].date, last.date.max(data.points[0].date + chrono::Days::new(1))));
    let days = |d: NaiveDate| (d - x0).num_days() as f64;
    let span = days(x1).max(1.0);
    let mut values: Vec<f64> = data.points.iter().map(|p| p.value).collect();
    values.extend(data.start);
    values.extend(data.target);
    values.extend(data.forecast.map(|f| f.1));
    let (lo, hi) = values.iter().fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let pad = ((hi - lo) * 0.12).max(1.0);
    let (y0, y1) = (lo - pad, hi + pad);
    let planned = data.start.is_some() && data.target.is_some() && data.period.is_some();
    let confidence = data.points.iter().any(|p| p.confidence.is_some());
    let mut key: Vec<(String, Mark)> = vec![("reported".into(), Mark::Solid(style.primary, 3))];
    if planned {
        key.push(("planned path".into(), Mark::Dashed(style.neutral, 6, 4)));
        key.push(("target".into(), Mark::Solid(style.good, 2)));
    }
    if let Some((by, value)) = data.forecast {
        key.push((format!("forecast: {} by {}", show(value), by.format("%-d %b")), Mark::Dashed(style.primary, 3, 3)));
    }
    if confidence {
        key.push(("n%: the confidence reported, where it changed".into(), Mark::Words));
    }
    // The key runs in lines as wide as the chart, so a narrow chart (the
    // pack draws two to a row) wraps it instead of cutting it off.
    let key = Key::new(key, style);
    let key_h = key.height;
    let key_size = f64::from((style.font_size - 2).max(super::style::MIN_TEXT));
    let mut svg = String::new();
    let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(&mut svg, (style.width, 266 + key_h as u32)).into_drawing_area();
        key.draw(&root, style, 0)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(14)
            .margin_top(20 + key_h as u32)
            .margin_right(24)
            .x_label_area_size(30)
            .y_label_area_size(72)
            .build_cartesian_2d(0f64..span, y0..y1)?;
        let x_label = |v: &f64| (x0 + chrono::Days::new(v.max(0.0) as u64)).format("%-d %b").to_string();
        let mut mesh = chart.configure_mesh();
        style.mesh(&mut mesh);
        mesh.x_labels(6)
            .y_labels(5)
            .x_label_formatter(&x_label)
            .y_label_formatter(&|v| number(*v))
            .y_desc(data.unit.clone().unwrap_or_default())
            .draw()?;
        if let (Some(s), Some(t), Some(_)) = (data.start, data.target, data.period) {
            chart.draw_series(DashedLineSeries::new([(0.0, s), (span, t)], 6, 4, style.neutral.stroke_width(2)))?;
            chart.draw_series(std::iter::once(PathElement::new([(0.0, t), (span, t)], style.good.stroke_width(1))))?;
            // The target's value sits above its line at the right-hand end,
            // inside the plot, so a narrow chart keeps its room for the data.
            let (px, py) = chart.backend_coord(&(span, t));
            let label = format!("target {}", show(t));
            let w = style.metrics.width(&label, key_size).ceil() as i32;
            // Beside the line on the side away from the baseline: the planned
            // path arrives from the other side.
            let y = if s > t { py + 4 } else { py - 18 };
            root.draw(&Text::new(label, (px - w - 4, y), style.font(style.font_size - 2).color(&style.text)))?;
        }
        let series: Vec<(f64, f64)> = data.points.iter().map(|p| (days(p.date), p.value)).collect();
        chart.draw_series(LineSeries::new(series.clone(), style.primary.stroke_width(3)))?;
        chart.draw_series(series.iter().map(|p| Circle::new(*p, 4, style.primary.filled())))?;
        if let (Some((by, value)), Some(last)) = (data.forecast, series.last()) {
            chart.draw_series(DashedLineSeries::new(
                [*last, (days(by).min(span), value)],
                3,
                3,
                style.primary.stroke_width(2),
            ))?;
        }
        // A confidence is written where it changes (and at the latest point),
        // so weekly check-ins do not crowd the line with repeats.
        for (i, p) in data.points.iter().enumerate() {
            let repeated = i > 0 && data.points[i - 1].confidence == p.confidence && i + 1 < data.points.len();
            if repeated {
                continue;
            }
            if let Some(c) = p.confidence {
                let (px, py) = chart.backend_coord(&(days(p.date), p.value));
                root.draw(&Text::new(
                    format!("{:.0}%", c * 100.0),
                    (px - 10, py - 20),
                    style.font(style.font_size - 3).color(&style.muted),
                ))?;
            }
        }
        root.present()?;
        Ok(())
    })();
    if drawn.is_err() {
        return Chart::empty(id, &title, "The chart could not be drawn.");
    }
    let forecast = data
        .forecast
        .map(|(by, v)| format!(". The line fitted through them heads for {} by {}", show(v), by.format("%-d %B %Y")))
        .unwrap_or_default();
    let description = format!(
        "{description}{forecast}. Small numbers above the points are the confidence reported, where it changed."
    );
    Chart { id: id.into(), svg: finish(svg, id, &title, &description, &[]), title, description, empty: None, table }
}
