//! Search (issue 5): the index `build` writes, and the search page and box
//! in real headless Chromium, opened from disk and served over HTTP.
//!
//! Browser steps drive the real page inside an iframe of a driver page
//! (tests/it/common/chromium.rs): they type into the real input (value and an
//! `input` event), dispatch real keydown events, and wait for
//! `data-search-state="done"` with a MutationObserver — never a timer.
//! Each test is one Chromium launch, or two; they batch many checks.

use std::path::{Path, PathBuf};

use crate::common::chromium::{chromium, drive, serve};
use crate::common::{Handbook, RECORD, run_in};
use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file of the built index, as text.
fn index_files(site: &Path) -> Vec<(String, String)> {
    crate::common::snapshot(&site.join("search"))
        .into_iter()
        .filter(|(p, _)| p.ends_with(".js"))
        .map(|(p, b)| (p, String::from_utf8(b).expect("the index is UTF-8 text")))
        .collect()
}

#[test]
fn the_index_holds_only_what_pages_publish() {
    // The record's narrative is published (anonymized) and indexed; its
    // names, replaced on the page, must be nowhere in the index either.
    let record = RECORD.replace(
        "  reason: complaint\n",
        "  reason: complaint\n  summary: Dana called about the quokkalicious proofs.\n",
    );
    let h = Handbook::basic().with("content/cases/late-proofs.yaml", &record);
    h.build().ok();
    let files = index_files(&h.path("public"));
    let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert!(names.contains(&"meta.js"), "search/meta.js in {names:?}");
    assert!(names.contains(&"v/re.js"), "search/v/re.js in {names:?}");
    for kind in ["t/", "y/", "d/"] {
        assert!(
            names.iter().any(|n| n.starts_with(kind)),
            "search/{kind}… in {names:?}"
        );
    }
    let all: String = files
        .iter()
        .map(|(_, t)| t.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        all.contains("quokkalicious"),
        "the published narrative is searchable"
    );
    assert!(all.contains("operations director"), "with its stand-ins");
    for secret in ["dana", "whitfield", "harbor", "priya", "natarajan", "555"] {
        assert!(!all.contains(secret), "the index holds `{secret}`");
    }
    // What the pages show is there: the case's title and the chapter's text.
    assert!(all.contains("late proofs and a lost retainer"));
    assert!(all.contains("\"checklist\""), "the heading's term");
    for (path, text) in &files {
        assert!(
            text.starts_with(&format!(
                "exitbookSearch.load(\"{}\", ",
                path.trim_end_matches(".js")
            )),
            "{path} is a classic script naming itself"
        );
    }
}

#[test]
fn a_chapters_title_summary_and_tags_are_indexed_as_published() {
    // A client's name in a chapter's front matter is replaced on the page;
    // search indexes the page's words, not the file's.
    let h = Handbook::basic().with(
        "content/chapters/lessons.md",
        "---\ntitle: What Harbor Freight Logistics taught us\nsummary: Harbor Freight Logistics left after a complaint.\ntags: [Harbor Freight Logistics, proofing]\n---\n\nText.\n",
    );
    h.build().ok();
    let all: String = index_files(&h.path("public"))
        .iter()
        .map(|(_, t)| t.to_lowercase())
        .collect();
    assert!(all.contains("taught"), "the chapter is indexed");
    assert!(all.contains("proofing"), "with its tags");
    for secret in ["harbor", "freight"] {
        assert!(
            !all.contains(secret),
            "a client's name from a chapter's front matter is in the index"
        );
    }
}

#[test]
fn the_leak_check_reads_the_index_too() {
    // With the scrubber made to skip the client's name (a debug-only test
    // hook), a chapter naming the client fails the build, and the index
    // files that would carry the name are among those reported.
    let h = Handbook::basic().with(
        "content/chapters/leaky.md",
        "---\ntitle: Leaky\n---\n\n## Story\n\nWe lost Harbor Freight Logistics last spring.\n",
    );
    let out = crate::common::exitbook()
        .arg("build")
        .current_dir(h.dir.path())
        .env("EXITBOOK_TEST_SKIP_REPLACEMENT", "client.name")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the output file `search/d/")
            && stderr.contains("` would publish `client.name`"),
        "{stderr}"
    );
    assert!(!h.exists("public"), "nothing was published");
}

#[test]
fn the_index_is_readable_text_and_folds_accents() {
    let h = Handbook::basic().with(
        "content/chapters/postmortems.pl.md",
        "---\ntitle: Analiza po odejściu klienta\n---\n\n## Zakończenie współpracy\n\nŁódź, Straße.\n",
    );
    h.build().ok();
    let files = index_files(&h.path("public"));
    let text = |prefix: &str| -> String {
        files
            .iter()
            .filter(|(p, _)| p.starts_with(prefix))
            .map(|(_, t)| t.clone())
            .collect()
    };
    // Terms are folded; the text shown keeps its letters, unescaped.
    let terms = text("t/");
    for t in [
        "\"zakonczenie\"",
        "\"wspolpracy\"",
        "\"lodz\"",
        "\"strasse\"",
    ] {
        assert!(terms.contains(t), "{t} in the terms");
    }
    let shown = text("d/");
    assert!(shown.contains("Zakończenie współpracy"), "{shown}");
    assert!(shown.contains("\"pl/chapters/postmortems/index.html\""));
    assert!(
        shown.contains("\"zakończenie-współpracy\""),
        "the section's anchor"
    );
}

