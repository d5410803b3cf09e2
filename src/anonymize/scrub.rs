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
use crate::anonymize::secrets::{FormKind, Origin, SecretSet, StandIn};
use crate::anonymize::view::{self, Blind};

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
    /// The replacement for `stand_in`, as prose and as a URL-safe token.
    fn text(&self, stand_in: &StandIn) -> (String, String);
}

/// The scrubber: the secret set, the stand-ins, the detectors.
pub struct Scrubber<'a> {
    pub secrets: &'a SecretSet,
    pub stand_ins: &'a dyn StandIns,
    pub detectors: &'a Detectors,
    /// Test switch (debug builds only): what not to replace.
    pub skip: &'a Skip,
    /// The text is a page in a language that inflects names.
    pub inflect: bool,
    /// Dates and amounts in a case's text, at the published precision
    /// (none for chapters: they are the handbook's own words).
    pub prose: Option<crate::anonymize::quasi::Prose>,
}

/// A test switch (debug builds only), from `EXITBOOK_TEST_SKIP_REPLACEMENT`:
/// the scrubber leaves one field's forms, one class of forms
/// (`initials`, `part`, `phone`… see `FormClass::name`), or one way of
/// reading (`entities`, `lookalikes`, `inflections`, `joined-words`,
/// `country-phones`) alone, or dates and amounts in a case's prose as
/// written (`quasi`), so that tests can prove the leak gate finds on
/// its own what the scrubber missed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Skip {
    field: Option<String>,
    what: Option<String>,
}

impl Skip {
    pub fn from_env() -> Skip {
        if !cfg!(debug_assertions) {
            return Skip::default();
        }
        match std::env::var("EXITBOOK_TEST_SKIP_REPLACEMENT") {
            Ok(v) if v.contains(['.', '[']) => Skip {
                field: Some(v),
                what: None,
            },
            Ok(v) => Skip {
                field: None,
                what: Some(v),
            },
            Err(_) => Skip::default(),
        }
    }

    /// Is `what` (a class or a way of reading) switched off?
    pub fn is(&self, what: &str) -> bool {
        cfg!(debug_assertions) && self.what.as_deref() == Some(what)
    }

    fn form(&self, class: &str, origin: &Origin) -> bool {
        cfg!(debug_assertions)
            && (self.field.as_deref() == Some(origin.field.as_str()) || self.is(class))
    }

    fn blind(&self) -> Blind {
        Blind {
            entities: self.is("entities"),
            lookalikes: self.is("lookalikes"),
        }
    }
}

/// Honorifics that go with the name they stand before.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lady", "lord", "rev", "herr",
    "frau", "pan", "pani", "mme", "mlle", "m", "sr", "sra", "srta", "dra", "dott", "ing", "mgr",
    "inż", "hr", "fru", "doc",
];

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
            let v = view::view(text, self.skip.blind());
            let inflect = self.inflect && !self.skip.is("inflections");
            let ascii_words = self.skip.is("joined-words");
            for (fs, fe, form) in self.secrets.word_matches(&v, inflect, ascii_words) {
                let (a, b) = (v.spans[fs].start as usize, v.spans[fe - 1].end as usize);
                if a >= b {
                    continue;
                }
                if let Some((src, rep, whose)) = self.replacement(text, a..b, form, case) {
                    candidates.push((src, fe - fs, rep, whose));
                }
            }
            for (src, form) in self.secrets.digit_matches(text) {
                let len = src.len();
                if let Some((src, rep, whose)) = self.replacement(text, src, form, case) {
                    candidates.push((src, len, rep, whose));
                }
            }
        }
        let chosen = choose(candidates, &protected);
        let chosen = self.whole_masks(text, chosen);
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
                let rep = match (f.what, url) {
                    (Detected::Email, false) => "[email withheld]",
                    (Detected::Email, true) => "email-withheld",
                    (Detected::Phone, false) => "[phone withheld]",
                    (Detected::Phone, true) => "phone-withheld",
                    (Detected::Card, _) => "[card number withheld]",
                };
                (f.range.clone(), f.range.len(), rep.to_string(), None)
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
    /// value it was.
    fn replacement(
        &self,
        text: &str,
        mut src: Range<usize>,
        form: usize,
        case: Option<usize>,
    ) -> Option<(Range<usize>, String, Option<StandIn>)> {
        let f = &self.secrets.forms[form];
        // Prefer the meaning this text's own record gives the form.
        let (origin, stand_in) = std::iter::once((f.origin, &f.stand_in))
            .chain(f.alts.iter().map(|(o, s)| (*o, s)))
            .find(|(o, _)| case.is_some() && self.secrets.origins[*o].case == case)
            .unwrap_or((f.origin, &f.stand_in));
        let o = &self.secrets.origins[origin];
        if self.skip.form(f.class.name(), o) {
            return None;
        }
        let whose = whose(stand_in, o);
        let (plain, url) = self.stand_ins.text(stand_in);
        if slug_context(text, src.start) {
            return Some((src, url, whose));
        }
        if f.kind == FormKind::Digits {
            // `+353 87…`, `(087) 123…`: the sign and brackets go too.
            let before = &text[..src.start];
            if before.ends_with('+') || before.ends_with('(') && text[src.clone()].contains(')') {
                src.start -= 1;
            }
        }
        if matches!(stand_in, StandIn::Person(..) | StandIn::Owner) {
            src.start = title_before(text, src.start);
        }
        // Keep the Markdown markers the match swallowed (`Harbor** Freight`).
        let markers: String = text[src.clone()]
            .chars()
            .filter(|c| matches!(c, '*' | '_' | '~' | '`'))
            .collect();
        let mut rep = plain;
        if rep.starts_with("the ") && sentence_start(text, src.start) {
            rep.replace_range(0..1, "T");
        }
        rep.push_str(&markers);
        Some((src, rep, whose))
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
        let is_mask = |r: &str| r.starts_with('[') && r.ends_with(']');
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
                    Some(p) => self.stand_ins.text(p).0,
                    None => "the client's contact".to_string(),
                };
                if rep.starts_with("the ") && sentence_start(text, first) {
                    rep.replace_range(0..1, "T");
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

/// The line or table cell around `at`.
fn segment(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind(['\n', '|']).map_or(0, |i| i + 1);
    let end = text[at..].find(['\n', '|']).map_or(text.len(), |i| at + i);
    start..end
}

/// Where a name at `at` starts once an honorific before it (`Dr.`,
/// `Mrs`, `Prof. Dr.`) is counted in: the title goes with the name.
fn title_before(text: &str, mut at: usize) -> usize {
    for _ in 0..2 {
        let before = text[..at].trim_end_matches([' ', '\u{a0}', '\t']);
        if before.len() == at {
            break;
        }
        let word_start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let word = before[word_start..].trim_end_matches('.').to_lowercase();
        if word.is_empty() || !TITLES.contains(&word.as_str()) {
            break;
        }
        at = word_start;
    }
    at
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
        out.push_str(rep);
        layer.push((r.clone(), rep.len()));
        at = r.end;
    }
    out.push_str(&text[at..]);
    (out, layer)
}

