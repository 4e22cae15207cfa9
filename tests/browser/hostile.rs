//! A site whose every text field and body tries to run script (script
//! tags, event handlers, attribute and script breakouts, `javascript:` and
//! `data:` links, frames): in a real browser nothing of it runs, and no
//! page holds a handler, a script link or a frame.

use std::path::Path;
use std::process::Command;

use crate::harness::{Browser, Window, enabled};

/// What a page holds that could run the content's script.
const SCAN: &str = r#"
const handlers = [];
for (const element of document.querySelectorAll("*")) {
  for (const attribute of element.attributes) {
    if (attribute.name.toLowerCase().startsWith("on")) handlers.push(element.localName + " " + attribute.name);
  }
}
const scriptLinks = Array.from(document.querySelectorAll("a[href], img[src], iframe[src], form[action]"))
  .map(e => e.getAttribute("href") || e.getAttribute("src") || e.getAttribute("action"))
  .filter(url => /^\s*(javascript|vbscript|data):/i.test(url));
const inline = Array.from(document.querySelectorAll("script:not([src])")).filter(s => s.textContent.includes("__pwned"));
return {
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  handlers: handlers,
  scriptLinks: scriptLinks,
  frames: document.querySelectorAll("iframe, object, embed, frame").length,
  inline: inline.length,
  shown: document.body.innerText.includes("window.__pwned"),
};
"#;

#[tokio::test]
async fn script_in_every_field_and_body_never_runs() {
    if !enabled() {
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-site");
    let build = Command::new(env!("CARGO_BIN_EXE_throughline"))
        .args(["build", "--no-pdf", "--color", "never", "--as-of", "2026-11-20", "--root"])
        .arg(repo.join("tests/fixtures/hostile"))
        .arg("--output")
        .arg(&output)
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let mut pages = Vec::new();
    let mut stack = vec![output.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    assert!(pages.len() > 20, "every kind of page is built: {}", pages.len());
    let browser = Browser::start(Window::DESKTOP).await;
    let mut problems = Vec::new();
    let mut shown = 0;
    for page in &pages {
        let url = url::Url::from_file_path(page).unwrap().to_string();
        browser.open(&url).await;
        // Give an image's onerror or an svg's onload the time to fire.
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let scan = browser.eval(SCAN).await;
        let name = page.strip_prefix(&output).unwrap().display();
        if !scan["pwned"].is_null() {
            problems.push(format!("{name}: script ran ({})", scan["pwned"]));
        }
        for key in ["handlers", "scriptLinks"] {
            if scan[key].as_array().is_some_and(|a| !a.is_empty()) {
                problems.push(format!("{name}: {key} {}", scan[key]));
            }
        }
        if scan["frames"] != 0 || scan["inline"] != 0 {
            problems
                .push(format!("{name}: {} frames, {} inline scripts of the content", scan["frames"], scan["inline"]));
        }
        shown += usize::from(scan["shown"] == true);
    }
    browser.finish().await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(shown * 2 > pages.len(), "the payloads are shown as text on most pages ({shown} of {})", pages.len());
}
