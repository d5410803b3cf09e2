//! The whole handbook: every chapter and case, and the links between them.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::Sources;
use crate::load::yaml::Seg;
use crate::model::case::{self, Case};
use crate::model::chapter::{self, Chapter};

/// A page that `@/…` links can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Chapter(usize),
    Case(usize),
}

/// The validated handbook.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Originals first in reading order (`order`, then title), then
    /// translations in the same order. Shared, so that an incremental
    /// rebuild reuses the parse of every file that did not change.
    pub chapters: Vec<Arc<Chapter>>,
    /// In file-path order (the order pseudonym slug suffixes follow).
    pub cases: Vec<Arc<Case>>,
    /// Draft records left out of the site (`draft: true`, without
    /// `--drafts`): never published, but their sensitive values are real
    /// and stay in the secret set.
    pub draft_cases: Vec<Arc<Case>>,
    /// For each chapter: its translations (for an original) or its original
    /// (for a translation).
    pub translations: Vec<Vec<usize>>,
    pub original: Vec<Option<usize>>,
    /// For each chapter: the cases that list its slug, newest exit first.
    pub cases_of_chapter: Vec<Vec<usize>>,
    by_rel: HashMap<String, Target, ahash::RandomState>,
    /// Files left out as drafts, for a helpful message when linked.
    drafts: Vec<String>,
    /// Files that exist but failed to parse (their errors are reported):
    /// a link to one is not a second error.
    broken: Vec<String>,
}

impl Site {
    /// Every record, published cases first, then drafts: the records whose
    /// sensitive values are secrets (index `cases.len() + i` is draft `i`).
    pub fn all_records(&self) -> impl Iterator<Item = &Arc<Case>> {
        self.cases.iter().chain(&self.draft_cases)
    }

    /// Resolve an `@/` link path (`chapters/x.md`, without `@/` and anchor).
    pub fn resolve(&self, rel: &str) -> Option<Target> {
        self.by_rel.get(rel).copied()
    }

    /// Explain why a link target does not resolve, and suggest a fix.
    /// Does `rel` name a file that exists but has errors of its own?
    pub fn is_broken(&self, rel: &str) -> bool {
        self.broken.iter().any(|b| b == rel)
    }

    pub fn link_help(&self, rel: &str) -> String {
        if self.drafts.iter().any(|d| d == rel) {
            return "that page is a draft: set `draft: false`, or build with --drafts".into();
        }
        match did_you_mean(rel, self.by_rel.keys().map(String::as_str)) {
            Some(s) => format!("did you mean `@/{s}`?"),
            None => "link to a chapter as `@/chapters/<file>.md` or to a case as `@/cases/<file>.yaml`, with the path inside content/".into(),
        }
    }

    /// Original-language chapters, in reading order.
    pub fn originals(&self) -> impl Iterator<Item = (usize, &Chapter)> {
        self.chapters
            .iter()
            .enumerate()
            .filter(|(_, c)| c.lang.is_none())
            .map(|(i, c)| (i, &**c))
    }

    pub fn chapter_by_slug(&self, slug: &str) -> Option<usize> {
        self.chapters
            .iter()
            .position(|c| c.lang.is_none() && c.slug == slug)
    }
}

/// A chapter or case file, parsed: the value, or every problem in it.
pub type Parsed<T> = Result<Arc<T>, Vec<Diagnostic>>;

/// Parse every source and check the handbook as a whole.
pub fn assemble(config: &Config, sources: &Sources, drafts: bool) -> (Site, Diagnostics) {
    let schema = case::record_schema();
    let chapters: Vec<Parsed<Chapter>> = sources
        .chapters
        .par_iter()
        .map(|f| chapter::parse(f, &config.language).map(Arc::new))
        .collect();
    let cases: Vec<Parsed<Case>> = sources
        .cases
        .par_iter()
        .map(|f| case::parse(f, schema).map(Arc::new))
        .collect();
    assemble_parsed(config, chapters, cases, drafts)
}

/// The path under `content/` of a file whose parse failed, from its
/// diagnostics.
fn broken_rel(ds: &[Diagnostic]) -> Option<String> {
    let shown = crate::diag::display_path(ds.first()?.file.as_deref()?);
    shown
        .rsplit_once("content/")
        .map(|(_, rel)| rel.to_string())
}

