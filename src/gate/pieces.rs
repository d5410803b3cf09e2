//! Cutting a file into what the gate reads: large files in overlapping
//! pieces (so that both cores share them), and, for a file that passed
//! before, only the part that changed.

use std::ops::Range;

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
    const BLOCK: usize = 4096;
    let common = old.len().min(new.len());
    // Compared a block at a time (a memcmp), then byte by byte.
    let mut prefix = 0;
    while prefix + BLOCK <= common && old[prefix..prefix + BLOCK] == new[prefix..prefix + BLOCK] {
        prefix += BLOCK;
    }
    while prefix < common && old[prefix] == new[prefix] {
        prefix += 1;
    }
    let max = common - prefix;
    let (o, n) = (old.len(), new.len());
    let mut suffix = 0;
    while suffix + BLOCK <= max
        && old[o - suffix - BLOCK..o - suffix] == new[n - suffix - BLOCK..n - suffix]
    {
        suffix += BLOCK;
    }
    while suffix < max && old[o - suffix - 1] == new[n - suffix - 1] {
        suffix += 1;
    }
    prefix..n - suffix
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
    }
}
