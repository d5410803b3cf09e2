//! The pages of the site: each kind declared once ([`Page`]: its path, and
//! the function that gives its template, context and dependencies), and
//! the [`Renderer`] that renders them, all or only those an edit reached.
//!
//! [`Page`] lists the kinds; a page kind's context is built in the module
//! named for it
//! (`chapter_page`, `case_page`, `list_pages`, `onboarding`, `print`,
//! `site_pages`) from what every page shares ([`Shared`]).

use std::sync::Arc;

use rayon::prelude::*;

use crate::anonymize::handbook::Handbook;
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::{Dep, OutputFile};
use crate::render::cards::{CardData, card_data};
use crate::render::facets::Facets;
use crate::render::i18n::I18n;
use crate::render::links::{check_links, links_fingerprint};
use crate::render::markdown::Rendered;
use crate::render::onboarding;
use crate::render::page::Page;
use crate::render::shared::Shared;
use crate::render::theme::Theme;
use crate::render::urls::{Urls, case_dir, chapter_dir};

pub use crate::render::memo::Memo;

/// The site ready to render: everything pages share, and the chapters'
/// bodies. Pages are rendered one by one, so that an incremental rebuild
/// renders only those whose dependencies ([`OutputFile::deps`]) changed.
pub struct Renderer<'a> {
    shared: Shared<'a>,
    bodies: Vec<Arc<Rendered>>,
    pages: Vec<Page>,
    assets: &'a [(String, Vec<u8>)],
    /// [`Renderer::list_fingerprints`].
    lists: (u128, u128),
    /// What every page depends on beyond the handbook's content (the
    /// configuration, the theme, the secret set): see [`Renderer::stamp`].
    stamp: u128,
    /// Where every `@/` link leads (see [`Memo`]).
    links: u128,
}

/// What the search index is made of ([`Renderer::searchable`]).
pub struct Searchable<'r> {
    pub config: &'r Config,
    pub handbook: &'r Handbook<'r>,
    /// Each chapter's body, rendered.
    pub bodies: &'r [Arc<Rendered>],
    pub urls: Urls,
    pub chapter_dirs: &'r [String],
    pub case_dirs: &'r [String],
    /// Cases, newest first.
    pub newest: &'r [usize],
    pub i18n: &'r I18n,
    /// The site's language.
    pub lang: &'r str,
}

/// A filter of the search page: a facet's name and its values, each with
/// the label the index gives it and how many pages have it.
pub struct SearchFilter<'f> {
    pub name: &'f str,
    pub values: Vec<(&'f str, &'f str, usize)>,
}

const ROBOTS: &[u8] =
    b"# An internal handbook: not for search engines.\nUser-agent: *\nDisallow: /\n";

impl<'a> Renderer<'a> {
    /// Prepare the pages: links, the chapters' bodies (from `memo` where
    /// their text and every link they resolve are unchanged), and the checks
    /// of `@/` links.
    pub fn new(
        config: &'a Config,
        handbook: &'a Handbook<'a>,
        theme: &'a Theme,
        assets: &'a [(String, Vec<u8>)],
        memo: &mut Memo,
    ) -> (Renderer<'a>, Diagnostics) {
        let mut diags = Diagnostics::default();
        let urls = Urls {
            pretty: config.pretty_urls,
        };
        let chapter_dirs: Vec<String> = handbook
            .chapter_files
            .iter()
            .map(|c| chapter_dir(&c.slug, c.lang.as_deref()))
            .collect();
        let case_dirs: Vec<String> = handbook.cases.iter().map(|c| case_dir(&c.slug)).collect();
        let mut newest: Vec<usize> = (0..handbook.cases.len()).collect();
        newest.sort_by(|&a, &b| {
            let (ca, cb) = (&handbook.cases[a], &handbook.cases[b]);
            cb.exit_date
                .key
                .cmp(&ca.exit_date.key)
                .then(ca.slug.cmp(&cb.slug))
        });
        let mut rank = vec![0; newest.len()];
        for (r, &i) in newest.iter().enumerate() {
            rank[i] = r;
        }
        let cards = card_data(handbook, (!memo.once).then_some(&mut memo.card_data));
        let facets = kept_facets(handbook, &newest, &cards, memo);
        let steps = onboarding::resolve(config, handbook, &mut diags);
        let shared = Shared {
            config,
            handbook,
            theme,
            i18n: &theme.i18n,
            urls,
            chapter_dirs,
            case_dirs,
            newest,
            rank,
            steps,
            facets,
            cards,
            cards_html: std::sync::OnceLock::new(),
            case_texts: handbook
                .cases
                .iter()
                .map(|_| std::sync::Mutex::new(None))
                .collect(),
        };

        let links = links_fingerprint(&shared);
        memo.same_links = memo.links == Some(links);
        memo.links = Some(links);

        // Chapter bodies, rendered once each for their own page.
        let bodies = memo.render_all(
            handbook.chapters.len(),
            true,
            true,
            &|i| {
                let from = shared.chapter_dirs[i].as_str();
                (handbook.chapters[i].body.text.as_str(), from, "")
            },
            &|i, rel, anchor| shared.href_to(&shared.chapter_dirs[i], rel, anchor),
        );
        check_links(&shared, &bodies, &mut diags);
        onboarding::check_anchors(config, &shared.steps, &bodies, &mut diags);

        let pages = Page::all(&shared);
        let mut renderer = Renderer {
            shared,
            bodies,
            pages,
            assets,
            lists: (0, 0),
            stamp: 0,
            links,
        };
        renderer.lists = renderer.shared.list_fingerprints(&mut memo.case_items);
        (renderer, diags)
    }

