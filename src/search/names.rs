//! Terms as numbers: each distinct word (or pair of words) is written once
//! and known by its number from then on, so that a document's terms, the
//! postings and the tables are arrays of integers, not maps keyed by
//! strings (which were most of the index's build: a hash of a string and
//! an allocation per word of every document).

/// The hash a name is found by (the same in every build, so that a hash
/// made while analysing a document in parallel is the table's too).
pub(super) fn hash(name: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(name.as_bytes())
}

/// Names, each once, numbered `0..len()` in the order they came, found by
/// their 64-bit hash in a table of their own (open addressing: a word is
/// looked up for every word of every document, and a general map's
/// hashing and entry took more than the rest of numbering it). Two names
/// with one hash, which is as good as never, are two entries of the
/// table, told apart by their names.
#[derive(Debug, Default)]
pub(super) struct Names {
    /// Every name, one after another.
    text: String,
    /// Where each name ends in `text` (it starts where the one before ends).
    ends: Vec<u32>,
    /// The names found by hash ([`Names::intern_hashed`]; not those of
    /// [`Names::push`]): (number, low half of the hash), or [`EMPTY`], at
    /// the slot of the low bits of the hash or the first free one after
    /// it. A power of two long, at most half full.
    slots: Vec<(u32, u32)>,
    /// How many slots are taken.
    taken: usize,
}

/// A free slot of [`Names::slots`].
const EMPTY: (u32, u32) = (u32::MAX, 0);

/// The fewest slots a table has (a document has a few hundred words).
const MIN_SLOTS: usize = 256;

impl Names {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The name numbered `id`.
    pub fn name(&self, id: u32) -> &str {
        name_of(&self.text, &self.ends, id)
    }

    /// The bytes of name `id` (compared without the checks of a `str`).
    fn bytes(&self, id: u32) -> &[u8] {
        let id = id as usize;
        let start = if id == 0 {
            0
        } else {
            self.ends[id - 1] as usize
        };
        &self.text.as_bytes()[start..self.ends[id] as usize]
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
        match self.slot(h, name) {
            Ok(at) => Some(self.slots[at].0),
            Err(_) => None,
        }
    }

    /// Where `name` (whose hash is `h`) is in the slots, or the free slot
    /// where it would go; `Err(usize::MAX)` when there are no slots.
    fn slot(&self, h: u64, name: &str) -> Result<usize, usize> {
        if self.slots.is_empty() {
            return Err(usize::MAX);
        }
        let mask = self.slots.len() - 1;
        let tag = h as u32;
        let mut at = tag as usize & mask;
        loop {
            let (id, t) = self.slots[at];
            if id == EMPTY.0 {
                return Err(at);
            }
            if t == tag && self.bytes(id) == name.as_bytes() {
                return Ok(at);
            }
            at = (at + 1) & mask;
        }
    }

    /// The number of `name` (whose [`hash`] is `h`), given it if new;
    /// and whether it is.
    pub fn intern_hashed(&mut self, h: u64, name: &str) -> (u32, bool) {
        let at = match self.slot(h, name) {
            Ok(at) => return (self.slots[at].0, false),
            Err(at) if (self.taken + 1) * 2 <= self.slots.len() => at,
            Err(_) => {
                self.grow();
                match self.slot(h, name) {
                    Err(at) => at,
                    Ok(at) => return (self.slots[at].0, false),
                }
            }
        };
        let id = self.push(name);
        self.slots[at] = (id, h as u32);
        self.taken += 1;
        (id, true)
    }

    /// Twice the slots (or the first ones), every name found by hash moved
    /// to its place in them (by the half of its hash a slot keeps).
    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(MIN_SLOTS);
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; n]);
        let mask = n - 1;
        for (id, tag) in old {
            if id == EMPTY.0 {
                continue;
            }
            let mut at = tag as usize & mask;
            while self.slots[at].0 != EMPTY.0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = (id, tag);
        }
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

    /// Forget every name, keeping the memory (for the next document), but
    /// not slots far more than the last document needed: they would be
    /// emptied for every small document after a long one.
    pub fn clear(&mut self) {
        if self.slots.len() > MIN_SLOTS && self.slots.len() > 8 * self.taken {
            self.slots = vec![EMPTY; (4 * self.taken).next_power_of_two().max(MIN_SLOTS)];
        } else {
            self.slots.fill(EMPTY);
        }
        self.taken = 0;
        self.text.clear();
        self.ends.clear();
    }
}

