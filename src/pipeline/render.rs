//! The render stage: every page whose dependencies ([`Dep`]) changed value
//! since the last good site is rendered again; the others are kept.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::good::Good;
use super::sources::{Assets, SiteToml, Sources};
use crate::anonymize::PublicCase;
use crate::anonymize::handbook::Handbook;
use crate::diag::Diagnostics;
use crate::model::site::Site;
use crate::output::{Dep, OutputFile};
use crate::render::pages::{Memo, Renderer};
use crate::render::theme::Theme;
use crate::text::Fingerprint;

/// The value of every [`Dep`] in one state of the handbook, as hashes.
#[derive(Default)]
pub(super) struct DepValues {
    config: u128,
    theme: u128,
    secrets: u128,
    chapter_list: u128,
    case_list: u128,
    sources: HashMap<String, u128, ahash::RandomState>,
    /// Every source's value together (search term shards hold words of
    /// every page).
    all_content: u128,
}

/// The pages to render, prepared: what they will be made of, and which of
/// them the last good site already has.
pub(super) struct Prepared<'a> {
    /// Also what the search index is made from.
    pub(super) renderer: Renderer<'a>,
    pub(super) paths: Vec<String>,
    /// Whether each file must be made again (not kept from `good`).
    todo: Vec<bool>,
    deps: DepValues,
    render_diags: Diagnostics,
}

/// What the render stage made.
pub(super) struct Rendered {
    /// Every page and asset, in render order (kept ones shared with the
    /// last good site).
    pub(super) files: Vec<Arc<OutputFile>>,
    pub(super) deps: DepValues,
}

/// What the render stage reads.
pub(super) struct Inputs<'a> {
    pub(super) site_toml: &'a SiteToml,
    pub(super) drafts: bool,
    pub(super) sources: &'a Sources,
    pub(super) site: &'a Site,
    pub(super) handbook: &'a Handbook<'a>,
    pub(super) secrets: u128,
    pub(super) theme: &'a Theme,
    pub(super) assets: &'a Assets,
}

/// Prepare the pages and find what changed; `good` is the last site that
/// passed.
pub(super) fn prepare<'a>(inp: &Inputs<'a>, good: Option<&Good>, memo: &mut Memo) -> Prepared<'a> {
    // Its texts as published: render never sees site.toml's own.
    let config = &*inp.handbook.config;
    let (mut renderer, render_diags) =
        Renderer::new(config, inp.handbook, inp.theme, inp.assets, memo);
    renderer.stamp(
        Fingerprint::default()
            .str(&inp.site_toml.text)
            .u128(u128::from(inp.drafts))
            .u128(inp.sources.theme_hash)
            .u128(inp.secrets)
            .finish(),
    );
    let (chapter_list, case_list) = renderer.list_fingerprints();
    let deps = DepValues {
        config: Fingerprint::default()
            .str(&inp.site_toml.text)
            .u128(u128::from(inp.drafts))
            .finish(),
        theme: inp.sources.theme_hash,
        secrets: inp.secrets,
        chapter_list,
        case_list,
        ..source_values(inp.sources, inp.site, &inp.handbook.cases)
    };
    let paths = renderer.paths();
    let todo = match good {
        None => vec![true; paths.len()],
        Some(g) => {
            let stale = Stale::between(&g.deps, &deps);
            (0..paths.len())
                .into_par_iter()
                .map(|i| {
                    g.find(i, &paths[i])
                        .is_none_or(|k| g.files[k].deps.iter().any(|d| stale.affects(d)))
                })
                .collect()
        }
    };
    Prepared {
        renderer,
        paths,
        todo,
        deps,
        render_diags,
    }
}

impl Prepared<'_> {
    /// Whether any file is made again (else the search index is kept).
    pub(super) fn any_fresh(&self) -> bool {
        self.todo.iter().any(|t| *t)
    }

    /// Render what changed.
    pub(super) fn render(
        mut self,
        shown: &Path,
        good: Option<&Good>,
        memo: &mut Memo,
        diags: &mut Diagnostics,
    ) -> Rendered {
        let todo = &self.todo;
        let (fresh, d) = self.renderer.render(&self.paths, &|i| !todo[i], memo);
        memo.sweep();
        self.render_diags.extend(d.0);
        self.report(shown, diags);
        let mut files: Vec<Arc<OutputFile>> = Vec::with_capacity(self.paths.len());
        for (i, (path, f)) in self.paths.iter().zip(fresh).enumerate() {
            match f {
                Some(f) => files.push(Arc::new(f)),
                // Kept (or failed to render, and then the run fails).
                None => {
                    if let Some(old) = good.and_then(|g| g.find(i, path).map(|k| &g.files[k])) {
                        files.push(Arc::clone(old));
                    }
                }
            }
        }
        Rendered {
            files,
            deps: self.deps,
        }
    }

    /// Render the files `part` says (a one-shot build renders every file, a
    /// part at a time); their problems are kept for [`Prepared::report`].
    pub(super) fn render_part(
        &mut self,
        part: &(dyn Fn(usize) -> bool + Sync),
        memo: &mut Memo,
    ) -> Vec<OutputFile> {
        let (fresh, d) = self.renderer.render(&self.paths, &|i| !part(i), memo);
        self.render_diags.extend(d.0);
        fresh.into_iter().flatten().collect()
    }

    /// Hand the problems of rendering to `diags`.
    pub(super) fn report(&mut self, shown: &Path, diags: &mut Diagnostics) {
        let found = std::mem::take(&mut self.render_diags);
        diags.extend(found.0.into_iter().map(|mut d| {
            // Onboarding problems are reported against site.toml as shown.
            if d.file.as_deref() == Some(Path::new("site.toml")) {
                d.file = Some(shown.to_path_buf());
            }
            d
        }));
    }

    /// What every file depends on.
    pub(super) fn into_deps(self) -> DepValues {
        self.deps
    }
}

/// [`Dep::Source`] of every chapter and case, and [`Dep::AllContent`].
fn source_values(sources: &Sources, site: &Site, published: &[Arc<PublicCase>]) -> DepValues {
    let hashes = sources.text_hashes();
    let text_hash = |rel: &str| hashes.get(rel).copied().unwrap_or(0);
    let mut values = HashMap::with_capacity_and_hasher(
        site.chapters.len() + site.cases.len(),
        ahash::RandomState::new(),
    );
    for c in &site.chapters {
        values.insert(
            c.rel.clone(),
            Fingerprint::default().u128(text_hash(&c.rel)).finish(),
        );
    }
    for (c, p) in site.cases.iter().zip(published) {
        // A case's page changes with its coarsening too, which other cases
        // decide (k-anonymity).
        values.insert(
            c.rel.clone(),
            Fingerprint::default()
                .u128(text_hash(&c.rel))
                .str(&p.slug)
                .u128(u128::from(p.coarsening.code()))
                .finish(),
        );
    }
    // A sum of each source's hash: the same whatever the map's order, with
    // no sort of 10,000 paths.
    let all_content = values.iter().fold(0u128, |sum, (k, v)| {
        sum.wrapping_add(Fingerprint::default().str(k).u128(*v).finish())
    });
    DepValues {
        sources: values,
        all_content,
        ..DepValues::default()
    }
}

/// Which [`Dep`]s changed value between two runs: computed once per run,
/// so that checking the ~10 dependencies of each of 10,000 files is a few
/// comparisons, not two hash lookups each.
struct Stale {
    fixed: [bool; 6],
    /// Sources changed, added or removed (usually one or two)…
    sources: Vec<String>,
    /// …and as a set when there are many (a `git checkout`).
    many: Option<HashSet<String>>,
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
