//! `throughline build`: pages for everything, links that resolve, and an
//! output folder that is never left broken.

use std::path::Path;

use super::harness::{Site, tree};

fn read(site: &Site, path: &str) -> String {
    std::fs::read_to_string(site.path().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn builds_a_page_for_everything() {
    let site = Site::fixture("minimal");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(
            "built 33 pages (with 1 board pack, HTML and PDF), 10 data files and 11 assets into [ROOT]/output in "
        ),
        "{}",
        run.stdout
    );
    for page in [
        "index.html",
        "unaligned.html",
        "gaps.html",
        "portfolio.html",
        "rules.html",
        "alignment.html",
        "roadmap.html",
        "dependencies.html",
        "checkins.html",
        "checkins/2026-11-06.html",
        "reviews/index.html",
        "reviews/2026-11-board.html",
        "404.html",
        "downloads.html",
        "search.html",
        "search-index.js",
        "search/1.js",
        "search.js",
        "table.js",
        "data/analysis.json",
        "data/projects.csv",
        "data/portfolio.csv",
        "filter.js",
        "priorities/index.html",
        "priorities/leaks.html",
        "priorities/people.html",
        "objectives/index.html",
        "objectives/cut-leakage.html",
        "objectives/train-engineers.html",
        "projects/index.html",
        "projects/smart-meters.html",
        "projects/office-plants.html",
        "teams/index.html",
        "teams/network.html",
        "style.css",
    ] {
        assert!(site.path().join("output").join(page).is_file(), "{page}");
    }
    let home = read(&site, "output/index.html");
    assert!(home.contains("Clean water for every home in the valley"), "the vision heads the home page");
    assert!(home.contains("Fix the leaks"));
    let project = read(&site, "output/projects/smart-meters.html");
    assert!(project.contains("<strong>as they happen</strong>"), "Markdown bodies are rendered");
    assert!(project.contains("href=\"../objectives/cut-leakage.html\""), "links are relative");
    assert!(project.contains("amber"), "the latest check-in's RAG wins");
    let unaligned = read(&site, "output/unaligned.html");
    assert!(unaligned.contains("Office plants"));
    assert!(!unaligned.contains("Smart meters"));
}

/// Every `href` and `src` in every page points at a file that exists.
#[test]
fn every_internal_link_resolves() {
    let site = Site::fixture("minimal");
    assert_eq!(site.run(&["build"]).code, 0);
    let output = site.path().join("output");
    let mut checked = 0;
    for (path, bytes) in tree(&output) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"", "src=\""] {
            for (i, _) in html.match_indices(attr) {
                let rest = &html[i + attr.len()..];
                let target = &rest[..rest.find('"').unwrap()];
                if target.starts_with('#') || target.starts_with("http") || target.starts_with("mailto:") {
                    continue;
                }
                let file = target.split('#').next().unwrap();
                let resolved = output.join(path.parent().unwrap_or(Path::new(""))).join(file);
                assert!(resolved.is_file(), "{} links to missing {target}", path.display());
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}

#[test]
fn a_broken_build_leaves_the_previous_output_exactly_as_it_was() {
    let site = Site::fixture("minimal");
    assert_eq!(site.run(&["build"]).code, 0);
    let before = tree(&site.path().join("output"));
    site.write("content/projects/office-plants.md", "+++\ntitle = \"Office plants\"\nstatus = \"growing\"\n+++\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("build failed: 1 error in content; `[ROOT]/output` was left as it was"),
        "{}",
        run.stderr
    );
    assert_eq!(tree(&site.path().join("output")), before);
    let entries: Vec<_> = std::fs::read_dir(site.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert!(entries.iter().all(|n| !n.to_string_lossy().starts_with(".throughline")), "{entries:?}");
}

#[test]
fn a_rebuild_removes_pages_of_deleted_things() {
    let site = Site::fixture("minimal");
    assert_eq!(site.run(&["build"]).code, 0);
    std::fs::remove_file(site.path().join("content/projects/office-plants.md")).unwrap();
    std::fs::remove_file(site.path().join("content/reviews/2026-11-board.md")).unwrap();
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(!site.path().join("output/projects/office-plants.html").exists());
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_create() {
    let site = Site::fixture("minimal");
    site.write("public/notes.txt", "mine");
    let run = site.run(&["build", "--output", site.path().join("public").to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("refusing to replace"), "{}", run.stderr);
    assert_eq!(read(&site, "public/notes.txt"), "mine");
}

#[test]
fn content_text_is_escaped_in_pages() {
    let site = Site::fixture("minimal");
    site.write(
        "content/projects/office-plants.md",
        "+++\ntitle = \"<script>alert(1)</script>\"\n+++\n<img src=x onerror=alert(1)>\n",
    );
    assert_eq!(site.run(&["build"]).code, 0);
    let page = read(&site, "output/projects/office-plants.html");
    assert!(!page.contains("<script>alert"), "titles are escaped");
    assert!(!page.contains("<img src=x"), "raw HTML in bodies is not passed through");
}

#[test]
fn the_gaps_portfolio_and_rules_pages_show_the_analysis() {
    let site = Site::fixture("minimal");
    // Tighten capacity so the cut line falls inside the portfolio.
    let org = read(&site, "content/organisation.toml").replace("capacity = 1000000", "capacity = 410000");
    site.write("content/organisation.toml", org);
    assert_eq!(site.run(&["build"]).code, 0);
    let gaps = read(&site, "output/gaps.html");
    assert!(gaps.contains("Visibility gap"), "findings are grouped by gap");
    assert!(gaps.contains("“Office plants” is active but contributes to no objective"));
    assert!(gaps.contains("data-gap=\"visibility\""), "findings carry filter attributes");
    let portfolio = read(&site, "output/portfolio.html");
    assert!(portfolio.contains("class=\"cut-line\""), "the capacity line is drawn");
    assert!(portfolio.contains("serves no current objective"), "unaligned work is proposed for stopping");
    let rules = read(&site, "output/rules.html");
    for rule in throughline::analyse::RULES {
        assert!(rules.contains(&format!("id=\"{}\"", rule.id)), "{} is documented on the site", rule.id);
    }
    let project = read(&site, "output/projects/office-plants.html");
    assert!(project.contains("unaligned-project"), "a project page shows its own findings");
}

/// A programme has a page with its projects' roll-up, the programmes list
/// has a line per programme, and its projects name it; a site without
/// programmes has neither the page nor the menu entry.
#[test]
fn programmes_have_pages_that_add_up_their_projects() {
    let site = Site::fixture("minimal");
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(!site.path().join("output/programmes/index.html").exists());
    assert!(!read(&site, "output/index.html").contains("programmes/index.html"), "no menu entry");

    site.write(
        "content/programmes/green-office.md",
        "+++\ntitle = \"Green office\"\nowner = \"Ada Lovelace\"\nrag = \"amber-green\"\n+++\nPlants and light.\n",
    );
    let plants = read(&site, "content/projects/office-plants.md");
    site.write(
        "content/projects/office-plants.md",
        plants.replacen("budget = 20000\n", "programme = \"green-office\"\nbudget = 1200\nspent = 300\nfte = 0.5\n", 1),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&site, "output/programmes/green-office.html");
    assert!(page.contains("Ada Lovelace") && page.contains("Plants and light."), "{page}");
    assert!(page.contains("£1.2k") && page.contains("£300") && page.contains("25%"), "budget, spend and share: {page}");
    assert!(page.contains("Office plants"), "its projects are listed");
    let list = read(&site, "output/programmes/index.html");
    assert!(list.contains("programmes/green-office.html") && list.contains("amber/green"), "{list}");
    let project = read(&site, "output/projects/office-plants.html");
    assert!(project.contains("programmes/green-office.html"), "the project names its programme");
    assert!(read(&site, "output/index.html").contains("programmes/index.html"), "the menu has programmes");
    let projects = read(&site, "output/projects/index.html");
    assert!(projects.contains("data-filter=\"programme\"") && projects.contains("data-programme=\"Green office\""));

    site.write("content/projects/office-plants.md", plants.replacen("+++\n", "+++\nprogramme = \"green-ofice\"\n", 1));
    let bad = site.run(&["build"]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.contains("green-ofice") && bad.stderr.contains("green-office"),
        "suggests the id: {}",
        bad.stderr
    );
}

#[test]
fn a_project_page_lists_its_milestones_in_plan_order_with_their_state_in_words() {
    let site = Site::fixture("minimal");
    site.write(
        "content/projects/office-plants.md",
        "+++\ntitle = \"Office plants\"\nstatus = \"active\"\nend = 2027-06-30\n\n\
         [[milestones]]\ntitle = \"Rota agreed\"\ndate = 2027-03-01\n\n\
         [[milestones]]\ntitle = \"Plants chosen\"\ndate = 2026-04-01\ndone = 2026-04-11\n\n\
         [[milestones]]\ntitle = \"Pots delivered\"\ndate = 2026-09-30\n\n\
         [[milestones]]\ntitle = \"Someday\"\n+++\n",
    );
    assert_eq!(site.run(&["build"]).code, 0);
    let page = read(&site, "output/projects/office-plants.html");
    let rows: Vec<&str> = page.split("<tr class=\"milestone ").skip(1).collect();
    let row = |i: usize| rows.get(i).copied().unwrap_or_else(|| panic!("no milestone row {i} in {page}"));
    assert_eq!(rows.len(), 4, "one row per milestone");
    assert!(row(0).contains("Plants chosen") && row(0).contains("Reached 11 April 2026, 10 days late"));
    assert!(row(1).contains("Pots delivered") && row(1).contains("Missed"), "past its date and not done");
    assert!(row(2).contains("Rota agreed") && row(2).contains("Not yet due"));
    assert!(row(3).contains("Someday") && row(3).contains("Not dated"), "undated milestones come last");
    assert!(
        page.contains("has missed a milestone: “Pots delivered” (due 30 Sep 2026)"),
        "and the finding is on the page"
    );
}

#[test]
fn the_data_downloads_hold_every_record() {
    let site = Site::fixture("minimal");
    assert_eq!(site.run(&["build"]).code, 0);
    let projects = read(&site, "output/data/projects.csv");
    let mut lines = projects.lines();
    assert!(lines.next().unwrap().starts_with("id,title,owner,sponsor,team,status,rag,"), "a header row");
    let ids: Vec<&str> = lines.map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(ids, ["office-plants", "smart-meters"]);
    let json: serde_json::Value = serde_json::from_str(&read(&site, "output/data/analysis.json")).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["projects"].as_array().unwrap().len(), 2);
    assert_eq!(json["objectives"][0]["id"], "cut-leakage");
    assert_eq!(json["key_results"][0]["current"], 17.0, "the latest check-in's value");
    let findings = read(&site, "output/data/findings.csv");
    assert!(findings.contains("unaligned-project,visibility,warning,false,,project,office-plants,"), "{findings}");
}

#[test]
fn check_ins_and_reviews_have_pages() {
    let site = Site::fixture("minimal");
    assert_eq!(site.run(&["build"]).code, 0);
    let checkins = read(&site, "output/checkins.html");
    assert!(checkins.contains("href=\"checkins/2026-11-06.html\""), "each check-in links to its page");
    assert!(checkins.contains("1 key result and 1 project reported"), "{checkins}");
    let checkin = read(&site, "output/checkins/2026-11-06.html");
    assert!(checkin.contains("District metering live"), "key-result notes are shown");
    assert!(checkin.contains("Supplier late"), "project notes are shown");
    assert!(checkin.contains("badge--amber"), "status updates are shown");
    assert!(read(&site, "output/index.html").contains("href=\"checkins/2026-11-06.html\""), "home links the latest");
    let review = read(&site, "output/reviews/2026-11-board.html");
    assert!(review.contains("The board is asked to stop one project."), "the narrative opens the page");
    assert!(review.contains("Serves no objective"), "decisions with their rationale");
    assert!(read(&site, "output/404.html").contains("Page not found"));
}

/// Two years of weekly check-ins over hundreds of projects: the check-ins
/// page shows each one's first few status changes, its own page all.
#[test]
fn the_check_ins_page_stays_short_and_each_check_in_page_lists_everything() {
    let (_site, output) = Site::generated(400);
    let index = std::fs::read_to_string(output.join("checkins.html")).unwrap();
    let sections: Vec<&str> = index.split("<section class=\"section checkin\"").skip(1).collect();
    let pages = std::fs::read_dir(output.join("checkins")).unwrap().count();
    assert_eq!(sections.len(), pages, "one page per check-in");
    let cut =
        sections.iter().find(|s| s.contains("more on <a")).expect("some check-in changes more than a few statuses");
    assert_eq!(cut.matches("<li>").count(), 12, "the first twelve changes are listed");
    let more: usize = cut.split(" more on <a").next().unwrap().rsplit("and ").next().unwrap().parse().unwrap();
    let id = cut.split("id=\"").nth(1).unwrap().split('"').next().unwrap();
    let page = std::fs::read_to_string(output.join(format!("checkins/{id}.html"))).unwrap();
    assert_eq!(page.matches("<span class=\"sub\">was ").count(), 12 + more, "its own page lists every change");
}

#[test]
fn the_search_index_covers_every_page_kind_and_cannot_break_out_of_its_script() {
    let site = Site::fixture("minimal");
    site.write(
        "content/projects/office-plants.md",
        "+++\ntitle = \"Plants </script><script>alert(1)\"\nowner = \"Alan Turing\"\n+++\nNicer offices.\n",
    );
    assert_eq!(site.run(&["build"]).code, 0);
    let manifest = read(&site, "output/search-index.js");
    let json = manifest.trim().strip_prefix("window.THROUGHLINE_SEARCH = ").unwrap().strip_suffix(';').unwrap();
    let shards: Vec<String> = serde_json::from_str(json).unwrap();
    assert_eq!(shards, ["search/1.js"], "a small site's index is one shard");
    let index = read(&site, "output/search/1.js");
    let json = index.trim().split_once("] = ").unwrap().1.strip_suffix(';').unwrap();
    let entries: serde_json::Value = serde_json::from_str(json).unwrap();
    let kinds: std::collections::BTreeSet<&str> =
        entries.as_array().unwrap().iter().map(|e| e["k"].as_str().unwrap()).collect();
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), ["objective", "priority", "project", "review", "team"]);
    assert!(index.contains("Alan Turing"), "owners are searchable");
    assert!(!index.contains("</script>"), "text cannot close the script element");
}

#[test]
fn the_home_page_says_what_changed_in_the_latest_check_in() {
    let site = Site::fixture("minimal");
    site.write(
        "content/checkins/2026-11-13.toml",
        "date = 2026-11-13\n[[projects]]\nid = \"smart-meters\"\nrag = \"red\"\n",
    );
    assert_eq!(site.run(&["build"]).code, 0);
    let home = read(&site, "output/index.html");
    let changed = home.split("What changed:").nth(1).expect("a what-changed line");
    let line = &changed[..changed.find("</p>").unwrap()];
    assert!(line.contains("Smart meters</a> amber →"), "{line}");
    assert!(line.contains("red"), "{line}");
}

#[test]
fn a_theme_that_is_not_there_is_a_clear_failure_and_a_site_theme_overrides_a_template() {
    let site = Site::fixture("minimal");
    let org = read(&site, "content/organisation.toml").replace("[site]\n", "[site]\ntheme = \"corporate\"\n");
    site.write("content/organisation.toml", &org);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("theme `corporate` not found"), "{}", run.stderr);
    site.write(
        "themes/corporate/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}Lost?{% endblock content %}",
    );
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(read(&site, "output/404.html").contains("Lost?"));
}

/// A project body with formatting, script and a handler in raw HTML.
const RAW_HTML_BODY: &str =
    "Meters report leaks<sup>1</sup>.\n\n<script>alert('x')</script>\n\n<p onclick=\"steal()\">Click</p>\n";

fn smart_meters_with_raw_html(setting: Option<&str>) -> String {
    let site = Site::fixture("minimal");
    let project = read(&site, "content/projects/smart-meters.md");
    let front_matter_end = project.rfind("+++\n").unwrap() + 4;
    site.write("content/projects/smart-meters.md", format!("{}{RAW_HTML_BODY}", &project[..front_matter_end]));
    if let Some(setting) = setting {
        let organisation = read(&site, "content/organisation.toml")
            .replace("[site]\n", &format!("[site]\nraw_html = \"{setting}\"\n"));
        site.write("content/organisation.toml", organisation);
    }
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    read(&site, "output/projects/smart-meters.html")
}

#[test]
fn raw_html_in_bodies_is_sanitised_by_default() {
    let page = smart_meters_with_raw_html(None);
    assert!(page.contains("leaks<sup>1</sup>"), "formatting is kept");
    assert!(page.contains("<p>Click</p>"), "the paragraph is kept without its handler");
    assert!(!page.contains("alert("), "scripts are removed");
    assert!(!page.contains("steal()"), "event handlers are removed");
}

#[test]
fn raw_html_can_be_escaped_or_trusted() {
    let escaped = smart_meters_with_raw_html(Some("escape"));
    assert!(escaped.contains("leaks&lt;sup&gt;1&lt;/sup&gt;"), "raw HTML is shown as text");
    assert!(!escaped.contains("<script>alert"));
    let trusted = smart_meters_with_raw_html(Some("trust"));
    assert!(trusted.contains("<script>alert('x')</script>"), "a trusted site's HTML passes through");
    assert!(trusted.contains("onclick=\"steal()\""));
}

#[test]
fn an_unknown_raw_html_setting_lists_the_choices() {
    let site = Site::fixture("minimal");
    let organisation = read(&site, "content/organisation.toml").replace("[site]\n", "[site]\nraw_html = \"allow\"\n");
    site.write("content/organisation.toml", organisation);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("`allow` is not a valid `raw_html`"), "{}", run.stderr);
    assert!(run.stderr.contains("content/organisation.toml:8:12"), "{}", run.stderr);
    assert!(run.stderr.contains("sanitise, sanitize, escape, trust"), "{}", run.stderr);
}

