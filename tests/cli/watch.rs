//! `throughline watch` and `serve`: the real binary on a temporary site,
//! edited the ways editors save files, and the preview server probed over
//! raw TCP. Waits are bounded and end as soon as the expected line arrives.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use super::harness::{AS_OF, Site};

const PATIENCE: Duration = Duration::from_secs(20);

/// A running `watch` or `serve`, killed on drop.
struct Watcher {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watcher {
    fn start(site: &Site, command: &str, extra: &[&str]) -> Watcher {
        let mut child = Command::new(env!("CARGO_BIN_EXE_throughline"))
            .arg(command)
            .args(["--root"])
            .arg(site.path())
            .args(["--as-of", AS_OF, "--no-pdf"])
            .args(extra)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, lines) = channel();
        for stream in
            [Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>, Box::new(child.stderr.take().unwrap())]
        {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        let mut watcher = Watcher { child, lines, seen: Vec::new() };
        watcher.wait_for("watching");
        watcher
    }

    /// Waits for a line containing `text`; returns it.
    fn wait_for(&mut self, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(text) {
                        return line;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("no line containing `{text}` within {PATIENCE:?}; saw:\n{}", self.seen.join("\n"));
    }

    /// Lines that arrive within `quiet`.
    fn lines_within(&mut self, quiet: Duration) -> Vec<String> {
        let mut lines = Vec::new();
        let deadline = Instant::now() + quiet;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => lines.push(line),
                Err(_) => break,
            }
        }
        self.seen.extend(lines.clone());
        lines
    }
}

fn read(site: &Site, path: &str) -> String {
    std::fs::read_to_string(site.path().join(path)).unwrap_or_default()
}

const PROJECT: &str = "content/projects/smart-meters.md";
const PAGE: &str = "output/projects/smart-meters.html";

/// The project file with its body replaced by `body`.
fn project_with_body(site: &Site, body: &str) -> String {
    let text = read(site, PROJECT);
    let end = text.rfind("+++\n").unwrap() + 4;
    format!("{}{body}\n", &text[..end])
}

#[test]
fn each_way_editors_save_a_file_rebuilds_the_page() {
    let site = Site::fixture("minimal");
    let mut watcher = Watcher::start(&site, "watch", &[]);
    let file = site.path().join(PROJECT);

    // Write in place.
    std::fs::write(&file, project_with_body(&site, "Saved in place.")).unwrap();
    watcher.wait_for("rebuilt");
    assert!(read(&site, PAGE).contains("Saved in place."));

    // Truncate, then write in two pieces.
    let text = project_with_body(&site, "Truncated then written.");
    let mut handle = std::fs::OpenOptions::new().write(true).truncate(true).open(&file).unwrap();
    let (head, tail) = text.split_at(text.len() / 2);
    handle.write_all(head.as_bytes()).unwrap();
    handle.flush().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    handle.write_all(tail.as_bytes()).unwrap();
    drop(handle);
    watcher.wait_for("rebuilt");
    assert!(read(&site, PAGE).contains("Truncated then written."), "{}", watcher.seen.join("\n"));

    // Write a temporary file and rename it over the original (VS Code, JetBrains).
    let temp = site.path().join("content/projects/smart-meters.md.tmp");
    std::fs::write(&temp, project_with_body(&site, "Renamed over.")).unwrap();
    std::fs::rename(&temp, &file).unwrap();
    watcher.wait_for("rebuilt");
    assert!(read(&site, PAGE).contains("Renamed over."));

    // Vim: probe file 4913, move the original to a backup, write anew, drop the backup.
    let probe = site.path().join("content/projects/4913");
    std::fs::write(&probe, "").unwrap();
    std::fs::remove_file(&probe).unwrap();
    let backup = site.path().join("content/projects/smart-meters.md~");
    let text = project_with_body(&site, "Saved by vim.");
    std::fs::rename(&file, &backup).unwrap();
    std::fs::write(&file, text).unwrap();
    std::fs::remove_file(&backup).unwrap();
    watcher.wait_for("rebuilt");
    let page = read(&site, PAGE);
    assert!(page.contains("Saved by vim."), "{}", watcher.seen.join("\n"));
}

#[test]
fn editor_leftovers_and_output_writes_do_not_rebuild() {
    let site = Site::fixture("minimal");
    let mut watcher = Watcher::start(&site, "watch", &[]);
    for leftover in [
        "content/projects/notes.md~",
        "content/projects/.smart-meters.md.swp",
        "content/projects/4913",
        "content/.hidden.md",
    ] {
        site.write(leftover, "scratch");
    }
    let lines = watcher.lines_within(Duration::from_millis(800));
    assert!(lines.iter().all(|l| !l.contains("rebuilt")), "no rebuild expected: {lines:?}");
}

