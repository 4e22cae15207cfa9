//! A chart's key: what each mark means, laid out to the text's measured
//! width in lines as wide as the chart, so it wraps on a narrow chart
//! instead of running off it. Also the shapes that stand beside colour, so
//! that no status is told by colour alone.

use plotters::prelude::*;

use super::ChartStyle;
use crate::model::Rag;

/// A shape drawn beside or instead of a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Circle,
    /// A circle, its left half filled: amber/green.
    HalfCircle,
    Triangle,
    /// Point down: amber/red.
    TriangleDown,
    Square,
    Diamond,
    Cross,
}

/// How one entry of a key is drawn before its words.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mark {
    /// A line of this colour and stroke width.
    Solid(RGBColor, u32),
    /// A dashed line: colour, dash, gap.
    Dashed(RGBColor, u32, u32),
    /// A filled block, as bars are drawn.
    Swatch(RGBColor),
    /// A shape, filled or drawn in outline.
    Shape(Shape, RGBColor, bool),
    /// Words only: the key explains a kind of label, not a mark.
    Words,
}

/// Length of a sample line and the gap after it.
const SAMPLE: i32 = 30;
/// Width given to a swatch or shape and the gap after it.
const SPOT: i32 = 20;
/// Height of a line of the key.
pub(crate) const KEY_LINE: i32 = 20;
/// Space between entries on a line.
const GAP: i32 = 22;
/// The key's left and right margin.
const MARGIN: i32 = 14;

/// A key laid out for a chart `width` pixels wide.
pub(crate) struct Key {
    placed: Vec<(String, Mark, i32, i32)>,
    /// Its height in pixels.
    pub height: i32,
}

impl Key {
    /// Lays `entries` out from the top left corner in lines no wider than
    /// the chart.
    pub(crate) fn new(entries: Vec<(String, Mark)>, style: &ChartStyle) -> Key {
        let size = key_size(style);
        let mut placed = Vec::new();
        let (mut x, mut line) = (MARGIN, 0);
        for (label, mark) in entries {
            let w = lead(mark) + style.metrics.width(&label, size).ceil() as i32;
            if x > MARGIN && x + w > style.width as i32 - MARGIN {
                (x, line) = (MARGIN, line + 1);
            }
            placed.push((label, mark, x, MARGIN + line * KEY_LINE));
            x += w + GAP;
        }
        let height = if placed.is_empty() { 0 } else { (line + 1) * KEY_LINE };
        Key { placed, height }
    }

    /// Draws the key `top` pixels below the top of `root`.
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, plotters::coord::Shift>,
        style: &ChartStyle,
        top: i32,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let font = style.font(key_size(style) as u32).color(&style.muted);
        for (label, mark, x, y) in &self.placed {
            let (x, y) = (*x, *y + top);
            match *mark {
                Mark::Solid(colour, w) => {
                    root.draw(&PathElement::new(vec![(x, y), (x + 24, y)], colour.stroke_width(w)))?;
                }
                Mark::Dashed(colour, dash, gap) => {
                    root.draw(&plotters::element::DashedPathElement::new(
                        vec![(x, y), (x + 24, y)],
                        dash,
                        gap,
                        colour.stroke_width(2),
                    ))?;
                }
                Mark::Swatch(colour) => {
                    root.draw(&Rectangle::new([(x, y - 6), (x + 14, y + 6)], colour.filled()))?;
                }
                Mark::Shape(shape, colour, filled) => draw_shape(root, shape, (x + 7, y), 6, colour, filled)?,
                Mark::Words => {}
            }
            root.draw(&Text::new(label.as_str(), (x + lead(*mark), y - 7), font.clone()))?;
        }
        Ok(())
    }
}

/// The key's text size: a step below body text, never under the floor.
fn key_size(style: &ChartStyle) -> f64 {
    f64::from((style.font_size - 2).max(super::style::MIN_TEXT))
}

fn lead(mark: Mark) -> i32 {
    match mark {
        Mark::Solid(..) | Mark::Dashed(..) => SAMPLE,
        Mark::Swatch(_) | Mark::Shape(..) => SPOT,
        Mark::Words => 0,
    }
}

/// Draws `shape` centred on `centre`, `r` pixels from centre to edge,
/// filled or in a two-pixel outline.
pub(crate) fn draw_shape<DB: DrawingBackend, C: Color + Copy>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    shape: Shape,
    (x, y): (i32, i32),
    r: i32,
    colour: C,
    filled: bool,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = if filled { colour.filled() } else { colour.stroke_width(2) };
    let outline = |points: Vec<(i32, i32)>| -> Vec<(i32, i32)> {
        let mut closed = points.clone();
        closed.push(points[0]);
        closed
    };
    let points = match shape {
        Shape::Circle => return root.draw(&Circle::new((x, y), r, style)),
        Shape::HalfCircle => {
            // The left half filled, the whole outlined: readable without colour.
            let half: Vec<(i32, i32)> = (0..=12)
                .map(|i| {
                    let a = std::f64::consts::FRAC_PI_2 + std::f64::consts::PI * f64::from(i) / 12.0;
                    (x + (f64::from(r) * a.cos()).round() as i32, y - (f64::from(r) * a.sin()).round() as i32)
                })
                .collect();
            root.draw(&Polygon::new(half, colour.filled()))?;
            return root.draw(&Circle::new((x, y), r, colour.stroke_width(2)));
        }
        Shape::Cross => {
            let stroke = colour.stroke_width(3);
            root.draw(&PathElement::new(vec![(x - r, y - r), (x + r, y + r)], stroke))?;
            return root.draw(&PathElement::new(vec![(x - r, y + r), (x + r, y - r)], stroke));
        }
        Shape::Triangle => vec![(x, y - r), (x + r, y + r - 1), (x - r, y + r - 1)],
        Shape::TriangleDown => vec![(x, y + r), (x + r, y - r + 1), (x - r, y - r + 1)],
        Shape::Square => {
            vec![(x - r + 1, y - r + 1), (x + r - 1, y - r + 1), (x + r - 1, y + r - 1), (x - r + 1, y + r - 1)]
        }
        Shape::Diamond => vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
    };
    if filled { root.draw(&Polygon::new(points, style)) } else { root.draw(&PathElement::new(outline(points), style)) }
}

/// How a reported status is drawn: its colour and the shape that says the
/// same without colour.
pub(crate) fn rag_mark(style: &ChartStyle, rag: Rag) -> (Shape, RGBColor) {
    match rag {
        Rag::Green => (Shape::Circle, style.good),
        Rag::AmberGreen => (Shape::HalfCircle, style.fair),
        Rag::Amber => (Shape::Triangle, style.warn),
        Rag::AmberRed => (Shape::TriangleDown, style.poor),
        Rag::Red => (Shape::Square, style.bad),
    }
}