    /// Where the print page is in [`Renderer::paths`]: the largest page by
    /// far (it holds every other), which a streamed build makes alone.
    pub fn print_index(&self) -> Option<usize> {
        self.pages.iter().position(|&p| p == Page::Print)
    }

    /// How many cases file `i` of [`Renderer::paths`] lists in full (the
    /// library, a facet value's page; about a kilobyte each): a streamed
    /// build makes no more than a few pages' worth of those at a time.
    pub fn cases_listed(&self, i: usize) -> usize {
        match self.pages.get(i) {
            Some(Page::Library) => self.shared.handbook.cases.len(),
            Some(Page::Facet(k)) => self.shared.facets.values[*k].cases.len(),
            _ => 0,
        }
    }

    /// The path of every file of the site, in the order [`Renderer::render`]
    /// returns them.
    pub fn paths(&self) -> Vec<String> {
        let mut out: Vec<String> = self.pages.iter().map(|&p| p.path(&self.shared)).collect();
        out.extend(self.assets.iter().map(|(p, _)| p.clone()));
        out.push("robots.txt".into());
        out
    }

    /// Render every file of `paths` ([`Renderer::paths`]) except those
    /// `reuse` keeps from a previous build, by index (`None` in their
    /// place).
    pub fn render(
        &self,
        paths: &[String],
        reuse: &(dyn Fn(usize) -> bool + Sync),
        memo: &mut Memo,
    ) -> (Vec<Option<OutputFile>>, Diagnostics) {
        let mut diags = Diagnostics::default();
        let todo: Vec<(usize, Page)> = self
            .pages
            .iter()
            .enumerate()
            .filter(|&(i, _)| !reuse(i))
            .map(|(i, &p)| (i, p))
            .collect();
        // Every case's card, for the lists of the pages (once per renderer:
        // a streamed build renders its pages a part at a time).
        if self.shared.cards_html.get().is_none() && todo.iter().any(|(_, p)| p.lists_cases()) {
            match self
                .shared
                .render_cards(&mut memo.cards, self.print_cases_key())
            {
                Ok(cards) => {
                    let _ = self.shared.cards_html.set(cards);
                }
                Err(d) => diags.push(d),
            }
        }
        // The print page holds every chapter and case again, with its own
        // heading ids.
        let print = match todo.iter().any(|(_, p)| *p == Page::Print) {
            false => None,
            true => match self.shared.print_parts(memo, self.print_cases_key()) {
                Ok(parts) => {
                    let key = self.print_key(&parts);
                    let shell = memo.print_shell.take().filter(|(k, _)| *k == key);
                    let spare = std::sync::Mutex::new(memo.print_spare.take());
                    Some((parts, key, shell.map(|(_, s)| s), spare))
                }
                Err(d) => {
                    diags.push(d);
                    None
                }
            },
        };
        let new_shell = std::sync::Mutex::new(None);
        let rendered: Vec<(usize, Result<OutputFile, Diagnostic>)> = todo
            .into_par_iter()
            .filter_map(|(i, p)| {
                let r = match (p, &print) {
                    (Page::Print, None) => return None,
                    (Page::Print, Some((parts, _, shell, spare))) => self
                        .shared
                        .print_file(
                            parts,
                            shell.as_ref(),
                            spare.lock().ok().and_then(|mut s| s.take()),
                        )
                        .map(|(f, made)| {
                            if let Ok(mut s) = new_shell.lock() {
                                *s = made;
                            }
                            f
                        }),
                    _ => self.render_page(p),
                };
                Some((i, r))
            })
            .collect();
        if let Some((_, key, kept, _)) = print {
            let made = new_shell.into_inner().ok().flatten();
            memo.print_shell = made.or(kept).map(|s| (key, s));
        }
        let mut files: Vec<Option<OutputFile>> = Vec::with_capacity(paths.len());
        files.resize_with(self.pages.len(), || None);
        for (i, r) in rendered {
            match r {
                Ok(f) => files[i] = Some(f),
                Err(d) => diags.push(d),
            }
        }
        for (k, (path, bytes)) in self.assets.iter().enumerate() {
            files.push((!reuse(self.pages.len() + k)).then(|| OutputFile {
                path: path.clone(),
                bytes: bytes.clone(),
                deps: vec![Dep::Theme],
            }));
        }
        files.push((!reuse(paths.len() - 1)).then(|| OutputFile {
            path: "robots.txt".into(),
            bytes: ROBOTS.to_vec(),
            deps: Vec::new(),
        }));
        (files, diags)
    }

