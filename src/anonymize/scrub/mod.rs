//! Replacing every form of every secret in a text with its stand-in.
//!
//! Matching happens on a *view* of the source text (Markdown, before it is
//! parsed; see [`crate::anonymize::view`]), not on rendered events: smart
//! punctuation splits `Jane's` into three events, `**Jane** Doe` into two,
//! and a `mailto:` target never appears as text. One automaton pass over
//! the view finds every form; the longest match wins where matches
//! overlap; replacements are made in the source, right to left, so that
//! the text around them reads on ("Dr. Dana Whitfield" → "the Operations
//! Director", a line of nothing but a contact's email → their role). The
//! leak gate (`crate::gate`) then verifies the rendered output
//! independently.

use std::ops::Range;

use crate::anonymize::detect::{Detected, Detectors};
use crate::anonymize::secrets::{FormClass, FormKind, Inflected, Origin, SecretSet, StandIn};
use crate::anonymize::view;
use crate::anonymize::words::Words;

mod context;
mod declension;
mod meanings;
mod role_repeat;
mod skip;

use context::{
    between_words_closed, calling_code_before, couple_before, extension_after, glued_initial_after,
    glued_initial_before, hyphened_word_after, in_url, initial_after, marks_after, name_gap,
    protected_ranges, segment, sentence_start, slug_context, title_before, word_before,
    word_before_one,
};
pub use skip::Skip;

/// A scrubbed text and how it maps back to the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scrubbed {
    pub text: String,
    /// Replacements made, in source order: (source range, replacement length),
    /// one list per pass (secrets, then detectors).
    layers: Vec<Vec<(Range<usize>, usize)>>,
}

impl Scrubbed {
    /// The source offset of an offset in the scrubbed text (for diagnostics
    /// that point into the original file).
    pub fn source_offset(&self, mut offset: usize) -> usize {
        for layer in self.layers.iter().rev() {
            let mut shift: isize = 0;
            for (range, new_len) in layer {
                let new_start = (range.start as isize + shift) as usize;
                if offset < new_start {
                    break;
                }
                if offset < new_start + new_len {
                    offset = range.start;
                    shift = 0;
                    break;
                }
                shift += *new_len as isize - range.len() as isize;
            }
            offset = (offset as isize - shift).max(0) as usize;
        }
        offset
    }
}

/// Resolves stand-ins to text.
pub trait StandIns: Sync {
    /// The replacement for `stand_in`, as prose (with `words`, those of the
    /// page's language) and as a URL-safe token.
    fn text(&self, stand_in: &StandIn, words: &'static Words) -> (String, String);
}

/// The scrubber: the secret set, the stand-ins, the detectors.
pub struct Scrubber<'a> {
    pub secrets: &'a SecretSet,
    pub stand_ins: &'a dyn StandIns,
    pub detectors: &'a Detectors,
    /// Test switch (debug builds only): what not to replace.
    pub skip: &'a Skip,
    /// The words of the page's language that stand in for values (a
    /// Polish translation on an English site reads "z Dyrektorem", not
    /// "z the Director": no article, Polish masks).
    pub words: &'static Words,
    /// The text is a page in a language that inflects names.
    pub inflect: bool,
    /// Dates and amounts in a case's text, at the published precision
    /// (none for chapters: they are the handbook's own words).
    pub prose: Option<crate::anonymize::quasi::Prose>,
}

/// A replacement being chosen: source range, view length (longest wins),
/// text, and whose value it was.
type Candidate = (Range<usize>, usize, String, Option<StandIn>);

