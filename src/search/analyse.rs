//! One document's words, weighted, and its pairs of words: the only part
//! of the index that reads text, so its results are kept from one build to
//! the next by a hash of the document's fields.

use super::text::{fold_into, is_stop_word, word_indices};
use super::{Field, K1, LEVELS, Section};
use ahash::AHashMap as HashMap;

/// A document's words and its pairs of words.
#[derive(Debug, Default)]
pub(super) struct DocTerms {
    /// Its words but stop words, each with its level; and each word written
    /// with hyphens (`thank-you`, `counter-offer`) also joined
    /// (`thankyou`), so that a reader who types it so finds it.
    pub words: Bag,
    /// Each word followed by the next word of its field, stop words
    /// included (`leave the`, `the door`): what a quoted phrase is checked
    /// against, so that a phrase of small words (`"as soon as you can"`)
    /// finds where it is written, and a phrase of two common words loads
    /// the few documents where they meet. Not a word with a digit: ticket
    /// numbers, amounts and dates make most pairs and are rare each (nine
    /// in ten pairs at 10,000 pages); a phrase with one is where its words
    /// are, checked against the text shown.
    pub pairs: Bag,
}

/// Terms, each with its level. Their names are one string: a string a
/// term would cost an allocation for each word of each document.
#[derive(Debug, Default)]
pub(super) struct Bag {
    names: String,
    /// (start and length of the name in `names`, level).
    entries: Vec<(u32, u32, u8)>,
}

/// The level of every pair: pairs only say where a phrase is; its words'
/// own levels score it.
pub(super) const PAIR_LEVEL: u8 = 1;

/// What decides a document's terms: its fields and where each comes from.
pub(super) fn section_key(s: &Section<'_>) -> u128 {
    let mut f = crate::text::Fingerprint::default();
    for (field, text) in &s.fields {
        f.u128(*field as u128).str(text);
    }
    f.finish()
}

/// Whether the text between two words joins them into one written with a
/// hyphen (`-`, or Unicode's hyphen and non-breaking hyphen).
fn is_hyphen(between: &str) -> bool {
    matches!(between, "-" | "\u{2010}" | "\u{2011}")
}

/// The words of one document, folded, in one string: what [`analyse`]
/// works on, so that it allocates per distinct word, not per word.
#[derive(Default)]
struct Words {
    text: String,
    /// Each word's (start, end) in `text`, its document-wide number, and
    /// its field; `u32::MAX` numbers mark the end of a hyphen chain's
    /// joined form, which is a word but not in the sequence.
    at: Vec<(u32, u32, u32, u8)>,
}

/// The weighted terms of one document, in one pass over its words.
pub(super) fn analyse(section: &Section<'_>) -> DocTerms {
    // Each distinct word's number, by its name.
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut words = Words::default();
    let mut lengths = [0u32; Field::ALL.len()];
    let mut buf = String::new();
    // Fold every word once, into one string; joined forms of hyphenated
    // words after the chain they come from.
    for (field, text) in &section.fields {
        let f = *field as usize;
        let mut prev_end = usize::MAX;
        let mut chain_start: Option<usize> = None;
        let mut chain_len = 0;
        let before = words.at.len();
        word_indices(text, |start, w| {
            fold_into(w, &mut buf);
            if buf.is_empty() {
                return;
            }
            let joined = prev_end != usize::MAX && is_hyphen(&text[prev_end..start]);
            if !joined {
                push_chain(&mut words, chain_start, chain_len, f as u8);
                chain_start = Some(words.at.len());
                chain_len = 0;
            }
            chain_len += 1;
            let s = words.text.len() as u32;
            words.text.push_str(&buf);
            words.at.push((s, words.text.len() as u32, 0, f as u8));
            prev_end = start + w.len();
        });
        push_chain(&mut words, chain_start, chain_len, f as u8);
        lengths[f] += words.at[before..]
            .iter()
            .filter(|w| w.2 != u32::MAX)
            .count() as u32;
    }
    // Per distinct word: occurrences in each field, whether it is a stop
    // word, and its name.
    let mut counts: Vec<([u16; Field::ALL.len()], bool)> = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    for w in &mut words.at {
        let name = &words.text[w.0 as usize..w.1 as usize];
        let id = *ids.entry(name).or_insert_with(|| {
            counts.push(([0; Field::ALL.len()], is_stop_word(name)));
            names.push(name);
            (counts.len() - 1) as u32
        });
        let c = &mut counts[id as usize];
        c.0[w.3 as usize] = c.0[w.3 as usize].saturating_add(1);
        w.2 = if w.2 == u32::MAX { u32::MAX } else { id };
    }
    let norms: Vec<f32> = Field::ALL
        .iter()
        .map(|&f| {
            let (w, b, reference) = f.params();
            w / (1.0 - b + b * lengths[f as usize] as f32 / reference)
        })
        .collect();
    let mut out = DocTerms::default();
    out.words.entries.reserve(counts.len());
    for (id, (c, stop)) in counts.iter().enumerate() {
        if *stop {
            continue;
        }
        let tf: f32 = c.iter().zip(&norms).map(|(&c, n)| f32::from(c) * n).sum();
        out.words.push(names[id], level(tf));
    }
    // Pairs: each word and the next of its field, once each; none with a
    // number (see `DocTerms::pairs`).
    let mut seen: ahash::AHashSet<(u32, u32)> = ahash::AHashSet::new();
    let mut key = String::new();
    let mut prev: Option<(u32, u8)> = None;
    let numeric: Vec<bool> = names.iter().map(|n| has_digit(n)).collect();
    for w in &words.at {
        if w.2 == u32::MAX {
            continue;
        }
        if let Some((a, field)) = prev
            && field == w.3
            && !numeric[a as usize]
            && !numeric[w.2 as usize]
            && seen.insert((a, w.2))
        {
            key.clear();
            key.push_str(names[a as usize]);
            key.push(' ');
            key.push_str(names[w.2 as usize]);
            out.pairs.push(&key, PAIR_LEVEL);
        }
        prev = Some((w.2, w.3));
    }
    out
}

