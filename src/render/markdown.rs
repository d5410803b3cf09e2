//! Markdown → HTML, with heading anchors, a table of contents, and `@/`
//! links resolved to relative URLs.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

use crate::text::slugify;

/// One entry of a page's table of contents (h2 and h3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// An `@/` link found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// The path after `@/`, without the anchor: `chapters/postmortems.md`.
    pub rel: String,
    pub anchor: Option<String>,
    /// Byte offset of the link in the Markdown source.
    pub offset: usize,
    /// Whether `resolve` found a page for it.
    pub resolved: bool,
}

/// A rendered Markdown text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Every heading id, for checking `#anchor` links into this page.
    pub ids: Vec<String>,
    pub links: Vec<InternalLink>,
    /// The text without markup, for summaries and search.
    pub plain: String,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Render `md`. `resolve` maps an `@/` path (without `@/`) and its anchor to
/// the href of that place from the page being rendered. Heading ids get
/// `id_prefix` (for pages that hold several chapters).
pub fn render(
    md: &str,
    resolve: &dyn Fn(&str, Option<&str>) -> Option<String>,
    id_prefix: &str,
) -> Rendered {
    let mut out = Rendered::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut heading: Option<(usize, HeadingLevel, String)> = None;

    for (event, range) in Parser::new_ext(md, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((events.len(), level, String::new()));
                events.push(event);
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, level, text)) = heading.take() {
                    let id = heading_id(&mut events[start], &text, &out.ids, id_prefix);
                    out.ids.push(id.clone());
                    let lvl = level as u8;
                    if (2..=3).contains(&lvl) {
                        out.toc.push(TocEntry {
                            level: lvl,
                            id: id.clone(),
                            title: text.trim().to_string(),
                        });
                    }
                    events.push(Event::InlineHtml(CowStr::from(format!(
                        " <a class=\"heading-anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a>"
                    ))));
                }
                out.plain.push('\n');
                events.push(event);
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some((_, _, h)) = heading.as_mut() {
                    h.push_str(t);
                }
                out.plain.push_str(t);
                events.push(event);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if dest_url.starts_with("@/") => {
                let (rel, anchor) = match dest_url[2..].split_once('#') {
                    Some((r, a)) => (r.to_string(), Some(a.to_string())),
                    None => (dest_url[2..].to_string(), None),
                };
                let href = resolve(&rel, anchor.as_deref());
                out.links.push(InternalLink {
                    rel,
                    anchor,
                    offset: range.start,
                    resolved: href.is_some(),
                });
                let url = href.unwrap_or_else(|| "#".into());
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(url),
                    title,
                    id,
                }));
            }
            Event::SoftBreak | Event::HardBreak => {
                out.plain.push(' ');
                events.push(event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                out.plain.push('\n');
                events.push(event);
            }
            other => events.push(other),
        }
    }
    out.html.reserve(md.len() * 3 / 2);
    html::push_html(&mut out.html, events.into_iter());
    out
}

/// Give a heading its id: the one written (`{#id}`) or a slug of its text,
/// made unique on the page with `-1`, `-2`…
fn heading_id(start: &mut Event<'_>, text: &str, taken: &[String], prefix: &str) -> String {
    let Event::Start(Tag::Heading { id, .. }) = start else {
        return String::new();
    };
    let base = match id {
        Some(given) => given.to_string(),
        None => {
            let s = slugify(text);
            if s.is_empty() { "section".into() } else { s }
        }
    };
    let base = format!("{prefix}{base}");
    let mut unique = base.clone();
    let mut n = 1;
    while taken.contains(&unique) {
        unique = format!("{base}-{n}");
        n += 1;
    }
    *id = Some(CowStr::from(unique.clone()));
    unique
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(md: &str) -> Rendered {
        render(
            md,
            &|rel, anchor| {
                (rel == "chapters/a.md").then(|| match anchor {
                    Some(a) => format!("../a/index.html#{a}"),
                    None => "../a/index.html".to_string(),
                })
            },
            "",
        )
    }

    #[test]
    fn headings_get_unique_ids_and_a_toc() {
        let out = r("# Title\n\n## What to say\n\n### Before\n\n## What to say\n");
        assert_eq!(
            out.ids,
            vec!["title", "what-to-say", "before", "what-to-say-1"]
        );
        assert_eq!(out.toc.len(), 3);
        assert!(out.html.contains("<h2 id=\"what-to-say\">"), "{}", out.html);
    }

    #[test]
    fn resolves_internal_links_and_reports_broken_ones() {
        let out = r("See [a](@/chapters/a.md#checklist) and [b](@/chapters/b.md).");
        assert!(
            out.html.contains("href=\"../a/index.html#checklist\""),
            "{}",
            out.html
        );
        assert_eq!(out.links.len(), 2);
        assert!(out.links[0].resolved);
        assert!(!out.links[1].resolved);
        assert_eq!(out.links[1].offset, 39);
    }

    #[test]
    fn extensions() {
        let out = r(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~no~~ \"yes\"[^1]\n\n[^1]: Note.\n",
        );
        assert!(out.html.contains("<table>"));
        assert!(out.html.contains("checkbox"));
        assert!(out.html.contains("<del>no</del>"));
        assert!(out.html.contains("“yes”"));
        assert!(out.html.contains("footnote"));
    }
}
