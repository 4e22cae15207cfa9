//! Write: put a rendered site on disk without ever leaving a broken one.
//!
//! The site is written into a fresh staging folder beside the output
//! folder and then swapped in, in one step where the system can (Linux:
//! renameat2 with RENAME_EXCHANGE), else with two renames that the next
//! build undoes if it was stopped between them. Readers, web servers and a
//! build killed at any point see the old complete site or the new complete
//! site, and a failed build leaves the last good output untouched. Files whose bytes did not change
//! are hard-linked from the previous output rather than rewritten, so their
//! timestamps survive (sync tools and caches skip them).
//!
//! Safety rules: the output folder carries a marker file; a non-empty
//! folder without it was not made by throughline and is never replaced.
//! The output may not be the site root, contain it, or sit in `content/`.

use std::path::{Component, Path, PathBuf};

use crate::render::OutputFile;
use rayon::prelude::*;

/// Name of the marker file in every output folder throughline made.
pub const MARKER: &str = ".throughline-output";
const STAGING_PREFIX: &str = ".throughline-staging-";
const OLD_PREFIX: &str = ".throughline-old-";

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The output folder exists, has files, and throughline did not make it.
    #[error(
        "refusing to replace `{}`: it is not empty and throughline did not create it (no `{MARKER}` file inside)\n  help: choose another folder with --output, or move that folder's contents away first",
        path.display()
    )]
    NotOurs {
        /// The folder.
        path: PathBuf,
    },
    /// The output folder would overwrite or contain the site's own files.
    #[error("refusing to write output to `{}`: {reason}\n  help: use a separate folder such as `output/`", path.display())]
    Unsafe {
        /// The folder.
        path: PathBuf,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Something other than this session changed the output folder since
    /// the session last wrote it (removed it, or a file in it), so it cannot
    /// be brought up to date in place.
    #[error("`{}` changed since the last build (`{}` is missing)", output.display(), missing)]
    Changed {
        /// The output folder.
        output: PathBuf,
        /// The first file found missing.
        missing: String,
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

/// What the write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files with new or changed bytes.
    pub written: usize,
    /// Files carried over unchanged from the previous output.
    pub unchanged: usize,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io { path: path.to_path_buf(), source }
}

/// The absolute form of a path that may not exist yet.
fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // Resolve the deepest existing ancestor so links and `..` cannot hide where we write.
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

/// Checks that `output` is a safe place to (re)write for the site at `root`.
pub fn check_output(root: &Path, output: &Path) -> Result<(), WriteError> {
    let root = absolute(root);
    let out = absolute(output);
    let unsafe_ = |reason| Err(WriteError::Unsafe { path: output.to_path_buf(), reason });
    if root.starts_with(&out) {
        return unsafe_("it is the site root or contains it");
    }
    if out.starts_with(root.join("content")) || out.starts_with(root.join("themes")) {
        return unsafe_("it is inside the site's content or themes");
    }
    if output.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
        return unsafe_("it is a symbolic link");
    }
    if output.exists() {
        if !output.is_dir() {
            return unsafe_("it is a file, not a folder");
        }
        let mut entries = std::fs::read_dir(output).map_err(io(output))?;
        if entries.next().is_some() && !output.join(MARKER).is_file() {
            return Err(WriteError::NotOurs { path: output.to_path_buf() });
        }
    }
    Ok(())
}

/// A file path from the renderer, checked to stay inside the output.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    let ok = !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
    ok.then(|| p.to_path_buf())
}

/// Writes the marker file, with a stamp that changes whenever the folder is
/// written by anything but a session's in-place update.
fn write_marker(folder: &Path, stamp: &str) -> Result<(), WriteError> {
    let text = format!(
        "This folder is generated by throughline and replaced on every build.\nDo not edit it by hand.\nwritten by: {stamp}\n"
    );
    std::fs::write(folder.join(MARKER), text).map_err(io(folder))
}

/// The output folder's stamp: it changes whenever a build or `pack` writes
/// the folder, so a session can tell that its picture of the folder is out
/// of date.
pub fn stamp(output: &Path) -> Option<String> {
    std::fs::read_to_string(output.join(MARKER)).ok()
}

/// Writes `files` as the new content of `output`, atomically.
pub fn write_site(root: &Path, output: &Path, files: &[OutputFile]) -> Result<WriteReport, WriteError> {
    let staging = Staging::new(root, output)?;
    for file in files {
        staging.put_ref(file);
    }
    staging.finish()
}