    /// One page of the kinds rendered from a template.
    fn render_page(&self, page: Page) -> Result<OutputFile, Diagnostic> {
        page.render(&self.shared, &self.bodies)
    }

    /// What the search index is made of: the published handbook, the
    /// chapters' rendered bodies, and where each page is.
    pub fn searchable(&self) -> Searchable<'_> {
        let sh = &self.shared;
        Searchable {
            config: sh.config,
            handbook: sh.handbook,
            bodies: &self.bodies,
            urls: sh.urls,
            chapter_dirs: &sh.chapter_dirs,
            case_dirs: &sh.case_dirs,
            newest: &sh.newest,
            i18n: sh.i18n,
            lang: sh.lang(),
        }
    }

    /// `search/`: the search box, its `filters` and the file that finds a
    /// word's part of the index (`lookup`).
    pub fn search_page(
        &self,
        filters: &[SearchFilter<'_>],
        lookup: &str,
    ) -> Result<OutputFile, Diagnostic> {
        self.shared.search_page(filters, lookup)
    }

    /// The values of [`Dep::ChapterList`] and [`Dep::CaseList`]: hashes of
    /// everything a page may show of a chapter or case other than its own
    /// (the items of lists, navigation, links and their order).
    pub fn list_fingerprints(&self) -> (u128, u128) {
        self.lists
    }

    /// Name the state of what every page depends on beyond the content
    /// (a hash of the configuration, the theme and the secret set), so that
    /// what is kept in a [`Memo`] by content alone is not reused across a
    /// change of those. A fresh `Memo` needs none.
    pub fn stamp(&mut self, stamp: u128) {
        self.stamp = stamp;
    }

    /// What a case's card, or its body on the print page, is made from
    /// beyond the case: the theme and configuration, the chapters' titles
    /// and where links lead.
    fn print_cases_key(&self) -> u128 {
        crate::text::Fingerprint::default()
            .u128(self.stamp)
            .u128(self.lists.0)
            .u128(self.links)
            .finish()
    }

    /// What the print page's shell is made from: everything but the
    /// bodies (the chapters' tables of contents included).
    fn print_key(&self, parts: &crate::render::print::Parts) -> u128 {
        let mut f = crate::text::Fingerprint::default();
        f.u128(self.stamp).u128(self.lists.0).u128(self.lists.1);
        parts.hash_tocs(&mut f);
        f.finish()
    }
}

/// The facets of the cases: those of the last build while the cases (their
/// cards), their order and the chapters they link to are the same (a
/// chapter's text edited), else made again.
fn kept_facets(
    handbook: &Handbook<'_>,
    newest: &[usize],
    cards: &Arc<Vec<CardData>>,
    memo: &mut Memo,
) -> Arc<Facets> {
    if memo.once {
        return Arc::new(Facets::build(handbook, newest, cards));
    }
    let mut key = crate::text::Fingerprint::default();
    for (file, chapter) in handbook.chapter_files.iter().zip(&handbook.chapters) {
        key.str(&file.slug)
            .str(file.lang.as_deref().unwrap_or("\0"))
            .str(&chapter.title);
    }
    let key = key.finish();
    if let Some((c, n, k, facets)) = &memo.facets
        && Arc::ptr_eq(c, cards)
        && n == newest
        && *k == key
    {
        return Arc::clone(facets);
    }
    let facets = Arc::new(Facets::build(handbook, newest, cards));
    memo.facets = Some((Arc::clone(cards), newest.to_vec(), key, Arc::clone(&facets)));
    facets
}
