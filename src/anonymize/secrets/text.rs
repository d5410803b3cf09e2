//! Text helpers of the secret set: folding, languages that inflect names,
//! name stems, phone digits and registrable domains. No matching here.

/// Languages whose pages inflect names (`Kowalskiego`, `Annie`).
pub const INFLECTING: &[&str] = &[
    "pl", "cs", "sk", "sl", "hr", "sr", "ru", "uk", "lt", "lv", "fi", "et", "hu",
];

/// Whether pages in `lang` inflect names.
pub fn inflects(lang: &str) -> bool {
    let base = lang.split(['-', '_']).next().unwrap_or(lang);
    INFLECTING.iter().any(|l| l.eq_ignore_ascii_case(base))
}

/// The stem of a name part for its inflected forms: four letters or more,
/// less a final vowel (`Anna` → `ann`, `Kowalski` → `kowalsk`).
pub fn stem_of(part: &str) -> Option<&str> {
    if part.len() < 4 || !part.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    Some(
        part.strip_suffix(['a', 'e', 'i', 'o', 'u', 'y'])
            .unwrap_or(part),
    )
}

/// Whether a name part (folded) is read with its endings on every page,
/// whatever the page's language: a Slavic surname by its ending
/// (`kowalski`, `zielinska`, `janowicz`, `shevchenko`). A Polish record on
/// a site in English writes it declined ("Wrzesińskiej zależało"), and no
/// English word starts with such a stem, so reading it so costs no
/// everyday word.
pub fn inflects_everywhere(part: &str) -> bool {
    const ENDINGS: [&str; 11] = [
        "ski", "ska", "cki", "cka", "wicz", "czyk", "czak", "czuk", "chuk", "enko", "ova",
    ];
    part.len() >= 6
        && part.bytes().all(|b| b.is_ascii_lowercase())
        && ENDINGS.iter().any(|e| part.ends_with(e))
}

/// A word of a name of several words, for its inflected forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stem {
    /// The word less a final vowel (`drukarnia` → `drukarni`, `sowa` →
    /// `sow`), or the word itself when it is shorter than three letters.
    pub text: String,
    /// A short word: found only as it is.
    pub exact: bool,
}

/// The stems of a folded name of two words or more (split at spaces and
/// hyphens), every word of letters only; none for any other name.
pub fn phrase_stems(name: &str) -> Option<Vec<Stem>> {
    let words: Vec<&str> = name.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    if words.len() < 2
        || !words
            .iter()
            .all(|w| w.bytes().all(|b| b.is_ascii_lowercase()))
    {
        return None;
    }
    Some(
        words
            .iter()
            .map(|w| {
                if w.len() < 3 {
                    return Stem {
                        text: (*w).to_string(),
                        exact: true,
                    };
                }
                let stem = w.strip_suffix(['a', 'e', 'i', 'o', 'u', 'y']).unwrap_or(w);
                Stem {
                    text: stem.to_string(),
                    exact: false,
                }
            })
            .collect(),
    )
}

/// Fold text for comparison: lowercase ASCII transliteration, invisible
/// characters dropped, whitespace collapsed to single spaces. One pass, with
/// a fast path for ASCII: this runs over every byte the site publishes.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let push = |c: char, out: &mut String, space: &mut bool| {
        if c.is_whitespace() {
            *space = true;
        } else {
            if *space && !out.is_empty() {
                out.push(' ');
            }
            *space = false;
            out.push(c.to_ascii_lowercase());
        }
    };
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii() {
            if c.is_ascii_whitespace() {
                space = true;
            } else {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c.to_ascii_lowercase() as char);
            }
            i += 1;
            continue;
        }
        let ch = text[i..].chars().next().unwrap_or(' ');
        i += ch.len_utf8();
        if is_invisible(ch) {
            continue;
        }
        if ch.is_whitespace() {
            space = true;
            continue;
        }
        let t = semitic(ch)
            .or_else(|| deunicode::deunicode_char(ch))
            .unwrap_or("");
        for t in t.chars() {
            push(t, &mut out, &mut space);
        }
    }
    out
}

/// Arabic and Hebrew letters that the transliteration table writes as
/// marks (`ع` as a backtick, `א` as an apostrophe), drops (alef) or writes
/// in upper case (`ح` as `H`): as letters, so that `علي` (Ali), `عمر`
/// (Omar) and `יעל` (Yael) are names of three letters, not one or two.
pub fn semitic(c: char) -> Option<&'static str> {
    Some(match c {
        // (`أ`, `إ`, `آ` are alef and a mark: what the readers' own
        // decomposition leaves of them.)
        'ا' | 'أ' | 'إ' | 'آ' | 'ى' | 'ع' | 'א' | 'ע' => "a",
        'ء' => "",
        'ؤ' => "w",
        'ئ' => "y",
        'ة' | 'ح' => "h",
        'ص' => "s",
        'ض' => "d",
        'ط' => "t",
        'ظ' => "z",
        'غ' => "gh",
        _ => return None,
    })
}

