//! A client that is a person: `client.name` is "the client organisation
//! (or person)", and a person's name is a secret by each of its parts
//! (the spec's list of forms). A sole trader, a doctor's or a lawyer's
//! practice, a freelancer: `Anna Zielińska`, `Dr Ngozi Okafor`, `Usługi
//! Remontowe Jan Kowalski`, `PPHU Nowak Tomasz`. As an organisation's name
//! alone, "Pani Zielińska odeszła" and "Pan Nowak zadzwonił" were
//! published: only the whole name and runs of its leading words were
//! secrets.
//!
//! A firm named after its partners is their names too (`Kowalski i
//! Wspólnicy`: "Mecenas Kowalski zadzwonił"): [`surnames_in`].
//!
//! Nothing in a record says which a client is, so the name says it: a
//! given name ([`GIVEN_NAMES`]) or a personal title, followed by one or two
//! words shaped like a surname (a capital letter, letters, a hyphen or an
//! apostrophe inside; no word of company names, kinds of business, legal
//! forms, articles or "and"). Those words are the person.
//!
//! On an English site, a given name that is also an everyday English word
//! (`Mark`, `Rose`, `Frank`) is left out of the person: as a part it would
//! be replaced wherever the word stands ("mark the date"), and it names no
//! one without the surname. One that is a word only to a dictionary
//! (`Anna`, `John`, `Maria`) stays a part. Where every word is an English word (`Rose
//! Garden`, `Mark Baker`) the name is taken for a shop's unless a title
//! stands before it (`Dr Mark Baker`): a miss, against replacing
//! "garden" throughout the handbook. A title marks a person whatever the
//! given name is.
//!
//! Why our own list: no maintained crate ships given names under a
//! licence we can ship (the one list found on crates.io is GFDL data in a
//! MIT crate, 4.5 MB). This one holds the commonest given names of the
//! languages a handbook is written in, English and Polish first; a name
//! it lacks is still protected whole and by its leading words, and on an
//! English site by each word that is no English word
//! ([`super::Builder::name_words`]).

use super::given_names::GIVEN_NAMES;
use super::tables::{
    ANDS, ARTICLES, COMPANY_WORDS, CONNECTORS, HONORIFICS, LEADING_KINDS, LEGAL_FORMS,
};
use crate::anonymize::secrets::fold;

/// The person a client's name (without its legal form) holds: from its
/// first given name (or the word after a title) through more given names
/// to a surname and, if it is no English word, a second one; on an
/// English site, less the given names that are everyday English words.
/// `None`: no person.
pub(super) fn person_in(base: &str, english: bool) -> Option<String> {
    let words: Vec<&str> = base.split_whitespace().collect();
    let given = |w: &str| GIVEN_NAMES.binary_search(&fold(w).as_str()).is_ok();
    for (i, w) in words.iter().enumerate() {
        let titled = i > 0 && is_title(words[i - 1]);
        if !(titled || given(w)) || !name_shaped(w) {
            continue;
        }
        let mut person = vec![*w];
        let mut surnames = 0;
        for s in words[i + 1..].iter().take(4) {
            if !name_shaped(s) || (surnames == 1 && english_word(s)) {
                break;
            }
            if surnames == 0 && given(s) {
                person.push(s);
                continue;
            }
            person.push(s);
            surnames += 1;
            if surnames == 2 {
                break;
            }
        }
        // Surname first, as registers write a sole trader (`PPHU Nowak
        // Tomasz`): a given name that ends the person, after a surname.
        if surnames == 0
            && person.len() == 1
            && let Some(before) = i.checked_sub(1).map(|k| words[k])
            && name_shaped(before)
            && !given(before)
            && !is_title(before)
        {
            let kept = if english && everyday_given(w) { "" } else { w };
            return Some(format!("{before} {kept}").trim_end().to_string());
        }
        if surnames == 0 {
            continue;
        }
        let last = person.len() - surnames;
        // Words that are all English words, with no title before them, are
        // more often a shop's name than a person's (`Rose Garden`, `Frank
        // Advice`, `Grace Church`): they would make everyday words parts.
        if !titled && person.iter().all(|p| english_word(p)) {
            continue;
        }
        let kept: Vec<&str> = person
            .iter()
            .enumerate()
            .filter(|(k, p)| *k >= last || !english || !everyday_given(p))
            .map(|(_, p)| *p)
            .collect();
        return Some(kept.join(" "));
    }
    None
}