#[test]
fn an_objective_without_children_shows_its_key_result_trends() {
    let site = Site::fixture("minimal");
    assert_eq!(site.run(&["build"]).code, 0);
    let page = read(&site, "output/objectives/cut-leakage.html");
    assert!(!page.contains("Objectives cascading from this one"), "the fixture's objective has no children");
    assert!(page.contains("Trends from check-ins"), "its key result has a check-in, so it has a trend");
}

#[test]
fn the_home_page_answers_the_boards_questions() {
    let site = Site::fixture("minimal");
    assert_eq!(site.run(&["build"]).code, 0);
    let home = read(&site, "output/index.html");
    for section in
        ["Strategic priorities", "Unaligned work", "Objectives nobody is working on", "Proposed for stopping"]
    {
        assert!(home.contains(section), "the home page should have `{section}`");
    }
    assert!(home.contains("href=\"gaps/translation.html\""), "open findings link to their gap's page");
    assert!(home.contains("Office plants"), "the unaligned project is named");
}

#[test]
fn a_theme_file_cannot_replace_a_generated_page() {
    let site = Site::fixture("minimal");
    site.write("themes/default/static/index.html", "<p>my own home page</p>");
    let run = site.run(&["build"]);
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stderr.contains("static file `static/index.html` has the same path as a file throughline generates"),
        "{}",
        run.stderr
    );
    assert!(!site.path().join("output/index.html").exists(), "nothing is written");
}

