//! A trie of the gate's patterns, walked from a given place in the text:
//! every pattern that starts there, in one walk that stops at the first
//! byte no pattern continues with.
//!
//! Why not an Aho-Corasick automaton over every byte: a form counts only
//! where it may start (a word's start, a change of case, a digit beside a
//! letter — see [`crate::gate::matcher`]), and a trie builds without
//! failure transitions, in one pass over the sorted patterns (a third of
//! the automaton's build, measured). Searching costs about the same either
//! way (BENCHMARKS.md, the leak gate): nearly every word start begins some
//! name, so the walks are many.

/// No state: the walk ends.
const NONE: u32 = 0;
/// No pattern ends at a state.
const NO_PATTERN: u32 = u32::MAX;

/// A state with more transitions than this has a table of 256 instead of
/// a list (the first letters of every name start from the root, and from
/// the states after one or two letters most letters go on).
const LIST: usize = 6;
/// `spans[s].1` of a state with a table: `spans[s].0` is where it starts
/// in `tables`.
const TABLE: u32 = u32::MAX;

/// Bits in [`Trie::quads`]: 128 KB, in the second-level cache.
const QUAD_BITS: u32 = 20;

pub struct Trie {
    /// A first look before a walk, one bit per hash of the first four
    /// bytes of every pattern that has four: nearly every word starts some
    /// name's first letter or two, far fewer its first four, and a walk
    /// that goes on past two letters is a trip to main memory.
    quads: Box<[u64; 1 << (QUAD_BITS - 6)]>,
    /// The first two bytes of the patterns shorter than four (for one
    /// byte, every pair that starts with it).
    pairs: Box<[u64; 1 << 10]>,
    /// The states of depth one, by first byte (`NONE` where no pattern
    /// starts with the byte).
    root: Box<[u32; 256]>,
    /// Per state (state 0 is unused): its transitions, `edges[from..to]`,
    /// or (where it starts in `tables`, `TABLE`).
    spans: Vec<(u32, u32)>,
    /// The transitions of states with many, 256 a state, by byte.
    tables: Vec<u32>,
    /// The pattern that ends at each state, or `NO_PATTERN`.
    ends: Vec<u32>,
    /// Transitions: the byte, and the state it leads to, grouped by state
    /// and sorted by byte.
    edge_bytes: Vec<u8>,
    edge_next: Vec<u32>,
}

impl Trie {
    /// The trie of `patterns` (a pattern's number is its index; empty
    /// patterns are ignored, a repeated one keeps its first number).
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Trie {
        let mut order: Vec<u32> = (0..patterns.len() as u32).collect();
        order.sort_by(|&a, &b| {
            patterns[a as usize]
                .as_ref()
                .cmp(patterns[b as usize].as_ref())
                .then(a.cmp(&b))
        });
        // Sorted, each pattern shares a prefix with the one before: its
        // states are that prefix's states, then new ones. A new state is
        // a child of the state before it in the path, and children are
        // born in byte order: kept as lists (first child, next sibling),
        // then laid out state by state.
        let mut byte = vec![0u8; 1];
        let mut first_child = vec![NONE; 1];
        let mut last_child = vec![NONE; 1];
        let mut sibling = vec![NONE; 1];
        let mut ends = vec![NO_PATTERN; 1];
        let mut root = Box::new([NONE; 256]);
        // The states of the previous pattern's path, by depth.
        let mut path: Vec<u32> = Vec::new();
        let mut prev: &[u8] = &[];
        for &p in &order {
            let pat = patterns[p as usize].as_ref();
            if pat.is_empty() {
                continue;
            }
            let common = pat.iter().zip(prev).take_while(|(a, b)| a == b).count();
            path.truncate(common);
            for (depth, &b) in pat.iter().enumerate().skip(common) {
                let id = byte.len() as u32;
                byte.push(b);
                first_child.push(NONE);
                last_child.push(NONE);
                sibling.push(NONE);
                ends.push(NO_PATTERN);
                if depth == 0 {
                    root[usize::from(b)] = id;
                } else {
                    let parent = path[depth - 1] as usize;
                    match last_child[parent] {
                        NONE => first_child[parent] = id,
                        last => sibling[last as usize] = id,
                    }
                    last_child[parent] = id;
                }
                path.push(id);
            }
            let last = path[pat.len() - 1] as usize;
            if ends[last] == NO_PATTERN {
                ends[last] = p;
            }
            prev = pat;
        }
        let mut spans = Vec::with_capacity(byte.len());
        let mut tables = Vec::new();
        let mut edge_bytes = Vec::with_capacity(byte.len());
        let mut edge_next = Vec::with_capacity(byte.len());
        for &child in &first_child {
            let from = edge_bytes.len();
            let mut c = child;
            while c != NONE {
                edge_bytes.push(byte[c as usize]);
                edge_next.push(c);
                c = sibling[c as usize];
            }
            if edge_bytes.len() - from > LIST {
                let at = tables.len();
                tables.resize(at + 256, NONE);
                for (b, n) in edge_bytes.drain(from..).zip(edge_next.drain(from..)) {
                    tables[at + usize::from(b)] = n;
                }
                spans.push((at as u32, TABLE));
            } else {
                spans.push((from as u32, edge_bytes.len() as u32));
            }
        }
        let mut quads = Box::new([0u64; 1 << (QUAD_BITS - 6)]);
        let mut pairs = Box::new([0u64; 1 << 10]);
        let set = |bits: &mut [u64], i: usize| bits[i / 64] |= 1 << (i % 64);
        for p in patterns {
            match p.as_ref() {
                [] => {}
                [a] => {
                    for b in 0..256 {
                        set(&mut pairs[..], usize::from(*a) | b << 8);
                    }
                }
                [a, b] | [a, b, _] => set(&mut pairs[..], usize::from(*a) | usize::from(*b) << 8),
                [a, b, c, d, ..] => set(&mut quads[..], quad(u32::from_le_bytes([*a, *b, *c, *d]))),
            }
        }
        Trie {
            quads,
            pairs,
            root,
            spans,
            tables,
            ends,
            edge_bytes,
            edge_next,
        }
    }

