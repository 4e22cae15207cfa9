//! Load: find the content files of a site root, read them in parallel, split
//! front matter from body, parse TOML with spans and render Markdown.
//!
//! Loading never stops at the first problem: every file is read and every
//! problem becomes a diagnostic, so one `check` shows all that needs fixing.
//! This is the only stage that reads the file system.

mod discover;
pub mod frontmatter;
pub mod markdown;
pub mod raw;
pub mod theme;
pub mod toml_doc;
pub mod typst_markup;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Diagnostics, FileId, SourceFile, SourceMap};
pub use discover::{ContentFile, discover, is_editor_leftover};
pub use markdown::{Body, RawHtml};
use raw::*;

/// The kinds of content file, each with its own folder and format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `content/organisation.toml`
    Organisation,
    /// `content/priorities/*.md`
    Priority,
    /// `content/objectives/**/*.md`
    Objective,
    /// `content/projects/**/*.md`
    Project,
    /// `content/programmes/*.md`
    Programme,
    /// `content/teams/*.toml`
    Team,
    /// `content/checkins/*.toml`
    Checkin,
    /// `content/reviews/*.md`
    Review,
}

impl Kind {
    /// Every kind kept in a folder, in the order pages list them.
    pub const FOLDERS: [Kind; 7] =
        [Kind::Priority, Kind::Objective, Kind::Programme, Kind::Project, Kind::Team, Kind::Checkin, Kind::Review];

    /// The folder under `content/` holding this kind.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Organisation => "",
            Kind::Priority => "priorities",
            Kind::Objective => "objectives",
            Kind::Project => "projects",
            Kind::Programme => "programmes",
            Kind::Team => "teams",
            Kind::Checkin => "checkins",
            Kind::Review => "reviews",
        }
    }

    /// The file extension of this kind.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Organisation | Kind::Team | Kind::Checkin => "toml",
            _ => "md",
        }
    }

    /// Whether files of this kind have `+++` front matter and a Markdown body.
    pub fn has_body(self) -> bool {
        self.extension() == "md"
    }

    /// The kind in words, with an article, for messages.
    pub fn what(self) -> &'static str {
        match self {
            Kind::Organisation => "organisation.toml",
            Kind::Priority => "a priority",
            Kind::Objective => "an objective",
            Kind::Project => "a project",
            Kind::Programme => "a programme",
            Kind::Team => "a team",
            Kind::Checkin => "a check-in",
            Kind::Review => "a review",
        }
    }

    /// The kind's name in the singular, for messages ("project").
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Organisation => "organisation",
            Kind::Priority => "priority",
            Kind::Objective => "objective",
            Kind::Project => "project",
            Kind::Programme => "programme",
            Kind::Team => "team",
            Kind::Checkin => "check-in",
            Kind::Review => "review",
        }
    }

    /// The kind's name in the plural, for messages ("priorities").
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Organisation => "organisations",
            Kind::Priority => "priorities",
            Kind::Objective => "objectives",
            Kind::Project => "projects",
            Kind::Programme => "programmes",
            Kind::Team => "teams",
            Kind::Checkin => "check-ins",
            Kind::Review => "reviews",
        }
    }

    /// The keys allowed at a table path of this kind's front matter.
    pub fn keys_at(self, path: &[&str]) -> &'static [&'static str] {
        match (self, path) {
            (Kind::Organisation, []) => RawOrganisation::KEYS,
            (Kind::Organisation, ["site"]) => RawSite::KEYS,
            (Kind::Organisation, ["periods"]) => RawPeriod::KEYS,
            (Kind::Organisation, ["scoring"]) => RawScoring::KEYS,
            (Kind::Organisation, ["scoring", "criteria"]) => RawCriterion::KEYS,
            (Kind::Organisation, ["limits"]) => RawLimits::KEYS,
            (Kind::Organisation, ["teams"]) => RawInlineTeam::KEYS,
            (Kind::Organisation, ["packs"]) => RawPacks::KEYS,
            (Kind::Organisation, ["rhythm"]) => RawRhythm::KEYS,
            (Kind::Priority, []) => RawPriority::KEYS,
            (Kind::Objective, []) => RawObjective::KEYS,
            (Kind::Objective, ["key_results"]) => RawKeyResult::KEYS,
            (Kind::Objective, ["close"]) => RawClose::KEYS,
            (Kind::Project, []) => RawProject::KEYS,
            (Kind::Project, ["objectives"]) => RawObjectiveLinkTable::KEYS,
            (Kind::Project, ["hypothesis"]) => RawHypothesis::KEYS,
            (Kind::Project, ["benefits"]) => RawBenefit::KEYS,
            (Kind::Project, ["milestones"]) => RawMilestone::KEYS,
            (Kind::Programme, []) => RawProgramme::KEYS,
            (Kind::Programme, ["objectives"]) => RawObjectiveLinkTable::KEYS,
            (Kind::Programme, ["benefits"]) => RawBenefit::KEYS,
            (Kind::Team, []) => RawTeam::KEYS,
            (Kind::Checkin, []) => RawCheckin::KEYS,
            (Kind::Checkin, ["key_results"]) => RawKeyResultUpdate::KEYS,
            (Kind::Checkin, ["projects"]) => RawProjectUpdate::KEYS,
            (Kind::Review, []) => RawReview::KEYS,
            (Kind::Review, ["decisions"]) => RawDecision::KEYS,
            (Kind::Review, ["actions"]) => RawAction::KEYS,
            (
                Kind::Priority | Kind::Objective | Kind::Project | Kind::Programme | Kind::Team | Kind::Review,
                ["waivers"],
            ) => RawWaiver::KEYS,
            _ => &[],
        }
    }
}

