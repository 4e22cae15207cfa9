//! Writing imported values into content files: new files laid out like the
//! docs' examples, existing ones changed only in the keys the import owns,
//! with their comments, line ends, other keys and body kept.

use toml_edit::{DocumentMut, Item, Table, Value};

/// Imported values, in the order keys are written in a new file.
pub(super) type Values = Vec<(&'static str, Value)>;

/// What an edit did.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Edited {
    /// The keys that changed or were added.
    pub fields: Vec<&'static str>,
    /// Whether a value the file had was replaced (not only added to):
    /// that is what `--force` guards.
    pub replaced: bool,
    /// How many entries (of an array of tables) changed or were added.
    pub entries: usize,
    /// What changed, a line each (`budget: 1000 → 1200`), for `--dry-run`.
    pub lines: Vec<String>,
}

impl Edited {
    /// Folds another edit of the same file into this one.
    pub fn and(&mut self, other: Edited) {
        for field in other.fields {
            if !self.fields.contains(&field) {
                self.fields.push(field);
            }
        }
        self.replaced |= other.replaced;
        self.entries += other.entries;
        self.lines.extend(other.lines);
    }
}

/// Whether two TOML values are the same value, however they are written
/// (`1_200` and `1200`, `'a'` and `"a"`, comments around them).
fn same_value(a: &Value, b: &Value) -> bool {
    use toml_edit::Value as V;
    match (a, b) {
        (V::String(x), V::String(y)) => x.value() == y.value(),
        (V::Integer(x), V::Integer(y)) => x.value() == y.value(),
        (V::Integer(_) | V::Float(_), V::Integer(_) | V::Float(_)) => {
            let num = |v: &V| v.as_float().or_else(|| v.as_integer().map(|n| n as f64));
            num(a) == num(b)
        }
        (V::Datetime(x), V::Datetime(y)) => x.value() == y.value(),
        (V::Boolean(x), V::Boolean(y)) => x.value() == y.value(),
        (V::Array(x), V::Array(y)) => x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| same_value(a, b)),
        _ => false,
    }
}

/// Sets `values` in a table, keeping each old value's comment.
pub(super) fn set(table: &mut Table, values: &Values) -> Edited {
    set_in(table, values, "")
}

/// [`set`], with `prefix` before each line of what changed (the entry of
/// an array the table is).
fn set_in(table: &mut Table, values: &Values, prefix: &str) -> Edited {
    let mut edited = Edited::default();
    for (key, value) in values {
        let old = table.get(key).and_then(Item::as_value);
        if old.is_some_and(|old| same_value(old, value)) {
            continue;
        }
        let mut value = value.clone();
        let new = shown(&value);
        if let Some(old) = old {
            edited.lines.push(format!("{prefix}{key}: {} → {new}", shown(old)));
            // Keep the comment after the old value, and its spacing.
            *value.decor_mut() = old.decor().clone();
        } else {
            edited.lines.push(format!("{prefix}{key}: + {new}"));
        }
        match table.get_mut(key) {
            // In place, so the key keeps the comment lines above it.
            Some(item) => {
                *item = Item::Value(value);
                edited.replaced = true;
            }
            None => {
                table.insert(key, Item::Value(value));
            }
        }
        edited.fields.push(*key);
    }
    edited
}

/// A value as TOML writes it, without the spacing and comments around it.
fn shown(value: &Value) -> String {
    let mut bare = value.clone();
    bare.decor_mut().clear();
    let text = bare.to_string();
    // Long text (a note) is cut for the summary.
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// A table of `values`, for a new file or a new entry in an array.
pub(super) fn table(values: &Values) -> Table {
    let mut table = Table::new();
    set(&mut table, values);
    table
}

/// A new Markdown file: front matter, then the body if there is one.
pub(super) fn new_markdown(doc: &DocumentMut, body: Option<&str>) -> String {
    let body = body.map(|d| format!("\n{d}\n")).unwrap_or_default();
    format!("+++\n{doc}+++\n{body}")
}

/// Changes a Markdown file's front matter with `change` (which says what
/// it changed); everything outside the front matter stays byte for byte.
pub(super) fn markdown(
    text: &str,
    change: impl FnOnce(&mut DocumentMut) -> Edited,
) -> Result<(String, Edited), String> {
    let split =
        crate::load::frontmatter::split(text).map_err(|_| "its `+++` front matter cannot be found".to_string())?;
    let (front, fields) = toml(&text[split.front_matter.clone()], change)?;
    let (head, tail) = (&text[..split.front_matter.start], &text[split.front_matter.end..]);
    Ok((format!("{head}{front}{tail}"), fields))
}

/// Changes a TOML text with `change`, keeping its line ends.
pub(super) fn toml(text: &str, change: impl FnOnce(&mut DocumentMut) -> Edited) -> Result<(String, Edited), String> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.to_string())?;
    let fields = change(&mut doc);
    if fields.fields.is_empty() {
        return Ok((text.to_string(), fields));
    }
    let mut out = doc.to_string();
    if text.contains("\r\n") {
        out = out.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    Ok((out, fields))
}

