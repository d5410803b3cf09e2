//! `print/`: the whole handbook on one page, for paper or a PDF: every
//! chapter in reading order, each followed by its translations, then every
//! case in full, with a table of contents; the theme's print stylesheet
//! starts each chapter and case on a new page.
//!
//! At 10,000 pages this page is as large as all the others together, so it
//! is put together from parts: each chapter's body (rendered Markdown,
//! shared with [`crate::render::memo::Memo`]) and each case's body (the
//! theme's `case-body.html`, kept by case while the case, the theme and
//! the list of chapters are the same) are spliced into a *shell*, the page
//! rendered with markers in their place.
//!
//! A link to a page the print page holds (a chapter, a translation, a case,
//! a section of one) leads within it, to that page's article: in a PDF or
//! on paper, `../cases/x/` leads nowhere. Links to other pages (facet
//! pages, the library) stay relative links to them.

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::anonymize::handbook::Target;
use crate::diag::Diagnostic;
use crate::output::{Dep, OutputFile};
use crate::render::chapter_page::{TocNode, toc_tree};
use crate::render::markdown::Rendered;
use crate::render::memo::Memo;
use crate::render::shared::{Section, Shared};

const DIR: &str = "print/";

/// What the print page is made of: the chapters' bodies (in print order)
/// and the cases' (newest first).
pub struct Parts {
    /// Indices into `Site::chapters`, in print order.
    order: Vec<usize>,
    chapters: Vec<Arc<Rendered>>,
    /// Each case's body, by case; `None` in a one-shot build, which makes
    /// them as it splices them in, a few hundred at a time, instead of
    /// holding them all beside the page (each as large as the other).
    cases: Option<Vec<Arc<str>>>,
    held: Held,
}

impl Parts {
    /// Add the chapters' tables of contents to `f` (the shell shows them).
    pub fn hash_tocs(&self, f: &mut crate::text::Fingerprint) {
        for b in &self.chapters {
            f.u128(b.toc.len() as u128);
            for t in &b.toc {
                f.u128(u128::from(t.level)).str(&t.id).str(&t.title);
            }
        }
    }
}

/// The chapters in print order: each original, then its translations.
fn print_order(sh: &Shared<'_>) -> Vec<usize> {
    let mut order = Vec::with_capacity(sh.handbook.chapters.len());
    for i in sh.handbook.originals() {
        order.push(i);
        order.extend(sh.handbook.translations[i].iter().copied());
    }
    order
}

/// The id of a chapter's article on the print page, and the prefix of its
/// headings' ids.
fn chapter_id(sh: &Shared<'_>, i: usize) -> String {
    let c = &sh.handbook.chapter_files[i];
    match &c.lang {
        Some(l) => format!("chapter-{l}-{}", c.slug),
        None => format!("chapter-{}", c.slug),
    }
}

fn case_id(sh: &Shared<'_>, i: usize) -> String {
    format!("case-{}", sh.handbook.cases[i].slug)
}

/// The pages the print page holds, by the href a link from `print/` gives
/// each (`../cases/x/`, `../chapters/y/index.html`): the id of its article.
struct Held(ahash::AHashMap<String, String>);

impl Held {
    fn new(sh: &Shared<'_>, order: &[usize]) -> Held {
        let chapters = order
            .iter()
            .map(|&i| (Target::Chapter(i), chapter_id(sh, i)));
        let cases = (0..sh.handbook.cases.len()).map(|i| (Target::Case(i), case_id(sh, i)));
        let by_href = chapters
            .chain(cases)
            .map(|(t, id)| (sh.urls.href(DIR, sh.dir_of(t)), id))
            .collect();
        Held(by_href)
    }

