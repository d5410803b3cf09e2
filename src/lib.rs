//! exitbook: a static-site generator for a team's client-exit handbook.
//!
//! The pipeline, one stage per module, each taking and returning plain data:
//!
//! ```text
//! load (site.toml, files) → model (chapters, cases, links) → anonymize
//!   → render (Markdown, templates, search index) → leak check → publish (atomic swap)
//! ```
//!
//! [`generate`] runs everything up to the leak check in memory; [`build`]
//! publishes its result and [`check`] only reports. Nothing in this library
//! prints: the binary decides how diagnostics are shown.

pub mod anonymize;
pub mod config;
pub mod diag;
pub mod gate;
pub mod kept;
pub mod load;
pub mod memory;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod text;

use std::path::{Path, PathBuf};

use load::Location;

pub use diag::{Diagnostic, Diagnostics, display_path};
pub use pipeline::{Generated, Mode};
pub use scaffold::{find_root, init, new_case, new_chapter};
pub use serve::{Event, ServeOptions, WatchOptions, serve, watch};

/// Read, check and render the handbook at `root`, then run the leak check
/// on the result. Returns the files only when there are no errors.
///
/// This is one run of the [`pipeline::Pipeline`] from nothing; `serve` and
/// `build --watch` keep a pipeline and run it again on every change.
pub fn generate(root: &Path, drafts: bool, mode: Mode) -> (Option<Generated>, Diagnostics) {
    let mut pipeline = pipeline::Pipeline::once(root, drafts, mode);
    let run = pipeline.run(&pipeline::Changes::All);
    (pipeline.into_generated(run.timings), run.diagnostics)
}

use publish::{check_reveal_path, write_reveal_map};

/// What `build` did.
#[derive(Debug)]
pub struct BuildReport {
    pub diagnostics: Diagnostics,
    /// `Some` when the site was written.
    pub written: Option<Generated>,
    pub out: PathBuf,
    /// The output or reveal-map path was refused before anything was built
    /// (wrong usage: exit status 2).
    pub refused: bool,
}

/// The output folder: `-o OUT` as given (relative to the current folder),
/// else `DIR/public`.
pub fn output_dir(root: &Path, out: Option<&Path>) -> PathBuf {
    match out {
        Some(o) => o.to_path_buf(),
        None => root.join("public"),
    }
}

/// `exitbook build`: generate and, when there are no errors, publish (and
/// write the reveal map, when asked for, outside the output folder).
/// For a process that ends after it: what the run made is not freed
/// ([`pipeline::Pipeline::ending_the_process`]).
pub fn build(
    root: &Path,
    out: Option<&Path>,
    drafts: bool,
    reveal_map: Option<&Path>,
) -> BuildReport {
    let out = output_dir(root, out);
    let paths = publish::check_output(root, &out)
        .and_then(|()| publish::check_folder(&out))
        .and_then(|()| reveal_map.map_or(Ok(()), |map| check_reveal_path(map, &out, root)));
    if let Err(d) = paths {
        return BuildReport {
            diagnostics: Diagnostics(vec![d]),
            written: None,
            out,
            refused: true,
        };
    }
    let staging = match publish::Staging::begin(&out) {
        Ok(s) => s,
        Err(d) => {
            return BuildReport {
                diagnostics: Diagnostics(vec![d]),
                written: None,
                out,
                refused: false,
            };
        }
    };
    // The pages go to the staging folder as they are made; it replaces the
    // output folder only when the whole run passed.
    let mut pipeline = pipeline::Pipeline::once(root, drafts, Mode::Build);
    pipeline.stream_into(staging);
    // `build` is the command's whole work: the process ends after it.
    pipeline.ending_the_process();
    let run = pipeline.run(&pipeline::Changes::All);
    let staging = pipeline.take_staging();
    let mut diagnostics = run.diagnostics;
    let mut timings = run.timings;
    let published = match staging {
        Some(s) if run.ok => {
            let started = std::time::Instant::now();
            let cpu = pipeline::process_cpu();
            let committed = s.commit();
            if let Some(p) = timings.iter_mut().find(|l| l.stage == "publish") {
                p.wall += started.elapsed();
                p.cpu += pipeline::process_cpu().saturating_sub(cpu);
            }
            committed
                .map(|note| diagnostics.extend(note))
                .map_err(|d| diagnostics.push(d))
                .is_ok()
        }
        _ => false,
    };
    let written = match pipeline.into_generated(timings) {
        Some(g) if published => {
            if let Some(map) = reveal_map
                && let Err(d) = write_reveal_map(map, &g.reveal, &out, root)
            {
                diagnostics.push(d);
            }
            Some(g)
        }
        _ => None,
    };
    BuildReport {
        diagnostics,
        written,
        out,
        refused: false,
    }
}

