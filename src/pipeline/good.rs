//! The last site that passed every check: what `serve` shows, what
//! `build` publishes, and what the next run compares itself with.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::render::DepValues;
use super::{Diagnostics, Run};
use crate::anonymize::RevealRow;
use crate::config::Config;
use crate::output::OutputFile;

pub(super) struct Good {
    pub(super) files: Vec<Arc<OutputFile>>,
    /// A hash of each file's bytes…
    pub(super) hashes: Vec<u128>,
    /// …and all of them, to know bytes that passed the leak check.
    pub(super) contents: HashSet<u128, ahash::RandomState>,
    pub(super) by_path: HashMap<String, usize, ahash::RandomState>,
    /// The search index and page (also in `files`).
    pub(super) search: Vec<Arc<OutputFile>>,
    pub(super) deps: DepValues,
    pub(super) secrets: u128,
    pub(super) config: Config,
    pub(super) reveal: Vec<RevealRow>,
    pub(super) chapters: usize,
    pub(super) cases: usize,
    /// HTML pages (a streamed build keeps no `files`).
    pub(super) pages: usize,
}

impl Good {
    /// Where the file at `path` was, looked for first at `at`: files keep
    /// their places unless a page was added or removed, and 16,000 lookups
    /// by path cost more than the rest of a small rebuild's bookkeeping.
    pub(super) fn find(&self, at: usize, path: &str) -> Option<usize> {
        match self.files.get(at) {
            Some(f) if f.path == path => Some(at),
            _ => self.by_path.get(path).copied(),
        }
    }

    /// The file that was at `path` (found first at `at`) and its hash.
    pub(super) fn previous(&self, at: Option<usize>) -> Option<(&Arc<OutputFile>, u128)> {
        at.map(|k| (&self.files[k], self.hashes[k]))
    }
}

/// What the render and gate stages made of one run, streamed or kept.
pub(super) struct Made {
    /// Every file, in render order (none when streamed: they are written).
    pub(super) files: Vec<Arc<OutputFile>>,
    /// A hash of each of `files`' bytes.
    pub(super) hashes: Vec<u128>,
    /// The search index and page (also in `files`).
    pub(super) search: Vec<Arc<OutputFile>>,
    pub(super) deps: DepValues,
    /// HTML pages made.
    pub(super) pages: usize,
    /// Files made in this run, and files the leak gate read.
    pub(super) rendered: usize,
    pub(super) scanned: usize,
    /// Files whose bytes changed, were added or were removed.
    pub(super) changed: Vec<String>,
    /// Whether any file changed its place (a page added or removed).
    pub(super) moved: bool,
}

/// What the last good site says about the handbook it came from.
pub(super) struct Facts {
    pub(super) secrets: u128,
    pub(super) config: Config,
    pub(super) reveal: Vec<RevealRow>,
    pub(super) chapters: usize,
    pub(super) cases: usize,
}

impl Made {
    /// The run's report: `ok` when no problem in `diags` is an error.
    pub(super) fn run(&mut self, diagnostics: Diagnostics, timings: Vec<super::Lap>) -> Run {
        let ok = !diagnostics.has_errors();
        Run {
            ok,
            changed: if ok {
                std::mem::take(&mut self.changed)
            } else {
                Vec::new()
            },
            diagnostics,
            timings,
            rendered: self.rendered,
            scanned: self.scanned,
        }
    }
}

impl Good {
    /// The site of a run that passed, keeping `old`'s lookup by path when
    /// no file moved; and the bytes of `old`'s largest file (the print
    /// page), when this run made it again, as memory for the next.
    pub(super) fn new(made: Made, old: Option<Good>, facts: Facts) -> (Good, Option<Vec<u8>>) {
        let (old_by_path, spare) = match old {
            Some(g) => (Some(g.by_path), largest(g.files)),
            None => (None, None),
        };
        let by_path = match old_by_path {
            Some(by_path) if !made.moved => by_path,
            _ => made
                .files
                .iter()
                .enumerate()
                .map(|(i, f)| (f.path.clone(), i))
                .collect(),
        };
        let good = Good {
            contents: made.hashes.iter().copied().collect(),
            files: made.files,
            hashes: made.hashes,
            by_path,
            search: made.search,
            deps: made.deps,
            secrets: facts.secrets,
            config: facts.config,
            reveal: facts.reveal,
            chapters: facts.chapters,
            cases: facts.cases,
            pages: made.pages,
        };
        (good, spare)
    }
}

/// The bytes of the largest of `files`, unless another site holds the file
/// still (the new one kept it).
fn largest(mut files: Vec<Arc<OutputFile>>) -> Option<Vec<u8>> {
    let at = (0..files.len()).max_by_key(|&i| files[i].bytes.len())?;
    Arc::try_unwrap(files.swap_remove(at)).ok().map(|f| f.bytes)
}
