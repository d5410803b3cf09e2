//! The load stage: `site.toml`, the theme and every chapter and case file,
//! kept as read and read again only where a change names them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::Changes;
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{self, Location, SourceFile, Sources as ThemeFiles};
use crate::render::theme::{self, Theme};
use crate::text::{Fingerprint, hash};

/// The static files of the site: (output path, bytes).
pub(super) type Assets = Arc<Vec<(String, Vec<u8>)>>;

/// A chapter or case file as read.
pub(super) struct Entry {
    pub(super) hash: u128,
    pub(super) file: Result<SourceFile, Diagnostic>,
}

/// `site.toml` as read in this run.
pub(super) struct SiteToml {
    pub(super) config: Config,
    pub(super) text: String,
    /// Its path as shown in messages.
    pub(super) shown: PathBuf,
}

/// Everything read, kept between runs.
#[derive(Default)]
pub(super) struct Sources {
    /// `site.toml` as last read.
    config_text: Option<String>,
    /// Templates and static files (its `chapters` and `cases` stay empty:
    /// those are `chapters` and `cases` below).
    pub(super) theme_files: ThemeFiles,
    theme_diags: Diagnostics,
    pub(super) theme_hash: u128,
    /// The compiled theme and the assets, for `theme_hash`.
    theme: Option<(u128, Arc<Theme>, Assets)>,
    theme_stale: bool,
    /// Chapter and case files by path under `content/` (sorted as paths).
    pub(super) chapters: BTreeMap<PathBuf, Entry>,
    pub(super) cases: BTreeMap<PathBuf, Entry>,
    /// Files of `content/` that may be records and are not read
    /// ([`load::unread`]), looked for again when such a path changes.
    unread: Vec<Diagnostic>,
    unread_stale: bool,
}

impl Sources {
    /// Read `site.toml` (always: it is small) and whatever `changes` names.
    pub(super) fn load(
        &mut self,
        loc: &Location,
        changes: &Changes,
        diags: &mut Diagnostics,
    ) -> Result<SiteToml, Diagnostic> {
        let (text, shown) = load::read_config(loc)?;
        let config = Config::parse(&text, &shown)?;
        let config_changed = self.config_text.as_deref() != Some(text.as_str());
        self.config_text = Some(text.clone());
        match changes {
            Changes::All => {
                self.reload_content(loc);
                self.unread_stale = true;
                self.theme_stale = true;
            }
            Changes::Paths(paths) => {
                for p in paths {
                    self.refresh(loc, p);
                }
            }
        }
        if self.theme_stale || config_changed || self.theme_hash == 0 {
            self.reload_theme(loc, &config.theme);
        }
        diags.extend(self.theme_diags.0.iter().cloned());
        if self.unread_stale {
            self.unread = load::unread(loc, &loc.root.join("content"));
            self.unread_stale = false;
        }
        diags.extend(self.unread.iter().cloned());
        Ok(SiteToml {
            config,
            text,
            shown,
        })
    }

    /// The hash of each readable file's text, by its path under `content/`.
    pub(super) fn text_hashes(&self) -> std::collections::HashMap<&str, u128, ahash::RandomState> {
        self.chapters
            .values()
            .chain(self.cases.values())
            .filter_map(|e| e.file.as_ref().ok().map(|f| (f.rel.as_str(), e.hash)))
            .collect()
    }

    /// Files that could not be read, as errors.
    pub(super) fn unreadable(&self) -> impl Iterator<Item = &Diagnostic> {
        self.chapters
            .values()
            .chain(self.cases.values())
            .filter_map(|e| e.file.as_ref().err())
    }

    /// The compiled theme and the assets, compiled again only when a
    /// template or static file changed.
    pub(super) fn theme(
        &mut self,
        loc: &Location,
        theme_name: &str,
    ) -> Result<(Arc<Theme>, Assets), Vec<Diagnostic>> {
        if let Some((h, t, a)) = &self.theme
            && *h == self.theme_hash
        {
            return Ok((Arc::clone(t), Arc::clone(a)));
        }
        let compiled = Arc::new(Theme::load(loc, theme_name, &self.theme_files)?);
        let assets = Arc::new(theme::assets(&self.theme_files, super::index::ASSETS));
        self.theme = Some((self.theme_hash, Arc::clone(&compiled), Arc::clone(&assets)));
        Ok((compiled, assets))
    }

