//! A Chinese or Korean name in Latin letters, surname and all.
//!
//! A surname of one syllable (`王`, `김`) is no part of its own: "Wang",
//! "Kim", "Lee", "Park" are too common words (see `syllable_parts`). With
//! the given name beside it, in either order, it is the name: `王小明` is
//! "Wang Xiaoming" or "Xiaoming Wang", `김민준` is "Kim Min-jun" or "Minjun
//! Kim" — else a page read "Kim the Analyst". Korean surnames are written
//! as their bearers write them ("Kim", "Lee", "Park"), not only as the
//! catch-all transliteration reads them ("Gim", "I", "Bak").

use super::wade_giles::{hong_kong_surname, wade_giles};

/// How the commonest Korean surnames are written in Latin letters.
const KOREAN_SURNAMES: &[(char, &[&str])] = &[
    ('김', &["kim", "gim"]),
    ('이', &["lee", "yi", "rhee"]),
    ('박', &["park", "pak", "bak"]),
    ('최', &["choi", "choe"]),
    ('정', &["jung", "jeong", "chung"]),
    ('강', &["kang"]),
    ('조', &["cho"]),
    ('윤', &["yoon", "yun"]),
    ('장', &["jang", "chang"]),
    ('임', &["lim", "im"]),
    ('한', &["han"]),
    ('오', &["oh"]),
    ('서', &["seo", "suh"]),
    ('신', &["shin"]),
    ('권', &["kwon"]),
    ('황', &["hwang"]),
    ('안', &["ahn"]),
    ('송', &["song"]),
    ('류', &["ryu", "yoo"]),
    ('유', &["yoo", "yu"]),
    ('전', &["jeon", "chun"]),
    ('홍', &["hong"]),
    ('고', &["ko"]),
    ('문', &["moon"]),
    ('양', &["yang"]),
    ('손', &["son", "sohn"]),
    ('배', &["bae"]),
    ('백', &["baek", "paik"]),
    ('허', &["heo", "huh"]),
    ('남', &["nam"]),
    ('심', &["shim"]),
    ('노', &["noh", "roh"]),
    ('하', &["ha"]),
    ('곽', &["kwak"]),
    ('성', &["sung"]),
    ('차', &["cha"]),
    ('주', &["joo", "ju"]),
    ('우', &["woo"]),
    ('구', &["koo"]),
    ('민', &["min"]),
    ('진', &["jin"]),
    ('지', &["ji"]),
    ('엄', &["um", "eom"]),
    ('채', &["chae"]),
    ('원', &["won"]),
    ('천', &["chun", "cheon"]),
    ('현', &["hyun"]),
    ('변', &["byun"]),
];

/// A Hangul syllable.
fn hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Han or a Hangul syllable: a syllable of a name written without spaces.
pub(super) fn syllable(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7A3)
}

/// The catch-all transliteration of one syllable (`xiao`, `min`).
fn latin(c: char) -> Option<String> {
    let l = deunicode::deunicode_char(c)?.trim().to_lowercase();
    (!l.is_empty() && l.chars().all(|c| c.is_ascii_alphabetic())).then_some(l)
}

/// A name written in Latin letters that reads as no English: run together,
/// not a word (`tango`); apart, not every word of it one (`to go`, `he
/// li`). A reading of a name that is English would replace the phrase.
fn not_english(name: &str) -> bool {
    if name.contains(' ') {
        !name.split(' ').all(wordnik_list::word_exists)
    } else {
        !wordnik_list::word_exists(name)
    }
}

/// A name written without spaces in Han or Hangul, of two or three
/// syllables (a surname of one, a given name of the rest): its syllables,
/// and the catch-all transliteration of the given name's.
fn han_name(name: &str) -> Option<(Vec<char>, Vec<String>)> {
    let chars: Vec<char> = name.trim().chars().collect();
    if !(2..=3).contains(&chars.len()) || !chars.iter().all(|&c| syllable(c)) {
        return None;
    }
    let readings = chars[1..]
        .iter()
        .map(|&c| latin(c))
        .collect::<Option<_>>()?;
    Some((chars, readings))
}

