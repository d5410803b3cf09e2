//! Characters as the view reads them: dashes, look-alike letters, and
//! letters folded to ASCII.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use crate::anonymize::secrets::is_invisible;

/// Hyphens and dashes of every kind (Unicode's Pd).
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'
            ..='\u{2015}'
                | '\u{2E3A}'
                | '\u{2E3B}'
                | '\u{FE58}'
                | '\u{FE63}'
                | '\u{FF0D}'
                | '\u{058A}'
                | '\u{05BE}'
                | '\u{1806}'
                | '\u{2212}'
    )
}

/// A letter of another script that looks like a Latin one (Cyrillic,
/// Greek, Armenian, Cherokee, Latin small capitals, IPA): that letter.
pub(super) fn lookalike(c: char) -> Option<u8> {
    let l = match c {
        'а' | 'А' | 'α' | 'Α' | 'ɑ' | 'ᴀ' => 'a',
        'В' | 'в' | 'Β' | 'β' | 'ʙ' => 'b',
        'С' | 'с' | 'ϲ' | 'Ϲ' | 'ᴄ' | 'Ꮯ' => 'c',
        'ԁ' | 'Ꭰ' | 'ᴅ' => 'd',
        'Е' | 'е' | 'Ё' | 'ё' | 'Ε' | 'ε' | 'ᴇ' | 'Ꭼ' => 'e',
        'Н' | 'н' | 'Η' | 'ʜ' | 'Ꮋ' => 'h',
        'І' | 'і' | 'Ї' | 'ї' | 'Ι' | 'ι' | 'ӏ' | 'Ӏ' | 'ɪ' | 'ɩ' => 'i',
        'Ј' | 'ј' | 'ϳ' | 'ᴊ' | 'Ꭻ' => 'j',
        'К' | 'к' | 'Κ' | 'κ' | 'ᴋ' | 'Ꮶ' => 'k',
        'М' | 'м' | 'Μ' | 'ᴍ' | 'Ꮇ' => 'm',
        'Ν' | 'ɴ' | 'ո' => 'n',
        'О' | 'о' | 'Ο' | 'ο' | 'σ' | 'օ' | 'Օ' | 'ᴏ' => 'o',
        'Р' | 'р' | 'Ρ' | 'ρ' | 'ᴘ' | 'Ꮲ' => 'p',
        'ԛ' | 'Ԛ' | 'զ' => 'q',
        'Ѕ' | 'ѕ' | 'ꜱ' | 'Ꮪ' => 's',
        'Т' | 'т' | 'Τ' | 'τ' | 'ᴛ' | 'Ꭲ' => 't',
        'υ' | 'ս' | 'ᴜ' => 'u',
        'ν' | 'ᴠ' | 'Ꮩ' => 'v',
        'Ԝ' | 'ԝ' | 'ω' | 'ɯ' | 'ᴡ' | 'Ꮃ' => 'w',
        'Х' | 'х' | 'Χ' | 'χ' => 'x',
        'У' | 'у' | 'Υ' | 'γ' | 'Ү' | 'ү' | 'ʏ' => 'y',
        'Ζ' | 'ᴢ' | 'Ꮓ' => 'z',
        _ => return None,
    };
    Some(l as u8)
}

/// A non-ASCII character folded to ASCII: compatibility-decomposed
/// (`Ｈ` → `H`, `ﬁ` → `fi`), marks dropped (`ë` → `e`), then
/// transliterated (`ß` → `ss`, `Ł` → `L`). Writes into `out`, returns the
/// length; a space stands for a break.
pub(super) fn fold_letter(c: char, out: &mut [u8; 16], lookalikes: bool) -> usize {
    let mut n = 0;
    let mut push = |s: &str, n: &mut usize| {
        for b in s.bytes() {
            if *n < out.len() {
                out[*n] = if b.is_ascii_alphanumeric() || b.is_ascii_punctuation() {
                    b
                } else {
                    b' '
                };
                *n += 1;
            }
        }
    };
    let mut parts = ['\0'; 18];
    let mut count = 0;
    decompose_compatible(c, |d| {
        if count < parts.len() {
            parts[count] = d;
            count += 1;
        }
    });
    for &d in &parts[..count] {
        if is_combining_mark(d) || is_invisible(d) {
            continue;
        }
        if d.is_ascii() {
            let mut buf = [0u8; 4];
            push(d.encode_utf8(&mut buf), &mut n);
        } else if let Some(l) = lookalike(d).filter(|_| lookalikes) {
            let s = [if d.is_uppercase() {
                l.to_ascii_uppercase()
            } else {
                l
            }];
            push(std::str::from_utf8(&s).unwrap_or(" "), &mut n);
        } else if matches!(d, 'ь' | 'Ь' | 'ъ' | 'Ъ') {
            // The soft and hard signs: nothing in most romanisations
            // (`Ольга` is "Olga").
        } else if let Some(s) = serbian(d) {
            push(s, &mut n);
        } else if let Some(s) = crate::anonymize::secrets::semitic(d) {
            push(s, &mut n);
        } else if d.is_alphanumeric() {
            push(deunicode::deunicode_char(d).unwrap_or(" "), &mut n);
        } else {
            // A symbol (`🙂`, `✅`, `°`) stands between words as a reader
            // sees it: its transliteration ("slightly smiling face", "deg")
            // would glue letters to a name (`Kowalski🙂`).
            push(" ", &mut n);
        }
    }
    n
}

/// Serbian letters as Serbian writes them in Latin letters, folded
/// (`Петровић` is "Petrović", `Ђорђе` "Đorđe" or "Djordje").
fn serbian(c: char) -> Option<&'static str> {
    Some(match c {
        'ћ' => "c",
        'Ћ' => "C",
        'ђ' => "dj",
        'Ђ' => "Dj",
        'џ' => "dz",
        'Џ' => "Dz",
        _ => return None,
    })
}
