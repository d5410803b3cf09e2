//! Incremental rebuilds (issue 6) give the same site as a clean build: a
//! pipeline kept alive across random edit sequences is compared, file by
//! file and byte for byte, with a fresh `generate()` of the same state.
//! In-process (the library API), so that many sequences run in seconds.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::common::Handbook;
use exitbook::Mode;
use exitbook::pipeline::{Changes, Pipeline};
use proptest::prelude::*;

const CLIENTS: &[&str] = &[
    "Harbor Freight Logistics",
    "Quillfeather Stationers",
    "Brightwater Dental",
    "Northwind Traders",
    "Kestrel Analytics",
];
const PEOPLE: &[&str] = &[
    "Dana Whitfield",
    "Marcus Oyelaran",
    "Ines Kowalczyk",
    "Tobias Lindqvist",
];
const REASONS: &[&str] = &["complaint", "bad-fit", "budget", "price", "competitor"];
const WORDS: &[&str] = &[
    "renewal", "invoice", "handover", "budget", "call", "scope", "trust", "notice", "retainer",
];

/// One record, from a few knobs.
fn record(
    client: usize,
    person: usize,
    reason: usize,
    month: u32,
    story: &str,
    chapters: &[&str],
    draft: bool,
) -> String {
    format!(
        "title: {reason_word} and a {word}\nclient:\n  name: {client}\n  industry: logistics\n  region: Pacific Northwest\ncontacts:\n  - name: {person}\n    role: Operations Director\nowner: Priya Natarajan\nexit:\n  date: 2025-{month:02}-15\n  initiated_by: client\n  reason: {reason_word}\n  summary: \"{story}\"\noutcome: exited\nfarewell:\n  thank_you_sent: {thanked}\nchapters: [{chapters}]\ndraft: {draft}\n",
        reason_word = REASONS[reason % REASONS.len()],
        word = WORDS[(reason + month as usize) % WORDS.len()],
        client = CLIENTS[client % CLIENTS.len()],
        person = PEOPLE[person % PEOPLE.len()],
        thanked = (reason + month as usize) % 2 == 0,
        chapters = chapters.join(", "),
    )
}

fn chapter(title: &str, order: i64, body: &str) -> String {
    format!(
        "---\ntitle: {title}\norder: {order}\nsummary: About {title}.\n---\n\n## Why\n\n{body}\n\n## How\n\nSteps.\n"
    )
}

/// An edit to the handbook.
#[derive(Debug, Clone)]
enum Edit {
    /// Append a sentence (maybe with a link) to chapter `n`'s text.
    ChapterText(usize, usize, Option<usize>),
    ChapterTitle(usize, usize),
    /// A record's non-sensitive fields: reason, month, story.
    RecordField(usize, usize, u32, usize),
    /// A record's chapters list.
    RecordChapters(usize, bool),
    AddRecord(usize, usize),
    RemoveRecord(usize),
    RenameRecord(usize),
    RenameChapter(usize),
    /// A sensitive value: the client or the contact.
    Sensitive(usize, usize, usize),
    Draft(usize),
    SiteTitle(usize),
    /// Remove `base_url` (no feed), or set it again.
    Feed,
    Template(usize),
    /// A broken record, fixed by a later edit to it.
    Break(usize),
    AddChapter(usize),
    RemoveChapter(usize),
    /// Set, change or remove a record's `slug:` (its URL, not its file).
    Slug(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (0..8usize, 0..9usize, proptest::option::of(0..8usize)).prop_map(|(a, b, c)| Edit::ChapterText(a, b, c)),
        1 => (0..8usize, 0..9usize).prop_map(|(a, b)| Edit::ChapterTitle(a, b)),
        4 => (0..8usize, 0..5usize, 1..13u32, 0..9usize).prop_map(|(a, b, c, d)| Edit::RecordField(a, b, c, d)),
        1 => (0..8usize, any::<bool>()).prop_map(|(a, b)| Edit::RecordChapters(a, b)),
        1 => (0..5usize, 0..4usize).prop_map(|(a, b)| Edit::AddRecord(a, b)),
        1 => (0..8usize).prop_map(Edit::RemoveRecord),
        1 => (0..8usize).prop_map(Edit::RenameRecord),
        1 => (0..8usize).prop_map(Edit::RenameChapter),
        1 => (0..8usize, 0..5usize, 0..4usize).prop_map(|(a, b, c)| Edit::Sensitive(a, b, c)),
        1 => (0..8usize).prop_map(Edit::Draft),
        1 => (0..3usize).prop_map(Edit::SiteTitle),
        1 => Just(Edit::Feed),
        1 => (0..3usize).prop_map(Edit::Template),
        1 => (0..8usize).prop_map(Edit::Break),
        1 => (0..9usize).prop_map(Edit::AddChapter),
        1 => (0..8usize).prop_map(Edit::RemoveChapter),
        1 => (0..8usize, 0..3usize).prop_map(|(a, b)| Edit::Slug(a, b)),
    ]
}

