//! The build pipeline, stage by stage, with what each stage may keep from
//! the previous run.
//!
//! `build` and `check` run it once, from nothing ([`crate::generate`]);
//! `serve` and `build --watch` keep one alive and run it again on every
//! change. There is one pipeline: an incremental rebuild runs the very same
//! stages as a full build, and reuses a stage's result only where the
//! inputs of that result are unchanged:
//!
//! | stage | kept | reused while |
//! | --- | --- | --- |
//! | load | every chapter and case file's text | no event names the file |
//! | model | each file's parse | its text (and the site's language) |
//! | anonymize | the secret set and the pseudonyms ([`Anonymizer`]) | every sensitive value, `site.toml` and the key |
//! | anonymize | each chapter's and case's published view | its text, under the same secret set |
//! | render | each Markdown body | its text, its page and every `@/` link it resolved |
//! | render | each output file | every [`Dep`] it lists has the same value |
//! | leak check | the verdict on each output file | its bytes, under the same secret set |
//!
//! A change to the secret set (a sensitive value added, changed or removed,
//! a record added or removed), to `site.toml` or to the key gives a new
//! [`Anonymizer`] and with it new values of [`Dep::Secrets`] and
//! [`Dep::Config`]: every page depends on those, so everything is rendered
//! and scanned again. The result is byte-identical to a clean full build
//! (see `tests/it/incremental.rs`).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::anonymize::{self, Anonymizer, PublicCase, PublicChapter, RevealRow};
use crate::config::Config;
use crate::diag::{self, Diagnostic, Diagnostics};
use crate::kept::ByArc;
use crate::load::{self, Location, SourceFile, Sources};
use crate::model::case::{self, Case};
use crate::model::chapter::{self, Chapter};
use crate::model::site::{self, Parsed};
use crate::output::{Dep, OutputFile};
use crate::render::pages::{Memo, Renderer};
use crate::render::theme::Theme;
use crate::text::{Fingerprint, hash};
use crate::{Mode, mask_snippets};

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
    pub timings: Vec<(&'static str, Duration)>,
    /// Output files made in this run (the rest were kept as they were).
    pub rendered: usize,
    /// Output files whose bytes changed, were added or were removed.
    pub changed: Vec<String>,
    /// Output files the leak check read.
    pub scanned: usize,
}

/// The static files of the site: (output path, bytes).
type Assets = Arc<Vec<(String, Vec<u8>)>>;

/// A chapter or case file as read.
struct Entry {
    hash: u128,
    file: Result<SourceFile, Diagnostic>,
}

/// The last site that passed every check.
struct Good {
    files: Vec<Arc<OutputFile>>,
    /// A hash of each file's bytes…
    hashes: Vec<u128>,
    /// …and all of them, to know bytes that passed the leak check.
    contents: std::collections::HashSet<u128>,
    by_path: HashMap<String, usize>,
    /// The search index and page (also in `files`).
    search: Vec<Arc<OutputFile>>,
    deps: DepValues,
    secrets: u128,
    config: Config,
    reveal: Vec<RevealRow>,
    chapters: usize,
    cases: usize,
}

impl Good {
    /// Where the file at `path` was, looked for first at `at`: files keep
    /// their places unless a page was added or removed, and 16,000 lookups
    /// by path cost more than the rest of a small rebuild's bookkeeping.
    fn find(&self, at: usize, path: &str) -> Option<usize> {
        match self.files.get(at) {
            Some(f) if f.path == path => Some(at),
            _ => self.by_path.get(path).copied(),
        }
    }
}

/// The value of every [`Dep`] in one state of the handbook, as hashes.
#[derive(Default)]
struct DepValues {
    config: u128,
    theme: u128,
    secrets: u128,
    chapter_list: u128,
    case_list: u128,
    sources: HashMap<String, u128>,
    /// Every source's value together (search term shards hold words of
    /// every page).
    all_content: u128,
}

