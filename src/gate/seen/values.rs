//! A segment's plain attribute values, kept apart from the rest of it.
//!
//! The same paragraph is published on a case's page, on the print page and
//! in lists at other depths, where only its links and ids differ
//! (`href="../../cases/x/index.html"`, `href="#case-x"`, `id="case-x--y"`).
//! Remembered by all of their bytes, those segments are read again in full
//! on every page; remembered by the bytes around their values and by their
//! values apart, only the values are read again.
//!
//! Why that reads the same as reading the whole: a value is taken apart
//! only where it is *plain* — a run of ASCII letters, digits and
//! `# . / : _ - ? = , ;` right after `="` and up to the next `"`. Nothing
//! in such a run is decoded (no `&`, `%`, `\`, `<`, no character beyond
//! ASCII), so every reading of the gate — text, a tag's attributes, a
//! comment, a script — reads its bytes the same way; and it stands between
//! two quotes, which every reading keeps as they are: no form, rule, digit
//! run or date of the gate reaches across a `"`. What is found in the
//! segment is then what is found around the values plus what is found in
//! each value alone. The one reading that is not local — the text after a
//! right-to-left override, read backwards up to the end of its line — is
//! kept whole: a segment with an override has no values taken apart.

use crate::gate::read::OVERRIDE;

/// Bytes a plain value may hold.
const PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'#' | b'.' | b'/' | b':' | b'_' | b'-' | b'?' | b'=' | b',' | b';'
            );
        i += 1;
    }
    t
};

/// Split `seg`: its bytes less its plain attribute values into `skeleton`
/// (cleared first), and the values, each closed by a `"`, appended to
/// `values`. Returns whether any value was taken apart (if not, `values` is
/// left as it was and the segment is its own skeleton). The caller keeps
/// a text with a right-to-left override whole ([`overrides`]).
pub fn split(seg: &[u8], skeleton: &mut Vec<u8>, values: &mut Vec<u8>) -> bool {
    skeleton.clear();
    let mut last = 0;
    let mut any = false;
    let mut quotes = memchr::memchr_iter(b'"', seg);
    while let Some(open) = quotes.next() {
        if open == 0 || seg[open - 1] != b'=' || open < last {
            continue;
        }
        let start = open + 1;
        let Some(end) = quotes.next() else { break };
        if end == start || !seg[start..end].iter().all(|&c| PLAIN[usize::from(c)]) {
            continue;
        }
        skeleton.extend_from_slice(&seg[last..start]);
        values.extend_from_slice(&seg[start..end]);
        values.push(b'"');
        last = end;
        any = true;
    }
    if any {
        skeleton.extend_from_slice(&seg[last..]);
    }
    any
}

/// Does `text` hold a right-to-left override? Its reading (backwards, up
/// to its line's end) runs across quotes: then nothing of the text is read
/// apart, neither values ([`split`]) nor quoted stretches
/// ([`super::texts`]).
pub fn overrides(text: &[u8]) -> bool {
    // Found by its last byte, which is rare (a page's `’` and `–` share the
    // first two): a search for one byte is several times faster than one
    // for the three, whose first two stop it at every `’`.
    let [a, b, last] = OVERRIDE;
    memchr::memchr_iter(last, text).any(|i| i >= 2 && text[i - 2] == a && text[i - 1] == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(seg: &str) -> Option<(String, String)> {
        let (mut skeleton, mut values) = (Vec::new(), Vec::new());
        split(seg.as_bytes(), &mut skeleton, &mut values).then(|| {
            (
                String::from_utf8(skeleton).unwrap_or_default(),
                String::from_utf8(values).unwrap_or_default(),
            )
        })
    }

    #[test]
    fn takes_plain_values_apart() {
        let page =
            r#"<p>See <a href="../../cases/case-00048/index.html">case 48</a> <h2 id="situation">"#;
        let print =
            r##"<p>See <a href="#case-case-00048">case 48</a> <h2 id="case-x--situation">"##;
        let (a, av) = parts(page).expect("values");
        let (b, bv) = parts(print).expect("values");
        assert_eq!(a, b);
        assert_eq!(a, r#"<p>See <a href="">case 48</a> <h2 id="">"#);
        assert_eq!(av, r#"../../cases/case-00048/index.html"situation""#);
        assert_eq!(bv, r##"#case-case-00048"case-x--situation""##);
    }

    #[test]
    fn keeps_what_a_reading_decodes_and_overrides_whole() {
        // Anything decoded (an entity, a percent, an escape, a letter
        // beyond ASCII, a space) keeps its value in the segment.
        for seg in [
            r#"<a title="Harbor&#32;Freight">"#,
            r#"<a href="x%20y">"#,
            r#"<a href="x\u0041">"#,
            r#"<a title="Żuraw">"#,
            r#"<a title="Harbor Freight">"#,
            r#"<a title="">"#,
            "x=\"abc",
        ] {
            assert_eq!(parts(seg), None, "{seg}");
        }
        assert_eq!(OVERRIDE, *"\u{202E}".as_bytes());
        assert!(overrides("<p>\u{202E}<a href=\"xyz\">".as_bytes()));
        assert!(overrides("\u{202E}".as_bytes()));
        assert!(!overrides("\u{AE}\u{2019}\u{2013}\u{20AE}".as_bytes()));
        assert!(!overrides("<p>\u{2019}<a href=\"xyz\">".as_bytes()));
        // A decoded value beside a plain one: only the plain one goes.
        let (s, v) = parts(r#"<a title="A&amp;B" href="ab">"#).expect("values");
        assert_eq!(s, r#"<a title="A&amp;B" href="">"#);
        assert_eq!(v, "ab\"");
    }
}

#[cfg(test)]
mod quotes {
    use crate::gate::decode::{self, Canon};

    /// What taking values apart rests on: every reading of the gate keeps
    /// a value's quotes (or a tag's own marks) between it and its
    /// neighbours, never a space. If the decoder ever read a quote as a
    /// break between words, `Harbor" Freight` would join up in the text
    /// but not with the value read alone.
    #[test]
    fn a_value_stands_between_quotes_in_every_reading() {
        for (src, around) in [
            // Text, a block tag's attribute, an inline tag's (read after
            // the text), a comment, a script's string.
            ("x=\"harbor\" freight", "\"harbor\""),
            ("<div title=\"harbor\">freight</div>", "\"harbor>"),
            ("<p>freight <a href=\"harbor\">x</a></p>", "|harbor"),
            ("<!-- x=\"harbor\" freight -->", "\"harbor\""),
            ("var t = \"x=\\\"harbor\\\" freight\";", "\"harbor\""),
        ] {
            let mut c = Canon::default();
            decode::read(src, &mut c, false);
            let text = String::from_utf8_lossy(&c.text);
            assert!(text.contains(around), "{src}: {text}");
            assert!(!text.contains("harbor freight"), "{src}: {text}");
        }
    }
}
