//! Markdown → HTML, with heading anchors, a table of contents, and `@/`
//! links resolved to relative URLs.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

use crate::render::sanitize;

mod footnotes;
mod generic;
mod headings;
#[cfg(test)]
mod tests;

use crate::text::{escape_html, slugify};
use footnotes::Footnotes;
pub use generic::{Body, Generic};
use headings::{Ids, heading_id, sections};

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
    /// What the sanitiser removed, for warnings with file and line.
    pub removed: Vec<Removed>,
}

/// A construct of the Markdown text that does not reach the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// Byte offset in the Markdown text.
    pub offset: usize,
    /// What it was, never its value: "the `<script>` element".
    pub what: String,
}

/// The plain text under one heading (h1–h3), up to the next one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The heading's id; `None` for the text before the first heading.
    pub id: Option<String>,
    pub level: u8,
    pub heading: String,
    /// Shared, so that the search index holds the same text rather than a
    /// copy of every chapter's (14 MB at 10,000 pages).
    pub text: std::sync::Arc<str>,
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
/// the href of that place from the page being rendered. Heading and
/// footnote ids get `id_prefix` (for pages that hold several chapters).
///
/// What reaches the HTML is safe to show: links and images with a scheme
/// other than the allowed ones lose their URL, heading attributes other
/// than id and classes are dropped, and a text that holds raw HTML is run
/// through the sanitiser ([`sanitize::clean`]); every construct removed is
/// listed in [`Rendered::removed`] for a warning.
pub fn render(
    md: &str,
    resolve: &dyn Fn(&str, Option<&str>) -> Option<String>,
    id_prefix: &str,
) -> Rendered {
    render_with(md, resolve, id_prefix).0
}

/// [`render`], and whether the text holds raw HTML (then the sanitiser
/// has read the whole of it).
fn render_with(
    md: &str,
    resolve: &dyn Fn(&str, Option<&str>) -> Option<String>,
    id_prefix: &str,
) -> (Rendered, bool) {
    let mut out = Rendered::default();
    // Room for what a text makes, from its length (a Markdown event per
    // dozen bytes or so): grown by doubling instead, the events were
    // copied into each larger list (1% of a build's instructions).
    out.plain.reserve(md.len());
    let mut events: Vec<Event<'_>> = Vec::with_capacity(md.len() / 12 + 8);
    let mut heading: Option<(usize, HeadingLevel, String)> = None;
    // Where each h1–h3 starts in `plain`: (heading start, body start, id, level, title).
    let mut cuts: Vec<(usize, usize, String, u8, String)> = Vec::new();
    let mut heading_at = 0;
    let mut ids = Ids::default();
    let mut notes = Footnotes::default();
    let mut raw_html = false;
    // An HTML block's lines, scanned together (a tag may span lines).
    let mut html_block: Option<(usize, String)> = None;

    for (event, range) in Parser::new_ext(md, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                for (name, _) in &attrs {
                    out.removed.push(Removed {
                        offset: range.start,
                        what: format!("the `{name}` attribute of a heading"),
                    });
                }
                heading = Some((events.len(), level, String::new()));
                heading_at = out.plain.len();
                events.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, level, text)) = heading.take() {
                    let id = heading_id(&mut events[start], &text, &mut ids, id_prefix);
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
                        " <a class=\"heading-anchor\" href=\"#{}\" aria-label=\"Link to this section\">#</a>",
                        escape_html(&id)
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
            Event::Html(ref t) => {
                raw_html = true;
                html_block
                    .get_or_insert_with(|| (range.start, String::new()))
                    .1
                    .push_str(t);
                events.push(event);
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((at, text)) = html_block.take() {
                    out.removed
                        .extend(sanitize::scan(&text).into_iter().map(|f| Removed {
                            offset: at + f.at,
                            what: f.what,
                        }));
                }
                events.push(event);
            }
            Event::InlineHtml(ref t) => {
                raw_html = true;
                out.removed
                    .extend(sanitize::scan(t).into_iter().map(|f| Removed {
                        offset: range.start + f.at.min(range.len()),
                        what: f.what,
                    }));
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
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match sanitize::bad_url("a", "href", &dest_url) {
                    Some(why) => {
                        out.removed.push(Removed {
                            offset: range.start,
                            what: format!("{why} in a link"),
                        });
                        CowStr::from("#")
                    }
                    None => dest_url,
                };
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match sanitize::bad_url("img", "src", &dest_url) {
                    Some(why) => {
                        out.removed.push(Removed {
                            offset: range.start,
                            what: format!("{why} in an image"),
                        });
                        CowStr::from("")
                    }
                    None => dest_url,
                };
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::FootnoteReference(label) => {
                let (n, k) = notes.reference(&label);
                let back = Footnotes::ref_id(id_prefix, n, k);
                events.push(Event::InlineHtml(CowStr::from(format!(
                    "<sup class=\"footnote-reference\" id=\"{back}\"><a href=\"#{id_prefix}fn:{n}\">{n}</a></sup>"
                ))));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = notes.number(&label);
                events.push(Event::Html(CowStr::from(format!(
                    "<div class=\"footnote-definition\" id=\"{id_prefix}fn:{n}\"><sup class=\"footnote-definition-label\">{n}</sup>\n"
                ))));
                notes.open.push((n, events.len()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((n, from)) = notes.open.pop() {
                    // The links back go at the end of the note's last
                    // paragraph (filled in once every reference is known).
                    let at = events[from..]
                        .iter()
                        .rposition(|e| matches!(e, Event::End(TagEnd::Paragraph)))
                        .map_or(events.len(), |p| from + p);
                    events.insert(at, Event::InlineHtml(CowStr::from("")));
                    notes.backrefs.push((n, at));
                }
                events.push(Event::Html(CowStr::from("</div>\n")));
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
    notes.fill_backrefs(&mut events, id_prefix);
    out.html.reserve(md.len() * 3 / 2);
    html::push_html(&mut out.html, events.into_iter());
    if raw_html {
        out.html = sanitize::clean(&out.html);
    }
    out.sections = sections(&out.plain, cuts);
    (out, raw_html)
}

/// The words of a Markdown text, without markup or link targets: a line
/// for each paragraph, item, heading and table cell (as the rendered
/// page's plain text has them), so that words of neighbouring cells are
/// never read as one.
pub fn plain_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for event in Parser::new_ext(md, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell,
            ) => out.push('\n'),
            _ => {}
        }
    }
    out
}
