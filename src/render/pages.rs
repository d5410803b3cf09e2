//! The pages of the site and what each template is given.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::anonymize::generalize::PublicDate;
use crate::anonymize::{PublicCase, Published};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::kept::ByArc;
use crate::model::case::Case;
use crate::model::site::{Site, Target};
use crate::render::feed::{self, FeedEntry};
use crate::render::markdown::{self, Rendered, TocEntry};
use crate::render::theme::Theme;
use crate::render::urls::{Urls, case_dir, chapter_dir};
use crate::render::{Dep, OutputFile};

/// Every page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    Home,
    Chapter(usize),
    Library,
    Case(usize),
    Start,
    Print,
    NotFound,
    Insights,
    /// `atom.xml`, with `base_url` only.
    Feed,
}

#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    description: Option<&'a str>,
    language: &'a str,
}

/// Hrefs of the pages every page links to, relative to the page.
#[derive(Serialize)]
struct NavCtx {
    home: String,
    chapters: String,
    cases: String,
    start: Option<String>,
    print: String,
    insights: String,
    /// `atom.xml`, when there is one.
    feed: Option<String>,
    assets: String,
    /// The search page, and the way back to the site root (for the index).
    search: String,
    root: String,
}

#[derive(Serialize)]
struct ChapterItem<'a> {
    title: &'a str,
    summary: Option<&'a str>,
    href: String,
    lang: Option<&'a str>,
    cases: usize,
}

/// A case in a list. Every field is hashed in
/// `Renderer::compute_list_fingerprints`: a field added here is added there.
#[derive(Serialize)]
struct CaseItem<'a> {
    title: &'a str,
    href: String,
    reason: &'a str,
    reason_label: &'a str,
    initiated_by: &'a str,
    outcome: &'a str,
    exit_date: &'a PublicDate,
    industry: Option<&'a str>,
    region: Option<&'a str>,
}

#[derive(Serialize)]
struct LinkItem<'a> {
    title: &'a str,
    href: String,
    lang: Option<&'a str>,
}

#[derive(Serialize)]
struct StepItem<'a> {
    title: String,
    href: String,
    note: Option<&'a str>,
    kind: &'static str,
}

/// Everything every page shares, computed once.
struct Shared<'a> {
    config: &'a Config,
    site: &'a Site,
    published: &'a Published,
    theme: &'a Theme,
    urls: Urls,
    chapter_dirs: Vec<String>,
    case_dirs: Vec<String>,
    /// Cases, newest first (by published date, then slug).
    newest: Vec<usize>,
    /// Resolved onboarding steps: (target, step index).
    steps: Vec<(Target, usize)>,
}

/// Render every page, the assets and `robots.txt`.
pub fn render_site(
    config: &Config,
    site: &Site,
    published: &Published,
    theme: &Theme,
    assets: &[(String, Vec<u8>)],
) -> (Vec<OutputFile>, Diagnostics) {
    let mut memo = Memo::default();
    let (renderer, mut diags) = Renderer::new(config, site, published, theme, assets, &mut memo);
    let (files, d) = renderer.render(&renderer.paths(), &|_| false, &mut memo);
    diags.extend(d.0);
    let (search, d) = renderer.search(&mut memo);
    diags.extend(d.0);
    drop(memo);
    let search = search
        .into_iter()
        .map(|f| Arc::try_unwrap(f).unwrap_or_else(|f| OutputFile::clone(&f)));
    (files.into_iter().flatten().chain(search).collect(), diags)
}

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
}

const ROBOTS: &[u8] =
    b"# An internal handbook: not for search engines.\nUser-agent: *\nDisallow: /\n";

