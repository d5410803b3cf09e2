//! Amounts of money written in prose, found and published as
//! `[anonymize] money` says: as written (`exact`), as their band in the
//! same currency (`band`: under 1,000 · 1,000–5,000 · 5,000–20,000 ·
//! 20,000–100,000 · over 100,000), or not at all (`hidden`).
//!
//! An amount has a currency (`$4,800`, `US$2,340`, `USD 4,800`, `€1.200`,
//! `£950`, `$ 4 800`, `R$ 4.800,00`, `kr 4 800`, `4 800 zł`, `4800,- zł`, `4800$`,
//! `2,5 tys. zł`, `4,800 dollars`), or is a bare
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

use regex::{Captures, Regex};

use super::words;

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

/// A number: grouped in thousands (by `,`, `.`, a space, or the Swiss
/// `'`), in lakhs (`4,80,000`), or not at all.
const NUM: &str = r"[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?:\.[0-9]{1,2})?|[0-9]{1,3}(?:[,.\x{a0}\x{202f} '’][0-9]{3})+(?:[.,][0-9]{1,2})?|[0-9]+(?:[.,][0-9]+)?";
const MULT: &str = r"(?:\s?(?:(?:k|K|m|M|bn|mln|mld|thousand|million|billion)(?-u:\b)|tys\.))";
const PREFIX: &str = r"(?:(?:US\$|U\.S\.\s?\$|CA\$|C\$|AU\$|A\$|NZ\$|HK\$|S\$|R\$|\$|€|£|¥|₹)\s?|(?i:USD|EUR|GBP|PLN|CHF|CAD|AUD|JPY|SEK|NOK|DKK|CZK|INR)\s?|(?:kr\.?|Rs\.?|₨)\s?)";
const SUFFIX: &str = r"(?:złotych|złote|złoty|zł|zl|(?i:dollars?|euros?|PLN|USD|EUR|GBP|CHF|CAD|AUD|SEK|NOK|DKK|CZK)|Kč|kr(?-u:\b)|€|\$|£)";

static PATTERNS: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    let p = |s: String| Regex::new(&s).expect("valid money pattern");
    let range = format!(r"(?:\s?[-–—]\s?{PREFIX}?(?P<num2>{NUM})(?P<mul2>{MULT})?)?");
    [
        p(format!(
            r"(?P<pre>{PREFIX})(?P<num>{NUM})(?P<mul>{MULT})?{range}"
        )),
        p(format!(
            r"(?P<num>{NUM})(?P<mul>{MULT})?(?:,[-–])?{range}(?P<suf>\s?{SUFFIX})"
        )),
        p(r"(?-u:\b)(?P<num>[0-9]+(?:[.,][0-9]+)?)(?P<mul>k|K)(?-u:\b)".to_string()),
    ]
});

/// The patterns' texts, in order (for the set that says which of them can
/// match in a text: [`crate::anonymize::quasi::Shapes`]).
pub(super) fn patterns() -> impl Iterator<Item = &'static str> {
    PATTERNS.iter().map(Regex::as_str)
}

/// Every amount in `text`, without overlaps, in order, of the patterns
/// `matching` (indices in [`PATTERNS`], ascending: those that match
/// somewhere in it).
pub fn find(text: &str, matching: &[usize]) -> Vec<Amount> {
    let mut all = Vec::new();
    for &i in matching {
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
    if after.starts_with(|a: char| a.is_alphanumeric() || a == '%' || a == '_')
        && !per_period(after)
    {
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
    // Lakhs and crores (`4,80,000`): groups of two before the last three.
    let groups: Vec<&str> = s.split('.').next().unwrap_or(s).split(',').collect();
    if groups.len() >= 3
        && groups[0].len() <= 2
        && groups[1..groups.len() - 1].iter().all(|g| g.len() == 2)
        && groups.last().is_some_and(|g| g.len() == 3)
    {
        return s.replace(',', "").parse().ok().map(|v| (v, Some(',')));
    }
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

/// Whether `after` an amount starts with a period written onto it
/// (`£4,200pcm`, `€900pa`, `$300pw`), which is no word the amount is
/// glued to.
fn per_period(after: &str) -> bool {
    ["pcm", "pa", "p.a.", "pw", "pm"].iter().any(|p| {
        after.len() >= p.len()
            && after[..p.len()].eq_ignore_ascii_case(p)
            && !after[p.len()..].starts_with(|c: char| c.is_alphanumeric())
    })
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
