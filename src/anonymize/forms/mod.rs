//! Which forms each sensitive value gives: the list of
//! `spec/exit-record.md` ("Sensitive values: the publishing guarantee"),
//! one function per kind of value. The forms are canonical text as the
//! scrubber's view reads it ([`crate::anonymize::view::canon`]), so that a
//! form and an occurrence meet however the occurrence was written.

use crate::anonymize::secrets::{
    Form, FormClass, FormKind, Origin, RefusedDay, StandIn, digits_of, fold, prefixing,
    registrable, spaced, unspaced,
};
use crate::anonymize::view::{canon, is_dash};

mod cjk;
mod given_names;
mod org_names;
mod person_client;
mod phone_field;
mod phones;
mod romanise;
mod tables;
mod wade_giles;

pub(crate) use tables::{COMPANY_WORDS, HONORIFICS, PARTICLES, PUBLIC_PROVIDERS};

use tables::{
    ANDS, APOSTROPHES, ARTICLES, CAPITAL_LEGAL_FORMS, CONNECTORS, GENERIC_MAILBOXES, LEADING_KINDS,
    LEGAL_FORMS, OTHER_NAME_MARKERS,
};

/// Collects the forms of a site's sensitive values.
pub(crate) struct Builder<'a> {
    /// `[anonymize] allow`, folded.
    pub allow: &'a [String],
    pub origins: Vec<Origin>,
    pub forms: Vec<Form>,
    pub days: Vec<RefusedDay>,
    pub file: String,
    pub case: Option<usize>,
    /// The country of national phone numbers (`[anonymize] country`).
    pub country: Option<phonenumber::country::Id>,
    /// Where an organisation's distinctive words are secrets of their own
    /// ([`Builder::name_words`]), on English sites: the words of what
    /// records publish about clients (region, industry, service, tags),
    /// which never are.
    pub name_words: Option<&'a std::collections::HashSet<String>>,
}

