//! The secret set: every sensitive value of every record — drafts
//! included — and of `[anonymize] sensitive`, in the forms the publishing
//! guarantee lists ([`crate::anonymize::forms`]), and the scrubber's
//! multi-pattern automaton that finds any of them in linear time.
//!
//! Forms are canonical text as the scrubber reads it
//! ([`crate::anonymize::view`]): lower-case ASCII, words apart by one
//! space. The leak gate (`crate::gate`) reads the same list of forms and
//! origins, and matches them with code of its own.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

use crate::anonymize::forms::Builder;
use crate::anonymize::view::{self, Blind, View, all_upper, stands_alone};
use crate::config::Config;
use crate::model::case::Case;
use crate::model::record::Record;
use crate::model::site::Site;

/// Where a secret came from: shown instead of the value in every message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The record's path as shown, or `site.toml`.
    pub file: String,
    /// `client.name`, `contacts[0].email`, `[anonymize] sensitive[2]`.
    pub field: String,
    /// Index of the case in `Site::cases` (drafts follow the published
    /// cases: `Site::cases.len() + i` for `Site::draft_cases[i]`), if it
    /// came from a record.
    pub case: Option<usize>,
}

/// How a form is searched for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// Letters: as words (see [`FormClass`] and `view::stands_alone`).
    Words,
    /// Digits of a phone number: in any formatting of the digits.
    Digits,
}

/// Which of the spec's forms a form is: how it is matched, and a name for
/// the test switch that turns one off in the scrubber (debug builds only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormClass {
    /// The value as declared.
    Whole,
    /// German umlauts spelled `ue`, `oe`, `ae`.
    Umlaut,
    /// An organisation's name without its legal form.
    LegalFormless,
    /// A run of an organisation's leading words (two or more).
    Leading,
    /// An organisation's initials: found only as an upper-case word.
    Initials,
    /// The words of a form run together (`harborfreight`).
    Joined,
    /// A part of a person's name (and the stem of its inflected forms).
    Part,
    /// An email's local part, or a piece of it.
    EmailLocal,
    /// A domain (or its registrable domain).
    Domain,
    /// A domain's registrable label.
    Label,
    /// A phone number's digits.
    Phone,
    /// An exact day of a published case's own dates, where the site
    /// publishes dates more coarsely: refused by the leak gate, never
    /// replaced by the scrubber (the prose rewriting of
    /// [`crate::anonymize::quasi`] publishes dates at their precision).
    ExactDate,
    /// An exact amount of a published case's own money fields, where the
    /// site publishes bands or nothing: as [`FormClass::ExactDate`].
    ExactAmount,
}

impl FormClass {
    /// The class's name for the test switch.
    pub fn name(self) -> &'static str {
        match self {
            FormClass::Whole => "whole",
            FormClass::Umlaut => "umlaut",
            FormClass::LegalFormless => "legal-form",
            FormClass::Leading => "leading-words",
            FormClass::Initials => "initials",
            FormClass::Joined => "joined",
            FormClass::Part => "part",
            FormClass::EmailLocal => "email-local",
            FormClass::Domain => "domain",
            FormClass::Label => "domain-label",
            FormClass::Phone => "phone",
            FormClass::ExactDate => "exact-date",
            FormClass::ExactAmount => "exact-amount",
        }
    }

    /// Only the leak gate looks for it: the scrubber publishes it in another
    /// way than by a stand-in.
    pub fn gate_only(self) -> bool {
        matches!(self, FormClass::ExactDate | FormClass::ExactAmount)
    }
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
    /// A contact: their role, or a pseudonym (case index as in
    /// [`Origin::case`], contact index).
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
    pub class: FormClass,
    pub origin: usize,
    pub stand_in: StandIn,
    /// Other (origin, stand-in) pairs with the same text, from other
    /// records: text inside a record prefers that record's own meaning.
    pub alts: Vec<(usize, StandIn)>,
}