/// Whether a word has a digit (`2024`, `cs72934`).
pub(super) fn has_digit(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_digit())
}

/// After a chain of `len` words joined by hyphens (from word `start` of
/// `words.at`), its joined form, if it has two words or more.
fn push_chain(words: &mut Words, start: Option<usize>, len: usize, field: u8) {
    let Some(start) = start else { return };
    if len < 2 {
        return;
    }
    let s = words.text.len();
    let mut joined = String::new();
    for &(a, b, ..) in &words.at[start..start + len] {
        joined.push_str(&words.text[a as usize..b as usize]);
    }
    words.text.push_str(&joined);
    words
        .at
        .push((s as u32, words.text.len() as u32, u32::MAX, field));
}

impl Bag {
    fn push(&mut self, term: &str, level: u8) {
        let name = self.names.len() as u32;
        self.names.push_str(term);
        self.entries.push((name, term.len() as u32, level));
    }

    /// Each term: (name, level).
    pub fn terms(&self) -> impl Iterator<Item = (&str, u8)> + '_ {
        self.entries
            .iter()
            .map(|&(name, len, level)| (&self.names[name as usize..(name + len) as usize], level))
    }

    /// How many terms.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

/// The BM25 term-frequency part of a weighted frequency, as a level.
fn level(tf: f32) -> u8 {
    let saturated = tf * (K1 + 1.0) / (tf + K1) / (K1 + 1.0);
    (saturated * LEVELS).round().clamp(1.0, LEVELS) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(bag: &Bag) -> Vec<(String, u8)> {
        bag.terms().map(|(t, l)| (t.to_string(), l)).collect()
    }

    #[test]
    fn levels_favour_titles_over_headings_over_body() {
        let d = analyse(&Section {
            fields: vec![
                (Field::Title, "refund".into()),
                (Field::Heading, "credit".into()),
                (Field::Body, "apology and a long body of text".into()),
            ],
            ..Section::default()
        });
        let words = listed(&d.words);
        let get = |w: &str| words.iter().find(|t| t.0 == w).map(|t| t.1);
        let (title, heading, body) = (get("refund"), get("credit"), get("apology"));
        assert!(
            title > heading && heading > body,
            "{title:?} {heading:?} {body:?}"
        );
        assert!(get("and").is_none(), "stop words are not indexed alone");
    }

    #[test]
    fn pairs_join_each_word_to_the_next_of_its_field_stop_words_too() {
        let d = analyse(&Section {
            fields: vec![
                (Field::Title, "Leave the door open".into()),
                (Field::Body, "open door, then leave the door open".into()),
            ],
            ..Section::default()
        });
        let mut pairs: Vec<String> = listed(&d.pairs).into_iter().map(|(t, _)| t).collect();
        pairs.sort();
        // No pair spans the title and the body (`open open`).
        assert_eq!(
            pairs,
            [
                "door open",
                "door then",
                "leave the",
                "open door",
                "the door",
                "then leave"
            ]
        );
    }

    #[test]
    fn a_word_written_with_hyphens_is_also_indexed_joined() {
        let d = analyse(&Section {
            fields: vec![(
                Field::Body,
                "Send a thank-you card, then a counter\u{2010}offer; day-to-day work - not this."
                    .into(),
            )],
            ..Section::default()
        });
        let words: Vec<String> = listed(&d.words).into_iter().map(|(t, _)| t).collect();
        for w in [
            "thankyou",
            "thank",
            "counteroffer",
            "offer",
            "daytoday",
            "day",
        ] {
            assert!(words.iter().any(|t| t == w), "{w} in {words:?}");
        }
        assert!(
            !words.iter().any(|t| t == "worknot"),
            "a dash with spaces joins nothing"
        );
        let pairs: Vec<String> = listed(&d.pairs).into_iter().map(|(t, _)| t).collect();
        assert!(pairs.iter().any(|p| p == "thank you"), "{pairs:?}");
        assert!(pairs.iter().any(|p| p == "you card"), "{pairs:?}");
        assert!(!pairs.iter().any(|p| p.contains("thankyou")), "{pairs:?}");
    }

    #[test]
    fn no_pair_has_a_number() {
        let d = analyse(&Section {
            fields: vec![(Field::Body, "Ticket CS-72934 of 2024 is closed".into())],
            ..Section::default()
        });
        let pairs: Vec<String> = listed(&d.pairs).into_iter().map(|(t, _)| t).collect();
        assert_eq!(pairs, ["ticket cs", "is closed"]);
    }
}
