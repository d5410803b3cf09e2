//! What raw HTML from Markdown may put on a page (`spec/cli.md`: "Markdown
//! may hold raw HTML…, but what reaches a page is sanitised").
//!
//! Two pieces share one allow-list:
//!
//! - [`clean`] runs the rendered HTML of a text that held raw HTML through
//!   ammonia, a maintained sanitiser that parses HTML as a browser does
//!   (html5ever), so no trick of the tokenizer (unclosed tags, namespaces,
//!   entities in URLs) gets past it. It is the protection.
//! - [`scan`] reads the raw HTML an author wrote, to say what was removed
//!   and where (a warning with file and line): it only reports, so a
//!   construct it misreads is still removed by [`clean`].
//!
//! Kept: what handbooks paste (tables, `<details>`/`<summary>`, `<kbd>`,
//! images, also as `data:image/…`, callout `<div>`s with classes, ids,
//! `text-align` in table cells). Removed: every other element (`<script>`,
//! `<iframe>`, `<object>`, `<embed>`, `<form>`, `<style>`…), event handler
//! and every other attribute not listed, and URLs other than `http:`,
//! `https:`, `mailto:`, `tel:` or relative ones (`javascript:`,
//! `vbscript:`, `data:` outside images).

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Elements kept (with their text); everything else is dropped, and the
/// content of [`DROPPED_WITH_CONTENT`] with it.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements removed together with what they hold.
const DROPPED_WITH_CONTENT: &[&str] = &["script", "style", "template", "noscript"];

/// Attributes allowed on every kept element.
const GENERIC: &[&str] = &[
    "id",
    "class",
    "title",
    "lang",
    "dir",
    "aria-label",
    "aria-hidden",
    "role",
];

/// Attributes allowed on one element.
const BY_TAG: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("img", &["src", "alt", "width", "height"]),
    ("input", &["type", "checked", "disabled"]),
    ("details", &["open"]),
    ("ol", &["start", "reversed"]),
    ("li", &["value"]),
    ("td", &["colspan", "rowspan", "headers", "align", "style"]),
    (
        "th",
        &["colspan", "rowspan", "headers", "scope", "align", "style"],
    ),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("time", &["datetime"]),
    ("del", &["datetime"]),
    ("ins", &["datetime"]),
    ("q", &["cite"]),
    ("blockquote", &["cite"]),
];

/// Attributes whose value is a URL.
const URL_ATTRS: &[&str] = &["href", "src", "cite"];

/// Schemes a link may use (relative URLs are always allowed).
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

fn tag_allowed(tag: &str) -> bool {
    TAGS.contains(&tag)
}

fn attr_allowed(tag: &str, attr: &str) -> bool {
    GENERIC.contains(&attr)
        || BY_TAG
            .iter()
            .any(|(t, attrs)| *t == tag && attrs.contains(&attr))
}

/// Why a URL may not stay, or `None` when it may: the scheme it has, after
/// what browsers ignore (entities, control characters, spaces) is undone.
pub fn bad_url(tag: &str, attr: &str, url: &str) -> Option<String> {
    let plain = decode_entities(url);
    let cleaned: String = plain
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let lower = cleaned.to_ascii_lowercase();
    let colon = lower.find(':')?;
    if lower[..colon].contains(['/', '?', '#']) {
        return None; // a relative URL with a colon later on
    }
    let scheme = &lower[..colon];
    if SCHEMES.contains(&scheme) {
        return None;
    }
    if scheme == "data" && tag == "img" && attr == "src" && lower.starts_with("data:image/") {
        return None;
    }
    Some(format!("a `{scheme}:` URL"))
}

/// Numeric character references and the named ones that hide a scheme
/// (`&colon;`, `&Tab;`, `&NewLine;`).
fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let n = match num.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            n.and_then(char::from_u32)
        } else {
            match name.to_ascii_lowercase().as_str() {
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::empty();
    b.tags(TAGS.iter().copied().collect())
        .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
        .generic_attributes(GENERIC.iter().copied().collect())
        .tag_attributes(
            BY_TAG
                .iter()
                .map(|(t, a)| (*t, a.iter().copied().collect::<HashSet<_>>()))
                .collect(),
        )
        // A task list's box is shown, never a control of a form.
        .set_tag_attribute_value("input", "type", "checkbox")
        .set_tag_attribute_value("input", "disabled", "")
        .url_schemes(SCHEMES.iter().copied().chain(["data"]).collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .filter_style_properties(["text-align"].into_iter().collect())
        .attribute_filter(|tag, attr, value| {
            if URL_ATTRS.contains(&attr) && bad_url(tag, attr, value).is_some() {
                None
            } else {
                Some(Cow::Borrowed(value))
            }
        });
    b
});

/// The HTML with everything outside the allow-list removed.
pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// One construct that [`clean`] removes, found in an author's raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte offset in the text scanned.
    pub at: usize,
    /// What it is, without any value: "the `<script>` element".
    pub what: String,
}

