//! Every term's postings, kept between builds and updated document by
//! document, with each term's encoding as the browser reads it.
//!
//! A full build fills the table from every document; a rebuild in which
//! the documents keep their numbers (an edit that adds no heading, page or
//! case) takes the changed documents' old postings out and puts their new
//! ones in, and encodes again only the terms they touch. Postings stay in
//! document order either way, so both give the same table.
//!
//! Terms are numbers ([`Names`]): the table is an array by number, and a
//! document's terms ([`DocTerms`]) are numbers into it.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::sync::Arc;

use ahash::{AHashMap as HashMap, AHashSet as HashSet};
use rayon::prelude::*;

use super::analyse::{DocTerms, PAIR_LEVEL};
use super::format::push_number_bytes;
use super::names::{Names, PairMap};

/// Which of a document's terms a table holds: its words (with their
/// levels, which the table writes) or its pairs of words (their documents
/// only: their words' levels score them).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Pick {
    Words,
    Pairs,
}

/// Words, by level.
pub(super) const WORDS: Pick = Pick::Words;
/// Pairs of words.
pub(super) const PAIRS: Pick = Pick::Pairs;

impl Pick {
    /// Call `each` with every term of `doc` this table holds, and its level.
    fn each(self, doc: &DocTerms, mut each: impl FnMut(u32, u8)) {
        match self {
            Pick::Words => {
                for (&t, &level) in doc.words.iter().zip(doc.levels.iter()) {
                    each(t, level);
                }
            }
            Pick::Pairs => {
                for &t in doc.pairs.iter() {
                    each(t, PAIR_LEVEL);
                }
            }
        }
    }
}

/// One term of the index.
#[derive(Debug, Default)]
pub(super) struct Term {
    /// The documents holding it, in order; none for a term no document has
    /// (any more).
    pub docs: Vec<u32>,
    /// The level of each of `docs` (a word's); none for a pair (5 bytes a
    /// posting for words and 4 for pairs, where a (document, level) pair
    /// took 8).
    pub levels: Vec<u8>,
    /// Postings as the browser reads them (see [`super::format::WordShard`]).
    pub tiers: String,
    /// Changes whenever the encoding may have: a file holding the same
    /// terms at the same versions holds the same bytes. `0` for a term
    /// not in the index.
    pub version: u64,
}

/// The terms of the index, by number.
#[derive(Debug, Default)]
pub(super) struct Table {
    /// Every term's name by its number: every term ever met, also those
    /// no document has any more (their number stays theirs).
    pub names: Names,
    /// A pair table's pairs by their words' numbers (`first << 32 |
    /// second`).
    by_words: PairMap,
    /// Each term by its number (a term added since the last fill or
    /// update may not have one yet).
    terms: Vec<Term>,
    /// The terms with postings, as JavaScript sorts their names (by
    /// UTF-16 code units).
    pub sorted: Vec<u32>,
    /// The terms the last update changed, added or removed; `None` after
    /// a rebuild (all of them).
    pub changes: Option<Vec<u32>>,
    next_version: u64,
}

/// Compare as JavaScript compares strings.
pub(super) fn js_cmp(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.cmp(b)
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

/// What an update changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Touched {
    /// A term was added or removed.
    pub terms: bool,
    /// A term's number of documents changed.
    pub counts: bool,
}

impl Table {
    /// The name of term `t`.
    pub fn name(&self, t: u32) -> &str {
        self.names.name(t)
    }

    /// Term `t` of [`Table::sorted`].
    pub fn get(&self, t: u32) -> &Term {
        &self.terms[t as usize]
    }

    /// Term `t`, if any document has it.
    pub fn term(&self, t: u32) -> Option<&Term> {
        self.terms.get(t as usize).filter(|e| !e.docs.is_empty())
    }

    /// The term named `name` (of a word table), if any document has it.
    pub fn find(&self, name: &str) -> Option<&Term> {
        self.term(self.names.find(name)?)
    }

    /// The pair of words `a` and `b` (of a pair table; `words`, the word
    /// table), if any document has it.
    pub fn find_pair(&self, words: &Table, a: &str, b: &str) -> Option<&Term> {
        let key = u64::from(words.names.find(a)?) << 32 | u64::from(words.names.find(b)?);
        self.term(self.by_words.get(key)?)
    }

    /// The number of the pair of words `a` and `b` (by their numbers in
    /// `words`), given it if new.
    pub fn intern_pair(&mut self, a: u32, b: u32, words: &Names) -> u32 {
        let names = &mut self.names;
        self.by_words
            .get_or_insert_with(u64::from(a) << 32 | u64::from(b), || {
                names.push_pair(words.name(a), words.name(b))
            })
            .0
    }

