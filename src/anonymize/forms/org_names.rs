//! The other ways an organisation's name is written: its legal form in
//! front (`ООО «Ромашка»`, `M/s Sharma Traders`), in quotes, without the
//! word in front that says what kind of business it is (`Złoty Kłos` of
//! `Piekarnia Złoty Kłos`), without its leading article (`Home Depot` of
//! `The Home Depot`), with `&` for `and`
//! or the other way round, with the `and` of another language or none
//! (`Großmann und Söhne`, `Großmann Söhne` of `Großmann & Söhne`), without
//! the dots of its abbreviations (`St Mary's`), without its apostrophes
//! (`Macys`).

use super::letters;
use super::tables::{ANDS, APOSTROPHES, ARTICLES, LEADING_KINDS, LEADING_LEGAL_FORMS, QUOTES};

/// The most variants one name gives (each gives its leading words too):
/// room for every word for "and" ([`ANDS`]) of a name that has other
/// variants.
const MOST: usize = 24;

/// `name` (without its trailing legal form) as it is also written; not
/// `name` itself.
pub(super) fn variants(name: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![name.trim().to_string()];
    let transforms: [fn(&str) -> Vec<String>; 10] = [
        |n| without_leading_legal_form(n).into_iter().collect(),
        |n| without_joined_legal_form(n).into_iter().collect(),
        |n| without_leading_kind(n).into_iter().collect(),
        |n| without_article(n).into_iter().collect(),
        |n| and_as_ampersand(n).into_iter().collect(),
        |n| ampersand_as_and(n).into_iter().collect(),
        |n| hyphen_as_ampersand(n).into_iter().collect(),
        |n| without_dots(n).into_iter().collect(),
        |n| without_apostrophes(n).into_iter().collect(),
        // Last: the other variants keep their places below the cap.
        other_joiners,
    ];
    for t in transforms {
        let made: Vec<String> = out.iter().flat_map(|v| t(v)).collect();
        for m in made {
            if out.len() < MOST && !m.trim().is_empty() && !out.contains(&m) {
                out.push(m);
            }
        }
    }
    out.remove(0);
    out
}

fn words(name: &str) -> Vec<&str> {
    name.split_whitespace().collect()
}

/// `ООО «Ромашка»` → `Ромашка`: a leading legal form, and the quotes
/// around what follows it (or around the whole name).
fn without_leading_legal_form(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    let rest = LEADING_LEGAL_FORMS
        .iter()
        .filter(|f| {
            lower.starts_with(*f)
                && lower[f.len()..].starts_with(|c: char| c.is_whitespace() || QUOTES.contains(&c))
        })
        .max_by_key(|f| f.len())
        // (Lower case may be longer than upper case: never cut inside
        // a character.)
        .map_or(Some(name), |f| name.get(f.len()..))?;
    let unquoted = rest.trim().trim_matches(QUOTES).trim();
    (unquoted != name.trim() && letters(unquoted) >= 3).then(|| unquoted.to_string())
}

/// `Piekarnia Złoty Kłos` → `Złoty Kłos`, `Atelier Grünfeld Architekten`
/// → `Grünfeld Architekten`: a first word that says only what kind of
/// business the name is ([`LEADING_KINDS`]), and the quotes around the
/// rest (`Apteka „Pod Lwem”`).
fn without_leading_kind(name: &str) -> Option<String> {
    let (first, rest) = name.trim().split_once(char::is_whitespace)?;
    let rest = rest.trim().trim_matches(QUOTES).trim();
    (LEADING_KINDS.contains(&first.to_lowercase().as_str()) && letters(rest) >= 3)
        .then(|| rest.to_string())
}

/// `株式会社さくら商事` → `さくら商事`, `北京华信有限公司` → `北京华信`, `(주)한빛` →
/// `한빛`: a legal form of Japan, China or Korea, written before or after
/// the name and joined to it.
fn without_joined_legal_form(name: &str) -> Option<String> {
    let name = name.trim();
    let rest = JOINED_LEGAL_FORMS.iter().find_map(|f| {
        name.strip_prefix(f)
            .or_else(|| name.strip_suffix(f))
            .map(str::trim)
    })?;
    (letters(rest) >= 2).then(|| rest.to_string())
}

/// Legal forms that Japanese, Chinese and Korean write joined to the name,
/// longest first.
const JOINED_LEGAL_FORMS: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限責任公司",
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "合名会社",
    "有限公司",
    "주식회사",
    "유한회사",
    "（株）",
    "(株)",
    "（有）",
    "(有)",
    "（주）",
    "(주)",
    "公司",
    "㈱",
    "㈲",
    "㈜",
];

/// `The Home Depot` → `Home Depot`: only where two words or more are left.
fn without_article(name: &str) -> Option<String> {
    let w = words(name);
    (w.len() >= 3 && ARTICLES.contains(&w[0].to_lowercase().as_str())).then(|| w[1..].join(" "))
}

/// `Marks and Spencer` → `Marks & Spencer`.
fn and_as_ampersand(name: &str) -> Option<String> {
    let w = words(name);
    let at = w
        .iter()
        .enumerate()
        .position(|(i, x)| i > 0 && i + 1 < w.len() && ANDS.contains(&x.to_lowercase().as_str()))?;
    let mut v: Vec<&str> = w.clone();
    v[at] = "&";
    Some(v.join(" "))
}

