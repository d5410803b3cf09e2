//! What `exitbook check` tells an author about privacy, beyond errors:
//!
//! - the privacy report: what k-anonymity coarsened for which case, and
//!   the cases it could not hide in a group of `min_group` (anyone who knew
//!   the client could pick the case out);
//! - name parts that are also ordinary words of the handbook (a surname such
//!   as "Price" would replace every "price" in the chapters);
//! - undeclared names: capitalised words in records' text that are neither
//!   secrets, nor allowed, nor ordinary words of the handbook;
//! - a word of a client's name published on its own ([`lone_words`]);
//! - drafts whose names are protected, and clients read as persons (each
//!   part of the name a secret), as notes.
//!
//! The last three, and a `min_group` not reached, are warnings: the author
//! decides.

use std::collections::{BTreeSet, HashSet};

use crate::anonymize::secrets::{FormClass, FormKind, SecretSet, fold, inflects};
use crate::anonymize::{Published, pseudonym, words};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::site::Site;

mod lone_words;

/// `theme_words`: the words the site holds whatever its content (the
/// theme's and the search index's own), folded.
pub fn report(
    config: &Config,
    config_shown: &std::path::Path,
    site: &Site,
    published: &Published,
    theme_words: &HashSet<String>,
) -> Diagnostics {
    let mut d = Diagnostics::default();
    d.extend(privacy_groups(config, config_shown, site, published));
    let words = handbook_words(site);
    d.extend(colliding_parts(config_shown, &published.secrets, &words));
    d.extend(theme_parts(
        config_shown,
        &published.secrets,
        &words,
        theme_words,
        inflects(&config.language),
    ));
    if inflects(&config.language) {
        d.extend(colliding_inflections(
            config_shown,
            &published.secrets,
            &words,
        ));
    }
    // Words that name no one: allowed, or ordinary (ours, and the
    // stand-ins' words).
    let allow: HashSet<String> = config.anonymize.allow.iter().map(|a| fold(a)).collect();
    let mut ordinary: HashSet<String> = ORDINARY.iter().map(|w| (*w).to_string()).collect();
    ordinary.extend(stand_in_words());
    d.extend(undeclared_names(site, published, &words, &allow, &ordinary));
    let known = |w: &str| {
        ordinary.contains(w) || words.contains(w) || theme_words.contains(w) || allow.contains(w)
    };
    d.extend(lone_words::lone_name_words(site, published, &known));
    d.extend(drafts_protected(site, &published.secrets));
    d.extend(clients_read_as_persons(&published.secrets));
    d
}

/// A client whose name was read as a person's (a sole trader's, a
/// practice named for its owner, a firm's partners: `crate::anonymize::
/// forms`): `check` says so, by file and field, never the value, so that
/// an author who sees a word replaced wherever it stands knows why.
fn clients_read_as_persons(secrets: &SecretSet) -> Vec<Diagnostic> {
    let read: BTreeSet<(&str, &str)> = secrets
        .origins
        .iter()
        .filter(|o| o.person)
        .map(|o| (o.file.as_str(), o.field.as_str()))
        .collect();
    read.into_iter()
        .map(|(file, field)| {
            Diagnostic::note(format!(
                "`{field}` is read as a person's name (a sole trader, a practice named for its owner, or the partners a firm is named after): each part of it is protected on its own, as a contact's is"
            ))
            .in_file(file)
            .help("a part that is also a word of the handbook is replaced wherever it stands (`check` warns where); list such a word in `[anonymize] allow` to keep it (the full name is still replaced)")
        })
        .collect()
}

/// Drafts are not published, but their clients are real: `check` says that
/// their names are protected all the same (by file and field, never the
/// value).
fn drafts_protected(site: &Site, secrets: &SecretSet) -> Vec<Diagnostic> {
    let first = site.cases.len();
    let mut out = Vec::new();
    for (di, case) in site.draft_cases.iter().enumerate() {
        let mut fields: Vec<&str> = secrets
            .origins
            .iter()
            .filter(|o| o.case == Some(first + di))
            .map(|o| o.field.as_str())
            .collect();
        fields.dedup();
        if fields.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::note(format!(
                "this draft is not published, and its names are protected: {}",
                fields.join(", ")
            ))
            .in_file(&case.shown)
            .help("a draft's client is still real: every chapter and case is scrubbed of these values, and a build that would publish one fails"),
        );
    }
    out
}

/// What k-anonymity coarsened, per case, and whether `min_group` was
/// reached ([`crate::anonymize::kanon::report`]).
fn privacy_groups(
    config: &Config,
    config_shown: &std::path::Path,
    site: &Site,
    published: &Published,
) -> Vec<Diagnostic> {
    let cases: Vec<&crate::anonymize::PublicCase> = published.cases.iter().map(|c| &**c).collect();
    crate::anonymize::kanon::report::diagnostics(
        config,
        config_shown,
        site,
        &cases,
        &published.generalisation,
    )
}

