//! A Chinese or Korean name in Latin letters, surname and all.
//!
//! A surname of one syllable (`王`, `김`) is no part of its own: "Wang",
//! "Kim", "Lee", "Park" are too common words (see `syllable_parts`). With
//! the given name beside it, in either order, it is the name: `王小明` is
//! "Wang Xiaoming" or "Xiaoming Wang", `김민준` is "Kim Min-jun" or "Minjun
//! Kim" — else a page read "Kim the Analyst". Korean surnames are written
//! as their bearers write them ("Kim", "Lee", "Park"), not only as the
//! catch-all transliteration reads them ("Gim", "I", "Bak").

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

/// Han or a Hangul syllable: a syllable of a name written without spaces.
pub(super) fn syllable(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7A3)
}

/// The catch-all transliteration of one syllable (`xiao`, `min`).
fn latin(c: char) -> Option<String> {
    let l = deunicode::deunicode_char(c)?.trim().to_lowercase();
    (!l.is_empty() && l.chars().all(|c| c.is_ascii_alphabetic())).then_some(l)
}

/// `name`, a Chinese or Korean name of three syllables written without a
/// space (a surname of one, a given name of two), in Latin letters:
/// each way of writing the surname with the given name run together and
/// apart, before it and after it. Nothing for any other name.
pub(super) fn latin_names(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.trim().chars().collect();
    if chars.len() != 3 || !chars.iter().all(|&c| syllable(c)) {
        return Vec::new();
    }
    let (Some(first), Some(second)) = (latin(chars[1]), latin(chars[2])) else {
        return Vec::new();
    };
    let mut surnames: Vec<String> = latin(chars[0]).into_iter().collect();
    if let Some((_, written)) = KOREAN_SURNAMES.iter().find(|(c, _)| *c == chars[0]) {
        surnames.extend(written.iter().map(|w| (*w).to_string()));
    }
    surnames.sort();
    surnames.dedup();
    let mut given = Vec::new();
    for a in spellings(&first, chars[1]) {
        for b in spellings(&second, chars[2]) {
            given.push(format!("{a}{b}"));
            given.push(format!("{a} {b}"));
        }
    }
    let mut out = Vec::new();
    for s in &surnames {
        for g in &given {
            out.push(format!("{s} {g}"));
            out.push(format!("{g} {s}"));
        }
    }
    out
}

/// The ways a syllable of a Korean given name is written: as the
/// Revised Romanization reads it (`latin`), and as its bearers most often
/// write it, `ㅜ` as `oo` and `ㅓ` as `u` (`Min-soo` of 민수, `Ji-hoon` of
/// 지훈, `Sung` of 성). A Chinese syllable: as it is.
fn spellings(latin: &str, c: char) -> Vec<String> {
    let mut out = vec![latin.to_string()];
    if !('\u{AC00}'..='\u{D7A3}').contains(&c) {
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
    use super::{korean_surname_spellings, latin_names};

    #[test]
    fn korean_surnames_written_in_latin_letters_have_their_other_spellings() {
        assert_eq!(korean_surname_spellings("park"), ["pak", "bak"]);
        assert_eq!(korean_surname_spellings("choe"), ["choi"]);
        assert!(korean_surname_spellings("smith").is_empty());
        // Two letters are too short to be a part: `yi` of `lee`.
        assert_eq!(korean_surname_spellings("lee"), ["rhee"]);
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
