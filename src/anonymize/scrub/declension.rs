//! The case a Polish name is written in, read from its ending, so that the
//! words standing in for it take the same case: "zadzwoniła do opiekuna
//! klienta", not "do opiekun klienta" (of "do Tomasza").
//!
//! A heuristic, by design: an ending that belongs to two cases (`-ie` of
//! a woman's name is dative or locative, `-iej` of `-ska` genitive, dative
//! or locative) is settled by the preposition before the name, or left to
//! the likelier case. A wrong guess reads as a slip of grammar; no guess
//! reads as the nominative in every sentence.

/// A grammatical case other than the nominative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Genitive,
    Dative,
    /// Written as the genitive in the words exitbook declines (a man's
    /// role: "widziałem opiekuna klienta").
    Accusative,
    Instrumental,
    Locative,
}

/// Prepositions that take the locative.
const LOCATIVE: [&str; 6] = ["o", "w", "we", "na", "przy", "po"];
/// Prepositions that take the instrumental (before a person).
const INSTRUMENTAL: [&str; 7] = ["z", "ze", "przed", "nad", "pod", "za", "między"];
/// Prepositions that take the dative.
const DATIVE: [&str; 4] = ["dzięki", "ku", "przeciw", "wbrew"];

/// Verbs (their stems, as written in the present and the past) that take
/// the dative of the person they happen to: "Wiśniewskiej zależało",
/// "Kowalskiej nie pasował termin".
const DATIVE_VERBS: [&str; 9] = [
    "zależ",
    "podoba",
    "brak",
    "pasow",
    "pasuj",
    "przeszkadza",
    "wystarcz",
    "spieszy",
    "chodzi",
];

/// Does `rest` (the text right after a name) open with a verb that takes
/// the dative, `nie` before it or not?
pub fn dative_verb_after(rest: &str) -> bool {
    let mut words = rest
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let first = words.next();
    let verb = match first.as_deref() {
        Some("nie") => words.next(),
        _ => first,
    };
    verb.is_some_and(|v| DATIVE_VERBS.iter().any(|stem| v.starts_with(stem)))
}

/// The case of `word`, a form of the name part `part` (both in lower
/// case, as written), after the word `before` (a preposition, or none):
/// `None` for the part itself or an ending not read here.
pub fn case_of(word: &str, part: &str, before: Option<&str>) -> Option<Case> {
    if word == part {
        return None;
    }
    let common = word
        .chars()
        .zip(part.chars())
        .take_while(|(a, b)| a == b)
        .count();
    if common < 3 {
        return None;
    }
    let ending: String = word.chars().skip(common).collect();
    let before = before.map(str::to_lowercase);
    let after = |set: &[&str]| before.as_deref().is_some_and(|b| set.contains(&b));
    let adjective = ["ska", "cka", "dzka"].iter().any(|e| part.ends_with(e));
    if ["ski", "cki", "dzki"].iter().any(|e| part.ends_with(e)) {
        // Jasiński: -iego (gen, acc), -iemu (dat), -im (instr, loc).
        return match ending.trim_start_matches('i') {
            "ego" => Some(Case::Genitive),
            "emu" => Some(Case::Dative),
            "m" if after(&LOCATIVE) => Some(Case::Locative),
            "m" => Some(Case::Instrumental),
            _ => None,
        };
    }
    let feminine = part.ends_with('a');
    let ending = ending.as_str();
    if adjective {
        // Wiśniewska: -iej (gen, dat, loc), -ą (acc, instr).
        return match ending {
            "iej" | "ej" if after(&LOCATIVE) => Some(Case::Locative),
            "iej" | "ej" if after(&DATIVE) => Some(Case::Dative),
            "iej" | "ej" => Some(Case::Genitive),
            "ą" if after(&INSTRUMENTAL) => Some(Case::Instrumental),
            "ą" => Some(Case::Accusative),
            _ => None,
        };
    }
    if feminine {
        // Małgorzata: -y/-i (gen), -ie/-cie/-dzie (dat, loc; also after
        // a consonant that changes: Agnieszce, Oldze, Barbarze), -ę (acc),
        // -ą (instr).
        // A name in `-ia` drops its `a` in the genitive, dative and
        // locative alike (Drukarnia: `dla Drukarni`, `o Drukarni`).
        if ending.is_empty() && part.ends_with("ia") {
            return Some(if after(&LOCATIVE) {
                Case::Locative
            } else if after(&DATIVE) {
                Case::Dative
            } else {
                Case::Genitive
            });
        }
        return match ending {
            "y" | "i" => Some(Case::Genitive),
            e if e.ends_with('e') && after(&LOCATIVE) => Some(Case::Locative),
            e if e.ends_with('e') => Some(Case::Dative),
            "ę" => Some(Case::Accusative),
            "ą" => Some(Case::Instrumental),
            _ => None,
        };
    }
    // Tomasz, Kowalczyk: -a (gen, acc), -owi (dat), -em/-iem (instr),
    // -u/-ie/-e (loc, voc); after the stem less the vowel that drops
    // (Wróbel: Wróbla, Wróblowi; Marek: Marka; Paweł: Pawła).
    let dropped = part
        .char_indices()
        .rev()
        .nth(1)
        .filter(|&(_, c)| c == 'e')
        .map(|(i, _)| format!("{}{}", &part[..i], &part[i + 1..]));
    let ending = dropped
        .as_deref()
        .and_then(|d| word.strip_prefix(d))
        .unwrap_or(ending);
    match ending {
        "a" => Some(Case::Genitive),
        "owi" => Some(Case::Dative),
        "em" | "iem" => Some(Case::Instrumental),
        "u" | "ie" | "e" => Some(Case::Locative),
        _ => None,
    }
}

