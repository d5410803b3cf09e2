//! The term shards: `t/NAME.js` (terms and postings) and `x/NAME.js`
//! (their positions), cut by [`super::cut`] so that an edit rewrites the shards of
//! the terms it touched and few others.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::cut;
use super::postings::Table;
use super::script;
use crate::render::{Dep, OutputFile};
use crate::text::Fingerprint;

/// A shard holds at least this many bytes of terms, postings and
/// positions…
const MIN_BYTES: usize = 24_000;
/// …and at most this many (or one term that has more). Positions count
/// too, so that a phrase, which loads both files of its words' shards,
/// stays within a first query's budget.
const MAX_BYTES: usize = 64_000;

#[derive(Serialize)]
struct TermShard<'a> {
    terms: Vec<&'a str>,
    postings: Vec<&'a str>,
}

#[derive(Serialize)]
struct PositionShard<'a> {
    positions: Vec<&'a str>,
}

/// The shards of the last build by name: (what they hold, their files).
#[derive(Default)]
pub(super) struct Shards {
    last: HashMap<String, (u128, [Arc<OutputFile>; 2])>,
}

impl Shards {
    /// The shards of `table`, reusing each one whose terms (at the same
    /// versions) are unchanged. Returns the first term and the name of each
    /// shard, and the files.
    pub fn write(
        &mut self,
        table: &Table,
        deps: &[Dep],
    ) -> (Vec<String>, Vec<String>, Vec<Arc<OutputFile>>) {
        // In parallel: 40,000 lookups in a large map are cache misses.
        let terms: Vec<(&str, &super::postings::Term)> = table
            .sorted
            .par_iter()
            .map(|t| (t.as_str(), &table.terms[t.as_str()]))
            .collect();
        let ranges = cut::ranges(
            terms.len(),
            |i| terms[i].0.len() + terms[i].1.tiers.len() + terms[i].1.positions.len() + 8,
            |i| cut::is_anchor(terms[i].0),
            MIN_BYTES,
            MAX_BYTES,
        );
        // Named by a hash of the first term, so that a shard keeps its name
        // (and its bytes) when a shard before it is split or joined.
        let names = cut::names(ranges.iter().map(|r| terms[r.start].0));
        let last = &self.last;
        let shards: Vec<(String, u128, [Arc<OutputFile>; 2])> = ranges
            .par_iter()
            .zip(names)
            .map(|(range, name)| {
                let mut f = Fingerprint::default();
                f.u128(range.len() as u128);
                for (_, t) in &terms[range.clone()] {
                    f.u128(u128::from(t.version));
                }
                let key = f.finish();
                if let Some((k, files)) = last.get(&name)
                    && *k == key
                {
                    return (name, key, files.clone());
                }
                let held = &terms[range.clone()];
                let t = TermShard {
                    terms: held.iter().map(|t| t.0).collect(),
                    postings: held.iter().map(|t| t.1.tiers.as_str()).collect(),
                };
                let x = PositionShard {
                    positions: held.iter().map(|t| t.1.positions.as_str()).collect(),
                };
                let files = [
                    Arc::new(script(&format!("t/{name}"), &t, deps.to_vec())),
                    Arc::new(script(&format!("x/{name}"), &x, deps.to_vec())),
                ];
                (name, key, files)
            })
            .collect();
        let firsts = ranges
            .iter()
            .map(|r| terms[r.start].0.to_string())
            .collect();
        let names = shards.iter().map(|s| s.0.clone()).collect();
        let files = shards.iter().flat_map(|s| s.2.iter().cloned()).collect();
        self.last = shards.into_iter().map(|(n, k, f)| (n, (k, f))).collect();
        (firsts, names, files)
    }

    /// Forget every shard (the table was filled again: versions are new).
    pub fn clear(&mut self) {
        self.last.clear();
    }
}
