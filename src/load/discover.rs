//! Finding the content files of a site root.
//!
//! Walks `content/` by hand rather than with a walker crate because the
//! rules are ours: each kind has its folder, editor leftovers are skipped
//! silently, anything else unexpected is reported, and a symbolic link is
//! followed only if it stays inside the site root (no loops, no escapes).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::Kind;
use crate::diag::Diagnostic;

/// A file to load.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// Where it is on disk.
    pub absolute: PathBuf,
    /// Its path from the site root, as users see it (`content/projects/x.md`).
    pub relative: PathBuf,
    /// What it describes.
    pub kind: Kind,
    /// Its id (the file stem).
    pub id: String,
}

/// The files found and the problems found looking.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Content files, sorted by path so every build sees the same order.
    pub files: Vec<ContentFile>,
    /// Missing folders, stray files, links out of the root, bad ids.
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether a file name is an editor's temporary or backup file.
pub fn is_editor_leftover(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
}

/// Lists the content files under `root/content`.
pub fn discover(root: &Path) -> Discovered {
    let mut found = Discovered::default();
    let content = root.join("content");
    if !content.is_dir() {
        found.diagnostics.push(
            Diagnostic::error("missing-content", "no `content/` folder in the site root")
                .with_help("run `throughline init DIR` to start a new site, or pass `--root` pointing at a folder that holds `content/`"),
        );
        return found;
    }
    let root_canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let organisation = content.join("organisation.toml");
    if organisation.is_file() {
        found.files.push(ContentFile {
            absolute: organisation,
            relative: PathBuf::from("content/organisation.toml"),
            kind: Kind::Organisation,
            id: "organisation".into(),
        });
    } else {
        found.diagnostics.push(Diagnostic::error("missing-organisation", "no `content/organisation.toml`").with_help(
            "create it with at least `name` and `vision`; `throughline init DIR` writes a complete example",
        ));
    }
    let mut walker = Walker { root_canonical, visited: HashSet::new(), found: &mut found };
    let entries = walker.read_dir(&content);
    for (path, name, is_dir) in entries {
        if is_dir {
            match Kind::FOLDERS.iter().find(|k| k.folder() == name) {
                Some(kind) => walker.walk(&path, *kind, &format!("content/{name}")),
                None => walker.found.diagnostics.push(
                    Diagnostic::warning(
                        "unknown-folder",
                        format!("`content/{name}/` is not part of the content format; it was skipped"),
                    )
                    .with_help(
                        "content folders are: priorities, objectives, programmes, projects, teams, checkins, reviews",
                    ),
                ),
            }
        } else if name != "organisation.toml" {
            walker.found.diagnostics.push(
                Diagnostic::warning(
                    "unknown-file",
                    format!("`content/{name}` is not part of the content format; it was skipped"),
                )
                .with_help("move it into the folder of its kind, e.g. `content/projects/`"),
            );
        }
    }
    found.files.sort_by(|a, b| a.relative.cmp(&b.relative));
    found
}

struct Walker<'a> {
    root_canonical: PathBuf,
    visited: HashSet<PathBuf>,
    found: &'a mut Discovered,
}

