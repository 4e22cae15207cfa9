//! Smaller SVG from plotters, drawn the same.
//!
//! plotters writes every element on lines of its own with every attribute
//! spelled out: each dash of a dashed line is a polyline, each grid line a
//! `<line>`, each label repeats the font family and an unrounded size.
//! An objective's trend charts were most of its page's bytes, and pages
//! are most of what a build writes, so the charts are compacted once,
//! where they are made. Every step keeps the picture identical: default
//! attributes are dropped, the font family moves to the `<svg>` element
//! (labels inherit it), and consecutive strokes of one style become the
//! sub-paths of one `<path>`.

/// The compacted form of plotters' `svg`.
pub(crate) fn compact(svg: &str) -> String {
    let font = first_attribute(svg, "font-family");
    let mut out = String::with_capacity(svg.len() / 2);
    let mut strokes = Strokes::default();
    let mut in_text = false;
    for (n, raw) in svg.lines().enumerate() {
        let line = tidy(raw, font);
        if in_text {
            if line.trim() == "</text>" {
                out.push_str("</text>\n");
                in_text = false;
            } else {
                // A label's own line: SVG shows its surrounding newlines as
                // nothing, so the label joins its tags.
                if !out.ends_with('>') {
                    out.push(' ');
                }
                out.push_str(line.trim());
            }
            continue;
        }
        if let Some((style, d)) = stroke(&line) {
            strokes.add(&mut out, style, &d);
            continue;
        }
        strokes.flush(&mut out);
        if n == 0 {
            out.push_str(&with_font(&line, font));
        } else {
            out.push_str(&line);
        }
        if line.starts_with("<text") && !line.ends_with("/>") && !line.contains("</text>") {
            in_text = true;
        } else {
            out.push('\n');
        }
    }
    strokes.flush(&mut out);
    if !svg.ends_with('\n') && out.ends_with('\n') {
        out.pop();
    }
    out
}

/// The value of the first `name="…"` attribute in `svg`.
fn first_attribute<'a>(svg: &'a str, name: &str) -> Option<&'a str> {
    let start = svg.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = svg[start..].find('"')?;
    Some(&svg[start..start + len])
}

/// The `<svg>` opening tag carrying the font family its labels inherit.
fn with_font(line: &str, font: Option<&str>) -> String {
    match font {
        Some(font) if line.starts_with("<svg ") => match line.find('>') {
            Some(end) => format!("{} font-family=\"{font}\"{}", &line[..end], &line[end..]),
            None => line.to_string(),
        },
        _ => line.to_string(),
    }
}

/// `line` without default opacity, without the inherited font family, and
/// with its font size rounded to hundredths of a pixel.
fn tidy(line: &str, font: Option<&str>) -> String {
    let mut line = line.replace(" opacity=\"1\"", "");
    if let Some(font) = font {
        line = line.replace(&format!(" font-family=\"{font}\""), "");
    }
    round_font_size(&line)
}

fn round_font_size(line: &str) -> String {
    let Some(start) = line.find(" font-size=\"").map(|i| i + 12) else { return line.to_string() };
    let Some(len) = line[start..].find('"') else { return line.to_string() };
    let value = &line[start..start + len];
    let Ok(size) = value.parse::<f64>() else { return line.to_string() };
    let rounded = format!("{size:.2}");
    let rounded = rounded.trim_end_matches('0').trim_end_matches('.');
    if rounded.len() >= value.len() {
        return line.to_string();
    }
    format!("{}{rounded}{}", &line[..start], &line[start + len..])
}

/// A `<polyline>` or `<line>` of full opacity as its style (every other
/// attribute) and its path data; `None` for anything else.
fn stroke(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    if line.contains("opacity") || !line.ends_with("/>") {
        return None;
    }
    if let Some(rest) = line.strip_prefix("<polyline ") {
        let start = rest.find("points=\"")?;
        let len = rest[start + 8..].find('"')?;
        let points: Vec<&str> = rest[start + 8..start + 8 + len].split_whitespace().collect();
        if points.len() < 2 || points.iter().any(|p| !is_point(p)) {
            return None;
        }
        let style =
            format!("{}{}", &rest[..start], rest[start + 8 + len + 1..].trim_end_matches("/>")).trim().to_string();
        return Some((style, format!("M{}L{}", points[0], points[1..].join(" "))));
    }
    if let Some(rest) = line.strip_prefix("<line ") {
        let mut style = Vec::new();
        let mut ends = [None; 4];
        for attribute in rest.trim_end_matches("/>").split_whitespace() {
            let (name, value) = attribute.split_once('=')?;
            let slot = ["x1", "y1", "x2", "y2"].iter().position(|n| *n == name);
            match slot {
                Some(i) => ends[i] = Some(value.trim_matches('"')),
                None => style.push(attribute),
            }
        }
        let [Some(x1), Some(y1), Some(x2), Some(y2)] = ends else { return None };
        if ![x1, y1, x2, y2].iter().all(|v| v.parse::<f64>().is_ok()) {
            return None;
        }
        return Some((style.join(" "), format!("M{x1},{y1}L{x2},{y2}")));
    }
    None
}

