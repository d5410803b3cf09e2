//! One document's words, weighted, and its pairs of words: the only part
//! of the index that reads text, so its results are kept from one build to
//! the next by a hash of the document's fields.
//!
//! A document is analysed on any thread, in buffers kept by the thread
//! from one document to the next ([`Scratch`]): its words are folded once,
//! numbered within the document by their hash, and counted per field; its
//! pairs are pairs of those numbers. The result ([`Analysis`]) is then
//! numbered in the index's tables ([`Analysis::intern`]), in document
//! order, and kept as numbers ([`DocTerms`]).

use std::cell::RefCell;

use super::names::{Names, PairMap, hash};
use super::postings::Table;
use super::text::{Form, fold_form, is_stop_word, word_spans};
use super::{Field, K1, LEVELS, Section};

/// A document's terms, by their numbers in the index's tables: what is
/// kept of it from one build to the next.
#[derive(Debug, Default)]
pub(super) struct DocTerms {
    /// Its words but stop words, by their numbers in the word table; and
    /// each word written with hyphens (`thank-you`, `counter-offer`) also
    /// joined (`thankyou`), so that a reader who types it so finds it.
    pub words: Box<[u32]>,
    /// The level of each of `words`.
    pub levels: Box<[u8]>,
    /// Each word followed by the next word of its field, stop words
    /// included (`leave the`, `the door`), by their numbers in the pair
    /// table: what a quoted phrase is checked against, so that a phrase of
    /// small words (`"as soon as you can"`) finds where it is written, and
    /// a phrase of two common words loads the few documents where they
    /// meet. Not a word with a digit: ticket numbers, amounts and dates
    /// make most pairs and are rare each (nine in ten pairs at 10,000
    /// pages); a phrase with one is where its words are, checked against
    /// the text shown.
    pub pairs: Box<[u32]>,
}

/// One document's terms, numbered within the document (`0..`, in the
/// order they first appear).
#[derive(Debug, Default)]
pub(super) struct Analysis {
    /// Its distinct words, one after another…
    text: String,
    /// …where each ends in `text`…
    ends: Vec<u32>,
    /// …and the [`hash`] of each.
    hashes: Vec<u64>,
    /// Its words but stop words: (number, level).
    words: Vec<(u32, u8)>,
    /// Its pairs of words, each once: (number, number).
    pairs: Vec<(u32, u32)>,
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

/// The buffers of [`analyse`], kept by each thread from one document to
/// the next, so that a document costs no allocation but its result's.
#[derive(Default)]
struct Scratch {
    /// The document's distinct words, and what is known of each.
    words: Words,
    /// The pairs seen, as `first << 32 | second`.
    seen: PairMap,
    /// The folded word (of a word not folded as written).
    buf: String,
    /// The words of the hyphen chain being read.
    chain: Vec<u32>,
    /// The chain joined.
    joined: String,
}

/// A document's distinct words.
#[derive(Default)]
struct Words {
    names: Names,
    /// Per distinct word: its hash, occurrences in each field, whether it
    /// is a stop word, whether it has a digit.
    list: Vec<Word>,
}

struct Word {
    hash: u64,
    counts: [u16; Field::ALL.len()],
    stop: bool,
    digit: bool,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// The weighted terms of one document, in one pass over its words.
pub(super) fn analyse(section: &Section<'_>) -> Analysis {
    SCRATCH.with(|s| s.borrow_mut().analyse(section))
}

impl Words {
    /// The number of word `name` (folded) in field `field`, counted there.
    fn count(&mut self, name: &str, field: usize) -> u32 {
        let h = hash(name);
        let (id, new) = self.names.intern_hashed(h, name);
        if new {
            self.list.push(Word {
                hash: h,
                counts: [0; Field::ALL.len()],
                stop: is_stop_word(name),
                digit: has_digit(name),
            });
        }
        let c = &mut self.list[id as usize].counts[field];
        *c = c.saturating_add(1);
        id
    }

