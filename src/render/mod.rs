//! Render: model and analysis in, the site's files (in memory) out.
//!
//! Each page gets one plain view struct (see [`views`]); tera lays it out
//! with autoescaping on. Pages render in parallel. Nothing is written here:
//! the write stage decides what reaches the disk.

pub mod export;
pub use crate::format;
pub mod memo;
pub mod pack;
pub mod reads;
pub mod site;
pub mod theme;
pub mod views;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::analyse::Analysis;
use crate::diag::SourceMap;
use crate::model::Model;
pub use memo::RenderMemo;
use memo::{Made, Previous, fingerprint, of_bytes};
pub use theme::{Theme, ThemeError};

/// One file of the generated site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path from the output folder, with `/` separators.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What to render besides the site.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Typeset each review's pack as PDF (needs the `pdf` feature).
    pub pdf: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions { pdf: cfg!(feature = "pdf") }
    }
}

/// The rendered files, and warnings that did not stop rendering.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Every output file made (or, against a memo, changed), sorted by path;
    /// empty when the files were handed to a sink.
    pub files: Vec<OutputFile>,
    /// The paths of the files handed to a sink ([`render_into`]). Sorted.
    pub sent: Vec<String>,
    /// Against a memo: the paths whose files are exactly as the last
    /// render made them, so they stay on disk as they are. Sorted.
    pub kept: Vec<String>,
    /// Things worth knowing (a glyph missing from the pack's fonts, say).
    pub warnings: Vec<String>,
    /// What this render made, for the next one (session renders only).
    pub memo: Option<RenderMemo>,
}

/// Rendering failures: these are faults in the theme, not in content.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The theme could not be loaded.
    #[error(transparent)]
    Theme(#[from] ThemeError),
    /// A template does not compile.
    #[error("template error in {file}:\n{message}")]
    Compile {
        /// Where the template came from.
        file: String,
        /// Tera's explanation.
        message: String,
    },
    /// A template failed while rendering a page.
    #[error("template `{template}` failed while rendering `{page}`:\n{message}")]
    Page {
        /// The template.
        template: String,
        /// The page.
        page: String,
        /// Tera's explanation.
        message: String,
    },
    /// A pack's Typst source does not typeset.
    #[error("the PDF pack of review `{review}` (laid out by {template}) does not typeset:\n  {message}")]
    Pdf {
        /// The review.
        review: String,
        /// The pack template.
        template: String,
        /// Where and why, in the rendered source.
        message: String,
    },
    /// A theme's static file has the path of a file throughline generates,
    /// and would silently replace it.
    #[error(
        "the theme's static file `static/{path}` has the same path as a file throughline generates; \
         rename it or move it into a folder of its own (such as `static/assets/`)"
    )]
    AssetClash {
        /// The path in the output.
        path: String,
    },
}

pub(crate) fn describe(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        message.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    message
}

/// A quoted CSS string holding `text`, safe inside a `<style>` element
/// (for the pack's running header, which CSS draws from strings).
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", c as u32)),
            '\n' | '\r' => out.push_str("\\a "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Compiles the theme's templates.
pub fn engine(theme: &Theme) -> Result<Tera, RenderError> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
    tera.register_filter("css_string", |text: &str, _: tera::Kwargs, _: &tera::State| {
        tera::Value::safe_string(&css_string(text))
    });
    if let Err(error) = tera.add_raw_templates(theme.templates.iter().map(|(n, s)| (n.as_str(), s.as_str()))) {
        let message = describe(&error);
        let file = theme
            .template_paths
            .iter()
            .find(|(name, _)| message.contains(name.as_str()))
            .map_or_else(|| "the theme".to_string(), |(_, path)| path.clone());
        return Err(RenderError::Compile { file, message });
    }
    Ok(tera)
}

/// Renders every page and pack and copies the theme's assets.
pub fn render(
    model: &Model,
    analysis: &Analysis,
    sources: &SourceMap,
    theme: &Theme,
    options: RenderOptions,
) -> Result<Rendered, RenderError> {
    render_with(model, analysis, sources, theme, options, Mode::Memory)
}

