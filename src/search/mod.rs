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
//! Files, all under `search/`, each a classic script calling
//! `exitbookSearch.load(name, data)` so that they load from `file://` too,
//! and all readable text (terms and texts as written, numbers in decimal):
//!
//! - `meta.js`: counts, the number of sections of each chapter, the first
//!   term of every term shard, the first document of every `d/` file, the
//!   filters and their values, the stop words and synonyms;
//! - `t/N.js`: a range of terms (sorted) with their postings, grouped by
//!   weight level, highest first: `level:doc,doc…;level:doc…` (doc ids as
//!   gaps from the previous one of the group);
//! - `x/N.js`: the same terms' word positions (`p,p…;p…`, one group per
//!   posting in the same order, as gaps), for quoted phrases only;
//! - `v/AB.js`: the terms with letters `A` and `B` first and second, second
//!   and third, or first and third, with their document frequencies, for
//!   typo tolerance only (see [`vocabulary`]);
//! - `d/N.js`: what results show: the text of a few documents (for the
//!   snippet) and their pages (title, link, the headings of their sections),
//!   a few KB each, loaded only for the results shown;
//! - `f/NAME-K.js`: the cases having value K of filter NAME.
//!
//! A first query thus loads `meta.js`, a term shard or two per word and one
//! small `d/` file per result it shows, whatever the size of the handbook.
//!
//! Dependencies: a `d/` file depends on the pages whose text it holds (and
//! on the lists of chapters and cases, which number them); every other file
//! holds words, counts or filter values that any page can change, so it
//! depends on [`Dep::AllContent`].

pub mod text;
pub mod vocabulary;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::render::{Dep, OutputFile};
use text::{each_word, is_stop_word};

/// Weight levels of a posting.
pub const LEVELS: f32 = 31.0;
/// BM25 term-frequency saturation.
pub const K1: f32 = 1.2;
/// Term shards are cut after this many bytes of postings.
const TERM_SHARD_BYTES: usize = 24_000;
/// Files of what results show are cut after this many bytes of text.
const TEXT_BYTES: usize = 6_000;

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
    /// One line under the title in a result.
    pub meta: String,
    pub sections: Vec<Section<'a>>,
    /// Filter values: (filter name, value, label).
    pub facets: Vec<(&'static str, String, String)>,
    /// What the page's text was made from.
    pub deps: Vec<Dep>,
}

/// One document: a chapter section, or a whole case.
#[derive(Debug, Clone, Default)]
pub struct Section<'a> {
    /// The heading id to link to; `None` for the top of the page.
    pub anchor: Option<String>,
    pub heading: String,
    /// What is indexed, with the weight of where it comes from.
    pub fields: Vec<(Field, Cow<'a, str>)>,
    /// What a result shows, with the matched words highlighted.
    pub text: Cow<'a, str>,
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
    pub files: Vec<OutputFile>,
    pub filters: Vec<FilterGroup>,
}

/// A document's terms, each with its level and its positions as a range of
/// the document's list of positions.
struct DocTerms {
    terms: Vec<(String, u8, u32, u32)>,
    positions: Vec<u32>,
}

/// Documents' analysed terms kept from one build to the next (serve and
/// watch), keyed by a hash of the section's fields: analysing words is most
/// of the cost of the index, and an edit changes few sections.
#[derive(Default)]
pub struct Cache {
    entries: HashMap<u128, Arc<DocTerms>>,
    used: std::collections::HashSet<u128>,
}

impl Cache {
    /// Forget what the last build did not use (each build does this when
    /// it is done, so a run that keeps the old index keeps the cache too).
    fn sweep(&mut self) {
        let used = std::mem::take(&mut self.used);
        self.entries.retain(|k, _| used.contains(k));
    }
}

fn section_key(s: &Section<'_>) -> u128 {
    let mut f = crate::text::Fingerprint::default();
    for (field, text) in &s.fields {
        f.u128(*field as u128).str(text);
    }
    f.finish()
}

