//! The English words of a published case: its lede, its timeline's labels
//! and how the door was left open. Pages show the same in the page's
//! language from the i18n tables (`[lede]`, `[timeline]`, `[feedback]` of
//! `themes/default/i18n/en.toml`, whose English these sentences follow);
//! these are what the search index and the feed read.

use crate::anonymize::generalize::PublicDate;
use crate::anonymize::public::TimelineEntry;
use crate::model::record::{Date, Feedback, Initiator, Outcome, Reason, Record};

/// One sentence: who, where, when, why, and how it ended ("A printing
/// client in Poland gave notice in March 2025, after a complaint, and in
/// the end stayed").
pub(super) fn lede(
    r: &Record,
    industry: Option<&str>,
    region: Option<&str>,
    exit: &PublicDate,
) -> String {
    let who = match (industry, region) {
        (Some(i), Some(g)) => format!("{} {i} client in {g}", article(i)),
        (Some(i), None) => format!("{} {i} client", article(i)),
        (None, Some(g)) => format!("a client in {g}"),
        (None, None) => "a client".to_string(),
    };
    let on = if exit.datetime.matches('-').count() == 2 {
        "on"
    } else {
        "in"
    };
    let when = format!("{on} {}", exit.text);
    let why = match r.exit.reason {
        Reason::Complaint => "after a complaint",
        Reason::BadFit => "over a bad fit",
        Reason::Budget => "over budget cuts",
        Reason::NeedsChanged => "as their needs had changed",
        Reason::LeadershipChange => "after a change of leadership",
        Reason::Price => "over price",
        Reason::Competitor => "for a competitor",
        Reason::Other => "for another reason",
    };
    let text = match (r.exit.initiated_by, r.outcome) {
        (Initiator::Client, Outcome::Exited) => format!("{who} left us {when}, {why}."),
        (Initiator::Client, Outcome::Retained) => {
            format!("{who} gave notice {when}, {why}, and in the end stayed.")
        }
        (Initiator::Client, Outcome::Returned) => {
            format!("{who} left us {when}, {why}, and later came back.")
        }
        (Initiator::Us, Outcome::Exited) => format!("We parted with {who} {when}, {why}."),
        (Initiator::Us, Outcome::Retained) => {
            format!("We proposed to part with {who} {when}, {why}; in the end the client stayed.")
        }
        (Initiator::Us, Outcome::Returned) => {
            format!("We parted with {who} {when}, {why}; the client later came back.")
        }
        (Initiator::Mutual, Outcome::Exited) => {
            format!("{who} and we agreed to part {when}, {why}.")
        }
        (Initiator::Mutual, Outcome::Retained) => {
            format!("{who} and we talked about parting {when}, {why}, and decided to carry on.")
        }
        (Initiator::Mutual, Outcome::Returned) => {
            format!("{who} and we agreed to part {when}, {why}; the client later came back.")
        }
    };
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// "a" or "an" before `word`.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}

pub(super) fn timeline(
    r: &Record,
    d: &dyn Fn(Date) -> PublicDate,
    scrub: &dyn Fn(&str) -> String,
) -> Vec<TimelineEntry> {
    let mut out: Vec<(u32, usize, TimelineEntry)> = Vec::new();
    let mut last = 0;
    let mut push = |date: Option<Date>, kind: &'static str, label: &str, note: Option<String>| {
        // An undated entry keeps its place after the entry before it.
        let key = date.map_or(last, |x| x.ordinal());
        last = key;
        let n = out.len();
        out.push((
            key,
            n,
            TimelineEntry {
                date: date.map(d),
                kind,
                label: label.to_string(),
                note,
            },
        ));
    };
    if let Some(s) = r.engagement.as_ref().and_then(|e| e.started) {
        push(Some(s), "started", "The engagement started", None);
    }
    for f in &r.red_flags {
        push(f.date, "red-flag", "Red flag", Some(scrub(&f.note)));
    }
    if let Some(n) = r.exit.notice {
        push(Some(n), "notice", "Notice was given", None);
    }
    // A client who stayed did not end the relationship on that date.
    match r.outcome {
        Outcome::Retained => push(Some(r.exit.date), "averted", "The exit was averted", None),
        _ => push(Some(r.exit.date), "exit", "The relationship ended", None),
    }
    if let Some(ret) = r.farewell.as_ref().and_then(|f| f.returned) {
        push(Some(ret), "returned", "The client came back", None);
    }
    out.sort_by_key(|(k, n, _)| (*k, *n));
    out.into_iter().map(|(_, _, e)| e).collect()
}

pub(super) fn farewell(r: &Record) -> Vec<String> {
    let Some(f) = &r.farewell else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match f.thank_you_sent {
        Some(true) => out.push("A thank-you note was sent.".to_string()),
        Some(false) => out.push("No thank-you note was sent.".to_string()),
        None => {}
    }
    if let Some(fb) = f.feedback {
        out.push(
            match fb {
                Feedback::None => "No feedback was asked for.",
                Feedback::Direct => "Feedback was asked for directly.",
                Feedback::Survey => "Feedback was gathered with our exit survey.",
                Feedback::ThirdParty => "Feedback was gathered by an independent third party.",
            }
            .to_string(),
        );
    }
    if let Some(n) = f.referrals_since {
        out.push(match n {
            0 => "No referrals from this client since.".to_string(),
            1 => "One referral from this client since the exit.".to_string(),
            n => format!("{n} referrals from this client since the exit."),
        });
    }
    out
}
