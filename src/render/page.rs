//! The kinds of page of the site, each declared once: its path here, its
//! template, context and dependencies in the module named for it.

use tera::Context;

use crate::output::Dep;
use crate::render::feed;
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
    /// Its file in the output: `cases/reason/complaint/index.html`.
    pub fn path(self, sh: &Shared<'_>) -> String {
        let dir = match self {
            Page::Home => String::new(),
            Page::Library => "cases/".into(),
            Page::Start => "start/".into(),
            Page::Print => "print/".into(),
            Page::NotFound => return "404.html".into(),
            Page::Insights => "insights/".into(),
            Page::Feed => return feed::PATH.into(),
            Page::Chapter(i) => sh.chapter_dirs[i].clone(),
            Page::Case(i) => sh.case_dirs[i].clone(),
            Page::Facet(k) => {
                let v = &sh.facets.values[k];
                facet_dir(v.facet.name(), &v.value)
            }
            Page::Exercise(s, _) => exercise_dir(sh.steps[s].n),
        };
        format!("{dir}index.html")
    }
}
