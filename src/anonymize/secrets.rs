//! The secret set: every sensitive value of every record and of
//! `[anonymize] sensitive`, in the forms the publishing guarantee lists, and
//! one multi-pattern automaton that finds any of them in linear time.
//!
//! Text is compared *folded*: lowercased, transliterated to ASCII
//! (`Zoë` → `zoe`, `ß` → `ss`), with invisible characters removed and runs of
//! whitespace collapsed. German umlauts also get their `ue` spelling.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

use crate::config::Config;
use crate::model::record::Record;
use crate::model::site::Site;

/// Where a secret came from: shown instead of the value in every message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The record's path as shown, or `site.toml`.
    pub file: String,
    /// `client.name`, `contacts[0].email`, `[anonymize] sensitive[2]`.
    pub field: String,
    /// Index of the case in `Site::cases`, if it came from a record.
    pub case: Option<usize>,
}

/// How a form must sit in text to count as a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// Letters: matched at word boundaries (`dan` does not hit `dangerous`).
    Words,
    /// Digits of a phone number: matched in the digit projection of text.
    Digits,
}

/// What a form is replaced with (resolved to text by `anonymize`, which
/// knows the pseudonyms and roles).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StandIn {
    /// The client's pseudonym; the key is the folded client name.
    Client(String),
    /// A domain of that client.
    ClientDomain(String),
    /// The main label of a domain of that client.
    ClientLabel(String),
    /// A contact: their role, or a pseudonym (case index, contact index).
    Person(usize, usize),
    /// Our account owner.
    Owner,
    Email,
    Phone,
    /// Anything else: a `sensitive` string.
    Withheld,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub text: String,
    pub kind: FormKind,
    pub origin: usize,
    pub stand_in: StandIn,
    /// Other (origin, stand-in) pairs with the same text, from other
    /// records: text inside a record prefers that record's own meaning.
    pub alts: Vec<(usize, StandIn)>,
}

/// All secrets of the site, ready to search for.
#[derive(Debug, Clone)]
pub struct SecretSet {
    pub origins: Vec<Origin>,
    pub forms: Vec<Form>,
    words: Option<AhoCorasick>,
    word_ids: Vec<usize>,
    digits: Option<AhoCorasick>,
    digit_ids: Vec<usize>,
}

/// Name particles that are not name parts on their own.
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "del", "della", "las", "los", "bin", "ibn", "de", "la", "le", "di",
    "da", "du", "des", "ten", "ter", "zu", "dos", "das", "al", "el",
];

/// Legal forms that notes leave off an organisation's name.
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "inc.",
    "llc",
    "l.l.c.",
    "ltd",
    "ltd.",
    "limited",
    "plc",
    "gmbh",
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
    "oy",
    "ab",
    "as",
    "a/s",
    "sp. z o.o.",
    "s.c.",
    "co.",
    "corp",
    "corp.",
    "corporation",
    "llp",
    "lp",
    "pty ltd",
    "pty. ltd.",
    "sarl",
    "sas",
];

/// Mailboxes that say nothing about who owns them.
const GENERIC_MAILBOXES: &[&str] = &[
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
];

/// Public mail and placeholder providers: their domains are not secrets.
const PUBLIC_PROVIDERS: &[&str] = &[
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
];

/// Second-level labels under which registrations sit (`co.uk`, `com.au`).
const SECOND_LEVEL: &[&str] = &[
    "co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc", "me", "sch", "nhs", "gv", "or",
    "ne", "go", "biz", "info",
];

/// Fold text for comparison: lowercase ASCII transliteration, invisible
/// characters dropped, whitespace collapsed to single spaces. One pass, with
/// a fast path for ASCII: this runs over every byte the site publishes.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let push = |c: char, out: &mut String, space: &mut bool| {
        if c.is_whitespace() {
            *space = true;
        } else {
            if *space && !out.is_empty() {
                out.push(' ');
            }
            *space = false;
            out.push(c.to_ascii_lowercase());
        }
    };
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii() {
            if c.is_ascii_whitespace() {
                space = true;
            } else {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c.to_ascii_lowercase() as char);
            }
            i += 1;
            continue;
        }
        let ch = text[i..].chars().next().unwrap_or(' ');
        i += ch.len_utf8();
        if is_invisible(ch) {
            continue;
        }
        if ch.is_whitespace() {
            space = true;
            continue;
        }
        for t in deunicode::deunicode_char(ch).unwrap_or("").chars() {
            push(t, &mut out, &mut space);
        }
    }
    out
}

