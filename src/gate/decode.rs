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
//! Nothing here is shared with the scrubber's reading
//! (`crate::anonymize::view`): a blind spot there is not one here.

use std::ops::Range;

use crate::gate::fold::{self, ambiguous};
use crate::gate::reveal::Reveal;

/// A file (or a piece of one) as the gate reads it.
#[derive(Debug, Default)]
pub struct Canon {
    pub text: Vec<u8>,
    /// A bit for every byte of `text`: set where a letter was upper-case.
    pub upper: Vec<u64>,
    /// From which position in `text` which decoding produced the bytes,
    /// ascending (only bytes that needed one).
    pub reveals: Vec<(u32, Reveal)>,
    /// A Cyrillic or Greek letter was read by its look: read the source
    /// again transliterated too.
    pub ambiguous: bool,
    /// The digits of `text`, run after run: digits joined by spaces, dots,
    /// slashes, brackets and plus signs (however a phone number is
    /// written) stay together, anything else ends a run with a `|`.
    pub digits: Vec<u8>,
    /// The position in `text` of every byte of `digits`.
    pub digit_at: Vec<u32>,
    /// The last byte of `digits` is a digit.
    in_run: bool,
    /// Where in `digits` the current run began.
    run_start: usize,
}

impl Canon {
    pub fn clear(&mut self) {
        self.text.clear();
        self.upper.clear();
        self.reveals.clear();
        self.ambiguous = false;
        self.digits.clear();
        self.digit_at.clear();
        self.in_run = false;
        self.run_start = 0;
    }

    /// A run of digits ends: kept when it is as long as a phone number
    /// can be (six digits or more), dropped otherwise.
    #[inline]
    fn end_run(&mut self, at: usize) {
        if self.digits.len() - self.run_start >= 6 {
            self.digits.push(b'|');
            self.digit_at.push(at as u32);
        } else {
            self.digits.truncate(self.run_start);
            self.digit_at.truncate(self.run_start);
        }
        self.run_start = self.digits.len();
        self.in_run = false;
    }

    /// Keep the digit runs up to date with byte `b` pushed at `at`.
    #[inline]
    fn digit(&mut self, b: u8, at: usize) {
        if b.is_ascii_digit() {
            self.digits.push(b);
            self.digit_at.push(at as u32);
            self.in_run = true;
        } else if self.in_run && !matches!(b, b' ' | b'.' | b'(' | b')' | b'+' | b'/') {
            self.end_run(at);
        }
    }

    pub fn is_upper(&self, i: usize) -> bool {
        self.upper
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    fn set_upper(&mut self, i: usize) {
        if i / 64 >= self.upper.len() {
            self.upper.resize(i / 64 + 1024, 0);
        }
        self.upper[i / 64] |= 1 << (i % 64);
    }

    /// The decodings that produced any byte of `range`.
    pub fn reveal_in(&self, range: Range<usize>) -> Reveal {
        let from = self
            .reveals
            .partition_point(|(p, _)| (*p as usize) < range.start);
        let mut r = Reveal::NONE;
        for (p, how) in &self.reveals[from..] {
            if *p as usize >= range.end {
                break;
            }
            r |= *how;
        }
        r
    }
}

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
            b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'-' | b'_' => SOFT,
            b'.' => DOT,
            b'(' | b')' | b'+' | b'/' => JOIN,
            b'&' | b'%' | b'\\' | b'<' | b'*' | b'~' | b'`' => SPECIAL,
            c if c.is_ascii_punctuation() => BREAK,
            _ => CONTROL,
        };
        i += 1;
    }
    t
};

/// Inline elements: they may sit inside a word.
const INLINE: &[&[u8]] = &[
    b"a", b"abbr", b"b", b"bdi", b"bdo", b"cite", b"code", b"data", b"del", b"dfn", b"em", b"font",
    b"i", b"ins", b"kbd", b"mark", b"q", b"s", b"samp", b"small", b"span", b"strong", b"sub",
    b"sup", b"time", b"tt", b"u", b"var", b"wbr",
];

