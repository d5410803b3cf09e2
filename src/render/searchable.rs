//! What of the site goes into the search index: the rendered chapters, cut
//! at their headings, and what [`PublicCase`] publishes of each case —
//! nothing that the pages themselves do not show.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::anonymize::{PublicCase, PublicChapter, Published};
use crate::model::site::Site;
use crate::render::Dep;
use crate::render::markdown::Rendered;
use crate::render::urls::Urls;
use crate::search::{Field, Kind, Page, Section};
use crate::text::Fingerprint;

/// The searchable text of a case, with the weight of each field. A field
/// added to [`PublicCase`] (the anonymized narrative) is one more line here.
pub fn case_fields<'a>(c: &'a PublicCase, chapter_titles: &[&str]) -> Vec<(Field, Cow<'a, str>)> {
    let mut fields = vec![
        (Field::Title, Cow::Borrowed(c.title.as_str())),
        (Field::Keywords, Cow::Owned(c.tags.join(", "))),
        (Field::Body, Cow::Borrowed(c.lede.as_str())),
        (Field::Facts, Cow::Borrowed(c.reason_label.as_str())),
        (Field::Facts, Cow::Borrowed(c.initiated_by_label.as_str())),
        (Field::Facts, Cow::Borrowed(c.outcome_label.as_str())),
        (Field::Facts, Cow::Owned(c.roles.join(", "))),
        (Field::Facts, Cow::Owned(c.farewell.join(" "))),
        (Field::Facts, Cow::Owned(chapter_titles.join(", "))),
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
            .map(|v| (Field::Facts, Cow::Borrowed(v.as_str()))),
    );
    // The narrative, as published (scrubbed), without its Markdown.
    let st = &c.story;
    let story = [
        &st.trigger,
        &st.summary,
        &st.what_happened,
        &st.what_we_could_have_done_differently,
        &st.what_they_need_to_feel_complete,
        &st.asked_for,
        &st.offered,
        &st.final_straw,
        &st.notes,
    ];
    let lists = st
        .root_causes
        .iter()
        .chain(&st.lessons)
        .chain(c.timeline.iter().filter_map(|e| e.note.as_ref()))
        .chain(c.actions.iter().map(|a| &a.action));
    fields.extend(story.into_iter().flatten().chain(lists).map(|md| {
        (
            Field::Body,
            Cow::Owned(crate::render::markdown::plain_text(md)),
        )
    }));
    fields.retain(|(_, t)| !t.trim().is_empty());
    fields
}

/// Every chapter (one document per section) and every case, cases in the
/// order given (`newest`); each page from `kept` where it was made from the
/// same rendered chapter (or published case), link and titles.
pub fn pages(
    site: &Site,
    published: &Published,
    bodies: &[Arc<Rendered>],
    urls: Urls,
    dirs: (&[String], &[String]),
    newest: &[usize],
    kept: &mut KeptPages,
) -> Vec<Arc<Page<'static>>> {
    let (chapter_dirs, case_dirs) = dirs;
    let public_chapters = &published.chapters;
    let published = &published.cases;
    let chapter_keys: Vec<u128> = site
        .chapters
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let p = &public_chapters[i];
            let mut f = Fingerprint::default();
            f.str(&chapter_dirs[i]).u128(u128::from(urls.pretty));
            f.str(&c.rel).str(&p.title);
            f.str(p.summary.as_deref().unwrap_or("\0"));
            f.str(c.lang.as_deref().unwrap_or("\0"));
            for t in &p.tags {
                f.str(t);
            }
            f.finish()
        })
        .collect();
    let chapters: Vec<Arc<Page<'static>>> = (0..site.chapters.len())
        .into_par_iter()
        .map(|i| {
            let body = &bodies[i];
            match kept.chapters.get(&(Arc::as_ptr(body) as usize)) {
                Some((b, k, page)) if Arc::ptr_eq(b, body) && *k == chapter_keys[i] => {
                    Arc::clone(page)
                }
                _ => Arc::new(chapter_page(
                    &public_chapters[i],
                    ChapterPlace {
                        rel: &site.chapters[i].rel,
                        lang: site.chapters[i].lang.as_deref(),
                    },
                    body,
                    urls.path(&chapter_dirs[i]),
                )),
            }
        })
        .collect();
    kept.chapters = bodies
        .iter()
        .zip(chapter_keys)
        .zip(&chapters)
        .map(|((b, k), page)| {
            (
                Arc::as_ptr(b) as usize,
                (Arc::clone(b), k, Arc::clone(page)),
            )
        })
        .collect();

    let keys: Vec<(usize, u128)> = newest
        .iter()
        .map(|&i| {
            let mut f = Fingerprint::default();
            f.str(&case_dirs[i]).u128(u128::from(urls.pretty));
            f.str(&site.cases[i].rel);
            for &k in &published[i].chapters {
                f.str(&public_chapters[k].title).str(&site.chapters[k].rel);
            }
            (i, f.finish())
        })
        .collect();
    let cases: Vec<Arc<Page<'static>>> = keys
        .par_iter()
        .map(|&(i, key)| {
            let c = &published[i];
            match kept.cases.get(&(Arc::as_ptr(c) as usize)) {
                Some((k_c, k, page)) if Arc::ptr_eq(k_c, c) && *k == key => Arc::clone(page),
                _ => Arc::new(case_page(
                    site,
                    public_chapters,
                    c,
                    i,
                    urls.path(&case_dirs[i]),
                )),
            }
        })
        .collect();
    kept.cases = keys
        .iter()
        .zip(&cases)
        .map(|(&(i, key), page)| {
            let c = &published[i];
            (
                Arc::as_ptr(c) as usize,
                (Arc::clone(c), key, Arc::clone(page)),
            )
        })
        .collect();
    let mut all = chapters;
    all.extend(cases);
    all
}

