//! Quasi-identifiers (issue 14): nobody recognisable without a name. Dates
//! and amounts in a case's prose follow `[anonymize] dates` and `money`,
//! and every published case shares what its page says of it (industry,
//! region, size, service, exit date) with `min_group − 1` others, counted
//! here from the pages as a reader sees them.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::common::{CHAPTER, Handbook, RECORD};
use exitbook::Mode;
use exitbook::pipeline::{Changes, Pipeline};

/// The record with `summary` as its story (Markdown, one paragraph).
fn with_story(summary: &str) -> String {
    RECORD.replace(
        "  reason: complaint\n",
        &format!("  reason: complaint\n  summary: |\n    {summary}\n"),
    )
}

fn site_toml(extra: &str) -> String {
    format!("title = \"T\"\n[anonymize]\nmin_group = 1\n{extra}")
}

const STORY: &str = "The client emailed on 29 August 2025 about the proofs. On 2025-06-12 the client called. We refunded 65% (US$2,340), then offered a refund of $4,800 and a £950 credit by Aug 29.";

#[test]
fn prose_dates_and_amounts_follow_site_toml() {
    let h = Handbook::new()
        .with("content/chapters/postmortems.md", CHAPTER)
        .with("content/cases/late-proofs.yaml", &with_story(STORY));
    let page = |settings: &str| {
        h.write("site.toml", &site_toml(settings));
        h.build().ok();
        h.read("public/cases/late-proofs/index.html")
    };
    let p = page("");
    for sentence in [
        "The client emailed in August 2025 about the proofs.",
        "In June 2025 the client called.",
        "We refunded 65% (US$1,000–5,000), then offered a refund of $1,000–5,000 and a sub-£1,000 credit by the end of August.",
    ] {
        assert!(p.contains(sentence), "{sentence}\n{p}");
    }
    assert!(
        !p.contains("phone withheld"),
        "an ISO date is no phone number"
    );
    let p = page("dates = \"day\"\nmoney = \"exact\"\n");
    assert!(
        p.contains(STORY),
        "published as written at day and exact:\n{p}"
    );
    let p = page("dates = \"quarter\"\nmoney = \"hidden\"\n");
    for sentence in [
        "The client emailed in Q3 2025 about the proofs.",
        "In Q2 2025 the client called.",
        "We refunded 65%, then offered a refund and a credit by the end of Q3.",
    ] {
        assert!(p.contains(sentence), "{sentence}\n{p}");
    }
    let p = page("dates = \"year\"\n");
    for sentence in [
        "The client emailed in 2025 about the proofs.",
        "In 2025 the client called.",
        "We refunded 65% (US$1,000–5,000), then offered a refund of $1,000–5,000 and a sub-£1,000 credit.",
    ] {
        assert!(p.contains(sentence), "{sentence}\n{p}");
    }
    // Every file of the site, not only the page: no exact date or amount.
    let all: String = h
        .snapshot("public")
        .into_values()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    for exact in ["29 August 2025", "2025-06-12", "2,340", "4,800", "£950"] {
        assert!(
            !all.contains(exact),
            "an exact date or amount was published"
        );
    }
}

#[test]
fn amounts_and_dates_as_teams_also_write_them_are_generalised() {
    // From a red-team's builds: each of these was published exactly, and
    // `31 March '25` read "on 31 2025" (the day left, the month gone),
    // `31 Mar 25` "The call 25 went badly".
    let h = Handbook::new()
        .with("site.toml", &site_toml(""))
        .with("content/chapters/postmortems.md", CHAPTER)
        .with(
            "content/cases/late-proofs.yaml",
            &with_story(
                "They paid 4200 Euro, then eur 4200 and 2340 usd. Rent was £4,200pcm and the fee Rs. 45,000. \
                 They left on 29 August '25; the invoice was due August 29, ’25. \
                 The call on 31 Mar 25 went badly, the export 20250331 and the booking 31MAR2025 \
                 show it; the reply was due by 3/31.",
            ),
        );
    h.build().ok();
    let p = h.read("public/cases/late-proofs/index.html");
    for sentence in [
        "They paid 1000–5000 Euro, then eur 1000–5000 and 1000–5000 usd.",
        "Rent was £1,000–5,000pcm and the fee Rs. 20,000–100,000.",
        "They left in August 2025; the invoice was due August 2025.",
        "The call in March 2025 went badly, the export March 2025 and the booking March 2025 show it; \
         the reply was due by the end of March.",
    ] {
        assert!(p.contains(sentence), "{sentence}\n{p}");
    }
}

