//! What the view decodes before it reads: inline tags, character
//! references and URL-encoding.

use std::ops::Range;

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

/// `%XX` sequences at `i` that decode to a UTF-8 character: it and the
/// bytes consumed. A sequence encoded again (`%25C5%2581`, up to four
/// times: a link pasted out of a mail filter's link) is read as its last
/// layer; a byte that is no UTF-8 (`Zo%EB`), as Latin-1.
/// `layers`: read the layers and Latin-1 (else one layer of UTF-8, the
/// test switch `url-layers`).
pub(crate) fn percent(text: &str, i: usize, end: usize, layers: bool) -> Option<(String, usize)> {
    let b = &text.as_bytes()[i..end];
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::new();
    // Where each byte's `%` sequence ends.
    let mut ends = Vec::new();
    let mut j = 0;
    while b.get(j) == Some(&b'%') {
        let mut k = j + 1;
        for _ in 0..if layers { 3 } else { 0 } {
            if b[k..].starts_with(b"25")
                && b.len() >= k + 4
                && hex(b[k + 2]).is_some()
                && hex(b[k + 3]).is_some()
            {
                k += 2;
            } else {
                break;
            }
        }
        match (
            b.get(k).copied().and_then(hex),
            b.get(k + 1).copied().and_then(hex),
        ) {
            (Some(h), Some(l)) => out.push(h * 16 + l),
            _ => break,
        }
        j = k + 2;
        ends.push(j);
    }
    // One character a call, so that each has its own place in the source:
    // a name right after an encoded `/` (`%2F%C3%98yvind`) is replaced
    // without the `/`.
    let valid = match std::str::from_utf8(&out) {
        Ok(_) => out.len(),
        Err(e) => e.valid_up_to(),
    };
    match std::str::from_utf8(&out[..valid])
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => Some((c.to_string(), ends[c.len_utf8() - 1])),
        None if layers => out
            .first()
            .filter(|&&byte| byte >= 0xA0)
            .map(|&byte| (char::from(byte).to_string(), ends[0])),
        None => None,
    }
}
