//! From the anonymized site to files: Markdown, templates, the page list.
//!
//! [`render_site`] is a pure function of its inputs: the same site, theme and
//! configuration always give the same bytes. Each output file records the
//! inputs it was made from ([`Dep`]), which is what an incremental rebuild
//! needs to re-render one page and its dependents and nothing else.

mod cards;
mod case_page;
mod chapter_page;
pub mod csp;
pub mod facets;
pub mod feed;
pub mod i18n;
pub mod insights;
mod links;
mod list_pages;
pub mod markdown;
mod memo;
mod onboarding;
mod page;
pub mod pages;
mod print;
pub mod sanitize;
pub mod searchable;
mod shared;
mod site_pages;
pub mod theme;
pub mod urls;

use serde::Serialize;

/// An input an output file was made from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Dep {
    /// `site.toml` (and with it the secret set's `[anonymize] sensitive`).
    Config,
    /// Any template or static file.
    Theme,
    /// A content file, by its path under `content/`.
    Source(String),
    /// The list of chapters: titles, order, slugs (navigation, home page).
    ChapterList,
    /// The list of cases: titles, dates, slugs (library, home page).
    CaseList,
    /// The secret set: a change to any sensitive value can touch any page.
    Secrets,
    /// The text of every chapter and case: a search index shard holds the
    /// words of a range of the alphabet, which any page can add to.
    AllContent,
}

/// One file of the site, with what it depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated: `cases/x/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
    pub deps: Vec<Dep>,
}

pub use pages::render_site;
