//! Search relevance (issue 17): questions as a new hire asks them, in
//! their own words, on a small handbook written the way a team writes one.
//! The handbook says *client*, *leave*, *refund*, *part ways*, *unhappy*,
//! *postmortem*, *thank-you*, *follow-up*; the questions say *customer*,
//! *quit*, *money back*, *fire*, *angry*, *retro*, `thankyou`, `followup`,
//! ask whole questions, type Polish without its letters, and quote phrases
//! made of small words. Each must put one page first, in Chromium, from
//! `file://`, typed into the search page as a reader types.

use crate::common::Handbook;
use crate::common::chromium::{chromium, drive};

const SITE: &str = "title = \"Client exits\"\n\n[search.synonyms]\noffboarding = [\"part ways\", \"parting ways\"]\n";

const EXIT_CONVERSATION: &str = "---
title: The exit conversation
order: 1
summary: What to say, and what to ask, when a client tells you they are leaving.
tags: [conversation, feedback]
---

A client has just told you they are leaving. This chapter is the conversation that follows, so
that the client goes away feeling heard and we learn something we did not know.

## When this applies

Use it once a client has decided to stop working with us: they gave notice, cancelled, or told
you they will not renew. If they are unhappy but undecided, read [handling a complaint](@/chapters/complaints.md).

## What to say

Open with one honest sentence: you are sorry they are going, and you respect that they know what
they need. Remember that it is not about you: the client is telling you about their business.
Then ask three questions and listen far more than you talk.

## The three questions

1. What happened, from their side?
2. What could we have done differently?
3. What do they need to feel complete?

Take notes. Do not defend, correct or explain.

## Counter-offers

Sometimes the client's ask is more than we can give. Make a counter-offer and give the reason:
part of the fee back, a final deliverable at cost. A flat no and a grudging yes both leave damage.

## After the call

Confirm in writing what you agreed, and book the [postmortem](@/chapters/postmortems.md) if the
exit followed a complaint.
";

const REFUNDS: &str = "---
title: Refunds and credits
order: 2
summary: When to give part of the fee back, how much, and how to say no.
tags: [refunds, negotiation]
---

## When to give a refund

A refund is fair when the client paid for work that did not do its job: late, wrong, or never
delivered. It is not a punishment, and it is not a reward for shouting.

## How much to give

Decide the range with your lead before the call. Most refunds we give are between a quarter and
a half of the last invoice. Write the figure down before you dial.

## Saying no

Sometimes the answer is no. Say it plainly and early: we will not be able to refund the full fee,
and here is what we can do instead. Offer the alternative in the same breath.

## Credits instead of cash

A credit against future work keeps the relationship going and costs less than cash. Offer it to
clients who plan to stay; a client who is leaving needs money, not credit.
";

const COMPLAINTS: &str = "---
title: Handling a complaint
order: 3
summary: What to do when a client is unhappy with our work.
tags: [complaints]
---

## The first reply

Reply as soon as you can, even before you have an answer. A short note that says we have seen
it and who is looking into it calms most clients down.

## When the client is upset

An unhappy client wants to be heard before they want a fix. Let them finish. Do not argue about
whose fault it was, and never blame their staff. If the call gets heated, say that you will
call back within the hour, and do.

## Fixing it

Agree one owner for the fix and a date. Tell the client when it is done, not only when it is
planned. If we are not able to fix it, say so and talk about a refund.
";

const PARTING_WAYS: &str = "---
title: Parting ways with a bad-fit client
order: 4
summary: \"When the client is not a bad person but a bad fit: repair the relationship, or part well.\"
tags: [bad-fit]
---

## Repair or part ways

Some clients are a bad fit: the work they want is not the work we do well, or the way they work
wears the team down. Try one honest conversation about scope first.

## How to end the engagement

If nothing changes, we end it, politely and on paper. Give the notice the contract asks for,
finish the work in progress, and hand over every file. Never end it in the middle of a launch.

## What to put in writing

A short letter: the date the engagement ends, what we will deliver before then, and a thank-you
for the work we did together.
";

