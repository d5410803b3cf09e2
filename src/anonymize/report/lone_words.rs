//! Words of a client's name that the site publishes on their own.
//!
//! An organisation's name is a secret whole, without its legal form, and
//! as every run of its leading words of two words or more: `Harbor
//! Freight` of `Harbor Freight Logistics`, never `Harbor` alone, which is
//! as often an everyday word. On an English site, a word of the name that
//! is no English word is replaced on its own as well
//! ([`crate::anonymize::secrets::FormClass::NameWord`]); on a site in
//! another language, or for a word that may be an everyday one, a
//! distinctive word ("Quenby had shipped with us", a chapter called "What
//! Quenby taught us") is published as it is, and names the client to
//! anyone who knew it. `check` says so, by the word's place in the name
//! (never the word), so that the author can add it to the record's
//! `aliases`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::anonymize::Published;
use crate::anonymize::forms::{COMPANY_WORDS, without_legal_form};
use crate::anonymize::secrets::{FormClass, FormKind, fold};
use crate::diag::Diagnostic;
use crate::model::site::Site;

/// At most this many places are named in a warning.
const PLACES: usize = 3;

/// `known`: words that are no one's name (ordinary words of the
/// handbook and the theme, stand-ins, allowed words), folded.
pub(super) fn lone_name_words(
    site: &Site,
    published: &Published,
    known: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    // Words that are secrets on their own are replaced wherever they stand
    // (not those found only after a title or where a handle is written).
    let single: BTreeSet<&str> = published
        .secrets
        .forms
        .iter()
        .filter(|f| {
            f.kind == FormKind::Words
                && !f.text.contains(' ')
                && !matches!(f.class, FormClass::TitledWord | FormClass::WordHandle)
        })
        .map(|f| f.text.as_str())
        .collect();
    // Each word of each client's name that is neither, nor a word of
    // company names in general: by the word, the cases and where it
    // stands in their client's name.
    let mut words: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    // The distinct names each word is in.
    let mut names: HashMap<String, BTreeSet<String>> = HashMap::new();
    // Drafts' too: a draft's client is as real (a chapter that mentions
    // "Nordlys" names it).
    let records: Vec<_> = site.all_records().collect();
    for (i, case) in records.iter().enumerate() {
        let name = without_legal_form(&case.record.client.name);
        let parts = name.split(|c: char| c.is_whitespace() || c == '-');
        for (k, w) in parts.filter(|w| !w.is_empty()).enumerate() {
            // Read as the published text is read: `D'Angelo` is `Angelo`.
            for piece in w.split(|c: char| !c.is_alphanumeric()) {
                let f = fold(piece);
                if f.chars().count() >= 3
                    && !known(&f)
                    && !single.contains(f.as_str())
                    && !COMPANY_WORDS.contains(&f.as_str())
                {
                    names.entry(f.clone()).or_default().insert(fold(name));
                    words.entry(f).or_default().push((i, k));
                }
            }
        }
    }
    // A word in the names of two clients or more names neither of them
    // (`Logistics`, `Partners`).
    words.retain(|w, _| names.get(w).is_none_or(|n| n.len() < 2));
    if words.is_empty() {
        return Vec::new();
    }
    // Where each stands alone, capitalised, in what is published; and the
    // words it writes in lower case, everyday words (`care`, `hotels`).
    let mut found: BTreeMap<(usize, usize), (String, BTreeSet<String>)> = BTreeMap::new();
    let mut everyday: BTreeSet<String> = BTreeSet::new();
    let mut look = |text: &str, place: &std::path::Path| {
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            let Some(first) = w.chars().next() else {
                continue;
            };
            let f = fold(w);
            if !words.contains_key(&f) {
                continue;
            }
            if first.is_lowercase() {
                everyday.insert(f);
                continue;
            }
            for &o in &words[&f] {
                found
                    .entry(o)
                    .or_insert_with(|| (f.clone(), BTreeSet::new()))
                    .1
                    .insert(place.display().to_string());
            }
        }
    };
    for (case, public) in site.cases.iter().zip(&published.cases) {
        for text in super::public_texts(public) {
            look(text, &case.shown);
        }
    }
    for (chapter, public) in site.chapters.iter().zip(&published.chapters) {
        let meta = [&public.title]
            .into_iter()
            .chain(&public.summary)
            .chain(&public.tags);
        for text in meta.map(String::as_str).chain([public.body.text.as_str()]) {
            look(text, &chapter.shown);
        }
    }
    found.retain(|_, (w, _)| !everyday.contains(w));
    found
        .into_iter()
        .map(|((i, k), (_, places))| {
            let case = &records[i];
            let mut shown: Vec<String> = places.iter().take(PLACES).cloned().collect();
            if places.len() > PLACES {
                shown.push(format!("{} more", places.len() - PLACES));
            }
            Diagnostic::warning(format!(
                "the {} word of `client.name` is published on its own, in {}",
                ordinal(k),
                shown.join(", ")
            ))
            .in_file(&case.shown)
            .help("an organisation's name is replaced whole and as runs of two words or more, not word by word; if that word names the client on its own, add it to the record's `aliases` (it is then replaced wherever it stands); if it is an everyday word, add it to `[anonymize] allow` in site.toml")
        })
        .collect()
}

/// "first", "second"… of word `k` (from 0).
fn ordinal(k: usize) -> String {
    match k {
        0 => "first".into(),
        1 => "second".into(),
        2 => "third".into(),
        3 => "fourth".into(),
        k => format!("{}th", k + 1),
    }
}
