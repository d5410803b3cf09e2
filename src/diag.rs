//! Diagnostics: what went wrong, where, and how to fix it.
//!
//! Every stage reports user mistakes as [`Diagnostic`]s instead of failing on
//! the first one, so that a run shows all of its problems together. A
//! diagnostic carries a path as the user would type it (relative to the
//! current folder), a 1-based line and column, the problem, and a hint.
//!
//! Diagnostics never carry a sensitive value: messages are written by us
//! (never copied from a parser that quotes input), and source snippets are
//! passed through a mask before they are stored (see [`mask_line`]).

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
    /// The source line, already masked. Not part of the JSON output.
    #[serde(skip)]
    pub snippet: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
            snippet: None,
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
        self.help = Some(help.into());
        self
    }

    /// Attach the source line the problem is on, masked by `mask`.
    pub fn with_source(mut self, source: &str, mask: impl Fn(&str) -> String) -> Self {
        if self.line > 0
            && let Some(text) = source.lines().nth(self.line - 1)
        {
            self.snippet = Some(mask(text.trim_end_matches('\r')));
        }
        self
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
        if let Some(snippet) = &self.snippet {
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{} | {snippet}", self.line)?;
            let pad: String = snippet
                .chars()
                .take(self.column.saturating_sub(1))
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

/// The character used to mask sensitive text in snippets.
pub const MASK: &str = "▒▒▒";

/// Mask the value of a `key: value` line of a YAML record when the key names
/// a sensitive or free-text field, so that a snippet shows the structure of
/// the line without its content. Lines that continue a block scalar (free
/// text) are masked whole. This runs before the record is parsed, so it
/// cannot rely on knowing which values are secrets.
pub fn mask_line(line: &str) -> String {
    // Keys whose values may be shown: enums, dates, numbers, slugs.
    const SHOWN: &[&str] = &[
        "draft",
        "industry",
        "region",
        "size",
        "started",
        "amount",
        "currency",
        "per",
        "date",
        "notice",
        "initiated_by",
        "reason",
        "outcome",
        "status",
        "due",
        "thank_you_sent",
        "feedback",
        "referrals_since",
        "returned",
        "chapters",
        "tags",
        "slug",
        "role",
        "order",
        "lang",
        "value",
        "refund",
    ];
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let body = trimmed.strip_prefix("- ").unwrap_or(trimmed);
    let dash = if body.len() != trimmed.len() {
        "- "
    } else {
        ""
    };
    if let Some((key, value)) = body.split_once(':') {
        let key_clean = key.trim().trim_matches('"').trim_matches('\'');
        let looks_like_key = !key_clean.is_empty()
            && key_clean
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if looks_like_key {
            let value_trim = value.trim();
            if value_trim.is_empty()
                || value_trim == "|"
                || value_trim == ">"
                || value_trim.starts_with("|-")
                || value_trim.starts_with(">-")
                || SHOWN.contains(&key_clean)
            {
                return line.to_string();
            }
            return format!("{indent}{dash}{key}: {MASK}");
        }
    }
    if trimmed.is_empty() || trimmed == "---" || trimmed.starts_with('#') {
        return line.to_string();
    }
    format!("{indent}{MASK}")
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

/// The closest candidate to `word`, if it is close enough to be a typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_l = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word_l, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1) || c.starts_with(&word_l))
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
