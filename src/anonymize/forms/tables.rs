//! The word lists the forms are made with: name particles, legal forms
//! (after a name and before one), articles, connectors, quotes and
//! apostrophes, generic mailboxes and public email providers.

/// Name particles that are not name parts on their own.
pub(super) const PARTICLES: &[&str] = &[
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
/// (`Bread and Butter Bakery`: `BBB` and `BABB`).
pub(super) const CONNECTORS: &[&str] = &["and", "of", "the", "&", "und", "et", "y", "i", "for"];

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

/// Articles a name may start with, that notes leave off.
pub(super) const ARTICLES: &[&str] = &[
    "the", "de", "het", "el", "la", "le", "les", "los", "las", "die", "der", "das", "il", "lo",
];

/// Words for "and" that `&` stands for.
pub(super) const ANDS: &[&str] = &["and", "und", "et", "en"];

/// Quotes a name may be written in.
pub(super) const QUOTES: &[char] = &[
    '«', '»', '“', '”', '„', '"', '\'', '‘', '’', '‹', '›', '「', '」',
];

/// Apostrophes as names are written with them (`O'Brien`, `D’Angelo`).
pub(super) const APOSTROPHES: [char; 4] = ['\'', '’', 'ʼ', '`'];