/// The handbook as the test knows it: every file by path.
struct State {
    h: Handbook,
    files: BTreeMap<String, String>,
    serial: usize,
}

impl State {
    fn new() -> State {
        let h = Handbook::new();
        let mut s = State {
            h,
            files: BTreeMap::new(),
            serial: 0,
        };
        s.put(
            "site.toml",
            "title = \"Test handbook\"\nbase_url = \"https://handbook.example.com/\"\n[[onboarding]]\npage = \"@/chapters/c0.md\"\n",
        );
        for i in 0..3 {
            s.put(
                &format!("content/chapters/c{i}.md"),
                &chapter(
                    &format!("Chapter {i}"),
                    i as i64,
                    "See [the first case](@/cases/r0.yaml).",
                ),
            );
        }
        for i in 0..3 {
            s.put(
                &format!("content/cases/r{i}.yaml"),
                &record(
                    i,
                    i,
                    i,
                    i as u32 + 1,
                    "It went badly.",
                    &["c0", "c1"],
                    false,
                ),
            );
        }
        s
    }

    fn put(&mut self, path: &str, text: &str) -> PathBuf {
        self.h.write(path, text);
        self.files.insert(path.to_string(), text.to_string());
        PathBuf::from(path)
    }

    fn remove(&mut self, path: &str) -> PathBuf {
        self.h.remove(path);
        self.files.remove(path);
        PathBuf::from(path)
    }

    fn rename(&mut self, from: &str, to: &str) -> Vec<PathBuf> {
        std::fs::rename(self.h.path(from), self.h.path(to)).expect("rename");
        let text = self.files.remove(from).expect("known");
        self.files.insert(to.to_string(), text);
        vec![PathBuf::from(from), PathBuf::from(to)]
    }

    fn under(&self, prefix: &str) -> Vec<String> {
        self.files
            .keys()
            .filter(|k| k.starts_with(prefix))
            .cloned()
            .collect()
    }

    fn pick(&self, prefix: &str, n: usize) -> Option<String> {
        let all = self.under(prefix);
        (!all.is_empty()).then(|| all[n % all.len()].clone())
    }

    fn slug(path: &str) -> String {
        path.rsplit('/')
            .next()
            .unwrap_or(path)
            .split('.')
            .next()
            .unwrap_or("")
            .to_string()
    }

