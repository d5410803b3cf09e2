//! Synonyms: the words a new hire types for the words the handbook uses
//! (*customer* for *client*, *quit* for *leave*, *money back* for
//! *refund*), built in for English and Polish and extended by `[search]
//! synonyms` in `site.toml`.
//!
//! The build turns the tables into entries `[key, alternative, …]` and
//! writes each into the term shard whose range holds its key
//! ([`super::format::WordShard::synonyms`]): the browser loads a query
//! word's shard anyway, so synonyms cost a query no request and `meta.js`
//! no byte. A key of several words (`money back`) is in the shard of its
//! first word. Words are folded (lowercase, no accents) and written with
//! their stop words (`get rid`, `let go`); a word ending in `*` stands for
//! the indexed words it begins (`cancel*`: *cancelled*, *cancellation*…),
//! which is how Polish endings are met (`klien*`: *klienta*, *klientem*).
//! Alternatives are the indexed forms only: a synonym that no page uses
//! is left out.

use std::collections::BTreeMap;

use super::postings::{Table, js_cmp};
use super::text;

/// Words that stand for one another, both ways.
type Groups = &'static [&'static [&'static str]];
/// Words (first) that stand for others (second), one way: `end` finds
/// pages about leaving, but a page about leaving is not found for every
/// `end` of the handbook.
type OneWay = &'static [(&'static [&'static str], &'static [&'static str])];

const EN: Groups = &[
    &["client", "customer", "account"],
    &["clients", "customers", "accounts"],
    &[
        "leave",
        "leaves",
        "leaving",
        "quit",
        "quits",
        "quitting",
        "cancel*",
        "churn*",
        "terminate*",
        "termination",
        "walk away",
        "walked away",
    ],
    &[
        "refund*",
        "money back",
        "reimburse*",
        "credit",
        "credits",
        "compensation",
    ],
    &[
        "fire",
        "fired",
        "firing",
        "part ways",
        "parting ways",
        "drop",
        "dropped",
        "let go",
        "get rid",
        "break up",
        "breakup",
        "breakups",
    ],
    &[
        "complain*",
        "unhappy",
        "angry",
        "upset",
        "dissatisfied",
        "frustrated",
        "furious",
        "disappointed",
    ],
    &[
        "postmortem*",
        "post mortem",
        "retrospective*",
        "retro",
        "retros",
        "lessons learned",
        "debrief*",
    ],
    &["apolog*", "sorry"],
    &["discount*", "rebate*", "concession*"],
    &["competitor*", "rival*", "another agency"],
    &["bad fit", "poor fit", "wrong fit", "mismatch", "misfit"],
    &[
        "budget cut",
        "budget cuts",
        "budget freeze",
        "cost cutting",
        "cutbacks",
    ],
    &["mistake*", "error*", "blunder*", "screw up"],
    &["late", "delay*", "overdue", "missed deadline"],
    &["follow up", "check in"],
    &["downgrade*", "scale down", "smaller plan"],
    &["contract*", "agreement*", "retainer*"],
];

const EN_ONE_WAY: OneWay = &[
    (
        &["end", "ended", "ends", "ending"],
        &["leave", "cancel*", "churn*", "terminate*"],
    ),
    (&["lose", "lost", "losing"], &["churn*", "leave"]),
    (
        &["mad", "livid", "pissed"],
        &["unhappy", "angry", "complain*"],
    ),
];

/// Folded: no Polish letters (`odejście` is `odejscie`).
const PL: Groups = &[
    &["klien*", "odbiorc*", "zleceniodawc*"],
    &[
        "odejsc*",
        "odejdz*",
        "odchodz*",
        "odszed*",
        "odesz*",
        "rezygn*",
        "zrezygn*",
        "wypowiedz*",
        "rozsta*",
        "zerwa*",
        "zakonczenie wspolpracy",
        "zakonczyc wspolprace",
        "pozbyc sie",
    ],
    &[
        "zwrot*",
        "zwroc*",
        "refundac*",
        "rekompensat*",
        "oddac pieniadze",
    ],
    &[
        "reklamac*",
        "skarg*",
        "niezadowol*",
        "zly",
        "zla",
        "wsciek*",
        "zdenerwowan*",
    ],
    &[
        "analiz*",
        "postmortem*",
        "retrospektyw*",
        "wnios*",
        "lekcj*",
    ],
    &["przeprosi*", "przeprasza*"],
    &["rabat*", "znizk*", "upust*"],
    &["umow*", "kontrakt*"],
    &["blad*", "bled*", "pomyl*"],
];

/// Every word of the built-in tables, as written there (the index
/// publishes them: `check` tells an author whose name is one of them).
pub fn built_in_words() -> impl Iterator<Item = &'static str> {
    ["en", "pl"]
        .into_iter()
        .flat_map(builtin)
        .flat_map(|(keys, alts)| keys.iter().chain(alts.iter()))
        .flat_map(|entry| entry.split([' ', '-', '*']))
        .filter(|w| !w.is_empty())
}

/// The built-in table of a language: (keys, alternatives) of every entry.
fn builtin(lang: &str) -> Vec<(&'static [&'static str], &'static [&'static str])> {
    let (groups, one_way): (Groups, OneWay) = match lang {
        "en" => (EN, EN_ONE_WAY),
        "pl" => (PL, &[]),
        _ => (&[], &[]),
    };
    groups
        .iter()
        .map(|g| (*g, *g))
        .chain(one_way.iter().copied())
        .collect()
}

