//! The last site that passed every check: what `serve` shows, what
//! `build` publishes, and what the next run compares itself with.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::render::DepValues;
use crate::anonymize::RevealRow;
use crate::config::Config;
use crate::output::OutputFile;

pub(super) struct Good {
    pub(super) files: Vec<Arc<OutputFile>>,
    /// A hash of each file's bytes…
    pub(super) hashes: Vec<u128>,
    /// …and all of them, to know bytes that passed the leak check.
    pub(super) contents: HashSet<u128>,
    pub(super) by_path: HashMap<String, usize>,
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
