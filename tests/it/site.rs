//! The published site: pages, links, translations, themes, drafts, and the
//! stop-gap privacy rules (until the anonymizer lands).

use crate::common::{CHAPTER, Handbook, RECORD, broken_links, print_links_out};

#[test]
fn pages_of_the_site_contract() {
    let h = Handbook::basic();
    h.build().ok();
    for p in [
        "index.html",
        "chapters/postmortems/index.html",
        "cases/index.html",
        "cases/late-proofs/index.html",
        "print/index.html",
        "404.html",
        "robots.txt",
        "assets/style.css",
    ] {
        assert!(h.exists(&format!("public/{p}")), "missing {p}");
    }
    assert!(
        !h.exists("public/start/index.html"),
        "no onboarding, no start page"
    );
    let robots = h.read("public/robots.txt");
    assert!(robots.contains("User-agent: *") && robots.contains("Disallow: /"));
    for (path, bytes) in h.snapshot("public") {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(
                html.contains(r#"<meta name="robots" content="noindex">"#),
                "{path}"
            );
            assert!(
                !html.contains("http://") && !html.contains("https://"),
                "{path} loads or links outside"
            );
        }
    }
}

#[test]
fn relative_links_resolve_with_and_without_pretty_urls() {
    let h = Handbook::basic()
        .with("content/chapters/exit.md", "---\ntitle: Exit\norder: 2\n---\n\n## Checklist\n\nSee [pm](@/chapters/postmortems.md#checklist) and [case](@/cases/late-proofs.yaml).\n")
        .with("content/chapters/exit.pl.md", "---\ntitle: Wyjście\n---\n\nZobacz [pm](@/chapters/postmortems.md).\n")
        .with("site.toml", "title = \"T\"\n[[onboarding]]\npage = \"@/chapters/exit.md\"\nnote = \"Read first.\"\n");
    h.build().ok();
    assert_eq!(broken_links(&h.path("public")), Vec::<String>::new());
    let exit = h.read("public/chapters/exit/index.html");
    assert!(
        exit.contains(r#"href="../../chapters/postmortems/index.html#checklist""#),
        "{exit}"
    );
    assert!(exit.contains(r#"href="../../cases/late-proofs/index.html""#));

    h.write("site.toml", "title = \"T\"\npretty_urls = true\n");
    h.build().ok();
    let exit = h.read("public/chapters/exit/index.html");
    assert!(
        exit.contains(r#"href="../../chapters/postmortems/#checklist""#),
        "{exit}"
    );
    assert!(!exit.contains("index.html\""), "pretty URLs end in /");
    assert_eq!(broken_links(&h.path("public")), Vec::<String>::new());
}

#[test]
fn translations_are_published_under_their_language_and_linked_both_ways() {
    let h = Handbook::basic().with(
        "content/chapters/postmortems.pl.md",
        "---\ntitle: Analiza po odejściu klienta\n---\n\n## Dlaczego\n\nTekst.\n",
    );
    h.build().ok();
    let pl = h.read("public/pl/chapters/postmortems/index.html");
    assert!(pl.contains(r#"<html lang="pl">"#));
    assert!(
        pl.contains(r#"href="../../../chapters/postmortems/index.html""#),
        "links to the original"
    );
    let en = h.read("public/chapters/postmortems/index.html");
    assert!(
        en.contains(r#"href="../../pl/chapters/postmortems/index.html""#),
        "links to the translation"
    );
    assert!(en.contains("Analiza po odejściu klienta"));
    // A translation lists the cases of its original.
    assert!(pl.contains("cases/late-proofs/index.html"));
}

#[test]
fn chapters_list_their_cases_and_cases_their_chapters() {
    let h = Handbook::basic();
    h.build().ok();
    let ch = h.read("public/chapters/postmortems/index.html");
    assert!(ch.contains("Cases that illustrate this chapter"));
    assert!(ch.contains(r#"href="../../cases/late-proofs/index.html""#));
    let case = h.read("public/cases/late-proofs/index.html");
    assert!(case.contains(r#"href="../../chapters/postmortems/index.html""#));
    assert!(case.contains("The postmortem"));
}

#[test]
fn the_library_lists_cases_newest_first() {
    let h = Handbook::basic()
        .with(
            "content/cases/older.yaml",
            &RECORD
                .replace("2025-03-31", "2023-01-15")
                .replace("Late proofs and a lost retainer", "Older case"),
        )
        .with(
            "content/cases/newer.yaml",
            &RECORD
                .replace("2025-03-31", "2026-02-01")
                .replace("Late proofs and a lost retainer", "Newer case"),
        );
    h.build().ok();
    let lib = h.read("public/cases/index.html");
    let a = lib.find("Newer case").unwrap();
    let b = lib.find("Late proofs").unwrap();
    let c = lib.find("Older case").unwrap();
    assert!(a < b && b < c, "newest first");
}

#[test]
fn drafts_are_skipped_unless_asked_for() {
    let h = Handbook::basic()
        .with(
            "content/chapters/wip.md",
            "---\ntitle: WIP\ndraft: true\n---\nx\n",
        )
        .with("content/cases/wip.yaml", &format!("draft: true\n{RECORD}"));
    h.build().ok();
    assert!(!h.exists("public/chapters/wip/index.html"));
    assert!(!h.exists("public/cases/wip/index.html"));
    assert!(!h.read("public/index.html").contains("WIP"));
    h.run(&["build", "--drafts"]).ok();
    assert!(h.exists("public/chapters/wip/index.html"));
    assert!(h.exists("public/cases/wip/index.html"));
    // A published page that links to a draft is told why.
    h.write(
        "content/chapters/postmortems.md",
        &format!("{CHAPTER}\n[wip](@/chapters/wip.md)\n"),
    );
    h.build().fails().says("is a draft");
}

#[test]
fn stale_files_never_survive_a_rebuild() {
    let h = Handbook::basic().with(
        "content/cases/gone.yaml",
        &RECORD.replace("Late proofs", "Gone"),
    );
    h.build().ok();
    assert!(h.exists("public/cases/gone/index.html"));
    h.remove("content/cases/gone.yaml");
    h.build().ok();
    assert!(!h.exists("public/cases/gone/index.html"));
    assert!(!h.exists("public/cases/gone"));
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let h = Handbook::basic().with("public/precious.txt", "mine");
    let r = h.build();
    assert_eq!(r.status, 2, "a refused output folder is wrong usage");
    r.says("holds files exitbook did not write");
    assert_eq!(h.read("public/precious.txt"), "mine");
}

#[test]
fn templates_override_one_file_and_themes_replace_the_set() {
    let h = Handbook::basic().with(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>Custom not found</p>{% endblock main %}",
    );
    h.build().ok();
    assert!(h.read("public/404.html").contains("Custom not found"));
    assert!(
        h.read("public/index.html")
            .contains("Which chapter do I need?"),
        "other templates stay built-in"
    );

    let h = Handbook::basic()
        .with("site.toml", "title = \"T\"\ntheme = \"plain\"\n")
        .with("themes/plain/templates/index.html", "<!doctype html><meta name=\"robots\" content=\"noindex\"><h1>{{ site.title }} plain</h1>")
        .with("themes/plain/static/assets/style.css", "body{}")
        .with("static/logo.txt", "logo");
    h.build().ok();
    assert!(h.read("public/index.html").contains("T plain"));
    assert_eq!(h.read("public/assets/style.css"), "body{}");
    assert_eq!(h.read("public/logo.txt"), "logo");

    let h = Handbook::basic().with("site.toml", "title = \"T\"\ntheme = \"nope\"\n");
    h.build().fails().says("theme `nope` not found");
}

#[test]
fn the_narrative_is_published_with_stand_ins_and_notes_are_not() {
    let record = RECORD.replace(
        "  reason: complaint\n",
        "  reason: complaint\n  trigger: A second misprint.\n  summary: Dana Whitfield called Priya about Harbor Freight Logistics' misprints.\n",
    ) + "notes: Internal only.\n";
    // One case, no group to hide in: k-anonymity off (see quasi.rs).
    let h = Handbook::basic()
        .with("content/cases/late-proofs.yaml", &record)
        .with("site.toml", "title = \"T\"\n[anonymize]\nmin_group = 1\n");
    h.build().ok();
    let all: String = h
        .snapshot("public")
        .into_values()
        .map(|b| String::from_utf8_lossy(&b).to_lowercase())
        .collect();
    for secret in [
        "harbor",
        "freight",
        "dana",
        "whitfield",
        "priya",
        "natarajan",
        "harborfreight",
        "555 0142",
        "5550142",
    ] {
        assert!(
            !all.contains(secret),
            "a sensitive value was published (not shown)"
        );
    }
    assert!(
        !all.contains("internal only"),
        "notes are not published without publish_notes"
    );
    let case = h.read("public/cases/late-proofs/index.html");
    assert!(
        case.contains("A second misprint."),
        "the final straw is published"
    );
    assert!(
        case.contains("The Operations Director called the account owner about Client "),
        "{case}"
    );
    assert!(
        case.contains("’s misprints") || case.contains("'s misprints"),
        "the possessive survives as the stand-in's (Logistics' → Client …’s)"
    );
    assert!(
        case.contains("Late proofs and a lost retainer"),
        "a title with no secret is kept"
    );
    assert!(
        case.contains("March 2025") && !case.contains("2025-03-31"),
        "dates to the month"
    );
    assert!(case.contains("Operations Director"), "roles are published");

    h.write(
        "site.toml",
        "title = \"T\"\n[anonymize]\npublish_notes = true\nmin_group = 1\n",
    );
    h.build().ok();
    assert!(
        h.read("public/cases/late-proofs/index.html")
            .contains("Internal only.")
    );
}

#[test]
fn a_title_or_file_name_naming_the_client_is_not_published() {
    let h = Handbook::basic()
        .with("site.toml", "title = \"T\"\n[anonymize]\nmin_group = 1\n")
        .with(
            "content/cases/harbor-freight.yaml",
            &RECORD
                .replace(
                    "Late proofs and a lost retainer",
                    "Harbor Freight Logistics walks",
                )
                .replace("2025-03-31", "2024-06-02"),
        );
    h.build().ok();
    assert!(!h.exists("public/cases/harbor-freight"));
    // The URL is the client's pseudonym and the exit month.
    let slugs: Vec<String> = std::fs::read_dir(h.path("public/cases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with("-2024-06"))
        .collect();
    assert_eq!(slugs.len(), 1, "{slugs:?}");
    let page = h.read(&format!("public/cases/{}/index.html", slugs[0]));
    assert!(
        page.contains("<h1>Client ") && page.contains(" walks</h1>"),
        "the title keeps its words, with the pseudonym"
    );
    let pseudonym = page
        .split("<h1>")
        .nth(1)
        .unwrap()
        .split(" walks")
        .next()
        .unwrap()
        .to_string();
    assert_eq!(pseudonym.split(' ').count(), 3, "{pseudonym}");
    assert!(
        slugs[0].starts_with(
            &pseudonym
                .to_lowercase()
                .replace("client ", "")
                .replace(' ', "-")
        )
    );
    // A slug field naming the client is an error.
    h.write(
        "content/cases/harbor-freight.yaml",
        &format!("{RECORD}slug: dana-whitfield-2024\n"),
    );
    h.build()
        .fails()
        .says("harbor-freight.yaml:18:7")
        .says("`slug` field contains a sensitive value")
        .never_says("Dana");
}

#[test]
fn money_and_dates_follow_site_toml() {
    let rec = format!(
        "{RECORD}engagement:\n  started: 2022-04-11\n  value: {{ amount: 4200, currency: USD, per: month }}\n"
    );
    let h = Handbook::basic()
        .with("content/cases/late-proofs.yaml", &rec)
        .with("site.toml", "title = \"T\"\n[anonymize]\nmin_group = 1\n");
    h.build().ok();
    let case = h.read("public/cases/late-proofs/index.html");
    assert!(case.contains("USD 1,000–5,000 a month"), "{case}");
    assert!(case.contains(r#"<time datetime="2025-03">March 2025</time>"#));
    h.write(
        "site.toml",
        "title = \"T\"\n[anonymize]\ndates = \"quarter\"\nmoney = \"hidden\"\nmin_group = 1\n",
    );
    h.build().ok();
    let case = h.read("public/cases/late-proofs/index.html");
    assert!(case.contains("Q1 2025") && !case.contains("March 2025"));
    assert!(!case.contains("USD"));
    h.write(
        "site.toml",
        "title = \"T\"\n[anonymize]\ndates = \"day\"\nmoney = \"exact\"\nmin_group = 1\n",
    );
    h.build().ok();
    let case = h.read("public/cases/late-proofs/index.html");
    assert!(case.contains("31 March 2025") && case.contains("USD 4,200 a month"));
}

#[test]
fn markdown_features_render() {
    let h = Handbook::new().with(
        "content/chapters/md.md",
        "---\ntitle: Features\n---\n\n## A table\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] open\n- [x] done\n\n~~struck~~ \"quoted\" -- dash[^n]\n\n[^n]: A footnote.\n\n## A table\n",
    );
    h.build().ok();
    let html = h.read("public/chapters/md/index.html");
    for needle in [
        "<table>",
        "type=\"checkbox\"",
        "<del>struck</del>",
        "“quoted”",
        "–",
        "footnote",
        "id=\"a-table\"",
        "id=\"a-table-1\"",
        "On this page",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
}

#[test]
fn the_print_page_holds_every_chapter_body_whatever_its_template_does_with_it() {
    // The default template shows each body once, as given.
    let h = Handbook::basic().with(
        "content/chapters/second.md",
        "---\ntitle: Second\n---\n\nA paragraph about **handovers**.\n",
    );
    h.build().ok();
    let print = h.read("public/print/index.html");
    assert!(
        print.contains("<p>A paragraph about <strong>handovers</strong>.</p>"),
        "{print}"
    );
    assert!(
        !print.contains("exitbook:print"),
        "no marker is left in the page"
    );
    // A one-shot build makes the cases' bodies as it splices them in.
    assert_eq!(print.matches("<dl class=\"facts\">").count(), 1, "{print}");

    // A template that shows a body twice, or changes it, gets the bodies
    // themselves, not the markers the page is first rendered with.
    let h = h.with(
        "templates/print.html",
        "{% for c in chapters %}<section>{{ c.content | safe }}</section><pre>{{ c.content | truncate(length=12) }}</pre>{% endfor %}{% for c in cases %}<aside>{{ c.content | safe }}</aside><i>{{ c.content | length }}</i>{% endfor %}",
    );
    h.build().ok();
    let print = h.read("public/print/index.html");
    assert!(
        print.contains("<aside>\n<dl class=\"facts\">")
            || print.contains("<aside><dl class=\"facts\">"),
        "{print}"
    );
    assert!(
        print.contains("<section><p>A paragraph about <strong>handovers</strong>.</p>"),
        "{print}"
    );
    assert!(print.contains("<pre>&lt;p&gt;A paragra…</pre>"), "{print}");
    assert!(!print.contains("exitbook:print"), "{print}");
}

#[test]
fn links_in_the_print_page_to_what_it_holds_lead_within_it() {
    // Links from a chapter to a case and a section of it, from a case (its
    // story, and the chapters it illustrates) to a chapter's section, from
    // a translation to its original, and to a facet page, which the print
    // page does not hold.
    let record = RECORD.replace(
        "  reason: complaint\n",
        "  reason: complaint\n  summary: Handled as in [the checklist](@/chapters/postmortems.md#checklist), see [another](@/cases/second.yaml).\npostmortem:\n  root_causes:\n    - Nobody checked the proofs.\n",
    );
    let h = Handbook::new()
        .with(
            "content/chapters/postmortems.md",
            &CHAPTER.replace(
                "## Why\n\nText.",
                "## Why\n\nSee [the case](@/cases/late-proofs.yaml), [its postmortem](@/cases/late-proofs.yaml#postmortem) and [in Polish](@/chapters/postmortems.pl.md).",
            ),
        )
        .with(
            "content/chapters/postmortems.pl.md",
            "---\ntitle: Analiza\n---\n\n## Dlaczego\n\nZob. [listę](@/chapters/postmortems.md#checklist).\n",
        )
        .with("content/cases/late-proofs.yaml", &record)
        .with(
            "content/cases/second.yaml",
            &RECORD.replace("2025-03-31", "2024-02-10"),
        );
    for pretty in [false, true] {
        h.write(
            "site.toml",
            &format!("title = \"T\"\npretty_urls = {pretty}\n"),
        );
        h.build().ok();
        let site = h.path("public");
        assert_eq!(print_links_out(&site), Vec::<String>::new());
        assert_eq!(broken_links(&site), Vec::<String>::new());
        let print = h.read("public/print/index.html");
        for within in [
            "#case-late-proofs",
            "#case-late-proofs--postmortem",
            "#chapter-pl-postmortems",
            "#chapter-postmortems--checklist",
            "#case-second",
            // "Read with": the case's chapters, as the template links them.
            "#chapter-postmortems",
        ] {
            assert!(
                print.contains(&format!("href=\"{within}\"")),
                "no link to {within} (pretty_urls = {pretty}):\n{print}"
            );
        }
        // A facet page is not in the print page: still a link to it.
        let facet = if pretty {
            "href=\"../cases/reason/complaint/\""
        } else {
            "href=\"../cases/reason/complaint/index.html\""
        };
        assert!(print.contains(facet), "{print}");
    }
}

#[test]
fn the_print_page_names_the_handbook_once_in_its_title() {
    let h = Handbook::basic();
    h.build().ok();
    let title = |html: &str| {
        html.split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .unwrap()
            .to_string()
    };
    let print = h.read("public/print/index.html");
    let home = h.read("public/index.html");
    let site = title(&home);
    assert_eq!(title(&print), format!("Print · {site}"));
    // In Polish too.
    h.write(
        "site.toml",
        &format!("title = \"{site}\"\nlanguage = \"pl\"\n"),
    );
    h.build().ok();
    assert_eq!(
        title(&h.read("public/print/index.html")),
        format!("Do druku · {site}")
    );
}