impl Scrubber<'_> {
    /// Replace every secret form and every detected email, phone number and
    /// card number in `text`. `case` is the record the text belongs to (its
    /// own contacts win where a first name is shared across records).
    pub fn scrub(&self, text: &str, case: Option<usize>) -> Scrubbed {
        let protected = protected_ranges(text);
        let mut out = Scrubbed::default();

        // 1. The secret set.
        let mut candidates: Vec<Candidate> = Vec::new();
        if !self.secrets.is_empty() {
            let blind = self.skip.blind();
            let mut views = vec![view::view(text, blind)];
            // Cyrillic or Greek letters are read by their look (`Рriya`
            // disguised with a Cyrillic `Р`); a word written in that script
            // (`Ольга` in prose for a record's "Olga") is read again
            // transliterated.
            if !blind.lookalikes
                && !self.skip.is("transliteration")
                && text.chars().any(view::cyrillic_or_greek)
            {
                views.push(view::view(
                    text,
                    view::Blind {
                        lookalikes: true,
                        ..blind
                    },
                ));
            }
            // A word broken across a line (`Whit-⏎field`) is read again
            // joined.
            if !self.skip.is("broken-words") && view::broken_words(text) {
                views.push(view::view(
                    text,
                    view::Blind {
                        joins_broken_words: true,
                        ..blind
                    },
                ));
            }
            // A word written with marks inside it that is a one-word form
            // without them (`Blue-fin`, `drukarnia-sowa`, `Q.H.S.`) is read
            // again joined: a reader sees the name, and a search index
            // joins it so.
            let mut joins = if self.skip.is("joined-marks") {
                Vec::new()
            } else {
                view::joined_words(
                    text,
                    &views[0].marks,
                    |first| self.secrets.may_start_one_word(first),
                    |w| self.secrets.is_one_word_form(w),
                )
            };
            // A name spelt with its letters a space apart.
            if !self.skip.is("spaced-letters") {
                let spaced = view::spaced_letters(text, |w| self.secrets.is_one_word_form(w));
                if !spaced.is_empty() {
                    joins.extend(spaced);
                    joins.sort_by_key(|r| r.start);
                }
            }
            if !joins.is_empty() {
                views.push(view::view_joining(text, blind, joins));
            }
            let inflect = match (self.inflect, self.skip.is("inflections")) {
                (_, true) => Inflected::None,
                (true, false) => Inflected::All,
                (false, false) => Inflected::Everywhere,
            };
            let ascii_words = self.skip.is("joined-words");
            let plurals = !self.skip.is("plurals");
            let found: Vec<_> = views
                .iter()
                .flat_map(|v| {
                    self.secrets
                        .word_matches(v, inflect, ascii_words, plurals)
                        .into_iter()
                        .map(move |m| (v, m))
                })
                .collect();
            let nths = self.mentions(text, &found, case);
            for ((v, (fs, fe, form)), nth) in found.into_iter().zip(nths) {
                let (a, b) = (v.spans[fs].start as usize, v.spans[fe - 1].end as usize);
                if a >= b {
                    continue;
                }
                // A name found with small letters still after it (`Zoë
                // Fisherową`, `Al-Rashidem`, `Kowalski’ego`, `the
                // Al-Rashids`): an ending, which goes with it.
                let b = honorific_after(text, ending_after(text, b, inflect == Inflected::All));
                if let Some((mut src, mut rep, whose)) =
                    self.replacement(text, a..b, form, case, nth)
                {
                    // A plural's possessive (`the Fenwicks’ shop`), or a
                    // name's that ends in s (`Claire Dubois’ note`), is the
                    // stand-in's: "the Head of Sales’s shop", not "the
                    // Head of Procurement’ note". (Not a name in single
                    // quotes: `'Dubois'`.)
                    let plural = fe - fs > self.secrets.forms[form].text.len();
                    let named = matches!(
                        whose,
                        Some(StandIn::Person(..) | StandIn::Owner | StandIn::Client(_))
                    ) && v.text[..fe].ends_with(['s', 'x', 'z'])
                        && !text[..src.start].ends_with(['\'', '‘']);
                    if (plural && v.text[..fe].ends_with('s') || named)
                        && let Some(mark) = possessive_mark(&text[src.end..])
                    {
                        src.end += mark.len();
                        rep.push_str(mark);
                        rep.push('s');
                    }
                    // Dotted initials (`Q.H.S. signed`) take their last
                    // dot along inside a sentence: "Client Cobalt Heron
                    // signed", not "Client Cobalt Heron. signed".
                    if self.secrets.forms[form].class == FormClass::Initials
                        && text[src.clone()].contains('.')
                        && dot_inside_sentence(&text[src.end..])
                    {
                        src.end += 1;
                    }
                    candidates.push((src, fe - fs, rep, whose));
                }
            }
            for (src, form) in self.secrets.digit_matches(text) {
                let len = src.len();
                if let Some((src, rep, whose)) = self.replacement(text, src, form, case, 0) {
                    candidates.push((src, len, rep, whose));
                }
            }
        }
        let chosen = choose(candidates, &protected);
        let declined = self.words.owner_cases.as_ref().map_or(&[][..], |c| &c[..]);
        let chosen = one_per_person(
            text,
            self.whole_masks(text, chosen),
            declined,
            self.words.declines_roles,
        );
        let (text1, layer) = apply(text, &chosen);
        out.layers.push(layer);

        // 1b. Dates and amounts at the published precision, before the
        // detectors: a date is never taken for a phone number.
        let mut dates = Vec::new();
        let text1 = match &self.prose {
            Some(p) if !self.skip.is("quasi") => {
                let r = p.rewrite(&text1);
                out.layers.push(r.layer);
                dates = r.kept;
                r.text
            }
            _ => text1,
        };

        // 2. Detectors, on what is left.
        let mut protected = protected_ranges(&text1);
        protected.extend(dates);
        let found: Vec<Candidate> = self
            .detectors
            .find(&text1)
            .into_iter()
            .map(|f| {
                let url = in_url(&text1, f.range.start);
                let w = self.words;
                let rep = match (f.what, url) {
                    (Detected::Email, false) => w.email,
                    (Detected::Email, true) => "email-withheld",
                    (Detected::Phone, false) => w.phone,
                    (Detected::Phone, true) => "phone-withheld",
                    (Detected::Card, _) => w.card,
                };
                let mut range = f.range.clone();
                if f.what == Detected::Phone && !url {
                    range.end = extension_after(&text1, range.end);
                }
                (range, f.range.len(), rep.to_string(), None)
            })
            .collect();
        let chosen = choose(found, &protected);
        let (text2, layer) = apply(&text1, &chosen);
        out.layers.push(layer);
        out.text = text2;
        out
    }

    /// Scrub a one-line plain value (a title, a tag, a role).
    pub fn scrub_line(&self, text: &str, case: Option<usize>) -> String {
        self.scrub(text, case).text
    }

    /// What replaces form `form` found at `src`: the range to replace (a
    /// title before a person's name goes with it), the text, and whose
    /// value it was. `nth`: which of its record's meanings
    /// ([`Scrubber::own_meanings`]) it takes.
    fn replacement(
        &self,
        text: &str,
        mut src: Range<usize>,
        form: usize,
        case: Option<usize>,
        nth: usize,
    ) -> Option<(Range<usize>, String, Option<StandIn>)> {
        let f = &self.secrets.forms[form];
        // Prefer the meaning this text's own record gives the form.
        let (origin, stand_in) = self
            .own_meanings(form, case)
            .nth(nth)
            .unwrap_or((f.origin, &f.stand_in));
        let o = &self.secrets.origins[origin];
        if self.skip.form(f.class.name(), o) {
            return None;
        }
        let whose = whose(stand_in, o);
        // A name that is an email address's local part
        // (`ngozi.adeyemi@ourco.example`): the address goes whole, as an
        // address, not "the account owner@ourco.example".
        if f.kind != FormKind::Digits
            && let Some(address) = crate::anonymize::detect::email_holding(text, src.clone())
        {
            let (mask, url) = self.stand_ins.text(&StandIn::Email, self.words);
            let rep = if in_url(text, address.start) {
                url
            } else {
                mask
            };
            return Some((address, rep, whose));
        }
        let (mut plain, url) = self.stand_ins.text(stand_in, self.words);
        if slug_context(text, src.start) {
            // `tel:+442079460958`: the sign goes with the number.
            if f.kind == FormKind::Digits && text[..src.start].ends_with('+') {
                src.start -= 1;
            }
            return Some((src, url, whose));
        }
        if f.kind == FormKind::Digits {
            // A number's digits found inside a group of digits (another
            // declared number's, `0033 (0)1 23…` holding `30 1234…`):
            // the whole group goes, not all of it but a digit or two.
            let b = text.as_bytes();
            while src.start > 0 && b[src.start - 1].is_ascii_digit() {
                src.start -= 1;
            }
            while src.end < b.len() && b[src.end].is_ascii_digit() {
                src.end += 1;
            }
            // `+353 87…`, `(087) 123…`, `(+353) 87…`: the sign and
            // brackets go too.
            if text[..src.start].ends_with('+') {
                src.start -= 1;
            }
            if text[..src.start].ends_with('(') && text[src.clone()].contains(')') {
                src.start -= 1;
            }
            src.start = calling_code_before(text, src.start);
            // A full-width sign (`＋３５３ ８７…`, from an East Asian input).
            if let Some(before) = text[..src.start].strip_suffix('＋') {
                src.start = before.len();
            }
            src.end = extension_after(text, src.end);
        }
        // A client's handle (`follow @quillfeather`, `@nordlyskaffe` of its
        // domain's label): the stand-in takes
        // the `@`, as a person's role does ("follow Client Teal Hare");
        // an `@` after a letter or digit belongs to an address and stays.
        if matches!(stand_in, StandIn::Client(_) | StandIn::ClientLabel(_))
            && let Some(before) = text[..src.start].strip_suffix('@')
            && !before.ends_with(|c: char| c.is_alphanumeric() || c == '.' || c == '_')
        {
            src.start -= 1;
        }
        // A client who is a person, after a title ("Dr Okafor", "Pani
        // Zielińska"): the title goes with the name, not "Dr Client Frost
        // Sandpiper".
        if matches!(stand_in, StandIn::Client(_)) {
            src.start = title_before(text, src.start);
        }
        let mut couple = false;
        if matches!(stand_in, StandIn::Person(..) | StandIn::Owner) {
            let name = glued_initial_before(text, src.start);
            src.start = title_before(text, name);
            // "Mr. and Mrs. Whitfield": both titles go, and the stand-in
            // says there were two ("the Buyer and partner"), not "Mr. and
            // the Buyer".
            if src.start < name
                && let Some(at) = couple_before(text, src.start)
            {
                src.start = at;
                couple = true;
            }
            let end = glued_initial_after(text, src.end);
            // A word of another name, or of this one (`Lambert-Okońskiej`),
            // is matched on its own: only a word that is no secret goes.
            let joined = hyphened_word_after(text, end);
            let end = if joined > end && !self.secrets.contains_any(&text[end + 1..joined]) {
                joined
            } else {
                end
            };
            src.end = initial_after(text, end);
            // An @mention (`ping @RajeshIyer`): the role takes the `@`
            // with the name, "ping the Plant Manager"; an `@` after a
            // letter or digit belongs to an address and stays. So does a
            // chat's `#` (`#kowalski channel`), but not a link's (`#id`).
            if let Some(before) = text[..src.start].strip_suffix(['@', '#'])
                && !before.ends_with(|c: char| c.is_alphanumeric() || c == '.' || c == '_')
                && (text[..src.start].ends_with('@')
                    || !(before.ends_with(['(', '"', '\'', '#', '/'])
                        || slug_context(text, src.start)))
            {
                src.start -= 1;
            }
        }
        if self.inflect
            && let Some(declined) = self.declined(text, &src, (origin, stand_in), &plain)
        {
            plain = declined;
        }
        // "the client Acme Ltd", "Klient Drukarnia Sowa": the text says
        // what the name is; the stand-in does not say it twice ("the
        // client Client Teal Hare"), only its name ("the client Teal Hare").
        if matches!(stand_in, StandIn::Client(_))
            && word_before(text, src.start).is_some_and(|(_, w)| self.words.is_client_word(w))
            && let Some((first, rest)) = plain.split_once(' ')
            && self.words.is_client_word(first)
        {
            plain = rest.to_string();
        }
        src.end = marks_after(text, src.end);
        // "the Whitfields’ shop", "Dear Dana": the stand-in's own "the"
        // takes the place of the text's, or is not wanted.
        if plain.starts_with("the ") {
            match word_before(text, src.start) {
                Some((at, w)) if w.eq_ignore_ascii_case("the") => src.start = at,
                Some((_, w)) if w.eq_ignore_ascii_case("dear") => {
                    plain.replace_range(..4, "");
                }
                _ => {}
            }
        }
        // Keep the Markdown markers the match swallowed (`Harbor** Freight`);
        // a number's digits start and end it, so markers that pair up
        // inside it (`087 **123** 4567`) go with it.
        // A `_` between two letters or digits (`acme_holdings`) is no
        // marker: Markdown never reads one there as emphasis. Nor are a
        // closing and an opening marker between two words of the name
        // (`*Harbor* *Freight*`): its words were emphasised one by one,
        // and the stand-in is, whole, by the markers around it.
        let inside = &*between_words_closed(&text[src.clone()]);
        let joins_words = |i: usize| {
            let before = inside[..i].chars().next_back();
            let after = inside[i + 1..].chars().next();
            before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)
        };
        let kept: Vec<(usize, char)> = inside
            .char_indices()
            .filter(|&(i, c)| matches!(c, '*' | '~' | '`') || c == '_' && !joins_words(i))
            .collect();
        let markers: String = if f.kind == FormKind::Digits {
            kept.iter()
                .map(|&(_, c)| c)
                .filter(|c| inside.matches(*c).count() % 2 == 1)
                .collect()
        } else {
            unpaired(inside, &kept)
        };
        let mut rep = plain;
        if couple {
            rep.push_str(" and partner");
        }
        if matches!(
            stand_in,
            StandIn::Person(..) | StandIn::Owner | StandIn::Client(_)
        ) && sentence_start(text, src.start)
        {
            rep = capitalised(&rep);
        }
        // `acme2024`, `myAcme`: a stand-in does not run into the letters or
        // digits the name was glued to ("Client Moss Merlin 2024").
        // (`ʼ`, the modifier letter apostrophe, is a letter to Unicode but
        // a possessive's apostrophe to a reader: `Whitfieldʼs`.)
        let glued_after = text[src.end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() && c != 'ʼ');
        if glued_after && rep.ends_with(char::is_alphanumeric) {
            rep.push(' ');
        }
        let glued_before = text[..src.start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if glued_before && rep.starts_with(char::is_alphanumeric) {
            rep.insert(0, ' ');
        }
        // Markers the name opened that close right after it (`Kow**alski**`,
        // ``Kowal`ski` ``) marked a piece of the name: they go with it,
        // not "the Executive Director****".
        if !markers.is_empty() && text[src.end..].starts_with(markers.as_str()) {
            src.end += markers.len();
        } else {
            rep.push_str(&markers);
        }
        Some((src, rep, whose))
    }

    /// `plain`, the stand-in for the name at `src`, in the case the name
    /// is written in, where the page's language declines it
    /// ([`declension`]): our owner's words (`do Tomasza` → "do opiekuna
    /// klienta"), a contact's role (`z Małgorzatą` → "z Dyrektor
    /// finansową"; not a contact's pseudonym), the first word of the
    /// client's pseudonym (`w Drukarni Sowie` → "w Kliencie Cobalt Heron").
    /// `origin`: whose name it is.
    fn declined(
        &self,
        text: &str,
        src: &Range<usize>,
        (origin, stand_in): (usize, &StandIn),
        plain: &str,
    ) -> Option<String> {
        let w = self.words;
        match stand_in {
            StandIn::Owner if plain == w.owner => {
                let cases = w.owner_cases?;
                let (case, _) = declined_case(text, src, self.secrets.name_parts.get(&origin)?)?;
                Some(cases[case as usize].to_string())
            }
            StandIn::Person(..) if w.declines_roles && !plain.starts_with(w.contact_prefix) => {
                let parts = self.secrets.name_parts.get(&origin)?;
                let (case, feminine) = declined_case(text, src, parts)?;
                declension::decline_role(plain, case, feminine)
            }
            StandIn::Client(_) => {
                let cases = w.client_prefix_cases?;
                let rest = plain.strip_prefix(w.client_prefix)?;
                let words = self.secrets.client_words.get(&origin)?;
                let case = declined_case(text, src, words).map(|(c, _)| c);
                let person = self.secrets.origins.get(origin).is_some_and(|o| o.person);
                if let Some(feminine) = w.client_feminine
                    && let Some(noun) = declension::feminine_name(&text[src.clone()], words, person)
                {
                    let nouns = feminine[noun as usize];
                    return Some(format!(
                        "{}{rest}",
                        nouns[case.map_or(0, |c| c as usize + 1)]
                    ));
                }
                Some(format!("{}{rest}", cases[case? as usize]))
            }
            _ => None,
        }
    }

    /// Where a line (or table cell) would be nothing but masks
    /// (`[email withheld]`), the person or client they belong to stands in
    /// for all of it: "the Operations Director" reads; "[email withheld],
    /// [phone withheld]" does not.
    fn whole_masks(
        &self,
        text: &str,
        chosen: Vec<(Range<usize>, String, Option<StandIn>)>,
    ) -> Vec<(Range<usize>, String, Option<StandIn>)> {
        if !chosen.iter().any(|(_, r, _)| is_mask(r)) {
            return chosen;
        }
        let mut out: Vec<(Range<usize>, String, Option<StandIn>)> = Vec::new();
        let mut i = 0;
        while i < chosen.len() {
            // The chosen replacements on the same line or cell as `i`.
            let seg = segment(text, chosen[i].0.start);
            let mut j = i;
            while j < chosen.len() && chosen[j].0.end <= seg.end {
                j += 1;
            }
            let group = &chosen[i..j.max(i + 1)];
            let mut residue = false;
            let mut at = seg.start;
            for (r, _, _) in group {
                residue |= text[at..r.start.max(at)].chars().any(char::is_alphanumeric);
                at = r.end;
            }
            residue |= text[at.min(seg.end)..seg.end]
                .chars()
                .any(char::is_alphanumeric);
            let masks = group.iter().any(|(_, r, _)| is_mask(r));
            let person = group.iter().find_map(|(_, _, w)| {
                w.as_ref().filter(|w| {
                    matches!(w, StandIn::Person(..) | StandIn::Owner | StandIn::Client(_))
                })
            });
            let contact = group.iter().any(|(_, r, w)| w.is_some() && is_mask(r));
            if masks && !residue && (person.is_some() || contact) {
                let first = group[0].0.start;
                let last = group[group.len() - 1].0.end;
                let mut rep = match person {
                    Some(p) => self.stand_ins.text(p, self.words).0,
                    None => self.words.client_contact.to_string(),
                };
                if sentence_start(text, first) {
                    rep = capitalised(&rep);
                }
                out.push((first..last, rep, person.cloned()));
            } else {
                out.extend(group.iter().cloned());
            }
            i = j.max(i + 1);
        }
        out
    }
}

