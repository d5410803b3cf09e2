//! What is around a match in the source: the line or cell, an honorific
//! before a name, a URL, a heading id, the start of a sentence, the
//! markers inside it and the gap between two.

use crate::anonymize::forms::{HONORIFICS, PARTICLES};
use crate::anonymize::secrets::fold;
use crate::anonymize::view::INLINE;
use std::ops::Range;
use std::sync::LazyLock;

/// The line or table cell around `at`.
pub(super) fn segment(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind(['\n', '|']).map_or(0, |i| i + 1);
    let end = text[at..].find(['\n', '|']).map_or(text.len(), |i| at + i);
    start..end
}

/// Where a name at `at` starts once an honorific before it (`Dr.`,
/// `Mrs`, `Prof. Dr.`) or an initial (`D. Whitfield`) is counted in: the
/// title goes with the name, and so does the initial (else "met D. The
/// Operations Director").
pub(super) fn title_before(text: &str, mut at: usize) -> usize {
    for _ in 0..2 {
        let before = text[..at].trim_end_matches([' ', '\u{a0}', '\t']);
        if before.len() == at {
            break;
        }
        let word_start = last_word(before);
        let raw = &before[word_start..];
        let initial = is_initial(raw);
        let word = raw.trim_end_matches('.').to_lowercase();
        if word.is_empty() || !(initial || HONORIFICS.contains(&word.as_str())) {
            break;
        }
        at = word_start;
        // The initials of a hyphenated given name (`J.-P.` of
        // Jean-Pierre) go together: not "J.-the Buyer".
        if initial && let Some(first) = hyphened_initial_before(before, word_start) {
            at = first;
        }
    }
    at
}

/// Is `word` a given name's initial, or two (`D.`, `MJ`, `M.J.`), or the
/// Spanish abbreviation of María (`Mª`, `M.ª`)?
fn is_initial(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|&c| c != '.').collect();
    let dots = word.chars().filter(|&c| c == '.').count();
    match letters.as_slice() {
        [c] => c.is_uppercase() && dots == 1 && word.ends_with('.'),
        [c, 'ª' | 'º'] => c.is_uppercase(),
        [a, b] => a.is_uppercase() && b.is_uppercase() && (dots == 0 || dots == 2),
        _ => false,
    }
}

/// Where a title and `and` or `&` stand right before `at`, where a title
/// before a name starts (the `Mr. and ` of "Mr. and Mrs. Whitfield"): a
/// couple by one name, whose titles both go with it.
pub(super) fn couple_before(text: &str, at: usize) -> Option<usize> {
    let before = text[..at].trim_end_matches([' ', '\u{a0}']);
    if before.len() == at {
        return None;
    }
    let rest = ["and", "&"].iter().find_map(|joiner| {
        let i = before.len().checked_sub(joiner.len())?;
        (before.is_char_boundary(i) && before[i..].eq_ignore_ascii_case(joiner))
            .then(|| &before[..i])
    })?;
    let title_end = rest.trim_end_matches([' ', '\u{a0}']);
    if title_end.len() == rest.len() {
        return None;
    }
    let start = last_word(title_end);
    let word = title_end[start..].trim_end_matches('.').to_lowercase();
    (!word.is_empty() && HONORIFICS.contains(&word.as_str())).then_some(start)
}

/// Where the word `text` ends with starts: its last run of letters, digits
/// and dots (a title with its full stop, `Dr.`).
fn last_word(text: &str) -> usize {
    text.rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        })
}

/// Where an initial and a hyphen stand right before `at` (the `J.-` of
/// `J.-P.`), the initial's start.
fn hyphened_initial_before(text: &str, at: usize) -> Option<usize> {
    let rest = text[..at].strip_suffix(".-")?;
    let mut chars = rest.char_indices().rev();
    let (i, letter) = chars.next()?;
    let word_start = chars.next().is_none_or(|(_, c)| !c.is_alphanumeric());
    (letter.is_uppercase() && word_start).then_some(i)
}

