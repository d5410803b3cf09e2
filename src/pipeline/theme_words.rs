//! The words a site holds whatever its content: the theme's templates
//! (their text, class names and inline scripts, not their Tera tags), its
//! interface text, scripts and stylesheets, and the search index's stop
//! words. A name part that is one of them (a contact called Will, Min or
//! Page) is found by the leak gate on pages no record wrote, and fails the
//! build; `exitbook check` names the field so that the author can decide
//! ([`crate::anonymize::report`]).

use std::collections::{HashMap, HashSet};

use crate::anonymize::secrets::fold;
use crate::load::Sources;

/// The theme's words, lower-case and folded, of three letters or more.
/// `assets`: the static files the site publishes (the theme's and the
/// handbook's).
pub(super) fn theme_words(files: &Sources, assets: &[(String, Vec<u8>)]) -> HashSet<String> {
    let mut templates: HashMap<&str, &str> = crate::render::theme::DEFAULT_TEMPLATES
        .iter()
        .copied()
        .collect();
    for (name, text) in files
        .theme_templates
        .iter()
        .chain(&files.template_overrides)
    {
        templates.insert(name, text);
    }
    let mut words = HashSet::new();
    for text in templates.values() {
        add_words(&mut words, &without_tags(text));
    }
    let i18n = crate::render::i18n::BUILT_IN
        .iter()
        .map(|(_, text)| *text)
        .chain(files.theme_i18n.iter().map(|(_, text)| text.as_str()));
    for text in i18n {
        if let Ok(table) = text.parse::<toml::Table>() {
            strings(&toml::Value::Table(table), &mut |s| {
                add_words(&mut words, s)
            });
        }
    }
    let scripts = crate::render::theme::DEFAULT_ASSETS
        .iter()
        .map(|(_, bytes)| *bytes)
        .chain([crate::search::script::SCRIPT.as_bytes()])
        .chain(assets.iter().map(|(_, bytes)| bytes.as_slice()));
    for bytes in scripts {
        if let Ok(text) = std::str::from_utf8(bytes) {
            add_words(&mut words, text);
        }
    }
    // What the search index writes whatever the content: its stop words,
    // fillers and synonyms (`post mortem`).
    let search = crate::search::text::STOP_WORDS
        .iter()
        .chain(crate::search::text::FILLERS)
        .copied()
        .chain(crate::search::synonyms::built_in_words());
    for w in search {
        add_words(&mut words, w);
    }
    words
}

/// Every string value of `v`.
fn strings(v: &toml::Value, f: &mut impl FnMut(&str)) {
    match v {
        toml::Value::String(s) => f(s),
        toml::Value::Array(a) => a.iter().for_each(|v| strings(v, f)),
        toml::Value::Table(t) => t.values().for_each(|v| strings(v, f)),
        _ => {}
    }
}

/// A template's text without its Tera tags (`{{ … }}`, `{% … %}`,
/// `{# … #}`): their names are never published.
fn without_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        let close = match rest.as_bytes().get(at + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                out.push_str(&rest[..=at]);
                rest = &rest[at + 1..];
                continue;
            }
        };
        out.push_str(&rest[..at]);
        out.push(' ');
        rest = match rest[at + 2..].find(close) {
            Some(end) => &rest[at + 2 + end + 2..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// The words of `text` (split at anything but a letter or digit, and at a
/// change from lower to upper case: `pageHeader`), folded.
fn add_words(words: &mut HashSet<String>, text: &str) {
    for run in text.split(|c: char| !c.is_alphanumeric()) {
        let mut start = 0;
        let mut prev_lower = false;
        for (i, c) in run.char_indices() {
            if c.is_uppercase() && prev_lower {
                add(words, &run[start..i]);
                start = i;
            }
            prev_lower = c.is_lowercase();
        }
        add(words, &run[start..]);
    }
}

fn add(words: &mut HashSet<String>, word: &str) {
    if word.chars().count() >= 3 && !word.chars().all(|c| c.is_ascii_digit()) {
        words.insert(fold(word));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_writes_these_words() {
        let words = theme_words(&Sources::default(), &[]);
        // An inline script's `Math`, a class name's `page`, a stop word, a
        // filler, a synonym's word (`post mortem`).
        for w in ["page", "will", "math", "header", "good", "post"] {
            assert!(words.contains(w), "{w}");
        }
    }

    #[test]
    fn tera_tags_go_text_stays() {
        assert_eq!(
            without_tags("<p>{{ t.x }}a{% if y %}b{# c #}</p>{"),
            "<p> a b </p>{"
        );
    }
}