/// Whose value a stand-in replaces: the person or client a contact's email
/// or phone belongs to (from its origin, `contacts[1].email`).
fn whose(stand_in: &StandIn, o: &Origin) -> Option<StandIn> {
    match stand_in {
        StandIn::Person(..) | StandIn::Owner | StandIn::Client(_) => Some(stand_in.clone()),
        StandIn::ClientDomain(k) | StandIn::ClientLabel(k) => Some(StandIn::Client(k.clone())),
        StandIn::Email | StandIn::Phone => {
            let i = o
                .field
                .strip_prefix("contacts[")?
                .split(']')
                .next()?
                .parse()
                .ok()?;
            Some(StandIn::Person(o.case?, i))
        }
        StandIn::Withheld => None,
    }
}

/// Longest match first; a match may not overlap one already chosen nor a
/// protected range (an `@/` link target).
fn choose(
    mut candidates: Vec<Candidate>,
    protected: &[Range<usize>],
) -> Vec<(Range<usize>, String, Option<StandIn>)> {
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.start.cmp(&b.0.start)));
    let mut chosen: Vec<(Range<usize>, String, Option<StandIn>)> = Vec::new();
    for (r, _, rep, whose) in candidates {
        let clash = |x: &Range<usize>| x.start < r.end && r.start < x.end;
        if protected.iter().any(clash) || chosen.iter().any(|(c, _, _)| clash(c)) {
            continue;
        }
        chosen.push((r, rep, whose));
    }
    chosen.sort_by_key(|(r, _, _)| r.start);
    chosen
}

