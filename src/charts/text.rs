//! Label text measured with the theme's own font, so charts lay labels out
//! to the room they have: a label wraps onto a second line before it is
//! shortened, and is shortened only when two lines cannot hold it.
//!
//! Charts name the theme's font first (Liberation Sans, whose widths are
//! those of Arial and Helvetica), so the widths measured here are the widths
//! a browser and the PDF draw.

use std::collections::HashMap;
use std::sync::Arc;

/// Advance widths of a font's characters, in ems.
#[derive(Clone)]
pub struct Metrics {
    widths: Arc<HashMap<char, f32>>,
    /// For a character the font lacks: the width of an average letter.
    fallback: f32,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").field("characters", &self.widths.len()).finish()
    }
}

/// The regular face of the default theme's font.
static DEFAULT_FONT: &[u8] = include_bytes!("../../themes/default/fonts/LiberationSans-Regular.ttf");

impl Default for Metrics {
    fn default() -> Self {
        Metrics::from_font(DEFAULT_FONT).expect("the built-in font is a font")
    }
}

impl Metrics {
    /// The widths of a TrueType or OpenType font; `None` if it is not one.
    pub fn from_font(bytes: &[u8]) -> Option<Metrics> {
        let face = ttf_parser::Face::parse(bytes, 0).ok()?;
        let em = f32::from(face.units_per_em());
        let mut widths = HashMap::new();
        for table in face.tables().cmap?.subtables {
            if !table.is_unicode() {
                continue;
            }
            table.codepoints(|code| {
                let Some(c) = char::from_u32(code) else { return };
                if let Some(advance) = table.glyph_index(code).and_then(|g| face.glyph_hor_advance(g)) {
                    widths.insert(c, f32::from(advance) / em);
                }
            });
        }
        let fallback = widths.get(&'n').copied().unwrap_or(0.55);
        Some(Metrics { widths: Arc::new(widths), fallback })
    }

    /// The width of `text` at `size` pixels in the regular face (bold runs
    /// wider: callers leave it room).
    pub fn width(&self, text: &str, size: f64) -> f64 {
        let ems: f32 = text.chars().map(|c| self.char_width(c)).sum();
        f64::from(ems) * size
    }

    fn char_width(&self, c: char) -> f32 {
        match self.widths.get(&c) {
            Some(w) => *w,
            // Wide scripts (CJK, Hangul, full-width forms) take a full em.
            None if is_wide(c) => 1.0,
            None => self.fallback,
        }
    }