#[test]
fn polish_prose_in_polish() {
    let story = "Klient zadzwonił 29 sierpnia 2025 r. w sprawie korekty. Zwrot 4 800 zł przyjęto, a rabat w wysokości €1.200 odrzucono.";
    let h = Handbook::new()
        .with("content/chapters/postmortems.md", CHAPTER)
        .with("content/cases/late-proofs.yaml", &with_story(story));
    h.write(
        "site.toml",
        &site_toml("").replace("title = \"T\"\n", "title = \"T\"\nlanguage = \"pl\"\n"),
    );
    h.build().ok();
    let p = h.read("public/cases/late-proofs/index.html");
    assert!(
        p.contains("Klient zadzwonił w sierpniu 2025 r. w sprawie korekty. Zwrot 1 000–5 000 zł przyjęto, a rabat w wysokości €1.000–5.000 odrzucono."),
        "{p}"
    );
    h.write(
        "site.toml",
        &site_toml("dates = \"quarter\"\nmoney = \"hidden\"\n")
            .replace("title = \"T\"\n", "title = \"T\"\nlanguage = \"pl\"\n"),
    );
    h.build().ok();
    let p = h.read("public/cases/late-proofs/index.html");
    assert!(
        p.contains("Klient zadzwonił w III kw. 2025 r. w sprawie korekty. Zwrot przyjęto, a rabat odrzucono."),
        "{p}"
    );
}

#[test]
fn false_friends_stay_and_chapters_are_the_handbooks_own_words() {
    let story = "Tickets CS-05550142 and 10-50 staff, 65% after 3 weeks at 10:30, 2.3k visitors.";
    let chapter =
        format!("{CHAPTER}\nRefunds over $500 need a manager; the policy dates from 2024-01-15.\n");
    let h = Handbook::new()
        .with("site.toml", &site_toml(""))
        .with("content/chapters/postmortems.md", &chapter)
        .with("content/cases/late-proofs.yaml", &with_story(story));
    h.build().ok();
    assert!(
        h.read("public/cases/late-proofs/index.html")
            .contains(story)
    );
    assert!(
        h.read("public/chapters/postmortems/index.html")
            .contains("Refunds over $500 need a manager; the policy dates from 2024-01-15.")
    );
}

// ---------------------------------------------------------------------------
// k-anonymity, counted from the published pages.

const INDUSTRIES: [&str; 8] = [
    "dental practice",
    "physiotherapy clinic",
    "law firm",
    "accounting firm",
    "printing",
    "logistics",
    "bakery",
    "SaaS startup",
];
const SECTORS: &str = "[anonymize.sectors]\n\"dental practice\" = \"healthcare\"\n\"physiotherapy clinic\" = \"healthcare\"\n\"law firm\" = \"professional services\"\n\"accounting firm\" = \"professional services\"\nprinting = \"industrial\"\nlogistics = \"industrial\"\n";
const REGIONS: [&str; 5] = ["Ohio", "Leeds", "Masovia", "Bavaria", "Ontario"];
const SIZES: [&str; 4] = ["1-10", "10-50", "50-200", "200-500"];
const SERVICES: [&str; 3] = ["Print production", "Brand and web", "Design retainer"];

/// The service a case bought: clients of one sector tend to buy the same.
fn service(i: usize) -> &'static str {
    SERVICES[i % 8 / 2 % 3]
}

/// Forty cases, each unique as written (its exit day alone is).
fn forty(min_group: usize) -> Handbook {
    let mut h = Handbook::new()
        .with(
            "site.toml",
            &format!("title = \"T\"\n[anonymize]\nmin_group = {min_group}\n{SECTORS}"),
        )
        .with("content/chapters/postmortems.md", CHAPTER);
    for i in 0..40usize {
        let record = format!(
            "title: Case {i}\nclient:\n  name: Client Number {i} Holdings\n  industry: {}\n  region: {}\n  size: {}\ncontacts:\n  - name: Person{i} Example\n    role: Director\nengagement:\n  service: {}\nexit:\n  date: 202{}-{:02}-{:02}\n  initiated_by: client\n  reason: complaint\noutcome: exited\n",
            INDUSTRIES[i % 8],
            REGIONS[i % 5],
            SIZES[i / 3 % 4],
            service(i),
            5 + i / 20,
            i % 12 + 1,
            i % 28 + 1,
        );
        h = h.with(&format!("content/cases/case-{i:02}.yaml"), &record);
    }
    h
}