/// Every lowercase word of the chapters' text: the handbook's own words.
/// Not the pieces of a link's address, an email address or a footnote's
/// label (`grossmann` of `https://grossmann-soehne.de/…`, `gsm` of
/// `[^gsm]`): they are no word the handbook uses, and the client's
/// domain would make its name an everyday word.
fn handbook_words(site: &Site) -> HashSet<String> {
    let mut words = HashSet::new();
    for c in &site.chapters {
        let prose = c.body.split_whitespace().filter(|t| {
            !["://", "www.", "@", "](", "[^", "/"]
                .iter()
                .any(|m| t.contains(m))
        });
        for t in prose {
            for w in t.split(|ch: char| !ch.is_alphanumeric()) {
                if w.len() >= 3 && w.chars().next().is_some_and(char::is_lowercase) {
                    words.insert(fold(w));
                }
            }
        }
    }
    words
}

/// Single-word secret forms (name parts) that the chapters use as words.
fn colliding_parts(
    config_shown: &std::path::Path,
    secrets: &SecretSet,
    words: &HashSet<String>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for f in &secrets.forms {
        // (Initials count only in upper case: a chapter's lower-case word
        // stays; a word of a client's name only after a title.)
        if f.kind != FormKind::Words
            || f.class == FormClass::Initials
            || f.class == FormClass::TitledWord
            || f.text.contains([' ', '.', '@'])
            || !words.contains(&f.text)
        {
            continue;
        }
        let o = &secrets.origins[f.origin];
        out.push(
            Diagnostic::warning(format!(
                "`{}` of {} is also a word in the chapters: every \"{}\" in the site will be replaced",
                o.field, o.file, f.text
            ))
            .in_file(config_shown)
            // The word stays out of the help: a quoted value with a
            // secret in it is masked whole, and the help would lose the
            // key the word goes to with it.
            .help(
                "if the word should stay, add it to `[anonymize] allow` in site.toml, as the record writes it (the full name is still replaced)",
            ),
        );
    }
    out
}

/// Name parts that the theme writes as words (a contact called Will: the
/// search index's stop words; Page: a class name): the leak gate finds them
/// on pages no record wrote and fails the build. One warning per field
/// (the word is masked in every message anyway); parts the chapters use
/// too are [`colliding_parts`]' to report.
fn theme_parts(
    config_shown: &std::path::Path,
    secrets: &SecretSet,
    chapter_words: &HashSet<String>,
    theme_words: &HashSet<String>,
    inflect: bool,
) -> Vec<Diagnostic> {
    let origins = |f: &crate::anonymize::secrets::Form| {
        std::iter::once(f.origin)
            .chain(f.alts.iter().map(|a| a.0))
            .collect::<Vec<_>>()
    };
    let mut fields: BTreeSet<usize> = secrets
        .forms
        .iter()
        .filter(|f| {
            f.kind == FormKind::Words
                && !f.class.stem_only()
                && f.class != FormClass::TitledWord
                && !f.text.contains([' ', '.', '@'])
                && theme_words.contains(&f.text)
                && !chapter_words.contains(&f.text)
        })
        .flat_map(origins)
        .collect();
    // On a site whose language inflects names, a theme's word may read as
    // a part's stem and an ending (`Polski` of Pola: `pol` + `ski`).
    if inflect {
        // (As if capitalised: the theme's words are folded here, and a
        // three-letter stem counts capitalised, `Polski` of Pola.)
        for w in theme_words {
            if let Some(i) = secrets.inflected_form(w, true)
                && !chapter_words.contains(w)
            {
                fields.extend(origins(&secrets.forms[i]));
            }
        }
    }
    fields
        .into_iter()
        .map(|o| {
            let o = &secrets.origins[o];
            Diagnostic::warning(format!(
                "`{}` of {}: a part of it (or, where names are inflected, a part's stem and an ending) is also a word the theme writes (in its templates, scripts, interface text or the search index's own words): a build fails wherever the theme writes it",
                o.field, o.file
            ))
            .in_file(config_shown)
            .help("if that part is harmless as a word, add it, as the record writes it, to `[anonymize] allow` (the full name is still replaced); or override the template that writes the word")
        })
        .collect()
}

