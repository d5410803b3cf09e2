//! What `check` says about k-anonymity: per case (its pseudonym and file)
//! what was coarsened and why, a one-line summary, and a warning for the
//! cases that stay in a group smaller than `min_group` even with all but
//! their exit year withheld.

use std::path::Path;

use super::{Coarsening, Plan, Quasi, values};
use crate::anonymize::secrets::fold;
use crate::anonymize::{Generalisation, PublicCase};
use crate::config::{Config, DatePrecision};
use crate::diag::{Diagnostic, display_path};
use crate::model::site::Site;

fn others(n: usize) -> String {
    match n {
        1 => "1 other case".to_string(),
        n => format!("{n} other cases"),
    }
}

/// "fewer than 2 other cases"; below one, "no other case".
fn fewer_than(n: usize) -> String {
    match n {
        0 | 1 => "no other case".to_string(),
        n => format!("fewer than {n} other cases"),
    }
}

fn precision_word(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Day => "day",
        DatePrecision::Month => "month",
        DatePrecision::Quarter => "quarter",
        DatePrecision::Year => "year",
    }
}

/// What the coarsening of one case changed, in words, and how many values
/// it withheld (size, region, industry, service).
fn changes(config: &Config, q: &Quasi, c: &Coarsening) -> (Vec<String>, [bool; 4]) {
    let v = values(config, q, c);
    let mut out = Vec::new();
    if c.dates != config.anonymize.dates {
        out.push(format!("dates by {}", precision_word(c.dates)));
    }
    let mut withheld = [false; 4];
    let mut field =
        |name: &str, was: &Option<String>, now: &Option<String>, i: usize| match (was, now) {
            (Some(w), Some(n)) if w != n => out.push(format!("{name} \"{w}\" → \"{n}\"")),
            (Some(_), None) => {
                out.push(format!("{name} withheld"));
                withheld[i] = true;
            }
            _ => {}
        };
    field("size", &q.size, &v.size, 0);
    field("region", &q.region, &v.region, 1);
    field("industry", &q.industry, &v.industry, 2);
    field("service", &q.service, &v.service, 3);
    (out, withheld)
}

/// For `build`: a warning, when some published cases share what they
/// publish with fewer than `min_group` − 1 others (a build would otherwise
/// publish them without a word; `check` says which and why). Not while the
/// handbook has fewer cases than `min_group` at all (a new one, with its
/// example case): no case could share with enough, and `check` says so.
pub fn short_of_k(config_shown: &Path, g: &Generalisation) -> Option<Diagnostic> {
    let plan: &Plan = &g.plan;
    let k = plan.k;
    let short = plan.after.iter().filter(|&&n| n < k).count();
    if k <= 1 || short == 0 || plan.after.len() < k {
        return None;
    }
    Some(
        Diagnostic::warning(format!(
            "k-anonymity: k = {} reached, not {k}: {short} published {} what {} with {}, and can be recognised",
            plan.reached(),
            if short == 1 { "case shares" } else { "cases share" },
            if short == 1 { "it publishes" } else { "they publish" },
            fewer_than(k - 1),
        ))
        .in_file(config_shown)
        .help("`exitbook check` names them and what was coarsened; publish more cases from the same years, or lower [anonymize] min_group"),
    )
}

