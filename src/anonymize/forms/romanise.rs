//! The other ways a Cyrillic, Greek, Korean or Japanese name is written in
//! Latin letters.
//!
//! A name has no one romanisation: `Игорь Васильев` is "Igor Vasilyev" in
//! an English newspaper, "Igor Vasiliev" on a passport, "Igor' Vasil'ev"
//! to a linguist and "Igor Wassiljew" in German; `Χρήστος` is "Christos",
//! "Hristos" or "Khristos"; `Ђорђе Петровић` writes itself "Đorđe
//! Petrović" in Serbian's own Latin alphabet. A reader recognises every
//! one, so each is a form of the name. (The catch-all transliteration,
//! `deunicode`'s, is added by the builder itself.)
//!
//! Each system here is a whole, coherent way of writing (a name is written
//! in one system, not in a mix), so a name gives a handful of forms, not
//! one per combination of letters. Diacritics (`š`, `đ`) are left to the
//! forms' folding, which also yields their plain spellings (`s`, `d`).
//!
//! A Korean given name is written in Latin letters a syllable at a time,
//! `민준` as "Min-jun" or "Min Jun" as well as "Minjun"; the catch-all
//! transliteration runs Hangul syllables together, so each is also
//! written apart (Han characters it writes apart already: "Xiao Ming").

/// Given names from Arabic, each written in Latin letters in several
/// common ways: a record's `Mohammed` is the prose's `Mohamed` or
/// `Muhammad` (a CRM and an email signature seldom agree). Only spellings
/// of one name, and none that is an English word (`Said` of Saeed).
const ARABIC_SPELLINGS: &[&[&str]] = &[
    &[
        "mohammed", "muhammad", "mohamed", "mohammad", "muhammed", "mohamad",
    ],
    &["ahmed", "ahmad"],
    &["mahmoud", "mahmud", "mahmood"],
    &["mustafa", "mostafa", "moustafa"],
    &["youssef", "yousef", "yusuf", "yousif", "yusef"],
    &["abdullah", "abdallah", "abdulla"],
    &["hussein", "hussain", "husain", "husayn"],
    &["hassan", "hasan"],
    &["omar", "umar"],
    &["othman", "osman", "uthman"],
    &["khaled", "khalid"],
    &["saeed", "sayed", "saied"],
    &["fatima", "fatma", "fatimah"],
    &["aisha", "ayesha", "aysha", "aishah"],
    &["maryam", "mariam"],
    &["ibrahim", "ebrahim"],
    &["ismail", "ismael"],
    &["karim", "kareem"],
    &["rashid", "rasheed"],
    &["hamid", "hamed"],
    &["tariq", "tarek", "tareq", "tarik"],
    &["walid", "waleed"],
    &["zainab", "zaynab", "zeinab"],
    &["samir", "sameer"],
    &["amir", "ameer"],
    &["jamal", "gamal"],
    &["nasser", "naser", "nasir"],
    &["saleh", "salih"],
    &["suleiman", "sulaiman", "sulayman"],
    &["yahya", "yehia", "yahia"],
];

/// The other common spellings of `part` (folded, lower-case), where it is
/// one of the given names of [`ARABIC_SPELLINGS`].
pub fn spellings(part: &str) -> impl Iterator<Item = &'static str> + '_ {
    ARABIC_SPELLINGS
        .iter()
        .filter(move |group| group.contains(&part))
        .flat_map(move |group| group.iter().copied().filter(move |s| *s != part))
}

/// How `c`, a long vowel, is written as typed, on a passport, doubled.
///
/// A Japanese name's long vowels are written with a macron (`Satō`,
/// `Yūko`: Hepburn), and as often without: plainly (`Sato`, left to the
/// forms' folding), as typed (`Satou`, `Yuuko`), as a passport writes
/// them (`Satoh`) or doubled (`Satoo`); each column a whole way of writing
/// a name. Not a circumflex, which some Japanese systems use as well: in
/// French `Côté` it would make `coute`, a French word.
fn long_vowel(c: char) -> Option<[&'static str; 3]> {
    Some(match c {
        'ā' => ["aa", "a", "aa"],
        'ē' => ["ei", "e", "ee"],
        'ī' => ["ii", "i", "ii"],
        'ō' => ["ou", "oh", "oo"],
        'ū' => ["uu", "u", "uu"],
        _ => return None,
    })
}

/// The Cyrillic systems, as columns of [`cyrillic`]: English press
/// (BGN/PCGN without its apostrophes; and its softer common variant,
/// `Vasiliev`, `Yulia`: see [`write_with`]), passports (ICAO, since 2013),
/// the scholarly system (ISO 9, as Czech, Slovak, Croatian and Serbian
/// write), and German. (column, soft)
const CYRILLIC: [(usize, bool); 5] = [(0, false), (0, true), (1, false), (2, false), (3, false)];

