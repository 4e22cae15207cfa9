//! The files diagnostics point into, with line lookup for display.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::files::{self, Files};

/// A file of the [`SourceMap`], named by a digest of its path from the
/// site root: the same file has the same id in every build, so a watch
/// session can tell that a thing defined in it did not move when another
/// file came or went (a position in the sorted list of files would shift).
/// Ids do not sort like paths; [`SourceMap::rank`] does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(u64);

impl FileId {
    /// The id of the file at `path` (from the site root); lets parallel
    /// loaders name files before the map is filled.
    pub fn of_path(path: &Path) -> Self {
        FileId(xxhash_rust::xxh3::xxh3_64(path.to_string_lossy().as_bytes()))
    }
}

/// One loaded file: its path as shown to users and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, with `/` separators, as users see it.
    pub path: PathBuf,
    /// The file's text (lossily decoded if it was not UTF-8, so a snippet
    /// can still be shown).
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Registers `text` under `path`.
    pub fn new(path: PathBuf, text: String) -> Self {
        let line_starts = files::line_starts(&text).collect();
        SourceFile { path, text, line_starts }
    }

    /// 0-based line index holding `byte`.
    pub fn line_index(&self, byte: usize) -> usize {
        self.line_starts.binary_search(&byte).unwrap_or_else(|next| next.saturating_sub(1))
    }

    /// 1-based line and column (in characters) of `byte`, clamped into the
    /// file so a stale span can never panic.
    pub fn line_column(&self, byte: usize) -> (usize, usize) {
        let byte = clamp_to_char_boundary(&self.text, byte);
        let line = self.line_index(byte);
        let start = self.line_starts[line];
        let column = self.text[start..byte].chars().count();
        (line + 1, column + 1)
    }

    pub(crate) fn line_range(&self, line: usize) -> Option<Range<usize>> {
        let start = *self.line_starts.get(line)?;
        let end = self.line_starts.get(line + 1).copied().unwrap_or(self.text.len());
        Some(start..end)
    }
}

fn clamp_to_char_boundary(text: &str, mut byte: usize) -> usize {
    byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// Every file a build looked at, so diagnostics can show snippets.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    /// Shared with a session's load cache, so an unchanged file is not
    /// copied (or its lines counted) again on each rebuild.
    files: Vec<Arc<SourceFile>>,
    /// Where each id's file is in `files`.
    places: HashMap<FileId, usize>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a file and returns its id.
    pub fn add(&mut self, path: impl Into<PathBuf>, text: String) -> FileId {
        self.add_shared(Arc::new(SourceFile::new(path.into(), text)))
    }

    /// Registers a file already read (and kept) elsewhere.
    pub(crate) fn add_shared(&mut self, file: Arc<SourceFile>) -> FileId {
        let id = FileId::of_path(&file.path);
        self.places.insert(id, self.files.len());
        self.files.push(file);
        id
    }

    /// The file behind an id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        self.try_get(id).expect("the file is in the map")
    }

    /// The file behind an id, if the map has it.
    pub fn try_get(&self, id: FileId) -> Option<&SourceFile> {
        self.places.get(&id).map(|&place| &*self.files[place])
    }

    /// Every file's [`SourceMap::rank`].
    pub fn ranks(&self) -> HashMap<FileId, usize> {
        self.places.clone()
    }

    /// Where a file comes among the files in the order they were added
    /// (for a site, the order of their paths): for sorting by file.
    pub fn rank(&self, id: FileId) -> Option<usize> {
        self.places.get(&id).copied()
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file is registered.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl<'a> Files<'a> for SourceMap {
    type FileId = FileId;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<String, files::Error> {
        Ok(self.get(id).path.display().to_string())
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        Ok(&self.get(id).text)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, files::Error> {
        Ok(self.get(id).line_index(byte_index))
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, files::Error> {
        let file = self.get(id);
        file.line_range(line_index)
            .ok_or(files::Error::LineTooLarge { given: line_index, max: file.line_starts.len().saturating_sub(1) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let file = SourceFile::new("a.toml".into(), "ab\nçd = 1\n".into());
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_column(3), (2, 1));
        // 'ç' is two bytes; 'd' is the second character of line 2
        assert_eq!(file.line_column(5), (2, 2));
    }

    #[test]
    fn spans_past_the_end_or_inside_a_character_do_not_panic() {
        let file = SourceFile::new("a.toml".into(), "ç".into());
        assert_eq!(file.line_column(1), (1, 1));
        assert_eq!(file.line_column(99), (1, 2));
    }
}
