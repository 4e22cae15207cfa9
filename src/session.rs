//! A site kept loaded between builds, for `watch` and `serve`.
//!
//! The build pipeline is the same for a session as for `throughline build`
//! (see [`crate::build`]); what a session adds sits around the renderer's
//! outputs, from outside. For each output it remembers what the output's
//! draft read of the model and analysis, the digest of the draft's data,
//! and the digest of each file's bytes. On the next build, an output none
//! of whose reads changed (see [`Changes`]) is the file already on disk and
//! is not even drafted; one whose draft has the same digest is not laid out;
//! a file whose bytes are the same is not written. The output folder is
//! updated in place, so a rebuild after one save costs about what the save
//! touched.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::analyse::Analysis;
use crate::model::Model;
use crate::render::memo::{Fingerprint, of_bytes};
use crate::render::reads::{self, Changes, Read};
use crate::render::{OutputFile, Rendered, Renderer};
use crate::{BuildError, BuildOptions, Built, load, write};

/// A site kept loaded between builds: each build parses only the files
/// whose content changed since the last, drafts and lays out only the
/// outputs that may have changed, and writes only the files whose bytes
/// changed, in place.
pub struct Session {
    /// What to build, and where.
    pub options: BuildOptions,
    cache: load::LoadCache,
    /// What the last build made; `None` before the first build and after a
    /// failure, when the next build makes and writes everything.
    last: Option<Memory>,
}

impl Session {
    /// A session that has not built yet.
    pub fn new(options: BuildOptions) -> Self {
        Session { options, cache: load::LoadCache::default(), last: None }
    }

    /// Builds, reusing what did not change.
    pub fn build(&mut self) -> Result<Built, BuildError> {
        crate::build_with(&self.options, &mut self.cache, Some(&mut self.last))
    }

    /// How many files the last build had to parse.
    pub fn parsed(&self) -> usize {
        self.cache.parsed
    }

    /// Forgets everything loaded (after a failure that may have left the
    /// cache half-updated).
    pub fn reset(&mut self) {
        self.cache = load::LoadCache::default();
        self.last = None;
    }
}

/// What a session knows of the output it wrote last.
pub(crate) struct Memory {
    /// Each output, by its path.
    made: HashMap<String, Made>,
    /// What every output shared (see [`Renderer::shared`]).
    shared: Fingerprint,
    /// The folder's stamp then: if a build or `pack` has written the folder
    /// since, this memory no longer describes it.
    stamp: Option<String>,
    /// The model and analysis the outputs were made from.
    site: Arc<(Model, Analysis)>,
}

/// How one output was made.
#[derive(Clone)]
struct Made {
    /// What its draft read.
    reads: Arc<[Read]>,
    /// The digest of its draft.
    from: Fingerprint,
    /// Its files, with the digest of their bytes.
    files: Arc<[(String, Fingerprint)]>,
}

/// One render against the last: the files to write, the files kept as
/// they are on disk, and how each output was made.
struct Pass {
    rendered: Rendered,
    kept: Vec<String>,
    made: HashMap<String, Made>,
}

/// Renders against what the session made last and brings the output folder
/// up to date in place; the first build of a session, or one after the
/// folder was changed behind the session's back, writes it all.
pub(crate) fn update(
    renderer: &Renderer<'_>,
    site: &Arc<(Model, Analysis)>,
    options: &BuildOptions,
    slot: &mut Option<Memory>,
) -> Result<(Rendered, write::WriteReport), BuildError> {
    // Taken now: if anything below fails, the next build starts afresh.
    let stamp = write::stamp(&options.output);
    let last = slot.take().filter(|last| last.stamp == stamp);
    let mut pass = render_against(renderer, site, last.as_ref())?;
    let (root, output) = (&options.root, &options.output);
    let report = match &last {
        None => write::write_site(root, output, &pass.rendered.files)?,
        Some(last) => {
            let before = last.made.values().flat_map(|m| m.files.iter().map(|(path, _)| path.as_str()));
            match write::update_site(root, output, &pass.rendered.files, &pass.kept, before) {
                // The output was removed or changed by something else: make
                // and write all of it.
                Err(write::WriteError::Changed { .. }) => {
                    pass = render_against(renderer, site, None)?;
                    write::write_site(root, output, &pass.rendered.files)?
                }
                other => other?,
            }
        }
    };
    *slot = Some(Memory {
        made: pass.made,
        shared: renderer.shared(),
        stamp: write::stamp(&options.output),
        site: site.clone(),
    });
    Ok((pass.rendered, report))
}

/// Every output of the site, each kept, laid out again or made anew
/// depending on what changed since `last`.
fn render_against(
    renderer: &Renderer<'_>,
    site: &Arc<(Model, Analysis)>,
    last: Option<&Memory>,
) -> Result<Pass, BuildError> {
    let (model, analysis) = (&site.0, &site.1);
    // What the last build's drafts can be trusted for: not when something
    // every output shares changed (the theme, say). Its files' digests
    // still say what is on disk.
    let trusted = last.filter(|last| last.shared == renderer.shared());
    let changes = match trusted {
        Some(last) => Changes::between((&last.site.0, &last.site.1), (model, analysis)),
        None => Changes::everything(),
    };
    type Result1 = Result<(String, Made, Vec<OutputFile>, Vec<String>, Vec<String>), crate::render::RenderError>;
    let one = |output| -> Result1 {
        let key = renderer.path(output);
        let before = last.and_then(|last| last.made.get(&key));
        let trusted = trusted.and_then(|last| last.made.get(&key));
        let keep = |made: Made| {
            let kept = made.files.iter().map(|(path, _)| path.clone()).collect();
            (key.clone(), made, Vec::new(), kept, Vec::new())
        };
        if let Some(made) = trusted.filter(|made| !changes.touch(&made.reads, |probe| renderer.cx.probe(probe))) {
            return Ok(keep(Made { reads: changes.renumber(&made.reads), ..made.clone() }));
        }
        let (draft, read) = reads::recording(|| renderer.draft(output));
        let read: Arc<[Read]> = read.into();
        let from = draft.fingerprint();
        if let Some(made) = trusted.filter(|made| made.from == from) {
            return Ok(keep(Made { reads: read, ..made.clone() }));
        }
        let finished = draft.finish()?;
        let mut files = Vec::new();
        let mut kept = Vec::new();
        let mut digests = Vec::new();
        for file in finished.files {
            let digest = of_bytes(&file.bytes);
            digests.push((file.path.clone(), digest));
            match before.is_some_and(|made| made.files.iter().any(|(p, d)| *p == file.path && *d == digest)) {
                true => kept.push(file.path),
                false => files.push(file),
            }
        }
        let made = Made { reads: read, from, files: digests.into() };
        Ok((key, made, files, kept, finished.warnings))
    };
    // One task per output: the few large pages about the whole portfolio
    // come first in the list and would otherwise fall to one core.
    let results: Vec<_> = renderer.outputs().into_par_iter().with_max_len(1).map(one).collect::<Result<_, _>>()?;
    let mut pass = Pass { rendered: Rendered::default(), kept: Vec::new(), made: HashMap::new() };
    for (key, made, files, kept, warnings) in results {
        pass.rendered.paths.extend(made.files.iter().map(|(path, _)| path.clone()));
        pass.rendered.files.extend(files);
        pass.rendered.warnings.extend(warnings);
        pass.kept.extend(kept);
        pass.made.insert(key, made);
    }
    pass.kept.sort();
    pass.rendered = renderer.finish(pass.rendered)?;
    Ok(pass)
}
