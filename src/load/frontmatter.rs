//! Splits a content file into its TOML front matter and Markdown body.
//!
//! The front matter sits between two lines that hold exactly `+++`. The
//! splitter returns each part with its byte offset in the file, so that
//! TOML spans can be turned into file positions by one addition.

use std::ops::Range;

/// The two parts of a content file, as ranges into its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The TOML between the fences.
    pub front_matter: Range<usize>,
    /// The Markdown after the closing fence.
    pub body: Range<usize>,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The first non-blank line is not `+++` (span: that line).
    NoOpeningFence(Range<usize>),
    /// The opening fence has no matching closing fence (span: the opening fence).
    Unclosed(Range<usize>),
}

/// Finds the `+++` fences. A leading byte-order mark and blank lines before
/// the opening fence are allowed; trailing spaces after a fence are too.
pub fn split(text: &str) -> Result<Split, SplitError> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = lines_with_offsets(&text[bom..]).map(|(offset, line)| (offset + bom, line));
    let opening = loop {
        let Some((offset, line)) = lines.next() else {
            return Err(SplitError::NoOpeningFence(0..0));
        };
        let content = line.trim_end();
        if content.is_empty() {
            continue;
        }
        if content == "+++" {
            break offset..offset + 3;
        }
        return Err(SplitError::NoOpeningFence(offset..offset + content.len()));
    };
    let start = line_end(text, opening.end);
    for (offset, line) in lines {
        if line.trim_end() == "+++" {
            let body_start = line_end(text, offset + 3);
            return Ok(Split { front_matter: start..offset, body: body_start..text.len() });
        }
    }
    Err(SplitError::Unclosed(opening))
}

/// Offset just past the newline that ends the line containing `from`.
fn line_end(text: &str, from: usize) -> usize {
    text[from..].find('\n').map_or(text.len(), |i| from + i + 1)
}

fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |line| {
        let here = offset;
        offset += line.len();
        (here, line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (&str, &str) {
        let s = split(text).unwrap();
        (&text[s.front_matter], &text[s.body])
    }

    #[test]
    fn splits_front_matter_and_body() {
        assert_eq!(parts("+++\ntitle = \"A\"\n+++\n# Body\n"), ("title = \"A\"\n", "# Body\n"));
    }

    #[test]
    fn accepts_crlf_bom_and_blank_lines_before_the_fence() {
        assert_eq!(parts("\u{feff}\r\n+++\r\na = 1\r\n+++\r\nbody"), ("a = 1\r\n", "body"));
    }

    #[test]
    fn an_empty_body_and_empty_front_matter_are_fine() {
        assert_eq!(parts("+++\n+++"), ("", ""));
    }

    #[test]
    fn reports_a_missing_opening_fence_at_the_first_line() {
        assert_eq!(split("title = 1\n"), Err(SplitError::NoOpeningFence(0..9)));
        assert_eq!(split(""), Err(SplitError::NoOpeningFence(0..0)));
    }

    #[test]
    fn reports_an_unclosed_fence_at_the_opening() {
        assert_eq!(split("\n+++\ntitle = 1\n"), Err(SplitError::Unclosed(1..4)));
    }

    #[test]
    fn a_fence_must_be_the_whole_line() {
        assert_eq!(split("+++\na = \"+++\"\n+++ x\n"), Err(SplitError::Unclosed(0..3)));
    }
}