/// Where a name at `at` starts once a lone initial glued to it goes with
/// it: a handle or login (`tfairweather-lund`, `owner=m.constantinescu`,
/// `j_smith`) is the person, not "t the Operations Lead". The initial is
/// one letter, at the start of a word, before the name or before a `.`
/// or `_` right before it.
pub(super) fn glued_initial_before(text: &str, at: usize) -> usize {
    let before = &text[..at];
    let joined = before.strip_suffix(['.', '_']).unwrap_or(before);
    let mut chars = joined.char_indices().rev();
    let Some((i, letter)) = chars.next() else {
        return at;
    };
    // Not the `n` of a `\n` left in pasted text.
    let word_start = chars
        .next()
        .is_none_or(|(_, c)| !c.is_alphanumeric() && c != '.' && c != '\\');
    if letter.is_alphabetic() && word_start {
        i
    } else {
        at
    }
}

/// Where a name ending at `at` ends once a capitalised word joined to it
/// by a hyphen goes with it: a double given name or surname
/// (`Ottilie-Rose`, `Whitfield-Smith`) is the person, not "the Operations
/// Director-Rose". Letters only, of the same script's upper and lower case.
pub(super) fn hyphened_word_after(text: &str, at: usize) -> usize {
    let Some(rest) = text[at..].strip_prefix('-') else {
        return at;
    };
    let mut chars = rest.char_indices();
    if !chars.next().is_some_and(|(_, c)| c.is_uppercase()) {
        return at;
    }
    let end = chars
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    let word = &rest[..end];
    // A word, not an acronym or a suffix (`Dana-CEO`, `Acme-X`).
    if word.chars().count() >= 3 && word.chars().skip(1).all(char::is_lowercase) {
        at + 1 + end
    } else {
        at
    }
}

/// Where a name ending at `at` ends once a lone initial glued after it
/// with a `_` goes with it: a handle (`whitfield_d`) is the person, not
/// "the Operations Director_d". One letter, that ends the word.
pub(super) fn glued_initial_after(text: &str, at: usize) -> usize {
    let Some(rest) = text[at..].strip_prefix('_') else {
        return at;
    };
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        (Some(c), next)
            if c.is_alphabetic() && next.is_none_or(|n| !n.is_alphanumeric() && n != '_') =>
        {
            at + 1 + c.len_utf8()
        }
        _ => at,
    }
}

/// Where a name ending at `at` ends once an initial written after it as a
/// list or a letter's signature writes it (`Whitcombe, E.`, `Nowak J.`)
/// goes with it: with its dot where the sentence goes on ("Whitcombe, E.
/// signed" → "the Head of Procurement signed"), without where the dot may
/// end it.
pub(super) fn initial_after(text: &str, at: usize) -> usize {
    let Some(rest) = text[at..]
        .strip_prefix(", ")
        .or_else(|| text[at..].strip_prefix(' '))
    else {
        return at;
    };
    let gap = text.len() - at - rest.len();
    let mut chars = rest.chars();
    let (Some(c), Some('.')) = (chars.next(), chars.next()) else {
        return at;
    };
    if !c.is_uppercase() {
        return at;
    }
    let initial = at + gap + c.len_utf8();
    let mut next = chars;
    match (next.next(), next.next()) {
        // Its dot goes where no sentence starts after it: "Priya N. (the
        // account team) called", not "the account owner. (the account…".
        (Some(' '), Some(n)) if n.is_lowercase() || matches!(n, '(' | '[' | '–' | '—') => {
            initial + 1
        }
        (None, _) => initial,
        (Some(n), _) if n.is_whitespace() || n == ')' => initial,
        _ => at,
    }
}

/// The word just before `at`, one space away (and where it starts).
pub(super) fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    word_before_one(text, at, &[' ', '\u{a0}'])
}

/// The word just before `at`, one of `gaps` away (and where it starts).
pub(super) fn word_before_one<'t>(
    text: &'t str,
    at: usize,
    gaps: &[char],
) -> Option<(usize, &'t str)> {
    let before = text[..at].strip_suffix(gaps)?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    Some((start, &before[start..]))
}

/// Words that introduce a phone number's extension (`ext. 204`, `x204`,
/// Polish `wew. 204`, French `poste 204`, German `Durchwahl 204`), folded
/// to lower case, without their dot.
const EXTENSIONS: &[&str] = &[
    "ext",
    "extn",
    "extension",
    "x",
    "wew",
    "wewn",
    "poste",
    "dw",
    "durchwahl",
];

