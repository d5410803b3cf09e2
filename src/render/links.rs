//! `@/` links: what a page depends on through them, and the checks that
//! every one leads somewhere (chapters' and records' alike).

use std::sync::Arc;

use rayon::prelude::*;

use crate::anonymize::handbook::Target;
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::Dep;
use crate::render::markdown::{self, Rendered};
use crate::render::shared::Shared;

/// Where every `@/` link leads (a hash of every chapter's and case's file
/// and folder): while that is as it was, every link a kept Markdown body
/// resolved resolves the same again.
pub(super) fn links_fingerprint(shared: &Shared<'_>) -> u128 {
    let hb = shared.handbook;
    let mut links = crate::text::Fingerprint::default();
    links.u128(u128::from(shared.urls.pretty));
    for (i, c) in hb.chapter_files.iter().enumerate() {
        links
            .str(&c.rel)
            .str(&shared.chapter_dirs[i])
            .str(&c.slug)
            .u128(u128::from(hb.original[i].is_none()));
    }
    for (i, rel) in hb.case_files.iter().enumerate() {
        links.str(rel).str(&shared.case_dirs[i]);
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
    let site = shared.handbook;
    let body = &bodies[i];
    let mut diags = Vec::new();
    // A line of 100,000 broken links gives the first ones and a count.
    let mut more = 0;
    {
        for link in &body.links {
            // The link was found in the scrubbed text: the handbook points
            // at the file (worked out only for a link that is wrong).
            if !link.resolved && site.is_broken(&link.rel) {
                continue; // the target's own errors are reported
            }
            let full = diags.len() >= crate::diag::MAX_PER_FILE;
            if !link.resolved && full {
                more += 1;
                continue;
            }
            if !link.resolved {
                let d = Diagnostic::error(format!("link to `@/{}` points to no page", link.rel))
                    .help(site.link_help(&link.rel));
                diags.push(site.chapter_problem(i, link.offset, d, true));
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
                let help = match crate::diag::did_you_mean(
                    anchor,
                    bodies[t].ids.iter().map(String::as_str),
                ) {
                    Some(s) => format!("did you mean `#{s}`?"),
                    None => format!("its headings are: {}", bodies[t].ids.join(", ")),
                };
                let d = Diagnostic::error(format!("`@/{}` has no heading `#{anchor}`", link.rel))
                    .help(help);
                diags.push(site.chapter_problem(i, link.offset, d, false));
            }
        }
    }
    if more > 0 {
        diags.push(crate::diag::more_problems(site.chapter_shown(i), more));
    }
    // What the sanitiser removed from the body.
    let removed = &body.removed;
    for r in removed.iter().take(crate::render::sanitize::MAX_PER_FILE) {
        let d = Diagnostic::warning(format!("removed from the page: {}", r.what))
            .help(crate::render::sanitize::HELP);
        diags.push(site.chapter_problem(i, r.offset, d, true));
    }
    if removed.len() > crate::render::sanitize::MAX_PER_FILE {
        diags.push(crate::render::sanitize::too_many(
            site.chapter_shown(i),
            removed.len() - crate::render::sanitize::MAX_PER_FILE,
        ));
    }
    diags
}
