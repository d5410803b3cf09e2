//! The onboarding path (issue 16): steps with progress kept in the
//! browser, the bar on every page of the path, exercises that hide what we
//! did until it is opened, and self-check questions.

use crate::common::Handbook;
use crate::common::chromium::{chromium, drive};

const SITE: &str = r#"title = "Path test"
[anonymize]
min_group = 1

[[onboarding]]
page = "@/chapters/talk.md"
note = "Start here: what to say. See [the postmortem](@/chapters/post.md)."
questions = [
  { q = "What do you say first?", a = "That you are sorry it came to this, and that you want to hear what happened." },
  { q = "Do you argue with the reasons?", a = "No: you ask about them." },
]

[[onboarding]]
page = "@/cases/badges.yaml"
note = "An exit after a complaint."

[[onboarding]]
page = "@/chapters/post.md#look-back"
title = "Looking back"

[[onboarding]]
page = "@/cases/quiet.yaml"
"#;

const BADGES: &str = "title: Misprinted badges\nclient:\n  name: Quorvex Dynamics\n  industry: logistics\nexit:\n  date: 2025-03-31\n  initiated_by: client\n  reason: complaint\n  trigger: Forty badges arrived with the names swapped.\nconversation:\n  what_happened: They felt like a small print job.\nnegotiation:\n  asked_for: A full refund of the badges.\n  offered: Sixty-five percent back, and a reprint at our cost.\n  outcome: countered\npostmortem:\n  root_causes: [The proof showed three samples.]\n  lessons: [Show every record in a proof.]\noutcome: exited\nchapters: [talk]\n";

const QUIET: &str = "title: A quiet exit\nclient:\n  name: Brimtall Foods\nexit:\n  date: 2024-05-31\n  initiated_by: mutual\n  reason: budget\noutcome: exited\n";

pub fn path() -> Handbook {
    let h = Handbook::new()
        .with("site.toml", SITE)
        .with(
            "content/chapters/talk.md",
            "---\ntitle: The exit talk\norder: 1\n---\n\n## Listen\n\nText.\n\n### Then ask\n\nMore.\n\n## Thank them\n\nText.\n",
        )
        .with(
            "content/chapters/post.md",
            "---\ntitle: The postmortem\norder: 2\n---\n\n## Look back\n\nText.\n",
        )
        .with("content/cases/badges.yaml", BADGES)
        .with("content/cases/quiet.yaml", QUIET);
    h.build().ok();
    h
}

#[test]
fn the_start_page_lists_the_steps_and_each_page_of_the_path_has_the_bar() {
    let h = path();
    let start = h.read("public/start/index.html");
    for needle in [
        "The exit talk",
        "Misprinted badges",
        "Looking back",
        "A quiet exit",
        // Case steps lead to their exercise, a chapter section to its heading.
        "href=\"../start/2/index.html\"",
        "href=\"../chapters/post/index.html#look-back\"",
        // Notes are Markdown, their `@/` links resolved.
        "<a href=\"../chapters/post/index.html\">the postmortem</a>",
        // Self-check answers behind closed details.
        "<details data-reveal><summary>Show the answer</summary>",
    ] {
        assert!(start.contains(needle), "start page: missing {needle}");
    }
    let talk = h.read("public/chapters/talk/index.html");
    assert!(talk.contains("Step 1 of 4"), "{talk}");
    assert!(talk.contains("Next: <a href=\"../../start/2/index.html\">Misprinted badges</a>"));
    assert!(
        talk.contains("What do you say first?"),
        "the step's questions on its page"
    );
    let exercise = h.read("public/start/4/index.html");
    assert!(exercise.contains("Step 4 of 4") && exercise.contains("The last step"));
    let case = h.read("public/cases/badges/index.html");
    assert!(case.contains("Step 2 of 4") && case.contains("href=\"../../start/2/index.html\""));
    // The table of contents nests subsections (no 2 for "Then ask").
    let toc = talk
        .split("class=\"toc-list\"")
        .nth(1)
        .unwrap()
        .split("</nav>")
        .next()
        .unwrap();
    assert!(
        toc.contains("Listen</a>\n  <ol><li><a href=\"#then-ask\">"),
        "{toc}"
    );
    assert_eq!(
        crate::common::broken_links(&h.path("public")),
        Vec::<String>::new()
    );
}

