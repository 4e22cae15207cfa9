//! `throughline watch` and `throughline serve`

use std::net::IpAddr;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use clap::Args;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use throughline::serve::Preview;

use super::{Exit, OutputArgs, SiteArgs, output};

/// How long a file's events must be quiet before it counts as saved:
/// editors' save patterns (temporary file, rename, backup) take a few
/// milliseconds.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// After changes to several files, how long to wait for more before
/// rebuilding (a checkout's files arrive over several debounce windows).
const BURST_GAP: Duration = Duration::from_millis(30);

/// Arguments of `watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    site: SiteArgs,
    #[command(flatten)]
    out: OutputArgs,
    /// Also print how long each stage of every rebuild took (check, render, write).
    #[arg(long)]
    timings: bool,
}

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    watch: WatchArgs,
    /// The address to listen on. The default serves this machine only; use
    /// 0.0.0.0 to let others on the network see the preview.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    bind: IpAddr,
    /// The port to listen on; when it is taken, the next free one is used
    /// (0 picks any free port).
    #[arg(long, default_value_t = 4141)]
    port: u16,
}

/// Runs `watch`: builds, then rebuilds on every change until stopped.
pub fn watch(args: WatchArgs, color: bool) -> Exit {
    run(args, color, None)
}

/// Runs `serve`: `watch` plus a preview server with live reload.
pub fn serve(args: ServeArgs, color: bool) -> Exit {
    run(args.watch, color, Some((args.bind, args.port)))
}

fn run(args: WatchArgs, color: bool, serve: Option<(IpAddr, u16)>) -> Exit {
    let root = args.site.root.canonicalize().unwrap_or_else(|_| args.site.root.clone());
    let options = args.out.options(&args.site, &root);
    let output = options.output.clone();
    let mut session = throughline::Session::new(options);
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = match new_debouncer(DEBOUNCE, None, tx) {
        Ok(debouncer) => debouncer,
        Err(error) => {
            eprintln!("error: cannot watch files: {error}");
            return Exit::Failure;
        }
    };
    if let Err(error) = debouncer.watch(&root, RecursiveMode::Recursive) {
        eprintln!("error: cannot watch `{}`: {error}", root.display());
        return Exit::Failure;
    }
    let mut preview: Option<Preview> = None;
    rebuild(&mut session, &[], args.timings, color, None);
    if let Some((bind, port)) = serve {
        match Preview::start(output.clone(), bind, port) {
            Ok(started) => {
                if started.moved {
                    println!("port {port} is taken; using {} instead", started.addr.port());
                }
                println!("serving {} at http://{}/", output.display(), started.addr);
                if !started.addr.ip().is_loopback() {
                    println!("note: listening on {bind}, so other machines on the network can see the preview");
                }
                preview = Some(started);
            }
            Err(error) => {
                eprintln!("error: {error}");
                return Exit::Failure;
            }
        }
    }
    println!("watching {} for changes (Ctrl-C to stop)", root.display());
    let output_real = output.canonicalize().unwrap_or(output);
    while let Ok(first) = rx.recv() {
        // One saved file (however many events its editor's save made) is
        // rebuilt at once. A checkout or a save burst arrives over several
        // debounce windows: gather them into one rebuild.
        // Whatever queued up meanwhile (during the last rebuild) joins in.
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        let mut changed = relevant(&root, &output_real, batch);
        if changed.len() > 1 {
            let mut batch = Vec::new();
            while let Ok(more) = rx.recv_timeout(BURST_GAP) {
                batch.push(more);
            }
            changed.extend(relevant(&root, &output_real, batch));
            changed.sort();
            changed.dedup();
        }
        if !changed.is_empty() {
            rebuild(&mut session, &changed, args.timings, color, preview.as_ref());
        }
    }
    Exit::Ok
}

/// The changed files that matter: content and theme files, not the output,
/// hidden files or editors' temporary and backup files.
fn relevant(root: &Path, output: &Path, batch: Vec<DebounceEventResult>) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = batch
        .into_iter()
        .flat_map(|result| result.unwrap_or_default())
        .filter(|event| matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)))
        .flat_map(|event| event.event.paths)
        .filter(|path| !path.starts_with(output))
        .filter(|path| {
            let Ok(inside) = path.strip_prefix(root) else { return false };
            let top = inside.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
            matches!(top.as_deref(), Some("content" | "themes"))
                && inside.components().all(|c| !throughline::load::is_editor_leftover(&c.as_os_str().to_string_lossy()))
        })
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

fn describe(root: &Path, changed: &[PathBuf]) -> String {
    let show = |p: &PathBuf| p.strip_prefix(root).unwrap_or(p).display().to_string();
    match changed {
        [] => "first build".into(),
        [one] => format!("{} changed", show(one)),
        [one, rest @ ..] => format!("{} and {} more changed", show(one), rest.len()),
    }
}

fn rebuild(
    session: &mut throughline::Session,
    changed: &[PathBuf],
    timings: bool,
    color: bool,
    preview: Option<&Preview>,
) {
    let started = Instant::now();
    let what = describe(&session.options.root, changed);
    let now = chrono::Local::now().format("%H:%M:%S");
    let outcome = catch_unwind(AssertUnwindSafe(|| session.build()));
    let ms = started.elapsed().as_millis();
    match outcome {
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            session.reset();
            eprintln!(
                "[{now}] {what}: internal error while rebuilding ({message}); still watching, please report this"
            );
            if let Some(preview) = preview {
                preview.failed(&failure_report(&format!("internal error: {message}")));
            }
        }
        Ok(Err(error)) => {
            eprintln!("[{now}] {what}: error: {error}");
            if matches!(error, throughline::BuildError::Write(_)) {
                eprintln!("[{now}] the next rebuild writes the whole site again; still watching");
            } else {
                eprintln!("[{now}] the last good site stays in place; still watching");
            }
            if let Some(preview) = preview {
                preview.failed(&failure_report(&error.to_string()));
            }
        }
        Ok(Ok(built)) => {
            let checked = &built.checked;
            output::print_diagnostics(&checked.sources, &checked.diagnostics, color);
            for warning in &built.warnings {
                eprintln!("warning: {warning}");
            }
            match built.stats {
                None => {
                    eprintln!(
                        "[{now}] {what}: build failed ({}); the last good site stays in place",
                        output::counts(&checked.diagnostics)
                    );
                    if let Some(preview) = preview {
                        preview.failed(&throughline::diag::to_json(&checked.sources, &checked.diagnostics));
                    }
                }
                Some(stats) => {
                    let verb = if changed.is_empty() { "built" } else { "rebuilt" };
                    let split = if timings { format!("; {}", stats.timings) } else { String::new() };
                    output::print_stdout(&format!(
                        "[{now}] {what}: {verb} in {ms} ms ({} parsed, {} files written, {} unchanged{split})",
                        session.parsed(),
                        stats.written,
                        stats.unchanged
                    ));
                    if let Some(preview) = preview {
                        preview.rebuilt();
                    }
                }
            }
        }
    }
}

/// A failure that is not about a content file, in the shape of the JSON
/// diagnostics report.
fn failure_report(message: &str) -> String {
    serde_json::json!({ "diagnostics": [{ "severity": "error", "message": message }] }).to_string()
}
