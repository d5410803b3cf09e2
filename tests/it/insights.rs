//! `insights/`: figures across every case, as a team lead reads them: the
//! right counts, no group smaller than `min_group` shown on its own, dates
//! never finer than published, and a link to the page from every page.

use crate::common::{CHAPTER, Handbook, RECORD, broken_links};

/// A record with the given reason, outcome, initiator, exit date and
/// whether a thank-you was sent.
pub(crate) fn record(reason: &str, outcome: &str, by: &str, date: &str, thanked: bool) -> String {
    RECORD
        .replace("reason: complaint", &format!("reason: {reason}"))
        .replace("outcome: exited", &format!("outcome: {outcome}"))
        .replace("initiated_by: client", &format!("initiated_by: {by}"))
        .replace("2025-03-31", date)
        + &format!("farewell:\n  thank_you_sent: {thanked}\n")
}

/// Seven cases: reasons complaint ×3, budget ×2, price ×1, competitor ×1;
/// outcomes exited ×4, retained ×2, returned ×1; exits in January (2),
/// February (3) and March (2) 2025; four thank-you notes.
fn seven() -> Handbook {
    let cases = [
        ("complaint", "exited", "client", "2025-01-05", true),
        ("complaint", "exited", "client", "2025-01-20", true),
        ("complaint", "retained", "us", "2025-02-03", true),
        ("budget", "retained", "client", "2025-02-14", false),
        ("budget", "exited", "mutual", "2025-02-27", false),
        ("price", "exited", "client", "2025-03-02", true),
        ("competitor", "returned", "mutual", "2025-03-30", false),
    ];
    let mut h = Handbook::new().with("content/chapters/postmortems.md", CHAPTER);
    for (i, (reason, outcome, by, date, thanked)) in cases.into_iter().enumerate() {
        h = h.with(
            &format!("content/cases/case-{i}.yaml"),
            &record(reason, outcome, by, date, thanked),
        );
    }
    h
}

/// The HTML of the chart section with this id.
fn chart<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page
        .find(&format!("<section class=\"chart\" id=\"{id}\""))
        .unwrap_or_else(|| panic!("no chart {id} in:\n{page}"));
    let end = page[start..].find("</section>").expect("closed") + start;
    &page[start..end]
}

/// The (label, value) rows of a chart's table.
fn rows(section: &str) -> Vec<(String, String)> {
    section
        .split("<th scope=\"row\">")
        .skip(1)
        .map(|r| {
            let (label, rest) = r.split_once("</th>").expect("a row heading");
            let value = rest
                .split_once("<td class=\"num\">")
                .and_then(|(_, v)| v.split_once("</td>"))
                .map(|(v, _)| v)
                .expect("a value cell");
            (label.to_string(), value.to_string())
        })
        .collect()
}