impl Builder<'_> {
    pub fn origin(&mut self, field: String) -> usize {
        self.origins.push(Origin {
            file: self.file.clone(),
            field,
            case: self.case,
            person: false,
        });
        self.origins.len() - 1
    }

    /// A form of letters, at least `min` letters or digits long; declared
    /// values count from two (an alias "B&L"), name parts from three.
    fn add(&mut self, origin: usize, text: &str, class: FormClass, to: &StandIn, min: usize) {
        let f = fold(text);
        let alnum = letters(&f);
        // `allow` exempts a part (a surname that is an everyday word),
        // never a whole declared value.
        let part = matches!(
            class,
            FormClass::Part
                | FormClass::EmailLocal
                | FormClass::Handle
                | FormClass::WordHandle
                | FormClass::NameWord
                | FormClass::TitledWord
        );
        if alnum < min || (part && self.allow.contains(&f)) {
            return;
        }
        let (unspaced, prefixing) = (unspaced(text), prefixing(text));
        let mut push = |t: String, class: FormClass| {
            let letters = t.bytes().filter(u8::is_ascii_alphanumeric).count();
            // (A reading shorter than the value's own: `mr` of `عمر` read
            // by a table that drops its ayin would be every "Mr".)
            if !t.is_empty() && letters >= min {
                self.forms.push(Form {
                    text: t,
                    kind: FormKind::Words,
                    class,
                    origin,
                    stand_in: to.clone(),
                    alts: Vec::new(),
                    free: unspaced && letters >= 3,
                    after_prefix: prefixing && letters >= 4,
                });
            }
        };
        let c = canon(text);
        // Letters that look Latin are read as the letter they look like, a
        // real Cyrillic or Greek name also as its transliteration.
        let translit = canon(&f);
        for r in romanise::romanisations(text) {
            let r = canon(&r);
            if r != c && r != translit {
                push(r, FormClass::Romanised);
            }
        }
        if translit != c {
            push(translit, class);
        }
        // (A person's parts, an organisation's name without its legal form
        // and its leading words: a whole name is found by those. Not run
        // together: that doubled what they cost.)
        let spelled = if matches!(
            class,
            FormClass::Part | FormClass::LegalFormless | FormClass::Leading
        ) {
            spelled_variants(text)
        } else {
            Vec::new()
        };
        let variants = umlaut_variants(text)
            .into_iter()
            .chain(unspelled_variant(text))
            .map(|v| (v, true))
            .chain(spelled.into_iter().map(|v| (v, false)));
        for (v, run_together) in variants {
            let v = canon(&v);
            // Run together too (`nordhavnoestergaard`, a URL's slug): a
            // spelled-out form all the same.
            if run_together && v.contains(' ') && class != FormClass::Initials {
                let joined: String = v.chars().filter(|ch| ch.is_ascii_alphanumeric()).collect();
                if joined.len() >= 4 {
                    push(joined, FormClass::Umlaut);
                }
            }
            push(v, FormClass::Umlaut);
        }
        // Words run together: `harborfreight`, `HarborFreight`.
        if c.contains(' ') && class != FormClass::Initials {
            let joined: String = c.chars().filter(|ch| ch.is_ascii_alphanumeric()).collect();
            if joined.len() >= 4 {
                push(joined, FormClass::Joined);
            }
        }
        push(c, class);
    }

    /// The ways a record's own date or amount may not be published
    /// ([`FormClass::gate_only`]); `allow` exempts a form.
    pub fn refused(&mut self, field: String, forms: &[String], class: FormClass) {
        let o = self.origin(field);
        for t in forms {
            let t = fold(t);
            if !self.allow.contains(&t) {
                self.forms.push(Form {
                    text: t,
                    kind: FormKind::Words,
                    class,
                    origin: o,
                    stand_in: StandIn::Withheld,
                    alts: Vec::new(),
                    free: false,
                    after_prefix: false,
                });
            }
        }
    }

    /// A free string (`sensitive`): the whole value; and where it is an
    /// email address, a phone number or a domain, that value's forms too
    /// (a number listed there is found written nationally, an address by
    /// its local part and domain).
    pub fn value(&mut self, field: String, text: &str) {
        let o = self.origin(field.clone());
        self.add(o, text, FormClass::Whole, &StandIn::Withheld, 2);
        let t = text.trim();
        let withheld = |_: FormClass| (StandIn::Withheld, 3);
        if let Some((local, domain)) = t.rsplit_once('@')
            && !local.contains(char::is_whitespace)
            && domain.contains('.')
        {
            // The local part whole: its pieces (`ops`, `lead`) are as
            // likely words as names, and no person of the record has them.
            if !GENERIC_MAILBOXES.contains(&local.to_lowercase().as_str()) {
                self.add(o, local, FormClass::EmailLocal, &StandIn::Withheld, 3);
            }
            self.domain_forms(o, domain, &withheld);
        } else if t
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
            && t.chars().filter(char::is_ascii_digit).count() >= 7
        {
            self.phone(field, t);
        } else if !t.contains(char::is_whitespace) && t.contains('.') {
            self.domain_forms(o, t, &withheld);
        }
    }

    /// An organisation: the whole name; without its legal form; every run
    /// of its leading words of two words or more; its initials when it has
    /// three words or more (an upper-case word: `HFL`).
    pub fn organisation(&mut self, field: String, name: &str, client: &str) {
        // Another name inside the name (`… (formerly Bluewren Print)`,
        // `… t/a Bluewren Print`): each is the client's, with all its forms.
        if let Some(names) = other_names(name) {
            let o = self.origin(field.clone());
            self.add(o, name, FormClass::Whole, &StandIn::Client(fold(client)), 2);
            for one in names {
                self.organisation(field.clone(), one, client);
            }
            return;
        }
        let o = self.origin(field.clone());
        let to = StandIn::Client(fold(client));
        self.add(o, name, FormClass::Whole, &to, 2);
        let base = without_legal_form(name);
        // A client that is a person (`Anna Zielińska`, `Dr Ngozi Okafor`):
        // a person's forms too, each part of the name on its own.
        let persons = person_client::person_in(base, self.name_words.is_some())
            .into_iter()
            // A firm named after its partners (`Kowalski i Wspólnicy`):
            // each surname is a person's.
            .chain(person_client::surnames_in(base));
        let mut is_person = false;
        for person in persons {
            is_person = true;
            // Where a person's name is all of the name's words less titles
            // (`Anna Zielińska`, `Dr Ngozi Okafor`), the name whole is a
            // person's too (a Polish page's stand-in then reads as a
            // woman's or a man's, not a firm's).
            let untitled = base
                .split_whitespace()
                .map(fold)
                .filter(|w| !HONORIFICS.contains(&w.trim_end_matches('.')));
            if person.split_whitespace().map(fold).eq(untitled) {
                self.origins[o].person = true;
            }
            let at = self.origins.len();
            self.person(field.clone(), &person, &to);
            if let Some(o) = self.origins.get_mut(at) {
                o.person = true;
            }
        }
        // (Of three letters or more, as a person's part: `Nova` of `Nova
        // Ltd` is the client as much as `Novatek` of `Novatek Ltd`.)
        if base != name.trim() && (base.contains(' ') || letters(base) >= 3) {
            self.add(o, base, FormClass::LegalFormless, &to, 2);
        }
        let words: Vec<&str> = base.split_whitespace().collect();
        self.leading_runs(o, &words, &to);
        // `Rolls-Royce` of `Rolls-Royce Holdings`: a hyphenated first word
        // is two words run together.
        if words.len() >= 2 && words[0].contains('-') {
            self.add(o, words[0], FormClass::Leading, &to, 5);
        }
        self.name_words(o, base, &to);
        // (A person's parts are secrets wherever they stand already.)
        if !is_person {
            self.titled_words(o, base, &to);
        }
        // A name of one word is inflected as a noun (`Ромашку`, `Ромашкой`
        // of `ООО «Ромашка»`): its stem, on pages that inflect names.
        let variants = org_names::variants(base);
        for one in std::iter::once(base).chain(variants.iter().map(String::as_str)) {
            let f = fold(one);
            if !f.contains(' ') && f.len() >= 5 {
                self.add(o, &f, FormClass::Stem, &to, 5);
            }
        }
        // As it is also written (`Home Depot`, `Marks & Spencer`, `Ромашка`).
        for v in variants {
            // (In Han or Hangul, two syllables are a name: `한빛` of `(주)한빛`.)
            if v.contains(' ') || letters(&v) >= 3 || (unspaced(&v) && v.chars().count() >= 2) {
                self.add(o, &v, FormClass::LegalFormless, &to, 3);
            }
            let words: Vec<&str> = v.split_whitespace().collect();
            self.leading_runs(o, &words, &to);
        }
        // Initials, of the words and of a hyphenated word's parts too
        // (`KNL` of `Kovář-Novák Logistika`, as `RMC` of `Rolls-Royce
        // Motor Cars` is written `RRMC` as well).
        let parts: Vec<&str> = base
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .collect();
        // With a legal form of one word, the initials take it too (`QHSL`
        // of `Quillfeather Harbor Stationers Ltd`, as `TCSL` is written).
        let full: Vec<&str> = name.split_whitespace().collect();
        let with_form = if full.len() == words.len() + 1 {
            full
        } else {
            Vec::new()
        };
        for words in [&words, &parts, &with_form] {
            if words.len() < 3 {
                continue;
            }
            let initials = |skip: bool| -> String {
                words
                    .iter()
                    .filter(|w| !skip || !CONNECTORS.contains(&fold(w).as_str()))
                    .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
                    .collect()
            };
            for i in [initials(false), initials(true)] {
                if i.chars().count() >= 3 {
                    self.add(o, &i, FormClass::Initials, &to, 3);
                }
            }
        }
    }

    /// The distinctive words of an organisation's name of two words or
    /// more ([`FormClass::NameWord`]): `Quillfeather` of `Quillfeather
    /// Stationers`, `Nordlys` and `Kaffebrenneri` of `Nordlys Kaffebrenneri
    /// AS`, `Zielińska` of a client who is a person. People call a client
    /// by such a word alone ("Quillfeather signed"), and it names the client
    /// as surely as the whole name. A word of four letters or more that is
    /// no English word (Wordnik's list), no word of company names in
    /// general ([`COMPANY_WORDS`], `Logistics`), no word for a kind of
    /// business, article, "and" or particle, and no word of what a record
    /// publishes about a client (`Ontario` of `region: Ontario`, in
    /// `Ontario Dental Group`). English sites only: there, a word that is
    /// no English word is a name; in another language it may be any noun
    /// (`Drukarnia`, `Logistik`), and `check` warns about such words
    /// instead.
    fn name_words(&mut self, o: usize, base: &str, to: &StandIn) {
        let Some(described) = self.name_words else {
            return;
        };
        let words: Vec<&str> = base
            .split(|c: char| c.is_whitespace() || c == '-' || is_dash(c))
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() < 2 {
            return;
        }
        for w in words {
            let f = fold(w);
            if w.chars().count() < 4
                || !w.chars().all(char::is_alphabetic)
                || wordnik_list::word_exists(&f)
                || nobodys_word(&f)
                || described.contains(&f)
            {
                continue;
            }
            self.add_all_as(o, w, FormClass::NameWord, to, 4);
        }
    }

    /// [`Builder::add`], every form of `w` (its other spellings too,
    /// `Mueller` of `Müller`) in `class`: a guess as much as the word
    /// itself.
    fn add_all_as(&mut self, o: usize, w: &str, class: FormClass, to: &StandIn, min: usize) {
        let from = self.forms.len();
        self.add(o, w, class, to, min);
        for f in &mut self.forms[from..] {
            f.class = class;
        }
    }

    /// Every other word of an organisation's name, found only after a
    /// title ([`FormClass::TitledWord`]): `Baker` of `Mark Baker
    /// Photography` ("Mr Baker rang"), `Sowa` of `Drukarnia Sowa` ("Pani
    /// Sowa"), on every site. Not a word no one is called by: an article,
    /// "and", a particle, a legal form, a word of company names in general
    /// or of a kind of business, a title; three letters or more.
    fn titled_words(&mut self, o: usize, base: &str, to: &StandIn) {
        for w in base.split(|c: char| c.is_whitespace() || c == '-' || is_dash(c)) {
            let f = fold(w);
            if w.chars().count() < 3
                || !w.chars().all(char::is_alphabetic)
                || nobodys_word(&f)
                || CONNECTORS.contains(&f.as_str())
                || HONORIFICS.contains(&f.as_str())
            {
                continue;
            }
            self.add_all_as(o, w, FormClass::TitledWord, to, 3);
        }
    }

    /// Every run of an organisation's leading words, two or more and not
    /// all of them, that does not end with a connector (`Bank of` of `Bank
    /// of Ireland Group` is no name: "the Bank of England" is another's).
    fn leading_runs(&mut self, o: usize, words: &[&str], to: &StandIn) {
        for k in 2..words.len() {
            if CONNECTORS.contains(&fold(words[k - 1]).as_str()) {
                continue;
            }
            self.add(o, &words[..k].join(" "), FormClass::Leading, to, 4);
        }
    }

    /// A person: the full name, and each part of three letters or more
    /// (split at spaces and hyphens; a hyphenated part also whole), except
    /// name particles unless one is the whole given name; and a surname
    /// that starts with a particle whole (`Ní Fhlaithearta`, `van der
    /// Berg`), so that "Ms Ní Fhlaithearta" is replaced title, particle
    /// and all.
    pub fn person(&mut self, field: String, name: &str, to: &StandIn) {
        let o = self.origin(field);
        self.add(o, name, FormClass::Whole, to, 2);
        let tokens: Vec<&str> = name.split_whitespace().collect();
        self.handles(o, &tokens, to);
        let particle = |t: &str| PARTICLES.contains(&fold(t).as_str());
        for i in 1..tokens.len().saturating_sub(1) {
            if particle(tokens[i]) {
                self.add(o, &tokens[i..].join(" "), FormClass::Part, to, 3);
                // And up to the first part after it, where more follow
                // (`dos Santos` of Maria dos Santos Ferreira): not "dos
                // the Director".
                if let Some(j) = (i + 1..tokens.len() - 1).find(|&j| !particle(tokens[j])) {
                    self.add(o, &tokens[i..=j].join(" "), FormClass::Part, to, 3);
                }
            }
        }
        // A double surname's hyphen as a word processor writes it (`‑`, `‐`,
        // `–`) is a hyphen.
        let hyphened: Vec<String> = tokens.iter().map(|t| t.replace(is_dash, "-")).collect();
        for token in hyphened.iter().filter(|t| t.contains('-')) {
            let token = token.trim_matches(|c: char| !c.is_alphanumeric());
            self.add(o, token, FormClass::Part, to, 3);
            // The Arabic article is written `al-` and `el-` (`El-Rashid` of
            // Al-Rashid), and `Al-` also without its hyphen.
            if let Some((article, rest)) = token.split_once('-')
                && ["al", "el"].contains(&article.to_lowercase().as_str())
                && rest.chars().count() >= 3
            {
                for other in ["al", "el"] {
                    self.add(o, &format!("{other}-{rest}"), FormClass::Part, to, 3);
                    self.add(o, &format!("{other}{rest}"), FormClass::Part, to, 3);
                }
            }
        }
        for (i, token) in tokens.iter().enumerate() {
            // Parts joined by any hyphen or dash, and in a field that holds
            // two names or a handle's spelling (`Łukasz Kowalski/Anna Nowak`,
            // `Łukasz.Kowalski`, `lukasz_kowalski`), by the mark between.
            for part in token.split(|c: char| c == '-' || is_dash(c) || JOINERS.contains(&c)) {
                let part = part.trim_matches(|c: char| !c.is_alphanumeric());
                let given =
                    i == 0 && tokens.len() > 1 && !token.contains(|c: char| c == '-' || is_dash(c));
                // In Han or Hangul a name's part is one or two syllables:
                // two are a part (`山田`, `민수`), one is too common a word.
                let least = if unspaced(part) { 2 } else { 3 };
                if part.chars().count() < least
                    || (PARTICLES.contains(&fold(part).as_str()) && !given)
                {
                    continue;
                }
                self.add(o, part, FormClass::Part, to, 3);
                // (Three letters or more as read in Latin letters: `oa`
                // would be a search file's name, `v/oa.js`.)
                for sub in syllable_parts(part) {
                    self.add(o, sub, FormClass::Part, to, 3);
                }
                // An Arabic family name's article goes where a preposition
                // takes its place (`للعلي`, "to al-Ali"): the name without it.
                if let Some(rest) = part.strip_prefix("ال")
                    && rest.chars().count() >= 3
                {
                    self.add(o, rest, FormClass::Part, to, 3);
                }
                self.apostrophe_forms(o, part, to);
                for v in romanise::spellings(&fold(part)) {
                    self.add(o, v, FormClass::Romanised, to, 3);
                }
                for v in cjk::korean_surname_spellings(&fold(part)) {
                    self.add(o, v, FormClass::Romanised, to, 3);
                }
                for v in mac_forms(&fold(part)) {
                    self.add(o, &v, FormClass::Part, to, 3);
                }
                for w in alternated(&fold(part)) {
                    self.add(o, &w, FormClass::Alternated, to, 3);
                }
                for stem in changed_stems(&fold(part)) {
                    if stem.len() >= 5 {
                        self.add(o, &stem, FormClass::Stem, to, 4);
                    } else {
                        // A short stem and any ending is too many words
                        // (`mark` of Marek: the theme's `marks`): the
                        // cases' own endings only.
                        for ending in CASE_ENDINGS {
                            self.add(o, &format!("{stem}{ending}"), FormClass::Alternated, to, 4);
                        }
                    }
                }
                if let Some(stem) = baltic_short_stem(&fold(part)) {
                    for ending in BALTIC_ENDINGS {
                        self.add(o, &format!("{stem}{ending}"), FormClass::Alternated, to, 4);
                    }
                }
            }
        }
        for latin in cjk::latin_names(name) {
            self.add(o, &latin, FormClass::Romanised, to, 3);
        }
        for latin in cjk::given_readings(name) {
            self.add_reading(o, &latin, to);
        }
        // A Korean name written in Latin letters (`Park Ji-hoon`, `Ji-hoon
        // Park`): its surname after a title (`Mr Park`), and its given name
        // as it is also written (`Jihun`, `Ji-hun`).
        let words: Vec<String> = tokens.iter().map(|t| fold(t)).collect();
        if let Some((surname, syllables)) = cjk::korean_in_latin(&words) {
            for titled in cjk::with_titles(surname) {
                self.add(o, &titled, FormClass::Part, to, 3);
            }
            for latin in cjk::korean_given_names(&syllables) {
                self.add_reading(o, &latin, to);
            }
        }
    }

    /// The handles a person's name makes, as chat, ticket and mail systems
    /// make user names: the initial and the surname, each of its parts and
    /// all of it (`zlambert`, `zokafor`, `zlambertokafor` of Zoë
    /// Lambert-Okafor); the surname and the initial (`lambertz`); the given
    /// name and the surname's initial (`zoel`, of five letters or more:
    /// shorter ones are too near to words). A handle that is an everyday
    /// word ([`handle_class`]) is found only where a handle is written.
    fn handles(&mut self, o: usize, tokens: &[&str], to: &StandIn) {
        let [first, .., last] = tokens else {
            return;
        };
        let ascii = |t: &str| -> String {
            fold(t)
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect()
        };
        let given = ascii(first);
        let Some(initial) = given.chars().next().filter(char::is_ascii_alphabetic) else {
            return;
        };
        let surname: Vec<String> = last.split('-').map(ascii).collect();
        let whole = surname.concat();
        let mut made = Vec::new();
        // (All of a surname of one part is that part: made once.)
        let all = (surname.len() > 1).then_some(&whole);
        for part in surname.iter().chain(all) {
            if part.chars().count() >= 3 {
                made.push(format!("{initial}{part}"));
                made.push(format!("{part}{initial}"));
            }
        }
        if let Some(s) = whole.chars().next().filter(char::is_ascii_alphabetic)
            && given.len() >= 4
        {
            made.push(format!("{given}{s}"));
        }
        for h in made {
            self.add_plain(o, h, to);
        }
    }

    /// A handle: lower-case ASCII letters and digits, made from the name's
    /// folded parts, so it has no other readings to add (no marks, no
    /// look-alikes, nothing to spell out): pushed as it is, unless `allow`
    /// exempts it. (Through [`Builder::add`], the handles were a third of
    /// what a person's forms cost.)
    fn add_plain(&mut self, o: usize, handle: String, to: &StandIn) {
        if handle.len() < 3 || self.allow.contains(&handle) {
            return;
        }
        let class = handle_class(&handle);
        self.forms.push(Form {
            text: handle,
            kind: FormKind::Words,
            class,
            origin: o,
            stand_in: to.clone(),
            alts: Vec::new(),
            free: false,
            after_prefix: false,
        });
    }

    /// A Chinese or Korean given name read in Latin letters ([`cjk`]): a
    /// word in Latin text, and found wherever it stands in text written without
    /// spaces, as the name in its own script is. (Forms with the same text
    /// are found as all of them allow: such a reading beside a Latin form
    /// that is a word only would no longer be found inside `김민수가`.)
    fn add_reading(&mut self, o: usize, latin: &str, to: &StandIn) {
        let from = self.forms.len();
        self.add(o, latin, FormClass::Romanised, to, 3);
        for f in &mut self.forms[from..] {
            f.free = true;
        }
    }

    /// A name part with an apostrophe (`O'Brien`, `D’Angelo`) is also
    /// written without it (`OBrien`, `Dangelo`), with a space for it
    /// (`O Brien`), and after its elided particle alone (`Angelo`).
    fn apostrophe_forms(&mut self, o: usize, part: &str, to: &StandIn) {
        if !part.contains(APOSTROPHES) {
            return;
        }
        let joined: String = part.chars().filter(|c| !APOSTROPHES.contains(c)).collect();
        self.add(o, &joined, FormClass::Part, to, 3);
        self.add(o, &part.replace(APOSTROPHES, " "), FormClass::Part, to, 3);
        if let Some((head, tail)) = part.rsplit_once(APOSTROPHES)
            && head.chars().count() <= 4
            && tail.chars().count() >= 3
        {
            self.add(o, tail, FormClass::Part, to, 3);
        }
    }

    pub fn email(&mut self, field: String, email: &str, person: &StandIn, client: &str) {
        let o = self.origin(field.clone());
        self.add(o, email, FormClass::Whole, &StandIn::Email, 2);
        // As copied out of a mail program: `Dana Whitfield <dw@…>`,
        // `mailto:dw@…`. The name shown is the person's name too.
        let (shown, address) = mail_parts(email);
        if let Some(shown) = shown {
            self.person(field, shown, person);
        }
        if address != email.trim() {
            self.add(o, address, FormClass::Whole, &StandIn::Email, 2);
        }
        let Some((local, domain)) = address.rsplit_once('@') else {
            return;
        };
        self.email_local(o, local, person);
        self.domain_forms(o, domain, &client_domain(client));
    }

    /// An email's local part, and its pieces (`dana.whitfield` also names
    /// Dana Whitfield), unless a generic mailbox's.
    fn email_local(&mut self, o: usize, local: &str, person: &StandIn) {
        if !GENERIC_MAILBOXES.contains(&local.to_lowercase().as_str()) {
            self.add(o, local, FormClass::EmailLocal, person, 3);
            // A piece that is an everyday word (`quill` of `lk.quill`) is
            // found only where a handle is written: "a quill pen" is no one.
            // (A piece that is a part of the person's name is that too.)
            for part in local.split(['.', '_', '-', '+']) {
                if part.chars().count() >= 3 && part.chars().all(char::is_alphabetic) {
                    let class = match handle_class(&part.to_lowercase()) {
                        FormClass::WordHandle => FormClass::WordHandle,
                        _ => FormClass::EmailLocal,
                    };
                    self.add(o, part, class, person, 3);
                }
            }
        }
    }

    pub fn domain(&mut self, field: String, domain: &str, client: &str) {
        let o = self.origin(field);
        self.domain_forms(o, domain, &client_domain(client));
    }

    /// A domain, with or without `www.`, its registrable domain and label
    /// by the public suffix list — unless a public mail or placeholder
    /// provider's.
    /// `to`: each form's stand-in and shortest length, by its class.
    fn domain_forms(&mut self, o: usize, domain: &str, to: &dyn Fn(FormClass) -> (StandIn, usize)) {
        let d = host_of(domain);
        // The public suffix list is read in ASCII: an internationalised
        // domain (`müller-bau.de`) in its ASCII form (`xn--mller-bau-r9a.de`).
        let ascii = idna::domain_to_ascii(&d).unwrap_or_else(|_| d.clone());
        let ascii = ascii.strip_prefix("www.").unwrap_or(&ascii);
        if ascii.parse::<std::net::IpAddr>().is_ok() {
            return;
        }
        // A domain that is itself a public suffix (a client such as a
        // hosting platform: `netlify.app`, `x.sch.uk`) is all its own
        // registrable domain, its first label its label.
        let (reg, label) = registrable(ascii).unwrap_or_else(|| {
            let first = ascii.split('.').next().unwrap_or(ascii).to_string();
            (ascii.to_string(), first)
        });
        if PUBLIC_PROVIDERS.contains(&label.as_str()) {
            return;
        }
        // Each form as it is written in ASCII, and, for an internationalised
        // domain, as it reads.
        let mut forms = vec![(ascii.to_string(), FormClass::Domain)];
        if reg != ascii {
            forms.push((reg, FormClass::Domain));
        }
        forms.push((label, FormClass::Label));
        if ascii.split('.').any(|l| l.starts_with("xn--")) {
            let read: Vec<(String, FormClass)> = forms
                .iter()
                .filter_map(|(t, class)| {
                    let (unicode, ok) = idna::domain_to_unicode(t);
                    (ok.is_ok() && unicode != *t).then_some((unicode, *class))
                })
                .collect();
            forms.extend(read);
        }
        for (text, class) in forms {
            let (stand_in, min) = to(class);
            self.add(o, &text, class, &stand_in, min);
            // A label that is a word is the client's name as people say
            // it, and inflected so (`z Quillfeatherem` of
            // `quillfeather.co.uk`): its stem, as of a one-word name.
            if class == FormClass::Label
                && text.chars().count() >= 5
                && text.chars().all(char::is_alphabetic)
            {
                self.add(o, &fold(&text), FormClass::Stem, &stand_in, 5);
            }
        }
    }

    /// A phone number as the phone-number library reads it: country
    /// calling code of any length, national significant number, extension
    /// set apart (and never a form). Its forms are digit strings: the
    /// national significant number, with the calling code, with the trunk
    /// prefix; found in any formatting of the digits.
    pub fn phone(&mut self, field: String, phone: &str) {
        let o = self.origin(field);
        let mut digits: Vec<String> = Vec::new();
        let mut locals: Vec<String> = Vec::new();
        for number in phone_field::numbers_in(phone) {
            self.phone_digits(&number, &mut digits, &mut locals);
        }
        // `1-800-FLOWERS`: as written, and dialled.
        for (written, dialled) in phone_field::vanity_in(phone) {
            self.add(o, &written, FormClass::Whole, &StandIn::Phone, 2);
            self.phone_digits(&dialled, &mut digits, &mut locals);
        }
        digits.sort();
        digits.dedup();
        locals.sort();
        locals.dedup();
        locals.retain(|l| digits.binary_search(l).is_err());
        let digits = digits.into_iter().map(|d| (d, FormClass::Phone));
        let locals = locals.into_iter().map(|d| (d, FormClass::LocalPhone));
        for (d, class) in digits.chain(locals) {
            self.forms.push(Form {
                text: d,
                kind: FormKind::Digits,
                class,
                origin: o,
                stand_in: StandIn::Phone,
                alts: Vec::new(),
                free: false,
                after_prefix: false,
            });
        }
    }

    /// The digit forms of one number of a `phone` field.
    fn phone_digits(&self, phone: &str, digits: &mut Vec<String>, locals: &mut Vec<String>) {
        let written = digits_of(phone.split(['x', 'X', '#']).next().unwrap_or(phone));
        let intl =
            phone.trim_start().starts_with(['+', '(']) || phone.trim_start().starts_with("00");
        // A number written nationally may be another country's than the
        // site's (`087 123 4567` on an English site): its digits as
        // written, and without trunk zeros, whatever the library reads.
        if !intl {
            let national = written.trim_start_matches('0').to_string();
            digits.extend(
                [written.clone(), national]
                    .into_iter()
                    .filter(|d| d.len() >= 7),
            );
            // A calling code without its `+`, as spreadsheets and CRMs
            // export numbers (`447911123456`): also the number it is
            // internationally, where the library finds it valid, or it is
            // has eleven digits or more (a form too many only protects more).
            if written.len() >= 10
                && !written.starts_with('0')
                && let Some(p) = parse_phone_checked(&format!("+{written}"), None, true)
                    .filter(|p| p.valid || written.len() >= 11)
            {
                phone_forms(p, digits, locals);
            }
        }
        match parse_phone(phone, self.country) {
            Some(p) => phone_forms(p, digits, locals),
            None => {
                // Not a number the library knows: its digits as written,
                // and without trunk zeros.
                let national = written.trim_start_matches('0').to_string();
                digits.extend([written, national].into_iter().filter(|d| d.len() >= 7));
            }
        }
    }
}