fn apply(
    text: &str,
    chosen: &[(Range<usize>, String, Option<StandIn>)],
) -> (String, Vec<(Range<usize>, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut layer = Vec::with_capacity(chosen.len());
    let mut at = 0;
    for (r, rep, _) in chosen {
        out.push_str(&text[at..r.start]);
        let before = out.len();
        out.push_str(rep);
        // Inline tags inside the name (`<b>Kow</b>alski`) stay after the
        // stand-in, so that what they open is closed: "<b>the Executive
        // Director</b>", not a `<b>` left open to the end of the block.
        if !rep.is_empty() && text[r.clone()].contains('<') {
            bare_tags(&text[r.clone()], &mut out);
        }
        layer.push((r.clone(), out.len() - before));
        at = r.end;
    }
    out.push_str(&text[at..]);
    (out, layer)
}

/// Where a name that ends at `end` ends with the ending written right
/// after it: small letters to the word's end, four at most on a page that
/// inflects names (`-ową`, `-em`, and after an apostrophe, `’ego`), and a
/// plural's `s` on any page. Else `end`.
fn ending_after(text: &str, end: usize, inflect: bool) -> usize {
    let rest = &text[end..];
    let (skip, rest) = match rest.strip_prefix(['\'', '’']) {
        Some(r) if inflect => (rest.len() - r.len(), r),
        _ => (0, rest),
    };
    let letters = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    let ending = &rest[..letters];
    let n = ending.chars().count();
    let fits = ending.chars().all(char::is_lowercase)
        && ((inflect && (1..=4).contains(&n)) || (skip == 0 && ending == "s"));
    if fits { end + skip + letters } else { end }
}

/// Where a name that ends at `end` ends with an honorific of Korean,
/// Japanese or Chinese written after it (`민수님`, `민수 씨`, `山田さん`,
/// `王先生`, `Satō-san`): the stand-in says who without it ("the
/// Designer", not "the Designer 님"). Else `end`.
fn honorific_after(text: &str, end: usize) -> usize {
    const HONORIFICS: [&str; 21] = [
        "님",
        "씨",
        "군",
        "양",
        "さん",
        "さま",
        "様",
        "氏",
        "くん",
        "ちゃん",
        "殿",
        "先生",
        "女士",
        "小姐",
        "-san",
        "-sama",
        "-kun",
        "-chan",
        "-sensei",
        "-nim",
        "-ssi",
    ];
    let rest = &text[end..];
    let (gap, rest) = match rest.strip_prefix(' ') {
        Some(r) if r.starts_with('씨') => (1, r),
        _ => (0, rest),
    };
    HONORIFICS
        .iter()
        .find(|h| {
            // (A particle may follow in the honorific's script: `씨도`,
            // `さんによると`. A romanised one ends its word.)
            rest.strip_prefix(**h).is_some_and(|after| {
                !after.starts_with(|c: char| {
                    c.is_ascii_alphanumeric() || (h.starts_with('-') && c.is_alphanumeric())
                })
            })
        })
        .map_or(end, |h| end + gap + h.len())
}

/// The tags without attributes in `text` (`<b>`, `</em>`, `<br/>`), in
/// order, onto `out`. A tag with attributes stays out: an attribute may
/// hold the very name replaced.
fn bare_tags(text: &str, out: &mut String) {
    let b = text.as_bytes();
    for i in memchr::memchr_iter(b'<', b) {
        if let Some(tag) = view::tag_at(b, i, b.len())
            && b[tag.name.end..tag.end - 1]
                .iter()
                .all(|&c| c.is_ascii_whitespace() || c == b'/')
        {
            out.push_str(&text[i..tag.end]);
        }
    }
}

#[cfg(test)]
mod tests;

/// Replacements of one person's name side by side (`Malgorzata
/// Wisniewska`, each part a form of `Małgorzata Wiśniewska-Berg`; the
/// Polish `Lambert-Okońskiej`, a part and an inflected part; our own
/// `Marisol Etxeberrii`) made one: "the Head of Marketing", not "the Head
/// of Marketing the Head of Marketing".
///
/// `declined`: our owner's words in the other cases ([`Words::owner_cases`]):
/// where a name's later word carries its case (`do Marisol Etxeberrii`),
/// the one stand-in takes it. `roles_declined`: so does a contact's role
/// (`Lambert-Okońskiej nie było` → "Księgowej nie było").
fn one_per_person(
    text: &str,
    chosen: Vec<(Range<usize>, String, Option<StandIn>)>,
    declined: &[&str],
    roles_declined: bool,
) -> Vec<(Range<usize>, String, Option<StandIn>)> {
    let mut out: Vec<(Range<usize>, String, Option<StandIn>)> = Vec::with_capacity(chosen.len());
    let mut chosen = chosen.into_iter().peekable();
    while let Some(mut c) = chosen.next() {
        if let Some(last) = out.last_mut()
            && matches!(c.2, Some(StandIn::Person(..) | StandIn::Owner))
            && last.2 == c.2
            && !last.1.is_empty()
            && last.0.end <= c.0.start
            && name_gap(&text[last.0.end..c.0.start])
        {
            last.0.end = c.0.end;
            // What the later one adds (a possessive's `’s`) stays.
            if let Some(tail) = c.1.get(last.1.len()..)
                && c.1[..last.1.len()].eq_ignore_ascii_case(&last.1)
            {
                last.1.push_str(tail);
            } else if declined.contains(&c.1.to_lowercase().as_str())
                || roles_declined && matches!(c.2, Some(StandIn::Person(..))) && !is_mask(&c.1)
            {
                let upper = last.1.starts_with(char::is_uppercase);
                last.1 = if upper {
                    capitalised(&c.1)
                } else {
                    c.1.clone()
                };
            }
            continue;
        }
        // The same person or client again right after: in brackets ("Ms
        // Nguyen (Nguyễn Thị Hoa)") or as the next item of a list ("Ping
        // @abrandt or @ABrandt", two handles of one person): said once, not
        // "the Finance Lead (the Finance Lead)" or "the Head of Dispatch or
        // the Head of Dispatch". Two masks of one person's values in a list
        // stay two: they were two addresses or numbers.
        if let Some(last) = out.last_mut()
            && matches!(
                c.2,
                Some(StandIn::Person(..) | StandIn::Owner | StandIn::Client(_))
            )
            && last.2 == c.2
            && !last.1.is_empty()
            && last.0.end <= c.0.start
        {
            if let Some(close) = bracketed_repeat(text, last.0.end, &c.0) {
                last.0.end = close;
                continue;
            }
            // A few words later in the same clause ("HTM’s board
            // (Harrowgate Textile Mills)"): the brackets go, the words stay.
            if !is_mask(&c.1)
                && let Some(cut) = bracketed_repeat_after_words(text, last.0.end, &c.0)
            {
                out.push((cut, String::new(), c.2));
                continue;
            }
            if !is_mask(&c.1)
                && last.1.eq_ignore_ascii_case(&c.1)
                && listed(&text[last.0.end..c.0.start])
            {
                last.0.end = c.0.end;
                continue;
            }
        }
        // The role said again beside the name it replaced: said once.
        if matches!(c.2, Some(StandIn::Person(..) | StandIn::Owner)) && !is_mask(&c.1) {
            let clear = |to: usize, next: Option<&(Range<usize>, String, Option<StandIn>)>| {
                next.is_none_or(|n| n.0.start >= to)
            };
            if let Some((s, e)) = role_repeat::role_named_before(text, c.0.start, c.0.end, &c.1)
                && clear(e, chosen.peek())
                && out.last().is_none_or(|l| l.0.end <= s)
            {
                out.push((s..e, String::new(), c.2));
                continue;
            }
            if let Some(e) = role_repeat::role_repeated_after(text, c.0.end, &c.1)
                && clear(e, chosen.peek())
            {
                c.0.end = e;
            }
            // Right after its role ("our Executive Director Łukasz"): the
            // name goes, the role stays.
            if let Some(s) = role_repeat::role_said_before(text, c.0.start, &c.1)
                && out.last().is_none_or(|l| l.0.end <= s)
            {
                out.push((s..c.0.end, String::new(), c.2));
                continue;
            }
            // After a piece of its role ("Director Łukasz"): the whole
            // role stands for both.
            if let Some(s) = role_repeat::role_tail_before(text, c.0.start, &c.1)
                && out.last().is_none_or(|l| l.0.end <= s)
            {
                c.0.start = s;
                if sentence_start(text, s) {
                    c.1 = capitalised(&c.1);
                }
            }
        }
        out.push(c);
    }
    out
}

/// The case the name at `src` is written in, read from its last word that
/// shows one (a double surname's later word may not decline:
/// `Wiśniewską-Kot`; an initial after it never does) against the
/// declared word (of `declared`, in lower case) it is a form of, and the
/// preposition before it ([`declension::case_of`]), and whether that word
/// is a woman's (ends in `-a`); `None` for the nominative or an ending not
/// read.
fn declined_case(
    text: &str,
    src: &Range<usize>,
    declared: &[String],
) -> Option<(declension::Case, bool)> {
    // A later word of the name matched on its own (`Kot` of `o Małgorzacie
    // Wiśniewskiej-Kot`) is read with the words of the name before it.
    let mut start = src.start;
    while let Some(s) = name_word_before(text, start, declared) {
        start = s;
    }
    let before = word_before(text, start).map(|(_, w)| w);
    let mut cases = text[start..src.end]
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .rev()
        .filter_map(|w| word_case(&w.to_lowercase(), declared, before));
    let last = cases.next()?;
    // A woman's surname in `-iej` is the genitive, dative or locative
    // alike, and is read as the genitive without a preposition; a given
    // name before it that can only be the dative or locative
    // (`Małgorzacie Wiśniewskiej`) says which.
    if last.0 == declension::Case::Genitive
        && let Some(other) =
            cases.find(|(c, _)| matches!(c, declension::Case::Dative | declension::Case::Locative))
    {
        return Some(other);
    }
    // So does a verb after it that takes the dative (`Wiśniewskiej
    // zależało`, `Kowalskiej nie pasowało`).
    if last.0 == declension::Case::Genitive && declension::dative_verb_after(&text[src.end..]) {
        return Some((declension::Case::Dative, last.1));
    }
    Some(last)
}

/// Where a word of the name (a form of one of `declared`) starts that
/// stands right before `at`, a space or a hyphen away.
fn name_word_before(text: &str, at: usize, declared: &[String]) -> Option<usize> {
    let (start, word) = word_before_one(text, at, &[' ', '-', '\u{a0}'])?;
    let folded = crate::anonymize::secrets::fold(&word.to_lowercase());
    let capital = word.starts_with(char::is_uppercase);
    // (Its first four letters, or three of a shorter stem: what an ending
    // or a vowel that drops leaves of a declared word; three of a longer
    // one in a capitalised word of about its length, where a consonant
    // changes before the ending: `Marcie` of `Marta`, `Agnieszce`.)
    declared
        .iter()
        .filter(|p| p.chars().all(char::is_alphabetic))
        .any(|p| {
            let stem = stem_of(p);
            stem.len() >= 3 && folded.starts_with(stem.get(..4).unwrap_or(stem))
                || capital
                    && stem.len() >= 4
                    && folded.len() <= p.len() + 3
                    && stem.get(..3).is_some_and(|s| folded.starts_with(s))
        })
        .then_some(start)
}

/// A declared word less the final vowel that an ending replaces.
fn stem_of(part: &str) -> &str {
    part.strip_suffix(['a', 'e', 'i', 'o', 'u', 'y'])
        .unwrap_or(part)
}

/// [`declined_case`] of one word of the name.
fn word_case(
    word: &str,
    declared: &[String],
    before: Option<&str>,
) -> Option<(declension::Case, bool)> {
    // The declared words are folded (`malgorzata`): the word is compared
    // letter by letter folded the same way (`małgorzatą`), up to the
    // declared word's last vowel, which an ending replaces (`ą` folds to
    // the `a` it replaced).
    let letters: Vec<char> = word.chars().collect();
    let folded: Vec<String> = letters
        .iter()
        .map(|c| crate::anonymize::secrets::fold(c.encode_utf8(&mut [0; 4])))
        .collect();
    let common = |p: &String| {
        stem_of(p)
            .chars()
            .zip(&folded)
            .take_while(|(a, f)| f.len() == 1 && f.starts_with(*a))
            .count()
    };
    // (A word of the name against a declared word, not a double surname
    // whole: `wiśniewskiej` is a form of `wiśniewska`.)
    let part = declared
        .iter()
        .filter(|p| p.chars().all(char::is_alphabetic))
        .max_by_key(|p| common(p))?;
    // The declared word in the word's own letters: its common stem as
    // written, its own ending after. (Not a word of the name at all, such
    // as an initial: nothing.)
    let n = common(part);
    if n < 2 {
        return None;
    }
    let part: String = letters[..n]
        .iter()
        .chain(part.chars().skip(n).collect::<Vec<_>>().iter())
        .collect();
    let case = declension::case_of(word, &part, before)?;
    Some((case, part.ends_with('a')))
}

/// The spaces between a name and the words or brackets around it.
const SPACES: [char; 2] = [' ', '\u{a0}'];

/// Whether a replacement is a mask (`[email withheld]`), not a name's
/// stand-in.
fn is_mask(r: &str) -> bool {
    r.starts_with('[') && r.ends_with(']')
}

/// Whether `gap` joins two items of a list: a comma, a slash, an `&` or a
/// word for "or" or "and" in a language exitbook ships or often meets.
fn listed(gap: &str) -> bool {
    let word = gap.trim_matches(SPACES);
    if [",", "/", "&"].contains(&word) {
        return true;
    }
    gap.starts_with(SPACES)
        && gap.ends_with(SPACES)
        && ["or", "and", "lub", "albo", "i", "oraz", "oder", "und"]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w))
}

