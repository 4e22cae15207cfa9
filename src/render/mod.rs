//! Render: model and analysis in, the site's files (in memory) out.
//!
//! Each page gets one plain view struct (see [`views`]); tera lays it out
//! with autoescaping on. Pages render in parallel. Nothing is written here:
//! the write stage decides what reaches the disk.

pub mod export;
pub use crate::format;
pub mod site;
pub mod theme;
pub mod views;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::analyse::Analysis;
use crate::diag::SourceMap;
use crate::model::Model;
pub use theme::{Theme, ThemeError};

/// One file of the generated site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path from the output folder, with `/` separators.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
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

fn describe(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        message.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    message
}

/// Compiles the theme's templates.
pub fn engine(theme: &Theme) -> Result<Tera, RenderError> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
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

/// Renders every page and copies the theme's assets.
pub fn render(
    model: &Model,
    analysis: &Analysis,
    sources: &SourceMap,
    theme: &Theme,
) -> Result<Vec<OutputFile>, RenderError> {
    let tera = engine(theme)?;
    let views = site::Views::new(model, analysis, sources, theme.chart_style()?);
    let site = views.site();
    let pages = views.pages();
    let mut files: Vec<OutputFile> = pages
        .par_iter()
        .map(|page| {
            let mut context = Context::new();
            context.insert("site", &site);
            context.insert("page", &page.meta);
            context.insert("data", &page.data);
            let html = tera.render(page.template, &context).map_err(|e| RenderError::Page {
                template: page.template.to_string(),
                page: page.path.clone(),
                message: describe(&e),
            })?;
            Ok(OutputFile { path: page.path.clone(), bytes: html.into_bytes() })
        })
        .collect::<Result<_, RenderError>>()?;
    files.extend(export::data_files(model, analysis, sources));
    files.push(OutputFile { path: "search-index.js".into(), bytes: views.search_index().into_bytes() });
    let generated: std::collections::HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    if let Some(path) = theme.assets.keys().find(|path| generated.contains(path.as_str())) {
        return Err(RenderError::AssetClash { path: path.clone() });
    }
    files.extend(theme.assets.iter().map(|(path, bytes)| OutputFile { path: path.clone(), bytes: bytes.clone() }));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
