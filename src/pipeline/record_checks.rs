//! Checks of the raw records that render used to make: `@/` links in a
//! record's text that lead nowhere, and raw HTML in its Markdown fields that
//! rendering will remove. They read the records themselves (their text,
//! their fields by the record schema), which render never sees, so they run
//! here, beside it, on the same site.

use std::sync::{Arc, LazyLock};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::kept::ByArc;
use crate::load::yaml::{self, Seg};
use crate::model::case::Case;
use crate::model::site::Site;
use crate::render::sanitize::{HELP, MAX_PER_FILE, may_hold_html, too_many};

/// Where each record's `@/` links are, kept while its parse is the same.
pub type KeptRecordLinks = ByArc<Case, Arc<[RecordLink]>>;

/// `@/` links inside records' Markdown fields. Those fields are not published
/// yet (see `anonymize`), but a link to nothing is still an error. Where
/// each record's links are is kept while its parse is the same; whether
/// they lead somewhere is asked again on every run.
pub fn check_record_links(site: &Site, kept: &mut KeptRecordLinks, diags: &mut Diagnostics) {
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
    // Lines counted as the search goes (not from the top for each link).
    let (mut line, mut line_start, mut counted) = (1, 0, 0);
    while let Some(found) = finder.find(&text.as_bytes()[from..]) {
        let start = from + found + 2;
        let end = text[start..]
            .find([')', ' ', '\n', '"'])
            .map_or(text.len(), |e| start + e);
        for nl in memchr::memchr_iter(b'\n', &text.as_bytes()[counted..start]) {
            line += 1;
            line_start = counted + nl + 1;
        }
        counted = start;
        let column = text[line_start..start].chars().count() + 1;
        debug_assert_eq!((line, column), crate::text::line_col(text, start));
        links.push(RecordLink {
            target: text[start + 2..end].to_string(),
            line,
            column,
        });
        from = end;
    }
    links.into()
}

/// Each record's warnings, and whether notes were published when they were
/// made, kept while its parse is the same.
pub type KeptRecordWarnings = ByArc<Case, (bool, Arc<[Diagnostic]>)>;

/// Warnings for what rendering removes from the Markdown fields of the
/// records (titles are text, never HTML; notes only when published).
pub fn check_records(
    site: &Site,
    publish_notes: bool,
    kept: &mut KeptRecordWarnings,
    diags: &mut Diagnostics,
) {
    static SCHEMA: LazyLock<serde_json::Value> = LazyLock::new(crate::model::record::schema);
    let found: Vec<(bool, Arc<[Diagnostic]>)> = site
        .cases
        .par_iter()
        .enumerate()
        .map(|(i, c)| match kept.get_at(i, c) {
            Some((notes, warnings)) if *notes == publish_notes => (*notes, Arc::clone(warnings)),
            _ if !may_hold_html(&c.text) => (publish_notes, Arc::from([])),
            _ => (
                publish_notes,
                record_warnings(c, &SCHEMA, publish_notes).into(),
            ),
        })
        .collect();
    diags.extend(found.iter().flat_map(|(_, w)| w.iter().cloned()));
    kept.keep(&site.cases, &found);
}

fn record_warnings(
    case: &Case,
    schema: &serde_json::Value,
    publish_notes: bool,
) -> Vec<Diagnostic> {
    let Ok(doc) = serde_json::to_value(&case.record) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut more = 0;
    for (path, text) in crate::model::validate::markdown_strings(&doc, schema) {
        let skip = match path.first() {
            Some(Seg::Key(k)) => k == "title" || (k == "notes" && !publish_notes),
            _ => false,
        };
        if skip || !may_hold_html(text) {
            continue;
        }
        let removed = crate::render::markdown::render(text, &|_, _| None, "").removed;
        if removed.is_empty() {
            continue;
        }
        // Where the field is, then where the construct's own text is from
        // there on (a block scalar's lines are indented in the file).
        let (l, c) = case.locate(&path);
        let from = line_start(&case.text, l);
        for r in removed {
            if out.len() >= MAX_PER_FILE {
                more += 1;
                continue;
            }
            let needle: String = text
                .get(r.offset..)
                .unwrap_or("")
                .chars()
                .take(16)
                .collect();
            let needle = needle.lines().next().unwrap_or("");
            let (line, col) = match case.text[from..]
                .find(needle)
                .filter(|_| !needle.is_empty())
            {
                Some(at) => crate::text::line_col(&case.text, from + at),
                None => yaml::value_position(&case.text, l, c),
            };
            out.push(
                Diagnostic::warning(format!("removed from the page: {}", r.what))
                    .at(&case.shown, line, col)
                    .help(HELP)
                    .with_source(&case.text, str::to_string),
            );
        }
    }
    if more > 0 {
        out.push(too_many(&case.shown, more));
    }
    out
}

/// The byte offset where 1-based `line` starts.
fn line_start(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    memchr::memchr_iter(b'\n', text.as_bytes())
        .nth(line - 2)
        .map_or(text.len(), |p| p + 1)
}
