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
/// the text's spaces: most texts have none such, and pay a look at the
/// bytes around each space.
pub fn spaced_letters(text: &str, is_form: impl Fn(&str) -> bool) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut done = 0;
    let mut letters: Vec<Range<usize>> = Vec::new();
    for s in memchr::memchr_iter(b' ', b) {
        // Most spaces follow a word of ASCII letters longer than one: the
        // bytes say so before any character is decoded.
        let before = b.get(s.wrapping_sub(1)).copied().unwrap_or(b' ');
        if s < done
            || before.is_ascii()
                && (!before.is_ascii_alphabetic() || s >= 2 && b[s - 2].is_ascii_alphanumeric())
        {
            continue;
        }
        let (Some(first), Some(end)) = (single_before(text, s), single_after(text, s + 1)) else {
            continue;
        };
        letters.clear();
        letters.push(first..s);
        // Back over the letters before, then on over those after.
        while let Some(p) = letters[0].start.checked_sub(1)
            && b[p] == b' '
            && let Some(start) = single_before(text, p)
        {
            letters.insert(0, start..p);
        }
        letters.push(s + 1..end);
        let mut at = end;
        while b.get(at) == Some(&b' ')
            && let Some(end) = single_after(text, at + 1)
        {
            letters.push(at + 1..end);
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
        // Letters beyond ASCII, read as the view reads them.
        let is_form = |w: &str| w == "lukasz";
        assert_eq!(spaced_letters("Ł u k a s z", is_form).len(), 5);
    }
}
