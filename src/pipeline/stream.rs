//! A one-shot `build` that streams: the pages are rendered, checked by the
//! leak gate and written to the staging folder a part at a time, so that
//! the build never holds the whole site in memory. Nothing is published
//! unless every part passed (the staging folder is dropped otherwise).

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::gate::{Gates, Pass};
use super::good::Made;
use super::render::Prepared;
use super::{Clock, Finish, process_cpu};
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
        took: [(Duration::ZERO, Duration::ZERO); 3],
        since: (Instant::now(), process_cpu()),
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
    // Pages follow that hold the index's paragraphs again.
    sink.write(&search, true, diags, &mut timer);
    drop(search);
    // What reading and writing the index freed goes back to the system
    // before the print page, the largest part, is made.
    crate::memory::give_back_free_memory();
    let print = pages.renderer.print_index();
    for members in &parts(&pages) {
        let in_part = |i: usize| members.binary_search(&i).is_ok();
        let part: Vec<Arc<OutputFile>> = pages
            .render_part(&in_part, memo)
            .into_iter()
            .map(Arc::new)
            .collect();
        if members.len() == 1 && Some(members[0]) == print {
            // What making the print page freed (its parts, its cases' bodies)
            // goes back before the gate reads it.
            crate::memory::give_back_free_memory();
        }
        timer.lap(RENDER);
        sink.write(&part, false, diags, &mut timer);
    }
    pages.report(&inp.site_toml.shown, diags);
    timer.lap(RENDER);
    for (stage, i) in [("render", RENDER), ("leak check", GATE), ("publish", WRITE)] {
        let (wall, cpu) = timer.took[i];
        clock.add(stage, wall, cpu);
    }
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

/// At most this many cases listed in full by the pages of a part (the
/// library and the facet values' pages list megabytes of cards each at
/// 10,000 pages).
const LISTED_AT_ONCE: usize = 16_000;

/// The files to make together, in order (each part ascending): the print
/// page first and alone (it holds every chapter and case again, made from
/// all their bodies), then [`PART`] files at a time, or fewer where their
/// lists of cases reach [`LISTED_AT_ONCE`].
fn parts(pages: &Prepared<'_>) -> Vec<Vec<usize>> {
    let print = pages.renderer.print_index();
    let mut parts: Vec<Vec<usize>> = print.map(|p| vec![p]).into_iter().collect();
    let (mut part, mut listed) = (Vec::new(), 0);
    for i in (0..pages.paths.len()).filter(|&i| Some(i) != print) {
        let cases = pages.renderer.cases_listed(i);
        if !part.is_empty() && (part.len() == PART || listed + cases > LISTED_AT_ONCE) {
            parts.push(std::mem::take(&mut part));
            listed = 0;
        }
        part.push(i);
        listed += cases;
    }
    if !part.is_empty() {
        parts.push(part);
    }
    parts
}

const RENDER: usize = 0;
const GATE: usize = 1;
const WRITE: usize = 2;

/// Time spent in each stage (wall, CPU), a part at a time.
struct Timer {
    took: [(Duration, Duration); 3],
    since: (Instant, Duration),
}

impl Timer {
    fn lap(&mut self, stage: usize) {
        let now = (Instant::now(), process_cpu());
        self.took[stage].0 += now.0 - self.since.0;
        self.took[stage].1 += now.1.saturating_sub(self.since.1);
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
    /// `ahead`: files follow that may hold these files' paragraphs again.
    fn write(
        &mut self,
        files: &[Arc<OutputFile>],
        ahead: bool,
        diags: &mut Diagnostics,
        timer: &mut Timer,
    ) {
        let inp = self.inp;
        self.gates.check(
            files,
            Pass::Stream { ahead },
            None,
            inp.secrets,
            (&inp.site_toml.config, inp.static_files),
            diags,
        );
        timer.lap(GATE);
        if !diags.has_errors()
            && let Err(d) = self.staging.write(files)
        {
            diags.push(d);
        }
        timer.lap(WRITE);
    }
}
