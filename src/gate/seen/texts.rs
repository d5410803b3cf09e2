//! A page's paragraphs, recognised where they are written again between
//! quotes: the search index holds every case's and chapter's text, a
//! paragraph a string (`crate::search::format::lines`), which at 10,000
//! pages is half of what the gate would read and matches nothing the
//! pages did not.
//!
//! When a run of a page's segments is read clean, the text of each of its
//! *plain blocks* is remembered: a `<p>`, `<li>`, `<h1>`…`<h6>`, `<td>`,
//! `<th>`, `<dt>`, `<dd>` or `<figcaption>` whose content is text and
//! inline tags only, less the tags ([`blocks`]). In any other file, a
//! stretch between two quotes with exactly those bytes is not read again
//! ([`quoted`]).
//!
//! The other way round too: a streamed build checks the search index
//! before the pages ([`crate::gate::Gate::scan_ahead`]). Then the index's
//! quoted stretches read clean are remembered, and a page's plain block
//! whose text is one of them has that text taken out of its reading (its
//! inline tags stay, and their attributes are read). The print page, read
//! right after the index, holds every paragraph of it again.
//!
//! Why that reads the same as reading the page:
//! - *The bytes read alike.* A plain block's text holds none of the bytes
//!   the gate decodes in one way here and another there (`&`, `%`, `\`,
//!   `<`, `>`, `*`, `~`, `` ` ``, `"`, control characters, a right-to-left
//!   override), so every character of it is read by the same code in both
//!   places. The inline tags left out are nothing in the page's reading
//!   either (their attributes are read after the text, which only adds to
//!   what the page's reading found); a `.` right before one, which the
//!   page reads as a full stop and the tagless text as a break between
//!   words, makes a block not plain; so does a hyphen before one (with
//!   spaces between or none), which the tagless text may read as a word
//!   broken across a line and the page does not.
//! - *The edges read alike.* On the page, the text stands between the
//!   block tag's `>` and the next tag's `<`; elsewhere, between two
//!   quotes (or, where the quotes are a tag's, between what the gate
//!   reads around a tag's attribute: `"`, `>`, `|`, the text's end). No
//!   form, rule, digit run or date of the gate reaches across any of them
//!   (a secret set with a form that holds one turns this
//!   off: [`crate::gate::matcher::Matcher::crosses_quotes`]), and each is
//!   punctuation beside the text to every rule that looks at a neighbour.
//!   Reading the file with the stretch taken out leaves its two quotes
//!   side by side, which no form reaches across either.
//! - *The language.* A text read clean on a page whose language inflects
//!   names is clean where names are not inflected too; not the other way.

use std::ops::Range;

use super::values::overrides;
use crate::gate::decode::markup::{self, inline};

/// Bytes that a plain block's text may hold as they are: ASCII that the
/// gate reads the same in every context, and every byte of a character
/// beyond ASCII (a right-to-left override is looked for apart).
const PLAIN: [bool; 256] = {
    let mut t = [true; 256];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = !(c < 0x20
            || c == 0x7f
            || matches!(
                c,
                b'&' | b'%' | b'\\' | b'<' | b'>' | b'*' | b'~' | b'`' | b'"'
            ));
        i += 1;
    }
    t
};

/// Where the plain text from `b[i]` stops: the first byte at or after `i`
/// that is not [`PLAIN`] (a tag's `<` among them), or `b.len()`. Sixteen
/// bytes at a time where SSE2 is (every x86-64 processor): a page read
/// right after the search index has all its paragraphs looked at.
fn plain_until(b: &[u8], mut i: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
            _mm_set1_epi8,
        };

        use crate::gate::masks::in_range;
        while i + 16 <= b.len() {
            // SAFETY: SSE2 is part of x86-64; the load reads the sixteen
            // bytes at `i`, inside `b`, and needs no alignment.
            let m = unsafe {
                let v = _mm_loadu_si128(b.as_ptr().add(i).cast::<__m128i>());
                let mut stop =
                    _mm_or_si128(in_range(v, 0, 0x20), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f)));
                for c in [b'&', b'%', b'\\', b'<', b'>', b'*', b'~', b'`', b'"'] {
                    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8)));
                }
                _mm_movemask_epi8(stop)
            };
            if m != 0 {
                return i + m.trailing_zeros() as usize;
            }
            i += 16;
        }
    }
    plain_until_bytewise(b, i)
}

