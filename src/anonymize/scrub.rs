//! Replacing every form of every secret in a text with its stand-in.
//!
//! Matching happens on a *view* of the source text (Markdown, before it is
//! parsed), not on rendered events: smart punctuation splits `Jane's` into
//! three events, `**Jane** Doe` into two, and a `mailto:` target never
//! appears as text. The view decodes HTML entities, drops invisible
//! characters and Markdown emphasis markers, collapses whitespace (line
//! breaks and blockquote markers included) and folds case and diacritics,
//! and remembers for every byte where in the source it came from. One
//! automaton pass over the view finds every form; the longest match wins
//! where matches overlap; replacements are made in the source, right to
//! left. The leak check then verifies the rendered output independently.

use std::ops::Range;

use crate::anonymize::detect::{Detected, Detectors};
use crate::anonymize::secrets::{SecretSet, StandIn, is_invisible};

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
    /// Test hook (debug builds only): never replace forms of this field, so
    /// that tests can prove the leak check catches what the scrubber misses.
    pub skip_field: Option<String>,
    /// Dates and amounts in a case's text, at the published precision
    /// (none for chapters: they are the handbook's own words).
    pub prose: Option<crate::anonymize::quasi::Prose>,
}

/// The normalised view of a text.
struct View {
    folded: String,
    /// For every byte of `folded`, the source range it came from.
    spans: Vec<Range<u32>>,
}

fn view(text: &str) -> View {
    let mut v = View {
        folded: String::with_capacity(text.len()),
        spans: Vec::with_capacity(text.len()),
    };
    let mut space: Option<Range<usize>> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    let push = |v: &mut View, c: char, r: Range<usize>, space: &mut Option<Range<usize>>| {
        if c.is_whitespace() {
            let s = space.get_or_insert(r.clone());
            s.end = r.end;
            return;
        }
        if let Some(s) = space.take()
            && !v.folded.is_empty()
        {
            v.folded.push(' ');
            v.spans.push(s.start as u32..s.end as u32);
        }
        let lower = c.to_ascii_lowercase();
        let mut buf = [0u8; 4];
        for _ in lower.encode_utf8(&mut buf).bytes() {
            v.spans.push(r.start as u32..r.end as u32);
        }
        v.folded.push(lower);
    };
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        match c {
            // Markdown emphasis and code markers hide nothing but split words.
            '*' | '_' | '~' | '`' => {}
            '\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {}
            '&' => {
                if let Some((ch, n)) = entity_at(text, i) {
                    for t in fold_char(ch).chars() {
                        push(&mut v, t, i..i + n, &mut space);
                    }
                    i += n;
                    continue;
                }
                push(&mut v, '&', i..i + 1, &mut space);
            }
            '\n' => {
                // A line break, and a blockquote's `>` markers after it.
                let mut j = i + 1;
                while j < text.len() && matches!(bytes[j], b' ' | b'\t' | b'>') {
                    j += 1;
                }
                push(&mut v, ' ', i..j, &mut space);
                i = j;
                continue;
            }
            c if c.is_ascii() => push(&mut v, c, i..i + 1, &mut space),
            c if is_invisible(c) => {}
            c => {
                for t in fold_char(c).chars() {
                    push(&mut v, t, i..i + len, &mut space);
                }
            }
        }
        i += len;
    }
    v
}

fn fold_char(c: char) -> String {
    if c.is_ascii() {
        return c.to_ascii_lowercase().to_string();
    }
    if c.is_whitespace() {
        return " ".into();
    }
    deunicode::deunicode_char(c).unwrap_or("").to_lowercase()
}

/// A character reference at `i` (`&amp;`, `&#39;`, `&#x44;`): the character
/// and the reference's length.
fn entity_at(text: &str, i: usize) -> Option<(char, usize)> {
    let end = text[i..].find(';').filter(|&e| e <= 12)?;
    let ch = crate::anonymize::leak::entity(&text[i + 1..i + end])?;
    Some((ch, end + 1))
}