const POSTMORTEMS: &str = "---
title: The postmortem
order: 5
summary: How to look back at a lost client and learn from it, without blame.
tags: [postmortem]
---

## When to hold one

After every exit that followed a complaint, and after any exit that surprised us. Book it within
a week, while people still remember.

## Who to invite

The account owner, someone from production, and one person who was not involved, to keep the
discussion honest. One of us takes notes.

## Root causes

Look for the final straw, then for what made it possible. A root cause is a process, never a
person.

## Writing it up

Write down the lessons and one action for each, with an owner and a date. Put it in the
case's exit record.
";

const DOOR_OPEN: &str = "---
title: Leaving the door open
order: 6
summary: How an exit ends decides whether the client comes back.
tags: [farewell]
---

## A thank-you card

Send a handwritten thank-you card once the last job is delivered. Name one thing you enjoyed
about working together.

## The follow-up call

Three months later, make a short follow-up call. Ask how things are going, not whether they
want to come back.

## Referrals

Clients who left on good terms send us others. Thank them for every referral.
";

const WARNING_SIGNS: &str = "---
title: Early warning signs
order: 7
summary: The signs that a client may leave soon, and what to do about them.
tags: [churn-risk]
---

## What to watch

Usage drops, slower replies, a new decision maker, a budget review, invoices paid late. Each alone
means little; two together are a churn risk.

## When a client goes quiet

A client who stops answering is often already looking elsewhere. Check in by phone, not by
email, and ask an open question.
";

const PARTING_WAYS_PL: &str = "---
title: Rozstanie z klientem, który do nas nie pasuje
summary: Naprawić relację albo rozstać się w dobrym stylu.
---

## Naprawić czy się rozstać

Niektórzy klienci do nas nie pasują: chcą pracy, której nie robimy dobrze. Najpierw jedna szczera
rozmowa o zakresie.

## Jak zakończyć współpracę

Jeśli nic się nie zmienia, kończymy współpracę uprzejmie i na piśmie. Dajemy okres
wypowiedzenia z umowy, kończymy bieżące prace i przekazujemy wszystkie pliki.
";

const REFUNDS_PL: &str = "---
title: Zwroty i rekompensaty
summary: Kiedy oddać część pieniędzy, ile i jak odmówić.
---

## Kiedy zwrot pieniędzy jest uczciwy

Zwrot jest uczciwy, gdy klient zapłacił za pracę, która nie spełniła swojego zadania. Reklamację
klienta traktujemy poważnie i odpowiadamy tego samego dnia.

## Rekompensata zamiast gotówki

Rabat na przyszłe zlecenia kosztuje mniej niż zwrot gotówki.
";

/// A record with the fields every case here shares; `body` adds the rest.
fn record(title: &str, client: &str, industry: &str, exit: &str, body: &str) -> String {
    format!(
        "title: {title}\nclient:\n  name: {client}\n  industry: {industry}\n  region: Midlands\ncontacts:\n  - name: Morgan Ashdown\n    role: Managing Director\nowner: Robin Talley\n{exit}{body}"
    )
}