impl Walker<'_> {
    /// Entries of a folder as (path, name, is_dir), skipping editor leftovers
    /// and links that leave the root; sorted by name.
    fn read_dir(&mut self, dir: &Path) -> Vec<(PathBuf, String, bool)> {
        let Ok(canonical) = dir.canonicalize() else {
            return Vec::new();
        };
        if !self.visited.insert(canonical) {
            return Vec::new(); // a link loop: this folder was already walked
        }
        let Ok(read) = std::fs::read_dir(dir) else {
            self.found.diagnostics.push(
                Diagnostic::error("unreadable-folder", format!("cannot read the folder `{}`", self.shown(dir)))
                    .with_help("check you have permission to read it"),
            );
            return Vec::new();
        };
        let mut entries = Vec::new();
        for entry in read.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_editor_leftover(&name) {
                continue;
            }
            let path = entry.path();
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            let (is_dir, is_file) = if file_type.is_symlink() {
                match path.canonicalize() {
                    Ok(target) if target.starts_with(&self.root_canonical) => (target.is_dir(), target.is_file()),
                    _ => {
                        self.found.diagnostics.push(
                            Diagnostic::warning(
                                "link-outside-root",
                                format!(
                                    "`{}` is a link that leads outside the site root (or nowhere); it was skipped",
                                    self.shown(&path)
                                ),
                            )
                            .with_help("copy the file into the site root instead of linking to it"),
                        );
                        continue;
                    }
                }
            } else {
                (file_type.is_dir(), file_type.is_file())
            };
            if !is_dir && !is_file {
                // A pipe, socket or device: reading it could wait forever.
                self.found.diagnostics.push(
                    Diagnostic::warning(
                        "not-a-file",
                        format!("`{}` is not a file or a folder; it was skipped", self.shown(&path)),
                    )
                    .with_help("keep only files and folders under content/"),
                );
                continue;
            }
            entries.push((path, name, is_dir));
        }
        entries.sort_by(|a, b| a.1.cmp(&b.1));
        entries
    }

    fn shown(&self, path: &Path) -> String {
        let root_parent =
            path.ancestors().find(|a| a.file_name().is_some_and(|n| n == "content")).and_then(Path::parent);
        match root_parent.and_then(|p| path.strip_prefix(p).ok()) {
            Some(rel) => rel.display().to_string().replace('\\', "/"),
            None => path.display().to_string(),
        }
    }

    fn walk(&mut self, dir: &Path, kind: Kind, shown: &str) {
        // Files of other types, each named up to a few, then counted: a
        // folder of ten thousand scans is one warning, not ten thousand.
        const NAMED: usize = 3;
        let mut others = 0;
        for (path, name, is_dir) in self.read_dir(dir) {
            let shown_path = format!("{shown}/{name}");
            if is_dir {
                self.walk(&path, kind, &shown_path);
                continue;
            }
            let extension = Path::new(&name).extension().and_then(|e| e.to_str()).unwrap_or("");
            if extension != kind.extension() {
                others += 1;
                if others > NAMED {
                    continue;
                }
                self.found.diagnostics.push(
                    Diagnostic::warning(
                        "unknown-file",
                        format!("`{shown_path}` was skipped: {} files end in `.{}`", kind.noun(), kind.extension()),
                    )
                    .with_help(format!(
                        "rename it to end in `.{}` if it is {}",
                        kind.extension(),
                        kind.what()
                    )),
                );
                continue;
            }
            let id = name[..name.len() - extension.len() - 1].to_string();
            if let Some(problem) = id_problem(&id) {
                self.found.diagnostics.push(
                    Diagnostic::error(
                        "invalid-id",
                        format!("`{shown_path}`: the file name `{id}` cannot be used as an id: {problem}"),
                    )
                    .with_help(format!(
                        "ids come from file names and appear in links; rename the file to `{}.{}`",
                        crate::load::markdown::slug(&id),
                        kind.extension()
                    )),
                );
                continue;
            }
            self.found.files.push(ContentFile { absolute: path, relative: PathBuf::from(shown_path), kind, id });
        }
        if others > NAMED {
            self.found.diagnostics.push(
                Diagnostic::warning(
                    "unknown-file",
                    format!(
                        "`{shown}/` holds {} more files that are not {} files; they were skipped",
                        others - NAMED,
                        kind.noun()
                    ),
                )
                .with_help(format!("keep other files outside content/, or rename those that are {}", kind.what())),
            );
        }
    }
}

/// Why a file stem is not a usable id, if it is not.
fn id_problem(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("it is empty")
    } else if !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        Some("use only letters, digits, `-` and `_`")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_leftovers_are_recognised() {
        for name in [".x.md.swp", "x.md~", "4913", "#x.md#", ".hidden.md"] {
            assert!(is_editor_leftover(name), "{name}");
        }
        assert!(!is_editor_leftover("crm.md"));
    }

    #[test]
    fn ids_must_be_url_friendly() {
        assert!(id_problem("crm-replatform_2").is_none());
        assert!(id_problem("CRM Replatform").is_some());
        assert!(id_problem("").is_some());
    }
}