/// How a word form must sit in text to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Two or more words, eight letters or more: anywhere, even with
    /// letters or digits touching it (`\nHarbor Freight`).
    Free,
    /// A word standing alone (see `view::stands_alone`).
    Word,
    /// A word standing alone, in upper case (initials).
    Upper,
}

/// All secrets of the site, ready to search for.
#[derive(Debug, Clone)]
pub struct SecretSet {
    pub origins: Vec<Origin>,
    pub forms: Vec<Form>,
    words: Option<AhoCorasick>,
    word_ids: Vec<usize>,
    rules: Vec<Rule>,
    digits: Option<AhoCorasick>,
    digit_ids: Vec<usize>,
    /// Stems of name parts of four letters or more (a final vowel
    /// dropped), for inflected forms: stem → form.
    stems: HashMap<String, usize>,
}

/// Languages whose pages inflect names (`Kowalskiego`, `Annie`).
pub const INFLECTING: &[&str] = &[
    "pl", "cs", "sk", "sl", "hr", "sr", "ru", "uk", "lt", "lv", "fi", "et", "hu",
];

/// Whether pages in `lang` inflect names.
pub fn inflects(lang: &str) -> bool {
    let base = lang.split(['-', '_']).next().unwrap_or(lang);
    INFLECTING.iter().any(|l| l.eq_ignore_ascii_case(base))
}

/// The stem of a name part for its inflected forms: four letters or more,
/// less a final vowel (`Anna` → `ann`, `Kowalski` → `kowalsk`).
pub fn stem_of(part: &str) -> Option<&str> {
    if part.len() < 4 || !part.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    Some(
        part.strip_suffix(['a', 'e', 'i', 'o', 'u', 'y'])
            .unwrap_or(part),
    )
}

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

/// A slug or a path segment as searchable text: the view reads `-`, `_`
/// and `.` as breaks between words, and words run together as the joined
/// forms of names, so the segment is its own searchable text.
pub fn slug_text(segment: &str) -> String {
    segment.to_string()
}

/// Zero-width and formatting characters that hide a name from a plain search.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{034F}' | '\u{180E}'
    )
}

