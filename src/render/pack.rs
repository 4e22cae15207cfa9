//! Board packs: each review's pack view laid out twice, as a print-ready
//! HTML page by the site's templates and as Typst by the theme's `pack/`
//! templates, which the `pdf` feature typesets into a PDF.

use tera::{Context, Kwargs, State, Tera, Value};

use super::views::PackView;
use super::{RenderError, Theme, describe};
use crate::load::typst_markup;

/// The template every pack's Typst source starts from.
pub const PACK_TEMPLATE: &str = "pack.typ";

/// Compiles the theme's pack templates: Tera with Typst escaping, so that
/// text from content can never become pack markup.
pub fn engine(theme: &Theme) -> Result<Tera, RenderError> {
    let mut tera = Tera::new();
    tera.set_escape_fn(|input, out| {
        let mut escaped = String::with_capacity(input.len() + 8);
        typst_markup::escape(input, &mut escaped);
        out.write_all(escaped.as_bytes())
    });
    tera.autoescape_on(vec![".typ"]);
    tera.register_filter("typst_str", |text: &str, _: Kwargs, _: &State| {
        Value::safe_string(&typst_markup::string_literal(text))
    });
    if let Err(error) = tera.add_raw_templates(theme.pack_templates.iter().map(|(n, s)| (n.as_str(), s.as_str()))) {
        let message = describe(&error);
        return Err(RenderError::Compile { file: template_file(theme, &message), message });
    }
    if !theme.pack_templates.contains_key(PACK_TEMPLATE) {
        return Err(RenderError::Compile {
            file: "the theme".into(),
            message: format!("the theme has no `pack/{PACK_TEMPLATE}`, which lays out the PDF board pack"),
        });
    }
    Ok(tera)
}

fn template_file(theme: &Theme, message: &str) -> String {
    theme
        .pack_template_paths
        .iter()
        .find(|(name, _)| message.contains(name.as_str()))
        .or_else(|| theme.pack_template_paths.iter().find(|(name, _)| name.as_str() == PACK_TEMPLATE))
        .map_or_else(|| "the theme's pack templates".to_string(), |(_, path)| path.clone())
}

/// Where a review's pack goes.
pub fn folder(id: &str) -> String {
    format!("reviews/{id}/")
}

/// The pack's Typst source.
pub fn typst_source(tera: &Tera, theme: &Theme, pack: &PackView) -> Result<String, RenderError> {
    let mut context = Context::new();
    context.insert("data", pack);
    tera.render(PACK_TEMPLATE, &context).map_err(|error| {
        let message = describe(&error);
        RenderError::Page {
            template: template_file(theme, &message),
            page: format!("the PDF pack of `{}`", pack.id),
            message,
        }
    })
}

/// The PDF of one pack, typeset from its Typst source.
#[cfg(feature = "pdf")]
pub fn pdf(
    tera: &Tera,
    theme: &Theme,
    fonts: &crate::pdf::Fonts,
    pack: &PackView,
    as_of: chrono::NaiveDate,
) -> Result<(super::OutputFile, Vec<String>), RenderError> {
    let markup = typst_source(tera, theme, pack)?;
    let files =
        pack.charts().into_iter().map(|c| (format!("charts/{}.svg", c.id), c.svg.clone().into_bytes())).collect();
    let source = crate::pdf::PackSource { markup, files, fonts, today: as_of, ident: pack.id.clone() };
    let typeset = crate::pdf::typeset(source).map_err(|error| RenderError::Pdf {
        review: pack.id.clone(),
        template: template_file(theme, PACK_TEMPLATE),
        message: error.to_string(),
    })?;
    let warnings = typeset.warnings.into_iter().map(|w| format!("PDF pack of `{}`: {w}", pack.id)).collect();
    let path = pdf_path(&pack.id);
    Ok((super::OutputFile { path, bytes: typeset.pdf }, warnings))
}

/// Where a review's HTML pack goes.
pub fn page_path(id: &str) -> String {
    format!("{}index.html", folder(id))
}

/// Where a review's PDF pack goes.
pub fn pdf_path(id: &str) -> String {
    format!("{}{id}.pdf", folder(id))
}
