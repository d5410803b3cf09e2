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
//!   part's stem and an ending of up to four letters (`Kowalskiego`); in
//!   other pages, of a Slavic surname's stem.
//! - Every run of digits, however separated, is searched for the digits of
//!   every declared phone number (its national significant number is in
//!   every form of it).
//! - A name spelt with its letters spaced apart (`K o w a l s k i`):
//!   [`spaced`].
//! - Around every four-digit year of a refused day, the dates written
//!   there are read and looked up by value ([`crate::gate::dates`]).

use std::collections::HashMap;

use aho_corasick::AhoCorasick;

use crate::gate::dates::Days;
use crate::gate::decode::Canon;
use crate::gate::decode::within;
use crate::gate::masks::classes;
use crate::gate::reveal::Reveal;
use crate::gate::trie::Trie;

mod build;
mod edges;
mod inflected;
mod spaced;
#[cfg(test)]
mod tests;
mod titles;

pub(crate) use edges::alone;
use edges::{all_upper, camel, may_start, plural_alone, touches};
use inflected::Phrase;

/// The automaton of the stems read with their endings on every page, and
/// each pattern's origin and the part as written.
type EverywhereStems = (AhoCorasick, Vec<(usize, Vec<u8>)>);

/// How a pattern must sit to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    Free,
    Word,
    Upper,
    /// A word standing alone, never as a plural: a name in another case.
    Case,
    /// A word standing alone right after an `@` or an `=`: a chat handle,
    /// or a username in a link's query (`?ref=ewhitcombe`); or as a field's
    /// value after a `:` (`assignee: ewhitcombe`). Not after a `/`: a
    /// page's own path (`cases/thanks/`) would read as one.
    Mention,
    /// A word standing alone right after a title (`mr baker`): a word of a
    /// client's name that is an everyday word elsewhere ([`titles`]).
    Titled,
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
    /// Those of them read with their endings on every page
    /// (`crate::anonymize::secrets::inflects_everywhere`: a Slavic surname,
    /// `Wrzesińskiej` in a Polish record on an English site), found in one
    /// search of the stream (a look-up per word cost a fifth of the gate
    /// where one such surname was declared), with each one's origin and
    /// the part as written (which the word patterns find as it is).
    stems_everywhere: Option<EverywhereStems>,
    /// Names of two words or more, each word's stem (`drukarni sow` of
    /// `drukarnia sowa`; a word shorter than three letters whole and
    /// `true`), by the first word's stem, with their origins.
    phrases: HashMap<Vec<u8>, Vec<Phrase>, ahash::RandomState>,
    /// Some word pattern starts with a byte that is neither a letter, a
    /// digit nor a space. Hardly ever: without one, punctuation is no
    /// place to start a walk, and text that is nearly all punctuation (the
    /// search index's postings) is passed over 64 bytes at a time.
    punctuation_starts: bool,
    /// Some form holds a `"`, `<`, `>` or `|` (a client named `Firma
    /// "Sowa"`).
    crosses_quotes: bool,
}

impl Matcher {
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
        } else if !inflect && self.stems_everywhere.is_some() {
            self.inflected_everywhere(c, hits);
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
        let mut spaced_until = 0;
        for (block, chunk) in t.chunks(64).enumerate() {
            let base = block * 64;
            let [letters, digits, spaces] = classes(chunk);
            let letter_after = t.get(base + 64).is_some_and(u8::is_ascii_lowercase);
            let mut pairs = spaced::pairs(letters, spaces, letter_before, letter_after);
            while pairs != 0 {
                let at = base + pairs.trailing_zeros() as usize;
                pairs &= pairs - 1;
                self.spaced(c, at, &mut spaced_until, hits);
            }
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
            let others = if self.punctuation_starts {
                all & !(letters | digits | spaces)
            } else {
                0
            };
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
                        self.days.around(c, s, (year, false), hits);
                    } else if let Some(year) = self.days.short_year_at(t, s) {
                        self.days.around(c, s, (year, true), hits);
                    } else if let Some(year) = self.days.compact_at(t, s) {
                        self.days.compact(c, s, year, hits);
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
            Rule::Mention => alone(c, s, e).filter(|_| mention_at(&c.text[..s])),
            Rule::Titled => alone(c, s, e).filter(|_| titles::titled(&c.text[..s])),
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

/// Whether the read text `before` ends where a handle stands on its own:
/// after an `@` or `=`, or after a field's `:` (with a space or a quote).
fn mention_at(before: &[u8]) -> bool {
    match before {
        [.., b'@' | b'='] => true,
        _ => {
            let quoted = before
                .strip_suffix(b"\"")
                .or_else(|| before.strip_suffix(b"'"));
            let mut rest = quoted.unwrap_or(before);
            while let [head @ .., b' '] = rest {
                rest = head;
            }
            rest.ends_with(b":")
        }
    }
}
