//! The scrubber's reading of a text: what a reader would see of it, reduced
//! to one canonical alphabet, with every byte mapped back to where in the
//! source it came from (so that a match can be replaced in the source).
//!
//! - HTML character references (all of HTML5's, by the WHATWG table),
//!   URL-encoding (`%41`) and JavaScript escapes (`\u0041`, a literal `\n`
//!   pasted from JSON) are decoded;
//! - invisible characters (zero-width space, soft hyphen, word joiner…)
//!   and Markdown emphasis and code markers (`*`, `~`, `` ` ``) vanish, so
//!   the letters either side join up; so do inline HTML tags (`Har<b>bor`),
//!   whose attributes are read after the text, as a segment of their own;
//! - letters are lower-cased and folded to ASCII (`Zoë` → `zoe`, `ß` →
//!   `ss`), letters that only look Latin (Cyrillic `а`, `Р`; Greek `Ο`) as
//!   the Latin letter they look like, after Unicode compatibility
//!   normalisation (full-width `Ｈ` → `h`);
//! - whitespace of every kind, line breaks (with a blockquote's `>`), `<br>`,
//!   hyphens and dashes, `_`, and a `.` between two letters are a *soft
//!   break*, one space: the places where the words of a name may be joined;
//!   any other punctuation stays as it is and separates words for good.
//!
//! Which source letters were upper-case is kept, because a one-word form
//! counts where a change of letter case touches it (`HarborFreight`,
//! `\nHarbor`). The leak gate (`crate::gate`) reads output in its own way,
//! with its own code: this module is the scrubber's alone.

use std::ops::Range;

use crate::anonymize::secrets::{is_invisible, prefixing_char, unspaced_char};

pub(crate) mod decode;
mod joined;
mod letters;
mod spaced;

pub(crate) use decode::{entity, percent, tag_at};
pub use joined::joined_words;
pub(crate) use letters::is_dash;
use letters::{fold_letter, lookalike};
pub use spaced::spaced_letters;

/// A text as the scrubber reads it.
#[derive(Debug, Default)]
pub struct View {
    /// The canonical text: `[a-z0-9]`, `' '` for a soft break, and other
    /// ASCII punctuation as it is.
    pub text: String,
    /// For every byte of `text`, the source range it came from.
    pub spans: Vec<Range<u32>>,
    /// For every byte of `text`: whether it is a letter that was upper-case.
    pub upper: Vec<bool>,
    /// Stretches of `text` read from letters of a script without spaces
    /// between words (Han, kana, Hangul, Thai…), and from Arabic or Hebrew
    /// letters: where a name in those scripts counts joined to its
    /// neighbours. Empty for most texts.
    pub unspaced: Vec<Range<u32>>,
    pub prefixing: Vec<Range<u32>>,
    /// Where in the source a mark that may join a word's letters
    /// (`-`, `_`, `.`, `'`, `:`, `’`, `‐`…) follows a letter or digit
    /// ([`joined_words`] reads the words around them).
    pub marks: Vec<u32>,
}

impl View {
    /// Is byte `i` of `text` in one of `stretches`?
    pub fn in_script(&self, stretches: &[Range<u32>], i: usize) -> bool {
        let i = i as u32;
        let k = stretches.partition_point(|r| r.end <= i);
        stretches.get(k).is_some_and(|r| r.start <= i)
    }
}

/// Add `from..to` of the view to `stretches`, joined to the last one when
/// only a soft break stands between them.
fn add_stretch(stretches: &mut Vec<Range<u32>>, from: usize, to: usize) {
    let (from, to) = (from as u32, to as u32);
    match stretches.last_mut() {
        Some(last) if from <= last.end + 1 => last.end = to,
        _ => stretches.push(from..to),
    }
}

/// What the view leaves out, for tests that prove the leak gate
/// independent (debug builds only; see `Scrubber::skip`).
#[derive(Debug, Default, Clone, Copy)]
pub struct Blind {
    pub entities: bool,
    pub lookalikes: bool,
    /// A hyphen at a line's end between two letters joins them
    /// (`Whit-⏎field` read as "whitfield", as a reader reads a word broken
    /// across a line) instead of being a soft break: a second view of a
    /// text that has one ([`broken_words`]).
    pub joins_broken_words: bool,
    /// `¬` inside a word (where PDF text extraction broke it) is read as a
    /// mark, not as nothing.
    pub broken_words: bool,
    /// URL-encoding is read one layer deep, and only as UTF-8.
    pub url_layers: bool,
}

