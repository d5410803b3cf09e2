//! The leak gate: the last check before a new site replaces the old one.
//!
//! It reads every output file and every output path — exactly what
//! `publish` writes to the staging folder — in its own way
//! ([`decode`], [`fold`], [`read`]) and searches it with its own matcher
//! ([`matcher`], [`trie`], [`dates`]) for every form of every secret. It
//! shares the secret set's list of forms, refused days and origins with
//! the scrubber, never the scrubber's
//! reading or matching code, and it is stricter: whatever the scrubber
//! missed fails the build here instead of being published. A file it cannot
//! read as text (a PDF, an archive, gzip that does not inflate, UTF-16
//! without a byte-order mark) fails the build unless `[anonymize]
//! unchecked` lists it; images are published as they are.
//!
//! Its errors name the output file, the record and field the secret came
//! from, and what decoding revealed it — never the value.
//!
//! Fast by construction: one fused decode-and-fold pass per file into a
//! compact ASCII stream, one matcher pass over it, large files cut into
//! overlapping pieces so that both cores share them, and a file's bytes
//! read once however many paths publish them. The pipeline hands it only
//! what changed since the last site that passed (see [`Scan::Part`]).

pub mod dates;
pub mod decode;
pub mod fold;
pub mod image;
pub mod masks;
pub mod matcher;
pub mod pieces;
pub mod read;
pub mod reveal;
pub mod seen;
#[cfg(test)]
mod tests;
pub mod trie;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;

use crate::anonymize::secrets::{SecretSet, inflects};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use decode::Canon;
use matcher::{Hit, Matcher};
pub use pieces::changed_part;
use pieces::{OVERLAP, piece, pieces};
use read::Content;
use reveal::Reveal;
use seen::Seen;

/// What of a file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scan {
    /// All of it.
    Whole,
    /// Only these bytes (with their surroundings): the file passed under
    /// the same secrets before, and only this part changed. A file that is
    /// not plain UTF-8 text is read whole all the same.
    Part(Range<usize>),
    /// Only its path: its bytes passed under the same secrets already.
    PathOnly,
}

/// One output file to check.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    /// Relative to the output folder, `/`-separated.
    pub path: &'a str,
    pub bytes: &'a [u8],
    /// A hash of all of `bytes` (`crate::text::hash`): files with the same
    /// bytes are read once. `None`: not hashed, read on its own.
    pub hash: Option<u128>,
    pub scan: Scan,
    /// Copied as it is from a `static/` folder (for the error's help: no
    /// other file of the site is written that way).
    pub copied: bool,
}

/// The gate for one secret set and one `site.toml`.
pub struct Gate {
    matcher: Matcher,
    /// (file, field) of every origin.
    origins: Vec<(String, String)>,
    unchecked: Vec<String>,
    /// Whether pages without a language of their own inflect names.
    inflect: bool,
    empty: bool,
    /// Segments read clean under this secret set.
    seen: Seen,
}

/// What a thread reads with, kept from one text to the next.
#[derive(Default)]
struct Scratch {
    canon: Canon,
    looked: seen::Looked,
    /// The keys of the segments being read.
    keys: Vec<seen::Key>,
    /// The attribute values read apart, and their keys.
    values: Vec<u8>,
    value_keys: Vec<seen::Key>,
    /// A plain block's text, and the keys of a run's blocks.
    block: Vec<u8>,
    block_keys: Vec<seen::Key>,
    /// Where a plain block's text stands in its page; the same two for the
    /// blocks looked up.
    spans: Vec<Range<usize>>,
    looked_up: (Vec<u8>, Vec<Range<usize>>),
    /// Quoted stretches read before, and a segment less them.
    skips: Vec<Range<usize>>,
    stripped: String,
}

/// A file's content, the part of it to read (`None`: all), and the marks
/// it bears (base64 `data:` URLs, right-to-left overrides).
type Classified<'a> = (Content<'a>, Option<Range<usize>>, read::Marks);

/// A piece of work: a text to read, and the files it stands for.
struct Job<'a> {
    text: &'a str,
    how: Reveal,
    inflect: bool,
    /// A page (`.html`): its plain blocks' texts are remembered, and
    /// looked up among other files' quoted stretches read ahead; in any
    /// other file, quoted stretches are looked up among the pages' texts
    /// ([`seen::texts`]). Pages are read first in a scan.
    html: bool,
    /// Whether the file holds a right-to-left override, where reading it
    /// found out ([`read::Marks`]); `None`: [`Gate::read_text`] looks.
    overrides: Option<bool>,
    files: usize,
}

