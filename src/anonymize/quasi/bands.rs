//! What an amount found in prose ([`super::money`]) is published as: its
//! band in the same currency, written as the amount was, or nothing, with
//! the sentence closed over it.

use super::grammar::{self, Edit};
use super::money::Amount;
use super::words::{self, Lang};
use crate::config::MoneyMode;

/// Band edges: under 1,000 · 1,000–5,000 · 5,000–20,000 · 20,000–100,000 ·
/// over 100,000 (as [`crate::anonymize::generalize::band`]).
const EDGES: [f64; 4] = [1_000.0, 5_000.0, 20_000.0, 100_000.0];

fn band_index(a: f64) -> usize {
    match a {
        a if a < 1_000.0 => 0,
        a if a < 5_000.0 => 1,
        a if a < 20_000.0 => 2,
        a if a <= 100_000.0 => 3,
        _ => 4,
    }
}

/// Words before an amount that make it a threshold of a rule ("every
/// retainer over £2,000 a month gets a named designer"), not an amount of
/// the case: left as written ("over £1,000–5,000" would say nothing).
const THRESHOLDS: &[&str] = &[
    "over",
    "under",
    "above",
    "below",
    "more than",
    "less than",
    "at least",
    "at most",
    "exceeding",
    "powyżej",
    "poniżej",
    "ponad",
    "przekraczające",
    "przekraczających",
];

