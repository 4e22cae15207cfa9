//! A portfolio large enough that the projects list runs over several pages:
//! sorting, the filters and search still work over the whole portfolio,
//! over HTTP and from `file://`.

use fantoccini::Locator;
use serde_json::Value;

use crate::harness::{Browser, Example, GENERATED_PROJECTS, Window, enabled, generated};

/// The projects as the data download lists them: (title, rag, budget,
/// priority ids).
fn projects(site: &Example) -> Vec<(String, String, f64, Vec<String>)> {
    let mut reader = csv::Reader::from_path(site.output.join("data/projects.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (title, rag, budget, priorities) = (column("title"), column("rag"), column("budget"), column("priorities"));
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[title].to_string(),
                r[rag].to_string(),
                r[budget].parse().unwrap_or(0.0),
                r[priorities].split(';').filter(|p| !p.is_empty()).map(str::to_string).collect(),
            )
        })
        .collect()
}

/// Waits until `script` returns something other than `null` or `false`.
async fn until(browser: &Browser, script: &str) -> Value {
    for _ in 0..100 {
        let value = browser.eval(script).await;
        if !value.is_null() && value != Value::Bool(false) {
            return value;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("waited 10 s for `{script}`");
}

const COUNT: &str = "return document.querySelector('#table-filters .filters__count').textContent";

/// The filter count once the whole portfolio has been loaded.
async fn settled_count(browser: &Browser) -> String {
    let script = format!("var t = (function () {{ {COUNT} }})(); return /^\\d+ of /.test(t) ? t : null;");
    until(browser, &script).await.as_str().unwrap().to_string()
}

async fn the_projects_list_works_over_the_whole_portfolio(site: &Example, base: &str) {
    let all = projects(site);
    assert_eq!(all.len(), GENERATED_PROJECTS);
    let browser = Browser::start(Window::DESKTOP).await;
    browser.open(&format!("{base}projects/index.html")).await;
    let rows = "return document.querySelectorAll('#projects-table tbody tr').length";
    assert_eq!(browser.eval(rows).await, 100, "a page holds a hundred projects");
    assert_eq!(browser.eval("return document.querySelectorAll('nav.pages').length").await, 2, "pagers above and below");

    // Sorting by budget sorts every project, not just this page's.
    browser
        .client
        .find(Locator::Css("#projects-table thead th:nth-child(8) button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(settled_count(&browser).await, format!("{GENERATED_PROJECTS} of {GENERATED_PROJECTS} projects"));
    let budgets = browser
        .eval("return Array.from(document.querySelectorAll('#projects-table tbody tr')).map(r => parseFloat(r.cells[7].dataset.sort))")
        .await;
    let budgets: Vec<f64> = budgets.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    assert_eq!(budgets.len(), GENERATED_PROJECTS, "every project is listed once sorted");
    assert!(budgets.is_sorted(), "ascending: {budgets:?}");
    let least = all.iter().map(|p| p.2).fold(f64::INFINITY, f64::min);
    assert_eq!(budgets[0], least, "the smallest budget of the whole portfolio comes first");
    assert_eq!(browser.eval("return document.querySelector('nav.pages').hidden").await, true, "no pager while sorted");

    // A filter counts across the whole portfolio.
    let rag = browser.client.find(Locator::Css("#table-filters select[data-filter=rag]")).await.unwrap();
    rag.select_by_label("red").await.unwrap();
    let red = all.iter().filter(|p| p.1 == "red").count();
    assert!(red > 0);
    assert_eq!(settled_count(&browser).await, format!("{red} of {GENERATED_PROJECTS} projects"));
    assert_eq!(browser.eval(rows).await, red);

    // A priority's page links to its projects in the list, filtered.
    let id = all.iter().find_map(|p| p.3.first().cloned()).unwrap();
    let serving = all.iter().filter(|p| p.3.contains(&id)).count();
    browser.open(&format!("{base}priorities/{id}.html")).await;
    let title = browser.eval("return document.querySelector('h1').textContent.trim()").await;
    let title = title.as_str().unwrap().to_string();
    let query: String = url::form_urlencoded::byte_serialize(title.as_bytes()).collect();
    browser.open(&format!("{base}projects/index.html?priority={query}")).await;
    assert_eq!(settled_count(&browser).await, format!("{serving} of {GENERATED_PROJECTS} projects"));
    let shown = browser
        .eval("return Array.from(document.querySelectorAll('#projects-table tbody tr')).every(r => r.dataset.priority.split('|').includes(arguments[0]))".replace("arguments[0]", &format!("{title:?}")).as_str())
        .await;
    assert_eq!(shown, true, "every row shown serves {title}");

    // Search finds a project listed on the last page.
    let last = &all.last().unwrap().0;
    browser.open(&format!("{base}search.html")).await;
    browser.client.find(Locator::Css("#search-input")).await.unwrap().send_keys(last).await.unwrap();
    let found = until(
        &browser,
        &format!("return Array.from(document.querySelectorAll('#search-results a')).some(a => a.textContent === {last:?}) || null"),
    )
    .await;
    assert_eq!(found, true);
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.finish().await;
}

#[tokio::test]
async fn a_paged_projects_list_sorts_and_filters_the_whole_portfolio_over_http() {
    if enabled() {
        let site = generated();
        the_projects_list_works_over_the_whole_portfolio(site, &site.http).await;
    }
}

#[tokio::test]
async fn a_paged_projects_list_sorts_and_filters_the_whole_portfolio_from_file() {
    if enabled() {
        let site = generated();
        the_projects_list_works_over_the_whole_portfolio(site, &site.file).await;
    }
}