/// Where a phone number that starts at `at` starts once a calling code
/// written before it apart from its digits is counted in: `+44 (0)20 7946
/// 0958` (the number matched from its trunk prefix, `(0)20…`), `+44 020…`,
/// `(+44) 020…`, `0049 (0)89…`. A withheld number's calling code goes with
/// it, or the page would read "+44 [phone withheld]". Only a code with its
/// `+` or its `00` (one to three digits, not glued to a word), a `+`
/// written apart (`+ 44 20…`), or an international prefix before the
/// number's own code (`011 44 20…`): other bare digits before a number
/// may be anything.
pub(super) fn calling_code_before(text: &str, at: usize) -> usize {
    let b = text.as_bytes();
    let mut i = at;
    while i > 0 && matches!(b[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    let closed = i > 0 && b[i - 1] == b')';
    if closed {
        i -= 1;
    }
    let digits_end = i;
    while i > 0 && b[i - 1].is_ascii_digit() && digits_end - i < 6 {
        i -= 1;
    }
    let run = &b[i..digits_end];
    let plus = (1..=3).contains(&run.len()) && i > 0 && b[i - 1] == b'+';
    let zeros = (3..=5).contains(&run.len()) && run.starts_with(b"00");
    // The sign apart from the code (`+ 44 20…`), and the international
    // prefixes of North America, Australia and Japan (`011 44 20…`).
    let sign = run.is_empty() && !closed && i < at && i > 0 && b[i - 1] == b'+';
    let exit = matches!(run, b"011" | b"0011" | b"010") && !closed;
    if sign {
        i -= 1;
    }
    if !(plus || zeros || sign || exit) {
        return at;
    }
    if plus {
        i -= 1;
    }
    if closed {
        if i == 0 || b[i - 1] != b'(' {
            return at;
        }
        i -= 1;
    }
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] >= 0x80) {
        return at;
    }
    i
}

/// Where a phone number that ends at `at` ends once an extension written
/// after it (`, ext. 204`, ` (ext 204)`, ` x204`) is counted in: a
/// withheld number's extension goes with it, or the page would read
/// "[phone withheld] (ext 204)".
pub(super) fn extension_after(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let b = rest.as_bytes();
    let mut i = 0;
    if b.get(i) == Some(&b',') {
        i += 1;
    }
    while matches!(b.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    let bracket = b.get(i) == Some(&b'(');
    if bracket {
        i += 1;
    }
    let word_end = i + b[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let word = rest[i..word_end].to_ascii_lowercase();
    if !EXTENSIONS.contains(&word.as_str()) {
        return at;
    }
    i = word_end;
    // `x` only right before its digits (`x204`; "x 2 times" is no
    // extension).
    while word != "x" && matches!(b.get(i), Some(b' ' | b'.' | b':')) {
        i += 1;
    }
    let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=6).contains(&digits) || b.get(i + digits).is_some_and(u8::is_ascii_alphanumeric) {
        return at;
    }
    i += digits;
    if bracket {
        if b.get(i) != Some(&b')') {
            return at;
        }
        i += 1;
    }
    at + i
}

/// `@/…` link targets: paths inside the handbook, never prose. Not their
/// `#fragment`: an anchor like any other (`@/cases/x.yaml#akesson` names
/// the person the heading does, and goes as it does).
///
/// Searched with `memchr`'s vector search: the standard library's search
/// for a three-byte needle went through every text twice at a few
/// instructions a byte (0.65% of a 1,000-page build's instructions).
pub(super) fn protected_ranges(text: &str) -> Vec<Range<usize>> {
    static OPEN: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("(@/"));
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = OPEN.find(&b[from..]) {
        let start = from + p + 1;
        // ASCII bytes, never inside a character.
        let end = memchr::memchr3(b')', b' ', b'\n', &b[start..]).map_or(text.len(), |e| start + e);
        let end = memchr::memchr(b'#', &b[start..end]).map_or(end, |h| start + h);
        out.push(start..end);
        from = end;
    }
    out
}