    /// Where `href` leads within the print page, if its page is held
    /// there: that page's article, or the section of it a `#fragment`
    /// names (ids in an article are prefixed with the article's).
    fn within(&self, href: &str) -> Option<String> {
        let (page, fragment) = match href.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (href, None),
        };
        let id = self.0.get(page)?;
        Some(match fragment {
            Some(f) if !f.is_empty() => format!("#{id}--{f}"),
            _ => format!("#{id}"),
        })
    }

    /// `html` with every `href="…"` to a held page leading within the
    /// print page: what templates write (a case's "Read with" chapters) as
    /// well as what Markdown does.
    fn link_within(&self, html: &str) -> String {
        const HREF: &str = "href=\"";
        // (A `memmem` finder: `str::find` of a string was most of the
        // print page's links' cost, 34 M instructions at 1,000 pages.)
        static FIND: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| memchr::memmem::Finder::new(HREF));
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(at) = FIND.find(rest.as_bytes()) {
            let start = at + HREF.len();
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = memchr::memchr(b'"', rest.as_bytes()).unwrap_or(rest.len());
            match self.within(&rest[..end]) {
                Some(local) => out.push_str(&local),
                None => out.push_str(&rest[..end]),
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }
}

impl Shared<'_> {
    /// The bodies of the print page. Chapters' heading ids are prefixed with
    /// their article's id, and links between chapters lead within the page.
    /// `key` names what a case's body depends on beyond the case.
    pub fn print_parts(&self, memo: &mut Memo, key: u128) -> Result<Parts, Diagnostic> {
        let order = print_order(self);
        let prefixes: Vec<String> = order
            .iter()
            .map(|&i| format!("{}--", chapter_id(self, i)))
            .collect();
        let held = Held::new(self, &order);
        // A one-shot build makes the print page once: its chapters' bodies
        // (with their own heading ids) would be kept for nothing.
        let keep = !memo.once;
        let chapters = memo.render_all(
            order.len(),
            false,
            keep,
            &|k| {
                let i = order[k];
                (
                    self.handbook.chapters[i].body.text.as_str(),
                    DIR,
                    prefixes[k].as_str(),
                )
            },
            &|_, rel, anchor| {
                let href = self.href_to(DIR, rel, anchor)?;
                Some(held.within(&href).unwrap_or(href))
            },
        );
        let cases = if memo.once {
            None
        } else {
            let cases: Vec<Result<Arc<str>, Diagnostic>> = self
                .handbook
                .cases
                .par_iter()
                .enumerate()
                .map(|(i, c)| match memo.print_cases.get_at(i, c) {
                    Some((k, body)) if *k == key => Ok(Arc::clone(body)),
                    _ => self.print_case(i, &held).map(Arc::from),
                })
                .collect();
            let cases: Vec<Arc<str>> = cases.into_iter().collect::<Result<_, _>>()?;
            let kept: Vec<(u128, Arc<str>)> = cases.iter().map(|b| (key, Arc::clone(b))).collect();
            memo.print_cases.keep(&self.handbook.cases, &kept);
            Some(cases)
        };
        Ok(Parts {
            order,
            chapters,
            cases,
            held,
        })
    }

    /// Case `i` in full, as the print page holds it.
    fn print_case(&self, i: usize, held: &Held) -> Result<String, Diagnostic> {
        let mut ctx = self.base_context(DIR, "", self.lang(), (Section::Print, true));
        let prefix = format!("{}--", case_id(self, i));
        // The case's own page comes later: its texts are kept for it.
        self.case_context(&mut ctx, DIR, i, (&prefix, 3), true);
        let body = self.theme.render("case-body.html", &ctx)?;
        Ok(held.link_within(&body))
    }

    /// Every case's print body, by case (for a template that needs them
    /// in its context).
    fn all_cases(&self, held: &Held) -> Result<Vec<Arc<str>>, Diagnostic> {
        (0..self.handbook.cases.len())
            .into_par_iter()
            .map(|i| self.print_case(i, held).map(Arc::from))
            .collect()
    }

    /// The page from `segments`, the chapters' bodies and the cases' made
    /// now (newest first), a few hundred at a time on every core.
    fn splice_making_cases<'b>(
        &self,
        segments: &[&str],
        chapters: impl Iterator<Item = &'b str>,
        held: &Held,
    ) -> Result<Vec<u8>, Diagnostic> {
        const AT_ONCE: usize = 256;
        let mut out: Vec<u8> = Vec::new();
        let segment_bytes: usize = segments.iter().map(|s| s.len()).sum();
        let mut segments = segments.iter();
        let mut push = |out: &mut Vec<u8>, body: &str| {
            out.extend_from_slice(segments.next().map_or("", |s| s).as_bytes());
            out.extend_from_slice(body.as_bytes());
        };
        for body in chapters {
            push(&mut out, body);
        }
        // The next few hundred are made while the last are copied in.
        let mut made: Vec<String> = Vec::new();
        let mut reserved = false;
        for chunk in self.newest.chunks(AT_ONCE).map(Some).chain([None]) {
            let done = std::mem::take(&mut made);
            let (next, ()) = rayon::join(
                || {
                    chunk.map_or(Ok(Vec::new()), |c| {
                        c.par_iter()
                            .map(|&i| self.print_case(i, held))
                            .collect::<Result<Vec<String>, Diagnostic>>()
                    })
                },
                || {
                    // Room for the whole page, from the first cases' size
                    // and an eighth more: grown by doubling, the page (80 MB
                    // at 10,000 pages) was copied into twice its size, the
                    // build's peak of memory. (Should the later cases be
                    // larger still, it grows by doubling after all.)
                    if !reserved && !done.is_empty() {
                        reserved = true;
                        let bytes: usize = done.iter().map(String::len).sum();
                        let rest = self.newest.len() - done.len();
                        let per_case = bytes / done.len();
                        out.reserve_exact(bytes + segment_bytes + (rest + rest / 8) * per_case);
                    }
                    for body in &done {
                        push(&mut out, body);
                    }
                },
            );
            made = next?;
        }
        for rest in segments {
            out.extend_from_slice(rest.as_bytes());
        }
        out.shrink_to_fit();
        Ok(out)
    }

    /// `print/`, from its parts. `kept` is the shell of the last build when
    /// it is still right ([`crate::render::pages::Renderer::print_key`]);
    /// else a new shell is rendered twice, with two different sets of
    /// markers: a template that shows each body once as given (the default)
    /// gives the same page from both; one that does anything else with a
    /// body (shows it twice, cuts it short, escapes it) does not, and is
    /// rendered with the bodies themselves (`None` as the shell). Returns
    /// the shell made, if one was. `spare`: memory to make the page in.
    pub fn print_file(
        &self,
        parts: &Parts,
        kept: Option<&Option<String>>,
        spare: Option<Vec<u8>>,
    ) -> Result<(OutputFile, Option<Option<String>>), Diagnostic> {
        let n = parts.chapters.len() + self.newest.len();
        let markers = |ours: bool| -> Vec<String> {
            (0..n)
                .map(|k| {
                    if ours {
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
                let shell = self
                    .theme
                    .render("print.html", &self.print_context(parts, Some(&ours), &[]))?;
                let other = markers(false);
                let check = self
                    .theme
                    .render("print.html", &self.print_context(parts, Some(&other), &[]))?;
                let a = between(&shell, &ours);
                let same = a.is_some() && a == between(&check, &other);
                Some(same.then(|| parts.held.link_within(&shell)))
            }
        };
        let shell = kept.or(made.as_ref()).and_then(Option::as_deref);
        let chapters = parts.chapters.iter().map(|b| b.html.as_str());
        let html = match (shell.and_then(|s| between(s, &ours)), &parts.cases) {
            (Some(segments), Some(cases)) => {
                let bodies: Vec<&str> = chapters
                    .chain(self.newest.iter().map(|&i| &*cases[i]))
                    .collect();
                splice(&segments, &bodies, spare)
            }
            (Some(segments), None) => self.splice_making_cases(&segments, chapters, &parts.held)?,
            (None, cases) => {
                let made;
                let cases = match cases {
                    Some(c) => c,
                    None => {
                        made = self.all_cases(&parts.held)?;
                        &made
                    }
                };
                parts
                    .held
                    .link_within(
                        &self
                            .theme
                            .render("print.html", &self.print_context(parts, None, cases))?,
                    )
                    .into_bytes()
            }
        };
        let mut deps = vec![
            Dep::Config,
            Dep::Theme,
            Dep::Secrets,
            Dep::ChapterList,
            Dep::CaseList,
        ];
        // Where the chapters' links lead (a chapter's slug, a case's
        // folder) is in the lists' fingerprints: no dependency per link.
        deps.extend(
            self.handbook
                .chapter_files
                .iter()
                .map(|c| Dep::Source(c.rel.clone())),
        );
        deps.extend(self.handbook.case_files.iter().cloned().map(Dep::Source));
        let file = OutputFile {
            path: format!("{DIR}index.html"),
            bytes: html,
            deps,
        };
        Ok((file, made))
    }

    /// The context of `print.html`, with each body's marker in its place
    /// (or the body itself, without markers).
    fn print_context(
        &self,
        parts: &Parts,
        markers: Option<&[String]>,
        cases: &[Arc<str>],
    ) -> tera::Context {
        #[derive(Serialize)]
        struct PrintChapter<'a> {
            id: String,
            title: &'a str,
            summary: Option<&'a str>,
            lang: Option<&'a str>,
            content: &'a str,
            toc: Vec<TocNode<'a>>,
        }
        #[derive(Serialize)]
        struct PrintCase<'a> {
            id: String,
            title: &'a str,
            content: &'a str,
        }
        // base.html adds the handbook's title after the page's.
        let title = self.text("print.title");
        let mut ctx = self.base_context(DIR, title, self.lang(), (Section::Print, true));
        let n = parts.chapters.len();
        let chapters: Vec<PrintChapter<'_>> = parts
            .order
            .iter()
            .zip(&parts.chapters)
            .enumerate()
            .map(|(k, (&i, body))| {
                let public = &self.handbook.chapters[i];
                PrintChapter {
                    id: chapter_id(self, i),
                    title: &public.title,
                    summary: public.summary.as_deref(),
                    lang: self.handbook.chapter_files[i].lang.as_deref(),
                    content: markers.map_or(body.html.as_str(), |m| m[k].as_str()),
                    toc: toc_tree(&body.toc),
                }
            })
            .collect();
        let cases: Vec<PrintCase<'_>> = self
            .newest
            .iter()
            .enumerate()
            .map(|(j, &i)| PrintCase {
                id: case_id(self, i),
                title: &self.handbook.cases[i].title,
                content: markers.map_or_else(|| &*cases[i], |m| m[n + j].as_str()),
            })
            .collect();
        ctx.insert("chapters", &chapters);
        ctx.insert("cases", &cases);
        ctx
    }
}

