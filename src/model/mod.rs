//! The handbook as data: chapters, cases, and how they link.
//!
//! Nothing here knows about HTML or the terminal. Parsing turns sources into
//! typed values (collecting every problem), and [`site::assemble`] checks
//! what only the whole handbook can tell: duplicate slugs, chapter slugs
//! that exist, translations and their originals.

pub mod case;
pub mod chapter;
pub mod facts;
pub mod record;
pub mod sensitive;
pub mod site;
pub mod validate;
pub mod values;

use std::path::Path;

use crate::diag::{Diagnostic, mask_line};
use crate::load::yaml;

/// Turn schema problems into diagnostics with lines, columns and snippets.
/// `yaml_text` is the YAML that was validated; `line_offset` is the number of
/// file lines before it (front matter starts on line 2), `file_text` the
/// whole file for the snippet.
pub(crate) fn problems_to_diagnostics(
    problems: &[validate::Problem],
    yaml_text: &str,
    shown_path: &Path,
    line_offset: usize,
    file_text: &str,
) -> Vec<Diagnostic> {
    // 5,000 unknown keys: the first ones, then how many more (each one
    // costs a walk of the file to its line).
    let shown = problems.len().min(crate::diag::MAX_PER_FILE);
    let more = problems.len() - shown;
    problems[..shown]
        .iter()
        .map(|p| {
            let (mut l, mut c) = yaml::locate(yaml_text, &p.path);
            if p.at_value {
                (l, c) = yaml::value_position(yaml_text, l, c);
            }
            let mut d = Diagnostic::error(p.message.clone()).at(shown_path, l + line_offset, c);
            if !p.hide_value {
                d = d.with_source(file_text, mask_line);
            }
            if let Some(h) = &p.help {
                d = d.help(h.clone());
            }
            d
        })
        .chain((more > 0).then(|| crate::diag::more_problems(shown_path, more)))
        .collect()
}
