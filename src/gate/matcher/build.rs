//! Making the matcher from the secret set: each form's text in the gate's
//! alphabet, grouped by text; the rule by which each must stand; the tries
//! of words, of free forms' first words and of phone digits; the stems and
//! phrases of inflected names.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::inflected::{Phrase, phrase_words};
use super::{EverywhereStems, Matcher, Rule};
use crate::anonymize::secrets::{FormClass, FormKind, SecretSet, inflects_everywhere};
use crate::gate::dates::Days;
use crate::gate::trie::Trie;

impl Matcher {
    /// The matcher of `secrets`; `allow`: `[anonymize] allow`, which
    /// exempts a written date listed there.
    pub fn new(secrets: &SecretSet, allow: &[String]) -> Matcher {
        // Pattern text → the forms with that text.
        let mut words: HashMap<Vec<u8>, Vec<usize>, ahash::RandomState> = HashMap::default();
        let mut digits: HashMap<Vec<u8>, Vec<usize>, ahash::RandomState> = HashMap::default();
        let mut stems = HashMap::default();
        let mut stems_everywhere = HashMap::default();
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
                        if std::str::from_utf8(&t).is_ok_and(inflects_everywhere) {
                            stems_everywhere
                                .entry(stem.to_vec())
                                .or_insert((f.origin, t.clone()));
                        }
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
                    .all(|&f| secrets.forms[f].class == FormClass::WordHandle)
                {
                    Rule::Mention
                } else if forms
                    .iter()
                    .all(|&f| secrets.forms[f].class == FormClass::TitledWord)
                {
                    Rule::Titled
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
        let punctuation_starts = (0..=255u8).any(|b| {
            !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ') && words.starts_with(b)
        });
        Matcher {
            words,
            punctuation_starts,
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
            stems_everywhere: everywhere_automaton(stems_everywhere),
            phrases,
            crosses_quotes,
        }
    }
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

/// The automaton of the stems read with their endings on every page, and
/// each pattern's origin and part (`None`: no such stem).
fn everywhere_automaton(
    stems: HashMap<Vec<u8>, (usize, Vec<u8>), ahash::RandomState>,
) -> Option<EverywhereStems> {
    if stems.is_empty() {
        return None;
    }
    let (patterns, parts): (Vec<Vec<u8>>, Vec<_>) = stems.into_iter().unzip();
    let ac = AhoCorasick::new(&patterns).ok()?;
    Some((ac, parts))
}

/// The origins of `forms`, each once.
fn origins(secrets: &SecretSet, forms: &[usize]) -> Vec<usize> {
    let mut o: Vec<usize> = forms.iter().map(|&f| secrets.forms[f].origin).collect();
    o.sort_unstable();
    o.dedup();
    o
}