/// At most this many indexed words for a word ending in `*`, the most
/// common first: enough for a word's forms, not for every word it begins.
const FORMS: usize = 8;

/// The synonym entries of an index: the built-in tables of `languages` and
/// `extra` (`site.toml`'s `[search] synonyms`, one way), as `[key,
/// alternative…]`, sorted by key as JavaScript sorts; each alternative an
/// indexed word, or a phrase whose every pair of words is indexed
/// (`pairs`).
pub(super) fn entries(
    languages: &[&str],
    extra: &BTreeMap<String, Vec<String>>,
    words: &Table,
    pairs: &Table,
) -> Vec<Vec<String>> {
    // (keys, alternatives).
    let mut table: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    let fold = |w: &str| {
        let star = w.ends_with('*');
        let mut f = text::words(w).collect::<Vec<_>>().join(" ");
        if star && !f.is_empty() {
            f.push('*');
        }
        f
    };
    for lang in languages {
        for (keys, alts) in builtin(lang) {
            table.push((
                keys.iter().map(|k| k.to_string()).collect(),
                alts.iter().map(|a| a.to_string()).collect(),
            ));
        }
    }
    for (key, alts) in extra {
        table.push((vec![fold(key)], alts.iter().map(|a| fold(a)).collect()));
    }
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (keys, alts) in &table {
        // Each alternative as what the index has of it.
        let found: Vec<(&String, Vec<String>)> =
            alts.iter().map(|a| (a, indexed(a, words, pairs))).collect();
        for key in keys {
            let forms = key_forms(key, words);
            for form in forms {
                let list = out.entry(form.clone()).or_default();
                // The key's own word (a group lists it too) only as its
                // other forms (`cancel`: `cancelled`, `cancellation`).
                for alt in found.iter().map(|f| &f.1) {
                    for a in alt {
                        if *a != form && !list.contains(a) {
                            list.push(a.clone());
                        }
                    }
                }
            }
        }
    }
    let mut entries: Vec<Vec<String>> = out
        .into_iter()
        .filter(|(k, alts)| !alts.is_empty() && !k.is_empty() && !k.contains('*'))
        .map(|(k, alts)| {
            let mut e = vec![k];
            e.extend(alts);
            e
        })
        .collect();
    entries.sort_by(|a, b| js_cmp(&a[0], &b[0]));
    entries
}

/// The keys a table word stands for: itself, or for `stem*`, the stem and
/// the indexed words it begins.
fn key_forms(key: &str, words: &Table) -> Vec<String> {
    match key.strip_suffix('*') {
        Some(stem) => {
            let mut forms = vec![stem.to_string()];
            forms.extend(begun_by(stem, words, usize::MAX));
            forms
        }
        None => vec![key.to_string()],
    }
}

/// The indexed words `stem` begins, the most common first (`limit` of
/// them).
fn begun_by(stem: &str, words: &Table, limit: usize) -> Vec<String> {
    let from = words
        .sorted
        .partition_point(|&t| js_cmp(words.name(t), stem).is_lt());
    let mut found: Vec<(usize, &str)> = words.sorted[from..]
        .iter()
        .map(|&t| (words.get(t).docs.len(), words.name(t)))
        .take_while(|t| t.1.starts_with(stem))
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    found
        .into_iter()
        .take(limit)
        .map(|(_, t)| t.to_string())
        .collect()
}

/// What the index has of an alternative: the word, its forms (`stem*`),
/// or the phrase if all its pairs are indexed; nothing if no page has it.
fn indexed(alt: &str, words: &Table, pairs: &Table) -> Vec<String> {
    if let Some(stem) = alt.strip_suffix('*') {
        return begun_by(stem, words, FORMS);
    }
    let parts: Vec<&str> = alt.split(' ').collect();
    let found = if parts.len() == 1 {
        words.find(alt).is_some()
    } else {
        parts
            .windows(2)
            .all(|w| pairs.find_pair(words, w[0], w[1]).is_some())
    };
    if found {
        vec![alt.to_string()]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_are_folded_and_free_of_stop_words_at_the_start() {
        for lang in ["en", "pl"] {
            for (keys, alts) in builtin(lang) {
                for w in keys.iter().chain(alts.iter()) {
                    let plain = w.trim_end_matches('*');
                    let folded: Vec<String> = text::words(plain).collect();
                    assert_eq!(folded.join(" "), plain, "{w} is written folded");
                    assert!(
                        !text::is_stop_word(&folded[0]),
                        "{w} starts with a stop word: the browser would not find its entry"
                    );
                }
            }
        }
    }
}
