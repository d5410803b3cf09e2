//! The search index: made from what the pages are made of (before they are
//! rendered, so that its working memory is gone by then), and so the one
//! place that knows both render and search. Rebuilt when any page is; else
//! the last good site's index is kept.

use std::sync::Arc;

use super::good::Good;
use super::render::Prepared;
use crate::diag::Diagnostics;
use crate::output::OutputFile;
use crate::render::pages::Memo;

/// The search page and the index files.
pub(super) fn index(
    pages: &Prepared<'_>,
    good: Option<&Good>,
    memo: &mut Memo,
    diags: &mut Diagnostics,
) -> Vec<Arc<OutputFile>> {
    match good {
        Some(g) if !pages.any_fresh() => g.search.clone(),
        _ => {
            let (search, d) = pages.renderer.search(memo);
            diags.extend(d.0);
            search
        }
    }
}
