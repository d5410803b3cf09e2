//! The search index: built once at `build` time from what the site
//! publishes, read by `assets/search.js` in the reader's browser.
//!
//! A document is a chapter section (the text under one heading, linked by
//! its anchor) or a case. Each document's words get a BM25F weight at build
//! time — field weights (title > headings > keywords > facts > body) and
//! length normalisation against a fixed reference length per field, so that
//! a page's weights depend on that page alone — quantised to a level
//! 1..=[`LEVELS`]. The browser multiplies by the term's IDF (from its
//! document frequency and the document count) and sums.
//!
//! Files, all under `search/` (their format: [`format`](mod@format), where each kind
//! of file is a type, and `themes/default/static/assets/search/format.js`,
//! which `search.js` reads them by):
//!
//! - `meta.js`: counts, where every term shard starts and its name, the
//!   number of pair buckets, the name of every chapters' text file, the
//!   filters;
//! - `t/NAME.js`: a range of terms (sorted) with their postings, grouped by
//!   weight level, and the synonyms of the range ([`synonyms`]);
//! - `y/B.js`: the pairs of neighbouring words (`leave the`, `the door`:
//!   stop words too; no word with a digit) of hash bucket `B` ([`shards`]),
//!   each with the documents that have it. A quoted phrase is where all its
//!   pairs are: it loads the documents where its words meet, which are few
//!   even when each word is everywhere, and a phrase of small words (`"as
//!   soon as you can"`) is found as written;
//! - `v/AB.js`: the terms with letters `A` and `B` first and second, second
//!   and third, or first and third, with their document frequencies, for
//!   typo tolerance only (see [`vocabulary`]);
//! - `d/NAME.js`: what chapter results show: the text of a few sections
//!   (for the snippet) and their pages (title, link, the headings of their
//!   sections), a few KB each, loaded only for the results shown;
//! - `c/K.js`: what case `K`'s result shows: its link, title, date, badges
//!   (reason and outcome), lede and story ([`texts`]);
//! - `f/NAME-K.js`: the cases having value K of filter NAME.
//!
//! A first query thus loads `meta.js`, a term shard or two per word (and a
//! pair bucket per pair of a phrase's words) and one small `d/` or `c/`
//! file per result it shows, whatever the size of the handbook.
//!
//! Every file is cut by content ([`cut`]) and rebuilt only when what it
//! holds changed ([`Builder`]), so that an edit in `serve` rewrites the
//! shards of the words it touched and the text file of its page.
//!
//! Dependencies: a `d/` or `c/` file depends on the pages whose text it
//! holds (and on the lists of chapters and cases, which number them); every other file
//! holds words, counts or filter values that any page can change, so it
//! depends on [`Dep::AllContent`].

mod analyse;
mod builder;
mod cut;
mod filters;
pub mod format;
mod json;
mod names;
mod postings;
pub mod script;
mod shards;
pub mod synonyms;
pub mod text;
mod texts;
pub mod vocabulary;

use std::sync::Arc;

use serde::Serialize;

use crate::output::{Dep, OutputFile};
use crate::text::Fingerprint;
use analyse::section_key;
pub use builder::{Builder, build};

/// Weight levels of a posting.
pub const LEVELS: f32 = 31.0;
/// BM25 term-frequency saturation.
pub const K1: f32 = 1.2;

/// Where a piece of a document's text comes from; decides its weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title = 0,
    Heading,
    /// Tags.
    Keywords,
    /// Short published values: a case's reason, outcome, industry, roles…
    Facts,
    Body,
    /// A case's narrative: long, and about one client, so it weighs less
    /// than the playbook's own text for a how-to question.
    Story,
}

impl Field {
    const ALL: [Field; 6] = [
        Field::Title,
        Field::Heading,
        Field::Keywords,
        Field::Facts,
        Field::Body,
        Field::Story,
    ];