/// The digit forms of a parsed number: its national significant number,
/// with the calling code (`+` or `00`), with the trunk prefix, without the
/// leading zeros Italy keeps (`+39 6…` written for `+39 06…`), and as
/// the country writes it at home; into `locals`, the number without its
/// area code ([`FormClass::LocalPhone`]).
fn phone_forms(p: Phone, digits: &mut Vec<String>, locals: &mut Vec<String>) {
    if p.national.len() < 6 {
        return;
    }
    digits.push(format!("{}{}", p.code, p.national));
    digits.push(format!("00{}{}", p.code, p.national));
    if let Some(t) = &p.trunk {
        digits.push(format!("{t}{}", p.national));
    }
    let bare = p.national.trim_start_matches('0');
    if bare.len() != p.national.len() && bare.len() >= 6 {
        digits.push(format!("{}{bare}", p.code));
        digits.push(format!("00{}{bare}", p.code));
    }
    // Argentina's mobiles drop the `9` and put `15` after the area code
    // (`011 15-1234-5678`), and are also written without either (`011
    // 1234-5678`) or from `15` on (`15-1234-5678`).
    for d in p.written {
        if d.len() >= 6 {
            digits.push(d.trim_start_matches('0').to_string());
            digits.push(d);
        }
    }
    locals.extend(p.local);
    digits.push(p.national);
}

