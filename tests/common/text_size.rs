//! The size text prints at in a PDF, read from poppler's text boxes
//! (`pdftotext -bbox-layout`), for tests that hold the packs to a type floor.

use std::path::Path;
use std::process::Command;

/// A text box's height per point of font size in typst's PDFs: the font's
/// typographic ascent plus descent, 0.9385 em for Liberation Sans.
#[allow(dead_code)]
pub const TYPST_EM: f64 = 0.9385;

/// Every line of text in `pdf` printed under `floor` points, with its page
/// and size, where a box `em` points high holds one point of type. A line
/// taller than wide is set sideways (a chart's rotated labels): its width
/// is then its height.
pub fn text_under(pdf: &Path, floor: f64, em: f64) -> Vec<(usize, f64, String)> {
    lines(pdf)
        .into_iter()
        .filter_map(|(page, height, text)| {
            let size = height / em;
            (size < floor).then(|| (page, (size * 10.0).round() / 10.0, text))
        })
        .collect()
}

/// The box height of the first line whose text is `text`, for finding `em`
/// from text of a known size (a running header).
#[allow(dead_code)]
pub fn line_height(pdf: &Path, text: &str) -> Option<f64> {
    lines(pdf).into_iter().find(|(_, _, t)| t == text).map(|(_, height, _)| height)
}

/// Every line of text: its page, its height (its width if set sideways)
/// and its words.
fn lines(pdf: &Path) -> Vec<(usize, f64, String)> {
    let output = Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (Debian: `apt-get install poppler-utils`)");
    let layout = String::from_utf8_lossy(&output.stdout);
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).expect("a coordinate") + name.len() + 2;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    let mut found = Vec::new();
    for (page, body) in layout.split("<page ").skip(1).enumerate() {
        for line in body.split("<line ").skip(1) {
            let line = &line[..line.find("</line>").expect("a closed line")];
            let words: Vec<&str> = line
                .split("<word ")
                .skip(1)
                .filter_map(|w| w.split_once('>'))
                .map(|(_, t)| t.split('<').next().unwrap())
                .collect();
            let text = words.join(" ");
            let (w, h) = (attr(line, "xMax") - attr(line, "xMin"), attr(line, "yMax") - attr(line, "yMin"));
            // One letter, upright or sideways, is as tall as its box's
            // larger side (its advance is at most about an em); a longer
            // line is sideways when it is taller than wide.
            let height = match text.chars().filter(|c| !c.is_whitespace()).count() {
                0 | 1 => w.max(h),
                _ if h > w => w,
                _ => h,
            };
            found.push((page + 1, height, text));
        }
    }
    found
}