#[test]
fn a_step_to_a_missing_heading_is_an_error_with_a_suggestion() {
    let h = path();
    h.write("site.toml", &SITE.replace("#look-back", "#look-bak"));
    h.build()
        .fails()
        .says("site.toml")
        .says("onboarding step 3")
        .says("no heading `#look-bak`")
        .says("did you mean `#look-back`?");
}

#[test]
fn progress_marked_on_two_steps_survives_a_reload_and_shows_on_the_start_page() {
    let Some(bin) = chromium() else { return };
    let h = path();
    let out = drive(
        &bin,
        &h.path("public"),
        None,
        false,
        r#"
await h.open('chapters/talk/index.html');
h.doc().querySelector('.path-bar [data-mark-done]').click();
await h.open('start/2/index.html');
h.doc().querySelector('.step-end [data-mark-done]').click();
await h.open('start/index.html');
const d = h.doc();
h.record('done', Array.from(d.querySelectorAll('.steps > li.is-done')).map(li => li.id));
h.record('progress', d.querySelector('[data-progress-text]').textContent);
h.record('continue', d.querySelector('[data-continue-link]').getAttribute('href'));
h.record('pressed', d.querySelector('#step-2 [data-mark-done]').getAttribute('aria-pressed'));
await h.open('chapters/talk/index.html');
h.record('bar', h.doc().querySelector('.path-bar [data-mark-done]').getAttribute('aria-pressed'));
"#,
    );
    assert_eq!(out["done"], serde_json::json!(["step-1", "step-2"]));
    assert_eq!(out["progress"], "2 of 4 steps done · 2 left");
    assert_eq!(out["continue"], "../chapters/post/index.html#look-back");
    assert_eq!(out["pressed"], "true");
    assert_eq!(out["bar"], "true");
}

#[test]
fn an_exercise_hides_what_we_did_until_revealed_and_keeps_the_answer() {
    let Some(bin) = chromium() else { return };
    let h = path();
    let out = drive(
        &bin,
        &h.path("public"),
        None,
        false,
        r#"
const text = () => h.doc().body.innerText;
await h.open('start/2/index.html');
let d = h.doc();
h.record('closed', Array.from(d.querySelectorAll('details[data-reveal]')).every(x => !x.open));
h.record('ask_shown', text().includes('A full refund of the badges.'));
h.record('offer_hidden', !text().includes('Sixty-five percent back'));
h.record('lesson_hidden', !text().includes('Show every record in a proof.'));
h.type(d.querySelector('textarea[data-answer]'), 'I would apologise, then offer a reprint.');
await h.open('start/2/index.html');
d = h.doc();
h.record('kept', d.querySelector('textarea[data-answer]').value);
d.querySelector('details[data-reveal] > summary').click();
h.record('offer_after', text().includes('Sixty-five percent back'));
const compare = d.querySelector('[data-compare]');
compare.open = true;
h.record('compare', compare.innerText);
"#,
    );
    assert_eq!(out["closed"], true);
    assert_eq!(out["ask_shown"], true, "the client's ask comes first");
    assert_eq!(out["offer_hidden"], true, "what we offered is hidden");
    assert_eq!(out["lesson_hidden"], true, "the postmortem is hidden");
    assert_eq!(out["kept"], "I would apologise, then offer a reprint.");
    assert_eq!(out["offer_after"], true);
    let compare = out["compare"].as_str().unwrap();
    assert!(
        compare.contains("I would apologise, then offer a reprint.")
            && compare.contains("Sixty-five percent back"),
        "{compare}"
    );
}

#[test]
fn an_exercise_works_without_javascript() {
    let Some(bin) = chromium() else { return };
    let h = path();
    let dom = crate::library::dom_without_scripts(&bin, &h.path("public"), "start/2/index.html");
    assert!(dom.contains("A full refund of the badges."), "{dom}");
    assert!(dom.contains("<textarea id=\"answer\""), "a box to write in");
    // Each part of what happened is in a closed <details>, which opens
    // without a script; the offer is in one.
    let reveals: Vec<&str> = dom
        .split("<details class=\"reveal\" data-reveal=\"\"")
        .skip(1)
        .collect();
    assert!(reveals.len() >= 3, "{dom}");
    assert!(reveals.iter().all(|r| !r.starts_with(" open")));
    assert!(reveals[0].contains("Sixty-five percent back"));
    // What needs the script stays out of the way.
    assert!(
        dom.contains("data-mark-done=\"cases/badges/\" aria-pressed=\"false\" hidden=\"\""),
        "{dom}"
    );
}

