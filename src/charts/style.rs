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
    /// Warning / at risk / amber.
    pub warn: RGBColor,
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
}

impl Default for ChartStyle {
    /// Okabe–Ito colours: distinguishable with every common colour-vision
    /// deficiency, and of different lightness for greyscale print.
    fn default() -> Self {
        ChartStyle {
            font: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif".into(),
            font_size: 13,
            text: RGBColor(0x16, 0x19, 0x1f),
            muted: RGBColor(0x5b, 0x64, 0x72),
            grid: RGBColor(0xe3, 0xe7, 0xed),
            good: RGBColor(0x00, 0x9e, 0x73),
            warn: RGBColor(0xe6, 0x9f, 0x00),
            bad: RGBColor(0xd5, 0x5e, 0x00),
            neutral: RGBColor(0x99, 0x99, 0x99),
            primary: RGBColor(0x00, 0x72, 0xb2),
            secondary: RGBColor(0x56, 0xb4, 0xe9),
            width: 760,
        }
    }
}

impl ChartStyle {
    /// A font of this style at `size` pixels.
    pub(crate) fn font(&self, size: u32) -> plotters::style::FontDesc<'_> {
        use plotters::style::IntoFont;
        (self.font.as_str(), size as f64).into_font()
    }
}
