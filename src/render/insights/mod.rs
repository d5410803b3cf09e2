//! `insights/`: figures across every published case, computed at build
//! time. This module counts and lays the bars out, every word of them
//! from the page's language's `[insights]` table (`words.rs`); the theme's
//! `insights.html` draws them as inline SVG (no script, nothing from
//! outside the site) with each chart's numbers in a table beside it.
//!
//! Only what case pages publish is read ([`PublicCase`]): the reason, who
//! ended it, the outcome, the exit date at the published precision, the
//! negotiation's outcome and the farewell facts.
//!
//! No count of fewer than `[anonymize] min_group` cases is shown (k below),
//! and none can be worked out from the others by subtraction, since every
//! chart's total is shown: in a breakdown, groups that small are combined
//! into one row that names none of them, and while that row is still below
//! k the next smallest group joins it; in the timeline, a period below k is
//! joined to its smaller neighbour ("January–March 2025") until every bar
//! holds k. Nothing is left hidden for a subtraction to find. A share ("9
//! of 12") is withheld when either side of it is below k, and "came back"
//! is shown only where the outcome chart shows that count too. With fewer
//! than k cases in all there are no charts.

use serde::Serialize;

mod door;
#[cfg(test)]
mod tests;
mod timeline;
mod words;

use door::door;
pub use timeline::period_start;
use timeline::timeline;
use words::Words;

use crate::anonymize::PublicCase;
use crate::anonymize::generalize::PublicDate;
use crate::config::DatePrecision;
use crate::render::i18n::I18n;

/// Chart geometry, in SVG user units.
const WIDTH: u32 = 640;
/// Labels end here (right-aligned); bars start a little after.
const LABEL_END: u32 = 222;
const BAR_START: u32 = 230;
const BAR_MAX: u32 = 300;
const ROW: u32 = 30;
const BAR: u32 = 20;
/// The dashed outline that stands for a withheld count.
const WITHHELD_BAR: u32 = 28;
/// A timeline longer than this many periods is drawn by a coarser period.
const MAX_PERIODS: usize = 24;

/// Everything `insights.html` shows.
#[derive(Debug, Serialize)]
pub struct Insights {
    /// Published cases.
    pub total: usize,
    /// `[anonymize] min_group`.
    pub min_group: usize,
    /// The first and last exit, as published, as "from … to …" names
    /// them ("March 2022"; "marca 2022" in Polish).
    pub first: Option<String>,
    pub last: Option<String>,
    /// When every exit was, where all are in one period, as a sentence
    /// says it ("in March 2022").
    pub when: Option<String>,
    pub charts: Vec<Chart>,
    /// Whether any chart combined or withheld a count.
    pub withheld: bool,
}

/// One figure: a title, a sentence on what it counts, horizontal bars.
#[derive(Debug, Serialize)]
pub struct Chart {
    /// The section's id (`by-reason`).
    pub id: &'static str,
    pub title: String,
    /// What is counted, of how many cases.
    pub about: String,
    /// Headings of the table's label and value columns.
    pub label_heading: String,
    pub value_heading: String,
    pub rows: Vec<Row>,
    /// The SVG's size.
    pub width: u32,
    pub height: u32,
    pub label_x: u32,
    pub bar_x: u32,
    /// The length of the longest bar (the theme draws each row's bar in a
    /// box this long).
    pub bar_max: u32,
    /// What was combined or withheld in this chart, in words.
    pub note: Option<String>,
}

/// One bar, and its row of the table.
#[derive(Debug, Serialize)]
pub struct Row {
    pub label: String,
    /// As shown: `5`, `9 of 12`, `fewer than 2`.
    pub value: String,
    /// `38%`; empty where the count is withheld.
    pub share: String,
    /// The count is not shown.
    pub withheld: bool,
    /// The row of small groups combined.
    pub combined: bool,
    /// Baselines and boxes, in SVG units.
    pub text_y: u32,
    pub bar_y: u32,
    pub bar_w: u32,
    pub bar_h: u32,
    pub value_x: u32,
}

/// A row before layout: what it shows, and its bar as a fraction of the
/// longest possible.
struct Draft {
    label: String,
    value: String,
    share: String,
    withheld: bool,
    combined: bool,
    fraction: f64,
}

/// Rows of a breakdown: (key, label) of each case.
type Labelled<'a> = Vec<(&'a str, String)>;

