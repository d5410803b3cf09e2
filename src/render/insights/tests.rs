use super::timeline::Period;
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