/// The stand-ins of a client's domain forms: its pseudonym's domain, and
/// its pseudonym for the label.
fn client_domain(client: &str) -> impl Fn(FormClass) -> (StandIn, usize) + '_ {
    move |class| match class {
        FormClass::Label => (StandIn::ClientLabel(fold(client)), 3),
        _ => (StandIn::ClientDomain(fold(client)), 2),
    }
}

/// A declared phone number, parsed.
#[derive(Debug, PartialEq, Eq)]
pub struct Phone {
    pub code: u16,
    /// The national significant number (Italian leading zeros included).
    pub national: String,
    /// The trunk prefix dialled before it at home (`0`, `1`, `8`).
    pub trunk: Option<String>,
    pub extension: Option<String>,
    /// Digit strings of the number as written at home that hold more than
    /// the trunk prefix and the national significant number.
    pub written: Vec<String>,
    /// The number without its area code, as it is written to someone in
    /// the same area (`555-0142` of `(503) 555-0142`, `7946 0958` of
    /// `020 7946 0958`): what follows the first group of its home writing,
    /// where that is seven digits or more.
    pub local: Option<String>,
    /// The library reads it as a valid number of its calling code (only
    /// where the parse was asked to check).
    pub valid: bool,
}

/// A word (folded) that names no one in an organisation's name: a word of
/// company names in general (`Logistics`), of a kind of business, an
/// article, "and", a particle, a legal form.
fn nobodys_word(f: &str) -> bool {
    [
        COMPANY_WORDS,
        LEADING_KINDS,
        ARTICLES,
        ANDS,
        PARTICLES,
        LEGAL_FORMS,
    ]
    .iter()
    .any(|list| list.contains(&f))
}

