//! From the published handbook to files: Markdown, templates, the page list.
//!
//! Render reads only [`crate::anonymize::handbook::Handbook`], never the raw
//! records. [`pages::Renderer`] is a pure function of its inputs: the same
//! handbook, theme and configuration always give the same bytes. Each output file records the
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
mod shared;
mod site_pages;
pub mod theme;
pub mod urls;
