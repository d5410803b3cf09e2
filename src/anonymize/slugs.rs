//! Every case's URL slug: from its `slug` field, its file stem, or its
//! client's pseudonym, with clashes settled in file-path order.

use std::collections::HashMap;
use std::sync::Arc;

use crate::anonymize::resolver::Resolver;
use crate::anonymize::scrub::StandIns;
use crate::anonymize::secrets::{StandIn, fold};
use crate::anonymize::{PublicCase, pseudonym};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::yaml::Seg;
use crate::model::site::Site;

/// What a case's URL slug is made from, before clashes are settled.
#[derive(Debug, Clone)]
pub(super) enum SlugFrom {
    /// The record's `slug` field…
    Given(String),
    /// …which holds a secret (an error).
    GivenSecret,
    /// The file stem, as a slug.
    Stem(String),
    /// The client's pseudonym and the exit month: the stem is empty or
    /// holds a secret.
    Pseudonym,
}

/// Original chapters by slug (the first of a slug, as `Site::chapter_by_slug`).
pub(super) fn chapter_slugs(site: &Site) -> HashMap<&str, usize, ahash::RandomState> {
    let mut by_slug = HashMap::default();
    for (i, c) in site.originals() {
        by_slug.entry(c.slug.as_str()).or_insert(i);
    }
    by_slug
}

/// The case slug rule: the `slug` field, else the file stem; a stem that
/// holds any form of a secret becomes the client's pseudonym and exit month
/// (`cobalt-heron-2025-03`), with `-2`, `-3`… in file-path order where two
/// would collide. A `slug` field that holds a secret is an error.
pub(super) fn assign_slugs(
    site: &Site,
    from: &[SlugFrom],
    resolver: &Resolver,
    cases: &[Arc<PublicCase>],
    diags: &mut Diagnostics,
) -> Vec<String> {
    let mut slugs = vec![String::new(); cases.len()];
    let mut taken: HashMap<&str, usize, ahash::RandomState> =
        HashMap::with_capacity_and_hasher(cases.len(), ahash::RandomState::new());
    let mut fallback: Vec<usize> = Vec::new();
    for (i, from) in from.iter().enumerate() {
        match from {
            SlugFrom::GivenSecret => diags.push(
                site.cases[i]
                    .error_at(
                        &[Seg::Key("slug".into())],
                        "the `slug` field contains a sensitive value",
                    )
                    .help("a case URL must not name the client or a person: choose a slug that describes the situation, or remove `slug` to use a generated one"),
            ),
            SlugFrom::Pseudonym => fallback.push(i),
            SlugFrom::Given(slug) | SlugFrom::Stem(slug) => {
                if let Some(&other) = taken.get(slug.as_str()) {
                    diags.push(dup_slug(site, i, other, slug));
                    continue;
                }
                taken.insert(slug, i);
                slugs[i] = slug.clone();
            }
        }
    }
    let mut taken: std::collections::HashSet<String> =
        taken.into_keys().map(str::to_string).collect();
    for i in fallback {
        let (name, _) = resolver.text(
            &StandIn::Client(fold(&site.cases[i].record.client.name)),
            resolver.words,
        );
        // The exit month at the published precision (a year when dates are
        // published by year): the URL reveals no more than the page.
        let base = format!(
            "{}-{}",
            pseudonym::slug_of(&name, resolver.words.client_prefix),
            cases[i].exit_date.datetime
        );
        let mut slug = base.clone();
        let mut n = 2;
        while taken.contains(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(slug.clone());
        slugs[i] = slug;
    }
    slugs
}

pub(super) fn dup_slug(site: &Site, i: usize, other: usize, slug: &str) -> Diagnostic {
    let here = &site.cases[i];
    let path = if here.record.slug.is_some() {
        vec![Seg::Key("slug".into())]
    } else {
        Vec::new()
    };
    let mut d = here
        .error_at(
            &path,
            format!(
                "two cases would publish at `cases/{slug}/`: this one and `{}`",
                crate::diag::display_path(&site.cases[other].shown)
            ),
        )
        .help("give one of them a different `slug:` or file name");
    if path.is_empty() {
        d.line = 0;
        d.column = 0;
        d.snippet = None;
    }
    d
}
