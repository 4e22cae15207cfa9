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
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(|w| {
            let w = w.to_lowercase();
            if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") { w[..w.len() - 1].to_string() } else { w }
        })
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .collect()
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
    let mut bodies: HashMap<Ix<Project>, BTreeSet<String>> = HashMap::new();
    let mut out = Vec::new();
    for (a, b) in candidates {
        for p in [a, b] {
            bodies.entry(p).or_insert_with(|| words(&model.project(p).body.text));
        }
        let title = jaccard(&titles[&a], &titles[&b]);
        let body = jaccard(&bodies[&a], &bodies[&b]);
        // Titles carry most of the signal; descriptions confirm it.
        let score = if bodies[&a].is_empty() || bodies[&b].is_empty() { title } else { 0.6 * title + 0.4 * body };
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
    fn jaccard_of_disjoint_and_equal_sets() {
        let a = words("text survey");
        assert_eq!(jaccard(&a, &a), 1.0);
        assert_eq!(jaccard(&a, &words("car park")), 0.0);
        assert_eq!(jaccard(&a, &BTreeSet::new()), 0.0);
    }
}
