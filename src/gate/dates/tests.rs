use super::*;
use crate::anonymize::secrets::{Origin, SecretSet};
use crate::gate::decode;
use crate::gate::matcher::Matcher;

/// A matcher that refuses these days (year, month, day), words only for
/// the first of a month, as the secret set says.
fn refusing(days: &[(u16, u8, u8)], allow: &[&str]) -> Matcher {
    let origins = vec![Origin {
        file: "x".into(),
        field: "exit.date".into(),
        case: Some(0),
        person: false,
    }];
    let days = days
        .iter()
        .map(|&(year, month, day)| RefusedDay {
            year,
            month,
            day,
            words_only: day == 1,
            origin: 0,
        })
        .collect();
    let allow: Vec<String> = allow.iter().map(|a| a.to_string()).collect();
    Matcher::new(&SecretSet::from_forms(origins, Vec::new(), days), &allow)
}

fn found(m: &Matcher, text: &str) -> bool {
    let mut c = Canon::default();
    decode::read(text, &mut c, false);
    let mut hits = Vec::new();
    m.find(&c, false, &mut hits);
    !hits.is_empty()
}

/// How each refused day may be written: the scrubber's list
/// (`quasi::refused_forms`), which this reader must cover, form by form.
fn written(year: u16, month: u8, day: u8) -> Vec<String> {
    let yaml = format!(
        "client:\n  name: X\nexit:\n  date: {year:04}-{month:02}-{day:02}\n  initiated_by: client\n  reason: price\noutcome: exited\n"
    );
    let record: crate::model::record::Record = serde_yaml::from_str(&yaml).unwrap();
    let forms = crate::anonymize::quasi::refused_forms(
        &record,
        crate::config::DatePrecision::Month,
        crate::config::MoneyMode::Exact,
    );
    forms.into_iter().flat_map(|(_, _, f)| f).collect()
}

#[test]
fn every_written_form_of_a_refused_day_is_found() {
    for (y, m, d) in [
        (2025, 8, 29),
        (2024, 1, 1),
        (2023, 2, 2),
        (2025, 3, 3),
        (2022, 5, 9),
        (2025, 9, 10),
        (2021, 10, 11),
        (2025, 11, 21),
        (2020, 12, 22),
        (2025, 6, 23),
        (2019, 7, 31),
        (2026, 4, 12),
    ] {
        let m_ = refusing(&[(y, m, d)], &[]);
        let forms = written(y, m, d);
        assert!(forms.len() >= 10, "{y}-{m}-{d}: {} forms", forms.len());
        for f in &forms {
            // (Eight digits in a row, or a day, month and year joined, are
            // found standing apart only: in a hash or an encoded string
            // they are its.)
            let glued = if f.chars().all(|c| c.is_ascii_alphanumeric()) {
                format!("x {f} y")
            } else {
                format!("x{f}y")
            };
            for text in [
                f.clone(),
                format!("On {f}, they left."),
                format!("<td>{f}</td>"),
                f.to_uppercase(),
                glued,
                f.replace(' ', "&nbsp;"),
            ] {
                assert!(
                    found(&m_, &text),
                    "a written form of {y}-{m}-{d} passed: {text}"
                );
            }
            // Digits around it make another number.
            assert!(!found(&m_, &format!("1{f}")) || f.starts_with(char::is_alphabetic));
        }
        // Another day of the same month, year or both is not refused.
        let other = refusing(&[(y, m, if d == 28 { 27 } else { 28 })], &[]);
        for f in &forms {
            assert!(!found(&other, f), "{f} refused as another day");
        }
    }
}

#[test]
fn a_day_written_as_systems_write_it_is_found_standing_apart() {
    let m = refusing(&[(2025, 3, 31)], &[]);
    for t in [
        "20250331",
        "file_20250331.pdf",
        "(20250331)",
        "on 20250331,",
        "31MAR2025",
        "31Mar25.",
    ] {
        assert!(found(&m, t), "{t}");
    }
    for t in [
        "b7ef20250331c4",
        "x20250331",
        "202503310",
        "120250331",
        "x31mar2025",
        "q31mar25z",
    ] {
        assert!(!found(&m, t), "{t}");
    }
}

#[test]
fn the_first_of_a_month_only_in_words() {
    let m = refusing(&[(2025, 3, 1)], &[]);
    for t in [
        "1 March 2025",
        "March 1st, 2025",
        "1 marca 2025",
        "1 III 2025",
    ] {
        assert!(found(&m, t), "{t}");
    }
    for t in [
        "2025-03-01",
        "01.03.2025",
        "03/01/2025",
        "2025-03-01T00:00:00Z",
    ] {
        assert!(!found(&m, t), "{t}: how a month is written as an instant");
    }
}

#[test]
fn a_day_stands_alone_among_digits() {
    let m = refusing(&[(2025, 5, 1), (2025, 8, 29)], &[]);
    for t in [
        "11 May 2025",
        "21 May 2025",
        "129 August 2025",
        "29 August 20251",
        "2025-08-291",
        "12025-08-29",
        "129.08.2025",
        "29.08.20250",
        "August 290, 2025",
        "fisheryaugust 29 2025",
    ] {
        assert!(!found(&m, t), "{t}");
    }
    for t in [
        "x29 August 2025",
        "XAugust 29, 2025",
        "ref2025-08-29",
        "29.08.2025.",
        "(29/08/2025)",
        "08/29/2025",
        "29&#8209;08&#8209;2025",
        "29 Sierpnia 2025",
        "29 października 2024",
    ] {
        let m = refusing(&[(2025, 8, 29), (2024, 10, 29)], &[]);
        assert!(found(&m, t), "{t}");
    }
}

#[test]
fn allow_exempts_a_written_form() {
    let m = refusing(&[(2025, 8, 29)], &["29 August 2025"]);
    assert!(!found(&m, "29 August 2025"));
    assert!(found(&m, "2025-08-29"));
}
