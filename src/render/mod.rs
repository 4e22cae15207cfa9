//! Render: model and analysis in, the site's files out.
//!
//! The site is a list of [`Output`]s: a page of one of the [`pages::PAGES`]
//! kinds, a file of one of the [`files::FILES`] kinds (a PDF pack, the data
//! downloads, the search index), or a theme asset. Rendering one is two
//! steps: [`Renderer::draft`] builds its data from the model and analysis
//! (the only step that reads them), and [`Draft::finish`] lays the data out
//! as bytes. A build runs both for every output, on every core; a watch
//! session (see [`crate::session`]) decides from outside, output by
//! output, whether it needs to run them at all. Nothing is written here.

pub mod context;
pub mod export;
pub mod files;
pub use crate::format;
pub mod memo;
pub mod pack;
pub mod pages;
pub mod reads;
pub mod theme;
pub mod views;

use rayon::prelude::*;
use tera::Tera;

use crate::analyse::Analysis;
use crate::diag::SourceMap;
use crate::model::Model;
pub use context::Context;
use memo::Fingerprint;
use pages::PageKind;
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

/// What a render made, and warnings that did not stop it.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The files made, sorted by path; empty when they were handed to a
    /// sink as they were made ([`Renderer::render_into`]).
    pub files: Vec<OutputFile>,
    /// The path of every file of the site, sorted.
    pub paths: Vec<String>,
    /// Things worth knowing (a glyph missing from the pack's fonts, say).
    pub warnings: Vec<String>,
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

/// `text` as HTML with its `backquoted` parts as code: the author's fixes
/// name keys and values, and read better set apart.
pub fn code_spans(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let parts = text.split('`').count();
    for (i, part) in text.split('`').enumerate() {
        // Odd parts were between backquotes; an unpaired one stays as text.
        let between = i % 2 == 1;
        let code = between && i + 1 < parts;
        if between && !code {
            out.push('`');
        }
        if code {
            out.push_str("<code>");
        }
        for c in part.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                c => out.push(c),
            }
        }
        if code {
            out.push_str("</code>");
        }
    }
    out
}

