//! Amounts of money written in prose, found and published as
//! `[anonymize] money` says: as written (`exact`), as their band in the
//! same currency (`band`: under 1,000 · 1,000–5,000 · 5,000–20,000 ·
//! 20,000–100,000 · over 100,000), or not at all (`hidden`).
//!
//! An amount has a currency (`$4,800`, `US$2,340`, `USD 4,800`, `€1.200`,
//! `£950`, `4 800 zł`, `2,5 tys. zł`, `4,800 dollars`), or is a bare
//! `2.3k` in a sentence about money (a refund, an invoice, a fee). A
//! number without either (a count, a percentage, a range such as `10-50`,
//! a ticket number, a time) is not money.
//!
//! An amount after "over", "under", "at least" and the like is the
//! threshold of a rule ("every retainer over £2,000 a month gets a named
//! designer"), not an amount of the case, and stays as written.
//!
//! A band keeps the way the amount was written: its currency sign or code
//! on the same side, its thousands separator, a `k`. A hidden amount goes
//! with what only served it: its parentheses ("65% (US$2,340)" → "65%"),
//! the "of" before it ("a refund of $4,800" → "a refund"); before a noun
//! it just goes ("a $4,800 refund" → "a refund"); anywhere else it
//! becomes "an undisclosed sum" ("nieujawnioną kwotę").

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex, RegexSet};

use super::grammar::{self, Edit};
use super::words::{self, Lang};
use crate::config::MoneyMode;

/// How an amount was written, to write its band the same way.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Style {
    /// The currency before the number, as written (`$`, `US$`, `USD `).
    pub prefix: String,
    /// The currency after it, as written (` zł`, ` USD`, ` dollars`).
    pub suffix: String,
    /// The thousands separator (`,`, `.`, ` `), or none (`4800 zł`).
    pub separator: Option<char>,
    /// Written in thousands or more (`2.3k`, `2,5 tys.`, `$1.2m`): the
    /// bands are written in thousands too, with this unit (`k`, ` tys.`,
    /// ` thousand`).
    pub unit: Option<&'static str>,
}

/// An amount as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    pub range: Range<usize>,
    /// The amount, or the ends of a range of amounts (`$1,000–5,000`).
    pub low: f64,
    pub high: f64,
    pub style: Style,
}

const NUM: &str =
    r"[0-9]{1,3}(?:[,.\x{a0}\x{202f} ][0-9]{3})+(?:[.,][0-9]{1,2})?|[0-9]+(?:[.,][0-9]+)?";
const MULT: &str = r"(?:\s?(?:(?:k|K|m|M|bn|mln|mld|thousand|million|billion)(?-u:\b)|tys\.))";
const PREFIX: &str = r"(?:US\$|U\.S\.\s?\$|CA\$|C\$|AU\$|A\$|NZ\$|HK\$|S\$|R\$|\$|€|£|¥|₹|(?:USD|EUR|GBP|PLN|CHF|CAD|AUD|JPY|SEK|NOK|DKK|CZK|INR)\s?)";
const SUFFIX: &str = r"(?:złotych|złote|złoty|zł|zl|PLN|USD|EUR|GBP|CHF|CAD|AUD|SEK|NOK|DKK|CZK|Kč|€|dollars?|euros?)";

static PATTERNS: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    let p = |s: String| Regex::new(&s).expect("valid money pattern");
    let range = format!(r"(?:\s?[-–—]\s?{PREFIX}?(?P<num2>{NUM})(?P<mul2>{MULT})?)?");
    [
        p(format!(
            r"(?P<pre>{PREFIX})(?P<num>{NUM})(?P<mul>{MULT})?{range}"
        )),
        p(format!(
            r"(?P<num>{NUM})(?P<mul>{MULT})?{range}(?P<suf>\s?{SUFFIX})"
        )),
        p(r"(?-u:\b)(?P<num>[0-9]+(?:[.,][0-9]+)?)(?P<mul>k|K)(?-u:\b)".to_string()),
    ]
});

/// The patterns at once: one pass says which can match at all.
static ANY: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(PATTERNS.iter().map(Regex::as_str)).expect("valid money patterns")
});