/// The constructs of raw HTML that [`clean`] removes, in order. Names of
/// elements and attributes only: never a value (it may be a secret).
pub fn scan(html: &str) -> Vec<Found> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let start = i + p;
        let mut j = start + 1;
        if b.get(j) == Some(&b'!') || b.get(j) == Some(&b'?') {
            // A comment, doctype or processing instruction: dropped quietly.
            let close: &[u8] = if b[j..].starts_with(b"!--") {
                b"-->"
            } else {
                b">"
            };
            i = memchr::memmem::find(&b[j..], close).map_or(b.len(), |e| j + e + close.len());
            continue;
        }
        let closing = b.get(j) == Some(&b'/');
        if closing {
            j += 1;
        }
        let name_start = j;
        if !b.get(j).is_some_and(u8::is_ascii_alphabetic) {
            i = start + 1;
            continue;
        }
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
            j += 1;
        }
        let tag = html[name_start..j].to_ascii_lowercase();
        let allowed = tag_allowed(&tag);
        if !closing && !allowed {
            out.push(Found {
                at: start,
                what: format!("the `<{tag}>` element"),
            });
        }
        // Attributes, up to the end of the tag.
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                j = (j + 1).min(b.len());
                break;
            }
            let attr_start = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'/' | b'>' | b'=')
            {
                j += 1;
            }
            let attr = html[attr_start..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = "";
            if b.get(j) == Some(&b'=') {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                match b.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let v = j + 1;
                        let e = memchr::memchr(q, &b[v..]).map_or(b.len(), |e| v + e);
                        value = &html[v..e];
                        j = (e + 1).min(b.len());
                    }
                    _ => {
                        let v = j;
                        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                            j += 1;
                        }
                        value = &html[v..j];
                    }
                }
            }
            if closing || !allowed || attr.is_empty() {
                continue;
            }
            let what = if !attr_allowed(&tag, &attr) {
                Some(if attr.starts_with("on") {
                    format!("the event handler `{attr}` of `<{tag}>`")
                } else {
                    format!("the `{attr}` attribute of `<{tag}>`")
                })
            } else if URL_ATTRS.contains(&attr.as_str()) {
                bad_url(&tag, &attr, value).map(|u| format!("{u} in `<{tag} {attr}>`"))
            } else {
                None
            };
            if let Some(what) = what {
                out.push(Found {
                    at: attr_start,
                    what,
                });
            }
        }
        i = j.max(start + 1);
    }
    out
}

mod warnings;

pub use warnings::{HELP, MAX_PER_FILE, may_hold_html, too_many};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_texts_with_html_or_schemed_links_are_read_again() {
        assert!(!may_hold_html("See [a](@/chapters/x.md#y) and [b](../c/)."));
        assert!(may_hold_html("See [a](javascript:x)."));
        assert!(may_hold_html("See [a]( jav&#97;script:x)."));
        assert!(may_hold_html("[r]: vbscript:x"));
        assert!(may_hold_html("a <b>"));
        assert!(!may_hold_html("Plain: text [x] here."));
    }

    #[test]
    fn keeps_what_handbooks_paste() {
        let html = "<table><tr><th style=\"text-align: center\">A</th></tr></table>\
            <details><summary>More</summary><p>Press <kbd>Ctrl</kbd></p></details>\
            <div class=\"callout warning\" id=\"x\">Careful</div>\
            <img src=\"data:image/png;base64,AAAA\" alt=\"dot\"><a href=\"https://a.example/\">a</a>";
        let out = clean(html);
        for kept in [
            "<th style=\"text-align:center\">",
            "<details>",
            "<summary>",
            "<kbd>",
            "class=\"callout warning\"",
            "src=\"data:image/png;base64,AAAA\"",
            "href=\"https://a.example/\"",
        ] {
            assert!(out.contains(kept), "{kept} in {out}");
        }
        assert!(scan(html).is_empty(), "{:?}", scan(html));
    }

    #[test]
    fn removes_scripts_handlers_and_bad_urls_and_says_so() {
        let html = "<script>alert(1)</script><img src=x onerror=\"alert(2)\">\
            <a href=\"jav&#x09;ascript:alert(3)\">x</a><iframe src=\"//e\"></iframe>\
            <a href=\"data:text/html,<b>\">d</a><form><input type=text></form>";
        let out = clean(html);
        for gone in [
            "<script",
            "alert(1)",
            "onerror",
            "javascript",
            "<iframe",
            "data:text",
            "<form",
            "type=\"text\"",
        ] {
            assert!(!out.contains(gone), "{gone} in {out}");
        }
        let found: Vec<String> = scan(html).into_iter().map(|f| f.what).collect();
        assert_eq!(
            found,
            vec![
                "the `<script>` element",
                "the event handler `onerror` of `<img>`",
                "a `javascript:` URL in `<a href>`",
                "the `<iframe>` element",
                "a `data:` URL in `<a href>`",
                "the `<form>` element",
            ]
        );
    }
}