/// What a case page's facts say: (label, text) of each `<dt>`/`<dd>`.
fn facts(page: &str) -> BTreeMap<String, String> {
    let dl = page
        .split("<dl class=\"facts\">")
        .nth(1)
        .and_then(|s| s.split("</dl>").next())
        .expect("a case page has its facts");
    let mut out = BTreeMap::new();
    for item in dl.split("<dt>").skip(1) {
        let (label, rest) = item.split_once("</dt>").expect("a closed dt");
        let value = rest
            .split_once("<dd>")
            .and_then(|(_, v)| v.split_once("</dd>"))
            .map(|(v, _)| v)
            .expect("a dd");
        out.insert(label.to_string(), strip_tags(value));
    }
    out
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Every case page of a built site: (slug, facts, page).
fn case_pages(h: &Handbook) -> Vec<(String, BTreeMap<String, String>, String)> {
    h.snapshot("public/cases")
        .into_iter()
        .filter(|(p, _)| p.matches('/').count() == 1 && p.ends_with("/index.html"))
        .map(|(p, b)| {
            let page = String::from_utf8(b).expect("UTF-8");
            (p.trim_end_matches("/index.html").to_string(), page)
        })
        .filter(|(_, page)| page.contains("<dl class=\"facts\">"))
        .map(|(slug, page)| (slug, facts(&page), page))
        .collect()
}

/// The quasi-identifiers a reader sees on a case page.
fn quasi(f: &BTreeMap<String, String>) -> [String; 5] {
    ["Ended", "Industry", "Region", "Size", "Service"]
        .map(|k| f.get(k).cloned().unwrap_or_default())
}

#[test]
fn forty_unique_cases_are_published_in_groups_of_three() {
    // As written (min_group = 1), every case is alone.
    let h = forty(1);
    h.build().ok();
    let pages = case_pages(&h);
    assert_eq!(pages.len(), 40);
    let mut count: HashMap<[String; 5], usize> = HashMap::new();
    for (_, f, _) in &pages {
        *count.entry(quasi(f)).or_default() += 1;
    }
    assert!(count.values().all(|&n| n == 1), "{count:?}");

    // With min_group = 3, every combination on the pages is shared by 3.
    h.write(
        "site.toml",
        &format!("title = \"T\"\n[anonymize]\nmin_group = 3\n{SECTORS}"),
    );
    h.build().ok();
    let pages = case_pages(&h);
    assert_eq!(pages.len(), 40);
    let mut count: HashMap<[String; 5], usize> = HashMap::new();
    for (_, f, _) in &pages {
        *count.entry(quasi(f)).or_default() += 1;
    }
    for (combination, n) in &count {
        assert!(*n >= 3, "{combination:?} is shared by {n} cases");
    }
    // Coarsened, not emptied: something of each case is still said, and a
    // withheld value leaves no trace on its page.
    let sectors = pages
        .iter()
        .filter(|(_, f, _)| {
            matches!(
                f.get("Industry").map(String::as_str),
                Some("healthcare" | "professional services" | "industrial")
            )
        })
        .count();
    assert!(sectors > 0, "some industries become their sector");
    for (slug, f, page) in &pages {
        let i: usize = slug.trim_start_matches("case-").parse().expect("case-NN");
        assert!(
            !page.contains("Withheld") && !page.contains("withheld"),
            "{page}"
        );
        for (field, original) in [
            ("Industry", INDUSTRIES[i % 8]),
            ("Region", REGIONS[i % 5]),
            ("Service", service(i)),
        ] {
            if f.get(field).map(String::as_str) != Some(original) {
                assert!(
                    !page.contains(original),
                    "{slug}: its {field} \"{original}\" is coarsened yet on the page"
                );
            }
        }
        // The exact day never shows; the lede says what the facts say.
        assert!(page.contains(&f["Ended"]), "{page}");
    }
    // The library and the facet pages show the coarsened values.
    let library = h.read("public/cases/index.html");
    for (_, f, _) in &pages {
        if let Some(industry) = f.get("Industry") {
            assert!(library.contains(industry.as_str()));
        }
    }
    // Facet pages (`cases/industry/<value>/`), where the theme has them,
    // exist for published values only.
    if h.exists("public/cases/industry") {
        for industry in INDUSTRIES {
            let slug = industry.to_lowercase().replace(' ', "-");
            let shown = pages
                .iter()
                .any(|(_, f, _)| f.get("Industry").map(String::as_str) == Some(industry));
            assert_eq!(
                h.exists(&format!("public/cases/industry/{slug}/index.html")),
                shown,
                "{industry}"
            );
        }
    }
    // check says what it coarsened for which case, and that k was reached.
    let r = h.run(&["check"]);
    r.ok();
    assert!(
        r.stderr
            .contains("k-anonymity: k = 3 reached (min_group 3)"),
        "{}",
        r.stderr
    );
    let notes = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("note: k-anonymity: Client ") && l.contains("(cases/case-"))
        .count();
    assert_eq!(notes, 40, "{}", r.stderr);
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
}

