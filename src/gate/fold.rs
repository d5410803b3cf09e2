//! The gate's folding of one character to the ASCII it reads as, and what
//! that took (a look-alike letter, a compatibility form, a diacritic).
//!
//! Written apart from the scrubber's reading on purpose: a character that
//! one of them folds wrongly is still caught by the other.

use std::cell::RefCell;

use unicode_normalization::UnicodeNormalization;

use crate::gate::reveal::Reveal;

/// A character as the gate reads it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Folded {
    /// ASCII bytes: lower-case letters, digits, punctuation; `b' '` a soft
    /// break (a space or a dash). Empty: the character vanishes (an
    /// invisible one) and the letters either side join.
    pub bytes: [u8; 8],
    pub len: u8,
    pub upper: bool,
    pub how: Reveal,
}

impl Folded {
    pub fn as_slice(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

thread_local! {
    /// A direct-mapped cache of folded characters: a page uses few.
    static CACHE: RefCell<Vec<(char, Folded)>> = RefCell::new(vec![('\0', Folded::default()); 512]);
}

/// Fold a non-ASCII character.
pub fn fold(c: char) -> Folded {
    CACHE.with(|cache| {
        let slot = c as usize % 512;
        if let Ok(cache) = cache.try_borrow()
            && cache[slot].0 == c
        {
            return cache[slot].1;
        }
        let f = fold_uncached(c);
        if let Ok(mut cache) = cache.try_borrow_mut() {
            cache[slot] = (c, f);
        }
        f
    })
}

/// Characters that hide between letters: zero-width spaces and joiners,
/// soft hyphens, word joiners, bidirectional marks, variation selectors,
/// tag characters, the byte-order mark.
/// Which kind of script `c` belongs to, where that changes how a name
/// stands in it: `Some(Joined)` where words are written without spaces or
/// take their endings joined (Chinese, Japanese, Korean, Thai, Lao, Khmer,
/// Burmese), `Some(Prefixed)` where little words join the next one
/// (Arabic, Hebrew). (The gate's own table: not the scrubber's.)
pub fn script(c: char) -> Option<Script> {
    const JOINED: [(u32, u32); 12] = [
        (0x0E00, 0x0EFF),
        (0x1000, 0x109F),
        (0x1100, 0x11FF),
        (0x1780, 0x17FF),
        (0x3040, 0x30FF),
        (0x3130, 0x318F),
        (0x31F0, 0x31FF),
        (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0xAC00, 0xD7AF),
        (0xF900, 0xFAFF),
        (0x20000, 0x2FFFF),
    ];
    const PREFIXED: [(u32, u32); 5] = [
        (0x0590, 0x05FF),
        (0x0600, 0x06FF),
        (0x0750, 0x077F),
        (0xFB1D, 0xFDFF),
        (0xFE70, 0xFEFF),
    ];
    let u = u32::from(c);
    if JOINED.iter().any(|&(a, b)| (a..=b).contains(&u)) {
        Some(Script::Joined)
    } else if PREFIXED.iter().any(|&(a, b)| (a..=b).contains(&u)) {
        Some(Script::Prefixed)
    } else {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Joined,
    Prefixed,
}

pub fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{E0000}'..='\u{E0FFF}' | '\u{1D173}'..='\u{1D17A}')
}

/// Dashes and minus signs of every kind.
pub fn dash(c: char) -> bool {
    matches!(
        c,
        '\u{058A}' | '\u{05BE}' | '\u{1400}' | '\u{1806}' | '\u{2010}'
            ..='\u{2015}'
                | '\u{2043}'
                | '\u{207B}'
                | '\u{208B}'
                | '\u{2212}'
                | '\u{2E17}'
                | '\u{2E1A}'
                | '\u{2E3A}'
                | '\u{2E3B}'
                | '\u{2E40}'
                | '\u{301C}'
                | '\u{3030}'
                | '\u{30A0}'
                | '\u{FE31}'
                | '\u{FE32}'
                | '\u{FE58}'
                | '\u{FE63}'
                | '\u{FF0D}'
    )
}

/// Letters of other scripts that a reader takes for Latin ones (Cyrillic,
/// Greek, Armenian, Cherokee, Latin small capitals and IPA): the Latin
/// letter, lower-case.
fn lookalike(c: char) -> Option<u8> {
    let l = match c {
        'А' | 'а' | 'Α' | 'α' | 'ɑ' | 'ᴀ' => 'a',
        'В' | 'в' | 'Β' | 'β' | 'ʙ' | 'Ь' | 'ь' => 'b',
        'С' | 'с' | 'Ϲ' | 'ϲ' | 'ᴄ' | 'Ꮯ' => 'c',
        'ԁ' | 'Ꭰ' | 'ᴅ' => 'd',
        'Е' | 'е' | 'Ё' | 'ё' | 'Ε' | 'ε' | 'ᴇ' | 'Ꭼ' | 'Є' | 'є' => 'e',
        'ғ' => 'f',
        'ɡ' | 'ɢ' | 'Ԍ' | 'ԍ' => 'g',
        'Н' | 'н' | 'Η' | 'һ' | 'ʜ' | 'Ꮋ' => 'h',
        'І' | 'і' | 'Ї' | 'ї' | 'Ι' | 'ι' | 'ɪ' | 'Ӏ' | 'ӏ' | 'ı' | 'ɩ' => 'i',
        'Ј' | 'ј' | 'ϳ' | 'ᴊ' | 'Ꭻ' => 'j',
        'К' | 'к' | 'Κ' | 'κ' | 'ᴋ' | 'Ꮶ' => 'k',
        'ʟ' | 'Ꮮ' => 'l',
        'М' | 'м' | 'Μ' | 'ᴍ' | 'Ꮇ' => 'm',
        'Ν' | 'ɴ' | 'ո' => 'n',
        'О' | 'о' | 'Ο' | 'ο' | 'σ' | 'օ' | 'ᴏ' | 'Օ' => 'o',
        'Р' | 'р' | 'Ρ' | 'ρ' | 'ᴘ' | 'Ꮲ' => 'p',
        'Ԛ' | 'ԛ' | 'զ' => 'q',
        'ʀ' | 'Ꭱ' | 'г' => 'r',
        'Ѕ' | 'ѕ' | 'ꜱ' | 'Ꮪ' => 's',
        'Т' | 'т' | 'Τ' | 'τ' | 'ᴛ' | 'Ꭲ' => 't',
        'υ' | 'ս' | 'ᴜ' => 'u',
        'ν' | 'ѵ' | 'Ѵ' | 'ᴠ' | 'Ꮩ' => 'v',
        'Ԝ' | 'ԝ' | 'ω' | 'ɯ' | 'ᴡ' | 'Ꮃ' => 'w',
        'Х' | 'х' | 'Χ' | 'χ' => 'x',
        'У' | 'у' | 'Υ' | 'γ' | 'Ү' | 'ү' | 'ʏ' => 'y',
        'Ζ' | 'ᴢ' | 'Ꮓ' => 'z',
        _ => return None,
    };
    Some(l as u8)
}

/// Is `c` a letter of a script whose letters the look-alike table reads
/// differently from a transliteration (`Р` is "p" to the eye, "r" to a
/// transliterator)? Files holding one are read both ways.
pub fn ambiguous(c: char) -> bool {
    matches!(c, '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{052F}') && lookalike(c).is_some()
}

/// Fold `c` by transliteration alone (no look-alike table): the second
/// reading of a file with Cyrillic or Greek letters.
pub fn transliterate(c: char) -> Folded {
    let mut f = Folded {
        upper: c.is_uppercase(),
        ..Folded::default()
    };
    // The soft and hard signs are written as nothing in most
    // romanisations (`Ольга` is "Olga"), an apostrophe in a few.
    if matches!(c, 'ь' | 'Ь' | 'ъ' | 'Ъ') {
        return f;
    }
    // Serbian writes `ћ` as `ć` and `ђ` as `đ` (or `dj`) in Latin letters.
    let serbian = match c {
        'ћ' | 'Ћ' => Some("c"),
        'ђ' | 'Ђ' => Some("dj"),
        _ => None,
    };
    if let Some(s) = serbian {
        push_str(&mut f, s);
        return f;
    }
    let s = deunicode::deunicode_char(c).unwrap_or(" ");
    push_str(&mut f, s);
    f
}

fn fold_uncached(c: char) -> Folded {
    let mut f = Folded::default();
    if invisible(c) {
        f.how = Reveal::INVISIBLE;
        return f;
    }
    if c.is_whitespace() || dash(c) {
        push_str(&mut f, " ");
        return f;
    }
    f.upper = c.is_uppercase();
    if let Some(l) = lookalike(c) {
        f.bytes[0] = l;
        f.len = 1;
        f.how = Reveal::LOOKALIKE;
        return f;
    }
    // Compatibility forms (full-width, ligatures, mathematical letters),
    // then diacritics dropped.
    let nfkd: Vec<char> = std::iter::once(c).nfkd().collect();
    if nfkd.len() != 1 || nfkd[0] != c {
        let compat = std::iter::once(c).nfd().collect::<Vec<char>>() != nfkd;
        f.how = if compat {
            Reveal::COMPAT
        } else {
            Reveal::DIACRITIC
        };
    }
    for d in nfkd {
        if unicode_normalization::char::is_combining_mark(d) || invisible(d) {
            f.how |= Reveal::DIACRITIC;
            continue;
        }
        if d.is_ascii() {
            push_str(&mut f, d.encode_utf8(&mut [0; 4]));
            continue;
        }
        if let Some(l) = lookalike(d) {
            f.how |= Reveal::LOOKALIKE;
            push_str(&mut f, std::str::from_utf8(&[l]).unwrap_or(" "));
            continue;
        }
        let s = match d {
            'ß' | 'ẞ' => "ss",
            'Æ' | 'æ' => "ae",
            'Œ' | 'œ' => "oe",
            'Ø' | 'ø' => "o",
            'Ł' | 'ł' => "l",
            'Đ' | 'đ' | 'Ð' | 'ð' => "d",
            'Þ' | 'þ' => "th",
            'Ħ' | 'ħ' => "h",
            'Ŋ' | 'ŋ' => "n",
            '’' | '‘' | '‚' | '‛' | 'ʼ' | '′' => "'",
            // Dots of other kinds, between digits: `087·123·4567`.
            '·' | '•' | '∙' | '⋅' | '‧' | '・' | '･' | '●' => ".",
            '“' | '”' | '„' | '‟' | '″' | '«' | '»' => "\"",
            // Arabic and Hebrew letters the transliteration table writes
            // as marks, drops or capitalises: letters, the way the secret
            // set writes them (`علي` is `aly`, `יעל` is `yal`).
            '\u{0627}' | '\u{0623}' | '\u{0625}' | '\u{0622}' | '\u{0649}' | '\u{0639}'
            | '\u{05D0}' | '\u{05E2}' => "a",
            '\u{0621}' => "",
            '\u{0624}' => "w",
            '\u{0626}' => "y",
            '\u{0629}' | '\u{062D}' => "h",
            '\u{0635}' => "s",
            '\u{0636}' => "d",
            '\u{0637}' => "t",
            '\u{0638}' => "z",
            '\u{063A}' => "gh",
            _ => deunicode::deunicode_char(d).unwrap_or(" "),
        };
        if d.is_alphabetic() {
            f.how |= Reveal::DIACRITIC;
        }
        push_str(&mut f, s);
    }
    f
}

fn push_str(f: &mut Folded, s: &str) {
    for b in s.bytes() {
        if usize::from(f.len) >= f.bytes.len() {
            return;
        }
        let b = match b {
            b'A'..=b'Z' => b.to_ascii_lowercase(),
            b if b.is_ascii_alphanumeric() || b.is_ascii_punctuation() => b,
            _ => b' ',
        };
        f.bytes[usize::from(f.len)] = b;
        f.len += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(c: char) -> String {
        String::from_utf8(fold(c).as_slice().to_vec()).unwrap()
    }

    #[test]
    fn folds() {
        assert_eq!(s('ë'), "e");
        assert_eq!(s('ß'), "ss");
        assert_eq!(s('Ł'), "l");
        assert!(fold('Ł').upper);
        assert_eq!(s('Ｈ'), "h");
        assert_eq!(s('ﬁ'), "fi");
        assert_eq!(s('𝐇'), "h");
        assert_eq!(s('Р'), "p");
        assert_eq!(s('а'), "a");
        assert_eq!(s('\u{200B}'), "");
        assert_eq!(s('–'), " ");
        assert_eq!(s('\u{2009}'), " ");
        assert_eq!(s('’'), "'");
        assert!(fold('Р').how.contains(Reveal::LOOKALIKE));
        assert_eq!(
            String::from_utf8(transliterate('Р').as_slice().to_vec()).unwrap(),
            "r"
        );
        // `Ольга` is "Olga": the soft sign is written as nothing.
        let olga: Vec<u8> = "Ольга"
            .chars()
            .flat_map(|c| transliterate(c).as_slice().to_vec())
            .collect();
        assert_eq!(olga, b"olga");
    }
}