/// The Greek systems, as columns of [`greek`]: ELOT 743 (passports, road
/// signs) and the spoken English one (`Hristos`, `Yiorgos`). (column,
/// spoken)
const GREEK: [(usize, bool); 2] = [(0, false), (1, true)];

/// The romanisations of `text`, when it holds Cyrillic or Greek letters
/// (other characters are kept as they are), Hangul syllables, or long
/// vowels written with a macron.
pub fn romanisations(text: &str) -> Vec<String> {
    if text.is_ascii() {
        return Vec::new();
    }
    let lower = text.to_lowercase();
    if lower.chars().any(hangul) {
        return vec![syllables_apart(&lower)];
    }
    if lower.chars().any(|c| long_vowel(c).is_some()) {
        return (0..3)
            .map(|system| {
                lower
                    .chars()
                    .map(|c| long_vowel(c).map_or_else(|| c.to_string(), |v| v[system].to_string()))
                    .collect()
            })
            .collect();
    }
    let cyrillic = lower.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    let greek = lower
        .chars()
        .any(|c| ('\u{370}'..='\u{3ff}').contains(&c) || ('\u{1f00}'..='\u{1fff}').contains(&c));
    let written: Vec<String> = if cyrillic {
        CYRILLIC
            .iter()
            .map(|&(system, soft)| write_with(system, soft, &lower))
            .collect()
    } else if greek {
        GREEK
            .iter()
            .map(|&(system, spoken)| greek_with(system, spoken, &lower))
            .collect()
    } else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for r in written {
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// A precomposed Hangul syllable.
fn hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// `text` with each Hangul syllable read by the catch-all transliteration
/// and a space after it (`min jun` of `민준`); other characters as they
/// are.
fn syllables_apart(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match deunicode::deunicode_char(c) {
            Some(latin) if hangul(c) => {
                out.push_str(latin.trim());
                out.push(' ');
            }
            _ => out.push(c),
        }
    }
    out.trim_end().to_string()
}

/// `text` (lower case) written with column `system` of [`cyrillic`],
/// letter by letter. The `y`/`j` glide of `е` and `ё` is written only where
/// it is heard: at a word's start and after a vowel or a soft or hard sign
/// ("Yelena", "Vasilyev", but "Pelevin"). `soft`: the soft sign is written
/// `i` and no glide follows it or `и` (`Vasiliev`, `Yulia`, `Natalia`).
fn write_with(system: usize, soft: bool, text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if soft && c == 'ь' {
            out.push('i');
            prev = Some(c);
            continue;
        }
        match cyrillic(c) {
            Some(letters) => {
                let s = letters[system];
                let glide = matches!(c, 'е' | 'ё');
                let after_vowel =
                    prev.is_none_or(|p| !p.is_alphabetic() || "аеёиоуыэюяіїєъь".contains(p));
                let after_i = soft && matches!(prev, Some('и' | 'ь'));
                if (glide && !after_vowel) || after_i {
                    out.push_str(s.trim_start_matches(['y', 'j']));
                } else {
                    out.push_str(s);
                }
            }
            None => out.push(c),
        }
        prev = Some(c);
    }
    out
}

/// Greek: a few pairs of letters are one sound (`ου`, `αυ`, `γγ`, `μπ`).
/// `spoken`: as English speakers write it (`μπ` at a word's start is `b`,
/// `αι` is `e`, `γ` before `ι`, `ε`, `η` is `y`).
fn greek_with(system: usize, spoken: bool, text: &str) -> String {
    let strip = |c: char| match c {
        'ά' => 'α',
        'έ' => 'ε',
        'ή' => 'η',
        'ί' | 'ϊ' | 'ΐ' => 'ι',
        'ό' => 'ο',
        'ύ' | 'ϋ' | 'ΰ' => 'υ',
        'ώ' => 'ω',
        'ς' => 'σ',
        c => c,
    };
    let chars: Vec<char> = text.chars().map(strip).collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let (c, next) = (chars[i], chars.get(i + 1).copied());
        let pair = match (c, next) {
            ('ο', Some('υ')) => Some("ou"),
            ('α', Some('υ')) => Some("av"),
            ('ε', Some('υ')) => Some("ev"),
            ('γ', Some('γ')) => Some("ng"),
            ('μ', Some('π')) if spoken && (i == 0 || !chars[i - 1].is_alphabetic()) => Some("b"),
            ('α', Some('ι')) if spoken => Some("e"),
            ('ο', Some('ι')) if spoken => Some("i"),
            ('ε', Some('ι')) if spoken => Some("i"),
            // `Γιώργος`: "Yiorgos" as it is said.
            ('γ', Some('ι' | 'ε' | 'η')) if spoken => Some("y"),
            _ => None,
        };
        match pair {
            // "y" stands for the gamma alone; the vowel is written next.
            Some("y") => {
                out.push('y');
                i += 1;
            }
            Some(p) => {
                out.push_str(p);
                i += 2;
            }
            None => {
                match greek(c) {
                    Some(letters) => out.push_str(letters[system]),
                    None => out.push(c),
                }
                i += 1;
            }
        }
    }
    out
}

