//! Every page of the example loads without console errors, and every link,
//! stylesheet, script and image on it resolves to a file of the site (and
//! every `#fragment` to an element of its page), over HTTP under a
//! sub-path and from `file://`.

use std::collections::{BTreeMap, BTreeSet};

use crate::harness::{Browser, Window, enabled, example};

/// What one page links to and which ids it holds.
const SCAN: &str = r#"
const refs = [];
for (const [selector, attribute] of [["a[href]", "href"], ["link[href]", "href"], ["script[src]", "src"],
    ["img[src]", "src"], ["iframe[src]", "src"], ["source[src]", "src"], ["object[data]", "data"]]) {
  for (const element of document.querySelectorAll(selector)) {
    refs.push({ tag: element.localName, url: new URL(element.getAttribute(attribute), document.baseURI).href });
  }
}
for (const element of document.querySelectorAll("a")) {
  const href = element.getAttribute("xlink:href");
  if (href) refs.push({ tag: "a", url: new URL(href, document.baseURI).href });
}
return {
  refs: refs,
  ids: Array.from(document.querySelectorAll("[id], a[name]")).map(e => e.id || e.getAttribute("name")),
  title: document.title,
  h1: document.querySelectorAll("h1").length,
};
"#;

/// Visits every page from `base` and returns what is wrong, one line each.
async fn crawl(base: &str, from_file: bool) -> Vec<String> {
    let example = example();
    let browser = Browser::start(Window::DESKTOP).await;
    let pages = example.pages();
    assert!(pages.len() > 50, "the example should have dozens of pages, found {}", pages.len());
    let mut problems = Vec::new();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut fragments: Vec<(String, String, String)> = Vec::new();
    for page in &pages {
        browser.open(&format!("{base}{page}")).await;
        let scan = browser.eval(SCAN).await;
        for error in browser.console_errors().await {
            problems.push(format!("{page}: console error: {error}"));
        }
        if scan["title"].as_str().unwrap_or_default().trim().is_empty() {
            problems.push(format!("{page}: no <title>"));
        }
        if scan["h1"] != 1 {
            problems.push(format!("{page}: {} <h1> elements, expected one", scan["h1"]));
        }
        ids.insert(
            page.clone(),
            scan["ids"].as_array().unwrap().iter().filter_map(|v| v.as_str()).map(String::from).collect(),
        );
        for reference in scan["refs"].as_array().unwrap() {
            let tag = reference["tag"].as_str().unwrap();
            let url = reference["url"].as_str().unwrap();
            match check(base, from_file, tag, url) {
                Ok(Some((target, fragment))) => fragments.push((page.clone(), target, fragment)),
                Ok(None) => {}
                Err(problem) => problems.push(format!("{page}: <{tag}> {url}: {problem}")),
            }
        }
    }
    for (page, target, fragment) in fragments {
        let target = if target.is_empty() { page.clone() } else { target };
        if let Some(known) = ids.get(&target)
            && !known.contains(&fragment)
        {
            problems.push(format!("{page}: link to {target}#{fragment}: no element has that id"));
        }
    }
    browser.finish().await;
    problems.sort();
    problems.dedup();
    problems
}

/// Checks one reference; returns the page and fragment to check later when
/// the reference points into a page.
fn check(base: &str, from_file: bool, tag: &str, url: &str) -> Result<Option<(String, String)>, String> {
    let Some(inside) = url.strip_prefix(base) else {
        let same_origin = if from_file {
            url.starts_with("file:")
        } else {
            url.starts_with(&base[..base.find("/intranet").unwrap()])
        };
        if same_origin {
            return Err("points outside the site's folder".into());
        }
        if tag != "a" {
            return Err("loads from another site: the site must work offline".into());
        }
        if url.starts_with("javascript:") || url.starts_with("data:") {
            return Err("script-capable link".into());
        }
        return Ok(None);
    };
    let (path, fragment) = inside.split_once('#').unwrap_or((inside, ""));
    let path = path.split('?').next().unwrap_or_default();
    let path = percent_encoding::percent_decode_str(path).decode_utf8().map_err(|e| e.to_string())?.into_owned();
    let file = if path.is_empty() || path.ends_with('/') {
        if from_file {
            return Err("links to a folder, which opens as a file listing from file://; link to its index.html".into());
        }
        format!("{path}index.html")
    } else {
        path
    };
    if !example().output.join(&file).is_file() {
        return Err(format!("no file `{file}` in the output"));
    }
    let fragment =
        percent_encoding::percent_decode_str(fragment).decode_utf8().map_err(|e| e.to_string())?.into_owned();
    Ok((!fragment.is_empty() && file.ends_with(".html")).then_some((file, fragment)))
}

#[tokio::test]
async fn every_page_over_http_loads_cleanly_and_every_link_resolves() {
    if !enabled() {
        return;
    }
    let problems = crawl(&example().http, false).await;
    assert!(problems.is_empty(), "{} problems over HTTP:\n{}", problems.len(), problems.join("\n"));
}

#[tokio::test]
async fn every_page_from_file_loads_cleanly_and_every_link_resolves() {
    if !enabled() {
        return;
    }
    let problems = crawl(&example().file, true).await;
    assert!(problems.is_empty(), "{} problems from file://:\n{}", problems.len(), problems.join("\n"));
}

#[tokio::test]
async fn a_missing_page_gets_the_sites_404_page() {
    if !enabled() {
        return;
    }
    let browser = Browser::start(Window::DESKTOP).await;
    browser.open(&format!("{}no-such-page.html", example().http)).await;
    let heading = browser.eval("return document.querySelector('h1').textContent").await;
    assert_eq!(heading, "Page not found");
    let rules =
        browser.eval("return Array.from(document.styleSheets).reduce((n, s) => n + s.cssRules.length, 0)").await;
    assert!(rules.as_u64().unwrap() > 50, "the 404 page should load the site's stylesheet, found {rules} rules");
    browser.finish().await;
}
