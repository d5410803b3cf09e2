//! `insights/`: figures across every published case, computed at build
//! time. This module counts and lays the bars out; the theme's
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

use crate::anonymize::PublicCase;
use crate::anonymize::generalize::{MONTHS, PublicDate};
use crate::config::DatePrecision;

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

/// The label of the row that holds the small groups of a breakdown.
pub const COMBINED: &str = "Smaller groups combined";

/// Everything `insights.html` shows.
#[derive(Debug, Serialize)]
pub struct Insights {
    /// Published cases.
    pub total: usize,
    /// `[anonymize] min_group`.
    pub min_group: usize,
    /// The first and last exit, as published ("March 2022").
    pub first: Option<String>,
    pub last: Option<String>,
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
    pub label_heading: &'static str,
    pub value_heading: &'static str,
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
/// `label(group, value)` names an enum value (`("reason", "bad-fit")`), from
/// the interface text of the page's language.
pub fn insights<'a>(
    cases: &[&'a PublicCase],
    precision: DatePrecision,
    min_group: usize,
    label: &dyn Fn(&str, &str) -> String,
) -> Insights {
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
        charts.push(breakdown(
            "by-reason",
            "Why clients left",
            format!("The reason recorded for each exit, of all {total} cases."),
            "Reason",
            reasons.iter().map(|(k, v)| (*k, v.as_str())),
            total,
            k,
        ));
        let outcome = breakdown(
            "by-outcome",
            "Where it ended",
            format!(
                "Whether the client left, stayed (the exit was averted) or later came back, of all {total} cases."
            ),
            "Outcome",
            outcomes.iter().map(|(k, v)| (*k, v.as_str())),
            total,
            k,
        );
        // "Came back" repeats the outcome chart's count: only where it
        // shows that count on its own.
        let returned_shown = outcome
            .rows
            .iter()
            .any(|r| !r.combined && r.label == capitalized(&label("outcome", "returned")));
        charts.push(outcome);
        charts.push(breakdown(
            "by-initiator",
            "Who ended it",
            format!("Who started the exit, of all {total} cases."),
            "Who ended it",
            initiators.iter().map(|(k, v)| (*k, v.as_str())),
            total,
            k,
        ));
        charts.push(timeline(cases, precision, k));
        charts.push(breakdown(
            "negotiation",
            "How negotiations ended",
            format!(
                "What came of the client's asks (a refund, a discount), of all {total} cases; some records note no negotiation."
            ),
            "Negotiation",
            negotiations.iter().map(|(k, v)| (*k, v.as_str())),
            total,
            k,
        ));
        if let Some(c) = door(cases, k, returned_shown) {
            charts.push(c);
        }
    }
    let withheld = charts.iter().any(|c| c.note.is_some());
    let first = cases.iter().min_by_key(|c| c.exit_date.key);
    let last = cases.iter().max_by_key(|c| c.exit_date.key);
    Insights {
        total,
        min_group: k,
        first: first.map(|c| c.exit_date.text.clone()),
        last: last.map(|c| c.exit_date.text.clone()),
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

fn fewer_than(k: usize) -> String {
    format!("fewer than {k}")
}

/// Counts by group (key, label): groups of k or more by name, largest
/// first; the smaller ones combined into one row, whose count is shown
/// only if it reaches k.
fn breakdown<'a>(
    id: &'static str,
    title: &str,
    about: String,
    label_heading: &'static str,
    groups: impl Iterator<Item = (&'a str, &'a str)>,
    total: usize,
    k: usize,
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
            label: COMBINED.to_string(),
            value: if visible {
                combined.to_string()
            } else {
                fewer_than(k)
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
        note = Some(if joined > 0 {
            format!(
                "Groups of fewer than {k} cases are not shown on their own: they are counted together as “{COMBINED}”, with the next smallest group so that their count is not below {k} either."
            )
        } else {
            format!(
                "Groups of fewer than {k} cases are not shown on their own: they are counted together as “{COMBINED}”."
            )
        });
    }
    layout(id, title, about, label_heading, "Cases", rows, note)
}

/// The first day of a published date's period: (year, month, day). A date
/// published by month is its month's first day, by quarter the quarter's,
/// by year 1 January; only a date published to the day keeps its day.
///
/// A date coarsened further for its case (k-anonymity) is read at its own
/// precision, whatever `precision` says.
pub fn period_start(d: &PublicDate, precision: DatePrecision) -> (u32, u32, u32) {
    // `PublicDate::key` is year × 10,000 plus, by precision: month × 100
    // (and the day, if published), quarter × 300, or nothing.
    let year = d.key / 10_000;
    let rest = d.key % 10_000;
    match coarsest(precision, d.precision) {
        DatePrecision::Day => (year, (rest / 100).clamp(1, 12), (rest % 100).max(1)),
        DatePrecision::Month => (year, (rest / 100).clamp(1, 12), 1),
        DatePrecision::Quarter => (year, ((rest / 300).clamp(1, 4) - 1) * 3 + 1, 1),
        DatePrecision::Year => (year, 1, 1),
    }
}

fn rank(p: DatePrecision) -> u8 {
    match p {
        DatePrecision::Day => 0,
        DatePrecision::Month => 1,
        DatePrecision::Quarter => 2,
        DatePrecision::Year => 3,
    }
}

fn coarsest(a: DatePrecision, b: DatePrecision) -> DatePrecision {
    if rank(a) >= rank(b) { a } else { b }
}

/// The periods a timeline can be drawn by, finest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    Month,
    Quarter,
    Year,
}

