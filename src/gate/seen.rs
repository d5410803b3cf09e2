//! Pieces of text already read clean, so that the gate reads each once.
//!
//! A generated site repeats itself: every page of a kind carries the same
//! head, navigation and footer, and a case's card appears in every list it
//! belongs to — at 10,000 pages, more than a third of the bytes. The gate
//! cuts a file into *segments* where no secret can span the cut (before a
//! line that opens with a block tag: the tag's `<` separates whatever comes
//! before it from whatever comes after, for every kind of match), and
//! remembers, by a hash of their bytes, the segments in which it found
//! nothing. A segment met again is skipped. A segment met again with other
//! links and ids (a case's paragraph on the print page, a card in a list
//! one folder deeper) has only its attribute values read ([`values`]).
//!
//! The memory lives as long as the gate, that is, as long as the secret
//! set it was made for (an incremental rebuild under the same secrets
//! skips what the last one read).

use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use crate::gate::decode::markup::inline;
use crate::gate::masks::mask_of;

pub mod texts;
pub mod values;

/// A segment's identity: a 64-bit hash of its bytes (their length
/// included) seeded with the reading it was given (with or without
/// inflected names), never 0. A wrong "seen" needs a 64-bit collision.
pub type Key = u64;

/// Slots in the first table: a page or two's segments.
const FIRST: usize = 1 << 14;
/// The largest table (32 MiB); when it is half full it starts again.
const LARGEST: usize = 1 << 22;
/// How far a key may sit from its slot.
const PROBES: usize = 16;

/// An open-addressed table of keys, read and written without locks: a
/// key found was put there by a reading that found nothing; a key lost to
/// a race or a new table only means a segment is read again.
struct Table {
    slots: Box<[AtomicU64]>,
    count: AtomicUsize,
}

impl Table {
    fn new(size: usize) -> Table {
        Table {
            slots: (0..size).map(|_| AtomicU64::new(0)).collect(),
            count: AtomicUsize::new(0),
        }
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// The key in `k`'s own slot (loaded apart from the probe that may
    /// follow, so that the loads of a run of segments overlap).
    fn first(&self, k: Key) -> u64 {
        self.slots[k as usize & self.mask()].load(Ordering::Relaxed)
    }

    fn contains(&self, k: Key, first: u64) -> bool {
        if first == k {
            return true;
        }
        if first == 0 {
            return false;
        }
        // A key is put in the first empty slot of its probe sequence, and
        // slots are never emptied: an empty one ends the search.
        let mask = self.mask();
        for d in 1..PROBES {
            match self.slots[(k as usize + d) & mask].load(Ordering::Relaxed) {
                v if v == k => return true,
                0 => return false,
                _ => {}
            }
        }
        false
    }

    /// Put `k` in; whether it is new.
    fn insert(&self, k: Key) -> bool {
        let mask = self.mask();
        for d in 0..PROBES {
            let slot = &self.slots[(k as usize + d) & mask];
            match slot.compare_exchange(0, k, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => {
                    self.count.fetch_add(1, Ordering::Relaxed);
                    return true;
                }
                Err(v) if v == k => return false,
                Err(_) => {}
            }
        }
        false
    }

    fn full(&self) -> bool {
        self.count.load(Ordering::Relaxed) * 2 > self.slots.len()
    }
}

/// The memory of segments read clean. It starts small (a one-page site
/// should not pay for a large one) and grows fourfold when half full.
pub struct Seen {
    table: RwLock<Arc<Table>>,
    /// Whether a plain block's text was ever remembered ([`texts`]): until
    /// then, quoted stretches are not looked up.
    texts: AtomicBool,
    /// Whether a quoted stretch was ever remembered: until then, pages'
    /// plain blocks are not looked up.
    quoted: AtomicBool,
}

impl Default for Seen {
    fn default() -> Seen {
        Seen {
            table: RwLock::new(Arc::new(Table::new(FIRST))),
            texts: AtomicBool::new(false),
            quoted: AtomicBool::new(false),
        }
    }
}

/// A segment of a text: where it is, its key, its parts' keys if it was
/// not met as it is, and what of it was read clean before.
#[derive(Debug, Clone)]
pub struct Segment {
    pub range: Range<usize>,
    pub key: Key,
    /// The key of its bytes less its plain attribute values, the key of
    /// those values, and where they are in [`Looked::values`]
    /// ([`values`]): for a segment not met as it is that has such values.
    pub apart: Option<(Key, Key, Range<usize>)>,
    pub seen: Look,
}

/// What of a segment was read clean before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// Nothing: read it whole.
    New,
    /// Its bytes less its attribute values (met with other values): read
    /// the values alone.
    Values,
    /// All of it.
    Seen,
}