/// [`plain_until`] a byte at a time.
fn plain_until_bytewise(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|&c| !PLAIN[usize::from(c)])
        .map_or(b.len(), |k| i + k)
}

/// Stretches between quotes shorter than this are read as they are: a
/// lookup would cost about what reading them does.
pub const SHORTEST: usize = 24;

/// Is `name` one of the blocks whose text is remembered?
fn block(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"li"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"td"
            | b"th"
            | b"dt"
            | b"dd"
            | b"figcaption"
    )
}

/// Where the tag opened at `b[i]` (`<`) ends (after its `>`), as the
/// gate's reading of markup finds it.
fn tag_end(b: &[u8], i: usize, end: usize) -> Option<usize> {
    markup::tag_end(b, i, i + 1, end).map(|k| k + 1)
}

/// The tag at `b[i]` (`<`): whether it closes, and its name (lower-case
/// letters and digits; `None` for anything else).
fn tag_name(b: &[u8], i: usize) -> Option<(bool, &[u8])> {
    let mut j = i + 1;
    let closing = b.get(j) == Some(&b'/');
    if closing {
        j += 1;
    }
    let from = j;
    while j < b.len() && (b[j].is_ascii_lowercase() || b[j].is_ascii_digit()) {
        j += 1;
    }
    let ends = matches!(b.get(j), Some(b'>' | b' ' | b'\t' | b'\n' | b'/'));
    (j > from && b[from].is_ascii_lowercase() && ends).then(|| (closing, &b[from..j]))
}

/// The text of every plain block of `html` (see the module's doc) of at
/// least [`SHORTEST`] bytes, less its inline tags: `each(text, spans)`,
/// where `spans` are the stretches of `html` the text is made of (one, or
/// those between the inline tags). `buf` holds a text that had tags.
pub fn blocks(
    html: &[u8],
    buf: &mut Vec<u8>,
    spans: &mut Vec<Range<usize>>,
    mut each: impl FnMut(&[u8], &[Range<usize>]),
) {
    if overrides(html) {
        return;
    }
    let end = html.len();
    let mut at = 0;
    while let Some(k) = memchr::memchr(b'<', &html[at..]) {
        let open = at + k;
        at = open + 1;
        let Some((false, name)) = tag_name(html, open) else {
            continue;
        };
        if !block(name) {
            continue;
        }
        let Some(start) = tag_end(html, open, end) else {
            continue;
        };
        // The text runs from `start` to the closing tag, through inline
        // tags; while there has been none, it is `html[start..i]` as it
        // stands, else what `buf` gathered.
        buf.clear();
        spans.clear();
        let mut tags = false;
        let mut i = start;
        let text = loop {
            // The text up to the next tag, all of it plain.
            let lt = plain_until(html, i);
            if html.get(lt) != Some(&b'<') {
                break None;
            }
            let span = &html[i..lt];
            if !span.is_empty() {
                spans.push(i..lt);
            }
            if tags {
                buf.extend_from_slice(span);
            }
            match tag_name(html, lt) {
                Some((true, n)) if n == name => {
                    let closed = html.get(lt + 2 + n.len()) == Some(&b'>');
                    break closed.then_some(lt);
                }
                Some((_, n)) if inline(n) && !span.ends_with(b".") && !hyphen_ends(span) => {
                    if !tags {
                        buf.extend_from_slice(&html[start..lt]);
                        tags = true;
                    }
                    match tag_end(html, lt, end) {
                        Some(e) => i = e,
                        None => break None,
                    }
                }
                _ => break None,
            }
        };
        if let Some(lt) = text {
            let text = if tags { &buf[..] } else { &html[start..lt] };
            if text.len() >= SHORTEST {
                each(text, spans);
            }
        }
        // A block inside this one (`<li><p>`) is looked at from its own `<`.
    }
}

/// Whether `span` ends with a hyphen that may break a word
/// (`crate::gate::decode`'s hyphens), before spaces or none: with the
/// inline tag after it left out, the word would go on right after it
/// (`Kowal- <em>ski`, `Kowal-</em> ski`), which the page does not read.
fn hyphen_ends(span: &[u8]) -> bool {
    let t = span.trim_ascii_end();
    t.ends_with(b"-")
        || t.ends_with("\u{2010}".as_bytes())
        || t.ends_with("\u{2011}".as_bytes())
        || t.ends_with("\u{AC}".as_bytes())
}