/// The surnames a firm is named after: `Kowalski` of `Kowalski i
/// Wspólnicy`, `Baker` and `Hale` of `Baker, Hale & Sons`, `Großmann` of
/// `Großmann & Söhne`. Names joined by "and", `&` or a comma, each one
/// surname-shaped word, before a word for the partners or the family
/// ([`PARTNERS`]): that word is what says the names are people's. ("Smith
/// & Jones" says nothing of the kind, and "Salt & Pepper" is a café.)
pub(super) fn surnames_in(base: &str) -> Vec<String> {
    let mut groups: Vec<Vec<&str>> = vec![Vec::new()];
    for w in base.split_whitespace() {
        let (word, comma) = match w.strip_suffix(',') {
            Some(word) => (word, true),
            None => (w, false),
        };
        if w == "&" || ANDS.contains(&fold(w).as_str()) {
            groups.push(Vec::new());
            continue;
        }
        if let Some(last) = groups.last_mut() {
            last.push(word);
        }
        if comma {
            groups.push(Vec::new());
        }
    }
    let partners = groups
        .last()
        .is_some_and(|g| g.len() == 1 && PARTNERS.contains(&fold(g[0]).as_str()));
    if !partners || groups.len() < 2 {
        return Vec::new();
    }
    let names = &groups[..groups.len() - 1];
    if !names.iter().all(|g| g.len() == 1 && name_shaped(g[0])) {
        return Vec::new();
    }
    names.iter().map(|g| g[0].to_string()).collect()
}

/// Words for a firm's partners or family, after "and" (folded).
#[rustfmt::skip]
const PARTNERS: &[&str] = &[
    "associates", "bracia", "bros", "brothers", "cie", "co", "figli", "fils", "gebruder", "hijos",
    "partner", "partners", "partnerzy", "sohn", "sohne", "son", "sons", "syn", "synowie",
    "wspolnicy", "wspolnik",
];

/// Whether `w` may be a word of a person's name: a capital letter, then
/// letters (a hyphen or an apostrophe between them, and a lower-case one
/// among them: `PPHU` is no name), and no word that organisations' names
/// are made of.
fn name_shaped(w: &str) -> bool {
    let f = fold(w);
    let common = |list: &[&str]| list.contains(&f.as_str());
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().count() >= 2
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && w.chars().any(char::is_lowercase)
        && !common(COMPANY_WORDS)
        && !common(LEADING_KINDS)
        && !common(LEGAL_FORMS)
        && !common(ARTICLES)
        && !common(ANDS)
        && !common(CONNECTORS)
        && !common(TRADES)
}

/// Words that say what a sole trader does, which a register's name puts
/// beside the person's (`Nowak Anna Usługi Księgowe`, `Mark Kowalczyk
/// Plumbing`): never a surname (folded).
#[rustfmt::skip]
const TRADES: &[&str] = &[
    "accountants", "accounting", "architects", "architektura", "bakery", "budowlane",
    "budownictwo", "builders", "catering", "cleaning", "dental", "dentistry", "doradztwo",
    "electrical", "elektryka", "firma", "fotografia", "gastronomia", "handel", "handlowa",
    "handlowe", "handlowo", "hydraulika", "instalacje", "ksiegowe", "ksiegowosc", "landscaping",
    "law", "legal", "medical", "ogolnobudowlane", "photography", "plumbing", "produkcja",
    "produkcyjna", "projekty", "rachunkowa", "rachunkowe", "remontowe", "roofing", "serwis",
    "sprzatanie", "surveyors", "transport", "transportowe", "uslugi", "uslugowa", "uslugowe",
];

/// Whether `w` is an honorific (`Dr`, `Pani`, `inż.`): a person's name
/// follows.
fn is_title(w: &str) -> bool {
    HONORIFICS.contains(&w.trim_end_matches('.').to_lowercase().as_str())
}

