//! The example site, built once, served on 127.0.0.1 under a sub-path, and a
//! headless Chromium driven through ChromeDriver.
//!
//! Browsers come from the system (Debian's `chromium` and `chromium-driver`,
//! which `.ci/run` installs); `THROUGHLINE_CHROMIUM` and
//! `THROUGHLINE_CHROMEDRIVER` point elsewhere. Without them the tests fail
//! with the install command, unless `THROUGHLINE_SKIP_BROWSER_TESTS=1` says
//! to skip them on purpose.

use std::collections::BTreeSet;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

/// The date the example is built as of, so pages never drift.
const AS_OF: &str = "2026-11-20";

/// The site is served from here, not from `/`, to prove every link is
/// relative and the site works when published in a folder of an intranet.
pub const SUB_PATH: &str = "/intranet/strategy/";

/// The built example and the two addresses it can be opened from.
pub struct Example {
    /// The output folder.
    pub output: PathBuf,
    /// `http://127.0.0.1:PORT/intranet/strategy/`.
    pub http: String,
    /// `file:///…/output/`.
    pub file: String,
}

impl Example {
    /// Every HTML page of the output, as paths from the output folder.
    pub fn pages(&self) -> Vec<String> {
        let mut pages = BTreeSet::new();
        collect_pages(&self.output, &self.output, &mut pages);
        pages.into_iter().collect()
    }
}

fn collect_pages(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_pages(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.insert(path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
        }
    }
}

/// Whether the browser tests should run; `false` only when skipping was
/// asked for. Missing browsers are a failure, not a skip.
pub fn enabled() -> bool {
    if std::env::var_os("THROUGHLINE_SKIP_BROWSER_TESTS").is_some_and(|v| v == "1") {
        eprintln!("browser tests skipped: THROUGHLINE_SKIP_BROWSER_TESTS=1");
        return false;
    }
    true
}

/// The example content built into `target/tmp/browser-site`, served over
/// HTTP for the rest of the test run.
pub fn example() -> &'static Example {
    static EXAMPLE: OnceLock<Example> = OnceLock::new();
    EXAMPLE.get_or_init(|| built(Path::new(env!("CARGO_MANIFEST_DIR")), "browser-site", true))
}

/// How many projects [`generated`] has: enough for the projects list to run
/// over three pages.
pub const GENERATED_PROJECTS: usize = 250;

/// A synthetic portfolio large enough that its long lists have several
/// pages, built into `target/tmp/browser-generated` and served like the
/// example.
pub fn generated() -> &'static Example {
    static GENERATED: OnceLock<Example> = OnceLock::new();
    GENERATED.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-generated-site");
        if root.exists() {
            std::fs::remove_dir_all(&root).unwrap();
        }
        let run = Command::new(env!("CARGO_BIN_EXE_throughline"))
            .args(["generate", "--color", "never", "--projects", &GENERATED_PROJECTS.to_string()])
            .arg(&root)
            .output()
            .unwrap();
        assert!(run.status.success(), "generating a portfolio failed:\n{}", String::from_utf8_lossy(&run.stderr));
        built(&root, "browser-generated", false)
    })
}

/// The site at `root` built into `target/tmp/<folder>` (with its PDF packs
/// or not) and served.
fn built(root: &Path, folder: &str, pdf: bool) -> Example {
    let output = Path::new(env!("CARGO_TARGET_TMPDIR")).join(folder);
    if output.exists() {
        std::fs::remove_dir_all(&output).unwrap();
    }
    let run = Command::new(env!("CARGO_BIN_EXE_throughline"))
        .args(["build", "--color", "never", "--as-of", AS_OF])
        .args(if pdf { None } else { Some("--no-pdf") })
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(&output)
        .output()
        .unwrap();
    assert!(run.status.success(), "building {} failed:\n{}", root.display(), String::from_utf8_lossy(&run.stderr));
    let port = serve(output.clone());
    let file = url::Url::from_directory_path(&output).unwrap().to_string();
    Example { output, http: format!("http://127.0.0.1:{port}{SUB_PATH}"), file }
}

