//! The example site in a real browser: headless Chromium driven through
//! ChromeDriver (WebDriver), over HTTP under a sub-path and from `file://`.
//! See tests/README.md for what these need and how to run them.

mod crawl;
mod harness;
mod hostile;
mod interact;
mod live;
mod look;
mod pack;
mod scale;
#[path = "../common/text_size.rs"]
mod text_size;