/// Check the handbook as a whole from files parsed one by one (by
/// [`assemble`], or from an incremental rebuild's cache), in path order.
pub fn assemble_parsed(
    config: &Config,
    chapter_results: Vec<Parsed<Chapter>>,
    case_results: Vec<Parsed<Case>>,
    drafts: bool,
) -> (Site, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut site = Site::default();
    for r in chapter_results {
        match r {
            Ok(c) if c.meta.draft && !drafts => site.drafts.push(c.rel.clone()),
            Ok(c) => site.chapters.push(c),
            Err(ds) => {
                site.broken.extend(broken_rel(&ds));
                diags.extend(ds);
            }
        }
    }
    for r in case_results {
        match r {
            Ok(c) if c.record.draft && !drafts => {
                site.drafts.push(c.rel.clone());
                site.draft_cases.push(c);
            }
            Ok(c) => site.cases.push(c),
            Err(ds) => {
                site.broken.extend(broken_rel(&ds));
                diags.extend(ds);
            }
        }
    }

    site.chapters.sort_by(|a, b| {
        (
            a.lang.is_some(),
            &a.lang,
            a.meta.order.unwrap_or(i64::MAX),
            &a.meta.title,
            &a.rel,
        )
            .cmp(&(
                b.lang.is_some(),
                &b.lang,
                b.meta.order.unwrap_or(i64::MAX),
                &b.meta.title,
                &b.rel,
            ))
    });
    site.cases.sort_by(|a, b| a.rel.cmp(&b.rel));
    site.draft_cases.sort_by(|a, b| a.rel.cmp(&b.rel));

    check_duplicate_chapters(&site, &config.language, &mut diags);
    link_translations(&mut site, config, &mut diags);
    link_cases_to_chapters(&mut site, &mut diags);

    for (i, c) in site.chapters.iter().enumerate() {
        site.by_rel.insert(c.rel.clone(), Target::Chapter(i));
    }
    for (i, c) in site.cases.iter().enumerate() {
        site.by_rel.insert(c.rel.clone(), Target::Case(i));
    }
    (site, diags)
}

fn check_duplicate_chapters(site: &Site, language: &str, diags: &mut Diagnostics) {
    let mut seen: HashMap<(&str, Option<&str>), &Chapter, ahash::RandomState> = HashMap::default();
    // A file whose name says the site's own language (`x.pl.md` on a site
    // in Polish) is no translation: it clashes with `x.md`.
    let names_site_language = |c: &Chapter| {
        c.shown
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|s| s.ends_with(&format!(".{language}")))
    };
    for c in &site.chapters {
        if let Some(first) = seen.insert((&c.slug, c.lang.as_deref()), c) {
            let own = [first, c].into_iter().position(names_site_language);
            let help = match own {
                Some(k) => format!(
                    "`{}` names the site's own language (`language = \"{language}\"` in site.toml), so it is no translation of `{}` but a second chapter with the same slug. If `{1}` is in another language, say so in its name (`{}.en.md` for English) and point links to it there; or set `language` in site.toml to the language of `{1}`",
                    crate::diag::display_path(&[first, c][k].shown),
                    crate::diag::display_path(&[first, c][1 - k].shown),
                    c.slug
                ),
                None => "chapter slugs are file names and must be unique across subfolders: rename one file".to_string(),
            };
            diags.push(
                Diagnostic::error(format!(
                    "two chapters have the slug `{}`: `{}` and this one",
                    c.slug,
                    crate::diag::display_path(&first.shown)
                ))
                .in_file(&c.shown)
                .help(help),
            );
        }
    }
}

fn link_translations(site: &mut Site, config: &Config, diags: &mut Diagnostics) {
    let n = site.chapters.len();
    site.translations = vec![Vec::new(); n];
    site.original = vec![None; n];
    for i in 0..n {
        let Some(lang) = site.chapters[i].lang.clone() else {
            continue;
        };
        match site.chapter_by_slug(&site.chapters[i].slug) {
            Some(o) => {
                site.original[i] = Some(o);
                site.translations[o].push(i);
            }
            None => diags.push(
                Diagnostic::warning(format!(
                    "this `{lang}` translation has no original `{}.md` in the site's language ({})",
                    site.chapters[i].slug, config.language
                ))
                .in_file(&site.chapters[i].shown)
                .help("it is published on its own; add the original to link the two"),
            ),
        }
    }
}

fn link_cases_to_chapters(site: &mut Site, diags: &mut Diagnostics) {
    site.cases_of_chapter = vec![Vec::new(); site.chapters.len()];
    let slugs: HashMap<&str, usize, ahash::RandomState> = site
        .originals()
        .map(|(i, c)| (c.slug.as_str(), i))
        .collect();
    let mut links: Vec<(usize, usize)> = Vec::new();
    for (ci, case) in site.cases.iter().enumerate() {
        for (k, slug) in case.record.chapters.iter().enumerate() {
            match slugs.get(slug.as_str()) {
                Some(&ch) => links.push((ch, ci)),
                None => {
                    let path = [Seg::Key("chapters".into()), Seg::Index(k)];
                    let help = match did_you_mean(slug, slugs.keys().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => {
                            let mut all: Vec<&str> = slugs.keys().copied().collect();
                            all.sort_unstable();
                            format!(
                                "chapter slugs are file names without `.md`: {}",
                                all.join(", ")
                            )
                        }
                    };
                    diags.push(
                        case.error_at(&path, format!("no chapter has the slug `{slug}`"))
                            .help(help),
                    );
                }
            }
        }
    }
    for (ch, ci) in links {
        if !site.cases_of_chapter[ch].contains(&ci) {
            site.cases_of_chapter[ch].push(ci);
        }
    }
    let cases = &site.cases;
    for list in &mut site.cases_of_chapter {
        list.sort_by(|&a, &b| {
            cases[b]
                .record
                .exit
                .date
                .cmp(&cases[a].record.exit.date)
                .then(a.cmp(&b))
        });
    }
}