/// A contact's role as declared (`Dyrektor finansowa`, `Kierownik
/// zakupów`) in `case`, for a woman where `feminine`: its adjectives and
/// its first noun declined, from the first word on, until a word that is
/// neither (a complement in the genitive, `zakupów`, `ds.`), which stays
/// as written with the rest. `None` where the first word is not read:
/// the role then stays in the nominative.
///
/// A woman's title that is a man's noun (`Dyrektor`, `Prezes`) does not
/// decline ("z dyrektor finansową"); a man's does ("z dyrektorem
/// finansowym").
pub fn decline_role(role: &str, case: Case, feminine: bool) -> Option<String> {
    let mut out: Vec<String> = Vec::new();
    let mut noun = false;
    let mut words = role.split(' ');
    for w in words.by_ref() {
        let lower = w.to_lowercase();
        let declined = match kind(&lower, feminine) {
            Kind::Adjective => adjective(&lower, case, feminine),
            Kind::Noun if !noun => {
                noun = true;
                if feminine {
                    feminine_noun(&lower, case)
                } else {
                    masculine_noun(&lower, case)
                }
            }
            _ => None,
        };
        match declined {
            Some(d) => out.push(if w.starts_with(char::is_uppercase) {
                super::capitalised(&d)
            } else {
                d
            }),
            None => {
                // A word that may be the role's noun, not read here
                // (`specjalista`): better the nominative than half a case.
                let unread_noun = !noun && w.chars().all(char::is_alphabetic);
                if out.is_empty() || unread_noun {
                    return None;
                }
                out.push(w.to_string());
                break;
            }
        }
    }
    out.extend(words.map(str::to_string));
    Some(out.join(" "))
}

enum Kind {
    Adjective,
    Noun,
    Other,
}

/// Men's nouns of job titles that decline as the rules below say (and,
/// used for a woman, stay as they are): a role's noun must be one of them
/// or a woman's `-ka`, so that an English role on a Polish page (`Head of
/// Sales`) is never given Polish endings.
const TITLES: [&str; 40] = [
    "administrator",
    "analityk",
    "architekt",
    "asystent",
    "audytor",
    "dyrektor",
    "dyspozytor",
    "ekspert",
    "inżynier",
    "kierownik",
    "konsultant",
    "kontroler",
    "koordynator",
    "lider",
    "logistyk",
    "manager",
    "menadżer",
    "menedżer",
    "mistrz",
    "opiekun",
    "partner",
    "pełnomocnik",
    "prezes",
    "projektant",
    "prokurent",
    "przedstawiciel",
    "redaktor",
    "referent",
    "rzecznik",
    "sekretarz",
    "szef",
    "technolog",
    "wicedyrektor",
    "wiceprezes",
    "właściciel",
    "współwłaściciel",
    "wspólnik",
    "założyciel",
    "współzałożyciel",
    "naczelnik",
];

