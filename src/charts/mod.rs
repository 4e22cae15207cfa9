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
mod matrix;
mod money;
mod portfolio_map;
mod roadmap;
mod status;
mod style;
mod trend;

use serde::Serialize;

pub use bullet::{BulletRow, okr_bullets};
pub use dependencies::{DepLink, DepNode, LinkKind, dependency_graph};
pub use intent::{IntentRow, intent_vs_reality};
pub use matrix::{MatrixData, alignment_matrix};
pub use money::{MoneyLeaf, where_the_money_goes};
pub use portfolio_map::{MapPoint, portfolio_map};
pub use roadmap::{RoadmapRow, roadmap};
pub use status::{StatusCount, status_over_time};
pub use style::ChartStyle;
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

/// Shortens a label to `max` characters with an ellipsis; returns the
/// label and whether it was cut.
pub fn truncate(label: &str, max: usize) -> (String, bool) {
    if label.chars().count() <= max {
        return (label.to_string(), false);
    }
    let cut: String = label.chars().take(max.saturating_sub(1)).collect();
    (format!("{}…", cut.trim_end()), true)
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
    let open = open
        .replacen("<svg ", &format!("<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart\" "), 1)
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