    /// Fill the table from `docs` (document `d` is `docs[d]`).
    pub fn rebuild(&mut self, docs: &[Arc<DocTerms>], pick: Pick) {
        let n = self.names.len();
        // Each term's postings in one allocation of the right size.
        let mut counts = vec![0u32; n];
        for doc in docs {
            pick.each(doc, |t, _| counts[t as usize] += 1);
        }
        let mut terms: Vec<Term> = counts
            .iter()
            .map(|&c| Term {
                docs: Vec::with_capacity(c as usize),
                levels: Vec::with_capacity(if pick == Pick::Words { c as usize } else { 0 }),
                ..Term::default()
            })
            .collect();
        drop(counts);
        for (d, doc) in docs.iter().enumerate() {
            match pick {
                Pick::Words => {
                    for (&t, &level) in doc.words.iter().zip(doc.levels.iter()) {
                        let e = &mut terms[t as usize];
                        e.docs.push(d as u32);
                        e.levels.push(level);
                    }
                }
                Pick::Pairs => {
                    for &t in doc.pairs.iter() {
                        terms[t as usize].docs.push(d as u32);
                    }
                }
            }
        }
        terms
            .par_iter_mut()
            .filter(|e| !e.docs.is_empty())
            .for_each(|e| e.tiers = encode(e));
        let mut sorted = Vec::new();
        for (t, e) in terms.iter_mut().enumerate() {
            if !e.docs.is_empty() {
                self.next_version += 1;
                e.version = self.next_version;
                sorted.push(t as u32);
            }
        }
        let names = &self.names;
        let mut keyed: Vec<(&str, u32)> = sorted.iter().map(|&t| (names.name(t), t)).collect();
        if names.bytes_sort_as_js() {
            keyed.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
        } else {
            keyed.par_sort_unstable_by(|a, b| js_cmp(a.0, b.0));
        }
        let sorted = keyed.into_iter().map(|(_, t)| t).collect();
        self.terms = terms;
        self.sorted = sorted;
        self.changes = None;
    }

    /// Replace the terms of the documents in `changed` ((document, old
    /// terms)); `docs` holds their new terms and every other document's.
    /// A term is encoded again only where one of its postings changed
    /// (an edit of a few words changes few).
    pub fn update(
        &mut self,
        changed: &[(u32, Arc<DocTerms>)],
        docs: &[Arc<DocTerms>],
        pick: Pick,
    ) -> Touched {
        if self.terms.len() < self.names.len() {
            self.terms.resize_with(self.names.len(), Term::default);
        }
        let mut dirty = Vec::new();
        let mut touched = Touched::default();
        let mut before: HashMap<u32, u8> = HashMap::new();
        let mut kept: HashSet<u32> = HashSet::new();
        for (d, old) in changed {
            let d = *d;
            before.clear();
            pick.each(old, |t, level| {
                before.insert(t, level);
            });
            kept.clear();
            let terms = &mut self.terms;
            pick.each(&docs[d as usize], |t, level| {
                kept.insert(t);
                let e = &mut terms[t as usize];
                let words = pick == Pick::Words;
                match e.docs.binary_search(&d) {
                    Ok(k) if words => e.levels[k] = level,
                    Ok(_) => {}
                    Err(k) => {
                        e.docs.insert(k, d);
                        if words {
                            e.levels.insert(k, level);
                        }
                        touched.counts = true;
                    }
                }
                if before.get(&t) != Some(&level) {
                    dirty.push(t);
                }
            });
            pick.each(old, |t, _| {
                if kept.contains(&t) {
                    return;
                }
                let e = &mut terms[t as usize];
                if let Ok(k) = e.docs.binary_search(&d) {
                    e.docs.remove(k);
                    if pick == Pick::Words {
                        e.levels.remove(k);
                    }
                    touched.counts = true;
                    dirty.push(t);
                }
            });
        }
        dirty.sort_unstable();
        dirty.dedup();

        let terms = &self.terms;
        let encoded: Vec<(u32, String)> = dirty
            .par_iter()
            .filter(|&&t| !terms[t as usize].docs.is_empty())
            .map(|&t| (t, encode(&terms[t as usize])))
            .collect();
        let mut added = Vec::new();
        for (t, tiers) in encoded {
            self.next_version += 1;
            let e = &mut self.terms[t as usize];
            if e.version == 0 {
                added.push(t);
            }
            e.tiers = tiers;
            e.version = self.next_version;
        }
        let mut gone = false;
        for &t in &dirty {
            let e = &mut self.terms[t as usize];
            if !e.docs.is_empty() || e.version == 0 {
                continue;
            }
            gone = true;
            e.version = 0;
            e.tiers = String::new();
            let (names, name) = (&self.names, self.names.name(t));
            if let Ok(k) = self
                .sorted
                .binary_search_by(|&s| js_cmp(names.name(s), name))
            {
                self.sorted.remove(k);
            }
        }
        touched.terms = gone || !added.is_empty();
        for t in added {
            let (names, name) = (&self.names, self.names.name(t));
            if let Err(k) = self
                .sorted
                .binary_search_by(|&s| js_cmp(names.name(s), name))
            {
                self.sorted.insert(k, t);
            }
        }
        self.changes = Some(dirty);
        touched
    }
}