#[test]
fn every_page_has_a_search_box_with_relative_links() {
    let h = Handbook::basic();
    h.build().ok();
    let chapter = h.read("public/chapters/postmortems/index.html");
    assert!(
        chapter.contains("action=\"../../search/index.html\""),
        "{chapter}"
    );
    assert!(chapter.contains("src=\"../../assets/search.js\" data-root=\"../../\""));
    let home = h.read("public/index.html");
    assert!(home.contains("action=\"search/index.html\""));
    assert!(home.contains("data-root=\"./\""));
    let search = h.read("public/search/index.html");
    assert!(search.contains("data-search-results"));
    assert!(
        search.contains("<option value=\"complaint\">"),
        "the filters list values"
    );
    assert!(h.exists("public/assets/search.js"));
    // With pretty URLs, links end in the folder.
    h.write("site.toml", "title = \"T\"\npretty_urls = true\n");
    h.build().ok();
    let chapter = h.read("public/chapters/postmortems/index.html");
    assert!(chapter.contains("action=\"../../search/\""), "{chapter}");
    let texts: String = index_files(&h.path("public"))
        .into_iter()
        .filter(|(p, _)| p.starts_with("d/"))
        .map(|(_, t)| t)
        .collect();
    assert!(texts.contains("\"chapters/postmortems/\""), "{texts}");
}

/// The example handbook, built into a temporary folder.
fn example_site() -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    run_in(repo(), &["build", "-o", site.to_str().unwrap()]).ok();
    (out, site)
}

fn hrefs(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("a list of results: {v}"))
        .iter()
        .map(|r| r["href"].as_str().unwrap_or("").to_string())
        .collect()
}

/// A result link from the search page names a file of the site, and its
/// `#section` an id in it.
fn assert_resolves(site: &Path, href: &str) {
    let (path, anchor) = href.split_once('#').unwrap_or((href, ""));
    let file = site.join("search").join(path);
    let html = std::fs::read_to_string(&file)
        .unwrap_or_else(|_| panic!("{href}: no file {}", file.display()));
    if !anchor.is_empty() {
        assert!(html.contains(&format!("id=\"{anchor}\"")), "{href}: no id");
    }
}

/// What the search page and box do; run over file:// and over HTTP.
const BEHAVIOUR: &str = r#"
const lum = c => {
  const m = c.match(/[\d.]+/g).map(Number);
  const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(m[0]) + 0.7152 * f(m[1]) + 0.0722 * f(m[2]);
};
const bg = (win, el) => {
  for (; el; el = el.parentElement) {
    const a = win.getComputedStyle(el).backgroundColor.match(/[\d.]+/g);
    if (a && (a.length < 4 || Number(a[3]) > 0.5)) return win.getComputedStyle(el).backgroundColor;
  }
  return 'rgb(255,255,255)';
};
// Text under 4.5:1 among what search shows, and sideways scrolling.
const problems = () => {
  const d = h.doc(), win = h.frame.contentWindow, out = [];
  if (d.documentElement.scrollWidth > d.documentElement.clientWidth + 1) out.push('scrolls sideways');
  for (const el of d.querySelectorAll('.search-result a, .search-result p, mark, .search-status, .search-all, .search-filters label, select, input')) {
    if (el.offsetParent === null) continue;
    const s = win.getComputedStyle(el), l1 = lum(s.color), l2 = lum(bg(win, el));
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    if (ratio < 4.5) out.push(`low contrast ${ratio.toFixed(2)} for ${el.tagName} ${el.className}`);
  }
  return out;
};

let doc = await h.open('search/index.html?q=refund');
let list = h.list();
await h.done(list);
h.record('refund', h.results(list));
h.record('refund_input', doc.getElementById('search-q').value);
const input = doc.getElementById('search-q');
const typed = async text => { h.type(input, text); await h.done(list); return h.results(list); };
h.record('prefix', await typed('postmor'));
h.record('typo', await typed('refnud'));
h.record('typo2', await typed('negociasion'));
h.record('phrase', await typed('"leave the door open"'));
h.record('apart', await typed('"door refund"'));
h.record('words', await typed('door refund'));
h.record('polish', await typed('zakonczenie wspolpracy'));
h.record('none', await typed('xyzzy plugh'));
h.record('none_status', doc.getElementById('search-status').textContent);
h.record('url', h.frame.contentWindow.location.search);
// More results than fit: ten, then the rest on request.
const more = doc.querySelector('[data-search-more]');
const first10 = (await typed('client')).length;
h.record('more', [first10, more.hidden]);
more.click(); await h.done(list);
h.record('more_after', [h.results(list).length, more.hidden, doc.getElementById('search-status').textContent]);

// Keyboard: down into the results, down, up, up back to the box, Escape clears.
await typed('refund');
const seen = [];
h.key(input, 'ArrowDown'); seen.push(h.active());
h.key(doc.activeElement, 'ArrowDown'); seen.push(h.active());
h.key(doc.activeElement, 'ArrowUp'); seen.push(h.active());
h.key(doc.activeElement, 'ArrowUp'); seen.push(h.active());
h.key(input, 'Escape'); await h.done(list);
seen.push(input.value, h.results(list).length);
h.record('keys', seen);

