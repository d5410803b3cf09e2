//! The leak check: the last gate before a new site replaces the old one.
//!
//! Every output file and every output path is decoded (HTML entities, JSON
//! and JavaScript `\u` escapes), folded like the secret set, and searched for
//! every form of every secret. A hit is an error naming the output file and
//! the record and field the secret came from — never the value.

use std::borrow::Borrow;
use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::anonymize::secrets::SecretSet;
use crate::diag::{Diagnostic, Diagnostics};
use crate::render::OutputFile;

/// Scan rendered files (owned, or shared as an incremental rebuild keeps
/// them).
pub fn scan<F: Borrow<OutputFile> + Sync>(files: &[F], secrets: &SecretSet) -> Diagnostics {
    let mut diags = Diagnostics::default();
    if secrets.is_empty() {
        return diags;
    }
    // Large files (the print page holds every chapter) are cut into pieces
    // that overlap by more than any secret is long, so that all cores share
    // the work and no occurrence falls between two pieces.
    let pieces: Vec<(&str, &[u8])> = files
        .iter()
        .map(Borrow::borrow)
        .flat_map(|f: &OutputFile| chunks(&f.bytes).map(move |c| (f.path.as_str(), c)))
        .collect();
    let mut by_file: std::collections::BTreeMap<&str, BTreeSet<usize>> = pieces
        .par_iter()
        .filter_map(|(path, bytes)| {
            let text = String::from_utf8_lossy(bytes);
            let found: BTreeSet<usize> = secrets.find_all(&decode(&text)).into_iter().collect();
            (!found.is_empty()).then_some((*path, found))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .fold(Default::default(), |mut m, (p, f)| {
            m.entry(p).or_default().extend(f);
            m
        });
    for f in files.iter().map(Borrow::borrow) {
        let f: &OutputFile = f;
        for segment in f.path.split('/') {
            let found = secrets.find_all(&crate::anonymize::secrets::slug_text(segment));
            if !found.is_empty() {
                by_file.entry(f.path.as_str()).or_default().extend(found);
            }
        }
    }
    let hits: Vec<(String, BTreeSet<usize>)> = by_file
        .into_iter()
        .map(|(p, f)| (p.to_string(), f))
        .collect();
    for (path, found) in hits {
        let mut origins: Vec<(String, String)> = found
            .iter()
            .map(|&f| {
                let o = secrets.origin_of(f);
                (o.file.clone(), o.field.clone())
            })
            .collect();
        origins.sort();
        origins.dedup();
        for (file, field) in origins {
            diags.push(
                Diagnostic::error(format!(
                    "the output file `{path}` would publish `{field}` of {file}"
                ))
                .in_file(file)
                .help("the value is shown nowhere; find where that text is written (a chapter, a title, a published field such as industry or role, a template) and remove or rephrase it, or list a harmless word in `[anonymize] allow`"),
            );
        }
    }
    diags
}

/// The part of a file a scan must read again, when the previous version of
/// the file (`old`, same path) passed the leak check against the same
/// secrets: the bytes that differ, with the overlap of [`chunks`] on each
/// side, so that no occurrence shorter than the overlap is missed. For the
/// print page (every chapter on one page) an edit to one chapter means
/// scanning a few kilobytes instead of megabytes.
pub fn changed_part<'a>(old: &[u8], new: &'a [u8]) -> &'a [u8] {
    const BLOCK: usize = 4096;
    let common = old.len().min(new.len());
    // Compared a block at a time (a memcmp), then byte by byte.
    let mut prefix = 0;
    while prefix + BLOCK <= common && old[prefix..prefix + BLOCK] == new[prefix..prefix + BLOCK] {
        prefix += BLOCK;
    }
    while prefix < common && old[prefix] == new[prefix] {
        prefix += 1;
    }
    let max = common - prefix;
    let (o, n) = (old.len(), new.len());
    let mut suffix = 0;
    while suffix + BLOCK <= max
        && old[o - suffix - BLOCK..o - suffix] == new[n - suffix - BLOCK..n - suffix]
    {
        suffix += BLOCK;
    }
    while suffix < max && old[o - suffix - 1] == new[n - suffix - 1] {
        suffix += 1;
    }
    let start = prefix.saturating_sub(OVERLAP);
    let end = (n - suffix + OVERLAP).min(n);
    &new[start..end.max(start)]
}

