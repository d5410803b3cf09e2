//! One document's words, weighted: the only part of the index that reads
//! text, so its results are kept from one build to the next by a hash of
//! the document's fields.

use std::collections::HashMap;

use super::text::{each_word, is_stop_word};
use super::{Field, K1, LEVELS, Section};

/// A document's terms, each with its level and its positions as a range of
/// the document's list of positions.
#[derive(Debug, Default)]
pub(super) struct DocTerms {
    pub terms: Vec<(String, u8, u32, u32)>,
    pub positions: Vec<u32>,
}

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
    // Per term: occurrences in each field, and positions.
    let mut terms: HashMap<String, ([u16; Field::ALL.len()], Vec<u32>)> = HashMap::new();
    let mut lengths = [0u32; Field::ALL.len()];
    let mut pos = 0u32;
    for (field, text) in &section.fields {
        let f = *field as usize;
        each_word(text, |w| {
            lengths[f] += 1;
            if !is_stop_word(w) {
                let e = match terms.get_mut(w) {
                    Some(e) => e,
                    None => terms.entry(w.to_string()).or_default(),
                };
                e.0[f] = e.0[f].saturating_add(1);
                e.1.push(pos);
            }
            pos += 1;
        });
        // A phrase never spans two fields.
        pos += 8;
    }
    let norms: Vec<f32> = Field::ALL
        .iter()
        .map(|&f| {
            let (w, b, reference) = f.params();
            w / (1.0 - b + b * lengths[f as usize] as f32 / reference)
        })
        .collect();
    let mut out = DocTerms {
        terms: Vec::with_capacity(terms.len()),
        positions: Vec::with_capacity(pos as usize),
    };
    for (t, (counts, ps)) in terms {
        let tf: f32 = counts
            .iter()
            .zip(&norms)
            .map(|(&c, n)| f32::from(c) * n)
            .sum();
        let start = out.positions.len() as u32;
        out.positions.extend_from_slice(&ps);
        out.terms.push((t, level(tf), start, ps.len() as u32));
    }
    out
}

/// The BM25 term-frequency part of a weighted frequency, as a level.
fn level(tf: f32) -> u8 {
    let saturated = tf * (K1 + 1.0) / (tf + K1) / (K1 + 1.0);
    (saturated * LEVELS).round().clamp(1.0, LEVELS) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let get = |w: &str| {
            d.terms.iter().find(|t| t.0 == w).map(|t| {
                let ps = d.positions[t.2 as usize..(t.2 + t.3) as usize].to_vec();
                (t.1, ps)
            })
        };
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
}
