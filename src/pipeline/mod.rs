//! The build pipeline: one call per stage, each stage in a file of its own
//! with what it keeps from the previous run.
//!
//! `build` and `check` run it once, from nothing ([`crate::generate`]);
//! `serve` and `build --watch` keep one alive and run it again on every
//! change. There is one pipeline: an incremental rebuild runs the very same
//! stages as a full build, and reuses a stage's result only where the
//! inputs of that result are unchanged:
//!
//! | stage | file | kept | reused while |
//! | --- | --- | --- | --- |
//! | load | [`sources`] | every chapter and case file's text | no event names the file |
//! | model | [`parse`] | each file's parse | its text (and the site's language) |
//! | anonymize | [`publicize`] | the secret set and the pseudonyms ([`Anonymizer`](crate::anonymize::Anonymizer)) | every sensitive value, `site.toml` and the key |
//! | anonymize | [`publicize`] | each chapter's and case's published view | its text, under the same secret set |
//! | render | [`render`] | each Markdown body ([`Memo`]) | its text, its page and every `@/` link it resolved |
//! | render | [`render`] | each output file | every [`Dep`](crate::output::Dep) it lists has the same value |
//! | search index | [`index`] | the index | no page was rendered again |
//! | leak gate | [`gate`] | the verdict on each output file | its bytes, under the same secret set |
//!
//! A change to the secret set (a sensitive value added, changed or removed,
//! a record added or removed), to `site.toml` or to the key gives a new
//! anonymizer and with it new values of `Dep::Secrets` and `Dep::Config`:
//! every page depends on those, so everything is rendered and scanned
//! again. The result is byte-identical to a clean full build (see
//! `tests/it/incremental.rs`). A one-shot run ([`Pipeline::once`]) keeps
//! none of this.

mod clock;
#[cfg(test)]
mod facts_labelled;
mod gate;
mod good;
mod index;
mod parse;
mod publicize;
mod record_checks;
mod render;
mod searchable;
mod sources;
mod stream;
mod theme_words;
mod whole;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(crate) use clock::Clock;
pub use clock::Lap;
pub use clock::process_cpu;
use good::Good;
use parse::Parses;
use publicize::Publicize;
use sources::Sources;

use crate::anonymize::{PublicCase, RevealRow, secrets::SecretSet};
use crate::config::Config;
use crate::diag::{self, Diagnostic, Diagnostics};
use crate::load::Location;
use crate::output::OutputFile;
use crate::render::pages::Memo;

/// How a run treats the privacy features beyond rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `build`: create `.exitbook/key` when there is none.
    Build,
    /// `check`: write nothing (a throw-away key if none exists), and add the
    /// privacy report, undeclared names and colliding name parts.
    Check,
}

/// A generated site, in memory.
#[derive(Debug, Clone)]
pub struct Generated {
    pub config: Config,
    /// Pseudonym → real value, for `build --reveal-map`.
    pub reveal: Vec<RevealRow>,
    /// How long each stage took, in pipeline order (for benchmarks).
    pub timings: Vec<Lap>,
    pub files: Vec<OutputFile>,
    pub pages: usize,
    pub chapters: usize,
    pub cases: usize,
}

/// What changed since the last run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changes {
    /// Read everything again (the first run, or when events were lost).
    All,
    /// These paths, relative to the handbook's root: files or folders that
    /// were created, changed, renamed (both names) or deleted.
    Paths(Vec<PathBuf>),
}

/// One run of the pipeline.
#[derive(Debug, Default)]
pub struct Run {
    pub diagnostics: Diagnostics,
    /// Whether the site was (re)built: no errors, leak check passed.
    pub ok: bool,
    /// How long each stage took, in pipeline order.
    pub timings: Vec<Lap>,
    /// Output files made in this run (the rest were kept as they were).
    pub rendered: usize,
    /// Output files whose bytes changed, were added or were removed.
    pub changed: Vec<String>,
    /// Output files the leak check read.
    pub scanned: usize,
}

/// What the render and leak-gate stages need besides the pages.
struct Finish<'a> {
    loc: &'a Location,
    site_toml: &'a sources::SiteToml,
    static_files: &'a [(String, Vec<u8>)],
    secrets: (&'a SecretSet, u128),
    /// Whether the pipeline runs once (it forgets the gate after).
    once: bool,
}

/// Every case's file (its path under `content/`) and published view.
pub type CasesAsPublished = Vec<(String, Arc<PublicCase>)>;

/// The pipeline and everything it keeps between runs.
pub struct Pipeline {
    loc: Location,
    drafts: bool,
    mode: Mode,
    /// Whether to keep the reveal map (`--reveal-map`).
    reveal: bool,
    sources: Sources,
    parses: Parses,
    publicize: Publicize,
    memo: Memo,
    index: index::Kept,
    gates: gate::Gates,
    good: Option<Good>,
    /// Whether this pipeline runs once (keep no caches).
    once: bool,
    /// Where a streamed one-shot build writes its files as they are made.
    staging: Option<crate::publish::Staging>,
    /// Whether the process ends with this pipeline's one run (the `build`
    /// command, [`Pipeline::ending_the_process`]): what the run made is then
    /// not freed.
    last: bool,
}

