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
pub mod render;
pub mod scaffold;
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
    let loaded = load::load(root);
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

/// What a finished build produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BuildStats {
    /// Pages rendered.
    pub pages: usize,
    /// Data files for download (`data/`).
    pub data: usize,
    /// Other files (assets).
    pub assets: usize,
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
}

/// The whole pipeline: check, render, write. Content errors stop it before
/// anything is written (`stats` is `None`); the previous output stays.
pub fn build(options: &BuildOptions) -> Result<Built, BuildError> {
    let checked = check(&options.root, options.as_of);
    let Some((model, analysis)) = &checked.result else {
        return Ok(Built { checked, stats: None });
    };
    let theme_files = load::theme::read_theme(&options.root, &model.organisation.site.theme)
        .map_err(|e| render::RenderError::Theme(e.into()))?;
    let theme = render::Theme::builtin().with_overrides(theme_files);
    let files = render::render(model, analysis, &checked.sources, &theme)?;
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    let data = files.iter().filter(|f| f.path.starts_with("data/")).count();
    let report = write::write_site(&options.root, &options.output, &files)?;
    let stats = BuildStats {
        pages,
        data,
        assets: files.len() - pages - data,
        written: report.written,
        unchanged: report.unchanged,
    };
    Ok(Built { checked, stats: Some(stats) })
}