impl<'a> Renderer<'a> {
    /// Prepare the pages: links, the chapters' bodies (from `memo` where
    /// their text and every link they resolve are unchanged), and the checks
    /// of `@/` links.
    pub fn new(
        config: &'a Config,
        site: &'a Site,
        published: &'a Published,
        theme: &'a Theme,
        assets: &'a [(String, Vec<u8>)],
        memo: &mut Memo,
    ) -> (Renderer<'a>, Diagnostics) {
        let mut diags = Diagnostics::default();
        let urls = Urls {
            pretty: config.pretty_urls,
        };
        let chapter_dirs: Vec<String> = site
            .chapters
            .iter()
            .map(|c| chapter_dir(&c.slug, c.lang.as_deref()))
            .collect();
        let case_dirs: Vec<String> = published.cases.iter().map(|c| case_dir(&c.slug)).collect();
        let mut newest: Vec<usize> = (0..site.cases.len()).collect();
        newest.sort_by(|&a, &b| {
            let (ca, cb) = (&published.cases[a], &published.cases[b]);
            cb.exit_date
                .key
                .cmp(&ca.exit_date.key)
                .then(ca.slug.cmp(&cb.slug))
        });

        let steps = resolve_onboarding(config, site, &mut diags);
        let shared = Shared {
            config,
            site,
            published,
            theme,
            urls,
            chapter_dirs,
            case_dirs,
            newest,
            steps,
        };

        // Where every `@/` link leads: while that is as it was, every link a
        // kept Markdown body resolved resolves the same again.
        let mut links = crate::text::Fingerprint::default();
        links.u128(u128::from(urls.pretty));
        for (i, c) in site.chapters.iter().enumerate() {
            links
                .str(&c.rel)
                .str(&shared.chapter_dirs[i])
                .str(&c.slug)
                .u128(u128::from(site.original[i].is_none()));
        }
        for (i, c) in site.cases.iter().enumerate() {
            links.str(&c.rel).str(&shared.case_dirs[i]);
        }
        let links = links.finish();
        memo.same_links = memo.links == Some(links);
        memo.links = Some(links);

        // Chapter bodies, rendered once each for their own page.
        let bodies = memo.render_all(
            site.chapters.len(),
            &|i| {
                let from = shared.chapter_dirs[i].as_str();
                (published.chapters[i].body.text.as_str(), from, "")
            },
            &|i, rel, anchor| shared.href_to(&shared.chapter_dirs[i], rel, anchor),
        );
        check_links(&shared, &bodies, &mut diags);
        check_record_links(site, &mut memo.record_links, &mut diags);

        let mut pages = vec![
            Page::Home,
            Page::Library,
            Page::Print,
            Page::NotFound,
            Page::Insights,
        ];
        if !config.onboarding.is_empty() {
            pages.push(Page::Start);
        }
        if config.base_url.is_some() {
            pages.push(Page::Feed);
        }
        pages.extend((0..site.chapters.len()).map(Page::Chapter));
        pages.extend((0..site.cases.len()).map(Page::Case));
        let mut renderer = Renderer {
            shared,
            bodies,
            pages,
            assets,
            lists: (0, 0),
            stamp: 0,
        };
        renderer.lists = renderer.compute_list_fingerprints(&mut memo.case_items);
        (renderer, diags)
    }

    /// The path of every file of the site, in the order [`Renderer::render`]
    /// returns them.
    pub fn paths(&self) -> Vec<String> {
        let mut out: Vec<String> = self.pages.iter().map(|&p| self.page_path(p)).collect();
        out.extend(self.assets.iter().map(|(p, _)| p.clone()));
        out.push("robots.txt".into());
        out
    }

