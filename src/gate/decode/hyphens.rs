//! Words broken by a hyphen, as text copied out of a PDF or a mail keeps
//! them: `Whit-⏎field` (a hyphen at a line's end), `Whit- field` (the
//! line's end become a space), `Whit¬field` (the NOT SIGN that PDF text
//! extraction writes for a hyphenation point), with `-`, `¬`, or the
//! Unicode hyphens U+2010 and U+2011. A reader reads the word whole.
//!
//! Such a hyphen may also be a dash (`long-⏎term`, `long- and short-term`):
//! the first reading keeps it a break and marks the text ambiguous, and the
//! second reading ([`super::read`]'s `second`) joins the word. A `¬`
//! between two letters is a hyphenation point and nothing else: read as
//! nothing in both readings, as a soft hyphen is.

use crate::gate::decode::Reader;
use crate::gate::reveal::Reveal;

/// A hyphen other than `-` that may break a word: U+2010, U+2011, `¬`.
#[inline]
pub(super) fn is_mark(c: char) -> bool {
    matches!(c, '\u{2010}' | '\u{2011}' | '\u{AC}')
}

/// Whether the hyphen ending before `after` (of a text ending at `end`)
/// may break a word, the letter before it the caller's to check: at a
/// line's end before a letter (`Whit-⏎field`, spaces or a blockquote's
/// `>` around the line break), or before one space and a lower-case
/// letter (`Whit- field`). Where the word goes on.
#[inline]
pub(super) fn broken_word(src: &str, after: usize, end: usize) -> Option<usize> {
    let b = src.as_bytes();
    if after + 1 < end && b[after] == b' ' && src.is_char_boundary(after + 1) {
        let next = src.get(after + 1..end).and_then(|s| s.chars().next());
        if next.is_some_and(char::is_lowercase) {
            return Some(after + 1);
        }
    }
    let mut j = after;
    while j < end && matches!(b[j], b' ' | b'\t' | b'\r') {
        j += 1;
    }
    if j >= end || b[j] != b'\n' {
        return None;
    }
    j += 1;
    while j < end && matches!(b[j], b' ' | b'\t' | b'>') {
        j += 1;
    }
    (j < end && (b[j].is_ascii_alphabetic() || b[j] >= 0x80)).then_some(j)
}

impl Reader<'_> {
    /// A hyphen other than `-` ([`is_mark`]) at `i`, after a letter: where
    /// reading goes on if it was read here, `None` to read it as any
    /// other character.
    pub(super) fn hyphen(
        &mut self,
        src: &str,
        c: char,
        i: usize,
        end: usize,
        how: Reveal,
    ) -> Option<usize> {
        let after = i + c.len_utf8();
        let next = src.get(after..end).and_then(|s| s.chars().next());
        if c == '\u{AC}' && next.is_some_and(char::is_alphabetic) {
            self.pending |= how | Reveal::HYPHENATION;
            return Some(after);
        }
        if let Some(next) = broken_word(src, after, end) {
            if self.second {
                self.pending |= how | Reveal::HYPHENATION;
                return Some(next);
            }
            self.out.ambiguous = true;
            // Read as a dash, as the other two are.
            self.soft(how);
            return Some(after);
        }
        None
    }
}
