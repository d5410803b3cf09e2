//! The shards of the index's two tables: `t/NAME.js`, words and their
//! postings (and the synonyms of their range), cut by [`super::cut`] so
//! that an edit rewrites the shards of the words it touched and few others;
//! and `y/B.js`, pairs of words with their postings, in buckets by a hash
//! of the pair.
//!
//! Pairs go by hash, not by range, because there are many of them (150,000
//! at 10,000 pages): a list of every range's first pair would add 20 KB to
//! `meta.js`, which every first query loads, for the sake of phrases only.
//! A bucket's number is all `search.js` needs, and it computes it from the
//! pair; an edit rewrites the buckets of the pairs it touched.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::cut;
use super::format::{PairShard, WordShard};
use super::postings::{Table, Term, js_cmp};
use super::script;
use crate::output::{Dep, OutputFile};
use crate::text::Fingerprint;

/// A word shard holds at least this many bytes of words and postings…
const MIN_BYTES: usize = 12_000;
/// …and at most this many (or one word that has more).
const MAX_BYTES: usize = 30_000;
/// A pair shard holds about this many bytes of pairs and postings on
/// average (buckets vary with what falls in them).
const PAIR_BUCKET_BYTES: usize = 24_000;

/// The shards of the last build by name: (what they hold, their file).
#[derive(Default)]
pub(super) struct Shards {
    last: HashMap<String, (u128, Arc<OutputFile>)>,
}

/// A shard's key: what it holds, by the versions of its terms.
fn key<'a>(extra: u128, terms: impl ExactSizeIterator<Item = &'a Term>) -> u128 {
    let mut f = Fingerprint::default();
    f.u128(extra).u128(terms.len() as u128);
    for t in terms {
        f.u128(u128::from(t.version));
    }
    f.finish()
}

/// The terms of `table` in order, with their entries. In parallel: 150,000
/// lookups in a large map are cache misses.
fn entries(table: &Table) -> Vec<(&str, &Term)> {
    table
        .sorted
        .par_iter()
        .map(|&t| (table.name(t), table.get(t)))
        .collect()
}

impl Shards {
    /// The word shards of `table`, each with the `synonyms` (sorted by key)
    /// of its range, reusing each one whose words (at the same versions)
    /// and synonyms are unchanged. Returns where each shard starts (see
    /// [`separator`]; the first, at nothing), the name of each shard, and
    /// the files.
    pub fn write_words(
        &mut self,
        table: &Table,
        synonyms: &[Vec<String>],
        deps: &[Dep],
    ) -> (Vec<String>, Vec<String>, Vec<Arc<OutputFile>>) {
        let terms = entries(table);
        let ranges = cut::ranges(
            terms.len(),
            |i| terms[i].0.len() + terms[i].1.tiers.len() + 8,
            |i| cut::is_anchor(terms[i].0),
            MIN_BYTES,
            MAX_BYTES,
        );
        // Named by a hash of the first word, so that a shard keeps its name
        // (and its bytes) when a shard before it is split or joined.
        let names = cut::names(ranges.iter().map(|r| terms[r.start].0));
        // The synonyms of each shard: those whose key sorts in its range
        // (the first shard's from the start).
        let starts: Vec<usize> = ranges
            .iter()
            .enumerate()
            .map(|(k, r)| {
                if k == 0 {
                    0
                } else {
                    synonyms.partition_point(|e| js_cmp(&e[0], terms[r.start].0).is_lt())
                }
            })
            .chain([synonyms.len()])
            .collect();
        let last = &self.last;
        let shards: Vec<(String, u128, Arc<OutputFile>)> = ranges
            .par_iter()
            .enumerate()
            .zip(names)
            .map(|((k, range), name)| {
                let these = &terms[range.clone()];
                let mine = &synonyms[starts[k]..starts[k + 1]];
                let mut extra = Fingerprint::default();
                for e in mine {
                    extra.u128(e.len() as u128);
                    for w in e {
                        extra.str(w);
                    }
                }
                let key = key(extra.finish(), these.iter().map(|t| t.1));
                if let Some((k, file)) = last.get(&name)
                    && *k == key
                {
                    return (name, key, file.clone());
                }
                let shard = WordShard {
                    terms: these.iter().map(|t| t.0).collect(),
                    postings: these.iter().map(|t| t.1.tiers.as_str()).collect(),
                    synonyms: mine
                        .iter()
                        .map(|e| e.iter().map(String::as_str).collect())
                        .collect(),
                };
                let file = script(&format!("t/{name}"), &shard, deps.to_vec());
                (name, key, Arc::new(file))
            })
            .collect();
        let firsts = ranges
            .iter()
            .map(|r| match r.start {
                0 => String::new(),
                k => separator(terms[k - 1].0, terms[k].0).to_string(),
            })
            .collect();
        let names = shards.iter().map(|s| s.0.clone()).collect();
        let files = shards.iter().map(|s| s.2.clone()).collect();
        self.last = shards.into_iter().map(|(n, k, f)| (n, (k, f))).collect();
        (firsts, names, files)
    }