impl Pipeline {
    /// A pipeline kept alive by `serve` and `build --watch`.
    pub fn new(root: &Path, drafts: bool, mode: Mode) -> Pipeline {
        let mut p = Pipeline {
            loc: Location::new(root),
            drafts,
            mode,
            reveal: mode == Mode::Build,
            sources: Sources::default(),
            parses: Parses::default(),
            publicize: Publicize::default(),
            memo: Memo::default(),
            index: index::Kept::default(),
            gates: gate::Gates::default(),
            good: None,
            once: false,
            staging: None,
            last: false,
        };
        p.parses.keep = true;
        p.publicize.keep = true;
        p
    }

    /// A pipeline for one run (`build`, `check`): it keeps nothing for a
    /// next run, which it will not have.
    pub fn once(root: &Path, drafts: bool, mode: Mode) -> Pipeline {
        let mut p = Pipeline::new(root, drafts, mode);
        p.parses.keep = false;
        p.publicize.keep = false;
        p.memo.once = true;
        p.index = index::Kept::once();
        p.once = true;
        p
    }

    /// Write the files into `staging` as they are made, instead of keeping
    /// them ([`Pipeline::files`] stays empty): a one-shot `build` then holds
    /// one part of the site in memory at a time. Commit the staging folder
    /// ([`Pipeline::take_staging`]) after a run that is `ok`.
    pub fn stream_into(&mut self, staging: crate::publish::Staging) {
        self.staging = Some(staging);
    }

    /// The process ends once this pipeline's one run is done: the model, the
    /// published handbook, the theme and the sources are not freed a piece
    /// at a time right before it does (1.5% of a 10,000-page build's CPU).
    /// For the `build` command; a library caller that goes on would keep
    /// their memory.
    pub fn ending_the_process(&mut self) {
        self.last = self.once;
    }

    /// The staging folder given to [`Pipeline::stream_into`].
    pub fn take_staging(&mut self) -> Option<crate::publish::Staging> {
        self.staging.take()
    }

    /// Whether to make the reveal map on every run (the default for
    /// [`Mode::Build`]): `serve` and `build --watch` without `--reveal-map`
    /// need none.
    pub fn keep_reveal_map(&mut self, keep: bool) {
        self.reveal = keep;
    }

    pub fn root(&self) -> &Path {
        &self.loc.root
    }

    /// The last site that passed every check, in render order.
    pub fn files(&self) -> &[Arc<OutputFile>] {
        self.good.as_ref().map_or(&[], |g| &g.files)
    }

    /// Pseudonym → real value of the last good site, for `--reveal-map`.
    pub fn reveal(&self) -> &[RevealRow] {
        self.good.as_ref().map_or(&[], |g| &g.reveal)
    }

