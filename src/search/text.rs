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
    static SORTED: std::sync::OnceLock<Vec<&str>> = std::sync::OnceLock::new();
    // Every stop word is short; most words are not.
    word.len() <= 6
        && SORTED
            .get_or_init(|| {
                let mut v = STOP_WORDS.to_vec();
                v.sort_unstable();
                v
            })
            .binary_search(&word)
            .is_ok()
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
    text.unicode_words().map(fold).filter(|w| !w.is_empty())
}

/// Call `each` with every folded word of `text`, in order, without
/// allocating a string per word.
pub fn each_word(text: &str, mut each: impl FnMut(&str)) {
    let mut buf = String::new();
    for w in text.unicode_words() {
        fold_into(w, &mut buf);
        if !buf.is_empty() {
            each(&buf);
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