impl Period {
    fn index(self, year: u32, month: u32) -> u32 {
        match self {
            Period::Month => year * 12 + (month - 1),
            Period::Quarter => year * 4 + (month - 1) / 3,
            Period::Year => year,
        }
    }

    fn label(self, index: u32) -> String {
        match self {
            Period::Month => format!("{} {}", MONTHS[(index % 12) as usize], index / 12),
            Period::Quarter => format!("Q{} {}", index % 4 + 1, index / 4),
            Period::Year => index.to_string(),
        }
    }

    /// The label of a run of periods: "January–March 2025", "Q4 2024–Q1
    /// 2025", "2023–2024".
    fn span(self, first: u32, last: u32) -> String {
        if first == last {
            return self.label(first);
        }
        let (a, b) = (self.label(first), self.label(last));
        let year = |i: u32| match self {
            Period::Month => i / 12,
            Period::Quarter => i / 4,
            Period::Year => i,
        };
        match self {
            Period::Year => format!("{a}–{b}"),
            _ if year(first) == year(last) => {
                let a = a.rsplit_once(' ').map_or(a.as_str(), |(x, _)| x);
                format!("{a}–{b}")
            }
            _ => format!("{a}–{b}"),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }
}

/// Exits per period, from the first to the last, at the published precision
/// or coarser (never finer, and never finer than the coarsest date of a
/// case that k-anonymity coarsened): the finest period that gives at most
/// [`MAX_PERIODS`] bars of which at most half are below k. A period still
/// below k is then joined to its smaller neighbour until none is.
fn timeline(cases: &[&PublicCase], precision: DatePrecision, k: usize) -> Chart {
    let finest = cases
        .iter()
        .map(|c| c.exit_date.precision)
        .fold(precision, coarsest);
    let periods: &[Period] = match finest {
        DatePrecision::Day | DatePrecision::Month => {
            &[Period::Month, Period::Quarter, Period::Year]
        }
        DatePrecision::Quarter => &[Period::Quarter, Period::Year],
        DatePrecision::Year => &[Period::Year],
    };
    let starts: Vec<(u32, u32)> = cases
        .iter()
        .map(|c| {
            let (y, m, _) = period_start(&c.exit_date, precision);
            (y, m)
        })
        .collect();
    let count = |p: Period| -> Vec<(u32, usize)> {
        let idx: Vec<u32> = starts.iter().map(|&(y, m)| p.index(y, m)).collect();
        let (Some(&lo), Some(&hi)) = (idx.iter().min(), idx.iter().max()) else {
            return Vec::new();
        };
        (lo..=hi)
            .map(|i| (i, idx.iter().filter(|&&x| x == i).count()))
            .collect()
    };
    let mut chosen = (Period::Year, count(Period::Year));
    for &p in periods {
        let bins = count(p);
        let small = bins.iter().filter(|(_, n)| *n < k).count();
        if bins.len() <= MAX_PERIODS && small * 2 <= bins.len() {
            chosen = (p, bins);
            break;
        }
    }
    let (period, bins) = chosen;
    // Runs of periods: (first, last, count).
    let mut runs: Vec<(u32, u32, usize)> = bins.iter().map(|&(i, n)| (i, i, n)).collect();
    let mut joined = false;
    while runs.len() > 1 {
        // The smallest run below k (the earliest of equals)…
        let Some((at, _)) = runs
            .iter()
            .enumerate()
            .filter(|(_, r)| r.2 < k)
            .min_by_key(|(i, r)| (r.2, *i))
        else {
            break;
        };
        // …joins its smaller neighbour (the earlier of equals).
        let with = match (at.checked_sub(1), runs.get(at + 1)) {
            (Some(b), Some(a)) if a.2 < runs[b].2 => at + 1,
            (Some(b), _) => b,
            (None, _) => at + 1,
        };
        let (lo, hi) = (at.min(with), at.max(with));
        runs[lo] = (runs[lo].0, runs[hi].1, runs[lo].2 + runs[hi].2);
        runs.remove(hi);
        joined = true;
    }
    let longest = runs.iter().map(|r| r.2).max().unwrap_or(1).max(1);
    let rows: Vec<Draft> = runs
        .iter()
        .map(|&(first, last, n)| {
            let shown = n >= k;
            Draft {
                label: period.span(first, last),
                value: if shown { n.to_string() } else { fewer_than(k) },
                share: if shown {
                    share(n, cases.len())
                } else {
                    String::new()
                },
                withheld: !shown,
                combined: first != last,
                fraction: if shown {
                    n as f64 / longest as f64
                } else {
                    0.0
                },
            }
        })
        .collect();
    let note = joined.then(|| {
        format!(
            "A {} with fewer than {k} exits is counted together with the one beside it.",
            period.name()
        )
    });
    let coarser = periods.first().is_some_and(|&p| p != period);
    let coarsened = finest != precision;
    let about = format!(
        "Cases by the {} the relationship ended{}, of all {} cases.",
        period.name(),
        if coarsened {
            " (some cases publish only a coarser exit date, so that they are not alone with their industry, region and size)"
        } else if coarser {
            " (dates are grouped more coarsely than they are published, so that most bars can show a count)"
        } else {
            ""
        },
        cases.len()
    );
    layout(
        "over-time",
        &format!("Exits by {}", period.name()),
        about,
        match period {
            Period::Month => "Month",
            Period::Quarter => "Quarter",
            Period::Year => "Year",
        },
        "Exits",
        rows,
        note,
    )
}

/// Leaving the door open: shares of the cases that record each fact.
/// `returned_shown`: whether the outcome chart shows how many came back.
fn door(cases: &[&PublicCase], k: usize, returned_shown: bool) -> Option<Chart> {
    let total = cases.len();
    let mut rows = Vec::new();
    let mut withheld = false;
    let mut fact = |label: &str, part: usize, of: usize| {
        if of == 0 {
            return;
        }
        let small = |n: usize| (1..k).contains(&n);
        // Fewer than k records say: not even how many do.
        let few = of < k;
        let hide = few || small(part) || small(of - part);
        withheld |= hide;
        rows.push(Draft {
            label: label.to_string(),
            value: match (few, hide) {
                (true, _) => "not shown".to_string(),
                (false, true) => format!("not shown (of {of})"),
                (false, false) => format!("{part} of {of}"),
            },
            share: if hide { String::new() } else { share(part, of) },
            withheld: hide,
            combined: false,
            fraction: if hide { 0.0 } else { part as f64 / of as f64 },
        });
    };
    let thanked: Vec<bool> = cases.iter().filter_map(|c| c.thank_you_sent).collect();
    fact(
        "Thank-you note sent",
        thanked.iter().filter(|&&t| t).count(),
        thanked.len(),
    );
    let feedback: Vec<&str> = cases.iter().filter_map(|c| c.feedback.as_deref()).collect();
    fact(
        "Feedback gathered",
        feedback.iter().filter(|&&f| f != "none").count(),
        feedback.len(),
    );
    let referrals: Vec<u32> = cases.iter().filter_map(|c| c.referrals_since).collect();
    fact(
        "Referred others to us since",
        referrals.iter().filter(|&&r| r > 0).count(),
        referrals.len(),
    );
    if returned_shown {
        fact(
            "Came back",
            cases.iter().filter(|c| c.outcome == "returned").count(),
            total,
        );
    }
    if rows.is_empty() {
        return None;
    }
    let note = withheld.then(|| {
        format!(
            "Where fewer than {k} cases are on one side of a share, or fewer than {k} record the fact, the share is withheld."
        )
    });
    let referred = referrals.iter().filter(|&&r| r > 0).count();
    let sum: u32 = referrals.iter().sum();
    let mut about = String::from(
        "How each exit left the door open, as a share of the cases that record it (a record may leave a fact out).",
    );
    if referred >= k {
        about.push_str(&format!(
            " Clients who referred others sent {sum} referrals in all."
        ));
    }
    Some(layout(
        "door",
        "Leaving the door open",
        about,
        "Fact",
        "Cases",
        rows,
        note,
    ))
}

fn layout(
    id: &'static str,
    title: &str,
    about: String,
    label_heading: &'static str,
    value_heading: &'static str,
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
        title: title.to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// 17 August 2025 (or August 2025, without `day`) as published at
    /// `p`: its key as `anonymize::generalize::date` makes it.
    fn published(day: Option<u32>, p: DatePrecision) -> PublicDate {
        let key = 2025 * 10_000
            + match p {
                DatePrecision::Day => 800 + day.unwrap_or(0),
                DatePrecision::Month => 800,
                DatePrecision::Quarter => 3 * 300,
                DatePrecision::Year => 0,
            };
        PublicDate {
            text: String::new(),
            datetime: String::new(),
            key,
            precision: p,
        }
    }

    #[test]
    fn period_start_follows_the_published_key() {
        let at = |p| period_start(&published(Some(17), p), p);
        assert_eq!(at(DatePrecision::Day), (2025, 8, 17));
        assert_eq!(at(DatePrecision::Month), (2025, 8, 1));
        assert_eq!(at(DatePrecision::Quarter), (2025, 7, 1));
        assert_eq!(at(DatePrecision::Year), (2025, 1, 1));
        let p = DatePrecision::Day;
        assert_eq!(period_start(&published(None, p), p), (2025, 8, 1));
    }

    #[test]
    fn small_groups_are_combined_until_no_count_is_small() {
        let groups = [("a", "A"), ("a", "A"), ("a", "A"), ("b", "B"), ("c", "C")];
        let shown = |c: &Chart| -> Vec<(String, String)> {
            c.rows
                .iter()
                .map(|r| (r.label.clone(), r.value.clone()))
                .collect()
        };
        let c = breakdown("x", "X", String::new(), "G", groups.into_iter(), 5, 2);
        assert_eq!(
            shown(&c),
            [("A".into(), "3".into()), (COMBINED.into(), "2".into())]
        );
        // B alone would be 4 − 3 = 1 by subtraction: A joins it.
        let c = breakdown(
            "x",
            "X",
            String::new(),
            "G",
            groups[..4].iter().copied(),
            4,
            2,
        );
        assert_eq!(shown(&c), [(COMBINED.to_string(), "4".to_string())]);
        assert!(!c.rows[0].withheld && c.note.is_some());
        let c = breakdown(
            "x",
            "X",
            String::new(),
            "G",
            groups[..3].iter().copied(),
            3,
            2,
        );
        assert_eq!(c.rows.len(), 1);
        assert!(c.note.is_none());
    }

    #[test]
    fn runs_of_periods_are_labelled() {
        let m = Period::Month;
        assert_eq!(
            m.span(m.index(2025, 1), m.index(2025, 3)),
            "January–March 2025"
        );
        assert_eq!(
            m.span(m.index(2024, 12), m.index(2025, 2)),
            "December 2024–February 2025"
        );
        let q = Period::Quarter;
        assert_eq!(q.span(q.index(2025, 1), q.index(2025, 4)), "Q1–Q2 2025");
        assert_eq!(Period::Year.span(2023, 2024), "2023–2024");
    }

    #[test]
    fn periods_are_labelled_and_never_finer_than_published() {
        assert_eq!(
            Period::Month.label(Period::Month.index(2025, 3)),
            "March 2025"
        );
        assert_eq!(
            Period::Quarter.label(Period::Quarter.index(2025, 8)),
            "Q3 2025"
        );
        assert_eq!(Period::Year.label(Period::Year.index(2025, 8)), "2025");
    }
}
