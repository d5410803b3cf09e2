//! The words dates and amounts are written and published with, in the
//! languages exitbook recognises in free text (English and Polish; every
//! other language is read and written as English).

/// The language of a case's free text: the site's `language`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Pl,
}

impl Lang {
    pub fn of(code: &str) -> Lang {
        match code {
            "pl" => Lang::Pl,
            _ => Lang::En,
        }
    }
}

/// English month names as published (the one table, in `generalize`).
pub const EN_MONTHS: [&str; 12] = crate::anonymize::generalize::MONTHS;

/// The grammatical case a Polish month name takes after what precedes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `sierpień` (also the accusative: `na sierpień`).
    Nominative,
    /// `sierpnia`: a date (`29 sierpnia`), `do`, `od`, `z`, `końca`.
    Genitive,
    /// `sierpniu`: `w`, `po`.
    Locative,
    /// `sierpniem`: `przed`, `końcem`.
    Instrumental,
}

/// Polish month names: nominative, genitive, locative, instrumental.
pub const PL_MONTHS: [[&str; 4]; 12] = [
    ["styczeń", "stycznia", "styczniu", "styczniem"],
    ["luty", "lutego", "lutym", "lutym"],
    ["marzec", "marca", "marcu", "marcem"],
    ["kwiecień", "kwietnia", "kwietniu", "kwietniem"],
    ["maj", "maja", "maju", "majem"],
    ["czerwiec", "czerwca", "czerwcu", "czerwcem"],
    ["lipiec", "lipca", "lipcu", "lipcem"],
    ["sierpień", "sierpnia", "sierpniu", "sierpniem"],
    ["wrzesień", "września", "wrześniu", "wrześniem"],
    [
        "październik",
        "października",
        "październiku",
        "październikiem",
    ],
    ["listopad", "listopada", "listopadzie", "listopadem"],
    ["grudzień", "grudnia", "grudniu", "grudniem"],
];

pub fn pl_month(month: u8, case: Case) -> &'static str {
    let i = match case {
        Case::Nominative => 0,
        Case::Genitive => 1,
        Case::Locative => 2,
        Case::Instrumental => 3,
    };
    PL_MONTHS[usize::from(month.clamp(1, 12)) - 1][i]
}

/// Roman numerals of months and quarters (`29 VIII 2025`, `III kw.`).
pub const ROMAN: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

/// The month (1–12) an English month name or abbreviation names, if any
/// (`Aug`, `Sept`, `August`; an initial capital is required elsewhere).
pub fn en_month(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let i = EN_MONTHS.iter().position(|m| {
        let m = m.to_ascii_lowercase();
        m == w || (w.len() <= 4 && m.starts_with(&w) && (w.len() == 3 || w == "sept"))
    })?;
    Some(i as u8 + 1)
}

/// The month and case of a Polish month word in any case, if it is one.
pub fn pl_month_word(word: &str) -> Option<(u8, Case)> {
    let w = word.to_lowercase();
    for (i, forms) in PL_MONTHS.iter().enumerate() {
        // `lutym` is both locative and instrumental: the locative wins
        // (`w lutym` is far more common than `przed lutym`).
        for (k, case) in [
            Case::Nominative,
            Case::Genitive,
            Case::Locative,
            Case::Instrumental,
        ]
        .into_iter()
        .enumerate()
        {
            if forms[k] == w {
                return Some((i as u8 + 1, case));
            }
        }
    }
    None
}

/// Words after an ordinal (`the 3rd call`) that make it something other
/// than a day of the month.
pub const NOT_A_DAY_AFTER: &[&str] = &[
    "floor",
    "time",
    "times",
    "anniversary",
    "birthday",
    "century",
    "place",
    "round",
    "day",
    "week",
    "month",
    "year",
    "edition",
    "version",
    "percentile",
    "row",
    "page",
    "item",
    "attempt",
    "call",
    "email",
    "invoice",
    "reminder",
    "draft",
    "revision",
    "meeting",
    "reprint",
    "batch",
    "order",
    "proof",
    "person",
    "one",
    "quarter",
    "issue",
    "step",
    "stage",
    "phase",
];

/// Words that make a bare `2.3k` an amount of money when they stand in the
/// same sentence.
pub const MONEY_WORDS: &[&str] = &[
    "refund",
    "refunded",
    "refunds",
    "credit",
    "credited",
    "discount",
    "discounted",
    "invoice",
    "invoiced",
    "invoices",
    "fee",
    "fees",
    "paid",
    "pay",
    "payment",
    "payments",
    "cost",
    "costs",
    "price",
    "priced",
    "budget",
    "worth",
    "owed",
    "owe",
    "spend",
    "spent",
    "retainer",
    "deposit",
    "write-off",
    "compensation",
    "revenue",
    "bill",
    "billed",
    "charge",
    "charged",
    "quote",
    "quoted",
    "mrr",
    "arr",
    "zwrot",
    "zwrotu",
    "rabat",
    "rabatu",
    "faktura",
    "faktury",
    "fakturę",
    "opłata",
    "opłaty",
    "koszt",
    "koszty",
    "kosztów",
    "budżet",
    "budżetu",
    "kwota",
    "kwotę",
    "kwoty",
    "zapłacił",
    "zapłaciła",
    "zapłacili",
    "rekompensata",
    "rekompensatę",
    "zniżka",
    "zniżkę",
    "abonament",
    "abonamentu",
];

/// Words after which a hidden amount is simply dropped ("a refund of
/// $4,800" → "a refund"): the amount only says how much of it.
pub const EN_OF: &[&str] = &[
    "of",
    "worth",
    "totalling",
    "totaling",
    "amounting to",
    "valued at",
];

/// Polish words after which a hidden amount is dropped with them
/// ("zwrot w wysokości 4 800 zł" → "zwrot").
pub const PL_OF: &[&str] = &[
    "w wysokości",
    "na kwotę",
    "o wartości",
    "w kwocie",
    "na sumę",
];

/// Polish nouns an amount may follow directly ("zwrot 4 800 zł"): the
/// amount is dropped and the noun stands alone.
pub const PL_MONEY_NOUNS: &[&str] = &[
    "zwrot",
    "zwrotu",
    "zwrotem",
    "rabat",
    "rabatu",
    "rabatem",
    "rekompensata",
    "rekompensatę",
    "rekompensaty",
    "zniżka",
    "zniżkę",
    "zniżki",
    "opłata",
    "opłatę",
    "opłaty",
    "faktura",
    "fakturę",
    "faktury",
    "kara",
    "karę",
    "kary",
    "zaliczka",
    "zaliczkę",
    "zaliczki",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_months_and_abbreviations() {
        assert_eq!(en_month("Aug"), Some(8));
        assert_eq!(en_month("Aug."), Some(8));
        assert_eq!(en_month("Sept"), Some(9));
        assert_eq!(en_month("September"), Some(9));
        assert_eq!(en_month("May"), Some(5));
        assert_eq!(en_month("Ma"), None);
        assert_eq!(en_month("Augu"), None);
        assert_eq!(en_month("Monday"), None);
    }

    #[test]
    fn polish_months_in_every_case() {
        assert_eq!(pl_month_word("sierpnia"), Some((8, Case::Genitive)));
        assert_eq!(pl_month_word("Sierpniu"), Some((8, Case::Locative)));
        assert_eq!(pl_month_word("lutym"), Some((2, Case::Locative)));
        assert_eq!(pl_month(3, Case::Instrumental), "marcem");
        assert_eq!(pl_month_word("sierp"), None);
    }
}
