//! Themes: templates and static assets, built in and overridable.
//!
//! The default theme is compiled into the binary, so `throughline` works
//! from any folder with nothing installed beside it. A site root may carry
//! `themes/<name>/` with `templates/` and `static/` folders; any file there
//! replaces the built-in file of the same path, and new files are added.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A problem with the theme that stops rendering.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// `[site] theme` names a folder that is not there.
    #[error(
        "theme `{name}` not found: expected a folder `themes/{name}/` in the site root (or use theme = \"default\")"
    )]
    Missing {
        /// The theme's name.
        name: String,
    },
    /// A theme file could not be read.
    #[error("cannot read theme file `{path}`: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// `charts.toml` has a bad value.
    #[error("in {file}: {message}")]
    ChartStyle {
        /// The file.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// A template is not UTF-8 text.
    #[error("theme template `{path}` is not UTF-8 text")]
    NotText {
        /// The file.
        path: PathBuf,
    },
}

/// Templates by name (`page.html`) and assets by output path (`style.css`).
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Template sources, by name relative to `templates/`.
    pub templates: BTreeMap<String, String>,
    /// Where each template came from, for error messages.
    pub template_paths: BTreeMap<String, String>,
    /// Static files, by path relative to `static/`.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// `charts.toml`, if the theme has one, with where it came from.
    pub charts: Option<(String, String)>,
}

impl Theme {
    /// The chart style: the default, with the theme's `charts.toml` laid over it.
    pub fn chart_style(&self) -> Result<crate::charts::ChartStyle, ThemeError> {
        match &self.charts {
            None => Ok(crate::charts::ChartStyle::default()),
            Some((file, text)) => crate::charts::ChartStyle::from_toml(text)
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

    /// The built-in theme with the site root's `themes/<name>/` laid over it.
    pub fn load(root: &Path, name: &str) -> Result<Theme, ThemeError> {
        let mut theme = Theme::builtin();
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            if name == "default" {
                return Ok(theme);
            }
            return Err(ThemeError::Missing { name: name.to_string() });
        }
        let mut files = Vec::new();
        walk(&dir, &mut files).map_err(|source| ThemeError::Read { path: dir.clone(), source })?;
        files.sort();
        for path in files {
            let relative = path.strip_prefix(&dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(&path).map_err(|source| ThemeError::Read { path: path.clone(), source })?;
            if relative.starts_with("templates/") && std::str::from_utf8(&bytes).is_err() {
                return Err(ThemeError::NotText { path: PathBuf::from("themes").join(name).join(&relative) });
            }
            theme.add(&relative, bytes, &format!("themes/{name}/{relative}"));
        }
        Ok(theme)
    }

    fn add(&mut self, path: &str, bytes: Vec<u8>, shown: &str) {
        if let Some(name) = path.strip_prefix("templates/") {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            self.templates.insert(name.to_string(), text);
            self.template_paths.insert(name.to_string(), shown.to_string());
        } else if let Some(asset) = path.strip_prefix("static/") {
            self.assets.insert(asset.to_string(), bytes);
        } else if path == "charts.toml" {
            self.charts = Some((shown.to_string(), String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
}

fn collect<'a>(dir: &'a Dir<'a>, out: &mut Vec<&'a include_dir::File<'a>>) {
    for file in dir.files() {
        out.push(file);
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if crate::load::is_editor_leftover(&name.to_string_lossy()) {
            continue;
        }
        let path = entry.path();
        // Theme files are ours to read only if they really are inside the theme.
        if entry.file_type()?.is_symlink() {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
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
    }

    #[test]
    fn a_site_theme_overrides_single_templates() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("themes/default/templates");
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::write(templates.join("project.html"), "mine").unwrap();
        let theme = Theme::load(dir.path(), "default").unwrap();
        assert_eq!(theme.templates["project.html"], "mine");
        assert!(theme.templates["index.html"].len() > 10, "others stay built in");
    }

    #[test]
    fn a_missing_named_theme_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(Theme::load(dir.path(), "corporate"), Err(ThemeError::Missing { .. })));
    }
}
