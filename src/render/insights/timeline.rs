//! The timeline chart: cases by the period of their exit, at the published
//! precision or coarser, periods below k joined to a neighbour.

use super::*;

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
pub(super) enum Period {
    Month,
    Quarter,
    Year,
}

impl Period {
    pub(super) fn index(self, year: u32, month: u32) -> u32 {
        match self {
            Period::Month => year * 12 + (month - 1),
            Period::Quarter => year * 4 + (month - 1) / 3,
            Period::Year => year,
        }
    }

    /// The year of period `index`.
    fn year(self, index: u32) -> u32 {
        match self {
            Period::Month => index / 12,
            Period::Quarter => index / 4,
            Period::Year => index,
        }
    }

    /// "March 2025", "Q1 2025", "2025".
    pub(super) fn label(self, index: u32, words: &Words<'_>) -> String {
        let year = self.year(index);
        match self {
            Period::Month => format!("{} {year}", words.month(index % 12 + 1)),
            Period::Quarter => words.quarter(index % 4 + 1, year),
            Period::Year => year.to_string(),
        }
    }

    /// The label of a run of periods: "January–March 2025", "Q4 2024–Q1
    /// 2025", "2023–2024".
    pub(super) fn span(self, first: u32, last: u32, words: &Words<'_>) -> String {
        if first == last {
            return self.label(first, words);
        }
        let (a, b) = match self {
            Period::Month if self.year(first) == self.year(last) => {
                (words.month(first % 12 + 1), words.month(last % 12 + 1))
            }
            Period::Quarter if self.year(first) == self.year(last) => {
                ((first % 4 + 1).to_string(), (last % 4 + 1).to_string())
            }
            // Across a year's end, each end is a period's label.
            _ => {
                let ends = [self.label(first, words), self.label(last, words)];
                return words.text(
                    "over-time.across",
                    &[("first", &ends[0]), ("last", &ends[1])],
                );
            }
        };
        let year = self.year(last).to_string();
        words.text(
            &format!("over-time.{}.run", self.name()),
            &[("first", &a), ("last", &b), ("year", &year)],
        )
    }

    /// Its name in the keys of the `[insights.over-time]` table.
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
pub(super) fn timeline(
    cases: &[&PublicCase],
    precision: DatePrecision,
    k: usize,
    words: &Words<'_>,
) -> Chart {
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
                label: capitalized(&period.span(first, last, words)),
                value: if shown {
                    n.to_string()
                } else {
                    words.fewer_than(k)
                },
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
    let key = |what: &str| format!("over-time.{}.{what}", period.name());
    let note = joined.then(|| words.text(&key("note"), &[("k", &k.to_string())]));
    let coarser = periods.first().is_some_and(|&p| p != period);
    let coarsened = finest != precision;
    let why = if coarsened {
        words.text("over-time.coarsened", &[])
    } else if coarser {
        words.text("over-time.coarser", &[])
    } else {
        String::new()
    };
    let about = words.text(
        &key("about"),
        &[("why", &why), ("of_all", &words.of_all(cases.len()))],
    );
    layout(
        "over-time",
        words.text(&key("title"), &[]),
        about,
        (
            words.text(&key("heading"), &[]),
            words.text("over-time.exits", &[]),
        ),
        rows,
        note,
    )
}
