//! Every term's postings, kept between builds and updated document by
//! document, with each term's encoding as the browser reads it.
//!
//! A full build fills the table from every document; a rebuild in which
//! the documents keep their numbers (an edit that adds no heading, page or
//! case) takes the changed documents' old postings out and puts their new
//! ones in, and encodes again only the terms they touch. Postings stay in
//! document order either way, so both give the same table.

use std::cmp::Ordering;
use std::collections::HashSet;

use ahash::AHashMap as HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::analyse::{Bag, DocTerms};
use super::format::push_number;

/// Which of a document's bags a table holds, and whether it writes their
/// levels.
#[derive(Clone, Copy)]
pub(super) struct Pick {
    bag: fn(&DocTerms) -> &Bag,
    levels: bool,
}

/// Words, by level.
pub(super) const WORDS: Pick = Pick {
    bag: |d| &d.words,
    levels: true,
};

/// Pairs of words: their documents only (their words' levels score them).
pub(super) const PAIRS: Pick = Pick {
    bag: |d| &d.pairs,
    levels: false,
};

/// One document holding a term: (document, level).
pub(super) type Posting = (u32, u8);

/// One term of the index.
#[derive(Debug, Default)]
pub(super) struct Term {
    /// In document order.
    pub postings: Vec<Posting>,
    /// Postings as the browser reads them (see [`super::format::WordShard`]).
    pub tiers: String,
    /// `tiers` level by level (highest first), so that a changed posting
    /// re-encodes its level only: the most common terms hold a posting in
    /// most documents.
    groups: Vec<Group>,
    /// Changes whenever the encoding may have: a file holding the same
    /// terms at the same versions holds the same bytes.
    pub version: u64,
}

/// One level's part of a term's encoding.
#[derive(Debug, Default, Clone)]
struct Group {
    level: u8,
    /// The level, the number of documents and their gaps (or, for pairs,
    /// the gaps alone).
    tiers: String,
}

/// The terms of the index.
#[derive(Debug, Default)]
pub(super) struct Table {
    pub terms: HashMap<String, Term>,
    /// The terms, as JavaScript sorts strings (by UTF-16 code units).
    pub sorted: Vec<String>,
    /// The terms the last update changed, added or removed; `None` after
    /// a rebuild (all of them).
    pub changes: Option<Vec<String>>,
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
    /// Fill the table from `docs` (document `d` is `docs[d]`).
    pub fn rebuild(&mut self, docs: &[Arc<DocTerms>], pick: Pick) {
        let mut terms: HashMap<String, Term> = HashMap::with_capacity(self.terms.len().max(1024));
        for (d, doc) in docs.iter().enumerate() {
            for (t, level) in (pick.bag)(doc).terms() {
                let p = (d as u32, level);
                match terms.get_mut(t) {
                    Some(e) => e.postings.push(p),
                    None => {
                        terms.insert(
                            t.to_string(),
                            Term {
                                postings: vec![p],
                                ..Term::default()
                            },
                        );
                    }
                }
            }
        }
        terms.par_iter_mut().for_each(|(_, e)| {
            e.groups = encode_groups(&e.postings, pick);
            e.tiers = join(&e.groups);
        });
        for e in terms.values_mut() {
            self.next_version += 1;
            e.version = self.next_version;
        }
        let mut sorted: Vec<String> = terms.keys().cloned().collect();
        sorted.par_sort_unstable_by(|a, b| js_cmp(a, b));
        self.terms = terms;
        self.sorted = sorted;
        self.changes = None;
    }

