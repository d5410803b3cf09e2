//! What the theme writes around the handbook's words (issue 16): interface
//! text in the page's language, and `404.html` at any depth.

use std::collections::BTreeMap;

use crate::common::Handbook;
use crate::common::chromium::{chromium, driver_page, run_chromium, run_driver};
use crate::serve::Running;

/// Every text of a built-in i18n table, by key (`library.title`); a text
/// with forms by number gives each form.
fn texts(lang: &str) -> BTreeMap<String, String> {
    let (_, toml) = exitbook::render::i18n::BUILT_IN
        .iter()
        .find(|(l, _)| *l == lang)
        .expect("a built-in language");
    let table: toml::Table = toml.parse().expect("the table parses");
    let mut out = BTreeMap::new();
    fn walk(v: &toml::Value, at: &str, out: &mut BTreeMap<String, String>) {
        match v {
            toml::Value::String(s) => {
                out.insert(at.to_string(), s.clone());
            }
            toml::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, &format!("{at}.{i}"), out);
                }
            }
            toml::Value::Table(t) => {
                for (k, x) in t {
                    walk(x, &format!("{at}.{k}"), out);
                }
            }
            _ => {}
        }
    }
    for (k, v) in &table {
        walk(v, k, &mut out);
    }
    out
}

/// The English interface texts in `text`: each a piece of an English text
/// (between its `{placeholders}`) that Polish does not share, by key.
fn english_in(text: &str) -> Vec<String> {
    let pl = texts("pl");
    let mut found = Vec::new();
    for (key, en) in texts("en") {
        if pl.get(&key) == Some(&en) {
            continue;
        }
        for piece in en.split(['{', '}']).step_by(2) {
            let piece = piece.trim_matches(|c: char| !c.is_alphanumeric());
            if piece.chars().filter(|c| c.is_alphabetic()).count() >= 4 && text.contains(piece) {
                found.push(format!("{key}: {piece:?}"));
            }
        }
    }
    found
}

fn polish() -> Handbook {
    let h = Handbook::new()
        .with("site.toml", "title = \"Zespół\"\n[anonymize]\nmin_group = 1\n")
        .with(
            "content/chapters/talk.md",
            "---\ntitle: The exit talk\norder: 1\nsummary: When a client leaves.\ntags: [rozmowa]\n---\n\n## Listen\n\nText.\n\n## Ask\n\nText.\n",
        )
        .with(
            "content/chapters/talk.pl.md",
            "---\ntitle: Rozmowa pożegnalna\nsummary: Gdy klient odchodzi.\ntags: [rozmowa]\n---\n\n## Słuchaj\n\nTekst.\n\n### Potem pytaj\n\nTekst.\n\n## Podziękuj\n\nTekst.\n",
        )
        .with(
            "content/cases/odejscie.yaml",
            "title: Źle wydrukowane identyfikatory\nclient:\n  name: Quorvex Dynamics\n  industry: logistyka\n  region: Mazowsze\nexit:\n  date: 2025-03-31\n  initiated_by: client\n  reason: complaint\n  trigger: Czterdzieści identyfikatorów z zamienionymi nazwiskami.\noutcome: retained\nchapters: [talk]\ntags: [rozmowa]\n",
        );
    h.build().ok();
    h
}

#[test]
fn a_polish_page_has_no_english_interface_text() {
    let Some(bin) = chromium() else { return };
    let h = polish();
    let page = "pl/chapters/talk/index.html";
    let out = run_driver(
        &bin,
        &{
            let site = h.path("public");
            let file = site.join("driver.html");
            std::fs::write(
                &file,
                driver_page(
                    &format!("file://{}/", site.display()),
                    &format!(
                        r#"await h.open('{page}');
const d = h.doc();
const attrs = Array.from(d.querySelectorAll('[aria-label], [placeholder], [title], [alt]'))
  .map(e => ['aria-label', 'placeholder', 'title', 'alt'].map(a => e.getAttribute(a) || '').join(' '));
h.record('lang', d.documentElement.lang);
h.record('text', d.title + '\n' + d.body.innerText + '\n' + attrs.join('\n'));"#
                    ),
                ),
            )
            .unwrap();
            format!("file://{}", file.display())
        },
        false,
    );
    assert_eq!(out["lang"], "pl");
    let text = out["text"].as_str().unwrap();
    // The page shows interface text at all: the Polish of some keys.
    let pl = texts("pl");
    for key in [
        "site.cases",
        "chapter.toc",
        "chapter.cases",
        "reason.complaint",
        "outcome.retained",
    ] {
        assert!(text.contains(&pl[key]), "no `{key}` in Polish: {text}");
    }
    assert!(text.contains("marzec 2025"), "dates in Polish: {text}");
    let found = english_in(text);
    assert!(
        found.is_empty(),
        "English on the Polish page:\n{}\n---\n{text}",
        found.join("\n")
    );
}

