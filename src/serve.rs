//! The preview server of `throughline serve`: the output folder over HTTP
//! on loopback, with live reload.
//!
//! It serves files inside the output folder and nothing else (every path is
//! decoded, checked segment by segment and then confirmed to resolve inside
//! the folder), answers missing pages with the site's own 404 page, and adds
//! one small script to HTML pages — only here, never to the files on disk —
//! that listens for rebuilds on a Server-Sent Events stream: it reloads the
//! page (keeping the scroll position) after a good build, and overlays the
//! diagnostics after a failed one.

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Where the live-reload script and event stream live; no site file can
/// have these paths.
const EVENTS: &str = "/__throughline/events";
const SCRIPT: &str = "/__throughline/live.js";

/// The script added to served pages.
const LIVE_JS: &str = include_str!("serve_live.js");

/// What the last build left.
#[derive(Debug, Clone)]
enum State {
    /// The output is current.
    Ok,
    /// The last build failed: its diagnostics, as one line of JSON.
    Failed(String),
}

/// A running preview server.
pub struct Preview {
    /// The address it listens on.
    pub addr: SocketAddr,
    /// Whether the asked-for port was taken and another was chosen.
    pub moved: bool,
    clients: Arc<Mutex<Vec<Box<dyn Write + Send>>>>,
    state: Arc<Mutex<State>>,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[error("cannot listen on {addr}: {message}")]
pub struct ServeError {
    addr: SocketAddr,
    message: String,
}

impl Preview {
    /// Starts serving `output` on `bind:port`; when that port is taken,
    /// on the next free one (port 0 asks the system for any).
    pub fn start(output: PathBuf, bind: IpAddr, port: u16) -> Result<Preview, ServeError> {
        let mut last = String::new();
        let mut candidates: Vec<u16> = vec![port];
        if port != 0 {
            candidates.extend((1..=20).map(|i| port.saturating_add(i)));
            candidates.push(0);
        }
        for candidate in candidates {
            let listener = std::net::TcpListener::bind(SocketAddr::new(bind, candidate)).map_err(|e| e.to_string());
            match listener
                .and_then(|l| tiny_http::Server::from_listener(connection_options(l), None).map_err(|e| e.to_string()))
            {
                Ok(server) => {
                    let addr = server.server_addr().to_ip().unwrap_or_else(|| SocketAddr::new(bind, candidate));
                    let preview = Preview {
                        addr,
                        moved: port != 0 && addr.port() != port,
                        clients: Arc::default(),
                        state: Arc::new(Mutex::new(State::Ok)),
                    };
                    preview.run(Arc::new(server), output);
                    return Ok(preview);
                }
                Err(error) => last = error,
            }
        }
        Err(ServeError { addr: SocketAddr::new(bind, port), message: last })
    }

    fn run(&self, server: Arc<tiny_http::Server>, output: PathBuf) {
        // A few workers, so a slow client never holds up the others.
        for _ in 0..4 {
            let server = Arc::clone(&server);
            let output = output.clone();
            let clients = Arc::clone(&self.clients);
            let state = Arc::clone(&self.state);
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    handle(request, &output, &clients, &state);
                }
            });
        }
    }

    /// Tells open pages the site was rebuilt: they reload.
    pub fn rebuilt(&self) {
        *lock(&self.state) = State::Ok;
        self.broadcast("reload", "{}");
    }

    /// Tells open pages the build failed: they show `report` (the JSON
    /// diagnostics report) over the last good page.
    pub fn failed(&self, report: &str) {
        let line = compact(report);
        *lock(&self.state) = State::Failed(line.clone());
        self.broadcast("failed", &line);
    }

    fn broadcast(&self, event: &str, data: &str) {
        let message = format!("event: {event}\ndata: {data}\n\n");
        lock(&self.clients)
            .retain_mut(|client| client.write_all(message.as_bytes()).and_then(|()| client.flush()).is_ok());
    }
}

