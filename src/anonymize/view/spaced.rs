//! Names spelt with their letters a space apart (`K o w a l s k i`): a
//! reader reads the name, the view reads one-letter words. Where the
//! letters of such a run, joined, hold a one-word form, the spaces between
//! them are read as nothing ([`super::view_joining`]), as the marks of
//! `Blue-fin` are ([`super::joined_words`]); the name is then replaced as
//! a word of its own. (Dashes, dots and underscores between the letters
//! are marks, joined there already.)

use std::ops::Range;

/// Letters a run must have to be read joined.
const LETTERS: usize = 3;

/// A letter, or a byte of a character beyond ASCII (which may be one).
#[inline]
fn letterish(c: u8) -> bool {
    c >= 0x80 || (c | 0x20).wrapping_sub(b'a') < 26
}

/// Five bytes in a row, as [`middles`] zips them.
type Five<'a> = (((&'a u8, &'a u8), &'a u8), (&'a u8, &'a u8));

/// Where the separators after letters of spaced runs start: every `k + 2`
/// where `b[k..k + 5]` reads anything but a letter, a letter, a space, a
/// letter and a space, or anything but a letter, a letter, a full stop, a
/// space and a letter (every run of three or more one-letter words holds
/// one; so does "see a b", which the caller then passes over). Looked for 64 bytes at a time, in a loop
/// without branches that the compiler turns into vector code: most texts
/// have no such place, and cost a fraction of a look at each space.
fn middles(b: &[u8]) -> Vec<usize> {
    let n = b.len().saturating_sub(4);
    let mut out = Vec::new();
    if n == 0 {
        return out;
    }
    let (l0, s1, l2, s3, l4) = (&b[..n], &b[1..=n], &b[2..n + 2], &b[3..n + 3], &b[4..n + 4]);
    // Anything but a letter, then a letter, and a space and a letter and a
    // space (`␠K␠o␠`), or a full stop, a space and a letter (`␠Q.␠H`).
    let at = |(((a, l), s), (c, e)): Five<'_>| {
        !letterish(*a)
            & letterish(*l)
            & ((*s == b' ') & letterish(*c) & (*e == b' ')
                | (*s == b'.') & (*c == b' ') & letterish(*e))
    };
    let mut from = 0;
    while from < n {
        let to = (from + 64).min(n);
        let window = || {
            l0[from..to]
                .iter()
                .zip(&s1[from..to])
                .zip(&l2[from..to])
                .zip(s3[from..to].iter().zip(&l4[from..to]))
        };
        if window().fold(false, |any, w| any | at(w)) {
            out.extend(
                window()
                    .enumerate()
                    .filter(|&(_, w)| at(w))
                    .map(|(k, _)| from + k + 2),
            );
        }
        from = to;
    }
    out
}

/// Where a run's separator that starts at `at` (a space, or a full stop
/// and a space) ends.
fn separator_after(b: &[u8], at: usize) -> Option<usize> {
    match b.get(at..at + 2) {
        Some([b'.', b' ']) => Some(at + 2),
        _ => (b.get(at) == Some(&b' ')).then_some(at + 1),
    }
}

/// Where a run's separator that ends at `at` starts.
fn separator_before(b: &[u8], at: usize) -> Option<usize> {
    match at.checked_sub(1).map(|p| b[p]) {
        Some(b' ') if at >= 2 && b[at - 2] == b'.' => Some(at - 2),
        Some(b' ') => Some(at - 1),
        _ => None,
    }
}

/// Where the one-letter word that ends at `end` starts: a letter with no
/// letter or digit before it.
fn single_before(text: &str, end: usize) -> Option<usize> {
    let c = text[..end].chars().next_back()?;
    let start = end - c.len_utf8();
    let alone = text[..start]
        .chars()
        .next_back()
        .is_none_or(|p| !p.is_alphanumeric());
    (c.is_alphabetic() && alone).then_some(start)
}

/// Where the one-letter word that starts at `at` ends: a letter with no
/// letter or digit after it.
fn single_after(text: &str, at: usize) -> Option<usize> {
    let c = text.get(at..)?.chars().next()?;
    let end = at + c.len_utf8();
    let alone = text[end..]
        .chars()
        .next()
        .is_none_or(|n| !n.is_alphanumeric());
    (c.is_alphabetic() && alone).then_some(end)
}

/// The spaces between the letters of every run of three or more
/// one-letter words, each a space from the next, whose letters joined
/// hold a one-word form (`is_form` of some stretch of them, of three
/// letters or more, read as the view reads a word), in order. Found from
/// the places [`middles`] finds.
pub fn spaced_letters(text: &str, is_form: impl Fn(&str) -> bool) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut done = 0;
    let mut letters: Vec<Range<usize>> = Vec::new();
    for s in middles(b) {
        // "is a big": a word of ASCII letters longer than one before the
        // space, which the bytes say before any character is decoded.
        let before = b[s - 1];
        if s < done
            || before.is_ascii()
                && (!before.is_ascii_alphabetic() || s >= 2 && b[s - 2].is_ascii_alphanumeric())
        {
            continue;
        }
        let Some(first) = single_before(text, s) else {
            continue;
        };
        let Some(next) = separator_after(b, s) else {
            continue;
        };
        let Some(end) = single_after(text, next) else {
            continue;
        };
        letters.clear();
        letters.push(first..s);
        // Back over the letters before, then on over those after.
        while let Some(p) = separator_before(b, letters[0].start)
            && let Some(start) = single_before(text, p)
        {
            letters.insert(0, start..p);
        }
        letters.push(next..end);
        let mut at = end;
        while let Some(next) = separator_after(b, at)
            && let Some(end) = single_after(text, next)
        {
            letters.push(next..end);
            at = end;
        }
        done = at;
        if letters.len() < LETTERS {
            continue;
        }
        let joined: String = letters.iter().map(|r| &text[r.clone()]).collect();
        let joined = super::canon(&joined);
        let holds = if joined.is_ascii() {
            let n = joined.len();
            (0..n).any(|a| (a + LETTERS..=n).any(|e| is_form(&joined[a..e])))
        } else {
            is_form(&joined)
        };
        if holds {
            out.extend(letters.windows(2).map(|w| w[0].end..w[1].start));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::spaced_letters;

    #[test]
    fn the_spaces_of_a_spelt_out_name() {
        let is_form = |w: &str| w == "fisher";
        assert_eq!(
            spaced_letters("Ask F i s h e r now", is_form),
            vec![5..6, 7..8, 9..10, 11..12, 13..14]
        );
        assert_eq!(spaced_letters("x f i s h e r y", is_form).len(), 7);
        for t in [
            "Ask F i s h now",
            "a b c d",
            "F is h e r",
            "Fi s h e r",
            "F  i s h e r",
        ] {
            assert!(spaced_letters(t, is_form).is_empty(), "{t}");
        }
        // Wherever the run stands against the 64-byte blocks looked at.
        for pad in 50..80 {
            let t = format!("{} F i s h e r", "w".repeat(pad));
            assert_eq!(spaced_letters(&t, is_form).len(), 5, "at {pad}");
        }
        // Initials with full stops and spaces.
        let is_form = |w: &str| w == "qhs";
        assert_eq!(
            spaced_letters("Met Q. H. S. today", is_form),
            vec![5..7, 8..10]
        );
        assert!(spaced_letters("The end. A b. C", is_form).is_empty());
        // Letters beyond ASCII, read as the view reads them.
        let is_form = |w: &str| w == "lukasz";
        assert_eq!(spaced_letters("Ł u k a s z", is_form).len(), 5);
    }
}
