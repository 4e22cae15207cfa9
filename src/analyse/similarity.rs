//! Likely duplicate projects, found without comparing every pair.
//!
//! Two projects are candidates only if they serve a common objective and
//! share a distinctive title word (one that fewer than [`COMMON_WORD`]
//! projects of that objective use), so the work grows with the number of
//! genuinely similar pairs, not with the square of the portfolio. Each
//! candidate pair is scored by the Jaccard similarity of title words (60%)
//! and of description words (40%); the words both titles share are kept to
//! explain the match.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{Ix, Model, Project};

/// A title word used by this many projects of one objective says nothing
/// about duplication.
pub const COMMON_WORD: usize = 50;
/// Similarity (0–1) at which two projects are reported, provided their
/// titles also share at least [`MIN_SHARED_WORDS`] words.
pub const THRESHOLD: f64 = 0.28;
/// Title words two projects must share to be called alike: one shared
/// word ("patient", "data") is too common a coincidence.
pub const MIN_SHARED_WORDS: usize = 2;

/// A pair of projects that look alike, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Likeness {
    /// The earlier project (by file order).
    pub first: Ix<Project>,
    /// The later one.
    pub second: Ix<Project>,
    /// Combined similarity, 0–1.
    pub score: f64,
    /// Title words both share.
    pub shared_words: Vec<String>,
    /// Similarity of the descriptions, 0–1.
    pub body_similarity: f64,
}

const STOPWORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "for",
    "from",
    "has",
    "have",
    "in",
    "into",
    "is",
    "it",
    "its",
    "of",
    "on",
    "or",
    "our",
    "that",
    "the",
    "their",
    "this",
    "to",
    "we",
    "will",
    "with",
    "new",
    "project",
    "programme",
    "phase",
];

/// Lowercase content words, crudely stemmed (plural `s` dropped), so that
/// "Surveys" and "survey" match.
pub fn words(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for_each_word(text, |w| {
        out.insert(w.to_string());
    });
    out
}

/// Calls `f` with each content word of `text` as [`words`] finds them,
/// lowercased into one reused buffer rather than a new string per word.
fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut lower = String::new();
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 2) {
        lower.clear();
        if w.is_ascii() {
            lower.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            lower.push_str(&w.to_lowercase());
        }
        let w = if lower.len() > 4 && lower.ends_with('s') && !lower.ends_with("ss") {
            &lower[..lower.len() - 1]
        } else {
            lower.as_str()
        };
        if !STOPWORDS.contains(&w) {
            f(w);
        }
    }
}

/// A description's words as a sorted set of 64-bit digests: a body of a
/// few hundred words is compared with another by one merge, with no string
/// kept per word. Made when a project's file is read ([`Body::words`]).
///
/// [`Body::words`]: crate::load::markdown::Body::words
pub fn word_digests(text: &str) -> Vec<u64> {
    let mut digests = Vec::new();
    for_each_word(text, |w| digests.push(xxhash_rust::xxh3::xxh3_64(w.as_bytes())));
    digests.sort_unstable();
    digests.dedup();
    digests
}

/// Jaccard similarity of two sorted, deduplicated digest sets.
fn jaccard_sorted(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / (a.len() + b.len() - shared) as f64
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(b).count();
    shared as f64 / (a.len() + b.len() - shared) as f64
}

/// Pairs of the given projects that serve a common objective and look
/// alike, most alike first.
pub fn likely_duplicates(model: &Model, projects: &[Ix<Project>]) -> Vec<Likeness> {
    let titles: HashMap<Ix<Project>, BTreeSet<String>> =
        projects.iter().map(|p| (*p, words(&model.project(*p).title))).collect();
    let mut by_objective: BTreeMap<usize, Vec<Ix<Project>>> = BTreeMap::new();
    for p in projects {
        for c in &model.project(*p).contributions {
            by_objective.entry(c.objective.index()).or_default().push(*p);
        }
    }
    let mut candidates: BTreeSet<(Ix<Project>, Ix<Project>)> = BTreeSet::new();
    for members in by_objective.values() {
        let mut by_word: BTreeMap<&str, Vec<Ix<Project>>> = BTreeMap::new();
        for p in members {
            for w in &titles[p] {
                by_word.entry(w.as_str()).or_default().push(*p);
            }
        }
        for group in by_word.values().filter(|g| g.len() < COMMON_WORD) {
            for (i, a) in group.iter().enumerate() {
                for b in &group[i + 1..] {
                    if a != b {
                        candidates.insert((*a.min(b), *a.max(b)));
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for (a, b) in candidates {
        let bodies = [a, b].map(|p| &model.project_body(p).words);
        let title = jaccard(&titles[&a], &titles[&b]);
        let body = jaccard_sorted(bodies[0], bodies[1]);
        // Titles carry most of the signal; descriptions confirm it.
        let score = if bodies[0].is_empty() || bodies[1].is_empty() { title } else { 0.6 * title + 0.4 * body };
        let shared_words: Vec<String> = titles[&a].intersection(&titles[&b]).cloned().collect();
        if score >= THRESHOLD && (shared_words.len() >= MIN_SHARED_WORDS || title >= 0.5) {
            out.push(Likeness { first: a, second: b, score, shared_words, body_similarity: body });
        }
    }
    out.sort_by(|x, y| y.score.total_cmp(&x.score).then_with(|| (x.first, x.second).cmp(&(y.first, y.second))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_normalised_and_stopwords_dropped() {
        let w = words("The Patient Feedback Surveys for our wards");
        assert_eq!(w.into_iter().collect::<Vec<_>>(), ["feedback", "patient", "survey", "ward"]);
    }

    #[test]
    fn words_keep_non_ascii_letters_and_stem_after_lowercasing() {
        let w = words("ÉTUDES Zürich Straße CLASS");
        assert_eq!(w.into_iter().collect::<Vec<_>>(), ["class", "straße", "zürich", "étude"]);
    }

    /// The digest sets of descriptions give the same similarity as sets
    /// of the words themselves.
    #[test]
    fn digest_sets_measure_what_word_sets_measure() {
        let texts = [
            "Patient feedback surveys on every ward, collected weekly",
            "Weekly surveys of patient feedback across the wards",
            "A new car park for staff and visitors",
            "",
        ];
        for a in texts {
            for b in texts {
                let by_words = jaccard(&words(a), &words(b));
                let by_digests = jaccard_sorted(&word_digests(a), &word_digests(b));
                assert_eq!(by_words, by_digests, "{a:?} vs {b:?}");
            }
        }
        assert!(jaccard_sorted(&word_digests(texts[0]), &word_digests(texts[1])) > 0.5);
    }

    #[test]
    fn jaccard_of_disjoint_and_equal_sets() {
        let a = words("text survey");
        assert_eq!(jaccard(&a, &a), 1.0);
        assert_eq!(jaccard(&a, &words("car park")), 0.0);
        assert_eq!(jaccard(&a, &BTreeSet::new()), 0.0);
    }
}
