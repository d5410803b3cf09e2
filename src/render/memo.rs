//! What rendering keeps from one build to the next: rendered Markdown,
//! the print page's shell, and
//! hashes of what lists show of each case.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::anonymize::PublicCase;
use crate::kept::ByArc;
use crate::render::markdown::{self, Rendered};

/// Rendered Markdown kept from one build to the next: an entry is reused
/// when the text, the page it is rendered for and every `@/` link it
/// resolved are the same as when it was made.
#[derive(Default)]
pub struct Memo {
    entries: HashMap<MemoKey, MemoEntry>,
    used: HashSet<MemoKey>,
    /// What `@/` links led to in the last build ([`crate::render::pages::Renderer::new`]), and
    /// whether they still do.
    pub(super) links: Option<u128>,
    pub(super) same_links: bool,
    /// The print page with markers for the chapters' and cases' bodies, by
    /// what it was made from (`None`: the template needs the bodies
    /// themselves).
    pub(super) print_shell: Option<(u128, Option<String>)>,
    /// The memory of the print page before the last, to make the next one
    /// in: tens of megabytes at 10,000 pages, made again on every edit that
    /// `serve` sees; memory fresh from the system costs a page fault and a
    /// page of zeros for every 4 KB of it, more than copying the page
    /// ([`Memo::give_back`]).
    pub(super) print_spare: Option<Vec<u8>>,
    /// Each case in full as the print page holds it, by what it was made
    /// from beyond the case ([`crate::render::print`]).
    pub(super) print_cases: ByArc<PublicCase, (u128, Arc<str>)>,
    /// Each case's card, rendered ([`crate::render::cards`]).
    pub(super) cards: crate::render::cards::KeptCards,
    /// What lists show of each published case, hashed.
    pub(super) case_items: ByArc<PublicCase, u128>,
    /// The facets of the last build, with what they were made from: the
    /// cards (shared while no case changed), the cases' order, and a hash
    /// of the chapters' slugs, languages and titles ([`crate::render::facets`]).
    pub(super) facets: Option<KeptFacets>,
    /// What a card shows of each case beyond the case itself.
    pub(super) card_data: crate::render::cards::KeptCardData,
    /// A one-shot build: there is no next build to keep anything for (the
    /// print page's cases alone are as large as the case pages together).
    pub once: bool,
}

/// [`Memo::facets`].
pub(super) type KeptFacets = (
    Arc<Vec<crate::render::cards::CardData>>,
    Vec<usize>,
    u128,
    Arc<crate::render::facets::Facets>,
);

/// (text hash, page folder, heading id prefix).
/// (A hash of the Markdown, a hash of the page it is for and its ids' prefix.)
type MemoKey = (u128, u128);

#[derive(Clone)]
struct MemoEntry {
    rendered: Arc<Rendered>,
    /// Every link resolved: (path, anchor) → href (shared: an entry is
    /// cloned on every use).
    links: Arc<Vec<Resolved>>,
}

/// A link as resolved when an entry was made: (path, anchor, href).
type Resolved = (String, Option<String>, Option<String>);

pub(super) type Resolve<'r> = dyn Fn(usize, &str, Option<&str>) -> Option<String> + Sync + 'r;

impl Memo {
    /// The bytes of a print page no longer published (the last site's,
    /// replaced), to make the next one in.
    pub fn give_back(&mut self, bytes: Vec<u8>) {
        if !self.once {
            self.print_spare = Some(bytes);
        }
    }

    /// Forget what the last build did not use.
    pub fn sweep(&mut self) {
        let used = std::mem::take(&mut self.used);
        self.entries.retain(|k, _| used.contains(k));
    }

    /// Render `n` texts, each given by `input(i)` as (Markdown, page folder,
    /// id prefix) with links resolved by `resolve(i, …)`. `with_text`: with
    /// the plain text and sections (else those are empty: a page that shows
    /// the HTML only, the print page). `keep`: keep them for a next build
    /// or another page of this one (else they are only returned).
    pub(super) fn render_all<'t>(
        &mut self,
        n: usize,
        with_text: bool,
        keep: bool,
        input: &(dyn Fn(usize) -> (&'t str, &'t str, &'t str) + Sync),
        resolve: &Resolve<'_>,
    ) -> Vec<Arc<Rendered>> {
        let results: Vec<(MemoKey, MemoEntry, bool)> = (0..n)
            .into_par_iter()
            .map(|i| {
                let (md, from, prefix) = input(i);
                let key = (
                    crate::text::hash(md.as_bytes()),
                    crate::text::Fingerprint::default()
                        .str(from)
                        .str(prefix)
                        .u128(u128::from(with_text))
                        .finish(),
                );
                if let Some(e) = self.entries.get(&key)
                    && (self.same_links
                        || e.links
                            .iter()
                            .all(|(rel, anchor, href)| resolve(i, rel, anchor.as_deref()) == *href))
                {
                    return (key, e.clone(), false);
                }
                let seen = std::sync::Mutex::new(Vec::new());
                let record = |rel: &str, anchor: Option<&str>| {
                    let href = resolve(i, rel, anchor);
                    if let Ok(mut s) = seen.lock() {
                        s.push((rel.to_string(), anchor.map(str::to_string), href.clone()));
                    }
                    href
                };
                // (A chapter's text is parsed again for the print page:
                // keeping it parsed from the chapter pages, made before the
                // search index, until then cost 25 MB of peak memory at
                // 10,000 pages.)
                let mut rendered = markdown::render(md, &record, prefix);
                if !with_text {
                    rendered.plain = String::new();
                    rendered.sections = Vec::new();
                }
                let links = Arc::new(seen.into_inner().unwrap_or_default());
                let entry = MemoEntry {
                    rendered: Arc::new(rendered),
                    links,
                };
                (key, entry, true)
            })
            .collect();
        let mut out = Vec::with_capacity(n);
        for (key, entry, new) in results {
            out.push(Arc::clone(&entry.rendered));
            if !keep {
                continue;
            }
            self.used.insert(key);
            if new {
                self.entries.insert(key, entry);
            }
        }
        out
    }
}
