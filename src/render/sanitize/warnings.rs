//! Warnings for what the sanitiser removes: where it was in the file.
//! (The records' own are made before render, from the raw records: see
//! `pipeline/record_checks.rs`.)

use crate::diag::Diagnostic;

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

/// "…and N more": the warning that ends a file's list.
pub fn too_many(file: &std::path::Path, more: usize) -> Diagnostic {
    Diagnostic::warning(format!(
        "{more} more construct{} removed from the page",
        if more == 1 { "" } else { "s" }
    ))
    .in_file(file)
    .help(HELP)
}