#[test]
fn not_found_at_any_depth_under_serve_loads_its_stylesheet_and_its_links_resolve() {
    let Some(bin) = chromium() else { return };
    let h = crate::library::library();
    // The test's page is one of the site's static files, so that `serve`
    // serves it from the same origin as the 404 page.
    h.write(
        "static/driver.html",
        &driver_page(
            "/",
            r#"
// `serve` adds a live-reload script to every page, whose connection never
// ends: headless Chromium would wait for it for ever. Not on this page,
// and the frame goes when the test is done.
window.EventSource = function () { return { addEventListener() {}, close() {} }; };
await h.open('a/b/c/');
const d = h.doc();
h.record('heading', d.querySelector('h1').textContent);
h.record('styled', getComputedStyle(d.querySelector('.site-header')).borderBottomStyle);
const links = Array.from(d.querySelectorAll('link[rel=stylesheet], a[href]'))
  .map(a => a.href).filter(u => u.startsWith(location.origin) && !u.includes('#'));
const found = [];
for (const u of links) {
  const r = await fetch(u);
  found.push([u.slice(location.origin.length), r.status]);
}
h.record('links', found);
h.frame.remove();
"#,
        ),
    );
    let server = Running::start(&h, &["serve", "--port", "0"]);
    let out = run_driver(&bin, &format!("{}driver.html", server.url), false);
    assert_eq!(out["heading"], "Page not found");
    assert_eq!(out["styled"], "solid", "the stylesheet is loaded");
    let links = out["links"].as_array().unwrap();
    assert!(links.len() >= 8, "{links:?}");
    for l in links {
        assert_eq!(l[1], 200, "{l}");
        assert!(!l[0].as_str().unwrap().starts_with("/a/"), "{l}");
    }
    let _ = run_chromium;
}

#[test]
fn with_base_url_the_404_page_links_absolutely() {
    let h = Handbook::basic().with(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://handbook.example.com/team\"\n",
    );
    h.build().ok();
    let page = h.read("public/404.html");
    assert!(
        page.contains("href=\"https://handbook.example.com/team/assets/style.css\""),
        "{page}"
    );
    assert!(page.contains("href=\"https://handbook.example.com/team/cases/index.html\""));
    assert!(!page.contains("<script>"), "no root to find");
    // Without it, the page finds the root itself.
    let h = Handbook::basic();
    h.build().ok();
    let page = h.read("public/404.html");
    assert!(
        page.contains("robots.txt") && page.contains("createElement('base')"),
        "{page}"
    );
}

