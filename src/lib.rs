//! throughline turns a folder of strategy and portfolio content — vision,
//! priorities, objectives with key results, projects, teams, check-ins and
//! reviews, as Markdown with TOML front matter — into an intranet alignment
//! site, analysed for the gaps between strategy and work.
//!
//! The pipeline runs one way, each stage taking the previous one's output
//! by reference:
//!
//! ```text
//! load ──► model ──► analyse ──► render ──► write
//! (files)  (typed,   (findings,  (pages in   (staged, then
//!          resolved)  progress)   memory)     swapped in)
//! ```
//!
//! Problems in content are [`diag::Diagnostic`]s, collected across all
//! files and reported together; failures of the tool itself (a theme that
//! does not compile, a disk that refuses a write) are typed errors that end
//! the command. The library never prints: the binary owns the terminal.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analyse;
pub mod charts;
pub mod diag;
pub mod format;
#[doc(hidden)]
pub mod fuzz;
pub mod import;
pub mod load;
pub mod model;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod session;
pub mod synthetic;
pub mod write;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use analyse::{Analysis, Finding};
use diag::{Diagnostics, SourceMap};
use model::Model;
pub use session::Session;

/// A site root checked: content problems, and if the content is sound, the
/// model and its analysis.
#[derive(Debug)]
pub struct Checked {
    /// Every file read, for showing diagnostics.
    pub sources: SourceMap,
    /// Problems in the content (errors and warnings), sorted.
    pub diagnostics: Diagnostics,
    /// The model and analysis, present when there are no errors (shared:
    /// a watch session keeps them to compare the next build with).
    pub result: Option<std::sync::Arc<(Model, Analysis)>>,
    /// How long loading, the model and the analysis took.
    pub timings: Timings,
}

impl Checked {
    /// The analysis findings, if the content could be analysed.
    pub fn findings(&self) -> &[Finding] {
        self.result.as_deref().map_or(&[], |(_, a)| &a.findings)
    }
}

/// Load, model and analyse the site at `root` as of a date: everything
/// short of rendering. This is `throughline check`.
pub fn check(root: &Path, as_of: NaiveDate) -> Checked {
    check_with(root, as_of, &mut load::LoadCache::default())
}

/// [`check`] on files held in memory, as (path from the site root, text):
/// for tools, tests and fuzzing, with no file system involved.
pub fn check_texts(files: &[(&str, &str)], as_of: NaiveDate) -> Checked {
    checked(load::load_texts(files), as_of)
}

/// [`check`], reusing the parsed files `cache` holds.
fn check_with(root: &Path, as_of: NaiveDate, cache: &mut load::LoadCache) -> Checked {
    let clock = std::time::Instant::now();
    let loaded = load::load_with(root, cache);
    let load = clock.elapsed();
    let mut checked = checked(loaded, as_of);
    checked.timings.load = load;
    checked
}

/// The model and analysis of what was loaded, unless it has errors.
fn checked(loaded: load::Loaded, as_of: NaiveDate) -> Checked {
    let clock = std::time::Instant::now();
    let mut diagnostics = loaded.diagnostics.clone();
    let model = model::build(&loaded, &mut diagnostics);
    let sources = loaded.sources;
    diagnostics.sort(&sources);
    let mut timings = Timings { model: clock.elapsed(), ..Timings::default() };
    if diagnostics.has_errors() {
        return Checked { sources, diagnostics, result: None, timings };
    }
    let analysis = analyse::analyse(&model, as_of);
    timings.analysis = clock.elapsed() - timings.model;
    Checked { sources, diagnostics, result: Some(std::sync::Arc::new((model, analysis))), timings }
}

/// What `build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root (holds `content/`).
    pub root: PathBuf,
    /// Where the site goes.
    pub output: PathBuf,
    /// The date the analysis is as of.
    pub as_of: NaiveDate,
    /// Typeset board packs as PDF too.
    pub pdf: bool,
}

