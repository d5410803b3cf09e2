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

fn english() -> I18n {
    I18n::built_in()
}

#[test]
fn small_groups_are_combined_until_no_count_is_small() {
    let i18n = english();
    let words = Words::new(&i18n, "en");
    let combined = "Smaller groups combined";
    let groups = [("a", "A"), ("a", "A"), ("a", "A"), ("b", "B"), ("c", "C")];
    let shown = |c: &Chart| -> Vec<(String, String)> {
        c.rows
            .iter()
            .map(|r| (r.label.clone(), r.value.clone()))
            .collect()
    };
    let chart = |n: usize| {
        let rows = groups[..n].iter().copied();
        breakdown(
            "x",
            "X".into(),
            String::new(),
            "G".into(),
            rows,
            (n, 2),
            &words,
        )
    };
    let c = chart(5);
    assert_eq!(
        shown(&c),
        [("A".into(), "3".into()), (combined.into(), "2".into())]
    );
    assert_eq!(
        c.note.as_deref(),
        Some(
            "Groups of fewer than 2 cases are not shown on their own: they are counted together as “Smaller groups combined”."
        )
    );
    // B alone would be 4 − 3 = 1 by subtraction: A joins it.
    let c = chart(4);
    assert_eq!(shown(&c), [(combined.to_string(), "4".to_string())]);
    assert!(!c.rows[0].withheld && c.note.is_some());
    let c = chart(3);
    assert_eq!(c.rows.len(), 1);
    assert!(c.note.is_none());
}

#[test]
fn runs_of_periods_are_labelled() {
    let i18n = english();
    let w = Words::new(&i18n, "en");
    let m = Period::Month;
    assert_eq!(
        m.span(m.index(2025, 1), m.index(2025, 3), &w),
        "January–March 2025"
    );
    assert_eq!(
        m.span(m.index(2024, 12), m.index(2025, 2), &w),
        "December 2024–February 2025"
    );
    let q = Period::Quarter;
    assert_eq!(q.span(q.index(2025, 1), q.index(2025, 4), &w), "Q1–Q2 2025");
    assert_eq!(
        q.span(q.index(2024, 12), q.index(2025, 1), &w),
        "Q4 2024–Q1 2025"
    );
    assert_eq!(Period::Year.span(2023, 2024, &w), "2023–2024");
    // In Polish: months and quarters as Polish dates name them.
    let w = Words::new(&i18n, "pl");
    assert_eq!(
        m.span(m.index(2025, 1), m.index(2025, 3), &w),
        "styczeń–marzec 2025"
    );
    assert_eq!(
        q.span(q.index(2025, 1), q.index(2025, 4), &w),
        "1–2 kw. 2025"
    );
    assert_eq!(m.label(m.index(2025, 5), &w), "maj 2025");
}

#[test]
fn periods_are_labelled_and_never_finer_than_published() {
    let i18n = english();
    let w = Words::new(&i18n, "en");
    assert_eq!(
        Period::Month.label(Period::Month.index(2025, 3), &w),
        "March 2025"
    );
    assert_eq!(
        Period::Quarter.label(Period::Quarter.index(2025, 8), &w),
        "Q3 2025"
    );
    assert_eq!(Period::Year.label(Period::Year.index(2025, 8), &w), "2025");
}
