//! What rendering keeps from one build to the next: rendered Markdown,
//! the print page's shell, and
//! hashes of what lists show of each case.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::anonymize::PublicCase;
use crate::kept::ByArc;
use crate::render::markdown::{Generic, Rendered};

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
    /// Each case in full as the print page holds it, by what it was made
    /// from beyond the case ([`crate::render::print`]).
    pub(super) print_cases: ByArc<PublicCase, (u128, Arc<str>)>,
    /// Each case's card, rendered ([`crate::render::cards`]).
    pub(super) cards: crate::render::cards::KeptCards,
    /// What lists show of each published case, hashed.
    pub(super) case_items: ByArc<PublicCase, u128>,
    /// Each text rendered once for all the pages of a build that hold it
    /// (a chapter's own and the print page), by the text's hash; forgotten
    /// once the print page has its copy ([`Memo::forget_generic`]) and
    /// at the end of a build.
    generic: HashMap<u128, Arc<Generic>>,
}

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
    /// Forget what the last build did not use.
    pub fn sweep(&mut self) {
        let used = std::mem::take(&mut self.used);
        self.entries.retain(|k, _| used.contains(k));
        self.forget_generic();
    }

    /// Forget the texts rendered for every page that holds them: those
    /// pages have their copies.
    pub(super) fn forget_generic(&mut self) {
        self.generic = HashMap::new();
    }

    /// Render `n` texts, each given by `input(i)` as (Markdown, page folder,
    /// id prefix) with links resolved by `resolve(i, …)`. `text`: with the
    /// plain text and sections (else those are empty: a page that shows
    /// the HTML only, the print page).
    pub(super) fn render_all<'t>(
        &mut self,
        n: usize,
        with_text: bool,
        input: &(dyn Fn(usize) -> (&'t str, &'t str, &'t str) + Sync),
        resolve: &Resolve<'_>,
    ) -> Vec<Arc<Rendered>> {
        let results: Vec<(MemoKey, MemoEntry, Option<Arc<Generic>>)> = (0..n)
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
                    return (key, e.clone(), None);
                }
                let seen = std::sync::Mutex::new(Vec::new());
                let record = |rel: &str, anchor: Option<&str>| {
                    let href = resolve(i, rel, anchor);
                    if let Ok(mut s) = seen.lock() {
                        s.push((rel.to_string(), anchor.map(str::to_string), href.clone()));
                    }
                    href
                };
                let (rendered, generic) = match self.generic.get(&key.0) {
                    Some(g) if with_text => (g.rendered(md, &record, prefix), Arc::clone(g)),
                    Some(g) => (g.rendered_html(md, &record, prefix), Arc::clone(g)),
                    None => {
                        // Kept for the other pages of the build that hold
                        // the text, without what they do not show.
                        let mut g = Generic::new(md, with_text);
                        let r = match with_text {
                            true => g.rendered(md, &record, prefix),
                            false => g.rendered_html(md, &record, prefix),
                        };
                        g.slim();
                        (r, Arc::new(g))
                    }
                };
                let links = Arc::new(seen.into_inner().unwrap_or_default());
                let entry = MemoEntry {
                    rendered: Arc::new(rendered),
                    links,
                };
                (key, entry, Some(generic))
            })
            .collect();
        let mut out = Vec::with_capacity(n);
        for (key, entry, generic) in results {
            out.push(Arc::clone(&entry.rendered));
            self.used.insert(key);
            if let Some(g) = generic {
                self.generic.entry(key.0).or_insert(g);
                self.entries.insert(key, entry);
            }
        }
        out
    }
}
