//! What every page shares, computed once per build: where each chapter,
//! case and facet page is, the cases in order, the onboarding path, and the
//! context every template gets (the site, the navigation, the interface
//! text of the page's language).

use serde::Serialize;
use tera::Context;

use crate::anonymize::handbook::{Handbook, Target};
use crate::config::Config;
use crate::render::cards::{CardData, CardsHtml};
use crate::render::facets::Facets;
use crate::render::feed;
use crate::render::i18n::I18n;
use crate::render::onboarding::Step;
use crate::render::theme::Theme;
use crate::render::urls::Urls;

/// Everything every page shares.
pub(super) struct Shared<'a> {
    pub config: &'a Config,
    pub handbook: &'a Handbook<'a>,
    pub theme: &'a Theme,
    pub i18n: &'a I18n,
    pub urls: Urls,
    pub chapter_dirs: Vec<String>,
    pub case_dirs: Vec<String>,
    /// Cases, newest first (by published date, then slug).
    pub newest: Vec<usize>,
    /// Each case's place in `newest`.
    pub rank: Vec<usize>,
    /// The onboarding path, in order.
    pub steps: Vec<Step>,
    /// Every facet value and its cases.
    pub facets: std::sync::Arc<Facets>,
    /// What a case's card shows beyond the published case, by case.
    pub cards: std::sync::Arc<Vec<CardData>>,
    /// Every case's card, rendered once a build (before the pages).
    pub cards_html: std::sync::OnceLock<CardsHtml>,
    /// What each case shows the same on every page that holds it, made
    /// when first needed and kept until its own page has it.
    pub case_texts:
        Vec<std::sync::Mutex<Option<std::sync::Arc<crate::render::case_page::CaseTexts>>>>,
}

/// The part of the site a page belongs to, marked in the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    Playbook,
    Cases,
    Insights,
    Start,
    Print,
    Search,
    None,
}

impl Section {
    fn name(self) -> &'static str {
        match self {
            Section::Playbook => "playbook",
            Section::Cases => "cases",
            Section::Insights => "insights",
            Section::Start => "start",
            Section::Print => "print",
            Section::Search => "search",
            Section::None => "",
        }
    }
}

#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    description: Option<&'a str>,
    language: &'a str,
    /// The prefix of what the site's scripts keep in the reader's browser
    /// (progress, answers): one per handbook, so that two handbooks opened
    /// from disk (one origin) keep theirs apart.
    store: String,
}

/// Hrefs of the pages every page links to, relative to the page.
#[derive(Serialize)]
struct NavCtx {
    home: String,
    chapters: String,
    cases: String,
    start: Option<String>,
    print: String,
    insights: String,
    /// `atom.xml`, when there is one.
    feed: Option<String>,
    assets: String,
    /// The search page, and the way back to the site root (for the index).
    search: String,
    root: String,
    /// The section of the page (`cases`), and whether the page is the
    /// section's own (the library itself, not a case).
    current: &'static str,
    here: bool,
}

impl Shared<'_> {
    /// The language of pages that have none of their own.
    pub fn lang(&self) -> &str {
        &self.config.language
    }

    pub fn dir_of(&self, t: Target) -> &str {
        match t {
            Target::Chapter(i) => &self.chapter_dirs[i],
            Target::Case(i) => &self.case_dirs[i],
        }
    }

    /// An `@/` link's href from page `from`.
    pub fn href_to(&self, from: &str, rel: &str, anchor: Option<&str>) -> Option<String> {
        let target = self.handbook.resolve(rel)?;
        let href = self.urls.href(from, self.dir_of(target));
        Some(match anchor {
            Some(a) => format!("{href}#{a}"),
            None => href,
        })
    }

    /// The navigation of a page in folder `from` (or, with `base`, of a page
    /// shown at any address: absolute links).
    fn nav(&self, from: &str, base: Option<&str>, section: Section, here: bool) -> NavCtx {
        let link = |to: &str| match base {
            Some(b) => self.urls.absolute(b, to),
            None => self.urls.href(from, to),
        };
        let root = match base {
            Some(b) => b.to_string(),
            None => Urls::root_from(from),
        };
        let home = link("");
        NavCtx {
            chapters: format!("{home}#chapters"),
            home,
            cases: link("cases/"),
            start: (!self.steps.is_empty()).then(|| link("start/")),
            print: link("print/"),
            insights: link("insights/"),
            feed: self
                .config
                .base_url
                .as_ref()
                .map(|_| format!("{root}{}", feed::PATH)),
            assets: format!("{root}assets/"),
            search: link("search/"),
            root,
            current: section.name(),
            here,
        }
    }

    /// The context of a page in folder `from`, in `lang`, of `section`
    /// (`here`: the section's own page).
    pub fn base_context(
        &self,
        from: &str,
        title: &str,
        lang: &str,
        (section, here): (Section, bool),
    ) -> Context {
        self.context_with(self.nav(from, None, section, here), title, lang)
    }

    /// The context of `404.html`: absolute links from `base` (`base_url`),
    /// or links from the site root that its script makes absolute.
    pub fn not_found_context(&self, base: Option<&str>, title: &str) -> Context {
        self.context_with(self.nav("", base, Section::None, false), title, self.lang())
    }

    fn context_with(&self, nav: NavCtx, title: &str, lang: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert(
            "site",
            &SiteCtx {
                title: &self.config.title,
                description: self.config.description.as_deref(),
                language: &self.config.language,
                store: format!("exitbook:{}", crate::text::slugify(&self.config.title)),
            },
        );
        ctx.insert("nav", &nav);
        ctx.insert("page_title", title);
        ctx.insert("lang", lang);
        ctx.insert_value("t", self.i18n.value(lang));
        ctx
    }

    /// An interface text of the site's language.
    pub fn text<'s>(&'s self, path: &'s str) -> &'s str {
        self.i18n.text(self.lang(), path)
    }
}
