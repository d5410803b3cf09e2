//! Markdown → HTML, with heading anchors, a table of contents, and `@/`
//! links resolved to relative URLs.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

use crate::render::sanitize;
use crate::text::{escape_html, slugify};

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
    let mut out = Rendered::default();
    let mut events: Vec<Event<'_>> = Vec::new();
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
    out
}

/// Footnotes, numbered in the order they are first met (as pulldown-cmark
/// numbers them), with ids of their own (`fn:1`, `fnref:1`, `fnref:1:2`)
/// that no heading slug can take, and links back to every reference.
#[derive(Default)]
struct Footnotes {
    numbers: HashMap<String, usize>,
    /// References so far, by footnote number.
    refs: HashMap<usize, usize>,
    /// Definitions being read: (number, index of their first event).
    open: Vec<(usize, usize)>,
    /// Where each definition's links back go: (number, event index).
    backrefs: Vec<(usize, usize)>,
}

impl Footnotes {
    fn number(&mut self, label: &str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(label.to_string()).or_insert(next)
    }

    /// The number of the footnote and which reference to it this is.
    fn reference(&mut self, label: &str) -> (usize, usize) {
        let n = self.number(label);
        let k = self.refs.entry(n).or_insert(0);
        *k += 1;
        (n, *k)
    }

    fn ref_id(prefix: &str, n: usize, k: usize) -> String {
        if k == 1 {
            format!("{prefix}fnref:{n}")
        } else {
            format!("{prefix}fnref:{n}:{k}")
        }
    }

    fn fill_backrefs(&self, events: &mut [Event<'_>], prefix: &str) {
        for &(n, at) in &self.backrefs {
            let count = self.refs.get(&n).copied().unwrap_or(0);
            let links: String = (1..=count)
                .map(|k| {
                    let id = Footnotes::ref_id(prefix, n, k);
                    let mark = if k == 1 { String::new() } else { format!("<sup>{k}</sup>") };
                    format!(" <a href=\"#{id}\" class=\"footnote-backref\" aria-label=\"Back to reference {n}\">↩{mark}</a>")
                })
                .collect();
            if let Some(e) = events.get_mut(at) {
                *e = Event::InlineHtml(CowStr::from(links));
            }
        }
    }
}

/// Heading ids given so far, and the next suffix to try for each.
#[derive(Default)]
struct Ids {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Ids {
    /// `base`, or `base-1`, `base-2`…: each suffix is tried once per base,
    /// so 3,000 identical headings cost 3,000 steps, not 4.5 million.
    fn unique(&mut self, base: String) -> String {
        let footnote = base.starts_with("fn:") || base.starts_with("fnref:");
        if !footnote && self.taken.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
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

/// Give a heading its id: the one written (`{#id}`, when it is made of
/// letters, digits, `-`, `_`, `.` and `:`; else a slug of it) or a slug of
/// its text, made unique on the page with `-1`, `-2`…
fn heading_id(start: &mut Event<'_>, text: &str, ids: &mut Ids, prefix: &str) -> String {
    let Event::Start(Tag::Heading { id, .. }) = start else {
        return String::new();
    };
    let safe = |s: &str| {
        !s.is_empty()
            && s.len() <= 200
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
    };
    let base = match id {
        Some(given) if safe(given) => given.to_string(),
        Some(given) => slugify(given),
        None => slugify(text),
    };
    let base = if base.is_empty() {
        "section".to_string()
    } else {
        base
    };
    let unique = ids.unique(format!("{prefix}{base}"));
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

    #[test]
    fn footnotes_have_ids_of_their_own_and_link_back() {
        let out = r("## Note\n\nText[^note] and again[^note].\n\n[^note]: A footnote.\n");
        assert!(out.html.contains("<h2 id=\"note\">"), "{}", out.html);
        assert!(out.html.contains("id=\"fn:1\""), "{}", out.html);
        assert!(out.html.contains("id=\"fnref:1\""), "{}", out.html);
        assert!(out.html.contains("id=\"fnref:1:2\""), "{}", out.html);
        assert!(
            out.html
                .contains("href=\"#fnref:1:2\" class=\"footnote-backref\""),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("↩<sup>2</sup></a></p>"),
            "links back end the note's paragraph: {}",
            out.html
        );
        assert_eq!(out.html.matches("id=\"note\"").count(), 1, "{}", out.html);
    }

    #[test]
    fn thousands_of_identical_headings_are_linear() {
        let md = "## Same\n\n".repeat(3000);
        let out = r(&md);
        assert_eq!(out.ids.len(), 3000);
        assert_eq!(out.ids[2999], "same-2999");
        let unique: HashSet<&String> = out.ids.iter().collect();
        assert_eq!(unique.len(), 3000);
        // A heading that looks like a suffix does not give a duplicate.
        let out = r("## A\n\n## A-1\n\n## A\n");
        assert_eq!(out.ids, vec!["a", "a-1", "a-2"]);
    }

    #[test]
    fn ids_and_attributes_cannot_break_out() {
        let out = r("## H {#x\"onfocus=\"alert(1)}\n\n## K {onclick=alert(2) .c}\n");
        assert!(!out.html.contains("onfocus="), "{}", out.html);
        assert!(!out.html.contains("onclick"), "{}", out.html);
        assert!(
            out.html.contains("id=\"x-onfocus-alert-1\""),
            "{}",
            out.html
        );
        assert!(!out.html.contains("\"#x\""), "{}", out.html);
        assert!(out.removed.iter().any(|r| r.what.contains("onclick")));
    }

    #[test]
    fn scripts_and_script_urls_never_reach_the_page() {
        let md = "[a](javascript:alert(1)) <JAVASCRIPT:alert(2)> ![i](vbscript:x)\n\n[r]\n\n[r]: jav&#x09;ascript:alert(3)\n\n<script>alert(4)</script>\n\nok <img src=x onerror=alert(5)>\n";
        let out = r(md);
        let html = out.html.to_lowercase();
        for bad in [
            "=\"javascript",
            "=\"jav",
            "=\"vbscript",
            "alert(4)",
            "onerror",
            "<script",
        ] {
            assert!(!html.contains(bad), "{bad}: {}", out.html);
        }
        assert_eq!(out.removed.len(), 6, "{:?}", out.removed);
        assert!(out.html.contains("<img src=\"x\">"), "{}", out.html);
    }
}
