//! A Markdown text rendered once for every page that shows it.
//!
//! A case is on its own page, on the print page and on its exercise (see
//! `Shared::case_html`). What differs from one to the other is only the prefix of its heading and footnote ids and where
//! its `@/` links lead. So the text is parsed and written once
//! ([`Generic::new`]) with a marker in place of the prefix and a numbered
//! placeholder in place of each link's href, and each page's copy is that
//! HTML with the markers filled in ([`Generic::rendered`], [`Generic::body`]):
//! the same bytes as [`render`] gives, for a fraction of the work.
//!
//! Where filling in could give other bytes than rendering, the text is
//! rendered again instead: a text with raw HTML (the sanitiser reads the
//! whole page), a text that could hold a marker itself (a private-use
//! character, a numeric character reference, the escaped form of a
//! placeholder), a prefix that HTML escapes or that could make a heading id
//! look like a footnote's, and heading ids that the empty prefix would
//! treat as a footnote's (`fn:…`).

use std::cell::Cell;

use super::*;

/// Where the prefix of ids goes (in ids, which HTML does not escape it in).
const PREFIX: &str = "\u{E012}";
/// Around a link's number, in its placeholder href.
const LINK_OPEN: &str = "\u{E013}";
const LINK_CLOSE: &str = "\u{E014}";

/// A text rendered with markers (see the module's documentation).
pub struct Generic {
    /// A hash of the Markdown, to refuse being filled in for another text.
    source: u128,
    /// `None` where the text is rendered for each page instead.
    marked: Option<Marked>,
}

struct Marked {
    r: Rendered,
    /// Whether `r` holds the plain text and sections too.
    full: bool,
}

/// A text's HTML for one page and the `@/` links in it.
pub struct Body {
    pub html: String,
    pub links: Vec<InternalLink>,
}

/// `url` as pulldown-cmark writes it in an `href` (its escaping, which the
/// crate does not export).
fn href_attr(url: &str) -> String {
    // Letters, digits and `-._~/#:` are written as they are.
    if url
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-._~/#:".contains(&b))
    {
        return url.to_string();
    }
    let mut out = String::new();
    html::push_html(
        &mut out,
        std::iter::once(Event::Start(Tag::Link {
            link_type: pulldown_cmark::LinkType::Inline,
            dest_url: CowStr::from(url),
            title: CowStr::from(""),
            id: CowStr::from(""),
        })),
    );
    out.strip_prefix("<a href=\"")
        .and_then(|s| s.strip_suffix("\">"))
        .unwrap_or_default()
        .to_string()
}

/// The escaped start and end of a link placeholder, as they are in HTML.
fn link_needles() -> &'static (String, String) {
    static NEEDLES: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    NEEDLES.get_or_init(|| (href_attr(LINK_OPEN), href_attr(LINK_CLOSE)))
}

/// Whether `md` could bring a marker or a placeholder of its own: a
/// marker's character, a numeric character reference (`&#xE012;`), or the
/// start of a placeholder as escaped (`%EE%80%9`), in one pass.
fn could_hold_markers(md: &str, open: &str) -> bool {
    let b = md.as_bytes();
    let escaped = &open.as_bytes()[..open.len().min(8)];
    memchr::memchr3_iter(b'&', b'%', PREFIX.as_bytes()[0], b).any(|at| {
        let rest = &b[at..];
        rest.starts_with(b"&#")
            || rest.starts_with(escaped)
            || md
                .get(at..)
                .and_then(|s| s.chars().next())
                .is_some_and(|c| matches!(c, '\u{E012}'..='\u{E014}'))
    })
}

impl Generic {
    /// Render `md` with markers. `full`: keep the plain text and sections
    /// too (else only [`Generic::body`] is quick).
    pub fn new(md: &str, full: bool) -> Generic {
        let source = crate::text::hash(md.as_bytes());
        let (open, close) = (LINK_OPEN, LINK_CLOSE);
        if could_hold_markers(md, &link_needles().0) {
            return Generic {
                source,
                marked: None,
            };
        }
        let n = Cell::new(0usize);
        let (mut r, raw_html) = render_with(
            md,
            &|_, _| {
                let k = n.get();
                n.set(k + 1);
                Some(format!("{open}{k}{close}"))
            },
            PREFIX,
        );
        if raw_html {
            return Generic {
                source,
                marked: None,
            };
        }
        if !full {
            r.plain = String::new();
            r.sections = Vec::new();
        }
        // Kept while the pages that hold the text are made.
        r.html.shrink_to_fit();
        Generic {
            source,
            marked: Some(Marked { r, full }),
        }
    }