fn cases() -> Vec<(&'static str, String)> {
    vec![
        (
            "late-brochure-refund",
            record(
                "A late brochure and a partial refund",
                "Kestrel Optics",
                "retail",
                "exit:\n  date: 2025-02-10\n  initiated_by: client\n  reason: complaint\n",
                "  summary: |\n    The printed brochures arrived two days after the product launch they were made for. The client asked for the whole fee back. We returned forty per cent and reprinted the brochures at cost.\nconversation:\n  what_happened: The launch went ahead with no brochures on the stand.\nnegotiation:\n  asked_for: The whole fee back.\n  offered: Forty per cent back and a reprint at cost.\n  outcome: accepted\npostmortem:\n  lessons:\n    - Ask for the event date, not only the delivery date.\noutcome: retained\ntags: [print, deadlines]\n",
            ),
        ),
        (
            "cheaper-agency",
            record(
                "Lost to a cheaper agency, back within a year",
                "Fernbrook Dairy",
                "food",
                "exit:\n  date: 2024-03-01\n  initiated_by: client\n  reason: competitor\n",
                "  summary: |\n    The client moved to a cheaper agency after a tender. Eleven months later the new agency missed two deadlines and the client came back.\nfarewell:\n  thank_you_sent: true\n  returned: 2025-02-01\noutcome: returned\ntags: [tender, pricing]\n",
            ),
        ),
        (
            "dental-budget",
            record(
                "A budget freeze at a dental practice",
                "Brightsmile Clinic",
                "dental practice",
                "exit:\n  date: 2024-09-15\n  initiated_by: client\n  reason: budget\n",
                "  summary: |\n    The practice froze all marketing spend for a year after a bad quarter. There was nothing wrong with the work.\noutcome: exited\ntags: [marketing]\n",
            ),
        ),
        (
            "new-marketing-director",
            record(
                "A new marketing director brought her own agency",
                "Northgate Hotels",
                "hospitality",
                "exit:\n  date: 2024-06-30\n  initiated_by: client\n  reason: leadership-change\n",
                "  summary: |\n    A new marketing director joined in the spring and moved the account to the agency she had worked with before. We had never met her.\npostmortem:\n  lessons:\n    - Meet every new decision maker within a month of their start.\noutcome: exited\ntags: [stakeholders]\n",
            ),
        ),
        (
            "we-ended-it",
            record(
                "We ended a retainer that did not fit",
                "Quarry Lane Studio",
                "architecture",
                "exit:\n  date: 2024-11-30\n  initiated_by: us\n  reason: bad-fit\n",
                "  summary: |\n    Every month the scope grew and the extra work went unpaid. After two honest conversations changed nothing, we gave notice and handed over every file.\noutcome: exited\ntags: [scope]\n",
            ),
        ),
        (
            "defensive-call",
            record(
                "A colour error, a defensive call, and no apology",
                "Sowa Printing",
                "printing",
                "exit:\n  date: 2024-06-14\n  initiated_by: client\n  reason: complaint\n",
                "  summary: |\n    Wedding invitations were printed with the wrong colour profile. On the call our account owner argued that the proof had been approved instead of apologising, and the client ended the contract.\npostmortem:\n  root_causes:\n    - Nobody agreed what we could offer before the call.\noutcome: exited\ntags: [colour]\n",
            ),
        ),
        (
            "downgrade",
            record(
                "A downgrade instead of cancelling",
                "Tidewater Tours",
                "travel",
                "exit:\n  date: 2025-01-20\n  initiated_by: client\n  reason: needs-changed\n",
                "  summary: |\n    The client wanted to cancel because they no longer needed monthly campaigns. We offered a smaller plan with one campaign a quarter, and they stayed.\noutcome: retained\ntags: [plans]\n",
            ),
        ),
        (
            "quiet-client",
            record(
                "A client who went quiet",
                "Hollis Freight",
                "logistics",
                "exit:\n  date: 2024-04-15\n  initiated_by: client\n  reason: other\n",
                "  summary: |\n    Replies slowed down over the winter and then stopped. Nobody picked up the phone to ask why. In April a short email said the contract would not be renewed.\noutcome: exited\ntags: [silence]\n",
            ),
        ),
    ]
}

fn handbook() -> Handbook {
    let mut h = Handbook::new()
        .with("site.toml", SITE)
        .with("content/chapters/exit-conversation.md", EXIT_CONVERSATION)
        .with("content/chapters/refunds.md", REFUNDS)
        .with("content/chapters/complaints.md", COMPLAINTS)
        .with("content/chapters/parting-ways.md", PARTING_WAYS)
        .with("content/chapters/postmortems.md", POSTMORTEMS)
        .with("content/chapters/door-open.md", DOOR_OPEN)
        .with("content/chapters/warning-signs.md", WARNING_SIGNS)
        .with("content/chapters/parting-ways.pl.md", PARTING_WAYS_PL)
        .with("content/chapters/refunds.pl.md", REFUNDS_PL);
    for (name, text) in cases() {
        h = h.with(&format!("content/cases/{name}.yaml"), &text);
    }
    h.build().ok();
    h
}

