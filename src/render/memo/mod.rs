//! What a session rendered last time, so the next build lays out, typesets
//! and writes only what changed.
//!
//! Every page is made from plain data (its view), so a digest of that data
//! says whether the page can change: equal digests mean the page's bytes
//! are the ones already on disk. Files made directly as bytes (data
//! downloads, the search index, assets) are compared by a digest of their
//! bytes. Anything every page shares (the theme, the site's own values,
//! whether PDFs are made) goes into one shared digest: when it changes,
//! nothing is reused.

use std::collections::HashMap;
use std::hash::Hash;

use serde::Serialize;
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

mod encoding;

/// A 128-bit digest (XXH3): fast enough to run over every page's data and
/// every file's bytes on each rebuild, and wide enough that two different
/// inputs never share one in practice.
pub type Fingerprint = u128;

/// The digest of a value's data (see [`encoding`]).
pub fn fingerprint<T: Serialize + ?Sized>(value: &T) -> Fingerprint {
    let mut hasher = Xxh3::new();
    if value.serialize(&mut encoding::Digest(&mut hasher)).is_err() {
        // Cannot happen for the views (they serialise for the templates
        // too), but if it did, a digest nothing else has means "changed".
        static UNIQUE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let unique = UNIQUE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        hasher.update(b"unserialisable");
        hasher.update(&unique.to_le_bytes());
    }
    hasher.digest128()
}

/// The digest of anything hashable (the theme, say).
pub fn digest<T: Hash + ?Sized>(value: &T) -> Fingerprint {
    let mut hasher = Xxh3::new();
    value.hash(&mut hasher);
    hasher.digest128()
}

/// The digest of a file's bytes.
pub fn of_bytes(bytes: &[u8]) -> Fingerprint {
    xxh3_128(bytes)
}

/// What one output file was made from, and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Made {
    /// The digest of its inputs (a page's view, a pack's view, or for a
    /// file made as bytes, the bytes).
    pub from: Fingerprint,
    /// The digest of its bytes.
    pub bytes: Fingerprint,
}

/// Every file one render made, with what it was made from.
#[derive(Debug, Clone, Default)]
pub struct RenderMemo {
    /// The digest of what every file shares.
    pub(crate) shared: Fingerprint,
    /// Each output path and how it was made.
    pub(crate) files: HashMap<String, Made>,
    /// What each page's data read of the model and analysis.
    pub(crate) reads: HashMap<String, std::sync::Arc<[super::reads::Read]>>,
}

impl RenderMemo {
    /// A memo of files made with `shared` in common.
    pub(crate) fn new(shared: Fingerprint) -> Self {
        RenderMemo { shared, files: HashMap::new(), reads: HashMap::new() }
    }

    /// Every path the render made.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// How many files the render made.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether the render made no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// How the file at `path` was made, if this memo made it.
    pub fn get(&self, path: &str) -> Option<Made> {
        self.files.get(path).copied()
    }
}

/// A memo to compare against (if any), and whether its inputs still apply.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Previous<'a> {
    memo: Option<&'a RenderMemo>,
    /// Whether the memo was made with the same shared inputs.
    same_shared: bool,
}

impl<'a> Previous<'a> {
    /// Compares against `memo`, made with `shared` in common or not.
    pub(crate) fn new(memo: Option<&'a RenderMemo>, shared: Fingerprint) -> Self {
        Previous { memo, same_shared: memo.is_some_and(|m| m.shared == shared) }
    }

    /// How the file at `path` was made last time, if it was made from
    /// `from` with the same shared inputs: then its bytes on disk are
    /// current.
    pub(crate) fn unchanged(&self, path: &str, from: Fingerprint) -> Option<Made> {
        self.memo.filter(|_| self.same_shared).and_then(|m| m.get(path)).filter(|made| made.from == from)
    }

    /// How the page at `path` was made last time and what its data read,
    /// if it was made with the same shared inputs: then, unless one of
    /// those reads changed, the page on disk is current.
    pub(crate) fn reusable(&self, path: &str) -> Option<(Made, &'a std::sync::Arc<[super::reads::Read]>)> {
        let memo = self.memo.filter(|_| self.same_shared)?;
        Some((memo.get(path)?, memo.reads.get(path)?))
    }

    /// How the file at `path` was made last time, if with the same shared
    /// inputs.
    pub(crate) fn made(&self, path: &str) -> Option<Made> {
        self.memo.filter(|_| self.same_shared)?.get(path)
    }

    /// Whether the file at `path` last held bytes with this digest.
    pub(crate) fn same_bytes(&self, path: &str, bytes: Fingerprint) -> bool {
        self.memo.and_then(|m| m.get(path)).is_some_and(|made| made.bytes == bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_data_has_equal_fingerprints_and_any_change_shows() {
        let a = serde_json::json!({ "title": "Cut wait times", "rows": [1, 2, 3] });
        let b = serde_json::json!({ "rows": [1, 2, 3], "title": "Cut wait times" });
        assert_eq!(fingerprint(&a), fingerprint(&b), "same data, same digest");
        let c = serde_json::json!({ "title": "Cut wait times", "rows": [1, 2, 4] });
        assert_ne!(fingerprint(&a), fingerprint(&c));
        assert_ne!(of_bytes(b"<p>a</p>"), of_bytes(b"<p>b</p>"));
    }

    /// The encoding keeps apart values that a careless one would run
    /// together: split strings, nesting, missing fields, nearby floats.
    #[test]
    fn different_values_never_share_a_fingerprint() {
        #[derive(Serialize)]
        struct Row {
            a: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            b: Option<String>,
        }
        let pairs = [
            (fingerprint(&("ab", "c")), fingerprint(&("a", "bc"))),
            (fingerprint(&vec![vec![1], vec![]]), fingerprint(&vec![vec![], vec![1]])),
            (fingerprint(&Some(None::<u8>)), fingerprint(&None::<Option<u8>>)),
            (fingerprint(&Row { a: Some("x".into()), b: None }), fingerprint(&Row { a: None, b: Some("x".into()) })),
            (fingerprint(&0.1_f64), fingerprint(&0.100_000_000_000_01_f64)),
            (fingerprint(&1_u32), fingerprint(&1_i32)),
            (fingerprint(&"15 characters!!"), fingerprint(&("15 characters!", "!"))),
        ];
        for (i, (a, b)) in pairs.iter().enumerate() {
            assert_ne!(a, b, "pair {i}");
        }
        assert_eq!(fingerprint(&Row { a: None, b: None }), fingerprint(&Row { a: None, b: None }));
    }

    #[test]
    fn a_memo_applies_only_to_the_same_shared_inputs() {
        let mut memo = RenderMemo::new(7);
        memo.files.insert("a.html".into(), Made { from: 1, bytes: 2 });
        let same = Previous::new(Some(&memo), 7);
        assert_eq!(same.unchanged("a.html", 1), Some(Made { from: 1, bytes: 2 }));
        assert_eq!(same.unchanged("a.html", 3), None, "made from something else");
        assert_eq!(same.unchanged("b.html", 1), None, "not made last time");
        assert!(same.same_bytes("a.html", 2));
        let other_theme = Previous::new(Some(&memo), 8);
        assert_eq!(other_theme.unchanged("a.html", 1), None);
        assert!(other_theme.same_bytes("a.html", 2), "bytes on disk are what they are");
        assert!(!Previous::new(None, 7).same_bytes("a.html", 2));
    }
}