/// [`render`], handing each file to `sink` as soon as it is made instead
/// of keeping it, so a large site is never held in memory whole (a build
/// streams into its staging folder). [`Rendered::sent`] lists the paths.
pub fn render_into(
    model: &Model,
    analysis: &Analysis,
    sources: &SourceMap,
    theme: &Theme,
    options: RenderOptions,
    sink: &(dyn Fn(OutputFile) + Sync),
) -> Result<Rendered, RenderError> {
    render_with(model, analysis, sources, theme, options, Mode::Stream(sink))
}

/// [`render`] for a session that keeps the site between builds: pages,
/// packs and files made from the same data as in `previous` are not laid
/// out again but listed in [`Rendered::kept`], and the result carries a
/// memo for the next build. A page none of whose reads are among
/// `changes` (what changed in the model and analysis since `previous`)
/// is kept without even building its data.
pub fn render_again(
    model: &Model,
    analysis: &Analysis,
    sources: &SourceMap,
    theme: &Theme,
    options: RenderOptions,
    previous: Option<&RenderMemo>,
    changes: &reads::Changes,
) -> Result<Rendered, RenderError> {
    render_with(model, analysis, sources, theme, options, Mode::Session(previous, changes))
}

/// Where a render's files go.
#[derive(Clone, Copy)]
enum Mode<'a> {
    /// Kept and returned.
    Memory,
    /// Handed over one by one.
    Stream(&'a (dyn Fn(OutputFile) + Sync)),
    /// Compared with what the session's last render made, knowing what
    /// changed in the model and analysis since.
    Session(Option<&'a RenderMemo>, &'a reads::Changes),
}

/// A file made: kept in memory (with how it was made, in sessions), handed
/// to the sink, or found unchanged since the last render.
enum Outcome {
    File(OutputFile, Option<Made>),
    Sent(String),
    Kept(String, Made),
}

impl Outcome {
    fn path(&self) -> &str {
        match self {
            Outcome::File(f, _) => &f.path,
            Outcome::Sent(path) | Outcome::Kept(path, _) => path,
        }
    }
}

