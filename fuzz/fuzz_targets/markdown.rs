//! A body rendered to HTML (under each raw-HTML policy) and to Typst.
#![no_main]

use libfuzzer_sys::fuzz_target;
use throughline::load::markdown::{RawHtml, render};
use throughline::load::typst_markup::{Place, convert};

fuzz_target!(|data: &[u8]| {
    let Some((policy, text)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(text);
    let policy = [RawHtml::Sanitise, RawHtml::Escape, RawHtml::Trust][*policy as usize % 3];
    let body = render(&text, policy);
    if policy != RawHtml::Trust {
        assert!(!body.html.to_ascii_lowercase().contains("<script"), "a script survived");
    }
    let mut sources = throughline::diag::SourceMap::new();
    let file = sources.add("content/reviews/board.md", text.to_string());
    let _ = convert(&text, Place { file, offset: 0 }, 1);
});