/// `name`, a Chinese or Korean name of two or three syllables written
/// without a space (a surname of one, a given name of the rest), in Latin
/// letters: each way of writing the surname with the given name run
/// together and apart, before it and after it (`Jie Zhou`, `Chou Chieh` of
/// 周杰). Nothing for any other name, nor a two-syllable name's forms that
/// are English words (`he li`).
pub(super) fn latin_names(name: &str) -> Vec<String> {
    let Some((chars, readings)) = han_name(name) else {
        return Vec::new();
    };
    let mut surnames: Vec<String> = latin(chars[0]).into_iter().collect();
    if let Some((_, written)) = KOREAN_SURNAMES.iter().find(|(c, _)| *c == chars[0]) {
        surnames.extend(written.iter().map(|w| (*w).to_string()));
    }
    if !hangul(chars[0]) {
        surnames.extend(latin(chars[0]).and_then(|l| wade_giles(&l)));
        surnames.extend(hong_kong_surname(chars[0]).map(str::to_string));
    }
    surnames.sort();
    surnames.dedup();
    let mut given = Vec::new();
    match readings.as_slice() {
        [one] => given.extend(spellings(one, chars[1])),
        [first, second] => {
            for a in spellings(first, chars[1]) {
                for b in spellings(second, chars[2]) {
                    given.push(format!("{a}{b}"));
                    given.push(format!("{a} {b}"));
                }
            }
        }
        _ => {}
    }
    let mut out = Vec::new();
    for s in &surnames {
        for g in &given {
            out.push(format!("{s} {g}"));
            out.push(format!("{g} {s}"));
            if chars.len() == 2 {
                out.push(format!("{s}{g}"));
                out.push(format!("{g}{s}"));
            }
        }
    }
    out.extend(surnames.iter().flat_map(|s| with_titles(s)));
    if chars.len() == 2 {
        out.retain(|n| not_english(n));
    }
    out
}

/// `name`, as [`latin_names`] takes it: its given name alone as it is also
/// written in Latin letters, a name part as a Western given name is — a
/// Korean one in its bearers' spellings (`Minsoo`, `Min-su` of 민수,
/// [`korean_given_names`]), a Chinese one in Wade–Giles (`Hsiao-ming` of
/// 小明). Not as the catch-all transliteration reads it (`minsu`,
/// `xiaoming`): that is the part's own form already. Never apart where
/// every syllable is an English word (`to an`), nor run together where
/// that is one.
pub(super) fn given_readings(name: &str) -> Vec<String> {
    let Some((chars, readings)) = han_name(name) else {
        return Vec::new();
    };
    let [first, second] = readings.as_slice() else {
        return Vec::new();
    };
    let read = [format!("{first}{second}"), format!("{first} {second}")];
    let mut out = if hangul(chars[1]) {
        korean_given_names(&[first.as_str(), second.as_str()])
    } else {
        let mut out = Vec::new();
        for a in spellings(first, chars[1]) {
            for b in spellings(second, chars[2]) {
                out.extend([format!("{a}{b}"), format!("{a} {b}")]);
            }
        }
        out.retain(|n| not_english(n));
        out
    };
    out.retain(|g| !read.contains(g));
    out
}

/// The ways a syllable of a Korean given name is written: as the
/// Revised Romanization reads it (`latin`), and as its bearers most often
/// write it, `ㅜ` as `oo` and `ㅓ` as `u` (`Min-soo` of 민수, `Ji-hoon` of
/// 지훈, `Sung` of 성). A Chinese syllable: in pinyin and in Wade–Giles
/// (`xiao`, `hsiao`).
fn spellings(latin: &str, c: char) -> Vec<String> {
    let mut out = vec![latin.to_string()];
    if !hangul(c) {
        out.extend(wade_giles(latin));
        return out;
    }
    let written = if latin.contains("eo") {
        latin.replacen("eo", "u", 1)
    } else {
        let mut w = String::with_capacity(latin.len() + 1);
        let mut prev = ' ';
        for ch in latin.chars() {
            if ch == 'u' && prev != 'e' {
                w.push_str("oo");
            } else {
                w.push(ch);
            }
            prev = ch;
        }
        w
    };
    if written != latin {
        out.push(written);
    }
    out
}