/// Compiles the theme's templates.
pub fn engine(theme: &Theme) -> Result<Tera, RenderError> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
    tera.register_filter("css_string", |text: &str, _: tera::Kwargs, _: &tera::State| {
        tera::Value::safe_string(&css_string(text))
    });
    tera.register_filter("code_spans", |text: &str, _: tera::Kwargs, _: &tera::State| {
        tera::Value::safe_string(&code_spans(text))
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

/// One output of the site, named but not yet made.
#[derive(Clone, Copy)]
pub enum Output<'t> {
    /// The `i`-th page of a kind.
    Page(&'static PageKind, usize),
    /// The `i`-th file of a kind.
    File(&'static files::FileKind, usize),
    /// A static file of the theme.
    Asset(&'t str, &'t [u8]),
}

/// An output's data, built and ready to be laid out.
pub trait Draft: Send {
    /// The digest of everything the output is made from: two drafts with
    /// the same fingerprint finish as the same bytes.
    fn fingerprint(&self) -> Fingerprint;
    /// Lays the data out as the output's files.
    fn finish(self: Box<Self>) -> Result<Finished, RenderError>;
}

/// The files one output made.
#[derive(Debug, Default)]
pub struct Finished {
    /// Its files (a page is one; the data downloads are several; a PDF
    /// pack built without the `pdf` feature is none).
    pub files: Vec<OutputFile>,
    /// Things worth knowing.
    pub warnings: Vec<String>,
}

/// The site's template engines and the context its views are built from.
pub struct Renderer<'a> {
    /// What views are built from.
    pub cx: Context<'a>,
    /// The values every page shares.
    pub site: views::SiteView,
    theme: &'a Theme,
    tera: Tera,
    pack_tera: Tera,
    options: RenderOptions,
    #[cfg(feature = "pdf")]
    fonts: std::sync::OnceLock<Result<crate::pdf::Fonts, String>>,
}

impl<'a> Renderer<'a> {
    /// Compiles the theme's templates for a model and its analysis.
    pub fn new(
        model: &'a Model,
        analysis: &'a Analysis,
        sources: &'a SourceMap,
        theme: &'a Theme,
        options: RenderOptions,
    ) -> Result<Self, RenderError> {
        let cx = Context::new(model, analysis, sources, theme.chart_style()?).with_pdf(options.pdf);
        let site = views::SiteView::new(&cx);
        Ok(Renderer {
            cx,
            site,
            theme,
            tera: engine(theme)?,
            pack_tera: pack::engine(theme)?,
            options,
            #[cfg(feature = "pdf")]
            fonts: std::sync::OnceLock::new(),
        })
    }

    /// What every output shares: when it changes, no output made before can
    /// be kept.
    pub fn shared(&self) -> Fingerprint {
        memo::digest(&(self.theme, self.options.pdf, memo::fingerprint(&self.site)))
    }

    /// Every output of the site: the pages about the whole portfolio first
    /// (they are the largest, and go first so no core is left with one at
    /// the end), then the pages about one thing, the files and the assets.
    pub fn outputs(&self) -> Vec<Output<'_>> {
        let cx = &self.cx;
        let mut outputs: Vec<Output<'_>> = Vec::new();
        for kind in pages::PAGES {
            outputs.extend((0..(kind.count)(cx)).map(|i| Output::Page(kind, i)));
        }
        for &kind in files::FILES {
            outputs.extend((0..(kind.count)(cx)).map(|i| Output::File(kind, i)));
        }
        outputs.extend(self.theme.assets.iter().map(|(path, bytes)| Output::Asset(path, bytes)));
        outputs
    }

    /// The path of an output (for one that makes several files, of the
    /// first), without making it.
    pub fn path(&self, output: Output<'_>) -> String {
        match output {
            Output::Page(kind, i) => (kind.path)(&self.cx, i),
            Output::File(kind, i) => (kind.path)(&self.cx, i),
            Output::Asset(path, _) => path.to_string(),
        }
    }

    /// Builds an output's data.
    pub fn draft<'r>(&'r self, output: Output<'r>) -> Box<dyn Draft + 'r> {
        match output {
            Output::Page(kind, i) => {
                let path = (kind.path)(&self.cx, i);
                let meta = kind.meta(&self.cx, i, &path);
                Box::new(PageDraft { renderer: self, kind, path, meta, view: (kind.view)(&self.cx, i) })
            }
            Output::File(kind, i) => (kind.draft)(self, i),
            Output::Asset(path, bytes) => Box::new(AssetDraft { path, bytes }),
        }
    }

    /// Renders every output, handing each file to `sink` as soon as it is
    /// made, so a large site is never held in memory whole (a build streams
    /// into its staging folder).
    pub fn render_into(&self, sink: &(dyn Fn(OutputFile) + Sync)) -> Result<Rendered, RenderError> {
        let made: Vec<(Vec<String>, Vec<String>)> = self
            .outputs()
            .into_par_iter()
            .with_max_len(1)
            .map(|output| {
                let finished = self.draft(output).finish()?;
                let paths = finished.files.iter().map(|f| f.path.clone()).collect();
                finished.files.into_iter().for_each(sink);
                Ok((paths, finished.warnings))
            })
            .collect::<Result<_, RenderError>>()?;
        let mut rendered = Rendered::default();
        for (paths, warnings) in made {
            rendered.paths.extend(paths);
            rendered.warnings.extend(warnings);
        }
        self.finish(rendered)
    }

    /// Sorts what a render made, and refuses a theme asset that has the path
    /// of a generated file (it would silently replace it).
    pub fn finish(&self, mut rendered: Rendered) -> Result<Rendered, RenderError> {
        rendered.paths.sort();
        rendered.files.sort_by(|a, b| a.path.cmp(&b.path));
        if let Some(pair) = rendered.paths.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(RenderError::AssetClash { path: pair[0].clone() });
        }
        Ok(rendered)
    }

    fn lay_out(
        &self,
        template: &str,
        meta: &views::PageMeta,
        path: &str,
        data: tera::Value,
    ) -> Result<OutputFile, RenderError> {
        let mut context = tera::Context::new();
        context.insert("site", &self.site);
        context.insert("page", meta);
        context.insert_value("data", data);
        let html = self.tera.render(template, &context).map_err(|e| RenderError::Page {
            template: template.to_string(),
            page: path.to_string(),
            message: describe(&e),
        })?;
        Ok(OutputFile { path: path.to_string(), bytes: html.into_bytes() })
    }
}

