//! The text the detectors read: free text as a browser would show it.
//!
//! An address or a number is disguised as often by accident as on purpose:
//! `jane.doe&#64;acme.ie` (an old anti-spam habit) shows `jane.doe@acme.ie`;
//! `mailto:jane%40acme.ie` is the same link; `202-**555**-0143` is bold in
//! the middle; a zero-width space or soft hyphen hides inside; digits come
//! full-width (`０８７`) or in another script (`٠٨٧`). The detectors read a
//! copy with all of that undone, and what they find is mapped back to the
//! source text.
//!
//! (The leak gate does not rely on this: it knows only declared values, and
//! reads in its own way.)

use std::ops::Range;

use crate::anonymize::secrets::{ascii_digit, is_dot_like, is_invisible};

/// `text` as shown, with where its bytes came from.
pub struct Reading<'t> {
    pub text: std::borrow::Cow<'t, str>,
    /// Stretches of `text` in order: copied from the source as they are,
    /// or made from one unit of it (`@` from `&#64;`); empty when `text`
    /// is the source itself.
    spans: Vec<Span>,
}

/// What of the reading starts at `read`: bytes copied from the source at
/// `src` (`copy`), or one unit made from `src_len` bytes there.
#[derive(Clone, Copy)]
struct Span {
    read: u32,
    src: u32,
    src_len: u32,
    copy: bool,
}

/// Bytes that may start something to undo: `&`, `%`, `*`, `` ` ``, `~`,
/// `\`, `<`, `(`, `[`, `{` and every byte of a character beyond ASCII.
/// Written as comparisons, which the compiler makes on many bytes at once
/// in [`next_special`] (a table look-up it makes one byte at a time).
#[inline(always)]
fn special(c: u8) -> bool {
    (c >= 0x80)
        | (c == b'&')
        | (c == b'%')
        | (c == b'*')
        | (c == b'`')
        | (c == b'~')
        | (c == b'\\')
        | (c == b'<')
        | (c == b'(')
        | (c == b'[')
        | (c == b'{')
}

/// Where the first [`special`] byte at or after `i` is, or `b.len()`:
/// thirty-two bytes at a time (a text holds few of them, and looking each
/// byte up in the table was most of the reading's cost: 44 M instructions
/// of a 1,000-page build).
fn next_special(b: &[u8], mut i: usize) -> usize {
    const AT_ONCE: usize = 32;
    while let Some(chunk) = b.get(i..i + AT_ONCE) {
        if chunk.iter().fold(false, |any, &c| any | special(c)) {
            break;
        }
        i += AT_ONCE;
    }
    b[i..]
        .iter()
        .position(|&c| special(c))
        .map_or(b.len(), |k| i + k)
}

/// Ways an address's `@` and `.` are spelt out to fool harvesters:
/// `jo(at)acme(dot)de`, `jo[at]acme[dot]de`.
const SPELT: [(&str, char); 6] = [
    ("(at)", '@'),
    ("[at]", '@'),
    ("{at}", '@'),
    ("(dot)", '.'),
    ("[dot]", '.'),
    ("{dot}", '.'),
];

/// A spelt-out `@` or `.` at `b[i]` (a bracket) that stands between two
/// words, a space either side (`jo [at] acme`): what it shows and its
/// length (without the spaces). Only between a letter or digit and one;
/// prose that spells it so ("meet us [at] noon") reads `us@noon`, which
/// is no address.
fn spaced_spelt(b: &[u8], i: usize) -> Option<(char, usize)> {
    if i < 2 || b[i - 1] != b' ' || !b[i - 2].is_ascii_alphanumeric() {
        return None;
    }
    let (w, c) = SPELT.iter().find(|(w, _)| {
        b.get(i..i + w.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(w.as_bytes()))
    })?;
    let after = i + w.len();
    (b.get(after) == Some(&b' ') && b.get(after + 1).is_some_and(u8::is_ascii_alphanumeric))
        .then_some((*c, w.len()))
}