    /// Forget every shard (the table was filled again: versions are new).
    pub fn clear(&mut self) {
        self.last.clear();
    }
}

/// The pair shards of the last build, kept so that a rebuild that changed
/// a few pairs writes their buckets only: a list of all 150,000 pairs at
/// 10,000 pages took 30 ms on every rebuild in `serve`.
#[derive(Default)]
pub(super) struct PairShards {
    /// The number of buckets (a power of two, for [`bucket`]).
    n: u32,
    /// Each bucket's pairs (by number) in order, with the bytes each adds
    /// to it.
    members: Vec<Vec<(u32, usize)>>,
    /// The bytes of all buckets.
    total: usize,
    /// Each bucket's file.
    files: Vec<Arc<OutputFile>>,
}

/// The bytes a pair adds to its bucket.
fn in_bucket(pair: &str, t: &Term) -> usize {
    pair.len() + t.tiers.len() + 6
}

impl PairShards {
    /// The pair shards of `table`. Returns the number of buckets (a power
    /// of two, for [`bucket`]) and the files, `y/0.js` to `y/{n-1}.js` (an
    /// empty bucket has a file too, so that no phrase asks for a missing
    /// one).
    ///
    /// After an update of the table (see [`Table::changes`]), only the
    /// buckets of the pairs it changed are written, unless the number of
    /// buckets changes; either way the files are those of a build from
    /// nothing.
    pub fn write(&mut self, table: &Table, deps: &[Dep]) -> (u32, Vec<Arc<OutputFile>>) {
        let dirty = match &table.changes {
            Some(changes) if !self.members.is_empty() => Some(self.apply(table, changes)),
            _ => None,
        };
        match dirty {
            Some(dirty) if buckets_for(self.total) == self.n => {
                let made: Vec<(usize, Arc<OutputFile>)> = dirty
                    .par_iter()
                    .map(|&b| (b, self.write_bucket(b, table, deps)))
                    .collect();
                for (b, file) in made {
                    self.files[b] = file;
                }
            }
            _ => self.write_all(table, deps),
        }
        (self.n, self.files.clone())
    }

    /// Bring the members and the total up to date with `changes`; returns
    /// the buckets they touched.
    fn apply(&mut self, table: &Table, changes: &[u32]) -> Vec<usize> {
        let mut dirty = Vec::new();
        for &id in changes {
            let pair = table.name(id);
            let b = bucket(pair, self.n) as usize;
            let list = &mut self.members[b];
            let at = list.binary_search_by(|&(p, _)| js_cmp(table.name(p), pair));
            let size = table.term(id).map(|t| in_bucket(pair, t));
            match (at, size) {
                (Ok(k), Some(size)) => {
                    self.total = self.total - list[k].1 + size;
                    list[k].1 = size;
                }
                (Ok(k), None) => {
                    self.total -= list.remove(k).1;
                }
                (Err(k), Some(size)) => {
                    self.total += size;
                    list.insert(k, (id, size));
                }
                (Err(_), None) => {}
            }
            dirty.push(b);
        }
        dirty.sort_unstable();
        dirty.dedup();
        dirty
    }