/// A text's segments, and the plain attribute values of each, one after
/// the other, each closed by a `"` ([`values`]).
#[derive(Debug, Default)]
pub struct Looked {
    pub segments: Vec<Segment>,
    pub values: Vec<u8>,
    skeleton: Vec<u8>,
    /// Kept from one text to the next: where its segments are, and the
    /// key in each one's own slot.
    cuts: Vec<Range<usize>>,
    firsts: Vec<u64>,
}

impl Seen {
    pub fn key(bytes: &[u8], inflect: bool) -> Key {
        xxhash_rust::xxh3::xxh3_64_with_seed(bytes, u64::from(inflect)).max(1)
    }

    /// The key of a segment's attribute values: seeded apart from the
    /// segments' own.
    fn values_key(bytes: &[u8], inflect: bool) -> Key {
        xxhash_rust::xxh3::xxh3_64_with_seed(bytes, 2 + u64::from(inflect)).max(1)
    }

    /// The key of a plain block's text ([`texts`]): seeded apart from the
    /// segments' own and their values'.
    pub fn text_key(bytes: &[u8], inflect: bool) -> Key {
        xxhash_rust::xxh3::xxh3_64_with_seed(bytes, 4 + u64::from(inflect)).max(1)
    }

    /// The key of a stretch between quotes read clean ([`texts`]): seeded
    /// apart from the others (a page looks up its plain blocks' texts
    /// among these alone).
    pub fn quoted_key(bytes: &[u8], inflect: bool) -> Key {
        xxhash_rust::xxh3::xxh3_64_with_seed(bytes, 6 + u64::from(inflect)).max(1)
    }

    /// Remember the keys of quoted stretches read clean
    /// ([`Seen::quoted_key`]).
    pub fn insert_quoted(&self, keys: &[Key]) {
        self.insert_noting(keys, &self.quoted);
    }

    /// Was any quoted stretch remembered?
    pub fn has_quoted(&self) -> bool {
        self.quoted.load(Ordering::Relaxed)
    }

    /// Remember the keys of plain blocks' texts ([`Seen::text_key`]).
    pub fn insert_texts(&self, keys: &[Key]) {
        self.insert_noting(keys, &self.texts);
    }

    /// Remember `keys`, and that there were some in `flag`.
    fn insert_noting(&self, keys: &[Key], flag: &AtomicBool) {
        if !keys.is_empty() {
            flag.store(true, Ordering::Relaxed);
            self.insert_all(keys);
        }
    }

    /// Was any plain block's text remembered?
    pub fn has_texts(&self) -> bool {
        self.texts.load(Ordering::Relaxed)
    }

    /// Was `k` remembered?
    #[cfg(test)]
    pub fn has(&self, k: Key) -> bool {
        let t = self.current();
        t.contains(k, t.first(k))
    }

    /// [`Seen::has`] for many keys: the table is taken once.
    pub fn lookup(&self) -> impl Fn(Key) -> bool + use<> {
        let t = self.current();
        move |k| t.contains(k, t.first(k))
    }

    fn current(&self) -> Arc<Table> {
        match self.table.read() {
            Ok(t) => Arc::clone(&t),
            Err(e) => Arc::clone(&e.into_inner()),
        }
    }

