//! From records to what may be published about them.
//!
//! Render never sees a [`Record`]: it sees a [`PublicCase`], in which every
//! value is either published by the spec (industry, role, enums), generalised
//! (dates, money), or replaced.
//!
//! **Stop-gap until the anonymizer lands:** the Markdown fields of records
//! (summary, trigger, conversation, negotiation texts, red flag notes,
//! postmortem texts, notes) are left out of case pages entirely, and a title
//! or tag is published only when no form of any secret is found in it (else
//! the title falls back to one derived from the exit reason). The leak check
//! ([`leak`]) scans every output file against the secret set regardless.

pub mod generalize;
pub mod leak;
pub mod secrets;

use std::collections::HashMap;

use serde::Serialize;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::yaml::Seg;
use crate::model::record::{Feedback, Initiator, NegotiationOutcome, Outcome, Record};
use crate::model::site::Site;
use generalize::PublicDate;
use secrets::SecretSet;

/// What may be published about one case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicCase {
    pub slug: String,
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
    /// Whether Markdown fields were left out (the stop-gap).
    pub withheld: bool,
    /// Indices into `Site::chapters`.
    pub chapters: Vec<usize>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    pub date: Option<PublicDate>,
    /// `started`, `red-flag`, `notice`, `exit`, `returned`.
    pub kind: &'static str,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicAction {
    pub owner: Option<String>,
    pub due: Option<PublicDate>,
    pub status: Option<String>,
}

/// The anonymized view of the site.
#[derive(Debug, Clone)]
pub struct Published {
    /// Index-aligned with `Site::cases`.
    pub cases: Vec<PublicCase>,
    pub secrets: SecretSet,
}

/// Build the published view of every case; problems (a `slug` field that
/// contains a secret, duplicate slugs) are reported together.
pub fn anonymize(config: &Config, site: &Site) -> (Published, Diagnostics) {
    let secrets = SecretSet::collect(config, site);
    let mut diags = Diagnostics::default();
    let mut cases: Vec<PublicCase> = site
        .cases
        .iter()
        .map(|c| public_case(config, site, &secrets, &c.record))
        .collect();
    assign_slugs(site, &secrets, &mut cases, &mut diags);
    (Published { cases, secrets }, diags)
}

fn enum_name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

fn public_case(config: &Config, site: &Site, secrets: &SecretSet, r: &Record) -> PublicCase {
    let p = config.anonymize.dates;
    let m = config.anonymize.money;
    let d = |d: crate::model::record::Date| generalize::date(d, p);
    let safe = |s: &str| !secrets.contains_any(s);
    let title = r
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty() && safe(t))
        .map(String::from)
        .unwrap_or_else(|| r.exit.reason.default_title().to_string());
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
    let lede = lede(r, &d(r.exit.date));
    PublicCase {
        slug: String::new(),
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
        industry: r.client.industry.clone(),
        region: r.client.region.clone(),
        size: r.client.size.clone(),
        service: r.engagement.as_ref().and_then(|e| e.service.clone()),
        value: r
            .engagement
            .as_ref()
            .and_then(|e| e.value.as_ref())
            .and_then(|v| generalize::value(v, m)),
        roles: r.contacts.iter().filter_map(|c| c.role.clone()).collect(),
        negotiation_outcome: r
            .negotiation
            .as_ref()
            .and_then(|n| n.outcome.as_ref())
            .map(enum_name),
        negotiation_label,
        refund: r
            .negotiation
            .as_ref()
            .and_then(|n| n.refund.as_ref())
            .and_then(|x| generalize::money(x, m)),
        timeline: timeline(r, &d),
        actions: r
            .postmortem
            .iter()
            .flat_map(|pm| &pm.actions)
            .map(|a| PublicAction {
                owner: a.owner.clone(),
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
        withheld: true,
        chapters: r
            .chapters
            .iter()
            .filter_map(|s| site.chapter_by_slug(s))
            .collect(),
        tags: r.tags.iter().filter(|t| safe(t)).cloned().collect(),
    }
}

fn lede(r: &Record, exit: &PublicDate) -> String {
    let a = |w: &str| {
        if w.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) {
            "An"
        } else {
            "A"
        }
    };
    let who = match (&r.client.industry, &r.client.region) {
        (Some(i), Some(g)) => format!("{} {i} client in {g}", a(i)),
        (Some(i), None) => format!("{} {i} client", a(i)),
        (None, Some(g)) => format!("A client in {g}"),
        (None, None) => "A client".to_string(),
    };
    let how = match r.exit.initiated_by {
        Initiator::Client => "ended the relationship",
        Initiator::Us => "was let go by us",
        Initiator::Mutual => "and we agreed to part",
    };
    let after = match r.outcome {
        Outcome::Exited => "",
        Outcome::Retained => " In the end the client stayed.",
        Outcome::Returned => " The client later came back.",
    };
    format!(
        "{who} {how} in {} ({}).{after}",
        exit.text,
        r.exit.reason.label()
    )
}