/// `Procter & Gamble` → `Procter and Gamble` (`&` between words, or
/// joining them: `Procter&Gamble`).
fn ampersand_as_and(name: &str) -> Option<String> {
    name.contains('&').then(|| {
        let spaced = name.replace('&', " and ");
        words(&spaced).join(" ")
    })
}

/// `Vestergaard-Lindholm Fragt` → `Vestergaard & Lindholm Fragt`: a first
/// word of two names joined by a hyphen is as often written with an `&`
/// between them (and so, by [`other_joiners`], with any "and" or none).
fn hyphen_as_ampersand(name: &str) -> Option<String> {
    let w = words(name);
    let (a, b) = w.first()?.split_once('-')?;
    let name_like = |p: &str| p.chars().count() >= 3 && p.chars().all(char::is_alphabetic);
    (w.len() >= 2 && name_like(a) && name_like(b)).then(|| {
        std::iter::once(format!("{a} & {b}"))
            .chain(w[1..].iter().map(|x| (*x).to_string()))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// `Großmann & Söhne` → `Großmann und Söhne`, `Großmann i Söhne`, … and
/// `Großmann Söhne`: the `&`, `+` or `and` between two of its words as
/// each language writes it ([`ANDS`]), and left out, as running text
/// often does (`grossmannsohne`, joined, was a form already; spaced or
/// hyphenated, it was published). (`Müller + Partner`: architects and
/// engineers write `+` for `&`.)
fn other_joiners(name: &str) -> Vec<String> {
    let w = words(name);
    let Some(at) = w.iter().enumerate().position(|(i, x)| {
        i > 0
            && i + 1 < w.len()
            && (*x == "&" || *x == "+" || ANDS.contains(&x.to_lowercase().as_str()))
    }) else {
        return Vec::new();
    };
    let mut out: Vec<String> = std::iter::once(&"&")
        .chain(ANDS)
        .filter(|j| !j.eq_ignore_ascii_case(w[at]))
        .map(|j| {
            let mut v = w.clone();
            v[at] = j;
            v.join(" ")
        })
        .collect();
    let mut without = w;
    without.remove(at);
    out.push(without.join(" "));
    out
}

/// `St. Mary's Hospital` → `St Mary's Hospital`.
fn without_dots(name: &str) -> Option<String> {
    name.contains('.').then(|| name.replace('.', ""))
}

/// `Macy's` → `Macys`.
fn without_apostrophes(name: &str) -> Option<String> {
    name.contains(APOSTROPHES)
        .then(|| name.replace(APOSTROPHES, ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ways_a_name_is_written() {
        let has = |name: &str, v: &str| {
            let all = variants(name);
            assert!(all.iter().any(|x| x == v), "{name}: {all:?}");
        };
        has("ООО «Ромашка»", "Ромашка");
        has("M/s Sharma Traders", "Sharma Traders");
        has("株式会社さくら商事", "さくら商事");
        has("さくら商事株式会社", "さくら商事");
        has("北京华信有限公司", "北京华信");
        has("(주)한빛", "한빛");
        has("Công ty TNHH Minh Phát", "Minh Phát");
        has("The Home Depot", "Home Depot");
        has("Marks and Spencer Group", "Marks & Spencer Group");
        has("Procter & Gamble", "Procter and Gamble");
        has(
            "Großmann & Söhne Maschinenbau",
            "Großmann und Söhne Maschinenbau",
        );
        has(
            "Großmann & Söhne Maschinenbau",
            "Großmann Söhne Maschinenbau",
        );
        has("Kowalski i Syn", "Kowalski & Syn");
        has("Kowalski und Syn", "Kowalski i Syn");
        has("Hansen & Sønner", "Hansen og Sønner");
        has(
            "Müller + Partner Architekten",
            "Müller & Partner Architekten",
        );
        has("Müller + Partner Architekten", "Müller Partner Architekten");
        has("Vestergaard-Lindholm Fragt", "Vestergaard & Lindholm Fragt");
        has(
            "Vestergaard-Lindholm Fragt",
            "Vestergaard og Lindholm Fragt",
        );
        assert!(variants("Rolls-Royce").is_empty(), "one word: no form");
        has("St. Mary's & Co", "St Marys & Co");
        has("St. Mary's Hospital", "St Mary's Hospital");
        has("St. Mary's Hospital", "St Marys Hospital");
        has("Macy's", "Macys");
        has("Piekarnia Złoty Kłos", "Złoty Kłos");
        has("Atelier Grünfeld Architekten", "Grünfeld Architekten");
        has("Apteka „Pod Lwem”", "Pod Lwem");
        has("PPHU Drukarnia Złoty Róg", "Złoty Róg");
        assert!(variants("Hotel").is_empty() && variants("Studio 54").is_empty());
        assert!(variants("Harbor Freight Logistics").is_empty());
        assert!(variants("The Gap").is_empty(), "one word is left: no form");
        assert!(variants("Ace").is_empty());
        // A run of leading words never ends with a word for "and".
        for and in ANDS {
            assert!(super::super::tables::CONNECTORS.contains(and), "{and}");
        }
    }
}
