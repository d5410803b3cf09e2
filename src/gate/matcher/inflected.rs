//! Names in pages of a language that inflects them: a word made of a name
//! part's stem and an ending of up to four letters (`Kowalskiego`), and a
//! name of several words with each word so (`drukarni sowy`).

use super::{Hit, Matcher};
use crate::gate::decode::Canon;
use crate::gate::reveal::Reveal;

/// A name of several words, for its inflected forms.
pub(super) struct Phrase {
    /// Each word's stem, and whether the word must stand as it is.
    pub(super) words: Vec<(Vec<u8>, bool)>,
    pub(super) origins: Vec<usize>,
}

/// The words of pattern `p` as a [`Phrase`]'s, if it has two or more
/// and they are letters only.
pub(super) fn phrase_words(p: &[u8]) -> Option<Vec<(Vec<u8>, bool)>> {
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

impl Matcher {
    pub(super) fn inflected(&self, c: &Canon, hits: &mut Vec<Hit>) {
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

    /// On a page whose language does not inflect names, a Slavic
    /// surname's inflected forms (`Kowalskiego`, `Wrzesińskiej`): a word
    /// made of its stem and an ending of up to four letters, other than
    /// the surname as written or another word pattern (found as they are).
    pub(super) fn inflected_everywhere(&self, c: &Canon, hits: &mut Vec<Hit>) {
        let Some((ac, parts)) = &self.stems_everywhere else {
            return;
        };
        let t = &c.text[..];
        for m in ac.find_overlapping_iter(t) {
            let (start, e) = (m.start(), m.end());
            if start > 0 && t[start - 1].is_ascii_lowercase() {
                continue;
            }
            let end = e + t[e..].iter().take_while(|b| b.is_ascii_lowercase()).count();
            let (origin, part) = &parts[m.pattern().as_usize()];
            let word = &t[start..end];
            if (1..=4).contains(&(end - e)) && word != &part[..] && !self.is_word_pattern(word) {
                let how = c.reveal_in(start..end) | Reveal::INFLECTED;
                hits.push(Hit {
                    origin: *origin,
                    how,
                });
            }
        }
    }

    /// Is `word` a word pattern as it is (a handle, `kowalskil`): then the
    /// word patterns find it, as what it is.
    fn is_word_pattern(&self, word: &[u8]) -> bool {
        let mut whole = false;
        self.words.forward(word, 0, |e, _| whole |= e == word.len());
        whole
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
}
