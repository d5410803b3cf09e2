//! What results show: for chapters, `d/NAME.js`, the text of a few
//! sections (for the snippet) and their pages (title, link, the headings of
//! their sections), a few KB each, so that a result needs one small file,
//! cut by [`super::cut`] between documents, so that an edit rewrites the
//! files of the page it changed; for cases, `c/K.js`, case `K` (in the
//! index's order) alone: its story is a few KB, and a file of its own,
//! found by its number, needs no name in `meta.js`.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::format::{CaseFile, PageInfo, TextFile};
use super::{Page, cut, script_json};
use crate::output::{Dep, OutputFile};
use crate::text::Fingerprint;

/// A file holds about this many bytes at least…
const MIN_BYTES: usize = 2_500;
/// …and this many at most (or one page that has more): a first query
/// loads one per result shown, and `meta.js` names each, so both the files
/// and their number count.
const MAX_BYTES: usize = 5_500;

/// The text files of the last build by name: (what they hold, the file);
/// the case files by number.
#[derive(Default)]
pub(super) struct Texts {
    last: HashMap<String, (u128, Arc<OutputFile>)>,
    cases: Vec<(u128, Arc<OutputFile>)>,
}

/// About how many bytes a text file spends on a page besides its texts.
fn page_bytes(p: &Page<'_>) -> usize {
    let headings: usize = p
        .sections
        .iter()
        .map(|s| s.heading.len() + s.anchor.as_deref().map_or(0, str::len) + 12)
        .sum();
    p.href.len() + p.title.len() + p.date.as_deref().map_or(0, str::len) + 60 + headings
}

/// Everything a text file writes of a page, and the page's dependencies.
fn page_key(p: &Page<'_>) -> u128 {
    let mut f = Fingerprint::default();
    f.u128(p.kind as u128)
        .str(&p.href)
        .str(&p.title)
        .str(p.lang.as_deref().unwrap_or("\0"))
        .str(p.date.as_deref().unwrap_or("\0"));
    for (name, value, _) in &p.facets {
        f.str(name).str(value);
    }
    for s in &p.sections {
        f.str(s.anchor.as_deref().unwrap_or("\0"))
            .str(&s.heading)
            .str(&s.text);
    }
    f.json(&p.deps);
    f.finish()
}

/// What a result shows of chapter `p`.
fn page_info<'a>(p: &'a Page<'_>) -> PageInfo<'a> {
    PageInfo {
        href: &p.href,
        title: &p.title,
        lang: p.lang.as_deref(),
        sections: p
            .sections
            .iter()
            .map(|s| (s.anchor.as_deref().unwrap_or(""), s.heading.as_str()))
            .collect(),
    }
}

/// What a result shows of case `p`: its link, title, date and badges (its
/// reason and outcome), and its text.
fn case_file<'a>(p: &'a Page<'_>) -> CaseFile<'a> {
    CaseFile {
        href: &p.href,
        title: &p.title,
        date: p.date.as_deref(),
        badges: ["reason", "outcome"]
            .iter()
            .filter_map(|b| p.facets.iter().find(|f| f.0 == *b))
            .map(|f| f.1.as_str())
            .collect(),
        text: super::format::lines(p.sections.first().map_or("", |s| s.text.as_ref())),
    }
}