/// Is `s` (lower-case ASCII) a syllable of Korean written in Latin letters,
/// as the Revised Romanization or a name's bearer writes it: an initial
/// consonant or none, a vowel, a final consonant or none (`ji`, `hoon`,
/// `kyung`, `seong`)? `mary` and `jane` are not.
fn korean_syllable(s: &str) -> bool {
    const INITIALS: &[&str] = &[
        "kk", "tt", "pp", "ss", "jj", "ch", "sh", "g", "k", "n", "d", "t", "r", "l", "m", "b", "p",
        "s", "j", "h", "",
    ];
    const VOWELS: &[&str] = &[
        "yae", "yeo", "wae", "ae", "ya", "eo", "ye", "wa", "oe", "yo", "oo", "wo", "we", "wi",
        "yu", "eu", "ui", "ee", "a", "e", "o", "u", "i",
    ];
    const FINALS: &[&str] = &["ng", "n", "k", "l", "m", "p", "t", "g", ""];
    INITIALS.iter().any(|i| {
        s.strip_prefix(i).is_some_and(|rest| {
            VOWELS.iter().any(|v| {
                rest.strip_prefix(v)
                    .is_some_and(|end| FINALS.contains(&end))
            })
        })
    })
}

/// The ways one syllable of a Korean given name is written in Latin
/// letters, `s` among them: `ㅜ` as `u` or `oo`, `ㅓ` as `eo`, `u` or `o`,
/// `ㅡ` as `eu` or `u`, a final `i` as `ee`; and the initial consonant
/// voiced or not (`g`/`k`, `d`/`t`, `b`/`p`, `j`/`ch`), as the older
/// romanisation and most passports write it (`Kyung` of `Gyeong`).
fn syllable_spellings(s: &str) -> Vec<String> {
    let mut vowels = vec![s.to_string()];
    let add = |v: String, out: &mut Vec<String>| {
        if !out.contains(&v) {
            out.push(v);
        }
    };
    if s.contains("eo") {
        add(s.replacen("eo", "u", 1), &mut vowels);
        add(s.replacen("eo", "o", 1), &mut vowels);
    } else if s.contains("eu") {
        add(s.replacen("eu", "u", 1), &mut vowels);
    } else if s.contains("oo") {
        add(s.replacen("oo", "u", 1), &mut vowels);
    } else if let Some(i) = s
        .find('u')
        .filter(|&i| i == 0 || !b"aeoy".contains(&s.as_bytes()[i - 1]))
    {
        add(format!("{}oo{}", &s[..i], &s[i + 1..]), &mut vowels);
        add(format!("{}eo{}", &s[..i], &s[i + 1..]), &mut vowels);
    }
    if let Some(stem) = s.strip_suffix("ee") {
        add(format!("{stem}i"), &mut vowels);
    } else if s.len() > 1 && s.ends_with('i') && !s.ends_with("ui") && !s.ends_with("wi") {
        add(format!("{}ee", &s[..s.len() - 1]), &mut vowels);
    }
    const PAIRS: &[(&str, &str)] = &[("g", "k"), ("d", "t"), ("b", "p"), ("j", "ch")];
    let mut out = vowels.clone();
    for v in &vowels {
        for (a, b) in PAIRS {
            for (from, to) in [(a, b), (b, a)] {
                // Not a doubled consonant (`kk`).
                if let Some(rest) = v.strip_prefix(from)
                    && !rest.starts_with(from)
                {
                    let w = format!("{to}{rest}");
                    if korean_syllable(&w) {
                        add(w, &mut out);
                    }
                }
            }
        }
    }
    out
}

/// A Korean given name of two or three syllables (`["ji", "hoon"]`) in the
/// other ways it is written in Latin letters (`jihun`, `ji hun`, `chihoon`):
/// every syllable's spellings ([`syllable_spellings`]), run together and
/// apart. Not apart where every syllable is an English word (`to go`), nor
/// run together where that is one (`tango`); nothing for a name whose
/// syllables do not read as Korean ([`korean_syllable`]).
pub(super) fn korean_given_names(syllables: &[&str]) -> Vec<String> {
    if !(2..=3).contains(&syllables.len()) || !syllables.iter().all(|s| korean_syllable(s)) {
        return Vec::new();
    }
    let mut names: Vec<Vec<String>> = vec![Vec::new()];
    for s in syllables {
        let spellings = syllable_spellings(s);
        names = names
            .iter()
            .flat_map(|n| {
                spellings.iter().map(move |sp| {
                    let mut n = n.clone();
                    n.push(sp.clone());
                    n
                })
            })
            .collect();
    }
    names
        .iter()
        .flat_map(|n| [n.concat(), n.join(" ")])
        .filter(|n| not_english(n))
        .collect()
}