    /// Pages, chapters and cases of the last good site.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.good
            .as_ref()
            .map_or((0, 0, 0), |g| (g.pages, g.chapters, g.cases))
    }

    /// Give up the last good site as a [`Generated`].
    pub fn into_generated(mut self, timings: Vec<Lap>) -> Option<Generated> {
        let (pages, chapters, cases) = self.counts();
        let good = self.good.take();
        if self.last {
            // See [`Pipeline::ending_the_process`].
            std::mem::forget(self);
        }
        let good = good?;
        let files = good
            .files
            .into_iter()
            .map(|f| Arc::try_unwrap(f).unwrap_or_else(|f| OutputFile::clone(&f)))
            .collect();
        Some(Generated {
            config: good.config,
            reveal: good.reveal,
            timings,
            files,
            pages,
            chapters,
            cases,
        })
    }

    /// Bring the site up to date with `changes`. On errors the last good
    /// site is kept as it was.
    pub fn run(&mut self, changes: &Changes) -> Run {
        let mut clock = Clock::start();
        let mut diags = Diagnostics::default();
        let site_toml = match self.sources.load(&self.loc, changes, &mut diags) {
            Ok(s) => s,
            Err(d) => return failed(diags, Some(d), None, clock),
        };
        let config = &site_toml.config;
        clock.lap("load");

        let site = self
            .parses
            .model(config, &self.sources, self.drafts, &mut diags);
        clock.lap("model");

        let (theme, assets) = match self.sources.theme(&self.loc, &config.theme) {
            Ok(t) => t,
            Err(ds) => {
                diags.extend(ds);
                let secrets = SecretSet::collect(config, &site);
                return failed(diags, None, Some(&secrets), clock);
            }
        };
        let theme_words = (self.mode == Mode::Check)
            .then(|| theme_words::theme_words(&self.sources.theme_files, &assets));
        let inputs = publicize::Inputs {
            loc: &self.loc,
            site_toml: &site_toml,
            drafts: self.drafts,
            mode: self.mode,
            reveal: self.reveal,
            theme: &theme,
            theme_words: theme_words.as_ref(),
        };
        let publicized = match self.publicize.run(&inputs, &site, &mut clock, &mut diags) {
            Ok(p) => p,
            Err(d) => {
                let secrets = SecretSet::collect(config, &site);
                return failed(diags, Some(d), Some(&secrets), clock);
            }
        };
        let published = &publicized.published;

        let handbook = crate::anonymize::handbook::Handbook::new(&site, published);
        let render_inputs = render::Inputs {
            site_toml: &site_toml,
            drafts: self.drafts,
            sources: &self.sources,
            site: &site,
            handbook: &handbook,
            secrets: publicized.secrets,
            theme: &theme,
            assets: &assets,
        };
        let pages = render::prepare(&render_inputs, self.good.as_ref(), &mut self.memo);
        clock.lap("prepare");
        let search = index::index(&pages, self.good.as_ref(), &mut self.index, &mut diags);
        if self.once {
            self.index = index::Kept::default();
            crate::memory::give_back_free_memory();
        }
        clock.lap("search index");

        let finish = Finish {
            loc: &self.loc,
            site_toml: &site_toml,
            static_files: &self.sources.theme_files.static_files,
            secrets: (&*published.secrets, publicized.secrets),
            once: self.once,
        };
        let (memo, gates, c, d) = (&mut self.memo, &mut self.gates, &mut clock, &mut diags);
        let mut made = match self.staging.as_mut() {
            Some(staging) => stream::stream(&finish, pages, search, gates, staging, memo, c, d),
            None => {
                let good = self.good.as_ref();
                whole::render_and_check(&finish, pages, search, good, memo, gates, c, d)
            }
        };

        mask(&mut diags, &published.secrets);
        diags.sort();
        let run = made.run(diags, clock.laps);
        if run.ok {
            let facts = good::Facts {
                secrets: publicized.secrets,
                config: site_toml.config,
                reveal: published.reveal.clone(),
                chapters: site.chapters.len(),
                cases: site.cases.len(),
            };
            let (good, spare) = Good::new(made, self.good.take(), facts);
            self.good = Some(good);
            if let Some(bytes) = spare {
                self.memo.give_back(bytes);
            }
        }
        if self.last {
            // See [`Pipeline::ending_the_process`].
            std::mem::forget(handbook);
            std::mem::forget((publicized, site, theme, assets));
        }
        run
    }

    /// `check --show`: the published view of every case, through the same
    /// stages as a build up to anonymizing (drafts included), with its
    /// problems masked; `None` when the handbook could not be read that far.
    pub fn publish_cases(&mut self) -> (Option<CasesAsPublished>, Diagnostics) {
        let mut clock = Clock::start();
        let mut diags = Diagnostics::default();
        let site_toml = match self.sources.load(&self.loc, &Changes::All, &mut diags) {
            Ok(s) => s,
            Err(d) => return (None, failed(diags, Some(d), None, clock).diagnostics),
        };
        let site = self
            .parses
            .model(&site_toml.config, &self.sources, self.drafts, &mut diags);
        let theme = match self.sources.theme(&self.loc, &site_toml.config.theme) {
            Ok((t, _)) => t,
            Err(ds) => {
                diags.extend(ds);
                let secrets = SecretSet::collect(&site_toml.config, &site);
                return (None, failed(diags, None, Some(&secrets), clock).diagnostics);
            }
        };
        let inputs = publicize::Inputs {
            loc: &self.loc,
            site_toml: &site_toml,
            drafts: self.drafts,
            mode: self.mode,
            reveal: false,
            theme: &theme,
            theme_words: None,
        };
        match self.publicize.run(&inputs, &site, &mut clock, &mut diags) {
            Ok(p) => {
                mask(&mut diags, &p.published.secrets);
                let rels = site.cases.iter().map(|c| c.rel.clone());
                (Some(rels.zip(p.published.cases).collect()), diags)
            }
            Err(d) => {
                let secrets = SecretSet::collect(&site_toml.config, &site);
                (
                    None,
                    failed(diags, Some(d), Some(&secrets), clock).diagnostics,
                )
            }
        }
    }
}

/// A run that stopped early: its problems (and `last`), masked with the
/// secret set where the run got as far as making one.
fn failed(
    mut diags: Diagnostics,
    last: Option<Diagnostic>,
    secrets: Option<&SecretSet>,
    mut clock: Clock,
) -> Run {
    diags.extend(last);
    if let Some(s) = secrets {
        mask(&mut diags, s);
    }
    diags.sort();
    clock.lap("failed");
    Run {
        diagnostics: diags,
        timings: clock.laps,
        ..Run::default()
    }
}

/// The one masking rule of diagnostics ([`diag::mask_all`]) with the
/// secret set of the run: whichever stage made a diagnostic, any form of any
/// secret in its message, help or snippet is masked before it is shown.
fn mask(diags: &mut Diagnostics, secrets: &SecretSet) {
    diag::mask_all(diags, &|text| secrets.contains_any(text), &|line| {
        secrets.mask_snippet(line)
    });
}
