//! Words written with marks inside them (`Blue-fin`, `drukarnia-sowa`,
//! `Blue.fin`, `Kow_alski`): a reader sees the name in them, and a search
//! index joins them into one word (`bluefin`), as Unicode's word rules join
//! letters over `.`, `'`, `’`, `:` and `_`, and as it joins hyphenated
//! words. The view reads these marks as breaks, where a name's words may
//! stand apart; a word that is a one-word form only without its marks is
//! found by reading the text again with those marks left out
//! ([`super::view_joining`]).

use std::ops::Range;

use super::canon;

/// A mark in ASCII that may stand inside a word: `-` `_` `.` `'` `:`.
#[inline]
pub(super) fn ascii_mark(b: u8) -> bool {
    matches!(b, b'-' | b'_' | b'.' | b'\'' | b':')
}

/// A mark beyond ASCII that may stand inside a word: the hyphen and
/// non-breaking hyphen (U+2010, U+2011), `’`, the middle dot and
/// hyphenation point (U+00B7, U+2027), a narrow no-break space (U+202F,
/// which Unicode's word rules read as joining letters).
#[inline]
pub(super) fn wide_mark(c: char) -> bool {
    matches!(
        c,
        '\u{2010}' | '\u{2011}' | '\u{2019}' | '\u{00B7}' | '\u{2027}' | '\u{202F}'
    )
}

/// The length of the mark at `i` ([`ascii_mark`], [`wide_mark`]), if one
/// is there.
#[inline]
fn mark_at(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes()[i];
    if ascii_mark(b) {
        return Some(1);
    }
    let c = text[i..].chars().next()?;
    wide_mark(c).then(|| c.len_utf8())
}

#[inline]
fn alnum_before(text: &str, i: usize) -> bool {
    match text.as_bytes()[..i].last() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric),
    }
}

#[inline]
fn alnum_after(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[i..].chars().next().is_some_and(char::is_alphanumeric),
    }
}

/// Where the word around the mark at `m` starts: back over letters and
/// digits, and over single marks between them.
fn word_start(text: &str, m: usize) -> usize {
    let b = text.as_bytes();
    let mut at = m;
    while at > 0 {
        let last = b[at - 1];
        if last.is_ascii_alphanumeric() {
            at -= 1;
            continue;
        }
        let Some(c) = text[..at].chars().next_back() else {
            break;
        };
        let before = at - c.len_utf8();
        if c.is_alphanumeric()
            || mark_at(text, before).is_some()
                && alnum_before(text, before)
                && !ending(text, before, c.len_utf8())
        {
            at = before;
            continue;
        }
        break;
    }
    at
}

/// Where the word around the ASCII mark at `m` starts, as [`word_start`]
/// finds it where the word is ASCII (and, where it is not, somewhere in
/// it: a start for [`first_three`], which then says `None`).
fn ascii_word_start(text: &str, m: usize) -> usize {
    let b = text.as_bytes();
    let mut at = m;
    while at > 0 {
        let last = b[at - 1];
        if last.is_ascii_alphanumeric()
            || at >= 2
                && ascii_mark(last)
                && b[at - 2].is_ascii_alphanumeric()
                && !ending(text, at - 1, 1)
        {
            at -= 1;
        } else {
            break;
        }
    }
    // A letter beyond ASCII before: the word is read the slow way.
    if at > 0 && b[at - 1] >= 0x80 {
        at - 1
    } else {
        at
    }
}

/// Is the mark at `at` (`n` bytes) an apostrophe before a word's ending
/// (`Blue-fin’s`, `don't`, `we're`)? A possessive or a contraction, not a
/// mark inside a word.
#[inline]
fn ending(text: &str, at: usize, n: usize) -> bool {
    if !matches!(&text[at..at + n], "'" | "\u{2019}") {
        return false;
    }
    let rest = &text.as_bytes()[at + n..];
    let len = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    len <= 2
        && !alnum_after(text, at + n + len)
        && matches!(
            rest[..len].to_ascii_lowercase().as_slice(),
            b"s" | b"t" | b"re" | b"ve" | b"ll" | b"d" | b"m"
        )
}

/// Where the ASCII word going on at `at` ends (letters, digits, and
/// marks between them): past a word passed over, its other marks are not
/// looked at again.
fn word_end(b: &[u8], mut at: usize) -> usize {
    while at < b.len() {
        if b[at].is_ascii_alphanumeric()
            || ascii_mark(b[at]) && at + 1 < b.len() && b[at + 1].is_ascii_alphanumeric()
        {
            at += 1;
        } else {
            break;
        }
    }
    at
}

/// The first three letters or digits of the word at `start`, in lower
/// case, over the marks between them (`0` for none, where the word is
/// shorter); `None` where one is not ASCII.
fn first_three(b: &[u8], start: usize) -> Option<[u8; 3]> {
    let mut first = [0u8; 3];
    let mut n = 0;
    let mut at = start;
    while n < 3 && at < b.len() {
        let c = b[at];
        if c.is_ascii_alphanumeric() {
            first[n] = c.to_ascii_lowercase();
            n += 1;
        } else if !c.is_ascii() {
            return None;
        } else if ascii_mark(c) && at + 1 < b.len() {
            match b[at + 1] {
                n if n.is_ascii_alphanumeric() => {}
                n if !n.is_ascii() => return None,
                _ => break,
            }
        } else {
            break;
        }
        at += 1;
    }
    Some(first)
}

