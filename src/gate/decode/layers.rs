//! URL-encoding in more than one layer: a link passed through a redirect
//! or a mail filter's "safe link" is encoded again, `%` and all
//! (`%25C5%2581ukasz` is `%C5%81ukasz` once decoded, "Łukasz" twice), and
//! an encoded escape of another kind waits for its own decoder
//! (`%26%2381%3B` is `&#81;`, `%5Cu0141` is `\u0141`). A browser or a
//! script that follows the link decodes every layer.
//!
//! The reader decodes one layer where it stands. Where that layer's bytes
//! hold an escape's first byte (`%`, `&`, `\`), the stretch of the URL
//! around it (its token: up to a space, a quote or a bracket of markup) is
//! decoded once more as a whole — the escape's other bytes may stand
//! outside the `%XX` run that revealed it (`%25` then a plain `C5`) — and
//! read after the text, as an attribute's value is; reading it decodes the
//! next layer, and so on up to [`MAX_LAYERS`]. Ordinary text never holds
//! an encoded `%`, `&` or `\`, and pays nothing; a page that does pays for
//! its tokens only, not for a second reading of the page.
//!
//! Bytes of a `%XX` run that are not UTF-8 are read as Windows-1252 (a
//! superset of Latin-1), as the browser's address bar shows them
//! (`Zo%EB` is "Zoë").

use std::ops::Range;

use crate::gate::decode::Reader;
use crate::gate::read::windows_1252_char;
use crate::gate::reveal::Reveal;

/// How many layers of URL-encoding are decoded at most, the reading of
/// the text as it stands decoding the first.
pub(super) const MAX_LAYERS: u8 = 4;

/// How far a token reaches on either side of the escape that asks for
/// another layer: a URL is rarely longer.
const TOKEN_REACH: usize = 4096;

/// Whether `decoded` bytes, followed in the text by `after`, hold an
/// escape of another layer: a `%` before two hex digits (not the `%` of
/// `save 25%25`), a `&` before `#` or a letter, a `\` before a letter or
/// a digit.
#[inline]
pub(super) fn nested(decoded: &[u8], after: &[u8]) -> bool {
    decoded.iter().enumerate().any(|(k, &c)| {
        if !matches!(c, b'%' | b'&' | b'\\') {
            return false;
        }
        let mut next = decoded[k + 1..].iter().chain(after).copied();
        match (c, next.next()) {
            (b'%', Some(h)) => {
                h.is_ascii_hexdigit() && next.next().is_some_and(|l| l.is_ascii_hexdigit())
            }
            (b'&', Some(n)) => n == b'#' || n.is_ascii_alphabetic(),
            (b'\\', Some(n)) => n.is_ascii_alphanumeric(),
            _ => false,
        }
    })
}

/// Does `c` end a URL's token? Spaces, quotes and markup's brackets.
#[inline]
fn ends_token(c: u8) -> bool {
    c.is_ascii_whitespace() || matches!(c, b'"' | b'\'' | b'<' | b'>' | b'`')
}

/// The token of `src[from..end]` around byte `i`, at most [`TOKEN_REACH`]
/// bytes either side of it, on character boundaries.
fn token(src: &str, from: usize, i: usize, end: usize) -> Range<usize> {
    around(src, from, i, end, ends_token)
}

/// The stretch of `src[from..end]` around byte `i` up to a byte that
/// `ends` on either side, at most [`TOKEN_REACH`] bytes either way, on
/// character boundaries.
pub(super) fn around(
    src: &str,
    from: usize,
    i: usize,
    end: usize,
    ends: impl Fn(u8) -> bool,
) -> Range<usize> {
    let b = src.as_bytes();
    let mut start = i;
    let floor = from.max(i.saturating_sub(TOKEN_REACH));
    while start > floor && !ends(b[start - 1]) {
        start -= 1;
    }
    let mut stop = i;
    let ceiling = end.min(i + TOKEN_REACH);
    while stop < ceiling && !ends(b[stop]) {
        stop += 1;
    }
    while start < i && !src.is_char_boundary(start) {
        start += 1;
    }
    while stop > i && !src.is_char_boundary(stop) {
        stop -= 1;
    }
    start..stop
}

/// `%XX` bytes as text: UTF-8 where they are, each other byte by
/// Windows-1252; whether any was (for [`Reveal::LATIN1`]).
pub(super) fn percent_text(bytes: &[u8], out: &mut String) -> bool {
    let mut latin1 = false;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for &c in chunk.invalid() {
            out.push(windows_1252_char(c));
            latin1 = true;
        }
    }
    latin1
}

/// `token` with every `%XX` decoded once.
fn decode_once(token: &str) -> String {
    let b = token.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16);
    let mut out = String::with_capacity(token.len());
    let mut bytes = Vec::new();
    let mut i = 0;
    let mut plain = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|&c| hex(c)),
                b.get(i + 2).and_then(|&c| hex(c)),
            )
        {
            if plain < i {
                percent_text(&bytes, &mut out);
                bytes.clear();
                out.push_str(&token[plain..i]);
            }
            bytes.push((h * 16 + l) as u8);
            i += 3;
            plain = i;
            continue;
        }
        i += 1;
    }
    percent_text(&bytes, &mut out);
    out.push_str(&token[plain..]);
    out
}

impl Reader<'_> {
    /// The `%XX` run at `i` of `src[from..end]` decoded to bytes that
    /// hold an escape: its token, decoded once more, is read after the
    /// text (module docs) unless [`MAX_LAYERS`] are decoded already or the
    /// token was.
    pub(super) fn another_layer(
        &mut self,
        src: &str,
        from: usize,
        i: usize,
        end: usize,
        how: Reveal,
    ) {
        if self.depth + 1 >= MAX_LAYERS || i < self.layered_to {
            return;
        }
        let t = token(src, from, i, end);
        self.layered_to = t.end;
        let text = decode_once(&src[t]);
        self.layers.push((text, how | Reveal::URL, self.depth + 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_a_token_once_and_reads_other_bytes_as_latin1() {
        // (No value in a message: these spell names.)
        assert!(decode_once("a%2525C5%252581b") == "a%25C5%2581b");
        assert!(decode_once("%C5%81ukasz%2") == "Łukasz%2");
        assert!(decode_once("Zo%EB+F") == "Zoë+F");
        assert!(decode_once("%E2%82") == "â\u{201A}");
        let s = "x https://a.example/%2541b\"y";
        assert_eq!(&s[token(s, 0, 20, s.len())], "https://a.example/%2541b");
        assert_eq!(token(s, 10, 20, 22), 10..22);
        assert!(nested(b"%", b"C5x") && nested(b"%C", b"5") && nested(b"&", b"#81;"));
        assert!(nested(b"\\", b"u0141") && nested(b"/&", b"amp;"));
        assert!(!nested(b"%", b" today") && !nested(b"%", b"2") && !nested(b"&", b"=1"));
    }
}
