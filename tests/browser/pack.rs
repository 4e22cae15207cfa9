//! The HTML board pack printed by Chromium (WebDriver's print command): it
//! paginates into a real pack with the running header and page numbers from
//! its `@page` rules. The printed PDF is kept in `target/tmp/screenshots/`.

use fantoccini::wd::{PrintConfiguration, PrintMargins, PrintOrientation};

use crate::harness::{Browser, Window, enabled, example, screenshot_dir};
use crate::text_size::{line_height, text_under};

#[tokio::test]
async fn the_html_pack_prints_as_a_paginated_pack() {
    if !enabled() {
        return;
    }
    let browser = Browser::start(Window::DESKTOP).await;
    browser.open(&format!("{}reviews/2026-11-board/index.html", example().http)).await;
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "{errors:?}");
    let config = PrintConfiguration::builder()
        .orientation(PrintOrientation::Landscape)
        .margins(PrintMargins { top: 1.8, bottom: 1.6, left: 1.6, right: 1.6 })
        .background(true)
        .build()
        .unwrap();
    let pdf = browser.client.print(config).await.expect("Chromium prints the pack");
    browser.finish().await;
    let path = screenshot_dir().join("html-pack.pdf");
    std::fs::write(&path, &pdf).unwrap();

    let text = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&text.stdout);
    let pages = text.matches('\u{c}').count();
    assert!((15..=60).contains(&pages), "{pages} printed pages");
    for expected in [
        "Contents",
        "Executive summary",
        "Strategy on a page",
        "Decisions required",
        "Appendix: key-result charts and priorities",
        "Page 2 of",
    ] {
        assert!(text.contains(expected), "the printed pack should contain `{expected}`");
    }
    assert!(text.contains("Northwind Health"), "the running header names the organisation");
    assert!(!text.contains("Download the PDF"), "the screen-only bar is not printed");

    // No text prints under 7 pt, charts included. The running header is set
    // at 8 pt: its box gives the height of a point of whichever font
    // Chromium found.
    let header = line_height(&path, "Northwind Health").expect("the running header");
    let small = text_under(&path, 6.95, header / 8.0);
    assert!(small.is_empty(), "printed text under 7 pt (page, size, text): {small:?}");
}
