//! Value checks shared by every kind: required text, enumerations, dates,
//! number ranges and references, each reporting at the value's own span.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;

use super::Ix;
use crate::diag::{Diagnostic, Diagnostics, FileId, Location, did_you_mean};
use crate::load::Kind;
use crate::load::raw::{Date, Number, Text};

/// The largest number a file may hold, either way: far beyond any budget or
/// measure, and small enough that sums and products over a whole portfolio
/// stay finite.
pub const MAX_NUMBER: f64 = 1e18;

/// A document being checked: its file and where its TOML starts in it.
///
/// Spans from the TOML parser are relative to the front matter; this is the
/// one place that turns them into file positions.
#[derive(Debug, Clone, Copy)]
pub struct At {
    pub file: FileId,
    pub offset: usize,
    /// The first line of the front matter, for "missing field" problems.
    pub anchor_end: usize,
}

impl At {
    pub fn new(file: FileId, text: &str, front_matter: Range<usize>) -> Self {
        let anchor_end = text[front_matter.clone()].find('\n').map_or(front_matter.end, |i| front_matter.start + i);
        At { file, offset: front_matter.start, anchor_end }
    }

    /// The file position of a spanned value.
    pub fn loc<T>(&self, value: &Spanned<T>) -> Location {
        let span = value.span();
        Location::new(self.file, span.start + self.offset..span.end + self.offset)
    }

    /// The first line of the document.
    pub fn anchor(&self) -> Location {
        Location::new(self.file, self.offset..self.anchor_end.max(self.offset))
    }
}

/// Pushes diagnostics for bad values and hands back good ones.
pub struct Checker<'a> {
    pub diags: &'a mut Diagnostics,
}