/// Serves `root` under [`SUB_PATH`] on a free loopback port, answering
/// missing files with the site's own 404 page, as an intranet server would.
fn serve(root: PathBuf) -> u16 {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let (status, file) = match resolve(&root, request.url()) {
                Some(file) => (200, file),
                None => (404, root.join("404.html")),
            };
            let body = std::fs::read(&file).unwrap_or_default();
            let header = tiny_http::Header::from_bytes("Content-Type", mime(&file)).unwrap();
            let response = tiny_http::Response::from_data(body).with_status_code(status).with_header(header);
            let _ = request.respond(response);
        }
    });
    port
}

fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next()?.strip_prefix(SUB_PATH)?;
    let path = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    if path.split('/').any(|segment| segment == ".." || segment.contains('\\')) {
        return None;
    }
    let mut file = root.join(path.as_ref());
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn mime(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("csv") => "text/csv; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// How a browser window is set up.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub width: u32,
    pub height: u32,
    /// Ask pages for their dark colour scheme (`prefers-color-scheme: dark`).
    pub dark: bool,
}

impl Window {
    /// A laptop screen in light mode.
    pub const DESKTOP: Window = Window { width: 1280, height: 900, dark: false };
}

/// A headless Chromium session; its ChromeDriver is stopped on drop.
pub struct Browser {
    pub client: Client,
    driver: Child,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn program(variable: &str, default: &str) -> PathBuf {
    std::env::var_os(variable).map(PathBuf::from).unwrap_or_else(|| PathBuf::from(default))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Browser {
    /// Starts ChromeDriver and a browser session with the given window.
    pub async fn start(window: Window) -> Browser {
        let chromium = program("THROUGHLINE_CHROMIUM", "/usr/bin/chromium");
        let chromedriver = program("THROUGHLINE_CHROMEDRIVER", "chromedriver");
        let port = free_port();
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| {
                panic!(
                    "cannot start {} ({error}); install Chromium and ChromeDriver \
                     (Debian: `apt-get install chromium chromium-driver`), or set \
                     THROUGHLINE_SKIP_BROWSER_TESTS=1 to skip the browser tests",
                    chromedriver.display()
                )
            });
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "ChromeDriver did not start listening on port {port}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-quic".into(),
            "--hide-scrollbars".into(),
            format!("--window-size={},{}", window.width, window.height),
        ];
        if window.dark {
            args.push("--force-dark-mode".into());
            args.push("--blink-settings=preferredColorScheme=0".into());
        }
        let mut options = json!({ "binary": chromium, "args": args });
        if window.width < 500 {
            // Headless windows are at least 500 pixels wide: narrower screens
            // need device emulation, which also gives a phone's touch input.
            options["mobileEmulation"] = json!({ "deviceMetrics": { "width": window.width, "height": window.height, "pixelRatio": 1.0, "touch": true } });
        }
        let capabilities: Capabilities = serde_json::from_value(json!({
            "browserName": "chrome",
            "goog:chromeOptions": options,
            "goog:loggingPrefs": { "browser": "ALL" },
        }))
        .unwrap();
        let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(capabilities);
        let client = match builder.connect(&format!("http://127.0.0.1:{port}")).await {
            Ok(client) => client,
            Err(error) => panic!("cannot start {} through ChromeDriver: {error}", chromium.display()),
        };
        Browser { client, driver }
    }

    /// Opens a page and waits for it to load.
    pub async fn open(&self, url: &str) {
        self.client.goto(url).await.unwrap_or_else(|error| panic!("cannot open {url}: {error}"));
    }

    /// Runs a script in the page and returns its result.
    pub async fn eval(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap_or_else(|error| panic!("script failed: {error}\n{script}"))
    }

    /// The console's errors since the last call (messages at level SEVERE:
    /// script errors, failed loads, security refusals).
    pub async fn console_errors(&self) -> Vec<String> {
        let entries = self.client.issue_cmd(BrowserLog).await.expect("ChromeDriver log endpoint");
        entries
            .as_array()
            .into_iter()
            .flatten()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// Ends the session and closes the browser.
    pub async fn finish(self) {
        let _ = self.client.clone().close().await;
    }
}

/// ChromeDriver's log endpoint, which WebDriver itself lacks: the only way
/// to read what the page wrote to the console, including load failures.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.into()))
    }
}

/// Where screenshots are kept for people to look at after a run.
pub fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
