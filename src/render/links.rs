//! `@/` links: what a page depends on through them, and the checks that
//! every one leads somewhere (chapters' and records' alike).

use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::kept::ByArc;
use crate::model::case::Case;
use crate::model::site::{Site, Target};
use crate::output::Dep;
use crate::render::markdown::{self, Rendered};
use crate::render::shared::Shared;

/// Where every `@/` link leads (a hash of every chapter's and case's file
/// and folder): while that is as it was, every link a kept Markdown body
/// resolved resolves the same again.
pub(super) fn links_fingerprint(shared: &Shared<'_>) -> u128 {
    let site = shared.site;
    let mut links = crate::text::Fingerprint::default();
    links.u128(u128::from(shared.urls.pretty));
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
    links.finish()
}

/// The pages that `@/` links lead to, as dependencies: a link shows where
/// its target is published.
pub(super) fn linked(links: &[markdown::InternalLink]) -> impl Iterator<Item = Dep> + '_ {
    links
        .iter()
        .filter(|l| l.resolved)
        .map(|l| Dep::Source(l.rel.clone()))
}

/// Broken `@/` links in chapters, and `#anchor`s that name no heading.
pub(super) fn check_links(shared: &Shared<'_>, bodies: &[Arc<Rendered>], diags: &mut Diagnostics) {
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
    // A line of 100,000 broken links gives the first ones and a count.
    let mut more = 0;
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
            let full = diags.len() >= crate::diag::MAX_PER_FILE;
            if !link.resolved && full {
                more += 1;
                continue;
            }
            if !link.resolved {
                let (line, col) = place();
                diags.push(
                    Diagnostic::error(format!("link to `@/{}` points to no page", link.rel))
                        .at(&c.shown, line, col)
                        .help(site.link_help(&link.rel))
                        .with_source_from(&c.body, c.body_line),
                );
                continue;
            }
            if let (Some(anchor), Some(Target::Chapter(t))) =
                (&link.anchor, site.resolve(&link.rel))
                && !bodies[t].ids.iter().any(|id| id == anchor)
            {
                if full {
                    more += 1;
                    continue;
                }
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
    if more > 0 {
        diags.push(crate::diag::more_problems(&c.shown, more));
    }
    // What the sanitiser removed from the body.
    let removed = &body.removed;
    for r in removed.iter().take(crate::render::sanitize::MAX_PER_FILE) {
        let offset = shared.published.chapters[i].body.source_offset(r.offset);
        let (l, col) = crate::text::line_col(&c.body, offset);
        diags.push(
            Diagnostic::warning(format!("removed from the page: {}", r.what))
                .at(&c.shown, l + c.body_line - 1, col)
                .help(crate::render::sanitize::HELP)
                .with_source_from(&c.body, c.body_line),
        );
    }
    if removed.len() > crate::render::sanitize::MAX_PER_FILE {
        diags.push(crate::render::sanitize::too_many(
            &c.shown,
            removed.len() - crate::render::sanitize::MAX_PER_FILE,
        ));
    }
    diags
}

/// `@/` links inside records' Markdown fields. Those fields are not published
/// yet (see `anonymize`), but a link to nothing is still an error. Where
/// each record's links are is kept while its parse is the same; whether
/// they lead somewhere is asked again on every run.
pub(super) fn check_record_links(
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
