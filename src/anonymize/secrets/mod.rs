//! The secret set: every sensitive value of every record — drafts
//! included — and of `[anonymize] sensitive`, in the forms the publishing
//! guarantee lists ([`crate::anonymize::forms`]), and the scrubber's
//! multi-pattern automaton that finds any of them in linear time.
//!
//! Forms are canonical text as the scrubber reads it
//! ([`crate::anonymize::view`]): lower-case ASCII, words apart by one
//! space. The leak gate (`crate::gate`) reads the same list of forms and
//! origins, and matches them with code of its own.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind, StartKind};

use crate::anonymize::forms::Builder;

mod find;
pub use find::Inflected;
mod text;

/// What every byte of the word automaton's patterns and of the text it
/// searches is XORed with: lower-case letters become the bytes 1 to 26.
///
/// Why: `aho-corasick` (1.1.5) builds a leftmost automaton's failure
/// transitions by looking up, for every state below a match state, the
/// next byte in its dead state's list of 256 transitions, step by step
/// from byte 0. A letter is about a hundred steps there, a keyed letter a
/// few: the 28,859 word forms of the 10,000-page benchmark handbook built
/// in 205–220 ms, keyed in 56–66 ms (BENCHMARKS.md). Any byte-for-byte
/// one-to-one map matches exactly what the plain bytes match, at the same
/// places; the map is its own inverse.
const KEY: u8 = 0x60;

/// `text` as the word automaton reads it ([`KEY`]).
fn keyed(text: &str) -> Vec<u8> {
    text.bytes().map(|b| b ^ KEY).collect()
}

use crate::config::Config;
use crate::model::case::Case;
use crate::model::record::Record;
use crate::model::site::Site;
pub use text::{
    INFLECTING, ascii_digit, digits_of, fold, inflects, inflects_everywhere, is_dot_like,
    is_invisible, is_placeholder, prefixing, prefixing_char, registrable, semitic, slug_text,
    spaced, stem_of, unspaced, unspaced_char,
};
use text::{Stem, phrase_stems};

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
    /// A client's name read as a person's (a sole trader's, a firm's
    /// partners: `crate::anonymize::forms`), for `check` to say so.
    pub person: bool,
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
    /// A Cyrillic or Greek name in one of the other ways it is written in
    /// Latin letters (`Vasilyev`, `Hristos`), or an Arabic given name in
    /// another common spelling (`Mohamed` of Mohammed).
    Romanised,
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
    /// A stem a name part takes in its other cases where it is not the
    /// part less a final vowel (`pawl` of `Paweł`, `virtas` of `Virtanen`):
    /// found only with an ending, on pages that inflect names.
    Stem,
    /// An inflected form of a name part whose stem changes, which the
    /// stem and ending rule does not reach (`Agnieszce`, `Marcie`,
    /// `Kowalscy`, `Jacka`).
    Alternated,
    /// A handle made of a person's name, as chat, ticket and mail systems
    /// make user names (`ewhitcombe`, `whitcombee`, `eleanorw` of Eleanor
    /// Whitcombe), that is no everyday word: a word wherever it stands
    /// alone ("user ewhitcombe closed it").
    Handle,
    /// Such a handle that is also an everyday word (`thanks` of a Tom
    /// Hanks): found only right after an `@` or an `=` (`@thanks`,
    /// `?ref=thanks`) or as a field's value after a `:` (`assignee:
    /// thanks`), where nothing else reads it; elsewhere it is a word (and
    /// `cases/thanks/` a page).
    WordHandle,
    /// A distinctive word of an organisation's name (`Quillfeather` of
    /// `Quillfeather Stationers`), beyond the spec's forms: a word wherever
    /// it stands alone. A guess (a word that is no English word, on an
    /// English site; none of the words records publish as a region, an
    /// industry, a service or a tag), which the leak gate refuses too: the
    /// gate is stricter than the scrubber, and a word a template or a file
    /// of `static/` shares with a client's name is better a build that
    /// fails (and says to `allow` it) than a name published.
    NameWord,
    /// Any other word of an organisation's name (`Baker` of `Mark Baker
    /// Photography`, where every word is an English one), found only right
    /// after a title (`Mr Baker`, `Pani Piekarska`, `Dr. Baker`): a title
    /// says a person's name follows, and a word of the client's name there
    /// is the client's owner as surely as a declared name. Elsewhere it is
    /// a word ("the baker's dozen").
    TitledWord,
    /// An email's local part, or a piece of it.
    EmailLocal,
    /// A domain (or its registrable domain).
    Domain,
    /// A domain's registrable label.
    Label,
    /// A phone number's digits.
    Phone,
    /// A phone number without its area code (`555-0142` of `(503)
    /// 555-0142`): seven digits or more, found only from the first digit
    /// of a group to the last of one (`dial 9 555 0142`), never from inside
    /// a group (a case number and a year side by side, `00907 2020`, are
    /// not `907 2020`).
    LocalPhone,
    /// An exact amount of a published case's own money fields, where the
    /// site publishes bands or nothing: refused by the leak gate, never
    /// replaced by the scrubber (the prose rewriting of
    /// [`crate::anonymize::quasi`] publishes amounts as the site says).
    /// Exact days are refused by value: [`RefusedDay`].
    ExactAmount,
}

