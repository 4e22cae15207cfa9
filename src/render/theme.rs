//! Themes: templates and static assets, built in and overridable.
//!
//! The default theme is compiled into the binary, so `throughline` works
//! from any folder with nothing installed beside it. A site root may carry
//! `themes/<name>/` with `templates/`, `static/`, `pack/` (the PDF pack's
//! Typst templates) and `fonts/` folders; any file there replaces the
//! built-in file of the same path, and new files are added.

use std::collections::BTreeMap;

use include_dir::{Dir, include_dir};

use crate::load::theme::{ThemeFile, ThemeReadError};

static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A problem with the theme that stops rendering.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// The site's theme folder could not be read.
    #[error(transparent)]
    Read(#[from] ThemeReadError),
    /// `charts.toml` has a bad value.
    #[error("in {file}: {message}")]
    ChartStyle {
        /// The file.
        file: String,
        /// What is wrong.
        message: String,
    },
}

/// Templates by name (`page.html`) and assets by output path (`style.css`).
#[derive(Debug, Clone, Default, Hash)]
pub struct Theme {
    /// Template sources, by name relative to `templates/`.
    pub templates: BTreeMap<String, String>,
    /// Where each template came from, for error messages.
    pub template_paths: BTreeMap<String, String>,
    /// Static files, by path relative to `static/`.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// `charts.toml`, if the theme has one, with where it came from.
    pub charts: Option<(String, String)>,
    /// Board-pack Typst templates, by name relative to `pack/`.
    pub pack_templates: BTreeMap<String, String>,
    /// Where each pack template came from, for error messages.
    pub pack_template_paths: BTreeMap<String, String>,
    /// Fonts for the PDF pack, by path relative to `fonts/`.
    pub fonts: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The chart style: the default, with the theme's `charts.toml` laid over it.
    pub fn chart_style(&self) -> Result<crate::charts::ChartStyle, ThemeError> {
        match &self.charts {
            None => Ok(crate::charts::ChartStyle::default()),
            Some((file, text)) => crate::charts::ChartStyle::from_toml(text, &|name| self.fonts.get(name).cloned())
                .map_err(|message| ThemeError::ChartStyle { file: file.clone(), message }),
        }
    }

    /// The built-in theme.
    pub fn builtin() -> Theme {
        let mut theme = Theme::default();
        let mut files = Vec::new();
        collect(&DEFAULT_THEME, &mut files);
        for file in files {
            let path = file.path().to_string_lossy().replace('\\', "/");
            theme.add(&path, file.contents().to_vec(), &format!("(built-in) themes/default/{path}"));
        }
        theme
    }

    /// The built-in theme with a site's own theme files laid over it.
    pub fn with_overrides(mut self, files: Vec<ThemeFile>) -> Theme {
        for file in files {
            self.add(&file.relative, file.bytes, &file.shown);
        }
        self
    }

    fn add(&mut self, path: &str, bytes: Vec<u8>, shown: &str) {
        if let Some(name) = path.strip_prefix("templates/") {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            self.templates.insert(name.to_string(), text);
            self.template_paths.insert(name.to_string(), shown.to_string());
        } else if let Some(asset) = path.strip_prefix("static/") {
            self.assets.insert(asset.to_string(), bytes);
        } else if let Some(name) = path.strip_prefix("pack/") {
            self.pack_templates.insert(name.to_string(), String::from_utf8_lossy(&bytes).into_owned());
            self.pack_template_paths.insert(name.to_string(), shown.to_string());
        } else if let Some(font) = path.strip_prefix("fonts/") {
            let lower = font.to_ascii_lowercase();
            if [".ttf", ".otf", ".ttc", ".otc"].iter().any(|ext| lower.ends_with(ext)) {
                if WEB_FONTS.contains(&font) {
                    self.assets.insert(format!("fonts/{font}"), bytes.clone());
                }
                self.fonts.insert(font.to_string(), bytes);
            }
        } else if path == "charts.toml" {
            self.charts = Some((shown.to_string(), String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
}

/// The fonts the site serves too: charts lay their labels out with these
/// faces' widths, so a browser without Liberation Sans or Arial installed
/// (many Linux desktops) fetches them rather than drawing chart text in a
/// wider face that overruns its room. `style.css` prefers local copies.
const WEB_FONTS: [&str; 2] = ["LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"];

fn collect<'a>(dir: &'a Dir<'a>, out: &mut Vec<&'a include_dir::File<'a>>) {
    for file in dir.files() {
        out.push(file);
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_theme_has_its_templates_and_stylesheet() {
        let theme = Theme::builtin();
        for name in ["base.html", "index.html", "project.html", "objective.html", "priority.html", "team.html"] {
            assert!(theme.templates.contains_key(name), "{name}");
        }
        assert!(theme.assets.contains_key("style.css"));
        assert!(theme.assets.contains_key("fonts/LiberationSans-Regular.ttf"), "the charts' font is served");
    }

    #[test]
    fn a_site_theme_overrides_single_templates() {
        let file = ThemeFile {
            relative: "templates/project.html".into(),
            shown: "themes/default/templates/project.html".into(),
            bytes: b"mine".to_vec(),
        };
        let theme = Theme::builtin().with_overrides(vec![file]);
        assert_eq!(theme.templates["project.html"], "mine");
        assert_eq!(theme.template_paths["project.html"], "themes/default/templates/project.html");
        assert!(theme.templates["index.html"].len() > 10, "others stay built in");
    }
}
