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
    /// Positions in `text` of letters that were upper-case, ascending.
    pub upper: Vec<u32>,
    /// From which position in `text` which decoding produced the bytes,
    /// ascending (only bytes that needed one).
    pub reveals: Vec<(u32, Reveal)>,
    /// A Cyrillic or Greek letter was read by its look: read the source
    /// again transliterated too.
    pub ambiguous: bool,
}

impl Canon {
    pub fn clear(&mut self) {
        self.text.clear();
        self.upper.clear();
        self.reveals.clear();
        self.ambiguous = false;
    }

    pub fn is_upper(&self, i: usize) -> bool {
        self.upper.binary_search(&(i as u32)).is_ok()
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
    let mut r = Reader {
        out,
        pending: Reveal::NONE,
        translit,
        deferred: Vec::new(),
    };
    r.run(src, 0..src.len(), true, Reveal::NONE);
    let deferred = std::mem::take(&mut r.deferred);
    for d in deferred {
        r.hard(b'|');
        r.run(src, d, false, Reveal::ATTRIBUTE);
    }
}

struct Reader<'o> {
    out: &'o mut Canon,
    /// Decodings that joined the next byte to the previous one.
    pending: Reveal,
    translit: bool,
    /// Attributes of inline tags, read after the text.
    deferred: Vec<Range<usize>>,
}

impl Reader<'_> {
    fn push(&mut self, b: u8, upper: bool, how: Reveal) {
        let at = self.out.text.len() as u32;
        let how = how | std::mem::take(&mut self.pending);
        if !how.is_empty() {
            self.out.reveals.push((at, how));
        }
        if upper {
            self.out.upper.push(at);
        }
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
                b'a'..=b'z' | b'0'..=b'9' => {
                    // The common case: a run of lower-case letters and digits.
                    let mut j = i;
                    while j < end && matches!(b[j], b'a'..=b'z' | b'0'..=b'9') {
                        j += 1;
                    }
                    let pending = std::mem::take(&mut self.pending) | how;
                    if !pending.is_empty() {
                        self.out.reveals.push((self.out.text.len() as u32, pending));
                    }
                    self.out.text.extend_from_slice(&b[i..j]);
                    i = j;
                }
                b'A'..=b'Z' => {
                    self.push(c.to_ascii_lowercase(), true, how);
                    i += 1;
                }
                b'*' | b'~' | b'`' => {
                    self.pending |= Reveal::MARKUP;
                    i += 1;
                }
                b'.' => {
                    let next = b.get(i + 1).filter(|_| i + 1 < end);
                    if next.is_some_and(|n| n.is_ascii_alphanumeric() || *n >= 0x80) {
                        self.soft(how);
                    } else {
                        self.push(b'.', false, how);
                    }
                    i += 1;
                }
                b'&' => i += self.reference(src, i, end, how),
                b'%' => i += self.percent(src, i, end, how),
                b'\\' => i += self.escape(src, i, end, how),
                b'<' if tags => i = self.tag(src, i, end),
                c if c < 0x80 => {
                    self.char(c as char, how);
                    i += 1;
                }
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
            self.pending |= Reveal::MARKUP;
            if b[j..k]
                .iter()
                .any(|c| !c.is_ascii_whitespace() && *c != b'/')
            {
                self.deferred.push(j..k);
            }
        } else {
            self.hard(b'<');
            self.run(src, name_start..k, false, Reveal::NONE);
            self.hard(b'>');
        }
        k + 1
    }
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
            t("Har<b class=\"x\">bor</b> <p>y</p>"),
            "harbor <p>y<p>| class=\"x\""
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
