//! Plain output data, shared by every stage that makes or reads files of
//! the site: render and search make them, the leak gate reads them, publish
//! writes them, serve answers with them. It sits at the bottom so that none
//! of those stages imports another for a type.

use serde::Serialize;

/// An input an output file was made from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Dep {
    /// `site.toml` (and with it the secret set's `[anonymize] sensitive`).
    Config,
    /// Any template or static file.
    Theme,
    /// A content file, by its path under `content/`.
    Source(String),
    /// The list of chapters: titles, order, slugs (navigation, home page).
    ChapterList,
    /// The list of cases: titles, dates, slugs (library, home page).
    CaseList,
    /// The secret set: a change to any sensitive value can touch any page.
    Secrets,
    /// The text of every chapter and case: a search index shard holds the
    /// words of a range of the alphabet, which any page can add to.
    AllContent,
}

/// One file of the site, with what it depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated: `cases/x/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
    pub deps: Vec<Dep>,
}