    /// `text` laid out in at most `lines` lines of at most `width` pixels
    /// at `size` pixels: wrapped at spaces (a word too long for a line is
    /// broken), and shortened with "…" only when it still does not fit.
    pub fn fit(&self, text: &str, width: f64, size: f64, lines: usize) -> Fitted {
        let fits = |s: &str| self.width(s, size) <= width;
        let lines = lines.max(1);
        let mut out: Vec<String> = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
            if fits(&candidate) {
                current = candidate;
                continue;
            }
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            // A word wider than a whole line is shortened there, unless it
            // is in a script written without spaces, which breaks anywhere.
            if !fits(word) && !word.chars().any(is_wide) {
                out.push(word.to_string());
                return self.shortened(out, width, size, lines);
            }
            let mut rest = word;
            while !fits(rest) {
                let cut = rest
                    .char_indices()
                    .map(|(i, c)| i + c.len_utf8())
                    .take_while(|end| fits(&rest[..*end]))
                    .last()
                    .unwrap_or_else(|| rest.chars().next().map_or(rest.len(), char::len_utf8));
                out.push(rest[..cut].to_string());
                rest = &rest[cut..];
                if rest.is_empty() {
                    break;
                }
            }
            current = rest.to_string();
        }
        if !current.is_empty() {
            out.push(current);
        }
        if out.len() <= lines {
            return Fitted { lines: out, cut: false };
        }
        self.shortened(out, width, size, lines)
    }

    /// The first `lines` of `out`, the last ending in "…".
    fn shortened(&self, out: Vec<String>, width: f64, size: f64, lines: usize) -> Fitted {
        let fits = |s: &str| self.width(s, size) <= width;
        let keep = out.len().min(lines);
        let mut kept: Vec<String> = out[..keep - 1].to_vec();
        let mut last: String = out[keep - 1..].join(" ");
        while !last.is_empty() && !fits(&format!("{last}…")) {
            last.pop();
        }
        kept.push(format!("{}…", last.trim_end()));
        Fitted { lines: kept, cut: true }
    }
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// A label laid out in lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// The lines, top first.
    pub lines: Vec<String>,
    /// Whether text was left out (the last line then ends in "…").
    pub cut: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn widths_are_the_fonts_own() {
        let m = Metrics::default();
        // Liberation Sans shares Arial's widths: "W" is much wider than "i".
        assert!(m.width("W", 10.0) > 3.0 * m.width("i", 10.0));
        assert!((m.width("mmmm", 13.0) - 4.0 * m.width("m", 13.0)).abs() < 1e-9);
        // Accented and Cyrillic letters are in the font; CJK takes an em.
        assert!((m.width("é", 10.0) - m.width("e", 10.0)).abs() < 0.01);
        assert!(m.width("Ж", 10.0) > 0.0);
        assert!((m.width("東京", 10.0) - 20.0).abs() < 0.01);
    }

    #[test]
    fn a_label_wraps_before_it_is_shortened() {
        let m = Metrics::default();
        let label = "Workforce wellbeing and retention";
        let one_line = m.width(label, 13.0);
        assert_eq!(m.fit(label, one_line + 1.0, 13.0, 2), Fitted { lines: vec![label.into()], cut: false });
        let two = m.fit(label, m.width("Workforce wellbeing and", 13.0) + 1.0, 13.0, 2);
        assert_eq!(two.lines, ["Workforce wellbeing and", "retention"]);
        assert!(!two.cut);
        let cut = m.fit(label, m.width("Workforce wellbeing", 13.0) + 1.0, 13.0, 1);
        assert!(cut.cut && cut.lines.len() == 1 && cut.lines[0].starts_with("Workforce wellbei"), "{cut:?}");
        assert!(cut.lines[0].ends_with('…'), "{cut:?}");
    }

    #[test]
    fn a_word_wider_than_the_line_is_shortened_but_text_without_spaces_breaks() {
        let m = Metrics::default();
        let f = m.fit("Financial sustainability", m.width("Financ", 13.0), 13.0, 2);
        assert!(f.cut && f.lines.len() == 1 && f.lines[0].ends_with('…'), "no word split in two: {f:?}");
        let f = m.fit("東京と大阪の外来待ち時間", m.width("東京と大阪", 13.0) + 0.5, 13.0, 4);
        assert_eq!(f.lines, ["東京と大阪", "の外来待ち", "時間"]);
    }

    proptest! {
        /// Every line fits its width, and text is only left out when the
        /// lines cannot hold it.
        #[test]
        fn lines_fit_and_nothing_is_lost_without_saying(
            words in proptest::collection::vec("[a-zA-Zéø東Ж]{1,14}", 1..8),
            width in 40.0f64..400.0,
            lines in 1usize..4,
        ) {
            let m = Metrics::default();
            let text = words.join(" ");
            let f = m.fit(&text, width, 13.0, lines);
            prop_assert!(f.lines.len() <= lines);
            for line in &f.lines {
                // A single character wider than the line is the one exception.
                prop_assert!(m.width(line, 13.0) <= width || line.chars().count() <= 2, "{line:?}");
            }
            if !f.cut {
                prop_assert_eq!(f.lines.join("").replace(' ', ""), text.replace(' ', ""));
            }
            // Text is only cut when it does not fit in one line at all, or
            // its words do not fit in the lines it has.
            if f.cut && lines > 1 {
                prop_assert!(m.width(&text, 13.0) > width);
            }
        }
    }
}