/// A handle's class: [`FormClass::WordHandle`] where it is an everyday
/// English word (Wordnik's list: `thanks` of a Tom Hanks, `marks` of a Mark
/// S.), found only where a handle is written; else [`FormClass::Handle`],
/// a word wherever it stands alone.
fn handle_class(handle: &str) -> FormClass {
    if wordnik_list::word_exists(handle) {
        FormClass::WordHandle
    } else {
        FormClass::Handle
    }
}

/// Parse a phone number: international (`+353…`, `00353…`), or national in
/// `country`.
pub fn parse_phone(text: &str, country: Option<phonenumber::country::Id>) -> Option<Phone> {
    parse_phone_checked(text, country, false)
}

/// [`parse_phone`]; `check`: find out whether the number is valid (its
/// patterns tried: a fifth of the cost of parsing, spent only where it
/// is asked).
fn parse_phone_checked(
    text: &str,
    country: Option<phonenumber::country::Id>,
    check: bool,
) -> Option<Phone> {
    let t = spaced(text.trim());
    let intl = if let Some(rest) = t.strip_prefix("00") {
        Some(format!("+{rest}"))
    } else if t.starts_with('+') {
        Some(t.clone())
    } else {
        None
    };
    let n = match &intl {
        Some(i) => {
            // Told the region, the library skips trying the number against
            // every region of its calling code (for `+1`, two dozen
            // regions' patterns). The regions of one calling code share
            // their national prefix, the one thing the region decides here.
            let code = phones::calling_code(&digits_of(i))?;
            let db = phones::database(code)?;
            phonenumber::parse_with(&db, phones::main_region(&db, code), i).ok()?
        }
        None => {
            let country = country?;
            let db = phones::database(phones::code_of(country)?)?;
            // A national number written with an international call prefix
            // (`011 44 …`) is of another code: the library's whole database.
            phonenumber::parse_with(&db, Some(country), &t)
                .or_else(|_| phonenumber::parse(Some(country), &t))
                .ok()?
        }
    };
    let nat = n.national();
    let national = format!("{}{}", "0".repeat(usize::from(nat.zeros())), nat.value());
    let trunk = phones::database(n.code().value()).and_then(|db| {
        db.by_code(&n.code().value()).and_then(|m| {
            m.first()
                .and_then(|m| m.national_prefix().map(str::to_string))
        })
    });
    let home = phones::database(n.code().value())
        .and_then(|db| home_format(&db, n.code().value(), &national));
    let written = home
        .as_deref()
        .map(|home| home_forms(home, &national, trunk.as_deref()))
        .unwrap_or_default();
    let local = home.as_deref().and_then(local_number);
    let valid = check && phones::database(n.code().value()).is_some_and(|db| n.is_valid_with(&db));
    Some(Phone {
        code: n.code().value(),
        national,
        trunk,
        extension: n.extension().map(|e| e.to_string()),
        written,
        local,
        valid,
    })
}