/// One parsed content file.
#[derive(Debug, Clone)]
pub struct Doc<T> {
    /// The id: the file stem.
    pub id: String,
    /// The file, for diagnostics.
    pub file: FileId,
    /// The front matter as written.
    pub raw: T,
    /// The rendered Markdown body (empty for `.toml` files), shared with
    /// the model so that building it copies no text.
    pub body: Arc<Body>,
    /// Where the TOML sits in the file; findings about the whole thing point
    /// at its first line.
    pub front_matter: Range<usize>,
}

/// Everything read from a site root, plus the problems found reading it.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The files read, for diagnostics.
    pub sources: SourceMap,
    /// `organisation.toml`, if it was found and parsed.
    pub organisation: Option<Arc<Doc<RawOrganisation>>>,
    /// Parsed priorities, in path order.
    pub priorities: Vec<Arc<Doc<RawPriority>>>,
    /// Parsed objectives, in path order.
    pub objectives: Vec<Arc<Doc<RawObjective>>>,
    /// Parsed projects, in path order.
    pub projects: Vec<Arc<Doc<RawProject>>>,
    /// Parsed programmes, in path order.
    pub programmes: Vec<Arc<Doc<RawProgramme>>>,
    /// Parsed teams, in path order.
    pub teams: Vec<Arc<Doc<RawTeam>>>,
    /// Parsed check-ins, in path order.
    pub checkins: Vec<Arc<Doc<RawCheckin>>>,
    /// Parsed reviews, in path order.
    pub reviews: Vec<Arc<Doc<RawReview>>>,
    /// Problems found while loading.
    pub diagnostics: Diagnostics,
    /// Ids of files that exist but could not be parsed: references to them
    /// are not reported again as unknown.
    pub unparsed: Vec<(Kind, String)>,
}

/// A parsed file, shared between the load cache and each load: a session
/// hands unchanged files to the next build without copying them.
#[derive(Clone)]
enum Parsed {
    Organisation(Arc<Doc<RawOrganisation>>),
    Priority(Arc<Doc<RawPriority>>),
    Objective(Arc<Doc<RawObjective>>),
    Project(Arc<Doc<RawProject>>),
    Programme(Arc<Doc<RawProgramme>>),
    Team(Arc<Doc<RawTeam>>),
    Checkin(Arc<Doc<RawCheckin>>),
    Review(Arc<Doc<RawReview>>),
}