/// A failure of the build itself, as opposed to problems in content.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The theme could not be used.
    #[error(transparent)]
    Render(#[from] render::RenderError),
    /// The output could not be written.
    #[error(transparent)]
    Write(#[from] write::WriteError),
}

/// How long each stage of a build took, for `--timings` and benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timings {
    /// Finding, reading and parsing the content files.
    pub load: std::time::Duration,
    /// Building the model (resolving links, checking values).
    pub model: std::time::Duration,
    /// The analysis.
    pub analysis: std::time::Duration,
    /// Pages, charts, packs and data files (a build writes each file into
    /// its staging folder as it is made, so this includes that writing).
    pub render: std::time::Duration,
    /// Writing the output (for a build: swapping the staged folder in).
    pub write: std::time::Duration,
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "load {} ms, model {} ms, analysis {} ms, render {} ms, write {} ms",
            self.load.as_millis(),
            self.model.as_millis(),
            self.analysis.as_millis(),
            self.render.as_millis(),
            self.write.as_millis()
        )
    }
}

/// What a finished build produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BuildStats {
    /// Pages rendered.
    pub pages: usize,
    /// Data files for download (`data/`).
    pub data: usize,
    /// Other files (assets).
    pub assets: usize,
    /// Board packs (one per review; each an HTML page, counted in `pages`).
    pub packs: usize,
    /// PDF board packs.
    pub pdfs: usize,
    /// Where the time went.
    pub timings: Timings,
    /// Files whose bytes changed.
    pub written: usize,
    /// Files carried over unchanged.
    pub unchanged: usize,
}

/// The outcome of a build that ran to the end.
#[derive(Debug)]
pub struct Built {
    /// What was checked (diagnostics are warnings at most).
    pub checked: Checked,
    /// What was produced; `None` if content errors stopped the build.
    pub stats: Option<BuildStats>,
    /// Rendering warnings (a glyph missing from the PDF fonts, say).
    pub warnings: Vec<String>,
}

/// The whole pipeline: check, render, write. Content errors stop it before
/// anything is written (`stats` is `None`); the previous output stays.
pub fn build(options: &BuildOptions) -> Result<Built, BuildError> {
    build_with(options, &mut load::LoadCache::default(), None)
}

/// The pipeline, for a build and for a watch session's rebuild alike:
/// check the content, render the site, write it. A build streams each file
/// into a staging folder that replaces the output whole; a session (with
/// `memory`) keeps what did not change and updates the output in place.
fn build_with(
    options: &BuildOptions,
    cache: &mut load::LoadCache,
    memory: Option<&mut Option<session::Memory>>,
) -> Result<Built, BuildError> {
    let clock = std::time::Instant::now();
    let checked = check_with(&options.root, options.as_of, cache);
    let Some(site) = checked.result.clone() else {
        return Ok(Built { checked, stats: None, warnings: Vec::new() });
    };
    let checked_at = clock.elapsed();
    let theme = theme(&options.root, &site.0)?;
    let renderer = render::Renderer::new(&site.0, &site.1, &checked.sources, &theme, options.render())?;
    let (rendered, report, rendered_at) = match memory {
        None => {
            let staging = write::Staging::new(&options.root, &options.output)?;
            let rendered = renderer.render_into(&|file| staging.put(file))?;
            let rendered_at = clock.elapsed();
            (rendered, staging.finish()?, rendered_at)
        }
        Some(memory) => {
            let (rendered, report) = session::update(&renderer, &site, options, memory)?;
            (rendered, report, clock.elapsed())
        }
    };
    drop(renderer);
    let timings = Timings { render: rendered_at - checked_at, write: clock.elapsed() - rendered_at, ..checked.timings };
    let stats = BuildStats::of(&rendered.paths, site.0.reviews.len(), report, timings);
    Ok(Built { checked, stats: Some(stats), warnings: rendered.warnings })
}

/// The site's theme: the built-in one with the site's overrides.
fn theme(root: &Path, model: &Model) -> Result<render::Theme, BuildError> {
    let files = load::theme::read_theme(root, &model.organisation.site.theme)
        .map_err(|e| render::RenderError::Theme(e.into()))?;
    Ok(render::Theme::builtin().with_overrides(files))
}

impl BuildOptions {
    fn render(&self) -> render::RenderOptions {
        render::RenderOptions { pdf: self.pdf }
    }
}

impl BuildStats {
    /// The figures of a site whose files are at `paths`.
    fn of(paths: &[String], packs: usize, report: write::WriteReport, timings: Timings) -> Self {
        let count = |f: &dyn Fn(&str) -> bool| paths.iter().filter(|p| f(p)).count();
        let pages = count(&|p| p.ends_with(".html"));
        let data = count(&|p| p.starts_with("data/"));
        let pdfs = count(&|p| p.ends_with(".pdf"));
        BuildStats {
            pages,
            data,
            assets: paths.len() - pages - data - pdfs,
            packs,
            pdfs,
            written: report.written,
            unchanged: report.unchanged,
            timings,
        }
    }
}