    /// Apply an edit; the paths it touched.
    fn apply(&mut self, e: &Edit) -> Vec<PathBuf> {
        self.serial += 1;
        let n = self.serial;
        match *e {
            Edit::ChapterText(c, w, link) => {
                let Some(p) = self.pick("content/chapters/", c) else {
                    return vec![];
                };
                let mut text = self.files[&p].clone();
                text.push_str(&format!("\nAbout the {} ({n}).", WORDS[w]));
                if let Some(l) = link {
                    let target = self.pick("content/", l).unwrap_or_default();
                    if let Some(rel) = target.strip_prefix("content/") {
                        text.push_str(&format!(" See [this](@/{rel})."));
                    }
                }
                text.push('\n');
                vec![self.put(&p, &text)]
            }
            Edit::ChapterTitle(c, w) => {
                let Some(p) = self.pick("content/chapters/", c) else {
                    return vec![];
                };
                let text = self.files[&p].replacen(
                    "title: ",
                    &format!("title: {} ", capital(WORDS[w])),
                    1,
                );
                vec![self.put(&p, &text)]
            }
            Edit::RecordField(r, reason, month, story) => {
                let Some(p) = self.pick("content/cases/", r) else {
                    return vec![];
                };
                // A third of the stories link to a case: the feed shows
                // where that case is published.
                let link = match self.pick("content/cases/", story) {
                    Some(t) if story % 3 == 0 => format!(
                        " See [this](@/{}).",
                        t.strip_prefix("content/").unwrap_or(&t)
                    ),
                    _ => String::new(),
                };
                let old = &self.files[&p];
                let mut lines: Vec<String> = old.lines().map(str::to_string).collect();
                for l in &mut lines {
                    if l.starts_with("  reason: ") {
                        *l = format!("  reason: {}", REASONS[reason]);
                    } else if l.starts_with("  date: ") {
                        *l = format!("  date: 2025-{month:02}-15");
                    } else if l.starts_with("  thank_you_sent: ") {
                        // Shown in no list, only on the case and insights pages.
                        *l = format!("  thank_you_sent: {}", story % 2 == 0);
                    } else if l.starts_with("  summary: ") {
                        *l = format!(
                            "  summary: \"The {} went wrong ({n}).{link}\"",
                            WORDS[story]
                        );
                    }
                }
                vec![self.put(&p, &(lines.join("\n") + "\n"))]
            }
            Edit::RecordChapters(r, both) => {
                let Some(p) = self.pick("content/cases/", r) else {
                    return vec![];
                };
                let chapters: Vec<String> = self
                    .under("content/chapters/")
                    .iter()
                    .map(|c| State::slug(c))
                    .collect();
                let pick: Vec<String> = if both {
                    chapters
                } else {
                    chapters.into_iter().take(1).collect()
                };
                let text = replace_line(
                    &self.files[&p],
                    "chapters: ",
                    &format!("chapters: [{}]", pick.join(", ")),
                );
                vec![self.put(&p, &text)]
            }
            Edit::AddRecord(client, person) => {
                let chapters: Vec<String> = self
                    .under("content/chapters/")
                    .iter()
                    .take(1)
                    .map(|c| State::slug(c))
                    .collect();
                let chapters: Vec<&str> = chapters.iter().map(String::as_str).collect();
                let text = record(
                    client,
                    person,
                    n,
                    (n % 12) as u32 + 1,
                    "A new one.",
                    &chapters,
                    false,
                );
                vec![self.put(&format!("content/cases/new{n}.yaml"), &text)]
            }
            Edit::RemoveRecord(r) => match self.pick("content/cases/", r) {
                Some(p) if self.under("content/cases/").len() > 1 => vec![self.remove(&p)],
                _ => vec![],
            },
            Edit::RenameRecord(r) => {
                let Some(p) = self.pick("content/cases/", r) else {
                    return vec![];
                };
                self.rename(&p, &format!("content/cases/moved{n}.yaml"))
            }
            Edit::RenameChapter(c) => {
                let Some(p) = self.pick("content/chapters/", c) else {
                    return vec![];
                };
                // Into a subfolder: the slug (and every link to it) stays.
                let to = format!("content/chapters/sub{n}/{}.md", State::slug(&p));
                std::fs::create_dir_all(self.h.path(&format!("content/chapters/sub{n}")))
                    .expect("mkdir");
                self.rename(&p, &to)
            }
            Edit::Sensitive(r, client, person) => {
                let Some(p) = self.pick("content/cases/", r) else {
                    return vec![];
                };
                let text = replace_line(
                    &self.files[&p],
                    "  name: ",
                    &format!("  name: {}", CLIENTS[client]),
                );
                let text = replace_line(
                    &text,
                    "  - name: ",
                    &format!("  - name: {}", PEOPLE[person]),
                );
                vec![self.put(&p, &text)]
            }
            Edit::Draft(r) => {
                let Some(p) = self.pick("content/cases/", r) else {
                    return vec![];
                };
                let text = &self.files[&p];
                let text = if text.contains("draft: false") {
                    text.replace("draft: false", "draft: true")
                } else {
                    text.replace("draft: true", "draft: false")
                };
                vec![self.put(&p, &text)]
            }
            Edit::SiteTitle(t) => {
                let old = self.files["site.toml"].clone();
                vec![self.put(
                    "site.toml",
                    &replace_line(&old, "title = ", &format!("title = \"Handbook {t}\"")),
                )]
            }
            Edit::Feed => {
                let old = self.files["site.toml"].clone();
                let line = "base_url = \"https://handbook.example.com/\"\n";
                let new = if old.contains(line) {
                    old.replace(line, "")
                } else {
                    old.replacen('\n', &format!("\n{line}"), 1)
                };
                vec![self.put("site.toml", &new)]
            }
            Edit::Template(t) => {
                if t == 0 && self.files.contains_key("templates/404.html") {
                    return vec![self.remove("templates/404.html")];
                }
                let text = format!(
                    "{{% extends \"base.html\" %}}{{% block main %}}<h1>Lost ({t} {n})</h1>{{% endblock main %}}"
                );
                vec![self.put("templates/404.html", &text)]
            }
            Edit::Break(r) => {
                let Some(p) = self.pick("content/cases/", r) else {
                    return vec![];
                };
                let text = &self.files[&p];
                let text = if let Some(fixed) = text.strip_prefix("broken: [\n") {
                    fixed.to_string()
                } else {
                    format!("broken: [\n{text}")
                };
                vec![self.put(&p, &text)]
            }
            Edit::AddChapter(k) => {
                let text = chapter(
                    &format!("Added {}", capital(WORDS[k])),
                    (n % 5) as i64,
                    "New text.",
                );
                vec![self.put(&format!("content/chapters/added{n}.md"), &text)]
            }
            Edit::Slug(r, k) => {
                let Some(p) = self.pick("content/cases/", r) else {
                    return vec![];
                };
                let text = &self.files[&p];
                let text = match text.strip_prefix("slug: ") {
                    Some(rest) if k == 0 => rest
                        .split_once('\n')
                        .map(|(_, t)| t.to_string())
                        .unwrap_or_default(),
                    Some(rest) => format!(
                        "slug: url-{k}-{n}\n{}",
                        rest.split_once('\n').map(|(_, t)| t).unwrap_or_default()
                    ),
                    None => format!("slug: url-{k}-{n}\n{text}"),
                };
                vec![self.put(&p, &text)]
            }
            Edit::RemoveChapter(c) => match self.pick("content/chapters/", c) {
                Some(p) if self.under("content/chapters/").len() > 1 => vec![self.remove(&p)],
                _ => vec![],
            },
        }
    }
}