/// A slug or a path segment as searchable text. A slug hides a secret as
/// words (`dana-whitfield`) or run together (`harbor-freight` → the domain
/// label `harborfreight`), so both readings are returned.
pub fn slug_text(segment: &str) -> String {
    format!(
        "{} {}",
        segment.replace(['-', '_', '.'], " "),
        segment.replace(['-', '_', '.'], "")
    )
}

/// Zero-width and formatting characters that hide a name from a plain search.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{034F}' | '\u{180E}'
    )
}

/// The `ue`/`oe`/`ae` spelling of German umlauts, folded.
fn umlaut_variant(text: &str) -> Option<String> {
    if !text.chars().any(|c| "äöüÄÖÜ".contains(c)) {
        return None;
    }
    let t: String = text
        .chars()
        .map(|c| match c {
            'ä' | 'Ä' => "ae".to_string(),
            'ö' | 'Ö' => "oe".to_string(),
            'ü' | 'Ü' => "ue".to_string(),
            c => c.to_string(),
        })
        .collect();
    Some(fold(&t))
}

/// The digits of a phone number.
pub fn digits_of(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// The main label of a domain by the public suffix rules we ship:
/// `harborfreight.com` → `harborfreight`, `quillfeather.co.uk` → `quillfeather`.
pub fn main_label(domain: &str) -> Option<String> {
    let d = domain.trim().trim_start_matches("www.").to_lowercase();
    let labels: Vec<&str> = d.split('.').filter(|l| !l.is_empty()).collect();
    match labels.len() {
        0 | 1 => None,
        2 => Some(labels[0].to_string()),
        n => {
            let second = labels[n - 2];
            if SECOND_LEVEL.contains(&second) && labels[n - 1].len() == 2 {
                Some(labels[n - 3].to_string())
            } else {
                Some(labels[n - 2].to_string())
            }
        }
    }
}

struct Builder {
    allow: Vec<String>,
    origins: Vec<Origin>,
    forms: Vec<Form>,
    file: String,
    case: Option<usize>,
}

impl Builder {
    fn origin(&mut self, field: String) -> usize {
        self.origins.push(Origin {
            file: self.file.clone(),
            field,
            case: self.case,
        });
        self.origins.len() - 1
    }

    /// A form that must not be published. Declared values (a name, an
    /// alias such as "B&L", a sensitive string) count from two letters;
    /// name parts from three (`part`).
    fn words(&mut self, origin: usize, text: &str, stand_in: &StandIn) {
        self.form(origin, text, stand_in, 2);
    }

    fn part(&mut self, origin: usize, text: &str, stand_in: &StandIn) {
        self.form(origin, text, stand_in, 3);
    }

    fn form(&mut self, origin: usize, text: &str, stand_in: &StandIn, min: usize) {
        let f = fold(text);
        if f.chars().filter(|c| c.is_alphanumeric()).count() < min || self.allow.contains(&f) {
            return;
        }
        let form = |text: String| Form {
            text,
            kind: FormKind::Words,
            origin,
            stand_in: stand_in.clone(),
            alts: Vec::new(),
        };
        if let Some(v) = umlaut_variant(text) {
            self.forms.push(form(v));
        }
        self.forms.push(form(f));
    }

    /// A free string: the whole value.
    fn value(&mut self, field: String, text: &str) {
        let o = self.origin(field);
        self.words(o, text, &StandIn::Withheld);
    }

    /// An organisation: the whole name, and the name without its legal
    /// form (`Ferrowind Automation Inc.` → `Ferrowind Automation`).
    fn organisation(&mut self, field: String, name: &str, client: &str) {
        let o = self.origin(field);
        let stand_in = StandIn::Client(fold(client));
        self.words(o, name, &stand_in);
        let trimmed = name.trim().trim_end_matches(['.', ',']);
        for suffix in LEGAL_FORMS {
            let lower = trimmed.to_lowercase();
            if lower.ends_with(&format!(" {suffix}")) {
                let base = trimmed[..trimmed.len() - suffix.len()].trim_end_matches([' ', ',']);
                if base.contains(' ') || base.chars().count() >= 5 {
                    self.words(o, base, &stand_in);
                }
            }
        }
    }

    /// A person: the full name and each part of three letters or more.
    fn person(&mut self, field: String, name: &str, stand_in: &StandIn) {
        let o = self.origin(field);
        self.words(o, name, stand_in);
        // A hyphenated part is a form whole ("Mei-Ling") as well as in its
        // pieces, so that the longest match replaces it once.
        for token in name.split_whitespace().filter(|t| t.contains('-')) {
            let token = token.trim_matches(|c: char| !c.is_alphanumeric());
            if token.chars().filter(|c| c.is_alphanumeric()).count() >= 3 {
                self.part(o, token, stand_in);
            }
        }
        for part in name.split(|c: char| c.is_whitespace() || c == '-') {
            let part = part.trim_matches(|c: char| !c.is_alphanumeric());
            if part.chars().count() < 3 || PARTICLES.contains(&fold(part).as_str()) {
                continue;
            }
            self.part(o, part, stand_in);
        }
    }

    fn email(&mut self, field: String, email: &str, person: &StandIn, client: &str) {
        let o = self.origin(field);
        self.words(o, email, &StandIn::Email);
        if let Some((local, domain)) = email.rsplit_once('@') {
            if !GENERIC_MAILBOXES.contains(&local.to_lowercase().as_str()) {
                self.part(o, local, person);
                // `dana.whitfield` also names Dana Whitfield.
                for part in local.split(['.', '_', '-', '+']) {
                    if part.chars().count() >= 3 && part.chars().all(char::is_alphabetic) {
                        self.part(o, part, person);
                    }
                }
            }
            self.domain_forms(o, domain, client);
        }
    }

    fn domain(&mut self, field: String, domain: &str, client: &str) {
        let o = self.origin(field);
        self.domain_forms(o, domain, client);
    }

    fn domain_forms(&mut self, o: usize, domain: &str, client: &str) {
        let Some(label) = main_label(domain) else {
            return;
        };
        if PUBLIC_PROVIDERS.contains(&label.as_str()) {
            return;
        }
        let bare = domain.trim().trim_start_matches("www.");
        self.words(o, bare, &StandIn::ClientDomain(fold(client)));
        self.part(o, &label, &StandIn::ClientLabel(fold(client)));
    }

    fn phone(&mut self, field: String, phone: &str) {
        let o = self.origin(field);
        let digits = digits_of(phone);
        if digits.len() < 7 {
            return;
        }
        // The national number: without the country code when one is given.
        let national = if phone.trim_start().starts_with('+') && digits.len() > 9 {
            let cc = if digits.starts_with('1') || digits.starts_with('7') {
                1
            } else {
                2
            };
            digits[cc..].to_string()
        } else {
            digits.trim_start_matches('0').to_string()
        };
        for d in [digits, national] {
            if d.len() >= 7 {
                self.forms.push(Form {
                    text: d,
                    kind: FormKind::Digits,
                    origin: o,
                    stand_in: StandIn::Phone,
                    alts: Vec::new(),
                });
            }
        }
    }
}

impl SecretSet {
    /// Collect the secret set of a site.
    pub fn collect(config: &Config, site: &Site) -> SecretSet {
        let allow = config.anonymize.allow.iter().map(|a| fold(a)).collect();
        let mut b = Builder {
            allow,
            origins: Vec::new(),
            forms: Vec::new(),
            file: "site.toml".into(),
            case: None,
        };
        for (i, s) in config.anonymize.sensitive.iter().enumerate() {
            b.value(format!("[anonymize] sensitive[{i}]"), s);
        }
        for (ci, case) in site.cases.iter().enumerate() {
            b.file = crate::diag::display_path(&case.shown);
            b.case = Some(ci);
            add_record(&mut b, ci, &case.record);
        }
        let origins = b.origins;
        let mut forms = b.forms;
        forms.sort_by(|a, b| (&a.text, a.origin).cmp(&(&b.text, b.origin)));
        // One pattern per text; the other meanings of the same text are
        // kept as alternatives (the same first name in two records).
        let mut merged: Vec<Form> = Vec::with_capacity(forms.len());
        for f in forms {
            match merged.last_mut() {
                Some(last) if last.text == f.text && last.kind == f.kind => {
                    if last.origin != f.origin {
                        last.alts.push((f.origin, f.stand_in));
                    }
                }
                _ => merged.push(f),
            }
        }
        SecretSet::from_forms(origins, merged)
    }

    fn from_forms(origins: Vec<Origin>, forms: Vec<Form>) -> SecretSet {
        let build = |kind: FormKind| {
            let (pats, ids): (Vec<&str>, Vec<usize>) = forms
                .iter()
                .enumerate()
                .filter(|(_, f)| f.kind == kind)
                .map(|(i, f)| (f.text.as_str(), i))
                .unzip();
            let ac = (!pats.is_empty()).then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Both)
                    .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                    .build(&pats)
                    .ok()
            });
            (ac.flatten(), ids)
        };
        let (words, word_ids) = build(FormKind::Words);
        let (digits, digit_ids) = build(FormKind::Digits);
        SecretSet {
            origins,
            forms,
            words,
            word_ids,
            digits,
            digit_ids,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Every form found in `text` (any case, diacritics, spacing), as
    /// indices into `forms`. Linear in the text, whatever the set's size.
    pub fn find_all(&self, text: &str) -> Vec<usize> {
        let folded = fold(text);
        let mut hits: Vec<usize> = self
            .word_matches(&folded)
            .into_iter()
            .map(|(_, _, f)| f)
            .collect();
        hits.extend(self.digit_matches(text).into_iter().map(|(_, f)| f));
        hits.sort_unstable();
        hits.dedup();
        hits
    }

    /// Word forms in already folded text, at word boundaries: (start, end,
    /// form) in bytes of `folded`.
    ///
    /// The search is leftmost-longest, which is much faster than reporting
    /// every overlapping match: at each place the longest form wins (which
    /// is also what replacement wants). Where the longest form there is not
    /// a whole word (`dana w` in `dana wx`), shorter forms at the same start
    /// are tried with anchored searches, so no secret hides behind a longer
    /// near miss.
    pub fn word_matches(&self, folded: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let Some(ac) = &self.words else { return out };
        let bytes = folded.as_bytes();
        let boundary = |b: Option<u8>| b.is_none_or(|b| !b.is_ascii_alphanumeric());
        let whole = |s: usize, e: usize| {
            boundary(s.checked_sub(1).map(|i| bytes[i])) && boundary(bytes.get(e).copied())
        };
        let mut at = 0;
        while at < folded.len() {
            let Some(m) = ac.find(Input::new(folded).range(at..)) else {
                break;
            };
            let (s, mut e, mut pat) = (m.start(), m.end(), m.pattern());
            let mut found = whole(s, e);
            while !found && e > s + 1 {
                let shorter = Input::new(folded).range(s..e - 1).anchored(Anchored::Yes);
                match ac.find(shorter) {
                    Some(m2) => {
                        e = m2.end();
                        pat = m2.pattern();
                        found = whole(s, e);
                    }
                    None => break,
                }
            }
            if found {
                out.push((s, e, self.word_ids[pat.as_usize()]));
                at = e;
            } else {
                at = s + 1;
                while at < folded.len() && !folded.is_char_boundary(at) {
                    at += 1;
                }
            }
        }
        out
    }

    /// Phone forms in `text`, in any formatting of the same digits: (source
    /// byte range, form).
    pub fn digit_matches(&self, text: &str) -> Vec<(std::ops::Range<usize>, usize)> {
        let mut out = Vec::new();
        let Some(ac) = &self.digits else { return out };
        for (digits, offsets) in digit_runs(text) {
            for m in ac.find_iter(&digits) {
                let start = offsets[m.start()];
                let end = offsets[m.end() - 1] + 1;
                out.push((start..end, self.digit_ids[m.pattern().as_usize()]));
            }
        }
        out
    }

    pub fn contains_any(&self, text: &str) -> bool {
        !self.find_all(text).is_empty()
    }

    /// Mask a source line for a diagnostic when it holds any form of any
    /// secret: keep the key of a `key: value` line, mask the rest.
    pub fn mask_snippet(&self, line: &str) -> String {
        if !self.contains_any(line) {
            return line.to_string();
        }
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let body = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        let dash = if body.len() == trimmed.len() {
            ""
        } else {
            "- "
        };
        match body.split_once(':') {
            Some((key, _)) if !self.contains_any(key) && !key.contains(' ') => {
                format!("{indent}{dash}{key}: {}", crate::diag::MASK)
            }
            _ => format!("{indent}{}", crate::diag::MASK),
        }
    }

    pub fn origin_of(&self, form: usize) -> &Origin {
        &self.origins[self.forms[form].origin]
    }
}

