//! The gate's reading of a text file: one pass that decodes and folds at
//! once into a canonical stream of ASCII, remembering which decoding
//! produced which bytes (for the error message) and where letters were
//! upper-case (for words joined by a change of case).
//!
//! Decoded on the way: HTML character references (named — every one of
//! HTML5's, by the WHATWG table — and numeric), URL-encoding, JavaScript
//! and JSON escapes (`\u0041`, `\u{41}`, `\x41`, `\n`), inline tags inside a
//! word (`Har<b>bor</b>`: their attributes are read after the text),
//! invisible characters, look-alike letters, compatibility forms and
//! diacritics ([`crate::gate::fold`]). Whitespace of any kind, dashes, `_`,
//! `.` between letters and `<br>` are soft breaks (one space): where the
//! words of a name may stand apart or joined; other punctuation stays.
//!
//! Some text reads two ways, and is then read a second time ([`read`]'s
//! `second`, asked for by [`Canon::ambiguous`]): a Cyrillic or Greek
//! letter by its look and by transliteration; a hyphen at a line's end
//! between two letters, or before one space and a lower-case letter, as a
//! dash (`long-⏎term`, `long- and short-term`) and as a word broken across
//! the line (`Whit-⏎field`, `Whit- field`, which a reader reads as
//! "Whitfield"; [`hyphens`]).
//!
//! A URL encoded more than once (`%25C5%2581ukasz`, a redirect's or a mail
//! filter's link) has the stretch that holds an encoded escape decoded
//! again and read after the text, up to four layers ([`layers`]).
//!
//! Nothing here is shared with the scrubber's reading
//! (`crate::anonymize::view`): a blind spot there is not one here.

mod canon;
mod escapes;
mod hyphens;
mod layers;
pub mod markup;
mod plain;
#[cfg(test)]
mod tests;

use std::ops::Range;

pub use canon::{Canon, within};
use plain::copy_plain;

use crate::gate::fold::{self, Script, ambiguous};
use crate::gate::reveal::Reveal;

/// How the reader's tight loop treats each byte.
const LOWER: u8 = 0;
const DIGIT: u8 = 1;
const UPPER: u8 = 2;
/// Whitespace, `-`, `_`: a soft break.
const SOFT: u8 = 3;
const DOT: u8 = 4;
/// Punctuation that may stand between a phone number's digits.
const JOIN: u8 = 5;
/// Any other punctuation: as it is.
const BREAK: u8 = 6;
const CONTROL: u8 = 7;
/// `&`, `%`, `\`, `<`, `*`, `~`, `` ` `` and every byte of a non-ASCII
/// character: decoded one by one.
const SPECIAL: u8 = 8;

const CLASS: [u8; 256] = {
    let mut t = [SPECIAL; 256];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = match c {
            b'a'..=b'z' => LOWER,
            b'0'..=b'9' => DIGIT,
            b'A'..=b'Z' => UPPER,
            // (`+`: a URL's query writes a space so, `?q=Harbor+Freight`;
            // a soft break does not end a number's digits.)
            b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'-' | b'_' | b'+' => SOFT,
            b'.' => DOT,
            b'(' | b')' | b'/' => JOIN,
            b'&' | b'%' | b'\\' | b'<' | b'*' | b'~' | b'`' => SPECIAL,
            c if c.is_ascii_punctuation() => BREAK,
            _ => CONTROL,
        };
        i += 1;
    }
    t
};

/// Punctuation that does not end a run of digits (besides the spaces,
/// dots, brackets and slashes of [`Canon`]'s own list): a
/// number written `087|123|4567` is read whole. (Not the characters that
/// end the search index's compact numbers: `crate::search::format`.)
#[inline]
fn joins_digits(c: u8) -> bool {
    c == b'|'
}

/// Read `src` into `out` (cleared first). `second`: the second reading
/// (module docs): Cyrillic and Greek letters by transliteration instead of
/// by their look, and a hyphen at a line's end between letters as nothing.
pub fn read(src: &str, out: &mut Canon, second: bool) {
    read_with(src, out, second, true);
}

/// [`read`], its plain runs copied byte by byte: for tests that hold the
/// vector copy to it.
#[cfg(test)]
pub(crate) fn read_bytewise(src: &str, out: &mut Canon, second: bool) {
    read_with(src, out, second, false);
}

