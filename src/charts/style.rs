//! Colours, fonts and sizes shared by every chart.

use plotters::style::RGBColor;

/// The look of charts. The defaults follow the default theme; a theme can
/// replace them so charts match house style.
#[derive(Debug, Clone)]
pub struct ChartStyle {
    /// Font family list for all text.
    pub font: String,
    /// Body text size in pixels.
    pub font_size: u32,
    /// Text colour.
    pub text: RGBColor,
    /// Secondary text and axes.
    pub muted: RGBColor,
    /// Grid lines and tracks.
    pub grid: RGBColor,
    /// Good / on track / green.
    pub good: RGBColor,
    /// Amber/green, the five-point scale's step between green and amber.
    pub fair: RGBColor,
    /// Warning / at risk / amber.
    pub warn: RGBColor,
    /// Amber/red, the step between amber and red.
    pub poor: RGBColor,
    /// Bad / off track / red.
    pub bad: RGBColor,
    /// Neutral marks (intended, not measured).
    pub neutral: RGBColor,
    /// The main data colour.
    pub primary: RGBColor,
    /// A second data colour.
    pub secondary: RGBColor,
    /// Chart width in pixels (height depends on the chart).
    pub width: u32,
    /// The widths of the font's letters, for laying labels out.
    pub metrics: super::Metrics,
}

impl Default for ChartStyle {
    /// Okabe–Ito colours: distinguishable with every common colour-vision
    /// deficiency, and of different lightness for greyscale print.
    fn default() -> Self {
        ChartStyle {
            // The theme's font first: labels are measured with it.
            font: "Liberation Sans, Arial, Helvetica, sans-serif".into(),
            font_size: 13,
            text: RGBColor(0x16, 0x19, 0x1f),
            muted: RGBColor(0x5b, 0x64, 0x72),
            grid: RGBColor(0xe3, 0xe7, 0xed),
            good: RGBColor(0x00, 0x9e, 0x73),
            fair: RGBColor(0x7a, 0x9a, 0x01),
            warn: RGBColor(0xe6, 0x9f, 0x00),
            poor: RGBColor(0xdd, 0x7c, 0x00),
            bad: RGBColor(0xd5, 0x5e, 0x00),
            neutral: RGBColor(0x99, 0x99, 0x99),
            primary: RGBColor(0x00, 0x72, 0xb2),
            secondary: RGBColor(0x56, 0xb4, 0xe9),
            width: 760,
            metrics: super::Metrics::default(),
        }
    }
}

impl ChartStyle {
    /// Gives a chart's axes and grid the house look: muted labels and axis
    /// titles, major grid lines only, in the grid colour.
    pub(crate) fn mesh<'b, X, Y, DB>(&'b self, mesh: &mut plotters::chart::MeshStyle<'_, 'b, X, Y, DB>)
    where
        X: plotters::coord::ranged1d::Ranged,
        Y: plotters::coord::ranged1d::Ranged,
        DB: plotters::prelude::DrawingBackend,
    {
        mesh.axis_desc_style(self.font(self.font_size - 1).color(&self.muted))
            .label_style(self.font(self.font_size - 1).color(&self.muted))
            .light_line_style(plotters::style::colors::TRANSPARENT)
            .bold_line_style(self.grid)
            .axis_style(self.muted);
    }

    /// A font of this style drawn at `size` pixels, never below
    /// [`MIN_TEXT`]. plotters takes sizes as points and writes pixels (1.24
    /// to one), so the size is given to it in its own unit.
    pub(crate) fn font(&self, size: u32) -> plotters::style::FontDesc<'_> {
        use plotters::style::IntoFont;
        (self.font.as_str(), f64::from(size.max(MIN_TEXT)) * super::PLOTTERS_SCALE).into_font()
    }
}

/// The smallest text a chart draws, in pixels at its natural width: on
/// screen a chart is never shown narrower (it scrolls instead), so no chart
/// text is under 11 px.
pub const MIN_TEXT: u32 = 11;