/// Questions as a new hire types them, and the page that must come first.
const QUESTIONS: &[(&str, &str)] = &[
    // Their words, not the handbook's (synonyms, some of several words).
    ("customer wants their money back", "chapters/refunds/"),
    ("angry customer", "chapters/complaints/"),
    ("how do I fire a customer", "chapters/parting-ways/"),
    ("get rid of a difficult client", "chapters/parting-ways/"),
    ("let a client go", "chapters/parting-ways/"),
    ("retro after losing an account", "chapters/postmortems/"),
    ("how to run a retrospective", "chapters/postmortems/"),
    (
        "lessons learned after losing a client",
        "chapters/postmortems/",
    ),
    (
        "customer wants to quit, what do I say",
        "chapters/exit-conversation/",
    ),
    ("customer is furious", "chapters/complaints/"),
    ("signs a customer might churn", "chapters/warning-signs/"),
    // From site.toml's [search] synonyms.
    ("offboarding", "chapters/parting-ways/"),
    // Joined and split words.
    ("thankyou card", "chapters/door-open/"),
    ("followup call", "chapters/door-open/"),
    ("counteroffer", "chapters/exit-conversation/"),
    ("counter offer", "chapters/exit-conversation/"),
    ("thank you card", "chapters/door-open/"),
    // Whole questions.
    (
        "what should I say when a client tells me they are leaving",
        "chapters/exit-conversation/",
    ),
    ("how do I handle a complaint", "chapters/complaints/"),
    ("how much should we refund", "chapters/refunds/"),
    (
        "who should I invite to a postmortem",
        "chapters/postmortems/",
    ),
    (
        "what do I do when a client goes quiet",
        "chapters/warning-signs/",
    ),
    (
        "should I send a card after they leave",
        "chapters/door-open/",
    ),
    // Polish, typed without its letters.
    ("zakonczenie wspolpracy", "pl/chapters/parting-ways/"),
    (
        "jak zakonczyc wspolprace z klientem",
        "pl/chapters/parting-ways/",
    ),
    ("zwrot pieniedzy", "pl/chapters/refunds/"),
    ("reklamacja klienta", "pl/chapters/refunds/"),
    ("rozstanie z klientem", "pl/chapters/parting-ways/"),
    // Quoted phrases made of small words.
    ("\"we will not be able to\"", "chapters/refunds/"),
    ("\"as soon as you can\"", "chapters/complaints/"),
    ("\"it is not about you\"", "chapters/exit-conversation/"),
    ("\"one of us\"", "chapters/postmortems/"),
    // Cases, in their words.
    ("client left for a cheaper agency", "cases/cheaper-agency/"),
    ("dental practice budget", "cases/dental-budget/"),
    (
        "new director brought her own agency",
        "cases/new-marketing-director/",
    ),
    ("brochures arrived late", "cases/late-brochure-refund/"),
    ("downgrade instead of cancelling", "cases/downgrade/"),
    ("customer stopped replying", "cases/quiet-client/"),
];

#[test]
fn questions_a_new_hire_asks_find_their_page_first() {
    let Some(bin) = chromium() else { return };
    let h = handbook();
    let questions: Vec<&str> = QUESTIONS.iter().map(|q| q.0).collect();
    let steps = format!(
        r#"
const doc = await h.open('search/index.html');
const list = h.list(), input = doc.getElementById('search-q');
await h.done(list);
const answers = [];
for (const q of {questions}) {{
  h.type(input, q);
  await h.done(list);
  answers.push(h.results(list).slice(0, 3).map(r => r.href));
}}
h.record('answers', answers);
"#,
        questions = serde_json::to_string(&questions).unwrap()
    );
    let v = drive(&bin, &h.path("public"), None, false, &steps);
    let mut failures = Vec::new();
    for ((q, want), got) in QUESTIONS.iter().zip(v["answers"].as_array().unwrap()) {
        let got: Vec<&str> = got
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap())
            .collect();
        if !got.first().is_some_and(|h| h.contains(want)) {
            failures.push(format!("{q:?}: wanted {want} first, got {got:?}"));
        }
    }
    assert!(
        QUESTIONS.len() >= 30,
        "at least 30 questions: {}",
        QUESTIONS.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} questions:\n{}",
        failures.len(),
        QUESTIONS.len(),
        failures.join("\n")
    );
}

