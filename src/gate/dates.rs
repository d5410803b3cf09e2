//! Exact days, found by their value: the gate reads every date written
//! with its year in the canonical stream (`29 August 2025`, `August 29th,
//! 2025`, `29th of Aug 2025`, `29 sierpnia 2025`, `29 VIII 2025`,
//! `2025-08-29`, `2025/08/29`, `29.08.2025`, `29/08/2025`, `08/29/2025`,
//! `3/14/25`, `14-Mar-25`, `31 Mar 25`, `31MAR2025`, `20250331`; day and
//! month with or without a leading zero)
//! and looks the day up
//! among the secret set's refused days.
//!
//! Why not as patterns: each refused day has some thirty written forms,
//! and a handbook of 8,000 cases has tens of thousands of refused days —
//! hundreds of thousands of patterns to make, sort and build into the
//! automaton on every build. Read by value, a day is one entry in a
//! table, and the text is only looked at around a four-digit year that
//! some refused day has.
//!
//! The reading is the gate's own (month names included): nothing here is
//! shared with the scrubber's prose rewriting (`crate::anonymize::quasi`),
//! whose list of written forms the tests hold this reader to.

use std::collections::{HashMap, HashSet};

use crate::anonymize::secrets::RefusedDay;
use crate::gate::decode::Canon;
use crate::gate::matcher::{Hit, alone};
use crate::gate::reveal::Reveal;

/// Month names as the gate reads them (lower-case ASCII, diacritics
/// folded): English names and their first three letters, which may stand
/// before or after the day; Polish genitives and Roman numerals, after it.
/// Per month: its English name, its first three letters, its Polish
/// genitive, its Roman numeral.
const MONTHS: [[&[u8]; 4]; 12] = [
    [b"january", b"jan", b"stycznia", b"i"],
    [b"february", b"feb", b"lutego", b"ii"],
    [b"march", b"mar", b"marca", b"iii"],
    [b"april", b"apr", b"kwietnia", b"iv"],
    [b"may", b"may", b"maja", b"v"],
    [b"june", b"jun", b"czerwca", b"vi"],
    [b"july", b"jul", b"lipca", b"vii"],
    [b"august", b"aug", b"sierpnia", b"viii"],
    [b"september", b"sep", b"wrzesnia", b"ix"],
    [b"october", b"oct", b"pazdziernika", b"x"],
    [b"november", b"nov", b"listopada", b"xi"],
    [b"december", b"dec", b"grudnia", b"xii"],
];

/// The month a word after a day names.
fn month(word: &[u8]) -> Option<u8> {
    let i = MONTHS.iter().position(|names| names.contains(&word))?;
    Some(i as u8 + 1)
}

/// The refused days of a secret set, by value.
pub struct Days {
    /// (year, month, day) → (origin, only its forms in words count).
    days: HashMap<(u16, u8, u8), (usize, bool), ahash::RandomState>,
    /// A bit for every year (0–9999) that some refused day is in.
    years: Vec<u64>,
    /// `[anonymize] allow` in the gate's alphabet: a date written as
    /// listed there is not refused.
    allow: HashSet<Vec<u8>>,
}

/// A date found in the text: where, and what day.
struct Written {
    start: usize,
    end: usize,
    day: (u16, u8, u8),
    /// Written in digits only.
    numeric: bool,
}

