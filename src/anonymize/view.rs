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

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use crate::anonymize::secrets::is_invisible;

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
}

/// What the view leaves out, for tests that prove the leak gate
/// independent (debug builds only; see `Scrubber::skip`).
#[derive(Debug, Default, Clone, Copy)]
pub struct Blind {
    pub entities: bool,
    pub lookalikes: bool,
}

/// Inline HTML elements: they sit inside words (`Har<b>bor</b>`).
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
    "wbr",
];

/// Read `text`.
pub fn view(text: &str, blind: Blind) -> View {
    let mut b = ViewBuilder {
        v: View {
            text: String::with_capacity(text.len()),
            spans: Vec::with_capacity(text.len()),
            upper: Vec::with_capacity(text.len()),
        },
        soft: None,
        blind,
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
}

impl ViewBuilder {
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
        if is_invisible(c) {
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
        for &o in &out[..n] {
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
                b'*' | b'~' | b'`' => i += 1,
                b'\\' => i += self.escape(text, i, end),
                b'&' => {
                    let (ch, n) = match (!self.blind.entities).then(|| entity(text, i, end)) {
                        Some(Some(x)) => x,
                        _ => ('&', 1),
                    };
                    for c in ch.to_string().chars() {
                        self.push_char(c, i..i + n);
                    }
                    i += n;
                }
                b'%' => match percent(text, i, end) {
                    Some((s, n)) => {
                        for c in s.chars() {
                            self.push_char(c, i..i + n);
                        }
                        i += n;
                    }
                    None => {
                        self.push_ascii(b'%', i..i + 1, false);
                        i += 1;
                    }
                },
                b'.' => {
                    let next = text[i + 1..end].chars().next();
                    if next.is_some_and(char::is_alphanumeric) {
                        self.soft_break(i..i + 1);
                    } else {
                        self.push_ascii(b'.', i..i + 1, false);
                    }
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
                c if c.is_ascii() => {
                    self.push_char(c as char, i..i + 1);
                    i += 1;
                }
                _ => {
                    let ch = text[i..].chars().next().unwrap_or(' ');
                    let n = ch.len_utf8();
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

/// A tag at `i` (`<` followed by a letter or `/`): the range of its name
/// and the byte after its `>` (quoted `>` skipped).
pub(crate) struct Tag {
    pub name: Range<usize>,
    pub end: usize,
}

pub(crate) fn tag_at(bytes: &[u8], i: usize, end: usize) -> Option<Tag> {
    let mut j = i + 1;
    if bytes.get(j) == Some(&b'/') {
        j += 1;
    }
    if !bytes.get(j).is_some_and(u8::is_ascii_alphabetic) || j >= end {
        return None;
    }
    let name_start = j;
    while j < end && bytes[j].is_ascii_alphanumeric() {
        j += 1;
    }
    let name = name_start..j;
    let mut quote = None;
    let limit = end.min(i + 4096);
    while j < limit {
        match (bytes[j], quote) {
            (b'"' | b'\'', None) => quote = Some(bytes[j]),
            (q, Some(open)) if q == open => quote = None,
            (b'>', None) => return Some(Tag { name, end: j + 1 }),
            (b'\n', _) if bytes.get(j + 1) == Some(&b'\n') => return None,
            _ => {}
        }
        j += 1;
    }
    None
}

/// A character reference at `i` (`&amp;`, `&ensp;`, `&#x44;`; named ones
/// by HTML5's table, with the legacy forms without `;`): the character and
/// the reference's length.
pub(crate) fn entity(text: &str, i: usize, end: usize) -> Option<(char, usize)> {
    let bytes = &text.as_bytes()[i..end];
    if bytes.get(1) == Some(&b'#') {
        let (hex, start) = match bytes.get(2) {
            Some(b'x' | b'X') => (true, 3),
            _ => (false, 2),
        };
        let digits = bytes[start..]
            .iter()
            .take(8)
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let s = std::str::from_utf8(&bytes[start..start + digits]).ok()?;
        let n = u32::from_str_radix(s, if hex { 16 } else { 10 }).ok()?;
        let len = start + digits + usize::from(bytes.get(start + digits) == Some(&b';'));
        return Some((char::from_u32(n).unwrap_or('\u{FFFD}'), len));
    }
    let name_len = bytes[1..]
        .iter()
        .take(htmlize::ENTITY_MAX_LENGTH)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    // The longest name that is a reference (`&notin;` before `&not`).
    for n in (1..=name_len).rev() {
        let with_semi = bytes.get(n + 1) == Some(&b';');
        let key = &bytes[..n + 1 + usize::from(with_semi)];
        if let Some(exp) = htmlize::ENTITIES.get(key) {
            let s = std::str::from_utf8(exp).ok()?;
            return s.chars().next().map(|c| (c, key.len()));
        }
    }
    None
}

/// `%XX` sequences at `i` that decode to UTF-8 text: the text and the
/// bytes consumed.
pub(crate) fn percent(text: &str, i: usize, end: usize) -> Option<(String, usize)> {
    let b = &text.as_bytes()[i..end];
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::new();
    let mut j = 0;
    while j + 3 <= b.len() && b[j] == b'%' {
        match (hex(b[j + 1]), hex(b[j + 2])) {
            (Some(h), Some(l)) => out.push(h * 16 + l),
            _ => break,
        }
        j += 3;
    }
    let valid = match std::str::from_utf8(&out) {
        Ok(_) => out.len(),
        Err(e) => e.valid_up_to(),
    };
    (valid > 0).then(|| {
        (
            String::from_utf8_lossy(&out[..valid]).into_owned(),
            valid * 3,
        )
    })
}

/// Hyphens and dashes of every kind (Unicode's Pd).
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'
            ..='\u{2015}'
                | '\u{2E3A}'
                | '\u{2E3B}'
                | '\u{FE58}'
                | '\u{FE63}'
                | '\u{FF0D}'
                | '\u{058A}'
                | '\u{05BE}'
                | '\u{1806}'
                | '\u{2212}'
    )
}

/// A Cyrillic or Greek letter that looks like a Latin one: that letter.
fn lookalike(c: char) -> Option<u8> {
    let l = match c {
        'а' | 'А' | 'α' | 'Α' => 'a',
        'В' | 'в' | 'Β' | 'β' => 'b',
        'С' | 'с' | 'ϲ' | 'Ϲ' => 'c',
        'ԁ' => 'd',
        'Е' | 'е' | 'Ё' | 'ё' | 'Ε' | 'ε' => 'e',
        'Н' | 'н' | 'Η' => 'h',
        'І' | 'і' | 'Ї' | 'ї' | 'Ι' | 'ι' | 'ӏ' | 'Ӏ' => 'i',
        'Ј' | 'ј' | 'ϳ' => 'j',
        'К' | 'к' | 'Κ' | 'κ' => 'k',
        'М' | 'м' | 'Μ' => 'm',
        'Ν' => 'n',
        'О' | 'о' | 'Ο' | 'ο' | 'σ' => 'o',
        'Р' | 'р' | 'Ρ' | 'ρ' => 'p',
        'ԛ' | 'Ԛ' => 'q',
        'Ѕ' | 'ѕ' => 's',
        'Т' | 'т' | 'Τ' | 'τ' => 't',
        'υ' => 'u',
        'ν' => 'v',
        'Ԝ' | 'ԝ' | 'ω' => 'w',
        'Х' | 'х' | 'Χ' | 'χ' => 'x',
        'У' | 'у' | 'Υ' | 'γ' | 'Ү' | 'ү' => 'y',
        'Ζ' => 'z',
        _ => return None,
    };
    Some(l as u8)
}

/// A non-ASCII character folded to ASCII: compatibility-decomposed
/// (`Ｈ` → `H`, `ﬁ` → `fi`), marks dropped (`ë` → `e`), then
/// transliterated (`ß` → `ss`, `Ł` → `L`). Writes into `out`, returns the
/// length; a space stands for a break.
fn fold_letter(c: char, out: &mut [u8; 16], lookalikes: bool) -> usize {
    let mut n = 0;
    let mut push = |s: &str, n: &mut usize| {
        for b in s.bytes() {
            if *n < out.len() {
                out[*n] = if b.is_ascii_alphanumeric() || b.is_ascii_punctuation() {
                    b
                } else {
                    b' '
                };
                *n += 1;
            }
        }
    };
    let mut parts = ['\0'; 18];
    let mut count = 0;
    decompose_compatible(c, |d| {
        if count < parts.len() {
            parts[count] = d;
            count += 1;
        }
    });
    for &d in &parts[..count] {
        if is_combining_mark(d) || is_invisible(d) {
            continue;
        }
        if d.is_ascii() {
            let mut buf = [0u8; 4];
            push(d.encode_utf8(&mut buf), &mut n);
        } else if let Some(l) = lookalike(d).filter(|_| lookalikes) {
            let s = [if d.is_uppercase() {
                l.to_ascii_uppercase()
            } else {
                l
            }];
            push(std::str::from_utf8(&s).unwrap_or(" "), &mut n);
        } else {
            push(deunicode::deunicode_char(d).unwrap_or(" "), &mut n);
        }
    }
    n
}

/// Does a one-word match `s..e` of the view stand as a word of its own?
/// At each end: the text's edge, or a neighbour of another kind (a digit
/// beside a letter, a space, punctuation), or a change of letter case
/// (`harbor|Freight`, `ACME|Holdings`, `n|Harbor`, `HFL|s`). Never inside an
/// ordinary word (`fishery` does not hold `fisher`) nor inside a number.
pub fn stands_alone(v: &View, s: usize, e: usize) -> bool {
    let t = v.text.as_bytes();
    if s >= e || e > t.len() {
        return false;
    }
    let letter = |i: usize| t.get(i).is_some_and(u8::is_ascii_lowercase);
    let digit = |i: usize| t.get(i).is_some_and(u8::is_ascii_digit);
    let up = |i: usize| v.upper.get(i).copied().unwrap_or(false);
    let left = s == 0
        || if letter(s) {
            !letter(s - 1)
                || (!up(s - 1) && up(s))
                || (up(s - 1) && up(s) && letter(s + 1) && !up(s + 1))
        } else {
            !(digit(s) && digit(s - 1))
        };
    let right = e == t.len()
        || if letter(e - 1) {
            !letter(e)
                || (!up(e - 1) && up(e))
                || (up(e - 1) && up(e) && letter(e + 1) && !up(e + 1))
                || (up(e - 1) && !up(e) && e - s >= 2 && all_upper(v, s, e))
        } else {
            !(digit(e - 1) && digit(e))
        };
    left && right
}

/// Were all letters of `s..e` upper-case in the source?
pub fn all_upper(v: &View, s: usize, e: usize) -> bool {
    let t = v.text.as_bytes();
    (s..e).all(|i| !t[i].is_ascii_lowercase() || v.upper[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> String {
        view(s, Blind::default()).text
    }

    #[test]
    fn reads_as_a_reader_would() {
        assert_eq!(
            t("**Har&#98;or**\n> Free\u{200B}tight's"),
            "harbor freetight's"
        );
        assert_eq!(
            t("Harbor&ensp;Freight &Lstrok;ukasz"),
            "harbor freight lukasz"
        );
        assert_eq!(t("acme-holdings_ltd.com"), "acme holdings ltd com");
        assert_eq!(t("Done. Next"), "done. next");
        assert_eq!(t("\\nAcme Holdings"), "acme holdings");
        assert_eq!(t("Har<b class=\"x\">bor</b>"), "harbor| class=\"x\"");
        assert_eq!(t("Harbor<br>Freight <p>x</p>"), "harbor freight <p>x</p>");
        assert_eq!(t("%41cme Ｈａｒｂｏｒ \\u0041cme"), "acme harbor acme");
        // Cyrillic а and Р, Greek Ο.
        assert_eq!(t("Hаrbor Рriya ΟK"), "harbor priya ok");
        assert_eq!(t("Zoë Straße Jürgen"), "zoe strasse jurgen");
        assert_eq!(t("087–123\u{2009}4567"), "087 123 4567");
    }

    #[test]
    fn spans_map_back_to_the_source() {
        let s = "**Har&#98;or**";
        let v = view(s, Blind::default());
        let b = v.text.find('b').unwrap();
        assert_eq!(
            &s[v.spans[b].start as usize..v.spans[b].end as usize],
            "&#98;"
        );
    }

    #[test]
    fn words_stand_alone_at_case_changes_and_digits() {
        let at = |s: &str, w: &str| {
            let v = view(s, Blind::default());
            let i = v.text.find(w).unwrap();
            stands_alone(&v, i, i + w.len())
        };
        assert!(at("HarborFreight", "harbor"));
        assert!(at("HarborFreight", "freight"));
        assert!(at("acme2024", "acme"));
        assert!(at("ACMEHoldings", "acme"));
        assert!(at("nHarbor", "harbor"));
        assert!(at("HFLs", "hfl"));
        assert!(!at("fishery", "fisher"));
        assert!(!at("Fishery", "fisher"));
        assert!(!at("FISHERY", "fisher"));
        assert!(!at("dangerous", "dan"));
    }
}
