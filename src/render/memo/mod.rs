//! Digests of what outputs are made from, so that a watch session can
//! tell an output that cannot have changed without laying it out.
//!
//! Every page is made from plain data (its view), so a digest of that data
//! says whether the page can change: equal digests mean the page's bytes
//! are the ones already on disk. Files made directly as bytes are compared
//! by a digest of their bytes.

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
}