/// The national significant number `national` as its country writes it
/// at home, by the library's metadata of calling code `code` (the first
/// of its formats whose leading digits and pattern fit). Not by the
/// library's formatter, which loads every region's metadata (see
/// [`phones`]) whatever database it is given.
fn home_format(db: &phonenumber::metadata::Database, code: u16, national: &str) -> Option<String> {
    let meta = db.by_code(&code)?.into_iter().next()?;
    let format = meta.formats().iter().find(|f| {
        let leading = f.leading_digits();
        (leading.is_empty()
            || leading
                .last()
                .and_then(|l| l.find(national))
                .is_some_and(|m| m.start() == 0))
            && f.pattern()
                .find(national)
                .is_some_and(|m| m.start() == 0 && m.end() == national.len())
    })?;
    Some(
        format
            .pattern()
            .replace(national, format.format())
            .into_owned(),
    )
}

/// The digits after the first group of `home` (a number as its country
/// writes it at home), where they are seven or more: the number without
/// its area code. Fewer would be a mobile's last groups (`07911 123456`),
/// which nobody writes alone, and too short a form to be only this number.
fn local_number(home: &str) -> Option<String> {
    let mut groups = home
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty());
    groups.next()?;
    let rest: String = groups.collect();
    (rest.len() >= 7).then_some(rest)
}

/// The digit strings of a number as its country writes it at home
/// (`home`, the library's national format) that are more than the trunk
/// prefix and the national significant number `national`: the whole, and
/// for Argentina's `15` of mobiles, the number from `15` on and the
/// national number without its mobile `9`.
fn home_forms(home: &str, national: &str, trunk: Option<&str>) -> Vec<String> {
    let all = digits_of(home);
    let plain = format!("{}{national}", trunk.unwrap_or(""));
    if all == plain || all == national {
        return Vec::new();
    }
    let mut out = vec![all.clone()];
    if let Some(t) = trunk.filter(|t| !all.starts_with(t)) {
        out.push(format!("{t}{all}"));
    }
    let groups: Vec<&str> = home
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    if let Some(k) = groups.iter().position(|g| *g == "15") {
        out.push(groups[k..].concat());
        if let Some(rest) = national.strip_prefix('9') {
            out.push(format!("{}{rest}", trunk.unwrap_or("")));
            out.push(rest.to_string());
        }
    }
    out
}

/// `name` without its trailing legal forms (`Ferrowind Automation Inc.` →
/// `Ferrowind Automation`, `Drukarnia Sowa Sp. z o.o.` → `Drukarnia Sowa`),
/// however many stand together (`Tanaka Co., Ltd.`, `Sharma Pvt Ltd`,
/// `Acme Holdings Company Ltd`).
pub fn without_legal_form(name: &str) -> &str {
    let mut base = name.trim();
    loop {
        let shorter = without_one_legal_form(base);
        if shorter.len() == base.len() {
            return base;
        }
        base = shorter;
    }
}

/// How many letters and digits `text` has.
pub(super) fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

/// `name` without one trailing legal form, the longest that ends it.
fn without_one_legal_form(name: &str) -> &str {
    let trimmed = name.trim().trim_end_matches(',').trim_end();
    let lower = trimmed.to_lowercase();
    let mut best = trimmed;
    if lower.len() != trimmed.len() {
        return best;
    }
    // The form, after a space or a comma and a space (tested in place: a
    // string made for each of the forms and separators was most of the
    // secret set's time for organisations).
    for suffix in LEGAL_FORMS {
        let Some(head) = lower.strip_suffix(suffix) else {
            continue;
        };
        for sep in [" ", ", "] {
            let tail = sep.len() + suffix.len();
            // (Lower-casing kept the length, not always each character's.)
            if head.ends_with(sep)
                && let Some(base) = trimmed.get(..trimmed.len() - tail)
            {
                let base = base.trim_end_matches([' ', ',']);
                if base.len() < best.len() && !base.is_empty() {
                    best = base;
                }
            }
        }
    }
    // Written in capitals only: `Sofia Print AD`, not `Quick Ad`.
    for form in CAPITAL_LEGAL_FORMS {
        if let Some(head) = trimmed.strip_suffix(form)
            && head.ends_with(' ')
        {
            let base = head.trim_end_matches([' ', ',']);
            if base.len() < best.len() && !base.is_empty() {
                best = base;
            }
        }
    }
    // A country or a state of affairs in brackets at the end (`Ferrowind
    // (UK) Ltd`, `Ferrowind Ltd (in liquidation)`): the name is before it.
    if best.len() == trimmed.len()
        && trimmed.ends_with(')')
        && let Some(open) = trimmed.rfind(" (")
    {
        let base = trimmed[..open].trim_end_matches([' ', ',']);
        if !base.is_empty() {
            best = base;
        }
    }
    best
}

/// `name` cut where it gives another name of the same organisation
/// ([`OTHER_NAME_MARKERS`]: `Quillfeather Ltd (formerly Bluewren Print)`,
/// `Jan Nowak t/a Bluewren Print`): the name before the marker and the
/// names after each; `None` when it gives none.
fn other_names(name: &str) -> Option<Vec<&str>> {
    let lower = name.to_lowercase();
    if lower.len() != name.len() {
        return None;
    }
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for marker in OTHER_NAME_MARKERS {
        for (at, _) in lower.match_indices(marker) {
            let end = at + marker.len();
            let before = lower[..at].chars().next_back();
            let after = lower[end..].chars().next();
            if before.is_some_and(|c| c == ' ' || c == '(')
                && after.is_some_and(|c| c == ' ' || c == ':')
                && !cuts.iter().any(|&(a, e)| at < e && a < end)
            {
                cuts.push((at, end));
            }
        }
    }
    if cuts.is_empty() {
        return None;
    }
    cuts.sort_unstable();
    let mut names = Vec::new();
    let mut from = 0;
    for (at, end) in cuts {
        names.push(bare_name(&name[from..at]));
        from = end;
    }
    names.push(bare_name(&name[from..]));
    names.retain(|n| letters(n) >= 3);
    (names.len() >= 2).then_some(names)
}

/// An email field's name shown and address, as a mail program writes
/// them (`"Dana Whitfield" <dw@x.com>`, `mailto:dw@x.com?subject=Hi`).
fn mail_parts(email: &str) -> (Option<&str>, &str) {
    let mut address = email.trim();
    let mut shown = None;
    if let Some(open) = address.rfind('<')
        && let Some(inner) = address[open + 1..].strip_suffix('>')
    {
        let name =
            address[..open].trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\''));
        shown = (letters(name) >= 3 && !name.contains('@')).then_some(name);
        address = inner.trim();
    }
    if address.len() >= 7 && address[..7].eq_ignore_ascii_case("mailto:") {
        address = &address[7..];
    }
    if let Some((a, _)) = address.split_once('?') {
        address = a;
    }
    (shown, address)
}

/// `s` without the spaces and punctuation around it.
fn bare_name(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ':' | ';'))
}

/// A Scottish or Irish `Mac`/`Mc` name as it is also written: `MacDonald`
/// as `McDonald`, `Mac Donald`, `Mc Donald`, and the other way round.
/// `part` is folded.
fn mac_forms(part: &str) -> Vec<String> {
    let rest = match part.strip_prefix("mac").or_else(|| part.strip_prefix("mc")) {
        Some(rest) if rest.len() >= 3 && rest.bytes().all(|b| b.is_ascii_lowercase()) => rest,
        _ => return Vec::new(),
    };
    ["mac", "mc", "mac ", "mc "]
        .iter()
        .map(|p| format!("{p}{rest}"))
        .filter(|v| v != part)
        .collect()
}

