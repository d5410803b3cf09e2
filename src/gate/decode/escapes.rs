//! Escapes in text: HTML character references (every HTML5 named one and
//! numeric ones), URL-encoding, JavaScript and JSON string escapes.

use crate::gate::decode::{Reader, layers};
use crate::gate::reveal::Reveal;

impl Reader<'_> {
    /// A character reference at `i`; returns the bytes read.
    pub(super) fn reference(&mut self, src: &str, i: usize, end: usize, how: Reveal) -> usize {
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

    /// `%XX` bytes at `i` (of `src[from..end]`) that decode to text;
    /// returns the bytes read. Bytes that are not UTF-8 are read as
    /// Windows-1252; decoded bytes that hold another escape ask for
    /// another layer ([`super::layers`]).
    pub(super) fn percent(
        &mut self,
        src: &str,
        from: usize,
        i: usize,
        end: usize,
        how: Reveal,
    ) -> usize {
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
        let how = match std::str::from_utf8(&bytes) {
            Ok(text) => {
                for ch in text.chars() {
                    self.char(ch, how | Reveal::URL);
                }
                how | Reveal::URL
            }
            Err(_) => {
                let mut text = String::new();
                layers::percent_text(&bytes, &mut text);
                let how = how | Reveal::URL | Reveal::LATIN1;
                for ch in text.chars() {
                    self.char(ch, how);
                }
                how
            }
        };
        if layers::nested(&bytes, &b[j..]) {
            self.another_layer(src, from, i, end, how);
        }
        j
    }

    /// A backslash escape at `i`; returns the bytes read.
    pub(super) fn escape(&mut self, src: &str, i: usize, end: usize, how: Reveal) -> usize {
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
            // A legacy octal escape of JavaScript (`\101\143` is "Ac"),
            // which a CSS escape's hex reads otherwise: the main reading is
            // CSS's (below, or `\0`'s), and the token around it is read
            // once more with octal escapes decoded, after the text.
            Some(b'0'..=b'7') if octal(&b[1..]).is_some() => {
                self.octal_layer(src, i, end, how);
                if b[1] == b'0' {
                    self.soft(how);
                    return 2;
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
        // A CSS escape (`\57 hitfield` in a stylesheet's `content`):
        // one to six hex digits and a space that ends it, if any. (Not
        // from `0`, which JavaScript's `\0` is; JSON has no such escape.)
        if let Some(b'1'..=b'9') = b.get(1) {
            let n = b[1..]
                .iter()
                .take(6)
                .take_while(|c| c.is_ascii_hexdigit())
                .count();
            if let Some(ch) = hex(&b[1..1 + n]).and_then(char::from_u32) {
                self.char(
                    ch,
                    Reveal(how.0 & !Reveal::JS_ESCAPE.0) | Reveal::CSS_ESCAPE,
                );
                let space = usize::from(
                    b.get(1 + n)
                        .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n')),
                );
                return 1 + n + space;
            }
        }
        self.push(b'\\', false, how);
        1
    }
}

/// A legacy octal escape's digits at the start of `digits`: two or three
/// octal digits (`\0` alone is the null character), of a byte's value.
/// Its length and value.
fn octal(digits: &[u8]) -> Option<(usize, u8)> {
    let n = digits
        .iter()
        .take(3)
        .take_while(|c| (b'0'..=b'7').contains(c))
        .count();
    if n < 2 {
        return None;
    }
    let v = digits[..n]
        .iter()
        .fold(0u32, |v, d| v * 8 + u32::from(d - b'0'));
    u8::try_from(v).ok().map(|v| (n, v))
}

/// `token` with its legacy octal escapes decoded (`\101cme` → "Acme");
/// other bytes as they are.
fn decode_octal(token: &str) -> String {
    let b = token.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut k = 0;
    while k < b.len() {
        if b[k] == b'\\'
            && let Some((n, v)) = octal(&b[k + 1..])
        {
            // (A byte of one of the two thirds of Latin-1 that are letters
            // is that letter, as a JavaScript string reads it.)
            let mut buf = [0; 4];
            out.extend_from_slice(char::from(v).encode_utf8(&mut buf).as_bytes());
            k += 1 + n;
        } else {
            out.push(b[k]);
            k += 1;
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

impl Reader<'_> {
    /// The token around the octal-looking escape at `i`, decoded as octal,
    /// to be read after the text (once per token; see [`super::layers`]).
    fn octal_layer(&mut self, src: &str, i: usize, end: usize, how: Reveal) {
        if self.depth + 1 >= layers::MAX_LAYERS || i < self.layered_to {
            return;
        }
        // The string around it: up to a quote or a line's end on either
        // side (spaces are inside a string).
        let t = layers::around(src, 0, i, end, |c| {
            matches!(c, b'"' | b'\'' | b'`' | b'\n' | b'<' | b'>')
        });
        self.layered_to = t.end;
        let text = decode_octal(&src[t]);
        self.layers
            .push((text, how | Reveal::JS_ESCAPE, self.depth + 1));
    }
}