/// The figures of `cases` (published cases, in any order) with no count
/// below `min_group` shown as its own; dates are read at `precision`.
/// Every word is `lang`'s, from `i18n`.
pub fn insights<'a>(
    cases: &[&'a PublicCase],
    precision: DatePrecision,
    min_group: usize,
    i18n: &I18n,
    lang: &str,
) -> Insights {
    let words = Words::new(i18n, lang);
    let label = |group: &str, value: &str| words.label(group, value);
    let k = min_group.max(1);
    let total = cases.len();
    let mut charts = Vec::new();
    // Each case's labels, by the chart they name rows of.
    let labelled =
        |group: &str, value: &dyn Fn(&'a PublicCase) -> Option<&'a str>| -> Labelled<'a> {
            cases
                .iter()
                .map(|c| match value(c) {
                    Some(v) => (v, label(group, v)),
                    None => ("none", label(group, "none")),
                })
                .collect()
        };
    let reasons = labelled("reason", &|c| Some(&c.reason));
    let outcomes = labelled("outcome", &|c| Some(&c.outcome));
    let initiators = labelled("initiated-by", &|c| Some(&c.initiated_by));
    let negotiations = labelled("negotiation", &|c| c.negotiation_outcome.as_deref());
    if total >= k {
        let chart = |id: &'static str, heading: String, rows: &Labelled<'_>| {
            breakdown(
                id,
                words.text(&format!("{id}.title"), &[]),
                words.text(&format!("{id}.about"), &[("of_all", &words.of_all(total))]),
                heading,
                rows.iter().map(|(k, v)| (*k, v.as_str())),
                (total, k),
                &words,
            )
        };
        charts.push(chart("by-reason", label("facet", "reason"), &reasons));
        let outcome = chart("by-outcome", label("facet", "outcome"), &outcomes);
        // "Came back" repeats the outcome chart's count: only where it
        // shows that count on its own.
        let returned_shown = outcome
            .rows
            .iter()
            .any(|r| !r.combined && r.label == capitalized(&label("outcome", "returned")));
        charts.push(outcome);
        charts.push(chart(
            "by-initiator",
            label("facet", "initiated-by"),
            &initiators,
        ));
        charts.push(timeline(cases, precision, k, &words));
        charts.push(chart(
            "negotiation",
            words.text("negotiation.heading", &[]),
            &negotiations,
        ));
        if let Some(c) = door(cases, k, returned_shown, &words) {
            charts.push(c);
        }
    }
    let withheld = charts.iter().any(|c| c.note.is_some());
    let first = cases.iter().min_by_key(|c| c.exit_date.key);
    let last = cases.iter().max_by_key(|c| c.exit_date.key);
    Insights {
        total,
        min_group: k,
        first: first.map(|c| i18n.date_bound(lang, &c.exit_date)),
        last: last.map(|c| i18n.date_bound(lang, &c.exit_date)),
        when: first.map(|c| i18n.when(lang, &c.exit_date)),
        charts,
        withheld,
    }
}

/// A label as a row's heading: `bad fit` → `Bad fit`.
fn capitalized(label: &str) -> String {
    let mut c = label.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn share(part: usize, of: usize) -> String {
    if of == 0 {
        return String::new();
    }
    format!("{}%", (part as f64 * 100.0 / of as f64).round())
}

/// Counts by group (key, label): groups of k or more by name, largest
/// first; the smaller ones combined into one row, whose count is shown
/// only if it reaches k.
fn breakdown<'a>(
    id: &'static str,
    title: String,
    about: String,
    label_heading: String,
    groups: impl Iterator<Item = (&'a str, &'a str)>,
    (total, k): (usize, usize),
    words: &Words<'_>,
) -> Chart {
    // (key, label, count) in order of first appearance, then sorted.
    let mut counts: Vec<(&str, &str, usize)> = Vec::new();
    for (key, label) in groups {
        match counts.iter_mut().find(|(k2, _, _)| *k2 == key) {
            Some(c) => c.2 += 1,
            None => counts.push((key, label, 1)),
        }
    }
    counts.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(b.1)).then(a.0.cmp(b.0)));
    let (mut shown, mut small): (Vec<_>, Vec<_>) = counts.into_iter().partition(|c| c.2 >= k);
    // The total is shown: a combined row below k would be the total less
    // the rows shown. The smallest shown group joins it until it is not.
    let mut joined = 0;
    while !small.is_empty() && small.iter().map(|c| c.2).sum::<usize>() < k {
        let Some(next) = shown.pop() else { break };
        small.push(next);
        joined += 1;
    }
    let combined: usize = small.iter().map(|c| c.2).sum();
    let longest = shown
        .iter()
        .map(|c| c.2)
        .chain(Some(combined))
        .max()
        .unwrap_or(1)
        .max(1);
    let mut rows: Vec<Draft> = shown
        .iter()
        .map(|&(_, label, n)| Draft {
            label: capitalized(label),
            value: n.to_string(),
            share: share(n, total),
            withheld: false,
            combined: false,
            fraction: n as f64 / longest as f64,
        })
        .collect();
    let mut note = None;
    if !small.is_empty() {
        // Only with fewer than k cases in all, which has no charts.
        let visible = combined >= k;
        rows.push(Draft {
            label: words.combined(),
            value: if visible {
                combined.to_string()
            } else {
                words.fewer_than(k)
            },
            share: if visible {
                share(combined, total)
            } else {
                String::new()
            },
            withheld: !visible,
            combined: true,
            fraction: if visible {
                combined as f64 / longest as f64
            } else {
                0.0
            },
        });
        let key = if joined > 0 {
            "combined_joined"
        } else {
            "combined_note"
        };
        note = Some(words.text(
            key,
            &[("k", &k.to_string()), ("combined", &words.combined())],
        ));
    }
    let headings = (label_heading, words.text("cases", &[]));
    layout(id, title, about, headings, rows, note)
}

/// A chart of `rows`; `headings` are those of the table's label and value
/// columns.
fn layout(
    id: &'static str,
    title: String,
    about: String,
    (label_heading, value_heading): (String, String),
    rows: Vec<Draft>,
    note: Option<String>,
) -> Chart {
    let rows: Vec<Row> = rows
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let top = i as u32 * ROW;
            let bar_w = if d.withheld {
                WITHHELD_BAR
            } else {
                // Every count above zero gets a visible bar.
                let w = (d.fraction * f64::from(BAR_MAX)).round() as u32;
                if d.fraction > 0.0 { w.max(2) } else { 0 }
            };
            Row {
                label: d.label,
                value: d.value,
                share: d.share,
                withheld: d.withheld,
                combined: d.combined,
                text_y: top + ROW / 2 + 5,
                bar_y: top + (ROW - BAR) / 2,
                bar_w,
                bar_h: BAR,
                value_x: BAR_START + bar_w + 8,
            }
        })
        .collect();
    Chart {
        id,
        title,
        about,
        label_heading,
        value_heading,
        height: (rows.len() as u32 * ROW).max(ROW),
        rows,
        width: WIDTH,
        label_x: LABEL_END,
        bar_x: BAR_START,
        bar_max: BAR_MAX,
        note,
    }
}
