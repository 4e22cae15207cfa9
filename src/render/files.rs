//! The site's files that no page template lays out: each review's PDF
//! pack, the data downloads and the search index. Like the page kinds in
//! [`super::pages`], each kind is stated once: how many it makes, where
//! they go, and the draft it builds from the model and analysis.

use super::export::{DataFile, DataSet};
use super::memo::{Fingerprint, fingerprint};
use super::views::{PackView, Paging, ProjectRecordRow, SearchEntry, search_index, sharded_script};
use super::{Draft, Finished, OutputFile, RenderError, Renderer};

/// One kind of file.
pub struct FileKind {
    /// What the kind is called, in errors and timings.
    pub name: &'static str,
    /// How many the site has.
    pub count: fn(&super::Context<'_>) -> usize,
    /// The path of the `i`-th (of its first file, if it makes several).
    pub path: fn(&super::Context<'_>, usize) -> String,
    /// Builds the `i`-th's data.
    pub draft: for<'r> fn(&'r Renderer<'r>, usize) -> Box<dyn Draft + 'r>,
}

/// A review's board pack as PDF (without the `pdf` feature, or with PDFs
/// turned off, its Typst source is still made, so a broken pack layout is
/// caught by every build).
pub static PDF: FileKind = FileKind {
    name: "PDF pack",
    count: |cx| cx.model.0.reviews.len(),
    path: |cx, i| super::pack::pdf_path(&cx.model.0.reviews[i].id),
    draft: |r, i| Box::new(PdfDraft { renderer: r, pack: PackView::new(&r.cx, i), first: i == 0 }),
};

/// The data downloads: `data/analysis.json` and a CSV file per table.
pub static DATA: FileKind = FileKind {
    name: "data downloads",
    count: |_| 1,
    path: |_, _| DataFile::Analysis.path(),
    draft: |r, _| {
        let changes = super::export::changes(&r.cx);
        let set = super::export::records(r.cx.model, r.cx.analysis, r.cx.sources, changes);
        Box::new(DataDraft { set })
    },
};

/// The offline search index.
pub static SEARCH: FileKind = FileKind {
    name: "search index",
    count: |_| 1,
    path: |_, _| "search-index.js".into(),
    draft: |r, _| Box::new(SearchDraft { entries: super::views::search_entries(&r.cx) }),
};

/// Every project, for the projects list's sorting and filters to work over
/// the whole portfolio when the list has more than one page.
pub static PROJECT_ROWS: FileKind = FileKind {
    name: "projects list data",
    count: |cx| usize::from(Paging::count(cx.model.0.projects.len()) > 1),
    path: |_, _| super::views::PROJECT_ROWS.into(),
    draft: |r, _| Box::new(RowsDraft { rows: super::views::project_records(&r.cx) }),
};

/// Every file kind.
pub static FILES: &[&FileKind] = &[&PDF, &DATA, &SEARCH, &PROJECT_ROWS];

struct RowsDraft {
    rows: Vec<ProjectRecordRow>,
}

impl Draft for RowsDraft {
    fn fingerprint(&self) -> Fingerprint {
        fingerprint(&self.rows)
    }

    fn finish(self: Box<Self>) -> Result<Finished, RenderError> {
        let files = sharded_script(super::views::PROJECT_ROWS, "THROUGHLINE_PROJECTS", "projects/rows/", &self.rows)
            .into_iter()
            .map(|(path, script)| OutputFile { path, bytes: script.into_bytes() })
            .collect();
        Ok(Finished { files, warnings: Vec::new() })
    }
}

struct PdfDraft<'r> {
    renderer: &'r Renderer<'r>,
    pack: PackView,
    /// Whether this is the first pack (which says once that PDFs are off).
    first: bool,
}

impl Draft for PdfDraft<'_> {
    fn fingerprint(&self) -> Fingerprint {
        // The pack holds its own cut-off date, which the PDF is dated by.
        fingerprint(&self.pack)
    }

    fn finish(self: Box<Self>) -> Result<Finished, RenderError> {
        let r = self.renderer;
        if !r.options.pdf {
            super::pack::typst_source(&r.pack_tera, r.theme, &self.pack)?;
            return Ok(Finished::default());
        }
        r.typeset(&self.pack, self.first)
    }
}

impl Renderer<'_> {
    #[cfg(feature = "pdf")]
    fn typeset(&self, pack: &PackView, _first: bool) -> Result<Finished, RenderError> {
        let fonts = self.fonts.get_or_init(|| {
            let files: Vec<(String, Vec<u8>)> = self.theme.fonts.iter().map(|(n, b)| (n.clone(), b.clone())).collect();
            crate::pdf::Fonts::new(&files).map_err(|error| error.to_string())
        });
        let fonts = fonts.as_ref().map_err(|message| RenderError::Pdf {
            review: pack.id.clone(),
            template: "the theme's fonts/".into(),
            message: message.clone(),
        })?;
        let (file, warnings) = super::pack::pdf(&self.pack_tera, self.theme, fonts, pack, pack.cut_off())?;
        Ok(Finished { files: vec![file], warnings })
    }

    #[cfg(not(feature = "pdf"))]
    fn typeset(&self, pack: &PackView, first: bool) -> Result<Finished, RenderError> {
        super::pack::typst_source(&self.pack_tera, self.theme, pack)?;
        let warning = "PDF packs are not built: this throughline was compiled without the `pdf` feature";
        Ok(Finished { files: Vec::new(), warnings: if first { vec![warning.into()] } else { Vec::new() } })
    }
}

struct DataDraft {
    set: DataSet,
}

impl Draft for DataDraft {
    fn fingerprint(&self) -> Fingerprint {
        fingerprint(&self.set.fingerprints())
    }

    fn finish(self: Box<Self>) -> Result<Finished, RenderError> {
        let files =
            DataFile::ALL.iter().map(|file| OutputFile { path: file.path(), bytes: self.set.bytes(*file) }).collect();
        Ok(Finished { files, warnings: Vec::new() })
    }
}

struct SearchDraft<'a> {
    entries: Vec<SearchEntry<'a>>,
}

impl Draft for SearchDraft<'_> {
    fn fingerprint(&self) -> Fingerprint {
        fingerprint(&self.entries)
    }

    fn finish(self: Box<Self>) -> Result<Finished, RenderError> {
        let files = search_index(&self.entries)
            .into_iter()
            .map(|(path, script)| OutputFile { path, bytes: script.into_bytes() })
            .collect();
        Ok(Finished { files, warnings: Vec::new() })
    }
}
