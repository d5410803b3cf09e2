//! Building the index: from nothing ([`build`]), or brought up to date
//! with the pages of a new build ([`Builder`], kept between builds by
//! `serve` and `watch`), the same bytes either way.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::analyse::{Analysis, DocTerms, analyse};
use super::postings::{PAIRS, Table, Touched, WORDS};
use super::shards::{PairShards, Shards};
use super::texts::Texts;
use super::{
    FilterGroup, Index, K1, Kind, LEVELS, Options, Page, filters, format, script, synonyms, text,
    vocabulary,
};
use crate::output::{Dep, OutputFile};
use crate::text::Fingerprint;

/// Build the index of `pages` from nothing. Chapters come first in document
/// order (so that a filter on the kind of page is a range), cases after
/// them in the order given (newest first: the order of an empty query with
/// filters). `common` are the dependencies of every index file.
pub fn build(pages: &[Page<'_>], options: &Options, common: &[Dep]) -> Index {
    Builder::default().build(&pages.iter().collect::<Vec<_>>(), options, common)
}

/// The index and what it was made from, kept from one build to the next
/// (serve and watch) so that an edit costs what it changed: the analysis
/// of each document (by a hash of its fields), every term's postings and
/// their encoding, and the files, each reused while what it holds is
/// unchanged. Every build gives the same bytes as [`build`] from nothing.
#[derive(Default)]
pub struct Builder {
    /// The documents of the last build, in order: (key, terms).
    docs: Vec<(u128, Arc<DocTerms>)>,
    table: Table,
    shards: Shards,
    pairs: Table,
    pair_shards: PairShards,
    texts: Texts,
    /// The vocabulary files of the last build, also by pair.
    vocabulary: Vec<Arc<OutputFile>>,
    vocabulary_kept: vocabulary::Kept,
    /// The hash of each file of the last build, by its address (the file
    /// is kept here, so the address is its own).
    file_hashes: crate::kept::ByArc<OutputFile, u128>,
    /// The filters of the last build, by what they were made from.
    #[allow(clippy::type_complexity)]
    filters: Option<(u128, Vec<FilterGroup>, Vec<Arc<OutputFile>>)>,
    /// A one-shot build: there is no next build to keep anything for, and
    /// the documents' terms and the postings go as soon as the files made
    /// from them are (before the text files, which are as large again).
    pub once: bool,
}

/// A document's terms: kept from the last build, or analysed now.
enum Doc {
    Kept(Arc<DocTerms>),
    New(Analysis),
}

/// Pages analysed at once: enough to keep every thread busy, few enough
/// that their analyses (before they are numbered) take little memory.
const PAGES_AT_ONCE: usize = 256;

/// Beyond this share of changed documents, filling the table again is
/// cheaper than updating it.
const UPDATE_AT_MOST: usize = 8;

/// Each page's documents: (key, terms), the terms kept from the last build
/// where `known` has the key, else analysed now (in parallel).
fn analyse_pages(
    pages: &[&Page<'_>],
    known: &HashMap<u128, &Arc<DocTerms>>,
) -> Vec<Vec<(u128, Doc)>> {
    pages
        .par_iter()
        .map(|p| {
            p.sections
                .iter()
                .zip(p.section_keys())
                .map(|(s, &key)| match known.get(&key) {
                    Some(d) => (key, Doc::Kept(Arc::clone(d))),
                    None => (key, Doc::New(analyse(s))),
                })
                .collect()
        })
        .collect()
}

impl Builder {
    /// Bring the index up to date with `pages` (see [`build`]).
    pub fn build(&mut self, pages: &[&Page<'_>], options: &Options, common: &[Dep]) -> Index {
        let mut order: Vec<&Page<'_>> = pages
            .iter()
            .copied()
            .filter(|p| p.kind == Kind::Chapter)
            .collect();
        let chapter_pages = order.len();
        order.extend(pages.iter().copied().filter(|p| p.kind == Kind::Case));
        let pages = order;

        // Every document's key, and its terms from the last build where the
        // key is known (else analysed now).
        // Analysed in parallel a few pages at a time, then numbered in the
        // tables in document order (the same numbers every time).
        // Numbering is on one thread, so a few pages are numbered while the
        // next few are analysed.
        let known: HashMap<u128, &Arc<DocTerms>> = self.docs.iter().map(|(k, d)| (*k, d)).collect();
        let mut per_page: Vec<Vec<(u128, Arc<DocTerms>)>> = Vec::with_capacity(pages.len());
        let (table, pairs) = (&mut self.table, &mut self.pairs);
        let mut analysed: Vec<Vec<(u128, Doc)>> = Vec::new();
        for chunk in pages.chunks(PAGES_AT_ONCE).map(Some).chain([None]) {
            let done = std::mem::take(&mut analysed);
            let (next, ()) = rayon::join(
                || chunk.map(|c| analyse_pages(c, &known)).unwrap_or_default(),
                || {
                    for page in done {
                        let page = page.into_iter().map(|(key, doc)| {
                            let terms = match doc {
                                Doc::Kept(d) => d,
                                Doc::New(a) => Arc::new(a.intern(table, pairs)),
                            };
                            (key, terms)
                        });
                        per_page.push(page.collect());
                    }
                },
            );
            analysed = next;
        }
        drop(known);
        let sections: Vec<usize> = per_page[..chapter_pages].iter().map(Vec::len).collect();
        let mut doc_of_page = Vec::with_capacity(pages.len());
        let mut docs: Vec<(u128, Arc<DocTerms>)> = Vec::with_capacity(self.docs.len());
        for p in per_page {
            doc_of_page.push(docs.len() as u32);
            docs.extend(p);
        }

        // The postings: updated where documents kept their numbers.
        let changed: Vec<(u32, Arc<DocTerms>)> = if docs.len() == self.docs.len() {
            self.docs
                .iter()
                .zip(&docs)
                .enumerate()
                .filter(|(_, (old, new))| old.0 != new.0)
                .map(|(d, (old, _))| (d as u32, Arc::clone(&old.1)))
                .collect()
        } else {
            Vec::new()
        };
        let terms: Vec<Arc<DocTerms>> = docs.iter().map(|d| Arc::clone(&d.1)).collect();
        let incremental = docs.len() == self.docs.len()
            && !self.docs.is_empty()
            && changed.len() <= docs.len() / UPDATE_AT_MOST;
        let touched = if incremental {
            let (words, _) = rayon::join(
                || self.table.update(&changed, &terms, WORDS),
                || self.pairs.update(&changed, &terms, PAIRS),
            );
            words
        } else {
            rayon::join(
                || self.table.rebuild(&terms, WORDS),
                || self.pairs.rebuild(&terms, PAIRS),
            );
            self.shards.clear();
            self.pair_shards.clear();
            Touched {
                terms: true,
                counts: true,
            }
        };
        let doc_count = docs.len();
        if self.once {
            // The words of every document are in the tables now: a
            // one-shot build lets them go before the files are written
            // (a tenth of its peak memory at 10,000 pages).
            drop((terms, changed, docs));
            crate::memory::give_back_free_memory();
        } else {
            self.docs = docs;
        }

        let mut deps_all = common.to_vec();
        deps_all.extend([Dep::ChapterList, Dep::CaseList, Dep::AllContent]);

        let mut files = Vec::new();
        let languages = options.languages(pages.as_slice());
        let synonyms = synonyms::entries(&languages, &options.synonyms, &self.table, &self.pairs);
        let (shard_firsts, shard_names, shard_files) =
            self.shards.write_words(&self.table, &synonyms, &deps_all);
        files.extend(shard_files);
        let (pair_buckets, pair_files) = self.pair_shards.write(&self.pairs, &deps_all);
        files.extend(pair_files);
        if touched.terms || touched.counts || self.vocabulary.is_empty() {
            let vocab: Vec<(&str, usize)> = self
                .table
                .sorted
                .par_iter()
                .map(|&t| (self.table.name(t), self.table.get(t).docs.len()))
                .collect();
            self.vocabulary = vocabulary::files_kept(&vocab, &deps_all, &mut self.vocabulary_kept);
        }
        files.extend(self.vocabulary.iter().cloned());
        if self.once {
            self.table = Table::default();
            self.pairs = Table::default();
            self.shards.clear();
            self.pair_shards.clear();
            crate::memory::give_back_free_memory();
        }
        let (text_firsts, text_names, text_files) = self.texts.write(
            &pages[..chapter_pages],
            &doc_of_page[..chapter_pages],
            common,
        );
        files.extend(text_files);
        files.extend(self.texts.write_cases(&pages[chapter_pages..], common));
        let mut key = Fingerprint::default();
        for (p, d) in pages.iter().zip(&doc_of_page) {
            key.u128(u128::from(*d)).u128(p.facets_key());
        }
        let key = key.finish();
        let (filters, filter_files) = match &self.filters {
            Some((k, groups, files)) if *k == key => (groups.clone(), files.clone()),
            _ => {
                let mut made = Vec::new();
                let groups = filters::filters(&pages, &doc_of_page, &deps_all, &mut made);
                let made: Vec<Arc<OutputFile>> = made.into_iter().map(Arc::new).collect();
                self.filters = Some((key, groups.clone(), made.clone()));
                (groups, made)
            }
        };
        files.extend(filter_files);

        // Changes with any file of the index, so that a browser never mixes
        // files of two builds.
        let hashes = self.file_hashes.all(&files, |f| {
            Fingerprint::default().str(&f.path).bytes(&f.bytes).finish()
        });
        let mut version = Fingerprint::default();
        for h in &hashes {
            version.u128(*h);
        }
        // How many documents each text file holds (smaller than where each
        // begins; the browser sums them up).
        let case_docs = doc_of_page
            .get(chapter_pages)
            .map_or(doc_count, |&d| d as usize);
        let text_counts: Vec<usize> = text_firsts
            .iter()
            .zip(text_firsts.iter().skip(1).chain([&case_docs]))
            .map(|(a, b)| b - a)
            .collect();
        let version = format!("{:016x}", version.finish() as u64);
        let vocabulary: Vec<&str> = self
            .vocabulary
            .iter()
            .map(|f| {
                f.path
                    .trim_start_matches("search/v/")
                    .trim_end_matches(".js")
            })
            .collect();
        let shards: Vec<String> = shard_firsts.iter().map(|s| format::code_units(s)).collect();
        let meta = format::Meta {
            format: format::FORMAT,
            version: version.clone(),
            docs: doc_count,
            pages: pages.len(),
            chapter_pages,
            sections,
            shards: &shards,
            shard_names: shard_names.concat(),
            pair_buckets,
            text_files: text_counts,
            text_names: text_names.concat(),
            vocabulary: vocabulary.join(" "),
            filters: filters
                .iter()
                .map(|g| {
                    let values = g.values.iter();
                    (
                        g.name,
                        values
                            .map(|v| (v.value.as_str(), v.label.as_str(), v.count))
                            .collect(),
                    )
                })
                .collect(),
            stop: text::STOP_WORDS,
            fillers: text::FILLERS,
            levels: LEVELS,
            k1: K1,
            pretty: options.pretty,
        };
        let lookup = format::Lookup {
            version: &version,
            shards: &shards,
            shard_names: &meta.shard_names,
            pair_buckets,
            stop: text::STOP_WORDS,
            fillers: text::FILLERS,
            digits: format::DIGIT_PIECES,
        };
        // Terms are folded words, but a `<` would let a `</script>` end the
        // element early.
        let lookup = serde_json::to_string(&lookup)
            .unwrap_or_default()
            .replace('<', "\\u003c");
        files.push(Arc::new(script("meta", &meta, deps_all)));
        Index {
            files,
            filters,
            lookup,
        }
    }
}

#[cfg(test)]
mod tests;