/// A slug or a path segment as searchable text: the view reads `-`, `_`
/// and `.` as breaks between words, and words run together as the joined
/// forms of names, so the segment is its own searchable text.
pub fn slug_text(segment: &str) -> String {
    segment.to_string()
}

/// Zero-width and formatting characters that hide a name from a plain search.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
            | '\u{034F}'
            | '\u{180E}'
            // Tag characters: an emoji flag's, invisible anywhere else.
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// A decimal digit of any common script (full-width, Arabic-Indic,
/// Devanagari, Thai…) as its ASCII digit.
pub fn ascii_digit(c: char) -> Option<char> {
    const ZEROS: [u32; 17] = [
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
        0x0D66, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0xFF10,
    ];
    let u = c as u32;
    if u < ZEROS[0] {
        return None;
    }
    ZEROS
        .iter()
        .find(|&&z| (z..z + 10).contains(&u))
        .and_then(|&z| char::from_digit(u - z, 10))
}

/// A dot of another kind than `.` (a middle dot, a bullet, a full-width
/// stop), as people put between a phone number's digits: `087·123·4567`.
pub fn is_dot_like(c: char) -> bool {
    matches!(c, '·' | '•' | '∙' | '⋅' | '‧' | '・' | '･' | '●' | '．')
}

/// `text` with every space and dash of any kind as an ASCII space (how the
/// phone-number library wants a number's separators).
pub fn spaced(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_whitespace() || crate::anonymize::view::is_dash(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The digits of a phone number.
pub fn digits_of(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// A domain's registrable domain and label by the public suffix list
/// (private suffixes included): `harborfreight.com` → `harborfreight`,
/// `quillfeather.co.uk` → `quillfeather`, `drukarniasowa.waw.pl` →
/// `drukarniasowa`, `acme.github.io` → `acme`.
pub fn registrable(domain: &str) -> Option<(String, String)> {
    let d = domain.trim().trim_end_matches('.').to_lowercase();
    let d = d.strip_prefix("www.").unwrap_or(&d);
    if !d.contains('.') {
        return None;
    }
    let reg = psl::domain_str(d)?;
    let label = reg.split('.').next()?.to_string();
    Some((reg.to_string(), label))
}

/// Values that stand where a real one will go: what `exitbook new case`
/// writes (`Client Name Ltd`, `Firstname Lastname`) and the usual markers
/// (`TODO`, `TBD`). They name nobody, so they are no secret: protecting them
/// would replace every "surname" in the chapters, or refuse a stylesheet
/// with a `.when-todo` class, as soon as a draft is started.
pub fn is_placeholder(value: &str) -> bool {
    const PLACEHOLDERS: &[&str] = &[
        "client name ltd",
        "client name",
        "firstname lastname",
        "firstname surname",
        "todo",
        "tbd",
        "tba",
        "fixme",
        "xxx",
        "n/a",
        "unknown",
        "?",
        "-",
        "...",
    ];
    let v = fold(value.trim());
    v.is_empty() || PLACEHOLDERS.contains(&v.as_str())
}

/// Is `text` written in a script whose words stand without spaces (Han,
/// kana, Thai, Lao, Khmer, Myanmar) or take their endings joined (Hangul:
/// `김민수가`, the name and a particle)? Every letter of it must be.
/// A name in such a script is found wherever it stands in that script
/// ([`crate::anonymize::secrets::Form::free`]).
pub fn unspaced(text: &str) -> bool {
    all_of(text, unspaced_char)
}

/// Is `c` a letter of a script whose words stand without spaces or take
/// their endings joined ([`unspaced`])?
pub fn unspaced_char(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF // Hangul
        | 0x3040..=0x30FF | 0x31F0..=0x31FF // kana
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF // Han
    )
}

/// Is `c` an Arabic or Hebrew letter or mark ([`prefixing`])?
pub fn prefixing_char(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x05FF | 0xFB1D..=0xFB4F // Hebrew
        | 0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF // Arabic
    )
}

/// Every letter of `text` (spaces, `-`, `·`, `・` and joiners aside) is
/// one that `is` holds, and there is one.
fn all_of(text: &str, is: fn(char) -> bool) -> bool {
    let mut any = false;
    for c in text.chars() {
        if c.is_whitespace() || matches!(c, '-' | '·' | '・' | '\u{200C}') {
            continue;
        }
        if !is(c) {
            return false;
        }
        any = true;
    }
    any
}

/// Is `text` written in Arabic or Hebrew letters? Those scripts join a
/// conjunction, a preposition or the article to the word after it
/// (`ومحمد`, "and Muhammad"; `לדוד`, "to David"): a name in them is found
/// in that script with letters joined before it
/// ([`crate::anonymize::secrets::Form::after_prefix`]).
pub fn prefixing(text: &str) -> bool {
    all_of(text, prefixing_char)
}