/// The endings of a name in the other cases of Polish, Czech, Slovak,
/// Slovene, Croatian and Russian (romanised), and Finnish.
const CASE_ENDINGS: [&str; 23] = [
    "a", "u", "e", "em", "om", "owi", "ovi", "iem", "n", "lle", "lla", "lta", "ssa", "sta", "ksi",
    // Lithuanian `-us` and `-as` names (`Butkaus`, `Butkui`, `Butkumi`,
    // `Petro`) and Latvian ones (`Kārlim`, `Kārli`, `Ozolam`).
    "aus", "ui", "umi", "uje", "o", "im", "i", "am",
];

/// The parts of a Chinese, Japanese or Korean name written without a space
/// (`山田太郎`, `王平安`, `김민수`): a surname of one syllable is too common a
/// word to be a part, so the last two syllables (the given name of three,
/// `平安`, `민수`), and of four both halves (`山田`, `太郎`).
fn syllable_parts(part: &str) -> Vec<&str> {
    let at: Vec<usize> = part.char_indices().map(|(i, _)| i).collect();
    if !part.chars().all(cjk::syllable) || !(3..=4).contains(&at.len()) {
        return Vec::new();
    }
    let mut out = vec![&part[at[at.len() - 2]..]];
    if at.len() == 4 {
        out.push(&part[..at[2]]);
    }
    out
}

/// The endings of a Lithuanian or Latvian name in its other cases, for a
/// stem of three letters (`Jonas` → `Jono`, `Jonui`, `Joną`, `Jonu`;
/// `Jānis` → `Jāņa`, `Jānim`, `Jāni`). Not the locative's `-e`: with a
/// stem that short it makes English words (`Lukas` → `luke`, `Matas` →
/// `mate`), which would become secrets on every page.
const BALTIC_ENDINGS: [&str; 8] = ["o", "ui", "a", "u", "i", "ai", "am", "im"];

/// The stem of a Lithuanian or Latvian name of five letters whose
/// nominative ending goes in the other cases, leaving three (`jon` of
/// `jonas`, `jan` of `janis`): too short for the stem and any ending
/// ([`changed_stems`] keeps stems of four letters or more), so it gets
/// [`BALTIC_ENDINGS`] only. `part` is folded.
fn baltic_short_stem(part: &str) -> Option<&str> {
    if part.len() != 5 || !part.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    ["as", "is", "ys", "us"]
        .iter()
        .find_map(|end| part.strip_suffix(end))
}

