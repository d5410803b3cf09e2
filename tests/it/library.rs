//! The case library (issue 16): cards, filters whose state is in the
//! address, and a page per facet value that works without JavaScript.
//! The expectations are computed from the records the handbook is made of.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::chromium::{chromium, drive, run_chromium};
use crate::common::{FACETS, Handbook, broken_links};

/// One record: (file stem, reason, who ended it, outcome, exit date,
/// industry, region, chapters, tags).
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

pub const RECORDS: &[Row] = &[
    (
        "late-pallets",
        "complaint",
        "client",
        "exited",
        "2025-03-31",
        "logistics",
        "Pacific Northwest",
        &["talk"],
        &["proofing", "events"],
    ),
    (
        "saved-by-a-call",
        "complaint",
        "us",
        "retained",
        "2025-01-15",
        "logistics",
        "Ontario",
        &["talk", "post"],
        &["proofing"],
    ),
    (
        "wrong-colours",
        "complaint",
        "client",
        "exited",
        "2024-11-02",
        "printing",
        "Ontario",
        &["post"],
        &["refund"],
    ),
    (
        "budget-freeze",
        "budget",
        "mutual",
        "exited",
        "2024-06-10",
        "healthcare",
        "Pacific Northwest",
        &[],
        &["refund"],
    ),
    (
        "paused-then-back",
        "budget",
        "client",
        "returned",
        "2023-09-01",
        "printing",
        "Bavaria",
        &["talk"],
        &[],
    ),
    (
        "cheaper-elsewhere",
        "price",
        "client",
        "exited",
        "2025-05-20",
        "logistics",
        "Bavaria",
        &["post"],
        &["events"],
    ),
    (
        "lost-the-tender",
        "competitor",
        "client",
        "exited",
        "2023-02-14",
        "healthcare",
        "Ontario",
        &["talk"],
        &["proofing"],
    ),
    (
        "we-let-go",
        "other",
        "us",
        "exited",
        "2024-08-08",
        "printing",
        "Pacific Northwest",
        &[],
        &[],
    ),
];

/// Client names: each record's own, never published.
const CLIENTS: &[&str] = &[
    "Quorvex Dynamics",
    "Brimtall Foods",
    "Castellor Vine",
    "Dunmarrow Press",
    "Elkfrith Labs",
    "Fenwaly Group",
    "Grellwick Farms",
    "Hollisbrand Tools",
];

fn record(k: usize, r: &Row) -> String {
    let (stem, reason, who, outcome, date, industry, region, chapters, tags) = *r;
    format!(
        "title: The {stem} case\nclient:\n  name: {}\n  industry: {industry}\n  region: {region}\nexit:\n  date: {date}\n  initiated_by: {who}\n  reason: {reason}\n  trigger: What ended the {stem} account, in *one* line.\nnegotiation:\n  asked_for: A refund of the last invoice.\n  offered: Half of it, and a call.\noutcome: {outcome}\nchapters: [{}]\ntags: [{}]\n",
        CLIENTS[k],
        chapters.join(", "),
        tags.join(", ")
    )
}

/// The handbook of [`RECORDS`], with two chapters, built, with
/// generalisation off so that every case keeps its industry and region.
pub fn library() -> Handbook {
    let h = Handbook::new()
        .with("site.toml", "title = \"Library test\"\n[anonymize]\nmin_group = 1\n")
        .with(
            "content/chapters/talk.md",
            "---\ntitle: The exit talk\norder: 1\nsummary: When a client says they are leaving.\n---\n\n## Listen\n\nText.\n",
        )
        .with(
            "content/chapters/post.md",
            "---\ntitle: The postmortem\norder: 2\nsummary: After the exit.\n---\n\n## Look back\n\nText.\n",
        );
    for (k, r) in RECORDS.iter().enumerate() {
        h.write(&format!("content/cases/{}.yaml", r.0), &record(k, r));
    }
    let run = h.run(&["build"]);
    run.ok();
    h
}

/// The value of facet `facet` of a record, as URLs write it.
fn values(r: &Row, facet: &str) -> Vec<String> {
    let slug = |s: &str| s.to_lowercase().replace(' ', "-");
    match facet {
        "reason" => vec![r.1.into()],
        "initiated-by" => vec![r.2.into()],
        "outcome" => vec![r.3.into()],
        "year" => vec![r.4[..4].into()],
        "industry" => vec![slug(r.5)],
        "region" => vec![slug(r.6)],
        "chapter" => r.7.iter().map(|s| s.to_string()).collect(),
        "tag" => r.8.iter().map(|s| s.to_string()).collect(),
        _ => unreachable!("no facet {facet}"),
    }
}