/// A new output folder being filled beside the old one, file by file (from
/// several threads at once), then swapped in whole by [`Staging::finish`].
/// Dropped without finishing, it removes itself and the old output stays.
pub struct Staging {
    output: PathBuf,
    parent: PathBuf,
    dir: tempfile::TempDir,
    written: std::sync::atomic::AtomicUsize,
    unchanged: std::sync::atomic::AtomicUsize,
    /// The first write that failed; later files are skipped.
    failed: std::sync::Mutex<Option<WriteError>>,
}

impl Staging {
    /// Checks `output` is safe to replace and makes the staging folder.
    pub fn new(root: &Path, output: &Path) -> Result<Staging, WriteError> {
        check_output(root, output)?;
        let parent = absolute(output).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        std::fs::create_dir_all(&parent).map_err(io(&parent))?;
        recover(output, &parent);
        remove_leftovers(&parent, output);
        let prefix = own_prefix(STAGING_PREFIX, output);
        let dir = tempfile::Builder::new().prefix(&prefix).tempdir_in(&parent).map_err(io(&parent))?;
        let stamp = dir.path().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        write_marker(dir.path(), &stamp)?;
        Ok(Staging {
            output: output.to_path_buf(),
            parent,
            dir,
            written: Default::default(),
            unchanged: Default::default(),
            failed: Default::default(),
        })
    }

    /// Adds one file. A failure is kept for [`Staging::finish`] to report.
    pub fn put(&self, file: OutputFile) {
        self.put_ref(&file);
    }

    fn put_ref(&self, file: &OutputFile) {
        let failed = || self.failed.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if failed().is_some() {
            return;
        }
        if let Err(error) = self.try_put(file) {
            failed().get_or_insert(error);
        }
    }

    fn try_put(&self, file: &OutputFile) -> Result<(), WriteError> {
        use std::sync::atomic::Ordering::Relaxed;
        let Some(relative) = safe_relative(&file.path) else {
            return Err(WriteError::Unsafe {
                path: PathBuf::from(&file.path),
                reason: "a generated path leaves the output folder",
            });
        };
        let target = self.dir.path().join(&relative);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        // Unchanged files are hard-linked from the old output, so their
        // timestamps survive (sync tools and caches skip them).
        let previous = self.output.join(&relative);
        let unchanged = std::fs::read(&previous).is_ok_and(|old| old == file.bytes);
        if unchanged && std::fs::hard_link(&previous, &target).is_ok() {
            self.unchanged.fetch_add(1, Relaxed);
        } else {
            std::fs::write(&target, &file.bytes).map_err(io(&target))?;
            self.written.fetch_add(1, Relaxed);
        }
        Ok(())
    }

    /// Swaps the staged folder in for the output, unless a write failed.
    pub fn finish(self) -> Result<WriteReport, WriteError> {
        let failed = self.failed.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(error) = failed {
            return Err(error);
        }
        let report = WriteReport { written: self.written.into_inner(), unchanged: self.unchanged.into_inner() };
        let (output, parent) = (self.output, self.parent);
        let staged = self.dir.keep();
        if output.exists() {
            if exchange(&staged, &output).is_ok() {
                // The old site is where the staged one was.
                remove_marked(&staged);
                return Ok(report);
            }
            // Two renames: old output aside, new output in, old output away.
            let old =
                tempfile::Builder::new().prefix(&old_prefix(&output)).tempdir_in(&parent).map_err(io(&parent))?.keep();
            std::fs::remove_dir(&old).map_err(io(&old))?;
            std::fs::rename(&output, &old).map_err(io(&output))?;
            if let Err(e) = std::fs::rename(&staged, &output) {
                // Put the old site back rather than leave nothing.
                let _ = std::fs::rename(&old, &output);
                remove_marked(&staged);
                return Err(WriteError::Io { path: output, source: e });
            }
            remove_marked(&old);
        } else if let Err(e) = std::fs::rename(&staged, &output) {
            remove_marked(&staged);
            return Err(WriteError::Io { path: output, source: e });
        }
        Ok(report)
    }
}

/// Swaps two folders in one step, so no one ever sees neither.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let b = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are NUL-terminated C strings that live across
    // the call; renameat2 reads them and keeps no pointer.
    let result =
        unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    if result == 0 { Ok(()) } else { Err(std::io::Error::last_os_error()) }
}

/// Elsewhere (and on file systems without the exchange) the two renames do.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// The start of the name of a folder beside `output` that a build of it
/// makes (`kind` is the staging or the old prefix): named after the output,
/// with the name's length first, so `public` never takes what is
/// `public-v2`'s.
fn own_prefix(kind: &str, output: &Path) -> String {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    format!("{kind}{}-{name}-", name.chars().count())
}

