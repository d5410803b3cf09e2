//! Taking a phrase out of a sentence, or putting a new one in, so that the
//! sentence still reads: a dropped date or amount takes the space before it
//! (or, at a sentence start, the comma after it, and the next word gets the
//! capital); "a"/"an" agree with the word that now follows them.

use std::ops::Range;

/// A replacement: source range and new text.
pub type Edit = (Range<usize>, String);

/// Does a sentence start at `at` (nothing but Markdown markers, quotes or
/// an opening parenthesis since the last `.`, `!`, `?` or line)? After a
/// colon English goes on in lower case.
pub fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| {
        c == ' ' || c == '\t' || matches!(c, '*' | '_' | '~' | '`' | '"' | '“' | '„' | '(' | '[')
    });
    match before.chars().next_back() {
        None | Some('\n' | '.' | '!' | '?') => true,
        Some('-' | '+' | '>' | '#' | '|') => {
            let line = before.rsplit('\n').next().unwrap_or(before);
            line.trim()
                .chars()
                .all(|c| matches!(c, '-' | '+' | '>' | '#' | '|' | ' '))
        }
        Some(c) if c.is_ascii_digit() => {
            // `1. ` list items.
            let line = before.rsplit('\n').next().unwrap_or(before).trim();
            line.chars().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// `s` with its first letter in upper case.
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Whether the first letter of `s` is upper case.
pub fn starts_upper(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

/// The edit that takes `range` out of `text` as a phrase.
pub fn remove(text: &str, range: Range<usize>) -> Edit {
    let (mut start, mut end) = (range.start, range.end);
    // A phrase that fills a pair of parentheses takes them with it.
    if text[..start].ends_with('(') && text[end..].starts_with(')') {
        start -= 1;
        end += 1;
    }
    let after = &text[end..];
    if sentence_start(text, start) {
        // "On the 29th, the client called." → "The client called."
        let rest = after.trim_start_matches([',', ';']);
        let rest = rest.trim_start_matches([' ', '\t']);
        let skip = after.len() - rest.len();
        return match rest.chars().next() {
            Some(c) if c.is_lowercase() && !rest.starts_with("i ") => {
                let n = c.len_utf8();
                (start..end + skip + n, capitalised(&rest[..n]))
            }
            _ => (start..end + skip, String::new()),
        };
    }
    let before = &text[..start];
    let trimmed = before.trim_end_matches([' ', '\t']);
    // "the client, on the 29th, called" → "the client called"; "a, b;"
    // → "a;".
    if trimmed.ends_with(',') && after.starts_with([',', ';', '.', ')', ':']) {
        let keep = usize::from(!after.starts_with(','));
        return (trimmed.len() - 1..end + 1 - keep, String::new());
    }
    (trimmed.len()..end, String::new())
}

/// "a" or "an" before `word` (as it is said: "an 8", "a €", "an under").
pub fn article(word: &str) -> &'static str {
    let w = word.trim_start_matches(['*', '_', '"', '“', '(']);
    let lower = w.to_lowercase();
    let first = lower.chars().next().unwrap_or('x');
    if first.is_ascii_digit() {
        // "an 8…", "an 11,000", "an 18-month": eight, eleven, eighteen.
        let lead: String = w.chars().take_while(char::is_ascii_digit).collect();
        let an = first == '8'
            || ((lead == "11" || lead == "18") && !w[2..].starts_with(char::is_numeric));
        return if an { "an" } else { "a" };
    }
    // Upper-case abbreviations are spelled out: "an EUR", "an MRR", "a USD".
    let letters: String = w.chars().take_while(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.chars().all(char::is_uppercase) {
        return if "AEFHILMNORSX".contains(first.to_ascii_uppercase()) {
            "an"
        } else {
            "a"
        };
    }
    let vowel = matches!(first, 'a' | 'e' | 'i' | 'o' | 'u');
    let you = ["uni", "use", "usu", "eu", "one", "once", "ut"]
        .iter()
        .any(|p| lower.starts_with(p));
    let silent_h = ["hour", "honest", "honour", "honor"]
        .iter()
        .any(|p| lower.starts_with(p));
    if (vowel && !you) || silent_h {
        "an"
    } else {
        "a"
    }
}

/// The article ("a"/"an", any case) that ends `before`, with its range.
pub fn article_before(text: &str, at: usize) -> Option<Range<usize>> {
    let before = text[..at].trim_end_matches([' ', '\t']);
    if before.len() == text[..at].len() {
        return None;
    }
    let word_start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &before[word_start..];
    matches!(word, "a" | "an" | "A" | "An").then_some(word_start..before.len())
}

/// `article` in the case of `like` ("A" at a sentence start).
pub fn article_like(like: &str, word: &str) -> String {
    let a = article(word);
    if starts_upper(like) {
        capitalised(a)
    } else {
        a.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, (r, s): Edit) -> String {
        format!("{}{}{}", &text[..r.start], s, &text[r.end..])
    }

    fn drop(text: &str, phrase: &str) -> String {
        let at = text.find(phrase).unwrap();
        apply(text, remove(text, at..at + phrase.len()))
    }

    #[test]
    fn removing_a_phrase_keeps_the_sentence() {
        assert_eq!(
            drop("The client called on the 29th.", "on the 29th"),
            "The client called."
        );
        assert_eq!(
            drop("On the 29th, the client called.", "On the 29th"),
            "The client called."
        );
        assert_eq!(
            drop("Done. On the 29th the client called.", "On the 29th"),
            "Done. The client called."
        );
        assert_eq!(
            drop("the client, on the 29th, called", "on the 29th"),
            "the client called"
        );
        assert_eq!(
            drop("We refunded 65% (US$2,340).", "US$2,340"),
            "We refunded 65%."
        );
        assert_eq!(drop("- On the 3rd, we met.", "On the 3rd"), "- We met.");
    }

    #[test]
    fn articles() {
        assert_eq!(article("upgrade"), "an");
        assert_eq!(article("refund"), "a");
        assert_eq!(article("800"), "an");
        assert_eq!(article("11,000"), "an");
        assert_eq!(article("110,000"), "a");
        assert_eq!(article("$1,000–5,000"), "a");
        assert_eq!(article("EUR"), "an");
        assert_eq!(article("USD"), "a");
        assert_eq!(article("under"), "an");
        assert_eq!(article("hour"), "an");
        assert_eq!(article("user"), "a");
        assert_eq!(article_before("got an $800 invoice", 7), Some(4..6));
        assert_eq!(article_before("got $800", 4), None);
    }
}
