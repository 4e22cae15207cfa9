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
pub mod load;
pub mod model;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod synthetic;
pub mod write;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use analyse::{Analysis, Finding};
use diag::{Diagnostics, SourceMap};
use model::Model;

/// A site root checked: content problems, and if the content is sound, the
/// model and its analysis.
#[derive(Debug)]
pub struct Checked {
    /// Every file read, for showing diagnostics.
    pub sources: SourceMap,
    /// Problems in the content (errors and warnings), sorted.
    pub diagnostics: Diagnostics,
    /// The model and analysis, present when there are no errors.
    pub result: Option<(Model, Analysis)>,
}

impl Checked {
    /// The analysis findings, if the content could be analysed.
    pub fn findings(&self) -> &[Finding] {
        self.result.as_ref().map_or(&[], |(_, a)| &a.findings)
    }
}

/// Load, model and analyse the site at `root` as of a date: everything
/// short of rendering. This is `throughline check`.
pub fn check(root: &Path, as_of: NaiveDate) -> Checked {
    check_with(root, as_of, &mut load::LoadCache::default())
}

/// [`check`], reusing the parsed files `cache` holds.
fn check_with(root: &Path, as_of: NaiveDate, cache: &mut load::LoadCache) -> Checked {
    let loaded = load::load_with(root, cache);
    let mut diagnostics = loaded.diagnostics.clone();
    let model = model::build(&loaded, &mut diagnostics);
    let sources = loaded.sources;
    diagnostics.sort(&sources);
    if diagnostics.has_errors() {
        return Checked { sources, diagnostics, result: None };
    }
    let analysis = analyse::analyse(&model, as_of);
    Checked { sources, diagnostics, result: Some((model, analysis)) }
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
    /// Reading, parsing, model and analysis.
    pub check: std::time::Duration,
    /// Pages, charts, packs and data files.
    pub render: std::time::Duration,
    /// Writing the output.
    pub write: std::time::Duration,
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
    build_with(options, &mut load::LoadCache::default())
}

/// A site kept loaded between builds, for `watch` and `serve`: each build
/// parses only the files whose content changed since the last.
pub struct Session {
    /// What to build, and where.
    pub options: BuildOptions,
    cache: load::LoadCache,
}

impl Session {
    /// A session that has not built yet.
    pub fn new(options: BuildOptions) -> Self {
        Session { options, cache: load::LoadCache::default() }
    }

    /// Builds, reusing unchanged files.
    pub fn build(&mut self) -> Result<Built, BuildError> {
        build_with(&self.options, &mut self.cache)
    }

    /// How many files the last build had to parse.
    pub fn parsed(&self) -> usize {
        self.cache.parsed
    }

    /// Forgets everything loaded (after a failure that may have left the
    /// cache half-updated).
    pub fn reset(&mut self) {
        self.cache = load::LoadCache::default();
    }
}

fn build_with(options: &BuildOptions, cache: &mut load::LoadCache) -> Result<Built, BuildError> {
    let clock = std::time::Instant::now();
    let checked = check_with(&options.root, options.as_of, cache);
    let Some((model, analysis)) = &checked.result else {
        return Ok(Built { checked, stats: None, warnings: Vec::new() });
    };
    let checked_at = clock.elapsed();
    let theme_files = load::theme::read_theme(&options.root, &model.organisation.site.theme)
        .map_err(|e| render::RenderError::Theme(e.into()))?;
    let theme = render::Theme::builtin().with_overrides(theme_files);
    let rendered =
        render::render(model, analysis, &checked.sources, &theme, render::RenderOptions { pdf: options.pdf })?;
    let rendered_at = clock.elapsed();
    let files = rendered.files;
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    let data = files.iter().filter(|f| f.path.starts_with("data/")).count();
    let pdfs = files.iter().filter(|f| f.path.ends_with(".pdf")).count();
    let report = write::write_site(&options.root, &options.output, &files)?;
    let stats = BuildStats {
        pages,
        data,
        assets: files.len() - pages - data - pdfs,
        packs: model.reviews.len(),
        pdfs,
        written: report.written,
        unchanged: report.unchanged,
        timings: Timings { check: checked_at, render: rendered_at - checked_at, write: clock.elapsed() - rendered_at },
    };
    Ok(Built { checked, stats: Some(stats), warnings: rendered.warnings })
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
    let Some((model, analysis)) = &checked.result else {
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
    let theme_files = load::theme::read_theme(&options.root, &model.organisation.site.theme)
        .map_err(|e| BuildError::Render(render::RenderError::Theme(e.into())))?;
    let theme = render::Theme::builtin().with_overrides(theme_files);
    let options_render = render::RenderOptions { pdf: options.pdf };
    let rendered = render::render_pack(model, analysis, &checked.sources, &theme, index, options_render)
        .map_err(BuildError::from)?;
    let mut written = write::write_files(&options.root, &options.output, &rendered.files).map_err(BuildError::from)?;
    written
        .sort_by_key(|p| (!p.starts_with(options.output.join("reviews")), p.extension().is_some_and(|e| e == "pdf")));
    Ok(Packed { checked, written: Some(written), warnings: rendered.warnings })
}