impl Days {
    pub fn new(refused: &[RefusedDay], allow: HashSet<Vec<u8>>) -> Days {
        let mut days: HashMap<(u16, u8, u8), (usize, bool), ahash::RandomState> =
            HashMap::default();
        let mut years = vec![0u64; 10_000 / 64 + 1];
        for r in refused.iter().filter(|r| r.year <= 9999) {
            years[usize::from(r.year) / 64] |= 1 << (r.year % 64);
            // The first origin names the day in errors.
            let e = days
                .entry((r.year, r.month, r.day))
                .or_insert((r.origin, r.words_only));
            e.0 = e.0.min(r.origin);
        }
        Days { days, years, allow }
    }

    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }

    /// Is `t[s..]` the year of a refused day: four digits, none after
    /// them? (`s` starts a run of digits.)
    #[inline]
    pub fn year_at(&self, t: &[u8], s: usize) -> Option<u16> {
        let four = t.get(s..s + 4)?;
        if !four.iter().all(u8::is_ascii_digit) || t.get(s + 4).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let y = four.iter().fold(0u16, |y, d| y * 10 + u16::from(d - b'0'));
        (self.years[usize::from(y) / 64] & (1 << (y % 64)) != 0).then_some(y)
    }

    /// Is `t[s..]` a year of two digits (`3/14/25`, `14-Mar-25`,
    /// `31MAR25`) of a refused day: exactly two digits, after a `/`, a soft
    /// break or a letter? Of this century up to `69`, as the scrubber reads
    /// it.
    #[inline]
    pub fn short_year_at(&self, t: &[u8], s: usize) -> Option<u16> {
        if s == 0 || !(matches!(t[s - 1], b'/' | b' ') || t[s - 1].is_ascii_lowercase()) {
            return None;
        }
        let (_, yy) = two_digits_at(t, s)?;
        let y = if yy < 70 { 2000 } else { 1900 } + u16::from(yy);
        (self.years[usize::from(y) / 64] & (1 << (y % 64)) != 0).then_some(y)
    }

    /// Is `t[s..]` a day of a refused year written in eight digits
    /// (`20250331`, as file names and exports write one): exactly eight
    /// digits (`s` starts a run of digits)? The year.
    #[inline]
    pub fn compact_at(&self, t: &[u8], s: usize) -> Option<u16> {
        let eight = t.get(s..s + 8)?;
        if !eight.iter().all(u8::is_ascii_digit) || t.get(s + 8).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let y = eight[..4]
            .iter()
            .fold(0u16, |y, d| y * 10 + u16::from(d - b'0'));
        (self.years[usize::from(y) / 64] & (1 << (y % 64)) != 0).then_some(y)
    }

    /// The refused day written in the eight digits at `s` (see
    /// [`Days::compact_at`]), where nothing but punctuation or spaces
    /// stands beside them.
    pub fn compact(&self, c: &Canon, s: usize, year: u16, hits: &mut Vec<Hit>) {
        let t = &c.text[..];
        // Not inside a hash or an identifier (`b7ef20250331c4`): eight
        // digits in a row are as often part of one, and the scrubber reads
        // them as a date only standing apart.
        if s > 0 && t[s - 1].is_ascii_alphanumeric()
            || t.get(s + 8).is_some_and(u8::is_ascii_alphanumeric)
        {
            return;
        }
        let (Some((_, m)), Some((_, d))) = (two_digits(t, s + 4), two_digits(t, s + 6)) else {
            return;
        };
        let w = Written {
            start: s,
            end: s + 8,
            day: (year, m, d),
            numeric: true,
        };
        self.report(c, vec![w], hits);
    }

    /// Every refused day written around the year at `ys` (see
    /// [`Days::year_at`]; `short`: [`Days::short_year_at`]), where it
    /// stands alone as a word would.
    pub fn around(&self, c: &Canon, ys: usize, (year, short): (u16, bool), hits: &mut Vec<Hit>) {
        let t = &c.text[..];
        let mut found = Vec::new();
        before(t, ys, (year, short), &mut found);
        if !short {
            after(t, ys, year, &mut found);
        }
        self.report(c, found, hits);
    }

    /// The hits of the dates `found`: those of a refused day, standing
    /// alone, not allowed.
    fn report(&self, c: &Canon, found: Vec<Written>, hits: &mut Vec<Hit>) {
        let t = &c.text[..];
        for w in found {
            let Some(&(origin, words_only)) = self.days.get(&w.day) else {
                continue;
            };
            if w.numeric && words_only {
                continue;
            }
            let Some(joined) = alone(c, w.start, w.end) else {
                continue;
            };
            if self.allow.contains(&t[w.start..w.end]) {
                continue;
            }
            let mut how = c.reveal_in(w.start..w.end);
            if joined {
                how |= Reveal::JOINED;
            }
            hits.push(Hit { origin, how });
        }
    }
}

/// The run of one or two digits that ends at `end`, no digit before it:
/// (where it starts, its value).
fn number_before(t: &[u8], end: usize) -> Option<(usize, u8)> {
    let mut s = end;
    while s > 0 && end - s <= 2 && t[s - 1].is_ascii_digit() {
        s -= 1;
    }
    if s == end || end - s > 2 {
        return None;
    }
    Some((s, t[s..end].iter().fold(0, |v, d| v * 10 + (d - b'0'))))
}

/// The run of exactly two digits that starts at `s`, no digit after it:
/// (where it ends, its value).
fn two_digits_at(t: &[u8], s: usize) -> Option<(usize, u8)> {
    let two = t.get(s..s + 2)?;
    if !two.iter().all(u8::is_ascii_digit) || t.get(s + 2).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((s + 2, (two[0] - b'0') * 10 + (two[1] - b'0')))
}

/// The two digits at `s`, whatever follows: (where they end, their value).
fn two_digits(t: &[u8], s: usize) -> Option<(usize, u8)> {
    let two = t.get(s..s + 2)?;
    two.iter()
        .all(u8::is_ascii_digit)
        .then(|| (s + 2, (two[0] - b'0') * 10 + (two[1] - b'0')))
}

