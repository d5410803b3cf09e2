//! A case as lists show it (the library, facet pages, chapters, the home
//! page, "more cases like this"): a card a new hire can choose from, with
//! the one-line trigger, the badges (each a link to its facet page) and the
//! chapters it illustrates. The theme's `case-card.html` draws it; the
//! library's script filters cards by their `data-` attributes.
//!
//! A case is a card on many pages (the library, each of its facet values,
//! its chapters, other cases): at 10,000 pages a hundred thousand cards.
//! So each card is rendered once per build, with its links written from a
//! marker ([`ROOT`]) that each page replaces by its way back to the site's
//! root, and kept from one build to the next while its case, the theme, the
//! configuration and the list of chapters are the same.

use std::sync::Arc;

use pulldown_cmark::{Event, Parser};
use rayon::prelude::*;
use serde::Serialize;

use crate::anonymize::PublicCase;
use crate::anonymize::generalize::PublicDate;
use crate::anonymize::handbook::Handbook;
use crate::diag::Diagnostic;
use crate::kept::ByArc;
use crate::render::facets::{Facet, slug};
use crate::render::shared::Shared;
use crate::render::urls::{Urls, facet_dir};

/// Where a rendered card's links start: replaced, on each page, by the way
/// from that page to the site's root. (Private-use characters, which no
/// text of a handbook has reason to hold.)
pub const ROOT: &str = "\u{E010}\u{E011}";

/// Every case's card, rendered in the site's language: in full, and
/// compact (title, trigger and badges: "more cases like this").
pub type CardsHtml = Vec<CardHtml>;

/// A case's card, in full and compact.
pub type CardHtml = (Arc<str>, Arc<str>);

/// Cards kept between builds, by case and by what else they are made of.
pub type KeptCards = ByArc<PublicCase, (u128, Arc<str>, Arc<str>)>;

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

/// The card data of the last build with the cases it was made from (by
/// position), for [`card_data`].
pub type KeptCardData = Option<(Vec<Arc<PublicCase>>, Arc<Vec<CardData>>)>;

/// Every case's [`CardData`]; `kept` holds those of the last build (`None`:
/// a one-shot build, which keeps none). A rebuild after an edit makes it
/// again only for a case that changed (the trigger is a Markdown parse,
/// eight thousand of them at 10,000 pages), and shares the whole list when
/// no case did.
pub fn card_data(handbook: &Handbook<'_>, kept: Option<&mut KeptCardData>) -> Arc<Vec<CardData>> {
    let make = |c: &PublicCase| CardData {
        trigger: c.story.trigger.as_deref().map(one_line).unwrap_or_default(),
        year: c.exit_date.datetime.chars().take(4).collect(),
        industry: c.industry.as_deref().map(slug),
        region: c.region.as_deref().map(slug),
        tags: c.tags.iter().map(|t| slug(t)).collect(),
    };
    let cases = &handbook.cases;
    let all = || Arc::new(cases.par_iter().map(|c| make(c)).collect::<Vec<_>>());
    let Some(kept) = kept else {
        return all();
    };
    let same =
        |old: &[Arc<PublicCase>], i: usize| old.get(i).is_some_and(|o| Arc::ptr_eq(o, &cases[i]));
    let data = match kept.as_ref() {
        Some((old, data)) if old.len() == cases.len() && (0..cases.len()).all(|i| same(old, i)) => {
            Arc::clone(data)
        }
        Some((old, data)) => Arc::new(
            (0..cases.len())
                .into_par_iter()
                .map(|i| match same(old, i) {
                    true => data[i].clone(),
                    false => make(&cases[i]),
                })
                .collect(),
        ),
        None => all(),
    };
    *kept = Some((cases.clone(), Arc::clone(&data)));
    data
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

/// A rendered card with its links from `root`: `html.replace(ROOT, root)`,
/// with a searcher made once (a list page holds thousands of cards).
fn with_root(html: &str, root: &str) -> String {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(ROOT.as_bytes()));
    let mut out = String::with_capacity(html.len() + 16 * root.len());
    let mut last = 0;
    for at in FINDER.find_iter(html.as_bytes()) {
        out.push_str(&html[last..at]);
        out.push_str(root);
        last = at + ROOT.len();
    }
    out.push_str(&html[last..]);
    out
}

/// A link a card shows: a badge, a tag, a chapter.
#[derive(Serialize)]
pub struct Badge<'a> {
    pub label: std::borrow::Cow<'a, str>,
    /// The value in URLs and `data-` attributes.
    pub value: &'a str,
    pub href: String,
}

/// A text and its slug, when there is a text.
fn both<'a>(text: &'a Option<String>, slug: &'a Option<String>) -> Option<(&'a str, &'a str)> {
    Some((text.as_deref()?, slug.as_deref()?))
}