/// Whether a word of a role (in lower case) reads as an adjective or a
/// noun in the nominative, for a woman or a man.
fn kind(w: &str, feminine: bool) -> Kind {
    const FEMININE: [&str; 10] = [
        "owa", "na", "ska", "cka", "dzka", "wa", "ta", "ła", "sza", "nia",
    ];
    const MASCULINE: [&str; 8] = ["owy", "ny", "wy", "szy", "ski", "cki", "dzki", "ni"];
    let letters = w.chars().count() >= 3 && w.chars().all(char::is_alphabetic);
    if !letters {
        return Kind::Other;
    }
    if feminine && w.ends_with("ka") {
        return Kind::Noun;
    }
    if feminine && FEMININE.iter().any(|e| w.ends_with(e)) {
        return Kind::Adjective;
    }
    if !feminine && MASCULINE.iter().any(|e| w.ends_with(e)) {
        return Kind::Adjective;
    }
    if TITLES.contains(&w) && w.ends_with(|c: char| !"aeiouyąęó".contains(c)) {
        return Kind::Noun;
    }
    Kind::Other
}

fn adjective(w: &str, case: Case, feminine: bool) -> Option<String> {
    if feminine {
        let stem = w.strip_suffix('a')?;
        return Some(match case {
            Case::Genitive | Case::Dative | Case::Locative => format!("{stem}ej"),
            Case::Accusative | Case::Instrumental => format!("{stem}ą"),
        });
    }
    // finansowy → finansowego; polski → polskiego.
    let stem = w.strip_suffix('y').unwrap_or(w);
    Some(match case {
        Case::Genitive | Case::Accusative => format!("{stem}ego"),
        Case::Dative => format!("{stem}emu"),
        Case::Instrumental | Case::Locative => format!("{w}m"),
    })
}

/// A woman's noun: `-ka` (`kierowniczka`, `dyrektorka`) declines; a man's
/// noun used for her (`dyrektor`) stays as it is.
fn feminine_noun(w: &str, case: Case) -> Option<String> {
    let Some(stem) = w.strip_suffix("ka") else {
        return Some(w.to_string());
    };
    Some(match case {
        Case::Genitive => format!("{stem}ki"),
        Case::Dative | Case::Locative => format!("{stem}ce"),
        Case::Accusative => format!("{stem}kę"),
        Case::Instrumental => format!("{stem}ką"),
    })
}

/// A man's noun ending in a consonant (`dyrektor`, `kierownik`, `prezes`,
/// `właściciel`); `-ec` (which loses its `e`) is not read.
fn masculine_noun(w: &str, case: Case) -> Option<String> {
    if w.ends_with("ec") {
        return None;
    }
    let velar = w.ends_with(['k', 'g']);
    Some(match case {
        Case::Genitive | Case::Accusative => format!("{w}a"),
        Case::Dative => format!("{w}owi"),
        Case::Instrumental if velar => format!("{w}iem"),
        Case::Instrumental => format!("{w}em"),
        Case::Locative => {
            const SOFT: [&str; 13] = [
                "k", "g", "h", "l", "j", "cz", "sz", "rz", "ż", "ć", "ń", "ś", "ź",
            ];
            const HARD: [(&str, &str); 11] = [
                ("r", "rze"),
                ("t", "cie"),
                ("d", "dzie"),
                ("s", "sie"),
                ("n", "nie"),
                ("f", "fie"),
                ("w", "wie"),
                ("m", "mie"),
                ("b", "bie"),
                ("p", "pie"),
                ("ł", "le"),
            ];
            if SOFT.iter().any(|e| w.ends_with(e)) {
                format!("{w}u")
            } else {
                let (end, with) = HARD.iter().find(|(e, _)| w.ends_with(e))?;
                format!("{}{with}", &w[..w.len() - end.len()])
            }
        }
    })
}