/// The stretches of `text` between two quotes (an opening quote and the
/// next quote not escaped by a `\`) that may be a plain block's text: at
/// least [`SHORTEST`] bytes, no `\`. `each(range)`.
pub fn quoted(text: &[u8], mut each: impl FnMut(Range<usize>)) {
    let mut open: Option<usize> = None;
    for q in memchr::memchr_iter(b'"', text) {
        let Some(o) = open else {
            open = Some(q);
            continue;
        };
        // A quote after an odd number of backslashes is in the string.
        let slashes = text[o + 1..q]
            .iter()
            .rev()
            .take_while(|&&c| c == b'\\')
            .count();
        if slashes % 2 == 1 {
            continue;
        }
        let content = o + 1..q;
        if content.len() >= SHORTEST && memchr::memchr(b'\\', &text[content.clone()]).is_none() {
            each(content);
        }
        open = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        blocks(
            html.as_bytes(),
            &mut Vec::new(),
            &mut Vec::new(),
            |t, spans| {
                let joined: Vec<u8> = spans
                    .iter()
                    .flat_map(|r| html.as_bytes()[r.clone()].to_vec())
                    .collect();
                assert_eq!(joined, t, "the spans make the text");
                out.push(String::from_utf8_lossy(t).into_owned())
            },
        );
        out
    }

    /// A text long enough to be remembered.
    const LONG: &str = "long enough to be remembered";

    #[test]
    fn plain_blocks_less_their_inline_tags() {
        let html = format!(
            "<p class=\"lede\">The <em>client</em> left in <a href=\"../x/\">May</a>, {LONG}.</p>\n\
             <ul>\n<li>First item, ’quoted’, {LONG}</li>\n<li><p>Nested, {LONG}</p></li>\n</ul>\n\
             <h2 id=\"s\">Situation, {LONG}</h2><p>Short</p><p><em>Emphasis</em> first, {LONG}</p>"
        );
        assert_eq!(
            texts(&html),
            vec![
                format!("The client left in May, {LONG}."),
                format!("First item, ’quoted’, {LONG}"),
                format!("Nested, {LONG}"),
                format!("Situation, {LONG}"),
                format!("Emphasis first, {LONG}"),
            ]
        );
    }

    #[test]
    fn blocks_the_gate_might_read_otherwise_are_not_plain() {
        for inner in [
            "Fish &amp; chips",
            "a<br>b",
            "a <!-- c --> b",
            "line\nbreak",
            "100% sure",
            "say \"hi\"",
            "a\\nb",
            "*stars*",
            "U.S.<em>A</em>",
            "x > y",
            "a <div>b</div>",
            "\u{202E}dlrow",
        ] {
            let html = format!("<p>{LONG} {inner} {LONG}</p>");
            assert!(texts(&html).is_empty(), "{html}");
        }
        for html in [format!("<p>{LONG}"), format!("<p>{LONG}</li>")] {
            assert!(texts(&html).is_empty(), "{html}");
        }
        assert_eq!(texts(&format!("<p>{LONG}</p>")), vec![LONG]);
    }

    proptest::proptest! {
        #[test]
        fn plain_text_stops_where_byte_by_byte_it_does(b in proptest::collection::vec(
            proptest::sample::select(vec![b'a', b' ', b'<', b'&', b'"', b'\n', 0x7f, 0x1f, 0x20, 0xE2, 0x80, b'~', b'`', b'>', b'%', b'*', b'\\']), 0..100),
            plain in 0usize..40,
            from in 0usize..8,
        ) {
            // Plain runs of every length before what may stop them.
            let mut b2 = vec![b'x'; plain];
            b2.extend_from_slice(&b);
            let from = from.min(b2.len());
            proptest::prop_assert_eq!(plain_until(&b2, from), plain_until_bytewise(&b2, from));
        }
    }

    #[test]
    fn stretches_between_quotes() {
        let json = r#"{"text":["A paragraph long enough to be looked up.","short","Escaped \" quote, long enough to be looked up","Also long enough to be looked up"],"k":"x"}"#;
        let mut out = Vec::new();
        quoted(json.as_bytes(), |r| out.push(&json[r]));
        assert_eq!(
            out,
            vec![
                "A paragraph long enough to be looked up.",
                "Also long enough to be looked up"
            ]
        );
    }
}
