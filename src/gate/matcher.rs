//! The gate's own matching: a trie of the secret set's forms walked from
//! where a form may start ([`crate::gate::trie`]) and a trie of phone
//! numbers' digits walked from every digit (their text only — never the
//! scrubber's automaton or its rules' code),
//! run over a file as [`crate::gate::decode`] read it.
//!
//! - A form of two or more words (eight letters or digits or more) counts
//!   anywhere, letters or digits touching it or not (`\nHarbor Freight`).
//! - A one-word form counts where it stands alone: at the edge of the text,
//!   beside anything but a letter (a digit, `_`, punctuation, a space), or
//!   at a change of letter case (`HarborFreight`, `ACMEHoldings`,
//!   `nHarbor`) — never inside an ordinary word (`fishery` does not hold
//!   `fisher`). Initials count only in upper case (`HFL`).
//! - In pages of a language that inflects names, a word made of a name
//!   part's stem and an ending of up to four letters (`Kowalskiego`).
//! - Every run of digits, however separated, is searched for the digits of
//!   every declared phone number (its national significant number is in
//!   every form of it).
//! - Around every four-digit year of a refused day, the dates written
//!   there are read and looked up by value ([`crate::gate::dates`]).

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::anonymize::secrets::{FormClass, FormKind, SecretSet};
use crate::gate::dates::Days;
use crate::gate::decode::Canon;
use crate::gate::decode::within;
use crate::gate::masks::classes;
use crate::gate::reveal::Reveal;
use crate::gate::trie::Trie;

/// How a pattern must sit to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    Free,
    Word,
    Upper,
    /// A word standing alone, never as a plural: a name in another case.
    Case,
}

/// A secret found: where it came from (index into the secret set's
/// origins) and what decoding revealed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub origin: usize,
    pub how: Reveal,
}

pub struct Matcher {
    /// Every word pattern, walked from each place one may start
    /// ([`may_start`]).
    words: Trie,
    /// The first words of the patterns that count anywhere ([`Rule::Free`]),
    /// reversed: walked back from every space, they find where such a
    /// pattern starts inside a word (`xharbor freight`).
    free_firsts: Trie,
    /// The origins of each word pattern's forms.
    word_origins: Vec<Vec<usize>>,
    /// Patterns found wherever they stand, inside words too: names
    /// written in a script without spaces (`Form::free`), and their
    /// origins.
    anywhere: Option<AhoCorasick>,
    /// Each such pattern's origins, and whether its end must stand alone
    /// (`Form::after_prefix`).
    anywhere_origins: Vec<(Vec<usize>, bool)>,
    rules: Vec<Rule>,
    /// The digits of every phone number, walked from every digit of a
    /// text's runs (a trie builds in a third of an automaton's time, and
    /// nearly every walk ends at its first look).
    digits: Option<Trie>,
    digit_origins: Vec<Vec<usize>>,
    /// Digit patterns that count only from a group's edge to a group's
    /// edge: every form with the pattern is a number without its area code.
    digit_whole: Vec<bool>,
    days: Days,
    /// Stems of name parts (four letters or more, less a final vowel), and
    /// the origin of the first.
    stems: HashMap<Vec<u8>, usize, ahash::RandomState>,
    /// Names of two words or more, each word's stem (`drukarni sow` of
    /// `drukarnia sowa`; a word shorter than three letters whole and
    /// `true`), by the first word's stem, with their origins.
    phrases: HashMap<Vec<u8>, Vec<Phrase>, ahash::RandomState>,
    /// Some form holds a `"`, `<`, `>` or `|` (a client named `Firma
    /// "Sowa"`).
    crosses_quotes: bool,
}

/// A name of several words, for its inflected forms.
struct Phrase {
    /// Each word's stem, and whether the word must stand as it is.
    words: Vec<(Vec<u8>, bool)>,
    origins: Vec<usize>,
}