    fn page_path(&self, page: Page) -> String {
        match page {
            Page::Home => "index.html".into(),
            Page::Library => "cases/index.html".into(),
            Page::Start => "start/index.html".into(),
            Page::Print => "print/index.html".into(),
            Page::NotFound => "404.html".into(),
            Page::Insights => "insights/index.html".into(),
            Page::Feed => feed::PATH.into(),
            Page::Chapter(i) => format!("{}index.html", self.shared.chapter_dirs[i]),
            Page::Case(i) => format!("{}index.html", self.shared.case_dirs[i]),
        }
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
        // The print page holds every chapter again, with its own heading ids.
        let print = todo.iter().any(|(_, p)| *p == Page::Print).then(|| {
            let bodies = self.shared.print_bodies(memo);
            let key = self.print_key(&bodies);
            let shell = memo.print_shell.take().filter(|(k, _)| *k == key);
            (bodies, key, shell.map(|(_, s)| s))
        });
        let new_shell = std::sync::Mutex::new(None);
        let rendered: Vec<(usize, Result<OutputFile, Diagnostic>)> = todo
            .into_par_iter()
            .map(|(i, p)| {
                let r = match (p, &print) {
                    (Page::Print, Some((bodies, _, shell))) => self
                        .shared
                        .print_file(bodies, shell.as_ref())
                        .map(|(f, made)| {
                            if let Ok(mut s) = new_shell.lock() {
                                *s = made;
                            }
                            f
                        }),
                    _ => self.shared.render_page(p, &self.bodies),
                };
                (i, r)
            })
            .collect();
        if let Some((_, key, kept)) = print {
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

    /// The search index and the search page. They are built whole: term
    /// shards hold words of every page and their file names are known only
    /// once the index is built. Everything they read is also read by some
    /// page, so a rebuild that renders no page can keep the previous ones.
    pub fn search(&self, memo: &mut Memo) -> (Vec<Arc<OutputFile>>, Diagnostics) {
        let mut diags = Diagnostics::default();
        let sh = &self.shared;
        let pages = crate::render::searchable::pages(
            sh.site,
            sh.published,
            &self.bodies,
            sh.urls,
            (&sh.chapter_dirs, &sh.case_dirs),
            &sh.newest,
            &mut memo.pages,
        );
        let pages: Vec<&crate::search::Page<'_>> = pages.iter().map(|p| &**p).collect();
        let index = memo.search.build(&pages, &[Dep::Config, Dep::Secrets]);
        let mut search = Vec::with_capacity(index.files.len() + 1);
        match sh.search_page(&index.filters, &index.lookup) {
            Ok(f) => search.push(Arc::new(f)),
            Err(d) => diags.push(d),
        }
        search.extend(index.files);
        (search, diags)
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

    /// What the print page's shell is made from: everything but the
    /// chapters' bodies (their tables of contents included).
    fn print_key(&self, bodies: &[Arc<Rendered>]) -> u128 {
        let mut f = crate::text::Fingerprint::default();
        f.u128(self.stamp).u128(self.lists.0).u128(self.lists.1);
        for b in bodies {
            f.u128(b.toc.len() as u128);
            for t in &b.toc {
                f.u128(u128::from(t.level)).str(&t.id).str(&t.title);
            }
        }
        f.finish()
    }

    fn compute_list_fingerprints(&self, case_items: &mut ByArc<PublicCase, u128>) -> (u128, u128) {
        let sh = &self.shared;
        let site = sh.site;
        let mut chapters = crate::text::Fingerprint::default();
        for (i, c) in site.chapters.iter().enumerate() {
            let item = sh.chapter_item("", i);
            chapters
                .str(item.title)
                .str(item.summary.unwrap_or("\0"))
                .str(&item.href)
                .str(item.lang.unwrap_or("\0"))
                .u128(item.cases as u128)
                .str(&c.rel)
                .str(&c.slug)
                .u128(site.original[i].map_or(u128::MAX, |o| o as u128));
            for &t in &site.translations[i] {
                chapters.u128(t as u128);
            }
            for &k in &site.cases_of_chapter[i] {
                chapters.str(&site.cases[k].rel);
            }
        }
        // What `case_item` shows (its link follows from the folder), field
        // by field, kept for each published case while it is the same.
        let items = case_items.all(&sh.published.cases, |c| {
            crate::text::Fingerprint::default()
                .str(&case_dir(&c.slug))
                .str(&c.title)
                .str(&c.reason)
                .str(&c.reason_label)
                .str(&c.initiated_by)
                .str(&c.outcome)
                .json(&c.exit_date)
                .str(c.industry.as_deref().unwrap_or("\0"))
                .str(c.region.as_deref().unwrap_or("\0"))
                .finish()
        });
        let mut cases = crate::text::Fingerprint::default();
        for &i in &sh.newest {
            cases.str(&site.cases[i].rel).u128(items[i]);
        }
        (chapters.finish(), cases.finish())
    }
}

/// Rendered Markdown kept from one build to the next: an entry is reused
/// when the text, the page it is rendered for and every `@/` link it
/// resolved are the same as when it was made.
#[derive(Default)]
pub struct Memo {
    entries: HashMap<MemoKey, MemoEntry>,
    used: HashSet<MemoKey>,
    /// The search index and what it was made from.
    search: crate::search::Builder,
    /// What search reads of each chapter and case.
    pages: crate::render::searchable::KeptPages,
    /// What `@/` links led to in the last build ([`Renderer::new`]), and
    /// whether they still do.
    links: Option<u128>,
    same_links: bool,
    /// The print page with markers for the chapters' bodies, by what it
    /// was made from (`None`: the template needs the bodies themselves).
    print_shell: Option<(u128, Option<String>)>,
    /// What lists show of each published case, hashed.
    case_items: ByArc<PublicCase, u128>,
    /// The `@/` links in each record's text.
    record_links: ByArc<Case, Arc<[RecordLink]>>,
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

type Resolve<'r> = dyn Fn(usize, &str, Option<&str>) -> Option<String> + Sync + 'r;

impl Memo {
    /// Forget what the last build did not use.
    pub fn sweep(&mut self) {
        let used = std::mem::take(&mut self.used);
        self.entries.retain(|k, _| used.contains(k));
    }

    /// Render `n` texts, each given by `input(i)` as (Markdown, page folder,
    /// id prefix) with links resolved by `resolve(i, …)`.
    fn render_all<'t>(
        &mut self,
        n: usize,
        input: &(dyn Fn(usize) -> (&'t str, &'t str, &'t str) + Sync),
        resolve: &Resolve<'_>,
    ) -> Vec<Arc<Rendered>> {
        let results: Vec<(MemoKey, MemoEntry, bool)> = (0..n)
            .into_par_iter()
            .map(|i| {
                let (text, from, prefix) = input(i);
                let key = (
                    crate::text::hash(text.as_bytes()),
                    crate::text::Fingerprint::default()
                        .str(from)
                        .str(prefix)
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
                let rendered = markdown::render(
                    text,
                    &|rel, anchor| {
                        let href = resolve(i, rel, anchor);
                        if let Ok(mut s) = seen.lock() {
                            s.push((rel.to_string(), anchor.map(str::to_string), href.clone()));
                        }
                        href
                    },
                    prefix,
                );
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
            self.used.insert(key);
            if new {
                self.entries.insert(key, entry);
            }
        }
        out
    }
}

impl Shared<'_> {
    fn dir_of(&self, t: Target) -> &str {
        match t {
            Target::Chapter(i) => &self.chapter_dirs[i],
            Target::Case(i) => &self.case_dirs[i],
        }
    }

    fn href_to(&self, from: &str, rel: &str, anchor: Option<&str>) -> Option<String> {
        let target = self.site.resolve(rel)?;
        let href = self.urls.href(from, self.dir_of(target));
        Some(match anchor {
            Some(a) => format!("{href}#{a}"),
            None => href,
        })
    }

    fn nav(&self, from: &str) -> NavCtx {
        let home = self.urls.href(from, "");
        NavCtx {
            chapters: format!("{home}#chapters"),
            home,
            cases: self.urls.href(from, "cases/"),
            start: (!self.steps.is_empty()).then(|| self.urls.href(from, "start/")),
            print: self.urls.href(from, "print/"),
            insights: self.urls.href(from, "insights/"),
            feed: self
                .config
                .base_url
                .as_ref()
                .map(|_| format!("{}{}", Urls::root_from(from), feed::PATH)),
            assets: format!("{}assets/", crate::render::urls::Urls::root_from(from)),
            search: self.urls.href(from, "search/"),
            root: crate::render::urls::Urls::root_from(from),
        }
    }

    fn base_context(&self, from: &str, title: &str, lang: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert(
            "site",
            &SiteCtx {
                title: &self.config.title,
                description: self.config.description.as_deref(),
                language: &self.config.language,
            },
        );
        ctx.insert("nav", &self.nav(from));
        ctx.insert("page_title", title);
        ctx.insert("lang", lang);
        ctx
    }

    fn chapter_item(&self, from: &str, i: usize) -> ChapterItem<'_> {
        let c = &self.site.chapters[i];
        ChapterItem {
            title: &self.published.chapters[i].title,
            summary: self.published.chapters[i].summary.as_deref(),
            href: self.urls.href(from, &self.chapter_dirs[i]),
            lang: c.lang.as_deref(),
            cases: self.site.cases_of_chapter[i].len(),
        }
    }

    fn case_item(&self, from: &str, i: usize) -> CaseItem<'_> {
        let c: &PublicCase = &self.published.cases[i];
        CaseItem {
            title: &c.title,
            href: self.urls.href(from, &self.case_dirs[i]),
            reason: &c.reason,
            reason_label: &c.reason_label,
            initiated_by: &c.initiated_by,
            outcome: &c.outcome,
            exit_date: &c.exit_date,
            industry: c.industry.as_deref(),
            region: c.region.as_deref(),
        }
    }

    fn render_page(&self, page: Page, bodies: &[Arc<Rendered>]) -> Result<OutputFile, Diagnostic> {
        let lang = self.config.language.as_str();
        let (dir, template, ctx, deps): (String, &str, Context, Vec<Dep>) = match page {
            Page::Home => {
                let dir = String::new();
                let mut ctx = self.base_context(&dir, &self.config.title, lang);
                let chapters: Vec<ChapterItem<'_>> = self
                    .site
                    .originals()
                    .map(|(i, _)| self.chapter_item(&dir, i))
                    .collect();
                let latest: Vec<CaseItem<'_>> = self
                    .newest
                    .iter()
                    .take(6)
                    .map(|&i| self.case_item(&dir, i))
                    .collect();
                ctx.insert("chapters", &chapters);
                ctx.insert("latest_cases", &latest);
                ctx.insert("case_count", &self.site.cases.len());
                (
                    dir,
                    "index.html",
                    ctx,
                    vec![Dep::ChapterList, Dep::CaseList],
                )
            }
            Page::Library => {
                let dir = "cases/".to_string();
                let mut ctx = self.base_context(&dir, "Case library", lang);
                let cases: Vec<CaseItem<'_>> = self
                    .newest
                    .iter()
                    .map(|&i| self.case_item(&dir, i))
                    .collect();
                ctx.insert("cases", &cases);
                (dir, "cases.html", ctx, vec![Dep::CaseList])
            }
            Page::Chapter(i) => self.chapter_page(i, &bodies[i]),
            Page::Case(i) => self.case_page(i),
            Page::Start => {
                let dir = "start/".to_string();
                let mut ctx = self.base_context(&dir, "Start here", lang);
                let steps: Vec<StepItem<'_>> = self
                    .steps
                    .iter()
                    .map(|&(t, k)| {
                        let step = &self.config.onboarding[k];
                        let (own_title, kind) = match t {
                            Target::Chapter(i) => {
                                (self.published.chapters[i].title.clone(), "chapter")
                            }
                            Target::Case(i) => (self.published.cases[i].title.clone(), "case"),
                        };
                        StepItem {
                            title: step.title.clone().unwrap_or(own_title),
                            href: self.urls.href(&dir, self.dir_of(t)),
                            note: step.note.as_deref(),
                            kind,
                        }
                    })
                    .collect();
                ctx.insert("steps", &steps);
                (
                    dir,
                    "start.html",
                    ctx,
                    vec![Dep::ChapterList, Dep::CaseList],
                )
            }
            Page::Print => return self.print_file(&[], None).map(|(f, _)| f),
            Page::Insights => self.insights_page(),
            Page::Feed => return Ok(self.feed_file()),
            Page::NotFound => {
                let ctx = self.base_context("", "Page not found", lang);
                let html = self.theme.render("404.html", &ctx)?;
                return Ok(OutputFile {
                    path: "404.html".into(),
                    bytes: html.into_bytes(),
                    deps: vec![Dep::Config, Dep::Theme],
                });
            }
        };
        let html = self.theme.render(template, &ctx)?;
        let mut all_deps = vec![Dep::Config, Dep::Theme, Dep::Secrets];
        all_deps.extend(deps);
        Ok(OutputFile {
            path: format!("{dir}index.html"),
            bytes: html.into_bytes(),
            deps: all_deps,
        })
    }

    /// `search/`: the search box, the filters and the results (the script
    /// fills them in).
    fn search_page(
        &self,
        filters: &[crate::search::FilterGroup],
        lookup: &str,
    ) -> Result<OutputFile, Diagnostic> {
        let dir = "search/";
        let mut ctx = self.base_context(dir, "Search", &self.config.language);
        ctx.insert("filters", filters);
        ctx.insert("search_lookup", lookup);
        let html = self.theme.render("search.html", &ctx)?;
        Ok(OutputFile {
            path: format!("{dir}index.html"),
            bytes: html.into_bytes(),
            deps: vec![
                Dep::Config,
                Dep::Theme,
                Dep::Secrets,
                Dep::CaseList,
                Dep::AllContent,
            ],
        })
    }

    fn chapter_page(&self, i: usize, body: &Rendered) -> (String, &'static str, Context, Vec<Dep>) {
        let c = &self.site.chapters[i];
        let dir = self.chapter_dirs[i].clone();
        let lang = c.lang.as_deref().unwrap_or(&self.config.language);
        let public = &self.published.chapters[i];
        let mut ctx = self.base_context(&dir, &public.title, lang);
        let mut deps = vec![Dep::Source(c.rel.clone()), Dep::ChapterList];
        // A page shows where each of its `@/` links leads.
        deps.extend(linked(&body.links));
        // Translations, both ways: an original lists its translations, a
        // translation lists its original and the other translations.
        let family: Vec<usize> = match self.site.original[i] {
            Some(o) => std::iter::once(o)
                .chain(self.site.translations[o].iter().copied())
                .filter(|&k| k != i)
                .collect(),
            None => self.site.translations[i].clone(),
        };
        let versions: Vec<LinkItem<'_>> = family
            .iter()
            .map(|&k| {
                let t = &self.site.chapters[k];
                deps.push(Dep::Source(t.rel.clone()));
                LinkItem {
                    title: &self.published.chapters[k].title,
                    href: self.urls.href(&dir, &self.chapter_dirs[k]),
                    lang: Some(t.lang.as_deref().unwrap_or(&self.config.language)),
                }
            })
            .collect();
        let case_source = self.site.original[i].unwrap_or(i);
        let cases: Vec<CaseItem<'_>> = self.site.cases_of_chapter[case_source]
            .iter()
            .map(|&k| {
                deps.push(Dep::Source(self.site.cases[k].rel.clone()));
                self.case_item(&dir, k)
            })
            .collect();
        let originals: Vec<usize> = self.site.originals().map(|(k, _)| k).collect();
        let pos = originals.iter().position(|&k| k == i);
        let prev = pos
            .and_then(|p| p.checked_sub(1))
            .map(|p| self.chapter_item(&dir, originals[p]));
        let next = pos
            .and_then(|p| originals.get(p + 1))
            .map(|&k| self.chapter_item(&dir, k));
        ctx.insert("title", &public.title);
        ctx.insert("summary", &public.summary);
        ctx.insert("tags", &public.tags);
        ctx.insert("content", &body.html);
        ctx.insert("toc", &body.toc);
        ctx.insert("versions", &versions);
        ctx.insert("cases", &cases);
        ctx.insert("prev", &prev);
        ctx.insert("next", &next);
        (dir, "chapter.html", ctx, deps)
    }

    /// `insights/`: figures across every published case.
    fn insights_page(&self) -> (String, &'static str, Context, Vec<Dep>) {
        let dir = "insights/".to_string();
        let mut ctx = self.base_context(&dir, "Insights", &self.config.language);
        let cases: Vec<&PublicCase> = self
            .newest
            .iter()
            .map(|&i| &*self.published.cases[i])
            .collect();
        let a = &self.config.anonymize;
        let figures = crate::render::insights::insights(&cases, a.dates, a.min_group);
        ctx.insert("insights", &figures);
        ctx.insert("library", &self.urls.href(&dir, "cases/"));
        // Any field of any case may count in a figure.
        let mut deps = vec![Dep::CaseList];
        deps.extend(self.site.cases.iter().map(|c| Dep::Source(c.rel.clone())));
        (dir, "insights.html", ctx, deps)
    }

    /// `atom.xml`: the newest cases, with absolute links from `base_url`.
    fn feed_file(&self) -> OutputFile {
        let base = feed::base(self.config.base_url.as_deref().unwrap_or_default());
        let absolute = |dir: &str| feed::absolute(&base, &self.urls.path(dir));
        let mut deps = vec![Dep::Config, Dep::Secrets, Dep::CaseList];
        let entries: Vec<FeedEntry<'_>> = self
            .newest
            .iter()
            .take(feed::LIMIT)
            .map(|&i| {
                let case = &*self.published.cases[i];
                deps.push(Dep::Source(self.site.cases[i].rel.clone()));
                let content = case.story.summary.as_deref().map(|md| {
                    let resolve = |rel: &str, anchor: Option<&str>| {
                        let url = absolute(self.dir_of(self.site.resolve(rel)?));
                        Some(match anchor {
                            Some(a) => format!("{url}#{a}"),
                            None => url,
                        })
                    };
                    let r = markdown::render(md, &resolve, "");
                    deps.extend(linked(&r.links));
                    r.html
                });
                FeedEntry {
                    case,
                    url: absolute(&self.case_dirs[i]),
                    content,
                }
            })
            .collect();
        let xml = feed::atom(self.config, &base, &absolute("cases/"), &entries);
        OutputFile {
            path: feed::PATH.into(),
            bytes: xml.into_bytes(),
            deps,
        }
    }

    fn case_page(&self, i: usize) -> (String, &'static str, Context, Vec<Dep>) {
        let c = &self.published.cases[i];
        let dir = self.case_dirs[i].clone();
        let mut ctx = self.base_context(&dir, &c.title, &self.config.language);
        let mut deps = vec![Dep::Source(self.site.cases[i].rel.clone())];
        let chapters: Vec<LinkItem<'_>> = c
            .chapters
            .iter()
            .map(|&k| {
                deps.push(Dep::Source(self.site.chapters[k].rel.clone()));
                LinkItem {
                    title: &self.published.chapters[k].title,
                    href: self.urls.href(&dir, &self.chapter_dirs[k]),
                    lang: None,
                }
            })
            .collect();
        // The narrative, from scrubbed Markdown to HTML, links resolved
        // from this page.
        let links = std::cell::RefCell::new(Vec::new());
        let html = |md: &str| {
            let r = markdown::render(md, &|rel, anchor| self.href_to(&dir, rel, anchor), "");
            links.borrow_mut().extend(linked(&r.links));
            r.html
        };
        let mut c = PublicCase::clone(c);
        c.story.map(&html);
        for e in &mut c.timeline {
            if let Some(n) = &mut e.note {
                *n = html(n);
            }
        }
        for a in &mut c.actions {
            a.action = html(&a.action);
        }
        deps.extend(links.into_inner());
        ctx.insert("case", &c);
        ctx.insert("chapters", &chapters);
        ctx.insert("library", &self.urls.href(&dir, "cases/"));
        (dir, "case.html", ctx, deps)
    }

    /// The original chapters' bodies as the print page holds them: heading
    /// ids prefixed with the chapter's slug, and links between chapters made
    /// links within the page.
    fn print_bodies(&self, memo: &mut Memo) -> Vec<Arc<Rendered>> {
        let originals: Vec<usize> = self.site.originals().map(|(i, _)| i).collect();
        let prefixes: Vec<String> = originals
            .iter()
            .map(|&i| format!("{}--", self.site.chapters[i].slug))
            .collect();
        let slugs: HashMap<&str, &str> = self
            .site
            .originals()
            .map(|(_, c)| (c.rel.as_str(), c.slug.as_str()))
            .collect();
        memo.render_all(
            originals.len(),
            &|k| {
                let i = originals[k];
                (
                    self.published.chapters[i].body.text.as_str(),
                    "print/",
                    prefixes[k].as_str(),
                )
            },
            &|_, rel, anchor| match (slugs.get(rel), anchor) {
                (Some(slug), Some(a)) => Some(format!("#{slug}--{a}")),
                (Some(slug), None) => Some(format!("#chapter-{slug}")),
                (None, _) => self.href_to("print/", rel, anchor),
            },
        )
    }

    /// `print/`: rendered with a marker in place of each chapter's body,
    /// which is then put in (copying 2,000 bodies into the template's
    /// context and out again took most of a rebuild at 10,000 pages).
    ///
    /// The page with markers (the *shell*) is the same while the lists of
    /// chapters and cases and the chapters' tables of contents are: `kept`
    /// is the shell of the last build when so ([`Renderer::print_key`]).
    /// A new shell is rendered with two different sets of markers: a
    /// template that shows each body once as given (the default) gives the
    /// same page from both; one that does anything else with a body (shows
    /// it twice, cuts it short, escapes it) does not, and is rendered with
    /// the bodies themselves (`None` as the shell). Returns the shell made,
    /// if one was.
    fn print_file(
        &self,
        bodies: &[Arc<Rendered>],
        kept: Option<&Option<String>>,
    ) -> Result<(OutputFile, Option<Option<String>>), Diagnostic> {
        let markers = |a: bool| -> Vec<String> {
            (0..bodies.len())
                .map(|k| {
                    if a {
                        format!("<!--exitbook:print:{k}-->")
                    } else {
                        format!("\u{E000}{k}\u{E001}")
                    }
                })
                .collect()
        };
        let ours = markers(true);
        let made = match kept {
            Some(_) => None,
            None => {
                let (_, template, ctx) = self.print_page(bodies, Some(&ours));
                let shell = self.theme.render(template, &ctx)?;
                let other = markers(false);
                let (_, template, ctx) = self.print_page(bodies, Some(&other));
                let check = self.theme.render(template, &ctx)?;
                let a = splice(&shell, &ours, bodies);
                let same = a.is_some() && a == splice(&check, &other, bodies);
                Some(same.then_some(shell))
            }
        };
        let shell = kept.or(made.as_ref()).and_then(Option::as_deref);
        let html = match shell.and_then(|s| splice(s, &ours, bodies)) {
            Some(html) => html,
            None => {
                let (_, template, ctx) = self.print_page(bodies, None);
                self.theme.render(template, &ctx)?
            }
        };
        let mut all_deps = vec![
            Dep::Config,
            Dep::Theme,
            Dep::Secrets,
            Dep::ChapterList,
            Dep::CaseList,
        ];
        // Where the chapters' links lead (a chapter's slug, a case's
        // folder) is in the lists' fingerprints: no dependency per link.
        for (_, c) in self.site.originals() {
            all_deps.push(Dep::Source(c.rel.clone()));
        }
        let dir = "print/";
        let file = OutputFile {
            path: format!("{dir}index.html"),
            bytes: html.into_bytes(),
            deps: all_deps,
        };
        Ok((file, made))
    }

    fn print_page(
        &self,
        bodies: &[Arc<Rendered>],
        markers: Option<&[String]>,
    ) -> (String, &'static str, Context) {
        #[derive(Serialize)]
        struct PrintChapter<'a> {
            id: String,
            title: &'a str,
            summary: Option<&'a str>,
            content: &'a str,
            toc: &'a [TocEntry],
        }
        let dir = "print/".to_string();
        let mut ctx = self.base_context(
            &dir,
            &format!("{} (print)", self.config.title),
            &self.config.language,
        );
        let chapters: Vec<PrintChapter<'_>> = self
            .site
            .originals()
            .zip(bodies)
            .enumerate()
            .map(|(k, ((i, c), body))| {
                let public = &self.published.chapters[i];
                PrintChapter {
                    id: format!("chapter-{}", c.slug),
                    title: &public.title,
                    summary: public.summary.as_deref(),
                    content: markers.map_or(body.html.as_str(), |m| m[k].as_str()),
                    toc: &body.toc,
                }
            })
            .collect();
        let cases: Vec<CaseItem<'_>> = self
            .newest
            .iter()
            .map(|&i| self.case_item(&dir, i))
            .collect();
        ctx.insert("chapters", &chapters);
        ctx.insert("cases", &cases);
        (dir, "print.html", ctx)
    }
}

/// `shell` with each of `markers` (in order) replaced by the HTML of the
/// body of the same number.
fn splice(shell: &str, markers: &[String], bodies: &[Arc<Rendered>]) -> Option<String> {
    let size = shell.len() + bodies.iter().map(|b| b.html.len()).sum::<usize>();
    let mut out = String::with_capacity(size);
    let mut rest = shell;
    for (marker, body) in markers.iter().zip(bodies) {
        let at = rest.find(marker.as_str())?;
        out.push_str(&rest[..at]);
        out.push_str(&body.html);
        rest = &rest[at + marker.len()..];
    }
    out.push_str(rest);
    Some(out)
}

/// The pages that `@/` links lead to, as dependencies: a link shows where
/// its target is published.
fn linked(links: &[markdown::InternalLink]) -> impl Iterator<Item = Dep> + '_ {
    links
        .iter()
        .filter(|l| l.resolved)
        .map(|l| Dep::Source(l.rel.clone()))
}

/// Broken `@/` links in chapters, and `#anchor`s that name no heading.
fn check_links(shared: &Shared<'_>, bodies: &[Arc<Rendered>], diags: &mut Diagnostics) {
    let found: Vec<Vec<Diagnostic>> = (0..bodies.len())
        .into_par_iter()
        .map(|i| chapter_links(shared, bodies, i))
        .collect();
    diags.extend(found.into_iter().flatten());
}

/// The problems of chapter `i`'s `@/` links.
fn chapter_links(shared: &Shared<'_>, bodies: &[Arc<Rendered>], i: usize) -> Vec<Diagnostic> {
    let site = shared.site;
    let (c, body) = (&site.chapters[i], &bodies[i]);
    let mut diags = Vec::new();
    {
        for link in &body.links {
            // The link was found in the scrubbed text: point at the file
            // (worked out only for a link that is wrong).
            let place = || {
                let offset = shared.published.chapters[i].body.source_offset(link.offset);
                let (l, col) = crate::text::line_col(&c.body, offset);
                (l + c.body_line - 1, col)
            };
            if !link.resolved && site.is_broken(&link.rel) {
                continue; // the target's own errors are reported
            }
            if !link.resolved {
                let (line, col) = place();
                diags.push(
                    Diagnostic::error(format!("link to `@/{}` points to no page", link.rel))
                        .at(&c.shown, line, col)
                        .help(site.link_help(&link.rel))
                        .with_source(
                            &format!("{}{}", "\n".repeat(c.body_line - 1), c.body),
                            str::to_string,
                        ),
                );
                continue;
            }
            if let (Some(anchor), Some(Target::Chapter(t))) =
                (&link.anchor, site.resolve(&link.rel))
                && !bodies[t].ids.iter().any(|id| id == anchor)
            {
                let (line, col) = place();
                let help = match crate::diag::did_you_mean(
                    anchor,
                    bodies[t].ids.iter().map(String::as_str),
                ) {
                    Some(s) => format!("did you mean `#{s}`?"),
                    None => format!("its headings are: {}", bodies[t].ids.join(", ")),
                };
                diags.push(
                    Diagnostic::error(format!("`@/{}` has no heading `#{anchor}`", link.rel))
                        .at(&c.shown, line, col)
                        .help(help),
                );
            }
        }
    }
    diags
}

/// `@/` links inside records' Markdown fields. Those fields are not published
/// yet (see `anonymize`), but a link to nothing is still an error. Where
/// each record's links are is kept while its parse is the same; whether
/// they lead somewhere is asked again on every run.
fn check_record_links(
    site: &Site,
    kept: &mut ByArc<Case, Arc<[RecordLink]>>,
    diags: &mut Diagnostics,
) {
    let links = kept.all(&site.cases, record_links);
    for (case, links) in site.cases.iter().zip(links) {
        for link in links.iter() {
            let rel = link.target.split('#').next().unwrap_or(&link.target);
            if site.resolve(rel).is_none() && !site.is_broken(rel) {
                diags.push(
                    Diagnostic::error(format!("link to `@/{rel}` points to no page"))
                        .at(&case.shown, link.line, link.column)
                        .help(site.link_help(rel)),
                );
            }
        }
    }
}

/// An `@/` link in a record's text: its target (after `@/`) and where.
#[derive(Debug)]
pub struct RecordLink {
    target: String,
    line: usize,
    column: usize,
}

fn record_links(case: &Case) -> Arc<[RecordLink]> {
    let text = &case.text;
    let mut links = Vec::new();
    let mut from = 0;
    // Every record's whole text once: memchr's SIMD search is several
    // times faster than `str::find` here.
    let finder = memchr::memmem::Finder::new("](@/");
    while let Some(found) = finder.find(&text.as_bytes()[from..]) {
        let start = from + found + 2;
        let end = text[start..]
            .find([')', ' ', '\n', '"'])
            .map_or(text.len(), |e| start + e);
        let (line, column) = crate::text::line_col(text, start);
        links.push(RecordLink {
            target: text[start + 2..end].to_string(),
            line,
            column,
        });
        from = end;
    }
    links.into()
}

/// `[[onboarding]]` pages: `@/chapters/x.md` or `@/cases/y.yaml`.
fn resolve_onboarding(
    config: &Config,
    site: &Site,
    diags: &mut Diagnostics,
) -> Vec<(Target, usize)> {
    let mut steps = Vec::new();
    for (k, step) in config.onboarding.iter().enumerate() {
        let rel = step.page.strip_prefix("@/").unwrap_or(&step.page);
        match site.resolve(rel) {
            Some(t) => steps.push((t, k)),
            None if site.is_broken(rel) => {}
            None => diags.push(
                Diagnostic::error(format!(
                    "onboarding step {} points to `{}`, which is no page",
                    k + 1,
                    step.page
                ))
                .in_file("site.toml")
                .help(if step.page.starts_with("@/") {
                    site.link_help(rel)
                } else {
                    "write the page as `@/chapters/<file>.md` or `@/cases/<file>.yaml`".into()
                }),
            ),
        }
    }
    steps
}
