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

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::yaml::{self, Seg};
use crate::model::case::Case;
use crate::model::site::Site;

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

/// The help of every warning about removed HTML.
pub const HELP: &str = "raw HTML is kept, but scripts, frames, forms, styles, event handlers (onclick=…) and javascript:, vbscript: or data: URLs (except data:image/ in images) never reach a page; remove it, or write it as text in `backticks`";

/// At most this many removed constructs are reported per file (each one
/// costs a walk to its line), then how many more there were.
pub const MAX_PER_FILE: usize = 20;

/// Whether a text may hold anything [`scan`] or a link check would report:
/// raw HTML (a `<`), or a link whose destination has a scheme (or hides
/// one behind a character reference). `@/` links and relative ones, the
/// links records hold, are not.
pub fn may_hold_html(text: &str) -> bool {
    let b = text.as_bytes();
    if memchr::memchr(b'<', b).is_some() {
        return true;
    }
    let schemed = |at: usize| {
        let dest = &b[at..(at + 64).min(b.len())];
        let start = dest
            .iter()
            .position(|c| !c.is_ascii_whitespace())
            .unwrap_or(0);
        dest[start..]
            .iter()
            .find(|c| matches!(c, b':' | b'/' | b')' | b'#' | b'&' | b'@' | b'\n' | b' '))
            .is_some_and(|c| matches!(c, b':' | b'&'))
    };
    memchr::memmem::find_iter(b, b"](").any(|i| schemed(i + 2))
        || memchr::memmem::find_iter(b, b"]:").any(|i| schemed(i + 2))
}

/// Warnings for what rendering removes from the Markdown fields of the
/// records (titles are text, never HTML; notes only when published).
pub fn check_records(site: &Site, publish_notes: bool, diags: &mut Diagnostics) {
    static SCHEMA: LazyLock<serde_json::Value> = LazyLock::new(crate::model::record::schema);
    let found: Vec<Vec<Diagnostic>> = site
        .cases
        .par_iter()
        .filter(|c| may_hold_html(&c.text))
        .map(|c| record_warnings(c, &SCHEMA, publish_notes))
        .collect();
    diags.extend(found.into_iter().flatten());
}

fn record_warnings(
    case: &Case,
    schema: &serde_json::Value,
    publish_notes: bool,
) -> Vec<Diagnostic> {
    let Ok(doc) = serde_json::to_value(&case.record) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut more = 0;
    for (path, text) in crate::model::validate::markdown_strings(&doc, schema) {
        let skip = match path.first() {
            Some(Seg::Key(k)) => k == "title" || (k == "notes" && !publish_notes),
            _ => false,
        };
        if skip || !may_hold_html(text) {
            continue;
        }
        let removed = crate::render::markdown::render(text, &|_, _| None, "").removed;
        if removed.is_empty() {
            continue;
        }
        // Where the field is, then where the construct's own text is from
        // there on (a block scalar's lines are indented in the file).
        let (l, c) = case.locate(&path);
        let from = line_start(&case.text, l);
        for r in removed {
            if out.len() >= MAX_PER_FILE {
                more += 1;
                continue;
            }
            let needle: String = text
                .get(r.offset..)
                .unwrap_or("")
                .chars()
                .take(16)
                .collect();
            let needle = needle.lines().next().unwrap_or("");
            let (line, col) = match case.text[from..]
                .find(needle)
                .filter(|_| !needle.is_empty())
            {
                Some(at) => crate::text::line_col(&case.text, from + at),
                None => yaml::value_position(&case.text, l, c),
            };
            out.push(
                Diagnostic::warning(format!("removed from the page: {}", r.what))
                    .at(&case.shown, line, col)
                    .help(HELP)
                    .with_source(&case.text, str::to_string),
            );
        }
    }
    if more > 0 {
        out.push(too_many(&case.shown, more));
    }
    out
}

/// "…and N more": the warning that ends a file's list.
pub fn too_many(file: &std::path::Path, more: usize) -> Diagnostic {
    Diagnostic::warning(format!(
        "{more} more construct{} removed from the page",
        if more == 1 { "" } else { "s" }
    ))
    .in_file(file)
    .help(HELP)
}

/// The byte offset where 1-based `line` starts.
fn line_start(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    memchr::memchr_iter(b'\n', text.as_bytes())
        .nth(line - 2)
        .map_or(text.len(), |p| p + 1)
}

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
