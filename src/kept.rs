//! Values kept from one run to the next by the shared input they were made
//! from.
//!
//! `serve` rebuilds with the parse of every unchanged file reused (the same
//! `Arc`), and so with the same published case, rendered body or output
//! file. A value computed from one of those (a hash, the links in a text)
//! is still right while the input is the same allocation, and is found by
//! its address: no hashing of the input, which at 10,000 pages is what a
//! rebuild would otherwise spend its time on. An entry holds its `Arc`, so
//! that the address cannot be freed and taken by another value while the
//! entry lives.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

/// Values by the `Arc` they were made from.
pub struct ByArc<T, V> {
    /// What was kept, in the order it was given: a rebuild asks again in
    /// the same order, and finds each value at its own place.
    kept: Vec<(Arc<T>, V)>,
    /// Where each kept value is, by its `Arc`'s address: made the first
    /// time a value is not at its own place (a file added or removed).
    at: OnceLock<HashMap<usize, usize, ahash::RandomState>>,
}

impl<T, V> Default for ByArc<T, V> {
    fn default() -> Self {
        ByArc {
            kept: Vec::new(),
            at: OnceLock::new(),
        }
    }
}

fn address<T>(a: &Arc<T>) -> usize {
    Arc::as_ptr(a) as *const () as usize
}

impl<T: Send + Sync, V: Clone + Send + Sync> ByArc<T, V> {
    /// The value kept for `key`, if it was made from this very allocation.
    pub fn get(&self, key: &Arc<T>) -> Option<&V> {
        let at = self.at.get_or_init(|| {
            self.kept
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (address(k), i))
                .collect()
        });
        let (kept, v) = &self.kept[*at.get(&address(key))?];
        Arc::ptr_eq(kept, key).then_some(v)
    }

    /// [`ByArc::get`] for the `i`-th key of the keys asked for: looked up
    /// at its own place first.
    pub fn get_at(&self, i: usize, key: &Arc<T>) -> Option<&V> {
        match self.kept.get(i) {
            Some((kept, v)) if Arc::ptr_eq(kept, key) => Some(v),
            _ => self.get(key),
        }
    }

    /// Keep exactly `values`, made from `keys` (index-aligned).
    pub fn keep(&mut self, keys: &[Arc<T>], values: &[V]) {
        self.kept = keys
            .iter()
            .zip(values)
            .map(|(k, v)| (Arc::clone(k), v.clone()))
            .collect();
        self.at = OnceLock::new();
    }

    /// The value of each of `keys` (in parallel): the one kept, or one made
    /// now by `make`. Afterwards exactly these are kept.
    pub fn all(&mut self, keys: &[Arc<T>], make: impl Fn(&T) -> V + Sync) -> Vec<V> {
        let values: Vec<V> = keys
            .par_iter()
            .enumerate()
            .map(|(i, k)| match self.get_at(i, k) {
                Some(v) => v.clone(),
                None => make(k),
            })
            .collect();
        self.keep(keys, &values);
        values
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_value_is_made_again_only_for_a_new_allocation() {
        let made = AtomicUsize::new(0);
        let len = |s: &String| {
            made.fetch_add(1, Ordering::Relaxed);
            s.len()
        };
        let mut kept = ByArc::default();
        let a = Arc::new("one".to_string());
        let b = Arc::new("three".to_string());
        assert_eq!(kept.all(&[Arc::clone(&a), Arc::clone(&b)], len), [3, 5]);
        assert_eq!(made.load(Ordering::Relaxed), 2);
        // The same allocations: nothing made. An equal value in a new
        // allocation is made again.
        let c = Arc::new("three".to_string());
        assert_eq!(kept.all(&[Arc::clone(&a), Arc::clone(&c)], len), [3, 5]);
        assert_eq!(made.load(Ordering::Relaxed), 3);
        // `b` was dropped from what is kept: asked again, it is made again.
        assert!(kept.get(&b).is_none());
        assert_eq!(kept.get(&c), Some(&5));
        // Asked in another order (a file added before them): found by
        // address.
        let d = Arc::new("fourteen".to_string());
        assert_eq!(
            kept.all(&[Arc::clone(&d), Arc::clone(&c), Arc::clone(&a)], len),
            [8, 5, 3]
        );
        assert_eq!(made.load(Ordering::Relaxed), 4);
        assert_eq!(kept.get_at(1, &c), Some(&5));
        assert_eq!(kept.get_at(0, &c), Some(&5));
        assert!(kept.get_at(1, &b).is_none());
    }
}
