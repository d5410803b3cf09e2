//! A handbook written inline in a test, and the real `exitbook` binary run
//! on it (in the spirit of mdBook's `BookTest` and Hugo's txtar sites).

#![allow(dead_code)]

pub mod chromium;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A minimal valid record; tests replace parts of it.
pub const RECORD: &str = "\
title: Late proofs and a lost retainer
client:
  name: Harbor Freight Logistics
  industry: logistics
  region: Pacific Northwest
contacts:
  - name: Dana Whitfield
    role: Operations Director
    email: dana.whitfield@harborfreight.com
    phone: \"+1 503 555 0142\"
owner: Priya Natarajan
exit:
  date: 2025-03-31
  initiated_by: client
  reason: complaint
outcome: exited
chapters: [postmortems]
";

pub const CHAPTER: &str = "---\ntitle: The postmortem\norder: 1\nsummary: Look back.\n---\n\n## Why\n\nText.\n\n## Checklist\n\n- [ ] Do it.\n";

pub struct Handbook {
    pub dir: tempfile::TempDir,
}

/// What a run of the binary gave.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn ok(&self) -> &Self {
        assert_eq!(self.status, 0, "expected success; stderr:\n{}", self.stderr);
        self
    }
    pub fn fails(&self) -> &Self {
        assert_eq!(
            self.status, 1,
            "expected exit status 1; stderr:\n{}",
            self.stderr
        );
        self
    }
    /// Assert stderr names `needle`.
    pub fn says(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr should contain {needle:?}; it was:\n{}",
            self.stderr
        );
        self
    }
    pub fn never_says(&self, needle: &str) -> &Self {
        assert!(
            !self.stderr.contains(needle) && !self.stdout.contains(needle),
            "output must not contain a sensitive value (not shown here)"
        );
        self
    }
    /// No panic, ever: a panic is a bug whatever the input.
    pub fn no_panic(&self) -> &Self {
        assert!(
            !self.stderr.contains("panicked"),
            "exitbook panicked:\n{}",
            self.stderr
        );
        self
    }
}

pub fn exitbook() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_exitbook"));
    c.env_remove("EXITBOOK_KEY");
    c
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out: Output = exitbook()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the exitbook binary runs");
    Run::from(out)
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            status: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Handbook {
    /// An empty handbook with only a `site.toml`.
    pub fn new() -> Self {
        let h = Handbook {
            dir: tempfile::tempdir().expect("a temporary folder"),
        };
        h.write("site.toml", "title = \"Test handbook\"\n");
        h
    }

    /// A handbook with one chapter and one case.
    pub fn basic() -> Self {
        Handbook::new()
            .with("content/chapters/postmortems.md", CHAPTER)
            .with("content/cases/late-proofs.yaml", RECORD)
    }

    pub fn with(self, path: &str, text: &str) -> Self {
        self.write(path, text);
        self
    }

    pub fn write(&self, path: &str, text: &str) {
        self.write_bytes(path, text.as_bytes());
    }

    pub fn write_bytes(&self, path: &str, bytes: &[u8]) {
        let p = self.path(path);
        fs::create_dir_all(p.parent().expect("a parent")).expect("mkdir");
        fs::write(p, bytes).expect("write");
    }

    pub fn remove(&self, path: &str) {
        fs::remove_file(self.path(path)).expect("remove");
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.dir.path(), args)
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// Every file under `rel`, by relative path, with its bytes.
    pub fn snapshot(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        snapshot(&self.path(rel))
    }
}

pub fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !root.exists() {
        return out;
    }
    for e in walkdir::WalkDir::new(root).sort_by_file_name() {
        let e = e.expect("walk");
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(root)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, fs::read(e.path()).expect("read"));
        }
    }
    out
}

/// Every relative `href`/`src` in every HTML file of a site that does not
/// resolve to a file; `#fragments` are checked against the target's ids
/// (a `?query` is for the page's script: not checked).
pub fn broken_links(site: &Path) -> Vec<String> {
    let files = snapshot(site);
    let mut broken = Vec::new();
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for attr in ["href=\"", "src=\""] {
            for piece in html.split(attr).skip(1) {
                let url = piece.split('"').next().unwrap_or("");
                if url.is_empty()
                    || url.starts_with("http:")
                    || url.starts_with("https:")
                    || url.starts_with("mailto:")
                    || url.starts_with("data:")
                {
                    continue;
                }
                let (target, fragment) = match url.split_once('#') {
                    Some((t, f)) => (t, Some(f)),
                    None => (url, None),
                };
                let target = target.split_once('?').map_or(target, |(t, _)| t);
                let base = Path::new(path).parent().unwrap_or(Path::new(""));
                let mut resolved = if target.is_empty() {
                    PathBuf::from(path)
                } else {
                    normalize(&base.join(target))
                };
                if target.ends_with('/') || target.is_empty() && path.ends_with('/') {
                    resolved = resolved.join("index.html");
                }
                let key = resolved.to_string_lossy().replace('\\', "/");
                match files.get(&key) {
                    None => broken.push(format!("{path}: {url}")),
                    Some(bytes) => {
                        if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                            let target_html = String::from_utf8_lossy(bytes);
                            if !target_html.contains(&format!("id=\"{f}\"")) {
                                broken.push(format!("{path}: {url} (no id {f})"));
                            }
                        }
                    }
                }
            }
        }
    }
    broken
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Every facet's folder under `cases/`, as the spec names them.
pub const FACETS: &[&str] = &[
    "reason",
    "outcome",
    "initiated-by",
    "industry",
    "region",
    "chapter",
    "tag",
    "year",
];

/// The links of a site's print page that leave it for a page it holds (a
/// chapter, a translation, a case: in a PDF such a link leads nowhere), and
/// its in-page `#fragments` that name no id of the page.
pub fn print_links_out(site: &Path) -> Vec<String> {
    let html = fs::read_to_string(site.join("print/index.html")).expect("a print page");
    let mut wrong = Vec::new();
    for piece in html.split("href=\"").skip(1) {
        let url = piece.split('"').next().unwrap_or("");
        if let Some(f) = url.strip_prefix('#') {
            if !f.is_empty() && !html.contains(&format!("id=\"{f}\"")) {
                wrong.push(format!("{url}: no such id"));
            }
            continue;
        }
        if url.contains(':') {
            continue;
        }
        let page = url.split('#').next().unwrap_or("");
        let mut path: Vec<&str> = vec!["print"];
        for part in page.split('/') {
            match part {
                ".." => {
                    path.pop();
                }
                "." | "" | "index.html" => {}
                p => path.push(p),
            }
        }
        let held = match path.as_slice() {
            ["chapters", _] | [_, "chapters", _] => true,
            ["cases", x] => !FACETS.contains(x),
            _ => false,
        };
        if held {
            wrong.push(format!("{url}: a page the print page holds"));
        }
    }
    wrong
}
