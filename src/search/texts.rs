//! What results show: `d/NAME.js`, the text of the documents of a few whole
//! pages (for the snippet) and those pages (title, link, the headings of
//! their sections), a few KB each, so that a result needs one small file.
//! Cut by [`super::cut`] at page boundaries, so that an edit rewrites the
//! file of the page it changed.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::{Kind, Page, cut, script};
use crate::render::{Dep, OutputFile};
use crate::text::Fingerprint;

/// A file holds at least this many bytes of text…
const MIN_BYTES: usize = 4_000;
/// …and is cut at this many, anchor or not.
const MAX_BYTES: usize = 12_000;

/// What a result shows of a page.
#[derive(Serialize)]
struct PageInfo<'a> {
    kind: Kind,
    href: &'a str,
    title: &'a str,
    lang: Option<&'a str>,
    meta: &'a str,
    /// (anchor, heading) of each of its documents.
    sections: Vec<(&'a str, &'a str)>,
}

/// The texts of a range of documents, with the pages they belong to.
#[derive(Serialize)]
struct TextFile<'a> {
    /// The first document.
    first: usize,
    texts: Vec<&'a str>,
    /// The page of each document, as an index into `pages`.
    page: Vec<usize>,
    /// (page number, page) of the pages of these documents.
    pages: Vec<(usize, PageInfo<'a>)>,
}

/// The text files of the last build by name: (what they hold, the file).
#[derive(Default)]
pub(super) struct Texts {
    last: HashMap<String, (u128, Arc<OutputFile>)>,
}

/// Everything a text file writes of a page, and the page's dependencies.
fn page_key(p: &Page<'_>) -> u128 {
    let mut f = Fingerprint::default();
    f.u128(p.kind as u128)
        .str(&p.href)
        .str(&p.title)
        .str(p.lang.as_deref().unwrap_or("\0"))
        .str(&p.meta);
    for s in &p.sections {
        f.str(s.anchor.as_deref().unwrap_or("\0"))
            .str(&s.heading)
            .str(&s.text);
    }
    f.json(&p.deps);
    f.finish()
}

impl Texts {
    /// The text files of `pages` (in document order; `doc_of_page` is the
    /// first document of each), reusing each file whose number, first
    /// document and pages are unchanged. A file is named by a hash of its
    /// first page's link, so that it keeps its name when a file before it is
    /// split or joined. Returns the first document and the name of each
    /// file, and the files.
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
        let ranges = cut::ranges(
            pages.len(),
            |i| pages[i].sections.iter().map(|s| s.text.len() + 4).sum(),
            |i| cut::is_anchor(&pages[i].href),
            MIN_BYTES,
            MAX_BYTES,
        );
        let last = &self.last;
        let made: Vec<(String, u128, Arc<OutputFile>)> = ranges
            .par_iter()
            .map(|range| {
                let name = format!(
                    "{:016x}",
                    xxhash_rust::xxh3::xxh3_64(pages[range.start].href.as_bytes())
                );
                let first = doc_of_page[range.start] as usize;
                let mut f = Fingerprint::default();
                f.u128(first as u128)
                    .u128(range.start as u128)
                    .u128(range.len() as u128);
                for k in &keys[range.clone()] {
                    f.u128(*k);
                }
                let key = f.finish();
                if let Some((k, file)) = last.get(&name)
                    && *k == key
                {
                    return (name, key, Arc::clone(file));
                }
                let held = &pages[range.clone()];
                let file = TextFile {
                    first,
                    texts: held
                        .iter()
                        .flat_map(|p| p.sections.iter().map(|s| s.text.as_ref()))
                        .collect(),
                    page: held
                        .iter()
                        .enumerate()
                        .flat_map(|(k, p)| std::iter::repeat_n(k, p.sections.len()))
                        .collect(),
                    pages: held
                        .iter()
                        .enumerate()
                        .map(|(k, p)| {
                            let info = PageInfo {
                                kind: p.kind,
                                href: &p.href,
                                title: &p.title,
                                lang: p.lang.as_deref(),
                                meta: &p.meta,
                                sections: p
                                    .sections
                                    .iter()
                                    .map(|s| {
                                        (s.anchor.as_deref().unwrap_or(""), s.heading.as_str())
                                    })
                                    .collect(),
                            };
                            (range.start + k, info)
                        })
                        .collect(),
                };
                // The file holds these pages' text; its numbering follows
                // from the lists of chapters and cases.
                let mut deps = common.to_vec();
                deps.extend([Dep::ChapterList, Dep::CaseList]);
                for p in held {
                    deps.extend(p.deps.iter().cloned());
                }
                deps.sort();
                deps.dedup();
                let file = Arc::new(script(&format!("d/{name}"), &file, deps));
                (name, key, file)
            })
            .collect();
        let firsts = ranges
            .iter()
            .map(|r| doc_of_page[r.start] as usize)
            .collect();
        let names = made.iter().map(|m| m.0.clone()).collect();
        let files = made.iter().map(|m| Arc::clone(&m.2)).collect();
        self.last = made.into_iter().map(|(n, k, f)| (n, (k, f))).collect();
        (firsts, names, files)
    }
}