fn is_point(text: &str) -> bool {
    text.split_once(',').is_some_and(|(x, y)| x.parse::<f64>().is_ok() && y.parse::<f64>().is_ok())
}

/// Consecutive strokes of one style, gathered into one path.
#[derive(Default)]
struct Strokes {
    style: String,
    d: String,
}

impl Strokes {
    fn add(&mut self, out: &mut String, style: String, d: &str) {
        if style != self.style {
            self.flush(out);
            self.style = style;
        }
        self.d.push_str(d);
    }

    fn flush(&mut self, out: &mut String) {
        if self.d.is_empty() {
            return;
        }
        out.push_str(&format!("<path {} d=\"{}\"/>\n", self.style, self.d));
        self.d.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FONT: &str = "system-ui, sans-serif";

    fn plotters_like(body: &str) -> String {
        format!(
            "<svg width=\"10\" height=\"10\" viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\">\n{body}</svg>\n"
        )
    }

    #[test]
    fn dashes_of_one_style_become_one_path() {
        let svg = plotters_like(concat!(
            "<polyline fill=\"none\" opacity=\"1\" stroke=\"#999999\" stroke-width=\"2\" points=\"1,2 3,4 \"/>\n",
            "<polyline fill=\"none\" opacity=\"1\" stroke=\"#999999\" stroke-width=\"2\" points=\"5,6 7,8 \"/>\n",
            "<polyline fill=\"none\" opacity=\"1\" stroke=\"#000000\" stroke-width=\"2\" points=\"0,0 1,1 2,2 \"/>\n",
        ));
        let out = compact(&svg);
        assert!(
            out.contains("<path fill=\"none\" stroke=\"#999999\" stroke-width=\"2\" d=\"M1,2L3,4M5,6L7,8\"/>"),
            "{out}"
        );
        assert!(
            out.contains("<path fill=\"none\" stroke=\"#000000\" stroke-width=\"2\" d=\"M0,0L1,1 2,2\"/>"),
            "{out}"
        );
        assert!(!out.contains("polyline"), "{out}");
    }

    #[test]
    fn grid_lines_become_one_path() {
        let svg = plotters_like(concat!(
            "<line opacity=\"1\" stroke=\"#E3E7ED\" stroke-width=\"1\" x1=\"86\" y1=\"215\" x2=\"86\" y2=\"14\"/>\n",
            "<line opacity=\"1\" stroke=\"#E3E7ED\" stroke-width=\"1\" x1=\"90\" y1=\"215\" x2=\"90\" y2=\"14\"/>\n",
        ));
        let out = compact(&svg);
        assert!(
            out.contains("<path stroke=\"#E3E7ED\" stroke-width=\"1\" d=\"M86,215L86,14M90,215L90,14\"/>"),
            "{out}"
        );
    }

    #[test]
    fn translucent_strokes_are_left_alone() {
        // Overlapping translucent strokes darken where they cross; one path
        // would not.
        let line =
            "<polyline fill=\"none\" opacity=\"0.5\" stroke=\"#000000\" stroke-width=\"2\" points=\"1,2 3,4 \"/>";
        let out = compact(&plotters_like(&format!("{line}\n{line}\n")));
        assert_eq!(out.matches(line).count(), 2, "{out}");
    }

    #[test]
    fn labels_inherit_the_font_and_keep_their_words() {
        let svg = plotters_like(&format!(
            "<text x=\"1\" y=\"2\" font-family=\"{FONT}\" font-size=\"9.67741935483871\" opacity=\"1\" fill=\"#5B6472\">\n01 Oct\n</text>\n\
             <text x=\"1\" y=\"2\" font-family=\"serif\" font-size=\"12\" fill=\"#5B6472\">\nother\n</text>\n"
        ));
        let out = compact(&svg);
        assert!(out.starts_with(&format!("<svg width=\"10\" height=\"10\" viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"{FONT}\">")), "{out}");
        assert!(out.contains("<text x=\"1\" y=\"2\" font-size=\"9.68\" fill=\"#5B6472\">01 Oct</text>\n"), "{out}");
        assert!(out.contains("font-family=\"serif\" font-size=\"12\" fill=\"#5B6472\">other</text>"), "{out}");
    }

    #[test]
    fn a_label_with_a_tooltip_stays_whole() {
        let svg = plotters_like(&format!(
            "<text x=\"1\" y=\"2\" font-family=\"{FONT}\"><title>A long name</title>\nA lo…\n</text>\n"
        ));
        let out = compact(&svg);
        assert!(out.contains("<text x=\"1\" y=\"2\"><title>A long name</title>A lo…</text>"), "{out}");
    }

    #[test]
    fn everything_else_is_kept_as_written() {
        let body = "<rect x=\"1\" y=\"1\" width=\"3\" height=\"3\" fill=\"#009E73\" stroke=\"none\"/>\n<circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"#0072B2\"/>\n";
        let out = compact(&plotters_like(body));
        assert!(out.contains(body), "{out}");
        assert!(out.ends_with("</svg>\n"), "{out}");
    }
}