/// The notes and the summary (or warning) for `check`.
pub fn diagnostics(
    config: &Config,
    config_shown: &Path,
    site: &Site,
    cases: &[&PublicCase],
    g: &Generalisation,
) -> Vec<Diagnostic> {
    let plan: &Plan = &g.plan;
    let k = plan.k;
    if k <= 1 || site.cases.is_empty() {
        return Vec::new();
    }
    let what = format!(
        "industry, region, size, service and exit {}",
        precision_word(config.anonymize.dates)
    );
    let mut out = Vec::new();
    let mut coarsened = 0;
    let mut withheld = [0usize; 4];
    for (i, case) in site.cases.iter().enumerate() {
        let c = &plan.cases[i];
        let (changed, w) = changes(config, g.quasi(i), c);
        if changed.is_empty() {
            continue;
        }
        coarsened += 1;
        for (n, w) in withheld.iter_mut().zip(w) {
            *n += usize::from(w);
        }
        let why = if plan.lent[i] && plan.before[i] >= k {
            format!(
                "it was in a group of {} already, and gives cases that were alone a group",
                plan.before[i]
            )
        } else if plan.before[i] == 1 {
            format!("as written, no other case shares its {what}")
        } else {
            format!("as written, only {} cases share its {what}", plan.before[i])
        };
        let now = match plan.after[i] {
            n if n >= k => format!("now {n} cases share what it publishes"),
            1 => "it is still alone".to_string(),
            n => format!("still only {n} cases share what it publishes"),
        };
        out.push(
            Diagnostic::note(format!(
                "k-anonymity: {} (cases/{}/) publishes {}: {why}; {now}",
                g.client(i),
                cases[i].slug,
                changed.join(", ")
            ))
            .in_file(&case.shown),
        );
    }
    out.extend(named_in_text(config, site, cases, g));
    let reached = plan.reached();
    let short: Vec<String> = (0..site.cases.len())
        .filter(|&i| plan.after[i] < k)
        .map(|i| display_path(&site.cases[i].shown))
        .collect();
    let counts: Vec<String> = [
        ("size", "sizes"),
        ("region", "regions"),
        ("industry", "industries"),
        ("service", "services"),
    ]
    .iter()
    .zip(withheld)
    .filter(|(_, n)| *n > 0)
    .map(|((one, many), n)| format!("{n} {}", if n == 1 { one } else { many }))
    .collect();
    let withheld = if counts.is_empty() {
        "no value withheld".to_string()
    } else {
        format!("withheld: {}", counts.join(", "))
    };
    let total = site.cases.len();
    if short.is_empty() {
        out.push(
            Diagnostic::note(format!(
                "k-anonymity: k = {reached} reached (min_group {k}): every published case shares its {what} with at least {}; {coarsened} of {total} cases coarsened, {withheld}",
                others(reached - 1)
            ))
            .in_file(config_shown),
        );
    } else {
        out.push(
            Diagnostic::warning(format!(
                "k-anonymity: k = {reached} reached, not {k}: {} of {total} cases {} with {} even with only their exit year published ({withheld})",
                short.len(),
                if short.len() == 1 {
                    "shares what it publishes"
                } else {
                    "share what they publish"
                },
                fewer_than(k - 1)
            ))
            .in_file(config_shown)
            .help(format!(
                "anyone who knew these clients could recognise them; publish more cases from the same years, or lower [anonymize] min_group:\n  {}",
                short.join("\n  ")
            )),
        );
    }
    out
}

/// Cases whose own text names a value k-anonymity coarsened ("A dental
/// practice pauses" above a page whose industry says "healthcare"): the
/// page would give back what the coarsening took away.
fn named_in_text(
    config: &Config,
    site: &Site,
    cases: &[&PublicCase],
    g: &Generalisation,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, case) in site.cases.iter().enumerate() {
        let q = g.quasi(i);
        let v = values(config, q, &g.plan.cases[i]);
        let text = fold(&crate::anonymize::report::public_texts(cases[i]).join("\n"));
        let mut named = Vec::new();
        for (field, was, now) in [
            ("industry", &q.industry, &v.industry),
            ("region", &q.region, &v.region),
            ("service", &q.service, &v.service),
        ] {
            let Some(w) = was.as_deref().filter(|w| Some(*w) != now.as_deref()) else {
                continue;
            };
            let f = fold(w);
            if f.chars().count() >= 4 && contains_words(&text, &f) {
                named.push(format!("its {field} \"{w}\""));
            }
        }
        if !named.is_empty() {
            out.push(
                Diagnostic::warning(format!(
                    "k-anonymity: the text of the case names {}, which its page no longer says (to share it with {})",
                    named.join(" and "),
                    others(g.plan.k - 1)
                ))
                .in_file(&case.shown)
                .help("a reader who sees it can pick the case out again: write around it (\"the practice\" rather than \"the dental practice\") in the title and text"),
            );
        }
    }
    out
}

/// `needle` in `hay` as whole words.
fn contains_words(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}
