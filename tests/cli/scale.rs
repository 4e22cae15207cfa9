//! A portfolio of thousands of projects: the long lists are split into
//! pages, each item on exactly one of them, and every project page is
//! reachable from the home page by links alone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::harness::Site;

const ONE_MB: u64 = 1 << 20;

/// The site-relative target of a link on the page at `page`.
fn resolve(output: &Path, page: &Path, href: &str) -> Option<PathBuf> {
    let mut target = page.parent()?.to_path_buf();
    for part in href.split('#').next()?.split('/') {
        match part {
            ".." => {
                target.pop();
            }
            "." | "" => {}
            part => target.push(part),
        }
    }
    target.strip_prefix(output).ok().map(Path::to_path_buf)
}

/// The site-relative targets of the links from a page to other pages.
fn links(output: &Path, page: &Path) -> Vec<PathBuf> {
    let html = std::fs::read_to_string(page).unwrap();
    hrefs(&html)
        .filter(|href| {
            !href.starts_with('#') && !href.contains(':') && href.split('#').next().unwrap().ends_with(".html")
        })
        .filter_map(|href| resolve(output, page, href))
        .collect()
}

fn hrefs(html: &str) -> impl Iterator<Item = &str> {
    html.split("href=\"").skip(1).filter_map(|rest| rest.split('"').next())
}

/// The pages of one list: the first and the numbered ones after it.
fn list_pages(output: &Path, first: &str, rest: &str) -> Vec<PathBuf> {
    let mut pages = vec![output.join(first)];
    let mut n = 2;
    while output.join(format!("{rest}{n}.html")).is_file() {
        pages.push(output.join(format!("{rest}{n}.html")));
        n += 1;
    }
    pages
}

#[test]
fn a_large_portfolio_is_split_into_pages_that_hold_everything_once() {
    let (_site, output) = Site::generated(3000);
    let projects: BTreeSet<PathBuf> = std::fs::read_dir(output.join("projects"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "html") && !p.ends_with("index.html"))
        .map(|p| p.strip_prefix(&output).unwrap().to_path_buf())
        .collect();
    assert!(projects.len() >= 3000);

    // The projects list: every project once, over pages under 1 MB.
    let pages = list_pages(&output, "projects/index.html", "projects/list/");
    assert!(pages.len() >= 30, "3000 projects take many pages, not {}", pages.len());
    let mut listed: BTreeMap<PathBuf, usize> = BTreeMap::new();
    for page in &pages {
        assert!(page.metadata().unwrap().len() < ONE_MB, "{} is over 1 MB", page.display());
        let html = std::fs::read_to_string(page).unwrap();
        let rows: Vec<&str> = html.split("<th scope=\"row\"").skip(1).collect();
        for row in rows {
            let href = hrefs(row).next().expect("each row links to its project");
            *listed.entry(resolve(&output, page, href).unwrap()).or_default() += 1;
        }
    }
    assert_eq!(listed.keys().cloned().collect::<BTreeSet<_>>(), projects, "the list holds every project");
    assert!(listed.values().all(|n| *n == 1), "and each once");

    // The Gaps page is a ranked briefing of the first 100 findings; each
    // gap's pages hold all of its findings, and between them every rank
    // from the first to the last appears once.
    let ranks = |html: &str| -> Vec<usize> {
        html.split("id=\"finding-").skip(1).map(|s| s.split('"').next().unwrap().parse().unwrap()).collect()
    };
    let gaps = std::fs::read_to_string(output.join("gaps.html")).unwrap();
    assert_eq!(ranks(&gaps), (1..=100).collect::<Vec<_>>(), "the briefing lists the first 100 in rank order");
    let mut all = Vec::new();
    let mut paged = 0;
    for id in ["translation", "visibility", "feedback", "focus", "governance"] {
        if !output.join(format!("gaps/{id}.html")).is_file() {
            assert!(!gaps.contains(&format!("href=\"gaps/{id}.html\"")), "no link to {id}'s missing page");
            continue;
        }
        let pages = list_pages(&output, &format!("gaps/{id}.html"), &format!("gaps/{id}/"));
        paged += usize::from(pages.len() > 1);
        let mut own = Vec::new();
        for page in pages {
            assert!(page.metadata().unwrap().len() < ONE_MB, "{} is over 1 MB", page.display());
            own.extend(ranks(&std::fs::read_to_string(&page).unwrap()));
        }
        assert!(own.windows(2).all(|w| w[0] < w[1]), "{id}'s pages are in rank order");
        all.extend(own);
    }
    all.sort();
    assert_eq!(all, (1..=all.len()).collect::<Vec<_>>(), "the gap pages hold every finding once");
    assert!(paged > 0, "at 3000 projects some gap has pages of its own");
    assert!(std::fs::metadata(output.join("gaps.html")).unwrap().len() < ONE_MB);

    // No page is over 1 MB, and no script a page loads over 2 MB: the
    // search index is split into shards that hold every page once.
    for path in super::harness::tree(&output).into_iter().map(|(path, _)| path) {
        let size = std::fs::metadata(output.join(&path)).unwrap().len();
        match path.extension().and_then(|e| e.to_str()) {
            Some("html") => assert!(size < ONE_MB, "{} is {size} bytes", path.display()),
            Some("js") => assert!(size < 2 * ONE_MB, "{} is {size} bytes", path.display()),
            _ => {}
        }
    }
    let manifest = std::fs::read_to_string(output.join("search-index.js")).unwrap();
    let shards: Vec<String> = serde_json::from_str(
        manifest.trim().strip_prefix("window.THROUGHLINE_SEARCH = ").unwrap().strip_suffix(';').unwrap(),
    )
    .unwrap();
    let mut searchable = BTreeMap::new();
    for shard in &shards {
        let script = std::fs::read_to_string(output.join(shard)).unwrap();
        let json = script.trim().split_once("] = ").unwrap().1.strip_suffix(';').unwrap();
        let entries: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
        for entry in entries {
            *searchable.entry(entry["u"].as_str().unwrap().to_string()).or_insert(0) += 1;
        }
    }
    for project in &projects {
        assert_eq!(searchable.get(project.to_str().unwrap()), Some(&1), "{} is in the index once", project.display());
    }

    // Every project page is reachable from the home page by links alone.
    let mut reached = BTreeSet::from([PathBuf::from("index.html")]);
    let mut queue = vec![PathBuf::from("index.html")];
    while let Some(page) = queue.pop() {
        let path = output.join(&page);
        if !path.is_file() {
            continue;
        }
        for target in links(&output, &path) {
            if reached.insert(target.clone()) {
                queue.push(target);
            }
        }
    }
    let unreached: Vec<&PathBuf> = projects.iter().filter(|p| !reached.contains(*p)).collect();
    assert!(
        unreached.is_empty(),
        "{} project pages cannot be reached, such as {:?}",
        unreached.len(),
        unreached.first()
    );
}