/// The records matching every (facet, value), newest first, by stem.
fn matching(filters: &[(&str, &str)]) -> Vec<String> {
    let mut rows: Vec<&Row> = RECORDS
        .iter()
        .filter(|r| {
            filters
                .iter()
                .all(|(f, v)| values(r, f).iter().any(|x| x == v))
        })
        .collect();
    rows.sort_by(|a, b| b.4.cmp(a.4));
    rows.iter().map(|r| r.0.to_string()).collect()
}

/// The case of each `data-case` element of a page, in order (its slug).
pub fn cases_in(html: &str) -> Vec<String> {
    html.split("data-case")
        .skip(1)
        .filter_map(|item| {
            let href = item.split("href=\"").nth(1)?.split('"').next()?;
            Some(
                href.trim_end_matches("index.html")
                    .trim_end_matches('/')
                    .rsplit('/')
                    .next()?
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn every_facet_value_has_a_page_listing_its_cases_newest_first() {
    let h = library();
    let mut pages = 0;
    for facet in FACETS {
        let all: BTreeSet<String> = RECORDS.iter().flat_map(|r| values(r, facet)).collect();
        for value in &all {
            let page = h.read(&format!("public/cases/{facet}/{value}/index.html"));
            assert_eq!(
                cases_in(&page),
                matching(&[(facet, value)]),
                "cases/{facet}/{value}/"
            );
            pages += 1;
        }
    }
    assert!(pages >= 25, "{pages} facet pages");
    // The library lists every case, newest first, each a card with a link.
    let library = h.read("public/cases/index.html");
    assert_eq!(cases_in(&library), matching(&[]));
    assert_eq!(broken_links(&h.path("public")), Vec::<String>::new());
}

#[test]
fn every_badge_and_tag_links_to_its_facet_page_with_one_label_per_value() {
    let h = library();
    for page in [
        "cases/index.html",
        "cases/late-pallets/index.html",
        "chapters/talk/index.html",
        "index.html",
    ] {
        let html = h.read(&format!("public/{page}"));
        for piece in html
            .split("class=\"badge")
            .skip(1)
            .chain(html.split("class=\"tag\"").skip(1))
        {
            let tag = piece.split('>').next().unwrap();
            // (`badges`, `badge-key`: not a badge; an action's status is no facet.)
            if !piece.starts_with([' ', '"']) || piece.starts_with(" status-") {
                continue;
            }
            assert!(
                tag.contains("href=\""),
                "{page}: a badge or tag without a link: {tag}"
            );
            assert!(tag.contains("cases/"), "{page}: {tag}");
        }
        // Labels, never the values records are written with.
        for raw in [
            ">exited<",
            ">retained<",
            ">returned<",
            ">bad-fit<",
            ">complaint<",
            ">client<",
            ">mutual<",
        ] {
            assert!(!html.contains(raw), "{page} shows a raw value {raw}");
        }
    }
    let case = h.read("public/cases/saved-by-a-call/index.html");
    let library = h.read("public/cases/index.html");
    for html in [&case, &library] {
        assert!(html.contains(">Stayed</a>"), "one label for `retained`");
    }
    // The card shows the trigger as one line of text, and the chapters.
    assert!(
        library.contains("What ended the late-pallets account, in one line."),
        "{library}"
    );
    assert!(library.contains(">The exit talk</a>"));
    // Case pages: the case before and after in the library, and more like it.
    assert!(case.contains("rel=\"prev\"") && case.contains("rel=\"next\""));
    let similar = case
        .split("id=\"similar\"")
        .nth(1)
        .expect("more cases like this");
    let similar = cases_in(similar.split("</section>").next().unwrap());
    assert!(
        !similar.is_empty() && !similar.contains(&"saved-by-a-call".to_string()),
        "{similar:?}"
    );
}

/// The cases a page shows in the browser: `[data-case]` not hidden.
const SHOWN: &str = r#"
const shown = () => Array.from(h.doc().querySelectorAll('[data-case]'))
  .filter(c => !c.hidden && c.getClientRects().length > 0)
  .map(c => c.querySelector('a[href]').getAttribute('href').replace(/\/(index\.html)?$/, '').split('/').pop());
"#;

#[test]
fn the_library_filtered_by_its_address_shows_exactly_the_matching_cases() {
    let Some(bin) = chromium() else { return };
    let h = library();
    let site = h.path("public");
    let out = drive(
        &bin,
        &site,
        None,
        false,
        &format!(
            r#"{SHOWN}
await h.open('cases/index.html?reason=complaint&outcome=exited');
h.record('complaint_exited', shown());
h.record('count', h.doc().querySelector('[data-library-count]').textContent);
h.record('form_shown', !h.doc().querySelector('[data-library-filters]').hidden);
const outcome = h.doc().querySelector('select[name=outcome]');
outcome.value = 'retained';
outcome.dispatchEvent(new Event('change', {{ bubbles: true }}));
h.record('complaint_retained', shown());
h.record('address', h.frame.contentWindow.location.search);
await h.open('cases/index.html?tag=events&sort=oldest');
h.record('events_oldest', shown());
await h.open('cases/index.html?chapter=post&region=ontario');
h.record('post_ontario', shown());
await h.open('cases/index.html?industry=printing&sort=title');
h.record('printing_by_title', shown());
await h.open('cases/index.html?reason=nothing-like-this');
h.record('nothing', shown());
h.record('none_said', !h.doc().querySelector('[data-none]').hidden);
h.doc().querySelector('[data-clear]').click();
h.record('cleared', shown().length);
h.record('cleared_address', h.frame.contentWindow.location.search);
"#
        ),
    );
    let list = |k: &str| -> Vec<String> {
        out[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let expected = matching(&[("reason", "complaint"), ("outcome", "exited")]);
    assert_eq!(list("complaint_exited"), expected);
    assert_eq!(
        out["count"],
        format!("Showing {} of {} cases", expected.len(), RECORDS.len())
    );
    assert_eq!(out["form_shown"], true);
    assert_eq!(
        list("complaint_retained"),
        matching(&[("reason", "complaint"), ("outcome", "retained")])
    );
    assert_eq!(
        out["address"], "?reason=complaint&outcome=retained",
        "the filter is in the address"
    );
    let mut oldest = matching(&[("tag", "events")]);
    oldest.reverse();
    assert_eq!(list("events_oldest"), oldest);
    assert_eq!(
        list("post_ontario"),
        matching(&[("chapter", "post"), ("region", "ontario")])
    );
    let mut by_title = matching(&[("industry", "printing")]);
    by_title.sort();
    assert_eq!(list("printing_by_title"), by_title);
    assert_eq!(list("nothing"), Vec::<String>::new());
    assert_eq!(out["none_said"], true);
    assert_eq!(out["cleared"], RECORDS.len());
    assert_eq!(out["cleared_address"], "");
}

/// The DOM of `page` of `site` as Chromium shows it with no script run: a
/// copy beside it whose policy forbids every script (headless Chromium's
/// own switches either still run them or print nothing).
pub fn dom_without_scripts(bin: &Path, site: &Path, page: &str) -> String {
    let html = std::fs::read_to_string(site.join(page)).expect("the page");
    let blocked = html.replacen(
        "<head>",
        "<head><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'\">",
        1,
    );
    let copy = site.join(page).with_file_name("no-script.html");
    std::fs::write(&copy, blocked).expect("write");
    let dom = run_chromium(bin, &["--dump-dom"], &format!("file://{}", copy.display()));
    let _ = std::fs::remove_file(&copy);
    assert!(dom.contains("</html>"), "Chromium showed {page}");
    dom
}

#[test]
fn without_javascript_the_library_and_facet_pages_list_their_cases() {
    let Some(bin) = chromium() else { return };
    let h = library();
    let site = h.path("public");
    let dom = |page: &str| dom_without_scripts(&bin, &site, page);
    // A script would show the filters: proof that none ran.
    assert!(dom("cases/index.html").contains("data-library-filters=\"\" hidden=\"\""));
    // The address's filters need the script: without it, the full list.
    let all = dom("cases/index.html");
    assert_eq!(cases_in(&all), matching(&[]));
    assert!(!all.contains("data-case hidden") && !all.contains("data-case=\"\" hidden"));
    for (facet, value) in [
        ("reason", "complaint"),
        ("tag", "proofing"),
        ("year", "2024"),
        ("initiated-by", "us"),
    ] {
        let page = dom(&format!("cases/{facet}/{value}/index.html"));
        assert_eq!(
            cases_in(&page),
            matching(&[(facet, value)]),
            "{facet}/{value}"
        );
    }
}

#[test]
fn every_card_names_its_client_by_pseudonym() {
    let h = library();
    let list = h.read("public/cases/index.html");
    for (stem, ..) in RECORDS.iter().take(3) {
        let shown = h.run(&["check", "--show", stem]);
        let v: serde_json::Value = serde_json::from_str(&shown.ok().stdout).expect("JSON");
        let (client, slug) = (
            v["client"].as_str().unwrap_or(""),
            v["slug"].as_str().unwrap_or(""),
        );
        assert!(
            !client.is_empty(),
            "check --show gives the client's pseudonym"
        );
        let card = list
            .split("<li class=\"case-card\"")
            .find(|c| c.contains(&format!("{slug}/")))
            .expect("the case has a card");
        assert!(
            card.contains(&format!("<span class=\"client\">{client}</span>")),
            "the card of {slug} names its client by pseudonym"
        );
    }
}

#[test]
fn the_library_says_its_count_once_and_the_filtered_one_with_a_script() {
    let Some(bin) = chromium() else { return };
    let h = library();
    let site = h.path("public");
    let out = drive(
        &bin,
        &site,
        None,
        false,
        r#"
const counts = () => h.doc().body.innerText.match(/(Showing )?\d+ (of \d+ )?(client exits|cases)/g) || [];
await h.open('cases/index.html?reason=complaint');
h.record('filtered', counts());
await h.open('cases/index.html');
h.record('all', counts());
"#,
    );
    let n = matching(&[("reason", "complaint")]).len();
    let total = RECORDS.len();
    assert_eq!(
        out["filtered"],
        serde_json::json!([format!("Showing {n} of {total} cases")])
    );
    assert_eq!(
        out["all"],
        serde_json::json!([format!("Showing {total} of {total} cases")])
    );
    // Without a script, the page's own count.
    let dom = dom_without_scripts(&bin, &site, "cases/index.html");
    assert!(dom.contains(&format!(">{total} cases<")), "{dom}");
}

#[test]
fn facet_pages_and_tags_show_readable_labels_and_keep_their_slugs() {
    let h = Handbook::new()
        .with("site.toml", "title = \"Labels\"\n[anonymize]\nmin_group = 1\n")
        .with(
            "content/chapters/talk.md",
            "---\ntitle: The talk\ntags: [done-badly, proofing]\n---\n\nText.\n",
        )
        .with(
            "content/cases/handover.yaml",
            "title: A new director\nclient:\n  name: Quorvex Dynamics\n  industry: industrial\n  region: western Europe\nexit:\n  date: 2025-03-31\n  initiated_by: client\n  reason: complaint\noutcome: exited\nchapters: [talk]\ntags: [leadership-change, done-badly, SaaS, Big move]\n",
        );
    h.build().ok();
    let h1 = |page: &str| {
        let html = h.read(&format!("public/cases/{page}/index.html"));
        let title = html
            .split("<title>")
            .nth(1)
            .unwrap()
            .split(" · ")
            .next()
            .unwrap()
            .to_string();
        let h1 = html
            .split("<h1>")
            .nth(1)
            .unwrap()
            .split("</h1>")
            .next()
            .unwrap()
            .to_string();
        (title, h1)
    };
    let pair = |t: &str, h: &str| (t.to_string(), h.to_string());
    assert_eq!(
        h1("industry/industrial"),
        pair("Industry: Industrial", "Industrial")
    );
    assert_eq!(
        h1("region/western-europe"),
        pair("Region: Western Europe", "Western Europe")
    );
    assert_eq!(h1("tag/done-badly"), pair("Tag: Done badly", "Done badly"));
    assert_eq!(
        h1("tag/leadership-change"),
        pair("Tag: Leadership change", "Leadership change")
    );
    // Written otherwise, a tag is shown as written (its first letter up).
    assert_eq!(h1("tag/saas"), pair("Tag: SaaS", "SaaS"));
    assert_eq!(h1("tag/big-move"), pair("Tag: Big move", "Big move"));
    // Tags on a case and on a chapter read as words, linking to their slugs.
    let case = h.read("public/cases/handover/index.html");
    assert!(
        case.contains(
            "href=\"../../cases/tag/leadership-change/index.html\">leadership change</a>"
        ),
        "{case}"
    );
    assert!(!case.contains(">#leadership-change<") && !case.contains(">leadership-change<"));
    let talk = h.read("public/chapters/talk/index.html");
    assert!(
        talk.contains("href=\"../../cases/tag/done-badly/index.html\">done badly</a>"),
        "{talk}"
    );
    // The library's filters list the labels, with the slugs as values.
    let library = h.read("public/cases/index.html");
    assert!(
        library.contains("<option value=\"leadership-change\">Leadership change (1)</option>"),
        "{library}"
    );
    assert!(library.contains("<option value=\"industrial\">Industrial (1)</option>"));
}
