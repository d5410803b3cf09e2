//! Words as search sees them: Unicode word segmentation (UAX #29), then
//! folding (canonical decomposition, marks removed, lowercase, the few
//! letters that do not decompose spelled out), so that `zakończeniu`,
//! `Zakonczeniu` and `ZAKOŃCZENIU` are one word, and `Müller` is found as
//! `muller`.
//!
//! The search script does the same to the query with `Intl.Segmenter` and
//! `String.prototype.normalize`; both sides follow the same Unicode rules,
//! and the list of stop words is shipped to it in the index, so the two can
//! not drift apart.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// Words too common to be worth indexing alone (English, Polish, German),
/// folded. They are in pairs of words, so `"leave the door open"` and
/// `"as soon as you can"` match as phrases.
pub const STOP_WORDS: &[&str] = &[
    // English
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "did", "do", "does",
    "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into", "is", "it",
    "its", "me", "my", "of", "on", "or", "our", "she", "so", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "to", "us", "was", "we", "were", "what",
    "when", "where", "which", "who", "will", "with", "would", "you", "your", // Polish
    "ale", "by", "czy", "dla", "go", "jak", "jest", "jego", "jej", "jesli", "juz", "lub", "na",
    "nie", "o", "od", "oraz", "po", "przez", "sa", "sie", "ta", "tak", "te", "ten", "to", "w", "z",
    "za", "ze", // German
    "auch", "auf", "aus", "bei", "das", "dass", "dem", "den", "der", "des", "die", "ein", "eine",
    "einen", "einer", "er", "es", "fur", "ich", "im", "ist", "mit", "nicht", "noch", "oder",
    "sich", "sie", "sind", "und", "von", "wie", "wir", "zu", "zum", "zur",
];

/// Words a question is made of (how, should, what…) but not about: a
/// query leaves them out when it has other words, so that "how do I
/// refund a customer" ranks by *refund* and *customer*. Folded; English
/// and Polish. Unlike stop words they are indexed, and found when alone.
pub const FILLERS: &[&str] = &[
    // English
    "how",
    "why",
    "should",
    "could",
    "shall",
    "must",
    "might",
    "ive",
    "am",
    "best",
    "way",
    "ways",
    "please",
    "someone",
    "something",
    "anything",
    "any",
    "good",
    "right",
    "need",
    "want", // Polish
    "co",
    "kiedy",
    "dlaczego",
    "gdzie",
    "ktory",
    "ktora",
    "ktore",
    "powinienem",
    "powinnam",
    "powinnismy",
    "powinien",
    "mam",
    "mamy",
    "moge",
    "mozemy",
    "nalezy",
    "trzeba",
    "zrobic",
    "ja",
];

pub fn is_stop_word(word: &str) -> bool {
    static SET: std::sync::OnceLock<ahash::AHashSet<&str>> = std::sync::OnceLock::new();
    // Every stop word is short; most words are not.
    word.len() <= 6
        && SET
            .get_or_init(|| STOP_WORDS.iter().copied().collect())
            .contains(word)
}

/// Fold one word: decompose, drop marks, lowercase, spell out `ł ß æ ø œ …`,
/// keep letters and digits only (`don't` → `dont`, `3,000` → `3000`).
///
/// ```
/// use exitbook::search::text::fold;
/// assert_eq!(fold("Zakończeniu"), "zakonczeniu");
/// assert_eq!(fold("Łódź"), "lodz");
/// assert_eq!(fold("Straße"), "strasse");
/// assert_eq!(fold("client’s"), "clients");
/// ```
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// [`fold`] into a buffer, which is cleared first.
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    fold_append(word, out);
}

/// [`fold`] onto the end of `out`.
pub fn fold_append(word: &str, out: &mut String) {
    // Most words are ASCII: one pass, a table lookup a byte.
    let start = out.len();
    for &b in word.as_bytes() {
        match FOLD[usize::from(b)] {
            0 => {}
            NOT_ASCII => {
                out.truncate(start);
                return fold_unicode(word, out);
            }
            c => out.push(char::from(c)),
        }
    }
}

/// [`FOLD`] of a byte that is not ASCII.
const NOT_ASCII: u8 = 0xff;

/// What [`fold_append`] makes of each byte: an ASCII letter lowercased, a
/// digit as it is, `0` for anything else ASCII (dropped), [`NOT_ASCII`].
const FOLD: [u8; 256] = {
    let mut t = [NOT_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            0
        };
        b += 1;
    }
    t
};

