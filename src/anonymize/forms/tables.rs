//! The word lists the forms are made with: name particles, legal forms
//! (after a name and before one), articles, connectors, quotes and
//! apostrophes, generic mailboxes and public email providers.

/// Name particles that are not name parts on their own.
pub(crate) const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "del", "della", "las", "los", "bin", "ibn", "de", "la", "le", "di",
    "da", "du", "des", "ten", "ter", "zu", "dos", "das", "al", "el", // Irish, Welsh, Nordic
    "ni", "nic", "mac", "o", "ui", "ua", "ap", "af",
];

/// Legal forms that notes leave off an organisation's name.
pub(super) const LEGAL_FORMS: &[&str] = &[
    // Arabic limited liability company; Hebrew "Ltd".
    "ذ.م.م",
    "ش.م.م",
    "בע\"מ",
    "בע״מ",
    "inc",
    "inc.",
    "llc",
    "l.l.c.",
    "ltd",
    "ltd.",
    "limited",
    "plc",
    "gmbh",
    "gmbh & co. kg",
    "ag",
    "kg",
    "s.a.",
    "sa",
    "s.r.l.",
    "srl",
    "s.p.a.",
    "spa",
    "b.v.",
    "bv",
    "n.v.",
    "nv",
    "oy",
    "oyj",
    "ab",
    "as",
    "a/s",
    "asa",
    "aps",
    "sp. z o.o.",
    "sp.z o.o.",
    "sp. j.",
    "sp. k.",
    "s.c.",
    "spółka z o.o.",
    "s.r.o.",
    "a.s.",
    "d.o.o.",
    "d.d.",
    "kft",
    "kft.",
    "zrt",
    "zrt.",
    "oü",
    "as.",
    "co.",
    "co",
    "corp",
    "corp.",
    "corporation",
    "company",
    "llp",
    "lp",
    "pty ltd",
    "pty. ltd.",
    "pty",
    "sarl",
    "sas",
    "s.a.s.",
    "e.k.",
    "ug",
    "k.k.",
    "kk",
    "bhd",
    "sdn bhd",
    "pte ltd",
    "pte. ltd.",
    "ltda",
    "ltda.",
    "s.l.",
    "sl",
    "teo",
];

/// Words left out of an organisation's initials as well as kept in them
/// (`Bread and Butter Bakery`: `BBB` and `BABB`): every word of [`ANDS`],
/// and a few more.
pub(super) const CONNECTORS: &[&str] = &[
    "and", "und", "et", "en", "y", "e", "i", "og", "och", "of", "the", "&", "for",
];

/// Mailboxes that say nothing about who owns them.
pub(super) const GENERIC_MAILBOXES: &[&str] = &[
    "info",
    "support",
    "sales",
    "billing",
    "admin",
    "office",
    "hello",
    "contact",
    "team",
    "accounts",
    "enquiries",
    "help",
    "mail",
    "noreply",
    "no-reply",
    "biuro",
    "kontakt",
];

/// Public mail and placeholder providers: their domains are not secrets.
pub(super) const PUBLIC_PROVIDERS: &[&str] = &[
    "gmail",
    "googlemail",
    "outlook",
    "hotmail",
    "live",
    "msn",
    "yahoo",
    "icloud",
    "me",
    "mac",
    "proton",
    "protonmail",
    "pm",
    "aol",
    "gmx",
    "web",
    "mail",
    "yandex",
    "zoho",
    "fastmail",
    "wp",
    "onet",
    "interia",
    "o2",
    "example",
    "test",
    "invalid",
    "localhost",
    "seznam",
    "libero",
    "orange",
    "free",
    "laposte",
    "t-online",
    "freenet",
    "tutanota",
    "hey",
];

/// Legal forms written before the name (folded, lower-case).
pub(super) const LEADING_LEGAL_FORMS: &[&str] = &[
    "ооо",
    "оао",
    "зао",
    "пао",
    "ао",
    "ип",
    "тов",
    "пп",
    "ат",
    "ооод",
    "еоод",
    "m/s",
    "m/s.",
    "messrs",
    "messrs.",
    "s.c.",
    "sc",
    "ste",
    "sté",
    "société",
    "ppuh",
    "pphu",
    "phu",
    "fhu",
    "p.p.h.u.",
    "p.h.u.",
    "f.h.u.",
    "công ty tnhh",
    "công ty cổ phần",
    "công ty",
    // Arabic "company", "establishment"; Hebrew "company (of)".
    "شركة",
    "مؤسسة",
    "חברת",
    "pt",
    "pt.",
    "cv",
    "cv.",
];

/// Words a name may start with that say only what kind of business it is
/// (lower-case), which notes and letters leave off: `Złoty Kłos` of
/// `Piekarnia Złoty Kłos`, `Grünfeld Architekten` of `Atelier Grünfeld
/// Architekten`. Polish, German, French, Italian, Spanish and the words
/// English shares with them.
pub(super) const LEADING_KINDS: &[&str] = &[
    // Polish
    "piekarnia",
    "drukarnia",
    "apteka",
    "kancelaria",
    "hurtownia",
    "pracownia",
    "restauracja",
    "kawiarnia",
    "cukiernia",
    "księgarnia",
    "sklep",
    "zakład",
    "przedsiębiorstwo",
    "biuro",
    "agencja",
    "klinika",
    "przychodnia",
    "gabinet",
    "warsztat",
    "pensjonat",
    "szkoła",
    "fundacja",
    "stowarzyszenie",
    "spółdzielnia",
    "wydawnictwo",
    "browar",
    "winnica",
    "gospodarstwo",
    "hotel",
    "salon",
    "studio",
    // German
    "bäckerei",
    "metzgerei",
    "druckerei",
    "brauerei",
    "apotheke",
    "kanzlei",
    "praxis",
    "gasthaus",
    "gasthof",
    "autohaus",
    "weingut",
    "atelier",
    // French, Italian, Spanish
    "boulangerie",
    "pharmacie",
    "librairie",
    "brasserie",
    "cabinet",
    "panificio",
    "farmacia",
    "ristorante",
    "trattoria",
    "panadería",
    "restaurante",
    "despacho",
];

/// Articles a name may start with, that notes leave off.
pub(super) const ARTICLES: &[&str] = &[
    "the", "de", "het", "el", "la", "le", "les", "los", "las", "die", "der", "das", "il", "lo",
];

/// Words for "and" that `&` stands for, in the languages a handbook's
/// pages may be written in: `Großmann & Söhne` is also `Großmann und
/// Söhne` on a German page, `Kowalski i Syn` on a Polish one, `Hansen og
/// Sønner`, `Lindqvist och Söner`, `García y Hermanos`.
pub(super) const ANDS: &[&str] = &["and", "und", "et", "en", "y", "e", "i", "og", "och"];

/// Quotes a name may be written in.
pub(super) const QUOTES: &[char] = &[
    '«', '»', '“', '”', '„', '"', '\'', '‘', '’', '‹', '›', '「', '」',
];

/// Apostrophes as names are written with them (`O'Brien`, `D’Angelo`).
pub(super) const APOSTROPHES: [char; 4] = ['\'', '’', 'ʼ', '`'];