/// Queries whose words are in the cases' stories: every case result whose
/// story has a word of the query shows the sentence that matched, with a
/// word marked; and every case result shows its reason and outcome as
/// badges (labels, not the records' values).
#[test]
fn every_case_found_in_its_story_shows_a_marked_word() {
    let Some(bin) = chromium() else { return };
    let h = handbook();
    let queries = [
        "brochures",
        "cheaper agency tender",
        "wrong colour profile",
        "smaller plan",
        "scope grew unpaid",
        "marketing spend",
        "nobody picked up the phone",
        "decision maker",
        "whole fee back",
        "argued instead of apologising",
        "refund",
    ];
    let steps = format!(
        r#"
const doc = await h.open('search/index.html');
const list = h.list(), input = doc.getElementById('search-q');
await h.done(list);
const out = {{}};
for (const q of {queries}) {{
  h.type(input, q);
  await h.done(list);
  out[q] = Array.from(list.querySelectorAll('[data-search-result]')).map(r => ({{
    href: r.querySelector('a[href]').getAttribute('href'),
    snippet: r.querySelector('.snippet').textContent,
    marks: Array.from(r.querySelectorAll('.snippet mark')).map(m => m.textContent),
    badges: Array.from(r.querySelectorAll('.badge')).map(b => b.textContent),
  }}));
}}
h.record('out', out);
"#,
        queries = serde_json::to_string(&queries).unwrap()
    );
    let v = drive(&bin, &h.path("public"), None, false, &steps);
    let mut cases_seen = 0;
    let mut failures = Vec::new();
    for q in queries {
        let results = v["out"][q].as_array().unwrap();
        assert!(!results.is_empty(), "{q}: no result");
        for r in results
            .iter()
            .filter(|r| r["href"].to_string().contains("cases/"))
        {
            let badges: Vec<&str> = r["badges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b.as_str().unwrap())
                .collect();
            if badges.len() != 2
                || badges
                    .iter()
                    .any(|b| b.contains('-') || b.chars().next().is_some_and(char::is_lowercase))
            {
                failures.push(format!("{q}: {} badges {badges:?}", r["href"]));
            }
            // Found in its story: a word of the query is in it as written.
            let story = story(r["href"].as_str().unwrap());
            let in_story = q.split(' ').filter(|w| w.len() > 3).any(|w| {
                story
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|s| s.eq_ignore_ascii_case(w))
            });
            if !in_story {
                continue;
            }
            cases_seen += 1;
            if r["marks"].as_array().unwrap().is_empty() {
                failures.push(format!(
                    "{q}: {} shows no marked word: {}",
                    r["href"], r["snippet"]
                ));
            }
        }
    }
    assert!(cases_seen >= 10, "cases found in their story: {cases_seen}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The snippet is a sentence of the story, not a list of fields.
    let brochure = &v["out"]["brochures"][0];
    assert!(
        brochure["snippet"]
            .as_str()
            .unwrap()
            .contains("brochures arrived two days after the product launch"),
        "{brochure}"
    );
}

/// The narrative of the case a result links to (`../cases/SLUG/…`), as
/// its record writes it.
fn story(href: &str) -> String {
    let slug = href
        .split("cases/")
        .nth(1)
        .unwrap_or("")
        .split('/')
        .next()
        .unwrap_or("");
    let (_, record) = cases()
        .into_iter()
        .find(|(name, _)| *name == slug)
        .unwrap_or_else(|| panic!("no case {slug}"));
    let from = record.find("summary:").unwrap_or(0);
    let to = record.find("\noutcome:").unwrap_or(record.len());
    record[from..to].to_string()
}