    /// May a pattern start with the four bytes of `w` (the first in its
    /// lowest byte)?
    #[inline(always)]
    fn may_start(&self, w: u32) -> bool {
        let pair = (w & 0xffff) as usize;
        let quad = quad(w);
        self.pairs[pair >> 6] & (1 << (pair & 63)) != 0
            || self.quads[quad >> 6] & (1 << (quad & 63)) != 0
    }

    /// Does some pattern start with `b`?
    #[inline]
    pub fn starts_with(&self, b: u8) -> bool {
        self.first(b) != NONE
    }

    /// The state after the first byte `b`.
    #[inline]
    fn first(&self, b: u8) -> u32 {
        self.root[usize::from(b)]
    }

    /// The state after `b` from `state`.
    #[inline]
    fn next(&self, state: u32, b: u8) -> u32 {
        let (from, to) = self.spans[state as usize];
        if to == TABLE {
            return self.tables[from as usize + usize::from(b)];
        }
        let (from, to) = (from as usize, to as usize);
        for i in from..to {
            if self.edge_bytes[i] == b {
                return self.edge_next[i];
            }
        }
        NONE
    }

    /// Every pattern that `t[at..]` starts with: `found(end, pattern)`.
    #[inline(always)]
    pub fn forward(&self, t: &[u8], at: usize, mut found: impl FnMut(usize, usize)) {
        if let Some(&[a, b, c, d]) = t.get(at..at + 4)
            && !self.may_start(u32::from_le_bytes([a, b, c, d]))
        {
            return;
        }
        let Some(&b) = t.get(at) else { return };
        let mut state = self.first(b);
        let mut i = at + 1;
        while state != NONE {
            let p = self.ends[state as usize];
            if p != NO_PATTERN {
                found(i, p as usize);
            }
            let Some(&b) = t.get(i) else { return };
            state = self.next(state, b);
            i += 1;
        }
    }

    /// Every pattern that `t[..end]` ends with, read backwards (the trie
    /// of reversed patterns): `found(start, pattern)`.
    #[inline(always)]
    pub fn backward(&self, t: &[u8], end: usize, mut found: impl FnMut(usize, usize)) {
        if let Some(&[d, c, b, a]) = end.checked_sub(4).and_then(|s| t.get(s..end))
            && !self.may_start(u32::from_le_bytes([a, b, c, d]))
        {
            return;
        }
        let Some(mut i) = end.checked_sub(1) else {
            return;
        };
        let mut state = self.first(t[i]);
        while state != NONE {
            let p = self.ends[state as usize];
            if p != NO_PATTERN {
                found(i, p as usize);
            }
            let Some(j) = i.checked_sub(1) else { return };
            i = j;
            state = self.next(state, t[i]);
        }
    }
}

/// Where four bytes fall in [`Trie::quads`].
#[inline(always)]
fn quad(w: u32) -> usize {
    (w.wrapping_mul(0x9E37_79B1) >> (32 - QUAD_BITS)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_look_lets_every_pattern_through() {
        // Patterns of one to six bytes, found where they start and where
        // they end with text around them: the first look (two bytes, a
        // hash of four) never turns one away.
        let pats = ["q", "xy", "kow", "kowa", "kowalski", "zz9_ab"];
        let t = Trie::new(&pats);
        let r: Vec<Vec<u8>> = pats.iter().map(|p| p.bytes().rev().collect()).collect();
        let back = Trie::new(&r);
        for (i, p) in pats.iter().enumerate() {
            let text = format!("..{p}..");
            let mut f = Vec::new();
            t.forward(text.as_bytes(), 2, |e, q| f.push((e, q)));
            assert!(f.contains(&(2 + p.len(), i)), "{p}: {f:?}");
            f.clear();
            back.backward(text.as_bytes(), 2 + p.len(), |s, q| f.push((s, q)));
            assert!(f.contains(&(2, i)), "{p}: {f:?}");
        }
        let mut f = Vec::new();
        t.forward(b"kowx kowalsky", 0, |e, q| f.push((e, q)));
        t.forward(b"kowx kowalsky", 5, |e, q| f.push((e, q)));
        assert_eq!(f, vec![(3, 2), (8, 2), (9, 3)]);
    }

    #[test]
    fn finds_every_pattern_that_starts_or_ends_at_a_place() {
        let t = Trie::new(&["ab", "abc", "b", "", "abd", "ab"]);
        let text = b"xabcd";
        let mut f = Vec::new();
        t.forward(text, 1, |e, p| f.push((e, p)));
        assert_eq!(f, vec![(3, 0), (4, 1)]);
        f.clear();
        t.forward(text, 0, |e, p| f.push((e, p)));
        assert!(f.is_empty());
        t.forward(text, 5, |e, p| f.push((e, p)));
        assert!(f.is_empty());
        // Reversed: "ab", "abc", "b", "xab".
        let r = Trie::new(&["ba", "cba", "b", "bax"]);
        f.clear();
        r.backward(text, 3, |s, p| f.push((s, p)));
        assert_eq!(f, vec![(2, 2), (1, 0), (0, 3)]);
        f.clear();
        r.backward(text, 4, |s, p| f.push((s, p)));
        assert_eq!(f, vec![(1, 1)]);
        f.clear();
        r.backward(text, 0, |s, p| f.push((s, p)));
        assert!(f.is_empty());
    }
}
