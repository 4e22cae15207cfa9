//! One page of every page type, looked at: axe-core finds no serious or
//! critical accessibility violation in light or dark mode, a screenshot is
//! not blank, and on a phone-sized screen nothing overflows sideways.
//!
//! Screenshots are kept in `target/tmp/screenshots/` to look at after a run.

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

use crate::harness::{Browser, Window, enabled, example, screenshot_dir};

/// A page of each template, by name.
const PAGE_TYPES: &[(&str, &str)] = &[
    ("home", "index.html"),
    ("priorities", "priorities/index.html"),
    ("priority", "priorities/faster-access.html"),
    ("objectives", "objectives/index.html"),
    ("objective", "objectives/cut-outpatient-wait.html"),
    ("projects", "projects/index.html"),
    ("project", "projects/virtual-ward-pilot.html"),
    ("teams", "teams/index.html"),
    ("team", "teams/digital.html"),
    ("alignment", "alignment.html"),
    ("unaligned", "unaligned.html"),
    ("gaps", "gaps.html"),
    ("portfolio", "portfolio.html"),
    ("roadmap", "roadmap.html"),
    ("dependencies", "dependencies.html"),
    ("checkins", "checkins.html"),
    ("checkin", "checkins/2026-11-20.html"),
    ("reviews", "reviews/index.html"),
    ("review", "reviews/2026-11-board.html"),
    ("pack", "reviews/2026-11-board/index.html"),
    ("rules", "rules.html"),
    ("search", "search.html"),
    ("downloads", "downloads.html"),
    ("not-found", "404.html"),
];

/// axe-core at the version pinned in tests/browser/package-lock.json,
/// installed from the npm registry on first use.
fn axe_source() -> &'static str {
    static AXE: OnceLock<String> = OnceLock::new();
    AXE.get_or_init(|| {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
        let path = folder.join("node_modules/axe-core/axe.min.js");
        if !path.is_file() {
            let status = Command::new("npm").args(["ci", "--no-audit", "--no-fund", "--prefix"]).arg(&folder).status();
            assert!(
                status.as_ref().is_ok_and(|s| s.success()),
                "`npm ci --prefix tests/browser` failed ({status:?}): axe-core is needed for the accessibility checks"
            );
        }
        std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
    })
}

/// Runs axe-core on the open page; returns its serious and critical
/// violations, one line each.
async fn axe(browser: &Browser) -> Vec<String> {
    browser.eval(&format!("{}\nreturn typeof window.axe;", axe_source())).await;
    let script = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } })
  .then(result => done({
    passes: result.passes.length,
    violations: result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary),
    })),
  }))
  .catch(error => done({ passes: 0, violations: [{ id: "axe-failed", impact: "critical", help: String(error), nodes: [] }] }));
"#;
    let result = browser.client.execute_async(script, vec![]).await.expect("axe-core ran");
    let passes = result["passes"].as_u64().unwrap_or(0);
    assert!(passes > 10, "axe-core checked almost nothing ({passes} rules passed): is the page empty?");
    result["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .map(|v| {
            let nodes: Vec<&str> = v["nodes"].as_array().unwrap().iter().take(3).filter_map(Value::as_str).collect();
            format!("{} ({}): {}\n      {}", v["id"], v["impact"], v["help"], nodes.join("\n      "))
        })
        .collect()
}

async fn accessible(window: Window, mode: &str) {
    let example = example();
    let browser = Browser::start(window).await;
    let dark = browser.eval("return matchMedia('(prefers-color-scheme: dark)').matches").await;
    assert_eq!(dark, window.dark, "the browser should be in {mode} mode");
    let mut problems = Vec::new();
    for (name, page) in PAGE_TYPES {
        browser.open(&format!("{}{page}", example.http)).await;
        for violation in axe(&browser).await {
            problems.push(format!("{name} ({page}): {violation}"));
        }
    }
    browser.finish().await;
    assert!(problems.is_empty(), "axe-core in {mode} mode:\n{}", problems.join("\n"));
}

