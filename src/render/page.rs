//! The kinds of page of the site, each declared once: here, which pages of
//! the kind a site has, its path, and which function makes it; its
//! template, context and dependencies in the module named for it
//! (`chapter_page`, `case_page`, `list_pages`, `onboarding`, `print`,
//! `site_pages`), and its template in the theme.

use std::sync::Arc;

use tera::Context;

use crate::anonymize::handbook::Target;
use crate::diag::Diagnostic;
use crate::output::{Dep, OutputFile};
use crate::render::feed;
use crate::render::markdown::Rendered;
use crate::render::shared::Shared;
use crate::render::urls::{exercise_dir, facet_dir};

/// Every page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Chapter(usize),
    Library,
    /// A facet value's cases: an index into `Facets::values`.
    Facet(usize),
    Case(usize),
    Start,
    /// The exercise of a step (an index into `Shared::steps`) and its case.
    Exercise(usize, usize),
    Print,
    NotFound,
    Insights,
    /// `atom.xml`, with `base_url` only.
    Feed,
}

impl Page {
    /// Whether the page shows cases as cards.
    pub fn lists_cases(self) -> bool {
        matches!(
            self,
            Page::Home | Page::Library | Page::Facet(_) | Page::Chapter(_) | Page::Case(_)
        )
    }
}

/// What a page kind gives to be rendered: its folder, its template, its
/// context and what it depends on beyond the configuration, the theme and
/// the secret set (which every page depends on).
pub struct PageOut {
    pub dir: String,
    pub template: &'static str,
    pub ctx: Context,
    pub deps: Vec<Dep>,
}

impl Page {
    /// Every page of the site, in render order.
    pub fn all(sh: &Shared<'_>) -> Vec<Page> {
        let mut pages = vec![
            Page::Home,
            Page::Library,
            Page::Print,
            Page::NotFound,
            Page::Insights,
        ];
        if !sh.steps.is_empty() {
            pages.push(Page::Start);
        }
        if sh.config.base_url.is_some() {
            pages.push(Page::Feed);
        }
        pages.extend((0..sh.handbook.chapters.len()).map(Page::Chapter));
        pages.extend((0..sh.handbook.cases.len()).map(Page::Case));
        pages.extend((0..sh.facets.values.len()).map(Page::Facet));
        pages.extend(
            sh.steps
                .iter()
                .enumerate()
                .filter_map(|(s, step)| match step.target {
                    Target::Case(i) => Some(Page::Exercise(s, i)),
                    Target::Chapter(_) => None,
                }),
        );
        pages
    }

    /// The page, rendered (`bodies`: the chapters' bodies). The print page
    /// is not one: it is put together from its parts (`print.rs`).
    pub fn render(
        self,
        sh: &Shared<'_>,
        bodies: &[Arc<Rendered>],
    ) -> Result<OutputFile, Diagnostic> {
        let out = match self {
            Page::Home => sh.home_page(),
            Page::Library => sh.library_page(),
            Page::Facet(k) => sh.facet_page(k),
            Page::Chapter(i) => sh.chapter_page(i, &bodies[i]),
            Page::Case(i) => sh.case_page(i),
            Page::Start => sh.start_page(),
            Page::Exercise(s, i) => sh.exercise_page(&sh.steps[s], i),
            Page::Insights => sh.insights_page(),
            Page::NotFound => return sh.not_found_file(),
            Page::Feed => return Ok(sh.feed_file()),
            Page::Print => unreachable!("the print page is put together from its parts"),
        };
        let html = sh.theme.render(out.template, &out.ctx)?;
        let mut deps = vec![Dep::Config, Dep::Theme, Dep::Secrets];
        deps.extend(out.deps);
        Ok(OutputFile {
            path: format!("{}index.html", out.dir),
            bytes: html.into_bytes(),
            deps,
        })
    }

    /// Its file in the output: `cases/reason/complaint/index.html`.
    pub fn path(self, sh: &Shared<'_>) -> String {
        // One allocation a page: every rebuild lists every page's path.
        let in_dir = |dir: &str| {
            let mut path = String::with_capacity(dir.len() + "index.html".len());
            path.push_str(dir);
            path.push_str("index.html");
            path
        };
        match self {
            Page::Home => in_dir(""),
            Page::Library => in_dir("cases/"),
            Page::Start => in_dir("start/"),
            Page::Print => in_dir("print/"),
            Page::NotFound => "404.html".into(),
            Page::Insights => in_dir("insights/"),
            Page::Feed => feed::PATH.into(),
            Page::Chapter(i) => in_dir(&sh.chapter_dirs[i]),
            Page::Case(i) => in_dir(&sh.case_dirs[i]),
            Page::Facet(k) => {
                let v = &sh.facets.values[k];
                in_dir(&facet_dir(v.facet.name(), &v.value))
            }
            Page::Exercise(s, _) => in_dir(&exercise_dir(sh.steps[s].n)),
        }
    }
}