/// The digits of a phone number.
pub fn digits_of(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// A domain's registrable domain and label by the public suffix list
/// (private suffixes included): `harborfreight.com` → `harborfreight`,
/// `quillfeather.co.uk` → `quillfeather`, `drukarniasowa.waw.pl` →
/// `drukarniasowa`, `acme.github.io` → `acme`.
pub fn registrable(domain: &str) -> Option<(String, String)> {
    let d = domain.trim().trim_end_matches('.').to_lowercase();
    let d = d.strip_prefix("www.").unwrap_or(&d);
    if !d.contains('.') {
        return None;
    }
    let reg = psl::domain_str(d)?;
    let label = reg.split('.').next()?.to_string();
    Some((reg.to_string(), label))
}

impl SecretSet {
    /// Collect the secret set of a site: every published case's and every
    /// draft's sensitive values (a draft is unpublished, its client is
    /// still real), and `[anonymize] sensitive`.
    pub fn collect(config: &Config, site: &Site) -> SecretSet {
        use rayon::prelude::*;
        let allow: Vec<String> = config.anonymize.allow.iter().map(|a| fold(a)).collect();
        let country = config
            .anonymize
            .phone_country(&config.language)
            .parse()
            .ok();
        let builder = |file: String, case: Option<usize>| Builder {
            allow: &allow,
            origins: Vec::new(),
            forms: Vec::new(),
            file,
            case,
            country,
        };
        let mut b = builder("site.toml".into(), None);
        for (i, s) in config.anonymize.sensitive.iter().enumerate() {
            b.value(format!("[anonymize] sensitive[{i}]"), s);
        }
        // Every record on its own (parsing phone numbers is most of the
        // cost), then joined in order: origins are numbered as if one
        // builder had read them all, so the set is the same whatever the
        // threads did.
        let published = site.cases.len();
        let records: Vec<&Case> = site.cases.iter().chain(&site.draft_cases).map(|c| &**c).collect();
        let parts: Vec<(Vec<Origin>, Vec<Form>)> = records
            .par_iter()
            .enumerate()
            .map(|(ci, case)| {
                let mut b = builder(crate::diag::display_path(&case.shown), Some(ci));
                add_record(&mut b, ci, &case.record);
                // A draft publishes nothing: no date or amount of it to refuse.
                if ci < published {
                    add_refused(&mut b, config, &case.record);
                }
                (b.origins, b.forms)
            })
            .collect();
        let (mut origins, mut forms) = (b.origins, b.forms);
        origins.reserve(parts.iter().map(|p| p.0.len()).sum());
        forms.reserve(parts.iter().map(|p| p.1.len()).sum());
        for (o, f) in parts {
            let offset = origins.len();
            origins.extend(o);
            forms.extend(f.into_iter().map(|mut f| {
                f.origin += offset;
                f
            }));
        }
        SecretSet::from_forms(origins, forms)
    }

    /// The set of `forms` (any order, texts repeated across records).
    pub(crate) fn from_forms(origins: Vec<Origin>, mut forms: Vec<Form>) -> SecretSet {
        use rayon::prelude::*;
        let parts: std::collections::HashSet<String> = forms
            .iter()
            .filter(|f| f.class == FormClass::Part)
            .map(|f| f.text.clone())
            .collect();
        // One pattern per text; the other meanings of the same text are
        // kept as alternatives (the same first name in two records). A
        // text that is also more than initials is matched as more.
        // Stable (and so the same as one thread's): forms that tie keep
        // the order they were collected in.
        forms.par_sort_by(|a, b| {
            (
                &a.text,
                a.kind == FormKind::Digits,
                a.class.gate_only(),
                a.class == FormClass::Initials,
                a.origin,
            )
                .cmp(&(
                    &b.text,
                    b.kind == FormKind::Digits,
                    b.class.gate_only(),
                    b.class == FormClass::Initials,
                    b.origin,
                ))
        });
        let mut merged: Vec<Form> = Vec::with_capacity(forms.len());
        for f in forms {
            match merged.last_mut() {
                Some(last)
                    if last.text == f.text
                        && last.kind == f.kind
                        && last.class.gate_only() == f.class.gate_only() =>
                {
                    if last.origin != f.origin && !last.alts.iter().any(|(o, _)| *o == f.origin) {
                        last.alts.push((f.origin, f.stand_in));
                    }
                }
                _ => merged.push(f),
            }
        }
        let forms = merged;
        // The scrubber's automata: gate-only forms are not among them.
        let build = |kind: FormKind| {
            let (pats, ids): (Vec<&str>, Vec<usize>) = forms
                .iter()
                .enumerate()
                .filter(|(_, f)| f.kind == kind && !f.class.gate_only())
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
        let ((words, word_ids), (digits, digit_ids)) =
            rayon::join(|| build(FormKind::Words), || build(FormKind::Digits));
        let rules = forms
            .iter()
            .map(|f| {
                let alnum = f.text.bytes().filter(u8::is_ascii_alphanumeric).count();
                if f.class == FormClass::Initials {
                    Rule::Upper
                } else if f.text.contains(' ') && alnum >= 8 {
                    Rule::Free
                } else {
                    Rule::Word
                }
            })
            .collect();
        let mut stems = HashMap::new();
        for (i, f) in forms.iter().enumerate() {
            if parts.contains(&f.text)
                && let Some(stem) = stem_of(&f.text)
            {
                stems.entry(stem.to_string()).or_insert(i);
            }
        }
        SecretSet {
            origins,
            forms,
            words,
            word_ids,
            rules,
            digits,
            digit_ids,
            stems,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Every form found in `text` (any case, diacritics, spacing, joined
    /// to its neighbours, inflected), as indices into `forms`. Linear in
    /// the text, whatever the set's size.
    pub fn find_all(&self, text: &str) -> Vec<usize> {
        if self.forms.is_empty() {
            return Vec::new();
        }
        let v = view::view(text, Blind::default());
        let mut hits: Vec<usize> = self
            .word_matches(&v, true, false)
            .into_iter()
            .map(|(_, _, f)| f)
            .collect();
        hits.extend(self.digit_matches(text).into_iter().map(|(_, f)| f));
        hits.sort_unstable();
        hits.dedup();
        hits
    }

    /// Does form `form` count at `s..e` of the view? `ascii_words`: only
    /// where plain word boundaries stand on both sides (the test switch
    /// `joined-words`, to prove the leak gate finds what that misses).
    fn fits(&self, v: &View, s: usize, e: usize, form: usize, ascii_words: bool) -> bool {
        if ascii_words {
            let t = v.text.as_bytes();
            let apart = |i: Option<usize>| {
                i.and_then(|i| t.get(i))
                    .is_none_or(|b| !b.is_ascii_alphanumeric())
            };
            return apart(s.checked_sub(1)) && apart(Some(e));
        }
        match self.rules[form] {
            Rule::Free => true,
            Rule::Word => stands_alone(v, s, e),
            Rule::Upper => stands_alone(v, s, e) && all_upper(v, s, e),
        }
    }

    /// Word forms in a view: (start, end, form) in bytes of `v.text`, the
    /// longest where they overlap; with `inflect`, also inflected forms of
    /// name parts (a stem and an ending of up to four letters).
    ///
    /// The search is leftmost-longest, which is much faster than reporting
    /// every overlapping match: at each place the longest form wins (which
    /// is also what replacement wants). Where the longest form there does
    /// not fit (`dana w` in `dana wx`), shorter forms at the same start are
    /// tried with anchored searches, so no secret hides behind a longer
    /// near miss.
    pub fn word_matches(
        &self,
        v: &View,
        inflect: bool,
        ascii_words: bool,
    ) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let Some(ac) = &self.words else { return out };
        let text = v.text.as_str();
        let mut at = 0;
        while at < text.len() {
            let Some(m) = ac.find(Input::new(text).range(at..)) else {
                break;
            };
            let (s, mut e) = (m.start(), m.end());
            let mut form = self.word_ids[m.pattern().as_usize()];
            let mut found = self.fits(v, s, e, form, ascii_words);
            while !found && e > s + 1 {
                let shorter = Input::new(text).range(s..e - 1).anchored(Anchored::Yes);
                match ac.find(shorter) {
                    Some(m2) => {
                        e = m2.end();
                        form = self.word_ids[m2.pattern().as_usize()];
                        found = self.fits(v, s, e, form, ascii_words);
                    }
                    None => break,
                }
            }
            if found {
                out.push((s, e, form));
                at = e;
            } else {
                at = s + 1;
            }
        }
        if inflect && !self.stems.is_empty() {
            self.inflected(v, &mut out);
        }
        out
    }

    /// Inflected forms of name parts: a word made of a stem and an ending
    /// of one to four letters (`Kowalskiego`, `Nowakiem`, `Annie`). A stem
    /// shorter than four letters counts only in a capitalised word (`Dane`,
    /// not the Polish word `dane`).
    fn inflected(&self, v: &View, out: &mut Vec<(usize, usize, usize)>) {
        let t = v.text.as_bytes();
        let mut i = 0;
        while i < t.len() {
            if !t[i].is_ascii_lowercase() {
                i += 1;
                continue;
            }
            let start = i;
            while i < t.len() && t[i].is_ascii_lowercase() {
                i += 1;
            }
            let word = &v.text[start..i];
            for k in 1..=4.min(word.len().saturating_sub(3)) {
                let stem = &word[..word.len() - k];
                if let Some(&form) = self.stems.get(stem)
                    && (stem.len() >= 4 || v.upper[start])
                    && !out.iter().any(|(s, e, _)| *s < i && start < *e)
                {
                    out.push((start, i, form));
                    break;
                }
            }
        }
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
/// `5035550142`; spaces and dashes of every kind), with the source offset
/// of every digit; letters break a run, so `CS-05550142` stays apart from
/// a number before it.
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
                matches!(b, b' ' | b'.' | b'-' | b'(' | b')' | b'+' | b'/' | b'\t'),
                1,
            )
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (
                c.is_whitespace() || is_invisible(c) || view::is_dash(c),
                c.len_utf8(),
            )
        };
        if !joins && !cur.is_empty() {
            if cur.len() >= 6 {
                runs.push((std::mem::take(&mut cur), std::mem::take(&mut offsets)));
            } else {
                cur.clear();
                offsets.clear();
            }
        }
        i += len;
    }
    if cur.len() >= 6 {
        runs.push((cur, offsets));
    }
    runs
}

/// Values that stand where a real one will go: what `exitbook new case`
/// writes (`Client Name Ltd`, `Firstname Lastname`) and the usual markers
/// (`TODO`, `TBD`). They name nobody, so they are no secret: protecting them
/// would replace every "surname" in the chapters, or refuse a stylesheet
/// with a `.when-todo` class, as soon as a draft is started.
pub fn is_placeholder(value: &str) -> bool {
    const PLACEHOLDERS: &[&str] = &[
        "client name ltd",
        "client name",
        "firstname lastname",
        "firstname surname",
        "todo",
        "tbd",
        "tba",
        "fixme",
        "xxx",
        "n/a",
        "unknown",
        "?",
        "-",
        "...",
    ];
    let v = fold(value.trim());
    v.is_empty() || PLACEHOLDERS.contains(&v.as_str())
}

fn add_record(b: &mut Builder, ci: usize, r: &Record) {
    let client = r.client.name.as_str();
    let real = |v: &str| !is_placeholder(v);
    if real(client) {
        b.organisation("client.name".into(), client, client);
    }
    for (i, a) in r.client.aliases.iter().enumerate().filter(|(_, a)| real(a)) {
        b.organisation(format!("client.aliases[{i}]"), a, client);
    }
    for (i, d) in r.client.domains.iter().enumerate().filter(|(_, d)| real(d)) {
        b.domain(format!("client.domains[{i}]"), d, client);
    }
    for (i, c) in r.contacts.iter().enumerate() {
        let person = StandIn::Person(ci, i);
        if let Some(n) = c.name.as_deref().filter(|n| real(n)) {
            b.person(format!("contacts[{i}].name"), n, &person);
        }
        if let Some(e) = c.email.as_deref().filter(|e| real(e)) {
            b.email(format!("contacts[{i}].email"), e, &person, client);
        }
        if let Some(p) = c.phone.as_deref().filter(|p| real(p)) {
            b.phone(format!("contacts[{i}].phone"), p);
        }
    }
    if let Some(o) = r.owner.as_deref().filter(|o| real(o)) {
        b.person("owner".into(), o, &StandIn::Owner);
    }
    for (i, s) in r.sensitive.iter().enumerate().filter(|(_, s)| real(s)) {
        b.value(format!("sensitive[{i}]"), s);
    }
}

/// The exact days and amounts of a published case's own fields that the
/// site's `[anonymize] dates` and `money` forbid: for the leak gate.
fn add_refused(b: &mut Builder, config: &Config, r: &Record) {
    use crate::anonymize::quasi::{Refused, refused_forms};
    let (dates, money) = (config.anonymize.dates, config.anonymize.money);
    for (field, what, forms) in refused_forms(r, dates, money) {
        let class = match what {
            Refused::Date => FormClass::ExactDate,
            Refused::Amount => FormClass::ExactAmount,
        };
        b.refused(field, &forms, class);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(forms: &[(&str, FormKind, FormClass)]) -> SecretSet {
        let origins = vec![Origin {
            file: "x".into(),
            field: "f".into(),
            case: None,
        }];
        let forms = forms
            .iter()
            .map(|(t, k, c)| Form {
                text: (*t).into(),
                kind: *k,
                class: *c,
                origin: 0,
                stand_in: StandIn::Withheld,
                alts: Vec::new(),
            })
            .collect();
        SecretSet::from_forms(origins, forms)
    }

    #[test]
    fn placeholders_are_no_secrets() {
        for p in [
            "TODO",
            "  tbd ",
            "Client Name Ltd",
            "Firstname Lastname",
            "",
        ] {
            assert!(is_placeholder(p), "{p:?}");
        }
        for v in ["Harbor Freight", "Todorov", "Client Name Holdings"] {
            assert!(!is_placeholder(v), "{v:?}");
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Zoë  ZOE\u{200B}"), "zoe zoe");
        assert_eq!(fold("Jürgen Straße"), "jurgen strasse");
    }

    #[test]
    fn words_joined_to_their_neighbours() {
        let s = set(&[
            ("dana", FormKind::Words, FormClass::Part),
            ("harbor freight", FormKind::Words, FormClass::Leading),
            ("harborfreight", FormKind::Words, FormClass::Joined),
            ("hfl", FormKind::Words, FormClass::Initials),
        ]);
        assert!(s.contains_any("DANA's call"));
        assert!(s.contains_any("Harbor\n  Freight"));
        assert!(s.contains_any("\\nHarbor Freight"));
        assert!(s.contains_any("xharbor-freighty"));
        assert!(s.contains_any("harborfreight2024"));
        assert!(s.contains_any("#HarborFreight"));
        assert!(s.contains_any("DanaWhitfield"));
        assert!(s.contains_any("call HFL now"));
        assert!(!s.contains_any("a dangerous danale"));
        assert!(!s.contains_any("the hfl ratio"));
    }

    #[test]
    fn inflected_name_parts() {
        let s = set(&[
            ("kowalski", FormKind::Words, FormClass::Part),
            ("anna", FormKind::Words, FormClass::Part),
            ("dana", FormKind::Words, FormClass::Part),
        ]);
        let inflected = |t: &str| {
            let v = view::view(t, Blind::default());
            !s.word_matches(&v, true, false).is_empty()
        };
        assert!(inflected("Rozmowa z panem Kowalskiego"));
        assert!(inflected("dzięki Annie"));
        assert!(inflected("Dane"));
        assert!(!inflected("dane klienta"));
        assert!(!inflected("Annabelle"), "an ending is four letters at most");
    }

    #[test]
    fn phone_digits_in_any_format() {
        let s = set(&[("5035550142", FormKind::Digits, FormClass::Phone)]);
        for t in [
            "(503) 555-0142",
            "503.555.0142",
            "+1-503-555-0142",
            "call 503 555 0142 now",
            "503–555–0142",
            "503\u{2009}555\u{2009}0142",
        ] {
            assert!(s.contains_any(t), "{t}");
        }
        assert!(!s.contains_any("CS-05550142"));
    }

    #[test]
    fn registrable_labels_by_the_public_suffix_list() {
        let label = |d: &str| registrable(d).map(|(_, l)| l);
        assert_eq!(label("harborfreight.com").as_deref(), Some("harborfreight"));
        assert_eq!(
            label("www.quillfeather.co.uk").as_deref(),
            Some("quillfeather")
        );
        assert_eq!(label("mail.acme.de").as_deref(), Some("acme"));
        assert_eq!(
            label("drukarniasowa.waw.pl").as_deref(),
            Some("drukarniasowa")
        );
        assert_eq!(label("acme.github.io").as_deref(), Some("acme"));
        assert_eq!(label("blue-fin.myshopify.com").as_deref(), Some("blue-fin"));
    }
}