impl Texts {
    /// A file for each case of `cases` (in the index's order), reusing each
    /// whose case is unchanged.
    pub fn write_cases(&mut self, cases: &[&Page<'_>], common: &[Dep]) -> Vec<Arc<OutputFile>> {
        let last = &self.cases;
        let made: Vec<(u128, Arc<OutputFile>)> = cases
            .par_iter()
            .enumerate()
            .map(|(k, p)| {
                let key = *p.hashes.text.get_or_init(|| page_key(p));
                if let Some((old, file)) = last.get(k)
                    && *old == key
                {
                    return (key, Arc::clone(file));
                }
                let file = case_file(p);
                // The case's own text; its number follows from the list.
                let mut deps = common.to_vec();
                deps.push(Dep::CaseList);
                deps.extend(p.deps.iter().cloned());
                deps.sort();
                deps.dedup();
                let json = super::json::case_file(&file);
                (key, Arc::new(script_json(&format!("c/{k}"), &json, deps)))
            })
            .collect();
        let files = made.iter().map(|m| Arc::clone(&m.1)).collect();
        self.cases = made;
        files
    }

    /// The text files of `pages` (in document order; `doc_of_page` is the
    /// first document of each), reusing each file whose first document,
    /// documents and pages are unchanged. Files are cut between documents
    /// (a long chapter's sections may fall into two files, each with the
    /// page), so that a result loads a few KB however long its page. A file
    /// is named by a hash of its first document's place, so that it keeps
    /// its name when a file before it is split or joined. Returns the first
    /// document and the name of each file, and the files.
    pub fn write(
        &mut self,
        pages: &[&Page<'_>],
        doc_of_page: &[u32],
        common: &[Dep],
    ) -> (Vec<usize>, Vec<String>, Vec<Arc<OutputFile>>) {
        let keys: Vec<u128> = pages
            .par_iter()
            .map(|p| *p.hashes.text.get_or_init(|| page_key(p)))
            .collect();
        // Every document as (page, section).
        let docs: Vec<(usize, usize)> = pages
            .iter()
            .enumerate()
            .flat_map(|(i, p)| (0..p.sections.len()).map(move |j| (i, j)))
            .collect();
        // Where a document is: its page's link and its section's number.
        let place = |d: usize| {
            let (i, j) = docs[d];
            format!("{}#{j}", pages[i].href)
        };
        let anchor = |d: usize| {
            let (i, j) = docs[d];
            let h = xxhash_rust::xxh3::xxh3_64_with_seed(pages[i].href.as_bytes(), j as u64);
            cut::is_anchor_hash(h)
        };
        let ranges = cut::ranges(
            docs.len(),
            |d| {
                let (i, j) = docs[d];
                let s = &pages[i].sections[j];
                let page = if j == 0 { page_bytes(pages[i]) } else { 0 };
                page + s.text.len() + 8
            },
            anchor,
            MIN_BYTES,
            MAX_BYTES,
        );
        let names = cut::names(
            ranges
                .iter()
                .map(|r| place(r.start))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
        );
        let last = &self.last;
        let made: Vec<(String, u128, Arc<OutputFile>)> = ranges
            .par_iter()
            .zip(names)
            .map(|(range, name)| {
                let first_page = docs[range.start].0;
                let held = first_page..docs[range.end - 1].0 + 1;
                let mut f = Fingerprint::default();
                f.u128(range.start as u128)
                    .u128(range.len() as u128)
                    .u128(first_page as u128)
                    .u128(doc_of_page[first_page] as u128);
                for k in &keys[held.clone()] {
                    f.u128(*k);
                }
                let key = f.finish();
                if let Some((k, file)) = last.get(&name)
                    && *k == key
                {
                    return (name, key, Arc::clone(file));
                }
                let file = TextFile {
                    first: range.start,
                    texts: docs[range.clone()]
                        .iter()
                        .map(|&(i, j)| super::format::lines(pages[i].sections[j].text.as_ref()))
                        .collect(),
                    page: docs[range.clone()]
                        .iter()
                        .map(|&(i, _)| i - first_page)
                        .collect(),
                    pages: pages[held.clone()]
                        .iter()
                        .enumerate()
                        .map(|(k, p)| (first_page + k, page_info(p)))
                        .collect(),
                };
                // The file holds these pages' text; its numbering follows
                // from the lists of chapters and cases.
                let mut deps = common.to_vec();
                deps.extend([Dep::ChapterList, Dep::CaseList]);
                for p in &pages[held] {
                    deps.extend(p.deps.iter().cloned());
                }
                deps.sort();
                deps.dedup();
                let json = super::json::text_file(&file);
                let file = Arc::new(script_json(&format!("d/{name}"), &json, deps));
                (name, key, file)
            })
            .collect();
        let firsts = ranges.iter().map(|r| r.start).collect();
        let names = made.iter().map(|m| m.0.clone()).collect();
        let files = made.iter().map(|m| Arc::clone(&m.2)).collect();
        self.last = made.into_iter().map(|(n, k, f)| (n, (k, f))).collect();
        (firsts, names, files)
    }
}
