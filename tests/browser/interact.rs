//! Sorting, filtering and search respond to clicks, keys and typing, over
//! HTTP and from `file://`.

use fantoccini::Locator;
use fantoccini::key::Key;
use serde_json::Value;

use crate::harness::{Browser, Window, enabled, example};

/// The projects table's rows as the reader sees them: the sort key of
/// `column` for each visible row, top to bottom.
async fn column(browser: &Browser, column: usize) -> Vec<Value> {
    let script = format!(
        "return Array.from(document.querySelectorAll('#projects-table tbody tr'))\
         .filter(r => !r.hidden).map(r => r.cells[{column}].dataset.sort)"
    );
    browser.eval(&script).await.as_array().unwrap().clone()
}

fn numbers(values: &[Value]) -> Vec<f64> {
    values.iter().map(|v| v.as_str().unwrap().parse::<f64>().unwrap()).collect()
}

async fn sorts_the_projects_table(browser: &Browser, base: &str) {
    browser.open(&format!("{base}projects/index.html")).await;
    let budget = 7;
    let heading = browser.eval("return document.querySelectorAll('#projects-table thead th')[7].textContent").await;
    assert_eq!(heading, "Budget");
    let before = numbers(&column(browser, budget).await);
    let button = browser.client.find(Locator::Css("#projects-table thead th:nth-child(8) button")).await.unwrap();
    button.click().await.unwrap();
    let ascending = numbers(&column(browser, budget).await);
    assert!(ascending.is_sorted(), "budgets after one click: {ascending:?}");
    assert_ne!(before, ascending, "the example's projects are not listed by budget, so sorting must move rows");
    let sort =
        browser.eval("return document.querySelectorAll('#projects-table thead th')[7].getAttribute('aria-sort')").await;
    assert_eq!(sort, "ascending");

    // The same button by keyboard: focus it and press Enter to reverse.
    browser.eval("document.querySelector('#projects-table thead th:nth-child(8) button').focus()").await;
    browser.client.active_element().await.unwrap().send_keys(&Key::Enter).await.unwrap();
    let descending = numbers(&column(browser, budget).await);
    assert!(descending.iter().rev().is_sorted(), "budgets after Enter: {descending:?}");

    // Text columns sort by their text, case-insensitively.
    browser
        .client
        .find(Locator::Css("#projects-table thead th:nth-child(1) button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let titles: Vec<String> = column(browser, 0).await.iter().map(|v| v.as_str().unwrap().to_lowercase()).collect();
    assert!(titles.is_sorted(), "titles after a click: {titles:?}");

    // Status sorts best to worst on the five-point scale, not by spelling.
    let heading = browser.eval("return document.querySelectorAll('#projects-table thead th')[2].textContent").await;
    assert_eq!(heading, "RAG");
    browser
        .client
        .find(Locator::Css("#projects-table thead th:nth-child(3) button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let words = browser
        .eval(
            "return Array.from(document.querySelectorAll('#projects-table tbody tr'))\
             .map(r => r.cells[2].textContent.trim().replace(/^[^a-z]+/, ''))",
        )
        .await;
    let order = ["not reported", "green", "amber/green", "amber", "amber/red", "red"];
    let ranks: Vec<usize> = words
        .as_array()
        .unwrap()
        .iter()
        .map(|w| order.iter().position(|o| *o == w.as_str().unwrap()).unwrap_or_else(|| panic!("{w}")))
        .collect();
    assert!(ranks.is_sorted(), "best to worst: {words:?}");
    assert!(ranks.contains(&2) && ranks.contains(&4), "the example reports both steps between: {words:?}");
}

async fn filters_the_projects_table(browser: &Browser, base: &str) {
    browser.open(&format!("{base}projects/index.html")).await;
    let total = column(browser, 0).await.len();
    let count = || browser.eval("return document.querySelector('#table-filters .filters__count').textContent");
    assert_eq!(count().await, format!("{total} of {total} projects"));

    let rag = browser.client.find(Locator::Css("#table-filters select[data-filter=rag]")).await.unwrap();
    rag.select_by_label("red").await.unwrap();
    let rags = browser
        .eval("return Array.from(document.querySelectorAll('#projects-table tbody tr')).filter(r => !r.hidden).map(r => r.dataset.rag)")
        .await;
    let rags = rags.as_array().unwrap();
    assert!(!rags.is_empty() && rags.len() < total, "red projects shown: {}", rags.len());
    assert!(rags.iter().all(|r| r == "red"), "only red projects stay visible: {rags:?}");
    assert_eq!(count().await, format!("{} of {total} projects", rags.len()));

    rag.select_by_value("").await.unwrap();
    let search = browser.client.find(Locator::Css("#table-filters input[data-filter=text]")).await.unwrap();
    search.send_keys("virtual ward").await.unwrap();
    let mut shown: Vec<String> = column(browser, 0).await.iter().map(|v| v.as_str().unwrap().to_string()).collect();
    shown.sort();
    assert_eq!(shown, ["Remote monitoring devices for virtual wards", "Virtual ward expansion", "Virtual ward pilot"]);
}

async fn filters_the_findings(browser: &Browser, base: &str) {
    browser.open(&format!("{base}gaps.html")).await;
    let visible = "return Array.from(document.querySelectorAll('.finding')).filter(f => f.offsetParent !== null).map(f => f.dataset.gap)";
    let all = browser.eval(visible).await.as_array().unwrap().len();
    let gap = browser.client.find(Locator::Css("#filters select[data-filter=gap]")).await.unwrap();
    gap.select_by_value("feedback").await.unwrap();
    let gaps = browser.eval(visible).await;
    let gaps = gaps.as_array().unwrap();
    assert!(!gaps.is_empty() && gaps.len() < all, "{} of {all} findings shown", gaps.len());
    assert!(gaps.iter().all(|g| g == "feedback"), "only feedback-gap findings stay visible: {gaps:?}");
    let count = browser.eval("return document.querySelector('#filters .filters__count').textContent").await;
    assert_eq!(count, format!("{} of {all} findings", gaps.len()));
}

async fn searches_and_follows_a_result(browser: &Browser, base: &str) {
    browser.open(&format!("{base}search.html")).await;
    let input = browser.client.find(Locator::Css("#search-input")).await.unwrap();
    input.send_keys("ophthalmology").await.unwrap();
    let results =
        browser.eval("return Array.from(document.querySelectorAll('#search-results a')).map(a => a.textContent)").await;
    let results = results.as_array().unwrap();
    assert!(
        results.iter().any(|r| r == "Community ophthalmology diagnostic hub"),
        "results for `ophthalmology`: {results:?}"
    );
    let status = browser.eval("return document.getElementById('search-status').textContent").await;
    assert_eq!(status, format!("{} results", results.len()));

    // Every word typed must match.
    input.send_keys(" zzzz-no-such-word").await.unwrap();
    let status = browser.eval("return document.getElementById('search-status').textContent").await;
    assert_eq!(status, "0 results");

    input.clear().await.unwrap();
    input.send_keys("diagnostic hub").await.unwrap();
    browser
        .client
        .find(Locator::LinkText("Community ophthalmology diagnostic hub"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let heading = browser.eval("return document.querySelector('h1').textContent.trim()").await;
    assert_eq!(heading, "Community ophthalmology diagnostic hub");
    assert!(browser.console_errors().await.is_empty());
}

async fn everything(base: &str) {
    let browser = Browser::start(Window::DESKTOP).await;
    sorts_the_projects_table(&browser, base).await;
    filters_the_projects_table(&browser, base).await;
    filters_the_findings(&browser, base).await;
    searches_and_follows_a_result(&browser, base).await;
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.finish().await;
}

#[tokio::test]
async fn tables_filters_and_search_work_over_http() {
    if enabled() {
        everything(&example().http).await;
    }
}

#[tokio::test]
async fn tables_filters_and_search_work_from_file() {
    if enabled() {
        everything(&example().file).await;
    }
}