fn render_with(
    model: &Model,
    analysis: &Analysis,
    sources: &SourceMap,
    theme: &Theme,
    options: RenderOptions,
    mode: Mode<'_>,
) -> Result<Rendered, RenderError> {
    let (session, changes) = match mode {
        Mode::Session(previous, changes) => (Some(previous), Some(changes)),
        _ => (None, None),
    };
    let (tera, pack_tera, views) = prepare(model, analysis, sources, theme, options)?;
    let site = views.site();
    let shared = memo::digest(&(theme, options.pdf, fingerprint(&site)));
    let previous = Previous::new(session.flatten(), shared);
    let views = if session.is_some() { views.remembering(previous) } else { views };
    // Where each new file goes.
    let out = |file: OutputFile, from: Option<memo::Fingerprint>| -> Outcome {
        match mode {
            Mode::Session(..) => made_file(&previous, file, from),
            Mode::Stream(sink) => {
                let path = file.path.clone();
                sink(file);
                Outcome::Sent(path)
            }
            Mode::Memory => Outcome::File(file, None),
        }
    };
    // Each page's data is built, laid out and dropped in one go, on every
    // core: only the finished HTML is kept (or handed on).
    let page_file = |page: &site::Page| -> Result<Outcome, RenderError> {
        match &page.content {
            site::Content::Unchanged(made) => Ok(Outcome::Kept(page.path.clone(), *made)),
            site::Content::Data(data) => Ok(out(lay_out(&tera, &site, page, data)?, page.fingerprint)),
        }
    };
    // In a session, what the last build made at `path`, and what it read,
    // if none of that changed since: then the file on disk is current.
    let unchanged_since = |path: &str| -> Option<(Made, Reads)> {
        let (made, reads) = previous.reusable(path)?;
        (!changes?.touch(reads, |probe| views.probe(probe))).then(|| (made, reads.clone()))
    };
    // A page none of whose reads changed is kept as it is; any other is
    // built while its reads are noted, for the next build.
    let job_file = |job: site::PageJob| -> Result<(Outcome, Option<Reads>), RenderError> {
        if changes.is_none() {
            return Ok((page_file(&views.build_page(job))?, None));
        }
        let path = views.job_path(job);
        if let Some((made, reads)) = unchanged_since(&path) {
            return Ok((Outcome::Kept(path, made), Some(reads)));
        }
        let (page, reads) = reads::recording(|| views.build_page(job));
        debug_assert_eq!(page.path, path, "a job's path is its page's");
        Ok((page_file(&page)?, Some(reads.into())))
    };
    // One task per page: the few large pages about the whole portfolio
    // come first in the list and would otherwise fall to one core.
    let pages: Vec<(Outcome, Option<Reads>)> =
        views.page_jobs().into_par_iter().with_max_len(1).map(job_file).collect::<Result<_, _>>()?;
    let mut page_reads = Vec::new();
    let mut made = Vec::with_capacity(pages.len());
    for (outcome, reads) in pages {
        if let Some(reads) = reads {
            page_reads.push((outcome.path().to_string(), reads));
        }
        made.push(outcome);
    }
    // A board pack reads most of the analysis: like a page, it is kept
    // (its HTML and its PDF) unless something it read changed.
    let mut packs = Vec::new();
    for i in 0..model.reviews.len() {
        let html = pack::page_path(&model.reviews[i].id);
        if let Some((page, reads)) = unchanged_since(&html) {
            let pdf = pack::pdf_path(&model.reviews[i].id);
            let pdf_made = previous.made(&pdf);
            if !options.pdf || pdf_made.is_some() {
                page_reads.push((html.clone(), reads));
                made.push(Outcome::Kept(html, page));
                made.extend(pdf_made.map(|m| Outcome::Kept(pdf, m)));
                continue;
            }
        }
        let (pack, reads) = reads::recording_if(changes.is_some(), || views.pack(i));
        page_reads.extend(reads.map(|reads| (html, reads.into())));
        made.push(page_file(&views.pack_page(&pack))?);
        packs.push(pack);
    }
    // A pack's PDF is typeset again only when its data changed.
    let mut to_typeset = Vec::new();
    for pack in packs {
        let from = fingerprint(&(&pack, analysis.as_of.to_string()));
        let path = pack::pdf_path(&pack.id);
        match previous.unchanged(&path, from) {
            Some(old) => made.push(Outcome::Kept(path, old)),
            _ => to_typeset.push((pack, from)),
        }
    }
    let typeset: Vec<site::PackView> = to_typeset.iter().map(|(p, _)| p.clone()).collect();
    let (pdfs, warnings) = pack_pdfs(&pack_tera, theme, &typeset, analysis.as_of, options.pdf)?;
    for (pdf, (_, from)) in pdfs.into_iter().zip(&to_typeset) {
        made.push(out(pdf, Some(*from)));
    }
    // The data downloads and the search index, each made (on every core)
    // only when the records it is made from changed. The records are not
    // even gathered when nothing they read changed.
    let data_key = export::DataFile::Analysis.path();
    let data_kept = unchanged_since(&data_key).and_then(|(_, reads)| {
        let kept: Option<Vec<Outcome>> = export::DataFile::ALL
            .iter()
            .map(|file| previous.made(&file.path()).map(|made| Outcome::Kept(file.path(), made)))
            .collect();
        kept.map(|kept| (kept, reads))
    });
    let (model_reads, analysis_reads) = views.reads();
    let data = match data_kept {
        Some((kept, reads)) => {
            made.extend(kept);
            page_reads.push((data_key, reads));
            None
        }
        None => {
            let records = || export::records(model_reads, analysis_reads, sources);
            let (data, reads) = reads::recording_if(changes.is_some(), records);
            page_reads.extend(reads.map(|reads| (data_key, reads.into())));
            Some(data)
        }
    };
    let entries = views.search_entries();
    let data_fingerprints = data.as_ref().filter(|_| session.is_some()).map(export::DataSet::fingerprints);
    let mut derived: Vec<Derived<'_>> = match &data {
        None => Vec::new(),
        Some(data) => export::DataFile::ALL
            .into_iter()
            .enumerate()
            .map(|(i, file)| Derived {
                path: file.path(),
                from: data_fingerprints.map(|f| f[i]),
                make: Box::new(move || data.bytes(file)),
            })
            .collect(),
    };
    derived.push(Derived {
        path: "search-index.js".into(),
        from: session.map(|_| fingerprint(&entries)),
        make: Box::new(|| site::search_index(&entries).into_bytes()),
    });
    let generated: std::collections::HashSet<&str> =
        made.iter().map(Outcome::path).chain(derived.iter().map(|d| d.path.as_str())).collect();
    if let Some(path) = theme.assets.keys().find(|path| generated.contains(path.as_str())) {
        return Err(RenderError::AssetClash { path: path.clone() });
    }
    let derived: Vec<Outcome> = derived
        .into_par_iter()
        .map(|d| match d.from.and_then(|from| previous.unchanged(&d.path, from)) {
            Some(old) => Outcome::Kept(d.path, old),
            None => out(OutputFile { path: d.path, bytes: (d.make)() }, d.from),
        })
        .collect();
    made.extend(derived);
    made.extend(
        theme.assets.iter().map(|(path, bytes)| out(OutputFile { path: path.clone(), bytes: bytes.clone() }, None)),
    );
    let mut rendered = Rendered { warnings, memo: session.map(|_| RenderMemo::new(shared)), ..Rendered::default() };
    if let Some(memo) = rendered.memo.as_mut() {
        memo.reads.extend(page_reads);
    }
    for m in made {
        match m {
            Outcome::File(file, how) => {
                if let (Some(memo), Some(how)) = (rendered.memo.as_mut(), how) {
                    memo.files.insert(file.path.clone(), how);
                }
                rendered.files.push(file);
            }
            Outcome::Sent(path) => rendered.sent.push(path),
            Outcome::Kept(path, how) => {
                if let Some(memo) = rendered.memo.as_mut() {
                    memo.files.insert(path.clone(), how);
                }
                rendered.kept.push(path);
            }
        }
    }
    rendered.files.sort_by(|a, b| a.path.cmp(&b.path));
    rendered.sent.sort();
    rendered.kept.sort();
    Ok(rendered)
}

