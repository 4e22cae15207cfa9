//! The fuzz targets' bodies, so that `cargo fuzz` (fuzz/) and the ordinary
//! test suite (which replays every input kept in fuzz/corpus/) run the same
//! code. Each takes any bytes and must neither panic nor hang.

use chrono::NaiveDate;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("a valid date")
}

/// Splitting a file into front matter and body.
pub fn front_matter(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(split) = crate::load::frontmatter::split(&text) {
        // The ranges are inside the text, on character boundaries.
        let _ = (&text[split.front_matter], &text[split.body]);
    }
}

const ORGANISATION: &str = "name = \"Acme\"\nvision = \"V\"\ncurrent_period = \"2026-Q4\"\n";
const KIND_PATHS: [&str; 7] = [
    "content/organisation.toml",
    "content/priorities/grow.md",
    "content/objectives/more.md",
    "content/projects/ship.md",
    "content/teams/crew.toml",
    "content/checkins/2026-11-06.toml",
    "content/reviews/board.md",
];

/// One content file of the kind the first byte picks, loaded, modelled and
/// analysed beside a sound organisation.toml, every diagnostic rendered.
pub fn content_file(data: &[u8]) {
    let Some((kind, text)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(text);
    let path = KIND_PATHS[*kind as usize % KIND_PATHS.len()];
    let mut files = vec![(path, text.as_ref())];
    if path != KIND_PATHS[0] {
        files.push((KIND_PATHS[0], ORGANISATION));
    }
    let checked = crate::check_texts(&files, as_of());
    for diagnostic in checked.diagnostics.iter() {
        let _ = crate::diag::render_terminal(&checked.sources, diagnostic, Default::default());
    }
}

/// A body rendered to HTML under the raw-HTML policy the first byte picks
/// (no `<script` may survive sanitising or escaping), and to Typst.
pub fn markdown(data: &[u8]) {
    use crate::load::markdown::{RawHtml, render};
    let Some((policy, text)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(text);
    let policy = [RawHtml::Sanitise, RawHtml::Escape, RawHtml::Trust][*policy as usize % 3];
    let body = render(&text, policy);
    if policy != RawHtml::Trust {
        assert!(!body.html.to_ascii_lowercase().contains("<script"), "a script survived");
    }
    let mut sources = crate::diag::SourceMap::new();
    let file = sources.add("content/reviews/board.md", text.to_string());
    let _ = crate::load::typst_markup::convert(&text, crate::load::typst_markup::Place { file, offset: 0 }, 1);
}

/// A spreadsheet of any bytes, imported as the kind the first byte picks.
pub fn csv_import(data: &[u8]) {
    use crate::import::{Kind, Options, Site, plan};
    let Some((kind, csv)) = data.split_first() else { return };
    let kind = [Kind::Projects, Kind::Objectives, Kind::KeyResults, Kind::Checkins][*kind as usize % 4];
    let _ = plan(kind, crate::import::Input::Csv(csv), &Options::default(), &Site::default());
}

/// The files of tests/fixtures/minimal, so its files joined make a sound
/// seed that reaches rendering.
const SITE_PATHS: [&str; 9] = [
    "content/organisation.toml",
    "content/priorities/leaks.md",
    "content/objectives/cut-leakage.md",
    "content/objectives/train-engineers.md",
    "content/projects/smart-meters.md",
    "content/projects/office-plants.md",
    "content/teams/network.toml",
    "content/checkins/2026-11-06.toml",
    "content/reviews/2026-11-board.md",
];

/// A whole site: the parts of the input (split at 0xFF bytes) are its
/// files; checked and, when sound, rendered with the built-in theme.
pub fn site(data: &[u8]) {
    let parts: Vec<String> = data.split(|b| *b == 0xFF).map(|p| String::from_utf8_lossy(p).into_owned()).collect();
    let files: Vec<(&str, &str)> = SITE_PATHS.iter().copied().zip(parts.iter().map(String::as_str)).collect();
    let checked = crate::check_texts(&files, as_of());
    if let Some((model, analysis)) = checked.result.as_deref() {
        let theme = crate::render::Theme::builtin();
        let options = crate::render::RenderOptions { pdf: false };
        let rendered = crate::render::render(model, analysis, &checked.sources, &theme, options);
        assert!(rendered.is_ok(), "the built-in theme renders every sound site: {:?}", rendered.err());
    }
}