#[test]
fn the_home_page_shows_the_rhythm_last_and_next_of_each_kind() {
    let site = Site::example();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = std::fs::read_to_string(site.path().join("output/index.html")).unwrap();
    let rhythm = home.split("id=\"rhythm-heading\"").nth(1).expect("the example sets [rhythm]");
    let rhythm = rhythm.split("</section>").next().unwrap();
    let row = |what: &str| rhythm.split(what).nth(1).unwrap().split("</tr>").next().unwrap().to_string();
    // As of 20 November: the last check-in that day, due again a fortnight on.
    let checkins = row("Check-ins");
    assert!(checkins.contains("20 November 2026") && checkins.contains("4 December 2026"), "{checkins}");
    assert!(!checkins.contains("overdue"), "{checkins}");
    // The November portfolio review meets on the 25th: the last is September's.
    let portfolio = row("Portfolio reviews");
    assert!(portfolio.contains("reviews/2026-09-board.html") && portfolio.contains("31 December 2026"), "{portfolio}");
    assert!(row("Strategy reviews").contains("none held yet"));
    let without = Site::fixture("minimal");
    assert_eq!(without.run(&["build"]).code, 0);
    let home = std::fs::read_to_string(without.path().join("output/index.html")).unwrap();
    assert!(!home.contains("rhythm-heading"), "no [rhythm], no rhythm on the home page");
}

