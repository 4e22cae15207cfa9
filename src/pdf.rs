//! Typesetting a board pack's Typst source into a PDF, in process.
//!
//! Typst is embedded as a library: no browser, no network, fonts from the
//! theme embedded in the file. The world it sees is tiny and in memory: the
//! pack's source, its charts as SVG files, the theme's fonts and a fixed
//! date, so the same content always gives the same bytes.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

/// The fonts packs are set in, parsed once per build.
pub struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl Fonts {
    /// Parses font files (TrueType or OpenType, collections too); files
    /// that hold no font are reported by name.
    pub fn new(files: &[(String, Vec<u8>)]) -> Result<Fonts, PdfError> {
        let mut fonts = Vec::new();
        for (name, bytes) in files {
            let before = fonts.len();
            fonts.extend(Font::iter(Bytes::new(bytes.clone())));
            if fonts.len() == before {
                return Err(PdfError::Font(format!("`{name}` is not a TrueType or OpenType font")));
            }
        }
        if fonts.is_empty() {
            return Err(PdfError::Font("the theme has no fonts for the PDF pack (expected `fonts/*.ttf`)".into()));
        }
        Ok(Fonts { book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts })
    }
}

/// What a pack is typeset from.
pub struct PackSource<'a> {
    /// The Typst source, rendered from the theme's pack template.
    pub markup: String,
    /// Other files it refers to (charts), by path.
    pub files: Vec<(String, Vec<u8>)>,
    /// The fonts.
    pub fonts: &'a Fonts,
    /// The date the document is dated (the `--as-of` date).
    pub today: NaiveDate,
    /// A stable identifier (the review id), so the PDF's id never changes.
    pub ident: String,
}

/// Why a pack could not be typeset.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A font file is unusable.
    #[error("{0}")]
    Font(String),
    /// The rendered source does not typeset.
    #[error("line {line}, column {column} of the rendered pack: {message}{hints}\n  the line reads: {text}")]
    Typeset {
        /// 1-based line in the rendered source.
        line: usize,
        /// 1-based column.
        column: usize,
        /// Typst's message.
        message: String,
        /// Typst's hints, each on its own line.
        hints: String,
        /// The offending line of the rendered source.
        text: String,
    },
    /// Typst could not write the PDF.
    #[error("cannot write the PDF: {0}")]
    Export(String),
}

/// The typeset PDF and any warnings Typst gave (a missing glyph, say).
pub struct Typeset {
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// Typst's warnings, as sentences.
    pub warnings: Vec<String>,
}

/// Typesets a pack.
pub fn typeset(source: PackSource<'_>) -> Result<Typeset, PdfError> {
    let world = PackWorld::new(&source);
    let warned = typst::compile::<PagedDocument>(&world);
    let warnings = warned.warnings.iter().map(|w| world.describe(w).to_string()).collect();
    let document = warned.output.map_err(|errors| world.first_error(&errors))?;
    let date = to_datetime(source.today);
    let options = PdfOptions {
        ident: Smart::Custom(source.ident.clone()),
        creator: Smart::Custom(Some(format!("throughline {}", env!("CARGO_PKG_VERSION")))),
        timestamp: date.map(Timestamp::new_utc),
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| {
        PdfError::Export(errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; "))
    })?;
    Ok(Typeset { pdf, warnings })
}

/// Lets the typesetter forget cached layouts: a long-running `watch` calls
/// this after each build so memory stays flat.
pub fn forget_caches() {
    typst::comemo::evict(10);
}

fn to_datetime(day: NaiveDate) -> Option<Datetime> {
    Datetime::from_ymd(day.year(), u8::try_from(day.month()).ok()?, u8::try_from(day.day()).ok()?)
}

fn file_id(path: &str) -> FileId {
    let path = VirtualPath::new(path).expect("pack file paths are plain relative paths");
    RootedPath::new(VirtualRoot::Project, path).intern()
}

struct PackWorld<'a> {
    library: LazyHash<Library>,
    fonts: &'a Fonts,
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

impl<'a> PackWorld<'a> {
    fn new(source: &PackSource<'a>) -> Self {
        let main = Source::new(file_id("pack.typ"), source.markup.clone());
        let files = source.files.iter().map(|(path, bytes)| (file_id(path), Bytes::new(bytes.clone()))).collect();
        PackWorld {
            library: LazyHash::new(Library::default()),
            fonts: source.fonts,
            main,
            files,
            today: to_datetime(source.today),
        }
    }

    fn describe(&self, diagnostic: &SourceDiagnostic) -> PdfError {
        let range = self.range(diagnostic.span).filter(|_| diagnostic.span.id() == Some(self.main.id()));
        let text = self.main.text();
        let (line, column, line_text) = match range {
            Some(range) => {
                let start = range.start.min(text.len());
                let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
                let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
                let line = text[..start].matches('\n').count() + 1;
                (line, text[line_start..start].chars().count() + 1, text[line_start..line_end].trim().to_string())
            }
            None => (0, 0, String::new()),
        };
        let hints: String = diagnostic.hints.iter().map(|h| format!("\n  hint: {}", h.v)).collect();
        PdfError::Typeset { line, column, message: diagnostic.message.to_string(), hints, text: shorten(&line_text) }
    }

    fn first_error(&self, errors: &[SourceDiagnostic]) -> PdfError {
        match errors.first() {
            Some(error) => self.describe(error),
            None => PdfError::Export("the typesetter failed without saying why".into()),
        }
    }
}

fn shorten(line: &str) -> String {
    let short: String = line.chars().take(120).collect();
    if short.len() < line.len() { format!("{short}…") } else { short }
}

impl World for PackWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(FileError::NotSource) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        self.files.get(&id).cloned().ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        let theme = crate::render::Theme::builtin();
        Fonts::new(&theme.fonts.iter().map(|(n, b)| (n.clone(), b.clone())).collect::<Vec<_>>()).unwrap()
    }

    fn source<'a>(markup: &str, fonts: &'a Fonts) -> PackSource<'a> {
        PackSource {
            markup: markup.into(),
            files: vec![],
            fonts,
            today: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            ident: "test".into(),
        }
    }

    #[test]
    fn typesets_a_page_and_gives_the_same_bytes_twice() {
        let fonts = fonts();
        let markup = "#set document(title: \"Pack\")\n#set text(font: \"Liberation Sans\")\n= Hello\nWorld";
        let first = typeset(source(markup, &fonts)).unwrap();
        assert!(first.pdf.starts_with(b"%PDF-"));
        assert!(first.warnings.is_empty(), "{:?}", first.warnings);
        let second = typeset(source(markup, &fonts)).unwrap();
        assert_eq!(first.pdf, second.pdf, "the same source gives the same PDF");
    }

    #[test]
    fn an_error_names_the_line_of_the_rendered_source() {
        let fonts = fonts();
        let error = typeset(source("= Fine\n\n#table(columns: oops)\n", &fonts)).err().unwrap();
        let message = error.to_string();
        assert!(message.starts_with("line 3, column"), "{message}");
        assert!(message.contains("oops"), "{message}");
    }
}
