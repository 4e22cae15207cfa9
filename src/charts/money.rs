//! Where the money goes: an icicle from the vision through priorities to
//! objectives, each band as wide as the open budget (or FTE) flowing
//! through it, with unaligned spend as its own visible band.

use plotters::prelude::*;

use super::{Chart, ChartStyle, DataTable, UNALIGNED, finish};

/// One objective's share of spend, under its priority.
#[derive(Debug, Clone, PartialEq)]
pub struct MoneyLeaf {
    /// Priority title (`None` for unaligned work).
    pub priority: Option<String>,
    /// Objective title (`None` for unaligned work).
    pub objective: Option<String>,
    /// Amount: budget or FTE.
    pub amount: f64,
}

/// A priority (`None`: unaligned work), its total, and its objectives' totals.
type Branch = (Option<String>, f64, Vec<(String, f64)>);

/// Objectives below this share of their priority are merged into "other".
const MIN_SHARE: f64 = 0.04;

/// Draws the icicle; `format` turns an amount into text (money or FTE) and
/// `measure` names it ("open budget", "FTE").
pub fn where_the_money_goes(
    id: &str,
    leaves: &[MoneyLeaf],
    measure: &str,
    format: &dyn Fn(f64) -> String,
    style: &ChartStyle,
) -> Chart {
    let total: f64 = leaves.iter().map(|l| l.amount).sum();
    if leaves.is_empty() || total <= 0.0 {
        return Chart::empty(id, "Where the money goes", format!("No open project has any {measure} recorded."));
    }
    // Priorities in descending order of amount, unaligned last.
    let mut priorities: Vec<Branch> = Vec::new();
    for leaf in leaves {
        let entry = match priorities.iter_mut().find(|(p, _, _)| *p == leaf.priority) {
            Some(e) => e,
            None => {
                priorities.push((leaf.priority.clone(), 0.0, Vec::new()));
                priorities.last_mut().expect("just pushed")
            }
        };
        entry.1 += leaf.amount;
        let name = leaf.objective.clone().unwrap_or_else(|| "serves no current objective".into());
        match entry.2.iter_mut().find(|(o, _)| *o == name) {
            Some(o) => o.1 += leaf.amount,
            None => entry.2.push((name, leaf.amount)),
        }
    }
    priorities.sort_by(|a, b| {
        a.0.is_none().cmp(&b.0.is_none()).then_with(|| b.1.total_cmp(&a.1)).then_with(|| a.0.cmp(&b.0))
    });
    for (_, sum, objectives) in &mut priorities {
        objectives.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let small: f64 = objectives.iter().filter(|o| o.1 < *sum * MIN_SHARE).map(|o| o.1).sum();
        let n_small = objectives.iter().filter(|o| o.1 < *sum * MIN_SHARE).count();
        if n_small > 1 {
            objectives.retain(|o| o.1 >= *sum * MIN_SHARE);
            objectives.push((format!("{n_small} other objectives"), small));
        }
    }
    let unaligned: f64 = priorities.iter().filter(|p| p.0.is_none()).map(|p| p.1).sum();
    let pct = |v: f64| format!("{:.0}%", v / total * 100.0);
    let title = if unaligned / total >= 0.05 {
        format!("{} of {measure} ({}) serves no current objective", pct(unaligned), format(unaligned))
    } else {
        let top = &priorities[0];
        format!("{} of {measure} goes to {}", pct(top.1), top.0.as_deref().unwrap_or("unaligned work"))
    };
    let mut table = DataTable {
        headers: vec!["Priority".into(), "Objective".into(), measure_title(measure), "Share".into()],
        rows: Vec::new(),
        more: 0,
    };
    for (p, _, objectives) in &priorities {
        for (o, amount) in objectives {
            table.rows.push(vec![
                p.clone().unwrap_or_else(|| UNALIGNED.into()),
                o.clone(),
                format(*amount),
                pct(*amount),
            ]);
        }
    }
    let description = format!(
        "Total {measure} {} from the vision, split by priority and then by objective: {}",
        format(total),
        priorities
            .iter()
            .map(|(p, a, _)| format!("{} {}", p.as_deref().unwrap_or("unaligned work"), pct(*a)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut labels = Vec::new();
    let mut svg = String::new();
    let w = style.width;
    let (left, right) = (10i32, w as i32 - 10);
    let scale = |v: f64| (v / total * (right - left) as f64) as i32;
    // Every block too narrow for its whole name, priority or objective, is
    // numbered and named in the key below: nothing is cut, nothing is left
    // for the reader to hover.
    let keys = priorities
        .iter()
        .map(|(p, amount, objectives)| {
            usize::from(!name_fits(style, p.as_deref().unwrap_or(UNALIGNED), scale(*amount)))
                + match p {
                    Some(_) => objectives.iter().filter(|(o, amount)| !name_fits(style, o, scale(*amount))).count(),
                    None => 0,
                }
        })
        .sum::<usize>() as u32;
    let h = if keys > 0 { 236 + keys * KEY_ROW as u32 } else { 228 };
    let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let (name_size, sub_size) = (style.font_size - 1, style.font_size - 2);
        // Draws a block; its name and amount go inside when the name fits
        // whole, and the block is numbered for the key when it does not.
        let mut keyed: Vec<(usize, RGBColor, String)> = Vec::new();
        let mut band = |y: i32,
                        x0: i32,
                        x1: i32,
                        fill: RGBColor,
                        name: String,
                        sub: String,
                        keyed_as: String|
         -> Result<(), Box<dyn std::error::Error + '_>> {
            root.draw(&Rectangle::new([(x0, y), (x1 - 2, y + 56)], fill.filled()))?;
            let room = f64::from(x1 - x0 - 12);
            if name_fits(style, &name, x1 - x0) {
                let lines = style.metrics.fit(&name, room, super::drawn_size(f64::from(name_size)), 2).lines;
                let two = lines.len() > 1;
                for (k, line) in lines.into_iter().enumerate() {
                    let top = if two { y + 5 + 13 * k as i32 } else { y + 8 };
                    root.draw(&Text::new(line, (x0 + 5, top), style.font(name_size).color(&WHITE)))?;
                }
                if style.metrics.width(&sub, super::drawn_size(f64::from(sub_size))) <= room {
                    let top = if two { y + 37 } else { y + 28 };
                    root.draw(&Text::new(sub, (x0 + 5, top), style.font(sub_size).color(&WHITE)))?;
                }
                return Ok(());
            }
            let n = keyed.len() + 1;
            let digit = n.to_string();
            let size = super::drawn_size(f64::from(name_size));
            let digit_w = style.metrics.width(&digit, size) * 1.1;
            if f64::from(x1 - x0 - 4) >= digit_w {
                let at = ((x0 + x1 - 2) / 2 - (digit_w / 2.0).round() as i32, y + 22);
                root.draw(&Text::new(digit, at, style.font(name_size).style(FontStyle::Bold).color(&WHITE)))?;
            }
            keyed.push((n, fill, keyed_as));
            Ok(())
        };
        band(10, left, right + 2, style.text, "Vision".into(), format!("{measure}: {}", format(total)), String::new())?;
        let mut x = left;
        let shades = [
            style.primary,
            RGBColor(0x0a, 0x5a, 0x8c),
            RGBColor(0x2c, 0x86, 0xc0),
            RGBColor(0x1b, 0x4f, 0x72),
            RGBColor(0x3d, 0x9a, 0xd1),
        ];
        for (i, (p, amount, objectives)) in priorities.iter().enumerate() {
            // The last block ends at the edge, whatever the rounding left.
            let width = if i + 1 == priorities.len() { right + 2 - x } else { scale(*amount) };
            let colour = if p.is_none() { style.bad } else { shades[i % shades.len()] };
            let name = p.clone().unwrap_or_else(|| UNALIGNED.into());
            let sub = format!("{} · {}", format(*amount), pct(*amount));
            band(74, x, x + width, colour, name.clone(), sub.clone(), format!("{name}: {sub}"))?;
            // Unaligned work has no objective: the space under it is empty.
            let mut ox = x;
            for (o, oamount) in objectives.iter().filter(|_| p.is_some()) {
                let ow = scale(*oamount);
                let keyed_as = format!("{o} ({name}): {} · {}", format(*oamount), pct(*oamount));
                band(138, ox, ox + ow, style.secondary, o.clone(), pct(*oamount), keyed_as)?;
                ox += ow;
            }
            x += width;
        }
        root.draw(&Text::new(
            "top: the vision · middle: priorities · bottom: their objectives; width is share of the total",
            (left, 206),
            style.font(style.font_size - 2).color(&style.muted),
        ))?;
        let digit_font = style.font(style.font_size - 2).style(FontStyle::Bold).color(&WHITE);
        for (k, (n, colour, text)) in keyed.iter().enumerate() {
            let y = 230 + k as i32 * KEY_ROW;
            root.draw(&Rectangle::new([(left, y), (left + 20, y + 15)], colour.filled()))?;
            let digit_w = style.metrics.width(&n.to_string(), super::drawn_size(f64::from(style.font_size - 2)));
            root.draw(&Text::new(
                n.to_string(),
                (left + 10 - (digit_w / 2.0).round() as i32, y + 2),
                digit_font.clone(),
            ))?;
            let fitted = style.metrics.fit(
                text,
                f64::from(right - left - 28),
                super::drawn_size(f64::from(style.font_size - 1)),
                1,
            );
            if fitted.cut {
                labels.push((fitted.lines.concat(), text.clone()));
            }
            root.draw(&Text::new(
                fitted.lines.concat(),
                (left + 28, y + 1),
                style.font(style.font_size - 1).color(&style.text),
            ))?;
        }
        root.present()?;
        Ok(())
    })();
    if drawn.is_err() {
        return Chart::empty(id, &title, "The chart could not be drawn.");
    }
    Chart { id: id.into(), svg: finish(svg, id, &title, &description, &labels), title, description, empty: None, table }
}

fn measure_title(measure: &str) -> String {
    let mut c = measure.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

/// Whether a block `width` pixels wide shows `name` whole, in its two lines.
fn name_fits(style: &ChartStyle, name: &str, width: i32) -> bool {
    let room = f64::from(width - 12);
    let drawn = super::drawn_size(f64::from(style.font_size - 1));
    room >= style.metrics.width("Abc…", drawn) && !style.metrics.fit(name, room, drawn, 2).cut
}

/// The height of a line of the key.
const KEY_ROW: i32 = 20;