fn capital(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn replace_line(text: &str, starts: &str, with: &str) -> String {
    let mut done = false;
    let mut out: Vec<String> = Vec::new();
    for l in text.lines() {
        if !done && l.starts_with(starts) {
            out.push(with.to_string());
            done = true;
        } else {
            out.push(l.to_string());
        }
    }
    out.join("\n") + "\n"
}

type Site = BTreeMap<String, Vec<u8>>;

fn site_of(p: &Pipeline) -> Site {
    p.files()
        .iter()
        .map(|f| (f.path.clone(), f.bytes.clone()))
        .collect()
}

/// The pipeline's state after `run`, against a clean build: the same
/// verdict, the same diagnostics, and (when good) the same bytes.
fn compare(p: &Pipeline, ok: bool, diags: &str, step: &str) -> Result<(), TestCaseError> {
    let (fresh, fresh_diags) = exitbook::generate(p.root(), false, Mode::Build);
    prop_assert_eq!(
        diags,
        fresh_diags.render_human(),
        "diagnostics differ after {}",
        step
    );
    prop_assert_eq!(ok, fresh.is_some(), "verdict differs after {}", step);
    if let Some(g) = fresh {
        let clean: Site = g.files.into_iter().map(|f| (f.path, f.bytes)).collect();
        let kept = site_of(p);
        let clean_paths: Vec<&String> = clean.keys().collect();
        let kept_paths: Vec<&String> = kept.keys().collect();
        prop_assert_eq!(kept_paths, clean_paths, "file lists differ after {}", step);
        for (path, bytes) in &clean {
            prop_assert!(
                kept[path] == *bytes,
                "{} differs after {}:\n--- incremental\n{}\n--- clean\n{}",
                path,
                step,
                String::from_utf8_lossy(&kept[path]),
                String::from_utf8_lossy(bytes)
            );
        }
    }
    Ok(())
}

proptest! {
    // 20 sequences in CI; PROPTEST_CASES=500 for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(20),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn incremental_rebuilds_equal_clean_builds(edits in proptest::collection::vec(edit(), 1..10)) {
        let mut state = State::new();
        let mut p = Pipeline::new(state.h.dir.path(), false, Mode::Build);
        let first = p.run(&Changes::All);
        prop_assert!(first.ok, "{}", first.diagnostics.render_human());
        let mut log = Vec::new();
        for e in &edits {
            let touched = state.apply(e);
            log.push(format!("{e:?}"));
            let run = p.run(&Changes::Paths(touched));
            compare(&p, run.ok, &run.diagnostics.render_human(), &log.join(" → "))?;
        }
    }
}