/// Socket options for every connection (set on the listener; connections
/// accepted from it take them on):
/// - TCP_NODELAY: each write goes at once. Without it a browser reusing a
///   connection waited about 40 ms for every file after the first: the
///   response's second write sat behind the client's delayed
///   acknowledgement of the first.
/// - Read and write timeouts: a client that stops sending its request, or
///   stops reading its response, is let go after [`STALLED_CLIENT`]
///   instead of holding a connection thread for ever. (Live-reload streams
///   are not read after their request, so they stay open.)
#[cfg(target_os = "linux")]
fn connection_options(listener: std::net::TcpListener) -> std::net::TcpListener {
    use std::os::fd::AsRawFd;
    fn set<T>(fd: std::os::fd::RawFd, level: libc::c_int, name: libc::c_int, value: &T) {
        // SAFETY: a valid socket descriptor, and a pointer to a value that
        // lives across the call, with its size.
        let _ = unsafe {
            libc::setsockopt(fd, level, name, (value as *const T).cast(), std::mem::size_of::<T>() as libc::socklen_t)
        };
    }
    let fd = listener.as_raw_fd();
    set(fd, libc::IPPROTO_TCP, libc::TCP_NODELAY, &(1 as libc::c_int));
    let timeout = libc::timeval { tv_sec: STALLED_CLIENT.as_secs() as libc::time_t, tv_usec: 0 };
    set(fd, libc::SOL_SOCKET, libc::SO_RCVTIMEO, &timeout);
    set(fd, libc::SOL_SOCKET, libc::SO_SNDTIMEO, &timeout);
    listener
}

/// How long a connection may stall, sending or receiving, before it is
/// dropped.
#[cfg(target_os = "linux")]
const STALLED_CLIENT: std::time::Duration = std::time::Duration::from_secs(10);

/// Elsewhere the default stands.
#[cfg(not(target_os = "linux"))]
fn connection_options(listener: std::net::TcpListener) -> std::net::TcpListener {
    listener
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// One line of JSON (an event's data may not hold line breaks).
fn compact(json: &str) -> String {
    serde_json::from_str::<serde_json::Value>(json).map_or_else(|_| json.replace('\n', " "), |v| v.to_string())
}

fn handle(
    request: tiny_http::Request,
    output: &Path,
    clients: &Mutex<Vec<Box<dyn Write + Send>>>,
    state: &Mutex<State>,
) {
    if !matches!(request.method(), tiny_http::Method::Get | tiny_http::Method::Head) {
        let _ = request.respond(text(405, "only GET and HEAD are served"));
        return;
    }
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or_default().to_string();
    if path == EVENTS {
        let current = lock(state).clone();
        let mut writer = request.into_writer();
        let (event, data) = match current {
            State::Ok => ("ok", "{}".to_string()),
            State::Failed(report) => ("failed", report),
        };
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\nretry: 500\n\nevent: {event}\ndata: {data}\n\n"
        );
        if writer.write_all(head.as_bytes()).and_then(|()| writer.flush()).is_ok() {
            lock(clients).push(writer);
        }
        return;
    }
    if path == SCRIPT {
        let _ = request.respond(body(200, LIVE_JS.as_bytes().to_vec(), "text/javascript; charset=utf-8"));
        return;
    }
    let response = match resolve(output, &path) {
        Resolved::File(file) => match std::fs::read(&file) {
            Ok(bytes) => body(200, live(bytes, &file), mime(&file)),
            Err(_) => not_found(output),
        },
        Resolved::Folder => {
            let location = tiny_http::Header::from_bytes("Location", format!("{path}/")).expect("a valid header");
            text(301, "moved").with_header(location)
        }
        Resolved::Missing => not_found(output),
        Resolved::Bad => text(400, "bad path"),
    };
    let _ = request.respond(response);
}

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    /// A file inside the output folder.
    File(PathBuf),
    /// A folder asked for without its trailing slash.
    Folder,
    /// Nothing there.
    Missing,
    /// A path that tries to leave the folder or cannot be decoded.
    Bad,
}

/// Maps a request path to a file inside `output`, refusing anything that
/// could leave it: `..`, backslashes, NUL, drive prefixes, and (after
/// following links) anything that does not resolve inside the folder.
fn resolve(output: &Path, path: &str) -> Resolved {
    let Some(path) = path.strip_prefix('/') else { return Resolved::Bad };
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else { return Resolved::Bad };
    if decoded.contains(['\\', '\0']) {
        return Resolved::Bad;
    }
    let relative = Path::new(decoded.as_ref());
    if !relative.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir)) {
        return Resolved::Bad;
    }
    let Ok(root) = output.canonicalize() else { return Resolved::Missing };
    let mut target = root.join(relative);
    if target.is_dir() {
        if !decoded.is_empty() && !decoded.ends_with('/') {
            return Resolved::Folder;
        }
        target = target.join("index.html");
    }
    match target.canonicalize() {
        Ok(real) if real.starts_with(&root) && real.is_file() => Resolved::File(real),
        Ok(_) => Resolved::Bad,
        Err(_) => Resolved::Missing,
    }
}