/// [`fold_append`] of a word that is not all ASCII.
fn fold_unicode(word: &str, out: &mut String) {
    let stripped: String = word.nfd().filter(|&c| !is_combining_mark(c)).collect();
    for c in stripped.to_lowercase().chars() {
        match c {
            'ł' => out.push('l'),
            'đ' | 'ð' => out.push('d'),
            'ø' => out.push('o'),
            'ħ' => out.push('h'),
            'ı' => out.push('i'),
            'ŧ' => out.push('t'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'þ' => out.push_str("th"),
            c if c.is_alphanumeric() => out.push(c),
            _ => {}
        }
    }
}

/// The folded words of `text`, in order.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut out = Vec::new();
    word_indices(text, |_, w| {
        let f = fold(w);
        if !f.is_empty() {
            out.push(f);
        }
    });
    out.into_iter()
}

/// Call `each` with every folded word of `text`, in order, without
/// allocating a string per word.
pub fn each_word(text: &str, mut each: impl FnMut(&str)) {
    let mut buf = String::new();
    word_indices(text, |_, w| {
        fold_into(w, &mut buf);
        if !buf.is_empty() {
            each(&buf);
        }
    });
}

/// Call `each` with every word of `text` and where it starts, exactly as
/// Unicode word segmentation gives them
/// ([`UnicodeSegmentation::unicode_word_indices`], UAX #29), faster: most
/// text is ASCII, and the rules for ASCII are short. Words never span
/// ASCII whitespace, so the text is cut there into chunks: a chunk of
/// ASCII alone is split by the rules below, any other by the Unicode
/// segmenter, given the whitespace before it (a combining mark after
/// spaces belongs to them). The segmenter was a quarter of the index's
/// build.
pub fn word_indices<'a>(text: &'a str, mut each: impl FnMut(usize, &'a str)) {
    word_spans(text, |at, w, _| each(at, w));
}

/// What folding a word takes, as [`word_spans`] found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    /// Nothing: ASCII lowercase letters and digits (most words).
    Folded,
    /// Lowercasing: ASCII letters and digits.
    Cased,
    /// [`fold`].
    Other,
}

/// Fold `word`, whose form is `form`, onto the end of `out`.
pub(super) fn fold_form(word: &str, form: Form, out: &mut String) {
    match form {
        Form::Folded => out.push_str(word),
        Form::Cased => {
            let start = out.len();
            out.push_str(word);
            out[start..].make_ascii_lowercase();
        }
        Form::Other => fold_append(word, out),
    }
}

/// [`word_indices`], also telling of each word what folding it takes, so
/// that most words are not read again to be folded.
pub(super) fn word_spans<'a>(text: &'a str, mut each: impl FnMut(usize, &'a str, Form)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    // ASCII up to the chunk of the next character that is not, read by
    // the rules for ASCII (whitespace joins no words), then that chunk by
    // the segmenter.
    while i < bytes.len() {
        let Some(high) = next_high(bytes, i) else {
            ascii_words(text, i, &mut each);
            return;
        };
        let mut start = high;
        while start > i && class(bytes[start - 1]) & SPACE == 0 {
            start -= 1;
        }
        let mut end = high;
        while end < bytes.len() && class(bytes[end]) & SPACE == 0 {
            end += 1;
        }
        ascii_words(&text[..start], i, &mut each);
        // The whitespace before, where a mark may belong: spaces stay
        // together (and a mark after them joins them all).
        let mut from = start;
        while from > 0 && bytes[from - 1] == b' ' {
            from -= 1;
        }
        if from == start {
            from = start.saturating_sub(1);
        }
        for (at, w) in text[from..end].unicode_word_indices() {
            each(from + at, w, Form::Other);
        }
        i = end;
    }
}

/// Where the first byte from `from` on that is not ASCII is, eight bytes
/// at a time.
fn next_high(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    for chunk in bytes[from..].chunks_exact(8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if u64::from_le_bytes(word) & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        at += 8;
    }
    bytes[at..].iter().position(|&b| b >= 0x80).map(|p| at + p)
}

/// What a byte is to [`word_spans`], as bits: ASCII whitespace (where no
/// word goes on), a lowercase letter, an uppercase one, a digit, `_`, a
/// mark that joins two letters (`:` `.` `'`), one that joins two digits
/// (`,` `;` `.` `'`), a byte of a character that is not ASCII. A table:
/// most of the index's build is reading text, a byte at a time.
const SPACE: u8 = 1;
const LOWER: u8 = 2;
const UPPER: u8 = 4;
const DIGIT: u8 = 8;
const UNDERSCORE: u8 = 16;
const JOINS_LETTERS: u8 = 32;
const JOINS_DIGITS: u8 = 64;
const HIGH: u8 = 128;
const LETTER: u8 = LOWER | UPPER;
/// What a word is made of.
const WORD: u8 = LETTER | DIGIT | UNDERSCORE;