/// A surname of one syllable is no part of its own (`Wang`, `Kim` are too
/// common), but after a title it is the person: `Mr Wang`, `Dr. Kim`.
pub(super) fn with_titles(surname: &str) -> Vec<String> {
    const TITLES: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "dr", "prof"];
    TITLES
        .iter()
        .flat_map(|t| [format!("{t} {surname}"), format!("{t}. {surname}")])
        .collect()
}

/// Is `part` (folded) one of the ways a common Korean surname is written
/// in Latin letters (`park`, `kim`, `lee`)?
fn korean_surname(part: &str) -> bool {
    KOREAN_SURNAMES
        .iter()
        .any(|(_, written)| written.contains(&part))
}

/// A name written in Latin letters (its words, folded) with a common
/// Korean surname first or last (`park ji-hoon`, `ji-hoon park`): the
/// surname, and the given name's syllables (`ji`, `hoon`).
pub(super) fn korean_in_latin(words: &[String]) -> Option<(&str, Vec<&str>)> {
    let (surname, given) = match words {
        [first, rest @ ..] if !rest.is_empty() && korean_surname(first) => (first, rest),
        [rest @ .., last] if !rest.is_empty() && korean_surname(last) => (last, rest),
        _ => return None,
    };
    let syllables = given
        .iter()
        .flat_map(|w| w.split('-'))
        .filter(|s| !s.is_empty())
        .collect();
    Some((surname.as_str(), syllables))
}

/// The other ways a Korean surname written in Latin letters is written
/// (`pak` and `bak` of `park`), for a record that writes the name in Latin
/// letters; three letters or more.
pub(super) fn korean_surname_spellings(part: &str) -> Vec<&'static str> {
    KOREAN_SURNAMES
        .iter()
        .filter(|(_, written)| written.contains(&part))
        .flat_map(|(_, written)| written.iter().copied())
        .filter(|w| *w != part && w.len() >= 3)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{korean_given_names, korean_surname_spellings, latin_names};

    #[test]
    fn korean_surnames_written_in_latin_letters_have_their_other_spellings() {
        assert_eq!(korean_surname_spellings("park"), ["pak", "bak"]);
        assert_eq!(korean_surname_spellings("choe"), ["choi"]);
        assert!(korean_surname_spellings("smith").is_empty());
        // Two letters are too short to be a part: `yi` of `lee`.
        assert_eq!(korean_surname_spellings("lee"), ["rhee"]);
    }

    #[test]
    fn a_korean_given_name_in_its_other_latin_spellings() {
        let jihoon = korean_given_names(&["ji", "hoon"]);
        for n in ["jihoon", "jihun", "ji hun", "chihoon", "jeehoon", "jeehun"] {
            assert!(jihoon.iter().any(|x| x == n), "{n}: {jihoon:?}");
        }
        let kyung = korean_given_names(&["gyeong", "su"]);
        for n in ["kyungsoo", "kyung soo", "gyeongsu", "kyongsu"] {
            assert!(kyung.iter().any(|x| x == n), "{n}: {kyung:?}");
        }
        // Not Korean syllables: no forms.
        assert!(korean_given_names(&["mary", "jane"]).is_empty());
        // Never a pair of English words, nor one word.
        let togo = korean_given_names(&["do", "go"]);
        assert!(
            !togo.iter().any(|x| x == "to go" || x == "do go"),
            "{togo:?}"
        );
    }

    #[test]
    fn surname_and_given_name_either_way() {
        let ko = latin_names("김민준");
        for n in [
            "kim min jun",
            "min jun kim",
            "kim minjun",
            "minjun kim",
            "gim minjun",
        ] {
            assert!(ko.iter().any(|x| x == n), "{n}: {ko:?}");
        }
        let zh = latin_names("王小明");
        for n in ["wang xiaoming", "xiaoming wang", "wang xiao ming"] {
            assert!(zh.iter().any(|x| x == n), "{n}: {zh:?}");
        }
        assert!(latin_names("Dana Whitfield").is_empty());
        assert!(
            latin_names("山田太郎").is_empty(),
            "four syllables: not one and two"
        );
    }
}