/// Which [`Dep`]s changed value between two runs: computed once per run,
/// so that checking the ~10 dependencies of each of 10,000 files is a few
/// comparisons, not two hash lookups each.
struct Stale {
    fixed: [bool; 6],
    /// Sources changed, added or removed (usually one or two)…
    sources: Vec<String>,
    /// …and as a set when there are many (a `git checkout`).
    many: Option<std::collections::HashSet<String>>,
}

impl Stale {
    fn between(old: &DepValues, new: &DepValues) -> Stale {
        let fixed = [
            old.config != new.config,
            old.theme != new.theme,
            old.secrets != new.secrets,
            old.chapter_list != new.chapter_list,
            old.case_list != new.case_list,
            old.all_content != new.all_content,
        ];
        let mut sources: Vec<String> = new
            .sources
            .iter()
            .filter(|(k, v)| old.sources.get(*k) != Some(v))
            .map(|(k, _)| k.clone())
            .collect();
        sources.extend(
            old.sources
                .keys()
                .filter(|k| !new.sources.contains_key(*k))
                .cloned(),
        );
        let many = (sources.len() > 16).then(|| sources.iter().cloned().collect());
        Stale {
            fixed,
            sources,
            many,
        }
    }

    fn affects(&self, d: &Dep) -> bool {
        match d {
            Dep::Config => self.fixed[0],
            Dep::Theme => self.fixed[1],
            Dep::Secrets => self.fixed[2],
            Dep::ChapterList => self.fixed[3],
            Dep::CaseList => self.fixed[4],
            Dep::AllContent => self.fixed[5],
            Dep::Source(rel) => match &self.many {
                Some(set) => set.contains(rel),
                None => self.sources.iter().any(|s| s == rel),
            },
        }
    }
}

/// The pipeline and everything it keeps between runs.
pub struct Pipeline {
    loc: Location,
    drafts: bool,
    mode: Mode,
    /// `site.toml` as last read.
    config_text: Option<String>,
    /// Templates and static files (its `chapters` and `cases` stay empty:
    /// those are `chapters` and `cases` below).
    theme_sources: Sources,
    theme_diags: Diagnostics,
    theme_hash: u128,
    /// The compiled theme and the assets, for `theme_hash`.
    theme: Option<(u128, Arc<Theme>, Assets)>,
    theme_stale: bool,
    /// Chapter and case files by path under `content/` (sorted as paths).
    chapters: BTreeMap<PathBuf, Entry>,
    cases: BTreeMap<PathBuf, Entry>,
    parsed_chapters: HashMap<String, (u128, String, Parsed<Chapter>)>,
    parsed_cases: HashMap<String, (u128, Parsed<Case>)>,
    /// The anonymizer of the current secret set, by its fingerprint.
    anonymizer: Option<(u128, Arc<Anonymizer>)>,
    public_chapters: ByArc<Chapter, Arc<PublicChapter>>,
    public_cases: ByArc<Case, Arc<PublicCase>>,
    memo: Memo,
    good: Option<Good>,
    /// Whether to keep the reveal map (`--reveal-map`).
    reveal: bool,
    /// Each case's part of the secret set's fingerprint.
    case_secrets: CaseHashes,
    /// The leak gate of the current secret set, by its fingerprint.
    gate: Option<(u128, Arc<crate::gate::Gate>)>,
}