const CLASSES: [u8; 256] = {
    let mut t = [HIGH; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = match c {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => SPACE,
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            b'0'..=b'9' => DIGIT,
            b'_' => UNDERSCORE,
            b':' => JOINS_LETTERS,
            b'.' | b'\'' => JOINS_LETTERS | JOINS_DIGITS,
            b',' | b';' => JOINS_DIGITS,
            _ => 0,
        };
        b += 1;
    }
    t
};

fn class(b: u8) -> u8 {
    CLASSES[usize::from(b)]
}

/// The words of `text[start..]`, ASCII, by UAX #29: runs of letters,
/// digits and `_`, a run going on over one `:` `.` `'` between two
/// letters, or one `,` `;` `.` `'` between two digits; a run without a
/// letter or digit is not a word. Whitespace is in no word.
fn ascii_words<'a>(text: &'a str, start: usize, each: &mut impl FnMut(usize, &'a str, Form)) {
    let b = text.as_bytes();
    let mut i = start;
    while i < b.len() {
        if class(b[i]) & WORD == 0 {
            i += 1;
            continue;
        }
        let from = i;
        let mut seen = 0;
        loop {
            while i < b.len() {
                let c = class(b[i]);
                if c & WORD == 0 {
                    break;
                }
                seen |= c;
                i += 1;
            }
            if i > from && i + 1 < b.len() {
                let (before, mid, after) = (class(b[i - 1]), class(b[i]), class(b[i + 1]));
                let letters =
                    before & LETTER != 0 && after & LETTER != 0 && mid & JOINS_LETTERS != 0;
                let digits = before & after & DIGIT != 0 && mid & JOINS_DIGITS != 0;
                if letters || digits {
                    seen |= mid;
                    i += 1;
                    continue;
                }
            }
            break;
        }
        if seen & (LETTER | DIGIT) != 0 {
            let form = if seen & !(LOWER | DIGIT) == 0 {
                Form::Folded
            } else if seen & !(LETTER | DIGIT) == 0 {
                Form::Cased
            } else {
                Form::Other
            };
            each(from, &text[from..i], form);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_and_folds() {
        let w: Vec<String> =
            words("Don't panic: the client’s 3,000 leaflets — ZAKOŃCZENIE, Straße.").collect();
        assert_eq!(
            w,
            [
                "dont",
                "panic",
                "the",
                "clients",
                "3000",
                "leaflets",
                "zakonczenie",
                "strasse"
            ]
        );
    }

    #[test]
    fn ascii_words_join_over_the_right_marks() {
        let text = "3;4 a:b e.g. x_y v2.0 1.2.3 don't' a..b 7,5, _ __a a;b 3:4 a'1";
        let mut fast = Vec::new();
        word_indices(text, |at, w| fast.push((at, w)));
        let slow: Vec<(usize, &str)> = text.unicode_word_indices().collect();
        assert_eq!(fast, slow);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]
        #[test]
        fn words_are_cut_as_the_unicode_segmenter_cuts_them(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "B", "z", "0", "7", "_", ":", ".", "'", ",", ";", "-", "!", "(", " ", "  ",
                "\n", "\t", "\r\n", "\u{b}", "\u{c}", "’", "é", "e\u{301}", "\u{301}", "\u{93f}",
                "\u{915}", "\u{200d}", "👍", "中", "·", "\u{a0}", "\u{ad}", "ǅ", "٣",
            ]), 0..40)
        ) {
            let text: String = parts.concat();
            let mut fast = Vec::new();
            word_indices(&text, |at, w| fast.push((at, w)));
            let slow: Vec<(usize, &str)> = text.unicode_word_indices().collect();
            proptest::prop_assert_eq!(fast, slow, "{:?}", text);
        }
    }

    #[test]
    fn stop_words_are_folded_and_sorted_out() {
        for w in STOP_WORDS {
            assert_eq!(fold(w), *w, "stop words are written folded");
        }
        assert!(STOP_WORDS.iter().all(|w| is_stop_word(w)));
        for w in FILLERS {
            assert_eq!(fold(w), *w, "fillers are written folded");
            assert!(!is_stop_word(w), "{w} is a stop word already");
        }
        assert!(is_stop_word("the") && is_stop_word("sie") && !is_stop_word("refund"));
    }
}