/// Every amount in `text`, without overlaps, in order.
pub fn find(text: &str) -> Vec<Amount> {
    let mut all = Vec::new();
    for i in ANY.matches(text).iter() {
        let re = &PATTERNS[i];
        for c in re.captures_iter(text) {
            if let Some(a) = read(&c, text, i == 2) {
                all.push(a);
            }
        }
    }
    all.sort_by(|a: &Amount, b| {
        b.range
            .len()
            .cmp(&a.range.len())
            .then(a.range.start.cmp(&b.range.start))
    });
    let mut chosen: Vec<Amount> = Vec::new();
    for a in all {
        if !chosen
            .iter()
            .any(|c| c.range.start < a.range.end && a.range.start < c.range.end)
        {
            chosen.push(a);
        }
    }
    chosen.sort_by_key(|a| a.range.start);
    chosen
}

fn read(c: &Captures<'_>, text: &str, bare: bool) -> Option<Amount> {
    let range = c.get(0)?.range();
    let before = text[..range.start].chars().next_back();
    // Glued to a word or a ticket: `INV-4800 USD`, `v2.3k`.
    if before.is_some_and(|b| b.is_alphanumeric() || matches!(b, '-' | '#' | '_' | '/' | '.' | ','))
    {
        return None;
    }
    let after = &text[range.end..];
    if after.starts_with(|a: char| a.is_alphanumeric() || a == '%' || a == '_') {
        return None;
    }
    if super::dates::in_url(text, range.start) {
        return None;
    }
    if bare && !about_money(text, range.start) {
        return None;
    }
    let (low, sep) = number(c.name("num")?.as_str())?;
    let mult = c.name("mul").map_or(1.0, |m| multiplier(m.as_str()));
    let low = low * mult;
    let high = match c.name("num2") {
        Some(n) => number(n.as_str())?.0 * c.name("mul2").map_or(mult, |m| multiplier(m.as_str())),
        None => low,
    };
    if high < low {
        return None;
    }
    Some(Amount {
        range,
        low,
        high,
        style: Style {
            prefix: c.name("pre").map_or("", |m| m.as_str()).to_string(),
            suffix: c.name("suf").map_or("", |m| m.as_str()).to_string(),
            separator: sep,
            unit: c.name("mul").map(|m| match m.as_str().trim() {
                "tys." | "mln" | "mld" => " tys.",
                "thousand" | "million" | "billion" => " thousand",
                _ => "k",
            }),
        },
    })
}

/// A number as written: its value and its thousands separator. A `.` or
/// `,` followed by exactly three digits groups thousands (`€1.200`,
/// `$4,800`); otherwise it is the decimal point (`2.5`, `2,5`).
fn number(s: &str) -> Option<(f64, Option<char>)> {
    let mut sep = None;
    let mut digits = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let group = chars[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let as_sep = if matches!(c, ' ' | '\u{a0}' | '\u{202f}') {
            ' '
        } else {
            c
        };
        if group == 3 && sep.is_none_or(|s| s == as_sep) && !digits.contains('.') {
            sep = Some(as_sep);
        } else if matches!(c, '.' | ',') && !digits.contains('.') {
            digits.push('.');
        } else {
            return None;
        }
    }
    digits.parse().ok().map(|v| (v, sep))
}

fn multiplier(m: &str) -> f64 {
    match m.trim() {
        "k" | "K" | "tys." | "thousand" => 1e3,
        "m" | "M" | "mln" | "million" => 1e6,
        "bn" | "mld" | "billion" => 1e9,
        _ => 1.0,
    }
}

/// Whether the sentence around `at` speaks of money.
fn about_money(text: &str, at: usize) -> bool {
    // A sentence ends at `.`, `!` or `?` before a space, or at a line.
    let ends = |s: &str, i: usize| {
        let c = s.as_bytes()[i];
        c == b'\n'
            || (matches!(c, b'.' | b'!' | b'?')
                && s[i + 1..].chars().next().is_none_or(char::is_whitespace))
    };
    let start = (0..at).rev().find(|&i| ends(text, i)).map_or(0, |i| i + 1);
    let end = (at..text.len())
        .find(|&i| text.is_char_boundary(i) && ends(text, i))
        .unwrap_or(text.len());
    text[start..end]
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| words::MONEY_WORDS.contains(&w.to_lowercase().as_str()))
}

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
pub(super) fn grouped(v: u64, sep: Option<char>) -> String {
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
