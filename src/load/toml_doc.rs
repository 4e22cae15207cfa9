//! TOML with exact spans: syntax errors (all of them), unknown keys (at the
//! key, with a suggestion), and type errors, as diagnostics.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, FileId, suggestion_help};

/// One step in a path to a TOML value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A key in a table.
    Key(String),
    /// An index in an array.
    Index(usize),
}

/// Where a TOML document sits in its file, and what it may contain.
pub struct TomlDoc<'a> {
    /// The file the document is in.
    pub file: FileId,
    /// The whole file's text.
    pub text: &'a str,
    /// The TOML part of it.
    pub range: Range<usize>,
    /// What kind of thing the document describes, for messages ("a project").
    pub what: &'a str,
    /// The keys allowed at a table path (keys only; array indices dropped).
    pub keys_at: &'a dyn Fn(&[&str]) -> &'static [&'static str],
}

/// Parses and deserialises the document, pushing every problem found into
/// `out`. Returns `None` if the document cannot be turned into a `T`.
pub fn parse<T: DeserializeOwned>(doc: &TomlDoc<'_>, out: &mut Vec<Diagnostic>) -> Option<T> {
    let toml_text = &doc.text[doc.range.clone()];
    let offset = doc.range.start;
    let (table, errors) = DeTable::parse_recoverable(toml_text);
    if !errors.is_empty() {
        for error in errors {
            let span = shift(error.span().unwrap_or(0..0), offset);
            out.push(
                Diagnostic::error("toml-syntax", format!("invalid TOML: {}", first_line(error.message())))
                    .at(doc.file, span)
                    .with_help(
                        "text goes in double quotes (\"…\"), dates are unquoted (2026-03-31), lists use [ ], one key per line",
                    ),
            );
        }
        return None;
    }
    let mut ignored: Vec<Vec<Segment>> = Vec::new();
    let deserializer = toml::de::Deserializer::from(table);
    let result: Result<T, _> = serde_ignored::deserialize(deserializer, |path| ignored.push(segments(&path)));
    if !ignored.is_empty() {
        // Parse again for the key spans: cheap, and only on the error path.
        let (table, _) = DeTable::parse_recoverable(toml_text);
        let mut unknown: Vec<Diagnostic> =
            ignored.iter().map(|path| unknown_key(doc, table.get_ref(), path, offset)).collect();
        unknown.sort_by_key(|d| d.location.as_ref().map(|l| l.span.start));
        out.extend(unknown);
    }
    match result {
        Ok(value) => Some(value),
        Err(error) => {
            let span = shift(error.span().unwrap_or(0..0), offset);
            let (message, help) = explain_type_error(error.message());
            out.push(Diagnostic::error("invalid-value", message).at(doc.file, span).with_help_opt(help));
            None
        }
    }
}

fn shift(span: Range<usize>, offset: usize) -> Range<usize> {
    span.start + offset..span.end + offset
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message).trim_end_matches('.')
}

fn segments(path: &serde_ignored::Path<'_>) -> Vec<Segment> {
    use serde_ignored::Path;
    let mut out = Vec::new();
    let mut current = path;
    loop {
        match current {
            Path::Root => break,
            Path::Seq { parent, index } => {
                out.push(Segment::Index(*index));
                current = parent;
            }
            Path::Map { parent, key } => {
                // `toml::Spanned` travels as a private map; its keys are not the user's.
                if !key.starts_with("$__serde_spanned_private") {
                    out.push(Segment::Key(key.clone()));
                }
                current = parent;
            }
            Path::Some { parent } | Path::NewtypeStruct { parent } | Path::NewtypeVariant { parent } => {
                current = parent;
            }
        }
    }
    out.reverse();
    out
}

/// The span of the last key of `path`, found by walking the spanned tree.
fn key_span(table: &DeTable<'_>, path: &[Segment]) -> Option<Range<usize>> {
    let (last, parents) = path.split_last()?;
    let mut value: Option<&DeValue<'_>> = None;
    let mut current_table = table;
    for segment in parents {
        let next = match (segment, value) {
            (Segment::Key(key), _) => current_table.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v.get_ref()),
            (Segment::Index(i), Some(DeValue::Array(array))) => array.get(*i).map(|v| v.get_ref()),
            _ => None,
        }?;
        if let DeValue::Table(t) = next {
            current_table = t;
        }
        value = Some(next);
    }
    match last {
        Segment::Key(key) => current_table.iter().find(|(k, _)| k.get_ref() == key).map(|(k, _)| k.span()),
        Segment::Index(_) => None,
    }
}