/// On a site whose language inflects names, the chapters' words that read
/// as an inflected form of a name part (its stem and an ending of up to
/// four letters: English "matters" of a given name "Matteo"): each would
/// be replaced, so the author decides.
fn colliding_inflections(
    config_shown: &std::path::Path,
    secrets: &SecretSet,
    words: &HashSet<String>,
) -> Vec<Diagnostic> {
    // A form, not the word: every message is masked with the secret set,
    // and the word is an inflected form of a secret. The scrubber's own
    // reading decides (the chapters' words here are lower-case).
    // (A word that is the part itself is `colliding_parts`' to report.)
    let found: BTreeSet<usize> = words
        .iter()
        .filter_map(|w| {
            secrets
                .inflected_form(w, false)
                .filter(|&i| secrets.forms[i].text != *w)
        })
        .collect();
    found
        .into_iter()
        .map(|i| {
            let o = &secrets.origins[secrets.forms[i].origin];
            Diagnostic::warning(format!(
                "`{}` of {}: a word of the chapters reads as an inflected form of a part of it, and will be replaced wherever it stands",
                o.field, o.file
            ))
            .in_file(config_shown)
            .help("the site's language inflects names, so a name part of four letters or more (less a final vowel) with an ending of up to four letters counts as the name, even in an ordinary word of another language; find the word in the chapters, and if it should stay, add the name part, as the record writes it, to `[anonymize] allow` (the full name is still replaced)")
        })
        .collect()
}

/// Words that start sentences or name things everyone names.
const ORDINARY: &[&str] = &[
    "i",
    "a",
    "an",
    "the",
    "we",
    "our",
    "they",
    "she",
    "he",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "their",
    "his",
    "her",
    "you",
    "your",
    "my",
    "me",
    "us",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "ok",
    "okay",
    "yes",
    "no",
    "not",
    "and",
    "but",
    "or",
    "so",
    "then",
    "when",
    "after",
    "before",
    "if",
    "ceo",
    "cfo",
    "coo",
    "cto",
    "vp",
    "hr",
    "it",
    "pm",
    "qa",
    "ux",
    "ui",
    "pdf",
    "csv",
    "email",
    "crm",
    "api",
    "faq",
    "sla",
    "nda",
    "q1",
    "q2",
    "q3",
    "q4",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "usd",
    "eur",
    "gbp",
    "pln",
    "christmas",
    "easter",
    "new",
    "year",
    "eve",
    // Nationalities and languages: they name no one ("the Finnish office").
    "english",
    "british",
    "irish",
    "scottish",
    "welsh",
    "american",
    "canadian",
    "mexican",
    "brazilian",
    "argentinian",
    "french",
    "german",
    "dutch",
    "belgian",
    "swiss",
    "austrian",
    "italian",
    "spanish",
    "portuguese",
    "polish",
    "czech",
    "slovak",
    "hungarian",
    "romanian",
    "bulgarian",
    "greek",
    "turkish",
    "croatian",
    "serbian",
    "slovenian",
    "ukrainian",
    "russian",
    "lithuanian",
    "latvian",
    "estonian",
    "finnish",
    "swedish",
    "norwegian",
    "danish",
    "icelandic",
    "nordic",
    "scandinavian",
    "baltic",
    "european",
    "african",
    "asian",
    "arabic",
    "hebrew",
    "chinese",
    "japanese",
    "korean",
    "indian",
    "australian",
];

/// Capitalised words and phrases left in records' text after scrubbing,
/// that nothing accounts for (a third party, a city, a product code).
fn undeclared_names(
    site: &Site,
    published: &Published,
    words: &HashSet<String>,
    allow: &HashSet<String>,
    ordinary: &HashSet<String>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, case) in site.cases.iter().enumerate() {
        let public = &published.cases[i];
        // Words the record itself uses in lowercase are ordinary too, and so
        // are the words of its roles and published fields.
        let mut own: HashSet<String> = case
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .map(fold)
            .collect();
        for field in public
            .roles
            .iter()
            .chain(public.industry.iter())
            .chain(public.region.iter())
            .chain(public.service.iter())
        {
            own.extend(field.split(|c: char| !c.is_alphanumeric()).map(fold));
        }
        let known = |w: &str| {
            ordinary.contains(w) || words.contains(w) || own.contains(w) || allow.contains(w)
        };
        let mut names: BTreeSet<String> = BTreeSet::new();
        for text in public_texts(public) {
            for phrase in capitalised_phrases(text) {
                let f = fold(&phrase);
                if allow.contains(&f)
                    || f.split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .all(known)
                {
                    continue;
                }
                names.insert(phrase);
            }
        }
        if !names.is_empty() {
            let list: Vec<String> = names.into_iter().map(|n| format!("\"{n}\"")).collect();
            out.push(
                Diagnostic::warning(format!(
                    "undeclared names in the record's text: {}",
                    list.join(", ")
                ))
                .in_file(&case.shown)
                .help("if one names a person, a company, a place or a project that could identify the client, add it to the record's `sensitive:` list; if it is harmless, add it to `[anonymize] allow` in site.toml"),
            );
        }
    }
    out
}