impl Pipeline {
    pub fn new(root: &Path, drafts: bool, mode: Mode) -> Pipeline {
        Pipeline {
            loc: Location::new(root),
            drafts,
            mode,
            config_text: None,
            theme_sources: Sources::default(),
            theme_diags: Diagnostics::default(),
            theme_hash: 0,
            theme: None,
            theme_stale: true,
            chapters: BTreeMap::new(),
            cases: BTreeMap::new(),
            parsed_chapters: HashMap::new(),
            parsed_cases: HashMap::new(),
            anonymizer: None,
            public_chapters: ByArc::default(),
            public_cases: ByArc::default(),
            memo: Memo::default(),
            good: None,
            reveal: mode == Mode::Build,
            case_secrets: CaseHashes::default(),
            gate: None,
        }
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

    /// Whether a site has been built.
    pub fn has_site(&self) -> bool {
        self.good.is_some()
    }

    /// Pages, chapters and cases of the last good site.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.good.as_ref().map_or((0, 0, 0), |g| {
            let pages = g.files.iter().filter(|f| f.path.ends_with(".html")).count();
            (pages, g.chapters, g.cases)
        })
    }

    /// Give up the last good site as a [`crate::Generated`].
    pub fn into_generated(
        self,
        timings: Vec<(&'static str, Duration)>,
    ) -> Option<crate::Generated> {
        let (pages, chapters, cases) = self.counts();
        let good = self.good?;
        let files = good
            .files
            .into_iter()
            .map(|f| Arc::try_unwrap(f).unwrap_or_else(|f| OutputFile::clone(&f)))
            .collect();
        Some(crate::Generated {
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
        let mut clock = Clock::default();
        clock.lap("start");
        let mut run = Run::default();
        let mut diags = Diagnostics::default();

        // Load: site.toml always (it is small), the rest as changed.
        let (config_text, config_shown) = match load::read_config(&self.loc) {
            Ok(c) => c,
            Err(d) => return self.fail(run, diags, d, clock),
        };
        let config = match Config::parse(&config_text, &config_shown) {
            Ok(c) => c,
            Err(d) => return self.fail(run, diags, d, clock),
        };
        let config_changed = self.config_text.as_deref() != Some(config_text.as_str());
        self.config_text = Some(config_text.clone());
        match changes {
            Changes::All => {
                self.reload_content();
                self.theme_stale = true;
            }
            Changes::Paths(paths) => {
                for p in paths {
                    self.refresh(p);
                }
            }
        }
        if self.theme_stale || config_changed {
            self.reload_theme(&config.theme);
        }
        diags.extend(self.theme_diags.0.iter().cloned());
        clock.lap("load");

        // Model: parse what changed, then check the handbook as a whole.
        let (chapter_results, case_results) = self.parse(&config, &mut diags);
        let (site, d) = site::assemble_parsed(&config, chapter_results, case_results, self.drafts);
        diags.extend(d.0);
        clock.lap("model");

        // Anonymize: the secret set only when a sensitive value changed.
        let missing = match self.mode {
            Mode::Build => anonymize::key::Missing::Create,
            Mode::Check => anonymize::key::Missing::Ephemeral,
        };
        let key = match anonymize::key::load(
            &self.loc.root,
            &self.loc.root,
            &config.anonymize.key_env,
            missing,
        ) {
            Ok(k) => k,
            Err(d) => return self.fail(run, diags, d, clock),
        };
        if let anonymize::key::KeySource::Created(path) = &key.source {
            diags.push(
                Diagnostic::note(format!(
                    "created a random pseudonym key in {}",
                    diag::display_path(path)
                ))
                .help(format!(
                    "keep it out of version control (.gitignore has .exitbook/); in CI set ${} so that pseudonyms stay the same from build to build",
                    config.anonymize.key_env
                )),
            );
        }
        let secrets_fp = secrets_fingerprint(
            &config_text,
            &key.bytes,
            self.drafts,
            &site,
            &mut self.case_secrets,
        );
        let anonymizer = match &self.anonymizer {
            Some((fp, a)) if *fp == secrets_fp => Arc::clone(a),
            _ => {
                let a = Arc::new(Anonymizer::new(&config, &site, &key.bytes));
                self.anonymizer = Some((secrets_fp, Arc::clone(&a)));
                self.public_chapters = ByArc::default();
                self.public_cases = ByArc::default();
                a
            }
        };
        clock.lap("secret set");
        // k-anonymity is site-wide: planned again on every run, and a case
        // is published again where its coarsening changed.
        let generalisation = anonymizer.generalise(&config, &site);
        clock.lap("generalise");
        // Published as before while the parse is the same (and so the text).
        let kept = (&self.public_chapters, &self.public_cases);
        let public_chapters: Vec<Arc<PublicChapter>> = site
            .chapters
            .par_iter()
            .map(|c| match kept.0.get(c) {
                Some(p) => Arc::clone(p),
                None => Arc::new(anonymizer.chapter(c)),
            })
            .collect();
        let public_cases: Vec<Arc<PublicCase>> = site
            .cases
            .par_iter()
            .enumerate()
            .map(|(ci, c)| match kept.1.get(c) {
                Some(p) if p.coarsening == generalisation.plan.cases[ci] => Arc::clone(p),
                _ => Arc::new(anonymizer.case(&config, &site, ci, &generalisation)),
            })
            .collect();
        let (published, d) = anonymizer.finish(
            &site,
            public_chapters,
            public_cases,
            generalisation,
            self.reveal,
        );
        diags.extend(d.0);
        self.public_chapters
            .keep(&site.chapters, &published.chapters);
        self.public_cases.keep(&site.cases, &published.cases);
        if self.mode == Mode::Check {
            diags.extend(anonymize::report::report(&config, &config_shown, &site, &published).0);
        }
        clock.lap("anonymize");

        // Render: only the files whose dependencies changed.
        let (theme, assets) = match self.theme(&config.theme) {
            Ok(t) => t,
            Err(ds) => {
                diags.extend(ds);
                return self.finish_failed(run, diags, &published.secrets, clock);
            }
        };
        let (mut renderer, d) =
            Renderer::new(&config, &site, &published, &theme, &assets, &mut self.memo);
        renderer.stamp(
            Fingerprint::default()
                .str(&config_text)
                .u128(u128::from(self.drafts))
                .u128(self.theme_hash)
                .u128(secrets_fp)
                .finish(),
        );
        let mut render_diags = d;
        let (chapter_list, case_list) = renderer.list_fingerprints();
        let hashes: HashMap<&str, u128> = self
            .chapters
            .values()
            .chain(self.cases.values())
            .filter_map(|e| e.file.as_ref().ok().map(|f| (f.rel.as_str(), e.hash)))
            .collect();
        let text_hash = |rel: &str| hashes.get(rel).copied().unwrap_or(0);
        let mut sources = HashMap::with_capacity(site.chapters.len() + site.cases.len());
        for c in &site.chapters {
            sources.insert(
                c.rel.clone(),
                Fingerprint::default().u128(text_hash(&c.rel)).finish(),
            );
        }
        for (c, p) in site.cases.iter().zip(&published.cases) {
            // A case's page changes with its coarsening too, which other
            // cases decide (k-anonymity).
            sources.insert(
                c.rel.clone(),
                Fingerprint::default()
                    .u128(text_hash(&c.rel))
                    .str(&p.slug)
                    .u128(u128::from(p.coarsening.code()))
                    .finish(),
            );
        }
        // A sum of each source's hash: the same whatever the map's order,
        // with no sort of 10,000 paths.
        let all_content = sources.iter().fold(0u128, |sum, (k, v)| {
            sum.wrapping_add(Fingerprint::default().str(k).u128(*v).finish())
        });
        let deps = DepValues {
            all_content,
            config: Fingerprint::default()
                .str(&config_text)
                .u128(u128::from(self.drafts))
                .finish(),
            theme: self.theme_hash,
            secrets: secrets_fp,
            chapter_list,
            case_list,
            sources,
        };
        let good = self.good.as_ref();
        let stale = good.map(|g| Stale::between(&g.deps, &deps));
        let paths = renderer.paths();
        let reuse = |i: usize| {
            let (Some(g), Some(stale)) = (good, &stale) else {
                return false;
            };
            g.find(i, &paths[i])
                .is_some_and(|k| !g.files[k].deps.iter().any(|d| stale.affects(d)))
        };
        let (fresh, d) = renderer.render(&paths, &reuse, &mut self.memo);
        let any_page = fresh.iter().any(Option::is_some);
        self.memo.sweep();
        render_diags.extend(d.0);
        diags.extend(render_diags.0.into_iter().map(|mut d| {
            // Onboarding problems are reported against site.toml as shown.
            if d.file.as_deref() == Some(Path::new("site.toml")) {
                d.file = Some(config_shown.clone());
            }
            d
        }));
        let mut files: Vec<Arc<OutputFile>> = Vec::with_capacity(paths.len());
        for (i, (path, f)) in paths.iter().zip(fresh).enumerate() {
            match f {
                Some(f) => files.push(Arc::new(f)),
                None => {
                    // Kept (or failed to render, and then the run fails).
                    if let Some(old) = good.and_then(|g| g.find(i, path).map(|k| &g.files[k])) {
                        files.push(Arc::clone(old));
                    }
                }
            }
        }
        clock.lap("render");
        // The search index: rebuilt when any page was, else kept.
        let search: Vec<Arc<OutputFile>> = match good {
            Some(g) if !any_page => g.search.clone(),
            _ => {
                let (search, d) = renderer.search(&mut self.memo);
                diags.extend(d.0);
                search
            }
        };
        files.extend(search.iter().cloned());
        diags.extend(crate::render::theme::static_conflicts(
            &self.loc,
            &config.theme,
            &self.theme_sources.static_files,
            &files,
        ));
        clock.lap("search index");

        // Leak check: every file when the secret set changed, else the files
        // whose bytes changed.
        let same_secrets = good.is_some_and(|g| g.secrets == secrets_fp);
        // Where each file was in the last build: at the same place, after
        // an edit that added or removed no page.
        let before: Vec<Option<usize>> = files
            .par_iter()
            .enumerate()
            .map(|(i, f)| good.and_then(|g| g.find(i, &f.path)))
            .collect();
        let moved = good.is_none_or(|g| {
            g.files.len() != files.len() || before.iter().enumerate().any(|(i, b)| *b != Some(i))
        });
        let previous = |i: usize| good.and_then(|g| before[i].map(|k| (&g.files[k], g.hashes[k])));
        // A hash of each file's bytes (kept with a file that was kept).
        let hashes: Vec<u128> = files
            .par_iter()
            .enumerate()
            .map(|(i, f)| match previous(i) {
                Some((old, h)) if Arc::ptr_eq(old, f) => h,
                _ => hash(&f.bytes),
            })
            .collect();
        run.rendered = files
            .iter()
            .enumerate()
            .filter(|(i, f)| !previous(*i).is_some_and(|(old, _)| Arc::ptr_eq(old, f)))
            .count();
        let unchanged: Vec<bool> = hashes
            .iter()
            .enumerate()
            .map(|(i, h)| previous(i).is_some_and(|(_, old)| old == *h))
            .collect();
        let gate = match &self.gate {
            Some((fp, g)) if *fp == secrets_fp => Arc::clone(g),
            _ => {
                let g = Arc::new(crate::gate::Gate::new(&published.secrets, &config));
                self.gate = Some((secrets_fp, Arc::clone(&g)));
                g
            }
        };
        let to_scan: Vec<crate::gate::Item<'_>> = files
            .iter()
            .enumerate()
            .zip(&hashes)
            .zip(&unchanged)
            .filter(|(_, same)| !(same_secrets && **same))
            .map(|(((i, f), h), _)| {
                let scan = match previous(i) {
                    // Bytes that passed under the same secrets at another
                    // path (a search shard renumbered): only the path is new.
                    _ if same_secrets && good.is_some_and(|g| g.contents.contains(h)) => {
                        crate::gate::Scan::PathOnly
                    }
                    // A file that passed under the same secrets: what changed.
                    Some((old, _)) if same_secrets => {
                        crate::gate::Scan::Part(crate::gate::changed_part(&old.bytes, &f.bytes))
                    }
                    _ => crate::gate::Scan::Whole,
                };
                crate::gate::Item {
                    path: &f.path,
                    bytes: &f.bytes,
                    hash: *h,
                    scan,
                }
            })
            .collect();
        run.scanned = to_scan.len();
        diags.extend(gate.scan(&to_scan).0);
        let mut changed: Vec<String> = files
            .iter()
            .zip(&unchanged)
            .filter(|(_, same)| !**same)
            .map(|(f, _)| f.path.clone())
            .collect();
        if let Some(g) = good
            && moved
        {
            let now: std::collections::HashSet<&str> =
                files.iter().map(|f| f.path.as_str()).collect();
            changed.extend(
                g.files
                    .iter()
                    .filter(|f| !now.contains(f.path.as_str()))
                    .map(|f| f.path.clone()),
            );
        }
        clock.lap("leak check");
        mask_snippets(&mut diags, &published.secrets);
        diags.sort();
        run.timings = clock.laps;
        if diags.has_errors() {
            run.diagnostics = diags;
            return run;
        }
        let by_path = match self.good.take() {
            Some(g) if !moved => g.by_path,
            _ => files
                .iter()
                .enumerate()
                .map(|(i, f)| (f.path.clone(), i))
                .collect(),
        };
        let contents = hashes.iter().copied().collect();
        self.good = Some(Good {
            files,
            hashes,
            contents,
            by_path,
            search,
            deps,
            secrets: secrets_fp,
            config,
            reveal: published.reveal.clone(),
            chapters: site.chapters.len(),
            cases: site.cases.len(),
        });
        run.changed = changed;
        run.ok = true;
        run.diagnostics = diags;
        run
    }

    fn fail(
        &mut self,
        mut run: Run,
        mut diags: Diagnostics,
        d: Diagnostic,
        mut clock: Clock,
    ) -> Run {
        diags.push(d);
        diags.sort();
        clock.lap("failed");
        run.timings = clock.laps;
        run.diagnostics = diags;
        run
    }

    fn finish_failed(
        &mut self,
        mut run: Run,
        mut diags: Diagnostics,
        secrets: &anonymize::secrets::SecretSet,
        clock: Clock,
    ) -> Run {
        mask_snippets(&mut diags, secrets);
        diags.sort();
        run.timings = clock.laps;
        run.diagnostics = diags;
        run
    }

    /// The compiled theme and the assets, compiled again only when a
    /// template or static file changed.
    fn theme(&mut self, theme_name: &str) -> Result<(Arc<Theme>, Assets), Vec<Diagnostic>> {
        if let Some((h, t, a)) = &self.theme
            && *h == self.theme_hash
        {
            return Ok((Arc::clone(t), Arc::clone(a)));
        }
        let theme = Arc::new(Theme::load(&self.loc, theme_name, &self.theme_sources)?);
        let assets = Arc::new(crate::render::theme::assets(&self.theme_sources));
        self.theme = Some((self.theme_hash, Arc::clone(&theme), Arc::clone(&assets)));
        Ok((theme, assets))
    }

    fn reload_theme(&mut self, theme: &str) {
        let mut sources = Sources::default();
        let mut diags = Diagnostics::default();
        load::read_theme_files(&self.loc, theme, &mut sources, &mut diags);
        let mut fp = Fingerprint::default();
        fp.str(theme);
        for (n, t) in sources
            .template_overrides
            .iter()
            .chain(&sources.theme_templates)
        {
            fp.str(n).str(t);
        }
        fp.u128(sources.template_overrides.len() as u128);
        for (n, t) in &sources.theme_i18n {
            fp.str(n).str(t);
        }
        for (p, b) in &sources.static_files {
            fp.str(p).bytes(b);
        }
        self.theme_hash = fp.finish();
        self.theme_sources = sources;
        self.theme_diags = diags;
        self.theme_stale = false;
    }

    fn content(&self) -> PathBuf {
        self.loc.root.join("content")
    }

    /// Read every chapter and case file again.
    fn reload_content(&mut self) {
        let content = self.content();
        for (sub, exts, chapters) in [
            ("chapters", load::CHAPTER_EXTS, true),
            ("cases", load::CASE_EXTS, false),
        ] {
            let paths = load::source_paths(&content.join(sub), exts);
            let entries: Vec<(PathBuf, Entry)> = paths
                .par_iter()
                .map(|p| (rel_key(&content, p), read_entry(&self.loc, &content, p)))
                .collect();
            let map = entries.into_iter().collect();
            if chapters {
                self.chapters = map;
            } else {
                self.cases = map;
            }
        }
    }

    /// Take note of one changed path (relative to the root).
    fn refresh(&mut self, rel: &Path) {
        let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
        let first = parts.next().unwrap_or_default();
        let second = parts.next().unwrap_or_default();
        match first.as_ref() {
            "site.toml" => {}
            "templates" | "themes" | "static" => self.theme_stale = true,
            "content" => {
                let content = self.content();
                let abs = self.loc.root.join(rel);
                if second.is_empty() {
                    // `content/` itself: read it all again.
                    self.reload_content();
                    return;
                }
                let (map, exts) = match second.as_ref() {
                    "chapters" => (&mut self.chapters, load::CHAPTER_EXTS),
                    "cases" => (&mut self.cases, load::CASE_EXTS),
                    _ => return,
                };
                let key = rel_key(&content, &abs);
                if abs.is_dir() {
                    // A folder created, renamed or moved here: what it holds.
                    let under: Vec<PathBuf> = map
                        .keys()
                        .filter(|k| k.starts_with(&key))
                        .cloned()
                        .collect();
                    for k in under {
                        map.remove(&k);
                    }
                    for p in load::source_paths(&abs, exts) {
                        let e = read_entry(&self.loc, &content, &p);
                        map.insert(rel_key(&content, &p), e);
                    }
                } else if abs.is_file() {
                    if load::is_source(&abs, exts) {
                        map.insert(key, read_entry(&self.loc, &content, &abs));
                    }
                } else {
                    // Gone: the file, or a folder and everything in it.
                    let under: Vec<PathBuf> = map
                        .keys()
                        .filter(|k| k.starts_with(&key))
                        .cloned()
                        .collect();
                    for k in under {
                        map.remove(&k);
                    }
                }
            }
            _ => {}
        }
    }

    /// Parse every file, from the cache where its text is unchanged.
    #[allow(clippy::type_complexity)]
    fn parse(
        &mut self,
        config: &Config,
        diags: &mut Diagnostics,
    ) -> (Vec<Parsed<Chapter>>, Vec<Parsed<Case>>) {
        let lang = config.language.as_str();
        let schema = std::sync::OnceLock::new();
        // (path, text hash, parse, whether parsed now)
        let chapters: Vec<(&str, u128, Parsed<Chapter>, bool)> = self
            .chapters
            .values()
            .filter_map(|e| e.file.as_ref().ok().map(|f| (f, e.hash)))
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(f, h)| match self.parsed_chapters.get(&f.rel) {
                Some((ch, cl, p)) if *ch == h && cl == lang => {
                    (f.rel.as_str(), h, p.clone(), false)
                }
                _ => (
                    f.rel.as_str(),
                    h,
                    chapter::parse(f, lang).map(Arc::new),
                    true,
                ),
            })
            .collect();
        let cases: Vec<(&str, u128, Parsed<Case>, bool)> = self
            .cases
            .values()
            .filter_map(|e| e.file.as_ref().ok().map(|f| (f, e.hash)))
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(f, h)| match self.parsed_cases.get(&f.rel) {
                Some((ch, p)) if *ch == h => (f.rel.as_str(), h, p.clone(), false),
                _ => {
                    let p = case::parse(f, schema.get_or_init(case::record_schema)).map(Arc::new);
                    (f.rel.as_str(), h, p, true)
                }
            })
            .collect();
        for e in self.chapters.values().chain(self.cases.values()) {
            if let Err(d) = &e.file {
                diags.push(d.clone());
            }
        }
        // The caches: new parses in, files gone out (most runs: one in).
        let mut new_chapters = Vec::new();
        for (r, h, p, fresh) in &chapters {
            if *fresh {
                new_chapters.push((r.to_string(), (*h, lang.to_string(), p.clone())));
            }
        }
        let mut new_cases = Vec::new();
        for (r, h, p, fresh) in &cases {
            if *fresh {
                new_cases.push((r.to_string(), (*h, p.clone())));
            }
        }
        let chapters: Vec<Parsed<Chapter>> = chapters.into_iter().map(|c| c.2).collect();
        let cases: Vec<Parsed<Case>> = cases.into_iter().map(|c| c.2).collect();
        self.parsed_chapters.extend(new_chapters);
        self.parsed_cases.extend(new_cases);
        if self.parsed_chapters.len() > chapters.len() {
            forget_gone(&mut self.parsed_chapters, &self.chapters);
        }
        if self.parsed_cases.len() > cases.len() {
            forget_gone(&mut self.parsed_cases, &self.cases);
        }
        (chapters, cases)
    }
}