thread_local! {
    /// [`encode`]'s buffer: a term's documents, level by level.
    static BY_LEVEL: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// The levels a posting can have (`LEVELS` and below).
const LEVEL_SLOTS: usize = 32;

/// A term's postings as the browser reads them: for words, grouped by
/// level, highest first, each group its level, its number of documents
/// and their gaps; for pairs (no levels), the gaps alone. The most common
/// terms have a posting in most documents, so this is written for speed:
/// documents are put in their level's place (a counting sort), not
/// sorted, and the numbers written as bytes, made a string once.
fn encode(term: &Term) -> String {
    let (docs, levels) = (&term.docs, &term.levels);
    let mut out = Vec::with_capacity(docs.len() * 2 + 4);
    if levels.is_empty() {
        gaps(docs, &mut out);
        return into_string(out);
    }
    let mut count = [0u32; LEVEL_SLOTS];
    for &lv in levels {
        count[usize::from(lv)] += 1;
    }
    if count.iter().filter(|&&c| c > 0).count() == 1 {
        push_number_bytes(&mut out, u32::from(levels[0]));
        push_number_bytes(&mut out, docs.len() as u32);
        gaps(docs, &mut out);
        return into_string(out);
    }
    // Where each level's documents start, highest level first.
    let mut start = [0usize; LEVEL_SLOTS];
    let mut at = 0;
    for lv in (0..LEVEL_SLOTS).rev() {
        start[lv] = at;
        at += count[lv] as usize;
    }
    BY_LEVEL.with(|buf| {
        let mut by_level = buf.borrow_mut();
        by_level.clear();
        by_level.resize(docs.len(), 0);
        let mut next = start;
        // Documents stay ascending within a level.
        for (&doc, &lv) in docs.iter().zip(levels) {
            by_level[next[usize::from(lv)]] = doc;
            next[usize::from(lv)] += 1;
        }
        for lv in (0..LEVEL_SLOTS).rev() {
            let n = count[lv] as usize;
            if n == 0 {
                continue;
            }
            push_number_bytes(&mut out, lv as u32);
            push_number_bytes(&mut out, n as u32);
            gaps(&by_level[start[lv]..start[lv] + n], &mut out);
        }
    });
    into_string(out)
}

/// Each document's gap from the one before (the first's from 0).
fn gaps(docs: &[u32], out: &mut Vec<u8>) {
    let mut last = 0;
    for &doc in docs {
        push_number_bytes(out, doc - last);
        last = doc;
    }
}

/// Bytes [`push_number_bytes`] wrote (ASCII) as a string.
fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::super::format::numbers;
    use super::*;

    #[test]
    fn postings_are_grouped_by_level_highest_first_with_gaps() {
        let term = |docs: &[u32], levels: &[u8]| Term {
            docs: docs.to_vec(),
            levels: levels.to_vec(),
            ..Term::default()
        };
        let words = encode(&term(&[0, 1, 2, 40], &[4, 9, 4, 4]));
        // Level 9: one document (1); level 4: three (0, 2, 40).
        assert_eq!(numbers(&words), [9, 1, 1, 4, 3, 0, 2, 38]);
        let pairs = encode(&term(&[0, 1, 2, 40], &[]));
        assert_eq!(numbers(&pairs), [0, 1, 1, 38]);
        let one = encode(&term(&[3, 5], &[7, 7]));
        assert_eq!(numbers(&one), [7, 2, 3, 2]);
        let big = encode(&term(&[0, 15, 16, 4000, 70_000], &[]));
        assert_eq!(numbers(&big), [0, 15, 1, 3984, 66_000]);
    }
}
