//! Case records: a YAML file → a validated [`Record`].

use std::path::PathBuf;

use crate::diag::{Diagnostic, mask_line};
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
    pub text: String,
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
            .with_source(&self.text, mask_line)
    }
}

/// Parse and validate one record; every problem in it is returned together.
pub fn parse(file: &SourceFile, schema: &serde_json::Value) -> Result<Case, Vec<Diagnostic>> {
    if file.text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error("the record is empty")
                .in_file(&file.shown)
                .help("a record needs at least client.name, exit.date, exit.initiated_by, exit.reason and outcome; `exitbook new case NAME` writes a template"),
        ]);
    }
    let doc = yaml::parse(&file.text).map_err(|e| {
        vec![
            Diagnostic::error(format!("the record is not valid YAML: {}", e.message))
                .at(&file.shown, e.line, e.column)
                .help("check the indentation (two spaces per level) and quote text that contains `: ` or starts with a special character")
                .with_source(&file.text, mask_line),
        ]
    })?;
    if !doc.is_object() {
        return Err(vec![
            Diagnostic::error("a record must be a mapping of fields (`client:`, `exit:`, ...)")
                .at(&file.shown, 1, 1)
                .help("`exitbook new case NAME` writes a template to start from"),
        ]);
    }
    let problems = validate::validate(&doc, schema);
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
    let stem = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
        .unwrap_or(name)
        .to_string();
    Ok(Case {
        rel: file.rel.clone(),
        shown: file.shown.clone(),
        stem,
        text: file.text.clone(),
        record,
    })
}

/// The schema every record is validated against (computed once per run).
pub fn record_schema() -> serde_json::Value {
    record::schema()
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
        let ds = parse(&file(src), &record_schema()).unwrap_err();
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
        let ds = parse(&file(src), &record_schema()).unwrap_err();
        let all: String = ds.iter().map(|d| d.to_string()).collect();
        assert!(!all.contains("Harbor"), "{all}");
        assert!(ds[0].line >= 2, "{all}");
    }
}
