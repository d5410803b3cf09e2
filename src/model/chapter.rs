//! Playbook chapters: front matter + Markdown body.

use std::path::PathBuf;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::load::SourceFile;
use crate::load::frontmatter::{SplitError, split};
use crate::load::yaml;
use crate::model::{problems_to_diagnostics, validate};

/// A chapter's front matter.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChapterMeta {
    pub title: String,
    /// Position in the handbook; chapters without one come last, by title.
    #[serde(default)]
    pub order: Option<i64>,
    /// One sentence shown in lists and meta tags.
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub draft: bool,
}

/// A parsed chapter.
#[derive(Debug, Clone, PartialEq)]
pub struct Chapter {
    /// `chapters/postmortems.md`, relative to `content/`.
    pub rel: String,
    pub shown: PathBuf,
    /// The file stem without a language suffix: `bad-fit-breakups`.
    pub slug: String,
    /// `Some("pl")` for `bad-fit-breakups.pl.md`; `None` in the site's language.
    pub lang: Option<String>,
    pub meta: ChapterMeta,
    pub body: String,
    /// The 1-based line of the file on which `body` starts.
    pub body_line: usize,
}

/// Split a file stem into slug and language: `x.pl` → (`x`, Some(`pl`)).
pub fn slug_and_lang(stem: &str, site_lang: &str) -> (String, Option<String>) {
    if let Some((slug, lang)) = stem.rsplit_once('.')
        && (2..=3).contains(&lang.len())
        && lang.chars().all(|c| c.is_ascii_lowercase())
    {
        let lang = (lang != site_lang).then(|| lang.to_string());
        return (slug.to_string(), lang);
    }
    (stem.to_string(), None)
}

/// Parse one chapter file; every problem in it is returned together.
pub fn parse(file: &SourceFile, site_lang: &str) -> Result<Chapter, Vec<Diagnostic>> {
    let parts = split(&file.text).map_err(|e| {
        let (msg, help, line) = match e {
            SplitError::Empty => (
                "the chapter file is empty",
                "start it with front matter:\n---\ntitle: My chapter\n---\nthen write the chapter in Markdown",
                0,
            ),
            SplitError::NoFrontMatter => (
                "the chapter has no front matter",
                "put at least a title between two `---` lines at the top:\n---\ntitle: My chapter\n---",
                1,
            ),
            SplitError::Unclosed => (
                "the front matter starts with `---` but is never closed",
                "add a line holding only `---` after the last front matter field",
                1,
            ),
        };
        vec![Diagnostic::error(msg).help(help).at(&file.shown, line.max(1), 1)]
    })?;
    let doc = yaml::parse(parts.front).map_err(|e| {
        vec![
            Diagnostic::error(format!("the front matter is not valid YAML: {}", e.message))
                .at(&file.shown, e.line + parts.front_line - 1, e.column)
                .help("front matter is YAML: one `key: value` per line; quote values that contain `: `")
                .with_source(&file.text, str::to_string),
        ]
    })?;
    static SCHEMA: std::sync::LazyLock<serde_json::Value> =
        std::sync::LazyLock::new(|| schemars::schema_for!(ChapterMeta).to_value());
    static COMPILED: std::sync::LazyLock<validate::Compiled<'static>> =
        std::sync::LazyLock::new(|| {
            validate::Compiled::new(&SCHEMA).about("a chapter's front matter")
        });
    let file_name = file.rel.rsplit('/').next().unwrap_or(&file.rel);
    let stem = crate::load::stem(file_name, crate::load::CHAPTER_EXTS);
    let mut problems = validate::validate_with(&doc, &COMPILED);
    // A chapter's language is no field: its file name says it.
    for p in &mut problems {
        if p.path == [crate::load::yaml::Seg::Key("language".to_string())] {
            p.help = Some(format!(
                "a chapter is in the site's language (`language` in site.toml); a translation says its language in its file name, beside the original: `{stem}.pl.md`"
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems_to_diagnostics(
            &problems,
            parts.front,
            &file.shown,
            parts.front_line - 1,
            &file.text,
        ));
    }
    let meta: ChapterMeta = serde_json::from_value(doc).map_err(|_| {
        vec![Diagnostic::error("the front matter could not be read").at(
            &file.shown,
            parts.front_line,
            1,
        )]
    })?;
    if meta.title.trim().is_empty() {
        return Err(vec![
            Diagnostic::error("the chapter title is empty")
                .at(&file.shown, parts.front_line, 1)
                .help("give the chapter a title: `title: The exit conversation`"),
        ]);
    }
    let (slug, lang) = slug_and_lang(stem, site_lang);
    if slug.chars().count() > crate::model::case::MAX_SLUG {
        return Err(vec![
            Diagnostic::error(format!(
                "the file name is longer than {} characters",
                crate::model::case::MAX_SLUG
            ))
            .at(&file.shown, 1, 1)
            .help("rename the file: its name becomes the chapter's URL and a folder name"),
        ]);
    }
    if !crate::text::is_plain_slug(&slug) {
        return Err(vec![
            // (The file's name is not repeated: where it holds a name, the
            // message would be masked.)
            Diagnostic::error("the chapter's file name does not make a usable URL slug")
                .in_file(&file.shown)
                .help("name chapter files with lowercase ASCII letters, digits and hyphens (`é` as `e`): the name becomes the chapter's URL"),
        ]);
    }
    Ok(Chapter {
        rel: file.rel.clone(),
        shown: file.shown.clone(),
        slug,
        lang,
        meta,
        body: parts.body.to_string(),
        body_line: parts.body_line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rel: &str, text: &str) -> SourceFile {
        SourceFile {
            rel: rel.into(),
            shown: PathBuf::from(format!("content/{rel}")),
            text: text.into(),
        }
    }

    #[test]
    fn languages_from_file_names() {
        assert_eq!(slug_and_lang("x.pl", "en"), ("x".into(), Some("pl".into())));
        assert_eq!(slug_and_lang("x.en", "en"), ("x".into(), None));
        assert_eq!(slug_and_lang("x", "en"), ("x".into(), None));
    }

    #[test]
    fn parses_and_reports_front_matter_problems_with_file_lines() {
        let c = parse(
            &file("chapters/a.md", "---\ntitle: A\norder: 2\n---\nBody\n"),
            "en",
        )
        .unwrap();
        assert_eq!(c.slug, "a");
        assert_eq!(c.body_line, 5);
        let e = parse(
            &file("chapters/a.md", "---\ntitle: A\ndraf: true\n---\n"),
            "en",
        )
        .unwrap_err();
        assert_eq!((e[0].line, e[0].column), (3, 1), "{}", e[0]);
        assert!(e[0].help.as_deref().unwrap_or("").contains("`draft`"));
        let e = parse(&file("chapters/a.md", "---\norder: x\n---\n"), "en").unwrap_err();
        assert_eq!(e.len(), 2, "{e:?}");
    }
}