fn read_with(src: &str, out: &mut Canon, second: bool, vector: bool) {
    out.clear();
    out.text.reserve(src.len());
    out.upper.resize(src.len() / 64 + 1, 0);
    let mut r = Reader {
        out,
        pending: Reveal::NONE,
        second,
        deferred: Vec::new(),
        reversed: Vec::new(),
        parts: Vec::new(),
        vector,
        layers: Vec::new(),
        depth: 0,
        layered_to: 0,
    };
    r.run(src, 0..src.len(), true, Reveal::NONE);
    let deferred = std::mem::take(&mut r.deferred);
    for (d, how) in deferred {
        r.hard(b'|');
        r.layered_to = 0;
        r.region(src, d, how);
    }
    // What a right-to-left override shows: its text, backwards.
    let reversed = std::mem::take(&mut r.reversed);
    for (d, how) in reversed {
        let backwards: String = src[d].chars().rev().collect();
        r.hard(b'|');
        r.layered_to = 0;
        let from = r.out.text.len() as u32;
        r.run(&backwards, 0..backwards.len(), false, how);
        let to = r.out.text.len() as u32;
        r.out.regions.push((from, to, how));
    }
    // Tokens URL-encoded more than once, a layer decoded ([`layers`]):
    // read after the rest, each of them asking for its next layer.
    let mut k = 0;
    while k < r.layers.len() {
        let (text, how, depth) = std::mem::take(&mut r.layers[k]);
        r.hard(b'|');
        (r.depth, r.layered_to) = (depth, 0);
        let from = r.out.text.len() as u32;
        r.run(&text, 0..text.len(), false, how);
        let to = r.out.text.len() as u32;
        r.out.regions.push((from, to, how));
        k += 1;
    }
    if out.in_run {
        let at = out.text.len();
        out.end_run(at);
    }
}

struct Reader<'o> {
    out: &'o mut Canon,
    /// Decodings that joined the next byte to the previous one.
    pending: Reveal,
    /// The second reading ([`read`]).
    second: bool,
    /// Attributes of inline tags, read after the text.
    deferred: Vec<(Range<usize>, Reveal)>,
    /// Text after a right-to-left override (U+202E), which a browser
    /// shows backwards (`\u{202E}dleiftihW` reads "Whitfield"): read
    /// reversed after the text.
    reversed: Vec<(Range<usize>, Reveal)>,
    /// A tag's parts to read (kept to spare an allocation per tag).
    parts: Vec<Range<usize>>,
    /// Copy plain runs sixteen bytes at a time ([`copy_plain`]).
    vector: bool,
    /// Tokens to read again, a layer of URL-encoding decoded, with how
    /// many layers are ([`layers`]).
    layers: Vec<(String, Reveal, u8)>,
    /// How many layers of URL-encoding the text being read has had
    /// decoded (0: the text as it stands).
    depth: u8,
    /// Where the last token that asked for another layer ends: the other
    /// escapes in it ask for none.
    layered_to: usize,
}

/// Where the text a right-to-left override at `from` turns around ends:
/// at the override's end (U+202C), the end of the line, a tag, or after
/// 4 KB.
fn override_end(src: &str, from: usize, end: usize) -> usize {
    let stop = end.min(from + 4096);
    let mut k = from;
    while k < stop {
        match src.as_bytes()[k] {
            b'\n' | b'<' => return k,
            0xE2 if src[k..].starts_with('\u{202C}') => return k,
            _ => {}
        }
        k += 1;
    }
    // Not inside a character.
    while k > from && !src.is_char_boundary(k) {
        k -= 1;
    }
    k
}