#[derive(Clone)]
struct FileResult {
    kind: Kind,
    id: String,
    source: Arc<SourceFile>,
    parsed: Option<Parsed>,
    diagnostics: Vec<Diagnostic>,
}

/// Reads and parses every content file under `root/content`.
pub fn load(root: &Path) -> Loaded {
    load_with(root, &mut LoadCache::default())
}

/// Parsed files kept between builds, so that `watch` parses a file again
/// only when its bytes change. A file whose size and modification time are
/// unchanged is not even read; one whose stamp changed is read and hashed,
/// and parsed only if its content differs.
#[derive(Default)]
pub struct LoadCache {
    entries: HashMap<PathBuf, Cached>,
    policy: RawHtml,
    /// Files parsed (not reused) by the last load, for reporting.
    pub parsed: usize,
}

#[derive(Clone)]
struct Cached {
    stamp: Option<(SystemTime, u64)>,
    hash: u64,
    result: FileResult,
}

fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

fn hash_of(bytes: &[u8]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(bytes, &mut hasher);
    std::hash::Hasher::finish(&hasher)
}

/// Loads one file, reusing the cached parse when the file is unchanged.
fn load_cached(file: FileId, content: &ContentFile, policy: RawHtml, cached: Option<Cached>) -> Cached {
    let now = stamp(&content.absolute);
    let cached = match cached {
        Some(mut cached) if now.is_some() && cached.stamp == now => {
            cached.result.set_file(file);
            return cached;
        }
        other => other,
    };
    // Read once: for the digest that says whether it changed, and to parse.
    let read = read_content(&content.absolute);
    let hash = match &read {
        Ok(bytes) => hash_of(bytes),
        Err(_) => 0,
    };
    if let Some(mut cached) = cached.filter(|c| read.is_ok() && c.hash == hash) {
        cached.stamp = now;
        cached.result.set_file(file);
        return cached;
    }
    Cached { stamp: now, hash, result: load_file(file, content, policy, read) }
}

/// Content files larger than this are refused with a diagnostic rather
/// than read: no strategy text or project narrative comes near it, and a
/// file that does (a pasted image, a log, an export) would only slow
/// every build down and bloat its page.
pub const MAX_CONTENT_FILE: u64 = 10_000_000;

/// Why a content file's bytes could not be had.
enum ReadError {
    /// Bigger than [`MAX_CONTENT_FILE`] (its size).
    TooLarge(u64),
    /// The system said no (gone since it was listed, no permission, …).
    Io(std::io::Error),
}