    /// After a chain of words joined by hyphens, its joined form (if it
    /// has two words or more, written into `joined`), counted in `field`;
    /// the chain is emptied.
    fn push_chain(&mut self, chain: &mut Vec<u32>, joined: &mut String, field: usize) {
        if chain.len() >= 2 {
            joined.clear();
            for &w in chain.iter() {
                joined.push_str(self.names.name(w));
            }
            self.count(joined, field);
        }
        chain.clear();
    }
}

impl Scratch {
    fn analyse(&mut self, section: &Section<'_>) -> Analysis {
        let Scratch {
            words,
            seen,
            buf,
            chain,
            joined,
        } = self;
        words.names.clear();
        words.list.clear();
        seen.clear();
        chain.clear();
        let mut lengths = [0u32; Field::ALL.len()];
        let mut pairs = Vec::new();
        // The word before, and its field: pairs join words of one field
        // (a field may come in several parts), none with a number.
        let mut prev: Option<(u32, usize)> = None;
        for (field, text) in &section.fields {
            let f = *field as usize;
            let mut prev_end = usize::MAX;
            word_spans(text, |start, w, form| {
                let name = match form {
                    Form::Folded => w,
                    _ => {
                        buf.clear();
                        fold_form(w, form, buf);
                        if buf.is_empty() {
                            return;
                        }
                        buf.as_str()
                    }
                };
                // Words are joined by one character at most.
                let joined_here = prev_end != usize::MAX
                    && start - prev_end <= 3
                    && is_hyphen(&text[prev_end..start]);
                if !joined_here {
                    words.push_chain(chain, joined, f);
                }
                let id = words.count(name, f);
                chain.push(id);
                lengths[f] += 1;
                if let Some((a, pf)) = prev
                    && pf == f
                    && !words.list[a as usize].digit
                    && !words.list[id as usize].digit
                    && seen
                        .get_or_insert_with(u64::from(a) << 32 | u64::from(id), || 0)
                        .1
                {
                    pairs.push((a, id));
                }
                prev = Some((id, f));
                prev_end = start + w.len();
            });
            words.push_chain(chain, joined, f);
        }
        let mut norms = [0f32; Field::ALL.len()];
        for f in Field::ALL {
            let (w, b, reference) = f.params();
            norms[f as usize] = w / (1.0 - b + b * lengths[f as usize] as f32 / reference);
        }
        let list = &words.list;
        let words_out = list
            .iter()
            .enumerate()
            .filter(|(_, w)| !w.stop)
            .map(|(id, w)| {
                let tf: f32 = w
                    .counts
                    .iter()
                    .zip(&norms)
                    .map(|(&c, n)| f32::from(c) * n)
                    .sum();
                (id as u32, level(tf))
            })
            .collect();
        let (text, ends) = words.names.parts();
        Analysis {
            text: text.to_string(),
            ends: ends.to_vec(),
            hashes: list.iter().map(|w| w.hash).collect(),
            words: words_out,
            pairs,
        }
    }
}

impl Analysis {
    /// The name of word `id`.
    fn name(&self, id: usize) -> &str {
        let start = if id == 0 {
            0
        } else {
            self.ends[id - 1] as usize
        };
        &self.text[start..self.ends[id] as usize]
    }

    /// The document's terms by their numbers in the index's `words` and
    /// `pairs` tables, which number those they did not have.
    pub fn intern(&self, words: &mut Table, pairs: &mut Table) -> DocTerms {
        let ids: Vec<u32> = (0..self.ends.len())
            .map(|i| words.names.intern_hashed(self.hashes[i], self.name(i)).0)
            .collect();
        DocTerms {
            words: self.words.iter().map(|&(w, _)| ids[w as usize]).collect(),
            levels: self.words.iter().map(|&(_, l)| l).collect(),
            pairs: self
                .pairs
                .iter()
                .map(|&(a, b)| pairs.intern_pair(ids[a as usize], ids[b as usize], &words.names))
                .collect(),
        }
    }
}

/// Whether a word has a digit (`2024`, `cs72934`).
pub(super) fn has_digit(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_digit())
}

/// The BM25 term-frequency part of a weighted frequency, as a level.
fn level(tf: f32) -> u8 {
    let saturated = tf * (K1 + 1.0) / (tf + K1) / (K1 + 1.0);
    (saturated * LEVELS).round().clamp(1.0, LEVELS) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_list(d: &Analysis) -> Vec<(String, u8)> {
        let name = |w: u32| d.name(w as usize).to_string();
        d.words.iter().map(|&(w, l)| (name(w), l)).collect()
    }

    fn pair_list(d: &Analysis) -> Vec<(String, u8)> {
        let name = |w: u32| d.name(w as usize).to_string();
        let pair = |&(a, b)| (format!("{} {}", name(a), name(b)), PAIR_LEVEL);
        d.pairs.iter().map(pair).collect()
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
        let words = word_list(&d);
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
        let mut pairs: Vec<String> = pair_list(&d).into_iter().map(|(t, _)| t).collect();
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
        let words: Vec<String> = word_list(&d).into_iter().map(|(t, _)| t).collect();
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
        let pairs: Vec<String> = pair_list(&d).into_iter().map(|(t, _)| t).collect();
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
        let pairs: Vec<String> = pair_list(&d).into_iter().map(|(t, _)| t).collect();
        assert_eq!(pairs, ["ticket cs", "is closed"]);
    }
}
