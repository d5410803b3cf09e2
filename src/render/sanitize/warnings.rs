//! Warnings for what the sanitiser removes: where it was in the file.

use std::sync::LazyLock;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::yaml::{self, Seg};
use crate::model::case::Case;
use crate::model::site::Site;

/// The help of every warning about removed HTML.
pub const HELP: &str = "raw HTML is kept, but scripts, frames, forms, styles, event handlers (onclick=…) and javascript:, vbscript: or data: URLs (except data:image/ in images) never reach a page; remove it, or write it as text in `backticks`";

/// At most this many removed constructs are reported per file (each one
/// costs a walk to its line), then how many more there were.
pub const MAX_PER_FILE: usize = 20;

/// Whether a text may hold anything [`scan`] or a link check would report:
/// raw HTML (a `<`), or a link whose destination has a scheme (or hides
/// one behind a character reference). `@/` links and relative ones, the
/// links records hold, are not.
pub fn may_hold_html(text: &str) -> bool {
    let b = text.as_bytes();
    if memchr::memchr(b'<', b).is_some() {
        return true;
    }
    let schemed = |at: usize| {
        let dest = &b[at..(at + 64).min(b.len())];
        let start = dest
            .iter()
            .position(|c| !c.is_ascii_whitespace())
            .unwrap_or(0);
        dest[start..]
            .iter()
            .find(|c| matches!(c, b':' | b'/' | b')' | b'#' | b'&' | b'@' | b'\n' | b' '))
            .is_some_and(|c| matches!(c, b':' | b'&'))
    };
    memchr::memmem::find_iter(b, b"](").any(|i| schemed(i + 2))
        || memchr::memmem::find_iter(b, b"]:").any(|i| schemed(i + 2))
}

/// Warnings for what rendering removes from the Markdown fields of the
/// records (titles are text, never HTML; notes only when published).
pub fn check_records(site: &Site, publish_notes: bool, diags: &mut Diagnostics) {
    static SCHEMA: LazyLock<serde_json::Value> = LazyLock::new(crate::model::record::schema);
    let found: Vec<Vec<Diagnostic>> = site
        .cases
        .par_iter()
        .filter(|c| may_hold_html(&c.text))
        .map(|c| record_warnings(c, &SCHEMA, publish_notes))
        .collect();
    diags.extend(found.into_iter().flatten());
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

/// "…and N more": the warning that ends a file's list.
pub fn too_many(file: &std::path::Path, more: usize) -> Diagnostic {
    Diagnostic::warning(format!(
        "{more} more construct{} removed from the page",
        if more == 1 { "" } else { "s" }
    ))
    .in_file(file)
    .help(HELP)
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
