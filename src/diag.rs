//! Diagnostics: what went wrong, where, and how to fix it.
//!
//! Every stage reports user mistakes as [`Diagnostic`]s instead of failing on
//! the first one, so that a run shows all of its problems together. A
//! diagnostic carries a path as the user would type it (relative to the
//! current folder), a 1-based line and column, the problem, and a hint.
//!
//! Diagnostics never carry a sensitive value. There is one masking rule
//! ([`mask_all`]), applied to every diagnostic of a run before anything
//! shows it (terminal, `--format json`, the overlay of `serve`): any form of
//! any secret of the site in the message, the help or the source snippet is
//! masked, and nothing else, so a harmless `title:` line stays readable.
//! Until that rule has run, a snippet shows only what [`mask_line`] lets
//! through; and the diagnostics of a record that failed to parse (whose own
//! sensitive values are not in the secret set) stay masked that way, with
//! every quoted value that is not a plain token masked too ([`Diagnostic::guarded`]).
//!
//! Every diagnostic is bounded: a message or help longer than
//! [`MAX_TEXT`] is cut, and a snippet is a window of the line around the
//! column, so a 1 MB line costs no more than a short one.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

/// How bad a problem is: errors fail the run (exit status 1), warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Information the user should see once (a key file was created).
    Note,
}

/// One problem in the handbook.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, as shown to the user; `None` for problems of the whole run.
    pub file: Option<PathBuf>,
    /// 1-based; 0 when the problem has no place inside the file.
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The source line (a window of it around the column). Until
    /// [`mask_all`] has run it is as written, and shown through
    /// [`mask_line`] (unless its maker said the line may be shown); after,
    /// it is masked. Not part of the JSON output.
    #[serde(skip)]
    pub snippet: Option<String>,
    /// Characters of the line left out before the window (for the caret).
    #[serde(skip)]
    snippet_from: u32,
    /// The file's own secrets are unknown (a record that failed to parse).
    #[serde(skip)]
    guarded: bool,
    /// [`mask_all`] has masked the texts.
    #[serde(skip)]
    vetted: bool,
    /// Until then, the snippet is shown through [`mask_line`].
    #[serde(skip)]
    cautious: bool,
}

/// The longest message or help kept, in bytes.
pub const MAX_TEXT: usize = 1000;

/// At most this many problems of one kind are reported per file; then
/// how many more there were ([`more_problems`]).
pub const MAX_PER_FILE: usize = 50;

/// The diagnostic that ends a file's capped list.
pub fn more_problems(file: &Path, more: usize) -> Diagnostic {
    Diagnostic::error(format!(
        "{more} more problem{} of this kind in this file",
        if more == 1 { "" } else { "s" }
    ))
    .in_file(file)
    .help("fix the ones above and run again to see the rest")
}

/// `text` cut to [`MAX_TEXT`] bytes (at a character), with an open
/// backtick closed so that masking still sees the quote.
fn bounded(text: String) -> String {
    if text.len() <= MAX_TEXT {
        return text;
    }
    let mut end = MAX_TEXT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut cut = text[..end].to_string();
    if cut.matches('`').count() % 2 == 1 {
        cut.push('`');
    }
    cut.push('…');
    cut
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            line: 0,
            column: 0,
            message: bounded(message.into()),
            help: None,
            snippet: None,
            snippet_from: 0,
            guarded: false,
            vetted: false,
            cautious: true,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn note(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(message)
        }
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        self.file = Some(file.into());
        self.line = line;
        self.column = column;
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(bounded(help.into()));
        self
    }

    /// Attach the source line the problem is on: shown masked by `mask`
    /// until [`mask_all`] has masked the secrets in it.
    pub fn with_source(self, source: &str, mask: impl Fn(&str) -> String) -> Self {
        self.with_source_from_masked(source, 1, mask)
    }

    /// [`Diagnostic::with_source`] for a text that starts on line
    /// `first_line` of the file (a chapter's body), shown as written until
    /// [`mask_all`] has run.
    pub fn with_source_from(self, source: &str, first_line: usize) -> Self {
        self.with_source_from_masked(source, first_line, str::to_string)
    }

    fn with_source_from_masked(
        mut self,
        source: &str,
        first_line: usize,
        mask: impl Fn(&str) -> String,
    ) -> Self {
        if self.line >= first_line.max(1)
            && let Some(text) = nth_line(source, self.line - first_line.max(1))
        {
            let (window, from) = window(text.trim_end_matches('\r'), self.column);
            // A mask that leaves a sensitive-looking line alone is no mask.
            const PROBE: &str = "  name: Dana Whitfield";
            self.cautious = mask(PROBE) != PROBE;
            self.snippet = Some(window);
            self.snippet_from = u32::try_from(from).unwrap_or(u32::MAX);
            self.vetted = false;
        }
        self
    }

    /// Mark a diagnostic of a file whose own secrets are unknown (a record
    /// that failed to parse): its snippet stays masked by [`mask_line`], and
    /// every quoted value (`` `…` ``) in its message that is not a
    /// plain token (an enum value, a date, a key, a slug) is masked. (Helps
    /// are written from the schema, never from the record's values.)
    pub fn guarded(mut self) -> Self {
        self.guarded = true;
        self.cautious = true;
        self.message = mask_quoted(&self.message, &|q| !is_token(q));
        self
    }

    /// The snippet as it may be shown now (see [`Diagnostic::snippet`]).
    pub fn shown_snippet(&self) -> Option<String> {
        let s = self.snippet.as_deref()?;
        Some(if !self.vetted && (self.cautious || self.guarded) {
            mask_line(s)
        } else {
            s.to_string()
        })
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// One JSON object on one line, for `--format json`.
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| String::from("{}"))
    }
}