fn pairs(rows: &[(&str, &str)]) -> Vec<(String, String)> {
    rows.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn the_insights_page_counts_the_cases() {
    let h = seven();
    h.build().ok();
    let page = h.read("public/insights/index.html");
    assert!(page.contains("all 7 published cases"), "{page}");
    assert_eq!(
        rows(chart(&page, "by-reason")),
        pairs(&[
            ("Complaint", "3"),
            ("Budget", "2"),
            ("Smaller groups combined", "2")
        ])
    );
    // "We did" (1) alone would be 7 − 4 − 2 by subtraction: "Both sides"
    // (2) joins it.
    assert_eq!(
        rows(chart(&page, "by-initiator")),
        pairs(&[("The client", "4"), ("Smaller groups combined", "3")])
    );
    assert_eq!(
        rows(chart(&page, "over-time")),
        pairs(&[
            ("January 2025", "2"),
            ("February 2025", "3"),
            ("March 2025", "2")
        ])
    );
    assert_eq!(
        rows(chart(&page, "negotiation")),
        pairs(&[("No negotiation recorded", "7")])
    );
    let door = rows(chart(&page, "door"));
    assert!(
        door.contains(&("Thank-you note sent".into(), "4 of 7".into())),
        "{door:?}"
    );
    // One client came back: the outcome chart does not show it, nor does
    // this one.
    assert!(!door.iter().any(|(l, _)| l == "Came back"), "{door:?}");
    // Every chart is an SVG with a title, and its numbers in a table.
    for id in [
        "by-reason",
        "by-outcome",
        "by-initiator",
        "over-time",
        "door",
    ] {
        let c = chart(&page, id);
        assert!(c.contains("<svg") && c.contains("role=\"img\""), "{c}");
        assert!(c.contains(&format!("aria-labelledby=\"{id}-title")), "{c}");
        assert!(c.contains("<h2 id=\"") && c.contains("<table"), "{c}");
    }
    // Drawn in the page: no script, nothing from outside the site.
    let main = page.split("<main").nth(1).unwrap();
    let main = main.split("</main>").next().unwrap();
    assert!(
        !main.contains("<script") && !main.contains("http"),
        "{main}"
    );
}

#[test]
fn a_group_smaller_than_min_group_is_not_shown_on_its_own() {
    let h = seven();
    h.build().ok();
    let page = h.read("public/insights/index.html");
    let outcome = chart(&page, "by-outcome");
    // One client came back: that count is not shown, nor its group's name,
    // and the next smallest group joins it so that 7 − 4 finds nothing.
    assert_eq!(
        rows(outcome),
        pairs(&[("Left", "4"), ("Smaller groups combined", "3")])
    );
    assert!(!outcome.contains(">Came back<"), "{outcome}");
    let reason = chart(&page, "by-reason");
    assert!(
        !reason.contains("Price") && !reason.contains("Competitor"),
        "{reason}"
    );
    assert!(
        reason.contains("not shown on their own"),
        "says so: {reason}"
    );
    assert!(page.contains("No count of fewer than 2 cases is shown on its own"));

    // A larger k combines more, and says so with its own number.
    h.write("site.toml", "title = \"T\"\n[anonymize]\nmin_group = 3\n");
    h.build().ok();
    let page = h.read("public/insights/index.html");
    assert_eq!(
        rows(chart(&page, "by-reason")),
        pairs(&[("Complaint", "3"), ("Smaller groups combined", "4")])
    );
    // Months of two exits are below 3: grouped by quarter, they are not.
    assert_eq!(rows(chart(&page, "over-time")), pairs(&[("Q1 2025", "7")]));
    assert!(page.contains("No count of fewer than 3 cases"));
    let door = rows(chart(&page, "door"));
    assert!(
        door.contains(&("Thank-you note sent".into(), "4 of 7".into())),
        "{door:?}"
    );

    // k above the number of cases: no chart at all.
    h.write("site.toml", "title = \"T\"\n[anonymize]\nmin_group = 8\n");
    h.build().ok();
    let page = h.read("public/insights/index.html");
    assert!(!page.contains("<svg") && !page.contains("<table"), "{page}");
}

#[test]
fn dates_are_never_finer_than_published() {
    let h = seven().with(
        "site.toml",
        "title = \"T\"\n[anonymize]\ndates = \"quarter\"\n",
    );
    h.build().ok();
    let page = h.read("public/insights/index.html");
    assert_eq!(rows(chart(&page, "over-time")), pairs(&[("Q1 2025", "7")]));
    for month in ["January", "February", "March"] {
        assert!(!page.contains(month), "{month} in:\n{page}");
    }
    // Published to the day: counted by month, not by day.
    h.write("site.toml", "title = \"T\"\n[anonymize]\ndates = \"day\"\n");
    h.build().ok();
    let page = h.read("public/insights/index.html");
    let time = rows(chart(&page, "over-time"));
    assert_eq!(time[0], ("January 2025".into(), "2".into()));
    let time = chart(&page, "over-time");
    assert!(!time.contains("5 January"), "{time}");
}

#[test]
fn every_page_links_to_insights() {
    let h = seven()
        .with(
            "site.toml",
            "title = \"T\"\n[[onboarding]]\npage = \"@/chapters/postmortems.md\"\n",
        )
        .with(
            "content/chapters/postmortems.pl.md",
            "---\ntitle: Analiza\n---\n\nTekst.\n",
        );
    h.build().ok();
    let mut pages = 0;
    for (path, bytes) in h.snapshot("public") {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        let depth = path.matches('/').count();
        let href = if depth == 0 {
            "insights/index.html".to_string()
        } else {
            format!("{}insights/index.html", "../".repeat(depth))
        };
        assert!(
            // (Named in the page's language, and marked on its own page.)
            html.contains(&format!("<a href=\"{href}\"")),
            "{path} has no link to {href}"
        );
    }
    assert!(pages > 10, "{pages} pages");
    assert_eq!(broken_links(&h.path("public")), Vec::<String>::new());

    h.write("site.toml", "title = \"T\"\npretty_urls = true\n");
    h.build().ok();
    let case = h.read("public/cases/case-0/index.html");
    assert!(
        case.contains("<a href=\"../../insights/\">Insights</a>"),
        "{case}"
    );
}

#[test]
fn a_handbook_without_cases_has_an_insights_page_that_says_so() {
    let h = Handbook::new().with("content/chapters/postmortems.md", CHAPTER);
    h.build().ok();
    let page = h.read("public/insights/index.html");
    assert!(page.contains("No cases yet"), "{page}");
    assert!(!page.contains("<svg"));
}

/// What a reader can work out from a chart: every count shown is at least
/// k and the counts add up to the total shown, so no count is hidden for a
/// subtraction to find.
fn nothing_hidden(page: &str, id: &str, total: usize, k: usize) {
    let rows = rows(chart(page, id));
    let mut sum = 0;
    for (label, value) in &rows {
        let n: usize = value
            .parse()
            .unwrap_or_else(|_| panic!("{id}: {label} shows {value:?}, not a count"));
        assert!(n >= k, "{id}: {label} shows {n}, below {k}");
        sum += n;
    }
    assert_eq!(
        sum,
        total,
        "{id}: {rows:?} leave {} to subtract",
        total - sum
    );
}

#[test]
fn subtraction_recovers_nothing() {
    // Twelve cases: complaint 5, budget 3, price 2, competitor 1, other 1;
    // exited 8, retained 3, returned 1; the client 9, us 2, mutual 1. Shown
    // as "fewer than 3", the one return would be 12 − 8 − 3.
    let cases = [
        ("complaint", "exited", "client", "2025-01-05", true),
        ("complaint", "exited", "client", "2025-01-20", true),
        ("complaint", "exited", "client", "2025-02-03", true),
        ("complaint", "retained", "us", "2025-02-14", false),
        ("complaint", "exited", "client", "2025-03-27", false),
        ("budget", "exited", "client", "2025-04-02", true),
        ("budget", "returned", "client", "2025-05-30", true),
        ("budget", "exited", "client", "2025-07-30", false),
        ("price", "retained", "us", "2025-08-30", true),
        ("price", "exited", "mutual", "2025-09-30", false),
        ("competitor", "retained", "client", "2025-11-30", true),
        ("other", "exited", "client", "2025-12-30", true),
    ];
    let mut h = Handbook::new()
        .with("content/chapters/postmortems.md", CHAPTER)
        .with("site.toml", "title = \"T\"\n[anonymize]\nmin_group = 3\n");
    for (i, (reason, outcome, by, date, thanked)) in cases.into_iter().enumerate() {
        h = h.with(
            &format!("content/cases/case-{i:02}.yaml"),
            &record(reason, outcome, by, date, thanked),
        );
    }
    h.build().ok();
    let page = h.read("public/insights/index.html");
    assert!(page.contains("all 12 published cases"), "{page}");
    for id in [
        "by-reason",
        "by-outcome",
        "by-initiator",
        "over-time",
        "negotiation",
    ] {
        nothing_hidden(&page, id, 12, 3);
    }
    assert_eq!(
        rows(chart(&page, "by-outcome")),
        pairs(&[("Left", "8"), ("Smaller groups combined", "4")])
    );
    // Shares: both sides at least k, or not shown; "came back" (1) is not
    // shown here since the outcome chart does not show it either.
    for (label, value) in rows(chart(&page, "door")) {
        if value.starts_with("not shown") {
            continue;
        }
        let (part, of) = value.split_once(" of ").expect("p of q");
        let (part, of): (usize, usize) = (part.parse().unwrap(), of.parse().unwrap());
        assert!(part >= 3 && of - part >= 3, "{label}: {value}");
    }
    assert!(
        !rows(chart(&page, "door"))
            .iter()
            .any(|(l, _)| l == "Came back"),
        "{page}"
    );
    // The smallest groups are named nowhere on the page.
    for small in ["Competitor", "Other", ">Price<", "Both sides"] {
        assert!(!page.contains(small), "{small} in:\n{page}");
    }
}