/// What a page read, shared between the memos of successive builds.
type Reads = std::sync::Arc<[reads::Read]>;

/// A file made as bytes from plain data rather than laid out by a template.
struct Derived<'d> {
    /// Its path from the output folder.
    path: String,
    /// In a session, the digest of the data it is made from.
    from: Option<memo::Fingerprint>,
    /// Makes its bytes.
    make: Box<dyn Fn() -> Vec<u8> + Send + Sync + 'd>,
}

/// A freshly made file in a session: kept if its bytes are those already
/// on disk, else to be written. A file made directly as bytes is made
/// "from" its bytes.
fn made_file(previous: &Previous<'_>, file: OutputFile, from: Option<memo::Fingerprint>) -> Outcome {
    let bytes = of_bytes(&file.bytes);
    let how = Made { from: from.unwrap_or(bytes), bytes };
    if previous.same_bytes(&file.path, bytes) { Outcome::Kept(file.path, how) } else { Outcome::File(file, Some(how)) }
}

/// The site's and the packs' template engines and the views they lay out.
fn prepare<'a>(
    model: &'a Model,
    analysis: &'a Analysis,
    sources: &'a SourceMap,
    theme: &Theme,
    options: RenderOptions,
) -> Result<(Tera, Tera, site::Views<'a>), RenderError> {
    let views = site::Views::new(model, analysis, sources, theme.chart_style()?).with_pdf(options.pdf);
    Ok((engine(theme)?, pack::engine(theme)?, views))
}