    fn write_all(&mut self, table: &Table, deps: &[Dep]) {
        let terms = entries(table);
        let sizes: Vec<usize> = terms.par_iter().map(|(p, t)| in_bucket(p, t)).collect();
        self.total = sizes.iter().sum();
        self.n = buckets_for(self.total);
        let mut members = vec![Vec::new(); self.n as usize];
        // In order, so that each bucket is sorted.
        for ((&(p, _), size), &id) in terms.iter().zip(sizes).zip(&table.sorted) {
            members[bucket(p, self.n) as usize].push((id, size));
        }
        self.members = members;
        let files: Vec<Arc<OutputFile>> = (0..self.n as usize)
            .into_par_iter()
            .map(|b| self.write_bucket(b, table, deps))
            .collect();
        self.files = files;
    }

    /// Bucket `b`'s file.
    fn write_bucket(&self, b: usize, table: &Table, deps: &[Dep]) -> Arc<OutputFile> {
        let mut shard = PairShard::default();
        for &(p, _) in &self.members[b] {
            shard.pairs.push(table.name(p));
            shard.postings.push(&table.get(p).tiers);
        }
        Arc::new(script(&format!("y/{b}"), &shard, deps.to_vec()))
    }

    /// Forget every file (the table was filled again: versions are new).
    pub fn clear(&mut self) {
        *self = PairShards::default();
    }
}

/// The shortest start of `first` that sorts after `last` (`refu` between
/// `reform` and `refund`): all a browser needs to find a word's shard, a
/// few letters where the whole word would be longer, and never a list of
/// whole words that could read as a name (`harborbrook`, `health`: the
/// leak check reads the page that carries the list).
fn separator<'a>(last: &str, first: &'a str) -> &'a str {
    first
        .char_indices()
        .map(|(i, c)| &first[..i + c.len_utf8()])
        .find(|p| js_cmp(p, last).is_gt())
        .unwrap_or(first)
}

/// How many buckets hold `bytes`: a power of two.
fn buckets_for(bytes: usize) -> u32 {
    bytes.div_ceil(PAIR_BUCKET_BYTES).max(1).next_power_of_two() as u32
}

/// The bucket of pair `key` among `n` (a power of two): FNV-1a over its
/// UTF-16 code units, which `search.js` computes alike.
pub(super) fn bucket(key: &str, n: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for u in key.encode_utf16() {
        h = (h ^ u32::from(u)).wrapping_mul(0x0100_0193);
    }
    h & (n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shard_starts_at_the_shortest_start_of_its_first_word() {
        assert_eq!(separator("reform", "refund"), "refu");
        assert_eq!(separator("harbor", "health"), "he");
        assert_eq!(separator("client", "clients"), "clients");
        assert_eq!(separator("zakonczenie", "łódź"), "ł");
    }

    #[test]
    fn buckets_are_fnv1a_of_utf16_as_search_js_computes_them() {
        // FNV-1a's published values (search.js gets the same: tests/it/search.rs).
        assert_eq!(bucket("", 1 << 30), 0x811c_9dc5 & ((1 << 30) - 1));
        assert_eq!(bucket("a", 1 << 31), 0xe40c_292c & ((1 << 31) - 1));
        assert_eq!(bucket("churn risk", 1), 0);
        let spread: std::collections::HashSet<u32> =
            (0..1000).map(|i| bucket(&format!("w{i} x"), 64)).collect();
        assert_eq!(spread.len(), 64);
    }
}