    /// Replace the terms of the documents in `changed` ((document, old
    /// terms)); `docs` holds their new terms and every other document's.
    /// A term is encoded again only where one of its postings changed level
    /// (an edit of a few words changes few).
    pub fn update(
        &mut self,
        changed: &[(u32, Arc<DocTerms>)],
        docs: &[Arc<DocTerms>],
        pick: Pick,
    ) -> Touched {
        // The levels of each term whose encoding changed.
        let mut dirty: HashMap<&str, Vec<u8>> = HashMap::new();
        let mut touched = Touched::default();
        for (d, old) in changed {
            let (old, new) = ((pick.bag)(old), (pick.bag)(&docs[*d as usize]));
            let before: HashMap<&str, u8> = old.terms().collect();
            let mut kept: HashSet<&str> = HashSet::with_capacity(new.len());
            for (t, level) in new.terms() {
                let p = (*d, level);
                let was = before.get(t);
                let same = was.is_some_and(|lv| *lv == level);
                kept.insert(t);
                let e = match self.terms.get_mut(t) {
                    Some(e) => e,
                    None => self.terms.entry(t.to_string()).or_default(),
                };
                match e.postings.binary_search_by_key(d, |p| p.0) {
                    Ok(k) => e.postings[k] = p,
                    Err(k) => {
                        e.postings.insert(k, p);
                        touched.counts = true;
                    }
                }
                if !same {
                    let levels = dirty.entry(t).or_default();
                    levels.push(level);
                    if let Some(lv) = was {
                        levels.push(*lv);
                    }
                }
            }
            for (t, ..) in old.terms() {
                if kept.contains(t) {
                    continue;
                }
                if let Some(e) = self.terms.get_mut(t)
                    && let Ok(k) = e.postings.binary_search_by_key(d, |p| p.0)
                {
                    let (_, level) = e.postings.remove(k);
                    touched.counts = true;
                    dirty.entry(t).or_default().push(level);
                }
            }
        }

        // Each term's groups and encoding (`None`: it has no posting left).
        #[allow(clippy::type_complexity)]
        let mut encoded: Vec<(&str, Option<(Vec<Group>, String)>)> = dirty
            .par_iter()
            .map(|(&t, levels)| {
                let e = &self.terms[t];
                if e.postings.is_empty() {
                    return (t, None);
                }
                let groups = if e.groups.is_empty() || !pick.levels {
                    encode_groups(&e.postings, pick)
                } else {
                    let mut groups = e.groups.clone();
                    let mut levels = levels.clone();
                    levels.sort_unstable();
                    levels.dedup();
                    for lv in levels {
                        let at = groups.iter().position(|g| g.level <= lv);
                        let fresh = encode_level(&e.postings, pick, lv);
                        match (at, fresh) {
                            (Some(k), Some(g)) if groups[k].level == lv => groups[k] = g,
                            (Some(k), None) if groups[k].level == lv => {
                                groups.remove(k);
                            }
                            (Some(k), Some(g)) => groups.insert(k, g),
                            (None, Some(g)) => groups.push(g),
                            (_, None) => {}
                        }
                    }
                    groups
                };
                let tiers = join(&groups);
                (t, Some((groups, tiers)))
            })
            .collect();
        encoded.sort_unstable_by(|a, b| a.0.cmp(b.0));
        self.changes = Some(encoded.iter().map(|(t, _)| t.to_string()).collect());
        let mut gone = Vec::new();
        let mut added = Vec::new();
        for (t, enc) in encoded {
            match enc {
                None => gone.push(t.to_string()),
                Some((groups, tiers)) => {
                    self.next_version += 1;
                    let Some(e) = self.terms.get_mut(t) else {
                        continue;
                    };
                    if e.version == 0 {
                        added.push(t.to_string());
                    }
                    e.groups = groups;
                    e.tiers = tiers;
                    e.version = self.next_version;
                }
            }
        }
        for t in &gone {
            self.terms.remove(t.as_str());
            if let Ok(k) = self.sorted.binary_search_by(|s| js_cmp(s, t)) {
                self.sorted.remove(k);
            }
        }
        touched.terms = !gone.is_empty() || !added.is_empty();
        for t in added {
            if let Err(k) = self.sorted.binary_search_by(|s| js_cmp(s, &t)) {
                self.sorted.insert(k, t);
            }
        }
        touched
    }
}

/// A term's postings grouped by level (highest first); a pair's in one
/// group without levels. The most common terms have a posting in most
/// documents, so this is written for speed: levels bucketed, not sorted.
fn encode_groups(postings: &[Posting], pick: Pick) -> Vec<Group> {
    if !pick.levels {
        let all: Vec<&Posting> = postings.iter().collect();
        return vec![encode_group(0, &all, pick)];
    }
    // Documents stay ascending within a level.
    let mut by_level: Vec<Vec<&Posting>> = vec![Vec::new(); 256];
    for p in postings {
        by_level[p.1 as usize].push(p);
    }
    by_level
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, g)| !g.is_empty())
        .map(|(lv, g)| encode_group(lv as u8, g, pick))
        .collect()
}

/// The group of level `lv` alone, if any posting has it.
fn encode_level(postings: &[Posting], pick: Pick, lv: u8) -> Option<Group> {
    let group: Vec<&Posting> = postings.iter().filter(|p| p.1 == lv).collect();
    (!group.is_empty()).then(|| encode_group(lv, &group, pick))
}

fn encode_group(level: u8, group: &[&Posting], pick: Pick) -> Group {
    let mut tiers = String::with_capacity(group.len() * 2 + 4);
    if pick.levels {
        push_number(&mut tiers, u32::from(level));
        push_number(&mut tiers, group.len() as u32);
    }
    let mut last = 0;
    for &&(doc, _) in group {
        push_number(&mut tiers, doc - last);
        last = doc;
    }
    Group { level, tiers }
}

/// The groups, highest level first, as the browser reads them.
fn join(groups: &[Group]) -> String {
    let mut tiers = String::with_capacity(groups.iter().map(|g| g.tiers.len()).sum());
    for g in groups {
        tiers.push_str(&g.tiers);
    }
    tiers
}

#[cfg(test)]
mod tests {
    use super::super::format::numbers;
    use super::*;

    #[test]
    fn postings_are_grouped_by_level_highest_first_with_gaps() {
        let postings = [(0, 4), (1, 9), (2, 4), (40, 4)];
        let words = join(&encode_groups(&postings, WORDS));
        // Level 9: one document (1); level 4: three (0, 2, 40).
        assert_eq!(numbers(&words), [9, 1, 1, 4, 3, 0, 2, 38]);
        let pairs = join(&encode_groups(&postings, PAIRS));
        assert_eq!(numbers(&pairs), [0, 1, 1, 38]);
    }
}
