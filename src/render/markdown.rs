//! Markdown → HTML, with heading anchors, a table of contents, and `@/`
//! links resolved to relative URLs.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

use crate::text::slugify;

/// One entry of a page's table of contents (h2 and h3). (Hashed field by
/// field in `Renderer::print_key`: a field added here is added there.)
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
    /// `plain` cut at every h1–h3 heading, for search results that point at
    /// the section that matched.
    pub sections: Vec<Section>,
}

/// The plain text under one heading (h1–h3), up to the next one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The heading's id; `None` for the text before the first heading.
    pub id: Option<String>,
    pub level: u8,
    pub heading: String,
    pub text: String,
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
    // Where each h1–h3 starts in `plain`: (heading start, body start, id, level, title).
    let mut cuts: Vec<(usize, usize, String, u8, String)> = Vec::new();
    let mut heading_at = 0;

    for (event, range) in Parser::new_ext(md, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((events.len(), level, String::new()));
                heading_at = out.plain.len();
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
                    if lvl <= 3 {
                        let title = text.trim().to_string();
                        cuts.push((heading_at, out.plain.len() + 1, id, lvl, title));
                    }
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
    out.sections = sections(&out.plain, cuts);
    out
}

/// Cut `plain` at the headings found while rendering; the text before the
/// first heading is a section of its own when it holds any.
fn sections(plain: &str, cuts: Vec<(usize, usize, String, u8, String)>) -> Vec<Section> {
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let first = cuts.first().map_or(plain.len(), |c| c.0);
    if !plain[..first].trim().is_empty() {
        out.push(Section {
            text: plain[..first].trim().to_string(),
            ..Section::default()
        });
    }
    let ends: Vec<usize> = cuts.iter().skip(1).map(|c| c.0).collect();
    for (k, (_, body, id, level, heading)) in cuts.into_iter().enumerate() {
        let end = ends.get(k).copied().unwrap_or(plain.len());
        out.push(Section {
            id: Some(id),
            level,
            heading,
            text: plain[body.min(end)..end].trim().to_string(),
        });
    }
    out
}

/// The words of a Markdown text, without markup or link targets.
pub fn plain_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for event in Parser::new_ext(md, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push('\n'),
            _ => {}
        }
    }
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
    fn plain_text_is_cut_into_sections_at_h1_to_h3() {
        let out = r(
            "Intro *text*.\n\n## What to say\n\nSay it.\n\n#### Detail\n\nMore.\n\n### Before\n\nFirst.\n",
        );
        let s: Vec<(Option<&str>, &str, &str)> = out
            .sections
            .iter()
            .map(|s| (s.id.as_deref(), s.heading.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            s,
            vec![
                (None, "", "Intro text."),
                (Some("what-to-say"), "What to say", "Say it.\nDetail\nMore."),
                (Some("before"), "Before", "First."),
            ]
        );
        assert!(r("## Only\n\nText.\n").sections[0].id.is_some());
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
