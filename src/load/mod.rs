//! Reading the handbook folder: `site.toml`, the chapter and case files, and
//! the files that themes and `static/` contribute. Everything here is I/O and
//! text decoding; what the text means is the model's business.

pub mod frontmatter;
mod unread;
pub mod yaml;

pub use unread::unread;

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics};

/// A content file, decoded: UTF-8, without a byte-order mark, `\n` endings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Relative to `content/`, with `/` separators: `chapters/postmortems.md`.
    pub rel: String,
    /// The path as shown in diagnostics (relative to the current folder).
    pub shown: PathBuf,
    pub text: std::sync::Arc<str>,
}

/// Everything read from a handbook folder.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub config_text: String,
    pub config_shown: PathBuf,
    pub chapters: Vec<SourceFile>,
    pub cases: Vec<SourceFile>,
    /// `templates/*` of the handbook: (name, text), e.g. ("case.html", …).
    pub template_overrides: Vec<(String, String)>,
    /// `themes/<theme>/templates/*` when a theme other than the built-in one is chosen.
    pub theme_templates: Vec<(String, String)>,
    /// `themes/<theme>/i18n/*.toml`: (file name, text), the theme's
    /// interface text by language.
    pub theme_i18n: Vec<(String, String)>,
    /// Files copied as they are: (output path, bytes), from the theme's and
    /// the handbook's `static/` folders (the handbook's win).
    pub static_files: Vec<(String, Vec<u8>)>,
}

/// Where the handbook lives and how its paths are shown.
#[derive(Debug, Clone)]
pub struct Location {
    /// The folder holding `site.toml`, as given by the user.
    pub root: PathBuf,
}

impl Location {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Location { root: root.into() }
    }

    /// A path inside the handbook as the user should see it.
    pub fn shown(&self, rel: &str) -> PathBuf {
        if self.root == Path::new(".") || self.root.as_os_str().is_empty() {
            PathBuf::from(rel)
        } else {
            self.root.join(rel)
        }
    }
}

/// Read the configuration text; a missing `site.toml` is the most common
/// mistake of all (running in the wrong folder), so it gets its own help.
pub fn read_config(loc: &Location) -> Result<(String, PathBuf), Diagnostic> {
    let shown = loc.shown("site.toml");
    let path = loc.root.join("site.toml");
    match fs::read(&path) {
        Ok(bytes) => decode(&bytes, &shown).map(|t| (t, shown)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Diagnostic::error(format!(
            "no site.toml in `{}`: this is not an exitbook handbook",
            crate::diag::display_path(&loc.root)
        ))
        .in_file(shown)
        .help("run exitbook in the folder that holds site.toml, pass that folder as DIR, or create a handbook with `exitbook init`")),
        Err(e) => Err(Diagnostic::error(format!("cannot read site.toml: {e}")).in_file(shown)),
    }
}

/// Read every content, template and static file of the handbook.
pub fn read_handbook(loc: &Location, theme: &str) -> (Sources, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut sources = Sources::default();
    match read_config(loc) {
        Ok((text, shown)) => {
            sources.config_text = text;
            sources.config_shown = shown;
        }
        Err(d) => {
            diags.push(d);
            return (sources, diags);
        }
    }
    let content = loc.root.join("content");
    let (chapters, d) = read_tree(loc, &content, "chapters", CHAPTER_EXTS);
    sources.chapters = chapters;
    diags.extend(d.0);
    let (cases, d) = read_tree(loc, &content, "cases", CASE_EXTS);
    sources.cases = cases;
    diags.extend(d.0);
    diags.extend(unread::unread(loc, &content));
    read_theme_files(loc, theme, &mut sources, &mut diags);
    (sources, diags)
}

/// The extensions of chapter files and of case records.
pub const CHAPTER_EXTS: &[&str] = &["md"];
pub const CASE_EXTS: &[&str] = &["yaml", "yml"];

