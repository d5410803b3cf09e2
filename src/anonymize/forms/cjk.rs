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
    ('김', &["kim"]),
    ('이', &["lee", "yi", "rhee"]),
    ('박', &["park", "pak"]),
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
    surnames.dedup();
    let given = [format!("{first}{second}"), format!("{first} {second}")];
    let mut out = Vec::new();
    for s in &surnames {
        for g in &given {
            out.push(format!("{s} {g}"));
            out.push(format!("{g} {s}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::latin_names;

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
