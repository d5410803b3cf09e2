//! The floor: the least work any generator must do with this handbook, in
//! the fastest way the same libraries allow. It walks `content/`, reads
//! every file, parses every record's YAML and every chapter's front matter,
//! renders the Markdown with pulldown-cmark into a one-line page shell and
//! writes one `index.html` per source, all on rayon's threads. No
//! anonymization, no links checked, no search index, no templates: what
//! exitbook costs above this is what its features cost.
//!
//! ```sh
//! cargo build --release --example floor
//! target/release/examples/floor /dev/shm/eb/c10000/exitbook /dev/shm/eb/floor-out
//! ```

use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() {
    let mut args = std::env::args_os().skip(1);
    let (Some(root), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: floor HANDBOOK OUT");
        std::process::exit(2);
    };
    let (root, out) = (PathBuf::from(root), PathBuf::from(out));
    let content = root.join("content");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    let pages: usize = files.par_iter().map(|p| page(&content, p, &out)).sum();
    eprintln!("floor: {pages} pages into {}", out.display());
}

/// One source file to one page; 1 if written.
fn page(content: &Path, path: &Path, out: &Path) -> usize {
    let Ok(text) = fs::read_to_string(path) else {
        return 0;
    };
    let (title, markdown) = match path.extension().and_then(|e| e.to_str()) {
        Some("md") => chapter(&text),
        Some("yaml" | "yml") => case(&text),
        _ => return 0,
    };
    let mut body = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut body, Parser::new_ext(&markdown, Options::all()));
    let html = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><main><h1>{title}</h1>{body}</main></body></html>"
    );
    let rel = path
        .strip_prefix(content)
        .unwrap_or(path)
        .with_extension("");
    let dir = out.join(rel);
    if fs::create_dir_all(&dir).is_err() {
        return 0;
    }
    usize::from(fs::write(dir.join("index.html"), html).is_ok())
}

/// A chapter: front matter between `---` lines, then Markdown.
fn chapter(text: &str) -> (String, String) {
    let rest = text.strip_prefix("---\n").unwrap_or(text);
    let (front, body) = rest.split_once("\n---\n").unwrap_or(("", rest));
    let meta: serde_yaml::Value = serde_yaml::from_str(front).unwrap_or_default();
    let title = meta["title"].as_str().unwrap_or("").to_string();
    (title, body.to_string())
}

/// A record: its title and its summary (the Markdown the corpus puts there).
fn case(text: &str) -> (String, String) {
    let record: serde_yaml::Value = serde_yaml::from_str(text).unwrap_or_default();
    let title = record["title"].as_str().unwrap_or("").to_string();
    let summary = record["exit"]["summary"].as_str().unwrap_or("").to_string();
    (title, summary)
}
