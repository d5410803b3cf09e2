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
    // No English text of the interface: a piece of an English text (between
    // its `{placeholders}`) that Polish does not share.
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
