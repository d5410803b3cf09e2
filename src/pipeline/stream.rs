//! A one-shot `build` that streams: the pages are rendered, checked by the
//! leak gate and written to the staging folder a part at a time, so that
//! the build never holds the whole site in memory. Nothing is published
//! unless every part passed (the staging folder is dropped otherwise).

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::gate::Gates;
use super::good::Made;
use super::render::Prepared;
use super::{Clock, Finish};
use crate::diag::Diagnostics;
use crate::output::OutputFile;
use crate::publish::Staging;
use crate::render::pages::Memo;

/// Files rendered, checked and written together: enough to keep both
/// cores busy, few enough that a part of the largest pages stays small.
const PART: usize = 512;

/// Render, check and write every file of `pages` and `search` into
/// `staging`; every problem goes to `diags` (and once there is an error,
/// nothing more is written: the staging folder will be dropped).
#[allow(clippy::too_many_arguments)]
pub(super) fn stream(
    inp: &Finish<'_>,
    mut pages: Prepared<'_>,
    search: Vec<Arc<OutputFile>>,
    gates: &mut Gates,
    staging: &mut Staging,
    memo: &mut Memo,
    clock: &mut Clock,
    diags: &mut Diagnostics,
) -> Made {
    let mut timer = Timer {
        took: [Duration::ZERO; 3],
        since: Instant::now(),
    };
    // Which static files clash with generated ones: by path alone.
    let search_paths = search.iter().map(|f| f.path.as_str());
    let all: Vec<&str> = pages
        .paths
        .iter()
        .map(String::as_str)
        .chain(search_paths)
        .collect();
    diags.extend(crate::render::theme::static_conflicts(
        inp.loc,
        &inp.site_toml.config.theme,
        inp.static_files,
        all.iter().copied(),
    ));
    let total = all.len();
    let page_count = all.iter().filter(|p| p.ends_with(".html")).count();
    drop(all);
    timer.lap(RENDER);
    let mut sink = Sink {
        inp,
        gates,
        staging,
    };
    sink.write(&search, diags, &mut timer);
    drop(search);
    // The print page first and alone: it holds every chapter and case
    // again, and is made from all their bodies at once.
    let n = pages.paths.len();
    let print = pages.renderer.print_index();
    let alone = print.map(|p| p..p + 1);
    let parts = alone
        .into_iter()
        .chain((0..n).step_by(PART).map(|s| s..(s + PART).min(n)));
    for (k, range) in parts.enumerate() {
        let whole = k == 0 && print.is_some();
        let in_part = |i: usize| range.contains(&i) && (whole || Some(i) != print);
        let part: Vec<Arc<OutputFile>> = pages
            .render_part(&in_part, memo)
            .into_iter()
            .map(Arc::new)
            .collect();
        timer.lap(RENDER);
        sink.write(&part, diags, &mut timer);
    }
    pages.report(&inp.site_toml.shown, diags);
    timer.lap(RENDER);
    clock.add("render", timer.took[RENDER]);
    clock.add("leak check", timer.took[GATE]);
    clock.add("publish", timer.took[WRITE]);
    // Nothing is kept: the files are in the staging folder.
    Made {
        files: Vec::new(),
        hashes: Vec::new(),
        search: Vec::new(),
        deps: pages.into_deps(),
        pages: page_count,
        rendered: total,
        scanned: total,
        changed: Vec::new(),
        moved: true,
    }
}

const RENDER: usize = 0;
const GATE: usize = 1;
const WRITE: usize = 2;

/// Time spent in each stage, a part at a time.
struct Timer {
    took: [Duration; 3],
    since: Instant,
}

impl Timer {
    fn lap(&mut self, stage: usize) {
        let now = Instant::now();
        self.took[stage] += now - self.since;
        self.since = now;
    }
}

/// Where a part goes once rendered: the gate, then the staging folder.
struct Sink<'s, 'i> {
    inp: &'s Finish<'i>,
    gates: &'s mut Gates,
    staging: &'s mut Staging,
}

impl Sink<'_, '_> {
    fn write(&mut self, files: &[Arc<OutputFile>], diags: &mut Diagnostics, timer: &mut Timer) {
        let inp = self.inp;
        self.gates
            .check(files, None, inp.secrets, &inp.site_toml.config, diags);
        timer.lap(GATE);
        if !diags.has_errors()
            && let Err(d) = self.staging.write(files)
        {
            diags.push(d);
        }
        timer.lap(WRITE);
    }
}
