//! The search index: made from what the pages were made of, so this is the
//! one place that knows both render and search. Rebuilt when any page was;
//! else the last good site's index is kept.

use std::sync::Arc;

use super::good::Good;
use super::render::Rendered;
use crate::diag::Diagnostics;
use crate::output::OutputFile;
use crate::render::pages::Memo;

/// The search page and the index files.
pub(super) fn index(
    rendered: &Rendered<'_>,
    good: Option<&Good>,
    memo: &mut Memo,
    diags: &mut Diagnostics,
) -> Vec<Arc<OutputFile>> {
    match good {
        Some(g) if !rendered.any_page => g.search.clone(),
        _ => {
            let (search, d) = rendered.renderer.search(memo);
            diags.extend(d.0);
            search
        }
    }
}
