//! The search index: made from what the pages are made of (before they are
//! rendered, so that its working memory is gone by then), and so the one
//! place that knows both render and search. Rebuilt when any page is; else
//! the last good site's index is kept.

use std::sync::Arc;

use super::good::Good;
use super::render::Prepared;
use super::searchable::{self, KeptPages};
use crate::diag::Diagnostics;
use crate::output::{Dep, OutputFile};
use crate::render::pages::SearchFilter;

/// The search script, among the site's static files (a theme may replace
/// it like any other).
pub(super) const ASSETS: &[(&str, &[u8])] =
    &[("assets/search.js", crate::search::script::SCRIPT.as_bytes())];

/// What the search stage keeps between runs: the index builder (what each
/// page added to the index) and what search read of each chapter and case.
#[derive(Default)]
pub(super) struct Kept {
    builder: crate::search::Builder,
    pages: KeptPages,
}

impl Kept {
    /// What a one-shot build keeps: nothing beyond the stage.
    pub(super) fn once() -> Kept {
        let mut k = Kept::default();
        k.builder.once = true;
        k
    }
}

/// The search page and the index files.
pub(super) fn index(
    pages: &Prepared<'_>,
    good: Option<&Good>,
    kept: &mut Kept,
    diags: &mut Diagnostics,
) -> Vec<Arc<OutputFile>> {
    match good {
        Some(g) if !pages.any_fresh() => g.search.clone(),
        _ => build(pages, kept, diags),
    }
}

/// The search index and the search page. They are built whole: term
/// shards hold words of every page and their file names are known only
/// once the index is built. Everything they read is also read by some
/// page, so a rebuild that renders no page can keep the previous ones.
fn build(pages: &Prepared<'_>, kept: &mut Kept, diags: &mut Diagnostics) -> Vec<Arc<OutputFile>> {
    let s = pages.renderer.searchable();
    let docs = searchable::pages(&s, &mut kept.pages);
    let docs: Vec<&crate::search::Page<'_>> = docs.iter().map(|p| &**p).collect();
    let options = crate::search::Options::of(s.config);
    let index = kept
        .builder
        .build(&docs, &options, &[Dep::Config, Dep::Secrets]);
    let filters: Vec<SearchFilter<'_>> = index
        .filters
        .iter()
        .map(|g| SearchFilter {
            name: g.name,
            values: g
                .values
                .iter()
                .map(|v| (v.value.as_str(), v.label.as_str(), v.count))
                .collect(),
        })
        .collect();
    let mut search = Vec::with_capacity(index.files.len() + 1);
    match pages.renderer.search_page(&filters, &index.lookup) {
        Ok(f) => search.push(Arc::new(f)),
        Err(d) => diags.push(d),
    }
    search.extend(index.files);
    search
}