/// The outcome of `throughline pack`.
#[derive(Debug)]
pub struct Packed {
    /// What was checked.
    pub checked: Checked,
    /// The files written (the pack's HTML and PDF first); `None` if content
    /// errors stopped it.
    pub written: Option<Vec<PathBuf>>,
    /// Rendering warnings.
    pub warnings: Vec<String>,
}

/// Why a single pack could not be made, beyond content errors.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// No review has that id.
    #[error("no review has the id `{id}`{hint}")]
    UnknownReview {
        /// The id asked for.
        id: String,
        /// "; did you mean …" or the list of ids.
        hint: String,
    },
    /// Rendering or writing failed.
    #[error(transparent)]
    Build(#[from] BuildError),
}

/// Builds one review's board pack into `options.output/reviews/<id>/`,
/// leaving the rest of the output as it is.
pub fn pack(options: &BuildOptions, review: &str) -> Result<Packed, PackError> {
    let checked = check(&options.root, options.as_of);
    let Some((model, analysis)) = checked.result.as_deref() else {
        return Ok(Packed { checked, written: None, warnings: Vec::new() });
    };
    let Some(index) = model.reviews.iter().position(|r| r.id == review) else {
        let ids: Vec<&str> = model.reviews.iter().map(|r| r.id.as_str()).collect();
        let hint = match diag::did_you_mean(review, ids.iter().copied()) {
            Some(close) => format!("; did you mean `{close}`?"),
            None if ids.is_empty() => "; there are no reviews in content/reviews/".into(),
            None => format!("; reviews: {}", ids.join(", ")),
        };
        return Err(PackError::UnknownReview { id: review.to_string(), hint });
    };
    let theme = theme(&options.root, model)?;
    let rendered = render::render_pack(model, analysis, &checked.sources, &theme, index, options.render())
        .map_err(BuildError::from)?;
    let mut written = write::write_files(&options.root, &options.output, &rendered.files).map_err(BuildError::from)?;
    written
        .sort_by_key(|p| (!p.starts_with(options.output.join("reviews")), p.extension().is_some_and(|e| e == "pdf")));
    Ok(Packed { checked, written: Some(written), warnings: rendered.warnings })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Every file under `dir` (but the marker) with its bytes.
    fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
        files_under(dir)
            .into_iter()
            .filter(|path| !path.ends_with(write::MARKER))
            .map(|path| (path.strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap()))
            .collect()
    }

    /// Every file under `dir`, sorted.
    fn files_under(dir: &Path) -> Vec<PathBuf> {
        let mut files = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(folder) = stack.pop() {
            for entry in std::fs::read_dir(&folder).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        files.sort();
        files
    }

    /// A copy of the example site and the date its builds are as of.
    fn example_site() -> (tempfile::TempDir, NaiveDate) {
        let site = tempfile::tempdir().unwrap();
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &site.path().join("content"));
        (site, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
    }

    /// Panics unless `live/` holds exactly what a full build makes in `full/`.
    fn assert_same_output(root: &Path, what: &str) -> usize {
        let (live, expected) = (tree(&root.join("live")), tree(&root.join("full")));
        let differ: Vec<&String> = expected.keys().filter(|k| live.get(*k) != expected.get(*k)).collect();
        let extra: Vec<&String> = live.keys().filter(|k| !expected.contains_key(*k)).collect();
        assert!(differ.is_empty() && extra.is_empty(), "after {what}: differ {differ:?}, extra {extra:?}");
        expected.len()
    }

    pub(crate) fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap().flatten() {
            let target = to.join(entry.file_name());
            if entry.path().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    fn edit(root: &Path, file: &str, from: &str, to: &str) {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// After each kind of edit, a session's output (updated in place, only
    /// changed pages laid out) is byte for byte what a full build makes.
    #[test]
    fn a_session_rebuild_equals_a_full_build_after_every_kind_of_edit() {
        let (site, as_of) = example_site();
        let root = site.path();
        let options =
            |output: &str| BuildOptions { root: root.to_path_buf(), output: root.join(output), as_of, pdf: false };
        let mut session = Session::new(options("live"));
        let first = session.build().unwrap().stats.unwrap();
        assert_eq!(first.unchanged, 0);
        let project = "content/projects/digital/cloud-hosting-migration.md";
        type Edit = Box<dyn Fn(&Path)>;
        let edits: Vec<(&str, Edit)> = vec![
            ("a body", Box::new(|r| edit(r, project, "A three-phase move", "A four-phase move"))),
            (
                "a title",
                Box::new(|r| edit(r, project, "title = \"Cloud hosting migration\"", "title = \"Cloud move\"")),
            ),
            ("a status", Box::new(|r| edit(r, project, "rag = \"green\"", "rag = \"red\""))),
            ("a line added above", Box::new(|r| edit(r, project, "+++\ntitle", "+++\n# Moved\n\ntitle"))),
            (
                "a dependency",
                Box::new(|r| {
                    let other = "content/projects/outpatients/waiting-list-validation.md";
                    edit(r, other, "depends_on = [", "depends_on = [\"cloud-hosting-migration\", ")
                }),
            ),
            (
                "a contribution",
                Box::new(|r| {
                    edit(r, project, "lost portal hours.\" }", "lost portal hours.\" }, \"cut-outpatient-wait\"")
                }),
            ),
            (
                "a finished project's objectives",
                Box::new(|r| {
                    let done = "content/projects/outpatients/text-reminders.md";
                    edit(r, done, "objectives = [\"clear-long-waiters\"]", "objectives = [\"cut-outpatient-wait\"]")
                }),
            ),
            (
                "a check-in's value",
                Box::new(|r| edit(r, "content/checkins/2026-11-20.toml", "value = 33", "value = 31")),
            ),
            (
                "a team's capacity",
                Box::new(|r| edit(r, "content/teams/digital.toml", "capacity_fte = 14", "capacity_fte = 4")),
            ),
            (
                "a priority's weight",
                Box::new(|r| edit(r, "content/priorities/faster-access.md", "weight = 40", "weight = 25")),
            ),
            (
                "a new project",
                Box::new(|r| {
                    let text =
                        "+++\ntitle = \"Cloud cost review\"\nteam = \"digital\"\nstatus = \"active\"\n+++\nNew.\n";
                    std::fs::write(r.join("content/projects/digital/cloud-cost-review.md"), text).unwrap();
                }),
            ),
            ("the organisation", Box::new(|r| edit(r, "content/organisation.toml", "title = \"", "title = \"The "))),
            (
                "a deleted project",
                Box::new(|r| std::fs::remove_file(r.join("content/projects/estates/north-community-hub.md")).unwrap()),
            ),
            ("a deleted review", Box::new(|r| std::fs::remove_dir_all(r.join("content/reviews")).unwrap())),
            (
                "a theme override",
                Box::new(|r| {
                    std::fs::create_dir_all(r.join("themes/default/static")).unwrap();
                    std::fs::write(r.join("themes/default/static/extra.css"), "body { color: black }").unwrap();
                }),
            ),
        ];
        for (what, change) in edits {
            change(root);
            let stats = session.build().unwrap().stats.unwrap_or_else(|| panic!("{what}: the build failed"));
            let full = build(&options("full")).unwrap();
            assert!(full.stats.is_some());
            let files = assert_same_output(root, what);
            assert!(stats.written < files, "after {what}: only what changed is written");
        }
    }

    /// A run of edits of every kind, chosen by a fixed-seed generator:
    /// after each, the session's output is byte for byte a full build's.
    /// (What a page reads is noted by construction; this checks that the
    /// comparison of builds misses nothing a page shows.)
    #[test]
    fn a_session_follows_a_run_of_random_edits_exactly() {
        let (site, as_of) = example_site();
        let root = site.path();
        let options =
            |output: &str| BuildOptions { root: root.to_path_buf(), output: root.join(output), as_of, pdf: false };
        let mut session = Session::new(options("live"));
        session.build().unwrap().stats.unwrap();
        let mut seed: u64 = 0x005E_ED0F_7E57;
        let mut next = |below: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % below
        };
        let mut compared = 0;
        for step in 0..80 {
            let files: Vec<PathBuf> =
                files_under(&root.join("content")).into_iter().filter(|p| !p.ends_with("organisation.toml")).collect();
            let file = &files[next(files.len())];
            let text = std::fs::read_to_string(file).unwrap();
            let choice = next(7);
            let edited = match choice {
                0 => text.replacen("rag = \"green\"", "rag = \"red\"", 1).replacen(
                    "rag = \"amber\"",
                    "rag = \"green\"",
                    1,
                ),
                1 => text.replacen("status = \"active\"", "status = \"paused\"", 1),
                2 => text.replacen("title = \"", "title = \"Renamed ", 1),
                3 if file.extension().is_some_and(|e| e == "md") => format!("{text}\nA line added in step {step}.\n"),
                4 => {
                    // A digit somewhere in the file (a date, a budget, a
                    // value), changed.
                    let digits: Vec<usize> = text.match_indices(|c: char| c.is_ascii_digit()).map(|(i, _)| i).collect();
                    match digits.is_empty() {
                        true => text.clone(),
                        false => {
                            let at = digits[next(digits.len())];
                            let d = text.as_bytes()[at];
                            let other = if d == b'9' { '1' } else { char::from(d + 1) };
                            format!("{}{other}{}", &text[..at], &text[at + 1..])
                        }
                    }
                }
                5 if file.parent().is_some_and(|p| p.parent().is_some_and(|p| p.ends_with("projects"))) => {
                    // A copy under a new name: a new thing, and maybe a duplicate.
                    let copy =
                        file.with_file_name(format!("copy-{step}.{}", file.extension().unwrap().to_string_lossy()));
                    std::fs::write(copy, &text).unwrap();
                    text.clone()
                }
                // Deleting what others name would only break the site; a
                // check-in names others but is named by none.
                _ if file.parent().is_some_and(|p| p.ends_with("checkins")) => {
                    std::fs::remove_file(file).unwrap();
                    String::new()
                }
                _ => format!("{text}\n"),
            };
            if file.exists() && edited != text && !edited.is_empty() {
                std::fs::write(file, &edited).unwrap();
            }
            let what = format!("step {step}: edit {choice} of {}", file.strip_prefix(root).unwrap().display());
            let live = session.build().unwrap();
            let full = build(&options("full")).unwrap();
            assert_eq!(live.stats.is_some(), full.stats.is_some(), "{what}: both builds agree on errors");
            if live.stats.is_none() {
                // Put the file back; the next step's build recovers.
                std::fs::write(file, &text).unwrap();
                continue;
            }
            assert_same_output(root, &what);
            compared += 1;
        }
        assert!(compared >= 50, "most edits leave a site that builds ({compared} of 80)");
    }

    /// A session whose output folder is removed behind its back writes it
    /// all again.
    #[test]
    fn a_session_rebuilds_an_output_removed_behind_its_back() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &root.join("content"));
        let output = root.join("output");
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut session =
            Session::new(BuildOptions { root: root.to_path_buf(), output: output.clone(), as_of, pdf: false });
        let first = session.build().unwrap().stats.unwrap();
        std::fs::remove_file(output.join("index.html")).unwrap();
        let again = session.build().unwrap().stats.unwrap();
        assert_eq!((again.written, again.unchanged), (1, first.written - 1), "the missing page is written again");
        assert!(output.join("index.html").is_file());
        std::fs::remove_dir_all(&output).unwrap();
        let anew = session.build().unwrap().stats.unwrap();
        assert_eq!((anew.written, tree(&output).len()), (first.written, first.written));

        // A build with other settings into the same folder (here: with the
        // PDF pack) is noticed, and the session puts its own site back.
        let other =
            BuildOptions { root: root.to_path_buf(), output: output.clone(), as_of, pdf: cfg!(feature = "pdf") };
        build(&BuildOptions { as_of: as_of.succ_opt().unwrap(), ..other }).unwrap();
        session.build().unwrap();
        let expected = tree_of_full_build(root, as_of);
        assert_eq!(tree(&output), expected, "the session's output is a full build's again");
    }

    fn tree_of_full_build(root: &Path, as_of: NaiveDate) -> std::collections::BTreeMap<String, Vec<u8>> {
        let output = root.join("reference");
        build(&BuildOptions { root: root.to_path_buf(), output: output.clone(), as_of, pdf: false }).unwrap();
        tree(&output)
    }
}
