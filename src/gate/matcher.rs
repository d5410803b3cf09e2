//! The gate's own matching: an automaton built from the secret set's forms
//! (their text only — never the scrubber's automaton or its rules' code),
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

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::anonymize::secrets::{FormClass, FormKind, SecretSet};
use crate::gate::decode::Canon;
use crate::gate::reveal::Reveal;

/// How a pattern must sit to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    Free,
    Word,
    Upper,
}

/// A secret found: the form (index into the secret set's forms) and what
/// decoding revealed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub form: usize,
    pub how: Reveal,
}

pub struct Matcher {
    words: Option<AhoCorasick>,
    word_forms: Vec<Vec<usize>>,
    rules: Vec<Rule>,
    digits: Option<AhoCorasick>,
    digit_forms: Vec<Vec<usize>>,
    /// Stems of name parts (four letters or more, less a final vowel).
    stems: HashMap<Vec<u8>, usize>,
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

impl Matcher {
    pub fn new(secrets: &SecretSet) -> Matcher {
        let mut words: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
        let mut digits: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
        let mut stems = HashMap::new();
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
                    if f.class == FormClass::Part
                        && t.len() >= 4
                        && t.iter().all(u8::is_ascii_lowercase)
                    {
                        let stem = match t.last() {
                            Some(b'a' | b'e' | b'i' | b'o' | b'u' | b'y') => &t[..t.len() - 1],
                            _ => &t[..],
                        };
                        stems.entry(stem.to_vec()).or_insert(i);
                    }
                    words.entry(t).or_default().push(i);
                }
            }
        }
        let build = |map: HashMap<Vec<u8>, Vec<usize>>| {
            let (pats, forms): (Vec<Vec<u8>>, Vec<Vec<usize>>) = map.into_iter().unzip();
            let ac = (!pats.is_empty())
                .then(|| {
                    // No prefilter: every byte of a name can start a form,
                    // so one only costs (a third of the search, measured).
                    AhoCorasickBuilder::new()
                        .match_kind(MatchKind::Standard)
                        .kind(Some(AhoCorasickKind::ContiguousNFA))
                        .prefilter(false)
                        .build(&pats)
                        .ok()
                })
                .flatten();
            (ac, pats, forms)
        };
        let (words, word_pats, word_forms) = build(words);
        let rules = word_pats
            .iter()
            .zip(&word_forms)
            .map(|(p, forms)| {
                let alnum = p.iter().filter(|b| b.is_ascii_alphanumeric()).count();
                if forms
                    .iter()
                    .all(|&f| secrets.forms[f].class == FormClass::Initials)
                {
                    Rule::Upper
                } else if forms.iter().all(|&f| secrets.forms[f].class.gate_only()) {
                    // An exact date or amount: `1 may 2025` is not in `11 May 2025`.
                    Rule::Word
                } else if p.contains(&b' ') && alnum >= 8 {
                    Rule::Free
                } else {
                    Rule::Word
                }
            })
            .collect();
        let (digits, _, digit_forms) = build(digits);
        Matcher {
            words,
            word_forms,
            rules,
            digits,
            digit_forms,
            stems,
        }
    }

    /// Every secret in `c`; `inflect`: the page's language inflects names.
    pub fn find(&self, c: &Canon, inflect: bool, hits: &mut Vec<Hit>) {
        let t = &c.text[..];
        if let Some(ac) = &self.words {
            for m in ac.find_overlapping_iter(t) {
                let (s, e) = (m.start(), m.end());
                let p = m.pattern().as_usize();
                let joined = match self.rules[p] {
                    Rule::Free => Some(touches(t, s, e)),
                    Rule::Word => alone(c, s, e),
                    Rule::Upper => alone(c, s, e).filter(|_| all_upper(c, s, e)),
                };
                if let Some(joined) = joined {
                    let mut how = c.reveal_in(s..e);
                    if joined {
                        how |= Reveal::JOINED;
                    }
                    hits.extend(self.word_forms[p].iter().map(|&form| Hit { form, how }));
                }
            }
        }
        if inflect && !self.stems.is_empty() {
            self.inflected(c, hits);
        }
        if self.digits.is_some() {
            self.digit_runs(c, hits);
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
            for k in 1..=4usize {
                if word.len() < k + 3 {
                    break;
                }
                let stem = &word[..word.len() - k];
                if let Some(&form) = self.stems.get(stem)
                    && (stem.len() >= 4 || c.is_upper(start))
                {
                    let how = c.reveal_in(start..i) | Reveal::INFLECTED;
                    hits.push(Hit { form, how });
                    break;
                }
            }
        }
    }

    /// Runs of digits joined by spaces, dashes, dots, slashes, brackets and
    /// plus signs (gathered while reading: `Canon::digits`), searched for
    /// every phone number's digits.
    fn digit_runs(&self, c: &Canon, hits: &mut Vec<Hit>) {
        let Some(ac) = &self.digits else { return };
        for m in ac.find_overlapping_iter(&c.digits[..]) {
            let span = c.digit_at[m.start()] as usize..c.digit_at[m.end() - 1] as usize + 1;
            let how = c.reveal_in(span) | Reveal::DIGITS;
            let p = m.pattern().as_usize();
            hits.extend(self.digit_forms[p].iter().map(|&form| Hit { form, how }));
        }
    }
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

/// Does the one-word match `s..e` stand alone? `Some(joined)` if it does,
/// `joined` telling whether a digit or a change of case was its edge.
fn alone(c: &Canon, s: usize, e: usize) -> Option<bool> {
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
        Matcher::new(&SecretSet::of_forms(forms))
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
