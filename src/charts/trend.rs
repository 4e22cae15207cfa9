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
        // Every line drawn, in pixels, so labels go where no line runs.
        let coords = chart.as_coord_spec().clone();
        let px = |x: f64, y: f64| coords.translate(&(x, y));
        let series: Vec<(f64, f64)> = data.points.iter().map(|p| (days(p.date), p.value)).collect();
        let mut lines: Vec<((i32, i32), (i32, i32))> =
            series.windows(2).map(|w| (px(w[0].0, w[0].1), px(w[1].0, w[1].1))).collect();
        let planned_path = match (data.start, data.target, data.period) {
            (Some(s), Some(t), Some(_)) => Some((s, t)),
            _ => None,
        };
        // The axis too: labels keep off it and the tick values beside it.
        lines.push((px(0.0, y0), px(0.0, y1)));
        if let Some((s, t)) = planned_path {
            lines.push((px(0.0, s), px(span, t)));
            lines.push((px(0.0, t), px(span, t)));
        }
        let forecast_line = match (data.forecast, series.last()) {
            (Some((by, value)), Some(last)) => Some((*last, (days(by).min(span), value))),
            _ => None,
        };
        if let Some((a, b)) = forecast_line {
            lines.push((px(a.0, a.1), px(b.0, b.1)));
        }
        let clear = |(x, y, w, h): (i32, i32, i32, i32)| !lines.iter().any(|&(a, b)| crosses(a, b, (x, y, w, h)));
        let text_h = key_size.round() as i32 + 2;
        if let Some((s, t)) = planned_path {
            chart.draw_series(DashedLineSeries::new([(0.0, s), (span, t)], 6, 4, style.neutral.stroke_width(2)))?;
            chart.draw_series(std::iter::once(PathElement::new([(0.0, t), (span, t)], style.good.stroke_width(1))))?;
            // The target's value sits beside its line, inside the plot, at
            // the right-hand end where no other line crosses it, else the
            // left; first on the side away from the baseline, where the
            // planned path does not arrive.
            let (right, ty) = px(span, t);
            let (left, _) = px(0.0, t);
            let label = format!("target {}", show(t));
            let w = style.metrics.width(&label, key_size).ceil() as i32;
            let (away, near) = if s > t { (ty + 4, ty - 4 - text_h) } else { (ty - 4 - text_h, ty + 4) };
            let spots = [(right - w - 4, away), (right - w - 4, near), (left + 6, away), (left + 6, near)];
            let (x, y) = spots.into_iter().find(|&(x, y)| clear((x, y, w, text_h))).unwrap_or(spots[0]);
            root.draw(&Text::new(label, (x, y), style.font(style.font_size - 2).color(&style.text)))?;
        }
        chart.draw_series(LineSeries::new(series.clone(), style.primary.stroke_width(3)))?;
        chart.draw_series(series.iter().map(|p| Circle::new(*p, 4, style.primary.filled())))?;
        if let Some((a, b)) = forecast_line {
            chart.draw_series(DashedLineSeries::new([a, b], 3, 3, style.primary.stroke_width(2)))?;
        }
        // A confidence is written where it changes (and at the latest point),
        // so weekly check-ins do not crowd the line with repeats: above its
        // point, or below it where a line runs through the space above.
        let small = super::drawn_size(f64::from(style.font_size - 3));
        let mut placed: Vec<(i32, i32, i32, i32)> = Vec::new();
        for (i, p) in data.points.iter().enumerate() {
            let repeated = i > 0 && data.points[i - 1].confidence == p.confidence && i + 1 < data.points.len();
            if repeated {
                continue;
            }
            if let Some(c) = p.confidence {
                let (x, y) = px(days(p.date), p.value);
                let label = format!("{:.0}%", c * 100.0);
                let w = style.metrics.width(&label, small).ceil() as i32;
                let h = small.round() as i32;
                let spots = [(x - w / 2, y - 8 - h), (x - w / 2, y + 8), (x + 6, y - 8 - h), (x + 6, y + 8)];
                let free = |&(lx, ly): &(i32, i32)| {
                    clear((lx, ly, w, h))
                        && !placed.iter().any(|&(px, py, pw, ph): &(i32, i32, i32, i32)| {
                            lx < px + pw + 3 && px < lx + w + 3 && ly < py + ph + 2 && py < ly + h + 2
                        })
                };
                // Where every spot is taken (points too close together to
                // label each), the confidence is left to the data table.
                let Some((lx, ly)) = spots.into_iter().find(free) else { continue };
                placed.push((lx, ly, w, h));
                root.draw(&Text::new(label, (lx, ly), style.font(style.font_size - 3).color(&style.muted)))?;
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
        "{description}{forecast}. Small numbers beside the points are the confidence reported, where it changed."
    );
    Chart { id: id.into(), svg: finish(svg, id, &title, &description, &[]), title, description, empty: None, table }
}

/// Whether the segment from `a` to `b` passes through the box at `x`, `y`
/// (its top left corner), `w` wide and `h` high: sampled every pixel or so,
/// which is exact enough for placing a label.
fn crosses(a: (i32, i32), b: (i32, i32), (x, y, w, h): (i32, i32, i32, i32)) -> bool {
    let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
    let steps = dx.abs().max(dy.abs()).max(1.0).ceil() as i32;
    (0..=steps).any(|i| {
        let f = f64::from(i) / f64::from(steps);
        let (px, py) = (f64::from(a.0) + dx * f, f64::from(a.1) + dy * f);
        px >= f64::from(x - 1) && px <= f64::from(x + w + 1) && py >= f64::from(y - 1) && py <= f64::from(y + h + 1)
    })
}
