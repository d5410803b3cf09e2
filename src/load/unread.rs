//! Files in `content/` that are not read, said aloud where they may be a
//! record set aside: a record renamed out of the way (`acme.yaml~`,
//! `.acme.yaml`, `acme.yaml.bak`, `acme.json`), filed under
//! `content/chapters/`, or in a misspelt folder (`content/case/`) is
//! silently no record, and its client's names are then no secret: a
//! chapter that mentions them publishes them. A draft (`draft: true`)
//! keeps them protected; these warnings say so.

use std::path::Path;

use crate::diag::Diagnostic;
use crate::load::{
    CASE_EXTS, CHAPTER_EXTS, Location, files_under as files, is_source, rel_to_content,
};

/// Warnings for the files of `content/` (at `content`) that may be
/// records or chapters and are not read.
pub fn unread(loc: &Location, content: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(content) else {
        return out;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        match name.as_str() {
            "cases" => {
                for file in files(&path) {
                    let base = base_name(&file);
                    if !is_source(&file, CASE_EXTS) && record_like(&base) && !transient(&base) {
                        out.push(set_aside(loc, content, &file));
                    }
                }
            }
            "chapters" => {
                for file in files(&path) {
                    if is_source(&file, CASE_EXTS) {
                        out.push(
                            Diagnostic::warning("a record in `content/chapters/` is not read")
                                .in_file(shown(loc, content, &file))
                                .help("records go in `content/cases/`; until it is there, the names in it are not protected, and a chapter that mentions them publishes them"),
                        );
                    }
                }
            }
            _ if path.is_dir() && !name.starts_with('.') => {
                let holds = files(&path)
                    .into_iter()
                    .find(|f| is_source(f, CASE_EXTS) || is_source(f, CHAPTER_EXTS));
                if let Some(file) = holds {
                    out.push(
                        Diagnostic::warning(format!("the folder `content/{name}/` is not read"))
                            .in_file(shown(loc, content, &file))
                            .help("chapters go in `content/chapters/` and records in `content/cases/`; the names in a record here are not protected, and a chapter that mentions them publishes them"),
                    );
                }
            }
            _ => {}
        }
    }
    out
}

fn base_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// A name a record is given to set it aside: it holds `.yaml` or `.yml`
/// (`acme.yaml~`, `.acme.yaml`, `acme.yaml.bak`), or it is JSON or TOML.
fn record_like(base: &str) -> bool {
    base.contains(".yaml")
        || base.contains(".yml")
        || base.ends_with(".json")
        || base.ends_with(".toml")
}

/// An editor's swap or lock file, there only while the file is open.
fn transient(base: &str) -> bool {
    base.ends_with(".swp")
        || base.ends_with(".swx")
        || base.ends_with(".swo")
        || base.starts_with(".#")
        || (base.starts_with('#') && base.ends_with('#'))
}

fn set_aside(loc: &Location, content: &Path, file: &Path) -> Diagnostic {
    Diagnostic::warning("this file is not read as a record: a record's file name ends in `.yaml` or `.yml`")
        .in_file(shown(loc, content, file))
        .help("the names in it are not protected: a chapter that mentions them publishes them. To set a record aside, keep it as `.yaml` with `draft: true` (a draft's names stay protected); if it is an old copy, delete it")
}

fn shown(loc: &Location, content: &Path, file: &Path) -> std::path::PathBuf {
    loc.shown(&format!("content/{}", rel_to_content(content, file)))
}
