//! A date written more finely than the precision, said again at it: the
//! month, quarter or year, with the word before it made to agree ("on 29
//! August 2025" → "in August 2025", "by Aug 29" → "by the end of August",
//! "do 29 sierpnia" → "do końca sierpnia"), or the phrase taken out where
//! nothing is left to say (see [`super::dates`] for what is recognised).

use std::ops::Range;

use super::dates::{Grain, Written};
use super::grammar::{self, Edit};
use super::words::{self, Case, Lang};
use crate::config::DatePrecision;

/// The word before `at` that governs the date (`on`, `by`, `do`, `dnia`),
/// lowercased, with its range.
fn preposition(text: &str, at: usize, lang: Lang) -> Option<(Range<usize>, String)> {
    let before = &text[..at];
    let trimmed = before.trim_end_matches([' ', '\t', '\u{a0}']);
    if trimmed.len() == before.len() {
        return None;
    }
    let start = trimmed
        .rfind(|c: char| !c.is_alphabetic() && c != '.')
        .map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = trimmed[start..].to_lowercase();
    let known: &[&str] = match lang {
        Lang::En => &[
            "on", "at", "in", "by", "before", "until", "till", "after", "since", "from", "of",
            "during",
        ],
        Lang::Pl => &[
            "w", "we", "do", "od", "przed", "po", "z", "ze", "na", "około", "ok.", "dnia",
        ],
    };
    if !known.contains(&word.as_str()) {
        return None;
    }
    // "w dniu 29 sierpnia": the two words together.
    if lang == Lang::Pl && word == "dnia" {
        let b = trimmed[..start].trim_end();
        if b.to_lowercase().ends_with(" w dniu") || b.eq_ignore_ascii_case("w dniu") {
            let s = b.len() - "w dniu".len();
            return Some((s..trimmed.len(), "dnia".into()));
        }
    }
    Some((start..trimmed.len(), word))
}

/// What a date written at a finer grain than `precision` is published as:
/// the edit, or `None` when it may stay as it is.
pub fn rewrite(text: &str, w: &Written, precision: DatePrecision, lang: Lang) -> Option<Edit> {
    let target = match precision {
        DatePrecision::Day => return None,
        DatePrecision::Month => Grain::Month,
        DatePrecision::Quarter => Grain::Quarter,
        DatePrecision::Year => {
            if w.year.is_none() {
                return Some(drop(text, w, lang));
            }
            return Some(say(text, w, Period::Year(w.year?), lang));
        }
    };
    if w.grain >= target {
        return None;
    }
    let period = match (target, w.month) {
        (_, None) if w.quarter.is_none() => return Some(drop(text, w, lang)),
        (Grain::Month, Some(m)) => Period::Month(m, w.year),
        (_, m) => Period::Quarter(w.quarter.or(m.map(|m| (m - 1) / 3 + 1))?, w.year),
    };
    Some(say(text, w, period, lang))
}

/// A period to publish.
#[derive(Debug, Clone, Copy)]
enum Period {
    Month(u8, Option<u16>),
    Quarter(u8, Option<u16>),
    Year(u16),
}

/// The date and the word before it, taken out of the sentence.
fn drop(text: &str, w: &Written, lang: Lang) -> Edit {
    let start = preposition(text, w.range.start, lang).map_or(w.range.start, |(r, _)| r.start);
    grammar::remove(text, start..w.range.end)
}