// Filters, alone and with a query, from the URL and from the menus.
doc = await h.open('search/index.html?kind=case&reason=complaint'); list = h.list(); await h.done(list);
h.record('filter_only', h.results(list));
h.record('filter_select', doc.querySelector('select[name=reason]').value);
doc = await h.open('search/index.html?q=refund&kind=chapter'); list = h.list(); await h.done(list);
h.record('filter_chapters', h.results(list));
const outcome = doc.querySelector('select[name=outcome]');
outcome.value = 'returned';
outcome.dispatchEvent(new Event('change', { bubbles: true }));
await h.done(list);
h.record('filter_none', h.results(list));
doc.querySelector('select[name=kind]').value = 'case';
doc.querySelector('select[name=kind]').dispatchEvent(new Event('change', { bubbles: true }));
await h.done(list);
h.type(doc.getElementById('search-q'), 'price');
await h.done(list);
h.record('filter_returned', h.results(list));

// The box on every page: `/` focuses it, results pop up, arrows, Escape.
doc = await h.open('chapters/postmortems/index.html');
h.key(doc.body, '/');
h.record('slash', h.active());
const box = doc.getElementById('site-search-q');
const pop = h.list('.site-search [data-search-results]');
h.type(box, 'refund'); await h.done(pop);
h.record('popup', h.results(pop));
h.record('popup_shown', !doc.querySelector('.search-popup').hidden);
h.key(box, 'ArrowDown');
h.record('popup_down', h.active());
h.key(doc.activeElement, 'Escape');
h.record('popup_escape', [h.active(), box.value, doc.querySelector('.search-popup').hidden]);

// At a phone's width: no sideways scrolling, readable text.
h.width = 375;
doc = await h.open('search/index.html?q=client%20refund'); await h.done(h.list());
const onPage = problems();
doc = await h.open('cases/index.html');
h.type(doc.getElementById('site-search-q'), 'bad fit'); await h.done(h.list('.site-search [data-search-results]'));
const inPopup = problems();
h.record('layout', onPage.concat(inPopup));
// The checks can fail: faint text and a wide block are reported.
const faint = doc.createElement('p'); faint.className = 'snippet'; faint.style.color = '#777'; faint.style.background = '#888'; faint.textContent = 'faint';
doc.querySelector('.search-popup .search-result').appendChild(faint);
const wide = doc.createElement('div'); wide.style.width = '900px'; wide.textContent = 'wide';
doc.body.appendChild(wide);
h.record('controls', problems());
"#;

