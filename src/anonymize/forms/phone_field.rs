//! A `phone` field as people fill it in: not always one clean number.
//!
//! Records are written by hand and pasted from CRMs: `+44 20 7946 0018
//! (office)`, `+353 87 123 4567 / +353 86 765 4321`, `087 123 4567 or 01
//! 234 5678`, digits typed on a Japanese keyboard (`０８７`). Each number
//! in the field is a secret; the note beside it is not part of any.

use unicode_normalization::UnicodeNormalization;

use crate::anonymize::secrets::ascii_digit;

/// The numbers written in a `phone` field, each with ASCII digits and
/// without the words beside it (an extension stays: the parser sets it
/// apart).
pub fn numbers_in(field: &str) -> Vec<String> {
    let text: String = field.nfkc().map(|c| ascii_digit(c).unwrap_or(c)).collect();
    let mut out = Vec::new();
    for piece in split(&text) {
        let piece = without_notes(piece);
        if piece.chars().filter(char::is_ascii_digit).count() >= 5 {
            out.push(piece);
        }
    }
    out
}

/// The numbers of a `phone` field written with letters (`+1 800 FLOWERS`):
/// each as written (without its `+`) and in digits (`+1 800 3569377`).
/// Only a field piece whose digits and letters add up to a phone number's
/// length is one; extra forms from a note misread (`087 123 4567 home`)
/// cost nothing.
pub fn vanity_in(field: &str) -> Vec<(String, String)> {
    let text: String = field.nfkc().collect();
    let mut out = Vec::new();
    for piece in split(&text) {
        let piece = piece.trim();
        let letters = piece.chars().filter(char::is_ascii_alphabetic).count();
        let digits = piece.chars().filter(char::is_ascii_digit).count();
        let first_letter = piece.find(|c: char| c.is_ascii_alphabetic());
        let digit_first =
            first_letter.is_some_and(|i| piece[..i].contains(|c: char| c.is_ascii_digit()));
        let plain = piece
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '+' | '-' | '.' | '(' | ')'));
        if letters >= 3 && digit_first && plain && (7..=15).contains(&(letters + digits)) {
            let dialled: String = piece.chars().map(keypad).collect();
            out.push((piece.trim_start_matches('+').to_string(), dialled));
        }
    }
    out
}

/// A letter as the digit of its key on a phone's keypad.
fn keypad(c: char) -> char {
    match c.to_ascii_lowercase() {
        'a'..='c' => '2',
        'd'..='f' => '3',
        'g'..='i' => '4',
        'j'..='l' => '5',
        'm'..='o' => '6',
        'p'..='s' => '7',
        't'..='v' => '8',
        'w'..='z' => '9',
        _ => c,
    }
}

/// The field cut where one number ends and another begins: at a comma,
/// semicolon, bar or line break, at a slash with spaces around it (a slash
/// between digits is a separator inside German numbers, `089/1234567`),
/// and at a word such as "or".
fn split(text: &str) -> Vec<&str> {
    const WORDS: [&str; 7] = [" or ", " oder ", " ou ", " lub ", " albo ", " o ", " of "];
    let mut pieces = vec![text];
    for sep in [",", ";", "|", "\n", " / "].iter().chain(WORDS.iter()) {
        pieces = pieces.into_iter().flat_map(|p| split_ci(p, sep)).collect();
    }
    pieces
}

/// `text` split at `sep`, in any letter case.
fn split_ci<'t>(text: &'t str, sep: &str) -> Vec<&'t str> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut at = 0;
    for (i, _) in lower.match_indices(sep) {
        out.push(&text[at..i]);
        at = i + sep.len();
    }
    out.push(&text[at..]);
    out
}

/// A number without the notes beside it: brackets that hold no digit
/// (`(office)`, `[mobile]`), and words after its last digit (`mobile`,
/// `Büro`).
fn without_notes(piece: &str) -> String {
    let mut out = String::with_capacity(piece.len());
    let mut depth_start: Option<usize> = None;
    for (i, c) in piece.char_indices() {
        match c {
            '(' | '[' if depth_start.is_none() => depth_start = Some(i),
            ')' | ']' if depth_start.is_some() => {
                let start = depth_start.take().unwrap_or(i);
                let inner = &piece[start..=i];
                if inner.chars().any(|c| c.is_ascii_digit()) {
                    out.push_str(inner);
                }
            }
            _ if depth_start.is_some() => {}
            c => out.push(c),
        }
    }
    if let Some(start) = depth_start {
        out.push_str(&piece[start..]);
    }
    // An extension's word comes before its digits: after the last digit
    // there is only a note.
    let last_digit = out.rfind(|c: char| c.is_ascii_digit()).map_or(0, |i| i + 1);
    out.truncate(last_digit);
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::numbers_in;

    #[test]
    fn every_number_of_a_field_without_its_notes() {
        assert_eq!(
            numbers_in("+44 113 496 0552, +44 7700 900123"),
            ["+44 113 496 0552", "+44 7700 900123"]
        );
        assert_eq!(
            numbers_in("+353 87 123 4567 / +353 86 765 4321"),
            ["+353 87 123 4567", "+353 86 765 4321"]
        );
        assert_eq!(
            numbers_in("+353 87 123 4567 (mobile) or 01 234 5678 [home]"),
            ["+353 87 123 4567", "01 234 5678"]
        );
        assert_eq!(numbers_in("+44 20 7946 0018 office"), ["+44 20 7946 0018"]);
        assert_eq!(numbers_in("+44 (0)20 7946 0018"), ["+44 (0)20 7946 0018"]);
        assert_eq!(numbers_in("089/1234567"), ["089/1234567"]);
        assert_eq!(
            numbers_in("087 123 4567 ext. 204"),
            ["087 123 4567 ext. 204"]
        );
        assert_eq!(
            numbers_in("＋３５３ ８７ １２３ ４５６７"),
            ["+353 87 123 4567"]
        );
        assert_eq!(numbers_in("٠٨٧١٢٣٤٥٦٧"), ["0871234567"]);
    }

    #[test]
    fn numbers_written_with_letters() {
        assert_eq!(
            super::vanity_in("+1 800 FLOWERS"),
            [("1 800 FLOWERS".to_string(), "+1 800 3569377".to_string())]
        );
        assert!(super::vanity_in("+353 87 123 4567 (mobile)").is_empty());
        assert!(super::vanity_in("+44 20 7946 0018").is_empty());
    }
}
