//! The model stage: each file parsed (again only when its text changed),
//! then the handbook checked as a whole.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::record_checks;
use super::sources::{Entry, Sources};
use crate::config::Config;
use crate::diag::Diagnostics;
use crate::model::case::{self, Case};
use crate::model::chapter::{self, Chapter};
use crate::model::site::{self, Parsed, Site};

/// Each file's parse, by its path: (text hash, site language, parse) for
/// chapters, whose slug and language depend on the site's language.
#[derive(Default)]
pub(super) struct Parses {
    chapters: HashMap<String, (u128, String, Parsed<Chapter>), ahash::RandomState>,
    cases: HashMap<String, (u128, Parsed<Case>), ahash::RandomState>,
    /// Where each record's `@/` links are ([`record_checks`]).
    record_links: record_checks::KeptRecordLinks,
    /// What rendering would remove from each record ([`record_checks`]).
    record_warnings: record_checks::KeptRecordWarnings,
    /// Whether to keep parses for the next run (not in a one-shot build).
    pub(super) keep: bool,
}

impl Parses {
    /// The validated handbook of `sources`; every problem goes to `diags`.
    pub(super) fn model(
        &mut self,
        config: &Config,
        sources: &Sources,
        drafts: bool,
        diags: &mut Diagnostics,
    ) -> Site {
        let lang = config.language.as_str();
        let chapters: Vec<(&str, u128, Parsed<Chapter>, bool)> = readable(&sources.chapters)
            .into_par_iter()
            .map(|(rel, h, f)| match self.chapters.get(rel) {
                Some((ch, cl, p)) if *ch == h && cl == lang => (rel, h, p.clone(), false),
                _ => (rel, h, chapter::parse(f, lang).map(Arc::new), true),
            })
            .collect();
        let cases: Vec<(&str, u128, Parsed<Case>, bool)> = readable(&sources.cases)
            .into_par_iter()
            .map(|(rel, h, f)| match self.cases.get(rel) {
                Some((ch, p)) if *ch == h => (rel, h, p.clone(), false),
                _ => {
                    let p = case::parse(f, case::record_schema()).map(Arc::new);
                    (rel, h, p, true)
                }
            })
            .collect();
        diags.extend(sources.unreadable().cloned());
        if self.keep {
            // New parses in, files gone out (most runs: one in).
            for (r, h, p, fresh) in &chapters {
                if *fresh {
                    let kept = (*h, lang.to_string(), p.clone());
                    self.chapters.insert(r.to_string(), kept);
                }
            }
            for (r, h, p, fresh) in &cases {
                if *fresh {
                    self.cases.insert(r.to_string(), (*h, p.clone()));
                }
            }
            if self.chapters.len() > chapters.len() {
                forget_gone(&mut self.chapters, &sources.chapters);
            }
            if self.cases.len() > cases.len() {
                forget_gone(&mut self.cases, &sources.cases);
            }
        }
        let chapters = chapters.into_iter().map(|c| c.2).collect();
        let cases = cases.into_iter().map(|c| c.2).collect();
        let (site, d) = site::assemble_parsed(config, chapters, cases, drafts);
        diags.extend(d.0);
        // The raw records' own checks (render sees only what is published).
        record_checks::check_record_links(&site, &mut self.record_links, diags);
        record_checks::check_records(
            &site,
            config.anonymize.publish_notes,
            &mut self.record_warnings,
            diags,
        );
        site
    }
}

/// (path under `content/`, text hash, file) of each file that was read.
fn readable(files: &BTreeMap<PathBuf, Entry>) -> Vec<(&str, u128, &crate::load::SourceFile)> {
    files
        .values()
        .filter_map(|e| e.file.as_ref().ok().map(|f| (f.rel.as_str(), e.hash, f)))
        .collect()
}

/// Drop from a parse cache the files no longer read (or no longer readable).
fn forget_gone<V>(
    cache: &mut HashMap<String, V, ahash::RandomState>,
    files: &BTreeMap<PathBuf, Entry>,
) {
    let now: HashSet<&str, ahash::RandomState> = files
        .values()
        .filter_map(|e| e.file.as_ref().ok())
        .map(|f| f.rel.as_str())
        .collect();
    cache.retain(|k, _| now.contains(k.as_str()));
}