/// A case as lists show it, with every href relative to the page.
#[derive(Serialize)]
pub struct CaseCard<'a> {
    /// The client's pseudonym.
    pub client: &'a str,
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

    /// The href of page folder `dir` from a page whose way back to the root
    /// is `root`.
    fn rooted(&self, root: &str, dir: &str) -> String {
        self.urls.rooted(root, dir)
    }

    /// Case `i` as a card, its links written from `root` (a page's way back
    /// to the site root, or [`ROOT`]).
    pub fn card<'a>(&'a self, root: &str, i: usize) -> CaseCard<'a> {
        let c: &PublicCase = &self.handbook.cases[i];
        let d = &self.cards[i];
        let facet = |f: Facet, value: &str| self.rooted(root, &facet_dir(f.name(), value));
        let badge = |f: Facet, pair: Option<(&'a str, &'a str)>| {
            pair.map(|(label, value)| Badge {
                label: label.into(),
                value,
                href: facet(f, value),
            })
        };
        CaseCard {
            client: &c.client,
            title: &c.title,
            href: self.rooted(root, &self.case_dirs[i]),
            trigger: &d.trigger,
            reason: &c.reason,
            outcome: &c.outcome,
            initiated_by: &c.initiated_by,
            exit_date: &c.exit_date,
            year: &d.year,
            links: FacetLinks {
                reason: facet(Facet::Reason, &c.reason),
                outcome: facet(Facet::Outcome, &c.outcome),
                initiated_by: facet(Facet::InitiatedBy, &c.initiated_by),
                year: facet(Facet::Year, &d.year),
            },
            industry: badge(Facet::Industry, both(&c.industry, &d.industry)),
            region: badge(Facet::Region, both(&c.region, &d.region)),
            chapters: c
                .chapters
                .iter()
                .map(|&k| Badge {
                    label: self.handbook.chapters[k].title.as_str().into(),
                    value: &self.handbook.chapter_files[k].slug,
                    href: self.rooted(root, &self.chapter_dirs[k]),
                })
                .collect(),
            tags: c
                .tags
                .iter()
                .zip(&d.tags)
                .map(|(t, v)| Badge {
                    label: crate::render::facets::tag_words(t),
                    value: v,
                    href: facet(Facet::Tag, v),
                })
                .collect(),
        }
    }

    /// Every case's card, rendered (see the module's documentation); `key`
    /// names what they are made of beyond their case.
    pub fn render_cards(&self, kept: &mut KeptCards, key: u128) -> Result<CardsHtml, Diagnostic> {
        let cards: Vec<Result<CardHtml, Diagnostic>> = self
            .handbook
            .cases
            .par_iter()
            .enumerate()
            .map(|(i, c)| match kept.get_at(i, c) {
                Some((k, full, compact)) if *k == key => {
                    Ok((Arc::clone(full), Arc::clone(compact)))
                }
                _ => {
                    let (full, compact) = self.card_pair(i, self.lang())?;
                    Ok((full.into(), compact.into()))
                }
            })
            .collect();
        let cards: CardsHtml = cards.into_iter().collect::<Result<_, _>>()?;
        let keep: Vec<(u128, Arc<str>, Arc<str>)> = cards
            .iter()
            .map(|(f, c)| (key, Arc::clone(f), Arc::clone(c)))
            .collect();
        kept.keep(&self.handbook.cases, &keep);
        Ok(cards)
    }

    /// The context of case `i`'s card in `lang`, its links from [`ROOT`].
    fn card_context(&self, i: usize, lang: &str) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("c", &self.card(ROOT, i));
        ctx.insert("lang", lang);
        ctx.insert_value("t", self.i18n.value(lang));
        ctx
    }

    /// Case `i`'s card in `lang`, its links from [`ROOT`].
    fn card_html(&self, i: usize, lang: &str, compact: bool) -> Result<String, Diagnostic> {
        let mut ctx = self.card_context(i, lang);
        if compact {
            ctx.insert("compact", &true);
        }
        self.theme.render("case-card.html", &ctx)
    }

    /// Case `i`'s card in `lang`, in full and compact, from one context.
    fn card_pair(&self, i: usize, lang: &str) -> Result<(String, String), Diagnostic> {
        let mut ctx = self.card_context(i, lang);
        let full = self.theme.render("case-card.html", &ctx)?;
        ctx.insert("compact", &true);
        Ok((full, self.theme.render("case-card.html", &ctx)?))
    }

    /// Cases `cases` as cards (HTML) on the page in folder `from`, in `lang`.
    pub fn cards_of(&self, from: &str, cases: &[usize], lang: &str, compact: bool) -> Vec<String> {
        let root = Urls::root_from(from);
        cases
            .iter()
            .map(|&i| {
                let own;
                let html: &str = match self.cards_html.get() {
                    Some(all) if lang == self.lang() => {
                        if compact {
                            &all[i].1
                        } else {
                            &all[i].0
                        }
                    }
                    // A page in another language (a translation's cases).
                    _ => {
                        own = self.card_html(i, lang, compact).unwrap_or_default();
                        &own
                    }
                };
                with_root(html, &root)
            })
            .collect()
    }

    /// A hash of everything a card shows of case `c` but its chapters'
    /// titles (those are in the list of chapters): what lists depend on.
    pub fn card_fingerprint(c: &PublicCase) -> u128 {
        let mut f = crate::text::Fingerprint::default();
        f.str(&c.slug)
            .str(&c.client)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_gets_its_root_wherever_the_marker_is() {
        let root = "../../";
        for html in [
            String::new(),
            "no marker".to_string(),
            ROOT.to_string(),
            format!("<a href=\"{ROOT}cases/x/\">{ROOT}{ROOT}</a>é{ROOT}"),
        ] {
            assert_eq!(with_root(&html, root), html.replace(ROOT, root));
        }
    }
}
