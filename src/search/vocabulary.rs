//! The vocabulary, for typo tolerance: `search/v/KEY.js`, each a list of
//! indexed words with their document frequencies, read by `search.js` when
//! a word of the query is not in the index.
//!
//! A word is filed under three pairs of its letters: its first and second
//! (`ab` of `abcd…`), its second and third (`bc`), and its first and third
//! (`ac`), all three in the same file per pair: `v/ab.js` holds the words
//! beginning with `ab`, those whose second and third letters are `ab`, and
//! those whose first and third letters are `a` and `b`.
//!
//! For a typed word `w0 w1 w2 …` the browser loads the four files
//! [`to_load`] names: `w0w1`, `w1w2`, `w0w2` and `w1w0`. Whatever single
//! edit turns the typed word into an indexed word `t`, `t` is in one of them:
//!
//! | the edit | so `t` is | in the file of |
//! | --- | --- | --- |
//! | none in the first two letters | `w0 w1 …` | `w0w1` (first, second) |
//! | a letter replaced at 0 | `x w1 w2 …` | `w1w2` (second, third) |
//! | a letter replaced at 1 | `w0 x w2 …` | `w0w2` (first, third) |
//! | a letter typed too many at 0 | `w1 w2 …` | `w1w2` (first, second) |
//! | a letter typed too many at 1 | `w0 w2 …` | `w0w2` (first, second) |
//! | a letter left out at 0 | `x w0 w1 …` | `w0w1` (second, third) |
//! | a letter left out at 1 | `w0 x w1 …` | `w0w1` (first, third) |
//! | letters 0 and 1 swapped | `w1 w0 …` | `w1w0` (first, second) |
//! | letters 1 and 2 swapped | `w0 w2 w1 …` | `w0w2` (first, second) |
//!
//! Two edits (for words of 8+ letters) are found whenever one of them
//! leaves one of those pairs as typed, that is, unless both are among the
//! first three letters. A pair's file is a small part of the vocabulary
//! (a few per cent for the commonest pairs of English), so the four files
//! together are much less than the words of the typed word's first letter
//! and second letter would be.
//!
//! Only words of 3+ letters, all of them letters, are listed: a word of
//! 4+ letters is never within one edit of a shorter one, and words with
//! digits are matched as typed.

use std::collections::HashMap;
use std::sync::Arc;

use super::format::Vocabulary;
use super::script;
use crate::output::{Dep, OutputFile};
use crate::text::Fingerprint;

/// The key of one letter in a file name: the letter, or `u` and its code
/// point in hex; `None` for what is not a letter.
fn letter_key(c: char) -> Option<String> {
    if c.is_ascii_lowercase() {
        Some(c.to_string())
    } else if c.is_alphabetic() {
        Some(format!("u{:x}", c as u32))
    } else {
        None
    }
}

/// The name of the file of a pair of letters (`re`, `ru15b`): the two
/// letters' keys, which never read as another pair's.
pub fn vocabulary_key(a: char, b: char) -> Option<String> {
    Some(letter_key(a)? + &letter_key(b)?)
}

/// The files the browser loads for a typed word (as `search.js` does): the
/// pairs of its first three letters `w0w1`, `w1w2`, `w0w2`, `w1w0`.
pub fn to_load(word: &str) -> Vec<String> {
    let w: Vec<char> = word.chars().take(3).collect();
    let [a, b, c] = w[..] else {
        return Vec::new();
    };
    let mut keys: Vec<String> = [(a, b), (b, c), (a, c), (b, a)]
        .into_iter()
        .filter_map(|(x, y)| vocabulary_key(x, y))
        .collect();
    // Stable: the order the browser asks for them in.
    let mut seen = std::collections::HashSet::new();
    keys.retain(|k| seen.insert(k.clone()));
    keys
}