/// What a special byte at the start of `s` shows, and how many bytes it
/// takes: `Some(None)` shows nothing, `None` is no disguise. `prev`: the
/// byte before it.
fn undo(s: &str, prev: Option<u8>) -> Option<(Option<char>, usize)> {
    let b = s.as_bytes();
    let starts = |w: &str| s.len() >= w.len() && b[..w.len()].eq_ignore_ascii_case(w.as_bytes());
    match b[0] {
        // A Markdown escape shows the character (`jo\@acme.de`).
        b'\\' => b
            .get(1)
            .filter(|c| c.is_ascii_punctuation())
            .map(|&c| (Some(char::from(c)), 2)),
        // A comment shows nothing (`jo<!-- -->@acme.de`).
        b'<' if starts("<!--") => {
            let end = s.get(4..200.min(s.len()))?.find("-->")?;
            Some((None, 4 + end + 3))
        }
        // Nor does an inline tag inside a word or a number (`086
        // <span>765</span> 4321`).
        b'<' => {
            let name_at = if b.get(1) == Some(&b'/') { 2 } else { 1 };
            let name_len = b[name_at..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            let name = s.get(name_at..name_at + name_len)?.to_ascii_lowercase();
            const INLINE: [&str; 9] = [
                "span", "b", "i", "em", "strong", "u", "mark", "small", "code",
            ];
            if !INLINE.contains(&name.as_str()) {
                return None;
            }
            let close = s.get(..200.min(s.len()))?.find('>')?;
            Some((None, close + 1))
        }
        // A character reference shows its character (`&nbsp;`, `&ndash;`,
        // `&period;`, `&#64;`): the scrubber's view's table, HTML5's.
        b'&' => {
            let (c, n) = crate::anonymize::view::decode::entity(s, 0, s.len())?;
            Some(((!is_invisible(c)).then_some(c), n))
        }
        // A spelt-out `@` or `.` counts only right after a letter or digit
        // (`jo(at)`), not in prose.
        b'(' | b'[' | b'{' if prev.is_some_and(|p| p.is_ascii_alphanumeric()) => SPELT
            .iter()
            .find(|(w, _)| starts(w))
            .map(|(w, c)| (Some(*c), w.len())),
        _ => None,
    }
}

impl<'t> Reading<'t> {
    pub fn of(src: &'t str) -> Reading<'t> {
        let b = src.as_bytes();
        let first = next_special(b, 0);
        if first == b.len() {
            return Reading {
                text: std::borrow::Cow::Borrowed(src),
                spans: Vec::new(),
            };
        }
        let mut text = String::with_capacity(src.len());
        let mut spans: Vec<Span> = Vec::new();
        // The copy stretch under way: its start in the source.
        let mut copy_from = 0;
        let mut i = first;
        let flush = |text: &mut String, spans: &mut Vec<Span>, from: usize, to: usize| {
            if to > from {
                spans.push(Span {
                    read: text.len() as u32,
                    src: from as u32,
                    src_len: (to - from) as u32,
                    copy: true,
                });
                text.push_str(&src[from..to]);
            }
        };
        while i < b.len() {
            if !special(b[i]) {
                i = next_special(b, i + 1);
                continue;
            }
            let rest = &src[i..];
            // A spelt-out `@` or `.` with a space either side (`jo [at]
            // acme [dot] de`): the spaces go with it.
            if let Some((c, n)) = spaced_spelt(b, i) {
                flush(&mut text, &mut spans, copy_from, i - 1);
                spans.push(Span {
                    read: text.len() as u32,
                    src: (i - 1) as u32,
                    src_len: (n + 2) as u32,
                    copy: false,
                });
                text.push(c);
                copy_from = i + n + 1;
                i += n + 1;
                continue;
            }
            let (shown, len): (Option<Option<char>>, usize) = if let Some(n) = at_sign(rest) {
                (Some(Some('@')), n)
            } else if let Some((c, n)) = undo(rest, i.checked_sub(1).map(|p| b[p])) {
                (Some(c), n)
            } else if b[i] < 0x80 {
                match b[i] {
                    b'*' | b'`' | b'~' => (Some(None), 1),
                    _ => (None, 1),
                }
            } else {
                let c = rest.chars().next().unwrap_or(' ');
                let shown = match c {
                    c if is_invisible(c) => Some(None),
                    c if is_dot_like(c) => Some(Some('.')),
                    c => ascii_digit(c).map(Some),
                };
                (shown, c.len_utf8())
            };
            match shown {
                // Kept as it is: part of the copy.
                None => {}
                Some(made) => {
                    flush(&mut text, &mut spans, copy_from, i);
                    if let Some(c) = made {
                        spans.push(Span {
                            read: text.len() as u32,
                            src: i as u32,
                            src_len: len as u32,
                            copy: false,
                        });
                        text.push(c);
                    }
                    copy_from = i + len;
                }
            }
            i += len;
        }
        flush(&mut text, &mut spans, copy_from, b.len());
        Reading {
            text: std::borrow::Cow::Owned(text),
            spans,
        }
    }

    /// The source range of `range` of the reading.
    pub fn source(&self, range: Range<usize>) -> Range<usize> {
        if self.spans.is_empty() || range.is_empty() {
            return range;
        }
        let span_of = |p: usize| {
            let k = self.spans.partition_point(|s| s.read as usize <= p);
            self.spans[k.saturating_sub(1)]
        };
        let (first, last) = (span_of(range.start), span_of(range.end - 1));
        let start = if first.copy {
            first.src as usize + (range.start - first.read as usize)
        } else {
            first.src as usize
        };
        let end = if last.copy {
            last.src as usize + (range.end - last.read as usize)
        } else {
            (last.src + last.src_len) as usize
        };
        start..end
    }
}

/// An `@` written another way at the start of `s`: its length.
fn at_sign(s: &str) -> Option<usize> {
    if !matches!(s.as_bytes().first(), Some(b'%' | 0xEF)) {
        return None;
    }
    // (`&#64;`, `&commat;`: character references, read as such.)
    const WAYS: [&str; 4] = ["%40", "%2540", "＠", "﹫"];
    WAYS.iter()
        .find(|w| s.len() >= w.len() && s.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes()))
        .map(|w| w.len())
}

#[cfg(test)]
mod tests {
    use super::Reading;

    #[test]
    fn reads_what_a_browser_shows_and_maps_it_back() {
        let src = "mail jane.doe&#64;acme.ie or 202-**555**-0143 or ٠٨٧";
        let r = Reading::of(src);
        assert_eq!(r.text, "mail jane.doe@acme.ie or 202-555-0143 or 087");
        let at = r.text.find("jane").unwrap();
        let end = r.text.find(".ie").unwrap() + 3;
        assert_eq!(&src[r.source(at..end)], "jane.doe&#64;acme.ie");
        let p = r.text.find("202").unwrap();
        assert_eq!(&src[r.source(p..p + 12)], "202-**555**-0143");
        assert_eq!(Reading::of("plain text").text, "plain text");
    }

    #[test]
    fn spelt_out_signs_with_spaces_around_read_as_the_signs() {
        let src =
            "mail n [dot] kowalski [at] acme [DOT] pl, jo(at)acme.de; meet us [at] noon [at] 5.";
        let r = Reading::of(src);
        assert_eq!(
            r.text,
            "mail n.kowalski@acme.pl, jo@acme.de; meet us@noon@5."
        );
        let from = r.text.find("n.k").unwrap();
        let to = r.text.find(".pl").unwrap() + 3;
        assert_eq!(
            &src[r.source(from..to)],
            "n [dot] kowalski [at] acme [DOT] pl"
        );
        // Not between two words: kept as written.
        for kept in ["a [at]b", "a [at] ", "[at] b", "a  [at] b", "(a) [dot] (b)"] {
            assert_eq!(Reading::of(kept).text, kept);
        }
    }

    #[test]
    fn the_bytes_that_may_start_a_disguise() {
        for c in 0..=255u8 {
            let listed = c >= 0x80 || b"&%*`~\\<([{".contains(&c);
            assert_eq!(super::special(c), listed, "byte {c}");
        }
    }

    #[test]
    fn finds_the_next_special_byte_wherever_it_is() {
        for len in [0, 1, 31, 32, 33, 64, 100] {
            for at in 0..len {
                let mut b = vec![b'a'; len];
                b[at] = b'&';
                assert_eq!(super::next_special(&b, 0), at);
                assert_eq!(super::next_special(&b, at + 1), len);
            }
            assert_eq!(super::next_special(&vec![b'a'; len], 0), len);
        }
    }
}
