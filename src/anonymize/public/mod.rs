//! What may be published about a case or a chapter: every text scrubbed,
//! every date and amount generalised, every enum turned into words.

use serde::Serialize;

use crate::anonymize::generalize::{self, PublicDate};
use crate::anonymize::kanon;
use crate::anonymize::scrub::{Scrubbed, Scrubber};
use crate::config::Config;
use crate::model::case::Case;
use crate::model::chapter::Chapter;
use crate::model::facts::{Fact, FactFields, FactValue};
use crate::model::record::{Date, Initiator, NegotiationOutcome, Outcome, Record};

mod words;
use words::{farewell, lede, timeline};

/// What may be published about one case. Markdown fields are scrubbed
/// Markdown source: render turns them into HTML.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicCase {
    pub slug: String,
    /// The client as published: its pseudonym.
    pub client: String,
    /// Plain text (Markdown markers removed).
    pub title: String,
    /// One sentence: who, where, when, why.
    pub lede: String,
    pub reason: String,
    pub reason_label: String,
    pub initiated_by: String,
    pub initiated_by_label: String,
    pub outcome: String,
    pub outcome_label: String,
    pub exit_date: PublicDate,
    pub notice: Option<PublicDate>,
    pub started: Option<PublicDate>,
    pub returned: Option<PublicDate>,
    pub industry: Option<String>,
    pub region: Option<String>,
    pub size: Option<String>,
    pub service: Option<String>,
    pub value: Option<String>,
    pub roles: Vec<String>,
    pub negotiation_outcome: Option<String>,
    pub negotiation_label: Option<String>,
    pub refund: Option<String>,
    /// Start, red flags, notice, exit and return, in order.
    pub timeline: Vec<TimelineEntry>,
    pub actions: Vec<PublicAction>,
    pub thank_you_sent: Option<bool>,
    pub feedback: Option<String>,
    pub referrals_since: Option<u32>,
    /// How the door was left open, as sentences.
    pub farewell: Vec<String>,
    /// The narrative fields, scrubbed.
    pub story: Story,
    /// The record's fields marked `x-fact` ([`crate::model::facts`]).
    pub facts: Vec<PublicFact>,
    /// Indices into `Site::chapters`.
    pub chapters: Vec<usize>,
    pub tags: Vec<String>,
    /// How far k-anonymity coarsened this case (its dates' precision, and
    /// which of industry, region, size and service it generalised).
    #[serde(skip)]
    pub coarsening: crate::anonymize::kanon::Coarsening,
}

/// The Markdown fields of a record, scrubbed (Markdown source).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Story {
    pub trigger: Option<String>,
    pub summary: Option<String>,
    pub what_happened: Option<String>,
    pub what_we_could_have_done_differently: Option<String>,
    pub what_they_need_to_feel_complete: Option<String>,
    pub asked_for: Option<String>,
    pub offered: Option<String>,
    pub final_straw: Option<String>,
    pub root_causes: Vec<String>,
    pub lessons: Vec<String>,
    /// Only with `[anonymize] publish_notes`.
    pub notes: Option<String>,
}

impl Story {
    /// Every text, in the order a case page shows them: the narrative
    /// fields, then the root causes and the lessons.
    pub fn texts(&self) -> impl Iterator<Item = &String> {
        [
            &self.trigger,
            &self.summary,
            &self.what_happened,
            &self.what_we_could_have_done_differently,
            &self.what_they_need_to_feel_complete,
            &self.asked_for,
            &self.offered,
            &self.final_straw,
            &self.notes,
        ]
        .into_iter()
        .flatten()
        .chain(&self.root_causes)
        .chain(&self.lessons)
    }

    /// Apply `f` to every text (render uses it to turn Markdown into HTML).
    pub fn map(&mut self, f: &dyn Fn(&str) -> String) {
        for t in [
            &mut self.trigger,
            &mut self.summary,
            &mut self.what_happened,
            &mut self.what_we_could_have_done_differently,
            &mut self.what_they_need_to_feel_complete,
            &mut self.asked_for,
            &mut self.offered,
            &mut self.final_straw,
            &mut self.notes,
        ]
        .into_iter()
        .flatten()
        {
            *t = f(t);
        }
        for t in self.root_causes.iter_mut().chain(self.lessons.iter_mut()) {
            *t = f(t);
        }
    }
}