/// Drop from a parse cache the files no longer read (or no longer readable).
fn forget_gone<V>(cache: &mut HashMap<String, V>, files: &BTreeMap<PathBuf, Entry>) {
    let now: std::collections::HashSet<&str> = files
        .values()
        .filter_map(|e| e.file.as_ref().ok())
        .map(|f| f.rel.as_str())
        .collect();
    cache.retain(|k, _| now.contains(k.as_str()));
}

/// The key of a content file: its path under `content/`, compared as a path
/// (the order `build` reads files in).
fn rel_key(content: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(content).unwrap_or(p).to_path_buf()
}

fn read_entry(loc: &Location, content: &Path, p: &Path) -> Entry {
    let file = load::read_source(loc, content, p);
    let hash = file.as_ref().map_or(0, |f| hash(f.text.as_bytes()));
    Entry { hash, file }
}

/// Everything the secret set and the stand-ins are made from: `site.toml`,
/// the key, and each record's sensitive values (and its contacts' roles,
/// which decide who gets a pseudonym), in site order.
///
/// Each case's part is kept in `cache` by the parse it was made from.
fn secrets_fingerprint(
    config_text: &str,
    key: &[u8],
    drafts: bool,
    site: &site::Site,
    cache: &mut CaseHashes,
) -> u128 {
    // Drafts too: their values are in the secret set.
    let records: Vec<Arc<Case>> = site
        .cases
        .iter()
        .chain(&site.draft_cases)
        .cloned()
        .collect();
    let parts = cache.all(&records, |c| {
        let r = &c.record;
        Fingerprint::default()
            .str(&c.rel)
            .str(&c.shown.to_string_lossy())
            .str(&c.stem)
            .json(&r.client.name)
            .json(&r.client.aliases)
            .json(&r.client.domains)
            .json(&r.contacts)
            .json(&r.owner)
            .json(&r.sensitive)
            .json(&crate::anonymize::quasi::own_values(r))
            .finish()
    });
    let mut fp = Fingerprint::default();
    fp.str(config_text).bytes(key).u128(u128::from(drafts));
    for p in &parts {
        fp.u128(*p);
    }
    fp.finish()
}

/// A hash per case, by its parse.
type CaseHashes = ByArc<Case, u128>;

/// Stage timings, for `EXITBOOK_TIMINGS=1` and the benchmarks.
#[derive(Default)]
pub(crate) struct Clock {
    last: Option<Instant>,
    pub(crate) laps: Vec<(&'static str, Duration)>,
}

impl Clock {
    pub(crate) fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        let since = self.last.map_or(Duration::ZERO, |l| now - l);
        self.laps.push((stage, since));
        self.last = Some(now);
    }
}