    /// Whether the text is filled in rather than rendered again (for any
    /// prefix that allows it).
    #[cfg(test)]
    pub(super) fn quick(&self) -> bool {
        self.marked.is_some()
    }

    /// The marked rendering, if it can be filled in for `md` with `prefix`.
    fn usable(&self, md: &str, prefix: &str) -> Option<&Rendered> {
        let m = self.marked.as_ref()?;
        if prefix.contains(['&', '<', '>', '"', '\''])
            || prefix.starts_with('f')
            || self.source != crate::text::hash(md.as_bytes())
        {
            return None;
        }
        // Without a prefix, an id `fn:…` is made unique as a footnote's is.
        if prefix.is_empty()
            && m.r.ids.iter().any(|id| {
                let id = id.strip_prefix(PREFIX).unwrap_or(id);
                id.starts_with("fn:") || id.starts_with("fnref:")
            })
        {
            return None;
        }
        Some(&m.r)
    }

    /// `md` (the text this was made from) for one page: exactly
    /// `render(md, resolve, prefix)`.
    pub fn rendered(
        &self,
        md: &str,
        resolve: &dyn Fn(&str, Option<&str>) -> Option<String>,
        prefix: &str,
    ) -> Rendered {
        match self.usable(md, prefix) {
            Some(r) if self.marked.as_ref().is_some_and(|m| m.full) => filled(r, resolve, prefix),
            _ => render(md, resolve, prefix),
        }
    }

    /// The HTML and links of `render(md, resolve, prefix)`.
    pub fn body(
        &self,
        md: &str,
        resolve: &dyn Fn(&str, Option<&str>) -> Option<String>,
        prefix: &str,
    ) -> Body {
        let (html, links) = match self.usable(md, prefix) {
            Some(r) => fill(r, resolve, prefix),
            None => {
                let r = render(md, resolve, prefix);
                (r.html, r.links)
            }
        };
        Body { html, links }
    }
}

/// The marked rendering `r` filled in, every field.
fn filled(
    r: &Rendered,
    resolve: &dyn Fn(&str, Option<&str>) -> Option<String>,
    prefix: &str,
) -> Rendered {
    let (html, links) = fill(r, resolve, prefix);
    let id = |s: &String| s.replace(PREFIX, prefix);
    Rendered {
        html,
        toc: r
            .toc
            .iter()
            .map(|t| TocEntry {
                level: t.level,
                id: id(&t.id),
                title: t.title.clone(),
            })
            .collect(),
        ids: r.ids.iter().map(id).collect(),
        links,
        plain: r.plain.clone(),
        sections: r
            .sections
            .iter()
            .map(|s| Section {
                id: s.id.as_ref().map(id),
                ..s.clone()
            })
            .collect(),
        removed: r.removed.clone(),
    }
}

/// The marked HTML with the prefix and every link's href in place, and
/// the links (each resolved once, in order, as [`render`] does).
fn fill(
    r: &Rendered,
    resolve: &dyn Fn(&str, Option<&str>) -> Option<String>,
    prefix: &str,
) -> (String, Vec<InternalLink>) {
    if r.links.is_empty() && memchr::memmem::find(r.html.as_bytes(), PREFIX.as_bytes()).is_none() {
        // Nothing to fill in.
        return (r.html.clone(), Vec::new());
    }
    let mut links = r.links.clone();
    let hrefs: Vec<String> = links
        .iter_mut()
        .map(|l| {
            let href = resolve(&l.rel, l.anchor.as_deref());
            l.resolved = href.is_some();
            href_attr(href.as_deref().unwrap_or("#"))
        })
        .collect();
    let (open, close) = link_needles();
    let src = r.html.as_str();
    let mut out = String::with_capacity(src.len() + 64);
    let mut rest = src;
    // The prefix's marker starts with a byte of few characters, a
    // placeholder with `%`: only a whole marker is replaced (the text
    // could hold none of its own: `could_hold_markers`).
    let first = [PREFIX.as_bytes()[0], open.as_bytes()[0]];
    while let Some(at) = memchr::memchr2(first[0], first[1], rest.as_bytes()) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix(PREFIX) {
            out.push_str(prefix);
            rest = after;
        } else if let Some((k, after)) = tail
            .strip_prefix(open.as_str())
            .and_then(|t| t.split_once(close.as_str()))
            .and_then(|(k, after)| Some((k.parse::<usize>().ok()?, after)))
            && let Some(href) = hrefs.get(k)
        {
            out.push_str(href);
            rest = after;
        } else {
            let len = tail.chars().next().map_or(1, char::len_utf8);
            out.push_str(&tail[..len]);
            rest = &tail[len..];
        }
    }
    out.push_str(rest);
    (out, links)
}