/// A fact of the record as published: free text scrubbed, a date at the
/// case's precision; render labels it from `fact.<path>` in the page's
/// language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicFact {
    /// The field's dotted path (`engagement.channel`).
    pub path: String,
    /// `text`, `choice`, `number`, `flag` or `date`.
    pub kind: &'static str,
    /// The text, the choice as written in records, the number, `yes`/`no`,
    /// or the date as published.
    pub value: String,
    pub date: Option<PublicDate>,
}

impl PublicFact {
    fn new(f: Fact, scrub: &dyn Fn(&str) -> String, d: &dyn Fn(Date) -> PublicDate) -> Self {
        let (kind, value, date) = match f.value {
            FactValue::Text(t) => ("text", plain(&scrub(&t)), None),
            FactValue::Choice(c) => ("choice", c, None),
            FactValue::Number(n) => ("number", n, None),
            FactValue::Flag(b) => ("flag", if b { "yes" } else { "no" }.to_string(), None),
            FactValue::Date(x) => {
                let date = d(x);
                ("date", date.text.clone(), Some(date))
            }
        };
        PublicFact {
            path: f.path,
            kind,
            value,
            date,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    pub date: Option<PublicDate>,
    /// `started`, `red-flag`, `notice`, `exit`, `returned`.
    pub kind: &'static str,
    pub label: String,
    /// A red flag's note (scrubbed Markdown).
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicAction {
    /// Scrubbed Markdown.
    pub action: String,
    pub owner: Option<String>,
    pub due: Option<PublicDate>,
    pub status: Option<String>,
}

/// What may be published of a chapter.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicChapter {
    pub title: String,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    /// The scrubbed Markdown body, and how its offsets map to the file.
    pub body: Scrubbed,
}

pub fn chapter(s: &Scrubber<'_>, c: &Chapter) -> PublicChapter {
    PublicChapter {
        title: plain(&s.scrub_line(&c.meta.title, None)),
        summary: c
            .meta
            .summary
            .as_deref()
            .map(|t| plain(&s.scrub_line(t, None))),
        tags: c
            .meta
            .tags
            .iter()
            .map(|t| plain(&s.scrub_line(t, None)))
            .collect(),
        body: s.scrub(&c.body, None),
    }
}

fn enum_name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// A one-line Markdown value as plain text: emphasis and code markers go,
/// and character references are decoded, so that the template's escaping
/// is the only one (`Q&amp;A` reads "Q&A", not "Q&amp;amp;A").
pub fn plain(md: &str) -> String {
    let text = md
        .chars()
        .filter(|c| !matches!(c, '*' | '`' | '~'))
        .collect::<String>()
        .replace("__", "");
    decode_entities(text.trim()).trim().to_string()
}

/// Every HTML character reference in `text`, decoded.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(p) = text[at..].find('&') {
        let i = at + p;
        out.push_str(&text[at..i]);
        match crate::anonymize::view::entity(text, i, text.len()) {
            Some((c, n)) => {
                out.push(c);
                at = i + n;
            }
            None => {
                out.push('&');
                at = i + 1;
            }
        }
    }
    out.push_str(&text[at..]);
    out
}

/// The title of a case whose record has none, from its reason (as written
/// in records) and exit year, in the site's language: the interface text's
/// words, which the pipeline hands over.
pub type Untitled<'a> = dyn Fn(&str, u16) -> String + Sync + 'a;