    /// The segments of `text` ([`segments`]), each with its keys and
    /// what of it was read clean before, into `out` (cleared first). A
    /// segment not met as it is is looked up in parts ([`values`]): the
    /// same paragraph on another page, with other links and ids — unless
    /// `whole`: a form of the secret set reaches across a quote, or `text`
    /// holds a right-to-left override ([`values::overrides`], which the
    /// caller has searched the text for already).
    pub fn look(&self, text: &str, inflect: bool, whole: bool, out: &mut Looked) {
        out.segments.clear();
        out.values.clear();
        let table = self.current();
        let b = text.as_bytes();
        let mut cuts = std::mem::take(&mut out.cuts);
        segments(text, &mut cuts);
        for range in cuts.drain(..) {
            let key = Seen::key(&b[range.clone()], inflect);
            out.segments.push(Segment {
                range,
                key,
                apart: None,
                seen: Look::New,
            });
        }
        // Every key's own slot, in a loop of loads that do not wait for
        // each other (most miss the cache); then the few probes beyond.
        out.cuts = cuts;
        let mut firsts = std::mem::take(&mut out.firsts);
        firsts.clear();
        firsts.extend(out.segments.iter().map(|s| table.first(s.key)));
        let mut parts = Vec::new();
        for (i, (s, &first)) in out.segments.iter_mut().zip(&firsts).enumerate() {
            if table.contains(s.key, first) {
                s.seen = Look::Seen;
                continue;
            }
            // Not met as it is: perhaps with other links and ids.
            if whole {
                continue;
            }
            let from = out.values.len();
            if !values::split(&b[s.range.clone()], &mut out.skeleton, &mut out.values) {
                continue;
            }
            let skeleton = Seen::key(&out.skeleton, inflect);
            let values = Seen::values_key(&out.values[from..], inflect);
            s.apart = Some((skeleton, values, from..out.values.len()));
            parts.push((i, table.first(skeleton), table.first(values)));
        }
        out.firsts = firsts;
        for (i, first_skeleton, first_values) in parts {
            let s = &mut out.segments[i];
            let Some((skeleton, values, _)) = s.apart else {
                continue;
            };
            if table.contains(skeleton, first_skeleton) {
                s.seen = if table.contains(values, first_values) {
                    Look::Seen
                } else {
                    Look::Values
                };
            }
        }
    }

    /// Remember `keys` as read clean.
    pub fn insert_all(&self, keys: &[Key]) {
        let table = self.current();
        for &k in keys {
            table.insert(k);
        }
        if table.full() {
            self.grow(&table);
        }
    }

    /// A table four times as large (at most the largest), holding what
    /// `old` holds (or, at the largest size, an empty one).
    fn grow(&self, old: &Arc<Table>) {
        let Ok(mut current) = self.table.write() else {
            return;
        };
        if !Arc::ptr_eq(&current, old) {
            return; // another thread grew it already
        }
        let size = old.slots.len();
        *current = Arc::new(if size >= LARGEST {
            Table::new(size)
        } else {
            moved(old, (size * 4).min(LARGEST))
        });
    }

    /// Make room at once for what reading `bytes` of text will remember
    /// (about a key per 400 bytes: 943,000 keys for the 393 MB of a
    /// 10,000-page site). Growing step by step on the way there moved
    /// half a million keys from table to table, and a key put in a table
    /// just replaced was lost (its segment read again).
    pub fn expect(&self, bytes: usize) {
        let want = (bytes / 400 * 2).next_power_of_two().clamp(FIRST, LARGEST);
        let Ok(mut current) = self.table.write() else {
            return;
        };
        if current.slots.len() < want {
            *current = Arc::new(moved(&current, want));
        }
    }
}

/// Push the key of text `t` read clean, made by `key` (a block's text or a
/// quoted stretch): as it was read (with inflected names or not), and,
/// read with them, as read without them too (whatever is clean with the
/// stricter reading is clean with the other; a page and a file in another
/// language look the same text up each their own way).
pub fn push_keys(keys: &mut Vec<Key>, t: &[u8], inflect: bool, key: fn(&[u8], bool) -> Key) {
    keys.push(key(t, inflect));
    if inflect {
        keys.push(key(t, false));
    }
}

/// A table of `size` slots holding what `old` holds.
fn moved(old: &Table, size: usize) -> Table {
    let new = Table::new(size);
    for s in old.slots.iter() {
        let k = s.load(Ordering::Relaxed);
        if k != 0 {
            new.insert(k);
        }
    }
    new
}