impl Scrubber<'_> {
    /// Replace every secret form and every detected email, phone number and
    /// card number in `text`. `case` is the record the text belongs to (its
    /// own contacts win where a first name is shared across records).
    pub fn scrub(&self, text: &str, case: Option<usize>) -> Scrubbed {
        let protected = protected_ranges(text);
        let mut out = Scrubbed::default();

        // 1. The secret set.
        let mut candidates: Vec<(Range<usize>, usize, String)> = Vec::new();
        if !self.secrets.is_empty() {
            let v = view(text);
            for (fs, fe, form) in self.secrets.word_matches(&v.folded) {
                let src = v.spans[fs].start as usize..v.spans[fe - 1].end as usize;
                if let Some(rep) = self.replacement(text, &src, form, case) {
                    candidates.push((src, fe - fs, rep));
                }
            }
            for (src, form) in self.secrets.digit_matches(text) {
                if let Some(rep) = self.replacement(text, &src, form, case) {
                    candidates.push((src.clone(), src.len(), rep));
                }
            }
        }
        let chosen = choose(candidates, &protected);
        let (text1, layer) = apply(text, &chosen);
        out.layers.push(layer);

        // 1b. Dates and amounts at the published precision, before the
        // detectors: a date is never taken for a phone number.
        let mut dates = Vec::new();
        let text1 = match &self.prose {
            Some(p) => {
                let r = p.rewrite(&text1);
                out.layers.push(r.layer);
                dates = r.kept;
                r.text
            }
            None => text1,
        };

        // 2. Detectors, on what is left.
        let mut protected = protected_ranges(&text1);
        protected.extend(dates);
        let found: Vec<(Range<usize>, usize, String)> = self
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
                (f.range.clone(), f.range.len(), rep.to_string())
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

    fn replacement(
        &self,
        text: &str,
        src: &Range<usize>,
        form: usize,
        case: Option<usize>,
    ) -> Option<String> {
        let f = &self.secrets.forms[form];
        // Prefer the meaning this text's own record gives the form.
        let (origin, stand_in) = std::iter::once((f.origin, &f.stand_in))
            .chain(f.alts.iter().map(|(o, s)| (*o, s)))
            .find(|(o, _)| case.is_some() && self.secrets.origins[*o].case == case)
            .unwrap_or((f.origin, &f.stand_in));
        if cfg!(debug_assertions)
            && let Some(skip) = &self.skip_field
            && &self.secrets.origins[origin].field == skip
        {
            return None;
        }
        let (plain, url) = self.stand_ins.text(stand_in);
        if in_url(text, src.start) {
            return Some(url);
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
        Some(rep)
    }
}

/// Longest match first; a match may not overlap one already chosen nor a
/// protected range (an `@/` link target).
fn choose(
    mut candidates: Vec<(Range<usize>, usize, String)>,
    protected: &[Range<usize>],
) -> Vec<(Range<usize>, String)> {
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.start.cmp(&b.0.start)));
    let mut chosen: Vec<(Range<usize>, String)> = Vec::new();
    for (r, _, rep) in candidates {
        let clash = |x: &Range<usize>| x.start < r.end && r.start < x.end;
        if protected.iter().any(clash) || chosen.iter().any(|(c, _)| clash(c)) {
            continue;
        }
        chosen.push((r, rep));
    }
    chosen.sort_by_key(|(r, _)| r.start);
    chosen
}

fn apply(text: &str, chosen: &[(Range<usize>, String)]) -> (String, Vec<(Range<usize>, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut layer = Vec::with_capacity(chosen.len());
    let mut at = 0;
    for (r, rep) in chosen {
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
        .rfind(|c: char| {
            c.is_whitespace() || c == '(' || c == '<' || c == '[' || c == '"' || c == '\''
        })
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let token = &before[token_start..];
    let opener = before[..token_start].chars().next_back();
    token.contains("://")
        || token.starts_with("mailto:")
        || token.starts_with("tel:")
        || token.starts_with("www.")
        || opener == Some('<')
        || (opener == Some('(') && before[..token_start.saturating_sub(1)].ends_with(']'))
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
    fn the_view_normalises_and_maps_back() {
        let t = "**Har&#98;or**\n> Free\u{200B}tight's";
        let v = view(t);
        assert_eq!(v.folded, "harbor freetight's");
        let b = v.folded.find('b').unwrap();
        assert_eq!(
            &t[v.spans[b].start as usize..v.spans[b].end as usize],
            "&#98;"
        );
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