/// Adds or updates the entry of `[[array]]` that `matches`; `label` names
/// the entry in the lines of what changed (`key_results leakage`).
pub(super) fn upsert(
    doc: &mut DocumentMut,
    array: &str,
    label: &str,
    matches: impl Fn(&Table) -> bool,
    values: &Values,
) -> Edited {
    if doc.get(array).is_none() {
        doc.insert(array, Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
    }
    let Some(tables) = doc.get_mut(array).and_then(Item::as_array_of_tables_mut) else {
        // `array = [...]` written inline: left alone.
        return Edited::default();
    };
    let found = tables.iter().position(matches);
    let mut edited = match found.and_then(|at| tables.get_mut(at)) {
        Some(existing) => set_in(existing, values, &format!("[[{array}]] {label}: ")),
        None => {
            tables.push(table(values));
            let fields = values.iter().map(|(k, _)| *k).collect();
            Edited { fields, lines: vec![format!("[[{array}]] {label}: + new entry")], ..Edited::default() }
        }
    };
    edited.entries = usize::from(!edited.fields.is_empty());
    edited
}

/// A string value of a table, for matching entries.
pub(super) fn text_of<'a>(table: &'a Table, key: &str) -> Option<&'a str> {
    table.get(key).and_then(Item::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_keeps_comments_line_ends_and_the_body() {
        let text = "+++\r\ntitle = 'A'\r\n# kept comment\r\nbudget = 1_000 # approved\r\n+++\r\n\r\nBody.\r\n";
        let same = markdown(text, |doc| set(doc.as_table_mut(), &vec![("budget", 1000.into())])).unwrap();
        assert_eq!(same, (text.to_string(), Edited::default()), "the same value, however written");
        let (after, edited) = markdown(text, |doc| set(doc.as_table_mut(), &vec![("budget", 1200.into())])).unwrap();
        assert_eq!((edited.fields, edited.replaced), (vec!["budget"], true));
        assert_eq!(edited.lines, ["budget: 1_000 → 1200"], "the value as the file writes it");
        assert_eq!(after, text.replace("1_000 # approved", "1200 # approved"));
    }

    #[test]
    fn entries_of_an_array_are_updated_in_place_or_added() {
        let text = "date = 2026-10-01\n\n[[projects]]\nid = \"a\" # first\nrag = \"green\"\n";
        let is = |id: &'static str| move |t: &Table| text_of(t, "id") == Some(id);
        let (after, edited) =
            toml(text, |doc| upsert(doc, "projects", "a", is("a"), &vec![("id", "a".into()), ("rag", "red".into())]))
                .unwrap();
        assert_eq!((edited.fields, edited.replaced, edited.entries), (vec!["rag"], true, 1));
        assert_eq!(edited.lines, ["[[projects]] a: rag: \"green\" → \"red\""]);
        assert_eq!(after, text.replace("\"green\"", "\"red\""));
        let (after, edited) =
            toml(text, |doc| upsert(doc, "projects", "b", is("b"), &vec![("id", "b".into()), ("rag", "amber".into())]))
                .unwrap();
        assert_eq!((edited.fields, edited.replaced), (vec!["id", "rag"], false), "an entry added replaces nothing");
        assert!(after.ends_with("[[projects]]\nid = \"b\"\nrag = \"amber\"\n"), "{after}");
    }
}