impl FormClass {
    /// The class's name for the test switch.
    pub fn name(self) -> &'static str {
        match self {
            FormClass::Whole => "whole",
            FormClass::Umlaut => "umlaut",
            FormClass::Romanised => "romanised",
            FormClass::LegalFormless => "legal-form",
            FormClass::Leading => "leading-words",
            FormClass::Initials => "initials",
            FormClass::Joined => "joined",
            FormClass::Part => "part",
            FormClass::Stem => "stem",
            FormClass::Alternated => "alternated",
            FormClass::Handle => "handle",
            FormClass::WordHandle => "word-handle",
            FormClass::NameWord => "name-word",
            FormClass::TitledWord => "titled-word",
            FormClass::EmailLocal => "email-local",
            FormClass::Domain => "domain",
            FormClass::Label => "domain-label",
            FormClass::Phone => "phone",
            FormClass::LocalPhone => "local-phone",
            FormClass::ExactAmount => "exact-amount",
        }
    }

    /// Only the leak gate looks for it: the scrubber publishes it in another
    /// way than by a stand-in.
    pub fn gate_only(self) -> bool {
        matches!(self, FormClass::ExactAmount)
    }

    /// Only the stem of inflected forms, never a word of its own.
    pub fn stem_only(self) -> bool {
        matches!(self, FormClass::Stem)
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
    /// Found wherever it stands in text of its script, letters touching
    /// it or not: a name written in a script without spaces between words
    /// or with its endings joined ([`unspaced`]: `山田さん`, `김민수가`).
    /// In Latin letters it is a word like any other.
    pub free: bool,
    /// Found in Arabic or Hebrew text with letters joined before it (where
    /// its end stands alone): a name written in those scripts
    /// ([`prefixing`]), four letters or more as read in Latin letters.
    pub after_prefix: bool,
}

/// An exact day of a published case's own dates, where the site publishes
/// dates more coarsely: refused by the leak gate wherever it is written
/// with its year (the gate reads dates by value: `crate::gate::dates`),
/// never replaced by the scrubber (the prose rewriting of
/// [`crate::anonymize::quasi`] publishes dates at their precision).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefusedDay {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    /// Only its forms in words tell the day (see
    /// [`crate::anonymize::quasi::refused_days`]).
    pub words_only: bool,
    pub origin: usize,
}

/// How a word form must sit in text to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Two or more words, eight letters or more: anywhere, even with
    /// letters or digits touching it (`\nHarbor Freight`).
    Free,
    /// A word standing alone (see `view::stands_alone`).
    Word,
    /// A word standing alone right after an `@` or `=`, or a field's `:`
    /// ([`FormClass::WordHandle`]).
    Mention,
    /// A word standing alone right after a title (`Mr`, `Pani`, `Dr.`)
    /// ([`FormClass::TitledWord`]).
    Titled,
    /// A word standing alone, in upper case (initials).
    Upper,
    /// A name written in a script without spaces (`Form::free`): anywhere
    /// where the text around it is in such a script, else a word standing
    /// alone (`ying an`, a Chinese name read in Latin letters, is not in
    /// "paying and").
    Script,
    /// A name written in Arabic or Hebrew (`Form::after_prefix`): where
    /// its end stands alone, whatever is joined before it, in those
    /// scripts; else a word standing alone.
    End,
}