/// `@/…` link targets: paths inside the handbook, never prose.
fn protected_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = text[from..].find("(@/") {
        let start = from + p + 1;
        let end = text[start..]
            .find([')', ' ', '\n'])
            .map_or(text.len(), |e| start + e);
        out.push(start..end);
        from = end;
    }
    out
}

/// Is offset `at` inside a URL (a link target, an autolink, a bare URL)?
fn in_url(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let token_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '<' | '>' | '[' | '"' | '\''))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let token = &before[token_start..];
    let opener = before[..token_start].chars().next_back();
    token.contains("://")
        || token.starts_with("mailto:")
        || token.starts_with("tel:")
        || token.starts_with("www.")
        || (opener == Some('<') && token.contains('@'))
        || (opener == Some('(') && before[..token_start.saturating_sub(1)].ends_with(']'))
}

/// Is offset `at` where only a URL-safe token fits: a URL, a heading id
/// (`{#acme-holdings}`), a footnote id (`[^acme]`)?
fn slug_context(text: &str, at: usize) -> bool {
    if in_url(text, at) {
        return true;
    }
    let line = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
    let open = |o: &str, close: char| line.rfind(o).is_some_and(|i| !line[i..].contains(close));
    open("{#", '}') || open("[^", ']')
}

/// Does a sentence start at `at` (so "the" should be "The")?
fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | '~' | '`' | '"' | '“' | '„' | '(' | '[')
    });
    match before.chars().next_back() {
        None => true,
        Some('.' | '!' | '?') => true,
        Some('-' | '+' | '>' | '#' | '|' | ':') => {
            let line = before.rsplit('\n').next().unwrap_or(before);
            line.trim().len() <= 3 || before.ends_with(':')
        }
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_go_with_the_name() {
        assert_eq!(title_before("Call Dr. Dana", 9), 5);
        assert_eq!(title_before("Prof. Dr. Dana", 10), 0);
        assert_eq!(title_before("ask Dana", 4), 4);
        assert_eq!(title_before("Dana", 0), 0);
    }

    #[test]
    fn ids_take_url_tokens() {
        assert!(slug_context("## Acme {#acme-holdings}", 10));
        assert!(slug_context("see[^acme-note]", 5));
        assert!(!slug_context("## Acme {#x} Acme", 13));
    }

    #[test]
    fn urls_and_sentences() {
        assert!(in_url("[x](mailto:dana@x.com)", 11));
        assert!(in_url("see https://dana.example/x", 12));
        assert!(!in_url("ask Dana", 4));
        assert!(sentence_start("Done. Dana", 6));
        assert!(sentence_start("- Dana", 2));
        assert!(!sentence_start("ask Dana", 4));
    }

    #[test]
    fn source_offsets_survive_replacements() {
        let s = Scrubbed {
            text: "the Director met X".into(),
            layers: vec![vec![(0..4, 12)]],
        };
        // "Dana met X" → "the Director met X": "met" is at 13, was at 5.
        assert_eq!(s.source_offset(13), 5);
        assert_eq!(s.source_offset(3), 0);
    }
}