/// Is offset `at` inside a URL (a link target, an autolink, a bare URL)?
pub(super) fn in_url(text: &str, at: usize) -> bool {
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
pub(super) fn slug_context(text: &str, at: usize) -> bool {
    if in_url(text, at) || in_identifier_attribute(text, at) {
        return true;
    }
    let line = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
    let open = |o: &str, close: char| line.rfind(o).is_some_and(|i| !line[i..].contains(close));
    open("{#", '}') || open("[^", ']')
}

/// Is `at` inside the value of a raw HTML tag's attribute that names
/// rather than says (`id`, `class`, `href`, `src`, `for`, `data-*`…)? A
/// stand-in there is written as a slug: `id="the-executive-director"`, an
/// id that `href="#the-executive-director"` still reaches, not one with
/// spaces in it. (`title` and `alt` are prose: the stand-in reads there.)
fn in_identifier_attribute(text: &str, at: usize) -> bool {
    let from = at.saturating_sub(2048);
    let from = (from..at).find(|&i| text.is_char_boundary(i)).unwrap_or(at);
    let before = &text[from..at];
    let Some(open) = before.rfind('<') else {
        return false;
    };
    if before[open..].contains('>')
        || !before[open + 1..]
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic())
    {
        return false;
    }
    // The attribute whose value `at` is in: the name before the last `=`,
    // its value still open (an odd count of its quotes since).
    let inside = &before[open..];
    let Some(eq) = inside.rfind('=') else {
        return false;
    };
    let value = inside[eq + 1..].trim_start();
    let open_value = match value.chars().next() {
        Some(q @ ('"' | '\'')) => !value[1..].contains(q),
        Some(_) => !value.contains(char::is_whitespace),
        None => false,
    };
    let name = inside[..eq]
        .trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    open_value
        && (matches!(
            name.as_str(),
            "id" | "class"
                | "href"
                | "src"
                | "srcset"
                | "for"
                | "name"
                | "headers"
                | "action"
                | "poster"
                | "cite"
                | "aria-controls"
                | "aria-labelledby"
                | "aria-describedby"
        ) || name.starts_with("data-"))
}

/// Does a sentence start at `at` (so "the" should be "The")?
pub(super) fn sentence_start(text: &str, at: usize) -> bool {
    // A dot glued between a letter or digit and the name
    // (`owner=m.constantinescu`, `team.dana`): an identifier's, not a
    // sentence's end.
    if text[..at]
        .strip_suffix('.')
        .is_some_and(|b| b.ends_with(char::is_alphanumeric))
    {
        return false;
    }
    let mut before = &text[..at];
    loop {
        let trimmed = before.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '*' | '_' | '~' | '`' | '"' | '“' | '„' | '(' | '[')
        });
        // A blank line between: a paragraph starts.
        if before[trimmed.len()..].matches('\n').count() >= 2 {
            return true;
        }
        // A line break left as an escape in pasted text (`years.\nDana`)
        // breaks the line as well as a real one.
        if let Some(e) = ["\\n", "\\r", "\\t"].iter().find(|e| trimmed.ends_with(*e)) {
            before = &trimmed[..trimmed.len() - e.len()];
            continue;
        }
        before = trimmed;
        // An HTML tag right before: an inline one is read through
        // (`Done. <em>Dana`), a block one starts its text
        // (`<summary>Dana`, `</details>Dana`).
        match html_tag_before(before) {
            Some((at, inline)) if inline => before = &before[..at],
            Some(_) => return true,
            None => break,
        }
    }
    match before.chars().next_back() {
        None => true,
        Some('.' | '!' | '?') => true,
        Some('-' | '+' | '>' | '#' | '|' | ':') => {
            let line = before.rsplit('\n').next().unwrap_or(before);
            // Every cell of a table row starts its text, not the first alone.
            let cell = before.ends_with('|') && line.trim_start().starts_with('|');
            line.trim().len() <= 3 || before.ends_with(':') || cell
        }
        Some(_) => false,
    }
}