fn unknown_key(doc: &TomlDoc<'_>, table: &DeTable<'_>, path: &[Segment], offset: usize) -> Diagnostic {
    let key = match path.last() {
        Some(Segment::Key(k)) => k.as_str(),
        _ => "?",
    };
    let parents: Vec<&str> = path[..path.len().saturating_sub(1)]
        .iter()
        .filter_map(|s| match s {
            Segment::Key(k) => Some(k.as_str()),
            Segment::Index(_) => None,
        })
        .collect();
    let allowed = (doc.keys_at)(&parents);
    let place = match parents.last() {
        None => doc.what.to_string(),
        Some(table) => format!("`{table}` of {}", doc.what),
    };
    let span = key_span(table, path).map_or(doc.range.start..doc.range.start, |s| shift(s, offset));
    let help = suggestion_help("a key", key, allowed.iter().copied())
        .unwrap_or_else(|| "remove it, or check the spelling against the allowed keys".to_string());
    let mut d = Diagnostic::error("unknown-key", format!("unknown key `{key}` in {place}"))
        .at(doc.file, span)
        .with_label("not part of the content format")
        .with_help(help);
    if !allowed.is_empty() {
        d = d.with_note(format!("allowed keys: {}", allowed.join(", ")));
    }
    d
}

/// Rewrites serde's type messages in the words of the content format.
fn explain_type_error(message: &str) -> (String, Option<String>) {
    let message = first_line(message);
    let friendly = message
        .replace("expected f64", "expected a number")
        .replace("a sequence", "a list")
        .replace("expected a string", "expected text in double quotes")
        .replace("invalid type: map", "invalid type: table")
        .replace("invalid type: sequence", "invalid type: list");
    let help = if friendly.contains("expected a number") {
        Some("write numbers without quotes or units, e.g. `budget = 250000`".to_string())
    } else if friendly.contains("expected a list") {
        Some("write a list in square brackets, e.g. `depends_on = [\"other-project\"]`".to_string())
    } else if friendly.contains("expected text") {
        Some("put text in double quotes, e.g. `owner = \"Sam Okafor\"`".to_string())
    } else {
        None
    };
    (friendly, help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceMap;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Thing {
        owner: Option<String>,
        #[serde(default)]
        items: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Item {
        id: Option<String>,
    }

    fn keys(path: &[&str]) -> &'static [&'static str] {
        match path {
            [] => &["owner", "items"],
            ["items"] => &["id"],
            _ => &[],
        }
    }

    fn run(text: &str) -> (Option<Thing>, Vec<Diagnostic>) {
        let mut sources = SourceMap::new();
        let file = sources.add("t.toml", text.to_string());
        let doc = TomlDoc { file, text, range: 0..text.len(), what: "a thing", keys_at: &keys };
        let mut out = Vec::new();
        (parse(&doc, &mut out), out)
    }

    #[test]
    fn reports_every_unknown_key_at_its_own_span_with_a_suggestion() {
        let text = "ownr = \"A\"\n[[items]]\nid = \"x\"\n[[items]]\nidd = \"y\"\n";
        let (value, diags) = run(text);
        assert!(value.is_some(), "unknown keys do not stop deserialisation");
        assert_eq!(diags.len(), 2);
        let spans: Vec<&str> = diags.iter().map(|d| &text[d.location.clone().unwrap().span]).collect();
        assert_eq!(spans, ["ownr", "idd"]);
        assert!(diags[0].help.as_deref().unwrap().contains("`owner`"));
        assert!(diags[1].message.contains("`items`"));
    }

    #[test]
    fn reports_all_syntax_errors() {
        let (value, diags) = run("owner = \"A\nitems = [\n");
        assert!(value.is_none());
        assert!(!diags.is_empty());
        assert!(diags.iter().all(|d| d.code == "toml-syntax"));
    }

    #[test]
    fn explains_type_errors_in_plain_words() {
        let text = "owner = 3\n";
        let (_, diags) = run(text);
        assert_eq!(diags.len(), 1);
        assert_eq!(&text[diags[0].location.clone().unwrap().span], "3");
        assert!(diags[0].message.contains("expected text"), "{}", diags[0].message);
    }
}