fn check_behaviour(site: &Path, v: &Value, how: &str) {
    let refund = hrefs(&v["refund"]);
    assert!(!refund.is_empty(), "{how}: results for `refund`");
    assert!(
        refund
            .iter()
            .any(|h| h.contains("refund-granted-postmortem-skipped")),
        "{how}: {refund:?}"
    );
    assert_eq!(
        v["refund_input"], "refund",
        "{how}: the q parameter fills the box"
    );
    for href in &refund {
        assert_resolves(site, href);
    }
    let marks: Vec<&str> = v["refund"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| {
            r["marks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap())
        })
        .collect();
    assert!(
        marks.iter().any(|m| m.eq_ignore_ascii_case("refund")),
        "{how}: matched words are highlighted: {marks:?}"
    );

    let first = |key: &str| hrefs(&v[key]).first().cloned().unwrap_or_default();
    assert!(
        first("prefix").contains("chapters/postmortems/"),
        "{how}: prefix: {}",
        v["prefix"]
    );
    assert!(
        hrefs(&v["typo"])
            .iter()
            .any(|h| h.contains("refund-granted")),
        "{how}: one typo: {}",
        v["typo"]
    );
    assert!(
        first("typo2").contains("unhappy-customer-negotiation"),
        "{how}: two typos in a long word: {}",
        v["typo2"]
    );
    let phrase = hrefs(&v["phrase"]);
    assert!(
        phrase[0].contains("leave-the-door-open"),
        "{how}: phrase: {phrase:?}"
    );
    assert!(
        v["phrase"][0]["marks"].as_array().unwrap().len() >= 2,
        "{how}: the phrase's words are marked: {}",
        v["phrase"][0]
    );
    // Both words are in the handbook, never side by side: as a phrase,
    // nothing; as words, something (so the phrase check can fail).
    assert_eq!(
        hrefs(&v["apart"]),
        Vec::<String>::new(),
        "{how}: phrase apart"
    );
    assert!(
        !hrefs(&v["words"]).is_empty(),
        "{how}: the same words unquoted"
    );
    assert!(
        first("polish").contains("pl/chapters/bad-fit-breakups/index.html"),
        "{how}: Polish without its diacritics: {}",
        v["polish"]
    );
    assert_eq!(hrefs(&v["none"]), Vec::<String>::new());
    let none = v["none_status"].as_str().unwrap();
    assert!(
        none.contains("Nothing matches"),
        "{how}: a friendly message: {none}"
    );
    assert!(
        v["url"].as_str().unwrap().contains("q=xyzzy"),
        "{how}: the query is kept in the address: {}",
        v["url"]
    );

    assert_eq!(
        v["more"],
        serde_json::json!([10, false]),
        "{how}: ten results, and more"
    );
    let after = &v["more_after"];
    let total: u64 = after[2]
        .as_str()
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // One click shows ten more; the button stays while some are left (the
    // example handbook's "client" has more than twenty results).
    assert!(
        total > 10 && after[0] == total.min(20),
        "{how}: the rest on request: {after}"
    );
    assert_eq!(after[1], total <= 20, "{how}: more to show only if left");

    let keys = v["keys"].as_array().unwrap();
    assert!(
        keys[0].as_str().unwrap().contains("../"),
        "{how}: down to a result: {keys:?}"
    );
    assert_ne!(keys[0], keys[1], "{how}: down to the next result");
    assert_eq!(keys[2], keys[0], "{how}: up to the first");
    assert_eq!(keys[3], "search-q", "{how}: up to the box");
    assert_eq!(keys[4], "", "{how}: Escape clears");
    assert_eq!(keys[5], 0, "{how}: and the results go");

    let complaint = hrefs(&v["filter_only"]);
    assert_eq!(
        complaint.len(),
        4,
        "{how}: the four complaint cases: {complaint:?}"
    );
    assert!(complaint.iter().all(|h| h.starts_with("../cases/")));
    assert_eq!(
        v["filter_select"], "complaint",
        "{how}: the menu shows the filter"
    );
    let chapters = hrefs(&v["filter_chapters"]);
    assert!(!chapters.is_empty());
    assert!(
        chapters.iter().all(|h| h.contains("chapters/")),
        "{how}: chapters only: {chapters:?}"
    );
    assert_eq!(
        hrefs(&v["filter_none"]),
        Vec::<String>::new(),
        "{how}: no chapter has an outcome"
    );
    let returned = hrefs(&v["filter_returned"]);
    assert!(
        returned
            .iter()
            .any(|h| h.contains("lured-by-lower-price-came-back")),
        "{how}: a query with two filters: {returned:?}"
    );
    assert!(returned.iter().all(|h| h.starts_with("../cases/")));
    assert!(
        !returned
            .iter()
            .any(|h| h.contains("price-rise-instead-of-breakup")),
        "{how}: a case that did not come back is filtered out: {returned:?}"
    );

    assert_eq!(v["slash"], "site-search-q", "{how}: `/` focuses the box");
    let popup = hrefs(&v["popup"]);
    assert!(
        !popup.is_empty() && v["popup_shown"] == true,
        "{how}: {}",
        v["popup"]
    );
    assert!(
        popup[0].starts_with("../../"),
        "{how}: relative to the chapter: {popup:?}"
    );
    assert_eq!(
        v["popup_down"],
        popup[0].as_str(),
        "{how}: down into the pop-up"
    );
    assert_eq!(
        v["popup_escape"],
        serde_json::json!(["site-search-q", "", true]),
        "{how}"
    );

    assert_eq!(
        v["layout"],
        serde_json::json!([]),
        "{how}: layout and contrast"
    );
    let controls = v["controls"].to_string();
    assert!(
        controls.contains("scrolls sideways") && controls.contains("low contrast"),
        "{how}: the checks must be able to fail: {controls}"
    );
}

#[test]
fn search_works_from_disk_and_over_http() {
    let Some(bin) = chromium() else { return };
    let (_out, site) = example_site();
    let from_disk = drive(&bin, &site, None, false, BEHAVIOUR);
    check_behaviour(&site, &from_disk, "file://, light");
    let url = serve(&site);
    let served = drive(
        &bin,
        &site,
        Some(&url),
        true,
        &format!(
            "{BEHAVIOUR}\nh.record('dark', h.frame.contentWindow.matchMedia('(prefers-color-scheme: dark)').matches);"
        ),
    );
    check_behaviour(&site, &served, "http://, dark");
    assert_eq!(served["dark"], true, "the second run is in dark mode");
    for key in ["refund", "typo", "phrase", "polish", "filter_only"] {
        assert_eq!(
            hrefs(&from_disk[key]),
            hrefs(&served[key]),
            "{key}: same answers"
        );
    }
}

/// Typos at a word's first letters, each with the word it stands for: a
/// letter replaced, one typed too many, one left out, the first two
/// swapped, the second replaced, and two typos in a long word (one of them
/// first). A vocabulary filed by first letter finds none of them. The typo
/// finds the word's best pages first, and marks the word.
const FIRST_LETTER_TYPOS: &[(&str, &str)] = &[
    ("gefund", "refund"),
    ("xrefund", "refund"),
    ("efund", "refund"),
    ("erfund", "refund"),
    ("rwfund", "refund"),
    ("ostmortem", "postmortem"),
    ("opstmortem", "postmortem"),
    ("megotiasion", "negotiation"),
];

#[test]
fn typos_at_the_first_letter_are_corrected() {
    let Some(bin) = chromium() else { return };
    let (_out, site) = example_site();
    let typed: Vec<&str> = FIRST_LETTER_TYPOS
        .iter()
        .flat_map(|(t, w)| [*t, *w])
        .collect();
    let steps = format!(
        r#"
const doc = await h.open('search/index.html');
const list = h.list(), input = doc.getElementById('search-q');
await h.done(list);
const answers = {{}};
for (const q of {typed:?}) {{
  h.type(input, q + ' ');
  await h.done(list);
  answers[q] = h.results(list);
}}
h.record('answers', answers);
// In the box on every page too, with another word before the typo.
const page = await h.open('chapters/postmortems/index.html');
const pop = h.list('.site-search [data-search-results]');
h.type(page.getElementById('site-search-q'), 'client gefund');
await h.done(pop);
h.record('popup', h.results(pop));
"#
    );
    let v = drive(&bin, &site, None, false, &steps);
    let answers = &v["answers"];
    let mut failures = Vec::new();
    for (typo, word) in FIRST_LETTER_TYPOS {
        let got = hrefs(&answers[typo]);
        let want = hrefs(&answers[word]);
        assert!(!want.is_empty(), "`{word}` finds something");
        let marks: Vec<String> = answers[typo]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["marks"].as_array().unwrap().clone())
            .map(|m| m.as_str().unwrap().to_lowercase())
            .collect();
        // The typo finds pages the word finds, its best page among them,
        // and marks the word.
        // (The word finds its synonyms' pages too; a typo, the word's.)
        let page = |h: &String| h.split('#').next().unwrap_or("").to_string();
        let pages: Vec<String> = want.iter().map(page).collect();
        if got.is_empty()
            || !pages[..3.min(pages.len())].contains(&page(&got[0]))
            || !marks.iter().any(|m| m.starts_with(word))
        {
            failures.push(format!(
                "`{typo}` for `{word}`: got {got:?} marking {marks:?}, wanted pages among {pages:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let popup = &v["popup"];
    assert!(
        popup
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["marks"].to_string().to_lowercase().contains("refund")),
        "the box corrects `gefund` after `client`: {popup}"
    );
}

/// The search page starts the query of its address as soon as it is parsed
/// (its script is in the head); what it shows is what the page's own menus
/// and box ask, also when the address has a value the menus do not know.
#[test]
fn a_query_in_the_address_answers_as_the_page_asks() {
    let Some(bin) = chromium() else { return };
    let (_out, site) = example_site();
    let steps = r#"
const shown = async path => { const doc = await h.open(path); const list = h.list(); await h.done(list); return [h.results(list).map(r => r.href), doc.getElementById('search-status').textContent]; };
h.record('address', await shown('search/index.html?q=refund&kind=case'));
h.record('unknown', await shown('search/index.html?q=refund&kind=case&reason=nonsense&utm_source=mail'));
h.record('filtered', await shown('search/index.html?q=refund&kind=case&reason=complaint'));
const doc = await h.open('search/index.html?kind=case'), list = h.list();
await h.done(list);
h.type(doc.getElementById('search-q'), 'refund');
await h.done(list);
h.record('typed', [h.results(list).map(r => r.href), doc.getElementById('search-status').textContent]);
h.record('script', Array.from(doc.querySelectorAll('script[src*="assets/search.js"]')).map(s => [s.parentNode.tagName, s.async, s.defer]));
"#;
    let v = drive(&bin, &site, None, false, steps);
    assert!(!v["address"][0].as_array().unwrap().is_empty(), "{v}");
    assert_eq!(
        v["address"], v["typed"],
        "the address answers as typing does"
    );
    assert_eq!(
        v["unknown"], v["address"],
        "an unknown filter value is ignored, as the menus ignore it"
    );
    assert_ne!(v["filtered"], v["address"], "a known one is not");
    assert_eq!(
        v["script"],
        serde_json::json!([["HEAD", false, true]]),
        "one search script, in the head, deferred"
    );
}

/// The search page starts loading the term shards of the query in its
/// address before its script has come (a round trip sooner): every file it
/// starts is one the search then uses, whatever the query's accents, case,
/// phrases or stop words; and the search still answers as typing does. The
/// handbook has enough words for many shards, placed so that a word folded
/// wrongly would fall into another shard.
#[test]
fn the_search_page_loads_a_querys_shards_before_its_script() {
    let Some(bin) = chromium() else { return };
    let mut h = Handbook::basic().with(
        "content/chapters/sledztwo.md",
        "---\ntitle: Śledztwo po odejściu klienta\n---\n\nŁączność z klientem po rozstaniu. Óme and Émile.\n",
    );
    let mut seed = 7u32;
    for c in 0..40 {
        let mut text = format!("---\ntitle: Generated {c}\n---\n\n");
        for _ in 0..400 {
            // Words between a query word's letters and where the same
            // word with its accent not removed would sort (`sledztwo` <
            // `sm…` < `s\u{301}ledztwo`), so that shards fall between them.
            let mut next = |n: u32| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (seed >> 16) % n
            };
            let (first, from) = [('s', b'm'), ('l', b'b'), ('e', b'n')][next(3) as usize];
            text.push(first);
            text.push(char::from(from + next(u32::from(b'z' - from) + 1) as u8));
            for _ in 0..5 {
                text.push(char::from(b'a' + next(26) as u8));
            }
            text.push(' ');
        }
        h = h.with(&format!("content/chapters/generated-{c}.md"), &text);
    }
    h.build().ok();
    let site = h.path("public");
    let shards = std::fs::read_dir(site.join("search/t")).unwrap().count();
    assert!(shards >= 5, "many term shards: {shards}");
    let queries = [
        "Śledztwo",
        "ŁĄCZNOŚĆ",
        "sledztwo klienta",
        "\"odejściu klienta\"",
        "the Émile",
        "postmortem",
        "gen",
    ];
    let steps = format!(
        r#"
for (const q of {queries}) {{
  const doc = await h.open('search/index.html?q=' + encodeURIComponent(q)), list = h.list();
  await h.done(list);
  const s = h.frame.contentWindow.exitbookSearch;
  const shown = h.results(list).map(r => r.href);
  const typed = await h.open('search/index.html');
  h.type(typed.getElementById('search-q'), q);
  await h.done(h.list());
  h.record(q, {{ early: s.loadedEarly, loaded: s.loaded, shown, typed: h.results(h.list()).map(r => r.href) }});
}}
"#,
        queries = serde_json::to_string(&queries).unwrap()
    );
    let v = drive(&bin, &site, None, false, &steps);
    for q in queries {
        let r = &v[q];
        let early = r["early"].as_array().unwrap();
        let loaded = r["loaded"].as_array().unwrap();
        assert!(!early.is_empty(), "{q}: nothing loaded early: {r}");
        for f in early {
            assert!(loaded.contains(f), "{q}: {f} loaded early, never used: {r}");
        }
        assert_eq!(r["shown"], r["typed"], "{q}: answers as typing does");
        assert!(!r["shown"].as_array().unwrap().is_empty(), "{q}: {r}");
    }
    let phrase = &v["\"odejściu klienta\""]["early"];
    assert!(
        phrase
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f.as_str().unwrap().starts_with("y/")),
        "a phrase's pairs of words load early too: {phrase}"
    );
}

/// Quoted phrases, on a handbook with many pair files (`y/`): a phrase is
/// found where it is written and only there, by pairs of words that the
/// browser finds by the same hash as the build; a phrase of words that are
/// on every page finds every page; stop words count: a word in a stop
/// word's place, or no word there, is not the phrase; and a phrase whose
/// pairs are on a page but apart is not found there.
#[test]
fn phrases_are_found_by_their_pairs_of_words() {
    let Some(bin) = chromium() else { return };
    let mut h = Handbook::basic();
    let mut seed = 11u32;
    let mut next = move |n: u32| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) % n
    };
    let mut phrases = Vec::new();
    for c in 0..30 {
        let words: Vec<String> = (0..500)
            .map(|_| {
                // Made-up words of letters (no pair has a word with a digit).
                let mut n = next(3000);
                let mut w = ["mor", "tal", "ven", "quo"][next(4) as usize].to_string();
                loop {
                    w.push(char::from(b'a' + (n % 26) as u8));
                    n /= 26;
                    if n == 0 {
                        break w;
                    }
                }
            })
            .collect();
        // Three words from the middle of the page: with 3,000 words of each
        // stem, on this page only.
        phrases.push((format!("\"{}\"", words[200..203].join(" ")), c));
        let mut text = format!("---\ntitle: Generated {c}\n---\n\n{}\n\n", words.join(" "));
        text.push_str(&"Keep the churn risk low. ".repeat(200));
        if c == 0 {
            text.push_str("\n\nNever leave big door ajar. We rang the bell. The bell tolled. Ticket CS-41236 was closed in 2024.\n");
        }
        h = h.with(&format!("content/chapters/generated-{c}.md"), &text);
    }
    h.build().ok();
    let site = h.path("public");
    let buckets = std::fs::read_dir(site.join("search/y"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            !name.to_string_lossy().contains('-')
        })
        .count();
    assert!(buckets >= 8, "many pair files: {buckets}");
    let mut queries: Vec<String> = phrases.iter().take(12).map(|p| p.0.clone()).collect();
    for q in [
        "\"churn risk\"",
        "\"leave big door\"",
        "\"leave the door\"",
        "\"keep churn\"",
        "\"keep the churn risk\"",
        "keep churn",
        "\"rang the bell tolled\"",
        "\"rang the bell\"",
        "\"cs-41236\"",
        "\"ticket cs-41236 was closed\"",
        "\"closed cs-41236\"",
    ] {
        queries.push(q.to_string());
    }
    let steps = format!(
        r#"
const doc = await h.open('search/index.html'), list = h.list(), input = doc.getElementById('search-q');
await h.done(list);
for (const q of {queries}) {{
  h.type(input, q);
  await h.done(list);
  const loaded = h.frame.contentWindow.exitbookSearch.loaded;
  h.record(q, {{ shown: h.results(list), status: doc.getElementById('search-status').textContent, loaded: [...loaded] }});
  loaded.length = 0;
}}
// What a phrase loads, on a page of its own (nothing loaded before).
for (const q of ['"churn risk"', '"keep the churn risk"']) {{
  const page = await h.open('search/index.html?q=' + encodeURIComponent(q));
  await h.done(h.list());
  h.record('fresh ' + q, h.frame.contentWindow.exitbookSearch.loaded);
}}
"#,
        queries = serde_json::to_string(&queries).unwrap()
    );
    let v = drive(&bin, &site, None, false, &steps);
    let shown = |q: &str| hrefs(&v[q]["shown"]);
    for (q, c) in phrases.iter().take(12) {
        let got = shown(q);
        assert!(
            got.len() == 1 && got[0].contains(&format!("generated-{c}/")),
            "{q} is on page {c} only: {got:?}"
        );
    }
    let churn = &v["\"churn risk\""]["status"];
    assert!(churn.to_string().contains("30"), "on every page: {churn}");
    // A phrase loads one pair bucket per pair of its words, whatever how
    // common they are, and no positions.
    let buckets = |q: &str| {
        v[format!("fresh {q}")]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f.as_str().unwrap().starts_with("y/"))
            .count()
    };
    assert_eq!(
        buckets("\"churn risk\""),
        1,
        "{}",
        v["fresh \"churn risk\""]
    );
    let keep = buckets("\"keep the churn risk\"");
    assert!(
        (1..=3).contains(&keep),
        "{}",
        v["fresh \"keep the churn risk\""]
    );
    assert_eq!(
        hrefs(&v["\"keep the churn risk\""]["shown"]).len(),
        hrefs(&v["\"churn risk\""]["shown"]).len(),
        "a phrase with a stop word"
    );
    // Its pairs are on the page, apart: the page's text says it is not there.
    assert!(
        shown("\"rang the bell tolled\"").is_empty(),
        "{}",
        v["\"rang the bell tolled\""]
    );
    // A phrase with a number (no pair has one) is where its words are, as
    // written.
    for q in ["\"cs-41236\"", "\"ticket cs-41236 was closed\""] {
        let got = shown(q);
        assert!(
            got.len() == 1 && got[0].contains("generated-0/"),
            "{q}: {got:?}"
        );
    }
    assert!(
        shown("\"closed cs-41236\"").is_empty(),
        "{}",
        v["\"closed cs-41236\""]
    );
    let bell = shown("\"rang the bell\"");
    assert!(
        bell.len() == 1 && bell[0].contains("generated-0/"),
        "{bell:?}"
    );
    let door = shown("\"leave big door\"");
    assert!(
        door.len() == 1 && door[0].contains("generated-0/"),
        "{door:?}"
    );
    assert!(shown("\"leave the door\"").is_empty(), "`big` is not `the`");
    assert!(shown("\"keep churn\"").is_empty(), "`the` is between them");
    assert!(!shown("keep churn").is_empty(), "the words unquoted");
}