fn threshold(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end().to_lowercase();
    THRESHOLDS.iter().any(|t| {
        before.ends_with(t)
            && before[..before.len() - t.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// What an amount is published as, or `None` when it stays as written.
pub fn rewrite(text: &str, a: &Amount, mode: MoneyMode, lang: Lang) -> Option<Edit> {
    if threshold(text, a.range.start) {
        return None;
    }
    match mode {
        MoneyMode::Exact => None,
        MoneyMode::Band => Some(band(text, a, lang)),
        MoneyMode::Hidden => Some(hide(text, a, lang)),
    }
}

fn band(text: &str, a: &Amount, lang: Lang) -> Edit {
    let s = &a.style;
    // An amount under 1,000 was written without a separator: the bands'
    // edges take the language's ("1,000", "1 000").
    let separator = match (s.separator, a.high < 1_000.0, lang) {
        (None, true, Lang::En) => Some(','),
        (None, true, Lang::Pl) => Some(' '),
        (sep, _, _) => sep,
    };
    // An edge as written: "1,000", "1k"; a unit of words ("tys.") only
    // after the last number ("1–5 tys.").
    let fmt = |v: f64, last: bool| match s.unit {
        Some("k") => format!("{}k", v / 1_000.0),
        Some(unit) if last => format!("{}{unit}", v / 1_000.0),
        Some(_) => format!("{}", v / 1_000.0),
        None => grouped(v as u64, separator),
    };
    // A range's upper end is its band's edge ("$1,000–5,000"), not in the next.
    let high = if a.high > a.low && EDGES.contains(&a.high) {
        a.high - 0.5
    } else {
        a.high
    };
    let (lo, hi) = (band_index(a.low), band_index(high));
    let money = |body: String| format!("{}{body}{}", s.prefix, s.suffix);
    // Before a noun, in English: "a sub-$1,000 refund", "a $100,000-plus deal".
    let attributive = lang == Lang::En && s.suffix.is_empty() && noun_follows(text, a);
    let top = money(fmt(EDGES[3], true));
    let phrase = match (lo, hi, lang) {
        (0, 4, _) => money(format!("0–{}+", fmt(EDGES[3], true))),
        (0, h, Lang::En) if attributive => format!("sub-{}", money(fmt(EDGES[h], true))),
        (0, h, Lang::En) => format!("under {}", money(fmt(EDGES[h], true))),
        (0, h, Lang::Pl) => format!("poniżej {}", money(fmt(EDGES[h], true))),
        (4, _, Lang::En) if attributive => format!("{top}-plus"),
        (4, _, Lang::En) => format!("over {top}"),
        (4, _, Lang::Pl) => format!("powyżej {top}"),
        (l, h, _) => money(format!(
            "{}–{}",
            fmt(EDGES[l - 1], false),
            fmt(EDGES[h], true)
        )),
    };
    // "an $800 invoice" → "a sub-$1,000 invoice".
    if let Some(art) = grammar::article_before(text, a.range.start)
        && lang == Lang::En
    {
        let new = grammar::article_like(&text[art.clone()], &phrase);
        let gap = &text[art.end..a.range.start];
        return (art.start..a.range.end, format!("{new}{gap}{phrase}"));
    }
    (a.range.clone(), phrase)
}

/// `1000` grouped by `sep` (`1,000`, `1.000`, `1 000`, `1000`).
pub fn grouped(v: u64, sep: Option<char>) -> String {
    let digits = v.to_string();
    let Some(sep) = sep else {
        return digits;
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Words that, after an amount, show it is not before a noun ("the $4,800
/// was refunded").
const NOT_NOUNS: &[&str] = &[
    "was", "is", "were", "are", "had", "has", "have", "would", "will", "could", "should", "went",
    "came", "that", "which", "and", "or", "but", "to", "in", "on", "for", "of", "from", "with",
    "as", "by", "at", "we", "they", "he", "she", "it", "per", "a", "an", "the", "plus", "back",
    "more", "less", "off", "up", "down", "each", "every", "total", "instead", "upfront", "now",
];

/// Is the amount a modifier of the noun after it ("a $4,800 refund")?
fn noun_follows(text: &str, a: &Amount) -> bool {
    let rest = text[a.range.end..].strip_prefix(' ').unwrap_or("");
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .collect();
    !word.is_empty()
        && word.chars().next().is_some_and(char::is_lowercase)
        && !NOT_NOUNS.contains(&word.as_str())
        && determiner_before(text, a.range.start)
}

/// Whether a determiner ends the text before `at` ("a", "the", "our").
fn determiner_before(text: &str, at: usize) -> bool {
    determiner_start(text, at).is_some()
}

/// Where the determiner that ends the text before `at` starts.
fn determiner_start(text: &str, at: usize) -> Option<usize> {
    let before = text[..at].trim_end_matches(' ');
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let is = before.len() < at
        && matches!(
            word.to_lowercase().as_str(),
            "a" | "an"
                | "the"
                | "this"
                | "that"
                | "one"
                | "another"
                | "their"
                | "our"
                | "its"
                | "his"
                | "her"
                | "each"
                | "every"
                | "your"
        );
    is.then(|| before.len() - word.len())
}

fn hide(text: &str, a: &Amount, lang: Lang) -> Edit {
    let r = a.range.clone();
    // In parentheses: "(US$2,340)", "(US$2,340, paid in March)".
    if text[..r.start].ends_with('(') {
        let after = &text[r.end..];
        if after.starts_with(')') {
            return grammar::remove(text, r);
        }
        for sep in [", ", "; "] {
            if after.starts_with(sep) {
                return (r.start..r.end + sep.len(), String::new());
            }
        }
    }
    let before = text[..r.start].trim_end_matches([' ', '\u{a0}']);
    let lower = before.to_lowercase();
    let of: &[&str] = match lang {
        Lang::En => words::EN_OF,
        Lang::Pl => words::PL_OF,
    };
    for w in of {
        if lower.ends_with(w)
            && lower[..lower.len() - w.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        {
            let start = before.len() - w.len();
            return grammar::remove(text, start..period_end(text, r.end));
        }
    }
    if lang == Lang::Pl {
        let noun = lower.rsplit(' ').next().unwrap_or("");
        if words::PL_MONEY_NOUNS.contains(&noun) {
            return (before.len()..r.end, String::new());
        }
    } else if noun_follows(text, a) {
        // "an $800 invoice" → "an invoice"; "a $4,800 upgrade" → "an upgrade".
        let rest = &text[r.end..];
        let word_at = r.end + 1;
        return match grammar::article_before(text, r.start) {
            Some(art) => {
                let new = grammar::article_like(&text[art.clone()], &rest[1..]);
                (art.start..word_at, format!("{new} "))
            }
            None => (r.start..word_at, String::new()),
        };
    }
    let phrase = match lang {
        Lang::En => "an undisclosed sum",
        Lang::Pl => "nieujawnioną kwotę",
    };
    // "The $4,800 was refunded" → "An undisclosed sum was refunded".
    let start = determiner_start(text, r.start).unwrap_or(r.start);
    let phrase = if grammar::sentence_start(text, start) {
        grammar::capitalised(phrase)
    } else {
        phrase.to_string()
    };
    (start..r.end, phrase)
}

/// Where an amount's period ends (`/month`, ` a month`, ` per year`,
/// ` miesięcznie`), for taking it out with the amount.
fn period_end(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    for p in [
        "/month",
        "/mo",
        "/year",
        "/yr",
        " a month",
        " a year",
        " per month",
        " per year",
        " monthly",
        " a quarter",
        " miesięcznie",
        " rocznie",
        " za miesiąc",
        "/mies.",
    ] {
        if rest.starts_with(p) {
            return end + p.len();
        }
    }
    end
}
