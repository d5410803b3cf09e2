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
        // Małgorzata: -y/-i (gen), -ie/-cie/-dzie (dat, loc), -ę (acc),
        // -ą (instr).
        return match ending {
            "y" | "i" => Some(Case::Genitive),
            e if e.ends_with("ie") && after(&LOCATIVE) => Some(Case::Locative),
            e if e.ends_with("ie") => Some(Case::Dative),
            "ę" => Some(Case::Accusative),
            "ą" => Some(Case::Instrumental),
            _ => None,
        };
    }
    // Tomasz, Kowalczyk: -a (gen, acc), -owi (dat), -em/-iem (instr),
    // -u/-ie/-e (loc, voc).
    match ending {
        "a" => Some(Case::Genitive),
        "owi" => Some(Case::Dative),
        "em" | "iem" => Some(Case::Instrumental),
        "u" | "ie" | "e" => Some(Case::Locative),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ] {
            assert_eq!(case_of(word, part, before), case, "{word} of {part}");
        }
    }
}
