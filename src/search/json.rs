//! The JSON of the index's text files (`c/K.js`, `d/NAME.js`), written by
//! hand: the same bytes `serde_json` writes (a test holds the two
//! together), found faster. They are most of the index's bytes, and
//! `serde_json` looks every byte of a string up in a table to see whether
//! it must be escaped (1% of a 1,000-page build's instructions); this
//! looks at eight bytes at a time, and almost none must be.

use std::io::Write;

use super::format::{CaseFile, PageInfo, TextFile};

/// Write `s` as a JSON string, escaped as `serde_json` escapes it: `"`,
/// `\`, and the control characters below U+0020 (`\b \t \n \f \r` by
/// name, the others as `\u00XX`).
pub fn string(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        while let Some(chunk) = b.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            if needs_escape(u64::from_le_bytes(w)) {
                break;
            }
            i += 8;
        }
        let Some(&c) = b.get(i) else {
            break;
        };
        let named: &[u8] = match c {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x0C => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            c if c < 0x20 => b"",
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&b[start..i]);
        if named.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(c >> 4)]);
            out.push(HEX[usize::from(c & 0xF)]);
        } else {
            out.extend_from_slice(named);
        }
        i += 1;
        start = i;
    }
    out.extend_from_slice(&b[start..]);
    out.push(b'"');
}

/// Does any of the eight bytes of `w` need escaping (below 0x20, `"`,
/// `\`)? (A byte's high bit set, of a character beyond ASCII, never.)
fn needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let quote = w ^ (ONES * u64::from(b'"'));
    let slash = w ^ (ONES * u64::from(b'\\'));
    (below(w, 0x20) | below(quote, 1) | below(slash, 1)) != 0
}

/// `[item, …]`, each item written by `each`.
fn array<T>(out: &mut Vec<u8>, items: &[T], mut each: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (k, item) in items.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        each(out, item);
    }
    out.push(b']');
}

/// `[s, …]`.
fn strings(out: &mut Vec<u8>, items: &[&str]) {
    array(out, items, |out, s| string(out, s));
}

fn number(out: &mut Vec<u8>, n: usize) {
    // (Writing to a `Vec` does not fail.)
    let _ = write!(out, "{n}");
}

/// `"key":`.
fn key(out: &mut Vec<u8>, k: &str, first: bool) {
    if !first {
        out.push(b',');
    }
    out.push(b'"');
    out.extend_from_slice(k.as_bytes());
    out.extend_from_slice(b"\":");
}

/// A case's file, as `serde_json::to_vec` writes it.
pub fn case_file(f: &CaseFile<'_>) -> Vec<u8> {
    let text: usize = f.text.iter().map(|t| t.len() + 3).sum();
    let mut out = Vec::with_capacity(text + f.href.len() + f.title.len() + 80);
    out.push(b'{');
    key(&mut out, "href", true);
    string(&mut out, f.href);
    key(&mut out, "title", false);
    string(&mut out, f.title);
    if let Some(d) = f.date {
        key(&mut out, "date", false);
        string(&mut out, d);
    }
    key(&mut out, "badges", false);
    strings(&mut out, &f.badges);
    key(&mut out, "text", false);
    strings(&mut out, &f.text);
    out.push(b'}');
    out
}

fn page_info(out: &mut Vec<u8>, p: &PageInfo<'_>) {
    out.push(b'{');
    key(out, "href", true);
    string(out, p.href);
    key(out, "title", false);
    string(out, p.title);
    if let Some(l) = p.lang {
        key(out, "lang", false);
        string(out, l);
    }
    key(out, "sections", false);
    array(out, &p.sections, |out, (anchor, heading)| {
        strings(out, &[anchor, heading]);
    });
    out.push(b'}');
}

/// A file of chapters' texts, as `serde_json::to_vec` writes it.
pub fn text_file(f: &TextFile<'_>) -> Vec<u8> {
    let text: usize = f.texts.iter().flatten().map(|t| t.len() + 3).sum();
    let mut out = Vec::with_capacity(text + 64 * f.pages.len() + 8 * f.page.len() + 64);
    out.push(b'{');
    key(&mut out, "first", true);
    number(&mut out, f.first);
    key(&mut out, "texts", false);
    array(&mut out, &f.texts, |out, t| strings(out, t));
    key(&mut out, "page", false);
    array(&mut out, &f.page, |out, &n| number(out, n));
    key(&mut out, "pages", false);
    array(&mut out, &f.pages, |out, (n, p)| {
        out.push(b'[');
        number(out, *n);
        out.push(b',');
        page_info(out, p);
        out.push(b']');
    });
    out.push(b'}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde(s: &str) -> Vec<u8> {
        serde_json::to_vec(s).expect("a string serialises")
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for s in [
            "",
            "plain",
            "a \"quoted\" word, a back\\slash",
            "tabs\tand\nlines\r and \u{8}\u{c}\u{0}\u{1f}\u{7f}",
            "Zoë’s “quotes” — 山田さん 👍",
            "exactly8!",
            "\"\"\"\"\"\"\"\"\\\\\\\\\\\\\\\\",
        ] {
            let mut out = Vec::new();
            string(&mut out, s);
            assert_eq!(out, serde(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(s in "(?s).{0,40}") {
            let mut out = Vec::new();
            string(&mut out, &s);
            proptest::prop_assert_eq!(out, serde(&s));
        }

        #[test]
        fn files_are_written_as_serde_json_writes_them(
            texts in proptest::collection::vec(proptest::collection::vec("[a-z\"\\\\\n é]{0,12}", 0..3), 0..3),
            date in proptest::option::of("[0-9a-z ]{0,8}"),
            lang in proptest::option::of("[a-z]{2}"),
        ) {
            let all: Vec<&str> = texts.iter().flatten().map(String::as_str).collect();
            let case = CaseFile {
                href: "cases/a\"b/",
                title: "T \\ x",
                date: date.as_deref(),
                badges: all.clone(),
                text: all.clone(),
            };
            proptest::prop_assert_eq!(case_file(&case), serde_json::to_vec(&case).unwrap());
            let file = TextFile {
                first: 7,
                texts: texts.iter().map(|t| t.iter().map(String::as_str).collect()).collect(),
                page: (0..texts.len()).collect(),
                pages: vec![(
                    3,
                    PageInfo {
                        href: "chapters/x/",
                        title: "X",
                        lang: lang.as_deref(),
                        sections: all.iter().map(|s| (*s, *s)).collect(),
                    },
                )],
            };
            proptest::prop_assert_eq!(text_file(&file), serde_json::to_vec(&file).unwrap());
        }
    }
}