/// The feminine noun a client's stand-in takes where a Polish text treats
/// the name it wrote (`name`, the title that went with it included) as
/// feminine, so that the stand-in agrees with the verbs and adjectives
/// around it: [`Feminine::Person`] after `Pani`, or for a woman's name
/// (`-ska`, `-cka`, `-dzka` among its words, or a first word in `-a`:
/// Anna) where the client is a person (`person`); [`Feminine::Firm`] for
/// an organisation whose name's first word, its noun, ends in `-a`
/// (`Drukarnia`, `Kancelaria`, `Fundacja`). `None` (a man's noun) after
/// `Pan`, or in lower case. A guess where no title says: a man's surname
/// in `-a` (Jan Sowa) reads as a woman's.
pub fn feminine_name(name: &str, declared: &[String], person: bool) -> Option<Feminine> {
    let first = name
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .map(str::to_lowercase);
    match first.as_deref() {
        Some("pani" | "panią") => return Some(Feminine::Person),
        Some("pan" | "pana" | "panu" | "panem") => return None,
        _ => {}
    }
    // (A name written in lower case is an identifier, a folder's or a
    // handle's, `drukarniasowa2024`: no verb agrees with it.)
    if !name.starts_with(char::is_uppercase) {
        return None;
    }
    let mut words = declared
        .iter()
        .filter(|d| d.chars().count() >= 3 && d.chars().all(char::is_alphabetic));
    if person {
        let woman = |d: &&String| ["ska", "cka", "dzka"].iter().any(|e| d.ends_with(e));
        let given = declared.first().is_some_and(|d| d.ends_with('a'));
        (given || words.any(|d| woman(&d))).then_some(Feminine::Person)
    } else {
        words
            .next()
            .is_some_and(|d| d.ends_with('a'))
            .then_some(Feminine::Firm)
    }
}

