//! Dependency graph: projects and what they depend on, in layers from
//! left (needed first) to right, with loops, blocked and late links
//! highlighted. A simple layered layout of our own: longest-path layers,
//! then one barycentre pass to reduce crossings.

use plotters::prelude::*;

use super::{Chart, ChartStyle, DataTable, finish};

/// A project in the graph.
#[derive(Debug, Clone, PartialEq)]
pub struct DepNode {
    /// Project title.
    pub name: String,
    /// Status word.
    pub status: &'static str,
    /// Cancelled, paused or proposed for stopping.
    pub stopped: bool,
}

/// What is wrong with a dependency, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// Fine.
    Normal,
    /// The dependency has stopped.
    Blocked,
    /// The dependency finishes after the dependent.
    Late,
    /// Part of a loop.
    Cycle,
}

/// `dependent` depends on `dependency` (indices into the nodes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DepLink {
    /// The project needed first.
    pub dependency: usize,
    /// The project that needs it.
    pub dependent: usize,
    /// Its state.
    pub kind: LinkKind,
}

/// Nodes beyond this are listed in the table only.
pub const MAX_NODES: usize = 60;

fn layers(n: usize, links: &[DepLink]) -> Vec<usize> {
    // Longest path from the sources; links closing a loop are ignored.
    let mut layer = vec![0usize; n];
    for _ in 0..n.min(64) {
        let mut changed = false;
        for l in links.iter().filter(|l| l.kind != LinkKind::Cycle) {
            if layer[l.dependent] < layer[l.dependency] + 1 && layer[l.dependency] + 1 < n {
                layer[l.dependent] = layer[l.dependency] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    layer
}

/// Draws the graph.
pub fn dependency_graph(nodes: &[DepNode], links: &[DepLink], style: &ChartStyle) -> Chart {
    const ID: &str = "dependency-graph";
    if links.is_empty() {
        return Chart::empty(ID, "Dependencies", "No project depends on another.");
    }
    let troubled = links.iter().filter(|l| l.kind != LinkKind::Normal).count();
    let loops = links.iter().filter(|l| l.kind == LinkKind::Cycle).count();
    let title = if loops > 0 {
        "Some projects wait for each other in a loop".to_string()
    } else if troubled > 0 {
        format!("{troubled} of {} dependencies are blocked or finish too late", links.len())
    } else {
        format!("{} dependencies, none blocked or late", links.len())
    };
    let kind_word = |k: LinkKind| match k {
        LinkKind::Normal => "",
        LinkKind::Blocked => "blocked: the dependency has stopped",
        LinkKind::Late => "late: the dependency finishes after",
        LinkKind::Cycle => "loop",
    };
    let table = DataTable {
        headers: vec!["Project".into(), "Depends on".into(), "Problem".into()],
        rows: links
            .iter()
            .map(|l| {
                vec![nodes[l.dependent].name.clone(), nodes[l.dependency].name.clone(), kind_word(l.kind).to_string()]
            })
            .collect(),
        more: 0,
    };
    let description = format!(
        "Boxes are projects, arrows point from a project to the project that needs it. {} Dashed red: blocked or part of a loop; dashed amber: finishes too late.",
        table
            .rows
            .iter()
            .map(|r| format!(
                "{} depends on {}{}",
                r[0],
                r[1],
                if r[2].is_empty() { String::new() } else { format!(" ({})", r[2]) }
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let n = nodes.len().min(MAX_NODES);
    let links: Vec<DepLink> = links.iter().copied().filter(|l| l.dependency < n && l.dependent < n).collect();
    let layer = layers(n, &links);
    let columns = layer.iter().max().map_or(1, |m| m + 1);
    let mut by_layer: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for (i, l) in layer.iter().enumerate() {
        by_layer[*l].push(i);
    }
    // One barycentre pass: order each layer by the mean position of its dependencies.
    for c in 1..columns {
        let previous: Vec<usize> = by_layer[c - 1].clone();
        let position = |node: usize| previous.iter().position(|p| *p == node).map(|p| p as f64);
        let key = |node: usize| {
            let ps: Vec<f64> =
                links.iter().filter(|l| l.dependent == node).filter_map(|l| position(l.dependency)).collect();
            if ps.is_empty() { f64::MAX } else { ps.iter().sum::<f64>() / ps.len() as f64 }
        };
        by_layer[c].sort_by(|a, b| key(*a).total_cmp(&key(*b)).then(a.cmp(b)));
    }
    let tallest = by_layer.iter().map(Vec::len).max().unwrap_or(1) as i32;
    // Room for a name in two lines above its status.
    let (box_w, box_h, gap_y) = (150i32, 48i32, 14i32);
    let gap_x = ((style.width as i32 - 20 - box_w * columns as i32) / (columns as i32 - 1).max(1)).max(30);
    let width = (20 + box_w * columns as i32 + gap_x * (columns as i32 - 1)).max(style.width as i32) as u32;
    let height = (40 + tallest * (box_h + gap_y) + 20) as u32;
    let mut at = vec![(0i32, 0i32); n];
    for (c, members) in by_layer.iter().enumerate() {
        for (r, node) in members.iter().enumerate() {
            at[*node] = (10 + c as i32 * (box_w + gap_x), 40 + r as i32 * (box_h + gap_y));
        }
    }
    let mut labels = Vec::new();
    let mut svg = String::new();
    let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.draw(&Text::new(
            "needed first → needed later · red dashed: blocked or loop · amber dashed: late",
            (10, 10),
            style.font(style.font_size - 1).color(&style.muted),
        ))?;
        for l in &links {
            let (fx, fy) = at[l.dependency];
            let (tx, ty) = at[l.dependent];
            let from = (fx + box_w, fy + box_h / 2);
            let to = (tx, ty + box_h / 2);
            let (colour, dashed) = match l.kind {
                LinkKind::Normal => (style.muted, false),
                LinkKind::Blocked | LinkKind::Cycle => (style.bad, true),
                LinkKind::Late => (style.warn, true),
            };
            let stroke = colour.stroke_width(if dashed { 3 } else { 2 });
            if dashed {
                root.draw(&plotters::element::DashedPathElement::new(vec![from, to], 6, 4, stroke))?;
            } else {
                root.draw(&PathElement::new(vec![from, to], stroke))?;
            }
            // Arrow head at the dependent.
            let (dx, dy) = ((to.0 - from.0) as f64, (to.1 - from.1) as f64);
            let len = (dx * dx + dy * dy).sqrt().max(1.0);
            let (ux, uy) = (dx / len, dy / len);
            let p = |a: f64, b: f64| ((to.0 as f64 + a) as i32, (to.1 as f64 + b) as i32);
            root.draw(&Polygon::new(
                vec![
                    p(0.0, 0.0),
                    p(-10.0 * ux - 5.0 * uy, -10.0 * uy + 5.0 * ux),
                    p(-10.0 * ux + 5.0 * uy, -10.0 * uy - 5.0 * ux),
                ],
                colour.filled(),
            ))?;
        }
        for (i, node) in nodes.iter().take(n).enumerate() {
            let (x, y) = at[i];
            let border = if node.stopped { style.bad } else { style.muted };
            root.draw(&Rectangle::new([(x, y), (x + box_w, y + box_h)], WHITE.filled()))?;
            root.draw(&Rectangle::new(
                [(x, y), (x + box_w, y + box_h)],
                border.stroke_width(if node.stopped { 3 } else { 1 }),
            ))?;
            let size = style.font_size - 2;
            let name = style.metrics.fit(&node.name, f64::from(box_w - 12), super::drawn_size(f64::from(size)), 2);
            if name.cut {
                labels.push((name.lines.last().cloned().unwrap_or_default(), node.name.clone()));
            }
            let line_h = size as i32 + 2;
            for (k, line) in name.lines.into_iter().enumerate() {
                let font = style.font(size).color(&style.text);
                root.draw(&Text::new(line, (x + 6, y + 4 + k as i32 * line_h), font))?;
            }
            let status = if node.stopped { format!("■ {}", node.status) } else { node.status.to_string() };
            root.draw(&Text::new(
                status,
                (x + 6, y + 6 + 2 * line_h),
                style.font(style.font_size - 3).color(if node.stopped { &style.bad } else { &style.muted }),
            ))?;
        }
        root.present()?;
        Ok(())
    })();
    if drawn.is_err() {
        return Chart::empty(ID, &title, "The chart could not be drawn.");
    }
    Chart { id: ID.into(), svg: finish(svg, ID, &title, &description, &labels), title, description, empty: None, table }
}