#[test]
fn a_case_alone_in_its_year_is_a_warning_naming_its_file() {
    let h = Handbook::new()
        .with("content/chapters/postmortems.md", CHAPTER)
        .with("content/cases/a.yaml", RECORD)
        .with(
            "content/cases/b.yaml",
            &RECORD
                .replace("2025-03-31", "2025-03-02")
                .replace("Harbor Freight", "Kestrel"),
        )
        .with(
            "content/cases/c.yaml",
            &with_story("Their Pacific Northwest office called first.")
                .replace("2025-03-31", "2026-01-02")
                .replace("Harbor Freight", "Osprey"),
        );
    let r = h.run(&["check"]);
    r.ok()
        .says("k-anonymity: k = 1 reached, not 2: 1 of 3 cases")
        .says("lower [anonymize] min_group:\n  content/cases/c.yaml")
        // Its story still names the region its page no longer says.
        .says("k-anonymity: the text of the case names its region \"Pacific Northwest\", which its page no longer says")
        .says("content/cases/c.yaml");
    h.build().ok();
    // Alone, it still publishes no more than its year.
    let c = facts(&h.read("public/cases/c/index.html"));
    assert_eq!(
        quasi(&c),
        [
            "2026".to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new()
        ]
    );
    let a = facts(&h.read("public/cases/a/index.html"));
    assert_eq!(a["Ended"], "March 2025");
    assert_eq!(a["Region"], "Pacific Northwest");
}

/// An edit to one case that changes another's coarsening re-publishes the
/// other too: `serve` gives the bytes of a clean build.
#[test]
fn an_edit_that_regroups_other_cases_rebuilds_them() {
    let h = Handbook::new().with("content/chapters/postmortems.md", CHAPTER);
    let clients = [
        ("a", "Harbor Freight"),
        ("b", "Kestrel"),
        ("c", "Osprey"),
        ("d", "Plover"),
    ];
    let write = |name: &str, m: u32| {
        let client = clients.iter().find(|(n, _)| *n == name).expect("a case").1;
        let text = RECORD
            .replace("2025-03-31", &format!("2025-{m:02}-15"))
            .replace("Harbor Freight", client);
        h.write(&format!("content/cases/{name}.yaml"), &text);
        PathBuf::from(format!("content/cases/{name}.yaml"))
    };
    for (name, m) in [("a", 1), ("b", 1), ("c", 2), ("d", 2)] {
        write(name, m);
    }
    let mut p = Pipeline::new(h.dir.path(), false, Mode::Build);
    assert!(p.run(&Changes::All).ok);
    let ended = |p: &Pipeline, slug: &str| -> String {
        let f = p
            .files()
            .iter()
            .find(|f| f.path == format!("cases/{slug}/index.html"))
            .expect("the page");
        facts(&String::from_utf8_lossy(&f.bytes))["Ended"].clone()
    };
    assert_eq!(ended(&p, "a"), "January 2025");
    for (edit, m, want) in [
        // c and d are each alone: together they publish the quarter.
        (
            "d",
            3,
            ["January 2025", "January 2025", "Q1 2025", "Q1 2025"],
        ),
        // c is alone: the first spare of a, b and d joins it (by file name).
        (
            "d",
            1,
            ["Q1 2025", "January 2025", "Q1 2025", "January 2025"],
        ),
        // Everyone in January.
        ("c", 1, ["January 2025"; 4]),
    ] {
        let touched = write(edit, m);
        let run = p.run(&Changes::Paths(vec![touched]));
        assert!(run.ok, "{}", run.diagnostics.render_human());
        let now: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| ended(&p, s)).collect();
        assert_eq!(now, want, "after moving {edit} to month {m}");
        let (fresh, _) = exitbook::generate(h.dir.path(), false, Mode::Build);
        let fresh: BTreeMap<String, Vec<u8>> = fresh
            .expect("a clean build")
            .files
            .into_iter()
            .map(|f| (f.path, f.bytes))
            .collect();
        let kept: BTreeMap<String, Vec<u8>> = p
            .files()
            .iter()
            .map(|f| (f.path.clone(), f.bytes.clone()))
            .collect();
        assert_eq!(
            kept.keys().collect::<Vec<_>>(),
            fresh.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &fresh {
            assert!(
                kept[path] == *bytes,
                "{path} differs from a clean build after moving {edit} to month {m}"
            );
        }
    }
}