/// Digit runs of text, joined across phone punctuation (`(503) 555-0142` →
/// `5035550142`), with the source offset of every digit; letters break a
/// run, so `CS-05550142` stays apart from a number before it.
fn digit_runs(text: &str) -> Vec<(String, Vec<usize>)> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    let mut offsets = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            cur.push(b as char);
            offsets.push(i);
            i += 1;
            continue;
        }
        let (joins, len) = if b.is_ascii() {
            (
                matches!(b, b' ' | b'.' | b'-' | b'(' | b')' | b'+' | b'/'),
                1,
            )
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c == '\u{a0}' || is_invisible(c), c.len_utf8())
        };
        if !joins && !cur.is_empty() {
            if cur.len() >= 7 {
                runs.push((std::mem::take(&mut cur), std::mem::take(&mut offsets)));
            } else {
                cur.clear();
                offsets.clear();
            }
        }
        i += len;
    }
    if cur.len() >= 7 {
        runs.push((cur, offsets));
    }
    runs
}

fn add_record(b: &mut Builder, ci: usize, r: &Record) {
    let client = r.client.name.as_str();
    b.organisation("client.name".into(), client, client);
    for (i, a) in r.client.aliases.iter().enumerate() {
        b.organisation(format!("client.aliases[{i}]"), a, client);
    }
    for (i, d) in r.client.domains.iter().enumerate() {
        b.domain(format!("client.domains[{i}]"), d, client);
    }
    for (i, c) in r.contacts.iter().enumerate() {
        let person = StandIn::Person(ci, i);
        if let Some(n) = &c.name {
            b.person(format!("contacts[{i}].name"), n, &person);
        }
        if let Some(e) = &c.email {
            b.email(format!("contacts[{i}].email"), e, &person, client);
        }
        if let Some(p) = &c.phone {
            b.phone(format!("contacts[{i}].phone"), p);
        }
    }
    if let Some(o) = &r.owner {
        b.person("owner".into(), o, &StandIn::Owner);
    }
    for (i, s) in r.sensitive.iter().enumerate() {
        b.value(format!("sensitive[{i}]"), s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(forms: &[(&str, FormKind)]) -> SecretSet {
        let origins = vec![Origin {
            file: "x".into(),
            field: "f".into(),
            case: None,
        }];
        let forms = forms
            .iter()
            .map(|(t, k)| Form {
                text: (*t).into(),
                kind: *k,
                origin: 0,
                stand_in: StandIn::Withheld,
                alts: Vec::new(),
            })
            .collect();
        SecretSet::from_forms(origins, forms)
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Zoë  ZOE\u{200B}"), "zoe zoe");
        assert_eq!(fold("Jürgen Straße"), "jurgen strasse");
        assert_eq!(umlaut_variant("Jürgen").unwrap(), "juergen");
    }

    #[test]
    fn word_boundaries_and_case() {
        let s = set(&[
            ("dana", FormKind::Words),
            ("harbor freight", FormKind::Words),
        ]);
        assert!(s.contains_any("DANA's call"));
        assert!(s.contains_any("Harbor\n  Freight"));
        assert!(!s.contains_any("a dangerous danale"));
    }

    #[test]
    fn phone_digits_in_any_format() {
        let s = set(&[("5035550142", FormKind::Digits)]);
        for t in [
            "(503) 555-0142",
            "503.555.0142",
            "+1-503-555-0142",
            "call 503 555 0142 now",
        ] {
            assert!(s.contains_any(t), "{t}");
        }
        assert!(!s.contains_any("CS-05550142"));
    }

    #[test]
    fn domains() {
        assert_eq!(
            main_label("harborfreight.com").as_deref(),
            Some("harborfreight")
        );
        assert_eq!(
            main_label("www.quillfeather.co.uk").as_deref(),
            Some("quillfeather")
        );
        assert_eq!(main_label("mail.acme.de").as_deref(), Some("acme"));
    }
}
