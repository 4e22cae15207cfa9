//! One content file of each kind, loaded, modelled and analysed beside a
//! sound organisation.toml: the first byte picks the kind.
#![no_main]

use libfuzzer_sys::fuzz_target;

const ORGANISATION: &str = "name = \"Acme\"\nvision = \"V\"\ncurrent_period = \"2026-Q4\"\n";
const PATHS: [&str; 7] = [
    "content/organisation.toml",
    "content/priorities/grow.md",
    "content/objectives/more.md",
    "content/projects/ship.md",
    "content/teams/crew.toml",
    "content/checkins/2026-11-06.toml",
    "content/reviews/board.md",
];

fuzz_target!(|data: &[u8]| {
    let Some((kind, text)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(text);
    let path = PATHS[*kind as usize % PATHS.len()];
    let mut files = vec![(path, text.as_ref())];
    if path != PATHS[0] {
        files.push((PATHS[0], ORGANISATION));
    }
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let checked = throughline::check_texts(&files, as_of);
    // Every diagnostic can be shown.
    for diagnostic in checked.diagnostics.iter() {
        let _ = throughline::diag::render_terminal(&checked.sources, diagnostic, Default::default());
    }
});