/// Where `text` may be cut: before every line (after its indentation)
/// that opens with a block tag, a closing block tag or `<!` (a line that
/// opens with an inline tag may continue a word or a name of the line
/// before, so it is no place to cut). Into `out` (cleared first).
pub fn segments(text: &str, out: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    out.clear();
    let mut start = 0;
    // The line feeds found from bit masks, sixty-four bytes at a time (a
    // page's lines are short: a search call for each cost more than the
    // search).
    for (k, chunk) in b.chunks(64).enumerate() {
        let mut feeds = mask_of(chunk, b'\n');
        while feeds != 0 {
            let line = k * 64 + feeds.trailing_zeros() as usize + 1;
            feeds &= feeds - 1;
            if let Some(i) = block_line(b, line)
                && i > start
            {
                out.push(start..i);
                start = i;
            }
        }
    }
    out.push(start..b.len());
}

/// Where the line at `line` opens with a block tag, a closing block tag or
/// `<!` (after its indentation), that tag's `<`.
#[inline]
fn block_line(b: &[u8], line: usize) -> Option<usize> {
    let mut i = line;
    while i < b.len() && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    if b.get(i) != Some(&b'<') {
        return None;
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
    // A comment joins what stands around it (`crate::gate::decode`): no
    // cut before one.
    let comment = b[i..].starts_with(b"<!--");
    let block = !comment
        && (b.get(i + 1) == Some(&b'!')
            || (!name.is_empty() && !inline(name) && !name.eq_ignore_ascii_case(b"br")));
    block.then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_only_before_block_tags() {
        let t = "<p>Harbor\n<b>Freight</b></p>\n  <div>x</div>\n</ul>\ntext\n<!-- c -->\n<!DOCTYPE html>";
        let mut ranges = Vec::new();
        segments(t, &mut ranges);
        let cuts: Vec<&str> = ranges.iter().map(|r| &t[r.clone()]).collect();
        // A comment joins the words around it: no cut before one.
        assert_eq!(
            cuts,
            vec![
                "<p>Harbor\n<b>Freight</b></p>\n  ",
                "<div>x</div>\n",
                "</ul>\ntext\n<!-- c -->\n",
                "<!DOCTYPE html>"
            ]
        );
        segments("one line", &mut ranges);
        assert_eq!(ranges.len(), 1);
    }

    #[test]
    fn remembers_what_was_read_clean() {
        let seen = Seen::default();
        let k = Seen::key(b"<div>x</div>", false);
        assert!(!seen.has(k));
        seen.insert_all(&[k]);
        assert!(seen.has(k));
        assert!(!seen.has(Seen::key(b"<div>x</div>", true)));
    }

    #[test]
    fn makes_room_at_once_for_a_large_site_and_keeps_what_it_held() {
        let seen = Seen::default();
        let k = Seen::key(b"<div>x</div>", false);
        seen.insert_all(&[k]);
        seen.expect(1_000);
        assert_eq!(seen.current().slots.len(), FIRST);
        seen.expect(400_000_000);
        assert_eq!(seen.current().slots.len(), 1 << 21);
        assert!(seen.has(k));
        // Grown from there, never past the largest.
        seen.grow(&seen.current());
        assert_eq!(seen.current().slots.len(), LARGEST);
        assert!(seen.has(k));
    }

    #[test]
    fn keeps_what_it_remembered_as_it_grows() {
        let seen = Seen::default();
        let keys: Vec<Key> = (0..FIRST * 3)
            .map(|i| Seen::key(format!("<p>{i}</p>").as_bytes(), false))
            .collect();
        for chunk in keys.chunks(100) {
            seen.insert_all(chunk);
        }
        assert!(seen.current().slots.len() > FIRST);
        let kept = keys.iter().filter(|&&k| seen.has(k)).count();
        assert!(kept * 100 >= keys.len() * 99, "{kept} of {}", keys.len());
        assert!(!seen.has(Seen::key(b"<p>never</p>", false)));
    }
}