/// One document holding a term: (document, level, range of its positions).
type Posting = (u32, u8, u32, u32);

/// Build the index of `pages`. Chapters come first in document order (so
/// that a filter on the kind of page is a range), cases after them in the
/// order given (newest first: the order of an empty query with filters).
/// `common` are the dependencies of every index file.
pub fn build(pages: &[Page<'_>], common: &[Dep]) -> Index {
    build_cached(pages, common, &mut Cache::default())
}

/// [`build`], reusing the analysis of sections whose fields are unchanged.
/// The result is the same bytes as a build from nothing.
pub fn build_cached(pages: &[Page<'_>], common: &[Dep], cache: &mut Cache) -> Index {
    let mut order: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].kind == Kind::Chapter)
        .collect();
    let chapter_pages = order.len();
    order.extend((0..pages.len()).filter(|&i| pages[i].kind == Kind::Case));
    let pages: Vec<&Page<'_>> = order.iter().map(|&i| &pages[i]).collect();

    // Every document's terms, in parallel, a chunk of pages at a time (so
    // that the terms of every page are never all in memory at once), merged
    // in page order.
    let mut sections: Vec<usize> = Vec::with_capacity(chapter_pages);
    let mut doc_of_page = Vec::with_capacity(pages.len());
    let mut postings: HashMap<String, Vec<Posting>> = HashMap::with_capacity(1 << 14);
    let mut positions: Vec<Vec<u32>> = Vec::new();
    for chunk in pages.chunks(512) {
        let per_page: Vec<Vec<(u128, Arc<DocTerms>, bool)>> = chunk
            .par_iter()
            .map(|p| {
                p.sections
                    .iter()
                    .map(|s| {
                        let key = section_key(s);
                        match cache.entries.get(&key) {
                            Some(d) => (key, Arc::clone(d), false),
                            None => (key, Arc::new(analyse(s)), true),
                        }
                    })
                    .collect()
            })
            .collect();
        for docs in per_page {
            if doc_of_page.len() < chapter_pages {
                sections.push(docs.len());
            }
            doc_of_page.push(positions.len() as u32);
            for (key, d, new) in docs {
                let doc = positions.len() as u32;
                for (t, level, start, len) in &d.terms {
                    postings
                        .entry(t.clone())
                        .or_default()
                        .push((doc, *level, *start, *len));
                }
                positions.push(d.positions.clone());
                cache.used.insert(key);
                if new {
                    cache.entries.insert(key, d);
                }
            }
        }
    }
    cache.sweep();
    let docs = positions.len();
    let mut terms: Vec<(String, Vec<Posting>)> = postings.into_iter().collect();
    // Sorted as JavaScript compares strings (UTF-16 code units).
    terms.par_sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));

    let mut deps_all = common.to_vec();
    deps_all.extend([Dep::ChapterList, Dep::CaseList, Dep::AllContent]);

    let mut files = Vec::new();
    let shard_firsts = term_shards(&terms, &positions, &deps_all, &mut files);
    drop(positions);
    let vocab: Vec<(&str, usize)> = terms.iter().map(|(t, p)| (t.as_str(), p.len())).collect();
    files.extend(vocabulary::files(&vocab, &deps_all));
    drop(terms);
    let text_firsts = fragments(&pages, common, &mut files);
    let filters = filters(&pages, &doc_of_page, &deps_all, &mut files);

    let mut version = std::collections::hash_map::DefaultHasher::new();
    for f in &files {
        f.path.hash(&mut version);
        f.bytes.hash(&mut version);
    }
    let meta = serde_json::json!({
        "version": format!("{:016x}", version.finish()),
        "docs": docs,
        "pages": pages.len(),
        "chapterPages": chapter_pages,
        "sections": sections,
        "shards": shard_firsts,
        "textFiles": text_firsts,
        "filters": filters.iter().map(|g| (g.name, g.values.iter().map(|v| (&v.value, &v.label, v.count)).collect::<Vec<_>>())).collect::<Vec<_>>(),
        "stop": text::STOP_WORDS,
        "synonyms": text::SYNONYMS,
        "levels": LEVELS,
        "k1": K1,
    });
    files.push(script("meta", &meta, deps_all));
    Index { files, filters }
}