/// Read `src` into `out` (cleared first). `translit`: read Cyrillic and
/// Greek letters by transliteration instead of by their look.
pub fn read(src: &str, out: &mut Canon, translit: bool) {
    out.clear();
    out.text.reserve(src.len());
    out.upper.resize(src.len() / 64 + 1, 0);
    let mut r = Reader {
        out,
        pending: Reveal::NONE,
        translit,
        deferred: Vec::new(),
        parts: Vec::new(),
    };
    r.run(src, 0..src.len(), true, Reveal::NONE);
    let deferred = std::mem::take(&mut r.deferred);
    for d in deferred {
        r.hard(b'|');
        r.run(src, d, false, Reveal::ATTRIBUTE);
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
    translit: bool,
    /// Attributes of inline tags, read after the text.
    deferred: Vec<Range<usize>>,
    /// A tag's parts to read (kept to spare an allocation per tag).
    parts: Vec<Range<usize>>,
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
                b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'-' | b'_' => self.soft(how),
                b if b.is_ascii_control() => {}
                b => self.push(b, false, how),
            }
            return;
        }
        let f = if self.translit && ambiguous(c) {
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
        for &b in f.as_slice() {
            if b == b' ' {
                self.soft(how | f.how);
            } else {
                self.push(b, f.upper && b.is_ascii_lowercase(), how | f.how);
            }
        }
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
                    let out = &mut *self.out;
                    let mut j = i;
                    while j < end {
                        let c = b[j];
                        match CLASS[usize::from(c)] {
                            LOWER | BREAK => {
                                if out.in_run {
                                    out.end_run(text.len());
                                }
                                text.push(c);
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
                b'%' => i += self.percent(src, i, end, how),
                b'\\' => i += self.escape(src, i, end, how),
                b'<' if tags => i = self.tag(src, i, end),
                b'\n' | b'\t' | b'\r' | 0x0c | b'-' | b'_' => {
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
                    self.char(ch, how);
                    i += ch.len_utf8();
                }
            }
        }
    }

    /// A character reference at `i`; returns the bytes read.
    fn reference(&mut self, src: &str, i: usize, end: usize, how: Reveal) -> usize {
        let b = &src.as_bytes()[i..end];
        if b.get(1) == Some(&b'#') {
            let hex = matches!(b.get(2), Some(b'x' | b'X'));
            let start = if hex { 3 } else { 2 };
            let n = b[start..]
                .iter()
                .take(10)
                .take_while(|c| {
                    if hex {
                        c.is_ascii_hexdigit()
                    } else {
                        c.is_ascii_digit()
                    }
                })
                .count();
            if n > 0 {
                let digits = std::str::from_utf8(&b[start..start + n]).unwrap_or("0");
                let v = u32::from_str_radix(digits, if hex { 16 } else { 10 }).unwrap_or(0xFFFD);
                let ch = char::from_u32(v).unwrap_or('\u{FFFD}');
                self.char(ch, how | Reveal::NUMERIC_REF);
                return start + n + usize::from(b.get(start + n) == Some(&b';'));
            }
        } else {
            let n = b[1..]
                .iter()
                .take(40)
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            for len in (1..=n).rev() {
                let semi = b.get(len + 1) == Some(&b';');
                let key = &b[..len + 1 + usize::from(semi)];
                if let Some(exp) = htmlize::ENTITIES.get(key) {
                    for ch in String::from_utf8_lossy(exp).chars() {
                        self.char(ch, how | Reveal::ENTITY);
                    }
                    return key.len();
                }
            }
        }
        self.push(b'&', false, how);
        1
    }

    /// `%XX` bytes at `i` that decode to text; returns the bytes read.
    fn percent(&mut self, src: &str, i: usize, end: usize, how: Reveal) -> usize {
        let b = &src.as_bytes()[i..end];
        let hex = |c: u8| (c as char).to_digit(16);
        let mut bytes = Vec::new();
        let mut j = 0;
        while j + 3 <= b.len() && b[j] == b'%' {
            match (
                b.get(j + 1).and_then(|&c| hex(c)),
                b.get(j + 2).and_then(|&c| hex(c)),
            ) {
                (Some(h), Some(l)) => bytes.push((h * 16 + l) as u8),
                _ => break,
            }
            j += 3;
        }
        if bytes.is_empty() {
            self.push(b'%', false, how);
            return 1;
        }
        for ch in String::from_utf8_lossy(&bytes).chars() {
            self.char(ch, how | Reveal::URL);
        }
        j
    }

    /// A backslash escape at `i`; returns the bytes read.
    fn escape(&mut self, src: &str, i: usize, end: usize, how: Reveal) -> usize {
        let b = &src.as_bytes()[i..end];
        let how = how | Reveal::JS_ESCAPE;
        let hex = |s: &[u8]| {
            std::str::from_utf8(s)
                .ok()
                .and_then(|s| u32::from_str_radix(s, 16).ok())
        };
        match b.get(1) {
            Some(b'u') if b.get(2) == Some(&b'{') => {
                let close = b.iter().take(12).position(|&c| c == b'}');
                if let Some(ch) = close.and_then(|c| hex(&b[3..c])).and_then(char::from_u32) {
                    self.char(ch, how);
                    return close.unwrap_or(0) + 1;
                }
            }
            Some(b'u') if b.len() >= 6 => {
                if let Some(v) = hex(&b[2..6]) {
                    // A surrogate pair: `\uD83D\uDE00`.
                    if (0xD800..0xDC00).contains(&v)
                        && b.len() >= 12
                        && &b[6..8] == b"\\u"
                        && let Some(lo) = hex(&b[8..12]).filter(|l| (0xDC00..0xE000).contains(l))
                    {
                        let c = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                        self.char(char::from_u32(c).unwrap_or('\u{FFFD}'), how);
                        return 12;
                    }
                    self.char(char::from_u32(v).unwrap_or('\u{FFFD}'), how);
                    return 6;
                }
            }
            Some(b'x') if b.len() >= 4 => {
                if let Some(v) = hex(&b[2..4]) {
                    self.char(char::from_u32(v).unwrap_or('\u{FFFD}'), how);
                    return 4;
                }
            }
            Some(b'n' | b'r' | b't' | b'f' | b'v' | b'b' | b'0') => {
                self.soft(how);
                return 2;
            }
            Some(&c) if c.is_ascii_punctuation() => {
                self.char(c as char, how);
                return 2;
            }
            _ => {}
        }
        self.push(b'\\', false, how);
        1
    }

    /// Markup at `i` (`<`): a tag is read for what it holds; returns where
    /// reading goes on.
    fn tag(&mut self, src: &str, i: usize, end: usize) -> usize {
        let b = src.as_bytes();
        let mut j = i + 1;
        if b.get(j) == Some(&b'/') {
            j += 1;
        }
        if j >= end || !b[j].is_ascii_alphabetic() {
            self.push(b'<', false, Reveal::NONE);
            return i + 1;
        }
        let name_start = j;
        while j < end && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        let name = &b[name_start..j];
        let mut quote = 0u8;
        let limit = end.min(i + 16 * 1024);
        let mut k = j;
        while k < limit {
            match b[k] {
                q @ (b'"' | b'\'') if quote == 0 => quote = q,
                q if q == quote => quote = 0,
                b'>' if quote == 0 => break,
                _ => {}
            }
            k += 1;
        }
        if k >= limit {
            // No end: not a tag, read on as text.
            self.push(b'<', false, Reveal::NONE);
            return i + 1;
        }
        if name.eq_ignore_ascii_case(b"br") {
            self.soft(Reveal::MARKUP);
        } else if INLINE.iter().any(|t| t.eq_ignore_ascii_case(name)) {
            // Inside a word: the word joins up, the attributes are read
            // after the text.
            self.pending |= Reveal::MARKUP;
            attributes(b, j, k, &mut self.deferred);
        } else {
            self.hard(b'<');
            if !standard(name) {
                self.run(src, name_start..j, false, Reveal::NONE);
            }
            let mut parts = std::mem::take(&mut self.parts);
            parts.clear();
            attributes(b, j, k, &mut parts);
            for p in parts.drain(..) {
                self.hard(b'"');
                self.run(src, p, false, Reveal::NONE);
            }
            self.parts = parts;
            self.hard(b'>');
        }
        k + 1
    }
}