/// The words of the stand-ins the scrubber writes (pseudonyms, masks),
/// folded: ours, not names.
fn stand_in_words() -> HashSet<String> {
    pseudonym::ADJECTIVES
        .iter()
        .chain(pseudonym::NOUNS)
        .chain(&["Withheld"])
        .chain(
            words::ALL
                .iter()
                .flat_map(|w| [&w.client_prefix, &w.contact_prefix]),
        )
        .map(|w| fold(w))
        .collect()
}

/// Every text of a case as it will be published (already scrubbed).
pub(super) fn public_texts(c: &crate::anonymize::PublicCase) -> Vec<&str> {
    let s = &c.story;
    let mut out: Vec<&str> = vec![c.title.as_str()];
    let singles = [
        &s.trigger,
        &s.summary,
        &s.what_happened,
        &s.what_we_could_have_done_differently,
        &s.what_they_need_to_feel_complete,
        &s.asked_for,
        &s.offered,
        &s.final_straw,
        &s.notes,
    ];
    out.extend(singles.into_iter().flatten().map(String::as_str));
    out.extend(s.root_causes.iter().chain(&s.lessons).map(String::as_str));
    out.extend(c.timeline.iter().filter_map(|e| e.note.as_deref()));
    out.extend(c.actions.iter().map(|a| a.action.as_str()));
    out.extend(c.tags.iter().map(String::as_str));
    out
}

/// `line` with the markup of its raw HTML tags (`<abbr title="…">`) as
/// breaks between phrases, their attribute values kept: no phrase is read
/// across a tag ("TFL" of `<abbr title="…">TFL</abbr>`, not `Lead">TFL</abbr`).
fn tags_apart(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut inside = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let opens = c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/');
        if opens || inside && (c == '>' || c == '"' || c == '\'' || c == '=') {
            inside = opens || c != '>';
            out.push_str(" < ");
        } else {
            out.push(c);
        }
    }
    out
}

/// Runs of capitalised words that do not start a sentence ("AutoMatrix
/// Expo", "Pier 9"), and capitalised words inside a sentence.
fn capitalised_phrases(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // A phrase never crosses a line, and every line (a heading, a list
    // item, a new paragraph) starts a sentence.
    for line in text.lines() {
        let line = tags_apart(line);
        let mut current: Vec<&str> = Vec::new();
        let mut sentence_start = true;
        for token in line.split_whitespace() {
            let word = token.trim_matches(|c: char| !c.is_alphanumeric());
            // "I'm", "Dana's": the word before the apostrophe.
            let word = word.split(['\'', '’']).next().unwrap_or(word);
            let starts_cap = word.chars().next().is_some_and(char::is_uppercase);
            let plain_word = !word.chars().any(|c| c.is_ascii_digit() || c == '$');
            if word.is_empty() {
                // Markdown markers (`#`, `-`, `>`, `1.`) keep the sentence
                // start, and a table cell starts one.
                if !current.is_empty() {
                    out.push(current.join(" "));
                    current.clear();
                }
                sentence_start |= token.contains('|');
                continue;
            }
            if starts_cap
                && plain_word
                && !sentence_start
                && word.chars().count() > 1
                && !token.contains("](")
            {
                current.push(word);
            } else if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
            // `**Note:**`, `(see below.)`: the sentence ends inside markup.
            let end = token.trim_end_matches(['*', '_', '`', '"', '\'', '”', '’', ')', ']']);
            sentence_start = end.ends_with(['.', '!', '?', ':']);
            if token.ends_with([',', ';', ')', '"', '.', '!', '?', ':']) && !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        }
        if !current.is_empty() {
            out.push(current.join(" "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_never_cross_lines() {
        assert_eq!(
            capitalised_phrases("## Situation\n\nThe client left.\n- Met Marguerite Okonkwo"),
            vec!["Marguerite Okonkwo"]
        );
        assert_eq!(
            capitalised_phrases("| Stage | Owner | Target |"),
            Vec::<String>::new()
        );
        assert_eq!(
            capitalised_phrases("> **Note:** Ticket 4 (see below.) Then"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn phrases() {
        assert_eq!(
            capitalised_phrases("We met at AutoMatrix Expo, then Pier 9. Then the VP left."),
            vec!["AutoMatrix Expo", "Pier", "VP"]
        );
    }

    #[test]
    fn phrases_never_cross_a_tag() {
        assert_eq!(
            capitalised_phrases(
                "See the <abbr title=\"Operations Lead\">TFL</abbr> notes and <b>Pier 9</b>."
            ),
            vec!["Operations Lead", "TFL", "Pier"]
        );
    }
}