/// `exitbook check`: everything `build` verifies; writes nothing.
pub fn check(root: &Path) -> (Option<Generated>, Diagnostics) {
    let (generated, mut diagnostics) = generate(root, false, Mode::Check);
    say_if_no_feed(root, generated.as_ref(), &mut diagnostics);
    (generated, diagnostics)
}

/// `check` says that no `atom.xml` is written without `base_url`: a
/// reminder for whoever sets the handbook up, not a line of every `build`
/// (nor of `serve`, which would say it again on every rebuild).
fn say_if_no_feed(root: &Path, generated: Option<&Generated>, diags: &mut Diagnostics) {
    if let Some(g) = generated
        && g.config.base_url.is_none()
    {
        let site_toml = Location::new(root).shown("site.toml");
        diags.push(render::feed::no_feed_note(&site_toml));
    }
}

/// `exitbook check --show CASE`: one record as it would be published,
/// found by slug, file stem or path.
pub fn show_case(root: &Path, which: &str) -> Result<String, Diagnostics> {
    let mut pipeline = pipeline::Pipeline::once(root, true, Mode::Check);
    let (cases, mut diags) = pipeline.publish_cases();
    let Some(cases) = cases else {
        return Err(diags);
    };
    let wanted = which.trim_end_matches(".yaml").trim_end_matches(".yml");
    let stem = |rel: &str| {
        let rel = rel.trim_end_matches(".yaml").trim_end_matches(".yml");
        (
            rel.rsplit('/').next() == Some(wanted),
            rel.ends_with(wanted),
        )
    };
    let found = cases.iter().position(|(rel, _)| {
        let (is_stem, ends) = stem(rel);
        is_stem || ends
    });
    let found = found.or_else(|| cases.iter().position(|(_, c)| c.slug == wanted));
    match found {
        Some(i) => serde_json::to_string_pretty(&*cases[i].1)
            .map(|json| internal_links_as_published(&json, &cases))
            .map_err(|e| {
                Diagnostics(vec![Diagnostic::error(format!(
                    "cannot show the case: {e}"
                ))])
            }),
        None => {
            diags.push(
                Diagnostic::error(format!("no case `{which}`"))
                    .help("name a case by its file name (without .yaml), its path under content/cases/, or its published slug"),
            );
            Err(diags)
        }
    }
}

/// The `@/…` links of a shown case's text as the site publishes them: a
/// case's file path (`@/cases/harbor-freight.yaml`) names the client, so
/// it becomes the case's published path; any other target is masked (the
/// page resolves it; a file name may hold a secret).
fn internal_links_as_published<C: std::ops::Deref<Target = anonymize::PublicCase>>(
    json: &str,
    cases: &[(String, C)],
) -> String {
    let mut out = String::with_capacity(json.len());
    let mut rest = json;
    while let Some(at) = rest.find("@/") {
        out.push_str(&rest[..at]);
        let target = &rest[at + 2..];
        let end = target
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '#' | '\\'))
            .unwrap_or(target.len());
        let path = &target[..end];
        match cases
            .iter()
            .find(|(rel, _)| rel == path || format!("cases/{rel}") == path)
        {
            Some((_, c)) => out.push_str(&format!("cases/{}/", c.slug)),
            None => {
                out.push_str("@/");
                out.push_str(crate::diag::MASK);
            }
        }
        rest = &target[end..];
    }
    out.push_str(rest);
    out
}

/// `exitbook schema`: the JSON Schema of the client-exit record.
pub fn schema_json() -> String {
    serde_json::to_string_pretty(&model::record::schema()).unwrap_or_default()
}
