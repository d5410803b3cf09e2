//! The render stage: every page whose dependencies ([`Dep`]) changed value
//! since the last good site is rendered again; the others are kept.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use super::good::Good;
use super::sources::{Assets, SiteToml, Sources};
use crate::anonymize::Published;
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
    sources: HashMap<String, u128>,
    /// Every source's value together (search term shards hold words of
    /// every page).
    all_content: u128,
}

/// What the render stage made.
pub(super) struct Rendered<'a> {
    /// Kept for the search index, which reads what the pages were made of.
    pub(super) renderer: Renderer<'a>,
    /// Every page and asset, in render order (kept ones shared with the
    /// last good site).
    pub(super) files: Vec<Arc<OutputFile>>,
    /// Whether any page was rendered (else the search index is kept).
    pub(super) any_page: bool,
    pub(super) deps: DepValues,
}

/// What the render stage reads.
pub(super) struct Inputs<'a> {
    pub(super) site_toml: &'a SiteToml,
    pub(super) drafts: bool,
    pub(super) sources: &'a Sources,
    pub(super) site: &'a Site,
    pub(super) published: &'a Published,
    pub(super) secrets: u128,
    pub(super) theme: &'a Theme,
    pub(super) assets: &'a Assets,
}

/// Render what changed; `good` is the last site that passed.
pub(super) fn render<'a>(
    inp: &Inputs<'a>,
    good: Option<&Good>,
    memo: &mut Memo,
    diags: &mut Diagnostics,
) -> Rendered<'a> {
    let config = &inp.site_toml.config;
    let (mut renderer, mut render_diags) =
        Renderer::new(config, inp.site, inp.published, inp.theme, inp.assets, memo);
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
        ..source_values(inp.sources, inp.site, inp.published)
    };
    let stale = good.map(|g| Stale::between(&g.deps, &deps));
    let paths = renderer.paths();
    let reuse = |i: usize| {
        let (Some(g), Some(stale)) = (good, &stale) else {
            return false;
        };
        g.find(i, &paths[i])
            .is_some_and(|k| !g.files[k].deps.iter().any(|d| stale.affects(d)))
    };
    let (fresh, d) = renderer.render(&paths, &reuse, memo);
    let any_page = fresh.iter().any(Option::is_some);
    memo.sweep();
    render_diags.extend(d.0);
    diags.extend(render_diags.0.into_iter().map(|mut d| {
        // Onboarding problems are reported against site.toml as shown.
        if d.file.as_deref() == Some(Path::new("site.toml")) {
            d.file = Some(inp.site_toml.shown.clone());
        }
        d
    }));
    let mut files: Vec<Arc<OutputFile>> = Vec::with_capacity(paths.len());
    for (i, (path, f)) in paths.iter().zip(fresh).enumerate() {
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
        renderer,
        files,
        any_page,
        deps,
    }
}

/// [`Dep::Source`] of every chapter and case, and [`Dep::AllContent`].
fn source_values(sources: &Sources, site: &Site, published: &Published) -> DepValues {
    let hashes = sources.text_hashes();
    let text_hash = |rel: &str| hashes.get(rel).copied().unwrap_or(0);
    let mut values = HashMap::with_capacity(site.chapters.len() + site.cases.len());
    for c in &site.chapters {
        values.insert(
            c.rel.clone(),
            Fingerprint::default().u128(text_hash(&c.rel)).finish(),
        );
    }
    for (c, p) in site.cases.iter().zip(&published.cases) {
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