/// The date replaced by `period`, and the word before it made to agree.
fn say(text: &str, w: &Written, period: Period, lang: Lang) -> Edit {
    let prep = preposition(text, w.range.start, lang);
    let finer_than_month = w.grain <= Grain::Part;
    // (Early in its month, not in a quarter or a year: 3 September is
    // late in Q3.)
    let early = w.early && matches!(period, Period::Month(..));
    let (start, phrase) = match lang {
        Lang::En => english(
            prep.as_ref(),
            period,
            (finer_than_month, early),
            w.range.start,
        ),
        Lang::Pl => polish(
            prep.as_ref(),
            period,
            (finer_than_month, early),
            w.range.start,
        ),
    };
    // (Its first character, not its first letter: `14 III 2025` is no
    // capital, its Roman month is.)
    let upper = text[start..w.range.end]
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
        || (start == w.range.start && grammar::sentence_start(text, start));
    let mut phrase = if upper {
        grammar::capitalised(&phrase)
    } else {
        phrase
    };
    // "do końca III kw." at the end of a sentence: one full stop; "by
    // Aug." at the end of one: still one.
    let after = &text[w.range.end..];
    if phrase.ends_with('.') && after.starts_with('.') {
        phrase.pop();
    } else if text[..w.range.end].ends_with('.')
        && !phrase.ends_with('.')
        && (after.is_empty()
            || after.starts_with('\n')
            || after.trim_start().starts_with(char::is_uppercase))
    {
        phrase.push('.');
    }
    (start..w.range.end, phrase)
}

/// `(day, early)`: whether the date was finer than a month, and a day
/// in the first third of it ([`Written::early`](super::dates::Written)).
fn english(
    prep: Option<&(Range<usize>, String)>,
    period: Period,
    (day, early): (bool, bool),
    at: usize,
) -> (usize, String) {
    let text = match period {
        Period::Month(m, y) => with_year(words::EN_MONTHS[usize::from(m) - 1], y, ""),
        Period::Quarter(q, y) => with_year(&format!("Q{q}"), y, ""),
        Period::Year(y) => y.to_string(),
    };
    let Some((range, word)) = prep else {
        return (at, text);
    };
    // A month or a quarter coarsened keeps its preposition: "by August" →
    // "by Q3". A day's preposition says where in the period it falls.
    if !day {
        return (at, text);
    }
    let new = match word.as_str() {
        "on" | "at" => "in",
        "by" | "before" | "until" | "till" => {
            let part = if early { "start" } else { "end" };
            return (range.start, format!("{word} the {part} of {text}"));
        }
        "after" => return (range.start, format!("after the start of {text}")),
        _ => return (at, text),
    };
    (range.start, format!("{new} {text}"))
}

fn polish(
    prep: Option<&(Range<usize>, String)>,
    period: Period,
    (day, early): (bool, bool),
    at: usize,
) -> (usize, String) {
    let noun = |case: Case| match period {
        Period::Month(m, y) => with_year(words::pl_month(m, case), y, " r."),
        Period::Quarter(q, y) => with_year(
            &format!("{} kw.", words::ROMAN[usize::from(q) - 1]),
            y,
            " r.",
        ),
        Period::Year(y) => format!("{y} r."),
    };
    let word = prep.map(|(_, w)| w.as_str());
    if !day && !matches!(word, Some("w" | "we")) {
        // The month keeps its case after its own preposition (`przed
        // sierpniem`); a quarter or year is written abbreviated, which
        // does not decline.
        return (at, noun(Case::Nominative));
    }
    let start = prep.map_or(at, |(r, _)| r.start);
    let (new, case) = match word {
        None | Some("dnia" | "w" | "we") => ("w", Case::Locative),
        Some("do") if early => ("do początku", Case::Genitive),
        Some("do") => ("do końca", Case::Genitive),
        Some("przed") if early => ("przed początkiem", Case::Genitive),
        Some("przed") => ("przed końcem", Case::Genitive),
        Some("po") => ("po początku", Case::Genitive),
        Some("na") => ("na", Case::Nominative),
        Some(other) => (other, Case::Genitive),
    };
    let n = noun(case);
    // "we wrześniu": `w` takes an `e` before w- or f- and a consonant.
    let new = if new == "w" && {
        let l = n.to_lowercase();
        (l.starts_with('w') || l.starts_with('f'))
            && l.chars().nth(1).is_some_and(|c| !"aeiouyąęó".contains(c))
    } {
        "we"
    } else {
        new
    };
    (start, format!("{new} {n}"))
}

fn with_year(what: &str, year: Option<u16>, suffix: &str) -> String {
    match year {
        Some(y) => format!("{what} {y}{suffix}"),
        None => what.to_string(),
    }
}
