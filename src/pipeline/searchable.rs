//! What of the site goes into the search index: the rendered chapters, cut
//! at their headings, and what [`PublicCase`] publishes of each case —
//! nothing that the pages themselves do not show.

use crate::kept::ByArc;
use std::sync::Arc;

use rayon::prelude::*;

use crate::anonymize::handbook::{ChapterFile, Handbook};
use crate::anonymize::{PublicCase, PublicChapter};
use crate::output::Dep;
use crate::render::markdown::Rendered;
use crate::render::pages::Searchable;
use crate::search::{Field, Kind, Page, Piece, Section};
use crate::text::Fingerprint;

/// The searchable text of a case, with the weight of each field. A field
/// added to [`PublicCase`] (the anonymized narrative) is one more line here.
/// `stories`: its narrative as plain text ([`story_plain`]), moved into the
/// fields rather than copied (it is most of a case's text).
pub fn case_fields(
    c: &PublicCase,
    chapter_titles: &[&str],
    stories: Vec<String>,
) -> Vec<(Field, Piece<'static>)> {
    let owned = |s: &String| Piece::Owned(s.clone());
    let mut fields = vec![
        (Field::Title, owned(&c.title)),
        (Field::Keywords, Piece::Owned(c.tags.join(", "))),
        (Field::Body, owned(&c.lede)),
        (Field::Facts, owned(&c.reason_label)),
        (Field::Facts, owned(&c.initiated_by_label)),
        (Field::Facts, owned(&c.outcome_label)),
        (Field::Facts, Piece::Owned(c.roles.join(", "))),
        (Field::Facts, Piece::Owned(c.farewell.join(" "))),
        (Field::Facts, Piece::Owned(chapter_titles.join(", "))),
    ];
    let optional = [
        &c.industry,
        &c.region,
        &c.size,
        &c.service,
        &c.negotiation_label,
        &c.refund,
    ];
    fields.extend(
        optional
            .into_iter()
            .flatten()
            .map(|v| (Field::Facts, owned(v))),
    );
    fields.extend(c.facts.iter().map(|f| (Field::Facts, owned(&f.value))));
    fields.extend(stories.into_iter().map(|t| (Field::Story, Piece::Owned(t))));
    fields.retain(|(_, t)| !t.trim().is_empty());
    fields
}

/// A case's narrative as published (scrubbed Markdown): its story, the
/// notes of its timeline and its actions.
fn story_texts(c: &PublicCase) -> impl Iterator<Item = &String> {
    c.story
        .texts()
        .chain(c.timeline.iter().filter_map(|e| e.note.as_ref()))
        .chain(c.actions.iter().map(|a| &a.action))
}

/// A case's narrative as published, without its Markdown: each text of
/// [`story_texts`] as plain text. Made once for both [`case_fields`] and
/// [`case_text`] (reading Markdown was a tenth of the index's build).
pub fn story_plain(c: &PublicCase) -> Vec<String> {
    story_texts(c)
        .map(|md| {
            // Held by the index's documents until the index is made: the
            // room left for Markdown's markup was a tenth of the build's peak.
            let mut plain = crate::render::markdown::plain_text(md);
            plain.shrink_to_fit();
            plain
        })
        .collect()
}

/// The lines of `text` (`str::lines`, found with `memchr`: the standard
/// library's search a byte at a time was 13 M instructions of a
/// 1,000-page build here).
fn lines_of(text: &str) -> impl Iterator<Item = &str> {
    let mut from = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(Some)
        .chain(std::iter::once(None))
        .filter_map(move |end| {
            let start = from;
            let end = end.unwrap_or(text.len());
            from = end + 1;
            (start < end || end < text.len()).then(|| &text[start..end])
        })
}

