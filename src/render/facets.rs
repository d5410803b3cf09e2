//! Facets: the ways the case library is filtered and grouped (reason,
//! outcome, who ended it, industry, region, chapter, tag, exit year). Each
//! value a published case has gets a page, `cases/<facet>/<value>/`, as
//! Hugo's and Zola's taxonomies do, so that every badge and tag can link
//! somewhere and the library works without JavaScript.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::anonymize::handbook::Handbook;
use crate::render::cards::CardData;
use crate::render::i18n::I18n;

/// A way of grouping cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Reason,
    Outcome,
    InitiatedBy,
    Industry,
    Region,
    Chapter,
    Tag,
    Year,
}

/// The values of the enum facets, in the order the record's contract lists
/// them (filters and lists show them so).
const REASONS: &[&str] = &[
    "complaint",
    "bad-fit",
    "budget",
    "needs-changed",
    "leadership-change",
    "price",
    "competitor",
    "other",
];
const OUTCOMES: &[&str] = &["exited", "retained", "returned"];
const INITIATORS: &[&str] = &["client", "us", "mutual"];

impl Facet {
    pub const ALL: [Facet; 8] = [
        Facet::Reason,
        Facet::Outcome,
        Facet::InitiatedBy,
        Facet::Industry,
        Facet::Region,
        Facet::Chapter,
        Facet::Tag,
        Facet::Year,
    ];

    /// Its name in URLs, queries and `data-` attributes: `initiated-by`.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Reason => "reason",
            Facet::Outcome => "outcome",
            Facet::InitiatedBy => "initiated-by",
            Facet::Industry => "industry",
            Facet::Region => "region",
            Facet::Chapter => "chapter",
            Facet::Tag => "tag",
            Facet::Year => "year",
        }
    }

    /// The values of an enum facet, in order (`None`: the values are the
    /// handbook's own words, shown as written).
    fn known(self) -> Option<&'static [&'static str]> {
        match self {
            Facet::Reason => Some(REASONS),
            Facet::Outcome => Some(OUTCOMES),
            Facet::InitiatedBy => Some(INITIATORS),
            _ => None,
        }
    }
}

/// One value of a facet and its cases.
#[derive(Debug, Clone)]
pub struct FacetValue {
    pub facet: Facet,
    /// In URLs: the enum value, a slug of the text, the chapter's slug, the year.
    pub value: String,
    /// As the handbook writes it (an enum's label comes from the i18n table).
    pub text: String,
    /// Indices into `Site::cases`, newest first.
    pub cases: Vec<usize>,
}

impl FacetValue {
    /// The label of the value in `lang`, standing on its own (a facet
    /// page's heading, a list of values): `Industrial`, `Done badly`.
    pub fn label<'a>(&'a self, i18n: &'a I18n, lang: &str) -> Cow<'a, str> {
        match self.facet {
            Facet::Reason | Facet::Outcome | Facet::InitiatedBy => {
                Cow::Borrowed(i18n.label(lang, self.facet.name(), &self.value))
            }
            Facet::Industry | Facet::Region => first_upper(Cow::Borrowed(&self.text)),
            Facet::Tag => first_upper(tag_words(&self.text)),
            Facet::Chapter | Facet::Year => Cow::Borrowed(&self.text),
        }
    }
}

/// A tag as words. Records write tags as short keys (`tags:
/// [leadership-change, done-badly]`, spec/exit-record.md): one written
/// with hyphens or underscores and no space reads with spaces
/// (`leadership change`); any other is shown as written.
pub fn tag_words(text: &str) -> Cow<'_, str> {
    if text.contains(char::is_whitespace) || !text.contains(['-', '_']) {
        return Cow::Borrowed(text);
    }
    let words: Vec<&str> = text.split(['-', '_']).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(words.join(" "))
    }
}

/// `text` with its first letter in upper case (the rest as written, so
/// `SaaS` stays `SaaS`).
fn first_upper(text: Cow<'_, str>) -> Cow<'_, str> {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => {
            let mut out: String = c.to_uppercase().collect();
            out.push_str(chars.as_str());
            Cow::Owned(out)
        }
        _ => text,
    }
}

/// Every facet value of the published cases, facet by facet, each in the
/// order lists show it.
#[derive(Debug, Default)]
pub struct Facets {
    pub values: Vec<FacetValue>,
    /// Each value's place in `values`, by facet and value.
    index: HashMap<Facet, HashMap<String, usize, ahash::RandomState>>,
}