/// The weighted terms of one document, in one pass over its words.
fn analyse(section: &Section<'_>) -> DocTerms {
    // Per term: occurrences in each field, and positions.
    let mut terms: HashMap<String, ([u16; Field::ALL.len()], Vec<u32>)> = HashMap::new();
    let mut lengths = [0u32; Field::ALL.len()];
    let mut pos = 0u32;
    for (field, text) in &section.fields {
        let f = *field as usize;
        each_word(text, |w| {
            lengths[f] += 1;
            if !is_stop_word(w) {
                let e = match terms.get_mut(w) {
                    Some(e) => e,
                    None => terms.entry(w.to_string()).or_default(),
                };
                e.0[f] = e.0[f].saturating_add(1);
                e.1.push(pos);
            }
            pos += 1;
        });
        // A phrase never spans two fields.
        pos += 8;
    }
    let norms: Vec<f32> = Field::ALL
        .iter()
        .map(|&f| {
            let (w, b, reference) = f.params();
            w / (1.0 - b + b * lengths[f as usize] as f32 / reference)
        })
        .collect();
    let mut out = DocTerms {
        terms: Vec::with_capacity(terms.len()),
        positions: Vec::with_capacity(pos as usize),
    };
    for (t, (counts, ps)) in terms {
        let tf: f32 = counts
            .iter()
            .zip(&norms)
            .map(|(&c, n)| f32::from(c) * n)
            .sum();
        let start = out.positions.len() as u32;
        out.positions.extend_from_slice(&ps);
        out.terms.push((t, level(tf), start, ps.len() as u32));
    }
    out
}

/// The BM25 term-frequency part of a weighted frequency, as a level.
fn level(tf: f32) -> u8 {
    let saturated = tf * (K1 + 1.0) / (tf + K1) / (K1 + 1.0);
    (saturated * LEVELS).round().clamp(1.0, LEVELS) as u8
}

/// A classic script that hands `data` to the search script.
fn script(name: &str, data: &impl Serialize, deps: Vec<Dep>) -> OutputFile {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "null".into());
    OutputFile {
        path: format!("search/{name}.js"),
        bytes: format!("exitbookSearch.load({name:?}, {json});\n").into_bytes(),
        deps,
    }
}

/// A term's postings grouped by level (highest first), and its positions
/// in the same order.
fn encode(postings: &[Posting], positions: &[Vec<u32>]) -> (String, String) {
    let mut order: Vec<&Posting> = postings.iter().collect();
    // Stable: documents stay ascending within a level.
    order.sort_by_key(|p| std::cmp::Reverse(p.1));
    let mut tiers = String::with_capacity(postings.len() * 3);
    let mut pos = String::with_capacity(postings.len() * 6);
    let mut level = None;
    let mut last = 0;
    for (k, &&(doc, lv, start, len)) in order.iter().enumerate() {
        if level != Some(lv) {
            if level.is_some() {
                tiers.push(';');
            }
            let _ = write!(tiers, "{lv}:");
            level = Some(lv);
            last = 0;
        } else {
            tiers.push(',');
        }
        let _ = write!(tiers, "{}", doc - last);
        last = doc;
        if k > 0 {
            pos.push(';');
        }
        let mut prev = 0;
        let ps = &positions[doc as usize][start as usize..(start + len) as usize];
        for (j, p) in ps.iter().enumerate() {
            if j > 0 {
                pos.push(',');
            }
            let _ = write!(pos, "{}", p - prev);
            prev = *p;
        }
    }
    (tiers, pos)
}

#[derive(Serialize)]
struct TermShard<'a> {
    terms: Vec<&'a str>,
    postings: Vec<&'a str>,
}