/// `charts.toml` in a theme: any of the [`ChartStyle`] fields, colours as
/// `"#rrggbb"`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleFile {
    font: Option<String>,
    font_file: Option<String>,
    font_size: Option<u32>,
    width: Option<u32>,
    text: Option<String>,
    muted: Option<String>,
    grid: Option<String>,
    good: Option<String>,
    fair: Option<String>,
    warn: Option<String>,
    poor: Option<String>,
    bad: Option<String>,
    neutral: Option<String>,
    primary: Option<String>,
    secondary: Option<String>,
}

fn colour(key: &str, value: &str) -> Result<RGBColor, String> {
    let hex = value.strip_prefix('#').filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()));
    let Some(hex) = hex else {
        return Err(format!("`{key}` must be a colour like \"#0072b2\", not \"{value}\""));
    };
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("checked hex");
    Ok(RGBColor(byte(0), byte(2), byte(4)))
}

impl ChartStyle {
    /// The default style with a theme's `charts.toml` laid over it;
    /// `font_file` names one of the theme's `fonts/`, found by `fonts`.
    pub fn from_toml(text: &str, fonts: &dyn Fn(&str) -> Option<Vec<u8>>) -> Result<ChartStyle, String> {
        let file: StyleFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut style = ChartStyle::default();
        if let Some(font) = file.font {
            style.font = font;
        }
        if let Some(name) = file.font_file {
            let bytes = fonts(&name)
                .ok_or_else(|| format!("`font_file` names `{name}`, which is not in the theme's fonts/ folder"))?;
            style.metrics = super::Metrics::from_font(&bytes)
                .ok_or_else(|| format!("`font_file`: `{name}` is not a TrueType or OpenType font"))?;
        }
        if let Some(size) = file.font_size {
            if !(8..=32).contains(&size) {
                return Err(format!("`font_size` must be between 8 and 32, not {size}"));
            }
            style.font_size = size;
        }
        if let Some(width) = file.width {
            if !(320..=2400).contains(&width) {
                return Err(format!("`width` must be between 320 and 2400 pixels, not {width}"));
            }
            style.width = width;
        }
        for (key, value, slot) in [
            ("text", file.text, &mut style.text),
            ("muted", file.muted, &mut style.muted),
            ("grid", file.grid, &mut style.grid),
            ("good", file.good, &mut style.good),
            ("fair", file.fair, &mut style.fair),
            ("warn", file.warn, &mut style.warn),
            ("poor", file.poor, &mut style.poor),
            ("bad", file.bad, &mut style.bad),
            ("neutral", file.neutral, &mut style.neutral),
            ("primary", file.primary, &mut style.primary),
            ("secondary", file.secondary, &mut style.secondary),
        ] {
            if let Some(v) = value {
                *slot = colour(key, &v)?;
            }
        }
        Ok(style)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_can_set_colours_fonts_and_sizes() {
        let style =
            ChartStyle::from_toml("font = \"Georgia, serif\"\nfont_size = 14\nprimary = \"#112233\"\n", &|_| None)
                .unwrap();
        assert_eq!(style.font, "Georgia, serif");
        assert_eq!(style.font_size, 14);
        assert_eq!(style.primary, RGBColor(0x11, 0x22, 0x33));
        assert_eq!(style.good, ChartStyle::default().good, "unset fields keep the default");
    }

    #[test]
    fn bad_values_are_explained() {
        assert!(ChartStyle::from_toml("primary = \"blue\"\n", &|_| None).unwrap_err().contains("#0072b2"));
        assert!(ChartStyle::from_toml("colour = \"#000000\"\n", &|_| None).unwrap_err().contains("unknown field"));
        assert!(ChartStyle::from_toml("font_size = 100\n", &|_| None).unwrap_err().contains("between 8 and 32"));
        let missing = ChartStyle::from_toml("font_file = \"House.ttf\"\n", &|_| None).unwrap_err();
        assert!(missing.contains("not in the theme's fonts/ folder"), "{missing}");
        let junk = ChartStyle::from_toml("font_file = \"House.ttf\"\n", &|_| Some(b"no".to_vec())).unwrap_err();
        assert!(junk.contains("not a TrueType or OpenType font"), "{junk}");
    }
}