/// Questions a new hire asks, and the page that must answer them: first
/// (`1`) or among the first three (`3`).
const QUESTIONS: &[(&str, &str, usize)] = &[
    ("refund", "chapters/unhappy-customer-negotiation/", 1),
    (
        "what do we say when a client tells us they are leaving",
        "chapters/exit-conversation/",
        1,
    ),
    (
        "client asks for a refund",
        "chapters/unhappy-customer-negotiation/",
        3,
    ),
    (
        "how much refund should I give",
        "chapters/exit-conversation/",
        3,
    ),
    ("postmortem", "chapters/postmortems/", 1),
    (
        "what to do after a client cancels following a complaint",
        "chapters/postmortems/",
        1,
    ),
    ("root cause", "chapters/postmortems/", 1),
    (
        "how do I part with a bad fit client",
        "chapters/bad-fit-breakups/",
        1,
    ),
    ("leave the door open", "chapters/leave-the-door-open/", 1),
    (
        "should we send a thank-you card",
        "chapters/leave-the-door-open/",
        3,
    ),
    // A case whose red-flag note has the exact phrase may come first.
    ("satisfaction survey", "chapters/leave-the-door-open/", 3),
    ("exit interview questions", "chapters/exit-conversation/", 3),
    ("counter-offer", "chapters/exit-conversation/", 1),
    (
        "getting defensive",
        "chapters/unhappy-customer-negotiation/",
        1,
    ),
    ("apology", "cases/defensive-call-prepress-complaint/", 3),
    (
        "client left for a cheaper competitor",
        "cases/lured-by-lower-price-came-back/",
        1,
    ),
    ("price rise", "cases/price-rise-instead-of-breakup/", 3),
    // Not "dental practice": the case must not be found by the industry its
    // page withholds (k-anonymity), only by what it tells.
    (
        "practice pauses its retainer",
        "cases/budget-freeze-clinic/",
        1,
    ),
    (
        "trade show badges",
        "cases/badge-misprint-before-trade-show/",
        1,
    ),
    (
        "downgrade instead of cancelling",
        "cases/downgrade-instead-of-cancellation/",
        1,
    ),
    (
        "new director brought their own agency",
        "cases/new-director-brings-own-agency/",
        1,
    ),
    ("rozmowa z klientem", "pl/chapters/bad-fit-breakups/", 1),
];