/// Stems a name part takes in the other cases of languages that inflect
/// names, where they are not the part less a final vowel: the vowel that
/// drops (`Paweł` →
/// `Pawła`, `Karel` → `Karla`, `Kranjec` → `Kranjca`, `Stępień` →
/// `Stępnia`), Finnish `-nen` (`Virtanen` → `Virtasen`) and doubled
/// consonants (`Mikko` → `Mikon`), the nominative ending of Lithuanian and
/// Latvian names (`Kazlauskas` → `Kazlausko`, `Bērziņš` → `Bērziņa`), and
/// their `t`, `d` that soften (`Petraičio`, `Eglīša`, `Baloža`).
/// They are stems only ([`FormClass::Stem`]): `Roberts` gives `robert`,
/// which must not make every Robert a secret. `part` is folded.
fn changed_stems(part: &str) -> Vec<String> {
    if part.len() < 4 || !part.bytes().all(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let b = part.as_bytes();
    let n = b.len();
    // A fleeting `e` before a final `l`, `c`, `n`, `k`.
    if b[n - 2] == b'e' && matches!(b[n - 1], b'l' | b'c' | b'n' | b'k') && n >= 5 {
        let head = if part.ends_with("ien") {
            &part[..n - 3]
        } else {
            &part[..n - 2]
        };
        out.push(format!("{head}{}", char::from(b[n - 1])));
    }
    if let Some(head) = part.strip_suffix("nen") {
        out.push(format!("{head}s"));
    }
    // `mikko` → `miko`: the doubled consonant before a final vowel halves.
    if n >= 5
        && matches!(b[n - 1], b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
        && b[n - 2] == b[n - 3]
        && matches!(b[n - 2], b'k' | b'p' | b't')
    {
        out.push(format!("{}{}", &part[..n - 2], char::from(b[n - 1])));
    }
    // Lithuanian `-tis`, `-dis` (`Petraitis` → `Petraičio`) and Latvian
    // ones (`Eglītis` → `Eglīša`, `Balodis` → `Baloža`): the consonant
    // softens in the other cases.
    for (end, lt, lv) in [("tis", "c", "s"), ("dis", "dz", "z")] {
        if let Some(head) = part.strip_suffix(end)
            && head.len() >= 3
        {
            out.push(format!("{head}{lt}"));
            out.push(format!("{head}{lv}"));
        }
    }
    for end in ["as", "is", "ys", "us"] {
        if let Some(head) = part.strip_suffix(end)
            && head.len() >= 3
        {
            out.push(head.to_string());
        }
    }
    if part.ends_with('s')
        && !part.ends_with("ss")
        && b[n - 2].is_ascii_alphabetic()
        && !matches!(b[n - 2], b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
    {
        out.push(part[..n - 1].to_string());
    }
    out.retain(|s| s.len() >= 4 && s != part);
    out
}

/// Inflected forms of a name part whose stem changes in Polish, which the
/// spec's rule (the part less a final vowel, and an ending) does not reach:
/// the dative and locative of names in `-ka`, `-ga`, `-cha`, `-ta`, `-da`,
/// `-ra` (`Agnieszce`, `Jadwidze`, `Marcie`, `Magdzie`, `Barbarze`), the
/// plural of surnames in `-ski`, `-ska`, `-cki`, `-cka` (`Kowalscy`,
/// `Nowiccy`), and the
/// cases of names in `-ek` that drop its `e` (`Jacka`, `Wojtkowi`).
/// `part` is folded (lower-case ASCII).
fn alternated(part: &str) -> Vec<String> {
    if part.len() < 4 || !part.bytes().all(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    const FEMININE: [(&str, &str); 6] = [
        ("cha", "sze"),
        ("ka", "ce"),
        ("ga", "dze"),
        ("ta", "cie"),
        ("da", "dzie"),
        ("ra", "rze"),
    ];
    let mut out = Vec::new();
    // `-ska`, `-cka` surnames decline as adjectives (`Kowalskiej`), which
    // the stem and ending rule reaches.
    if let Some((end, new)) = FEMININE
        .iter()
        .find(|(end, _)| part.ends_with(end) && !part.ends_with("ska") && !part.ends_with("cka"))
    {
        out.push(format!("{}{new}", &part[..part.len() - end.len()]));
    }
    for (end, new) in [
        ("ski", "scy"),
        ("ska", "scy"),
        ("cki", "ccy"),
        ("cka", "ccy"),
    ] {
        if let Some(stem) = part.strip_suffix(end) {
            out.push(format!("{stem}{new}"));
        }
    }
    if let Some(stem) = part.strip_suffix("ek") {
        for ending in ["ka", "kowi", "kiem", "ku"] {
            out.push(format!("{stem}{ending}"));
        }
    }
    out
}

/// The host a `domains` entry names, however it was pasted: without a
/// scheme, a user, a port, a path or a final dot, in lower case
/// (`https://www.Acme.co.uk:8443/about` → `www.acme.co.uk`).
fn host_of(domain: &str) -> String {
    let d = domain.trim();
    let d = d.split_once("://").map_or(d, |(_, rest)| rest);
    let d = d.split(['/', '?', '#']).next().unwrap_or(d);
    let d = d.rsplit_once('@').map_or(d, |(_, host)| host);
    let d = d.split(':').next().unwrap_or(d);
    d.trim_end_matches('.').to_lowercase()
}

/// The two-letter spelling of German umlauts, of Hungarian `ő` and `ű`,
/// of Danish, Norwegian and Swedish letters and of the South Slavic `đ`, as
/// their writers spell them without diacritics (`Juergen`, `Erdoes`,
/// `Oestergaard`, `Kjaergaard`, `Aalund`, `Djordje`); folding alone reads
/// them as one letter (`Jurgen`, `Ostergaard`, `Dorde`). Some letters
/// spelled and some kept, too: a Norwegian or Danish name keeps its `ø`
/// and `æ` and writes its `å` as the older `aa` (`Ødegaard` of Ødegård,
/// `Kjærgaard` of Kjærgård), which folding reads as `odegaard`. Every
/// choice, for a name with three such letters at most; beyond, all spelled
/// and only `å` spelled.
fn umlaut_variants(text: &str) -> Vec<String> {
    let at: Vec<usize> = text
        .char_indices()
        .filter(|&(_, c)| spelled_letter(c).is_some())
        .map(|(i, _)| i)
        .collect();
    let masks: Vec<u32> = if at.is_empty() {
        Vec::new()
    } else if at.len() <= 3 {
        (1..1u32 << at.len()).collect()
    } else {
        let aa = at
            .iter()
            .enumerate()
            .filter(|&(_, &i)| text[i..].starts_with(['å', 'Å']))
            .fold(0u32, |m, (k, _)| m | 1 << k);
        [(1u32 << at.len()) - 1, aa]
            .into_iter()
            .filter(|&m| m != 0)
            .collect()
    };
    let mut out: Vec<String> = masks
        .into_iter()
        .map(|mask| {
            let mut v = String::with_capacity(text.len() + 4);
            let mut k = 0;
            for (i, c) in text.char_indices() {
                match spelled_letter(c) {
                    Some(s) if at.get(k) == Some(&i) => {
                        if mask & (1 << k) != 0 {
                            v.push_str(s);
                        } else {
                            v.push(c);
                        }
                        k += 1;
                    }
                    _ => v.push(c),
                }
            }
            v
        })
        .collect();
    out.dedup();
    out
}

/// How [`umlaut_variants`] spells `c`, if it is such a letter.
fn spelled_letter(c: char) -> Option<&'static str> {
    match c {
        'ä' | 'æ' => Some("ae"),
        'ö' | 'ő' | 'ø' => Some("oe"),
        'ü' | 'ű' => Some("ue"),
        'å' => Some("aa"),
        'đ' => Some("dj"),
        'Ä' | 'Æ' => Some("Ae"),
        'Ö' | 'Ő' | 'Ø' => Some("Oe"),
        'Ü' | 'Ű' => Some("Ue"),
        'Å' => Some("Aa"),
        'Đ' => Some("Dj"),
        _ => None,
    }
}

/// A name stored as it is spelled without diacritics (`Juergen Schroeder`,
/// `Haakonsen`) as it is also written: with the letter (`Jürgen Schröder`,
/// `Håkonsen`), which folding reads as one letter (`Jurgen Schroder`).
///
/// Only where the two letters are likely to spell one: `ae`, `oe`, `ue`
/// inside a word and before a consonant, `aa` inside a word; not `ue`
/// after `q` or `g` (`Enrique`, `Miguel`, `Rodriguez`), not a word's
/// ending `-ael`, `-oel`, `-uel` (`Michael`, `Noel`, `Manuel`), and not
/// where the word would be left with fewer than four letters (`Baer` is
/// not `bar`, `Maas` not `mas`).
fn unspelled_variant(text: &str) -> Option<String> {
    let mut changed = false;
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let mut flush = |word: &mut String, out: &mut String| {
        if let Some(w) = unspelled_word(word) {
            out.push_str(&w);
            changed = true;
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    changed.then_some(out)
}

/// A name stored without its umlaut and without spelling it out (`Jurgen
/// Muller`, typed on a keyboard without `ü`) as it is also written, spelled
/// out (`Juergen`, `Mueller`): which letter lost its dots the value does
/// not say, so each of them in turn, one variant each.
///
/// Only where `ae`, `oe`, `ue` would spell an umlaut ([`unspelled_word`]
/// reads them back the same way): an `a`, `o` or `u` before a consonant,
/// not after another vowel (`Paul`, `Maurer`), in a word of
/// four letters or more, of a name in Latin letters without a letter
/// beyond ASCII (one with an umlaut has its own, [`umlaut_variants`]).
fn spelled_variants(text: &str) -> Vec<String> {
    if !text.is_ascii()
        || text
            .bytes()
            .any(|b| b.is_ascii_digit() || b == b'@' || b == b'.')
    {
        return Vec::new();
    }
    let b = text.as_bytes();
    let vowel = |c: u8| b"aeiouy".contains(&c.to_ascii_lowercase());
    let mut out = Vec::new();
    let mut start = 0;
    while start < b.len() {
        let end = b[start..]
            .iter()
            .position(|c| !c.is_ascii_alphabetic())
            .map_or(b.len(), |n| start + n);
        if end - start >= 4 {
            for i in start..end - 1 {
                let c = b[i].to_ascii_lowercase();
                let next = b[i + 1];
                let prev = (i > start).then(|| b[i - 1].to_ascii_lowercase());
                if matches!(c, b'a' | b'o' | b'u') && !vowel(next) && !prev.is_some_and(vowel) {
                    let e = if b[i].is_ascii_uppercase() && next.is_ascii_uppercase() {
                        "E"
                    } else {
                        "e"
                    };
                    out.push(format!("{}{e}{}", &text[..=i], &text[i + 1..]));
                }
            }
        }
        start = end + 1;
    }
    out
}

/// One word of [`unspelled_variant`], if it changes.
fn unspelled_word(word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let lower: Vec<char> = chars.iter().map(|c| c.to_ascii_lowercase()).collect();
    let consonant = |c: char| c.is_ascii_alphabetic() && !"aeiouy".contains(c);
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    let mut dropped = 0;
    while i < chars.len() {
        let pair = (lower[i], lower.get(i + 1).copied().unwrap_or(' '));
        let next = lower.get(i + 2).copied().unwrap_or(' ');
        let spelled = match pair {
            ('a' | 'o' | 'u', 'e') => {
                let prev = i.checked_sub(1).map(|p| lower[p]);
                let ending_l = next == 'l' && i + 3 == chars.len();
                consonant(next) && !ending_l && !(pair.0 == 'u' && matches!(prev, Some('q' | 'g')))
            }
            ('a', 'a') => i > 0 && i + 2 < chars.len(),
            _ => false,
        };
        out.push(chars[i]);
        if spelled {
            i += 2;
            dropped += 1;
        } else {
            i += 1;
        }
    }
    (dropped > 0 && chars.len() - dropped >= 4).then_some(out)
}

/// What joins two names in one field, besides hyphens and dashes: a
/// slash between two people, a dot or an underscore in a handle's
/// spelling of a name, and the like.
const JOINERS: [char; 8] = ['/', '\\', '|', '_', '.', '+', ',', ';'];

#[cfg(test)]
mod tests;