/// Where the two-rename swap puts an output folder aside.
fn old_prefix(output: &Path) -> String {
    own_prefix(OLD_PREFIX, output)
}

/// A build stopped between the two renames left the last site aside and
/// no output: puts it back before anything else happens.
fn recover(output: &Path, parent: &Path) {
    if output.symlink_metadata().is_ok() {
        return;
    }
    let prefix = old_prefix(output);
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let ours = entry.file_name().to_string_lossy().starts_with(&prefix);
        if ours && entry.file_type().is_ok_and(|t| t.is_dir()) && path.join(MARKER).is_file() {
            let _ = std::fs::rename(&path, output);
            return;
        }
    }
}

/// Removes staging and old folders a killed build of `output` left, but
/// only those that carry our marker (or are empty); another output's are
/// its own builds' to clear or put back.
fn remove_leftovers(parent: &Path, output: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let (staging, old) = (own_prefix(STAGING_PREFIX, output), old_prefix(output));
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let ours = name.starts_with(&staging) || name.starts_with(&old);
        let is_real_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if ours && is_real_dir && (path.join(MARKER).is_file() || is_empty_dir(&path)) {
            remove_marked(&path);
        }
    }
}

/// Removes a folder of ours with its marker last: a build killed halfway
/// through leaves a folder that is still marked, so the next one finishes
/// the job instead of leaving a stranger's folder alone forever.
fn remove_marked(path: &Path) {
    if let Ok(entries) = std::fs::read_dir(path) {
        for entry in entries.flatten() {
            if entry.file_name() == MARKER {
                continue;
            }
            let _ = match entry.file_type() {
                Ok(kind) if kind.is_dir() => std::fs::remove_dir_all(entry.path()),
                _ => std::fs::remove_file(entry.path()),
            };
        }
    }
    let _ = std::fs::remove_file(path.join(MARKER));
    let _ = std::fs::remove_dir(path);
}

fn is_empty_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut e| e.next().is_none())
}

/// Writes a few files into `output` (a pack on its own), leaving the rest
/// of the folder as it is: each file is written beside its place and then
/// renamed over it, so a reader never sees half a file.
pub fn write_files(root: &Path, output: &Path, files: &[OutputFile]) -> Result<Vec<PathBuf>, WriteError> {
    check_output(root, output)?;
    std::fs::create_dir_all(output).map_err(io(output))?;
    let mut written = Vec::new();
    let mut changed = !output.join(MARKER).is_file();
    for file in files {
        let Some(relative) = safe_relative(&file.path) else { continue };
        let target = output.join(relative);
        if !std::fs::read(&target).is_ok_and(|old| old == file.bytes) {
            replace_file(output, &target, &file.bytes)?;
            changed = true;
        }
        written.push(target);
    }
    if changed {
        // A running `watch` must not trust its picture of this folder now.
        write_marker(output, &format!("pack {} at {:?}", std::process::id(), std::time::SystemTime::now()))?;
    }
    Ok(written)
}