#[tokio::test]
async fn axe_finds_no_serious_violations_in_light_mode() {
    if enabled() {
        accessible(Window::DESKTOP, "light").await;
    }
}

#[tokio::test]
async fn axe_finds_no_serious_violations_in_dark_mode() {
    if enabled() {
        accessible(Window { dark: true, ..Window::DESKTOP }, "dark").await;
    }
}

/// How much of a screenshot is not its most common colour, and how many
/// colours it has: a blank or unstyled page scores low on both.
fn variety(png_bytes: &[u8]) -> (f64, usize) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let channels = info.color_type.samples();
    let mut counts = std::collections::HashMap::new();
    for pixel in pixels[..info.buffer_size()].chunks_exact(channels) {
        *counts.entry(&pixel[..3]).or_insert(0usize) += 1;
    }
    let total = (info.width * info.height) as f64;
    let most = counts.values().max().copied().unwrap_or(0) as f64;
    (1.0 - most / total, counts.len())
}

async fn screenshots(window: Window, suffix: &str) {
    let example = example();
    let browser = Browser::start(window).await;
    let dir = screenshot_dir();
    let mut problems = Vec::new();
    for (name, page) in PAGE_TYPES {
        browser.open(&format!("{}{page}", example.http)).await;
        let shot = browser.client.screenshot().await.unwrap();
        std::fs::write(dir.join(format!("{name}{suffix}.png")), &shot).unwrap();
        let (coverage, colours) = variety(&shot);
        if coverage < 0.04 || colours < 16 {
            problems.push(format!("{name}: looks blank ({:.1}% drawn, {colours} colours)", coverage * 100.0));
        }
        let width = browser.eval("return window.innerWidth").await;
        if width != window.width {
            // Name what sticks out, so the failure says where to look (an
            // absolutely placed element in a scrolling table counts too).
            let wide = browser
                .eval(&format!(
                    "return Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > {} + 1).slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')",
                    window.width
                ))
                .await;
            panic!("{name}: the window should be {} pixels wide, not {width}: {wide}", window.width);
        }
        let overflow =
            browser.eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth").await;
        if overflow.as_i64().unwrap_or(0) > 0 {
            problems.push(format!("{name}: the page is {overflow}px wider than a {}px screen", window.width));
        }
        // On a narrow screen a chart keeps the width it is drawn at and
        // scrolls in its panel, so its text stays readable.
        let shrunk = browser
            .eval("return Array.from(document.querySelectorAll('.chart-scroll svg.chart')).filter(s => s.getBoundingClientRect().width < parseFloat(getComputedStyle(s).getPropertyValue('--chart-width')) - 1).map(s => `${Math.round(s.getBoundingClientRect().width)}px (drawn at ${getComputedStyle(s).getPropertyValue('--chart-width')})`).join(', ')")
            .await;
        let shrunk = shrunk.as_str().unwrap_or_default();
        if !shrunk.is_empty() {
            problems.push(format!("{name}: a chart is shrunk to {shrunk} instead of scrolling"));
        }
        let without_width = browser
            .eval("return Array.from(document.querySelectorAll('.chart-scroll svg.chart')).filter(s => !(parseFloat(getComputedStyle(s).getPropertyValue('--chart-width')) > 0)).length")
            .await;
        if without_width.as_i64().unwrap_or(0) > 0 {
            problems.push(format!("{name}: {without_width} charts do not say the width they are drawn at"));
        }
    }
    browser.finish().await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
async fn every_page_type_draws_something_and_fits_a_desktop() {
    if enabled() {
        screenshots(Window::DESKTOP, "").await;
    }
}

#[tokio::test]
async fn every_page_type_fits_a_phone_in_dark_mode() {
    if enabled() {
        screenshots(Window { width: 390, height: 844, dark: true }, "-phone-dark").await;
    }
}