#[cfg(feature = "pdf")]
impl Drop for Renderer<'_> {
    /// Typst keeps what it typeset for next time; a watch session would
    /// grow without bound if it were kept.
    fn drop(&mut self) {
        crate::pdf::forget_caches();
    }
}

/// A page's view, with what its template needs besides.
struct PageDraft<'r> {
    renderer: &'r Renderer<'r>,
    kind: &'static PageKind,
    path: String,
    meta: views::PageMeta,
    view: pages::View<'r>,
}

impl Draft for PageDraft<'_> {
    fn fingerprint(&self) -> Fingerprint {
        memo::fingerprint(&(self.kind.template, &self.meta, self.view.fingerprint()))
    }
    fn finish(self: Box<Self>) -> Result<Finished, RenderError> {
        let file = self.renderer.lay_out(self.kind.template, &self.meta, &self.path, self.view.value())?;
        Ok(Finished { files: vec![file], warnings: Vec::new() })
    }
}

/// A theme's static file, copied as it is.
struct AssetDraft<'t> {
    path: &'t str,
    bytes: &'t [u8],
}

impl Draft for AssetDraft<'_> {
    fn fingerprint(&self) -> Fingerprint {
        memo::of_bytes(self.bytes)
    }
    fn finish(self: Box<Self>) -> Result<Finished, RenderError> {
        Ok(Finished {
            files: vec![OutputFile { path: self.path.into(), bytes: self.bytes.to_vec() }],
            warnings: Vec::new(),
        })
    }
}

/// Renders every page, pack and file into memory (for tools and tests).
pub fn render(
    model: &Model,
    analysis: &Analysis,
    sources: &SourceMap,
    theme: &Theme,
    options: RenderOptions,
) -> Result<Rendered, RenderError> {
    let renderer = Renderer::new(model, analysis, sources, theme, options)?;
    let files = std::sync::Mutex::new(Vec::new());
    let mut rendered =
        renderer.render_into(&|file| files.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(file))?;
    rendered.files = files.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    renderer.finish(rendered)
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
    let renderer = Renderer::new(model, analysis, sources, theme, options)?;
    let page = pages::PAGES.iter().find(|k| k.template == "pack.html").expect("the pack is a page kind");
    let mut outputs = vec![Output::Page(page, review), Output::File(&files::PDF, review)];
    let needed = |path: &str| ["pack.css", "fonts.css", "favicon.svg"].contains(&path) || path.starts_with("fonts/");
    outputs
        .extend(theme.assets.iter().filter(|(path, _)| needed(path)).map(|(path, bytes)| Output::Asset(path, bytes)));
    let mut rendered = Rendered::default();
    for output in outputs {
        let finished = renderer.draft(output).finish()?;
        rendered.paths.extend(finished.files.iter().map(|f| f.path.clone()));
        rendered.files.extend(finished.files);
        rendered.warnings.extend(finished.warnings);
    }
    renderer.finish(rendered)
}

#[cfg(test)]
mod tests {
    use super::code_spans;

    #[test]
    fn backquoted_parts_become_code_and_the_rest_is_escaped() {
        assert_eq!(code_spans("give it a `start` & a <b>"), "give it a <code>start</code> &amp; a &lt;b&gt;");
        assert_eq!(code_spans("`kind = \"outcome\"`"), "<code>kind = &quot;outcome&quot;</code>");
        assert_eq!(code_spans("one ` alone"), "one ` alone");
        assert_eq!(code_spans("`a` and `b"), "<code>a</code> and `b");
    }
}
