//! "Did you mean …?": the closest known name to a misspelt one.

/// The candidate closest to `given`, if one is close enough to be a likely
/// typo (Jaro–Winkler similarity, which favours shared prefixes the way
/// typos in ids usually do).
pub fn did_you_mean<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let given_lower = given.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&given_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// A help sentence naming the suggestion for a misspelt `what`, if any.
pub fn suggestion_help<'a>(what: &str, given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    did_you_mean(given, candidates).map(|s| format!("{what} with a similar name exists: `{s}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_typo() {
        let known = ["owner", "sponsor", "team", "title"];
        assert_eq!(did_you_mean("ownr", known), Some("owner"));
        assert_eq!(did_you_mean("Titel", known), Some("title"));
    }

    #[test]
    fn suggests_nothing_for_an_unrelated_word() {
        assert_eq!(did_you_mean("budget", ["owner", "sponsor"]), None);
    }

    #[test]
    fn ties_break_alphabetically_so_output_is_stable() {
        assert_eq!(did_you_mean("ab", ["ac", "aa"]), did_you_mean("ab", ["aa", "ac"]));
    }
}
