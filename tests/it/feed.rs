//! `atom.xml`, the feed of new cases: written only with `base_url`, valid
//! Atom with absolute links, newest first, nothing a case page does not
//! publish; without `base_url`, `check` and `build` say why there is none.

use crate::common::{CHAPTER, Handbook, RECORD};
use quick_xml::events::Event;

const BASE: &str = "https://handbook.example.com/team";

/// What a feed reader takes from an entry.
#[derive(Debug, Default, Clone)]
struct Entry {
    title: String,
    link: String,
    id: String,
    updated: String,
    content: String,
}

/// The feed's own fields and its entries. Panics unless the text is
/// well-formed XML (every element closed in order, one root, only the
/// predefined entities) with an Atom `<feed>` as its root.
struct Feed {
    id: String,
    updated: String,
    links: Vec<(String, String)>,
    entries: Vec<Entry>,
}

fn parse(xml: &str) -> Feed {
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut feed = Feed {
        id: String::new(),
        updated: String::new(),
        links: Vec::new(),
        entries: Vec::new(),
    };
    let mut text = String::new();
    loop {
        let event = reader.read_event().expect("well-formed XML");
        match event {
            Event::Start(e) | Event::Empty(e) if stack.is_empty() && roots > 0 => {
                panic!("a second root element {:?}", e.name())
            }
            Event::Start(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if stack.is_empty() {
                    roots += 1;
                    assert_eq!(name, "feed");
                    let ns = e
                        .try_get_attribute("xmlns")
                        .unwrap()
                        .expect("a namespace")
                        .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .unwrap()
                        .into_owned();
                    assert_eq!(ns, "http://www.w3.org/2005/Atom");
                }
                if name == "entry" {
                    feed.entries.push(Entry::default());
                }
                stack.push(name);
                text.clear();
            }
            Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if name == "link" {
                    let attr = |a: &str| {
                        e.try_get_attribute(a)
                            .unwrap()
                            .map(|v| {
                                v.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                                    .unwrap()
                                    .into_owned()
                            })
                            .unwrap_or_default()
                    };
                    let (rel, href) = (attr("rel"), attr("href"));
                    if stack.last().map(String::as_str) == Some("entry") {
                        feed.entries.last_mut().unwrap().link = href;
                    } else {
                        feed.links.push((rel, href));
                    }
                }
            }
            Event::Text(t) => text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) => {
                let name = r.decode().unwrap().into_owned();
                text.push_str(match name.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("an undefined entity &{other};"),
                });
            }
            Event::End(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                assert_eq!(stack.pop().as_deref(), Some(name.as_str()), "nesting");
                let parent = stack.last().map(String::as_str);
                let value = std::mem::take(&mut text);
                match (parent, name.as_str()) {
                    (Some("feed"), "id") => feed.id = value,
                    (Some("feed"), "updated") => feed.updated = value,
                    (Some("entry"), field) => {
                        let e = feed.entries.last_mut().unwrap();
                        match field {
                            "title" => e.title = value,
                            "id" => e.id = value,
                            "updated" => e.updated = value,
                            "content" => e.content = value,
                            _ => {}
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    assert_eq!(roots, 1);
    feed
}

/// `2025-03-01T00:00:00Z`: a valid RFC 3339 timestamp in UTC.
fn is_rfc3339(t: &str) -> bool {
    let b = t.as_bytes();
    t.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
        && (1..=12).contains(&t[5..7].parse::<u32>().unwrap())
        && (1..=31).contains(&t[8..10].parse::<u32>().unwrap())
}

fn case(title: &str, date: &str, summary: &str) -> String {
    RECORD
        .replace("Late proofs and a lost retainer", title)
        .replace("2025-03-31", date)
        .replace(
            "  reason: complaint\n",
            &format!("  reason: complaint\n  summary: \"{summary}\"\n"),
        )
}

fn three() -> Handbook {
    Handbook::new()
        .with("content/chapters/postmortems.md", CHAPTER)
        .with(
            "content/cases/middle.yaml",
            &case(
                "Middle case",
                "2025-03-31",
                "Dana Whitfield called; see [the postmortem](@/chapters/postmortems.md#why).",
            ),
        )
        .with(
            "content/cases/newest.yaml",
            &case(
                "Newest case",
                "2026-02-01",
                "Harbor Freight Logistics left *fast* & quietly.",
            ),
        )
        .with(
            "content/cases/oldest.yaml",
            &case("Oldest case", "2023-01-15", "An old story."),
        )
}

#[test]
fn without_base_url_no_feed_is_written_and_check_not_build_says_so() {
    let h = three();
    let b = h.build();
    // `build` builds; the setup reminder is `check`'s.
    b.ok();
    assert!(!b.stderr.contains("no feed"), "{}", b.stderr);
    assert!(!h.exists("public/atom.xml"));
    assert!(
        !h.read("public/index.html").contains("application/atom+xml"),
        "no link to a feed that is not there"
    );
    let c = h.run(&["check"]);
    c.ok()
        .says("note: no feed is written")
        .says("site.toml")
        .says("set the published site's address in site.toml, e.g. base_url = ");
    // It is a note, not a warning (the example handbook builds without
    // warnings), and JSON output carries it too.
    let j = h.run(&["check", "--format", "json"]);
    j.ok();
    let note = j
        .stderr
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|d| d["message"].as_str().unwrap().contains("no feed"))
        .expect("the note in JSON");
    assert_eq!(note["severity"], "note");
    assert_eq!(note["file"], "site.toml");

    // With base_url, nothing is said.
    h.write(
        "site.toml",
        &format!("title = \"T\"\nbase_url = \"{BASE}\"\n"),
    );
    let c = h.run(&["check"]);
    c.ok();
    assert!(!c.stderr.contains("no feed"), "{}", c.stderr);
    let b = h.build();
    b.ok();
    assert!(!b.stderr.contains("no feed"), "{}", b.stderr);
    assert!(h.exists("public/atom.xml"));
}

#[test]
fn the_feed_lists_cases_newest_first_with_absolute_links() {
    let h = three().with(
        "site.toml",
        // One case a year: no groups to hide in (k-anonymity is quasi.rs's).
        &format!(
            "title = \"Losing <clients> & well\"\nbase_url = \"{BASE}\"\n[anonymize]\nmin_group = 1\n"
        ),
    );
    h.build().ok();
    let xml = h.read("public/atom.xml");
    let feed = parse(&xml);
    assert_eq!(feed.id, format!("{BASE}/atom.xml"));
    assert!(
        feed.links
            .contains(&("self".into(), format!("{BASE}/atom.xml"))),
        "{:?}",
        feed.links
    );
    assert!(
        feed.links
            .contains(&("alternate".into(), format!("{BASE}/cases/index.html"))),
        "{:?}",
        feed.links
    );
    let titles: Vec<&str> = feed.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Newest case", "Middle case", "Oldest case"]);
    let updated: Vec<&str> = feed.entries.iter().map(|e| e.updated.as_str()).collect();
    // Dates at the published precision (the month), as RFC 3339 instants.
    assert_eq!(
        updated,
        [
            "2026-02-01T00:00:00Z",
            "2025-03-01T00:00:00Z",
            "2023-01-01T00:00:00Z"
        ]
    );
    assert!(feed.entries.iter().all(|e| is_rfc3339(&e.updated)));
    assert_eq!(feed.updated, "2026-02-01T00:00:00Z");
    for e in &feed.entries {
        let path = e
            .link
            .strip_prefix(&format!("{BASE}/"))
            .unwrap_or_else(|| panic!("{} is not absolute under {BASE}", e.link));
        assert!(
            h.exists(&format!("public/{path}")),
            "{} leads nowhere",
            e.link
        );
        assert_eq!(e.id, e.link);
    }
    assert_eq!(
        feed.entries[0].link,
        format!("{BASE}/cases/newest/index.html")
    );
    // The content is the published summary as HTML (escaped in the XML,
    // unescaped by the parser): stand-ins for names, links made absolute.
    let newest = &feed.entries[0].content;
    assert!(newest.contains("Client "), "{newest}");
    assert!(newest.contains("<em>fast</em> &amp; quietly"), "{newest}");
    let middle = &feed.entries[1].content;
    assert!(
        middle.contains("The Operations Director called"),
        "{middle}"
    );
    assert!(
        middle.contains(&format!(
            "href=\"{BASE}/chapters/postmortems/index.html#why\""
        )),
        "{middle}"
    );
    assert!(xml.contains("<title>Losing &lt;clients&gt; &amp; well: new cases</title>"));
    let lower = xml.to_lowercase();
    for secret in [
        "harbor",
        "freight",
        "dana",
        "whitfield",
        "priya",
        "2025-03-31",
    ] {
        assert!(
            !lower.contains(secret),
            "the feed publishes a sensitive value"
        );
    }

    // Every page names the feed, by a relative link.
    let case = h.read("public/cases/newest/index.html");
    assert!(
        case.contains(r#"<link rel="alternate" type="application/atom+xml" title="Losing &lt;clients&gt; &amp; well: new cases" href="../../atom.xml">"#),
        "{case}"
    );
    assert!(h.read("public/index.html").contains("href=\"./atom.xml\""));

    // Pretty URLs: links end in `/`; a base with a trailing slash is the same.
    h.write(
        "site.toml",
        &format!(
            "title = \"T\"\npretty_urls = true\nbase_url = \"{BASE}/\"\n[anonymize]\nmin_group = 1\n"
        ),
    );
    h.build().ok();
    let feed = parse(&h.read("public/atom.xml"));
    assert_eq!(feed.entries[0].link, format!("{BASE}/cases/newest/"));
    assert!(
        feed.links
            .contains(&("alternate".into(), format!("{BASE}/cases/")))
    );
}

#[test]
fn the_feed_holds_the_newest_fifty_cases() {
    let mut h = Handbook::new()
        .with("content/chapters/postmortems.md", CHAPTER)
        .with(
            "site.toml",
            &format!(
                "title = \"T\"\nbase_url = \"{BASE}\"\n[anonymize]\ndates = \"day\"\nmin_group = 1\n"
            ),
        );
    for i in 0..55 {
        let date = format!("20{:02}-{:02}-{:02}", 20 + i / 12, i % 12 + 1, i % 28 + 1);
        h = h.with(
            &format!("content/cases/c{i:02}.yaml"),
            &case(&format!("Case {i:02}"), &date, "A story."),
        );
    }
    h.build().ok();
    let feed = parse(&h.read("public/atom.xml"));
    assert_eq!(feed.entries.len(), 50);
    assert_eq!(feed.entries[0].title, "Case 54");
    assert_eq!(feed.entries[49].title, "Case 05");
    // Published to the day: the day is kept.
    assert_eq!(feed.entries[0].updated, "2024-07-27T00:00:00Z");
    let mut sorted = feed.entries.clone();
    sorted.sort_by(|a, b| b.updated.cmp(&a.updated));
    assert_eq!(
        sorted.iter().map(|e| &e.title).collect::<Vec<_>>(),
        feed.entries.iter().map(|e| &e.title).collect::<Vec<_>>()
    );
}