/// The packs' PDFs when they are wanted; otherwise the pack templates are
/// still rendered, so a broken layout is caught by every build.
fn pack_pdfs(
    tera: &Tera,
    theme: &Theme,
    packs: &[site::PackView],
    as_of: chrono::NaiveDate,
    wanted: bool,
) -> Result<(Vec<OutputFile>, Vec<String>), RenderError> {
    if wanted {
        return pdfs(tera, theme, packs, as_of);
    }
    packs.iter().try_for_each(|p| pack::typst_source(tera, theme, p).map(drop))?;
    Ok((Vec::new(), Vec::new()))
}

/// One page laid out by its template.
fn lay_out(
    tera: &Tera,
    site: &views::SiteView,
    page: &site::Page,
    data: &tera::Value,
) -> Result<OutputFile, RenderError> {
    let mut context = Context::new();
    context.insert("site", site);
    context.insert("page", &page.meta);
    context.insert_value("data", data.clone());
    let html = tera.render(page.template, &context).map_err(|e| RenderError::Page {
        template: page.template.to_string(),
        page: page.path.clone(),
        message: describe(&e),
    })?;
    Ok(OutputFile { path: page.path.clone(), bytes: html.into_bytes() })
}

/// One review's pack alone (its HTML page, its PDF when asked, and the
/// assets the page needs), for `throughline pack`.
pub fn render_pack(
    model: &Model,
    analysis: &Analysis,
    sources: &SourceMap,
    theme: &Theme,
    review: usize,
    options: RenderOptions,
) -> Result<Rendered, RenderError> {
    let (tera, pack_tera, views) = prepare(model, analysis, sources, theme, options)?;
    let site = views.site();
    let view = views.pack(review);
    let page = views.pack_page(&view);
    let site::Content::Data(data) = &page.content else {
        unreachable!("only a session's views leave a page's data out");
    };
    let mut files = vec![lay_out(&tera, &site, &page, data)?];
    for asset in ["pack.css", "favicon.svg"] {
        if let Some(bytes) = theme.assets.get(asset) {
            files.push(OutputFile { path: asset.into(), bytes: bytes.clone() });
        }
    }
    let (pdfs, warnings) = pack_pdfs(&pack_tera, theme, std::slice::from_ref(&view), analysis.as_of, options.pdf)?;
    files.extend(pdfs);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Rendered { files, warnings, ..Rendered::default() })
}

#[cfg(feature = "pdf")]
fn pdfs(
    tera: &Tera,
    theme: &Theme,
    packs: &[site::PackView],
    as_of: chrono::NaiveDate,
) -> Result<(Vec<OutputFile>, Vec<String>), RenderError> {
    if packs.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let font_files: Vec<(String, Vec<u8>)> = theme.fonts.iter().map(|(n, b)| (n.clone(), b.clone())).collect();
    let fonts = crate::pdf::Fonts::new(&font_files).map_err(|error| RenderError::Pdf {
        review: packs[0].id.clone(),
        template: "the theme's fonts/".into(),
        message: error.to_string(),
    })?;
    let results: Vec<_> = packs.par_iter().map(|p| pack::pdf(tera, theme, &fonts, p, as_of)).collect();
    crate::pdf::forget_caches();
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for result in results {
        let (file, w) = result?;
        files.push(file);
        warnings.extend(w);
    }
    Ok((files, warnings))
}

#[cfg(not(feature = "pdf"))]
fn pdfs(
    tera: &Tera,
    theme: &Theme,
    packs: &[site::PackView],
    _as_of: chrono::NaiveDate,
) -> Result<(Vec<OutputFile>, Vec<String>), RenderError> {
    packs.iter().try_for_each(|p| pack::typst_source(tera, theme, p).map(drop))?;
    Ok((Vec::new(), vec!["PDF packs are not built: this throughline was compiled without the `pdf` feature".into()]))
}
