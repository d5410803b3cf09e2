//! The leak-gate stage: every file when the secret set changed, else only
//! the files whose bytes changed (and only what changed in them).

use std::collections::HashSet;
use std::sync::Arc;

use rayon::prelude::*;

use super::good::Good;
use crate::anonymize::secrets::SecretSet;
use crate::config::Config;
use crate::diag::Diagnostics;
use crate::gate::{Gate, Item, Scan, changed_part};
use crate::output::OutputFile;
use crate::text::hash;

/// Hashes of the default theme's scripts and stylesheet as exitbook ships
/// them: a file with exactly these bytes is read for its path only.
static BUILT_IN: std::sync::LazyLock<HashSet<u128>> = std::sync::LazyLock::new(|| {
    crate::render::theme::DEFAULT_ASSETS
        .iter()
        .map(|(_, bytes)| hash(bytes))
        .chain([hash(crate::search::script::SCRIPT.as_bytes())])
        .collect()
});

/// The gate of the current secret set, kept while the set is the same.
#[derive(Default)]
pub(super) struct Gates {
    gate: Option<(u128, Arc<Gate>)>,
}

/// How the files of a check stand in the run.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Pass {
    /// The whole site, kept with its hashes for the next run (`serve`,
    /// `--watch`, `check`).
    Site,
    /// A part of a streamed one-shot build, kept by nothing. `ahead`:
    /// files follow that hold its paragraphs again
    /// ([`Gate::scan_ahead`]).
    Stream { ahead: bool },
}

/// What the gate stage found out about the new site.
pub(super) struct Checked {
    /// A hash of each file's bytes (none in a [`Pass::Stream`]).
    pub(super) hashes: Vec<u128>,
    /// Files rendered in this run (not kept from the last good site).
    pub(super) rendered: usize,
    /// Files the gate read.
    pub(super) scanned: usize,
    /// Files whose bytes changed, were added or were removed.
    pub(super) changed: Vec<String>,
    /// Whether any file changed its place (a page added or removed).
    pub(super) moved: bool,
}

impl Gates {
    /// Scan `files` for every form of every secret; a leak is an error in
    /// `diags`. `statics`: the files of the `static/` folders.
    pub(super) fn check(
        &mut self,
        files: &[Arc<OutputFile>],
        pass: Pass,
        good: Option<&Good>,
        (secrets, fingerprint): (&SecretSet, u128),
        (config, statics): (&Config, &[(String, Vec<u8>)]),
        diags: &mut Diagnostics,
    ) -> Checked {
        // Files copied as they are from a `static/` folder: an error names
        // them as such (exitbook never rewrites them).
        let copied: HashSet<&str> = statics.iter().map(|(p, _)| p.as_str()).collect();
        let same_secrets = good.is_some_and(|g| g.secrets == fingerprint);
        // Where each file was in the last build: at the same place, after
        // an edit that added or removed no page.
        let before: Vec<Option<usize>> = files
            .par_iter()
            .enumerate()
            .map(|(i, f)| good.and_then(|g| g.find(i, &f.path)))
            .collect();
        let moved = good.is_none_or(|g| {
            g.files.len() != files.len() || before.iter().enumerate().any(|(i, b)| *b != Some(i))
        });
        let previous = |i: usize| good.and_then(|g| g.previous(before[i]));
        // A hash of each file's bytes (kept with a file that was kept). A
        // streamed build keeps none, and needs one only to know exitbook's
        // own scripts and stylesheet: its pages go unhashed (a pass over
        // every byte of the site; the gate then reads each page on its
        // own, and a page equal to another finds every segment met
        // before).
        let hashes: Vec<Option<u128>> = files
            .par_iter()
            .enumerate()
            .map(|(i, f)| match previous(i) {
                Some((old, h)) if Arc::ptr_eq(old, f) => Some(h),
                _ if pass != Pass::Site && f.path.ends_with(".html") => None,
                _ => Some(hash(&f.bytes)),
            })
            .collect();
        let rendered = (0..files.len())
            .filter(|i| !previous(*i).is_some_and(|(old, _)| Arc::ptr_eq(old, &files[*i])))
            .count();
        let unchanged: Vec<bool> = (0..files.len())
            .map(|i| previous(i).is_some_and(|(_, old)| Some(old) == hashes[i]))
            .collect();
        let gate = match &self.gate {
            Some((fp, g)) if *fp == fingerprint => Arc::clone(g),
            _ => {
                let g = Arc::new(Gate::new(secrets, config));
                self.gate = Some((fingerprint, Arc::clone(&g)));
                g
            }
        };
        // What changed in each file, compared on every core.
        let to_scan: Vec<Item<'_>> = (0..files.len())
            .into_par_iter()
            .filter(|i| !(same_secrets && unchanged[*i]))
            .map(|i| {
                let (f, h) = (&files[i], hashes[i]);
                let scan = match previous(i) {
                    // exitbook's own scripts and stylesheet, as shipped: our
                    // code holds no one's name (a `Han` or a `Marks` in it is
                    // a word of the code).
                    _ if h.is_some_and(|h| BUILT_IN.contains(&h)) => Scan::PathOnly,
                    // Bytes that passed under the same secrets at another
                    // path (a search shard renumbered): only the path is new.
                    _ if same_secrets
                        && h.is_some_and(|h| good.is_some_and(|g| g.contents.contains(&h))) =>
                    {
                        Scan::PathOnly
                    }
                    // A file that passed under the same secrets: what changed.
                    Some((old, _)) if same_secrets => {
                        Scan::Part(changed_part(&old.bytes, &f.bytes))
                    }
                    _ => Scan::Whole,
                };
                Item {
                    path: &f.path,
                    bytes: &f.bytes,
                    hash: h,
                    scan,
                    copied: copied.contains(f.path.as_str()),
                }
            })
            .collect();
        let scanned = to_scan.len();
        let found = if pass == (Pass::Stream { ahead: true }) {
            gate.scan_ahead(&to_scan)
        } else {
            gate.scan(&to_scan)
        };
        diags.extend(found.0);
        let mut changed: Vec<String> = (0..files.len())
            .filter(|i| !unchanged[*i])
            .map(|i| files[i].path.clone())
            .collect();
        if let Some(g) = good
            && moved
        {
            let now: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
            changed.extend(
                g.files
                    .iter()
                    .filter(|f| !now.contains(f.path.as_str()))
                    .map(|f| f.path.clone()),
            );
        }
        Checked {
            hashes: match pass {
                Pass::Site => hashes.into_iter().map(|h| h.unwrap_or_default()).collect(),
                Pass::Stream { .. } => Vec::new(),
            },
            rendered,
            scanned,
            changed,
            moved,
        }
    }

    /// Forget the gate (a one-shot build needs it no more).
    pub(super) fn forget(&mut self) {
        self.gate = None;
    }
}