/// The pairs a word is filed under: first and second letters, second and
/// third, first and third; none for a word of fewer than three letters or
/// with anything but letters.
fn filed_under(term: &str) -> Vec<String> {
    let w: Vec<char> = term.chars().collect();
    if w.len() < 3 || !w.iter().all(|c| c.is_alphabetic()) {
        return Vec::new();
    }
    let mut keys: Vec<String> = [(w[0], w[1]), (w[1], w[2]), (w[0], w[2])]
        .into_iter()
        .filter_map(|(x, y)| vocabulary_key(x, y))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The vocabulary files of `terms` (sorted, each with its document
/// frequency), in the order of their names; every one depends on `deps`.
pub fn files(terms: &[(&str, usize)], deps: &[Dep]) -> Vec<OutputFile> {
    let mut kept = Kept::new();
    let made = files_kept(terms, deps, &mut kept);
    drop(kept);
    made.into_iter()
        .map(|f| Arc::try_unwrap(f).unwrap_or_else(|f| OutputFile::clone(&f)))
        .collect()
}

/// The files of the last build by pair: (a hash of the words, the file).
pub type Kept = HashMap<String, (u128, Arc<OutputFile>)>;

/// [`files`], reusing each file of `kept` whose words and counts are
/// unchanged (an edit that adds a word changes the files of its three
/// pairs, not the 300 others), and keeping this build's in it.
pub fn files_kept(terms: &[(&str, usize)], deps: &[Dep], kept: &mut Kept) -> Vec<Arc<OutputFile>> {
    let mut by_key: std::collections::BTreeMap<String, Vocabulary<'_>> = Default::default();
    for &(term, df) in terms {
        for key in filed_under(term) {
            let v = by_key.entry(key).or_insert_with(|| Vocabulary {
                terms: Vec::new(),
                df: Vec::new(),
            });
            v.terms.push(term);
            v.df.push(df);
        }
    }
    let made: Vec<(String, u128, Arc<OutputFile>)> = by_key
        .into_iter()
        .map(|(key, v)| {
            let mut f = Fingerprint::default();
            for (t, df) in v.terms.iter().zip(&v.df) {
                f.str(t).u128(*df as u128);
            }
            let hash = f.finish();
            match kept.get(&key) {
                Some((h, file)) if *h == hash => (key, hash, Arc::clone(file)),
                _ => {
                    let file = Arc::new(script(&format!("v/{key}"), &v, deps.to_vec()));
                    (key, hash, file)
                }
            }
        })
        .collect();
    *kept = made
        .iter()
        .map(|(k, h, f)| (k.clone(), (*h, Arc::clone(f))))
        .collect();
    made.into_iter().map(|(_, _, f)| f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of the files `to_load` names for `typed`.
    fn candidates(index: &[OutputFile], typed: &str) -> Vec<String> {
        let mut out = Vec::new();
        for key in to_load(typed) {
            let Some(f) = index
                .iter()
                .find(|f| f.path == format!("search/v/{key}.js"))
            else {
                continue;
            };
            let text = std::str::from_utf8(&f.bytes).unwrap();
            let json = text.split_once(", ").unwrap().1.trim_end_matches(");\n");
            let v: serde_json::Value = serde_json::from_str(json).unwrap();
            for t in v["terms"].as_array().unwrap() {
                out.push(t.as_str().unwrap().to_string());
            }
        }
        out
    }

    /// Every single edit of `w` over `letters`: replaced, inserted, left
    /// out, and adjacent letters swapped, at every position.
    fn edits(w: &str, letters: &str) -> Vec<String> {
        let w: Vec<char> = w.chars().collect();
        let mut out = Vec::new();
        for i in 0..=w.len() {
            for c in letters.chars() {
                let mut v = w.clone();
                v.insert(i, c);
                out.push(v.into_iter().collect());
                if i < w.len() {
                    let mut v = w.clone();
                    v[i] = c;
                    out.push(v.into_iter().collect());
                }
            }
            if i < w.len() {
                let mut v = w.clone();
                v.remove(i);
                out.push(v.into_iter().collect());
            }
            if i + 1 < w.len() {
                let mut v = w.clone();
                v.swap(i, i + 1);
                out.push(v.into_iter().collect());
            }
        }
        out
    }

    #[test]
    fn one_edit_anywhere_finds_the_word() {
        let words = ["refund", "apology", "ear", "zakonczenie", "ééta", "σίσυφος"];
        let mut terms: Vec<(&str, usize)> = words.iter().map(|w| (*w, 1)).collect();
        terms.sort();
        let index = files(&terms, &[Dep::AllContent]);
        for w in words {
            for typed in edits(w, "aerzxé") {
                if typed.chars().count() < 4 || typed == w {
                    continue;
                }
                let found = candidates(&index, &typed);
                assert!(
                    found.iter().any(|t| t == w),
                    "`{typed}` for `{w}`: {:?} gave {found:?}",
                    to_load(&typed)
                );
            }
        }
        // First-letter typos, which a vocabulary by first letter misses.
        for typed in ["gefund", "erfund", "efund", "rrefund"] {
            assert!(candidates(&index, typed).contains(&"refund".to_string()));
        }
    }

    #[test]
    fn two_edits_in_a_long_word_are_found_unless_both_are_at_its_start() {
        let w = "negotiation";
        let terms = [(w, 3)];
        let index = files(&terms, &[]);
        let mut missed = 0;
        let mut tried = 0;
        for one in edits(w, "aeisz") {
            for two in edits(&one, "aeisz") {
                tried += 1;
                if !candidates(&index, &two).iter().any(|t| t == w) {
                    missed += 1;
                    // Both edits were among the first letters.
                    assert!(!two.starts_with("ne") && two.ends_with("tiation"), "{two}");
                }
            }
        }
        assert!(missed * 20 < tried, "missed {missed} of {tried}");
        assert!(candidates(&index, "megotiasion").contains(&w.to_string()));
    }

    #[test]
    fn files_are_small_readable_and_skip_words_with_digits() {
        let terms = [
            ("a0c9", 1),
            ("ab", 4),
            ("refund", 12),
            ("refunds", 3),
            ("return", 7),
        ];
        let index = files(&terms, &[Dep::AllContent]);
        let names: Vec<&str> = index.iter().map(|f| f.path.as_str()).collect();
        // refund: re, ef, rf; refunds: the same; return: re, et, rt.
        assert_eq!(
            names,
            [
                "search/v/ef.js",
                "search/v/et.js",
                "search/v/re.js",
                "search/v/rf.js",
                "search/v/rt.js"
            ]
        );
        let re = std::str::from_utf8(&index[2].bytes).unwrap();
        assert_eq!(
            re,
            "exitbookSearch.load(\"v/re\", {\"terms\":[\"refund\",\"refunds\",\"return\"],\"df\":[12,3,7]});\n"
        );
        assert_eq!(index[2].deps, [Dep::AllContent]);
        assert_eq!(vocabulary_key('r', 'ś'), Some("ru15b".into()));
        assert_eq!(vocabulary_key('r', '1'), None);
        assert_eq!(to_load("refnud"), ["re", "ef", "rf", "er"]);
        assert_eq!(to_load("aaab"), ["aa"]);
    }
}