#[test]
fn relevance_on_questions_a_new_hire_asks() {
    let Some(bin) = chromium() else { return };
    let (_out, site) = example_site();
    let questions: Vec<&str> = QUESTIONS.iter().map(|q| q.0).collect();
    let samples = TOKENS;
    let steps = format!(
        r#"
const doc = await h.open('search/index.html');
const list = h.list(), input = doc.getElementById('search-q');
await h.done(list);
const answers = [];
for (const q of {questions:?}) {{
  h.type(input, q);
  await h.done(list);
  answers.push(h.results(list).map(r => r.href));
}}
h.record('answers', answers);
h.record('tokens', {samples:?}.map(t => h.frame.contentWindow.exitbookSearch.tokens(t)));
"#
    );
    let v = drive(&bin, &site, None, false, &steps);
    let mut failures = Vec::new();
    for ((q, want, within), got) in QUESTIONS.iter().zip(v["answers"].as_array().unwrap()) {
        let got: Vec<&str> = got
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap())
            .collect();
        let rank = got.iter().position(|h| h.contains(want));
        if rank.is_none_or(|r| r >= *within) {
            failures.push(format!(
                "{q:?}: wanted {want} in the first {within}, got {:?}",
                &got[..got.len().min(5)]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // The browser splits and folds words exactly as the build does.
    assert_eq!(v["tokens"].as_array().unwrap().len(), TOKENS.len());
    for (text, got) in TOKENS.iter().zip(v["tokens"].as_array().unwrap()) {
        let want: Vec<String> = exitbook::search::text::words(text).collect();
        assert_eq!(got, &serde_json::json!(want), "words of {text:?}");
    }
}

/// Texts whose words are easy to get wrong.
const TOKENS: &[&str] = &[
    "Don't panic: the client’s 3,000.50 leaflets (e.g. CS-39841) cost $25,600.",
    "ZAKOŃCZENIE współpracy w Łodzi; Straße, Müller & Søn, Œuvre, þorn, ǅemal",
    "naïve café — coöperate; a:b x_y v2.0 1.2.3 3;4 don’t'",
    "Σίσυφος ΟΔΟΣ, Москва́ ёлка, İstanbul, עִבְרִית",
    "emoji 👍🏽 and a\u{00AD}soft hy\u{00AD}phen, tab\tand\u{00A0}nbsp",
    // Letters, digits and spaces only.
    "Client asks for a REFUND in 2024\tand 3 more  x",
];

/// What the search page says when nothing matches, served over HTTP (where
/// a request for a missing file is a 404): a "did you mean" that has
/// results; filters that exclude each other, named; a value in the address
/// that no menu has, named; and no request for a file that does not exist.
/// A word of two letters is no prefix of every longer word.
#[test]
fn the_page_explains_what_matches_nothing_and_asks_for_no_missing_file() {
    let Some(bin) = chromium() else { return };
    let (_out, site) = example_site();
    let url = serve(&site);
    let steps = r#"
const say = async path => {
  const doc = await h.open(path), list = h.list();
  await h.done(list);
  const status = doc.getElementById('search-status'), notice = doc.querySelector('[data-search-notice]');
  const link = status.querySelector('a');
  return { status: status.textContent, link: link && link.getAttribute('href'), results: h.results(list).length,
           notice: notice.hidden ? '' : notice.textContent,
           failed: performance.getEntriesByType.call(h.frame.contentWindow.performance, 'resource')
             .filter(e => e.responseStatus >= 400).map(e => e.name) };
};
h.record('typo', await say('search/index.html?q=xyzzy%20refnudd'));
h.record('phrase', await say('search/index.html?q=%22refund%20xyzzy%22'));
h.record('nothing', await say('search/index.html?q=qqqqqqq'));
h.record('chapters', await say('search/index.html?kind=chapter&reason=complaint'));
h.record('cases', await say('search/index.html?reason=complaint&outcome=returned'));
h.record('words', await say('search/index.html?q=refund&kind=chapter&reason=complaint'));
h.record('unknown', await say('search/index.html?q=refund&reason=nonsense&utm_source=mail'));
const doc = await h.open('search/index.html'), list = h.list();
await h.done(list);
h.type(doc.getElementById('search-q'), 'no');
await h.done(list);
h.record('two', h.results(list).flatMap(r => r.marks));
"#;
    let v = drive(&bin, &site, Some(&url), false, steps);
    for (key, said) in v.as_object().unwrap() {
        if let Some(failed) = said.get("failed") {
            assert_eq!(
                failed,
                &serde_json::json!([]),
                "{key}: requests that failed"
            );
        }
    }
    let typo = &v["typo"];
    assert!(
        typo["status"].as_str().unwrap().contains("Nothing matches")
            && typo["status"]
                .as_str()
                .unwrap()
                .contains("Did you mean refund?"),
        "{typo}"
    );
    assert_eq!(typo["link"], "?q=refund", "{typo}");
    assert!(
        v["phrase"]["status"]
            .as_str()
            .unwrap()
            .contains("Did you mean refund xyzzy?")
            || v["phrase"]["status"]
                .as_str()
                .unwrap()
                .contains("Did you mean refund?"),
        "a phrase that is nowhere, unquoted: {}",
        v["phrase"]
    );
    let nothing = v["nothing"]["status"].as_str().unwrap();
    assert!(
        nothing.contains("Nothing matches “qqqqqqq”") && !nothing.contains("Did you mean"),
        "{nothing}"
    );
    let chapters = v["chapters"]["status"].as_str().unwrap();
    assert!(
        chapters.contains("Chapters have no Reason") && !chapters.contains("“”"),
        "{chapters}"
    );
    let cases = v["cases"]["status"].as_str().unwrap();
    assert!(
        cases.contains(
            "No case matches all of these filters: Reason: Complaint · Outcome: Came back."
        ),
        "{cases}"
    );
    let words = &v["words"];
    assert!(
        words["status"]
            .as_str()
            .unwrap()
            .contains("Nothing matches “refund” with these filters")
            && words["status"].as_str().unwrap().contains("Without them,"),
        "{words}"
    );
    let unknown = &v["unknown"];
    assert_eq!(
        unknown["notice"], "“nonsense” is not one of the values of Reason: it is left out.",
        "{unknown}"
    );
    assert!(unknown["results"].as_u64().unwrap() > 0, "{unknown}");
    let two = v["two"].as_array().unwrap();
    assert!(
        !two.is_empty()
            && two
                .iter()
                .all(|m| m.as_str().unwrap().eq_ignore_ascii_case("no")),
        "`no` marks itself only: {two:?}"
    );
}

/// A chapter's snippet stays within one paragraph: the index stores a
/// text a paragraph a string (the leak gate reads each apart, as it reads
/// a page's paragraphs), and what a result shows never runs the end of one
/// into the start of the next, even where the query's words are there.
#[test]
fn a_snippet_never_joins_two_paragraphs() {
    let Some(bin) = chromium() else { return };
    let first = "The renewal desk waited for the quarterly numbers from finance";
    let second = "Maple procurement asked again the next morning about the credit";
    let h = Handbook::basic().with(
        "content/chapters/waiting.md",
        &format!("---\ntitle: Waiting on finance\n---\n\n{first}\n\n{second}\n"),
    );
    h.build().ok();
    let site = h.path("public");
    let steps = r#"
const doc = await h.open('search/index.html');
const list = h.list(), input = doc.getElementById('search-q');
await h.done(list);
h.type(input, 'finance maple');
await h.done(list);
h.record('snippets', Array.from(list.querySelectorAll('[data-search-result] .snippet')).map(s => s.textContent));
"#;
    let v = drive(&bin, &site, None, false, steps);
    let snippets: Vec<&str> = v["snippets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let shown: Vec<&&str> = snippets
        .iter()
        .filter(|s| s.contains("finance") || s.contains("Maple"))
        .collect();
    assert!(!shown.is_empty(), "the chapter is found: {snippets:?}");
    for s in shown {
        let s = s.trim_start_matches("… ").trim_end_matches(" …");
        assert!(
            first.contains(s) || second.contains(s),
            "a snippet within one paragraph: {s:?}"
        );
    }
}