/// The text of `shell` between its `markers` (in order), or `None` when one
/// is missing. Two shells whose texts between markers are the same give the
/// same page with any bodies: comparing them needs no page spliced.
fn between<'s>(shell: &'s str, markers: &[String]) -> Option<Vec<&'s str>> {
    let mut out = Vec::with_capacity(markers.len() + 1);
    let mut rest = shell;
    for marker in markers {
        let at = rest.find(marker.as_str())?;
        out.push(&rest[..at]);
        rest = &rest[at + marker.len()..];
    }
    out.push(rest);
    Some(out)
}

/// The page: `segments` (a shell's text between its markers) with `bodies`
/// between them, in `spare` if it is given. The page is tens of megabytes
/// at 10,000 pages, made again on every edit that `serve` sees: its pieces
/// are copied on every core.
fn splice(segments: &[&str], bodies: &[&str], spare: Option<Vec<u8>>) -> Vec<u8> {
    let mut pieces: Vec<&[u8]> = Vec::with_capacity(2 * bodies.len() + 1);
    for (segment, body) in segments.iter().zip(bodies) {
        pieces.push(segment.as_bytes());
        pieces.push(body.as_bytes());
    }
    if let Some(last) = segments.get(bodies.len()) {
        pieces.push(last.as_bytes());
    }
    let len = pieces.iter().map(|p| p.len()).sum();
    // Every byte is written below: a spare of about the page's length is
    // cut to it (or grown, zeroes in the new part only).
    let mut out = spare.unwrap_or_default();
    out.truncate(len);
    out.resize(len, 0);
    fill(&mut out, &pieces);
    out
}

/// Copy `pieces` one after another into `dst` (exactly their length), in
/// halves on two threads while they are large.
fn fill(dst: &mut [u8], pieces: &[&[u8]]) {
    if pieces.len() > 1 && dst.len() > 1 << 20 {
        let (a, b) = pieces.split_at(pieces.len() / 2);
        let (da, db) = dst.split_at_mut(a.iter().map(|p| p.len()).sum());
        rayon::join(|| fill(da, a), || fill(db, b));
        return;
    }
    let mut at = 0;
    for p in pieces {
        dst[at..at + p.len()].copy_from_slice(p);
        at += p.len();
    }
}