/// Read the templates and static files of the handbook and its theme into
/// `sources` (what `templates/`, `themes/` and `static/` contribute).
pub fn read_theme_files(
    loc: &Location,
    theme: &str,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) {
    let (t, d) = read_named_texts(loc, &loc.root.join("templates"), "templates");
    sources.template_overrides = t;
    diags.extend(d.0);
    sources.theme_templates = Vec::new();
    sources.theme_i18n = Vec::new();
    sources.static_files = Vec::new();
    if theme != "default" {
        let theme_dir = loc.root.join("themes").join(theme);
        if let Err(d) = theme_inside(loc, theme, &theme_dir) {
            diags.push(d);
        } else if !theme_dir.is_dir() {
            diags.push(
                Diagnostic::error(format!("theme `{theme}` not found"))
                    .in_file(loc.shown("site.toml"))
                    .help(format!(
                        "create `themes/{theme}/templates/`, or remove `theme` from site.toml to use the built-in theme"
                    )),
            );
        } else {
            let rel = format!("themes/{theme}/templates");
            let (t, d) = read_named_texts(loc, &theme_dir.join("templates"), &rel);
            sources.theme_templates = t;
            diags.extend(d.0);
            let rel = format!("themes/{theme}/i18n");
            let (t, d) = read_named_texts(loc, &theme_dir.join("i18n"), &rel);
            sources.theme_i18n = t;
            diags.extend(d.0);
            sources
                .static_files
                .extend(read_static(&theme_dir.join("static"), diags));
        }
    }
    sources
        .static_files
        .extend(read_static(&loc.root.join("static"), diags));
}

/// `theme` names a folder of the handbook's `themes/`: a plain name (no
/// `/`, `..` or absolute path) whose folder, links resolved, is inside it.
/// Else a theme could read and publish files from anywhere on the machine.
fn theme_inside(loc: &Location, theme: &str, dir: &Path) -> Result<(), Diagnostic> {
    let plain = !theme.is_empty()
        && !theme.starts_with('.')
        && theme
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    let inside = || match (dir.canonicalize(), loc.root.join("themes").canonicalize()) {
        (Ok(d), Ok(themes)) => d.starts_with(themes),
        _ => true, // a missing theme is reported as such
    };
    if plain && inside() {
        return Ok(());
    }
    let shown = loc.shown("site.toml");
    let line = fs::read_to_string(loc.root.join("site.toml"))
        .ok()
        .and_then(|t| {
            t.lines()
                .position(|l| l.trim_start().starts_with("theme"))
                .map(|i| i + 1)
        });
    let d = Diagnostic::error("`theme` must name a folder inside the handbook's `themes/`")
        .help("write the folder's name only, e.g. theme = \"company\" for themes/company/ (a theme is read from the handbook, never from elsewhere on the machine)");
    Err(match line {
        Some(l) => d.at(shown, l, 1),
        None => d.in_file(shown),
    })
}

/// Whether a file name is one of the handbook's sources: the right
/// extension, and not hidden or an editor's backup (`.x.md.swp`, `x.md~`).
pub fn is_source(path: &Path, exts: &[&str]) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') || n.ends_with('~'));
    // Any case: a record saved as `acme.YAML` by another tool is a record
    // (left out, its client's names would be no secret anywhere).
    let ext_ok = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)));
    ext_ok && !hidden
}

/// A source file's name without its extension (any of `exts`, any case).
pub fn stem<'a>(name: &'a str, exts: &[&str]) -> &'a str {
    match name.rsplit_once('.') {
        Some((stem, ext)) if exts.iter().any(|x| x.eq_ignore_ascii_case(ext)) => stem,
        _ => name,
    }
}

/// The source files under `dir` (recursively), sorted by path.
pub fn source_paths(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut paths = files_under(dir);
    paths.retain(|p| is_source(p, exts));
    paths
}

/// Every file under `dir` (links followed), sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    paths.sort();
    paths
}