/// Case `ci` (its index in `Site::cases`) as published, without its slug
/// and chapter links, which depend on the other cases and chapters and are
/// filled in by `Anonymizer::finish`.
///
/// `q` holds its quasi-identifiers as published and `coarsening` how far
/// k-anonymity generalises them (the dates of `s` are at its precision).
pub fn case(
    config: &Config,
    case: &Case,
    s: &Scrubber<'_>,
    (ci, client): (usize, &str),
    q: &kanon::Quasi,
    coarsening: kanon::Coarsening,
    untitled: &Untitled<'_>,
) -> PublicCase {
    let r: &Record = &case.record;
    let quasi = kanon::values(config, q, &coarsening);
    let p = quasi.dates;
    let m = config.anonymize.money;
    let d = |d: Date| generalize::date(d, p);
    let md = |t: &Option<String>| t.as_deref().map(|t| s.scrub(t, Some(ci)).text);
    let line = |t: &Option<String>| t.as_deref().map(|t| s.scrub_line(t, Some(ci)));
    let title = r
        .title
        .as_deref()
        .map(|t| plain(&s.scrub_line(t, Some(ci))))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| untitled(&enum_name(&r.exit.reason), r.exit.date.year));
    let outcome_label = match r.outcome {
        Outcome::Exited => "Left",
        Outcome::Retained => "Stayed: the exit was averted",
        Outcome::Returned => "Left, and later came back",
    };
    let initiated_by_label = match r.exit.initiated_by {
        Initiator::Client => "The client",
        Initiator::Us => "We did",
        Initiator::Mutual => "Both sides, together",
    };
    let negotiation_label = r.negotiation.as_ref().and_then(|n| n.outcome).map(|o| {
        match o {
            NegotiationOutcome::Accepted => "The client's ask was granted",
            NegotiationOutcome::Countered => "We made a counter-offer",
            NegotiationOutcome::Declined => "The ask was declined",
            NegotiationOutcome::NotNeeded => "Nothing needed negotiating",
        }
        .to_string()
    });
    let industry = quasi.industry;
    let region = quasi.region;
    let lede = lede(r, industry.as_deref(), region.as_deref(), &d(r.exit.date));
    let conv = r.conversation.as_ref();
    let neg = r.negotiation.as_ref();
    let pm = r.postmortem.as_ref();
    let story = Story {
        trigger: md(&r.exit.trigger),
        summary: md(&r.exit.summary),
        what_happened: conv.and_then(|c| md(&c.what_happened)),
        what_we_could_have_done_differently: conv
            .and_then(|c| md(&c.what_we_could_have_done_differently)),
        what_they_need_to_feel_complete: conv.and_then(|c| md(&c.what_they_need_to_feel_complete)),
        asked_for: neg.and_then(|n| md(&n.asked_for)),
        offered: neg.and_then(|n| md(&n.offered)),
        final_straw: pm.and_then(|p| md(&p.final_straw)),
        root_causes: pm.map_or(Vec::new(), |p| {
            p.root_causes
                .iter()
                .map(|t| s.scrub(t, Some(ci)).text)
                .collect()
        }),
        lessons: pm.map_or(Vec::new(), |p| {
            p.lessons
                .iter()
                .map(|t| s.scrub(t, Some(ci)).text)
                .collect()
        }),
        notes: if config.anonymize.publish_notes {
            md(&r.notes)
        } else {
            None
        },
    };
    PublicCase {
        slug: String::new(),
        client: client.to_string(),
        title,
        lede,
        reason: enum_name(&r.exit.reason),
        reason_label: r.exit.reason.label().to_string(),
        initiated_by: enum_name(&r.exit.initiated_by),
        initiated_by_label: initiated_by_label.into(),
        outcome: enum_name(&r.outcome),
        outcome_label: outcome_label.into(),
        exit_date: d(r.exit.date),
        notice: r.exit.notice.map(d),
        started: r.engagement.as_ref().and_then(|e| e.started).map(d),
        returned: r.farewell.as_ref().and_then(|f| f.returned).map(d),
        industry,
        region,
        size: quasi.size,
        service: quasi.service,
        value: r
            .engagement
            .as_ref()
            .and_then(|e| e.value.as_ref())
            .and_then(|v| generalize::value(v, m, &config.language)),
        roles: r
            .contacts
            .iter()
            .filter_map(|c| c.role.as_deref())
            .map(|t| s.scrub_line(t, Some(ci)))
            .collect(),
        negotiation_outcome: neg.and_then(|n| n.outcome.as_ref()).map(enum_name),
        negotiation_label,
        refund: neg
            .and_then(|n| n.refund.as_ref())
            .and_then(|x| generalize::money(x, m, &config.language)),
        timeline: timeline(r, &d, &|t| s.scrub(t, Some(ci)).text),
        actions: pm
            .iter()
            .flat_map(|pm| &pm.actions)
            .map(|a| PublicAction {
                action: s.scrub(&a.action, Some(ci)).text,
                owner: line(&a.owner),
                due: a.due.map(d),
                status: a.status.as_ref().map(enum_name),
            })
            .collect(),
        thank_you_sent: r.farewell.as_ref().and_then(|f| f.thank_you_sent),
        feedback: r
            .farewell
            .as_ref()
            .and_then(|f| f.feedback.as_ref())
            .map(enum_name),
        referrals_since: r.farewell.as_ref().and_then(|f| f.referrals_since),
        farewell: farewell(r),
        story,
        facts: FactFields::of_record()
            .read(r)
            .into_iter()
            .map(|f| PublicFact::new(f, &|t| s.scrub_line(t, Some(ci)), &d))
            .collect(),
        chapters: Vec::new(),
        tags: r.tags.iter().map(|t| s.scrub_line(t, Some(ci))).collect(),
        coarsening,
    }
}