/// Search pages kept from one build to the next, by the rendered chapter or
/// published case each was made from (kept alive here, so that its address
/// names it), with a hash of its link, titles and chapters.
#[derive(Default)]
pub struct KeptPages {
    #[allow(clippy::type_complexity)]
    chapters: HashMap<usize, (Arc<Rendered>, u128, Arc<Page<'static>>)>,
    #[allow(clippy::type_complexity)]
    cases: HashMap<usize, (Arc<PublicCase>, u128, Arc<Page<'static>>)>,
}

/// Where a chapter is: the non-sensitive structure search needs beside its
/// published view.
struct ChapterPlace<'a> {
    rel: &'a str,
    lang: Option<&'a str>,
}

/// What search reads of a chapter: one document per section, the summary
/// and tags with the top of the page — all of it as published (scrubbed),
/// never the chapter's raw front matter.
fn chapter_page(
    c: &PublicChapter,
    place: ChapterPlace<'_>,
    body: &Rendered,
    href: String,
) -> Page<'static> {
    let title = &c.title;
    let mut sections: Vec<Section<'static>> = body
        .sections
        .iter()
        .map(|s| Section {
            anchor: s.id.clone(),
            heading: s.heading.clone(),
            fields: vec![
                (Field::Title, Cow::Owned(title.clone())),
                (Field::Heading, Cow::Owned(s.heading.clone())),
                (Field::Body, Cow::Owned(s.text.clone())),
            ],
            text: Cow::Owned(s.text.clone()),
        })
        .collect();
    if sections.first().is_none_or(|s| s.anchor.is_some()) {
        sections.insert(
            0,
            Section {
                fields: vec![(Field::Title, Cow::Owned(title.clone()))],
                ..Section::default()
            },
        );
    }
    let top = &mut sections[0];
    if let Some(summary) = &c.summary {
        top.fields.push((Field::Body, Cow::Owned(summary.clone())));
        top.text = Cow::Owned(format!("{summary}\n{}", top.text).trim().to_string());
    }
    top.fields
        .push((Field::Keywords, Cow::Owned(c.tags.join(", "))));
    Page {
        kind: Kind::Chapter,
        href,
        title: title.clone(),
        lang: place.lang.map(str::to_string),
        meta: "Playbook chapter".into(),
        sections,
        facets: Vec::new(),
        deps: vec![Dep::Source(place.rel.to_string())],
        hashes: Default::default(),
    }
}

/// What search reads of case `i`, linked as `href`.
fn case_page(
    site: &Site,
    chapters: &[Arc<PublicChapter>],
    c: &PublicCase,
    i: usize,
    href: String,
) -> Page<'static> {
    let chapter_titles: Vec<&str> = c
        .chapters
        .iter()
        .map(|&k| chapters[k].title.as_str())
        .collect();
    let fields: Vec<(Field, Cow<'static, str>)> = case_fields(c, &chapter_titles)
        .into_iter()
        .map(|(f, t)| (f, Cow::Owned(t.into_owned())))
        .collect();
    let facts: Vec<&str> = fields
        .iter()
        .filter(|(f, _)| *f == Field::Facts)
        .map(|(_, t)| t.as_ref())
        .collect();
    let text = format!("{}\n{}", c.lede, facts.join(" · "));
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
    let mut deps = vec![Dep::Source(site.cases[i].rel.clone())];
    deps.extend(
        c.chapters
            .iter()
            .map(|&k| Dep::Source(site.chapters[k].rel.clone())),
    );
    Page {
        kind: Kind::Case,
        href,
        title: c.title.clone(),
        lang: None,
        meta: format!(
            "Case · {} · {} · {}",
            c.exit_date.text, c.reason_label, c.outcome_label
        ),
        sections: vec![Section {
            anchor: None,
            heading: String::new(),
            text: Cow::Owned(text),
            fields,
        }],
        facets,
        deps,
        hashes: Default::default(),
    }
}