/// What of a tag's attributes (`b[from..to]`, after the tag's name) is
/// read: every value, and every name that is not one of HTML's own (a
/// custom `data-…` or element name is the author's text).
fn attributes(b: &[u8], from: usize, to: usize, out: &mut Vec<Range<usize>>) {
    let mut i = from;
    while i < to {
        while i < to && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let name = i;
        while i < to && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'/' | b'>') {
            i += 1;
        }
        if i > name && !standard(&b[name..i]) {
            out.push(name..i);
        }
        while i < to && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < to && b[i] == b'=' {
            i += 1;
            while i < to && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < to && matches!(b[i], b'"' | b'\'') {
                let q = b[i];
                let start = i + 1;
                i = start;
                while i < to && b[i] != q {
                    i += 1;
                }
                out.push(start..i);
                i += 1;
            } else {
                let start = i;
                while i < to && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                out.push(start..i);
            }
        } else if i == name {
            i += 1;
        }
    }
}

/// HTML's own element and attribute names: markup, not text (anything
/// else in a tag is read).
fn standard(name: &[u8]) -> bool {
    let mut lower = [0u8; 24];
    if name.len() > lower.len() {
        return false;
    }
    for (l, c) in lower.iter_mut().zip(name) {
        *l = c.to_ascii_lowercase();
    }
    matches!(
        &lower[..name.len()],
        b"html"
            | b"head"
            | b"body"
            | b"meta"
            | b"link"
            | b"title"
            | b"script"
            | b"style"
            | b"div"
            | b"p"
            | b"ul"
            | b"ol"
            | b"li"
            | b"nav"
            | b"header"
            | b"footer"
            | b"main"
            | b"article"
            | b"section"
            | b"aside"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"table"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"tr"
            | b"td"
            | b"th"
            | b"img"
            | b"svg"
            | b"path"
            | b"g"
            | b"circle"
            | b"rect"
            | b"line"
            | b"polyline"
            | b"text"
            | b"button"
            | b"input"
            | b"form"
            | b"label"
            | b"select"
            | b"option"
            | b"textarea"
            | b"details"
            | b"summary"
            | b"figure"
            | b"figcaption"
            | b"pre"
            | b"blockquote"
            | b"hr"
            | b"dl"
            | b"dt"
            | b"dd"
            | b"noscript"
            | b"template"
            | b"output"
            | b"progress"
            | b"meter"
            | b"fieldset"
            | b"legend"
            | b"caption"
            | b"colgroup"
            | b"col"
            | b"picture"
            | b"source"
            | b"video"
            | b"audio"
            | b"canvas"
            | b"class"
            | b"id"
            | b"href"
            | b"src"
            | b"alt"
            | b"rel"
            | b"type"
            | b"name"
            | b"content"
            | b"charset"
            | b"lang"
            | b"dir"
            | b"width"
            | b"height"
            | b"role"
            | b"hidden"
            | b"open"
            | b"for"
            | b"value"
            | b"checked"
            | b"disabled"
            | b"datetime"
            | b"aria-label"
            | b"aria-hidden"
            | b"aria-current"
            | b"aria-live"
            | b"aria-labelledby"
            | b"aria-describedby"
            | b"aria-expanded"
            | b"aria-controls"
            | b"tabindex"
            | b"placeholder"
            | b"autocomplete"
            | b"viewbox"
            | b"xmlns"
            | b"d"
            | b"fill"
            | b"stroke"
            | b"defer"
            | b"async"
            | b"loading"
            | b"decoding"
            | b"action"
            | b"method"
            | b"colspan"
            | b"rowspan"
            | b"scope"
            | b"start"
            | b"reversed"
            | b"http-equiv"
            | b"property"
            | b"media"
            | b"sizes"
            | b"srcset"
            | b"target"
            | b"download"
            | b"min"
            | b"max"
            | b"step"
            | b"pattern"
            | b"required"
            | b"readonly"
            | b"multiple"
            | b"selected"
            | b"cols"
            | b"rows"
            | b"wrap"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> String {
        let mut c = Canon::default();
        read(s, &mut c, false);
        String::from_utf8(c.text).unwrap()
    }

    #[test]
    fn decodes_everything_a_browser_or_a_script_would() {
        assert_eq!(
            t("Harbor&ensp;Freight &Lstrok;ukasz &#72;i &#x48;i"),
            "harbor freight lukasz hi hi"
        );
        assert_eq!(t("%41cme%20Holdings"), "acme holdings");
        assert_eq!(t("\\u0041cme \\u{48}i \\x48i \\nAcme"), "acme hi hi acme");
        assert_eq!(
            t("Har<b class=\"x\">bor</b> <p id=\"Acme\" data-bluefin>y</p>"),
            "harbor <\"acme\"data bluefin>y<>|x"
        );
        assert_eq!(t("Harbor<br/>Freight"), "harbor freight");
        assert_eq!(t("Zo\u{200B}ë Ｈａｒｂｏｒ Рriya"), "zoe harbor priya");
        assert_eq!(t("acme-holdings_ltd.com 3.5"), "acme holdings ltd com 3 5");
        assert_eq!(t("end. Next"), "end. next");
        assert_eq!(t("**Har**bor"), "harbor");
    }

    #[test]
    fn remembers_case_and_what_revealed_what() {
        let mut c = Canon::default();
        read("x Zo&euml; HarborFreight", &mut c, false);
        let text = String::from_utf8(c.text.clone()).unwrap();
        let z = text.find("zoe").unwrap();
        assert!(c.reveal_in(z..z + 3).contains(Reveal::ENTITY));
        assert!(c.reveal_in(0..1).is_empty());
        let h = text.find("harbor").unwrap();
        assert!(c.is_upper(h) && c.is_upper(h + 6) && !c.is_upper(h + 1));
    }

    #[test]
    fn transliterates_on_a_second_reading() {
        let mut c = Canon::default();
        read("Сергей", &mut c, false);
        assert!(c.ambiguous);
        read("Сергей", &mut c, true);
        assert_eq!(String::from_utf8(c.text.clone()).unwrap(), "sergei");
    }
}