fn timeline(
    r: &Record,
    d: &dyn Fn(crate::model::record::Date) -> PublicDate,
) -> Vec<TimelineEntry> {
    let mut out: Vec<(u32, usize, TimelineEntry)> = Vec::new();
    let mut push = |date: Option<crate::model::record::Date>,
                    kind: &'static str,
                    label: String,
                    last_key: &mut u32| {
        let key = date.map_or(*last_key, |x| x.ordinal());
        *last_key = key;
        let n = out.len();
        out.push((
            key,
            n,
            TimelineEntry {
                date: date.map(d),
                kind,
                label,
            },
        ));
    };
    let mut last = 0;
    if let Some(s) = r.engagement.as_ref().and_then(|e| e.started) {
        push(
            Some(s),
            "started",
            "The engagement started".into(),
            &mut last,
        );
    }
    for f in &r.red_flags {
        push(
            f.date,
            "red-flag",
            "A red flag was recorded".into(),
            &mut last,
        );
    }
    if let Some(n) = r.exit.notice {
        push(Some(n), "notice", "Notice was given".into(), &mut last);
    }
    push(
        Some(r.exit.date),
        "exit",
        "The relationship ended".into(),
        &mut last,
    );
    if let Some(ret) = r.farewell.as_ref().and_then(|f| f.returned) {
        push(
            Some(ret),
            "returned",
            "The client came back".into(),
            &mut last,
        );
    }
    out.sort_by_key(|(k, n, _)| (*k, *n));
    out.into_iter().map(|(_, _, e)| e).collect()
}

fn farewell(r: &Record) -> Vec<String> {
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
                Feedback::Survey => "Feedback was gathered with an anonymous survey.",
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

/// The case slug rule: the `slug` field, else the file stem; a stem that
/// holds any form of a secret is replaced (stop-gap: `case-<exit month>`;
/// the anonymizer will use the client's pseudonym), with `-2`, `-3`… in
/// file-path order where two would collide.
fn assign_slugs(
    site: &Site,
    secrets: &SecretSet,
    cases: &mut [PublicCase],
    diags: &mut Diagnostics,
) {
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut fallback: Vec<usize> = Vec::new();
    for (i, case) in site.cases.iter().enumerate() {
        let r = &case.record;
        // A slug hides a secret as words (`dana-whitfield`) or run together
        // (`harbor-freight` → the domain label `harborfreight`).
        let as_words = |s: &str| {
            format!(
                "{} {}",
                s.replace(['-', '_', '.'], " "),
                s.replace(['-', '_', '.'], "")
            )
        };
        if let Some(slug) = &r.slug {
            if secrets.contains_any(&as_words(slug)) {
                diags.push(
                    case.error_at(&[Seg::Key("slug".into())], "the `slug` field contains a sensitive value")
                        .help("a case URL must not name the client or a person: choose a slug that describes the situation, or remove `slug` to use a generated one"),
                );
                continue;
            }
            if let Some(&other) = taken.get(slug) {
                diags.push(dup_slug(site, i, other, slug));
                continue;
            }
            taken.insert(slug.clone(), i);
            cases[i].slug = slug.clone();
        } else {
            let stem = crate::text::slugify(&case.stem);
            if stem.is_empty() || secrets.contains_any(&as_words(&case.stem)) {
                fallback.push(i);
                continue;
            }
            if let Some(&other) = taken.get(&stem) {
                diags.push(dup_slug(site, i, other, &stem));
                continue;
            }
            taken.insert(stem.clone(), i);
            cases[i].slug = stem;
        }
    }
    for i in fallback {
        let base = format!("case-{}", cases[i].exit_date.datetime);
        let mut slug = base.clone();
        let mut n = 2;
        while taken.contains_key(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(slug.clone(), i);
        cases[i].slug = slug;
    }
}

fn dup_slug(site: &Site, i: usize, other: usize, slug: &str) -> Diagnostic {
    let here = &site.cases[i];
    let path = if here.record.slug.is_some() {
        vec![Seg::Key("slug".into())]
    } else {
        Vec::new()
    };
    let mut d = here
        .error_at(
            &path,
            format!(
                "two cases would publish at `cases/{slug}/`: this one and `{}`",
                crate::diag::display_path(&site.cases[other].shown)
            ),
        )
        .help("give one of them a different `slug:` or file name");
    if path.is_empty() {
        d.line = 0;
        d.column = 0;
        d.snippet = None;
    }
    d
}