/// The words of pattern `p` as a [`Phrase`]'s, if it has two or more
/// and they are letters only.
fn phrase_words(p: &[u8]) -> Option<Vec<(Vec<u8>, bool)>> {
    let words: Vec<&[u8]> = p.split(|&b| b == b' ').collect();
    if words.len() < 2
        || words
            .iter()
            .any(|w| w.is_empty() || !w.iter().all(u8::is_ascii_lowercase))
    {
        return None;
    }
    Some(
        words
            .into_iter()
            .map(|w| match w {
                w if w.len() < 3 => (w.to_vec(), true),
                [stem @ .., b'a' | b'e' | b'i' | b'o' | b'u' | b'y'] => (stem.to_vec(), false),
                w => (w.to_vec(), false),
            })
            .collect(),
    )
}

/// A form's text in the gate's alphabet: lower-case, breaks of any kind
/// (spaces, `-`, `_`, a `.` before a letter) as one space.
fn canon(text: &str) -> Vec<u8> {
    let b = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    for (i, &c) in b.iter().enumerate() {
        let soft = matches!(c, b' ' | b'\t' | b'\n' | b'-' | b'_')
            || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric));
        if soft {
            if out.last().is_some_and(|l| *l != b' ') {
                out.push(b' ');
            }
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    while out.last() == Some(&b' ') {
        out.pop();
    }
    out
}

/// The origins of `forms`, each once.
fn origins(secrets: &SecretSet, forms: &[usize]) -> Vec<usize> {
    let mut o: Vec<usize> = forms.iter().map(|&f| secrets.forms[f].origin).collect();
    o.sort_unstable();
    o.dedup();
    o
}