/// What a case's result shows: its lede, then its story as published
/// (`stories`, [`story_plain`]), one paragraph a line, so that a result
/// shows the sentence that matched (its reason and outcome are badges,
/// from its facets).
pub fn case_text(c: &PublicCase, stories: &[String]) -> String {
    let lines = || {
        stories
            .iter()
            .flat_map(|plain| lines_of(plain).map(str::trim).filter(|l| !l.is_empty()))
    };
    // Made to measure: held by the index's documents until the index is made.
    let len = c.lede.len() + lines().map(|l| l.len() + 1).sum::<usize>();
    let mut text = String::with_capacity(len);
    text.push_str(&c.lede);
    for line in lines() {
        text.push('\n');
        text.push_str(line);
    }
    text
}

/// Every chapter (one document per section) and every case, cases in the
/// order given (`newest`); each page from `kept` where it was made from the
/// same rendered chapter (or published case), link and titles. Titles,
/// summaries and tags come from `published` (scrubbed), never from the
/// raw chapters: search sees only what the pages publish.
pub(super) fn pages(s: &Searchable<'_>, kept: &mut KeptPages) -> Vec<Arc<Page<'static>>> {
    let Searchable {
        handbook,
        bodies,
        urls,
        chapter_dirs,
        case_dirs,
        newest,
        i18n,
        lang,
        ..
    } = *s;
    let chapter_keys: Vec<u128> = handbook
        .chapter_files
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            let public = &handbook.chapters[i];
            let mut f = Fingerprint::default();
            f.str(&chapter_dirs[i]).u128(u128::from(urls.pretty));
            f.str(&c.rel).str(&public.title);
            f.str(public.summary.as_deref().unwrap_or("\0"));
            f.str(c.lang.as_deref().unwrap_or("\0"));
            for t in &public.tags {
                f.str(t);
            }
            f.finish()
        })
        .collect();
    let chapters: Vec<Arc<Page<'static>>> = (0..handbook.chapters.len())
        .into_par_iter()
        .map(|i| {
            let body = &bodies[i];
            match kept.chapters.get_at(i, body) {
                Some((k, page)) if *k == chapter_keys[i] => Arc::clone(page),
                _ => Arc::new(chapter_page(
                    &handbook.chapter_files[i],
                    &handbook.chapters[i],
                    body,
                    urls.path(&chapter_dirs[i]),
                )),
            }
        })
        .collect();
    let made: Vec<KeptPage> = chapter_keys
        .into_iter()
        .zip(&chapters)
        .map(|(k, page)| (k, Arc::clone(page)))
        .collect();
    kept.chapters.keep(bodies, &made);

    let keys: Vec<(usize, u128)> = newest
        .par_iter()
        .map(|&i| {
            let mut f = Fingerprint::default();
            f.str(&case_dirs[i]).u128(u128::from(urls.pretty));
            f.str(&handbook.case_files[i]).str(lang);
            for &k in &handbook.cases[i].chapters {
                f.str(&handbook.chapters[k].title)
                    .str(&handbook.chapter_files[k].rel);
            }
            (i, f.finish())
        })
        .collect();
    let cases: Vec<Arc<Page<'static>>> = keys
        .par_iter()
        .enumerate()
        .map(|(at, &(i, key))| {
            let c = &handbook.cases[i];
            match kept.cases.get_at(at, c) {
                Some((k, page)) if *k == key => Arc::clone(page),
                _ => Arc::new(case_page(
                    handbook,
                    &i18n.localize(lang, c),
                    i,
                    urls.path(&case_dirs[i]),
                )),
            }
        })
        .collect();
    let (in_order, made): (Vec<Arc<PublicCase>>, Vec<KeptPage>) = keys
        .iter()
        .zip(&cases)
        .map(|(&(i, key), page)| (Arc::clone(&handbook.cases[i]), (key, Arc::clone(page))))
        .unzip();
    kept.cases.keep(&in_order, &made);
    let mut all = chapters;
    all.extend(cases);
    all
}

