//! Splitting a file into front matter and body: any text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(split) = throughline::load::frontmatter::split(text) {
        // The ranges it gives are inside the text, on character boundaries.
        let _ = (&text[split.front_matter], &text[split.body]);
    }
});
