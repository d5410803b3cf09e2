//! A Content-Security-Policy for every page, as defence in depth behind
//! the sanitiser: even if markup from a chapter or a record got through,
//! the browser would run no script but the theme's own.
//!
//! The default theme's `base.html` holds
//! `<meta http-equiv="Content-Security-Policy" content="exitbook-csp">`;
//! after a page is rendered, [`apply`] replaces the placeholder with a
//! policy that allows scripts from the site itself and, inline, only the
//! scripts the rendered page holds, by their SHA-256 hashes. Markdown never
//! brings a `<script>` (the sanitiser removes it), so those are the
//! templates' own. Event handler attributes (`onerror=`), `javascript:`
//! URLs, plugins and `<base>` are refused whatever the page holds.
//!
//! `'self'` does not match a `file:` page's scripts in every browser, so
//! `file:` is allowed too: it can only name files on the reader's own disk,
//! and only a page opened from disk can load those.

use sha2::{Digest, Sha256};

/// What `base.html` writes as the policy, replaced by the real one.
pub const PLACEHOLDER: &str = "content=\"exitbook-csp\"";

/// The policy for a page holding these inline scripts.
pub fn policy<'a>(inline_scripts: impl IntoIterator<Item = &'a str>) -> String {
    let mut p = String::from("script-src 'self' file:");
    for s in inline_scripts {
        p.push_str(" 'sha256-");
        p.push_str(&script_hash(s));
        p.push('\'');
    }
    // `base-uri 'self'`, not 'none': the 404 page finds the site's root at
    // any depth of an unknown URL and sets a `<base>` of the same origin.
    p.push_str("; object-src 'none'; base-uri 'self'; frame-src 'none'");
    p
}

/// The base64 SHA-256 of an inline script. Every page holds the same few
/// (the theme's, with the interface text of its language), so the last
/// ones hashed are kept: comparing a script is cheaper than hashing it.
fn script_hash(script: &str) -> String {
    /// How many scripts are kept (a page-specific script is hashed anew).
    const KEEP: usize = 8;
    static KEPT: std::sync::Mutex<Vec<(String, String)>> = std::sync::Mutex::new(Vec::new());
    if let Ok(kept) = KEPT.lock()
        && let Some((_, hash)) = kept.iter().find(|(s, _)| s == script)
    {
        return hash.clone();
    }
    let hash = base64(&Sha256::digest(script.as_bytes()));
    if let Ok(mut kept) = KEPT.lock() {
        if kept.len() == KEEP {
            kept.remove(0);
        }
        kept.push((script.to_string(), hash.clone()));
    }
    hash
}

/// Put the policy of `html`'s own inline scripts in place of the
/// placeholder (a page without the placeholder is returned as it is).
pub fn apply(mut html: String) -> String {
    let Some(at) = memchr::memmem::find(html.as_bytes(), PLACEHOLDER.as_bytes()) else {
        return html;
    };
    let p = policy(inline_scripts(&html));
    // In place: the placeholder is in `<head>`, and a page can be tens of
    // megabytes (the print page), so no second copy of it is made.
    html.replace_range(at..at + PLACEHOLDER.len(), &format!("content=\"{p}\""));
    html
}

/// Allow one more inline script in a page that has a policy (`serve` adds
/// its live-reload script to the pages it serves).
pub fn allow(html: &[u8], script: &str) -> Vec<u8> {
    const AT: &[u8] = b"script-src 'self' file:";
    let Some(at) = memchr::memmem::find(html, AT) else {
        return html.to_vec();
    };
    let hash = format!(" 'sha256-{}'", base64(&Sha256::digest(script.as_bytes())));
    let mut out = Vec::with_capacity(html.len() + hash.len());
    out.extend_from_slice(&html[..at + AT.len()]);
    out.extend_from_slice(hash.as_bytes());
    out.extend_from_slice(&html[at + AT.len()..]);
    out
}

/// The contents of every `<script>` without a `src` attribute.
///
/// Tag names are matched without regard to case, straight on the page's
/// bytes (every page is read once here, so no lowercased copy is made).
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = find_tag(b, from, b"<script") {
        let Some(end_tag) = tag_end(b, start) else {
            break;
        };
        let tag = html[start..end_tag].to_ascii_lowercase();
        let body_end = find_tag(b, end_tag, b"</script").unwrap_or(html.len());
        if !has_src(&tag) {
            out.push(&html[end_tag..body_end]);
        }
        from = body_end.max(start + 1);
    }
    out
}

/// Where `name` (`<script`, lowercase) starts at or after `from`, in any
/// case. Only places where `<` is followed by the name's second byte (in
/// either case) are looked at: a page has thousands of tags, few of them
/// `<s…`.
fn find_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    use memchr::memmem::Finder;
    let hay = b.get(from..)?;
    let lower = [b'<', name[1].to_ascii_lowercase()];
    let upper = [b'<', name[1].to_ascii_uppercase()];
    let (lo, up) = (Finder::new(&lower), Finder::new(&upper));
    let mut l = lo.find_iter(hay).peekable();
    let mut u = (lower != upper)
        .then(|| up.find_iter(hay))
        .into_iter()
        .flatten()
        .peekable();
    loop {
        let start = match (l.peek(), u.peek()) {
            (Some(&a), Some(&c)) if c < a => u.next()?,
            (Some(_), _) => l.next()?,
            (None, _) => u.next()?,
        };
        if hay
            .get(start..start + name.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(name))
        {
            return Some(from + start);
        }
    }
}

/// The byte after the `>` that ends the tag starting at `start` (quotes
/// and `>` are ASCII: no byte of a multi-byte character is one of them).
fn tag_end(b: &[u8], start: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &c) in b[start..].iter().enumerate() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'>') => return Some(start + i + 1),
            _ => {}
        }
    }
    None
}

fn has_src(tag: &str) -> bool {
    tag.split(|c: char| c.is_ascii_whitespace())
        .any(|a| a.starts_with("src=") || a == "src")
}

/// Standard base64 with padding (what CSP hashes are written in).
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * k)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_tags_are_found_in_any_case_among_other_tags() {
        let html = "<p><span>x</span><Svg></Svg><sCrIpT>a()</ScRiPt><s>y</s><SCRIPT src=\"q.js\"></SCRIPT><script>b()</script>";
        assert_eq!(inline_scripts(html), vec!["a()", "b()"]);
        assert_eq!(
            find_tag(html.as_bytes(), 0, b"<script"),
            html.find("<sCrIpT")
        );
        assert_eq!(find_tag(b"<s<S<scrip", 0, b"<script"), None);
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn hashes_the_inline_scripts_only() {
        let html = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"exitbook-csp\"><script>a()</script><script src=\"x.js\" data-x=\">\"></script><SCRIPT type=\"module\">b()</SCRIPT></head></html>".to_string();
        assert_eq!(inline_scripts(&html), vec!["a()", "b()"]);
        let out = apply(html);
        // sha256("a()") as `printf 'a()' | openssl dgst -sha256 -binary | base64` gives it.
        assert!(
            out.contains("'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='"),
            "{out}"
        );
        assert_eq!(out.matches("'sha256-").count(), 2, "{out}");
        assert!(out.contains("script-src 'self' file: 'sha256-"), "{out}");
        assert!(!out.contains("exitbook-csp"));
        let served = allow(out.as_bytes(), "c()");
        assert_eq!(
            String::from_utf8(served)
                .unwrap()
                .matches("'sha256-")
                .count(),
            3
        );
    }
}
