//! Names spelt with their letters spaced apart: `K o w a l s k i`,
//! `K-o-w-a-l-s-k-i`, `K.o.w.a.l.s.k.i` (the reading turns every such
//! separator into one space). A reader reads the name; the words of the
//! text are letters alone.
//!
//! A run of three or more one-letter words, each a space from the next (or
//! a full stop and a space: `Q. H. S.`), is read again with its spaces
//! taken out, and every word pattern found
//! anywhere in it counts (initials only in capitals, with no capital of
//! the run beside them; a handle that is an English word only where it
//! stands as one, so never here). Such runs are
//! rare in prose ("a I" is two letters): they are found from the bit masks
//! that [`super::Matcher::starts`] makes anyway, at no cost to a text
//! without one.

use super::{Hit, Matcher, Rule};
use crate::gate::decode::Canon;
use crate::gate::reveal::Reveal;

/// Letters a run must have to be read joined.
const LETTERS: usize = 3;

/// The one-letter words of a 64-byte block that are followed by a space,
/// or by one byte and a space (`q. h. s.`: a full stop before a space
/// stays in the reading), and another one-letter word: where a spaced run
/// may be (every run of [`LETTERS`] or more holds such a pair inside one
/// block). `letters`, `spaces`: the block's masks; `before`: a letter ends
/// the block before; `after`: a letter starts the block after.
#[inline]
pub(super) fn pairs(letters: u64, spaces: u64, before: bool, after: bool) -> u64 {
    let single =
        letters & !(letters << 1 | u64::from(before)) & !(letters >> 1 | u64::from(after) << 63);
    single & (spaces >> 1 & single >> 2 | spaces >> 2 & single >> 3)
}

/// The one-letter word after the one at `i` in a spaced run: a space
/// away, or a full stop and a space.
fn next(t: &[u8], i: usize) -> Option<usize> {
    match t.get(i + 1..i + 3)? {
        [b' ', _] if single(t, i + 2) => Some(i + 2),
        [b'.', b' '] if i + 3 < t.len() && single(t, i + 3) => Some(i + 3),
        _ => None,
    }
}

/// The one-letter word before the one at `i` in a spaced run.
fn previous(t: &[u8], i: usize) -> Option<usize> {
    if i >= 2 && t[i - 1] == b' ' && single(t, i - 2) {
        return Some(i - 2);
    }
    (i >= 3 && t[i - 1] == b' ' && t[i - 2] == b'.' && single(t, i - 3)).then(|| i - 3)
}

/// Is `t[i]` a letter standing alone (no letter either side)?
fn single(t: &[u8], i: usize) -> bool {
    t[i].is_ascii_lowercase()
        && (i == 0 || !t[i - 1].is_ascii_lowercase())
        && t.get(i + 1).is_none_or(|b| !b.is_ascii_lowercase())
}

impl Matcher {
    /// The spaced run around the pair at `at` ([`pairs`]), if not read
    /// already (`done`: where the last run read ends), read joined.
    pub(super) fn spaced(&self, c: &Canon, at: usize, done: &mut usize, hits: &mut Vec<Hit>) {
        if at < *done {
            return;
        }
        let t = &c.text[..];
        if !single(t, at) {
            return;
        }
        let mut letters = vec![at];
        let mut from = at;
        while let Some(p) = previous(t, from) {
            letters.push(p);
            from = p;
        }
        letters.reverse();
        let mut to = at;
        while let Some(n) = next(t, to) {
            letters.push(n);
            to = n;
        }
        *done = to + 1;
        let at = letters;
        if at.len() < LETTERS {
            return;
        }
        let joined: Vec<u8> = at.iter().map(|&i| t[i]).collect();
        for k in 0..joined.len() {
            self.words.forward(&joined, k, |e, p| {
                let counts = match self.rules[p] {
                    Rule::Mention => false,
                    // Initials as they stand in text: in capitals, and
                    // no capital of the run beside them (`A B C D` holds
                    // no `BCD`).
                    Rule::Upper => {
                        at[k..e].iter().all(|&i| c.is_upper(i))
                            && (k == 0 || !c.is_upper(at[k - 1]))
                            && at.get(e).is_none_or(|&i| !c.is_upper(i))
                    }
                    _ => true,
                };
                if counts {
                    let how = c.reveal_in(at[k]..at[e - 1] + 1) | Reveal::SPACED;
                    hits.extend(
                        self.word_origins[p]
                            .iter()
                            .map(|&origin| Hit { origin, how }),
                    );
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::pairs;

    #[test]
    fn finds_one_letter_words_a_space_apart() {
        // "x k o w" at 0..7: letters at 0, 2, 4, 6; spaces between.
        let letters = 0b1010101;
        let spaces = 0b0101010;
        assert_eq!(pairs(letters, spaces, false, false), 0b10101);
        // A letter before the block joins the first one to a word.
        assert_eq!(pairs(letters, spaces, true, false), 0b10100);
        // Two-letter words are no letters alone: "ab cd".
        assert_eq!(pairs(0b11011, 0b00100, false, false), 0);
    }
}