/// What a one-chapter edit re-renders and re-scans: that chapter's page and
/// the pages that show it, not the whole site.
#[test]
fn a_chapter_edit_renders_only_its_dependents() {
    let mut state = State::new();
    for i in 3..8 {
        state.put(
            &format!("content/chapters/c{i}.md"),
            &chapter(&format!("Chapter {i}"), i, "Plain text."),
        );
    }
    let mut p = Pipeline::new(state.h.dir.path(), false, Mode::Build);
    let all = p.run(&Changes::All);
    assert!(all.ok);
    let total = p.files().len();
    assert_eq!(all.rendered, total);

    let search = p
        .files()
        .iter()
        .filter(|f| f.path.starts_with("search/"))
        .count();
    assert!(search > 3, "the search index and page are part of the site");
    let touched = state.apply(&Edit::ChapterText(7, 0, None));
    let run = p.run(&Changes::Paths(touched));
    assert!(run.ok, "{}", run.diagnostics.render_human());
    // c7's page and the print page (which holds every chapter), and the
    // files of the search index that hold c7's words or text: not all.
    let pages = run
        .changed
        .iter()
        .filter(|p| !p.starts_with("search/"))
        .count();
    assert!(pages <= 2, "{:?}", run.changed);
    assert!(
        run.rendered > 2 && run.rendered < 2 + search,
        "rendered {} of {total} ({search} in the search index)",
        run.rendered
    );
    let mut changed = run.changed.clone();
    changed.sort();
    let pages: Vec<&String> = changed
        .iter()
        .filter(|p| !p.starts_with("search/"))
        .collect();
    assert_eq!(pages, ["chapters/c7/index.html", "print/index.html"]);
    // Only files whose bytes changed are scanned again: the two pages and
    // the index files that hold the chapter's new words.
    let index_changed = changed.len() - pages.len();
    assert!(index_changed >= 1 && index_changed < search, "{changed:?}");
    assert_eq!(run.scanned, changed.len());

    // Nothing changed: nothing rendered, nothing scanned.
    let run = p.run(&Changes::Paths(vec![PathBuf::from(
        "content/chapters/c7.md",
    )]));
    assert!(run.ok);
    assert_eq!((run.rendered, run.scanned), (0, 0), "{:?}", run.changed);
    assert!(run.changed.is_empty());

    // A sensitive value: everything again.
    let touched = state.apply(&Edit::Sensitive(0, 4, 3));
    let run = p.run(&Changes::Paths(touched));
    assert!(run.ok, "{}", run.diagnostics.render_human());
    // Every page but the 404 page (the stylesheets, scripts and robots.txt
    // show no record; search files whose words did not change are kept as
    // they were); everything is scanned again.
    let static_files = p
        .files()
        .iter()
        .filter(|f| f.path == "404.html" || f.path == "robots.txt" || f.path.starts_with("assets/"))
        .count();
    // (The index may have a file more or less: its words changed.)
    let now = p.files().len();
    let pages = total - static_files - search;
    assert!(
        run.rendered > pages && run.rendered <= now - static_files,
        "{} of {now}",
        run.rendered
    );
    assert_eq!(run.scanned, now);
}

/// A record's warnings about removed HTML are kept while the record is the
/// same, and made again when whether its notes are published changes.
#[test]
fn record_warnings_follow_the_record_and_the_notes_setting() {
    let mut state = State::new();
    let r0 = state.files["content/cases/r0.yaml"].clone();
    state.put(
        "content/cases/r0.yaml",
        &format!("{r0}notes: |\n  Call first. <script>alert(1)</script>\n"),
    );
    let mut p = Pipeline::new(state.h.dir.path(), false, Mode::Build);
    let warned = |run: &exitbook::pipeline::Run| {
        run.diagnostics
            .render_human()
            .matches("removed from the page")
            .count()
    };
    let first = p.run(&Changes::All);
    assert!(first.ok, "{}", first.diagnostics.render_human());
    assert_eq!(
        warned(&first),
        0,
        "notes are not published: nothing to warn of"
    );
    let site = state.files["site.toml"].clone();
    let touched = state.put(
        "site.toml",
        &format!("{site}[anonymize]\npublish_notes = true\n"),
    );
    let run = p.run(&Changes::Paths(vec![touched]));
    assert_eq!(warned(&run), 1, "{}", run.diagnostics.render_human());
    // An edit elsewhere: the record's warning stays.
    let touched = state.apply(&Edit::ChapterText(1, 0, None));
    let run = p.run(&Changes::Paths(touched));
    assert_eq!(warned(&run), 1, "{}", run.diagnostics.render_human());
    let touched = state.put("site.toml", &site);
    let run = p.run(&Changes::Paths(vec![touched]));
    assert_eq!(warned(&run), 0, "{}", run.diagnostics.render_human());
}
