//! Where the index's files are cut: by content, so that an edit moves few
//! cuts.
//!
//! Cutting a list every N bytes would move every later cut when one item
//! grows by a byte, and an incremental rebuild would then write (and
//! leak-check) every later file again. Here a cut falls before an *anchor*
//! item (one whose name hashes to a multiple of [`ANCHOR_EVERY`]) once a
//! file holds `min` bytes, or anywhere where the next item would take it
//! past `max` (an item larger than `max` gets a file of its): the cuts depend
//! on the items near them only, so after an edit they fall back into step
//! within a file or two. A clean build and an incremental one cut alike:
//! the cuts are a function of the list alone.

use std::ops::Range;

pub(super) use super::format::NAME_LENGTH;

/// One item in this many is an anchor.
const ANCHOR_EVERY: u64 = 8;

/// Whether an item named `name` may start a file.
pub(super) fn is_anchor(name: &str) -> bool {
    is_anchor_hash(xxhash_rust::xxh3::xxh3_64(name.as_bytes()))
}

/// Whether an item whose name hashes to `hash` may start a file.
pub(super) fn is_anchor_hash(hash: u64) -> bool {
    hash % ANCHOR_EVERY == 0
}

/// The characters of file names: digits and lowercase letters, so that
/// no two names differ by case alone (macOS and Windows would take them
/// for one file).
const NAME_DIGITS: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";

/// Short names for files ([`NAME_LENGTH`] characters: a digit at every
/// other place, one of [`NAME_DIGITS`] between, from a hash of each file's
/// `keys` entry: its first item), unique among them: where two
/// would share one, the later takes the hash with the next seed. Short,
/// because `meta.js` lists every file's name and every first query loads
/// it.
///
/// Never two letters in a row: a name part of three letters between
/// digits is a form the leak gate finds in any path (`5dan3` holds Dan),
/// so names with runs of letters failed a build now and then, as the
/// pseudonyms of the run had it.
pub(super) fn names<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    keys.map(|key| {
        let mut seed = 0;
        loop {
            let h = xxhash_rust::xxh3::xxh3_64_with_seed(key.as_bytes(), seed);
            let name: String = (0..NAME_LENGTH)
                .map(|i| {
                    let bits = (h >> (5 * i)) as usize & 31;
                    char::from(if i % 2 == 0 {
                        b'0' + (bits % 10) as u8
                    } else {
                        NAME_DIGITS[bits]
                    })
                })
                .collect();
            if taken.insert(name.clone()) {
                return name;
            }
            seed += 1;
        }
    })
    .collect()
}

/// Cut items `0..n` of sizes `size(i)` into ranges of at least `min` bytes
/// (but the last) that start at an anchor, or of at most `max` bytes (but
/// a single item larger than that).
pub(super) fn ranges(
    n: usize,
    size: impl Fn(usize) -> usize,
    anchor: impl Fn(usize) -> bool,
    min: usize,
    max: usize,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for i in 0..n {
        let s = size(i);
        if i > start && (bytes + s > max || (bytes >= min && anchor(i))) {
            out.push(start..i);
            start = i;
            bytes = 0;
        }
        bytes += s;
    }
    if start < n {
        out.push(start..n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_respect_min_and_max_and_resynchronise_after_an_edit() {
        let names: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let sizes: Vec<usize> = (0..5000).map(|i| 50 + (i * 37) % 300).collect();
        let cut = |sizes: &[usize]| {
            ranges(
                names.len(),
                |i| sizes[i],
                |i| is_anchor(&names[i]),
                4000,
                16_000,
            )
        };
        let before = cut(&sizes);
        assert!(before.len() > 50, "{}", before.len());
        for r in &before[..before.len() - 1] {
            let bytes: usize = sizes[r.clone()].iter().sum();
            assert!(bytes >= 4000, "{r:?}: {bytes}");
            assert!(bytes <= 16_000, "{r:?}: {bytes}");
        }
        // One item grows: the ranges before it stay, and all but a few after it.
        let mut grown = sizes.clone();
        grown[2000] += 900;
        let after = cut(&grown);
        let same = after.iter().filter(|r| before.contains(r)).count();
        assert!(same + 3 >= before.len(), "{same} of {}", before.len());
        assert!(
            before
                .iter()
                .filter(|r| r.end <= 2000)
                .all(|r| after.contains(r))
        );
    }

    #[test]
    fn an_item_larger_than_max_gets_a_file_of_its_own() {
        let sizes = [900, 900, 5000, 900, 900];
        let cut = ranges(sizes.len(), |i| sizes[i], |_| false, 1000, 2000);
        assert_eq!(cut, vec![0..2, 2..3, 3..5]);
    }

    #[test]
    fn names_are_short_and_unique() {
        let keys: Vec<String> = (0..20_000).map(|i| format!("k{i}")).collect();
        let names = names(keys.iter().map(String::as_str));
        assert!(names.iter().all(|n| n.len() == NAME_LENGTH));
        // A digit at every other place: never two letters in a row.
        assert!(
            names
                .iter()
                .all(|n| n.bytes().step_by(2).all(|b| b.is_ascii_digit()))
        );
        let unique: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        assert_eq!(names[7], super::names(["k7"].into_iter())[0]);
    }
}