/// Pairs of numbers (`first << 32 | second`), each with a number, in an
/// open-addressing table: the pairs of words a document has (a set, looked
/// up for every word of every document), the pairs of the index's pair
/// table (numbered in document order, on one thread).
#[derive(Debug, Default)]
pub(super) struct PairMap {
    /// (pair, number), or [`FREE`], at the slot of the pair's [`mix`] or
    /// the first free one after it. A power of two long, at most half full.
    slots: Vec<(u64, u32)>,
    taken: usize,
}

/// A free slot of [`PairMap::slots`] (no pair: numbers are below `u32::MAX`).
const FREE: (u64, u32) = (u64::MAX, 0);

/// A pair's place in a table: its bits well mixed (a multiply's high and
/// low halves), where the pair itself has the second number in its low
/// bits and the first in its high ones.
fn mix(key: u64) -> usize {
    let m = u128::from(key) * 0x9e37_79b9_7f4a_7c15;
    ((m as u64) ^ ((m >> 64) as u64)) as usize
}

impl PairMap {
    /// Where `key` is, or the free slot where it would go.
    fn slot(&self, key: u64) -> Result<usize, usize> {
        let mask = self.slots.len() - 1;
        let mut at = mix(key) & mask;
        loop {
            match self.slots[at].0 {
                k if k == key => return Ok(at),
                k if k == FREE.0 => return Err(at),
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// The number of pair `key`, if it has one.
    pub fn get(&self, key: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.slot(key).ok().map(|at| self.slots[at].1)
    }

    /// The number of pair `key`, `make()` if it is new; and whether it is.
    pub fn get_or_insert_with(&mut self, key: u64, make: impl FnOnce() -> u32) -> (u32, bool) {
        if (self.taken + 1) * 2 > self.slots.len() {
            self.grow();
        }
        match self.slot(key) {
            Ok(at) => (self.slots[at].1, false),
            Err(at) => {
                let n = make();
                self.slots[at] = (key, n);
                self.taken += 1;
                (n, true)
            }
        }
    }

    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(MIN_SLOTS);
        let old = std::mem::replace(&mut self.slots, vec![FREE; n]);
        let mask = n - 1;
        for (key, v) in old {
            if key == FREE.0 {
                continue;
            }
            let mut at = mix(key) & mask;
            while self.slots[at].0 != FREE.0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = (key, v);
        }
    }

    /// Forget every pair, as [`Names::clear`].
    pub fn clear(&mut self) {
        if self.slots.len() > MIN_SLOTS && self.slots.len() > 8 * self.taken {
            self.slots = vec![FREE; (4 * self.taken).next_power_of_two().max(MIN_SLOTS)];
        } else {
            self.slots.fill(FREE);
        }
        self.taken = 0;
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
        // Many names: the table grows, and every name keeps its number.
        let many: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let ids: Vec<u32> = many
            .iter()
            .map(|w| names.intern_hashed(hash(w), w).0)
            .collect();
        for (w, &id) in many.iter().zip(&ids) {
            assert_eq!(names.find(w), Some(id));
            assert_eq!(names.name(id), w);
        }
        assert_eq!(
            names.find_hashed(7, "b"),
            Some(3),
            "a shared hash survives growth"
        );
        // Cleared (for the next document), it knows nothing, and gives
        // numbers from 0 again.
        names.clear();
        assert_eq!((names.len(), names.find("w7")), (0, None));
        assert_eq!(names.intern_hashed(hash("w7"), "w7"), (0, true));
    }

    #[test]
    fn pairs_are_numbered_once_through_growth_and_clearing() {
        let mut pairs = PairMap::default();
        assert_eq!(pairs.get(1), None);
        let key = |a: u64, b: u64| a << 32 | b;
        let mut next = 0;
        for a in 0..100 {
            for b in 0..50 {
                let made = pairs.get_or_insert_with(key(a, b), || {
                    next += 1;
                    next
                });
                assert!(made.1, "{a} {b} is new");
            }
        }
        assert_eq!(
            pairs.get_or_insert_with(key(3, 4), || 0),
            (3 * 50 + 4 + 1, false)
        );
        assert_eq!(pairs.get(key(99, 49)), Some(5000));
        assert_eq!(pairs.get(key(49, 99)), None);
        pairs.clear();
        assert_eq!(pairs.get(key(3, 4)), None);
        assert_eq!(pairs.get_or_insert_with(key(3, 4), || 9), (9, true));
    }
}