/// Counts the chart labels of every page a build wrote, and those shortened
/// to fit; fails on any chart text under 11 px (charts are never shown
/// narrower than drawn, so that is the least a reader sees) and on any
/// shortened label without its full text as a tooltip.
fn chart_labels(site: &Site) -> (usize, Vec<String>) {
    let mut pages = vec![site.path().join("output")];
    let (mut labels, mut shortened) = (0, Vec::new());
    while let Some(dir) = pages.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pages.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let html = std::fs::read_to_string(&path).unwrap();
            for text in html.split("<text").skip(1) {
                let Some(body) = text.split("</text>").next().and_then(|t| t.split_once('>')).map(|(_, b)| b) else {
                    continue;
                };
                labels += 1;
                let size = text.split("font-size=\"").nth(1).and_then(|v| v.split('"').next()?.parse::<f64>().ok());
                assert!(
                    size.is_some_and(|s| s >= 10.99),
                    "{}: text below 11 px: <text{}",
                    path.display(),
                    &text[..text.len().min(160)]
                );
                if body.ends_with('…') {
                    assert!(
                        body.starts_with("<title>"),
                        "{}: a label cut without its full text: {body}",
                        path.display()
                    );
                    shortened.push(body.to_string());
                }
            }
        }
    }
    (labels, shortened)
}