impl Matcher {
    /// The matcher of `secrets`; `allow`: `[anonymize] allow`, which
    /// exempts a written date listed there.
    pub fn new(secrets: &SecretSet, allow: &[String]) -> Matcher {
        // Pattern text → the forms with that text.
        let mut words: HashMap<Vec<u8>, Vec<usize>, ahash::RandomState> = HashMap::default();
        let mut digits: HashMap<Vec<u8>, Vec<usize>, ahash::RandomState> = HashMap::default();
        let mut stems = HashMap::default();
        for (i, f) in secrets.forms.iter().enumerate() {
            match f.kind {
                FormKind::Digits => {
                    let d: Vec<u8> = f.text.bytes().filter(u8::is_ascii_digit).collect();
                    if d.len() >= 6 {
                        digits.entry(d).or_default().push(i);
                    }
                }
                FormKind::Words => {
                    let t = canon(&f.text);
                    if t.iter().filter(|b| b.is_ascii_alphanumeric()).count() < 2 {
                        continue;
                    }
                    if matches!(f.class, FormClass::Part | FormClass::Stem)
                        && t.len() >= 4
                        && t.iter().all(u8::is_ascii_lowercase)
                    {
                        let stem = match t.last() {
                            Some(b'a' | b'e' | b'i' | b'o' | b'u' | b'y') => &t[..t.len() - 1],
                            _ => &t[..],
                        };
                        stems.entry(stem.to_vec()).or_insert(f.origin);
                    }
                    if f.class.stem_only() {
                        continue;
                    }
                    words.entry(t).or_default().push(i);
                }
            }
        }
        let (word_pats, word_forms): (Vec<Vec<u8>>, Vec<Vec<usize>>) = words.into_iter().unzip();
        let crosses_quotes = word_pats
            .iter()
            .any(|p| p.iter().any(|b| matches!(b, b'"' | b'<' | b'>' | b'|')));
        let mut phrases: HashMap<Vec<u8>, Vec<Phrase>, ahash::RandomState> = HashMap::default();
        for (p, forms) in word_pats.iter().zip(&word_forms) {
            let named: Vec<usize> = forms
                .iter()
                .copied()
                .filter(|&f| {
                    matches!(
                        secrets.forms[f].class,
                        FormClass::Whole | FormClass::LegalFormless | FormClass::Leading
                    )
                })
                .collect();
            if named.is_empty() {
                continue;
            }
            if let Some(words) = phrase_words(p) {
                phrases.entry(words[0].0.clone()).or_default().push(Phrase {
                    words,
                    origins: origins(secrets, &named),
                });
            }
        }
        let rules: Vec<Rule> = word_pats
            .iter()
            .zip(&word_forms)
            .map(|(p, forms)| {
                let alnum = p.iter().filter(|b| b.is_ascii_alphanumeric()).count();
                if forms
                    .iter()
                    .all(|&f| secrets.forms[f].class == FormClass::Initials)
                {
                    Rule::Upper
                } else if forms
                    .iter()
                    .all(|&f| secrets.forms[f].class == FormClass::Alternated)
                {
                    // An inflected form has no plural (`tomi` of Tomas is
                    // not in Lithuanian `tomis`).
                    Rule::Case
                } else if forms.iter().all(|&f| secrets.forms[f].class.gate_only()) {
                    // An exact date or amount: `1 may 2025` is not in `11 May 2025`.
                    Rule::Word
                } else if forms
                    .iter()
                    .all(|&f| secrets.forms[f].free || secrets.forms[f].after_prefix)
                {
                    // A Chinese or Arabic name read in Latin letters is a
                    // word in Latin text (`ying an` is not in "paying
                    // and"); in its own script, `anywhere` finds it.
                    Rule::Word
                } else if p.contains(&b' ') && alnum >= 8 {
                    Rule::Free
                } else {
                    Rule::Word
                }
            })
            .collect();
        // Names in a script without spaces between words (or with endings
        // joined): found wherever they stand, by an automaton of their own
        // (few patterns; none on most sites).
        // Names in Arabic or Hebrew: with letters joined before them (a
        // conjunction, a preposition, the article), where their end
        // stands alone.
        let mut anywhere_pats: Vec<&[u8]> = Vec::new();
        let mut anywhere_origins: Vec<(Vec<usize>, bool)> = Vec::new();
        for (p, forms) in word_pats.iter().zip(&word_forms) {
            let all = |f: fn(&crate::anonymize::secrets::Form) -> bool| {
                forms.iter().all(|&i| f(&secrets.forms[i]))
            };
            let (free, after_prefix) = (all(|f| f.free), all(|f| f.after_prefix));
            if free || after_prefix {
                anywhere_pats.push(p.as_slice());
                anywhere_origins.push((origins(secrets, forms), !free));
            }
        }
        let anywhere = (!anywhere_pats.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(&anywhere_pats)
                    .ok()
            })
            .flatten();
        let free_firsts: Vec<Vec<u8>> = word_pats
            .iter()
            .zip(&rules)
            .filter(|(_, r)| **r == Rule::Free)
            .filter_map(|(p, _)| {
                let space = p.iter().position(|&b| b == b' ')?;
                Some(p[..space].iter().rev().copied().collect())
            })
            .collect();
        let (words, free_firsts) =
            rayon::join(|| Trie::new(&word_pats), || Trie::new(&free_firsts));
        // Phone numbers count anywhere in a run of digits.
        let (digit_pats, digit_forms): (Vec<Vec<u8>>, Vec<Vec<usize>>) = digits.into_iter().unzip();
        let digits = (!digit_pats.is_empty()).then(|| Trie::new(&digit_pats));
        let allow: HashSet<Vec<u8>> = allow.iter().map(|a| canon(a)).collect();
        Matcher {
            words,
            free_firsts,
            anywhere,
            anywhere_origins,
            word_origins: word_forms.iter().map(|f| origins(secrets, f)).collect(),
            rules,
            digits,
            digit_whole: digit_forms
                .iter()
                .map(|f| {
                    f.iter()
                        .all(|&i| secrets.forms[i].class == FormClass::LocalPhone)
                })
                .collect(),
            digit_origins: digit_forms.iter().map(|f| origins(secrets, f)).collect(),
            days: Days::new(&secrets.days, allow),
            stems,
            phrases,
            crosses_quotes,
        }
    }

    /// Does some form reach across a quote, a `<`, a `>` or a `|` (what
    /// stands around a tag's attribute read after a text)? Digit runs
    /// (`crate::gate::decode`), dates ([`crate::gate::dates`]) and
    /// inflected names never do; a word form does if its text holds one.
    /// Reading a stretch between two of them apart
    /// ([`crate::gate::seen`]) then reads the same as reading it in place.
    pub fn crosses_quotes(&self) -> bool {
        self.crosses_quotes
    }

    /// Every secret in `c`; `inflect`: the page's language inflects names.
    pub fn find(&self, c: &Canon, inflect: bool, hits: &mut Vec<Hit>) {
        let t = &c.text[..];
        self.starts(c, hits);
        if inflect && (!self.stems.is_empty() || !self.phrases.is_empty()) {
            self.inflected(c, hits);
        }
        if self.digits.is_some() {
            self.digit_runs(c, hits);
        }
        if let Some(ac) = &self.anywhere {
            for m in ac.find_overlapping_iter(t) {
                let (origins, end_alone) = &self.anywhere_origins[m.pattern().as_usize()];
                let (s, e) = (m.start(), m.end());
                let counts = if *end_alone {
                    within(&c.prefixed, e - 1)
                        && (!t.get(e).is_some_and(u8::is_ascii_lowercase) || camel(c, e))
                } else {
                    within(&c.joined, s) && within(&c.joined, e - 1)
                };
                if !counts {
                    continue;
                }
                let mut how = c.reveal_in(m.range());
                if touches(t, m.start(), e) {
                    how |= Reveal::JOINED;
                }
                hits.extend(origins.iter().map(|&origin| Hit { origin, how }));
            }
        }
    }

    /// The word patterns, walked from every place one may start.
    fn starts(&self, c: &Canon, hits: &mut Vec<Hit>) {
        let t = &c.text[..];
        let walk = |s: usize, hits: &mut Vec<Hit>| {
            self.words
                .forward(t, s, |e, p| self.word_hit(c, s, e, p, hits));
        };
        // Where a form may start: a word's first letter, a change of case
        // inside a word, every space (a form of two words or more that
        // starts inside a word ends its first word there), the first digit
        // of a run, punctuation that starts some form. They are found 64
        // bytes at a time from bit masks of the stream's letters, digits
        // and spaces, its changes of case read from `Canon::upper`, and
        // visited in order.
        let (mut letter_before, mut digit_before) = (false, false);
        for (block, chunk) in t.chunks(64).enumerate() {
            let base = block * 64;
            let [letters, digits, spaces] = classes(chunk);
            let all = if chunk.len() == 64 {
                !0
            } else {
                (1u64 << chunk.len()) - 1
            };
            let after_letter = letters << 1 | u64::from(letter_before);
            let after_digit = digits << 1 | u64::from(digit_before);
            let starts = letters & !after_letter;
            let inner = letters & after_letter & c.upper.get(block).copied().unwrap_or(0);
            let runs = digits & !after_digit;
            let others = all & !(letters | digits | spaces);
            let mut events = starts | inner | spaces | runs | others;
            while events != 0 {
                let bit = events & events.wrapping_neg();
                events ^= bit;
                let s = base + bit.trailing_zeros() as usize;
                if starts & bit != 0 || (inner & bit != 0 && camel(c, s)) {
                    walk(s, hits);
                } else if spaces & bit != 0 {
                    self.free_firsts.backward(t, s, |s, _| {
                        if !may_start(c, s) {
                            walk(s, hits);
                        }
                    });
                } else if runs & bit != 0 {
                    if let Some(year) = self.days.year_at(t, s) {
                        self.days.around(c, s, year, hits);
                    }
                    walk(s, hits);
                } else if others & bit != 0 && self.words.starts_with(t[s]) {
                    // Punctuation starts hardly any form: one look at the
                    // trie's root spares the rest.
                    walk(s, hits);
                }
            }
            letter_before = letters >> 63 != 0;
            digit_before = digits >> 63 != 0;
        }
    }

    /// Word pattern `p` at `s..e`: a hit if it sits as its rule says.
    #[inline]
    fn word_hit(&self, c: &Canon, s: usize, e: usize, p: usize, hits: &mut Vec<Hit>) {
        let mut plural = false;
        let joined = match self.rules[p] {
            Rule::Free => Some(touches(&c.text, s, e)),
            Rule::Word => alone(c, s, e).or_else(|| {
                let j = plural_alone(c, s, e);
                plural = j.is_some();
                j
            }),
            Rule::Upper => alone(c, s, e).filter(|_| all_upper(c, s, e)),
            Rule::Case => alone(c, s, e),
        };
        if let Some(joined) = joined {
            let mut how = c.reveal_in(s..e);
            if joined {
                how |= Reveal::JOINED;
            }
            if plural {
                how |= Reveal::PLURAL;
            }
            hits.extend(
                self.word_origins[p]
                    .iter()
                    .map(|&origin| Hit { origin, how }),
            );
        }
    }

    fn inflected(&self, c: &Canon, hits: &mut Vec<Hit>) {
        let t = &c.text[..];
        let mut i = 0;
        while i < t.len() {
            if !t[i].is_ascii_lowercase() {
                i += 1;
                continue;
            }
            let start = i;
            while i < t.len() && t[i].is_ascii_lowercase() {
                i += 1;
            }
            let word = &t[start..i];
            if !self.phrases.is_empty() {
                self.inflected_phrase(c, start, i, hits);
            }
            for k in 1..=4usize {
                if word.len() < k + 3 {
                    break;
                }
                let stem = &word[..word.len() - k];
                if let Some(&origin) = self.stems.get(stem)
                    && (stem.len() >= 4 || c.is_upper(start))
                {
                    let how = c.reveal_in(start..i) | Reveal::INFLECTED;
                    hits.push(Hit { origin, how });
                    break;
                }
            }
        }
    }

    /// A name of several words starting with the word `s..e`, every word
    /// as it is or inflected (a stem and up to four letters), the words
    /// one break apart: `drukarni sowa`, `drukarnia sowy`.
    fn inflected_phrase(&self, c: &Canon, s: usize, e: usize, hits: &mut Vec<Hit>) {
        let t = &c.text[..];
        let fits = |(stem, exact): &(Vec<u8>, bool), w: &[u8]| {
            if *exact {
                w == &stem[..]
            } else {
                w.starts_with(stem) && w.len() <= stem.len() + 4
            }
        };
        for k in 0..=4.min(e - s) {
            let Some(phrases) = self.phrases.get(&t[s..e - k]) else {
                continue;
            };
            for ph in phrases {
                if !fits(&ph.words[0], &t[s..e]) {
                    continue;
                }
                let mut end = e;
                let all = ph.words[1..].iter().all(|w| {
                    if t.get(end) != Some(&b' ') {
                        return false;
                    }
                    let from = end + 1;
                    let mut to = from;
                    while to < t.len() && t[to].is_ascii_lowercase() {
                        to += 1;
                    }
                    end = to;
                    to > from && fits(w, &t[from..to])
                });
                if all {
                    let how = c.reveal_in(s..end) | Reveal::INFLECTED;
                    hits.extend(ph.origins.iter().map(|&origin| Hit { origin, how }));
                }
            }
        }
    }

    /// Runs of digits joined by spaces, dashes, dots, slashes, brackets and
    /// plus signs (gathered while reading: `Canon::digits`), searched for
    /// every phone number's digits.
    fn digit_runs(&self, c: &Canon, hits: &mut Vec<Hit>) {
        let Some(trie) = &self.digits else { return };
        let d = &c.digits[..];
        // Between digits `k - 1` and `k`: the end of a run, or anything
        // but a digit in the text (a group's edge).
        let edge = |k: usize| {
            k == 0
                || k >= d.len()
                || d[k] == b'|'
                || d[k - 1] == b'|'
                || c.digit_at[k] > c.digit_at[k - 1] + 1
        };
        for start in 0..d.len() {
            trie.forward(d, start, |end, p| {
                if self.digit_whole[p] && !(edge(start) && edge(end)) {
                    return;
                }
                let span = c.digit_at[start] as usize..c.digit_at[end - 1] as usize + 1;
                let how = c.reveal_in(span) | Reveal::DIGITS;
                hits.extend(
                    self.digit_origins[p]
                        .iter()
                        .map(|&origin| Hit { origin, how }),
                );
            });
        }
    }
}