    /// (weight, length normalisation `b`, reference length in words).
    fn params(self) -> (f32, f32, f32) {
        match self {
            Field::Title => (6.0, 0.3, 6.0),
            Field::Heading => (4.0, 0.3, 4.0),
            Field::Keywords => (3.0, 0.3, 4.0),
            Field::Facts => (0.8, 0.5, 24.0),
            Field::Body => (1.0, 0.75, 120.0),
            Field::Story => (0.5, 0.75, 400.0),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Chapter,
    Case,
}

/// One page of the site, as search sees it.
#[derive(Debug, Clone)]
pub struct Page<'a> {
    pub kind: Kind,
    /// The page's link from the site root (`chapters/x/index.html`).
    pub href: String,
    pub title: String,
    pub lang: Option<String>,
    /// A case's exit date, as published (shown with its title).
    pub date: Option<String>,
    pub sections: Vec<Section<'a>>,
    /// Filter values: (filter name, value, label).
    pub facets: Vec<(&'static str, String, String)>,
    /// What the page's text was made from.
    pub deps: Vec<Dep>,
    /// Hashes of the page, made when first needed: a page kept from one
    /// build to the next (a case's) is hashed once.
    pub hashes: Hashes,
}

/// See [`Page::hashes`].
#[derive(Debug, Clone, Default)]
pub struct Hashes {
    /// Of each section's fields: what decides its terms.
    sections: std::sync::OnceLock<Vec<u128>>,
    /// Of everything a text file (`d/`) writes of the page.
    text: std::sync::OnceLock<u128>,
    /// Of its facets (what the filters are made from).
    facets: std::sync::OnceLock<u128>,
}

impl Page<'_> {
    fn facets_key(&self) -> u128 {
        *self.hashes.facets.get_or_init(|| {
            let mut key = Fingerprint::default();
            key.u128(self.facets.len() as u128);
            for (name, value, label) in &self.facets {
                key.str(name).str(value).str(label);
            }
            key.finish()
        })
    }

    fn section_keys(&self) -> &[u128] {
        self.hashes
            .sections
            .get_or_init(|| self.sections.iter().map(section_key).collect())
    }
}

/// One document: a chapter section, or a whole case.
#[derive(Debug, Clone, Default)]
pub struct Section<'a> {
    /// The heading id to link to; `None` for the top of the page.
    pub anchor: Option<String>,
    pub heading: String,
    /// What is indexed, with the weight of where it comes from.
    pub fields: Vec<(Field, Piece<'a>)>,
    /// What a result shows, with the matched words highlighted.
    pub text: Piece<'a>,
}

/// A piece of a page's text: borrowed, owned, or shared by the sections
/// and fields that hold it (a chapter's title is a field of each of its
/// sections, a section's text is both indexed and shown: copied, they
/// were twice a handbook's chapters).
#[derive(Debug, Clone)]
pub enum Piece<'a> {
    Borrowed(&'a str),
    Owned(String),
    Shared(Arc<str>),
}

impl Default for Piece<'_> {
    fn default() -> Self {
        Piece::Borrowed("")
    }
}

impl std::ops::Deref for Piece<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Piece::Borrowed(s) => s,
            Piece::Owned(s) => s,
            Piece::Shared(s) => s,
        }
    }
}

impl AsRef<str> for Piece<'_> {
    fn as_ref(&self) -> &str {
        self
    }
}

impl<'a> From<&'a str> for Piece<'a> {
    fn from(s: &'a str) -> Self {
        Piece::Borrowed(s)
    }
}

impl From<String> for Piece<'_> {
    fn from(s: String) -> Self {
        Piece::Owned(s)
    }
}

impl From<Arc<str>> for Piece<'_> {
    fn from(s: Arc<str>) -> Self {
        Piece::Shared(s)
    }
}

/// The filters of the search page, in order: (name, label).
pub const FILTERS: &[(&str, &str)] = &[
    ("reason", "Exit reason"),
    ("outcome", "Outcome"),
    ("initiated_by", "Initiated by"),
    ("industry", "Industry"),
    ("tag", "Tag"),
];

/// A filter and its values, most common first (for the search page).
#[derive(Debug, Clone, Serialize)]
pub struct FilterGroup {
    pub name: &'static str,
    pub label: &'static str,
    pub values: Vec<FilterValue>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FilterValue {
    pub value: String,
    pub label: String,
    pub count: usize,
}

/// The built index.
#[derive(Debug, Clone)]
pub struct Index {
    pub files: Vec<Arc<OutputFile>>,
    pub filters: Vec<FilterGroup>,
    /// What the search page needs to start loading the term shards of the
    /// query in its address before `search.js` and `meta.js` have come (a
    /// round trip sooner): a JSON object of the index's version, the first
    /// term and name of every shard and the stop words, safe to write into
    /// a `<script>` element.
    pub lookup: String,
}

/// What of the configuration the index reads.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The site's language (pages without one of their own are in it).
    pub language: String,
    /// `[search] synonyms`: word → words.
    pub synonyms: std::collections::BTreeMap<String, Vec<String>>,
    /// `pretty_urls` (how results link to a case's badges' pages).
    pub pretty: bool,
}

impl Options {
    pub fn of(config: &crate::config::Config) -> Options {
        Options {
            language: config.language.clone(),
            synonyms: config.search.synonyms.clone(),
            pretty: config.pretty_urls,
        }
    }

    /// The languages of the built-in synonyms: the site's and its pages'.
    fn languages<'a>(&'a self, pages: &[&'a Page<'_>]) -> Vec<&'a str> {
        let mut langs = vec![self.language.as_str()];
        for p in pages {
            if let Some(l) = p.lang.as_deref()
                && !langs.contains(&l)
            {
                langs.push(l);
            }
        }
        langs
    }
}

/// A classic script that hands `data` to the search script.
fn script(name: &str, data: &impl Serialize, deps: Vec<Dep>) -> OutputFile {
    let json = serde_json::to_vec(data).unwrap_or_else(|_| b"null".to_vec());
    script_json(name, &json, deps)
}

/// [`script`] of data already written as JSON ([`json`]).
fn script_json(name: &str, json: &[u8], deps: Vec<Dep>) -> OutputFile {
    let head = format!("exitbookSearch.load({name:?}, ");
    // Of the exact size: the index's files live until they are written,
    // and a grown buffer holds up to twice its bytes (tens of MB at 10,000
    // pages).
    let mut bytes = Vec::with_capacity(head.len() + json.len() + 3);
    bytes.extend_from_slice(head.as_bytes());
    bytes.extend_from_slice(json);
    bytes.extend_from_slice(b");\n");
    OutputFile {
        path: format!("search/{name}.js"),
        bytes,
        deps,
    }
}
