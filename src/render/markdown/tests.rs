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
        .map(|s| (s.id.as_deref(), s.heading.as_str(), &*s.text))
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
    let out =
        r("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~no~~ \"yes\"[^1]\n\n[^1]: Note.\n");
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

/// A text rendered once and filled in for each page gives the bytes that
/// rendering it for that page does: every field, for texts that take the
/// quick way and texts that must be rendered again.
#[test]
fn a_generic_rendering_filled_in_equals_rendering_for_the_page() {
    let texts = [
        "Plain *text* with 50% of a [link](https://x.example/a%20b?c=d&e).",
        "# Title\n\n## What to say\n\n### Before\n\n## What to say\n\nSee [a](@/chapters/a.md#before) and [b](@/chapters/b.md).",
        "## Said {#fn:1}\n\nText.[^n]\n\n[^n]: A note with [a](@/chapters/a.md).\n\n## Said {#fnref:2}\n",
        "Notes[^a] and[^a] again[^b].\n\n[^a]: One.\n[^b]: Two.\n",
        "A [link](@/chapters/a.md#x y&z') to an anchor, and [none](@/nowhere.md).",
        "Raw <b onclick=\"x\">html</b> and ## heading\n\n## H\n",
        "A &#xE012; marker by reference, and ## one\n\n## H\n\n[a](@/chapters/a.md)",
        "Text that writes %EE%80%93 itself.\n\n## H\n",
        "![img](javascript:alert(1)) and [bad](javascript:x)\n\n## H {#given-id .cls}\n",
    ];
    type Resolve<'r> = &'r dyn Fn(&str, Option<&str>) -> Option<String>;
    let resolvers: [(&str, Resolve<'_>); 2] = [
        ("cases/x/", &|rel, anchor| {
            (rel == "chapters/a.md" || rel == "chapters/b.md").then(|| match anchor {
                Some(a) => format!("../../{rel}/#{a}"),
                None => format!("../../{rel}/"),
            })
        }),
        ("print/", &|rel, anchor| {
            (rel == "chapters/a.md").then(|| format!("#chapter-a--{}", anchor.unwrap_or("")))
        }),
    ];
    for (k, md) in texts.into_iter().enumerate() {
        let full = Generic::new(md, true);
        assert_eq!(full.quick(), ![5, 6, 7].contains(&k), "{md:?}");
        let lean = Generic::new(md, false);
        for prefix in ["", "case-x--", "chapter-pl-a--", "fn-", "a\"b"] {
            for (_, resolve) in &resolvers {
                let want = render(md, *resolve, prefix);
                assert_eq!(
                    full.rendered(md, *resolve, prefix),
                    want,
                    "{md:?} {prefix:?}"
                );
                assert_eq!(
                    lean.rendered(md, *resolve, prefix),
                    want,
                    "{md:?} {prefix:?}"
                );
                let body = lean.body(md, *resolve, prefix);
                assert_eq!((body.html, body.links), (want.html, want.links));
            }
        }
        // Made for another text, it renders that text.
        let other = "## Other\n";
        assert_eq!(
            full.rendered(other, resolvers[0].1, "p-"),
            render(other, resolvers[0].1, "p-")
        );
    }
}

#[test]
fn plain_text_keeps_table_cells_apart() {
    let md = "| Stage | Owner |\n| --- | --- |\n| Kickoff | Support |\n";
    let plain = plain_text(md);
    let lines: Vec<&str> = plain.lines().map(str::trim).collect();
    assert_eq!(lines, ["Stage", "Owner", "Kickoff", "Support"]);
}