impl Gate {
    pub fn new(secrets: &SecretSet, config: &Config) -> Gate {
        let unchecked = config
            .anonymize
            .unchecked
            .iter()
            .map(|u| {
                let u = u.trim().trim_start_matches("./").trim_start_matches('/');
                u.strip_prefix("static/").unwrap_or(u).to_string()
            })
            .collect();
        Gate {
            matcher: Matcher::new(secrets, &config.anonymize.allow),
            origins: secrets
                .origins
                .iter()
                .map(|o| (o.file.clone(), o.field.clone()))
                .collect(),
            unchecked,
            inflect: inflects(&config.language),
            empty: secrets.is_empty() && secrets.days.is_empty(),
            seen: Seen::default(),
        }
    }

    /// Is `path` listed in `[anonymize] unchecked`?
    fn is_unchecked(&self, path: &str) -> bool {
        self.unchecked
            .iter()
            .any(|u| u == path || (u.ends_with('/') && path.starts_with(u.as_str())))
    }

    /// Check `items`; every problem is returned together.
    pub fn scan(&self, items: &[Item<'_>]) -> Diagnostics {
        self.scan_with(items, false)
    }

    /// [`Gate::scan`], for files that pages will follow in a later scan (a
    /// streamed build checks the search index, which holds every
    /// chapter's and case's paragraphs, before the pages): the quoted
    /// stretches of files other than pages read clean are remembered, and
    /// the pages that follow do not read their plain blocks with those
    /// texts again ([`seen::texts`]). Pages in it remember their plain
    /// blocks' texts, as in a scan with other files.
    pub fn scan_ahead(&self, items: &[Item<'_>]) -> Diagnostics {
        self.scan_with(items, true)
    }

    fn scan_with(&self, items: &[Item<'_>], ahead: bool) -> Diagnostics {
        let mut diags = Diagnostics::default();
        // What each file holds, by its bytes: read once per distinct content.
        let mut groups: HashMap<(u128, usize), usize, ahash::RandomState> = HashMap::default();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut contents: Vec<Classified<'_>> = Vec::new();
        let classified: Vec<Option<Classified<'_>>> = items
            .par_iter()
            .map(|it| {
                let part = match &it.scan {
                    Scan::PathOnly => return None,
                    _ if self.is_unchecked(it.path) => return None,
                    Scan::Whole => None,
                    Scan::Part(r) => Some(r.clone()),
                };
                let (content, marks) = read::content_and_marks(it.bytes, read::image_name(it.path));
                // Only a file read as it is can be read in part.
                let part =
                    part.filter(|_| matches!(&content, Content::Text(_, how) if how.is_empty()));
                Some((content, part, marks))
            })
            .collect();
        for (i, c) in classified.into_iter().enumerate() {
            let Some((content, part, marks)) = c else {
                continue;
            };
            if let Content::Unreadable(why) = content {
                diags.push(unreadable(items[i].path, why));
                continue;
            }
            if self.empty || matches!(content, Content::Image) {
                continue;
            }
            let mut new = |content| {
                contents.push(content);
                owners.push(Vec::new());
                owners.len() - 1
            };
            let g = match items[i].hash {
                Some(h) => {
                    let key = (h, part.as_ref().map_or(usize::MAX, |p| p.start));
                    *groups
                        .entry(key)
                        .or_insert_with(|| new((content, part, marks)))
                }
                None => new((content, part, marks)),
            };
            owners[g].push(i);
        }
        if self.empty {
            return diags;
        }

        // The texts to read: every distinct content, cut into pieces, and
        // base64 `data:` URLs inside them; a saved mail's text decoded.
        let mut nested: Vec<(usize, String, Reveal)> = Vec::new();
        for (g, (content, _, marks)) in contents.iter().enumerate() {
            if let Content::Text(t, how) = content
                && owners[g].iter().any(|&i| read::mail_name(items[i].path))
                && let Some(decoded) = read::quoted_printable(t)
            {
                nested.push((g, decoded, *how | Reveal::QUOTED_PRINTABLE));
            }
            if let Content::Text(t, how) = content
                && owners[g].iter().any(|&i| read::xml_name(items[i].path))
            {
                match read::xml_entities(t) {
                    Some(Ok(expanded)) => {
                        nested.push((g, expanded, *how | Reveal::XML_ENTITY));
                    }
                    Some(Err(why)) => {
                        for &i in &owners[g] {
                            diags.push(unreadable(items[i].path, why));
                        }
                    }
                    None => {}
                }
            }
            if let Content::Text(t, how) = content
                && marks.data
            {
                for (mime, bytes) in read::data_urls(t) {
                    match read::content(&bytes, mime.starts_with("image/")) {
                        Content::Text(t, h) => {
                            nested.push((g, t.into_owned(), *how | h | Reveal::BASE64))
                        }
                        Content::Image => {}
                        Content::Unreadable(_)
                            if mime.starts_with("image/") || mime.starts_with("font/") => {}
                        Content::Unreadable(why) => {
                            for &i in &owners[g] {
                                diags.push(unreadable(items[i].path, why));
                            }
                        }
                    }
                }
            }
        }
        let mut jobs: Vec<Job<'_>> = Vec::new();
        for (g, (content, part, marks)) in contents.iter().enumerate() {
            let Content::Text(t, how) = content else {
                continue;
            };
            let path = items[owners[g][0]].path;
            let inflect = self.inflects_in(path, t);
            let html = path.ends_with(".html") || path.ends_with(".htm");
            let text: &str = match part {
                Some(r) => piece(t, r.start.saturating_sub(OVERLAP)..r.end + OVERLAP),
                None => t,
            };
            for p in pieces(text) {
                jobs.push(Job {
                    text: p,
                    how: *how,
                    inflect,
                    html,
                    // Of the whole file: an override in another piece only
                    // has this one read whole.
                    overrides: marks.overrides,
                    files: g,
                });
            }
        }
        for (g, t, how) in &nested {
            jobs.push(Job {
                text: t,
                how: *how,
                inflect: self.inflect,
                html: false,
                overrides: None,
                files: *g,
            });
        }

        self.seen
            .expect(jobs.iter().map(|j| j.text.len()).sum::<usize>());
        // Read and search, in parallel: pages first, so that the texts of
        // their paragraphs are known when the other files are read.
        let (pages, others): (Vec<&Job<'_>>, Vec<&Job<'_>>) = jobs.iter().partition(|j| j.html);
        // Pages' paragraphs are worth remembering only for other files
        // read in the same scan (the whole site, or a rebuild's changes),
        // or in a later one; other files' quoted stretches, only for pages
        // in a later one.
        let remember_blocks = ahead || !others.is_empty();
        let mut found: Vec<(usize, Vec<Hit>)> = Vec::new();
        for phase in [pages, others] {
            found.par_extend(
                phase
                    .par_iter()
                    .map_init(Scratch::default, |scratch, job| {
                        let mut hits = Vec::new();
                        let remember = if job.html { remember_blocks } else { ahead };
                        self.read_text(job, remember, scratch, &mut hits);
                        for h in &mut hits {
                            h.how |= job.how;
                        }
                        (job.files, hits)
                    })
                    .filter(|(_, hits)| !hits.is_empty()),
            );
        }

        // Per output file (in path order): each origin once, with every
        // decoding that revealed it.
        let mut by_file: HashMap<&str, BTreeMap<usize, Reveal>, ahash::RandomState> =
            HashMap::default();
        for (g, hits) in found {
            for &i in &owners[g] {
                let entry = by_file.entry(items[i].path).or_default();
                for h in &hits {
                    *entry.entry(h.origin).or_default() |= h.how;
                }
            }
        }
        // Every path: folder and file names.
        let mut canon = Canon::default();
        let mut hits = Vec::new();
        let mut seen: HashSet<&str, ahash::RandomState> = HashSet::default();
        for it in items {
            for (end, _) in it.path.match_indices('/').chain([(it.path.len(), "")]) {
                let prefix = &it.path[..end];
                if !seen.insert(prefix) {
                    continue;
                }
                let name = prefix.rsplit('/').next().unwrap_or(prefix);
                hits.clear();
                decode::read(name, &mut canon, false);
                self.matcher.find(&canon, false, &mut hits);
                let entry = by_file.entry(it.path);
                if !hits.is_empty() {
                    let e = entry.or_default();
                    for h in &hits {
                        *e.entry(h.origin).or_default() |= h.how | Reveal::PATH;
                    }
                }
            }
        }
        let mut by_file: Vec<(&str, BTreeMap<usize, Reveal>)> = by_file.into_iter().collect();
        by_file.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let copied: HashSet<&str, ahash::RandomState> = items
            .iter()
            .filter(|it| it.copied)
            .map(|it| it.path)
            .collect();
        for (path, origins) in by_file {
            let copied = copied.contains(path);
            for (origin, how) in origins {
                let (file, field) = &self.origins[origin];
                let what = if copied {
                    format!("the file `{path}`, copied as it is from a static/ folder,")
                } else {
                    format!("the output file `{path}`")
                };
                diags.push(
                    Diagnostic::error(format!(
                        "{what} would publish `{field}` of {file} (found {})",
                        how.describe()
                    ))
                    .in_file(file)
                    .help(if how.contains(Reveal::IMAGE) {
                        "the image's metadata (a description, an author, keywords, a comment) or text stored after the image holds it: save the image again without its metadata (`exiftool -all= -trailer:all= FILE`, or export it with metadata off); its pixels are not read"
                    } else if copied {
                        "exitbook publishes a file of static/ byte for byte and never rewrites it: take the value out of that file (or the file out of static/), or, if the text is a harmless word, list it in `[anonymize] allow`"
                    } else if how.contains(Reveal::INFLECTED) {
                        // The word the page holds may be an ordinary one that
                        // happens to be a name's stem and an ending.
                        "the value is shown nowhere; on pages in a language that inflects names (and on every page for a Slavic surname, one ending in -ski, -ska, -wicz and the like), a word made of a name part (less a final vowel) and an ending of up to four letters counts as that name. Find the word on that page: if it names the person, rephrase it; if it is an ordinary word, list the name part (as the record writes it) in `[anonymize] allow`"
                    } else {
                        "the value is shown nowhere; find where that text is written (a chapter, a title, a published field such as industry or role, a template, a file in static/, a word of `[search] synonyms` in site.toml) and remove or rephrase it, or list a harmless word in `[anonymize] allow` (`exitbook check` names the fields with a name part that the theme or the chapters also use as a word)"
                    }),
                );
            }
        }
        diags
    }

    /// Read a job's text segment by segment ([`seen`]), skipping segments
    /// read clean before; runs of segments not seen are read together, and
    /// the attribute values of segments seen but for them, apart. If
    /// `remember`, a page's plain blocks read clean are remembered, and
    /// another file's quoted stretches read clean; other files' quoted
    /// stretches that were a page's blocks are taken out, and so are a
    /// page's plain blocks that were another file's quoted stretches
    /// ([`seen::texts`]).
    fn read_text(&self, job: &Job<'_>, remember: bool, scratch: &mut Scratch, hits: &mut Vec<Hit>) {
        let Scratch {
            canon,
            looked,
            keys,
            values,
            value_keys,
            block,
            block_keys,
            spans,
            looked_up,
            skips,
            stripped,
        } = scratch;
        let (text, inflect) = (job.text, job.inflect);
        // Reading a stretch between quotes apart is sound only where no
        // form reaches across a quote.
        let whole = self.matcher.crosses_quotes();
        let overrides = job
            .overrides
            .unwrap_or_else(|| seen::values::overrides(text.as_bytes()));
        // What to remember of a run read clean: a page's plain blocks, or
        // another file's quoted stretches (for pages to come).
        let remember_quoted = remember && !job.html && !whole && !overrides;
        let remember = remember && job.html && !whole;
        // What read before to take out: another file's quoted stretches
        // that were a page's plain blocks, or a page's plain blocks that
        // were another file's quoted stretches.
        let quoted = !job.html && !whole && self.seen.has_texts() && !overrides;
        let mut plain = job.html && !whole && self.seen.has_quoted() && !overrides;
        // Looking a page's blocks up pays where its paragraphs are news
        // (the print page, read right after the index), not in a page
        // whose new segments are its own headings and lists: a page that
        // found too few stops looking.
        let (mut looks, mut finds) = (0u32, 0u32);
        let mut read = |text: &str, keys: &mut Vec<seen::Key>, hits: &mut Vec<Hit>| {
            let before = hits.len();
            decode::read(text, canon, false);
            self.matcher.find(canon, inflect, hits);
            if canon.ambiguous {
                decode::read(text, canon, true);
                self.matcher.find(canon, inflect, hits);
            }
            if hits.len() == before {
                self.seen.insert_all(keys);
                if remember {
                    block_keys.clear();
                    seen::texts::blocks(text.as_bytes(), block, spans, |t, _| {
                        seen::push_keys(block_keys, t, inflect, Seen::text_key);
                    });
                    self.seen.insert_texts(block_keys);
                }
                if remember_quoted {
                    block_keys.clear();
                    seen::texts::quoted(text.as_bytes(), |r| {
                        seen::push_keys(block_keys, &text.as_bytes()[r], inflect, Seen::quoted_key);
                    });
                    self.seen.insert_quoted(block_keys);
                }
            }
            keys.clear();
        };
        self.seen.look(text, inflect, whole || overrides, looked);
        let known = self.seen.lookup();
        // The values of segments seen but for them, each closed by a `"`
        // and the first opened by one, as they stand in the text.
        values.clear();
        values.push(b'"');
        value_keys.clear();
        keys.clear();
        // The run of new segments to read together: as they stand in the
        // text (`run`), or, once stretches read before were taken out of
        // one of them, copied into `stripped` (`copied`) — the text less
        // those stretches, read in one call however many segments lost
        // some (most such segments are a tag or two around a paragraph
        // whose text was met before).
        let mut run: Option<Range<usize>> = None;
        let mut copied = false;
        for seg in &looked.segments {
            match seg.seen {
                seen::Look::New => {
                    skips.clear();
                    if quoted {
                        let b = &text.as_bytes()[seg.range.clone()];
                        seen::texts::quoted(b, |r| {
                            if known(Seen::text_key(&b[r.clone()], inflect)) {
                                skips.push(r);
                            }
                        });
                    } else if plain {
                        let b = &text.as_bytes()[seg.range.clone()];
                        seen::texts::blocks(b, &mut looked_up.0, &mut looked_up.1, |t, at| {
                            if known(Seen::quoted_key(t, inflect)) {
                                skips.extend_from_slice(at);
                            }
                        });
                        looks += 1;
                        finds += u32::from(!skips.is_empty());
                        if looks >= 16 && finds * 4 < looks {
                            plain = false;
                        }
                    }
                    keys.push(seg.key);
                    if let Some((skeleton, values, _)) = &seg.apart {
                        keys.extend([*skeleton, *values]);
                    }
                    let seg_text = &text[seg.range.clone()];
                    if skips.is_empty() && !copied {
                        run = Some(run.map_or(seg.range.clone(), |r| r.start..seg.range.end));
                        continue;
                    }
                    if !copied {
                        stripped.clear();
                        if let Some(r) = run.take() {
                            stripped.push_str(&text[r]);
                        }
                        copied = true;
                    }
                    // The segment less the stretches (their quotes side by
                    // side), after the segments before it, as in the text.
                    let mut last = 0;
                    for r in skips.iter() {
                        stripped.push_str(&seg_text[last..r.start]);
                        last = r.end;
                    }
                    stripped.push_str(&seg_text[last..]);
                    continue;
                }
                seen::Look::Values => {
                    if let Some((_, k, r)) = &seg.apart {
                        values.extend_from_slice(&looked.values[r.clone()]);
                        // Clean, the values make the segment as it is clean.
                        value_keys.extend([*k, seg.key]);
                    }
                }
                seen::Look::Seen => {}
            }
            if copied {
                read(stripped, keys, hits);
                copied = false;
            } else if let Some(r) = run.take() {
                read(&text[r], keys, hits);
            }
        }
        if copied {
            read(stripped, keys, hits);
        } else if let Some(r) = run.take() {
            read(&text[r], keys, hits);
        }
        if !value_keys.is_empty() {
            let before = hits.len();
            // Plain values are ASCII (and a byte that is not would be read
            // as a replacement character, never skipped).
            read(&String::from_utf8_lossy(values), value_keys, hits);
            for h in &mut hits[before..] {
                h.how |= Reveal::ATTRIBUTE;
            }
        }
    }

    /// Does the page at `path` inflect names? Its `<html lang>` says; other
    /// files are in the site's language.
    fn inflects_in(&self, path: &str, text: &str) -> bool {
        if path.ends_with(".html") {
            let head = piece(text, 0..2048);
            if let Some(p) = head.find("<html")
                && let Some(l) = head[p..].find("lang=")
            {
                let v = head[p + l + 5..].trim_start_matches(['"', '\'']);
                let lang: String = v
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                if !lang.is_empty() {
                    return inflects(&lang);
                }
            }
        }
        self.inflect
    }
}

fn unreadable(path: &str, why: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "the output file `{path}` cannot be checked for secrets: it is {why}, which the leak gate cannot read as text"
    ))
    .help(format!(
        "publish it as text or as an image, remove it from static/, or, if you have checked it yourself, list it in site.toml: [anonymize] unchecked = [\"{path}\"]"
    ))
}
