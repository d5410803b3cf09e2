//! Terms as numbers: each distinct word (or pair of words) is written once
//! and known by its number from then on, so that a document's terms, the
//! postings and the tables are arrays of integers, not maps keyed by
//! strings (which were most of the index's build: a hash of a string and
//! an allocation per word of every document).

use std::collections::hash_map::Entry;

use ahash::AHashMap as HashMap;

/// The hash a name is found by (the same in every build, so that a hash
/// made while analysing a document in parallel is the table's too).
pub(super) fn hash(name: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(name.as_bytes())
}

/// Names, each once, numbered `0..len()` in the order they came, found by
/// their 64-bit hash (checked against the name: two names with one hash,
/// which is as good as never, are told apart by a map of their own).
#[derive(Debug, Default)]
pub(super) struct Names {
    /// Every name, one after another.
    text: String,
    /// Where each name ends in `text` (it starts where the one before ends).
    ends: Vec<u32>,
    by_hash: HashMap<u64, u32>,
    collided: HashMap<Box<str>, u32>,
}

impl Names {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The name numbered `id`.
    pub fn name(&self, id: u32) -> &str {
        name_of(&self.text, &self.ends, id)
    }

    /// Whether every name sorts as JavaScript sorts it when compared by
    /// its bytes: none has a character from U+E000 up (whose UTF-16 order
    /// is not its code points' order).
    pub fn bytes_sort_as_js(&self) -> bool {
        !self.text.bytes().any(|b| b >= 0xee)
    }

    /// The number of `name`, if it has one.
    pub fn find(&self, name: &str) -> Option<u32> {
        self.find_hashed(hash(name), name)
    }

    /// [`Names::find`], given the name's [`hash`].
    pub fn find_hashed(&self, h: u64, name: &str) -> Option<u32> {
        match self.by_hash.get(&h) {
            Some(&id) if self.name(id) == name => Some(id),
            Some(_) => self.collided.get(name).copied(),
            None => None,
        }
    }

    /// The number of `name` (whose [`hash`] is `h`), given it if new;
    /// and whether it is.
    pub fn intern_hashed(&mut self, h: u64, name: &str) -> (u32, bool) {
        let next = self.ends.len() as u32;
        match self.by_hash.entry(h) {
            Entry::Vacant(v) => {
                v.insert(next);
            }
            Entry::Occupied(o) if name_of(&self.text, &self.ends, *o.get()) == name => {
                return (*o.get(), false);
            }
            Entry::Occupied(_) => match self.collided.get(name) {
                Some(&id) => return (id, false),
                None => {
                    self.collided.insert(name.into(), next);
                }
            },
        }
        self.push(name);
        (next, true)
    }

    /// Add `name` as a new number, which [`Names::find`] does not know
    /// (pairs of words are found by their words' numbers).
    pub fn push(&mut self, name: &str) -> u32 {
        self.text.push_str(name);
        self.ends.push(self.text.len() as u32);
        (self.ends.len() - 1) as u32
    }

    /// Add the pair of words `a` and `b` (`a b`) as a new number, as
    /// [`Names::push`].
    pub fn push_pair(&mut self, a: &str, b: &str) -> u32 {
        self.text.push_str(a);
        self.text.push(' ');
        self.text.push_str(b);
        self.ends.push(self.text.len() as u32);
        (self.ends.len() - 1) as u32
    }

    /// Every name one after another, and where each ends.
    pub fn parts(&self) -> (&str, &[u32]) {
        (&self.text, &self.ends)
    }

    /// Forget every name, keeping the memory (for the next document).
    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.by_hash.clear();
        self.collided.clear();
    }
}

/// Name `id` of `text` cut at `ends`.
fn name_of<'a>(text: &'a str, ends: &[u32], id: u32) -> &'a str {
    let id = id as usize;
    let start = if id == 0 { 0 } else { ends[id - 1] as usize };
    &text[start..ends[id] as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_numbered_once_and_found_by_their_hash() {
        let mut names = Names::default();
        assert_eq!(names.intern_hashed(hash("refund"), "refund"), (0, true));
        assert_eq!(names.intern_hashed(hash("credit"), "credit"), (1, true));
        assert_eq!(names.intern_hashed(hash("refund"), "refund"), (0, false));
        assert_eq!(names.name(1), "credit");
        assert_eq!(names.find("credit"), Some(1));
        assert_eq!(names.find("apology"), None);
        // Two names given one hash are still two.
        assert_eq!(names.intern_hashed(7, "a"), (2, true));
        assert_eq!(names.intern_hashed(7, "b"), (3, true));
        assert_eq!(names.intern_hashed(7, "b"), (3, false));
        assert_eq!(names.find_hashed(7, "a"), Some(2));
        assert_eq!(names.find_hashed(7, "b"), Some(3));
        assert_eq!(names.find_hashed(7, "c"), None);
        assert_eq!(names.push("a b"), 4);
        assert_eq!((names.len(), names.name(4)), (5, "a b"));
    }
}