/// The path of [`path`], with a fifth step back on the first step's page
/// (a chapter that is two steps, as the practice kit is on days 1 and 5).
fn path_twice_on_a_page() -> Handbook {
    let h = path();
    h.write(
        "site.toml",
        &format!(
            "{SITE}\n[[onboarding]]\npage = \"@/chapters/talk.md#thank-them\"\nnote = \"Back to the talk.\"\nquestions = [{{ q = \"Whom do you thank?\", a = \"Everyone on the account.\" }}]\n"
        ),
    );
    h.build().ok();
    h
}

#[test]
fn a_page_that_is_two_steps_is_linked_as_each_and_shows_both_without_a_script() {
    let h = path_twice_on_a_page();
    let start = h.read("public/start/index.html");
    assert!(
        start.contains("href=\"../chapters/talk/index.html?step=1\"")
            && start.contains("href=\"../chapters/talk/index.html?step=5#thank-them\""),
        "{start}"
    );
    // A page that is one step is linked as before.
    assert!(start.contains("href=\"../chapters/post/index.html#look-back\""));
    let four = h.read("public/start/4/index.html");
    assert!(
        four.contains("Next: <a href=\"../../chapters/talk/index.html?step=5#thank-them\">"),
        "{four}"
    );
    let talk = h.read("public/chapters/talk/index.html");
    for needle in [
        "Step 1 of 5",
        "Step 5 of 5",
        "What do you say first?",
        "Whom do you thank?",
        "data-mark-done=\"chapters/talk/\"",
        "data-mark-done=\"chapters/talk/#thank-them\"",
    ] {
        assert!(talk.contains(needle), "talk: missing {needle}");
    }
    assert_eq!(
        crate::common::broken_links(&h.path("public")),
        Vec::<String>::new()
    );
}

#[test]
fn a_page_that_is_two_steps_shows_the_step_its_link_names() {
    let Some(bin) = chromium() else { return };
    let h = path_twice_on_a_page();
    let out = drive(
        &bin,
        &h.path("public"),
        None,
        false,
        r#"
const shown = sel => Array.from(h.doc().querySelectorAll(sel)).filter(e => e.offsetParent !== null);
const seen = name => {
  h.record(name + '_bar', shown('.path-bar .path-where').map(e => e.textContent.replace(/\s+/g, ' ').trim()));
  h.record(name + '_questions', shown('.self-check .q').map(e => e.textContent.trim()));
};
// From step 4, "Next" leads to step 5 on the page of step 1.
await h.open('start/4/index.html');
const next = new URL(h.doc().querySelector('.path-bar .path-next a').getAttribute('href'), h.doc().URL).href;
await h.open(next.slice(h.base.length));
seen('next');
shown('.path-bar [data-mark-done]')[0].click();
await h.open('start/index.html');
h.record('done', Array.from(h.doc().querySelectorAll('.steps > li.is-done')).map(li => li.id));
// Without a step named: the first step not yet done.
await h.open('chapters/talk/index.html');
seen('plain');
// A fragment that is a step's section names that step.
await h.open('chapters/talk/index.html#thank-them');
seen('fragment');
"#,
    );
    assert_eq!(
        out["next_bar"],
        serde_json::json!(["Step 5 of 5 · The last step"])
    );
    assert_eq!(
        out["next_questions"],
        serde_json::json!(["Whom do you thank?"])
    );
    assert_eq!(out["done"], serde_json::json!(["step-5"]));
    assert_eq!(
        out["plain_questions"],
        serde_json::json!(["What do you say first?", "Do you argue with the reasons?"])
    );
    assert_eq!(
        out["fragment_questions"],
        serde_json::json!(["Whom do you thank?"])
    );
}