/// A byte of the canonical stream, for where a pattern may start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Space,
    Letter,
    Digit,
    Other,
}

const KIND: [Kind; 256] = {
    let mut t = [Kind::Other; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = match i as u8 {
            b' ' => Kind::Space,
            b'a'..=b'z' => Kind::Letter,
            b'0'..=b'9' => Kind::Digit,
            _ => Kind::Other,
        };
        i += 1;
    }
    t
};

/// May a form that must stand alone start at `s`? Where [`alone`] lets its
/// left edge be: at the start, after anything but a letter (a letter) or
/// a digit (a digit), at a change of case, or at anything else.
fn may_start(c: &Canon, s: usize) -> bool {
    let t = &c.text[..];
    let kind = KIND[usize::from(t[s])];
    let prev = s
        .checked_sub(1)
        .map_or(Kind::Space, |p| KIND[usize::from(t[p])]);
    match kind {
        Kind::Space => false,
        Kind::Letter => prev != Kind::Letter || camel(c, s),
        Kind::Digit => prev != Kind::Digit,
        Kind::Other => true,
    }
}

/// Does a change of letter case start a word at `s` (a letter after a
/// letter): `harborFreight`, `ACMEHoldings`?
#[inline]
fn camel(c: &Canon, s: usize) -> bool {
    let up = |i: usize| i < c.text.len() && c.is_upper(i);
    let letter = |i: usize| c.text.get(i).is_some_and(u8::is_ascii_lowercase);
    up(s) && (!up(s - 1) || (letter(s + 1) && !up(s + 1)))
}