#[derive(Serialize)]
struct PositionShard<'a> {
    positions: Vec<&'a str>,
}

/// Cut the sorted terms into shards of about [`TERM_SHARD_BYTES`]; returns
/// the first term of each.
fn term_shards(
    terms: &[(String, Vec<Posting>)],
    positions: &[Vec<u32>],
    deps: &[Dep],
    files: &mut Vec<OutputFile>,
) -> Vec<String> {
    let encoded: Vec<(String, String)> = terms
        .par_iter()
        .map(|(_, ps)| encode(ps, positions))
        .collect();
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, (t, _)) in terms.iter().enumerate() {
        if size >= TERM_SHARD_BYTES {
            ranges.push(start..i);
            start = i;
            size = 0;
        }
        size += t.len() + encoded[i].0.len() + 4;
    }
    if start < terms.len() {
        ranges.push(start..terms.len());
    }
    let shards: Vec<[OutputFile; 2]> = ranges
        .par_iter()
        .enumerate()
        .map(|(n, range)| {
            let t = TermShard {
                terms: terms[range.clone()].iter().map(|t| t.0.as_str()).collect(),
                postings: encoded[range.clone()]
                    .iter()
                    .map(|e| e.0.as_str())
                    .collect(),
            };
            let x = PositionShard {
                positions: encoded[range.clone()]
                    .iter()
                    .map(|e| e.1.as_str())
                    .collect(),
            };
            [
                script(&format!("t/{n}"), &t, deps.to_vec()),
                script(&format!("x/{n}"), &x, deps.to_vec()),
            ]
        })
        .collect();
    files.extend(shards.into_iter().flatten());
    ranges
        .into_iter()
        .map(|r| terms[r.start].0.clone())
        .collect()
}

/// What a result shows of a page.
#[derive(Serialize)]
struct PageInfo<'a> {
    kind: Kind,
    href: &'a str,
    title: &'a str,
    lang: Option<&'a str>,
    meta: &'a str,
    /// (anchor, heading) of each of its documents.
    sections: Vec<(&'a str, &'a str)>,
}

/// The texts of a range of documents, with the pages they belong to.
#[derive(Serialize)]
struct TextFile<'a> {
    /// The first document.
    first: usize,
    texts: Vec<&'a str>,
    /// The page of each document, as an index into `pages`.
    page: Vec<usize>,
    /// (page number, page) of the pages of these documents.
    pages: Vec<(usize, PageInfo<'a>)>,
}

/// Consecutive ranges of items of `sizes`, of about `target` bytes each.
fn cut(sizes: impl Iterator<Item = usize>, target: usize) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let (mut start, mut size, mut n) = (0, 0, 0);
    for (i, s) in sizes.enumerate() {
        if size >= target {
            ranges.push(start..i);
            start = i;
            size = 0;
        }
        size += s;
        n = i + 1;
    }
    if start < n {
        ranges.push(start..n);
    }
    ranges
}

