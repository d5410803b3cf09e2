//! A run that holds the whole site in memory (`serve`, `build --watch`,
//! `check`): every page rendered (or kept from the last good site), then
//! the leak gate over what changed.

use std::sync::Arc;

use super::gate::{Gates, Pass};
use super::good::{Good, Made};
use super::render::Prepared;
use super::{Clock, Finish};
use crate::diag::Diagnostics;
use crate::output::OutputFile;
use crate::render::pages::Memo;

/// Render `pages`, add the `search` files, and pass them all through the
/// leak gate; every problem goes to `diags`.
#[allow(clippy::too_many_arguments)]
pub(super) fn render_and_check(
    inp: &Finish<'_>,
    pages: Prepared<'_>,
    search: Vec<Arc<OutputFile>>,
    good: Option<&Good>,
    memo: &mut Memo,
    gates: &mut Gates,
    clock: &mut Clock,
    diags: &mut Diagnostics,
) -> Made {
    let config = &inp.site_toml.config;
    let rendered = pages.render(&inp.site_toml.shown, good, memo, diags);
    let mut files = rendered.files;
    files.extend(search.iter().cloned());
    diags.extend(crate::render::theme::static_conflicts(
        inp.loc,
        &config.theme,
        inp.static_files,
        files.iter().map(|f| f.path.as_str()),
    ));
    clock.lap("render");

    let checked = gates.check(
        &files,
        Pass::Site,
        good,
        inp.secrets,
        (config, inp.static_files),
        diags,
    );
    if inp.once {
        gates.forget();
    }
    clock.lap("leak check");
    Made {
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files,
        hashes: checked.hashes,
        search,
        deps: rendered.deps,
        rendered: checked.rendered,
        scanned: checked.scanned,
        changed: checked.changed,
        moved: checked.moved,
    }
}
