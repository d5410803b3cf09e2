//! A Chinese name as Taiwan and Hong Kong write it in Latin letters.
//!
//! The catch-all transliteration reads a Han syllable in pinyin (`zhang`,
//! `xiao`, `ming`). A colleague from Taiwan writes 張小明 "Chang
//! Hsiao-ming" (Wade–Giles, as passports there still do, without its
//! apostrophes), and one from Hong Kong "Cheung Siu-ming" (Cantonese). A
//! page that wrote either was published. Wade–Giles follows from pinyin
//! syllable by syllable ([`wade_giles`]); Cantonese does not, so only the
//! commonest surnames are in a table ([`hong_kong_surname`]).

/// A toneless pinyin syllable (`zhang`) in Wade–Giles as it is written in
/// names, without apostrophes or umlauts (`chang`); `None` where the two
/// are the same (`wang`, `lin`) or `p` is not a syllable.
pub(super) fn wade_giles(p: &str) -> Option<String> {
    if p.is_empty() || !p.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let whole = match p {
        "zhi" | "chi" => Some("chih"),
        "shi" => Some("shih"),
        "ri" => Some("jih"),
        "zi" | "ci" => Some("tzu"),
        "si" => Some("ssu"),
        "yi" => Some("i"),
        "you" => Some("yu"),
        "yan" => Some("yen"),
        "ye" => Some("yeh"),
        "yong" => Some("yung"),
        "yue" => Some("yueh"),
        "er" => Some("erh"),
        "e" => Some("o"),
        _ => None,
    };
    let w = match whole {
        Some(w) => w.to_string(),
        None => {
            const INITIALS: &[(&str, &str)] = &[
                ("zh", "ch"),
                ("ch", "ch"),
                ("sh", "sh"),
                ("z", "ts"),
                ("c", "ts"),
                ("j", "ch"),
                ("q", "ch"),
                ("x", "hs"),
                ("r", "j"),
                ("b", "p"),
                ("d", "t"),
                ("g", "k"),
                ("p", "p"),
                ("t", "t"),
                ("k", "k"),
                ("h", "h"),
                ("s", "s"),
                ("l", "l"),
                ("m", "m"),
                ("n", "n"),
                ("f", "f"),
                ("y", "y"),
                ("w", "w"),
            ];
            let (from, to) = INITIALS
                .iter()
                .find(|(i, _)| p.starts_with(i))
                .copied()
                .unwrap_or(("", ""));
            let fin = &p[from.len()..];
            let fin = match fin {
                "ong" => "ung".to_string(),
                "iong" => "iung".to_string(),
                "ian" => "ien".to_string(),
                "ie" => "ieh".to_string(),
                "ue" | "ve" => "ueh".to_string(),
                "ui" => "uei".to_string(),
                // `guo` → `kuo`, `duo` → `to`.
                "uo" if matches!(from, "g" | "k" | "h" | "zh" | "ch" | "sh") => "uo".to_string(),
                "uo" => "o".to_string(),
                "e" if matches!(from, "g" | "k" | "h") => "o".to_string(),
                "i" if matches!(from, "zh" | "ch" | "sh" | "r") => "ih".to_string(),
                "i" if matches!(from, "z" | "c" | "s") => "u".to_string(),
                f => f.to_string(),
            };
            if fin.is_empty() {
                return None;
            }
            format!("{to}{fin}")
        }
    };
    (w != p).then_some(w)
}

/// The commonest Chinese surnames as Hong Kong writes them (Cantonese),
/// in simplified and traditional characters.
const HONG_KONG: &[(&str, &str)] = &[
    ("陈陳", "chan"),
    ("黄黃", "wong"),
    ("王", "wong"),
    ("李", "lee"),
    ("张張", "cheung"),
    ("梁", "leung"),
    ("刘劉", "lau"),
    ("林", "lam"),
    ("吴吳", "ng"),
    ("何", "ho"),
    ("杨楊", "yeung"),
    ("郑鄭", "cheng"),
    ("周", "chow"),
    ("谢謝", "tse"),
    ("郭", "kwok"),
    ("赵趙", "chiu"),
    ("蔡", "choi"),
    ("许許", "hui"),
    ("曾", "tsang"),
    ("邓鄧", "tang"),
    ("冯馮", "fung"),
    ("朱", "chu"),
    ("叶葉", "yip"),
    ("袁", "yuen"),
    ("徐", "tsui"),
    ("胡", "wu"),
    ("罗羅", "law"),
    ("谭譚", "tam"),
    ("麦麥", "mak"),
    ("苏蘇", "so"),
    ("卢盧", "lo"),
    ("余", "yu"),
    ("江", "kong"),
    ("钟鍾", "chung"),
    ("彭", "pang"),
    ("潘", "poon"),
    ("孙孫", "suen"),
    ("韩韓", "hon"),
    ("高", "ko"),
    ("萧蕭", "siu"),
];

/// How Hong Kong writes the surname `c`, if it is one of the commonest.
pub(super) fn hong_kong_surname(c: char) -> Option<&'static str> {
    HONG_KONG
        .iter()
        .find(|(chars, _)| chars.contains(c))
        .map(|(_, w)| *w)
}

#[cfg(test)]
mod tests {
    use super::{hong_kong_surname, wade_giles};

    #[test]
    fn pinyin_syllables_in_wade_giles() {
        for (p, w) in [
            ("zhang", "chang"),
            ("xiao", "hsiao"),
            ("zhou", "chou"),
            ("cai", "tsai"),
            ("xie", "hsieh"),
            ("guo", "kuo"),
            ("qing", "ching"),
            ("jiang", "chiang"),
            ("zhong", "chung"),
            ("shi", "shih"),
            ("zi", "tzu"),
            ("luo", "lo"),
            ("gui", "kuei"),
            ("rong", "jung"),
            ("de", "te"),
            ("he", "ho"),
            ("xu", "hsu"),
        ] {
            assert_eq!(wade_giles(p).as_deref(), Some(w), "{p}");
        }
        for same in ["wang", "lin", "ming", "chen", "liu", "an"] {
            assert_eq!(wade_giles(same), None, "{same}");
        }
    }

    #[test]
    fn hong_kong_surnames_in_either_script() {
        assert_eq!(hong_kong_surname('陳'), Some("chan"));
        assert_eq!(hong_kong_surname('陈'), Some("chan"));
        assert_eq!(hong_kong_surname('张'), Some("cheung"));
        assert_eq!(hong_kong_surname('山'), None);
    }
}
