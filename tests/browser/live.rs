//! `throughline serve` in a real browser: an open page reloads after a
//! save and keeps its scroll position; a broken file shows the errors over
//! the page, and fixing it clears them.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{Browser, Window, enabled};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// Polls `check` in the page until it returns true.
async fn until(browser: &Browser, what: &str, check: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if browser.client.execute(check, vec![]).await.is_ok_and(|v| v == true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting until {what}");
}

#[tokio::test]
async fn an_open_page_follows_every_save() {
    if !enabled() {
        return;
    }
    let site = tempfile::tempdir().unwrap();
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &site.path().join("content"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_throughline"))
        .args(["serve", "--port", "0", "--no-pdf", "--as-of", "2026-11-20", "--root"])
        .arg(site.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let server = Server(child);
    let mut url = String::new();
    for line in stdout.lines().map_while(Result::ok) {
        if let Some(rest) = line.strip_prefix("serving ") {
            url = rest.rsplit(" at ").next().unwrap().to_string();
        }
        if line.starts_with("watching") {
            break;
        }
    }
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let file = site.path().join("content/projects/outpatients/text-reminders.md");
    let original = std::fs::read_to_string(&file).unwrap();

    let browser = Browser::start(Window { width: 1280, height: 600, dark: false }).await;
    browser.open(&format!("{url}projects/text-reminders.html")).await;
    browser.eval("window.scrollTo(0, 400); window.notReloaded = true;").await;

    std::fs::write(&file, format!("{original}\nA sentence added while the page was open.\n")).unwrap();
    until(
        &browser,
        "the page reloads with the edit",
        "return !window.notReloaded && document.body.textContent.includes('A sentence added while the page was open.')",
    )
    .await;
    until(&browser, "the scroll position is restored", "return Math.abs(window.scrollY - 400) < 5").await;

    let broken: String = original
        .lines()
        .map(|line| if line.starts_with("status = ") { "status = \"actve\"" } else { line })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&file, broken).unwrap();
    until(&browser, "the errors are shown", "const o = document.getElementById('throughline-overlay'); return !!o && o.textContent.includes('content/projects/outpatients/text-reminders.md') && o.textContent.includes('actve')").await;

    std::fs::write(&file, &original).unwrap();
    until(&browser, "the errors are gone", "return !document.getElementById('throughline-overlay') && !document.body.textContent.includes('A sentence added')").await;
    let errors = browser.console_errors().await;
    browser.finish().await;
    drop(server);
    assert!(errors.iter().all(|e| !e.contains("live.js")), "{errors:?}");
}