/// Search pages kept from one build to the next, by the rendered chapter or
/// published case each was made from (kept alive here, so that its address
/// names it), with a hash of its link, titles and chapters.
#[derive(Default)]
pub struct KeptPages {
    chapters: ByArc<Rendered, KeptPage>,
    cases: ByArc<PublicCase, KeptPage>,
}

/// A search page and a hash of what it was made from beyond its input.
type KeptPage = (u128, Arc<Page<'static>>);

/// What search reads of a chapter: one document per section, the summary
/// and tags with the top of the page. Its title, summary and tags as
/// published (`public`, scrubbed); its file and language from `c`.
fn chapter_page(
    c: &ChapterFile,
    public: &PublicChapter,
    body: &Rendered,
    href: String,
) -> Page<'static> {
    let title = &public.title;
    // One copy of the title for every section, one of each section's text
    // for its field and what its result shows.
    let shared_title: Arc<str> = Arc::from(title.as_str());
    let mut sections: Vec<Section<'static>> = body
        .sections
        .iter()
        .map(|s| {
            let text = Arc::clone(&s.text);
            Section {
                anchor: s.id.clone(),
                heading: s.heading.clone(),
                fields: vec![
                    (Field::Title, Piece::Shared(Arc::clone(&shared_title))),
                    (Field::Heading, Piece::Owned(s.heading.clone())),
                    (Field::Body, Piece::Shared(Arc::clone(&text))),
                ],
                text: Piece::Shared(text),
            }
        })
        .collect();
    if sections.first().is_none_or(|s| s.anchor.is_some()) {
        sections.insert(
            0,
            Section {
                fields: vec![(Field::Title, Piece::Shared(shared_title))],
                ..Section::default()
            },
        );
    }
    let top = &mut sections[0];
    if let Some(summary) = &public.summary {
        top.fields
            .push((Field::Body, Piece::Owned(summary.clone())));
        top.text = Piece::Owned(format!("{summary}\n{}", &*top.text).trim().to_string());
    }
    top.fields
        .push((Field::Keywords, Piece::Owned(public.tags.join(", "))));
    Page {
        kind: Kind::Chapter,
        href,
        title: title.clone(),
        lang: c.lang.clone(),
        date: None,
        sections,
        facets: Vec::new(),
        deps: vec![Dep::Source(c.rel.clone())],
        hashes: Default::default(),
    }
}

/// What search reads of case `i`, linked as `href`; the titles of its
/// chapters as published (`chapters`).
fn case_page(handbook: &Handbook<'_>, c: &PublicCase, i: usize, href: String) -> Page<'static> {
    let chapter_titles: Vec<&str> = c
        .chapters
        .iter()
        .map(|&k| handbook.chapters[k].title.as_str())
        .collect();
    let stories = story_plain(c);
    let text = case_text(c, &stories);
    let fields = case_fields(c, &chapter_titles, stories);
    let mut facets = vec![
        ("reason", c.reason.clone(), c.reason_label.clone()),
        ("outcome", c.outcome.clone(), c.outcome_label.clone()),
        (
            "initiated_by",
            c.initiated_by.clone(),
            c.initiated_by_label.clone(),
        ),
    ];
    if let Some(ind) = &c.industry {
        facets.push(("industry", ind.clone(), ind.clone()));
    }
    facets.extend(c.tags.iter().map(|t| ("tag", t.clone(), t.clone())));
    let mut deps = vec![Dep::Source(handbook.case_files[i].clone())];
    deps.extend(
        c.chapters
            .iter()
            .map(|&k| Dep::Source(handbook.chapter_files[k].rel.clone())),
    );
    Page {
        kind: Kind::Case,
        href,
        title: c.title.clone(),
        lang: None,
        date: Some(c.exit_date.text.clone()),
        sections: vec![Section {
            anchor: None,
            heading: String::new(),
            text: Piece::Owned(text),
            fields,
        }],
        facets,
        deps,
        hashes: Default::default(),
    }
}
