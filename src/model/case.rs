//! Case records: a YAML file → a validated [`Record`].

use std::path::PathBuf;

use crate::diag::Diagnostic;
use crate::load::SourceFile;
use crate::load::yaml;
use crate::model::record::{self, Record};
use crate::model::{problems_to_diagnostics, validate};

/// A parsed case record and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// `cases/archive/x.yaml`, relative to `content/`.
    pub rel: String,
    pub shown: PathBuf,
    /// The file stem: `x` for `cases/archive/x.yaml`.
    pub stem: String,
    /// The source text, kept to locate later (cross-file) problems.
    pub text: std::sync::Arc<str>,
    pub record: Record,
}

impl Case {
    /// The line and column of a path inside this record.
    pub fn locate(&self, path: &[yaml::Seg]) -> (usize, usize) {
        yaml::locate(&self.text, path)
    }

    /// A diagnostic pointing at the value at `path` in this record, with a
    /// masked snippet.
    pub fn error_at(&self, path: &[yaml::Seg], message: impl Into<String>) -> Diagnostic {
        let (l, c) = self.locate(path);
        let (l, c) = yaml::value_position(&self.text, l, c);
        Diagnostic::error(message)
            .at(&self.shown, l, c)
            .with_source(&self.text, crate::diag::mask_line)
    }
}

/// Parse and validate one record; every problem in it is returned together.
///
/// The diagnostics of a record that fails are [`Diagnostic::guarded`]: its
/// own sensitive values never reach the secret set, so nothing that could
/// be one of them is shown.
pub fn parse(file: &SourceFile, schema: &validate::Compiled<'_>) -> Result<Case, Vec<Diagnostic>> {
    parse_unguarded(file, schema).map_err(|ds| ds.into_iter().map(Diagnostic::guarded).collect())
}

/// The longest slug, file stem, tag, industry or region (each may become
/// a folder of the site; file systems refuse names over 255 bytes).
pub const MAX_SLUG: usize = 100;

fn parse_unguarded(
    file: &SourceFile,
    schema: &validate::Compiled<'_>,
) -> Result<Case, Vec<Diagnostic>> {
    if file.text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error("the record is empty")
                .at(&file.shown, 1, 1)
                .help("a record needs at least client.name, exit.date, exit.initiated_by, exit.reason and outcome; `exitbook new case NAME` writes a template"),
        ]);
    }
    let doc = yaml::parse(&file.text).map_err(|e| {
        vec![
            Diagnostic::error(format!("the record is not valid YAML: {}", e.message))
                .at(&file.shown, e.line, e.column)
                .help("check the indentation (two spaces per level) and quote text that contains `: ` or starts with a special character")
                .with_source(&file.text, crate::diag::mask_line),
        ]
    })?;
    if !doc.is_object() {
        return Err(vec![
            Diagnostic::error("a record must be a mapping of fields (`client:`, `exit:`, ...)")
                .at(&file.shown, 1, 1)
                .help("`exitbook new case NAME` writes a template to start from"),
        ]);
    }
    let problems = validate::validate_with(&doc, schema);
    if !problems.is_empty() {
        return Err(problems_to_diagnostics(
            &problems,
            &file.text,
            &file.shown,
            0,
            &file.text,
        ));
    }
    let record: Record = serde_json::from_value(doc).map_err(|_| {
        vec![Diagnostic::error("the record could not be read").at(&file.shown, 1, 1)]
    })?;
    let name = file.rel.rsplit('/').next().unwrap_or(&file.rel);
    let stem = crate::load::stem(name, crate::load::CASE_EXTS).to_string();
    let long = too_long(&record, &stem, &file.text, &file.shown);
    if !long.is_empty() {
        return Err(long);
    }
    Ok(Case {
        rel: file.rel.clone(),
        shown: file.shown.clone(),
        stem,
        text: file.text.clone(),
        record,
    })
}

/// Values that become folder names of the site, longer than [`MAX_SLUG`]:
/// an error at the value (or at the top of the file for its name), found
/// by `check` rather than by the file system at write time.
fn too_long(record: &Record, stem: &str, text: &str, shown: &std::path::Path) -> Vec<Diagnostic> {
    use yaml::Seg::{Index, Key};
    let mut out = Vec::new();
    let help =
        format!("keep it under {MAX_SLUG} characters: it becomes part of a URL and a folder name");
    if stem.chars().count() > MAX_SLUG && record.slug.is_none() {
        out.push(
            Diagnostic::error(format!(
                "the file name is longer than {MAX_SLUG} characters"
            ))
            .at(shown, 1, 1)
            .help(format!("{help}; rename the file, or set a shorter `slug:`")),
        );
    }
    let mut check = |value: Option<&str>, path: Vec<yaml::Seg>, what: &str| {
        if value.is_some_and(|v| v.chars().count() > MAX_SLUG) {
            let (l, c) = yaml::locate(text, &path);
            let (l, c) = yaml::value_position(text, l, c);
            out.push(
                Diagnostic::error(format!("{what} is longer than {MAX_SLUG} characters"))
                    .at(shown, l, c)
                    .help(help.clone()),
            );
        }
    };
    check(record.slug.as_deref(), vec![Key("slug".into())], "`slug`");
    let client = |k: &str| vec![Key("client".into()), Key(k.into())];
    check(
        record.client.industry.as_deref(),
        client("industry"),
        "`client.industry`",
    );
    check(
        record.client.region.as_deref(),
        client("region"),
        "`client.region`",
    );
    for (i, t) in record.tags.iter().enumerate() {
        check(Some(t), vec![Key("tags".into()), Index(i)], "a tag");
    }
    out
}

/// The schema every record is validated against, read once.
pub fn record_schema() -> &'static validate::Compiled<'static> {
    static SCHEMA: std::sync::LazyLock<serde_json::Value> =
        std::sync::LazyLock::new(record::schema);
    static COMPILED: std::sync::LazyLock<validate::Compiled<'static>> =
        std::sync::LazyLock::new(|| validate::Compiled::new(&SCHEMA));
    &COMPILED
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            rel: "cases/x.yaml".into(),
            shown: PathBuf::from("content/cases/x.yaml"),
            text: text.into(),
        }
    }

    #[test]
    fn errors_point_at_lines_and_never_show_secrets() {
        let src = "client:\n  name: Harbor Freight\n  aliasses: [HFL]\nexit:\n  date: 2025-03-31\n  initiated_by: client\n  reason: complants\noutcome: exited\n";
        let ds = parse(&file(src), record_schema()).unwrap_err();
        assert_eq!(ds.len(), 2);
        assert_eq!((ds[0].line, ds[0].column), (3, 3));
        assert_eq!((ds[1].line, ds[1].column), (7, 11));
        let all: String = ds.iter().map(|d| d.to_string()).collect();
        assert!(!all.contains("HFL") && !all.contains("Harbor"), "{all}");
        assert!(all.contains("reason: complants"), "{all}");
    }

    #[test]
    fn syntax_errors_are_masked() {
        let src = "client:\n  name: Harbor Freight\n   bad: [\n";
        let ds = parse(&file(src), record_schema()).unwrap_err();
        let all: String = ds.iter().map(|d| d.to_string()).collect();
        assert!(!all.contains("Harbor"), "{all}");
        assert!(ds[0].line >= 2, "{all}");
    }
}
