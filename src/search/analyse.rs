//! One document's words, weighted: the only part of the index that reads
//! text, so its results are kept from one build to the next by a hash of
//! the document's fields.

use ahash::AHashMap as HashMap;

use super::text::{each_word, is_stop_word};
use super::{Field, K1, LEVELS, Section};

/// A document's words and its pairs of words.
#[derive(Debug, Default)]
pub(super) struct DocTerms {
    pub words: Bag,
    /// Each word followed by the next indexed word of its field (see
    /// [`pair_key`]), at the first word's positions: what a quoted phrase
    /// is checked against, so that a phrase of two common words loads the
    /// few places where they meet, not every place where each occurs.
    pub pairs: Bag,
}

/// Terms, each with its level and its positions as a range of `positions`
/// (see [`Bag::terms`]). Their names are one string: a string a term would
/// cost an allocation for each word of each document.
#[derive(Debug, Default)]
pub(super) struct Bag {
    names: String,
    /// (start and length of the name in `names`, level, start and length
    /// of the positions in `positions`).
    entries: Vec<(u32, u32, u8, u32, u32)>,
    pub positions: Vec<u32>,
}

/// Farthest apart two indexed words of a pair may be: seven stop words
/// between them. Fields are further apart than this, so no pair spans two.
pub(super) const MAX_GAP: u32 = 8;

/// The key of word `a` followed by word `b`, `gap` positions later (the
/// stop words between them count): `a b`, or `a 2 b` with a stop word
/// between. A word has no space, so the key's parts are unambiguous;
/// `search.js` writes the same key for the words of a quoted phrase.
pub(super) fn pair_key(out: &mut String, a: &str, b: &str, gap: u32) {
    use std::fmt::Write;
    out.clear();
    out.push_str(a);
    out.push(' ');
    if gap != 1 {
        let _ = write!(out, "{gap} ");
    }
    out.push_str(b);
}

/// The level of every pair: pairs only say where a phrase is; its words'
/// own levels score it.
const PAIR_LEVEL: u8 = 1;

/// What decides a document's terms: its fields and where each comes from.
pub(super) fn section_key(s: &Section<'_>) -> u128 {
    let mut f = crate::text::Fingerprint::default();
    for (field, text) in &s.fields {
        f.u128(*field as u128).str(text);
    }
    f.finish()
}

/// The weighted terms of one document, in one pass over its words.
pub(super) fn analyse(section: &Section<'_>) -> DocTerms {
    // Each term's number, by its name; per term: its name, occurrences in
    // each field, and positions. Pairs by their words' numbers and gap:
    // positions. (A string a pair would cost an allocation for each pair
    // of words of each document: millions at 10,000 pages.)
    let mut ids: HashMap<String, u32> = HashMap::new();
    #[allow(clippy::type_complexity)]
    let mut terms: Vec<(String, [u16; Field::ALL.len()], Vec<u32>)> = Vec::new();
    let mut pairs: HashMap<(u32, u32, u32), Vec<u32>> = HashMap::new();
    let mut lengths = [0u32; Field::ALL.len()];
    let mut pos = 0u32;
    for (field, text) in &section.fields {
        let f = *field as usize;
        // The last indexed word of this field, and its position.
        let mut prev: Option<(u32, u32)> = None;
        each_word(text, |w| {
            lengths[f] += 1;
            if !is_stop_word(w) {
                let id = match ids.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = terms.len() as u32;
                        ids.insert(w.to_string(), id);
                        terms.push((w.to_string(), [0; Field::ALL.len()], Vec::new()));
                        id
                    }
                };
                let e = &mut terms[id as usize];
                e.1[f] = e.1[f].saturating_add(1);
                e.2.push(pos);
                if let Some((a, at)) = prev
                    && pos - at <= MAX_GAP
                {
                    pairs.entry((a, id, pos - at)).or_default().push(at);
                }
                prev = Some((id, pos));
            }
            pos += 1;
        });
        // A phrase never spans two fields.
        pos += MAX_GAP;
    }
    let norms: Vec<f32> = Field::ALL
        .iter()
        .map(|&f| {
            let (w, b, reference) = f.params();
            w / (1.0 - b + b * lengths[f as usize] as f32 / reference)
        })
        .collect();
    let mut out = DocTerms::default();
    out.words.entries.reserve(terms.len());
    out.words.positions.reserve(pos as usize);
    for (t, counts, ps) in &terms {
        let tf: f32 = counts
            .iter()
            .zip(&norms)
            .map(|(&c, n)| f32::from(c) * n)
            .sum();
        out.words.push(t, level(tf), ps);
    }
    out.pairs.entries.reserve(pairs.len());
    let mut key = String::new();
    for ((a, b, gap), ps) in pairs {
        pair_key(&mut key, &terms[a as usize].0, &terms[b as usize].0, gap);
        out.pairs.push(&key, PAIR_LEVEL, &ps);
    }
    out
}

impl Bag {
    fn push(&mut self, term: &str, level: u8, positions: &[u32]) {
        let name = self.names.len() as u32;
        self.names.push_str(term);
        let start = self.positions.len() as u32;
        self.positions.extend_from_slice(positions);
        self.entries.push((
            name,
            term.len() as u32,
            level,
            start,
            positions.len() as u32,
        ));
    }

    /// Each term: (name, level, start and length of its positions).
    pub fn terms(&self) -> impl Iterator<Item = (&str, u8, u32, u32)> + '_ {
        self.entries
            .iter()
            .map(|&(name, len, level, start, count)| {
                (
                    &self.names[name as usize..(name + len) as usize],
                    level,
                    start,
                    count,
                )
            })
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

    /// A bag's terms: (name, level, positions).
    fn listed(bag: &Bag) -> Vec<(String, u8, Vec<u32>)> {
        bag.terms()
            .map(|(t, level, start, len)| {
                let ps = bag.positions[start as usize..(start + len) as usize].to_vec();
                (t.to_string(), level, ps)
            })
            .collect()
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
        let get = |w: &str| words.iter().find(|t| t.0 == w).map(|t| (t.1, t.2.clone()));
        let (title, _) = get("refund").unwrap();
        let (heading, hp) = get("credit").unwrap();
        let (body, bp) = get("apology").unwrap();
        assert!(
            title > heading && heading > body,
            "{title} {heading} {body}"
        );
        assert!(get("and").is_none(), "stop words are not indexed");
        // Positions leave a gap between fields and count stop words.
        assert_eq!(hp, vec![9]);
        assert_eq!(bp, vec![18]);
        assert_eq!(get("long").unwrap().1, vec![21]);
    }

    #[test]
    fn pairs_join_each_word_to_the_next_indexed_one_of_its_field() {
        let d = analyse(&Section {
            fields: vec![
                (Field::Title, "Leave the door open".into()),
                (Field::Body, "open door, then leave the door open".into()),
            ],
            ..Section::default()
        });
        let mut pairs: Vec<(String, Vec<u32>)> = listed(&d.pairs)
            .into_iter()
            .map(|(t, _, ps)| (t, ps))
            .collect();
        pairs.sort();
        let want: Vec<(String, Vec<u32>)> = vec![
            ("door 2 leave".into(), vec![13]),
            ("door open".into(), vec![2, 17]),
            ("leave 2 door".into(), vec![0, 15]),
            ("open door".into(), vec![12]),
        ];
        // No pair spans the title and the body (`open` at 3, `open` at 12).
        assert_eq!(pairs, want);
    }
}
