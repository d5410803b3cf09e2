//! The scrubber's search of the secret set: word forms through the view,
//! inflected name parts, phone digits in any formatting. The leak gate has
//! its own (`crate::gate::matcher`).

use aho_corasick::{Anchored, Input};

use super::{FormClass, Origin, Rule, SecretSet, text::Stem, text::is_invisible};
use crate::anonymize::view::{self, Blind, View, all_upper, ends_alone, stands_alone};

/// Which inflected forms of name parts [`SecretSet::word_matches`] finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inflected {
    /// None (the scrubber's test switch).
    None,
    /// Those of the parts read so on every page
    /// ([`super::inflects_everywhere`]): on a page whose language does not
    /// inflect names.
    Everywhere,
    /// All: on a page whose language inflects names.
    All,
}

impl SecretSet {
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
            .word_matches(&v, Inflected::All, false, true)
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
            Rule::Mention => mention_before(&v.text[..s]) && stands_alone(v, s, e),
            Rule::Titled => titled_before(&v.text[..s]) && stands_alone(v, s, e),
            Rule::Upper => stands_alone(v, s, e) && all_upper(v, s, e),
            Rule::Script if v.in_script(&v.unspaced, s) && v.in_script(&v.unspaced, e - 1) => true,
            Rule::End if v.in_script(&v.prefixing, e - 1) => ends_alone(v, s, e),
            Rule::Script | Rule::End => stands_alone(v, s, e),
        }
    }

    /// Where a one-word form at `s..e` that does not stand alone ends as a
    /// plural that does (`Fenwicks’`, `the Whitfields`, `Joneses`): the end
    /// of its `s` or `es`.
    fn plural_end(
        &self,
        v: &View,
        s: usize,
        e: usize,
        form: usize,
        ascii_words: bool,
    ) -> Option<usize> {
        // Not for three letters: `Thi`'s plural would be `this`.
        // Nor for a name in another case (`tomi` of Tomas: Lithuanian `tomis`).
        if ascii_words
            || self.rules[form] != Rule::Word
            || e - s < 4
            || self.forms[form].class == FormClass::Alternated
        {
            return None;
        }
        let rest = &v.text.as_bytes()[e..];
        [&b"s"[..], b"es"]
            .into_iter()
            .filter(|suffix| rest.starts_with(suffix))
            .map(|suffix| e + suffix.len())
            .find(|&end| stands_alone(v, s, end))
    }

    /// Word forms in a view: (start, end, form) in bytes of `v.text`, the
    /// longest where they overlap; with `inflect`, also inflected forms of
    /// name parts (a stem and an ending of up to four letters); with
    /// `plurals`, a one-word form followed by `s` or `es` (`Fenwicks’`).
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
        inflected: Inflected,
        ascii_words: bool,
        plurals: bool,
    ) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let Some(ac) = &self.words else { return out };
        let text = v.text.as_str();
        let keyed = super::keyed(text);
        let mut at = 0;
        while at < text.len() {
            let Some(m) = ac.find(Input::new(&keyed).range(at..)) else {
                break;
            };
            let (s, mut e) = (m.start(), m.end());
            let mut form = self.word_ids[m.pattern().as_usize()];
            let mut found = self.fits(v, s, e, form, ascii_words);
            // The longest form here that may take a plural: not one found
            // only after an `@` (`marks`, a handle, must not hide the plural
            // of `Mark`).
            let mut longest = (self.rules[form] == Rule::Word).then_some((e, form));
            while !found && e > s + 1 {
                let shorter = Input::new(&keyed).range(s..e - 1).anchored(Anchored::Yes);
                match ac.find(shorter) {
                    Some(m2) => {
                        e = m2.end();
                        form = self.word_ids[m2.pattern().as_usize()];
                        found = self.fits(v, s, e, form, ascii_words);
                        if longest.is_none() && self.rules[form] == Rule::Word {
                            longest = Some((e, form));
                        }
                    }
                    None => break,
                }
            }
            if !found
                && plurals
                && let Some((end, plural)) = longest
                && let Some(end) = self.plural_end(v, s, end, plural, ascii_words)
            {
                (e, form, found) = (end, plural, true);
            }
            // Initials in capitals take a small `s` (`the HFLs`): the
            // stand-in takes it too, not "Client Cobalt Heron s".
            if found
                && !ascii_words
                && self.rules[form] == Rule::Upper
                && v.text.as_bytes().get(e) == Some(&b's')
                && !v.upper.get(e).copied().unwrap_or(true)
                && stands_alone(v, s, e + 1)
            {
                e += 1;
            }
            if found {
                out.push((s, e, form));
                at = e;
            } else {
                at = s + 1;
            }
        }
        if inflected == Inflected::All && (!self.stems.is_empty() || !self.phrases.is_empty()) {
            self.inflected(v, &mut out);
        } else if inflected == Inflected::Everywhere {
            self.inflected_everywhere(v, &mut out);
        }
        out
    }

    /// On a page whose language does not inflect names, the inflected
    /// forms of the parts that are read so on every page
    /// ([`super::inflects_everywhere`]: `Kowalskiego`, `Wrzesińskiej` in a
    /// Polish record on an English site): a stem at a word's start, then
    /// one to four letters to the word's end.
    fn inflected_everywhere(&self, v: &View, out: &mut Vec<(usize, usize, usize)>) {
        let Some((ac, forms)) = &self.stems_everywhere else {
            return;
        };
        let t = v.text.as_bytes();
        for m in ac.find_overlapping_iter(&v.text) {
            let (start, e) = (m.start(), m.end());
            if start > 0 && t[start - 1].is_ascii_lowercase() {
                continue;
            }
            let end = e + t[e..].iter().take_while(|b| b.is_ascii_lowercase()).count();
            if (1..=4).contains(&(end - e)) && !out.iter().any(|(a, b, _)| *a < end && start < *b) {
                out.push((start, end, forms[m.pattern().as_usize()]));
            }
        }
    }

    /// Inflected forms of name parts: a word made of a stem and an ending
    /// of one to four letters (`Kowalskiego`, `Nowakiem`, `Annie`). A stem
    /// shorter than four letters counts only in a capitalised word (`Dane`,
    /// not the Polish word `dane`).
    ///
    /// Also names of several words with any of their words inflected so
    /// (`Drukarni Sowa`, `Drukarnia Sowy` of `Drukarnia Sowa`).
    fn inflected(&self, v: &View, out: &mut Vec<(usize, usize, usize)>) {
        let t = v.text.as_bytes();
        let mut words: Vec<(usize, usize)> = Vec::new();
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
            words.push((start, i));
        }
        let free = |out: &[(usize, usize, usize)], s: usize, e: usize| {
            !out.iter().any(|(a, b, _)| *a < e && s < *b)
        };
        // A name of several words inflected takes the place of a shorter
        // form found inside it as written (`Sowa`, an alias, in `Drukarni
        // Sowa`), which would leave the inflected word beside its stand-in.
        let inside = |out: &[(usize, usize, usize)], s: usize, e: usize| {
            out.iter()
                .all(|(a, b, _)| !(*a < e && s < *b) || (s <= *a && *b <= e))
        };
        for (w, &(start, end)) in words.iter().enumerate() {
            if !self.phrases.is_empty()
                && let Some((e, form)) = self.inflected_phrase(v, &words[w..])
                && inside(out, start, e)
            {
                out.retain(|(a, b, _)| !(*a < e && start < *b));
                out.push((start, e, form));
                continue;
            }
            let word = &v.text[start..end];
            if let Some(form) = self.inflected_form(word, v.upper[start])
                && free(out, start, end)
            {
                out.push((start, end, form));
            }
        }
    }

    /// A name of several words at the first of `words` (spans of the
    /// view, in order), each word as written or inflected: its end and
    /// form. Words of the name stand one break apart.
    fn inflected_phrase(&self, v: &View, words: &[(usize, usize)]) -> Option<(usize, usize)> {
        let t = &v.text;
        let (s, e) = words[0];
        let first = &t[s..e];
        let fits = |stem: &Stem, word: &str| {
            if stem.exact {
                word == stem.text
            } else {
                word.starts_with(stem.text.as_str()) && word.len() - stem.text.len() <= 4
            }
        };
        let mut best: Option<(usize, usize)> = None;
        for k in 0..=4.min(first.len()) {
            let Some(entries) = self.phrases.get(&first[..first.len() - k]) else {
                continue;
            };
            for (stems, form) in entries {
                if !fits(&stems[0], first) || stems.len() > words.len() {
                    continue;
                }
                let together =
                    stems
                        .iter()
                        .zip(words)
                        .skip(1)
                        .try_fold(e, |prev, (stem, &(a, b))| {
                            let gap = &t.as_bytes()[prev..a];
                            (!gap.is_empty()
                                && gap.len() <= 2
                                && gap.iter().all(|c| matches!(c, b' ' | b'-'))
                                && fits(stem, &t[a..b]))
                            .then_some(b)
                        });
                if let Some(end) = together
                    && best.is_none_or(|(e0, _)| end > e0)
                {
                    best = Some((end, *form));
                }
            }
        }
        best
    }

    /// The name part (its form) of which the folded `word` is an inflected
    /// form: a stem and an ending of one to four letters. A stem shorter
    /// than four letters counts only in a `capitalised` word.
    pub fn inflected_form(&self, word: &str, capitalised: bool) -> Option<usize> {
        (1..=4.min(word.len().saturating_sub(3))).find_map(|k| {
            let stem = word.get(..word.len() - k)?;
            self.stems
                .get(stem)
                .copied()
                .filter(|_| stem.len() >= 4 || capitalised)
        })
    }

    /// Phone forms in `text`, in any formatting of the same digits: (source
    /// byte range, form).
    pub fn digit_matches(&self, text: &str) -> Vec<(std::ops::Range<usize>, usize)> {
        let mut out = Vec::new();
        let Some(ac) = &self.digits else { return out };
        for (digits, offsets) in digit_runs(text) {
            for m in ac.find_iter(&digits) {
                let form = self.digit_ids[m.pattern().as_usize()];
                // A number without its area code: from a group's first
                // digit to a group's last (`dial 9 555 0142`, `555 0142
                // 24/7`), never from inside one (`00907 2020`).
                let edge = |k: usize| {
                    k == 0 || k == digits.len() || {
                        let prev = offsets[k - 1];
                        let width = text[prev..].chars().next().map_or(1, char::len_utf8);
                        offsets[k] > prev + width
                    }
                };
                if self.forms[form].class == FormClass::LocalPhone
                    && !(edge(m.start()) && edge(m.end()))
                {
                    continue;
                }
                let start = offsets[m.start()];
                // The last digit may be a full-width or other script's.
                let last = offsets[m.end() - 1];
                let end = last + text[last..].chars().next().map_or(1, char::len_utf8);
                out.push((start..end, form));
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
/// The ASCII bytes that keep a run of digits going: spaces, dots, dashes,
/// brackets, plus signs, slashes, bars, and Markdown's markers.
const JOINS_DIGITS: [bool; 128] = {
    let mut t = [false; 128];
    // Brackets of any shape (`[206] 984-1234`) and Markdown's escapes
    // (`01\-234`) too.
    let joins = b" .-()+/\t_*~`|[]{}\\";
    let mut i = 0;
    while i < joins.len() {
        t[joins[i] as usize] = true;
        i += 1;
    }
    t
};

/// The first byte from `from` on that is an ASCII digit or not ASCII (or
/// the end), eight bytes at a time: for each byte under 0x80, adding 0x46
/// sets its high bit exactly when it is `:` or more, and adding 0x50 when
/// it is `0` or more.
fn next_digit_or_high(b: &[u8], mut at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while at + 8 <= b.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[at..at + 8]);
        let x = u64::from_le_bytes(w);
        let low = x & !HIGH;
        let digit = (low.wrapping_add(ONES * 0x50) & !low.wrapping_add(ONES * 0x46)) & HIGH;
        if (x & HIGH) | digit != 0 {
            break;
        }
        at += 8;
    }
    while at < b.len() && !b[at].is_ascii_digit() && b[at] < 0x80 {
        at += 1;
    }
    at
}

fn digit_runs(text: &str) -> Vec<(String, Vec<usize>)> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    let mut offsets = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if cur.is_empty() {
            // Between runs (most of a text): on to the next digit or
            // character that is not ASCII, eight bytes at a time.
            i = next_digit_or_high(bytes, i);
            if i == bytes.len() {
                break;
            }
        }
        let b = bytes[i];
        if b.is_ascii_digit() {
            cur.push(b as char);
            offsets.push(i);
            i += 1;
            continue;
        }
        let (joins, len) = if b == b'&'
            && !cur.is_empty()
            && let Some((c, len)) = view::entity(text, i, bytes.len())
        {
            // `020 7946&nbsp;0958`, `555&ndash;0142`: what the browser
            // shows between the groups is a space or a dash.
            (
                c.is_whitespace() || view::is_dash(c) || is_invisible(c),
                len,
            )
        } else if b.is_ascii() {
            (JOINS_DIGITS[usize::from(b)], 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if let Some(d) = super::text::ascii_digit(c) {
                // `０８７`, `٠٨٧`: digits all the same.
                cur.push(d);
                offsets.push(i);
                i += c.len_utf8();
                continue;
            }
            (
                c.is_whitespace()
                    || is_invisible(c)
                    || view::is_dash(c)
                    || super::text::is_dot_like(c)
                    // (`ー`, the katakana long mark, is what Japanese
                    // typing often gives for a dash: `03ー1234ー5678`.)
                    || matches!(c, '【' | '】' | '（' | '）' | '［' | '］' | '「' | '」' | 'ー'),
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

/// Whether `before` ends where a handle stands on its own: right after an
/// `@` or an `=` (`@ewhitcombe`, `?ref=ewhitcombe`), or as the value of a
/// field after a `:` (`assignee: ewhitcombe`, `"user": "ewhitcombe"`).
fn mention_before(before: &str) -> bool {
    if before.ends_with(['@', '=']) {
        return true;
    }
    let quoted = before.strip_suffix(['"', '\'']).unwrap_or(before);
    quoted.trim_end_matches(' ').ends_with(':')
}

/// Whether the view's text `before` ends with a title and a space (`mr `,
/// `dr. `, `pani `, `dott.ssa `, which the view may read `dott ssa `): a
/// person's name follows. One letter (`M.`, French) only with its dot.
fn titled_before(before: &str) -> bool {
    // (A set: a word of a client's name may be an everyday word, met
    // after a space thousands of times in a handbook.)
    static TITLES: std::sync::LazyLock<ahash::AHashSet<String>> = std::sync::LazyLock::new(|| {
        crate::anonymize::forms::HONORIFICS
            .iter()
            .map(|h| super::fold(h))
            .flat_map(|h| [h.replace('.', " "), h])
            .collect()
    });
    let text = before.trim_end_matches(' ');
    if text.len() == before.len() {
        return false;
    }
    let (text, dot) = match text.strip_suffix('.') {
        Some(t) => (t, true),
        None => (text, false),
    };
    let start = |t: &str| {
        t.rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .map_or(0, |i| i + 1)
    };
    let one = start(text);
    let word = &text[one..];
    if (dot || word.len() > 1) && TITLES.contains(word) {
        return true;
    }
    // A title the view read as two words (`sig ra` of `Sig.ra`).
    text[..one].strip_suffix(' ').is_some_and(|head| {
        let two = &text[start(head)..];
        TITLES.contains(two)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_next_digit_is_found_eight_bytes_at_a_time(
            text in "[ -~\u{e9}\u{ff10}-\u{ff19}\u{660}]{0,40}",
            from in 0usize..40,
        ) {
            let b = text.as_bytes();
            let from = from.min(b.len());
            let slow = (from..b.len())
                .find(|&i| b[i].is_ascii_digit() || b[i] >= 0x80)
                .unwrap_or(b.len());
            proptest::prop_assert_eq!(next_digit_or_high(b, from), slow);
        }
    }
}