    fn reload_theme(&mut self, loc: &Location, theme: &str) {
        let mut files = ThemeFiles::default();
        let mut diags = Diagnostics::default();
        load::read_theme_files(loc, theme, &mut files, &mut diags);
        let mut fp = Fingerprint::default();
        fp.str(theme);
        for (n, t) in files
            .template_overrides
            .iter()
            .chain(&files.theme_templates)
        {
            fp.str(n).str(t);
        }
        fp.u128(files.template_overrides.len() as u128);
        for (n, t) in &files.theme_i18n {
            fp.str(n).str(t);
        }
        for (p, b) in &files.static_files {
            fp.str(p).bytes(b);
        }
        self.theme_hash = fp.finish();
        self.theme_files = files;
        self.theme_diags = diags;
        self.theme_stale = false;
    }

    /// Read every chapter and case file again.
    fn reload_content(&mut self, loc: &Location) {
        let content = loc.root.join("content");
        for (sub, exts, chapters) in [
            ("chapters", load::CHAPTER_EXTS, true),
            ("cases", load::CASE_EXTS, false),
        ] {
            let paths = load::source_paths(&content.join(sub), exts);
            let entries: Vec<(PathBuf, Entry)> = paths
                .par_iter()
                .map(|p| (rel_key(&content, p), read_entry(loc, &content, p)))
                .collect();
            let map = entries.into_iter().collect();
            if chapters {
                self.chapters = map;
            } else {
                self.cases = map;
            }
        }
    }

    /// Take note of one changed path (relative to the root).
    fn refresh(&mut self, loc: &Location, rel: &Path) {
        let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
        let first = parts.next().unwrap_or_default();
        let second = parts.next().unwrap_or_default();
        match first.as_ref() {
            "templates" | "themes" | "static" => self.theme_stale = true,
            "content" => {
                let content = loc.root.join("content");
                let abs = loc.root.join(rel);
                if second.is_empty() {
                    // `content/` itself: read it all again.
                    self.reload_content(loc);
                    self.unread_stale = true;
                    return;
                }
                // A path that is no chapter or record as named may be one
                // set aside.
                let source = match second.as_ref() {
                    "chapters" => load::is_source(&abs, load::CHAPTER_EXTS),
                    "cases" => load::is_source(&abs, load::CASE_EXTS),
                    _ => false,
                };
                if !source {
                    self.unread_stale = true;
                }
                let (map, exts) = match second.as_ref() {
                    "chapters" => (&mut self.chapters, load::CHAPTER_EXTS),
                    "cases" => (&mut self.cases, load::CASE_EXTS),
                    _ => return,
                };
                let key = rel_key(&content, &abs);
                // A folder created, renamed, moved or deleted, or a file
                // gone: forget what was under it first.
                if !abs.is_file() {
                    map.retain(|k, _| !k.starts_with(&key));
                }
                if abs.is_dir() {
                    for p in load::source_paths(&abs, exts) {
                        let e = read_entry(loc, &content, &p);
                        map.insert(rel_key(&content, &p), e);
                    }
                } else if abs.is_file() && load::is_source(&abs, exts) {
                    map.insert(key, read_entry(loc, &content, &abs));
                }
            }
            // `site.toml` is read on every run.
            _ => {}
        }
    }
}

/// The key of a content file: its path under `content/`, compared as a path
/// (the order `build` reads files in).
fn rel_key(content: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(content).unwrap_or(p).to_path_buf()
}

fn read_entry(loc: &Location, content: &Path, p: &Path) -> Entry {
    let file = load::read_source(loc, content, p);
    let hash = file.as_ref().map_or(0, |f| hash(f.text.as_bytes()));
    Entry { hash, file }
}