/// Which feminine noun a client's stand-in takes ([`feminine_name`]): the
/// index into `crate::anonymize::words::Words::client_feminine`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feminine {
    /// A woman: "Klientka".
    Person = 0,
    /// A firm: "Firma".
    Firm = 1,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_reads_as_feminine_by_its_title_its_noun_or_its_woman() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let firm = words(&["drukarnia", "sowa"]);
        let (woman, firm_noun) = (Some(Feminine::Person), Some(Feminine::Firm));
        assert_eq!(feminine_name("Drukarnia Sowa", &firm, false), firm_noun);
        assert_eq!(feminine_name("Pani Sowa", &firm, false), woman);
        assert_eq!(feminine_name("Pan Sowa", &firm, false), None);
        assert_eq!(feminine_name("drukarniasowa", &firm, false), None);
        let bank = words(&["bank", "rolny"]);
        assert_eq!(feminine_name("Bank Rolny", &bank, false), None);
        let anna = words(&["anna", "nowak"]);
        assert_eq!(feminine_name("Anna Nowak", &anna, true), woman);
        let ewa = words(&["ewa", "nowak"]);
        assert_eq!(feminine_name("Nowak", &ewa, true), woman);
        let tomasz = words(&["tomasz", "nowak"]);
        assert_eq!(feminine_name("Nowak", &tomasz, true), None);
        let zielinska = words(&["zielińska"]);
        assert_eq!(feminine_name("Zielińską", &zielinska, true), woman);
    }

    #[test]
    fn a_verb_that_takes_the_dative_is_read_after_a_name() {
        for yes in [" zależało na czasie", " nie pasował termin", ", brakowało"] {
            assert!(dative_verb_after(yes), "{yes}");
        }
        for no in [" zadzwoniła", " nie odpisała", "", " dom"] {
            assert!(!dative_verb_after(no), "{no}");
        }
    }

    #[test]
    fn declines_a_role_up_to_its_complement() {
        use Case::*;
        for (role, case, feminine, reads) in [
            (
                "Dyrektor finansowa",
                Instrumental,
                true,
                Some("Dyrektor finansową"),
            ),
            (
                "Dyrektor finansowa",
                Dative,
                true,
                Some("Dyrektor finansowej"),
            ),
            ("Główna księgowa", Genitive, true, Some("Głównej księgowej")),
            (
                "Kierowniczka działu sprzedaży",
                Instrumental,
                true,
                Some("Kierowniczką działu sprzedaży"),
            ),
            (
                "Kierowniczka zakupów",
                Locative,
                true,
                Some("Kierowniczce zakupów"),
            ),
            (
                "Dyrektor finansowy",
                Instrumental,
                false,
                Some("Dyrektorem finansowym"),
            ),
            (
                "Dyrektor finansowy",
                Locative,
                false,
                Some("Dyrektorze finansowym"),
            ),
            (
                "dyrektor finansowy",
                Dative,
                false,
                Some("dyrektorowi finansowemu"),
            ),
            (
                "Kierownik zakupów",
                Instrumental,
                false,
                Some("Kierownikiem zakupów"),
            ),
            (
                "Kierownik zakupów",
                Locative,
                false,
                Some("Kierowniku zakupów"),
            ),
            ("Prezes zarządu", Genitive, false, Some("Prezesa zarządu")),
            ("Prezes zarządu", Locative, false, Some("Prezesie zarządu")),
            ("Właściciel", Dative, false, Some("Właścicielowi")),
            ("Specjalista ds. zakupów", Genitive, false, None),
            ("CFO", Instrumental, false, None),
            ("Head of Sales", Instrumental, false, None),
            ("Deputy Director", Genitive, false, None),
            ("Head of Sales", Instrumental, true, None),
            ("Starszy specjalista", Genitive, false, None),
            (
                "Księgowa ds. płac",
                Instrumental,
                true,
                Some("Księgową ds. płac"),
            ),
        ] {
            assert_eq!(
                decline_role(role, case, feminine).as_deref(),
                reads,
                "{role} in {case:?}"
            );
        }
    }

    #[test]
    fn reads_the_case_from_the_ending_and_the_preposition() {
        for (word, part, before, case) in [
            ("tomasz", "tomasz", None, None),
            ("tomasza", "tomasz", Some("do"), Some(Case::Genitive)),
            ("tomaszowi", "tomasz", None, Some(Case::Dative)),
            ("tomaszem", "tomasz", Some("z"), Some(Case::Instrumental)),
            ("tomaszu", "tomasz", Some("o"), Some(Case::Locative)),
            ("kowalczykiem", "kowalczyk", None, Some(Case::Instrumental)),
            ("małgorzata", "małgorzata", None, None),
            ("małgorzaty", "małgorzata", None, Some(Case::Genitive)),
            ("małgorzacie", "małgorzata", Some("o"), Some(Case::Locative)),
            ("małgorzacie", "małgorzata", None, Some(Case::Dative)),
            ("agnieszce", "agnieszka", None, Some(Case::Dative)),
            ("barbarze", "barbara", Some("o"), Some(Case::Locative)),
            ("małgorzatę", "małgorzata", None, Some(Case::Accusative)),
            (
                "małgorzatą",
                "małgorzata",
                Some("z"),
                Some(Case::Instrumental),
            ),
            (
                "wiśniewskiej",
                "wiśniewska",
                Some("przy"),
                Some(Case::Locative),
            ),
            ("wiśniewskiej", "wiśniewska", None, Some(Case::Genitive)),
            (
                "wiśniewską",
                "wiśniewska",
                Some("z"),
                Some(Case::Instrumental),
            ),
            ("wiśniewską", "wiśniewska", None, Some(Case::Accusative)),
            ("anna", "tomasz", None, None),
            // A vowel that drops.
            ("wróbla", "wróbel", Some("u"), Some(Case::Genitive)),
            ("wróblowi", "wróbel", None, Some(Case::Dative)),
            ("wróblem", "wróbel", Some("z"), Some(Case::Instrumental)),
            ("pawła", "paweł", None, Some(Case::Genitive)),
            ("daniela", "daniel", None, Some(Case::Genitive)),
            // A man's surname that is an adjective.
            ("jasińskiego", "jasiński", Some("do"), Some(Case::Genitive)),
            ("jasińskiemu", "jasiński", None, Some(Case::Dative)),
            ("jasińskim", "jasiński", Some("z"), Some(Case::Instrumental)),
            ("jasińskim", "jasiński", Some("o"), Some(Case::Locative)),
            ("nowickiego", "nowicki", None, Some(Case::Genitive)),
        ] {
            assert_eq!(case_of(word, part, before), case, "{word} of {part}");
        }
    }
}