#[test]
fn a_burst_of_changes_is_rebuilt_once_and_files_come_and_go() {
    let site = Site::fixture("minimal");
    let mut watcher = Watcher::start(&site, "watch", &[]);
    // A checkout that adds a folder of 60 projects at once.
    let project = read(&site, PROJECT);
    for i in 0..60 {
        site.write(
            &format!("content/projects/estate/p{i:02}.md"),
            project.replace("Smart meters", &format!("Project {i:02}")),
        );
    }
    watcher.wait_for("rebuilt");
    let more = watcher.lines_within(Duration::from_millis(600));
    let rebuilds = 1 + more.iter().filter(|l| l.contains("rebuilt")).count();
    assert!(rebuilds <= 2, "one burst, {rebuilds} rebuilds: {more:?}");
    assert!(site.path().join("output/projects/p59.html").is_file(), "{}", watcher.seen.join("\n"));

    // Deleting the folder removes its pages.
    std::fs::remove_dir_all(site.path().join("content/projects/estate")).unwrap();
    watcher.wait_for("rebuilt");
    assert!(!site.path().join("output/projects/p00.html").exists());
    assert!(site.path().join(PAGE).is_file());
}

#[test]
fn a_broken_file_keeps_the_last_good_site_until_it_is_fixed() {
    let site = Site::fixture("minimal");
    let mut watcher = Watcher::start(&site, "watch", &[]);
    let before = read(&site, PAGE);
    let good = read(&site, PROJECT);
    site.write(PROJECT, good.replace("status = \"active\"", "status = \"actve\""));
    let line = watcher.wait_for("build failed");
    assert!(line.contains("1 error"), "{line}");
    let error = watcher.seen.iter().any(|l| l.contains("content/projects/smart-meters.md:"));
    assert!(error, "the diagnostic names the file: {}", watcher.seen.join("\n"));
    assert_eq!(read(&site, PAGE), before, "the last good output stays");

    site.write(PROJECT, project_with_body(&site, "Fixed again.").replace("status = \"actve\"", "status = \"active\""));
    watcher.wait_for("rebuilt");
    assert!(read(&site, PAGE).contains("Fixed again."));
}

#[test]
fn a_rebuild_parses_only_the_changed_file_and_rewrites_only_changed_output() {
    let site = Site::fixture("minimal");
    let mut watcher = Watcher::start(&site, "watch", &[]);
    let untouched = site.path().join("output/style.css");
    let stamp = std::fs::metadata(&untouched).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    site.write(PROJECT, project_with_body(&site, "A new body."));
    let line = watcher.wait_for("rebuilt");
    assert!(line.contains("(1 parsed"), "{line}");
    assert_eq!(std::fs::metadata(&untouched).unwrap().modified().unwrap(), stamp, "unchanged files are not rewritten");
}