/// Where the `)` after `repeat` ends, if `repeat` stands alone in brackets
/// right after a name that ended at `end` (`Hoa (Nguyễn Thị Hoa)`).
fn bracketed_repeat(text: &str, end: usize, repeat: &Range<usize>) -> Option<usize> {
    let gap = &text[end..repeat.start];
    if gap.trim_matches(SPACES) != "(" {
        return None;
    }
    let after = &text[repeat.end..];
    let rest = after.trim_start_matches(SPACES);
    rest.starts_with(')')
        .then(|| repeat.end + (after.len() - rest.len()) + 1)
}

/// Where the brackets around `repeat` (and the space before them) are,
/// if `repeat` stands alone in brackets a few words after a name that
/// ended at `end`, in the same clause (`’s board (…)`).
fn bracketed_repeat_after_words(
    text: &str,
    end: usize,
    repeat: &Range<usize>,
) -> Option<Range<usize>> {
    let gap = text[end..repeat.start].trim_end_matches(SPACES);
    let words = gap.strip_suffix('(')?;
    let open = end + words.trim_end_matches(SPACES).len();
    let plain = words
        .chars()
        .all(|c| c.is_alphabetic() || SPACES.contains(&c) || "’'-".contains(c));
    if !plain || words.len() > 40 || !words.ends_with(SPACES) {
        return None;
    }
    let after = &text[repeat.end..];
    let rest = after.trim_start_matches(SPACES);
    rest.starts_with(')')
        .then(|| open..repeat.end + (after.len() - rest.len()) + 1)
}

