//! The built site in real headless Chromium: no horizontal scrolling at
//! 375 px and 1280 px on any page, WCAG AA contrast for the theme's text in
//! light and dark mode, and screenshots to look at.
//!
//! Chromium cannot run our code inside a built page, so a wrapper page loads
//! each page in an iframe of the width under test and measures it from
//! outside (`--allow-file-access-from-files` lets a local page read a local
//! frame). Without Chromium the tests are skipped, except under `CI=true`,
//! where a missing browser is a failure.

use std::path::{Path, PathBuf};

use crate::common::chromium::{chromium, run_chromium};
use crate::common::{Handbook, run_in};

/// Measure every page at every width, in one browser run; returns the
/// problems found (empty when all is well).
fn measure(bin: &Path, site: &Path, widths: &[u32], dark: bool) -> Vec<String> {
    let pages: Vec<String> = crate::common::snapshot(site)
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .map(|p| format!("file://{}", site.join(p).display()))
        .collect();
    assert!(pages.len() > 5, "the site has pages");
    let wrapper = site.parent().unwrap().join("measure.html");
    std::fs::write(
        &wrapper,
        format!(
            r#"<!doctype html><html><body><pre id="result"></pre><script>
const pages = {pages:?};
const widths = {widths:?};
const out = [];
function lum(c) {{
  const m = c.match(/[\d.]+/g).map(Number);
  const f = v => {{ v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }};
  return 0.2126 * f(m[0]) + 0.7152 * f(m[1]) + 0.0722 * f(m[2]);
}}
function bg(win, el) {{
  for (; el; el = el.parentElement) {{
    const c = win.getComputedStyle(el).backgroundColor;
    const a = c.match(/[\d.]+/g);
    if (a && (a.length < 4 || Number(a[3]) > 0.5)) return c;
  }}
  return win.getComputedStyle(win.document.documentElement).backgroundColor || 'rgb(255,255,255)';
}}
function check(frame, page, w) {{
  const d = frame.contentDocument, win = frame.contentWindow;
  const de = d.documentElement;
  if (de.scrollWidth > de.clientWidth + 1) out.push(`${{page}} at ${{w}}px scrolls sideways: ${{de.scrollWidth}} > ${{de.clientWidth}}`);
  const sel = 'body, p, li, a, h1, h2, h3, .meta, .lede, .kicker, .badge, dt, dd, td, th, .notice, .site-footer p, code, blockquote';
  for (const el of d.querySelectorAll(sel)) {{
    if (!el.textContent.trim() || el.offsetParent === null && el.tagName !== 'BODY') continue;
    const style = win.getComputedStyle(el);
    if (Number(style.opacity) < 1) continue;
    const l1 = lum(style.color), l2 = lum(bg(win, el));
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    if (ratio < 4.5) out.push(`${{page}}: low contrast ${{ratio.toFixed(2)}} for <${{el.tagName.toLowerCase()}} class="${{el.className}}">`);
  }}
}}
let i = 0;
function next() {{
  if (i >= pages.length * widths.length) {{
    const r = document.getElementById('result');
    r.textContent = JSON.stringify(out);
    r.setAttribute('data-done', 'yes');
    return;
  }}
  const page = pages[i % pages.length], w = widths[Math.floor(i / pages.length)];
  i++;
  const f = document.createElement('iframe');
  f.style.width = w + 'px'; f.style.height = '800px'; f.style.border = '0';
  f.onload = () => {{ try {{ check(f, page, w); }} catch (e) {{ out.push(page + ': ' + e); }} f.remove(); next(); }};
  f.src = page;
  document.body.appendChild(f);
}}
next();
</script></body></html>"#
        ),
    )
    .unwrap();
    let scheme = if dark { "0" } else { "1" };
    let dom = run_chromium(
        bin,
        &[
            &format!("--blink-settings=preferredColorScheme={scheme}"),
            "--dump-dom",
        ],
        &format!("file://{}", wrapper.display()),
    );
    assert!(
        dom.contains("data-done=\"yes\""),
        "the measuring page did not finish:\n{dom}"
    );
    let json = dom
        .split("<pre id=\"result\" data-done=\"yes\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or("[]")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("bad result {json}: {e}"))
}

/// The example handbook plus a chapter built to overflow: a wide table, a
/// long unbroken word, a long link.
fn stress_site() -> (Handbook, PathBuf) {
    let h = Handbook::new();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for e in walkdir::WalkDir::new(repo.join("content")) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(repo)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            h.write(&rel, &std::fs::read_to_string(e.path()).unwrap());
        }
    }
    h.write(
        "site.toml",
        &std::fs::read_to_string(repo.join("site.toml")).unwrap(),
    );
    h.write(
        "content/chapters/wide.md",
        "---\ntitle: A chapter with Supercalifragilisticexpialidociouslylongwordthatneverbreaksanywhereatall\n---\n\n## Wide things\n\n| Stage | Owner | Target | Notes | More | Even more | Still more |\n|---|---|---|---|---|---|---|\n| Kickoff | Customer success manager | Two business days | Needs sign-off from legal | x | y | z |\n\nA long word: Pneumonoultramicroscopicsilicovolcanoconiosispneumonoultramicroscopic and `a_very_long_identifier_in_code_that_does_not_break_at_all_anywhere`.\n\n```\nfn a_very_long_line_of_code_that_would_scroll() { let x = \"this is long enough to need scrolling inside the block\"; }\n```\n",
    );
    h.build().ok();
    let site = h.path("public");
    (h, site)
}

#[test]
fn no_page_scrolls_sideways_and_text_has_aa_contrast() {
    let Some(bin) = chromium() else { return };
    let (_h, site) = stress_site();
    let light = measure(&bin, &site, &[375, 1280], false);
    assert!(light.is_empty(), "light mode:\n{}", light.join("\n"));
    let dark = measure(&bin, &site, &[375], true);
    assert!(dark.is_empty(), "dark mode:\n{}", dark.join("\n"));
}

#[test]
fn the_measurement_can_fail() {
    // A page that does scroll sideways, and grey-on-white text, must be
    // reported: otherwise the test above proves nothing.
    let Some(bin) = chromium() else { return };
    let h = Handbook::basic().with(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<div style=\"width:2000px\">wide</div><p style=\"color:#bbb\">faint</p>{% endblock main %}",
    );
    h.build().ok();
    let problems = measure(&bin, &h.path("public"), &[375], false);
    let all = problems.join("\n");
    assert!(all.contains("404.html at 375px scrolls sideways"), "{all}");
    assert!(all.contains("low contrast"), "{all}");
}

#[test]
fn screenshots_at_phone_and_desktop_widths() {
    let Some(bin) = chromium() else { return };
    let (_h, site) = stress_site();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    for (page, name) in [
        ("index.html", "home"),
        (
            "chapters/unhappy-customer-negotiation/index.html",
            "chapter",
        ),
        ("cases/badge-misprint-before-trade-show/index.html", "case"),
        ("cases/index.html", "library"),
    ] {
        for w in [375, 1280] {
            let png = dir.join(format!("{name}-{w}.png"));
            let _ = std::fs::remove_file(&png);
            run_chromium(
                &bin,
                &[
                    &format!("--window-size={w},1600"),
                    "--hide-scrollbars",
                    &format!("--screenshot={}", png.display()),
                ],
                &format!("file://{}", site.join(page).display()),
            );
            let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
            assert!(
                size > 10_000,
                "{} is missing or blank ({size} bytes)",
                png.display()
            );
        }
    }
    eprintln!("screenshots in {}", dir.display());
    let _ = run_in; // the helper is shared with other test files
}