/// A Cyrillic letter in each system: English press, passports, scholarly,
/// German.
fn cyrillic(c: char) -> Option<[&'static str; 4]> {
    Some(match c {
        'в' => ["v", "v", "v", "w"],
        'е' => ["ye", "e", "e", "je"],
        'ё' => ["yo", "e", "e", "jo"],
        'є' => ["ye", "ie", "je", "je"],
        'ї' => ["yi", "i", "ji", "ji"],
        'ж' => ["zh", "zh", "ž", "sch"],
        'й' => ["y", "i", "j", "j"],
        'х' => ["kh", "kh", "h", "ch"],
        'ц' => ["ts", "ts", "c", "z"],
        'ч' => ["ch", "ch", "č", "tsch"],
        'ш' => ["sh", "sh", "š", "sch"],
        'щ' => ["shch", "shch", "šč", "schtsch"],
        'ю' => ["yu", "iu", "ju", "ju"],
        'я' => ["ya", "ia", "ja", "ja"],
        'ђ' => ["dj", "dj", "đ", "dj"],
        'ћ' => ["c", "c", "ć", "tsch"],
        'џ' => ["dz", "dz", "dž", "dsch"],
        // Written alike by all four.
        c => {
            [match c {
                'а' => "a",
                'б' => "b",
                'г' | 'ґ' => "g",
                'д' => "d",
                'з' => "z",
                'и' | 'і' => "i",
                'к' => "k",
                'л' => "l",
                'м' => "m",
                'н' => "n",
                'о' => "o",
                'п' => "p",
                'р' => "r",
                'с' => "s",
                'т' => "t",
                'у' => "u",
                'ф' => "f",
                'ы' => "y",
                'э' => "e",
                'ъ' | 'ь' => "",
                'ј' => "j",
                'љ' => "lj",
                'њ' => "nj",
                _ => return None,
            }; 4]
        }
    })
}

/// A Greek letter (without its accent) in each system: ELOT 743, spoken.
fn greek(c: char) -> Option<[&'static str; 2]> {
    Some(match c {
        'υ' => ["y", "i"],
        'χ' => ["ch", "h"],
        // Written alike by both.
        c => {
            [match c {
                'α' => "a",
                'β' => "v",
                'γ' => "g",
                'δ' => "d",
                'ε' => "e",
                'ζ' => "z",
                'η' | 'ι' => "i",
                'θ' => "th",
                'κ' => "k",
                'λ' => "l",
                'μ' => "m",
                'ν' => "n",
                'ξ' => "x",
                'ο' | 'ω' => "o",
                'π' => "p",
                'ρ' => "r",
                'σ' => "s",
                'τ' => "t",
                'φ' => "f",
                'ψ' => "ps",
                _ => return None,
            }; 2]
        }
    })
}

#[cfg(test)]
mod tests {
    use super::romanisations;

    fn has(name: &str, written: &str) -> bool {
        romanisations(name).iter().any(|r| r == written)
    }

    #[test]
    fn cyrillic_names_as_each_system_writes_them() {
        assert!(has("Игорь Васильев", "igor vasilyev"));
        assert!(has("Игорь Васильев", "igor vasilev"));
        assert!(has("Игорь Васильев", "igori vasiliev"));
        assert!(has("Юлия", "yulia"));
        assert!(has("Игорь Васильев", "igor wassiljew") || has("Игорь Васильев", "igor wasiljew"));
        assert!(has("Наталья", "natalya"));
        assert!(has("Наталья", "natalia"));
        assert!(has("Юлия", "yuliya"));
        assert!(has("Юлия", "iuliia"));
        assert!(has("Ярослав Шевченко", "yaroslav shevchenko"));
        assert!(has("Ярослав Шевченко", "jaroslav ševčenko"));
        assert!(has("Ђорђе Петровић", "đorđe petrović"));
        assert!(has("Ђорђе Петровић", "djordje petrovic"));
        assert!(has("Елена", "yelena"));
        assert!(has("Пелевин", "pelevin"));
    }

    #[test]
    fn greek_names_as_each_system_writes_them() {
        assert!(has("Χρήστος Χατζής", "christos chatzis"));
        assert!(has("Χρήστος Χατζής", "hristos hatzis"));
        assert!(has("Γιώργος Παπαδόπουλος", "yiorgos papadopoulos"));
        assert!(has("Γιώργος", "giorgos"));
    }

    #[test]
    fn korean_syllables_apart() {
        assert!(has("민준", "min jun"));
        assert!(has("김민준", "gim min jun"));
    }

    #[test]
    fn latin_names_have_none() {
        assert!(romanisations("Dana Whitfield").is_empty());
    }
}
