//! The pages that list cases: the home page, the case library (`cases/`)
//! with its filters, and a page per facet value (`cases/<facet>/<value>/`).

use serde::Serialize;

use crate::anonymize::PublicCase;
use crate::kept::ByArc;

use crate::output::Dep;
use crate::render::facets::{Facet, FacetValue};
use crate::render::page::PageOut;
use crate::render::shared::{Section, Shared};
use crate::render::urls::facet_dir;

/// How many of the newest cases the home page shows.
const LATEST: usize = 6;

/// A facet page lists its facet's other values up to this many.
const MAX_SIBLINGS: usize = 40;

#[derive(Serialize)]
pub struct ChapterItem<'a> {
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub href: String,
    pub lang: Option<&'a str>,
    pub cases: usize,
}

/// A facet and its values, as the library's filters and the facet pages'
/// "browse by" links show them.
#[derive(Serialize)]
struct FacetGroup<'a> {
    name: &'static str,
    label: &'a str,
    values: Vec<FacetOption<'a>>,
}

#[derive(Serialize)]
struct FacetOption<'a> {
    value: &'a str,
    label: std::borrow::Cow<'a, str>,
    count: usize,
    href: String,
    /// The value of the page being shown.
    current: bool,
}

impl Shared<'_> {
    pub fn chapter_item(&self, from: &str, i: usize) -> ChapterItem<'_> {
        let c = &self.handbook.chapter_files[i];
        ChapterItem {
            title: &self.handbook.chapters[i].title,
            summary: self.handbook.chapters[i].summary.as_deref(),
            href: self.urls.href(from, &self.chapter_dirs[i]),
            lang: c.lang.as_deref(),
            cases: self.handbook.cases_of_chapter[i].len(),
        }
    }

    /// Every facet with its values, for the page in folder `from`
    /// (`current`: the value that page shows).
    fn facet_groups(&self, from: &str, current: Option<&FacetValue>) -> Vec<FacetGroup<'_>> {
        Facet::ALL
            .iter()
            .filter_map(|&f| self.facet_group(f, from, current))
            .collect()
    }

    /// Facet `f` with its values, if it has any (see [`Shared::facet_groups`]).
    fn facet_group(
        &self,
        f: Facet,
        from: &str,
        current: Option<&FacetValue>,
    ) -> Option<FacetGroup<'_>> {
        let lang = self.lang();
        let group = FacetGroup {
            name: f.name(),
            label: self.i18n.label(lang, "facet", f.name()),
            values: self
                .facets
                .of(f)
                .map(|v| FacetOption {
                    value: &v.value,
                    label: v.label(self.i18n, lang),
                    count: v.cases.len(),
                    href: self.urls.href(from, &facet_dir(f.name(), &v.value)),
                    current: current.is_some_and(|c| c.facet == f && c.value == v.value),
                })
                .collect(),
        };
        (!group.values.is_empty()).then_some(group)
    }

    /// The home page: the chapters (each introduced by the situation it is
    /// for), and the newest cases.
    pub fn home_page(&self) -> PageOut {
        let dir = String::new();
        let mut ctx = self.base_context(
            &dir,
            &self.config.title,
            self.lang(),
            (Section::Playbook, false),
        );
        let chapters: Vec<ChapterItem<'_>> = self
            .handbook
            .originals()
            .map(|i| self.chapter_item(&dir, i))
            .collect();
        let latest: Vec<usize> = self.newest.iter().take(LATEST).copied().collect();
        ctx.insert("chapters", &chapters);
        ctx.insert(
            "latest_cases",
            &self.cards_of(&dir, &latest, self.lang(), false),
        );
        ctx.insert("case_count", &self.handbook.cases.len());
        PageOut {
            dir,
            template: "index.html",
            ctx,
            deps: vec![Dep::ChapterList, Dep::CaseList],
        }
    }

    /// `cases/`: every case, newest first, with the filters.
    pub fn library_page(&self) -> PageOut {
        let dir = "cases/".to_string();
        let mut ctx = self.base_context(
            &dir,
            self.text("library.title"),
            self.lang(),
            (Section::Cases, true),
        );
        let cases = self.cards_of(&dir, &self.newest, self.lang(), false);
        ctx.insert("cases", &cases);
        ctx.insert("filters", &self.facet_groups(&dir, None));
        PageOut {
            dir,
            template: "cases.html",
            ctx,
            deps: vec![Dep::CaseList, Dep::ChapterList],
        }
    }

    /// `cases/<facet>/<value>/`: the cases of one facet value, newest first.
    pub fn facet_page(&self, k: usize) -> PageOut {
        let v = &self.facets.values[k];
        let dir = facet_dir(v.facet.name(), &v.value);
        let lang = self.lang();
        let facet_label = self.i18n.label(lang, "facet", v.facet.name());
        let label = v.label(self.i18n, lang);
        let title = format!("{facet_label}: {label}");
        let mut ctx = self.base_context(&dir, &title, lang, (Section::Cases, false));
        ctx.insert("facet", v.facet.name());
        ctx.insert("facet_label", facet_label);
        ctx.insert("value", &v.value);
        ctx.insert("label", &label);
        ctx.insert("cases", &self.cards_of(&dir, &v.cases, lang, false));
        ctx.insert("library", &self.urls.href(&dir, "cases/"));
        // The other values, to browse on without the library's filters:
        // not where they are many (a handbook's every chapter on each of
        // its chapters' pages would grow as their square).
        let group = (self.facets.of(v.facet).count() <= MAX_SIBLINGS)
            .then(|| self.facet_group(v.facet, &dir, Some(v)))
            .flatten();
        ctx.insert("siblings", &group);
        if let Facet::Chapter = v.facet
            && let Some(i) = self.handbook.chapter_by_slug(&v.value)
        {
            ctx.insert("chapter", &self.chapter_item(&dir, i));
        }
        PageOut {
            dir,
            template: "facet.html",
            ctx,
            deps: vec![Dep::CaseList, Dep::ChapterList],
        }
    }

    /// The values of [`Dep::ChapterList`] and [`Dep::CaseList`]: hashes of
    /// everything a page may show of a chapter or case other than its own
    /// (the items of lists, navigation, links and their order).
    pub fn list_fingerprints(&self, case_items: &mut ByArc<PublicCase, u128>) -> (u128, u128) {
        let sh = self;
        let site = sh.handbook;
        let mut chapters = crate::text::Fingerprint::default();
        for (i, c) in site.chapter_files.iter().enumerate() {
            let item = sh.chapter_item("", i);
            chapters
                .str(item.title)
                .str(item.summary.unwrap_or("\0"))
                .str(&item.href)
                .str(item.lang.unwrap_or("\0"))
                .u128(item.cases as u128)
                .str(&c.rel)
                .str(&c.slug)
                .u128(site.original[i].map_or(u128::MAX, |o| o as u128));
            for &t in &site.translations[i] {
                chapters.u128(t as u128);
            }
            for &k in &site.cases_of_chapter[i] {
                chapters.str(&site.case_files[k]);
            }
        }
        // What a card shows, kept for each published case while it is the
        // same.
        let items = case_items.all(&sh.handbook.cases, Shared::card_fingerprint);
        let mut cases = crate::text::Fingerprint::default();
        for &i in &sh.newest {
            cases.str(&sh.handbook.case_files[i]).u128(items[i]);
        }
        (chapters.finish(), cases.finish())
    }
}