impl Facets {
    pub fn build(handbook: &Handbook<'_>, newest: &[usize], cards: &[CardData]) -> Facets {
        // Values in the order first met (newest case first), so that the
        // order of values the sort below ties keeps is the same every run.
        let mut at: HashMap<(Facet, &str), usize, ahash::RandomState> = HashMap::default();
        let mut values: Vec<FacetValue> = Vec::new();
        for &i in newest {
            for (facet, value, text) in values_of(handbook, cards, i) {
                let k = *at.entry((facet, value)).or_insert_with(|| {
                    values.push(FacetValue {
                        facet,
                        value: value.to_string(),
                        text: text.to_string(),
                        cases: Vec::new(),
                    });
                    values.len() - 1
                });
                values[k].cases.push(i);
            }
        }
        // Each value's place worked out once (not once per comparison: a
        // chapter's was a walk through every chapter).
        let chapters = chapter_ranks(handbook);
        values.sort_by_cached_key(|v| {
            let order = match v.facet {
                Facet::Year => Order::Reverse(std::cmp::Reverse(v.value.clone())),
                Facet::Chapter => Order::Rank(
                    chapters
                        .get(v.value.as_str())
                        .copied()
                        .unwrap_or(usize::MAX),
                    String::new(),
                ),
                f => match f.known() {
                    Some(order) => Order::Rank(rank(order, &v.value), v.value.clone()),
                    None => Order::Text(v.text.to_lowercase(), v.value.clone()),
                },
            };
            (v.facet, order)
        });
        let mut index: HashMap<Facet, HashMap<String, usize, ahash::RandomState>> = HashMap::new();
        for (k, v) in values.iter().enumerate() {
            index.entry(v.facet).or_default().insert(v.value.clone(), k);
        }
        Facets { values, index }
    }

    /// The values of `facet`, in order.
    pub fn of(&self, facet: Facet) -> impl Iterator<Item = &FacetValue> {
        self.values.iter().filter(move |v| v.facet == facet)
    }

    pub fn get(&self, facet: Facet, value: &str) -> Option<&FacetValue> {
        self.index
            .get(&facet)
            .and_then(|m| m.get(value))
            .map(|&k| &self.values[k])
    }
}

fn rank(order: &[&str], value: &str) -> usize {
    order
        .iter()
        .position(|v| *v == value)
        .unwrap_or(order.len())
}

/// Where a value stands among its facet's (a sort is stable: a chapter
/// that is no original's keeps its place after the others).
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Order {
    /// The newest year first.
    Reverse(std::cmp::Reverse<String>),
    /// In the contract's order or the handbook's, then by value.
    Rank(usize, String),
    /// The handbook's words, alphabetically, then by value.
    Text(String, String),
}

/// Each original chapter's place, by slug (the first of a slug, as
/// [`Handbook::chapter_by_slug`] finds it).
fn chapter_ranks<'h>(handbook: &'h Handbook<'_>) -> HashMap<&'h str, usize> {
    let mut out = HashMap::with_capacity(handbook.chapter_files.len());
    for (i, c) in handbook.chapter_files.iter().enumerate() {
        if c.lang.is_none() {
            out.entry(c.slug.as_str()).or_insert(i);
        }
    }
    out
}

/// The facet values of case `i`: (facet, value in URLs, text).
pub fn values_of<'a>(
    handbook: &'a Handbook<'_>,
    cards: &'a [CardData],
    i: usize,
) -> Vec<(Facet, &'a str, &'a str)> {
    let c = &handbook.cases[i];
    let card = &cards[i];
    let mut out = vec![
        (Facet::Reason, c.reason.as_str(), c.reason.as_str()),
        (Facet::Outcome, c.outcome.as_str(), c.outcome.as_str()),
        (
            Facet::InitiatedBy,
            c.initiated_by.as_str(),
            c.initiated_by.as_str(),
        ),
    ];
    if let (Some(text), Some(slug)) = (&c.industry, &card.industry) {
        out.push((Facet::Industry, slug.as_str(), text.as_str()));
    }
    if let (Some(text), Some(slug)) = (&c.region, &card.region) {
        out.push((Facet::Region, slug.as_str(), text.as_str()));
    }
    for &k in &c.chapters {
        out.push((
            Facet::Chapter,
            handbook.chapter_files[k].slug.as_str(),
            handbook.chapters[k].title.as_str(),
        ));
    }
    for (text, slug) in c.tags.iter().zip(&card.tags) {
        out.push((Facet::Tag, slug.as_str(), text.as_str()));
    }
    out.push((Facet::Year, card.year.as_str(), card.year.as_str()));
    // A value twice (two tags of one slug) counts the case once.
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    out
}

/// A value of the handbook's own words as it stands in a URL: a slug, or,
/// for a value with no letter or digit, a short hash of it.
pub fn slug(text: &str) -> String {
    let s = crate::text::slugify(text);
    if s.is_empty() {
        format!("x{:08x}", crate::text::hash(text.as_bytes()) as u32)
    } else {
        s
    }
}