/// Does `text` hold a hyphen at a line's end between two letters (a word
/// that may be broken across the line), or one a single space before a
/// small letter (`Kowal- ski`, the line's end lost in copying)?
pub fn broken_words(text: &str) -> bool {
    let b = text.as_bytes();
    // `-`, and the last byte of `‐` and `‑` (E2 80 90/91) and `¬` (C2 AC),
    // the marks PDF text extraction leaves where it broke a word.
    memchr::memchr3_iter(b'-', 0x90, 0x91, b)
        .chain(memchr::memchr_iter(0xAC, b))
        .any(|i| {
            let Some(start) = line_hyphen_start(text, i) else {
                return false;
            };
            text[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
                && broken_word_end(text, i + 1, b.len()).is_some()
        })
}

/// Where the hyphen whose last byte is at `i` begins: `-`, `‐`, `‑` or
/// `¬` (a hyphen that ends a line in PDF text).
fn line_hyphen_start(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    match b[i] {
        b'-' => Some(i),
        0x90 | 0x91 if i >= 2 && b[i - 2] == 0xE2 && b[i - 1] == 0x80 => Some(i - 2),
        0xAC if i >= 1 && b[i - 1] == 0xC2 => Some(i - 1),
        _ => None,
    }
}

/// Whether a hyphen ending at `after` ends a line inside a word: spaces, a
/// line break and (on the next line) spaces or a blockquote's `>` after
/// it, then a letter; or one space and a small letter (`Kowal- ski`: read
/// so only in this second reading, where `long- and short-term` is
/// harmless). Where that letter is.
fn broken_word_end(text: &str, after: usize, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    if b.get(after) == Some(&b' ')
        && after + 1 < end
        && text[after + 1..end]
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
    {
        return Some(after + 1);
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
    text[j..end]
        .chars()
        .next()
        .is_some_and(char::is_alphabetic)
        .then_some(j)
}

/// Is `c` a Cyrillic or Greek letter?
pub fn cyrillic_or_greek(c: char) -> bool {
    matches!(c, '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{052F}' | '\u{1F00}'..='\u{1FFF}')
}

/// Inline HTML elements: they sit inside words (`Har<b>bor</b>`).
pub(crate) const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
    "wbr",
];

/// Read `text`.
pub fn view(text: &str, blind: Blind) -> View {
    view_joining(text, blind, Vec::new())
}

/// Read `text` with the marks at `joins` (in order; from
/// [`joined_words`] and [`spaced_letters`]) left out, so that the letters either side join up
/// (`Blue-fin` read as "bluefin").
pub fn view_joining(text: &str, blind: Blind, joins: Vec<Range<usize>>) -> View {
    let mut b = ViewBuilder {
        v: View {
            text: String::with_capacity(text.len()),
            spans: Vec::with_capacity(text.len()),
            upper: Vec::with_capacity(text.len()),
            unspaced: Vec::new(),
            prefixing: Vec::new(),
            marks: Vec::new(),
        },
        soft: None,
        blind,
        joins,
    };
    let mut deferred = Vec::new();
    b.read(text, 0..text.len(), Some(&mut deferred));
    // Attributes of inline tags: published too, read as segments of their own.
    for r in deferred {
        b.flush_soft();
        b.push_ascii(b'|', r.start..r.start + 1, false);
        b.read(text, r, None);
    }
    b.flush_soft();
    b.v
}

/// The canonical text of a value (a secret's form), as the view reads it.
pub fn canon(text: &str) -> String {
    let v = view(text, Blind::default());
    v.text.trim().to_string()
}

struct ViewBuilder {
    v: View,
    /// A pending soft break: its source range.
    soft: Option<Range<usize>>,
    blind: Blind,
    /// Marks read as nothing ([`view_joining`]).
    joins: Vec<Range<usize>>,
}

impl ViewBuilder {
    /// A `.` at `r` (written as it is, or as `&#46;` or `%2E`): a break
    /// between words where a letter or digit follows (`soren.odegard`,
    /// `acme.com`), else itself.
    fn dot(&mut self, text: &str, r: Range<usize>, end: usize) {
        let next = text[r.end..end].chars().next();
        if next.is_some_and(char::is_alphanumeric) {
            self.soft_break(r);
        } else {
            self.push_ascii(b'.', r, false);
        }
    }

    /// Where a mark at `i` that is read as nothing ([`view_joining`])
    /// ends.
    fn joined_at(&self, i: usize) -> Option<usize> {
        if self.joins.is_empty() {
            return None;
        }
        let k = self.joins.binary_search_by_key(&i, |r| r.start).ok()?;
        Some(self.joins[k].end)
    }

    /// Is the last byte read into the view one that `f` takes?
    fn last_is(&self, f: fn(&u8) -> bool) -> bool {
        self.v.text.as_bytes().last().is_some_and(f)
    }

    /// A mark at `at` in the source, before the byte `next`: noted where
    /// it stands between a letter or digit and a letter or digit (or a
    /// character beyond ASCII).
    fn note_mark(&mut self, at: usize, next: Option<&u8>) {
        if next.is_some_and(|&n| n.is_ascii_alphanumeric() || n >= 0x80)
            && self.soft.is_none()
            && self.last_is(u8::is_ascii_alphanumeric)
        {
            self.v.marks.push(at as u32);
        }
    }

    fn soft_break(&mut self, r: Range<usize>) {
        let s = self.soft.get_or_insert(r.clone());
        s.end = r.end;
    }

    fn flush_soft(&mut self) {
        if let Some(s) = self.soft.take()
            && !self.v.text.is_empty()
        {
            self.v.text.push(' ');
            self.v.spans.push(s.start as u32..s.end as u32);
            self.v.upper.push(false);
        }
    }

    fn push_ascii(&mut self, c: u8, r: Range<usize>, upper: bool) {
        self.flush_soft();
        self.v.text.push(c as char);
        self.v.spans.push(r.start as u32..r.end as u32);
        self.v.upper.push(upper);
    }

    /// The ASCII letters, digits and spaces from `bytes[i]` on (before
    /// `end`), read as [`ViewBuilder::push_char`] reads them one by one,
    /// in one loop: most of any text. (Cut into runs of letters and
    /// digits, with a call of `push_char` for each space between them,
    /// the spaces cost as much as the runs.) Returns where they end.
    fn push_plain(&mut self, bytes: &[u8], mut i: usize, end: usize) -> usize {
        let joins = !self.joins.is_empty();
        while i < end {
            let c = bytes[i];
            if c == b' ' {
                // A space between a name's spelt-out letters
                // ([`spaced_letters`]) is read as nothing.
                if !joins || self.joined_at(i).is_none() {
                    self.soft_break(i..i + 1);
                }
            } else if c.is_ascii_alphanumeric() {
                self.flush_soft();
                let v = &mut self.v;
                v.text.push(char::from(c.to_ascii_lowercase()));
                v.spans.push(i as u32..i as u32 + 1);
                v.upper.push(c.is_ascii_uppercase());
            } else {
                break;
            }
            i += 1;
        }
        i
    }

    /// One decoded character from source range `r`.
    fn push_char(&mut self, c: char, r: Range<usize>) {
        if c.is_ascii() {
            match c {
                'a'..='z' | '0'..='9' => self.push_ascii(c as u8, r, false),
                'A'..='Z' => self.push_ascii(c.to_ascii_lowercase() as u8, r, true),
                '-' | '_' => self.soft_break(r),
                c if c.is_ascii_whitespace() => self.soft_break(r),
                c if c.is_ascii_control() => {}
                c => self.push_ascii(c as u8, r, false),
            }
            return;
        }
        // `¬` inside a word is where PDF text extraction broke it
        // (`Kowal¬ski`): read as nothing, as a soft hyphen.
        if is_invisible(c) || (c == '¬' && !self.blind.broken_words) {
            return;
        }

        if c.is_whitespace() || is_dash(c) {
            return self.soft_break(r);
        }
        let upper = c.is_uppercase();
        if !self.blind.lookalikes
            && let Some(l) = lookalike(c)
        {
            return self.push_ascii(l, r, upper);
        }
        let mut out = [0u8; 16];
        let n = fold_letter(c, &mut out, !self.blind.lookalikes);
        let script = if unspaced_char(c) {
            Some(false)
        } else if prefixing_char(c) {
            Some(true)
        } else {
            None
        };
        // (A soft break pending at the text's start is never written.)
        let from = self.v.text.len() + usize::from(self.soft.is_some() && !self.v.text.is_empty());
        self.fold_into(&out[..n], r, upper);
        let to = self.v.text.len();
        match script {
            Some(false) if to > from => add_stretch(&mut self.v.unspaced, from, to),
            Some(true) if to > from => add_stretch(&mut self.v.prefixing, from, to),
            _ => {}
        }
    }

    /// The bytes of a folded letter.
    fn fold_into(&mut self, out: &[u8], r: Range<usize>, upper: bool) {
        for &o in out {
            match o {
                b' ' => self.soft_break(r.clone()),
                b'A'..=b'Z' => self.push_ascii(o.to_ascii_lowercase(), r.clone(), true),
                o => self.push_ascii(o, r.clone(), upper && o.is_ascii_lowercase()),
            }
        }
    }

    /// Read `text[range]`; inline tags go to `deferred` (when given).
    fn read(
        &mut self,
        text: &str,
        range: Range<usize>,
        mut deferred: Option<&mut Vec<Range<usize>>>,
    ) {
        let bytes = text.as_bytes();
        let end = range.end;
        let mut i = range.start;
        while i < end {
            let c = bytes[i];
            match c {
                // Most of a text: letters, digits and spaces.
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b' ' => {
                    i = self.push_plain(bytes, i, end)
                }
                b'*' | b'~' | b'`' => i += 1,
                b'\\' => i += self.escape(text, i, end),
                b'&' => {
                    let (ch, n) = match (!self.blind.entities).then(|| entity(text, i, end)) {
                        Some(Some(x)) => x,
                        _ => ('&', 1),
                    };
                    if ch == '.' {
                        self.dot(text, i..i + n, end);
                    } else {
                        self.push_char(ch, i..i + n);
                    }
                    i += n;
                }
                b'%' => match percent(text, i, end, !self.blind.url_layers) {
                    Some((s, n)) => {
                        if s == "." {
                            self.dot(text, i..i + n, end);
                        } else {
                            for c in s.chars() {
                                self.push_char(c, i..i + n);
                            }
                        }
                        i += n;
                    }
                    None => {
                        self.push_ascii(b'%', i..i + 1, false);
                        i += 1;
                    }
                },
                b'.' if let Some(j) = self.joined_at(i) => i = j,
                b'.' => {
                    self.note_mark(i, bytes.get(i + 1).filter(|_| i + 1 < end));
                    self.dot(text, i..i + 1, end);
                    i += 1;
                }
                b'-' if self.blind.joins_broken_words
                    && self.soft.is_none()
                    && self.last_is(u8::is_ascii_alphabetic)
                    && let Some(j) = broken_word_end(text, i + 1, end) =>
                {
                    i = j;
                }
                // A URL's query writes a space as `+` (`?q=Harbor+Freight`).
                b'+' => {
                    self.soft_break(i..i + 1);
                    i += 1;
                }
                b'\n' => {
                    // A line break, and a blockquote's `>` markers after it.
                    let mut j = i + 1;
                    while j < end && matches!(bytes[j], b' ' | b'\t' | b'>') {
                        j += 1;
                    }
                    self.soft_break(i..j);
                    i = j;
                }
                // A comment reads as nothing: `Whit<!-- x -->field` is
                // "Whitfield" on the page (a browser, and the sanitiser,
                // leave it out). Its words are read after the text, as a
                // segment of their own: a name in it is replaced all the
                // same. One never closed is read as text.
                b'<' if deferred.is_some()
                    && let Some(close) = comment_end(&text[i..end]) =>
                {
                    let inner = i + 4..i + close - 3;
                    if let Some(d) = deferred.as_deref_mut()
                        && !text[inner.clone()].trim().is_empty()
                    {
                        d.push(inner);
                    }
                    i += close;
                }
                b'<' if deferred.is_some() => match tag_at(bytes, i, end) {
                    Some(tag) => {
                        let name = &text[tag.name.clone()];
                        if name.eq_ignore_ascii_case("br") {
                            self.soft_break(i..tag.end);
                        } else if INLINE.iter().any(|t| t.eq_ignore_ascii_case(name)) {
                            let attrs = tag.name.end..tag.end - 1;
                            if let Some(d) = deferred.as_deref_mut()
                                && !text[attrs.clone()].trim().is_empty()
                            {
                                d.push(attrs);
                            }
                        } else {
                            self.push_ascii(b'<', i..i + 1, false);
                            self.read(text, i + 1..tag.end - 1, None);
                            self.push_ascii(b'>', tag.end - 1..tag.end, false);
                        }
                        i = tag.end;
                    }
                    None => {
                        self.push_ascii(b'<', i..i + 1, false);
                        i += 1;
                    }
                },
                // (`.` is read above.)
                c if joined::ascii_mark(c)
                    && let Some(j) = self.joined_at(i) =>
                {
                    i = j
                }
                c if c.is_ascii() => {
                    if joined::ascii_mark(c) {
                        self.note_mark(i, bytes.get(i + 1).filter(|_| i + 1 < end));
                    }
                    self.push_char(c as char, i..i + 1);
                    i += 1;
                }
                _ if let Some(j) = self.joined_at(i) => i = j,
                _ => {
                    let ch = text[i..].chars().next().unwrap_or(' ');
                    let n = ch.len_utf8();
                    // A PDF's hyphen at a line's end (`Kowal‐⏎ski`).
                    if matches!(ch, '‐' | '‑' | '¬')
                        && self.blind.joins_broken_words
                        && self.soft.is_none()
                        && self.last_is(u8::is_ascii_alphabetic)
                        && let Some(j) = broken_word_end(text, i + n, end)
                    {
                        i = j;
                        continue;
                    }
                    if joined::wide_mark(ch) {
                        self.note_mark(i, bytes.get(i + n).filter(|_| i + n < end));
                    }
                    self.push_char(ch, i..i + n);
                    i += n;
                }
            }
        }
    }

    /// A backslash at `i`: a Markdown escape (`\*`), a JavaScript escape
    /// (`\u0041`), or a literal `\n` left in pasted JSON. Returns the bytes
    /// consumed.
    fn escape(&mut self, text: &str, i: usize, end: usize) -> usize {
        let bytes = text.as_bytes();
        match bytes.get(i + 1).filter(|_| i + 1 < end) {
            Some(b'n' | b't' | b'r') => {
                self.soft_break(i..i + 2);
                2
            }
            Some(b'u') => match text
                .get(i + 2..(i + 6).min(end))
                .filter(|h| h.len() == 4)
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
            {
                Some(c) => {
                    self.push_char(c, i..i + 6);
                    6
                }
                None => 1,
            },
            Some(c) if c.is_ascii_punctuation() => 1,
            _ => {
                self.push_ascii(b'\\', i..i + 1, false);
                1
            }
        }
    }
}

/// Does a one-word match `s..e` of the view stand as a word of its own?
/// At each end: the text's edge, or a neighbour of another kind (a digit
/// beside a letter, a space, punctuation), or a change of letter case
/// (`harbor|Freight`, `ACME|Holdings`, `n|Harbor`, `HFL|s`). Never inside an
/// ordinary word (`fishery` does not hold `fisher`) nor inside a number.
pub fn stands_alone(v: &View, s: usize, e: usize) -> bool {
    let k = Kinds(v);
    s < e
        && e <= v.text.len()
        && (s == 0
            || if k.letter(s) {
                !k.letter(s - 1)
                    || (!k.up(s - 1) && k.up(s))
                    || (k.up(s - 1) && k.up(s) && k.letter(s + 1) && !k.up(s + 1))
            } else {
                !(k.digit(s) && k.digit(s - 1))
            })
        && ends_alone(v, s, e)
}

/// Does the end of match `s..e` of the view stand as a word's end (the
/// right half of [`stands_alone`])?
pub fn ends_alone(v: &View, s: usize, e: usize) -> bool {
    let k = Kinds(v);
    s < e
        && e <= v.text.len()
        && (e == v.text.len()
            || if k.letter(e - 1) {
                !k.letter(e)
                    || (!k.up(e - 1) && k.up(e))
                    || (k.up(e - 1) && k.up(e) && k.letter(e + 1) && !k.up(e + 1))
                    || (k.up(e - 1) && !k.up(e) && e - s >= 2 && all_upper(v, s, e))
            } else {
                !(k.digit(e - 1) && k.digit(e))
            })
}

/// What each byte of a view is, for the edges of a word.
struct Kinds<'v>(&'v View);

impl Kinds<'_> {
    fn byte(&self, i: usize) -> Option<&u8> {
        self.0.text.as_bytes().get(i)
    }

    fn letter(&self, i: usize) -> bool {
        self.byte(i).is_some_and(u8::is_ascii_lowercase)
    }

    fn digit(&self, i: usize) -> bool {
        self.byte(i).is_some_and(u8::is_ascii_digit)
    }

    fn up(&self, i: usize) -> bool {
        self.0.upper.get(i).copied().unwrap_or(false)
    }
}

/// Were all letters of `s..e` upper-case in the source?
pub fn all_upper(v: &View, s: usize, e: usize) -> bool {
    let t = v.text.as_bytes();
    (s..e).all(|i| !t[i].is_ascii_lowercase() || v.upper[i])
}

#[cfg(test)]
mod tests;

/// Where an HTML comment at the start of `text` ends (`<!-- x -->`).
fn comment_end(text: &str) -> Option<usize> {
    let inner = text.strip_prefix("<!--")?;
    let close = inner.find("-->")?;
    Some(4 + close + 3)
}
