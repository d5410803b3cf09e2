//! Cutting a file into what the gate reads: large files in overlapping
//! pieces (so that both cores share them), and, for a file that passed
//! before, only the part that changed.

use std::ops::Range;

use rayon::prelude::*;

/// Large files are read in pieces this long…
pub const CHUNK: usize = 256 * 1024;
/// …that overlap by more than any secret is long.
pub const OVERLAP: usize = 4 * 1024;

/// `text[range]`, the range moved to character boundaries and clamped.
pub fn piece(text: &str, range: Range<usize>) -> &str {
    let mut s = range.start.min(text.len());
    let mut e = range.end.min(text.len());
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    while !text.is_char_boundary(e) {
        e += 1;
    }
    &text[s..e]
}

/// Overlapping pieces of a text, cut after a line break where one is near.
pub fn pieces(text: &str) -> Vec<&str> {
    if text.len() <= CHUNK + OVERLAP {
        return vec![text];
    }
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + CHUNK).min(text.len());
        if end < text.len()
            && let Some(nl) = memchr::memchr(b'\n', &b[end..(end + OVERLAP / 2).min(b.len())])
        {
            end += nl + 1;
        }
        out.push(piece(text, start.saturating_sub(OVERLAP)..end));
        start = end;
    }
    out
}

/// The part of a file the gate must read again, when the previous version
/// of the file (`old`, same path) passed under the same secrets: the bytes
/// that differ (the gate adds the overlap around them). For the print page
/// (every chapter on one page) an edit to one chapter means reading a few
/// kilobytes instead of megabytes.
pub fn changed_part(old: &[u8], new: &[u8]) -> Range<usize> {
    let common = old.len().min(new.len());
    // The same prefix and the same suffix, each up to the shorter length,
    // found apart; where they overlap, the suffix gives way.
    let prefix = same_prefix(old, new);
    let suffix = same_suffix(old, new);
    prefix..new.len() - suffix.min(common - prefix)
}

/// Compared a block at a time (a memcmp), then byte by byte…
const BLOCK: usize = 4096;
/// …after a first pass of stretches this long on every core, for a file
/// of many of them (the print page, tens of megabytes).
const STRETCH: usize = 1 << 20;

/// How many first bytes `a` and `b` share.
fn same_prefix(a: &[u8], b: &[u8]) -> usize {
    let common = a.len().min(b.len());
    let stretches = common / STRETCH;
    let mut n = 0;
    if stretches >= 4 {
        let at = |k: usize| k * STRETCH..(k + 1) * STRETCH;
        n = (0..stretches)
            .into_par_iter()
            .find_first(|&k| a[at(k)] != b[at(k)])
            .unwrap_or(stretches)
            * STRETCH;
    }
    while n + BLOCK <= common && a[n..n + BLOCK] == b[n..n + BLOCK] {
        n += BLOCK;
    }
    while n < common && a[n] == b[n] {
        n += 1;
    }
    n
}

/// How many last bytes `a` and `b` share.
fn same_suffix(a: &[u8], b: &[u8]) -> usize {
    let common = a.len().min(b.len());
    let (la, lb) = (a.len(), b.len());
    let stretches = common / STRETCH;
    let mut n = 0;
    if stretches >= 4 {
        let end = |k: usize, l: usize| l - (k + 1) * STRETCH..l - k * STRETCH;
        n = (0..stretches)
            .into_par_iter()
            .find_first(|&k| a[end(k, la)] != b[end(k, lb)])
            .unwrap_or(stretches)
            * STRETCH;
    }
    while n + BLOCK <= common && a[la - n - BLOCK..la - n] == b[lb - n - BLOCK..lb - n] {
        n += BLOCK;
    }
    while n < common && a[la - n - 1] == b[lb - n - 1] {
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_overlap_and_cover_everything() {
        let text: String = (0..(CHUNK * 2 + 100))
            .map(|i| (b'a' + (i % 26) as u8) as char)
            .collect();
        let p = pieces(&text);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].len(), CHUNK);
        assert_eq!(p[1].len(), CHUNK + OVERLAP);
        assert_eq!(p[2].len(), 100 + OVERLAP);
        assert_eq!(pieces("").len(), 1);
    }

    #[test]
    fn the_changed_part_is_what_differs() {
        let old: Vec<u8> = (0..100_000).map(|i| b'a' + (i % 26) as u8).collect();
        let mut new = old.clone();
        new.splice(50_000..50_010, b"Harbor Freight".iter().copied());
        assert_eq!(changed_part(&old, &new), 50_000..50_014);
        assert_eq!(changed_part(b"", b"new file"), 0..8);
        assert!(changed_part(&old, &old).is_empty());
        // A repeated text: the prefix and the suffix overlap.
        assert_eq!(changed_part(b"abab", b"ababab"), 4..6);
        assert_eq!(changed_part(b"aaaa", b"aa"), 2..2);
        // Large enough to be compared on every core, a stretch at a time.
        let big: Vec<u8> = (0..9 << 20).map(|i| b'a' + (i % 26) as u8).collect();
        for at in [0, 1, 5 << 20, (5 << 20) + 7, (9 << 20) - 1] {
            let mut edited = big.clone();
            edited[at] = b'!';
            assert_eq!(changed_part(&big, &edited), at..at + 1);
        }
        let mut longer = big.clone();
        longer.splice(3 << 20..3 << 20, b"Harbor".iter().copied());
        assert_eq!(changed_part(&big, &longer), 3 << 20..(3 << 20) + 6);
        assert_eq!(changed_part(&longer, &big), 3 << 20..3 << 20);
    }
}