/// Sends a raw request and returns the whole response.
fn http(port: u16, request: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

fn get(port: u16, path: &str) -> String {
    http(port, &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
}

fn serving(site: &Site) -> (Watcher, u16) {
    // The serving line comes before "watching"; find it among what was seen.
    let watcher = Watcher::start(site, "serve", &["--port", "0"]);
    let line = watcher.seen.iter().find(|l| l.starts_with("serving ")).cloned().expect("a serving line");
    assert!(line.contains(" at http://127.0.0.1:"), "loopback unless told otherwise: {line}");
    let port = line.rsplit(':').next().unwrap().trim_end_matches('/').parse().unwrap();
    (watcher, port)
}

#[test]
fn serve_answers_pages_with_live_reload_and_refuses_to_leave_the_output() {
    let site = Site::fixture("minimal");
    site.write("secret.txt", "do not serve me");
    let (_watcher, port) = serving(&site);

    let home = get(port, "/");
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    assert!(home.to_lowercase().contains("content-type: text/html; charset=utf-8"));
    assert!(home.contains("<script src=\"/__throughline/live.js\"></script></body>"));
    assert!(!read(&site, "output/index.html").contains("live.js"), "files on disk stay clean");
    assert!(get(port, "/style.css").to_lowercase().contains("content-type: text/css"));
    assert!(get(port, "/projects").starts_with("HTTP/1.1 301"), "a folder without its slash is redirected");
    let missing = get(port, "/projects/nothing-here.html");
    assert!(missing.starts_with("HTTP/1.1 404") && missing.contains("Page not found"), "the site's 404 page");

    for attack in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/..\\secret.txt",
        "//etc/passwd",
    ] {
        let response = get(port, attack);
        assert!(!response.contains("do not serve me") && !response.contains("root:"), "{attack} leaked: {response}");
        assert!(response.starts_with("HTTP/1.1 400") || response.starts_with("HTTP/1.1 404"), "{attack}: {response}");
    }

    // A malformed request and a client that leaves mid-response do not stop it.
    let _ = http(port, "NONSENSE\r\n\r\n");
    let mut rude = TcpStream::connect(("127.0.0.1", port)).unwrap();
    rude.write_all(b"GET /search-index.js HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    drop(rude);
    assert!(get(port, "/").starts_with("HTTP/1.1 200"), "still serving");
}

/// The preview server under hostile and heavy use: absolute URLs, an
/// enormous request, clients that never finish their request, and many
/// at once. It answers the others throughout and never leaves the output.
#[test]
fn serve_keeps_serving_through_odd_slow_and_many_clients() {
    let site = Site::fixture("minimal");
    site.write("secret.txt", "do not serve me");
    let (_watcher, port) = serving(&site);

    for request in [
        "GET http://localhost/../secret.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".to_string(),
        "GET /secret.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".to_string(),
        format!("GET /{} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", "a/".repeat(100_000)),
        format!("GET / HTTP/1.1\r\nHost: localhost\r\n{}Connection: close\r\n\r\n", "X-Filler: y\r\n".repeat(10_000)),
    ] {
        let response = http(port, &request);
        assert!(!response.contains("do not serve me"), "leaked: {}", &response[..response.len().min(300)]);
    }

    // Clients that send half a request and wait (a few: tiny_http's pool
    // queues new connections behind a sudden burst of dozens of them).
    let idle: Vec<TcpStream> = (0..3)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
            stream.write_all(b"GET / HTTP/1.1\r\nHost: loc").unwrap();
            stream
        })
        .collect();
    let started = Instant::now();
    let beside = get(port, "/");
    assert!(beside.starts_with("HTTP/1.1 200"), "answered beside slow clients: {:?}", &beside[..beside.len().min(200)]);
    assert!(started.elapsed() < Duration::from_secs(5), "not held up by them: {:?}", started.elapsed());

    // Thirty-two clients at once, twenty requests each.
    let workers: Vec<_> = (0..32)
        .map(|_| {
            std::thread::spawn(move || {
                (0..20).filter(|_| get(port, "/projects/smart-meters.html").starts_with("HTTP/1.1 200")).count()
            })
        })
        .collect();
    let answered: usize = workers.into_iter().map(|w| w.join().unwrap()).sum();
    assert_eq!(answered, 32 * 20, "every request under load is answered");
    drop(idle);
    assert!(get(port, "/").starts_with("HTTP/1.1 200"), "still serving");
}

/// Reads server-sent events until one named `event` arrives; returns its data.
fn next_event(stream: &mut BufReader<TcpStream>, event: &str) -> String {
    let deadline = Instant::now() + PATIENCE;
    let mut current = String::new();
    let mut line = String::new();
    while Instant::now() < deadline {
        line.clear();
        if stream.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        if let Some(name) = line.strip_prefix("event: ") {
            current = name.trim().to_string();
        } else if let Some(data) = line.strip_prefix("data: ")
            && current == event
        {
            return data.trim().to_string();
        }
    }
    panic!("no `{event}` event within {PATIENCE:?}");
}

#[test]
fn serve_tells_open_pages_to_reload_or_shows_what_broke() {
    let site = Site::fixture("minimal");
    let (mut watcher, port) = serving(&site);
    let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
    events.set_read_timeout(Some(PATIENCE)).unwrap();
    events.write_all(b"GET /__throughline/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut events = BufReader::new(events);
    next_event(&mut events, "ok");

    let good = read(&site, PROJECT);
    site.write(PROJECT, good.replace("status = \"active\"", "status = \"actve\""));
    let report = next_event(&mut events, "failed");
    assert!(report.contains("content/projects/smart-meters.md") && report.contains("actve"), "{report}");
    assert!(get(port, "/projects/smart-meters.html").starts_with("HTTP/1.1 200"), "the last good page is still served");

    site.write(PROJECT, good);
    next_event(&mut events, "reload");
    watcher.wait_for("rebuilt");
    assert!(Path::new(&site.path().join(PAGE)).is_file());
}