impl Checker<'_> {
    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Text with surrounding whitespace removed; empty text counts as absent.
    pub fn text(value: &Text) -> Option<String> {
        value.as_ref().map(|v| v.get_ref().trim().to_string()).filter(|s| !s.is_empty())
    }

    /// Text that must be there; reports it missing and returns the fallback.
    pub fn required_text(&mut self, at: At, value: &Text, key: &str, what: &str, fallback: &str) -> String {
        match Self::text(value) {
            Some(text) => text,
            None => {
                let example = match key {
                    "title" => "Reduce waiting times",
                    "name" => "Northwind Health",
                    _ => "…",
                };
                self.push(
                    Diagnostic::error("missing-field", format!("{what} has no `{key}`"))
                        .at_location(at.anchor())
                        .with_help(format!("add a line `{key} = \"{example}\"` to the front matter")),
                );
                fallback.to_string()
            }
        }
    }

    /// One of a fixed set of words (case-insensitive).
    pub fn choice<E: Copy>(&mut self, at: At, value: &Text, key: &str, allowed: &[(&'static str, E)]) -> Option<E> {
        let value = value.as_ref()?;
        let given = value.get_ref().trim();
        if let Some((_, e)) = allowed.iter().find(|(word, _)| word.eq_ignore_ascii_case(given)) {
            return Some(*e);
        }
        let words: Vec<&str> = allowed.iter().map(|(w, _)| *w).collect();
        let d = Diagnostic::error("invalid-value", format!("`{given}` is not a valid `{key}`"))
            .at_location(at.loc(value))
            .with_label("not an allowed value");
        self.push(match did_you_mean(given, words.iter().copied()) {
            Some(s) => d
                .with_note(format!("`{key}` is one of: {}", words.join(", ")))
                .with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!("use one of: {}", words.join(", "))),
        });
        None
    }

    /// A plain TOML date such as `2026-03-31`.
    pub fn date(&mut self, at: At, value: &Date, key: &str) -> Option<NaiveDate> {
        let value = value.as_ref()?;
        let location = at.loc(value);
        let how = "write dates as YYYY-MM-DD without quotes, e.g. `2026-03-31`";
        match value.get_ref() {
            toml::Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    let date = NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day));
                    if date.is_none() {
                        self.push(
                            Diagnostic::error("invalid-date", format!("`{key}` is not a real date: {d}"))
                                .at_location(location)
                                .with_label("no such day")
                                .with_help("check the day and month"),
                        );
                    }
                    date
                }
                _ => {
                    self.push(
                        Diagnostic::error("invalid-date", format!("`{key}` must be a date without a time"))
                            .at_location(location)
                            .with_help(how),
                    );
                    None
                }
            },
            toml::Value::String(s) => {
                let parsed = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
                let d = match parsed {
                    Some(_) => Diagnostic::error("invalid-date", format!("`{key}` is a date written as text"))
                        .at_location(location)
                        .with_label("remove the quotes")
                        .with_help(format!("write `{key} = {}`: TOML dates have no quotes", s.trim())),
                    None => Diagnostic::error("invalid-date", format!("`{key}` is not a date: \"{s}\""))
                        .at_location(location)
                        .with_label("expected a date")
                        .with_help(how),
                };
                self.push(d);
                None
            }
            other => {
                self.push(
                    Diagnostic::error("invalid-date", format!("`{key}` must be a date, found {}", other.type_str()))
                        .at_location(location)
                        .with_help(how),
                );
                None
            }
        }
    }

    /// Any finite number.
    pub fn number(&mut self, at: At, value: &Number, key: &str) -> Option<f64> {
        let value = value.as_ref()?;
        let n = *value.get_ref();
        if n.is_finite() && n.abs() > MAX_NUMBER {
            self.push(
                Diagnostic::error("out-of-range", format!("`{key}` is too large to be measured"))
                    .at_location(at.loc(value))
                    .with_label(format!("{n:e} is beyond a billion billion"))
                    .with_help("numbers are at most 1e18 either way; check for a slip of the keyboard"),
            );
            return None;
        }
        if n.is_finite() {
            // `-0` is zero: `+ 0.0` makes it so, as pages and downloads
            // would otherwise print "-0", and two builds that differ only
            // there would compare equal while printing differently.
            Some(n + 0.0)
        } else {
            self.push(
                Diagnostic::error("invalid-number", format!("`{key}` must be a finite number"))
                    .at_location(at.loc(value))
                    .with_help("`nan` and `inf` cannot be measured against"),
            );
            None
        }
    }

    /// A number that cannot be negative (money, FTE, weights).
    pub fn non_negative(&mut self, at: At, value: &Number, key: &str) -> Option<f64> {
        let n = self.number(at, value, key)?;
        if n < 0.0 {
            self.push(
                Diagnostic::error("out-of-range", format!("`{key}` cannot be negative"))
                    .at_location(at.loc(value.as_ref()?))
                    .with_label(format!("{n} is below zero"))
                    .with_help(format!("`{key}` is zero or more")),
            );
            return None;
        }
        Some(n)
    }

    /// A fraction between 0 and 1 (confidence, tolerances).
    pub fn fraction(&mut self, at: At, value: &Number, key: &str) -> Option<f64> {
        let n = self.number(at, value, key)?;
        if !(0.0..=1.0).contains(&n) {
            let help = if (1.0..=100.0).contains(&n) {
                format!("write `{key}` as a fraction between 0 and 1: {} for {n}%", n / 100.0)
            } else {
                format!("`{key}` is a fraction between 0 and 1")
            };
            self.push(
                Diagnostic::error("out-of-range", format!("`{key}` must be between 0 and 1"))
                    .at_location(at.loc(value.as_ref()?))
                    .with_label(format!("{n} is outside 0–1"))
                    .with_help(help),
            );
            return None;
        }
        Some(n)
    }

    /// A whole number of at least `min`.
    pub fn count(&mut self, at: At, value: &Number, key: &str, min: u32) -> Option<u32> {
        let n = self.number(at, value, key)?;
        if n.fract() != 0.0 || n < f64::from(min) || n > f64::from(u32::MAX) {
            self.push(
                Diagnostic::error("out-of-range", format!("`{key}` must be a whole number of at least {min}"))
                    .at_location(at.loc(value.as_ref()?))
                    .with_help(format!("for example `{key} = {}`", min.max(3))),
            );
            return None;
        }
        Some(n as u32)
    }
}

