//! Charts: plain data in, accessible SVG out.
//!
//! Every chart is a pure function from a small data struct to a [`Chart`]:
//! an SVG string drawn with plotters' in-memory SVG backend, a title that
//! states the finding, a description for screen readers and a plain data
//! table for the page. No I/O, no clock, and the same data always gives the
//! same bytes. Status is never shown by colour alone: every coloured mark
//! also carries a shape or a label. The palette is colour-blind safe
//! (Okabe–Ito) and keeps distinct lightness so charts print in greyscale.

mod bullet;
mod compact;
mod dependencies;
mod intent;
mod key;
mod matrix;
mod money;
mod portfolio_map;
mod roadmap;
mod status;
mod style;
mod text;
mod trend;

use serde::Serialize;

pub use bullet::{BulletRow, okr_bullets};
pub use dependencies::{DepLink, DepNode, LinkKind, dependency_graph};
pub use intent::{IntentRow, intent_vs_reality};
pub use matrix::{MatrixData, alignment_matrix};
pub use money::{MoneyLeaf, where_the_money_goes};
pub use portfolio_map::{MapPoint, portfolio_map};
pub use roadmap::{RoadmapMilestone, RoadmapRow, roadmap};
pub use status::{StatusCount, status_over_time};
pub use style::ChartStyle;
pub use text::{Fitted, Metrics};
pub use trend::{TrendData, TrendPoint, key_result_trend};

/// The name charts give to work serving no current objective.
pub const UNALIGNED: &str = "Unaligned work";

/// A rendered chart, ready for a page or a pack.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// Stable id, unique on a page (`intent-vs-reality`).
    pub id: String,
    /// The finding in one sentence, shown as the chart's heading.
    pub title: String,
    /// What the chart shows, for screen readers.
    pub description: String,
    /// The SVG; empty when there is nothing to show.
    pub svg: String,
    /// Why there is nothing to show, when the data is empty.
    pub empty: Option<String>,
    /// The same data as a table.
    pub table: DataTable,
}

impl Chart {
    /// The same chart under another id, for showing it twice on one page
    /// (ids label the SVG for screen readers and must be unique).
    pub fn renamed(mut self, id: &str) -> Chart {
        for part in ["title", "desc"] {
            self.svg = self.svg.replace(&format!("{}-{part}", self.id), &format!("{id}-{part}"));
        }
        self.id = id.to_string();
        self
    }
}

/// A chart's data as rows and columns, for the table beside it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DataTable {
    /// Column headings.
    pub headers: Vec<String>,
    /// Rows of cells, already formatted.
    pub rows: Vec<Vec<String>>,
    /// Rows left out (see [`Chart::with_table_limit`]).
    pub more: usize,
}

impl Chart {
    /// The chart with at most `limit` rows in its data table: a chart of
    /// every project would otherwise carry a table as long as the
    /// portfolio. The table says how many rows it leaves out.
    pub fn with_table_limit(mut self, limit: usize) -> Chart {
        self.table.more += self.table.rows.len().saturating_sub(limit);
        self.table.rows.truncate(limit);
        self
    }

    /// A chart with nothing to draw, and the reason.
    pub fn empty(id: &str, title: &str, reason: impl Into<String>) -> Chart {
        Chart {
            id: id.to_string(),
            title: title.to_string(),
            description: String::new(),
            svg: String::new(),
            empty: Some(reason.into()),
            table: DataTable::default(),
        }
    }
}

/// Draws `text` in at most `lines` lines no wider than `width` pixels, the
/// block centred on `y`, at `size` pixels in `font`; a label shortened to
/// fit is noted in `labels`, so its full text becomes its tooltip.
#[allow(clippy::too_many_arguments)]
pub(crate) fn draw_label<DB: plotters::prelude::DrawingBackend>(
    root: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    style: &ChartStyle,
    text: &str,
    (x, y): (i32, i32),
    width: f64,
    lines: usize,
    font: plotters::style::TextStyle<'_>,
    labels: &mut Vec<(String, String)>,
) -> Result<(), plotters::drawing::DrawingAreaErrorKind<DB::ErrorType>> {
    let drawn = match font.font.get_size() {
        s if s > 0.0 => s / PLOTTERS_SCALE,
        _ => f64::from(style.font_size),
    };
    let fitted = style.metrics.fit(text, width, drawn, lines);
    let line_h = (drawn * 1.25).round() as i32;
    let n = fitted.lines.len() as i32;
    // plotters places a label by its top.
    let top = y - (n * line_h) / 2 + (line_h - drawn.round() as i32) / 2;
    if fitted.cut
        && let Some(last) = fitted.lines.last()
    {
        labels.push((last.clone(), text.to_string()));
    }
    for (i, line) in fitted.lines.into_iter().enumerate() {
        root.draw(&plotters::element::Text::new(line, (x, top + i as i32 * line_h), font.clone()))?;
    }
    Ok(())
}

/// plotters' SVG writes a font size given to it divided by this.
pub(crate) const PLOTTERS_SCALE: f64 = 1.24;

/// The size in pixels a chart's text of `size` is drawn at (see
/// [`ChartStyle::font`]).
pub(crate) fn drawn_size(size: f64) -> f64 {
    size.max(f64::from(style::MIN_TEXT))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Makes plotters' SVG accessible and responsive: `role="img"`, a
/// `<title>` and `<desc>` referenced by `aria-labelledby`, a width that
/// follows its container, and the full text of truncated labels as
/// tooltips; then compacts it ([`compact`]).
pub(crate) fn finish(
    svg: String,
    id: &str,
    title: &str,
    description: &str,
    full_labels: &[(String, String)],
) -> String {
    let Some(open_end) = svg.find('>') else { return svg };
    let (open, rest) = svg.split_at(open_end);
    // The width it is drawn at, for pages that never show it narrower.
    let width = open.split(" width=\"").nth(1).and_then(|w| w.split('"').next()).unwrap_or("760").to_string();
    let open = open
        .replacen("<svg ", &format!("<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart\" style=\"--chart-width: {width}px\" "), 1)
        .replacen(" width=\"", " data-width=\"", 1)
        .replacen(" height=\"", " data-height=\"", 1);
    let mut out = format!(
        "{open}><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        escape(title),
        escape(description),
        &rest[1..]
    );
    for (shown, full) in full_labels {
        // plotters writes `<text …>\nlabel\n</text>`.
        let needle = format!(">\n{}\n</text>", escape(shown));
        let with_tip = format!("><title>{}</title>\n{}\n</text>", escape(full), escape(shown));
        out = out.replace(&needle, &with_tip);
    }
    compact::compact(&out)
}

#[cfg(test)]
mod tests;