/// HTML pages get the live-reload script; everything else is served as is.
fn live(bytes: Vec<u8>, file: &Path) -> Vec<u8> {
    if file.extension().is_none_or(|e| e != "html") {
        return bytes;
    }
    let tag = format!("<script src=\"{SCRIPT}\"></script>");
    let mut html = String::from_utf8_lossy(&bytes).into_owned();
    match html.rfind("</body>") {
        Some(at) => html.insert_str(at, &tag),
        None => html.push_str(&tag),
    }
    html.into_bytes()
}

fn not_found(output: &Path) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let page = output.join("404.html");
    match std::fs::read(&page) {
        Ok(bytes) => body(404, live(bytes, &page), "text/html; charset=utf-8"),
        Err(_) => text(404, "not found"),
    }
}

fn body(status: u16, bytes: Vec<u8>, mime: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let content_type = tiny_http::Header::from_bytes("Content-Type", mime).expect("a valid header");
    let no_cache = tiny_http::Header::from_bytes("Cache-Control", "no-store").expect("a valid header");
    tiny_http::Response::from_data(bytes).with_status_code(status).with_header(content_type).with_header(no_cache)
}

fn text(status: u16, message: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    body(status, message.as_bytes().to_vec(), "text/plain; charset=utf-8")
}

/// The content type of a site file.
fn mime(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("out/projects")).unwrap();
        std::fs::write(dir.path().join("out/index.html"), "<html><body>home</body></html>").unwrap();
        std::fs::write(dir.path().join("out/projects/index.html"), "projects").unwrap();
        std::fs::write(dir.path().join("out/projects/a b.html"), "a b").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        dir
    }

    #[test]
    fn paths_resolve_inside_the_output_only() {
        let dir = site();
        let out = dir.path().join("out");
        let real = |p: &str| out.canonicalize().unwrap().join(p);
        assert_eq!(resolve(&out, "/"), Resolved::File(real("index.html")));
        assert_eq!(resolve(&out, "/projects/"), Resolved::File(real("projects/index.html")));
        assert_eq!(resolve(&out, "/projects"), Resolved::Folder);
        assert_eq!(resolve(&out, "/projects/a%20b.html"), Resolved::File(real("projects/a b.html")));
        assert_eq!(resolve(&out, "/nope.html"), Resolved::Missing);
        for attack in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/projects/..%2f..%2fsecret.txt",
            "/%252e%252e/secret.txt",
            "/..\\secret.txt",
            "/%5c..%5csecret.txt",
            "//etc/passwd",
            "/%00index.html",
            "/%zz",
            "/%c0%ae%c0%ae/secret.txt",
            "relative",
        ] {
            let resolved = resolve(&out, attack);
            assert!(
                matches!(resolved, Resolved::Bad | Resolved::Missing),
                "{attack} must not serve a file: {resolved:?}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_output_is_not_followed() {
        let dir = site();
        let out = dir.path().join("out");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("leak.txt")).unwrap();
        assert_eq!(resolve(&out, "/leak.txt"), Resolved::Bad);
    }

    #[test]
    fn pages_get_the_live_script_and_other_files_do_not() {
        let html = live(b"<html><body><p>x</p></body></html>".to_vec(), Path::new("a.html"));
        assert_eq!(
            String::from_utf8(html).unwrap(),
            "<html><body><p>x</p><script src=\"/__throughline/live.js\"></script></body></html>"
        );
        assert_eq!(live(b"body{}".to_vec(), Path::new("a.css")), b"body{}");
    }

    /// Connections the server accepts send at once and let stalled clients
    /// go: the listener's options carry over to them.
    #[cfg(target_os = "linux")]
    #[test]
    fn accepted_connections_do_not_wait_to_send() {
        let listener = connection_options(std::net::TcpListener::bind("127.0.0.1:0").unwrap());
        let _client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (accepted, _) = listener.accept().unwrap();
        assert!(accepted.nodelay().unwrap());
        assert_eq!(accepted.read_timeout().unwrap(), Some(STALLED_CLIENT), "a client that stops sending is let go");
        assert_eq!(accepted.write_timeout().unwrap(), Some(STALLED_CLIENT), "and one that stops reading");
    }

    #[test]
    fn event_data_is_one_line() {
        assert_eq!(compact("{\n  \"a\": [1,\n 2]\n}"), "{\"a\":[1,2]}");
    }
}