/// A file's path under `content/` (at `content`), `/`-separated.
fn rel_to_content(content: &Path, path: &Path) -> String {
    path.strip_prefix(content)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Read one content file at `path` (inside `content`).
pub fn read_source(loc: &Location, content: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let rel_to_content = rel_to_content(content, path);
    let shown = loc.shown(&format!("content/{rel_to_content}"));
    let bytes = fs::read(path)
        .map_err(|e| Diagnostic::error(format!("cannot read file: {e}")).in_file(shown.clone()))?;
    let text = decode(&bytes, &shown)?;
    Ok(SourceFile {
        rel: rel_to_content,
        shown,
        text: text.into(),
    })
}

/// Read `content/<sub>/**/*.{ext}` in parallel, sorted by path.
fn read_tree(
    loc: &Location,
    content: &Path,
    sub: &str,
    exts: &[&str],
) -> (Vec<SourceFile>, Diagnostics) {
    let paths = source_paths(&content.join(sub), exts);
    let results: Vec<Result<SourceFile, Diagnostic>> = paths
        .par_iter()
        .map(|p| read_source(loc, content, p))
        .collect();
    let mut files = Vec::new();
    let mut diags = Diagnostics::default();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    (files, diags)
}

/// Decode a file: UTF-8 required, a BOM dropped, CRLF and CR turned into LF.
pub fn decode(bytes: &[u8], shown: &Path) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        // Safe: valid_up_to marks the end of valid UTF-8.
        let prefix = std::str::from_utf8(valid).unwrap_or("");
        let (line, column) = crate::text::line_col(prefix, prefix.len());
        Diagnostic::error("the file is not valid UTF-8")
            .at(shown, line, column)
            .help("save the file as UTF-8 (most editors have an \"encoding\" setting); the invalid byte is here")
    })?;
    // (`memchr`'s search, 32 bytes at a time: the standard library's
    // `contains` was 5.5 M instructions of a 1,000-page build.)
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Ok(text.to_string())
    }
}

/// Read `*.html` (and other text) files directly inside `dir`, by name.
fn read_named_texts(loc: &Location, dir: &Path, rel: &str) -> (Vec<(String, String)>, Diagnostics) {
    let mut out = Vec::new();
    let mut diags = Diagnostics::default();
    let Ok(entries) = fs::read_dir(dir) else {
        return (out, diags);
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let Ok(name) = e.file_name().into_string() else {
            continue;
        };
        if name.starts_with('.') || !e.path().is_file() {
            continue;
        }
        let shown = loc.shown(&format!("{rel}/{name}"));
        if !inside_root(loc, &e.path()) {
            diags.push(
                Diagnostic::error("this template is a link to a file outside the handbook")
                    .in_file(shown)
                    .help("copy the file into the handbook instead: exitbook reads templates from the handbook only"),
            );
            continue;
        }
        match fs::read(e.path()) {
            Ok(bytes) => match decode(&bytes, &shown) {
                Ok(t) => out.push((name, t)),
                Err(d) => diags.push(d),
            },
            Err(err) => diags.push(Diagnostic::error(format!("cannot read: {err}")).in_file(shown)),
        }
    }
    (out, diags)
}

/// Whether `path`, links resolved, is inside the handbook.
fn inside_root(loc: &Location, path: &Path) -> bool {
    match (path.canonicalize(), loc.root.canonicalize()) {
        (Ok(p), Ok(r)) => p.starts_with(r),
        _ => false,
    }
}

/// Every file under a `static/` folder, as (relative path, bytes).
fn read_static(dir: &Path, diags: &mut Diagnostics) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    for e in WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(dir)
            .unwrap_or(e.path())
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        match fs::read(e.path()) {
            Ok(bytes) => out.push((rel, bytes)),
            Err(err) => diags.push(
                Diagnostic::error(format!("cannot read static file: {err}")).in_file(e.path()),
            ),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_accepts_bom_and_crlf() {
        let t = decode(b"\xEF\xBB\xBFa: 1\r\nb: 2\r\n", Path::new("x")).unwrap();
        assert_eq!(t, "a: 1\nb: 2\n");
    }

    #[test]
    fn decode_rejects_invalid_utf8_with_place() {
        let d = decode(b"ok\nab\xFFc", Path::new("x.md")).unwrap_err();
        assert_eq!((d.line, d.column), (2, 3));
    }
}
