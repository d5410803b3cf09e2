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
    // Most words are folded already.
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        out.push_str(word);
        return;
    }
    if word.is_ascii() {
        out.extend(
            word.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return;
    }
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
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if is_space(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut ascii = true;
        while i < bytes.len() && !is_space(bytes[i]) {
            ascii &= bytes[i] < 0x80;
            i += 1;
        }
        if ascii {
            ascii_words(text, start, i, &mut each);
        } else {
            // The whitespace before, where a mark may belong: spaces stay
            // together (and a mark after them joins them all).
            let mut from = start;
            while from > 0 && bytes[from - 1] == b' ' {
                from -= 1;
            }
            if from == start {
                from = start.saturating_sub(1);
            }
            for (at, w) in text[from..i].unicode_word_indices() {
                each(from + at, w);
            }
        }
    }
}

/// ASCII whitespace, where no word goes on.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// The words of `text[start..end]`, ASCII without whitespace, by UAX #29:
/// runs of letters, digits and `_`, a run going on over one `:` `.` `'`
/// between two letters, or one `,` `;` `.` `'` between two digits; a run
/// without a letter or digit is not a word.
fn ascii_words<'a>(text: &'a str, start: usize, end: usize, each: &mut impl FnMut(usize, &'a str)) {
    let b = text.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = start;
    while i < end {
        if !word(b[i]) {
            i += 1;
            continue;
        }
        let from = i;
        loop {
            while i < end && word(b[i]) {
                i += 1;
            }
            if i + 1 < end && word(b[i + 1]) {
                let (before, mid, after) = (b[i - 1], b[i], b[i + 1]);
                let letters = before.is_ascii_alphabetic()
                    && after.is_ascii_alphabetic()
                    && matches!(mid, b':' | b'.' | b'\'');
                let digits = before.is_ascii_digit()
                    && after.is_ascii_digit()
                    && matches!(mid, b',' | b';' | b'.' | b'\'');
                if letters || digits {
                    i += 1;
                    continue;
                }
            }
            break;
        }
        if b[from..i].iter().any(u8::is_ascii_alphanumeric) {
            each(from, &text[from..i]);
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
