//! `atom.xml`: the feed of new cases, for feed readers (Atom 1.0, RFC 4287).
//!
//! It is written only when `site.toml` sets `base_url`: a feed reader needs
//! absolute links, and without the site's address there are none to give
//! (`build` and `check` say so, with [`no_feed_note`]).
//!
//! An entry publishes what the case page does and no more: its title, its
//! lede, the exit date at the published precision (as the first instant of
//! that month, quarter or year), the reason and tags, and the scrubbed
//! summary as HTML. The feed is made from the published cases alone, so two
//! builds of the same handbook give the same bytes (no clock is read).

use std::path::Path;

use crate::anonymize::PublicCase;
use crate::anonymize::generalize::PublicDate;
use crate::config::{Config, DatePrecision};
use crate::diag::Diagnostic;

/// Where the feed is written, from the output's root.
pub const PATH: &str = "atom.xml";

/// The most entries the feed holds: the newest cases.
pub const LIMIT: usize = 50;

/// One case of the feed.
pub struct FeedEntry<'a> {
    pub case: &'a PublicCase,
    /// The case page's absolute URL.
    pub url: String,
    /// The summary as HTML, its links absolute; `None` without a summary.
    pub content: Option<String>,
}

/// The note of a run without `base_url`: no feed, and how to get one.
pub fn no_feed_note(site_toml: &Path) -> Diagnostic {
    Diagnostic::note(format!(
        "no feed is written: `base_url` is not set, and {PATH} needs the site's address for its links"
    ))
    .in_file(site_toml)
    .help(format!(
        "to publish {PATH}, the feed of new cases, set the published site's address in site.toml, e.g. base_url = \"https://handbook.example.com/\""
    ))
}

/// `base_url` ending in exactly one `/`, so that a path can follow it.
pub fn base(url: &str) -> String {
    format!("{}/", url.trim_end_matches('/'))
}

/// The absolute URL of `path` (as `Urls::path` writes it from the root).
pub fn absolute(base: &str, path: &str) -> String {
    format!("{base}{}", path.trim_start_matches("./"))
}

/// A published date as an RFC 3339 timestamp: the first instant of its
/// published period, in UTC (`2025-03` → `2025-03-01T00:00:00Z`).
pub fn timestamp(date: &PublicDate, precision: DatePrecision) -> String {
    let (y, m, d) = crate::render::insights::period_start(date, precision);
    format!("{y:04}-{m:02}-{d:02}T00:00:00Z")
}

/// The feed: `entries` newest first, at most [`LIMIT`] of them.
/// `alternate` is the absolute URL of the case library.
pub fn atom(config: &Config, base: &str, alternate: &str, entries: &[FeedEntry<'_>]) -> String {
    let p = config.anonymize.dates;
    let self_url = absolute(base, PATH);
    // The newest entry's date: the feed changes when a newer case comes.
    // A feed with no entry has not changed since the epoch.
    let updated = entries
        .iter()
        .map(|e| timestamp(&e.case.exit_date, p))
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let mut out = String::with_capacity(1024 + entries.len() * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml(&config.language)
    ));
    out.push_str(&format!(
        "  <title>{}: new cases</title>\n",
        xml(&config.title)
    ));
    if let Some(d) = &config.description {
        out.push_str(&format!("  <subtitle>{}</subtitle>\n", xml(d)));
    }
    out.push_str(&format!("  <id>{}</id>\n", xml(&self_url)));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml(&self_url)
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml(alternate)
    ));
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml(&config.title)
    ));
    out.push_str("  <generator>exitbook</generator>\n");
    for e in entries.iter().take(LIMIT) {
        let c = e.case;
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", xml(&c.title)));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml(&e.url)
        ));
        out.push_str(&format!("    <id>{}</id>\n", xml(&e.url)));
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            timestamp(&c.exit_date, p)
        ));
        out.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            xml(&c.reason),
            xml(&c.reason_label)
        ));
        for t in &c.tags {
            out.push_str(&format!("    <category term=\"{}\"/>\n", xml(t)));
        }
        out.push_str(&format!("    <summary>{}</summary>\n", xml(&c.lede)));
        if let Some(html) = &e.content {
            // Relative links in the summary lead where they do on its page.
            out.push_str(&format!(
                "    <content type=\"html\" xml:base=\"{}\">{}</content>\n",
                xml(&e.url),
                xml(html)
            ));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// Text for XML element content and attribute values: the five special
/// characters escaped, and the characters XML 1.0 does not allow dropped.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 31 March 2025 as published at `p` (see `anonymize::generalize::date`).
    fn published(p: DatePrecision) -> PublicDate {
        let key = 2025 * 10_000
            + match p {
                DatePrecision::Day => 331,
                DatePrecision::Month => 300,
                DatePrecision::Quarter => 300,
                DatePrecision::Year => 0,
            };
        PublicDate {
            text: String::new(),
            datetime: String::new(),
            key,
            precision: p,
        }
    }

    #[test]
    fn urls_and_timestamps() {
        assert_eq!(
            base("https://h.example.com/team"),
            "https://h.example.com/team/"
        );
        assert_eq!(base("https://h.example.com//"), "https://h.example.com/");
        assert_eq!(
            absolute("https://h.example.com/", "cases/x/index.html"),
            "https://h.example.com/cases/x/index.html"
        );
        assert_eq!(
            absolute("https://h.example.com/", "./"),
            "https://h.example.com/"
        );
        let at = |p| timestamp(&published(p), p);
        assert_eq!(at(DatePrecision::Day), "2025-03-31T00:00:00Z");
        assert_eq!(at(DatePrecision::Month), "2025-03-01T00:00:00Z");
        assert_eq!(at(DatePrecision::Quarter), "2025-01-01T00:00:00Z");
        assert_eq!(at(DatePrecision::Year), "2025-01-01T00:00:00Z");
    }

    #[test]
    fn text_is_escaped_and_invalid_characters_dropped() {
        assert_eq!(
            xml("<p>a & \"b\" 'c'</p>\u{0}\u{1b}"),
            "&lt;p&gt;a &amp; &quot;b&quot; &apos;c&apos;&lt;/p&gt;"
        );
    }
}