/// Ids of one kind, for resolving references and catching duplicates.
pub struct Index<T> {
    kind: Kind,
    by_id: HashMap<String, (Ix<T>, Location)>,
    ids: Vec<String>,
    unparsed: Vec<String>,
}

impl<T> Index<T> {
    pub fn new(kind: Kind) -> Self {
        Index { kind, by_id: HashMap::new(), ids: Vec::new(), unparsed: Vec::new() }
    }

    /// Ids of files of this kind that failed to parse: references to them
    /// resolve to nothing without a second, misleading diagnostic.
    pub fn with_unparsed(mut self, unparsed: &[(Kind, String)]) -> Self {
        self.unparsed = unparsed.iter().filter(|(k, _)| *k == self.kind).map(|(_, id)| id.clone()).collect();
        self
    }

    /// Registers the next item; a second item with the same id is reported
    /// and left out (returns `None`).
    pub fn insert(&mut self, checker: &mut Checker<'_>, id: &str, location: Location) -> Option<Ix<T>> {
        if let Some((_, first)) = self.by_id.get(id) {
            checker.push(
                Diagnostic::error("duplicate-id", format!("two {} have the id `{id}`", self.kind.plural()))
                    .at_location(location)
                    .with_label("this one is ignored")
                    .with_secondary(first.clone(), "first defined here")
                    .with_help(format!("ids must be unique per kind: rename one of the {} files", self.kind.noun())),
            );
            return None;
        }
        let ix = Ix::new(self.ids.len());
        self.by_id.insert(id.to_string(), (ix, location));
        self.ids.push(id.to_string());
        Some(ix)
    }

    /// The item with this id, if any.
    pub fn get(&self, id: &str) -> Option<Ix<T>> {
        self.by_id.get(id).map(|(ix, _)| *ix)
    }

    /// Resolves a reference, reporting an unknown id with a suggestion.
    pub fn resolve(&self, checker: &mut Checker<'_>, at: At, value: &Spanned<String>, key: &str) -> Option<Ix<T>> {
        let id = value.get_ref().trim();
        if let Some(ix) = self.get(id) {
            return Some(ix);
        }
        if self.unparsed.iter().any(|u| u == id) {
            return None;
        }
        checker.push(self.unknown(at.loc(value), id, key));
        None
    }

    /// The diagnostic for an id that is not in the index.
    pub fn unknown(&self, location: Location, id: &str, key: &str) -> Diagnostic {
        let noun = self.kind.noun();
        let what = self.kind.what();
        let mut d =
            Diagnostic::error("unknown-reference", format!("`{key}` refers to {what} that does not exist: `{id}`"))
                .at_location(location)
                .with_label(format!("no {noun} has this id"));
        match did_you_mean(id, self.ids.iter().map(String::as_str)) {
            Some(s) => d = d.with_help(format!("{what} with a similar id exists: `{s}`")),
            None if self.ids.is_empty() => {
                d = d.with_help(format!(
                    "there are no {} yet: add `content/{}/{id}.{}`",
                    self.kind.plural(),
                    self.kind.folder(),
                    self.kind.extension()
                ));
            }
            None => {
                let mut known: Vec<&str> = self.ids.iter().map(String::as_str).collect();
                known.sort_unstable();
                let shown = known.iter().take(8).copied().collect::<Vec<_>>().join(", ");
                let more = if known.len() > 8 { format!(" and {} more", known.len() - 8) } else { String::new() };
                d = d
                    .with_help(format!("use the id of an existing {noun}: its file name without the extension"))
                    .with_note(format!("known {}: {shown}{more}", self.kind.plural()));
            }
        }
        d
    }
}
