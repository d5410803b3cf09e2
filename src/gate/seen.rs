//! Pieces of text already read clean, so that the gate reads each once.
//!
//! A generated site repeats itself: every page of a kind carries the same
//! head, navigation and footer, and a case's card appears in every list it
//! belongs to — at 10,000 pages, more than a third of the bytes. The gate
//! cuts a file into *segments* where no secret can span the cut (before a
//! line that opens with a block tag: the tag's `<` separates whatever comes
//! before it from whatever comes after, for every kind of match), and
//! remembers, by a hash of their bytes, the segments in which it found
//! nothing. A segment met again is skipped.
//!
//! The memory lives as long as the gate, that is, as long as the secret
//! set it was made for (an incremental rebuild under the same secrets
//! skips what the last one read).

use std::cell::RefCell;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::gate::decode::markup::inline;

/// A segment's identity: a 64-bit hash of its bytes, its length, and the
/// reading it was given (with or without inflected names). A wrong "seen"
/// needs a 64-bit collision between two segments of the same length.
pub type Key = (u64, u32, bool);

const SHARDS: usize = 64;
/// The most segments remembered (then it starts again).
const MAX: usize = 2_000_000;

/// A shard on a cache line of its own (two cores would otherwise fight
/// over neighbouring locks).
#[derive(Default)]
#[repr(align(128))]
struct Shard(Mutex<HashSet<Key, ahash::RandomState>>);

pub struct Seen {
    shards: Vec<Shard>,
    count: AtomicUsize,
    /// This memory's number, for the threads' own caches.
    id: u64,
}

impl Default for Seen {
    fn default() -> Seen {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Seen {
            shards: (0..SHARDS).map(|_| Shard::default()).collect(),
            count: AtomicUsize::new(0),
            id: NEXT.fetch_add(1, Ordering::Relaxed),
        }
    }
}

/// Entries in each thread's own cache of segments seen clean.
const LOCAL: usize = 1 << 15;

thread_local! {
    /// A thread's direct-mapped cache in front of the shared memory: the
    /// page skeleton repeats on every page and is found here without a
    /// lock or a trip to main memory. (memory id, slots)
    static NEAR: RefCell<(u64, Vec<Key>)> = const { RefCell::new((0, Vec::new())) };
}

fn near<T>(id: u64, f: impl FnOnce(&mut Vec<Key>) -> T) -> Option<T> {
    NEAR.with(|n| {
        let mut n = n.try_borrow_mut().ok()?;
        if n.0 != id || n.1.is_empty() {
            n.0 = id;
            n.1.clear();
            n.1.resize(LOCAL, (0, 0, false));
        }
        Some(f(&mut n.1))
    })
}

impl Seen {
    pub fn key(bytes: &[u8], inflect: bool) -> Key {
        (
            xxhash_rust::xxh3::xxh3_64(bytes),
            bytes.len() as u32,
            inflect,
        )
    }

    fn shard(&self, k: &Key) -> &Mutex<HashSet<Key, ahash::RandomState>> {
        &self.shards[(k.0 as usize) % SHARDS].0
    }

    pub fn contains(&self, k: &Key) -> bool {
        let slot = (k.0 >> 17) as usize % LOCAL;
        if near(self.id, |n| n[slot] == *k) == Some(true) {
            return true;
        }
        let found = self.shard(k).lock().is_ok_and(|s| s.contains(k));
        if found {
            near(self.id, |n| n[slot] = *k);
        }
        found
    }

    /// Remember `keys` as read clean.
    pub fn insert_all(&self, keys: &[Key]) {
        if self.count.fetch_add(keys.len(), Ordering::Relaxed) > MAX {
            for s in &self.shards {
                if let Ok(mut s) = s.0.lock() {
                    s.clear();
                }
            }
            self.count.store(0, Ordering::Relaxed);
        }
        for k in keys {
            if let Ok(mut s) = self.shard(k).lock() {
                s.insert(*k);
            }
            near(self.id, |n| n[(k.0 >> 17) as usize % LOCAL] = *k);
        }
    }
}

/// Where `text` may be cut: before every line (after its indentation)
/// that opens with a block tag, a closing block tag or `<!` (a line that
/// opens with an inline tag may continue a word or a name of the line
/// before, so it is no place to cut).
pub fn segments(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while let Some(nl) = memchr::memchr(b'\n', &b[at..]) {
        let line = at + nl + 1;
        at = line;
        let mut i = line;
        while i < b.len() && matches!(b[i], b' ' | b'\t') {
            i += 1;
        }
        if b.get(i) != Some(&b'<') {
            continue;
        }
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'/' | b'!')) {
            j += 1;
        }
        let name_start = j;
        while j < b.len() && b[j].is_ascii_alphanumeric() {
            j += 1;
        }
        let name = &b[name_start..j];
        let block = b.get(i + 1) == Some(&b'!')
            || (!name.is_empty() && !inline(name) && !name.eq_ignore_ascii_case(b"br"));
        if block && i > start {
            out.push(start..i);
            start = i;
        }
    }
    out.push(start..b.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_only_before_block_tags() {
        let t = "<p>Harbor\n<b>Freight</b></p>\n  <div>x</div>\n</ul>\ntext\n<!-- c -->";
        let cuts: Vec<&str> = segments(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            cuts,
            vec![
                "<p>Harbor\n<b>Freight</b></p>\n  ",
                "<div>x</div>\n",
                "</ul>\ntext\n",
                "<!-- c -->"
            ]
        );
        assert_eq!(segments("one line").len(), 1);
    }

    #[test]
    fn remembers_what_was_read_clean() {
        let seen = Seen::default();
        let k = Seen::key(b"<div>x</div>", false);
        assert!(!seen.contains(&k));
        seen.insert_all(&[k]);
        assert!(seen.contains(&k));
        assert!(!seen.contains(&Seen::key(b"<div>x</div>", true)));
    }
}
