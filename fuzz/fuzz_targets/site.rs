//! A whole site from one input: its parts (split at 0xFF bytes) become the
//! files of a small site, which is checked and, when sound, rendered.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The files of tests/fixtures/minimal, so its files joined make a sound
/// seed that reaches rendering.
const PATHS: [&str; 9] = [
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

fuzz_target!(|data: &[u8]| {
    let parts: Vec<String> = data.split(|b| *b == 0xFF).map(|p| String::from_utf8_lossy(p).into_owned()).collect();
    let files: Vec<(&str, &str)> = PATHS.iter().copied().zip(parts.iter().map(String::as_str)).collect();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let checked = throughline::check_texts(&files, as_of);
    if let Some((model, analysis)) = &checked.result {
        let theme = throughline::render::Theme::builtin();
        let options = throughline::render::RenderOptions { pdf: false };
        let rendered = throughline::render::render(model, analysis, &checked.sources, &theme, options);
        assert!(rendered.is_ok(), "the built-in theme renders every sound site: {:?}", rendered.err());
    }
});