/// Labels wrap to two lines, blocks too narrow for a name are numbered and
/// keyed, and columns are as wide as their names: so no chart of the
/// example site or its HTML packs cuts a label, and none has text under
/// 11 px.
#[test]
fn no_chart_label_of_the_example_is_cut_or_under_eleven_pixels() {
    let site = Site::example();
    let run = site.run(&["build", "--no-pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (labels, shortened) = chart_labels(&site);
    assert!(labels > 500, "the example's charts have labels: {labels}");
    assert!(shortened.is_empty(), "labels cut although the example's names are ordinary: {shortened:?}");
}

/// Where a name truly cannot fit, the label is shortened and its full text
/// is its tooltip (and in the data table).
#[test]
fn a_label_too_long_for_any_room_is_cut_with_its_full_text_kept() {
    let site = Site::fixture("long-names");
    let run = site.run(&["build", "--no-pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (labels, shortened) = chart_labels(&site);
    assert!(labels > 50, "{labels}");
    assert!(!shortened.is_empty(), "the fixture has names no chart can show whole");
}

/// Long and non-Latin names are measured and wrapped, not cut: each shows
/// whole across the lines of its chart label.
#[test]
fn long_and_non_latin_names_show_whole_in_the_charts() {
    let site = Site::fixture("long-names");
    let run = site.run(&["build", "--no-pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The text of a page's chart labels, spaces left out, so a name is
    // found however its lines were broken.
    let labels = |page: &str| -> String {
        read(&site, page)
            .split("<text")
            .skip(1)
            .filter_map(|t| t.split("</text>").next()?.rsplit('>').next().map(str::to_string))
            .collect::<String>()
            .replace(' ', "")
    };
    let whole = |labels: &str, name: &str| labels.contains(&name.replace(' ', ""));
    let alignment = labels("output/alignment.html");
    for name in [
        "Faster and fairer access to planned care for every community we serve",
        "Сохранить и поддержать наших сотрудников",
    ] {
        assert!(whole(&alignment, name), "{name} in the intent chart: {alignment}");
    }
    let objective = labels("output/objectives/waits.html");
    for name in [
        "Median wait for a first outpatient appointment, all specialties",
        "東京と大阪の外来待ち時間を半分にする取り組みの進捗",
    ] {
        assert!(whole(&objective, name), "{name} in the bullet chart: {objective}");
    }
    let dependencies_free = labels("output/alignment.html");
    assert!(
        whole(&dependencies_free, "Outpatient Services and Planned Care Directorate"),
        "the team column of the matrix"
    );
}