/// A content file's bytes, at most [`MAX_CONTENT_FILE`] of them.
fn read_content(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > MAX_CONTENT_FILE {
        return Err(ReadError::TooLarge(size));
    }
    // A file that grows while it is read still stops at the limit.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_CONTENT_FILE + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_CONTENT_FILE {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// [`load`], reusing what `cache` holds from the previous load.
pub fn load_with(root: &Path, cache: &mut LoadCache) -> Loaded {
    let mut loaded = Loaded::default();
    let discovered = discover(root);
    loaded.diagnostics.extend(discovered.diagnostics);
    // organisation.toml first: its `[site] raw_html` decides how every body
    // is rendered.
    // Each file takes its old entry out of the cache; files no longer there
    // drop out with the old map.
    let mut old = std::mem::take(&mut cache.entries);
    let mut previous: Vec<Option<Cached>> = discovered.files.iter().map(|f| old.remove(&f.absolute)).collect();
    let mut hashes: Vec<Option<u64>> = previous.iter().map(|c| c.as_ref().map(|c| c.hash)).collect();
    let organisation = discovered.files.iter().position(|f| f.kind == Kind::Organisation);
    let first = organisation.map(|index| {
        let file = &discovered.files[index];
        load_cached(FileId::of_path(&file.relative), file, RawHtml::default(), previous[index].take())
    });
    let policy = raw_html_policy(first.as_ref().and_then(|c| c.result.parsed.as_ref()));
    if policy != cache.policy {
        // Every body renders differently now.
        previous.iter_mut().for_each(|p| *p = None);
        hashes.iter_mut().for_each(|h| *h = None);
        cache.policy = policy;
    }
    let mut first = first;
    let results: Vec<Cached> = discovered
        .files
        .par_iter()
        .zip(previous)
        .enumerate()
        .map(|(index, (file, cached))| {
            (organisation != Some(index)).then(|| load_cached(FileId::of_path(&file.relative), file, policy, cached))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|result| result.or_else(|| first.take()).expect("the organisation file was loaded first"))
        .collect();
    let mut parsed = 0;
    for ((file, cached), hash) in discovered.files.iter().zip(results).zip(hashes) {
        parsed += usize::from(hash != Some(cached.hash));
        loaded.distribute(&cached.result);
        cache.entries.insert(file.absolute.clone(), cached);
    }
    cache.parsed = parsed;
    loaded
}

impl FileResult {
    /// Moves the result to the file's place in this load (ids are positions
    /// in the sorted file list, which move when files come and go).
    fn set_file(&mut self, file: FileId) {
        let result = self;
        if result.parsed.as_ref().is_none_or(|p| p.file() == file)
            && result.diagnostics.iter().all(|d| d.location.as_ref().is_none_or(|l| l.file == file))
        {
            return;
        }
        let set = |location: &mut Option<crate::diag::Location>| {
            if let Some(l) = location {
                l.file = file;
            }
        };
        for d in &mut result.diagnostics {
            set(&mut d.location);
            for label in &mut d.labels {
                label.location.file = file;
            }
        }
        match &mut result.parsed {
            Some(Parsed::Organisation(d)) => Arc::make_mut(d).file = file,
            Some(Parsed::Priority(d)) => Arc::make_mut(d).file = file,
            Some(Parsed::Objective(d)) => Arc::make_mut(d).file = file,
            Some(Parsed::Project(d)) => Arc::make_mut(d).file = file,
            Some(Parsed::Programme(d)) => Arc::make_mut(d).file = file,
            Some(Parsed::Team(d)) => Arc::make_mut(d).file = file,
            Some(Parsed::Checkin(d)) => Arc::make_mut(d).file = file,
            Some(Parsed::Review(d)) => Arc::make_mut(d).file = file,
            None => {}
        }
    }
}

impl Parsed {
    fn file(&self) -> FileId {
        match self {
            Parsed::Organisation(d) => d.file,
            Parsed::Priority(d) => d.file,
            Parsed::Objective(d) => d.file,
            Parsed::Project(d) => d.file,
            Parsed::Programme(d) => d.file,
            Parsed::Team(d) => d.file,
            Parsed::Checkin(d) => d.file,
            Parsed::Review(d) => d.file,
        }
    }
}

/// The raw-HTML policy an organisation file asks for.
fn raw_html_policy(organisation: Option<&Parsed>) -> RawHtml {
    match organisation {
        Some(Parsed::Organisation(doc)) => {
            doc.raw.site.raw_html.as_ref().map_or(RawHtml::default(), |w| RawHtml::from_setting(w.get_ref()))
        }
        _ => RawHtml::default(),
    }
}

/// Loads in-memory files given as (path from the site root, text): the same
/// parsing as [`load`] without the file system, for tests and tools.
pub fn load_texts(files: &[(&str, &str)]) -> Loaded {
    let mut sorted: Vec<&(&str, &str)> = files.iter().collect();
    sorted.sort_by_key(|(path, _)| *path);
    let mut loaded = Loaded::default();
    let mut policy = RawHtml::default();
    if let Some((path, text)) = sorted.iter().find(|(path, _)| *path == "content/organisation.toml") {
        let content = ContentFile {
            absolute: PathBuf::from(path),
            relative: PathBuf::from(path),
            kind: Kind::Organisation,
            id: "organisation".into(),
        };
        let parsed = parse_file(FileId::of_path(&content.relative), &content, text, policy, &mut Vec::new());
        policy = raw_html_policy(parsed.as_ref());
    }
    for (path, text) in sorted {
        let file = FileId::of_path(Path::new(path));
        let relative = PathBuf::from(path);
        let folder = path.trim_start_matches("content/").split('/').next().unwrap_or("");
        let kind = if *path == "content/organisation.toml" {
            Kind::Organisation
        } else {
            Kind::FOLDERS.into_iter().find(|k| k.folder() == folder).unwrap_or(Kind::Project)
        };
        let id = relative.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let content = ContentFile { absolute: relative.clone(), relative, kind, id };
        let mut diagnostics = Vec::new();
        let parsed = parse_file(file, &content, text, policy, &mut diagnostics);
        loaded.distribute(&FileResult {
            kind: content.kind,
            id: content.id.clone(),
            source: Arc::new(SourceFile::new(content.relative, text.to_string())),
            parsed,
            diagnostics,
        });
    }
    loaded
}

impl Loaded {
    fn distribute(&mut self, result: &FileResult) {
        self.sources.add_shared(result.source.clone());
        self.diagnostics.extend(result.diagnostics.iter().cloned());
        match &result.parsed {
            Some(Parsed::Organisation(d)) => self.organisation = Some(d.clone()),
            Some(Parsed::Priority(d)) => self.priorities.push(d.clone()),
            Some(Parsed::Objective(d)) => self.objectives.push(d.clone()),
            Some(Parsed::Project(d)) => self.projects.push(d.clone()),
            Some(Parsed::Programme(d)) => self.programmes.push(d.clone()),
            Some(Parsed::Team(d)) => self.teams.push(d.clone()),
            Some(Parsed::Checkin(d)) => self.checkins.push(d.clone()),
            Some(Parsed::Review(d)) => self.reviews.push(d.clone()),
            None => self.unparsed.push((result.kind, result.id.clone())),
        }
    }
}

fn load_file(file: FileId, content: &ContentFile, policy: RawHtml, read: Result<Vec<u8>, ReadError>) -> FileResult {
    let mut diagnostics = Vec::new();
    let text = match read {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                let valid = error.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
                diagnostics.push(
                    Diagnostic::error("not-utf8", "file is not valid UTF-8 text")
                        .at(file, valid..valid + 1)
                        .with_label("this byte is not UTF-8")
                        .with_help("save the file with UTF-8 encoding (in most editors: Save with Encoding › UTF-8)"),
                );
                return FileResult {
                    kind: content.kind,
                    id: content.id.clone(),
                    source: Arc::new(SourceFile::new(content.relative.clone(), text)),
                    parsed: None,
                    diagnostics,
                };
            }
        },
        Err(error) => {
            diagnostics.push(match error {
                ReadError::TooLarge(size) => Diagnostic::error(
                    "file-too-large",
                    format!(
                        "`{}` is {:.1} MB, more than a content file may be ({} MB)",
                        content.relative.display(),
                        size as f64 / 1e6,
                        MAX_CONTENT_FILE / 1_000_000
                    ),
                )
                .at(file, 0..0)
                .with_help("keep large files (images, exports, logs) outside content/ and link to them"),
                ReadError::Io(error) => Diagnostic::error(
                    "unreadable-file",
                    format!("cannot read `{}`: {error}", content.relative.display()),
                )
                .at(file, 0..0)
                .with_help("check the file exists and you have permission to read it"),
            });
            return FileResult {
                kind: content.kind,
                id: content.id.clone(),
                source: Arc::new(SourceFile::new(content.relative.clone(), String::new())),
                parsed: None,
                diagnostics,
            };
        }
    };
    let parsed = parse_file(file, content, &text, policy, &mut diagnostics);
    let source = Arc::new(SourceFile::new(content.relative.clone(), text));
    FileResult { kind: content.kind, id: content.id.clone(), source, parsed, diagnostics }
}