/// The HTML tag `before` ends with (`<em>`, `</p>`, `<a href="x">`): where
/// it starts, and whether it is an inline element's.
fn html_tag_before(before: &str) -> Option<(usize, bool)> {
    let inner = before.strip_suffix('>')?;
    let lt = inner.rfind('<')?;
    let tag = &inner[lt + 1..];
    if tag.contains(['\n', '<']) {
        return None;
    }
    let name = tag.strip_prefix('/').unwrap_or(tag);
    let end = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    let name = &name[..end];
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    Some((lt, INLINE.iter().any(|t| t.eq_ignore_ascii_case(name))))
}

/// Where the combining marks right after `at` end: a vowel sign or a
/// harakah over a name's last letter (Thai `ดี`, Arabic `محمدٌ`) goes with
/// the name, not left alone before the stand-in's next word.
pub(super) fn marks_after(text: &str, at: usize) -> usize {
    at + text[at..]
        .chars()
        .take_while(|&c| unicode_normalization::char::is_combining_mark(c))
        .map(char::len_utf8)
        .sum::<usize>()
}

/// `inside` without each closing marker run that is followed, across
/// spaces, by the same run opening the next word (`Harbor* *Freight` →
/// `Harbor Freight`).
pub(super) fn between_words_closed(inside: &str) -> std::borrow::Cow<'_, str> {
    let b = inside.as_bytes();
    let marker = |c: u8| matches!(c, b'*' | b'_' | b'~');
    let mut cut: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 1;
    while i < b.len() {
        if !(marker(b[i]) && b[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let run = i..i + b[i..].iter().take_while(|&&c| c == b[i]).count();
        let spaces = b[run.end..].iter().take_while(|&&c| c == b' ').count();
        let next = run.end + spaces..run.end + spaces + run.len();
        if spaces > 0
            && b.get(next.clone()) == Some(&b[run.clone()])
            && b.get(next.end).is_some_and(u8::is_ascii_alphanumeric)
        {
            cut.push(run.clone());
            cut.push(next.clone());
            i = next.end;
        } else {
            i = run.end;
        }
    }
    if cut.is_empty() {
        return std::borrow::Cow::Borrowed(inside);
    }
    let mut out = String::with_capacity(inside.len());
    let mut at = 0;
    for r in cut {
        out.push_str(&inside[at..r.start]);
        at = r.end;
    }
    out.push_str(&inside[at..]);
    std::borrow::Cow::Owned(out)
}

/// Whether `gap` may stand between two parts of one name: spaces, a
/// hyphen alone (a double surname; with spaces around it, it is a dash
/// between two mentions), or a particle of a name between spaces
/// (`Sigrid Ó Briain`: not "the Head of Procurement Ó the Head of
/// Procurement").
pub(super) fn name_gap(gap: &str) -> bool {
    let space = |ch: char| ch == ' ' || ch == '\u{a0}';
    gap == "-"
        || gap == "\u{2010}"
        || gap.chars().all(space)
        || (gap.starts_with(space)
            && gap.ends_with(space)
            && PARTICLES.contains(&fold(gap.trim_matches(space)).as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`protected_ranges`] as it was written with the standard library's
    /// search, which the vector search must agree with.
    fn protected_ranges_by_str(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(p) = text[from..].find("(@/") {
            let start = from + p + 1;
            let end = text[start..]
                .find([')', ' ', '\n', '#'])
                .map_or(text.len(), |e| start + e);
            out.push(start..end);
            from = end;
        }
        out
    }

    #[test]
    fn finds_link_targets_inside_the_handbook() {
        let t = "See [x](@/cases/acme.yaml) and (@/a b) or (@/é\n(@/c.md#harbor)";
        assert_eq!(
            protected_ranges(t)
                .iter()
                .map(|r| &t[r.clone()])
                .collect::<Vec<_>>(),
            ["@/cases/acme.yaml", "@/a", "@/é", "@/c.md"]
        );
    }

    proptest::proptest! {
        #[test]
        fn the_vector_search_finds_what_the_standard_one_does(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "(@/", "(@", "@/", "(", ")", " ", "\n", "a", "é", "/", "@", "#",
            ]), 0..40)
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(protected_ranges(&text), protected_ranges_by_str(&text));
        }
    }
}
