//! The published handbook: what render and search are given, and all they
//! are given.
//!
//! [`Handbook`] holds the published chapters and cases ([`PublicChapter`],
//! [`PublicCase`]) and the structure pages need around them: the chapters'
//! order, translations and originals, the cases of each chapter, each
//! file's path under `content/` (what outputs depend on) and where an `@/`
//! link leads. It holds no raw record: the raw handbook it is built from is
//! kept private, and only answers where a link leads and where a problem
//! found in a published chapter body is in its file.

use std::path::Path;
use std::sync::Arc;

use crate::anonymize::{PublicCase, PublicChapter, Published};
use crate::diag::Diagnostic;
use crate::model::site::Site;

pub use crate::model::site::Target;

/// What a chapter's file says of it beyond its published text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterFile {
    /// `chapters/postmortems.md`, relative to `content/`.
    pub rel: String,
    /// The file stem without a language suffix: `bad-fit-breakups`.
    pub slug: String,
    /// `Some("pl")` for a translation; `None` in the site's language.
    pub lang: Option<String>,
}

/// The published handbook.
pub struct Handbook<'a> {
    /// Originals first in reading order, then translations in the same
    /// order (as [`Site::chapters`]).
    pub chapters: Vec<Arc<PublicChapter>>,
    /// Index-aligned with `chapters`.
    pub chapter_files: Vec<ChapterFile>,
    /// In file-path order.
    pub cases: Vec<Arc<PublicCase>>,
    /// Each case's file, relative to `content/` (index-aligned with `cases`).
    pub case_files: Vec<String>,
    /// For each chapter: its translations (for an original) or its original
    /// (for a translation).
    pub translations: Vec<Vec<usize>>,
    pub original: Vec<Option<usize>>,
    /// For each chapter: the cases that list its slug, newest exit first.
    pub cases_of_chapter: Vec<Vec<usize>>,
    /// `site.toml`, its texts as published ([`Published::config`]).
    pub config: Arc<crate::config::Config>,
    /// Link resolution and the places of problems (never shown to render).
    site: &'a Site,
}

impl<'a> Handbook<'a> {
    /// The handbook as published: `published` is index-aligned with `site`.
    pub fn new(site: &'a Site, published: &Published) -> Handbook<'a> {
        Handbook {
            chapters: published.chapters.clone(),
            chapter_files: site
                .chapters
                .iter()
                .map(|c| ChapterFile {
                    rel: c.rel.clone(),
                    slug: c.slug.clone(),
                    lang: c.lang.clone(),
                })
                .collect(),
            cases: published.cases.clone(),
            case_files: site.cases.iter().map(|c| c.rel.clone()).collect(),
            translations: site.translations.clone(),
            original: site.original.clone(),
            cases_of_chapter: site.cases_of_chapter.clone(),
            config: Arc::clone(&published.config),
            site,
        }
    }

    /// Where an `@/` link path (`chapters/x.md`, without `@/` and anchor)
    /// leads.
    pub fn resolve(&self, rel: &str) -> Option<Target> {
        self.site.resolve(rel)
    }

    /// Does `rel` name a file that exists but has errors of its own (so a
    /// link to it is not a second error)?
    pub fn is_broken(&self, rel: &str) -> bool {
        self.site.is_broken(rel)
    }

    /// Why a link path does not resolve, and how to fix it.
    pub fn link_help(&self, rel: &str) -> String {
        self.site.link_help(rel)
    }

    /// Original-language chapters, in reading order.
    pub fn originals(&self) -> impl Iterator<Item = usize> + '_ {
        self.chapter_files
            .iter()
            .enumerate()
            .filter(|(_, c)| c.lang.is_none())
            .map(|(i, _)| i)
    }

    /// The original-language chapter of `slug`.
    pub fn chapter_by_slug(&self, slug: &str) -> Option<usize> {
        self.chapter_files
            .iter()
            .position(|c| c.lang.is_none() && c.slug == slug)
    }

    /// Chapter `i`'s file as shown in diagnostics.
    pub fn chapter_shown(&self, i: usize) -> &Path {
        &self.site.chapters[i].shown
    }

    /// `d` placed at byte `offset` of chapter `i`'s published body, in its
    /// file (with the file's line, when `source`).
    pub fn chapter_problem(
        &self,
        i: usize,
        offset: usize,
        d: Diagnostic,
        source: bool,
    ) -> Diagnostic {
        let c = &self.site.chapters[i];
        let offset = self.chapters[i].body.source_offset(offset);
        let (l, col) = crate::text::line_col(&c.body, offset);
        let d = d.at(&c.shown, l + c.body_line - 1, col);
        match source {
            true => d.with_source_from(&c.body, c.body_line),
            false => d,
        }
    }
}