/// The marks of the words of `text` that, with their marks left out, are
/// one-word forms (`is_form` of the word's letters as the view reads
/// them): the marks of `Blue-fin`, of `bluefin`. Empty for most texts.
/// `marks_at` are where the view met a mark after a letter or digit
/// ([`super::View::marks`]): only the words around them are read, each
/// once.
///
/// `may_start` is asked first, with a word's first three letters or digits
/// joined and in lower case (`0` for none, where the word is shorter), and
/// only where they are ASCII: a word no form starts so is not read whole
/// (most words with a hyphen in them, `follow-up`, `go-live`).
pub fn joined_words(
    text: &str,
    marks_at: &[u32],
    may_start: impl Fn([u8; 3]) -> bool,
    is_form: impl Fn(&str) -> bool,
) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut joined = String::new();
    let mut marks: Vec<Range<usize>> = Vec::new();
    // Where the last word read ended: a mark inside it was read with it.
    let mut done = 0;
    let mut consider = |m: usize, done: &mut usize| {
        if m < *done || m == 0 {
            return;
        }
        // Most marks stand between ASCII bytes: a sentence's full stop, a
        // word's hyphen. What is no mark between two letters or digits
        // goes at once.
        let (before, after) = (b[m - 1], b.get(m + 1).copied().unwrap_or(b' '));
        if b[m] < 0x80 && before < 0x80 && after < 0x80 {
            if !(before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric()) {
                return;
            }
            if matches!(b[m], b'\'') && ending(text, m, 1) {
                return;
            }
            let start = ascii_word_start(text, m);
            if let Some(first) = first_three(b, start)
                && !may_start(first)
            {
                *done = word_end(b, m + 1);
                return;
            }
        }
        let Some(len) = mark_at(text, m) else {
            return;
        };
        if !(alnum_before(text, m) && alnum_after(text, m + len)) || ending(text, m, len) {
            return;
        }
        let start = word_start(text, m);
        if let Some(first) = first_three(b, start)
            && !may_start(first)
        {
            *done = word_end(b, m + len);
            return;
        }
        // The whole word, its letters joined.
        joined.clear();
        marks.clear();
        let mut at = start;
        let mut ascii = true;
        while let Some(&byte) = b.get(at) {
            if byte.is_ascii_alphanumeric() {
                joined.push(char::from(byte.to_ascii_lowercase()));
                at += 1;
                continue;
            }
            let c = if byte.is_ascii() {
                char::from(byte)
            } else {
                text[at..].chars().next().unwrap_or(' ')
            };
            if c.is_alphanumeric() {
                ascii = false;
                joined.push(c);
                at += c.len_utf8();
            } else if let Some(n) = mark_at(text, at)
                && alnum_before(text, at)
                && alnum_after(text, at + n)
                && !ending(text, at, n)
            {
                marks.push(at..at + n);
                at += n;
            } else {
                break;
            }
        }
        *done = at;
        let hit = !marks.is_empty()
            && if ascii {
                is_form(&joined)
            } else {
                is_form(&canon(&joined))
            };
        if hit {
            out.append(&mut marks);
        }
    };
    // Where the view noted a mark after a letter or digit: in the order
    // it read them (the attributes of inline tags after the text).
    let mut at: Vec<u32> = marks_at.to_vec();
    at.sort_unstable();
    for m in at {
        consider(m as usize, &mut done);
    }
    out.sort_unstable_by_key(|r| r.start);
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::joined_words;

    fn marks_of<'a>(text: &'a str, forms: &[&str]) -> Vec<&'a str> {
        let view = super::super::view(text, super::super::Blind::default());
        joined_words(
            text,
            &view.marks,
            |first| forms.iter().any(|f| f.as_bytes()[..3] == first),
            |w| forms.contains(&w),
        )
        .into_iter()
        .map(|r| &text[r])
        .collect()
    }

    #[test]
    fn finds_the_marks_of_a_word_that_is_a_form_joined() {
        let forms = ["bluefin", "drukarniasowa", "kowalski", "qhs"];
        assert_eq!(marks_of("The Blue-fin deal.", &forms), ["-"]);
        assert_eq!(
            marks_of("drukarnia-sowa, Kow_al.ski", &forms),
            ["-", "_", "."]
        );
        assert_eq!(marks_of("Blue\u{2011}fin’s", &forms), ["\u{2011}"]);
        assert_eq!(marks_of("Blue\u{202F}fin", &forms), ["\u{202F}"]);
        assert_eq!(marks_of("Q.H.S. signed", &forms), [".", "."]);
        assert_eq!(marks_of("Kówal-ski", &forms), ["-"]);
        assert_eq!(marks_of("Ko-ẃalski", &forms), ["-"]);
        // Not a form joined, or not joined at all.
        assert!(marks_of("a long-term blue-fin-tuna, e.g. Blue fin.", &forms).is_empty());
        assert!(marks_of("Blue- fin, Blue -fin, -bluefin-", &forms).is_empty());
    }
}