/// A warning for a link or image taken out of a body, at its address.
fn removed_link(file: FileId, text: &str, body_start: usize, url: &str) -> Diagnostic {
    let at =
        text[body_start..].find(url).map_or(body_start..body_start, |i| body_start + i..body_start + i + url.len());
    let (message, help) = if markdown::is_unsafe_url(url) {
        (
            "a link in the body would run a script; it was taken out",
            "link to web pages (https://…) or to pages of the site",
        )
    } else {
        (
            "a link in the body leads out of the site; it was taken out",
            "put the file on the intranet and link to its full address (https://…), or link to a page of the site",
        )
    };
    Diagnostic::warning("link-removed", message).at(file, at).with_label("this address").with_help(help)
}

fn parse_file(
    file: FileId,
    content: &ContentFile,
    text: &str,
    policy: RawHtml,
    out: &mut Vec<Diagnostic>,
) -> Option<Parsed> {
    let kind = content.kind;
    let (front_matter, body) = if kind.has_body() {
        match frontmatter::split(text) {
            Ok(split) => {
                let mut body = markdown::render(&text[split.body.clone()], policy);
                for url in &body.removed {
                    out.push(removed_link(file, text, split.body.start, url));
                }
                if kind == Kind::Project {
                    body.words = crate::analyse::similarity::word_digests(&body.text);
                }
                if matches!(kind, Kind::Review | Kind::Priority) {
                    let place = typst_markup::Place { file, offset: split.body.start };
                    let converted = typst_markup::convert(&text[split.body], place, 1);
                    out.extend(converted.diagnostics);
                    body.typst = Some(converted.markup);
                }
                (split.front_matter, body)
            }
            Err(frontmatter::SplitError::NoOpeningFence(span)) => {
                out.push(
                    Diagnostic::error("missing-front-matter", format!("{} file must start with `+++` front matter", kind.noun()))
                        .at(file, span)
                        .with_label("expected a line holding only `+++`")
                        .with_help("start the file with a `+++` line, then the TOML fields, then another `+++` line, then the Markdown body"),
                );
                return None;
            }
            Err(frontmatter::SplitError::Unclosed(span)) => {
                out.push(
                    Diagnostic::error("unclosed-front-matter", "front matter is opened but never closed")
                        .at(file, span)
                        .with_label("opened here")
                        .with_help("add a line holding only `+++` after the last TOML field"),
                );
                return None;
            }
        }
    } else {
        (0..text.len(), Body::default())
    };
    let keys_at = |path: &[&str]| kind.keys_at(path);
    let doc = toml_doc::TomlDoc { file, text, range: front_matter.clone(), what: kind.what(), keys_at: &keys_at };
    let id = content.id.clone();
    fn make<T: DeserializeOwned>(
        doc: &toml_doc::TomlDoc<'_>,
        out: &mut Vec<Diagnostic>,
        id: String,
        body: Body,
    ) -> Option<Doc<T>> {
        let raw = toml_doc::parse::<T>(doc, out)?;
        Some(Doc { id, file: doc.file, raw, body: Arc::new(body), front_matter: doc.range.clone() })
    }
    Some(match kind {
        Kind::Organisation => Parsed::Organisation(Arc::new(make(&doc, out, id, body)?)),
        Kind::Priority => Parsed::Priority(Arc::new(make(&doc, out, id, body)?)),
        Kind::Objective => Parsed::Objective(Arc::new(make(&doc, out, id, body)?)),
        Kind::Project => Parsed::Project(Arc::new(make(&doc, out, id, body)?)),
        Kind::Programme => Parsed::Programme(Arc::new(make(&doc, out, id, body)?)),
        Kind::Team => Parsed::Team(Arc::new(make(&doc, out, id, body)?)),
        Kind::Checkin => Parsed::Checkin(Arc::new(make(&doc, out, id, body)?)),
        Kind::Review => Parsed::Review(Arc::new(make(&doc, out, id, body)?)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file listed and then gone before it is read (deleted by an editor,
    /// a checkout) is an error naming it, not a panic.
    #[test]
    fn a_file_that_disappears_between_listing_and_reading_is_reported() {
        let root = tempfile::tempdir().unwrap();
        let absolute = root.path().join("content/projects/gone.md");
        let content = ContentFile {
            absolute: absolute.clone(),
            relative: PathBuf::from("content/projects/gone.md"),
            kind: Kind::Project,
            id: "gone".into(),
        };
        let cached = load_cached(FileId::of_path(&content.relative), &content, RawHtml::default(), None);
        let [diagnostic] = cached.result.diagnostics.as_slice() else { panic!("{:?}", cached.result.diagnostics) };
        assert_eq!(diagnostic.code, "unreadable-file");
        assert!(diagnostic.message.starts_with("cannot read `content/projects/gone.md`"), "{}", diagnostic.message);
        assert!(cached.result.parsed.is_none());
    }

    /// A document holding every key of every table must produce no
    /// unknown-key diagnostics: keeps the `KEYS` lists in step with fields.
    #[test]
    fn key_lists_match_the_raw_structs() {
        let cases: [(Kind, &[&str], String); 3] = [
            (
                Kind::Project,
                &[],
                "title='a'\nowner='a'\nsponsor='a'\nteam='a'\nstatus='a'\nrag='a'\nstart=2026-01-01\nend=2026-01-01\nbudget=1\nspent=1\nfte=1\nobjectives=['a',{id='a',key_result='b',strength='weak'}]\ndepends_on=['a']\ndecision='a'\nscores={a=1}\n[hypothesis]\npurpose='a'\nbeneficiaries='a'\noutcomes='a'\nconstraints='a'\nrisks='a'\ndependencies='a'\ndefinition_of_done='a'\n[[benefits]]\ntitle='a'\nmetric='a'\nplanned=1\nrealised=1\ndue=2026-01-01\nreviewed=2026-01-01\n[[milestones]]\ntitle='a'\ndate=2026-01-01\ndone=2026-01-01\n".into(),
            ),
            (
                Kind::Objective,
                &[],
                "title='a'\npriority='a'\nparent='a'\nperiod='a'\nteam='a'\nowner='a'\nperspective='a'\n[[key_results]]\nid='a'\ntitle='a'\nstart=1\ntarget=2\ncurrent=1\nunit='a'\ndirection='a'\nkind='a'\nowner='a'\nconfidence=0.5\n[close]\noutcome='a'\nscore=1\nlearnings='a'\ncarried_to='a'\ndate=2026-01-01\n".into(),
            ),
            (
                Kind::Organisation,
                &[],
                "name='a'\nvision='a'\nmission='a'\ncurrency='a'\ncurrent_period='a'\n[site]\ntitle='a'\ndescription='a'\nbase_url='a'\ntheme='a'\nraw_html='escape'\n[[periods]]\nid='a'\ntitle='a'\nstart=2026-01-01\nend=2026-01-01\n[scoring]\ncapacity=1\ncriteria=[{id='a',title='a',weight=1}]\n[limits]\nmax_priorities=1\nmax_objectives_per_team=1\nmax_key_results=1\nstale_checkin_days=1\nwatermelon_tolerance=1\ndrift_tolerance=1\nconfidence_tolerance=1\nclose_within_days=1\n[rhythm]\ncheckins='weekly'\nportfolio_review='monthly'\nstrategy_review='yearly'\n[[teams]]\nid='a'\ntitle='a'\nlead='a'\ncapacity_fte=1\nparent='a'\n[packs]\npaper='a4'\norientation='portrait'\n".into(),
            ),
        ];
        for (kind, _, text) in cases {
            let mut sources = SourceMap::new();
            let file = sources.add("x", text.clone());
            let keys_at = |path: &[&str]| kind.keys_at(path);
            let doc =
                toml_doc::TomlDoc { file, text: &text, range: 0..text.len(), what: kind.what(), keys_at: &keys_at };
            let mut out = Vec::new();
            let ok = match kind {
                Kind::Project => toml_doc::parse::<RawProject>(&doc, &mut out).is_some(),
                Kind::Objective => toml_doc::parse::<RawObjective>(&doc, &mut out).is_some(),
                _ => toml_doc::parse::<RawOrganisation>(&doc, &mut out).is_some(),
            };
            assert!(ok && out.is_empty(), "{kind:?}: {out:#?}");
        }
    }
}