const CHUNK: usize = 256 * 1024;
const OVERLAP: usize = 4 * 1024;

/// Overlapping pieces of a file, cut at line breaks where possible (a piece
/// edge inside a tag only hides text that the overlapping piece sees whole).
fn chunks(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() && !(start == 0 && bytes.is_empty()) {
            return None;
        }
        let mut end = (start + CHUNK).min(bytes.len());
        if end < bytes.len()
            && let Some(nl) = bytes[end..(end + OVERLAP / 2).min(bytes.len())]
                .iter()
                .position(|&b| b == b'\n')
        {
            end += nl;
        }
        let piece_start = start.saturating_sub(OVERLAP);
        let piece = &bytes[piece_start..end];
        start = if end >= bytes.len() { usize::MAX } else { end };
        Some(piece)
    })
}

/// Tags that sit inside words (`Har<b></b>bor` reads "Harbor").
const INLINE_TAGS: &[&[u8]] = &[
    b"b", b"i", b"em", b"strong", b"span", b"a", b"code", b"mark", b"s", b"del", b"ins", b"u",
    b"small", b"sub", b"sup", b"wbr", b"abbr",
];

/// Undo the encodings a value could hide behind in HTML, JSON and JS:
/// character references (`&#x44;`, `&amp;`) and `\uXXXX` escapes. Inline
/// tags vanish from the text (so `Har<b></b>bor` joins up), other tags
/// become spaces, and attribute values (alt, title, href…) are appended
/// after the text: they are published too.
///
/// This runs over every byte the site publishes, so it works on bytes and
/// copies runs of plain text at once.
pub fn decode(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 64);
    let mut attrs = String::new();
    let mut i = 0;
    while i < b.len() {
        let run = b[i..]
            .iter()
            .position(|&c| c == b'&' || c == b'<' || c == b'\\')
            .unwrap_or(b.len() - i);
        out.push_str(&text[i..i + run]);
        i += run;
        if i >= b.len() {
            break;
        }
        match b[i] {
            b'&' => {
                if let Some(end) = b[i..].iter().take(13).position(|&c| c == b';')
                    && let Some(ch) = entity(&text[i + 1..i + end])
                {
                    out.push(ch);
                    i += end + 1;
                    continue;
                }
                out.push('&');
                i += 1;
            }
            b'\\' => {
                if b.get(i + 1) == Some(&b'u')
                    && let Some(ch) = text
                        .get(i + 2..i + 6)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                {
                    out.push(ch);
                    i += 6;
                    continue;
                }
                out.push('\\');
                i += 1;
            }
            _ => {
                // A tag: `<` up to the next `>`.
                let Some(len) = b[i..].iter().position(|&c| c == b'>') else {
                    out.push('<');
                    i += 1;
                    continue;
                };
                let tag = &b[i + 1..i + len];
                let name_start = usize::from(tag.first() == Some(&b'/'));
                let name_len = tag[name_start..]
                    .iter()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .unwrap_or(tag.len() - name_start);
                let name = &tag[name_start..name_start + name_len];
                let inline = INLINE_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name));
                // Quoted attribute values.
                let mut j = 0;
                while j < tag.len() {
                    if tag[j] == b'"' || tag[j] == b'\'' {
                        let q = tag[j];
                        let close = tag[j + 1..]
                            .iter()
                            .position(|&c| c == q)
                            .map_or(tag.len(), |p| j + 1 + p);
                        attrs.push_str(&text[i + 1 + j + 1..i + 1 + close]);
                        attrs.push('\n');
                        j = close + 1;
                    } else {
                        j += 1;
                    }
                }
                if !inline {
                    out.push(' ');
                }
                i += len + 1;
            }
        }
    }
    out.push('\n');
    // Attribute values may hold entities too.
    if attrs.contains('&') {
        let decoded = decode_entities(&attrs);
        out.push_str(&decoded);
    } else {
        out.push_str(&attrs);
    }
    out
}

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        match rest
            .find(';')
            .filter(|&e| e <= 12)
            .and_then(|e| entity(&rest[1..e]).map(|c| (c, e)))
        {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Named character references for Latin letters, from U+00C0 to U+00FF in
/// order: the ones a name can hide behind (`Zo&euml;`).
const LATIN1: [&str; 64] = [
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// The character a reference stands for: numeric, or named (the HTML
/// basics, Latin letters, and the invisible ones).
pub(crate) fn entity(ent: &str) -> Option<char> {
    if let Some(num) = ent.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(n);
    }
    if let Some(i) = LATIN1.iter().position(|n| *n == ent) {
        return char::from_u32(0xC0 + i as u32);
    }
    Some(match ent {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "shy" => '\u{AD}',
        "rsquo" => '’',
        "lsquo" => '‘',
        "ldquo" => '“',
        "rdquo" => '”',
        "ndash" => '–',
        "mdash" => '—',
        "zwj" => '\u{200D}',
        "zwnj" => '\u{200C}',
        "ZeroWidthSpace" => '\u{200B}',
        "OElig" => 'Œ',
        "oelig" => 'œ',
        "Scaron" => 'Š',
        "scaron" => 'š',
        "Zcaron" => 'Ž',
        "zcaron" => 'ž',
        "Yuml" => 'Ÿ',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_overlap_and_cover_everything() {
        let text: Vec<u8> = (0..(CHUNK * 2 + 100))
            .map(|i| b'a' + (i % 26) as u8)
            .collect();
        let pieces: Vec<&[u8]> = chunks(&text).collect();
        assert_eq!(pieces.len(), 3);
        assert_eq!(pieces[0].len(), CHUNK);
        assert_eq!(pieces[1].len(), CHUNK + OVERLAP);
        assert_eq!(pieces[2].len(), 100 + OVERLAP);
        assert_eq!(chunks(b"").count(), 1);
    }

    #[test]
    fn the_changed_part_covers_the_change_and_its_surroundings() {
        let old: Vec<u8> = (0..100_000).map(|i| b'a' + (i % 26) as u8).collect();
        let mut new = old.clone();
        new.splice(50_000..50_010, b"Harbor Freight".iter().copied());
        let part = changed_part(&old, &new);
        assert_eq!(part.len(), 14 + 2 * OVERLAP);
        assert!(part.windows(14).any(|w| w == b"Harbor Freight"));
        // At the edges and for unrelated files: all of it.
        assert_eq!(changed_part(b"", b"new file").len(), 8);
        assert_eq!(changed_part(&old, &new[..10]).len(), 10);
        assert!(
            changed_part(&old, &old).is_empty() || changed_part(&old, &old).len() <= 2 * OVERLAP
        );
    }

    #[test]
    fn decodes_entities_escapes_and_markup() {
        assert_eq!(decode("&#72;arbor &amp; co").trim_end(), "Harbor & co");
        assert_eq!(
            decode("Zo&euml; J&uuml;rgen &szlig;").trim_end(),
            "Zoë Jürgen ß"
        );
        assert_eq!(decode("\\u0048arbor").trim_end(), "Harbor");
        let d = decode("<p>A <b>Har</b>bor</p><img alt=\"D&amp;na\" title='x'>");
        assert!(d.starts_with(" A Harbor "), "{d}");
        assert!(d.contains("D&na") && d.contains("x"), "{d}");
        assert_eq!(
            decode("a \\u0041 \\z <unclosed").trim_end(),
            "a A \\z <unclosed"
        );
    }
}