/// Does a letter or digit touch `s..e`?
fn touches(t: &[u8], s: usize, e: usize) -> bool {
    let an = |i: Option<usize>| {
        i.and_then(|i| t.get(i))
            .is_some_and(u8::is_ascii_alphanumeric)
    };
    an(s.checked_sub(1)) || an(Some(e))
}

/// Were all letters of `s..e` upper-case?
fn all_upper(c: &Canon, s: usize, e: usize) -> bool {
    (s..e).all(|i| !c.text[i].is_ascii_lowercase() || c.is_upper(i))
}

/// Does the one-word match `s..e`, followed by `s` or `es`, stand alone
/// with it: a plural (`Fenwicks’`, `the Whitfields`, `JONESES`)? Not for a
/// word of three letters, whose plural is too often another word (`Thi`,
/// `this`; `Kit`, `kits`).
fn plural_alone(c: &Canon, s: usize, e: usize) -> Option<bool> {
    if e - s < 4 {
        return None;
    }
    let rest = &c.text[e..];
    ["s", "es"]
        .iter()
        .filter(|suffix| rest.starts_with(suffix.as_bytes()))
        .find_map(|suffix| alone(c, s, e + suffix.len()))
}

/// Does the one-word match `s..e` stand alone? `Some(joined)` if it does,
/// `joined` telling whether a digit or a change of case was its edge.
pub(crate) fn alone(c: &Canon, s: usize, e: usize) -> Option<bool> {
    let t = &c.text[..];
    let letter = |i: usize| t.get(i).is_some_and(u8::is_ascii_lowercase);
    let digit = |i: usize| t.get(i).is_some_and(u8::is_ascii_digit);
    let up = |i: usize| i < t.len() && c.is_upper(i);
    let mut joined = false;
    // The left edge.
    if s > 0 {
        if letter(s) {
            if letter(s - 1) {
                let camel =
                    (!up(s - 1) && up(s)) || (up(s - 1) && up(s) && letter(s + 1) && !up(s + 1));
                if !camel {
                    return None;
                }
                joined = true;
            } else {
                joined |= digit(s - 1) || t[s - 1] == b'_';
            }
        } else if digit(s) && digit(s - 1) {
            return None;
        }
    }
    // The right edge.
    if e < t.len() {
        if letter(e - 1) {
            if letter(e) {
                let camel = (!up(e - 1) && up(e))
                    || (up(e - 1) && up(e) && letter(e + 1) && !up(e + 1))
                    || (up(e - 1) && !up(e) && e - s >= 2 && all_upper(c, s, e));
                if !camel {
                    return None;
                }
                joined = true;
            } else {
                joined |= digit(e);
            }
        } else if digit(e - 1) && digit(e) {
            return None;
        }
    }
    Some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gate::decode;

    fn matcher(forms: &[(&str, FormKind, FormClass)]) -> Matcher {
        Matcher::new(&SecretSet::of_forms(forms), &[])
    }

    fn found(m: &Matcher, text: &str, inflect: bool) -> bool {
        let mut c = Canon::default();
        decode::read(text, &mut c, false);
        let mut hits = Vec::new();
        m.find(&c, inflect, &mut hits);
        !hits.is_empty()
    }

    #[test]
    fn words_where_they_stand_alone() {
        let m = matcher(&[
            ("fisher", FormKind::Words, FormClass::Part),
            ("harbor freight", FormKind::Words, FormClass::Leading),
            ("hfl", FormKind::Words, FormClass::Initials),
            ("acme", FormKind::Words, FormClass::Label),
        ]);
        for t in [
            "Mr Fisher",
            "FISHER's",
            "x_fisher",
            "2024fisher",
            "\\nHarbor Freight",
            "xharbor-freighty",
            "HFL",
            "acme2024",
            "AcmeCorp",
            "myAcme",
        ] {
            assert!(found(&m, t, false), "{t}");
        }
        for t in [
            "fishery",
            "Fishery",
            "FISHERY",
            "the hfl ratio",
            "acmeish",
            "2024",
        ] {
            assert!(!found(&m, t, false), "{t}");
        }
    }

    /// [`Matcher::starts`] as it was first written, a byte at a time.
    fn starts_bytewise(m: &Matcher, c: &Canon, hits: &mut Vec<Hit>) {
        let t = &c.text[..];
        let walk = |s: usize, hits: &mut Vec<Hit>| {
            m.words.forward(t, s, |e, p| m.word_hit(c, s, e, p, hits));
        };
        let mut prev = Kind::Space;
        let mut s = 0;
        while s < t.len() {
            let kind = KIND[usize::from(t[s])];
            match kind {
                Kind::Letter => {
                    if prev != Kind::Letter || camel(c, s) {
                        walk(s, hits);
                    }
                    let mut e = s + 1;
                    while e < t.len() && t[e].is_ascii_lowercase() {
                        if c.is_upper(e) && camel(c, e) {
                            walk(e, hits);
                        }
                        e += 1;
                    }
                    s = e;
                    prev = Kind::Letter;
                    continue;
                }
                Kind::Space => m.free_firsts.backward(t, s, |s, _| {
                    if !may_start(c, s) {
                        walk(s, hits);
                    }
                }),
                Kind::Digit if prev != Kind::Digit => {
                    if let Some(year) = m.days.year_at(t, s) {
                        m.days.around(c, s, year, hits);
                    }
                    walk(s, hits);
                }
                Kind::Digit => {}
                Kind::Other if m.words.starts_with(t[s]) => walk(s, hits),
                Kind::Other => {}
            }
            prev = kind;
            s += 1;
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Walked from bit masks 64 bytes at a time, the word patterns are
        /// found where a byte-by-byte walk finds them, in the same order.
        #[test]
        fn starts_by_masks_as_byte_by_byte(
            picks in proptest::collection::vec(0..20usize, 1..120)
        ) {
            const PIECES: [&str; 20] = [
                "Fisher", "fisher", "FISHER", "fishery", "Harbor", " ", "  ", "freight",
                "HFL", "Acme", "acme", "2024", "12", "-", "_", ".", "x", "é", "ß", "/",
            ];
            let m = matcher(&[
                ("fisher", FormKind::Words, FormClass::Part),
                ("harbor freight", FormKind::Words, FormClass::Leading),
                ("hfl", FormKind::Words, FormClass::Initials),
                ("acme", FormKind::Words, FormClass::Label),
                ("/", FormKind::Words, FormClass::Label),
            ]);
            let text: String = picks.iter().map(|&p| PIECES[p]).collect();
            let mut c = Canon::default();
            decode::read(&text, &mut c, false);
            let (mut masks, mut bytewise) = (Vec::new(), Vec::new());
            m.starts(&c, &mut masks);
            starts_bytewise(&m, &c, &mut bytewise);
            proptest::prop_assert_eq!(masks, bytewise);
        }
    }

    #[test]
    fn inflected_parts_and_phone_digits() {
        let m = matcher(&[
            ("kowalski", FormKind::Words, FormClass::Part),
            ("871234567", FormKind::Digits, FormClass::Phone),
        ]);
        assert!(found(&m, "pana Kowalskiego", true));
        assert!(!found(&m, "pana Kowalskiego", false));
        for t in [
            "087 123 4567",
            "+353 (87) 123–4567",
            "00353871234567",
            "087&#8209;123&nbsp;4567",
            "0871234567 ext. 2",
        ] {
            assert!(found(&m, t, false), "{t}");
        }
        assert!(!found(&m, "CS-87123456x7", false));
    }
}