impl Reader<'_> {
    fn push(&mut self, b: u8, upper: bool, how: Reveal) {
        let at = self.out.text.len() as u32;
        let how = how | std::mem::take(&mut self.pending);
        if !how.is_empty() {
            self.out.reveals.push((at, how));
        }
        if upper {
            self.out.set_upper(at as usize);
        }
        self.out.digit(b, at as usize);
        self.out.text.push(b);
    }

    fn soft(&mut self, how: Reveal) {
        match self.out.text.last() {
            None | Some(b' ') => {}
            _ => self.push(b' ', false, how),
        }
    }

    fn hard(&mut self, b: u8) {
        self.pending = Reveal::NONE;
        self.push(b, false, Reveal::NONE);
    }

    /// One decoded character.
    fn char(&mut self, c: char, how: Reveal) {
        if c.is_ascii() {
            let b = c as u8;
            match b {
                b'a'..=b'z' | b'0'..=b'9' => self.push(b, false, how),
                b'A'..=b'Z' => self.push(b.to_ascii_lowercase(), true, how),
                b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'-' | b'_' | b'+' => self.soft(how),
                b if b.is_ascii_control() => {}
                b => self.push(b, false, how),
            }
            return;
        }
        let f = if self.second && ambiguous(c) {
            let mut f = fold::transliterate(c);
            f.how |= Reveal::TRANSLIT;
            f
        } else {
            self.out.ambiguous |= ambiguous(c);
            fold::fold(c)
        };
        if f.len == 0 {
            self.pending |= f.how | how;
            return;
        }
        let from = self.out.text.len();
        for &b in f.as_slice() {
            if b == b' ' {
                self.soft(how | f.how);
            } else {
                self.push(b, f.upper && b.is_ascii_lowercase(), how | f.how);
            }
        }
        let to = self.out.text.len();
        if to > from {
            match fold::script(c) {
                Some(Script::Joined) => canon::stretch(&mut self.out.joined, from, to),
                Some(Script::Prefixed) => canon::stretch(&mut self.out.prefixed, from, to),
                None => {}
            }
        }
    }

    /// Read `src[range]`, a stretch that all comes from one place (`how`:
    /// a tag's attributes, a comment), as text.
    fn region(&mut self, src: &str, range: Range<usize>, how: Reveal) {
        let from = self.out.text.len() as u32;
        self.run(src, range, false, how);
        let to = self.out.text.len() as u32;
        self.out.regions.push((from, to, how));
    }

    /// Read `src[range]`; `tags`: whether markup is read as markup.
    fn run(&mut self, src: &str, range: Range<usize>, tags: bool, how: Reveal) {
        let b = src.as_bytes();
        let end = range.end;
        let mut i = range.start;
        while i < end {
            let c = b[i];
            match c {
                c if CLASS[usize::from(c)] != SPECIAL => {
                    // The common case: letters, digits, spaces and plain
                    // punctuation, in a tight loop.
                    let pending = std::mem::take(&mut self.pending) | how;
                    if !pending.is_empty() {
                        self.out.reveals.push((self.out.text.len() as u32, pending));
                    }
                    // The stream in a local, so that its length stays in a
                    // register through the loop.
                    let mut text = std::mem::take(&mut self.out.text);
                    let (vector, second) = (self.vector, self.second);
                    let out = &mut *self.out;
                    let mut j = i;
                    while j < end {
                        let c = b[j];
                        match CLASS[usize::from(c)] {
                            LOWER | BREAK => {
                                if out.in_run {
                                    // `087|123|4567`: one number all the
                                    // same.
                                    if joins_digits(c) {
                                        text.push(c);
                                        j += 1;
                                        continue;
                                    }
                                    out.end_run(text.len());
                                }
                                // A run of them, of upper-case letters
                                // and of single spaces, copied at once.
                                j = copy_plain(b, j, end, &mut text, &mut out.upper, vector);
                                continue;
                            }
                            DIGIT => {
                                out.digits.push(c);
                                out.digit_at.push(text.len() as u32);
                                out.in_run = true;
                                text.push(c);
                            }
                            UPPER => {
                                let at = text.len();
                                if at / 64 >= out.upper.len() {
                                    out.upper.resize(at / 64 + 1024, 0);
                                }
                                out.upper[at / 64] |= 1 << (at % 64);
                                if out.in_run {
                                    out.end_run(at);
                                }
                                text.push(c | 0x20);
                            }
                            SOFT => {
                                if c == b'-'
                                    && text.last().is_some_and(u8::is_ascii_lowercase)
                                    && let Some(next) = hyphens::broken_word(src, j + 1, end)
                                {
                                    if second {
                                        out.reveals.push((text.len() as u32, Reveal::HYPHENATION));
                                        j = next;
                                        continue;
                                    }
                                    out.ambiguous = true;
                                }
                                if !matches!(text.last(), None | Some(b' ')) {
                                    text.push(b' ');
                                }
                            }
                            DOT => {
                                // A `.` between letters joins words
                                // (`harbor.freight`); at a sentence's end
                                // it stays.
                                let next = b.get(j + 1).filter(|_| j + 1 < end);
                                if next.is_some_and(|n| n.is_ascii_alphanumeric() || *n >= 0x80) {
                                    if !matches!(text.last(), None | Some(b' ')) {
                                        text.push(b' ');
                                    }
                                } else {
                                    text.push(b'.');
                                }
                            }
                            JOIN => text.push(c),
                            CONTROL => {}
                            _ => break,
                        }
                        j += 1;
                    }
                    self.out.text = text;
                    i = j;
                }
                b'*' | b'~' | b'`' => {
                    self.pending |= Reveal::MARKUP;
                    i += 1;
                }
                b'&' => i += self.reference(src, i, end, how),
                b'%' => i += self.percent(src, range.start, i, end, how),
                b'\\' => i += self.escape(src, i, end, how),
                b'<' if tags => i = self.tag(src, i, end),
                b'\n' | b'\t' | b'\r' | 0x0c | b'-' | b'_' | b'+' => {
                    self.soft(how);
                    i += 1;
                }
                c if c.is_ascii_punctuation() => {
                    self.push(c, false, how);
                    i += 1;
                }
                c if c < 0x80 => i += 1,
                _ => {
                    let ch = src[i..].chars().next().unwrap_or('\u{FFFD}');
                    if hyphens::is_mark(ch)
                        && self.out.text.last().is_some_and(u8::is_ascii_lowercase)
                        && let Some(next) = self.hyphen(src, ch, i, end, how)
                    {
                        i = next;
                        continue;
                    }
                    if ch == '\u{202E}' {
                        let from = i + ch.len_utf8();
                        let to = override_end(src, from, end);
                        self.reversed.push((from..to, how | Reveal::REVERSED));
                    }
                    self.char(ch, how);
                    i += ch.len_utf8();
                }
            }
        }
    }
}