/// The run of letters (at most twelve, a month's longest name) that ends
/// at `end`: where it starts.
fn word_before(t: &[u8], end: usize) -> Option<usize> {
    let mut s = end;
    while s > 0 && end - s <= 12 && t[s - 1].is_ascii_lowercase() {
        s -= 1;
    }
    (s < end).then_some(s)
}

/// A day that ends at `end`: one or two digits, perhaps with an ordinal
/// ending (`29th`, `1st`): (where it starts, the day).
fn day_before(t: &[u8], end: usize) -> Option<(usize, u8)> {
    if let Some(w) = word_before(t, end)
        && end - w == 2
        && matches!(&t[w..end], b"st" | b"nd" | b"rd" | b"th")
    {
        return number_before(t, w);
    }
    number_before(t, end)
}

/// Dates that end with the year at `ys` (of two digits if `short`).
fn before(t: &[u8], ys: usize, (y, short): (u16, bool), out: &mut Vec<Written>) {
    let Some(p) = ys.checked_sub(1) else { return };
    let sep = t[p];
    let date = |start: usize, m: u8, d: u8, numeric: bool| Written {
        start,
        end: ys + if short { 2 } else { 4 },
        day: (y, m, d),
        numeric,
    };
    // `31mar2025`, `31mar25` (booking and banking systems' `31MAR2025`):
    // day, month and year joined; only standing apart, as the scrubber
    // reads it (`x6jan22` in an encoded string is none).
    if sep.is_ascii_lowercase() {
        let end = ys + if short { 2 } else { 4 };
        if let Some(w) = word_before(t, ys)
            && let Some(m) = month(&t[w..ys])
            && let Some((d0, d)) = number_before(t, w)
            && (d0 == 0 || !t[d0 - 1].is_ascii_alphanumeric())
            && !t.get(end).is_some_and(u8::is_ascii_alphanumeric)
        {
            out.push(date(d0, m, d, false));
        }
        return;
    }
    if !matches!(sep, b' ' | b'/') {
        return;
    }
    // `29 08 2025` (read from `29.08.2025`, `29-08-2025`), `29/08/2025`,
    // `08/29/2025`; with a year of two digits, only with slashes
    // (`3/14/25`: three numbers apart are seldom a date).
    if (!short || sep == b'/')
        && let Some((b, second)) = number_before(t, p)
        && b > 0
        && t[b - 1] == sep
        && let Some((a, first)) = number_before(t, b - 1)
    {
        out.push(date(a, second, first, true));
        if sep == b'/' {
            out.push(date(a, first, second, true));
        }
    }
    if sep != b' ' {
        return;
    }
    // `29 August 2025`, `29th of Aug 2025`, `29 sierpnia 2025`, `29 viii 2025`.
    if let Some(w) = word_before(t, p)
        && let Some(m) = month(&t[w..p])
        && w > 0
        && t[w - 1] == b' '
    {
        let mut q = w - 1;
        if q >= 3 && &t[q - 3..q] == b" of" {
            q -= 3;
        }
        if let Some((d0, d)) = day_before(t, q) {
            out.push(date(d0, m, d, false));
        }
    }
    // `August 29, 2025`, `Aug 29th 2025` (the name may follow a change
    // of case: `XAugust 29, 2025`; `alone` checks where it starts).
    let q = if p > 0 && t[p - 1] == b',' { p - 1 } else { p };
    if let Some((d0, d)) = day_before(t, q)
        && d0 > 0
        && t[d0 - 1] == b' '
    {
        let end = d0 - 1;
        for (i, [full, abbr, ..]) in MONTHS.iter().enumerate() {
            let names = [*full, *abbr];
            for name in &names[..if full == abbr { 1 } else { 2 }] {
                if t[..end].ends_with(name) {
                    out.push(date(end - name.len(), i as u8 + 1, d, false));
                }
            }
        }
    }
}

/// Dates that start with the year at `ys`: `2025 08 29` (read from
/// `2025-08-29`), `2025/08/29`.
fn after(t: &[u8], ys: usize, y: u16, out: &mut Vec<Written>) {
    let ye = ys + 4;
    let Some(&sep) = t.get(ye) else { return };
    if !matches!(sep, b' ' | b'/') {
        return;
    }
    if let Some((e1, m)) = two_digits_at(t, ye + 1)
        && t.get(e1) == Some(&sep)
        && let Some((e2, d)) = two_digits_at(t, e1 + 1)
    {
        out.push(Written {
            start: ys,
            end: e2,
            day: (y, m, d),
            numeric: true,
        });
    }
}

#[cfg(test)]
mod tests;
