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
pub mod load;
pub mod model;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod text;

use std::path::{Path, PathBuf};

use config::Config;
use diag::{Diagnostic, Diagnostics};
use load::Location;
use render::OutputFile;

/// A generated site, in memory.
#[derive(Debug, Clone)]
pub struct Generated {
    pub config: Config,
    /// How long each stage took, in pipeline order (for benchmarks).
    pub timings: Vec<(&'static str, std::time::Duration)>,
    pub files: Vec<OutputFile>,
    pub pages: usize,
    pub chapters: usize,
    pub cases: usize,
}

/// Read, check and render the handbook at `root`, then run the leak check
/// on the result. Returns the files only when there are no errors.
pub fn generate(root: &Path, drafts: bool) -> (Option<Generated>, Diagnostics) {
    let mut clock = Clock::default();
    clock.lap("start");
    let loc = Location::new(root);
    let mut diags = Diagnostics::default();
    let (config_text, config_shown) = match load::read_config(&loc) {
        Ok(c) => c,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    let config = match Config::parse(&config_text, &config_shown) {
        Ok(c) => c,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    let (sources, d) = load::read_handbook(&loc, &config.theme);
    diags.extend(d.0);
    clock.lap("load");
    let (site, d) = model::site::assemble(&config, &sources, drafts);
    diags.extend(d.0);
    clock.lap("model");
    let (published, d) = anonymize::anonymize(&config, &site);
    diags.extend(d.0);
    clock.lap("anonymize");
    let theme = match render::theme::Theme::load(&loc, &config.theme, &sources) {
        Ok(t) => t,
        Err(ds) => {
            diags.extend(ds);
            diags.sort();
            return (None, diags);
        }
    };
    let assets = render::theme::assets(&sources);
    let (files, d) = render::render_site(&config, &site, &published, &theme, &assets);
    clock.lap("render");
    diags.extend(d.0.into_iter().map(|mut d| {
        // Onboarding problems are reported against site.toml as shown.
        if d.file.as_deref() == Some(Path::new("site.toml")) {
            d.file = Some(config_shown.clone());
        }
        d
    }));
    diags.extend(anonymize::leak::scan(&files, &published.secrets).0);
    clock.lap("leak check");
    mask_snippets(&mut diags, &published.secrets);
    diags.sort();
    if diags.has_errors() {
        return (None, diags);
    }
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    let generated = Generated {
        timings: clock.laps,
        pages,
        chapters: site.chapters.len(),
        cases: site.cases.len(),
        files,
        config,
    };
    (Some(generated), diags)
}

/// The last line of defence for diagnostics: a source snippet that holds
/// any form of any secret is masked, whichever stage produced it.
fn mask_snippets(diags: &mut Diagnostics, secrets: &anonymize::secrets::SecretSet) {
    for d in &mut diags.0 {
        if let Some(s) = &d.snippet {
            d.snippet = Some(secrets.mask_snippet(s));
        }
    }
}

/// Stage timings, for `EXITBOOK_TIMINGS=1` and the benchmarks.
#[derive(Default)]
struct Clock {
    last: Option<std::time::Instant>,
    laps: Vec<(&'static str, std::time::Duration)>,
}

impl Clock {
    fn lap(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        let since = self.last.map_or(std::time::Duration::ZERO, |l| now - l);
        self.laps.push((stage, since));
        self.last = Some(now);
    }
}

/// What `build` did.
#[derive(Debug)]
pub struct BuildReport {
    pub diagnostics: Diagnostics,
    /// `Some` when the site was written.
    pub written: Option<Generated>,
    pub out: PathBuf,
}

/// The output folder: `-o OUT` as given (relative to the current folder),
/// else `DIR/public`.
pub fn output_dir(root: &Path, out: Option<&Path>) -> PathBuf {
    match out {
        Some(o) => o.to_path_buf(),
        None => root.join("public"),
    }
}

/// `exitbook build`: generate and, when there are no errors, publish.
pub fn build(root: &Path, out: Option<&Path>, drafts: bool) -> BuildReport {
    let out = output_dir(root, out);
    let (generated, mut diagnostics) = generate(root, drafts);
    let publish_started = std::time::Instant::now();
    let written = match generated {
        Some(mut g) => match publish::publish(&out, &g.files) {
            Ok(()) => {
                g.timings.push(("publish", publish_started.elapsed()));
                Some(g)
            }
            Err(d) => {
                diagnostics.push(d);
                None
            }
        },
        None => None,
    };
    BuildReport {
        diagnostics,
        written,
        out,
    }
}

/// `exitbook check`: everything `build` verifies; writes nothing.
pub fn check(root: &Path) -> (Option<Generated>, Diagnostics) {
    generate(root, false)
}

/// `exitbook check --show CASE`: one record as it would be published,
/// found by slug, file stem or path.
pub fn show_case(root: &Path, which: &str) -> Result<String, Diagnostics> {
    let loc = Location::new(root);
    let mut diags = Diagnostics::default();
    let (text, shown) = load::read_config(&loc).map_err(|d| Diagnostics(vec![d]))?;
    let config = Config::parse(&text, &shown).map_err(|d| Diagnostics(vec![d]))?;
    let (sources, d) = load::read_handbook(&loc, &config.theme);
    diags.extend(d.0);
    let (site, d) = model::site::assemble(&config, &sources, true);
    diags.extend(d.0);
    let (published, _) = anonymize::anonymize(&config, &site);
    let wanted = which.trim_end_matches(".yaml").trim_end_matches(".yml");
    let found = site.cases.iter().position(|c| {
        c.stem == wanted
            || c.rel
                .trim_end_matches(".yaml")
                .trim_end_matches(".yml")
                .ends_with(wanted)
    });
    let found = found.or_else(|| published.cases.iter().position(|c| c.slug == wanted));
    match found {
        Some(i) => serde_json::to_string_pretty(&published.cases[i]).map_err(|e| {
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

/// `exitbook schema`: the JSON Schema of the client-exit record.
pub fn schema_json() -> String {
    serde_json::to_string_pretty(&model::record::schema()).unwrap_or_default()
}