#[test]
fn the_navigation_marks_the_section_of_the_page() {
    let h = crate::library::library();
    let nav = |page: &str| -> String {
        let html = h.read(&format!("public/{page}"));
        let nav = html.split("class=\"site-nav\"").nth(1).unwrap();
        nav.split("</nav>").next().unwrap().to_string()
    };
    let marked = |nav: &str| -> Vec<String> {
        nav.split("<a ")
            .filter(|a| a.contains("aria-current"))
            .map(|a| {
                a.split('>')
                    .nth(1)
                    .unwrap()
                    .split('<')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    for (page, section, current) in [
        ("cases/index.html", "Cases", "page"),
        ("cases/late-pallets/index.html", "Cases", "true"),
        ("cases/tag/events/index.html", "Cases", "true"),
        ("chapters/talk/index.html", "Playbook", "true"),
        ("insights/index.html", "Insights", "page"),
        ("print/index.html", "Print", "page"),
    ] {
        let nav = nav(page);
        assert_eq!(marked(&nav), vec![section.to_string()], "{page}");
        assert!(
            nav.contains(&format!("aria-current=\"{current}\"")),
            "{page}: {nav}"
        );
    }
}

#[test]
fn chart_labels_stay_legible_on_a_phone() {
    let Some(bin) = chromium() else { return };
    let h = crate::library::library();
    let out = crate::common::chromium::drive(
        &bin,
        &h.path("public"),
        None,
        false,
        r#"
h.width = 375;
await h.open('insights/index.html');
const d = h.doc(), w = h.frame.contentWindow;
const sizes = Array.from(d.querySelectorAll('.bars .bar-label, .bars .bar-value'))
  .map(e => parseFloat(w.getComputedStyle(e).fontSize) * (e.getBoundingClientRect().height > 0 ? 1 : 0));
h.record('count', sizes.length);
h.record('smallest', Math.min(...sizes));
h.record('scrolls', d.documentElement.scrollWidth > d.documentElement.clientWidth + 1);
"#,
    );
    assert!(out["count"].as_u64().unwrap() >= 10, "{out}");
    assert!(out["smallest"].as_f64().unwrap() >= 12.0, "{out}");
    assert_eq!(out["scrolls"], false);
}

/// A handbook whose site is Polish (`language = "pl"`): a chapter, a case
/// the client stayed in, one we ended, and a path through them.
fn polish_site() -> Handbook {
    let case = |reason: &str, by: &str, outcome: &str, trigger: &str| {
        format!(
            "title: Przypadek {trigger}\nclient:\n  name: Quorvex Dynamics {trigger}\n  industry: logistyka\n  region: Mazowsze\nexit:\n  date: 2025-03-31\n  initiated_by: {by}\n  reason: {reason}\n  trigger: Klient {trigger} złożył reklamację.\noutcome: {outcome}\nchapters: [rozmowa]\ntags: [rozmowa]\nfarewell:\n  feedback: survey\n  thank_you_sent: true\n"
        )
    };
    let h = Handbook::new()
        .with(
            "site.toml",
            "title = \"Zespół\"\nlanguage = \"pl\"\n[anonymize]\nmin_group = 1\n\n[[onboarding]]\npage = \"@/chapters/rozmowa.md#słuchaj\"\nnote = \"Dzień 1.\"\nquestions = [{ q = \"Co mówisz najpierw?\", a = \"Dziękuję. Zob. [słuchaj](@/chapters/rozmowa.md#słuchaj).\" }]\n\n[[onboarding]]\npage = \"@/cases/zostal.yaml\"\nnote = \"Ćwiczenie.\"\n",
        )
        .with(
            "content/chapters/rozmowa.md",
            "---\ntitle: Rozmowa pożegnalna\norder: 1\nsummary: Gdy klient odchodzi.\n---\n\n## Słuchaj\n\nZwrot pieniędzy i reklamacja.\n",
        )
        .with(
            "content/cases/zostal.yaml",
            &case("complaint", "client", "retained", "Alfa"),
        )
        .with(
            "content/cases/rozstanie.yaml",
            &case("bad-fit", "us", "exited", "Beta"),
        );
    h.build().ok();
    h
}

#[test]
fn a_polish_site_speaks_polish_on_its_library_search_and_start_pages() {
    let Some(bin) = chromium() else { return };
    let h = polish_site();
    let site = h.path("public");
    let file = site.join("driver.html");
    std::fs::write(
        &file,
        driver_page(
            &format!("file://{}/", site.display()),
            r#"const text = () => {
  const d = h.doc();
  const attrs = Array.from(d.querySelectorAll('[aria-label], [placeholder], [title], [alt], option'))
    .map(e => ['aria-label', 'placeholder', 'title', 'alt'].map(a => e.getAttribute(a) || '').join(' ') + ' ' + (e.tagName === 'OPTION' ? e.textContent : ''));
  return d.title + '\n' + d.body.innerText + '\n' + attrs.join('\n');
};
await h.open('cases/index.html?reason=complaint');
await new Promise(r => setTimeout(r, 300));
h.record('library', text());
await h.open('start/index.html');
await new Promise(r => setTimeout(r, 300));
h.record('start', text());
await h.open('cases/zostal/index.html');
h.record('retained', text());
await h.open('search/index.html?q=reklamacja');
await h.done(h.list());
h.record('search', text());
await h.open('search/index.html?q=qqqqqqq&reason=complaint');
await h.done(h.list());
h.record('nothing', text());"#,
        ),
    )
    .unwrap();
    let out = run_driver(&bin, &format!("file://{}", file.display()), false);
    let pl = texts("pl");
    for page in ["library", "start", "retained", "search", "nothing"] {
        let text = out[page].as_str().unwrap_or_default();
        assert!(
            text.contains(&pl["site.cases"]),
            "{page}: no Polish navigation: {text}"
        );
        let found = english_in(text);
        assert!(
            found.is_empty(),
            "English on the Polish site's {page} page:\n{}\n---\n{text}",
            found.join("\n")
        );
    }
    let search = out["search"].as_str().unwrap();
    assert!(
        search.contains("3 wyniki") && search.contains(&pl["search.script.case"]),
        "the search page counts and labels its results in Polish: {search}"
    );
    let retained = out["retained"].as_str().unwrap();
    // A client who stayed did not end anything: no "Ended", in any language.
    for key in ["case.ended", "timeline.exit"] {
        assert!(
            !retained.contains(&pl[key]) && !retained.contains(&texts("en")[key]),
            "a retained case says `{key}`: {retained}"
        );
    }
    assert!(
        retained.contains(&pl["case.averted"])
            && retained.contains(
                "złożył wypowiedzenie w marcu 2025 po reklamacji, ale ostatecznie został"
            ),
        "the lede and the facts say the exit was averted, in Polish: {retained}"
    );
}

#[test]
fn ledes_read_as_one_sentence_for_each_way_an_exit_went() {
    let h = polish_site();
    h.write(
        "site.toml",
        "title = \"Team\"\n[anonymize]\nmin_group = 1\n",
    );
    h.build().ok();
    let lede = |slug: &str| {
        let page = h.read(&format!("public/cases/{slug}/index.html"));
        let at = page.find("<p class=\"lede\">").expect("a lede") + 16;
        page[at..at + page[at..].find('<').unwrap()].to_string()
    };
    assert_eq!(
        lede("zostal"),
        "A logistyka client in Mazowsze gave notice in March 2025, after a complaint, and in the end stayed."
    );
    assert_eq!(
        lede("rozstanie"),
        "We parted with a logistyka client in Mazowsze in March 2025, over a bad fit."
    );
    let page = h.read("public/cases/zostal/index.html");
    assert!(
        !page.contains("anonymous survey"),
        "our exit survey is not anonymous (the handbook says so)"
    );
}

/// What a reader sees of an HTML page: its text without tags, scripts and
/// styles, and the labels of its attributes (`aria-label`, `title`, `alt`,
/// `placeholder`).
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..end];
        for attr in ["aria-label", "title", "alt", "placeholder"] {
            if let Some(v) = tag.split(&format!(" {attr}=\"")).nth(1) {
                out.push('\n');
                out.push_str(v.split('"').next().unwrap_or_default());
            }
        }
        out.push('\n');
        rest = &rest[end..];
        for hidden in ["script", "style"] {
            if tag.starts_with(&format!("<{hidden}")) {
                let close = format!("</{hidden}>");
                rest = rest.find(&close).map_or("", |e| &rest[e..]);
            }
        }
    }
    out.push_str(rest);
    out.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn a_polish_insights_page_has_no_english_interface_text() {
    // Exits from November 2024 to May 2025, a few of them alone in their
    // month, reason or outcome: every kind of row, note and date the page
    // can write, at three values of `min_group` and by quarter.
    let cases = [
        ("complaint", "exited", "client", "2024-11-05", true),
        ("complaint", "exited", "client", "2024-12-20", true),
        ("complaint", "retained", "us", "2025-01-03", true),
        ("budget", "retained", "client", "2025-01-14", false),
        ("budget", "exited", "mutual", "2025-03-27", false),
        ("price", "exited", "client", "2025-03-02", true),
        ("competitor", "returned", "mutual", "2025-05-30", false),
    ];
    let mut h = Handbook::new().with(
        "content/chapters/rozmowa.md",
        "---\ntitle: Rozmowa\norder: 1\n---\n\nTekst.\n",
    );
    for (i, (reason, outcome, by, date, thanked)) in cases.into_iter().enumerate() {
        let record = crate::insights::record(reason, outcome, by, date, thanked)
            .replace("chapters: [postmortems]", "chapters: [rozmowa]");
        let farewell = format!(
            "  referrals_since: {}\n  feedback: {}\n",
            i % 3,
            ["survey", "none", "direct"][i % 3]
        );
        h = h.with(
            &format!("content/cases/przypadek-{i}.yaml"),
            &(record + &farewell),
        );
    }
    let pl = texts("pl");
    let mut seen = String::new();
    for (k, dates) in [(1, "month"), (2, "month"), (3, "month"), (1, "quarter")] {
        h.write(
            "site.toml",
            &format!(
                "title = \"Zespół\"\nlanguage = \"pl\"\n[anonymize]\nmin_group = {k}\ndates = \"{dates}\"\n"
            ),
        );
        h.build().ok();
        let page = visible(&h.read("public/insights/index.html"));
        let found = english_in(&page);
        assert!(
            found.is_empty(),
            "English on the Polish insights page (min_group = {k}):\n{}\n---\n{page}",
            found.join("\n")
        );
        // Quarters and months too short for the check above.
        for english in ["Q1", "Q2", "Q3", "Q4", "May 2025"] {
            assert!(
                !page.contains(english),
                "{english} (min_group = {k}): {page}"
            );
        }
        seen.push_str(&page);
    }
    // The page shows the charts' texts at all, in Polish: a check that
    // finds no English on a page without them proves nothing.
    for key in [
        "insights.by-reason.title",
        "insights.combined",
        "insights.door.title",
        "insights.door.thanked",
        "insights.over-time.exits",
        "insights.over-time.month.note",
        "insights.over-time.quarter.heading",
        "insights.over-time.year.title",
        "insights.over-time.coarsened",
    ] {
        let text = pl[key].split('{').next().unwrap_or_default();
        assert!(seen.contains(text), "no `{key}` in Polish: {seen}");
    }
    for polish in [
        // Runs of periods, dates after "od … do …" in the genitive, and
        // numbers before nouns in their Polish forms.
        "Listopad 2024",
        "Styczeń–luty 2025",
        "4 kw. 2024",
        "Od listopada 2024 do maja 2025.",
        "łącznie 7 przypadków",
        "łącznie 6 poleceń",
        "4 z 7",
        "nie pokazano (z 7)",
    ] {
        assert!(seen.contains(polish), "no {polish:?}: {seen}");
    }
}

/// A record without a title is titled in the site's language, on its page,
/// in the library and in the print page.
#[test]
fn an_untitled_case_is_titled_in_the_site_language() {
    let record = "client:\n  name: Quorvex Dynamics\nexit:\n  date: 2024-05-20\n  initiated_by: us\n  reason: bad-fit\noutcome: exited\n";
    for (lang, title, other) in [
        (
            "pl",
            "Rozstanie z niedopasowanym klientem, 2024",
            "Parting with a bad-fit client",
        ),
        (
            "en",
            "Parting with a bad-fit client, 2024",
            "Rozstanie z niedopasowanym klientem",
        ),
    ] {
        let h = Handbook::new()
            .with(
                "site.toml",
                &format!("title = \"Zespół\"\nlanguage = \"{lang}\"\n[anonymize]\nmin_group = 1\n"),
            )
            .with("content/cases/rozstanie.yaml", record);
        h.build().ok();
        for page in [
            "cases/rozstanie/index.html",
            "cases/index.html",
            "print/index.html",
        ] {
            let html = h.read(&format!("public/{page}"));
            assert!(html.contains(title), "{lang}: no title {title:?} on {page}");
            assert!(!html.contains(other), "{lang}: {other:?} on {page}");
        }
    }
}