/// A build with the scrubber's test switch `what` (debug builds only).
fn build_without(h: &Handbook, what: &str) -> crate::common::Run {
    let out = crate::common::exitbook()
        .arg("build")
        .current_dir(h.dir.path())
        .env("EXITBOOK_TEST_SKIP_REPLACEMENT", what)
        .output()
        .expect("the exitbook binary runs");
    crate::common::Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn the_gate_refuses_a_cases_own_exact_day_and_amount_on_its_own() {
    // The record's own exit day and refund, written in prose; a chapter
    // with the same month and a round amount, which other pages may hold.
    let record = with_story(
        "The client left on 31 March 2025 (notice by email, 31.03.2025), after we refunded $2,340.",
    )
    .replace(
        "outcome: exited\n",
        "outcome: exited\nnegotiation:\n  refund: { amount: 2340, currency: USD }\n",
    );
    let chapter = CHAPTER.replace(
        "Text.",
        "Most exits in March 2025 asked for $2,000 back; on 30 March 2025 we met.",
    );
    let h = Handbook::new()
        .with("site.toml", &site_toml(""))
        .with("content/chapters/postmortems.md", &chapter)
        .with("content/cases/late-proofs.yaml", &record);
    let r = build_without(&h, "quasi");
    r.fails().no_panic();
    for field in ["exit.date", "negotiation.refund"] {
        r.says(&format!(
            "the output file `cases/late-proofs/index.html` would publish `{field}` of content/cases/late-proofs.yaml"
        ));
    }
    r.never_says("postmortems")
        .never_says("31 March")
        .never_says("31.03")
        .never_says("2,340");
    // With the prose rewritten, the same handbook is published.
    h.build().ok();
    assert!(
        h.read("public/cases/late-proofs/index.html")
            .contains("The client left in March 2025"),
        "the case's prose is published at month precision"
    );
    // At day precision and exact money, nothing of it is refused.
    h.write(
        "site.toml",
        &site_toml("dates = \"day\"\nmoney = \"exact\"\n"),
    );
    build_without(&h, "quasi").ok();
}

/// A handbook of the record `late-proofs.yaml` and the chapter its story
/// links to.
fn late_proofs(record: &str) -> Handbook {
    Handbook::new()
        .with("site.toml", &site_toml(""))
        .with("content/chapters/postmortems.md", CHAPTER)
        .with("content/cases/late-proofs.yaml", record)
}

/// A US date with a two-digit year (`3/31/25`) and a month between dashes
/// (`31-Mar-25`), as teams write them in notes: generalised by the
/// scrubber, and the case's own exact day refused by the gate on its own.
#[test]
fn short_years_and_dashed_months_are_dates_too() {
    let record = with_story("The client left on 3/31/25, and the notice of 31-Mar-25 said so.");
    let h = late_proofs(&record);
    h.build().ok();
    let page = h.read("public/cases/late-proofs/index.html");
    assert!(
        page.contains("The client left in March 2025, and the notice of March 2025 said so."),
        "both dates at month precision"
    );
    let r = build_without(&h, "quasi");
    r.fails().no_panic();
    r.says("would publish `exit.date` of content/cases/late-proofs.yaml");
    r.never_says("3/31").never_says("31-Mar");
}

/// An exact amount of the case's own written with a space after its sign
/// or with the sign after it (`$ 812`, `812$`): generalised by the
/// scrubber, and refused by the gate on its own.
#[test]
fn an_own_amount_with_its_sign_apart_or_after_is_refused() {
    let record = with_story("We refunded $ 812 in the end, and 812$ was the first offer.").replace(
        "outcome: exited\n",
        "outcome: exited\nnegotiation:\n  refund: { amount: 812, currency: USD }\n",
    );
    let h = late_proofs(&record);
    h.build().ok();
    let page = h.read("public/cases/late-proofs/index.html");
    assert!(!page.contains("812"), "the amount is banded");
    let r = build_without(&h, "quasi");
    r.fails().no_panic();
    r.says("would publish `negotiation.refund` of content/cases/late-proofs.yaml");
    r.never_says("812");
}