/// All secrets of the site, ready to search for.
#[derive(Debug, Clone)]
pub struct SecretSet {
    pub origins: Vec<Origin>,
    pub forms: Vec<Form>,
    /// Exact days the leak gate refuses (never the scrubber's concern).
    pub days: Vec<RefusedDay>,
    words: Option<AhoCorasick>,
    word_ids: Vec<usize>,
    rules: Vec<Rule>,
    digits: Option<AhoCorasick>,
    digit_ids: Vec<usize>,
    /// Stems of name parts of four letters or more (a final vowel
    /// dropped), for inflected forms: stem → form.
    stems: HashMap<String, usize>,
    /// The stems of those parts that are read with their endings on every
    /// page ([`inflects_everywhere`]), found in one search of a page's
    /// text (a word-by-word look-up cost a fifth of the scrubbing where
    /// one such surname was declared), and each one's form.
    stems_everywhere: Option<(AhoCorasick, Vec<usize>)>,
    /// Names of two words or more (an organisation's, a person's whole
    /// name, a `sensitive` value), for their inflected forms (`Drukarni
    /// Sowa`, `Drukarnię Sowa`, `Drukarnia Sowy`): the first word's stem →
    /// the words' stems and the form.
    phrases: HashMap<String, Vec<(Vec<Stem>, usize)>>,
    /// Our owners' and the contacts' name parts as declared, in lower
    /// case, by origin: what an inflected form of one is read against, for
    /// the case the owner's words or the contact's role take
    /// (`crate::anonymize::scrub`).
    pub name_parts: HashMap<usize, Vec<String>>,
    /// The words of each client's name as declared (with and without its
    /// legal form), in lower case, by origin: what an inflected form is
    /// read against, for the case of the pseudonym's first word (`w Drukarni
    /// Sowie` → "w Kliencie …").
    pub client_words: HashMap<usize, Vec<String>>,
    /// Every one-word form the scrubber looks for (`bluefin`,
    /// `drukarniasowa`): what a word with marks inside it (`Blue-fin`,
    /// `drukarnia-sowa`, `Blue.fin`) is looked up against, joined, before
    /// its text is read again with those marks left out
    /// ([`crate::anonymize::view::joined_words`]).
    one_words: ahash::AHashSet<String>,
    /// Their first three letters or digits, one bit each
    /// ([`SecretSet::may_start_one_word`]).
    one_word_starts: Box<[u64]>,
}

/// A distinctive word in the names of two clients or more names neither
/// of them (`Copperpoint` of `Copperpoint Health` and `Copperpoint Labs`):
/// it is no longer a secret of its own (`check` warns where it stands
/// alone).
fn distinctive_words_of_one_client(forms: &mut Vec<Form>) {
    let mut client: HashMap<&str, Option<&str>> = HashMap::new();
    for f in forms.iter().filter(|f| f.class == FormClass::NameWord) {
        let StandIn::Client(c) = &f.stand_in else {
            continue;
        };
        client
            .entry(f.text.as_str())
            .and_modify(|one| {
                if *one != Some(c.as_str()) {
                    *one = None;
                }
            })
            .or_insert(Some(c.as_str()));
    }
    let shared: HashSet<String> = client
        .into_iter()
        .filter(|(_, one)| one.is_none())
        .map(|(w, _)| w.to_string())
        .collect();
    if !shared.is_empty() {
        forms.retain(|f| f.class != FormClass::NameWord || !shared.contains(&f.text));
    }
}

/// A first letter's, digit's or nothing's place among 37 (`0`, and any
/// other byte, for nothing).
fn start_symbol(b: u8) -> usize {
    match b {
        b'a'..=b'z' => usize::from(b - b'a'),
        b'0'..=b'9' => 26 + usize::from(b - b'0'),
        _ => 36,
    }
}

/// The bit of a word's first three letters or digits.
fn start_bit(first: [u8; 3]) -> usize {
    (start_symbol(first[0]) * 37 + start_symbol(first[1])) * 37 + start_symbol(first[2])
}

#[cfg(test)]
impl SecretSet {
    /// A set of these forms, each from one made-up origin (for unit tests
    /// of the scrubber's search and of the gate's matcher alike).
    pub(crate) fn of_forms(forms: &[(&str, FormKind, FormClass)]) -> SecretSet {
        let origins = vec![Origin {
            file: "x".into(),
            field: "f".into(),
            case: None,
            person: false,
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
                free: false,
                after_prefix: false,
            })
            .collect();
        SecretSet::from_forms(origins, forms, Vec::new())
    }
}