/// `text` with its first letter in upper case ("the CEO" → "The CEO",
/// Polish "opiekun klienta" → "Opiekun klienta").
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

/// The Markdown markers `kept` (offsets in `inside`, the text a name's
/// stand-in replaces) less those that open and close inside it
/// (`Quillfeather **Harbor** Stationers`, `Kow*al*ski`): those go with the
/// name, or the page would read "Client Cobalt Heron****". A run of
/// markers opens where a letter or digit follows it, and closes an open
/// run of the same markers where one goes before it; what is not paired
/// (`Harbor** Freight`, closing what opened before the name) stays.
fn unpaired(inside: &str, kept: &[(usize, char)]) -> String {
    // Runs of one marker: (start, char, count).
    let mut runs: Vec<(usize, char, usize)> = Vec::new();
    for &(i, c) in kept {
        match runs.last_mut() {
            Some((s, rc, n)) if *rc == c && *s + *n * c.len_utf8() == i => *n += 1,
            _ => runs.push((i, c, 1)),
        }
    }
    let mut paired = vec![false; runs.len()];
    let mut open: Vec<usize> = Vec::new();
    for (k, &(i, c, n)) in runs.iter().enumerate() {
        let end = i + n * c.len_utf8();
        let before = inside[..i].ends_with(char::is_alphanumeric);
        let after = inside[end..].starts_with(char::is_alphanumeric);
        if before && let Some(p) = open.iter().rposition(|&o| runs[o].1 == c && runs[o].2 == n) {
            paired[open[p]] = true;
            paired[k] = true;
            open.truncate(p);
        } else if after {
            open.push(k);
        }
    }
    runs.iter()
        .zip(&paired)
        .filter(|(_, p)| !**p)
        .flat_map(|(&(_, c, n), _)| std::iter::repeat_n(c, n))
        .collect()
}

/// The apostrophe that ends a plural's possessive at the start of `after`
/// (`’ shop`, `' shop`; not `’s`, not an opening quote).
fn possessive_mark(after: &str) -> Option<&'static str> {
    let mark = ["’", "'"].into_iter().find(|m| after.starts_with(m))?;
    let next = after[mark.len()..].chars().next();
    (!next.is_some_and(char::is_alphanumeric)).then_some(mark)
}

/// Does `after` start with a dot that ends an abbreviation inside a
/// sentence (what follows it, past spaces, is a lower-case word or
/// punctuation that goes on with the sentence)?
fn dot_inside_sentence(after: &str) -> bool {
    after.strip_prefix('.').is_some_and(|rest| {
        rest.starts_with([',', ';', ')'])
            || rest.starts_with(' ')
                && rest
                    .trim_start_matches(' ')
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
    })
}
