//! The words the anonymizer writes in a value's place, in the site's
//! language: a Polish page reads "Dyrektorka powiedziała", not "the
//! Dyrektorka powiedziała", and "[telefon ukryty]", not "[phone withheld]".
//! (The site's own interface text is the theme's `i18n/<lang>.toml`; these
//! words are written into the handbook's text before any page exists.)

/// The words of one language.
#[derive(Debug)]
pub struct Words {
    /// What goes before a contact's role (`"the "`; nothing in Polish,
    /// which has no articles).
    pub article: &'static str,
    /// The first word of a client's pseudonym ("Client Cobalt Heron").
    pub client_prefix: &'static str,
    /// The first word of a contact's pseudonym ("Contact Amber Wren").
    pub contact_prefix: &'static str,
    pub client: &'static str,
    pub contact: &'static str,
    pub client_contact: &'static str,
    pub owner: &'static str,
    /// [`Words::owner`] in the genitive, dative, accusative, instrumental
    /// and locative, for a language that declines it (`do opiekuna
    /// klienta`); none in English.
    pub owner_cases: Option<[&'static str; 5]>,
    /// [`Words::client_prefix`] in the same five cases (`w Kliencie Cobalt
    /// Heron`): the rest of a pseudonym is a name, and stays as it is.
    pub client_prefix_cases: Option<[&'static str; 5]>,
    /// For a language whose verbs and adjectives say a name's gender
    /// (Polish: "Drukarnia Sowa odeszła", "Pani Zielińska zadzwoniła"),
    /// the first word of a client's pseudonym where the text treats the
    /// name as feminine, in the nominative and the five cases above: for a
    /// client who is a person ("Klientka Cobalt Heron zadzwoniła"), and for
    /// an organisation ("Firma Cobalt Heron odeszła"). "Klient … odeszła"
    /// reads as a slip. None in English.
    pub client_feminine: Option<[[&'static str; 6]; 2]>,
    /// Whether a contact's role, written in this language, is declined to
    /// the case of the name it stands in for (`z Małgorzatą` → "z dyrektor
    /// finansową"; Polish).
    pub declines_roles: bool,
    pub email: &'static str,
    pub phone: &'static str,
    pub card: &'static str,
    pub withheld: &'static str,
}

const ENGLISH: Words = Words {
    article: "the ",
    client_prefix: "Client",
    contact_prefix: "Contact",
    client: "the client",
    contact: "the contact",
    client_contact: "the client's contact",
    owner: "the account owner",
    owner_cases: None,
    client_prefix_cases: None,
    client_feminine: None,
    declines_roles: false,
    email: "[email withheld]",
    phone: "[phone withheld]",
    card: "[card number withheld]",
    withheld: "[withheld]",
};

const POLISH: Words = Words {
    article: "",
    client_prefix: "Klient",
    contact_prefix: "Kontakt",
    client: "klient",
    contact: "osoba kontaktowa",
    client_contact: "osoba kontaktowa klienta",
    owner: "opiekun klienta",
    owner_cases: Some([
        "opiekuna klienta",
        "opiekunowi klienta",
        "opiekuna klienta",
        "opiekunem klienta",
        "opiekunie klienta",
    ]),
    client_prefix_cases: Some(["Klienta", "Klientowi", "Klienta", "Klientem", "Kliencie"]),
    client_feminine: Some([
        [
            "Klientka",
            "Klientki",
            "Klientce",
            "Klientkę",
            "Klientką",
            "Klientce",
        ],
        ["Firma", "Firmy", "Firmie", "Firmę", "Firmą", "Firmie"],
    ]),
    declines_roles: true,
    email: "[e-mail ukryty]",
    phone: "[telefon ukryty]",
    card: "[numer karty ukryty]",
    withheld: "[ukryte]",
};

impl Words {
    /// Whether `word` is the first word of a client's pseudonym, in any
    /// case the language declines it to (`Klientem`), in any letter case:
    /// a text that writes it before the client's name ("the client Acme",
    /// "z klientem Drukarnia Sowa") needs it only once.
    pub fn is_client_word(&self, word: &str) -> bool {
        std::iter::once(self.client_prefix)
            .chain(self.client_prefix_cases.iter().flatten().copied())
            .chain(self.client_feminine.iter().flatten().flatten().copied())
            .any(|w| w.to_lowercase() == word.to_lowercase())
    }
}

/// Every language's words (for what is ours in any language).
pub const ALL: [&Words; 2] = [&ENGLISH, &POLISH];

/// The words for pages in `lang` (English for a language exitbook does not
/// ship).
pub fn words(lang: &str) -> &'static Words {
    match lang.split(['-', '_']).next().unwrap_or(lang) {
        "pl" => &POLISH,
        _ => &ENGLISH,
    }
}