impl fmt::Display for Diagnostic {
    /// The human form, modelled on rustc's:
    ///
    /// ```text
    /// error: unknown exit reason `complants`
    ///   --> content/cases/late-proofs.yaml:12:11
    ///    |
    /// 12 |   reason: complants
    ///    |           ^
    ///    = help: did you mean `complaint`?
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        writeln!(f, "{label}: {}", self.message)?;
        let gutter = " ".repeat(self.line.max(1).to_string().len());
        if let Some(file) = &self.file {
            let shown = display_path(file);
            if self.line > 0 {
                writeln!(f, "{gutter}--> {shown}:{}:{}", self.line, self.column)?;
            } else {
                writeln!(f, "{gutter}--> {shown}")?;
            }
        }
        if let Some(snippet) = self.shown_snippet() {
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{} | {snippet}", self.line)?;
            let from = self.snippet_from as usize;
            let pad: String = snippet
                .chars()
                .take(
                    self.column
                        .saturating_sub(1 + from)
                        .saturating_add(usize::from(from > 0)),
                )
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "{gutter} | {pad}^")?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "{gutter} = help: {help}")?;
        }
        Ok(())
    }
}

/// A path as the user should see it: without a leading `./`.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// All diagnostics of a run, in a stable order (file, line, column).
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// Sort by place so that output does not depend on thread scheduling.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
        self.0.dedup();
    }

    pub fn render_human(&self) -> String {
        let mut out = String::new();
        for d in &self.0 {
            let _ = writeln!(out, "{d}");
        }
        out
    }

    pub fn render_json(&self) -> String {
        let mut out = String::new();
        for d in &self.0 {
            out.push_str(&d.to_json_line());
            out.push('\n');
        }
        out
    }
}

mod mask;

use mask::mask_quoted;
pub use mask::{MASK, is_token, mask_all, mask_between, mask_line};

/// Line `n` (0-based) of `text`, found without collecting the lines.
fn nth_line(text: &str, n: usize) -> Option<&str> {
    let start = if n == 0 {
        0
    } else {
        memchr::memchr_iter(b'\n', text.as_bytes()).nth(n - 1)? + 1
    };
    let rest = &text[start..];
    Some(rest.split('\n').next().unwrap_or(rest))
}

/// The snippet width around the column, in characters.
const WINDOW: usize = 160;

/// A window of `line` around 1-based `column`, and how many characters
/// were left out before it (marked with `…` at each cut end).
fn window(line: &str, column: usize) -> (String, usize) {
    if line.len() <= WINDOW {
        return (line.to_string(), 0);
    }
    let col = column.saturating_sub(1);
    let from = col.saturating_sub(WINDOW / 3);
    let mut chars = line.chars().skip(from);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(chars.by_ref().take(WINDOW));
    if chars.next().is_some() {
        out.push('…');
    }
    (out, from)
}

/// Edit distance with adjacent transpositions (optimal string alignment),
/// for "did you mean" hints: `titel` is one edit from `title`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// How many candidates "did you mean" looks at, at most: the first ones
/// given (keys of a schema, slugs of a handbook are far fewer).
pub const MAX_CANDIDATES: usize = 2000;

/// The closest candidate to `word`, if it is close enough to be a typo.
///
/// Bounded, whatever the input: a word or candidate longer than 64
/// characters is no typo of anything, a candidate whose length differs
/// from the word's by more than the allowed distance is skipped before the
/// distance is computed, and at most [`MAX_CANDIDATES`] are read. So 10,000
/// unknown keys of 10,000 characters cost 10,000 short comparisons each.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    const LONGEST: usize = 64;
    let word_l = word.to_lowercase();
    let wlen = word_l.chars().count();
    if wlen > LONGEST {
        return None;
    }
    candidates
        .into_iter()
        .take(MAX_CANDIDATES)
        .filter_map(|c| {
            let clen = c.chars().count();
            if clen > LONGEST {
                return None;
            }
            let c_l = c.to_lowercase();
            let allowed = (clen / 3).max(1);
            if c_l.starts_with(&word_l) {
                return Some((clen - wlen.min(clen), c));
            }
            if clen.abs_diff(wlen) > allowed {
                return None;
            }
            let d = edit_distance(&word_l, &c_l);
            (d <= allowed).then_some((d, c))
        })
        // Ties go to the first in alphabetical order, whatever order the
        // candidates come in (they often come from a hash map).
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["client", "contacts", "chapters"];
        assert_eq!(did_you_mean("clinet", keys), Some("client"));
        assert_eq!(did_you_mean("chapter", keys), Some("chapters"));
        assert_eq!(did_you_mean("zebra", keys), None);
    }

    #[test]
    fn masks_sensitive_values_but_keeps_enums() {
        assert_eq!(
            mask_line("  name: Dana Whitfield"),
            format!("  name: {MASK}")
        );
        assert_eq!(
            mask_line("  - name: Dana Whitfield"),
            format!("  - name: {MASK}")
        );
        assert_eq!(mask_line("  reason: complants"), "  reason: complants");
        assert_eq!(mask_line("    Dana called twice."), format!("    {MASK}"));
        assert_eq!(mask_line("summary: |"), "summary: |");
    }

    #[test]
    fn human_form_names_the_place() {
        let d = Diagnostic::error("unknown key `clinet`")
            .at("content/cases/a.yaml", 3, 1)
            .help("did you mean `client`?");
        let s = d.to_string();
        assert!(s.contains("--> content/cases/a.yaml:3:1"), "{s}");
        assert!(s.contains("help: did you mean `client`?"), "{s}");
    }
}