impl SecretSet {
    /// Collect the secret set of a site: every published case's and every
    /// draft's sensitive values (a draft is unpublished, its client is
    /// still real), and `[anonymize] sensitive`.
    pub fn collect(config: &Config, site: &Site) -> SecretSet {
        use rayon::prelude::*;
        // The words of what records publish about a client (`region:
        // Ontario`, `industry: dental`) describe it and name no one: never
        // a distinctive word of its name (`Ontario Dental Group`).
        let english = config.language.split(['-', '_']).next() == Some("en");
        let described: HashSet<String> = if english {
            site.all_records()
                .flat_map(|c| {
                    let r = &c.record;
                    let service = r.engagement.as_ref().and_then(|e| e.service.as_ref());
                    [
                        r.client.industry.as_ref(),
                        r.client.region.as_ref(),
                        service,
                    ]
                    .into_iter()
                    .flatten()
                    .chain(&r.tags)
                    .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()).map(fold))
                    .collect::<Vec<_>>()
                })
                .collect()
        } else {
            HashSet::new()
        };
        let name_words = english.then_some(&described);
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
            days: Vec::new(),
            file,
            case,
            country,
            name_words,
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
        let records: Vec<&Case> = site.all_records().map(|c| &**c).collect();
        let parts: Vec<(Vec<Origin>, Vec<Form>, Vec<RefusedDay>)> = records
            .par_iter()
            .enumerate()
            .map(|(ci, case)| {
                let mut b = builder(crate::diag::display_path(&case.shown), Some(ci));
                add_record(&mut b, ci, &case.record);
                // A draft publishes nothing: no date or amount of it to refuse.
                if ci < published {
                    add_refused(&mut b, config, &case.record);
                }
                (b.origins, b.forms, b.days)
            })
            .collect();
        let (mut origins, mut forms, mut days) = (b.origins, b.forms, b.days);
        origins.reserve(parts.iter().map(|p| p.0.len()).sum());
        forms.reserve(parts.iter().map(|p| p.1.len()).sum());
        for (o, f, d) in parts {
            let offset = origins.len();
            origins.extend(o);
            forms.extend(f.into_iter().map(|mut f| {
                f.origin += offset;
                f
            }));
            days.extend(d.into_iter().map(|mut d| {
                d.origin += offset;
                d
            }));
        }
        distinctive_words_of_one_client(&mut forms);
        SecretSet::from_forms(origins, forms, days)
    }

    /// The set of `forms` (any order, texts repeated across records) and
    /// refused `days`.
    pub(crate) fn from_forms(
        origins: Vec<Origin>,
        forms: Vec<Form>,
        days: Vec<RefusedDay>,
    ) -> SecretSet {
        use rayon::prelude::*;
        let mut name_parts: HashMap<usize, Vec<String>> = HashMap::new();
        for f in forms.iter().filter(|f| {
            f.class == FormClass::Part && matches!(f.stand_in, StandIn::Owner | StandIn::Person(..))
        }) {
            name_parts
                .entry(f.origin)
                .or_default()
                .push(f.text.to_lowercase());
        }
        let mut client_words: HashMap<usize, Vec<String>> = HashMap::new();
        for f in forms.iter().filter(|f| {
            matches!(f.class, FormClass::Whole | FormClass::LegalFormless)
                && matches!(f.stand_in, StandIn::Client(_))
        }) {
            let words = client_words.entry(f.origin).or_default();
            for w in f.text.split(|c: char| !c.is_alphabetic()) {
                let w = w.to_lowercase();
                if w.chars().count() >= 3 && !words.contains(&w) {
                    words.push(w);
                }
            }
        }
        let parts: std::collections::HashSet<String> = forms
            .iter()
            .filter(|f| matches!(f.class, FormClass::Part | FormClass::Stem))
            .map(|f| f.text.clone())
            .collect();
        // One pattern per text; the other meanings of the same text are
        // kept as alternatives (the same first name in two records). A
        // text that is also more than initials is matched as more.
        // Stable (and so the same as one thread's): forms that tie keep
        // the order they were collected in.
        // Sorted as indices (a form is ~100 bytes), unstably but with the
        // index last, so ties keep their order; the first eight bytes of
        // each text, compared as a number, decide most comparisons.
        let prefix: Vec<u64> = forms.par_iter().map(|f| leading(&f.text)).collect();
        let key = |f: &Form| {
            (
                f.kind == FormKind::Digits,
                f.class.gate_only(),
                f.class.stem_only(),
                f.class == FormClass::Initials,
                f.origin,
            )
        };
        let mut order: Vec<usize> = (0..forms.len()).collect();
        order.par_sort_unstable_by(|&a, &b| {
            prefix[a].cmp(&prefix[b]).then_with(|| {
                (&forms[a].text, key(&forms[a]), a).cmp(&(&forms[b].text, key(&forms[b]), b))
            })
        });
        let mut slots: Vec<Option<Form>> = forms.into_iter().map(Some).collect();
        let mut merged: Vec<Form> = Vec::with_capacity(slots.len());
        for f in order.into_iter().filter_map(|i| slots[i].take()) {
            match merged.last_mut() {
                Some(last)
                    if last.text == f.text
                        && last.kind == f.kind
                        && last.class.gate_only() == f.class.gate_only()
                        && last.class.stem_only() == f.class.stem_only() =>
                {
                    // Free only where every record's is: a Latin name's
                    // `min` must not be found inside `admin`.
                    last.free &= f.free;
                    last.after_prefix &= f.after_prefix;
                    // One number's whole digits that are another's without
                    // its area code: found anywhere, as the first's.
                    if f.class == FormClass::Phone {
                        last.class = FormClass::Phone;
                    }
                    // A handle that is a word, found only where a handle is
                    // written, that is also another form: found as that.
                    if last.class == FormClass::WordHandle {
                        last.class = f.class;
                    }
                    // A word of a name, found only after a title, that is
                    // also another form: found as that. (Also a handle that
                    // is an everyday word: after a title only, one context
                    // of the two kept; a client's word that is a contact's
                    // handle is rare.)
                    if last.class == FormClass::TitledWord && f.class != FormClass::WordHandle {
                        last.class = f.class;
                    }
                    // A distinctive word of a name that is also a form the
                    // spec lists (a contact's surname): found, and
                    // refused, as that.
                    if last.class == FormClass::NameWord
                        && !matches!(f.class, FormClass::WordHandle | FormClass::TitledWord)
                    {
                        last.class = f.class;
                    }
                    // Sorted by origin: a repeated origin follows itself
                    // (or the form's own; a common first name has hundreds).
                    if last.origin != f.origin && last.alts.last().map(|a| a.0) != Some(f.origin) {
                        last.alts.push((f.origin, f.stand_in));
                    }
                }
                _ => merged.push(f),
            }
        }
        // By record, for the scrubber's look-up of a record's own meaning
        // (a stable sort: the first of a record's stays first).
        for f in merged.iter_mut().filter(|f| f.alts.len() > 1) {
            f.alts.sort_by_key(|(o, _)| origins[*o].case);
        }
        let forms = merged;
        // The scrubber's automata: gate-only forms are not among them.
        let build = |kind: FormKind| {
            let (pats, ids): (Vec<Vec<u8>>, Vec<usize>) = forms
                .iter()
                .enumerate()
                .filter(|(_, f)| f.kind == kind && !f.class.gate_only() && !f.class.stem_only())
                .map(|(i, f)| match kind {
                    FormKind::Words => (keyed(&f.text), i),
                    FormKind::Digits => (f.text.clone().into_bytes(), i),
                })
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
                } else if f.class == FormClass::WordHandle {
                    Rule::Mention
                } else if f.class == FormClass::TitledWord {
                    Rule::Titled
                } else if f.free {
                    Rule::Script
                } else if f.after_prefix {
                    Rule::End
                } else if f.text.contains(' ') && alnum >= 8 {
                    Rule::Free
                } else {
                    Rule::Word
                }
            })
            .collect();
        let one_words: ahash::AHashSet<String> = forms
            .iter()
            .filter(|f| {
                f.kind == FormKind::Words
                    && !f.class.gate_only()
                    && !f.class.stem_only()
                    // (A form's words run together are found written apart
                    // already, `harbor-freight` as "harbor freight".)
                    && f.class != FormClass::Joined
                    && !f.text.contains(' ')
            })
            .map(|f| f.text.clone())
            .collect();
        let mut one_word_starts = vec![0u64; (37 * 37 * 37usize).div_ceil(64)].into_boxed_slice();
        for w in &one_words {
            let mut first = [0u8; 3];
            // (As a word's are read: its marks passed over, `o'brien`.)
            for (f, b) in first
                .iter_mut()
                .zip(w.bytes().filter(u8::is_ascii_alphanumeric))
            {
                *f = b;
            }
            let bit = start_bit(first);
            one_word_starts[bit / 64] |= 1 << (bit % 64);
        }
        let mut stems = HashMap::new();
        let mut stems_everywhere = HashMap::new();
        for (i, f) in forms.iter().enumerate() {
            if parts.contains(&f.text)
                && let Some(stem) = stem_of(&f.text)
            {
                stems.entry(stem.to_string()).or_insert(i);
                if inflects_everywhere(&f.text) {
                    stems_everywhere.entry(stem.to_string()).or_insert(i);
                }
            }
        }
        let mut phrases: HashMap<String, Vec<(Vec<Stem>, usize)>> = HashMap::new();
        for (i, f) in forms.iter().enumerate() {
            if matches!(
                f.class,
                FormClass::Whole | FormClass::LegalFormless | FormClass::Leading
            ) && f.kind == FormKind::Words
                && let Some(words) = phrase_stems(&f.text)
            {
                phrases
                    .entry(words[0].text.clone())
                    .or_default()
                    .push((words, i));
            }
        }
        SecretSet {
            origins,
            forms,
            days,
            words,
            word_ids,
            rules,
            digits,
            digit_ids,
            stems,
            stems_everywhere: everywhere_automaton(stems_everywhere),
            phrases,
            name_parts,
            client_words,
            one_words,
            one_word_starts,
        }
    }

    /// May a one-word form start with these three letters or digits
    /// (lower case; `0` for none, for a word shorter than three)? A
    /// cheap test before a word is read whole.
    pub fn may_start_one_word(&self, first: [u8; 3]) -> bool {
        let bit = start_bit(first);
        self.one_word_starts[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// Is `word` (as the scrubber reads it: lower-case ASCII) one of the
    /// one-word forms?
    pub fn is_one_word_form(&self, word: &str) -> bool {
        self.one_words.contains(word)
    }
}

/// The automaton of the stems read with their endings on every page, and
/// each pattern's form (`None`: no such stem).
fn everywhere_automaton(stems: HashMap<String, usize>) -> Option<(AhoCorasick, Vec<usize>)> {
    if stems.is_empty() {
        return None;
    }
    let (patterns, forms): (Vec<String>, Vec<usize>) = stems.into_iter().unzip();
    let ac = AhoCorasick::new(&patterns).ok()?;
    Some((ac, forms))
}

fn add_record(b: &mut Builder, ci: usize, r: &Record) {
    use crate::model::sensitive::{self, Kind};
    let client = r.client.name.as_str();
    for v in sensitive::values(r)
        .into_iter()
        .filter(|v| !is_placeholder(v.text))
    {
        let (field, text) = (v.field, v.text);
        match v.kind {
            Kind::Client | Kind::Alias => b.organisation(field, text, client),
            Kind::Domain => b.domain(field, text, client),
            Kind::ContactName(i) => b.person(field, text, &StandIn::Person(ci, i)),
            Kind::ContactEmail(i) => b.email(field, text, &StandIn::Person(ci, i), client),
            Kind::ContactPhone(_) => b.phone(field, text),
            Kind::Owner => b.person(field, text, &StandIn::Owner),
            Kind::Other => b.value(field, text),
        }
    }
}

/// The exact days and amounts of a published case's own fields that the
/// site's `[anonymize] dates` and `money` forbid: for the leak gate.
fn add_refused(b: &mut Builder, config: &Config, r: &Record) {
    use crate::anonymize::quasi::{refused_amounts, refused_days};
    for (field, d, words_only) in refused_days(r, config.anonymize.dates) {
        let origin = b.origin(field);
        if let Some(day) = d.day {
            b.days.push(RefusedDay {
                year: d.year,
                month: d.month,
                day,
                words_only,
                origin,
            });
        }
    }
    for (field, forms) in refused_amounts(r, config.anonymize.money) {
        b.refused(field, &forms, FormClass::ExactAmount);
    }
}

#[cfg(test)]
mod tests;

/// The first eight bytes of `text` as a number (zeros after a shorter
/// text): where two differ, they order the texts as their bytes do.
fn leading(text: &str) -> u64 {
    let mut b = [0u8; 8];
    let n = text.len().min(8);
    b[..n].copy_from_slice(&text.as_bytes()[..n]);
    u64::from_be_bytes(b)
}