/// What results show, in files of about [`TEXT_BYTES`] of documents' text,
/// each with the pages of its documents, so that a result needs one file.
/// Returns the first document of each file.
fn fragments(pages: &[&Page<'_>], common: &[Dep], files: &mut Vec<OutputFile>) -> Vec<usize> {
    // Documents in order: (page, text).
    let docs: Vec<(usize, &str)> = pages
        .iter()
        .enumerate()
        .flat_map(|(p, page)| page.sections.iter().map(move |s| (p, s.text.as_ref())))
        .collect();
    let ranges = cut(docs.iter().map(|d| d.1.len() + 4), TEXT_BYTES);
    let made: Vec<OutputFile> = ranges
        .par_iter()
        .enumerate()
        .map(|(n, range)| {
            let docs = &docs[range.clone()];
            let first_page = docs[0].0;
            let in_file = first_page..docs[docs.len() - 1].0 + 1;
            let file = TextFile {
                first: range.start,
                texts: docs.iter().map(|d| d.1).collect(),
                page: docs.iter().map(|d| d.0 - first_page).collect(),
                pages: in_file
                    .clone()
                    .map(|k| {
                        let p = pages[k];
                        let info = PageInfo {
                            kind: p.kind,
                            href: &p.href,
                            title: &p.title,
                            lang: p.lang.as_deref(),
                            meta: &p.meta,
                            sections: p
                                .sections
                                .iter()
                                .map(|s| (s.anchor.as_deref().unwrap_or(""), s.heading.as_str()))
                                .collect(),
                        };
                        (k, info)
                    })
                    .collect(),
            };
            // The file holds these pages' text; its numbering follows from
            // the lists of chapters and cases.
            let mut deps = common.to_vec();
            deps.extend([Dep::ChapterList, Dep::CaseList]);
            for p in &pages[in_file] {
                deps.extend(p.deps.iter().cloned());
            }
            deps.sort();
            deps.dedup();
            script(&format!("d/{n}"), &file, deps)
        })
        .collect();
    files.extend(made);
    ranges.into_iter().map(|r| r.start).collect()
}

#[derive(Serialize)]
struct FilterDocs {
    docs: String,
}

/// One file per filter value listing its documents; returns the filters
/// with their values, most common first.
fn filters(
    pages: &[&Page<'_>],
    doc_of_page: &[u32],
    deps: &[Dep],
    files: &mut Vec<OutputFile>,
) -> Vec<FilterGroup> {
    let mut groups = Vec::new();
    for &(name, label) in FILTERS {
        // value → (label, docs)
        let mut values: Vec<(String, String, Vec<u32>)> = Vec::new();
        let mut at: HashMap<&str, usize> = HashMap::new();
        for (p, page) in pages.iter().enumerate() {
            for (f, value, vlabel) in &page.facets {
                if *f != name {
                    continue;
                }
                let k = *at.entry(value.as_str()).or_insert_with(|| {
                    values.push((value.clone(), vlabel.clone(), Vec::new()));
                    values.len() - 1
                });
                let docs = &mut values[k].2;
                if docs.last() != Some(&doc_of_page[p]) {
                    docs.push(doc_of_page[p]);
                }
            }
        }
        values.sort_by(|a, b| b.2.len().cmp(&a.2.len()).then_with(|| a.1.cmp(&b.1)));
        for (k, (_, _, docs)) in values.iter().enumerate() {
            let mut list = String::with_capacity(docs.len() * 3);
            let mut last = 0;
            for (j, d) in docs.iter().enumerate() {
                if j > 0 {
                    list.push(',');
                }
                let _ = write!(list, "{}", d - last);
                last = *d;
            }
            files.push(script(
                &format!("f/{name}-{k}"),
                &FilterDocs { docs: list },
                deps.to_vec(),
            ));
        }
        groups.push(FilterGroup {
            name,
            label,
            values: values
                .into_iter()
                .map(|(value, label, docs)| FilterValue {
                    value,
                    label,
                    count: docs.len(),
                })
                .collect(),
        });
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chapter(title: &'static str, sections: &[(&'static str, &'static str)]) -> Page<'static> {
        Page {
            kind: Kind::Chapter,
            href: format!("chapters/{}/index.html", crate::text::slugify(title)),
            title: title.into(),
            lang: None,
            meta: "Playbook".into(),
            sections: sections
                .iter()
                .map(|(h, t)| Section {
                    anchor: (!h.is_empty()).then(|| crate::text::slugify(h)),
                    heading: (*h).into(),
                    fields: vec![
                        (Field::Title, Cow::Borrowed(title)),
                        (Field::Heading, (*h).into()),
                        (Field::Body, (*t).into()),
                    ],
                    text: (*t).into(),
                })
                .collect(),
            facets: Vec::new(),
            deps: vec![Dep::Source(format!("chapters/{title}.md"))],
        }
    }

    fn file<'a>(index: &'a Index, path: &str) -> &'a str {
        let f = index
            .files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("no {path}"));
        std::str::from_utf8(&f.bytes).unwrap()
    }

    #[test]
    fn levels_favour_titles_over_headings_over_body() {
        let d = analyse(&Section {
            fields: vec![
                (Field::Title, "refund".into()),
                (Field::Heading, "credit".into()),
                (Field::Body, "apology and a long body of text".into()),
            ],
            ..Section::default()
        });
        let get = |w: &str| {
            d.terms.iter().find(|t| t.0 == w).map(|t| {
                let ps = d.positions[t.2 as usize..(t.2 + t.3) as usize].to_vec();
                (t.1, ps)
            })
        };
        let (title, _) = get("refund").unwrap();
        let (heading, hp) = get("credit").unwrap();
        let (body, bp) = get("apology").unwrap();
        assert!(
            title > heading && heading > body,
            "{title} {heading} {body}"
        );
        assert!(get("and").is_none(), "stop words are not indexed");
        // Positions leave a gap between fields and count stop words.
        assert_eq!(hp, vec![9]);
        assert_eq!(bp, vec![18]);
        assert_eq!(get("long").unwrap().1, vec![21]);
    }

    #[test]
    fn writes_sorted_shards_postings_positions_and_fragments() {
        let mut case = chapter("Refund granted", &[("", "The client asked for a refund.")]);
        case.kind = Kind::Case;
        case.facets = vec![("reason", "complaint".into(), "A complaint".into())];
        let pages = vec![
            case,
            chapter(
                "Negotiation",
                &[("", "Intro."), ("Refunds", "Refund refund, then credit.")],
            ),
        ];
        let index = build(&pages, &[Dep::Config]);
        let meta = file(&index, "search/meta.js");
        assert!(
            meta.starts_with("exitbookSearch.load(\"meta\", {"),
            "{meta}"
        );
        assert!(meta.contains("\"docs\":3"), "{meta}");
        assert!(meta.contains("\"chapterPages\":1"), "{meta}");
        assert!(meta.contains("\"sections\":[2]"), "{meta}");
        let t = file(&index, "search/t/0.js");
        // Chapters first: docs 0 and 1 are the chapter's, 2 the case.
        assert!(t.contains("\"refund\""), "{t}");
        let terms: serde_json::Value =
            serde_json::from_str(t.split_once(", ").unwrap().1.trim_end_matches(");\n")).unwrap();
        let names: Vec<&str> = terms["terms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        let k = names.iter().position(|&n| n == "refund").unwrap();
        let postings = terms["postings"][k].as_str().unwrap();
        // Grouped by level, highest first; gaps within a group.
        let mut docs = Vec::new();
        let mut levels = Vec::new();
        for tier in postings.split(';') {
            let (level, list) = tier.split_once(':').unwrap();
            levels.push(level.parse::<u8>().unwrap());
            let mut d = 0;
            for gap in list.split(',') {
                d += gap.parse::<u32>().unwrap();
                docs.push(d);
            }
        }
        docs.sort();
        assert_eq!(docs, [1, 2], "{postings}");
        assert!(levels.windows(2).all(|w| w[0] > w[1]), "{postings}");
        let x = file(&index, "search/x/0.js");
        let positions: serde_json::Value =
            serde_json::from_str(x.split_once(", ").unwrap().1.trim_end_matches(");\n")).unwrap();
        assert_eq!(
            positions["positions"][k]
                .as_str()
                .unwrap()
                .split(';')
                .count(),
            2,
            "one group of positions per posting"
        );
        assert!(file(&index, "search/x/0.js").contains("\"positions\""));
        assert!(file(&index, "search/v/re.js").contains("\"refund\""));
        let d = file(&index, "search/d/0.js");
        assert!(d.contains("\"refunds\",\"Refunds\""), "{d}");
        assert!(d.contains("\"first\":0"), "{d}");
        assert!(
            d.contains("\"texts\":[\"Intro.\",\"Refund refund, then credit.\","),
            "{d}"
        );
        assert!(d.contains("\"page\":[0,0,1]"), "{d}");
        assert_eq!(
            file(&index, "search/f/reason-0.js"),
            "exitbookSearch.load(\"f/reason-0\", {\"docs\":\"2\"});\n"
        );
        assert_eq!(index.filters[0].values[0].count, 1);
        let frag = index
            .files
            .iter()
            .find(|f| f.path == "search/d/0.js")
            .unwrap();
        assert!(
            frag.deps
                .contains(&Dep::Source("chapters/Negotiation.md".into()))
        );
    }

    #[test]
    fn a_large_handbook_is_split_into_small_files_that_meta_points_to() {
        // 1,500 pages of 200 words from a vocabulary of 3,000 made-up words.
        let vocab: Vec<String> = (0..3000u32)
            .map(|i| format!("w{}{}", i % 7, i.wrapping_mul(2_654_435_761) % 100_000))
            .collect();
        let texts: Vec<String> = (0..1500usize)
            .map(|p| {
                (0..200usize)
                    .map(|k| vocab[(p * 7919 + k * k * 31) % vocab.len()].as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let pages: Vec<Page<'_>> = texts
            .iter()
            .enumerate()
            .map(|(p, t)| Page {
                kind: if p % 5 == 0 {
                    Kind::Chapter
                } else {
                    Kind::Case
                },
                href: format!("p/{p}/index.html"),
                title: format!("Page {p}"),
                lang: None,
                meta: String::new(),
                sections: vec![Section {
                    fields: vec![(Field::Body, Cow::Borrowed(t.as_str()))],
                    text: Cow::Borrowed(t.as_str()),
                    ..Section::default()
                }],
                facets: Vec::new(),
                deps: vec![Dep::Source(format!("p{p}"))],
            })
            .collect();
        let index = build(&pages, &[]);
        let json = |path: &str| -> serde_json::Value {
            let text = file(&index, path);
            serde_json::from_str(text.split_once(", ").unwrap().1.trim_end_matches(");\n")).unwrap()
        };
        let meta = json("search/meta.js");
        let firsts: Vec<&str> = meta["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(firsts.len() > 5, "several term shards: {}", firsts.len());
        assert!(firsts.windows(2).all(|w| w[0] < w[1]));
        let mut seen = 0;
        for (n, first) in firsts.iter().enumerate() {
            let shard = json(&format!("search/t/{n}.js"));
            let terms = shard["terms"].as_array().unwrap();
            assert_eq!(terms[0].as_str().unwrap(), *first);
            let next = firsts.get(n + 1);
            for t in terms {
                let t = t.as_str().unwrap();
                assert!(
                    t >= *first && next.is_none_or(|n| t < *n),
                    "{t} in shard {n}"
                );
            }
            seen += terms.len();
            let bytes = file(&index, &format!("search/t/{n}.js")).len();
            assert!(bytes < TERM_SHARD_BYTES * 2, "t/{n}.js is {bytes} bytes");
        }
        assert_eq!(seen, 3000, "every word is in exactly one shard");
        let texts = meta["textFiles"].as_array().unwrap();
        assert!(texts.len() > 20);
        for n in 0..texts.len() {
            let path = format!("search/d/{n}.js");
            assert!(file(&index, &path).len() < TEXT_BYTES * 2, "{path}");
            // A text file depends on its own pages only (and the lists).
            let deps = &index.files.iter().find(|f| f.path == path).unwrap().deps;
            let sources = deps.iter().filter(|d| matches!(d, Dep::Source(_))).count();
            assert!((1..=4).contains(&sources), "{path}: {deps:?}");
            assert!(!deps.contains(&Dep::AllContent));
        }
        let t0 = &index
            .files
            .iter()
            .find(|f| f.path == "search/t/0.js")
            .unwrap()
            .deps;
        assert!(t0.contains(&Dep::AllContent), "{t0:?}");
    }
}
