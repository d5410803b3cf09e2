//! A case as lists show it (the library, facet pages, chapters, the home
//! page, "more cases like this"): a card a new hire can choose from, with
//! the one-line trigger, the badges (each a link to its facet page) and the
//! chapters it illustrates. The theme's `case-card.html` draws it; the
//! library's script filters cards by their `data-` attributes.

use pulldown_cmark::{Event, Parser};
use rayon::prelude::*;
use serde::Serialize;

use crate::anonymize::generalize::PublicDate;
use crate::anonymize::{PublicCase, Published};
use crate::render::facets::{Facet, slug};
use crate::render::shared::Shared;
use crate::render::urls::facet_dir;

/// What a card shows of a case beyond the published case itself, worked
/// out once per build.
#[derive(Debug, Clone, Default)]
pub struct CardData {
    /// The trigger as one line of plain text.
    pub trigger: String,
    /// The exit year, as published.
    pub year: String,
    /// Slugs of the industry, the region and each tag (as in their URLs).
    pub industry: Option<String>,
    pub region: Option<String>,
    pub tags: Vec<String>,
}

pub fn card_data(published: &Published) -> Vec<CardData> {
    published
        .cases
        .par_iter()
        .map(|c| CardData {
            trigger: c.story.trigger.as_deref().map(one_line).unwrap_or_default(),
            year: c.exit_date.datetime.chars().take(4).collect(),
            industry: c.industry.as_deref().map(slug),
            region: c.region.as_deref().map(slug),
            tags: c.tags.iter().map(|t| slug(t)).collect(),
        })
        .collect()
}

/// A line of Markdown as plain text: its words, without markup or link
/// targets.
fn one_line(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for event in Parser::new(md) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A link a card shows: a badge, a tag, a chapter.
#[derive(Serialize)]
pub struct Badge<'a> {
    pub label: &'a str,
    /// The value in URLs and `data-` attributes.
    pub value: &'a str,
    pub href: String,
}

/// A case as lists show it, with every href relative to the page.
#[derive(Serialize)]
pub struct CaseCard<'a> {
    pub title: &'a str,
    pub href: String,
    pub trigger: &'a str,
    /// Enum values (the template takes their labels from `t`).
    pub reason: &'a str,
    pub outcome: &'a str,
    pub initiated_by: &'a str,
    pub exit_date: &'a PublicDate,
    pub year: &'a str,
    /// The facet pages of the reason, outcome, who ended it and the year.
    pub links: FacetLinks,
    pub industry: Option<Badge<'a>>,
    pub region: Option<Badge<'a>>,
    /// The chapters it illustrates (links to the chapters).
    pub chapters: Vec<Badge<'a>>,
    pub tags: Vec<Badge<'a>>,
}

#[derive(Serialize)]
pub struct FacetLinks {
    pub reason: String,
    pub outcome: String,
    pub initiated_by: String,
    pub year: String,
}

impl Shared<'_> {
    /// The href of a facet page from page `from`.
    pub fn facet_href(&self, from: &str, facet: Facet, value: &str) -> String {
        self.urls.href(from, &facet_dir(facet.name(), value))
    }

    /// Case `i` as a card on the page in folder `from`.
    pub fn card(&self, from: &str, i: usize) -> CaseCard<'_> {
        let c: &PublicCase = &self.published.cases[i];
        let d = &self.cards[i];
        CaseCard {
            title: &c.title,
            href: self.urls.href(from, &self.case_dirs[i]),
            trigger: &d.trigger,
            reason: &c.reason,
            outcome: &c.outcome,
            initiated_by: &c.initiated_by,
            exit_date: &c.exit_date,
            year: &d.year,
            links: FacetLinks {
                reason: self.facet_href(from, Facet::Reason, &c.reason),
                outcome: self.facet_href(from, Facet::Outcome, &c.outcome),
                initiated_by: self.facet_href(from, Facet::InitiatedBy, &c.initiated_by),
                year: self.facet_href(from, Facet::Year, &d.year),
            },
            industry: self.badge(from, Facet::Industry, &c.industry, &d.industry),
            region: self.badge(from, Facet::Region, &c.region, &d.region),
            chapters: c
                .chapters
                .iter()
                .map(|&k| Badge {
                    label: &self.published.chapters[k].title,
                    value: &self.site.chapters[k].slug,
                    href: self.urls.href(from, &self.chapter_dirs[k]),
                })
                .collect(),
            tags: c
                .tags
                .iter()
                .zip(&d.tags)
                .map(|(t, v)| Badge {
                    label: t,
                    value: v,
                    href: self.facet_href(from, Facet::Tag, v),
                })
                .collect(),
        }
    }

    /// A facet value's badge, when the case has a value.
    fn badge<'s>(
        &self,
        from: &str,
        facet: Facet,
        text: &'s Option<String>,
        value: &'s Option<String>,
    ) -> Option<Badge<'s>> {
        match (text, value) {
            (Some(label), Some(value)) => Some(Badge {
                label,
                value,
                href: self.facet_href(from, facet, value),
            }),
            _ => None,
        }
    }

    /// Cases `cases` as cards on the page in folder `from`.
    pub fn cards_of(&self, from: &str, cases: &[usize]) -> Vec<CaseCard<'_>> {
        cases.iter().map(|&i| self.card(from, i)).collect()
    }

    /// A hash of everything a card shows of case `c` but its chapters'
    /// titles (those are in the list of chapters): what lists depend on.
    pub fn card_fingerprint(c: &PublicCase) -> u128 {
        let mut f = crate::text::Fingerprint::default();
        f.str(&c.slug)
            .str(&c.title)
            .str(c.story.trigger.as_deref().unwrap_or("\0"))
            .str(&c.reason)
            .str(&c.initiated_by)
            .str(&c.outcome)
            .json(&c.exit_date)
            .str(c.industry.as_deref().unwrap_or("\0"))
            .str(c.region.as_deref().unwrap_or("\0"))
            .u128(c.tags.len() as u128);
        for t in &c.tags {
            f.str(t);
        }
        f.u128(c.chapters.len() as u128);
        for &k in &c.chapters {
            f.u128(k as u128);
        }
        f.finish()
    }
}
