//! `init`: a new site root with the example organisation, so a PMO starts
//! from something that works and shows every field of the format; or, with
//! `--blank`, only a commented organisation.toml and the empty folders, for
//! a PMO that starts from its own spreadsheet.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

static EXAMPLE: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/content");

/// The blank site's organisation.toml: every setting shown, most commented out.
const BLANK_ORGANISATION: &str = include_str!("organisation.toml");

/// The folders of a blank site, one per kind of content file.
pub const BLANK_FOLDERS: &[&str] =
    &["priorities", "objectives", "programmes", "projects", "teams", "checkins", "reviews"];

/// What `init` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// The example organisation, every field of the format in use.
    Example,
    /// A commented organisation.toml and empty folders.
    Blank,
}

/// Why a site could not be created.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// There is already content there.
    #[error("`{}` already has a content folder; refusing to overwrite it\n  help: choose an empty or new folder", path.display())]
    Exists {
        /// The content folder.
        path: PathBuf,
    },
    /// The file system refused.
    #[error("cannot write `{}`: {source}", path.display())]
    Io {
        /// Where.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Writes a new site into `dir` (created if needed); returns the number of
/// files written.
pub fn init(dir: &Path, start: Start) -> Result<usize, InitError> {
    let content = dir.join("content");
    if content.exists() {
        return Err(InitError::Exists { path: content });
    }
    let mut count = 0;
    match start {
        Start::Example => write_dir(&EXAMPLE, &content, &mut count)?,
        Start::Blank => {
            for folder in BLANK_FOLDERS {
                let path = content.join(folder);
                std::fs::create_dir_all(&path).map_err(|source| InitError::Io { path: path.clone(), source })?;
            }
            let path = content.join("organisation.toml");
            std::fs::write(&path, BLANK_ORGANISATION).map_err(|source| InitError::Io { path: path.clone(), source })?;
            count += 1;
        }
    }
    let gitignore = dir.join(".gitignore");
    if !gitignore.exists() {
        std::fs::write(&gitignore, "/output/\n").map_err(|source| InitError::Io { path: gitignore.clone(), source })?;
        count += 1;
    }
    Ok(count)
}

fn write_dir(dir: &Dir<'_>, target: &Path, count: &mut usize) -> Result<(), InitError> {
    std::fs::create_dir_all(target).map_err(|source| InitError::Io { path: target.to_path_buf(), source })?;
    for file in dir.files() {
        let name = file.path().file_name().expect("embedded files have names");
        let path = target.join(name);
        std::fs::write(&path, file.contents()).map_err(|source| InitError::Io { path: path.clone(), source })?;
        *count += 1;
    }
    for sub in dir.dirs() {
        let name = sub.path().file_name().expect("embedded folders have names");
        write_dir(sub, &target.join(name), count)?;
    }
    Ok(())
}
