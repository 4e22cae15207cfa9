//! Reading a site root's own theme folder, `themes/<name>/`. The files are
//! laid over the built-in theme by the render stage; reading them is load's
//! job, like every other read.

use std::path::{Path, PathBuf};

/// A file of a site's theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeFile {
    /// Path inside the theme folder, with `/` separators (`templates/x.html`).
    pub relative: String,
    /// Path as shown to users (`themes/corporate/templates/x.html`).
    pub shown: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Why a site's theme could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ThemeReadError {
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
    /// A template is not UTF-8 text.
    #[error("theme template `{path}` is not UTF-8 text")]
    NotText {
        /// The file.
        path: PathBuf,
    },
}

/// The files of `root/themes/<name>/`, sorted by path. The default theme
/// needs no folder (it is built in), so a missing `default` is no files.
pub fn read_theme(root: &Path, name: &str) -> Result<Vec<ThemeFile>, ThemeReadError> {
    let dir = root.join("themes").join(name);
    if !dir.is_dir() {
        if name == "default" {
            return Ok(Vec::new());
        }
        return Err(ThemeReadError::Missing { name: name.to_string() });
    }
    let mut paths = Vec::new();
    walk(&dir, &mut paths).map_err(|source| ThemeReadError::Read { path: dir.clone(), source })?;
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let relative = path.strip_prefix(&dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(&path).map_err(|source| ThemeReadError::Read { path: path.clone(), source })?;
        if (relative.starts_with("templates/") || relative.starts_with("pack/")) && std::str::from_utf8(&bytes).is_err()
        {
            return Err(ThemeReadError::NotText { path: PathBuf::from("themes").join(name).join(&relative) });
        }
        files.push(ThemeFile { shown: format!("themes/{name}/{relative}"), relative, bytes });
    }
    Ok(files)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if super::is_editor_leftover(&entry.file_name().to_string_lossy()) {
            continue;
        }
        // Theme files are ours to read only if they really are inside the theme.
        if entry.file_type()?.is_symlink() {
            continue;
        }
        let path = entry.path();
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
    fn reads_a_site_theme_and_skips_editor_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("themes/corporate/templates");
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::write(templates.join("project.html"), "mine").unwrap();
        std::fs::write(templates.join("project.html~"), "backup").unwrap();
        let files = read_theme(dir.path(), "corporate").unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].relative, "templates/project.html");
        assert_eq!(files[0].shown, "themes/corporate/templates/project.html");
    }

    #[test]
    fn a_missing_named_theme_is_an_error_but_default_is_built_in() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(read_theme(dir.path(), "corporate"), Err(ThemeReadError::Missing { .. })));
        assert!(read_theme(dir.path(), "default").unwrap().is_empty());
    }

    #[test]
    fn a_template_that_is_not_text_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("themes/default/templates");
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::write(templates.join("base.html"), b"\xff\xfe").unwrap();
        assert!(matches!(read_theme(dir.path(), "default"), Err(ThemeReadError::NotText { .. })));
    }
}
