//! Markup: a tag is read for what an author may have written in it (its
//! attribute values and any name that is not HTML's own); an inline tag
//! inside a word lets the word join up.

use std::ops::Range;

use crate::gate::decode::Reader;
use crate::gate::reveal::Reveal;

/// Is `name` (any case) an inline element, one that may sit inside a
/// word? (`br` is not: it breaks the line.) SVG's `tspan` is: the spans
/// of a `<text>` are drawn one after the other.
pub fn inline(name: &[u8]) -> bool {
    let mut lower = [0u8; 6];
    if name.len() > lower.len() {
        return false;
    }
    for (l, c) in lower.iter_mut().zip(name) {
        *l = c.to_ascii_lowercase();
    }
    matches!(
        &lower[..name.len()],
        b"a" | b"abbr"
            | b"b"
            | b"bdi"
            | b"bdo"
            | b"cite"
            | b"code"
            | b"data"
            | b"del"
            | b"dfn"
            | b"em"
            | b"font"
            | b"i"
            | b"ins"
            | b"kbd"
            | b"mark"
            | b"q"
            | b"s"
            | b"samp"
            | b"small"
            | b"span"
            | b"strong"
            | b"sub"
            | b"sup"
            | b"time"
            | b"tspan"
            | b"tt"
            | b"u"
            | b"var"
            | b"wbr"
    )
}

/// Where the tag opened at `b[open]` (`<`) ends: its `>`, looked for from
/// `from` (after its name). Quotes hide a `>`; a tag without one within
/// 16 KB (or `end`) is none.
#[inline]
pub fn tag_end(b: &[u8], open: usize, from: usize, end: usize) -> Option<usize> {
    let limit = end.min(open + 16 * 1024);
    let mut quote = 0u8;
    let mut k = from;
    while k < limit {
        match b[k] {
            q @ (b'"' | b'\'') if quote == 0 => quote = q,
            q if q == quote => quote = 0,
            b'>' if quote == 0 => return Some(k),
            _ => {}
        }
        k += 1;
    }
    None
}

impl Reader<'_> {
    /// Markup at `i` (`<`): a tag is read for what it holds; returns where
    /// reading goes on.
    pub(super) fn tag(&mut self, src: &str, i: usize, end: usize) -> usize {
        let b = src.as_bytes();
        // A comment or a processing instruction inside a word is nothing
        // to a browser (`Whit<!-- -->field` shows "Whitfield"): the word
        // joins up, and what it holds is read after the text.
        let pairs: &[(&str, &str)] = match b.get(i + 1) {
            Some(b'!' | b'?') => &[("<!--", "-->"), ("<?", ">")],
            _ => &[],
        };
        for &(open, close) in pairs {
            if src[i..end].starts_with(open) {
                let from = i + open.len();
                return match src[from..end].find(close) {
                    Some(k) => {
                        self.pending |= Reveal::MARKUP;
                        self.deferred.push((from..from + k, Reveal::COMMENT));
                        from + k + close.len()
                    }
                    None => {
                        self.push(b'<', false, Reveal::NONE);
                        i + 1
                    }
                };
            }
        }
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
        let Some(k) = tag_end(b, i, j, end) else {
            // No end: not a tag, read on as text.
            self.push(b'<', false, Reveal::NONE);
            return i + 1;
        };
        if name.eq_ignore_ascii_case(b"br") {
            self.soft(Reveal::MARKUP);
        } else if inline(name) {
            // Inside a word: the word joins up, the attributes are read
            // after the text.
            self.pending |= Reveal::MARKUP;
            let mut parts = std::mem::take(&mut self.parts);
            parts.clear();
            attributes(b, j, k, &mut parts);
            self.deferred
                .extend(parts.drain(..).map(|p| (p, Reveal::ATTRIBUTE)));
            self.parts = parts;
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
                self.region(src, p, Reveal::ATTRIBUTE);
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
                without_hashes(b, start..i, out);
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

/// `b[range]` less the hashes a Content Security Policy names
/// (`'sha256-…'`): the digest of a script, random letters and digits in
/// which a client's initials turn up by chance on one build and not the
/// next. Only a hash of its exact length and alphabet is passed over.
fn without_hashes(b: &[u8], range: Range<usize>, out: &mut Vec<Range<usize>>) {
    const HASHES: [(&[u8], usize); 3] = [(b"'sha256-", 44), (b"'sha384-", 64), (b"'sha512-", 88)];
    let value = &b[range.clone()];
    let mut from = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'\'', &value[i..]) {
        let at = i + k;
        let hash = HASHES.iter().find_map(|(prefix, len)| {
            let body = value.get(at + prefix.len()..at + prefix.len() + len)?;
            let fits = value[at..].starts_with(prefix)
                && value.get(at + prefix.len() + len) == Some(&b'\'')
                && body
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'='));
            fits.then_some(prefix.len() + len + 1)
        });
        match hash {
            Some(n) => {
                out.push(range.start + from..range.start + at);
                from = at + n;
                i = from;
            }
            None => i = at + 1,
        }
    }
    out.push(range.start + from..range.end);
}

/// HTML's own element and attribute names: markup, not text (anything
/// else in a tag is read).
pub(super) fn standard(name: &[u8]) -> bool {
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