/// Whether `w` is an English word (Wordnik's list) as written: `Łułu`
/// is not, though `lulu` is.
/// Given names that are everyday English words (`Frank`, `Heather`,
/// `Mark`): on an English site such a name stays a word ("Please mark the
/// date"), and the surname alone protects its person. Not every given
/// name Wordnik lists: it has `anna`, `john`, `maria` and `peter`, which
/// a handbook hardly writes but as names ("Anna wrote" was published).
/// Sorted, folded.
#[rustfmt::skip]
const EVERYDAY_GIVEN: &[&str] = &[
    "amber", "april", "art", "august", "autumn", "bill", "carol", "chase", "crystal", "daisy",
    "dawn", "dean", "don", "drew", "earl", "faith", "frank", "gene", "grace", "grant", "guy",
    "harry", "heather", "holly", "hope", "ivy", "jack", "jade", "jean", "joy", "june", "lea",
    "li", "lily", "mark", "may", "miles", "nick", "pat", "pearl", "penny", "ray", "rich",
    "rob", "roger", "roman", "rose", "ruby", "ruth", "sterling", "sue", "summer", "victor",
    "wade", "will",
];

/// Whether `w` is a given name that is an everyday English word
/// ([`EVERYDAY_GIVEN`]).
fn everyday_given(w: &str) -> bool {
    EVERYDAY_GIVEN.binary_search(&fold(w).as_str()).is_ok()
}

fn english_word(w: &str) -> bool {
    w.is_ascii() && wordnik_list::word_exists(&fold(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_name_that_is_an_english_word_stays_a_part_elsewhere() {
        assert_eq!(
            person_in("Anna Zielińska", false).as_deref(),
            Some("Anna Zielińska")
        );
        assert_eq!(
            person_in("Dr Mark Baker", false).as_deref(),
            Some("Mark Baker")
        );
    }

    #[test]
    fn a_firm_named_after_its_partners_names_them() {
        for (name, names) in [
            ("Kowalski i Wspólnicy", vec!["Kowalski"]),
            ("Baker, Hale & Sons", vec!["Baker", "Hale"]),
            ("Großmann & Söhne", vec!["Großmann"]),
            ("Smith & Jones", vec![]),
            ("Salt & Pepper", vec![]),
            ("Acme Logistics & Partners", vec![]),
            ("Partners", vec![]),
        ] {
            assert_eq!(surnames_in(name), names, "{name}");
        }
    }

    #[test]
    fn the_list_is_sorted_and_folded() {
        assert!(GIVEN_NAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(PARTNERS.windows(2).all(|w| w[0] < w[1]));
        assert!(TRADES.windows(2).all(|w| w[0] < w[1]));
        assert!(EVERYDAY_GIVEN.windows(2).all(|w| w[0] < w[1]));
        assert!(TRADES.iter().all(|n| fold(n) == *n));
        assert!(PARTNERS.iter().all(|n| fold(n) == *n));
        assert!(GIVEN_NAMES.iter().all(|n| fold(n) == *n));
    }

    #[test]
    fn a_person_is_a_given_name_or_a_title_and_a_surname() {
        for (name, person) in [
            ("Anna Zielińska", Some("Anna Zielińska")),
            ("Piotr Nowak-Zieliński", Some("Piotr Nowak-Zieliński")),
            ("Dr Ngozi Okafor", Some("Ngozi Okafor")),
            ("lek. dent. Anna Zielińska", Some("Anna Zielińska")),
            ("Usługi Remontowe Jan Kowalski", Some("Jan Kowalski")),
            ("PPHU Nowak Tomasz", Some("Nowak Tomasz")),
            ("Nowak Anna Usługi Księgowe", Some("Nowak Anna")),
            (
                "Tomasz Kowalczyk Usługi Remontowe",
                Some("Tomasz Kowalczyk"),
            ),
            ("Jan Kowalski PPHU", Some("Jan Kowalski")),
            ("Mark Baker Photography", None),
            ("Rose Garden", None),
            ("Dr Mark Baker", Some("Baker")),
            ("Mark Kowalczyk", Some("Kowalczyk")),
            ("Anna Łułu", Some("Anna Łułu")),
            ("Frank Kowalczyk", Some("Kowalczyk")),
            (
                "Katarzyna Maria Wiśniewska",
                Some("Katarzyna Maria Wiśniewska"),
            ),
            ("María García López", Some("María García López")),
            ("Quillfeather Harbor Stationers", None),
            ("Drukarnia Sowa", None),
            ("Victoria Logistics", None),
            ("Anna", None),
            ("Harbor Freight Logistics", None),
        ] {
            assert_eq!(person_in(name, true).as_deref(), person, "{name}");
        }
    }
}