/// Writes one exported data file into `folder` (made if needed), replacing
/// a file of the same name whole and touching nothing else. The folder may
/// be anywhere but inside the site's content or themes.
pub fn write_export(root: &Path, folder: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, WriteError> {
    let (root, out) = (absolute(root), absolute(folder));
    if out.starts_with(root.join("content")) || out.starts_with(root.join("themes")) {
        return Err(WriteError::Unsafe {
            path: folder.to_path_buf(),
            reason: "it is inside the site's content or themes",
        });
    }
    std::fs::create_dir_all(folder).map_err(io(folder))?;
    let target = folder.join(name);
    replace_file(folder, &target, bytes)?;
    Ok(target)
}

/// Puts `bytes` at `target` by writing them beside it and renaming them
/// over it.
fn replace_file(output: &Path, target: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let folder = target.parent().unwrap_or(output);
    std::fs::create_dir_all(folder).map_err(io(folder))?;
    // A temporary file is private (0600) by default; the file it becomes
    // is read by web servers and colleagues, so it gets the permissions
    // any new file gets (0666 less the umask), like the rest of the site.
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder.tempfile_in(folder).map_err(io(folder))?;
    std::io::Write::write_all(&mut temp, bytes).map_err(io(target))?;
    temp.persist(target).map_err(|e| WriteError::Io { path: target.to_path_buf(), source: e.error })?;
    Ok(())
}

/// Brings an output folder that this process wrote last up to date in
/// place, for `watch` and `serve`: writes `files` (each beside its place,
/// then renamed over it, so a reader never sees half a file), leaves the
/// `kept` files as they are, and removes the files of `before` (the last
/// build's paths) that are no longer made. Rewriting a large site into a
/// fresh folder on every save would take seconds; `build` still does, so
/// a build is all or nothing.
///
/// Fails with [`WriteError::Changed`], having written nothing, if the
/// folder or a kept file is gone: then only a full write is correct.
pub fn update_site<'a>(
    root: &Path,
    output: &Path,
    files: &[OutputFile],
    kept: &[String],
    before: impl Iterator<Item = &'a str>,
) -> Result<WriteReport, WriteError> {
    check_output(root, output)?;
    let changed = |missing: &str| WriteError::Changed { output: output.to_path_buf(), missing: missing.to_string() };
    if !output.join(MARKER).is_file() {
        return Err(changed(MARKER));
    }
    // Every kept file must still be there (one removed by hand is made
    // again by a full write); thousands of checks, so on every core.
    if let Some(gone) = kept.par_iter().find_any(|path| safe_relative(path).is_none_or(|p| !output.join(p).is_file())) {
        return Err(changed(gone));
    }
    let now: std::collections::HashSet<&str> =
        files.iter().map(|f| f.path.as_str()).chain(kept.iter().map(String::as_str)).collect();
    // Files no longer made go first: on a case-insensitive disk a renamed
    // page (`Foo.html` -> `foo.html`) is the same file.
    for gone in before.filter(|path| !now.contains(path)) {
        let Some(relative) = safe_relative(gone) else { continue };
        let path = output.join(&relative);
        if std::fs::remove_file(&path).is_ok() {
            // Folders left empty go too (a deleted review's pack folder).
            let mut folder = path.parent();
            while let Some(dir) = folder.filter(|d| *d != output) {
                if std::fs::remove_dir(dir).is_err() {
                    break;
                }
                folder = dir.parent();
            }
        }
    }
    let mut report = WriteReport { written: 0, unchanged: kept.len() };
    for file in files {
        let Some(relative) = safe_relative(&file.path) else {
            return Err(WriteError::Unsafe {
                path: PathBuf::from(&file.path),
                reason: "a generated path leaves the output folder",
            });
        };
        replace_file(output, &output.join(relative), &file.bytes)?;
        report.written += 1;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: text.as_bytes().to_vec() }
    }

    #[test]
    fn writes_replaces_and_removes_stale_files() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("output");
        write_site(root.path(), &out, &[file("a.html", "1"), file("old/b.html", "2")]).unwrap();
        assert!(out.join(MARKER).is_file());
        let report = write_site(root.path(), &out, &[file("a.html", "1"), file("c.html", "3")]).unwrap();
        assert_eq!(report, WriteReport { written: 1, unchanged: 1 });
        assert_eq!(std::fs::read_to_string(out.join("c.html")).unwrap(), "3");
        assert!(!out.join("old").exists(), "pages of deleted things disappear");
        let leftovers: Vec<_> = std::fs::read_dir(root.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("output")], "no staging folders remain");
    }

    #[test]
    fn updates_in_place_and_removes_what_is_no_longer_made() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("output");
        write_site(root.path(), &out, &[file("a.html", "1"), file("b.html", "2"), file("r/x/p.pdf", "3")]).unwrap();
        let kept_stamp = std::fs::metadata(out.join("a.html")).unwrap().modified().unwrap();
        let before = ["a.html", "b.html", "r/x/p.pdf"];
        let report = update_site(
            root.path(),
            &out,
            &[file("b.html", "22"), file("c.html", "4")],
            &["a.html".into()],
            before.into_iter(),
        )
        .unwrap();
        assert_eq!(report, WriteReport { written: 2, unchanged: 1 });
        assert_eq!(std::fs::read_to_string(out.join("b.html")).unwrap(), "22");
        assert_eq!(std::fs::read_to_string(out.join("c.html")).unwrap(), "4");
        assert_eq!(std::fs::metadata(out.join("a.html")).unwrap().modified().unwrap(), kept_stamp);
        assert!(!out.join("r").exists(), "a file no longer made goes, and so do the folders it leaves empty");
        assert!(out.join(MARKER).is_file());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            std::fs::write(root.path().join("plain"), "x").unwrap();
            let plain = mode(&root.path().join("plain"));
            assert_eq!(mode(&out.join("c.html")), plain, "replaced files are as readable as any new file");
        }
    }

    #[test]
    fn an_update_refuses_an_output_changed_behind_its_back() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("output");
        write_site(root.path(), &out, &[file("a.html", "1"), file("b.html", "2")]).unwrap();
        std::fs::remove_file(out.join("a.html")).unwrap();
        let err = update_site(
            root.path(),
            &out,
            &[file("b.html", "3")],
            &["a.html".into()],
            ["a.html", "b.html"].into_iter(),
        )
        .unwrap_err();
        assert!(matches!(err, WriteError::Changed { ref missing, .. } if missing == "a.html"), "{err}");
        assert_eq!(std::fs::read_to_string(out.join("b.html")).unwrap(), "2", "nothing is written");
        std::fs::remove_dir_all(&out).unwrap();
        let err = update_site(root.path(), &out, &[file("b.html", "3")], &[], ["b.html"].into_iter()).unwrap_err();
        assert!(matches!(err, WriteError::Changed { .. }));
        assert!(!out.exists());
    }

    #[test]
    fn a_staging_folder_with_a_failed_write_is_never_swapped_in() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("output");
        write_site(root.path(), &out, &[file("a.html", "1")]).unwrap();
        let staging = Staging::new(root.path(), &out).unwrap();
        staging.put(file("b.html", "2"));
        staging.put(file("../escape.html", "3"));
        staging.put(file("c.html", "4"));
        assert!(matches!(staging.finish(), Err(WriteError::Unsafe { .. })));
        assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "1", "the last good output stays");
        assert!(!out.join("b.html").exists());
        let leftovers = std::fs::read_dir(root.path()).unwrap().count();
        assert_eq!(leftovers, 1, "the staging folder is gone");
        assert!(!root.path().join("escape.html").exists());
    }

    #[test]
    fn never_replaces_a_folder_it_did_not_make() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("docs");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("precious.txt"), "keep me").unwrap();
        let err = write_site(root.path(), &out, &[file("a.html", "1")]).unwrap_err();
        assert!(matches!(err, WriteError::NotOurs { .. }));
        assert_eq!(std::fs::read_to_string(out.join("precious.txt")).unwrap(), "keep me");
    }

    #[test]
    fn refuses_the_root_and_the_content_folder() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("content")).unwrap();
        assert!(matches!(check_output(root.path(), root.path()), Err(WriteError::Unsafe { .. })));
        assert!(matches!(check_output(root.path(), &root.path().join("content/out")), Err(WriteError::Unsafe { .. })));
        assert!(matches!(check_output(&root.path().join("sub"), root.path()), Err(WriteError::Unsafe { .. })));
    }

    #[test]
    fn rejects_paths_that_leave_the_output() {
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("a/b.html").is_some());
    }

    #[test]
    fn puts_back_a_site_left_aside_by_a_build_stopped_between_renames() {
        let root = tempfile::tempdir().unwrap();
        let output = root.path().join("output");
        write_site(root.path(), &output, &[file("index.html", "old site")]).unwrap();
        // Stopped after the first rename: the old site aside, no output.
        let aside = root.path().join(format!("{}abc123", old_prefix(&output)));
        std::fs::rename(&output, &aside).unwrap();
        let others: Vec<PathBuf> = ["output-v2", "public"]
            .iter()
            .map(|name| root.path().join(format!("{}xyz", old_prefix(&root.path().join(name)))))
            .collect();
        for other in &others {
            std::fs::create_dir(other).unwrap();
            std::fs::write(other.join(MARKER), "").unwrap();
        }
        let staging = Staging::new(root.path(), &output).unwrap();
        assert_eq!(std::fs::read_to_string(output.join("index.html")).unwrap(), "old site", "put back first");
        assert!(
            others.iter().all(|o| o.exists()),
            "other outputs' sites set aside are theirs: neither taken nor removed"
        );
        staging.put(file("index.html", "new site"));
        staging.finish().unwrap();
        assert_eq!(std::fs::read_to_string(output.join("index.html")).unwrap(), "new site");
    }

    #[test]
    fn cleans_up_folders_left_by_a_killed_build() {
        let root = tempfile::tempdir().unwrap();
        let stale = root.path().join(format!("{}abc", own_prefix(STAGING_PREFIX, &root.path().join("output"))));
        std::fs::create_dir(&stale).unwrap();
        std::fs::write(stale.join(MARKER), "").unwrap();
        let foreign = root.path().join(".throughline-staging-not-ours");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("x"), "").unwrap();
        write_site(root.path(), &root.path().join("output"), &[file("a.html", "1")]).unwrap();
        assert!(!stale.exists());
        assert!(foreign.exists(), "a folder without the marker is not ours to delete");
    }
}
