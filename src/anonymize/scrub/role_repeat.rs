//! A role said twice once a name became it: a team writes the name and
//! the role beside it ("Dana (Operations Director)", "Priya Natarajan, our
//! account owner, called", "our Operations Director contact, Dana
//! Whitfield, approved"); replaced by the role, the name would read "the
//! Operations Director (Operations Director)". The role is said once.

use super::SPACES;

/// The articles and possessives a role may be said with, lower case.
const ARTICLES: [&str; 7] = ["the", "our", "their", "its", "your", "a", "an"];

/// The role a stand-in says, to compare: lower case, without the article
/// or possessive before it ("The Operations Director" → "operations
/// director").
fn bare(role: &str) -> String {
    let lower = role.trim().to_lowercase();
    let mut rest = lower.as_str();
    for article in ARTICLES {
        if let Some(r) = rest.strip_prefix(article).and_then(|r| r.strip_prefix(' ')) {
            rest = r;
            break;
        }
    }
    // (A role written across a line break is the same role.)
    rest.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where the replaced name that ended at `end` ends once the role said
/// again right after it is counted in: in brackets (`(Operations
/// Director)`), or set off by commas (`, our account owner,`: up to the
/// second comma, which goes too; before a full stop, up to it).
pub(super) fn role_repeated_after(text: &str, end: usize, stand_in: &str) -> Option<usize> {
    let role = bare(stand_in);
    if role.is_empty() {
        return None;
    }
    let after = &text[end..];
    let rest = after.trim_start_matches(SPACES);
    let skipped = after.len() - rest.len();
    if let Some(inner) = rest.strip_prefix('(') {
        let close = inner.find(')')?;
        return (bare(&inner[..close]) == role).then(|| end + skipped + 1 + close + 1);
    }
    let inner = after.strip_prefix(", ")?;
    let stop = inner.find([',', '.', ';', '\n', '(', ')'])?;
    if bare(&inner[..stop]) != role {
        return None;
    }
    let at = end + 2 + stop;
    Some(if inner[stop..].starts_with(',') {
        at + 1
    } else {
        at
    })
}

/// Where a replaced name at `start..end` set off by commas begins and
/// ends, with its commas, when the words just before it in its sentence
/// already say its role ("our Operations Director contact, Dana Whitfield,
/// approved" → "our Operations Director contact approved").
pub(super) fn role_named_before(
    text: &str,
    start: usize,
    end: usize,
    stand_in: &str,
) -> Option<(usize, usize)> {
    let role = bare(stand_in);
    if role.is_empty() || !text[end..].starts_with(',') {
        return None;
    }
    let before = text[..start].strip_suffix(", ")?;
    let sentence = before
        .rfind(['.', '!', '?', '\n', ';', ','])
        .map_or(before, |i| &before[i + 1..]);
    let words = bare(sentence);
    let says = words == role
        || words.ends_with(&format!(" {role}"))
        || words.contains(&format!("{role} "))
        || words.starts_with(&format!("{role} "));
    (says && sentence.len() <= 80).then_some((start - 2, end + 1))
}

/// Where a replaced name at `start` that follows its own role directly
/// ("our Executive Director Łukasz said", "the buyer Mohammed Al-Rashid's
/// note") is to be cut from: the spaces after the role, so that the role
/// is said once ("our Executive Director said"). The role's words must end
/// right before those spaces, on a word's edge.
pub(super) fn role_said_before(text: &str, start: usize, stand_in: &str) -> Option<usize> {
    let role = bare(stand_in);
    if role.is_empty() {
        return None;
    }
    let before = &text[..start];
    let words_end = before.trim_end_matches(SPACES).len();
    if words_end == before.len() {
        return None;
    }
    let said = &before[..words_end];
    // "our Head of Procurement contact Øyvind": the role's, too.
    let said = said
        .strip_suffix("contact")
        .filter(|s| s.ends_with(SPACES))
        .map_or(said, |s| s.trim_end_matches(SPACES));
    // As many words back as the role has.
    let mut from = said.len();
    for _ in 0..role.split(' ').count() {
        let word = said[..from].trim_end_matches(SPACES);
        from = word.rfind(SPACES).map_or(0, |i| {
            i + word[i..].chars().next().map_or(1, char::len_utf8)
        });
    }
    let edge = said[..from]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    (edge && bare(&said[from..]) == role).then_some(words_end)
}

/// Where a replaced name at `start` that follows the last words of its
/// role ("Director Łukasz said" for the Executive Director, "our Manager
/// Zoë") is to be replaced from, with those words and an article or
/// possessive before them, so that the whole role stands in their place
/// ("The Executive Director said"), not beside a piece of it ("Director
/// the Executive Director said"). The words must be written as a title
/// (each with a capital), and the word before them must not be another
/// title's ("Sales Director Łukasz" names another role: left alone).
pub(super) fn role_tail_before(text: &str, start: usize, stand_in: &str) -> Option<usize> {
    let role = bare(stand_in);
    let role_words: Vec<&str> = role.split(' ').collect();
    let before = &text[..start];
    let said = before.trim_end_matches(SPACES);
    if said.len() == before.len() {
        return None;
    }
    // The titled words of the role's end right before the name, nearest
    // first (fewer than all of them: the whole role is `role_said_before`'s).
    let mut words_start = said.len();
    let mut cursor = said.len();
    let mut taken = 0;
    while taken + 1 < role_words.len() {
        let rest = &said[..cursor];
        let ws = word_start(rest);
        let word = &rest[ws..];
        if !word.chars().next().is_some_and(char::is_uppercase)
            || word.to_lowercase() != role_words[role_words.len() - 1 - taken]
        {
            break;
        }
        taken += 1;
        words_start = ws;
        let gap = &rest[..ws];
        let back = gap.trim_end_matches(SPACES);
        if back.len() == gap.len() || back.is_empty() {
            break;
        }
        cursor = back.len();
    }
    if taken == 0 {
        return None;
    }
    let head = &said[..words_start];
    let trimmed = head.trim_end_matches(SPACES);
    if trimmed.is_empty() || trimmed.ends_with(['\n', '\r']) {
        return Some(words_start);
    }
    if trimmed.len() == head.len() {
        // Joined to what stands before ("Co-Director", "(Director"): a
        // bracket or a quote is an edge, a hyphen or a letter is not.
        return matches!(
            trimmed.chars().next_back(),
            Some('(' | '"' | '“' | '\'' | '‘')
        )
        .then_some(words_start);
    }
    let ws = word_start(trimmed);
    let word = &trimmed[ws..];
    if ARTICLES.contains(&word.to_lowercase().as_str()) {
        return Some(ws);
    }
    // Another title's word before them ("Sales Director Łukasz"): a role
    // of its own, left alone; a sentence's first word is not one ("Then
    // Director Łukasz").
    let title = word.chars().next().is_some_and(char::is_uppercase)
        && !SENTENCE_WORDS.contains(&word.to_lowercase().as_str());
    (!title).then_some(words_start)
}

/// Words that open a sentence with a capital and are no title's.
const SENTENCE_WORDS: [&str; 24] = [
    "then",
    "when",
    "and",
    "but",
    "so",
    "later",
    "also",
    "after",
    "before",
    "finally",
    "yesterday",
    "today",
    "first",
    "next",
    "meanwhile",
    "however",
    "because",
    "if",
    "once",
    "while",
    "since",
    "until",
    "as",
    "ask",
];

/// Where the last run of letters and digits of `text` starts.
fn word_start(text: &str) -> usize {
    text.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_role_said_again_goes() {
        let after = |t: &str, role: &str| {
            let end = t.find('#').expect("mark");
            let t = t.replace('#', "");
            role_repeated_after(&t, end, role).map(|e| t[e..].to_string())
        };
        let role = "the Operations Director";
        assert_eq!(
            after("X# (Operations Director) ok", role).as_deref(),
            Some(" ok")
        );
        assert_eq!(
            after("X# (the operations director) ok", role).as_deref(),
            Some(" ok")
        );
        assert_eq!(
            after("X#, our Operations Director, called", role).as_deref(),
            Some(" called")
        );
        assert_eq!(
            after("met X#, our Operations Director.", role).as_deref(),
            Some(".")
        );
        assert_eq!(after("X# (the buyer) ok", role), None);
        assert_eq!(after("X#, who leads operations, called", role), None);
        assert_eq!(after("X# (Operations Director ok", role), None);

        let before = |t: &str, role: &str| {
            let start = t.find('#').expect("start");
            let t = t.replacen('#', "", 1);
            let end = t.find('#').expect("end");
            let t = t.replacen('#', "", 1);
            role_named_before(&t, start, end, role).map(|(s, e)| format!("{}{}", &t[..s], &t[e..]))
        };
        assert_eq!(
            before("Our Operations Director contact, #Dana#, approved.", role).as_deref(),
            Some("Our Operations Director contact approved.")
        );
        assert_eq!(before("Our buyer, #Dana#, approved.", role), None);

        let said = |t: &str, role: &str| {
            let start = t.find('#').expect("start");
            let t = t.replacen('#', "", 1);
            role_said_before(&t, start, role).map(|s| t[..s].to_string())
        };
        assert_eq!(
            said("Our Operations Director #Dana said.", role).as_deref(),
            Some("Our Operations Director")
        );
        assert_eq!(
            said("operations  director #Dana", role).as_deref(),
            Some("operations  director")
        );
        assert_eq!(said("Our buyer #Dana said.", role), None);
        assert_eq!(
            said("Our Operations Director contact #Dana said.", role).as_deref(),
            Some("Our Operations Director contact")
        );
        assert_eq!(said("Co-Operations Director#Dana", role), None);
        assert_eq!(said("NonOperations Director #Dana", role), None);
        assert_eq!(
            before("Our Operations Director contact, #Dana# approved.", role),
            None
        );

        let tail = |t: &str, role: &str| {
            let start = t.find('#').expect("start");
            let t = t.replacen('#', "", 1);
            role_tail_before(&t, start, role).map(|s| t[s..].to_string())
        };
        assert_eq!(
            tail("Director #Dana said", role).as_deref(),
            Some("Director Dana said")
        );
        assert_eq!(
            tail("ask our Director #Dana", role).as_deref(),
            Some("our Director Dana")
        );
        assert_eq!(
            tail("Then Director #Dana", role).as_deref(),
            Some("Director Dana")
        );
        assert_eq!(
            tail("(Director #Dana)", role).as_deref(),
            Some("Director Dana)")
        );
        assert_eq!(tail("Sales Director #Dana", role), None);
        assert_eq!(tail("Co-Director #Dana", role), None);
        assert_eq!(tail("director #Dana", role), None);
        assert_eq!(tail("Director#Dana", role), None);
        assert_eq!(tail("Manager #Dana", role), None);
        assert_eq!(tail("Director #Dana", "the CTO"), None);
    }
}
